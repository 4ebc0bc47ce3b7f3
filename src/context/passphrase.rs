//! A passphrase typed in the window, on its way to the store.

/// A passphrase typed in the window on its way to the store (unlock,
/// encrypt): debug output never shows it, so a logged command does not
/// give it away, and its memory is wiped when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(zeroize::Zeroizing<String>);

impl Passphrase {
    /// The passphrase `text`.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self(zeroize::Zeroizing::new(text.into()))
    }

    /// The passphrase itself, for the store.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}
