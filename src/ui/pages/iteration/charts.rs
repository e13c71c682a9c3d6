//! The charts: SLI against target, budget remaining, burn rate per alert
//! window with its threshold, the alert timeline on the same time axis, and
//! the target sweep. A slider over time (and the mouse over any chart) reads
//! out the values at one instant; each chart saves as SVG or PNG. What each
//! chart shows and what the read-outs say is `slo_engine::replay_charts`;
//! this module places the SVG and handles the mouse and the downloads.

use super::format;
use super::Iter;
use leptos::prelude::*;
use slo_engine::chart::{self, standalone_svg};
use slo_engine::replay_charts::{self, draw_all, draw_sweep, tip_for, Drawn, WIDTH};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Charts() -> impl IntoView {
    let it = expect_context::<Iter>();
    let report = it.engine.reports[0];
    let drawn = Memo::new(move |_| {
        let r = report.get()?;
        let slo = it.slo.get()?;
        Some(Arc::new(draw_all(&r, &slo)))
    });
    let swept = Memo::new(move |_| it.engine.sweep.get().map(|rows| draw_sweep(&rows)));
    let x_range = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.x_range)));

    view! {
        <section class="charts" aria-labelledby="charts-h">
            <h2 id="charts-h">"3. Charts"</h2>
            <Cursor/>
            {move || match drawn.get() {
                None => view! { <p class="hint">"Replaying..."</p> }.into_any(),
                Some(list) => list.iter().cloned().map(|d| view! { <Figure d=d x_range=x_range/> }).collect_view().into_any(),
            }}
            {move || match swept.get() {
                None => view! { <p class="hint">"Sweeping targets..."</p> }.into_any(),
                Some(d) => view! { <Figure d=d x_range=x_range/> }.into_any(),
            }}
        </section>
    }
}

/// One chart with its cursor line and save buttons.
#[component]
fn Figure(d: Drawn, x_range: Memo<Option<(i64, i64)>>) -> impl IntoView {
    let it = expect_context::<Iter>();
    let timed = d.timed;
    let id = d.id;
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let (Some(range), true) = (x_range.get_untracked(), timed) else {
            return;
        };
        let Some(target) = ev.current_target() else {
            return;
        };
        let el: web_sys::Element = target.unchecked_into();
        let rect = el.get_bounding_client_rect();
        if rect.width() > 0.0 {
            let f = (f64::from(ev.client_x()) - rect.left()) / rect.width();
            it.cursor.set(Some(chart::time_at(f, range, WIDTH)));
        }
    };
    let title = d.title.clone();
    let file = d.id.trim_start_matches("chart-").to_string();
    let file_png = file.clone();
    let svg_for_save = d.svg.clone();
    let svg_for_png = d.svg.clone();
    view! {
        <figure class="chart" id=d.id>
            <div class="chart-frame" on:mousemove=on_move>
                <div class="chart-svg" inner_html=d.svg></div>
                {move || timed.then(|| it.cursor.get().zip(x_range.get()).map(|(t, range)| {
                    let at = chart::position_of(t, range, WIDTH) * 100.0;
                    // The read-out under the slider says the same for screen readers.
                    let tip = match (it.engine.reports[0].get(), it.slo.get()) {
                        (Some(r), Some(slo)) => tip_for(id, &r, &slo, t),
                        _ => String::new(),
                    };
                    let side = if at > 60.0 { format!("right:{:.3}%", 100.0 - at) } else { format!("left:{at:.3}%") };
                    view! {
                        <div class="cursor-line" aria-hidden="true" style=format!("left:{at:.3}%")></div>
                        <div class="cursor-tip" aria-hidden="true" style=side>{tip}</div>
                    }
                })).flatten()}
            </div>
            <figcaption>
                // Names start with the visible words, so "click Save SVG" works for voice control.
                <span>{title.clone()}</span>
                <button aria-label=format!("Save SVG: {title}")
                    on:click=move |_| download_text(&format!("{file}.svg"), &standalone_svg(&svg_for_save), "image/svg+xml")>
                    "Save SVG"
                </button>
                <button aria-label=format!("Save PNG: {title}")
                    on:click=move |_| save_png(&format!("{file_png}.png"), &standalone_svg(&svg_for_png))>
                    "Save PNG"
                </button>
            </figcaption>
        </figure>
    }
}

/// The slider over time and the read-out of every figure at that time.
#[component]
fn Cursor() -> impl IntoView {
    let it = expect_context::<Iter>();
    let report = it.engine.reports[0];
    let readout = move || -> Option<Vec<String>> {
        let r = report.get()?;
        let slo = it.slo.get()?;
        let t = it.cursor.get().unwrap_or(r.x_range.1);
        Some(replay_charts::readout(&r, &slo, t))
    };
    view! {
        {move || report.get().map(|r| {
            let (x0, x1) = r.x_range;
            let step = replay_charts::cursor_step((x0, x1));
            view! {
                <div class="cursor-control">
                    <label for="time-cursor">"Read values at a time (arrow keys move, or hover a chart)"</label>
                    <input id="time-cursor" type="range" min=x0.to_string() max=x1.to_string() step=step.to_string()
                        prop:value=move || it.cursor.get().unwrap_or(x1).to_string()
                        aria-valuetext=move || format::when(it.cursor.get().unwrap_or(x1))
                        on:input=move |ev| it.cursor.set(event_target_value(&ev).parse().ok())/>
                </div>
            }
        })}
        <output id="cursor-readout" for="time-cursor" class="readout" aria-live="polite">
            {move || readout().map(|lines| {
                let mut it = lines.into_iter();
                let head = it.next().unwrap_or_default();
                view! { <strong>{head}</strong>" "{it.collect::<Vec<_>>().join("; ")} }
            })}
        </output>
    }
}

/// Offers text as a file download.
pub fn download_text(name: &str, text: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click_link(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn click_link(name: &str, href: &str) {
    let Ok(a) = document().create_element("a") else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(href);
    a.set_download(name);
    a.click();
}

/// Draws the SVG on a canvas at twice its size and offers the PNG.
fn save_png(name: &str, svg: &str) {
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let name = name.to_string();
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let (w, h) = (img2.natural_width().max(1), img2.natural_height().max(1));
        let scale = 2u32;
        let Ok(canvas) = document().create_element("canvas") else {
            return;
        };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(w * scale);
        canvas.set_height(h * scale);
        if let Ok(Some(ctx)) = canvas.get_context("2d") {
            let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
            let _ = ctx.scale(f64::from(scale), f64::from(scale));
            let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
            if let Ok(data) = canvas.to_data_url_with_type("image/png") {
                click_link(&name, &data);
            }
        }
        let _ = web_sys::Url::revoke_object_url(&url2);
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}
