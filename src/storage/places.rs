//! Where a journal's own files live on disk, and whether a sync service
//! shares its folder: the backups folder (beside the journal, or this
//! computer's own folder for a synced journal), the folder of kept sync
//! copies. Path functions only, nothing is read or written but the markers
//! a sync service leaves. Layer 2 (places), above [`super::files`]: the
//! lock, the kept keys, the backups and the sync copies all find their
//! folders here instead of reaching into one another.

use std::fmt;
use std::path::{Path, PathBuf};

use super::files::{canonical, folder_of};

/// A sync service that makes conflict copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// Syncthing.
    Syncthing,
    /// Dropbox.
    Dropbox,
    /// Nextcloud or ownCloud (same client lineage, same names).
    Nextcloud,
    /// Microsoft `OneDrive`.
    OneDrive,
    /// Apple iCloud Drive.
    ICloud,
    /// Google Drive.
    GoogleDrive,
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Syncthing => "Syncthing",
            Self::Dropbox => "Dropbox",
            Self::Nextcloud => "Nextcloud",
            Self::OneDrive => "OneDrive",
            Self::ICloud => "iCloud Drive",
            Self::GoogleDrive => "Google Drive",
        })
    }
}

/// The backups folder of the journal at `journal`: `backups` beside it,
/// or, when the journal sits in a folder a sync service syncs, a folder of
/// this computer's own ([`local_backup_folder`]), so
/// computers do not fill each other's folders with their backups.
#[must_use]
pub fn backup_folder(journal: &Path) -> PathBuf {
    if synced_by(journal).is_some()
        && let Some(local) = local_backup_folder(journal)
    {
        return local;
    }
    folder_of(journal).join("backups")
}

/// Files and folders a sync service keeps at the top of what it syncs.
const SYNC_MARKERS: [(&str, Service); 6] = [
    (".stfolder", Service::Syncthing),
    (".dropbox", Service::Dropbox),
    (".dropbox.cache", Service::Dropbox),
    (".nextcloudsync.log", Service::Nextcloud),
    (".owncloudsync.log", Service::Nextcloud),
    (".sync_journal.db", Service::Nextcloud),
];

/// Folder names the services give the folder they sync.
fn service_of_folder_name(name: &str) -> Option<Service> {
    match name {
        "Dropbox" => Some(Service::Dropbox),
        "Nextcloud" | "ownCloud" => Some(Service::Nextcloud),
        "iCloud Drive" | "Mobile Documents" | "iCloudDrive" => Some(Service::ICloud),
        "Google Drive" | "My Drive" | "GoogleDrive" => Some(Service::GoogleDrive),
        _ if name == "OneDrive" || name.starts_with("OneDrive - ") => Some(Service::OneDrive),
        _ => None,
    }
}

/// The sync service whose folder holds the journal, if any: a service's
/// marker (Syncthing's `.stfolder`, Dropbox's `.dropbox`, Nextcloud's sync
/// log) in the journal's folder or above it, or an ancestor named as
/// the services name theirs (`Dropbox`, `OneDrive`, `iCloud Drive`…).
#[must_use]
pub fn synced_by(journal: &Path) -> Option<Service> {
    let folder = folder_of(journal);
    let folder = canonical(&folder).unwrap_or(folder);
    for ancestor in folder.ancestors() {
        for (marker, service) in SYNC_MARKERS {
            if ancestor.join(marker).exists() {
                return Some(service);
            }
        }
        if let Some(service) = ancestor.file_name().and_then(|name| service_of_folder_name(&name.to_string_lossy())) {
            return Some(service);
        }
    }
    None
}

/// Where a synced journal's backups live instead of beside it: this
/// computer's own data folder, one folder per journal (its name, and a
/// fixed hash of its full path, so two journals never share one and a later
/// Keel finds the same folder). `None` when there is no data folder.
#[must_use]
pub fn local_backup_folder(journal: &Path) -> Option<PathBuf> {
    let root = if cfg!(test) {
        Some(std::env::temp_dir().join("keel-unit-tests-local-data"))
    } else {
        directories::ProjectDirs::from("", "", "keel").map(|dirs| dirs.data_local_dir().to_owned())
    }?;
    let folder = folder_of(journal);
    let folder = canonical(&folder).unwrap_or(folder);
    let name = journal.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let full = folder.join(&name);
    // FNV-1a, written out: the folder name must never change between
    // builds, which std's hashers do not promise.
    let hash = full
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3));
    let stem = journal.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    Some(root.join("backups").join(format!("{stem}-{hash:016x}")))
}

/// The folder where absorbed copies are kept: `sync-copies` in the journal's
/// backups, rotated as the backups are ([`super::sync_copies::rotate_kept`]).
#[must_use]
pub fn kept_folder(journal: &Path) -> PathBuf {
    backup_folder(journal).join("sync-copies")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn a_journal_in_a_synced_folder_keeps_its_backups_on_this_computer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plain = dir.path().join("plain").join("journal.ron");
        fs::create_dir_all(plain.parent().expect("parent")).expect("folder");
        assert_eq!(synced_by(&plain), None);
        assert_eq!(backup_folder(&plain), dir.path().join("plain").join("backups"));

        let synced = dir.path().join("Sync").join("work").join("journal.ron");
        fs::create_dir_all(synced.parent().expect("parent")).expect("folder");
        fs::create_dir_all(dir.path().join("Sync").join(".stfolder")).expect("marker");
        assert_eq!(synced_by(&synced), Some(Service::Syncthing));
        let local = backup_folder(&synced);
        assert!(!local.starts_with(dir.path()), "{}", local.display());
        assert_eq!(local_backup_folder(&synced), Some(local.clone()));
        assert_ne!(local_backup_folder(&dir.path().join("Sync").join("other.ron")), Some(local));

        let dropbox = dir.path().join("Dropbox").join("journal.ron");
        fs::create_dir_all(dropbox.parent().expect("parent")).expect("folder");
        assert_eq!(synced_by(&dropbox), Some(Service::Dropbox));
    }
}
