//! Pure file formats: what Branch Out writes for people and other programs to read, and how
//! it reads them back. No browser code here, so every format is tested natively.
//!
//! [`file`] is the export file (sharing and backup); [`import`] reads it, or a browser's
//! bookmark file, checks every item and previews and merges it; [`summary`] is the plain-text
//! summary and `mailto:` link; [`bookmarks`] reads and writes the Netscape bookmark file every
//! browser exports; [`ics`] turns the plan's goals into calendar reminders; [`csv`] lays the
//! shelf out for a spreadsheet; [`vcard`] writes the people as a contacts file; [`raw`] is the
//! raw-data download used in recovery; [`share_link`] carries a small export in a link;
//! [`backup_file`] is what the automatic backup file holds and its status in words.

/// The `format` every export file carries (see [`file`]).
pub const FORMAT: &str = "branch-out-export";
/// The newest export format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

pub mod backup_file;
pub mod bookmarks;
pub mod csv;
pub mod file;
pub mod ics;
pub mod import;
mod lines;
pub mod raw;
pub mod share_link;
pub mod summary;
pub mod vcard;
