//! The command palette and the one command list, driven as a user would:
//! Ctrl+K, type, arrows, Enter, Esc; the menus and the shortcut sheet
//! showing keys from the same list.

use crate::common::{click_button, demo_app, harness, shows};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use keel::context::Page;

const SEARCH: &str = "Search commands, pages and decisions";

fn open_palette(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    assert!(harness.query_by_label(SEARCH).is_some(), "the palette is open");
}

fn type_query(harness: &mut egui_kittest::Harness<'_, keel::app::KeelApp>, text: &str) {
    harness.get_by_label(SEARCH).type_text(text);
    harness.run();
}

#[test]
fn ctrl_k_then_a_few_letters_and_enter_goes_to_a_page() {
    let mut harness = harness(demo_app());
    open_palette(&mut harness);
    type_query(&mut harness, "bal");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().page, Page::Balance);
    assert!(harness.query_by_label(SEARCH).is_none(), "closed after running");
}

#[test]
fn a_decision_found_by_its_title_opens_in_the_editor() {
    let mut harness = harness(demo_app());
    harness.state_mut().page = Page::Guide;
    harness.run();
    let wanted = harness.state().journal().decisions()[3].clone();
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
    harness.run();
    type_query(&mut harness, &wanted.title);
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().page, Page::Journal);
    let editing = harness.state().pages.journal.editor.as_ref().and_then(|editor| editor.target().cloned());
    assert_eq!(editing, Some(wanted.id));
    assert_eq!(harness.get_by_label("Title").value().as_deref(), Some(wanted.title.as_str()));
}

#[test]
fn arrows_move_the_choice_and_a_command_runs_with_enter() {
    let mut harness = harness(demo_app());
    open_palette(&mut harness);
    type_query(&mut harness, "new decision");
    // The best match first; down and up come back to it.
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::ArrowUp);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().pages.journal.editor.is_some(), "New decision ran");
    assert!(harness.state().pages.journal.editor.as_ref().and_then(|editor| editor.target()).is_none());
}

#[test]
fn esc_closes_the_palette_and_changes_nothing() {
    let mut harness = harness(demo_app());
    let before = harness.state().journal().clone();
    open_palette(&mut harness);
    type_query(&mut harness, "undo");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label(SEARCH).is_none());
    assert_eq!(harness.state().journal(), &before);
    assert_eq!(harness.state().page, Page::Journal);
}

#[test]
fn a_query_that_matches_nothing_says_so() {
    let mut harness = harness(demo_app());
    open_palette(&mut harness);
    type_query(&mut harness, "zzqxj");
    assert!(shows(&harness, "Nothing matches."));
}

#[test]
fn the_shortcut_sheet_and_the_menus_show_the_keys_of_the_one_list() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "View");
    let labels: Vec<String> = harness
        .query_all_by(|node| node.label().is_some_and(|l| l.starts_with("Balance")))
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert!(labels.iter().any(|label| label == "Balance Ctrl+3"), "a page in the View menu with its key: {labels:?}");
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::F1);
    harness.run();
    assert!(shows(&harness, "Ctrl+K or Ctrl+Shift+P"), "the palette's keys on the sheet");
    assert!(shows(&harness, "Find any command, page or decision by typing"));
    assert!(shows(&harness, "Ctrl+Shift+Z or Ctrl+Y"));
    assert!(shows(&harness, "F1 or ?"), "a key alone shows its symbol");
}

#[test]
fn ctrl_and_a_digit_shows_that_page() {
    let mut harness = harness(demo_app());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num5);
    harness.run();
    assert_eq!(harness.state().page, Page::Review);
}
