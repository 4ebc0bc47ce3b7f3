//! Settings → Reminders writes and removes the scheduler entry (in a
//! scratch configuration folder), and the open window shows today's
//! reminder once as a banner instead of a notification.

use crate::common::{TempWindow, click, click_button, harness, shows};
use egui_kittest::kittest::Queryable as _;
use jiff::ToSpan;
use keel::context::Page;
use keel::model::{DecisionDraft, Journal};
use keel::remind::{Places, ReminderSettings, schedule};
use keel::storage;

fn places(folder: &std::path::Path) -> Places {
    Places::in_folder(folder, "/usr/bin/keel".into())
}

fn window_with_a_due_review() -> TempWindow {
    let window = TempWindow::new();
    let mut journal = Journal::default();
    let decided = crate::common::today().checked_sub(40.days()).expect("date");
    let draft = DecisionDraft {
        title: "Froze the scope for 4.2".into(),
        date: Some(decided),
        review_on: Some(crate::common::today().checked_sub(3.days()).expect("date")),
        ..DecisionDraft::default()
    };
    journal.push(draft.into_new_decision(decided, jiff::Timestamp::UNIX_EPOCH).expect("valid"));
    storage::save(&window.path, &journal).expect("saved");
    window
}

#[test]
fn turning_reminders_on_writes_the_entry_and_off_removes_it() {
    let window = TempWindow::new();
    storage::save(&window.path, &Journal::default()).expect("saved");
    let scratch = tempfile::tempdir().expect("temp dir");
    let places = places(scratch.path());
    let mut app = window.app();
    app.set_reminder_places(places.clone());
    let mut harness = harness(app);
    click_button(&mut harness, "Settings");
    assert!(shows(&harness, "Reminders"));

    click(&mut harness, "Remind me when Keel is closed");
    let units = schedule::units_folder(&places);
    assert!(units.join(schedule::TIMER_NAME).is_file() && units.join(schedule::SERVICE_NAME).is_file());
    assert!(schedule::autostart_file(&places).is_file(), "no service manager asked: the login entry");
    assert!(ReminderSettings::load(&places).expect("readable").enabled);
    assert!(harness.query_by_label_contains("keel-remind.timer").is_some(), "Settings says what it wrote");

    let settings = ReminderSettings::load(&places).expect("readable");
    assert_eq!(settings.journal.as_deref(), Some(window.path.as_path()), "the timer reads this window's journal");

    // The entry went (the package was removed and installed again): the
    // next change puts it back.
    std::fs::remove_file(units.join(schedule::TIMER_NAME)).expect("removed");
    harness.get_by_label("Weekly reflection on").click();
    harness.run();
    harness.get_by_label("Wednesday").click();
    harness.run();
    assert_eq!(ReminderSettings::load(&places).expect("readable").reflect_on, jiff::civil::Weekday::Wednesday);
    assert!(units.join(schedule::TIMER_NAME).is_file(), "installed again");

    click(&mut harness, "Remind me when Keel is closed");
    assert!(!units.join(schedule::TIMER_NAME).exists() && !schedule::autostart_file(&places).exists());
    let settings = ReminderSettings::load(&places).expect("readable");
    assert!(!settings.enabled);
    assert_eq!(settings.reflect_on, jiff::civil::Weekday::Wednesday, "the weekday is kept");
}

#[test]
fn the_open_window_shows_todays_reminder_once_and_opens_its_page() {
    let window = window_with_a_due_review();
    let scratch = tempfile::tempdir().expect("temp dir");
    let places = places(scratch.path());
    ReminderSettings { enabled: true, ..ReminderSettings::default() }.save(&places).expect("saved");

    let mut app = window.app();
    app.set_reminder_places(places.clone());
    let mut harness = harness(app);
    assert!(shows(&harness, "1 decision is due for review"), "the banner");
    assert!(shows(&harness, "Froze the scope for 4.2"));
    click_button(&mut harness, "Open Review");
    assert_eq!(harness.state().page, Page::Review);
    assert!(harness.state().reminders.banner().is_none());

    // Another window the same day (or `keel remind`) says nothing more.
    let mut second = window.app();
    second.set_reminder_places(places);
    let harness = crate::common::harness(second);
    assert!(harness.state().reminders.banner().is_none());
    assert!(!shows(&harness, "1 decision is due for review"));
}

#[test]
fn with_reminders_off_the_window_shows_no_banner() {
    let window = window_with_a_due_review();
    let scratch = tempfile::tempdir().expect("temp dir");
    let mut app = window.app();
    app.set_reminder_places(places(scratch.path()));
    let mut harness = harness(app);
    harness.run();
    assert!(harness.state().reminders.banner().is_none());
    assert!(!has_open_review(&harness));
}

fn has_open_review(harness: &egui_kittest::Harness<'_, keel::app::KeelApp>) -> bool {
    harness.query_by_label("Open Review").is_some()
}

#[test]
fn the_reminder_follows_the_journal_the_window_opens() {
    let window = TempWindow::new();
    storage::save(&window.path, &Journal::default()).expect("saved");
    let other = window.folder.path().join("elsewhere.ron");
    storage::save(&other, &Journal::default()).expect("saved");
    let scratch = tempfile::tempdir().expect("temp dir");
    let places = places(scratch.path());
    ReminderSettings { enabled: true, journal: Some(window.path.clone()), ..ReminderSettings::default() }
        .save(&places)
        .expect("saved");
    let mut app = window.app();
    app.set_reminder_places(places.clone());
    let mut harness = harness(app);
    harness.state_mut().switch_to_file(other.clone());
    harness.run();
    harness.run();
    assert_eq!(ReminderSettings::load(&places).expect("readable").journal, Some(other));
}
