//! Loading and saving the journal file, and filtering it, at 1k / 10k / 100k
//! decisions.
//!
//! `cargo bench --bench storage`

#![allow(missing_docs, reason = "benchmark functions")]
#![allow(clippy::expect_used, reason = "a failed setup is a failed benchmark")]

use std::path::Path;
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use jiff::civil::date;
use keel::analysis::Filter;
use keel::model::Journal;
use keel::samples::synthetic::synthetic_journal;
use keel::storage;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

fn slot(size: usize) -> usize {
    SIZES.iter().position(|&s| s == size).unwrap_or(0)
}

/// The synthetic journal of `size` decisions, built once per size.
fn journal(size: usize) -> &'static Journal {
    static JOURNALS: [OnceLock<Journal>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    JOURNALS[slot(size)].get_or_init(|| {
        let generated = synthetic_journal(size, 42, date(2026, 11, 29));
        storage::parse(&storage::to_text(&generated), Path::new("synthetic.ron")).unwrap_or(generated)
    })
}

/// Its file text.
fn text(size: usize) -> &'static str {
    static TEXTS: [OnceLock<String>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    TEXTS[slot(size)].get_or_init(|| storage::to_text(journal(size)))
}

/// Reading and parsing the file with no parse cache (what opening the
/// window and every CLI command do the first time they see a file).
#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: Bencher<'_, '_>, size: usize) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    std::fs::write(&path, text(size)).expect("written");
    let store = storage::Store::new(path).with_cache(None);
    bencher.bench(|| store.read().expect("loads").contents.journal.len());
}

/// Reading the same file once its parse cache is written (every later read:
/// the bytes hashed on a second thread while the binary cache is decoded;
/// 1k decisions are too small to be cached and are parsed).
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_cached(bencher: Bencher<'_, '_>, size: usize) {
    let (_folder, store) = cached_store(size);
    bencher.bench(|| store.read().expect("loads").contents.journal.len());
}

/// A store of the journal of `size` decisions, in a temporary folder, read
/// once so that its parse cache is written.
fn cached_store(size: usize) -> (tempfile::TempDir, storage::Store) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    std::fs::write(&path, text(size)).expect("written");
    let store = storage::Store::new(path).with_cache(Some(cache_in(folder.path())));
    store.read().expect("loads");
    (folder, store)
}

/// What `keel list --tag T` reads from the same cached file: only the
/// decisions of its most used tag are kept as the cache is decoded
/// (`Store::read_decisions_where`), each other one dropped at once.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_cached_matching_tag(bencher: Bencher<'_, '_>, size: usize) {
    let (_folder, store) = cached_store(size);
    let tag = journal(size).tag_counts().first().map(|(name, _)| name.clone());
    let filter = Filter { tag, ..Filter::default() };
    let matcher = filter.matcher();
    bencher.bench(|| store.read_decisions_where(&matcher).expect("loads").len());
}

/// What the window's background loader does with a file it has seen
/// before (`app::sync::read_store`): merge any sync copies (none here), then
/// open the journal, from its parse cache. The window's 0.5 s target at
/// 100k includes this.
#[divan::bench(args = SIZES, sample_count = 10)]
fn open_for_window(bencher: Bencher<'_, '_>, size: usize) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    std::fs::write(&path, text(size)).expect("written");
    let store = storage::Store::new(path).with_cache(Some(cache_in(folder.path())));
    store.read().expect("loads");
    bencher.bench(|| {
        store.absorb_copies().expect("no copies");
        store.open().expect("opens").contents.journal.len()
    });
}

/// Hashing the file's bytes, the parse cache's key (part of `load_cached`).
#[divan::bench(args = SIZES, sample_count = 30)]
fn cache_key(bencher: Bencher<'_, '_>, size: usize) {
    let bytes = text(size).as_bytes();
    bencher.bench(|| storage::cache::SourceKey::of(black_box(bytes)));
}

fn cache_in(folder: &Path) -> storage::cache::Cache {
    storage::cache::Cache::in_folder(folder.join("cache"))
}

/// Parsing alone, from text in memory.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_ron(bencher: Bencher<'_, '_>, size: usize) {
    let text = text(size);
    bencher.bench(|| storage::parse(black_box(text), Path::new("journal.ron")).expect("parses").len());
}

/// The scan for fields this Keel does not know, part of every parse
/// (issue 19): its share of `parse_ron`.
#[divan::bench(args = SIZES, sample_count = 10)]
fn scan_unknown_fields(bencher: Bencher<'_, '_>, size: usize) {
    let text = text(size);
    bencher.bench(|| storage::fields::first_unknown(black_box(text)).is_none());
}

/// The same decisions as JSON, parsed with `serde_json`: the alternative
/// format's cost, for comparison with `parse_ron`.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_json_alternative(bencher: Bencher<'_, '_>, size: usize) {
    let json = serde_json::to_string(journal(size).decisions()).expect("serialises");
    bencher.bench(|| serde_json::from_str::<Vec<keel::model::Decision>>(black_box(&json)).expect("parses").len());
}

/// Serialising to RON text (the part of a save done before any I/O).
#[divan::bench(args = SIZES, sample_count = 10)]
fn to_text(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    bencher.bench(|| storage::to_text(black_box(journal)).len());
}

/// A whole save as the background saver does it: lock, read and merge what
/// is on disk, back up, write atomically with fsync, refresh the parse cache.
#[divan::bench(args = SIZES, sample_count = 10)]
fn save(bencher: Bencher<'_, '_>, size: usize) {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("journal.ron");
    let journal = journal(size);
    std::fs::write(&path, text(size)).expect("written");
    let store = storage::Store::new(path).with_cache(Some(cache_in(folder.path())));
    let mut base = store.open().expect("opens").snapshot();
    bencher.bench_local(|| {
        let saved = store.save_merged(black_box(journal), &base).expect("saves");
        base = saved.snapshot;
    });
}

/// A keystroke in the search box, without drawing: the filter recomputed
/// for a new search string (matching and newest-first order).
#[divan::bench(args = SIZES, sample_count = 30)]
fn search_keystroke(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let words = ["rol", "role"];
    let mut next = 0;
    bencher.bench_local(|| {
        let filter = Filter { search: words[next % 2].to_owned(), ..Filter::default() };
        next += 1;
        filter.apply(black_box(journal)).len()
    });
}

/// Filtering by a tag (what `keel list --tag T` does after loading).
#[divan::bench(args = SIZES, sample_count = 30)]
fn filter_by_tag(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let tag = journal.tag_counts().first().map(|(name, _)| name.clone());
    let filter = Filter { tag, ..Filter::default() };
    bencher.bench(|| filter.apply(black_box(journal)).len());
}

/// A keystroke through the Journal page's index (what the page does since
/// issue 9): the same rows as `search_keystroke`, from the order and text
/// indexed once per change.
#[divan::bench(args = SIZES, sample_count = 30)]
fn search_keystroke_indexed(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let mut index = keel::analysis::SearchIndex::new(journal);
    let words = ["rol", "role"];
    let mut next = 0;
    divan::black_box(index.rows_matching(&Filter { search: "x".to_owned(), ..Filter::default() }, journal));
    bencher.bench_local(|| {
        let filter = Filter { search: words[next % 2].to_owned(), ..Filter::default() };
        next += 1;
        index.rows_matching(&filter, black_box(journal)).len()
    });
}

/// Typing on: the next letter narrows the previous matches.
#[divan::bench(args = SIZES, sample_count = 30)]
fn search_keystroke_narrowing(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let mut index = keel::analysis::SearchIndex::new(journal);
    let before = index.rows_matching(&Filter { search: "ro".to_owned(), ..Filter::default() }, journal);
    let filter = Filter { search: "rol".to_owned(), ..Filter::default() };
    bencher.bench_local(|| index.narrow(&filter, black_box(journal), &before).len());
}

/// Building the index after a change (order; the text on the first search).
#[divan::bench(args = SIZES, sample_count = 10)]
fn search_index_build(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let filter = Filter { search: "rol".to_owned(), ..Filter::default() };
    bencher.bench(|| keel::analysis::SearchIndex::new(black_box(journal)).rows_matching(&filter, journal).len());
}

/// What every frame of the Journal and Balance pages computed before issue
/// 9 and now computes once per change: the tag and person counts for the
/// filter menus (and, on the Journal page, a copy of the row list).
#[divan::bench(args = SIZES, sample_count = 30)]
fn per_frame_work_removed(bencher: Bencher<'_, '_>, size: usize) {
    let journal = journal(size);
    let rows: Vec<usize> = (0..journal.len()).collect();
    bencher.bench(|| {
        let counts = (journal.tag_counts(), journal.person_counts());
        black_box((counts, rows.clone()))
    });
}

/// A conflict copy of the same journal as another computer left it: the
/// first 1% of its decisions edited there, and 1% more written there only.
fn diverged_copy(size: usize) -> storage::Contents {
    let mut decisions = journal(size).decisions().to_vec();
    let edited = size / 100;
    for decision in decisions.iter_mut().take(edited) {
        decision.title.push_str(" (edited on the desktop)");
        decision.updated = decision.updated.checked_add(jiff::SignedDuration::from_hours(1)).expect("in range");
    }
    let extra = synthetic_journal(edited, 7, date(2026, 11, 30));
    decisions.extend(extra.decisions().iter().cloned().map(|mut decision| {
        decision.id = keel::model::DecisionId(format!("desktop-{}", decision.id.0));
        decision
    }));
    storage::Contents::new(Journal::new(decisions), Vec::new())
}

/// Merging a conflict copy of `size` decisions into a journal of `size`,
/// in memory (target at 10k: ≤ 100 ms).
#[divan::bench(args = SIZES, sample_count = 10)]
fn merge_conflict_copy(bencher: Bencher<'_, '_>, size: usize) {
    let mine = storage::Contents::new(journal(size).clone(), Vec::new());
    let copy = diverged_copy(size);
    bencher.bench(|| black_box(storage::merge::merge_copy(&mine, &copy)).added);
}

/// The whole of absorbing such a copy from disk: listing the folder,
/// reading and parsing the copy, merging, writing the journal with its
/// backup, and moving the copy into the backups.
#[divan::bench(args = SIZES, sample_count = 10)]
fn absorb_conflict_copy(bencher: Bencher<'_, '_>, size: usize) {
    let copy_text = storage::contents_to_text(&diverged_copy(size).journal, &[]);
    bencher
        .with_inputs(|| {
            let folder = tempfile::tempdir().expect("temp dir");
            let path = folder.path().join("journal.ron");
            std::fs::write(&path, text(size)).expect("written");
            std::fs::write(folder.path().join("journal.sync-conflict-20261201-085003-DECYF6G.ron"), &copy_text)
                .expect("copy written");
            (folder, storage::Store::new(path).with_cache(None))
        })
        // The folder is returned, so removing it is not timed.
        .bench_values(|(folder, store)| (store.absorb_copies().expect("absorbed").absorbed.len(), folder));
}
