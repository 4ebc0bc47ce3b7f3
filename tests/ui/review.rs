//! The Review page: record a review through the form and watch it leave the
//! due list and the navigation badge.

use crate::common::{TempWindow, choose, click, click_button, harness, has_button, shows, shows_containing, type_into};
use egui_kittest::kittest::Queryable as _;
use jiff::ToSpan;
use jiff::civil::date;
use keel::model::{DecisionDraft, Journal, ReviewResult};
use keel::storage;

fn journal_with_two_due() -> TempWindow {
    let window = TempWindow::new();
    let mut journal = Journal::default();
    for (title, days_ago) in [("Moved Ana to payments", 20), ("Picked the CI vendor", 3)] {
        let decided = crate::common::today().checked_sub((days_ago + 30).days()).expect("date");
        let draft = DecisionDraft {
            title: title.into(),
            date: Some(decided),
            expectation: "It works out".into(),
            confidence: Some(80),
            review_on: Some(crate::common::today().checked_sub(days_ago.days()).expect("date")),
            ..DecisionDraft::default()
        };
        journal.push(draft.into_new_decision(decided, jiff::Timestamp::UNIX_EPOCH).expect("valid"));
    }
    storage::save(&window.path, &journal).expect("saved");
    window
}

#[test]
fn opening_a_review_puts_the_typing_in_what_actually_happened() {
    let window = journal_with_two_due();
    let mut harness = harness(window.app());
    click_button(&mut harness, "Review  2 due");
    click(&mut harness, "Review: Moved Ana to payments");
    // No click into the field: the first thing typed is the outcome.
    harness.event(egui::Event::Text("Shipped a week late".into()));
    harness.run();
    choose(&mut harness, "Worse than expected");
    click_button(&mut harness, "Save review");
    harness.state_mut().flush_saves();
    let saved = storage::load(&window.path).expect("saved");
    let reviewed = saved.decisions().iter().find(|d| d.title == "Moved Ana to payments").expect("there");
    assert_eq!(reviewed.review.as_ref().expect("recorded").outcome, "Shipped a week late");
}

#[test]
fn recording_a_review_takes_it_off_the_due_list_and_the_badge() {
    let window = journal_with_two_due();
    let mut harness = harness(window.app());
    assert!(has_button(&harness, "Review  2 due"), "the navigation shows the due count");
    click_button(&mut harness, "Review  2 due");
    assert!(shows(&harness, "Overdue (2)"));

    click(&mut harness, "Review: Moved Ana to payments");
    assert!(shows_containing(&harness, "It works out \u{2014} 80% sure"), "the original entry is shown");
    type_into(&mut harness, "What actually happened?", "Payments shipped a week late");
    choose(&mut harness, "Worse than expected");
    choose(&mut harness, "4");
    click_button(&mut harness, "Save review");

    assert!(has_button(&harness, "Review  1 due"));
    assert!(shows(&harness, "Overdue (1)"));
    assert!(shows(&harness, "Done (1)"));
    harness.state_mut().flush_saves();
    let saved = storage::load(&window.path).expect("saved");
    let reviewed = saved.decisions().iter().find(|d| d.title == "Moved Ana to payments").expect("still there");
    let review = reviewed.review.as_ref().expect("review recorded");
    assert_eq!(review.result, ReviewResult::Worse);
    assert_eq!(review.process, Some(4));
    assert_eq!(review.outcome, "Payments shipped a week late");
    assert_eq!(review.reviewed_on, crate::common::today());
    assert_eq!(reviewed.expectation, "It works out", "the entry stays as written");
}

#[test]
fn snoozing_moves_the_review_a_week_later() {
    let window = journal_with_two_due();
    let mut harness = harness(window.app());
    click_button(&mut harness, "Review  2 due");
    click(&mut harness, "Snooze a week: Picked the CI vendor");
    assert!(has_button(&harness, "Review  1 due"));
    let snoozed =
        harness.state().journal().decisions().iter().find(|d| d.title == "Picked the CI vendor").expect("there");
    assert_eq!(snoozed.review_on, Some(crate::common::today().checked_add(7.days()).expect("date")));
    // The fixed today is a Sunday, so a week later is past this week.
    assert!(shows(&harness, "Upcoming (1)"));
    assert!(
        crate::common::shows_containing(&harness, "Review of \u{201c}Picked the CI vendor\u{201d} moved to 2026-12-06"),
        "the toast names the new review date, not just \"Saved\""
    );
}

#[test]
fn a_review_date_before_the_decision_is_refused_in_the_editor() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Hired a contractor");
    click(&mut harness, "Looking ahead (optional)");
    click(&mut harness, "Review on");
    // A review date typed before the decision's.
    let field = egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(field, "Review date").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_role_and_label(field, "Review date").type_text("2020-01-01");
    harness.run();
    assert_eq!(harness.state().pages.journal.editor.as_ref().expect("open").draft.review_on, Some(date(2020, 1, 1)));
    click_button(&mut harness, "Save");
    assert!(shows_containing(&harness, "is before the decision's date"));
    assert!(harness.state().journal().is_empty(), "nothing saved");
}

#[test]
fn the_default_review_period_from_settings_dates_new_decisions() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "First one");
    click_button(&mut harness, "Save");
    click_button(&mut harness, "Settings");
    choose(&mut harness, "1 month");
    assert_eq!(harness.state().preferences.default_review, Some(keel::model::ReviewPeriod::OneMonth));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    type_into(&mut harness, "Title", "Second one");
    click_button(&mut harness, "Save");
    let second = harness.state().journal().decisions().iter().find(|d| d.title == "Second one").expect("saved").clone();
    assert_eq!(second.review_on, Some(date(2026, 12, 29)));
}

/// Reviewed decisions enough for one claim: 6 crises managed (5 met), 5 led
/// (none met), and one tight deadline managed (met).
fn journal_with_evidence() -> TempWindow {
    use keel::model::{Review, Situation, Style};
    let window = TempWindow::new();
    let mut journal = Journal::default();
    let decided = date(2026, 9, 1);
    let mut add = |count: usize, style: Style, situation: Situation, result: ReviewResult| {
        for n in 0..count {
            let draft = DecisionDraft {
                title: format!("{} call {n} in {}", style.label(), situation.id()),
                date: Some(decided),
                style: Some(style),
                situations: vec![situation],
                ..DecisionDraft::default()
            };
            let mut decision = draft.into_new_decision(decided, jiff::Timestamp::UNIX_EPOCH).expect("valid");
            decision.review = Some(Review {
                reviewed_on: date(2026, 10, 1),
                outcome: "It happened".into(),
                result,
                process: Some(4),
                lesson: String::new(),
            });
            journal.push(decision);
        }
    };
    add(5, Style::Management, Situation::Crisis, ReviewResult::Better);
    add(1, Style::Management, Situation::Crisis, ReviewResult::Worse);
    add(5, Style::Leadership, Situation::Crisis, ReviewResult::Worse);
    add(1, Style::Management, Situation::TightDeadline, ReviewResult::AsExpected);
    storage::save(&window.path, &journal).expect("saved");
    window
}

#[test]
fn the_guidance_evidence_shows_a_chart_sentences_and_a_table() {
    let window = journal_with_evidence();
    let mut harness = harness(window.app());
    click_button(&mut harness, "Review");
    assert!(shows(&harness, "Does the guidance work for you?"));
    assert!(shows(&harness, "12 reviewed decisions with guidance: 7 followed it, 0 partly, 5 went against it."));
    assert!(shows_containing(
        &harness,
        "Outcome chart: the share of reviewed decisions that met what you expected, with 95 % ranges. \
         6 of 7 decisions that followed the guidance met what you expected"
    ));
    assert!(shows_containing(
        &harness,
        "Decisions that followed the guidance turned out better for you than those that went against it"
    ));
    assert!(shows_containing(
        &harness,
        "When the deadline is tight, there are too few reviews yet to tell the styles apart; the Guide page shows the numbers."
    ));
    assert!(!shows(&harness, "By situation and style"), "the chart, not the table, at first");

    click(&mut harness, "Show as table");
    assert!(shows(&harness, "By situation and style"));
    assert!(shows(&harness, "Followed the guidance"));
    assert!(shows(&harness, "44\u{2013}97 %"), "crisis managed: 5 of 6, its range");
    assert!(shows(&harness, "0\u{2013}43 %"), "crisis led: 0 of 5, its range");
    assert!(!shows_containing(&harness, "Outcome chart"), "the table replaces the chart");
}

#[test]
fn the_guidance_evidence_follows_a_new_review() {
    let window = journal_with_two_due();
    let mut harness = harness(window.app());
    click_button(&mut harness, "Review  2 due");
    assert!(shows_containing(&harness, "No decision with a situation has been reviewed yet"));
    // A review of a decision made in a crisis and managed: evidence, if too little.
    let mut decision = harness.state().journal().decisions()[0].clone();
    decision.style = Some(keel::model::Style::Management);
    decision.situations = vec![keel::model::Situation::Crisis];
    harness.state_mut().apply(keel::history::Edit::Update(decision));
    harness.run();
    click(&mut harness, "Review: Moved Ana to payments");
    type_into(&mut harness, "What actually happened?", "Shipped");
    choose(&mut harness, "As expected");
    click_button(&mut harness, "Save review");
    assert!(shows(&harness, "1 reviewed decision with guidance: 1 followed it, 0 partly, 0 went against it."));
    assert!(shows_containing(&harness, "Too few reviews yet to tell whether decisions that followed the guidance"));
}

#[test]
fn the_review_page_alone_sends_the_review_recorded() {
    use keel::context::AppRequest;
    use keel::history::Edit;
    use keel::ui::review_page::{self, ReviewPageState};

    let alone = crate::common::PageAlone::sample();
    let sender = &alone.sender;
    let before = alone.journal.clone();
    let due = alone
        .journal
        .decisions()
        .iter()
        .find(|d| keel::model::review::is_due(d.review_on, d.review.is_some(), crate::common::today()))
        .expect("the sample has a review due")
        .clone();
    let mut harness = alone.harness(ReviewPageState::default(), review_page::show);
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");

    let open = format!("Review: {}", due.title);
    harness.get_by_label(&open).scroll_to_me();
    harness.run();
    harness.get_by_label(&open).click();
    harness.run();
    harness.get_by_label("What actually happened?").focus();
    harness.run();
    harness.get_by_label("What actually happened?").type_text("Shipped a week late");
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::RadioButton, "Worse than expected").click();
    harness.run();
    assert!(sender.take().is_empty(), "nothing is sent while the review is written");
    harness.get_by(|node| node.label().is_some_and(|label| label.starts_with("Save review"))).click();
    harness.run();

    let sent = sender.take();
    let [AppRequest::Edit(change)] = sent.as_slice() else { panic!("one change sent: {sent:?}") };
    let Edit::Update(reviewed) = change.as_ref() else { panic!("an update: {change:?}") };
    assert_eq!(reviewed.id, due.id);
    let review = reviewed.review.as_ref().expect("the review");
    assert_eq!(
        (review.outcome.as_str(), review.result, review.reviewed_on),
        ("Shipped a week late", ReviewResult::Worse, crate::common::today())
    );
    assert_eq!(reviewed.title, due.title, "the entry stays as written");
    let now = crate::common::today().to_zoned(jiff::tz::TimeZone::UTC).expect("a day").timestamp();
    assert_eq!(reviewed.updated, now, "stamped with the view's now");
    assert!(harness.state().form.is_none(), "the form closes once sent");
    assert_eq!(alone.journal, before, "the page changed nothing itself");
}

/// Three reviewed decisions (two in a crisis, with lessons; one with a
/// confident team) and an unreviewed one.
fn journal_with_lessons() -> TempWindow {
    use keel::model::{Review, Situation, Style};
    let window = TempWindow::new();
    let mut journal = Journal::default();
    let reviewed = [
        (
            "Took the incident call myself",
            60,
            Style::Management,
            Situation::Crisis,
            ReviewResult::Better,
            "Name one owner early",
        ),
        (
            "Let the team run the outage",
            40,
            Style::Leadership,
            Situation::Crisis,
            ReviewResult::Worse,
            "In a crisis, decide who decides",
        ),
        (
            "Left the retro to the team",
            20,
            Style::Leadership,
            Situation::ConfidentTeam,
            ReviewResult::Better,
            "Step back sooner",
        ),
    ];
    for (title, days_ago, style, situation, result, lesson) in reviewed {
        let decided = crate::common::today().checked_sub(days_ago.days()).expect("date");
        let draft = DecisionDraft {
            title: title.into(),
            date: Some(decided),
            style: Some(style),
            situations: vec![situation],
            ..DecisionDraft::default()
        };
        let mut decision = draft.into_new_decision(decided, jiff::Timestamp::UNIX_EPOCH).expect("valid");
        decision.review = Some(Review {
            reviewed_on: decided.checked_add(14.days()).expect("date"),
            outcome: format!("What happened after: {title}"),
            result,
            process: Some(4),
            lesson: lesson.into(),
        });
        journal.push(decision);
    }
    storage::save(&window.path, &journal).expect("saved");
    window
}

#[test]
fn the_editor_brings_back_lessons_from_the_same_situations() {
    use keel::guidance::Guidance;
    use keel::model::Situation;
    let window = journal_with_lessons();
    let mut harness = harness(window.app());
    click_button(&mut harness, "New decision");
    type_into(&mut harness, "Title", "Paged about the billing outage");
    assert!(!shows(&harness, "From your journal"), "nothing ticked, nothing shown");

    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, &Guidance::get().situation(Situation::Crisis).label)
        .click();
    harness.run();
    assert!(shows(&harness, "From your journal"));
    assert!(shows(&harness, "Lesson: In a crisis, decide who decides"));
    assert!(shows(&harness, "Lesson: Name one owner early"));
    assert!(!shows(&harness, "Lesson: Step back sooner"), "a decision in other situations stays out");
    assert!(shows_containing(&harness, "Leadership: 0 of 1 met what you expected"));

    // Shown whole over the editor; the draft being written stays.
    click_button(&mut harness, "Show: Let the team run the outage");
    assert!(shows(&harness, "What happened after: Let the team run the outage"));
    click_button(&mut harness, "Close");
    assert!(!shows(&harness, "What happened after: Let the team run the outage"));
    assert!(has_button(&harness, "Save"), "the editor is still open");
    click_button(&mut harness, "Save");
    assert!(harness.state().journal().decisions().iter().any(|d| d.title == "Paged about the billing outage"));
}

#[test]
fn a_reviewed_decision_shows_its_review_in_the_editor_and_the_done_list() {
    let window = journal_with_lessons();
    let mut harness = harness(window.app());
    click_button(&mut harness, "Left the retro to the team");
    assert!(shows_containing(&harness, "How it turned out (reviewed"));
    assert!(shows(&harness, "What happened after: Left the retro to the team"));
    assert!(shows(&harness, "Step back sooner"));
    click_button(&mut harness, "Cancel");

    click_button(&mut harness, "Review");
    harness.get_by_label("Done (3)").click();
    harness.run();
    assert!(shows(&harness, "\u{2014} Lesson: Step back sooner"), "the Done list carries the lesson");
}

#[test]
fn the_review_page_answers_did_leading_or_managing_work() {
    let window = journal_with_lessons();
    let mut harness = harness(window.app());
    // Found from the palette by what people ask.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    harness.run();
    harness.get_by_label("Search commands, pages and decisions").type_text("did leading work");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(shows(&harness, "Did leading or managing work for you?"));
    assert!(shows_containing(&harness, "Leadership: 1 of 2 met what you expected"));
    assert!(shows_containing(&harness, "Management: 1 of 1 met what you expected"));
    assert!(shows_containing(&harness, "Too few reviews to tell yet"), "no claim on three reviews");
}
