//! Prometheus rule files in Sloth's shape: `slo:sli_error:ratio_rate<window>`
//! recording rules for every window the alerts use and the SLO window, the
//! metadata rules Sloth's Grafana dashboards read, and one multi-window
//! burn-rate alert per window pair. An SLO with its alerts switched off gets
//! no alert rule and records Sloth's windows.
//!
//! User text reaches three places: label values in PromQL matchers (quoted
//! by `promql::quote`), alert annotations (Go templates: `{{` is escaped by
//! `promql::template_literal`), and YAML (the `yaml` writer quotes). Queries
//! themselves are the team's PromQL and go in as typed.

use super::promql::{
    error_ratio, event_queries, quote, template_literal, windowed_sli, with_window, Windowing,
};
use super::yaml::{self, map, s, Y};
use super::{ids, ratio_text, window_text, ExportFile, Ids, YAML};
use crate::alerting::{budget_spent_when_fired, effective_alerts, threshold, workbook_tiers};
use crate::budget::{human_seconds, time_to_exhaustion};
use crate::format::trim_zeros;
use crate::model::{BudgetingMethod, BurnAlert, EventKind, Severity, Sli, Slo, Span, Window};
use std::collections::BTreeMap;

pub fn export(slos: &[&Slo], base: &str) -> Result<Vec<ExportFile>, String> {
    let mut groups = Vec::new();
    let mut notes = String::new();
    for original in slos {
        let (slo, windowing) = windowed(original)?;
        let slo = &slo;
        groups.extend(groups_for(slo)?);
        notes.push_str(&windowing);
        for note in super::file_notes(original, super::ExportFormat::Prometheus) {
            notes.push_str(&format!("{note}\n"));
        }
        if let Err(why) = period_rules_hold(slo) {
            notes.push_str(&format!(
                "SLO {:?}: no period or budget-remaining rules: {why}.\n",
                slo.name
            ));
        }
    }
    let header = yaml::comment(&format!(
        "Prometheus rules written by SLO Workbench.\n\
         Recording rule names and labels follow Sloth's, so Sloth's Grafana dashboards work.\n\
         The period ratio (slo:sli_error:ratio_rate<period>) is the ratio of sums of short-window\n\
         event-rate recordings (docs/period-rules.md), exact when the period group runs at its interval.\n\
         {notes}Check with: promtool check rules FILE"
    ));
    let content = format!(
        "{header}{}",
        yaml::document(&map(vec![("groups", Y::Seq(groups))]))
    );
    Ok(vec![ExportFile {
        name: format!("{base}.rules.yml"),
        mime: YAML,
        content,
    }])
}

/// The SLO with `{{.window}}` in its queries, and the export note naming
/// what was rewritten (empty when nothing was): a fixed range such as
/// `[5m]` or a bare counter is windowed here, so published OpenSLO files
/// (whose queries have no Sloth placeholder) export.
fn windowed(slo: &Slo) -> Result<(Slo, String), String> {
    let (sli, rewritten) =
        windowed_sli(&slo.sli).map_err(|why| format!("SLO \"{}\": {why}", slo.name))?;
    let note: String = rewritten
        .iter()
        .map(|(what, how)| match how {
            Windowing::FixedRange(range) => format!(
                "SLO {:?}: the {what} query's fixed range [{range}] is replaced by each rule's window.\n",
                slo.name
            ),
            _ => format!(
                "SLO {:?}: the {what} query is a bare counter, read as sum(rate(counter[window])) for each rule's window.\n",
                slo.name
            ),
        })
        .collect();
    Ok((Slo { sli, ..slo.clone() }, note))
}

/// The header line of an SLO without burn-rate alerts: none is written, and
/// the windows recorded anyway (Sloth's, which its dashboards read).
pub(crate) fn no_alerts_note(slo: &Slo) -> String {
    let windows: Vec<String> = rule_windows(slo).iter().map(|w| w.prometheus()).collect();
    format!(
        "SLO {:?} has no burn-rate alerts (switched off): no burn-rate alert rule is written, and nobody is paged; its SLI is recorded over {}, as Sloth records it.",
        slo.name,
        windows.join(", ")
    )
}

/// Whether rolling-event Prometheus rules can hold this SLO's budget; the
/// reason when they cannot (the replay counts it another way, so rules that
/// pretend otherwise would disagree with it in silence).
pub fn period_rules_hold(slo: &Slo) -> Result<(), String> {
    if let Window::Calendar { .. } = slo.window {
        return Err(format!(
            "its {} window starts at each period boundary, and a Prometheus range only rolls",
            window_text(&slo.window)
        ));
    }
    match slo.budgeting {
        BudgetingMethod::Occurrences => Ok(()),
        BudgetingMethod::Timeslices { .. } => {
            Err("its budget counts bad time slices, and these rules count events".to_string())
        }
        BudgetingMethod::RatioTimeslices { .. } => {
            Err("its budget averages per-slice ratios, and these rules count events".to_string())
        }
    }
}

/// The rule groups of one SLO, in the order they must be evaluated: SLI
/// recordings, period recordings (when the budget can be held), metadata,
/// alerts (when there are any).
fn groups_for(slo: &Slo) -> Result<Vec<Y>, String> {
    let id = ids(slo);
    let extra = user_labels(slo);
    let with_period = period_rules_hold(slo).is_ok();
    let mut groups = vec![group(
        format!("sloth-slo-sli-recordings-{}", id.sloth_id),
        None,
        sli_recordings(slo, &id, &extra),
    )];
    if with_period {
        groups.push(group(
            format!("sloth-slo-period-recordings-{}", id.sloth_id),
            Some(event_rate_window(slo)),
            period_recordings(slo, &id, &extra),
        ));
    }
    groups.push(group(
        format!("sloth-slo-meta-recordings-{}", id.sloth_id),
        None,
        metadata(slo, &id, &extra, with_period),
    ));
    let mut alerts: Vec<Y> = effective_alerts(slo)
        .0
        .iter()
        .map(|a| alert_rule(slo, &id, a))
        .collect();
    alerts.extend(slo.alerting.no_data.map(|n| no_data_rule(slo, &n)));
    if !alerts.is_empty() {
        groups.push(group(
            format!("sloth-slo-alerts-{}", id.sloth_id),
            None,
            alerts,
        ));
    }
    Ok(groups)
}

/// The names of the rule groups `export` writes for one SLO, in evaluation
/// order (what `promtool test rules` needs as `group_eval_order`).
pub fn group_names(slo: &Slo) -> Vec<String> {
    let id = ids(slo);
    let mut names = vec![format!("sloth-slo-sli-recordings-{}", id.sloth_id)];
    if period_rules_hold(slo).is_ok() {
        names.push(format!("sloth-slo-period-recordings-{}", id.sloth_id));
    }
    names.push(format!("sloth-slo-meta-recordings-{}", id.sloth_id));
    if !effective_alerts(slo).0.is_empty() || slo.alerting.no_data.is_some() {
        names.push(format!("sloth-slo-alerts-{}", id.sloth_id));
    }
    names
}

fn group(name: String, interval: Option<Span>, rules: Vec<Y>) -> Y {
    let mut fields = vec![("name", s(name))];
    if let Some(i) = interval {
        fields.push(("interval", s(i.prometheus())));
    }
    fields.push(("rules", Y::Seq(rules)));
    map(fields)
}

/// `slo:sli_error:ratio_rate<w>` from the team's queries for every alert window.
fn sli_recordings(slo: &Slo, id: &Ids, extra: &[(String, Y)]) -> Vec<Y> {
    rule_windows(slo)
        .iter()
        .map(|w| {
            map(vec![
                ("record", s(rate_rule(*w))),
                ("expr", s(error_ratio(&slo.sli, *w))),
                ("labels", Y::Map(window_labels(id, extra, *w))),
            ])
        })
        .collect()
}

/// The window of the event-rate recordings and the interval of their group:
/// the shortest alert window (5m when there is no alert). Evaluated at that
/// interval, consecutive windows tile time, so their sum counts each event once.
pub fn event_rate_window(slo: &Slo) -> Span {
    rule_windows(slo)
        .first()
        .copied()
        .unwrap_or(Span::minutes(5))
}

/// Error and total event rates over the short window, their means over the
/// period, and the period's error ratio as the ratio of those means: the
/// ratio of sums, reading one recorded series per SLO instead of the raw
/// counters (docs/period-rules.md has the cost against Sloth's and Pyrra's).
fn period_recordings(slo: &Slo, id: &Ids, extra: &[(String, Y)]) -> Vec<Y> {
    let short = event_rate_window(slo);
    let period = slo.window.nominal();
    let (bad, total) = event_rates(&slo.sli, short);
    let rule = |name: String, expr: String, w: Span| {
        map(vec![
            ("record", s(name)),
            ("expr", s(expr)),
            ("labels", Y::Map(window_labels(id, extra, w))),
        ])
    };
    let sel = matcher(id);
    let mean = |name: &str| {
        format!(
            "avg_over_time({name}{}{sel}[{}])",
            short.prometheus(),
            period.prometheus()
        )
    };
    let (bad_short, total_short) = (
        format!("{BAD_EVENTS}{}", short.prometheus()),
        format!("{TOTAL_EVENTS}{}", short.prometheus()),
    );
    let (bad_period, total_period) = (
        format!("{BAD_EVENTS}{}", period.prometheus()),
        format!("{TOTAL_EVENTS}{}", period.prometheus()),
    );
    vec![
        rule(bad_short, bad, short),
        rule(total_short, total, short),
        rule(bad_period.clone(), mean(BAD_EVENTS), period),
        rule(total_period.clone(), mean(TOTAL_EVENTS), period),
        rule(
            rate_rule(period),
            format!("{bad_period}{sel}\n/\n{total_period}{sel}"),
            period,
        ),
    ]
}

/// Recorded error-event rate, suffixed with its window (`slo:sli_error_events:rate5m`).
pub const BAD_EVENTS: &str = "slo:sli_error_events:rate";
/// Recorded event rate, suffixed with its window (`slo:sli_total_events:rate5m`).
pub const TOTAL_EVENTS: &str = "slo:sli_total_events:rate";

/// Error-event and total-event rate queries of an SLI over `window`: the
/// error events are the total minus the good ones when the SLI counts good.
fn event_rates(sli: &Sli, window: Span) -> (String, String) {
    let (counts, events, total) = event_queries(sli);
    let (events, total) = (with_window(&events, window), with_window(&total, window));
    let bad = match counts {
        EventKind::Bad => events,
        EventKind::Good => format!("({total})\n-\n({events})"),
    };
    (bad, total)
}

/// Objective, budget, period and burn-rate figures Sloth's dashboards read.
/// Without period rules (see `period_rules_hold`) the period figures are left out.
fn metadata(slo: &Slo, id: &Ids, extra: &[(String, Y)], with_period: bool) -> Vec<Y> {
    let sel = matcher(id);
    let b = ratio_text(slo.target.error_budget());
    let period = slo.window.nominal();
    let meta_rule = |name: &str, expr: String| {
        map(vec![
            ("record", s(name)),
            ("expr", s(expr)),
            ("labels", Y::Map(sloth_labels(id, extra))),
        ])
    };
    let burn = |w: Span| {
        format!("{}{sel}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{sel}", rate_rule(w))
    };
    let mut info_labels = sloth_labels(id, extra);
    info_labels.push(("sloth_objective".into(), s(slo.target.to_string())));
    info_labels.push(("sloth_spec".into(), s("prometheus/v1")));
    info_labels.push(("sloth_mode".into(), s("slo-workbench")));
    let mut rules = vec![
        meta_rule(
            "slo:objective:ratio",
            format!("vector({})", ratio_text(slo.target.ratio())),
        ),
        meta_rule("slo:error_budget:ratio", format!("vector({b})")),
        meta_rule(
            "slo:time_period:days",
            format!(
                "vector({})",
                trim_zeros(period.seconds() as f64 / 86_400.0, 6)
            ),
        ),
    ];
    if let Some(shortest) = rule_windows(slo).first() {
        rules.push(meta_rule("slo:current_burn_rate:ratio", burn(*shortest)));
    }
    if with_period {
        rules.push(meta_rule("slo:period_burn_rate:ratio", burn(period)));
        rules.push(meta_rule(
            "slo:period_error_budget_remaining:ratio",
            format!("1 - slo:period_burn_rate:ratio{sel}"),
        ));
    }
    rules.push(map(vec![
        ("record", s("sloth_slo_info")),
        ("expr", s("vector(1)")),
        ("labels", Y::Map(info_labels)),
    ]));
    rules
}

/// Every alert window, sorted, without repeats: the
/// `slo:sli_error:ratio_rate<w>` rules read from the team's queries. An
/// SLO without burn-rate alerts records Sloth's windows (the Workbook
/// tiers'), as Sloth does with its alerts disabled: its dashboards read them.
fn rule_windows(slo: &Slo) -> Vec<Span> {
    let alerts = effective_alerts(slo).0;
    let pairs: Vec<(Span, Span)> = if alerts.is_empty() {
        workbook_tiers()
            .iter()
            .map(|&(_, _, long, short)| (short, long))
            .collect()
    } else {
        alerts.iter().map(|a| (a.short, a.long)).collect()
    };
    let mut w: Vec<Span> = pairs
        .into_iter()
        .flat_map(|(short, long)| [short, long])
        .filter(|w| *w != slo.window.nominal() || period_rules_hold(slo).is_err())
        .collect();
    w.sort();
    w.dedup();
    w
}

fn window_labels(id: &Ids, extra: &[(String, Y)], w: Span) -> Vec<(String, Y)> {
    let mut labels = sloth_labels(id, extra);
    labels.push(("sloth_window".into(), s(w.prometheus())));
    labels
}

pub(crate) fn rate_rule(w: Span) -> String {
    format!("slo:sli_error:ratio_rate{}", w.prometheus())
}

fn sloth_labels(id: &Ids, extra: &[(String, Y)]) -> Vec<(String, Y)> {
    let mut l = vec![
        ("sloth_id".to_string(), s(&id.sloth_id)),
        ("sloth_service".to_string(), s(&id.service)),
        ("sloth_slo".to_string(), s(&id.slo)),
    ];
    l.extend(extra.iter().cloned());
    l
}

/// `{sloth_id="…", sloth_service="…", sloth_slo="…"}` with PromQL-quoted values.
fn matcher(id: &Ids) -> String {
    format!(
        "{{sloth_id={}, sloth_service={}, sloth_slo={}}}",
        quote(&id.sloth_id),
        quote(&id.service),
        quote(&id.slo)
    )
}

/// The SLO's own labels with names made valid for Prometheus
/// (`[a-zA-Z_][a-zA-Z0-9_]*`, not `__`-reserved, not one of Sloth's).
fn user_labels(slo: &Slo) -> Vec<(String, Y)> {
    label_pairs(&slo.labels)
        .into_iter()
        .map(|(k, v)| (k, s(v)))
        .collect()
}

/// Labels as Prometheus (and Sloth, which validates them) accepts them:
/// names made valid, empty values dropped, first of two colliding names kept.
pub(crate) fn label_pairs(labels: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in labels {
        let mut name: String = k
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if name.is_empty()
            || name.starts_with(|c: char| c.is_ascii_digit())
            || name.starts_with("__")
        {
            name = format!("label_{}", name.trim_start_matches('_'));
        }
        if name.starts_with("sloth_")
            || matches!(
                name.as_str(),
                "severity" | "long_window" | "short_window" | "alertname"
            )
        {
            name = format!("slo_{name}");
        }
        if !v.is_empty() {
            out.entry(name).or_insert_with(|| v.clone());
        }
    }
    out.into_iter().collect()
}

/// CamelCase alert name from the SLO id: `checkout-availability` gives
/// `CheckoutAvailabilityBurnRatePage1hAnd5m`.
pub(crate) fn alert_name(slo_id: &str, a: &BurnAlert) -> String {
    let sev = match a.severity {
        Severity::Page => "Page",
        Severity::Ticket => "Ticket",
    };
    format!(
        "{}BurnRate{sev}{}And{}",
        camel(slo_id),
        a.long.prometheus(),
        a.short.prometheus()
    )
}

/// CamelCase of an id, starting with a letter as alert names must.
pub(crate) fn camel(slo_id: &str) -> String {
    let mut camel: String = slo_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect();
    if !camel.starts_with(|c: char| c.is_ascii_alphabetic()) {
        camel = format!("Slo{camel}");
    }
    camel
}

/// The labels an alert rule sets itself.
fn rule_labels(a: &BurnAlert) -> Vec<(&'static str, String)> {
    vec![
        ("severity", a.severity.as_str().to_string()),
        ("sloth_severity", a.severity.as_str().to_string()),
        ("long_window", a.long.prometheus()),
        ("short_window", a.short.prometheus()),
    ]
}

/// The name of the alert rule `export` writes for this window pair.
pub fn alert_rule_name(slo: &Slo, a: &BurnAlert) -> String {
    alert_name(&ids(slo).slo, a)
}

/// The labels of a firing alert of this window pair as Prometheus reports
/// them (besides `alertname`): the SLO's Sloth and user labels, which the
/// expression keeps from the recordings, and the rule's own.
pub fn firing_labels(slo: &Slo, a: &BurnAlert) -> Vec<(String, String)> {
    let mut labels = slo_labels(slo);
    labels.extend(rule_labels(a).into_iter().map(|(k, v)| (k.to_string(), v)));
    labels
}

/// The labels of the SLO's metadata recordings (`slo:period_error_budget_remaining:ratio`).
pub fn slo_labels(slo: &Slo) -> Vec<(String, String)> {
    let id = ids(slo);
    let mut labels = vec![
        ("sloth_id".to_string(), id.sloth_id),
        ("sloth_service".to_string(), id.service),
        ("sloth_slo".to_string(), id.slo),
    ];
    labels.extend(label_pairs(&slo.labels));
    labels
}

fn alert_rule(slo: &Slo, id: &Ids, a: &BurnAlert) -> Y {
    let sel = matcher(id);
    let threshold = format!(
        "({} * {})",
        trim_zeros(a.factor, 6),
        ratio_text(slo.target.error_budget())
    );
    let expr = format!(
        "(\n  max({}{sel} > {threshold}) without (sloth_window)\n  and\n  max({}{sel} > {threshold}) without (sloth_window){}\n)",
        rate_rule(a.long),
        rate_rule(a.short),
        guard_condition(slo, a)
    );
    let t = annotation_texts(slo, a);
    map(vec![
        ("alert", s(alert_name(&id.slo, a))),
        ("expr", s(expr)),
        (
            "labels",
            map(rule_labels(a).into_iter().map(|(k, v)| (k, s(v))).collect()),
        ),
        (
            "annotations",
            map(vec![
                ("summary", s(template_literal(&t.summary))),
                ("description", s(template_literal(&t.description))),
                ("runbook_url", s(template_literal(&t.runbook_url))),
            ]),
        ),
    ])
}

/// The traffic guard as one more `and`: the SLI's event rate over the short
/// window at least the minimum events spread over it (10 events in 5m: a
/// rate of 10 / 300 per second). Empty without a guard. `on()`: the rate
/// carries the team's labels, not the SLO's.
fn guard_condition(slo: &Slo, a: &BurnAlert) -> String {
    let Some(guard) = slo
        .alerting
        .traffic_guard
        .filter(|_| crate::guards::guard_applies(&slo.sli))
    else {
        return String::new();
    };
    let (_, _, total) = event_queries(&slo.sli);
    format!(
        "\n  and on()\n  (({}) >= {} / {})",
        with_window(&total, a.short),
        guard.min_events,
        a.short.seconds()
    )
}

/// The no-data alert: the SLI's total query over `after` returns nothing.
/// `absent` gives a series without labels, so the rule sets the SLO's.
fn no_data_rule(slo: &Slo, alert: &crate::guards::NoDataAlert) -> Y {
    let (_, _, total) = event_queries(&slo.sli);
    let (summary, description) = crate::guards::no_data_texts(slo, alert);
    let runbook = runbook_text(slo);
    map(vec![
        ("alert", s(crate::guards::no_data_rule_name(slo))),
        (
            "expr",
            s(format!(
                "absent(\n  {}\n)",
                with_window(&total, alert.after)
            )),
        ),
        (
            "labels",
            Y::Map(
                no_data_labels(slo, alert)
                    .into_iter()
                    .map(|(k, v)| (k, s(v)))
                    .collect(),
            ),
        ),
        (
            "annotations",
            map(vec![
                ("summary", s(template_literal(&summary))),
                ("description", s(template_literal(&description))),
                ("runbook_url", s(template_literal(&runbook))),
            ]),
        ),
    ])
}

/// The labels of a firing no-data alert (the rule sets them all): the
/// SLO's Sloth and user labels and the severity.
pub fn no_data_labels(slo: &Slo, alert: &crate::guards::NoDataAlert) -> Vec<(String, String)> {
    let mut labels = slo_labels(slo);
    labels.push(("severity".into(), alert.severity.as_str().into()));
    labels.push(("sloth_severity".into(), alert.severity.as_str().into()));
    labels
}

/// Alert annotations as they should read once Prometheus has rendered them.
pub struct AnnotationTexts {
    pub summary: String,
    pub description: String,
    pub runbook_url: String,
}

pub fn annotation_texts(slo: &Slo, a: &BurnAlert) -> AnnotationTexts {
    let service = if slo.service.trim().is_empty() {
        "(no service named)"
    } else {
        slo.service.as_str()
    };
    let b = slo.target.error_budget();
    let period = slo.window.nominal();
    let factor = trim_zeros(a.factor, 4);
    let (long, short) = (a.long.prometheus(), a.short.prometheus());
    let summary =
        format!("SLO \"{}\" of {service} is burning its error budget at {factor}x or more ({long} and {short} windows)", slo.name);
    let exhaustion = time_to_exhaustion(period, a.factor)
        .map(human_seconds)
        .unwrap_or_else(|| "never".into());
    let description = format!(
        "The error ratio of SLO \"{}\" (service {service}, target {}% over {}) is above {}% ({factor}x the {}% error budget) over both the last {long} and the last {short}. At {factor}x the whole budget is spent in {exhaustion}; {}% of it is gone by the time this alert fires.",
        slo.name,
        slo.target,
        window_text(&slo.window),
        trim_zeros(threshold(a, slo.target) * 100.0, 6),
        trim_zeros(b * 100.0, 6),
        trim_zeros(budget_spent_when_fired(a, period) * 100.0, 2),
    );
    AnnotationTexts {
        summary,
        description,
        runbook_url: runbook_text(slo),
    }
}

/// The runbook annotation: the team's URL, or where to set one.
pub fn runbook_text(slo: &Slo) -> String {
    if slo.alerting.runbook_url.trim().is_empty() {
        "no runbook set yet: add its URL in the SLO Workbench alert designer".to_string()
    } else {
        slo.alerting.runbook_url.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::workbook_30d;

    #[test]
    fn alert_names_are_camel_case_and_name_severity_and_windows() {
        let a = workbook_30d()[0];
        assert_eq!(
            alert_name("checkout-availability", &a),
            "CheckoutAvailabilityBurnRatePage1hAnd5m"
        );
        assert_eq!(
            alert_name("99-latency", &workbook_30d()[3]),
            "Slo99LatencyBurnRateTicket3dAnd6h"
        );
    }

    #[test]
    fn the_page_alert_description_gives_the_worked_numbers() {
        let slo = Slo {
            name: "Checkout".into(),
            service: "shop".into(),
            ..Slo::default()
        };
        let t = annotation_texts(&slo, &workbook_30d()[0]);
        assert!(
            t.description
                .contains("above 1.44% (14.4x the 0.1% error budget)"),
            "{}",
            t.description
        );
        assert!(
            t.description.contains("spent in 2 d 2 h"),
            "{}",
            t.description
        );
        assert!(
            t.description.contains("2% of it is gone"),
            "{}",
            t.description
        );
    }

    #[test]
    fn label_names_are_made_valid_for_prometheus() {
        let mut slo = Slo::default();
        slo.labels.insert("team.name".into(), "x".into());
        slo.labels.insert("9lives".into(), "y".into());
        slo.labels.insert("sloth_id".into(), "z".into());
        let names: Vec<String> = user_labels(&slo).into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["label_9lives", "slo_sloth_id", "team_name"]);
    }

    /// The `expr` of the rule recording `name` in the exported file.
    fn expr_of(file: &str, name: &str) -> String {
        let v: serde_norway::Value = serde_norway::from_str(file).unwrap();
        v["groups"]
            .as_sequence()
            .unwrap()
            .iter()
            .flat_map(|g| g["rules"].as_sequence().unwrap())
            .find(|r| r["record"].as_str() == Some(name))
            .and_then(|r| r["expr"].as_str().map(str::to_string))
            .unwrap_or_default()
    }

    fn exported(slo: &Slo) -> String {
        export(&[slo], "x").unwrap().remove(0).content
    }

    #[test]
    fn the_period_ratio_is_a_ratio_of_means_of_five_minute_event_rates() {
        let file = exported(&Slo::default());
        let ratio = expr_of(&file, "slo:sli_error:ratio_rate30d");
        assert!(
            ratio.starts_with("slo:sli_error_events:rate30d{")
                && ratio.contains("/\nslo:sli_total_events:rate30d{"),
            "{ratio}"
        );
        let bad = expr_of(&file, "slo:sli_error_events:rate30d");
        assert!(
            bad.starts_with("avg_over_time(slo:sli_error_events:rate5m{")
                && bad.ends_with("[30d])"),
            "{bad}"
        );
        // No rule reads the raw counters over the period.
        assert!(!file.contains("}[30d]))"), "{file}");
        assert!(file.contains("interval: \"5m\""), "{file}");
    }

    #[test]
    fn a_good_counting_sli_records_error_events_as_total_minus_good() {
        let slo = Slo {
            sli: Sli::Ratio {
                counts: EventKind::Good,
                events_query: "sum(rate(ok[{{.window}}]))".into(),
                total_query: "sum(rate(all[{{.window}}]))".into(),
            },
            ..Slo::default()
        };
        assert_eq!(
            expr_of(&exported(&slo), "slo:sli_error_events:rate5m"),
            "(sum(rate(all[5m])))\n-\n(sum(rate(ok[5m])))"
        );
    }

    #[test]
    fn calendar_and_time_slice_slos_get_no_period_rules_and_the_file_says_why() {
        let calendar = Slo {
            name: "Monthly".into(),
            window: Window::Calendar {
                unit: crate::model::CalendarUnit::Month,
                time_zone: "UTC".into(),
            },
            ..Slo::default()
        };
        let sliced = Slo {
            name: "Sliced".into(),
            budgeting: BudgetingMethod::Timeslices {
                slice: Span::minutes(1),
                slice_target: 0.95,
            },
            ..Slo::default()
        };
        for (slo, why) in [
            (&calendar, "a Prometheus range only rolls"),
            (&sliced, "counts bad time slices"),
        ] {
            let file = exported(slo);
            assert!(file.contains(why), "{file}");
            assert!(!file.contains("slo:period_error_budget_remaining:ratio"));
            assert!(!file.contains("ratio_rate30d"), "{file}");
            // The burn-rate alerts count events in rolling windows, as the replay does.
            assert!(file.contains("BurnRatePage1hAnd5m"));
        }
    }

    #[test]
    fn an_slo_without_alerts_gets_the_replayed_defaults_and_the_file_says_so() {
        let mut slo = Slo {
            name: "Quiet".into(),
            ..Slo::default()
        };
        slo.alerting.alerts.clear();
        let file = exported(&slo);
        assert!(
            file.contains("# SLO \"Quiet\" has no alerts: default burn-rate alerts were added (page 14.4x 1h/5m, page 6x 6h/30m, ticket 3x 1d/2h, ticket 1x 3d/6h)"),
            "{file}"
        );
        assert_eq!(file.matches("- alert: ").count(), 4, "{file}");
    }

    #[test]
    fn a_ratio_query_without_a_window_or_a_range_is_refused() {
        let slo = Slo {
            name: "Sums".into(),
            sli: Sli::Ratio {
                counts: crate::model::EventKind::Bad,
                events_query: "sum(errors)".into(),
                total_query: "sum(rate(total[5m]))".into(),
            },
            ..Slo::default()
        };
        let why = export(&[&slo], "x").unwrap_err();
        assert!(
            why.starts_with("SLO \"Sums\": the events query has no rate window")
                && why.contains("{{.window}}"),
            "{why}"
        );
    }

    fn published_style(events: &str, total: &str) -> Slo {
        Slo {
            name: "Published".into(),
            sli: Sli::Ratio {
                counts: EventKind::Good,
                events_query: events.into(),
                total_query: total.into(),
            },
            ..Slo::default()
        }
    }

    #[test]
    fn fixed_ranges_are_rewritten_to_each_window_and_the_file_names_the_slo() {
        let slo = published_style(
            r#"sum(rate(http_requests_total{code!~"5.."}[5m]))"#,
            "sum(rate(http_requests_total[5m]))",
        );
        let file = exported(&slo);
        assert_eq!(
            expr_of(&file, "slo:sli_error:ratio_rate1h"),
            "1 - (\n  (sum(rate(http_requests_total{code!~\"5..\"}[1h])))\n  /\n  (sum(rate(http_requests_total[1h])))\n)"
        );
        assert!(
            file.contains("# SLO \"Published\": the events query's fixed range [5m] is replaced by each rule's window."),
            "{file}"
        );
        assert!(file.contains("# SLO \"Published\": the total query's fixed range [5m]"));
    }

    #[test]
    fn bare_counters_are_read_as_summed_rates_over_each_window() {
        let slo = published_style("http_requests_ok_total", "http_requests_total");
        let file = exported(&slo);
        assert_eq!(
            expr_of(&file, "slo:sli_error:ratio_rate5m"),
            "1 - (\n  (sum(rate(http_requests_ok_total[5m])))\n  /\n  (sum(rate(http_requests_total[5m])))\n)"
        );
        assert!(file.contains("the total query is a bare counter"), "{file}");
    }

    /// The alert rule named `name` in the exported file, as YAML.
    fn alert_of(file: &str, name: &str) -> serde_norway::Value {
        let v: serde_norway::Value = serde_norway::from_str(file).unwrap();
        v["groups"]
            .as_sequence()
            .unwrap()
            .iter()
            .flat_map(|g| g["rules"].as_sequence().unwrap())
            .find(|r| r["alert"].as_str() == Some(name))
            .cloned()
            .unwrap_or(serde_norway::Value::Null)
    }

    #[test]
    fn the_traffic_guard_is_one_more_and_on_the_short_window_event_rate() {
        let mut slo = Slo::default();
        slo.alerting.traffic_guard = Some(crate::guards::TrafficGuard { min_events: 10 });
        let file = exported(&slo);
        let page = alert_of(&file, "AvailabilityBurnRatePage1hAnd5m");
        let expr = page["expr"].as_str().unwrap();
        assert!(
            expr.ends_with(
                "without (sloth_window)\n  and on()\n  ((sum(rate(http_requests_total[5m]))) >= 10 / 300)\n)"
            ),
            "{expr}"
        );
        // Each alert reads its own short window: 10 events in 6 h.
        let ticket = alert_of(&file, "AvailabilityBurnRateTicket3dAnd6h");
        assert!(ticket["expr"].as_str().unwrap().contains(">= 10 / 21600)"));
    }

    #[test]
    fn the_no_data_alert_is_absent_on_the_total_query_with_the_slo_labels() {
        let mut slo = Slo::default();
        slo.alerting.no_data = Some(crate::guards::NoDataAlert {
            after: Span::minutes(15),
            severity: Severity::Ticket,
        });
        let file = exported(&slo);
        let rule = alert_of(&file, "AvailabilityNoData");
        assert_eq!(
            rule["expr"].as_str(),
            Some("absent(\n  sum(rate(http_requests_total[15m]))\n)")
        );
        assert_eq!(rule["labels"]["severity"].as_str(), Some("ticket"));
        assert_eq!(rule["labels"]["sloth_slo"].as_str(), Some("availability"));
        assert!(rule["annotations"]["summary"]
            .as_str()
            .unwrap()
            .contains("no data for 15m"));
    }
}
