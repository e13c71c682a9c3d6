//! The Language page.

use leptos::prelude::*;

#[component]
pub fn LanguagePage() -> impl IntoView {
    view! { <super::NotBuilt title="Language"/> }
}
