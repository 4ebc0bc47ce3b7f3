//! The window at the sizes people use: a 1280×800 laptop screen at 100 %,
//! 150 % and 200 % zoom. Nothing runs off the right edge or sits under the
//! scroll bar, and the editor's common fields fit one screen.

use crate::common::{TempWindow, demo_app, laptop_harness};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT as _, Queryable as _};
use keel::app::KeelApp;
use keel::context::Page;

/// Points of a 1280-pixel-wide window at `zoom`.
fn width_at(zoom: f32) -> f32 {
    1280.0 / zoom
}

/// Every node with a name or text, with its rect, that reaches past the
/// window's right edge (or starts left of it).
fn past_the_edges(harness: &Harness<'_, KeelApp>, width: f32) -> Vec<String> {
    harness
        .query_all_by(|node| node.bounding_box().is_some() && (node.label().is_some() || node.value().is_some()))
        .filter(|node| node.rect().right() > width + 0.5 || node.rect().left() < -0.5)
        .map(|node| {
            let node_ = node.accesskit_node();
            let text = node_.label().or_else(|| node_.value()).unwrap_or_default();
            format!("{:?} {:?} at {:?}", node_.role(), text.chars().take(50).collect::<String>(), node.rect())
        })
        .collect()
}

#[test]
fn at_200_percent_every_page_fits_the_window_width_with_charts_or_tables() {
    for tables in [false, true] {
        for page in Page::ALL {
            let mut app = demo_app();
            app.page = page;
            app.pages.balance.choice.tables = [tables; 5];
            app.pages.review.show_tables = tables;
            app.pages.review.show_evidence_table = tables;
            let harness = laptop_harness(app, 2.0);
            let outside = past_the_edges(&harness, width_at(2.0));
            assert!(outside.is_empty(), "{page:?} (tables {tables}) at 200 %: {outside:#?}");
        }
    }
}

#[test]
fn at_150_and_200_percent_balance_and_guide_lines_wrap_inside_the_window() {
    for zoom in [1.5, 2.0] {
        for page in [Page::Balance, Page::Guide] {
            let mut app = demo_app();
            app.page = page;
            let harness = laptop_harness(app, zoom);
            let outside = past_the_edges(&harness, width_at(zoom));
            assert!(outside.is_empty(), "{page:?} at {zoom}: {outside:#?}");
        }
    }
    // The tables too, and the matrix as two lines a situation.
    let mut app = demo_app();
    app.page = Page::Balance;
    app.pages.balance.choice.tables = [true; 5];
    let harness = laptop_harness(app, 2.0);
    let outside = past_the_edges(&harness, width_at(2.0));
    assert!(outside.is_empty(), "Balance tables at 200 %: {outside:#?}");
}

#[test]
fn at_200_percent_no_two_lines_of_text_on_screen_overlap() {
    for page in Page::ALL {
        let mut app = demo_app();
        app.page = page;
        let harness = laptop_harness(app, 2.0);
        // What is on screen before any scrolling, above the status bar.
        let status_top = harness
            .query_all_by(|node| node.value().as_deref() == Some("Not saved (sample)"))
            .map(|node| node.rect().top())
            .fold(f32::INFINITY, f32::min);
        let lines: Vec<(String, egui::Rect)> = harness
            .query_all_by(|node| node.role() == Role::TextRun && node.bounding_box().is_some())
            .map(|node| (node.accesskit_node().value().unwrap_or_default(), node.rect()))
            .filter(|(_, rect)| rect.bottom() <= status_top && rect.width() > 0.0)
            .collect();
        for (index, (text, rect)) in lines.iter().enumerate() {
            for (other, other_rect) in &lines[index + 1..] {
                // A pixel of touching is not overlap.
                let overlap = rect.intersect(*other_rect);
                assert!(
                    overlap.width() <= 1.0 || overlap.height() <= 1.0,
                    "{page:?}: {text:?} {rect:?} overlaps {other:?} {other_rect:?}"
                );
            }
        }
    }
}

/// The right edge of what a page's scroll area shows without the floating
/// scroll bar over it: the window less the page's margin and the bar.
fn clear_of_the_scroll_bar(harness: &Harness<'_, KeelApp>, width: f32) -> f32 {
    let style = harness.ctx.global_style();
    let page_margin = egui::Frame::central_panel(&style).inner_margin.rightf();
    width - page_margin - style.spacing.scroll.bar_width
}

#[test]
fn show_as_tables_on_the_review_page_is_never_under_the_scroll_bar_or_cut() {
    for zoom in [1.0, 1.5, 2.0] {
        let mut app = demo_app();
        app.page = Page::Review;
        let mut harness = laptop_harness(app, zoom);
        let checkbox =
            |harness: &Harness<'_, KeelApp>| harness.get_by_role_and_label(Role::CheckBox, "Show as tables").rect();
        harness.get_by_role_and_label(Role::CheckBox, "Show as tables").scroll_to_me();
        harness.run();
        let rect = checkbox(&harness);
        let clear = clear_of_the_scroll_bar(&harness, width_at(zoom));
        assert!(rect.right() <= clear, "at {zoom}: {rect:?} reaches under the scroll bar (clear to {clear})");
        // And it still works.
        harness.get_by_role_and_label(Role::CheckBox, "Show as tables").click();
        harness.run();
        assert!(harness.state().pages.review.show_tables);
    }
    // Every other "Show as table" (Balance, Review) too.
    for page in [Page::Balance, Page::Review] {
        let mut app = demo_app();
        app.page = page;
        let harness = laptop_harness(app, 1.0);
        let clear = clear_of_the_scroll_bar(&harness, width_at(1.0));
        for node in harness.query_all_by_role_and_label(Role::CheckBox, "Show as table") {
            assert!(node.rect().right() <= clear, "{page:?}: {:?}", node.rect());
        }
    }
}

/// The area of the editor's form the user sees without scrolling: below
/// the menu bar, above the Save button's bar.
fn visible_form(harness: &Harness<'_, KeelApp>) -> (f32, f32) {
    let top = harness.get_by_label("File").rect().bottom();
    (top, save_button(harness).top())
}

fn is_save_button(node: &AccessKitNode<'_>) -> bool {
    node.role() == Role::Button && node.label().is_some_and(|label| label.starts_with("Save "))
}

fn save_button(harness: &Harness<'_, KeelApp>) -> egui::Rect {
    harness.get_by(is_save_button).rect()
}

#[test]
fn at_1280_by_800_the_editor_shows_save_and_every_common_field_without_scrolling() {
    let mut harness = laptop_harness(demo_app(), 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    let save = save_button(&harness);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    assert!(window.contains_rect(save), "Save {save:?} is in the window");

    let (top, bottom) = visible_form(&harness);
    let guidance = keel::guidance::Guidance::get();
    let mut fields: Vec<(Role, &str)> = vec![
        (Role::TextInput, "Title"),
        (Role::TextInput, "Date"),
        (Role::MultilineTextInput, "What happened, and why"),
        (Role::TextInput, "People"),
        (Role::TextInput, "Tags"),
    ];
    fields.extend(guidance.situations.iter().map(|situation| (Role::CheckBox, situation.label.as_str())));
    fields.extend(["Leadership", "Blend", "Management", "Untagged"].map(|style| (Role::RadioButton, style)));
    for (role, label) in fields {
        let rect = harness.get_by_role_and_label(role, label).rect();
        assert!(
            rect.top() >= top && rect.bottom() <= bottom && rect.right() <= 1280.0,
            "{label} {rect:?} is on screen (the form shows {top}..{bottom})"
        );
    }
}

/// Drives the window as a user would, counting what they do: each click,
/// each key, each field typed into, and each scroll needed to bring the
/// next target into view.
struct Counted {
    harness: Harness<'static, KeelApp>,
    actions: usize,
    scrolls: Vec<String>,
}

impl Counted {
    fn click(&mut self, what: &str, find: impl Fn(&AccessKitNode<'_>) -> bool) {
        let (top, bottom) = visible_form(&self.harness);
        let rect = self.harness.get_by(&find).rect();
        if rect.top() < top || rect.bottom() > bottom {
            self.scrolls.push(what.to_owned());
            self.actions += 1;
            self.harness.get_by(&find).scroll_to_me();
            self.harness.run();
        }
        self.harness.get_by(&find).click();
        self.harness.run();
        self.actions += 1;
    }

    fn type_text(&mut self, text: &str) {
        for key in text.chars() {
            self.harness.event(egui::Event::Text(key.to_string()));
        }
        self.harness.run();
        self.actions += 1;
    }

    fn key(&mut self, modifiers: Modifiers, key: Key) {
        self.harness.key_press_modifiers(modifiers, key);
        self.harness.run();
        self.actions += 1;
    }
}

fn named(role: Role, name: &str) -> impl Fn(&AccessKitNode<'_>) -> bool + '_ {
    move |node| node.role() == role && node.label().as_deref() == Some(name)
}

#[test]
fn a_full_entry_takes_14_actions_at_1280_by_800_and_no_scrolling() {
    let window = TempWindow::new();
    let mut entry = Counted { harness: laptop_harness(window.app(), 1.0), actions: 0, scrolls: Vec::new() };
    entry.key(Modifiers::COMMAND, Key::N);
    entry.type_text("Moved the 5.0 release back a week");
    // Yesterday, from the calendar: open it, click the day (no Save step).
    entry.click("calendar", named(Role::Button, "Pick the date from a calendar"));
    entry.click("the day", named(Role::Button, "Saturday 28 November 2026"));
    entry.click("note", named(Role::MultilineTextInput, "What happened, and why"));
    entry.type_text("The migration slipped and the deadline is tight; I set a new date and a daily check-in");
    entry.click("deadline", named(Role::CheckBox, "The deadline is tight"));
    entry.click("process", named(Role::CheckBox, "A process or project has gone wrong"));
    entry.click("style", named(Role::RadioButton, "Management"));
    entry.click("people", named(Role::TextInput, "People"));
    entry.type_text("Ana");
    entry.click("tags", named(Role::TextInput, "Tags"));
    entry.type_text("release");
    entry.key(Modifiers::COMMAND, Key::S);

    let saved = entry.harness.state().journal().decisions().first().expect("saved").clone();
    assert_eq!(saved.date, jiff::civil::date(2026, 11, 28));
    assert_eq!(saved.people, ["Ana"]);
    assert_eq!(saved.tags, ["release"]);
    assert_eq!(saved.style, Some(keel::model::Style::Management));
    assert_eq!(saved.situations.len(), 2);
    assert!(entry.scrolls.is_empty(), "scrolled to reach {:?}", entry.scrolls);
    // 17 before the two-column form and the one-click calendar (three for
    // the date: open, day, Save; two scrolls).
    assert!(entry.actions <= 14, "{} actions", entry.actions);
}

#[test]
fn at_150_and_200_percent_the_editor_takes_the_page_and_gives_it_back() {
    for zoom in [1.5, 2.0] {
        let mut app = demo_app();
        let last = app.journal().decisions().last().map(|decision| (decision.id.clone(), decision.title.clone()));
        app.open_editor(last.as_ref().map(|(id, _)| id.clone()));
        let mut harness = laptop_harness(app, zoom);
        let outside = past_the_edges(&harness, width_at(zoom));
        assert!(outside.is_empty(), "the editor at {zoom}: {outside:#?}");
        assert!(save_button(&harness).right() <= width_at(zoom));
        assert!(harness.query_by_label("Search").is_none(), "no squeezed list beside the editor at {zoom}");
        harness.get_by_label("Back to the list").click();
        harness.run();
        assert!(harness.query_by(is_save_button).is_none(), "the editor closed");
        assert!(harness.query_by_label("Search").is_some(), "the list is back at {zoom}");
    }
}

#[test]
fn at_800_by_600_the_editor_takes_the_page_and_back_asks_about_unsaved_edits() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), demo_app());
    harness.run();
    // The list alone: the search box and the New decision button whole.
    let new = harness
        .get_by(|node| node.role() == Role::Button && node.label().is_some_and(|l| l.starts_with("New decision")));
    assert!(new.rect().right() <= 800.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert!(harness.query_by_label("Search").is_none(), "the editor has the page");
    let outside = past_the_edges(&harness, 800.0);
    assert!(outside.is_empty(), "{outside:#?}");
    let title = harness.get_by_role_and_label(Role::TextInput, "Title");
    assert!(title.rect().width() > 300.0, "the title field has room: {:?}", title.rect());
    harness.get_by_role_and_label(Role::TextInput, "Title").type_text("Half written");
    harness.run();
    harness.get_by_label("Back to the list").click();
    harness.run();
    assert!(harness.query_by_label("Discard unsaved changes?").is_some(), "unsaved edits are asked about");
}

/// A first window (no size remembered) on a monitor of `monitor` points;
/// returns whether Keel asked to maximise it.
fn maximised_on(monitor: egui::Vec2, remembered: bool) -> bool {
    let mut app = demo_app();
    if !remembered {
        app.first_window = keel::app::first_window::FirstWindow::ToFit;
    }
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut KeelApp| app.frame_ui(ui), app);
    harness.input_mut().viewports.entry(egui::ViewportId::ROOT).or_default().monitor_size = Some(monitor);
    let mut asked = false;
    for _ in 0..3 {
        harness.step();
        asked |= harness
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|output| output.commands.contains(&egui::ViewportCommand::Maximized(true)));
    }
    asked
}

#[test]
fn the_first_window_fits_the_monitor_it_opens_on() {
    assert!(maximised_on(egui::vec2(1280.0, 800.0), false), "a 1280×800 laptop: the status bar must not fall off");
    assert!(!maximised_on(egui::vec2(1920.0, 1080.0), false), "room to spare: Keel's own size");
    assert!(!maximised_on(egui::vec2(1280.0, 800.0), true), "a size the user chose is kept");
}

#[test]
fn at_1280_by_800_looking_ahead_and_its_quick_picks_are_in_view_with_suggestions_showing() {
    let mut harness = laptop_harness(demo_app(), 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    let note = harness.get_by_role_and_label(Role::MultilineTextInput, "What happened, and why");
    note.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "What happened, and why")
        .type_text("The outage hit every customer overnight, so I set up a war room and named one owner");
    harness.run();
    assert!(
        harness.query_all_by(|node| node.label().is_some_and(|l| l.starts_with("+ "))).next().is_some(),
        "suggestions show"
    );
    let (top, bottom) = visible_form(&harness);
    let header = harness.get_by_label("Looking ahead (optional)").rect();
    assert!(
        header.top() >= top && header.bottom() <= bottom,
        "{header:?} reachable without scrolling ({top}..{bottom})"
    );

    harness.get_by_label("Looking ahead (optional)").click();
    harness.run();
    harness.get_by_role_and_label(Role::CheckBox, "Review on").click();
    harness.run();
    for pick in ["1 week", "1 month", "3 months"] {
        let rect = harness.get_by_role_and_label(Role::Button, pick).rect();
        assert!(rect.right() <= 1280.0 && rect.bottom() <= bottom, "{pick} {rect:?} is in view ({top}..{bottom})");
    }
    // Each pick sits on the same row, under the date, not wrapped away.
    let week = harness.get_by_role_and_label(Role::Button, "1 week").rect();
    let months = harness.get_by_role_and_label(Role::Button, "3 months").rect();
    assert!((week.center().y - months.center().y).abs() < 1.0, "{week:?} {months:?}");
    assert!(week.top() > harness.get_by_label("Review date").rect().bottom() - 1.0);
}

/// The top of the Balance page's first sentence, `None` when not drawn.
fn balance_summary_top(harness: &Harness<'_, KeelApp>, summary: &str) -> Option<f32> {
    harness.query_all_by(|node| node.value().as_deref() == Some(summary)).next().map(|node| node.rect().top())
}

#[test]
fn each_page_keeps_its_own_scroll_position() {
    let mut fresh = laptop_harness(demo_app(), 1.0);
    fresh.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    fresh.run();
    // The summary: the first long sentence on the page, under the controls.
    let summary = fresh
        .query_all_by(|node| node.value().is_some_and(|text| text.len() > 60))
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .and_then(|node| node.accesskit_node().value())
        .expect("the Balance page says something");
    let top = balance_summary_top(&fresh, &summary).expect("drawn");

    let mut harness = laptop_harness(demo_app(), 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num5);
    harness.run();
    let before = harness.get_by_label("Did leading or managing work for you?").rect().top();
    harness.event(egui::Event::PointerMoved(egui::pos2(900.0, 400.0)));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -1500.0),
        modifiers: Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run();
    let scrolled = harness.get_by_label("Did leading or managing work for you?").rect().top();
    assert!(scrolled < before - 500.0, "the Review page scrolled: {before} -> {scrolled}");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.run();
    assert_eq!(balance_summary_top(&harness, &summary), Some(top), "Balance opens at its own top");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num5);
    harness.run();
    let back = harness.get_by_label("Did leading or managing work for you?").rect().top();
    assert!((back - scrolled).abs() < 1.0, "Review kept where it was: {scrolled} -> {back}");
}
