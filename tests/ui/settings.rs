//! Settings, the shortcut sheet, and what the window remembers between runs.

use crate::common::{choose, click_button, demo_app, harness, shows, type_into};
use egui::Key;
use keel::context::Page;
use keel::model::Situation;

#[test]
fn f1_opens_the_shortcut_sheet_and_escape_closes_it() {
    let mut harness = harness(demo_app());
    harness.key_press(Key::F1);
    harness.run();
    assert!(shows(&harness, "Keyboard shortcuts"));
    assert!(shows(&harness, "Ctrl+N") && shows(&harness, "Write down a new decision"));
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().show_shortcuts);
    assert!(!shows(&harness, "Keyboard shortcuts"));
}

#[test]
fn question_mark_opens_the_sheet_but_not_while_typing() {
    let mut harness = harness(demo_app());
    type_into(&mut harness, "Search", "why?");
    assert!(!harness.state().show_shortcuts, "typing a ? in a field is just text");
    assert_eq!(harness.state().pages.journal.filter.search, "why?");
    harness.key_press(Key::Escape);
    harness.run();
    harness.event(egui::Event::Text("?".into()));
    harness.run();
    assert!(harness.state().show_shortcuts);
}

#[test]
fn settings_change_theme_and_zoom() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Settings");
    choose(&mut harness, "Dark");
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    choose(&mut harness, "Light");
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    click_button(&mut harness, "Zoom in");
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    click_button(&mut harness, "Reset");
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 1e-4);
}

#[test]
fn zoom_stays_between_50_and_300_percent_by_button_and_by_key() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Settings");
    for _ in 0..25 {
        click_button(&mut harness, "Zoom in");
    }
    assert!((harness.ctx.zoom_factor() - 3.0).abs() < 1e-4, "{}", harness.ctx.zoom_factor());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    harness.run();
    assert!((harness.ctx.zoom_factor() - 3.0).abs() < 1e-4, "the key stops there too: {}", harness.ctx.zoom_factor());
    for _ in 0..30 {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
        harness.run();
    }
    assert!((harness.ctx.zoom_factor() - 0.5).abs() < 1e-4, "{}", harness.ctx.zoom_factor());
    click_button(&mut harness, "Zoom out");
    assert!((harness.ctx.zoom_factor() - 0.5).abs() < 1e-4, "the button stops there too");
}

#[test]
fn the_page_and_filters_are_remembered_for_the_next_run() {
    let mut harness = harness(demo_app());
    type_into(&mut harness, "Search", "outage");
    harness.state_mut().pages.journal.filter.situation = Some(Situation::Crisis);
    click_button(&mut harness, "Guide");
    let memory = harness.state().view_memory();
    let stored = ron::to_string(&memory).expect("serialises");

    let mut next_run = demo_app();
    next_run.restore_view(ron::from_str(&stored).expect("deserialises"));
    assert_eq!(next_run.page, Page::Guide);
    assert_eq!(next_run.pages.journal.filter.search, "outage");
    assert_eq!(next_run.pages.journal.filter.situation, Some(Situation::Crisis));
}

#[test]
fn settings_moves_the_journal_and_keeps_the_old_file_aside() {
    let window = crate::common::TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Written before the move");
    click_button(&mut harness, "Save");
    harness.state_mut().flush_saves();

    let target = window.folder.path().join("moved").join("journal.ron");
    click_button(&mut harness, "Settings");
    type_into(&mut harness, "Move this journal to", &target.display().to_string());
    click_button(&mut harness, "Move");

    assert_eq!(harness.state().path(), Some(target.as_path()), "the window now uses the new file");
    let moved = keel::storage::load(&target).expect("the journal is at its new place");
    assert_eq!(moved.decisions()[0].title, "Written before the move");
    assert!(!window.path.exists(), "the old name is free");
    let kept = window.folder.path().join("journal.ron.moved");
    assert!(kept.exists(), "the old file is kept aside, never deleted");
    assert!(crate::common::shows_containing(&harness, "Moved the journal to"));
}

#[test]
fn moving_onto_an_existing_file_is_refused_and_nothing_changes() {
    let window = crate::common::TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Stays put");
    click_button(&mut harness, "Save");
    harness.state_mut().flush_saves();
    let occupied = window.folder.path().join("other.ron");
    std::fs::write(&occupied, "not mine").expect("write");

    click_button(&mut harness, "Settings");
    type_into(&mut harness, "Move this journal to", &occupied.display().to_string());
    click_button(&mut harness, "Move");

    assert!(crate::common::shows_containing(&harness, "already exists; choose a new file name."));
    assert_eq!(harness.state().path(), Some(window.path.as_path()));
    assert_eq!(std::fs::read_to_string(&occupied).expect("read"), "not mine");
    assert!(window.path.exists());
}

#[test]
fn the_settings_page_alone_asks_for_the_new_default_review_and_the_journal_to_open() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    use keel::context::{AppRequest, Preferences};
    use keel::model::ReviewPeriod;
    use keel::ui::settings_page::{self, SettingsPageState};

    let alone = crate::common::PageAlone::sample();
    let sender = &alone.sender;
    let mut harness = alone.harness(SettingsPageState::default(), settings_page::show);
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");

    harness.get_by_role_and_label(Role::RadioButton, "1 month").click();
    harness.run();
    let wanted = Preferences { default_review: Some(ReviewPeriod::OneMonth), ..Preferences::default() };
    assert_eq!(sender.take(), [AppRequest::SetPreferences(wanted)], "one request, applied by the app");

    harness.get_by_label("Open or create a journal at").focus();
    harness.run();
    harness.get_by_label("Open or create a journal at").type_text("/elsewhere/journal.ron");
    harness.run();
    assert_eq!(harness.state().open_path, "/elsewhere/journal.ron", "the page keeps its own field");
    assert!(sender.take().is_empty(), "typing asks for nothing");
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run();
    assert_eq!(sender.take(), [AppRequest::OpenJournal("/elsewhere/journal.ron".into())]);

    // The window's look is the app's to change too: the page asks.
    let (other, label) = match harness.ctx.options(|options| options.theme_preference) {
        egui::ThemePreference::Dark => (egui::ThemePreference::Light, "Light"),
        _ => (egui::ThemePreference::Dark, "Dark"),
    };
    harness.get_by_role_and_label(Role::RadioButton, label).click();
    harness.run();
    assert_eq!(sender.take(), [AppRequest::SetTheme(other)]);
    assert_ne!(harness.ctx.options(|options| options.theme_preference), other, "not changed by the page itself");
    harness.get_by_label("Zoom in").click();
    harness.run();
    assert_eq!(sender.take(), [AppRequest::Run(keel::context::UserCommand::ZoomIn)]);
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 1e-4, "not zoomed by the page itself");
    assert_eq!(
        alone.journal,
        keel::samples::demo::load(crate::common::today()).expect("the sample"),
        "nothing changed here"
    );
}
