//! Days the tests share: the unit tests beside the code use this module, and the test files
//! under `tests/` include the same file (`tests/common/mod.rs`), so each helper exists once.
#![allow(dead_code, clippy::unwrap_used)]

use chrono::NaiveDate;

/// A day that exists.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The tests' today: Wednesday 25 November 2026 (weeks start on Monday 23 November).
pub fn today() -> NaiveDate {
    day(2026, 11, 25)
}
