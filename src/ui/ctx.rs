//! The app's state and its one way in: [`Ctx::dispatch`] applies an action to the pure model,
//! saves, and publishes the outcome for the banner.

use crate::exchange::backup_file::Status as BackupFile;
use crate::exchange::file::{Choice, ExportFile};
use crate::model::reach::{Changes, Items, Reach};
use crate::model::{Action, ActionError, State, Theme, Undo};
use crate::store::local::LocalBackend;
use crate::store::slots::{self, Loaded, SaveError, Saved, StorageError, Writer};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

use super::platform;

/// Set once this page has asked the browser to keep its data (see [`Ctx::dispatch`]).
static ASKED_DURABLE: AtomicBool = AtomicBool::new(false);

/// How this tab may use storage, decided once at load.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Storage works; every change is saved.
    Saving,
    /// Storage is blocked; the app works in memory only.
    MemoryOnly(String),
    /// Data saved by a newer version: read-only.
    Newer {
        /// The newer schema.
        schema: u32,
        /// The stored strings, for download.
        raw: Vec<(String, String)>,
    },
    /// Stored data is unreadable: recovery view, read-only.
    Recovery {
        /// Why.
        reason: String,
        /// The stored strings, for download.
        raw: Vec<(String, String)>,
    },
}

impl Mode {
    /// True when nothing may be changed.
    pub fn read_only(&self) -> bool {
        matches!(self, Mode::Newer { .. } | Mode::Recovery { .. })
    }
}

/// The outcome of the latest save, for the banner and the live region.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing saved in this session yet.
    Idle,
    /// Saved (the time, in ms).
    Saved(i64),
    /// Kept in memory only (storage blocked).
    InMemory,
    /// The save failed; the change is on screen only.
    Failed(SaveError),
}

/// Why a change was not made. Each says so in one sentence for the screen.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ActError {
    /// This tab may not write: a newer version saved the data, or it can't be read.
    #[error("Branch Out is read-only in this tab; nothing was changed.")]
    ReadOnly,
    /// The model refused the action.
    #[error("{}", capitalise(&.0.to_string()))]
    Refused(ActionError),
    /// Erasing: a save failed, so everything was put back.
    #[error("Nothing was erased: this browser did not save the change.")]
    NotSaved,
    /// Storage could not be opened or taken over.
    #[error("{}", capitalise(&.0.to_string()))]
    Storage(StorageError),
}

/// What the latest undoable change was, and how to undo it.
#[derive(Clone, Debug, PartialEq)]
pub struct UndoNotice {
    /// "Deleted goal “…”."
    pub message: String,
    /// The action that undoes it.
    pub undo: Action,
}

/// Shared by every component through context.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// Everything the librarian keeps. Screens only read it: the context alone changes it
    /// (`Ctx::apply`, `Ctx::refresh`), noting before each change what it can have changed
    /// (`Ctx::note`), because the next save compares with what is stored only what was
    /// noted. A change written here without a note could be left out of the next save.
    pub state: RwSignal<State>,
    /// How storage may be used.
    pub mode: RwSignal<Mode>,
    /// The latest save's outcome.
    pub save: RwSignal<SaveStatus>,
    /// Set when the newest save was unreadable and an older one was opened: (reason, saved at).
    pub recovered: RwSignal<Option<(String, i64)>>,
    /// True when storage held nothing at start.
    pub first_run: RwSignal<bool>,
    /// The latest change that can be undone.
    pub undo: RwSignal<Option<UndoNotice>>,
    /// Why the latest action whose screen has no message of its own was not done; shown
    /// under the banners until the next change.
    pub refused: RwSignal<Option<ActError>>,
    /// True once a newer version of Branch Out is ready to take over this tab.
    pub update_ready: RwSignal<bool>,
    /// Whether the browser keeps this site's data until the librarian clears it (`None` until
    /// the browser has answered).
    pub durable: RwSignal<Option<bool>>,
    /// The automatic backup file's status in this tab (see `ui::backup`).
    pub backup_file: RwSignal<BackupFile>,
    store: StoredValue<Store, LocalStorage>,
    /// Actions applied on screen since the last save, in order: saved together soon after
    /// (see [`Ctx::dispatch`]), and applied again on top of another tab's save if it came
    /// first.
    pending: StoredValue<Vec<Action>, LocalStorage>,
    /// This tab's last save and the actions it saved, until a newer save is seen. Two tabs can
    /// save in the same instant, neither having seen the other's save: the one whose save was
    /// replaced applies these again on top of the other's (see [`Ctx::refresh`]).
    last_saved: StoredValue<Option<(Saved, Vec<Action>)>, LocalStorage>,
}

/// Where the state is saved, and what each recent change to it can have changed on the shelf.
struct Store {
    /// Storage and this tab's writer; `None` without storage.
    saving: Option<(LocalBackend, Writer)>,
    /// See [`Ctx::shelf_changes`].
    shelf: Changes,
}

impl Ctx {
    /// Loads from `localStorage` (or learns it is blocked) and builds the context.
    pub fn load() -> Ctx {
        let (state, mode, recovered, first_run, mut store) = match LocalBackend::open() {
            Err(e) => (
                State::default(),
                Mode::MemoryOnly(e.to_string()),
                None,
                true,
                None,
            ),
            Ok(backend) => match slots::load(&backend) {
                Loaded::FirstRun(w) => (
                    State::default(),
                    Mode::Saving,
                    None,
                    true,
                    Some((backend, w)),
                ),
                Loaded::Ready {
                    snapshot,
                    writer,
                    recovered,
                } => (
                    snapshot.state,
                    Mode::Saving,
                    recovered.map(|r| (r.reason, snapshot.saved_at)),
                    false,
                    Some((backend, writer)),
                ),
                Loaded::Newer { schema, raw } => (
                    State::default(),
                    Mode::Newer { schema, raw },
                    None,
                    false,
                    None,
                ),
                Loaded::Unreadable { reason, raw, .. } => (
                    State::default(),
                    Mode::Recovery { reason, raw },
                    None,
                    false,
                    None,
                ),
                Loaded::Unavailable(e) => (
                    State::default(),
                    Mode::MemoryOnly(e.to_string()),
                    None,
                    true,
                    None,
                ),
            },
        };
        // The state on screen is what was just read: from here every change is noted.
        if let Some((_, writer)) = store.as_mut() {
            writer.track_changes();
        }
        let durable = RwSignal::new(None);
        super::offline::listen_for_durability(durable);
        // Only a tab that saves keeps the backup file; the file's own status comes later.
        let backup_file = match (&mode, &store) {
            (Mode::Saving, Some((backend, _))) => backend
                .backup_file()
                .map_or(BackupFile::Off, |name| BackupFile::Checking { name }),
            _ => BackupFile::Off,
        };
        Ctx {
            state: RwSignal::new(state),
            mode: RwSignal::new(mode),
            save: RwSignal::new(SaveStatus::Idle),
            recovered: RwSignal::new(recovered),
            first_run: RwSignal::new(first_run),
            undo: RwSignal::new(None),
            refused: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            durable,
            backup_file: RwSignal::new(backup_file),
            store: StoredValue::new_local(Store {
                saving: store,
                shelf: Changes::default(),
            }),
            pending: StoredValue::new_local(Vec::new()),
            last_saved: StoredValue::new_local(None),
        }
    }

    /// Applies a user action and saves the result. On success, returns the action that would
    /// undo this one, if there is one; when the action is refused, says why. A failed save is
    /// reported through [`Ctx::save`] instead, and the change stays on screen.
    ///
    /// The action is applied and the screen updated at once; the save follows once the
    /// browser has painted (see [`Ctx::flush`]), so a click never waits for storage. Actions
    /// taken before that save are saved together. Closing or hiding the page saves at once.
    /// A whole-state swap (an import, its undo) is saved before this returns.
    ///
    /// Two tabs never overwrite each other's edits. The mechanism is a revision check, not a
    /// single writer: the stored pointer is a compare-and-set token, and an action is always
    /// applied to the newest saved state. Before acting, a tab reads what another tab saved
    /// (the `storage` event usually did so already); if another tab saves in between, the
    /// save is refused as stale, and the actions not yet saved are applied again on top of
    /// the newer data. Because every action is a small pure change keyed by id ("add this
    /// resource", "log this check-in"), replaying it is a merge: both tabs' items survive. A
    /// single writer elected with Web Locks would make the second window of a librarian who
    /// keeps two open read-only until they press "use here", which is worse on a shared
    /// Chromebook.
    pub fn dispatch(&self, action: Action) -> Result<Undo, ActError> {
        // Catching up may itself find this tab read-only (a newer version saved elsewhere).
        self.refresh();
        if self.mode.with_untracked(Mode::read_only) {
            return Err(ActError::ReadOnly);
        }
        let undo = self.apply(action.clone())?;
        if self.refused.with_untracked(Option::is_some) {
            self.refused.set(None);
        }
        // A whole-state swap was computed from the data it replaces, so replaying it would
        // undo the other tab's work: it is saved now, and stays refused if another tab saved
        // first, with the banner.
        if matches!(action, Action::Replace(_)) {
            self.persist(vec![action]);
            return Ok(undo);
        }
        let first = self.pending.try_update_value(|p| {
            p.push(action);
            p.len() == 1
        });
        if first == Some(true) {
            self.flush_soon();
        }
        Ok(undo)
    }

    /// Saves what is pending once the browser has painted.
    fn flush_soon(&self) {
        let ctx = *self;
        // After the next paint: a frame, then a task.
        request_animation_frame(move || {
            set_timeout(move || ctx.flush(), std::time::Duration::ZERO);
        });
        // rAF waits while the page is hidden; this does not.
        set_timeout(move || ctx.flush(), std::time::Duration::from_millis(250));
    }

    /// Saves the actions applied since the last save, if any: at once when the page is
    /// hidden or left, otherwise soon after each action (see [`Ctx::dispatch`]). When another
    /// tab saved first, its data is read and the actions are applied again on top of it.
    pub fn flush(&self) {
        let pending = self
            .pending
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if pending.is_empty() {
            return;
        }
        if matches!(self.persist(pending.clone()), Some(Err(SaveError::Stale))) {
            self.pending.set_value(pending);
            if self.refresh() {
                // What is pending now: these actions, after any of the last save's that
                // another tab's save replaced.
                let again = self.pending.get_value();
                self.persist(again);
            }
            self.pending.set_value(Vec::new());
        }
    }

    /// Dispatches `action`; when it can be undone, offers Undo with `message`.
    pub fn offer_undo(&self, action: Action, message: String) -> Result<(), ActError> {
        let undo = self.dispatch(action)?;
        self.undo.set(undo.map(|undo| UndoNotice { message, undo }));
        Ok(())
    }

    /// The one way to report the outcome of an action whose screen has no message of its
    /// own (a star, a radio button, Undo): a refusal is shown under the banners. Returns
    /// the outcome's value when there was no refusal.
    pub fn report<T>(&self, outcome: Result<T, ActError>) -> Option<T> {
        outcome.map_err(|e| self.refused.set(Some(e))).ok()
    }

    fn apply(&self, action: Action) -> Result<Undo, ActError> {
        // Everything but an export or a whole-state swap (an import, or its undo, which must
        // put back exactly what was there) counts towards the backup nudge.
        let counts = !matches!(action, Action::MarkExported { .. } | Action::Replace(_));
        let today = platform::today();
        // Noted before the state changes, so nothing reads the change without its note.
        self.note(&action.reach());
        self.state
            .try_update(|s| {
                let undo = s.apply(action)?;
                if counts {
                    s.backup.note_change(today);
                }
                Ok(undo)
            })
            .unwrap_or(Ok(None))
            .map_err(ActError::Refused)
    }

    /// Takes in what another tab saved, if anything changed since this tab last read or
    /// wrote. Returns true when the state on screen was replaced. Data from a newer version
    /// of Branch Out turns this tab read-only (U-03); storage cleared elsewhere keeps what
    /// is on screen, so the next change writes it back.
    pub fn refresh(&self) -> bool {
        if !matches!(self.mode.get_untracked(), Mode::Saving) {
            return false;
        }
        enum Seen {
            Nothing,
            State(Box<State>, Option<Saved>),
            Newer(Mode),
        }
        let seen = self
            .store
            .try_update_value(|store| {
                let Some((backend, writer)) = store.saving.as_mut() else {
                    return Seen::Nothing;
                };
                if !slots::changed_elsewhere(backend, writer).unwrap_or(false) {
                    return Seen::Nothing;
                }
                match slots::load(backend) {
                    Loaded::Ready {
                        snapshot,
                        writer: fresh,
                        ..
                    } => {
                        let saved = fresh.saved();
                        *writer = fresh;
                        Seen::State(Box::new(snapshot.state), saved)
                    }
                    Loaded::FirstRun(fresh) => {
                        *writer = fresh;
                        Seen::Nothing
                    }
                    Loaded::Newer { schema, raw } => Seen::Newer(Mode::Newer { schema, raw }),
                    // Unreadable or unavailable now: keep what is on screen and let the next
                    // save report it.
                    _ => Seen::Nothing,
                }
            })
            .unwrap_or(Seen::Nothing);
        match seen {
            Seen::Nothing => false,
            Seen::State(state, newest) => {
                // The writer read just now holds this state's blocks; the search index must
                // look at the whole shelf again.
                self.note(&Reach::any());
                self.state.set(*state);
                // This tab's last save was replaced by one another tab made in the same
                // instant: its actions go on top again, before those not saved yet, and are
                // saved soon. That includes a whole-state swap (an import, erasing, their
                // undo): what the librarian asked for here wins over a change made elsewhere
                // in the same instant, as it would have a moment later.
                let lost = self
                    .last_saved
                    .try_update_value(Option::take)
                    .flatten()
                    .filter(|(mine, _)| newest.as_ref().is_some_and(|n| !n.builds_on(mine)))
                    .map(|(_, actions)| actions)
                    .unwrap_or_default();
                if !lost.is_empty() {
                    let was_idle = self.pending.with_value(Vec::is_empty);
                    self.pending.update_value(|p| {
                        let later = std::mem::replace(p, lost);
                        p.extend(later);
                    });
                    if was_idle {
                        self.flush_soon();
                    }
                }
                // What this tab did and has not saved yet goes on top of the other tab's
                // save; an action that no longer applies (its item was deleted there) is
                // dropped, and the librarian told why.
                for action in self.pending.get_value() {
                    self.report(self.apply(action));
                }
                self.first_run.set(false);
                // An undo recorded against the old data could now take back another tab's
                // work, so it is dropped.
                self.undo.set(None);
                true
            }
            Seen::Newer(mode) => {
                self.mode.set(mode);
                false
            }
        }
    }

    /// Leaves recovery mode so a backup the librarian chose can be written over the
    /// unreadable data (which was offered for download and copied aside where space
    /// allowed). Any other mode is left as it is.
    pub fn leave_recovery(&self) -> Result<(), ActError> {
        if !matches!(self.mode.get_untracked(), Mode::Recovery { .. }) {
            return Ok(());
        }
        let backend = LocalBackend::open().map_err(ActError::Storage)?;
        let writer = slots::take_over(&backend).map_err(ActError::Storage)?;
        self.store
            .update_value(|store| store.saving = Some((backend, writer)));
        self.mode.set(Mode::Saving);
        Ok(())
    }

    /// Erases the plan, log, shelf and settings: the state becomes empty, both saved
    /// generations are overwritten with it and damaged saves set aside are removed, so nothing
    /// of the old data stays in storage. Returns the undo, which holds the old state in this
    /// page only. When either save fails, the old state is put back (and saved) and nothing
    /// counts as erased.
    pub fn erase(&self) -> Result<Undo, ActError> {
        self.refresh();
        if self.mode.with_untracked(Mode::read_only) {
            return Err(ActError::ReadOnly);
        }
        let undo = self.apply(Action::Replace(Box::default()))?;
        // The first save replaces the newest generation, the second the older one.
        let erased = || vec![Action::Replace(Box::default())];
        let newest = self.persist(erased());
        let older = newest
            .as_ref()
            .filter(|saved| saved.is_ok())
            .and_then(|_| self.persist(erased()));
        match (newest, older) {
            // No storage (blocked): there was nothing stored to erase.
            (None, _) | (Some(Ok(())), Some(Ok(()))) => {}
            _ => {
                // Putting back what was there cannot be refused: it is a whole-state swap.
                if let Some(Ok(_)) = undo.map(|old| self.apply(old)) {
                    self.persist(Vec::new());
                }
                self.refresh();
                return Err(ActError::NotSaved);
            }
        }
        // Damaged saves set aside hold old data too; one that stays is listed in Settings.
        let copies = self.set_aside();
        if !self.remove_set_aside(&copies) {
            leptos::logging::warn!("a damaged save set aside could not be removed");
        }
        Ok(undo)
    }

    /// Damaged saves set aside in storage, key and exact text, for Settings to offer.
    pub fn set_aside(&self) -> Vec<(String, String)> {
        LocalBackend::open()
            .map(|b| b.quarantined())
            .unwrap_or_default()
    }

    /// Removes these set-aside copies; true when every one went.
    pub fn remove_set_aside(&self, copies: &[(String, String)]) -> bool {
        LocalBackend::open()
            .and_then(|b| b.remove_set_aside(copies.iter().map(|(k, _)| k.as_str())))
            .is_ok()
    }

    /// Copies the chosen colours where the next start reads them before the app loads.
    /// Only a tab that saves writes it. A copy that can't be written only means the next
    /// start shows the device's colours until the app has loaded.
    pub fn keep_look(&self, theme: Theme) {
        if !matches!(self.mode.get_untracked(), Mode::Saving) {
            return;
        }
        let look = match theme {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        };
        if let Err(e) = LocalBackend::open().and_then(|b| b.keep_look(look)) {
            leptos::logging::warn!("the colours were not copied for the next start: {e}");
        }
    }

    /// Whether the note about installing Branch Out was put away in this browser (also when
    /// storage can't be read: a note nobody can put away would nag).
    pub fn install_note_put_away(&self) -> bool {
        LocalBackend::open()
            .and_then(|b| b.install_note_put_away())
            .unwrap_or(true)
    }

    /// Puts the note about installing Branch Out away for good; false when that could not be
    /// kept (it is then away until the page is left).
    pub fn put_away_install_note(&self) -> bool {
        LocalBackend::open()
            .and_then(|b| b.put_away_install_note())
            .is_ok()
    }

    /// Stops automatic backup at once: the file's name leaves storage now, so no tab writes
    /// the file again from the next change on (other tabs hear of it through the `storage`
    /// event before any later save), and the backup chunk forgets the file's handle.
    pub fn stop_backup_file(&self) {
        if !self.backup_file.with_untracked(BackupFile::in_use) {
            return;
        }
        if let Err(e) = LocalBackend::open().and_then(|b| b.forget_backup_file()) {
            leptos::logging::warn!("the backup file's name could not be removed: {e}");
        }
        self.backup_file.set(BackupFile::Off);
        super::lazy::backup(*self, super::lazy::Backup::Stop);
    }

    /// The revision of the save this tab last read or wrote and its check (empty before the
    /// first); `None` without storage.
    pub fn revision(&self) -> Option<(u64, String)> {
        self.store
            .try_with_value(|s| {
                s.saving.as_ref().map(|(_, w)| {
                    let check = w.saved().map(|s| s.check).unwrap_or_default();
                    (w.rev(), check)
                })
            })
            .flatten()
    }

    /// Downloads what is on screen as a full backup: the same export file Share writes, so
    /// it imports anywhere (for when it cannot be saved, or before erasing).
    pub fn download_copy(&self) -> Result<(), String> {
        let file = self
            .state
            .with_untracked(|s| ExportFile::new(s, &Choice::everything(), &platform::iso_now()));
        platform::download(&file.file_name(), "application/json", &file.to_json())
    }

    /// Notes a change to the state: for the next save (which then compares only what it can
    /// have changed with what is stored) and for the shelf's readers. Every change to the
    /// state is noted, before it is made.
    fn note(&self, reach: &Reach) {
        self.store.update_value(|store| {
            if let Some((_, writer)) = store.saving.as_mut() {
                writer.note(reach);
            }
            store.shelf.note(reach.resources.clone());
        });
    }

    /// The number of the latest change to the state, and what the changes after number
    /// `seen` can have changed on the shelf: how the search index checks only the resources
    /// a star or an edit changed.
    pub fn shelf_changes(&self, seen: u64) -> (u64, Items) {
        self.store
            .try_with_value(|s| (s.shelf.count(), s.shelf.since(seen)))
            .unwrap_or((0, Items::Any))
    }

    /// Saves the state (with every action not saved yet); returns the outcome, or `None`
    /// when there is no storage to save to.
    fn persist(&self, actions: Vec<Action>) -> Option<Result<(), SaveError>> {
        self.pending.set_value(Vec::new());
        let now = platform::now_ms();
        let state = self.state;
        let result = self
            .store
            .try_update_value(|store| {
                store.saving.as_mut().map(|(backend, writer)| {
                    let saved = state.with_untracked(|s| slots::save(backend, writer, s, now));
                    if saved.is_ok() {
                        // The state on screen is what was just saved; the changes that
                        // follow are noted (see [`Ctx::note`]).
                        writer.track_changes();
                        self.last_saved
                            .set_value(writer.saved().map(|saved| (saved, actions)));
                    }
                    // Another tab running a newer version took over the data: this tab must
                    // stop writing and offer the stored text for download.
                    let newer = match &saved {
                        Err(SaveError::Newer) => match slots::load(backend) {
                            Loaded::Newer { schema, raw } => Some(Mode::Newer { schema, raw }),
                            _ => None,
                        },
                        _ => None,
                    };
                    (saved, newer)
                })
            })
            .flatten();
        let outcome = result.as_ref().map(|(saved, _)| saved.clone());
        let status = match result {
            None => SaveStatus::InMemory,
            Some((Ok(()), _)) => {
                // Only once there is something worth keeping, and once per page: the browser
                // grants persistence by its own measure of the site (Chromium asks no question).
                if !ASKED_DURABLE.swap(true, Ordering::Relaxed) {
                    super::offline::durability(true);
                }
                SaveStatus::Saved(now)
            }
            Some((Err(e), newer)) => {
                if let Some(mode) = newer {
                    self.mode.set(mode);
                }
                SaveStatus::Failed(e)
            }
        };
        // Every save (or failed save) is soon written to the backup file, if one is in use.
        if self.backup_file.with_untracked(BackupFile::writing) {
            super::lazy::backup(*self, super::lazy::Backup::Changed);
        }
        self.save.set(status);
        if self.first_run.get_untracked() {
            self.first_run.set(false);
        }
        outcome
    }
}

/// The message with its first letter in capitals.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
