//! Sample data: embedded data sets that tell a story, and a generator of
//! synthetic traffic with incidents the user places, for workshops without
//! real data.
//!
//! Everything is deterministic (a seeded generator of our own, no clock, no
//! OS randomness): the same settings always give the same CSV bytes, so tests,
//! screenshots and benchmarks are repeatable. The output is CSV text that the
//! ingest parser reads like anything a user pastes (`timestamp,good,total`,
//! per-interval counts). This module knows nothing of parsing, simulation or
//! the browser.

use crate::series::EventSeries;

/// 2026-10-05T00:00:00Z, a Monday: where the samples start.
pub const SAMPLE_START: i64 = 1_791_158_400;

/// A period of elevated errors, placed relative to the start of the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Incident {
    /// Hours after the start of the data.
    pub start_hours: f64,
    /// How long it lasts, in minutes.
    pub length_minutes: f64,
    /// Share of requests that fail while it lasts (0.05 = 5%).
    pub error_rate: f64,
}

/// Settings of the traffic generator.
#[derive(Debug, Clone, PartialEq)]
pub struct Traffic {
    pub start: i64,
    pub days: u32,
    pub step_seconds: u32,
    /// Mean requests per step over a day.
    pub requests_per_step: f64,
    /// Day/night swing, 0 (flat) to 1 (no traffic at the quietest hour).
    pub daily_swing: f64,
    /// Share of requests failing outside incidents.
    pub base_error_rate: f64,
    /// Base error rate at the end of the data, rising linearly from
    /// `base_error_rate` (a slow burn); equal to it for steady traffic.
    pub final_error_rate: f64,
    /// From this hour on, `error_after_hours` replaces the base rate (a regression).
    pub regression: Option<(f64, f64)>,
    pub incidents: Vec<Incident>,
    pub seed: u64,
}

impl Default for Traffic {
    fn default() -> Self {
        Traffic {
            start: SAMPLE_START,
            days: 28,
            step_seconds: 300,
            requests_per_step: 3_000.0,
            daily_swing: 0.6,
            base_error_rate: 0.0002,
            final_error_rate: 0.0002,
            regression: None,
            incidents: Vec::new(),
            seed: 1,
        }
    }
}

/// Most rows the generator form accepts: more than a browser tab wants to hold as text.
pub const MAX_FORM_ROWS: u64 = 2_000_000;
/// Hard limit of [`generate`], for the benchmarks' 5 million rows and no more.
const MAX_ROWS: u64 = 20_000_000;

impl Traffic {
    /// Rows the settings would produce.
    pub fn rows(&self) -> u64 {
        u64::from(self.days) * 86_400 / u64::from(self.step_seconds.max(1))
    }

    /// Checks settings typed in a form; the message says which field and what is allowed.
    pub fn check(&self) -> Result<(), String> {
        if self.days == 0 || self.days > 400 {
            return Err("days: choose between 1 and 400".into());
        }
        if self.step_seconds < 10 || self.step_seconds > 86_400 {
            return Err("step: choose between 10 seconds and 1 day".into());
        }
        if self.rows() > MAX_FORM_ROWS {
            return Err(format!(
                "{} rows is too many; use a longer step or fewer days",
                self.rows()
            ));
        }
        if !(self.requests_per_step.is_finite()
            && self.requests_per_step > 0.0
            && self.requests_per_step <= 1e9)
        {
            return Err("requests per step: choose a number above 0".into());
        }
        if !(0.0..=1.0).contains(&self.daily_swing) {
            return Err("daily swing: choose between 0 and 1".into());
        }
        for (name, r) in [
            ("base error rate", self.base_error_rate),
            ("final error rate", self.final_error_rate),
        ] {
            if !(0.0..=1.0).contains(&r) {
                return Err(format!("{name}: choose between 0% and 100%"));
            }
        }
        for (i, inc) in self.incidents.iter().enumerate() {
            let n = i + 1;
            if !(inc.start_hours.is_finite() && inc.start_hours >= 0.0) {
                return Err(format!("incident {n}: the start must be 0 hours or later"));
            }
            if !(inc.length_minutes.is_finite() && inc.length_minutes > 0.0) {
                return Err(format!("incident {n}: the length must be above 0 minutes"));
            }
            if !(0.0..=1.0).contains(&inc.error_rate) {
                return Err(format!(
                    "incident {n}: the error rate must be between 0% and 100%"
                ));
            }
            if inc.start_hours > f64::from(self.days) * 24.0 {
                return Err(format!(
                    "incident {n}: starts after the data ends ({} h)",
                    self.days * 24
                ));
            }
        }
        Ok(())
    }
}

/// SplitMix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1].
    fn unit(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
    /// A count with this mean: Poisson for small means, normal approximation above.
    fn count(&mut self, mean: f64) -> f64 {
        if mean <= 0.0 {
            return 0.0;
        }
        if mean < 30.0 {
            let limit = (-mean).exp();
            let mut k = 0.0;
            let mut p = self.unit();
            while p > limit {
                k += 1.0;
                p *= self.unit();
            }
            k
        } else {
            (mean + mean.sqrt() * self.normal()).round().max(0.0)
        }
    }
}

/// The error rate in force at `hours` after the start.
fn error_rate_at(tr: &Traffic, hours: f64, total_hours: f64) -> f64 {
    let mut rate = tr.base_error_rate
        + (tr.final_error_rate - tr.base_error_rate) * (hours / total_hours).min(1.0);
    if let Some((from, r)) = tr.regression {
        if hours >= from {
            rate = r;
        }
    }
    for inc in &tr.incidents {
        if hours >= inc.start_hours && hours < inc.start_hours + inc.length_minutes / 60.0 {
            rate = rate.max(inc.error_rate);
        }
    }
    rate.clamp(0.0, 1.0)
}

/// Generates per-interval counts. Unchecked settings are clamped, never a panic;
/// call [`Traffic::check`] first to tell the user what is wrong.
pub fn generate(tr: &Traffic) -> EventSeries {
    let step = i64::from(tr.step_seconds.max(10));
    let rows = tr.rows().min(MAX_ROWS) as usize;
    let mut rng = Rng(tr.seed);
    let mut s = EventSeries {
        t: Vec::with_capacity(rows),
        good: Vec::with_capacity(rows),
        total: Vec::with_capacity(rows),
    };
    let total_hours = (f64::from(tr.days) * 24.0).max(1.0);
    let swing = tr.daily_swing.clamp(0.0, 1.0);
    for i in 1..=rows as i64 {
        // Each row counts the interval ending at its timestamp.
        let t = tr.start + i * step;
        let hours = (i * step) as f64 / 3600.0;
        let hour_of_day = (t.rem_euclid(86_400)) as f64 / 3600.0;
        // Busiest at 15:00 UTC, quietest at 03:00.
        let shape = 1.0 + swing * (std::f64::consts::TAU * (hour_of_day - 9.0) / 24.0).sin();
        let total = rng.count(tr.requests_per_step.max(0.0) * shape);
        let rate = error_rate_at(tr, hours - step as f64 / 7200.0, total_hours);
        // Count the rarer outcome, so a 100% outage has no good event at all.
        let bad = if rate <= 0.5 {
            rng.count(total * rate)
        } else {
            total - rng.count(total * (1.0 - rate)).min(total)
        };
        let bad = bad.min(total);
        s.push(t, total - bad, total);
    }
    s
}

/// How timestamps are written in generated CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStyle {
    /// `2026-10-05T00:05:00Z`
    Rfc3339,
    /// `1791158700`, shorter and faster to parse: used for the large benchmarks.
    UnixSeconds,
}

/// CSV text with a header, one row per interval: `timestamp,good,total`.
pub fn to_csv(s: &EventSeries, style: TimeStyle) -> String {
    let mut out = String::with_capacity(s.len() * 36 + 32);
    out.push_str("timestamp,good,total\n");
    for ((t, g), n) in s.t.iter().zip(&s.good).zip(&s.total) {
        match style {
            TimeStyle::Rfc3339 => push_rfc3339(&mut out, *t),
            TimeStyle::UnixSeconds => out.push_str(&t.to_string()),
        }
        out.push(',');
        out.push_str(&format!("{g:.0},{n:.0}\n"));
    }
    out
}

fn push_rfc3339(out: &mut String, t: i64) {
    match crate::format::rfc3339(t) {
        Some(text) => out.push_str(&text),
        None => out.push_str(&t.to_string()),
    }
}

/// One embedded data set and the story it tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    pub story: &'static str,
}

pub const SAMPLES: [Sample; 5] = [
    Sample {
        id: "steady",
        title: "Steady, healthy traffic",
        story: "Four weeks of a healthy API: about 0.02% of requests fail, with a day/night rhythm. \
                A 99.9% SLO keeps most of its budget and no alert fires.",
    },
    Sample {
        id: "slow-burn",
        title: "A slow burn",
        story: "The error rate creeps from 0.02% to 0.25% over four weeks, a leak nobody pages for. \
                The slow-burn tickets catch it; the budget runs out near the end.",
    },
    Sample {
        id: "outage",
        title: "A sharp outage",
        story: "Healthy traffic, then on day 9 a 25-minute total outage, and on day 20 two hours at 5% errors. \
                The fast-burn pages fire within minutes; the outage alone overspends the budget, so the postmortem rule applies.",
    },
    Sample {
        id: "low-traffic",
        title: "Low traffic at night",
        story: "An internal service: busy by day, a handful of requests at night. A single failed request \
                at 3 a.m. is a huge burn rate, and burn-rate alerts get noisy.",
    },
    Sample {
        id: "latency-regression",
        title: "A latency regression",
        story: "Counts of requests faster than 300 ms (good) among all requests. A deploy on day 15 makes \
                0.25% of requests slow instead of 0.03%: a ticket, then a budget that drains steadily.",
    },
];

/// The generator settings behind a sample.
pub fn sample_traffic(id: &str) -> Option<Traffic> {
    let base = Traffic::default();
    let t = match id {
        "steady" => Traffic { seed: 11, ..base },
        "slow-burn" => Traffic {
            seed: 12,
            final_error_rate: 0.0025,
            ..base
        },
        "outage" => Traffic {
            seed: 13,
            incidents: vec![
                Incident {
                    start_hours: 8.0 * 24.0 + 14.5,
                    length_minutes: 25.0,
                    error_rate: 1.0,
                },
                Incident {
                    start_hours: 19.0 * 24.0 + 10.0,
                    length_minutes: 120.0,
                    error_rate: 0.05,
                },
            ],
            ..base
        },
        "low-traffic" => Traffic {
            seed: 14,
            requests_per_step: 40.0,
            daily_swing: 0.97,
            base_error_rate: 0.0008,
            final_error_rate: 0.0008,
            ..base
        },
        "latency-regression" => Traffic {
            seed: 15,
            base_error_rate: 0.0003,
            final_error_rate: 0.0003,
            regression: Some((14.0 * 24.0 + 11.0, 0.0025)),
            ..base
        },
        _ => return None,
    };
    Some(t)
}

/// The sample's CSV text, as the user would paste it.
pub fn sample_csv(id: &str) -> Option<String> {
    sample_traffic(id).map(|t| to_csv(&generate(&t), TimeStyle::Rfc3339))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sli(s: &EventSeries) -> f64 {
        s.good.iter().sum::<f64>() / s.total.iter().sum::<f64>()
    }

    #[test]
    fn every_sample_has_four_weeks_of_five_minute_rows() {
        for sample in SAMPLES {
            let s = generate(&sample_traffic(sample.id).unwrap());
            assert_eq!(s.len(), 28 * 288, "{}", sample.id);
            assert_eq!(s.t[0], SAMPLE_START + 300);
            assert_eq!(s.step(), 300);
            assert!(
                s.good
                    .iter()
                    .zip(&s.total)
                    .all(|(g, n)| *g >= 0.0 && g <= n),
                "{}",
                sample.id
            );
        }
    }

    #[test]
    fn the_same_settings_give_the_same_bytes() {
        assert_eq!(sample_csv("outage"), sample_csv("outage"));
        assert_ne!(sample_csv("outage"), sample_csv("steady"));
    }

    #[test]
    fn csv_reads_as_timestamp_good_total_per_interval() {
        let csv = sample_csv("steady").unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("timestamp,good,total"));
        let first = lines.next().unwrap();
        assert!(first.starts_with("2026-10-05T00:05:00Z,"), "{first}");
        assert_eq!(csv.lines().count(), 1 + 28 * 288);
        let unix = to_csv(
            &generate(&sample_traffic("steady").unwrap()),
            TimeStyle::UnixSeconds,
        );
        assert!(unix.lines().nth(1).unwrap().starts_with("1791158700,"));
    }

    #[test]
    fn each_story_shows_in_its_numbers() {
        let get = |id| generate(&sample_traffic(id).unwrap());
        // Steady: about 0.02% bad, comfortably above 99.9%.
        let steady = sli(&get("steady"));
        assert!(steady > 0.9997 && steady < 0.9999, "steady SLI {steady}");
        // Slow burn: the last day is far worse than the first.
        let slow = get("slow-burn");
        let day = 288;
        let first = sli(&EventSeries {
            t: slow.t[..day].to_vec(),
            good: slow.good[..day].to_vec(),
            total: slow.total[..day].to_vec(),
        });
        let n = slow.len();
        let last = sli(&EventSeries {
            t: slow.t[n - day..].to_vec(),
            good: slow.good[n - day..].to_vec(),
            total: slow.total[n - day..].to_vec(),
        });
        assert!(
            1.0 - last > 5.0 * (1.0 - first),
            "first day {first}, last day {last}"
        );
        // Outage: five rows (25 minutes) with no good event on day 9.
        let outage = get("outage");
        let dead = outage
            .good
            .iter()
            .zip(&outage.total)
            .filter(|(g, n)| **g == 0.0 && **n > 0.0)
            .count();
        assert_eq!(dead, 5);
        // Low traffic: nights see a handful of requests per five minutes.
        let low = get("low-traffic");
        let quiet = low.total.iter().cloned().fold(f64::MAX, f64::min);
        assert!(quiet <= 3.0, "quietest step has {quiet} requests");
        // Latency regression: the second half is about eight times worse.
        let lat = get("latency-regression");
        let half = lat.len() / 2;
        let bad = |a: usize, b: usize| {
            1.0 - lat.good[a..b].iter().sum::<f64>() / lat.total[a..b].iter().sum::<f64>()
        };
        let (before, after) = (bad(0, 14 * 288), bad(half + 288, lat.len()));
        assert!(after > 5.0 * before, "before {before}, after {after}");
    }

    #[test]
    fn an_incident_the_user_places_shows_up_where_they_put_it() {
        let tr = Traffic {
            days: 2,
            step_seconds: 60,
            daily_swing: 0.0,
            base_error_rate: 0.0,
            final_error_rate: 0.0,
            incidents: vec![Incident {
                start_hours: 10.0,
                length_minutes: 30.0,
                error_rate: 0.5,
            }],
            ..Traffic::default()
        };
        let s = generate(&tr);
        let failing: Vec<i64> =
            s.t.iter()
                .zip(s.good.iter().zip(&s.total))
                .filter(|(_, (g, n))| g < n)
                .map(|(t, _)| (t - tr.start) / 60)
                .collect();
        // Rows ending at minutes 601..=630 cover 10:00 to 10:30.
        assert_eq!(failing.first(), Some(&601));
        assert_eq!(failing.last(), Some(&630));
        assert_eq!(failing.len(), 30);
    }

    #[test]
    fn settings_are_checked_with_messages_naming_the_field() {
        let ok = Traffic::default();
        assert!(ok.check().is_ok());
        let e = Traffic {
            days: 0,
            ..ok.clone()
        }
        .check()
        .unwrap_err();
        assert!(e.starts_with("days"));
        let e = Traffic {
            days: 400,
            step_seconds: 10,
            ..ok.clone()
        }
        .check()
        .unwrap_err();
        assert!(e.contains("too many"), "{e}");
        let e = Traffic {
            incidents: vec![Incident {
                start_hours: 1.0,
                length_minutes: 5.0,
                error_rate: 1.5,
            }],
            ..ok.clone()
        }
        .check()
        .unwrap_err();
        assert_eq!(e, "incident 1: the error rate must be between 0% and 100%");
        let e = Traffic {
            incidents: vec![Incident {
                start_hours: 9999.0,
                length_minutes: 5.0,
                error_rate: 0.5,
            }],
            ..ok
        }
        .check()
        .unwrap_err();
        assert!(e.contains("after the data ends"));
    }

    #[test]
    fn unchecked_settings_do_not_panic() {
        let weird = Traffic {
            days: 1,
            step_seconds: 0,
            requests_per_step: f64::NAN,
            daily_swing: 7.0,
            base_error_rate: -1.0,
            final_error_rate: 9.0,
            incidents: vec![Incident {
                start_hours: f64::NAN,
                length_minutes: -1.0,
                error_rate: 2.0,
            }],
            ..Traffic::default()
        };
        let s = generate(&weird);
        assert!(s
            .good
            .iter()
            .zip(&s.total)
            .all(|(g, n)| g <= n && *g >= 0.0));
    }
}
