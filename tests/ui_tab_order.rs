//! Keyboard: Tab walks the editor's fields in the order they are read (its
//! left column, then its right), then on to the Journal page's search,
//! filters and rows; Shift+Tab walks back.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic in a test is the test failing")]

mod common;

use common::{click_button, demo_app, harness};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use keel::app::KeelApp;

/// The label of the focused widget ("-" when nothing has focus).
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method path is not general over the node's lifetime"
)]
fn focused(harness: &Harness<'_, KeelApp>) -> String {
    harness
        .query_by(|node| node.is_focused())
        .and_then(|node| node.accesskit_node().label())
        .unwrap_or_else(|| "-".to_owned())
}

fn press(harness: &mut Harness<'_, KeelApp>, modifiers: Modifiers) -> String {
    harness.key_press_modifiers(modifiers, Key::Tab);
    harness.run();
    focused(harness)
}

#[test]
fn tab_walks_the_editor_top_to_bottom_and_shift_tab_walks_back() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "New decision");
    let walk: Vec<String> = (0..23).map(|_| press(&mut harness, Modifiers::NONE)).collect();

    // The left column (what you wrote), then the right (how you judged it).
    assert_eq!(walk[..5], ["Date", "Pick the date from a calendar", "What happened, and why", "People", "Tags"]);
    let situations: Vec<&str> = keel::guidance::Guidance::get().situations.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(situations.len(), 9, "the nine situations, one stop each");
    for situation in &situations {
        assert!(walk[5..14].iter().any(|label| label == situation), "{situation} reached by Tab: {walk:#?}");
    }
    assert_eq!(walk[14..18], ["Leadership", "Blend", "Management", "Untagged"]);
    assert_eq!(walk[18..20], ["Contrast lens (optional)", "Looking ahead (optional)"]);
    // Past the editor: the page's own controls, search first.
    assert!(walk[19..].iter().any(|label| label == "Search"), "{walk:#?}");

    // Back from Search to Tags, People and Looking ahead.
    for _ in 0..10 {
        if focused(&harness) == "Search" {
            break;
        }
        press(&mut harness, Modifiers::SHIFT);
    }
    assert_eq!(focused(&harness), "Search");
    let back: Vec<String> = (0..4).map(|_| press(&mut harness, Modifiers::SHIFT)).collect();
    let editor_back: Vec<&String> = back.iter().filter(|label| label.as_str() != "Resize panel").collect();
    assert_eq!(editor_back[..3], ["Looking ahead (optional)", "Contrast lens (optional)", "Untagged"]);
}
