//! Keyboard: Tab walks the editor's fields in the order they are read (its
//! left column, then its right), then on to the Journal page's search,
//! filters and rows; Shift+Tab walks back.

use crate::common::{click_button, demo_app, harness};
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

    // The left column (what you wrote, what you expect), then the right
    // (how you judged it).
    assert_eq!(
        walk[..6],
        [
            "Date",
            "Pick the date from a calendar",
            "What happened, and why",
            "People",
            "Tags",
            "Looking ahead (optional)"
        ]
    );
    let situations: Vec<&str> = keel::guidance::Guidance::get().situations.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(situations.len(), 9, "the nine situations, one stop each");
    for situation in &situations {
        assert!(walk[6..15].iter().any(|label| label == situation), "{situation} reached by Tab: {walk:#?}");
    }
    assert_eq!(walk[15..20], ["Leadership", "Blend", "Management", "Untagged", "Contrast lens (optional)"]);
    // Past the editor: the page's own controls, search first.
    assert!(walk[20..].iter().any(|label| label == "Search"), "{walk:#?}");

    // Back from Search into the right column.
    for _ in 0..10 {
        if focused(&harness) == "Search" {
            break;
        }
        press(&mut harness, Modifiers::SHIFT);
    }
    assert_eq!(focused(&harness), "Search");
    let back: Vec<String> = (0..4).map(|_| press(&mut harness, Modifiers::SHIFT)).collect();
    let editor_back: Vec<&String> = back.iter().filter(|label| label.as_str() != "Resize panel").collect();
    assert_eq!(editor_back[..3], ["Contrast lens (optional)", "Untagged", "Management"]);
}

/// Types `text` as a keyboard does: a space is a key press (which clicks a
/// focused button) and text.
fn type_keys(harness: &mut Harness<'_, KeelApp>, text: &str) {
    for c in text.chars() {
        if c == ' ' {
            harness.event(egui::Event::Key {
                key: Key::Space,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            });
        }
        harness.event(egui::Event::Text(c.to_string()));
        harness.run();
    }
}

fn draft(harness: &Harness<'_, KeelApp>) -> keel::model::DecisionDraft {
    harness.state().pages.journal.editor.as_ref().expect("the editor is open").kept_draft()
}

#[test]
fn typing_after_tab_onto_a_name_chip_goes_to_the_field_and_keeps_the_name() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "New decision");
    let people = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "People");
    people.focus();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "People").type_text("Ana");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(draft(&harness).people, ["Ana"]);
    // Back onto the chip, as Shift+Tab from the field (or Tab from the
    // note) lands there, then a name typed with a space.
    press(&mut harness, Modifiers::SHIFT);
    assert_eq!(focused(&harness), "Ana  \u{d7}");
    type_keys(&mut harness, "Bo Li");
    assert_eq!(focused(&harness), "People");
    assert_eq!(draft(&harness).people, ["Ana", "Bo Li"], "Ana kept; what was typed in the field");
    assert_eq!(
        harness.state().pages.journal.editor.as_ref().expect("open").draft.people,
        ["Ana"],
        "Bo Li still being typed"
    );
}

#[test]
fn typing_after_tab_onto_the_calendar_button_goes_to_the_note() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "New decision");
    harness.get_by_label("Date").focus();
    harness.run();
    assert_eq!(press(&mut harness, Modifiers::NONE), "Pick the date from a calendar");
    type_keys(&mut harness, "We froze it");
    assert_eq!(focused(&harness), "What happened, and why");
    assert_eq!(draft(&harness).note, "We froze it", "no letter lost, no calendar opened by the space");
    assert!(harness.query_by_label("Today").is_none(), "the calendar stays closed");
}

#[test]
fn typing_after_tab_onto_a_suggestion_goes_to_people() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "New decision");
    crate::common::type_into(
        &mut harness,
        "What happened, and why",
        "The server room flooded overnight and the outage hit every customer; I set up a war room",
    );
    let chip = press(&mut harness, Modifiers::NONE);
    assert!(chip.starts_with('+'), "Tab from the note reaches a suggestion first: {chip}");
    type_keys(&mut harness, "Marco");
    assert_eq!(focused(&harness), "People");
    harness.key_press(Key::Enter);
    harness.run();
    let draft = draft(&harness);
    assert_eq!(draft.people, ["Marco"]);
    assert!(draft.situations.is_empty() && draft.style.is_none(), "no suggestion applied by typing");
}
