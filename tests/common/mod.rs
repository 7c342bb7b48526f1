//! Helpers shared by the test files: fixed days, ids and states, and (natively) proptest
//! strategies for the model.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use branch_out::model::{Id, State};

// The same file the unit tests beside the code use.
#[path = "../../src/testing.rs"]
mod days;
#[allow(unused_imports)]
pub use days::{day, today};

/// A fixed id, different for each `n`.
pub fn id(n: u8) -> Id {
    Id::from_random([n; 16])
}

/// An empty plan whose librarian is called `name`.
pub fn named(name: &str) -> State {
    let mut s = State::default();
    s.settings.name = name.into();
    s
}

#[cfg(not(target_arch = "wasm32"))]
mod strategies;
#[cfg(not(target_arch = "wasm32"))]
#[allow(unused_imports)]
pub use strategies::*;

/// A person with only a name, colleague, no reminder, added 25 Nov 2026.
pub fn person_named(n: u8, name: &str) -> branch_out::model::Person {
    branch_out::model::Person {
        id: id(n),
        name: name.into(),
        role: String::new(),
        place: String::new(),
        email: String::new(),
        phone: String::new(),
        url: None,
        relation: Default::default(),
        area: None,
        tags: vec![],
        notes: String::new(),
        keep_in_touch: Default::default(),
        favourite: false,
        archived: false,
        snoozed_until: None,
        added: today(),
        origin: None,
    }
}
