//! "Gather the room's drafts": share links pasted one per line, project
//! files picked or dropped many at once, every SLO in them side by side in
//! groups of duplicates and near-duplicates, and the chosen ones merged into
//! the project, undoably.
//!
//! Reading, grouping and merging are `slo_engine::gather`; this module moves
//! text in from the browser and shows what the engine returns.

use crate::ui::components::undo::Removed;
use crate::ui::components::Undo;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::gather::{self, Candidate, Gathered, Group, Refused};
use slo_engine::limits::check_input_size;
use std::collections::BTreeSet;
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn GatherDrafts() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    let links = RwSignal::new(String::new());
    let from_links = RwSignal::new(Gathered::default());
    let from_files = RwSignal::new(Gathered::default());
    let chosen = RwSignal::new(BTreeSet::<(usize, usize)>::new());
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let dragging = RwSignal::new(false);
    // Links first, then files, so adding a file never moves a link's draft.
    let all = Memo::new(move |_| {
        let mut g = from_links.get();
        g.extend(from_files.get());
        g
    });
    let list = Memo::new(move |_| all.with(|g| gather::candidates(&g.drafts)));
    let groups = Memo::new(move |_| all.with(|g| list.with(|l| gather::group(&g.drafts, l))));
    let held = Memo::new(move |_| {
        ws.project
            .with(|p| all.with(|g| list.with(|l| gather::already_in(p, &g.drafts, l))))
    });
    let read_links = move || {
        from_links.set(gather::read_links(&links.get_untracked(), ""));
        chosen.set(BTreeSet::new());
        outcome.set(None);
    };
    let add_files = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        leptos::task::spawn_local(async move {
            let read = read_files(&files).await;
            from_files.update(|g| g.extend(read));
            chosen.set(BTreeSet::new());
            outcome.set(None);
        });
    };
    let merge = move |_| {
        let picked: Vec<(usize, usize)> = chosen.get_untracked().into_iter().collect();
        let old = ws.project.get_untracked();
        let mut next = old.clone();
        let result = all.with_untracked(|g| gather::merge_chosen(&mut next, &g.drafts, &picked));
        outcome.set(Some(result.map(|merged| {
            let sentence = merged.sentence();
            ws.project.set(next);
            undo.offer(
                format!("Merged the chosen drafts. {sentence}"),
                Removed::Project(Box::new(old)),
            );
            chosen.set(BTreeSet::new());
            sentence
        })));
    };
    view! {
        <section class="card gather" aria-labelledby="gather-title"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(false);
                add_files(ev.data_transfer().and_then(|d| d.files()));
            }>
            <h2 id="gather-title">"Gather the room's drafts"</h2>
            <p>"Each participant sends a share link or a project file. Paste the links, one per line, and pick or drop the files "
               "(many at once): every SLO in them is laid side by side, grouped with its duplicates and near-duplicates. "
               "Merge the ones the room keeps; this project's people, RACI chart and policy stay."</p>
            <div class="field"><label for="gather-links">"Share links, one per line"</label>
                <textarea id="gather-links" class="code" rows="5" spellcheck="false" wrap="off"
                    placeholder="https://…/#/open/…"
                    prop:value=move || links.get() on:input=move |ev| links.set(event_target_value(&ev))></textarea></div>
            <div class="button-row">
                <button type="button" id="gather-read" disabled=move || links.with(|t| t.trim().is_empty())
                    on:click=move |_| read_links()>"Read the links"</button>
            </div>
            <div class="field"><label for="gather-files">"Project files (or drop them anywhere on this card)"</label>
                <input id="gather-files" type="file" multiple=true accept=".json,.txt,application/json,text/plain"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        add_files(input.files());
                    }/></div>
            {move || all.with(|g| (!g.drafts.is_empty() || !g.refused.is_empty()).then(|| view! {
                <div class="button-row">
                    <button type="button" id="gather-clear" on:click=move |_| {
                        from_links.set(Gathered::default());
                        from_files.set(Gathered::default());
                        links.set(String::new());
                        chosen.set(BTreeSet::new());
                    }>"Clear the gathered drafts"</button>
                </div>
            }))}
            <RefusedList refused=Signal::derive(move || all.with(|g| g.refused.clone()))/>
            <p role="status" id="gather-count">{move || all.with(|g| (!g.drafts.is_empty()).then(|| format!(
                "{} draft(s) read: {} candidate SLO(s) in {} group(s).",
                g.drafts.len(), list.with(Vec::len), groups.with(Vec::len))))}</p>
            {move || groups.get().into_iter().enumerate().map(|(n, g)| view! {
                <GroupTable n=n group=g list=list held=held chosen=chosen/>
            }).collect_view()}
            {move || (!list.with(Vec::is_empty)).then(|| view! {
                <div class="button-row">
                    <button type="button" id="gather-merge" class="primary" disabled=move || chosen.with(BTreeSet::is_empty)
                        on:click=merge>
                        {move || format!("Merge the {} chosen SLO(s) into this project", chosen.with(BTreeSet::len))}
                    </button>
                </div>
            })}
            <div role="status" id="gather-outcome">{move || outcome.get().map(|o| match o {
                Ok(s) => view! { <p>"✓ "{s}</p> }.into_any(),
                Err(e) => view! { <p class="error">{e}</p> }.into_any(),
            })}</div>
        </section>
    }
}

/// The inputs that did not load, each named by its line or file.
#[component]
fn RefusedList(refused: Signal<Vec<Refused>>) -> impl IntoView {
    move || {
        refused.with(|r| {
            (!r.is_empty()).then(|| {
                view! {
                    <div id="gather-refused" role="alert">
                        <p class="error">{format!("{} input(s) could not be read (everything else was):", r.len())}</p>
                        <ul class="diagnostics">{r.iter().map(|x| view! { <li>{x.sentence()}</li> }).collect_view()}</ul>
                    </div>
                }
            })
        })
    }
}

/// One group: what relates its members, and each member with a checkbox.
#[component]
fn GroupTable(
    n: usize,
    group: Group,
    list: Memo<Vec<Candidate>>,
    /// Per candidate: the open project already holds its duplicate.
    held: Memo<Vec<bool>>,
    chosen: RwSignal<BTreeSet<(usize, usize)>>,
) -> impl IntoView {
    let heading = format!("gather-group-{n}");
    let labelled_by = heading.clone();
    let rows = list.with_untracked(|l| {
        group
            .members
            .iter()
            .filter_map(|&i| l.get(i).cloned().map(|c| (i, c)))
            .collect::<Vec<_>>()
    });
    view! {
        <section class="gather-group" aria-labelledby=labelled_by data-group=n>
            <h3 id=heading>{rows.first().map(|(_, c)| format!("{} · {} · {}",
                or_none(&c.service), or_none(&c.journey), c.sli_kind))}</h3>
            <p class="gather-likeness">{group.sentence()}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Candidates of group {}", n + 1)>
            <table class="gather-candidates">
                <thead><tr>
                    <th scope="col">"Merge"</th><th scope="col">"From"</th><th scope="col">"SLO"</th>
                    <th scope="col">"SLI"</th><th scope="col">"Target"</th><th scope="col">"Window"</th>
                    <th scope="col">"Budgeting"</th><th scope="col">"Alerts"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(i, c)| {
                        let key = (c.draft, c.slo);
                        let id = format!("gather-pick-{}-{}", c.draft, c.slo);
                        view! {
                            <tr>
                                <td><input type="checkbox" id=id.clone()
                                    prop:checked=move || chosen.with(|s| s.contains(&key))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|s| { if on { s.insert(key); } else { s.remove(&key); } });
                                    }/>
                                    <label class="visually-hidden" for=id>{format!("Merge “{}” from {}", c.name, c.from)}</label></td>
                                <td>{c.from.clone()}</td>
                                <th scope="row">{c.name.clone()}
                                    {move || held.with(|h| h.get(i).copied().unwrap_or(false)).then(|| view! {
                                        <span class="badge badge-info gather-held">"Already in this project"</span>
                                    })}</th>
                                <td><code class="gather-sli">{c.sli.clone()}</code></td>
                                <td>{c.target.clone()}</td>
                                <td>{c.window.clone()}</td>
                                <td>{c.budgeting}</td>
                                <td>{c.alerts.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

fn or_none(text: &str) -> String {
    if text.trim().is_empty() {
        "(no name)".into()
    } else {
        text.to_string()
    }
}

/// Every file of a pick or a drop, each read through the engine's gate;
/// a file too large is refused by name before its text is read.
async fn read_files(files: &web_sys::FileList) -> Gathered {
    let mut out = Gathered::default();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        let name = file.name();
        let size = file.size() as usize;
        let refuse = |message: String| Gathered {
            refused: vec![Refused {
                from: name.clone(),
                message,
            }],
            ..Gathered::default()
        };
        let read = if let Err(e) = check_input_size("the file", size) {
            refuse(e)
        } else {
            match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
            {
                Some(text) => gather::read_file(&name, &text),
                None => refuse("the browser could not read it as text".into()),
            }
        };
        out.extend(read);
    }
    out
}
