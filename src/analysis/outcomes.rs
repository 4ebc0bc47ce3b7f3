//! Outcome evidence: does following the guidance go better for this person,
//! and in which situations? Joins the reviews to the fit (DESIGN.md,
//! "Outcome evidence"), with honest uncertainty.
//!
//! # Definitions (one everywhere: UI, CLI, brief, tests)
//!
//! - A decision **counts** when it has a review and a recommendation.
//! - It **met** its expectation when the review's result is better or as
//!   expected.
//! - Fit groups, from [`guidance::fit`]: **followed** (1), **partly** (0.5),
//!   **against** (0). A counted decision without a style has no fit, so it
//!   sits in no group and no cell ([`OutcomeEvidence::unstyled`] says how
//!   many).
//! - Each group and each (situation, style) cell has: reviewed, met, the met
//!   rate with its 95 % Wilson score interval ([`wilson`], z = 1.96), and
//!   the mean process rating where rated. A decision in several situations
//!   counts in each of their cells.
//! - A difference is **claimed** only when both sides have at least
//!   [`MIN_REVIEWS_PER_SIDE`] reviews and their intervals do not overlap;
//!   otherwise the finding says there are too few reviews to tell, and how
//!   many more of each would help ([`Verdict::TooFew`]).

use crate::guidance::{self, Guidance, Side};
use crate::model::{Decision, Situation, Style};

/// The normal quantile for a two-sided 95 % interval.
pub const Z_95: f64 = 1.96;

/// Fewest reviews each side of a comparison needs before a difference is
/// claimed.
pub const MIN_REVIEWS_PER_SIDE: usize = 5;

/// Most extra reviews per side the "how many more would help" estimate
/// looks at; beyond that it says the rates are too close to part.
const MOST_EXTRA_REVIEWS: usize = 500;

/// How a decision's style sat with the guidance's recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FitGroup {
    /// The style was the recommended one (fit 1).
    Followed,
    /// One of style and recommendation was a blend (fit 0.5).
    Partly,
    /// Led where managing was called for, or the reverse (fit 0).
    Against,
}

impl FitGroup {
    /// The three groups, in the order every view lists them.
    pub const ALL: [Self; 3] = [Self::Followed, Self::Partly, Self::Against];

    /// The stable id used in JSON: `followed`, `partly`, `against`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Followed => "followed",
            Self::Partly => "partly",
            Self::Against => "against",
        }
    }

    /// A short label for axes and tables.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Followed => "Followed the guidance",
            Self::Partly => "Partly followed it",
            Self::Against => "Went against it",
        }
    }

    /// What the decisions of the group did, to follow "decisions that…".
    #[must_use]
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Followed => "followed the guidance",
            Self::Partly => "partly followed it",
            Self::Against => "went against it",
        }
    }

    /// The group of a fit (see [`guidance::fit`]).
    #[must_use]
    pub fn of(fit: f64) -> Self {
        if fit >= 1.0 {
            Self::Followed
        } else if fit > 0.0 {
            Self::Partly
        } else {
            Self::Against
        }
    }
}

/// A 95 % range for a share, both ends 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lower bound.
    pub low: f64,
    /// The upper bound.
    pub high: f64,
}

impl Interval {
    /// Whether the two ranges share any value.
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.low <= other.high && other.low <= self.high
    }

    /// "57–98 %".
    #[must_use]
    pub fn words(&self) -> String {
        format!("{}\u{2013}{} %", super::percent(self.low), super::percent(self.high))
    }
}

/// The 95 % Wilson score interval for `met` successes in `reviewed` trials;
/// `None` when nothing was reviewed.
#[must_use]
pub fn wilson(met: usize, reviewed: usize) -> Option<Interval> {
    (reviewed > 0).then(|| wilson_of_rate(met as f64 / reviewed as f64, reviewed as f64))
}

/// The Wilson interval of a rate observed over `n` trials (`n` may be a
/// projected, fractional count).
fn wilson_of_rate(rate: f64, n: f64) -> Interval {
    let z2 = Z_95 * Z_95;
    let denominator = 1.0 + z2 / n;
    let centre = (rate + z2 / (2.0 * n)) / denominator;
    let half = Z_95 / denominator * (rate * (1.0 - rate) / n + z2 / (4.0 * n * n)).sqrt();
    Interval { low: (centre - half).max(0.0), high: (centre + half).min(1.0) }
}

/// The reviews of one group or cell.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OutcomeRow {
    /// Reviewed decisions.
    pub reviewed: usize,
    /// Of those, how many met the expectation.
    pub met: usize,
    /// Reviews that rated the process.
    pub process_rated: usize,
    /// Sum of those ratings (1–5 each).
    process_sum: usize,
}

impl OutcomeRow {
    pub(super) fn add(&mut self, met: bool, process: Option<u8>) {
        self.reviewed += 1;
        self.met += usize::from(met);
        if let Some(score) = process {
            self.process_rated += 1;
            self.process_sum += usize::from(score);
        }
    }

    /// `met / reviewed`; `None` when nothing was reviewed.
    #[must_use]
    pub fn met_rate(&self) -> Option<f64> {
        (self.reviewed > 0).then(|| self.met as f64 / self.reviewed as f64)
    }

    /// The 95 % Wilson interval of the met rate.
    #[must_use]
    pub fn interval(&self) -> Option<Interval> {
        wilson(self.met, self.reviewed)
    }

    /// The mean process rating, 1–5, over the reviews that rated it.
    #[must_use]
    pub fn mean_process(&self) -> Option<f64> {
        (self.process_rated > 0).then(|| self.process_sum as f64 / self.process_rated as f64)
    }

    /// "8 of 9 met (95 % range 57–98 %)", or "none reviewed".
    #[must_use]
    pub fn words(&self) -> String {
        match self.interval() {
            Some(interval) => format!("{} of {} met (95 % range {})", self.met, self.reviewed, interval.words()),
            None => "none reviewed".to_owned(),
        }
    }
}

/// One fit group's reviews.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitRow {
    /// Which group.
    pub group: FitGroup,
    /// Its reviews.
    pub row: OutcomeRow,
}

/// The reviews of decisions made in one style in one situation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellRow {
    /// The situation.
    pub situation: Situation,
    /// The style.
    pub style: Style,
    /// Its reviews.
    pub row: OutcomeRow,
}

/// What a comparison of two sides allows saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The first side met its expectations more often, beyond doubt at 95 %.
    FirstBetter,
    /// The second side did.
    SecondBetter,
    /// Too few reviews to tell. `more_first`/`more_second`: how many more
    /// reviews of each side would be likely to tell, if the rates seen so
    /// far hold; `None` when the rates are too close, or when a side has
    /// fewer than the minimum (its rate is too loose to project from; then
    /// only the minimum is known: see `at_least_*`).
    TooFew {
        /// At least this many more of the first side are needed
        /// ([`MIN_REVIEWS_PER_SIDE`] each).
        at_least_first: usize,
        /// At least this many more of the second side.
        at_least_second: usize,
        /// The estimate for the first side, when the rates allow one.
        more_first: Option<usize>,
        /// The estimate for the second side.
        more_second: Option<usize>,
    },
}

impl Verdict {
    /// Whether a difference is claimed.
    #[must_use]
    pub fn is_claim(self) -> bool {
        matches!(self, Self::FirstBetter | Self::SecondBetter)
    }
}

/// Compares two sides by the rule: a difference only with enough reviews on
/// each side and intervals that do not overlap.
#[must_use]
pub fn compare(first: &OutcomeRow, second: &OutcomeRow) -> Verdict {
    if let (Some(a), Some(b)) = (first.interval(), second.interval())
        && first.reviewed >= MIN_REVIEWS_PER_SIDE
        && second.reviewed >= MIN_REVIEWS_PER_SIDE
        && !a.overlaps(&b)
    {
        return if a.low > b.high { Verdict::FirstBetter } else { Verdict::SecondBetter };
    }
    let at_least_first = MIN_REVIEWS_PER_SIDE.saturating_sub(first.reviewed);
    let at_least_second = MIN_REVIEWS_PER_SIDE.saturating_sub(second.reviewed);
    // A rate from fewer than the minimum is too loose to project from.
    let projectable = at_least_first == 0 && at_least_second == 0;
    let rates = first.met_rate().zip(second.met_rate()).filter(|_| projectable);
    let estimate = rates.and_then(|(rate_a, rate_b)| {
        (0..=MOST_EXTRA_REVIEWS).find_map(|extra| {
            let n_a = (first.reviewed + at_least_first + extra) as f64;
            let n_b = (second.reviewed + at_least_second + extra) as f64;
            (!wilson_of_rate(rate_a, n_a).overlaps(&wilson_of_rate(rate_b, n_b)))
                .then_some((at_least_first + extra, at_least_second + extra))
        })
    });
    Verdict::TooFew {
        at_least_first,
        at_least_second,
        more_first: estimate.map(|(a, _)| a),
        more_second: estimate.map(|(_, b)| b),
    }
}

/// What a finding compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Two fit groups.
    Fit(FitGroup, FitGroup),
    /// In one situation, the style it calls for against the opposite one.
    Situation(Situation),
}

/// One comparison and what it allows saying, in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What is compared.
    pub subject: Subject,
    /// The first side's reviews.
    pub first: OutcomeRow,
    /// The second side's reviews.
    pub second: OutcomeRow,
    /// The rule's verdict.
    pub verdict: Verdict,
    /// The finding in plain words.
    pub sentence: String,
    /// For too few reviews, how many more of each would help; else empty.
    pub help: String,
}

impl Finding {
    /// The verdict alone, short, for a place that already shows the numbers
    /// (the Guide page): "So far management has gone better for you here,
    /// as the guidance says." or "Too few reviews to tell yet. At least …".
    #[must_use]
    pub fn short_verdict(&self) -> String {
        let styles = match self.subject {
            Subject::Situation(situation) => {
                let called_for = Guidance::get().situation(situation).side.style();
                let other = if called_for == Style::Leadership { Style::Management } else { Style::Leadership };
                Some((called_for.id(), other.id()))
            }
            Subject::Fit(..) => None,
        };
        match (self.verdict, styles) {
            (Verdict::FirstBetter, Some((called_for, _))) => {
                format!("So far {called_for} has gone better for you here, as the guidance says.")
            }
            (Verdict::SecondBetter, Some((_, other))) => {
                format!("So far {other} has gone better for you here, against the guidance.")
            }
            (Verdict::TooFew { .. }, _) => format!("Too few reviews to tell yet. {}", self.help).trim_end().to_owned(),
            (_, None) => self.sentence.clone(),
        }
    }
}

/// Everything the evidence says over a set of decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeEvidence {
    /// Decisions that count: reviewed, with a recommendation.
    pub reviewed: usize,
    /// Of those, the ones without a style (no fit, so in no group).
    pub unstyled: usize,
    /// Followed, partly, against: always all three.
    pub by_fit: [FitRow; 3],
    /// Cells with at least one review, in the guidance's situation order,
    /// then leadership, blend, management.
    pub by_situation_style: Vec<CellRow>,
    /// Followed against went-against, followed against partly (when any
    /// partly is reviewed), then each situation with a review.
    pub findings: Vec<Finding>,
}

impl OutcomeEvidence {
    /// The evidence over `decisions` (typically a filtered journal).
    #[must_use]
    pub fn compute<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Self {
        let mut by_fit = FitGroup::ALL.map(|group| FitRow { group, row: OutcomeRow::default() });
        let mut cells = [[OutcomeRow::default(); 3]; Situation::ALL.len()];
        let (mut reviewed, mut unstyled) = (0, 0);
        for decision in decisions {
            let Some(review) = &decision.review else { continue };
            let recommendation = guidance::recommend(&decision.situations);
            if recommendation.is_none() {
                continue;
            }
            reviewed += 1;
            let met = review.result.met_expectation();
            let Some(style) = decision.style else {
                unstyled += 1;
                continue;
            };
            if let Some(fit) = guidance::fit(Some(style), recommendation) {
                let group = FitGroup::of(fit);
                if let Some(row) = by_fit.iter_mut().find(|row| row.group == group) {
                    row.row.add(met, review.process);
                }
            }
            let column = style_column(style);
            // A situation listed twice (only a hand-edited file can) counts once.
            let mut seen = [false; Situation::ALL.len()];
            for situation in &decision.situations {
                let index = *situation as usize;
                if !seen[index] {
                    seen[index] = true;
                    cells[index][column].add(met, review.process);
                }
            }
        }
        let guidance = Guidance::get();
        let by_situation_style: Vec<CellRow> = guidance
            .situations
            .iter()
            .flat_map(|guide| {
                Style::ALL.into_iter().map(move |style| CellRow {
                    situation: guide.id,
                    style,
                    row: cells[guide.id as usize][style_column(style)],
                })
            })
            .filter(|cell| cell.row.reviewed > 0)
            .collect();
        let mut evidence = Self { reviewed, unstyled, by_fit, by_situation_style, findings: Vec::new() };
        evidence.findings = evidence.find();
        evidence
    }

    /// The reviews of one fit group.
    #[must_use]
    pub fn group(&self, group: FitGroup) -> OutcomeRow {
        self.by_fit.iter().find(|row| row.group == group).map(|row| row.row).unwrap_or_default()
    }

    /// The reviews of one (situation, style) cell (empty when none).
    #[must_use]
    pub fn cell(&self, situation: Situation, style: Style) -> OutcomeRow {
        self.by_situation_style
            .iter()
            .find(|cell| cell.situation == situation && cell.style == style)
            .map(|cell| cell.row)
            .unwrap_or_default()
    }

    /// The finding about one situation, if it has any review.
    #[must_use]
    pub fn situation_finding(&self, situation: Situation) -> Option<&Finding> {
        self.findings.iter().find(|finding| finding.subject == Subject::Situation(situation))
    }

    /// The sentences of the findings that claim a difference.
    pub fn claims(&self) -> impl Iterator<Item = &str> {
        self.findings.iter().filter(|finding| finding.verdict.is_claim()).map(|finding| finding.sentence.as_str())
    }

    /// "8 of 9 decisions that followed the guidance met what you expected
    /// (95 % range 56–98 %)", or "No reviewed decision went against it".
    #[must_use]
    pub fn group_words(&self, group: FitGroup) -> String {
        let mut words = fit_side(group, &self.group(group));
        if let Some(first) = words.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        words
    }

    /// "In your journal: management 7 of 8 met (95 % range 53–98 %),
    /// leadership 2 of 5 met (…)": every style with a review in `situation`,
    /// the one it calls for first; `None` when none is reviewed.
    #[must_use]
    pub fn situation_line(&self, situation: Situation) -> Option<String> {
        let called_for = Guidance::get().situation(situation).side.style();
        let mut styles = vec![called_for];
        styles.extend(Style::ALL.into_iter().rev().filter(|style| *style != called_for));
        let parts: Vec<String> = styles
            .into_iter()
            .map(|style| (style, self.cell(situation, style)))
            .filter(|(_, row)| row.reviewed > 0)
            .map(|(style, row)| format!("{} {}", style.id(), row.words()))
            .collect();
        (!parts.is_empty()).then(|| format!("In your journal: {}.", parts.join(", ")))
    }

    /// The findings for a page with little room: each about the fit groups,
    /// each situation that allows a claim, and one sentence naming the
    /// situations with too few reviews to tell.
    #[must_use]
    pub fn condensed(&self) -> Vec<String> {
        let mut sentences: Vec<String> = self
            .findings
            .iter()
            .filter(|f| matches!(f.subject, Subject::Fit(..)) || f.verdict.is_claim())
            .map(|f| f.sentence.clone())
            .collect();
        let guidance = Guidance::get();
        let undecided: Vec<String> = self
            .findings
            .iter()
            .filter_map(|f| match f.subject {
                Subject::Situation(situation) if !f.verdict.is_claim() => {
                    Some(lower_first(&guidance.situation(situation).label))
                }
                _ => None,
            })
            .collect();
        match undecided.as_slice() {
            [] => {}
            [one] => sentences.push(format!(
                "When {one}, there are too few reviews yet to tell the styles apart; the Guide page shows the numbers."
            )),
            many => sentences.push(format!(
                "In {} situations there are too few reviews yet to tell the styles apart ({}); the Guide page shows \
                 the numbers for each.",
                many.len(),
                many.join("; ")
            )),
        }
        sentences
    }

    /// A one-line overview: how many reviews count, and how they split.
    #[must_use]
    pub fn overview(&self) -> String {
        if self.reviewed == 0 {
            return "No decision with a situation has been reviewed yet, so there is nothing to weigh the guidance against. \
                    Review decisions that name their situations to see whether following the guidance works for you."
                .to_owned();
        }
        let [followed, partly, against] = self.by_fit.map(|row| row.row.reviewed);
        let mut text = format!(
            "{} with guidance: {followed} followed it, {partly} partly, {against} went against it.",
            crate::model::words::count(self.reviewed, "reviewed decision", "reviewed decisions"),
        );
        if self.unstyled > 0 {
            let verb = crate::model::words::noun(self.unstyled, "is", "are");
            text = format!("{text} {} without a style {verb} left out of the comparison.", self.unstyled);
        }
        text
    }

    fn find(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut fit_pair = |first: FitGroup, second: FitGroup| {
            let (a, b) = (self.group(first), self.group(second));
            let verdict = compare(&a, &b);
            let help = more_needed(
                verdict,
                &|n| format!("{n} more reviewed {} that {}", decisions_word(n), first.phrase()),
                &|n| format!("{n} more that {}", second.phrase()),
                &|n| format!("{n} more reviewed {} that {}", decisions_word(n), second.phrase()),
            );
            findings.push(Finding {
                subject: Subject::Fit(first, second),
                first: a,
                second: b,
                verdict,
                sentence: fit_sentence(first, &a, second, &b, verdict, &help),
                help,
            });
        };
        if self.group(FitGroup::Followed).reviewed + self.group(FitGroup::Against).reviewed > 0 {
            fit_pair(FitGroup::Followed, FitGroup::Against);
        }
        if self.group(FitGroup::Partly).reviewed > 0 {
            fit_pair(FitGroup::Followed, FitGroup::Partly);
        }
        for guide in &Guidance::get().situations {
            let called_for = guide.side.style();
            let other = match guide.side {
                Side::Leadership => Style::Management,
                Side::Management => Style::Leadership,
            };
            let (a, b) = (self.cell(guide.id, called_for), self.cell(guide.id, other));
            if a.reviewed + b.reviewed == 0 {
                continue;
            }
            let verdict = compare(&a, &b);
            let when = lower_first(&guide.label);
            let (lead, rest) = (called_for.id(), other.id());
            let help = more_needed(
                verdict,
                &|n| format!("{n} more reviewed {lead} {}", decisions_word(n)),
                &|n| format!("{n} more {rest} {}", crate::model::words::noun(n, "one", "ones")),
                &|n| format!("{n} more reviewed {rest} {}", decisions_word(n)),
            );
            findings.push(Finding {
                subject: Subject::Situation(guide.id),
                first: a,
                second: b,
                verdict,
                sentence: situation_sentence(&when, called_for, &a, other, &b, verdict, &help),
                help,
            });
        }
        findings
    }
}

/// The position of a style in [`Style::ALL`] (leadership, blend, management).
fn style_column(style: Style) -> usize {
    match style {
        Style::Leadership => 0,
        Style::Blend => 1,
        Style::Management => 2,
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect())
}

/// "decision" or "decisions".
fn decisions_word(n: usize) -> &'static str {
    crate::model::words::noun(n, "decision", "decisions")
}

/// What would help, for a too-few verdict. `first(n)` names n more of the
/// first side in full ("4 more reviewed decisions that followed the
/// guidance"), `second(n)` the second side after "and" ("6 more that went
/// against it"), `second_alone(n)` the second side on its own.
fn more_needed(
    verdict: Verdict,
    first: &dyn Fn(usize) -> String,
    second: &dyn Fn(usize) -> String,
    second_alone: &dyn Fn(usize) -> String,
) -> String {
    let Verdict::TooFew { at_least_first, at_least_second, more_first, more_second } = verdict else {
        return String::new();
    };
    let pair = |a: usize, b: usize| match (a, b) {
        (0, b) => second_alone(b),
        (a, 0) => first(a),
        (a, b) => format!("{} and {}", first(a), second(b)),
    };
    match (more_first, more_second) {
        (Some(a), Some(b)) => format!("If the rates so far hold, about {} would tell.", pair(a, b)),
        _ if at_least_first + at_least_second > 0 => {
            format!("At least {} are needed before anything can be said.", pair(at_least_first, at_least_second))
        }
        _ => "The two rates are so close that many more reviews would be needed to tell them apart.".to_owned(),
    }
}

/// "8 of 9 decisions that followed the guidance met what you expected (95 %
/// range 57–98 %)", or "no reviewed decision followed the guidance".
fn fit_side(group: FitGroup, row: &OutcomeRow) -> String {
    match row.interval() {
        Some(interval) => format!(
            "{} of {} {} that {} met what you expected (95 % range {})",
            row.met,
            row.reviewed,
            decisions_word(row.reviewed),
            group.phrase(),
            interval.words()
        ),
        None => format!("no reviewed decision {}", group.phrase()),
    }
}

/// The shorter second side: "1 of 6 that went against it (4–58 %)".
fn fit_side_short(group: FitGroup, row: &OutcomeRow) -> String {
    match row.interval() {
        Some(interval) => format!("{} of {} that {} ({})", row.met, row.reviewed, group.phrase(), interval.words()),
        None => format!("no reviewed decision {}", group.phrase()),
    }
}

fn fit_sentence(
    first: FitGroup,
    a: &OutcomeRow,
    second: FitGroup,
    b: &OutcomeRow,
    verdict: Verdict,
    help: &str,
) -> String {
    match verdict {
        Verdict::FirstBetter | Verdict::SecondBetter => {
            let ((winner, w), (loser, l)) =
                if verdict == Verdict::FirstBetter { ((first, a), (second, b)) } else { ((second, b), (first, a)) };
            format!(
                "Decisions that {} turned out better for you than those that {}: {}, against {}.",
                winner.phrase(),
                loser.phrase(),
                fit_side(winner, w),
                fit_side_short(loser, l)
            )
        }
        Verdict::TooFew { .. } => format!(
            "Too few reviews yet to tell whether decisions that {} turn out better than those that {}: {}; {}. {help}",
            first.phrase(),
            second.phrase(),
            fit_side(first, a),
            fit_side_short(second, b),
        ),
    }
}

fn situation_sentence(
    when: &str,
    called_for: Style,
    a: &OutcomeRow,
    other: Style,
    b: &OutcomeRow,
    verdict: Verdict,
    help: &str,
) -> String {
    let (lead, rest) = (called_for.id(), other.id());
    let numbers = format!("{lead} {}, {rest} {}", a.words(), b.words());
    match verdict {
        Verdict::FirstBetter => {
            format!("When {when}, {lead} met what you expected more often than {rest}: {numbers}.")
        }
        Verdict::SecondBetter => format!(
            "When {when}, {rest} met what you expected more often than {lead}, though the guidance calls for {lead}: {numbers}."
        ),
        Verdict::TooFew { .. } => {
            format!("When {when}, there are too few reviews to tell {lead} from {rest}: {numbers}. {help}")
        }
    }
}

#[cfg(test)]
mod tests;
