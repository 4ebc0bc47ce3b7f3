//! How long the text suggester takes: a typical journal sentence, a 2 KB
//! note and a 100 KB text. The editor calls it as the user types, so the
//! 100 KB case must stay well under a frame (16 ms).
//!
//! `cargo bench --bench suggest`

#![allow(missing_docs, reason = "benchmark functions")]

use keel::guidance::suggest;

fn main() {
    // Compile the vocabulary once, before anything is timed.
    divan::black_box(suggest("warm up"));
    divan::main();
}

const SENTENCE: &str = "Release is due Thursday, so I froze the scope and assigned the remaining bugs";

const NOTE_PARAGRAPH: &str = "Handled the outage by the book, then opened a session to rethink how we deploy. \
    The team ran the sprint on their own; I stayed out of standup all week. \
    Paired the two interns with seniors and wrote their first-week checklist. \
    No deadline pressure this time, so I let the team explore three prototypes. ";

fn text_of(bytes: usize) -> String {
    NOTE_PARAGRAPH.repeat(bytes.div_ceil(NOTE_PARAGRAPH.len()))
}

#[divan::bench]
fn sentence() -> keel::guidance::Suggestion {
    suggest(divan::black_box(SENTENCE))
}

#[divan::bench]
fn note_2_kb(bencher: divan::Bencher<'_, '_>) {
    let text = text_of(2 * 1024);
    bencher.bench(|| suggest(divan::black_box(&text)));
}

#[divan::bench(sample_count = 30)]
fn text_100_kb(bencher: divan::Bencher<'_, '_>) {
    let text = text_of(100 * 1024);
    bencher.bench(|| suggest(divan::black_box(&text)));
}
