//! Import: read an untrusted file, check every item, show what would change, then merge.
//!
//! Reading never changes anything. [`read`] turns bytes into [`Incoming`] items (each checked
//! with the same rules as typing it in; a bad item is [`Rejected`] with its reason, a bad file
//! is a [`ReadError`]). [`Preview::new`] compares them with the librarian's data.
//! [`Preview::merge`] builds the merged state, keeping local edits except where the librarian
//! picked theirs. The edge keeps the state from before, so one click undoes the whole import.
//!
//! Goals, check-ins, resources and people are each an [`Item`]: how the part is named,
//! matched, compared, capped, checked and merged is said once in its own module (`goal`,
//! `check_in`, `resource`, `person`), and every step loops over the list of parts in [`each`].

mod bookmark_file;
mod check;
mod check_in;
mod error;
mod goal;
mod merge;
mod part;
mod person;
mod preview;
mod read;
mod report;
mod resource;
mod types;
mod vcard_file;

pub use bookmark_file::read_bookmarks;
pub use check_in::MAX_CHECK_INS;
pub use error::{MergeError, ReadError};
pub use part::{
    each, in_file_order, EachPart, Entries, Family, InParts, Item, Lists, Numbers, Parts, Pick,
    Picked, Written,
};
pub use read::{is_bookmark_file, read, read_any, MAX_FILE_BYTES, MAX_JSON_BYTES};
pub use report::{diff, settings_rows, Conflict, Diff};
pub use resource::ResourceChoice;
pub use types::{Entry, Incoming, Matching, Part, Picks, Preview, Rejected, Source, Tally};
pub use vcard_file::{is_vcard, read_vcards, MAX_VCF_BYTES};
