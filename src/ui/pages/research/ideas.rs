//! The Research page's record of the room's ideas: candidate journeys and
//! SLIs with their votes and the result, and the team's own SLI menu
//! entries. The widgets are `components::ideas`; the rules `slo_engine::ideas`.

use crate::ui::components::ideas::{CandidateBoard, CaptureIdea, Kind, VoteResult};
use crate::ui::components::Term;
use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::ideas;

#[component]
pub fn RoomIdeas() -> impl IntoView {
    view! {
        <section class="card room-ideas" aria-labelledby="ideas-title">
            <h2 id="ideas-title">"The room's ideas: candidate journeys and SLIs"</h2>
            <p>"Write every idea down as a light note: it becomes a "<Term id="journey" text="journey"/>" or an "
               <Term id="slo" text="SLO"/>" draft only when the team chooses it. Votes are the dots the room gave each one "
               "(presenter mode records them on the projector)."</p>
            <div class="ideas-columns">
                <div>
                    <h3>"Candidate journeys"</h3>
                    <CaptureIdea kind=Kind::Journeys prefix="idea-journey"/>
                    <CandidateBoard kind=Kind::Journeys editable=true/>
                    <VoteResult kind=Kind::Journeys/>
                </div>
                <div>
                    <h3>"Candidate SLIs"</h3>
                    <CaptureIdea kind=Kind::Slis prefix="idea-sli"/>
                    <CandidateBoard kind=Kind::Slis editable=true/>
                    <VoteResult kind=Kind::Slis/>
                </div>
            </div>
            <TeamMenu/>
        </section>
    }
}

/// The team's own SLI menu entries, offered beside the catalog's for every journey.
#[component]
fn TeamMenu() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let name = RwSignal::new(String::new());
    let spec = RwSignal::new(String::new());
    let good = RwSignal::new(String::new());
    let total = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let entries = Memo::new(move |_| {
        ws.project.with(|p| {
            p.ideas
                .menu
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut result = Ok(String::new());
        ws.update(|p| {
            result = ideas::add_team_entry(
                &mut p.ideas,
                &name.get_untracked(),
                &spec.get_untracked(),
                &good.get_untracked(),
                &total.get_untracked(),
            );
        });
        match result {
            Ok(_) => {
                error.set(None);
                for s in [name, spec, good, total] {
                    s.set(String::new());
                }
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let input = |s: RwSignal<String>| move |ev: leptos::ev::Event| s.set(event_target_value(&ev));
    view! {
        <h3>"Your team's SLI menu entries"</h3>
        <p class="hint">"An SLI your team measures that the menu lacks (say, a welcome email sent within 2 minutes): "
            "good events over all events. It is offered in every journey's menu and kept in the project."</p>
        {move || (!entries.with(Vec::is_empty)).then(|| view! {
            <ul class="team-menu">
                {entries.get().into_iter().map(|(id, n)| {
                    let (label, gone) = (n.clone(), id.clone());
                    view! {
                        <li>{n}" "
                            <button type="button" class="link-button" on:click=move |_| ws.update(|p| { ideas::remove_team_entry(&mut p.ideas, &gone); })>
                                "Remove"<span class="visually-hidden">{format!(" the menu entry “{label}”")}</span>
                            </button></li>
                    }
                }).collect_view()}
            </ul>
        })}
        <form class="capture team-entry" on:submit=submit>
            <div class="form-grid">
                <div class="field"><label for="team-entry-name">"Name"</label>
                    <input id="team-entry-name" type="text" placeholder="Welcome email" prop:value=move || name.get() on:input=input(name)/></div>
                <div class="field wide"><label for="team-entry-spec">"What counts as good"</label>
                    <input id="team-entry-spec" type="text" placeholder="Sent within 2 minutes of sign-up" prop:value=move || spec.get() on:input=input(spec)/></div>
                <div class="field wide"><label for="team-entry-good">"PromQL: good events"</label>
                    <input id="team-entry-good" type="text" class="mono" prop:value=move || good.get() on:input=input(good)/></div>
                <div class="field wide"><label for="team-entry-total">"PromQL: all events"</label>
                    <input id="team-entry-total" type="text" class="mono" prop:value=move || total.get() on:input=input(total)/></div>
            </div>
            <button type="submit">"Add to the SLI menu"</button>
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </form>
    }
}
