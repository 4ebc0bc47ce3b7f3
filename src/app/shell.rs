//! The window's shell around the pages, as rerun's `app/ui.rs`: the menus,
//! the navigation, the banners, the status bar and the keys that work on
//! every page, and which screen or page fills the window. It reads the app
//! and sends what it asks for like a page does, through one
//! [`Sender`]; [`KeelApp::apply_requests`] applies it all once the
//! frame is drawn.

use egui::Ui;

use super::KeelApp;
use crate::context::{AppRequest, Page, Screen, Sender, Source, UserCommand};
use crate::history::Edit;
use crate::ui::commands::CommandKeys;
use crate::ui::{
    balance_page, conflicts, error_screen, guide_page, import_export, journal_page, palette, people_page, quit_prompt,
    review_page, settings_page, shortcuts, theme, unlock, week_page, welcome,
};

/// How long the "Deleted — Undo" toast stays, in seconds.
const TOAST_SECONDS: f64 = 8.0;

/// Draws the whole window for one frame. What the window's parts ask for
/// is sent to one sender and applied once everything is drawn, in
/// [`KeelApp::apply_requests`].
pub fn show(app: &mut KeelApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    theme::apply(&ctx);
    sync_title(app, &ctx);
    let sender = Sender::default();
    match app.screen.clone() {
        Screen::LoadError(message) => {
            let (view, pages) = app.view(&sender);
            error_screen::show(&view, &mut pages.open_form, ui, &message);
        }
        Screen::Locked => {
            let (view, pages) = app.view(&sender);
            unlock::show(&view, &mut pages.unlock, ui);
        }
        Screen::Loading => loading_screen(app, ui),
        Screen::Welcome if app.pages.journal.editor.is_none() => {
            if !app.is_asking_to_quit() && app.palette.is_none() {
                global_shortcuts(&sender, &ctx);
            }
            if let Some(kept) = &app.kept_drafts {
                quit_prompt::kept_drafts_offer(kept, &sender, ui);
            }
            let (view, _) = app.view(&sender);
            welcome::show(&view, ui);
        }
        Screen::Welcome | Screen::Main => {
            if !app.is_asking_to_quit() && app.palette.is_none() {
                global_shortcuts(&sender, &ctx);
            }
            main_screen(app, &sender, ui);
        }
    }
    if app.is_asking_to_quit() {
        quit_prompt::show(&app.unsaved_drafts_description(), &sender, ui);
    }
    if matches!(app.screen, Screen::Main | Screen::Welcome)
        && let Some(mut palette) = app.palette.take()
    {
        let (chosen, close) = palette::show(&mut palette, app.journal(), app.revision(), ui);
        if !close {
            app.palette = Some(palette);
        }
        match chosen {
            Some(palette::Entry::Command(command)) => sender.send(AppRequest::Run(command)),
            Some(palette::Entry::Decision { id, .. }) => sender.send(AppRequest::OpenEditor(Some(id))),
            None => {}
        }
    }
    if !matches!(app.screen, Screen::LoadError(_)) {
        import_export::handle_dropped_files(&sender, &ctx);
        if let Some(preview) = &app.import {
            import_export::preview_modal(preview, &sender, ui);
        }
        if let Some(chooser) = app.file_dialogs.chooser.as_mut() {
            import_export::file_chooser_modal(chooser, &sender, ui);
        }
    }
    app.apply_requests(sender.take(), &ctx);
}

/// While a large journal is read in the background.
fn loading_screen(app: &KeelApp, ui: &mut Ui) {
    let megabytes = app.loading().map_or(0.0, |loading| loading.bytes as f64 / 1_048_576.0);
    egui::CentralPanel::default().show(ui, |ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.vertical_centered(|ui| {
            unhurried_spinner(ui);
            ui.label(egui::RichText::new(format!("Opening your journal ({megabytes:.0} MB)\u{2026}")).size(18.0));
        });
    });
}

/// egui's spinner, drawn at the pace of the frames the loading screen asks
/// for (every 50 ms, and when the journal arrives) rather than asking for
/// the next frame at once: without a GPU every frame is drawn on the CPU,
/// and frames as fast as they come took the cores the journal was being
/// read on (a 100k-decision journal opened 0.2 s later).
fn unhurried_spinner(ui: &mut Ui) {
    let size = ui.style().spacing.interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::Role::ProgressIndicator));
    if !ui.is_rect_visible(rect) {
        return;
    }
    // The arc egui's `Spinner::paint_at` draws.
    let color = ui.visuals().strong_text_color();
    let radius = (rect.height().min(rect.width()) * 0.5) - 2.0;
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a radius of a few points")]
    let points_count = (radius.round() as u32).clamp(8, 128);
    let time = ui.input(|input| input.time);
    let start_angle = time * std::f64::consts::TAU;
    let end_angle = start_angle + 240_f64.to_radians() * time.sin();
    let points: Vec<egui::Pos2> = (0..points_count)
        .map(|at| {
            let angle = egui::lerp(start_angle..=end_angle, f64::from(at) / f64::from(points_count));
            let (sin, cos) = angle.sin_cos();
            #[expect(clippy::cast_possible_truncation, reason = "a point on the screen")]
            let offset = radius * egui::vec2(cos as f32, sin as f32);
            rect.center() + offset
        })
        .collect();
    ui.painter().add(egui::Shape::line(points, egui::Stroke::new(3.0, color)));
}

fn sync_title(app: &KeelApp, ctx: &egui::Context) {
    let title = app.title();
    let title_id = egui::Id::unique("keel-window-title");
    let shown: Option<String> = ctx.data(|data| data.get_temp(title_id));
    if shown.as_deref() != Some(title.as_str()) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        ctx.data_mut(|data| data.insert_temp(title_id, title));
    }
}

/// Keys that work on every page, read from the one command list. Undo,
/// redo and a plain "?" are left to a focused text field, which types or
/// undoes its own text.
fn global_shortcuts(sender: &Sender, ctx: &egui::Context) {
    let typing = ctx.egui_wants_keyboard_input();
    for &command in GLOBAL_COMMANDS.iter() {
        if typing && command.yields_to_typing() {
            continue;
        }
        let pressed = ctx.input_mut(|input| {
            command.shortcuts().iter().any(|shortcut| {
                // A plain printable key ("?") types text while a field has
                // the keyboard.
                let types_text =
                    shortcut.modifiers.is_none() && shortcut.logical_key.symbol_or_name().chars().count() == 1;
                !(typing && types_text) && input.consume_shortcut(shortcut)
            })
        });
        // Some keyboards give "?" only as typed text, not as a key.
        let typed = |wanted: egui::Key| {
            ctx.input(|input| {
                input
                    .events
                    .iter()
                    .any(|event| matches!(event, egui::Event::Text(text) if egui::Key::from_name(text) == Some(wanted)))
            })
        };
        let typed_key = !typing
            && command.shortcuts().iter().any(|shortcut| shortcut.modifiers.is_none() && typed(shortcut.logical_key));
        if pressed || typed_key {
            sender.send(AppRequest::Run(command));
        }
    }
}

/// The commands read on every page, those with more modifiers first:
/// Ctrl+Shift+Z before Ctrl+Z, since a shortcut also matches with Shift
/// held. Sorted once, not every frame.
static GLOBAL_COMMANDS: std::sync::LazyLock<Vec<UserCommand>> = std::sync::LazyLock::new(|| {
    let mut global: Vec<UserCommand> =
        UserCommand::ALL.into_iter().filter(|command| command.handled_globally()).collect();
    global.sort_by_key(|command| {
        std::cmp::Reverse(command.shortcuts().iter().map(|shortcut| modifier_count(shortcut.modifiers)).max())
    });
    global
});

fn modifier_count(modifiers: egui::Modifiers) -> usize {
    [modifiers.alt, modifiers.ctrl || modifiers.command || modifiers.mac_cmd, modifiers.shift]
        .into_iter()
        .filter(|held| *held)
        .count()
}

/// Today's reminder, shown once in the open window instead of a
/// notification.
fn reminder_banner(reminder: &crate::analysis::reminder::Reminder, sender: &Sender, ui: &mut Ui) {
    egui::Panel::top("reminder")
        .frame(egui::Frame::new().fill(theme::reminder_fill(ui.visuals())).inner_margin(egui::Margin::symmetric(12, 8)))
        .show(ui, |ui| {
            ui.label(egui::RichText::new(&reminder.summary).strong());
            ui.label(&reminder.body);
            ui.horizontal(|ui| {
                let page = Page::of_reminder(reminder.kind);
                if ui.button(format!("Open {}", page.label())).clicked() {
                    sender.send(AppRequest::FollowReminder);
                }
                if ui.button("Hide").on_hover_text("Hide today's reminder").clicked() {
                    sender.send(AppRequest::DismissReminder);
                }
            });
        });
}

fn main_screen(app: &mut KeelApp, sender: &Sender, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    egui::Panel::top("menu").show(ui, |ui| menu_bar(app, sender, ui));
    if let Some(banner) = &app.banner {
        egui::Panel::top("banner")
            .frame(egui::Frame::new().fill(theme::banner_fill(ui.visuals())).inner_margin(8.0))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(banner).color(theme::error_color(ui.visuals())));
                    if ui.button("Dismiss").clicked() {
                        sender.send(AppRequest::DismissBanner);
                    }
                });
            });
    }
    if let Some(reminder) = app.reminders.banner() {
        reminder_banner(reminder, sender, ui);
    }
    if let Some(kept) = &app.kept_drafts {
        quit_prompt::kept_drafts_offer(kept, sender, ui);
    }
    egui::Panel::bottom("status").show(ui, |ui| status_bar(app, sender, ui, &ctx));
    {
        let (view, _) = app.view(sender);
        conflicts::show(&view, &ctx);
    }
    egui::Panel::left("navigation")
        .resizable(false)
        .exact_size(theme::NAV_WIDTH)
        .show(ui, |ui| navigation(app, sender, ui));
    if app.show_shortcuts {
        shortcuts::show(sender, ui);
    }
    // Pages that see and send. Settings' backups are listed only while it
    // shows them, once per change.
    let page = app.page;
    if page == Page::Settings {
        app.refresh_backups();
    }
    let (view, pages) = app.view(sender);
    match page {
        Page::Week => week_page::show(&view, &mut pages.week, ui),
        Page::Journal => journal_page::show(&view, &mut pages.journal, ui),
        Page::Balance => balance_page::show(&view, &mut pages.balance, ui),
        Page::People => people_page::show(&view, &mut pages.people, ui),
        Page::Review => review_page::show(&view, &mut pages.review, ui),
        Page::Guide => guide_page::show(&view, &mut pages.guide, ui),
        Page::Settings => settings_page::show(&view, &mut pages.settings, ui),
    }
}

fn menu_bar(app: &mut KeelApp, sender: &Sender, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    // A menu entry runs its command from the one list, key shown beside it.
    let item = |ui: &mut Ui, command: UserCommand, enabled: bool| {
        if ui.add_enabled(enabled, command.button(&ctx)).clicked() {
            ui.close();
            Some(command)
        } else {
            None
        }
    };
    let mut chosen = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            chosen = chosen.or(item(ui, UserCommand::NewDecision, true));
            if app.source() != &Source::Demo {
                chosen = chosen.or(item(ui, UserCommand::OpenSample, true));
            }
            ui.separator();
            import_export::file_menu_items(sender, ui);
            ui.separator();
            chosen = chosen.or(item(ui, UserCommand::Quit, true));
        });
        ui.menu_button("Edit", |ui| {
            chosen = chosen.or(item(ui, UserCommand::Undo, app.can_undo()));
            chosen = chosen.or(item(ui, UserCommand::Redo, app.can_redo()));
            ui.separator();
            chosen = chosen.or(item(ui, UserCommand::Find, true));
        });
        ui.menu_button("View", |ui| {
            for page in Page::ALL {
                chosen = chosen.or(item(ui, UserCommand::Show(page), true));
            }
            ui.separator();
            for command in [UserCommand::ZoomIn, UserCommand::ZoomOut, UserCommand::ZoomReset] {
                chosen = chosen.or(item(ui, command, true));
            }
            ui.separator();
            chosen = chosen.or(item(ui, UserCommand::Palette, true));
            chosen = chosen.or(item(ui, UserCommand::Shortcuts, true));
        });
    });
    if let Some(command) = chosen {
        sender.send(AppRequest::Run(command));
    }
}

fn navigation(app: &mut KeelApp, sender: &Sender, ui: &mut Ui) {
    ui.add_space(theme::SECTION_GAP);
    ui.heading("Keel");
    ui.add_space(theme::SECTION_GAP);
    for page in Page::ALL {
        let label = match page {
            Page::Journal => format!("{}  {}", page.label(), app.journal().len()),
            Page::Review => match app.due_count() {
                0 => page.label().to_owned(),
                due => format!("{}  {due} due", page.label()),
            },
            Page::Week | Page::Balance | Page::People | Page::Guide | Page::Settings => page.label().to_owned(),
        };
        let button = egui::Button::selectable(app.page == page, label).min_size(egui::vec2(ui.available_width(), 28.0));
        if ui.add(button).clicked() {
            sender.send(AppRequest::Run(UserCommand::Show(page)));
        }
    }
    if app.source() == &Source::Demo {
        ui.add_space(theme::SECTION_GAP);
        ui.label(egui::RichText::new("Sample journal: changes are not saved.").small().weak());
    }
}

fn status_bar(app: &mut KeelApp, sender: &Sender, ui: &mut Ui, ctx: &egui::Context) {
    let now_s = ctx.input(|input| input.time);
    if let Some(toast) = &mut app.toast {
        let shown_at_s = *toast.shown_at_s.get_or_insert(now_s);
        if now_s - shown_at_s > TOAST_SECONDS {
            app.toast = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
        }
    }
    // The save state first, from the right, so a long toast (a long title)
    // is cut short with an ellipsis instead of running over it.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let working = app.task_status();
        let state = match app.path() {
            _ if let Some(doing) = &working => doing.clone(),
            None => "Not saved (sample)".to_owned(),
            Some(_) if app.is_saving() => "Saving\u{2026}".to_owned(),
            Some(path) => format!("Saved to {}", path.display()),
        };
        ui.add(egui::Label::new(egui::RichText::new(&state).small().weak()).truncate()).on_hover_text(&state);
        if working.is_some() {
            // Also keeps frames coming until the work is done and shown.
            ui.spinner();
        }
        ui.add_space(16.0);
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            if let Some(toast) = app.toast.clone() {
                let undo_width = if toast.offer_undo { 70.0 } else { 0.0 };
                ui.scope(|ui| {
                    ui.set_max_width((ui.available_width() - undo_width).max(40.0));
                    ui.add(egui::Label::new(&toast.text).truncate()).on_hover_text(&toast.text);
                });
                if toast.offer_undo && ui.button("Undo").clicked() {
                    sender.send(AppRequest::Edit(Box::new(Edit::Undo)));
                }
            }
        });
    });
}
