//! Gathering a room's drafts without a server: many share links (one per
//! line) and project files read at once, every SLO in them laid side by side
//! as a candidate, duplicates and near-duplicates grouped, and the chosen
//! candidates merged into the open project.
//!
//! Each input goes through the same gate as a single one (`share::decode`,
//! `import::project_from_json`, and so `limits` and `validate`); one that
//! fails is refused with the line or file it came from, and the others
//! still load. Grouping, per candidate, by the normalised service, journey
//! and SLI kind: members that agree on everything that changes the numbers
//! (queries, target, window, budgeting method, alerts) are duplicates;
//! members that differ in any of those are near-duplicates, and the group
//! says what differs. Merging is `merge::merge` (ids renamed through
//! `ids::TakenIds`, people, RACI and policy of the open project kept).
//!
//! Pure data in, data out; must not touch the browser.

use crate::export::promql::compact;
use crate::gather_ideas::{self, IdeaChoice};
use crate::import::project_from_json;
use crate::limits::{MAX_DRAFTS, MAX_SLOS};
use crate::merge::{merge, Merged};
use crate::model::{Project, Sli, Slo, Window};
use crate::share;
use std::collections::BTreeMap;

/// One participant's draft, and where it came from ("line 2", "alice.json").
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub from: String,
    pub project: Project,
}

/// An input that did not load, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub from: String,
    pub message: String,
}

impl Refused {
    /// "line 3: the share link is damaged ...".
    pub fn sentence(&self) -> String {
        format!("{}: {}", self.from, self.message)
    }
}

/// What a batch of inputs gave.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gathered {
    pub drafts: Vec<Draft>,
    pub refused: Vec<Refused>,
}

impl Gathered {
    /// Adds another batch after this one, keeping the draft limit over both.
    pub fn extend(&mut self, more: Gathered) {
        for d in more.drafts {
            self.push(Ok(d));
        }
        self.refused.extend(more.refused);
    }

    fn push(&mut self, r: Result<Draft, Refused>) {
        match r {
            Ok(d) if self.drafts.len() >= MAX_DRAFTS => self.refused.push(Refused {
                from: d.from,
                message: format!(
                    "more than {MAX_DRAFTS} drafts at once; merge these first, then gather the rest"
                ),
            }),
            Ok(d) => self.drafts.push(d),
            Err(e) => self.refused.push(e),
        }
    }
}

/// Share links, one per line (blank lines skipped). A line may hold a whole
/// address, a bare payload, or words around the link ("Ana: https://…").
/// `prefix` names the source: "" for the text box, "links.txt " for a file.
pub fn read_links(text: &str, prefix: &str) -> Gathered {
    let mut out = Gathered::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let from = format!("{prefix}line {}", i + 1);
        out.push(
            share::decode(payload_of(line))
                .map(|project| Draft {
                    from: from.clone(),
                    project,
                })
                .map_err(|message| Refused { from, message }),
        );
    }
    out
}

/// The payload of a line: what follows `#/open/` up to the next space, or
/// the whole trimmed line when it names no route.
fn payload_of(line: &str) -> &str {
    match line.find("#/open/") {
        Some(i) => line[i..]
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_start_matches("#/open/"),
        None => line.trim(),
    }
}

/// A dropped or picked file: a project file (JSON), or a text of share links.
pub fn read_file(name: &str, text: &str) -> Gathered {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') {
        let mut out = Gathered::default();
        out.push(
            project_from_json(text)
                .map(|project| Draft {
                    from: name.to_string(),
                    project,
                })
                .map_err(|d| Refused {
                    from: name.to_string(),
                    message: match d.line {
                        0 => d.message,
                        l => format!("line {l}: {}", d.message),
                    },
                }),
        );
        out
    } else {
        read_links(text, &format!("{name} "))
    }
}

/// One SLO of one draft, in words for the side-by-side table.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index of its draft in `Gathered::drafts`, and of the SLO in that draft.
    pub draft: usize,
    pub slo: usize,
    pub from: String,
    pub name: String,
    pub service: String,
    pub journey: String,
    /// `ratio`, `latency` or `availability`.
    pub sli_kind: &'static str,
    /// The queries (or histogram, selector and threshold) in one line.
    pub sli: String,
    /// `99.9%`.
    pub target: String,
    /// `30 d rolling`, `month (calendar, Europe/Paris)`.
    pub window: String,
    pub budgeting: &'static str,
    /// `page 14.4x 1h/5m, ticket 3x 1d/2h`, or `none`.
    pub alerts: String,
}

/// Every SLO of every draft, in order.
pub fn candidates(drafts: &[Draft]) -> Vec<Candidate> {
    drafts
        .iter()
        .enumerate()
        .flat_map(|(d, draft)| {
            draft
                .project
                .slos
                .iter()
                .enumerate()
                .map(move |(s, slo)| candidate(d, s, &draft.from, slo))
        })
        .collect()
}

fn candidate(draft: usize, slo: usize, from: &str, s: &Slo) -> Candidate {
    Candidate {
        draft,
        slo,
        from: from.to_string(),
        name: s.name.clone(),
        service: s.service.clone(),
        journey: s.journey.clone(),
        sli_kind: sli_kind(&s.sli),
        sli: sli_text(&s.sli),
        target: format!("{}%", s.target),
        window: window_text(&s.window),
        budgeting: s.budgeting.as_str(),
        alerts: alerts_text(s),
    }
}

fn sli_kind(sli: &Sli) -> &'static str {
    match sli {
        Sli::Ratio { .. } => "ratio",
        Sli::Latency { .. } => "latency",
        Sli::Availability { .. } => "availability",
    }
}

fn sli_text(sli: &Sli) -> String {
    match sli {
        Sli::Ratio {
            counts,
            events_query,
            total_query,
        } => format!(
            "{} events: {events_query} / total: {total_query}",
            match counts {
                crate::model::EventKind::Good => "good",
                crate::model::EventKind::Bad => "bad",
            }
        ),
        Sli::Latency {
            threshold_seconds,
            histogram_metric,
            selector,
        } => format!(
            "{histogram_metric}{{{selector}}} under {} ms",
            crate::format::trim_zeros(threshold_seconds * 1000.0, 3)
        ),
        Sli::Availability { probe_query } => format!("probe: {probe_query}"),
    }
}

fn window_text(w: &Window) -> String {
    match w {
        Window::Rolling { span } => format!("{} rolling", span.human()),
        Window::Calendar { unit, time_zone } => {
            format!("{} (calendar, {time_zone})", unit.as_str())
        }
    }
}

fn alerts_text(s: &Slo) -> String {
    if s.alerting.alerts.is_empty() {
        return "none".into();
    }
    s.alerting
        .alerts
        .iter()
        .map(|a| {
            format!(
                "{} {} {}/{}",
                a.severity.as_str(),
                crate::format::factor(a.factor),
                a.long.prometheus(),
                a.short.prometheus()
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the members of a group relate.
#[derive(Debug, Clone, PartialEq)]
pub enum Likeness {
    /// No other candidate measures the same thing.
    Alone,
    /// Every member says the same: keeping one is enough.
    Duplicates,
    /// Same service, journey and SLI kind, but these fields differ.
    NearDuplicates(Vec<Difference>),
}

/// A field the members of a near-duplicate group disagree on, and the
/// values they hold (each once, in the order first seen).
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub field: &'static str,
    pub values: Vec<String>,
}

/// Candidates that measure the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Indices into the candidate list, in order.
    pub members: Vec<usize>,
    pub likeness: Likeness,
}

impl Group {
    /// The group in words: "2 duplicates", "3 near-duplicates: target differs (99.9% / 99.5%)".
    pub fn sentence(&self) -> String {
        match &self.likeness {
            Likeness::Alone => "No other draft measures this.".into(),
            Likeness::Duplicates => format!(
                "{} duplicates: the same SLI, target, window and alerts. Keep one.",
                self.members.len()
            ),
            Likeness::NearDuplicates(diffs) => {
                let what: Vec<String> = diffs
                    .iter()
                    .map(|d| format!("{} differs ({})", d.field, d.values.join(" / ")))
                    .collect();
                format!(
                    "{} near-duplicates: same service, journey and SLI kind; {}.",
                    self.members.len(),
                    what.join("; ")
                )
            }
        }
    }
}

/// Text compared without case or repeated spaces: "Check out " is "check out".
pub(crate) fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The compared fields of a candidate's SLO, named as the page names them.
fn compared(s: &Slo) -> [(&'static str, String, String); 5] {
    let sli_key = match &s.sli {
        Sli::Ratio {
            counts,
            events_query,
            total_query,
        } => format!(
            "{counts:?}|{}|{}",
            compact(events_query),
            compact(total_query)
        ),
        Sli::Latency {
            threshold_seconds,
            histogram_metric,
            selector,
        } => format!(
            "{threshold_seconds}|{}|{}",
            compact(histogram_metric),
            compact(selector)
        ),
        Sli::Availability { probe_query } => compact(probe_query),
    };
    [
        ("SLI queries", sli_key, sli_text(&s.sli)),
        ("target", s.target.0.to_string(), format!("{}%", s.target)),
        ("window", format!("{:?}", s.window), window_text(&s.window)),
        (
            "budgeting method",
            format!("{:?}", s.budgeting),
            s.budgeting.as_str().to_string(),
        ),
        ("alerts", format!("{:?}", s.alerting.alerts), alerts_text(s)),
    ]
}

/// Groups the candidates (see the module notes), in the order each group's
/// first member appears. `drafts` are the ones `candidates` was built from.
pub fn group(drafts: &[Draft], list: &[Candidate]) -> Vec<Group> {
    let mut by_subject: BTreeMap<(String, String, &'static str), usize> = BTreeMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, c) in list.iter().enumerate() {
        let key = (norm(&c.service), norm(&c.journey), c.sli_kind);
        let g = *by_subject.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
        .into_iter()
        .map(|members| {
            let slos: Vec<&Slo> = members
                .iter()
                .filter_map(|&i| slo_of(drafts, &list[i]))
                .collect();
            Group {
                likeness: likeness(&slos),
                members,
            }
        })
        .collect()
}

fn slo_of<'a>(drafts: &'a [Draft], c: &Candidate) -> Option<&'a Slo> {
    drafts.get(c.draft)?.project.slos.get(c.slo)
}

fn likeness(slos: &[&Slo]) -> Likeness {
    if slos.len() < 2 {
        return Likeness::Alone;
    }
    let fields: Vec<_> = slos.iter().map(|s| compared(s)).collect();
    let diffs: Vec<Difference> = (0..fields[0].len())
        .filter_map(|f| {
            let mut keys: Vec<&str> = Vec::new();
            let mut values: Vec<String> = Vec::new();
            for row in &fields {
                let (_, key, shown) = &row[f];
                if !keys.contains(&key.as_str()) {
                    keys.push(key);
                    values.push(shown.clone());
                }
            }
            (keys.len() > 1).then(|| Difference {
                field: fields[0][f].0,
                values,
            })
        })
        .collect();
    if diffs.is_empty() {
        Likeness::Duplicates
    } else {
        Likeness::NearDuplicates(diffs)
    }
}

/// For each candidate, whether the open project already holds an SLO that
/// duplicates it (same service, journey and SLI kind, and every compared
/// field equal), so the room does not add it twice.
pub fn already_in(project: &Project, drafts: &[Draft], list: &[Candidate]) -> Vec<bool> {
    let subject = |s: &Slo| (norm(&s.service), norm(&s.journey), sli_kind(&s.sli));
    let keys = |s: &Slo| compared(s).map(|(_, key, _)| key);
    let held: Vec<_> = project.slos.iter().map(|s| (subject(s), keys(s))).collect();
    list.iter()
        .map(|c| {
            slo_of(drafts, c).is_some_and(|s| {
                let mine = (subject(s), keys(s));
                held.contains(&mine)
            })
        })
        .collect()
}

/// Merges the chosen candidates, given as (draft, SLO) indices, into
/// `into`: each with the services and journeys it names, and its progress;
/// then the chosen ideas and risks (`gather_ideas::merge`), a chosen SLI
/// idea following its SLO's new id. Ids already taken are renamed (the
/// result says so); people, RACI chart and policy of `into` stay. Indices
/// that point nowhere are skipped. Refused when the project would hold more
/// SLOs than a project file may.
pub fn merge_chosen(
    into: &mut Project,
    drafts: &[Draft],
    chosen: &[(usize, usize)],
    ideas: &IdeaChoice,
) -> Result<Merged, String> {
    if into.slos.len() + chosen.len() > MAX_SLOS {
        return Err(format!(
            "this project has {} SLOs; adding {} would pass the limit of {MAX_SLOS}",
            into.slos.len(),
            chosen.len()
        ));
    }
    let before = into.clone();
    let mut total = Merged::default();
    // Per draft, its merged SLOs' ids to their ids here.
    let mut ids: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); drafts.len()];
    for (d, draft) in drafts.iter().enumerate() {
        let picked: Vec<usize> = chosen
            .iter()
            .filter(|(cd, _)| *cd == d)
            .map(|(_, s)| *s)
            .collect();
        if picked.is_empty() {
            continue;
        }
        let part = chosen_part(&draft.project, &picked);
        let old: Vec<String> = part.slos.iter().map(|s| s.id.clone()).collect();
        let start = into.slos.len();
        let merged = merge(into, part);
        ids[d] = old
            .into_iter()
            .zip(into.slos[start..].iter().map(|s| s.id.clone()))
            .collect();
        total.slos += merged.slos;
        total.services += merged.services;
        total.journeys += merged.journeys;
        total.renamed.extend(merged.renamed);
    }
    total.notes = gather_ideas::merge(into, &before, drafts, ideas, &ids);
    Ok(total)
}

/// The SLOs of `p` at `picked`, with the services and journeys they name
/// and their progress; nothing else of `p`.
fn chosen_part(p: &Project, picked: &[usize]) -> Project {
    let slos: Vec<Slo> = picked
        .iter()
        .filter_map(|&i| p.slos.get(i).cloned())
        .collect();
    let named = |service: &str, journey: Option<&str>| {
        slos.iter()
            .any(|s| s.service == service && journey.is_none_or(|j| s.journey == j))
    };
    Project {
        services: p
            .services
            .iter()
            .filter(|s| named(&s.name, None))
            .cloned()
            .collect(),
        journeys: p
            .journeys
            .iter()
            .filter(|j| named(&j.service, Some(&j.name)))
            .cloned()
            .collect(),
        progress: p
            .progress
            .iter()
            .filter(|(id, _)| slos.iter().any(|s| &s.id == *id))
            .map(|(k, v)| (k.clone(), *v))
            .collect(),
        slos,
        ..Project::default()
    }
}

/// How many of each thing the gathered drafts hold, for `count_sentence`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub drafts: usize,
    pub slos: usize,
    pub groups: usize,
    pub journeys: usize,
    pub slis: usize,
    pub risks: usize,
}

/// "2 drafts read: 3 candidate SLOs in 2 groups, 1 candidate journey and
/// 2 SLI ideas." Only what the drafts hold is named, so drafts holding only
/// ideas do not read "0 candidate SLOs".
pub fn count_sentence(c: Counts) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let mut parts = Vec::new();
    if c.slos > 0 {
        parts.push(format!(
            "{} in {}",
            n(c.slos, "candidate SLO", "candidate SLOs"),
            n(c.groups, "group", "groups")
        ));
    }
    for (k, one, many) in [
        (c.journeys, "candidate journey", "candidate journeys"),
        (c.slis, "SLI idea", "SLI ideas"),
        (c.risks, "risk", "risks"),
    ] {
        if k > 0 {
            parts.push(n(k, one, many));
        }
    }
    let held = match parts.split_last() {
        None => "no candidate SLO, idea or risk".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    };
    format!("{} read: {held}.", n(c.drafts, "draft", "drafts"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Journey, Person, Progress, Service, Span, Target};

    fn slo(id: &str, service: &str, journey: &str, target: f64) -> Slo {
        Slo {
            id: id.into(),
            name: id.into(),
            service: service.into(),
            journey: journey.into(),
            target: Target(target),
            ..Slo::default()
        }
    }

    fn draft(from: &str, slos: Vec<Slo>) -> Draft {
        Draft {
            from: from.into(),
            project: Project {
                slos,
                ..Project::default()
            },
        }
    }

    fn link(p: &Project) -> String {
        format!(
            "https://team.example/slo/#/open/{}",
            share::encode(p).unwrap()
        )
    }

    #[test]
    fn a_broken_link_is_named_by_its_line_and_the_others_still_load() {
        let a = draft("", vec![slo("checkout", "Shop", "Pay", 0.999)]).project;
        let text = format!(
            "{}\n\nAna: {} (her draft)\nhttps://x/#/open/AAAA\n",
            link(&a),
            link(&a)
        );
        let got = read_links(&text, "");
        let froms: Vec<&str> = got.drafts.iter().map(|d| d.from.as_str()).collect();
        assert_eq!(froms, ["line 1", "line 3"]);
        assert_eq!(got.refused.len(), 1);
        assert!(
            got.refused[0]
                .sentence()
                .starts_with("line 4: the share link is damaged"),
            "{}",
            got.refused[0].sentence()
        );
    }

    #[test]
    fn a_link_holding_an_invalid_project_is_refused_by_the_validation_gate() {
        use base64::Engine;
        let bad = r#"{"slos": [{"target": 1.5}]}"#;
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec(bad.as_bytes(), 9));
        let got = read_links(&payload, "");
        assert!(got.drafts.is_empty());
        assert!(
            got.refused[0].message.contains("slos[0].target"),
            "{:?}",
            got.refused
        );
    }

    #[test]
    fn a_project_file_that_fails_is_named_by_file_and_line() {
        let got = read_file("bob.json", "{\n  \"slos\": [\n  oops\n]}");
        assert!(got.drafts.is_empty());
        let s = got.refused[0].sentence();
        assert!(
            s.starts_with("bob.json: line 3: not a valid project file"),
            "{s}"
        );
        let ok = read_file("ana.json", r#"{"slos": [{"id": "a"}]}"#);
        assert_eq!(ok.drafts[0].from, "ana.json");
    }

    #[test]
    fn a_text_file_is_read_as_share_links_named_by_file_and_line() {
        let p = draft("", vec![slo("a", "", "", 0.99)]).project;
        let got = read_file("links.txt", &format!("oops\n{}", link(&p)));
        assert_eq!(got.drafts[0].from, "links.txt line 2");
        assert_eq!(got.refused[0].from, "links.txt line 1");
    }

    #[test]
    fn drafts_past_the_limit_are_refused_by_name() {
        let p = draft("", vec![]).project;
        let line = link(&p);
        let text = vec![line.as_str(); MAX_DRAFTS + 1].join("\n");
        let got = read_links(&text, "");
        assert_eq!(got.drafts.len(), MAX_DRAFTS);
        assert_eq!(got.refused[0].from, format!("line {}", MAX_DRAFTS + 1));
        assert!(got.refused[0].message.contains("more than 200 drafts"));
    }

    #[test]
    fn the_same_slo_written_with_other_spacing_and_case_is_a_duplicate() {
        let mut b = slo("co", " shop ", "PAY", 0.999);
        if let Sli::Ratio { events_query, .. } = &mut b.sli {
            *events_query = "sum( rate( http_requests_total{code=~\"5..\"}[{{.window}}] ) )".into();
        }
        let drafts = vec![
            draft("line 1", vec![slo("checkout", "Shop", "Pay", 0.999)]),
            draft("line 2", vec![b]),
        ];
        let groups = group(&drafts, &candidates(&drafts));
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].members, [0, 1]);
        assert_eq!(groups[0].likeness, Likeness::Duplicates);
    }

    #[test]
    fn a_changed_label_value_inside_quotes_is_a_different_query() {
        assert_eq!(compact("rate(x{a=\"b c\"} [5m])"), "rate(x{a=\"b c\"}[5m])");
        assert_ne!(compact("x{a=\"b c\"}"), compact("x{a=\"bc\"}"));
    }

    #[test]
    fn the_same_journey_with_another_target_and_window_is_a_near_duplicate_saying_what_differs() {
        let mut b = slo("checkout", "Shop", "Pay", 0.995);
        b.window = Window::Rolling {
            span: Span::days(28),
        };
        let drafts = vec![
            draft("line 1", vec![slo("checkout", "Shop", "Pay", 0.999)]),
            draft("line 2", vec![b]),
            draft("line 3", vec![slo("search", "Shop", "Search", 0.99)]),
        ];
        let groups = group(&drafts, &candidates(&drafts));
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[1].likeness, Likeness::Alone);
        assert_eq!(
            groups[0].likeness,
            Likeness::NearDuplicates(vec![
                Difference {
                    field: "target",
                    values: vec!["99.9%".into(), "99.5%".into()]
                },
                Difference {
                    field: "window",
                    values: vec!["30 d rolling".into(), "28 d rolling".into()]
                },
            ])
        );
        assert_eq!(
            groups[0].sentence(),
            "2 near-duplicates: same service, journey and SLI kind; target differs (99.9% / \
             99.5%); window differs (30 d rolling / 28 d rolling)."
        );
    }

    #[test]
    fn another_sli_kind_on_the_same_journey_is_not_grouped() {
        let mut latency = slo("checkout-latency", "Shop", "Pay", 0.99);
        latency.sli = Sli::Latency {
            threshold_seconds: 0.3,
            histogram_metric: "http_request_duration_seconds".into(),
            selector: "job=\"shop\"".into(),
        };
        let drafts = vec![draft(
            "a.json",
            vec![slo("checkout", "Shop", "Pay", 0.999), latency],
        )];
        let list = candidates(&drafts);
        assert_eq!(
            list[1].sli,
            "http_request_duration_seconds{job=\"shop\"} under 300 ms"
        );
        assert_eq!(group(&drafts, &list).len(), 2);
    }

    #[test]
    fn a_candidate_the_open_project_already_holds_is_marked() {
        let project = Project {
            slos: vec![slo("mine", "Shop", "Pay", 0.999)],
            ..Project::default()
        };
        let drafts = vec![draft(
            "line 1",
            vec![
                slo("checkout", "shop", "pay", 0.999),
                slo("checkout", "Shop", "Pay", 0.995),
            ],
        )];
        let list = candidates(&drafts);
        assert_eq!(already_in(&project, &drafts, &list), [true, false]);
    }

    #[test]
    fn merging_chosen_candidates_renames_taken_ids_and_keeps_people_and_raci() {
        let mut into = Project {
            slos: vec![slo("checkout", "Shop", "Pay", 0.999)],
            people: vec![Person {
                name: "Ana".into(),
                ..Person::default()
            }],
            ..Project::default()
        };
        let raci_before = into.raci.clone();
        let mut ana = draft(
            "line 1",
            vec![
                slo("checkout", "Shop", "Pay", 0.995),
                slo("search", "Catalog", "Find", 0.99),
            ],
        );
        ana.project.services = vec![
            Service {
                name: "Shop".into(),
                ..Service::default()
            },
            Service {
                name: "Catalog".into(),
                ..Service::default()
            },
        ];
        ana.project.journeys = vec![Journey {
            name: "Find".into(),
            service: "Catalog".into(),
            description: String::new(),
        }];
        ana.project
            .progress
            .insert("checkout".into(), Progress::Agreed);
        ana.project.people = vec![Person {
            name: "Someone else".into(),
            ..Person::default()
        }];
        let merged = merge_chosen(
            &mut into,
            &[ana],
            &[(0, 0), (7, 0), (0, 9)],
            &IdeaChoice::default(),
        )
        .unwrap();
        // Only the chosen SLO came, with the one service it names.
        assert_eq!(merged.slos, 1);
        assert_eq!(merged.services, 1);
        assert_eq!(merged.journeys, 0);
        assert_eq!(
            merged.renamed,
            [("checkout".to_string(), "checkout-2".to_string())]
        );
        assert_eq!(into.progress.get("checkout-2"), Some(&Progress::Agreed));
        assert_eq!(into.people.len(), 1);
        assert_eq!(into.people[0].name, "Ana");
        assert_eq!(into.raci, raci_before);
        assert!(merged.sentence().contains("“checkout” became “checkout-2”"));
    }

    #[test]
    fn a_chosen_sli_idea_merged_with_its_slo_points_at_the_slo_under_its_new_id() {
        let mut ana = draft("line 1", vec![]);
        let idea =
            crate::ideas::add_sli(&mut ana.project.ideas, "Checkout works", "", "Ana").unwrap();
        crate::ideas::vote(
            &mut ana.project.ideas,
            crate::ideas::Candidate::Sli(idea),
            3,
        );
        let slo_id = crate::ideas::choose_sli(&mut ana.project, idea).unwrap();
        let mut into = Project {
            slos: vec![slo(&slo_id, "", "", 0.999)],
            ..Project::default()
        };
        let choice = IdeaChoice {
            slis: vec![0],
            ..IdeaChoice::default()
        };
        let merged = merge_chosen(&mut into, &[ana], &[(0, 0)], &choice).unwrap();
        assert_eq!(
            merged.renamed,
            [("checkout-works".to_string(), "checkout-works-2".to_string())]
        );
        let c = &into.ideas.slis[0];
        assert_eq!(
            (c.votes, c.chosen.as_deref()),
            (3, Some("checkout-works-2"))
        );
        assert!(
            merged.sentence().ends_with(
                "SLI idea “Checkout works”: 3 vote(s) (3 from line 1), added as idea #1 (it was #1 in line 1)."
            ),
            "{}",
            merged.sentence()
        );
    }

    #[test]
    fn merging_past_the_slo_limit_is_refused_and_changes_nothing() {
        let mut into = Project {
            slos: vec![Slo::default(); MAX_SLOS],
            ..Project::default()
        };
        let drafts = vec![draft("line 1", vec![Slo::default()])];
        let e = merge_chosen(&mut into, &drafts, &[(0, 0)], &IdeaChoice::default()).unwrap_err();
        assert!(e.contains("limit of 2000"), "{e}");
        assert_eq!(into.slos.len(), MAX_SLOS);
    }

    #[test]
    fn the_count_names_only_what_the_drafts_hold_in_singular_or_plural() {
        let c = Counts {
            drafts: 2,
            slos: 3,
            groups: 2,
            journeys: 1,
            slis: 2,
            ..Counts::default()
        };
        assert_eq!(
            count_sentence(c),
            "2 drafts read: 3 candidate SLOs in 2 groups, 1 candidate journey and 2 SLI ideas."
        );
        let ideas_only = Counts {
            drafts: 1,
            risks: 1,
            ..Counts::default()
        };
        assert_eq!(count_sentence(ideas_only), "1 draft read: 1 risk.");
        let empty = Counts {
            drafts: 1,
            ..Counts::default()
        };
        assert_eq!(
            count_sentence(empty),
            "1 draft read: no candidate SLO, idea or risk."
        );
    }
}
