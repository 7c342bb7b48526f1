//! Calendar periods: weeks by the week-start day, months, quarters and years from the
//! quarter-start month, and the librarian's own school terms. Never rolling windows.

use super::{Cadence, DateRange, Settings, WeekStart};
use chrono::{Datelike, Days, Month, NaiveDate, Weekday};

/// A span of whole days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Period {
    /// True when `day` falls inside.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// The settings that decide where periods start and which are on a break.
#[derive(Clone, Copy, Debug)]
pub struct Calendar<'a> {
    /// First day of a week.
    pub week_start: WeekStart,
    /// Month the first quarter (and the year of a yearly goal) starts in.
    pub quarter_start: Month,
    /// School terms.
    pub terms: &'a [DateRange],
    /// School breaks, when no term period is due.
    pub breaks: &'a [DateRange],
}

/// More periods than any real history holds (about 190 years of weeks); a guard, not a limit
/// anyone meets.
const MAX_PERIODS: usize = 10_000;

fn first_of_month(abs_month: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        abs_month.div_euclid(12),
        abs_month.rem_euclid(12) as u32 + 1,
        1,
    )
}

fn abs_month(day: NaiveDate) -> i32 {
    day.year() * 12 + day.month0() as i32
}

/// The period of `len` months, aligned to `anchor` (a month 1–12), that holds `day`.
fn month_block(day: NaiveDate, anchor: u32, len: i32) -> Option<Period> {
    let offset = (day.month() as i32 - anchor as i32).rem_euclid(12) % len;
    let start = abs_month(day) - offset;
    Some(Period {
        start: first_of_month(start)?,
        end: first_of_month(start + len)?.pred_opt()?,
    })
}

impl<'a> Calendar<'a> {
    /// The calendar described by `settings`.
    pub fn of(settings: &'a Settings) -> Self {
        Calendar {
            week_start: settings.week_start,
            quarter_start: settings.quarter_start,
            terms: &settings.terms,
            breaks: &settings.breaks,
        }
    }

    /// The period of `cadence` that holds `day`; `None` for a day outside every term.
    pub fn period(&self, cadence: Cadence, day: NaiveDate) -> Option<Period> {
        let anchor = self.quarter_start.number_from_month();
        match cadence {
            Cadence::Weekly => {
                let first = match self.week_start {
                    WeekStart::Monday => Weekday::Mon,
                    WeekStart::Sunday => Weekday::Sun,
                };
                let back = day.weekday().days_since(first);
                let start = day.checked_sub_days(Days::new(u64::from(back)))?;
                Some(Period {
                    start,
                    end: start.checked_add_days(Days::new(6))?,
                })
            }
            Cadence::Monthly => month_block(day, 1, 1),
            Cadence::Quarterly => month_block(day, anchor, 3),
            Cadence::Yearly => month_block(day, anchor, 12),
            Cadence::Term => self.sorted_terms().into_iter().find(|t| t.contains(day)),
        }
    }

    fn sorted_terms(&self) -> Vec<Period> {
        let mut terms: Vec<Period> = self
            .terms
            .iter()
            .filter(|t| t.start <= t.end)
            .map(|t| Period {
                start: t.start,
                end: t.end,
            })
            .collect();
        // Every field orders a period, so equal periods are the same: no stable sort needed.
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// Every period of `cadence` that overlaps `from..=to`, oldest first.
    pub fn periods(&self, cadence: Cadence, from: NaiveDate, to: NaiveDate) -> Vec<Period> {
        if cadence == Cadence::Term {
            return self
                .sorted_terms()
                .into_iter()
                .filter(|t| t.end >= from && t.start <= to)
                .collect();
        }
        let mut out = Vec::new();
        let mut next = self.period(cadence, from);
        while let Some(p) = next {
            if p.start > to || out.len() >= MAX_PERIODS {
                break;
            }
            out.push(p);
            next = p.end.succ_opt().and_then(|d| self.period(cadence, d));
        }
        out
    }

    /// True when every school day (Monday to Friday) of `period` falls in a break, so a
    /// one-day PD day never skips a week, and a break entered as weekdays covers its weekends.
    pub fn on_break(&self, period: &Period) -> bool {
        if self.breaks.is_empty() {
            return false;
        }
        let mut school_days = 0;
        for day in period.start.iter_days().take_while(|d| *d <= period.end) {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                continue;
            }
            school_days += 1;
            if !self.breaks.iter().any(|b| b.start <= day && day <= b.end) {
                return false;
            }
        }
        school_days > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal(week_start: WeekStart, quarter_start: Month) -> Calendar<'static> {
        Calendar {
            week_start,
            quarter_start,
            terms: &[],
            breaks: &[],
        }
    }

    fn p(a: NaiveDate, b: NaiveDate) -> Option<Period> {
        Some(Period { start: a, end: b })
    }

    #[test]
    fn weeks_follow_the_week_start_across_a_year_end() {
        let mon = cal(WeekStart::Monday, Month::January);
        let sun = cal(WeekStart::Sunday, Month::January);
        // Thursday 1 January 2026.
        assert_eq!(
            mon.period(Cadence::Weekly, d(2026, 1, 1)),
            p(d(2025, 12, 29), d(2026, 1, 4))
        );
        assert_eq!(
            sun.period(Cadence::Weekly, d(2026, 1, 1)),
            p(d(2025, 12, 28), d(2026, 1, 3))
        );
        // A Sunday belongs to the week before under Monday starts, and starts one under Sunday.
        assert_eq!(
            mon.period(Cadence::Weekly, d(2026, 11, 29)),
            p(d(2026, 11, 23), d(2026, 11, 29))
        );
        assert_eq!(
            sun.period(Cadence::Weekly, d(2026, 11, 29)),
            p(d(2026, 11, 29), d(2026, 12, 5))
        );
    }

    #[test]
    fn months_know_leap_years() {
        let c = cal(WeekStart::Monday, Month::January);
        assert_eq!(
            c.period(Cadence::Monthly, d(2024, 2, 10)),
            p(d(2024, 2, 1), d(2024, 2, 29))
        );
        assert_eq!(
            c.period(Cadence::Monthly, d(2025, 2, 10)),
            p(d(2025, 2, 1), d(2025, 2, 28))
        );
        assert_eq!(
            c.period(Cadence::Monthly, d(2026, 12, 31)),
            p(d(2026, 12, 1), d(2026, 12, 31))
        );
    }

    #[test]
    fn quarters_and_years_follow_the_start_month() {
        let jan = cal(WeekStart::Monday, Month::January);
        let jul = cal(WeekStart::Monday, Month::July);
        let feb = cal(WeekStart::Monday, Month::February);
        assert_eq!(
            jan.period(Cadence::Quarterly, d(2026, 11, 24)),
            p(d(2026, 10, 1), d(2026, 12, 31))
        );
        assert_eq!(
            jul.period(Cadence::Quarterly, d(2026, 11, 24)),
            p(d(2026, 10, 1), d(2026, 12, 31))
        );
        assert_eq!(
            feb.period(Cadence::Quarterly, d(2026, 1, 15)),
            p(d(2025, 11, 1), d(2026, 1, 31))
        );
        assert_eq!(
            feb.period(Cadence::Quarterly, d(2024, 3, 1)),
            p(d(2024, 2, 1), d(2024, 4, 30))
        );
        assert_eq!(
            jan.period(Cadence::Yearly, d(2026, 11, 24)),
            p(d(2026, 1, 1), d(2026, 12, 31))
        );
        assert_eq!(
            jul.period(Cadence::Yearly, d(2026, 3, 24)),
            p(d(2025, 7, 1), d(2026, 6, 30))
        );
        assert_eq!(
            jul.period(Cadence::Yearly, d(2026, 7, 1)),
            p(d(2026, 7, 1), d(2027, 6, 30))
        );
    }

    fn range(name: &str, a: NaiveDate, b: NaiveDate) -> DateRange {
        DateRange {
            id: Id::parse(name).unwrap(),
            name: name.into(),
            start: a,
            end: b,
        }
    }

    #[test]
    fn terms_are_the_librarians_dates_and_gaps_have_no_period() {
        let terms = [
            range("t2", d(2026, 4, 20), d(2026, 6, 26)),
            range("t1", d(2026, 1, 28), d(2026, 4, 2)),
        ];
        let c = Calendar {
            terms: &terms,
            ..cal(WeekStart::Monday, Month::January)
        };
        assert_eq!(
            c.period(Cadence::Term, d(2026, 2, 1)),
            p(d(2026, 1, 28), d(2026, 4, 2))
        );
        assert_eq!(c.period(Cadence::Term, d(2026, 4, 10)), None);
        assert_eq!(
            c.periods(Cadence::Term, d(2026, 1, 1), d(2026, 12, 31)),
            vec![
                Period {
                    start: d(2026, 1, 28),
                    end: d(2026, 4, 2)
                },
                Period {
                    start: d(2026, 4, 20),
                    end: d(2026, 6, 26)
                }
            ]
        );
        assert!(cal(WeekStart::Monday, Month::January)
            .periods(Cadence::Term, d(2026, 1, 1), d(2026, 12, 31))
            .is_empty());
    }

    #[test]
    fn a_period_is_on_break_only_when_every_school_day_is() {
        let breaks = [
            range("summer", d(2026, 12, 21), d(2027, 1, 29)),
            range("pd", d(2026, 11, 27), d(2026, 11, 27)),
        ];
        let c = Calendar {
            breaks: &breaks,
            ..cal(WeekStart::Monday, Month::January)
        };
        let week = |day| c.period(Cadence::Weekly, day).unwrap();
        assert!(
            c.on_break(&week(d(2026, 12, 23))),
            "weekends around a weekday break still skip"
        );
        assert!(c.on_break(&week(d(2027, 1, 5))));
        assert!(
            !c.on_break(&week(d(2026, 11, 25))),
            "one PD day doesn't skip a week"
        );
        assert!(!c.on_break(&week(d(2026, 12, 16))));
        assert!(!c.on_break(&c.period(Cadence::Monthly, d(2026, 12, 1)).unwrap()));
        assert!(c.on_break(&c.period(Cadence::Monthly, d(2027, 1, 1)).unwrap()));
    }
}
