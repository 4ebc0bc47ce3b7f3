//! What storage did or could not do that the user should hear about but
//! that is no error (a leftover file that could not be removed, a backup
//! still plain text): collected here instead of printed, so each edge
//! reports it once in its own way (the command line on stderr, the window
//! in its banner). The library itself never prints.
//!
//! Layer 0: it uses nothing else of storage.

use std::sync::{Arc, Mutex, PoisonError};

/// A shared list of notices for the user.
///
/// Cloning shares the list (an `Arc<Mutex<…>>`): a [`super::Store`] writes
/// through `&self` and is cloned to the window's save thread, and what a
/// clone's save collects must reach whoever holds the original. Two lists
/// always compare equal, so a store's equality stays what it holds and
/// where, not what it has yet to say.
#[derive(Debug, Clone, Default)]
pub struct Notices(Arc<Mutex<Vec<String>>>);

impl Notices {
    /// Adds `notice`, to be reported by whoever takes the notices next.
    pub fn push(&self, notice: impl Into<String>) {
        self.list().push(notice.into());
    }

    /// Adds every one of `notices`.
    pub fn extend(&self, notices: impl IntoIterator<Item = String>) {
        self.list().extend(notices);
    }

    /// Takes every notice out, oldest first, so each is reported once.
    #[must_use]
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.list())
    }

    fn list(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        // A thread that panicked while pushing leaves at worst one notice
        // missing: the list is still a list.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl PartialEq for Notices {
    /// Always equal: notices waiting to be told are not part of what a
    /// store is (see the type's documentation).
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::Notices;

    #[test]
    fn clones_share_the_list_and_taking_empties_it() {
        let notices = Notices::default();
        let clone = notices.clone();
        clone.push("a backup is still plain text");
        notices.extend(["a leftover file".to_owned()]);
        assert_eq!(notices.take(), ["a backup is still plain text", "a leftover file"]);
        assert!(clone.take().is_empty());
        assert_eq!(notices, Notices::default());
    }
}
