//! The store: the only code that reads or writes the browser's storage.
//!
//! [`codec`] turns a [`State`](crate::model::State) into a checked envelope and back, and
//! [`slots`] keeps two generations of it over any [`Backend`], the [`pointer`] naming the
//! newest; [`pack`] makes a large save small enough for two generations to fit. All are
//! pure and tested natively against a fault-injecting backend; `local` (web build only) is the thin adapter
//! to `localStorage`.

pub mod blocks;
pub mod codec;
pub mod keys;
pub mod pack;
pub mod pointer;
pub mod slots;

#[cfg(target_arch = "wasm32")]
pub mod local;

pub use slots::{Backend, Loaded, SaveError, StorageError, Writer};
