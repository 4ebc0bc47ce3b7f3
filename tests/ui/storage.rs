//! The window and the file on disk, driven as a user would: changes made
//! outside (the command line) merged in with a toast, the conflict chooser,
//! the recovery screen offering a backup, and restoring a backup from
//! Settings then undoing it.

use std::path::Path;

use crate::common::{
    TempWindow, click_button, harness, has_button, shows, shows_containing, threaded_harness, titles_on_disk,
};
use egui_kittest::kittest::Queryable as _;
use keel::context::Page;
use keel::history::Edit;
use keel::model::{DecisionDraft, Journal};
use keel::storage::{self, StorageError, Store};

fn keel_add(path: &Path, title: &str) {
    assert_cmd::Command::cargo_bin("keel")
        .expect("binary built")
        .arg("--journal")
        .arg(path)
        .args(["add", "--title", title])
        .assert()
        .success();
}

fn decision(title: &str) -> keel::model::Decision {
    DecisionDraft { title: title.into(), ..DecisionDraft::default() }
        .into_new_decision(crate::common::today(), jiff::Timestamp::UNIX_EPOCH)
        .expect("valid")
}

fn seed(path: &Path, titles: &[&str]) {
    storage::save(path, &Journal::new(titles.iter().map(|title| decision(title)).collect())).expect("saved");
}

/// The same race with the window's saves and reads on their own threads,
/// as in the real window: a save still running while the command line
/// writes is merged, not overwritten.
#[test]
fn the_window_saving_on_its_thread_while_the_command_line_writes_keeps_both() {
    let window = TempWindow::new();
    seed(&window.path, &["Mine before"]);
    let mut harness = threaded_harness(window.app());
    harness.state_mut().apply(Edit::Add(decision("Window first")));
    keel_add(&window.path, "CLI meanwhile");
    harness.state_mut().apply(Edit::Add(decision("Window second")));
    harness.run();
    keel_add(&window.path, "CLI again");
    harness.state_mut().flush_saves();
    harness.state_mut().check_disk_now();
    harness.state_mut().flush_saves();
    harness.run();
    let expected = ["CLI again", "CLI meanwhile", "Mine before", "Window first", "Window second"];
    assert_eq!(titles_on_disk(&window.path), expected);
    let mut in_window: Vec<String> = harness.state().journal().decisions().iter().map(|d| d.title.clone()).collect();
    in_window.sort();
    assert_eq!(in_window, expected, "the window shows what the file holds");
}

#[test]
fn decisions_added_from_the_command_line_are_merged_with_a_toast() {
    let window = TempWindow::new();
    seed(&window.path, &["Mine before"]);
    let mut harness = harness(window.app());
    for title in ["CLI one", "CLI two", "CLI three"] {
        keel_add(&window.path, title);
    }
    harness.state_mut().check_disk_now();
    harness.state_mut().flush_saves();
    harness.run();
    assert!(shows(&harness, "3 decisions added from outside"), "the toast says what came in");
    assert!(has_button(&harness, "CLI two"), "listed in the window");
    assert_eq!(harness.state().journal().len(), 4);

    // The window and the command line writing at the same time: both kept.
    harness.state_mut().apply(Edit::Add(decision("Window while CLI writes")));
    keel_add(&window.path, "CLI while window writes");
    harness.state_mut().apply(Edit::Add(decision("Window again")));
    harness.state_mut().flush_saves();
    harness.state_mut().check_disk_now();
    harness.state_mut().flush_saves();
    let expected = [
        "CLI one",
        "CLI three",
        "CLI two",
        "CLI while window writes",
        "Mine before",
        "Window again",
        "Window while CLI writes",
    ];
    assert_eq!(titles_on_disk(&window.path), expected);
    let mut in_window: Vec<String> = harness.state().journal().decisions().iter().map(|d| d.title.clone()).collect();
    in_window.sort();
    assert_eq!(in_window, expected, "the window shows what the file holds");
}

#[test]
fn a_decision_edited_in_both_places_offers_both_versions() {
    let window = TempWindow::new();
    seed(&window.path, &["Hire a contractor"]);
    let mut harness = harness(window.app());
    let id = harness.state().journal().decisions()[0].id.clone();

    // Edited outside (another window, a sync client)...
    Store::new(window.path.clone())
        .update(|journal| {
            let mut theirs = journal.decisions()[0].clone();
            theirs.title = "Hire two contractors".into();
            theirs.updated = jiff::Timestamp::now();
            journal.replace(theirs);
            Ok::<_, StorageError>(())
        })
        .expect("edited outside");
    // ...and here, before this window noticed.
    let mut mine = harness.state().journal().decisions()[0].clone();
    mine.title = "Hire nobody".into();
    harness.state_mut().apply(Edit::Update(mine));
    harness.state_mut().flush_saves();
    harness.run();

    assert!(shows(&harness, "Edited in two places"));
    assert!(shows_containing(&harness, "Title: Hire nobody"));
    assert!(shows_containing(&harness, "Title: Hire two contractors"));
    click_button(&mut harness, "Keep mine");
    assert!(!shows(&harness, "Edited in two places"), "settled");
    assert_eq!(harness.state().journal().get(&id).expect("kept").title, "Hire nobody");
    harness.state_mut().flush_saves();
    assert_eq!(titles_on_disk(&window.path), ["Hire nobody"]);
}

#[test]
fn the_recovery_screen_offers_the_newest_good_backup() {
    let window = TempWindow::new();
    seed(&window.path, &["A", "B"]);
    seed(&window.path, &["A", "B", "C"]);
    std::fs::write(&window.path, "(version: 2, decisions: [ (id: \"x\", oops").expect("broken");
    let mut harness = harness(window.app());
    assert!(shows(&harness, "This journal cannot be opened"));
    assert!(shows_containing(&harness, "journal.ron:1:"), "file and position named");
    let backup = Store::new(window.path.clone()).backups().expect("listed")[0].clone();
    let offer = format!("Restore {}", backup.describe());
    assert!(offer.contains("(2 decisions)"), "{offer}");
    click_button(&mut harness, &offer);

    assert_eq!(harness.state().journal().len(), 2);
    assert!(has_button(&harness, "B"));
    let kept_aside = std::fs::read_dir(window.folder.path().join("backups"))
        .expect("list")
        .filter_map(Result::ok)
        .any(|entry| entry.file_name().to_string_lossy().starts_with("unreadable-journal.ron"));
    assert!(kept_aside, "the unreadable file is kept");
    assert_eq!(titles_on_disk(&window.path), ["A", "B"]);
}

/// A journal of three decisions with a backup of one, open on Settings.
fn settings_over_a_backup() -> (TempWindow, egui_kittest::Harness<'static, keel::app::KeelApp>) {
    let window = TempWindow::new();
    seed(&window.path, &["Only one"]);
    seed(&window.path, &["Only one", "Two", "Three"]);
    let mut harness = harness(window.app());
    harness.state_mut().page = Page::Settings;
    harness.run();
    (window, harness)
}

#[test]
fn a_backup_restored_from_settings_can_be_undone() {
    let (window, mut harness) = settings_over_a_backup();
    assert!(shows(&harness, "1 decision"), "the backup is listed with its count");

    let restore = harness.query_all_by_label("Restore").count();
    assert_eq!(restore, 1);
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(harness.state().journal().len(), 1);
    assert!(shows_containing(&harness, "Restored the backup from"));
    harness.state_mut().flush_saves();
    assert_eq!(titles_on_disk(&window.path), ["Only one"]);

    harness.state_mut().apply(Edit::Undo);
    harness.run();
    assert_eq!(harness.state().journal().len(), 3);
    harness.state_mut().flush_saves();
    assert_eq!(titles_on_disk(&window.path), ["Only one", "Three", "Two"]);
}

#[test]
fn an_encrypted_journal_asks_for_its_passphrase_and_a_wrong_one_can_be_retried() {
    let window = TempWindow::new();
    seed(&window.path, &["Private reflection"]);
    let mut store = Store::new(window.path.clone());
    store.encrypt(&"open sesame".to_owned().into()).expect("encrypted");
    let mut harness = harness(window.app());
    assert!(shows(&harness, "This journal is encrypted"));

    crate::common::type_into(&mut harness, "Passphrase", "not it");
    click_button(&mut harness, "Unlock");
    assert!(shows(&harness, "That passphrase does not unlock this journal. Try again."));

    crate::common::type_into(&mut harness, "Passphrase", "open sesame");
    click_button(&mut harness, "Unlock");
    assert!(has_button(&harness, "Private reflection"), "unlocked and listed");
    harness.state_mut().apply(Edit::Add(decision("Written while unlocked")));
    harness.state_mut().flush_saves();
    let on_disk = std::fs::read(&window.path).expect("read");
    assert!(keel::storage::crypto::is_encrypted(&on_disk), "saved encrypted");
    assert_eq!(store.read().expect("decrypts").contents.journal.len(), 2);
}

#[test]
fn the_settings_switch_encrypts_the_journal_and_its_backups() {
    let window = TempWindow::new();
    seed(&window.path, &["CANARY-settings one"]);
    seed(&window.path, &["CANARY-settings one", "CANARY-settings two"]);
    // On its worker thread, as in the window: the progress line shows.
    let mut harness = crate::common::threaded_harness(window.app());
    harness.state_mut().page = Page::Settings;
    harness.run();
    crate::common::type_into(&mut harness, "New passphrase", "sesame");
    crate::common::type_into(&mut harness, "Repeat it", "sesame");
    harness.get_by_label("Encrypt this journal").click();
    // A spinner keeps the window drawing: frames, not `run`.
    harness.run_steps(3);
    // The key takes a second to make: the window goes on drawing meanwhile,
    // and a change made then is saved once it is done, encrypted.
    assert!(shows_containing(&harness, "Encrypting the journal and its backups"), "a progress line");
    harness.state_mut().apply(Edit::Add(decision("CANARY-settings three")));
    harness.state_mut().flush_saves();
    harness.run();
    assert!(shows_containing(&harness, "Encrypted the journal"), "says what it did");
    let said = harness.state().storage_ui.encryption_message.clone().unwrap_or_default();
    assert!(said.contains(" and 1 backup."), "the backup counted: {said}");
    assert!(harness.state().is_encrypted());
    assert!(Store::new(window.path.clone()).with_key(None).read().is_err(), "the file is sealed");
    for entry in walk(window.folder.path()) {
        let bytes = std::fs::read(&entry).expect("read");
        assert!(!bytes.windows(15).any(|w| w == b"CANARY-settings"), "{} is readable", entry.display());
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list").filter_map(Result::ok) {
        if entry.path().is_dir() {
            files.extend(walk(&entry.path()));
        } else {
            files.push(entry.path());
        }
    }
    files
}

#[test]
fn each_backup_in_settings_says_how_it_differs_from_the_one_before() {
    let window = TempWindow::new();
    seed(&window.path, &["One"]);
    seed(&window.path, &["One", "Two", "Three"]);
    seed(&window.path, &["One", "Two"]);
    seed(&window.path, &["One", "Two", "Four"]);
    let mut harness = harness(window.app());
    harness.state_mut().page = Page::Settings;
    harness.run();
    // Newest first: 2 decisions (1 fewer than 3), 3 (2 more than 1), 1.
    assert!(shows(&harness, "1 fewer than the one before"));
    assert!(shows(&harness, "2 more than the one before"));
    assert_eq!(harness.query_all_by_label("Restore").count(), 3);
}

/// The window takes in what another process wrote, as its folder watch would.
fn look_at_disk(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>) {
    harness.state_mut().check_disk_now();
    harness.state_mut().flush_saves();
    harness.run();
}

/// Renames the decision titled `from` to `to`: in the window (`outside`
/// false) or from another process, at `second` (a later edit wins merges).
fn rename(
    harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>,
    path: &Path,
    edit: (&str, &str, i64),
    outside: bool,
) {
    let (from, to, second) = edit;
    let renamed = |journal: &Journal| {
        let mut decision = journal.decisions().iter().find(|d| d.title == from).expect("there").clone();
        decision.title = to.into();
        decision.updated = jiff::Timestamp::from_second(second).expect("valid");
        decision
    };
    if outside {
        Store::new(path.to_owned())
            .update(|journal| {
                journal.replace(renamed(journal));
                Ok::<_, StorageError>(())
            })
            .expect("changed outside");
        look_at_disk(harness);
    } else {
        let decision = renamed(harness.state().journal());
        harness.state_mut().apply(Edit::Update(decision));
        harness.state_mut().flush_saves();
    }
}

#[test]
fn undo_of_a_restore_keeps_a_decision_that_arrived_from_outside() {
    let (window, mut harness) = settings_over_a_backup();
    harness.get_by_label("Restore").click();
    harness.run();
    harness.state_mut().flush_saves();
    assert_eq!(titles_on_disk(&window.path), ["Only one"]);

    keel_add(&window.path, "Added by keel add");
    look_at_disk(&mut harness);
    assert_eq!(harness.state().journal().len(), 2, "the outside decision is in the window");

    harness.state_mut().apply(Edit::Undo);
    harness.run();
    harness.state_mut().flush_saves();
    let mut in_window: Vec<String> = harness.state().journal().decisions().iter().map(|d| d.title.clone()).collect();
    in_window.sort();
    assert_eq!(in_window, ["Added by keel add", "Only one", "Three", "Two"]);
    assert_eq!(titles_on_disk(&window.path), ["Added by keel add", "Only one", "Three", "Two"]);
}

#[test]
fn undo_of_a_ticked_point_unticks_the_same_point_after_an_outside_change_removed_an_earlier_one() {
    use keel::model::TalkingPoint;
    let window = TempWindow::new();
    let mut journal = Journal::new(vec![decision("Something with Ana")]);
    let earlier = TalkingPoint::new("Ana", "Earlier point", crate::common::today());
    let later = TalkingPoint::new("Ana", "Later point", crate::common::today());
    journal.talking_points_mut().extend([earlier.clone(), later.clone()]);
    storage::save(&window.path, &journal).expect("saved");
    let mut harness = harness(window.app());
    harness.state_mut().apply(Edit::TickPoint { id: later.id.clone(), done: Some(crate::common::today()) });
    harness.state_mut().flush_saves();

    Store::new(window.path.clone())
        .update(|journal| {
            journal.talking_points_mut().retain(|point| point.id != earlier.id);
            Ok::<_, StorageError>(())
        })
        .expect("changed outside");
    look_at_disk(&mut harness);
    assert_eq!(harness.state().journal().talking_points().len(), 1, "the outside removal is in the window");

    harness.state_mut().apply(Edit::Undo);
    harness.run();
    harness.state_mut().flush_saves();
    let points = harness.state().journal().talking_points().to_vec();
    assert_eq!(points, std::slice::from_ref(&later), "the same point, open again, and nothing else");
    let on_disk = Store::new(window.path.clone()).read().expect("reads").contents.journal;
    assert_eq!(on_disk.talking_points(), [later]);
}

#[test]
fn undo_of_an_edit_reverts_only_mine_after_an_outside_change_edited_another() {
    let window = TempWindow::new();
    seed(&window.path, &["Mine", "Theirs"]);
    let mut harness = harness(window.app());
    rename(&mut harness, &window.path, ("Mine", "Mine, edited in the window", 10), false);
    rename(&mut harness, &window.path, ("Theirs", "Theirs, edited outside", 20), true);

    harness.state_mut().apply(Edit::Undo);
    harness.run();
    harness.state_mut().flush_saves();
    assert_eq!(titles_on_disk(&window.path), ["Mine", "Theirs, edited outside"]);
    assert!(has_button(&harness, "Theirs, edited outside"));
    assert!(has_button(&harness, "Mine"));
}

#[test]
fn undo_of_an_edit_changed_again_outside_leaves_it_and_says_why() {
    let window = TempWindow::new();
    seed(&window.path, &["Mine"]);
    let mut harness = harness(window.app());
    rename(&mut harness, &window.path, ("Mine", "Edited in the window", 10), false);
    rename(&mut harness, &window.path, ("Edited in the window", "Edited again outside", 20), true);

    harness.state_mut().apply(Edit::Undo);
    harness.run();
    assert!(shows_containing(&harness, "Could not undo editing"), "the user hears why");
    harness.state_mut().flush_saves();
    assert_eq!(titles_on_disk(&window.path), ["Edited again outside"]);
}

#[test]
fn an_encrypted_journals_draft_is_never_kept_in_the_clear() {
    use eframe::App as _;
    let window = TempWindow::new();
    seed(&window.path, &["Private"]);
    let mut store = Store::new(window.path.clone());
    store.encrypt(&"open sesame".to_owned().into()).expect("encrypted");
    let mut harness = harness(window.app());
    crate::common::type_into(&mut harness, "Passphrase", "open sesame");
    click_button(&mut harness, "Unlock");
    click_button(&mut harness, "New decision");
    crate::common::type_into(&mut harness, "Title", "SECRET-DRAFT about a reorg");
    assert!(harness.state().has_unsaved_edits(), "the quit question still guards it");

    let mut storage = crate::common::MemoryStorage::default();
    harness.state_mut().save(&mut storage);
    assert!(storage.0.values().all(|value| !value.contains("SECRET-DRAFT")), "{:?}", storage.0);
}

#[test]
fn a_decision_added_while_the_journal_moves_is_saved_at_the_new_place() {
    let window = TempWindow::new();
    seed(&window.path, &["Before the move"]);
    // Not `crate::common::harness`: that one runs file work in place.
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .build_ui_state(|ui, app: &mut keel::app::KeelApp| app.frame_ui(ui), window.app());
    harness.run_steps(2);
    let target = window.folder.path().join("moved.ron");
    harness.state_mut().move_journal_to(&target).expect("started");
    harness.state_mut().apply(Edit::Add(decision("Added during the move")));
    harness.state_mut().flush_saves();
    harness.run_steps(2);

    assert_eq!(harness.state().path(), Some(target.as_path()));
    assert_eq!(titles_on_disk(&target), ["Added during the move", "Before the move"]);
    assert!(!window.path.exists(), "the old place is set aside, never written again");
    assert_eq!(titles_on_disk(&window.folder.path().join("journal.ron.moved")), ["Before the move"]);
}

#[test]
fn the_unlock_screen_alone_sends_the_passphrase_once_and_forgets_it() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable as _;
    use keel::context::{AppRequest, Passphrase};
    use keel::ui::unlock::{self, UnlockForm};

    let alone = crate::common::PageAlone::sample();
    let sender = &alone.sender;
    let mut harness = alone.harness(UnlockForm::default(), unlock::show);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Unlock").click();
    harness.run();
    assert!(sender.take().is_empty(), "no passphrase, nothing to try");

    harness.get_by_label("Passphrase").focus();
    harness.run();
    harness.get_by_label("Passphrase").type_text("correct horse");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Unlock").click();
    harness.run();
    assert_eq!(sender.take(), [AppRequest::Unlock(Passphrase::new("correct horse"))], "one request, to the app");
    assert!(harness.state().passphrase.is_empty(), "the field is emptied once sent");
    assert_eq!(format!("{:?}", Passphrase::new("correct horse")), "Passphrase(..)", "never printed");
    assert_eq!(
        alone.journal,
        keel::samples::demo::load(crate::common::today()).expect("the sample"),
        "nothing changed here"
    );
}

#[test]
fn goals_and_reflections_survive_the_windows_edits_saves_and_merges() {
    let window = TempWindow::new();
    let mut journal = Journal::new(vec![decision("Before")]);
    let mut goal = keel::model::Goal::new(
        "Step back more",
        keel::model::GoalKind::Share,
        crate::common::today(),
        crate::common::today(),
        jiff::Timestamp::UNIX_EPOCH,
    );
    goal.min_percent = Some(50);
    journal.add_goal(goal);
    let answers = vec![keel::model::Answer { question: "What went well?".into(), answer: "The demo".into() }];
    journal.save_reflection(keel::model::Reflection::new(crate::common::today(), answers, jiff::Timestamp::UNIX_EPOCH));
    storage::save(&window.path, &journal).expect("saved");
    let mut harness = harness(window.app());
    harness.run();
    // An edit saved by the window, then a change from outside merged in and
    // saved again.
    harness.state_mut().apply(Edit::Add(decision("Added in the window")));
    harness.state_mut().flush_saves();
    keel_add(&window.path, "Added from the command line");
    harness.state_mut().check_disk_now();
    harness.state_mut().flush_saves();
    harness.state_mut().apply(Edit::Add(decision("Added after the merge")));
    harness.state_mut().flush_saves();
    let on_disk = storage::load(&window.path).expect("loads");
    assert_eq!(on_disk.len(), 4, "{:?}", titles_on_disk(&window.path));
    assert_eq!(on_disk.goals().len(), 1);
    assert_eq!(on_disk.goals()[0].title, "Step back more");
    assert_eq!(on_disk.reflections().len(), 1);
    assert_eq!(on_disk.reflections()[0].answers[0].answer, "The demo");
    assert_eq!(harness.state().journal().goals().len(), 1, "the window's journal keeps them too");
    assert_eq!(harness.state().journal().reflections().len(), 1);
}

#[test]
fn a_leftover_file_a_save_could_not_remove_is_shown_in_the_banner_once() {
    let window = TempWindow::new();
    seed(&window.path, &["Before"]);
    let mut harness = harness(window.app());
    // A folder where a killed save's temporary file would be: no save can
    // remove it as a file; each one goes on and says so.
    let leftover = window.path.with_file_name(".journal.ron.keel-save-abc123.tmp");
    assert!(window.path.ends_with("journal.ron"), "the leftover's name follows the journal's");
    std::fs::create_dir(&leftover).expect("folder");
    for title in ["Saved once", "Saved twice"] {
        harness.state_mut().apply(Edit::Add(decision(title)));
        harness.state_mut().flush_saves();
    }
    harness.run();
    assert_eq!(titles_on_disk(&window.path), ["Before", "Saved once", "Saved twice"]);
    let banner = harness.state().banner.clone().expect("a banner");
    assert_eq!(banner.matches("removing a leftover temporary file").count(), 1, "{banner}");
    assert!(banner.contains(&leftover.display().to_string()), "{banner}");
    assert!(shows_containing(&harness, "removing a leftover temporary file"), "the user sees it");
}
