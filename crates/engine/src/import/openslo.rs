//! OpenSLO v1 import: Service, SLI, SLO, AlertPolicy, AlertCondition and
//! AlertNotificationTarget documents from one text, resolved by name
//! (`indicatorRef`, `alertPolicies`, `conditionRef`). Reads back the
//! `slo-workbench.dev/…` annotations the exporter writes.

use super::{
    at, ensure_service, extra_keys, number_at, percent_target, ratio_target, str_at,
    string_entries, Doc, Imported,
};
use crate::diag::Diagnostic;
use crate::export::openslo::ANNOTATION;
use crate::export::promql::recognise_sli;
use crate::model::{
    AlertConfig, AlertPreset, BudgetingMethod, BurnAlert, CalendarUnit, Commitment, Enforcement,
    EventKind, Project, Service, Severity, Sli, Slo, Span, Target, Window,
};
use serde_norway::Value;
use std::collections::BTreeMap;

pub(crate) fn import(docs: &[Doc], out: &mut Imported, errors: &mut Vec<Diagnostic>) {
    let by_kind = |kind: &str| -> BTreeMap<String, &Doc> {
        docs.iter()
            .filter(|d| str_at(&d.value, &["kind"]) == Some(kind))
            .filter_map(|d| Some((str_at(&d.value, &["metadata", "name"])?.to_string(), d)))
            .collect()
    };
    let services = by_kind("Service");
    let slis = by_kind("SLI");
    let policies = by_kind("AlertPolicy");
    let conditions = by_kind("AlertCondition");
    // Collected once: a scan of every document per SLI is quadratic.
    let referenced: std::collections::HashSet<&str> = docs
        .iter()
        .filter_map(|s| str_at(&s.value, &["spec", "indicatorRef"]))
        .collect();
    for d in docs {
        let kind = str_at(&d.value, &["kind"]).unwrap_or("");
        let name = str_at(&d.value, &["metadata", "name"]);
        if name.is_none() {
            errors.push(Diagnostic::error(
                d.line,
                format!(
                    "OpenSLO {} document without metadata.name",
                    if kind.is_empty() { "(no kind)" } else { kind }
                ),
            ));
            continue;
        }
        match kind {
            "Service" | "AlertPolicy" | "AlertCondition" => {}
            "SLI" => {
                if !name.is_some_and(|n| referenced.contains(n)) {
                    out.unmapped.push(format!("SLI {}: no SLO in this text refers to it; left out", name.unwrap_or("")));
                }
            }
            "AlertNotificationTarget" => {
                // The exporter's own targets just name the severity; real routing has no place in the model.
                let target = str_at(&d.value, &["spec", "target"]).unwrap_or("");
                if !matches!(target, "page" | "ticket") {
                    out.unmapped.push(format!(
                        "AlertNotificationTarget {}: notification routing ({target}) is not part of the workbench model; left out",
                        name.unwrap_or("")
                    ));
                }
            }
            "SLO" => match slo(d, &services, &slis, &policies, &conditions, out) {
                Ok(s) => out.project.slos.push(s),
                Err(e) => errors.push(e),
            },
            "DataSource" => out.unmapped.push(format!(
                "DataSource {}: connection details are not part of the workbench; queries are kept as typed",
                name.unwrap_or("")
            )),
            "" => errors.push(Diagnostic::error(d.line, "OpenSLO document without kind")),
            other => errors.push(Diagnostic::error(d.line, format!("unknown OpenSLO kind \"{other}\""))),
        }
    }
    for (name, d) in &services {
        ensure_service(&mut out.project, service(name, d));
    }
}

fn annotation<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    at(v, &["metadata", "annotations"])?
        .as_mapping()?
        .get(format!("{ANNOTATION}{key}").as_str())?
        .as_str()
}

fn service(name: &str, d: &Doc) -> Service {
    let v = &d.value;
    Service {
        name: str_at(v, &["metadata", "displayName"])
            .unwrap_or(name)
            .to_string(),
        description: str_at(v, &["spec", "description"])
            .unwrap_or("")
            .to_string(),
        owner: annotation(v, "owner").unwrap_or("").to_string(),
        users: annotation(v, "users").unwrap_or("").to_string(),
        internal_only: annotation(v, "internal-only") == Some("true"),
        ..Service::default()
    }
}

fn slo(
    d: &Doc,
    services: &BTreeMap<String, &Doc>,
    slis: &BTreeMap<String, &Doc>,
    policies: &BTreeMap<String, &Doc>,
    conditions: &BTreeMap<String, &Doc>,
    out: &mut Imported,
) -> Result<Slo, Diagnostic> {
    let v = &d.value;
    let name = str_at(v, &["metadata", "name"])
        .unwrap_or("slo")
        .to_string();
    let at_slo = Place {
        line: d.line,
        here: format!("SLO {name}"),
    };
    let here = at_slo.here.as_str();
    let service = slo_service(v, services, &at_slo, &mut out.project)?;
    let un = &mut out.unmapped;
    let sli = read_sli(slo_indicator(v, slis, &at_slo)?, here, un).map_err(|m| at_slo.err(m))?;
    let objective = slo_objective(v, &at_slo, un)?;
    let target = slo_target(objective, &at_slo)?;
    note_unknown_spec_keys(v, here, un);
    let window = read_window(v, here, un).map_err(|m| at_slo.err(m))?;
    let budgeting = read_budgeting(v, objective, here, un).map_err(|m| at_slo.err(m))?;
    let labels = slo_labels(v, here, un);
    note_unknown_annotations(v, here, un);
    let alerting = slo_alerting(v, policies, conditions, here, un);
    let pick = |k: &str| annotation(v, k).unwrap_or("").to_string();
    let mut slo = Slo {
        id: annotation(v, "id")
            .map(str::to_string)
            .unwrap_or_else(|| name.clone()),
        name: str_at(v, &["metadata", "displayName"])
            .unwrap_or(&name)
            .to_string(),
        service,
        journey: pick("journey"),
        description: str_at(v, &["spec", "description"])
            .unwrap_or("")
            .to_string(),
        sli,
        target,
        window,
        budgeting,
        commitment: if annotation(v, "commitment") == Some("aspirational") {
            Commitment::Aspirational
        } else {
            Commitment::Committed
        },
        enforcement: if annotation(v, "enforcement") == Some("enforcing") {
            Enforcement::Enforcing
        } else {
            Enforcement::Permissive
        },
        alerting,
        labels,
        revisit: pick("revisit"),
        ..Slo::default()
    };
    if let Some(json) = annotation(v, "record") {
        if let Err(e) = crate::export::records::read_record_annotation(&mut slo, json) {
            un.push(format!(
                "{here}: metadata.annotations.{ANNOTATION}record: {e}; left out"
            ));
        }
    }
    Ok(slo)
}

/// Where a problem is: the document's line and what it is (`SLO checkout`).
struct Place {
    line: usize,
    here: String,
}

impl Place {
    fn err(&self, m: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::error(self.line, format!("{}: {m}", self.here))
    }
}

/// The SLO's service by its display name; a service named only here is added.
fn slo_service(
    v: &Value,
    services: &BTreeMap<String, &Doc>,
    at_slo: &Place,
    project: &mut Project,
) -> Result<String, Diagnostic> {
    let service_name =
        str_at(v, &["spec", "service"]).ok_or_else(|| at_slo.err("spec.service is required"))?;
    let service_display = services
        .get(service_name)
        .and_then(|s| str_at(&s.value, &["metadata", "displayName"]))
        .unwrap_or(service_name)
        .to_string();
    if !services.contains_key(service_name) {
        ensure_service(
            project,
            Service {
                name: service_display.clone(),
                ..Service::default()
            },
        );
    }
    Ok(service_display)
}

/// The SLI's spec: inline, or by reference to an SLI document in the same text.
fn slo_indicator<'a>(
    v: &'a Value,
    slis: &'a BTreeMap<String, &Doc>,
    at_slo: &Place,
) -> Result<&'a Value, Diagnostic> {
    match (
        at(v, &["spec", "indicator", "spec"]),
        str_at(v, &["spec", "indicatorRef"]),
    ) {
        (Some(spec), _) => Ok(spec),
        (None, Some(r)) => at(
            &slis
                .get(r)
                .ok_or_else(|| {
                    at_slo.err(format!(
                        "indicatorRef \"{r}\" names no SLI document in this text"
                    ))
                })?
                .value,
            &["spec"],
        )
        .ok_or_else(|| at_slo.err(format!("SLI \"{r}\" has no spec"))),
        (None, None) => Err(at_slo.err("needs spec.indicator or spec.indicatorRef")),
    }
}

/// The first objective (the workbench keeps one per SLO; the rest are listed as left out).
fn slo_objective<'a>(
    v: &'a Value,
    at_slo: &Place,
    un: &mut Vec<String>,
) -> Result<&'a Value, Diagnostic> {
    let list = match at(v, &["spec", "objectives"]).and_then(Value::as_sequence) {
        Some(list) if !list.is_empty() => list,
        _ => return Err(at_slo.err("spec.objectives needs at least one objective with a target")),
    };
    let extra = list.len() - 1;
    if extra > 0 {
        un.push(format!("{}: spec.objectives[1..]: the workbench keeps one objective per SLO; {extra} more left out", at_slo.here));
    }
    let objective = &list[0];
    extra_keys(
        Some(objective),
        &[
            "displayName",
            "target",
            "targetPercent",
            "timeSliceTarget",
            "timeSliceWindow",
        ],
        &format!("{}: spec.objectives[0]", at_slo.here),
        "threshold objectives (op/value) are not part of the workbench model",
        un,
    );
    Ok(objective)
}

/// The objective's target, from `target` (0 to 1) or `targetPercent`, never both.
fn slo_target(objective: &Value, at_slo: &Place) -> Result<Target, Diagnostic> {
    match (
        number_at(objective, &["target"]),
        number_at(objective, &["targetPercent"]),
    ) {
        (Some(_), Some(_)) => {
            Err(at_slo
                .err("spec.objectives[0] has both target and targetPercent; OpenSLO allows one"))
        }
        (Some(r), None) => {
            ratio_target(r).map_err(|m| at_slo.err(format!("spec.objectives[0].target: {m}")))
        }
        (None, Some(p)) => {
            percent_target(p).map_err(|m| at_slo.err(format!("spec.objectives[0].target: {m}")))
        }
        (None, None) => {
            Err(at_slo.err("spec.objectives[0] needs target (0 to 1) or targetPercent"))
        }
    }
}

/// Lists the SLO spec's keys that neither OpenSLO v1 nor the workbench knows.
fn note_unknown_spec_keys(v: &Value, here: &str, un: &mut Vec<String>) {
    extra_keys(
        at(v, &["spec"]),
        &[
            "description",
            "service",
            "indicator",
            "indicatorRef",
            "timeWindow",
            "budgetingMethod",
            "objectives",
            "alertPolicies",
        ],
        &format!("{here}: spec"),
        "not part of OpenSLO v1 or of the workbench model; left out",
        un,
    );
}

/// `metadata.labels`, plus the labels the workbench wrote into its annotation.
fn slo_labels(v: &Value, here: &str, un: &mut Vec<String>) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    for (k, val) in string_entries(
        at(v, &["metadata", "labels"]),
        &format!("{here}: metadata.labels"),
        un,
    ) {
        labels.insert(k, val);
    }
    if let Some(json) = annotation(v, "labels") {
        match serde_json::from_str::<BTreeMap<String, String>>(json) {
            Ok(more) => labels.extend(more),
            Err(_) => un.push(format!("{here}: metadata.annotations.{ANNOTATION}labels: not a JSON object of strings; left out")),
        }
    }
    labels
}

/// Lists the annotations that are not the workbench's own.
fn note_unknown_annotations(v: &Value, here: &str, un: &mut Vec<String>) {
    let known_annotations = [
        "journey",
        "id",
        "commitment",
        "enforcement",
        "revisit",
        "calendar-unit",
        "time-zone",
        "alert-preset",
        "runbook-url",
        "budgeting-method",
        "labels",
        "record",
    ];
    if let Some(m) = at(v, &["metadata", "annotations"]).and_then(Value::as_mapping) {
        for k in m.keys().filter_map(Value::as_str) {
            if !k
                .strip_prefix(ANNOTATION)
                .is_some_and(|rest| known_annotations.contains(&rest))
            {
                un.push(format!(
                    "{here}: metadata.annotations.{k}: not part of the workbench model; left out"
                ));
            }
        }
    }
}

/// The alerts from the SLO's alert policies, with the preset and runbook the workbench wrote.
fn slo_alerting(
    v: &Value,
    policies: &BTreeMap<String, &Doc>,
    conditions: &BTreeMap<String, &Doc>,
    here: &str,
    un: &mut Vec<String>,
) -> AlertConfig {
    let alerts = read_alert_policies(v, policies, conditions, here, un);
    let preset = match annotation(v, "alert-preset") {
        Some(p) => serde_json::from_value(serde_json::Value::String(p.into()))
            .unwrap_or(AlertPreset::Custom),
        None => AlertPreset::Custom,
    };
    AlertConfig {
        preset,
        alerts,
        runbook_url: annotation(v, "runbook-url").unwrap_or("").to_string(),
        ..AlertConfig::default()
    }
}

const SLI_NEEDS: &str = "the SLI needs a ratioMetric with good or bad and total Prometheus queries (metricSource.spec.query)";

/// Why a `thresholdMetric` SLI is refused: it compares one metric's value
/// with the objective's `value` (a latency percentile under 300 ms), and no
/// good or total events can be read back from that value.
const THRESHOLD_REFUSED: &str = "indicator thresholdMetric is not supported: a threshold SLI compares one metric's value with the objective's value, and the workbench counts good and total events, which cannot be read back from that value; write it as a ratioMetric (for latency: good = the histogram bucket at the threshold, total = its count)";

fn read_sli(spec: &Value, here: &str, un: &mut Vec<String>) -> Result<Sli, &'static str> {
    if at(spec, &["thresholdMetric"]).is_some() {
        return Err(THRESHOLD_REFUSED);
    }
    let ratio = at(spec, &["ratioMetric"]).ok_or(SLI_NEEDS)?;
    let mut query = |part: &str| -> Option<String> {
        let src = at(ratio, &[part, "metricSource"])?;
        if let Some(t) = str_at(src, &["type"]).filter(|t| !t.eq_ignore_ascii_case("prometheus")) {
            un.push(format!(
                "{here}: ratioMetric.{part}.metricSource.type {t}: read as a PromQL query"
            ));
        }
        let q = str_at(src, &["spec", "query"]).or_else(|| str_at(src, &["spec", "promql"]));
        if q.is_none() {
            un.push(format!("{here}: ratioMetric.{part}.metricSource.spec: no query field; the workbench reads spec.query"));
        }
        q.map(str::to_string)
    };
    let total = query("total").ok_or(SLI_NEEDS)?;
    let (counts, events) = match (at(ratio, &["good"]), at(ratio, &["bad"])) {
        (Some(_), Some(_)) => {
            return Err(
                "ratioMetric has good, bad and total; OpenSLO allows good or bad with total",
            )
        }
        (Some(_), None) => (EventKind::Good, query("good").ok_or(SLI_NEEDS)?),
        (None, Some(_)) => (EventKind::Bad, query("bad").ok_or(SLI_NEEDS)?),
        (None, None) => return Err(SLI_NEEDS),
    };
    Ok(recognise_sli(counts, &events, &total))
}

fn read_window(v: &Value, here: &str, un: &mut Vec<String>) -> Result<Window, String> {
    let Some(tw) = at(v, &["spec", "timeWindow"])
        .and_then(Value::as_sequence)
        .and_then(|l| l.first())
    else {
        un.push(format!(
            "{here}: spec.timeWindow missing; 30d rolling assumed"
        ));
        return Ok(Window::default());
    };
    let duration = str_at(tw, &["duration"]).ok_or("spec.timeWindow[0].duration is required")?;
    let rolling = at(tw, &["isRolling"])
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if rolling {
        return Ok(Window::Rolling {
            span: openslo_span(duration)?,
        });
    }
    let zone = annotation(v, "time-zone")
        .map(str::to_string)
        .or_else(|| str_at(tw, &["calendar", "timeZone"]).map(str::to_string))
        .unwrap_or_default();
    let unit = match duration {
        "1w" => CalendarUnit::Week,
        "1M" => CalendarUnit::Month,
        "1Q" => CalendarUnit::Quarter,
        other => {
            un.push(format!("{here}: spec.timeWindow[0]: calendar window of {other}; the workbench has calendar weeks, months and quarters, read as a rolling window"));
            return Ok(Window::Rolling {
                span: openslo_span(other)?,
            });
        }
    };
    if let Some(start) = str_at(tw, &["calendar", "startTime"]) {
        if !(start.ends_with("00:00:00") && (start.contains("-01 ") || unit == CalendarUnit::Week))
        {
            un.push(format!("{here}: spec.timeWindow[0].calendar.startTime {start}: periods start at the calendar boundary in the workbench"));
        }
    }
    Ok(Window::Calendar {
        unit,
        time_zone: zone,
    })
}

/// OpenSLO durations add M (30 d), Q (90 d) and Y (365 d) to Prometheus units.
fn openslo_span(d: &str) -> Result<Span, String> {
    let t = d.trim();
    let (num, days) = match t.chars().last() {
        Some('M') => (&t[..t.len() - 1], 30),
        Some('Q') => (&t[..t.len() - 1], 90),
        Some('Y') => (&t[..t.len() - 1], 365),
        _ => return Span::parse(t).map_err(|e| format!("timeWindow duration {e}")),
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("timeWindow duration \"{t}\" is not a number and a unit"))?;
    n.checked_mul(days)
        .filter(|d| *d > 0 && *d < 100_000)
        .map(Span::days)
        .ok_or_else(|| format!("timeWindow duration \"{t}\" is out of range"))
}

fn read_budgeting(
    v: &Value,
    objective: &Value,
    here: &str,
    un: &mut Vec<String>,
) -> Result<BudgetingMethod, String> {
    let method = str_at(v, &["spec", "budgetingMethod"]).unwrap_or_else(|| {
        un.push(format!(
            "{here}: spec.budgetingMethod missing (OpenSLO requires it); read as Occurrences"
        ));
        "Occurrences"
    });
    let ratio_slices =
        annotation(v, "budgeting-method") == Some("RatioTimeslices") || method == "RatioTimeslices";
    if method == "Occurrences" && !ratio_slices {
        return Ok(BudgetingMethod::Occurrences);
    }
    if !matches!(method, "Timeslices" | "RatioTimeslices") {
        return Err(format!(
            "budgetingMethod \"{method}\" is not one of Occurrences, Timeslices, RatioTimeslices"
        ));
    }
    let slice = match at(objective, &["timeSliceWindow"]) {
        Some(Value::String(s)) => openslo_span(s)?,
        // A plain number is minutes (the OpenSLO README: `5` is 5 minutes).
        Some(Value::Number(n)) => Span(
            n.as_f64()
                .filter(|m| *m >= 1.0 && *m < 1e7 && m.fract() == 0.0)
                .ok_or("timeSliceWindow: a whole number of minutes from 1")? as u64
                * 60,
        ),
        _ => return Err("Timeslices need objectives[0].timeSliceWindow".into()),
    };
    if ratio_slices {
        return Ok(BudgetingMethod::RatioTimeslices { slice });
    }
    let slice_target = number_at(objective, &["timeSliceTarget"])
        .ok_or("Timeslices need objectives[0].timeSliceTarget")?;
    if !(slice_target > 0.0 && slice_target <= 1.0) {
        un.push(format!(
            "{here}: timeSliceTarget {slice_target} outside (0, 1]"
        ));
    }
    Ok(BudgetingMethod::Timeslices {
        slice,
        slice_target,
    })
}

/// The alerts of every policy the SLO lists, in each form OpenSLO documents:
/// `{alertPolicyRef: name}`, an inline `kind: AlertPolicy`, or a bare name
/// (what older workbench exports wrote). Anything else is listed, not guessed.
fn read_alert_policies(
    v: &Value,
    policies: &BTreeMap<String, &Doc>,
    conditions: &BTreeMap<String, &Doc>,
    here: &str,
    un: &mut Vec<String>,
) -> Vec<BurnAlert> {
    let mut alerts = Vec::new();
    let items = at(v, &["spec", "alertPolicies"]).and_then(Value::as_sequence);
    for (i, item) in items.into_iter().flatten().enumerate() {
        let reference = item.as_str().or_else(|| str_at(item, &["alertPolicyRef"]));
        match (reference, str_at(item, &["kind"])) {
            (Some(p), _) => match policies.get(p) {
                Some(doc) => alerts.extend(read_policy(p, &doc.value, conditions, un)),
                None => un.push(format!(
                    "{here}: spec.alertPolicies[{i}]: \"{p}\" names no AlertPolicy in this text; left out"
                )),
            },
            (None, Some("AlertPolicy")) => {
                let name = str_at(item, &["metadata", "name"]).unwrap_or("(inline)");
                alerts.extend(read_policy(name, item, conditions, un));
            }
            _ => un.push(format!(
                "{here}: spec.alertPolicies[{i}]: neither an alertPolicyRef nor an inline AlertPolicy; left out"
            )),
        }
    }
    alerts
}

fn read_policy(
    name: &str,
    policy: &Value,
    conditions: &BTreeMap<String, &Doc>,
    un: &mut Vec<String>,
) -> Vec<BurnAlert> {
    let mut alerts = Vec::new();
    for (i, c) in at(policy, &["spec", "conditions"])
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let cond = match str_at(c, &["conditionRef"]) {
            Some(r) => match conditions.get(r) {
                Some(d) => &d.value,
                None => {
                    un.push(format!("AlertPolicy {name}: spec.conditions[{i}].conditionRef \"{r}\" names no AlertCondition in this text"));
                    continue;
                }
            },
            None => c,
        };
        let here = format!("AlertPolicy {name}: spec.conditions[{i}]");
        match read_condition(cond, &here, un) {
            Ok(a) => alerts.push(a),
            Err(why) => un.push(format!("{here}: {why}; left out")),
        }
    }
    if at(policy, &["spec", "alertWhenResolved"]).and_then(Value::as_bool) == Some(false) {
        un.push(format!("AlertPolicy {name}: alertWhenResolved: false: Prometheus alerts always resolve (Alertmanager's send_resolved decides whether anyone hears it); left out"));
    }
    if at(policy, &["spec", "alertWhenNoData"]).and_then(Value::as_bool) == Some(true) {
        un.push(format!("AlertPolicy {name}: alertWhenNoData: true: the workbench writes no no-data alert; left out"));
    }
    alerts
}

/// One burn-rate condition. The operator and the severity are read only
/// when the model can hold them as written; a wait (`alertAfter`) is listed.
fn read_condition(c: &Value, here: &str, un: &mut Vec<String>) -> Result<BurnAlert, String> {
    let cond = at(c, &["spec", "condition"]).ok_or("no spec.condition")?;
    if str_at(cond, &["kind"]) != Some("burnrate") {
        return Err("only burnrate conditions are read".into());
    }
    match str_at(cond, &["op"]) {
        None | Some("gt" | "gte") => {}
        Some(op) => {
            return Err(format!(
                "op {op}: a burn-rate alert fires when the burn rate is above its threshold (gt or gte)"
            ))
        }
    }
    let factor = number_at(cond, &["threshold"])
        .filter(|f| f.is_finite() && *f > 0.0)
        .ok_or("burnrate condition needs a positive threshold")?;
    let severity = read_severity(str_at(c, &["spec", "severity"]).unwrap_or("page"))?;
    let ann = |k: &str| {
        at(c, &["metadata", "annotations"]).and_then(|m| {
            m.as_mapping()?
                .get(format!("{ANNOTATION}{k}").as_str())?
                .as_str()
        })
    };
    let long = match ann("long-window") {
        Some(w) => Span::parse(w)?,
        None => openslo_span(
            str_at(cond, &["lookbackWindow"]).ok_or("burnrate condition needs lookbackWindow")?,
        )?,
    };
    // Older workbench exports wrote the short window as alertAfter, with
    // this annotation beside it; elsewhere alertAfter is a wait.
    let short = match ann("short-window") {
        Some(w) => Span::parse(w)?,
        None => {
            if let Some(wait) = str_at(cond, &["alertAfter"]) {
                un.push(format!("{here}: alertAfter {wait}: a wait before alerting (Prometheus for:) is not part of the workbench model; left out, the alert fires as soon as both windows burn"));
            }
            // The Workbook's short window, 1/12 of the long one.
            Span((long.seconds() / 12).max(60))
        }
    };
    Ok(BurnAlert {
        severity,
        long,
        short,
        factor,
    })
}

/// Severities the model holds: page (also critical, high) and ticket (also
/// warning, low). Any other name is refused rather than guessed.
fn read_severity(name: &str) -> Result<Severity, String> {
    match name.to_ascii_lowercase().as_str() {
        "page" | "critical" | "high" => Ok(Severity::Page),
        "ticket" | "warning" | "low" => Ok(Severity::Ticket),
        _ => Err(format!(
            "severity \"{name}\": the workbench knows page (critical, high) and ticket (warning, low)"
        )),
    }
}
