//! Image snapshots of every page in light and dark, on the sample journal with
//! a fixed clock. Behind the `snapshots` feature: rendering needs wgpu and a
//! (software) Vulkan driver. Update with `UPDATE_SNAPSHOTS=1 cargo test
//! --features snapshots --test snapshots` and look at the PNGs before
//! committing them.

#![cfg(feature = "snapshots")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is the test failing")]

mod common;

use egui_kittest::{Harness, SnapshotOptions, SnapshotResults};
use keel::app::KeelApp;
use keel::context::Page;

fn render(page: Page, theme: egui::Theme, setup: impl FnOnce(&mut KeelApp)) -> Harness<'static, KeelApp> {
    let mut app = common::demo_app();
    app.page = page;
    // Settings shows its Reminders section as a desktop would: off, with
    // nothing on disk to read.
    app.set_reminder_places(keel::remind::Places::in_folder(
        &std::env::temp_dir().join("keel-snapshots-no-such-folder"),
        "keel".into(),
    ));
    setup(&mut app);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(theme)
        .wgpu()
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn snapshot(name: &str, page: Page, setup: impl Fn(&mut KeelApp)) {
    let mut results = SnapshotResults::new();
    for (theme, suffix) in [(egui::Theme::Light, "light"), (egui::Theme::Dark, "dark")] {
        let mut harness = render(page, theme, &setup);
        // Font hinting in the software renderer varies by a few pixels.
        harness.snapshot_options(format!("{name}_{suffix}"), &SnapshotOptions::new().max_failed_pixels(400));
        results.extend_harness(&mut harness);
    }
    let errors = results.into_inner();
    assert!(errors.is_empty(), "{} snapshot(s) differ: {errors:?}", errors.len());
}

#[test]
fn journal_page() {
    snapshot("journal", Page::Journal, |_| {});
}

#[test]
fn journal_page_with_the_editor_open() {
    snapshot("journal_editor", Page::Journal, |app| {
        let first = app.journal().decisions().last().map(|d| d.id.clone());
        app.open_editor(first);
    });
}

#[test]
fn journal_page_with_lessons_in_the_editor() {
    snapshot("journal_editor_lessons", Page::Journal, |app| {
        // A new decision as it is being written, a crisis ticked: the panel
        // lists the earlier reviewed ones.
        app.open_editor(None);
        let editor = app.pages.journal.editor.as_mut().expect("the editor opened");
        editor.draft.title = "Payments API down for a third of customers".into();
        editor.draft.note = "Called the incident and named one owner per fix.".into();
        editor.draft.situations = vec![keel::model::Situation::Crisis];
        editor.draft.style = Some(keel::model::Style::Management);
    });
}

#[test]
fn review_page_results_by_style() {
    snapshot("review_results", Page::Review, |app| app.pages.review.scroll_to_results());
}

#[test]
fn balance_page() {
    snapshot("balance", Page::Balance, |_| {});
}

#[test]
fn people_page() {
    snapshot("people", Page::People, |_| {});
}

#[test]
fn review_page() {
    snapshot("review", Page::Review, |_| {});
}

#[test]
fn guide_page() {
    snapshot("guide", Page::Guide, |_| {});
}

#[test]
fn settings_page() {
    snapshot("settings", Page::Settings, |_| {});
}

/// A 1280×800 window at `zoom`, as Ctrl+Plus makes it: the same pixels,
/// `zoom` times fewer points to lay the page out in.
fn render_zoomed(page: Page, zoom: f32) -> Harness<'static, KeelApp> {
    let mut app = common::demo_app();
    app.page = page;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0 / zoom, 800.0 / zoom))
        .with_pixels_per_point(zoom)
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

#[test]
fn journal_page_at_150_percent_zoom() {
    let mut harness = render_zoomed(Page::Journal, 1.5);
    harness.snapshot_options("journal_zoom150_light", &SnapshotOptions::new().max_failed_pixels(400));
}

#[test]
fn the_editor_takes_the_page_at_150_percent_and_in_an_800_by_600_window() {
    let mut results = SnapshotResults::new();
    for (name, size, zoom) in [
        ("journal_editor_zoom150_light", egui::vec2(1280.0 / 1.5, 800.0 / 1.5), 1.5),
        ("journal_editor_800x600_light", egui::vec2(800.0, 600.0), 1.0),
    ] {
        let mut app = common::demo_app();
        app.page = Page::Journal;
        let first = app.journal().decisions().last().map(|d| d.id.clone());
        app.open_editor(first);
        let mut harness = Harness::builder()
            .with_size(size)
            .with_pixels_per_point(zoom)
            .with_theme(egui::Theme::Light)
            .wgpu()
            .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
        harness.run();
        harness.snapshot_options(name, &SnapshotOptions::new().max_failed_pixels(400));
        results.extend_harness(&mut harness);
    }
    let errors = results.into_inner();
    assert!(errors.is_empty(), "{} snapshot(s) differ: {errors:?}", errors.len());
}

#[test]
fn balance_page_at_150_percent_zoom() {
    let mut harness = render_zoomed(Page::Balance, 1.5);
    harness.snapshot_options("balance_zoom150_light", &SnapshotOptions::new().max_failed_pixels(400));
}

#[test]
fn guide_page_at_150_percent_zoom() {
    let mut harness = render_zoomed(Page::Guide, 1.5);
    harness.snapshot_options("guide_zoom150_light", &SnapshotOptions::new().max_failed_pixels(400));
}

#[test]
fn titles_in_scripts_egui_lacks_use_system_fonts() {
    // The window gets eframe's system font fallback; the harness is given the
    // same. Debian's fonts-noto-cjk and fonts-noto-core have these scripts
    // (.ci/run installs them); a missing glyph fails the test.
    let mut app = common::demo_app();
    for (title, style) in [
        (
            "\u{d300}\u{acfc} \u{d568}\u{aed8} \u{c77c}\u{c815}\u{c744} \u{b2e4}\u{c2dc} \u{c815}\u{d588}\u{b2e4}",
            "leadership",
        ),
        (
            "\u{e17}\u{e35}\u{e21}\u{e40}\u{e25}\u{e37}\u{e2d}\u{e01}\u{e27}\u{e34}\u{e18}\u{e35}\u{e17}\u{e33}\u{e07}\u{e32}\u{e19}\u{e40}\u{e2d}\u{e07}",
            "management",
        ),
        (
            "\u{91f}\u{940}\u{92e} \u{928}\u{947} \u{928}\u{908} \u{92f}\u{94b}\u{91c}\u{928}\u{93e} \u{91a}\u{941}\u{928}\u{940}",
            "blend",
        ),
    ] {
        let decision = keel::model::Decision {
            id: keel::model::DecisionId::new_random(),
            date: common::today(),
            title: title.to_owned(),
            style: Some(style.parse().unwrap()),
            ..Default::default()
        };
        app.apply(keel::history::Edit::Add(decision));
    }
    app.page = Page::Journal;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(egui::Theme::Light)
        .with_context_setup(|ctx| {
            ctx.add_font_provider(std::sync::Arc::new(egui_system_font_provider::SystemFontProvider::new()));
        })
        .wgpu()
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    harness.run();
    harness.snapshot_options("journal_korean_thai_hindi_light", &SnapshotOptions::new().max_failed_pixels(400));
}

#[test]
fn week_page() {
    snapshot("week", Page::Week, |_| {});
}
