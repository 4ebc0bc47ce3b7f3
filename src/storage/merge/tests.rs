//! Tests of the merge by ancestry ([`super`]).

use jiff::civil::date;

use super::*;
use crate::model::DecisionDraft;

fn at(seconds: i64) -> Timestamp {
    Timestamp::from_second(seconds).expect("valid")
}

fn decision(id: &str, title: &str, updated: i64) -> Decision {
    let mut decision = DecisionDraft { title: title.into(), ..DecisionDraft::default() }
        .into_new_decision(date(2026, 3, 1), at(updated))
        .expect("valid");
    decision.id = DecisionId(id.into());
    decision
}

/// Contents as a file from before versions holds them: each version
/// comes from its time.
fn contents(decisions: Vec<Decision>, deleted: Vec<(&str, i64)>) -> Contents {
    let mut contents = Contents::new(
        Journal::new(decisions),
        deleted.into_iter().map(|(id, s)| Tombstone::legacy(DecisionId(id.into()), at(s))).collect(),
    );
    contents.fill_legacy_versions();
    contents
}

/// A clock stopped at `seconds`, for an editor on another computer.
struct StoppedAt(Timestamp);

impl crate::model::Clock for StoppedAt {
    fn now(&self) -> Timestamp {
        self.0
    }

    fn today(&self) -> jiff::civil::Date {
        self.0.to_zoned(jiff::tz::TimeZone::UTC).date()
    }
}

fn editor(device: &str, seconds: i64) -> Editor {
    Editor::new(device, std::sync::Arc::new(StoppedAt(at(seconds))))
}

fn titles(contents: &Contents) -> Vec<&str> {
    contents.journal.decisions().iter().map(|d| d.title.as_str()).collect()
}

#[test]
fn additions_on_both_sides_are_kept() {
    let base = contents(vec![decision("a", "A", 1)], vec![]);
    let mine = contents(vec![decision("a", "A", 1), decision("m", "M", 2)], vec![]);
    let theirs = contents(vec![decision("a", "A", 1), decision("t1", "T1", 3), decision("t2", "T2", 3)], vec![]);
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(titles(&merged.contents), ["A", "M", "T1", "T2"]);
    assert_eq!((merged.added, merged.changed, merged.removed), (2, 0, 0));
    assert_eq!(merged.describe_outside_changes().as_deref(), Some("2 decisions added from outside"));
    assert!(merged.conflicts.is_empty());
}

#[test]
fn one_sided_edits_and_deletions_win() {
    let base = contents(vec![decision("a", "A", 1), decision("b", "B", 1), decision("c", "C", 1)], vec![]);
    let mine = contents(vec![decision("a", "A mine", 5), decision("b", "B", 1), decision("c", "C", 1)], vec![]);
    let theirs = contents(vec![decision("a", "A", 1), decision("b", "B theirs", 6)], vec![("c", 7)]);
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(titles(&merged.contents), ["A mine", "B theirs"]);
    let gone: Vec<(&str, Timestamp)> =
        merged.contents.deleted.iter().map(|t| (t.id.0.as_str(), t.deleted_at)).collect();
    assert_eq!(gone, [("c", at(7))]);
    assert_eq!((merged.added, merged.changed, merged.removed), (0, 1, 1));
}

#[test]
fn both_edited_is_a_conflict_resolved_to_the_newer_for_now() {
    let base = contents(vec![decision("a", "A", 1)], vec![]);
    let mine = contents(vec![decision("a", "A mine", 5)], vec![]);
    let theirs = contents(vec![decision("a", "A theirs", 9)], vec![]);
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(titles(&merged.contents), ["A theirs"]);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].mine.title, "A mine");
    assert_eq!(merged.conflicts[0].theirs.title, "A theirs");
}

#[test]
fn edit_against_delete_goes_to_the_newer() {
    let base = contents(vec![decision("a", "A", 1), decision("b", "B", 1)], vec![]);
    let mine = contents(vec![decision("a", "A edited late", 9), decision("b", "B edited early", 2)], vec![]);
    let theirs = contents(vec![], vec![("a", 5), ("b", 5)]);
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(titles(&merged.contents), ["A edited late"]);
    assert_eq!(merged.contents.deleted.len(), 1);
    assert_eq!(merged.contents.deleted[0].id.0, "b");
}

#[test]
fn deletion_without_tombstone_never_removes_an_edit() {
    let base = Journal::new(vec![decision("a", "A", 1)]);
    let merged = merge_journals(&base, &Journal::new(vec![decision("a", "A2", 2)]), &Journal::default());
    assert_eq!(titles(&merged.contents), ["A2"]);
}

#[test]
fn descendant_tombstones_what_was_removed_and_revives_what_came_back() {
    let base = contents(vec![decision("a", "A", 1), decision("b", "B", 1)], vec![("c", 1)]);
    let journal = Journal::new(vec![decision("a", "A", 1), decision("c", "C back", 3)]);
    let mine = Contents::descendant(&base, journal, &editor("here", 4));
    let gone: Vec<(&str, Timestamp)> = mine.deleted.iter().map(|t| (t.id.0.as_str(), t.deleted_at)).collect();
    assert_eq!(gone, [("b", at(4))]);
    // Bringing c back is a new edit that descends from its deletion.
    let back = mine.journal.get(&DecisionId("c".into())).expect("c");
    assert_eq!(back.version.ancestry(&base.deleted[0].version), Ancestry::Descends);
}

#[test]
fn merging_is_idempotent() {
    let base = contents(vec![decision("a", "A", 1)], vec![]);
    let theirs = contents(vec![decision("a", "A", 1), decision("t", "T", 2)], vec![]);
    let once = merge(&base, &base, &theirs);
    let twice = merge(&base, &once.contents, &theirs);
    assert_eq!(once.contents, twice.contents);
    assert!(!twice.changed_mine());
}

#[test]
fn a_copy_with_no_known_base_adds_its_decisions_and_keeps_the_newer_edit() {
    let mine = contents(vec![decision("a", "A", 1), decision("b", "B mine", 5), decision("m", "M", 2)], vec![]);
    let copy = contents(vec![decision("a", "A", 1), decision("b", "B copy", 3), decision("c", "C", 4)], vec![]);
    let merged = merge_copy(&mine, &copy);
    assert_eq!(titles(&merged.contents), ["A", "B mine", "M", "C"]);
    assert_eq!((merged.added, merged.changed, merged.removed), (1, 0, 0));
    assert_eq!(merged.conflicts.len(), 1, "two versions of b: the older is reported");
    assert_eq!(merged.conflicts[0].theirs.title, "B copy");
}

#[test]
fn a_copy_never_revives_what_was_deleted_after_its_last_edit_and_deletes_with_its_newer_tombstones() {
    // Mine deleted x (at 9) after the copy's last edit of it (at 3); the
    // copy deleted y (at 8) after mine's last edit of it (at 2).
    let mine = contents(vec![decision("y", "Y", 2)], vec![("x", 9)]);
    let copy = contents(vec![decision("x", "X", 3)], vec![("y", 8)]);
    let merged = merge_copy(&mine, &copy);
    assert!(titles(&merged.contents).is_empty());
    let mut gone: Vec<_> = merged.contents.deleted.iter().map(|t| t.id.0.as_str()).collect();
    gone.sort_unstable();
    assert_eq!(gone, ["x", "y"]);
    assert_eq!(merged.removed, 1);
    // A copy whose missing decision has no tombstone removes nothing.
    let kept = merge_copy(&contents(vec![decision("z", "Z", 1)], vec![]), &contents(vec![], vec![]));
    assert_eq!(titles(&kept.contents), ["Z"]);
}

#[test]
fn absorbing_the_same_copy_twice_changes_nothing_the_second_time() {
    let mine = contents(vec![decision("a", "A", 1)], vec![("d", 4)]);
    let copy = contents(vec![decision("c", "C", 2), decision("a", "A newer", 6)], vec![]);
    let once = merge_copy(&mine, &copy);
    let twice = merge_copy(&once.contents, &copy);
    assert_eq!(once.contents, twice.contents);
    assert!(!twice.changed_mine());
}

#[test]
fn a_copy_that_edited_one_decision_is_taken_without_a_conflict_whatever_the_times() {
    // Both computers hold a; the other one edits it (with a clock far
    // behind), this one changes nothing.
    let start =
        Contents::descendant(&Contents::default(), Journal::new(vec![decision("a", "A", 100)]), &editor("here", 100));
    let mut edited = start.journal.clone();
    let mut changed = edited.decisions()[0].clone();
    changed.title = "A reviewed".into();
    changed.updated = at(1);
    edited.replace(changed);
    let copy = Contents::descendant(&start, edited, &editor("there", 1));
    let merged = merge_copy(&start, &copy);
    assert!(merged.conflicts.is_empty(), "only the copy edited it: {:?}", merged.conflicts);
    assert_eq!(titles(&merged.contents), ["A reviewed"]);
    assert_eq!(merged.changed, 1);
    // The other way round too: this computer's edit stays, silently.
    let merged = merge_copy(&copy, &start);
    assert!(merged.conflicts.is_empty());
    assert_eq!(titles(&merged.contents), ["A reviewed"]);
    assert!(!merged.changed_mine());
}

#[test]
fn a_deletion_descending_from_an_edit_wins_and_a_restore_descending_from_the_deletion_wins_back() {
    let start =
        Contents::descendant(&Contents::default(), Journal::new(vec![decision("a", "A", 5)]), &editor("here", 5));
    let deleted = Contents::descendant(&start, Journal::default(), &editor("here", 6));
    assert_eq!(deleted.deleted.len(), 1);
    let merged = merge_copy(&start, &deleted);
    assert!(titles(&merged.contents).is_empty(), "the deletion came after that version");
    // Restored on a computer whose clock is far behind the deletion.
    let restored = Contents::descendant(&deleted, start.journal.clone(), &editor("slow", 1));
    let merged = merge_copy(&deleted, &restored);
    assert_eq!(titles(&merged.contents), ["A"], "the restore is a later edit than the deletion");
    let merged = merge_copy(&restored, &deleted);
    assert_eq!(titles(&merged.contents), ["A"]);
}
