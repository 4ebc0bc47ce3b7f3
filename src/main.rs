//! `keel`: without a subcommand, opens the journal window; otherwise runs the
//! subcommand (see `keel --help`).

// On Windows keel.exe is a GUI program, so the Start menu opens no console
// window beside it; from a terminal it attaches to the terminal's console.
#![cfg_attr(windows, windows_subsystem = "windows")]
// The edge: errors the library returned, and what happened before or
// after the window, are reported here on stderr, once.
#![expect(clippy::print_stderr, reason = "the binary's edge reports errors on stderr")]

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use keel::app::{KeelApp, ScreenshotJob, ViewMemory, identity};
use keel::cli::{self, Cli, PageArg, ThemeArg};
use keel::context::{KeptDrafts, Page, Preferences};
use keel::model::{Clock, SystemClock};

fn main() -> ExitCode {
    #[cfg(windows)]
    attach_to_parent_console();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout (exit 0) and usage
            // errors to stderr (exit 2).
            let code = error.exit_code();
            if error.print().is_err() {
                eprintln!("{error}");
            }
            return ExitCode::from(u8::try_from(code).unwrap_or(2));
        }
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let Some(command) = &cli.command else {
        // The window does not belong to the terminal it was started from:
        // closing it, or Ctrl+C there, must not end the window in the middle
        // of a save.
        #[cfg(windows)]
        detach_from_console();
        return run_window(&cli, clock);
    };
    // One buffer at the edge: standard output is line-buffered, so a listing
    // cost a `write` call per line (20,002 for `keel list` of 10k
    // decisions; 2 with the buffer).
    let buffered = std::io::BufWriter::with_capacity(STDOUT_BUFFER_BYTES, std::io::stdout().lock());
    let mut stdout = PipeWatch { inner: buffered, closed: false };
    let ran = cli::run(&cli, command, clock.as_ref(), &mut stdout);
    // What was printed before a failure still reaches the reader.
    let flushed = stdout.flush();
    let result = ran.and_then(|()| Ok(flushed?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader (`keel list | head`) has all it wanted: end quietly, as
        // ripgrep and coreutils do, whatever error the failed write was
        // wrapped in (CSV, JSON, plain text).
        Err(_) if stdout.closed => ExitCode::SUCCESS,
        Err(error) => {
            // An error may quote a value from a file (a bad date cell, a
            // title): never a raw control character.
            eprintln!("keel: {}", keel::model::decision::escape_control_lines(&error.to_string()));
            ExitCode::from(error.exit_code())
        }
    }
}

/// Writes to the console of the terminal keel.exe was started from, if any
/// (a GUI program starts with none). Output already redirected to a file or
/// pipe stays where it goes.
#[cfg(windows)]
fn attach_to_parent_console() {
    use std::os::windows::io::AsRawHandle as _;
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    if !std::io::stdout().as_raw_handle().is_null() {
        return;
    }
    // SAFETY: AttachConsole takes a process id constant, reads and writes no
    // memory of ours, and only fails (harmlessly: no console to write to)
    // when the parent has none, as when started from the Start menu.
    // It returns 0 when there is no console to attach to: nothing to print
    // to then, and nothing to do about it.
    #[expect(unsafe_code, reason = "the one Win32 call the standard library lacks")]
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

/// Lets go of the console [`attach_to_parent_console`] attached to.
#[cfg(windows)]
fn detach_from_console() {
    // SAFETY: FreeConsole takes no arguments and touches no memory of ours;
    // without a console it fails harmlessly.
    #[expect(unsafe_code, reason = "the Win32 call that lets the window go of a terminal")]
    unsafe {
        windows_sys::Win32::System::Console::FreeConsole();
    }
}

/// The size of the buffer in front of standard output.
const STDOUT_BUFFER_BYTES: usize = 64 * 1024;

/// Standard output that remembers whether its reader went away (a broken
/// pipe), since the error reaches `main` wrapped in a CSV or JSON error.
struct PipeWatch<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeWatch<W> {
    fn watch<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(error) = &result
            && error.kind() == std::io::ErrorKind::BrokenPipe
        {
            self.closed = true;
        }
        result
    }
}

impl<W: Write> Write for PipeWatch<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(bytes);
        self.watch(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// Brings what the window remembered under the old app id to the new one
/// (once; see `keel::app::identity`). A failure costs only the remembered
/// size and page, so it is reported and the window opens anyway.
fn move_window_memory() {
    let (Some(old), Some(new)) = (eframe::storage_dir(identity::OLD_APP_ID), eframe::storage_dir(identity::APP_ID))
    else {
        return;
    };
    if let Err(error) = identity::move_window_memory(&old, &new) {
        eprintln!(
            "keel: could not move the remembered window and preferences from {} to {}: {error}",
            old.display(),
            new.display()
        );
    }
}

fn run_window(cli: &Cli, clock: Arc<dyn Clock>) -> ExitCode {
    if let Some(path) = &cli.screenshot
        && let Err(error) = cli::export::refuse_journal_files(cli, path, "--screenshot")
    {
        eprintln!("keel: {error}");
        return ExitCode::from(error.exit_code());
    }
    let mut app = if cli.demo {
        KeelApp::demo(clock)
    } else {
        match cli::journal_path(cli.journal.as_deref()) {
            Ok(path) => KeelApp::open_in_background(path, clock),
            Err(error) => {
                eprintln!("keel: {error}");
                return ExitCode::from(error.exit_code());
            }
        }
    };
    if let Some(places) = keel::remind::Places::of_this_user() {
        app.set_reminder_places(places);
        // A screenshot shows no banner, and counts as no reminder shown.
        if cli.screenshot.is_some() {
            app.reminders.skip_banner();
        }
    }
    // `--page` wins over the page remembered from the last run.
    let page = cli.page.map(|page| match page {
        PageArg::Week => Page::Week,
        PageArg::Journal => Page::Journal,
        PageArg::Balance => Page::Balance,
        PageArg::People => Page::People,
        PageArg::Guide => Page::Guide,
        PageArg::Review => Page::Review,
        PageArg::Settings => Page::Settings,
    });
    let restore_view = cli.screenshot.is_none();
    let screenshot_result = cli.screenshot.as_ref().map(|path| {
        let job = ScreenshotJob { path: path.clone(), ..ScreenshotJob::default() };
        let result = Arc::clone(&job.result);
        app.screenshot = Some(job);
        result
    });
    move_window_memory();
    let mut viewport = egui::ViewportBuilder::default()
        .with_app_id(identity::APP_ID)
        .with_title(app.title())
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([720.0, 480.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // Screenshots must not depend on a window size remembered from a
        // previous run.
        persist_window: cli.screenshot.is_none(),
        ..eframe::NativeOptions::default()
    };
    let theme = cli.theme.map(|theme| match theme {
        ThemeArg::Light => egui::ThemePreference::Light,
        ThemeArg::Dark => egui::ThemePreference::Dark,
        ThemeArg::System => egui::ThemePreference::System,
    });
    let zoom = cli.zoom;
    let screenshot = cli.screenshot.is_some();
    let result = eframe::run_native(
        "Keel",
        options,
        Box::new(move |creation| {
            let mut app = app;
            // eframe keeps the window's size under "window" once the user
            // has had one; until then the default size may not fit.
            if !screenshot && creation.storage.is_none_or(|storage| storage.get_string("window").is_none()) {
                app.first_window = keel::app::first_window::FirstWindow::ToFit;
            }
            if let Some(storage) = creation.storage {
                app.preferences = eframe::get_value(storage, Preferences::STORAGE_KEY).unwrap_or_default();
                // Screenshots show a fresh window, whatever the last run left.
                if restore_view && let Some(memory) = eframe::get_value::<ViewMemory>(storage, ViewMemory::STORAGE_KEY)
                {
                    app.restore_view(memory);
                }
                if restore_view
                    && let Some(key) = app.kept_drafts_key()
                    && let Some(kept) = eframe::get_value::<KeptDrafts>(storage, &key)
                {
                    app.offer_kept_drafts(kept);
                }
            }
            // The start page, unless `--page` names one.
            match page {
                Some(page) => app.page = page,
                None => app.show_start_page(),
            }
            if let Some(theme) = theme {
                creation.egui_ctx.set_theme(theme);
            }
            // A screenshot shows the zoom asked for, or 100 %, whatever a
            // window left in egui's memory.
            if let Some(zoom) = zoom.or(screenshot.then_some(1.0)) {
                creation.egui_ctx.set_zoom_factor(zoom);
            }
            Ok(Box::new(app))
        }),
    );
    if let Err(error) = result {
        eprintln!("keel: could not open the window: {error}");
        return ExitCode::FAILURE;
    }
    match screenshot_result.map(|slot| slot.lock().ok().and_then(|mut result| result.take())) {
        None | Some(Some(Ok(()))) => ExitCode::SUCCESS,
        Some(Some(Err(error))) => {
            eprintln!("keel: {error}");
            ExitCode::FAILURE
        }
        Some(None) => {
            eprintln!("keel: the window closed before the screenshot was taken");
            ExitCode::FAILURE
        }
    }
}
