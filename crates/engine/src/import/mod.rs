//! Imports: specs other tools wrote (OpenSLO v1, Sloth `prometheus/v1`,
//! Pyrra) and the workbench's own project file, turned into a `Project`.
//!
//! Owns format sniffing, YAML document splitting and the `unmapped` list:
//! whatever a spec says that the model cannot hold is named there, never
//! dropped in silence. Never panics on input: every failure is a
//! `Diagnostic` naming the line. Must not know the browser or the exporters'
//! file layout beyond the query shapes in `export::promql`.

pub mod openslo;
pub mod project;
pub mod pyrra;
pub mod sloth;

pub use project::project_from_json;

use crate::diag::Diagnostic;
use crate::limits::{check_input_size, nodes_exceeded, too_many, NodeBudget, MAX_DOCUMENTS};
use crate::model::{Project, Service, Target};
use crate::validate::check_project;
use serde::de::DeserializeSeed;
use serde::Deserialize;
use serde_norway::Value;
use std::cell::Cell;
use std::collections::HashSet;

/// An imported project and what could not be mapped (`"path: why"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub project: Project,
    pub unmapped: Vec<String>,
}

/// One YAML document of the input with the line it starts on.
pub(crate) struct Doc {
    pub line: usize,
    pub value: Value,
}

/// Reads project JSON, OpenSLO (one or many documents), Sloth or Pyrra,
/// whichever the text is, within the `limits` and through the validation
/// gate (`validate::check_project`) whichever importer read it.
pub fn import_spec(text: &str) -> Result<Imported, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_input_size("the text", text.len()).map_err(|m| vec![Diagnostic::error(0, m)])?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            1,
            "nothing to import: the text is empty",
        )]);
    }
    if text.trim_start().starts_with('{') && !looks_like_spec_json(text)? {
        return project::project_with_unmapped(text)
            .map(|(project, unmapped)| Imported { project, unmapped });
    }
    let mut out = import_specs(text)?;
    dedupe_services(&mut out.project);
    check_project(&out.project)?;
    Ok(out)
}

/// The YAML (or spec JSON) importers, before the gate.
fn import_specs(text: &str) -> Result<Imported, Vec<Diagnostic>> {
    let docs = documents(text)?;
    let mut out = Imported {
        project: Project {
            name: "Imported specs".into(),
            ..Project::default()
        },
        unmapped: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut openslo_docs = Vec::new();
    let mut sloth_specs = Vec::new();
    let mut sloth_windows = Vec::new();
    for doc in docs {
        if doc.value.is_null() {
            continue;
        }
        let api = str_at(&doc.value, &["apiVersion"]).unwrap_or("");
        let kind = str_at(&doc.value, &["kind"]).unwrap_or("");
        if str_at(&doc.value, &["version"]) == Some("prometheus/v1") {
            sloth_specs.push(doc);
        } else if api == "sloth.slok.dev/v1" && kind == "AlertWindows" {
            sloth_windows.push(doc);
        } else if api == "openslo/v1" {
            openslo_docs.push(doc);
        } else if api.starts_with("pyrra.dev/") && kind == "ServiceLevelObjective" {
            pyrra::import(&doc, &mut out, &mut errors);
        } else if api.starts_with("openslo/") {
            errors.push(Diagnostic::error(
                doc.line,
                format!("apiVersion {api} is not supported; the workbench reads openslo/v1"),
            ));
        } else if let Some(v) = str_at(&doc.value, &["version"]) {
            errors.push(Diagnostic::error(doc.line, format!("Sloth spec version \"{v}\" is not supported; the workbench reads prometheus/v1")));
        } else {
            errors.push(Diagnostic::error(
                doc.line,
                "not a spec the workbench reads: expected an OpenSLO v1 document (apiVersion: openslo/v1), a Sloth spec (version: prometheus/v1), a Pyrra ServiceLevelObjective or a project file",
            ));
        }
    }
    if !openslo_docs.is_empty() {
        openslo::import(&openslo_docs, &mut out, &mut errors);
    }
    let shared = sloth::Shared::new(text, &sloth_windows);
    let first_sloth = out.project.slos.len();
    for spec in &sloth_specs {
        sloth::import(&shared, spec, &mut out, &mut errors);
    }
    sloth::separate_same_names(&mut out.project.slos, first_sloth, &mut out.unmapped);
    if sloth_specs.is_empty() && !sloth_windows.is_empty() {
        out.unmapped
            .push("AlertWindows: no Sloth spec in the same text uses these windows".into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if out.project.slos.is_empty() {
        return Err(vec![Diagnostic::error(1, "no SLO found in the text")]);
    }
    Ok(out)
}

/// OpenSLO, Sloth and Pyrra may be written as JSON or as a YAML flow
/// mapping too; they carry `apiVersion` (or Sloth's `version`), a project
/// file does not. Only the top-level keys are read, so this costs no tree.
fn looks_like_spec_json(text: &str) -> Result<bool, Vec<Diagnostic>> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(rename = "apiVersion")]
        api_version: Option<serde::de::IgnoredAny>,
        version: Option<Value>,
    }
    let is_spec = |h: Head| {
        h.api_version.is_some()
            || h.version.as_ref().and_then(Value::as_str) == Some("prometheus/v1")
    };
    match serde_json::from_str::<Head>(text) {
        Ok(h) => Ok(is_spec(h)),
        // Only text that names a spec's version is worth a second, YAML, parse.
        Err(_) if !(text.contains("apiVersion") || text.contains("prometheus/v1")) => Ok(false),
        Err(_) => {
            count_yaml_nodes(text)?;
            Ok(serde_norway::from_str::<Head>(text).is_ok_and(is_spec))
        }
    }
}

/// Walks every YAML document counting nodes with aliases expanded, before
/// any tree is built: a billion-laughs text stops at `MAX_NODES` in memory
/// bounded by the parser's event list, which grows with the text alone.
fn count_yaml_nodes(text: &str) -> Result<(), Vec<Diagnostic>> {
    let used = Cell::new(0);
    let starts = document_start_lines(text);
    if starts.len() > MAX_DOCUMENTS {
        return Err(vec![Diagnostic::error(
            0,
            too_many("YAML documents", starts.len(), MAX_DOCUMENTS),
        )]);
    }
    for (i, de) in serde_norway::Deserializer::from_str(text).enumerate() {
        let line = starts.get(i).copied().unwrap_or(1);
        NodeBudget { used: &used }
            .deserialize(de)
            .map_err(|e| vec![yaml_error(&e, line)])?;
    }
    Ok(())
}

fn yaml_error(e: &serde_norway::Error, line: usize) -> Diagnostic {
    let text = e.to_string();
    if text.contains(&nodes_exceeded()) {
        return Diagnostic::error(line, nodes_exceeded());
    }
    match e.location() {
        Some(loc) => {
            Diagnostic::error(loc.line(), format!("not valid YAML: {e}")).at_column(loc.column())
        }
        None => Diagnostic::error(line, format!("not valid YAML: {e}")),
    }
}

/// Splits the text into YAML documents with the line each starts on,
/// within the node and document limits.
fn documents(text: &str) -> Result<Vec<Doc>, Vec<Diagnostic>> {
    count_yaml_nodes(text)?;
    let starts = document_start_lines(text);
    let mut docs = Vec::new();
    for (i, de) in serde_norway::Deserializer::from_str(text).enumerate() {
        let line = starts.get(i).copied().unwrap_or(1);
        let value = Value::deserialize(de).map_err(|e| vec![yaml_error(&e, line)])?;
        match value {
            // A top-level list of documents (oslo and the OpenSLO go SDK read it).
            Value::Sequence(items) if items.iter().all(Value::is_mapping) => {
                docs.extend(items.into_iter().map(|value| Doc { line, value }));
            }
            value => docs.push(Doc { line, value }),
        }
    }
    Ok(docs)
}

/// First content line of each document, as serde_norway counts them: the
/// text before the first `---` is a document only if it holds content; every
/// `---` starts one (an empty one starts on the line after it).
fn document_start_lines(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    // (first content line, separator line) of the segment being read.
    let mut seg: (Option<usize>, Option<usize>) = (None, None);
    let close = |seg: (Option<usize>, Option<usize>), starts: &mut Vec<usize>| match seg {
        (Some(content), _) => starts.push(content),
        (None, Some(sep)) => starts.push(sep + 1),
        (None, None) => {}
    };
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let is_separator =
            line.starts_with("---") && (line.len() == 3 || line[3..].starts_with([' ', '\t']));
        if is_separator {
            close(seg, &mut starts);
            let inline = !line[3..].trim().is_empty() && !line[3..].trim_start().starts_with('#');
            seg = (inline.then_some(n), Some(n));
        } else if seg.0.is_none() && !line.trim().is_empty() && !line.trim_start().starts_with('#')
        {
            seg.0 = Some(n);
        }
    }
    close(seg, &mut starts);
    starts
}

/// A string at a path of mapping keys.
pub(crate) fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(v, path)?.as_str()
}

pub(crate) fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| v.as_mapping()?.get(*k))
}

/// A number given as a YAML number or a numeric string ("99.9").
pub(crate) fn number_at(v: &Value, path: &[&str]) -> Option<f64> {
    let n = at(v, path)?;
    n.as_f64()
        .or_else(|| n.as_str().and_then(|s| s.trim().parse().ok()))
}

/// A target given in percent (Sloth, Pyrra), without float noise: 99.9 is 0.999.
pub(crate) fn percent_target(percent: f64) -> Result<Target, String> {
    Target::from_percent(percent)
}

/// A target given as a ratio (OpenSLO `target`): 0.999, never 99.9.
pub(crate) fn ratio_target(ratio: f64) -> Result<Target, String> {
    if !(ratio > 0.0 && ratio < 1.0) {
        return Err(format!(
            "{ratio} must be a ratio above 0 and below 1 (0.999 for 99.9%)"
        ));
    }
    Target::from_ratio(ratio)
}

/// Scalar text of a mapping's string entries; other entries go to `skipped`.
pub(crate) fn string_entries(
    v: Option<&Value>,
    path: &str,
    skipped: &mut Vec<String>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(m) = v.and_then(Value::as_mapping) {
        for (k, val) in m {
            let key = match k {
                Value::String(s) => s.clone(),
                other => scalar_text(other).unwrap_or_default(),
            };
            match scalar_text(val) {
                Some(text) => out.push((key, text)),
                None => skipped.push(format!("{path}.{key}: not a single value; left out")),
            }
        }
    }
    out
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Adds a service by name; `import_spec` keeps the first of each name
/// once every importer has run (one pass, not a scan per service).
pub(crate) fn ensure_service(project: &mut Project, service: Service) {
    project.services.push(service);
}

fn dedupe_services(project: &mut Project) {
    let mut seen = HashSet::new();
    project.services.retain(|s| seen.insert(s.name.clone()));
}

/// Keys of a mapping not in `known`, as unmapped entries under `path`.
pub(crate) fn extra_keys(
    v: Option<&Value>,
    known: &[&str],
    path: &str,
    why: &str,
    out: &mut Vec<String>,
) {
    if let Some(m) = v.and_then(Value::as_mapping) {
        for k in m.keys() {
            let key = k
                .as_str()
                .map(str::to_string)
                .or_else(|| scalar_text(k))
                .unwrap_or_default();
            if !known.contains(&key.as_str()) {
                out.push(format!("{path}.{key}: {why}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_lines_skip_separators_and_leading_comments() {
        // The same counting as serde_norway: an empty document between two separators.
        let text = "# header\nversion: x\n---\na: 1\n---\n\n--- \n# c\nb: 2\n";
        assert_eq!(document_start_lines(text), vec![2, 4, 6, 9]);
        assert_eq!(document_start_lines("---\na: 1\n"), vec![2]);
        assert_eq!(document_start_lines("a: 1\n---\n"), vec![1, 3]);
    }

    #[test]
    fn yaml_syntax_errors_name_the_line() {
        let err = import_spec("apiVersion: openslo/v1\nkind: SLO\nmetadata: [\n").unwrap_err();
        assert!(err[0].line >= 3, "{:?}", err);
        assert!(err[0].message.contains("YAML"));
    }

    #[test]
    fn unknown_documents_say_what_was_expected() {
        let err = import_spec("a: 1\n---\napiVersion: openslo/v1alpha\nkind: SLO\n").unwrap_err();
        assert_eq!(err.len(), 2);
        assert_eq!(err[0].line, 1);
        assert!(err[0].message.contains("openslo/v1"));
        assert_eq!(err[1].line, 3);
        assert!(err[1].message.contains("v1alpha"));
    }

    #[test]
    fn empty_and_odd_inputs_are_errors_not_panics() {
        for text in [
            "",
            "   ",
            "---\n---\n",
            "[1, 2]",
            "{",
            "\u{feff}",
            "version: prometheus/v1\nslos: 5\n",
            "apiVersion: openslo/v1\n",
        ] {
            assert!(import_spec(text).is_err(), "{text:?}");
        }
    }
}
