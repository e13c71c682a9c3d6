//! The team's own words for the RACI chart: local job titles for the seven
//! canonical personas (the "Rosetta stone": canonical persona, our title),
//! personas the team adds as columns after them, and steps it adds as rows
//! after the nine lifecycle steps.
//!
//! Kept in `Raci::words`, so the chart, its lint and every export read the
//! same names. Canonical personas and steps keep their canonical name as
//! their key (`Raci::persona_key`): finding ids and saved acknowledgements do
//! not move when a title changes. Must not know the browser or any format.

use crate::limits::{MAX_RACI_COLUMNS, MAX_RACI_ROWS};
use crate::model::{slug, Raci, RACI_PERSONAS, RACI_STEPS};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Words {
    /// Our title per canonical persona, indexed as `RACI_PERSONAS`; a blank
    /// or missing entry keeps the canonical name.
    pub titles: Vec<String>,
    /// Personas the team added: columns 7, 8, ... of the chart.
    pub personas: Vec<String>,
    /// Steps the team added: rows 9, 10, ... of the chart.
    pub steps: Vec<String>,
}

impl Words {
    /// No title, persona or step of the team's: project files leave it out.
    pub fn is_empty(&self) -> bool {
        self.titles.iter().all(|t| t.trim().is_empty())
            && self.personas.is_empty()
            && self.steps.is_empty()
    }
}

/// One line of the Rosetta stone.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub canonical: &'static str,
    /// Our title; `None` while the team keeps the canonical name.
    pub ours: Option<String>,
}

impl Raci {
    /// Columns: the canonical personas, then the team's.
    pub fn persona_count(&self) -> usize {
        RACI_PERSONAS.len() + self.words.personas.len()
    }

    /// Rows: the lifecycle steps, then the team's.
    pub fn step_count(&self) -> usize {
        RACI_STEPS.len() + self.words.steps.len()
    }

    /// The persona of column `j` as the team calls it.
    pub fn persona_name(&self, j: usize) -> String {
        let title = self.words.titles.get(j).map(|t| t.trim());
        match (RACI_PERSONAS.get(j), title) {
            (Some(_), Some(t)) if !t.is_empty() => t.to_string(),
            (Some(canonical), _) => canonical.to_string(),
            (None, _) => self
                .words
                .personas
                .get(j - RACI_PERSONAS.len())
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| format!("Persona {}", j + 1)),
        }
    }

    /// A name that does not move when the team retitles a persona: the slug
    /// of the canonical name, or of the added persona's name.
    pub fn persona_key(&self, j: usize) -> String {
        match RACI_PERSONAS.get(j) {
            Some(canonical) => slug(canonical),
            None => slug(&self.persona_name(j)),
        }
    }

    /// The step of row `i`.
    pub fn step_name(&self, i: usize) -> String {
        match RACI_STEPS.get(i) {
            Some(step) => step.to_string(),
            None => self
                .words
                .steps
                .get(i - RACI_STEPS.len())
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| format!("Step {}", i + 1)),
        }
    }

    /// The letters in row `i`, column `j` (empty when the row is short).
    pub fn cell(&self, i: usize, j: usize) -> &str {
        self.cells
            .get(i)
            .and_then(|r| r.get(j))
            .map_or("", String::as_str)
    }

    /// Sets the letters of one cell, padding short rows first (older or
    /// hand-edited files may have them).
    pub fn set_cell(&mut self, i: usize, j: usize, letters: &str) {
        if i >= self.step_count() || j >= self.persona_count() {
            return;
        }
        if self.cells.len() <= i {
            self.cells.resize(i + 1, Vec::new());
        }
        let row = &mut self.cells[i];
        if row.len() <= j {
            row.resize(j + 1, String::new());
        }
        row[j] = letters.to_string();
    }

    /// Gives canonical persona `j` our title; a blank title restores the
    /// canonical name. Added personas are renamed by their own name.
    pub fn set_title(&mut self, j: usize, title: &str) {
        if j < RACI_PERSONAS.len() {
            if self.words.titles.len() <= j {
                self.words.titles.resize(RACI_PERSONAS.len(), String::new());
            }
            self.words.titles[j] = title.trim().to_string();
        } else if let Some(name) = self.words.personas.get_mut(j - RACI_PERSONAS.len()) {
            *name = title.trim().to_string();
        }
    }

    /// Adds a persona column with empty cells; its index.
    pub fn add_persona(&mut self, name: &str) -> Result<usize, String> {
        let name = checked_name(name, "persona")?;
        if self.persona_count() >= MAX_RACI_COLUMNS {
            return Err(format!(
                "the chart holds at most {MAX_RACI_COLUMNS} personas"
            ));
        }
        self.words.personas.push(name);
        Ok(self.persona_count() - 1)
    }

    /// Adds a step row with empty cells; its index.
    pub fn add_step(&mut self, name: &str) -> Result<usize, String> {
        let name = checked_name(name, "step")?;
        if self.step_count() >= MAX_RACI_ROWS {
            return Err(format!("the chart holds at most {MAX_RACI_ROWS} steps"));
        }
        self.words.steps.push(name);
        let i = self.step_count() - 1;
        if self.cells.len() <= i {
            self.cells.resize(i + 1, Vec::new());
        }
        self.cells[i] = vec![String::new(); self.persona_count()];
        Ok(i)
    }

    /// The Rosetta stone: each canonical persona beside our title.
    pub fn rosetta(&self) -> Vec<Translation> {
        RACI_PERSONAS
            .iter()
            .enumerate()
            .map(|(j, canonical)| Translation {
                canonical,
                ours: self
                    .words
                    .titles
                    .get(j)
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty()),
            })
            .collect()
    }
}

fn checked_name(name: &str, what: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        Err(format!("give the {what} a name"))
    } else {
        Ok(name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_renames_a_persona_and_a_blank_one_restores_the_canonical_name() {
        let mut raci = Raci::default();
        raci.set_title(1, " PM ");
        assert_eq!(raci.persona_name(1), "PM");
        assert_eq!(raci.persona_key(1), "product-owner-s");
        assert_eq!(raci.persona_name(0), "Service Owner");
        raci.set_title(1, "");
        assert_eq!(raci.persona_name(1), "Product Owner(s)");
        assert!(raci.words.is_empty());
    }

    #[test]
    fn the_rosetta_stone_pairs_every_canonical_persona_with_our_title() {
        let mut raci = Raci::default();
        raci.set_title(4, "Platform on-call");
        let stone = raci.rosetta();
        assert_eq!(stone.len(), 7);
        assert_eq!(stone[4].canonical, "SRE IC");
        assert_eq!(stone[4].ours.as_deref(), Some("Platform on-call"));
        assert_eq!(stone[0].ours, None);
    }

    #[test]
    fn an_added_persona_is_column_seven_with_empty_cells() {
        let mut raci = Raci::default();
        assert_eq!(raci.add_persona("  Data protection officer "), Ok(7));
        assert_eq!(raci.persona_count(), 8);
        assert_eq!(raci.persona_name(7), "Data protection officer");
        assert_eq!(raci.persona_key(7), "data-protection-officer");
        assert_eq!(raci.cell(2, 7), "");
        raci.set_cell(2, 7, "C");
        assert_eq!(raci.cell(2, 7), "C");
        assert_eq!(raci.cells[2].len(), 8);
        assert!(raci.add_persona(" ").is_err());
    }

    #[test]
    fn an_added_step_is_a_row_after_the_lifecycle_with_a_cell_per_persona() {
        let mut raci = Raci::default();
        raci.add_persona("Legal").unwrap();
        assert_eq!(raci.add_step("Announce SLO changes"), Ok(9));
        assert_eq!(raci.step_name(9), "Announce SLO changes");
        assert_eq!(raci.cells[9].len(), 8);
        assert_eq!(raci.step_count(), 10);
    }

    #[test]
    fn cells_outside_the_chart_are_not_written() {
        let mut raci = Raci::default();
        raci.set_cell(9, 0, "A");
        raci.set_cell(0, 7, "A");
        assert_eq!(raci.cells.len(), 9);
        assert!(raci.cells.iter().all(|r| r.len() == 7));
    }

    #[test]
    fn the_chart_stops_growing_at_its_limits() {
        let mut raci = Raci::default();
        for i in 0..(MAX_RACI_COLUMNS - 7) {
            raci.add_persona(&format!("p{i}")).unwrap();
        }
        assert!(raci.add_persona("one more").is_err());
        for i in 0..(MAX_RACI_ROWS - 9) {
            raci.add_step(&format!("s{i}")).unwrap();
        }
        assert!(raci.add_step("one more").is_err());
    }

    #[test]
    fn an_old_chart_without_words_loads_with_the_canonical_names() {
        let raci: Raci = serde_json::from_str(r#"{"cells": [["AR"]]}"#).unwrap();
        assert_eq!(raci.words, Words::default());
        assert_eq!(raci.persona_name(6), "Executive (VP)");
        // And a chart without words writes no `words` key.
        let json = serde_json::to_string(&Raci::default()).unwrap();
        assert!(!json.contains("words"), "{json}");
    }
}
