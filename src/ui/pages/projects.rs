//! The project list (`#/projects`, linked from the header): every project
//! this browser keeps, to open, rename, duplicate, export, delete (with
//! undo) and restore from an earlier version.
//!
//! The list and its rules live in `slo_engine::workspace` through the store;
//! this page only shows them and forwards clicks. It must not read or write
//! storage itself.

use crate::ui::components::{files, PageFrame};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::export::{self, ExportFormat};
use slo_engine::workspace::Entry;

#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! {
        <PageFrame title="Your projects" page="projects">
            <ProjectList/>
        </PageFrame>
    }
}

/// A saved time in the reader's own locale and time zone.
fn when(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let day: String = d
        .to_locale_date_string("default", &wasm_bindgen::JsValue::UNDEFINED)
        .into();
    let time: String = d.to_locale_time_string("default").into();
    format!("{day} {time}")
}

/// "1 SLO", "3 SLOs".
fn slo_count(n: usize) -> String {
    if n == 1 {
        "1 SLO".into()
    } else {
        format!("{n} SLOs")
    }
}

#[component]
fn ProjectList() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let deleted = RwSignal::new(None::<(usize, Entry)>);
    let message = RwSignal::new(None::<String>);
    let on_delete = move |id: String| {
        if let Some(removed) = ws.delete(&id) {
            deleted.set(Some(removed));
        }
    };
    view! {
        <p class="lead">
            "This browser keeps every project you start, load or open from a link, each with its last few saved versions. "
            "Nothing leaves the browser: export a project file to back one up or hand it to someone."
        </p>
        <p>
            <button type="button" class="primary" on:click=move |_| {
                ws.add_and_open(slo_engine::model::Project::default());
            }>"New empty project"</button>
        </p>
        {move || deleted.get().map(|(at, entry)| {
            let name = entry.project.name.clone();
            view! {
                <p class="undo-notice" role="status">
                    "Deleted “" {name} "”. "
                    <button type="button" on:click=move |_| {
                        ws.undelete(at, entry.clone());
                        deleted.set(None);
                    }>"Undo"</button>
                </p>
            }
        })}
        <p role="status">{move || message.get()}</p>
        <ul class="project-list">
            {move || ws.library.get().projects.into_iter().map(|entry| view! {
                <ProjectRow entry=entry on_delete=on_delete message=message/>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ProjectRow(
    entry: Entry,
    on_delete: impl Fn(String) + Copy + Send + Sync + 'static,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let id = entry.id.clone();
    let is_open = ws.active.get_untracked() == id;
    let name = entry.project.name.clone();
    let input_id = format!("project-name-{id}");
    let project = entry.project.clone();
    let export = move |_| {
        let outcome = export::export(&project, None, ExportFormat::Project).and_then(|list| {
            list.iter()
                .try_for_each(|f| files::download(&f.name, f.mime, &f.content))?;
            Ok(list
                .into_iter()
                .map(|f| f.name)
                .collect::<Vec<_>>()
                .join(", "))
        });
        message.set(Some(match outcome {
            Ok(n) => format!("Downloaded {n}."),
            Err(e) => e,
        }));
    };
    let versions = entry.versions.len();
    let (rename_id, open_id, dup_id, del_id) = (id.clone(), id.clone(), id.clone(), id.clone());
    view! {
        <li class="project-entry card" data-project-id=id.clone()
            aria-current=is_open.then_some("true")>
            <div class="project-head">
                <label for=input_id.clone() class="visually-hidden">{format!("Name of project “{name}”")}</label>
                <input id=input_id type="text" class="project-rename" prop:value=name.clone()
                    on:change=move |ev| ws.rename(&rename_id, event_target_value(&ev))/>
                {if is_open {
                    view! { <span class="badge badge-done">"Open in this tab"</span> }.into_any()
                } else {
                    view! { <button type="button" class="primary" on:click=move |_| ws.open(&open_id)>"Open"</button> }.into_any()
                }}
            </div>
            <p class="hint">{format!("{} · saved {}", slo_count(entry.project.slos.len()), when(entry.saved_at_ms))}</p>
            <div class="project-actions">
                <button type="button" on:click=move |_| ws.duplicate(&dup_id)>"Duplicate"</button>
                <button type="button" on:click=export>"Export"</button>
                <button type="button" aria-label=format!("Delete “{name}”")
                    on:click=move |_| on_delete(del_id.clone())>"Delete"</button>
            </div>
            <details class="project-versions">
                <summary>{format!("Earlier versions ({versions})")}</summary>
                {(versions == 0).then(|| view! {
                    <p class="hint">"None yet: a version is kept every few minutes of editing, and when SLOs are added or removed or the project is renamed."</p>
                })}
                <ol>
                    {entry.versions.iter().enumerate().rev().map(|(i, v)| {
                        let id = id.clone();
                        view! {
                            <li>
                                {format!("{} · “{}” · {} ", when(v.saved_at_ms), v.project.name, slo_count(v.project.slos.len()))}
                                <button type="button" data-version=i on:click=move |_| ws.restore(&id, i)>"Restore"</button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </details>
        </li>
    }
}
