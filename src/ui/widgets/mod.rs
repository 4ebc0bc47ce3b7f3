//! Small widgets shared by pages: the style badge, a decision row, chips,
//! the date field, the brief's preview, the in-window file chooser, the
//! pages' tables and their scroll area.

pub mod brief_preview;
mod chips;
mod date_field;
pub mod file_chooser;
mod pass_typing;
mod table;

pub use chips::{ChipEditorResponse, chip_editor};
pub use date_field::{DateFieldResponse, date_field, date_field_then, date_field_width, date_filter_field};
pub use pass_typing::PassTyping;
pub use table::Table;

use egui::{Response, RichText, Role, Sense, Ui, WidgetInfo};

use super::theme;
use crate::guidance::Guidance;
use crate::guidance::Judged as _;
use crate::model::{Decision, Style};

/// Caps the width of what follows at `max_width` points without ever
/// widening it: egui's `set_max_width` alone sets the width, so a reading
/// column of 1100 points ran off the right edge of a zoomed window.
pub fn cap_width(ui: &mut Ui, max_width: f32) {
    ui.set_max_width(ui.available_width().min(max_width));
}

/// The space kept free at the right of a page's scrolled content for the
/// scroll bar, in points: egui's bars float over the content, so without
/// it a right-aligned control ("Show as tables", Snooze, Delete) sat
/// under the bar, its last letters covered. The gutter is there whether or
/// not the bar is, so nothing moves when a page grows long enough to scroll.
pub const SCROLL_GUTTER: i8 = 14;

/// A page's vertical scroll area: filling its panel, with the
/// [`SCROLL_GUTTER`] at the right. `name` keeps each page's (and form's)
/// scroll position its own: the pages' panels share one id, so without it
/// scrolling Review down opened Balance at the bottom too.
pub fn page_scroll(name: &'static str) -> egui::ScrollArea {
    egui::ScrollArea::vertical()
        .id_salt(("page-scroll", name))
        .auto_shrink(false)
        .content_margin(egui::Margin { right: SCROLL_GUTTER, ..egui::Margin::ZERO })
}

/// In a wrapping row, starts a new line unless `width` points still fit on
/// this one, so what follows (a key and its words, a label and its field)
/// stays together instead of breaking between its parts.
pub fn keep_together(ui: &mut Ui, width: f32) {
    let row_started = ui.available_size_before_wrap().x < ui.max_rect().width() - 1.0;
    if ui.layout().main_wrap && row_started && width > ui.available_size_before_wrap().x {
        ui.end_row();
    }
}

/// The width `text` takes as a label in the body font, in points.
#[must_use]
pub fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.painter().layout_no_wrap(text.to_owned(), font, egui::Color32::PLACEHOLDER).size().x
}

/// The label of a style badge; "Untagged" when there is no style.
#[must_use]
pub fn style_label(style: Option<Style>) -> &'static str {
    style.map_or("Untagged", Style::label)
}

/// A filled pill naming the style, in its colour. The name is always written
/// so colour is never the only cue.
pub fn style_badge(ui: &mut Ui, style: Option<Style>) -> Response {
    let galley = badge_galley(ui, style);
    let (rect, response) = ui.allocate_exact_size(galley.size() + 2.0 * BADGE_PADDING, Sense::hover());
    paint_badge(ui, rect, galley, style);
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, style_label(style)));
    response
}

/// A style badge left-aligned in a column of fixed width, so what follows it
/// lines up from row to row.
pub fn style_badge_column(ui: &mut Ui, style: Option<Style>, height: f32) {
    let (column, _) = ui.allocate_exact_size(egui::vec2(theme::BADGE_COLUMN_WIDTH, height), Sense::hover());
    let galley = badge_galley(ui, style);
    let badge = egui::Rect::from_min_size(
        egui::pos2(column.left(), column.center().y - galley.size().y / 2.0 - BADGE_PADDING.y),
        galley.size() + 2.0 * BADGE_PADDING,
    );
    paint_badge(ui, badge, galley, style);
}

/// Padding inside a style badge, in points.
const BADGE_PADDING: egui::Vec2 = egui::vec2(7.0, 2.0);

fn badge_galley(ui: &Ui, style: Option<Style>) -> std::sync::Arc<egui::Galley> {
    let font = egui::TextStyle::Small.resolve(ui.style());
    ui.painter().layout_no_wrap(style_label(style).to_owned(), font, theme::on_style_color(ui.visuals()))
}

fn paint_badge(ui: &Ui, rect: egui::Rect, galley: std::sync::Arc<egui::Galley>, style: Option<Style>) {
    ui.painter().rect_filled(rect, 8.0, theme::style_color(style, ui.visuals()));
    ui.painter().galley(rect.min + BADGE_PADDING, galley, theme::on_style_color(ui.visuals()));
}

/// One row of the decision list: date, style badge and title on the first
/// line; situations, people and tags on the second. The whole row is one
/// button for the screen reader, named by its title.
pub fn decision_row(ui: &mut Ui, decision: &Decision, selected: bool) -> Response {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, theme::ROW_HEIGHT), Sense::click());
    let title = decision.title.clone();
    response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &title));
    let response =
        response.on_hover_text(format!("{} \u{00b7} {}", style_label(decision.style), fit_words(decision.fit())));
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
        let inner = rect.shrink2(egui::vec2(8.0, 4.0));
        let mut row = ui
            .new_child(egui::UiBuilder::new().max_rect(inner).layout(egui::Layout::left_to_right(egui::Align::Center)));
        row.add_sized(
            [theme::DATE_COLUMN_WIDTH, inner.height()],
            egui::Label::new(RichText::new(decision.date.strftime("%Y-%m-%d").to_string()).monospace().weak())
                .selectable(false),
        );
        style_badge_column(&mut row, decision.style, inner.height());
        let (marker, _) = row.allocate_exact_size(egui::vec2(theme::FIT_COLUMN_WIDTH, inner.height()), Sense::hover());
        if let Some(fit) = decision.fit() {
            let visuals = row.visuals();
            row.painter().text(
                marker.left_center(),
                egui::Align2::LEFT_CENTER,
                fit_symbol(fit),
                egui::TextStyle::Body.resolve(row.style()),
                theme::fit_color(fit, visuals),
            );
        }
        row.vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 2.0;
            ui.add(egui::Label::new(RichText::new(&decision.title).strong()).truncate().selectable(false));
            ui.add(egui::Label::new(RichText::new(details_line(decision)).weak()).truncate().selectable(false));
        });
    }
    response
}

/// The symbol marking how a decision fits the guidance: ✔ followed, ◑ partly,
/// ✖ went against it.
#[must_use]
pub fn fit_symbol(fit: f64) -> &'static str {
    if fit >= 1.0 {
        "\u{2714}"
    } else if fit > 0.0 {
        "\u{25d1}"
    } else {
        "\u{2716}"
    }
}

/// Words for a fit, for tooltips and screen readers.
#[must_use]
pub fn fit_words(fit: Option<f64>) -> &'static str {
    match fit {
        None => "no guidance",
        Some(fit) if fit >= 1.0 => "followed the guidance",
        Some(fit) if fit > 0.0 => "partly followed the guidance",
        Some(_) => "went against the guidance",
    }
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
