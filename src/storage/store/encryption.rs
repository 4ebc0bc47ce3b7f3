//! A [`Store`]'s encryption: unlocking with the passphrase (the key file,
//! its sync copies and the kept keys), sealing and opening what it writes
//! and reads, encrypting and decrypting the journal with everything beside
//! it, changing the passphrase. Layer 6 (store), over [`crate::storage::crypto`]
//! and [`crate::storage::keys`].

use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use super::Store;
use crate::storage::backup;
use crate::storage::crypto::{self, AGE_HEADER_BYTES, Key, peek_is_encrypted};
use crate::storage::error::StorageError;
use crate::storage::files::write_bytes_atomically;

/// What an encryption did ([`Store::encrypt_reporting`],
/// [`Store::finish_encryption`]), to tell the user exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encrypted {
    /// Whether the journal file was encrypted (false: there was none, or it
    /// already was).
    pub journal: bool,
    /// How many of its backups (and unreadable files kept aside) were.
    pub backups: usize,
    /// Backups named after an earlier name of the journal, encrypted too.
    pub backups_of_earlier_names: Vec<PathBuf>,
    /// Earlier places of this journal (moved or renamed) whose clear-text
    /// parse caches were removed. Caches of other journals that are gone
    /// are removed too, without a word: they are not this journal's.
    pub caches_of_gone_journals: Vec<PathBuf>,
    /// Whether this finished an encryption an earlier run left half done.
    pub resumed: bool,
}

impl Encrypted {
    /// Exactly what the encryption of `journal` did, in a sentence or two.
    #[must_use]
    pub fn describe(&self, journal: &Path) -> String {
        use crate::model::words::count;
        let mut parts = Vec::new();
        if self.journal {
            parts.push(format!("the journal {}", journal.display()));
        }
        if self.backups > 0 {
            parts.push(count(self.backups, "backup", "backups"));
        }
        if !self.backups_of_earlier_names.is_empty() {
            parts.push(format!(
                "{} named after an earlier name of the journal, in {}",
                count(self.backups_of_earlier_names.len(), "backup", "backups"),
                backup::folder(journal).display()
            ));
        }
        let mut text = if parts.is_empty() {
            format!("Nothing of {} was left in the clear to encrypt", journal.display())
        } else {
            format!("Encrypted {}", join_words(&parts))
        };
        if !self.caches_of_gone_journals.is_empty() {
            let gone: Vec<String> =
                self.caches_of_gone_journals.iter().map(|path| path.display().to_string()).collect();
            let noun = crate::model::words::noun(gone.len(), "cache", "caches");
            text = format!(
                "{text}; removed the clear-text parse {noun} of {} (no longer there: moved, renamed or deleted)",
                join_words(&gone)
            );
        }
        text.push('.');
        if self.resumed {
            format!(
                "{} was only partly encrypted (an earlier encryption stopped before the end). {text}",
                journal.display()
            )
        } else {
            format!("{text} Keep the passphrase safe: without it the journal cannot be read.")
        }
    }
}

/// A few of the journal's decision ids, enough to tell its own files (an
/// earlier name's backups and caches) from another journal's.
pub(super) fn sample_ids(journal: &crate::model::Journal) -> Vec<&str> {
    journal.decisions().iter().take(16).map(|decision| decision.id.0.as_str()).collect()
}

/// "a", "a and b", "a, b and c".
pub(super) fn join_words(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Store {
    /// Whether a passphrase is needed: the journal is encrypted (it has a
    /// key file) and its key is not unlocked yet; or its key file is gone
    /// (decrypted on another computer, or lost to a sync service) while the
    /// journal or a copy of it is still encrypted and a key that may open it
    /// is kept ([`crate::storage::keys`]).
    #[must_use]
    pub fn needs_key(&self) -> bool {
        if self.key.is_some() {
            return false;
        }
        if self.is_encrypted() || crate::storage::keys::decrypt_marker(&self.path).exists() {
            return true;
        }
        let sealed_somewhere = peek_is_encrypted(&self.path)
            || crate::storage::sync_copies::scan(&self.path).copies.iter().any(|copy| peek_is_encrypted(&copy.path));
        sealed_somewhere && !crate::storage::keys::candidates(&self.path).is_empty()
    }

    /// Unlocks the journal's key with `passphrase`: the key file's, or, when
    /// the key file is gone or holds another computer's key, the kept key or
    /// key copy that opens the journal. That key then becomes the key file
    /// again (the one replaced is kept), and the user is told which
    /// passphrase is now the journal's ([`Store::take_notices`]). Every key
    /// the passphrase unlocks is kept, and opens copies and backups too.
    ///
    /// # Errors
    /// [`StorageError::WrongPassphrase`] when the passphrase opens no key
    /// that opens the journal; [`StorageError::KeyMissing`] when no key is
    /// there at all; read and write errors.
    pub fn unlock(&mut self, passphrase: &SecretString) -> Result<(), StorageError> {
        let key_file = crypto::key_path(&self.path);
        let candidates = crate::storage::keys::candidates(&self.path);
        if candidates.is_empty() {
            return Err(if peek_is_encrypted(&self.path) {
                StorageError::KeyMissing { path: self.path.clone(), key: key_file }
            } else {
                StorageError::NotFound { path: key_file }
            });
        }
        let mut unlocked: Vec<(crate::storage::keys::Candidate, Key)> = Vec::new();
        let mut sealed_as: Vec<(Key, Vec<u8>)> = Vec::new();
        let mut refusal = None;
        for candidate in candidates {
            match Key::unlock_sealed(&candidate.sealed, &candidate.path, passphrase) {
                Ok(key) if unlocked.iter().all(|(_, known)| *known != key) => {
                    sealed_as.push((key.clone(), candidate.sealed.clone()));
                    unlocked.push((candidate, key));
                }
                Ok(key) => sealed_as.push((key, candidate.sealed.clone())),
                // The key file's refusal is the one to report.
                Err(error) if candidate.is_key_file || refusal.is_none() => refusal = Some(error),
                Err(_) => {}
            }
        }
        if unlocked.is_empty() {
            return Err(refusal.unwrap_or(StorageError::WrongPassphrase { path: key_file }));
        }
        let folder = crate::storage::files::folder_of(&self.path);
        for (candidate, _) in &unlocked {
            crate::storage::keys::keep(&self.path, &candidate.sealed)?;
            // A sync service's copy of the key file, now kept byte for byte:
            // no longer left beside the journal to puzzle over.
            if !candidate.is_key_file && candidate.path.parent() == Some(folder.as_path()) {
                fs::remove_file(&candidate.path)
                    .map_err(|source| StorageError::Write { path: candidate.path.clone(), source })?;
            }
        }
        // Only the age header decides which key opens the journal: its
        // first bytes, not the whole file.
        let journal_sealed = if peek_is_encrypted(&self.path) {
            let mut header = Vec::new();
            File::open(&self.path)
                .and_then(|file| file.take(AGE_HEADER_BYTES).read_to_end(&mut header))
                .map_err(|source| StorageError::Read { path: self.path.clone(), source })?;
            Some(header)
        } else {
            None
        };
        let primary = match &journal_sealed {
            Some(sealed) => unlocked.iter().position(|(_, key)| key.opens(sealed)).ok_or_else(|| {
                StorageError::Crypto {
                    path: self.path.clone(),
                    message: "this passphrase opens a key this journal had, but not the one the journal is                               encrypted with now (made on another computer?): give that computer's passphrase"
                        .to_owned(),
                }
            })?,
            None => unlocked.iter().position(|(candidate, _)| candidate.is_key_file).unwrap_or(0),
        };
        let (candidate, key) = unlocked.remove(primary);
        if !candidate.is_key_file && journal_sealed.is_some() {
            // The journal is encrypted with this key: make it the key file
            // again, so every later save and every computer uses it.
            let _lock = self.lock()?;
            let replaced = key_file.exists();
            // The key file replaced (another computer's) is kept first: its
            // passphrase may be the only way into that computer's copies.
            crate::storage::keys::keep_current(&self.path)?;
            write_bytes_atomically(&key_file, &candidate.sealed)?;
            self.notices.push(if replaced {
                format!(
                    "{} held another computer's key, which does not open this journal; it now holds the key your                      passphrase opens, which does, so this passphrase is the journal's from now on (the other key                      is kept in {})",
                    key_file.display(),
                    crate::storage::keys::folder(&self.path).display()
                )
            } else {
                format!(
                    "{} was encrypted (on another computer, or before a decrypt) but its key file was gone; Keel                      put back its key from {}: the journal stays encrypted with this passphrase (run `keel decrypt`                      to make it plain)",
                    self.path.display(),
                    crate::storage::keys::folder(&self.path).display()
                )
            });
        }
        self.key_sealed_as =
            sealed_as.into_iter().filter(|(other, _)| *other == key).map(|(_, sealed)| sealed).collect();
        self.key = Some(key);
        self.other_keys = unlocked.into_iter().map(|(_, key)| key).collect();
        Ok(())
    }

    /// The key saves encrypt to: the unlocked key, none for a plain journal;
    /// refuses when the journal is encrypted but locked (nothing readable may
    /// be written then).
    pub(in crate::storage) fn seal(&self) -> Result<Option<&Key>, StorageError> {
        match &self.key {
            // The key file is gone while this Keel holds the key: decrypted
            // elsewhere (the journal is there and plain again), so stay plain
            // like it; otherwise (still encrypted, or the journal gone too)
            // write nothing: neither a journal only this session's key could
            // open, nor one in the clear.
            Some(_) if !self.is_encrypted() => {
                if !self.path.exists() || peek_is_encrypted(&self.path) {
                    Err(StorageError::Crypto {
                        path: crypto::key_path(&self.path),
                        message: "the key file is missing: nothing is saved, since no later session could open \
                                  the journal; open the journal again with its passphrase and Keel puts back the \
                                  key it keeps"
                            .to_owned(),
                    })
                } else {
                    Ok(None)
                }
            }
            // A decrypt stopped half way is finished first
            // ([`Store::resume_interrupted`]), never undone by encrypting.
            Some(_) if crate::storage::keys::decrypt_marker(&self.path).exists() => Err(StorageError::Crypto {
                path: self.path.clone(),
                message: "a decrypt of this journal was interrupted; open it with its passphrase (or run \
                          `keel decrypt`) to finish it before anything is saved"
                    .to_owned(),
            }),
            Some(key) => Ok(Some(key)),
            None if self.is_encrypted() => Err(StorageError::Locked { path: self.path.clone() }),
            None => Ok(None),
        }
    }

    /// Finishes what an earlier run left half done: a decrypt that was
    /// stopped (its marker is still there) is completed with the unlocked
    /// key, and the user is told ([`Store::take_notices`]).
    ///
    /// # Errors
    /// [`StorageError::Locked`] when the key is needed and not unlocked;
    /// the errors of [`Store::decrypt`].
    pub fn resume_interrupted(&mut self) -> Result<(), StorageError> {
        let marker = crate::storage::keys::decrypt_marker(&self.path);
        if !marker.exists() {
            return Ok(());
        }
        if self.is_encrypted() {
            self.decrypt()?;
        } else {
            // Stopped after the key file was removed: everything is plain.
            fs::remove_file(&marker).map_err(|source| StorageError::Write { path: marker.clone(), source })?;
        }
        self.notices.push(format!(
            "A decrypt of {} was stopped before it finished; Keel finished it: the journal and its backups are \
             plain text again (its key is kept in {})",
            self.path.display(),
            crate::storage::keys::folder(&self.path).display()
        ));
        Ok(())
    }

    /// The plain text of file bytes, decrypting them when they are an age file.
    pub(in crate::storage) fn plain(&self, bytes: Vec<u8>, path: &Path) -> Result<Vec<u8>, StorageError> {
        if !crypto::is_encrypted(&bytes) {
            return Ok(bytes);
        }
        match &self.key {
            Some(key) => match self.other_keys.iter().find(|other| !key.opens(&bytes) && other.opens(&bytes)) {
                Some(other) => other.decrypt(&bytes, path),
                None => key.decrypt(&bytes, path),
            },
            // No passphrase can help without the key file: say where it
            // belongs rather than ask for one.
            None if !self.is_encrypted() => {
                Err(StorageError::KeyMissing { path: self.path.clone(), key: crypto::key_path(&self.path) })
            }
            None => Err(StorageError::Locked { path: self.path.clone() }),
        }
    }

    /// Encrypts the journal with a new key protected by `passphrase`: writes
    /// the key file, then the backups and the journal as age files.
    ///
    /// # Errors
    /// When the journal is already encrypted or cannot be read or written.
    pub fn encrypt(&mut self, passphrase: &SecretString) -> Result<(), StorageError> {
        self.encrypt_reporting(passphrase).map(drop)
    }

    /// As [`Store::encrypt`], saying what was encrypted and removed.
    ///
    /// # Errors
    /// As [`Store::encrypt`].
    pub fn encrypt_reporting(&mut self, passphrase: &SecretString) -> Result<Encrypted, StorageError> {
        let _lock = self.lock()?;
        if self.is_encrypted() {
            return Err(StorageError::Crypto {
                path: self.path.clone(),
                message: "the journal is already encrypted; use --change-passphrase to change its passphrase"
                    .to_owned(),
            });
        }
        self.check_writable()?;
        let key = Key::create(&self.path, passphrase)?;
        crate::storage::keys::keep_current(&self.path)?;
        self.key = Some(key.clone());
        self.encrypt_the_rest(&key)
    }

    /// What an interrupted encryption left in the clear (the key file
    /// exists): the journal if it is still plain, and plain backups. Empty
    /// for a journal that is not encrypted, or fully encrypted.
    #[must_use]
    pub fn left_plain(&self) -> Vec<PathBuf> {
        if !self.is_encrypted() {
            return Vec::new();
        }
        let journal = Some(self.path.clone()).filter(|path| path.is_file() && !peek_is_encrypted(path));
        journal.into_iter().chain(backup::plain_files(&self.path, None)).collect()
    }

    /// Finishes an encryption that was interrupted (the key file written,
    /// some files still plain): encrypts what is left. The key must be
    /// unlocked.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the key; read and write errors.
    pub fn finish_encryption(&mut self) -> Result<Encrypted, StorageError> {
        let _lock = self.lock()?;
        let Some(key) = self.key.clone().filter(|_| self.is_encrypted()) else {
            return Err(StorageError::Locked { path: self.path.clone() });
        };
        self.check_writable()?;
        let mut done = self.encrypt_the_rest(&key)?;
        done.resumed = true;
        Ok(done)
    }

    /// Encrypts everything of the journal still plain, the lock held and the
    /// key file written: clear-text caches first (removed), then backups,
    /// then the journal itself.
    pub(super) fn encrypt_the_rest(&self, key: &Key) -> Result<Encrypted, StorageError> {
        let mut done = Encrypted::default();
        // Read with no cache, so none is made of it now.
        let loaded = match self.clone().with_cache(None).read() {
            Ok(loaded) => Some(loaded),
            Err(StorageError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        if let Some(cache) = &self.cache {
            // A few of its ids tell this journal's own earlier caches from
            // those of other journals that are gone (removed too, unsaid).
            let ids = loaded.as_ref().map(|loaded| sample_ids(&loaded.contents.journal)).unwrap_or_default();
            done.caches_of_gone_journals = cache
                .forget_with_gone(&self.path, &ids)
                .map_err(|source| StorageError::Write { path: cache.file_for(&self.path), source })?;
        }
        let ids = loaded.as_ref().map(|loaded| sample_ids(&loaded.contents.journal)).unwrap_or_default();
        let rewritten = backup::rewrite_all(&self.path, &ids, &|bytes, path| {
            if crypto::is_encrypted(bytes) { Ok(None) } else { key.encrypt(bytes, path).map(Some) }
        })?;
        done.backups = rewritten.own;
        done.backups_of_earlier_names = rewritten.orphans;
        if let Some(loaded) = loaded.filter(|_| !peek_is_encrypted(&self.path)) {
            self.write_locked(&loaded.contents, Some(loaded.contents.journal.len()), Some(key))?;
            done.journal = true;
        }
        Ok(done)
    }

    /// Decrypts the journal and its backups (the key must be unlocked) and
    /// removes the key file.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the key; read and write errors.
    pub fn decrypt(&mut self) -> Result<(), StorageError> {
        let _lock = self.lock()?;
        if self.key.is_none() {
            return Err(StorageError::Locked { path: self.path.clone() });
        }
        // The key is kept before anything changes (another computer may
        // still write encrypted copies it alone opens), and a marker says a
        // decrypt is under way until it is done, so one that is stopped is
        // finished by the next run rather than undone.
        crate::storage::keys::keep_current(&self.path)?;
        let marker = crate::storage::keys::decrypt_marker(&self.path);
        let folder = crate::storage::keys::folder(&self.path);
        crate::storage::files::create_private_folder(&folder)
            .map_err(|source| StorageError::Write { path: folder, source })?;
        write_bytes_atomically(&marker, b"keel decrypt under way\n")?;
        let loaded = match self.read() {
            Ok(loaded) => Some(loaded),
            Err(StorageError::NotFound { .. }) => None,
            Err(error) => return Err(error),
        };
        // Every age file named after an earlier name is tried: only this
        // journal's keys open it.
        backup::rewrite_all(&self.path, &[], &|bytes, path| {
            if crypto::is_encrypted(bytes) { self.plain(bytes.to_vec(), path).map(Some) } else { Ok(None) }
        })?;
        if let Some(loaded) = loaded
            && peek_is_encrypted(&self.path)
        {
            self.write_locked(&loaded.contents, Some(loaded.contents.journal.len()), None)?;
        }
        let key_file = crypto::key_path(&self.path);
        match fs::remove_file(&key_file) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                return Err(StorageError::Write { path: key_file, source: error });
            }
            _ => {}
        }
        self.key = None;
        self.other_keys.clear();
        fs::remove_file(&marker).map_err(|source| StorageError::Write { path: marker, source })?;
        Ok(())
    }

    /// Changes the passphrase of an encrypted journal (its key must be
    /// unlocked); only the key file is rewritten.
    ///
    /// # Errors
    /// [`StorageError::Locked`] without the key; write errors.
    pub fn change_passphrase(&self, new_passphrase: &SecretString) -> Result<(), StorageError> {
        let _lock = self.lock()?;
        match &self.key {
            Some(key) => {
                let old = fs::read(crypto::key_path(&self.path)).ok();
                key.change_passphrase(&self.path, new_passphrase)?;
                // The old passphrase stops opening the journal here: the
                // kept copies sealed with it are retired, the new one kept.
                crate::storage::keys::forget(&self.path, self.key_sealed_as.iter().chain(&old))?;
                crate::storage::keys::keep_current(&self.path)
            }
            None => Err(StorageError::Locked { path: self.path.clone() }),
        }
    }
}
