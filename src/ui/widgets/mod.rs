//! Small widgets shared by pages: the style badge, a decision row, chips.

mod chips;

pub use chips::chip_editor;

use egui::{Response, RichText, Role, Sense, Ui, WidgetInfo};

use super::theme;
use crate::guidance::Guidance;
use crate::model::{Decision, Style};

/// The label of a style badge; "Untagged" when there is no style.
#[must_use]
pub fn style_label(style: Option<Style>) -> &'static str {
    style.map_or("Untagged", Style::label)
}

/// A filled pill naming the style, in its colour. The name is always written
/// so colour is never the only cue.
pub fn style_badge(ui: &mut Ui, style: Option<Style>) -> Response {
    let visuals = ui.visuals().clone();
    let fill = theme::style_color(style, &visuals);
    let text = RichText::new(style_label(style)).small().strong().color(theme::on_style_color(&visuals));
    egui::Frame::new()
        .fill(fill)
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(7, 2))
        .show(ui, |ui| ui.label(text))
        .response
}

/// One row of the decision list: date, style badge and title on the first
/// line; situations, people and tags on the second. The whole row is one
/// button for the screen reader, named by its title.
pub fn decision_row(ui: &mut Ui, decision: &Decision, selected: bool) -> Response {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, theme::ROW_HEIGHT), Sense::click());
    let title = decision.title.clone();
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &title));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let fill = if selected {
            Some(visuals.selection.bg_fill)
        } else if response.hovered() {
            Some(visuals.widgets.hovered.weak_bg_fill)
        } else {
            None
        };
        if let Some(fill) = fill {
            ui.painter().rect_filled(rect, 4.0, fill);
        }
        let mut row = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect.shrink2(egui::vec2(6.0, 4.0)))
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        row.horizontal(|ui| {
            ui.label(RichText::new(decision.date.strftime("%Y-%m-%d").to_string()).monospace().weak());
            style_badge(ui, decision.style);
            ui.add(egui::Label::new(RichText::new(&decision.title).strong()).truncate().selectable(false));
        });
        row.horizontal(|ui| {
            let details = details_line(decision);
            ui.add(egui::Label::new(RichText::new(details).small().weak()).truncate().selectable(false));
        });
    }
    response
}

fn details_line(decision: &Decision) -> String {
    let guidance = Guidance::get();
    let mut parts: Vec<String> = Vec::new();
    if !decision.situations.is_empty() {
        let situations: Vec<&str> = decision.situations.iter().map(|s| guidance.situation(*s).label.as_str()).collect();
        parts.push(situations.join(", "));
    }
    if !decision.people.is_empty() {
        parts.push(format!("with {}", decision.people.join(", ")));
    }
    if !decision.tags.is_empty() {
        parts.push(decision.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" "));
    }
    if parts.is_empty() { "No situation, people or tags".to_owned() } else { parts.join("  \u{00b7}  ") }
}
