//! Calendar periods in UTC: where the week (ISO, Monday), month or quarter that
//! holds an instant began, and where the next one begins.
//!
//! Only UTC: the SLO's time zone is reported as a warning by the simulation,
//! not applied (no time zone database is shipped to the browser).

use crate::model::CalendarUnit;
use time::{Date, Month, OffsetDateTime, Time};

/// Start of the period holding the interval that ends at `t`, that is the
/// period of the instant `t - 1` (a row stamped exactly at midnight on the 1st
/// counts the last minute of the previous month), and the next period's start.
pub(crate) fn period_bounds(t: i64, unit: CalendarUnit) -> (i64, i64) {
    let instant = t.saturating_sub(1);
    let Ok(dt) = OffsetDateTime::from_unix_timestamp(instant) else {
        // Outside the calendar time can represent: one period for all of it.
        return (i64::MIN, i64::MAX);
    };
    let date = dt.date();
    let (start, next) = match unit {
        CalendarUnit::Week => {
            let back = i64::from(date.weekday().number_days_from_monday());
            let start = unix_of(date) - back * 86_400;
            (start, start + 7 * 86_400)
        }
        CalendarUnit::Month => {
            let start = first_of(date.year(), date.month());
            let next = match date.month() {
                Month::December => first_of(date.year() + 1, Month::January),
                m => first_of(date.year(), m.next()),
            };
            (start, next)
        }
        CalendarUnit::Quarter => {
            let q = (u8::from(date.month()) - 1) / 3;
            let start_month = Month::try_from(q * 3 + 1).unwrap_or(Month::January);
            let start = first_of(date.year(), start_month);
            let next = if q == 3 {
                first_of(date.year() + 1, Month::January)
            } else {
                first_of(
                    date.year(),
                    Month::try_from(q * 3 + 4).unwrap_or(Month::January),
                )
            };
            (start, next)
        }
    };
    (start, next)
}

fn unix_of(date: Date) -> i64 {
    date.with_time(Time::MIDNIGHT).assume_utc().unix_timestamp()
}

fn first_of(year: i32, month: Month) -> i64 {
    Date::from_calendar_date(year, month, 1)
        .map(unix_of)
        .unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024-02-15 12:00:00 UTC, a Thursday.
    const MID_FEB_2024: i64 = 1_707_998_400;

    #[test]
    fn a_month_runs_from_the_first_to_the_first_in_utc() {
        let (start, next) = period_bounds(MID_FEB_2024, CalendarUnit::Month);
        assert_eq!(start, 1_706_745_600); // 2024-02-01
        assert_eq!(next, 1_709_251_200); // 2024-03-01
        assert_eq!(next - start, 29 * 86_400); // a leap February
    }

    #[test]
    fn a_row_stamped_at_midnight_on_the_first_closes_the_previous_month() {
        let (start, _) = period_bounds(1_709_251_200, CalendarUnit::Month);
        assert_eq!(start, 1_706_745_600);
    }

    #[test]
    fn weeks_start_on_monday_and_quarters_in_january_april_july_october() {
        let (week, next_week) = period_bounds(MID_FEB_2024, CalendarUnit::Week);
        assert_eq!(week, 1_707_696_000); // Monday 2024-02-12
        assert_eq!(next_week - week, 7 * 86_400);
        let (q, next_q) = period_bounds(MID_FEB_2024, CalendarUnit::Quarter);
        assert_eq!(q, 1_704_067_200); // 2024-01-01
        assert_eq!(next_q, 1_711_929_600); // 2024-04-01
    }
}
