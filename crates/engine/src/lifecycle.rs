//! Where each SLO stands in its lifecycle (drafted, agreed, exported), the
//! rules that move it from one state to the next, and its identifier, which
//! follows its name until it is pinned.
//!
//! Pure functions over `model::Project`: the UI calls them and only formats
//! what they return, so no page decides a transition on its own. This module
//! must not know any export format (Markdown, YAML) nor the browser.

use crate::lint::FindingId;
use crate::model::{slug, Commitment, Progress, Project, Slo};

impl Progress {
    /// Every state, in lifecycle order.
    pub const ALL: [Progress; 3] = [Progress::Drafted, Progress::Agreed, Progress::Exported];

    /// The state's name as a heading or a select option shows it.
    pub fn label(self) -> &'static str {
        match self {
            Progress::Drafted => "Drafted",
            Progress::Agreed => "Agreed",
            Progress::Exported => "Exported",
        }
    }
}

/// The recorded state of the SLO `id`; an SLO never marked is a draft.
pub fn progress_of(project: &Project, id: &str) -> Progress {
    project.progress.get(id).copied().unwrap_or_default()
}

/// The state after the SLO's deployable rules were downloaded or copied.
/// Only an agreed SLO becomes exported: rules taken from a draft are a trial,
/// not an agreement, so the draft stays a draft.
pub fn after_rules_export(current: Progress) -> Progress {
    match current {
        Progress::Agreed | Progress::Exported => Progress::Exported,
        Progress::Drafted => Progress::Drafted,
    }
}

/// Records a rules export of the SLO `id` (or of every SLO when `None`) and
/// returns the names of the SLOs that stayed drafts, for the UI to say so.
pub fn record_rules_export(project: &mut Project, id: Option<&str>) -> Vec<String> {
    let chosen: Vec<(String, String)> = project
        .slos
        .iter()
        .filter(|s| id.is_none_or(|id| s.id == id))
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let mut still_drafts = Vec::new();
    for (id, name) in chosen {
        let next = after_rules_export(progress_of(project, &id));
        if next == Progress::Drafted {
            still_drafts.push(name);
        } else {
            project.progress.insert(id, next);
        }
    }
    still_drafts
}

/// One sentence saying where an SLO stands and what binds the team, for a
/// document read by people who were not in the room. A draft never reads
/// as agreed, whatever commitment it proposes.
pub fn standing(progress: Progress, commitment: Commitment) -> &'static str {
    match (progress, commitment) {
        (Progress::Drafted, Commitment::Committed) => {
            "Proposed as a committed target. The team has not agreed to it yet: neither the target nor the error budget policy applies."
        }
        (Progress::Drafted, Commitment::Aspirational) => {
            "Proposed as an aspirational target. The team has not agreed to it yet."
        }
        (Progress::Agreed, Commitment::Committed) => {
            "Committed: the team has agreed to this target and its error budget policy. Its rules are not exported yet."
        }
        (Progress::Agreed, Commitment::Aspirational) => {
            "Aspirational: the team has agreed to aim for this target; missing it triggers no policy yet. Its rules are not exported yet."
        }
        (Progress::Exported, Commitment::Committed) => {
            "Committed: the team has agreed to this target and its error budget policy, and its rules were exported for deployment."
        }
        (Progress::Exported, Commitment::Aspirational) => {
            "Aspirational: the team has agreed to aim for this target, and its rules were exported for deployment; missing it triggers no policy yet."
        }
    }
}

/// The SLO's identifier still follows its name: it is neither exported nor
/// set by the user. A user-set identifier is one that is not the slug of the
/// name (nor that slug made unique with `-2`, `-3`...).
pub fn id_follows_name(project: &Project, slo: &Slo) -> bool {
    if progress_of(project, &slo.id) == Progress::Exported {
        return false;
    }
    let base = slug(&slo.name);
    match slo.id.strip_prefix(&base) {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())),
        None => false,
    }
}

/// `wanted` made unique among the other SLOs' identifiers (`wanted`,
/// `wanted-2`, `wanted-3`...). The SLO at `except` does not count, so an SLO
/// keeps its own identifier.
pub fn unique_id(project: &Project, wanted: &str, except: Option<usize>) -> String {
    crate::ids::TakenIds::of_others(&project.slos, except).claim(wanted)
}

/// Renames the SLO at `index`. While its identifier follows the name, the
/// identifier becomes the slug of the new name, and what is keyed by it
/// (progress, acknowledged findings) moves along.
pub fn rename(project: &mut Project, index: usize, name: &str) {
    let Some(slo) = project.slos.get(index) else {
        return;
    };
    let follows = id_follows_name(project, slo);
    let old = slo.id.clone();
    let new = unique_id(project, &slug(name), Some(index));
    if let Some(slo) = project.slos.get_mut(index) {
        slo.name = name.to_string();
    }
    if follows && new != old {
        set_id(project, index, &new);
    }
}

/// Gives the SLO at `index` the identifier `id` (as typed; it is made a
/// unique slug) and moves what is keyed by the old one. Returns the
/// identifier it got.
pub fn set_id(project: &mut Project, index: usize, id: &str) -> Option<String> {
    let new = unique_id(project, &slug(id), Some(index));
    let slo = project.slos.get_mut(index)?;
    let old = std::mem::replace(&mut slo.id, new.clone());
    if let Some(pr) = project.progress.remove(&old) {
        project.progress.insert(new.clone(), pr);
    }
    crate::internal::rename_links(project, &old, &new);
    // A finding about this SLO has it as the first part of its subject.
    let moved: Vec<(String, String)> = project
        .acknowledged
        .keys()
        .filter_map(|key| {
            let id = FindingId::parse(key)?;
            let (first, rest) = match id.subject.split_once(':') {
                Some((first, rest)) => (first, Some(rest)),
                None => (id.subject, None),
            };
            (first == old).then(|| {
                let mut subject = vec![new.as_str()];
                subject.extend(rest);
                (key.clone(), id.rule.id(&subject))
            })
        })
        .collect();
    for (from, to) in moved {
        if let Some(reason) = project.acknowledged.remove(&from) {
            project.acknowledged.insert(to, reason);
        }
    }
    Some(new)
}

/// The SLO still carries a name or identifier the app or a template gave it
/// ("New SLO", `new-slo-2`, "Untitled", "TBD"), which every export would
/// spread into rule names and alerts.
pub fn has_placeholder_name(slo: &Slo) -> bool {
    let name = slo.name.trim().to_lowercase();
    let bare = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let id = slo
        .id
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
    matches!(
        bare,
        "" | "new slo" | "untitled" | "untitled slo" | "tbd" | "todo"
    ) || id == "new-slo"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(slos: &[(&str, &str)]) -> Project {
        Project {
            slos: slos
                .iter()
                .map(|(id, name)| Slo {
                    id: id.to_string(),
                    name: name.to_string(),
                    ..Slo::default()
                })
                .collect(),
            ..Project::default()
        }
    }

    #[test]
    fn downloading_rules_exports_an_agreed_slo_but_leaves_a_draft_a_draft() {
        assert_eq!(after_rules_export(Progress::Drafted), Progress::Drafted);
        assert_eq!(after_rules_export(Progress::Agreed), Progress::Exported);
        assert_eq!(after_rules_export(Progress::Exported), Progress::Exported);
    }

    #[test]
    fn a_project_export_marks_the_agreed_slos_and_names_the_drafts() {
        let mut p = project(&[("a", "A"), ("b", "B"), ("c", "C")]);
        p.progress.insert("b".into(), Progress::Agreed);
        p.progress.insert("c".into(), Progress::Exported);
        assert_eq!(record_rules_export(&mut p, None), vec!["A".to_string()]);
        assert_eq!(progress_of(&p, "a"), Progress::Drafted);
        assert_eq!(progress_of(&p, "b"), Progress::Exported);
        assert_eq!(progress_of(&p, "c"), Progress::Exported);
    }

    #[test]
    fn a_single_slo_export_touches_only_that_slo() {
        let mut p = project(&[("a", "A"), ("b", "B")]);
        p.progress.insert("a".into(), Progress::Agreed);
        p.progress.insert("b".into(), Progress::Agreed);
        assert!(record_rules_export(&mut p, Some("a")).is_empty());
        assert_eq!(progress_of(&p, "a"), Progress::Exported);
        assert_eq!(progress_of(&p, "b"), Progress::Agreed);
    }

    #[test]
    fn only_an_agreed_or_exported_slo_reads_as_agreed() {
        for c in [Commitment::Committed, Commitment::Aspirational] {
            assert!(standing(Progress::Drafted, c).contains("not agreed"));
            assert!(!standing(Progress::Drafted, c).contains("has agreed"));
            assert!(standing(Progress::Agreed, c).contains("has agreed"));
            assert!(standing(Progress::Exported, c).contains("exported"));
        }
    }

    #[test]
    fn a_new_slo_takes_the_slug_of_its_new_name() {
        let mut p = project(&[("new-slo", "New SLO")]);
        p.progress.insert("new-slo".into(), Progress::Agreed);
        p.acknowledged
            .insert("target-too-high:new-slo".into(), "we know".into());
        p.acknowledged
            .insert("alert-never-fires:new-slo:0".into(), "fine".into());
        p.acknowledged
            .insert("no-journey:new-slo-2".into(), "another SLO's".into());
        rename(&mut p, 0, "Checkout latency");
        assert_eq!(p.slos[0].name, "Checkout latency");
        assert_eq!(p.slos[0].id, "checkout-latency");
        assert_eq!(progress_of(&p, "checkout-latency"), Progress::Agreed);
        assert!(!p.progress.contains_key("new-slo"));
        assert_eq!(
            p.acknowledged.get("target-too-high:checkout-latency"),
            Some(&"we know".to_string())
        );
        assert!(p
            .acknowledged
            .contains_key("alert-never-fires:checkout-latency:0"));
        assert!(p.acknowledged.contains_key("no-journey:new-slo-2"));
    }

    #[test]
    fn a_numbered_placeholder_id_follows_too_and_stays_unique() {
        let mut p = project(&[("checkout", "Checkout"), ("new-slo-2", "New SLO")]);
        assert!(id_follows_name(&p, &p.slos[1]));
        rename(&mut p, 1, "Checkout");
        assert_eq!(p.slos[1].id, "checkout-2");
    }

    #[test]
    fn a_user_set_id_stays_when_the_slo_is_renamed() {
        let mut p = project(&[("co-lat", "Checkout latency")]);
        assert!(!id_follows_name(&p, &p.slos[0]));
        rename(&mut p, 0, "Checkout p99 latency");
        assert_eq!(p.slos[0].id, "co-lat");
        assert_eq!(p.slos[0].name, "Checkout p99 latency");
    }

    #[test]
    fn an_exported_slo_keeps_its_id_because_deployed_rules_use_it() {
        let mut p = project(&[("checkout", "Checkout")]);
        p.progress.insert("checkout".into(), Progress::Exported);
        rename(&mut p, 0, "Checkout API");
        assert_eq!(p.slos[0].id, "checkout");
    }

    #[test]
    fn placeholder_names_and_ids_are_recognised() {
        let slo = |id: &str, name: &str| Slo {
            id: id.into(),
            name: name.into(),
            ..Slo::default()
        };
        assert!(has_placeholder_name(&slo("new-slo", "New SLO")));
        assert!(has_placeholder_name(&slo("x", "New SLO 2")));
        assert!(has_placeholder_name(&slo("x", "  ")));
        assert!(has_placeholder_name(&slo("new-slo-3", "Checkout")));
        assert!(has_placeholder_name(&slo("x", "TBD")));
        assert!(!has_placeholder_name(&slo("checkout", "Checkout")));
        assert!(!has_placeholder_name(&slo("new-slots", "New slots booked")));
    }

    #[test]
    fn setting_an_id_slugs_it_and_avoids_another_slos_id() {
        let mut p = project(&[("a", "A"), ("b", "B")]);
        assert_eq!(set_id(&mut p, 1, "A"), Some("a-2".to_string()));
        assert_eq!(set_id(&mut p, 5, "x"), None);
    }
}
