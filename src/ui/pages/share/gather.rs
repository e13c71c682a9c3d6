//! "Gather the room's drafts": share links pasted one per line, project
//! files picked or dropped many at once, every SLO in them side by side in
//! groups of duplicates and near-duplicates, the candidate journeys and SLIs
//! with their votes added up and the risks grouped by name, and the chosen
//! ones merged into the project, undoably.
//!
//! Reading, grouping and merging are `slo_engine::gather` and
//! `slo_engine::gather_ideas`; this module moves text in from the browser
//! and shows what the engine returns.

use crate::ui::components::undo::Removed;
use crate::ui::components::Undo;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::gather::{self, Candidate, Gathered, Group, Refused};
use slo_engine::gather_ideas::{self, IdeaChoice, IdeaGroup, IdeaKind, RiskGroup};
use slo_engine::limits::check_input_size;
use std::collections::{BTreeMap, BTreeSet};
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
    let ideas = Memo::new(move |_| {
        ws.project.with(|p| {
            all.with(|g| {
                (
                    gather_ideas::journey_groups(p, &g.drafts),
                    gather_ideas::sli_groups(p, &g.drafts),
                    gather_ideas::risk_groups(p, &g.drafts),
                )
            })
        })
    });
    let picks = Picks::new();
    let read_links = move || {
        from_links.set(gather::read_links(&links.get_untracked(), ""));
        chosen.set(BTreeSet::new());
        picks.clear();
        outcome.set(None);
    };
    let add_files = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        leptos::task::spawn_local(async move {
            let read = read_files(&files).await;
            from_files.update(|g| g.extend(read));
            chosen.set(BTreeSet::new());
            picks.clear();
            outcome.set(None);
        });
    };
    let merge = move |_| {
        let picked: Vec<(usize, usize)> = chosen.get_untracked().into_iter().collect();
        let choice = picks.choice();
        let old = ws.project.get_untracked();
        let mut next = old.clone();
        let result =
            all.with_untracked(|g| gather::merge_chosen(&mut next, &g.drafts, &picked, &choice));
        outcome.set(Some(result.map(|merged| {
            let sentence = merged.sentence();
            ws.project.set(next);
            undo.offer(
                format!("Merged the chosen drafts. {sentence}"),
                Removed::Project(Box::new(old)),
            );
            chosen.set(BTreeSet::new());
            picks.clear();
            sentence
        })));
    };
    let nothing_chosen = move || chosen.with(BTreeSet::is_empty) && picks.count() == 0;
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
                        picks.clear();
                    }>"Clear the gathered drafts"</button>
                </div>
            }))}
            <RefusedList refused=Signal::derive(move || all.with(|g| g.refused.clone()))/>
            <p role="status" id="gather-count">{move || all.with(|g| (!g.drafts.is_empty()).then(|| {
                let (journeys, slis, risks) = ideas.with(|(j, s, r)| (j.len(), s.len(), r.len()));
                gather::count_sentence(gather::Counts {
                    drafts: g.drafts.len(),
                    slos: list.with(Vec::len),
                    groups: groups.with(Vec::len),
                    journeys,
                    slis,
                    risks,
                })
            }))}</p>
            {move || groups.get().into_iter().enumerate().map(|(n, g)| view! {
                <GroupTable n=n group=g list=list held=held chosen=chosen/>
            }).collect_view()}
            <IdeaTables ideas=ideas picks=picks/>
            {move || all.with(|g| !g.drafts.is_empty()).then(|| view! {
                <div class="button-row">
                    <button type="button" id="gather-merge" class="primary" disabled=nothing_chosen
                        on:click=merge>
                        {move || format!("Merge the {} chosen SLO(s) and {} idea(s) and risk(s) into this project",
                            chosen.with(BTreeSet::len), picks.count())}
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

/// What the facilitator ticked among the ideas and risks: group indices,
/// and per risk group the version kept.
#[derive(Clone, Copy)]
struct Picks {
    journeys: RwSignal<BTreeSet<usize>>,
    slis: RwSignal<BTreeSet<usize>>,
    risks: RwSignal<BTreeMap<usize, usize>>,
}

impl Picks {
    fn new() -> Picks {
        Picks {
            journeys: RwSignal::new(BTreeSet::new()),
            slis: RwSignal::new(BTreeSet::new()),
            risks: RwSignal::new(BTreeMap::new()),
        }
    }

    fn clear(self) {
        self.journeys.set(BTreeSet::new());
        self.slis.set(BTreeSet::new());
        self.risks.set(BTreeMap::new());
    }

    fn count(self) -> usize {
        self.choice().len()
    }

    fn choice(self) -> IdeaChoice {
        IdeaChoice {
            journeys: self.journeys.get().into_iter().collect(),
            slis: self.slis.get().into_iter().collect(),
            risks: self.risks.get().into_iter().collect(),
        }
    }
}

type IdeaGroups = (Vec<IdeaGroup>, Vec<IdeaGroup>, Vec<RiskGroup>);

/// The drafts' candidate journeys and SLIs (votes side by side and added up)
/// and their risks (versions side by side), each group to tick.
#[component]
fn IdeaTables(ideas: Memo<IdeaGroups>, picks: Picks) -> impl IntoView {
    move || {
        let (journeys, slis, risks) = ideas.get();
        let ideas_view = (!journeys.is_empty() || !slis.is_empty()).then(|| {
            view! {
                <section class="gather-group gather-ideas" aria-labelledby="gather-ideas-h">
                    <h3 id="gather-ideas-h">"Candidate journeys and SLIs, with the room's votes"</h3>
                    <p class="gather-likeness">"The same idea written in several drafts is one row; its votes are added up. \
                        Merging adds them to this project's idea of the same words, or adds the idea under a new number."</p>
                    <IdeaTable caption="Candidate journeys" prefix="j" groups=journeys picked=picks.journeys/>
                    <IdeaTable caption="Candidate SLIs" prefix="s" groups=slis picked=picks.slis/>
                </section>
            }
        });
        let risks_view = (!risks.is_empty()).then(|| {
            view! {
                <section class="gather-group gather-risks" aria-labelledby="gather-risks-h">
                    <h3 id="gather-risks-h">"Risks"</h3>
                    <p class="gather-likeness">"Risks of the same name are one group: keep one version of each (this project's is listed first when it has one)."</p>
                    {risks.into_iter().enumerate().map(|(g, group)| view! { <RiskChoice g=g group=group picked=picks.risks/> }).collect_view()}
                </section>
            }
        });
        view! { {ideas_view}{risks_view} }
    }
}

#[component]
fn IdeaTable(
    caption: &'static str,
    /// Tells the checkbox ids of the two tables apart.
    prefix: &'static str,
    groups: Vec<IdeaGroup>,
    picked: RwSignal<BTreeSet<usize>>,
) -> impl IntoView {
    // Only SLI ideas name a journey.
    let for_slis = groups.iter().any(|g| g.kind == IdeaKind::Sli);
    (!groups.is_empty()).then(|| view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
        <table class="gather-candidates gather-idea-table">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">"Merge"</th><th scope="col">"Idea"</th>
                {for_slis.then(|| view! { <th scope="col">"Journey"</th> })}
                <th scope="col">"Votes in the drafts"</th><th scope="col">"Total"</th><th scope="col">"In this project"</th>
            </tr></thead>
            <tbody>
                {groups.into_iter().enumerate().map(|(g, group)| {
                    let id = format!("gather-idea-{prefix}-{g}");
                    let held = group.held.map(|(n, v)| format!("#{n}, {v} vote(s)")).unwrap_or_else(|| "no".into());
                    view! {
                        <tr>
                            <td><input type="checkbox" id=id.clone()
                                prop:checked=move || picked.with(|s| s.contains(&g))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    picked.update(|s| { if on { s.insert(g); } else { s.remove(&g); } });
                                }/>
                                <label class="visually-hidden" for=id>{format!("Merge “{}”", group.text)}</label></td>
                            <th scope="row">{group.text.clone()}</th>
                            {for_slis.then(|| view! { <td>{group.journey.clone()}</td> })}
                            <td>{group.votes_text()}</td>
                            <td class="num gather-votes">{group.votes()}</td>
                            <td>{held}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    })
}

/// One risk group: its versions side by side, one radio button each, and
/// "leave out".
#[component]
fn RiskChoice(
    g: usize,
    group: RiskGroup,
    picked: RwSignal<BTreeMap<usize, usize>>,
) -> impl IntoView {
    let name = format!("gather-risk-{g}");
    let leave = format!("{name}-none");
    view! {
        <fieldset class="gather-risk" data-risk=g>
            <legend>{group.name.clone()}</legend>
            <p class="gather-likeness">{group.sentence()}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=format!("Versions of “{}”", group.name)>
            <table class="gather-candidates">
                <thead><tr>
                    <th scope="col">"Keep"</th><th scope="col">"From"</th>
                    {gather_ideas::risk_fields(&slo_engine::risk::Risk::default()).map(|(field, _)| view! {
                        <th scope="col">{capitalised(field)}</th>
                    }).into_iter().collect_view()}
                </tr></thead>
                <tbody>
                    {group.members.iter().enumerate().map(|(m, member)| {
                        let id = format!("{name}-{m}");
                        view! {
                            <tr>
                                <td><input type="radio" name=name.clone() id=id.clone()
                                    prop:checked=move || picked.with(|p| p.get(&g) == Some(&m))
                                    on:change=move |_| picked.update(|p| { p.insert(g, m); })/>
                                    <label class="visually-hidden" for=id>{format!("Keep the version from {}", member.from)}</label></td>
                                <th scope="row">{member.from.clone()}</th>
                                {gather_ideas::risk_fields(&member.risk).map(|(_, value)| view! { <td>{value}</td> })
                                    .into_iter().collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <label class="gather-leave"><input type="radio" name=name id=leave
                prop:checked=move || picked.with(|p| !p.contains_key(&g))
                on:change=move |_| picked.update(|p| { p.remove(&g); })/>" Leave out"</label>
        </fieldset>
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

/// "time to detect" as a column heading.
fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
