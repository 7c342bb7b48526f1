//! What is not on the start path. Today and the shell arrive in the first wasm; every other
//! screen, the import reader behind drop-anywhere and the recovery screen are split points:
//! in a release build (`--features split`, see `scripts/wasm.mjs`) each becomes its own chunk,
//! fetched the first time it is needed and precached by the service worker. Without the
//! feature (debug builds, the browser tests) they are ordinary calls.
//!
//! Only what a split point reaches moves out of the first wasm, so a screen's own code goes
//! with it wherever its module lives; code that Today also uses stays on the start path.

use super::ctx::Ctx;
use super::share::Imports;
use super::widgets::Heading;
use crate::exchange::backup_file::Failure;
use crate::model::Id;
use chrono::NaiveDate;
use leptos::prelude::*;

/// A chunk could not be fetched (offline on a first visit, a server that lost the file).
#[derive(Debug, Clone, Copy)]
pub struct ChunkError;

/// What to say when a part of Branch Out needed for an action did not load.
pub const NOT_LOADED: &str = "That part of Branch Out didn't load: it is fetched the first time \
    it is used, and the network didn't answer. Your data is safe on this device; check the \
    connection and try again.";

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A split point: with `--features split` the body is moved to the chunk `$chunk` and the
/// function becomes `async`, loading the chunk first; without it the function is an `async`
/// wrapper around the same body, so callers read the same either way. With `preload $name`,
/// `$name()` fetches and starts the chunk without calling anything in it.
macro_rules! split_point {
    ($(#[$meta:meta])* $chunk:ident, $(preload $preload:ident,)? fn $name:ident($($arg:ident: $ty:ty),*) -> $out:ty $body:block) => {
        $(#[$meta])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible $(, preload($preload))?)]
        pub fn $name($($arg: $ty),*) -> Result<$out, ChunkError> {
            let out: $out = $body;
            Ok(out)
        }

        $(#[$meta])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$out, ChunkError> {
            let out: $out = $body;
            Ok(out)
        }

        $(
            #[cfg(not(feature = "split"))]
            async fn $preload() -> Result<(), ChunkError> {
                Ok(())
            }
        )?
    };
}

split_point! {
    /// Goals and the check-in log.
    plan, preload preload_plan, fn plan_screen() -> AnyView { view! { <super::plan::PlanView /> }.into_any() }
}
split_point! {
    /// The shelf and the starter library.
    resources, preload preload_resources, fn resources_screen() -> AnyView {
        view! { <super::resources::ResourcesView /> }.into_any()
    }
}
split_point! {
    /// The people in the network.
    people, preload preload_people, fn people_screen() -> AnyView {
        view! { <super::people::PeopleView /> }.into_any()
    }
}
split_point! {
    /// Export, import and the other formats.
    share, preload preload_share, fn share_screen() -> AnyView { view! { <super::share::ShareView /> }.into_any() }
}
split_point! {
    /// Settings.
    settings, preload preload_settings, fn settings_screen() -> AnyView {
        view! { <super::settings::SettingsView /> }.into_any()
    }
}
split_point! {
    /// The printable plan.
    print, preload preload_print, fn print_screen() -> AnyView { view! { <super::print::PrintView /> }.into_any() }
}
split_point! {
    /// The read-only screen for stored data that can't be read (with its import panel).
    recovery, fn recovery_screen() -> AnyView {
        view! { <super::views::RecoveryView /> }.into_any()
    }
}
split_point! {
    /// The form of the Log a connection dialog (Today's and the Plan's), with its search of
    /// the shelf: fetched the first time the dialog opens.
    log, preload preload_log, fn log_form(open: RwSignal<bool>, editing: Option<Id>, goal: Option<Id>, person: Option<Id>, suggest: bool) -> AnyView {
        view! { <super::forms::LogForm open=open editing=editing goal=goal person=person suggest=suggest /> }.into_any()
    }
}
split_point! {
    /// Today's Reconnect list, with the rules that decide who is due.
    reconnect, preload preload_reconnect, fn reconnect_list(today: NaiveDate, on_log: Callback<Id>) -> AnyView {
        view! { <super::reconnect::ReconnectList today=today on_log=on_log /> }.into_any()
    }
}
split_point! {
    /// The full backup of what is on screen, from the banners that offer it when it cannot be
    /// saved (the export file's writer is otherwise only on Share and Settings).
    copy, fn download_copy(ctx: Ctx) -> Result<(), String> { ctx.download_copy() }
}
split_point! {
    /// Reads a file dropped anywhere on the app into the import preview (the Share chunk's
    /// reader, so it is fetched with or before the screen it opens).
    share, fn read_dropped(imports: Imports, ctx: Ctx, file: web_sys::File) -> () {
        imports.start_file(ctx, file)
    }
}

/// What the backup chunk is asked to do (one split point, so the start path carries one
/// loader for all of them).
pub enum Backup {
    /// The app started with a backup file in use, or another tab chose one.
    Start,
    /// A change was saved: the file is written once changes have gathered.
    Changed,
    /// The page is hidden or left: a write waiting for changes starts now.
    Now,
    /// Forget the file (before erasing everything).
    Stop,
    /// Open a backup file to restore from (from a click on the first-run screen); the
    /// reason it could not be opened goes to the signal.
    Restore(Imports, RwSignal<String>),
}

split_point! {
    /// The automatic backup file.
    backup, fn backup_run(ctx: Ctx, call: Backup) -> () { super::backup::run_call(ctx, call) }
}
/// The views of the backup chunk.
#[derive(Clone, Copy)]
pub enum BackupView {
    /// The Automatic backup panel of Share and Settings; with `status_line`, it says how the
    /// backup stands.
    Panel {
        /// Whether the panel says how the backup stands.
        status_line: bool,
    },
    /// How the backup file stands, in one line (Today, Share); with `resume`, the
    /// **Resume automatic backup** button when the browser must be asked again.
    Line {
        /// Whether the line has its Resume button.
        resume: bool,
    },
}

split_point! {
    /// A view of the backup chunk.
    backup, fn backup_view(which: BackupView) -> AnyView { super::backup::view(which) }
}

/// Runs a call into the backup chunk in the background; if the chunk can't be fetched, the
/// backup file's status says so.
pub fn backup(ctx: Ctx, call: Backup) {
    let opening = match &call {
        Backup::Restore(_, error) => Some(*error),
        _ => None,
    };
    leptos::task::spawn_local(async move {
        if backup_run(ctx, call).await.is_err() {
            match opening {
                Some(error) => error.set(NOT_LOADED.into()),
                None => {
                    let _ = ctx
                        .backup_file
                        .try_update(|s| *s = std::mem::take(s).failing(Failure::NotLoaded));
                }
            }
        }
    });
}

/// Fetches and starts the chunks of the screens and the log form in the background, one at a
/// time, once the app has started and only when the service worker serves them from its cache
/// (on a first visit it is still downloading them, and fetching twice would cost a slow school
/// network): then opening a screen costs only drawing it. A chunk that fails is fetched again
/// when it is needed, as before.
pub fn preload_chunks() {
    let served_from_cache = window().navigator().service_worker().controller().is_some();
    if !served_from_cache {
        return;
    }
    leptos::task::spawn_local(async {
        // Nothing to report on failure: a chunk is loaded again, with its message, when opened.
        preload_plan().await.ok();
        preload_resources().await.ok();
        preload_log().await.ok();
        preload_reconnect().await.ok();
        preload_people().await.ok();
        preload_share().await.ok();
        preload_settings().await.ok();
        preload_print().await.ok();
    });
}

/// The screens a route can load.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Screen {
    /// Goals and the check-in log.
    Plan,
    /// The shelf.
    Resources,
    /// The people in the network.
    People,
    /// Share and back up.
    Share,
    /// Settings.
    Settings,
    /// The printable plan.
    Print,
    /// Stored data that can't be read.
    Recovery,
}

async fn load(screen: Screen) -> Result<AnyView, ChunkError> {
    match screen {
        Screen::Plan => plan_screen().await,
        Screen::Resources => resources_screen().await,
        Screen::People => people_screen().await,
        Screen::Share => share_screen().await,
        Screen::Settings => settings_screen().await,
        Screen::Print => print_screen().await,
        Screen::Recovery => recovery_screen().await,
    }
}

/// What a split point gives once its chunk is here: a quiet "Opening…" while it is fetched
/// the first time (from the service worker's cache after the first visit, so this is brief),
/// and `failed` with a way to try again if it can't be fetched, never an empty space.
fn from_chunk<Load, Fut>(load: Load, failed: fn(RwSignal<u32>) -> AnyView) -> impl IntoView
where
    Load: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, ChunkError>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    let body = move || {
        attempt.track();
        let loading = load();
        Suspend::new(async move {
            match loading.await {
                Ok(view) => view,
                Err(ChunkError) => failed(attempt),
            }
        })
    };
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Opening…"</p> }>
            {body}
        </Suspense>
    }
}

/// A screen from its chunk.
#[component]
pub fn LazyScreen(screen: Screen) -> impl IntoView {
    from_chunk(
        move || load(screen),
        |attempt| view! { <ChunkFailed attempt=attempt /> }.into_any(),
    )
}

/// The Log a connection form from its chunk, inside the dialog. The dialog opened before its
/// form arrived, so once it is drawn focus goes to its first field, as it would have.
#[component]
pub fn LazyLogForm(
    open: RwSignal<bool>,
    editing: Option<Id>,
    goal: Option<Id>,
    person: Option<Id>,
    suggest: bool,
) -> impl IntoView {
    let form = move || {
        let (editing, goal, person) = (editing.clone(), goal.clone(), person.clone());
        async move {
            let form = log_form(open, editing, goal, person, suggest).await;
            request_animation_frame(focus_first_field);
            form
        }
    };
    from_chunk(form, |attempt| {
        view! {
            <p role="alert">
                "This form didn't load: it is fetched the first time it is used, and the "
                "network didn't answer. Check the connection and try again."
            </p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
        }
        .into_any()
    })
}

/// Today's Reconnect list from its chunk. A part of Today rather than a screen, so it waits
/// quietly while fetched, and if it can't be fetched it says so in one line.
#[component]
pub fn LazyReconnect(today: NaiveDate, on_log: Callback<Id>) -> impl IntoView {
    let list = move || {
        Suspend::new(async move {
            match reconnect_list(today, on_log).await {
                Ok(view) => view,
                Err(ChunkError) => view! {
                    <p class="hint">"Who to reconnect with didn't load; it will when the network answers."</p>
                }
                .into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{list}</Suspense> }
}

/// A view of the backup chunk; nothing while it is fetched, one line if it can't be.
#[component]
pub fn LazyBackup(which: BackupView) -> impl IntoView {
    let view = move || {
        Suspend::new(async move {
            match backup_view(which).await {
                Ok(view) => view,
                Err(ChunkError) => view! {
                    <p class="hint">"Automatic backup didn't load; it will when the network answers."</p>
                }
                .into_any(),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{view}</Suspense> }
}

/// Puts focus on the open dialog's first field unless the librarian is already in one.
fn focus_first_field() {
    let doc = document();
    let in_field = doc
        .active_element()
        .is_some_and(|e| e.closest("dialog[open] form").ok().flatten().is_some());
    if !in_field {
        super::platform::focus(
            "dialog[open] form input, dialog[open] form select, dialog[open] form textarea",
        );
    }
}

/// Says that part of Branch Out could not be fetched, and offers to try again.
#[component]
fn ChunkFailed(attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <Heading>"This part of Branch Out didn't load"</Heading>
        <p role="alert">
            "It is fetched the first time you open it, and the network didn't answer. "
            "Your data is safe on this device. Check the connection and try again; once it has "
            "loaded, it also works offline."
        </p>
        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
        <p><a href="#/today">"Go to Today"</a></p>
    }
}
