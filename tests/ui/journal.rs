//! The Journal page driven as a user would: find widgets by their labels,
//! click and type, then check the list and the file on disk.

use crate::common::{
    TempWindow, choose, click, click_button, demo_app, harness, has_button, shows, shows_containing, type_into,
};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use keel::guidance::Guidance;
use keel::model::{Situation, Style};
use keel::storage;

#[test]
fn first_run_welcomes_then_a_decision_written_in_the_editor_is_listed_and_saved() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    assert!(shows(&harness, "Welcome to Keel"));
    click_button(&mut harness, "New decision");

    type_into(&mut harness, "Title", "Froze the scope for 4.2");
    click(&mut harness, &Guidance::get().situation(Situation::Crisis).label);
    choose(&mut harness, "Management");
    click_button(&mut harness, "Save");

    assert!(has_button(&harness, "Froze the scope for 4.2"), "the new decision is a row in the list");
    assert!(shows(&harness, "1 decision"));
    harness.state_mut().flush_saves();
    let saved = storage::load(&window.path).expect("the journal was written");
    let decision = &saved.decisions()[0];
    assert_eq!(decision.title, "Froze the scope for 4.2");
    assert_eq!(decision.style, Some(Style::Management));
    assert_eq!(decision.situations, [Situation::Crisis]);
    assert_eq!(decision.date, crate::common::today());
}

#[test]
fn saving_without_a_title_shows_the_error_and_saves_nothing() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    choose(&mut harness, "Leadership");
    click_button(&mut harness, "Save");

    assert!(shows(&harness, "Give the decision a title before saving."));
    assert!(harness.state().journal().is_empty());
    harness.state_mut().flush_saves();
    assert!(!window.path.exists(), "nothing was written");

    type_into(&mut harness, "Title", "Now with a title");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(harness.state().journal().len(), 1);
    assert!(!shows(&harness, "Give the decision a title before saving."));
}

#[test]
fn search_narrows_the_list_and_clear_restores_it() {
    let mut harness = harness(demo_app());
    let total = harness.state().journal().len();
    assert!(shows(&harness, &format!("{total} decisions")));

    type_into(&mut harness, "Search", "outage");
    let expected = harness.state().journal().decisions().iter().filter(|d| d.mentions("outage")).count();
    assert!(expected > 0 && expected < total);
    assert!(shows(&harness, &format!("{expected} of {total} decisions")));

    click_button(&mut harness, "Clear filters");
    assert!(shows(&harness, &format!("{total} decisions")));
}

#[test]
fn a_journal_of_one_decision_is_counted_in_the_singular_when_filtered_too() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Paired on the outage review");
    click_button(&mut harness, "Save");
    assert!(shows(&harness, "1 decision"));
    type_into(&mut harness, "Search", "outage");
    assert!(shows(&harness, "1 of 1 decision"), "not \"1 of 1 decisions\"");
}

#[test]
fn ctrl_f_focuses_the_search_box() {
    let mut harness = harness(demo_app());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    assert!(harness.get_by_label("Search").is_focused());
}

#[test]
fn delete_shows_undo_and_ctrl_z_brings_the_decision_back() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    for title in ["Keep this one", "Delete this one"] {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
        harness.run();
        type_into(&mut harness, "Title", title);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
        harness.run();
    }
    assert_eq!(harness.state().journal().len(), 2);

    click_button(&mut harness, "Delete this one");
    click_button(&mut harness, "Delete");
    assert!(!has_button(&harness, "Delete this one"));
    assert!(shows_containing(&harness, "Deleted \u{201c}Delete this one\u{201d}"));
    assert!(has_button(&harness, "Undo"));
    harness.state_mut().flush_saves();
    assert_eq!(storage::load(&window.path).expect("saved").len(), 1);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(has_button(&harness, "Delete this one"));
    harness.state_mut().flush_saves();
    assert_eq!(storage::load(&window.path).expect("saved").len(), 2);

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert!(!has_button(&harness, "Delete this one"), "redo deleted it again");
}

#[test]
fn escape_with_unsaved_edits_asks_before_discarding() {
    let mut harness = harness(demo_app());
    let before = harness.state().journal().clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    type_into(&mut harness, "Title", "Half-written thought");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(shows(&harness, "Discard unsaved changes?"));
    click_button(&mut harness, "Keep editing");
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Half-written thought"));

    click_button(&mut harness, "Cancel");
    click_button(&mut harness, "Discard");
    assert!(harness.query_by_label("Title").is_none(), "the editor closed");
    assert_eq!(harness.state().journal(), &before);
}

#[test]
fn editing_a_decision_changes_it_in_place() {
    let mut harness = harness(demo_app());
    let first = harness.state().journal().decisions()[0].clone();
    let count = harness.state().journal().len();
    type_into(&mut harness, "Search", &first.title);
    click_button(&mut harness, &first.title);
    assert!(shows(&harness, "Edit decision"));
    harness.get_by_label("Title").focus();
    harness.run();
    harness.key_press(Key::End);
    harness.get_by_label("Title").type_text(" (revisited)");
    harness.run();
    click_button(&mut harness, "Save");
    let edited = harness.state().journal().get(&first.id).expect("same id").clone();
    assert_eq!(edited.title, format!("{} (revisited)", first.title));
    assert_eq!(edited.created, first.created);
    assert_eq!(harness.state().journal().len(), count, "edited, not added");
}

/// As `type_into`, for a text field whose name a button shares (the People
/// field and the People page).
fn type_into_field(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>, label: &str, text: &str) {
    let role = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

#[test]
fn people_are_added_as_chips_with_completion_from_the_journal() {
    let mut harness = harness(demo_app());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    type_into(&mut harness, "Title", "Asked for a second opinion");
    type_into_field(&mut harness, "People", "zo");
    click_button(&mut harness, "Zoë");
    type_into_field(&mut harness, "People", "New Person");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(has_button(&harness, "Zoë  \u{00d7}") || has_button(&harness, "Zoë"));
    click_button(&mut harness, "Save");
    let saved = harness.state().journal().decisions().last().expect("added").clone();
    assert_eq!(saved.title, "Asked for a second opinion");
    assert_eq!(saved.people, ["Zoë", "New Person"]);
}

#[test]
fn a_broken_journal_shows_the_error_screen_and_is_not_written() {
    let window = TempWindow::new();
    std::fs::write(&window.path, "(version: 1, decisions: [ oops").expect("write");
    let mut harness = harness(window.app());
    assert!(shows(&harness, "This journal cannot be opened"));
    assert!(shows_containing(&harness, "journal.ron:1:"));
    assert!(has_button(&harness, "Open"));
    assert!(has_button(&harness, "Quit"));
    harness.state_mut().flush_saves();
    assert_eq!(std::fs::read_to_string(&window.path).expect("read"), "(version: 1, decisions: [ oops");
}

#[test]
fn a_date_more_than_a_year_ahead_is_refused_beside_the_field_and_nothing_is_saved() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Planned the 2099 offsite");
    harness.state_mut().pages.journal.editor.as_mut().expect("editor open").date = jiff::civil::date(2099, 3, 1);
    harness.run();
    click_button(&mut harness, "Save");
    assert!(
        shows_containing(&harness, "2099-03-01 is more than a year ahead (the latest allowed is 2027-11-30)"),
        "the message sits beside the date"
    );
    assert!(harness.state().journal().is_empty(), "nothing saved");
    assert!(harness.state().pages.journal.editor.is_some(), "the draft is still open to fix");
    // A date within the year is fine.
    harness.state_mut().pages.journal.editor.as_mut().expect("editor open").date = jiff::civil::date(2027, 1, 4);
    harness.run();
    click_button(&mut harness, "Save");
    assert_eq!(harness.state().journal().len(), 1);
}

#[test]
fn ticking_the_from_filter_starts_at_the_earliest_decision_not_today() {
    let mut harness = harness(demo_app());
    let total = harness.state().journal().len();
    let earliest = harness.state().journal().decisions().iter().map(|d| d.date).min().expect("decisions");
    click(&mut harness, "From");
    assert_eq!(harness.state().pages.journal.filter.since, Some(earliest));
    assert!(shows(&harness, &format!("{total} of {total} decisions")), "nothing hidden until a day is picked");
    click(&mut harness, "To");
    assert!(shows(&harness, &format!("{total} of {total} decisions")));
}

#[test]
fn a_long_title_in_the_status_bar_never_runs_over_the_save_state() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    let long = "Moved the whole platform team onto the payments migration for the rest of the quarter, ".repeat(3);
    type_into(&mut harness, "Title", long.trim());
    click_button(&mut harness, "Save");
    harness.state_mut().flush_saves();
    harness.run();
    // The smallest node with the text: the label itself, not a row holding it.
    let rect_of = |start: &str| {
        harness
            .query_all_by(|node| {
                node.label().is_some_and(|label| label.starts_with(start))
                    || node.value().is_some_and(|value| value.starts_with(start))
            })
            .map(|node| node.rect())
            .min_by(|a, b| a.width().total_cmp(&b.width()))
            .expect("shown")
    };
    let (toast, saved) = (rect_of("Added \u{201c}Moved the whole"), rect_of("Saved to "));
    assert!(!toast.intersects(saved), "toast {toast:?} overlaps {saved:?}");
    assert!(toast.right() <= 1280.0);
}

#[test]
fn after_enter_the_people_and_tags_fields_keep_focus_for_the_next_name() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Paired two reviewers");
    for (field, names) in [("People", ["Ana", "Ben"]), ("Tags", ["review", "pairing"])] {
        type_into_field(&mut harness, field, names[0]);
        harness.key_press(Key::Enter);
        harness.run();
        // No click back into the field: the next name is typed straight away.
        for key in names[1].chars() {
            harness.event(egui::Event::Text(key.to_string()));
        }
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
    click_button(&mut harness, "Save");
    let saved = harness.state().journal().decisions().last().expect("added").clone();
    assert_eq!(saved.people, ["Ana", "Ben"]);
    assert_eq!(saved.tags, ["review", "pairing"]);
}

#[test]
fn a_new_editor_opens_at_the_top_with_the_title_in_view_after_a_scrolled_edit() {
    let mut harness = harness(demo_app());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    // Far down the form: the tags field scrolls into view, the title out.
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Tags").scroll_to_me();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().pages.journal.editor.is_none(), "closed (nothing typed)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.run();
    let title = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Title").rect();
    assert!(title.top() >= 0.0 && title.bottom() <= 900.0, "the focused Title is on screen: {title:?}");
}

/// What the next few frames asked of the window (to close, or to stay
/// open), as eframe would carry it out.
fn window_commands(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>) -> Vec<egui::ViewportCommand> {
    let mut commands = Vec::new();
    for _ in 0..3 {
        harness.step();
        if let Some(out) = harness.output().viewport_output.get(&egui::ViewportId::ROOT) {
            commands.extend(out.commands.iter().cloned());
        }
    }
    commands
}

/// Ctrl+Q (Cmd+Q on a Mac) pressed, delivered in the next frame alone (kittest
/// gives a press and a release a frame each, and a frame's window commands
/// are only seen until the next).
fn press_quit(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>) {
    harness.input_mut().events.push(egui::Event::Key {
        key: Key::Q,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    });
}

/// Clicks the quit question's own button named exactly `name` (not the
/// editor's "Save Ctrl+S" or "Cancel Esc"); its result is read by the next
/// frames.
fn click_prompt_button(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>, name: &str) {
    harness
        .get_by(|node| node.role() == egui::accesskit::Role::Button && node.label().as_deref() == Some(name))
        .click();
}

fn a_window_with_a_draft(title: &str) -> (TempWindow, egui_kittest::Harness<'static, keel::app::KeelApp>) {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", title);
    (window, harness)
}

#[test]
fn ctrl_q_with_an_unsaved_draft_asks_first_and_cancel_keeps_editing() {
    let (window, mut harness) = a_window_with_a_draft("Half-written decision");
    press_quit(&mut harness);
    assert!(!window_commands(&mut harness).contains(&egui::ViewportCommand::Close), "not closed yet");
    harness.run();
    assert!(shows(&harness, "Save before quitting?"));
    assert!(shows_containing(&harness, "unsaved changes to the decision \u{201c}Half-written decision\u{201d}"));

    // The prompt's own Cancel, not the editor's ("Cancel Esc").
    click_prompt_button(&mut harness, "Cancel");
    harness.run();
    assert!(!shows(&harness, "Save before quitting?"));
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Half-written decision"), "still editing");
    harness.state_mut().flush_saves();
    assert!(!window.path.exists(), "nothing saved");
}

#[test]
fn the_close_button_with_an_unsaved_draft_asks_and_save_saves_then_closes() {
    let (window, mut harness) = a_window_with_a_draft("Saved on the way out");
    harness.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    assert!(window_commands(&mut harness).contains(&egui::ViewportCommand::CancelClose), "the close is held back");
    harness.run();
    assert!(shows(&harness, "Save before quitting?"));

    click_prompt_button(&mut harness, "Save");
    assert!(window_commands(&mut harness).contains(&egui::ViewportCommand::Close), "then the window closes");
    harness.state_mut().flush_saves();
    assert_eq!(crate::common::titles_on_disk(&window.path), ["Saved on the way out"]);
}

#[test]
fn file_quit_with_an_unsaved_draft_asks_and_discard_quits_without_saving() {
    let (window, mut harness) = a_window_with_a_draft("Thrown away");
    click_button(&mut harness, "File");
    click_button(&mut harness, "Quit");
    assert!(shows(&harness, "Save before quitting?"));
    harness.get_by_label("Discard").click();
    assert!(window_commands(&mut harness).contains(&egui::ViewportCommand::Close));
    harness.state_mut().flush_saves();
    assert!(!window.path.exists(), "nothing saved");
}

#[test]
fn quitting_with_nothing_unsaved_closes_at_once() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    press_quit(&mut harness);
    assert!(window_commands(&mut harness).contains(&egui::ViewportCommand::Close));
    assert!(!shows(&harness, "Save before quitting?"));
}

#[test]
fn a_draft_in_a_killed_window_is_offered_back_at_the_next_start_and_never_saved_unasked() {
    use eframe::App as _;
    let (window, mut harness) = a_window_with_a_draft("Typed before the crash");
    type_into(&mut harness, "What happened, and why", "Half a thought");
    // eframe writes its storage every few seconds while a draft is open.
    let mut storage = crate::common::MemoryStorage::default();
    harness.state_mut().save(&mut storage);
    harness.state_mut().flush_saves();
    drop(harness); // killed: no quit, no save of the draft
    assert!(!window.path.exists(), "the draft never reached the journal");

    let mut next = window.app();
    let key = next.kept_drafts_key().expect("a journal file");
    next.offer_kept_drafts(eframe::get_value(&storage, &key).expect("kept"));
    let mut harness = crate::common::harness(next);
    assert!(shows_containing(&harness, "Keel kept the decision \u{201c}Typed before the crash\u{201d}"));
    click_button(&mut harness, "Open it");
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Typed before the crash"));
    assert!(
        harness.query_by(|node| node.label().is_some_and(|label| label.trim() == "\u{00d7}")).is_none(),
        "no empty person or tag chip comes back with the draft"
    );
    assert_eq!(harness.get_by_label("What happened, and why").value().as_deref(), Some("Half a thought"));
    click_button(&mut harness, "Save");
    harness.state_mut().flush_saves();
    assert_eq!(crate::common::titles_on_disk(&window.path), ["Typed before the crash"]);
    harness.state_mut().save(&mut storage);
    assert!(!storage.0.contains_key(&key), "nothing left to offer once saved");
}

/// Replaces what the editor's date field holds with `text`, as a user
/// would: click into it, select all, type.
fn type_date(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>, text: &str) {
    let date = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(date, "Date").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_role_and_label(date, "Date").type_text(text);
    harness.run();
}

#[test]
fn a_date_typed_in_the_editor_is_the_one_saved() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Agreed the on-call rota");
    type_date(&mut harness, "2026-11-02");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = harness.state().journal().decisions().first().expect("saved").clone();
    assert_eq!(saved.date, jiff::civil::date(2026, 11, 2));
    harness.state_mut().flush_saves();
    assert_eq!(storage::load(&window.path).expect("written").decisions()[0].date, jiff::civil::date(2026, 11, 2));
}

#[test]
fn a_typed_date_that_is_not_a_day_is_named_beside_the_field_and_nothing_is_saved() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Agreed the on-call rota");
    type_date(&mut harness, "next friday");
    let message = "\u{201c}next friday\u{201d} is not a date: type it as YYYY-MM-DD, for example 2026-03-14.";
    assert!(!shows(&harness, message), "not while still typing");
    // Saving straight from the field: refused, and the message says why.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(shows(&harness, message), "the message sits under the date");
    assert!(harness.state().journal().is_empty(), "nothing saved");
    assert!(harness.state().pages.journal.editor.is_some(), "the draft is still open to fix");

    // A day that does not exist, left by Tab: named as soon as the field is left.
    type_date(&mut harness, "2026-11-31");
    harness.key_press(Key::Tab);
    harness.run();
    assert!(shows(&harness, "2026-11-31 is not a date: November 2026 has 30 days."));
    click_button(&mut harness, "Save");
    assert!(harness.state().journal().is_empty(), "still nothing saved");

    // Fixed: the message goes and the decision is saved with that day.
    type_date(&mut harness, "2026-11-30");
    assert!(!shows_containing(&harness, "is not a date"));
    click_button(&mut harness, "Save");
    assert_eq!(harness.state().journal().decisions().first().map(|d| d.date), Some(jiff::civil::date(2026, 11, 30)));
    harness.state_mut().flush_saves();
    assert_eq!(crate::common::titles_on_disk(&window.path), ["Agreed the on-call rota"]);
}

#[test]
fn a_typed_date_more_than_a_year_ahead_is_refused_as_soon_as_it_is_typed() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Planned the 2099 offsite");
    type_date(&mut harness, "2099-03-01");
    assert!(shows_containing(&harness, "2099-03-01 is more than a year ahead (the latest allowed is 2027-11-30)"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().journal().is_empty(), "nothing saved");
}

#[test]
fn the_calendar_picks_a_greyed_day_of_the_month_before_in_one_click_and_moves_nothing() {
    let mut harness = harness(demo_app());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    let save = |harness: &egui_kittest::Harness<'_, keel::app::KeelApp>| {
        harness
            .get_by(|node| {
                node.role() == egui::accesskit::Role::Button
                    && node.label().is_some_and(|label| label.starts_with("Save "))
            })
            .rect()
    };
    let save_before = save(&harness);
    click(&mut harness, "Pick the date from a calendar");
    // November 2026 spans six weeks; October five. The calendar keeps six,
    // so its Today button stays put from month to month.
    let today_button = harness.get_by_label("Today").rect();
    click(&mut harness, "Previous month");
    assert!(shows(&harness, "October 2026"));
    assert_eq!(harness.get_by_label("Today").rect(), today_button, "the calendar kept its size");
    click(&mut harness, "Next month");
    assert!(shows(&harness, "November 2026"));
    // 26 October is greyed in November's first week: one click picks it.
    click(&mut harness, "Monday 26 October 2026");
    assert!(harness.query_by_label("Today").is_none(), "the calendar closed");
    let editor = harness.state().pages.journal.editor.as_ref().expect("open");
    assert_eq!(editor.date, jiff::civil::date(2026, 10, 26));
    assert_eq!(
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Date").value().as_deref(),
        Some("2026-10-26")
    );
    assert_eq!(save(&harness), save_before, "the Save button did not move");
}

#[test]
fn unfinished_date_text_in_a_discarded_draft_does_not_follow_into_the_next() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Half a thought");
    type_date(&mut harness, "2026-1");
    harness.key_press(Key::Escape);
    harness.run();
    click_button(&mut harness, "Discard");
    assert!(harness.state().pages.journal.editor.is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    let date = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Date").value();
    assert_eq!(date.as_deref(), Some("2026-11-29"), "today, not the text left in the last draft");
    type_into(&mut harness, "Title", "A whole one");
    click_button(&mut harness, "Save");
    assert_eq!(harness.state().journal().len(), 1, "saved: no complaint about the old text");
}

#[test]
fn a_window_on_another_journal_leaves_the_first_journals_kept_draft_alone() {
    use eframe::App as _;
    let (first, mut harness) = a_window_with_a_draft("Draft for the first journal");
    let mut storage = crate::common::MemoryStorage::default();
    harness.state_mut().save(&mut storage);
    let key = harness.state().kept_drafts_key().expect("a journal file");
    drop(harness);

    let second = TempWindow::new();
    let mut other = crate::common::harness(second.app());
    other.state_mut().save(&mut storage);
    other.state_mut().switch_to_demo();
    other.state_mut().save(&mut storage);
    assert!(storage.0.contains_key(&key), "still kept for the first journal");
    assert_ne!(first.path, second.path);
}

#[test]
fn esc_on_the_quit_question_closes_the_question_not_the_draft_under_it() {
    let (_window, mut harness) = a_window_with_a_draft("Still wanted");
    press_quit(&mut harness);
    harness.run();
    assert!(shows(&harness, "Save before quitting?"));
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!shows(&harness, "Save before quitting?"));
    assert!(!shows(&harness, "Discard unsaved changes?"), "Esc did not reach the editor too");
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Still wanted"));
}

#[test]
fn the_journal_page_alone_sends_a_new_decision_and_a_deletion_and_changes_nothing_itself() {
    use keel::context::AppRequest;
    use keel::history::Edit;
    use keel::ui::journal_page::{self, JournalPageState};

    let alone = crate::common::PageAlone::sample();
    let sender = &alone.sender;
    let before = alone.journal.clone();
    let mut harness = alone.harness(JournalPageState::default(), journal_page::show);
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");

    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Moved the retro to Thursday");
    click_button(&mut harness, "Save");
    let sent = sender.take();
    assert!(
        matches!(sent.as_slice(), [AppRequest::Edit(change)]
            if matches!(change.as_ref(), Edit::Add(decision) if decision.title == "Moved the retro to Thursday")),
        "one new decision sent: {sent:?}"
    );
    assert!(harness.state().editor.is_none(), "the editor closes once its change is sent");

    // The newest decision (the list's first row) in the editor, then
    // Delete: the page asks for exactly that decision to go and closes the
    // editor on it.
    let first = before.decisions().iter().max_by_key(|decision| (decision.date, decision.created)).unwrap().clone();
    click_button(&mut harness, &first.title);
    assert_eq!(harness.state().editor.as_ref().and_then(|editor| editor.target()), Some(&first.id));
    click_button(&mut harness, "Delete");
    let sent = sender.take();
    assert!(
        matches!(sent.as_slice(), [AppRequest::Edit(change)] if **change == Edit::Delete(first.id.clone())),
        "{sent:?}"
    );
    assert!(harness.state().editor.is_none());
    assert_eq!(alone.journal, before, "the page changed nothing itself");
}

#[test]
fn the_welcome_screen_alone_sends_each_way_to_start() {
    use keel::context::UserCommand;
    use keel::context::{AppRequest, FilePurpose};

    let alone = crate::common::PageAlone::sample();
    let sender = &alone.sender;
    let mut harness = alone.harness((), |view, (), ui| keel::ui::welcome::show(view, ui));
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");
    click_button(&mut harness, "New decision");
    assert_eq!(sender.take(), [AppRequest::OpenEditor(None)]);
    click_button(&mut harness, "Open the sample journal");
    assert_eq!(sender.take(), [AppRequest::Run(UserCommand::OpenSample)]);
    click_button(&mut harness, "Import a journal\u{2026}");
    let sent = sender.take();
    assert!(
        matches!(sent.as_slice(), [AppRequest::AskForFile { purpose: FilePurpose::Import, .. }]),
        "the import asks for a file: {sent:?}"
    );
    assert!(shows_containing(&harness, "/nowhere/journal.ron"), "names where the journal will be saved");
}

#[test]
fn esc_on_an_open_drop_down_closes_it_and_leaves_the_draft_alone() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Half a thought");
    harness.get_by_label("Person").click();
    harness.run();
    assert!(shows(&harness, "Any person"), "the Person filter's list is open");

    harness.key_press(Key::Escape);
    harness.run();
    assert!(!shows(&harness, "Any person"), "Esc closed the list");
    assert!(!shows(&harness, "Discard unsaved changes?"), "and did not also ask to close the form");
    assert!(harness.state().pages.journal.editor.is_some(), "the draft is still open");

    harness.key_press(Key::Escape);
    harness.run();
    assert!(shows(&harness, "Discard unsaved changes?"), "the next Esc is the form's");
}

/// Makes the journal read-only (`true`) or writable again, as a user might
/// with `chmod`: Keel then refuses to save over it.
fn set_read_only(path: &std::path::Path, read_only: bool) {
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    permissions.set_readonly(read_only);
    std::fs::set_permissions(path, permissions).unwrap();
}

/// A window whose journal file holds "On disk" and is read-only, and whose
/// second decision, "Only in the window", could not be saved.
fn window_with_a_change_its_file_lacks() -> (TempWindow, egui_kittest::Harness<'static, keel::app::KeelApp>) {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "On disk");
    click_button(&mut harness, "Save");
    harness.state_mut().flush_saves();
    set_read_only(&window.path, true);
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Only in the window");
    click_button(&mut harness, "Save");
    harness.state_mut().flush_saves();
    (window, harness)
}

/// A change that could not be saved is not dropped by opening another
/// journal: the window stays on it and says why.
#[test]
fn opening_another_journal_after_a_failed_save_keeps_the_unsaved_change() {
    let (window, mut harness) = window_with_a_change_its_file_lacks();

    let other = TempWindow::new();
    harness.state_mut().switch_to_file(other.path.clone());
    harness.state_mut().switch_to_demo();
    harness.run();
    assert!(shows_containing(&harness, "This journal stays open"), "the banner says why");
    assert_eq!(harness.state().path(), Some(window.path.as_path()), "still the same journal");
    assert!(has_button(&harness, "Only in the window"), "the unsaved change is still there");

    // Writable again: the change is saved and the other journal opens.
    set_read_only(&window.path, false);
    harness.state_mut().apply(keel::history::Edit::Undo);
    harness.state_mut().apply(keel::history::Edit::Redo);
    harness.state_mut().flush_saves();
    assert_eq!(crate::common::titles_on_disk(&window.path), ["On disk", "Only in the window"]);
    harness.state_mut().switch_to_file(other.path.clone());
    assert_eq!(harness.state().path(), Some(other.path.as_path()));
}

#[test]
fn quitting_after_a_failed_save_asks_and_save_keeps_the_window_open_until_it_is_written() {
    let (window, mut harness) = window_with_a_change_its_file_lacks();
    harness.run();
    assert!(shows_containing(&harness, "could not be saved"), "the banner says so");
    assert_eq!(crate::common::titles_on_disk(&window.path), ["On disk"]);

    // No draft is open, but the journal holds a change its file lacks.
    press_quit(&mut harness);
    assert!(!window_commands(&mut harness).contains(&egui::ViewportCommand::Close), "not closed");
    harness.run();
    assert!(shows(&harness, "Save before quitting?"));
    assert!(shows_containing(&harness, "unsaved changes to the journal, which could not be saved"));

    // Save while the file is still read-only: the window stays.
    click_prompt_button(&mut harness, "Save");
    assert!(!window_commands(&mut harness).contains(&egui::ViewportCommand::Close), "still not closed");
    harness.run();
    assert!(!shows(&harness, "Save before quitting?"));

    // Writable again: Save writes the change, then the window closes.
    set_read_only(&window.path, false);
    press_quit(&mut harness);
    harness.run();
    harness.run();
    click_prompt_button(&mut harness, "Save");
    assert!(window_commands(&mut harness).contains(&egui::ViewportCommand::Close), "closed once written");
    let mut on_disk = crate::common::titles_on_disk(&window.path);
    on_disk.sort();
    assert_eq!(on_disk, ["On disk", "Only in the window"]);
}

/// A journal of `count` decisions, one a day back from today, titled
/// "Decision 1" (newest) to "Decision {count}".
fn window_with_decisions(count: usize) -> TempWindow {
    use keel::model::{Decision, DecisionId, Journal};
    let window = TempWindow::new();
    let decisions = (1..=count)
        .map(|n| {
            let date = crate::common::today() - jiff::Span::new().days(i64::try_from(n).expect("small"));
            Decision {
                id: DecisionId(format!("d{n}")),
                date,
                title: format!("Decision {n}"),
                created: date.to_zoned(jiff::tz::TimeZone::UTC).expect("time").timestamp(),
                updated: date.to_zoned(jiff::tz::TimeZone::UTC).expect("time").timestamp(),
                ..Decision::default()
            }
        })
        .collect();
    storage::save(&window.path, &Journal::new(decisions)).expect("saved");
    window
}

fn press(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>, key: Key, times: usize) {
    for _ in 0..times {
        harness.key_press(key);
        harness.run();
    }
}

#[test]
fn down_twice_and_enter_open_the_third_row_in_the_editor() {
    let window = window_with_decisions(5);
    let mut harness = harness(window.app());
    assert!(has_button(&harness, "Decision 1"));
    press(&mut harness, Key::ArrowDown, 2);
    assert!(!has_button(&harness, "Cancel"), "moving opens nothing");
    press(&mut harness, Key::Enter, 1);
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Decision 3"));

    // Up moves back, and never past the first row.
    harness.get_by_label("Title").focus();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    press(&mut harness, Key::ArrowUp, 4);
    press(&mut harness, Key::Enter, 1);
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Decision 1"));
}

#[test]
fn enter_opens_nothing_before_a_row_is_shown_as_current() {
    let window = window_with_decisions(5);
    let mut harness = harness(window.app());
    press(&mut harness, Key::Enter, 1);
    assert!(!has_button(&harness, "Cancel"), "no ring, so no row to open");
    press(&mut harness, Key::ArrowDown, 1);
    press(&mut harness, Key::Enter, 1);
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Decision 2"));
}

#[test]
fn list_keys_do_nothing_while_the_search_box_has_the_keyboard() {
    let window = window_with_decisions(5);
    let mut harness = harness(window.app());
    type_into(&mut harness, "Search", "Decision");
    press(&mut harness, Key::ArrowDown, 2);
    press(&mut harness, Key::Enter, 1);
    assert!(harness.query_by_label("Title").is_none(), "the editor stays closed");
    assert_eq!(harness.state().pages.journal.filter.search, "Decision", "the search box kept its text");
}

#[test]
fn the_current_row_scrolls_into_view() {
    let window = window_with_decisions(60);
    let mut harness = harness(window.app());
    assert!(!has_button(&harness, "Decision 50"), "far down the list, not drawn yet");
    press(&mut harness, Key::ArrowDown, 49);
    assert!(has_button(&harness, "Decision 50"), "the current row was scrolled to");
    press(&mut harness, Key::Enter, 1);
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some("Decision 50"));
}
