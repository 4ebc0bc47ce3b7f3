//! Sample journals, never the user's: the built-in one behind `--demo`
//! ([`demo`]) and generated ones of any size for benchmarks, tests and
//! `examples/gen_journal` ([`synthetic`]). They sit above `storage` (the
//! demo is a journal file parsed like any other), not inside it, so the
//! storage layers hold only what reads and writes real journals.

pub mod demo;
pub mod synthetic;
