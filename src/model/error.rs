//! Why an action was refused.

use super::link::{EmailError, UrlError};
use super::text::TextError;
use super::{Goal, Id};

/// Why an action was refused. The state is unchanged whenever one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    /// A text field was blank or too long.
    #[error(transparent)]
    Text(#[from] TextError),
    /// A target outside 1–99.
    #[error("the target must be between 1 and {max} check-ins", max = Goal::MAX_TARGET)]
    Target,
    /// A date range that ends before it starts.
    #[error("the last day can't be before the first day")]
    Range,
    /// Too many terms, breaks or goals.
    #[error("there are already {0} of these; remove one first")]
    TooMany(usize),
    /// No goal has this id.
    #[error("that goal no longer exists")]
    NoSuchGoal,
    /// No check-in has this id.
    #[error("that check-in no longer exists")]
    NoSuchCheckIn,
    /// No term or break has this id.
    #[error("those dates no longer exist")]
    NoSuchRange,
    /// The fresh id is already taken (the edge's random source failed).
    #[error("could not create a new item; please try again")]
    IdTaken,
    /// The web address was refused.
    #[error(transparent)]
    Url(#[from] UrlError),
    /// The address is already on the shelf.
    #[error("“{title}” is already on your shelf at that address")]
    Duplicate {
        /// The resource already there.
        id: Id,
        /// Its title.
        title: String,
    },
    /// No resource has this id.
    #[error("that resource no longer exists")]
    NoSuchResource,
    /// The email address was refused.
    #[error(transparent)]
    Email(#[from] EmailError),
    /// No person has this id.
    #[error("that person is no longer in your network")]
    NoSuchPerson,
}
