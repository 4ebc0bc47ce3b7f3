//! Writes a synthetic journal for benchmarks and load tests:
//!
//! ```text
//! cargo run --release --example gen_journal -- COUNT OUT.ron [SEED] [LAST_DAY]
//! cargo run --release --example gen_journal -- 100000 big.ron 42 2026-11-29
//! ```
//!
//! `SEED` defaults to 1 and `LAST_DAY` (the newest decision's day,
//! YYYY-MM-DD) to today; the same `COUNT`, `SEED` and `LAST_DAY` always give
//! the same file.

use std::path::PathBuf;
use std::process::ExitCode;

use jiff::Zoned;
use keel::samples::synthetic::synthetic_journal;
use keel::storage;

const USAGE: &str = "usage: gen_journal COUNT OUT.ron [SEED] [LAST_DAY]";

#[expect(clippy::print_stdout, clippy::print_stderr, reason = "a command-line tool's edge: what it did, or why not")]
fn main() -> ExitCode {
    match run(&std::env::args().skip(1).collect::<Vec<_>>()) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen_journal: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let [count, out, rest @ ..] = args else {
        return Err("COUNT and OUT.ron are required".to_owned());
    };
    let count: usize = count.parse().map_err(|_| format!("COUNT '{count}' is not a whole number"))?;
    let seed: u64 = match rest.first() {
        Some(seed) => seed.parse().map_err(|_| format!("SEED '{seed}' is not a whole number"))?,
        None => 1,
    };
    let last_day = match rest.get(1) {
        Some(day) => keel::cli::parse_date(day)?,
        None => Zoned::now().date(),
    };
    let journal = synthetic_journal(count, seed, last_day);
    let path = PathBuf::from(out);
    storage::save(&path, &journal).map_err(|error| error.to_string())?;
    let first = journal.decisions().first().map_or_else(String::new, |d| d.date.to_string());
    Ok(format!("wrote {count} decisions ({first} to {last_day}, seed {seed}) to {}", path.display()))
}
