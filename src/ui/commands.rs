//! The command list ([`UserCommand`]) as the window shows and reads it: a key
//! as this platform writes it (Cmd on a Mac, Ctrl elsewhere: egui's
//! `Modifiers::COMMAND`), a menu button with its key beside it, and a key
//! pressed this frame.

use egui::KeyboardShortcut;

use crate::context::UserCommand;

/// A shortcut as this platform writes it. A key pressed alone shows its
/// symbol where it has one: "?", not egui's name "Questionmark".
fn key_text(ctx: &egui::Context, shortcut: KeyboardShortcut) -> String {
    if shortcut.modifiers.is_none() {
        shortcut.logical_key.symbol_or_name().to_owned()
    } else {
        ctx.format_shortcut(&shortcut)
    }
}

/// What the window does with a command's keys: show them and read them.
pub trait CommandKeys {
    /// The main key as this platform writes it ("Ctrl+S", "⌘S"), for a
    /// button or menu entry.
    #[must_use]
    fn shortcut_text(self, ctx: &egui::Context) -> String;

    /// Every key, "Ctrl+Shift+Z or Ctrl+Y", for the sheet.
    #[must_use]
    fn all_shortcuts_text(self, ctx: &egui::Context) -> String;

    /// A button for the command with its key beside it.
    fn button(self, ctx: &egui::Context) -> egui::Button<'static>;

    /// Whether one of its keys was pressed this frame (and takes it, so no
    /// widget reacts to it too).
    fn consume(self, input: &mut egui::InputState) -> bool;
}

impl CommandKeys for UserCommand {
    fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts().first().map(|shortcut| key_text(ctx, *shortcut)).unwrap_or_default()
    }

    fn all_shortcuts_text(self, ctx: &egui::Context) -> String {
        let keys: Vec<String> = self.shortcuts().iter().map(|shortcut| key_text(ctx, *shortcut)).collect();
        keys.join(" or ")
    }

    fn button(self, ctx: &egui::Context) -> egui::Button<'static> {
        egui::Button::new(self.name()).shortcut_text(self.shortcut_text(ctx))
    }

    fn consume(self, input: &mut egui::InputState) -> bool {
        self.shortcuts().iter().any(|shortcut| input.consume_shortcut(shortcut))
    }
}
