//! The Share page.

use leptos::prelude::*;

#[component]
pub fn SharePage() -> impl IntoView {
    view! { <super::NotBuilt title="Share"/> }
}
