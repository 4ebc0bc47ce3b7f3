//! The plain-language paragraph above the Balance charts and under
//! `keel stats`. Every number in it comes from the same [`Tally`] and
//! [`SituationStyleMatrix`] the charts draw.

use std::cmp::Ordering;

use crate::guidance::Side;
use crate::model::words::count;

use super::{SituationStyleMatrix, Tally};

/// A share (0…1) as a whole percentage, rounded half away from zero; the one
/// rounding used by the summary, the table and the charts' labels.
#[must_use]
pub fn percent(share: f64) -> u32 {
    let rounded = (share.clamp(0.0, 1.0) * 100.0).round();
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to 0..=100")]
    let whole = rounded as u32;
    whole
}

/// A share as "42%", or `missing` when there is none (no decisions to
/// count), for tables and sentences.
#[must_use]
pub fn percent_or(share: Option<f64>, missing: &str) -> String {
    share.map_or_else(|| missing.to_owned(), |share| format!("{}%", percent(share)))
}

/// A paragraph saying where the decisions leaned, what their situations
/// called for, how well the two fit, and where they went against a
/// situation's side. `range_label` opens it ("Last 3 months", "All time").
#[must_use]
pub fn summary(total: &Tally, matrix: &SituationStyleMatrix, range_label: &str) -> String {
    let n = total.decisions;
    if n == 0 {
        return format!("{range_label}: no decisions here yet, so there is no balance to show.");
    }
    let Some(share) = total.leadership_share() else {
        let those = if n == 1 { "it has no style" } else { "none of them has a style" };
        return format!(
            "{range_label}: {}, but {those} yet, so there is no balance to show. \
             Tag decisions as leadership, management or blend to see where you lean.",
            count(n, "decision", "decisions"),
        );
    };
    let styled = total.styled();
    let lead = percent(share);
    let subject = if styled == n {
        format!("your {}", count(n, "decision", "decisions"))
    } else {
        format!("the {styled} of your {} that have a style", count(n, "decision", "decisions"))
    };
    let leaning = match (lead.cmp(&50), styled) {
        (Ordering::Greater, _) => "leaned toward leading",
        (Ordering::Less, _) => "leaned toward managing",
        (Ordering::Equal, 1) => "was evenly balanced",
        (Ordering::Equal, _) => "were evenly balanced between leading and managing",
    };
    let mut sentences =
        vec![format!("{range_label}: {subject} {leaning}, a leadership share of {lead}% (blends count half).")];

    match (total.compared_leadership_share(), total.compared_guided_share()) {
        (Some(compared_lead), Some(guided)) => {
            // Both sides over the same decisions: those with a style and a
            // situation noted.
            let (compared_lead, guided) = (percent(compared_lead), percent(guided));
            let whose = if total.fitted == n {
                "The situations you noted".to_owned()
            } else {
                format!(
                    "On the {} with both a style and a situation, you led {compared_lead}%; their situations",
                    count(total.fitted, "decision", "decisions")
                )
            };
            let points = |gap: u32| count(gap as usize, "point", "points");
            let verdict = match compared_lead.cmp(&guided) {
                Ordering::Equal => "you were right on balance".to_owned(),
                Ordering::Greater => format!("you led more than they asked for, by {}", points(compared_lead - guided)),
                Ordering::Less => {
                    format!("you managed more than they asked for, by {}", points(guided - compared_lead))
                }
            };
            sentences.push(format!("{whose} called for {guided}%, so {verdict}."));
            let left_out = total.styled_without_guidance();
            if left_out > 0 {
                sentences.push(format!(
                    "{} no situation noted, so {} out of this comparison.",
                    match left_out {
                        1 => "One decision with a style has".to_owned(),
                        _ => format!("{left_out} decisions with a style have"),
                    },
                    if left_out == 1 { "it is left" } else { "they are left" }
                ));
            }
        }
        _ if total.recommended == 0 => {
            let them = if n == 1 { "It notes" } else { "None of them notes" };
            sentences.push(format!("{them} a situation, so there is no guidance to compare with."));
        }
        _ => sentences.push(
            "No decision has both a style and a situation, so there is nothing to compare with the guidance yet."
                .to_owned(),
        ),
    }
    if let Some(fit) = total.fit_rate() {
        sentences.push(format!("Your style fit the guidance at a rate of {}%.", percent(fit)));
    }

    let against = [
        (matrix.managed_against_leading, "managed", Side::Leadership, "favour leading"),
        (matrix.led_against_managing, "led", Side::Management, "favour managing"),
    ];
    let mut parts = Vec::new();
    for (decisions, verb, side, favour) in against {
        if let (true, Some(row)) = (decisions > 0, matrix.most_against(side)) {
            parts.push(format!(
                "{verb} {} in situations that {favour} (most often \u{201c}{}\u{201d})",
                count(decisions, "decision", "decisions"),
                row.label()
            ));
        }
    }
    match parts.as_slice() {
        [] if total.fitted > 0 => sentences.push("No decision went against its situations' side.".to_owned()),
        [] => {}
        [one] => sentences.push(format!("You {one}.")),
        [first, second, ..] => sentences.push(format!("You {first} and {second}.")),
    }
    sentences.join(" ")
}

/// One sentence on how the balance moved from bucket to bucket, e.g. "Week by
/// week: you leaned toward leading in 5 of the 9 weeks with decisions, toward
/// managing in 3; your leadership share ranged from 20% (week of 2026-03-02)
/// to 80% (week of 2026-05-04)." It depends on the bucketing, so switching
/// between weeks and months changes it.
#[must_use]
pub fn trend(series: &super::BalanceSeries) -> String {
    let (unit, units, lead_in) = match series.by {
        super::Bucketing::Week => ("week", "weeks", "Week by week"),
        super::Bucketing::Month => ("month", "months", "Month by month"),
    };
    let shares: Vec<(jiff::civil::Date, f64)> = series
        .buckets
        .iter()
        .filter_map(|bucket| bucket.leadership_share().map(|share| (bucket.start, share)))
        .collect();
    if shares.is_empty() {
        return format!("{lead_in}: no {unit} in this range has a decision with a style yet.");
    }
    if let [(_, share)] = shares.as_slice() {
        // "0 of the 1 week" reads badly: say what the one did.
        let leaning = match share.total_cmp(&0.5) {
            Ordering::Greater => "you leaned toward leading",
            Ordering::Less => "you leaned toward managing",
            Ordering::Equal => "you were evenly balanced",
        };
        return format!("{lead_in}: in the only {unit} with styled decisions {leaning} ({}%).", percent(*share));
    }
    let leaning_lead = shares.iter().filter(|(_, share)| *share > 0.5).count();
    let leaning_manage = shares.iter().filter(|(_, share)| *share < 0.5).count();
    let mut sentence = format!(
        "{lead_in}: you leaned toward leading in {leaning_lead} of the {} with styled decisions, toward managing in {leaning_manage}",
        count(shares.len(), unit, units)
    );
    let by_share = |a: &&(jiff::civil::Date, f64), b: &&(jiff::civil::Date, f64)| a.1.total_cmp(&b.1);
    if let (Some(low), Some(high)) = (shares.iter().min_by(by_share), shares.iter().max_by(by_share))
        && shares.len() > 1
    {
        let at = |date: jiff::civil::Date| match series.by {
            super::Bucketing::Week => format!("week of {date}"),
            super::Bucketing::Month => date.strftime("%B %Y").to_string(),
        };
        let range = format!(
            "; your leadership share ranged from {}% ({}) to {}% ({})",
            percent(low.1),
            at(low.0),
            percent(high.1),
            at(high.0)
        );
        sentence.push_str(&range);
    }
    sentence.push('.');
    sentence
}
