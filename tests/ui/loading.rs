//! A large journal opens in the background: the window shows a progress
//! indicator at once, then the journal, as `KeelApp::open` would.

use std::sync::Arc;

use egui_kittest::kittest::Queryable as _;
use keel::app::KeelApp;
use keel::app::loading::BACKGROUND_BYTES;
use keel::context::Screen;
use keel::model::FixedClock;
use keel::samples::synthetic::synthetic_journal;
use keel::storage;

#[test]
fn a_large_journal_opens_in_the_background_with_a_spinner_first() {
    let window = crate::common::TempWindow::new();
    let journal = synthetic_journal(4_000, 9, crate::common::today());
    storage::save(&window.path, &journal).expect("saved");
    let size = std::fs::metadata(&window.path).expect("written").len();
    assert!(size >= BACKGROUND_BYTES, "the test journal is {size} bytes, too small to load in the background");

    let app = KeelApp::open_in_background(window.path.clone(), Arc::new(FixedClock::at_date(crate::common::today())));
    assert_eq!(app.screen, Screen::Loading);
    // Not `crate::common::harness`: its `run` waits for the window to settle, and
    // the spinner keeps it busy until the journal is read.
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    for _ in 0..600 {
        if harness.state().loading().is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run_steps(1);
    }
    harness.run();
    assert_eq!(harness.state().screen, Screen::Main);
    assert_eq!(harness.state().journal().len(), 4_000);
    harness.get_by_label_contains("4000 decisions");
}

#[test]
fn a_small_journal_opens_before_the_first_frame() {
    let window = crate::common::TempWindow::new();
    storage::save(&window.path, &synthetic_journal(20, 9, crate::common::today())).expect("saved");
    let app = KeelApp::open_in_background(window.path.clone(), Arc::new(FixedClock::at_date(crate::common::today())));
    assert_eq!(app.screen, Screen::Main);
    assert_eq!(app.journal().len(), 20);
}
