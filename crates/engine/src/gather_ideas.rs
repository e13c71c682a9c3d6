//! The workshop part of gathering the room's drafts: the candidate journeys
//! and SLIs each participant wrote (with the dots they gave) and their risks,
//! grouped across drafts and merged into the open project.
//!
//! Candidates are grouped by their normalised text (an SLI also by its
//! journey), the way `gather` groups SLOs; merging a group adds up its votes
//! onto the project's candidate of the same text, or adds it under a new
//! number, and says which. Risks are grouped by normalised name, the figures
//! they disagree on listed; the facilitator keeps one version per name.
//!
//! Pure data in, data out; `gather::merge_chosen` calls `merge` after the
//! SLOs so a chosen SLI can follow its SLO's new id. Must not touch the
//! browser, nor SLOs, people or RACI (that is `gather` and `merge`).

use crate::gather::{norm, Difference, Draft};
use crate::ideas::{CandidateJourney, CandidateSli, Ideas};
use crate::model::Project;
use crate::risk::{self, Risk};
use std::collections::BTreeMap;

/// Whether an idea group holds candidate journeys or candidate SLIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaKind {
    Journey,
    Sli,
}

impl IdeaKind {
    fn word(self) -> &'static str {
        match self {
            IdeaKind::Journey => "Journey idea",
            IdeaKind::Sli => "SLI idea",
        }
    }
}

/// One draft's candidate in a group.
#[derive(Debug, Clone, PartialEq)]
pub struct IdeaMember {
    pub draft: usize,
    pub from: String,
    /// Its number in the draft.
    pub id: u32,
    pub proposed_by: String,
    pub votes: u32,
}

/// The same candidate written in one or more drafts.
#[derive(Debug, Clone, PartialEq)]
pub struct IdeaGroup {
    pub kind: IdeaKind,
    /// As the first draft wrote it.
    pub text: String,
    /// The journey an SLI idea is for; empty for journeys or when not said.
    pub journey: String,
    pub members: Vec<IdeaMember>,
    /// The open project's candidate of the same text: (its number, its votes).
    pub held: Option<(u32, u32)>,
}

impl IdeaGroup {
    /// The dots the drafts gave it, added up.
    pub fn votes(&self) -> u32 {
        self.members
            .iter()
            .fold(0u32, |sum, m| sum.saturating_add(m.votes))
    }

    /// "3 from line 1, 2 from bob.json".
    pub fn votes_text(&self) -> String {
        self.members
            .iter()
            .map(|m| format!("{} from {}", m.votes, m.from))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Candidate journeys of every draft, grouped, in the order first written.
pub fn journey_groups(project: &Project, drafts: &[Draft]) -> Vec<IdeaGroup> {
    let rows = drafts.iter().enumerate().flat_map(|(d, draft)| {
        draft.project.ideas.journeys.iter().map(move |c| {
            let member = IdeaMember {
                draft: d,
                from: draft.from.clone(),
                id: c.id,
                proposed_by: c.proposed_by.clone(),
                votes: c.votes,
            };
            (c.name.clone(), String::new(), member)
        })
    });
    let held = |text: &str, _: &str| {
        project
            .ideas
            .journeys
            .iter()
            .find(|c| norm(&c.name) == norm(text))
            .map(|c| (c.id, c.votes))
    };
    groups_of(IdeaKind::Journey, rows, held)
}

/// Candidate SLIs of every draft, grouped by journey and text.
pub fn sli_groups(project: &Project, drafts: &[Draft]) -> Vec<IdeaGroup> {
    let rows = drafts.iter().enumerate().flat_map(|(d, draft)| {
        draft.project.ideas.slis.iter().map(move |c| {
            let member = IdeaMember {
                draft: d,
                from: draft.from.clone(),
                id: c.id,
                proposed_by: c.proposed_by.clone(),
                votes: c.votes,
            };
            (c.text.clone(), c.journey.clone(), member)
        })
    });
    let held = |text: &str, journey: &str| {
        project
            .ideas
            .slis
            .iter()
            .find(|c| sli_key(&c.text, &c.journey) == sli_key(text, journey))
            .map(|c| (c.id, c.votes))
    };
    groups_of(IdeaKind::Sli, rows, held)
}

fn sli_key(text: &str, journey: &str) -> (String, String) {
    (norm(journey), norm(text))
}

fn groups_of(
    kind: IdeaKind,
    rows: impl Iterator<Item = (String, String, IdeaMember)>,
    held: impl Fn(&str, &str) -> Option<(u32, u32)>,
) -> Vec<IdeaGroup> {
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut out: Vec<IdeaGroup> = Vec::new();
    for (text, journey, member) in rows {
        let g = *index.entry(sli_key(&text, &journey)).or_insert_with(|| {
            out.push(IdeaGroup {
                kind,
                held: held(&text, &journey),
                text,
                journey,
                members: Vec::new(),
            });
            out.len() - 1
        });
        out[g].members.push(member);
    }
    out
}

/// One version of a risk: a draft's, or the open project's (`draft: None`).
#[derive(Debug, Clone, PartialEq)]
pub struct RiskMember {
    pub draft: Option<usize>,
    pub from: String,
    pub risk: Risk,
}

/// Risks of the same name across the drafts (and the project, listed first).
#[derive(Debug, Clone, PartialEq)]
pub struct RiskGroup {
    pub name: String,
    pub members: Vec<RiskMember>,
    /// The figures the versions disagree on, each value once.
    pub differences: Vec<Difference>,
}

impl RiskGroup {
    /// The open project already lists a risk of this name.
    pub fn held(&self) -> bool {
        self.members.first().is_some_and(|m| m.draft.is_none())
    }

    /// "Same figures in all 2." or "time to repair differs (60 min / 90 min)."
    pub fn sentence(&self) -> String {
        if self.members.len() < 2 {
            return "Only one version.".into();
        }
        if self.differences.is_empty() {
            return format!("The same figures in all {}.", self.members.len());
        }
        let what: Vec<String> = self
            .differences
            .iter()
            .map(|d| format!("{} differs ({})", d.field, d.values.join(" / ")))
            .collect();
        format!("{}. Keep one version.", capitalised(&what.join("; ")))
    }
}

fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A risk's figures as the table writes them, named as the page names them
/// (the gathering's columns, and what its differences compare).
pub fn risk_fields(r: &Risk) -> [(&'static str, String); 4] {
    let detect = if r.detect_from_alerts {
        "from the alerts".to_string()
    } else {
        format!("{} min", risk::minutes(r.detect_minutes))
    };
    [
        ("time to detect", detect),
        (
            "time to repair",
            format!("{} min", risk::minutes(r.repair_minutes)),
        ),
        (
            "times a year",
            crate::format::trim_zeros(r.per_year, 3).to_string(),
        ),
        (
            "users affected",
            crate::format::ratio_with(r.users_share, 2),
        ),
    ]
}

/// The drafts' risks grouped by name; a group the project already holds
/// starts with the project's version. Groups only of the project's own risks
/// are left out: nothing to gather there.
pub fn risk_groups(project: &Project, drafts: &[Draft]) -> Vec<RiskGroup> {
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut out: Vec<RiskGroup> = Vec::new();
    for (d, draft) in drafts.iter().enumerate() {
        for r in &draft.project.risks.items {
            let g = *index.entry(norm(&r.name)).or_insert_with(|| {
                let mine = project
                    .risks
                    .items
                    .iter()
                    .find(|m| norm(&m.name) == norm(&r.name))
                    .map(|m| RiskMember {
                        draft: None,
                        from: "this project".into(),
                        risk: m.clone(),
                    });
                out.push(RiskGroup {
                    name: r.name.clone(),
                    members: mine.into_iter().collect(),
                    differences: Vec::new(),
                });
                out.len() - 1
            });
            out[g].members.push(RiskMember {
                draft: Some(d),
                from: draft.from.clone(),
                risk: r.clone(),
            });
        }
    }
    for g in &mut out {
        g.differences = differences(&g.members);
    }
    out
}

fn differences(members: &[RiskMember]) -> Vec<Difference> {
    let fields: Vec<_> = members.iter().map(|m| risk_fields(&m.risk)).collect();
    let Some(first) = fields.first() else {
        return Vec::new();
    };
    (0..first.len())
        .filter_map(|f| {
            let mut values: Vec<String> = Vec::new();
            for row in &fields {
                if !values.contains(&row[f].1) {
                    values.push(row[f].1.clone());
                }
            }
            (values.len() > 1).then(|| Difference {
                field: first[f].0,
                values,
            })
        })
        .collect()
}

/// What the facilitator chose among the ideas and risks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IdeaChoice {
    /// Indices into `journey_groups`.
    pub journeys: Vec<usize>,
    /// Indices into `sli_groups`.
    pub slis: Vec<usize>,
    /// (index into `risk_groups`, index of the version kept in that group).
    pub risks: Vec<(usize, usize)>,
}

impl IdeaChoice {
    pub fn is_empty(&self) -> bool {
        self.journeys.is_empty() && self.slis.is_empty() && self.risks.is_empty()
    }

    /// How many ideas and risks are chosen.
    pub fn len(&self) -> usize {
        self.journeys.len() + self.slis.len() + self.risks.len()
    }
}

/// Merges the chosen groups into `into` (grouped against `into` as it was
/// before the SLOs were merged, so `held` still names its own candidates).
/// `slo_ids[d]` maps draft d's SLO ids to their ids in `into`, for SLOs
/// merged just before; a chosen SLI whose SLO came along keeps pointing at
/// it. Returns one sentence per merged group. Indices that point nowhere
/// are skipped.
pub fn merge(
    into: &mut Project,
    before: &Project,
    drafts: &[Draft],
    choice: &IdeaChoice,
    slo_ids: &[BTreeMap<String, String>],
) -> Vec<String> {
    let mut out = Vec::new();
    let journeys = journey_groups(before, drafts);
    for g in choice.journeys.iter().filter_map(|&i| journeys.get(i)) {
        out.push(merge_journey(into, drafts, g));
    }
    let slis = sli_groups(before, drafts);
    for g in choice.slis.iter().filter_map(|&i| slis.get(i)) {
        out.push(merge_sli(into, drafts, g, slo_ids));
    }
    let risks = risk_groups(before, drafts);
    for &(g, m) in &choice.risks {
        if let Some((group, member)) = risks.get(g).and_then(|x| Some((x, x.members.get(m)?))) {
            out.push(merge_risk(into, group, member));
        }
    }
    out
}

/// The id the next candidate of `ideas` gets (as `ideas` numbers them).
fn next_id(ideas: &Ideas) -> u32 {
    ideas
        .journeys
        .iter()
        .map(|c| c.id)
        .chain(ideas.slis.iter().map(|c| c.id))
        .max()
        .map_or(1, |m| m.saturating_add(1))
}

/// Names not yet in `names` added after them: "Ana, Bo".
fn with_names(names: &str, group: &IdeaGroup) -> String {
    let mut list: Vec<String> = names
        .split(", ")
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    for m in &group.members {
        let name = m.proposed_by.trim();
        if !name.is_empty() && !list.iter().any(|n| n == name) {
            list.push(name.to_string());
        }
    }
    list.join(", ")
}

/// "Journey idea “Check out”: 5 votes (3 from line 1, 2 from line 2), …".
fn idea_sentence(g: &IdeaGroup, outcome: String) -> String {
    format!(
        "{} “{}”: {} vote(s) ({}), {outcome}.",
        g.kind.word(),
        g.text,
        g.votes(),
        g.votes_text()
    )
}

/// Votes and names of a group added onto the project's own idea `id`.
fn add_to_held(g: &IdeaGroup, id: u32, votes: &mut u32, proposed_by: &mut String) -> String {
    *votes = votes.saturating_add(g.votes());
    *proposed_by = with_names(proposed_by, g);
    idea_sentence(
        g,
        format!("added to this project's idea #{id}, now {votes} vote(s)"),
    )
}

/// Each member's own idea in its draft (`list` picks journeys or SLIs), with the draft's index.
fn originals<'a, T: 'a>(
    drafts: &'a [Draft],
    g: &'a IdeaGroup,
    list: impl Fn(&'a Ideas) -> &'a Vec<T> + 'a,
    id: impl Fn(&T) -> u32 + 'a,
) -> impl Iterator<Item = (usize, &'a T)> + 'a {
    g.members.iter().filter_map(move |m| {
        let c = list(&drafts.get(m.draft)?.project.ideas)
            .iter()
            .find(|c| id(c) == m.id)?;
        Some((m.draft, c))
    })
}

fn merge_journey(into: &mut Project, drafts: &[Draft], g: &IdeaGroup) -> String {
    let found = into
        .ideas
        .journeys
        .iter_mut()
        .find(|c| norm(&c.name) == norm(&g.text));
    if let Some(c) = found {
        return add_to_held(g, c.id, &mut c.votes, &mut c.proposed_by);
    }
    // A journey chosen in a draft stays chosen when the project has it.
    let chosen = originals(drafts, g, |i| &i.journeys, |c| c.id)
        .filter_map(|(_, c)| c.chosen.clone())
        .find(|name| into.journeys.iter().any(|j| &j.name == name));
    let id = next_id(&into.ideas);
    into.ideas.journeys.push(CandidateJourney {
        id,
        name: g.text.clone(),
        proposed_by: with_names("", g),
        votes: g.votes(),
        chosen,
    });
    idea_sentence(g, renumbered(g, id))
}

/// "added as idea #4 (it was #1 in line 1, #3 in line 2)".
fn renumbered(g: &IdeaGroup, id: u32) -> String {
    let was: Vec<String> = g
        .members
        .iter()
        .map(|m| format!("#{} in {}", m.id, m.from))
        .collect();
    format!("added as idea #{id} (it was {})", was.join(", "))
}

fn merge_sli(
    into: &mut Project,
    drafts: &[Draft],
    g: &IdeaGroup,
    slo_ids: &[BTreeMap<String, String>],
) -> String {
    let found = into
        .ideas
        .slis
        .iter_mut()
        .find(|c| sli_key(&c.text, &c.journey) == sli_key(&g.text, &g.journey));
    if let Some(c) = found {
        return add_to_held(g, c.id, &mut c.votes, &mut c.proposed_by);
    }
    let originals: Vec<(usize, &CandidateSli)> =
        originals(drafts, g, |i| &i.slis, |c| c.id).collect();
    let template = originals
        .iter()
        .map(|(_, c)| c.template.clone())
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    bring_team_entry(into, drafts, &g.members, &template);
    // The SLO drafted from it in a participant's draft, if it came along.
    let chosen = originals.iter().find_map(|(d, c)| {
        let old = c.chosen.as_deref()?;
        slo_ids.get(*d)?.get(old).cloned()
    });
    let id = next_id(&into.ideas);
    into.ideas.slis.push(CandidateSli {
        id,
        text: g.text.clone(),
        journey: g.journey.clone(),
        template,
        proposed_by: with_names("", g),
        votes: g.votes(),
        chosen,
    });
    idea_sentence(g, renumbered(g, id))
}

/// A team menu entry a merged SLI idea came from joins the project's menu
/// when the project has no entry of that id.
fn bring_team_entry(into: &mut Project, drafts: &[Draft], members: &[IdeaMember], id: &str) {
    if id.is_empty() || crate::ideas::template(&into.ideas, id).is_some() {
        return;
    }
    let entry = members.iter().find_map(|m| {
        let menu = &drafts.get(m.draft)?.project.ideas.menu;
        menu.iter().find(|t| t.id == id).cloned()
    });
    if let Some(e) = entry {
        into.ideas.menu.push(e);
    }
}

fn merge_risk(into: &mut Project, g: &RiskGroup, keep: &RiskMember) -> String {
    if keep.draft.is_none() {
        return format!("Risk “{}”: this project's figures kept.", g.name);
    }
    let figures = risk_fields(&keep.risk)
        .map(|(f, v)| format!("{f} {v}"))
        .join(", ");
    let place = into
        .risks
        .items
        .iter_mut()
        .find(|r| norm(&r.name) == norm(&g.name));
    match place {
        Some(r) => {
            *r = keep.risk.clone();
            format!(
                "Risk “{}”: this project's figures replaced by {}'s ({figures}).",
                g.name, keep.from
            )
        }
        None => {
            into.risks.items.push(keep.risk.clone());
            let others = if g.differences.is_empty() {
                String::new()
            } else {
                format!(" Other versions differed: {}", g.sentence())
            };
            format!(
                "Risk “{}”: added from {} ({figures}).{others}",
                g.name, keep.from
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ideas::{add_journey, add_sli, vote, Candidate};
    use crate::model::Slo;

    fn draft(from: &str, build: impl FnOnce(&mut Project)) -> Draft {
        let mut project = Project::default();
        build(&mut project);
        Draft {
            from: from.into(),
            project,
        }
    }

    fn journey(p: &mut Project, name: &str, by: &str, votes: i32) -> u32 {
        let id = add_journey(&mut p.ideas, name, by).unwrap();
        vote(&mut p.ideas, Candidate::Journey(id), votes);
        id
    }

    fn risk(name: &str, repair: f64) -> Risk {
        Risk {
            name: name.into(),
            detect_minutes: 5.0,
            repair_minutes: repair,
            per_year: 4.0,
            users_share: 0.5,
            detect_from_alerts: false,
        }
    }

    #[test]
    fn the_same_journey_in_two_drafts_is_one_group_whose_votes_add_up() {
        let drafts = [
            draft("line 1", |p| {
                journey(p, "Check out", "Ana", 3);
                journey(p, "Search", "Ana", 1);
            }),
            draft("line 2", |p| {
                journey(p, " check  OUT ", "Bo", 2);
            }),
        ];
        let groups = journey_groups(&Project::default(), &drafts);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].text, "Check out");
        assert_eq!(groups[0].votes(), 5);
        assert_eq!(groups[0].votes_text(), "3 from line 1, 2 from line 2");
        assert_eq!(groups[1].votes(), 1);
    }

    #[test]
    fn merging_two_drafts_voting_3_and_2_gives_the_journey_5_votes_under_a_new_number() {
        let drafts = [
            draft("line 1", |p| {
                journey(p, "Search", "Ana", 0);
                journey(p, "Check out", "Ana", 3);
            }),
            draft("bob.json", |p| {
                journey(p, "Check out", "Bo", 2);
            }),
        ];
        let mut into = Project::default();
        journey(&mut into, "Browse", "", 1);
        let before = into.clone();
        let choice = IdeaChoice {
            journeys: vec![1],
            ..IdeaChoice::default()
        };
        let said = merge(&mut into, &before, &drafts, &choice, &[]);
        let c = &into.ideas.journeys[1];
        assert_eq!((c.id, c.name.as_str(), c.votes), (2, "Check out", 5));
        assert_eq!(c.proposed_by, "Ana, Bo");
        assert_eq!(
            said,
            [
                "Journey idea “Check out”: 5 vote(s) (3 from line 1, 2 from bob.json), added as \
              idea #2 (it was #2 in line 1, #1 in bob.json)."
            ]
        );
    }

    #[test]
    fn votes_on_a_candidate_the_project_already_has_are_added_to_its_own() {
        let drafts = [draft("line 1", |p| {
            journey(p, "check out", "Bo", 2);
        })];
        let mut into = Project::default();
        journey(&mut into, "Check out", "Ana", 4);
        let before = into.clone();
        let groups = journey_groups(&before, &drafts);
        assert_eq!(groups[0].held, Some((1, 4)));
        let choice = IdeaChoice {
            journeys: vec![0],
            ..IdeaChoice::default()
        };
        let said = merge(&mut into, &before, &drafts, &choice, &[]);
        assert_eq!(into.ideas.journeys.len(), 1);
        assert_eq!(into.ideas.journeys[0].votes, 6);
        assert_eq!(into.ideas.journeys[0].proposed_by, "Ana, Bo");
        assert!(said[0].ends_with("added to this project's idea #1, now 6 vote(s)."));
    }

    #[test]
    fn sli_ideas_group_by_journey_and_text_and_a_chosen_one_follows_its_renamed_slo() {
        let a = draft("line 1", |p| {
            let id = add_sli(&mut p.ideas, "Pages load fast", "Check out", "Ana").unwrap();
            vote(&mut p.ideas, Candidate::Sli(id), 3);
            crate::ideas::choose_sli(p, id).unwrap();
        });
        let b = draft("line 2", |p| {
            let id = add_sli(&mut p.ideas, "pages load fast", "check out", "Bo").unwrap();
            vote(&mut p.ideas, Candidate::Sli(id), 2);
            add_sli(&mut p.ideas, "Pages load fast", "Search", "Bo").unwrap();
        });
        let drafts = [a, b];
        let groups = sli_groups(&Project::default(), &drafts);
        assert_eq!(groups.len(), 2, "another journey is another idea");
        assert_eq!(groups[0].votes(), 5);
        let old_id = drafts[0].project.slos[0].id.clone();
        let mut into = Project {
            slos: vec![Slo {
                id: "pages-load-fast-2".into(),
                ..Slo::default()
            }],
            ..Project::default()
        };
        let before = into.clone();
        let ids = [BTreeMap::from([(old_id, "pages-load-fast-2".to_string())])];
        let choice = IdeaChoice {
            slis: vec![0],
            ..IdeaChoice::default()
        };
        merge(&mut into, &before, &drafts, &choice, &ids);
        let c = &into.ideas.slis[0];
        assert_eq!(c.votes, 5);
        assert_eq!(c.chosen.as_deref(), Some("pages-load-fast-2"));
    }

    #[test]
    fn a_chosen_sli_whose_slo_was_not_merged_comes_unchosen() {
        let drafts = [draft("line 1", |p| {
            let id = add_sli(&mut p.ideas, "Login works", "", "").unwrap();
            crate::ideas::choose_sli(p, id).unwrap();
        })];
        let mut into = Project::default();
        let before = into.clone();
        let choice = IdeaChoice {
            slis: vec![0],
            ..IdeaChoice::default()
        };
        merge(&mut into, &before, &drafts, &choice, &[BTreeMap::new()]);
        assert_eq!(into.ideas.slis[0].chosen, None);
    }

    #[test]
    fn a_team_menu_entry_comes_with_the_sli_idea_made_from_it() {
        let drafts = [draft("line 1", |p| {
            let entry = crate::ideas::add_team_entry(&mut p.ideas, "Email", "", "g", "t").unwrap();
            crate::ideas::add_from_menu(&mut p.ideas, &entry, "Sign up", "").unwrap();
        })];
        let mut into = Project::default();
        let before = into.clone();
        let choice = IdeaChoice {
            slis: vec![0],
            ..IdeaChoice::default()
        };
        merge(&mut into, &before, &drafts, &choice, &[]);
        assert_eq!(into.ideas.slis[0].template, "team-email");
        assert_eq!(into.ideas.menu.len(), 1);
    }

    #[test]
    fn risks_of_the_same_name_are_one_group_listing_the_figures_that_differ() {
        let drafts = [
            draft("line 1", |p| p.risks.items = vec![risk("Bad deploy", 60.0)]),
            draft("line 2", |p| {
                p.risks.items = vec![risk("bad deploy", 90.0), risk("Disk full", 30.0)]
            }),
            draft("line 3", |p| p.risks.items = vec![risk("Disk full", 30.0)]),
        ];
        let groups = risk_groups(&Project::default(), &drafts);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].members.len(), 2);
        assert_eq!(
            groups[0].sentence(),
            "Time to repair differs (60 min / 90 min). Keep one version."
        );
        assert_eq!(groups[1].sentence(), "The same figures in all 2.");
        assert!(!groups[0].held());
    }

    #[test]
    fn a_kept_risk_is_added_once_and_the_other_versions_are_said() {
        let drafts = [
            draft("line 1", |p| p.risks.items = vec![risk("Bad deploy", 60.0)]),
            draft("line 2", |p| p.risks.items = vec![risk("Bad deploy", 90.0)]),
        ];
        let mut into = Project::default();
        let before = into.clone();
        let choice = IdeaChoice {
            risks: vec![(0, 1)],
            ..IdeaChoice::default()
        };
        let said = merge(&mut into, &before, &drafts, &choice, &[]);
        assert_eq!(into.risks.items, [risk("Bad deploy", 90.0)]);
        assert_eq!(
            said,
            ["Risk “Bad deploy”: added from line 2 (time to detect 5 min, time to repair 90 min, \
              times a year 4, users affected 50%). Other versions differed: Time to repair \
              differs (60 min / 90 min). Keep one version."]
        );
    }

    #[test]
    fn a_risk_the_project_holds_is_listed_first_and_replaced_only_by_choice() {
        let drafts = [draft("line 1", |p| {
            p.risks.items = vec![risk("Bad deploy", 90.0)]
        })];
        let mut into = Project::default();
        into.risks.items = vec![risk("Disk full", 10.0), risk("Bad deploy", 60.0)];
        let before = into.clone();
        let groups = risk_groups(&before, &drafts);
        assert!(groups[0].held());
        assert_eq!(groups[0].members[0].from, "this project");
        let keep_mine = IdeaChoice {
            risks: vec![(0, 0)],
            ..IdeaChoice::default()
        };
        merge(&mut into, &before, &drafts, &keep_mine, &[]);
        assert_eq!(into.risks.items[1].repair_minutes, 60.0);
        let take_theirs = IdeaChoice {
            risks: vec![(0, 1)],
            ..IdeaChoice::default()
        };
        let said = merge(&mut into, &before, &drafts, &take_theirs, &[]);
        assert_eq!(into.risks.items.len(), 2, "replaced in place, not added");
        assert_eq!(into.risks.items[1].repair_minutes, 90.0);
        assert!(said[0].contains("this project's figures replaced by line 1's"));
    }

    #[test]
    fn choices_that_point_nowhere_change_nothing() {
        let drafts = [draft("line 1", |p| {
            journey(p, "Check out", "", 1);
        })];
        let mut into = Project::default();
        let before = into.clone();
        let choice = IdeaChoice {
            journeys: vec![5],
            slis: vec![0],
            risks: vec![(0, 0)],
        };
        assert!(merge(&mut into, &before, &drafts, &choice, &[]).is_empty());
        assert_eq!(into, before);
    }
}
