//! The Research page: the service (what it does, who uses it, internal-only
//! or not, dependencies), its critical user journeys, candidate SLIs picked
//! from the menu of `slo_engine::catalog` and the team's own entries (a click
//! adds a candidate, "Make it an SLO" drafts it), the room's ideas
//! (`research/ideas`), the risk exercise (`research/risks`) and the pitfall
//! linter's findings.

mod ideas;
mod risks;

use crate::ui::components::glossary::focus_by_id;
use crate::ui::components::ideas::{CandidateBoard, Kind};
use crate::ui::components::undo::Removed;
use crate::ui::components::{PageFrame, Term, Undo};
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::catalog::{self, service_kind_name};
use slo_engine::ideas::Template;
use slo_engine::model::{Dependency, Journey, Service, ServiceKind, Target};

#[component]
pub fn ResearchPage() -> impl IntoView {
    view! {
        <PageFrame title="Research: the service, its users and what they need" page="research">
            <p class="lead">
                "Describe the service and who uses it, pick one "<Term id="journey" text="critical user journey"/>
                ", and choose candidate "<Term id="sli" text="SLIs"/>" for it from the menu. "
                "Start small: one service, one journey, one or two SLOs."
            </p>
            <Services/>
            <Journeys/>
            <ideas::RoomIdeas/>
            <risks::RiskExercise/>
            <Pitfalls/>
        </PageFrame>
    }
}

const KINDS: [ServiceKind; 3] = [
    ServiceKind::RequestDriven,
    ServiceKind::Pipeline,
    ServiceKind::Storage,
];

fn kind_value(k: ServiceKind) -> &'static str {
    match k {
        ServiceKind::RequestDriven => "request_driven",
        ServiceKind::Pipeline => "pipeline",
        ServiceKind::Storage => "storage",
    }
}

fn kind_from(v: &str) -> ServiceKind {
    KINDS
        .into_iter()
        .find(|k| kind_value(*k) == v)
        .unwrap_or_default()
}

#[component]
fn Services() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    let count = Memo::new(move |_| ws.project.with(|p| p.services.len()));
    view! {
        <section class="card" aria-labelledby="services-title">
            <h2 id="services-title">"The service"</h2>
            {move || (count.get() == 0).then(|| view! {
                <p class="hint">"No service yet. Add the one you want SLOs for; one is enough to start."</p>
            })}
            {move || (0..count.get()).map(|i| view! { <ServiceEditor i=i undo=undo/> }).collect_view()}
            <button type="button" id="add-service" on:click=move |_| ws.update(|p| {
                let n = p.services.len() + 1;
                p.services.push(Service { name: if n == 1 { "my-service".into() } else { format!("service-{n}") }, ..Service::default() });
            })>"Add a service"</button>
        </section>
    }
}

#[component]
fn ServiceEditor(i: usize, undo: Undo) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let get = move |f: fn(&Service) -> String| {
        move || {
            ws.project
                .with(|p| p.services.get(i).map(f).unwrap_or_default())
        }
    };
    let set = move |f: fn(&mut Service, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            ws.update(|p| {
                if let Some(s) = p.services.get_mut(i) {
                    f(s, v)
                }
            });
        }
    };
    let internal = move || {
        ws.project
            .with(|p| p.services.get(i).map(|s| s.internal_only).unwrap_or(false))
    };
    let kind = move || {
        ws.project
            .with(|p| p.services.get(i).map(|s| s.kind).unwrap_or_default())
    };
    let deps = Memo::new(move |_| {
        ws.project
            .with(|p| p.services.get(i).map(|s| s.dependencies.len()).unwrap_or(0))
    });
    let id = move |f: &str| format!("service-{i}-{f}");
    view! {
        <fieldset class="service-editor">
            <legend>{move || format!("Service: {}", get(|s| s.name.clone())())}</legend>
            <div class="form-grid">
                <div class="field"><label for=id("name")>"Name"</label>
                    <input id=id("name") type="text" prop:value=get(|s| s.name.clone())
                        on:change=move |ev| {
                            // Journeys and SLOs name their service: follow a rename.
                            let new = event_target_value(&ev);
                            ws.update(|p| {
                                let Some(s) = p.services.get_mut(i) else { return };
                                let old = std::mem::replace(&mut s.name, new.clone());
                                for j in p.journeys.iter_mut().filter(|j| j.service == old) { j.service = new.clone(); }
                                for o in p.slos.iter_mut().filter(|o| o.service == old) { o.service = new.clone(); }
                            });
                        }/></div>
                <div class="field"><label for=id("owner")>"Owner (team)"</label>
                    <input id=id("owner") type="text" prop:value=get(|s| s.owner.clone()) on:input=set(|s, v| s.owner = v)/></div>
                <div class="field"><label for=id("kind")>"Kind of service"</label>
                    <select id=id("kind") on:change=move |ev| { let k = kind_from(&event_target_value(&ev)); ws.update(|p| if let Some(s) = p.services.get_mut(i) { s.kind = k; }); }>
                        {KINDS.into_iter().map(|k| view! { <option value=kind_value(k) selected=move || kind() == k>{service_kind_name(k)}</option> }).collect_view()}
                    </select></div>
                <div class="field wide"><label for=id("description")>"What it does"</label>
                    <textarea id=id("description") rows="2" prop:value=get(|s| s.description.clone()) on:input=set(|s, v| s.description = v)></textarea></div>
                <div class="field wide"><label for=id("users")>"Who its users are"</label>
                    <textarea id=id("users") rows="2" prop:value=get(|s| s.users.clone()) on:input=set(|s, v| s.users = v)></textarea></div>
            </div>
            <div class="check">
                <input type="checkbox" id=id("internal") prop:checked=internal
                    on:change=move |ev| { let v = event_target_checked(&ev); ws.update(|p| if let Some(s) = p.services.get_mut(i) { s.internal_only = v; }); }/>
                <label for=id("internal")>"Internal-only: its users are other teams, not the public"</label>
                <span class="term-aside">" "<Term id="internal-only" text="(what is that?)"/></span>
            </div>
            {move || internal().then(|| view! {
                <div class="note" role="note">
                    <strong>"What changes for an internal-only service: "</strong>
                    "its customers are the calling teams, so agree the SLO with them rather than guessing what end users feel. "
                    "Its target follows theirs: a service on their request path needs to be at least as reliable as what they promise. "
                    "Misses are settled between teams (priorities, escalation), not with refunds, so an SLA rarely applies; "
                    "a permissive SLO to practise on is a good start."
                </div>
            })}

            <h3>"Dependencies"</h3>
            <p class="hint">"Services every request needs. Your availability can be at most the product of theirs."</p>
            <table class="deps" class:empty=move || deps.get() == 0>
                <caption class="visually-hidden">"Dependencies and their availability"</caption>
                <thead><tr><th scope="col">"Dependency"</th><th scope="col">"Availability (%)"</th><th scope="col" class="actions"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                {move || (0..deps.get()).map(|d| {
                    let dep = move || ws.project.with(|p| p.services.get(i).and_then(|s| s.dependencies.get(d)).cloned().unwrap_or_default());
                    let err = RwSignal::new(None::<String>);
                    view! {
                        <tr>
                            <td><label class="visually-hidden" for=format!("{}-{d}", id("dep-name"))>{format!("Dependency {} name", d + 1)}</label>
                                <input id=format!("{}-{d}", id("dep-name")) type="text" prop:value=move || dep().name
                                on:input=move |ev| { let v = event_target_value(&ev); ws.update(|p| if let Some(x) = p.services.get_mut(i).and_then(|s| s.dependencies.get_mut(d)) { x.name = v; }); }/></td>
                            <td><label class="visually-hidden" for=format!("{}-{d}", id("dep-avail"))>{format!("Dependency {} availability in percent", d + 1)}</label>
                                <input id=format!("{}-{d}", id("dep-avail")) type="text" inputmode="decimal" size="8"
                                prop:value=move || slo_engine::model::percent_field(dep().availability, 10)
                                aria-invalid=move || err.get().is_some().to_string()
                                on:change=move |ev| match Target::parse(&event_target_value(&ev)) {
                                    Ok(t) => { err.set(None); ws.update(|p| if let Some(x) = p.services.get_mut(i).and_then(|s| s.dependencies.get_mut(d)) { x.availability = t.ratio(); }); }
                                    Err(e) => err.set(Some(e)),
                                }/>
                                {move || err.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
                                <InternalLink i=i d=d/></td>
                            <td class="actions"><button type="button" on:click=move |_| {
                                ws.update(|p| if let Some(s) = p.services.get_mut(i) { if d < s.dependencies.len() { s.dependencies.remove(d); } });
                                let add = format!("service-{i}-add-dependency");
                                request_animation_frame(move || focus_by_id(&add));
                            }>
                                "Remove"<span class="visually-hidden">{move || format!(" dependency {}", dep().name)}</span></button></td>
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table>
            <button type="button" id=id("add-dependency") on:click=move |_| ws.update(|p| if let Some(s) = p.services.get_mut(i) {
                s.dependencies.push(Dependency { availability: 0.999, ..Dependency::default() });
            })>"Add a dependency"</button>
            <DependencyCeiling i=i/>
            <p><button type="button" class="danger" on:click=move |_| {
                let removed = ws.project.with_untracked(|p| p.services.get(i).cloned());
                if let Some(service) = removed {
                    ws.update(|p| { p.services.remove(i); });
                    undo.offer(format!("Deleted the service “{}”.", service.name), Removed::Service { index: i, service });
                    request_animation_frame(|| focus_by_id("add-service"));
                }
            }>"Delete this service"</button></p>
        </fieldset>
    }
}

/// Which SLO of another service in the project this dependency is, if any:
/// a linked dependency offers that SLO's target (`slo_engine::internal`).
#[component]
fn InternalLink(i: usize, d: usize) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let id = format!("service-{i}-dep-slo-{d}");
    let others = Memo::new(move |_| {
        ws.project.with(|p| {
            let own = p
                .services
                .get(i)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            p.slos
                .iter()
                .filter(|s| !s.service.trim().eq_ignore_ascii_case(own.trim()))
                .map(|s| {
                    (
                        s.id.clone(),
                        format!("{} ({}, {}%)", s.name, s.service, s.target),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let linked = move || {
        ws.project.with(|p| {
            p.services
                .get(i)
                .and_then(|s| s.dependencies.get(d))
                .map(|x| x.slo.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <label class="visually-hidden" for=id.clone()>{format!("Dependency {} is an SLO of the project", d + 1)}</label>
        <select id=id class="dep-slo" on:change=move |ev| {
            let v = event_target_value(&ev);
            ws.update(|p| if let Some(x) = p.services.get_mut(i).and_then(|s| s.dependencies.get_mut(d)) { x.slo = v; });
        }>
            <option value="" selected=move || linked().is_empty()>"outside service"</option>
            {move || others.get().into_iter().map(|(v, label)| { let v2 = v.clone(); view! { <option value=v selected=move || linked() == v2>{label}</option> } }).collect_view()}
        </select>
    }
}

/// The best availability the dependencies allow.
#[component]
fn DependencyCeiling(i: usize) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let ceiling = Memo::new(move |_| {
        ws.project.with(|p| {
            p.services
                .get(i)
                .map(|s| slo_engine::internal::effective_dependencies(p, s))
                .and_then(|deps| slo_engine::budget::dependency_ceiling(&deps))
        })
    });
    move || {
        ceiling.get().map(|c| {
            view! {
                <p class="ceiling" data-testid="dependency-ceiling">
                    "With these dependencies in series, this service can offer at most "
                    <strong>{c.percent_text()}</strong>
                    ". A target with more nines than that cannot be met without redundancy or caching."
                </p>
            }
        })
    }
}

#[component]
fn Journeys() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let undo = expect_context::<Undo>();
    let count = Memo::new(move |_| ws.project.with(|p| p.journeys.len()));
    view! {
        <section class="card" aria-labelledby="journeys-title">
            <h2 id="journeys-title">"Critical user journeys and candidate SLIs"</h2>
            <p>"A journey is what a user is trying to get done. For each, pick SLIs from the menu for its kind of service: "
               "each comes with its specification (what counts as good) and an example implementation in "<Term id="promql" text="PromQL"/>". "
               "A pick is a candidate: the room votes, and "<em>"Make it an SLO"</em>" drafts the ones chosen."</p>
            {move || (count.get() == 0).then(|| view! { <p class="hint">"No journey yet."</p> })}
            {move || (0..count.get()).map(|i| view! { <JourneyEditor i=i undo=undo/> }).collect_view()}
            <button type="button" id="add-journey" on:click=move |_| ws.update(|p| {
                let service = p.services.first().map(|s| s.name.clone()).unwrap_or_default();
                let n = p.journeys.len() + 1;
                p.journeys.push(Journey { name: format!("Journey {n}"), service, description: String::new() });
            })>"Add a journey"</button>
        </section>
    }
}

#[component]
fn JourneyEditor(i: usize, undo: Undo) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let journey = move || {
        ws.project
            .with(|p| p.journeys.get(i).cloned().unwrap_or_default())
    };
    let name = Memo::new(move |_| journey().name);
    let service_kind = Memo::new(move |_| {
        ws.project.with(|p| {
            let j = p.journeys.get(i);
            j.and_then(|j| p.services.iter().find(|s| s.name == j.service))
                .map(|s| s.kind)
                .unwrap_or_default()
        })
    });
    let services = Memo::new(move |_| {
        ws.project.with(|p| {
            p.services
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
        })
    });
    let slos = Memo::new(move |_| {
        ws.project.with(|p| {
            p.slos
                .iter()
                .filter(|s| s.journey == name.get())
                .map(|s| (s.id.clone(), s.name.clone(), s.target))
                .collect::<Vec<_>>()
        })
    });
    // The catalog's entries for this kind of service, then the team's own.
    let menu = Memo::new(move |_| {
        ws.project.with(|p| {
            let catalog = catalog::menu(service_kind.get())
                .into_iter()
                .map(Template::Catalog);
            let team = p.ideas.menu.iter().map(Template::Team);
            catalog
                .chain(team)
                .map(|t| (t.id(), t.name(), t.specification(), t.promql()))
                .collect::<Vec<_>>()
        })
    });
    let id = move |f: &str| format!("journey-{i}-{f}");
    let just_added = RwSignal::new(None::<(String, String)>);
    view! {
        <fieldset class="journey-editor">
            <legend>{move || format!("Journey: {}", name.get())}</legend>
            <div class="form-grid">
                <div class="field"><label for=id("name")>"Journey"</label>
                    <input id=id("name") type="text" prop:value=move || name.get()
                        on:change=move |ev| {
                            // SLOs name their journey: follow a rename.
                            let new = event_target_value(&ev);
                            ws.update(|p| {
                                let Some(j) = p.journeys.get_mut(i) else { return };
                                let old = std::mem::replace(&mut j.name, new.clone());
                                for o in p.slos.iter_mut().filter(|o| o.journey == old) { o.journey = new.clone(); }
                                slo_engine::ideas::rename_journey(&mut p.ideas, &old, &new);
                            });
                        }/></div>
                <div class="field"><label for=id("service")>"Service"</label>
                    <select id=id("service") on:change=move |ev| { let v = event_target_value(&ev); ws.update(|p| if let Some(j) = p.journeys.get_mut(i) { j.service = v; }); }>
                        <option value="" selected=move || journey().service.is_empty()>"(none)"</option>
                        {move || services.get().into_iter().map(|s| { let (v, label) = (s.clone(), s.clone()); view! { <option value=v selected=move || journey().service == s>{label}</option> } }).collect_view()}
                    </select></div>
                <div class="field wide"><label for=id("description")>"What the user does"</label>
                    <textarea id=id("description") rows="2" prop:value=move || journey().description
                        on:input=move |ev| { let v = event_target_value(&ev); ws.update(|p| if let Some(j) = p.journeys.get_mut(i) { j.description = v; }); }></textarea></div>
            </div>

            <h3>"SLOs drafted for this journey"</h3>
            {move || {
                let list = slos.get();
                if list.is_empty() {
                    view! { <p class="hint">"None yet: add one from the menu below."</p> }.into_any()
                } else {
                    view! { <ul>{list.into_iter().map(|(id, n, t)| view! { <li><a href=format!("#/implementation?slo={id}")>{n}</a>{format!(" — target {t}%")}</li> }).collect_view()}</ul> }.into_any()
                }
            }}

            <h3>"Candidate SLIs for this journey"</h3>
            <CandidateBoard kind=Kind::Slis journey=Signal::derive(move || name.get())
                on_drafted=Callback::new(move |id: String| {
                    let slo = ws.project.with_untracked(|p| p.slos.iter().find(|s| s.id == id).map(|s| s.name.clone()));
                    just_added.set(slo.map(|n| (id, n)));
                })/>
            // Says what the last button did, next to it, and offers the next step.
            <p role="status" class="added-slo">{move || just_added.get().map(|(id, n)| view! {
                "✓ Added the draft “"{n}"”. "<a href=format!("#/implementation?slo={id}")>"Open it in the SLO editor"</a>
            })}</p>
            <h3>{move || format!("SLI menu: {}", service_kind_name(service_kind.get()))}</h3>
            <ul class="sli-menu">
                {move || menu.get().into_iter().map(|(sli, category, specification, promql)| {
                    let label = category.clone();
                    let picked_id = sli.clone();
                    view! {
                        <li class="sli-entry">
                            <h4>{match catalog::entry(&sli) {
                                Some(e) => view! { <Term id=e.category.name() text=e.category.name()/> }.into_any(),
                                None => view! { <span>{format!("{category} (your team's)")}</span> }.into_any(),
                            }}</h4>
                            <p><strong>"Specification: "</strong>{specification}</p>
                            <details>
                                <summary>"Example implementation (PromQL)"</summary>
                                <pre><code>{promql}</code></pre>
                            </details>
                            <button type="button" data-sli=sli on:click=move |_| {
                                let mut added = None;
                                ws.update(|p| {
                                    let journey = p.journeys.get(i).map(|j| j.name.clone()).unwrap_or_default();
                                    added = slo_engine::ideas::add_from_menu(&mut p.ideas, &picked_id, &journey, "");
                                });
                                if added.is_some() {
                                    just_added.set(None);
                                }
                            }>{format!("Add {} as a candidate", label.to_lowercase())}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p><button type="button" class="danger" on:click=move |_| {
                let removed = ws.project.with_untracked(|p| p.journeys.get(i).cloned());
                if let Some(journey) = removed {
                    ws.update(|p| { p.journeys.remove(i); });
                    undo.offer(format!("Deleted the journey “{}”.", journey.name), Removed::Journey { index: i, journey });
                    request_animation_frame(|| focus_by_id("add-journey"));
                }
            }>"Delete this journey"</button></p>
        </fieldset>
    }
}

#[component]
fn Pitfalls() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="pitfalls-title">
            <h2 id="pitfalls-title">"Pitfall linter"</h2>
            <p>"Runs as you type. Each "<Term id="pitfall" text="finding"/>" explains a common SLO mistake with your numbers; "
               "acknowledge it with a reason when the team decides it does not apply."</p>
            <crate::ui::components::findings::Findings prefix="research"/>
        </section>
    }
}
