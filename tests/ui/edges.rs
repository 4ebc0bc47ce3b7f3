//! Edge states a user meets: a very long title, two hundred people, a search
//! with no results, pages on an empty journal.

use crate::common::{TempWindow, click_button, harness, has_button, shows, type_into};
use jiff::civil::date;
use keel::model::{DecisionDraft, Journal, Style};
use keel::storage;

fn crowded_journal() -> TempWindow {
    let window = TempWindow::new();
    let mut journal = Journal::default();
    let long_title = format!("Reorganised the platform group {}", "and then some more ".repeat(30));
    let people: Vec<String> = (1..=200).map(|n| format!("Colleague {n:03}")).collect();
    let drafts = [
        DecisionDraft {
            title: long_title,
            date: Some(date(2026, 11, 20)),
            style: Some(Style::Management),
            people: people.clone(),
            ..DecisionDraft::default()
        },
        DecisionDraft { title: "A short one".into(), date: Some(date(2026, 11, 21)), ..DecisionDraft::default() },
    ];
    for draft in drafts {
        journal.push(draft.into_new_decision(date(2026, 11, 21), jiff::Timestamp::UNIX_EPOCH).expect("valid"));
    }
    storage::save(&window.path, &journal).expect("saved");
    window
}

#[test]
fn a_very_long_title_and_two_hundred_people_still_lay_out() {
    let window = crowded_journal();
    let mut harness = harness(window.app());
    assert!(shows(&harness, "2 decisions"));
    let long = harness.state().journal().decisions()[0].title.clone();
    assert!(has_button(&harness, &long), "the row keeps the whole title for screen readers");
    click_button(&mut harness, &long);
    assert!(shows(&harness, "Edit decision"));
    assert!(has_button(&harness, "Colleague 200  \u{00d7}"), "all 200 people are chips in the editor");
    for page in ["Balance", "Review", "Guide", "Settings", "Journal  2"] {
        click_button(&mut harness, page);
    }
}

#[test]
fn a_search_with_no_results_says_so_and_offers_to_clear() {
    let window = crowded_journal();
    let mut harness = harness(window.app());
    type_into(&mut harness, "Search", "nothing like this");
    assert!(shows(&harness, "No decisions match these filters."));
    click_button(&mut harness, "Clear filters");
    assert!(shows(&harness, "2 decisions"));
}

#[test]
fn every_page_of_an_empty_journal_explains_what_to_do() {
    let window = TempWindow::new();
    storage::save(&window.path, &Journal::default()).expect("saved");
    let mut harness = harness(window.app());
    assert!(shows(&harness, "No decisions yet."));
    click_button(&mut harness, "Balance");
    assert!(shows(&harness, "No decisions in this range."));
    click_button(&mut harness, "Review");
    assert!(shows(&harness, "No reviews written yet.") || shows(&harness, "Nothing overdue."));
}
