//! The Balance page's analysis at 1k / 10k / 100k decisions: both series,
//! the situation matrix, the contrast means and the summary, from the journal
//! and a filter (what the UI recomputes when either changes); and the
//! coaching loop: This week, goal progress, "From your journal", "Did
//! leading or managing work for you?".
//!
//! `cargo bench --bench analysis`

use std::path::Path;
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use jiff::civil::date;
use keel::analysis::Filter;
use keel::analysis::{Bucketing, Overview, RangePreset, Selection};
use keel::model::Journal;
use keel::samples::synthetic::synthetic_journal;
use keel::storage;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

/// The synthetic journal of `size` decisions, built once per size and
/// passed through the file format, so its memory is laid out as when the app
/// loads a journal from disk.
fn journal(size: usize) -> &'static Journal {
    static JOURNALS: [OnceLock<Journal>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = SIZES.iter().position(|&s| s == size).unwrap_or(0);
    JOURNALS[slot].get_or_init(|| {
        let generated = synthetic_journal(SIZES[slot], 42, date(2026, 11, 29));
        storage::parse(&storage::to_text(&generated), Path::new("synthetic.ron")).unwrap_or(generated)
    })
}

/// Everything the Balance page shows, over all time.
#[divan::bench(args = SIZES)]
fn balance_page_all_time(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let filter = Filter::default();
    bencher.bench(|| {
        let overview = Overview::compute(black_box(journal), black_box(&filter));
        black_box(overview.summary(RangePreset::All.label()))
    });
}

/// Everything the Balance page shows for the last 12 months and one person.
#[divan::bench(args = SIZES)]
fn balance_page_year_one_person(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let range = RangePreset::Year.range(date(2026, 11, 29));
    let filter = Filter { person: Some("Ana".to_owned()), since: range.since, until: range.until, ..Filter::default() };
    bencher.bench(|| {
        let overview = Overview::compute(black_box(journal), black_box(&filter));
        black_box(overview.summary(RangePreset::Year.label()))
    });
}

/// The parts on their own, over all time.
mod parts {
    use super::{Bencher, Bucketing, Filter, SIZES, Selection, black_box, journal};

    #[divan::bench(args = SIZES)]
    fn select(bencher: Bencher<'_, '_>, size: usize) {
        let journal = journal(size);
        bencher.bench(|| Selection::new(black_box(journal), &Filter::default()).len());
    }

    #[divan::bench(args = SIZES)]
    fn weekly_series(bencher: Bencher<'_, '_>, size: usize) {
        let selection = Selection::new(journal(size), &Filter::default());
        bencher.bench(|| black_box(&selection).series(Bucketing::Week));
    }

    #[divan::bench(args = SIZES)]
    fn monthly_series(bencher: Bencher<'_, '_>, size: usize) {
        let selection = Selection::new(journal(size), &Filter::default());
        bencher.bench(|| black_box(&selection).series(Bucketing::Month));
    }

    #[divan::bench(args = SIZES)]
    fn situation_matrix(bencher: Bencher<'_, '_>, size: usize) {
        let selection = Selection::new(journal(size), &Filter::default());
        bencher.bench(|| black_box(&selection).matrix());
    }

    #[divan::bench(args = SIZES)]
    fn contrast_averages(bencher: Bencher<'_, '_>, size: usize) {
        let selection = Selection::new(journal(size), &Filter::default());
        bencher.bench(|| black_box(&selection).contrasts());
    }
}

/// The coaching loop: This week (with two goals running), the editor's
/// "From your journal" panel for two situations, and the by-style answer
/// of the Review page; each recomputed when the journal changes.
mod coaching {
    use std::sync::OnceLock;

    use jiff::Timestamp;
    use jiff::civil::date;
    use keel::analysis::goals::progress;
    use keel::analysis::lessons::{ByStyle, FromYourJournal};
    use keel::analysis::week::Week;
    use keel::model::{Goal, GoalKind, Journal, Situation, Style};

    use super::{Bencher, SIZES, black_box, journal};

    /// The journal of `size` decisions with a fit goal and a practice goal.
    fn with_goals(size: usize) -> &'static Journal {
        static JOURNALS: [OnceLock<Journal>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let slot = SIZES.iter().position(|&s| s == size).unwrap_or(0);
        JOURNALS[slot].get_or_init(|| {
            let mut journal = journal(size).clone();
            let (from, until) = (date(2026, 9, 1), date(2026, 12, 31));
            let mut fit = Goal::new("Step back", GoalKind::Fit, from, until, Timestamp::UNIX_EPOCH);
            fit.situations = vec![Situation::ConfidentTeam];
            fit.min_percent = Some(70);
            let mut practice = Goal::new("Hand off", GoalKind::Practice, from, until, Timestamp::UNIX_EPOCH);
            practice.style = Some(Style::Management);
            practice.per_week = Some(1);
            journal.add_goal(fit);
            journal.add_goal(practice);
            journal
        })
    }

    #[divan::bench(args = SIZES)]
    fn this_week(bencher: Bencher<'_, '_>, size: usize) {
        let journal = with_goals(size);
        bencher.bench(|| Week::of(black_box(journal), date(2026, 11, 29)));
    }

    #[divan::bench(args = SIZES)]
    fn goal_progress(bencher: Bencher<'_, '_>, size: usize) {
        let journal = with_goals(size);
        let goal = &journal.goals()[0];
        bencher.bench(|| progress(black_box(journal), goal, date(2026, 11, 29)));
    }

    #[divan::bench(args = SIZES)]
    fn from_your_journal(bencher: Bencher<'_, '_>, size: usize) {
        let decisions = journal(size).decisions();
        let ticked = [Situation::Crisis, Situation::TightDeadline];
        bencher.bench(|| FromYourJournal::compute(black_box(decisions), &ticked, None));
    }

    #[divan::bench(args = SIZES)]
    fn did_leading_work(bencher: Bencher<'_, '_>, size: usize) {
        let decisions = journal(size).decisions();
        bencher.bench(|| ByStyle::compute(black_box(decisions)));
    }
}
