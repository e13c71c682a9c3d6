//! The tier replay read back as the rows and sentences the Iteration page
//! shows: tier, from, to, duration, actions, who decides. Formatting only,
//! through `format`; what applied when is `replay`'s.

use super::{decider, Tier, TierSpan};
use crate::format::{duration, when};
use crate::model::{Person, Raci};

/// One span of the history in a tier, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    pub tier: String,
    pub from: String,
    pub to: String,
    pub duration: String,
    pub actions: String,
    pub decides: String,
}

/// Who is asked about a tier: the people and the chart whose persona names they play.
#[derive(Debug, Clone, Copy)]
pub struct Team<'a> {
    pub people: &'a [Person],
    pub raci: &'a Raci,
}

/// The first `limit` spans as rows, in time order.
pub fn timeline(tiers: &[Tier], team: Team, spans: &[TierSpan], limit: usize) -> Vec<TimelineRow> {
    spans
        .iter()
        .take(limit)
        .filter_map(|s| {
            let tier = tiers.get(s.tier)?;
            Some(TimelineRow {
                tier: tier.name.clone(),
                from: when(s.from),
                to: when(s.to),
                duration: duration(s.seconds()),
                actions: tier.actions.clone(),
                decides: decider(tier, team.people, team.raci),
            })
        })
        .collect()
}

/// One sentence per tier: how often and how long the history was in it.
pub fn tier_sentences(tiers: &[Tier], spans: &[TierSpan]) -> Vec<String> {
    let totals = super::totals(spans, tiers.len());
    tiers
        .iter()
        .zip(totals)
        .map(|(tier, total)| match total.first {
            None => format!("{}: never applied.", tier.name),
            Some(first) => format!(
                "{}: applied {} time{} for {} in all, first from {}.",
                tier.name,
                total.spans,
                if total.spans == 1 { "" } else { "s" },
                duration(total.seconds),
                when(first)
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::default_ladder;

    const DAY: i64 = 86_400;

    #[test]
    fn each_span_becomes_a_row_with_its_duration_and_decider() {
        let spans = [TierSpan {
            tier: 1,
            from: DAY,
            to: 3 * DAY,
            cause: None,
        }];
        let people = [Person {
            name: "Ana".into(),
            persona: 1,
        }];
        let raci = Raci::default();
        let team = Team {
            people: &people,
            raci: &raci,
        };
        let rows = timeline(&default_ladder(), team, &spans, 10);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].tier, "Plan reliability work");
        assert_eq!(rows[0].from, "1970-01-02 00:00 UTC");
        assert_eq!(rows[0].to, "1970-01-04 00:00 UTC");
        assert_eq!(rows[0].duration, "2 d");
        assert_eq!(rows[0].decides, "Product Owner(s) (Ana)");
    }

    #[test]
    fn tiers_never_entered_say_so() {
        let spans = [
            TierSpan {
                tier: 0,
                from: 0,
                to: DAY,
                cause: None,
            },
            TierSpan {
                tier: 0,
                from: 2 * DAY,
                to: 3 * DAY,
                cause: None,
            },
        ];
        assert_eq!(
            tier_sentences(&default_ladder(), &spans),
            [
                "Look: applied 2 times for 2 d in all, first from 1970-01-01 00:00 UTC.",
                "Plan reliability work: never applied.",
                "Escalate: never applied."
            ]
        );
    }
}
