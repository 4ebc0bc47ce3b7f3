//! The command line and the copies sync services leave beside a journal:
//! writers merge them and say so on stderr; readers only name them; a
//! journal that is only a placeholder is never written over.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

const COPY: &str = "journal.sync-conflict-20261201-085003-DECYF6G.ron";

fn keel(journal: &Path, data_home: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command
        .arg("--journal")
        .arg(journal)
        .env("KEEL_CACHE_DIR", "")
        .env("XDG_DATA_HOME", data_home)
        .env_remove("KEEL_PASSPHRASE");
    command
}

fn titles(journal: &Path, data_home: &Path) -> Vec<String> {
    let output = keel(journal, data_home).args(["list", "--format", "json"]).output().expect("runs");
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let mut titles: Vec<String> =
        list.as_array().expect("array").iter().map(|d| d["title"].as_str().expect("title").to_owned()).collect();
    titles.sort();
    titles
}

/// Two versions of one journal, as two computers left them: the journal
/// from one, a Syncthing copy from the other.
fn two_versions(folder: &Path, data_home: &Path) -> std::path::PathBuf {
    let journal = folder.join("journal.ron");
    let other = folder.join("other.ron");
    keel(&journal, data_home).args(["add", "--title", "Before they parted", "--date", "2026-11-28"]).assert().success();
    fs::copy(&journal, &other).expect("copied");
    keel(&journal, data_home).args(["add", "--title", "On the laptop", "--date", "2026-11-29"]).assert().success();
    keel(&other, data_home).args(["add", "--title", "On the desktop", "--date", "2026-11-29"]).assert().success();
    fs::rename(&other, folder.join(COPY)).expect("renamed");
    journal
}

#[test]
fn a_writing_command_merges_the_copy_and_says_so() {
    let (folder, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let journal = two_versions(folder.path(), data.path());
    keel(&journal, data.path())
        .args(["add", "--title", "After they met", "--date", "2026-11-30"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "keel: Merged 1 decision from a copy your sync service (Syncthing) made: {COPY} (1 added)"
        )));
    assert_eq!(
        titles(&journal, data.path()),
        ["After they met", "Before they parted", "On the desktop", "On the laptop"]
    );
    assert!(!folder.path().join(COPY).exists());
    assert!(folder.path().join("backups").join("sync-copies").join(COPY).exists(), "kept, not deleted");
}

#[test]
fn a_reading_command_names_the_copy_and_writes_nothing() {
    let (folder, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let journal = two_versions(folder.path(), data.path());
    let (journal_bytes, copy_bytes) = (fs::read(&journal).expect("j"), fs::read(folder.path().join(COPY)).expect("c"));
    keel(&journal, data.path())
        .args(["stats"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!("keel: {COPY} is a copy Syncthing made of this journal")));
    assert_eq!(fs::read(&journal).expect("j"), journal_bytes);
    assert_eq!(fs::read(folder.path().join(COPY)).expect("c"), copy_bytes);
}

#[test]
fn a_journal_that_is_only_a_placeholder_is_not_written_over() {
    let (folder, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let journal = folder.path().join("journal.ron");
    fs::write(folder.path().join(".journal.ron.icloud"), "bplist00").expect("placeholder");
    keel(&journal, data.path())
        .args(["add", "--title", "Would start a new journal"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not downloaded yet"));
    assert!(!journal.exists());
    keel(&journal, data.path()).arg("list").assert().code(1).stderr(predicate::str::contains("not downloaded yet"));
}

#[test]
#[cfg_attr(
    windows,
    ignore = "the local data folder is %LOCALAPPDATA%, which a test cannot move (XDG_DATA_HOME is Linux's)"
)]
fn a_synced_folder_keeps_its_backups_on_this_computer() {
    let (folder, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    fs::create_dir_all(folder.path().join(".stfolder")).expect("Syncthing's marker");
    let journal = folder.path().join("journal.ron");
    for title in ["One", "Two"] {
        keel(&journal, data.path()).args(["add", "--title", title]).assert().success();
    }
    assert!(!folder.path().join("backups").exists(), "nothing for the other computers to receive");
    let listed = keel(&journal, data.path()).args(["backups", "--format", "json"]).output().expect("runs");
    let backups: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("json");
    let kept = backups[0]["path"].as_str().expect("one backup");
    assert!(Path::new(kept).starts_with(data.path().join("keel").join("backups")), "{kept}");
    assert_eq!(backups[0]["decisions"], 1);
}

/// One computer: a Syncthing folder and a data folder of its own (where
/// its backups and kept keys live).
struct Computer {
    folder: tempfile::TempDir,
    data: tempfile::TempDir,
}

impl Computer {
    fn new() -> Self {
        let computer = Self { folder: tempfile::tempdir().expect("dir"), data: tempfile::tempdir().expect("dir") };
        fs::create_dir_all(computer.folder.path().join(".stfolder")).expect("marker");
        computer
    }

    fn journal(&self) -> std::path::PathBuf {
        self.folder.path().join("journal.ron")
    }

    fn keel(&self, passphrase: &str) -> Command {
        let mut command = keel(&self.journal(), self.data.path());
        command.env("KEEL_PASSPHRASE", passphrase).env("KEEL_NEW_PASSPHRASE", passphrase);
        command
    }
}

#[test]
fn a_decrypt_on_one_computer_while_the_other_writes_encrypted_leaves_both_working_with_every_decision() {
    let (a, b) = (Computer::new(), Computer::new());
    a.keel("p").args(["add", "--title", "First"]).assert().success();
    a.keel("p").arg("encrypt").assert().success();
    fs::copy(a.journal(), b.journal()).expect("synced");
    fs::copy(a.folder.path().join("journal.ron.key"), b.folder.path().join("journal.ron.key")).expect("synced");
    // B, offline, adds (encrypted); A decrypts.
    b.keel("p").args(["add", "--title", "From B"]).assert().success();
    a.keel("p").arg("decrypt").assert().success();
    // The service deletes B's key file and keeps B's journal, A's plain
    // one becoming a conflict copy on both computers.
    fs::remove_file(b.folder.path().join("journal.ron.key")).expect("deleted by the service");
    let (plain, sealed) = (fs::read(a.journal()).expect("a"), fs::read(b.journal()).expect("b"));
    for computer in [&a, &b] {
        fs::write(computer.journal(), &sealed).expect("journal");
        fs::write(computer.folder.path().join(COPY), &plain).expect("copy");
    }
    for (computer, title) in [(&a, "After, on A"), (&b, "After, on B")] {
        computer
            .keel("p")
            .args(["add", "--title", title])
            .assert()
            .success()
            .stderr(predicate::str::contains("put back its key"))
            .stderr(predicate::str::contains("delete").not());
    }
    for computer in [&a, &b] {
        let output = computer.keel("p").args(["list", "--format", "json"]).output().expect("runs");
        let text = String::from_utf8_lossy(&output.stdout);
        for title in ["First", "From B"] {
            assert!(text.contains(title), "{title} missing: {text}");
        }
    }
}

#[test]
fn a_restore_on_one_computer_is_not_undone_by_the_other_computers_older_deletion() {
    let (a, b) = (Computer::new(), Computer::new());
    let list = |computer: &Computer| {
        String::from_utf8_lossy(&computer.keel("").arg("list").output().expect("runs").stdout).into_owned()
    };
    a.keel("").args(["add", "--title", "Kept", "--date", "2026-11-20"]).assert().success();
    a.keel("").args(["add", "--title", "Brought back", "--date", "2026-11-21"]).assert().success();
    // Restoring the backup from before it was added deletes it; the
    // deletion syncs to B.
    a.keel("").args(["backups", "restore", "1"]).assert().success();
    assert!(!list(&a).contains("Brought back"));
    fs::copy(a.journal(), b.journal()).expect("synced");
    // A brings it back (the backup taken before that restore); B, apart,
    // adds one, its journal still holding the deletion.
    a.keel("").args(["backups", "restore", "1"]).assert().success();
    assert!(list(&a).contains("Brought back"));
    b.keel("").args(["add", "--title", "On B", "--date", "2026-11-22"]).assert().success();
    // B's journal comes back to A as a conflict copy.
    fs::copy(b.journal(), a.folder.path().join(COPY)).expect("copy");
    a.keel("").args(["add", "--title", "After"]).assert().success();
    let after = list(&a);
    assert!(after.contains("Brought back") && after.contains("On B") && after.contains("Kept"), "{after}");
}

#[test]
fn a_copy_from_a_computer_that_wrote_before_the_first_sync_is_merged() {
    // Keel was opened on the new computer before OneDrive had downloaded
    // the journal: each computer started its own, and the service renamed
    // one. The copy shares no decision with the journal, and is merged.
    let (root, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let folder = root.path().join("OneDrive");
    fs::create_dir_all(&folder).expect("folder");
    let journal = folder.join("journal.ron");
    keel(&journal, data.path()).args(["add", "--title", "On the laptop", "--date", "2026-11-29"]).assert().success();
    let elsewhere = root.path().join("desktop").join("journal.ron");
    keel(&elsewhere, data.path()).args(["add", "--title", "On the desktop", "--date", "2026-11-29"]).assert().success();
    let copy = folder.join("journal-DESKTOP.ron");
    fs::copy(&elsewhere, &copy).expect("copied");

    keel(&journal, data.path())
        .args(["list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("journal-DESKTOP.ron is a copy OneDrive made of this journal"));
    keel(&journal, data.path())
        .args(["add", "--title", "After the sync", "--date", "2026-11-30"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Merged 1 decision from a copy your sync service (OneDrive) made"));
    assert_eq!(titles(&journal, data.path()), ["After the sync", "On the desktop", "On the laptop"]);
    assert!(!copy.exists(), "kept in the backups, not beside the journal");
}

#[test]
fn a_copy_too_large_for_a_journal_is_set_aside_once_with_one_message() {
    let (folder, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let journal = folder.path().join("journal.ron");
    keel(&journal, data.path()).args(["add", "--title", "Small"]).assert().success();
    let copy = folder.path().join(COPY);
    // Sparse: 3 GiB on paper, nothing on the disk.
    fs::File::create(&copy).expect("created").set_len(3 << 30).expect("sized");

    let read = keel(&journal, data.path()).arg("list").assert().success();
    let said = String::from_utf8_lossy(&read.get_output().stderr).into_owned();
    assert!(said.contains(&format!("keel: Left {COPY} where it is: it holds 3072 MiB")), "{said}");
    assert!(!said.contains("merges it the next time"), "{said}");

    let first = keel(&journal, data.path()).args(["add", "--title", "Second"]).assert().success();
    let said = String::from_utf8_lossy(&first.get_output().stderr).into_owned();
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains(&format!("keel: {COPY} holds 3072 MiB, more than a journal can (1024 MiB at most)")),
        "{said}"
    );
    assert!(said.contains(&format!("renamed {COPY}.too-large")), "{said}");
    assert!(!copy.exists() && folder.path().join(format!("{COPY}.too-large")).exists());

    // Set aside once: the next writes neither read it nor mention it.
    for title in ["Third", "Fourth"] {
        keel(&journal, data.path()).args(["add", "--title", title]).assert().success().stderr("");
    }
    assert_eq!(titles(&journal, data.path()), ["Fourth", "Second", "Small", "Third"]);
}

#[test]
fn a_reading_command_never_promises_to_merge_a_copy_that_cannot_be() {
    let (folder, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let journal = two_versions(folder.path(), data.path());
    let broken = folder.path().join("journal (conflicted copy 2026-11-30 093612).ron");
    fs::write(&broken, "(version: 2, decisions: [(id: ").expect("written");
    let read = keel(&journal, data.path()).arg("stats").assert().success();
    let said = String::from_utf8_lossy(&read.get_output().stderr).into_owned();
    assert!(said.contains(&format!("keel: {COPY} is a copy Syncthing made of this journal; Keel merges it")), "{said}");
    assert!(
        said.contains(
            "keel: Left journal (conflicted copy 2026-11-30 093612).ron where it is: it is not a journal Keel can read"
        ),
        "{said}"
    );
    assert_eq!(said.matches("merges it the next time").count(), 1, "only the readable copy: {said}");
}

#[test]
fn goals_and_reflections_written_on_two_computers_survive_on_both() {
    let (folder, data) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let journal = folder.path().join("journal.ron");
    let other = folder.path().join("other.ron");
    keel(&journal, data.path())
        .args(["add", "--title", "Before they parted", "--date", "2026-11-28"])
        .assert()
        .success();
    fs::copy(&journal, &other).expect("copied");
    let goal = |path: &Path, title: &str| {
        keel(path, data.path())
            .args(["goal", "add", "--title", title, "--kind", "share", "--min", "40", "--max", "60"])
            .args(["--from", "2026-11-02", "--until", "2026-12-27"])
            .assert()
            .success();
    };
    goal(&journal, "Set on the laptop");
    goal(&other, "Set on the desktop");
    keel(&journal, data.path()).args(["reflect", "--date", "2026-11-18", "--answer", "Laptop week"]).assert().success();
    keel(&other, data.path()).args(["reflect", "--date", "2026-11-25", "--answer", "Desktop week"]).assert().success();
    // The sync service: the desktop's journal arrives as a conflict copy.
    fs::copy(&other, folder.path().join(COPY)).expect("copy");
    keel(&journal, data.path()).args(["add", "--title", "After they met", "--date", "2026-11-30"]).assert().success();
    // And the merged journal goes back to the desktop.
    fs::copy(&journal, &other).expect("synced back");
    for path in [&journal, &other] {
        let goals = keel(path, data.path()).args(["goal", "list", "--all", "--format", "json"]).output().expect("runs");
        let goals: serde_json::Value = serde_json::from_slice(&goals.stdout).expect("json");
        let mut titles: Vec<&str> =
            goals.as_array().expect("array").iter().map(|g| g["title"].as_str().expect("t")).collect();
        titles.sort_unstable();
        assert_eq!(titles, ["Set on the desktop", "Set on the laptop"]);
        for (day, answer) in [("2026-11-18", "Laptop week"), ("2026-11-25", "Desktop week")] {
            let week =
                keel(path, data.path()).args(["week", "--date", day, "--format", "json"]).output().expect("runs");
            let week: serde_json::Value = serde_json::from_slice(&week.stdout).expect("json");
            assert_eq!(week["reflection"]["answers"][0]["answer"], answer);
        }
    }
}
