//! The cache's own copy of the stored types, for [`postcard`]: every field
//! always written, in a fixed order, with days, times and the id words of
//! enums as numbers.
//!
//! Why a copy rather than the model's own serde: the model's types are
//! shaped for the RON file. They leave a field out when it is empty
//! (`skip_serializing_if`), which a format without field names cannot
//! represent (the next field would be read in its place), and they write
//! days, times, styles and situations as words, which are text to parse,
//! what the cache exists to avoid. Each conversion takes its type apart
//! field by field, with no `..`, so a field added to the model does not
//! compile until the cache carries it too; [`super::SCHEMA_SOURCES`] holds
//! this file, so a cache made by a build with other shapes is never read.
//!
//! Texts are borrowed from the journal when a cache is written ([`Cow`]) and
//! owned when it is read: one type serves both ways, with no copy of the
//! journal made to write it.

use std::borrow::Cow;

use jiff::Timestamp;
use jiff::civil::Date;

use serde::de::DeserializeSeed as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::decision::ContrastScores;
use crate::model::version::DeviceEdits;
use crate::model::{
    BriefMark, Decision, DecisionId, Goal, RecordKind, RecordTombstone, Reflection, Review, ReviewResult, Situation,
    Style, TalkingPoint, Version,
};
use crate::storage::merge::{Contents, Tombstone};

mod chunks;
mod records;

use chunks::{Append, ChunksOut};
use records::{StoredBrief, StoredGoal, StoredRecordTombstone, StoredReflection, StoredTalkingPoint, StoredTombstone};

/// Text borrowed from the journal when written, owned when read.
type Text<'a> = Cow<'a, str>;

/// A list of texts, borrowed when written, owned when read.
type Texts<'a> = Cow<'a, [String]>;

/// An instant: seconds and nanoseconds since the Unix epoch.
type Time = (i64, i32);

/// A day: year, month, day.
type Day = (i16, i8, i8);

fn time(at: Timestamp) -> Time {
    (at.as_second(), at.subsec_nanosecond())
}

fn from_time((seconds, nanos): Time) -> Result<Timestamp, Corrupt> {
    Timestamp::new(seconds, nanos).map_err(|_| Corrupt)
}

fn day(on: Date) -> Day {
    (on.year(), on.month(), on.day())
}

fn from_day((year, month, on): Day) -> Result<Date, Corrupt> {
    Date::new(year, month, on).map_err(|_| Corrupt)
}

/// An enum's place in its `ALL` list ([`u8::MAX`], which no list reaches
/// and so never reads back, for a value missing from it).
fn place<T: PartialEq>(all: &[T], value: &T) -> u8 {
    all.iter().position(|one| one == value).and_then(|at| u8::try_from(at).ok()).unwrap_or(u8::MAX)
}

fn from_place<T: Copy>(all: &[T], at: u8) -> Result<T, Corrupt> {
    all.get(usize::from(at)).copied().ok_or(Corrupt)
}

fn situations(all: &[Situation]) -> Vec<u8> {
    all.iter().map(|situation| place(&Situation::ALL, situation)).collect()
}

fn from_situations(places: Vec<u8>) -> Result<Vec<Situation>, Corrupt> {
    places.into_iter().map(|at| from_place(&Situation::ALL, at)).collect()
}

fn style(style: Option<Style>) -> Option<u8> {
    style.map(|style| place(&Style::ALL, &style))
}

fn from_style(place: Option<u8>) -> Result<Option<Style>, Corrupt> {
    place.map(|at| from_place(&Style::ALL, at)).transpose()
}

fn record_kind(kind: RecordKind) -> u8 {
    match kind {
        RecordKind::Goal => 0,
        RecordKind::Reflection => 1,
    }
}

fn from_record_kind(place: u8) -> Result<RecordKind, Corrupt> {
    match place {
        0 => Ok(RecordKind::Goal),
        1 => Ok(RecordKind::Reflection),
        _ => Err(Corrupt),
    }
}

/// A slice of model values written as a list of their cache copies, made
/// one at a time as they are written.
struct Each<'a, T>(&'a [T]);

/// A model type and its cache copy.
trait Cached {
    /// The copy, borrowing the value's texts.
    type Stored<'a>: Serialize
    where
        Self: 'a;

    /// The copy of `self`.
    fn stored(&self) -> Self::Stored<'_>;
}

impl<T: Cached> Serialize for Each<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(T::stored))
    }
}

/// A value in a cache that no model value has (a day or an enum out of
/// range): a damaged cache its checksum missed, or a bug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the parse cache holds a value out of range")]
pub(super) struct Corrupt;

/// A cache copy read back, turned into its model value.
pub(super) trait Restore {
    /// The model type.
    type Model;

    /// The model value.
    ///
    /// # Errors
    /// [`Corrupt`] when a value is out of range.
    fn restore(self) -> Result<Self::Model, Corrupt>;
}

/// A list of cache copies read back, turned into their model values.
pub(super) struct Restored<T: Restore>(Vec<T::Model>);

/// The most memory, in bytes, made room for before a list's elements are
/// read: a length in the cache is trusted only once the payload's checksum
/// matched, but even then a hand-made file should not be able to ask for
/// any amount of memory. Past it, the list grows as it is read.
const MAX_RESERVED_BYTES: usize = 16 << 20;

impl<'de, T: Restore + Deserialize<'de>> Deserialize<'de> for Restored<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut values = Vec::new();
        Append::<T>(&mut values, None).deserialize(deserializer)?;
        Ok(Restored(values))
    }
}

/// The contents of a journal as the cache writes them.
#[derive(Serialize)]
pub(super) struct ContentsOut<'a> {
    decisions: ChunksOut<'a>,
    deleted: Each<'a, Tombstone>,
    talking_points: Each<'a, TalkingPoint>,
    briefs: Each<'a, BriefMark>,
    goals: Each<'a, Goal>,
    reflections: Each<'a, Reflection>,
    removed: Each<'a, RecordTombstone>,
}

impl<'a> ContentsOut<'a> {
    /// What the cache of `contents` holds.
    pub(super) fn new(contents: &'a Contents) -> Self {
        let journal = &contents.journal;
        Self {
            decisions: ChunksOut(journal.decisions()),
            deleted: Each(&contents.deleted),
            talking_points: Each(journal.talking_points()),
            briefs: Each(journal.briefs()),
            goals: Each(journal.goals()),
            reflections: Each(journal.reflections()),
            removed: Each(journal.removed_records()),
        }
    }
}

/// The contents of a journal as the cache reads them: the same fields, in
/// the same order, as [`ContentsOut`]; the decisions' chunks are borrowed
/// from the payload until [`ContentsIn::decode`] decodes them.
#[derive(Deserialize)]
pub(super) struct ContentsIn<'a> {
    #[serde(borrow)]
    decisions: Vec<&'a [u8]>,
    deleted: Restored<StoredTombstone<'static>>,
    talking_points: Restored<StoredTalkingPoint<'static>>,
    briefs: Restored<StoredBrief<'static>>,
    goals: Restored<StoredGoal<'static>>,
    reflections: Restored<StoredReflection<'static>>,
    removed: Restored<StoredRecordTombstone<'static>>,
}

impl ContentsIn<'_> {
    /// The contents, with every decision decoded.
    ///
    /// # Errors
    /// [`Corrupt`] when a chunk of decisions does not decode.
    pub(super) fn decode(self) -> Result<Contents, Corrupt> {
        let ContentsIn { decisions, deleted, talking_points, briefs, goals, reflections, removed } = self;
        let reserve =
            (decisions.len() * chunks::DECISIONS_PER_CHUNK).min(MAX_RESERVED_BYTES / std::mem::size_of::<Decision>());
        let decisions = chunks::decode_chunks(&decisions, reserve, None)?;
        let journal = crate::model::Journal::new(decisions)
            .with_talking_points(talking_points.0)
            .with_briefs(briefs.0)
            .with_records(goals.0, reflections.0, removed.0);
        Ok(Contents::new(journal, deleted.0))
    }
}

/// The start of what the cache holds, as read by a command that wants some
/// of the decisions and nothing else: the chunks of decisions come first,
/// and the rest of the payload (its checksum already matched) is not read.
#[derive(Deserialize)]
pub(super) struct DecisionsIn<'a> {
    #[serde(borrow)]
    decisions: Vec<&'a [u8]>,
}

impl DecisionsIn<'_> {
    /// The decisions `keep` accepts, in stored order.
    ///
    /// # Errors
    /// [`Corrupt`] when a chunk of decisions does not decode.
    pub(super) fn decode_where(self, keep: &(dyn Fn(&Decision) -> bool + Sync)) -> Result<Vec<Decision>, Corrupt> {
        chunks::decode_chunks(&self.decisions, 0, Some(keep))
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredVersion<'a> {
    seen: Vec<(Text<'a>, u64)>,
    at: Time,
    tick: u32,
    by: Text<'a>,
}

impl<'a> StoredVersion<'a> {
    fn copy(version: &'a Version) -> Self {
        let Version { seen, at, tick, by } = version;
        Self {
            seen: seen
                .iter()
                .map(|edits| {
                    let DeviceEdits { device, edits } = edits;
                    (Cow::Borrowed(device.as_str()), *edits)
                })
                .collect(),
            at: time(*at),
            tick: *tick,
            by: Cow::Borrowed(by),
        }
    }

    fn restore(self) -> Result<Version, Corrupt> {
        let Self { seen, at, tick, by } = self;
        Ok(Version {
            seen: seen.into_iter().map(|(device, edits)| DeviceEdits { device: device.into_owned(), edits }).collect(),
            at: from_time(at)?,
            tick,
            by: by.into_owned(),
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredReview<'a> {
    reviewed_on: Day,
    outcome: Text<'a>,
    result: u8,
    process: Option<u8>,
    lesson: Text<'a>,
}

impl<'a> StoredReview<'a> {
    fn copy(review: &'a Review) -> Self {
        let Review { reviewed_on, outcome, result, process, lesson } = review;
        Self {
            reviewed_on: day(*reviewed_on),
            outcome: Cow::Borrowed(outcome),
            result: place(&ReviewResult::ALL, result),
            process: *process,
            lesson: Cow::Borrowed(lesson),
        }
    }

    fn restore(self) -> Result<Review, Corrupt> {
        let Self { reviewed_on, outcome, result, process, lesson } = self;
        Ok(Review {
            reviewed_on: from_day(reviewed_on)?,
            outcome: outcome.into_owned(),
            result: from_place(&ReviewResult::ALL, result)?,
            process,
            lesson: lesson.into_owned(),
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredDecision<'a> {
    id: Text<'a>,
    date: Day,
    title: Text<'a>,
    note: Text<'a>,
    style: Option<u8>,
    situations: Vec<u8>,
    tags: Texts<'a>,
    people: Texts<'a>,
    contrasts: Option<[i8; 4]>,
    options: Texts<'a>,
    expectation: Text<'a>,
    confidence: Option<u8>,
    review_on: Option<Day>,
    review: Option<StoredReview<'a>>,
    starred: bool,
    created: Time,
    updated: Time,
    version: StoredVersion<'a>,
}

impl Cached for Decision {
    type Stored<'a> = StoredDecision<'a>;

    fn stored(&self) -> StoredDecision<'_> {
        let Self {
            id,
            date,
            title,
            note,
            style: decision_style,
            situations: decision_situations,
            tags,
            people,
            contrasts,
            options,
            expectation,
            confidence,
            review_on,
            review,
            starred,
            created,
            updated,
            version,
        } = self;
        StoredDecision {
            id: Cow::Borrowed(&id.0),
            date: day(*date),
            title: Cow::Borrowed(title),
            note: Cow::Borrowed(note),
            style: style(*decision_style),
            situations: situations(decision_situations),
            tags: Cow::Borrowed(tags),
            people: Cow::Borrowed(people),
            contrasts: contrasts.map(ContrastScores::as_array),
            options: Cow::Borrowed(options),
            expectation: Cow::Borrowed(expectation),
            confidence: *confidence,
            review_on: review_on.map(day),
            review: review.as_ref().map(StoredReview::copy),
            starred: *starred,
            created: time(*created),
            updated: time(*updated),
            version: StoredVersion::copy(version),
        }
    }
}

impl Restore for StoredDecision<'_> {
    type Model = Decision;

    fn restore(self) -> Result<Decision, Corrupt> {
        let Self {
            id,
            date,
            title,
            note,
            style,
            situations,
            tags,
            people,
            contrasts,
            options,
            expectation,
            confidence,
            review_on,
            review,
            starred,
            created,
            updated,
            version,
        } = self;
        Ok(Decision {
            id: DecisionId(id.into_owned()),
            date: from_day(date)?,
            title: title.into_owned(),
            note: note.into_owned(),
            style: from_style(style)?,
            situations: from_situations(situations)?,
            tags: tags.into_owned(),
            people: people.into_owned(),
            contrasts: contrasts.map(|[vision_execution, people_process, inspiration_control, change_stability]| {
                ContrastScores { vision_execution, people_process, inspiration_control, change_stability }
            }),
            options: options.into_owned(),
            expectation: expectation.into_owned(),
            confidence,
            review_on: review_on.map(from_day).transpose()?,
            review: review.map(StoredReview::restore).transpose()?,
            starred,
            created: from_time(created)?,
            updated: from_time(updated)?,
            version: version.restore()?,
        })
    }
}
