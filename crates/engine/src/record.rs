//! The agreement record and change log of an SLO: who agreed to it and on
//! which day, the terms they agreed to (target, window, SLI, alerts), and
//! every later change of those terms with its date, old and new value and
//! the reason the team gave.
//!
//! Changes are measured against the terms as last recorded (`baseline`), so
//! typing 9, 99, 99.5 into the target field logs one change, 99.9% to
//! 99.5%, once the team says why. Pure functions over `model::Slo`; the
//! Markdown and annotations that print a record are in `export::records`.
//! This module must not know any file format nor the browser.

use crate::model::{BurnAlert, EventKind, Project, Sli, Slo, Target, Window};
use serde::{Deserialize, Serialize};

/// What is kept per SLO: the agreement, the terms it was measured from and
/// the log of changes since.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SloRecord {
    pub agreement: Option<Agreement>,
    /// The terms as agreed or last logged; `None` before any agreement.
    /// Boxed: every `Slo` carries a record, most without a baseline.
    pub baseline: Option<Box<Terms>>,
    pub changes: Vec<Change>,
}

impl SloRecord {
    /// Nothing recorded: project files leave the field out.
    pub fn is_empty(&self) -> bool {
        self.agreement.is_none() && self.baseline.is_none() && self.changes.is_empty()
    }
}

/// Who agreed, by name from the project's people, and the day (YYYY-MM-DD).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Agreement {
    pub people: Vec<String>,
    pub date: String,
}

/// The terms of an SLO that the change log follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Terms {
    pub target: Target,
    pub window: Window,
    pub sli: Sli,
    pub alerts: Vec<BurnAlert>,
}

impl Terms {
    pub fn of(slo: &Slo) -> Terms {
        Terms {
            target: slo.target,
            window: slo.window.clone(),
            sli: slo.sli.clone(),
            alerts: slo.alerting.alerts.clone(),
        }
    }
}

/// Which term changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Target,
    Window,
    Sli,
    Alerts,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Target => "target",
            Field::Window => "window",
            Field::Sli => "SLI",
            Field::Alerts => "alerts",
        }
    }
}

/// One term's old and new value, as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub old: String,
    pub new: String,
}

/// One line of the change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// YYYY-MM-DD.
    pub date: String,
    pub field: Field,
    pub old: String,
    pub new: String,
    pub why: String,
}

/// The terms that differ between `before` and `after`, in the order
/// target, window, SLI, alerts, each with its old and new value in words.
pub fn diff(before: &Terms, after: &Terms) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut push = |field, old: String, new: String| {
        if old != new {
            out.push(FieldChange { field, old, new });
        }
    };
    push(
        Field::Target,
        format!("{}%", before.target),
        format!("{}%", after.target),
    );
    push(
        Field::Window,
        window_words(&before.window),
        window_words(&after.window),
    );
    push(Field::Sli, sli_words(&before.sli), sli_words(&after.sli));
    push(
        Field::Alerts,
        alerts_words(&before.alerts),
        alerts_words(&after.alerts),
    );
    out
}

/// The changes between two versions of one SLO.
pub fn diff_slos(before: &Slo, after: &Slo) -> Vec<FieldChange> {
    diff(&Terms::of(before), &Terms::of(after))
}

/// Changes made since the terms were last recorded, waiting for a reason;
/// none before the SLO is agreed.
pub fn pending(slo: &Slo) -> Vec<FieldChange> {
    slo.record
        .baseline
        .as_ref()
        .map(|b| diff(b, &Terms::of(slo)))
        .unwrap_or_default()
}

/// A day as `YYYY-MM-DD`, or why it is not one.
pub fn check_date(date: &str) -> Result<(), String> {
    date.trim()
        .parse::<jiff::civil::Date>()
        .map(|_| ())
        .map_err(|_| format!("\"{}\" is not a date; write it as 2026-12-01", date.trim()))
}

/// Records that `people` agreed to the SLO at `index` on `date`: its terms
/// as they stand become the baseline of the change log, and a draft becomes
/// agreed. Refused without a name or a valid date.
pub fn agree(
    project: &mut Project,
    index: usize,
    people: &[String],
    date: &str,
) -> Result<(), String> {
    let people: Vec<String> = people
        .iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if people.is_empty() {
        return Err("name at least one person who agreed".into());
    }
    check_date(date)?;
    let slo = project
        .slos
        .get_mut(index)
        .ok_or_else(|| "no such SLO".to_string())?;
    slo.record.agreement = Some(Agreement {
        people,
        date: date.trim().to_string(),
    });
    slo.record.baseline = Some(Box::new(Terms::of(slo)));
    let id = slo.id.clone();
    if crate::lifecycle::progress_of(project, &id) == crate::model::Progress::Drafted {
        project.progress.insert(id, crate::model::Progress::Agreed);
    }
    Ok(())
}

/// Logs every pending change of `slo` on `date` with the reason `why`, and
/// makes the current terms the new baseline. Returns how many lines were
/// logged; refused without a reason or a valid date.
pub fn log_pending(slo: &mut Slo, date: &str, why: &str) -> Result<usize, String> {
    let why = why.trim();
    if why.is_empty() {
        return Err("say why the SLO changed; the log keeps the reason".into());
    }
    check_date(date)?;
    let changes = pending(slo);
    let n = changes.len();
    slo.record
        .changes
        .extend(changes.into_iter().map(|c| Change {
            date: date.trim().to_string(),
            field: c.field,
            old: c.old,
            new: c.new,
            why: why.to_string(),
        }));
    if n > 0 {
        slo.record.baseline = Some(Box::new(Terms::of(slo)));
    }
    Ok(n)
}

/// A decision that sets the target (from a review): the target changes and
/// the log says so with the reason, whatever else is pending. Other pending
/// changes stay pending. A decision that keeps the target logs nothing.
pub fn decide_target(slo: &mut Slo, target: Target, date: &str, why: &str) -> Result<(), String> {
    let why = why.trim();
    if why.is_empty() {
        return Err("say why the target changes; the log keeps the reason".into());
    }
    check_date(date)?;
    if slo.target == target {
        return Ok(());
    }
    slo.record.changes.push(Change {
        date: date.trim().to_string(),
        field: Field::Target,
        old: format!("{}%", slo.target),
        new: format!("{target}%"),
        why: why.to_string(),
    });
    slo.target = target;
    if let Some(b) = &mut slo.record.baseline {
        b.target = target;
    }
    Ok(())
}

fn window_words(w: &Window) -> String {
    match w {
        Window::Rolling { span } => format!("{} rolling", span.prometheus()),
        Window::Calendar { unit, time_zone } => {
            format!("calendar {} ({})", unit.as_str(), time_zone.trim())
        }
    }
}

fn sli_words(sli: &Sli) -> String {
    match sli {
        Sli::Ratio {
            counts,
            events_query,
            total_query,
        } => format!(
            "{} events {} over all events {}",
            match counts {
                EventKind::Good => "good",
                EventKind::Bad => "bad",
            },
            events_query.trim(),
            total_query.trim()
        ),
        Sli::Latency {
            threshold_seconds,
            histogram_metric,
            selector,
        } => format!(
            "faster than {} s on {}{{{}}}",
            crate::format::trim_zeros(*threshold_seconds, 6),
            histogram_metric.trim(),
            selector.trim()
        ),
        Sli::Availability { probe_query } => format!("probes {}", probe_query.trim()),
    }
}

fn alerts_words(alerts: &[BurnAlert]) -> String {
    if alerts.is_empty() {
        return "none".into();
    }
    alerts
        .iter()
        .map(|a| {
            format!(
                "{} {}x over {}/{}",
                a.severity.as_str(),
                crate::format::trim_zeros(a.factor, 4),
                a.long.prometheus(),
                a.short.prometheus()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{workbook_30d, CalendarUnit, Progress, Span};

    fn project() -> Project {
        Project {
            slos: vec![Slo {
                id: "checkout".into(),
                ..Slo::default()
            }],
            ..Project::default()
        }
    }

    fn agreed() -> Project {
        let mut p = project();
        agree(&mut p, 0, &["Ana".into(), " Ben ".into()], "2026-11-30").unwrap();
        p
    }

    #[test]
    fn agreeing_names_the_people_and_the_day_and_marks_the_draft_agreed() {
        let p = agreed();
        let record = &p.slos[0].record;
        assert_eq!(
            record.agreement,
            Some(Agreement {
                people: vec!["Ana".into(), "Ben".into()],
                date: "2026-11-30".into()
            })
        );
        assert_eq!(record.baseline, Some(Box::new(Terms::of(&p.slos[0]))));
        assert_eq!(p.progress.get("checkout"), Some(&Progress::Agreed));
    }

    #[test]
    fn agreeing_again_keeps_an_exported_slo_exported() {
        let mut p = project();
        p.progress.insert("checkout".into(), Progress::Exported);
        agree(&mut p, 0, &["Ana".into()], "2026-11-30").unwrap();
        assert_eq!(p.progress.get("checkout"), Some(&Progress::Exported));
    }

    #[test]
    fn an_agreement_needs_a_name_and_a_real_day() {
        let mut p = project();
        assert!(agree(&mut p, 0, &[" ".into()], "2026-11-30").is_err());
        assert!(agree(&mut p, 0, &["Ana".into()], "2026-02-30").is_err());
        assert!(agree(&mut p, 3, &["Ana".into()], "2026-11-30").is_err());
        assert!(p.slos[0].record.is_empty());
    }

    #[test]
    fn nothing_is_pending_before_agreement_whatever_changes() {
        let mut p = project();
        p.slos[0].target = Target(0.99);
        assert_eq!(pending(&p.slos[0]), vec![]);
    }

    #[test]
    fn several_edits_of_the_target_are_one_change_from_the_agreed_value() {
        let mut p = agreed();
        for t in [0.9, 0.99, 0.995] {
            p.slos[0].target = Target(t);
        }
        assert_eq!(
            pending(&p.slos[0]),
            vec![FieldChange {
                field: Field::Target,
                old: "99.9%".into(),
                new: "99.5%".into()
            }]
        );
    }

    #[test]
    fn an_edit_undone_before_it_is_logged_leaves_nothing_to_log() {
        let mut p = agreed();
        p.slos[0].target = Target(0.99);
        p.slos[0].target = Target(0.999);
        assert!(pending(&p.slos[0]).is_empty());
    }

    #[test]
    fn the_diff_lists_target_window_sli_and_alerts_in_words() {
        let before = Slo::default();
        let mut after = before.clone();
        after.target = Target(0.995);
        after.window = Window::Calendar {
            unit: CalendarUnit::Month,
            time_zone: "Europe/Berlin".into(),
        };
        after.sli = Sli::Availability {
            probe_query: "up".into(),
        };
        after.alerting.alerts.truncate(1);
        let d = diff_slos(&before, &after);
        let fields: Vec<Field> = d.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            vec![Field::Target, Field::Window, Field::Sli, Field::Alerts]
        );
        assert_eq!(d[1].old, "30d rolling");
        assert_eq!(d[1].new, "calendar month (Europe/Berlin)");
        assert_eq!(d[2].new, "probes up");
        assert_eq!(
            d[3].old,
            "page 14.4x over 1h/5m, page 6x over 6h/30m, ticket 3x over 1d/2h, ticket 1x over 3d/6h"
        );
        assert_eq!(d[3].new, "page 14.4x over 1h/5m");
    }

    #[test]
    fn a_change_that_leaves_the_terms_alone_is_no_change() {
        let slo = Slo::default();
        let mut renamed = slo.clone();
        renamed.name = "Checkout".into();
        renamed.description = "other words".into();
        assert!(diff_slos(&slo, &renamed).is_empty());
        let mut same_alerts = slo.clone();
        same_alerts.alerting.alerts = workbook_30d();
        assert!(diff_slos(&slo, &same_alerts).is_empty());
    }

    #[test]
    fn logging_keeps_the_reason_and_moves_the_baseline() {
        let mut p = agreed();
        let slo = &mut p.slos[0];
        slo.target = Target(0.995);
        slo.window = Window::Rolling {
            span: Span::days(28),
        };
        assert!(log_pending(slo, "2026-12-01", "  ").is_err());
        assert_eq!(
            log_pending(slo, "2026-12-01", "Checkout misses 99.9% twice a month").unwrap(),
            2
        );
        assert_eq!(
            slo.record.changes[0],
            Change {
                date: "2026-12-01".into(),
                field: Field::Target,
                old: "99.9%".into(),
                new: "99.5%".into(),
                why: "Checkout misses 99.9% twice a month".into()
            }
        );
        assert_eq!(slo.record.changes[1].old, "30d rolling");
        assert_eq!(slo.record.changes[1].new, "28d rolling");
        assert!(pending(slo).is_empty());
        // Nothing pending: nothing logged, nothing moved.
        assert_eq!(log_pending(slo, "2026-12-02", "again").unwrap(), 0);
        assert_eq!(slo.record.changes.len(), 2);
    }

    #[test]
    fn a_review_decision_logs_the_target_alone_and_leaves_other_edits_pending() {
        let mut p = agreed();
        let slo = &mut p.slos[0];
        slo.alerting.alerts.clear();
        decide_target(
            slo,
            Target(0.995),
            "2026-12-01",
            "Review: users do not notice",
        )
        .unwrap();
        assert_eq!(slo.target, Target(0.995));
        assert_eq!(slo.record.changes.len(), 1);
        assert_eq!(slo.record.changes[0].new, "99.5%");
        let still: Vec<Field> = pending(slo).iter().map(|c| c.field).collect();
        assert_eq!(still, vec![Field::Alerts]);
    }

    #[test]
    fn a_decision_that_keeps_the_target_logs_nothing() {
        let mut slo = Slo::default();
        decide_target(&mut slo, Target(0.999), "2026-12-01", "keep it").unwrap();
        assert!(slo.record.changes.is_empty());
        assert!(decide_target(&mut slo, Target(0.99), "2026-12-01", "").is_err());
    }
}
