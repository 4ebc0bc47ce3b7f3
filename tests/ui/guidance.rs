//! The article's guidance in the window: the editor's live recommendation and
//! mismatch prompt, the fit filter, the contrast lens and the Guide page.

use crate::common::{TempWindow, choose, click, click_button, demo_app, harness, shows, shows_containing, type_into};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use keel::analysis::Filter;
use keel::analysis::filter::FitFilter;
use keel::guidance::Guidance;
use keel::guidance::Judged as _;
use keel::model::{Situation, Style};

fn situation_label(situation: Situation) -> String {
    Guidance::get().situation(situation).label.clone()
}

#[test]
fn ticking_crisis_recommends_managing_and_leading_invites_a_note() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    assert!(shows_containing(&harness, "Tick the situations you were in"));

    click(&mut harness, &situation_label(Situation::Crisis));
    assert!(shows_containing(&harness, "When a crisis is unfolding, managing fits best"));

    choose(&mut harness, "Leadership");
    assert!(shows_containing(&harness, "You chose to lead although a crisis is unfolding"));
    assert!(shows_containing(&harness, "what made that right?"));

    click_button(&mut harness, "Note why");
    type_into(&mut harness, "Title", "Let the on-call engineer run the outage call");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = &harness.state().journal().decisions()[0];
    assert_eq!(saved.style, Some(Style::Leadership));
    assert!(saved.note.starts_with("Why leading was right here:"), "{:?}", saved.note);
    assert_eq!(saved.fit(), Some(0.0));
}

#[test]
fn once_the_reason_is_written_the_against_the_guidance_warning_steps_down() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    click(&mut harness, &situation_label(Situation::Crisis));
    choose(&mut harness, "Leadership");
    click_button(&mut harness, "Note why");
    // Only the prompt so far: the warning and its button stay.
    assert!(shows_containing(&harness, "what made that right?"));
    // The cursor is at the end of the started line: the reason goes there.
    harness.event(egui::Event::Text("the on-call engineer knew the system best".into()));
    harness.run();
    assert!(!shows_containing(&harness, "what made that right?"), "the warning is gone once the reason is written");
    assert!(shows_containing(&harness, "Against the guidance, and your note says why."));
    assert!(!crate::common::has_button(&harness, "Note why"), "no second why line offered");
}

#[test]
fn choosing_management_in_a_crisis_says_it_fits() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    click(&mut harness, &situation_label(Situation::Crisis));
    choose(&mut harness, "Management");
    assert!(shows_containing(&harness, "Management fits what these situations call for."));
    assert!(!shows_containing(&harness, "what made that right?"));
}

#[test]
fn the_list_filters_to_decisions_that_went_against_the_guidance() {
    let mut harness = harness(demo_app());
    let against =
        harness.state().journal().decisions().iter().filter(|d| d.fit().is_some_and(|fit| fit == 0.0)).count();
    assert!(against > 0);
    click(&mut harness, "Guidance");
    click(&mut harness, "Went against the guidance");
    let total = harness.state().journal().len();
    assert!(shows(&harness, &format!("{against} of {total} decisions")));
    assert_eq!(harness.state().pages.journal.filter.fit, Some(FitFilter::Against));
}

#[test]
fn the_contrast_lens_is_stored_with_the_decision() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Set the vision for next year");
    click(&mut harness, "Contrast lens (optional)");
    click(&mut harness, "Score this decision on the four contrasts");
    harness.get_by_label("Vision \u{2194} Execution").scroll_to_me();
    harness.run();
    // The slider's left end is the leadership pole.
    harness.get_by_label("Vision \u{2194} Execution").decrement_accesskit();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let scores = harness.state().journal().decisions()[0].contrasts.expect("scored");
    assert_ne!(scores.vision_execution, 0, "the slider moved the score");
    assert_eq!(scores.people_process, 0);
}

#[test]
fn the_guide_page_searches_and_links_to_my_decisions_in_a_situation() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Guide");
    assert!(shows(&harness, "When to lead, when to manage"));
    assert!(shows(&harness, "Twelve aspects side by side"));
    assert!(shows(&harness, &situation_label(Situation::TightDeadline)));

    type_into(&mut harness, "Search the guide", "deadline");
    assert!(shows(&harness, &situation_label(Situation::TightDeadline)));
    assert!(!shows(&harness, &situation_label(Situation::ConfidentTeam)));
    // Only managing matches: no empty "Leading tends to fit when…" heading.
    assert!(shows(&harness, "Managing tends to fit when\u{2026}"));
    assert!(!shows(&harness, "Leading tends to fit when\u{2026}"));

    let in_crisis = harness
        .state()
        .journal()
        .decisions()
        .iter()
        .filter(|d| d.situations.contains(&Situation::TightDeadline))
        .count();
    click(&mut harness, &format!("Show my decisions in this situation ({in_crisis})"));
    assert_eq!(
        harness.state().pages.journal.filter,
        Filter { situation: Some(Situation::TightDeadline), ..Filter::default() }
    );
    let total = harness.state().journal().len();
    assert!(shows(&harness, &format!("{in_crisis} of {total} decisions")));
}

#[test]
fn typing_outage_offers_the_crisis_chip_and_clicking_it_ticks_crisis() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Handled the database outage");
    let chip_label = format!("+ {} \u{2014} you wrote \u{201c}outage\u{201d}", situation_label(Situation::Crisis));
    assert!(shows(&harness, &chip_label), "the crisis chip shows its evidence");
    let editor = harness.state().pages.journal.editor.as_ref().expect("open");
    assert!(editor.draft.situations.is_empty(), "nothing is applied without a click");

    let chip_rect = harness.get_by_label(&chip_label).rect();
    let below = harness.get_by_label("Leadership").rect();
    click(&mut harness, &chip_label);
    let editor = harness.state().pages.journal.editor.as_ref().expect("open");
    assert_eq!(editor.draft.situations, [Situation::Crisis]);
    assert!(!shows(&harness, &chip_label), "an accepted chip no longer offers itself");
    let done = format!("\u{2714} {} \u{2014} you wrote \u{201c}outage\u{201d}", situation_label(Situation::Crisis));
    assert!(shows(&harness, &done), "it stays in its place, marked as applied");
    let moved = |before: f32, after: f32| (before - after).abs() > 0.5;
    assert!(!moved(chip_rect.top(), harness.get_by_label(&done).rect().top()), "nothing moved under the pointer");
    assert!(!moved(below.top(), harness.get_by_label("Leadership").rect().top()), "nor below it");
    assert!(shows_containing(&harness, "managing fits best"), "the guidance panel follows the tick");
}

#[test]
fn the_guide_puts_my_own_evidence_beside_each_situation() {
    use keel::model::{DecisionDraft, Journal, Review, ReviewResult};
    let window = TempWindow::new();
    let mut journal = Journal::default();
    let decided = jiff::civil::date(2026, 9, 1);
    for (count, style, result) in [
        (5, Style::Management, ReviewResult::Better),
        (1, Style::Management, ReviewResult::Worse),
        (5, Style::Leadership, ReviewResult::Worse),
    ] {
        for n in 0..count {
            let draft = DecisionDraft {
                title: format!("Crisis call {n}"),
                date: Some(decided),
                style: Some(style),
                situations: vec![Situation::Crisis],
                ..DecisionDraft::default()
            };
            let mut decision = draft.into_new_decision(decided, jiff::Timestamp::UNIX_EPOCH).expect("valid");
            decision.review = Some(Review {
                reviewed_on: jiff::civil::date(2026, 10, 1),
                outcome: "It happened".into(),
                result,
                process: None,
                lesson: String::new(),
            });
            journal.push(decision);
        }
    }
    keel::storage::save(&window.path, &journal).expect("saved");
    let mut harness = harness(window.app());
    click_button(&mut harness, "Guide");
    assert!(shows(
        &harness,
        "In your journal: management 5 of 6 met (95 % range 44\u{2013}97 %), leadership 0 of 5 met (95 % range 0\u{2013}43 %)."
    ));
    assert!(shows(&harness, "So far management has gone better for you here, as the guidance says."));
    let without = "In your journal: no reviewed decision in this situation yet.";
    let empty_before = harness.query_all_by_value(without).count();
    assert!(empty_before > 0, "the other situations say they have no review");

    // One more decision, reviewed, in a tight deadline: the guide follows.
    let mut decision = harness.state().journal().decisions()[0].clone();
    decision.id = keel::model::DecisionId::new_random();
    decision.situations = vec![Situation::TightDeadline];
    harness.state_mut().apply(keel::history::Edit::Add(decision));
    harness.run();
    assert!(shows(&harness, "In your journal: management 1 of 1 met (95 % range 21\u{2013}100 %)."));
    assert!(harness.query_all_by_value(without).count() < empty_before, "one situation fewer without a review");
    assert!(shows_containing(
        &harness,
        "Too few reviews to tell yet. At least 4 more reviewed management decisions and 5 more leadership ones"
    ));
}

#[test]
fn note_why_puts_the_cursor_at_the_end_of_its_line_so_typing_continues_it() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Let the on-call engineer run the outage call");
    click(&mut harness, &situation_label(Situation::Crisis));
    choose(&mut harness, "Leadership");
    click_button(&mut harness, "Note why");
    harness.run();
    // Typed with no click into the note: it lands after the line started.
    for key in "she knew the system best".chars() {
        harness.event(egui::Event::Text(key.to_string()));
    }
    harness.run();
    let note = harness.state().pages.journal.editor.as_ref().expect("open").draft.note.clone();
    assert_eq!(note, "Why leading was right here: she knew the system best");
}

#[test]
fn a_suggested_blend_says_which_words_point_each_way() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Handled the outage by the book, then opened a session to rethink how we deploy");
    let explained = |node: &egui_kittest::kittest::AccessKitNode<'_>| {
        node.label().is_some_and(|label| {
            label.starts_with("+ Blend \u{2014} you wrote")
                && label.contains("(leading)")
                && label.contains("(managing)")
        })
    };
    assert!(harness.query_all_by(explained).next().is_some(), "the blend chip says which words point each way");
}

/// The Guide page on its own, as rerun tests a view: a read-only context
/// over a journal and the page's state, then what the page sent.
#[test]
fn the_guide_page_alone_asks_for_the_journal_filtered_to_a_situations_decisions() {
    use keel::context::AppRequest;
    use keel::ui::guide_page::{self, GuidePageState};

    let alone = crate::common::PageAlone::sample();
    let crises = alone.names.situation(Situation::Crisis);
    assert!(crises > 0, "the sample has crises");
    let sender = &alone.sender;
    let mut harness = alone.harness(GuidePageState::default(), guide_page::show);
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");

    harness.get_by_label("Search the guide").focus();
    harness.run();
    harness.get_by_label("Search the guide").type_text("crisis");
    harness.run();
    assert_eq!(harness.state().search, "crisis", "the page keeps its own state");
    let link = format!("Show my decisions in this situation ({crises})");
    harness.get_by_label(&link).scroll_to_me();
    harness.run();
    harness.get_by_label(&link).click();
    harness.run();
    let wanted = Filter { situation: Some(Situation::Crisis), ..Filter::default() };
    assert_eq!(sender.take(), [AppRequest::ShowJournalWith(wanted)], "one request, applied by the app");
    assert_eq!(
        alone.journal,
        keel::samples::demo::load(crate::common::today()).expect("the sample"),
        "nothing changed here"
    );
}
