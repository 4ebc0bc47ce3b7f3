//! The files sync services leave beside a journal: conflict copies to absorb,
//! temporary files never to read, and placeholders of files not downloaded.
//!
//! When two computers change a synced journal while apart, the service keeps
//! one version under the journal's name and renames the other. Every service
//! names that copy its own way; this module is the one place that knows the
//! names (journal `journal.ron`):
//!
//! | service | conflict copy |
//! | --- | --- |
//! | Syncthing | `journal.sync-conflict-20261201-085003-DECYF6G.ron` |
//! | Dropbox | `journal (Ana's conflicted copy 2026-11-30).ron` |
//! | Nextcloud, ownCloud | `journal (conflicted copy 2026-11-30 093612).ron`, `journal_conflict-20261130-093612.ron` |
//! | `OneDrive` | `journal-LAPTOP.ron` (the computer's name) |
//! | iCloud Drive | `journal 2.ron` |
//! | Google Drive | `journal (1).ron` |
//!
//! The last three shapes are also names a person could give a file of their
//! own, so a copy with such a name is only taken in a folder a service
//! syncs ([`synced_by`]; see [`CopyName::ambiguous`]). There it is merged
//! whatever it shares with the journal: when both computers wrote before
//! their first sync, the copy shares no decision with the journal at all.
//!
//! Copies merged are kept in [`kept_folder`], rotated as backups are
//! ([`rotate_kept`]).
//!
//! Layer 5, sync copies: above [`super::backup`], whose rotation the kept
//! copies follow; where things live comes from [`super::places`].

use std::fs;
use std::path::{Path, PathBuf};

pub use super::places::{Service, kept_folder, local_backup_folder, synced_by};

/// What a file name says about a file beside the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyName {
    /// Which service names copies this way.
    pub service: Service,
    /// Whether a person could plausibly have named a file of their own so
    /// (`journal 2.ron`, `journal (1).ron`, `journal-LAPTOP.ron`): such a
    /// copy is only merged in a folder a sync service syncs.
    pub ambiguous: bool,
}

/// Splits a file name into stem and extension the way services do: at the
/// last dot (`journal.ron` → `journal`, `ron`; `journal.ron.key` →
/// `journal.ron`, `key`).
fn split_name(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(at) if at > 0 => (&name[..at], &name[at + 1..]),
        _ => (name, ""),
    }
}

fn all_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// `2026-11-30`.
fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && all_digits(&text[..4], 4)
        && all_digits(&text[5..7], 2)
        && all_digits(&text[8..], 2)
}

/// `20261201-085003`.
fn is_compact_stamp(text: &str) -> bool {
    text.len() == 15 && text.as_bytes()[8] == b'-' && all_digits(&text[..8], 8) && all_digits(&text[9..], 6)
}

/// The inside of Dropbox's brackets: `Ana's conflicted copy 2026-11-30`,
/// possibly `… 2026-11-30 (1)` for a second copy of the same day.
fn is_dropbox_note(inner: &str) -> bool {
    let Some((who, rest)) = inner.split_once("conflicted copy ") else { return false };
    let named = who.is_empty() || who.ends_with("'s ") || who.ends_with("\u{2019}s ");
    let date = rest.split_once(' ').map_or(rest, |(date, counter)| {
        if counter.starts_with('(') && counter.ends_with(')') && counter[1..counter.len() - 1].parse::<u32>().is_ok() {
            date
        } else {
            ""
        }
    });
    named && is_iso_date(date)
}

/// The inside of Nextcloud's brackets: `conflicted copy 2026-11-30 093612`.
fn is_nextcloud_note(inner: &str) -> bool {
    inner
        .strip_prefix("conflicted copy ")
        .and_then(|rest| rest.split_once(' '))
        .is_some_and(|(date, time)| is_iso_date(date) && all_digits(time, 6))
}

/// A Windows computer name as `OneDrive` appends it (`LAPTOP`,
/// `DESKTOP-1A2B3C`, maybe with `-2` for a second copy): letters, digits and
/// hyphens, at least one capital letter, no small ones. Names such as
/// `journal-old` or `journal-2026`, which a person might choose, do not fit.
fn is_computer_name(text: &str) -> bool {
    (1..=63).contains(&text.len())
        && !text.starts_with('-')
        && text.bytes().all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit() || byte == b'-')
        && text.bytes().any(|byte| byte.is_ascii_uppercase())
}

/// Whether `candidate` is a sync service's conflict copy of the file named
/// `original` (both bare file names), and whose.
#[must_use]
pub fn conflict_copy_of(original: &str, candidate: &str) -> Option<CopyName> {
    if candidate == original || is_sync_temp(candidate) {
        return None;
    }
    let (stem, ext) = split_name(original);
    let middle = if ext.is_empty() { candidate } else { candidate.strip_suffix(ext)?.strip_suffix('.')? };
    let rest = middle.strip_prefix(stem)?;
    let sure = |service| Some(CopyName { service, ambiguous: false });
    let unsure = |service| Some(CopyName { service, ambiguous: true });
    if let Some(tail) = rest.strip_prefix(".sync-conflict-") {
        // `20261201-085003-DECYF6G`: date, time, the first 7 of a device id.
        let (stamp, device) = tail.split_at_checked(15)?;
        let device = device.strip_prefix('-')?;
        let device_ok = device.len() == 7 && device.bytes().all(|byte| byte.is_ascii_alphanumeric());
        return if is_compact_stamp(stamp) && device_ok { sure(Service::Syncthing) } else { None };
    }
    if let Some(tail) = rest.strip_prefix("_conflict-") {
        return if is_compact_stamp(tail) { sure(Service::Nextcloud) } else { None };
    }
    if let Some(inner) = rest.strip_prefix(" (").and_then(|inner| inner.strip_suffix(')')) {
        if is_nextcloud_note(inner) {
            return sure(Service::Nextcloud);
        }
        if is_dropbox_note(inner) {
            return sure(Service::Dropbox);
        }
        if !inner.is_empty() && inner.len() <= 4 && inner.bytes().all(|byte| byte.is_ascii_digit()) {
            return unsure(Service::GoogleDrive);
        }
        return None;
    }
    if let Some(counter) = rest.strip_prefix(' ') {
        let number_ok = !counter.is_empty() && counter.len() <= 4 && counter.bytes().all(|byte| byte.is_ascii_digit());
        return if number_ok && counter != "0" && counter != "1" { unsure(Service::ICloud) } else { None };
    }
    if let Some(computer) = rest.strip_prefix('-') {
        return if is_computer_name(computer) { unsure(Service::OneDrive) } else { None };
    }
    None
}

/// Whether a file name is a sync service's temporary or partial file, which
/// is never read as a journal or a copy: Syncthing's `.syncthing.*.tmp` and
/// `~syncthing~*.tmp`, Nextcloud's `.*.~*` downloads, Dropbox's
/// `.dropbox.cache` folder, and iCloud's `.*.icloud` placeholders.
#[must_use]
#[expect(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "Syncthing writes `.tmp` in lower case everywhere"
)]
pub fn is_sync_temp(name: &str) -> bool {
    ((name.starts_with(".syncthing.") || name.starts_with("~syncthing~")) && name.ends_with(".tmp"))
        || (name.starts_with('.') && name[1..].contains(".~"))
        || name == ".dropbox.cache"
        || name == ".dropbox"
        || icloud_placeholder_of(name).is_some()
}

/// The file an iCloud placeholder stands for: `.journal.ron.icloud` →
/// `journal.ron` (the file exists in the cloud, not yet on this computer).
#[must_use]
pub fn icloud_placeholder_of(name: &str) -> Option<&str> {
    name.strip_prefix('.')?.strip_suffix(".icloud").filter(|inner| !inner.is_empty())
}

/// A conflict copy found beside a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCopy {
    /// The copy.
    pub path: PathBuf,
    /// What its name says.
    pub name: CopyName,
}

/// What lies beside a journal that a sync service put there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Conflict copies of the journal, oldest name first.
    pub copies: Vec<FoundCopy>,
    /// Conflict copies of the journal's key file (the passphrase changed on
    /// two computers at once).
    pub key_copies: Vec<FoundCopy>,
    /// Placeholders of the journal or its copies that the service has not
    /// downloaded yet (iCloud's `.name.icloud`), with the file each stands for.
    pub not_downloaded: Vec<PathBuf>,
}

impl Found {
    /// Whether nothing was found.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.copies.is_empty() && self.key_copies.is_empty() && self.not_downloaded.is_empty()
    }
}

/// Looks in the journal's folder (not below it) for what sync services
/// left there. A folder that cannot be listed finds nothing: the journal's
/// own reading reports that.
#[must_use]
pub fn scan(journal: &Path) -> Found {
    let Some(journal_name) = journal.file_name().and_then(|name| name.to_str()) else { return Found::default() };
    let key_name = format!("{journal_name}.key");
    let folder = super::files::folder_of(journal);
    let Ok(entries) = fs::read_dir(&folder) else { return Found::default() };
    let mut found = Found::default();
    for entry in entries.filter_map(Result::ok) {
        let Ok(name) = entry.file_name().into_string() else { continue };
        if let Some(inner) = icloud_placeholder_of(&name) {
            if inner == journal_name || conflict_copy_of(journal_name, inner).is_some() {
                found.not_downloaded.push(folder.join(inner));
            }
            continue;
        }
        if is_sync_temp(&name) || !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        if let Some(copy) = conflict_copy_of(journal_name, &name) {
            found.copies.push(FoundCopy { path: entry.path(), name: copy });
        } else if let Some(copy) = conflict_copy_of(&key_name, &name) {
            found.key_copies.push(FoundCopy { path: entry.path(), name: copy });
        }
    }
    // Listing order is the file system's; merging in a fixed order keeps
    // two computers' results the same.
    found.copies.sort_by(|a, b| a.path.cmp(&b.path));
    found.key_copies.sort_by(|a, b| a.path.cmp(&b.path));
    found.not_downloaded.sort();
    found
}

/// Moves an absorbed copy into [`kept_folder`], under its own name (with a
/// counter when that name is taken), dated now: rotation keeps the copies
/// kept last. Returns where it now is.
///
/// # Errors
/// When the folder cannot be made or the copy cannot be moved; the copy is
/// then left where it was.
pub fn keep_copy(journal: &Path, copy: &Path) -> std::io::Result<PathBuf> {
    let target = free_place(journal, copy)?;
    if fs::rename(copy, &target).is_err() {
        // Another file system (backups kept outside the synced folder):
        // copy, flush, then remove the original.
        fs::copy(copy, &target)?;
        fs::File::open(&target)?.sync_all()?;
        remove_or_undo(copy, &target)?;
    }
    date_now(&target);
    Ok(target)
}

/// Dates a kept copy now, the time rotation orders kept copies by. Best
/// effort: a copy that cannot be dated keeps the time it had.
fn date_now(kept: &Path) {
    if let Ok(file) = fs::OpenOptions::new().write(true).open(kept) {
        file.set_modified(std::time::SystemTime::now()).ok();
    }
}

/// Removes the copies in [`kept_folder`] that rotation no longer keeps, by
/// the rule of the backups ([`super::backup::to_remove_distinct`]): the
/// [`super::backup::KEEP_LAST`] kept last and the last kept on each of the
/// last [`super::backup::KEEP_DAYS`] days, a copy the same as the next newer
/// one not counted. Each copy is dated by when it was kept (its
/// modification time). Returns how many were removed.
///
/// # Errors
/// When one cannot be removed (those before it are).
pub fn rotate_kept(journal: &Path, now: jiff::Timestamp) -> std::io::Result<usize> {
    let Ok(entries) = fs::read_dir(kept_folder(journal)) else { return Ok(0) };
    let kept: Vec<super::backup::Backup> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let metadata = entry.metadata().ok().filter(fs::Metadata::is_file)?;
            let taken = jiff::Timestamp::try_from(metadata.modified().ok()?).ok()?;
            Some(super::backup::Backup { path: entry.path(), taken, decisions: 0, migrated_from: None })
        })
        .collect();
    let zone = jiff::tz::TimeZone::system();
    let mut removed = 0;
    for copy in super::backup::to_remove_distinct(&kept, now, &zone, &super::backup::same_bytes) {
        match fs::remove_file(&copy.path) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }
    Ok(removed)
}

/// Where a copy goes in [`kept_folder`]: its own name, with a counter when
/// that is taken.
fn free_place(journal: &Path, copy: &Path) -> std::io::Result<PathBuf> {
    let folder = kept_folder(journal);
    fs::create_dir_all(&folder)?;
    let name = copy.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let mut target = folder.join(&name);
    let mut counter = 2;
    while target.exists() {
        target = folder.join(format!("{name}.{counter}"));
        counter += 1;
    }
    Ok(target)
}

/// As [`keep_copy`], keeping `bytes` (the copy encrypted) instead of the
/// copy's own: written and flushed before the copy is removed.
///
/// # Errors
/// As [`keep_copy`].
pub fn keep_copy_as(journal: &Path, copy: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let target = free_place(journal, copy)?;
    let mut file = fs::File::create_new(&target)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.sync_all()?;
    remove_or_undo(copy, &target)?;
    date_now(&target);
    Ok(target)
}

/// Removes the copy now kept at `kept`; if it cannot be removed (a sync
/// client holds it open), removes `kept` instead, so a retry later does not
/// leave one more kept file each time.
fn remove_or_undo(copy: &Path, kept: &Path) -> std::io::Result<()> {
    fs::remove_file(copy).inspect_err(|_| {
        // Best effort: the copy itself is still there, so nothing is lost.
        fs::remove_file(kept).ok();
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(candidate: &str) -> Option<(Service, bool)> {
        conflict_copy_of("journal.ron", candidate).map(|name| (name.service, name.ambiguous))
    }

    #[test]
    fn each_services_conflict_copies_are_recognised() {
        assert_eq!(service("journal.sync-conflict-20261201-085003-DECYF6G.ron"), Some((Service::Syncthing, false)));
        assert_eq!(service("journal (Ana's conflicted copy 2026-11-30).ron"), Some((Service::Dropbox, false)));
        assert_eq!(
            service("journal (Ana Lee\u{2019}s MacBook\u{2019}s conflicted copy 2026-11-30).ron"),
            Some((Service::Dropbox, false))
        );
        assert_eq!(service("journal (Ana's conflicted copy 2026-11-30 (1)).ron"), Some((Service::Dropbox, false)));
        assert_eq!(service("journal (conflicted copy 2026-11-30 093612).ron"), Some((Service::Nextcloud, false)));
        assert_eq!(service("journal_conflict-20261130-093612.ron"), Some((Service::Nextcloud, false)));
        assert_eq!(service("journal-LAPTOP.ron"), Some((Service::OneDrive, true)));
        assert_eq!(service("journal-DESKTOP-1A2B3C.ron"), Some((Service::OneDrive, true)));
        assert_eq!(service("journal 2.ron"), Some((Service::ICloud, true)));
        assert_eq!(service("journal (1).ron"), Some((Service::GoogleDrive, true)));
    }

    #[test]
    fn other_files_beside_the_journal_are_not_copies() {
        for name in [
            "journal.ron",
            "journal.ron.key",
            "journal.ron.lock",
            "journal-old.ron",
            "journal-2026.ron",
            "journal 1.ron",
            "journal (draft).ron",
            "journal.sync-conflict-2026-DECYF6G.ron",
            "journal.sync-conflict-20261201-085003-DECYF6G.ron.tmp",
            "other.sync-conflict-20261201-085003-DECYF6G.ron",
            "journal (Ana's conflicted copy 2026-11-30).csv",
            "journal (Ana's copy 2026-11-30).ron",
            "journals.ron",
            ".journal.ron.keel-save-abc.tmp",
        ] {
            assert_eq!(service(name), None, "{name}");
        }
    }

    #[test]
    fn key_file_copies_are_named_after_the_key_file() {
        let copy = conflict_copy_of("journal.ron.key", "journal.ron.sync-conflict-20261201-085003-DECYF6G.key");
        assert_eq!(copy.map(|name| name.service), Some(Service::Syncthing));
        let dropbox = conflict_copy_of("journal.ron.key", "journal.ron (Ana's conflicted copy 2026-11-30).key");
        assert_eq!(dropbox.map(|name| name.service), Some(Service::Dropbox));
    }

    #[test]
    fn sync_temporary_files_are_never_copies() {
        for name in [
            ".syncthing.journal.ron.tmp",
            ".syncthing.journal.sync-conflict-20261201-085003-DECYF6G.ron.tmp",
            "~syncthing~journal.ron.tmp",
            ".journal.ron.~1a2b",
            ".journal (conflicted copy 2026-11-30 093612).ron.~7f",
            ".dropbox.cache",
            ".journal.ron.icloud",
            ".journal 2.ron.icloud",
        ] {
            assert!(is_sync_temp(name), "{name}");
            assert_eq!(service(name), None, "{name}");
        }
        assert!(!is_sync_temp("journal.ron"));
        assert_eq!(icloud_placeholder_of(".journal.ron.icloud"), Some("journal.ron"));
    }

    #[test]
    fn scanning_finds_copies_key_copies_and_placeholders_but_not_temp_files_or_folders() {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.ron");
        for name in [
            "journal.ron",
            "journal.ron.key",
            "journal.sync-conflict-20261201-085003-DECYF6G.ron",
            "journal 2.ron",
            "journal.ron.sync-conflict-20261201-085003-DECYF6G.key",
            ".syncthing.journal.sync-conflict-20261201-090000-AAAAAAA.ron.tmp",
            ".journal (1).ron.icloud",
            "notes.txt",
        ] {
            fs::write(dir.path().join(name), "x").expect("write");
        }
        fs::create_dir_all(dir.path().join(".dropbox.cache")).expect("cache folder");
        fs::write(dir.path().join(".dropbox.cache").join("journal (1).ron"), "x").expect("write");
        fs::create_dir_all(dir.path().join("journal (2).ron")).expect("a folder named like a copy");

        let found = scan(&journal);
        let names: Vec<_> = found
            .copies
            .iter()
            .map(|copy| copy.path.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["journal 2.ron", "journal.sync-conflict-20261201-085003-DECYF6G.ron"]);
        assert_eq!(found.key_copies.len(), 1);
        assert_eq!(found.not_downloaded, [dir.path().join("journal (1).ron")]);
    }

    #[test]
    fn a_kept_copy_never_replaces_an_earlier_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.ron");
        for round in 0..2 {
            let copy = dir.path().join("journal 2.ron");
            fs::write(&copy, format!("round {round}")).expect("write");
            let kept = keep_copy(&journal, &copy).expect("kept");
            assert!(!copy.exists());
            assert_eq!(fs::read_to_string(kept).expect("read"), format!("round {round}"));
        }
        assert_eq!(fs::read_dir(kept_folder(&journal)).expect("list").count(), 2);
    }
}
