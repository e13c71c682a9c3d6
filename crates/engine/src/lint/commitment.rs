//! Lints on what an SLO commits to: an aspirational SLO that enforces the
//! error budget policy, and a target above what the history achieved
//! (a warning when committed, an info when aspirational). The history SLI
//! comes in through `LintContext`; must not replay data itself.

use super::{name, Finding, LintRule, SloFacts};
use crate::diag::Level;
use crate::format::percent;
use crate::model::{Commitment, Enforcement, Slo};

/// An aspirational SLO should stay permissive.
pub(super) fn aspirational_enforcing(slo: &Slo, out: &mut Vec<Finding>) {
    if slo.commitment == Commitment::Aspirational && slo.enforcement == Enforcement::Enforcing {
        out.push(Finding::about_slo(
            LintRule::AspirationalEnforcing,
            slo,
            Level::Warning,
            "An aspirational SLO is enforcing",
            format!(
                "{} is marked aspirational, a target that signals importance before there are resources \
                 to meet it, yet it is enforcing, so missing it triggers the error budget policy. \
                 Keep aspirational SLOs permissive, or make it committed once the team can meet it.",
                name(slo),
            ),
        ));
    }
}

/// A target above what the history achieved.
pub(super) fn history_findings(slo: &Slo, facts: &SloFacts, out: &mut Vec<Finding>) {
    let Some(history) = facts.history_sli.filter(|h| h.is_finite()) else {
        return;
    };
    if slo.target.ratio() <= history {
        return;
    }
    let achieved = percent((history * 1e6).round() / 1e4);
    let (level, title, advice) = match slo.commitment {
        Commitment::Committed => (
            Level::Warning,
            "The history does not support this committed target",
            "A committed target should be one the service meets today. Lower it towards what the history \
             supports (see the recalibration suggestion), or mark it aspirational until the work to reach it is done.",
        ),
        Commitment::Aspirational => (
            Level::Info,
            "Aspirational target above what the history shows",
            "That is fine for an aspirational SLO: it signals where the team is heading. Keep it permissive and \
             apart from the committed ones.",
        ),
    };
    out.push(Finding::about_slo(
        LintRule::HistoryBelowTarget,
        slo,
        level,
        title,
        format!(
            "{} aims at {}% but the history reached {achieved}%. {advice}",
            name(slo),
            slo.target
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use crate::diag::Level;
    use crate::model::{Commitment, Enforcement, Target};

    #[test]
    fn a_committed_target_above_history_warns_and_an_aspirational_one_informs() {
        let mut ctx = LintContext::default();
        ctx.slos.insert(
            "checkout".into(),
            SloFacts {
                expected_events_per_hour: None,
                history_sli: Some(0.998),
            },
        );
        let mut p = shop();
        let f = lint_project(&p, &ctx);
        let hit = find(&f, "history-below-target:checkout");
        assert_eq!(hit.level, Level::Warning);
        assert!(
            hit.explanation.contains("history reached 99.8%"),
            "{}",
            hit.explanation
        );
        p.slos[0].commitment = Commitment::Aspirational;
        assert_eq!(
            find(&lint_project(&p, &ctx), "history-below-target:checkout").level,
            Level::Info
        );
        p.slos[0].target = Target(0.995);
        assert_eq!(slo_ids(&p, &ctx), Vec::<String>::new());
    }

    #[test]
    fn an_aspirational_slo_that_enforces_is_a_warning() {
        let mut p = shop();
        p.slos[0].commitment = Commitment::Aspirational;
        p.slos[0].enforcement = Enforcement::Enforcing;
        assert_eq!(
            slo_ids(&p, &LintContext::default()),
            vec!["aspirational-enforcing:checkout"]
        );
    }
}
