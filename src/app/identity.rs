//! The window's identity on the desktop. Its app id is the name of the
//! installed desktop entry (`packaging/linux/`), so docks and task bars show
//! the window with Keel's icon. eframe keeps the remembered window, page and
//! preferences in a folder named after the app id, so the first run under
//! this id moves them from the folder the old id ("Keel") used.

use std::io;
use std::path::Path;

/// The reverse-DNS app id (see [`crate::APP_ID`]).
pub const APP_ID: &str = crate::APP_ID;

/// The app id earlier versions ran under (eframe's app name), whose storage
/// folder holds what they remembered.
pub const OLD_APP_ID: &str = "Keel";

/// The file eframe keeps its key-value storage in, inside the storage folder.
const STATE_FILE: &str = "app.ron";

/// Moves eframe's remembered state from `old_folder` to `new_folder`, once:
/// only when the new folder has none yet and the old one has some. Only the
/// state file moves; on Linux the old folder is also the journal's, so
/// everything else in it stays.
///
/// Returns whether anything moved.
///
/// # Errors
/// The folder could not be created or the file could not be moved; the old
/// file is then left where it was.
pub fn move_window_memory(old_folder: &Path, new_folder: &Path) -> io::Result<bool> {
    let old = old_folder.join(STATE_FILE);
    let new = new_folder.join(STATE_FILE);
    if old_folder == new_folder || new.exists() || !old.is_file() {
        return Ok(false);
    }
    std::fs::create_dir_all(new_folder)?;
    if std::fs::rename(&old, &new).is_err() {
        // Another file system (a data folder on its own mount): copy, then
        // remove the original only once the copy is complete.
        std::fs::copy(&old, &new)?;
        std::fs::remove_file(&old)?;
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_state_moves_once_and_leaves_the_journal() {
        let root = tempfile::tempdir().unwrap();
        let old = root.path().join("keel");
        let new = root.path().join("io.github.keel_journal.keel");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("app.ron"), "{\"keel-view\":\"(page:Balance)\"}").unwrap();
        std::fs::write(old.join("journal.ron"), "journal").unwrap();

        assert!(move_window_memory(&old, &new).unwrap());
        assert_eq!(std::fs::read_to_string(new.join("app.ron")).unwrap(), "{\"keel-view\":\"(page:Balance)\"}");
        assert!(!old.join("app.ron").exists());
        assert_eq!(std::fs::read_to_string(old.join("journal.ron")).unwrap(), "journal");

        // A later run (or an old version writing its own state again) never
        // overwrites what the new id has remembered since.
        std::fs::write(old.join("app.ron"), "older").unwrap();
        std::fs::write(new.join("app.ron"), "newer").unwrap();
        assert!(!move_window_memory(&old, &new).unwrap());
        assert_eq!(std::fs::read_to_string(new.join("app.ron")).unwrap(), "newer");
        assert_eq!(std::fs::read_to_string(old.join("app.ron")).unwrap(), "older");
    }

    #[test]
    fn nothing_to_move_on_a_first_install() {
        let root = tempfile::tempdir().unwrap();
        let new = root.path().join("new");
        assert!(!move_window_memory(&root.path().join("old"), &new).unwrap());
        assert!(!new.exists());
    }

    #[test]
    fn the_new_id_names_a_different_folder_than_the_old() {
        // Otherwise eframe would read the old state directly and the move
        // would be moot; the ids are reverse-DNS and a plain name.
        assert_ne!(eframe::storage_dir(APP_ID), eframe::storage_dir(OLD_APP_ID));
        assert!(APP_ID.split('.').count() >= 3);
    }
}
