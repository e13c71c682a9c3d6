//! The `slo-workbench` command-line tool: budget, simulate, lint and export
//! over the same engine the browser uses, for pipelines and scripted checks.
//!
//! Owns argument parsing (two stages: raw words into `Args`, then a typed
//! request per command), file reading, and the text and JSON output whose
//! fields docs/cli.md documents. It holds no SLO arithmetic of its own and
//! must not grow any: every figure comes from `budget`, `simulate`, `lint`
//! or `export`. Exit status: 0 success, 1 lint found errors, 2 usage or input
//! error (with `FILE:LINE: message` on stderr), 3 `simulate` replayed a spec
//! with error-level findings. Every file is read within `limits` and every
//! spec through the engine's validation gate (`import::import_spec`).

use serde_json::{json, Value};
use slo_engine::diag::{Diagnostic, Level};
use slo_engine::format::{decimal, decimals};
use slo_engine::limits::{MAX_DATA_BYTES, MAX_INPUT_BYTES, TARGET_DECIMALS};
use slo_engine::model::{Project, Slo, Span, Target, Window};
use slo_engine::simulate::label_sets::{self, Scope, SetReplay};
use slo_engine::simulate::{simulate_summary, SimOptions, Simulation};
use std::collections::BTreeMap;
use std::io::{Read, Write};

pub const USAGE: &str = "\
Usage:
  slo-workbench budget   --target 99.9 [--window 30d] [--json]
  slo-workbench simulate --spec SPEC --data DATA [--slo ID] [--window 30d]
                         [--latency-threshold SECONDS] [--json]
  slo-workbench lint     --spec SPEC [--data DATA] [--json]
  slo-workbench export   --spec SPEC --format FORMAT [--slo ID] [--out DIR]

SPEC is a project file (JSON), an OpenSLO v1 YAML or a Sloth prometheus/v1 YAML.
DATA is CSV/TSV/semicolon text or Prometheus query_range JSON; `-` reads stdin.
FORMAT is one of prometheus, openslo, sloth, pyrra, markdown, project.
Exit status: 0 done, 1 lint found errors, 2 bad usage or bad input,
3 simulate replayed a spec with error-level findings.
";

/// Runs the tool on the arguments after the program name and returns the
/// exit status; output goes to the process's stdout and stderr.
pub fn run(args: Vec<String>) -> i32 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_with(args, &mut stdout.lock(), &mut stderr.lock())
}

/// `run` with the output streams supplied.
pub fn run_with(args: Vec<String>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = Args::parse(args).and_then(|args| dispatch(&args));
    let (text, stderr_text, code) = match result {
        Ok(Output { stdout, code }) => (stdout, String::new(), code),
        Err(Failure::Usage(msg)) => (String::new(), format!("slo-workbench: {msg}\n\n{USAGE}"), 2),
        Err(Failure::Help) => (USAGE.to_string(), String::new(), 0),
        Err(Failure::Input(lines)) => (
            String::new(),
            lines.iter().map(|l| format!("{l}\n")).collect(),
            2,
        ),
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
    let _ = err.write_all(stderr_text.as_bytes());
    code
}

struct Output {
    stdout: String,
    code: i32,
}

enum Failure {
    /// Wrong words on the command line: message, then the usage text.
    Usage(String),
    Help,
    /// Bad files: one `FILE:LINE: message` per line.
    Input(Vec<String>),
}

/// The command line as typed: a command, `--name value` options and switches.
struct Args {
    command: String,
    values: BTreeMap<String, String>,
    switches: Vec<String>,
}

const SWITCHES: [&str; 2] = ["json", "help"];

impl Args {
    fn parse(words: Vec<String>) -> Result<Args, Failure> {
        let mut command = None;
        let mut values = BTreeMap::new();
        let mut switches = Vec::new();
        let mut words = words.into_iter();
        while let Some(w) = words.next() {
            if w == "-h" || w == "--help" {
                return Err(Failure::Help);
            }
            if let Some(name) = w.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (name.to_string(), None),
                };
                if SWITCHES.contains(&name.as_str()) {
                    if inline.is_some() {
                        return Err(Failure::Usage(format!("--{name} takes no value")));
                    }
                    switches.push(name);
                    continue;
                }
                let value = match inline.or_else(|| words.next()) {
                    Some(v) => v,
                    None => return Err(Failure::Usage(format!("--{name} needs a value"))),
                };
                if values.insert(name.clone(), value).is_some() {
                    return Err(Failure::Usage(format!("--{name} is given twice")));
                }
            } else if command.is_none() {
                command = Some(w);
            } else {
                return Err(Failure::Usage(format!("unexpected argument \"{w}\"")));
            }
        }
        let command = command.ok_or_else(|| Failure::Usage("no command given".into()))?;
        Ok(Args {
            command,
            values,
            switches,
        })
    }

    /// Rejects options the command does not know.
    fn allow(&self, names: &[&str]) -> Result<(), Failure> {
        for name in self.values.keys().chain(&self.switches) {
            if !names.contains(&name.as_str()) {
                return Err(Failure::Usage(format!(
                    "{} does not take --{name}",
                    self.command
                )));
            }
        }
        Ok(())
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    fn required(&self, name: &str) -> Result<&str, Failure> {
        self.value(name)
            .ok_or_else(|| Failure::Usage(format!("{} needs --{name}", self.command)))
    }

    fn json(&self) -> bool {
        self.switches.iter().any(|s| s == "json")
    }
}

fn dispatch(args: &Args) -> Result<Output, Failure> {
    match args.command.as_str() {
        "budget" => {
            args.allow(&["target", "window", "json"])?;
            budget(args)
        }
        "simulate" => {
            args.allow(&["spec", "data", "slo", "window", "latency-threshold", "json"])?;
            simulate_command(args)
        }
        "lint" => {
            args.allow(&["spec", "data", "latency-threshold", "json"])?;
            lint_command(args)
        }
        "export" => {
            args.allow(&["spec", "format", "slo", "out"])?;
            export_command(args)
        }
        other => Err(Failure::Usage(format!("unknown command \"{other}\""))),
    }
}

// ---- budget -------------------------------------------------------------------

fn budget(args: &Args) -> Result<Output, Failure> {
    let target = Target::parse(args.required("target")?)
        .map_err(|e| Failure::Usage(format!("--target: {e}")))?;
    let window = parse_window(args.value("window").unwrap_or("30d"))?;
    // A target with d decimals (as a ratio) gives a budget ratio with d
    // decimals and, over whole seconds, budget times with at most d: rounded
    // there, every figure is the exact decimal (315.36 s, not 315.359999998).
    let places = decimals(target.ratio(), TARGET_DECIMALS);
    let exact = |x: f64| decimal(x, places);
    let budget_seconds = exact(slo_engine::budget::budget_seconds(target, window));
    let mut table = slo_engine::budget::budget_table(target, window);
    for row in &mut table {
        row.allowed_bad_seconds = exact(row.allowed_bad_seconds);
    }
    let stdout = if args.json() {
        let rows: Vec<Value> = table
            .iter()
            .map(|r| {
                json!({
                    "label": r.label,
                    "span_seconds": r.span_seconds,
                    "allowed_bad_seconds": r.allowed_bad_seconds,
                    "allowed_bad": slo_engine::format::human_seconds(r.allowed_bad_seconds),
                })
            })
            .collect();
        pretty(&json!({
            "target": tidy(target.ratio()),
            "target_percent": target.to_string(),
            "window": window.prometheus(),
            "window_seconds": window.seconds(),
            "error_budget_ratio": exact(target.error_budget()),
            "budget_seconds": budget_seconds,
            "budget": slo_engine::format::human_seconds(budget_seconds),
            "table": rows,
        }))
    } else {
        let mut s = format!(
            "{}% over {}: error budget {} of the window ({} of full outage)\n\n",
            target,
            window.prometheus(),
            slo_engine::format::ratio_with(target.error_budget(), 4),
            slo_engine::format::human_seconds(budget_seconds)
        );
        let width = table
            .iter()
            .map(|r| r.label.chars().count())
            .max()
            .unwrap_or(0);
        for r in &table {
            s.push_str(&format!(
                "  {:<width$}  {}\n",
                r.label,
                slo_engine::format::human_seconds(r.allowed_bad_seconds)
            ));
        }
        s
    };
    Ok(Output { stdout, code: 0 })
}

fn parse_window(text: &str) -> Result<Span, Failure> {
    Span::parse(text).map_err(|e| Failure::Usage(format!("--window: {e}")))
}

// ---- spec and data ------------------------------------------------------------

/// Reads a file, or stdin for `-`, refusing one longer than `limit` bytes
/// after reading at most one byte past it.
fn read_input(path: &str, limit: usize) -> Result<String, Failure> {
    let cannot = |e: std::io::Error| Failure::Input(vec![format!("{path}: cannot read: {e}")]);
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    if path == "-" {
        std::io::stdin().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    }
    .map_err(cannot)?;
    if bytes.len() > limit {
        return Err(Failure::Input(vec![format!(
            "{path}: the file is longer than {limit} bytes ({} MiB), the limit for this input",
            limit / (1024 * 1024)
        )]));
    }
    String::from_utf8(bytes).map_err(|e| {
        cannot(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
        ))
    })
}

/// `FILE:LINE: message` (or `FILE: message` when the finding has no line).
fn located(path: &str, d: &Diagnostic) -> String {
    if d.line == 0 {
        format!("{path}: {}", d.message)
    } else {
        format!("{path}:{d}")
    }
}

/// A spec file as a project, plus the names of what the import could not map.
fn load_project(path: &str) -> Result<(Project, Vec<String>), Failure> {
    let text = read_input(path, MAX_INPUT_BYTES)?;
    slo_engine::import::import_spec(&text)
        .map(|imported| (imported.project, imported.unmapped))
        .map_err(|diags| Failure::Input(diags.iter().map(|d| located(path, d)).collect()))
}

fn choose_slo(project: &Project, path: &str, id: Option<&str>) -> Result<Slo, Failure> {
    let found = match id {
        Some(id) => project.slos.iter().find(|s| s.id == id),
        None => project.slos.first(),
    };
    found.cloned().ok_or_else(|| {
        let ids: Vec<&str> = project.slos.iter().map(|s| s.id.as_str()).collect();
        Failure::Input(vec![match id {
            Some(id) => format!(
                "{path}: no SLO with id \"{id}\"; the spec has: {}",
                ids.join(", ")
            ),
            None => format!("{path}: the spec holds no SLO"),
        }])
    })
}

/// A data file parsed into an event series, or its errors as `FILE:LINE: message`.
fn load_data(
    path: &str,
    latency_threshold: Option<f64>,
    group_by: &[String],
) -> Result<slo_engine::ingest::Dataset, Failure> {
    let text = read_input(path, MAX_DATA_BYTES)?;
    parse_data(path, &text, latency_threshold, group_by)
}

/// `group_by`: the SLO's grouping labels, read as label sets when the data has them.
fn parse_data(
    path: &str,
    text: &str,
    latency_threshold: Option<f64>,
    group_by: &[String],
) -> Result<slo_engine::ingest::Dataset, Failure> {
    let opts = slo_engine::ingest::IngestOptions {
        latency_threshold_seconds: latency_threshold,
        group_by: group_by.to_vec(),
    };
    slo_engine::ingest::parse(text, &opts)
        .map_err(|diags| Failure::Input(diags.iter().map(|d| located(path, d)).collect()))
}

fn parse_latency_threshold(args: &Args) -> Result<Option<f64>, Failure> {
    args.value("latency-threshold")
        .map(|v| match v.trim().parse::<f64>() {
            Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
            _ => Err(Failure::Usage(format!(
                "--latency-threshold: \"{v}\" is not a positive number of seconds"
            ))),
        })
        .transpose()
}

/// The SLI's latency threshold, unless the command line gives one.
fn latency_threshold_of(slo: &Slo, given: Option<f64>) -> Option<f64> {
    given.or(match &slo.sli {
        slo_engine::model::Sli::Latency {
            threshold_seconds, ..
        } => Some(*threshold_seconds),
        _ => None,
    })
}

// ---- simulate -----------------------------------------------------------------

/// The replay applies the project's own postmortem share, or a tier's
/// smaller incident share, so every incident a tier asks about is found.
fn policy_options(project: &Project) -> SimOptions {
    SimOptions {
        budget_share_policy: slo_engine::policy::incident_floor(
            &project.policy.tiers,
            project.policy.single_incident_share,
        ),
        ..SimOptions::default()
    }
}

fn simulate_command(args: &Args) -> Result<Output, Failure> {
    let spec_path = args.required("spec")?;
    let data_path = args.required("data")?;
    if spec_path == "-" && data_path == "-" {
        return Err(Failure::Usage(
            "only one of --spec and --data can read stdin".into(),
        ));
    }
    let window = args.value("window").map(parse_window).transpose()?;
    let latency = parse_latency_threshold(args)?;
    let (project, unmapped) = load_project(spec_path)?;
    let mut slo = choose_slo(&project, spec_path, args.value("slo"))?;
    if let Some(span) = window {
        slo.window = Window::Rolling { span };
    }
    // Filled here too, so the text names the alerts the replay used.
    if let (alerts, Some(note)) = slo_engine::alerting::effective_alerts(&slo) {
        eprintln!("note: {note}");
        slo.alerting.alerts = alerts;
    }
    let threshold = latency_threshold_of(&slo, latency);
    let dataset = load_data(data_path, threshold, &slo.grouping)?;
    // The output reads no per-row series but the timestamps.
    let opts = policy_options(&project);
    let sim = simulate_summary(&dataset.series, &slo, &opts);
    let (scope, scope_note) = label_sets::scope(&slo, &dataset.sets);
    let sets = match scope {
        Scope::PerSet => label_sets::replay_sets(&dataset.sets, &slo, &opts, false),
        Scope::Whole => Vec::new(),
    };
    let scope_note = scope_note.map(|n| Diagnostic::info(0, n));

    let mut warnings: Vec<(String, &Diagnostic)> = Vec::new();
    for d in &dataset.diagnostics {
        warnings.push((data_path.to_string(), d));
    }
    for d in &sim.warnings {
        warnings.push((data_path.to_string(), d));
    }
    if let Some(d) = &scope_note {
        warnings.push((data_path.to_string(), d));
    }
    let unmapped_diags: Vec<Diagnostic> = unmapped
        .iter()
        .map(|u| Diagnostic::warning(0, format!("not used from the spec: {u}")))
        .collect();
    for d in &unmapped_diags {
        warnings.push((spec_path.to_string(), d));
    }
    let spec_errors = spec_errors(&project, &slo);
    for d in &spec_errors {
        warnings.push((spec_path.to_string(), d));
    }
    let tiers = crate::tiers::TiersOnHistory::of(&project, &slo, &dataset.series, &sim);
    let stdout = if args.json() {
        simulate_json(&slo, &sim, &sets, &warnings, &tiers)
    } else {
        simulate_text(&slo, &sim, &sets, &warnings, &tiers)
    };
    let code = if warnings.iter().any(|(_, d)| d.level == Level::Error) {
        SPEC_ERRORS
    } else {
        0
    };
    Ok(Output { stdout, code })
}

/// Exit status of a `simulate` whose spec has error-level problems: the
/// figures are printed, but a pipeline must not take them as a clean run.
const SPEC_ERRORS: i32 = 3;

/// The unacknowledged error-level lint findings on the replayed SLO, as
/// diagnostics for the warnings list.
fn spec_errors(project: &Project, slo: &Slo) -> Vec<Diagnostic> {
    let alone = Project {
        slos: vec![slo.clone()],
        ..project.clone()
    };
    slo_engine::lint::lint_project(&alone, &slo_engine::lint::LintContext::default())
        .into_iter()
        .filter(|f| f.level == Level::Error && !f.acknowledged)
        .filter(|f| f.slo_id.as_deref().is_none_or(|id| id == slo.id))
        .map(|f| Diagnostic::error(0, format!("{} [{}]", f.title, f.id)))
        .collect()
}

fn rfc3339(t: i64) -> Value {
    slo_engine::format::rfc3339(t).map_or(Value::Null, Value::String)
}

fn rfc3339_text(t: i64) -> String {
    match rfc3339(t) {
        Value::String(s) => s,
        _ => t.to_string(),
    }
}

fn simulate_json(
    slo: &Slo,
    sim: &Simulation,
    sets: &[SetReplay],
    warnings: &[(String, &Diagnostic)],
    tiers: &crate::tiers::TiersOnHistory,
) -> String {
    let warnings: Vec<Value> = warnings
        .iter()
        .map(|(file, d)| {
            json!({
                "file": file,
                "line": if d.line == 0 { Value::Null } else { json!(d.line) },
                "level": level_name(d.level),
                "message": d.message,
            })
        })
        .collect();
    let t = &sim.points.t;
    let mut out = json!({
        "slo": {
            "id": slo.id,
            "name": slo.name,
            "target": tidy(slo.target.ratio()),
            "window_seconds": slo.window.nominal().seconds(),
        },
        "data": {
            "rows": t.len(),
            "start": t.first().map_or(Value::Null, |&x| rfc3339(x)),
            "end": t.last().map_or(Value::Null, |&x| rfc3339(x)),
        },
        "replayed": if sets.is_empty() { "whole" } else { "per_label_set" },
        "label_sets": sets.iter().map(|set| {
            let labels: serde_json::Map<String, Value> = set
                .labels
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            let mut figures = replay_json(&set.sim);
            if let Value::Object(m) = &mut figures {
                m.insert("labels".into(), Value::Object(labels));
            }
            figures
        }).collect::<Vec<_>>(),
        "tiers": tiers.json(),
        "warnings": warnings,
    });
    if let (Value::Object(o), Value::Object(figures)) = (&mut out, replay_json(sim)) {
        o.extend(figures);
    }
    pretty(&out)
}

/// The figures of one replay (the whole, or one label set) as JSON fields.
fn replay_json(sim: &Simulation) -> Value {
    let alert_json = |a: &slo_engine::simulate::AlertEvent| {
        json!({
            "alert_index": a.alert_index,
            "severity": a.severity.as_str(),
            "burn_rate": tidy(a.burn_rate),
            "long_window_seconds": a.long.seconds(),
            "short_window_seconds": a.short.seconds(),
            "long_window": a.long.prometheus(),
            "short_window": a.short.prometheus(),
            "start": rfc3339(a.start),
            "end": a.end.map_or(Value::Null, rfc3339),
            "budget_spent_at_fire": tidy(a.budget_spent_at_fire),
            "detection_delay_seconds": a.detection_delay,
            "reset_after_seconds": a.reset_after,
            "peak_burn_rate": tidy(a.peak_burn),
        })
    };
    let alerts: Vec<Value> = sim.alerts.iter().map(alert_json).collect();
    let silenced: Vec<Value> = sim.silenced.iter().map(alert_json).collect();
    let no_data: Vec<Value> = sim
        .no_data
        .iter()
        .map(|f| {
            json!({
                "severity": f.severity.as_str(),
                "start": rfc3339(f.start),
                "end": f.end.map_or(Value::Null, rfc3339),
            })
        })
        .collect();
    let exhausted: Vec<Value> = sim
        .exhausted
        .iter()
        .map(|&(s, e)| json!({ "start": rfc3339(s), "end": rfc3339(e) }))
        .collect();
    let timeslices = sim.timeslices.as_ref().map_or(Value::Null, |ts| {
        json!({
            "slice_seconds": ts.slice_seconds,
            "slice_target": tidy(ts.slice_target),
            "good_slices": ts.good_slices,
            "bad_slices": ts.bad_slices,
            "empty_slices": ts.empty_slices,
            "compliance": tidy(ts.compliance),
            "budget_remaining": tidy(ts.budget_remaining),
        })
    });
    json!({
        "sli": tidy(sim.sli),
        "budget_remaining": tidy(sim.budget_remaining),
        "alerts": alerts,
        "silenced_by_traffic_guard": silenced,
        "no_data_alerts": no_data,
        "exhausted": exhausted,
        "timeslices": timeslices,
    })
}

fn simulate_text(
    slo: &Slo,
    sim: &Simulation,
    sets: &[SetReplay],
    warnings: &[(String, &Diagnostic)],
    tiers: &crate::tiers::TiersOnHistory,
) -> String {
    let t = &sim.points.t;
    let mut s = format!(
        "SLO {} ({}% over {})\n",
        slo.id,
        slo.target,
        slo.window.nominal().prometheus()
    );
    match (t.first(), t.last()) {
        (Some(&a), Some(&b)) => s.push_str(&format!(
            "Data: {} rows, {} to {}\n",
            t.len(),
            rfc3339_text(a),
            rfc3339_text(b)
        )),
        _ => s.push_str("Data: no rows\n"),
    }
    if !sets.is_empty() {
        s.push_str(&label_sets_text(slo, sets));
        s.push_str("All label sets summed (no rule alerts on the sum):\n");
    }
    s.push_str(&format!(
        "SLI over all data: {}\n",
        slo_engine::format::ratio_with(sim.sli, 4)
    ));
    s.push_str(&format!(
        "Budget remaining at the end: {}\n",
        slo_engine::format::ratio_with(sim.budget_remaining, 4)
    ));
    s.push_str(&format!("Alerts: {}\n", sim.alerts.len()));
    for a in &sim.alerts {
        s.push_str(&alert_line(a));
    }
    if let Some(guard) = slo.alerting.traffic_guard {
        s.push_str(&format!(
            "Silenced by the traffic guard ({}): {}\n",
            slo_engine::guards::guard_text(&guard),
            sim.silenced.len()
        ));
        for a in &sim.silenced {
            s.push_str(&alert_line(a));
        }
    }
    if slo.alerting.no_data.is_some() {
        s.push_str(&format!("No-data alerts: {}\n", sim.no_data.len()));
        for f in &sim.no_data {
            let end = f.end.map_or("still firing".to_string(), rfc3339_text);
            s.push_str(&format!(
                "  {:<6} {} -> {}\n",
                f.severity.as_str(),
                rfc3339_text(f.start),
                end
            ));
        }
    }
    if !sim.exhausted.is_empty() {
        s.push_str(&format!(
            "Budget exhausted: {} time(s)\n",
            sim.exhausted.len()
        ));
        for &(a, b) in &sim.exhausted {
            s.push_str(&format!("  {} -> {}\n", rfc3339_text(a), rfc3339_text(b)));
        }
    }
    s.push_str(&tiers.text());
    if !warnings.is_empty() {
        s.push_str("Warnings:\n");
        for (file, d) in warnings {
            s.push_str(&format!("  {}\n", located(file, d)));
        }
    }
    s
}

/// The per-label-set replay: one line per set with its SLI, budget left and
/// alerts, then its alert firings.
fn label_sets_text(slo: &Slo, sets: &[SetReplay]) -> String {
    let mut s = format!(
        "Replayed per label set of ({}): {} sets, each with its own budget and alerts, as the rules keep them\n",
        slo.grouping.join(", "),
        sets.len()
    );
    for set in sets {
        s.push_str(&format!(
            "  {}: SLI {}, budget remaining {}, alerts {} ({} page, {} ticket)\n",
            set.selector(),
            slo_engine::format::ratio_with(set.sim.sli, 4),
            slo_engine::format::ratio_with(set.sim.budget_remaining, 4),
            set.sim.alerts.len(),
            set.fired(slo_engine::model::Severity::Page),
            set.fired(slo_engine::model::Severity::Ticket),
        ));
        for a in &set.sim.alerts {
            s.push_str("  ");
            s.push_str(&alert_line(a));
        }
    }
    s
}

/// One burn-rate firing as a line of the `simulate` text.
fn alert_line(a: &slo_engine::simulate::AlertEvent) -> String {
    let end = a.end.map_or("still firing".to_string(), rfc3339_text);
    let mut s = format!(
        "  {:<6} {}x {}/{}  {} -> {}  budget spent {}",
        a.severity.as_str(),
        tidy(a.burn_rate),
        a.long.prometheus(),
        a.short.prometheus(),
        rfc3339_text(a.start),
        end,
        slo_engine::format::ratio_with(a.budget_spent_at_fire, 4)
    );
    if let Some(d) = a.detection_delay {
        s.push_str(&format!(
            ", detected after {}",
            slo_engine::format::duration(d)
        ));
    }
    if let Some(r) = a.reset_after {
        s.push_str(&format!(
            ", reset after {}",
            slo_engine::format::duration(r)
        ));
    }
    s.push('\n');
    s
}

// ---- lint ---------------------------------------------------------------------

fn lint_command(args: &Args) -> Result<Output, Failure> {
    let spec_path = args.required("spec")?;
    let latency = parse_latency_threshold(args)?;
    let (project, unmapped) = load_project(spec_path)?;
    let mut ctx = slo_engine::lint::LintContext::default();
    if let Some(data_path) = args.value("data") {
        if spec_path == "-" && data_path == "-" {
            return Err(Failure::Usage(
                "only one of --spec and --data can read stdin".into(),
            ));
        }
        // With data, the traffic and history checks have their facts: the
        // SLI over all the data and the events per hour it held. Those depend
        // on the data and the latency threshold alone, so the data is read
        // and replayed once per distinct threshold, not once per SLO.
        let text = read_input(data_path, MAX_DATA_BYTES)?;
        let mut facts: BTreeMap<Option<u64>, slo_engine::lint::SloFacts> = BTreeMap::new();
        for slo in &project.slos {
            let threshold = latency_threshold_of(slo, latency);
            let key = threshold.map(f64::to_bits);
            let f = match facts.entry(key) {
                std::collections::btree_map::Entry::Occupied(e) => *e.get(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let dataset = parse_data(data_path, &text, threshold, &[])?;
                    *e.insert(data_facts(&dataset.series, slo))
                }
            };
            ctx.slos.insert(slo.id.clone(), f);
        }
    }
    let findings = slo_engine::lint::lint_project(&project, &ctx);
    let errors = findings
        .iter()
        .filter(|f| f.level == Level::Error && !f.acknowledged)
        .count();
    let stdout = if args.json() {
        pretty(&json!({ "findings": findings, "unmapped": unmapped, "errors": errors }))
    } else {
        let mut s = String::new();
        for f in &findings {
            let ack = if f.acknowledged {
                " (acknowledged)"
            } else {
                ""
            };
            s.push_str(&format!(
                "{}: {} [{}]{}\n    {}\n",
                level_name(f.level),
                f.title,
                f.id,
                ack,
                f.explanation
            ));
        }
        for u in &unmapped {
            s.push_str(&format!("warning: not imported from the spec: {u}\n"));
        }
        s.push_str(&format!(
            "{} finding(s), {} error(s)\n",
            findings.len(),
            errors
        ));
        s
    };
    Ok(Output {
        stdout,
        code: if errors > 0 { 1 } else { 0 },
    })
}

/// What lint needs to know of the data: the SLI over all of it and the
/// events per hour it held (both read from the engine's replay).
fn data_facts(series: &slo_engine::series::EventSeries, slo: &Slo) -> slo_engine::lint::SloFacts {
    let sim = simulate_summary(series, slo, &SimOptions::default());
    let hours = match (series.t.first(), series.t.last()) {
        (Some(&a), Some(&b)) => b.saturating_sub(a).saturating_add(series.step()) as f64 / 3600.0,
        _ => 0.0,
    };
    let events: f64 = series.total.iter().sum();
    slo_engine::lint::SloFacts {
        expected_events_per_hour: (hours > 0.0).then(|| events / hours),
        history_sli: (events > 0.0).then_some(sim.sli),
    }
}

// ---- export -------------------------------------------------------------------

fn export_command(args: &Args) -> Result<Output, Failure> {
    let spec_path = args.required("spec")?;
    let format: slo_engine::export::ExportFormat = args
        .required("format")?
        .parse()
        .map_err(|e: String| Failure::Usage(format!("--format: {e}")))?;
    let (project, unmapped) = load_project(spec_path)?;
    if let Some(id) = args.value("slo") {
        choose_slo(&project, spec_path, Some(id))?;
    }
    let files = slo_engine::export::export(&project, args.value("slo"), format)
        .map_err(|e| Failure::Input(vec![format!("{spec_path}: {e}")]))?;
    // What the import could not carry is part of what the files say.
    for u in &unmapped {
        eprintln!("note: {spec_path}: {u}");
    }
    let exported = project
        .slos
        .iter()
        .filter(|s| args.value("slo").is_none_or(|id| s.id == id));
    // What the files say at their top: defaults added, alerts switched off,
    // replayed alerts the format cannot hold.
    for note in exported.flat_map(|slo| slo_engine::export::file_notes(slo, format)) {
        eprintln!("note: {note}");
    }
    match args.value("out") {
        None => {
            // Several files on stdout are separated by a comment line naming each.
            let mut s = String::new();
            for (i, f) in files.iter().enumerate() {
                if files.len() > 1 {
                    s.push_str(&format!(
                        "{}# file: {}\n",
                        if i > 0 { "\n" } else { "" },
                        f.name
                    ));
                }
                s.push_str(&f.content);
            }
            Ok(Output { stdout: s, code: 0 })
        }
        Some(dir) => {
            let dir = std::path::Path::new(dir);
            let mut written = String::new();
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::Input(vec![format!("{}: cannot create: {e}", dir.display())])
            })?;
            for f in &files {
                // Export names are slugs, but a file name never leaves the directory.
                let name = std::path::Path::new(&f.name)
                    .file_name()
                    .map_or_else(|| "export".into(), |n| n.to_os_string());
                let path = dir.join(name);
                std::fs::write(&path, &f.content).map_err(|e| {
                    Failure::Input(vec![format!("{}: cannot write: {e}", path.display())])
                })?;
                written.push_str(&format!("{}\n", path.display()));
            }
            Ok(Output {
                stdout: written,
                code: 0,
            })
        }
    }
}

// ---- formatting ---------------------------------------------------------------

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// Rounds away float noise (0.0010000000000000009 becomes 0.001) so JSON
/// output is stable and reads as the user's numbers; 12 significant digits.
fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return if x.is_finite() { 0.0 } else { x };
    }
    let digits = 12 - (x.abs().log10().floor() as i32) - 1;
    let digits = digits.clamp(-300, 300);
    let factor = 10f64.powi(digits);
    let r = (x * factor).round() / factor;
    if r.is_finite() {
        r
    } else {
        x
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "info",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_removes_float_noise_and_keeps_real_digits() {
        assert_eq!(tidy(1.0 - 0.999), 0.001);
        assert_eq!(tidy(2592.0000000000023), 2592.0);
        assert_eq!(tidy(1209.6), 1209.6);
        assert_eq!(tidy(0.768_518_518_518_518_5), 0.768_518_518_519);
        assert_eq!(tidy(0.0), 0.0);
    }

    #[test]
    fn options_take_a_value_inline_or_after_and_switches_take_none() {
        let a = Args::parse(vec![
            "budget".into(),
            "--target=99.9".into(),
            "--window".into(),
            "28d".into(),
            "--json".into(),
        ])
        .ok()
        .unwrap();
        assert_eq!(
            (a.value("target"), a.value("window"), a.json()),
            (Some("99.9"), Some("28d"), true)
        );
        assert!(matches!(
            Args::parse(vec!["budget".into(), "--json=1".into()]),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            Args::parse(vec!["budget".into(), "--target".into()]),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(Args::parse(vec![]), Err(Failure::Usage(_))));
    }
}
