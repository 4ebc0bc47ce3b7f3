//! This week: the page Keel opens on. A reflection answered, saved and
//! found again; a goal set, moved by a matching decision, marked done and
//! undone; the empty journal; the start page.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use keel::app::KeelApp;
use keel::context::{OpenOn, Page};
use keel::model::{DecisionDraft, Journal, Situation, Style, week_start};
use keel::storage;

use crate::common::{TempWindow, click_button, harness, shows, shows_containing};

/// A journal with decisions this week: one led where the team was
/// confident, one managed there too (against the guidance), one managed in
/// a crisis.
fn this_week() -> TempWindow {
    let window = TempWindow::new();
    let mut journal = Journal::default();
    let today = crate::common::today();
    for (title, style, situation) in [
        ("Let Ana run the planning", Style::Leadership, Situation::ConfidentTeam),
        ("Rewrote Bo's rollout plan myself", Style::Management, Situation::ConfidentTeam),
        ("Took command of the outage", Style::Management, Situation::Crisis),
    ] {
        let draft = DecisionDraft {
            title: title.into(),
            date: Some(today),
            style: Some(style),
            situations: vec![situation],
            ..DecisionDraft::default()
        };
        journal.push(draft.into_new_decision(today, jiff::Timestamp::UNIX_EPOCH).expect("valid"));
    }
    storage::save(&window.path, &journal).expect("saved");
    window
}

fn go_to_this_week(harness: &mut Harness<'_, KeelApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert_eq!(harness.state().page, Page::Week, "Ctrl+1 shows This week");
}

/// The answer field of question `n` (1-based).
fn answer_field<'a>(harness: &'a Harness<'_, KeelApp>, n: usize) -> egui_kittest::Node<'a> {
    let start = format!("{n}. ");
    harness.get_by(move |node| {
        node.role() == Role::MultilineTextInput && node.label().is_some_and(|l| l.starts_with(&start))
    })
}

/// Focuses question `n`'s answer and types `text` at its end.
fn type_answer(harness: &mut Harness<'_, KeelApp>, n: usize, text: &str) {
    answer_field(harness, n).focus();
    harness.run();
    answer_field(harness, n).type_text(text);
    harness.run();
}

#[test]
fn a_reflection_is_answered_saved_and_there_again_when_the_week_is_opened() {
    let window = this_week();
    let mut harness = harness(window.app());
    go_to_this_week(&mut harness);
    assert!(shows_containing(&harness, "3 decisions: 1 leadership, 2 management"));
    assert!(shows(&harness, "no reason noted yet"), "the decision against the guidance, without a reason");

    // The questions name this week's decisions; the first is answered.
    let question = answer_field(&harness, 1).accesskit_node().label().expect("labelled");
    assert!(
        ["Let Ana run the planning", "Rewrote Bo's rollout plan myself", "Took command of the outage"]
            .iter()
            .any(|title| question.contains(title)),
        "{question}"
    );
    type_answer(&mut harness, 1, "I wanted the plan to be perfect; next time I ask Bo first.");
    click_button(&mut harness, "Save reflection");
    let monday = week_start(crate::common::today());
    let saved = harness.state().journal().reflection_for(monday).expect("saved in the journal").clone();
    assert_eq!(saved.answers[0].answer, "I wanted the plan to be perfect; next time I ask Bo first.");
    assert_eq!(Some(saved.answers[0].question.as_str()), question.strip_prefix("1. "), "the question is kept as asked");

    // Another week and back: the answer is there again.
    click_button(&mut harness, "\u{23f4} Earlier week");
    assert!(shows(&harness, "Last week"));
    click_button(&mut harness, "Back to this week");
    assert_eq!(
        answer_field(&harness, 1).value().as_deref(),
        Some("I wanted the plan to be perfect; next time I ask Bo first.")
    );
    harness.state_mut().flush_saves();
    let on_disk = storage::load(&window.path).expect("saved");
    assert_eq!(
        on_disk.reflection_for(monday).map(|r| r.answers[0].answer.clone()),
        Some(saved.answers[0].answer.clone())
    );
}

#[test]
fn a_goal_is_set_moves_with_a_matching_decision_and_is_marked_done_and_undone() {
    let window = this_week();
    let mut harness = harness(window.app());
    go_to_this_week(&mut harness);
    click_button(&mut harness, "New goal\u{2026}");
    harness
        .get_by_role_and_label(Role::TextInput, "What do you want to work on?")
        .type_text("Hand off a critical task each week");
    harness.run();
    harness.get_by_role_and_label(Role::RadioButton, "A style practised each week").click();
    harness.run();
    harness.get_by_role_and_label(Role::RadioButton, "Management").click();
    harness.run();
    harness
        .get_by_role_and_label(
            Role::CheckBox,
            &keel::guidance::Guidance::get().situation(Situation::CriticalDelegation).label,
        )
        .click();
    harness.run();
    click_button(&mut harness, "Set the goal");
    let goal = harness.state().journal().goals().first().expect("set").clone();
    assert_eq!((goal.per_week, goal.style), (Some(1), Some(Style::Management)));
    assert!(shows_containing(&harness, "So far: 0.0 a week, from 0 decisions"), "nothing matches yet");

    // A matching decision, written in the editor, moves it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Title").type_text("Gave Chidi the release sign-off");
    harness.run();
    harness
        .get_by_role_and_label(
            Role::CheckBox,
            &keel::guidance::Guidance::get().situation(Situation::CriticalDelegation).label,
        )
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::RadioButton, "Management").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    go_to_this_week(&mut harness);
    assert!(shows_containing(&harness, "So far: 1.0 a week, from 1 decision"), "the new decision counts");
    assert!(shows(&harness, "on track"));

    click_button(&mut harness, "Mark done: Hand off a critical task each week");
    assert!(harness.state().journal().goals()[0].done.is_some());
    assert!(!shows(&harness, "Hand off a critical task each week"), "a done goal leaves the week");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().journal().goals()[0].done.is_none(), "undone");
    assert!(shows(&harness, "Hand off a critical task each week"));

    // Edited: the same goal, a new target.
    click_button(&mut harness, "Edit goal: Hand off a critical task each week");
    let per_week = harness.get_by_role_and_label(Role::TextInput, "decisions a week, at least");
    per_week.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(Role::TextInput, "decisions a week, at least").type_text("2");
    harness.run();
    click_button(&mut harness, "Save the goal");
    let edited = harness.state().journal().goals()[0].clone();
    assert_eq!((edited.id.as_str(), edited.per_week), (goal.id.as_str(), Some(2)), "the same goal, two a week now");
    assert!(shows_containing(&harness, "Target: 2 management decisions a week"));
}

#[test]
fn an_empty_journal_says_what_to_do_first() {
    let window = TempWindow::new();
    storage::save(&window.path, &Journal::default()).expect("saved");
    let mut harness = harness(window.app());
    go_to_this_week(&mut harness);
    assert!(shows(&harness, "Nothing written yet"));
    click_button(&mut harness, "New decision");
    assert_eq!(harness.state().page, Page::Journal, "the editor opened");
}

#[test]
fn the_window_opens_on_this_week_unless_settings_say_the_page_left() {
    let mut app = crate::common::demo_app();
    app.page = Page::Balance;
    app.show_start_page();
    assert_eq!(app.page, Page::Week);
    app.page = Page::Balance;
    app.preferences.open_on = OpenOn::LastPage;
    app.show_start_page();
    assert_eq!(app.page, Page::Balance);
}

#[test]
fn the_balance_page_offers_its_mismatch_as_a_goal_and_sets_it_only_when_asked() {
    let mut harness = harness(crate::common::demo_app());
    let before = harness.state().journal().goals().len();
    click_button(&mut harness, "Balance");
    let offer = harness
        .query_all_by(|node| node.value().is_some_and(|text| text.starts_with("Work on it: ")))
        .next()
        .and_then(|node| node.accesskit_node().value())
        .expect("the sample journal goes against the guidance somewhere");
    click_button(&mut harness, "Make it a goal\u{2026}");
    assert_eq!(harness.state().page, Page::Week);
    assert_eq!(harness.state().journal().goals().len(), before, "nothing set yet");
    let field = harness.get_by_role_and_label(Role::TextInput, "What do you want to work on?").rect();
    assert!(field.top() >= 0.0 && field.bottom() <= 900.0, "the form is in view: {field:?}");
    let title = harness.get_by_role_and_label(Role::TextInput, "What do you want to work on?").value().expect("filled");
    assert!(offer.contains(&title), "the form holds the offer: {title} / {offer}");
    click_button(&mut harness, "Set the goal");
    let goals = harness.state().journal().goals();
    assert_eq!(goals.len(), before + 1);
    let set = goals.iter().find(|goal| goal.title == title).expect("set");
    assert_eq!((set.kind, set.situations.len(), set.min_percent), (keel::model::GoalKind::Fit, 1, Some(70)));
}

#[test]
fn answers_typed_and_not_saved_survive_another_week_count_as_unsaved_and_follow_undo_once_saved() {
    let window = this_week();
    let mut harness = harness(window.app());
    go_to_this_week(&mut harness);
    type_answer(&mut harness, 1, "Half a thought");
    assert!(harness.state().has_unsaved_edits(), "typing not saved is an unsaved edit (quitting asks)");
    click_button(&mut harness, "\u{23f4} Earlier week");
    click_button(&mut harness, "Back to this week");
    assert_eq!(answer_field(&harness, 1).value().as_deref(), Some("Half a thought"), "kept across weeks");

    click_button(&mut harness, "Save reflection");
    assert!(!harness.state().has_unsaved_edits());
    type_answer(&mut harness, 1, ", finished");
    click_button(&mut harness, "Save reflection");
    assert_eq!(answer_field(&harness, 1).value().as_deref(), Some("Half a thought, finished"));
    // Undo shows the answer the journal now holds, not the one typed last.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(answer_field(&harness, 1).value().as_deref(), Some("Half a thought"));
    let monday = week_start(crate::common::today());
    assert_eq!(harness.state().journal().reflection_for(monday).expect("saved").answers[0].answer, "Half a thought");
}

#[test]
fn quitting_with_a_reflection_typed_saves_it_when_asked_to() {
    let window = this_week();
    let mut harness = harness(window.app());
    go_to_this_week(&mut harness);
    type_answer(&mut harness, 1, "Written just before quitting");
    let kept = harness.state().drafts_to_keep();
    assert_eq!(kept.reflections.len(), 1, "kept in the window's storage while typed");
    assert!(kept.describe().contains("the reflection on the week of"), "{}", kept.describe());
    // The window's close button: held back, asked about, then saved.
    harness.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().events.push(egui::ViewportEvent::Close);
    harness.run();
    harness.run();
    assert!(shows(&harness, "Save before quitting?"));
    assert!(shows_containing(&harness, "the reflection on the week of"));
    harness.get_by(|node| node.role() == Role::Button && node.label().as_deref() == Some("Save")).click();
    harness.run();
    harness.state_mut().flush_saves();
    let monday = week_start(crate::common::today());
    let on_disk = storage::load(&window.path).expect("saved");
    assert_eq!(
        on_disk.reflection_for(monday).map(|r| r.answers[0].answer.clone()).as_deref(),
        Some("Written just before quitting")
    );
}
