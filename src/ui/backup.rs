//! The automatic backup file, from the Rust side: choosing it, writing it a few seconds after
//! changes, resuming, stopping, restoring from it, and its panel on Share and Settings. All of
//! it is reached only through split points in `lazy.rs` (the `backup` chunk), fetched when a
//! backup file is in use or its panel opens. The browser calls are in `backup_file.js`, loaded
//! only then too (see there); every call resolves to a status, never an exception.

use super::ctx::{Ctx, Mode, SaveStatus};
use super::lazy;
use super::platform;
use super::share::Imports;
use crate::exchange::backup_file::{self as file, Failure, Status};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// How long changes gather before the file is written: at most one write this often.
const GATHER: Duration = Duration::from_secs(3);

#[wasm_bindgen(module = "/src/ui/offline.js")]
extern "C" {
    /// `import('./backup_file.js')`.
    #[wasm_bindgen(js_name = backupFile)]
    fn load_module() -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
    /// `backup_file.js`, once loaded.
    #[derive(Clone)]
    type Module;
    #[wasm_bindgen(method)]
    fn available(this: &Module) -> bool;
    #[wasm_bindgen(method)]
    fn check(this: &Module) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn choose(this: &Module) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn resume(this: &Module) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn write(
        this: &Module,
        text: &str,
        rev: f64,
        check: &str,
        only_if_behind: bool,
        reset: bool,
    ) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn after(this: &Module, ms: f64) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn stop(this: &Module) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn open(this: &Module) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = openedName)]
    fn opened_name(this: &Module) -> String;
    #[wasm_bindgen(method, js_name = keepOpened)]
    fn keep_opened(this: &Module) -> js_sys::Promise;

    /// What every call of the module resolves to.
    type Answer;
    #[wasm_bindgen(method, getter)]
    fn state(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn name(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn at(this: &Answer) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn rev(this: &Answer) -> Option<f64>;
    #[wasm_bindgen(method, getter)]
    fn check(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Answer) -> Option<String>;
}

thread_local! {
    static MODULE: RefCell<Option<Module>> = const { RefCell::new(None) };
    static WRITES: RefCell<Writes> = RefCell::new(Writes::default());
}

/// The writes of this tab: one waiting for changes to gather (its number, so a wait that is
/// cut short or stopped comes to nothing), or one under way; the revision the file was last
/// known to hold, and whether other tabs are listened to.
#[derive(Default)]
struct Writes {
    waiting: Option<u32>,
    waits: u32,
    busy: bool,
    again: bool,
    file_rev: u64,
    /// The check of that save (two tabs saving at the same moment write the same revision).
    file_check: String,
    /// This tab's revision was found below the file's once: if it still is a moment later
    /// (not another tab's newer save on its way), this device's saves started again.
    behind_file: bool,
    listening: bool,
}

/// Sleeps `delay` through the module's timer (a Rust callback can't be made in this chunk).
async fn sleep(delay: Duration) {
    if let Ok(m) = module().await {
        let _ = JsFuture::from(m.after(delay.as_millis() as f64)).await;
    }
}

async fn module() -> Result<Module, Failure> {
    if let Some(m) = MODULE.with_borrow(Clone::clone) {
        return Ok(m);
    }
    let m: Module = JsFuture::from(load_module())
        .await
        .map_err(|_| Failure::NotLoaded)?
        .unchecked_into();
    MODULE.with_borrow_mut(|slot| *slot = Some(m.clone()));
    Ok(m)
}

/// The module's answer; a promise that rejected (never expected) is its error.
async fn answer(promise: js_sys::Promise) -> JsValue {
    JsFuture::from(promise).await.unwrap_or_else(|e| e)
}

/// The status an answer stands for; `None` for a picker the librarian closed. The revision
/// the file holds is noted.
fn status_of(answer: &JsValue) -> Option<Status> {
    let a: &Answer = answer.unchecked_ref();
    if let Some(rev) = a.rev().filter(|_| a.state().as_deref() == Some("on")) {
        let check = a.check().unwrap_or_default();
        WRITES.with_borrow_mut(|w| (w.file_rev, w.file_check) = (rev as u64, check));
    }
    let name = a.name().unwrap_or_default();
    let at = a.at().filter(|at| *at > 0.0).map(|at| at as i64);
    Some(match a.state().as_deref() {
        Some("on") => Status::On { name, at },
        Some("paused") => Status::Paused { name, at },
        Some("off") => Status::Off,
        Some("cancelled") => return None,
        _ => Status::Failed {
            name,
            at,
            why: Failure::from_name(&a.error().unwrap_or_default()),
        },
    })
}

fn show(ctx: Ctx, status: Status) {
    if ctx.backup_file.get_untracked() != status {
        let _ = ctx.backup_file.try_set(status);
    }
}

fn not_loaded(ctx: Ctx) -> Status {
    ctx.backup_file.get_untracked().failing(Failure::NotLoaded)
}

/// Runs `call` on the module; returns the status it answers (`None` when a picker was
/// closed).
async fn run(ctx: Ctx, call: impl FnOnce(&Module) -> js_sys::Promise) -> Option<Status> {
    match module().await {
        Ok(m) => status_of(&answer(call(&m)).await),
        Err(_) => Some(not_loaded(ctx)),
    }
}

/// As [`run`], and shows the status.
async fn run_shown(ctx: Ctx, call: impl FnOnce(&Module) -> js_sys::Promise) -> Option<Status> {
    let status = run(ctx, call).await;
    if let Some(s) = &status {
        show(ctx, s.clone());
    }
    status
}

/// Carries out a call from the rest of the app.
pub fn run_call(ctx: Ctx, call: lazy::Backup) {
    match call {
        lazy::Backup::Start => start(ctx),
        lazy::Backup::Changed => changed(ctx),
        lazy::Backup::Now => now(ctx),
        lazy::Backup::Stop => stop(ctx),
        lazy::Backup::Restore(imports, error) => restore(ctx, imports, error),
    }
}

/// As the app starts with a backup file in use (or another tab chose one): learns whether
/// the browser still lets Branch Out write it, listens to other tabs, and writes the file if
/// it is behind.
fn start(ctx: Ctx) {
    if !WRITES.with_borrow_mut(|w| std::mem::replace(&mut w.listening, true)) {
        // Kept for the page's lifetime: other tabs may write, resume or stop at any time.
        let _ = window_event_listener_untyped("branch-out-backup", move |event| {
            let detail = js_sys::Reflect::get(&event, &JsValue::from_str("detail"));
            if let Some(s) = detail.ok().as_ref().and_then(status_of) {
                show(ctx, s);
                // Another tab wrote a save of this tab's revision that is not this tab's (two
                // saves in the same instant): the file is written again once changes have
                // gathered, with the newest save there is by then.
                let (rev, check) = ctx.revision().unwrap_or_default();
                if WRITES.with_borrow(|w| w.file_rev == rev && w.file_check != check) {
                    changed(ctx);
                }
            }
        });
    }
    then_catch_up(ctx, Module::check);
}

/// Runs `call` and shows its status; if the file can be written, writes it if it is behind.
fn then_catch_up(ctx: Ctx, call: fn(&Module) -> js_sys::Promise) {
    spawn_local(async move {
        if run_shown(ctx, call).await.is_some_and(|s| s.writing()) {
            write_latest(ctx);
        }
    });
}

/// A change was saved (or could not be): the file is written once changes have gathered.
fn changed(ctx: Ctx) {
    wait_then_write(ctx, GATHER);
}

fn wait_then_write(ctx: Ctx, delay: Duration) {
    if !ctx.backup_file.with_untracked(Status::writing) {
        return;
    }
    let wait = WRITES.with_borrow_mut(|w| {
        if w.busy {
            w.again = true;
            return None;
        }
        if w.waiting.is_some() {
            return None;
        }
        w.waits = w.waits.wrapping_add(1);
        w.waiting = Some(w.waits);
        Some(w.waits)
    });
    if let Some(this) = wait {
        spawn_local(async move {
            sleep(delay).await;
            let due = WRITES.with_borrow_mut(|w| {
                let due = w.waiting == Some(this);
                if due {
                    w.waiting = None;
                }
                due
            });
            if due {
                write_latest(ctx);
            }
        });
    }
}

/// The page is being hidden or left: a write waiting for more changes starts now.
fn now(ctx: Ctx) {
    if WRITES.with_borrow_mut(|w| w.waiting.take()).is_some() {
        write_latest(ctx);
    }
}

/// Writes the newest state. When the latest save succeeded, its revision says whether the
/// file already holds it; when it failed, what is on screen is written whatever the revision,
/// so the file keeps the change storage could not.
fn write_latest(ctx: Ctx) {
    let saved = ctx
        .save
        .with_untracked(|s| !matches!(s, SaveStatus::Failed(_)));
    write(ctx, saved);
}

/// What a write found to do.
enum Produced {
    /// Nothing: no file in use, nothing worth keeping, or the file already holds it.
    Nothing,
    /// This tab's revision is below the file's: look again in a moment.
    LookAgain,
    /// The text, its revision and check, and whether the device's saves started again.
    Text(String, u64, String, bool),
}

fn write(ctx: Ctx, only_if_behind: bool) {
    WRITES.with_borrow_mut(|w| w.busy = true);
    spawn_local(async move {
        let produced = produce(ctx, only_if_behind);
        let look_again = matches!(produced, Produced::LookAgain);
        let status = match produced {
            Produced::Nothing | Produced::LookAgain => None,
            Produced::Text(text, rev, check, reset) => match module().await {
                Ok(m) => {
                    let written = m.write(&text, rev as f64, &check, only_if_behind, reset);
                    status_of(&answer(written).await)
                }
                Err(_) => Some(not_loaded(ctx)),
            },
        };
        // Stopped while writing: the answer is about a file no longer in use.
        if let Some(s) = status.filter(|_| ctx.backup_file.with_untracked(Status::in_use)) {
            show(ctx, s);
        }
        let again = WRITES.with_borrow_mut(|w| {
            w.busy = false;
            std::mem::take(&mut w.again)
        });
        if again || look_again {
            changed(ctx);
        }
    });
}

/// The file's text and the revision it holds. What this tab has not saved yet is saved
/// first, and what another tab saved is read, so the file gets the newest state there is; the
/// module writes it only if no other tab wrote a newer save meanwhile. With `only_if_behind`,
/// a file known to hold this revision already is left alone without building its text. A
/// revision below the file's twice in a row, a gathering apart, means this device's saves
/// started again (storage cleared, or recovered from an older save): it is written anyway.
fn produce(ctx: Ctx, only_if_behind: bool) -> Produced {
    ctx.flush();
    ctx.refresh();
    if !ctx.backup_file.with_untracked(Status::in_use) {
        return Produced::Nothing;
    }
    let (rev, check) = ctx.revision().unwrap_or_default();
    let (file_rev, same_check, seen_behind) =
        WRITES.with_borrow(|w| (w.file_rev, w.file_check == check, w.behind_file));
    let reset = rev < file_rev;
    WRITES.with_borrow_mut(|w| w.behind_file = reset);
    if reset && !seen_behind {
        return Produced::LookAgain;
    }
    // The file holds this very save (the same revision could be another tab's save, made in
    // the same instant and since replaced).
    if only_if_behind && file_rev == rev && same_check && rev > 0 {
        return Produced::Nothing;
    }
    ctx.state.with_untracked(|s| match file::worth_writing(s) {
        true => Produced::Text(file::text(s, &platform::iso_now()), rev, check, reset),
        false => Produced::Nothing,
    })
}

/// Asks the browser again for leave to write the file (from a click), then catches up.
fn resume_now(ctx: Ctx) {
    then_catch_up(ctx, Module::resume);
}

/// Whether an element matches `selector`.
fn shown(selector: &str) -> bool {
    document().query_selector(selector).ok().flatten().is_some()
}

/// Whether the focused element matches `selector` or is inside an element that does (as
/// `lazy::focus_first_field` asks; kept here so the start of the app does not carry it).
fn focus_in(selector: &str) -> bool {
    document()
        .active_element()
        .is_some_and(|e| e.closest(selector).ok().flatten().is_some())
}

/// The button just pressed (`pressed`) goes with the change it makes, once the browser has
/// answered, which may take a while when it asks the librarian. When it has gone and taken
/// focus with it, focus moves to `then`, so a keyboard or screen reader user stays in the
/// panel. Once focus is anywhere else, it is left there.
fn focus_when_shown(pressed: &'static str, then: &'static str) {
    spawn_local(async move {
        // For up to two minutes: a permission prompt can stay open that long.
        for _ in 0..2_400 {
            sleep(Duration::from_millis(50)).await;
            if focus_in(pressed) {
                continue;
            }
            // Focus dropped with the button is on the page's body (inside nothing).
            if !shown(pressed) && !focus_in("body *") {
                platform::focus(then);
            }
            return;
        }
    });
}

/// Forgets the backup file; the file itself stays as it was.
fn stop(ctx: Ctx) {
    WRITES.with_borrow_mut(|w| w.waiting = None);
    show(ctx, Status::Off);
    spawn_local(async move {
        // Off whatever the answer: the flag is gone, so nothing is written to it again.
        run(ctx, Module::stop).await;
    });
}

/// The open picker for restoring (from a click): the chosen file goes to the import preview
/// on Share, where the panel then offers to keep backing up to it. `error` gets the reason
/// a file could not be opened.
fn restore(ctx: Ctx, imports: Imports, error: RwSignal<String>) {
    spawn_local(async move {
        let opened = match module().await {
            Ok(m) => answer(m.open()).await,
            Err(_) => return error.set(Failure::NotLoaded.sentence()),
        };
        match opened.dyn_into::<web_sys::File>() {
            Ok(file) => {
                let _ = window().location().set_hash("#/share");
                if lazy::read_dropped(imports, ctx, file).await.is_err() {
                    error.set(lazy::NOT_LOADED.into());
                }
            }
            Err(other) => {
                if let Some(Status::Failed { why, .. }) = status_of(&other) {
                    error.set(format!(
                        "The backup file could not be opened. {}",
                        why.sentence()
                    ));
                }
            }
        }
    });
}

/// The chunk's views.
pub fn view(which: lazy::BackupView) -> AnyView {
    match which {
        lazy::BackupView::Panel { status_line } => {
            view! { <BackupPanel status_line=status_line /> }.into_any()
        }
        lazy::BackupView::Line { resume } => view! { <BackupLine resume=resume /> }.into_any(),
    }
}

/// How the backup file stands, in one line that moves on ("2 minutes ago") while the screen
/// is open; with `resume`, the Resume button when that can help. A problem (paused, failed) is
/// also said once in a live region, so a screen reader hears it when it happens.
#[component]
fn BackupLine(resume: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let now = RwSignal::new(platform::now_ms());
    let tick = set_interval_with_handle(
        move || {
            let _ = now.try_set(platform::now_ms());
        },
        Duration::from_secs(30),
    )
    .ok();
    on_cleanup(move || {
        if let Some(tick) = tick {
            tick.clear();
        }
    });
    let problem = Memo::new(move |_| ctx.backup_file.with(Status::problem).unwrap_or_default());
    let can_resume = move || resume && ctx.backup_file.with(Status::can_resume);
    view! {
        // `try_get`: when automatic backup stops, this line goes in the same update that
        // changes the status, and may be asked for its text once more after `now` has gone.
        <p class="backup-status" id="backup-status" tabindex="-1">
            {move || ctx.backup_file.with(|f| f.line(now.try_get().unwrap_or_else(platform::now_ms)))}
        </p>
        <p role="status" class="visually-hidden">{move || problem.get()}</p>
        <Show when=can_resume>
            <button type="button" on:click=move |_| {
                // The button goes once the browser answers: focus waits on the line.
                platform::focus("#backup-status");
                resume_now(ctx);
            }>
                "Resume automatic backup"
            </button>
        </Show>
    }
}

/// Which buttons the panel shows.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// No backup file.
    Off,
    /// A file in use; Resume can help or not.
    InUse { can_resume: bool },
}

/// Automatic backup on Share and Settings: choose a file, see how it stands, resume, choose
/// another, stop. Not shown where the browser cannot keep a file (see README), nor in a tab
/// that does not save. With `status_line`, it says how the backup stands (Share says so at
/// the top of the screen already). After a restore from a backup file opened on the first-run
/// screen, it offers to keep backing up to that file.
#[component]
pub fn BackupPanel(status_line: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let imports = expect_context::<Imports>();
    // Whether this browser can keep a file, and the file opened for restoring, once the
    // module has loaded.
    let ready = RwSignal::new(None::<(bool, String)>);
    spawn_local(async move {
        let found = module()
            .await
            .map(|m| (m.available(), m.opened_name()))
            .unwrap_or((false, String::new()));
        let _ = ready.try_set(Some(found));
    });
    let message = RwSignal::new(String::new());
    // A file chosen (or kept) becomes the backup file; a picker that failed or was closed
    // leaves things as they were, with the reason.
    let pick = move |call: fn(&Module) -> js_sys::Promise| {
        message.set(String::new());
        spawn_local(async move {
            match run(ctx, call).await {
                Some(s) if s.writing() => {
                    show(ctx, s);
                    let _ = ready.try_update(|r| {
                        if let Some((_, opened)) = r {
                            opened.clear();
                        }
                    });
                    message.set(
                        "Automatic backup is on: the file is written a few seconds after each change."
                            .into(),
                    );
                    focus_when_shown("#backup-choose, #backup-keep", "#backup-choose-other");
                    write(ctx, false);
                }
                Some(Status::Failed { why, .. }) => message.set(why.sentence()),
                _ => {}
            }
        });
    };
    let shown = move || {
        ctx.mode.with(|m| matches!(m, Mode::Saving))
            && ready.with(|r| r.as_ref().is_some_and(|(available, _)| *available))
    };
    let kind = Memo::new(move |_| {
        ctx.backup_file.with(|f| match f {
            Status::Off => Kind::Off,
            f => Kind::InUse {
                can_resume: f.can_resume(),
            },
        })
    });
    // The file opened to restore from, once its import was applied.
    let restored = Memo::new(move |_| {
        let opened = ready.with(|r| r.as_ref().map(|(_, o)| o.clone()).unwrap_or_default());
        (!opened.is_empty() && imports.applied().as_deref() == Some(opened.as_str()))
            .then_some(opened)
    });
    let buttons = move || {
        match kind.get() {
        Kind::Off => view! {
            {move || restored.get().map(|name| view! {
                <p>"You restored from " <em>{name}</em> ". Branch Out can keep it up to date from now on."</p>
                <button type="button" id="backup-keep" on:click=move |_| pick(Module::keep_opened)>
                    "Keep backing up to this file"
                </button>
            })}
            <button type="button" id="backup-choose" on:click=move |_| pick(Module::choose)>
                "Choose a backup file"
            </button>
        }
        .into_any(),
        Kind::InUse { can_resume } => view! {
            {can_resume.then(|| view! {
                <button type="button" id="backup-resume" on:click=move |_| {
                    resume_now(ctx);
                    focus_when_shown("#backup-resume", "#backup-choose-other");
                }>"Resume automatic backup"</button>
            })}
            <button type="button" class="secondary" id="backup-choose-other" on:click=move |_| pick(Module::choose)>
                "Choose a different file"
            </button>
            <button type="button" class="secondary" id="backup-stop" on:click=move |_| {
                ctx.stop_backup_file();
                message.set("Automatic backup is off. The file keeps what was last written to it.".into());
                focus_when_shown("#backup-stop", "#backup-choose");
            }>
                "Stop automatic backup"
            </button>
        }
        .into_any(),
    }
    };
    view! {
        <Show when=shown>
            <section aria-labelledby="auto-backup-heading">
                <h2 id="auto-backup-heading">"Automatic backup"</h2>
                <p>
                    "Choose a file once, and Branch Out keeps it up to date a few seconds after "
                    "every change, so a wiped or new Chromebook can get everything back from it. "
                    "On a Chromebook you can put it in Google Drive; Branch Out itself never "
                    "talks to Google. When the browser asks again for leave to write it, your "
                    "changes wait on this device."
                </p>
                {move || {
                    let s = ctx.backup_file.get();
                    (status_line && s.in_use())
                        .then(|| view! { <p class="backup-file-status">{s.line(platform::now_ms())}</p> })
                }}
                <div class="button-row">{buttons}</div>
                <p role="status">{move || message.get()}</p>
            </section>
        </Show>
    }
}
