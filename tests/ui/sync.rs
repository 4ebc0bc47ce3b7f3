//! The window and the conflict copies a sync service leaves beside its
//! journal: merged when the window opens and when one lands while it is
//! open, each named in the banner.

use std::fs;
use std::path::Path;

use crate::common::{TempWindow, harness, has_button, shows_containing, titles_on_disk};
use keel::model::{Decision, DecisionDraft, Journal};
use keel::storage;

const COPY: &str = "journal.sync-conflict-20261201-085003-DECYF6G.ron";

fn decision(title: &str, seconds: i64) -> Decision {
    DecisionDraft { title: title.into(), ..DecisionDraft::default() }
        .into_new_decision(crate::common::today(), jiff::Timestamp::from_second(seconds).expect("valid"))
        .expect("valid")
}

fn write(path: &Path, decisions: Vec<Decision>) {
    fs::write(path, storage::to_text(&Journal::new(decisions))).expect("written");
}

#[test]
fn a_copy_beside_the_journal_is_merged_when_the_window_opens() {
    let window = TempWindow::new();
    let shared = decision("Shared", 1);
    write(&window.path, vec![shared.clone(), decision("On the laptop", 2)]);
    write(&window.folder.path().join(COPY), vec![shared, decision("On the desktop", 3)]);

    let harness = harness(window.app());
    assert!(
        shows_containing(
            &harness,
            "Merged 1 decision from a copy your sync service (Syncthing) made: journal.sync-conflict-"
        ),
        "the banner names the copy"
    );
    assert!(has_button(&harness, "On the desktop"), "listed in the window");
    assert_eq!(titles_on_disk(&window.path), ["On the desktop", "On the laptop", "Shared"]);
    assert!(!window.folder.path().join(COPY).exists(), "moved into the backups");
}

#[test]
fn a_copy_that_lands_while_the_window_is_open_is_merged_at_the_next_look() {
    let window = TempWindow::new();
    let shared = decision("Shared", 1);
    write(&window.path, vec![shared.clone()]);
    let mut harness = harness(window.app());
    write(
        &window.folder.path().join("journal (Ana's conflicted copy 2026-11-30).ron"),
        vec![shared, decision("From Dropbox", 4)],
    );

    harness.state_mut().check_disk_now();
    harness.state_mut().flush_saves();
    harness.run();
    assert!(shows_containing(&harness, "from a copy your sync service (Dropbox) made"));
    assert!(has_button(&harness, "From Dropbox"));
    assert_eq!(harness.state().journal().len(), 2);
    assert_eq!(titles_on_disk(&window.path), ["From Dropbox", "Shared"]);
}

#[test]
fn a_broken_copy_is_named_and_left_where_it_is() {
    let window = TempWindow::new();
    write(&window.path, vec![decision("Mine", 1)]);
    let broken = window.folder.path().join(COPY);
    fs::write(&broken, "(version: 2, decisions: [").expect("written");
    let harness = harness(window.app());
    assert!(shows_containing(&harness, "where it is: it is not a journal Keel can read"));
    assert!(broken.exists());
    assert_eq!(harness.state().journal().len(), 1);
}

#[test]
fn a_deletion_undone_in_the_window_stays_undone_when_the_other_computers_copy_still_deletes_it() {
    use egui::{Key, Modifiers};
    let window = TempWindow::new();
    fs::create_dir_all(window.folder.path().join(".stfolder")).expect("a Syncthing folder");
    write(&window.path, vec![decision("Kept", 1), decision("Deleted, then undone", 2)]);
    let mut harness = harness(window.app());
    crate::common::click_button(&mut harness, "Deleted, then undone");
    crate::common::click_button(&mut harness, "Delete");
    harness.state_mut().flush_saves();
    // The deletion syncs to the other computer, which adds one while apart.
    let other = window.folder.path().join("other.ron");
    fs::copy(&window.path, &other).expect("synced");
    let desktop = storage::Editor::new("desktop", std::sync::Arc::new(keel::model::SystemClock));
    let store = storage::Store::new(other.clone()).with_cache(None).with_editor(desktop);
    store
        .update(|journal| {
            journal.push(decision("From the desktop", 3));
            Ok::<(), storage::StorageError>(())
        })
        .expect("added");

    // Undo here; then the other computer's journal lands as a copy.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.state_mut().flush_saves();
    fs::rename(&other, window.folder.path().join(COPY)).expect("the service's copy");
    harness.state_mut().check_disk_now();
    harness.state_mut().flush_saves();
    harness.run();
    assert!(shows_containing(&harness, "from a copy your sync service (Syncthing) made"));
    assert!(has_button(&harness, "Deleted, then undone"), "the undo stands");
    assert_eq!(titles_on_disk(&window.path), ["Deleted, then undone", "From the desktop", "Kept"]);
}
