//! The Share page: the project file (download and import), imports of
//! OpenSLO, Sloth and Pyrra specs, making a share link (and its QR code for
//! the room), and gathering the room's drafts (`gather`). Opening a link
//! someone sent (`#/open/<payload>`) is the shell's `shared_link` banner.
//!
//! Formats are the engine's (`export`, `import`, `share`); this page moves
//! text between them and the browser.

use crate::ui::components::files;
use crate::ui::components::undo::Removed;
use crate::ui::components::{PageFrame, Undo};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::export::{self, ExportFormat};
use slo_engine::import;
use slo_engine::model::Project;
use slo_engine::qr;
use slo_engine::share;
use wasm_bindgen::JsCast;

mod gather;

#[component]
pub fn SharePage() -> impl IntoView {
    view! {
        <PageFrame title="Share: project file, imports and links" page="share">
            <p class="lead">"Everything stays in this browser until you download a file or copy a link. "
                "A share link carries the project in its fragment (after #), which browsers never send to a server."</p>
            <ProjectFile/>
            <Import/>
            <section class="card" aria-labelledby="link-title">
                <h2 id="link-title">"Share link"</h2>
                <ShareLink/>
            </section>
            <gather::GatherDrafts/>
        </PageFrame>
    }
}

/// Replaces the workspace and offers to undo it.
fn replace(ws: Workspace, undo: Undo, next: Project, message: String) {
    let old = ws.project.get_untracked();
    ws.project.set(next);
    undo.offer(message, Removed::Project(Box::new(old)));
}

#[component]
fn ProjectFile() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let message = RwSignal::new(None::<String>);
    view! {
        <section class="card" aria-labelledby="file-title">
            <h2 id="file-title">"Project file"</h2>
            <p>"The whole workspace as versioned JSON: services, journeys, SLOs, people, RACI, policy and acknowledgements. "
               "The same format autosave and share links use."</p>
            <button type="button" class="primary" on:click=move |_| {
                let result = ws.project.with_untracked(|p| export::export(p, None, ExportFormat::Project));
                let outcome = result.and_then(|list| {
                    list.iter().try_for_each(|f| files::download(&f.name, f.mime, &f.content))?;
                    Ok(list.into_iter().map(|f| f.name).collect::<Vec<_>>().join(", "))
                });
                message.set(Some(match outcome { Ok(n) => format!("Downloaded {n}."), Err(e) => e }));
            }>"Download the project file"</button>
            <p role="status">{move || message.get()}</p>
        </section>
    }
}

#[component]
fn Import() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    let text = RwSignal::new(String::new());
    // Ok: what was done and what could not be mapped; Err: the diagnostics.
    let outcome = RwSignal::new(None::<Result<(String, Vec<String>), Vec<String>>>);
    // Adding keeps the team's people, RACI chart and policy; replacing starts over from the file.
    let add = RwSignal::new(false);
    let run = move |source: String| {
        let result = import::import_spec(&text.get_untracked());
        outcome.set(Some(match result {
            Ok(imported) if add.get_untracked() => {
                let old = ws.project.get_untracked();
                let mut next = old.clone();
                let summary = slo_engine::merge::merge(&mut next, imported.project).sentence();
                ws.project.set(next);
                undo.offer(
                    format!("Imported {source}. {summary}"),
                    Removed::Project(Box::new(old)),
                );
                Ok((summary, imported.unmapped))
            }
            Ok(imported) => {
                let summary = format!("Imported {source}: {} SLO(s).", imported.project.slos.len());
                replace(ws, undo, imported.project, summary.clone());
                Ok((summary, imported.unmapped))
            }
            Err(diags) => Err(diags
                .into_iter()
                .map(|d| match (d.line, d.column) {
                    (0, _) => d.message,
                    (l, Some(c)) => format!("line {l}, column {c}: {}", d.message),
                    (l, None) => format!("line {l}: {}", d.message),
                })
                .collect()),
        }));
    };
    view! {
        <section class="card" aria-labelledby="import-title">
            <h2 id="import-title">"Import"</h2>
            <p>"A project file of any version, or specs other tools wrote: OpenSLO v1 (one or many documents), Sloth "
               <code>"prometheus/v1"</code>", Pyrra. Importing replaces the workspace or adds to it, as you choose below; you can undo it. "
               "Whatever cannot be mapped is listed by name."</p>
            <fieldset class="radio-group">
                <legend>"What importing does"</legend>
                <div class="radio"><input type="radio" id="import-replace" name="import-mode" prop:checked=move || !add.get() on:change=move |_| add.set(false)/>
                    <label for="import-replace">"Replace the whole workspace with what is imported"</label></div>
                <div class="radio"><input type="radio" id="import-add" name="import-mode" prop:checked=move || add.get() on:change=move |_| add.set(true)/>
                    <label for="import-add">"Add its SLOs, services and journeys to this project (people, RACI chart and policy stay)"</label></div>
            </fieldset>
            <div class="field"><label for="import-file">"Pick a file"</label>
                <input id="import-file" type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
                    on:change=move |ev| {
                        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
                        leptos::task::spawn_local(async move {
                            match files::read_picked_file(&input).await {
                                Some(Ok((name, t))) => { text.set(t); run(name); }
                                Some(Err(e)) => outcome.set(Some(Err(vec![e]))),
                                None => {}
                            }
                        });
                    }/></div>
            <div class="field"><label for="import-text">"Or paste the text"</label>
                <textarea id="import-text" class="code" rows="8" spellcheck="false"
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea></div>
            <button type="button" disabled=move || text.with(|t| t.trim().is_empty()) on:click=move |_| run("the pasted text".into())>"Import the pasted text"</button>
            <div role="status" class="import-outcome">
                {move || outcome.get().map(|o| match o {
                    Ok((done, unmapped)) if unmapped.is_empty() => view! { <p>"✓ "{done}" Everything was mapped."</p> }.into_any(),
                    Ok((done, unmapped)) => view! {
                        <p>"✓ "{done}" These parts could not be mapped and were left out:"</p>
                        <ul class="unmapped">{unmapped.into_iter().map(|u| view! { <li><code>{u}</code></li> }).collect_view()}</ul>
                    }.into_any(),
                    Err(errors) => view! {
                        <p class="error">"Nothing was imported:"</p>
                        <ul class="diagnostics">{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    }.into_any(),
                })}
            </div>
        </section>
    }
}

/// Makes a share link for the current project, with copy.
#[component]
pub fn ShareLink() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let link = RwSignal::new(None::<Result<String, String>>);
    let copied = RwSignal::new(None::<String>);
    let qr = RwSignal::new(None::<Result<qr::QrSvg, String>>);
    let make = move || {
        let loc = window().location();
        let base = format!(
            "{}{}",
            loc.origin().unwrap_or_default(),
            loc.pathname().unwrap_or_default()
        );
        link.set(Some(
            ws.project
                .with_untracked(share::encode)
                .map(|p| format!("{base}#/open/{p}")),
        ));
        copied.set(None);
        qr.set(None);
    };
    view! {
        <div class="share-link-block">
            <p>"The link holds the project (not pasted data). Anyone who opens it gets a copy; nothing is uploaded."</p>
            <button type="button" on:click=move |_| make()>"Make a share link"</button>
            {move || link.get().map(|r| match r {
                Ok(url) => {
                    let len = url.len();
                    let for_copy = url.clone();
                    let url_for_qr = url.clone();
                    view! {
                        <div class="field"><label for="share-url">{format!("Share link ({len} characters)")}</label>
                            <input id="share-url" class="share-link" type="text" readonly=true prop:value=url/></div>
                        <div class="button-row">
                        <button type="button" on:click=move |_| {
                            let t = for_copy.clone();
                            leptos::task::spawn_local(async move {
                                copied.set(Some(match files::copy(&t).await { Ok(()) => "Copied the link.".into(), Err(e) => e }));
                            });
                        }>"Copy the link"</button>
                        <button type="button" id="share-qr" on:click={
                            let url = url_for_qr.clone();
                            move |_| qr.set(Some(qr::encode(&url)))
                        }>"Show as a QR code"</button>
                        </div>
                        <span role="status">{move || copied.get()}</span>
                        <QrCode qr=qr/>
                    }.into_any()
                }
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
        </div>
    }
}

/// The share link's QR code for the room to scan, or why there is none.
#[component]
fn QrCode(qr: RwSignal<Option<Result<qr::QrSvg, String>>>) -> impl IntoView {
    move || {
        qr.get().map(|r| match r {
            // The SVG is the engine's drawing: numbers and fixed text only, never the link.
            Ok(code) => view! {
                <figure class="share-qr" id="share-qr-code">
                    <div class="qr-svg" inner_html=code.svg.clone()></div>
                    <figcaption>{format!("{}. Scan it with a phone camera to open a copy of this project; nothing is uploaded.", code.sentence())}</figcaption>
                </figure>
            }
            .into_any(),
            Err(e) => view! { <p class="error" role="alert" id="share-qr-error">{e}</p> }.into_any(),
        })
    }
}
