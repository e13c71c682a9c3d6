//! The Implementation page.

use leptos::prelude::*;

#[component]
pub fn ImplementationPage() -> impl IntoView {
    view! { <super::NotBuilt title="Implementation"/> }
}
