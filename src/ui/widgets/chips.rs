//! Names as removable chips, with a field that completes from the journal.

use egui::{Key, RichText, Ui};

use crate::model::decision::same_name;

/// Most suggestions shown under the field at once.
const MAX_SUGGESTIONS: usize = 6;

/// What a chip editor did this frame.
#[derive(Debug, Clone, Copy)]
pub struct ChipEditorResponse {
    /// Whether the names changed.
    pub changed: bool,
    /// The text field's id, for typing passed on to it
    /// ([`super::PassTyping`]).
    pub field: egui::Id,
}

/// Edits `values` as chips. `input` holds the text being typed; `known` are
/// names already in the journal (most used first) offered as completions.
/// Enter or a comma adds what was typed. Typing that reaches a chip (Tab
/// landed on it) goes to the field instead of removing the name.
pub fn chip_editor(
    ui: &mut Ui,
    label: &str,
    hint: &str,
    values: &mut Vec<String>,
    input: &mut String,
    known: &[(String, usize)],
) -> ChipEditorResponse {
    let mut changed = false;
    // A fixed id: the chip row that appears above after the first name
    // must not change the field's id, or its focus (and the next name
    // typed) would be lost.
    let field_id = ui.make_persistent_id(("chip-input", label));
    let mut guard = super::PassTyping::begin(ui, field_id.with("chips"), Some(field_id));
    let label_response = ui.label(RichText::new(label).strong());
    if !values.is_empty() {
        ui.horizontal_wrapped(|ui| {
            let mut remove = None;
            for (index, value) in values.iter().enumerate() {
                let chip = egui::Button::new(format!("{value}  \u{00d7}")).small().corner_radius(10.0);
                let response = ui.add(chip).on_hover_text(format!("Remove {value}"));
                guard.add(&response);
                if response.clicked() {
                    remove = Some(index);
                }
            }
            if let Some(index) = remove {
                values.remove(index);
                changed = true;
            }
        });
    }
    let field = ui
        .add(egui::TextEdit::singleline(input).id(field_id).hint_text(hint).desired_width(f32::INFINITY))
        .labelled_by(label_response.id);
    let typed_comma = input.contains(',');
    let pressed_enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if (typed_comma || pressed_enter) && !input.trim().trim_matches(',').is_empty() {
        for part in input.split(',') {
            changed |= add_name(values, part);
        }
        input.clear();
        // Keep typing: the next name goes in the same field.
        field.request_focus();
    } else if typed_comma {
        input.clear();
    }
    let needle = input.trim().to_lowercase();
    if !needle.is_empty() {
        let suggestions: Vec<&String> = known
            .iter()
            .map(|(name, _)| name)
            .filter(|name| name.to_lowercase().contains(&needle) && !values.iter().any(|v| same_name(v, name)))
            .take(MAX_SUGGESTIONS)
            .collect();
        if !suggestions.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Suggestions:").small().weak());
                for name in suggestions {
                    if ui.small_button(name.as_str()).on_hover_text(format!("Add {name}")).clicked() {
                        changed |= add_name(values, name);
                        input.clear();
                    }
                }
            });
        }
    }
    guard.end(ui);
    ChipEditorResponse { changed, field: field_id }
}

fn add_name(values: &mut Vec<String>, name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() || values.iter().any(|v| same_name(v, name)) {
        return false;
    }
    values.push(name.to_owned());
    true
}
