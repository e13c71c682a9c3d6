//! Reading the project file, and upgrading every earlier `schema_version` to
//! today's. The chain runs one step per version, so an old file passes
//! through each upgrade in turn.
//!
//! Versions: 0 is the first draft format, written before the version field
//! existed (the same shape, no `schema_version`); 1 adds `schema_version`;
//! 2 adds the room's ideas, the risks, the policy tiers, each SLO's roadmap,
//! agreement record and journal, the team's words, the alert guards and
//! dependency links, all optional (a version-1 file has none of them), so
//! its step only moves the number. The number still moves so a workbench
//! reading up to 1 refuses a version-2 save instead of dropping its fields.
//! 3 adds a grouped SLO's labels (`Slo::grouping`) and the "no alerts"
//! preset, again optional: a version-2 file is a version-3 one, and a
//! workbench reading up to 2 refuses a version-3 save by its number rather
//! than dropping the labels or stumbling on the preset.

use crate::diag::Diagnostic;
use crate::limits::{
    check_input_size, too_many, NodeBudget, MAX_ALERTS_PER_SLO, MAX_JOURNEYS, MAX_PEOPLE,
    MAX_SERVICES, MAX_SLOS,
};
use crate::model::{Project, SCHEMA_VERSION};
use crate::validate::check_project;
use serde::de::DeserializeSeed;
use serde_json::Value;
use std::cell::Cell;

/// Parses a project file of any version up to `SCHEMA_VERSION`, through the
/// limits and the validation gate. Several problems come as one diagnostic
/// naming the first and how many more there are.
pub fn project_from_json(text: &str) -> Result<Project, Diagnostic> {
    read(text)
        .map(|(project, _)| project)
        .map_err(|problems| first_of(&problems))
}

/// As `project_from_json`, with every problem, plus every key of the file
/// that the model does not hold (reported by the importer, never dropped in
/// silence).
pub fn project_with_unmapped(text: &str) -> Result<(Project, Vec<String>), Vec<Diagnostic>> {
    let (project, value) = read(text)?;
    let known = serde_json::to_value(&project).unwrap_or(Value::Null);
    let mut unmapped = Vec::new();
    unknown_keys(&value, &known, "", &mut unmapped);
    Ok((project, unmapped))
}

/// The project and the upgraded JSON it was read from.
fn read(text: &str) -> Result<(Project, Value), Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_input_size("the project file", text.len()).map_err(|m| vec![Diagnostic::error(0, m)])?;
    let value = parse(text).map_err(|d| vec![d])?;
    check_counts(&value).map_err(|d| vec![d])?;
    let version = value.get("schema_version").and_then(Value::as_u64);
    let todays_shape =
        version.is_some_and(|v| (SAME_SHAPE_SINCE..=SCHEMA_VERSION.into()).contains(&v));
    let upgraded = upgrade(value).map_err(|d| vec![d])?;
    // A file already in today's shape is read from its text, so a wrong
    // value names its line as well as its field.
    let project = if todays_shape {
        let mut de = serde_json::Deserializer::from_str(text);
        located(serde_path_to_error::deserialize(&mut de)).map(|p: Project| Project {
            schema_version: SCHEMA_VERSION,
            ..p
        })
    } else {
        located(serde_path_to_error::deserialize(&upgraded))
    }
    .map_err(|d| vec![d])?;
    check_project(&project)?;
    Ok((project, upgraded))
}

fn first_of(problems: &[Diagnostic]) -> Diagnostic {
    let mut first = problems[0].clone();
    if problems.len() > 1 {
        first.message = format!(
            "{} (and {} more problems)",
            first.message,
            problems.len() - 1
        );
    }
    first
}

/// Counts the values while reading (bounded by `MAX_NODES`), then builds the tree.
fn parse(text: &str) -> Result<Value, Diagnostic> {
    let used = Cell::new(0);
    let mut de = serde_json::Deserializer::from_str(text);
    NodeBudget { used: &used }
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .and_then(|()| serde_json::from_str(text))
        .map_err(|e| {
            Diagnostic::error(e.line().max(1), format!("not a valid project file: {e}"))
                .at_column(e.column().max(1))
        })
}

/// The counts of `limits`, checked on the tree before a model is built:
/// each `{}` would otherwise become a whole default SLO.
fn check_counts(value: &Value) -> Result<(), Diagnostic> {
    let len = |key: &str| value.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    for (key, what, limit) in [
        ("slos", "SLOs", MAX_SLOS),
        ("services", "services", MAX_SERVICES),
        ("journeys", "journeys", MAX_JOURNEYS),
        ("people", "people", MAX_PEOPLE),
    ] {
        if len(key) > limit {
            return Err(Diagnostic::error(
                0,
                format!("{key}: {}", too_many(what, len(key), limit)),
            ));
        }
    }
    let slos = value.get("slos").and_then(Value::as_array);
    for (i, slo) in slos.into_iter().flatten().enumerate() {
        let alerts = slo
            .pointer("/alerting/alerts")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if alerts > MAX_ALERTS_PER_SLO {
            return Err(Diagnostic::error(
                0,
                format!(
                    "slos[{i}].alerting.alerts: {}",
                    too_many("alerts", alerts, MAX_ALERTS_PER_SLO)
                ),
            ));
        }
    }
    Ok(())
}

/// A model mismatch as a diagnostic naming the field's path, and its line
/// when read from text.
fn located<E: std::fmt::Display + Liner>(
    r: Result<Project, serde_path_to_error::Error<E>>,
) -> Result<Project, Diagnostic> {
    r.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner();
        let message = if path == "." {
            format!("project file does not match the workbench model: {inner}")
        } else {
            format!("{path}: {}", inner.message())
        };
        Diagnostic::error(inner.line(), message)
    })
}

/// The line and bare message of a serde error (0 when it came from a tree).
trait Liner {
    fn line(&self) -> usize;
    fn message(&self) -> String;
}

impl Liner for serde_json::Error {
    fn line(&self) -> usize {
        serde_json::Error::line(self)
    }
    fn message(&self) -> String {
        // serde_json appends " at line L column C"; the diagnostic carries the line.
        let text = self.to_string();
        match text.rfind(" at line ") {
            Some(i) if self.line() > 0 => text[..i].to_string(),
            _ => text,
        }
    }
}

/// From this version on, every later step only adds optional fields and
/// moves the number: such a file is read as it stands.
const SAME_SHAPE_SINCE: u64 = 1;

/// Runs the upgrade chain from the file's version to `SCHEMA_VERSION`.
pub fn upgrade(mut value: Value) -> Result<Value, Diagnostic> {
    if !value.is_object() {
        return Err(Diagnostic::error(
            1,
            "a project file is a JSON object ({ ... })",
        ));
    }
    let mut version = match value.get("schema_version") {
        None => 0,
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| {
                Diagnostic::error(
                    1,
                    format!("schema_version must be a whole number, found {v}"),
                )
            })?,
    };
    if version > SCHEMA_VERSION {
        return Err(Diagnostic::error(
            1,
            format!("this project file has schema_version {version}, written by a newer workbench; this one reads up to {SCHEMA_VERSION}"),
        ));
    }
    while version < SCHEMA_VERSION {
        value = match version {
            0 => v0_to_v1(value),
            1 | 2 => renumber(value, version + 1),
            // Each released version adds its step here.
            _ => value,
        };
        version += 1;
    }
    Ok(value)
}

/// Version 0 had the same shape without `schema_version`.
fn v0_to_v1(mut value: Value) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema_version".into(), Value::from(1));
    }
    value
}

/// A step that only adds optional fields: the file is read as it stands,
/// under the next number.
fn renumber(mut value: Value, next: u32) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema_version".into(), Value::from(next));
    }
    value
}

fn unknown_keys(input: &Value, known: &Value, path: &str, out: &mut Vec<String>) {
    match (input, known) {
        (Value::Object(i), Value::Object(k)) => {
            for (key, v) in i {
                let p = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match k.get(key) {
                    Some(kv) => unknown_keys(v, kv, &p, out),
                    // The model writes no key for an empty record, journal or
                    // link; an empty value in the file loses nothing.
                    None if is_empty(v) => {}
                    None => out.push(format!("{p}: not part of the workbench model; left out")),
                }
            }
        }
        (Value::Array(i), Value::Array(k)) => {
            for (n, (v, kv)) in i.iter().zip(k).enumerate() {
                unknown_keys(v, kv, &format!("{path}[{n}]"), out);
            }
        }
        _ => {}
    }
}

/// `null`, `""`, `[]`, `{}`, or an object of such values.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_empty),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unversioned_file_is_upgraded_to_the_current_version() {
        let p = project_from_json(r#"{"name": "Old shop", "slos": [{"id": "a", "name": "A"}]}"#)
            .unwrap();
        assert_eq!(p.schema_version, SCHEMA_VERSION);
        assert_eq!(p.name, "Old shop");
        assert_eq!(p.slos[0].id, "a");
    }

    #[test]
    fn a_version_2_file_reads_as_version_3_with_its_fields_and_errors_on_their_lines() {
        let text = "{\n  \"schema_version\": 2,\n  \"name\": \"Shop\",\n  \"slos\": [{\"id\": \"a\", \"target\": 0.999}]\n}";
        let p = project_from_json(text).unwrap();
        assert_eq!((p.schema_version, p.name.as_str()), (3, "Shop"));
        assert_eq!(p.slos[0].target.0, 0.999);
        let bad = text.replace("0.999", "1.5");
        assert_eq!(project_from_json(&bad).unwrap_err().line, 4);
    }

    #[test]
    fn a_version_4_file_is_refused_by_its_number_not_read_without_its_fields() {
        let e = project_from_json(r#"{"schema_version": 4, "slos": []}"#).unwrap_err();
        assert!(
            e.message.contains("schema_version 4") && e.message.contains("reads up to 3"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_newer_version_is_refused_with_a_reason() {
        let e = project_from_json(r#"{"schema_version": 99}"#).unwrap_err();
        assert!(e.message.contains("newer"), "{}", e.message);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = project_from_json("{\n  \"name\": \"x\",\n  oops\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(3)));
    }

    #[test]
    fn keys_the_model_does_not_hold_are_listed() {
        let (_, unmapped) = project_with_unmapped(
            r#"{"schema_version": 1, "colour": "red", "slos": [{"id": "a", "owner": "x"}]}"#,
        )
        .unwrap();
        assert_eq!(unmapped.len(), 2, "{unmapped:?}");
        assert!(unmapped[0].starts_with("colour:"));
        assert!(unmapped[1].starts_with("slos[0].owner:"));
    }

    #[test]
    fn an_impossible_value_names_its_field_and_line() {
        let text = "{\"schema_version\": 1,\n \"slos\": [{},\n  {\"target\": 1.5}]}";
        let e = project_from_json(text).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("slos[1].target: "), "{}", e.message);
        let old = project_from_json(r#"{"slos": [{"window": {"type": "rolling", "span": 0}}]}"#)
            .unwrap_err();
        assert!(old.message.starts_with("slos[0].window"), "{}", old.message);
    }

    #[test]
    fn a_file_of_empty_slos_is_refused_before_any_slo_is_built() {
        let text = format!(
            r#"{{"slos": [{}{{}}]}}"#,
            "{},".repeat(crate::limits::MAX_SLOS)
        );
        let e = project_from_json(&text).unwrap_err();
        assert_eq!(e.message, "slos: 2001 SLOs; the limit is 2000");
    }

    #[test]
    fn the_gate_runs_on_every_project_file() {
        let e = project_from_json(
            r#"{"slos": [{"alerting": {"runbook_url": "javascript:alert(1)"}}]}"#,
        )
        .unwrap_err();
        assert!(
            e.message.starts_with("slos[0].alerting.runbook_url: "),
            "{}",
            e.message
        );
    }

    #[test]
    fn wrong_types_are_errors_not_panics() {
        assert!(project_from_json(r#"{"slos": 5}"#).is_err());
        assert!(project_from_json("[1,2]").is_err());
        assert!(project_from_json(r#"{"schema_version": -1}"#).is_err());
    }
}
