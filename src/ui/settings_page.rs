//! The Settings page: theme, the default review period for new decisions, and
//! which journal file is open. It reads the [`ViewContext`] (preferences,
//! the journal's file, backups, encryption) and its own form, and sends
//! [`AppRequest`]s for every change.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::commands::CommandKeys;
use super::{theme, widgets};
use crate::context::files::{FileRequest, Mode};
use crate::context::{AppRequest, FilePurpose, OpenOn, Passphrase, Source, UserCommand, ViewContext};
use crate::model::ReviewPeriod;

/// The page's own state: what is typed into its fields.
#[derive(Default)]
pub struct SettingsPageState {
    /// The path typed into "Open or create a journal at".
    pub open_path: String,
    /// Where "Move this journal to" should put the journal.
    pub move_to: String,
    /// The new passphrase and its repetition.
    new_passphrase: (String, String),
}

impl SettingsPageState {
    /// The move asked for has started: the typed place is done with.
    pub fn move_started(&mut self) {
        self.move_to.clear();
    }

    /// The journal was encrypted: the typed passphrases are done with,
    /// and wiped from memory.
    pub fn forget_new_passphrase(&mut self) {
        use zeroize::Zeroize as _;
        self.new_passphrase.0.zeroize();
        self.new_passphrase.1.zeroize();
    }
}

/// Never prints the passphrases typed.
impl std::fmt::Debug for SettingsPageState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingsPageState")
            .field("open_path", &self.open_path)
            .field("move_to", &self.move_to)
            .finish_non_exhaustive()
    }
}

/// Draws the page.
pub fn show(view: &ViewContext<'_>, state: &mut SettingsPageState, ui: &mut Ui) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading("Settings");
        ui.separator();
        widgets::page_scroll("settings").show(ui, |ui| {
            widgets::cap_width(ui, 720.0);
            ui.label(RichText::new("Appearance").size(16.0).strong());
            let mut preference = ui.ctx().options(|options| options.theme_preference);
            ui.horizontal(|ui| {
                ui.label("Theme");
                for (value, label) in [
                    (egui::ThemePreference::Light, "Light"),
                    (egui::ThemePreference::Dark, "Dark"),
                    (egui::ThemePreference::System, "Follow the system"),
                ] {
                    ui.radio_value(&mut preference, value, label);
                }
            });
            if preference != ui.ctx().options(|options| options.theme_preference) {
                view.send(AppRequest::SetTheme(preference));
            }
            ui.horizontal(|ui| {
                ui.label("Zoom");
                let zoom = ui.ctx().zoom_factor();
                let ctx = ui.ctx().clone();
                let hint =
                    |command: UserCommand| format!("{} ({})", command.description(), command.shortcut_text(&ctx));
                // Each button does what its key does: the same command.
                if ui.button("\u{2212}").accessible_name("Zoom out").on_hover_text(hint(UserCommand::ZoomOut)).clicked()
                {
                    view.send(AppRequest::Run(UserCommand::ZoomOut));
                }
                ui.label(format!("{:.0} %", zoom * 100.0));
                if ui.button("+").accessible_name("Zoom in").on_hover_text(hint(UserCommand::ZoomIn)).clicked() {
                    view.send(AppRequest::Run(UserCommand::ZoomIn));
                }
                if ui.button("Reset").on_hover_text(hint(UserCommand::ZoomReset)).clicked() {
                    view.send(AppRequest::Run(UserCommand::ZoomReset));
                }
            });
            ui.add_space(theme::SECTION_GAP);

            ui.label(RichText::new("Start").size(16.0).strong());
            ui.horizontal_wrapped(|ui| {
                ui.label("Open on");
                let mut preferences = view.preferences.clone();
                ui.radio_value(&mut preferences.open_on, OpenOn::ThisWeek, "This week");
                ui.radio_value(&mut preferences.open_on, OpenOn::LastPage, "The page I left");
                if preferences != *view.preferences {
                    view.send(AppRequest::SetPreferences(preferences));
                }
            });
            ui.add_space(theme::SECTION_GAP);

            ui.label(RichText::new("Reviews").size(16.0).strong());
            ui.label(
                RichText::new(
                    "New decisions get a review date this long after they are made; you can change it per decision.",
                )
                .weak(),
            );
            ui.horizontal(|ui| {
                ui.label("Default review");
                let mut preferences = view.preferences.clone();
                let current = &mut preferences.default_review;
                ui.radio_value(current, None, "None");
                for period in ReviewPeriod::ALL {
                    ui.radio_value(current, Some(period), period.label());
                }
                if preferences != *view.preferences {
                    view.send(AppRequest::SetPreferences(preferences));
                }
            });
            ui.add_space(theme::SECTION_GAP);

            reminders_section(view, ui);
            ui.add_space(theme::SECTION_GAP);

            ui.label(RichText::new("Journal").size(16.0).strong());
            match view.source {
                Source::File(path) => {
                    ui.label(format!("Open: {}", path.display()));
                    ui.label(RichText::new("Every change is saved to this file as you make it.").weak());
                }
                Source::Demo => {
                    ui.label("Open: the sample journal (changes are not saved).");
                }
            }
            // Wrapped, so at a large zoom the button goes to the next line
            // instead of past the window's edge.
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("Open or create a journal at");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut state.open_path)
                            .hint_text("/path/to/journal.ron")
                            .desired_width(ui.available_width().min(320.0)),
                    )
                    .labelled_by(label.id);
                let enter = field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter));
                if (ui.button("Open").clicked() || enter) && !state.open_path.trim().is_empty() {
                    view.send(AppRequest::OpenJournal(PathBuf::from(state.open_path.trim())));
                }
            });
            ui.horizontal(|ui| {
                let folder = view.path().and_then(Path::parent).map(Path::to_path_buf);
                if ui.button("Open a journal\u{2026}").clicked() {
                    let request = journal_request("Open a journal", Mode::Open, folder.clone());
                    view.send(AppRequest::AskForFile { request, purpose: FilePurpose::OpenJournal });
                }
                if ui.button("New journal\u{2026}").clicked() {
                    let request = journal_request("Create a journal", Mode::Create, folder);
                    view.send(AppRequest::AskForFile { request, purpose: FilePurpose::CreateJournal });
                }
            });
            ui.label(RichText::new("A file that does not exist yet is created on the first change.").weak());
            if view.path().is_some() {
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label("Move this journal to");
                    ui.add(
                        egui::TextEdit::singleline(&mut state.move_to)
                            .hint_text("/new/place/journal.ron")
                            .desired_width(ui.available_width().min(320.0)),
                    )
                    .labelled_by(label.id);
                    if ui.button("Move").clicked() && !state.move_to.trim().is_empty() {
                        // The app clears the field once the move has started.
                        view.send(AppRequest::MoveJournal(PathBuf::from(state.move_to.trim())));
                    }
                    if ui.button("Choose a new place\u{2026}").clicked() {
                        let folder = view.path().and_then(Path::parent).map(Path::to_path_buf);
                        let request = journal_request("Move this journal to", Mode::Create, folder);
                        view.send(AppRequest::AskForFile { request, purpose: FilePurpose::MoveJournal });
                    }
                });
            }
            if view.path().is_some() {
                ui.add_space(theme::SECTION_GAP);
                backups_section(view, ui);
                ui.add_space(theme::SECTION_GAP);
                encryption_section(view, state, ui);
            }
        });
    });
}

/// On or off, the time and the reflection weekday; every change is one
/// command, so the app installs or removes the scheduler entry once.
fn reminders_section(view: &ViewContext<'_>, ui: &mut Ui) {
    ui.label(RichText::new("Reminders").size(16.0).strong());
    let reminders = view.reminders;
    if !reminders.available {
        ui.label(RichText::new("Reminders need a home folder, and this window has none.").weak());
        return;
    }
    ui.label(
        RichText::new(
            "While Keel is closed, at most one nudge a day from your own record: reviews that are due, \
             the weekly reflection, a goal falling behind, or a pattern worth a look.",
        )
        .weak(),
    );
    let mut wanted = reminders.settings.clone();
    ui.checkbox(&mut wanted.enabled, "Remind me when Keel is closed");
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("At");
        egui::ComboBox::from_id_salt("reminder-time")
            .selected_text(wanted.at_text())
            .show_ui(ui, |ui| {
                for time in reminder_times(wanted.at) {
                    let text = format!("{:02}:{:02}", time.hour(), time.minute());
                    ui.selectable_value(&mut wanted.at, time, text);
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Weekly reflection on");
        egui::ComboBox::from_id_salt("reflection-weekday")
            .selected_text(weekday_label(wanted.reflect_on))
            .show_ui(ui, |ui| {
                for day in crate::remind::settings::WEEKDAYS {
                    ui.selectable_value(&mut wanted.reflect_on, day, weekday_label(day));
                }
            })
            .response
            .labelled_by(label.id);
    });
    if wanted != *reminders.settings {
        view.send(AppRequest::SetReminders(wanted));
    }
    if let Some(message) = reminders.message {
        ui.label(RichText::new(message).weak());
    }
}

/// Every half hour of the day, and `current` where it falls between.
fn reminder_times(current: jiff::civil::Time) -> Vec<jiff::civil::Time> {
    let mut times: Vec<jiff::civil::Time> =
        (0..48_i8).filter_map(|slot| jiff::civil::Time::new(slot / 2, (slot % 2) * 30, 0, 0).ok()).collect();
    if !times.contains(&current) {
        times.push(current);
        times.sort();
    }
    times
}

fn weekday_label(day: jiff::civil::Weekday) -> String {
    crate::model::words::capitalised(crate::remind::settings::weekday_name(day))
}

fn backups_section(view: &ViewContext<'_>, ui: &mut Ui) {
    ui.label(RichText::new("Backups").size(16.0).strong());
    ui.label(
        RichText::new(
            "Before each save the previous journal is kept as a backup (beside it, or on this computer when its folder is synced): the last 10 saves and one a day for 14 days. Restoring can be undone.",
        )
        .weak(),
    );
    let backups = view.storage.backups;
    if backups.is_empty() {
        ui.label("No backups yet.");
        return;
    }
    let mut restore = None;
    widgets::Table::new("backups", 4).show(ui, |ui| {
        for (index, backup) in backups.iter().enumerate() {
            ui.label(backup.taken_local());
            let original = if backup.migrated_from.is_some() { " (original)" } else { "" };
            ui.label(format!("{}{original}", crate::model::words::count(backup.decisions, "decision", "decisions")));
            // Newest first: how this one differs from the one taken before it.
            let change = backups.get(index + 1).map_or_else(String::new, |older| {
                use std::cmp::Ordering;
                match backup.decisions.cmp(&older.decisions) {
                    Ordering::Greater => {
                        format!("{} more than the one before", backup.decisions - older.decisions)
                    }
                    Ordering::Less => format!("{} fewer than the one before", older.decisions - backup.decisions),
                    Ordering::Equal => "as many as the one before (edits)".to_owned(),
                }
            });
            ui.label(RichText::new(change).weak());
            let button = ui.button("Restore").on_hover_text(format!("Restore {}", backup.describe()));
            if button.clicked() {
                restore = Some(backup.clone());
            }
            ui.end_row();
        }
    });
    if let Some(backup) = restore {
        view.send(AppRequest::RestoreBackup(backup));
    }
}

fn encryption_section(view: &ViewContext<'_>, state: &mut SettingsPageState, ui: &mut Ui) {
    ui.label(RichText::new("Encryption").size(16.0).strong());
    if let Some(doing) = view.storage.crypto_in_progress {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(doing);
        });
        ui.label(RichText::new("You can go on working; changes are saved once it is done.").weak());
        return;
    }
    if view.storage.encrypted {
        ui.label("On: the journal and its backups are encrypted (age); the passphrase is asked once per session.");
        ui.label(RichText::new("Change the passphrase with `keel encrypt --change-passphrase`.").weak());
        if ui.button("Stop encrypting").clicked() {
            view.send(AppRequest::Decrypt);
        }
    } else {
        ui.label(
            RichText::new(
                "Off. Encrypt the journal and its backups with a passphrase; without it they cannot be read, so keep it safe.",
            )
            .weak(),
        );
        let (first, second) = &mut state.new_passphrase;
        ui.horizontal(|ui| {
            let label = ui.label("New passphrase");
            ui.add(egui::TextEdit::singleline(first).password(true).desired_width(220.0)).labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Repeat it");
            ui.add(egui::TextEdit::singleline(second).password(true).desired_width(220.0)).labelled_by(label.id);
        });
        let ready = !first.is_empty() && first == second;
        if !first.is_empty() && !second.is_empty() && first != second {
            ui.label(RichText::new("The two passphrases differ.").color(theme::error_color(ui.visuals())));
        }
        if ui.add_enabled(ready, egui::Button::new("Encrypt this journal")).clicked() {
            // Kept until the app says the journal is encrypted, so a failure
            // can be tried again without typing them anew.
            view.send(AppRequest::Encrypt(Passphrase::new(first.clone())));
        }
    }
    if let Some(message) = view.storage.encryption_message {
        ui.label(message);
    }
}

/// A file request for a journal file (`.ron`), starting beside the open one.
fn journal_request(title: &str, mode: Mode, folder: Option<PathBuf>) -> FileRequest {
    FileRequest {
        title: title.to_owned(),
        mode,
        filter_name: "Keel journal".to_owned(),
        extensions: vec!["ron"],
        file_name: "journal.ron".to_owned(),
        folder,
    }
}
