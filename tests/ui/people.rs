//! The People page: choosing a person, adding, ticking and undoing a talking
//! point, and making a brief that carries it.

use std::cell::RefCell;
use std::path::PathBuf;

use crate::common::{
    click, click_button, demo_app, harness, has_button, replace_text, shows, shows_containing, type_into,
};
use egui::Key;
use egui_kittest::kittest::Queryable as _;
use keel::context::FileRequest;
use keel::context::Page;
use keel::history::Edit;
use keel::ui::widgets::file_chooser::{FileDialogs, NativeUnavailable};

thread_local! {
    /// Where this test's "system dialog" answers to save (each test runs on
    /// its own thread).
    static SAVE_TO: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
}

/// A system dialog that cannot open, as on a desktop without a portal: Keel
/// shows its own chooser.
fn broken_native(_: &FileRequest) -> Result<Option<PathBuf>, NativeUnavailable> {
    Err(NativeUnavailable)
}

/// A system dialog where the user picks [`SAVE_TO`].
#[expect(clippy::unnecessary_wraps, reason = "the signature of a system dialog, which may fail")]
fn native_choosing_save_to(_: &FileRequest) -> Result<Option<PathBuf>, NativeUnavailable> {
    Ok(SAVE_TO.with_borrow(Clone::clone))
}

#[test]
fn after_a_talking_point_is_added_with_enter_the_next_one_is_typed_in_the_same_field() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "People");
    click(&mut harness, "Ana");
    type_into(&mut harness, "New talking point", "Ask about the rota");
    harness.key_press(Key::Enter);
    harness.run();
    // No click: the typing goes where the focus is.
    harness.event(egui::Event::Text("Praise the release notes".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let points: Vec<String> =
        harness.state().journal().open_points_for("Ana").into_iter().map(|point| point.text.clone()).collect();
    assert_eq!(points, ["Ask about the rota", "Praise the release notes"]);
}

#[test]
fn a_talking_point_added_on_the_page_appears_in_the_brief() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "People");
    assert_eq!(harness.state().page, Page::People);
    click(&mut harness, "Ana");
    assert!(shows_containing(&harness, "Last decisions"));

    type_into(&mut harness, "New talking point", "Ask about the on-call rota");
    click_button(&mut harness, "Add point");
    let points = harness.state().journal().open_points_for("Ana").len();
    assert_eq!(points, 1);

    click_button(&mut harness, "Make brief");
    let brief = harness.state().pages.people.brief.clone().expect("a brief was made");
    assert_eq!(brief.subject, "Ana");
    assert_eq!(brief.talking_points, ["Ask about the on-call rota"]);
    assert!(shows_containing(&harness, "\u{2610} Ask about the on-call rota"), "shown in the preview");
    assert!(shows_containing(&harness, "Questions to reflect on"));
    assert!(
        harness.query_by_label_contains("Leadership share against what the situations called for").is_some(),
        "the preview draws the Balance page's charts"
    );

    // Copying it remembers it, like saving, and the page no longer says
    // there is none.
    assert!(shows_containing(&harness, "No brief about Ana yet"));
    click_button(&mut harness, "Copy as Markdown");
    let today = harness.state().clock().today();
    assert!(harness.state().journal().briefs().contains(&keel::model::BriefMark::new(Some("Ana"), today)));
    assert!(!shows_containing(&harness, "No brief about Ana yet"), "a brief was just made");
    assert!(shows_containing(&harness, "A brief about Ana was made today"));
    assert!(shows_containing(&harness, "Copied the brief as Markdown"));

    // Redacted: the point stays, the name goes.
    click(&mut harness, "Redact names for sharing");
    click_button(&mut harness, "Make brief");
    let shared = harness.state().pages.people.brief.clone().expect("a brief was made");
    assert!(shared.subject.starts_with("Person "));
    assert!(!keel::report::markdown(&shared).contains("Ana"));
    // The user sees what was replaced (the copy does not say).
    let ana = shared.replaced.iter().find(|(name, _, _)| name == "Ana").expect("Ana was replaced");
    assert!(shows_containing(&harness, &format!("Ana as {}", ana.1)), "listed under the preview");
}

#[test]
fn ticking_off_a_point_drops_it_and_undo_brings_it_back() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "People");
    click(&mut harness, "Hiro");
    type_into(&mut harness, "New talking point", "Praise the release notes");
    click_button(&mut harness, "Add point");
    click(&mut harness, "Praise the release notes");
    assert!(harness.state().journal().open_points_for("Hiro").is_empty());
    harness.state_mut().apply(Edit::Undo);
    harness.run();
    assert_eq!(harness.state().journal().open_points_for("Hiro").len(), 1);
}

#[test]
fn a_persons_numbers_count_exactly_the_decisions_involving_them() {
    let mut harness = crate::common::harness(crate::common::demo_app());
    crate::common::click_button(&mut harness, "People");
    crate::common::click(&mut harness, "Łukasz");
    let theirs: Vec<_> = harness
        .state()
        .journal()
        .decisions()
        .iter()
        .filter(|d| d.people.iter().any(|p| p == "Łukasz"))
        .cloned()
        .collect();
    let led = theirs.iter().filter(|d| d.style == Some(keel::model::Style::Leadership)).count();
    assert!(crate::common::shows_containing(&harness, &format!("{} decisions: {led} leadership,", theirs.len())));
}

#[test]
fn the_brief_starts_at_the_last_brief_its_period_can_change_and_saving_remembers_it() {
    use jiff::ToSpan as _;
    use keel::model::BriefMark;

    let mut app = demo_app();
    app.file_dialogs = FileDialogs::with_native(Some(broken_native));
    let mut harness = harness(app);
    let today = harness.state().clock().today();
    let last = today.checked_sub(14.days()).expect("in range");
    harness.state_mut().apply(Edit::RecordBrief(BriefMark::new(Some("Ana"), last)));
    click_button(&mut harness, "People");
    click(&mut harness, "Ana");
    assert!(shows_containing(&harness, &format!("The last brief about Ana covered up to {last}")));

    click_button(&mut harness, "Make brief");
    let brief = harness.state().pages.people.brief.clone().expect("a brief was made");
    assert_eq!((brief.since, brief.until, brief.since_last_brief), (last, today, Some(last)));
    let decisions = harness.state().journal().decisions().to_vec();
    let with_ana_since = |since: jiff::civil::Date| {
        let in_period = |d: &&keel::model::Decision| d.date >= since && d.date <= today;
        decisions.iter().filter(|d| d.people.iter().any(|p| p == "Ana")).filter(in_period).count()
    };
    assert_eq!(brief.decisions.len(), with_ana_since(last));
    assert!(shows_containing(&harness, &format!("Covers the time since the last brief, on {last}")));

    // Another period: the old preview goes, the new brief covers it.
    click_button(&mut harness, "Last 90 days");
    assert!(shows_containing(&harness, "make the brief again"));
    click_button(&mut harness, "Make brief");
    let longer = harness.state().pages.people.brief.clone().expect("a brief was made");
    let ninety_days_ago = today.checked_sub(90.days()).expect("in range");
    assert_eq!(longer.since, ninety_days_ago);
    assert_eq!(longer.decisions.len(), with_ana_since(ninety_days_ago));
    assert!(longer.decisions.len() > brief.decisions.len(), "the sample has more of Ana over 90 days");

    // Saving writes the file and remembers the brief in the journal.
    let folder = tempfile::tempdir().expect("temp dir");
    click_button(&mut harness, "Save as Markdown\u{2026}");
    assert!(shows(&harness, "Save the brief"), "Keel's own chooser opened");
    replace_text(&mut harness, "Folder", &folder.path().display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
    replace_text(&mut harness, "File name", "ana.md");
    click_button(&mut harness, "Save");
    let out = folder.path().join("ana.md");
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.starts_with("# Brief: Ana"));
    assert_eq!(written, keel::report::markdown(&longer), "the brief shown");
    assert!(harness.state().journal().briefs().contains(&BriefMark::new(Some("Ana"), today)));
    assert!(shows_containing(&harness, "Saved the brief to"));
    assert!(has_button(&harness, "Save as HTML\u{2026}"), "the preview stays, to save the other format too");

    // Undo forgets the mark.
    harness.state_mut().apply(Edit::Undo);
    harness.run();
    assert!(!harness.state().journal().briefs().contains(&BriefMark::new(Some("Ana"), today)));
    assert!(has_button(&harness, "Save as HTML\u{2026}"), "forgetting the mark leaves the brief as it was");

    // A change the brief depends on (a talking point for Ana) hides it.
    type_into(&mut harness, "New talking point", "Ask about the offsite");
    click_button(&mut harness, "Add point");
    assert!(!has_button(&harness, "Save as HTML\u{2026}"));
    assert!(shows_containing(&harness, "make the brief again"));
}

#[test]
fn a_brief_ending_earlier_is_remembered_on_its_last_day() {
    use jiff::ToSpan as _;
    use keel::context::files::Mode;
    use keel::context::{AppRequest, FilePurpose};
    use keel::model::BriefMark;
    use keel::report::{Brief, BriefFormat, BriefRequest};

    let mut app = demo_app();
    app.file_dialogs = FileDialogs::with_native(Some(native_choosing_save_to));
    let mut harness = harness(app);
    let today = harness.state().clock().today();
    let (since, until) = (today.checked_sub(60.days()).expect("ok"), today.checked_sub(31.days()).expect("ok"));
    let filter = keel::analysis::Filter { since: Some(since), until: Some(until), ..Default::default() };
    let request = BriefRequest { person: Some("Ana".into()), filter, redact: false };
    let brief = Brief::compute(harness.state().journal(), &request, today);
    let folder = tempfile::tempdir().expect("temp dir");
    SAVE_TO.set(Some(folder.path().join("b.md")));
    // What the page sends on "Save as Markdown…", answered by the dialog.
    let request = FileRequest {
        title: "Save the brief".to_owned(),
        mode: Mode::Save,
        filter_name: "MD".to_owned(),
        extensions: vec!["md"],
        file_name: "keel-brief.md".to_owned(),
        folder: None,
    };
    let purpose =
        FilePurpose::SaveBrief { brief: Box::new(brief), format: BriefFormat::Markdown, person: Some("Ana".into()) };
    let ctx = harness.ctx.clone();
    harness.state_mut().apply_requests(vec![AppRequest::AskForFile { request, purpose }], &ctx);
    assert!(folder.path().join("b.md").exists(), "written");
    assert_eq!(harness.state().journal().briefs(), [BriefMark::new(Some("Ana"), until)]);
    assert_eq!(harness.state().journal().last_brief_before(Some("ana"), today), Some(until));
}

#[test]
fn the_people_page_alone_sends_the_talking_point_added() {
    use keel::context::AppRequest;
    use keel::ui::people_page::{self, PeoplePageState};

    let alone = crate::common::PageAlone::sample();
    let sender = &alone.sender;
    let before = alone.journal.clone();
    let mut harness = alone.harness(PeoplePageState::default(), people_page::show);
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");

    harness.get_by_label("Ana").click();
    harness.run();
    harness.get_by_label("New talking point").focus();
    harness.run();
    harness.get_by_label("New talking point").type_text("Ask about the on-call rota");
    harness.run();
    harness.get_by_label("Add point").click();
    harness.run();
    let sent = sender.take();
    assert!(
        matches!(sent.as_slice(), [AppRequest::Edit(change)]
            if matches!(change.as_ref(), Edit::AddPoint(point)
                if point.person == "Ana" && point.text == "Ask about the on-call rota"
                    && point.created == crate::common::today() && point.done.is_none())),
        "{sent:?}"
    );
    assert!(harness.state().new_point.is_empty(), "the field is cleared for the next point");
    assert_eq!(alone.journal, before, "the page changed nothing itself");
}

#[test]
fn a_goal_about_a_person_shows_on_their_page() {
    use keel::model::{Goal, GoalKind};
    let mut app = demo_app();
    let today = crate::common::today();
    let mut goal = Goal::new(
        "Let Ana own the release plans",
        GoalKind::Share,
        today.checked_sub(jiff::Span::new().days(30)).expect("date"),
        today.checked_add(jiff::Span::new().days(30)).expect("date"),
        jiff::Timestamp::UNIX_EPOCH,
    );
    goal.person = Some("ana".into());
    goal.min_percent = Some(60);
    app.apply(keel::history::Edit::AddGoal(goal));
    let mut harness = harness(app);
    click_button(&mut harness, "People");
    click(&mut harness, "Ana");
    assert!(shows(&harness, "Your goals about Ana"));
    assert!(shows(&harness, "Let Ana own the release plans"));
    assert!(shows_containing(&harness, "leadership share at least 60%; so far"));
    click(&mut harness, "Chidi");
    assert!(!shows(&harness, "Let Ana own the release plans"), "not on someone else's page");
}
