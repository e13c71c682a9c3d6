//! The workspace store: the project in a reactive signal, provided as context,
//! autosaved to localStorage under a versioned key and restored on reload.
//!
//! Storage can be missing or full (private modes, quotas, sandboxed frames):
//! every access is fallible and the user is told, never a panic.

use leptos::prelude::*;
use slo_engine::model::Project;

/// Versioned key: a future format change writes a new key and imports the old one.
pub const STORAGE_KEY: &str = "slo-workbench/project/v1";
/// Where a saved workspace that could not be read is moved, so nothing is lost.
pub const UNREADABLE_KEY: &str = "slo-workbench/project/unreadable";

#[derive(Clone, Copy)]
pub struct Workspace {
    pub project: RwSignal<Project>,
    /// Why the saved workspace could not be restored, if it could not.
    pub storage_error: RwSignal<Option<String>>,
    /// Why the last autosave failed, if it did.
    pub save_error: RwSignal<Option<String>>,
    /// SLI measured when data was replayed on the Iteration page this session, per SLO id:
    /// the linter's "history does not support the target" check reads it on every page.
    pub history_sli: RwSignal<std::collections::BTreeMap<String, f64>>,
}

fn local_storage() -> Result<web_sys::Storage, String> {
    window()
        .local_storage()
        .map_err(|_| "the browser refused access to local storage".to_string())?
        .ok_or_else(|| "local storage is not available in this browser mode".to_string())
}

impl Workspace {
    /// The saved project, or a fresh one when there is none or it cannot be read.
    pub fn load() -> Workspace {
        let storage_error = RwSignal::new(None);
        let project = match local_storage()
            .and_then(|s| s.get_item(STORAGE_KEY).map_err(|_| "read failed".into()))
        {
            // Through the import chain, so a workspace saved by an older version loads.
            Ok(Some(text)) => match slo_engine::import::project_from_json(&text)
                .map_err(|d| d.message)
            {
                Ok(p) => p,
                Err(e) => {
                    // Keep the unreadable text so autosave cannot destroy it.
                    let kept = local_storage()
                        .and_then(|s| s.set_item(UNREADABLE_KEY, &text).map_err(|_| String::new()))
                        .is_ok();
                    let where_kept = if kept {
                        format!(" It was kept under \"{UNREADABLE_KEY}\".")
                    } else {
                        String::new()
                    };
                    storage_error.set(Some(format!(
                        "The saved workspace could not be read ({e}); starting empty.{where_kept}"
                    )));
                    Project::default()
                }
            },
            Ok(None) => Project::default(),
            Err(e) => {
                storage_error.set(Some(format!("Autosave is off: {e}.")));
                Project::default()
            }
        };
        Workspace {
            project: RwSignal::new(project),
            storage_error,
            save_error: RwSignal::new(None),
            history_sli: RwSignal::new(Default::default()),
        }
    }

    pub fn update(&self, f: impl FnOnce(&mut Project)) {
        self.project.update(f);
    }
}

/// Saves the project on every change.
pub fn autosave(ws: Workspace) {
    Effect::new(move |_| {
        let text = ws.project.with(serde_json::to_string);
        let result = match text {
            Ok(text) => local_storage().and_then(|s| {
                s.set_item(STORAGE_KEY, &text)
                    .map_err(|_| "the storage quota is full".to_string())
            }),
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(()) => {
                if ws.save_error.get_untracked().is_some() {
                    ws.save_error.set(None);
                }
            }
            Err(e) => ws.save_error.set(Some(format!(
                "Autosave failed: {e}. Export the project file to keep your work."
            ))),
        }
    });
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
