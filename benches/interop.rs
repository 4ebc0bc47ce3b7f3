//! Importing a CSV export of 10k and 100k decisions into an empty journal:
//! the dry run (read and plan) and the whole import (read, plan, apply),
//! which must cost about the same, not the journal's size times the file's.
//!
//! `cargo bench --bench interop`

#![allow(missing_docs, reason = "benchmark functions")]
#![allow(clippy::expect_used, reason = "a failed setup is a failed benchmark")]

use std::sync::OnceLock;

use divan::{Bencher, black_box};
use jiff::civil::date;
use jiff::tz::TimeZone;
use keel::interop::{self, ExportFormat, ImportContext, ImportFormat, ImportPlan};
use keel::model::Journal;
use keel::samples::synthetic::synthetic_journal;

const SIZES: [usize; 2] = [10_000, 100_000];

fn main() {
    divan::main();
}

/// The CSV export of a synthetic journal of `size` decisions, made once.
fn csv(size: usize) -> &'static str {
    static TEXTS: [OnceLock<String>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = SIZES.iter().position(|&s| s == size).unwrap_or(0);
    TEXTS[slot].get_or_init(|| {
        let journal = synthetic_journal(size, 42, date(2026, 11, 29));
        interop::export(&journal, ExportFormat::Csv, &TimeZone::UTC).expect("exports")
    })
}

fn context() -> ImportContext {
    ImportContext { time_zone: TimeZone::UTC, now: jiff::Timestamp::UNIX_EPOCH }
}

/// `keel import --dry-run`: read the file and plan against the journal.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn csv_dry_run(bencher: Bencher<'_, '_>, size: usize) {
    let text = csv(size);
    let journal = Journal::default();
    bencher.bench(|| {
        let parsed = interop::read(ImportFormat::Csv, black_box(text), &context()).expect("reads");
        ImportPlan::new(&journal, parsed).added.len()
    });
}

/// `keel import` without saving: read, plan and apply to the journal.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn csv_import(bencher: Bencher<'_, '_>, size: usize) {
    let text = csv(size);
    bencher.with_inputs(Journal::default).bench_local_values(|mut journal| {
        let parsed = interop::read(ImportFormat::Csv, black_box(text), &context()).expect("reads");
        let plan = ImportPlan::new(&journal, parsed);
        interop::apply(&plan, &mut journal).len()
    });
}
