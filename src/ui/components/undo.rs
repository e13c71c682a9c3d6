//! Undo for destructive actions: a toast that says what was removed or
//! replaced, with an Undo button, for a few seconds.
//!
//! The removed item itself is kept (not a snapshot of the whole project), so
//! undoing a deletion never throws away edits made since. Replacing the
//! whole project (loading an example, importing) keeps the previous one.

use crate::ui::store::Workspace;
use leptos::prelude::*;
use slo_engine::model::{Journey, Person, Progress, Project, Service, Slo, Target};
use std::time::Duration;

/// What can be put back.
#[derive(Clone, Debug)]
pub enum Removed {
    Slo {
        index: usize,
        // Boxed: an SLO (with its roadmap and records) outweighs every other variant.
        slo: Box<Slo>,
        progress: Option<Progress>,
    },
    Journey {
        index: usize,
        journey: Journey,
    },
    Service {
        index: usize,
        service: Service,
    },
    Person {
        index: usize,
        person: Person,
    },
    /// An SLO's target was replaced (by an apply on the Iteration page);
    /// this is the one before. Only the target goes back.
    Target {
        slo_id: String,
        target: Target,
    },
    /// The whole project was replaced; this is the one before.
    Project(Box<Project>),
}

impl Removed {
    fn restore(self, p: &mut Project) {
        match self {
            Removed::Slo {
                index,
                slo,
                progress,
            } => {
                if let Some(pr) = progress {
                    p.progress.insert(slo.id.clone(), pr);
                }
                p.slos.insert(index.min(p.slos.len()), *slo);
            }
            Removed::Journey { index, journey } => {
                p.journeys.insert(index.min(p.journeys.len()), journey)
            }
            Removed::Service { index, service } => {
                p.services.insert(index.min(p.services.len()), service)
            }
            Removed::Person { index, person } => p.people.insert(index.min(p.people.len()), person),
            Removed::Target { slo_id, target } => {
                if let Some(s) = p.slos.iter_mut().find(|s| s.id == slo_id) {
                    s.target = target
                }
            }
            Removed::Project(old) => *p = *old,
        }
    }
}

#[derive(Clone, Debug)]
struct Pending {
    message: String,
    removed: Removed,
    generation: u64,
}

/// The undo toast's state, provided by `PageFrame`.
#[derive(Clone, Copy)]
pub struct Undo {
    pending: RwSignal<Option<Pending>>,
    generation: RwSignal<u64>,
}

const SHOWN_FOR: Duration = Duration::from_secs(15);

impl Undo {
    pub fn new() -> Self {
        Undo {
            pending: RwSignal::new(None),
            generation: RwSignal::new(0),
        }
    }

    /// Offers to undo `removed`, describing it with `message` ("Deleted SLO “x”").
    pub fn offer(&self, message: impl Into<String>, removed: Removed) {
        let generation = self.generation.get_untracked() + 1;
        self.generation.set(generation);
        self.pending.set(Some(Pending {
            message: message.into(),
            removed,
            generation,
        }));
        let pending = self.pending;
        set_timeout(
            move || {
                // Only dismiss the toast this timer belongs to, not a newer one.
                if pending
                    .try_with_untracked(|p| p.as_ref().map(|p| p.generation) == Some(generation))
                    == Some(true)
                {
                    pending.set(None);
                }
            },
            SHOWN_FOR,
        );
    }

    fn undo(&self, ws: Workspace) {
        if let Some(p) = self.pending.get_untracked() {
            ws.update(|proj| p.removed.restore(proj));
            self.pending.set(None);
        }
    }
}

impl Default for Undo {
    fn default() -> Self {
        Self::new()
    }
}

/// The toast itself; lives at the bottom of the page frame.
#[component]
pub fn UndoToast() -> impl IntoView {
    let undo = expect_context::<Undo>();
    let ws = expect_context::<Workspace>();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || undo.pending.get().map(|p| view! {
                <div class="toast">
                    <span>{p.message}</span>
                    <button type="button" class="undo" on:click=move |_| {
                        undo.undo(ws);
                        // The toast goes away with its button: keep keyboard focus on the page, not lost to <body>.
                        crate::ui::components::glossary::focus_by_id("main");
                    }>"Undo"</button>
                    <button type="button" class="dismiss" aria-label="Dismiss message"
                        on:click=move |_| {
                            undo.pending.set(None);
                            crate::ui::components::glossary::focus_by_id("main");
                        }>"×"</button>
                </div>
            })}
        </div>
    }
}
