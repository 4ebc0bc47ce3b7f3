//! The decisions of a cache in chunks, each chunk a postcard payload of its
//! own, so that a journal's decisions are decoded by several threads at
//! once.
//!
//! Why: decoding the decisions was about half of `keel list` on a
//! 10k-decision journal, one allocation per text, on one core while the
//! others idled. Postcard writes no lengths for structs, so a list can only
//! be split where its writer split it: here, every [`DECISIONS_PER_CHUNK`]
//! decisions, each chunk written as bytes. Every thread takes the next
//! chunk nobody has taken; the calling thread appends the chunks to the
//! journal's list in order as each one's turn comes (decoding the chunk
//! whose turn it is straight onto the list). No thread takes a chunk more
//! than [`AHEAD_PER_THREAD`] chunks per thread past the last one appended,
//! so the chunks waiting for their turn stay few.

use std::num::NonZeroUsize;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq as _;
use serde::{Deserializer, Serialize, Serializer};

use super::{Corrupt, Each, MAX_RESERVED_BYTES, Restore, StoredDecision};
use crate::model::Decision;

/// How many decisions each chunk holds (the last may hold fewer): small
/// enough that threads share the work evenly, large enough that a chunk's
/// length and hand-over cost nothing beside its decoding.
pub(super) const DECISIONS_PER_CHUNK: usize = 256;

/// The most threads that decode one journal, the calling one included:
/// past four, the memory allocator rather than decoding sets the pace.
const MAX_DECODING_THREADS: usize = 4;

/// Decisions as the cache writes them: a list of chunks, each the postcard
/// bytes of up to [`DECISIONS_PER_CHUNK`] decisions' cache copies.
pub(super) struct ChunksOut<'a>(pub(super) &'a [Decision]);

/// Bytes written as one byte string (a length, then the bytes), which a
/// reader borrows without copying.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

impl Serialize for ChunksOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let chunks = self.0.chunks(DECISIONS_PER_CHUNK);
        let mut seq = serializer.serialize_seq(Some(chunks.len()))?;
        // One chunk's bytes at a time, in one buffer: never a second copy
        // of the whole journal beside the payload.
        let mut buffer = Vec::new();
        for chunk in chunks {
            buffer.clear();
            buffer = postcard::to_extend(&Each(chunk), buffer).map_err(serde::ser::Error::custom)?;
            seq.serialize_element(&Bytes(&buffer))?;
        }
        seq.end()
    }
}

/// Which values a list read from the cache keeps (`None`: all).
type Keep<'k, M> = Option<&'k (dyn Fn(&M) -> bool + Sync)>;

/// Reads a list of cache copies onto the end of `0`, each turned into its
/// model value as soon as it is read: no list of copies is held beside the
/// list of values. A value `1` turns down is dropped at once, so that its
/// memory serves the next one.
pub(super) struct Append<'v, T: Restore>(pub(super) &'v mut Vec<T::Model>, pub(super) Keep<'v, T::Model>);

impl<'de, T: Restore + serde::Deserialize<'de>> DeserializeSeed<'de> for Append<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Restore + serde::Deserialize<'de>> Visitor<'de> for Append<'_, T> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // Room for every value only when every value is kept: a listing
        // that keeps a tenth would otherwise ask for ten times the memory.
        if self.1.is_none() {
            let most = MAX_RESERVED_BYTES / std::mem::size_of::<T::Model>().max(1);
            self.0.reserve(seq.size_hint().unwrap_or(0).min(most));
        }
        while let Some(copy) = seq.next_element::<T>()? {
            let value = copy.restore().map_err(de::Error::custom)?;
            if self.1.is_none_or(|keep| keep(&value)) {
                self.0.push(value);
            }
        }
        Ok(())
    }
}

/// Decodes one chunk onto the end of `decisions`, those `keep` accepts.
fn append_chunk(chunk: &[u8], decisions: &mut Vec<Decision>, keep: Keep<'_, Decision>) -> Result<(), Corrupt> {
    let mut deserializer = postcard::Deserializer::from_bytes(chunk);
    Append::<StoredDecision<'static>>(decisions, keep).deserialize(&mut deserializer).map_err(|_| Corrupt)?;
    match deserializer.finalize() {
        Ok([]) => Ok(()),
        _ => Err(Corrupt),
    }
}

/// How many chunks the threads may run ahead of the one appended next, per
/// thread: enough that no thread waits for another's chunk, few enough that
/// the chunks waiting their turn never add up to a second copy of the list
/// (splitting the list in halves did: 19 MB more at 100k decisions).
const AHEAD_PER_THREAD: usize = 2;

/// Where the decoding threads stand.
struct Progress {
    /// The first chunk nobody has taken yet.
    next: usize,
    /// The first chunk not yet appended to the list: every one before it is.
    appended: usize,
    /// Chunks a helper decoded, waiting for their turn, by index.
    waiting: Vec<Option<Vec<Decision>>>,
    /// A chunk did not decode: every thread stops.
    corrupt: bool,
}

/// The progress, and a signal for each change of it.
struct Shared {
    progress: Mutex<Progress>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Progress> {
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'a>(&self, progress: MutexGuard<'a, Progress>) -> MutexGuard<'a, Progress> {
        self.changed.wait(progress).unwrap_or_else(PoisonError::into_inner)
    }
}

/// Held by each thread while it decodes: should one panic, the others are
/// told to stop rather than wait for it forever (the panic then reaches the
/// caller once every thread has stopped).
struct StopOnPanic<'a>(&'a Shared);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().corrupt = true;
            self.0.changed.notify_all();
        }
    }
}

/// A helper: decodes the next chunk nobody has taken, as long as it is not
/// too far ahead of the list, and leaves it waiting for its turn.
fn help(shared: &Shared, chunks: &[&[u8]], keep: Keep<'_, Decision>, ahead: usize) {
    let _stop_on_panic = StopOnPanic(shared);
    loop {
        let mut progress = shared.lock();
        let at = loop {
            if progress.corrupt || progress.next == chunks.len() {
                return;
            }
            if progress.next < progress.appended + ahead {
                break progress.next;
            }
            progress = shared.wait(progress);
        };
        progress.next += 1;
        drop(progress);
        let mut decoded = Vec::new();
        let result = append_chunk(chunks[at], &mut decoded, keep);
        let mut progress = shared.lock();
        match result {
            Ok(()) => progress.waiting[at] = Some(decoded),
            Err(Corrupt) => progress.corrupt = true,
        }
        drop(progress);
        shared.changed.notify_all();
    }
}

/// The decisions of `chunks` that `keep` accepts (all for `None`), in
/// order, decoded by up to [`MAX_DECODING_THREADS`] threads. `reserve` is
/// how many decisions to make room for at once.
///
/// # Errors
/// [`Corrupt`] when a chunk does not decode.
pub(super) fn decode_chunks(
    chunks: &[&[u8]],
    reserve: usize,
    keep: Keep<'_, Decision>,
) -> Result<Vec<Decision>, Corrupt> {
    let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get).min(MAX_DECODING_THREADS);
    decode_chunks_on(chunks, reserve, keep, threads)
}

/// As [`decode_chunks`], on up to `threads` threads. The calling thread
/// appends the chunks in order: one whose turn has come it decodes straight
/// onto the list, and it takes the chunks helpers decoded as their turn
/// comes.
fn decode_chunks_on(
    chunks: &[&[u8]],
    reserve: usize,
    keep: Keep<'_, Decision>,
    threads: usize,
) -> Result<Vec<Decision>, Corrupt> {
    let helpers = threads.saturating_sub(1).min(chunks.len().saturating_sub(1));
    let ahead = AHEAD_PER_THREAD * (helpers + 1);
    let shared = Shared {
        progress: Mutex::new(Progress {
            next: 0,
            appended: 0,
            waiting: std::iter::repeat_with(|| None).take(chunks.len()).collect(),
            corrupt: false,
        }),
        changed: Condvar::new(),
    };
    let mut decisions = Vec::with_capacity(reserve);
    std::thread::scope(|scope| {
        for _ in 0..helpers {
            let helper = || help(&shared, chunks, keep, ahead);
            if std::thread::Builder::new().name("keel-decode".to_owned()).spawn_scoped(scope, helper).is_err() {
                // No thread to spare: the ones running share the work.
                break;
            }
        }
        let _stop_on_panic = StopOnPanic(&shared);
        let stop = || {
            shared.lock().corrupt = true;
            shared.changed.notify_all();
            Err(Corrupt)
        };
        let mut progress = shared.lock();
        loop {
            let turn = progress.appended;
            if progress.corrupt {
                return Err(Corrupt);
            }
            if turn == chunks.len() {
                return Ok(());
            }
            if let Some(decoded) = progress.waiting[turn].take() {
                progress.appended += 1;
                drop(progress);
                shared.changed.notify_all();
                decisions.extend(decoded);
            } else if progress.next == turn {
                // Its turn, and nobody has it: straight onto the list.
                progress.next += 1;
                drop(progress);
                if append_chunk(chunks[turn], &mut decisions, keep).is_err() {
                    return stop();
                }
                shared.lock().appended += 1;
                shared.changed.notify_all();
            } else if progress.next < chunks.len() && progress.next < turn + ahead {
                // A helper has this turn's chunk: decode a later one meanwhile.
                let at = progress.next;
                progress.next += 1;
                drop(progress);
                let mut decoded = Vec::new();
                if append_chunk(chunks[at], &mut decoded, keep).is_err() {
                    return stop();
                }
                shared.lock().waiting[at] = Some(decoded);
            } else {
                progress = shared.wait(progress);
                continue;
            }
            progress = shared.lock();
        }
    })?;
    Ok(decisions)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::{ChunksOut, DECISIONS_PER_CHUNK, decode_chunks_on};
    use crate::model::Decision;
    use crate::samples::synthetic::synthetic_journal;

    fn decisions(count: usize) -> Vec<Decision> {
        let decisions = synthetic_journal(count, 3, date(2026, 11, 29)).decisions().to_vec();
        assert_eq!(decisions.len(), count);
        decisions
    }

    #[test]
    fn decisions_decoded_by_any_number_of_threads_come_back_whole_and_in_order() {
        // Seven full chunks and one short: the threads meet somewhere inside.
        let written = decisions(7 * DECISIONS_PER_CHUNK + 5);
        let bytes = postcard::to_stdvec(&ChunksOut(&written)).expect("written");
        let chunks: Vec<&[u8]> = postcard::from_bytes(&bytes).expect("chunks");
        assert_eq!(chunks.len(), 8);
        for threads in 1..=5 {
            let read = decode_chunks_on(&chunks, 0, None, threads).expect("decoded");
            assert_eq!(read.len(), written.len(), "{threads} threads");
            for (read, written) in read.iter().zip(&written) {
                assert!(read.identical(written), "{threads} threads: {} came back as {}", written.id.0, read.id.0);
            }
        }
    }

    #[test]
    fn only_the_decisions_kept_come_back_in_order_whatever_the_threads() {
        let written = decisions(5 * DECISIONS_PER_CHUNK + 40);
        let bytes = postcard::to_stdvec(&ChunksOut(&written)).expect("written");
        let chunks: Vec<&[u8]> = postcard::from_bytes(&bytes).expect("chunks");
        // Those whose id ends in 7, and those of one tag: in every chunk.
        let tag = written.iter().find_map(|decision| decision.tags.first()).expect("a tagged decision").clone();
        let keep = |decision: &Decision| decision.id.0.ends_with('7') || decision.tags.contains(&tag);
        let expected: Vec<&Decision> = written.iter().filter(|decision| keep(decision)).collect();
        assert!(expected.len() > 50 && expected.len() < written.len() / 2, "{} kept", expected.len());
        for threads in 1..=4 {
            let read = decode_chunks_on(&chunks, 0, Some(&keep), threads).expect("decoded");
            let read_ids: Vec<&str> = read.iter().map(|decision| decision.id.0.as_str()).collect();
            let expected_ids: Vec<&str> = expected.iter().map(|decision| decision.id.0.as_str()).collect();
            assert_eq!(read_ids, expected_ids, "{threads} threads");
            assert!(read.iter().zip(&expected).all(|(read, expected)| read.identical(expected)));
        }
    }

    #[test]
    fn no_chunks_are_no_decisions() {
        for threads in 1..=3 {
            assert!(decode_chunks_on(&[], 0, None, threads).expect("decoded").is_empty());
        }
    }

    #[test]
    fn a_thread_that_panics_stops_the_others_and_the_panic_reaches_the_caller() {
        let written = decisions(6 * DECISIONS_PER_CHUNK);
        let bytes = postcard::to_stdvec(&ChunksOut(&written)).expect("written");
        let chunks: Vec<&[u8]> = postcard::from_bytes(&bytes).expect("chunks");
        // In the first chunk (the calling thread's), in the last (a
        // helper's, when there is one), and in one between.
        for culprit in [0, 3 * DECISIONS_PER_CHUNK + 7, written.len() - 1] {
            let id = written[culprit].id.0.clone();
            let keep = move |decision: &Decision| {
                assert!(decision.id.0 != id, "a filter that fails");
                true
            };
            for threads in 1..=3 {
                let decoded = std::panic::catch_unwind(|| decode_chunks_on(&chunks, 0, Some(&keep), threads));
                assert!(decoded.is_err(), "decision {culprit}, {threads} threads: the panic reached the caller");
            }
        }
    }

    #[test]
    fn one_chunk_that_does_not_decode_throws_the_whole_list_away() {
        let written = decisions(3 * DECISIONS_PER_CHUNK);
        let bytes = postcard::to_stdvec(&ChunksOut(&written)).expect("written");
        let chunks: Vec<&[u8]> = postcard::from_bytes(&bytes).expect("chunks");
        for damaged in 0..chunks.len() {
            let mut broken = chunks.clone();
            // Cut short: a chunk whose last decision ends mid-way.
            broken[damaged] = &chunks[damaged][..chunks[damaged].len() - 1];
            for threads in 1..=3 {
                assert!(decode_chunks_on(&broken, 0, None, threads).is_err(), "chunk {damaged}, {threads} threads");
            }
            // Bytes after a chunk's last decision: not a chunk this build wrote.
            let longer = [chunks[damaged], &[0]].concat();
            broken[damaged] = &longer;
            assert!(decode_chunks_on(&broken, 0, None, 2).is_err(), "chunk {damaged} with a byte more");
        }
    }
}
