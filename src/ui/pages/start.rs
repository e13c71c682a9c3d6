//! The Start page.

use leptos::prelude::*;

#[component]
pub fn StartPage() -> impl IntoView {
    view! { <super::NotBuilt title="Start"/> }
}
