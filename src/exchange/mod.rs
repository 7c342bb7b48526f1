//! Pure file formats: what Branch Out writes for people and other programs to read, and the
//! bookmark files it reads.
//!
//! [`bookmarks`] reads and writes the Netscape bookmark file every browser exports, [`ics`]
//! turns the plan's goals into calendar reminders, [`csv`] lays the shelf out for a
//! spreadsheet, and [`raw`] is the raw-data download used in recovery. The export file, import
//! and its merge plan arrive with the sharing work.

pub mod bookmarks;
pub mod csv;
pub mod ics;
pub mod raw;
