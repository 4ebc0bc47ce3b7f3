//! Large, realistic, reproducible journals for benchmarks and load tests.
//!
//! The text comes from the sample journal (its titles, its notes cut into
//! sentences and recombined, its people and tags); the mix follows it too:
//! about 40% management, 35% leadership, 15% blend and 10% untagged, zero to
//! two situations that mostly (not always) match the style, and a few
//! decisions per working day going back in time from `last_day`. The same
//! count, seed and day always give the same journal.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::guidance::{Guidance, Side};
use crate::model::{ContrastScores, Decision, DecisionId, Journal, Review, ReviewResult, Situation, Style};

/// `SplitMix64`: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0; slight modulo bias is fine here).
    fn below(&mut self, bound: usize) -> usize {
        // Both conversions are lossless on 64-bit targets and at worst
        // truncate a random number elsewhere.
        #[expect(clippy::cast_possible_truncation, reason = "a random value; truncation keeps it random")]
        let value = (self.next() % bound.max(1) as u64) as usize;
        value
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}

/// What the generated decisions are made of.
struct Pools {
    titles: Vec<String>,
    sentences: Vec<String>,
    people: Vec<String>,
    tags: Vec<String>,
    leading: Vec<Situation>,
    managing: Vec<Situation>,
    /// The newest day; reviews are only written for review dates before it.
    last_day: Date,
}

impl Pools {
    fn new(last_day: Date) -> Self {
        let demo = super::demo::load(last_day).unwrap_or_default();
        let mut titles: Vec<String> = demo.decisions().iter().map(|d| d.title.clone()).collect();
        let mut sentences: Vec<String> = demo
            .decisions()
            .iter()
            .flat_map(|d| d.note.split_inclusive(['.', '!', '?']).map(str::trim).filter(|s| s.len() > 3))
            .map(str::to_owned)
            .collect();
        let mut people: Vec<String> = demo.person_counts().into_iter().map(|(name, _)| name).collect();
        let mut tags: Vec<String> = demo.tag_counts().into_iter().map(|(name, _)| name).collect();
        if titles.is_empty() {
            titles = vec!["Made a call".to_owned()];
        }
        if sentences.is_empty() {
            sentences = vec!["It seemed right at the time.".to_owned()];
        }
        if people.is_empty() {
            people = vec!["Ana".to_owned()];
        }
        if tags.is_empty() {
            tags = vec!["team".to_owned()];
        }
        let guidance = Guidance::get();
        Self {
            titles,
            sentences,
            people,
            tags,
            leading: guidance.situations_on(Side::Leadership).map(|g| g.id).collect(),
            managing: guidance.situations_on(Side::Management).map(|g| g.id).collect(),
            last_day,
        }
    }
}

/// A journal of `count` decisions, oldest first, the newest on or before
/// `last_day`; the same arguments always give the same journal.
#[must_use]
pub fn synthetic_journal(count: usize, seed: u64, last_day: Date) -> Journal {
    let pools = Pools::new(last_day);
    let mut rng = Rng(seed);
    let mut decisions = Vec::with_capacity(count);
    let mut day = last_day;
    'days: while decisions.len() < count {
        let weekend = day.weekday().to_monday_zero_offset() >= 5;
        let today = if weekend { rng.below(2) } else { 1 + rng.below(4) };
        for slot in 0..today {
            if decisions.len() == count {
                break 'days;
            }
            decisions.push(one_decision(&mut rng, &pools, day, slot, seed, decisions.len()));
        }
        match day.yesterday() {
            Ok(previous) => day = previous,
            Err(_) => break,
        }
    }
    decisions.reverse();
    Journal::new(decisions)
}

fn one_decision(rng: &mut Rng, pools: &Pools, day: Date, slot: usize, seed: u64, serial: usize) -> Decision {
    let style = match rng.below(100) {
        0..40 => Some(Style::Management),
        40..75 => Some(Style::Leadership),
        75..90 => Some(Style::Blend),
        _ => None,
    };
    let mut situations = Vec::new();
    let wanted = match rng.below(10) {
        0..3 => 0,
        3..8 => 1,
        _ => 2,
    };
    for _ in 0..wanted {
        // Two times in three the situation matches the style's side.
        let matching = rng.chance(67);
        let pool = match (style, matching) {
            (Some(Style::Leadership), true) | (Some(Style::Management), false) => &pools.leading,
            (Some(Style::Management), true) | (Some(Style::Leadership), false) => &pools.managing,
            _ if rng.chance(50) => &pools.leading,
            _ => &pools.managing,
        };
        situations.extend(rng.pick(pool).copied());
    }
    situations.sort_unstable();
    situations.dedup();

    let mut names = |pool: &[String], most: usize| -> Vec<String> {
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..rng.below(most + 1) {
            if let Some(name) = rng.pick(pool).filter(|name| !chosen.contains(name)) {
                chosen.push(name.clone());
            }
        }
        chosen
    };
    let people = names(&pools.people, 2);
    let tags = names(&pools.tags, 2);

    let mut title = rng.pick(&pools.titles).cloned().unwrap_or_default();
    if rng.chance(10) {
        title.insert_str(0, "Follow-up: ");
    }
    let note_sentences = match rng.below(10) {
        0..3 => 0,
        3..7 => 1 + rng.below(2),
        _ => 3 + rng.below(4),
    };
    let note = (0..note_sentences).filter_map(|_| rng.pick(&pools.sentences).cloned()).collect::<Vec<_>>().join(" ");

    let contrasts = rng.chance(25).then(|| {
        let lean: i8 = match style {
            Some(Style::Leadership) => 1,
            Some(Style::Management) => -1,
            Some(Style::Blend) | None => 0,
        };
        let mut score = || {
            let jitter = i8::try_from(rng.below(3)).unwrap_or(1) - 1;
            (lean + jitter).clamp(ContrastScores::MIN, ContrastScores::MAX)
        };
        ContrastScores {
            vision_execution: score(),
            people_process: score(),
            inspiration_control: score(),
            change_stability: score(),
        }
    });

    let minutes = i64::try_from(slot * 97 + rng.below(90)).unwrap_or(0);
    let created = day
        .at(8, 30, 0, 0)
        .to_zoned(TimeZone::UTC)
        .map(|zoned| zoned.timestamp())
        .ok()
        .and_then(|start| start.checked_add(minutes.minutes()).ok())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    // About a third look ahead with an expectation and a review date; most of
    // those older than their review date have been reviewed.
    let (expectation, confidence, review_on, review) = if rng.below(3) == 0 {
        let review_on = day.checked_add(jiff::Span::new().days(i64::try_from(7 + rng.below(60)).unwrap_or(7))).ok();
        let confidence = u8::try_from(40 + rng.below(60)).ok();
        let review = review_on.filter(|due| *due < pools.last_day && rng.below(5) != 0).map(|due| Review {
            reviewed_on: due,
            outcome: "Turned out much as the team hoped.".to_owned(),
            result: ReviewResult::ALL[rng.below(3)],
            process: u8::try_from(1 + rng.below(5)).ok(),
            lesson: String::new(),
        });
        ("The team ships it without me stepping back in.".to_owned(), confidence, review_on, review)
    } else {
        (String::new(), None, None, None)
    };
    Decision {
        id: DecisionId(format!("syn-{seed:x}-{serial:07}")),
        date: day,
        title,
        note,
        style,
        situations,
        tags,
        people,
        contrasts,
        options: Vec::new(),
        expectation,
        confidence,
        review_on,
        review,
        starred: false,
        created,
        updated: created,
        version: crate::model::Version::legacy(created),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use jiff::civil::date;

    use super::*;

    #[test]
    fn same_seed_same_journal_and_count_is_honoured() {
        let day = date(2026, 11, 29);
        let a = synthetic_journal(2_000, 7, day);
        assert_eq!(a, synthetic_journal(2_000, 7, day));
        assert_ne!(a, synthetic_journal(2_000, 8, day));
        for count in [0, 1, 5, 2_000] {
            assert_eq!(synthetic_journal(count, 7, day).len(), count);
        }
        let ids: HashSet<_> = a.decisions().iter().map(|d| &d.id).collect();
        assert_eq!(ids.len(), a.len(), "ids are unique");
        assert!(a.decisions().windows(2).all(|pair| pair[0].date <= pair[1].date), "oldest first");
        assert!(a.decisions().iter().all(|d| d.date <= day && !d.title.is_empty()));
    }

    #[test]
    fn mix_is_like_the_sample_journal() {
        let journal = synthetic_journal(10_000, 42, date(2026, 11, 29));
        let share = |predicate: &dyn Fn(&Decision) -> bool| {
            journal.decisions().iter().filter(|d| predicate(d)).count() as f64 / journal.len() as f64
        };
        let near = |actual: f64, expected: f64| (actual - expected).abs() < 0.03;
        assert!(near(share(&|d| d.style == Some(Style::Management)), 0.40));
        assert!(near(share(&|d| d.style == Some(Style::Leadership)), 0.35));
        assert!(near(share(&|d| d.style == Some(Style::Blend)), 0.15));
        assert!(near(share(&|d| d.style.is_none()), 0.10));
        assert!(journal.decisions().iter().all(|d| d.situations.len() <= 2 && d.people.len() <= 2));
        assert!(share(&|d| d.contrasts.is_some()) > 0.15);
        assert!(journal.person_counts().len() >= 9);
        assert!(journal.tag_counts().len() >= 15);
        let lengths: HashSet<usize> = journal.decisions().iter().map(|d| d.note.len() / 50).collect();
        assert!(lengths.len() > 5, "notes of varied length");
        let days: HashSet<Date> = journal.decisions().iter().map(|d| d.date).collect();
        let per_day = journal.len() as f64 / days.len() as f64;
        assert!((1.5..4.0).contains(&per_day), "{per_day} a day");
    }
}
