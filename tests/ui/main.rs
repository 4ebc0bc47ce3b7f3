//! The window, driven through `egui_kittest` as a user would: click, type,
//! press keys, and check what is shown and what reaches the journal file.
//! One test binary (not one per file), so a change links once.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is the test failing")]

#[path = "../common/mod.rs"]
mod common;

mod balance;
mod edges;
mod file_chooser;
mod guidance;
mod import;
mod journal;
mod layout;
mod loading;
mod palette;
mod people;
mod reminders;
mod review;
mod settings;
mod storage;
mod sync;
mod tab_order;
mod week;
