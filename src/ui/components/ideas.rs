//! The room's ideas as widgets shared by the Research page and presenter
//! mode: forms that capture a candidate journey or SLI, the voting board
//! (+/- dots per candidate, in the order proposed, so a button never moves
//! under the keyboard), the result sorted by votes, and the buttons that
//! turn a candidate into a journey or an SLO draft.
//!
//! Every rule (ids, validation, the ranking, what a chosen SLI becomes) is
//! `slo_engine::ideas`; this module only places what it returns.

use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::ideas::{self, Candidate};

/// Which kind of candidate a board or form is about.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Journeys,
    Slis,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Journeys => "journey",
            Kind::Slis => "SLI",
        }
    }
}

/// One row of a board, read from the project.
#[derive(Clone, PartialEq)]
struct Row {
    which: Candidate,
    text: String,
    detail: String,
    proposed_by: String,
    votes: u32,
    chosen: Option<String>,
}

fn rows(p: &slo_engine::model::Project, kind: Kind, journey: Option<&str>) -> Vec<Row> {
    match kind {
        Kind::Journeys => p
            .ideas
            .journeys
            .iter()
            .map(|c| Row {
                which: Candidate::Journey(c.id),
                text: c.name.clone(),
                detail: String::new(),
                proposed_by: c.proposed_by.clone(),
                votes: c.votes,
                chosen: c.chosen.clone(),
            })
            .collect(),
        Kind::Slis => p
            .ideas
            .slis
            .iter()
            .filter(|c| journey.is_none_or(|j| c.journey == j))
            .map(|c| Row {
                which: Candidate::Sli(c.id),
                text: c.text.clone(),
                detail: sli_detail(&p.ideas, c, journey.is_none()),
                proposed_by: c.proposed_by.clone(),
                votes: c.votes,
                chosen: c.chosen.clone(),
            })
            .collect(),
    }
}

fn sli_detail(all: &ideas::Ideas, c: &ideas::CandidateSli, with_journey: bool) -> String {
    let spec = ideas::template(all, &c.template).map(|t| t.specification());
    let journey = (with_journey && !c.journey.is_empty()).then(|| format!("for “{}”", c.journey));
    [journey, spec]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(": ")
}

fn candidate_key(which: Candidate) -> String {
    match which {
        Candidate::Journey(id) => format!("j{id}"),
        Candidate::Sli(id) => format!("s{id}"),
    }
}

/// The candidates of one kind with vote buttons and what to do with each.
/// `journey` keeps only the SLIs proposed for that journey.
#[component]
pub fn CandidateBoard(
    kind: Kind,
    /// The candidates' words can be corrected in place (the Research page).
    #[prop(optional)]
    editable: bool,
    #[prop(optional, into)] journey: Option<Signal<String>>,
    /// Called with the SLO id after "Make it an SLO".
    #[prop(optional, into)]
    on_drafted: Option<Callback<String>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let list = Memo::new(move |_| {
        let j = journey.map(|j| j.get());
        ws.project.with(|p| rows(p, kind, j.as_deref()))
    });
    // Rows are keyed by candidate only: a vote re-renders the figures, never
    // the buttons, so keyboard focus stays on the button pressed.
    let ids = Memo::new(move |_| list.with(|l| l.iter().map(|r| r.which).collect::<Vec<_>>()));
    view! {
        <div class="candidates" data-kind=kind.word()>
            {move || ids.with(Vec::is_empty).then(|| view! { <p class="hint">{format!("No candidate {} yet.", kind.word())}</p> })}
            <ul class="candidate-list">
                <For each=move || ids.get() key=|w| candidate_key(*w) let:which>
                    <CandidateRow which=which list=list editable=editable on_drafted=on_drafted/>
                </For>
            </ul>
        </div>
    }
}

#[component]
fn CandidateRow(
    which: Candidate,
    list: Memo<Vec<Row>>,
    editable: bool,
    on_drafted: Option<Callback<String>>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let row = Memo::new(move |_| list.with(|l| l.iter().find(|r| r.which == which).cloned()));
    let field =
        move |f: fn(&Row) -> String| move || row.with(|r| r.as_ref().map(f).unwrap_or_default());
    let text = field(|r| r.text.clone());
    let vote = move |delta: i32| {
        ws.update(|p| {
            ideas::vote(&mut p.ideas, which, delta);
        })
    };
    let choose = move |_| {
        let mut made = None;
        ws.update(|p| {
            made = match which {
                Candidate::Journey(id) => ideas::choose_journey(p, id),
                Candidate::Sli(id) => ideas::choose_sli(p, id),
            };
        });
        if let (Some(id), Some(cb), Candidate::Sli(_)) = (made, on_drafted, which) {
            cb.run(id);
        }
    };
    let chosen = move || {
        match (row.with(|r| r.as_ref().and_then(|r| r.chosen.clone())), which) {
        (Some(id), Candidate::Sli(_)) => view! {
            <span class="chosen">"Chosen: "<a href=format!("#/implementation?slo={id}")>{format!("SLO “{id}”")}</a></span>
        }
        .into_any(),
        (Some(name), Candidate::Journey(_)) => view! { <span class="chosen">{format!("Chosen: journey “{name}”")}</span> }.into_any(),
        (None, _) => {
            let label = match which {
                Candidate::Journey(_) => "Make it a journey",
                Candidate::Sli(_) => "Make it an SLO",
            };
            view! {
                <button type="button" class="choose" on:click=choose>
                    {label}<span class="visually-hidden">{move || format!(": {}", text())}</span>
                </button>
            }
            .into_any()
        }
    }
    };
    let detail = field(|r| r.detail.clone());
    let by = field(|r| r.proposed_by.clone());
    let votes = move || row.with(|r| r.as_ref().map_or(0, |r| r.votes));
    view! {
        <li class="candidate" data-candidate=candidate_key(which)>
            <div class="candidate-text">
                {if editable {
                    view! {
                        <input type="text" class="candidate-edit" aria-label=move || format!("Words of the candidate “{}”", text()) prop:value=text
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                ws.update(|p| { ideas::edit(&mut p.ideas, which, &v); });
                            }/>
                    }.into_any()
                } else {
                    view! { <strong>{text}</strong> }.into_any()
                }}
                {move || (!detail().is_empty()).then(|| view! { <span class="candidate-detail">{detail()}</span> })}
                {move || (!by().is_empty()).then(|| view! { <span class="candidate-by">{format!("proposed by {}", by())}</span> })}
            </div>
            <div class="votes" role="group" aria-label=move || format!("Votes for “{}”", text())>
                <button type="button" class="vote" aria-label=move || format!("Remove a vote from “{}”", text()) on:click=move |_| vote(-1)>"−"</button>
                <output class="vote-count" aria-live="polite">{votes}</output>
                <button type="button" class="vote" aria-label=move || format!("Add a vote to “{}”", text()) on:click=move |_| vote(1)>"+"</button>
            </div>
            <div class="candidate-actions">
                {chosen}
                <button type="button" class="link-button" on:click=move |_| ws.update(|p| { ideas::remove(&mut p.ideas, which); })>
                    "Remove"<span class="visually-hidden">{move || format!(" “{}”", text())}</span>
                </button>
            </div>
        </li>
    }
}

/// The vote's result: candidates with the most dots first.
#[component]
pub fn VoteResult(kind: Kind) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let result = Memo::new(move |_| {
        ws.project.with(|p| {
            let r = ideas::ranking(&p.ideas);
            match kind {
                Kind::Journeys => r
                    .journeys
                    .iter()
                    .map(|c| (c.name.clone(), c.votes, c.chosen.is_some()))
                    .collect::<Vec<_>>(),
                Kind::Slis => r
                    .slis
                    .iter()
                    .map(|c| (c.text.clone(), c.votes, c.chosen.is_some()))
                    .collect(),
            }
        })
    });
    move || {
        let list = result.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="vote-result">
                    <h4>{format!("Result: {} candidates by votes", kind.word())}</h4>
                    <ol data-testid=format!("result-{}", kind.word().to_lowercase())>
                        {list.into_iter().map(|(t, v, chosen)| view! {
                            <li>{t}{format!(": {v} vote{}", if v == 1 { "" } else { "s" })}{chosen.then_some(" (chosen)")}</li>
                        }).collect_view()}
                    </ol>
                </div>
            }
        })
    }
}

/// A form that writes down a candidate journey or SLI as the room says it.
/// SLIs may name a journey (the project's and the candidate ones are offered).
#[component]
pub fn CaptureIdea(kind: Kind, prefix: &'static str) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let text = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let journey = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let journeys = Memo::new(move |_| {
        ws.project.with(|p| {
            let mut names: Vec<String> = p.journeys.iter().map(|j| j.name.clone()).collect();
            for c in &p.ideas.journeys {
                if !names.contains(&c.name) {
                    names.push(c.name.clone());
                }
            }
            names
        })
    });
    let id = move |f: &str| format!("{prefix}-{f}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut result = Ok(0);
        ws.update(|p| {
            result = match kind {
                Kind::Journeys => {
                    ideas::add_journey(&mut p.ideas, &text.get_untracked(), &by.get_untracked())
                }
                Kind::Slis => ideas::add_sli(
                    &mut p.ideas,
                    &text.get_untracked(),
                    &journey.get_untracked(),
                    &by.get_untracked(),
                ),
            };
        });
        match result {
            Ok(_) => {
                error.set(None);
                text.set(String::new());
            }
            Err(e) => error.set(Some(e)),
        }
        crate::ui::components::glossary::focus_by_id(&id("text"));
    };
    let (label, placeholder) = match kind {
        Kind::Journeys => ("Journey idea", "Check out a basket"),
        Kind::Slis => ("SLI idea", "Search results in under a second"),
    };
    view! {
        <form class="capture" on:submit=submit>
            <div class="field"><label for=id("text")>{label}</label>
                <input id=id("text") type="text" placeholder=placeholder prop:value=move || text.get()
                    aria-invalid=move || error.get().is_some().to_string()
                    on:input=move |ev| text.set(event_target_value(&ev))/></div>
            {(kind == Kind::Slis).then(|| view! {
                <div class="field"><label for=id("journey")>"For the journey"</label>
                    <select id=id("journey") on:change=move |ev| journey.set(event_target_value(&ev))>
                        <option value="" selected=move || journey.get().is_empty()>"(not said)"</option>
                        {move || journeys.get().into_iter().map(|j| { let v = j.clone(); let s = j.clone(); view! { <option value=v selected=move || journey.get() == s>{j}</option> } }).collect_view()}
                    </select></div>
            })}
            <div class="field"><label for=id("by")>"Proposed by"</label>
                <input id=id("by") type="text" prop:value=move || by.get() on:input=move |ev| by.set(event_target_value(&ev))/></div>
            <button type="submit" class="primary">{format!("Add the {} idea", kind.word())}</button>
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </form>
    }
}
