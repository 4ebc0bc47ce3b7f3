//! The Balance page on the sample journal: the summary, weeks against months,
//! the table views and clicking through to the Journal.

use crate::common::{click, click_button, demo_app, harness, shows, shows_containing};
use egui_kittest::kittest::Queryable as _;
use jiff::civil::date;
use keel::analysis::filter::StyleFilter;
use keel::analysis::{Bucketing, RangePreset};
use keel::context::Page;
use keel::model::{Situation, Style};

#[test]
fn the_summary_sentence_and_weeks_against_months() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Balance");
    assert!(
        shows_containing(&harness, "Last 3 months (2026-08-29 to 2026-11-29): "),
        "the summary starts with the range and names its dates"
    );
    assert!(shows_containing(&harness, "leadership share of"));
    assert!(shows_containing(&harness, "Week by week: "));
    assert!(!shows_containing(&harness, "Month by month: "));

    click(&mut harness, "Month");
    assert_eq!(harness.state().pages.balance.choice.by, Bucketing::Month);
    assert!(shows_containing(&harness, "Month by month: "), "the trend sentence follows the buckets");
    assert!(!shows_containing(&harness, "Week by week: "));
}

#[test]
fn show_as_table_lists_the_numbers_of_each_chart() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Balance");
    harness.state_mut().pages.balance.choice.preset = RangePreset::All;
    harness.state_mut().pages.balance.choice.by = Bucketing::Month;
    harness.run();
    let first_month =
        harness.state().journal().decisions().iter().map(|d| d.date).min().expect("decisions").first_of_month();
    assert!(!shows(&harness, &first_month.to_string()), "no table yet");
    harness.get_all_by_label("Show as table").next().expect("a toggle").click();
    harness.run();
    assert!(shows(&harness, "Decisions") && shows(&harness, "Untagged"), "the table's headers");
    assert!(shows(&harness, &first_month.to_string()), "a row per month");
    assert!(harness.state().pages.balance.choice.tables[0]);
}

#[test]
fn clicking_a_bar_opens_the_journal_on_that_week() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Balance");
    // One week in range, so the single bar sits in the middle of the chart.
    let monday = harness.state().journal().decisions().iter().map(|d| d.date).max().expect("decisions");
    let monday = Bucketing::Week.start(monday);
    let sunday = Bucketing::Week.end(monday);
    let choice = &mut harness.state_mut().pages.balance.choice;
    choice.preset = RangePreset::Custom;
    choice.custom_since = Some(monday);
    choice.custom_until = Some(sunday);
    choice.by = Bucketing::Week;
    harness.run();
    let in_week = harness.state().journal().decisions().iter().filter(|d| d.date >= monday && d.date <= sunday).count();
    assert!(in_week > 0);

    harness.get_by(|node| node.label().is_some_and(|label| label.starts_with("Balance chart"))).click();
    harness.run();

    assert_eq!(harness.state().page, Page::Journal);
    let filter = &harness.state().pages.journal.filter;
    assert_eq!((filter.since, filter.until), (Some(monday), Some(sunday)));
    let total = harness.state().journal().len();
    assert!(shows(&harness, &format!("{in_week} of {total} decisions")));
}

#[test]
fn clicking_a_matrix_cell_opens_exactly_those_decisions() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Balance");
    harness.state_mut().pages.balance.choice.preset = RangePreset::All;
    harness.run();
    let label = keel::guidance::Guidance::get().situation(Situation::ConfidentTeam).label.clone();
    let expected = harness
        .state()
        .journal()
        .decisions()
        .iter()
        .filter(|d| d.situations.contains(&Situation::ConfidentTeam) && d.style == Some(Style::Management))
        .count();
    assert!(expected > 0, "the sample manages a confident team now and then");
    click(&mut harness, &format!("{label}, management: {expected}"));
    assert_eq!(harness.state().page, Page::Journal);
    let filter = &harness.state().pages.journal.filter;
    assert_eq!(filter.situation, Some(Situation::ConfidentTeam));
    assert_eq!(filter.style, Some(StyleFilter::Is(Style::Management)));
    let total = harness.state().journal().len();
    assert!(shows(&harness, &format!("{expected} of {total} decisions")));
}

#[test]
fn a_range_with_no_decisions_says_so() {
    let mut harness = harness(demo_app());
    click_button(&mut harness, "Balance");
    let choice = &mut harness.state_mut().pages.balance.choice;
    choice.preset = RangePreset::Custom;
    choice.custom_since = Some(date(2020, 1, 1));
    choice.custom_until = Some(date(2020, 2, 1));
    harness.run();
    assert!(shows(&harness, "No decisions in this range."));
}

/// Each preset counts exactly what `keel stats` counts for its dates: from
/// the same day 3, 6 or 12 months back, or 28 days back, to today.
#[test]
fn every_preset_counts_what_keel_stats_counts_for_its_dates() {
    let window = crate::common::TempWindow::new();
    // One decision a day from 14 months back to today.
    let mut journal = keel::model::Journal::default();
    let mut day = date(2025, 9, 29);
    while day <= crate::common::today() {
        let draft = keel::model::DecisionDraft { title: format!("On {day}"), ..Default::default() };
        journal.push(draft.into_new_decision(day, jiff::Timestamp::UNIX_EPOCH).expect("valid"));
        day = day.tomorrow().expect("a day");
    }
    keel::storage::save(&window.path, &journal).expect("saved");
    let mut harness = harness(window.app());
    click_button(&mut harness, "Balance");
    for (preset, since, days) in [
        (RangePreset::Last4Weeks, "2026-11-01", 29),
        (RangePreset::Quarter, "2026-08-29", 93),
        (RangePreset::SixMonths, "2026-05-29", 185),
        (RangePreset::Year, "2025-11-29", 366),
    ] {
        harness.state_mut().pages.balance.choice.preset = preset;
        harness.run();
        // The decisions have no style: the summary counts them all.
        let summary = format!("{} ({since} to 2026-11-29): {days} decisions, but", preset.label());
        assert!(shows_containing(&harness, &summary), "{summary}");
        let stats = assert_cmd::Command::cargo_bin("keel")
            .expect("binary built")
            .arg("--journal")
            .arg(&window.path)
            .args(["stats", "--since", since, "--until", "2026-11-29", "--format", "json"])
            .env("KEEL_CACHE_DIR", "")
            .output()
            .expect("runs");
        let json: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("json");
        assert_eq!(json["total"]["decisions"], days, "{preset:?}: keel stats agrees");
    }
}

/// The Balance page on its own: a read-only context over the sample
/// journal, and what the page sent when a cell of its situation table was
/// clicked.
#[test]
fn the_balance_page_alone_asks_for_the_journal_narrowed_to_a_clicked_cell() {
    use keel::context::AppRequest;
    use keel::ui::balance_page::{self, BalancePageState};

    let alone = crate::common::PageAlone::sample();
    let sender = &alone.sender;
    let mut harness = alone.harness(BalancePageState::default(), balance_page::show);
    harness.run();
    assert!(sender.take().is_empty(), "drawing alone asks for nothing");

    let crisis = keel::guidance::Guidance::get().situation(Situation::Crisis).label.clone();
    let cell = format!("{crisis}, management: ");
    let button = harness.get_by(|node| node.label().is_some_and(|label| label.starts_with(&cell)));
    button.scroll_to_me();
    harness.run();
    harness.get_by(|node| node.label().is_some_and(|label| label.starts_with(&cell))).click();
    harness.run();
    let sent = sender.take();
    assert!(
        matches!(sent.as_slice(), [AppRequest::ShowJournalWith(filter)]
            if filter.situation == Some(Situation::Crisis) && filter.style == Some(StyleFilter::Is(Style::Management))),
        "{sent:?}"
    );
}
