//! Optional encryption at rest, in the [age](https://age-encryption.org)
//! format.
//!
//! An encrypted journal has a key file beside it, `<journal>.key`: an x25519
//! identity, itself age-encrypted with the user's passphrase (scrypt). The
//! passphrase unlocks the identity once per session ([`Key::unlock`], about a
//! second of scrypt work by design); every save then encrypts to the
//! identity's public key, which is fast. Changing the passphrase rewrites only
//! the key file ([`Key::change_passphrase`]): the journal and its backups stay
//! encrypted to the same key.
//!
//! Layer 3, encryption: above the file primitives, below everything that
//! reads or writes a journal.

use std::fs::{self, File};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use age::secrecy::{ExposeSecret as _, SecretString};

use super::error::StorageError;
use super::files::write_bytes_atomically;

/// What an age file starts with.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Whether `bytes` are an age file.
#[must_use]
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// The key file of the journal at `journal`: `<journal>.key`.
#[must_use]
pub fn key_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".key");
    journal.with_file_name(name)
}

/// An unlocked journal key: the x25519 identity and its public recipient.
#[derive(Clone)]
pub struct Key {
    identity: Arc<age::x25519::Identity>,
    recipient: Arc<age::x25519::Recipient>,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key").field("recipient", &self.recipient.to_string()).finish_non_exhaustive()
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.recipient.to_string() == other.recipient.to_string()
    }
}

impl Key {
    fn from_identity(identity: age::x25519::Identity) -> Self {
        let recipient = identity.to_public();
        Self { identity: Arc::new(identity), recipient: Arc::new(recipient) }
    }

    /// Makes a new key for the journal at `journal` and writes its key file,
    /// encrypted with `passphrase`.
    ///
    /// # Errors
    /// [`StorageError::Crypto`] when a key file already exists or encryption
    /// fails, [`StorageError::Write`] when the file cannot be written.
    pub fn create(journal: &Path, passphrase: &SecretString) -> Result<Self, StorageError> {
        let path = key_path(journal);
        if path.exists() {
            return Err(StorageError::Crypto {
                path,
                message: "the journal is already encrypted (its key file exists)".to_owned(),
            });
        }
        let key = Self::from_identity(age::x25519::Identity::generate());
        key.write_key_file(&path, passphrase)?;
        Ok(key)
    }

    fn write_key_file(&self, path: &Path, passphrase: &SecretString) -> Result<(), StorageError> {
        if passphrase.expose_secret().is_empty() {
            return Err(StorageError::Crypto { path: path.to_owned(), message: "the passphrase is empty".to_owned() });
        }
        let secret = self.identity.to_string();
        let recipient = age::scrypt::Recipient::new(passphrase.clone());
        let sealed = age::encrypt(&recipient, secret.expose_secret().as_bytes())
            .map_err(|error| StorageError::Crypto { path: path.to_owned(), message: error.to_string() })?;
        write_bytes_atomically(path, &sealed).map(|_| ())
    }

    /// Unlocks the key of the journal at `journal` with `passphrase`.
    ///
    /// # Errors
    /// [`StorageError::NotFound`] when the journal has no key file,
    /// [`StorageError::WrongPassphrase`] when the passphrase is not the one,
    /// [`StorageError::Crypto`] when the key file is damaged.
    pub fn unlock(journal: &Path, passphrase: &SecretString) -> Result<Self, StorageError> {
        let path = key_path(journal);
        let sealed = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(StorageError::NotFound { path });
            }
            Err(source) => return Err(StorageError::Read { path, source }),
        };
        Self::unlock_sealed(&sealed, &path, passphrase)
    }

    /// Unlocks the sealed key file bytes `sealed` (read from `path`, which
    /// names it in errors) with `passphrase`.
    ///
    /// # Errors
    /// [`StorageError::WrongPassphrase`] when the passphrase is not the one,
    /// [`StorageError::Crypto`] when the bytes are not a sealed key.
    pub fn unlock_sealed(sealed: &[u8], path: &Path, passphrase: &SecretString) -> Result<Self, StorageError> {
        let path = path.to_owned();
        let identity = age::scrypt::Identity::new(passphrase.clone());
        let secret = age::decrypt(&identity, sealed).map_err(|error| match error {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed => StorageError::WrongPassphrase { path: path.clone() },
            other => StorageError::Crypto { path: path.clone(), message: other.to_string() },
        })?;
        let text = String::from_utf8(secret).map_err(|_| StorageError::Crypto {
            path: path.clone(),
            message: "the key file does not hold a key".to_owned(),
        })?;
        let identity: age::x25519::Identity = text.trim().parse().map_err(|error: &str| StorageError::Crypto {
            path: path.clone(),
            message: format!("the key file does not hold a key ({error})"),
        })?;
        Ok(Self::from_identity(identity))
    }

    /// Whether `sealed` (an age file) was encrypted to this key. Only its
    /// header is read: cheap even for a large journal.
    #[must_use]
    pub fn opens(&self, sealed: &[u8]) -> bool {
        age::Decryptor::new_buffered(sealed).is_ok_and(|decryptor| {
            decryptor.decrypt(std::iter::once(self.identity.as_ref() as &dyn age::Identity)).is_ok()
        })
    }

    /// Re-encrypts the key file of `journal` with `new_passphrase`. The key
    /// itself stays, so the journal and its backups need no rewriting.
    ///
    /// # Errors
    /// As [`Key::create`].
    pub fn change_passphrase(&self, journal: &Path, new_passphrase: &SecretString) -> Result<(), StorageError> {
        self.write_key_file(&key_path(journal), new_passphrase)
    }

    /// `plain` encrypted to this key; `path` names the file in errors.
    ///
    /// # Errors
    /// [`StorageError::Crypto`] when encryption fails.
    pub fn encrypt(&self, plain: &[u8], path: &Path) -> Result<Vec<u8>, StorageError> {
        age::encrypt(self.recipient.as_ref(), plain)
            .map_err(|error| StorageError::Crypto { path: path.to_owned(), message: error.to_string() })
    }

    /// `sealed` decrypted with this key; `path` names the file in errors.
    ///
    /// # Errors
    /// [`StorageError::Crypto`] when the file is not for this key or damaged.
    pub fn decrypt(&self, sealed: &[u8], path: &Path) -> Result<Vec<u8>, StorageError> {
        age::decrypt(self.identity.as_ref(), sealed).map_err(|error| StorageError::Crypto {
            path: path.to_owned(),
            message: match error {
                age::DecryptError::NoMatchingKeys => "encrypted with another key than this journal's".to_owned(),
                other => format!("cannot decrypt: {other}"),
            },
        })
    }
}

/// A passphrase from the environment variable `name`, if set and not empty.
#[must_use]
pub fn passphrase_from_env(name: &str) -> Option<SecretString> {
    std::env::var(name).ok().filter(|value| !value.is_empty()).map(SecretString::from)
}

/// How much of an age file holds its header (the stanzas that say which
/// keys open it), far more than one passphrase or x25519 stanza takes.
pub(crate) const AGE_HEADER_BYTES: u64 = 64 * 1024;

/// Whether the file at `path` starts as an age file.
pub(crate) fn peek_is_encrypted(path: &Path) -> bool {
    // Only an ordinary file: opening a named pipe would wait forever.
    if !fs::metadata(path).is_ok_and(|metadata| metadata.is_file()) {
        return false;
    }
    let mut start = [0_u8; 32];
    File::open(path).and_then(|mut file| file.read(&mut start)).is_ok_and(|read| is_encrypted(&start[..read]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_a_large_age_file_tells_which_key_opens_it() {
        let key = Key::from_identity(age::x25519::Identity::generate());
        let other = Key::from_identity(age::x25519::Identity::generate());
        let sealed = key.encrypt(&vec![b'x'; 512 * 1024], Path::new("journal.ron")).expect("sealed");
        let start = &sealed[..64 * 1024];
        assert!(key.opens(start), "the header alone is enough");
        assert!(!other.opens(start));
    }
}
