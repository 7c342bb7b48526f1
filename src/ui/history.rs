//! A goal's history as a heatmap of periods, drawn in SVG, with the same facts as text.

use crate::model::progress::{Report, SkipReason, Status};
use crate::model::words as fmt;
use crate::model::{Cadence, Locale};
use leptos::prelude::*;

const CELL: usize = 16;
const GAP: usize = 4;

/// How many recent periods the heatmap shows.
fn shown(c: Cadence) -> usize {
    match c {
        Cadence::Weekly => 26,
        Cadence::Monthly => 12,
        Cadence::Quarterly => 8,
        Cadence::Term => 12,
        Cadence::Yearly => 5,
    }
}

fn class(s: Status) -> &'static str {
    match s {
        Status::Met => "cell met",
        Status::Partly => "cell partly",
        Status::Missed => "cell missed",
        Status::Skipped(SkipReason::Marked | SkipReason::Break | SkipReason::Paused) => {
            "cell skipped"
        }
        Status::InProgress => "cell progress",
    }
}

/// The heatmap of the last periods of one goal, and a list of the same periods for screen
/// readers and anyone who prefers words.
#[component]
pub fn History(
    /// The goal's report.
    report: Report,
    /// Its cadence.
    cadence: Cadence,
    /// Its target per period.
    target: u32,
    /// Date conventions.
    locale: Locale,
) -> impl IntoView {
    let recent: Vec<_> = {
        let skip = report.history.len().saturating_sub(shown(cadence));
        report.history.iter().skip(skip).copied().collect()
    };
    if recent.is_empty() {
        return view! { <p class="history-empty">"No periods yet."</p> }.into_any();
    }
    let count = |f: fn(&Status) -> bool| recent.iter().filter(|r| f(&r.status)).count();
    let summary = format!(
        "Last {}: {} met, {} partly met, {} missed, {} skipped{}.",
        fmt::count_of(recent.len() as u32, cadence),
        count(|s| *s == Status::Met),
        count(|s| *s == Status::Partly),
        count(|s| *s == Status::Missed),
        count(|s| matches!(s, Status::Skipped(_))),
        if recent.iter().any(|r| r.status == Status::InProgress) {
            format!(", this {} in progress", fmt::unit(cadence))
        } else {
            String::new()
        }
    );
    let width = recent.len() * (CELL + GAP);
    let cells = recent
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let x = (i * (CELL + GAP)).to_string();
            view! {
                <rect class=class(r.status) x=x y="2" width=CELL.to_string() height=CELL.to_string() rx="3">
                    <title>
                        {format!("{}: {}", fmt::period(&r.period, cadence, locale), fmt::status(r.status))}
                    </title>
                </rect>
            }
        })
        .collect_view();
    let items = recent
        .iter()
        .rev()
        .map(|r| {
            view! {
                <li>
                    {format!(
                        "{}: {} ({} of {})",
                        fmt::period(&r.period, cadence, locale),
                        fmt::status(r.status),
                        r.count,
                        target,
                    )}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="history">
            // The caption and list carry the same facts as text, so the drawing is hidden from
            // screen readers rather than read twice.
            <svg
                aria-hidden="true"
                focusable="false"
                width=width.to_string()
                height=(CELL + 4).to_string()
                viewBox=format!("0 0 {width} {}", CELL + 4)
            >
                {cells}
            </svg>
            <figcaption>
                <span>{summary}</span>
                <details>
                    <summary>"History as a list"</summary>
                    <ol class="history-list">{items}</ol>
                </details>
            </figcaption>
        </figure>
    }
    .into_any()
}
