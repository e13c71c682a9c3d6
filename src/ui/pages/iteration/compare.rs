//! Comparing two drafts on the same data: the selected SLO (A) and a variant
//! (B) with another target, window, budgeting method or alert set, side by
//! side, with both budgets on one chart.

use super::Iter;
use crate::ui::components::Term;
use leptos::prelude::*;
pub use slo_engine::compare::Variant;
use slo_engine::compare::{budget_chart, table};

#[component]
pub fn Compare() -> impl IntoView {
    let it = expect_context::<Iter>();
    let draft = RwSignal::new(Variant::default());
    let error = Memo::new(move |_| it.slo.get().and_then(|a| draft.get().apply(&a).err()));
    let open = move || it.variant.with(|v| v.is_some());
    // An invalid draft B is not replayed: the error says why, and any
    // comparison already shown stays as it was.
    let submit = move |_| {
        if error.get_untracked().is_none() {
            it.variant.set(Some(draft.get_untracked()));
        }
    };

    let field = move |id: &'static str,
                      label: &'static str,
                      get: fn(&Variant) -> String,
                      set: fn(&mut Variant, String),
                      placeholder: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" placeholder=placeholder prop:value=move || draft.with(get)
                    on:change=move |ev| draft.update(|d| set(d, event_target_value(&ev)))/>
            </div>
        }
    };

    view! {
        <section class="compare" aria-labelledby="compare-h">
            <h2 id="compare-h">"5. Compare with another draft"</h2>
            <p class="hint">"Draft B is the replayed SLO with the changes below (target, "<Term id="window" text="window"/>", "
                <Term id="budgeting-method" text="budgeting method"/>" or alert set); empty fields stay as in draft A."</p>
            <div class="fields">
                {field("b-target", "Target B (%)", |d| d.target.clone(), |d, v| d.target = v, "same as A")}
                <div class="field">
                    <label for="b-window">"Window B"</label>
                    <select id="b-window" prop:value=move || draft.with(|d| d.window.clone())
                        on:change=move |ev| draft.update(|d| d.window = event_target_value(&ev))>
                        <option value="same">"same as A"</option>
                        <option value="7">"7 days, rolling"</option>
                        <option value="28">"28 days, rolling"</option>
                        <option value="30">"30 days, rolling"</option>
                        <option value="90">"90 days, rolling"</option>
                        <option value="week">"calendar week (UTC)"</option>
                        <option value="month">"calendar month (UTC)"</option>
                        <option value="quarter">"calendar quarter (UTC)"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="b-budgeting">"Budgeting B"</label>
                    <select id="b-budgeting" prop:value=move || draft.with(|d| d.budgeting.clone())
                        on:change=move |ev| draft.update(|d| d.budgeting = event_target_value(&ev))>
                        <option value="same">"same as A"</option>
                        <option value="occurrences">"occurrences"</option>
                        <option value="timeslices">"time slices (5 min, good at 95%)"</option>
                        <option value="ratio_timeslices">"ratio time slices (5 min)"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="b-alerts">"Alerts B"</label>
                    <select id="b-alerts" prop:value=move || draft.with(|d| d.alerts.clone())
                        on:change=move |ev| draft.update(|d| d.alerts = event_target_value(&ev))>
                        <option value="same">"same as A"</option>
                        <option value="workbook30">"SRE Workbook, 30 days"</option>
                        <option value="workbook28">"SRE Workbook, 28 days"</option>
                        <option value="pyrra">"Pyrra, scaled to window B"</option>
                        <option value="pages_only">"A's page alerts only"</option>
                        <option value="tickets_only">"A's ticket alerts only"</option>
                    </select>
                </div>
            </div>
            <div class="row">
                <button id="compare-run" class="primary" on:click=submit>"Compare"</button>
                {move || open().then(|| view! { <button on:click=move |_| it.variant.set(None)>"Close the comparison"</button> })}
            </div>
            {move || error.get().map(|e| view! { <p class="error" id="compare-error" role="alert">{e}</p> })}
            {move || {
                let (Some(ra), Some(rb), Some(a), Some(b)) = (it.engine.reports[0].get(), it.engine.reports[1].get(), it.slo.get(), it.slo_b.get()) else {
                    let replaying = open() && it.slo_b.with(|b| b.is_some());
                    return replaying.then(|| view! { <p class="hint">"Replaying draft B..."</p> }.into_any());
                };
                let rows = table(&ra, &a, &rb, &b);
                let svg = budget_chart(&ra, &a, &rb, &b).unwrap_or_default();
                Some(view! {
                    <table class="compare-table" id="compare-table">
                        <caption>"Draft A and draft B on the same data"</caption>
                        <thead><tr><th scope="col">"Figure"</th><th scope="col">"Draft A"</th><th scope="col">"Draft B"</th></tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| {
                                let changed = row.changed();
                                view! { <tr class:changed=changed><th scope="row">{row.figure}</th><td>{row.a}</td><td>{row.b}{changed.then_some(" *")}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">"* differs from draft A"</p>
                    <figure class="chart" id="chart-compare"><div class="chart-svg" inner_html=svg></div></figure>
                }.into_any())
            }}
        </section>
    }
}
