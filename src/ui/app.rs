//! The shell: skip link, header, navigation, storage banners and the current screen.

use super::ctx::{Ctx, Mode, SaveStatus};
use super::lazy::{self, LazyScreen, Screen};
use super::offline;
use super::platform;
use super::route::Route;
use super::share::Imports;
use super::today::TodayView;
use super::views::NotFound;
use super::widgets::UndoBar;
use crate::exchange::backup_file::Status as BackupFile;
use crate::model::{Locale, Theme};
use crate::store::keys;
use crate::store::slots::SaveError;
use leptos::prelude::*;

/// Starts the app in the page's `<body>`.
pub fn mount() {
    // A panic's message on the console helps while developing; in a release build the
    // hook's formatting code would ride on every first load, and a panic aborts either way.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

fn current_route() -> Route {
    Route::from_hash(&window().location().hash().unwrap_or_default())
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx::load();
    provide_context(ctx);
    let imports = Imports::provide();
    offline::watch(ctx.update_ready);
    // Once Today is up, the other screens' chunks are started in the background.
    set_timeout(lazy::preload_chunks, std::time::Duration::from_millis(1500));

    let route = RwSignal::new(current_route());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| route.set(current_route()));
    on_cleanup(move || handle.remove());

    // After the librarian moves to another screen, put focus on its heading so keyboard and
    // screen-reader users start at the top of the new content; not on first load.
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let r = route.get();
        document().set_title(&format!("{} — Branch Out", r.label()));
        if first.get_value() {
            first.set_value(false);
        } else {
            super::widgets::focus_heading_after_navigation();
        }
    });

    // The chosen theme and date style on the page itself: `data-theme` picks the colours
    // (style/main.css), and `lang` tells screen readers which English to speak.
    // Set only when they differ from what the page has, not on every change to the plan (a
    // star, a logged connection): setting `lang` on the root, even to the same value, makes
    // the browser work out the style of the whole page again.
    Effect::new(move |_| {
        let (theme, locale) = ctx.state.with(|s| (s.settings.theme, s.settings.locale));
        if let Some(root) = document().document_element() {
            let keep = |name: &str, value: Option<&str>| {
                if root.get_attribute(name).as_deref() != value {
                    let _ = match value {
                        Some(value) => root.set_attribute(name, value),
                        None => root.remove_attribute(name),
                    };
                }
            };
            keep(
                "data-theme",
                match theme {
                    Theme::System => None,
                    Theme::Light => Some("light"),
                    Theme::Dark => Some("dark"),
                },
            );
            keep(
                "lang",
                Some(match locale {
                    Locale::EnUs => "en-US",
                    Locale::EnAu => "en-AU",
                }),
            );
        }
        // The copy the next start reads before the app loads. Written only for a chosen
        // theme (a first run writes nothing) and never by a tab that must not write.
        ctx.keep_look(theme);
    });

    // Another tab saved: show its data at once (S-11). Saving also checks first, so this is
    // for the screen, not for safety.
    // Only the pointer says a save is complete (a save writes its blocks first, and removes
    // old ones after); `None` is storage cleared. A slot written over the one this tab last
    // saved to is another tab's save made in the same instant (B-02): `refresh` sees it.
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if key
            .as_deref()
            .is_none_or(|k| [keys::ACTIVE, keys::SLOT_A, keys::SLOT_B].contains(&k))
        {
            ctx.refresh();
        }
        // Another tab chose a backup file, or stopped automatic backup.
        if key.as_deref() == Some(keys::BACKUP_FILE)
            && matches!(ctx.mode.get_untracked(), Mode::Saving)
        {
            match ev.new_value() {
                Some(name) if !ctx.backup_file.with_untracked(BackupFile::in_use) => {
                    ctx.backup_file.set(BackupFile::Checking { name });
                    lazy::backup(ctx, lazy::Backup::Start);
                }
                None => ctx.backup_file.set(BackupFile::Off),
                Some(_) => {}
            }
        }
    });
    // A backup file in use is checked and caught up once Today is up.
    if ctx.backup_file.with_untracked(BackupFile::in_use) {
        set_timeout(
            move || lazy::backup(ctx, lazy::Backup::Start),
            std::time::Duration::from_millis(500),
        );
    }
    // Before the page is hidden or left, a change not saved yet is saved, and a backup write
    // waiting for more changes starts: switching tabs, closing the window, reloading for an
    // update.
    let hide = move || {
        ctx.flush();
        if ctx.backup_file.with_untracked(BackupFile::writing) {
            lazy::backup(ctx, lazy::Backup::Now);
        }
    };
    let leaving = window_event_listener(leptos::ev::pagehide, move |_| hide());
    // A tab coming back into view catches up before the librarian acts in it (S-12).
    // Screens read today's date when they open. When the date changes under an open tab (left
    // open overnight, or woken the next day), the screen is drawn again, but never while a
    // dialog is open, so nothing being typed is lost.
    let day = RwSignal::new(platform::today());
    let check_day = move || {
        let today = platform::today();
        let dialog_open = document()
            .query_selector("dialog[open]")
            .ok()
            .flatten()
            .is_some();
        if today != day.get_untracked() && !dialog_open {
            day.set(today);
        }
    };
    let clock = set_interval_with_handle(check_day, std::time::Duration::from_secs(60)).ok();
    let shown = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            hide();
        } else {
            ctx.refresh();
            check_day();
        }
    });
    on_cleanup(move || {
        storage.remove();
        leaving.remove();
        shown.remove();
        if let Some(clock) = clock {
            clock.clear();
        }
    });

    // A file dropped anywhere on the app goes to the import preview on the Share screen.
    let over = window_event_listener(leptos::ev::dragover, |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            let _ = window().location().set_hash("#/share");
            // If the reader's chunk can't be fetched, the Share screen (same chunk) says so.
            leptos::task::spawn_local(async move {
                let _ = lazy::read_dropped(imports, ctx, file).await;
            });
        }
    });
    on_cleanup(move || {
        over.remove();
        drop.remove();
    });

    let skip = move |ev: leptos::ev::MouseEvent| {
        // The hash is the router's, so the skip link moves focus itself.
        ev.prevent_default();
        platform::focus("#main");
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip>"Skip to main content"</a>
        <header class="site-header">
            <a class="brand" href="#/today">"Branch Out"</a>
            <nav aria-label="Main">
                <ul>
                    {Route::ALL
                        .into_iter()
                        .map(|r| {
                            view! {
                                <li>
                                    <a
                                        href=r.href()
                                        aria-current=move || (route.get() == r).then_some("page")
                                    >
                                        {r.label()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <Banners />
            {move || {
                if matches!(ctx.mode.get(), Mode::Recovery { .. }) {
                    return view! { <LazyScreen screen=Screen::Recovery /> }.into_any();
                }
                day.track();
                match route.get() {
                    Route::Today => view! { <TodayView /> }.into_any(),
                    Route::Plan => view! { <LazyScreen screen=Screen::Plan /> }.into_any(),
                    Route::Resources => {
                        view! { <LazyScreen screen=Screen::Resources /> }.into_any()
                    }
                    Route::People => view! { <LazyScreen screen=Screen::People /> }.into_any(),
                    Route::Share => view! { <LazyScreen screen=Screen::Share /> }.into_any(),
                    Route::Settings => {
                        view! { <LazyScreen screen=Screen::Settings /> }.into_any()
                    }
                    Route::Print => view! { <LazyScreen screen=Screen::Print /> }.into_any(),
                    Route::NotFound => view! { <NotFound /> }.into_any(),
                }
            }}
        </main>
    }
}

fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|d| {
        d.types()
            .includes(&wasm_bindgen::JsValue::from_str("Files"), 0)
    })
}

/// What the librarian must know: a new version is ready; storage is blocked, read-only,
/// recovered or not saved.
#[component]
fn Banners() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Why "Download a copy" did not download, beside the button.
    let copy_error = RwSignal::new(String::new());
    let download_copy = move || {
        // The export file's writer is not on the start path: these banners are rare.
        leptos::task::spawn_local(async move {
            let outcome = match lazy::download_copy(ctx).await {
                Ok(done) => done.err().unwrap_or_default(),
                Err(lazy::ChunkError) => lazy::NOT_LOADED.to_owned(),
            };
            copy_error.set(outcome);
        });
    };
    let copy_error =
        move || copy_error.with(|e| (!e.is_empty()).then(|| view! { <p>{e.clone()}</p> }));
    // Nothing in Branch Out needs the network, so being offline is news, not a problem.
    let online = RwSignal::new(window().navigator().on_line());
    let went_offline = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    let came_online = window_event_listener(leptos::ev::online, move |_| online.set(true));
    on_cleanup(move || {
        went_offline.remove();
        came_online.remove();
    });
    let offline_note = move || {
        (!online.get()).then_some("Offline — everything still works and is saved on this device.")
    };
    // Pressed: the browser swaps versions once the old one is idle, which another tab's
    // requests can put off for up to about half a minute, so the wait is said out loud.
    let updating = RwSignal::new(false);
    let update_banner = move || {
        ctx.update_ready.get().then(|| {
            view! {
                <div class="banner info">
                    // Option<&str>, as the offline note: a type the start path already draws.
                    <p>
                        {move || Some(if updating.get() {
                            "Updating… this tab reloads as soon as the new version has taken over."
                        } else {
                            "A new version of Branch Out is ready. Your work is already saved."
                        })}
                    </p>
                    <button type="button" on:click=move |_| {
                        updating.set(true);
                        // Anything not saved yet is saved before the new version takes over.
                        ctx.flush();
                        offline::apply_update();
                    }>
                        "Update available — reload"
                    </button>
                </div>
            }
        })
    };
    let mode_banner = move || {
        match ctx.mode.get() {
        Mode::MemoryOnly(why) => Some(view! {
            <div class="banner warn">
                <p>
                    <strong>"Nothing you do here will be kept."</strong>
                    " This browser does not let Branch Out save data (" {why} "), so your work "
                    "lives only in this tab until you close it."
                </p>
                <button type="button" on:click=move |_| download_copy()>"Download a copy"</button>
                {copy_error}
            </div>
        }
        .into_any()),
        Mode::Newer { .. } => Some(view! {
            <div class="banner warn">
                <p>
                    <strong>"This data was saved by a newer version of Branch Out."</strong>
                    " This tab is read-only so it can't damage it — reload to update."
                </p>
                <button type="button" on:click=move |_| { let _ = window().location().reload(); }>
                    "Reload"
                </button>
            </div>
        }
        .into_any()),
        Mode::Saving | Mode::Recovery { .. } => None,
    }
    };
    let recovered = move || {
        ctx.recovered.get().map(|(reason, at)| {
            view! {
                <div class="banner info">
                    <p>
                        "Your newest save could not be read (" {reason} "), so Branch Out opened "
                        "the previous one, saved " {platform::local_time(at)}
                        ". The damaged copy was set aside, not deleted."
                    </p>
                    <button type="button" on:click=move |_| ctx.recovered.set(None)>"Dismiss"</button>
                </div>
            }
        })
    };
    let failure = move || match ctx.save.get() {
        SaveStatus::Failed(e) => {
            let advice = match e {
                SaveError::Quota => "This browser's storage is full. Download a copy now so this change isn't lost.",
                SaveError::Verify => "This browser's storage did not keep the data intact. Download a copy now.",
                SaveError::Stale => "Branch Out was changed in another tab. Reload this tab to see the latest; download a copy first if you need this change.",
                SaveError::Newer => "A newer version of Branch Out is using this data in another tab. Reload to update.",
                SaveError::Storage(_) => "Download a copy now so this change isn't lost.",
            };
            Some(view! {
                <div class="banner error">
                    <p><strong>"Not saved — export now. "</strong> {advice}</p>
                    <button type="button" on:click=move |_| download_copy()>"Download a copy"</button>
                    {copy_error}
                </div>
            })
        }
        _ => None,
    };
    // An action refused where its screen has no message of its own (see `Ctx::report`).
    let refused = move || {
        ctx.refused.get().map(|e| {
            view! {
                <div class="banner warn">
                    <p>{e.to_string()}</p>
                </div>
            }
        })
    };
    let status = move || match ctx.save.get() {
        SaveStatus::Saved(at) => format!("Saved at {}", platform::local_time(at)),
        SaveStatus::InMemory => "Changed in this tab only — not saved".to_owned(),
        SaveStatus::Idle | SaveStatus::Failed(_) => String::new(),
    };
    view! {
        // The live region is always there, so screen readers announce the banner when it appears.
        <div role="status">{update_banner}</div>
        {mode_banner}
        {recovered}
        <div role="alert">{failure}{refused}</div>
        <p class="save-status" role="status">{status}</p>
        <p class="offline-note" role="status">{offline_note}</p>
        <UndoBar />
    }
}
