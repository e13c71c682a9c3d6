//! The exports panel: every format of `export::ExportFormat::ALL` for the
//! selected SLO or the whole project, to preview, copy or download, the
//! notes on SLOs that get default alerts (`guards::default_alert_notes`),
//! and the share link.

use crate::ui::components::files;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::export::{self, ExportFile, ExportFormat};
use slo_engine::lifecycle;
use slo_engine::model::Project;

/// Formats whose output is what a tool deploys: exporting them marks the SLO exported.
fn is_deployable(f: ExportFormat) -> bool {
    matches!(
        f,
        ExportFormat::Prometheus
            | ExportFormat::OpenSlo
            | ExportFormat::Sloth
            | ExportFormat::Pyrra
    )
}

fn run(p: &Project, slo: Option<&str>, f: ExportFormat) -> Result<Vec<ExportFile>, String> {
    export::export(p, slo, f)
}

/// Records the rules export (`lifecycle::record_rules_export`) and adds to
/// `message` which SLOs stayed drafts.
fn mark_exported(ws: Workspace, slo: Option<String>, message: RwSignal<Option<String>>) {
    let mut drafts = Vec::new();
    ws.update(|p| drafts = lifecycle::record_rules_export(p, slo.as_deref()));
    if !drafts.is_empty() {
        let note = format!(
            " Still drafted, so not marked exported: {}. Mark an SLO agreed first.",
            drafts.join(", ")
        );
        message.update(|m| m.get_or_insert_with(String::new).push_str(&note));
    }
}

/// The text of one or more files for the clipboard. Several YAML files
/// (Sloth's spec and its alert windows) become one stream with `---`
/// between documents, so what is pasted still parses as YAML.
fn joined(list: &[ExportFile]) -> String {
    let yaml = |f: &ExportFile| f.name.ends_with(".yaml") || f.name.ends_with(".yml");
    let sep = if list.len() > 1 && list.iter().all(yaml) {
        "---\n"
    } else {
        "\n"
    };
    let mut out = String::new();
    for (k, f) in list.iter().enumerate() {
        if k > 0 {
            if !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(sep);
        }
        out.push_str(&f.content);
    }
    out
}

#[component]
pub fn ExportPanel(#[prop(into)] selected: Signal<Option<String>>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let whole = RwSignal::new(false);
    let preview = RwSignal::new(None::<ExportFormat>);
    let message = RwSignal::new(None::<String>);
    let scope = move || if whole.get() { None } else { selected.get() };
    let preview_files = Memo::new(move |_| {
        let f = preview.get()?;
        let slo = scope();
        Some(ws.project.with(|p| run(p, slo.as_deref(), f)))
    });
    let download = move |f: ExportFormat| {
        let slo = scope();
        match ws.project.with_untracked(|p| run(p, slo.as_deref(), f)) {
            Ok(list) => {
                let mut errs = Vec::new();
                for file in &list {
                    if let Err(e) = files::download(&file.name, file.mime, &file.content) {
                        errs.push(e);
                    }
                }
                if errs.is_empty() {
                    let names: Vec<_> = list.iter().map(|x| x.name.clone()).collect();
                    message.set(Some(format!("Downloaded {}.", names.join(", "))));
                    if is_deployable(f) {
                        mark_exported(ws, slo, message);
                    }
                } else {
                    message.set(Some(errs.join("; ")));
                }
            }
            Err(e) => message.set(Some(format!("{} cannot be exported: {e}", f.label()))),
        }
    };
    let copy = move |f: ExportFormat| {
        let slo = scope();
        match ws.project.with_untracked(|p| run(p, slo.as_deref(), f)) {
            Ok(list) => {
                let text = joined(&list);
                leptos::task::spawn_local(async move {
                    match files::copy(&text).await {
                        Ok(()) => {
                            message.set(Some(format!("Copied {} to the clipboard.", f.label())));
                            if is_deployable(f) {
                                mark_exported(ws, slo, message);
                            }
                        }
                        Err(e) => message.set(Some(e)),
                    }
                });
            }
            Err(e) => message.set(Some(format!("{} cannot be exported: {e}", f.label()))),
        }
    };
    view! {
        <section class="card exports no-print" aria-labelledby="exports-title">
            <h2 id="exports-title">"Export"</h2>
            <fieldset class="radio-group">
                <legend>"What to export"</legend>
                <div class="radio"><input type="radio" id="export-one" name="export-scope" prop:checked=move || !whole.get() on:change=move |_| whole.set(false)/>
                    <label for="export-one">{move || format!("This SLO ({})", selected.get().unwrap_or_else(|| "none selected".into()))}</label></div>
                <div class="radio"><input type="radio" id="export-all" name="export-scope" prop:checked=move || whole.get() on:change=move |_| whole.set(true)/>
                    <label for="export-all">"Every SLO of the project"</label></div>
            </fieldset>
            <p class="hint">"Downloading or copying rules (Prometheus, OpenSLO, Sloth, Pyrra) marks the agreed SLOs as exported on the Start page; drafts stay drafts."</p>
            {move || {
                let notes = ws.project.with(|p| slo_engine::guards::default_alert_notes(p, scope().as_deref()));
                (!notes.is_empty()).then(|| view! {
                    <ul class="export-notes" id="export-defaults" aria-label="Alerts added to the export">
                        {notes.into_iter().map(|n| view! { <li>{n}"."</li> }).collect_view()}
                    </ul>
                })
            }}
            <p role="status" class="export-message">{move || message.get()}</p>
            <ul class="export-list">
                {ExportFormat::ALL.into_iter().map(|f| view! {
                    <li class="export-item" data-format=f.as_str()>
                        <div class="button-row">
                            <strong>{f.label()}</strong>
                            <button type="button" aria-expanded=move || (preview.get() == Some(f)).to_string()
                                on:click=move |_| preview.update(|p| *p = if *p == Some(f) { None } else { Some(f) })>
                                {move || if preview.get() == Some(f) { "Hide preview" } else { "Preview" }}
                                <span class="visually-hidden">{format!(" {}", f.label())}</span></button>
                            <button type="button" on:click=move |_| copy(f)>"Copy"<span class="visually-hidden">{format!(" {}", f.label())}</span></button>
                            <button type="button" on:click=move |_| download(f)>"Download"<span class="visually-hidden">{format!(" {}", f.label())}</span></button>
                        </div>
                        {move || {
                            let missing = ws.project.with(|p| slo_engine::guards::missing_in(p, scope().as_deref(), f));
                            (!missing.is_empty()).then(|| view! {
                                <p class="hint export-missing">{format!("Replayed but not in this format: {}.", missing.join(", "))}</p>
                            })
                        }}
                        {move || (preview.get() == Some(f)).then(|| match preview_files.get() {
                            Some(Ok(list)) => list.into_iter().map(|file| view! {
                                <p class="file-name"><code>{file.name}</code></p>
                                <pre tabindex="0" aria-label=format!("Preview of {}", f.label())><code>{file.content}</code></pre>
                            }).collect_view().into_any(),
                            Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                            None => ().into_any(),
                        })}
                    </li>
                }).collect_view()}
            </ul>
            <crate::ui::pages::share::ShareLink/>
        </section>
    }
}
