//! Calendar periods as the replay sees them: which period a row belongs to.
//! A row stands for the interval ending at its timestamp, so it belongs to the
//! period of the instant just before it. The local calendar arithmetic, in the
//! SLO's time zone, is `crate::calendar`'s.

use crate::calendar::Zone;
use crate::model::CalendarUnit;

/// Start of the period holding the interval that ends at `t`, that is the
/// period of the instant `t - 1` (a row stamped exactly at local midnight on
/// the 1st counts the last minute of the previous month), and the next
/// period's start, in `zone`.
pub(crate) fn period_bounds(t: i64, unit: CalendarUnit, zone: &Zone) -> (i64, i64) {
    // Outside the calendar that can be represented: one period for all of it.
    zone.period_bounds(t.saturating_sub(1), unit)
        .unwrap_or((i64::MIN, i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2024-02-15 12:00:00 UTC, a Thursday.
    const MID_FEB_2024: i64 = 1_707_998_400;

    #[test]
    fn a_month_runs_from_the_first_to_the_first_in_utc() {
        let (start, next) = period_bounds(MID_FEB_2024, CalendarUnit::Month, &Zone::utc());
        assert_eq!(start, 1_706_745_600); // 2024-02-01
        assert_eq!(next, 1_709_251_200); // 2024-03-01
        assert_eq!(next - start, 29 * 86_400); // a leap February
    }

    #[test]
    fn a_row_stamped_at_midnight_on_the_first_closes_the_previous_month() {
        let (start, _) = period_bounds(1_709_251_200, CalendarUnit::Month, &Zone::utc());
        assert_eq!(start, 1_706_745_600);
    }

    #[test]
    fn weeks_start_on_monday_and_quarters_in_january_april_july_october() {
        let (week, next_week) = period_bounds(MID_FEB_2024, CalendarUnit::Week, &Zone::utc());
        assert_eq!(week, 1_707_696_000); // Monday 2024-02-12
        assert_eq!(next_week - week, 7 * 86_400);
        let (q, next_q) = period_bounds(MID_FEB_2024, CalendarUnit::Quarter, &Zone::utc());
        assert_eq!(q, 1_704_067_200); // 2024-01-01
        assert_eq!(next_q, 1_711_929_600); // 2024-04-01
    }

    // 2026-03-01T00:00+01:00 in Berlin = 2026-02-28T23:00Z = 1_772_319_600.
    const MAR_1_2026_BERLIN: i64 = 1_772_319_600;

    #[test]
    fn a_berlin_row_stamped_at_local_midnight_closes_february_and_the_next_opens_march() {
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let (feb, next) = period_bounds(MAR_1_2026_BERLIN, CalendarUnit::Month, &berlin);
        // 2026-02-01T00:00+01:00 = 2026-01-31T23:00Z, 28 days earlier.
        assert_eq!(
            (feb, next),
            (MAR_1_2026_BERLIN - 28 * 86_400, MAR_1_2026_BERLIN)
        );
        let (mar, _) = period_bounds(MAR_1_2026_BERLIN + 60, CalendarUnit::Month, &berlin);
        assert_eq!(mar, MAR_1_2026_BERLIN);
    }
}
