//! The workspace model: what a team writes down about its services and SLOs.
//!
//! Plain serde data, no behaviour beyond validation of single values (targets,
//! durations, names). Math lives in `budget`, alerting rules in `alerting`,
//! formats in `export`/`import`. This module must not know YAML, PromQL,
//! Markdown or anything of the browser.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Version of the project JSON written today. Autosave, project export and
/// share links all carry it; `import::project` upgrades every older one.
pub const SCHEMA_VERSION: u32 = 2;

/// The whole workspace: one project holding services, journeys and SLO drafts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub schema_version: u32,
    pub name: String,
    pub description: String,
    pub services: Vec<Service>,
    pub journeys: Vec<Journey>,
    pub slos: Vec<Slo>,
    pub people: Vec<Person>,
    pub raci: Raci,
    pub policy: ErrorBudgetPolicy,
    /// Lint findings the team acknowledged, keyed by finding id, with the reason.
    pub acknowledged: BTreeMap<String, String>,
    /// Notes per iteration review question, keyed by question id.
    pub review_notes: BTreeMap<String, String>,
    /// Lifecycle progress per SLO id.
    pub progress: BTreeMap<String, Progress>,
    /// The room's candidate journeys and SLIs, votes, own menu entries and checklist ticks.
    pub ideas: crate::ideas::Ideas,
    /// The risk exercise: risks weighed against one SLO's yearly budget.
    pub risks: crate::risk::Risks,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            schema_version: SCHEMA_VERSION,
            name: "Untitled project".into(),
            description: String::new(),
            services: Vec::new(),
            journeys: Vec::new(),
            slos: Vec::new(),
            people: Vec::new(),
            raci: Raci::default(),
            policy: ErrorBudgetPolicy::default(),
            acknowledged: BTreeMap::new(),
            review_notes: BTreeMap::new(),
            progress: BTreeMap::new(),
            ideas: crate::ideas::Ideas::default(),
            risks: crate::risk::Risks::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    #[default]
    Drafted,
    Agreed,
    Exported,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Service {
    pub name: String,
    pub owner: String,
    pub description: String,
    /// Who its users are, in the team's words.
    pub users: String,
    /// An internal-only service's customers are other teams.
    pub internal_only: bool,
    pub kind: ServiceKind,
    pub dependencies: Vec<Dependency>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    #[default]
    RequestDriven,
    Pipeline,
    Storage,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Dependency {
    pub name: String,
    /// Availability the dependency offers, as a ratio (0.9995).
    pub availability: f64,
    /// Id of the SLO of another service in the project that this dependency
    /// is (`internal`); empty for an outside dependency.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub slo: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Journey {
    pub name: String,
    pub service: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub name: String,
    /// Index into `lifecycle::PERSONAS` (RACI column).
    pub persona: usize,
}

/// RACI chart: `cells[step][persona]`, each a string of letters among R, A, C, I.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Raci {
    pub cells: Vec<Vec<String>>,
    /// The team's own words: local job titles, added personas and steps (`words`).
    #[serde(skip_serializing_if = "crate::words::Words::is_empty")]
    pub words: crate::words::Words,
}

impl Default for Raci {
    fn default() -> Self {
        Raci {
            cells: DEFAULT_RACI
                .iter()
                .map(|row| row.iter().map(|c| c.to_string()).collect())
                .collect(),
            words: crate::words::Words::default(),
        }
    }
}

/// RACI column headings (personas), in the order of the SIG-SRE chart.
pub const RACI_PERSONAS: [&str; 7] = [
    "Service Owner",
    "Product Owner(s)",
    "Engineering/Quality Lead",
    "Software Engineer/QE",
    "SRE IC",
    "Engineering Manager/Director",
    "Executive (VP)",
];

/// RACI row headings: the nine steps of the SLO lifecycle.
pub const RACI_STEPS: [&str; 9] = [
    "Existence of SLO",
    "Propose SLO",
    "Agree on SLO",
    "Measure+Track SLO",
    "Propose SLO Roadmap",
    "Agree SLO Roadmap",
    "Execute SLO Roadmap",
    "Handle Error Budget",
    "Recalibrate/Planning",
];

/// The default chart from the SIG-SRE talk (its first row has two A's on purpose).
pub const DEFAULT_RACI: [[&str; 7]; 9] = [
    ["AR", "C", "R", "A", "C", "C", "I"],
    ["C", "R", "R", "C", "C", "A", "I"],
    ["A", "R", "R", "C", "I", "I", "I"],
    ["I", "I", "R", "I", "AR", "I", "I"],
    ["C", "C", "AR", "C", "C", "I", "I"],
    ["AR", "R", "C", "C", "C", "R", "I"],
    ["I", "I", "A", "R", "R", "C", "I"],
    ["C", "A", "R", "C", "I", "R", "I"],
    ["A", "R", "R", "C", "C", "C", "I"],
];

/// The postmortem rule's share when the team has not chosen one: a single
/// incident spending more than 20% of the budget gets a postmortem (the SRE
/// Workbook's example policy).
pub const DEFAULT_POSTMORTEM_SHARE: f64 = 0.2;

/// The error budget policy, section by section, as free text the team fills in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ErrorBudgetPolicy {
    pub purpose: String,
    pub slo_miss: String,
    pub outage: String,
    pub escalation: String,
    pub exclusions: String,
    pub review_cadence: String,
    /// A single incident spending more than this share of the budget
    /// triggers a postmortem (0.2 = 20%), in (0, 1].
    #[serde(deserialize_with = "postmortem_share")]
    pub single_incident_share: f64,
    /// The policy as tiers the replay evaluates. A file saved before tiers
    /// existed loads with the suggested ladder (it replaces the fixed freeze
    /// rule those files were replayed with); a saved empty list stays empty.
    #[serde(default = "crate::policy::default_ladder")]
    pub tiers: Vec<crate::policy::Tier>,
}

impl Default for ErrorBudgetPolicy {
    fn default() -> Self {
        ErrorBudgetPolicy {
            purpose: String::new(),
            slo_miss: String::new(),
            outage: String::new(),
            escalation: String::new(),
            exclusions: String::new(),
            review_cadence: String::new(),
            single_incident_share: DEFAULT_POSTMORTEM_SHARE,
            tiers: crate::policy::default_ladder(),
        }
    }
}

/// Reads the postmortem share of a saved project. Files written before the
/// field defaulted to 20% hold `0` for "not chosen" (the editor never
/// accepted 0, and the replay then applied 20%), so 0 and anything outside
/// (0, 1] load as the default: an old file keeps meaning what it did.
fn postmortem_share<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let share = f64::deserialize(d)?;
    Ok(if share > 0.0 && share <= 1.0 {
        share
    } else {
        DEFAULT_POSTMORTEM_SHARE
    })
}

/// One SLO draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Slo {
    /// Stable identifier (lowercase, digits, `-`), used in file names and rule labels.
    pub id: String,
    pub name: String,
    pub service: String,
    pub journey: String,
    pub description: String,
    pub sli: Sli,
    /// Labels the SLO is kept per (Pyrra's `grouping`): the queries sum by
    /// them, the rules carry them, and the replay runs once per label set
    /// when the data has them. Empty: one SLO over everything.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grouping: Vec<String>,
    pub target: Target,
    pub window: Window,
    pub budgeting: BudgetingMethod,
    pub commitment: Commitment,
    pub enforcement: Enforcement,
    pub alerting: AlertConfig,
    pub labels: BTreeMap<String, String>,
    /// ISO date (YYYY-MM-DD) of the next review, empty when not set.
    pub revisit: String,
    /// Who agreed and every change since (`record`).
    #[serde(skip_serializing_if = "crate::record::SloRecord::is_empty")]
    pub record: crate::record::SloRecord,
    /// The dated review journal (`journal`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub journal: Vec<crate::journal::JournalEntry>,
    /// The work of bringing this SLO to life; files without it load empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roadmap: Vec<crate::roadmap::Task>,
}

impl Default for Slo {
    fn default() -> Self {
        Slo {
            id: "availability".into(),
            name: "availability".into(),
            service: String::new(),
            journey: String::new(),
            description: String::new(),
            sli: Sli::default(),
            grouping: Vec::new(),
            target: Target(0.999),
            window: Window::default(),
            budgeting: BudgetingMethod::Occurrences,
            commitment: Commitment::Committed,
            enforcement: Enforcement::Permissive,
            alerting: AlertConfig::default(),
            labels: BTreeMap::new(),
            revisit: String::new(),
            record: crate::record::SloRecord::default(),
            journal: Vec::new(),
            roadmap: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commitment {
    Aspirational,
    #[default]
    Committed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Enforcement {
    /// Practised: nothing is triggered by it yet.
    #[default]
    Permissive,
    Enforcing,
}

/// What is measured. Queries are PromQL as the team typed them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Sli {
    /// Ratio of good (or bad) events to all events.
    Ratio {
        /// Whether `events_query` counts good or bad events.
        counts: EventKind,
        events_query: String,
        total_query: String,
    },
    /// Share of requests faster than a threshold.
    Latency {
        threshold_seconds: f64,
        /// Histogram base name (`http_request_duration_seconds`), for `_bucket`/`_count`.
        histogram_metric: String,
        /// Label matchers inside braces, without the braces: `job="api",code!~"5.."`.
        selector: String,
    },
    /// Up/down probe samples (1 up, 0 down).
    Availability { probe_query: String },
}

impl Default for Sli {
    fn default() -> Self {
        Sli::Ratio {
            counts: EventKind::Bad,
            events_query: "sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))".into(),
            total_query: "sum(rate(http_requests_total[{{.window}}]))".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Good,
    #[default]
    Bad,
}

/// An objective as a ratio strictly between 0 and 1, with at most
/// `limits::TARGET_DECIMALS` decimals. Deserialising checks the same rules
/// as typing, so a project file cannot hold 1.5 or 0.9999999999999.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Target(pub f64);

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        Target::from_ratio(v).map_err(serde::de::Error::custom)
    }
}

impl Target {
    /// Accepts "99.9", "99.9%" and "0.999". Values of 1 or more are read as percent.
    pub fn parse(text: &str) -> Result<Target, String> {
        let t = text.trim().trim_end_matches('%').trim();
        let v: f64 = t.parse().map_err(|_| {
            format!(
                "target \"{}\" is not a number; write 99.9 or 0.999",
                text.trim()
            )
        })?;
        Target::from_number(v)
    }

    /// A number as typed: above 1 it is a percentage, otherwise a ratio.
    pub fn from_number(v: f64) -> Result<Target, String> {
        if !v.is_finite() {
            return Err("target must be a finite number".into());
        }
        if v < 0.0 {
            return Err(format!("a target cannot be negative ({v}); choose a value between 0 and 100, for example 99.9"));
        }
        if v > 100.0 {
            return Err(format!(
                "{v}% is more than everything; choose a value below 100, for example 99.9"
            ));
        }
        if v > 1.0 {
            Target::from_percent(v)
        } else {
            Target::from_ratio(v)
        }
    }

    /// A percentage (99.9) with at most `TARGET_DECIMALS - 2` decimals, as
    /// the exact ratio a user means (0.999, not 0.9990000000000001).
    pub fn from_percent(p: f64) -> Result<Target, String> {
        let decimals = crate::limits::TARGET_DECIMALS - 2;
        if p == 100.0 {
            return Target::from_ratio(1.0);
        }
        if !(p.is_finite() && p > 0.0 && p < 100.0) {
            return Err(format!("{p}% must be above 0 and below 100"));
        }
        if has_more_decimals(p, decimals) {
            return Err(format!("{p}% has more than {decimals} decimals; the rules could not write its budget exactly. Round it to the target you mean"));
        }
        Target::from_ratio((p / 100.0 * 1e12).round() / 1e12)
    }

    /// A ratio strictly between 0 and 1 with at most `TARGET_DECIMALS` decimals.
    pub fn from_ratio(ratio: f64) -> Result<Target, String> {
        let decimals = crate::limits::TARGET_DECIMALS;
        if !ratio.is_finite() {
            return Err("target must be a finite number".into());
        }
        if ratio <= 0.0 {
            return Err("a target of 0% promises nothing; choose a value between 0 and 100".into());
        }
        if ratio >= 1.0 {
            return Err(
                "a 100% target leaves no error budget; no real service meets it. Choose below 100, for example 99.9"
                    .into(),
            );
        }
        if has_more_decimals(ratio, decimals) {
            return Err(format!("target {ratio} has more than {decimals} decimals; the rules could not write its budget exactly (it would round to another SLO). Round it to the target you mean"));
        }
        Ok(Target(ratio))
    }

    pub fn ratio(self) -> f64 {
        self.0
    }
    pub fn percent(self) -> f64 {
        self.0 * 100.0
    }
    /// Allowed bad fraction, 1 - target.
    pub fn error_budget(self) -> f64 {
        1.0 - self.0
    }
}

impl fmt::Display for Target {
    /// Shortest exact percent: 99.9, 99.95, 99.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", format_percent(self.percent()))
    }
}

/// A share typed as a percentage (`20`, `20%`, ` 0.5 % `) as a ratio, when it
/// is above 0 and at most 100%: the one input rule for the postmortem share,
/// the alert's budget share and the error rate of detection times.
pub fn parse_share_percent(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches('%').trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 100.0 => Ok(x / 100.0),
        _ => Err("write a percentage above 0 and at most 100".into()),
    }
}

/// A ratio as the text of a percentage field, with at most `places`
/// decimals (`0.2` → `20`, `0.9995` → `99.95`): what `parse_share_percent`
/// reads back, so a field shows values the way they are typed.
pub fn percent_field(ratio: f64, places: usize) -> String {
    crate::format::trim_zeros(ratio * 100.0, places)
}

/// A burn-rate factor typed as `14.4` or `14.4x`: positive and finite.
pub fn parse_factor(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches('x').trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("write a positive number such as 14.4".into()),
    }
}

/// A percentage without float noise, as `format::percent` writes it; kept
/// under this name because model values and many callers print through it.
pub use crate::format::percent as format_percent;
/// Whether `x` needs more than `decimals` decimals to be written exactly.
fn has_more_decimals(x: f64, decimals: usize) -> bool {
    format!("{x:.decimals$}").parse::<f64>() != Ok(x)
}

/// A span of time in whole seconds, written in Prometheus style (5m, 1h, 30d).
/// Deserialising refuses 0 and anything past `limits::MAX_SPAN_SECONDS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Span(pub u64);

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Span::checked(u64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl Span {
    pub const MINUTE: Span = Span(60);
    pub const HOUR: Span = Span(3600);
    pub const DAY: Span = Span(86_400);
    pub const WEEK: Span = Span(7 * 86_400);

    pub fn minutes(m: u64) -> Span {
        Span(m * 60)
    }
    pub fn hours(h: u64) -> Span {
        Span(h * 3600)
    }
    pub fn days(d: u64) -> Span {
        Span(d * 86_400)
    }
    pub fn seconds(self) -> u64 {
        self.0
    }

    /// A span of `seconds`, longer than zero and at most ten years.
    pub fn checked(seconds: u64) -> Result<Span, String> {
        let max = crate::limits::MAX_SPAN_SECONDS;
        if seconds == 0 {
            Err("a duration must be longer than zero".into())
        } else if seconds > max {
            Err(format!(
                "{seconds} s is longer than {}, the longest duration the workbench reads",
                Span(max).prometheus()
            ))
        } else {
            Ok(Span(seconds))
        }
    }

    /// Parses Prometheus-style durations: `30d`, `1h30m`, `5m`, `2w`, `90s`, `1y` (365 d).
    pub fn parse(text: &str) -> Result<Span, String> {
        let t = text.trim();
        if t.is_empty() {
            return Err("empty duration; write for example 30d, 6h or 5m".into());
        }
        let mut total: u64 = 0;
        let mut num = String::new();
        let mut saw_unit = false;
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let unit = if c == 'm' && chars.peek() == Some(&'s') {
                chars.next();
                "ms"
            } else {
                match c {
                    's' => "s",
                    'm' => "m",
                    'h' => "h",
                    'd' => "d",
                    'w' => "w",
                    'y' => "y",
                    _ => {
                        return Err(format!(
                            "\"{t}\": unknown duration unit '{c}'; use s, m, h, d, w or y"
                        ))
                    }
                }
            };
            if num.is_empty() {
                return Err(format!("\"{t}\": a number must come before '{unit}'"));
            }
            let n: u64 = num
                .parse()
                .map_err(|_| format!("\"{t}\": number too large"))?;
            num.clear();
            let mult = match unit {
                "ms" => {
                    return Err(format!(
                        "\"{t}\": durations shorter than a second are not supported"
                    ))
                }
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86_400,
                "w" => 7 * 86_400,
                _ => 365 * 86_400,
            };
            total = n
                .checked_mul(mult)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(|| format!("\"{t}\": duration too large"))?;
            saw_unit = true;
        }
        if !num.is_empty() || !saw_unit {
            return Err(format!(
                "\"{t}\": a duration needs a unit, for example 30d or 5m"
            ));
        }
        Span::checked(total).map_err(|e| format!("\"{t}\": {e}"))
    }

    /// Prometheus duration text, largest units first (`1d`, `1h30m`, `30d`).
    pub fn prometheus(self) -> String {
        if self.0 == 0 {
            return "0s".into();
        }
        let mut rest = self.0;
        let mut out = String::new();
        // Days are the largest unit so 28d and 30d read as teams write them.
        for (unit, secs) in [("d", 86_400u64), ("h", 3600), ("m", 60), ("s", 1)] {
            if rest >= secs {
                out.push_str(&format!("{}{}", rest / secs, unit));
                rest %= secs;
            }
        }
        out
    }

    /// Human text: "43 min 12 s", "1 h 40 min 48 s", "2 d 1 h".
    pub fn human(self) -> String {
        crate::budget::human_seconds(self.0 as f64)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.prometheus())
    }
}

/// SLO window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Window {
    Rolling {
        span: Span,
    },
    /// Calendar-aligned; the budget resets at each period start in `time_zone`.
    Calendar {
        unit: CalendarUnit,
        time_zone: String,
    },
}

impl Default for Window {
    fn default() -> Self {
        Window::Rolling {
            span: Span::days(30),
        }
    }
}

impl Window {
    /// Nominal length used for budget math. A calendar month is taken as 30 days
    /// (the UI says so); the simulation uses the real calendar boundaries.
    pub fn nominal(&self) -> Span {
        match self {
            Window::Rolling { span } => *span,
            Window::Calendar { unit, .. } => unit.nominal(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarUnit {
    Week,
    Month,
    Quarter,
}

impl CalendarUnit {
    pub const ALL: [CalendarUnit; 3] = [
        CalendarUnit::Week,
        CalendarUnit::Month,
        CalendarUnit::Quarter,
    ];

    /// The unit named `name`, the inverse of [`CalendarUnit::as_str`].
    pub fn parse(name: &str) -> Option<CalendarUnit> {
        CalendarUnit::ALL.into_iter().find(|u| u.as_str() == name)
    }

    /// The unit in words and in project files: `week`, `month`, `quarter`.
    pub fn as_str(self) -> &'static str {
        match self {
            CalendarUnit::Week => "week",
            CalendarUnit::Month => "month",
            CalendarUnit::Quarter => "quarter",
        }
    }

    pub fn nominal(self) -> Span {
        match self {
            CalendarUnit::Week => Span::days(7),
            CalendarUnit::Month => Span::days(30),
            CalendarUnit::Quarter => Span::days(90),
        }
    }
}

/// How the budget is counted, as OpenSLO defines it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum BudgetingMethod {
    /// Good events over all events.
    #[default]
    Occurrences,
    /// Good slices over all slices; a slice is good when its ratio meets `slice_target`.
    Timeslices { slice: Span, slice_target: f64 },
    /// Mean of per-slice ratios.
    RatioTimeslices { slice: Span },
}

impl BudgetingMethod {
    /// The slice a new time-slice method starts with: 5 minutes, the step
    /// most monitoring exports use, so each replayed slice holds data.
    pub const DEFAULT_SLICE: Span = Span(300);
    /// A slice counts as good when 95% of its events are good.
    pub const DEFAULT_SLICE_TARGET: f64 = 0.95;

    /// The method of this serde name (`occurrences`, `timeslices`,
    /// `ratio_timeslices`) with the default slice: the one default the SLO
    /// editor and the comparison both start from. `None` for another name.
    pub fn with_defaults(kind: &str) -> Option<BudgetingMethod> {
        match kind {
            "occurrences" => Some(BudgetingMethod::Occurrences),
            "timeslices" => Some(BudgetingMethod::Timeslices {
                slice: Self::DEFAULT_SLICE,
                slice_target: Self::DEFAULT_SLICE_TARGET,
            }),
            "ratio_timeslices" => Some(BudgetingMethod::RatioTimeslices {
                slice: Self::DEFAULT_SLICE,
            }),
            _ => None,
        }
    }

    /// The method's name in project files: `occurrences`, `timeslices`,
    /// `ratio_timeslices`.
    pub fn as_str(&self) -> &'static str {
        match self {
            BudgetingMethod::Occurrences => "occurrences",
            BudgetingMethod::Timeslices { .. } => "timeslices",
            BudgetingMethod::RatioTimeslices { .. } => "ratio_timeslices",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Page,
    Ticket,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Page => "page",
            Severity::Ticket => "ticket",
        }
    }
}

/// One multi-window burn-rate alert: fires while both windows burn faster than `factor`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BurnAlert {
    pub severity: Severity,
    pub long: Span,
    pub short: Span,
    pub factor: f64,
}

/// Which preset the alerts came from, or custom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertPreset {
    #[default]
    Workbook30d,
    Workbook28d,
    PyrraScaled,
    Custom,
    /// No burn-rate alerts, chosen: the replay fires none and the exports
    /// write none (the SLI is still recorded for dashboards). Unlike an
    /// empty custom list, which gets the default alerts.
    NoAlerts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertConfig {
    pub preset: AlertPreset,
    pub alerts: Vec<BurnAlert>,
    pub runbook_url: String,
    /// Optional no-data alert (`guards`); off when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_data: Option<crate::guards::NoDataAlert>,
    /// Optional minimum-traffic guard on every burn-rate alert (`guards`); off when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traffic_guard: Option<crate::guards::TrafficGuard>,
}

impl Default for AlertConfig {
    fn default() -> Self {
        AlertConfig {
            preset: AlertPreset::Workbook30d,
            alerts: workbook_30d(),
            runbook_url: String::new(),
            no_data: None,
            traffic_guard: None,
        }
    }
}

/// SRE Workbook / Sloth 30-day preset: page 14.4x 1h/5m and 6x 6h/30m, ticket 3x 1d/2h and 1x 3d/6h.
pub fn workbook_30d() -> Vec<BurnAlert> {
    vec![
        BurnAlert {
            severity: Severity::Page,
            long: Span::hours(1),
            short: Span::minutes(5),
            factor: 14.4,
        },
        BurnAlert {
            severity: Severity::Page,
            long: Span::hours(6),
            short: Span::minutes(30),
            factor: 6.0,
        },
        BurnAlert {
            severity: Severity::Ticket,
            long: Span::days(1),
            short: Span::hours(2),
            factor: 3.0,
        },
        BurnAlert {
            severity: Severity::Ticket,
            long: Span::days(3),
            short: Span::hours(6),
            factor: 1.0,
        },
    ]
}

/// A rule-friendly identifier from free text: lowercase ASCII letters, digits and
/// single dashes, at most 63 characters (an RFC 1123 label). Never empty.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(|c| c.to_lowercase()) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut s: String = out.trim_end_matches('-').chars().take(63).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        "slo".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_budgeting_method_starts_from_five_minute_slices_good_at_95_percent() {
        for kind in ["occurrences", "timeslices", "ratio_timeslices"] {
            let m = BudgetingMethod::with_defaults(kind).unwrap();
            assert_eq!(m.as_str(), kind);
            // The name is the one serde writes, so saved files agree.
            assert!(serde_json::to_string(&m).unwrap().contains(kind));
        }
        assert_eq!(
            BudgetingMethod::with_defaults("timeslices"),
            Some(BudgetingMethod::Timeslices {
                slice: Span::minutes(5),
                slice_target: 0.95
            })
        );
        assert_eq!(BudgetingMethod::with_defaults("same"), None);
    }

    #[test]
    fn a_share_is_typed_as_a_percentage_above_0_and_at_most_100() {
        assert_eq!(parse_share_percent("20"), Ok(0.2));
        assert_eq!(parse_share_percent(" 0.5 % "), Ok(0.005));
        assert_eq!(parse_share_percent("100%"), Ok(1.0));
        for bad in ["0", "-1", "100.1", "abc", "", "NaN"] {
            assert!(parse_share_percent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_percentage_field_shows_what_parse_share_percent_reads_back() {
        assert_eq!(percent_field(0.2, 10), "20");
        assert_eq!(percent_field(0.020833333, 4), "2.0833");
        assert_eq!(parse_share_percent(&percent_field(0.35, 10)), Ok(0.35));
    }

    #[test]
    fn a_factor_is_positive_with_or_without_its_x() {
        assert_eq!(parse_factor("14.4x"), Ok(14.4));
        assert_eq!(parse_factor(" 6 "), Ok(6.0));
        for bad in ["0", "-2", "inf", "x"] {
            assert!(parse_factor(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_new_policy_asks_for_a_postmortem_above_a_fifth_of_the_budget() {
        assert_eq!(ErrorBudgetPolicy::default().single_incident_share, 0.2);
        assert_eq!(Project::default().policy.single_incident_share, 0.2);
    }

    #[test]
    fn an_old_project_without_the_postmortem_share_loads_with_20_percent() {
        let p: Project =
            serde_json::from_str(r#"{"policy": {"purpose": "Plan with it."}}"#).unwrap();
        assert_eq!(p.policy.purpose, "Plan with it.");
        assert_eq!(p.policy.single_incident_share, 0.2);
    }

    #[test]
    fn a_saved_zero_share_meant_not_chosen_and_loads_as_20_percent() {
        // Saves from before the default moved hold 0.0 for "not chosen"; the
        // editor never accepted 0 and the replay applied 20% to them.
        let p: Project =
            serde_json::from_str(r#"{"policy": {"single_incident_share": 0.0}}"#).unwrap();
        assert_eq!(p.policy.single_incident_share, 0.2);
    }

    #[test]
    fn a_chosen_postmortem_share_survives_a_round_trip() {
        let mut p = Project::default();
        p.policy.single_incident_share = 0.35;
        let back: Project = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back.policy.single_incident_share, 0.35);
    }

    #[test]
    fn target_accepts_percent_and_ratio() {
        assert_eq!(Target::parse("99.9").unwrap(), Target(0.999));
        assert_eq!(Target::parse("0.999").unwrap(), Target(0.999));
        assert_eq!(Target::parse(" 99.95% ").unwrap().to_string(), "99.95");
    }

    #[test]
    fn target_rejects_zero_hundred_and_outside() {
        for bad in ["0", "100", "100.0", "101", "-5", "abc", "", "NaN", "inf"] {
            assert!(Target::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn target_errors_say_what_is_wrong_with_the_value() {
        assert!(Target::parse("-5").unwrap_err().contains("negative"));
        assert!(Target::parse("150")
            .unwrap_err()
            .contains("more than everything"));
        assert!(Target::parse("0").unwrap_err().contains("0%"));
        assert!(Target::parse("100").unwrap_err().contains("100%"));
    }

    #[test]
    fn calendar_units_are_named_as_in_project_files_and_read_back() {
        for unit in CalendarUnit::ALL {
            assert_eq!(serde_json::to_value(unit).unwrap(), unit.as_str());
            assert_eq!(CalendarUnit::parse(unit.as_str()), Some(unit));
        }
        assert_eq!(CalendarUnit::parse("year"), None);
    }

    #[test]
    fn budgeting_methods_are_named_as_in_project_files() {
        for method in [
            BudgetingMethod::Occurrences,
            BudgetingMethod::Timeslices {
                slice: Span::MINUTE,
                slice_target: 0.95,
            },
            BudgetingMethod::RatioTimeslices {
                slice: Span::MINUTE,
            },
        ] {
            assert_eq!(
                serde_json::to_value(&method).unwrap()["method"],
                method.as_str()
            );
        }
    }

    #[test]
    fn targets_keep_the_precision_written_or_are_refused() {
        assert_eq!(
            Target::from_ratio(0.999999999999),
            Ok(Target(0.999999999999))
        );
        assert!(Target::from_ratio(0.9999999999999)
            .unwrap_err()
            .contains("12 decimals"));
        assert_eq!(Target::from_percent(99.95), Ok(Target(0.9995)));
        assert!(Target::from_percent(99.99999999999)
            .unwrap_err()
            .contains("10 decimals"));
        assert!(Target::parse("0.9999999999999").is_err());
    }

    #[test]
    fn project_files_cannot_hold_impossible_targets_or_spans() {
        for bad in ["1.5", "1", "0", "-0.5", "0.9999999999999"] {
            assert!(serde_json::from_str::<Target>(bad).is_err(), "{bad}");
        }
        assert_eq!(
            serde_json::from_str::<Target>("0.999").unwrap(),
            Target(0.999)
        );
        assert!(serde_json::from_str::<Span>("0").is_err());
        assert!(serde_json::from_str::<Span>("315360001").is_err());
        assert_eq!(
            serde_json::from_str::<Span>("300").unwrap(),
            Span::minutes(5)
        );
    }

    #[test]
    fn span_parses_and_prints_prometheus_durations() {
        assert_eq!(Span::parse("30d").unwrap(), Span::days(30));
        assert_eq!(Span::parse("1h30m").unwrap(), Span(5400));
        assert_eq!(Span::parse("2w").unwrap(), Span::days(14));
        assert_eq!(Span::days(30).prometheus(), "30d");
        assert_eq!(Span::days(28).prometheus(), "28d");
        assert_eq!(Span(5400).prometheus(), "1h30m");
        assert_eq!(Span::minutes(5).prometheus(), "5m");
        for bad in ["", "30", "d", "5x", "0m", "99999999999999999999d", "100ms"] {
            assert!(Span::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn slug_makes_rfc1123_labels() {
        assert_eq!(slug("My API: Login!"), "my-api-login");
        assert_eq!(slug("  "), "slo");
        assert_eq!(slug(&"a".repeat(100)).len(), 63);
    }

    #[test]
    fn default_raci_matches_the_talk() {
        let r = Raci::default();
        assert_eq!(r.cells.len(), 9);
        assert_eq!(r.cells[0][0], "AR");
        assert_eq!(r.cells[3][4], "AR");
        assert!(r.cells.iter().all(|row| row.len() == 7));
    }
}
