//! The starter plan offered on first run: a weekly, a monthly and a quarterly connection goal,
//! after the school librarian's guide to staying connected, in Branch Out's own words.

use super::{Area, Cadence, GoalInput};

/// The three starter goals, ready to edit before they are added.
pub fn starter_plan() -> Vec<GoalInput> {
    vec![
        GoalInput {
            title: "Share an idea, question or resource with a colleague".into(),
            notes: "One a week. A quick email, a word in the staffroom or a useful link all count."
                .into(),
            area: Area::School,
            cadence: Cadence::Weekly,
            target: 1,
        },
        GoalInput {
            title: "Join a professional meeting, webinar or online chat".into(),
            notes: "One a month: your association, a district cohort, an email list's chat.".into(),
            area: Area::Online,
            cadence: Cadence::Monthly,
            target: 1,
        },
        GoalInput {
            title: "Show a peer group something you have tried".into(),
            notes: "One a quarter, big or small: a display, a lesson, a new tool.".into(),
            area: Area::District,
            cadence: Cadence::Quarterly,
            target: 1,
        },
    ]
}
