//! Share: export a file (download, share sheet or email), import one through a preview, and
//! undo an import. One module per panel: [`export`], [`import`] (with its [`preview`]) and
//! [`formats`]; [`pending`] is the import in progress, which the drop-anywhere handler and
//! the recovery screen share; [`install`] is the note about installing Branch Out.

mod export;
mod formats;
mod import;
mod install;
mod pending;
mod preview;

pub use import::ImportPanel;
pub use pending::Imports;

use super::ctx::Ctx;
use super::lazy::{self, LazyBackupPanel};
use super::platform;
use super::widgets::Heading;
use crate::exchange::backup_file::{Failure, Status as BackupFile};
use export::ExportPanel;
use formats::OtherFormats;
use install::InstallNote;
use leptos::prelude::*;

/// The Share screen.
#[component]
pub fn ShareView() -> impl IntoView {
    view! {
        <Heading>"Share and back up"</Heading>
        <BackupStatus />
        <ExportPanel />
        <LazyBackupPanel status_line=false />
        <ImportPanel />
        <OtherFormats />
        <InstallNote />
        <section aria-labelledby="print-heading">
            <h2 id="print-heading">"Print"</h2>
            <p>"Your active goals, what's coming up and your starred resources on one page."</p>
            <a class="button-link" href="#/print">"Print the plan"</a>
        </section>
    }
}

/// "Last backed up 3 days ago", or how the automatic backup file stands: "Backed up to
/// *Branch Out backup.json* 2 minutes ago". With `resume` (Today), a backup file the browser
/// must be asked about again gets its **Resume automatic backup** button here.
#[component]
pub fn BackupStatus(#[prop(optional)] resume: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // "2 minutes ago" moves on while the screen is open.
    let now = RwSignal::new(platform::now_ms());
    let tick = set_interval_with_handle(
        move || {
            let _ = now.try_set(platform::now_ms());
        },
        std::time::Duration::from_secs(30),
    )
    .ok();
    on_cleanup(move || {
        if let Some(tick) = tick {
            tick.clear();
        }
    });
    let text = move || {
        let file = ctx.backup_file.get();
        if file.in_use() {
            return file.line(now.get());
        }
        let today = platform::today();
        ctx.state.with(|s| match s.backup.days_since_export(today) {
            None => "You haven't backed up Branch Out on this device yet.".to_owned(),
            Some(0) => "Last backed up today.".to_owned(),
            Some(1) => "Last backed up yesterday.".to_owned(),
            Some(n) => format!("Last backed up {n} days ago."),
        })
    };
    let can_resume = move || {
        resume
            && ctx.backup_file.with(|f| {
                matches!(f, BackupFile::Paused { .. })
                    || matches!(f, BackupFile::Failed { why, .. } if !matches!(why, Failure::Forgotten | Failure::Blocked))
            })
    };
    view! {
        <p class="backup-status">{text}</p>
        <Show when=can_resume>
            <button type="button" on:click=move |_| lazy::backup(ctx, lazy::backup_resume(ctx))>
                "Resume automatic backup"
            </button>
        </Show>
    }
}
