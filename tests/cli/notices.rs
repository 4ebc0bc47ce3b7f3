//! What the journal's storage has to tell that is no error (a leftover
//! file it could not remove) reaches stderr once, after the command's
//! write, with the `keel: ` prefix: the library collects it, the command
//! line reports it.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn keel(path: &Path) -> Command {
    let mut command = Command::cargo_bin("keel").expect("binary built");
    command.arg("--journal").arg(path).env_remove("KEEL_PASSPHRASE");
    // The parse cache inside the test's folder: the user's is never touched.
    command.env("KEEL_CACHE_DIR", path.parent().expect("in a folder").join("cache"));
    command
}

#[test]
fn a_leftover_temporary_file_that_stays_is_told_once_after_the_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.ron");
    keel(&path).args(["add", "--title", "First"]).assert().success();
    // A folder where a killed save's temporary file would be: it cannot be
    // removed as a file (even by root), and the save goes on.
    let leftover = dir.path().join(".journal.ron.keel-save-abc123.tmp");
    std::fs::create_dir(&leftover).expect("folder");
    let output = keel(&path).args(["add", "--title", "Second"]).output().expect("ran");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Added"), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let told: Vec<&str> = stderr.lines().filter(|line| line.contains("leftover temporary file")).collect();
    assert_eq!(told.len(), 1, "told once: {stderr}");
    assert!(told[0].starts_with("keel: removing a leftover temporary file "), "{stderr}");
    // The notice names where the file is, so the user can remove it.
    assert!(told[0].contains(&leftover.display().to_string()), "{stderr}");
    keel(&path).arg("list").assert().success().stdout(predicate::str::contains("Second"));
}
