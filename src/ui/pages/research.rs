//! The Research page.

use leptos::prelude::*;

#[component]
pub fn ResearchPage() -> impl IntoView {
    view! { <super::NotBuilt title="Research"/> }
}
