//! The command palette (Ctrl+K or Ctrl+Shift+P): every command and page,
//! and every decision by its title, narrowed by fuzzy matching as you type.
//! Arrows move, Enter runs, Esc closes.

use egui::{Key, Modifiers, RichText, Ui};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::commands::CommandKeys;
use crate::context::UserCommand;
use crate::model::{DecisionId, Journal};

/// Results shown at most: the best matches, so a large journal costs no
/// more to draw than a small one.
const MAX_RESULTS: usize = 40;

/// Something the palette can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A command (pages among them).
    Command(UserCommand),
    /// A decision, opened in the Journal page's editor.
    Decision {
        /// Which one.
        id: DecisionId,
        /// Its title, as listed.
        title: String,
        /// Its day, to tell decisions of one title apart.
        date: jiff::civil::Date,
    },
}

/// The palette while it is open.
#[derive(Debug, Default)]
pub struct PaletteState {
    /// What was typed.
    pub query: String,
    selected: usize,
    /// The query and journal revision the results were ranked for.
    ranked_for: Option<(String, u64)>,
    results: Vec<Entry>,
    focused: bool,
}

impl PaletteState {
    /// The entries matching the query, best first (every command, and no
    /// decisions, while nothing is typed).
    pub fn results(&mut self, journal: &Journal, revision: u64) -> &[Entry] {
        let stale = self.ranked_for.as_ref().is_none_or(|(query, at)| *query != self.query || *at != revision);
        if stale {
            self.results = rank(&self.query, journal);
            self.selected = self.selected.min(self.results.len().saturating_sub(1));
            self.ranked_for = Some((self.query.clone(), revision));
        }
        &self.results
    }
}

/// Ranks every command and decision against `query` with fuzzy matching:
/// letters in order, gaps allowed, word starts and runs scored higher.
#[must_use]
pub fn rank(query: &str, journal: &Journal) -> Vec<Entry> {
    let commands = UserCommand::ALL.into_iter().filter(|command| command.in_palette());
    if query.trim().is_empty() {
        return commands.map(Entry::Command).collect();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buffer = Vec::new();
    let mut score = |text: &str| pattern.score(Utf32Str::new(text, &mut buffer), &mut matcher);
    let mut scored: Vec<(u32, usize, Entry)> = Vec::new();
    for command in commands {
        // The name counts double: "bal" should find Balance before a line
        // that happens to hold b, a and l.
        let by_name = score(command.name()).map(|s| s * 2);
        let by_line = score(command.description());
        if let Some(best) = by_name.max(by_line) {
            scored.push((best, 0, Entry::Command(command)));
        }
    }
    for decision in journal.decisions() {
        if let Some(best) = score(&decision.title) {
            let entry = Entry::Decision { id: decision.id.clone(), title: decision.title.clone(), date: decision.date };
            scored.push((best, 1, entry));
        }
    }
    // Best first; on a tie commands before decisions, newer decisions first.
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then_with(|| match (&a.2, &b.2) {
            (Entry::Decision { date: x, .. }, Entry::Decision { date: y, .. }) => y.cmp(x),
            _ => std::cmp::Ordering::Equal,
        })
    });
    scored.into_iter().take(MAX_RESULTS).map(|(_, _, entry)| entry).collect()
}

/// Draws the palette; returns the entry chosen (Enter or a click) and
/// whether it should close.
pub fn show(state: &mut PaletteState, journal: &Journal, revision: u64, ui: &Ui) -> (Option<Entry>, bool) {
    let ctx = ui.ctx().clone();
    // Taken before the text field sees them: they move the choice, not
    // the cursor.
    let (down, up, enter) = ctx.input_mut(|input| {
        (
            input.consume_key(Modifiers::NONE, Key::ArrowDown),
            input.consume_key(Modifiers::NONE, Key::ArrowUp),
            input.consume_key(Modifiers::NONE, Key::Enter),
        )
    });
    let mut chosen = None;
    let response = egui::Modal::new(egui::Id::unique("command-palette")).show(&ctx, |ui| {
        ui.set_width(520.0);
        let label = ui.label(RichText::new("Search commands, pages and decisions").strong());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.query)
                    .hint_text("Type to filter: \u{201c}bal\u{201d}, \u{201c}undo\u{201d}, a decision\u{2019}s title")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !state.focused {
            field.request_focus();
            state.focused = true;
        }
        if field.changed() {
            state.selected = 0;
        }
        let count = state.results(journal, revision).len();
        if down && count > 0 {
            state.selected = (state.selected + 1) % count;
        }
        if up && count > 0 {
            state.selected = (state.selected + count - 1) % count;
        }
        ui.add_space(6.0);
        if count == 0 {
            ui.label(RichText::new("Nothing matches.").weak());
        }
        let selected = state.selected;
        egui::ScrollArea::vertical().max_height(360.0).auto_shrink([false, true]).show(ui, |ui| {
            for (at, entry) in state.results.iter().enumerate() {
                // On the right, weak: a command's keys, a decision's day.
                let (name, detail, right) = match entry {
                    Entry::Command(command) => {
                        (command.name().to_owned(), command.description().to_owned(), command.shortcut_text(&ctx))
                    }
                    Entry::Decision { title, date, .. } => {
                        (title.clone(), format!("Open this decision, from {date}"), date.to_string())
                    }
                };
                let row = egui::Button::selectable(at == selected, name)
                    .shortcut_text(right)
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                let response = ui.add(row).on_hover_text(&detail);
                if at == selected && (down || up) {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    chosen = Some(entry.clone());
                }
            }
        });
        if enter {
            chosen = chosen.clone().or_else(|| state.results.get(state.selected).cloned());
        }
    });
    let close = chosen.is_some() || response.should_close();
    (chosen, close)
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::civil::date;

    use super::*;
    use crate::context::Page;
    use crate::model::DecisionDraft;

    fn journal(titles: &[&str]) -> Journal {
        let decisions = titles
            .iter()
            .map(|title| {
                DecisionDraft { title: (*title).into(), ..DecisionDraft::default() }
                    .into_new_decision(date(2026, 3, 1), Timestamp::UNIX_EPOCH)
                    .expect("valid")
            })
            .collect();
        Journal::new(decisions)
    }

    #[test]
    fn letters_in_order_find_a_page_first() {
        let results = rank("bal", &journal(&["Ballot for the offsite"]));
        assert_eq!(results.first(), Some(&Entry::Command(UserCommand::Show(Page::Balance))));
        assert!(
            results
                .iter()
                .any(|entry| matches!(entry, Entry::Decision { title, .. } if title == "Ballot for the offsite"))
        );
    }

    #[test]
    fn a_decision_is_found_by_a_loose_spelling_of_its_title() {
        let results = rank("frz scope", &journal(&["Froze the scope for 4.2", "Hired Ana"]));
        assert!(matches!(results.first(), Some(Entry::Decision { title, .. }) if title == "Froze the scope for 4.2"));
        assert!(!results.iter().any(|entry| matches!(entry, Entry::Decision { title, .. } if title == "Hired Ana")));
    }

    #[test]
    fn nothing_typed_lists_the_commands_only() {
        let results = rank("", &journal(&["A decision"]));
        assert!(results.iter().all(|entry| matches!(entry, Entry::Command(_))));
        assert!(results.contains(&Entry::Command(UserCommand::NewDecision)));
    }
}
