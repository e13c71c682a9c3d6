//! The browser's saved work: a library of projects, each with an id, a
//! revision counter and its last few earlier versions, and the rules for
//! reading, saving and backing it up.
//!
//! Owns the storage decisions (key names, what counts as newer, when a version
//! is kept, how a change made elsewhere is detected) so the web layer only
//! moves text in and out of localStorage. It must not touch the browser, and
//! it never decides what a project contains: projects pass through whole and
//! are read through `import::project_from_json`, like any project file.

use crate::import::project_from_json;
use crate::model::{Project, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where the library is saved.
pub const LIBRARY_KEY: &str = "slo-workbench/library/v1";
/// Where versions before the library kept their single workspace; read once
/// as the first project and never written again, so it stays a fallback.
pub const LEGACY_KEY: &str = "slo-workbench/project/v1";
/// Where the single backup of an unreadable save used to go; still counted
/// among the kept backups.
pub const LEGACY_BACKUP_KEY: &str = "slo-workbench/project/unreadable";
/// Backups of unreadable saves are `BACKUP_PREFIX` + the time in ms.
pub const BACKUP_PREFIX: &str = "slo-workbench/unreadable/";
/// Version of the library's own layout; a higher one was written by a newer workbench.
pub const LIBRARY_FORMAT: u32 = 1;
/// Earlier versions kept per project.
pub const VERSIONS_KEPT: usize = 5;
/// A routine edit keeps a version at most this often.
pub const VERSION_EVERY_MS: u64 = 5 * 60 * 1000;
/// Backups of unreadable saves kept.
pub const BACKUPS_KEPT: usize = 3;

/// All the projects this browser keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub format: u32,
    /// The project opened last, which a new tab opens.
    #[serde(default)]
    pub last_opened: Option<String>,
    pub projects: Vec<Entry>,
}

/// One project with its save history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    /// Grows by one with every saved change, in whichever tab it was made.
    pub revision: u64,
    pub saved_at_ms: u64,
    /// When the newest of `versions` was taken (or the project was created).
    pub versioned_at_ms: u64,
    pub project: Project,
    /// Earlier states, oldest first, at most `VERSIONS_KEPT`.
    pub versions: Vec<Version>,
}

/// An earlier state of a project, restorable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Version {
    pub saved_at_ms: u64,
    pub project: Project,
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    /// Nothing saved yet.
    Empty,
    Ready(Library),
    /// Written by a newer workbench: leave it untouched. The text says which version.
    Newer(String),
    /// Cannot be read; back the text up before anything replaces it.
    Unreadable(String),
    /// Readable except some projects or versions (the validation gate may
    /// refuse what an older version saved): `set_aside` holds their JSON, to
    /// back up before the library is written; `why` says what was wrong with the first.
    Partial {
        library: Library,
        set_aside: Vec<String>,
        why: String,
    },
}

/// Outcome of saving a tab's project into the library.
#[derive(Debug, Clone, PartialEq)]
pub enum Commit {
    /// Written as this revision.
    Saved(u64),
    /// The library already holds exactly this project at this revision.
    Unchanged(u64),
    /// Another tab saved this project since the tab last read it: nothing was
    /// written; the tab must offer theirs (at `revision`) before saving.
    Conflict { revision: u64, theirs: Box<Project> },
}

/// What to do to back up an unreadable save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPlan {
    /// The key to write the text under, or none when it is already kept.
    pub write: Option<String>,
    /// Older backups to remove once the write succeeded.
    pub drop: Vec<String>,
}

/// Reads the saved library, or builds it from the single workspace saved
/// before projects existed (`legacy`).
pub fn read(library: Option<&str>, legacy: Option<&str>, now_ms: u64) -> Stored {
    match (library, legacy) {
        (Some(text), _) => read_library(text),
        (None, Some(text)) => match read_project(text) {
            Ok(project) => {
                let mut lib = Library::default();
                lib.add(project, now_ms);
                Stored::Ready(lib)
            }
            Err(e) => e,
        },
        (None, None) => Stored::Empty,
    }
}

fn read_library(text: &str) -> Stored {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Stored::Unreadable(format!("not valid JSON: {e}")),
    };
    let format = value.get("format").and_then(Value::as_u64).unwrap_or(0);
    if format > u64::from(LIBRARY_FORMAT) {
        return Stored::Newer(format!("library format {format}"));
    }
    let raw: RawLibrary = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return Stored::Unreadable(format!("not a project library: {e}")),
    };
    raw.into_library()
}

/// The library as saved, with each project still JSON, so projects go
/// through the import chain (older schemas upgrade, newer are refused).
#[derive(Deserialize)]
struct RawLibrary {
    #[serde(default)]
    last_opened: Option<String>,
    projects: Vec<RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    id: String,
    revision: u64,
    saved_at_ms: u64,
    versioned_at_ms: u64,
    project: Value,
    #[serde(default)]
    versions: Vec<RawVersion>,
}

#[derive(Deserialize)]
struct RawVersion {
    saved_at_ms: u64,
    project: Value,
}

impl RawLibrary {
    /// A project that cannot be read is set aside, not the whole library;
    /// one written by a newer version leaves the whole library untouched.
    fn into_library(self) -> Stored {
        let mut set_aside = Vec::new();
        let mut why = None;
        let mut take = |value: Value| match read_project(&value.to_string()) {
            Ok(p) => Ok(Some(p)),
            Err(Stored::Unreadable(w)) => {
                why.get_or_insert(w);
                set_aside.push(value.to_string());
                Ok(None)
            }
            Err(other) => Err(other),
        };
        let mut projects = Vec::with_capacity(self.projects.len());
        for e in self.projects {
            let mut versions = Vec::with_capacity(e.versions.len());
            for v in e.versions {
                match take(v.project) {
                    Ok(Some(project)) => versions.push(Version {
                        saved_at_ms: v.saved_at_ms,
                        project,
                    }),
                    Ok(None) => {}
                    Err(newer) => return newer,
                }
            }
            match take(e.project) {
                Ok(Some(project)) => projects.push(Entry {
                    id: e.id,
                    revision: e.revision,
                    saved_at_ms: e.saved_at_ms,
                    versioned_at_ms: e.versioned_at_ms,
                    project,
                    versions,
                }),
                Ok(None) => {}
                Err(newer) => return newer,
            }
        }
        let library = Library {
            format: LIBRARY_FORMAT,
            last_opened: self.last_opened,
            projects,
        };
        match why {
            None => Stored::Ready(library),
            Some(why) => Stored::Partial {
                library,
                set_aside,
                why,
            },
        }
    }
}

/// One project's JSON: newer schema versions are told apart from damage.
fn read_project(text: &str) -> Result<Project, Stored> {
    let newer = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(Value::as_u64))
        .filter(|v| *v > u64::from(SCHEMA_VERSION));
    if let Some(v) = newer {
        return Err(Stored::Newer(format!("project schema_version {v}")));
    }
    project_from_json(text).map_err(|d| Stored::Unreadable(d.message))
}

impl Default for Library {
    fn default() -> Self {
        Library {
            format: LIBRARY_FORMAT,
            last_opened: None,
            projects: Vec::new(),
        }
    }
}

impl Library {
    pub fn to_json(&self) -> Result<String, String> {
        serde_json::to_string(self).map_err(|e| e.to_string())
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.projects.iter().find(|e| e.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Entry> {
        self.projects.iter_mut().find(|e| e.id == id)
    }

    /// An id no entry has: `p1`, `p2`, ... (ids of deleted projects may come back).
    fn fresh_id(&self) -> String {
        (1..)
            .map(|n| format!("p{n}"))
            .find(|id| self.get(id).is_none())
            .unwrap_or_default()
    }

    /// Adds a project beside the others and returns its id.
    pub fn add(&mut self, project: Project, now_ms: u64) -> String {
        let id = self.fresh_id();
        self.projects.push(Entry {
            id: id.clone(),
            revision: 1,
            saved_at_ms: now_ms,
            versioned_at_ms: now_ms,
            project,
            versions: Vec::new(),
        });
        id
    }

    /// Adds a copy of a project, named as a copy, right after it.
    pub fn duplicate(&mut self, id: &str, now_ms: u64) -> Option<String> {
        let mut copy = self.get(id)?.project.clone();
        copy.name = format!("{} (copy)", copy.name);
        let new_id = self.add(copy, now_ms);
        let at = self.projects.iter().position(|e| e.id == id)? + 1;
        let entry = self.projects.pop()?;
        self.projects.insert(at, entry);
        Some(new_id)
    }

    /// Saves a tab's project over the revision the tab last read.
    ///
    /// A project deleted elsewhere comes back rather than losing the edit.
    pub fn commit(&mut self, id: &str, base: u64, project: &Project, now_ms: u64) -> Commit {
        let Some(entry) = self.get_mut(id) else {
            self.projects.push(Entry {
                id: id.to_string(),
                revision: base + 1,
                saved_at_ms: now_ms,
                versioned_at_ms: now_ms,
                project: project.clone(),
                versions: Vec::new(),
            });
            return Commit::Saved(base + 1);
        };
        if entry.project == *project {
            return Commit::Unchanged(entry.revision);
        }
        if entry.revision != base {
            return Commit::Conflict {
                revision: entry.revision,
                theirs: Box::new(entry.project.clone()),
            };
        }
        let due = now_ms.saturating_sub(entry.versioned_at_ms) >= VERSION_EVERY_MS
            || significant(&entry.project, project);
        entry.replace(project.clone(), now_ms, due);
        Commit::Saved(entry.revision)
    }

    /// Renames a project; the old name stays in its versions.
    pub fn rename(&mut self, id: &str, name: &str, now_ms: u64) -> Option<u64> {
        let entry = self.get_mut(id)?;
        let mut p = entry.project.clone();
        p.name = name.to_string();
        entry.replace(p, now_ms, true);
        Some(entry.revision)
    }

    /// Makes an earlier version current again; the state it replaces becomes
    /// a version itself, so a restore can be undone the same way.
    pub fn restore(&mut self, id: &str, version: usize, now_ms: u64) -> Option<(u64, Project)> {
        let entry = self.get_mut(id)?;
        let old = entry.versions.get(version)?.project.clone();
        entry.replace(old.clone(), now_ms, true);
        Some((entry.revision, old))
    }

    /// Removes a project; returns where it was and what it was, for undo.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Entry)> {
        let at = self.projects.iter().position(|e| e.id == id)?;
        if self.last_opened.as_deref() == Some(id) {
            self.last_opened = None;
        }
        Some((at, self.projects.remove(at)))
    }

    /// Puts a removed project back where it was (its id, if free again).
    pub fn reinsert(&mut self, at: usize, mut entry: Entry) -> String {
        if self.get(&entry.id).is_some() {
            entry.id = self.fresh_id();
        }
        let id = entry.id.clone();
        self.projects.insert(at.min(self.projects.len()), entry);
        id
    }

    /// The project a new tab opens: the last opened one, else the first.
    pub fn opening(&self) -> Option<&Entry> {
        self.last_opened
            .as_deref()
            .and_then(|id| self.get(id))
            .or_else(|| self.projects.first())
    }

    /// When another tab saved this library: the project this tab shows, as
    /// that tab left it, when it differs from `mine` and is a later revision.
    pub fn changed_elsewhere(&self, id: &str, base: u64, mine: &Project) -> Option<(u64, Project)> {
        let entry = self.get(id)?;
        (entry.revision > base && entry.project != *mine)
            .then(|| (entry.revision, entry.project.clone()))
    }

    /// Keeps `state` as a version of a project (when a tab's unsaved edits or
    /// another tab's save are set aside in a conflict).
    pub fn keep_version(&mut self, id: &str, state: Project, now_ms: u64) {
        if let Some(entry) = self.get_mut(id) {
            entry.push_version(state, now_ms);
        }
    }
}

impl Entry {
    fn replace(&mut self, project: Project, now_ms: u64, keep_old: bool) {
        if keep_old {
            let old = std::mem::replace(&mut self.project, project);
            let at = self.saved_at_ms;
            self.push_version(old, at);
            self.versioned_at_ms = now_ms;
        } else {
            self.project = project;
        }
        self.revision += 1;
        self.saved_at_ms = now_ms;
    }

    fn push_version(&mut self, project: Project, saved_at_ms: u64) {
        if self.versions.last().map(|v| &v.project) == Some(&project) {
            return;
        }
        self.versions.push(Version {
            saved_at_ms,
            project,
        });
        let excess = self.versions.len().saturating_sub(VERSIONS_KEPT);
        self.versions.drain(..excess);
    }
}

/// A change worth a version even minutes after the last: the project was
/// renamed, or an SLO was added or removed.
fn significant(old: &Project, new: &Project) -> bool {
    old.name != new.name
        || old.slos.len() != new.slos.len()
        || old.slos.iter().zip(&new.slos).any(|(a, b)| a.id != b.id)
}

/// How to back up the unreadable `text`, given the backups already kept
/// (`existing`: key and text). The oldest go once more than `BACKUPS_KEPT`
/// would remain; the same text is never kept twice.
pub fn plan_backup(existing: &[(String, String)], text: &str, now_ms: u64) -> BackupPlan {
    if existing.iter().any(|(_, t)| t == text) {
        return BackupPlan {
            write: None,
            drop: Vec::new(),
        };
    }
    let mut keys: Vec<(u64, &String)> = existing.iter().map(|(k, _)| (backup_time(k), k)).collect();
    keys.sort();
    let excess = (keys.len() + 1).saturating_sub(BACKUPS_KEPT);
    BackupPlan {
        write: Some(format!("{BACKUP_PREFIX}{now_ms}")),
        drop: keys
            .iter()
            .take(excess)
            .map(|(_, k)| (*k).clone())
            .collect(),
    }
}

/// Whether a storage key holds a backup of an unreadable save.
pub fn is_backup_key(key: &str) -> bool {
    key == LEGACY_BACKUP_KEY || key.starts_with(BACKUP_PREFIX)
}

/// The legacy backup predates timed ones, so it sorts first.
fn backup_time(key: &str) -> u64 {
    key.strip_prefix(BACKUP_PREFIX)
        .and_then(|t| t.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slo;

    const MIN: u64 = 60 * 1000;

    fn named(name: &str) -> Project {
        Project {
            name: name.into(),
            ..Project::default()
        }
    }

    fn with_slo(name: &str, id: &str) -> Project {
        let mut p = named(name);
        p.slos.push(Slo {
            id: id.into(),
            ..Slo::default()
        });
        p
    }

    fn ready(stored: Stored) -> Library {
        match stored {
            Stored::Ready(l) => l,
            other => panic!("expected a library, got {other:?}"),
        }
    }

    #[test]
    fn todays_single_workspace_becomes_the_first_project() {
        let legacy = r#"{"schema_version":1,"name":"Checkout","slos":[]}"#;
        let lib = ready(read(None, Some(legacy), 1000));
        assert_eq!(lib.projects.len(), 1);
        assert_eq!(lib.projects[0].id, "p1");
        assert_eq!(lib.projects[0].project.name, "Checkout");
        assert_eq!(lib.opening().map(|e| e.id.as_str()), Some("p1"));
    }

    #[test]
    fn a_workspace_saved_before_schema_versions_is_upgraded() {
        let lib = ready(read(None, Some(r#"{"name":"Old"}"#), 0));
        assert_eq!(lib.projects[0].project.schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn the_library_wins_over_the_legacy_workspace() {
        let mut saved = Library::default();
        saved.add(named("From the library"), 0);
        let text = saved.to_json().unwrap();
        let lib = ready(read(Some(&text), Some(r#"{"name":"Legacy"}"#), 0));
        assert_eq!(lib, saved);
    }

    #[test]
    fn nothing_saved_is_empty() {
        assert_eq!(read(None, None, 0), Stored::Empty);
    }

    #[test]
    fn a_library_with_a_higher_format_is_newer_not_unreadable() {
        let text = r#"{"format":2,"projects":"some future shape"}"#;
        assert_eq!(
            read(Some(text), None, 0),
            Stored::Newer("library format 2".into())
        );
    }

    #[test]
    fn a_project_with_a_higher_schema_is_newer_in_either_key() {
        let project = r#"{"schema_version":99,"name":"Future"}"#;
        let lib = format!(
            r#"{{"format":1,"projects":[{{"id":"p1","revision":1,"saved_at_ms":0,"versioned_at_ms":0,"project":{project},"versions":[]}}]}}"#
        );
        let newer = Stored::Newer("project schema_version 99".into());
        assert_eq!(read(Some(&lib), None, 0), newer);
        assert_eq!(read(None, Some(project), 0), newer);
    }

    #[test]
    fn damaged_text_is_unreadable() {
        assert!(matches!(
            read(Some("{\"format\": 1"), None, 0),
            Stored::Unreadable(_)
        ));
        assert!(matches!(
            read(None, Some("{\"name\": 12"), 0),
            Stored::Unreadable(_)
        ));
        assert!(matches!(
            read(Some(r#"{"format":1}"#), None, 0),
            Stored::Unreadable(_)
        ));
        assert!(matches!(
            read(None, Some(r#"{"name":"x","slos":"not a list"}"#), 0),
            Stored::Unreadable(_)
        ));
    }

    #[test]
    fn a_project_that_cannot_be_read_is_set_aside_and_the_others_load() {
        let entry = |id: &str, project: &str| {
            format!(
                r#"{{"id":"{id}","revision":1,"saved_at_ms":0,"versioned_at_ms":0,"project":{project},"versions":[]}}"#
            )
        };
        let bad = r#"{"name":"Bad","slos":"not a list"}"#;
        let text = format!(
            r#"{{"format":1,"projects":[{},{}]}}"#,
            entry("p1", r#"{"name":"Good"}"#),
            entry("p2", bad)
        );
        match read(Some(&text), None, 0) {
            Stored::Partial {
                library,
                set_aside,
                why,
            } => {
                let names: Vec<&str> = library
                    .projects
                    .iter()
                    .map(|e| e.project.name.as_str())
                    .collect();
                assert_eq!(names, vec!["Good"]);
                assert_eq!(set_aside.len(), 1);
                assert!(set_aside[0].contains("not a list"), "{}", set_aside[0]);
                assert!(!why.is_empty());
            }
            other => panic!("expected a partial library, got {other:?}"),
        }
    }

    #[test]
    fn a_library_survives_saving_and_reading_with_its_versions() {
        let mut lib = Library::default();
        let id = lib.add(named("A"), 0);
        lib.rename(&id, "B", 10);
        lib.last_opened = Some(id);
        let back = ready(read(Some(&lib.to_json().unwrap()), None, 0));
        assert_eq!(back, lib);
        assert_eq!(back.projects[0].versions[0].project.name, "A");
    }

    #[test]
    fn saving_over_the_read_revision_counts_up() {
        let mut lib = Library::default();
        let id = lib.add(named("A"), 0);
        let mut p = named("A");
        p.description = "edited".into();
        assert_eq!(lib.commit(&id, 1, &p, MIN), Commit::Saved(2));
        assert_eq!(lib.commit(&id, 2, &p, 2 * MIN), Commit::Unchanged(2));
    }

    #[test]
    fn saving_over_an_older_revision_is_a_conflict_and_writes_nothing() {
        let mut lib = Library::default();
        let id = lib.add(named("A"), 0);
        lib.rename(&id, "Theirs", MIN);
        let before = lib.clone();
        let got = lib.commit(&id, 1, &named("Mine"), 2 * MIN);
        assert_eq!(
            got,
            Commit::Conflict {
                revision: 2,
                theirs: Box::new(named("Theirs"))
            }
        );
        assert_eq!(lib, before);
    }

    #[test]
    fn a_project_deleted_elsewhere_comes_back_with_the_edit() {
        let mut lib = Library::default();
        assert_eq!(lib.commit("p7", 3, &named("Kept"), 0), Commit::Saved(4));
        assert_eq!(lib.get("p7").unwrap().project.name, "Kept");
    }

    #[test]
    fn routine_edits_keep_a_version_at_most_every_five_minutes() {
        let mut lib = Library::default();
        let id = lib.add(named("A"), 0);
        let mut rev = 1;
        // Edits at minutes 1, 2, 3, 4, 5, 6: only the one at minute 5 is 5 minutes after creation.
        for minute in 1..=6u64 {
            let mut p = named("A");
            p.description = format!("edit {minute}");
            match lib.commit(&id, rev, &p, minute * MIN) {
                Commit::Saved(r) => rev = r,
                other => panic!("{other:?}"),
            }
        }
        let versions = &lib.get(&id).unwrap().versions;
        assert_eq!(versions.len(), 1);
        assert_eq!(versions[0].project.description, "edit 4");
        assert_eq!(versions[0].saved_at_ms, 4 * MIN);
    }

    #[test]
    fn adding_or_removing_an_slo_keeps_a_version_at_once() {
        let mut lib = Library::default();
        let id = lib.add(named("A"), 0);
        assert_eq!(
            lib.commit(&id, 1, &with_slo("A", "s1"), 1000),
            Commit::Saved(2)
        );
        assert_eq!(lib.commit(&id, 2, &named("A"), 2000), Commit::Saved(3));
        let versions: Vec<usize> = lib
            .get(&id)
            .unwrap()
            .versions
            .iter()
            .map(|v| v.project.slos.len())
            .collect();
        assert_eq!(versions, vec![0, 1]);
    }

    #[test]
    fn only_the_last_five_versions_are_kept() {
        let mut lib = Library::default();
        let id = lib.add(named("v0"), 0);
        for n in 1..=7 {
            lib.rename(&id, &format!("v{n}"), n);
        }
        let names: Vec<String> = lib
            .get(&id)
            .unwrap()
            .versions
            .iter()
            .map(|v| v.project.name.clone())
            .collect();
        assert_eq!(names, vec!["v2", "v3", "v4", "v5", "v6"]);
        assert_eq!(lib.get(&id).unwrap().project.name, "v7");
    }

    #[test]
    fn restoring_a_version_keeps_the_replaced_state_as_a_version() {
        let mut lib = Library::default();
        let id = lib.add(named("First"), 0);
        lib.rename(&id, "Second", 1);
        let (revision, restored) = lib.restore(&id, 0, 2).unwrap();
        assert_eq!((revision, restored.name.as_str()), (3, "First"));
        let entry = lib.get(&id).unwrap();
        assert_eq!(entry.project.name, "First");
        assert_eq!(entry.versions.last().unwrap().project.name, "Second");
        assert!(lib.restore(&id, 9, 3).is_none());
    }

    #[test]
    fn a_duplicate_sits_after_its_original_under_a_new_id() {
        let mut lib = Library::default();
        let a = lib.add(named("A"), 0);
        lib.add(named("B"), 0);
        let copy = lib.duplicate(&a, 5).unwrap();
        let order: Vec<(&str, &str)> = lib
            .projects
            .iter()
            .map(|e| (e.id.as_str(), e.project.name.as_str()))
            .collect();
        assert_eq!(
            order,
            vec![("p1", "A"), (copy.as_str(), "A (copy)"), ("p2", "B")]
        );
        assert_eq!(copy, "p3");
    }

    #[test]
    fn a_removed_project_goes_back_where_it_was() {
        let mut lib = Library::default();
        lib.add(named("A"), 0);
        let b = lib.add(named("B"), 0);
        lib.add(named("C"), 0);
        lib.last_opened = Some(b.clone());
        let (at, entry) = lib.remove(&b).unwrap();
        assert_eq!(lib.last_opened, None);
        assert_eq!(lib.reinsert(at, entry), b);
        let names: Vec<&str> = lib
            .projects
            .iter()
            .map(|e| e.project.name.as_str())
            .collect();
        assert_eq!(names, vec!["A", "B", "C"]);
    }

    #[test]
    fn a_change_elsewhere_is_noticed_only_when_later_and_different() {
        let mut lib = Library::default();
        let id = lib.add(named("A"), 0);
        lib.rename(&id, "Theirs", 1);
        assert_eq!(
            lib.changed_elsewhere(&id, 1, &named("Mine")),
            Some((2, named("Theirs")))
        );
        assert_eq!(lib.changed_elsewhere(&id, 1, &named("Theirs")), None);
        assert_eq!(lib.changed_elsewhere(&id, 2, &named("Mine")), None);
    }

    #[test]
    fn the_same_state_is_not_kept_twice_in_a_row() {
        let mut lib = Library::default();
        let id = lib.add(named("A"), 0);
        lib.keep_version(&id, named("X"), 1);
        lib.keep_version(&id, named("X"), 2);
        assert_eq!(lib.get(&id).unwrap().versions.len(), 1);
    }

    #[test]
    fn a_new_backup_never_replaces_one_and_the_oldest_go_past_three() {
        let existing = vec![
            (format!("{BACKUP_PREFIX}300"), "c".to_string()),
            (LEGACY_BACKUP_KEY.to_string(), "a".to_string()),
            (format!("{BACKUP_PREFIX}200"), "b".to_string()),
        ];
        let plan = plan_backup(&existing, "d", 400);
        assert_eq!(plan.write, Some(format!("{BACKUP_PREFIX}400")));
        assert_eq!(plan.drop, vec![LEGACY_BACKUP_KEY.to_string()]);
        let fresh = plan_backup(&[], "d", 400);
        assert!(fresh.drop.is_empty());
    }

    #[test]
    fn a_text_already_backed_up_is_not_written_again() {
        let existing = vec![(format!("{BACKUP_PREFIX}1"), "same".to_string())];
        assert_eq!(
            plan_backup(&existing, "same", 2),
            BackupPlan {
                write: None,
                drop: vec![]
            }
        );
    }

    #[test]
    fn backup_keys_are_the_timed_and_the_legacy_one() {
        assert!(is_backup_key("slo-workbench/unreadable/17"));
        assert!(is_backup_key(LEGACY_BACKUP_KEY));
        assert!(!is_backup_key(LIBRARY_KEY));
        assert!(!is_backup_key(LEGACY_KEY));
    }
}
