//! What a sync service's copy of the journal may bring in: every decision
//! passes the one check every way in makes ([`Decision::check_entry`]),
//! every talking point its own ([`TalkingPoint::check`]). One that does
//! not is taken out of the copy before the merge, so it can neither add,
//! overwrite nor remove anything in the journal (the merge keeps the
//! journal's version of an id the copy does not hold); it is named in the
//! copy's report, and the copy itself is kept as every merged copy is.
//!
//! Layer 5, beside the sync copies: it uses only [`super::merge`].

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::merge::Contents;
use crate::model::decision::escape_control;
use crate::model::{Decision, TalkingPoint};

/// Takes out of `copy` each decision and talking point the journal would
/// refuse, checked against `now` (and today in this computer's zone);
/// returns one sentence per refusal, naming it and why.
pub(crate) fn refuse_invalid(copy: &mut Contents, now: Timestamp) -> Vec<String> {
    let today = now.to_zoned(TimeZone::system()).date();
    let mut refused = Vec::new();
    copy.journal.retain(|decision| match decision.check_entry(today, now) {
        Ok(()) => true,
        Err(error) => {
            refused.push(format!("{}: {error}", named(decision)));
            false
        }
    });
    copy.journal.talking_points_mut().retain(|point| match point.check() {
        Ok(()) => true,
        Err(error) => {
            refused.push(format!("{}: {error}", named_point(point)));
            false
        }
    });
    // Goals and reflections follow the same rules: their text, their
    // target, and no time from the future (it would win every merge).
    let latest = crate::model::version::latest_plausible(now);
    let ahead =
        |time: Timestamp| (time > latest).then(|| format!("its time {time} is later than now by more than a day"));
    let (goals, reflections, _) = copy.journal.records_mut();
    goals.retain(|goal| {
        let problem =
            goal.check().err().map(|error| error.to_string()).or_else(|| ahead(goal.updated.max(goal.version.at)));
        match problem {
            None => true,
            Some(problem) => {
                refused.push(format!(
                    "the goal \u{201c}{}\u{201d} (id {}): {problem}",
                    short(&goal.title),
                    escape_control(&goal.id)
                ));
                false
            }
        }
    });
    reflections.retain(|reflection| {
        let problem = reflection
            .check()
            .err()
            .map(|error| error.to_string())
            .or_else(|| ahead(reflection.updated.max(reflection.version.at)));
        match problem {
            None => true,
            Some(problem) => {
                refused.push(format!(
                    "the reflection on the week of {} (id {}): {problem}",
                    reflection.week,
                    escape_control(&reflection.id)
                ));
                false
            }
        }
    });
    refused
}

/// "“Title” (id …)", escaped, the title cut to 60 characters.
fn named(decision: &Decision) -> String {
    format!("\u{201c}{}\u{201d} (id {})", short(&decision.title), escape_control(&decision.id.0))
}

fn named_point(point: &TalkingPoint) -> String {
    format!("the talking point for \u{201c}{}\u{201d} (id {})", short(&point.person), escape_control(&point.id))
}

fn short(text: &str) -> String {
    const SHOWN: usize = 60;
    let escaped = escape_control(text);
    if escaped.chars().count() > SHOWN {
        format!("{}\u{2026}", escaped.chars().take(SHOWN - 1).collect::<String>())
    } else {
        escaped.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::model::{DecisionId, Journal};

    fn decision(id: &str, title: &str) -> Decision {
        Decision {
            id: DecisionId(id.to_owned()),
            date: date(2026, 3, 1),
            title: title.to_owned(),
            created: "2026-03-01T09:00:00Z".parse().expect("time"),
            updated: "2026-03-01T09:00:00Z".parse().expect("time"),
            ..Decision::default()
        }
    }

    #[test]
    fn refused_decisions_and_points_are_taken_out_and_named() {
        let now: Timestamp = "2026-03-10T12:00:00Z".parse().expect("time");
        let mut far = decision("far", "Far ahead");
        far.date = date(9999, 12, 31);
        let mut forged = decision("forged", "Forged time");
        forged.updated = "2099-01-01T00:00:00Z".parse().expect("time");
        let mut slow = decision("slow", "A clock a few hours ahead");
        slow.updated = "2026-03-10T20:00:00Z".parse().expect("time");
        let mut journal = Journal::new(vec![
            decision("fine", "Fine"),
            decision("esc", "Title \u{1b}]0;owned\u{7}"),
            far,
            forged,
            slow,
        ]);
        journal.talking_points_mut().push(TalkingPoint {
            id: "p".to_owned(),
            person: "Ana".to_owned(),
            text: "Ask \u{1b}[2J".to_owned(),
            created: date(2026, 3, 1),
            done: None,
        });
        let mut copy = Contents::new(journal, Vec::new());

        let refused = refuse_invalid(&mut copy, now);

        let kept: Vec<&str> = copy.journal.decisions().iter().map(|d| d.id.0.as_str()).collect();
        assert_eq!(kept, ["fine", "slow"], "a clock a few hours ahead stays fine");
        assert!(copy.journal.talking_points().is_empty());
        assert_eq!(refused.len(), 4, "{refused:?}");
        assert!(refused[0].contains("\u{201c}Title \\e]0;owned\\a\u{201d} (id esc)"), "{}", refused[0]);
        assert!(refused[1].contains("(id far): 9999-12-31 is more than a year ahead"), "{}", refused[1]);
        assert!(refused[2].contains("(id forged): its updated time 2099-01-01T00:00:00Z"), "{}", refused[2]);
        assert!(refused[3].contains("talking point for \u{201c}Ana\u{201d} (id p)"), "{}", refused[3]);
        assert!(refused.iter().all(|line| !line.chars().any(char::is_control)), "{refused:?}");
    }

    #[test]
    fn a_copys_refused_decisions_change_nothing_in_the_journal_and_the_copy_is_kept() {
        use crate::storage::{Store, contents_to_text};
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path().join("journal.ron")).with_cache(None);
        let mine = decision("a", "Mine");
        let kept = decision("b", "Kept");
        std::fs::write(store.path(), contents_to_text(&Journal::new(vec![mine, kept]), &[])).expect("written");
        // Each would win the merge: a far later edit, a newer one.
        let mut forged = decision("a", "Forged to win every merge");
        forged.updated = "2099-01-01T00:00:00Z".parse().expect("time");
        let mut escaped = decision("b", "Retitled \u{1b}]0;owned\u{7}");
        escaped.updated = Timestamp::now();
        let mut far = decision("c", "Far");
        far.date = date(9999, 12, 31);
        let copy_text = contents_to_text(&Journal::new(vec![forged, escaped, far, decision("d", "New and fine")]), &[]);
        let copy = dir.path().join("journal.sync-conflict-20261201-085003-DECYF6G.ron");
        std::fs::write(&copy, &copy_text).expect("written");

        let report = store.absorb_copies().expect("absorbed");

        let journal = store.read().expect("readable").contents.journal;
        let titles: Vec<(&str, &str)> =
            journal.decisions().iter().map(|d| (d.id.0.as_str(), d.title.as_str())).collect();
        assert_eq!(titles, [("a", "Mine"), ("b", "Kept"), ("d", "New and fine")]);
        let absorbed = &report.absorbed[0];
        assert_eq!(absorbed.added, 1);
        assert_eq!(absorbed.refused.len(), 3, "{:?}", absorbed.refused);
        let kept_at = absorbed.kept_at.clone().expect("the copy is kept");
        assert_eq!(std::fs::read_to_string(kept_at).expect("kept copy"), copy_text, "nothing of it is lost");
        let sentence = report.sentences().join("\n");
        for named in [
            "\u{201c}Forged to win every merge\u{201d} (id a): its updated time 2099",
            "(id b): the title",
            "(id c): 9999-12-31",
        ] {
            assert!(sentence.contains(named), "{named} in {sentence}");
        }
        assert!(!sentence.contains('\u{1b}'), "{sentence:?}");
    }
}
