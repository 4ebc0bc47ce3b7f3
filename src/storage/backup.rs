//! Rotating backups in a `backups` folder beside the journal.
//!
//! Before a save replaces the journal, the previous file is kept as
//! `backups/<stem>.<YYYYMMDD-HHMMSS-mmm>.<decisions>.<ext>` (time in UTC). The
//! decision count is in the name so listing needs no parsing (nor the
//! passphrase of an encrypted journal). A backup is always a copy, readable
//! by its owner only, never a hard link: a link would be the live file
//! itself, changed by anything that edits the journal in place (issue 19).
//! A file identical to the newest backup is not kept again.
//!
//! Rotation keeps the last [`KEEP_LAST`] distinct backups plus the newest
//! backup of each of the last [`KEEP_DAYS`] days; a backup identical to the
//! next newer one kept is removed and not counted, so copies of one version
//! never push older versions out. The original of a migrated journal
//! (`….v1.ron`) is never rotated away.
//!
//! Layer 4, backups: above encryption and [`super::places`]; the sync
//! copies and the store use it, never the other way round.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::error::StorageError;
use super::files::{create_private_folder, folder_of};
pub use super::places::backup_folder as folder;

/// How many of the most recent backups are always kept.
pub const KEEP_LAST: usize = 10;
/// For how many days (today included) the newest backup of each day is kept.
pub const KEEP_DAYS: i64 = 14;

/// One backup of a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// The backup file.
    pub path: PathBuf,
    /// When it was taken (the journal held this until then).
    pub taken: Timestamp,
    /// How many decisions it holds.
    pub decisions: usize,
    /// For the original of a migrated journal: the version it was in.
    pub migrated_from: Option<u32>,
}

impl Backup {
    /// "2026-11-28 14:02" in the local time zone.
    #[must_use]
    pub fn taken_local(&self) -> String {
        self.taken.to_zoned(TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string()
    }

    /// "the backup from 2026-11-28 14:02 (186 decisions)".
    #[must_use]
    pub fn describe(&self) -> String {
        let noun = crate::model::words::noun(self.decisions, "decision", "decisions");
        let original = match self.migrated_from {
            Some(version) => format!(", the original version-{version} file"),
            None => String::new(),
        };
        format!("the backup from {} ({} {noun}{original})", self.taken_local(), self.decisions)
    }
}

/// Turns a file's bytes into a backup's (encrypting or decrypting them).
pub type Transform<'a> = dyn Fn(&[u8]) -> Result<Vec<u8>, StorageError> + 'a;

/// Rewrites a backup's bytes (`None`: leave it as it is); gets its path too.
pub type Rewrite<'a> = dyn Fn(&[u8], &Path) -> Result<Option<Vec<u8>>, StorageError> + 'a;

fn stem_and_ext(journal: &Path) -> (String, String) {
    let stem = journal.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = journal.extension().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    (stem, ext)
}

fn format_time(taken: Timestamp) -> String {
    let utc = taken.to_zoned(TimeZone::UTC);
    format!("{}-{:03}", utc.strftime("%Y%m%d-%H%M%S"), utc.millisecond())
}

fn parse_time(text: &str) -> Option<Timestamp> {
    let (seconds, millis) = text.rsplit_once('-')?;
    let millis: i64 = if millis.len() == 3 { millis.parse().ok()? } else { return None };
    let datetime = jiff::civil::DateTime::strptime("%Y%m%d-%H%M%S", seconds).ok()?;
    let timestamp = datetime.to_zoned(TimeZone::UTC).ok()?.timestamp();
    timestamp.checked_add(jiff::Span::new().milliseconds(millis)).ok()
}

/// The file name of a backup of `journal`.
#[must_use]
pub fn file_name(journal: &Path, taken: Timestamp, decisions: usize, migrated_from: Option<u32>) -> String {
    let (stem, ext) = stem_and_ext(journal);
    let mut name = format!("{stem}.{}.{decisions}", format_time(taken));
    if let Some(version) = migrated_from {
        name.push_str(".v");
        name.push_str(&version.to_string());
    }
    if !ext.is_empty() {
        name.push('.');
        name.push_str(&ext);
    }
    name
}

fn parse_name(journal: &Path, name: &str) -> Option<(Timestamp, usize, Option<u32>)> {
    let (stem, ext) = stem_and_ext(journal);
    let rest = name.strip_prefix(&stem)?.strip_prefix('.')?;
    let rest = if ext.is_empty() { rest } else { rest.strip_suffix(&ext)?.strip_suffix('.')? };
    let mut parts = rest.split('.');
    let taken = parse_time(parts.next()?)?;
    let decisions = parts.next()?.parse().ok()?;
    let migrated_from = match parts.next() {
        None => None,
        Some(version) => Some(version.strip_prefix('v')?.parse().ok()?),
    };
    if parts.next().is_some() {
        return None;
    }
    Some((taken, decisions, migrated_from))
}

/// The backups of the journal at `journal`, newest first.
///
/// # Errors
/// [`StorageError::Read`] when the folder exists but cannot be listed.
pub fn list(journal: &Path) -> Result<Vec<Backup>, StorageError> {
    let dir = folder(journal);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StorageError::Read { path: dir, source }),
    };
    let mut backups: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let (taken, decisions, migrated_from) = parse_name(journal, &name)?;
            Some(Backup { path: entry.path(), taken, decisions, migrated_from })
        })
        .collect();
    backups.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    Ok(backups)
}

/// Keeps the current file of `journal` (holding `decisions`) as a backup
/// taken at `now`: a copy of its bytes, passed through `transform` when
/// given (to encrypt or decrypt them). Returns the backup made, or `None`
/// when the newest backup already holds exactly these bytes.
///
/// # Errors
/// [`StorageError::Write`] naming the journal and the backup when it cannot
/// be made (no part of it is left then).
pub fn keep(
    journal: &Path,
    decisions: usize,
    migrated_from: Option<u32>,
    now: Timestamp,
    transform: Option<&Transform<'_>>,
) -> Result<Option<PathBuf>, StorageError> {
    let dir = folder(journal);
    // Named as the save that failed, the backup it could not keep in words.
    let write_error = |path: &Path, source: io::Error| StorageError::Write {
        path: journal.to_owned(),
        source: io::Error::new(source.kind(), format!("keeping its backup {} failed: {source}", path.display())),
    };
    create_private_folder(&dir).map_err(|source| write_error(&dir, source))?;
    let bytes = fs::read(journal).map_err(|source| StorageError::Read { path: journal.to_owned(), source })?;
    let bytes = if let Some(transform) = transform {
        transform(&bytes)?
    } else {
        let newest = list(journal)?.into_iter().find(|backup| backup.migrated_from == migrated_from);
        if newest.is_some_and(|newest| newest.decisions == decisions && holds(&newest.path, &bytes)) {
            return Ok(None);
        }
        bytes
    };
    let mut taken = now;
    loop {
        let path = dir.join(file_name(journal, taken, decisions, migrated_from));
        match write_private(&path, &bytes) {
            Ok(()) => return Ok(Some(path)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                taken = taken.checked_add(jiff::Span::new().milliseconds(1)).unwrap_or(taken);
                if taken == now {
                    return Err(write_error(&path, error));
                }
            }
            Err(error) => return Err(write_error(&path, error)),
        }
    }
}

/// Whether the file at `path` holds exactly `bytes` (length first, so
/// different versions are mostly told apart without reading them).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::metadata(path).is_ok_and(|metadata| u64::try_from(bytes.len()).is_ok_and(|len| len == metadata.len()))
        && fs::read(path).is_ok_and(|held| held == bytes)
}

/// Whether two backups hold the same bytes.
pub(crate) fn same_bytes(a: &Backup, b: &Backup) -> bool {
    a.decisions == b.decisions
        && match (fs::metadata(&a.path), fs::metadata(&b.path)) {
            (Ok(first), Ok(second)) if first.len() == second.len() => {
                matches!((fs::read(&a.path), fs::read(&b.path)), (Ok(first), Ok(second)) if first == second)
            }
            _ => false,
        }
}

/// Removes a backup made for a save that then failed: a save that did not
/// happen leaves no backup. Returns a notice when it stays (the save's own
/// error is what fails; this only tells of the extra file).
#[must_use]
pub(crate) fn discard(path: &Path) -> Option<String> {
    fs::remove_file(path).err().map(|error| format!("removing the backup of a failed save {}: {error}", path.display()))
}

fn copy_private(from: &Path, to: &Path) -> io::Result<()> {
    write_private(to, &fs::read(from)?)
}

/// Writes `bytes` to a new file at `path`, readable by its owner only; on
/// failure nothing is left there.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    match written {
        // Half a backup is worse than none; when it cannot be removed
        // either, the error says so too, so the user knows it is there.
        Err(error) => Err(match fs::remove_file(path) {
            Ok(()) => error,
            Err(removing) => io::Error::new(
                error.kind(),
                format!("{error} (and removing the partial backup {} failed: {removing})", path.display()),
            ),
        }),
        Ok(()) => Ok(()),
    }
}

/// What [`rewrite_all`] rewrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rewritten {
    /// The journal's own backups (and unreadable files kept aside) rewritten.
    pub own: usize,
    /// Backups left under another name of the journal ([`orphans`]) rewritten.
    pub orphans: Vec<PathBuf>,
}

/// Rewrites every backup of `journal` through `transform` (to encrypt or
/// decrypt them all), each atomically: its own, the unreadable files kept
/// aside, and those named after an earlier name of the journal
/// ([`orphans`], told from other journals' by `ids`). Counts what was
/// rewritten (`transform` returning `None` leaves a file as it is).
///
/// # Errors
/// The first backup that cannot be read, transformed or written.
pub fn rewrite_all(journal: &Path, ids: &[&str], transform: &Rewrite<'_>) -> Result<Rewritten, StorageError> {
    let mut rewritten = Rewritten::default();
    for backup in list(journal)? {
        let bytes =
            fs::read(&backup.path).map_err(|source| StorageError::Read { path: backup.path.clone(), source })?;
        if let Some(new) = transform(&bytes, &backup.path)? {
            super::files::write_bytes_atomically(&backup.path, &new)?;
            rewritten.own += 1;
        }
    }
    // The unreadable journals kept aside, and the backups of the journal
    // under an earlier name, are rewritten too, so none stays in the clear
    // after encrypting. Only an age file that does not decrypt (broken, or
    // another journal's) is left as it is.
    let others = unreadable(journal).into_iter().map(|path| (path, false));
    for (path, orphan) in others.chain(orphans(journal, ids).into_iter().map(|path| (path, true))) {
        let bytes = fs::read(&path).map_err(|source| StorageError::Read { path: path.clone(), source })?;
        match transform(&bytes, &path) {
            Ok(Some(new)) => {
                super::files::write_bytes_atomically(&path, &new)?;
                if orphan {
                    rewritten.orphans.push(path);
                } else {
                    rewritten.own += 1;
                }
            }
            Ok(None) => {}
            Err(_) if super::crypto::is_encrypted(&bytes) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(rewritten)
}

/// Every backup-like file beside `journal` that is still plain text (its
/// own backups, unreadable files kept aside and, given some of its decision
/// `ids`, its [`orphans`]): what is left to encrypt when an encryption was
/// interrupted. Reads only each file's start (an orphan's whole text).
#[must_use]
pub fn plain_files(journal: &Path, ids: Option<&[&str]>) -> Vec<PathBuf> {
    let own = list(journal).unwrap_or_default().into_iter().map(|backup| backup.path);
    let orphans = ids.map(|ids| orphans(journal, ids)).unwrap_or_default();
    own.chain(unreadable(journal)).chain(orphans).filter(|path| !super::crypto::peek_is_encrypted(path)).collect()
}

/// Backups in the journal's backups folder named after a journal file
/// that is not in its folder any more, and holding one of `ids` (decision
/// ids of `journal`): the journal's own, from before it was moved or
/// renamed, not a deleted or absent journal's that shared the folder. An
/// age file cannot be told apart unread, so it is listed (only this
/// journal's key opens it). Encrypting the journal encrypts them too, so
/// none stays in the clear.
#[must_use]
pub fn orphans(journal: &Path, ids: &[&str]) -> Vec<PathBuf> {
    let own_name = journal.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let home = folder_of(journal);
    let Ok(entries) = fs::read_dir(folder(journal)) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter(|entry| {
            journal_named_by(&entry.file_name().to_string_lossy())
                .is_some_and(|name| name != own_name && !home.join(name).exists())
        })
        .map(|entry| entry.path())
        .filter(|path| {
            super::crypto::peek_is_encrypted(path)
                || fs::read_to_string(path).is_ok_and(|text| ids.iter().any(|id| text.contains(&format!("\"{id}\""))))
        })
        .collect();
    found.sort();
    found
}

/// The journal file name a backup's file name was made from:
/// `<stem>.<time>.<decisions>[.v<version>][.<ext>]` or
/// `unreadable-<name>.<time>`.
fn journal_named_by(name: &str) -> Option<String> {
    if let Some(rest) = name.strip_prefix("unreadable-") {
        let (file, time) = rest.rsplit_once('.')?;
        return parse_time(time).map(|_| file.to_owned());
    }
    let parts: Vec<&str> = name.split('.').collect();
    let at = parts.iter().position(|part| parse_time(part).is_some()).filter(|at| *at > 0)?;
    parts.get(at + 1)?.parse::<usize>().ok()?;
    let stem = parts[..at].join(".");
    let mut rest = parts.get(at + 2..).unwrap_or_default();
    if rest.first().is_some_and(|part| part.strip_prefix('v').is_some_and(|v| v.parse::<u32>().is_ok())) {
        rest = &rest[1..];
    }
    Some(if rest.is_empty() { stem } else { format!("{stem}.{}", rest.join(".")) })
}

/// The unreadable journals kept aside by [`keep_unreadable`].
fn unreadable(journal: &Path) -> Vec<PathBuf> {
    let name = journal.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!("unreadable-{name}.");
    let Ok(entries) = fs::read_dir(folder(journal)) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .map(|entry| entry.path())
        .collect()
}

/// Which of `backups` (newest first) rotation removes at `now`, days counted
/// in `zone`: all but the [`KEEP_LAST`] newest and the newest of each of the
/// last [`KEEP_DAYS`] days; originals of migrated files are never removed.
#[must_use]
pub fn to_remove<'a>(backups: &'a [Backup], now: Timestamp, zone: &TimeZone) -> Vec<&'a Backup> {
    to_remove_distinct(backups, now, zone, &|_, _| false)
}

/// As [`to_remove`], where `same(newer, older)` tells that two backups hold
/// the same version: a backup the same as the next newer one kept is
/// removed and not counted, so the backups kept are distinct versions.
#[must_use]
pub fn to_remove_distinct<'a>(
    backups: &'a [Backup],
    now: Timestamp,
    zone: &TimeZone,
    same: &dyn Fn(&Backup, &Backup) -> bool,
) -> Vec<&'a Backup> {
    let today: Date = now.to_zoned(zone.clone()).date();
    let first_day = today.checked_sub(jiff::Span::new().days(KEEP_DAYS - 1)).unwrap_or(today);
    let mut rotating: Vec<&Backup> = backups.iter().filter(|b| b.migrated_from.is_none()).collect();
    rotating.sort_by_key(|b| std::cmp::Reverse(b.taken));
    let mut days_kept: HashSet<Date> = HashSet::new();
    let mut remove = Vec::new();
    let mut newer_kept: Option<&Backup> = None;
    let mut distinct = 0;
    for backup in rotating {
        if newer_kept.is_some_and(|newer| same(newer, backup)) {
            remove.push(backup);
            continue;
        }
        let day = backup.taken.to_zoned(zone.clone()).date();
        let newest_of_recent_day = day >= first_day && days_kept.insert(day);
        if distinct >= KEEP_LAST && !newest_of_recent_day {
            remove.push(backup);
        } else {
            newer_kept = Some(backup);
        }
        distinct += 1;
    }
    remove
}

/// Removes the backups of `journal` that rotation no longer keeps,
/// copies of the same version included.
///
/// # Errors
/// [`StorageError::Write`] when one cannot be removed.
pub fn rotate(journal: &Path, now: Timestamp) -> Result<(), StorageError> {
    let backups = list(journal)?;
    for backup in to_remove_distinct(&backups, now, &TimeZone::system(), &same_bytes) {
        match fs::remove_file(&backup.path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(StorageError::Write { path: backup.path.clone(), source }),
        }
    }
    Ok(())
}

/// Keeps an unreadable journal aside in the backups folder (as
/// `unreadable-<name>.<time>`) before a backup is restored over it.
///
/// # Errors
/// [`StorageError::Write`] when it cannot be kept.
pub fn keep_unreadable(journal: &Path, now: Timestamp) -> Result<PathBuf, StorageError> {
    let dir = folder(journal);
    let name = journal.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let path = dir.join(format!("unreadable-{name}.{}", format_time(now)));
    let write_error = |source| StorageError::Write { path: path.clone(), source };
    create_private_folder(&dir).map_err(write_error)?;
    copy_private(journal, &path).map_err(write_error)?;
    Ok(path)
}

#[cfg(test)]
mod tests;
