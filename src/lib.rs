//! Keel: a decision journal for people who lead and manage.
//!
//! Modules import one way: the domain (`model`, `guidance`, `analysis`,
//! `storage`, `interop`, `report`, `remind`, `samples`, and `history`: the
//! open journal with its undo and the edits that change it) ← `context`
//! (what the window's pages read and send) ← `ui` (the pages, screens and
//! widgets) ← `app` (the window's state and shell) ← `main`; `cli` sits
//! beside `app`. The domain never touches egui (`scripts/check_layers.sh`
//! checks it all).

// Tests may unwrap and expect: a panic there is the test failing.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod app;
pub mod cli;
pub mod context;
pub mod guidance;
pub mod history;
pub mod interop;
pub mod model;
pub mod remind;
pub mod report;
pub mod samples;
pub mod storage;
pub mod ui;

/// The reverse-DNS app id: the window's Wayland app id and X11 class, the
/// installed desktop entry's name (so notifications carry Keel's icon) and
/// the `AppStream` component id.
pub const APP_ID: &str = "io.github.keel_journal.Keel";
