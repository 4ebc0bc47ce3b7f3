//! Merging the talking points of two copies of a journal, by id, three
//! ways. Points carry no version: they are short notes ticked off once, so
//! a simpler rule than decisions' ancestry ([`super::merge`]) keeps what
//! either side wrote.
//!
//! Layer 1, the format, beside [`super::merge`]: no file access.

use crate::model::TalkingPoint;

/// Merges talking points by id, three ways: a point changed on one side only
/// takes that side; one removed on a side and unchanged on the other stays
/// removed; changed on both, mine wins. Mine's order, then theirs' new ones.
pub(super) fn merge_points(base: &[TalkingPoint], mine: &[TalkingPoint], theirs: &[TalkingPoint]) -> Vec<TalkingPoint> {
    let find = |list: &[TalkingPoint], id: &str| list.iter().find(|p| p.id == id).cloned();
    let mut ids: Vec<&str> = Vec::new();
    for point in mine.iter().chain(theirs).chain(base) {
        if !ids.contains(&point.id.as_str()) {
            ids.push(&point.id);
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let (b, m, t) = (find(base, id), find(mine, id), find(theirs, id));
            if m == t || t == b {
                m
            } else if m == b {
                t
            } else {
                match (m, t) {
                    // Ticked off on one side only (a copy with no known
                    // base, or both edited): ticked off stays ticked off.
                    (Some(mine), Some(theirs)) if mine.done.is_none() && theirs.done.is_some() => Some(theirs),
                    (m, t) => m.or(t),
                }
            }
        })
        .collect()
}
