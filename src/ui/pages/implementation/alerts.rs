//! The alert designer: the burn-rate alert table with presets and free
//! editing, each row's facts (`alerting::alert_facts`) and lints
//! (`alerting::lint_alerts`) beside it, and the optional guards
//! (`guards`: the minimum-traffic guard and the no-data alert). "No alerts"
//! is a preset; the designer then shows `alerting::no_alerts_warning`.

use super::{Assumptions, SloRef};
use crate::ui::components::explain::Explain;
use crate::ui::components::glossary::focus_by_id;
use crate::ui::components::Term;
use leptos::prelude::*;
use slo_engine::alerting;
use slo_engine::budget::human_seconds;
use slo_engine::diag::Level;
use slo_engine::explain::{explain, Figure};
use slo_engine::format::trim_zeros;
use slo_engine::guards::{self, NoDataAlert, TrafficGuard};
use slo_engine::model::{
    parse_factor, parse_share_percent, percent_field, AlertPreset, BurnAlert, Severity, Span,
    Target,
};

const PRESETS: [(AlertPreset, &str, &str); 5] = [
    (
        AlertPreset::Workbook30d,
        "workbook30d",
        "SRE Workbook / Sloth, 30 days",
    ),
    (
        AlertPreset::Workbook28d,
        "workbook28d",
        "SRE Workbook / Sloth, 28 days",
    ),
    (
        AlertPreset::PyrraScaled,
        "pyrra",
        "Pyrra: windows scaled to the SLO window",
    ),
    (AlertPreset::Custom, "custom", "Custom"),
    (
        AlertPreset::NoAlerts,
        "none",
        "No alerts (record the SLI only)",
    ),
];

fn pct(x: f64) -> String {
    format!("{}%", percent_field(x, 4))
}

fn maybe_time(x: Option<f64>) -> String {
    x.map(human_seconds).unwrap_or_else(|| "never fires".into())
}

#[component]
pub fn AlertDesigner(slo: SloRef) -> impl IntoView {
    let a = expect_context::<Assumptions>();
    let alerts = Memo::new(move |_| slo.with(|s| s.alerting.alerts.clone()));
    let count_rows = Memo::new(move |_| alerts.with(Vec::len));
    let preset = Memo::new(move |_| slo.with(|s| s.alerting.preset));
    let facts = Memo::new(move |_| slo.with(|s| (s.target, s.window.nominal())));
    let nobody_paged = Memo::new(move |_| slo.with(alerting::no_alerts_warning));
    let lints = Memo::new(move |_| {
        let (t, w) = facts.get();
        let eps = a.events_per_second.get();
        alerts.with(|al| alerting::lint_alerts(al, t, w, (eps > 0.0).then_some(eps)))
    });
    let rate_draft = RwSignal::new(percent_field(a.error_ratio.get_untracked(), 10));
    let rate_error = RwSignal::new(None::<String>);
    // Any hand edit makes the set custom, so a preset is never misreported.
    let edit = move |i: usize, f: Box<dyn FnOnce(&mut BurnAlert)>| {
        slo.update(|s| {
            if let Some(al) = s.alerting.alerts.get_mut(i) {
                f(al);
                s.alerting.preset = AlertPreset::Custom;
            }
        })
    };

    view! {
        <section class="card alert-designer print-section" aria-labelledby="alerts-title">
            <h2 id="alerts-title">"Alert designer"</h2>
            <p>"Each row is a "<Term id="multi-window-alert" text="multi-window, multi-burn-rate alert"/>
               ": it fires while both its "<Term id="long-window" text="long"/>" and "<Term id="short-window" text="short"/>
               " windows burn faster than its "<Term id="burn-rate" text="burn factor"/>". Page on fast burns; open tickets on slow ones."</p>
            <div class="form-grid">
                <div class="field"><label for="alert-preset">"Preset"</label>
                    <select id="alert-preset" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let Some((p, _, _)) = PRESETS.iter().find(|(_, k, _)| *k == v).copied() else { return };
                        slo.update(|s| {
                            if let Some(list) = alerting::preset_alerts(p, s.window.nominal()) { s.alerting.alerts = list; }
                            s.alerting.preset = p;
                        });
                    }>
                        {PRESETS.iter().map(|(p, k, l)| { let p = *p; view! { <option value=*k selected=move || preset.get() == p>{*l}</option> } }).collect_view()}
                    </select></div>
                <div class="field"><label for="error-rate">"Error rate for detection time (%)"</label>
                    <input id="error-rate" type="text" inputmode="decimal" prop:value=move || rate_draft.get()
                        aria-invalid=move || rate_error.with(Option::is_some).to_string()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            match parse_share_percent(&v) {
                                Ok(x) => { rate_error.set(None); a.error_ratio.set(x); }
                                Err(e) => rate_error.set(Some(format!("{e}, such as 1"))),
                            }
                            rate_draft.set(v);
                        }/>
                    {move || rate_error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}</div>
                <div class="field wide"><label for="runbook">"Runbook URL (in every alert)"</label>
                    <input id="runbook" type="text" inputmode="url" placeholder="https://…"
                        prop:value=move || slo.with(|s| s.alerting.runbook_url.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); slo.update(|s| s.alerting.runbook_url = v); }/></div>
            </div>
            {move || nobody_paged.get().map(|w| view! { <p class="warning" role="status" id="no-alerts-warning">"⚠ "{w}</p> })}
            <div class="table-scroll" tabindex="0" role="region" aria-label="Alert table, scrollable">
            <table class="alerts">
                <caption class="visually-hidden">"Burn-rate alerts and what each implies"</caption>
                <thead><tr>
                    <th scope="col">"#"</th>
                    <th scope="col">"Severity"</th>
                    <th scope="col">"Long window"</th>
                    <th scope="col">"Short window"</th>
                    <th scope="col">"Budget spent when it fires (%)"</th>
                    <th scope="col"><Term id="burn-rate" text="Factor"/></th>
                    <th scope="col" class="num">"Fires above error ratio"</th>
                    <th scope="col" class="num"><Term id="detection-time" text="Detection"/>", full outage"</th>
                    <th scope="col" class="num">{move || format!("Detection at {}", pct(a.error_ratio.get()))}</th>
                    <th scope="col" class="num"><Term id="reset-time" text="Reset time"/></th>
                    <th scope="col">"Checks"</th>
                    <th scope="col" class="actions"><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    {move || (0..count_rows.get()).map(|i| view! { <AlertRow slo=slo i=i alerts=alerts facts=facts lints=lints edit=edit/> }).collect_view()}
                </tbody>
            </table>
            </div>
            <div class="button-row no-print">
                <button type="button" id="add-alert" on:click=move |_| slo.update(|s| {
                    let w = s.window.nominal();
                    s.alerting.alerts.push(alerting::custom(Severity::Ticket, 0.1, Span::days(1), Span::hours(2), w));
                    s.alerting.preset = AlertPreset::Custom;
                })>"Add an alert"</button>
            </div>
            <GuardControls slo=slo/>
        </section>
    }
}

/// The traffic guard and the no-data alert: a checkbox each, and their
/// fields while switched on. Drafts keep what is typed until it parses.
#[component]
fn GuardControls(slo: SloRef) -> impl IntoView {
    let guard = Memo::new(move |_| slo.with(|s| s.alerting.traffic_guard));
    let no_data = Memo::new(move |_| slo.with(|s| s.alerting.no_data));
    let probe = Memo::new(move |_| slo.with(|s| !guards::guard_applies(&s.sli)));
    // The fields are rebuilt only when switched on or off, so an edit keeps focus.
    let guard_on = Memo::new(move |_| guard.with(Option::is_some));
    let no_data_on = Memo::new(move |_| no_data.with(Option::is_some));
    let severity = move || no_data.get().map(|n| n.severity);
    let events = RwSignal::new(
        guard
            .get_untracked()
            .unwrap_or_default()
            .min_events
            .to_string(),
    );
    let after = RwSignal::new(
        no_data
            .get_untracked()
            .unwrap_or_default()
            .after
            .prometheus(),
    );
    let events_error = RwSignal::new(None::<String>);
    let after_error = RwSignal::new(None::<String>);
    view! {
        <fieldset class="guards">
            <legend>"Guards"</legend>
            <div class="field checkbox">
                <input type="checkbox" id="guard-on" prop:checked=move || guard.get().is_some()
                    aria-describedby="guard-hint"
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let g = guards::parse_min_events(&events.get_untracked()).map(|min_events| TrafficGuard { min_events }).unwrap_or_default();
                        slo.update(|s| s.alerting.traffic_guard = on.then_some(g));
                    }/>
                <label for="guard-on">"Minimum traffic: an alert fires only when its short window holds enough events"</label>
            </div>
            <p class="hint" id="guard-hint">"So one failed request out of two at night does not page. The replay on the Iteration page shows what the guard would have silenced."
                {move || probe.get().then_some(" A probe SLI counts probes, not requests: the guard does not apply to it.")}</p>
            {move || guard_on.get().then(|| view! {
                <div class="field"><label for="guard-events">"Events the short window must hold"</label>
                    <input id="guard-events" type="text" inputmode="numeric" size="8" prop:value=move || events.get()
                        aria-invalid=move || events_error.with(Option::is_some).to_string()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            match guards::parse_min_events(&v) {
                                Ok(min_events) => { events_error.set(None); slo.update(|s| s.alerting.traffic_guard = Some(TrafficGuard { min_events })); }
                                Err(e) => events_error.set(Some(e)),
                            }
                            events.set(v);
                        }/>
                    {move || events_error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}</div>
            })}
            <div class="field checkbox">
                <input type="checkbox" id="no-data-on" prop:checked=move || no_data.get().is_some()
                    aria-describedby="no-data-hint"
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let mut alert = no_data.get_untracked().unwrap_or_default();
                        if let Ok(span) = Span::parse(&after.get_untracked()) { alert.after = span; }
                        slo.update(|s| s.alerting.no_data = on.then_some(alert));
                    }/>
                <label for="no-data-on">"No-data alert: fire when the SLI's total query returns nothing"</label>
            </div>
            <p class="hint" id="no-data-hint">"Burn-rate alerts cannot fire without data, so a broken exporter or a renamed metric would otherwise stay silent."</p>
            {move || no_data_on.get().then(|| view! {
                <div class="form-grid">
                    <div class="field"><label for="no-data-after">"After (no data for)"</label>
                        <input id="no-data-after" type="text" size="6" prop:value=move || after.get()
                            aria-invalid=move || after_error.with(Option::is_some).to_string()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                match Span::parse(&v) {
                                    Ok(span) => { after_error.set(None); slo.update(|s| if let Some(n) = s.alerting.no_data.as_mut() { n.after = span }); }
                                    Err(e) => after_error.set(Some(e)),
                                }
                                after.set(v);
                            }/>
                        {move || after_error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}</div>
                    <div class="field"><label for="no-data-severity">"Severity"</label>
                        <select id="no-data-severity" on:change=move |ev| {
                            let severity = if event_target_value(&ev) == "page" { Severity::Page } else { Severity::Ticket };
                            slo.update(|s| if let Some(n) = s.alerting.no_data.as_mut() { *n = NoDataAlert { severity, ..*n } });
                        }>
                            <option value="page" selected=move || severity() == Some(Severity::Page)>"Page"</option>
                            <option value="ticket" selected=move || severity() == Some(Severity::Ticket)>"Ticket"</option>
                        </select></div>
                </div>
            })}
        </fieldset>
    }
}

#[component]
fn AlertRow(
    slo: SloRef,
    i: usize,
    alerts: Memo<Vec<BurnAlert>>,
    facts: Memo<(Target, Span)>,
    lints: Memo<Vec<alerting::AlertFinding>>,
    edit: impl Fn(usize, Box<dyn FnOnce(&mut BurnAlert)>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let a = expect_context::<Assumptions>();
    let alert = move || alerts.with(|v| v.get(i).copied());
    let row = alerts
        .with_untracked(|v| v.get(i).copied())
        .unwrap_or(BurnAlert {
            severity: Severity::Page,
            long: Span::HOUR,
            short: Span::minutes(5),
            factor: 14.4,
        });
    let window = facts.with_untracked(|f| f.1);
    // Drafts keep what is typed until it parses.
    let long = RwSignal::new(row.long.prometheus());
    let short = RwSignal::new(row.short.prometheus());
    let share = RwSignal::new(percent_field(
        alerting::budget_spent_when_fired(&row, window),
        4,
    ));
    let factor = RwSignal::new(trim_zeros(row.factor, 4));
    let error = RwSignal::new(None::<String>);
    // When another field changes the factor (or a preset applies), show it.
    Effect::new(move |_| {
        let Some(al) = alert() else { return };
        let w = facts.get().1;
        factor.set(trim_zeros(al.factor, 4));
        share.set(percent_field(alerting::budget_spent_when_fired(&al, w), 4));
        long.set(al.long.prometheus());
        short.set(al.short.prometheus());
    });
    let id = move |f: &str| format!("alert-{i}-{f}");
    let row_facts = Memo::new(move |_| {
        let (t, w) = facts.get();
        alert().map(|al| alerting::alert_facts(&al, t, w, a.error_ratio.get()))
    });
    // The explanation of one of this row's figures, from its current values.
    let explained = move |figure: fn(BurnAlert, Target, Span, f64) -> Figure| {
        Signal::derive(move || {
            let (t, w) = facts.get();
            explain(&figure(alert().unwrap_or(row), t, w, a.error_ratio.get()))
        })
    };
    let span_input = move |label: &'static str,
                           field: &'static str,
                           draft: RwSignal<String>,
                           set: fn(&mut BurnAlert, Span)| {
        let fid = id(field);
        view! {
            <label class="visually-hidden" for=fid.clone()>{format!("Alert {} {label}", i + 1)}</label>
            <input id=fid type="text" size="5" prop:value=move || draft.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    match Span::parse(&v) {
                        Ok(sp) => { error.set(None); edit(i, Box::new(move |al| set(al, sp))); }
                        Err(e) => { error.set(Some(e)); draft.set(v); }
                    }
                }/>
        }
    };
    view! {
        <tr data-alert=i>
            <th scope="row">{i + 1}</th>
            <td><label class="visually-hidden" for=id("severity")>{format!("Alert {} severity", i + 1)}</label>
                <select id=id("severity") on:change=move |ev| {
                    let sev = if event_target_value(&ev) == "page" { Severity::Page } else { Severity::Ticket };
                    edit(i, Box::new(move |al| al.severity = sev));
                }>
                    <option value="page" selected=move || alert().map(|x| x.severity) == Some(Severity::Page)>"Page"</option>
                    <option value="ticket" selected=move || alert().map(|x| x.severity) == Some(Severity::Ticket)>"Ticket"</option>
                </select></td>
            <td>{span_input("long window", "long", long, |al, sp| al.long = sp)}</td>
            <td>{span_input("short window", "short", short, |al, sp| al.short = sp)}</td>
            <td><label class="visually-hidden" for=id("share")>{format!("Alert {} budget spent when it fires (share of the window budget burnt within the long window), percent", i + 1)}</label>
                <input id=id("share") type="text" size="5" prop:value=move || share.get()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match parse_share_percent(&v) {
                            Ok(x) => {
                                error.set(None);
                                let w = facts.get_untracked().1;
                                edit(i, Box::new(move |al| *al = alerting::custom(al.severity, x, al.long, al.short, w)));
                            }
                            Err(e) => { error.set(Some(format!("budget share: {e}"))); share.set(v); }
                        }
                    }/>
                <Explain text=Signal::derive(move || row_facts.get().map(|f| format!("= {}", pct(f.budget_spent))).unwrap_or_default())
                    explanation=explained(|alert, _, window, _| Figure::BudgetSpent { alert, window })/></td>
            <td><label class="visually-hidden" for=id("factor")>{format!("Alert {} burn factor", i + 1)}</label>
                <input id=id("factor") type="text" size="5" prop:value=move || factor.get()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        match parse_factor(&v) {
                            Ok(x) => { error.set(None); edit(i, Box::new(move |al| al.factor = x)); }
                            Err(e) => { error.set(Some(format!("burn factor: {e}"))); factor.set(v); }
                        }
                    }/></td>
            <td class="num"><Explain text=Signal::derive(move || row_facts.get().map(|f| pct(f.threshold)).unwrap_or_default())
                explanation=explained(|alert, target, _, _| Figure::Threshold { alert, target })/></td>
            <td class="num"><Explain text=Signal::derive(move || row_facts.get().map(|f| maybe_time(f.detection_full_outage)).unwrap_or_default())
                explanation=explained(|alert, target, _, _| Figure::Detection { alert, target, error_ratio: 1.0 })/></td>
            <td class="num"><Explain text=Signal::derive(move || row_facts.get().map(|f| maybe_time(f.detection_at_error_ratio)).unwrap_or_default())
                explanation=explained(|alert, target, _, error_ratio| Figure::Detection { alert, target, error_ratio })/></td>
            <td class="num"><Explain text=Signal::derive(move || row_facts.get().map(|f| human_seconds(f.reset_seconds)).unwrap_or_default())
                explanation=explained(|alert, _, _, _| Figure::Reset { alert })/></td>
            <td>
                {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
                {move || lints.get().into_iter().filter(|f| f.alert == i).map(|f| {
                    let (class, icon) = match f.level { Level::Error => ("alert-lint", "✖ "), Level::Warning => ("alert-lint warning", "⚠ "), Level::Info => ("alert-lint warning", "ℹ ") };
                    view! { <span class=class data-lint=f.id.clone()>{icon}{f.message}</span> }
                }).collect_view()}
                {move || (lints.with(|l| !l.iter().any(|f| f.alert == i)) && error.with(Option::is_none)).then(|| view! { <span class="ok">"✓ OK"</span> })}
            </td>
            <td class="actions"><button type="button" id=id("remove") on:click=move |_| {
                let left = slo.with_untracked(|s| s.alerting.alerts.len().saturating_sub(1));
                slo.update(|s| {
                    if i < s.alerting.alerts.len() { s.alerting.alerts.remove(i); s.alerting.preset = slo_engine::model::AlertPreset::Custom; }
                });
                // The rows are rebuilt: keep focus on the row that took this place, or the one above.
                let next = if i < left { format!("alert-{i}-remove") } else if left > 0 { format!("alert-{}-remove", left - 1) } else { "add-alert".into() };
                request_animation_frame(move || focus_by_id(&next));
            }>"Remove"<span class="visually-hidden">{format!(" alert {}", i + 1)}</span></button></td>
        </tr>
    }
}
