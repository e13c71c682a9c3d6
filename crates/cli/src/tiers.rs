//! The error budget policy's tiers on a `simulate` replay, for the CLI's
//! text and JSON: which tier applied, from when to when, for how long, the
//! actions and who decides. The spans come from `slo_engine::policy::replay`;
//! this module only writes them out.

use serde_json::{json, Value};
use slo_engine::model::{Project, Slo};
use slo_engine::policy::{decider, replay, TierSpan};
use slo_engine::series::EventSeries;
use slo_engine::simulate::Simulation;

/// The project's tiers and the spans of the history in each.
pub struct TiersOnHistory<'a> {
    project: &'a Project,
    spans: Vec<TierSpan>,
}

impl<'a> TiersOnHistory<'a> {
    pub fn of(project: &'a Project, slo: &Slo, series: &EventSeries, sim: &Simulation) -> Self {
        TiersOnHistory {
            project,
            spans: replay(&project.policy.tiers, slo, series, sim),
        }
    }

    /// `[{ tier, name, from, to, seconds, actions, decides }]`, in time order.
    pub fn json(&self) -> Value {
        let tiers = &self.project.policy.tiers;
        self.spans
            .iter()
            .filter_map(|s| {
                let tier = tiers.get(s.tier)?;
                Some(json!({
                    "tier": s.tier,
                    "name": tier.name,
                    "from": rfc3339(s.from),
                    "to": rfc3339(s.to),
                    "seconds": s.seconds(),
                    "actions": tier.actions,
                    "decides": decider(tier, &self.project.people, &self.project.raci),
                }))
            })
            .collect()
    }

    /// `Policy tiers:` then one line per span, or a line saying none applied.
    pub fn text(&self) -> String {
        let tiers = &self.project.policy.tiers;
        if tiers.is_empty() {
            return "Policy tiers: none defined\n".into();
        }
        if self.spans.is_empty() {
            return "Policy tiers: none applied\n".into();
        }
        let mut s = format!("Policy tiers: {} span(s)\n", self.spans.len());
        for span in &self.spans {
            let Some(tier) = tiers.get(span.tier) else {
                continue;
            };
            s.push_str(&format!(
                "  {}  {} -> {} ({}), decides: {}\n",
                tier.name,
                rfc3339_text(span.from),
                rfc3339_text(span.to),
                slo_engine::format::duration(span.seconds()),
                decider(tier, &self.project.people, &self.project.raci),
            ));
        }
        s
    }
}

fn rfc3339(t: i64) -> Value {
    slo_engine::format::rfc3339(t).map_or(Value::Null, Value::String)
}

fn rfc3339_text(t: i64) -> String {
    slo_engine::format::rfc3339(t).unwrap_or_else(|| t.to_string())
}
