//! `keel encrypt` and `keel decrypt`: encryption at rest with a passphrase.

use age::secrecy::{ExposeSecret as _, SecretString};
use clap::Args;

use super::{Cli, CliError};
use crate::storage::crypto::passphrase_from_env;
use crate::storage::{StorageError, Store};

/// The environment variable scripts set to give the journal's passphrase.
pub const PASSPHRASE_VAR: &str = "KEEL_PASSPHRASE";
/// The environment variable scripts set to give a new passphrase.
pub const NEW_PASSPHRASE_VAR: &str = "KEEL_NEW_PASSPHRASE";

/// Shown after `keel encrypt --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel encrypt                        asks for a new passphrase twice
  KEEL_NEW_PASSPHRASE=… keel encrypt  for scripts
  keel encrypt --change-passphrase    asks for the current one, then a new one
  keel decrypt                        back to a plain file";

/// Arguments of `keel encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// Change the passphrase of an already encrypted journal.
    #[arg(long)]
    pub change_passphrase: bool,
}

fn prompt(text: &str) -> Result<SecretString, CliError> {
    rpassword::prompt_password(text).map(SecretString::from).map_err(|error| {
        CliError::Other(format!("cannot ask for the passphrase ({error}); set {PASSPHRASE_VAR} instead"))
    })
}

/// Unlocks `store`'s key: from `KEEL_PASSPHRASE`, else by asking (without
/// echo) up to three times.
///
/// # Errors
/// A wrong passphrase from the environment, three wrong answers, or no way
/// to ask.
pub fn unlock(store: &mut Store) -> Result<(), CliError> {
    if let Some(passphrase) = passphrase_from_env(PASSPHRASE_VAR) {
        return Ok(store.unlock(&passphrase)?);
    }
    let question = format!("Passphrase for {}: ", store.path().display());
    for attempt in 1..=3 {
        match store.unlock(&prompt(&question)?) {
            Ok(()) => return Ok(()),
            Err(StorageError::WrongPassphrase { .. }) if attempt < 3 => {
                super::stderr::notice("that passphrase does not unlock the journal; try again");
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(CliError::Other("the passphrase was not given".to_owned()))
}

fn new_passphrase() -> Result<SecretString, CliError> {
    if let Some(passphrase) = passphrase_from_env(NEW_PASSPHRASE_VAR) {
        return Ok(passphrase);
    }
    let first = prompt("New passphrase: ")?;
    if first.expose_secret().is_empty() {
        return Err(CliError::Usage("the passphrase cannot be empty".to_owned()));
    }
    let second = prompt("The same passphrase again: ")?;
    if first.expose_secret() != second.expose_secret() {
        return Err(CliError::Usage("the two passphrases differ; nothing was changed".to_owned()));
    }
    Ok(first)
}

/// Runs `keel encrypt`.
///
/// # Errors
/// Usage errors (`--demo`, already encrypted, not encrypted); storage errors.
pub fn run_encrypt(cli: &Cli, args: &EncryptArgs, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage("the sample journal (--demo) is never saved, so never encrypted".to_owned()));
    }
    let mut store = super::store_of(cli)?;
    if args.change_passphrase {
        if !store.is_encrypted() {
            return Err(CliError::Usage("the journal is not encrypted; run `keel encrypt` first".to_owned()));
        }
        unlock(&mut store)?;
        store.change_passphrase(&new_passphrase()?)?;
        writeln!(out, "Changed the passphrase of {}.", store.path().display())?;
        return Ok(());
    }
    if store.is_encrypted() {
        if store.left_plain().is_empty() {
            return Err(CliError::Usage(
                "the journal is already encrypted; use --change-passphrase to change its passphrase".to_owned(),
            ));
        }
        // An earlier `keel encrypt` stopped after writing the key file: its
        // passphrase is the one that run was given.
        match passphrase_from_env(PASSPHRASE_VAR).or_else(|| passphrase_from_env(NEW_PASSPHRASE_VAR)) {
            Some(passphrase) => store.unlock(&passphrase)?,
            None => unlock(&mut store)?,
        }
        let done = store.finish_encryption()?;
        writeln!(out, "{}", done.describe(store.path()))?;
        return Ok(());
    }
    let done = store.encrypt_reporting(&new_passphrase()?)?;
    writeln!(out, "{}", done.describe(store.path()))?;
    Ok(())
}

/// Runs `keel decrypt`.
///
/// # Errors
/// Usage error when the journal is not encrypted; storage errors.
pub fn run_decrypt(cli: &Cli, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if cli.demo {
        return Err(CliError::Usage("the sample journal (--demo) is not encrypted".to_owned()));
    }
    let mut store = super::store_of(cli)?;
    if !store.is_encrypted() {
        return Err(CliError::Usage("the journal is not encrypted".to_owned()));
    }
    unlock(&mut store)?;
    store.decrypt()?;
    writeln!(out, "Decrypted {} and its backups; it is a plain text file again.", store.path().display())?;
    Ok(())
}
