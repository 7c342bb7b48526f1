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
use super::platform;
use super::widgets::Heading;
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

/// "Last backed up 3 days ago".
#[component]
pub fn BackupStatus() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = move || {
        let today = platform::today();
        ctx.state.with(|s| match s.backup.days_since_export(today) {
            None => "You haven't backed up Branch Out on this device yet.".to_owned(),
            Some(0) => "Last backed up today.".to_owned(),
            Some(1) => "Last backed up yesterday.".to_owned(),
            Some(n) => format!("Last backed up {n} days ago."),
        })
    };
    view! { <p class="backup-status">{text}</p> }
}
