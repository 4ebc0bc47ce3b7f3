//! Import and export across formats: the shared jrnl fixtures, round trips
//! through CSV, JSON and jrnl's text, idempotence and bad input.

use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use super::*;
use crate::model::{ContrastScores, DecisionDraft, Review, ReviewResult, Situation, Style};

const JRNL_EXPORT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl/export.json"));
const JRNL_TEXT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl/journal.txt"));
const UNICODE_EXPORT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl/unicode.json"));
const UNICODE_TEXT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl/unicode.txt"));

fn context() -> ImportContext {
    ImportContext { time_zone: TimeZone::UTC, now: "2026-11-29T12:00:00Z".parse().unwrap() }
}

fn parse(format: ImportFormat, text: &str) -> Parsed {
    read(format, text, &context()).unwrap()
}

fn utc(day: Date, hour: i8, minute: i8) -> Timestamp {
    day.at(hour, minute, 0, 0).to_zoned(TimeZone::UTC).unwrap().timestamp()
}

/// What the shared fixture's twelve entries must become: date, time, title,
/// style, situations, tags and note.
#[expect(clippy::type_complexity)]
fn expected_fixture() -> Vec<(Date, i8, i8, &'static str, Style, Vec<Situation>, Vec<&'static str>, &'static str)> {
    use Situation::{
        ConfidentTeam, CreativeDiscussion, Crisis, CriticalDelegation, IndependentTeam, NewApproaches, ProcessIssue,
        TightDeadline, Training,
    };
    use Style::{Blend, Leadership, Management};
    vec![
        (
            date(2026, 6, 1),
            9,
            15,
            "Shared the two-year platform vision at the all-hands",
            Leadership,
            vec![NewApproaches],
            vec![],
            "Asked everyone what would make them proud of it.",
        ),
        (
            date(2026, 6, 2),
            14,
            0,
            "Payments outage \u{2014} took command of the incident",
            Management,
            vec![Crisis],
            vec![],
            "Assigned a scribe, a comms lead and two investigators; ran 15-minute checkpoints.",
        ),
        (
            date(2026, 6, 4),
            11,
            30,
            "Broke the Q3 roadmap into two-week milestones",
            Management,
            vec![ProcessIssue],
            vec![],
            "Every milestone now has one owner and a due date.",
        ),
        (
            date(2026, 6, 5),
            16,
            45,
            "Let the mobile squad choose their own architecture for the rewrite",
            Leadership,
            vec![ConfidentTeam, IndependentTeam],
            vec![],
            "They have shipped three releases without me in the loop.",
        ),
        (
            date(2026, 6, 8),
            10,
            0,
            "Onboarding plan for Aiko and Ben",
            Management,
            vec![Training],
            vec![],
            "Wrote the checklist, booked pairing sessions, set 30-60-90 day goals.",
        ),
        (
            date(2026, 6, 9),
            13,
            20,
            "Ran a blue-sky workshop on the search experience",
            Leadership,
            vec![CreativeDiscussion],
            vec!["Priya"],
            "No slides; sticky notes and a whiteboard. Great energy from Priya.",
        ),
        (
            date(2026, 6, 11),
            17,
            5,
            "Cut scope to hit Friday's release",
            Management,
            vec![TightDeadline],
            vec![],
            "Told each person exactly which tickets to finish first.",
        ),
        (
            date(2026, 6, 12),
            9,
            40,
            "Handed the SOC 2 evidence collection to Tom with a checklist and daily check-ins",
            Management,
            vec![CriticalDelegation],
            vec![],
            "Too important to leave unstructured.",
        ),
        (
            date(2026, 6, 15),
            15,
            10,
            "Set the launch date but let the team decide how to get there",
            Blend,
            vec![IndependentTeam, TightDeadline],
            vec![],
            "",
        ),
        (
            date(2026, 6, 16),
            12,
            0,
            "1:1 with Marco about the kind of engineer he wants to become",
            Leadership,
            vec![],
            vec!["Marco"],
            "Marco Talked about growth, not tickets.",
        ),
        (
            date(2026, 6, 18),
            8,
            55,
            "Caf\u{e9} meeting \u{2014} r\u{e9}sum\u{e9} review for the new hire, na\u{ef}ve questions welcome \u{1f642}",
            Management,
            vec![Training],
            vec![],
            "Unicode check: Zo\u{eb}, \u{141}ukasz, \u{6771}\u{4eac}.",
        ),
        (
            date(2026, 6, 19),
            18,
            30,
            "Postmortem: fixed the root cause, then asked how we could redesign alerting so it never pages at 3am again",
            Blend,
            vec![NewApproaches, Crisis],
            vec![],
            "",
        ),
    ]
}

fn check_fixture(parsed: &Parsed) {
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let expected = expected_fixture();
    assert_eq!(parsed.records.len(), expected.len());
    for (record, (day, hour, minute, title, style, situations, tags, note)) in parsed.records.iter().zip(expected) {
        let decision = &record.decision;
        assert_eq!(decision.title, title);
        assert_eq!(decision.date, day, "{title}");
        assert_eq!(decision.created, utc(day, hour, minute), "{title}");
        assert_eq!(decision.updated, decision.created, "{title}");
        assert_eq!(decision.style, Some(style), "{title}");
        assert_eq!(decision.situations, situations, "{title}");
        assert_eq!(decision.tags, tags, "{title}");
        assert!(decision.people.is_empty(), "{title}: a capitalised tag stays a tag");
        assert_eq!(decision.note, note, "{title}");
        assert!(!decision.starred, "{title}");
        assert_eq!(decision.contrasts, None);
        assert!(!record.has_source_id);
    }
}

#[test]
fn the_shared_jrnl_json_export_keeps_every_field() {
    let parsed = parse(ImportFormat::JrnlJson, JRNL_EXPORT);
    check_fixture(&parsed);
    assert_eq!(parsed.records[0].at, Location::Entry(1));
}

#[test]
fn the_shared_jrnl_text_file_reads_the_same_as_its_json_export() {
    let text = parse(ImportFormat::JrnlText, JRNL_TEXT);
    check_fixture(&text);
    assert_eq!(text.records[1].at, Location::Line(4));
    let json = parse(ImportFormat::JrnlJson, JRNL_EXPORT);
    let decisions = |parsed: &Parsed| parsed.records.iter().map(|r| r.decision.clone()).collect::<Vec<_>>();
    assert_eq!(decisions(&text), decisions(&json), "same content, same derived ids");
}

#[test]
fn accents_emoji_cjk_stars_hash_tags_and_people_come_through_both_jrnl_formats() {
    for parsed in [parse(ImportFormat::JrnlJson, UNICODE_EXPORT), parse(ImportFormat::JrnlText, UNICODE_TEXT)] {
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let [first, second] = [&parsed.records[0].decision, &parsed.records[1].decision];
        assert_eq!(first.title, "R\u{e9}union \u{e0} Z\u{fc}rich \u{2014} d\u{e9}cid\u{e9} \u{6c7a}\u{5b9a} \u{1f680}");
        assert_eq!(first.created, utc(date(2026, 7, 1), 0, 5));
        assert!(first.starred);
        assert_eq!(first.style, Some(Style::Leadership));
        assert_eq!(first.situations, [Situation::NewApproaches]);
        assert_eq!(first.people, ["Zo\u{eb} \u{141}ukasz-Nowak"]);
        assert_eq!(first.tags, ["\u{e9}quipe"]);
        assert_eq!(
            first.note,
            "Zo\u{eb} \u{141}ukasz-Nowak \u{c7}a marche. \u{6771}\u{4eac}\u{30aa}\u{30d5}\u{30a3}\u{30b9}\u{3068}\u{5408}\u{610f}\u{3057}\u{305f}\u{3002}\nSecond line with emoji \u{1f389} and #\u{e9}quipe."
        );
        assert_eq!(
            second.title, "Kept the \u{7de0}\u{3081}\u{5207}\u{308a} \u{2014} shipped on time",
            "jrnl's full stop dropped"
        );
        assert_eq!(second.created, utc(date(2026, 7, 2), 23, 59));
        assert_eq!((second.style, second.note.as_str(), second.starred), (None, "", false));
    }
}

#[test]
fn importing_the_same_file_twice_adds_nothing_even_after_an_edit() {
    let mut journal = Journal::default();
    let plan = ImportPlan::new(&journal, parse(ImportFormat::JrnlJson, JRNL_EXPORT));
    assert_eq!((plan.added.len(), plan.updated.len(), plan.skipped.len()), (12, 0, 0));
    let applied = apply(&plan, &mut journal);
    assert_eq!(applied.len(), 12);
    assert_eq!(journal.len(), 12);

    let again = ImportPlan::new(&journal, parse(ImportFormat::JrnlJson, JRNL_EXPORT));
    assert!(!again.changes_anything());
    assert_eq!(again.skipped.len(), 12);
    assert!(again.skipped.iter().all(|skipped| skipped.reason == SkipReason::AlreadyThere));
    assert_eq!(again.counts(), "0 added, 0 updated, 12 skipped");

    // The text file holds the same entries: also nothing new.
    assert!(!ImportPlan::new(&journal, parse(ImportFormat::JrnlText, JRNL_TEXT)).changes_anything());

    // Edited in Keel since: the derived id still matches, the edit is kept.
    let mut edited = journal.decisions()[0].clone();
    edited.title = "Shared the vision (edited)".into();
    edited.updated += 1.hour();
    journal.replace(edited);
    let after_edit = ImportPlan::new(&journal, parse(ImportFormat::JrnlJson, JRNL_EXPORT));
    assert!(!after_edit.changes_anything());
    assert_eq!(after_edit.skipped[0].reason, SkipReason::JournalNewer);
}

/// A journal with every kind of field, including notes with commas, quotes,
/// line breaks (Unix and Windows) and Unicode.
fn every_kind_of_field() -> Journal {
    let created: Timestamp = "2026-03-02T08:30:00Z".parse().unwrap();
    let drafts = [
        DecisionDraft {
            title: "Froze the scope, \"finally\"".into(),
            date: Some(date(2026, 3, 2)),
            note: "Line one, with a comma\n\"Quoted\" line; semi\r\nWindows line\n\n    indented, \"\"double\"\"\n".into(),
            style: Some(Style::Management),
            situations: vec![Situation::TightDeadline, Situation::CriticalDelegation],
            tags: vec!["release".into(), "1:1".into(), "on call".into()],
            people: vec!["Zo\u{eb}".into(), "\u{141}ukasz".into(), "Ana Mar\u{ed}a".into()],
            contrasts: Some(ContrastScores {
                vision_execution: 2,
                people_process: -1,
                inspiration_control: 0,
                change_stability: -2,
            }),
            options: vec!["Slip the date; tell customers".into(), "Add two contractors".into()],
            expectation: "Ships on the 14th, \"no\" regressions".into(),
            confidence: Some(70),
            review_on: Some(date(2026, 4, 2)),
        },
        DecisionDraft { title: "Untagged idea".into(), date: Some(date(2025, 12, 31)), ..DecisionDraft::default() },
        DecisionDraft {
            title: "\u{6c7a}\u{5b9a} \u{1f680} \u{5e9}\u{5dc}\u{5d5}\u{5dd}".into(),
            date: Some(date(2026, 4, 1)),
            note: "Emoji \u{1f680}, accents \u{e9}\u{e0}\u{fc}, CJK \u{6771}\u{4eac}, RTL \u{645}\u{631}\u{62d}\u{628}\u{627}".into(),
            style: Some(Style::Blend),
            situations: vec![Situation::NewApproaches, Situation::Crisis],
            tags: vec!["\u{6771}\u{4eac}".into()],
            contrasts: Some(ContrastScores::default()),
            ..DecisionDraft::default()
        },
        DecisionDraft {
            title: "Let the team pick the stack".into(),
            date: Some(date(2026, 4, 2)),
            note: ",,,\"\n".into(),
            style: Some(Style::Leadership),
            situations: vec![Situation::ConfidentTeam],
            people: vec!["Bo".into()],
            ..DecisionDraft::default()
        },
    ];
    let mut journal = Journal::default();
    for (index, draft) in drafts.into_iter().enumerate() {
        let at = created + (i64::try_from(index).unwrap() * 7).hours();
        let mut decision = draft.into_new_decision(date(2026, 1, 1), at).unwrap();
        decision.starred = index % 2 == 0;
        if index == 0 {
            decision.updated = at + 72.hours();
            decision.review = Some(Review {
                reviewed_on: date(2026, 4, 3),
                outcome: "Shipped on the 15th,\none day late".into(),
                result: ReviewResult::AsExpected,
                process: Some(4),
                lesson: "Cut earlier; \"scope\" is the lever".into(),
            });
        }
        if index == 3 {
            decision.confidence = Some(0);
            decision.review = Some(Review {
                reviewed_on: date(2026, 5, 1),
                outcome: String::new(),
                result: ReviewResult::Worse,
                process: None,
                lesson: String::new(),
            });
        }
        journal.push(decision);
    }
    journal
}

fn decisions(parsed: &Parsed) -> Vec<Decision> {
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.records.iter().map(|record| record.decision.clone()).collect()
}

#[test]
fn csv_export_then_import_gives_back_every_field() {
    let journal = every_kind_of_field();
    let text = export(&journal, ExportFormat::Csv, &TimeZone::UTC).unwrap();
    assert!(text.starts_with(&csv::COLUMNS.join(",")), "{text}");
    assert_eq!(decisions(&parse(ImportFormat::Csv, &text)), journal.decisions());
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(decisions(&parse(ImportFormat::Csv, &with_bom)), journal.decisions(), "a byte-order mark is fine");
    let plan = ImportPlan::new(&journal, parse(ImportFormat::Csv, &text));
    assert_eq!((plan.added.len(), plan.skipped.len()), (0, 4), "re-importing changes nothing");
}

#[test]
fn json_export_then_import_gives_back_every_field() {
    let journal = every_kind_of_field();
    let text = export(&journal, ExportFormat::Json, &TimeZone::UTC).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["decisions"].as_array().map(Vec::len), Some(4));
    assert_eq!(ImportFormat::detect(Path::new("x.json"), &text), Some(ImportFormat::KeelJson));
    assert_eq!(decisions(&parse(ImportFormat::KeelJson, &text)), journal.decisions());
    let plan = ImportPlan::new(&Journal::default(), parse(ImportFormat::KeelJson, &text));
    assert_eq!(plan.added, journal.decisions());
}

#[test]
fn jrnl_text_export_is_read_back_by_keels_own_reader() {
    let journal = every_kind_of_field();
    let text = export(&journal, ExportFormat::JrnlText, &TimeZone::UTC).unwrap();
    assert!(
        text.starts_with("[2025-12-31 03:30:00 PM] Untagged idea\n\n[2026-03-02 08:30:00 AM] Froze the scope, \"finally\" *\n@management @tight-deadline @critical-delegation @release @1-1 @on_call @with/Zo\u{eb} @with/\u{141}ukasz @with/Ana_Mar\u{ed}a\nLine one"),
        "{text}"
    );
    let back = decisions(&parse(ImportFormat::JrnlText, &text));
    let mut originals: Vec<&Decision> = journal.decisions().iter().collect();
    originals.sort_by_key(|decision| decision.date);
    assert_eq!(back.len(), originals.len());
    for (read, original) in back.iter().zip(originals) {
        assert_eq!(read.title, original.title);
        assert_eq!(read.date, original.date);
        assert_eq!(read.style, original.style);
        assert_eq!(read.situations, original.situations);
        assert_eq!(read.people, original.people);
        assert_eq!(read.starred, original.starred);
        // What jrnl's format cannot hold: trailing blanks, Windows line
        // ends, spaces and colons in tags, the contrast lens.
        assert_eq!(read.note, original.note.trim_end().replace("\r\n", "\n"));
        let tags: Vec<String> = original.tags.iter().map(|tag| tag.replace(' ', "_").replace(':', "-")).collect();
        assert_eq!(read.tags, tags);
        assert_eq!(read.contrasts, None);
    }
    let plan = ImportPlan::new(&journal, parse(ImportFormat::JrnlText, &text));
    assert!(!plan.changes_anything(), "matched by date, title and text: {plan:?}");
}

#[test]
fn the_jrnl_text_export_of_the_fixture_reads_back_as_the_fixture() {
    let mut journal = Journal::default();
    apply(&ImportPlan::new(&journal, parse(ImportFormat::JrnlJson, JRNL_EXPORT)), &mut journal);
    let text = export(&journal, ExportFormat::JrnlText, &TimeZone::UTC).unwrap();
    let back = decisions(&parse(ImportFormat::JrnlText, &text));
    for (read, original) in back.iter().zip(journal.decisions()) {
        let read = Decision { id: original.id.clone(), ..read.clone() };
        assert_eq!(&read, original);
    }
}

#[test]
fn a_csv_row_of_one_field_is_counted_in_the_singular() {
    let text = "id,date,title,style,situations,tags,people,note\na1\n";
    let messages: Vec<String> = parse(ImportFormat::Csv, text).errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages, ["row 2: 1 field, but the header has 8"]);
}

#[test]
fn malformed_csv_names_each_bad_row_and_imports_nothing_from_it() {
    let header = "id,date,title,style,situations,tags,people,note\n";
    let good = "a1,2026-03-02,Good row,management,crisis,release,Ana,fine\n";
    let bad_date = "a2,2026-02-30,Bad date,,,,,\n";
    let bad_style = "a3,2026-03-03,Bad style,leader,panic,,,\n";
    let short = "a4,2026-03-04,Too short\n";
    let open_quote = "a5,2026-03-05,Open quote,,,,,\"this never ends\nx,y\n";
    let text = format!("{header}{good}{bad_date}{bad_style}{short}{open_quote}");
    let parsed = parse(ImportFormat::Csv, &text);
    assert_eq!(parsed.records.len(), 1);
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages[0].starts_with("row 3: '2026-02-30' is not a valid date"), "{messages:?}");
    assert!(messages[1].starts_with("row 4: unknown style 'leader'; valid styles are"), "{messages:?}");
    assert!(messages[1].contains("unknown situation 'panic'"), "every problem of the row: {messages:?}");
    assert_eq!(messages[2], "row 5: 3 fields, but the header has 8");
    assert!(messages[3].starts_with("row 6: a quoted field opened on line 6 is never closed"), "{messages:?}");
    let plan = ImportPlan::new(&Journal::default(), parsed);
    assert_eq!((plan.added.len(), plan.errors.len()), (1, 4));
}

#[test]
fn csv_columns_may_come_in_any_order_and_extra_ones_are_ignored() {
    let text = "Title,DATE,fit,Style,note\nFrom a spreadsheet,2026-05-01,1,Blend,\"a, b\"\n";
    let parsed = parse(ImportFormat::Csv, text);
    let decision = &decisions(&parsed)[0];
    assert_eq!(
        (decision.title.as_str(), decision.style, decision.note.as_str()),
        ("From a spreadsheet", Some(Style::Blend), "a, b")
    );
    assert_eq!(decision.created, context().now, "no times: the import's");
    assert!(!parsed.records[0].has_source_id);
    let again = parse(ImportFormat::Csv, text);
    assert_eq!(again.records[0].decision.id, decision.id, "a derived id is stable");

    let error = read(ImportFormat::Csv, "name,when\nx,y\n", &context()).unwrap_err();
    assert!(error.to_string().contains("no 'date' column"), "{error}");
}

#[test]
fn a_newer_copy_updates_an_older_one_is_skipped_and_repeats_count_once() {
    let journal = every_kind_of_field();
    let mut newer = journal.decisions()[1].clone();
    newer.title = "Untagged idea, now tagged".into();
    newer.style = Some(Style::Leadership);
    newer.updated += 1.hour();
    let mut older = journal.decisions()[2].clone();
    older.note = "older text".into();
    older.updated -= 1.hour();
    let mut file = Journal::new(vec![newer.clone(), older, newer.clone()]);
    file.push(
        DecisionDraft { title: "Brand new".into(), ..DecisionDraft::default() }
            .into_new_decision(date(2026, 5, 5), Timestamp::UNIX_EPOCH)
            .unwrap(),
    );
    let text = export(&file, ExportFormat::Json, &TimeZone::UTC).unwrap();

    let plan = ImportPlan::new(&journal, parse(ImportFormat::KeelJson, &text));
    assert_eq!(plan.updated, [newer.clone()]);
    assert_eq!(plan.added.len(), 1);
    let reasons: Vec<String> = plan.skipped.iter().map(|s| format!("{}: {}", s.at, s.reason)).collect();
    assert_eq!(reasons, ["decision 2: the journal's copy is as new or newer", "decision 3: the same as decision 1"]);

    let mut changed = journal.clone();
    let applied = apply(&plan, &mut changed);
    assert_eq!(changed.len(), 5);
    assert_eq!(changed.get(&newer.id), Some(&newer));
    assert_eq!(applied.len(), 2, "one added, one updated");
}

#[test]
fn keel_json_problems_are_named() {
    let error = read(ImportFormat::KeelJson, JRNL_EXPORT, &context()).unwrap_err();
    assert!(error.to_string().contains("--from jrnl-json"), "{error}");
    let error = read(ImportFormat::KeelJson, "{\"version\": 7, \"decisions\": []}", &context()).unwrap_err();
    assert!(error.to_string().contains("newer Keel (version 7"), "{error}");
    let error = read(ImportFormat::KeelJson, "{\"version\": 1,\n \"decisions\": [", &context()).unwrap_err();
    assert!(error.to_string().contains("line 2"), "{error}");
    let text = export(&every_kind_of_field(), ExportFormat::Json, &TimeZone::UTC).unwrap().replacen(
        "\"management\"",
        "\"leader\"",
        1,
    );
    let parsed = parse(ImportFormat::KeelJson, &text);
    assert_eq!(parsed.records.len(), 3);
    assert!(parsed.errors[0].to_string().starts_with("decision 1: unknown style 'leader'"), "{:?}", parsed.errors);
    assert_eq!(ImportFormat::detect(Path::new("export.JSON"), JRNL_EXPORT), Some(ImportFormat::JrnlJson));
    assert_eq!(ImportFormat::detect(Path::new("notes.md"), ""), None);
}

#[test]
fn jrnl_entries_with_problems_are_named_by_entry_and_line() {
    let json = r#"{"entries": [
        {"title": "Fine", "body": "", "date": "2026-01-02", "time": "10:00", "tags": [], "starred": false},
        {"title": "Torn", "body": "@leadership @management", "date": "2026-01-03", "time": "10:00", "tags": ["@leadership", "@management"], "starred": false},
        {"title": "Bad day", "body": "", "date": "2026-01-32", "time": "10:00", "tags": [], "starred": false}
    ]}"#;
    let parsed = parse(ImportFormat::JrnlJson, json);
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert!(messages[0].starts_with("entry 2: it is tagged both @leadership and @management"), "{messages:?}");
    assert!(messages[1].starts_with("entry 3: '2026-01-32' is not a valid date"), "{messages:?}");
    assert_eq!(parsed.records.len(), 1);

    let text = "[2026-01-02 10:00:00 AM] Fine\n\n[2026-01-45 10:00:00 AM] Bad\nbody\n";
    let parsed = parse(ImportFormat::JrnlText, text);
    assert_eq!(parsed.records.len(), 1);
    assert!(
        parsed.errors[0].to_string().starts_with("line 3: '2026-01-45 10:00:00 AM' is not a date"),
        "{:?}",
        parsed.errors
    );
    assert!(read(ImportFormat::JrnlText, "just some notes\n", &context()).is_err());
    assert_eq!(parse(ImportFormat::JrnlText, ""), Parsed::default());
}

#[test]
fn csv_reviews_confidence_and_review_dates_are_checked() {
    let header = "date,title,confidence,review_on,reviewed_on,result,process,outcome\n";
    let rows = [
        "2026-03-02,Fine,70 %,2026-04-01,2026-04-02,better,5,Went well\n",
        "2026-03-02,Too sure,170,,,,,\n",
        "2026-03-02,Review first,,2026-03-01,,,,\n",
        "2026-03-02,No result,,,2026-04-02,,,Went well\n",
        "2026-03-02,Bad process,,,2026-04-02,worse,9,\n",
    ];
    let parsed = parse(ImportFormat::Csv, &format!("{header}{}", rows.concat()));
    let decision = &parsed.records[0].decision;
    assert_eq!((decision.confidence, decision.review_on), (Some(70), Some(date(2026, 4, 1))));
    let review = decision.review.as_ref().unwrap();
    assert_eq!((review.result, review.process, review.outcome.as_str()), (ReviewResult::Better, Some(5), "Went well"));
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "row 3: confidence must be a whole number from 0 to 100, not '170'",
            "row 4: \u{201c}Review first\u{201d}: the review date 2026-03-01 is before the decision's date 2026-03-02",
            "row 5: a review needs a result (better, as-expected, worse)",
            "row 6: process must be a whole number from 1 to 5, not '9'",
        ]
    );
}

/// One decision with `title` and `note`, dated 2026-03-02.
fn titled(title: &str, note: &str) -> Decision {
    DecisionDraft { title: title.into(), note: note.into(), ..DecisionDraft::default() }
        .into_new_decision(date(2026, 3, 2), Timestamp::UNIX_EPOCH)
        .unwrap()
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_quoted_and_read_back_unchanged() {
    let mut decision = titled("=HYPERLINK(\"http://evil\",\"x\")", "\t+1 then more");
    decision.tags = vec!["@risky".into(), "-rm".into()];
    decision.people = vec!["+Ana".into()];
    decision.expectation = "'=already quoted".into();
    decision.options = vec!["-minus".into()];
    decision.contrasts = Some(ContrastScores { vision_execution: -2, ..ContrastScores::default() });
    let journal = Journal::new(vec![decision]);
    let text = export(&journal, ExportFormat::Csv, &TimeZone::UTC).unwrap();
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    for cell in &row {
        assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || cell == "-2", "cell {cell:?} in {text}");
    }
    assert_eq!(&row[2], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(&row[9], "-2", "a plain number stays a number");
    assert_eq!(&row[14], "''=already quoted");
    assert_eq!(decisions(&parse(ImportFormat::Csv, &text)), journal.decisions(), "the round trip is exact");
}

#[test]
fn a_csv_header_with_a_column_twice_is_refused_naming_it() {
    let error = read(ImportFormat::Csv, "date,title,Title\n2026-03-02,One,Two\n", &context()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "row 1 (the header): the column 'title' appears twice (columns 2 and 3); keep one of them, so no data is dropped"
    );
    assert!(read(ImportFormat::Csv, "date,title,extra,extra\n2026-03-02,One,a,b\n", &context()).is_ok());
}

#[test]
fn two_records_of_one_id_keep_the_newer_wherever_it_is() {
    let older = titled("First wording", "");
    let newer = Decision { title: "Second wording".into(), updated: older.updated + 1.hour(), ..older.clone() };
    for file in [vec![newer.clone(), older.clone()], vec![older.clone(), newer.clone()]] {
        let text = export(&Journal::new(file), ExportFormat::Json, &TimeZone::UTC).unwrap();
        let plan = ImportPlan::new(&Journal::default(), parse(ImportFormat::KeelJson, &text));
        assert_eq!(plan.added, std::slice::from_ref(&newer));
        assert_eq!(plan.skipped.len(), 1);
        assert!(plan.skipped[0].reason.to_string().ends_with("has a newer version of it"), "{:?}", plan.skipped);
    }
}

#[test]
fn a_note_line_that_looks_like_a_jrnl_date_stays_in_its_note() {
    let note =
        "Met at\n[2026-01-01 09:00 AM] not a new entry\n [2026-01-02 10:00:00 AM] indented already\n[1999-13-01] odd";
    let journal = Journal::new(vec![titled("Kept together", note)]);
    let text = export(&journal, ExportFormat::JrnlText, &TimeZone::UTC).unwrap();
    assert!(text.contains("\n [2026-01-01 09:00 AM] not a new entry\n"), "{text}");
    let back = decisions(&parse(ImportFormat::JrnlText, &text));
    assert_eq!(back.len(), 1, "{text}");
    assert_eq!(back[0].note, note);
}

#[test]
fn markdown_export_shows_html_and_unsafe_links_as_text() {
    let mut decision = titled(
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)> <iframe src=\"x\"></iframe>\n[click](javascript:alert(1)) [ok](https://example.org/a?b=1&c=2)\n[ref]: javascript:alert(2)",
    );
    decision.people = vec!["<b>Ana</b>".into()];
    let text = export(&Journal::new(vec![decision]), ExportFormat::Markdown, &TimeZone::UTC).unwrap();
    for live in ["<script", "<img", "<iframe", "<b>"] {
        assert!(!text.contains(live), "{live} in {text}");
    }
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{text}");
    assert!(!text.replace("\\]", "").replace("\\[", "").contains("](javascript:"), "{text}");
    assert!(!text.contains("\n[ref]:"), "no reference definition: {text}");
    assert!(text.contains("[ok](https://example.org/a?b=1&amp;c=2)"), "a web link stays a link: {text}");
}

#[test]
fn markdown_escape_keeps_safe_links_and_breaks_the_rest() {
    use super::markdown::escape;
    assert_eq!(escape("[a](http://x.org) [b](mailto:a@b.org)"), "[a](http://x.org) [b](mailto:a@b.org)");
    assert_eq!(escape("[a](JavaScript:x) ![i](data:x)"), "\\[a\\](JavaScript:x) !\\[i\\](data:x)");
    assert_eq!(escape("a \\[b] & <c>"), "a \\\\\\[b\\] &amp; &lt;c&gt;");
    assert_eq!(escape("C:\\path"), "C:\\path", "a backslash before a letter escapes nothing");
}

#[test]
fn control_characters_in_titles_people_and_tags_are_refused_on_import() {
    let text = "date,title,people,tags\n2026-03-02,\"Bell\u{7}\",,\n2026-03-02,Fine,\"Ana\u{1b}[2J\",\n2026-03-02,Fine too,,\"a\rb\"\n2026-03-02,Good,Ana,x\n";
    let parsed = parse(ImportFormat::Csv, text);
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "row 2: \u{201c}Bell\\a\u{201d}: the title \"Bell\\a\" holds a control character (U+0007); write it without one",
            "row 3: \u{201c}Fine\u{201d}: the person \"Ana\\e[2J\" holds a control character (U+001B); write it without one",
            "row 4: \u{201c}Fine too\u{201d}: the tag \"a\\rb\" holds a control character (U+000D); write it without one",
        ]
    );
    assert_eq!(parsed.records.len(), 1);
    let json = "{\"version\": 1, \"decisions\": [{\"id\": \"x\", \"date\": \"2026-03-02\", \"title\": \"T\\u001b[2J\", \"created\": \"2026-03-02T00:00:00Z\", \"updated\": \"2026-03-02T00:00:00Z\"}]}";
    let parsed = parse(ImportFormat::KeelJson, json);
    assert!(parsed.errors[0].to_string().contains("holds a control character (U+001B)"), "{:?}", parsed.errors);
}

#[test]
fn a_confidence_over_100_is_refused_by_every_reader() {
    let json = "{\"version\": 1, \"decisions\": [{\"id\": \"x\", \"date\": \"2026-03-02\", \"title\": \"T\", \"confidence\": 250, \"created\": \"2026-03-02T00:00:00Z\", \"updated\": \"2026-03-02T00:00:00Z\"}]}";
    let parsed = parse(ImportFormat::KeelJson, json);
    assert!(
        parsed.errors[0].to_string().contains("confidence must be between 0 and 100, not 250"),
        "{:?}",
        parsed.errors
    );
    let ron = "(version: 2, decisions: [(id: \"x\", date: \"2026-03-02\", title: \"T\",\n  confidence: Some(250), created: \"2026-03-02T00:00:00Z\", updated: \"2026-03-02T00:00:00Z\")])";
    let error = crate::storage::parse(ron, Path::new("journal.ron")).unwrap_err();
    assert!(error.to_string().starts_with("journal.ron:2:"), "{error}");
    assert!(error.to_string().contains("confidence must be between 0 and 100, not 250"), "{error}");
}

/// A journal of one decision with every field set, and a CSV or JSON text
/// that gives only some of its fields.
fn one_full_decision() -> (Journal, Decision) {
    let journal = every_kind_of_field();
    let full = journal.decisions()[0].clone();
    assert!(!full.note.is_empty() && !full.people.is_empty() && !full.tags.is_empty() && full.review.is_some());
    (journal, full)
}

#[test]
fn a_csv_with_fewer_columns_updates_only_its_columns() {
    let (journal, full) = one_full_decision();
    let text = format!("id,date,title\n{},{},Renamed\n", full.id, full.date);
    let title = format!("\"{}\"", full.title.replace('"', "\"\""));
    let plan = ImportPlan::new(&journal, parse(ImportFormat::Csv, &text));
    assert_eq!(plan.updated.len(), 1, "{plan:?}");
    let after = &plan.updated[0];
    assert_eq!(after.title, "Renamed");
    let kept = Decision { title: full.title.clone(), updated: full.updated, ..after.clone() };
    assert_eq!(kept, full, "every field the file lacks keeps its value");
    assert_eq!(after.updated, context().now, "the update is an edit made now");
    assert_eq!(plan.changed_fields(after), "title");

    // Columns present but empty do clear, and are listed.
    let text = format!("id,date,title,note,people,confidence\n{},{},{title},,,\n", full.id, full.date);
    let plan = ImportPlan::new(&journal, parse(ImportFormat::Csv, &text));
    assert_eq!(plan.changed_fields(&plan.updated[0]), "note, people, confidence");
    assert!(plan.updated[0].note.is_empty() && plan.updated[0].review.is_some());

    // The same values in fewer columns change nothing.
    let text = format!("id,date,title\n{},{},{title}\n", full.id, full.date);
    let plan = ImportPlan::new(&journal, parse(ImportFormat::Csv, &text));
    assert!(!plan.changes_anything(), "{plan:?}");
    assert_eq!(plan.skipped[0].reason, SkipReason::AlreadyThere);
}

#[test]
fn an_update_whose_fields_do_not_fit_the_journals_others_is_refused_by_row() {
    let (journal, full) = one_full_decision();
    let review_on = full.review_on.expect("a review date");
    let later = review_on.saturating_add(1.day());
    let title = format!("\"{}\"", full.title.replace('"', "\"\""));
    let text = format!("id,date,title\n{},{later},{title}\n", full.id);
    let plan = ImportPlan::new(&journal, parse(ImportFormat::Csv, &text));
    assert!(plan.updated.is_empty());
    let message = plan.errors[0].to_string();
    assert!(message.starts_with("row 2: \u{201c}"), "{message}");
    assert!(message.contains("with the journal's other fields: the review date"), "{message}");
}

#[test]
fn a_jrnl_entry_updates_only_what_jrnl_can_hold() {
    let (journal, full) = one_full_decision();
    let mut incoming = full.clone();
    incoming.note = "Rewritten in jrnl".into();
    incoming.confidence = None;
    incoming.review = None;
    incoming.updated += 1.hour();
    let jrnl_fields: FieldSet = [Field::Date, Field::Title, Field::Note, Field::Updated].into_iter().collect();
    let parsed = Parsed {
        records: vec![Incoming {
            at: Location::Line(1),
            decision: incoming,
            has_source_id: false,
            fields: jrnl_fields,
            tidied: true,
        }],
        errors: Vec::new(),
    };
    let plan = ImportPlan::new(&journal, parsed);
    let after = &plan.updated[0];
    assert_eq!(after.note, "Rewritten in jrnl");
    assert_eq!((after.confidence, &after.review), (full.confidence, &full.review), "fields jrnl lacks are kept");
    assert_eq!(plan.changed_fields(after), "note");
}

#[test]
fn dates_and_times_out_of_range_are_refused_by_every_reader() {
    let csv = "id,date,title,updated\nf,9999-12-31,Far,\no,0001-01-01,Old,\nt,2026-03-01,Forged,2099-01-01T00:00:00Z\nk,2026-03-01,Slow clock,2026-11-29T20:00:00Z\n";
    let parsed = parse(ImportFormat::Csv, csv);
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].starts_with("row 2: \u{201c}Far\u{201d} (id f): 9999-12-31 is more than a year ahead"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with("row 3: \u{201c}Old\u{201d} (id o): 0001-01-01 is before 1900-01-01"),
        "{messages:?}"
    );
    // Without a created time, the file's updated time stands for both.
    assert!(messages[2].starts_with("row 4: \u{201c}Forged\u{201d} (id t): its created time 2099"), "{messages:?}");
    assert_eq!(parsed.records.len(), 1, "a clock eight hours ahead is fine");

    let json = r#"{"version": 1, "decisions": [{"id": "x", "date": "9999-12-31", "title": "T", "created": "2026-03-02T00:00:00Z", "updated": "2026-03-02T00:00:00Z"}]}"#;
    let parsed = parse(ImportFormat::KeelJson, json);
    assert!(
        parsed.errors[0].to_string().starts_with("decision 1: \u{201c}T\u{201d} (id x): 9999-12-31"),
        "{:?}",
        parsed.errors
    );
    let jrnl = "[2099-03-01 09:00] Planned far ahead\n";
    let parsed = parse(ImportFormat::JrnlText, jrnl);
    assert!(parsed.errors[0].to_string().contains("2099-03-01 is more than a year ahead"), "{:?}", parsed.errors);
}

#[test]
fn every_text_field_follows_one_rule_on_import() {
    let csv = "date,title,note,expectation,options,outcome,reviewed_on,result\n\
               2026-03-01,Note,\"a\nb\tc\r\nd\",,,,,\n\
               2026-03-01,Esc note,\"a\u{1b}[2J\",,,,,\n\
               2026-03-01,Expect,,\"x\u{9b}y\",,,,\n\
               2026-03-01,Option,,,\"one\ntwo\u{7}\",,,\n\
               2026-03-01,Review,,,,\"went \u{1b}]0;x\",2026-03-02,better\n";
    let parsed = parse(ImportFormat::Csv, csv);
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(parsed.records.len(), 1, "line breaks and tabs are at home in a note: {messages:?}");
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages[0].contains("the note \"a\\e[2J\" holds a control character (U+001B)"), "{messages:?}");
    assert!(messages[1].contains("the expectation \"x\\u{9b}y\" holds a control character (U+009B)"), "{messages:?}");
    assert!(messages[2].contains("the option \"two\\a\" holds a control character (U+0007)"), "{messages:?}");
    assert!(messages[3].contains("the review's outcome \"went \\e]0;x\""), "{messages:?}");
}

#[test]
fn thousands_of_repeated_tags_are_dropped_in_linear_time_and_too_many_are_refused() {
    let repeats: Vec<String> = (0..200_000).map(|i| format!("@Tag{}", i % 7)).collect();
    let started = std::time::Instant::now();
    let text = format!("[2026-03-01 09:00] Tagged\n{}\n", repeats.join(" "));
    let parsed = parse(ImportFormat::JrnlText, &text);
    assert_eq!(decisions(&parsed)[0].tags.len(), 7);
    let listed: Vec<String> = (0..200_000).map(|i| format!("tag{}", i % 7)).collect();
    let export = serde_json::json!({"entries": [{"title": "T", "body": "", "date": "2026-03-01", "time": "09:00", "tags": listed}]});
    let parsed = parse(ImportFormat::JrnlJson, &export.to_string());
    assert_eq!(decisions(&parsed)[0].tags.len(), 7);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());

    let max = crate::model::decision::MAX_NAMES;
    let many: Vec<String> = (0..=max).map(|i| format!("@t{i}")).collect();
    let parsed = parse(ImportFormat::JrnlText, &format!("[2026-03-01 09:00] Many\n{}\n", many.join(" ")));
    let message = parsed.errors[0].to_string();
    assert_eq!(
        message,
        format!(
            "line 1: \u{201c}Many\u{201d}: {} tags on one decision is more than the {max} Keel allows; keep at most {max}",
            max + 1
        )
    );
}

#[test]
fn exports_show_an_older_journals_control_characters_escaped() {
    // As an older Keel may have stored it, past today's checks.
    let mut decision = titled("Plain", "");
    decision.title = "Title \u{1b}]0;owned\u{7}".into();
    decision.note = "Line\n\tnext \u{1b}[2J \u{9b}31m\r\nend".into();
    decision.people = vec!["Ana\u{7f}".into()];
    let journal = Journal::new(vec![decision]);
    for format in ExportFormat::ALL {
        let text = export(&journal, format, &TimeZone::UTC).unwrap();
        let raw: Vec<char> = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')).collect();
        assert!(raw.is_empty(), "{format:?}: {raw:?} in {text:?}");
    }
    let json = export(&journal, ExportFormat::Json, &TimeZone::UTC).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["decisions"][0]["note"], "Line\n\tnext \u{1b}[2J \u{9b}31m\r\nend", "JSON loses nothing");
}

#[test]
fn jrnl_tags_read_as_words_and_titles_lose_jrnl_s_full_stop_only() {
    assert_eq!(jrnl::untag("Great energy from @Priya."), "Great energy from Priya.");
    assert_eq!(jrnl::untag("@with/Ana_Lopez agreed"), "Ana Lopez agreed");
    assert_eq!(
        jrnl::untag("mail ana@example.com, #1 priority, a lone @ sign"),
        "mail ana@example.com, #1 priority, a lone @ sign"
    );
    assert_eq!(jrnl::tidy_title("Cut scope to hit Friday's release."), "Cut scope to hit Friday's release");
    assert_eq!(jrnl::tidy_title("To be continued..."), "To be continued...", "an ellipsis stays");
    assert_eq!(jrnl::tidy_title("Why not?"), "Why not?");
    assert_eq!(jrnl::tidy_title("."), ".", "a title is never emptied");
}

#[test]
fn tidied_jrnl_entries_keep_the_ids_an_earlier_import_gave_them() {
    let parsed = parse(ImportFormat::JrnlJson, JRNL_EXPORT);
    let first = &parsed.records[0].decision;
    assert_eq!(first.title, "Shared the two-year platform vision at the all-hands");
    // The id is the one derived from the entry as jrnl has it.
    let raw_note = "Asked everyone what would make them proud of it.";
    assert_eq!(
        first.id,
        derived_id(first.date, Some(first.created), "Shared the two-year platform vision at the all-hands.", raw_note)
    );

    // A journal imported before the tidying: the same ids, the titles with
    // their full stop and the notes with their tags.
    let mut raw: serde_json::Value = serde_json::from_str(JRNL_EXPORT).unwrap();
    let entries = raw["entries"].as_array_mut().unwrap();
    let earlier: Vec<Decision> = parsed
        .records
        .iter()
        .zip(entries.iter())
        .map(|(record, entry)| Decision {
            title: entry["title"].as_str().unwrap().trim().to_owned(),
            note: jrnl::note_from_body(entry["body"].as_str().unwrap()),
            ..record.decision.clone()
        })
        .collect();
    assert!(earlier.iter().any(|d| d.note.contains("@Marco")), "the earlier import kept tags in notes");
    let journal = Journal::new(earlier);
    let plan = ImportPlan::new(&journal, parse(ImportFormat::JrnlJson, JRNL_EXPORT));
    assert!(!plan.changes_anything(), "importing the file again adds and changes nothing: {plan:?}");
    let again = ImportPlan::new(
        &Journal::new(decisions(&parse(ImportFormat::JrnlJson, JRNL_EXPORT))),
        parse(ImportFormat::JrnlJson, JRNL_EXPORT),
    );
    assert!(!again.changes_anything(), "nor into a journal imported with the tidying");
}

#[test]
fn keel_to_jrnl_to_keel_adds_nothing_when_a_title_ends_with_a_full_stop_or_a_note_names_an_at() {
    let decision = DecisionDraft {
        title: "Froze the scope.".into(),
        date: Some(date(2026, 3, 2)),
        note: "Told @Marco first.".into(),
        ..DecisionDraft::default()
    }
    .into_new_decision(date(2026, 3, 2), Timestamp::UNIX_EPOCH)
    .unwrap();
    let journal = Journal::new(vec![decision]);
    let text = export(&journal, ExportFormat::JrnlText, &TimeZone::UTC).unwrap();
    let read = decisions(&parse(ImportFormat::JrnlText, &text));
    assert_eq!((read[0].title.as_str(), read[0].note.as_str()), ("Froze the scope", "Told Marco first."));
    let plan = ImportPlan::new(&journal, parse(ImportFormat::JrnlText, &text));
    assert!(!plan.changes_anything(), "matched by date, title and text as tidied: {plan:?}");
}

#[test]
fn only_jrnl_entries_are_matched_by_their_tidied_text() {
    let existing = DecisionDraft { title: "Hire Ana".into(), date: Some(date(2026, 3, 2)), ..DecisionDraft::default() }
        .into_new_decision(date(2026, 3, 2), Timestamp::UNIX_EPOCH)
        .unwrap();
    let journal = Journal::new(vec![existing]);
    // A CSV row without an id whose title differs by a full stop is another
    // decision, as written.
    let csv = "date,title\n2026-03-02,Hire Ana.\n";
    let plan = ImportPlan::new(&journal, parse(ImportFormat::Csv, csv));
    assert_eq!(plan.added.len(), 1, "{plan:?}");
    assert_eq!(plan.added[0].title, "Hire Ana.");
}

/// An import and the editor store the same fields the same way: the one
/// clean-up ([`Decision::tidy`]) runs on both paths.
#[test]
fn an_import_tidies_a_decision_exactly_as_the_editor_does() {
    let situations = vec![Situation::TightDeadline, Situation::Crisis, Situation::TightDeadline];
    let tags = vec!["release".to_owned(), " ".to_owned(), "Release".to_owned()];
    let people = vec![" Ana".to_owned(), "ana".to_owned(), "Bo".to_owned()];
    let contrasts = Some(ContrastScores { vision_execution: 5, people_process: -7, ..ContrastScores::default() });
    let options = vec!["  wait a week ".to_owned(), "   ".to_owned()];
    let day = date(2026, 11, 20);

    let mut fields = Fields::new(day, "  Froze the scope  ".to_owned());
    fields.situations.clone_from(&situations);
    fields.tags.clone_from(&tags);
    fields.people.clone_from(&people);
    fields.contrasts = contrasts;
    fields.options.clone_from(&options);
    fields.expectation = " ships on time \n".to_owned();
    let imported = fields.into_incoming(Location::Row(2), &context()).expect("accepted").decision;

    let draft = DecisionDraft {
        title: "  Froze the scope  ".to_owned(),
        date: Some(day),
        situations,
        tags,
        people,
        contrasts,
        options,
        expectation: " ships on time \n".to_owned(),
        ..DecisionDraft::default()
    };
    let edited = draft.into_new_decision(day, context().now).expect("accepted");

    assert_eq!(imported.title, "Froze the scope");
    assert_eq!(imported.situations, [Situation::Crisis, Situation::TightDeadline], "in their fixed order, once");
    assert_eq!(imported.contrasts.map(ContrastScores::as_array), Some([2, -2, 0, 0]), "clamped to −2…+2");
    for (what, import, editor) in [
        ("title", format!("{:?}", imported.title), format!("{:?}", edited.title)),
        ("situations", format!("{:?}", imported.situations), format!("{:?}", edited.situations)),
        ("tags", format!("{:?}", imported.tags), format!("{:?}", edited.tags)),
        ("people", format!("{:?}", imported.people), format!("{:?}", edited.people)),
        ("contrasts", format!("{:?}", imported.contrasts), format!("{:?}", edited.contrasts)),
        ("options", format!("{:?}", imported.options), format!("{:?}", edited.options)),
        ("expectation", format!("{:?}", imported.expectation), format!("{:?}", edited.expectation)),
    ] {
        assert_eq!(import, editor, "the {what} differs between an import and the editor");
    }
}

#[test]
fn the_export_writes_every_column_an_import_reads_in_order() {
    let headers: Vec<&str> = csv::EXPORT_COLUMNS.iter().map(|column| column.header()).collect();
    assert_eq!(headers, csv::COLUMNS);
}

#[test]
fn every_csv_of_decisions_guards_its_cells_the_same_way() {
    let mut journal = Journal::default();
    let mut decision = crate::model::Decision {
        title: "=HYPERLINK(\"x\")".to_owned(),
        note: "line\u{1b}[31m red".to_owned(),
        date: date(2026, 11, 20),
        ..crate::model::Decision::default()
    };
    decision.tags = vec!["@team".to_owned()];
    journal.push(decision.clone());
    let export = csv::write(&journal).expect("written");
    let columns = [csv::Column::Title, csv::Column::Note, csv::Column::Tags];
    let listed =
        String::from_utf8(csv::write_decisions([&decision], &columns, Vec::new()).expect("written")).expect("UTF-8");
    for text in [&export, &listed] {
        assert!(text.contains("'=HYPERLINK"), "a formula is neutralised: {text}");
        assert!(text.contains("'@team"), "{text}");
        assert!(!text.contains('\u{1b}'), "no raw escape character: {text:?}");
    }
}
