//! Every exported rule file says, in the comment at its top, what of the
//! replayed alerts it cannot hold and where they are (`export::file_notes`):
//! the traffic guard and the no-data alert, by rule name. No SLO name can
//! break out of that comment or forge a line of it.

use slo_engine::export::{export, file_notes, ExportFormat};
use slo_engine::guards::{NoDataAlert, TrafficGuard};
use slo_engine::import::import_spec;
use slo_engine::model::{Project, Slo, Span, Window};

fn guarded(name: &str) -> Slo {
    let mut slo = Slo {
        id: "checkout-availability".into(),
        name: name.into(),
        service: "checkout".into(),
        ..Slo::default()
    };
    slo.alerting.traffic_guard = Some(TrafficGuard { min_events: 10 });
    slo.alerting.no_data = Some(NoDataAlert::default());
    slo
}

fn project(slo: Slo) -> Project {
    Project {
        slos: vec![slo],
        ..Project::default()
    }
}

/// The comment lines at the top of the format's main file, without `# `.
fn header(p: &Project, format: ExportFormat) -> Vec<String> {
    let files = export(p, None, format).unwrap();
    let main = files
        .iter()
        .find(|f| !f.name.starts_with("alert-windows-"))
        .unwrap();
    main.content
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect()
}

const GUARDED_PAGE: &str =
    "CheckoutAvailabilityBurnRatePage1hAnd5m (guard: at least 10 events in the short window)";
const NO_DATA: &str = "CheckoutAvailabilityNoData (after 15 min)";
const WHERE: &str =
    "the Prometheus rules export holds them (slo-workbench export --format prometheus).";

#[test]
fn sloth_and_openslo_files_name_the_guarded_alerts_and_the_no_data_alert() {
    let p = project(guarded("Checkout"));
    for format in [ExportFormat::Sloth, ExportFormat::OpenSlo] {
        let lines = header(&p, format);
        let note = lines
            .iter()
            .find(|l| l.starts_with("SLO \"Checkout\": not in this file"))
            .unwrap_or_else(|| panic!("{format}: {lines:?}"));
        assert!(note.contains(GUARDED_PAGE), "{format}: {note}");
        assert!(note.contains(NO_DATA), "{format}: {note}");
        assert!(note.ends_with(WHERE), "{format}: {note}");
    }
}

#[test]
fn pyrra_files_name_the_guard_and_hold_a_no_data_alert_at_pyrras_delay() {
    // 99.9% over 30 d: Pyrra's absent alert waits 3 min.
    let mut slo = guarded("Checkout");
    slo.alerting.no_data = Some(NoDataAlert {
        after: Span::minutes(3),
        ..NoDataAlert::default()
    });
    let lines = header(&project(slo), ExportFormat::Pyrra);
    let note = lines
        .iter()
        .find(|l| l.contains("not in this file"))
        .unwrap();
    assert!(note.contains(GUARDED_PAGE), "{note}");
    assert!(!note.contains("NoData"), "{note}");
}

#[test]
fn the_prometheus_rules_hold_everything_and_say_nothing_is_missing() {
    let lines = header(&project(guarded("Checkout")), ExportFormat::Prometheus);
    assert!(
        !lines.iter().any(|l| l.contains("not in this file")),
        "{lines:?}"
    );
}

#[test]
fn an_slo_without_guards_gets_no_such_note() {
    for format in [
        ExportFormat::Sloth,
        ExportFormat::Pyrra,
        ExportFormat::OpenSlo,
    ] {
        assert!(file_notes(&Slo::default(), format).is_empty(), "{format}");
    }
}

#[test]
fn the_notes_are_what_the_file_header_says() {
    let slo = guarded("Checkout");
    for format in [
        ExportFormat::Sloth,
        ExportFormat::Pyrra,
        ExportFormat::OpenSlo,
    ] {
        let lines = header(&project(slo.clone()), format);
        for note in file_notes(&slo, format) {
            assert!(lines.contains(&note), "{format}: {note} not in {lines:?}");
        }
    }
}

#[test]
fn markdown_and_project_files_hold_no_rules_and_get_no_notes() {
    let slo = guarded("Checkout");
    assert!(file_notes(&slo, ExportFormat::Markdown).is_empty());
    assert!(file_notes(&slo, ExportFormat::Project).is_empty());
}

#[test]
fn a_name_with_line_breaks_stays_on_one_comment_line_and_forges_nothing() {
    // A name that would add a Sloth period marker and a YAML key if written raw.
    let name = "Checkout\nslo-period: 1d\nkind: Evil";
    let mut slo = guarded(name);
    slo.alerting.alerts.clear();
    slo.alerting.preset = slo_engine::model::AlertPreset::Custom;
    let p = project(slo);
    for format in [
        ExportFormat::Prometheus,
        ExportFormat::Sloth,
        ExportFormat::Pyrra,
        ExportFormat::OpenSlo,
    ] {
        let files = export(&p, None, format).unwrap();
        let text = &files[0].content;
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("kind: Evil") || l.starts_with("# slo-period: 1d")),
            "{format}:\n{text}"
        );
        assert!(
            text.contains(r#"SLO "Checkout\nslo-period: 1d\nkind: Evil" has no alerts"#),
            "{format}:\n{text}"
        );
    }
    // And the Sloth file reads back with its own period, 30 days.
    let sloth = &export(&p, None, ExportFormat::Sloth).unwrap()[0].content;
    let back = import_spec(sloth).unwrap();
    assert_eq!(
        back.project.slos[0].window,
        Window::Rolling {
            span: Span::days(30)
        }
    );
}
