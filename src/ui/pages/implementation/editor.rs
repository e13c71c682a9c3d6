//! The SLO editor: identity, SLI with its query fields, target, window,
//! budgeting method, aspirational or committed, permissive or enforcing,
//! revisit date and lifecycle progress.
//!
//! Text a user is typing is kept as typed (a draft) until it parses; the
//! model only ever receives values the model's own parsers accepted.
//!
//! Once the SLO is agreed, changes of its target, window, SLI or alerts are
//! listed under the agreement and wait for a reason before they are logged
//! (`slo_engine::record`): the editor asks why on change.

use super::{progress_label, SloRef};
use crate::ui::components::Term;
use leptos::prelude::*;
use slo_engine::catalog;
use slo_engine::lifecycle;
use slo_engine::model::{
    BudgetingMethod, CalendarUnit, Commitment, Enforcement, EventKind, Progress, Sli, Span, Target,
    Window,
};
use slo_engine::record;

const PROGRESS: [Progress; 3] = [Progress::Drafted, Progress::Agreed, Progress::Exported];

/// A text field bound to a parsed model value: shows the error in words,
/// says which value the SLO keeps meanwhile, and leaves the model unchanged
/// while the text does not parse.
///
/// `parse` and `current` write values the same way (`99.9%`, `30d`), so the
/// field can tell when the model was changed elsewhere (undo, an opened
/// share link) and show the new value instead of a stale draft.
#[component]
fn ParsedField(
    id: &'static str,
    label: &'static str,
    parse: fn(&str) -> Result<String, String>,
    #[prop(into)] current: Signal<String>,
    apply: Box<dyn Fn(&str) + Send + Sync>,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let shown = |v: String| v.trim_end_matches('%').to_string();
    let draft = RwSignal::new(shown(current.get_untracked()));
    let error = RwSignal::new(None::<String>);
    Effect::new(move |before: Option<String>| {
        let now = current.get();
        if before.is_some_and(|b| b != now)
            && parse(&draft.get_untracked()).ok().as_deref() != Some(now.as_str())
        {
            draft.set(shown(now.clone()));
            error.set(None);
        }
        now
    });
    let err_id = format!("{id}-error");
    let err_id2 = err_id.clone();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" autocomplete="off" prop:value=move || draft.get()
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=move || error.with(Option::is_some).then(|| err_id.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    draft.set(v.clone());
                    match parse(&v) {
                        Ok(_) => { error.set(None); apply(&v); }
                        Err(e) => error.set(Some(e)),
                    }
                }/>
            {(!hint.is_empty()).then(|| view! { <small class="hint">{hint}</small> })}
            {move || error.get().map(|e| view! {
                <span class="error" id=err_id2.clone() role="alert">{e}
                    <span class="kept">{format!(" Until it is fixed, the SLO keeps {}.", current.get())}</span></span>
            })}
        </div>
    }
}

fn parse_target(v: &str) -> Result<String, String> {
    Target::parse(v).map(|t| format!("{t}%"))
}
fn parse_span(v: &str) -> Result<String, String> {
    Span::parse(v).map(|s| s.prometheus())
}

fn sli_kind(s: &Sli) -> &'static str {
    match s {
        Sli::Ratio { .. } => "ratio",
        Sli::Latency { .. } => "latency",
        Sli::Availability { .. } => "availability",
    }
}

fn sli_for_kind(kind: &str) -> Sli {
    match kind {
        "latency" => catalog::entry("request-latency")
            .map(|e| e.to_sli())
            .unwrap_or_default(),
        "availability" => Sli::Availability {
            probe_query: "avg_over_time(probe_success{job=\"blackbox\"}[{{.window}}])".into(),
        },
        _ => Sli::default(),
    }
}

#[component]
pub fn SloEditor(slo: SloRef) -> impl IntoView {
    view! {
        <section class="card slo-editor print-section" aria-labelledby="editor-title">
            <h2 id="editor-title">{move || format!("SLO: {}", slo.with(|s| s.name.clone()))}</h2>
            <Identity slo=slo/>
            <SliChoice slo=slo/>
            <fieldset>
                <legend>"Objective"</legend>
                <div class="form-grid">
                    <ParsedField id="slo-target" label="Target (%)" parse=parse_target
                        current=Signal::derive(move || slo.with(|s| format!("{}%", s.target)))
                        hint="99.9 or 0.999; 100 is never right"
                        apply=Box::new(move |v| if let Ok(t) = Target::parse(v) { slo.update(|s| s.target = t) })/>
                    <WindowFields slo=slo/>
                    <BudgetingFields slo=slo/>
                </div>
            </fieldset>
            <Lifecycle slo=slo/>
            <Agreement slo=slo/>
        </section>
    }
}

/// Name, identifier, service, journey and description.
#[component]
fn Identity(slo: SloRef) -> impl IntoView {
    let ws = slo.ws;
    let names = move |f: fn(&slo_engine::model::Project) -> Vec<String>| {
        Memo::new(move |_| ws.project.with(f))
    };
    let services = names(|p| p.services.iter().map(|s| s.name.clone()).collect());
    let journeys = names(|p| p.journeys.iter().map(|j| j.name.clone()).collect());
    let text = move |f: fn(&slo_engine::model::Slo) -> String| move || slo.with(f);
    view! {
        <fieldset>
            <legend>"What and where"</legend>
            <div class="form-grid">
                <div class="field"><label for="slo-name">"Name"</label>
                    <input id="slo-name" type="text" prop:value=text(|s| s.name.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); ws.update(|p| lifecycle::rename(p, slo.index, &v)); }/></div>
                <div class="field"><label for="slo-id">"Identifier (for files and rules)"</label>
                    <input id="slo-id" type="text" prop:value=text(|s| s.id.clone())
                        on:change=move |ev| {
                            // Progress and acknowledgements are keyed by id: `set_id` carries them along.
                            let typed = event_target_value(&ev);
                            ws.update(|p| { lifecycle::set_id(p, slo.index, &typed); });
                        }/>
                    <span class="hint">{move || if ws.project.with(|p| p.slos.get(slo.index).is_some_and(|s| lifecycle::id_follows_name(p, s))) {
                        "Follows the name until you set one or the SLO is exported."
                    } else {
                        "Kept when the SLO is renamed: rules and files use it."
                    }}</span></div>
                <div class="field"><label for="slo-service">"Service"</label>
                    <select id="slo-service" on:change=move |ev| { let v = event_target_value(&ev); slo.update(|s| s.service = v); }>
                        <option value="" selected=move || slo.with(|s| s.service.is_empty())>"(none)"</option>
                        {move || services.get().into_iter().map(|n| { let (v, l) = (n.clone(), n.clone()); view! { <option value=v selected=move || slo.with(|s| s.service == n)>{l}</option> } }).collect_view()}
                    </select></div>
                <div class="field"><label for="slo-journey">"Journey"</label>
                    <select id="slo-journey" on:change=move |ev| { let v = event_target_value(&ev); slo.update(|s| s.journey = v); }>
                        <option value="" selected=move || slo.with(|s| s.journey.is_empty())>"(none)"</option>
                        {move || journeys.get().into_iter().map(|n| { let (v, l) = (n.clone(), n.clone()); view! { <option value=v selected=move || slo.with(|s| s.journey == n)>{l}</option> } }).collect_view()}
                    </select></div>
                <div class="field wide"><label for="slo-description">"Description"</label>
                    <textarea id="slo-description" rows="2" prop:value=text(|s| s.description.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| s.description = v); }></textarea></div>
            </div>
        </fieldset>

    }
}

/// The kind of SLI and the fields of that kind.
#[component]
fn SliChoice(slo: SloRef) -> impl IntoView {
    let kind = Memo::new(move |_| slo.with(|s| sli_kind(&s.sli)));
    view! {
        <fieldset>
            <legend>"SLI: what is measured"</legend>
            <div class="field"><label for="sli-kind">"Kind of SLI"</label>
                <select id="sli-kind" on:change=move |ev| { let k = event_target_value(&ev); slo.update(|s| s.sli = sli_for_kind(&k)); }>
                    <option value="ratio" selected=move || kind.get() == "ratio">"Ratio of good (or bad) events to all events"</option>
                    <option value="latency" selected=move || kind.get() == "latency">"Latency: share of requests faster than a threshold"</option>
                    <option value="availability" selected=move || kind.get() == "availability">"Availability from up/down probes"</option>
                </select></div>
            {move || match kind.get() {
                "ratio" => view! { <RatioFields slo=slo/> }.into_any(),
                "latency" => view! { <LatencyFields slo=slo/> }.into_any(),
                _ => view! {
                    <div class="field"><label for="sli-probe">"Probe query (1 up, 0 down)"</label>
                        <textarea id="sli-probe" class="code" rows="2"
                            prop:value=move || slo.with(|s| match &s.sli { Sli::Availability { probe_query } => probe_query.clone(), _ => String::new() })
                            on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| if let Sli::Availability { probe_query } = &mut s.sli { *probe_query = v; }); }></textarea></div>
                }.into_any(),
            }}
            <p class="hint">"Write "<code>"{{.window}}"</code>" where the range goes; exports fill in each alert window."</p>
        </fieldset>

    }
}

/// Rolling or calendar window, with its length or its period and time zone.
#[component]
fn WindowFields(slo: SloRef) -> impl IntoView {
    let window_kind = Memo::new(move |_| slo.with(|s| matches!(s.window, Window::Calendar { .. })));
    // The typed zone is kept as typed (the linter flags it too); the field says what is wrong with it.
    // A named zone first needs the time-zone database, loaded on demand.
    let zone_db = Memo::new(move |_| slo.with(crate::ui::zones::status_of));
    let tz_error = Memo::new(move |_| {
        if zone_db.get() != crate::ui::zones::ZoneDb::Ready {
            return None;
        }
        slo.with(|s| match &s.window {
            Window::Calendar { time_zone, .. } => slo_engine::calendar::Zone::parse(time_zone)
                .err()
                .map(|e| e.to_string()),
            Window::Rolling { .. } => None,
        })
    });
    let period_note = move || {
        zone_db.track();
        period_note(slo)
    };
    view! {
        <div class="field"><label for="window-type">"Window"</label>
            <select id="window-type" on:change=move |ev| {
                let cal = event_target_value(&ev) == "calendar";
                slo.update(|s| s.window = if cal {
                    Window::Calendar { unit: CalendarUnit::Month, time_zone: "UTC".into() }
                } else {
                    Window::Rolling { span: Span::days(30) }
                });
            }>
                <option value="rolling" selected=move || !window_kind.get()>"Rolling"</option>
                <option value="calendar" selected=move || window_kind.get()>"Calendar"</option>
            </select>
            <span class="term-aside">" "<Term id="rolling-window" text="rolling"/>" / "<Term id="calendar-window" text="calendar"/></span>
        </div>
        {move || if window_kind.get() {
            view! {
                <div class="field"><label for="window-unit">"Calendar period"</label>
                    <select id="window-unit" on:change=move |ev| {
                        let u = CalendarUnit::parse(&event_target_value(&ev)).unwrap_or(CalendarUnit::Month);
                        slo.update(|s| if let Window::Calendar { unit, .. } = &mut s.window { *unit = u; });
                    }>
                        {[(CalendarUnit::Week, "Week"), (CalendarUnit::Month, "Month (budget figures use 30 days)"), (CalendarUnit::Quarter, "Quarter (90 days)")]
                            .into_iter().map(|(u, l)| view! { <option value=u.as_str() selected=move || slo.with(|s| matches!(s.window, Window::Calendar { unit, .. } if unit == u))>{l}</option> }).collect_view()}
                    </select></div>
                <div class="field"><label for="window-tz">"Time zone (IANA name)"</label>
                    <input id="window-tz" type="text" placeholder="Europe/Paris"
                        prop:value=move || slo.with(|s| match &s.window { Window::Calendar { time_zone, .. } => time_zone.clone(), _ => String::new() })
                        aria-invalid=move || tz_error.with(Option::is_some).to_string()
                        aria-describedby=move || if tz_error.with(Option::is_some) { "window-tz-error" } else { "window-tz-length" }
                        on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| if let Window::Calendar { time_zone, .. } = &mut s.window { *time_zone = v; }); }/>
                    {move || match tz_error.get() {
                        Some(e) => view! { <span class="error" id="window-tz-error" role="alert">{e}</span> }.into_any(),
                        None => view! { <small class="hint" id="window-tz-length">{period_note}</small> }.into_any(),
                    }}
                    <crate::ui::zones::ZoneDbNote status=zone_db/></div>
            }.into_any()
        } else {
            view! {
                <ParsedField id="window-span" label="Rolling window length" parse=parse_span
                    current=Signal::derive(move || slo.with(|s| match &s.window { Window::Rolling { span } => span.prometheus(), Window::Calendar { .. } => "30d".into() }))
                    hint="28d, 30d, 4w, 90d"
                    apply=Box::new(move |v| if let Ok(sp) = Span::parse(v) { slo.update(|s| s.window = Window::Rolling { span: sp }) })/>
            }.into_any()
        }}
    }
}

/// Budget figures use the nominal 7/30/90 days; say how long the calendar
/// period under way really is.
fn period_note(slo: SloRef) -> String {
    slo.with(|s| match &s.window {
        Window::Calendar { unit, time_zone } => {
            let now = (js_sys::Date::now() / 1000.0) as i64;
            let word = unit.as_str();
            slo_engine::calendar::period_length(now, *unit, time_zone)
                .map(|len| {
                    format!(
                        "This {word} has {}; budget figures use {}.",
                        len.human(),
                        unit.nominal().human()
                    )
                })
                .unwrap_or_default()
        }
        Window::Rolling { .. } => String::new(),
    })
}

/// The budgeting method, and the slice fields of the time-slice methods.
#[component]
fn BudgetingFields(slo: SloRef) -> impl IntoView {
    let budgeting = Memo::new(move |_| slo.with(|s| s.budgeting.as_str()));
    view! {
        <div class="field"><label for="budgeting">"Budgeting method"</label>
            <select id="budgeting" on:change=move |ev| {
                let v = event_target_value(&ev);
                slo.update(|s| s.budgeting = BudgetingMethod::with_defaults(&v).unwrap_or_default());
            }>
                <option value="occurrences" selected=move || budgeting.get() == "occurrences">"Occurrences (count events)"</option>
                <option value="timeslices" selected=move || budgeting.get() == "timeslices">"Timeslices (count good slices)"</option>
                <option value="ratio_timeslices" selected=move || budgeting.get() == "ratio_timeslices">"Ratio timeslices (average of slice ratios)"</option>
            </select>
            <span class="term-aside">" "<Term id="budgeting-method" text="(which one?)"/></span></div>
        {move || (budgeting.get() != "occurrences").then(|| {
            view! {
                <ParsedField id="slice-length" label="Slice length" parse=parse_span hint="1m, 5m"
                    current=Signal::derive(move || slo.with(|s| match &s.budgeting {
                        BudgetingMethod::Timeslices { slice, .. } | BudgetingMethod::RatioTimeslices { slice } => slice.prometheus(),
                        BudgetingMethod::Occurrences => "1m".into(),
                    }))
                    apply=Box::new(move |v| if let Ok(sp) = Span::parse(v) { slo.update(|s| match &mut s.budgeting {
                        BudgetingMethod::Timeslices { slice, .. } | BudgetingMethod::RatioTimeslices { slice } => *slice = sp,
                        BudgetingMethod::Occurrences => {}
                    }) })/>
                {(budgeting.get() == "timeslices").then(|| view! {
                    <ParsedField id="slice-target" label="Slice target (%): a slice is good when its ratio meets it" parse=parse_target
                        current=Signal::derive(move || slo.with(|s| match &s.budgeting {
                            BudgetingMethod::Timeslices { slice_target, .. } => format!("{}%", slo_engine::model::percent_field(*slice_target, 10)),
                            _ => "95%".into(),
                        }))
                        apply=Box::new(move |v| if let Ok(t) = Target::parse(v) { slo.update(|s| if let BudgetingMethod::Timeslices { slice_target, .. } = &mut s.budgeting { *slice_target = t.ratio(); }) })/>
                })}
            }
        })}
    }
}

/// Commitment, enforcement, revisit date and where the SLO stands.
#[component]
fn Lifecycle(slo: SloRef) -> impl IntoView {
    let ws = slo.ws;
    let text = move |f: fn(&slo_engine::model::Slo) -> String| move || slo.with(f);
    let progress = Memo::new(move |_| {
        ws.project.with(|p| {
            let id = p
                .slos
                .get(slo.index)
                .map(|s| s.id.clone())
                .unwrap_or_default();
            p.progress.get(&id).copied().unwrap_or_default()
        })
    });
    view! {
        <fieldset>
            <legend>"Commitment and lifecycle"</legend>
            <div class="form-grid">
                <fieldset class="radio-group">
                    <legend>"Commitment"</legend>
                    <div class="radio"><input type="radio" id="commit-committed" name="commitment" prop:checked=move || slo.with(|s| s.commitment == Commitment::Committed)
                        on:change=move |_| slo.update(|s| s.commitment = Commitment::Committed)/><label for="commit-committed">"Committed: we can meet it today"</label></div>
                    <div class="radio"><input type="radio" id="commit-aspirational" name="commitment" prop:checked=move || slo.with(|s| s.commitment == Commitment::Aspirational)
                        on:change=move |_| slo.update(|s| s.commitment = Commitment::Aspirational)/><label for="commit-aspirational">"Aspirational: where we want to be"</label></div>
                    <span class="term-aside"><Term id="aspirational" text="What is an aspirational SLO?"/></span>
                </fieldset>
                <fieldset class="radio-group">
                    <legend>"Enforcement"</legend>
                    <div class="radio"><input type="radio" id="enf-permissive" name="enforcement" prop:checked=move || slo.with(|s| s.enforcement == Enforcement::Permissive)
                        on:change=move |_| slo.update(|s| s.enforcement = Enforcement::Permissive)/><label for="enf-permissive">"Permissive: measured, triggers nothing yet"</label></div>
                    <div class="radio"><input type="radio" id="enf-enforcing" name="enforcement" prop:checked=move || slo.with(|s| s.enforcement == Enforcement::Enforcing)
                        on:change=move |_| slo.update(|s| s.enforcement = Enforcement::Enforcing)/><label for="enf-enforcing">"Enforcing: misses trigger the policy"</label></div>
                    <span class="term-aside"><Term id="permissive" text="Why start permissive?"/></span>
                </fieldset>
                <div class="field"><label for="slo-revisit">"Revisit on"</label>
                    <input id="slo-revisit" type="date" prop:value=text(|s| s.revisit.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| s.revisit = v); }/></div>
                <div class="field"><label for="slo-progress">"Where it stands"</label>
                    <select id="slo-progress" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let pr = PROGRESS.into_iter().find(|p| progress_label(*p) == v).unwrap_or_default();
                        ws.update(|p| { if let Some(id) = p.slos.get(slo.index).map(|s| s.id.clone()) { p.progress.insert(id, pr); } });
                    }>
                        {PROGRESS.into_iter().map(|p| view! { <option value=progress_label(p) selected=move || progress.get() == p>{progress_label(p)}</option> }).collect_view()}
                    </select></div>
            </div>
        </fieldset>
    }
}

/// Today as `YYYY-MM-DD` (UTC), the day the log records.
fn today() -> String {
    slo_engine::format::day((js_sys::Date::now() / 1000.0) as i64)
}

/// Who agreed and when, the changes since then waiting for a reason, and
/// the change log.
#[component]
fn Agreement(slo: SloRef) -> impl IntoView {
    let ws = slo.ws;
    let agreement = Memo::new(move |_| slo.with(|s| s.record.agreement.clone()));
    let waiting = Memo::new(move |_| slo.with(|s| !record::pending(s).is_empty()));
    let changes = Memo::new(move |_| slo.with(|s| s.record.changes.clone()));
    let message = RwSignal::new(String::new());
    view! {
        <fieldset class="agreement">
            <legend>"Agreement and change log"</legend>
            {move || match agreement.get() {
                Some(a) => view! {
                    <p id="agreed-by"><strong>"Agreed by "{a.people.join(", ")}" on "{a.date.clone()}"."</strong>
                        " Every change of the target, window, SLI or alerts since is logged with its reason."</p>
                }.into_any(),
                None => view! { <AgreeForm slo=slo message=message/> }.into_any(),
            }}
            {move || waiting.get().then(|| view! { <WhyForm slo=slo message=message/> })}
            <p role="status" class="agreement-status">{move || message.get()}</p>
            {move || {
                let log = changes.get();
                (!log.is_empty()).then(|| view! {
                    <table class="change-log">
                        <caption>"Change log"</caption>
                        <thead><tr><th scope="col">"Date"</th><th scope="col">"Changed"</th><th scope="col">"Old"</th><th scope="col">"New"</th><th scope="col">"Why"</th></tr></thead>
                        <tbody>{log.into_iter().map(|c| view! {
                            <tr><td>{c.date}</td><td>{c.field.as_str()}</td><td class="code">{c.old}</td><td class="code">{c.new}</td><td>{c.why}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                })
            }}
            {move || (ws.project.with(|p| p.slos.get(slo.index).is_some_and(|s| s.record.agreement.is_none())) && !changes.get().is_empty())
                .then(|| view! { <p class="hint">"Changes decided in reviews are logged even before an agreement is recorded."</p> })}
        </fieldset>
    }
}

/// The people who agreed (from the project's people) and the day.
#[component]
fn AgreeForm(slo: SloRef, message: RwSignal<String>) -> impl IntoView {
    let ws = slo.ws;
    let people = Memo::new(move |_| {
        ws.project.with(|p| {
            p.people
                .iter()
                .map(|x| x.name.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(Vec::<String>::new());
    let date = RwSignal::new(today());
    let agree = move |_| {
        let names = chosen.get_untracked();
        let day = date.get_untracked();
        let mut result = Ok(());
        ws.update(|p| result = record::agree(p, slo.index, &names, &day));
        message.set(match result {
            Ok(()) => format!("Recorded: agreed by {} on {day}.", names.join(", ")),
            Err(e) => format!("Not recorded: {e}."),
        });
    };
    view! {
        <p class="hint">"Record who agreed to this SLO and when. From then on, each change of its target, window, SLI or alerts asks why and goes into the log."</p>
        {move || if people.get().is_empty() {
            view! { <p class="hint">"Add your people on the "<a href="#/language">"Language"</a>" page to name who agreed."</p> }.into_any()
        } else {
            view! {
                <fieldset class="checks">
                    <legend>"Who agreed"</legend>
                    {people.get().into_iter().enumerate().map(|(k, name)| {
                        let id = format!("agreed-person-{k}");
                        let n2 = name.clone();
                        view! {
                            <div class="check"><input type="checkbox" id=id.clone()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { c.retain(|x| *x != n2); if on { c.push(n2.clone()); } });
                                }/>
                                <label for=id>{name}</label></div>
                        }
                    }).collect_view()}
                </fieldset>
            }.into_any()
        }}
        <div class="field"><label for="agreed-on">"Agreed on"</label>
            <input id="agreed-on" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/></div>
        <button type="button" id="record-agreement" on:click=agree>"Record the agreement"</button>
    }
}

/// The changes since the last record, and the question the log needs answered.
#[component]
fn WhyForm(slo: SloRef, message: RwSignal<String>) -> impl IntoView {
    let why = RwSignal::new(String::new());
    let log = move || {
        let reason = why.get_untracked();
        let mut result = Ok(0);
        slo.update(|s| result = record::log_pending(s, &today(), &reason));
        match result {
            Ok(n) => {
                why.set(String::new());
                message.set(format!(
                    "Logged {n} change{}.",
                    if n == 1 { "" } else { "s" }
                ));
            }
            Err(e) => message.set(format!("Not logged: {e}.")),
        }
    };
    view! {
        <div class="pending-changes" role="group" aria-labelledby="pending-title">
            <h3 id="pending-title">"Changed since the agreement: why?"</h3>
            <ul id="pending-list">{move || slo.with(record::pending).into_iter().map(|c| view! {
                <li><strong>{c.field.as_str()}</strong>": "<span class="code">{c.old}</span>" → "<span class="code">{c.new}</span></li>
            }).collect_view()}</ul>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); log(); }>
                <div class="field wide"><label for="change-why">"Why did it change?"</label>
                    <input id="change-why" type="text" prop:value=move || why.get() on:input=move |ev| why.set(event_target_value(&ev))/></div>
                <button type="submit" id="log-change">"Log the change"</button>
            </form>
        </div>
    }
}

#[component]
fn RatioFields(slo: SloRef) -> impl IntoView {
    let counts = Memo::new(move |_| {
        slo.with(|s| match &s.sli {
            Sli::Ratio { counts, .. } => *counts,
            _ => EventKind::Bad,
        })
    });
    let get = move |good: bool| {
        move || {
            slo.with(|s| match &s.sli {
                Sli::Ratio {
                    events_query,
                    total_query,
                    ..
                } => {
                    if good {
                        events_query.clone()
                    } else {
                        total_query.clone()
                    }
                }
                _ => String::new(),
            })
        }
    };
    view! {
        <div class="field"><label for="sli-counts">"The first query counts"</label>
            <select id="sli-counts" on:change=move |ev| {
                let k = if event_target_value(&ev) == "good" { EventKind::Good } else { EventKind::Bad };
                slo.update(|s| if let Sli::Ratio { counts, .. } = &mut s.sli { *counts = k; });
            }>
                <option value="bad" selected=move || counts.get() == EventKind::Bad>"Bad events (errors)"</option>
                <option value="good" selected=move || counts.get() == EventKind::Good>"Good events"</option>
            </select></div>
        <div class="field"><label for="sli-events">{move || if counts.get() == EventKind::Good { "Good events query (PromQL)" } else { "Bad events query (PromQL)" }}</label>
            <textarea id="sli-events" class="code" rows="2" prop:value=get(true)
                on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| if let Sli::Ratio { events_query, .. } = &mut s.sli { *events_query = v; }); }></textarea></div>
        <div class="field"><label for="sli-total">"All events query (PromQL)"</label>
            <textarea id="sli-total" class="code" rows="2" prop:value=get(false)
                on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| if let Sli::Ratio { total_query, .. } = &mut s.sli { *total_query = v; }); }></textarea></div>
    }
}

#[component]
fn LatencyFields(slo: SloRef) -> impl IntoView {
    let initial = slo
        .ws
        .project
        .with_untracked(|p| match p.slos.get(slo.index).map(|s| &s.sli) {
            Some(Sli::Latency {
                threshold_seconds, ..
            }) => slo_engine::model::format_percent(*threshold_seconds),
            _ => "0.3".into(),
        });
    let draft = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    view! {
        <div class="form-grid">
            <div class="field"><label for="sli-threshold">"Threshold (seconds)"</label>
                <input id="sli-threshold" type="text" inputmode="decimal" prop:value=move || draft.get()
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        match v.trim().parse::<f64>() {
                            Ok(x) if x.is_finite() && x > 0.0 => { error.set(None); slo.update(|s| if let Sli::Latency { threshold_seconds, .. } = &mut s.sli { *threshold_seconds = x; }); }
                            _ => error.set(Some("write a positive number of seconds, such as 0.3".into())),
                        }
                        draft.set(v);
                    }/>
                {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
                <small class="hint">"Use a bucket boundary of the histogram (le value)."</small></div>
            <div class="field"><label for="sli-histogram">"Histogram metric (without _bucket)"</label>
                <input id="sli-histogram" type="text" class="code"
                    prop:value=move || slo.with(|s| match &s.sli { Sli::Latency { histogram_metric, .. } => histogram_metric.clone(), _ => String::new() })
                    on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| if let Sli::Latency { histogram_metric, .. } = &mut s.sli { *histogram_metric = v; }); }/></div>
            <div class="field wide"><label for="sli-selector">"Label matchers (inside the braces)"</label>
                <input id="sli-selector" type="text" class="code"
                    prop:value=move || slo.with(|s| match &s.sli { Sli::Latency { selector, .. } => selector.clone(), _ => String::new() })
                    on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| if let Sli::Latency { selector, .. } = &mut s.sli { *selector = v; }); }/></div>
        </div>
    }
}
