use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::*;
use crate::model::{DecisionDraft, Review, ReviewResult, TalkingPoint};

fn decision(day: Date, title: &str, style: Style, situations: &[Situation], people: &[&str], note: &str) -> Decision {
    DecisionDraft {
        title: title.into(),
        date: Some(day),
        note: note.into(),
        style: Some(style),
        situations: situations.to_vec(),
        people: people.iter().map(|p| (*p).to_owned()).collect(),
        ..DecisionDraft::default()
    }
    .into_new_decision(day, Timestamp::UNIX_EPOCH)
    .expect("valid")
}

/// A small journal: Ana, Bo and Chen over March 2026.
pub(crate) fn fixture() -> Journal {
    let mut reviewed = decision(
        date(2026, 2, 10),
        "Moved Bo to the platform team",
        Style::Blend,
        &[],
        &["Bo"],
        "Bo asked for a change of scene.",
    );
    reviewed.review = Some(Review {
        reviewed_on: date(2026, 3, 20),
        outcome: "Settled in quickly".into(),
        result: ReviewResult::Better,
        process: Some(4),
        lesson: "Ask Bo first next time someone moves".into(),
    });
    let mut due = decision(
        date(2026, 3, 2),
        "Let Ana run the retro format",
        Style::Leadership,
        &[Situation::CreativeDiscussion],
        &["Ana"],
        "Trusting her with it.",
    );
    due.review_on = Some(date(2026, 3, 25));
    let points = vec![
        TalkingPoint::new("Ana", "Ask Ana about the on-call rota", date(2026, 3, 1)),
        TalkingPoint { done: Some(date(2026, 3, 2)), ..TalkingPoint::new("Ana", "Done already", date(2026, 2, 1)) },
    ];
    Journal::new(vec![
        decision(
            date(2026, 1, 5),
            "Old planning call with Ana",
            Style::Management,
            &[Situation::TightDeadline],
            &["Ana"],
            "Too old for the brief.",
        ),
        reviewed,
        due,
        decision(
            date(2026, 3, 9),
            "Wrote Ana's on-call rota myself",
            Style::Management,
            &[Situation::ConfidentTeam, Situation::IndependentTeam],
            &["Ana", "Chen"],
            "Secret: I did not trust the rota Ana drafted.",
        ),
        decision(
            date(2026, 3, 16),
            "Deadline plan with Chen",
            Style::Management,
            &[Situation::TightDeadline],
            &["Chen"],
            "Chen owns the cut list.",
        ),
    ])
    .with_talking_points(points)
}

fn request(person: Option<&str>, redact: bool) -> BriefRequest {
    BriefRequest {
        person: person.map(str::to_owned),
        filter: Filter { since: Some(date(2026, 3, 1)), until: Some(date(2026, 3, 31)), ..Filter::default() },
        redact,
    }
}

#[test]
fn a_persons_brief_holds_their_decisions_in_range_only() {
    let brief = Brief::compute(&fixture(), &request(Some("ana"), false), date(2026, 3, 31));
    assert_eq!(brief.subject, "Ana");
    let titles: Vec<&str> = brief.decisions.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Wrote Ana's on-call rota myself", "Let Ana run the retro format"]);
    assert_eq!(brief.total.decisions, 2);
    let against: Vec<&str> = brief.against.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(against, ["Wrote Ana's on-call rota myself"]);
    assert_eq!(brief.talking_points, ["Ask Ana about the on-call rota"], "open points only");
    assert!(brief.against[0].note.as_deref().is_some_and(|n| n.contains("did not trust")));
    assert_eq!(brief.reviews_due.len(), 1);
    assert!(brief.questions.len() >= 3 && brief.questions.len() <= 5);
    let guidance = Guidance::get();
    let text_of = |id: &str| guidance.questions.iter().find(|q| q.trigger == id).map(|q| q.text.clone()).unwrap();
    let texts: Vec<&String> = brief.questions.iter().map(|q| &q.text).collect();
    assert!(texts.contains(&&text_of("management-in-leadership-situations")));
    assert!(texts.contains(&&text_of("against-guidance")));
}

#[test]
fn my_brief_covers_everyone_and_recent_outcomes() {
    let brief = Brief::compute(&fixture(), &request(None, false), date(2026, 3, 31));
    assert_eq!(brief.subject, "me");
    assert_eq!(brief.total.decisions, 3);
    assert_eq!(brief.outcomes.len(), 1, "the review written in March counts");
    let md = markdown(&brief);
    assert!(md.contains("## Against the guidance"));
    assert!(md.contains("Ana: Ask Ana about the on-call rota"));
}

#[test]
fn the_default_period_is_thirty_days_to_today() {
    let mut req = request(None, false);
    req.filter = Filter::default();
    let brief = Brief::compute(&fixture(), &req, date(2026, 3, 31));
    assert_eq!((brief.since, brief.until), (date(2026, 3, 1), date(2026, 3, 31)));
}

#[test]
fn redaction_leaves_no_name_and_no_note() {
    let journal = fixture();
    for person in [None, Some("Ana"), Some("Chen")] {
        let brief = Brief::compute(&journal, &request(person, true), date(2026, 3, 31));
        for text in [markdown(&brief), html(&brief)] {
            for name in Pseudonyms::of(&journal).names() {
                assert!(!contains_word(&text, name), "{name} in {text}");
            }
            for decision in journal.decisions() {
                assert!(!text.contains(&decision.note), "note {:?} in {text}", decision.note);
            }
        }
    }
    let brief = Brief::compute(&journal, &request(Some("Ana"), true), date(2026, 3, 31));
    assert_eq!(brief.subject, "Person A");
    assert_eq!(brief.talking_points, ["Ask Person A about the on-call rota"]);
}

#[test]
fn lessons_from_the_period_s_reviews_are_in_both_formats() {
    let brief = Brief::compute(&fixture(), &request(None, false), date(2026, 3, 31));
    let md = markdown(&brief);
    let lessons = md.split("## Lessons from reviews").nth(1).expect("a lessons section");
    assert!(lessons.contains("- Ask Bo first next time someone moves (*Moved Bo to the platform team*)"), "{md}");
    assert!(html(&brief).contains(
        "<h2>Lessons from reviews</h2><ul><li>Ask Bo first next time someone moves (<em>Moved Bo to the platform team</em>)</li></ul>"
    ));
    let redacted = Brief::compute(&fixture(), &request(None, true), date(2026, 3, 31));
    let text = markdown(&redacted);
    let lessons = text.split("## Lessons from reviews").nth(1).expect("a lessons section when redacted");
    assert!(lessons.contains("Ask Person ") && !lessons.contains("Bo "), "{lessons}");
    // A period with no review written has no such section.
    let before = Brief::compute(
        &fixture(),
        &BriefRequest {
            filter: Filter { since: Some(date(2026, 1, 1)), until: Some(date(2026, 1, 31)), ..Filter::default() },
            ..request(None, false)
        },
        date(2026, 3, 31),
    );
    assert!(!markdown(&before).contains("Lessons from reviews"));
}

#[test]
fn goals_running_in_the_period_are_what_i_am_working_on_and_a_person_s_brief_has_theirs() {
    use crate::model::{Goal, GoalKind};
    let mut journal = fixture();
    let mut about_ana = Goal::new(
        "Let Ana lead her own work",
        GoalKind::Share,
        date(2026, 3, 1),
        date(2026, 4, 30),
        Timestamp::UNIX_EPOCH,
    );
    about_ana.person = Some("Ana".into());
    about_ana.min_percent = Some(50);
    about_ana.why = "Ana is ready for more".into();
    let mut mine = Goal::new(
        "Hand off critical work",
        GoalKind::Practice,
        date(2026, 3, 1),
        date(2026, 4, 30),
        Timestamp::UNIX_EPOCH,
    );
    mine.style = Some(Style::Management);
    mine.per_week = Some(1);
    let mut over = mine.clone();
    over.id = "over".into();
    over.title = "Finished last year".into();
    over.until = date(2025, 12, 31);
    over.from = date(2025, 10, 1);
    journal.add_goal(about_ana);
    journal.add_goal(mine);
    journal.add_goal(over);

    let me = Brief::compute(&journal, &request(None, false), date(2026, 3, 31));
    let titles: Vec<&str> = me.goals.iter().map(|goal| goal.title.as_str()).collect();
    assert_eq!(titles, ["Let Ana lead her own work", "Hand off critical work"], "only goals running in the period");
    let md = markdown(&me);
    let section = md.split("## What I am working on").nth(1).expect("a goals section");
    // Ana's two March decisions, one led and one managed: 50 %, on two.
    assert!(
        section.contains(
            "- **Let Ana lead her own work**: leadership share at least 50%; so far 50% (too few decisions to tell)."
        ),
        "{section}"
    );
    assert!(section.contains("  _Ana is ready for more_"), "{section}");
    assert!(section.contains("Behind it: Wrote Ana's on-call rota myself; Let Ana run the retro format."), "{section}");
    assert!(html(&me).contains("<h2>What I am working on</h2>"));

    let ana = Brief::compute(&journal, &request(Some("ana"), false), date(2026, 3, 31));
    let titles: Vec<&str> = ana.goals.iter().map(|goal| goal.title.as_str()).collect();
    assert_eq!(titles, ["Let Ana lead her own work"], "a brief about Ana has the goal about her");

    let shared = Brief::compute(&journal, &request(Some("Ana"), true), date(2026, 3, 31));
    let text = markdown(&shared);
    let section = text.split("## What I am working on").nth(1).expect("kept when redacted");
    assert!(!contains_word(section, "Ana") && section.contains("Person A"), "{section}");
    let plain = Brief::compute(&fixture(), &request(None, false), date(2026, 3, 31));
    assert!(!markdown(&plain).contains("What I am working on"), "no goals, no section");
}

#[test]
fn close_names_find_near_misses() {
    let journal = fixture();
    assert_eq!(close_names(&journal, "chn"), ["Chen"]);
    assert_eq!(close_names(&journal, "an"), ["Ana"]);
    assert_eq!(known_name(&journal, "ANA").as_deref(), Some("Ana"));
    assert_eq!(known_name(&journal, "Zed"), None);
}

#[test]
fn html_is_self_contained() {
    let brief = Brief::compute(&fixture(), &request(Some("Ana"), false), date(2026, 3, 31));
    let page = html(&brief);
    for banned in ["http", "<link", "src=", "url("] {
        assert!(!page.contains(banned), "{banned}");
    }
    assert!(page.contains("<svg") && page.contains("@media print"));
    assert!(page.contains(&palette::hex(palette::style_rgb(Some(Style::Management), false))));
}

/// Whether `text` holds `word` (any case) as a whole word.
pub(crate) fn contains_word(text: &str, word: &str) -> bool {
    text.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == word.to_lowercase())
}

#[test]
fn markdown_snapshot() {
    let brief = Brief::compute(&fixture(), &request(Some("Ana"), false), date(2026, 3, 31));
    insta::assert_snapshot!("brief_ana_march", markdown(&brief));
    let shared = Brief::compute(&fixture(), &request(None, true), date(2026, 3, 31));
    insta::assert_snapshot!("brief_me_redacted_march", markdown(&shared));
}

#[test]
fn html_is_well_formed() {
    use quick_xml::events::Event;
    for req in [request(Some("Ana"), false), request(None, true)] {
        let page = html(&Brief::compute(&fixture(), &req, date(2026, 3, 31)));
        let mut reader = quick_xml::Reader::from_str(&page);
        let mut open: Vec<String> = Vec::new();
        loop {
            match reader.read_event().expect("well-formed") {
                Event::Start(tag) => open.push(String::from_utf8_lossy(tag.name().as_ref()).into_owned()),
                Event::End(tag) => {
                    let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
                    assert_eq!(open.pop().as_deref(), Some(name.as_str()), "closing {name}");
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(open.is_empty(), "unclosed: {open:?}");
    }
}

/// The `<svg>` elements of a page.
fn svg_elements(page: &str) -> Vec<&str> {
    page.match_indices("<svg").map(|(at, _)| &page[at..at + page[at..].find("</svg>").expect("closed")]).collect()
}

/// How many `<rect>`s of `svg` are filled with `rgb`.
fn rects_filled(svg: &str, rgb: palette::Rgb) -> usize {
    let fill = format!("fill=\"{}\"", palette::hex(rgb)).to_lowercase();
    svg.split("<rect").skip(1).filter(|rect| rect[..rect.find('>').unwrap_or(0)].to_lowercase().contains(&fill)).count()
}

#[test]
fn html_charts_draw_the_periods_in_the_app_colours() {
    let brief = Brief::compute(&fixture(), &request(None, false), date(2026, 3, 31));
    let page = html(&brief);
    let charts = svg_elements(&page);
    assert_eq!(charts.len(), 2, "the style mix and the shares");
    for chart in &charts {
        assert!(chart.contains("role=\"img\"") && chart.contains("aria-label=\""), "named for screen readers");
    }
    // One bar segment per period and style that has decisions.
    for (style, count) in [
        (Style::Leadership, brief.series.buckets.iter().filter(|b| b.tally.leadership > 0).count()),
        (Style::Blend, brief.series.buckets.iter().filter(|b| b.tally.blend > 0).count()),
        (Style::Management, brief.series.buckets.iter().filter(|b| b.tally.management > 0).count()),
    ] {
        assert!(count > 0 || style == Style::Blend, "the fixture has {style:?} decisions in March");
        assert_eq!(rects_filled(charts[0], palette::style_rgb(Some(style), false)), count, "{style:?} bars");
    }
    // The shares chart draws its lines in the app's colours.
    let lower = charts[1].to_lowercase();
    assert!(
        lower.contains(&format!("stroke=\"{}\"", palette::hex(palette::style_rgb(Some(Style::Leadership), false))))
    );
    assert!(lower.contains(&format!("stroke=\"{}\"", palette::hex(palette::guided_rgb(false)))));
}

#[test]
fn html_charts_of_an_empty_period_are_still_drawn() {
    let mut empty = request(None, false);
    empty.filter.since = Some(date(2020, 1, 1));
    empty.filter.until = Some(date(2020, 1, 31));
    let page = html(&Brief::compute(&fixture(), &empty, date(2026, 3, 31)));
    assert_eq!(svg_elements(&page).len(), 2);
}

#[test]
fn every_bar_lies_inside_the_chart_however_few_periods() {
    let attribute = |rect: &str, name: &str| -> f64 {
        let start = rect.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
        rect[start..start + rect[start..].find('"').expect("closed")].parse().expect("a number")
    };
    for (since, until, periods) in [
        (date(2026, 3, 9), date(2026, 3, 15), 1),
        (date(2026, 3, 9), date(2026, 3, 22), 2),
        (date(2026, 3, 1), date(2026, 3, 31), 6),
    ] {
        let mut req = request(None, false);
        req.filter.since = Some(since);
        req.filter.until = Some(until);
        let brief = Brief::compute(&fixture(), &req, date(2026, 3, 31));
        assert_eq!(brief.series.buckets.len(), periods);
        let page = html(&brief);
        let bars = svg_elements(&page)[0];
        let rects: Vec<&str> = bars.split("<rect").skip(1).map(|r| &r[..r.find('>').expect("closed")]).collect();
        assert!(!rects.is_empty() && brief.total.decisions > 0, "{periods} period(s): bars drawn");
        for rect in rects {
            let (x, width) = (attribute(rect, "x"), attribute(rect, "width"));
            assert!(width > 0.0 && x >= 0.0 && x + width <= 640.0, "{periods} period(s): {rect}");
        }
    }
}

/// The fixture and, with Chen in March 2026, reviewed decisions enough for
/// one claim: 6 crisis decisions managed (5 met) against 5 led (none met),
/// 2 tight-deadline decisions managed (both met), one training decision
/// blended (met).
fn reviewed_fixture() -> Journal {
    let mut journal = fixture();
    let mut add = |count: usize, day: i8, style: Style, situation: Situation, result: ReviewResult| {
        for _ in 0..count {
            let mut d = decision(date(2026, 3, day), "Reviewed call", style, &[situation], &["Chen"], "");
            d.id = crate::model::DecisionId::new_random();
            d.review = Some(Review {
                reviewed_on: date(2026, 3, 30),
                outcome: "It happened".into(),
                result,
                process: Some(4),
                lesson: String::new(),
            });
            journal.push(d);
        }
    };
    add(5, 3, Style::Management, Situation::Crisis, ReviewResult::Better);
    add(1, 4, Style::Management, Situation::Crisis, ReviewResult::Worse);
    add(5, 5, Style::Leadership, Situation::Crisis, ReviewResult::Worse);
    add(2, 6, Style::Management, Situation::TightDeadline, ReviewResult::AsExpected);
    add(1, 10, Style::Blend, Situation::Training, ReviewResult::Better);
    journal
}

#[test]
fn evidence_section_snapshot() {
    let brief = Brief::compute(&reviewed_fixture(), &request(None, false), date(2026, 3, 31));
    insta::assert_snapshot!("brief_evidence_me_march", evidence::markdown(&brief));
    let nothing = Brief::compute(&fixture(), &request(Some("Ana"), false), date(2026, 3, 31));
    insta::assert_snapshot!("brief_evidence_nothing_yet", evidence::markdown(&nothing));
}

#[test]
fn evidence_counts_every_review_up_to_the_end_of_the_period_for_the_subject() {
    let journal = reviewed_fixture();
    let mut april = request(Some("Chen"), false);
    april.filter.since = Some(date(2026, 4, 1));
    april.filter.until = Some(date(2026, 4, 30));
    let brief = Brief::compute(&journal, &april, date(2026, 4, 30));
    assert_eq!(brief.total.decisions, 0, "no decision in April");
    assert_eq!(brief.evidence.reviewed, 14, "Chen's March reviews still count");
    let early = Brief::compute(&journal, &request(Some("Ana"), false), date(2026, 3, 31));
    assert_eq!(early.evidence.reviewed, 0, "Ana has no reviewed decision with a situation");
    let md = markdown(&brief);
    assert!(md.contains(&format!("## {}", evidence::HEADING)));
    assert!(md.contains("From every reviewed decision with Chen up to 2026-04-30"));
}

#[test]
fn html_evidence_draws_a_range_per_reviewed_group() {
    let brief = Brief::compute(&reviewed_fixture(), &request(None, false), date(2026, 3, 31));
    let page = html(&brief);
    let charts = svg_elements(&page);
    assert_eq!(charts.len(), 3, "the style mix, the shares and the outcome ranges");
    let ranges = charts[2];
    assert!(ranges.contains("aria-label=\"Share of reviewed decisions that met what you expected"));
    // Followed and against have reviews, partly has one (blend in training):
    // a dot for each of the three.
    assert_eq!(ranges.matches("<circle").count(), 3);
    assert!(page.contains("Decisions that followed the guidance turned out better for you"));
    let nothing = html(&Brief::compute(&fixture(), &request(None, false), date(2026, 3, 31)));
    assert_eq!(svg_elements(&nothing).len(), 2, "no chart without evidence");
    assert!(nothing.contains("No decision with a situation has been reviewed yet"));
}

#[test]
fn a_name_only_tagged_is_redacted_and_the_preview_lists_it() {
    let mut journal = fixture();
    let mut tagged =
        decision(date(2026, 3, 20), "Asked Priya to run the demo", Style::Leadership, &[], &[], "Priya said yes.");
    tagged.tags = vec!["Priya".into(), "demo".into()];
    journal.push(tagged);
    let brief = Brief::compute(&journal, &request(None, true), date(2026, 3, 31));
    for text in [markdown(&brief), html(&brief)] {
        assert!(!contains_word(&text, "Priya"), "{text}");
        assert!(contains_word(&text, "demo"), "a topic tag is not a name: {text}");
        assert!(!text.contains("Replaced"), "the shared copy does not list the names: {text}");
    }
    let listed: Vec<(&str, bool)> = brief.replaced.iter().map(|(name, _, tag)| (name.as_str(), *tag)).collect();
    assert_eq!(listed, [("Ana", false), ("Bo", false), ("Chen", false), ("Priya", true)]);
    assert!(Brief::compute(&journal, &request(None, false), date(2026, 3, 31)).replaced.is_empty());
}

#[test]
fn the_markdown_brief_shows_html_and_unsafe_links_as_text() {
    let mut journal = fixture();
    journal.push(decision(
        date(2026, 3, 20),
        "<script>alert(1)</script> with <img src=x onerror=alert(1)>",
        Style::Leadership,
        &[],
        &["Ana"],
        "<iframe src=\"https://x\"></iframe> [click](javascript:alert(1)) [ok](https://example.org)",
    ));
    journal.talking_points_mut().push(TalkingPoint::new(
        "Ana",
        "[x](javascript:alert(2)) <b>bold</b>",
        date(2026, 3, 1),
    ));
    let md = markdown(&Brief::compute(&journal, &request(Some("Ana"), false), date(2026, 3, 31)));
    for live in ["<script", "<img", "<iframe", "<b>"] {
        assert!(!md.contains(live), "{live} in {md}");
    }
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
    assert!(!md.replace("\\]", "").replace("\\[", "").contains("](javascript:"), "{md}");
    assert!(md.contains("[ok](https://example.org)"), "{md}");
}

#[test]
fn a_printed_brief_keeps_each_heading_with_what_follows_it() {
    let page = html(&Brief::compute(&fixture(), &request(Some("Ana"), false), date(2026, 3, 31)));
    let print = &page[page.find("@media print").expect("print rules")..];
    // Both spellings: current engines read break-*, older PDF printers
    // (wkhtmltopdf's WebKit) only page-break-*.
    for rule in [
        "h1,h2,h3{break-after:avoid;page-break-after:avoid}",
        "h2+ul>li:first-child",
        "li,svg,table,.note,.legend{break-inside:avoid;page-break-inside:avoid}",
    ] {
        assert!(print.contains(rule), "{rule}");
    }
    // Every section heading is followed by its content, never left last.
    assert!(!page.contains("</h2></body>"));
}

#[test]
fn joined_and_possessive_names_do_not_survive_a_redacted_brief() {
    let mut journal = fixture();
    journal.push(decision(
        date(2026, 3, 20),
        "PriyaSharma and JoLi took Priyas job, PRIYA's idea, like Priya's",
        Style::Leadership,
        &[],
        &["Priya Sharma", "Jo Li"],
        "",
    ));
    journal.talking_points_mut().push(TalkingPoint::new("Jo Li", "Ask JoLi about Priyas job", date(2026, 3, 1)));
    let brief = Brief::compute(&journal, &request(None, true), date(2026, 3, 31));
    for text in [markdown(&brief), html(&brief)] {
        for leaked in ["PriyaSharma", "JoLi", "Priyas", "Priya", "Sharma"] {
            assert!(!contains_word(&text, leaked), "{leaked} in {text}");
        }
        // In their own case: HTML has <li> elements.
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        assert!(!words.contains(&"Jo") && !words.contains(&"Li"), "{text}");
        assert!(!text.contains("Priya's"), "{text}");
        // Ordinary words that hold a short name inside are left alone.
        assert!(contains_word(&text, "job") && contains_word(&text, "like"), "{text}");
    }
}

#[test]
fn a_brief_never_prints_a_control_character_an_older_journal_holds() {
    let mut journal = fixture();
    // As an older Keel may have stored it, past today's checks.
    let mut raw = decision(date(2026, 3, 20), "Plain title", Style::Leadership, &[], &["Ana"], "");
    raw.title = "Title \u{1b}]0;owned\u{7} \u{9b}2J".into();
    raw.note = "Line one\n\tLine two \u{1b}[31mred".into();
    journal.push(raw);
    for format in [BriefFormat::Markdown, BriefFormat::Html] {
        let text = format.render(&Brief::compute(&journal, &request(Some("Ana"), false), date(2026, 3, 31)));
        assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{text:?}");
        // (Markdown's own escape adds a backslash before the bracket.)
        assert!(text.contains("\\e") && text.contains("0;owned\\a"), "shown escaped: {text}");
    }
}

#[test]
fn the_brief_compares_with_the_guidance_over_the_decisions_that_have_a_situation() {
    let day = date(2026, 3, 20);
    let journal = Journal::new(vec![
        decision(day, "Handed the rota to the team", Style::Leadership, &[Situation::ConfidentTeam], &[], ""),
        decision(day, "Set the deadline plan", Style::Management, &[Situation::TightDeadline], &[], ""),
        decision(day, "Chose the offsite venue", Style::Leadership, &[], &[], ""),
    ]);
    let brief = Brief::compute(&journal, &request(None, false), date(2026, 3, 31));
    // All three styled: 67% led; the two with a situation: 50% led against
    // 50% called for, the numbers the gap is made of.
    assert_eq!(
        brief.shares(),
        "Leadership share: 67%, on the 2 decisions with a situation 50% against a guided share of 50%, fit rate: 100%"
    );
}
