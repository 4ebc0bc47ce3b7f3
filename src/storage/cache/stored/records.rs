//! The cache's copies of the records beside the decisions: tombstones,
//! talking points, brief marks, goals and weekly reflections. Split from
//! [`super`] (the helpers, the decisions and the file's outline) only to keep
//! each file short; the same rules hold here: every field written, in a
//! fixed order, each conversion taking its type apart with no `..`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{
    Cached, Corrupt, Day, Restore, StoredVersion, Text, Time, day, from_day, from_place, from_record_kind,
    from_situations, from_style, from_time, place, record_kind, situations, style, time,
};
use crate::model::{Answer, BriefMark, DecisionId, Goal, GoalKind, RecordTombstone, Reflection, TalkingPoint};
use crate::storage::merge::Tombstone;

#[derive(Serialize, Deserialize)]
pub(super) struct StoredTombstone<'a> {
    id: Text<'a>,
    deleted_at: Time,
    version: StoredVersion<'a>,
}

impl Cached for Tombstone {
    type Stored<'a> = StoredTombstone<'a>;

    fn stored(&self) -> StoredTombstone<'_> {
        let Self { id, deleted_at, version } = self;
        StoredTombstone {
            id: Cow::Borrowed(&id.0),
            deleted_at: time(*deleted_at),
            version: StoredVersion::copy(version),
        }
    }
}

impl Restore for StoredTombstone<'_> {
    type Model = Tombstone;

    fn restore(self) -> Result<Tombstone, Corrupt> {
        let Self { id, deleted_at, version } = self;
        Ok(Tombstone {
            id: DecisionId(id.into_owned()),
            deleted_at: from_time(deleted_at)?,
            version: version.restore()?,
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredTalkingPoint<'a> {
    id: Text<'a>,
    person: Text<'a>,
    text: Text<'a>,
    created: Day,
    done: Option<Day>,
}

impl Cached for TalkingPoint {
    type Stored<'a> = StoredTalkingPoint<'a>;

    fn stored(&self) -> StoredTalkingPoint<'_> {
        let Self { id, person, text, created, done } = self;
        StoredTalkingPoint {
            id: Cow::Borrowed(id),
            person: Cow::Borrowed(person),
            text: Cow::Borrowed(text),
            created: day(*created),
            done: done.map(day),
        }
    }
}

impl Restore for StoredTalkingPoint<'_> {
    type Model = TalkingPoint;

    fn restore(self) -> Result<TalkingPoint, Corrupt> {
        let Self { id, person, text, created, done } = self;
        Ok(TalkingPoint {
            id: id.into_owned(),
            person: person.into_owned(),
            text: text.into_owned(),
            created: from_day(created)?,
            done: done.map(from_day).transpose()?,
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredBrief<'a> {
    on: Day,
    person: Option<Text<'a>>,
}

impl Cached for BriefMark {
    type Stored<'a> = StoredBrief<'a>;

    fn stored(&self) -> StoredBrief<'_> {
        let Self { on, person } = self;
        StoredBrief { on: day(*on), person: person.as_deref().map(Cow::Borrowed) }
    }
}

impl Restore for StoredBrief<'_> {
    type Model = BriefMark;

    fn restore(self) -> Result<BriefMark, Corrupt> {
        let Self { on, person } = self;
        Ok(BriefMark { on: from_day(on)?, person: person.map(Cow::into_owned) })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredGoal<'a> {
    id: Text<'a>,
    title: Text<'a>,
    why: Text<'a>,
    kind: u8,
    situations: Vec<u8>,
    style: Option<u8>,
    tag: Option<Text<'a>>,
    person: Option<Text<'a>>,
    min_percent: Option<u8>,
    max_percent: Option<u8>,
    per_week: Option<u32>,
    from: Day,
    until: Day,
    done: Option<Day>,
    abandoned: Option<Day>,
    created: Time,
    updated: Time,
    version: StoredVersion<'a>,
}

impl Cached for Goal {
    type Stored<'a> = StoredGoal<'a>;

    fn stored(&self) -> StoredGoal<'_> {
        let Self {
            id,
            title,
            why,
            kind,
            situations: goal_situations,
            style: goal_style,
            tag,
            person,
            min_percent,
            max_percent,
            per_week,
            from,
            until,
            done,
            abandoned,
            created,
            updated,
            version,
        } = self;
        StoredGoal {
            id: Cow::Borrowed(id),
            title: Cow::Borrowed(title),
            why: Cow::Borrowed(why),
            kind: place(&GoalKind::ALL, kind),
            situations: situations(goal_situations),
            style: style(*goal_style),
            tag: tag.as_deref().map(Cow::Borrowed),
            person: person.as_deref().map(Cow::Borrowed),
            min_percent: *min_percent,
            max_percent: *max_percent,
            per_week: *per_week,
            from: day(*from),
            until: day(*until),
            done: done.map(day),
            abandoned: abandoned.map(day),
            created: time(*created),
            updated: time(*updated),
            version: StoredVersion::copy(version),
        }
    }
}

impl Restore for StoredGoal<'_> {
    type Model = Goal;

    fn restore(self) -> Result<Goal, Corrupt> {
        let Self {
            id,
            title,
            why,
            kind,
            situations,
            style,
            tag,
            person,
            min_percent,
            max_percent,
            per_week,
            from,
            until,
            done,
            abandoned,
            created,
            updated,
            version,
        } = self;
        Ok(Goal {
            id: id.into_owned(),
            title: title.into_owned(),
            why: why.into_owned(),
            kind: from_place(&GoalKind::ALL, kind)?,
            situations: from_situations(situations)?,
            style: from_style(style)?,
            tag: tag.map(Cow::into_owned),
            person: person.map(Cow::into_owned),
            min_percent,
            max_percent,
            per_week,
            from: from_day(from)?,
            until: from_day(until)?,
            done: done.map(from_day).transpose()?,
            abandoned: abandoned.map(from_day).transpose()?,
            created: from_time(created)?,
            updated: from_time(updated)?,
            version: version.restore()?,
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredReflection<'a> {
    id: Text<'a>,
    week: Day,
    answers: Vec<(Text<'a>, Text<'a>)>,
    created: Time,
    updated: Time,
    version: StoredVersion<'a>,
}

impl Cached for Reflection {
    type Stored<'a> = StoredReflection<'a>;

    fn stored(&self) -> StoredReflection<'_> {
        let Self { id, week, answers, created, updated, version } = self;
        StoredReflection {
            id: Cow::Borrowed(id),
            week: day(*week),
            answers: answers
                .iter()
                .map(|answer| {
                    let Answer { question, answer } = answer;
                    (Cow::Borrowed(question.as_str()), Cow::Borrowed(answer.as_str()))
                })
                .collect(),
            created: time(*created),
            updated: time(*updated),
            version: StoredVersion::copy(version),
        }
    }
}

impl Restore for StoredReflection<'_> {
    type Model = Reflection;

    fn restore(self) -> Result<Reflection, Corrupt> {
        let Self { id, week, answers, created, updated, version } = self;
        Ok(Reflection {
            id: id.into_owned(),
            week: from_day(week)?,
            answers: answers
                .into_iter()
                .map(|(question, answer)| Answer { question: question.into_owned(), answer: answer.into_owned() })
                .collect(),
            created: from_time(created)?,
            updated: from_time(updated)?,
            version: version.restore()?,
        })
    }
}

#[derive(Serialize, Deserialize)]
pub(super) struct StoredRecordTombstone<'a> {
    id: Text<'a>,
    kind: u8,
    deleted_at: Time,
    version: StoredVersion<'a>,
}

impl Cached for RecordTombstone {
    type Stored<'a> = StoredRecordTombstone<'a>;

    fn stored(&self) -> StoredRecordTombstone<'_> {
        let Self { id, kind, deleted_at, version } = self;
        StoredRecordTombstone {
            id: Cow::Borrowed(id),
            kind: record_kind(*kind),
            deleted_at: time(*deleted_at),
            version: StoredVersion::copy(version),
        }
    }
}

impl Restore for StoredRecordTombstone<'_> {
    type Model = RecordTombstone;

    fn restore(self) -> Result<RecordTombstone, Corrupt> {
        let Self { id, kind, deleted_at, version } = self;
        Ok(RecordTombstone {
            id: id.into_owned(),
            kind: from_record_kind(kind)?,
            deleted_at: from_time(deleted_at)?,
            version: version.restore()?,
        })
    }
}
