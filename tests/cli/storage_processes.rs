//! Many processes on one journal: concurrent `keel add`s lose nothing, and a
//! save killed at any moment (SIGKILL) leaves the old or the new file, never
//! something in between.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::civil::date;
use keel::model::{DecisionDraft, Journal, Situation, Style};
use keel::storage;

fn keel_add(journal: &Path, title: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_keel"));
    command
        .arg("--journal")
        .arg(journal)
        // The parse cache beside the journal, not in the user's folder.
        .env("KEEL_CACHE_DIR", journal.parent().expect("in a folder").join("cache"))
        .args(["add", "--title", title, "--style", "blend"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[test]
fn four_processes_adding_ten_decisions_each_lose_none() {
    const PROCESSES: usize = 4;
    const ADDS: usize = 10;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    std::thread::scope(|scope| {
        for process in 0..PROCESSES {
            let path = &path;
            scope.spawn(move || {
                for add in 0..ADDS {
                    let output = keel_add(path, &format!("writer {process} decision {add}")).output().expect("runs");
                    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
                }
            });
        }
    });
    let journal = storage::load(&path).expect("loads");
    let titles: HashSet<&str> = journal.decisions().iter().map(|d| d.title.as_str()).collect();
    assert_eq!(journal.len(), PROCESSES * ADDS, "every add is in the file");
    assert_eq!(titles.len(), PROCESSES * ADDS, "each exactly once");
    eprintln!("{PROCESSES} processes x {ADDS} adds: {} decisions", journal.len());
}

/// A journal big enough that loading and saving it takes some milliseconds.
fn big_journal(decisions: usize) -> Journal {
    let note = "A longer note about what happened, who was there and why it went this way. ".repeat(8);
    let mut journal = Journal::default();
    for index in 0..decisions {
        let draft = DecisionDraft {
            title: format!("Decision {index}"),
            date: Some(date(2026, 1, 1)),
            note: note.clone(),
            style: Some(Style::Management),
            situations: vec![Situation::Crisis],
            tags: vec!["load".into()],
            people: vec!["Ana".into(), "Bo".into()],
            ..DecisionDraft::default()
        };
        journal.push(draft.into_new_decision(date(2026, 1, 1), Timestamp::UNIX_EPOCH).expect("valid"));
    }
    journal
}

/// A small deterministic generator (xorshift), so the test needs no crate.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

#[test]
fn a_save_killed_at_any_moment_leaves_a_loadable_journal() {
    const ATTEMPTS: usize = 40;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    storage::save(&path, &big_journal(3000)).expect("seeded");
    let size = std::fs::metadata(&path).expect("exists").len();

    // How long one whole `keel add` takes, to kill within that window.
    let started = Instant::now();
    assert!(keel_add(&path, "timing").status().expect("runs").success());
    let full = started.elapsed();
    let window_us = u64::try_from(full.as_micros()).unwrap_or(u64::MAX).max(1000);

    let mut random = Random(0x9e37_79b9_7f4a_7c15 ^ u64::from(std::process::id()));
    let mut expected = storage::load(&path).expect("loads").len();
    let (mut killed, mut finished) = (0, 0);
    for attempt in 0..ATTEMPTS {
        let mut child = keel_add(&path, &format!("attempt {attempt}")).spawn().expect("starts");
        std::thread::sleep(Duration::from_micros(random.below(window_us)));
        if child.try_wait().expect("status").is_some() {
            finished += 1;
        } else {
            child.kill().expect("killed");
            killed += 1;
        }
        let status = child.wait().expect("reaped");
        let journal = storage::load(&path).unwrap_or_else(|error| panic!("after attempt {attempt}: {error}"));
        // The add either happened or it did not; nothing else changed.
        assert!(
            journal.len() == expected || journal.len() == expected + 1,
            "attempt {attempt} ({status}): {} decisions, expected {expected} or one more",
            journal.len()
        );
        expected = journal.len();
    }
    eprintln!(
        "{ATTEMPTS} saves of a {size}-byte journal (one add takes {full:?}): {killed} killed mid-run, {finished} finished; the journal loaded every time"
    );
    assert!(killed >= ATTEMPTS / 4, "only {killed} of {ATTEMPTS} were killed before finishing");
    // A later save clears the temporary files killed saves left behind.
    assert!(keel_add(&path, "after the kills").status().expect("runs").success());
    let leftovers: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| Path::new(name).extension().is_some_and(|ext| ext.eq_ignore_ascii_case("tmp")))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// What every backup of `journal` holds, oldest first: its decisions' titles.
#[cfg(unix)]
fn backup_contents(journal: &Path) -> Vec<Vec<String>> {
    let mut backups: Vec<Vec<String>> =
        storage::backup::list(journal).expect("listed").iter().map(|backup| titles(&backup.path)).collect();
    backups.reverse();
    backups
}

#[cfg(unix)]
fn titles(path: &Path) -> Vec<String> {
    storage::load(path).expect("loads").decisions().iter().map(|decision| decision.title.clone()).collect()
}

/// A full disk, as the save sees it: `keel add` under a file-size limit
/// (SIGXFSZ ignored, so writing past it fails with "File too large").
#[cfg(unix)]
fn keel_add_on_a_full_disk(journal: &Path, title: &str) -> Command {
    let plain = keel_add(journal, title);
    let mut command = Command::new("/bin/sh");
    command
        .args(["-c", "trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\""])
        .arg(plain.get_program())
        .args(plain.get_args())
        .envs(plain.get_envs().filter_map(|(name, value)| value.map(|value| (name, value))))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[cfg(unix)]
#[test]
fn failed_saves_on_a_full_disk_add_no_backups_and_cost_no_history() {
    let folder = tempfile::tempdir().expect("temp dir");
    let journal = folder.path().join("journal.ron");
    let note = "A long note. ".repeat(400);
    for version in 1..=5 {
        let output = keel_add(&journal, &format!("Version {version}")).args(["--note", &note]).output().expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let history = backup_contents(&journal);
    assert_eq!(history.len(), 4, "versions 1 to 4 are backups");
    let live = std::fs::read(&journal).expect("read");
    let live_titles = titles(&journal);

    for attempt in 0..12 {
        let output = keel_add_on_a_full_disk(&journal, &format!("Lost {attempt}")).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("journal.ron") && stderr.contains("too large"), "{stderr}");
    }
    assert!(std::fs::read(&journal).expect("read") == live, "the journal is as it was");
    assert_eq!(backup_contents(&journal), history, "a failed save adds no backup");

    // The disk frees: one save, and every earlier version is still there.
    let output = keel_add(&journal, "Version 6").output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let after = backup_contents(&journal);
    assert_eq!(after.len(), 5, "versions 1 to 5");
    assert_eq!(after[..4], history[..]);
    assert_eq!(after[4], live_titles);
    let distinct: HashSet<&Vec<String>> = after.iter().collect();
    assert_eq!(distinct.len(), after.len(), "no two backups hold the same version");
}

/// Sends `signal` (`STOP`, `CONT`, `KILL`) to process `pid`.
#[cfg(unix)]
fn signal(pid: u32, signal: &str) {
    let sent = Command::new("kill").arg(format!("-{signal}")).arg(pid.to_string()).status().expect("kill runs");
    assert!(sent.success(), "kill -{signal} {pid}");
}

/// A `keel add` stopped with SIGSTOP: continued and reaped however the
/// test ends, so no stopped process outlives it.
#[cfg(unix)]
struct Stopped(std::process::Child);

#[cfg(unix)]
impl Drop for Stopped {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            // Not `signal`: a failure here must not panic while unwinding.
            Command::new("kill").arg("-CONT").arg(self.0.id().to_string()).status().ok();
            self.0.kill().ok();
        }
        self.0.wait().ok();
    }
}

/// Whether another process holds the journal's lock now (taking it for an
/// instant when it is free).
#[cfg(unix)]
fn lock_is_held(journal: &Path) -> bool {
    let Ok(file) = std::fs::OpenOptions::new().read(true).open(storage::lock::lock_path(journal)) else { return false };
    match file.try_lock() {
        Ok(()) => {
            file.unlock().expect("unlocked");
            false
        }
        Err(std::fs::TryLockError::WouldBlock) => true,
        Err(std::fs::TryLockError::Error(error)) => panic!("{error}"),
    }
}

/// Starts `keel add`s until one is stopped (SIGSTOP) while it holds the
/// journal's lock, in the middle of its save.
#[cfg(unix)]
fn writer_stopped_mid_save(journal: &Path) -> Stopped {
    for attempt in 0..50 {
        let child = keel_add(journal, &format!("stopped writer {attempt}")).spawn().expect("starts");
        let pid = child.id();
        let mut child = Stopped(child);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            if child.0.try_wait().expect("status").is_some() {
                break;
            }
            if lock_is_held(journal) {
                signal(pid, "STOP");
                // Still held once stopped, and noted: stopped mid-save.
                let noted = storage::lock::LockHolder::of(journal).is_some_and(|holder| holder.pid == pid);
                if lock_is_held(journal) && noted {
                    return child;
                }
                signal(pid, "CONT");
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        drop(child);
    }
    panic!("no keel add was caught holding the lock in 50 attempts");
}

#[cfg(unix)]
#[test]
fn a_writer_stopped_mid_save_makes_the_next_wait_a_bounded_time_saying_for_whom() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    storage::save(&path, &big_journal(3000)).expect("seeded");
    let before = storage::load(&path).expect("loads").len();
    let stopped = writer_stopped_mid_save(&path);
    let pid = stopped.0.id();

    let started = Instant::now();
    let output = keel_add(&path, "while the other is stopped").output().expect("runs");
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let limit = Duration::from_millis(storage::lock::LOCK_WAIT_MS);
    assert!(waited >= limit && waited < limit + Duration::from_secs(20), "waited {waited:?}");
    assert!(
        stderr.contains(&format!("keel: waiting for another Keel to finish saving journal.ron (process {pid}, since ")),
        "{stderr}"
    );
    assert_eq!(stderr.matches("waiting for another Keel").count(), 1, "said once: {stderr}");
    assert!(stderr.contains(&format!("another Keel (process {pid}, since ")), "{stderr}");
    assert!(stderr.contains("still holds the lock") && stderr.contains("Nothing was written"), "{stderr}");

    // Continued, the stopped writer finishes its save, and the next add
    // goes through: nothing is lost either way.
    let mut stopped = stopped;
    signal(pid, "CONT");
    assert!(stopped.0.wait().expect("reaped").success());
    let output = keel_add(&path, "after the other finished").output().expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let journal = storage::load(&path).expect("loads");
    assert_eq!(journal.len(), before + 2, "the stopped writer's and the last one's");
    assert!(!journal.decisions().iter().any(|decision| decision.title == "while the other is stopped"));
}

#[cfg(unix)]
#[test]
fn a_lock_file_that_is_a_pipe_or_a_link_is_refused_at_once_and_not_followed() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let lock = storage::lock::lock_path(&path);
    assert!(Command::new("mkfifo").arg(&lock).status().expect("mkfifo").success());
    let started = Instant::now();
    let output = keel_add(&path, "Into the pipe").output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(5), "no hang: {:?}", started.elapsed());
    assert!(stderr.contains("journal.ron.lock is a named pipe (FIFO), not the ordinary file Keel locks"), "{stderr}");
    assert!(!path.exists(), "nothing was written");

    std::fs::remove_file(&lock).expect("removed");
    let elsewhere = folder.path().join("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, &lock).expect("linked");
    let output = keel_add(&path, "Through the link").output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("journal.ron.lock is a symbolic link, not the ordinary file Keel locks"), "{stderr}");
    assert!(!elsewhere.exists(), "the link was not followed");
    assert!(!path.exists(), "nothing was written");
}
