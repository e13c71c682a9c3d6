//! Project files and the team's records: files saved before agreements,
//! change logs, journals, the team's words and internal links load with all
//! of them empty and keep their old per-project review notes; files with
//! them round-trip.

use slo_engine::export::markdown;
use slo_engine::import::project::{project_from_json, project_with_unmapped};
use slo_engine::journal::{add_entry, JournalEntry};
use slo_engine::model::{Project, Target};
use slo_engine::record::{agree, log_pending};

/// A version-1 project as the workbench wrote it before this work: review
/// notes per project, an agreed SLO with no record of who agreed, a plain
/// dependency and the canonical RACI chart.
const SAVED_BEFORE: &str = r#"{
  "schema_version": 1,
  "name": "Shop",
  "services": [{"name": "Shop", "dependencies": [{"name": "payments", "availability": 0.9999}]}],
  "slos": [{"id": "checkout", "name": "Checkout", "service": "Shop", "target": 0.999}],
  "people": [{"name": "Ana", "persona": 6}],
  "raci": {"cells": [["AR", "C", "R", "A", "C", "C", "I"]]},
  "review_notes": {"met": "Missed in March: the payment provider.", "threats": "Deploys on Fridays."},
  "progress": {"checkout": "agreed"}
}"#;

#[test]
fn a_file_saved_before_records_loads_with_empty_records_and_keeps_its_review_notes() {
    let (p, unmapped) = project_with_unmapped(SAVED_BEFORE).unwrap();
    assert!(unmapped.is_empty(), "{unmapped:?}");
    let slo = &p.slos[0];
    assert!(slo.record.is_empty());
    assert!(slo.journal.is_empty());
    assert!(p.raci.words.is_empty());
    assert_eq!(p.raci.persona_name(6), "Executive (VP)");
    assert_eq!(p.services[0].dependencies[0].slo, "");
    assert_eq!(
        p.review_notes.get("met").map(String::as_str),
        Some("Missed in March: the payment provider.")
    );
    // The old notes are still printed, under their questions.
    let md = markdown::export(&p, &[slo], "shop").content;
    assert!(md.contains("## Iteration review"), "{md}");
    assert!(md.contains("Deploys on Fridays."), "{md}");
    assert!(!md.contains("### Agreement and changes"), "{md}");
}

#[test]
fn a_file_written_with_empty_new_fields_reports_nothing_left_out() {
    let text = SAVED_BEFORE.replace(
        r#""target": 0.999}"#,
        r#""target": 0.999, "journal": [], "record": {"agreement": null, "changes": []}}"#,
    );
    let (_, unmapped) = project_with_unmapped(&text).unwrap();
    assert!(unmapped.is_empty(), "{unmapped:?}");
}

#[test]
fn records_journal_words_and_links_survive_a_save_and_load() {
    let mut p: Project = project_from_json(SAVED_BEFORE).unwrap();
    agree(&mut p, 0, &["Ana".into()], "2026-11-30").unwrap();
    p.slos[0].target = Target(0.995);
    log_pending(&mut p.slos[0], "2026-12-01", "Too strict for a new service").unwrap();
    let entry = JournalEntry {
        date: "2026-12-01".into(),
        attendees: vec!["Ana".into()],
        decisions: "Relax to 99.5% until the migration ends".into(),
        ..JournalEntry::default()
    };
    add_entry(&mut p.slos[0], entry, None).unwrap();
    p.raci.set_title(1, "PM");
    p.raci.add_step("Announce SLO changes").unwrap();
    p.services[0].dependencies[0].slo = "users".into();

    let text = slo_engine::export::project::to_json(&p);
    let back = project_from_json(&text).unwrap();
    assert_eq!(back, p);

    let md = markdown::export(&back, &[&back.slos[0]], "shop").content;
    assert!(md.contains("Agreed by Ana on 2026-11-30."), "{md}");
    assert!(
        md.contains("| 2026-12-01 | target | 99.9% | 99.5% | Too strict for a new service |"),
        "{md}"
    );
    assert!(md.contains("#### Review of 2026-12-01"), "{md}");
    assert!(md.contains("| Product Owner(s) | PM |"), "{md}");
    assert!(md.contains("| Announce SLO changes |"), "{md}");
}

#[test]
fn the_agreement_and_change_log_travel_as_an_annotation_through_openslo_and_pyrra() {
    let mut p: Project = project_from_json(SAVED_BEFORE).unwrap();
    agree(&mut p, 0, &["Ana".into(), "Ben".into()], "2026-11-30").unwrap();
    p.slos[0].target = Target(0.995);
    log_pending(&mut p.slos[0], "2026-12-01", "Too strict").unwrap();
    let slos = [&p.slos[0]];
    let openslo = slo_engine::export::openslo::export(&p, &slos, "shop").unwrap();
    let pyrra = slo_engine::export::pyrra::export(&slos, "shop").unwrap();
    for text in [&openslo[0].content, &pyrra[0].content] {
        assert!(text.contains("slo-workbench.dev/record"), "{text}");
        let back = slo_engine::import::import_spec(text).unwrap();
        assert!(
            back.unmapped.iter().all(|u| !u.contains("record")),
            "{:?}",
            back.unmapped
        );
        let record = &back.project.slos[0].record;
        assert_eq!(record.agreement, p.slos[0].record.agreement);
        assert_eq!(record.changes, p.slos[0].record.changes);
    }
}
