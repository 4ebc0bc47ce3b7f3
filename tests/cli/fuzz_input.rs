//! Untrusted input never panics: property tests of the journal loader (on
//! arbitrary text and bytes, and on valid files mutated at random) and of
//! command-line parsing (arbitrary arguments). Inputs that once crashed are
//! kept at the bottom as regression tests.

use std::path::Path;

use clap::Parser as _;
use keel::cli::Cli;
use keel::storage;
use proptest::prelude::*;

const FIXTURE_V1: &str = include_str!("../data/journal_v1.ron");

/// A valid current-version file with every field, to mutate.
fn valid_v2() -> String {
    let journal = storage::parse(FIXTURE_V1, Path::new("fixture")).expect("fixture parses");
    let tombstone = storage::Tombstone::legacy(keel::model::DecisionId("gone".into()), jiff::Timestamp::UNIX_EPOCH);
    storage::contents_to_text(&journal, &[tombstone])
}

/// A parse either succeeds or names a position inside the text.
fn check_parse(text: &str) {
    match storage::parse_file(text, Path::new("fuzz.ron")) {
        Ok(parsed) => {
            // What parses must save and parse back the same.
            let again = storage::contents_to_text(&parsed.contents.journal, &parsed.contents.deleted);
            let reparsed = storage::parse_file(&again, Path::new("again.ron")).expect("a saved file parses");
            assert_eq!(reparsed.contents, parsed.contents);
        }
        Err(storage::StorageError::Parse { line, column, .. }) => {
            assert!(line >= 1 && column >= 1, "position {line}:{column}");
        }
        Err(storage::StorageError::FutureVersion { .. }) => {}
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Replace { at: usize, with: char },
    Truncate { at: usize },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let piece = prop_oneof![
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just("\"".to_owned()),
        Just("Some(".to_owned()),
        Just("None".to_owned()),
        Just("version: 3".to_owned()),
        Just("-".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("\\u{d800}".to_owned()),
        Just("r#\"".to_owned()),
        Just("/*".to_owned()),
        ".{0,8}",
    ];
    prop_oneof![
        (any::<usize>(), 0..64_usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), piece).prop_map(|(at, text)| Mutation::Insert { at, text }),
        (any::<usize>(), any::<char>()).prop_map(|(at, with)| Mutation::Replace { at, with }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 0..64_usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or before `at`, within the text.
fn clamped(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Delete { at, len } => {
            let start = boundary(text, *at);
            let end = clamped(text, start + len);
            if end > start {
                text.replace_range(start..end, "");
            }
        }
        Mutation::Insert { at, text: piece } => {
            let at = boundary(text, *at);
            text.insert_str(at, piece);
        }
        Mutation::Replace { at, with } => {
            let start = boundary(text, *at);
            if let Some(old) = text[start..].chars().next() {
                text.replace_range(start..start + old.len_utf8(), &with.to_string());
            }
        }
        Mutation::Truncate { at } => {
            let at = boundary(text, *at);
            text.truncate(at);
        }
        Mutation::Duplicate { at, len } => {
            let start = boundary(text, *at);
            let end = clamped(text, start + len);
            let copy = text[start..end].to_owned();
            text.insert_str(end, &copy);
        }
    }
}

const FLAGS: &[&str] = &[
    "--journal",
    "--demo",
    "--screenshot",
    "--page",
    "--theme",
    "add",
    "list",
    "review",
    "record",
    "backups",
    "restore",
    "encrypt",
    "decrypt",
    "--change-passphrase",
    "--title",
    "--date",
    "--style",
    "--situation",
    "--tag",
    "--person",
    "--note",
    "--confidence",
    "--expect",
    "--review-on",
    "--option",
    "--since",
    "--until",
    "--search",
    "--format",
    "--due",
    "--outcome",
    "--result",
    "--process",
    "--lesson",
    "--help",
    "--version",
    "json",
    "table",
    "csv",
    "crisis",
    "leadership",
    "2026-02-30",
    "2026-03-14",
    "-1",
    "101",
    "0",
    "--",
    "-",
    "=",
];

fn argument() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(FLAGS).prop_map(str::to_owned),
        1 => ".{0,12}",
        1 => proptest::sample::select(FLAGS).prop_flat_map(|flag| ".{0,6}".prop_map(move |value| format!("{flag}={value}"))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_the_loader(text in ".{0,400}") {
        check_parse(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Err(error) = storage::parse_bytes(&bytes, Path::new("fuzz.ron")) {
            prop_assert!(error.to_string().starts_with("fuzz.ron"), "{error}");
        }
    }

    #[test]
    fn mutated_valid_files_never_panic_the_loader(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut text = valid_v2();
        for mutation in &mutations {
            apply(&mut text, mutation);
        }
        check_parse(&text);
    }

    #[test]
    fn mutated_version_1_files_never_panic_the_loader(mutations in proptest::collection::vec(mutation(), 1..4)) {
        let mut text = FIXTURE_V1.to_owned();
        for mutation in &mutations {
            apply(&mut text, mutation);
        }
        check_parse(&text);
    }

    #[test]
    fn arbitrary_arguments_never_panic_the_command_line(arguments in proptest::collection::vec(argument(), 0..8)) {
        let mut argv = vec!["keel".to_owned()];
        argv.extend(arguments);
        // Ok or a clap error (usage, help, version): never a panic.
        if let Err(error) = Cli::try_parse_from(&argv) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

/// Inputs kept from earlier crashes or near misses.
#[test]
fn regressions() {
    for text in [
        "",
        "(",
        "(version: 4294967296, decisions: [])",
        "(version: -1, decisions: [])",
        "(version: 2)",
        "(version: 2, decisions: [], deleted: [(id: \"a\", deleted_at: \"not a time\")])",
        "(version: 2, decisions: [(id: \"a\", date: \"2026-02-30\", title: \"t\", created: \"x\", updated: \"y\")])",
        "(version: 2, decisions: [(id: \"a\", date: \"2026-01-01\", title: \"t\", confidence: Some(300), created: \"2026-01-01T00:00:00Z\", updated: \"2026-01-01T00:00:00Z\")])",
        "\u{feff}(version: 2, decisions: [])",
        "/* unterminated",
    ] {
        check_parse(text);
    }
}

/// A short text with a control character (C0, DEL or C1) somewhere in it.
fn with_control_character() -> impl Strategy<Value = String> {
    "[a-zA-Z ]{0,6}[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}][a-zA-Z \\x1b\\x07]{0,6}"
}

/// A one-line cell that starts the way a spreadsheet formula does (or with
/// quotes before that), to go through CSV and back.
fn formula_line() -> impl Strategy<Value = String> {
    "'{0,2}[=+\\-@][a-zA-Z0-9 (),.\"'=+!|-]{0,12}"
}

/// A note may hold tabs and carriage returns, so it may also start with them.
fn formula_note() -> impl Strategy<Value = String> {
    "'{0,2}[=+\\-@\t\r][a-zA-Z0-9 (),.\"'=+!|\t-]{0,12}"
}

/// An import run in late 2026, so the 2026 dates below are in range
/// (every import checks dates and times against its "now").
fn csv_context() -> keel::interop::ImportContext {
    keel::interop::ImportContext { time_zone: jiff::tz::TimeZone::UTC, now: "2026-11-29T12:00:00Z".parse().unwrap() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn control_characters_never_get_into_a_title_person_or_tag(text in with_control_character(), field in 0..3_usize) {
        use keel::model::{DecisionDraft, DraftError};
        let mut draft = DecisionDraft { title: "Fine".to_owned(), ..DecisionDraft::default() };
        match field {
            0 => draft.title.clone_from(&text),
            1 => draft.people = vec![text.clone()],
            _ => draft.tags = vec![text.clone()],
        }
        let today = jiff::civil::date(2026, 3, 2);
        match draft.into_new_decision(today, jiff::Timestamp::UNIX_EPOCH) {
            // Trimming may take the control character off the ends.
            Ok(decision) => prop_assert!(decision.check().is_ok()),
            Err(error) => {
                prop_assert!(matches!(error, DraftError::ControlCharacter { .. } | DraftError::EmptyTitle), "{error}");
                prop_assert!(!error.to_string().chars().any(char::is_control), "{error:?}");
            }
        }
        // The same rule for an import.
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["date", "title", "people", "tags"]).unwrap();
        let mut row = ["2026-03-02".to_owned(), "Fine".to_owned(), String::new(), String::new()];
        row[field + 1].clone_from(&text);
        writer.write_record(&row).unwrap();
        let file = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let parsed = keel::interop::read(keel::interop::ImportFormat::Csv, &file, &csv_context()).unwrap();
        for record in &parsed.records {
            prop_assert!(record.decision.check().is_ok(), "{:?}", record.decision);
        }
        for error in &parsed.errors {
            prop_assert!(!error.to_string().chars().any(char::is_control), "{error:?}");
        }
    }

    #[test]
    fn formula_cells_leave_csv_export_quoted_and_read_back_exactly(
        title in formula_line(),
        person in formula_line(),
        note in formula_note(),
    ) {
        use keel::interop::{ExportFormat, ImportFormat};
        let draft = keel::model::DecisionDraft {
            title,
            people: vec![person],
            note,
            ..keel::model::DecisionDraft::default()
        };
        let decision = draft.into_new_decision(jiff::civil::date(2026, 3, 2), jiff::Timestamp::UNIX_EPOCH);
        prop_assume!(decision.is_ok());
        let journal = keel::model::Journal::new(vec![decision.unwrap()]);
        let text = keel::interop::export(&journal, ExportFormat::Csv, &jiff::tz::TimeZone::UTC).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in &record.unwrap() {
                let live = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                prop_assert!(!live || cell.parse::<f64>().is_ok(), "a live cell {cell:?}");
            }
        }
        let parsed = keel::interop::read(ImportFormat::Csv, &text, &csv_context()).unwrap();
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let back: Vec<_> = parsed.records.into_iter().map(|record| record.decision).collect();
        prop_assert_eq!(back.as_slice(), journal.decisions());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// A byte-order mark (Windows Notepad) changes nothing: the same file
    /// reads the same with or without one, and a broken one is refused at
    /// the same place.
    #[test]
    fn a_byte_order_mark_reads_as_the_same_file(mutation in mutation()) {
        let mut text = valid_v2();
        apply(&mut text, &mutation);
        let plain = storage::parse_bytes(text.as_bytes(), Path::new("fuzz.ron"));
        let marked = storage::parse_bytes(&[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(), Path::new("fuzz.ron"));
        match (plain, marked) {
            (Ok(plain), Ok(marked)) => prop_assert_eq!(plain.contents, marked.contents),
            (Err(plain), Err(marked)) => prop_assert_eq!(plain.to_string(), marked.to_string()),
            (plain, marked) => prop_assert!(false, "differ: {:?} / {:?}", plain.err(), marked.err()),
        }
    }

    /// Unknown fields anywhere are found, never a panic; a file with one
    /// names it with a line inside the text.
    #[test]
    fn an_inserted_unknown_field_is_always_found(at in 0_usize..4000, name in "[a-z]{3,12}_x") {
        let text = valid_v2();
        let lines: Vec<&str> = text.lines().collect();
        let line = 1 + at % (lines.len() - 2);
        let mut edited: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        edited.insert(line, format!("{name}: 1,"));
        let edited = edited.join("\n");
        if let Ok(parsed) = storage::parse_file(&edited, Path::new("fuzz.ron")) {
            let field = parsed.unknown_field.expect("found");
            prop_assert_eq!(field.name, name);
            prop_assert_eq!(field.line, line + 1);
        }
    }
}

/// Special files as the journal: refused at once (a pipe would hang the
/// reader, a device never end), nothing created beside them.
#[cfg(unix)]
#[test]
fn special_files_are_refused_without_reading_them() {
    let folder = tempfile::tempdir().expect("temp dir");
    let fifo = folder.path().join("pipe.ron");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    for path in [fifo.as_path(), Path::new("/dev/null"), Path::new("/dev/zero"), folder.path()] {
        let store = storage::Store::new(path.to_owned()).with_cache(None);
        match store.read() {
            Err(storage::StorageError::NotAFile { .. }) => {}
            other => panic!("{}: {other:?}", path.display()),
        }
    }
    assert!(!folder.path().join("pipe.ron.lock").exists());
}
