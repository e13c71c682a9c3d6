//! The project file: the whole workspace as pretty JSON stamped with the
//! current `schema_version`, the same format autosave and share links use.
//! Reading it back (with upgrades of older versions) is `import::project`.

use super::ExportFile;
use crate::model::{slug, Project, SCHEMA_VERSION};

/// The project as JSON text with today's schema version.
pub fn to_json(project: &Project) -> String {
    let mut p = project.clone();
    p.schema_version = SCHEMA_VERSION;
    // Serialising plain data with string keys cannot fail; an empty object is the honest fallback.
    serde_json::to_string_pretty(&p).unwrap_or_else(|_| "{}".into())
}

pub fn export(project: &Project) -> ExportFile {
    ExportFile {
        name: format!("{}.slo-project.json", slug(&project.name)),
        mime: "application/json",
        content: to_json(project),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_carries_the_current_schema_version() {
        let p = Project {
            schema_version: 0,
            name: "Shop".into(),
            ..Project::default()
        };
        let f = export(&p);
        assert_eq!(f.name, "shop.slo-project.json");
        let v: serde_json::Value = serde_json::from_str(&f.content).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(v["name"], "Shop");
    }
}
