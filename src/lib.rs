//! Keel: a decision journal for people who lead and manage.
//!
//! The domain (`model`, `guidance`, `analysis`, `storage`, `interop`, `cli`) never touches egui; the
//! window lives in `app` (state and commands) and `ui` (a thin view).

// Tests may unwrap and expect: a panic there is the test failing.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod app;
pub mod cli;
pub mod guidance;
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
