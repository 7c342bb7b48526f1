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
use super::lazy::{BackupView, LazyBackup};
use super::platform;
use super::widgets::Heading;
use crate::exchange::backup_file::Status as BackupFile;
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
        <LazyBackup which=BackupView::Panel { status_line: false } />
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

/// "Last backed up 3 days ago", or, while a backup file is in use, how it stands ("Backed up
/// to *Branch Out backup.json* 2 minutes ago"; the backup chunk's line, fetched as the app
/// starts in that case). With `resume` (Today), that line has its **Resume automatic
/// backup** button when the browser must be asked again.
#[component]
pub fn BackupStatus(#[prop(optional)] resume: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Drawn again only when a backup file comes or goes, not at each change of its status.
    let in_use = Memo::new(move |_| ctx.backup_file.with(BackupFile::in_use));
    move || {
        if in_use.get() {
            return view! { <LazyBackup which=BackupView::Line { resume } /> }.into_any();
        }
        let today = platform::today();
        let text = ctx.state.with(|s| match s.backup.days_since_export(today) {
            None => "You haven't backed up Branch Out on this device yet.".to_owned(),
            Some(0) => "Last backed up today.".to_owned(),
            Some(1) => "Last backed up yesterday.".to_owned(),
            Some(n) => format!("Last backed up {n} days ago."),
        });
        view! { <p class="backup-status">{text}</p> }.into_any()
    }
}
