//! The coaching brief: what a period of decisions says, for a one-on-one with
//! one person or for yourself, as Markdown or as self-contained HTML with SVG
//! charts. Pure functions over the journal, free of any UI code.
//!
//! [`Brief::compute`] gathers the content; [`markdown`] and [`html`] render
//! it. With [`BriefRequest::redact`] every name in the journal becomes a
//! stable pseudonym ([`Pseudonyms`]) and notes are left out.

mod charts;
mod evidence;
mod html;
mod markdown;
pub mod palette;
mod questions;
mod redact;

pub use html::html;
pub use markdown::markdown;
pub use questions::Question;
pub use redact::{Pseudonyms, name_like_tag};

use jiff::ToSpan;
use jiff::civil::Date;

use crate::analysis::Filter;
use crate::analysis::outcomes::OutcomeEvidence;
use crate::analysis::{self, BalanceSeries, Bucketing, DateRange, Selection, Tally};
use crate::guidance::Guidance;
use crate::guidance::Judged as _;
use crate::model::decision::same_name;
use crate::model::{Decision, Journal, Situation, Style, review};

/// The formats a brief is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BriefFormat {
    /// Markdown text, to paste into any notes tool.
    Markdown,
    /// One self-contained HTML file that prints cleanly to PDF.
    Html,
}

impl BriefFormat {
    /// The brief in this format. Either may be printed to a terminal, and a
    /// journal written by an older Keel may hold control characters: they
    /// are shown escaped (`\e`…), line breaks and tabs kept.
    #[must_use]
    pub fn render(self, brief: &Brief) -> String {
        let text = match self {
            Self::Markdown => markdown(brief),
            Self::Html => html(brief),
        };
        match crate::model::decision::escape_control_lines(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(escaped) => escaped,
        }
    }

    /// The file extension: `md` or `html`.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
        }
    }
}

/// How many days a brief covers when no start is given.
pub const DEFAULT_DAYS: i32 = 30;

/// What to brief on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BriefRequest {
    /// The person the brief is about; `None` is "me": the whole journal.
    pub person: Option<String>,
    /// Further filters (style, situation, tag, search); its `since`/`until`
    /// set the period, `since` defaulting to [`DEFAULT_DAYS`] before `today`
    /// and `until` to `today`. Its `person` is ignored in favour of `person`.
    pub filter: Filter,
    /// Replace names by pseudonyms and leave notes out.
    pub redact: bool,
}

/// One decision as the brief lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefItem {
    /// The day of the decision.
    pub date: Date,
    /// Its title (names replaced when redacted).
    pub title: String,
    /// Its style.
    pub style: Option<Style>,
    /// What its situations called for.
    pub recommendation: Option<Style>,
    /// Its note; `None` when redacted or empty.
    pub note: Option<String>,
    /// The people involved (pseudonyms when redacted).
    pub people: Vec<String>,
    /// When it is to be reviewed, if a day was set.
    pub review_on: Option<Date>,
}

/// A recent review outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefOutcome {
    /// The decision.
    pub item: BriefItem,
    /// When it was reviewed.
    pub reviewed_on: Date,
    /// Better than expected, as expected, worse.
    pub result: String,
    /// The lesson written in the review, if any (names replaced when
    /// redacted, as in titles).
    pub lesson: Option<String>,
}

/// A development goal as the brief lists it ("What I am working on").
#[derive(Debug, Clone, PartialEq)]
pub struct BriefGoal {
    /// The goal's title (names replaced when redacted).
    pub title: String,
    /// Why it matters, when written (names replaced when redacted).
    pub why: Option<String>,
    /// The target in words ("fit rate at least 70%").
    pub target: String,
    /// The value so far in words ("62%", "1.5 a week").
    pub value: String,
    /// Where it stands ("on track", "too few decisions to tell").
    pub status: String,
    /// The titles of the decisions behind the value, most recent first
    /// (names replaced when redacted).
    pub decisions: Vec<String>,
}

/// Everything a brief says, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    /// Who it is about ("me", a name or a pseudonym).
    pub subject: String,
    /// Whether names were replaced and notes left out.
    pub redacted: bool,
    /// First day covered.
    pub since: Date,
    /// The day of the last brief about the same subject, when the period
    /// starts there.
    pub since_last_brief: Option<Date>,
    /// Last day covered.
    pub until: Date,
    /// The counts over the period.
    pub total: Tally,
    /// The Balance page's summary paragraph for the period.
    pub summary: String,
    /// How the balance moved, bucket by bucket.
    pub trend: String,
    /// Weekly for periods up to 13 weeks, else monthly.
    pub series: BalanceSeries,
    /// Every decision in the period, newest first.
    pub decisions: Vec<BriefItem>,
    /// The decisions whose style went against their situations (fit 0).
    pub against: Vec<BriefItem>,
    /// The situations met, with how often, most first.
    pub situations: Vec<(String, usize)>,
    /// Decisions (any date) whose review is due by the end of the period.
    pub reviews_due: Vec<BriefItem>,
    /// Reviews written in the period.
    pub outcomes: Vec<BriefOutcome>,
    /// Outcome evidence over every reviewed decision up to `until` (of the
    /// subject, with the other filters): whether following the guidance
    /// has gone better.
    pub evidence: OutcomeEvidence,
    /// Open talking points, carried until ticked off ("Name: text" in a
    /// brief about everyone).
    pub talking_points: Vec<String>,
    /// The goals running in the period: all of them in a brief about me,
    /// those about the person in a brief about someone.
    pub goals: Vec<BriefGoal>,
    /// Three to five reflection questions, each with the decisions it is
    /// about.
    pub questions: Vec<Question>,
    /// When redacted, what was replaced: (name, pseudonym, whether the name
    /// is only a tag). For the preview on the user's own screen; the
    /// Markdown and HTML copies never print it.
    pub replaced: Vec<(String, String, bool)>,
}

/// Where a brief about `person` (`None`: "me") starts by default, as of
/// `today`: the last day the last brief about them covered, before today (so
/// a brief made twice in one day covers the same period), else
/// [`DEFAULT_DAYS`] back. Also returns that last brief's day, if any.
#[must_use]
pub fn default_since(journal: &Journal, person: Option<&str>, today: Date) -> (Date, Option<Date>) {
    let last = journal.last_brief_before(person, today);
    (last.unwrap_or_else(|| today.saturating_sub(DEFAULT_DAYS.days())), last)
}

/// The people named in `journal` matching `given` loosely (substring either
/// way, or a small edit distance), for "did you mean" messages.
#[must_use]
pub fn close_names(journal: &Journal, given: &str) -> Vec<String> {
    let wanted = given.to_lowercase();
    journal
        .person_counts()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| {
            let lower = name.to_lowercase();
            lower.contains(&wanted)
                || wanted.contains(&lower)
                || strsim::levenshtein(&lower, &wanted) <= 1 + wanted.chars().count() / 4
        })
        .collect()
}

/// The exact spelling of `given` among the journal's people, if named there.
#[must_use]
pub fn known_name(journal: &Journal, given: &str) -> Option<String> {
    journal.person_counts().into_iter().map(|(name, _)| name).find(|name| same_name(name, given))
}

impl Brief {
    /// The brief for `request` over `journal`, as of `today`.
    #[must_use]
    pub fn compute(journal: &Journal, request: &BriefRequest, today: Date) -> Self {
        let until = request.filter.until.unwrap_or(today);
        let (default_since, last_brief) = default_since(journal, request.person.as_deref(), until.min(today));
        let since = request.filter.since.unwrap_or(default_since);
        let since_last_brief = last_brief.filter(|day| *day == since);
        let mut filter = request.filter.clone();
        filter.person.clone_from(&request.person);
        filter.since = Some(since);
        filter.until = Some(until);
        let names = Pseudonyms::of(journal);
        let show = |text: &str| if request.redact { names.redact_text(text) } else { text.to_owned() };
        let item = |decision: &Decision| BriefItem {
            date: decision.date,
            title: show(&decision.title),
            style: decision.style,
            recommendation: decision.recommendation(),
            note: (!request.redact && !decision.note.trim().is_empty()).then(|| decision.note.trim().to_owned()),
            people: decision
                .people
                .iter()
                .map(|p| if request.redact { names.pseudonym(p) } else { p.clone() })
                .collect(),
            review_on: decision.review_on,
        };

        let decisions = journal.decisions();
        let selection = Selection::new(journal, &filter);
        let mut chosen: Vec<&Decision> = selection.indices().map(|i| &decisions[i]).collect();
        chosen.sort_by_key(|d| std::cmp::Reverse(d.date));
        let total = selection.tally();
        let weeks = (until - since).get_days() / 7;
        let series = selection.series(if weeks > 13 { Bucketing::Month } else { Bucketing::Week });
        let range_label = DateRange { since: Some(since), until: Some(until) }.label();
        let summary = analysis::summary(&total, &selection.matrix(), &range_label);
        let trend = analysis::trend(&series);

        let mut situations: Vec<(Situation, usize)> = Vec::new();
        for decision in &chosen {
            for situation in &decision.situations {
                match situations.iter_mut().find(|(s, _)| s == situation) {
                    Some((_, n)) => *n += 1,
                    None => situations.push((*situation, 1)),
                }
            }
        }
        situations.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let guidance = Guidance::get();
        let situations =
            situations.into_iter().map(|(s, n)| (guidance.situation(s).label.clone(), n)).collect::<Vec<_>>();

        // Reviews are about the person's decisions of any date, not only
        // those of the period: a review due now may be of an older decision.
        let mut anytime = filter.clone();
        anytime.since = None;
        let involved: Vec<&Decision> = anytime.matching(decisions).map(|i| &decisions[i]).collect();
        let reviews_due: Vec<BriefItem> = involved
            .iter()
            .filter(|d| review::is_due(d.review_on, d.review.is_some(), until))
            .map(|d| item(d))
            .collect();
        let outcomes: Vec<BriefOutcome> = involved
            .iter()
            .filter_map(|d| {
                let review = d.review.as_ref()?;
                (review.reviewed_on >= since && review.reviewed_on <= until).then(|| BriefOutcome {
                    item: item(d),
                    reviewed_on: review.reviewed_on,
                    result: review.result.label().to_owned(),
                    lesson: Some(review.lesson.trim()).filter(|lesson| !lesson.is_empty()).map(show),
                })
            })
            .collect();

        let evidence = OutcomeEvidence::compute(involved.iter().copied());
        let against: Vec<BriefItem> =
            chosen.iter().filter(|d| d.fit().is_some_and(|fit| fit == 0.0)).map(|d| item(d)).collect();
        let due: Vec<&Decision> =
            involved.iter().copied().filter(|d| review::is_due(d.review_on, d.review.is_some(), until)).collect();
        let questions = questions::choose(&chosen, &total, &due, &|d: &Decision| show(&d.title));
        let subject = match &request.person {
            None => "me".to_owned(),
            Some(person) if request.redact => names.pseudonym(person),
            Some(person) => known_name(journal, person).unwrap_or_else(|| person.clone()),
        };
        Self {
            subject,
            redacted: request.redact,
            since,
            since_last_brief,
            until,
            total,
            summary,
            trend,
            series,
            decisions: chosen.iter().map(|d| item(d)).collect(),
            against,
            situations,
            reviews_due,
            outcomes,
            evidence,
            talking_points: open_points(journal, request.person.as_deref())
                .into_iter()
                .map(|(person, text)| match person {
                    Some(person) if request.redact => format!("{}: {}", names.pseudonym(&person), show(&text)),
                    Some(person) => format!("{person}: {text}"),
                    None => show(&text),
                })
                .collect(),
            goals: brief_goals(journal, request, since, until, &show),
            questions,
            replaced: if request.redact {
                names.replaced().map(|(name, pseudonym, tag)| (name.to_owned(), pseudonym.to_owned(), tag)).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// "Brief: Ana, 2026-03-01 to 2026-03-31".
    #[must_use]
    pub fn heading(&self) -> String {
        let who = if self.subject == "me" { "my decisions".to_owned() } else { self.subject.clone() };
        format!("Brief: {who}, {} to {}", self.since, self.until)
    }

    /// "Since the last brief, on 2026-03-01." when the period starts there.
    #[must_use]
    pub fn period_note(&self) -> Option<String> {
        self.since_last_brief.map(|day| format!("Covers the time since the last brief, on {day}."))
    }

    /// "12 decisions: 5 leadership, 4 management, 2 blend, 1 without a style".
    #[must_use]
    pub fn counts(&self) -> String {
        let t = &self.total;
        let untagged = if t.untagged > 0 { format!(", {} without a style", t.untagged) } else { String::new() };
        format!(
            "{}: {} leadership, {} management, {} blend{untagged}",
            crate::model::words::count(t.decisions, "decision", "decisions"),
            t.leadership,
            t.management,
            t.blend
        )
    }

    /// "Leadership share: 60%, on the 8 decisions with a situation 55%
    /// against a guided share of 45%, fit rate: 80%": the comparison with
    /// the guidance over the same decisions, as the summary and the charts
    /// make it.
    #[must_use]
    pub fn shares(&self) -> String {
        let part = |label: &str, share: Option<f64>| {
            share.map_or_else(|| format!("{label}: no data"), |s| format!("{label}: {}%", analysis::percent(s)))
        };
        let compared = match (self.total.compared_leadership_share(), self.total.compared_guided_share()) {
            // Every styled decision has a situation: one set, said once.
            (Some(_), Some(guided)) if self.total.fitted == self.total.styled() => {
                format!("guided share: {}%", analysis::percent(guided))
            }
            (Some(led), Some(guided)) => format!(
                "on the {} with a situation {}% against a guided share of {}%",
                crate::model::words::count(self.total.fitted, "decision", "decisions"),
                analysis::percent(led),
                analysis::percent(guided)
            ),
            _ => "guided share: no data".to_owned(),
        };
        [part("Leadership share", self.total.leadership_share()), compared, part("fit rate", self.total.fit_rate())]
            .join(", ")
    }
}

/// The goals a brief lists: active ones whose window meets the period;
/// in a brief about someone, only those about them. Their progress is as
/// of the period's last day.
fn brief_goals(
    journal: &Journal,
    request: &BriefRequest,
    since: Date,
    until: Date,
    show: &dyn Fn(&str) -> String,
) -> Vec<BriefGoal> {
    use crate::analysis::goals::{progress, target_words, value_words};
    journal
        .goals()
        .iter()
        .filter(|goal| goal.state() == crate::model::GoalState::Active && goal.from <= until && since <= goal.until)
        .filter(|goal| match &request.person {
            None => true,
            Some(person) => goal.person.as_deref().is_some_and(|about| same_name(about, person)),
        })
        .map(|goal| {
            let progress = progress(journal, goal, until);
            let mut behind: Vec<&Decision> = progress.decisions.iter().filter_map(|id| journal.get(id)).collect();
            behind.sort_by_key(|d| std::cmp::Reverse(d.date));
            BriefGoal {
                title: show(&goal.title),
                why: Some(goal.why.trim()).filter(|why| !why.is_empty()).map(show),
                target: target_words(goal),
                value: value_words(goal, progress.value),
                status: progress.status.label().to_owned(),
                decisions: behind.iter().map(|d| show(&d.title)).collect(),
            }
        })
        .collect()
}

/// The open talking points of `person` (text only), or of everyone ("me":
/// with the person's name).
fn open_points(journal: &Journal, person: Option<&str>) -> Vec<(Option<String>, String)> {
    match person {
        Some(person) => journal.open_points_for(person).into_iter().map(|p| (None, p.text.clone())).collect(),
        None => journal
            .talking_points()
            .iter()
            .filter(|p| p.done.is_none())
            .map(|p| (Some(p.person.clone()), p.text.clone()))
            .collect(),
    }
}

/// A style's label, or "no style".
fn style_label(style: Option<Style>) -> &'static str {
    style.map_or("no style", Style::label)
}

#[cfg(test)]
mod tests;
