//! The window at the sizes people use: a 1280×800 laptop screen at 100 %,
//! 150 % and 200 % zoom. Nothing runs off the right edge or sits under the
//! scroll bar.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is the test failing")]

mod common;

use common::{demo_app, laptop_harness};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use keel::app::{KeelApp, Page};

/// Points of a 1280-pixel-wide window at `zoom`.
fn width_at(zoom: f32) -> f32 {
    1280.0 / zoom
}

/// Every node with a name or text, with its rect, that reaches past the
/// window's right edge (or starts left of it).
fn past_the_edges(harness: &Harness<'_, KeelApp>, width: f32) -> Vec<String> {
    harness
        .query_all_by(|node| node.bounding_box().is_some() && (node.label().is_some() || node.value().is_some()))
        .filter(|node| node.rect().right() > width + 0.5 || node.rect().left() < -0.5)
        .map(|node| {
            let node_ = node.accesskit_node();
            let text = node_.label().or_else(|| node_.value()).unwrap_or_default();
            format!("{:?} {:?} at {:?}", node_.role(), text.chars().take(50).collect::<String>(), node.rect())
        })
        .collect()
}

#[test]
fn at_200_percent_every_page_fits_the_window_width_with_charts_or_tables() {
    for tables in [false, true] {
        for page in Page::ALL {
            let mut app = demo_app();
            app.page = page;
            app.balance_page.choice.tables = [tables; 5];
            app.review_page.show_tables = tables;
            app.review_page.show_evidence_table = tables;
            let harness = laptop_harness(app, 2.0);
            let outside = past_the_edges(&harness, width_at(2.0));
            assert!(outside.is_empty(), "{page:?} (tables {tables}) at 200 %: {outside:#?}");
        }
    }
}

#[test]
fn at_150_and_200_percent_balance_and_guide_lines_wrap_inside_the_window() {
    for zoom in [1.5, 2.0] {
        for page in [Page::Balance, Page::Guide] {
            let mut app = demo_app();
            app.page = page;
            let harness = laptop_harness(app, zoom);
            let outside = past_the_edges(&harness, width_at(zoom));
            assert!(outside.is_empty(), "{page:?} at {zoom}: {outside:#?}");
        }
    }
    // The tables too, and the matrix as two lines a situation.
    let mut app = demo_app();
    app.page = Page::Balance;
    app.balance_page.choice.tables = [true; 5];
    let harness = laptop_harness(app, 2.0);
    let outside = past_the_edges(&harness, width_at(2.0));
    assert!(outside.is_empty(), "Balance tables at 200 %: {outside:#?}");
}

#[test]
fn at_200_percent_no_two_lines_of_text_on_screen_overlap() {
    for page in Page::ALL {
        let mut app = demo_app();
        app.page = page;
        let harness = laptop_harness(app, 2.0);
        // What is on screen before any scrolling, above the status bar.
        let status_top = harness
            .query_all_by(|node| node.value().as_deref() == Some("Not saved (sample)"))
            .map(|node| node.rect().top())
            .fold(f32::INFINITY, f32::min);
        let lines: Vec<(String, egui::Rect)> = harness
            .query_all_by(|node| node.role() == Role::TextRun && node.bounding_box().is_some())
            .map(|node| (node.accesskit_node().value().unwrap_or_default(), node.rect()))
            .filter(|(_, rect)| rect.bottom() <= status_top && rect.width() > 0.0)
            .collect();
        for (index, (text, rect)) in lines.iter().enumerate() {
            for (other, other_rect) in &lines[index + 1..] {
                // A pixel of touching is not overlap.
                let overlap = rect.intersect(*other_rect);
                assert!(
                    overlap.width() <= 1.0 || overlap.height() <= 1.0,
                    "{page:?}: {text:?} {rect:?} overlaps {other:?} {other_rect:?}"
                );
            }
        }
    }
}

/// The right edge of what a page's scroll area shows without the floating
/// scroll bar over it: the window less the page's margin and the bar.
fn clear_of_the_scroll_bar(harness: &Harness<'_, KeelApp>, width: f32) -> f32 {
    let style = harness.ctx.global_style();
    let page_margin = egui::Frame::central_panel(&style).inner_margin.rightf();
    width - page_margin - style.spacing.scroll.bar_width
}

#[test]
fn show_as_tables_on_the_review_page_is_never_under_the_scroll_bar_or_cut() {
    for zoom in [1.0, 1.5, 2.0] {
        let mut app = demo_app();
        app.page = Page::Review;
        let mut harness = laptop_harness(app, zoom);
        let checkbox =
            |harness: &Harness<'_, KeelApp>| harness.get_by_role_and_label(Role::CheckBox, "Show as tables").rect();
        harness.get_by_role_and_label(Role::CheckBox, "Show as tables").scroll_to_me();
        harness.run();
        let rect = checkbox(&harness);
        let clear = clear_of_the_scroll_bar(&harness, width_at(zoom));
        assert!(rect.right() <= clear, "at {zoom}: {rect:?} reaches under the scroll bar (clear to {clear})");
        // And it still works.
        harness.get_by_role_and_label(Role::CheckBox, "Show as tables").click();
        harness.run();
        assert!(harness.state().review_page.show_tables);
    }
    // Every other "Show as table" (Balance, Review) too.
    for page in [Page::Balance, Page::Review] {
        let mut app = demo_app();
        app.page = page;
        let harness = laptop_harness(app, 1.0);
        let clear = clear_of_the_scroll_bar(&harness, width_at(1.0));
        for node in harness.query_all_by_role_and_label(Role::CheckBox, "Show as table") {
            assert!(node.rect().right() <= clear, "{page:?}: {:?}", node.rect());
        }
    }
}
