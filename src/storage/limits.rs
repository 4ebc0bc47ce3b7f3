//! What this build reads and writes: the journal format's versions and the
//! largest journal it reads. Layer 0, beside [`super::error`]: the error
//! messages name these limits, so they sit below everything.

/// The file format version this build writes and the newest it reads.
pub const CURRENT_VERSION: u32 = 4;

/// The largest journal file read: 1 GiB, far more than years of decisions
/// take, and a bound on what a file that keeps growing can make Keel read.
pub const MAX_JOURNAL_BYTES: u64 = 1 << 30;

/// The oldest file format version this build reads (and migrates).
pub const OLDEST_VERSION: u32 = 1;
