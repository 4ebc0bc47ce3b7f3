//! Asking for a file and acting on the answer: the system dialog, or Keel's
//! own chooser when it cannot open, for every file choice of the window
//! (import, export, a brief, opening, creating or moving a journal).

use std::path::PathBuf;

use super::KeelApp;
use crate::context::FilePurpose;
use crate::context::files::{Answer, Asked, FileRequest};

impl KeelApp {
    /// Asks for a file for `purpose` (the system dialog, or Keel's own when
    /// it cannot open) and acts on the choice: at once, or when the
    /// in-window chooser answers (see [`Self::file_chooser_answered`]).
    pub fn ask_for_file(&mut self, request: FileRequest, purpose: FilePurpose) {
        match self.file_dialogs.ask(request, purpose) {
            (Asked::Chosen(path), Some(purpose)) => self.file_chosen(purpose, path),
            (Asked::InWindow, purpose) => self.file_purpose = purpose,
            (Asked::Chosen(_) | Asked::Cancelled, _) => {}
        }
    }

    /// The in-window chooser closed with `answer`.
    pub fn file_chooser_answered(&mut self, answer: Answer) {
        self.file_dialogs.chooser = None;
        let purpose = self.file_purpose.take();
        if let (Answer::Chosen(path), Some(purpose)) = (answer, purpose) {
            self.file_chosen(purpose, path);
        }
    }

    /// Acts on a chosen file.
    fn file_chosen(&mut self, purpose: FilePurpose, mut path: PathBuf) {
        match purpose {
            FilePurpose::Import => self.preview_import(&path),
            FilePurpose::Export(format) => {
                if path.extension().is_none() {
                    path.set_extension(format.extension());
                }
                self.export_to(&path, format);
            }
            FilePurpose::SaveBrief { brief, format, person } => {
                self.save_brief_to(&brief, person.as_deref(), &path, format);
            }
            FilePurpose::OpenJournal | FilePurpose::CreateJournal => self.switch_to_file(path),
            FilePurpose::MoveJournal => {
                if let Err(message) = self.move_journal_to(&path) {
                    self.banner = Some(message);
                }
            }
        }
    }
}
