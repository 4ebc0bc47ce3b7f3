//! CPU time of one headless frame of each page (layout with `run_ui`, then
//! tessellation) at 1k / 10k / 100k decisions, an empty frame as the
//! baseline, and a keystroke in the Journal search box (the search text
//! changes, the frame refilters the list and draws it).
//!
//! `cargo bench --bench frame`
//!
//! The journals are generated, saved to a temporary folder and opened with
//! `KeelApp::open` once per size, outside the timed part; every bench draws
//! a couple of frames first so the pages' caches are warm.

#![allow(missing_docs, reason = "benchmark functions")]
#![allow(clippy::expect_used, reason = "a failed setup is a failed benchmark")]

use std::sync::Arc;

use divan::{Bencher, black_box};
use jiff::civil::date;
use keel::app::KeelApp;
use keel::context::Page;
use keel::model::FixedClock;
use keel::samples::synthetic::synthetic_journal;
use keel::storage;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

/// A desktop-sized window's input, at time `time` (seconds).
fn input(time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 900.0))),
        time: Some(time),
        ..egui::RawInput::default()
    }
}

/// A window on a synthetic journal of `size` decisions, showing `page`.
struct Window {
    ctx: egui::Context,
    app: KeelApp,
    time: f64,
    _folder: tempfile::TempDir,
}

impl Window {
    fn new(size: usize, page: Page) -> Self {
        let today = date(2026, 11, 29);
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("journal.ron");
        storage::save(&path, &synthetic_journal(size, 42, today)).expect("saved");
        let mut app = KeelApp::open(path, Arc::new(FixedClock::at_date(today)));
        app.page = page;
        let mut window = Self { ctx: egui::Context::default(), app, time: 0.0, _folder: folder };
        for _ in 0..3 {
            window.frame();
        }
        window
    }

    /// One frame: layout, then tessellation (what a renderer would upload).
    fn frame(&mut self) -> usize {
        self.time += 1.0 / 60.0;
        let app = &mut self.app;
        let output = self.ctx.run_ui(input(self.time), |ui| app.frame_ui(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        primitives.len()
    }
}

/// The baseline: an empty frame in the same context (egui's own cost).
#[divan::bench]
fn empty_frame(bencher: Bencher<'_, '_>) {
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = || {
        time += 1.0 / 60.0;
        let output = ctx.run_ui(input(time), |ui| {
            egui::CentralPanel::default().show(ui, |ui| ui.label("Keel"));
        });
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    frame();
    bencher.bench_local(|| black_box(frame()));
}

fn bench_page(bencher: Bencher<'_, '_>, size: usize, page: Page) {
    let mut window = Window::new(size, page);
    bencher.bench_local(|| black_box(window.frame()));
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn journal_page(bencher: Bencher<'_, '_>, size: usize) {
    bench_page(bencher, size, Page::Journal);
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn balance_page(bencher: Bencher<'_, '_>, size: usize) {
    bench_page(bencher, size, Page::Balance);
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn review_page(bencher: Bencher<'_, '_>, size: usize) {
    bench_page(bencher, size, Page::Review);
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn people_page(bencher: Bencher<'_, '_>, size: usize) {
    bench_page(bencher, size, Page::People);
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn guide_page(bencher: Bencher<'_, '_>, size: usize) {
    bench_page(bencher, size, Page::Guide);
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn settings_page(bencher: Bencher<'_, '_>, size: usize) {
    bench_page(bencher, size, Page::Settings);
}

/// A keystroke in the search box: the search text changes (alternating
/// between two words so every frame refilters), and the frame filters and
/// draws the list.
#[divan::bench(args = SIZES, sample_count = 50)]
fn journal_search_keystroke(bencher: Bencher<'_, '_>, size: usize) {
    let mut window = Window::new(size, Page::Journal);
    let words = ["rol", "role"];
    let mut next = 0;
    bencher.bench_local(|| {
        words[next % 2].clone_into(&mut window.app.pages.journal.filter.search);
        next += 1;
        black_box(window.frame())
    });
}
