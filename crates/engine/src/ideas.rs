//! The room's ideas: candidate journeys and candidate SLIs written down as
//! light notes (who proposed them, how many dots they got), the team's own
//! SLI menu entries, and the workshop checklist ticks. A candidate becomes a
//! `Journey` or an SLO draft only when the room chooses it.
//!
//! Pure functions over `model::Project` and `Ideas`. Choosing builds the SLO
//! through `ids::fresh_id` and leaves it a draft (`lifecycle` counts it from
//! then on; a candidate is never counted as drafted). This module must not
//! know Markdown (that is `export::workshop`) nor the browser.

use crate::catalog::{self, Entry};
use crate::ids::fresh_id;
use crate::model::{slug, EventKind, Journey, Project, Sli, Slo, Target};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Everything the room proposed, kept in `Project::ideas`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Ideas {
    pub journeys: Vec<CandidateJourney>,
    pub slis: Vec<CandidateSli>,
    /// The team's own SLI menu entries, offered beside the catalog's.
    pub menu: Vec<TeamEntry>,
    /// Workshop checklist ticks: roadmap step id (`guide::Step::id`) to the
    /// indices of its ticked items.
    pub checklist: BTreeMap<String, BTreeSet<usize>>,
}

/// A journey someone proposed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateJourney {
    /// Unique among the project's candidates (journeys and SLIs together).
    pub id: u32,
    pub name: String,
    pub proposed_by: String,
    /// Dots the room gave it.
    pub votes: u32,
    /// The journey made from it, once chosen.
    pub chosen: Option<String>,
}

/// An SLI someone proposed: free text, or a menu entry picked for a journey.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateSli {
    /// Unique among the project's candidates (journeys and SLIs together).
    pub id: u32,
    pub text: String,
    /// The journey it is for, by name; empty when not said.
    pub journey: String,
    /// Id of the menu entry it came from (a catalog id or a `TeamEntry` id); empty when typed.
    pub template: String,
    pub proposed_by: String,
    pub votes: u32,
    /// Id of the SLO draft made from it, once chosen.
    pub chosen: Option<String>,
}

/// An SLI menu entry the team wrote: good events over all events.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamEntry {
    /// `team-` and the slug of its name, unique in the menu.
    pub id: String,
    pub name: String,
    /// What counts as good, in words.
    pub specification: String,
    /// PromQL counting good events (Sloth's `{{.window}}` for the range).
    pub good_query: String,
    /// PromQL counting all events.
    pub total_query: String,
}

/// Which candidate an action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    Journey(u32),
    Sli(u32),
}

/// A menu entry as a candidate SLI or an SLO draft reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Template<'a> {
    Catalog(&'static Entry),
    Team(&'a TeamEntry),
}

impl Template<'_> {
    /// The entry's id, as a candidate's `template` names it.
    pub fn id(&self) -> String {
        match self {
            Template::Catalog(e) => e.id.to_string(),
            Template::Team(t) => t.id.clone(),
        }
    }

    /// The entry's short name: the catalog's category or the team's name.
    pub fn name(&self) -> String {
        match self {
            Template::Catalog(e) => e.category.name().to_string(),
            Template::Team(t) => t.name.clone(),
        }
    }

    pub fn specification(&self) -> String {
        match self {
            Template::Catalog(e) => e.specification.to_string(),
            Template::Team(t) => t.specification.clone(),
        }
    }

    /// The example implementation as the menu shows it: good over all.
    pub fn promql(&self) -> String {
        match self {
            Template::Catalog(e) => e.promql(),
            Template::Team(t) => format!("{}\n/\n{}", t.good_query, t.total_query),
        }
    }

    fn sli(&self) -> Sli {
        match self {
            Template::Catalog(e) => e.to_sli(),
            Template::Team(t) => Sli::Ratio {
                counts: EventKind::Good,
                events_query: t.good_query.clone(),
                total_query: t.total_query.clone(),
            },
        }
    }

    fn target(&self) -> Target {
        match self {
            Template::Catalog(e) => {
                Target::from_number(e.suggested_target).unwrap_or(Target(0.999))
            }
            Template::Team(_) => Target(0.999),
        }
    }
}

/// The menu entry `id`: the catalog's, else the team's.
pub fn template<'a>(ideas: &'a Ideas, id: &str) -> Option<Template<'a>> {
    catalog::entry(id)
        .map(Template::Catalog)
        .or_else(|| ideas.menu.iter().find(|t| t.id == id).map(Template::Team))
}

/// The id the next candidate gets: one above every id in use.
fn next_id(ideas: &Ideas) -> u32 {
    let journeys = ideas.journeys.iter().map(|c| c.id);
    let slis = ideas.slis.iter().map(|c| c.id);
    journeys
        .chain(slis)
        .max()
        .map_or(1, |m| m.saturating_add(1))
}

fn required(text: &str, what: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        Err(format!("write the {what} first"))
    } else {
        Ok(t.to_string())
    }
}

/// Adds a candidate journey; its id, or why not (an empty name).
pub fn add_journey(ideas: &mut Ideas, name: &str, proposed_by: &str) -> Result<u32, String> {
    let name = required(name, "journey")?;
    let id = next_id(ideas);
    ideas.journeys.push(CandidateJourney {
        id,
        name,
        proposed_by: proposed_by.trim().to_string(),
        ..CandidateJourney::default()
    });
    Ok(id)
}

/// Adds a candidate SLI typed as free text, for `journey` (may be empty).
pub fn add_sli(
    ideas: &mut Ideas,
    text: &str,
    journey: &str,
    proposed_by: &str,
) -> Result<u32, String> {
    let text = required(text, "SLI idea")?;
    Ok(push_sli(ideas, text, journey, "", proposed_by))
}

/// Adds the menu entry `template` as a candidate SLI for `journey`; `None`
/// when no menu entry has that id.
pub fn add_from_menu(
    ideas: &mut Ideas,
    template_id: &str,
    journey: &str,
    proposed_by: &str,
) -> Option<u32> {
    let text = template(ideas, template_id)?.name();
    Some(push_sli(ideas, text, journey, template_id, proposed_by))
}

fn push_sli(ideas: &mut Ideas, text: String, journey: &str, template: &str, by: &str) -> u32 {
    let id = next_id(ideas);
    ideas.slis.push(CandidateSli {
        id,
        text,
        journey: journey.trim().to_string(),
        template: template.to_string(),
        proposed_by: by.trim().to_string(),
        ..CandidateSli::default()
    });
    id
}

/// Rewrites a candidate's text (a journey's name, an SLI's words); false when
/// it is gone or the text is empty.
pub fn edit(ideas: &mut Ideas, which: Candidate, text: &str) -> bool {
    let Ok(text) = required(text, "text") else {
        return false;
    };
    match which {
        Candidate::Journey(id) => ideas
            .journeys
            .iter_mut()
            .find(|c| c.id == id)
            .map(|c| c.name = text),
        Candidate::Sli(id) => ideas
            .slis
            .iter_mut()
            .find(|c| c.id == id)
            .map(|c| c.text = text),
    }
    .is_some()
}

/// Removes a candidate; false when it was already gone. What was made from
/// it (a journey, an SLO draft) stays.
pub fn remove(ideas: &mut Ideas, which: Candidate) -> bool {
    let before = ideas.journeys.len() + ideas.slis.len();
    match which {
        Candidate::Journey(id) => ideas.journeys.retain(|c| c.id != id),
        Candidate::Sli(id) => ideas.slis.retain(|c| c.id != id),
    }
    ideas.journeys.len() + ideas.slis.len() < before
}

/// Adds `delta` dots to a candidate (never below zero); its new count, or
/// `None` when it is gone.
pub fn vote(ideas: &mut Ideas, which: Candidate, delta: i32) -> Option<u32> {
    let votes = match which {
        Candidate::Journey(id) => &mut ideas.journeys.iter_mut().find(|c| c.id == id)?.votes,
        Candidate::Sli(id) => &mut ideas.slis.iter_mut().find(|c| c.id == id)?.votes,
    };
    *votes = votes.saturating_add_signed(delta);
    Some(*votes)
}

/// The result of the vote: candidates with the most dots first, ties in the
/// order they were proposed.
pub struct Ranking<'a> {
    pub journeys: Vec<&'a CandidateJourney>,
    pub slis: Vec<&'a CandidateSli>,
}

pub fn ranking(ideas: &Ideas) -> Ranking<'_> {
    let mut journeys: Vec<&CandidateJourney> = ideas.journeys.iter().collect();
    let mut slis: Vec<&CandidateSli> = ideas.slis.iter().collect();
    // Stable sorts keep the proposal order among equal counts.
    journeys.sort_by_key(|c| std::cmp::Reverse(c.votes));
    slis.sort_by_key(|c| std::cmp::Reverse(c.votes));
    Ranking { journeys, slis }
}

/// Makes the candidate journey `id` a journey of the project (on its first
/// service) and returns the journey's name. A journey of that name already
/// there is reused, not doubled.
pub fn choose_journey(project: &mut Project, id: u32) -> Option<String> {
    let name = project
        .ideas
        .journeys
        .iter()
        .find(|c| c.id == id)?
        .name
        .clone();
    ensure_journey(project, &name);
    Some(name)
}

/// The journey `name` exists in the project, and a candidate journey of that
/// name is marked chosen.
fn ensure_journey(project: &mut Project, name: &str) {
    if !project.journeys.iter().any(|j| j.name == name) {
        let service = project
            .services
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        project.journeys.push(Journey {
            name: name.to_string(),
            service,
            description: String::new(),
        });
    }
    for c in project.ideas.journeys.iter_mut().filter(|c| c.name == name) {
        c.chosen = Some(name.to_string());
    }
}

/// Turns the candidate SLI `id` into an SLO draft and returns the SLO's id.
/// From a menu entry the draft gets its SLI, specification and suggested
/// target; from free text, the text as its name and description. Its journey
/// joins the project if it was only a candidate, so the draft never names a
/// journey the project lacks. Choosing it again returns the same draft while
/// that SLO exists.
pub fn choose_sli(project: &mut Project, id: u32) -> Option<String> {
    let candidate = project.ideas.slis.iter().find(|c| c.id == id)?.clone();
    if let Some(made) = &candidate.chosen {
        if project.slos.iter().any(|s| &s.id == made) {
            return Some(made.clone());
        }
    }
    if !candidate.journey.is_empty() {
        ensure_journey(project, &candidate.journey);
    }
    let slo = draft(project, &candidate);
    let slo_id = slo.id.clone();
    project.slos.push(slo);
    if let Some(c) = project.ideas.slis.iter_mut().find(|c| c.id == id) {
        c.chosen = Some(slo_id.clone());
    }
    Some(slo_id)
}

fn draft(project: &Project, candidate: &CandidateSli) -> Slo {
    let service = project
        .journeys
        .iter()
        .find(|j| j.name == candidate.journey)
        .map(|j| j.service.clone())
        .filter(|s| !s.is_empty())
        .or_else(|| project.services.first().map(|s| s.name.clone()))
        .unwrap_or_default();
    let from_menu = template(&project.ideas, &candidate.template);
    let name = match (&from_menu, candidate.journey.is_empty()) {
        (Some(t), false) => format!("{} {}", candidate.journey, t.name().to_lowercase()),
        _ => candidate.text.clone(),
    };
    let mut slo = Slo {
        id: fresh_id(&name, &project.slos),
        name,
        service,
        journey: candidate.journey.clone(),
        description: candidate.text.clone(),
        ..Slo::default()
    };
    if let Some(t) = from_menu {
        slo.description = t.specification();
        slo.sli = t.sli();
        slo.target = t.target();
    }
    slo
}

/// A journey of the project was renamed: the candidate SLIs proposed for it
/// follow, and a candidate journey chosen under the old name says the new one.
pub fn rename_journey(ideas: &mut Ideas, old: &str, new: &str) {
    for c in ideas.slis.iter_mut().filter(|c| c.journey == old) {
        c.journey = new.to_string();
    }
    for c in ideas
        .journeys
        .iter_mut()
        .filter(|c| c.chosen.as_deref() == Some(old))
    {
        c.chosen = Some(new.to_string());
    }
}

/// Adds the team's own menu entry; its id, or why not (no name, or a query missing).
pub fn add_team_entry(
    ideas: &mut Ideas,
    name: &str,
    specification: &str,
    good_query: &str,
    total_query: &str,
) -> Result<String, String> {
    let name = required(name, "entry's name")?;
    let good_query = required(good_query, "query for good events")?;
    let total_query = required(total_query, "query for all events")?;
    let base = format!("team-{}", slug(&name));
    let mut id = base.clone();
    let mut n = 2;
    while template(ideas, &id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    ideas.menu.push(TeamEntry {
        id: id.clone(),
        name,
        specification: specification.trim().to_string(),
        good_query,
        total_query,
    });
    Ok(id)
}

/// Removes the team's menu entry `id`; candidates made from it keep their text.
pub fn remove_team_entry(ideas: &mut Ideas, id: &str) -> bool {
    let before = ideas.menu.len();
    ideas.menu.retain(|t| t.id != id);
    ideas.menu.len() < before
}

/// The workshop checklist item `item` of step `step` is ticked.
pub fn ticked(ideas: &Ideas, step: &str, item: usize) -> bool {
    ideas.checklist.get(step).is_some_and(|s| s.contains(&item))
}

/// Ticks or unticks a checklist item; a step with nothing ticked leaves the map.
pub fn tick(ideas: &mut Ideas, step: &str, item: usize, on: bool) {
    let set = ideas.checklist.entry(step.to_string()).or_default();
    if on {
        set.insert(item);
    } else {
        set.remove(&item);
    }
    if set.is_empty() {
        ideas.checklist.remove(step);
    }
}

/// Ticks that earlier versions kept only in the browser (`checked[step][item]`,
/// steps in `step_ids` order) carried into a project that has none yet; a
/// project with ticks of its own keeps them.
pub fn adopt_browser_ticks(ideas: &mut Ideas, step_ids: &[&str], checked: &[Vec<bool>]) {
    if !ideas.checklist.is_empty() {
        return;
    }
    for (step, row) in step_ids.iter().zip(checked) {
        for (item, on) in row.iter().enumerate() {
            if *on {
                tick(ideas, step, item, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Progress, Service};

    fn project() -> Project {
        Project {
            services: vec![Service {
                name: "shop".into(),
                ..Service::default()
            }],
            ..Project::default()
        }
    }

    #[test]
    fn candidates_get_ids_unique_across_journeys_and_slis() {
        let mut ideas = Ideas::default();
        assert_eq!(add_journey(&mut ideas, " Check out ", "Ana"), Ok(1));
        assert_eq!(add_sli(&mut ideas, "Pages load fast", "", "Bo"), Ok(2));
        assert_eq!(add_journey(&mut ideas, "Search", ""), Ok(3));
        assert_eq!(ideas.journeys[0].name, "Check out", "trimmed");
        assert_eq!(ideas.journeys[0].proposed_by, "Ana");
    }

    #[test]
    fn an_empty_idea_is_refused_with_a_reason() {
        let mut ideas = Ideas::default();
        assert_eq!(
            add_journey(&mut ideas, "  ", "Ana"),
            Err("write the journey first".into())
        );
        assert!(add_sli(&mut ideas, "", "Check out", "").is_err());
        assert!(ideas.journeys.is_empty() && ideas.slis.is_empty());
    }

    #[test]
    fn a_menu_click_adds_a_candidate_not_an_slo() {
        let mut p = project();
        let id = add_from_menu(&mut p.ideas, "request-latency", "Check out", "Ana").unwrap();
        assert!(p.slos.is_empty(), "nothing is drafted until chosen");
        let c = &p.ideas.slis[0];
        assert_eq!(
            (c.id, c.text.as_str(), c.template.as_str()),
            (id, "Latency", "request-latency")
        );
        assert_eq!(
            add_from_menu(&mut p.ideas, "no-such-entry", "Check out", ""),
            None
        );
    }

    #[test]
    fn votes_add_up_and_never_go_below_zero() {
        let mut ideas = Ideas::default();
        let id = add_journey(&mut ideas, "Check out", "").unwrap();
        assert_eq!(vote(&mut ideas, Candidate::Journey(id), 1), Some(1));
        assert_eq!(vote(&mut ideas, Candidate::Journey(id), 1), Some(2));
        assert_eq!(vote(&mut ideas, Candidate::Journey(id), -3), Some(0));
        assert_eq!(
            vote(&mut ideas, Candidate::Sli(id), 1),
            None,
            "no SLI has that id"
        );
    }

    #[test]
    fn the_ranking_puts_most_votes_first_and_keeps_proposal_order_on_ties() {
        let mut ideas = Ideas::default();
        for (name, votes) in [("A", 1), ("B", 3), ("C", 1), ("D", 0)] {
            let id = add_journey(&mut ideas, name, "").unwrap();
            vote(&mut ideas, Candidate::Journey(id), votes);
        }
        let names: Vec<&str> = ranking(&ideas)
            .journeys
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["B", "A", "C", "D"]);
    }

    #[test]
    fn edit_and_remove_act_on_the_candidate_named() {
        let mut ideas = Ideas::default();
        let j = add_journey(&mut ideas, "Chekout", "").unwrap();
        let s = add_sli(&mut ideas, "fast", "", "").unwrap();
        assert!(edit(&mut ideas, Candidate::Journey(j), "Check out"));
        assert!(
            !edit(&mut ideas, Candidate::Sli(s), " "),
            "empty text refused"
        );
        assert_eq!(ideas.journeys[0].name, "Check out");
        assert_eq!(ideas.slis[0].text, "fast");
        assert!(remove(&mut ideas, Candidate::Sli(s)));
        assert!(!remove(&mut ideas, Candidate::Sli(s)), "already gone");
        assert_eq!(ideas.journeys.len(), 1);
    }

    #[test]
    fn choosing_a_menu_candidate_drafts_the_slo_the_menu_used_to_draft() {
        let mut p = project();
        p.journeys.push(Journey {
            name: "Check out".into(),
            service: "shop".into(),
            description: String::new(),
        });
        let id = add_from_menu(&mut p.ideas, "request-latency", "Check out", "Ana").unwrap();
        let slo_id = choose_sli(&mut p, id).unwrap();
        assert_eq!(slo_id, "check-out-latency");
        let slo = &p.slos[0];
        let entry = catalog::entry("request-latency").unwrap();
        assert_eq!(slo.name, "Check out latency");
        assert_eq!(
            (slo.service.as_str(), slo.journey.as_str()),
            ("shop", "Check out")
        );
        assert_eq!(slo.sli, entry.to_sli());
        assert_eq!(
            slo.target,
            Target::from_number(entry.suggested_target).unwrap()
        );
        assert_eq!(
            crate::lifecycle::progress_of(&p, &slo_id),
            Progress::Drafted
        );
        assert_eq!(p.ideas.slis[0].chosen.as_deref(), Some("check-out-latency"));
    }

    #[test]
    fn choosing_twice_keeps_one_draft_and_a_taken_id_gets_a_number() {
        let mut p = project();
        p.slos.push(Slo {
            id: "login-errors".into(),
            ..Slo::default()
        });
        let id = add_sli(&mut p.ideas, "Login errors", "", "").unwrap();
        assert_eq!(choose_sli(&mut p, id).as_deref(), Some("login-errors-2"));
        assert_eq!(choose_sli(&mut p, id).as_deref(), Some("login-errors-2"));
        assert_eq!(p.slos.len(), 2);
        assert_eq!(p.slos[1].service, "shop", "on the first service");
    }

    #[test]
    fn choosing_an_sli_of_a_candidate_journey_brings_the_journey_in() {
        let mut p = project();
        let j = add_journey(&mut p.ideas, "Search", "").unwrap();
        let s = add_sli(&mut p.ideas, "Results under 1 s", "Search", "").unwrap();
        choose_sli(&mut p, s).unwrap();
        assert_eq!(p.journeys.len(), 1);
        assert_eq!(
            (p.journeys[0].name.as_str(), p.journeys[0].service.as_str()),
            ("Search", "shop")
        );
        assert_eq!(p.ideas.journeys[0].chosen.as_deref(), Some("Search"));
        // Choosing the journey afterwards does not double it.
        assert_eq!(choose_journey(&mut p, j).as_deref(), Some("Search"));
        assert_eq!(p.journeys.len(), 1);
    }

    #[test]
    fn a_renamed_journey_keeps_its_candidate_slis_and_its_chosen_candidate() {
        let mut p = project();
        let j = add_journey(&mut p.ideas, "Chekout", "").unwrap();
        choose_journey(&mut p, j).unwrap();
        add_sli(&mut p.ideas, "fast pages", "Chekout", "").unwrap();
        add_sli(&mut p.ideas, "search works", "Search", "").unwrap();
        rename_journey(&mut p.ideas, "Chekout", "Check out");
        assert_eq!(p.ideas.slis[0].journey, "Check out");
        assert_eq!(
            p.ideas.slis[1].journey, "Search",
            "other journeys untouched"
        );
        assert_eq!(p.ideas.journeys[0].chosen.as_deref(), Some("Check out"));
    }

    #[test]
    fn team_entries_join_the_menu_and_draft_a_good_over_total_sli() {
        let mut p = project();
        let entry = add_team_entry(
            &mut p.ideas,
            "Welcome email",
            "Sent within 2 minutes",
            "sum(rate(email_sent_fast_total[{{.window}}]))",
            "sum(rate(email_sent_total[{{.window}}]))",
        )
        .unwrap();
        assert_eq!(entry, "team-welcome-email");
        let again = add_team_entry(&mut p.ideas, "Welcome email", "", "a", "b").unwrap();
        assert_eq!(again, "team-welcome-email-2", "ids stay unique");
        let id = add_from_menu(&mut p.ideas, &entry, "Sign up", "").unwrap();
        let slo = choose_sli(&mut p, id).unwrap();
        let slo = p.slos.iter().find(|s| s.id == slo).unwrap();
        assert_eq!(slo.name, "Sign up welcome email");
        assert_eq!(slo.description, "Sent within 2 minutes");
        assert!(
            matches!(&slo.sli, Sli::Ratio { counts: EventKind::Good, events_query, .. } if events_query.contains("email_sent_fast_total"))
        );
        assert!(
            add_team_entry(&mut p.ideas, "X", "", "", "b").is_err(),
            "a query is missing"
        );
        assert!(remove_team_entry(&mut p.ideas, "team-welcome-email-2"));
        assert_eq!(p.ideas.menu.len(), 1);
    }

    #[test]
    fn checklist_ticks_are_kept_per_step_and_an_empty_step_leaves_no_trace() {
        let mut ideas = Ideas::default();
        tick(&mut ideas, "raci", 1, true);
        assert!(ticked(&ideas, "raci", 1));
        assert!(!ticked(&ideas, "raci", 0));
        tick(&mut ideas, "raci", 1, false);
        assert!(ideas.checklist.is_empty());
    }

    #[test]
    fn ticks_from_the_browser_are_adopted_only_by_a_project_without_ticks() {
        let mut ideas = Ideas::default();
        let legacy = vec![vec![false, true], vec![true]];
        adopt_browser_ticks(&mut ideas, &["words", "people"], &legacy);
        assert!(ticked(&ideas, "words", 1) && ticked(&ideas, "people", 0));
        assert!(!ticked(&ideas, "words", 0));
        let mut own = Ideas::default();
        tick(&mut own, "raci", 0, true);
        adopt_browser_ticks(&mut own, &["words"], &legacy);
        assert!(!ticked(&own, "words", 1), "the project's own ticks win");
    }

    #[test]
    fn a_project_saved_before_ideas_and_risks_loads_with_none() {
        let old = r#"{"schema_version": 1, "name": "Shop", "slos": [{"id": "checkout", "name": "Checkout"}]}"#;
        let p = crate::import::project::project_from_json(old).unwrap();
        assert_eq!(p.ideas, Ideas::default());
        assert_eq!(p.risks, crate::risk::Risks::default());
        assert_eq!(p.slos[0].id, "checkout");
    }

    #[test]
    fn ideas_votes_ticks_and_risks_survive_the_project_file() {
        let mut p = project();
        let j = add_journey(&mut p.ideas, "Check out", "Ana").unwrap();
        vote(&mut p.ideas, Candidate::Journey(j), 2);
        let s = add_from_menu(&mut p.ideas, "request-latency", "Check out", "").unwrap();
        choose_sli(&mut p, s).unwrap();
        tick(&mut p.ideas, "slis", 2, true);
        p.risks.items.push(crate::risk::Risk {
            name: "Bad deploy".into(),
            ..crate::risk::Risk::default()
        });
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(crate::import::project::project_from_json(&json).unwrap(), p);
    }
}
