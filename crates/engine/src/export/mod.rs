//! Exports: the project or one SLO written in the formats other tools read
//! (Prometheus rules, OpenSLO, Sloth, Pyrra), a Markdown review document and
//! the project file.
//!
//! Owns file naming and the identifiers every rule-based format shares
//! (`sloth_id`, alert names). Each writer escapes user text for its target in
//! its own module; `yaml` and `promql` hold the shared escaping. Must not
//! read files or know the browser: callers decide where the text goes.

pub mod markdown;
pub mod openslo;
pub mod plan;
pub mod project;
pub mod prometheus;
pub mod promql;
pub mod pyrra;
pub mod records;
pub mod sloth;
pub mod workshop;
pub mod yaml;

use crate::model::{slug, Project, Slo, Window};
use std::fmt;
use std::str::FromStr;

/// Every export format, as named on the command line and in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Prometheus,
    OpenSlo,
    Sloth,
    Pyrra,
    Markdown,
    Project,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Prometheus,
        ExportFormat::OpenSlo,
        ExportFormat::Sloth,
        ExportFormat::Pyrra,
        ExportFormat::Markdown,
        ExportFormat::Project,
    ];

    /// The name used by `FromStr` and the CLI's `--format`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Prometheus => "prometheus",
            ExportFormat::OpenSlo => "openslo",
            ExportFormat::Sloth => "sloth",
            ExportFormat::Pyrra => "pyrra",
            ExportFormat::Markdown => "markdown",
            ExportFormat::Project => "project",
        }
    }

    /// What a person sees on the export button.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Prometheus => "Prometheus rules",
            ExportFormat::OpenSlo => "OpenSLO v1",
            ExportFormat::Sloth => "Sloth prometheus/v1",
            ExportFormat::Pyrra => "Pyrra ServiceLevelObjective",
            ExportFormat::Markdown => "Markdown document",
            ExportFormat::Project => "Project file (JSON)",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.trim().to_ascii_lowercase();
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.as_str()).collect();
                format!(
                    "unknown export format \"{}\"; choose one of {}",
                    s.trim(),
                    names.join(", ")
                )
            })
    }
}

/// One file of an export: its suggested name, media type and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub mime: &'static str,
    pub content: String,
}

pub(crate) const YAML: &str = "application/yaml";

/// Exports one SLO (`slo_id`) or, with `None`, every SLO of the project.
/// The project format always writes the whole workspace. The rule formats
/// refuse an SLO that does not pass `validate` (the error names the field):
/// the workbench never writes a rule that cannot be right.
pub fn export(
    project: &Project,
    slo_id: Option<&str>,
    format: ExportFormat,
) -> Result<Vec<ExportFile>, String> {
    if format == ExportFormat::Project {
        return Ok(vec![project::export(project)]);
    }
    let slos: Vec<&Slo> = match slo_id {
        Some(id) => vec![project
            .slos
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| format!("no SLO with id \"{id}\" in this project"))?],
        None => project.slos.iter().collect(),
    };
    if slos.is_empty() {
        return Err("the project has no SLO to export yet; draft one first".into());
    }
    for s in &slos {
        crate::validate::check_slo(s, &format!("SLO \"{}\"", s.id))
            .map_err(|problems| format!("not exported: {}", crate::validate::explain(&problems)))?;
    }
    // Rule groups, OpenSLO names and Kubernetes objects are keyed by the id.
    let mut seen = std::collections::HashSet::new();
    let mut sloth_ids = std::collections::HashSet::new();
    for s in &slos {
        let id = slug(&s.id);
        if !seen.insert(id.clone()) {
            return Err(format!(
                "two SLOs share the id \"{id}\"; give each SLO its own id before exporting"
            ));
        }
        let sloth_id = ids(s).sloth_id;
        if !sloth_ids.insert(sloth_id.clone()) {
            return Err(format!(
                "two SLOs would both be written as \"{sloth_id}\" (service and SLO name); give one another id before exporting"
            ));
        }
    }
    let base = match slo_id {
        Some(id) => slug(id),
        None => slug(&project.name),
    };
    match format {
        ExportFormat::Prometheus => prometheus::export(&slos, &base),
        ExportFormat::OpenSlo => openslo::export(project, &slos, &base),
        ExportFormat::Sloth => sloth::export(&slos),
        ExportFormat::Pyrra => pyrra::export(&slos, &base),
        ExportFormat::Markdown => Ok(vec![markdown::export(project, &slos, &base)]),
        ExportFormat::Project => Ok(vec![project::export(project)]),
    }
}

/// The SLO as the replay and the Prometheus export see it: one without
/// alerts carries the default alerts `alerting::effective_alerts` adds (its
/// file says so: `file_notes`), so every export of it holds the alerts replayed.
pub(crate) fn with_effective_alerts(slo: &Slo) -> Slo {
    let mut slo = slo.clone();
    slo.alerting.alerts = crate::alerting::effective_alerts(&slo).0;
    slo
}

/// What the top of a `format` file says about one SLO, and `slo-workbench
/// export` prints on stderr: default alerts added to an SLO that had none,
/// burn-rate alerts switched off, and the replayed alerts this format cannot
/// hold (`guards::format_parity`), with where they are. Names are escaped
/// (`{:?}`), so no SLO name can add a line to a YAML comment or a terminal.
/// Empty for the Markdown and project files, which hold no rules.
pub fn file_notes(slo: &Slo, format: ExportFormat) -> Vec<String> {
    if matches!(format, ExportFormat::Markdown | ExportFormat::Project) {
        return Vec::new();
    }
    let mut notes = Vec::new();
    match crate::alerting::effective_alerts(slo) {
        (_, Some(defaults)) => notes.push(format!("{defaults}.")),
        (alerts, None) if alerts.is_empty() => notes.push(match format {
            ExportFormat::Prometheus => prometheus::no_alerts_note(slo),
            _ => format!(
                "SLO {:?} has no burn-rate alerts (switched off): this file holds none, and nobody is paged.",
                slo.name
            ),
        }),
        _ => {}
    }
    let missing: Vec<String> = crate::guards::format_parity(slo)
        .into_iter()
        .filter(|p| p.format == format)
        .flat_map(|p| p.missing)
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "SLO {:?}: not in this file, which has no field for them: {}; the Prometheus rules export holds them (slo-workbench export --format prometheus).",
            slo.name,
            missing.join(", ")
        ));
    }
    notes
}

/// Identifiers shared by the Sloth-compatible formats, all RFC 1123 slugs so
/// they are valid Sloth names, Kubernetes names and OpenSLO names.
pub(crate) struct Ids {
    pub service: String,
    pub slo: String,
    /// `service-slo`, as Sloth builds `sloth_id`.
    pub sloth_id: String,
}

pub(crate) fn ids(slo: &Slo) -> Ids {
    let service = service_slug(&slo.service);
    let slo_slug = sloth_slo_name(&service, slo);
    Ids {
        sloth_id: format!("{service}-{slo_slug}"),
        service,
        slo: slo_slug,
    }
}

/// The SLO part of the ids: the id's slug, except for an id the Sloth
/// importer made `SERVICE-NAME` because another service has an SLO named
/// `NAME` (`import::sloth::separate_same_names`): Sloth keys SLOs by service
/// and name, so `NAME` goes back and `sloth_id` is the one Sloth would write.
fn sloth_slo_name(service: &str, slo: &Slo) -> String {
    let id = slug(&slo.id);
    let name = slug(&slo.name);
    if id == format!("{service}-{name}") && sloth::is_sloth_name(&name) {
        name
    } else {
        id
    }
}

pub(crate) fn service_slug(name: &str) -> String {
    if name.trim().is_empty() {
        "service".into()
    } else {
        slug(name)
    }
}

/// A ratio written without float noise: 1 - 0.999 is "0.001", not
/// 0.0010000000000000009. Twelve decimals hold any target a team writes.
pub(crate) fn ratio_text(x: f64) -> String {
    crate::format::trim_zeros(x, 12)
}

/// Parses `ratio_text` output back; used for thresholds computed as factor x budget.
pub(crate) fn rounded(x: f64) -> f64 {
    ratio_text(x).parse().unwrap_or(x)
}

/// The window in words: "30d rolling", "calendar month (Europe/Berlin, 30 d for budget math)".
pub(crate) fn window_text(w: &Window) -> String {
    match w {
        Window::Rolling { span } => format!("{} rolling", span.prometheus()),
        Window::Calendar { unit, time_zone } => {
            let unit = unit.as_str();
            let tz = if time_zone.trim().is_empty() {
                "UTC"
            } else {
                time_zone.trim()
            };
            format!(
                "calendar {unit} ({tz}, {} for budget math)",
                w.nominal().prometheus()
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_their_names_and_nothing_else() {
        for f in ExportFormat::ALL {
            assert_eq!(f.as_str().parse::<ExportFormat>(), Ok(f));
        }
        assert_eq!("OpenSLO".parse::<ExportFormat>(), Ok(ExportFormat::OpenSlo));
        let err = "yaml".parse::<ExportFormat>().unwrap_err();
        assert!(
            err.contains("prometheus, openslo, sloth, pyrra, markdown, project"),
            "{err}"
        );
    }

    #[test]
    fn budget_ratios_print_without_float_noise() {
        assert_eq!(ratio_text(1.0 - 0.999), "0.001");
        assert_eq!(ratio_text(14.4 * (1.0 - 0.999)), "0.0144");
        assert_eq!(ratio_text(0.0), "0");
    }

    #[test]
    fn an_slo_that_does_not_validate_is_not_exported_and_the_field_is_named() {
        let slo = Slo {
            target: crate::model::Target(1.5),
            ..Slo::default()
        };
        let p = Project {
            slos: vec![slo],
            ..Project::default()
        };
        for f in ExportFormat::ALL {
            let r = export(&p, None, f);
            if f == ExportFormat::Project {
                assert!(r.is_ok(), "the project file keeps the team's work");
            } else {
                let e = r.unwrap_err();
                assert!(
                    e.starts_with("not exported: SLO \"availability\".target: "),
                    "{e}"
                );
            }
        }
    }

    #[test]
    fn exporting_an_unknown_slo_or_an_empty_project_says_why() {
        let p = Project::default();
        assert!(export(&p, None, ExportFormat::Prometheus)
            .unwrap_err()
            .contains("no SLO"));
        assert!(export(&p, Some("x"), ExportFormat::Sloth)
            .unwrap_err()
            .contains("\"x\""));
        assert_eq!(
            export(&p, None, ExportFormat::Project).map(|f| f.len()),
            Ok(1)
        );
    }
}
