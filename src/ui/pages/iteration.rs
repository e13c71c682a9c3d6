//! The Iteration page.

use leptos::prelude::*;

#[component]
pub fn IterationPage() -> impl IntoView {
    view! { <super::NotBuilt title="Iteration"/> }
}
