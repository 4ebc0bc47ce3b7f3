//! Choosing a file: the system's dialog (rfd: the XDG portal, zenity, or the
//! platform's own), and Keel's in-window chooser when that cannot open (no
//! portal and no zenity, a sandbox). A failure is never a silent no-op: the
//! chooser says why it is shown, and the session remembers the failure so
//! every later choice goes straight to it.

use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use egui::{RichText, Ui};

use crate::context::files::{Answer, Asked, FileRequest, Mode};
use crate::ui::theme;

/// The system's dialog could not open (rfd reported an error: no portal,
/// no zenity); cancelling it is not this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NativeUnavailable;

/// Shows a system dialog: `Ok(None)` when the user cancelled it.
pub type NativePicker = fn(&FileRequest) -> Result<Option<PathBuf>, NativeUnavailable>;

/// Why the in-window chooser is shown, said at its top.
pub const FALLBACK_NOTE: &str =
    "The system's file dialog could not open (no file-chooser portal or zenity was found), so Keel shows its own.";

/// The window's file dialogs: which system dialog to try, whether it failed
/// this session, and the in-window chooser while it is open.
pub struct FileDialogs {
    native: Option<NativePicker>,
    native_failed: bool,
    /// The in-window chooser, while open, with what its choice is for.
    pub chooser: Option<FileChooser>,
}

impl Default for FileDialogs {
    fn default() -> Self {
        Self { native: Some(native_pick), native_failed: false, chooser: None }
    }
}

impl std::fmt::Debug for FileDialogs {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("FileDialogs")
            .field("native", &self.native.is_some())
            .field("native_failed", &self.native_failed)
            .field("chooser_open", &self.chooser.is_some())
            .finish()
    }
}

impl FileDialogs {
    /// Dialogs that use `native` as the system dialog (tests pass one that
    /// fails), or only the in-window chooser with `None`.
    #[must_use]
    pub fn with_native(native: Option<NativePicker>) -> Self {
        Self { native, native_failed: false, chooser: None }
    }

    /// Whether the system dialog failed this session.
    #[must_use]
    pub fn native_failed(&self) -> bool {
        self.native_failed
    }

    /// Asks for a file: the system dialog first (it blocks until closed),
    /// the in-window chooser when it cannot open. `purpose` is kept with the
    /// chooser so its answer can be acted on.
    pub fn ask<P>(&mut self, request: FileRequest, purpose: P) -> (Asked, Option<P>) {
        if let Some(native) = self.native.filter(|_| !self.native_failed) {
            match native(&request) {
                Ok(Some(path)) => return (Asked::Chosen(path), Some(purpose)),
                Ok(None) => return (Asked::Cancelled, None),
                Err(NativeUnavailable) => self.native_failed = true,
            }
        }
        self.chooser = Some(FileChooser::new(request, self.native.is_some()));
        (Asked::InWindow, Some(purpose))
    }
}

/// The system dialog through rfd. rfd answers `None` both when the user
/// cancels and when no dialog could open, logging an error only in the
/// second case, so a logger that notes rfd's errors tells them apart.
fn native_pick(request: &FileRequest) -> Result<Option<PathBuf>, NativeUnavailable> {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // Another logger already installed (none is, in Keel) would leave
        // failures looking like cancels, as before.
        if log::set_logger(&RFD_ERRORS).is_ok() {
            log::set_max_level(log::LevelFilter::Error);
        }
    });
    RFD_FAILED.store(false, Ordering::SeqCst);
    let mut dialog = rfd::FileDialog::new().set_title(&request.title);
    if !request.extensions.is_empty() {
        dialog = dialog.add_filter(&request.filter_name, &request.extensions);
    }
    if let Some(folder) = &request.folder {
        dialog = dialog.set_directory(folder);
    }
    let path = match request.mode {
        Mode::Open => dialog.pick_file(),
        Mode::Save | Mode::Create => dialog.set_file_name(&request.file_name).save_file(),
    };
    if path.is_none() && RFD_FAILED.load(Ordering::SeqCst) { Err(NativeUnavailable) } else { Ok(path) }
}

static RFD_FAILED: AtomicBool = AtomicBool::new(false);
static RFD_ERRORS: RfdErrors = RfdErrors;

/// Notes errors logged by rfd (its dialogs failed to open).
struct RfdErrors;

impl log::Log for RfdErrors {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Error && metadata.target().starts_with("rfd")
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            RFD_FAILED.store(true, Ordering::SeqCst);
        }
    }

    fn flush(&self) {}
}

/// One row of the chooser's listing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    is_folder: bool,
}

/// The in-window chooser: a folder listing (folders first, then the files of
/// the requested types), an editable folder path, a file name, and
/// Open/Save and Cancel.
#[derive(Debug, Clone)]
pub struct FileChooser {
    request: FileRequest,
    after_failure: bool,
    folder: PathBuf,
    folder_text: String,
    name: String,
    entries: Vec<Entry>,
    problem: Option<String>,
    confirm_replace: Option<PathBuf>,
}

impl FileChooser {
    /// A chooser for `request`; `after_failure` says the system dialog was
    /// tried and failed, which the chooser then explains.
    #[must_use]
    pub fn new(request: FileRequest, after_failure: bool) -> Self {
        let folder = request
            .folder
            .clone()
            .filter(|folder| folder.is_dir())
            .or_else(|| directories::UserDirs::new().map(|dirs| dirs.home_dir().to_path_buf()))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let name = if request.mode == Mode::Open { String::new() } else { request.file_name.clone() };
        let mut chooser = Self {
            request,
            after_failure,
            folder_text: folder.display().to_string(),
            folder,
            name,
            entries: Vec::new(),
            problem: None,
            confirm_replace: None,
        };
        chooser.list();
        chooser
    }

    /// The folder shown.
    #[must_use]
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn enter(&mut self, folder: PathBuf) {
        self.folder = folder;
        self.folder_text = self.folder.display().to_string();
        self.confirm_replace = None;
        self.list();
    }

    fn list(&mut self) {
        self.entries.clear();
        self.problem = None;
        let reading = match std::fs::read_dir(&self.folder) {
            Ok(reading) => reading,
            Err(error) => {
                self.problem = Some(format!("Cannot read {}: {error}", self.folder.display()));
                return;
            }
        };
        for item in reading.flatten() {
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            // Follows links, so a linked folder opens like a folder.
            let is_folder = item.path().is_dir();
            let shown = is_folder
                || self.request.extensions.is_empty()
                || Path::new(&name)
                    .extension()
                    .and_then(|ext| ext.to_str())
                    .is_some_and(|ext| self.request.extensions.iter().any(|wanted| wanted.eq_ignore_ascii_case(ext)));
            if shown {
                self.entries.push(Entry { name, is_folder });
            }
        }
        self.entries.sort_by(|a, b| {
            b.is_folder.cmp(&a.is_folder).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
    }

    /// The file the name field points at: a name inside the folder, or a
    /// path typed in full.
    fn target(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        (!name.is_empty()).then(|| self.folder.join(name))
    }

    /// Draws the chooser as a modal; the answer once the user gives one.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Answer> {
        let mut answer = None;
        let response = egui::Modal::new(egui::Id::unique("keel-file-chooser")).show(ctx, |ui| {
            ui.set_min_width(520.0);
            ui.set_max_width(640.0);
            ui.heading(&self.request.title);
            if self.after_failure {
                ui.label(RichText::new(FALLBACK_NOTE).weak());
            }
            ui.add_space(theme::SECTION_GAP);
            self.folder_row(ui);
            ui.add_space(4.0);
            self.listing(ui, &mut answer);
            ui.add_space(4.0);
            self.name_row(ui, &mut answer);
            if let Some(problem) = &self.problem {
                ui.label(RichText::new(problem).color(theme::error_color(ui.visuals())));
            }
            ui.add_space(theme::SECTION_GAP);
            ui.horizontal(|ui| {
                let action = match self.request.mode {
                    Mode::Open => "Open",
                    Mode::Save if self.confirm_replace.is_some() => "Replace",
                    Mode::Save => "Save",
                    Mode::Create => "Choose",
                };
                if ui.add_enabled(self.target().is_some(), egui::Button::new(action)).clicked() {
                    answer = self.accept();
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Cancelled);
                }
            });
        });
        if answer.is_none() && response.should_close() {
            answer = Some(Answer::Cancelled);
        }
        answer
    }

    fn folder_row(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if ui.add_enabled(self.folder.parent().is_some(), egui::Button::new("Up")).clicked()
                && let Some(parent) = self.folder.parent().map(Path::to_path_buf)
            {
                self.enter(parent);
            }
            let label = ui.label("Folder");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.folder_text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                let typed = PathBuf::from(self.folder_text.trim());
                if typed.is_dir() {
                    self.enter(typed);
                } else {
                    self.problem = Some(format!("{} is not a folder.", typed.display()));
                }
            }
        });
    }

    fn listing(&mut self, ui: &mut Ui, answer: &mut Option<Answer>) {
        let mut open_folder = None;
        let mut picked = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            egui::ScrollArea::vertical().id_salt("keel-file-chooser-list").max_height(260.0).show(ui, |ui| {
                if self.entries.is_empty() && self.problem.is_none() {
                    ui.weak("No folders or matching files here.");
                }
                for entry in &self.entries {
                    // A trailing slash marks a folder, as in a terminal; no icon glyph needed.
                    let text = if entry.is_folder { format!("{}/", entry.name) } else { entry.name.clone() };
                    let selected = !entry.is_folder && self.name == entry.name;
                    let response = ui.add(egui::Button::selectable(selected, text).frame_when_inactive(false));
                    if entry.is_folder && (response.clicked() || response.double_clicked()) {
                        open_folder = Some(self.folder.join(&entry.name));
                    } else if response.double_clicked() {
                        picked = Some((entry.name.clone(), true));
                    } else if response.clicked() {
                        picked = Some((entry.name.clone(), false));
                    }
                }
            });
        });
        if let Some(folder) = open_folder {
            self.enter(folder);
        } else if let Some((name, at_once)) = picked {
            self.name = name;
            self.confirm_replace = None;
            if at_once {
                *answer = self.accept();
            }
        }
    }

    fn name_row(&mut self, ui: &mut Ui, answer: &mut Option<Answer>) {
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let field = ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(320.0)).labelled_by(label.id);
            if field.changed() {
                self.confirm_replace = None;
            }
            if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) && self.target().is_some() {
                *answer = self.accept();
            }
        });
        if !self.request.extensions.is_empty() {
            ui.weak(format!("Shown: {} (.{})", self.request.filter_name, self.request.extensions.join(", .")));
        }
        if let Some(path) = &self.confirm_replace {
            ui.label(
                RichText::new(format!("{} already exists. Save again to replace it.", path.display()))
                    .color(theme::error_color(ui.visuals())),
            );
        }
    }

    /// Checks the choice: an existing file to open, a folder to enter, a
    /// replacement confirmed.
    fn accept(&mut self) -> Option<Answer> {
        let path = self.target()?;
        if path.is_dir() {
            self.name.clear();
            self.enter(path);
            return None;
        }
        match self.request.mode {
            Mode::Open if !path.is_file() => {
                self.problem = Some(format!("There is no file {}.", path.display()));
                None
            }
            Mode::Save if path.exists() && self.confirm_replace.as_ref() != Some(&path) => {
                self.confirm_replace = Some(path);
                None
            }
            Mode::Create if path.exists() => {
                self.problem = Some(format!("{} already exists; choose a new name.", path.display()));
                None
            }
            Mode::Save | Mode::Create if !path.parent().is_some_and(Path::is_dir) => {
                self.problem = Some(format!("The folder for {} does not exist.", path.display()));
                None
            }
            Mode::Open | Mode::Save | Mode::Create => Some(Answer::Chosen(path)),
        }
    }
}
