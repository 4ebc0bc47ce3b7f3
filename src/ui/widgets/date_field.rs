//! A date field: the day typed as `YYYY-MM-DD`, or picked from a calendar
//! opened by the button beside it.
//!
//! The calendar always shows six weeks, so going to another month (or
//! picking a greyed day of the month before or after) never changes its
//! size and nothing moves under the pointer; a click on a day picks it and
//! closes the calendar, with no Save step. `egui_extras`' picker grew and
//! shrank with the month's number of weeks, moving its Save button, and its
//! year and month boxes had no accessible names.

use egui::{Response, RichText, Ui};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::model::date_text;

/// Width of one day's button in the calendar, in points.
const DAY_WIDTH: f32 = 30.0;
/// Height of one day's button in the calendar, in points.
const DAY_HEIGHT: f32 = 22.0;
/// Weeks the calendar shows, whatever the month.
const WEEKS: i64 = 6;
/// Width of the month's name between the arrows, in points: the longest
/// ("September 2026") fits.
const TITLE_WIDTH: f32 = 118.0;
/// Width of the typed field, in points: a `YYYY-MM-DD` and some room.
const FIELD_WIDTH: f32 = 96.0;
/// Width of the calendar button, in points, about.
const BUTTON_WIDTH: f32 = 30.0;

/// What the field did this frame.
#[derive(Debug)]
pub struct DateFieldResponse {
    /// The text field's own response.
    pub field: Response,
    /// Whether the date changed (typed or picked).
    pub changed: bool,
    /// What is wrong with the typed text, while it does not read as a day
    /// (the date keeps its last good value meanwhile).
    pub error: Option<String>,
    /// Whether the user left the text field this frame: a finished edit.
    pub finished: bool,
}

/// What the field remembers between frames.
#[derive(Debug, Clone)]
struct Memory {
    /// The text as typed.
    text: String,
    /// The date the text was last in step with.
    synced: Date,
    /// The month the calendar shows: its first day.
    month: Date,
}

/// A text field for `date`, then a button opening the calendar. The caller
/// labels the field (`response.field.labelled_by`); `name` names the button
/// for screen readers ("Pick the date from a calendar"). `today` is marked
/// in the calendar and picked by its Today button.
pub fn date_field(ui: &mut Ui, id_salt: &str, name: &str, date: &mut Date, today: Date) -> DateFieldResponse {
    date_field_then(ui, id_salt, name, date, today, None)
}

/// [`date_field`], with text typed while the calendar button has the focus
/// (Tab landed on it) going to `next`, the field that follows, instead of
/// opening the calendar on a space; to the date's own field when `None`.
pub fn date_field_then(
    ui: &mut Ui,
    id_salt: &str,
    name: &str,
    date: &mut Date,
    today: Date,
    next: Option<egui::Id>,
) -> DateFieldResponse {
    let id = ui.make_persistent_id(("keel-date-field", id_salt));
    let mut memory = ui.data(|data| data.get_temp::<Memory>(id)).unwrap_or_else(|| Memory {
        text: date.to_string(),
        synced: *date,
        month: date.first_of_month(),
    });
    let field_id = id.with("text");
    let mut guard = super::PassTyping::begin(ui, id.with("calendar"), Some(next.unwrap_or(field_id)));
    let focused = ui.memory(|m| m.has_focus(field_id));
    // Changed elsewhere (the calendar, a quick pick, the program): show it,
    // unless the user is typing in the field right now.
    if !focused && memory.synced != *date {
        memory.text = date.to_string();
        memory.synced = *date;
    }
    let mut changed = false;
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut memory.text)
                .id(field_id)
                .hint_text("YYYY-MM-DD")
                .desired_width(FIELD_WIDTH)
                .char_limit(24),
        )
        .on_hover_text("Type the day as YYYY-MM-DD, or pick it from the calendar");
    let parsed = date_text::parse(&memory.text);
    if field.changed()
        && let Ok(typed) = parsed
    {
        changed = typed != *date;
        *date = typed;
        memory.synced = typed;
        memory.month = typed.first_of_month();
    }
    let finished = field.lost_focus();
    if finished && parsed.is_ok() {
        // "  2026-11-28 " reads as that day; show it as written everywhere.
        memory.text = date.to_string();
    }
    let error = parsed.err().map(|error| format!("{}.", crate::model::words::capitalised(&error.to_string())));

    let button = ui
        .button("\u{1f4c6}")
        .on_hover_text("Pick from a calendar")
        .accessible_name(format!("Pick the {} from a calendar", name.to_lowercase()));
    guard.add(&button);
    guard.end(ui);
    if button.clicked() {
        // Opening shows the month of the date as it is now.
        memory.month = date.first_of_month();
    }
    let popup = egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| calendar(ui, &mut memory.month, *date, today));
    if let Some(picked) = popup.and_then(|inner| inner.inner) {
        changed |= picked != *date;
        *date = picked;
        memory.text = picked.to_string();
        memory.synced = picked;
        egui::Popup::close_id(ui.ctx(), egui::Popup::default_response_id(&button));
    }
    ui.data_mut(|data| data.insert_temp(id, memory));
    DateFieldResponse { field, changed, error, finished }
}

/// The width of a date field and its calendar button, in points, for
/// keeping them on one line with what names them ([`super::keep_together`]).
#[must_use]
pub fn date_field_width(ui: &Ui) -> f32 {
    FIELD_WIDTH + 2.0 * ui.spacing().item_spacing.x + BUTTON_WIDTH
}

/// [`date_field`] for a filter or period: what is wrong with typed text is
/// said right after it once the user has left the field (the last good
/// date stays in force meanwhile). Returns whether the date changed.
pub fn date_filter_field(ui: &mut Ui, id_salt: &str, name: &str, date: &mut Date, today: Date) -> DateFieldResponse {
    let field = date_field(ui, id_salt, name, date, today);
    if let Some(error) = &field.error
        && !field.field.has_focus()
    {
        ui.label(RichText::new(error).small().color(crate::ui::theme::error_color(ui.visuals())));
    }
    field
}

/// The calendar: the month and its arrows, six weeks of days, and Today.
/// Returns the day clicked, if any.
fn calendar(ui: &mut Ui, month: &mut Date, selected: Date, today: Date) -> Option<Date> {
    let mut picked = None;
    ui.horizontal(|ui| {
        for (text, name, step) in [("\u{ab}", "Previous year", -12), ("\u{2039}", "Previous month", -1)] {
            if ui.small_button(text).accessible_name(name).on_hover_text(name).clicked() {
                *month = month.saturating_add(step.months());
            }
        }
        // A fixed width, so the arrows after it stay put from month to month.
        let title = format!("{} {}", date_text::month_name(month.month()), month.year());
        ui.add_sized([TITLE_WIDTH, DAY_HEIGHT], egui::Label::new(RichText::new(title).strong()));
        for (text, name, step) in [("\u{203a}", "Next month", 1), ("\u{bb}", "Next year", 12)] {
            if ui.small_button(text).accessible_name(name).on_hover_text(name).clicked() {
                *month = month.saturating_add(step.months());
            }
        }
    });
    let first_shown = month.saturating_sub(i64::from(month.weekday().to_monday_zero_offset()).days());
    let weak = ui.visuals().weak_text_color();
    // Rows of fixed-size cells, not a grid: a grid sizes its rows from the
    // frame before, which moved the calendar a point on the first month
    // change.
    ui.spacing_mut().item_spacing = egui::vec2(2.0, 2.0);
    ui.horizontal(|ui| {
        for day in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] {
            ui.add_sized([DAY_WIDTH, DAY_HEIGHT], egui::Label::new(RichText::new(day).small().color(weak)));
        }
    });
    for week in 0..WEEKS {
        ui.horizontal(|ui| {
            for weekday in 0..7 {
                let day = first_shown.saturating_add((week * 7 + weekday).days());
                let mut text = RichText::new(day.day().to_string());
                if day.month() != month.month() {
                    text = text.color(weak);
                }
                let button = egui::Button::new(text).selected(day == selected);
                let name = day.strftime("%A %-d %B %Y").to_string();
                let response = ui.add_sized([DAY_WIDTH, DAY_HEIGHT], button).accessible_name(name);
                if day == today {
                    // Painted over, not the button's own stroke: a thicker
                    // stroke made today's row a point taller.
                    let stroke = ui.visuals().widgets.active.fg_stroke;
                    ui.painter().rect_stroke(response.rect, 4.0, stroke, egui::StrokeKind::Inside);
                }
                if response.clicked() {
                    picked = Some(day);
                }
            }
        });
    }
    ui.add_space(4.0);
    ui.vertical_centered(|ui| {
        if ui.button("Today").on_hover_text(today.to_string()).clicked() {
            picked = Some(today);
        }
    });
    picked
}
