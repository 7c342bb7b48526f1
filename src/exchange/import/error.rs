//! Why a file could not be read, or an import applied. Nothing is changed when either is
//! returned; each message is a sentence for the screen.

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// Over the size read for its kind of file.
    #[error("This file is {size}; Branch Out reads {what} up to {limit}.", size = megabytes(*.size), limit = megabytes(*.max))]
    TooBig {
        /// Its size in bytes.
        size: usize,
        /// The most read, in bytes.
        max: usize,
        /// "export files" or "bookmark files".
        what: &'static str,
    },
    /// A bookmark file over a cap.
    #[error("{0}; nothing was imported.")]
    Bookmarks(String),
    /// A contacts file that can't be read.
    #[error("{0}; nothing was imported.")]
    Contacts(String),
    /// Not UTF-8 text.
    #[error("This file isn't a Branch Out export: it isn't readable text ({0}).")]
    NotText(&'static str),
    /// Not JSON (or nested too deeply, or cut short).
    #[error("This file isn't a Branch Out export: {0}.")]
    NotJson(String),
    /// JSON, but not an export (another app's file, `[]`, `"hello"`).
    #[error("This file isn't a Branch Out export.")]
    NotExport,
    /// Written by a newer version of Branch Out.
    #[error("This file was written by a newer version of Branch Out (file format {0}). Update Branch Out (reload it while online), then import it again.")]
    Newer(u64),
    /// An export whose outline is damaged.
    #[error("This Branch Out export is damaged: {0}. Nothing was imported.")]
    Damaged(String),
    /// More items than Branch Out keeps.
    #[error("This file has {count} {what}; Branch Out takes at most {max}.")]
    TooMany {
        /// Which part, in the plural ("check-ins").
        what: &'static str,
        /// How many it has.
        count: usize,
        /// The cap.
        max: usize,
    },
}

fn megabytes(bytes: usize) -> String {
    // Whole tenths of a megabyte, computed in integers so no float formatting is needed.
    let tenths = bytes.saturating_mul(10) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

/// Why an import could not be applied.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    /// The result would hold more than Branch Out keeps.
    #[error("Importing all of this would make more than {max} {what}; nothing was imported. Remove some first, or share fewer.")]
    TooMany {
        /// Which part, in the plural.
        what: &'static str,
        /// The cap.
        max: usize,
    },
}
