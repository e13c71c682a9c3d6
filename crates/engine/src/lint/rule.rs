//! The lint rules by name, and the finding ids built from them.
//!
//! A finding id is the rule's name, then `:` and what the finding is about
//! (`target-too-high:checkout`, `alert-never-fires:checkout:0`), or the name
//! alone for a rule about the whole project (`raci-no-people`). Ids key the
//! acknowledgements saved in project files (`Project::acknowledged`), so the
//! names here never change: a renamed rule would silently reopen every saved
//! acknowledgement of it. Must not decide when a rule applies.

use crate::alerting::AlertRule;

/// What a finding is about, by rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LintRule {
    DuplicateSloId,
    TargetInvalid,
    TargetTooHigh,
    NinesBeyondDependencies,
    DependencyAvailabilityMissing,
    InternalSloTooLoose,
    AverageNotPercentile,
    ResourceMetric,
    QueueSize,
    FarFromUser,
    QueryNotWindowable,
    NoJourney,
    PlaceholderName,
    NoService,
    TooManySlos,
    WindowTooShort,
    TimeZoneUnknown,
    BudgetUnderOneSlice,
    BudgetUnderOneEvent,
    LowTraffic,
    HistoryBelowTarget,
    AspirationalEnforcing,
    /// An alert lint of `alerting`, under its own name.
    Alert(AlertRule),
    RaciNoA,
    RaciManyA,
    RaciNoR,
    RaciNoPeople,
    RaciAUnstaffed,
    RoadmapOwnerNotResponsible,
    RoadmapOwnerUnknown,
    /// Burn-rate alerts switched off (`AlertPreset::NoAlerts`).
    NoBurnAlerts,
}

impl LintRule {
    /// Every rule, so a name can be read back.
    pub const ALL: [LintRule; 35] = [
        LintRule::DuplicateSloId,
        LintRule::TargetInvalid,
        LintRule::TargetTooHigh,
        LintRule::NinesBeyondDependencies,
        LintRule::DependencyAvailabilityMissing,
        LintRule::InternalSloTooLoose,
        LintRule::AverageNotPercentile,
        LintRule::ResourceMetric,
        LintRule::QueueSize,
        LintRule::FarFromUser,
        LintRule::QueryNotWindowable,
        LintRule::NoJourney,
        LintRule::PlaceholderName,
        LintRule::NoService,
        LintRule::TooManySlos,
        LintRule::WindowTooShort,
        LintRule::TimeZoneUnknown,
        LintRule::BudgetUnderOneSlice,
        LintRule::BudgetUnderOneEvent,
        LintRule::LowTraffic,
        LintRule::HistoryBelowTarget,
        LintRule::AspirationalEnforcing,
        LintRule::Alert(AlertRule::BadFactor),
        LintRule::Alert(AlertRule::NeverFires),
        LintRule::Alert(AlertRule::ShortNotShorter),
        LintRule::Alert(AlertRule::LongBeyondWindow),
        LintRule::Alert(AlertRule::LowTraffic),
        LintRule::RaciNoA,
        LintRule::RaciManyA,
        LintRule::RaciNoR,
        LintRule::RaciNoPeople,
        LintRule::RaciAUnstaffed,
        LintRule::RoadmapOwnerNotResponsible,
        LintRule::RoadmapOwnerUnknown,
        LintRule::NoBurnAlerts,
    ];

    /// The rule's name, the first part of its findings' ids.
    pub fn as_str(self) -> &'static str {
        match self {
            LintRule::DuplicateSloId => "duplicate-slo-id",
            LintRule::TargetInvalid => "target-invalid",
            LintRule::TargetTooHigh => "target-too-high",
            LintRule::NinesBeyondDependencies => "nines-beyond-dependencies",
            LintRule::DependencyAvailabilityMissing => "dependency-availability-missing",
            LintRule::InternalSloTooLoose => "internal-slo-too-loose",
            LintRule::AverageNotPercentile => "average-not-percentile",
            LintRule::ResourceMetric => "resource-metric",
            LintRule::QueueSize => "queue-size",
            LintRule::FarFromUser => "far-from-user",
            LintRule::QueryNotWindowable => "query-not-windowable",
            LintRule::NoJourney => "no-journey",
            LintRule::PlaceholderName => "placeholder-name",
            LintRule::NoService => "no-service",
            LintRule::TooManySlos => "too-many-slos",
            LintRule::WindowTooShort => "window-too-short",
            LintRule::TimeZoneUnknown => "time-zone-unknown",
            LintRule::BudgetUnderOneSlice => "budget-under-one-slice",
            LintRule::BudgetUnderOneEvent => "budget-under-one-event",
            LintRule::LowTraffic => "low-traffic",
            LintRule::HistoryBelowTarget => "history-below-target",
            LintRule::AspirationalEnforcing => "aspirational-enforcing",
            LintRule::Alert(rule) => rule.as_str(),
            LintRule::RaciNoA => "raci-no-a",
            LintRule::RaciManyA => "raci-many-a",
            LintRule::RaciNoR => "raci-no-r",
            LintRule::RaciNoPeople => "raci-no-people",
            LintRule::RaciAUnstaffed => "raci-a-unstaffed",
            LintRule::RoadmapOwnerNotResponsible => "roadmap-owner-not-responsible",
            LintRule::RoadmapOwnerUnknown => "roadmap-owner-unknown",
            LintRule::NoBurnAlerts => "no-burn-alerts",
        }
    }

    /// The rule named `name`, the inverse of [`LintRule::as_str`].
    pub fn parse(name: &str) -> Option<LintRule> {
        LintRule::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// The id of this rule's finding about `subject`, its parts joined by
    /// `:` after the rule's name: `["checkout", "0"]` gives
    /// `alert-never-fires:checkout:0`; no parts give the name alone.
    pub fn id(self, subject: &[&str]) -> String {
        let mut id = self.as_str().to_string();
        for part in subject {
            id.push(':');
            id.push_str(part);
        }
        id
    }
}

/// A finding id read back into its rule and what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingId<'a> {
    pub rule: LintRule,
    /// Everything after the rule's name and its `:` (`checkout:0`); empty
    /// for a rule about the whole project.
    pub subject: &'a str,
}

impl<'a> FindingId<'a> {
    /// Reads an id written by [`LintRule::id`]; `None` when it names no rule.
    pub fn parse(id: &'a str) -> Option<FindingId<'a>> {
        let (name, subject) = id.split_once(':').unwrap_or((id, ""));
        LintRule::parse(name).map(|rule| FindingId { rule, subject })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_name_reads_back_as_its_rule() {
        for rule in LintRule::ALL {
            assert_eq!(LintRule::parse(rule.as_str()), Some(rule), "{rule:?}");
        }
    }

    #[test]
    fn rule_names_are_distinct_and_hold_no_separator() {
        let mut names: Vec<&str> = LintRule::ALL.iter().map(|r| r.as_str()).collect();
        assert!(names.iter().all(|n| !n.contains(':')), "{names:?}");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), LintRule::ALL.len());
    }

    #[test]
    fn ids_join_the_name_and_the_subject_with_colons() {
        assert_eq!(
            LintRule::TargetTooHigh.id(&["checkout"]),
            "target-too-high:checkout"
        );
        assert_eq!(
            LintRule::Alert(AlertRule::NeverFires).id(&["checkout", "0"]),
            "alert-never-fires:checkout:0"
        );
        assert_eq!(LintRule::RaciNoPeople.id(&[]), "raci-no-people");
    }

    #[test]
    fn an_id_splits_into_its_rule_and_subject() {
        assert_eq!(
            FindingId::parse("dependency-availability-missing:shop:search-api"),
            Some(FindingId {
                rule: LintRule::DependencyAvailabilityMissing,
                subject: "shop:search-api",
            })
        );
        assert_eq!(
            FindingId::parse("raci-no-people"),
            Some(FindingId {
                rule: LintRule::RaciNoPeople,
                subject: "",
            })
        );
    }

    #[test]
    fn an_id_naming_no_rule_is_refused() {
        assert_eq!(FindingId::parse("target-too-low:checkout"), None);
        assert_eq!(FindingId::parse(""), None);
    }
}
