//! Importing and exporting in the window: the preview with its counts,
//! confirming, one-step undo, bad records, dropping a file, exporting. The
//! native file dialogs are left out: tests call `preview_import` and
//! `export_to`, which the dialogs call.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common::{
    TempWindow, click, click_button, harness_any_text as harness, has_button, shows, shows_containing,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use keel::app::KeelApp;
use keel::interop::ExportFormat;
use keel::storage;

const JRNL_EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/jrnl/export.json");

fn import_button_enabled<S>(harness: &Harness<'_, S>) -> bool {
    harness
        .query_all_by(|node| {
            node.role() == Role::Button && node.label().as_deref() == Some("Import") && !node.is_disabled()
        })
        .next()
        .is_some()
}

fn preview(harness: &mut Harness<'_, KeelApp>, path: &Path) {
    harness.state_mut().preview_import(path);
    harness.run();
}

#[test]
fn the_preview_shows_counts_and_one_ctrl_z_takes_the_whole_import_back() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    preview(&mut harness, Path::new(JRNL_EXPORT));
    assert!(shows(&harness, "Import \u{201c}export.json\u{201d}"));
    for count in ["12 new", "0 updated", "0 skipped", "0 with errors"] {
        assert!(shows(&harness, count), "{count} is shown");
    }
    assert!(harness.state().journal().is_empty(), "nothing changes before confirming");

    click_button(&mut harness, "Import");
    assert_eq!(harness.state().journal().len(), 12);
    assert!(harness.state().import.is_none(), "the preview closed");
    assert!(shows_containing(&harness, "Imported 12 decisions"));
    assert!(has_button(&harness, "Payments outage \u{2014} took command of the incident"));
    harness.state_mut().flush_saves();
    assert_eq!(storage::load(&window.path).expect("saved").len(), 12);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().journal().is_empty(), "one undo removes every imported decision");
    assert!(!has_button(&harness, "Payments outage \u{2014} took command of the incident"));
    harness.state_mut().flush_saves();
    assert!(storage::load(&window.path).expect("saved").is_empty());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().journal().len(), 12, "redo brings them all back");
}

#[test]
fn importing_again_finds_nothing_new() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    preview(&mut harness, Path::new(JRNL_EXPORT));
    click_button(&mut harness, "Import");
    preview(&mut harness, Path::new(JRNL_EXPORT));
    assert!(shows(&harness, "0 new"));
    assert!(shows(&harness, "12 skipped"));
    assert!(shows(&harness, "Nothing to import: everything in this file is already in your journal."));
    assert!(!import_button_enabled(&harness));
    click_button(&mut harness, "Cancel");
    assert!(harness.state().import.is_none());
    assert_eq!(harness.state().journal().len(), 12);
}

#[test]
fn bad_records_are_listed_and_block_the_import_until_skipped() {
    let window = TempWindow::new();
    let csv = window.folder.path().join("decisions.csv");
    std::fs::write(&csv, "date,title,style\n2026-03-02,Good one,management\n2026-03-03,Bad style,leader\n")
        .expect("write");
    let mut harness = harness(window.app());
    preview(&mut harness, &csv);
    assert!(shows(&harness, "1 new"));
    assert!(shows(&harness, "1 with errors"));
    assert!(shows_containing(&harness, "row 3: unknown style 'leader'"));
    assert!(!import_button_enabled(&harness), "bad records block the import");

    click(&mut harness, "Skip the records with errors and import the rest");
    assert!(import_button_enabled(&harness));
    click_button(&mut harness, "Import");
    let titles: Vec<&str> = harness.state().journal().decisions().iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Good one"]);
}

#[derive(Debug)]
struct DroppedFile(PathBuf);

impl egui::DroppedFile for DroppedFile {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn dropping_a_file_on_the_window_opens_the_preview() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    harness.input_mut().dropped_files.push(Arc::new(DroppedFile(PathBuf::from(JRNL_EXPORT))));
    harness.run();
    assert!(shows(&harness, "12 new"));

    let unknown = window.folder.path().join("notes.md");
    std::fs::write(&unknown, "# notes").expect("write");
    click_button(&mut harness, "Cancel");
    harness.input_mut().dropped_files.push(Arc::new(DroppedFile(unknown)));
    harness.run();
    assert!(shows_containing(&harness, "cannot tell the format of"));
    click_button(&mut harness, "Close");
    assert!(harness.state().import.is_none());
    assert!(harness.state().journal().is_empty());
}

#[test]
fn export_writes_the_chosen_format_and_says_so() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    preview(&mut harness, Path::new(JRNL_EXPORT));
    click_button(&mut harness, "Import");
    let out = window.folder.path().join("archive.md");
    harness.state_mut().export_to(&out, ExportFormat::Markdown);
    harness.run();
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("# Decision journal\n\n12 decisions"), "{text}");
    assert!(shows_containing(&harness, "Exported 12 decisions to"));

    harness.state_mut().export_to(&window.path, ExportFormat::Json);
    harness.run();
    assert!(shows_containing(&harness, "is the journal itself"), "the journal is never overwritten by an export");
    // Nor its lock (or key) file, however the path is spelt.
    let lock = window.folder.path().join("sub").join("..").join("journal.ron.lock");
    std::fs::create_dir_all(window.folder.path().join("sub")).expect("folder");
    harness.state_mut().export_to(&lock, ExportFormat::Json);
    harness.run();
    assert!(shows_containing(&harness, "is the journal's lock file"), "refused by what it is");
}

#[test]
fn an_export_and_an_import_run_on_a_worker_while_the_window_keeps_drawing() {
    let window = TempWindow::new();
    // Not `crate::common::harness`: that one runs file work in place.
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut keel::app::KeelApp| app.frame_ui(ui), window.app());
    harness.run_steps(2);
    harness.state_mut().preview_import(Path::new(JRNL_EXPORT));
    assert!(harness.state().import.is_none(), "the preview opens once the worker has read the file");
    harness.state_mut().flush_saves();
    harness.run_steps(2);
    assert!(shows_containing(&harness, "Import \u{201c}"), "the preview opened");
    harness.state_mut().confirm_import();
    harness.run_steps(2);

    let out = window.folder.path().join("archive.csv");
    harness.state_mut().export_to(&out, ExportFormat::Csv);
    // The result arrives when the window takes it in, not in the call.
    let said = harness.state().toast.as_ref().map(|toast| toast.text.clone()).unwrap_or_default();
    assert!(!said.starts_with("Exported"), "nothing said before the worker is done: {said}");
    harness.state_mut().flush_saves();
    harness.run_steps(2);
    assert!(shows_containing(&harness, "Exported 12 decisions to"));
    assert_eq!(std::fs::read_to_string(&out).expect("written").lines().count(), 13);
}

#[test]
fn the_import_preview_alone_sends_the_tick_and_the_confirmation() {
    use keel::context::Sender;
    use keel::context::{AppRequest, ImportPreview};
    use keel::interop::{ImportContext, ImportPlan};

    let window = TempWindow::new();
    let csv = window.folder.path().join("decisions.csv");
    std::fs::write(&csv, "date,title,style\n2026-03-02,Good one,management\n2026-03-03,Bad style,leader\n")
        .expect("write");
    let now = "2026-11-29T12:00:00Z".parse().expect("time");
    let context = ImportContext { time_zone: jiff::tz::TimeZone::UTC, now };
    let journal = keel::model::Journal::default();
    let (format, parsed) = keel::interop::read_file(&csv, None, &context).expect("read");
    let preview = ImportPreview::new(csv, Ok((format, ImportPlan::new(&journal, parsed))), &journal);
    let sender = Sender::default();
    let mut harness = Harness::builder().with_size(egui::vec2(1280.0, 900.0)).build_ui_state(
        |ui, preview: &mut ImportPreview| keel::ui::import_export::preview_modal(preview, &sender, ui),
        preview,
    );
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");
    assert!(!import_button_enabled(&harness), "bad records block the import");

    harness.get_by_label("Skip the records with errors and import the rest").click();
    harness.run();
    assert_eq!(sender.take(), [AppRequest::SkipBadRecords(true)], "the tick goes to the app");
    assert!(!harness.state().skip_bad, "the preview is the app's, never changed here");
    // What the app does with the tick.
    harness.state_mut().skip_bad = true;
    harness.run();
    assert!(import_button_enabled(&harness));
    harness.get_by_role_and_label(Role::Button, "Import").click();
    harness.run();
    assert_eq!(sender.take(), [AppRequest::ConfirmImport], "confirmed, once");
    assert!(journal.is_empty(), "nothing imported here");
}

#[test]
fn the_preview_names_the_fields_an_update_changes_and_a_missing_column_clears_nothing() {
    use keel::model::{Decision, DecisionId, Journal};
    let window = TempWindow::new();
    let full = Decision {
        id: DecisionId("full".into()),
        date: jiff::civil::date(2026, 3, 2),
        title: "Froze the scope".into(),
        note: "Two weeks left.".into(),
        people: vec!["Ana".into()],
        tags: vec!["release".into()],
        confidence: Some(70),
        created: "2026-03-02T09:00:00Z".parse().expect("time"),
        updated: "2026-03-02T09:00:00Z".parse().expect("time"),
        ..Decision::default()
    };
    storage::save(&window.path, &Journal::new(vec![full.clone()])).expect("saved");
    let csv = window.folder.path().join("few.csv");
    std::fs::write(&csv, "id,date,title\nfull,2026-03-02,Froze the scope for 4.2\n").expect("write");
    let mut harness = harness(window.app());
    preview(&mut harness, &csv);
    assert!(shows(&harness, "1 updated"));
    click(&mut harness, "What will be added or updated (1)");
    assert!(shows_containing(&harness, "Froze the scope for 4.2  (updated: title)"));

    click_button(&mut harness, "Import");
    let after = &harness.state().journal().decisions()[0];
    assert_eq!(after.title, "Froze the scope for 4.2");
    let kept = Decision { title: full.title.clone(), updated: full.updated, ..after.clone() };
    assert_eq!(kept, full, "the note, people, tags and confidence the file lacks are kept");
}

#[test]
fn tags_that_look_like_people_can_be_imported_as_people_and_undone_with_the_import() {
    let window = TempWindow::new();
    let mut harness = harness(window.app());
    preview(&mut harness, Path::new(JRNL_EXPORT));
    assert!(shows_containing(&harness, "these look like names: @Priya, @Marco."));
    click(&mut harness, "Import them as people");
    assert!(harness.state().import.as_ref().is_some_and(|preview| preview.tags_as_people));
    click_button(&mut harness, "Import");
    let journal = harness.state().journal();
    let with_marco = journal.decisions().iter().find(|d| d.title.starts_with("1:1 with Marco")).expect("imported");
    assert_eq!(with_marco.people, ["Marco"]);
    assert!(with_marco.tags.is_empty());
    assert!(journal.decisions().iter().all(|d| !d.tags.iter().any(|tag| tag == "Priya" || tag == "Marco")));
    assert_eq!(journal.decisions().iter().filter(|d| d.people == ["Priya"]).count(), 1);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().journal().is_empty(), "one undo takes the import and the people back");

    // Importing the file again, without the choice, adds nothing twice.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    preview(&mut harness, Path::new(JRNL_EXPORT));
    assert!(shows(&harness, "0 new"));
}

#[test]
fn suggestions_are_given_only_to_the_ticked_untagged_decisions_and_undone_with_the_import() {
    use keel::model::Style;
    let window = TempWindow::new();
    let csv = window.folder.path().join("untagged.csv");
    std::fs::write(
        &csv,
        "date,title,style\n\
         2026-03-02,The payments service went down; I took command of the incident and assigned roles,\n\
         2026-03-03,\"Let the squad choose their own architecture for the rewrite, no micromanaging\",\n\
         2026-03-04,Set up a weekly checklist and a clear deadline for the release to ship on time,\n\
         2026-03-05,Lunch,\n\
         2026-03-06,Already styled,blend\n",
    )
    .expect("write");
    let mut harness = harness(window.app());
    preview(&mut harness, &csv);
    assert!(shows(&harness, "5 new"));
    click_button(&mut harness, "Apply suggestions to 3 untagged decisions\u{2026}");
    assert!(shows_containing(&harness, "Management \u{00b7} A crisis is unfolding"));
    click(&mut harness, "Set up a weekly checklist and a clear deadline for the release to ship on time");
    click_button(&mut harness, "Use 2 suggestions");
    assert!(shows(&harness, "2 of the 3 untagged decisions will get the suggested style."));
    click_button(&mut harness, "Import");

    let styles: Vec<(String, Option<Style>)> =
        harness.state().journal().decisions().iter().map(|d| (d.title.clone(), d.style)).collect();
    assert_eq!(
        styles.iter().map(|(_, style)| *style).collect::<Vec<_>>(),
        [Some(Style::Management), Some(Style::Leadership), None, None, Some(Style::Blend)],
        "{styles:?}"
    );
    let crisis = &harness.state().journal().decisions()[0];
    assert_eq!(crisis.situations, [keel::model::Situation::Crisis]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().journal().is_empty(), "one undo takes the import and its styles back");
}
