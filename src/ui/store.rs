//! The workspace store: the open project in a reactive signal, provided as
//! context, and the browser's library of projects in localStorage.
//!
//! A thin layer: what the keys are, when a version is kept, what counts as
//! newer and when another tab's save conflicts are decided by
//! `slo_engine::workspace`; this module only moves text in and out of
//! storage and tells the user. Storage can be missing or full (private modes,
//! quotas, sandboxed frames): every access is fallible, never a panic. A tab
//! that must not write (a newer version's save, a backup that failed) keeps
//! working in memory and says so.

use leptos::prelude::*;
use slo_engine::model::Project;
use slo_engine::workspace::{self, Commit, Entry, Library, Stored, LEGACY_KEY, LIBRARY_KEY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct Workspace {
    pub project: RwSignal<Project>,
    /// Why the saved projects could not be restored or must be left alone.
    pub storage_error: RwSignal<Option<String>>,
    /// Why the last autosave failed, if it did.
    pub save_error: RwSignal<Option<String>>,
    /// SLI measured when data was replayed on the Iteration page this session, per SLO id:
    /// the linter's "history does not support the target" check reads it on every page.
    pub history_sli: RwSignal<std::collections::BTreeMap<String, f64>>,
    /// The library as this tab last read or wrote it.
    pub library: RwSignal<Library>,
    /// Id of the project this tab shows.
    pub active: RwSignal<String>,
    /// Revision of the active project this tab last read or wrote.
    base: RwSignal<u64>,
    /// True when this tab must not write to storage.
    frozen: RwSignal<bool>,
    /// Another tab's save of the active project, waiting for the user's choice.
    pub conflict: RwSignal<Option<(u64, Project)>>,
}

fn local_storage() -> Result<web_sys::Storage, String> {
    window()
        .local_storage()
        .map_err(|_| "the browser refused access to local storage".to_string())?
        .ok_or_else(|| "local storage is not available in this browser mode".to_string())
}

fn get_item(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok().flatten()
}

fn set_item(key: &str, value: &str) -> Result<(), String> {
    local_storage()?
        .set_item(key, value)
        .map_err(|_| "the storage quota is full".to_string())
}

fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Backups of unreadable saves in storage, key and text.
fn backups() -> Vec<(String, String)> {
    let Ok(s) = local_storage() else {
        return Vec::new();
    };
    let len = s.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| workspace::is_backup_key(k))
        .filter_map(|k| s.get_item(&k).ok().flatten().map(|t| (k, t)))
        .collect()
}

/// Copies an unreadable save beside the others; the key it is kept under.
fn back_up(text: &str) -> Result<Option<String>, String> {
    let plan = workspace::plan_backup(&backups(), text, now_ms());
    if let Some(key) = &plan.write {
        set_item(key, text)?;
    }
    if let Ok(s) = local_storage() {
        for k in &plan.drop {
            let _ = s.remove_item(k);
        }
    }
    Ok(plan.write)
}

impl Workspace {
    /// The project this tab opens, from the saved library (or the single
    /// workspace older versions saved), or a fresh one.
    pub fn load() -> Workspace {
        let ws = Workspace {
            project: RwSignal::new(Project::default()),
            storage_error: RwSignal::new(None),
            save_error: RwSignal::new(None),
            history_sli: RwSignal::new(Default::default()),
            library: RwSignal::new(Library::default()),
            active: RwSignal::new(String::new()),
            base: RwSignal::new(0),
            frozen: RwSignal::new(false),
            conflict: RwSignal::new(None),
        };
        if let Err(e) = local_storage() {
            ws.freeze(format!("Autosave is off: {e}."));
        }
        let mut lib = ws.fresh().unwrap_or_default();
        if lib.projects.is_empty() {
            lib.add(Project::default(), now_ms());
        }
        ws.show(&lib);
        // Written at once: a migrated or replaced-after-backup library is then the stored one.
        ws.write(&lib);
        ws
    }

    pub fn update(&self, f: impl FnOnce(&mut Project)) {
        self.project.update(f);
    }

    /// Stops writing to storage and says why.
    fn freeze(&self, why: String) {
        self.frozen.set(true);
        self.storage_error.set(Some(why));
    }

    /// The library as storage holds it now (or as this tab holds it, when it
    /// must not write). `None` when storage holds something not to touch.
    fn fresh(&self) -> Option<Library> {
        if self.frozen.get_untracked() {
            return Some(self.library.get_untracked());
        }
        let stored = get_item(LIBRARY_KEY);
        let legacy = get_item(LEGACY_KEY);
        match workspace::read(stored.as_deref(), legacy.as_deref(), now_ms()) {
            Stored::Empty => Some(Library::default()),
            Stored::Ready(lib) => Some(lib),
            Stored::Partial {
                library,
                set_aside,
                why,
            } => {
                let mut kept = Vec::new();
                for text in &set_aside {
                    match back_up(text) {
                        Ok(key) => kept.extend(key),
                        Err(e) => {
                            self.freeze(format!(
                                "{} saved project(s) could not be read ({why}) and their backup could not be written ({e}). \
                                 Autosave is off so they are not overwritten: free some browser storage and reload.",
                                set_aside.len()
                            ));
                            return None;
                        }
                    }
                }
                self.storage_error.set(Some(format!(
                    "{} saved project(s) could not be read ({why}) and were set aside, kept under {}.",
                    set_aside.len(),
                    kept.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
                )));
                Some(library)
            }
            Stored::Newer(what) => {
                self.freeze(format!(
                    "Your saved projects were written by a newer version of SLO Workbench ({what}). \
                     They are left untouched: open them with that version. Changes made in this tab are not saved."
                ));
                None
            }
            Stored::Unreadable(why) => {
                let text = stored.or(legacy).unwrap_or_default();
                match back_up(&text) {
                    Ok(key) => {
                        let kept = key
                            .map(|k| format!(" It was kept under \"{k}\"."))
                            .unwrap_or_default();
                        self.storage_error.set(Some(format!(
                            "The saved workspace could not be read ({why}); starting with an empty project.{kept}"
                        )));
                        Some(Library::default())
                    }
                    Err(e) => {
                        self.freeze(format!(
                            "The saved workspace could not be read ({why}) and its backup could not be written ({e}). \
                             Autosave is off so it is not overwritten: free some browser storage and reload."
                        ));
                        None
                    }
                }
            }
        }
    }

    /// Writes the library (in memory only when frozen); false when it failed.
    fn write(&self, lib: &Library) -> bool {
        if !self.frozen.get_untracked() {
            let result = lib.to_json().and_then(|t| set_item(LIBRARY_KEY, &t));
            if let Err(e) = result {
                self.save_error.set(Some(format!(
                    "Autosave failed: {e}. Export the project file to keep your work."
                )));
                return false;
            }
            if self.save_error.get_untracked().is_some() {
                self.save_error.set(None);
            }
        }
        self.library.set(lib.clone());
        true
    }

    /// Shows the library's opening project in this tab.
    fn show(&self, lib: &Library) {
        if let Some(e) = lib.opening() {
            self.active.set(e.id.clone());
            self.base.set(e.revision);
            self.project.set(e.project.clone());
        }
    }

    /// Saves the open project, unless another tab's save waits for a choice.
    fn save(&self) {
        if self.conflict.get_untracked().is_some() {
            return;
        }
        let Some(mut lib) = self.fresh() else { return };
        let id = self.active.get_untracked();
        let commit = self
            .project
            .with_untracked(|p| lib.commit(&id, self.base.get_untracked(), p, now_ms()));
        match commit {
            Commit::Saved(r) => {
                if self.write(&lib) {
                    self.base.set(r);
                }
            }
            Commit::Unchanged(r) => {
                self.base.set(r);
                self.library.set(lib);
            }
            Commit::Conflict { revision, theirs } => {
                self.conflict.set(Some((revision, *theirs)));
                self.library.set(lib);
            }
        }
    }

    /// Another tab wrote the library: refresh the list, offer a change to the open project.
    fn on_storage_event(&self) {
        let Some(lib) = self.fresh() else { return };
        let id = self.active.get_untracked();
        let elsewhere = self
            .project
            .with_untracked(|p| lib.changed_elsewhere(&id, self.base.get_untracked(), p));
        match elsewhere {
            Some(c) => self.conflict.set(Some(c)),
            None => {
                if let Some(e) = lib.get(&id) {
                    self.base.set(self.base.get_untracked().max(e.revision));
                }
            }
        }
        self.library.set(lib);
    }

    /// Settles a change made in another tab; the side not chosen stays a version.
    pub fn resolve_conflict(&self, load_theirs: bool) {
        let Some((_, theirs)) = self.conflict.get_untracked() else {
            return;
        };
        self.conflict.set(None);
        let Some(mut lib) = self.fresh() else { return };
        let id = self.active.get_untracked();
        let mine = self.project.get_untracked();
        let now = now_ms();
        let revision = lib.get(&id).map_or(0, |e| e.revision);
        if load_theirs {
            lib.keep_version(&id, mine, now);
            let current = lib.get(&id).map_or(theirs, |e| e.project.clone());
            self.write(&lib);
            self.base.set(revision);
            self.project.set(current);
        } else {
            if let Some(e) = lib.get(&id) {
                let current = e.project.clone();
                lib.keep_version(&id, current, now);
            }
            self.base.set(revision);
            self.write(&lib);
            self.save();
        }
    }

    /// Applies `f` to the library as stored now and writes it.
    fn change<R>(&self, f: impl FnOnce(&mut Library, u64) -> R) -> Option<R> {
        let mut lib = self.fresh()?;
        let r = f(&mut lib, now_ms());
        self.write(&lib).then_some(r)
    }

    /// Opens a project of the list in this tab.
    pub fn open(&self, id: &str) {
        self.conflict.set(None);
        let opened = self.change(|lib, _| {
            lib.last_opened = Some(id.to_string());
            lib.get(id).map(|e| (e.revision, e.project.clone()))
        });
        if let Some(Some((revision, project))) = opened {
            self.active.set(id.to_string());
            self.base.set(revision);
            self.project.set(project);
        }
    }

    /// Adds a project beside the others and opens it; returns the id of the
    /// project it replaces on screen.
    pub fn add_and_open(&self, project: Project) -> String {
        let previous = self.active.get_untracked();
        if let Some(id) = self.change(|lib, now| lib.add(project, now)) {
            self.open(&id);
        }
        previous
    }

    pub fn duplicate(&self, id: &str) {
        self.change(|lib, now| lib.duplicate(id, now));
    }

    pub fn rename(&self, id: &str, name: String) {
        if id == self.active.get_untracked() {
            // Through the open project, so this tab's autosave keeps the revision.
            self.update(|p| p.name = name);
        } else {
            self.change(|lib, now| lib.rename(id, &name, now));
        }
    }

    /// Deletes a project; returns it with its place, for undo. Deleting the
    /// open project opens another (a fresh one when none is left).
    pub fn delete(&self, id: &str) -> Option<(usize, Entry)> {
        let removed = self.change(|lib, now| {
            let removed = lib.remove(id);
            if lib.projects.is_empty() {
                lib.add(Project::default(), now);
            }
            removed
        })??;
        if id == self.active.get_untracked() {
            if let Some(next) = self
                .library
                .with_untracked(|l| l.opening().map(|e| e.id.clone()))
            {
                self.open(&next);
            }
        }
        Some(removed)
    }

    pub fn undelete(&self, at: usize, entry: Entry) {
        self.change(|lib, _| lib.reinsert(at, entry));
    }

    /// Makes an earlier version of a project current again.
    pub fn restore(&self, id: &str, version: usize) {
        let restored = self
            .change(|lib, now| lib.restore(id, version, now))
            .flatten();
        if let Some((revision, project)) = restored {
            if id == self.active.get_untracked() {
                self.base.set(revision);
                self.project.set(project);
            }
        }
    }
}

/// Saves the open project on every change, and listens for other tabs' saves.
pub fn autosave(ws: Workspace) {
    Effect::new(move |_| {
        ws.project.track();
        ws.save();
    });
    let on_storage =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            // A null key means the whole storage was cleared.
            if ev.key().is_none_or(|k| k == LIBRARY_KEY) {
                ws.on_storage_event();
            }
        });
    let _ =
        window().add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_storage.forget();
}

#[component]
pub fn StorageWarning() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        [ws.storage_error.get(), ws.save_error.get()]
            .into_iter()
            .flatten()
            .map(|e| view! { <p class="storage-warning" role="alert">{e}</p> })
            .collect_view()
    }
}

/// The offer made when another tab saved the open project.
#[component]
pub fn ConflictOffer() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        ws.conflict.get().map(|(_, theirs)| {
            view! {
                <section class="conflict shared-link" role="alert" aria-label="Changed in another tab">
                    <p>
                        "This project changed in another tab (there it is “" {theirs.name.clone()}
                        "”, with " {theirs.slos.len()} " SLO(s)). Nothing is saved here until you choose; "
                        "the side you do not pick is kept as an earlier version."
                    </p>
                    <button class="primary" on:click=move |_| ws.resolve_conflict(true)>"Load it"</button>
                    " "
                    <button on:click=move |_| ws.resolve_conflict(false)>"Keep mine"</button>
                </section>
            }
        })
    }
}
