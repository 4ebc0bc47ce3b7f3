//! The files that make up a journal, which no output (an export, a brief, a
//! screenshot) may be written over: the journal, its key file, its lock
//! file and its backups folder. Writing a brief over the key file, for one,
//! makes the journal and every backup unreadable for good (issue 19).
//!
//! A path is matched however it is spelt: relative or absolute, through
//! `..` or a symbolic link, a hard link, or in another case on a file
//! system that ignores case. Existing files are compared by identity (the
//! same file on disk); names of files that do not exist yet (a key or lock
//! still to come) are compared within the journal's folder.
//!
//! Layer 3: it knows the journal's files through [`super::places`],
//! [`super::lock`] and [`super::crypto`], and nothing above them.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use super::files::{folder_of, real_path};
use super::{crypto, lock, places};

/// What `target` is to the journal at `journal` when writing it would
/// destroy part of the journal ("the journal's key file"), else `None`.
#[must_use]
pub fn role_of(journal: &Path, target: &Path) -> Option<&'static str> {
    let journal = real_path(journal);
    let parts = [
        (journal.clone(), "the journal itself"),
        (crypto::key_path(&journal), "the journal's key file"),
        (lock::lock_path(&journal), "the journal's lock file"),
    ];
    if let Some((_, role)) = parts.iter().find(|(part, _)| same_file(target, part)) {
        return Some(role);
    }
    let backups = places::backup_folder(&journal);
    // The folder, or anything below it (the kept sync copies too).
    let inside_backups = std::iter::successors(Some(target.to_path_buf()), |path| {
        path.parent().filter(|parent| !parent.as_os_str().is_empty()).map(Path::to_path_buf)
    })
    .any(|ancestor| same_file(&ancestor, &backups));
    if inside_backups {
        return Some("inside the journal's backups folder");
    }
    // Not there yet (a key file, a lock file or the journal still to be
    // made): the same name in the same folder.
    let folder = folder_of(&journal);
    if !same_file(&folder_of(target), &folder) {
        return None;
    }
    let name = target.file_name()?;
    let ignores_case = ignores_case(&journal);
    parts
        .iter()
        .find(|(part, _)| part.file_name().is_some_and(|part| same_name(part, name, ignores_case)))
        .map(|(_, role)| *role)
}

/// Whether two paths name the same existing file or folder.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Whether the journal's folder ignores case: the journal's name in
/// another case finds the journal itself.
fn ignores_case(journal: &Path) -> bool {
    let Some(name) = journal.file_name().and_then(OsStr::to_str) else { return false };
    let swapped: String =
        name.chars().map(|c| if c.is_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect();
    swapped != name && same_file(&journal.with_file_name(swapped), journal)
}

fn same_name(a: &OsStr, b: &OsStr, ignore_case: bool) -> bool {
    if a == b {
        return true;
    }
    ignore_case
        && match (a.to_str(), b.to_str()) {
            (Some(a), Some(b)) => a.to_lowercase() == b.to_lowercase(),
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Setup {
        _dir: tempfile::TempDir,
        journal: std::path::PathBuf,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("data").join("journal.ron");
        fs::create_dir_all(places::backup_folder(&journal)).expect("folders");
        fs::write(&journal, "(version: 2, decisions: [])").expect("journal");
        fs::write(crypto::key_path(&journal), "key").expect("key");
        Setup { _dir: dir, journal }
    }

    #[test]
    fn the_journal_key_lock_and_backups_are_protected_however_spelt() {
        let setup = setup();
        let data = setup.journal.parent().expect("folder").to_owned();
        let elsewhere = data.parent().expect("parent").join("elsewhere");
        fs::create_dir_all(&elsewhere).expect("folder");
        let cases: [(std::path::PathBuf, &str); 6] = [
            (setup.journal.clone(), "the journal itself"),
            (elsewhere.join("../data/journal.ron.key"), "the journal's key file"),
            (data.join("./journal.ron.lock"), "the journal's lock file"),
            (data.join("backups").join("journal.20260101-000000-000.3.ron"), "inside the journal's backups folder"),
            (data.join("backups"), "inside the journal's backups folder"),
            (data.join("journal.ron.key"), "the journal's key file"),
        ];
        for (target, role) in cases {
            assert_eq!(role_of(&setup.journal, &target), Some(role), "{}", target.display());
        }
        #[cfg(unix)]
        {
            let link = elsewhere.join("key-link");
            std::os::unix::fs::symlink(crypto::key_path(&setup.journal), &link).expect("linked");
            assert_eq!(role_of(&setup.journal, &link), Some("the journal's key file"));
            // A journal reached through a link protects the real one's key.
            let journal_link = elsewhere.join("journal.ron");
            std::os::unix::fs::symlink(&setup.journal, &journal_link).expect("linked");
            assert_eq!(role_of(&journal_link, &data.join("journal.ron.key")), Some("the journal's key file"));
        }
        assert_eq!(role_of(&setup.journal, &data.join("brief.md")), None);
        assert_eq!(role_of(&setup.journal, &elsewhere.join("journal.ron.key")), None, "another folder's file");
    }

    #[test]
    fn a_lock_file_still_to_come_is_protected_by_name() {
        let setup = setup();
        let lock = lock::lock_path(&setup.journal);
        assert!(!lock.exists());
        assert_eq!(role_of(&setup.journal, &lock), Some("the journal's lock file"));
    }
}
