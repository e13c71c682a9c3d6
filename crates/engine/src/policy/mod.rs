//! The error budget policy as tiers the team defines: each tier says when it
//! applies (budget left, burn rate, one incident's share, missed windows in a
//! row), what the team does then, in its own words, and which persona
//! decides. Owns the tier types, the suggested default ladder (signals to
//! look, to plan reliability work and to escalate; never a freeze), their
//! validation, and (in `replay`) which tier a replayed history was in, when
//! and for how long.
//!
//! Must not know the free-text sections of the policy (they stay in
//! `model::ErrorBudgetPolicy` as the team wrote them), Markdown (that is
//! `export::plan`) or the browser.

mod replay;
mod timeline;

pub use replay::{replay, totals, TierCause, TierSpan, TierTotal};
pub use timeline::{tier_sentences, timeline, Team, TimelineRow};

use crate::model::{Person, Raci, Span};
use serde::{Deserialize, Serialize};

/// One rung of the policy: while any of `when` holds, the team does `actions`
/// and `decides` (a RACI persona) has the last word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tier {
    pub name: String,
    /// The tier applies while any of these holds.
    pub when: Vec<Condition>,
    /// What the team does, in its own words.
    pub actions: String,
    /// Index into `model::RACI_PERSONAS`: who decides.
    pub decides: usize,
}

impl Default for Tier {
    fn default() -> Self {
        Tier {
            name: String::new(),
            when: vec![Condition::BudgetBelow { share: 0.5 }],
            actions: String::new(),
            decides: HANDLE_BUDGET_ACCOUNTABLE,
        }
    }
}

/// What puts a replayed history in a tier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// Less than `share` of the window's budget is left (0 = overspent).
    BudgetBelow { share: f64 },
    /// The error ratio over the last `over` is above `factor` times the
    /// sustainable one (1 - target), counted on events.
    BurnAbove { factor: f64, over: Span },
    /// A single incident spends more than `share` of the budget; applies
    /// while that incident lasts.
    IncidentAbove { share: f64 },
    /// The SLO missed `count` windows in a row (a window is missed when it
    /// ends with its budget overspent); holds until a window ends met.
    MissedWindows { count: u32 },
}

/// The kinds of condition, in the order the editor offers them.
pub const CONDITION_KINDS: [&str; 4] = [
    "budget_below",
    "burn_above",
    "incident_above",
    "missed_windows",
];

impl Condition {
    /// The serde tag of the condition's kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Condition::BudgetBelow { .. } => CONDITION_KINDS[0],
            Condition::BurnAbove { .. } => CONDITION_KINDS[1],
            Condition::IncidentAbove { .. } => CONDITION_KINDS[2],
            Condition::MissedWindows { .. } => CONDITION_KINDS[3],
        }
    }

    /// A condition of `kind` with the values of the default ladder's.
    pub fn of_kind(kind: &str) -> Option<Condition> {
        Some(match kind {
            "budget_below" => Condition::BudgetBelow { share: 0.5 },
            "burn_above" => Condition::BurnAbove {
                factor: 2.0,
                over: Span::days(7),
            },
            "incident_above" => Condition::IncidentAbove { share: 0.2 },
            "missed_windows" => Condition::MissedWindows { count: 2 },
            _ => return None,
        })
    }

    /// The kind's label in the editor.
    pub fn kind_label(kind: &str) -> &'static str {
        match kind {
            "budget_below" => "Budget left below",
            "burn_above" => "Burn rate above",
            "incident_above" => "One incident spends more than",
            "missed_windows" => "Windows missed in a row",
            _ => "Unknown condition",
        }
    }

    /// The condition in words: `less than 50% of the budget left`.
    pub fn describe(&self) -> String {
        use crate::format::{factor, share};
        match *self {
            Condition::BudgetBelow { share: s } if s <= 0.0 => "the budget is overspent".into(),
            Condition::BudgetBelow { share: s } => {
                format!("less than {} of the budget left", share(s))
            }
            Condition::BurnAbove { factor: f, over } => {
                format!(
                    "burning faster than {} over the last {}",
                    factor(f),
                    over.human()
                )
            }
            Condition::IncidentAbove { share: s } => {
                format!(
                    "a single incident spends more than {} of the budget",
                    share(s)
                )
            }
            Condition::MissedWindows { count } => format!(
                "{count} window{} in a row missed",
                if count == 1 { "" } else { "s" }
            ),
        }
    }
}

/// The tier's conditions in one sentence: `less than 50% … or …`.
pub fn describe_when(tier: &Tier) -> String {
    let parts: Vec<String> = tier.when.iter().map(Condition::describe).collect();
    if parts.is_empty() {
        "never (no condition)".into()
    } else {
        parts.join(", or ")
    }
}

/// "Handle Error Budget" in the RACI chart: the Product Owner(s) are A.
const HANDLE_BUDGET_ACCOUNTABLE: usize = 1;
/// The Engineering/Quality Lead, R for handling the budget.
const ENGINEERING_LEAD: usize = 2;
/// The Engineering Manager/Director, R for handling the budget.
const ENGINEERING_MANAGER: usize = 5;

/// The suggested ladder: three signals that grow with the risk. The budget
/// informs planning; no rung stops feature work ("no budget? no features!"
/// is what the SIG-SRE material warns against).
pub fn default_ladder() -> Vec<Tier> {
    vec![
        Tier {
            name: "Look".into(),
            when: vec![
                Condition::BudgetBelow { share: 0.5 },
                Condition::IncidentAbove { share: 0.2 },
            ],
            actions: "Look at what spent the budget in the weekly SLO meeting. An incident above the share gets a \
                      blameless postmortem with at least one action item."
                .into(),
            decides: ENGINEERING_LEAD,
        },
        Tier {
            name: "Plan reliability work".into(),
            when: vec![
                Condition::BudgetBelow { share: 0.25 },
                Condition::BurnAbove {
                    factor: 2.0,
                    over: Span::days(7),
                },
            ],
            actions: "Put reliability work first in the next planning and weigh risky releases with the product \
                      owner. Features keep shipping."
                .into(),
            decides: HANDLE_BUDGET_ACCOUNTABLE,
        },
        Tier {
            name: "Escalate".into(),
            when: vec![
                Condition::BudgetBelow { share: 0.0 },
                Condition::MissedWindows { count: 2 },
            ],
            actions: "Take the miss to the engineering manager with a choice: more reliability work, a recalibrated \
                      target, or an exception the accountable person ratifies."
                .into(),
            decides: ENGINEERING_MANAGER,
        },
    ]
}

/// What is wrong with one tier, for the editor and the CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierProblem {
    /// Index of the tier in the list.
    pub tier: usize,
    pub message: String,
}

/// Checks every tier: a name, at least one condition, values in range and a
/// persona of the team's chart. Tiers are ordered mildest first, so a later
/// tier whose budget threshold is higher than an earlier one's is named too.
pub fn validate(tiers: &[Tier], raci: &Raci) -> Vec<TierProblem> {
    let mut out = Vec::new();
    for (i, tier) in tiers.iter().enumerate() {
        let mut say = |message: String| out.push(TierProblem { tier: i, message });
        if tier.name.trim().is_empty() {
            say("the tier has no name".into());
        }
        if tier.when.is_empty() {
            say("the tier has no condition, so it never applies".into());
        }
        if tier.decides >= raci.persona_count() {
            say("no persona decides".into());
        }
        for c in &tier.when {
            if let Some(m) = condition_problem(c) {
                say(m);
            }
        }
        let lower_than_before = tiers[..i]
            .iter()
            .filter_map(budget_threshold)
            .any(|earlier| budget_threshold(tier).is_some_and(|own| own > earlier));
        if lower_than_before {
            say("its budget threshold is higher than a milder tier's above it: order the tiers mildest first".into());
        }
    }
    out
}

fn condition_problem(c: &Condition) -> Option<String> {
    match *c {
        Condition::BudgetBelow { share } if !(0.0..=1.0).contains(&share) => {
            Some("the budget share must be between 0% and 100%".into())
        }
        Condition::BurnAbove { factor, .. } if !(factor.is_finite() && factor > 0.0) => {
            Some("the burn rate must be a positive number".into())
        }
        Condition::BurnAbove { over, .. } if over.seconds() == 0 => {
            Some("the burn window must be longer than 0".into())
        }
        Condition::IncidentAbove { share } if !(share > 0.0 && share <= 1.0) => {
            Some("the incident share must be above 0% and at most 100%".into())
        }
        Condition::MissedWindows { count: 0 } => {
            Some("the number of missed windows must be at least 1".into())
        }
        _ => None,
    }
}

/// The highest budget-left threshold of a tier, if it has one.
fn budget_threshold(tier: &Tier) -> Option<f64> {
    tier.when
        .iter()
        .filter_map(|c| match c {
            Condition::BudgetBelow { share } => Some(*share),
            _ => None,
        })
        .reduce(f64::max)
}

/// A budget-left threshold typed as a percentage (`50`, `25 %`, `0`): from
/// 0 (overspent) to 100, as a ratio.
pub fn parse_budget_share(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches('%').trim().parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x / 100.0),
        _ => Err("write a percentage from 0 to 100".into()),
    }
}

/// A number of missed windows typed as a whole number, at least 1.
pub fn parse_window_count(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("write a whole number, at least 1".into()),
    }
}

/// Who decides, as the page and the export write it: the persona in the
/// team's words, then the people mapped to it (`Product Owner(s) (Ana,
/// Ben)`), or the persona alone.
pub fn decider(tier: &Tier, people: &[Person], raci: &Raci) -> String {
    let names: Vec<&str> = people
        .iter()
        .filter(|p| p.persona == tier.decides && !p.name.trim().is_empty())
        .map(|p| p.name.trim())
        .collect();
    let persona = raci.persona_name(tier.decides);
    if names.is_empty() {
        format!("{persona} (no one mapped)")
    } else {
        format!("{persona} ({})", names.join(", "))
    }
}

/// The smallest incident share any tier asks about, or `policy_share` when
/// that is smaller: the replay must report every incident a tier can use.
pub fn incident_floor(tiers: &[Tier], policy_share: f64) -> f64 {
    tiers
        .iter()
        .flat_map(|t| &t.when)
        .filter_map(|c| match c {
            Condition::IncidentAbove { share } if *share > 0.0 => Some(*share),
            _ => None,
        })
        .fold(policy_share, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_ladder_is_valid_and_never_freezes() {
        let ladder = default_ladder();
        assert_eq!(validate(&ladder, &Raci::default()), vec![]);
        let names: Vec<&str> = ladder.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Look", "Plan reliability work", "Escalate"]);
        for t in &ladder {
            let a = t.actions.to_lowercase();
            assert!(
                !a.contains("freeze") && !a.contains("only reliability"),
                "{a}"
            );
        }
        assert!(ladder[1].actions.contains("Features keep shipping"));
    }

    #[test]
    fn the_default_ladder_asks_the_personas_of_handle_error_budget() {
        // Handle Error Budget: C A R C I R I in the SIG-SRE chart.
        let row = crate::model::DEFAULT_RACI[7];
        for t in default_ladder() {
            assert!(
                row[t.decides].contains('A') || row[t.decides].contains('R'),
                "{} decided by {}",
                t.name,
                Raci::default().persona_name(t.decides)
            );
        }
    }

    #[test]
    fn a_tier_without_name_condition_or_persona_is_refused() {
        let tier = Tier {
            name: " ".into(),
            when: vec![],
            actions: String::new(),
            decides: 9,
        };
        let messages: Vec<String> = validate(&[tier], &Raci::default())
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(
            messages,
            [
                "the tier has no name",
                "the tier has no condition, so it never applies",
                "no persona decides"
            ]
        );
    }

    #[test]
    fn values_out_of_range_are_refused() {
        let tier = Tier {
            name: "x".into(),
            when: vec![
                Condition::BudgetBelow { share: 1.5 },
                Condition::BurnAbove {
                    factor: 0.0,
                    over: Span::hours(1),
                },
                Condition::IncidentAbove { share: 0.0 },
                Condition::MissedWindows { count: 0 },
            ],
            ..Tier::default()
        };
        assert_eq!(validate(&[tier], &Raci::default()).len(), 4);
    }

    #[test]
    fn a_milder_threshold_below_a_harsher_one_asks_to_reorder() {
        let mut ladder = default_ladder();
        ladder.swap(0, 1);
        let problems = validate(&ladder, &Raci::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].tier, 1);
    }

    #[test]
    fn the_decider_names_the_people_mapped_to_the_persona() {
        let people = [
            Person {
                name: "Ana".into(),
                persona: 1,
            },
            Person {
                name: "Ben".into(),
                persona: 1,
            },
        ];
        let ladder = default_ladder();
        let mut raci = Raci::default();
        assert_eq!(
            decider(&ladder[1], &people, &raci),
            "Product Owner(s) (Ana, Ben)"
        );
        raci.set_title(1, "PM");
        assert_eq!(
            decider(&ladder[1], &people, &raci),
            "PM (Ana, Ben)",
            "in the team's own words"
        );
        assert_eq!(
            decider(&ladder[2], &people, &raci),
            "Engineering Manager/Director (no one mapped)"
        );
    }

    #[test]
    fn conditions_read_as_sentences() {
        let [look, plan, escalate] = &default_ladder()[..] else {
            panic!("three tiers")
        };
        assert_eq!(
            describe_when(look),
            "less than 50% of the budget left, or a single incident spends more than 20% of the budget"
        );
        assert_eq!(
            describe_when(plan),
            "less than 25% of the budget left, or burning faster than 2x over the last 7 d"
        );
        assert_eq!(
            describe_when(escalate),
            "the budget is overspent, or 2 windows in a row missed"
        );
    }

    #[test]
    fn the_incident_floor_is_the_smallest_share_asked() {
        assert_eq!(incident_floor(&default_ladder(), 0.3), 0.2);
        assert_eq!(incident_floor(&default_ladder(), 0.1), 0.1);
        assert_eq!(incident_floor(&[], 0.3), 0.3);
    }

    #[test]
    fn a_budget_threshold_may_be_zero_and_a_window_count_may_not() {
        assert_eq!(parse_budget_share("0"), Ok(0.0));
        assert_eq!(parse_budget_share(" 25 % "), Ok(0.25));
        assert!(parse_budget_share("101").is_err());
        assert!(parse_budget_share("-1").is_err());
        assert_eq!(parse_window_count("2"), Ok(2));
        assert!(parse_window_count("0").is_err());
        assert!(parse_window_count("1.5").is_err());
    }

    #[test]
    fn every_kind_has_a_default_condition_of_that_kind() {
        for kind in CONDITION_KINDS {
            assert_eq!(Condition::of_kind(kind).map(|c| c.kind()), Some(kind));
        }
        assert_eq!(Condition::of_kind("freeze"), None);
    }
}
