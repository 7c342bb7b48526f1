//! Branch Out: a librarian's personal connection plan and shelf of resources, kept in the
//! browser and shared as a file.
//!
//! Data flows one way: a UI event becomes a [`model::Action`], the pure model applies it, the
//! [`store`] saves the new state, and the view follows the signal.

pub mod exchange;
pub mod model;
pub mod store;
pub mod ui;

#[cfg(test)]
mod testing;
