//! The journal file through the command line: bad files refused untouched,
//! migration of the committed version 1 fixture, backups listed and
//! restored, and encryption at rest (nothing readable left on disk).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const FIXTURE_V1: &str = include_str!("../data/journal_v1.ron");

struct Folder {
    dir: tempfile::TempDir,
    path: PathBuf,
}

fn folder() -> Folder {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.ron");
    Folder { dir, path }
}

fn keel(path: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.arg("--journal").arg(path).env_remove("KEEL_PASSPHRASE").env_remove("KEEL_NEW_PASSPHRASE");
    // The parse cache inside the test's folder, so the searches for clear
    // text below cover it and the user's cache folder is never touched.
    command.env("KEEL_CACHE_DIR", cache_folder(path));
    command
}

fn cache_folder(journal: &Path) -> PathBuf {
    journal.parent().expect("in a folder").join("cache")
}

fn add(path: &Path, title: &str) {
    keel(path).args(["add", "--title", title]).assert().success();
}

fn json(path: &Path, args: &[&str]) -> Value {
    let output = keel(path).args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Every file under `dir`, recursively.
fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("list").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files.extend(all_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

fn refused_untouched(content: &[u8], expect_in_message: &str) {
    let folder = folder();
    fs::write(&folder.path, content).expect("write");
    for args in [&["list"][..], &["add", "--title", "Should not be written"][..]] {
        keel(&folder.path)
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expect_in_message))
            .stderr(predicate::str::contains("journal.ron"));
        assert_eq!(fs::read(&folder.path).expect("read"), content, "{args:?} changed the file");
    }
}

#[test]
fn a_truncated_file_is_refused_with_its_position_and_left_untouched() {
    let cut = &FIXTURE_V1[..FIXTURE_V1.len() / 2];
    refused_untouched(cut.as_bytes(), "journal.ron:");
}

#[test]
fn garbage_is_refused_with_its_position_and_left_untouched() {
    refused_untouched(b"(\n  version: 2,\n  decisions: [ oops ]\n)", "journal.ron:3:");
}

#[test]
fn a_wrong_encoding_is_refused_with_its_position_and_left_untouched() {
    let latin1: Vec<u8> = FIXTURE_V1.replace("Zoë", "Zo\u{1}").bytes().map(|b| if b == 1 { 0xeb } else { b }).collect();
    refused_untouched(&latin1, "not UTF-8");
}

#[test]
fn a_newer_version_is_refused_and_left_untouched() {
    refused_untouched(FIXTURE_V1.replacen("version: 1", "version: 7", 1).as_bytes(), "newer Keel");
}

#[test]
fn the_version_1_fixture_is_read_then_migrated_with_its_original_kept() {
    let folder = folder();
    fs::write(&folder.path, FIXTURE_V1).expect("write");
    let expected = keel::storage::parse(FIXTURE_V1, Path::new("fixture")).expect("the fixture parses");
    assert_eq!(expected.len(), 3);
    let full = expected.decisions().iter().find(|d| d.id.0 == "v1-full").expect("present");
    assert!(full.contrasts.is_some() && full.review.is_some() && full.confidence == Some(70));

    // Reading does not write.
    let listed = json(&folder.path, &["list", "--format", "json"]);
    assert_eq!(listed.as_array().expect("array").len(), 3);
    assert_eq!(fs::read_to_string(&folder.path).expect("read"), FIXTURE_V1);

    // The first save keeps the original, then writes the current version.
    add(&folder.path, "First decision after the update");
    let text = fs::read_to_string(&folder.path).expect("read");
    assert!(text.contains("version: 4"), "{text}");
    let backups = keel::storage::backup::list(&folder.path).expect("listed");
    let original = backups.iter().find(|b| b.migrated_from == Some(1)).expect("the original is kept");
    assert_eq!(fs::read_to_string(&original.path).expect("read"), FIXTURE_V1, "byte for byte");
    assert_eq!(original.decisions, 3);

    let migrated = keel::storage::load(&folder.path).expect("loads");
    assert_eq!(migrated.len(), 4);
    for decision in expected.decisions() {
        assert_eq!(migrated.get(&decision.id), Some(decision), "every field survives migration");
    }
    // Later saves do not keep the original again.
    add(&folder.path, "Another");
    let originals = keel::storage::backup::list(&folder.path).expect("listed");
    assert_eq!(originals.iter().filter(|b| b.migrated_from.is_some()).count(), 1);
}

#[test]
fn a_version_2_file_is_migrated_to_versions_by_ancestry_with_its_original_kept() {
    let folder = folder();
    let v2 = "(\n    version: 2,\n    decisions: [\n        (\n            id: \"old\",\n            date: \"2026-03-02\",\n            \
              title: \"Written by Keel before versions\",\n            created: \"2026-03-02T09:00:00Z\",\n            \
              updated: \"2026-03-04T09:00:00Z\",\n        ),\n    ],\n    deleted: [\n        (id: \"gone\", deleted_at: \
              \"2026-03-05T10:00:00Z\"),\n    ],\n)\n";
    fs::write(&folder.path, v2).expect("write");
    add(&folder.path, "After the update");
    let text = fs::read_to_string(&folder.path).expect("read");
    assert!(text.contains("version: 4"), "{text}");
    // The old decision and the deletion carry versions from their times;
    // the new decision is an edit of this computer.
    assert_eq!(text.matches("device: \"legacy\"").count(), 2, "{text}");
    assert!(text.contains("edits: 1772614800000"), "the old decision's time, in ms: {text}");
    let backups = keel::storage::backup::list(&folder.path).expect("listed");
    let original = backups.iter().find(|b| b.migrated_from == Some(2)).expect("the original is kept");
    assert_eq!(fs::read_to_string(&original.path).expect("read"), v2, "byte for byte");
}

#[test]
fn a_version_3_file_gains_goals_and_reflections_with_its_original_kept() {
    let folder = folder();
    let v3 = "(\n    version: 3,\n    decisions: [\n        (\n            id: \"kept\",\n            date: \"2026-03-02\",\n            \
              title: \"Written by Keel 3\",\n            created: \"2026-03-02T09:00:00Z\",\n            \
              updated: \"2026-03-04T09:00:00Z\",\n            version: (seen: [(device: \"3f9a1c2e07b4\", edits: 2)], at: \
              \"2026-03-04T09:00:00Z\", by: \"3f9a1c2e07b4\"),\n        ),\n    ],\n    deleted: [],\n)\n";
    fs::write(&folder.path, v3).expect("write");
    let goals = json(&folder.path, &["goal", "list", "--all", "--format", "json"]);
    assert_eq!(goals.as_array().expect("array").len(), 0, "a version 3 journal has no goals");
    assert_eq!(fs::read_to_string(&folder.path).expect("read"), v3, "reading writes nothing");
    keel(&folder.path)
        .args(["goal", "add", "--title", "Lead more", "--kind", "share", "--min", "50"])
        .args(["--from", "2026-03-02", "--until", "2026-04-26"])
        .assert()
        .success();
    keel(&folder.path).args(["reflect", "--date", "2026-03-04", "--answer", "A calm week"]).assert().success();
    let text = fs::read_to_string(&folder.path).expect("read");
    assert!(text.contains("version: 4") && text.contains("goals: [") && text.contains("reflections: ["), "{text}");
    let backups = keel::storage::backup::list(&folder.path).expect("listed");
    let original = backups.iter().find(|b| b.migrated_from == Some(3)).expect("the original is kept");
    assert_eq!(fs::read_to_string(&original.path).expect("read"), v3, "byte for byte");
    let journal = keel::storage::load(&folder.path).expect("loads");
    assert_eq!(journal.decisions()[0].title, "Written by Keel 3");
    assert_eq!(journal.goals()[0].title, "Lead more");
    assert_eq!(journal.reflections()[0].answers[0].answer, "A calm week");
}

#[test]
fn backups_are_listed_newest_first_and_one_can_be_restored() {
    let folder = folder();
    keel(&folder.path).arg("backups").assert().success().stdout(predicate::str::contains("No backups yet"));
    for title in ["One", "Two", "Three", "Four"] {
        add(&folder.path, title);
    }
    let backups = json(&folder.path, &["backups", "--format", "json"]);
    let backups = backups.as_array().expect("array");
    let counts: Vec<u64> = backups.iter().map(|b| b["decisions"].as_u64().expect("count")).collect();
    assert_eq!(counts, [3, 2, 1], "newest first");
    assert_eq!(backups[0]["number"], 1);
    keel(&folder.path).arg("backups").assert().success().stdout(predicate::str::contains("decisions"));

    keel(&folder.path)
        .args(["backups", "restore", "3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("now holds 1 decision. "));
    let titles: Vec<String> =
        keel::storage::load(&folder.path).expect("loads").decisions().iter().map(|d| d.title.clone()).collect();
    assert_eq!(titles, ["One"]);
    // The state before the restore is backup 1, so the restore can be undone.
    keel(&folder.path).args(["backups", "restore", "1"]).assert().success();
    assert_eq!(keel::storage::load(&folder.path).expect("loads").len(), 4);

    keel(&folder.path)
        .args(["backups", "restore", "99"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no backup 99"));
}

const CANARY: &str = "CANARY-d41d8cd98f";

fn assert_nothing_readable(dir: &Path) {
    for file in all_files(dir) {
        let bytes = fs::read(&file).expect("read");
        assert!(
            !bytes.windows(CANARY.len()).any(|window| window == CANARY.as_bytes()),
            "{} holds the canary in clear",
            file.display()
        );
    }
}

#[cfg(unix)]
fn assert_private(dir: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    for file in all_files(dir) {
        let mode = fs::metadata(&file).expect("exists").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} has mode {mode:o}", file.display());
    }
}

#[test]
fn encryption_round_trip_leaves_nothing_readable_and_refuses_a_wrong_passphrase() {
    let folder = folder();
    add(&folder.path, &format!("{CANARY} first"));
    add(&folder.path, "Second");
    add(&folder.path, "Third");

    keel(&folder.path)
        .arg("encrypt")
        .env("KEEL_NEW_PASSPHRASE", "correct horse")
        .assert()
        .success()
        .stdout(predicate::str::contains("Encrypted"));
    assert_nothing_readable(folder.dir.path());
    #[cfg(unix)]
    assert_private(folder.dir.path());
    assert!(keel::storage::backup::list(&folder.path).expect("listed").len() >= 2, "backups kept, encrypted");

    // Writing with the passphrase: still nothing readable, temp files included.
    keel(&folder.path)
        .args(["add", "--title", &format!("{CANARY} while encrypted")])
        .env("KEEL_PASSPHRASE", "correct horse")
        .assert()
        .success();
    assert_nothing_readable(folder.dir.path());
    let listed = json_with(&folder.path, &["list", "--format", "json"], "correct horse");
    assert_eq!(listed.as_array().expect("array").len(), 4);
    assert!(listed.to_string().contains(&format!("{CANARY} while encrypted")));

    // A wrong passphrase is a clear message, not a crash, and changes nothing.
    let before = fs::read(&folder.path).expect("read");
    keel(&folder.path)
        .args(["add", "--title", "Nope"])
        .env("KEEL_PASSPHRASE", "wrong horse")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("passphrase does not unlock"));
    assert_eq!(fs::read(&folder.path).expect("read"), before);

    // A new passphrase, without rewriting the journal.
    keel(&folder.path)
        .args(["encrypt", "--change-passphrase"])
        .env("KEEL_PASSPHRASE", "correct horse")
        .env("KEEL_NEW_PASSPHRASE", "battery staple")
        .assert()
        .success();
    assert_eq!(fs::read(&folder.path).expect("read"), before, "only the key file changed");
    keel(&folder.path)
        .args(["list"])
        .env("KEEL_PASSPHRASE", "correct horse")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("passphrase does not unlock"));

    // And back to plain text, backups included.
    keel(&folder.path).arg("decrypt").env("KEEL_PASSPHRASE", "battery staple").assert().success();
    assert!(fs::read_to_string(&folder.path).expect("plain text").contains(CANARY));
    assert!(!keel::storage::crypto::key_path(&folder.path).exists());
    for backup in keel::storage::backup::list(&folder.path).expect("listed") {
        assert!(fs::read_to_string(&backup.path).expect("plain text").starts_with('('), "{}", backup.path.display());
    }
    assert_eq!(keel::storage::load(&folder.path).expect("loads").len(), 4);
}

fn json_with(path: &Path, args: &[&str], passphrase: &str) -> Value {
    let output = keel(path).args(args).env("KEEL_PASSPHRASE", passphrase).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// What `keel list ARGS` prints, with the parse cache or without one.
fn listing(path: &Path, args: &[&str], cached: bool) -> String {
    let mut command = keel(path);
    if !cached {
        command.env("KEEL_CACHE_DIR", "");
    }
    let output = command.arg("list").args(args).output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn a_listing_through_the_parse_cache_prints_what_the_file_holds_even_after_an_edit_outside() {
    let folder = folder();
    let journal = keel::samples::synthetic::synthetic_journal(2_500, 9, jiff::civil::date(2026, 11, 29));
    let tag = journal.decisions().iter().find_map(|decision| decision.tags.first()).expect("a tag").clone();
    let text = keel::storage::to_text(&journal);
    fs::write(&folder.path, &text).expect("written");
    let filters: [&[&str]; 3] =
        [&["--tag", &tag, "--format", "json"], &["--style", "leadership", "--search", "the"], &["--format", "csv"]];
    for filter in filters {
        let from_the_file = listing(&folder.path, filter, false);
        assert!(from_the_file.lines().count() > 20, "{filter:?} lists enough to compare");
        // The first read writes the cache, the second reads it.
        for read in ["first", "second"] {
            assert_eq!(listing(&folder.path, filter, true), from_the_file, "{filter:?}, {read} read");
        }
    }
    // (That the second read came from the cache, and a cache made for other
    // bytes never does, the cache's own tests show.)
    assert_eq!(all_files(&cache_folder(&folder.path)).len(), 1, "the first read wrote the cache");

    // Edited outside Keel: one of the tag's decisions is retitled.
    let title = journal
        .decisions()
        .iter()
        .filter(|decision| decision.tags.contains(&tag))
        .map(|decision| decision.title.as_str())
        .find(|title| text.matches(title).count() == 1)
        .expect("a tagged decision whose title the file holds once");
    fs::write(&folder.path, text.replacen(title, "Retitled outside Keel", 1)).expect("edited");
    let filter = ["--tag", tag.as_str(), "--format", "json"];
    let listed = listing(&folder.path, &filter, true);
    assert!(listed.contains("Retitled outside Keel"), "the edit shows");
    assert_eq!(listed, listing(&folder.path, &filter, false));
}

#[test]
fn the_parse_cache_of_a_large_journal_never_outlives_its_encryption() {
    let folder = folder();
    let mut journal = keel::samples::synthetic::synthetic_journal(2_500, 9, jiff::civil::date(2026, 11, 29));
    journal.push(keel::model::Decision { title: format!("{CANARY} in a large journal"), ..Default::default() });
    fs::write(&folder.path, keel::storage::to_text(&journal)).expect("written");

    // Read in the clear: cached, canary included (so the search below can fail).
    let listed = json(&folder.path, &["list", "--format", "json", "--search", CANARY]);
    assert_eq!(listed.as_array().expect("array").len(), 1);
    let cached = all_files(&cache_folder(&folder.path));
    assert_eq!(cached.len(), 1, "one cache file: {cached:?}");
    // The cache is binary: its texts are held as their UTF-8 bytes.
    let bytes = fs::read(&cached[0]).expect("cache");
    assert!(bytes.windows(CANARY.len()).any(|window| window == CANARY.as_bytes()));

    keel(&folder.path).arg("encrypt").env("KEEL_NEW_PASSPHRASE", "correct horse").assert().success();
    assert_nothing_readable(folder.dir.path());
    let listed = json_with(&folder.path, &["list", "--format", "json", "--search", CANARY], "correct horse");
    assert_eq!(listed.as_array().expect("array").len(), 1);
    keel(&folder.path).args(["add", "--title", "After"]).env("KEEL_PASSPHRASE", "correct horse").assert().success();
    assert_nothing_readable(folder.dir.path());
    assert!(all_files(&cache_folder(&folder.path)).is_empty(), "no cache for an encrypted journal");
}

#[test]
fn an_interrupted_encrypt_is_finished_by_the_next_encrypt_which_says_so() {
    let folder = folder();
    for title in ["first", "second", "third"] {
        add(&folder.path, &format!("{CANARY} {title}"));
    }
    // What `keel encrypt` killed right after writing the key file leaves.
    keel::storage::crypto::Key::create(&folder.path, &"correct horse".to_owned().into()).expect("key file");

    keel(&folder.path)
        .arg("encrypt")
        .env("KEEL_NEW_PASSPHRASE", "correct horse")
        .assert()
        .success()
        .stdout(predicate::str::contains("was only partly encrypted"))
        .stdout(predicate::str::contains("Encrypted the journal"))
        .stdout(predicate::str::contains("and 2 backups"));
    assert_nothing_readable(folder.dir.path());
    keel(&folder.path)
        .arg("encrypt")
        .env("KEEL_NEW_PASSPHRASE", "correct horse")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already encrypted"));
    assert_eq!(
        json_with(&folder.path, &["list", "--format", "json"], "correct horse").as_array().expect("array").len(),
        3
    );
}

#[test]
fn encrypting_a_moved_journal_leaves_no_clear_copy_under_its_old_name_and_says_so() {
    let folder = folder();
    let old = folder.dir.path().join("old.ron");
    let mut journal = keel::samples::synthetic::synthetic_journal(2_500, 9, jiff::civil::date(2026, 11, 29));
    journal.push(keel::model::Decision { title: format!("{CANARY} in a large journal"), ..Default::default() });
    fs::write(&old, keel::storage::to_text(&journal)).expect("written");
    // Read (a parse cache keyed by the old path) and saved (a backup named old.…).
    json(&old, &["list", "--format", "json"]);
    add(&old, "One more");
    assert_eq!(all_files(&cache_folder(&old)).len(), 1);
    fs::rename(&old, &folder.path).expect("renamed");

    let output = keel(&folder.path).arg("encrypt").env("KEEL_NEW_PASSPHRASE", "correct horse").output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("Encrypted the journal"), "{stdout}");
    assert!(stdout.contains("1 backup named after an earlier name of the journal"), "{stdout}");
    assert!(stdout.contains(&format!("removed the clear-text parse cache of {}", old.display())), "{stdout}");
    assert_nothing_readable(folder.dir.path());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_as_the_journal_is_refused_at_once() {
    let folder = folder();
    assert!(std::process::Command::new("mkfifo").arg(&folder.path).status().expect("mkfifo").success());
    for args in [&["list"][..], &["add", "--title", "Into the pipe"][..]] {
        keel(&folder.path)
            .args(args)
            .timeout(std::time::Duration::from_secs(30))
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is a named pipe (FIFO), not an ordinary file"));
    }
    assert!(!folder.dir.path().join("journal.ron.lock").exists());
    keel(Path::new("/dev/null"))
        .args(["add", "--title", "Into the void"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/dev/null is a device"));
    keel(Path::new("/dev/zero")).arg("list").timeout(std::time::Duration::from_secs(30)).assert().code(1);
    assert!(!Path::new("/dev/null.lock").exists(), "no lock file beside /dev/null");
}

#[test]
fn a_journal_with_a_field_this_keel_does_not_know_is_listed_but_never_saved_over() {
    let folder = folder();
    add(&folder.path, "First");
    let text = fs::read_to_string(&folder.path).expect("read").replacen(
        "            title:",
        "            mood: \"calm\",\n            title:",
        1,
    );
    fs::write(&folder.path, &text).expect("written");
    keel(&folder.path).arg("list").assert().success().stdout(predicate::str::contains("First"));
    keel(&folder.path)
        .args(["add", "--title", "Second"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the field `mood` is not one this Keel knows"))
        .stderr(predicate::str::contains("journal.ron:"));
    assert_eq!(fs::read_to_string(&folder.path).expect("read"), text);
}

/// A sync client, an indexer or a virus scanner holds the journal open for a
/// moment, on Windows without letting it be replaced: the save waits for it
/// instead of failing ("access denied").
#[cfg(windows)]
#[test]
fn a_save_waits_for_a_program_holding_the_journal_open_for_a_moment() {
    use std::os::windows::fs::OpenOptionsExt as _;
    /// Others may read, but neither write nor delete (nor replace) it.
    const FILE_SHARE_READ: u32 = 1;
    let folder = folder();
    add(&folder.path, "First");
    let held = fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&folder.path).expect("opened");
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(800));
        drop(held);
    });
    add(&folder.path, "Second, while it was held");
    release.join().expect("released");
    let titles: Vec<String> = json(&folder.path, &["list", "--format", "json"])
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| item["title"].as_str().expect("a title").to_owned())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
}
