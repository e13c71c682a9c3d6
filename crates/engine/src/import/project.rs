//! Reading the project file, and upgrading every earlier `schema_version` to
//! today's. The chain runs one step per version, so an old file passes
//! through each upgrade in turn.
//!
//! Versions: 0 is the first draft format, written before the version field
//! existed (the same shape, no `schema_version`); 1 adds `schema_version`.

use crate::diag::Diagnostic;
use crate::model::{Project, SCHEMA_VERSION};
use serde_json::Value;

/// Parses a project file of any version up to `SCHEMA_VERSION`.
pub fn project_from_json(text: &str) -> Result<Project, Diagnostic> {
    let value = parse(text)?;
    from_value(value)
}

/// As `project_from_json`, plus every key of the file that the model does
/// not hold (reported by the importer, never dropped in silence).
pub fn project_with_unmapped(text: &str) -> Result<(Project, Vec<String>), Diagnostic> {
    let value = parse(text)?;
    let upgraded = upgrade(value)?;
    let project = to_project(upgraded.clone())?;
    let known = serde_json::to_value(&project).unwrap_or(Value::Null);
    let mut unmapped = Vec::new();
    unknown_keys(&upgraded, &known, "", &mut unmapped);
    Ok((project, unmapped))
}

fn parse(text: &str) -> Result<Value, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(e.line().max(1), format!("not a valid project file: {e}"))
            .at_column(e.column().max(1))
    })
}

fn from_value(value: Value) -> Result<Project, Diagnostic> {
    to_project(upgrade(value)?)
}

fn to_project(value: Value) -> Result<Project, Diagnostic> {
    serde_json::from_value(value).map_err(|e| {
        Diagnostic::error(
            1,
            format!("project file does not match the workbench model: {e}"),
        )
    })
}

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
    fn wrong_types_are_errors_not_panics() {
        assert!(project_from_json(r#"{"slos": 5}"#).is_err());
        assert!(project_from_json("[1,2]").is_err());
        assert!(project_from_json(r#"{"schema_version": -1}"#).is_err());
    }
}
