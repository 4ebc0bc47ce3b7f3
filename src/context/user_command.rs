//! Every user command in one list, as rerun's `UICommand`: its name, a
//! line on what it does, where it works and its keys. Menus, button hints,
//! the shortcut sheet, the command palette and the keyboard handling all read
//! this list, so a shortcut is written once. How a key is shown (Cmd on a
//! Mac, Ctrl elsewhere: egui's `Modifiers::COMMAND`) and read is the
//! window's: `ui::commands`.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::Page;

/// Where a command's keys work, for the shortcut sheet's groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// On every page.
    Everywhere,
    /// On the Journal page.
    Journal,
    /// In the decision editor and the review form.
    Form,
}

impl Scope {
    /// The sheet's heading for the group.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Self::Everywhere => "Everywhere",
            Self::Journal => "Journal",
            Self::Form => "Editor and review form",
        }
    }
}

/// A user command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserCommand {
    /// Open the editor on a new decision.
    NewDecision,
    /// Focus the Journal page's search.
    Find,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Open the command palette.
    Palette,
    /// Show the keyboard shortcut sheet.
    Shortcuts,
    /// Show a page.
    Show(Page),
    /// Show the Review page's answer to "did leading or managing work for
    /// you?" (the palette finds it by "results").
    ReviewResults,
    /// Import decisions from a file.
    Import,
    /// Open the sample journal.
    OpenSample,
    /// Make everything larger.
    ZoomIn,
    /// Make everything smaller.
    ZoomOut,
    /// Back to the normal size.
    ZoomReset,
    /// Quit (asking first about unsaved edits).
    Quit,
    /// Save the decision or review being written.
    Save,
    /// Close the editor or review form (asking first about unsaved edits).
    Cancel,
    /// Move between controls (a key hint: Tab is egui's own).
    MoveFocus,
    /// Open the focused decision (a key hint: the list's rows are buttons).
    OpenFocused,
    /// Move the Journal list's current row (a key hint: the list reads
    /// the keys itself, while no field has the keyboard).
    MoveInList,
    /// Add the name typed in People or Tags (a key hint).
    AddName,
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl UserCommand {
    /// Every command, in the order the sheet and the palette list them.
    pub const ALL: [Self; 26] = [
        Self::NewDecision,
        Self::Undo,
        Self::Redo,
        Self::Palette,
        Self::Shortcuts,
        Self::Show(Page::Week),
        Self::Show(Page::Journal),
        Self::Show(Page::Balance),
        Self::Show(Page::People),
        Self::Show(Page::Review),
        Self::Show(Page::Guide),
        Self::Show(Page::Settings),
        Self::ReviewResults,
        Self::Import,
        Self::OpenSample,
        Self::ZoomIn,
        Self::ZoomOut,
        Self::ZoomReset,
        Self::MoveFocus,
        Self::Quit,
        Self::Find,
        Self::OpenFocused,
        Self::MoveInList,
        Self::Save,
        Self::Cancel,
        Self::AddName,
    ];

    /// The command's name, as menus and the palette show it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::NewDecision => "New decision",
            Self::Find => "Find",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::Palette => "Command palette",
            Self::Shortcuts => "Keyboard shortcuts",
            Self::Show(page) => page.label(),
            Self::ReviewResults => "Did leading or managing work?",
            Self::Import => "Import\u{2026}",
            Self::OpenSample => "Open the sample journal",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::Quit => "Quit",
            Self::Save => "Save",
            Self::Cancel => "Cancel",
            Self::MoveFocus => "Next control",
            Self::OpenFocused => "Open",
            Self::MoveInList => "Next or previous decision",
            Self::AddName => "Add the name",
        }
    }

    /// One line on what it does: the sheet's text, the palette's second line.
    #[must_use]
    pub fn description(self) -> &'static str {
        match self {
            Self::NewDecision => "Write down a new decision",
            Self::Find => "Search the journal",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo what was undone",
            Self::Palette => "Find any command, page or decision by typing",
            Self::Shortcuts => "This list of keys",
            Self::Show(Page::Week) => "Go to this week: what you decided, your goals and the weekly reflection",
            Self::Show(Page::Journal) => "Go to the list of decisions",
            Self::Show(Page::Balance) => "Go to the charts of your balance over time",
            Self::Show(Page::People) => "Go to the people you decide with, and their briefs",
            Self::Show(Page::Review) => "Go to the decisions due for review",
            Self::Show(Page::Guide) => "Go to the guidance: when to lead, when to manage",
            Self::Show(Page::Settings) => "Go to preferences, backups and encryption",
            Self::ReviewResults => "Your review results by style: how often each met what you expected",
            Self::Import => "Add decisions from jrnl, a CSV file or a Keel export",
            Self::OpenSample => "Look around in a journal of made-up decisions",
            Self::ZoomIn => "Make everything larger",
            Self::ZoomOut => "Make everything smaller",
            Self::ZoomReset => "Back to the normal size",
            Self::Quit => "Close Keel (asks first about unsaved edits)",
            Self::Save => "Save the decision or review being written",
            Self::Cancel => "Close it (asks first when there are unsaved edits)",
            Self::MoveFocus => "Move between controls (with Shift: back)",
            Self::OpenFocused => "Open the focused decision",
            Self::MoveInList => "Move through the list; Enter opens the current decision",
            Self::AddName => "In People or Tags: add the name typed",
        }
    }

    /// Where its keys work.
    #[must_use]
    pub fn scope(self) -> Scope {
        match self {
            Self::Find | Self::OpenFocused | Self::MoveInList => Scope::Journal,
            Self::Save | Self::Cancel | Self::AddName => Scope::Form,
            _ => Scope::Everywhere,
        }
    }

    /// Its keys, the main one first; none for a command run from the menus
    /// or the palette only.
    #[must_use]
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const NEW: [KeyboardShortcut; 1] = [command(Key::N)];
        const FIND: [KeyboardShortcut; 1] = [command(Key::F)];
        const UNDO: [KeyboardShortcut; 1] = [command(Key::Z)];
        const REDO: [KeyboardShortcut; 2] =
            [KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z), command(Key::Y)];
        const PALETTE: [KeyboardShortcut; 2] =
            [command(Key::K), KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P)];
        const SHEET: [KeyboardShortcut; 2] = [plain(Key::F1), plain(Key::Questionmark)];
        const PAGES: [[KeyboardShortcut; 1]; 7] = [
            [command(Key::Num1)],
            [command(Key::Num2)],
            [command(Key::Num3)],
            [command(Key::Num4)],
            [command(Key::Num5)],
            [command(Key::Num6)],
            [command(Key::Num7)],
        ];
        const ZOOM_IN: [KeyboardShortcut; 2] =
            [egui::gui_zoom::kb_shortcuts::ZOOM_IN, egui::gui_zoom::kb_shortcuts::ZOOM_IN_SECONDARY];
        const ZOOM_OUT: [KeyboardShortcut; 1] = [egui::gui_zoom::kb_shortcuts::ZOOM_OUT];
        const ZOOM_RESET: [KeyboardShortcut; 1] = [egui::gui_zoom::kb_shortcuts::ZOOM_RESET];
        const QUIT: [KeyboardShortcut; 1] = [command(Key::Q)];
        const SAVE: [KeyboardShortcut; 1] = [command(Key::S)];
        const CANCEL: [KeyboardShortcut; 1] = [plain(Key::Escape)];
        const TAB: [KeyboardShortcut; 1] = [plain(Key::Tab)];
        const OPEN: [KeyboardShortcut; 2] = [plain(Key::Enter), plain(Key::Space)];
        const ENTER: [KeyboardShortcut; 1] = [plain(Key::Enter)];
        const ARROWS: [KeyboardShortcut; 2] = [plain(Key::ArrowDown), plain(Key::ArrowUp)];
        match self {
            Self::NewDecision => &NEW,
            Self::Find => &FIND,
            Self::Undo => &UNDO,
            Self::Redo => &REDO,
            Self::Palette => &PALETTE,
            Self::Shortcuts => &SHEET,
            Self::Show(page) => {
                let at = Page::ALL.iter().position(|p| *p == page).unwrap_or_default();
                PAGES.get(at).map_or(&[], |keys| keys.as_slice())
            }
            Self::Import | Self::OpenSample | Self::ReviewResults => &[],
            Self::ZoomIn => &ZOOM_IN,
            Self::ZoomOut => &ZOOM_OUT,
            Self::ZoomReset => &ZOOM_RESET,
            Self::Quit => &QUIT,
            Self::Save => &SAVE,
            Self::Cancel => &CANCEL,
            Self::MoveFocus => &TAB,
            Self::OpenFocused => &OPEN,
            Self::MoveInList => &ARROWS,
            Self::AddName => &ENTER,
        }
    }

    /// Whether the command can be run from the palette (key hints such as
    /// Tab cannot, and Save and Cancel belong to the open form).
    #[must_use]
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Self::MoveFocus
                | Self::OpenFocused
                | Self::MoveInList
                | Self::AddName
                | Self::Save
                | Self::Cancel
                | Self::Palette
        )
    }

    /// Whether Keel reads the keys itself on every page (the rest are read
    /// by egui, the list or the open form).
    #[must_use]
    pub fn handled_globally(self) -> bool {
        // The zoom keys too, in place of egui's own (turned off in
        // `theme::apply`), so keys and Settings keep to one range.
        self.scope() == Scope::Everywhere && !matches!(self, Self::MoveFocus)
    }

    /// Whether its keys would be typed text in a focused text field, so
    /// they only count when no field has the keyboard.
    #[must_use]
    pub fn yields_to_typing(self) -> bool {
        matches!(self, Self::Undo | Self::Redo | Self::Shortcuts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_key_where_both_work() {
        for (at, a) in UserCommand::ALL.iter().enumerate() {
            for b in &UserCommand::ALL[at + 1..] {
                let clash = a.scope() == b.scope() || a.scope() == Scope::Everywhere || b.scope() == Scope::Everywhere;
                if !clash || matches!((a, b), (UserCommand::OpenFocused, UserCommand::AddName)) {
                    continue;
                }
                for key in a.shortcuts() {
                    assert!(!b.shortcuts().contains(key), "{a:?} and {b:?} share {key:?}");
                }
            }
        }
    }

    #[test]
    fn every_page_has_a_command_and_every_command_a_line() {
        for page in Page::ALL {
            assert!(UserCommand::ALL.contains(&UserCommand::Show(page)), "{page:?}");
        }
        for command in UserCommand::ALL {
            assert!(!command.name().is_empty() && !command.description().is_empty(), "{command:?}");
        }
    }
}
