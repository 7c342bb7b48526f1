//! Pure file formats: what Branch Out writes for people and other programs to read.
//!
//! The export file, import and its merge plan, bookmark HTML, calendar and CSV arrive with the
//! sharing work; for now this holds the raw-data download used in recovery.

pub mod raw;
