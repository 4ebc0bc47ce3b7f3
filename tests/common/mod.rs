//! Helpers shared by the UI tests: a window on a temporary or sample journal
//! with the clock fixed, driven through `egui_kittest`.

#![allow(dead_code, reason = "each test file uses a different subset")]
#![allow(clippy::expect_used, reason = "a panic in a test is the test failing")]

use std::path::PathBuf;
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use jiff::civil::{Date, date};
use keel::app::KeelApp;
use keel::model::FixedClock;

/// The fixed "today" of every UI test.
pub fn today() -> Date {
    date(2026, 11, 29)
}

/// A window on a new journal file in a temporary folder.
pub struct TempWindow {
    /// Keeps the folder alive for the test.
    pub folder: tempfile::TempDir,
    /// The journal file.
    pub path: PathBuf,
}

impl TempWindow {
    /// A folder with no journal yet.
    pub fn new() -> Self {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("journal.ron");
        Self { folder, path }
    }

    /// The app opened on this folder's journal.
    pub fn app(&self) -> KeelApp {
        KeelApp::open(self.path.clone(), Arc::new(FixedClock::at_date(today())))
    }
}

/// A harness drawing `app` in a desktop-sized window. Background work runs
/// in place: file work (export, import, briefs, moving the journal) and
/// encryption are done when the click returns; a save or a read is taken in
/// at the next frame, as from its thread. [`threaded_harness`] drives the
/// worker threads.
pub fn harness(mut app: KeelApp) -> Harness<'static, KeelApp> {
    app.run_tasks_in_place();
    threaded_harness(app)
}

/// Like [`harness`], but background work runs on its worker threads, as in
/// the window: for tests of that path.
pub fn threaded_harness(app: KeelApp) -> Harness<'static, KeelApp> {
    // A save taken in at the next frame (a failed save's banner) costs a
    // frame or two more than kittest's default four; eight leaves room
    // without hiding a window that never settles.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// A harness drawing `app` in a 1280×800 window (a common laptop screen)
/// at `zoom` (1.0 = 100 %), as Ctrl+Plus makes it: the same pixels, `zoom`
/// times fewer points to lay the window out in.
pub fn laptop_harness(app: KeelApp, zoom: f32) -> Harness<'static, KeelApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0 / zoom, 800.0 / zoom))
        .with_pixels_per_point(zoom)
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// Like [`harness`], but characters that egui's bundled fonts lack are drawn
/// as boxes instead of failing the test, as the real window does when no
/// system font has them either. For journals from elsewhere, which may hold
/// any emoji (the jrnl fixture has 🙂).
pub fn harness_any_text(mut app: KeelApp) -> Harness<'static, KeelApp> {
    app.run_tasks_in_place();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// The sample journal with the clock fixed.
pub fn demo_app() -> KeelApp {
    KeelApp::demo(Arc::new(FixedClock::at_date(today())))
}

/// Focuses the field named `label` and types `text` into it.
pub fn type_into<S>(harness: &mut Harness<'_, S>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Replaces the text of the field named `label` with `text`, as a user
/// selecting all and typing over it.
pub fn replace_text<S>(harness: &mut Harness<'_, S>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Whether a button named `name` is shown; its shortcut may follow the name
/// ("Save Ctrl+S").
pub fn has_button<S>(harness: &Harness<'_, S>, name: &str) -> bool {
    harness.query_all_by(|node| is_button_named(node, name)).next().is_some()
}

/// Clicks the button named `name` (see [`has_button`]) and lets the frame run.
pub fn click_button<S>(harness: &mut Harness<'_, S>, name: &str) {
    harness.get_by(|node| is_button_named(node, name)).scroll_to_me();
    harness.run();
    harness.get_by(|node| is_button_named(node, name)).click();
    harness.run();
}

fn is_button_named(node: &egui_kittest::kittest::AccessKitNode<'_>, name: &str) -> bool {
    node.role() == egui::accesskit::Role::Button
        && node.label().is_some_and(|label| {
            label == name
                || label
                    .strip_prefix(name)
                    .and_then(|rest| rest.strip_prefix(' '))
                    .is_some_and(|shortcut| !shortcut.is_empty() && !shortcut.contains(char::is_whitespace))
        })
}

/// Whether some text on screen (a label's value or a widget's name) equals `text`.
pub fn shows(harness: &Harness<'_, KeelApp>, text: &str) -> bool {
    harness
        .query_all_by(|node| node.value().as_deref() == Some(text) || node.label().as_deref() == Some(text))
        .next()
        .is_some()
}

/// Whether some text on screen contains `text`.
pub fn shows_containing<S>(harness: &Harness<'_, S>, text: &str) -> bool {
    harness
        .query_all_by(|node| {
            node.value().is_some_and(|value| value.contains(text))
                || node.label().is_some_and(|label| label.contains(text))
        })
        .next()
        .is_some()
}

/// Scrolls to the widget named `label`, clicks it and lets the frame run.
pub fn click(harness: &mut Harness<'_, KeelApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// Picks the radio button named `label` (e.g. a style in the editor).
pub fn choose(harness: &mut Harness<'_, KeelApp>, label: &str) {
    let radio = egui::accesskit::Role::RadioButton;
    harness.get_by_role_and_label(radio, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(radio, label).click();
    harness.run();
}

/// The titles of the journal file at `path`, sorted: what is on disk.
pub fn titles_on_disk(path: &std::path::Path) -> Vec<String> {
    let mut titles: Vec<String> =
        keel::storage::load(path).expect("loads").decisions().iter().map(|d| d.title.clone()).collect();
    titles.sort();
    titles
}

/// eframe's storage as a map, standing in for the file the window keeps
/// (preferences, the view, unsaved drafts).
#[derive(Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// A page drawn on its own, as rerun tests a view: a read-only context over
/// the sample journal, and a sender to read back what the page asked for.
pub struct PageAlone {
    /// The journal the page sees.
    pub journal: keel::model::Journal,
    /// Its name counts.
    pub names: Arc<keel::context::NameCounts>,
    /// What the page sent.
    pub sender: keel::context::Sender,
    /// The preferences the page sees.
    pub preferences: keel::context::Preferences,
    /// Where the journal comes from: a file that is never written, since
    /// nothing but the page runs.
    pub source: keel::context::Source,
}

impl PageAlone {
    /// Over the sample journal, today being [`today`].
    pub fn sample() -> Self {
        let journal = keel::samples::demo::load(today()).expect("the sample");
        let names = Arc::new(keel::context::NameCounts::of(&journal));
        Self {
            journal,
            names,
            sender: keel::context::Sender::default(),
            preferences: keel::context::Preferences::default(),
            source: keel::context::Source::File(std::path::PathBuf::from("/nowhere/journal.ron")),
        }
    }

    /// A desktop-sized harness drawing the page with `show` over `state`.
    pub fn harness<'a, S>(
        &'a self,
        state: S,
        show: impl Fn(&keel::context::ViewContext<'_>, &mut S, &mut egui::Ui) + 'a,
    ) -> Harness<'a, S> {
        Harness::builder().with_size(egui::vec2(1280.0, 900.0)).build_ui_state(
            move |ui, state: &mut S| {
                let view = keel::context::ViewContext {
                    journal: &self.journal,
                    revision: 1,
                    today: today(),
                    now: today().to_zoned(jiff::tz::TimeZone::UTC).expect("a day").timestamp(),
                    names: Arc::clone(&self.names),
                    preferences: &self.preferences,
                    source: &self.source,
                    modal_open: false,
                    sender: &self.sender,
                    storage: keel::context::StorageView::default(),
                    reminders: keel::context::ReminderView::default(),
                };
                show(&view, state, ui);
            },
            state,
        )
    }
}
