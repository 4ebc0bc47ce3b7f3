//! Two computers, one journal, and a sync service between them: the cases
//! where a merge that trusted clocks, or a decrypt that threw its key away,
//! lost a user's decisions. Each computer is a folder with its own editor
//! (device id and clock) and, since its folder is synced, its own local
//! backups and kept keys.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use age::secrecy::SecretString;
use jiff::Timestamp;
use jiff::civil::date;

use super::crypto::peek_is_encrypted;
use super::*;
use crate::model::{Clock, DecisionDraft, DecisionId};

/// A clock stopped at one instant: a computer's idea of now.
struct StoppedAt(Timestamp);

impl Clock for StoppedAt {
    fn now(&self) -> Timestamp {
        self.0
    }

    fn today(&self) -> jiff::civil::Date {
        self.0.to_zoned(jiff::tz::TimeZone::UTC).date()
    }
}

const NOON: i64 = 1_796_558_400; // 2026-12-06T12:00:00Z
const SYNCTHING_COPY: &str = "journal.sync-conflict-20261206-120000-BBBBBBB.ron";

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(seconds).expect("valid")
}

/// One computer: a synced folder of its own, its device and its clock.
struct Computer {
    folder: tempfile::TempDir,
    device: &'static str,
    clock_s: i64,
}

impl Computer {
    fn new(device: &'static str, clock_s: i64) -> Self {
        let folder = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(folder.path().join(".stfolder")).expect("Syncthing's marker");
        Self { folder, device, clock_s }
    }

    fn path(&self) -> PathBuf {
        self.folder.path().join("journal.ron")
    }

    fn store(&self) -> Store {
        let editor = Editor::new(self.device, Arc::new(StoppedAt(at(self.clock_s))));
        Store::new(self.path()).with_cache(None).with_editor(editor)
    }

    fn unlocked(&self, passphrase: &SecretString) -> Store {
        let mut store = self.store();
        store.unlock(passphrase).expect("unlocked");
        store
    }

    /// Adds a decision written an hour before this computer's now (so a
    /// deletion here is later than it by the clock too).
    fn add(&self, store: &Store, title: &str) -> DecisionId {
        let now = at(self.clock_s - 3600);
        let decision = DecisionDraft { title: title.into(), date: Some(date(2026, 12, 6)), ..Default::default() }
            .into_new_decision(date(2026, 12, 6), now)
            .expect("valid");
        let id = decision.id.clone();
        store
            .update(|journal| {
                journal.push(decision);
                Ok::<(), StorageError>(())
            })
            .expect("added");
        id
    }

    fn titles(store: &Store) -> Vec<String> {
        let mut titles: Vec<String> =
            store.read().expect("readable").contents.journal.decisions().iter().map(|d| d.title.clone()).collect();
        titles.sort();
        titles
    }

    /// What the sync service does to this folder: the journal replaced by
    /// `winner`'s bytes, and `loser`'s kept as a conflict copy.
    fn receive_conflict(&self, winner: &[u8], loser: &[u8]) {
        fs::write(self.path(), winner).expect("journal replaced");
        fs::write(self.folder.path().join(SYNCTHING_COPY), loser).expect("conflict copy");
    }
}

fn passphrase(text: &str) -> SecretString {
    text.to_owned().into()
}

fn copy_file(from: &Path, to: &Path) {
    fs::copy(from, to).expect("synced");
}

/// A journal encrypted on A and synced to B; B, offline, adds a decision
/// (encrypted) while A decrypts; the service then deletes B's key file, as
/// it was deleted on A. Returns the passphrase, both computers, A's plain
/// journal and B's encrypted one.
fn decrypted_on_a_while_b_wrote_encrypted() -> (SecretString, Computer, Computer, Vec<u8>, Vec<u8>) {
    let secret = passphrase("open sesame");
    let a = Computer::new("aaaa", NOON);
    let b = Computer::new("bbbb", NOON);
    a.add(&a.store(), "First");
    a.store().encrypt(&secret).expect("encrypted");
    copy_file(&a.path(), &b.path());
    copy_file(&crypto::key_path(&a.path()), &crypto::key_path(&b.path()));
    let store_b = b.unlocked(&secret);
    b.add(&store_b, "From B");
    a.unlocked(&secret).decrypt().expect("decrypted");
    assert!(!crypto::key_path(&a.path()).exists());
    fs::remove_file(crypto::key_path(&b.path())).expect("deleted by the service");
    let (plain_a, sealed_b) = (fs::read(a.path()).expect("a"), fs::read(b.path()).expect("b"));
    (secret, a, b, plain_a, sealed_b)
}

#[test]
fn a_decrypt_while_the_other_computer_writes_encrypted_locks_nobody_out_and_loses_nothing() {
    let (secret, a, b, plain_a, sealed_b) = decrypted_on_a_while_b_wrote_encrypted();
    // B's encrypted journal wins on both computers, A's plain one is the
    // copy.
    a.receive_conflict(&sealed_b, &plain_a);
    b.receive_conflict(&sealed_b, &plain_a);

    for computer in [&a, &b] {
        let mut store = computer.store();
        assert!(store.needs_key(), "the passphrase is asked for, not 'put the key file back'");
        store.unlock(&secret).expect("the kept key opens it");
        let notices = store.take_notices();
        assert!(notices.iter().any(|notice| notice.contains("put back its key")), "{notices:?}");
        assert!(crypto::key_path(&computer.path()).exists(), "the key file is back");
        let report = store.absorb_copies().expect("merged");
        assert_eq!(report.absorbed.len(), 1, "{report:?}");
        assert_eq!(Computer::titles(&store), ["First", "From B"]);
    }
}

#[test]
fn a_plain_journal_merges_a_copy_the_other_computer_encrypted_with_a_key_it_no_longer_has_on_disk() {
    let (secret, _a, b, plain_a, sealed_b) = decrypted_on_a_while_b_wrote_encrypted();
    // This time A's plain journal wins and B's encrypted one is the copy.
    b.receive_conflict(&plain_a, &sealed_b);

    let mut store = b.store();
    assert!(store.needs_key(), "an encrypted copy and a kept key: the passphrase is asked for");
    store.unlock(&secret).expect("unlocked with the kept key");
    store.absorb_copies().expect("merged");
    assert_eq!(Computer::titles(&store), ["First", "From B"]);
    assert!(!peek_is_encrypted(&b.path()), "the journal stays plain, as decrypted");
}

#[test]
fn two_computers_that_encrypt_apart_open_with_the_key_that_fits_and_merge() {
    let secret = passphrase("same on both");
    let a = Computer::new("aaaa", NOON);
    let b = Computer::new("bbbb", NOON);
    a.add(&a.store(), "Shared");
    copy_file(&a.path(), &b.path());
    a.add(&a.store(), "From A");
    b.add(&b.store(), "From B");
    a.store().encrypt(&secret).expect("A encrypts");
    b.store().encrypt(&secret).expect("B encrypts, with a key of its own");
    // The journal's winner is A's, the key's winner B's: each other file is
    // a conflict copy.
    let (journal_a, journal_b) = (fs::read(a.path()).expect("a"), fs::read(b.path()).expect("b"));
    let key_a = fs::read(crypto::key_path(&a.path())).expect("key a");
    let key_b = fs::read(crypto::key_path(&b.path())).expect("key b");
    fs::write(a.path(), &journal_a).expect("journal");
    fs::write(a.folder.path().join(SYNCTHING_COPY), &journal_b).expect("copy");
    fs::write(crypto::key_path(&a.path()), &key_b).expect("key file");
    fs::write(a.folder.path().join("journal.ron.sync-conflict-20261206-120000-BBBBBBB.key"), &key_a).expect("key copy");

    let mut store = a.store();
    store.unlock(&secret).expect("the key copy that opens the journal is found");
    let notices = store.take_notices();
    assert!(notices.iter().any(|notice| notice.contains("this passphrase is the journal's")), "{notices:?}");
    assert!(notices.iter().all(|notice| !notice.contains("delete")), "{notices:?}");
    assert_eq!(fs::read(crypto::key_path(&a.path())).expect("key"), key_a, "the key file opens the journal again");
    let report = store.absorb_copies().expect("merged");
    assert!(report.left.is_empty(), "{report:?}");
    assert_eq!(Computer::titles(&store), ["From A", "From B", "Shared"]);
    // A later Keel opens it with the same passphrase, from the key file.
    let mut later = a.store();
    later.unlock(&secret).expect("unlocked");
    assert!(later.take_notices().is_empty());
    assert_eq!(Computer::titles(&later), ["From A", "From B", "Shared"]);
}

#[test]
fn two_passphrases_open_the_journal_and_leave_the_other_computers_copy_with_a_reason() {
    let a = Computer::new("aaaa", NOON);
    let b = Computer::new("bbbb", NOON);
    a.add(&a.store(), "Shared");
    copy_file(&a.path(), &b.path());
    b.add(&b.store(), "From B");
    a.store().encrypt(&passphrase("alpha")).expect("A encrypts");
    b.store().encrypt(&passphrase("bravo")).expect("B encrypts");
    let journal_b = fs::read(b.path()).expect("b");
    let key_a = fs::read(crypto::key_path(&a.path())).expect("key a");
    fs::write(a.folder.path().join(SYNCTHING_COPY), &journal_b).expect("copy");
    fs::write(crypto::key_path(&a.path()), fs::read(crypto::key_path(&b.path())).expect("key b")).expect("key");
    fs::write(a.folder.path().join("journal.ron.sync-conflict-20261206-120000-BBBBBBB.key"), &key_a).expect("copy");

    // Neither passphrase alone opened it before; A's does now.
    let mut store = a.store();
    store.unlock(&passphrase("alpha")).expect("A's passphrase opens A's journal");
    let report = store.absorb_copies().expect("looked");
    assert_eq!(report.left.len(), 1);
    let sentences = report.sentences().join("\n");
    assert!(sentences.contains("give that computer's passphrase"), "{sentences}");
    assert!(!sentences.contains("delete"), "{sentences}");
    assert!(b.path().exists() && a.folder.path().join(SYNCTHING_COPY).exists(), "nothing thrown away");
}

#[test]
fn a_restore_and_an_undone_deletion_survive_the_other_computers_older_tombstone() {
    let a = Computer::new("aaaa", NOON);
    let b = Computer::new("bbbb", NOON + 60);
    let store_a = a.store();
    let kept = a.add(&store_a, "Kept");
    let brought_back = a.add(&store_a, "Brought back");
    let undone = a.add(&store_a, "Undone");
    // Deleted on A, and the deletion synced to B.
    store_a
        .update(|journal| {
            journal.remove(&brought_back);
            journal.remove(&undone);
            Ok::<(), StorageError>(())
        })
        .expect("deleted");
    copy_file(&a.path(), &b.path());
    // A restores the backup holding one, and undoes the other's deletion
    // (the window puts the same decision back); B meanwhile adds one.
    let backup = store_a
        .backups()
        .expect("listed")
        .into_iter()
        .find(|backup| backup.decisions == 3)
        .expect("the backup before the deletion");
    let before = store_a.read_backup(&backup).expect("read");
    store_a.restore(&backup).expect("restored");
    let undone_decision = before.journal.get(&undone).expect("in the backup").clone();
    let loaded = store_a.read().expect("read");
    let mut journal = loaded.contents.journal.clone();
    journal.remove(&undone);
    let base = loaded.snapshot();
    store_a.save_merged(&journal, &base).expect("deleted again");
    let base = store_a.read().expect("read").snapshot();
    journal.push(undone_decision);
    store_a.save_merged(&journal, &base).expect("undone");
    let store_b = b.store();
    b.add(&store_b, "From B");

    // B's journal comes back to A as a conflict copy.
    fs::write(a.folder.path().join(SYNCTHING_COPY), fs::read(b.path()).expect("b")).expect("copy");
    store_a.absorb_copies().expect("merged");
    assert_eq!(Computer::titles(&store_a), ["Brought back", "From B", "Kept", "Undone"]);
    assert!(store_a.read().expect("read").contents.journal.get(&kept).is_some());
}

#[test]
fn a_computer_whose_clock_runs_two_hours_slow_keeps_the_edit_it_made_alone() {
    let b = Computer::new("bbbb", NOON);
    let a = Computer::new("aaaa", NOON - 2 * 3600 + 300);
    let store_b = b.store();
    let id = b.add(&store_b, "Froze the scope");
    copy_file(&b.path(), &a.path());
    // A (slow clock) reviews the decision B wrote; B adds another meanwhile.
    let store_a = a.store();
    store_a
        .update(|journal| {
            let mut decision = journal.get(&id).expect("there").clone();
            decision.title = "Froze the scope (reviewed)".into();
            decision.updated = at(a.clock_s);
            journal.replace(decision);
            Ok::<(), StorageError>(())
        })
        .expect("reviewed");
    b.add(&store_b, "Hired Ana");

    fs::write(a.folder.path().join(SYNCTHING_COPY), fs::read(b.path()).expect("b")).expect("copy");
    let report = store_a.absorb_copies().expect("merged");
    assert!(report.conflicts().is_empty(), "one side edited: no conflict, {report:?}");
    assert_eq!(Computer::titles(&store_a), ["Froze the scope (reviewed)", "Hired Ana"]);
    // And the other way round: B takes in A's journal as a copy.
    fs::write(b.folder.path().join(SYNCTHING_COPY), fs::read(a.path()).expect("a")).expect("copy");
    let report = store_b.absorb_copies().expect("merged");
    assert!(report.conflicts().is_empty(), "{report:?}");
    assert_eq!(Computer::titles(&store_b), ["Froze the scope (reviewed)", "Hired Ana"]);
    assert_eq!(fs::read(a.path()).expect("a"), fs::read(b.path()).expect("b"), "the same bytes on both");
}

#[test]
fn edits_made_apart_are_a_conflict_ordered_by_the_hybrid_clock_not_the_slow_wall_clock() {
    let b = Computer::new("bbbb", NOON);
    let a = Computer::new("aaaa", NOON - 2 * 3600);
    let store_b = b.store();
    let id = b.add(&store_b, "Original");
    copy_file(&b.path(), &a.path());
    let edit = |computer: &Computer, store: &Store, title: &str| {
        store
            .update(|journal| {
                let mut decision = journal.get(&id).expect("there").clone();
                decision.title = title.into();
                decision.updated = at(computer.clock_s);
                journal.replace(decision);
                Ok::<(), StorageError>(())
            })
            .expect("edited");
    };
    edit(&b, &store_b, "B's edit");
    // A read B's journal (with B's times) before editing: its edit comes
    // after every time it saw, whatever its wall clock says.
    let store_a = a.store();
    edit(&a, &store_a, "A's edit");
    let a_version = store_a.read().expect("read").contents.journal.get(&id).expect("there").version.clone();
    assert!(a_version.at >= at(NOON), "the hybrid clock never runs behind a time seen: {a_version:?}");

    let (journal_a, journal_b) = (fs::read(a.path()).expect("a"), fs::read(b.path()).expect("b"));
    fs::write(a.folder.path().join(SYNCTHING_COPY), &journal_b).expect("copy");
    fs::write(b.folder.path().join(SYNCTHING_COPY), &journal_a).expect("copy");
    for store in [&store_a, &store_b] {
        let report = store.absorb_copies().expect("merged");
        assert_eq!(report.conflicts().len(), 1, "both edited: the user chooses");
        let titles = Computer::titles(store);
        assert!(titles == ["A's edit"] || titles == ["B's edit"], "{titles:?}");
    }
    assert_eq!(fs::read(a.path()).expect("a"), fs::read(b.path()).expect("b"), "both pick the same edit");
}

#[test]
fn an_interrupted_decrypt_is_finished_and_said_never_silently_undone() {
    let secret = passphrase("open sesame");
    let a = Computer::new("aaaa", NOON);
    a.add(&a.store(), "Secret");
    a.store().encrypt(&secret).expect("encrypted");
    let key_file = crypto::key_path(&a.path());
    let sealed_key = fs::read(&key_file).expect("key");
    // Stopped after the plain journal was written, before the key file was
    // removed: the state a kill at that moment leaves.
    a.unlocked(&secret).decrypt().expect("decrypted");
    fs::write(&key_file, &sealed_key).expect("key file still there");
    fs::write(keys::decrypt_marker(&a.path()), "keel decrypt under way\n").expect("marker still there");

    let mut store = a.store();
    assert!(store.needs_key());
    store.unlock(&secret).expect("unlocked");
    let error = a.store().with_key(store.key().cloned()).update(|_| Ok::<(), StorageError>(())).expect_err("refused");
    assert!(error.to_string().contains("decrypt of this journal was interrupted"), "{error}");
    store.resume_interrupted().expect("finished");
    let notices = store.take_notices();
    assert!(notices.iter().any(|notice| notice.contains("Keel finished it")), "{notices:?}");
    assert!(!key_file.exists());
    a.add(&store, "After");
    assert!(!peek_is_encrypted(&a.path()), "still plain: the decrypt was not undone");
    assert_eq!(Computer::titles(&a.store()), ["After", "Secret"]);
}

#[test]
fn goals_and_reflections_written_apart_on_two_computers_end_up_on_both() {
    use crate::model::{Answer, Goal, GoalKind, Reflection};
    let a = Computer::new("aaaa", NOON);
    let b = Computer::new("bbbb", NOON - 2 * 3600);
    let store_a = a.store();
    a.add(&store_a, "Before they parted");
    copy_file(&a.path(), &b.path());
    let store_b = b.store();
    let write = |store: &Store, title: &str, week: jiff::civil::Date, answer: &str| {
        store
            .update(|journal| {
                let mut goal =
                    Goal::new(title, GoalKind::Share, date(2026, 11, 2), date(2026, 12, 27), at(NOON - 7200));
                goal.min_percent = Some(50);
                journal.add_goal(goal);
                let answers = vec![Answer { question: "How did it go?".into(), answer: answer.into() }];
                journal.save_reflection(Reflection::new(week, answers, at(NOON - 7200)));
                Ok::<(), StorageError>(())
            })
            .expect("saved");
    };
    write(&store_a, "Goal set on A", date(2026, 11, 23), "A's answer");
    write(&store_b, "Goal set on B", date(2026, 11, 30), "B's answer");

    // Each computer takes in the other's journal as a sync service's copy.
    let (bytes_a, bytes_b) = (fs::read(a.path()).expect("a"), fs::read(b.path()).expect("b"));
    fs::write(a.folder.path().join(SYNCTHING_COPY), &bytes_b).expect("copy");
    store_a.absorb_copies().expect("merged on A");
    fs::write(b.folder.path().join(SYNCTHING_COPY), &bytes_a).expect("copy");
    store_b.absorb_copies().expect("merged on B");
    for store in [&store_a, &store_b] {
        let journal = store.read().expect("readable").contents.journal;
        let mut goals: Vec<&str> = journal.goals().iter().map(|g| g.title.as_str()).collect();
        goals.sort_unstable();
        assert_eq!(goals, ["Goal set on A", "Goal set on B"]);
        let mut answers: Vec<&str> = journal.reflections().iter().map(|r| r.answers[0].answer.as_str()).collect();
        answers.sort_unstable();
        assert_eq!(answers, ["A's answer", "B's answer"]);
    }
    assert_eq!(fs::read(a.path()).expect("a"), fs::read(b.path()).expect("b"), "the same bytes on both");

    // A removal on one reaches the other, and stays.
    let removed = store_a
        .update(|journal| {
            let id = journal.goals().iter().find(|g| g.title == "Goal set on B").expect("there").id.clone();
            journal.remove_goal(&id, at(NOON));
            Ok::<String, StorageError>(id)
        })
        .expect("removed");
    fs::write(b.folder.path().join(SYNCTHING_COPY), fs::read(a.path()).expect("a")).expect("copy");
    store_b.absorb_copies().expect("merged on B");
    let journal = store_b.read().expect("readable").contents.journal;
    assert!(journal.goal(&removed).is_none());
    assert_eq!(journal.goals().len(), 1);
}
