//! The command line and storage: every `keel` subcommand run as a process,
//! the journal file under several writers, sync services and hostile input.
//! One test binary (not one per file), so a change links once.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is the test failing")]
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a test says what it measured or why it skipped; cargo test captures it"
)]

mod basics;
mod brief;
mod coach;
mod entry;
mod fuzz_input;
mod guidance;
mod interop;
mod notices;
mod out_guard;
// A private D-Bus session bus and systemd units: Linux only.
#[cfg(all(unix, not(target_os = "macos")))]
mod remind;
mod review;
mod stats;
mod storage_files;
mod storage_processes;
mod suggest;
mod sync;
mod sync_syncthing;
