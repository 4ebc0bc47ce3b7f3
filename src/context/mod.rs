//! What the window's layers share, below both `ui` and `app` (as rerun's
//! `re_viewer_context` sits under `re_viewer`): the read-only
//! [`ViewContext`] a page draws from and the [`Sender`] it asks through, the
//! requests it may send ([`AppRequest`], which may carry an edit of the
//! journal, [`crate::history::Edit`]; the [`UserCommand`] list), and the
//! plain types both sides name (the page and screen shown, where the
//! journal lives, the preferences, an import preview, a file request and
//! its answer, kept drafts).
//!
//! The import order is domain ← context ← ui ← app ← main: this module
//! imports only the domain (`model`, `analysis`, `history`, `interop`,
//! `report`, `remind`, `storage`), never `ui`, `app` or `cli`
//! (`scripts/check_layers.sh`). It draws nothing; the egui it names are
//! plain values (a keyboard shortcut, a theme preference).

pub mod app_request;
pub mod drafts;
pub mod files;
pub mod import_preview;
pub mod names;
pub mod page;
pub mod passphrase;
pub mod preferences;
pub mod quit;
pub mod screen;
pub mod sender;
pub mod source;
pub mod user_command;
pub mod view;
pub mod zoom;

pub use app_request::AppRequest;
pub use drafts::{KeptDrafts, ReviewDraft};
pub use files::{FilePurpose, FileRequest};
pub use import_preview::{ImportPreview, ImportSuggestions};
pub use names::NameCounts;
pub use page::Page;
pub use passphrase::Passphrase;
pub use preferences::{OpenOn, Preferences};
pub use screen::Screen;
pub use sender::Sender;
pub use source::Source;
pub use user_command::{Scope, UserCommand};
pub use view::{ReminderView, StorageView, ViewContext};
pub use zoom::ZOOM_RANGE;
