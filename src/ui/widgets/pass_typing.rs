//! Typing never lands on a button. Tab reaches every control in reading
//! order, buttons included (a name's "×" chip, a suggestion, the calendar
//! button), but someone who tabs out of a text field and goes on typing
//! means the next field: a letter typed on a button went nowhere, and a
//! space clicked it (removing a name, opening the calendar). A guard
//! remembers a group's buttons from the last frame; when one of them has
//! the focus as text arrives, the focus moves to the group's text field
//! before anything is drawn, so that field takes the text and the button
//! never sees the space.

use egui::{Event, Id, Response, Ui};

/// Watches a group of buttons for one frame.
#[derive(Debug)]
pub struct PassTyping {
    key: Id,
    buttons: Vec<Id>,
}

impl PassTyping {
    /// Starts the group `key` for this frame: if one of its buttons of the
    /// last frame has the focus and text is being typed, `field` (drawn
    /// later in this frame) gets the focus, and the text.
    pub fn begin(ui: &Ui, key: Id, field: Option<Id>) -> Self {
        let last: Vec<Id> = ui.data(|data| data.get_temp::<Vec<Id>>(key)).unwrap_or_default();
        if let Some(field) = field
            && ui.memory(egui::Memory::focused).is_some_and(|focused| last.contains(&focused))
            && ui.input(|input| input.events.iter().any(|event| matches!(event, Event::Text(text) if !text.is_empty())))
        {
            ui.memory_mut(|memory| memory.request_focus(field));
        }
        Self { key, buttons: Vec::new() }
    }

    /// Counts `response`'s widget in the group.
    pub fn add(&mut self, response: &Response) {
        self.buttons.push(response.id);
    }

    /// Remembers the group's buttons for the next frame.
    pub fn end(self, ui: &Ui) {
        ui.data_mut(|data| data.insert_temp(self.key, self.buttons));
    }
}
