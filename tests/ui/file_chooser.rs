//! Choosing files when the system's dialog cannot open (no portal, no
//! zenity): Keel says so and shows its own chooser, for import, export, the
//! brief and the journal's place, and never does nothing.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use crate::common::{
    TempWindow, click, click_button, harness_any_text as harness, has_button, replace_text, shows, shows_containing,
};
use egui::Key;
use egui_kittest::Harness;
use keel::app::KeelApp;
use keel::context::FileRequest;
use keel::context::Page;
use keel::ui::widgets::file_chooser::{FALLBACK_NOTE, FileDialogs, NativeUnavailable};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl");

thread_local! {
    /// How often this test's window tried the system dialog (each test runs
    /// on its own thread).
    static NATIVE_CALLS: Cell<usize> = const { Cell::new(0) };
}

/// A system dialog that cannot open, as on a desktop without a portal.
fn broken_native(_: &FileRequest) -> Result<Option<PathBuf>, NativeUnavailable> {
    NATIVE_CALLS.set(NATIVE_CALLS.get() + 1);
    Err(NativeUnavailable)
}

fn window_without_native_dialogs(window: &TempWindow) -> Harness<'static, KeelApp> {
    let mut app = window.app();
    app.file_dialogs = FileDialogs::with_native(Some(broken_native));
    harness(app)
}

/// Replaces the chooser's folder with `folder` and presses Enter.
fn go_to_folder(harness: &mut Harness<'_, KeelApp>, folder: &Path) {
    replace_text(harness, "Folder", &folder.display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
}

/// A window without system dialogs, its journal holding the 12 decisions
/// of the jrnl export, saved.
fn window_with_twelve_decisions(window: &TempWindow) -> Harness<'static, KeelApp> {
    let mut harness = window_without_native_dialogs(window);
    harness.state_mut().preview_import(&Path::new(FIXTURES).join("export.json"));
    harness.run();
    click_button(&mut harness, "Import");
    harness.state_mut().flush_saves();
    harness
}

#[test]
fn import_falls_back_to_keels_chooser_and_says_why() {
    let window = TempWindow::new();
    let mut harness = window_without_native_dialogs(&window);
    // A new journal opens on the welcome screen, which offers an import.
    click_button(&mut harness, "Import a journal\u{2026}");
    assert_eq!(NATIVE_CALLS.get(), 1, "the system dialog was tried first");
    assert!(shows(&harness, "Import decisions"), "the chooser opened");
    assert!(shows(&harness, FALLBACK_NOTE), "it says why the system dialog is not used");

    go_to_folder(&mut harness, Path::new(FIXTURES));
    assert!(has_button(&harness, "export.json"), "the folder's JSON files are listed");
    click_button(&mut harness, "export.json");
    click_button(&mut harness, "Open");
    assert!(shows(&harness, "Import \u{201c}export.json\u{201d}"), "the import preview opened");
    assert!(harness.state().file_dialogs.chooser.is_none());
    click_button(&mut harness, "Cancel");

    // Later choices go straight to the chooser: the failure is remembered.
    click_button(&mut harness, "Import a journal\u{2026}");
    assert!(shows(&harness, "Import decisions"));
    assert_eq!(NATIVE_CALLS.get(), 1, "not tried again");
    click_button(&mut harness, "Cancel");
    assert!(harness.state().file_dialogs.chooser.is_none(), "Cancel closes it");
    assert!(harness.state().import.is_none(), "and nothing is imported");
}

#[test]
fn export_writes_where_the_chooser_says_and_asks_before_replacing() {
    let window = TempWindow::new();
    let mut harness = window_with_twelve_decisions(&window);
    let out = tempfile::tempdir().unwrap();

    click(&mut harness, "File");
    click(&mut harness, "Export");
    click_button(&mut harness, "CSV (spreadsheets)\u{2026}");
    assert!(shows(&harness, "Export as CSV"));
    go_to_folder(&mut harness, out.path());
    click_button(&mut harness, "Save");
    let written = out.path().join("keel-journal.csv");
    let first = std::fs::read_to_string(&written).expect("the export was written");
    assert_eq!(first.lines().count(), 13, "a header and the 12 imported decisions");

    // The same name again: nothing is replaced until confirmed.
    std::fs::write(&written, "keep me").unwrap();
    click(&mut harness, "File");
    click(&mut harness, "Export");
    click_button(&mut harness, "CSV (spreadsheets)\u{2026}");
    go_to_folder(&mut harness, out.path());
    click_button(&mut harness, "Save");
    assert!(shows_containing(&harness, "already exists"));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "keep me");
    click_button(&mut harness, "Replace");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), first);
}

#[test]
fn the_journal_moves_to_a_place_chosen_in_the_window() {
    let window = TempWindow::new();
    let mut harness = window_with_twelve_decisions(&window);
    harness.state_mut().page = Page::Settings;
    harness.run();

    click_button(&mut harness, "Choose a new place\u{2026}");
    assert!(shows(&harness, "Move this journal to"));
    let target_folder = tempfile::tempdir().unwrap();
    go_to_folder(&mut harness, target_folder.path());
    replace_text(&mut harness, "File name", "moved.ron");
    click_button(&mut harness, "Choose");
    let target = target_folder.path().join("moved.ron");
    assert_eq!(harness.state().path(), Some(target.as_path()), "the moved journal is open");
    assert_eq!(keel::storage::load(&target).expect("written").len(), 12);

    // A new journal cannot be an existing file.
    harness.state_mut().page = Page::Settings;
    harness.run();
    click_button(&mut harness, "New journal\u{2026}");
    go_to_folder(&mut harness, target_folder.path());
    replace_text(&mut harness, "File name", "moved.ron");
    click_button(&mut harness, "Choose");
    assert!(shows_containing(&harness, "already exists; choose a new name"));
    assert!(harness.state().file_dialogs.chooser.is_some());
}

#[test]
fn the_brief_saves_through_the_chooser() {
    let window = TempWindow::new();
    let mut harness = window_with_twelve_decisions(&window);
    harness.state_mut().page = Page::People;
    harness.run();
    click_button(&mut harness, "Make brief");
    click_button(&mut harness, "Save as HTML\u{2026}");
    assert!(shows(&harness, "Save the brief"));
    assert!(shows(&harness, FALLBACK_NOTE));
    let out = tempfile::tempdir().unwrap();
    go_to_folder(&mut harness, out.path());
    click_button(&mut harness, "Save");
    // Named for whom it is about and the day it runs to, not one name for
    // every brief.
    let saved: Vec<String> =
        std::fs::read_dir(out.path()).unwrap().map(|entry| entry.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(saved, [format!("brief-me-{}.html", crate::common::today())]);
    let html = std::fs::read_to_string(out.path().join(&saved[0])).expect("the brief was written");
    assert!(html.contains("<svg"), "the HTML brief with its charts");
    assert!(shows_containing(&harness, "Saved the brief to"));
    // Saving it again under that name asks before replacing it.
    click_button(&mut harness, "Save as HTML\u{2026}");
    go_to_folder(&mut harness, out.path());
    click_button(&mut harness, "Save");
    assert!(shows_containing(&harness, "already exists. Save again to replace it."));
}

#[test]
fn an_export_chosen_after_a_move_finished_under_the_chooser_is_still_written() {
    let window = TempWindow::new();
    let mut harness = window_with_twelve_decisions(&window);

    click(&mut harness, "File");
    click(&mut harness, "Export");
    click_button(&mut harness, "CSV (spreadsheets)\u{2026}");
    assert!(shows(&harness, "Export as CSV"));
    // The move asked for earlier finishes now, with the chooser open: the
    // window switches to the journal's new place under it.
    let target_folder = tempfile::tempdir().unwrap();
    let target = target_folder.path().join("moved.ron");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply_requests(vec![keel::context::AppRequest::MoveJournal(target.clone())], &ctx);
    harness.run();
    assert_eq!(harness.state().path(), Some(target.as_path()), "moved");
    assert!(shows(&harness, "Export as CSV"), "the chooser is still open");

    let out = tempfile::tempdir().unwrap();
    go_to_folder(&mut harness, out.path());
    click_button(&mut harness, "Save");
    let written = std::fs::read_to_string(out.path().join("keel-journal.csv")).expect("the export was written");
    assert_eq!(written.lines().count(), 13, "a header and the 12 decisions");
}
