//! No output file given on the command line (`brief --out`, `export --out`,
//! `--screenshot`) may be written over the journal or one of its files: a
//! brief over the key file would make an encrypted journal and every backup
//! unreadable for good (issue 19). Each spelling of those paths is refused
//! with exit status 2, and the files are left byte for byte.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const PASSPHRASE: &str = "correct horse";

fn keel(folder: &Path, journal: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command
        .current_dir(folder)
        .arg("--journal")
        .arg(journal)
        .env("KEEL_PASSPHRASE", PASSPHRASE)
        .env_remove("KEEL_NEW_PASSPHRASE")
        .env("KEEL_CACHE_DIR", "");
    command
}

/// An encrypted journal with two backups in `<tmp>/data`.
fn encrypted_journal() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = dir.path().join("data").join("journal.ron");
    for title in ["One", "Two", "Three"] {
        keel(dir.path(), &journal).args(["add", "--title", title]).assert().success();
    }
    keel(dir.path(), &journal).arg("encrypt").env("KEEL_NEW_PASSPHRASE", PASSPHRASE).assert().success();
    (dir, journal)
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("list").filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push((path.clone(), fs::read(&path).unwrap_or_default()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn brief_and_export_refuse_every_spelling_of_the_journals_files() {
    let (dir, journal) = encrypted_journal();
    let backup = keel::storage::backup::list(&journal).expect("listed").remove(0).path;
    let backup_name = backup.file_name().expect("name").to_str().expect("UTF-8").to_owned();
    fs::create_dir_all(dir.path().join("elsewhere")).expect("folder");
    #[cfg(unix)]
    std::os::unix::fs::symlink("data/journal.ron.key", dir.path().join("key-link")).expect("linked");

    // (what --out says, what the message calls it); relative to the test
    // folder, which is the working directory.
    #[cfg_attr(not(unix), expect(unused_mut, reason = "a symbolic link joins the list on unix only"))]
    let mut targets = vec![
        ("data/journal.ron.key".to_owned(), "the journal's key file"),
        ("elsewhere/../data/journal.ron.key".to_owned(), "the journal's key file"),
        ("./data/./journal.ron".to_owned(), "the journal itself"),
        ("data/journal.ron.lock".to_owned(), "the journal's lock file"),
        (format!("data/backups/{backup_name}"), "inside the journal's backups folder"),
        ("data/backups/new-file.md".to_owned(), "inside the journal's backups folder"),
    ];
    #[cfg(unix)]
    targets.push(("key-link".to_owned(), "the journal's key file"));
    let before = snapshot(dir.path());

    for (target, role) in &targets {
        for command in [&["brief", "--out"][..], &["export", "--format", "md", "--out"][..]] {
            keel(dir.path(), &journal)
                .args(command)
                .arg(target)
                .assert()
                .code(2)
                .stderr(predicate::str::contains(format!("--out {target} is {role}")))
                .stderr(predicate::str::contains("nothing was written"));
        }
    }

    assert_eq!(snapshot(dir.path()), before, "every file left byte for byte");
    keel(dir.path(), &journal).arg("list").assert().success().stdout(predicate::str::contains("Three"));
    // An ordinary file beside the journal is still written.
    keel(dir.path(), &journal).args(["brief", "--out", "data/brief.md"]).assert().success();
    assert!(dir.path().join("data/brief.md").is_file());
}

#[test]
fn the_journal_given_through_a_relative_path_protects_its_key_from_a_screenshot() {
    let (dir, journal) = encrypted_journal();
    let key = keel::storage::crypto::key_path(&journal);
    let before = fs::read(&key).expect("key");
    // No display is needed: the path is refused before any window opens.
    Command::cargo_bin("keel")
        .expect("binary built")
        .current_dir(dir.path().join("data"))
        .args(["--journal", "journal.ron", "--screenshot", "../data/journal.ron.key"])
        .env("KEEL_CACHE_DIR", "")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--screenshot ../data/journal.ron.key is the journal's key file"));
    assert_eq!(fs::read(&key).expect("key"), before);
}

#[test]
fn a_plain_journal_keeps_the_name_of_a_key_file_to_come_free() {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = dir.path().join("journal.ron");
    keel(dir.path(), &journal).args(["add", "--title", "Plain"]).assert().success();
    // A file there would make `keel encrypt` believe the journal encrypted.
    keel(dir.path(), &journal)
        .args(["export", "--format", "json", "--out", "journal.ron.key"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is the journal's key file"));
    assert!(!keel::storage::crypto::key_path(&journal).exists());
}
