//! What the store refuses, and the files it must not split, hang on or
//! change behind the user's back (issue 19): symlinked, read-only and
//! special journals, oversized files, a byte-order mark, deep nesting and a
//! missing key file.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::model::Decision;

fn decision(title: &str) -> Decision {
    Decision {
        id: crate::model::DecisionId(title.to_lowercase().replace(' ', "-")),
        title: title.to_owned(),
        ..Decision::default()
    }
}

fn push(store: &Store, title: &str) -> Result<(), StorageError> {
    store.update(|journal| {
        journal.push(decision(title));
        Ok::<(), StorageError>(())
    })
}

fn titles(path: &Path) -> Vec<String> {
    load(path).expect("loads").decisions().iter().map(|d| d.title.clone()).collect()
}

#[cfg(unix)]
#[test]
fn a_symlinked_journal_is_saved_through_the_link_which_stays_a_link() {
    let folder = tempfile::tempdir().expect("temp dir");
    let real = folder.path().join("real").join("journal.ron");
    let link = folder.path().join("link").join("journal.ron");
    fs::create_dir_all(real.parent().expect("parent")).expect("folder");
    fs::create_dir_all(link.parent().expect("parent")).expect("folder");
    save(&real, &Journal::new(vec![decision("First")])).expect("saved");
    std::os::unix::fs::symlink("../real/journal.ron", &link).expect("linked");

    push(&Store::new(link.clone()), "Through the link").expect("saved");
    push(&Store::new(link.clone()), "Again").expect("saved");

    assert!(fs::symlink_metadata(&link).expect("there").file_type().is_symlink(), "the link stays a link");
    assert_eq!(titles(&real), ["First", "Through the link", "Again"], "the real journal got every change");
    // One lock and one backups folder, beside the real file.
    assert!(!link.with_file_name("journal.ron.lock").exists(), "no second lock beside the link");
    assert!(!link.with_file_name("backups").exists(), "no backups beside the link");
    let backups = backup::list(&real).expect("listed");
    assert_eq!(backups.len(), 2);
    assert!(backups.iter().all(|b| !fs::symlink_metadata(&b.path).expect("there").file_type().is_symlink()));
    assert_eq!(Store::new(link).path(), real.as_path());
}

#[cfg(unix)]
#[test]
fn a_read_only_journal_is_refused_by_name_and_its_mode_kept() {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    save(&path, &Journal::new(vec![decision("First")])).expect("saved");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("read-only");
    let before = fs::read(&path).expect("read");

    let error = push(&Store::new(path.clone()), "Second").expect_err("refused");

    assert!(matches!(error, StorageError::ReadOnly { .. }), "{error:?}");
    assert!(error.to_string().contains("journal.ron is read-only"), "{error}");
    assert_eq!(fs::read(&path).expect("read"), before, "not written");
    assert_eq!(fs::metadata(&path).expect("there").permissions().mode() & 0o777, 0o444, "mode unchanged");
    assert_eq!(backup::list(&path).expect("listed").len(), 0, "no backup of a save that did not happen");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_at_once_without_a_lock() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo runs");
    assert!(made.success());

    // Opening the pipe would wait for a writer forever; it is never opened.
    let read = Store::new(path.clone()).read().expect_err("refused");
    let written = push(&Store::new(path.clone()), "Into the pipe").expect_err("refused");

    for error in [&read, &written] {
        assert!(matches!(error, StorageError::NotAFile { .. }), "{error:?}");
        assert!(error.to_string().contains("is a named pipe (FIFO), not an ordinary file"), "{error}");
    }
    assert!(!folder.path().join("journal.ron.lock").exists(), "no lock beside a pipe");
}

#[cfg(unix)]
#[test]
fn devices_are_refused_and_no_lock_is_made_beside_them() {
    for device in ["/dev/null", "/dev/zero"] {
        let path = Path::new(device);
        let read = Store::new(path.to_owned()).read().expect_err("refused");
        assert!(read.to_string().contains(&format!("{device} is a device")), "{read}");
        let written = push(&Store::new(path.to_owned()), "Into the void").expect_err("refused");
        assert!(matches!(written, StorageError::NotAFile { .. }), "{written:?}");
        assert!(!Path::new(&format!("{device}.lock")).exists(), "no {device}.lock");
    }
}

#[test]
fn a_folder_is_refused_as_a_journal() {
    let folder = tempfile::tempdir().expect("temp dir");
    let error = Store::new(folder.path().to_owned()).read().expect_err("refused");
    assert!(error.to_string().contains("is a folder, not an ordinary file"), "{error}");
}

#[test]
fn a_file_larger_than_any_journal_is_refused_unread() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    // Sparse: no disk used, and never read.
    fs::File::create(&path).expect("created").set_len(MAX_JOURNAL_BYTES + 1).expect("sized");
    let error = Store::new(path).read().expect_err("refused");
    assert!(matches!(error, StorageError::TooLarge { .. }), "{error:?}");
    assert!(error.to_string().contains("1024 MiB at most"), "{error}");
}

#[test]
fn a_journal_saved_with_a_byte_order_mark_is_read() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let text = to_text(&Journal::new(vec![decision("From Notepad")]));
    fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).expect("written");
    assert_eq!(titles(&path), ["From Notepad"]);
    push(&Store::new(path.clone()), "Then saved").expect("saved");
    assert_eq!(titles(&path), ["From Notepad", "Then saved"]);
}

#[test]
fn deep_nesting_is_explained_without_parser_options() {
    let text = format!("(version: 2, decisions: {}{})", "[".repeat(5000), "]".repeat(5000));
    let error = parse_file(&text, Path::new("deep.ron")).expect_err("refused");
    let message = error.to_string();
    assert!(matches!(error, StorageError::Parse { line: 1, .. }), "{error:?}");
    assert!(message.contains("nested far deeper than in any journal"), "{message}");
    assert!(!message.contains("recursion_limit"), "{message}");
}

#[test]
fn an_encrypted_journal_without_its_key_file_says_where_the_key_belongs() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    save(&path, &Journal::new(vec![decision("Secret")])).expect("saved");
    Store::new(path.clone()).encrypt(&"open sesame".to_owned().into()).expect("encrypted");
    let key = crypto::key_path(&path);
    fs::remove_file(&key).expect("key file lost");
    // With a kept copy of the key, the passphrase is asked for and the key
    // put back (storage::trust_tests); here it is gone everywhere.
    assert!(Store::new(path.clone()).needs_key(), "a kept key: the passphrase is asked for");
    fs::remove_dir_all(super::keys::folder(&path)).expect("kept keys lost too");

    let store = Store::new(path.clone());
    assert!(!store.needs_key(), "no key anywhere, so no passphrase is asked for");
    let error = store.read().expect_err("refused");

    assert!(matches!(error, StorageError::KeyMissing { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("its key file is missing"), "{message}");
    assert!(message.contains(&key.display().to_string()), "{message}");
    assert!(!message.contains("delete"), "{message}");
}

#[cfg(unix)]
#[test]
fn the_original_kept_on_migration_is_a_copy_not_the_live_file() {
    use std::os::unix::fs::MetadataExt as _;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let version_1 = "(version: 1, decisions: [])";
    fs::write(&path, version_1).expect("written");
    Store::new(path.clone()).open().expect("opened");
    let original = backup::list(&path).expect("listed").remove(0);
    assert_ne!(fs::metadata(&original.path).expect("there").ino(), fs::metadata(&path).expect("there").ino());
    // An editor writing the journal in place does not change the original.
    fs::write(&path, "(version: 1, decisions: [], edited: true)").expect("edited in place");
    assert_eq!(fs::read_to_string(&original.path).expect("read"), version_1);
}

#[test]
fn a_field_this_keel_does_not_know_is_never_dropped_by_a_save() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    save(&path, &Journal::new(vec![decision("First")])).expect("saved");
    // A newer Keel's field, within the same version.
    let text = fs::read_to_string(&path).expect("read").replacen(
        "            title:",
        "            mood: \"calm\",\n            title:",
        1,
    );
    fs::write(&path, &text).expect("written");
    let line = text.lines().position(|line| line.contains("mood:")).expect("there") + 1;

    // Reading works, and says what it found.
    let store = Store::new(path.clone());
    let loaded = store.read().expect("reads");
    assert_eq!(loaded.contents.journal.len(), 1);
    assert_eq!(loaded.unknown_field.as_ref().map(|field| (field.name.as_str(), field.line)), Some(("mood", line)));

    // Writing does not: neither a locked update nor a window's merge save.
    let error = push(&store, "Second").expect_err("refused");
    let message = error.to_string();
    assert!(matches!(error, StorageError::UnknownField { .. }), "{error:?}");
    assert!(message.contains(&format!("journal.ron:{line}:13: the field `mood`")), "{message}");
    assert!(store.save_merged(&Journal::new(vec![decision("Mine")]), &loaded.snapshot()).is_err());
    assert_eq!(fs::read_to_string(&path).expect("read"), text, "the file is as it was");
    assert!(backup::list(&path).expect("listed").len() <= 1, "no backup of a refused save");

    // Once the field is gone (removed by hand), saving works again.
    fs::write(&path, text.replace("            mood: \"calm\",\n", "")).expect("written");
    push(&store, "Second").expect("saved");
}

/// A plain journal with two backups, then the key file written, as an
/// `encrypt` killed right after it leaves them.
fn interrupted_encryption(folder: &Path) -> (PathBuf, age::secrecy::SecretString) {
    let path = folder.join("journal.ron");
    let store = Store::new(path.clone());
    for title in ["CANARY one", "CANARY two", "CANARY three"] {
        push(&store, title).expect("saved");
    }
    let passphrase: age::secrecy::SecretString = "open sesame".to_owned().into();
    crypto::Key::create(&path, &passphrase).expect("key file written");
    (path, passphrase)
}

fn plain_files_under(folder: &Path) -> Vec<PathBuf> {
    let mut plain = Vec::new();
    for entry in fs::read_dir(folder).expect("list").filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            plain.extend(plain_files_under(&path));
        } else if fs::read(&path).expect("read").windows(6).any(|window| window == b"CANARY") {
            plain.push(path);
        }
    }
    plain
}

#[test]
fn the_next_save_finishes_an_interrupted_encryption() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (path, passphrase) = interrupted_encryption(folder.path());
    let mut store = Store::new(path.clone());
    assert_eq!(store.left_plain().len(), 3, "the journal and its two backups");
    store.unlock(&passphrase).expect("unlocked");

    push(&store, "Fourth").expect("saved");

    assert_eq!(plain_files_under(folder.path()), Vec::<PathBuf>::new());
    assert!(store.left_plain().is_empty());
    assert_eq!(store.read().expect("reads").contents.journal.len(), 4);
}

#[test]
fn finishing_an_interrupted_encryption_says_what_it_encrypted() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (path, passphrase) = interrupted_encryption(folder.path());
    let mut store = Store::new(path.clone());
    store.unlock(&passphrase).expect("unlocked");

    let done = store.finish_encryption().expect("finished");

    assert!(done.resumed && done.journal, "{done:?}");
    assert_eq!(done.backups, 2, "{done:?}");
    assert_eq!(plain_files_under(folder.path()), Vec::<PathBuf>::new());
    assert!(store.left_plain().is_empty());
}

#[test]
fn encrypting_a_renamed_journal_encrypts_the_backups_of_its_old_name_and_decrypting_restores_them() {
    let folder = tempfile::tempdir().expect("temp dir");
    let old = folder.path().join("old.ron");
    for title in ["CANARY one", "CANARY two"] {
        push(&Store::new(old.clone()), title).expect("saved");
    }
    let path = folder.path().join("journal.ron");
    fs::rename(&old, &path).expect("renamed");
    let ids: Vec<String> = decision_ids(&path);
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let old_backup = backup::orphans(&path, &ids).remove(0);
    let passphrase: age::secrecy::SecretString = "open sesame".to_owned().into();

    let mut store = Store::new(path.clone());
    let done = store.encrypt_reporting(&passphrase).expect("encrypted");

    assert_eq!(done.backups_of_earlier_names, std::slice::from_ref(&old_backup), "{done:?}");
    assert_eq!(plain_files_under(folder.path()), Vec::<PathBuf>::new());
    store.decrypt().expect("decrypted");
    assert_eq!(
        parse_bytes(&fs::read(&old_backup).expect("read"), &old_backup).expect("plain").contents.journal.len(),
        1
    );
}

/// The decision ids of the journal at `path`.
fn decision_ids(path: &Path) -> Vec<String> {
    Store::new(path.to_owned())
        .read()
        .expect("reads")
        .contents
        .journal
        .decisions()
        .iter()
        .map(|d| d.id.0.clone())
        .collect()
}
