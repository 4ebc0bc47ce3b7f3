//! The Balance page: where the user has leaned lately and whether that
//! matched their situations. The numbers come from `analysis::Overview`,
//! computed once per change of journal, range or filter, never per frame.

use egui::{RichText, Ui};
use jiff::ToSpan;
use jiff::civil::Date;

use super::{charts, theme, widgets};
use crate::analysis::Filter;
use crate::analysis::filter::StyleFilter;
use crate::analysis::{Bucketing, Overview, RangePreset, percent_or, trend};
use crate::context::{AppRequest, ViewContext};
use crate::guidance::{Guidance, Side};
use crate::model::{Journal, Situation, Style};

/// What the user chose on the page; remembered between runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct BalanceChoice {
    /// The range preset.
    pub preset: RangePreset,
    /// First day of a custom range.
    pub custom_since: Option<Date>,
    /// Last day of a custom range.
    pub custom_until: Option<Date>,
    /// Weeks or months.
    pub by: Bucketing,
    /// Only decisions involving this person.
    pub person: Option<String>,
    /// Only decisions with this tag.
    pub tag: Option<String>,
    /// Only decisions in this situation.
    pub situation: Option<Situation>,
    /// Which charts are shown as tables: balance, shares, fit, matrix, contrasts.
    pub tables: [bool; 5],
}

impl Default for BalanceChoice {
    fn default() -> Self {
        Self {
            preset: RangePreset::Quarter,
            custom_since: None,
            custom_until: None,
            by: Bucketing::Week,
            person: None,
            tag: None,
            situation: None,
            tables: [false; 5],
        }
    }
}

impl BalanceChoice {
    /// The filter these choices describe as of `today`.
    #[must_use]
    pub fn filter(&self, today: Date) -> Filter {
        let range = match self.preset {
            RangePreset::Custom => crate::analysis::DateRange {
                since: Some(self.custom_since.unwrap_or_else(|| today.saturating_sub(3.months()))),
                until: Some(self.custom_until.unwrap_or(today)),
            },
            preset => preset.range(today),
        };
        Filter {
            since: range.since,
            until: range.until,
            person: self.person.clone(),
            tag: self.tag.clone(),
            situation: self.situation,
            ..Filter::default()
        }
    }

    fn range_label(&self, today: Date) -> String {
        match self.preset {
            RangePreset::Custom => {
                let filter = self.filter(today);
                crate::analysis::DateRange { since: filter.since, until: filter.until }.label()
            }
            RangePreset::All => RangePreset::All.label().to_owned(),
            // The dates too, so nobody has to guess where "3 months" starts.
            preset => format!("{} ({})", preset.label(), preset.range(today).label()),
        }
    }
}

/// The page's state between frames.
#[derive(Debug, Default)]
pub struct BalancePageState {
    /// The user's choices.
    pub choice: BalanceChoice,
    cache: Option<Cached>,
}

#[derive(Debug)]
struct Cached {
    revision: u64,
    filter: Filter,
    overview: Overview,
    rolling: [Vec<Option<f64>>; 2],
}

/// Buckets in the fit chart's rolling average.
const ROLLING_WINDOW: usize = 4;

impl BalancePageState {
    fn refresh(&mut self, journal: &Journal, revision: u64, today: Date) -> &Cached {
        let filter = self.choice.filter(today);
        let stale = self.cache.as_ref().is_none_or(|c| c.revision != revision || c.filter != filter);
        if stale {
            let overview = Overview::compute(journal, &filter);
            let rolling =
                [overview.weekly.rolling_fit_rate(ROLLING_WINDOW), overview.monthly.rolling_fit_rate(ROLLING_WINDOW)];
            self.cache = Some(Cached { revision, filter, overview, rolling });
        }
        self.cache.as_ref().unwrap_or_else(|| unreachable!("just filled"))
    }
}

/// Draws the page from what it sees; a click on a bar or a cell asks for
/// the Journal narrowed to those decisions.
#[profiling::function]
pub fn show(view: &ViewContext<'_>, page: &mut BalancePageState, ui: &mut Ui) {
    let (today, revision, journal) = (view.today, view.revision, view.journal);
    let (people, tags) = (&view.names.people, &view.names.tags);
    let mut open: Option<Filter> = None;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Balance");
        });
        controls(ui, &mut page.choice, people, tags, today);
        ui.separator();
        let mut choice = page.choice.clone();
        let cache = page.refresh(journal, revision, today);
        let overview = &cache.overview;
        let series = overview.series(choice.by);
        let rolling = &cache.rolling[usize::from(choice.by == Bucketing::Month)];
        widgets::page_scroll("balance").show(ui, |ui| {
            widgets::cap_width(ui, 1100.0);
            ui.label(RichText::new(overview.summary(&choice.range_label(today))).size(15.0));
            ui.label(RichText::new(trend(series)).weak());
            // A mismatch worth working on: offered as a goal, not set.
            if let Some(idea) = crate::analysis::goals::idea_from_balance(&overview.matrix) {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("Work on it: \u{201c}{}\u{201d}", idea.title)).weak());
                    if ui
                        .button("Make it a goal\u{2026}")
                        .on_hover_text(
                            "Open a new goal on This week, filled in from this; nothing is set until you say so",
                        )
                        .clicked()
                    {
                        view.send(AppRequest::StartGoal(idea));
                    }
                });
            }
            ui.add_space(theme::SECTION_GAP);
            if overview.total().decisions == 0 {
                ui.add_space(24.0);
                ui.label(RichText::new("No decisions in this range.").size(18.0));
                ui.label(RichText::new("Pick a longer range, or clear the person, tag and situation filters.").weak());
                return;
            }
            let titles = |index: usize| -> Vec<String> {
                series.buckets[index].indices.iter().map(|&i| journal.decisions()[i].title.clone()).collect()
            };
            let clicked_bucket = section(ui, "How you decided", &mut choice.tables[0], |ui, table| {
                if table {
                    balance_table(ui, series);
                    None
                } else {
                    charts::balance_bars(ui, series, &titles)
                }
            });
            if let Some(index) = clicked_bucket {
                let bucket = &series.buckets[index];
                let base = &cache.filter;
                open = Some(Filter {
                    since: Some(base.since.map_or(bucket.start, |since| since.max(bucket.start))),
                    until: Some(base.until.map_or(bucket.end, |until| until.min(bucket.end))),
                    ..base.clone()
                });
            }
            section(ui, "What your situations called for", &mut choice.tables[1], |ui, table| {
                ui.label(RichText::new(GUIDED_SHARE_IN_SHORT).weak()).on_hover_text(GUIDED_SHARE_EXPLAINED);
                if table {
                    share_table(ui, series);
                } else {
                    charts::share_lines(ui, series);
                }
                None::<()>
            });
            section(ui, "Fit over time", &mut choice.tables[2], |ui, table| {
                if table {
                    fit_table(ui, series, rolling);
                } else {
                    charts::fit_chart(ui, series, rolling);
                }
                None::<()>
            });
            let clicked_cell = section(ui, "Situations and how you decided", &mut choice.tables[3], |ui, table| {
                matrix(ui, overview, table)
            });
            if let Some((situation, style)) = clicked_cell {
                open = Some(Filter {
                    situation: Some(situation),
                    style: Some(style.map_or(StyleFilter::Untagged, StyleFilter::Is)),
                    ..cache.filter.clone()
                });
            }
            section(ui, "The four contrasts", &mut choice.tables[4], |ui, table| {
                contrasts(ui, overview, table);
                None::<()>
            });
        });
        page.choice.tables = choice.tables;
    });
    if let Some(filter) = open {
        view.send(AppRequest::ShowJournalWith(filter));
    }
}

/// The guided share in one line, under its chart.
const GUIDED_SHARE_IN_SHORT: &str = "The dashed line is the guided share: the leadership share your situations called for. Both lines count only \
     decisions with a style and a situation.";

/// The guided share explained, on hover.
const GUIDED_SHARE_EXPLAINED: &str = "Each decision's situations recommend leading (counted 100%), a blend (50%) \
     or managing (0%), by which side most of them favour. The guided share is the average of those \
     recommendations; your leadership share averages what you did the same way. Where the two lines part, you led \
     or managed more than the situations asked for.";

/// A titled block with its "Show as table" toggle.
fn section<R>(ui: &mut Ui, title: &str, table: &mut bool, add: impl FnOnce(&mut Ui, bool) -> Option<R>) -> Option<R> {
    ui.add_space(theme::SECTION_GAP);
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).size(16.0).strong());
        ui.add_space(16.0);
        ui.checkbox(table, "Show as table").on_hover_text(format!("{title}: the same numbers as a table"));
    });
    add(ui, *table)
}

fn controls(
    ui: &mut Ui,
    choice: &mut BalanceChoice,
    people: &[(String, usize)],
    tags: &[(String, usize)],
    today: Date,
) {
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt("balance-range")
            .selected_text(format!("Range: {}", choice.preset.label()))
            .show_ui(ui, |ui| {
                for preset in RangePreset::ALL {
                    if ui.selectable_value(&mut choice.preset, preset, preset.label()).changed() {
                        choice.by = if preset == RangePreset::Custom { choice.by } else { preset.bucketing() };
                    }
                }
            })
            .response
            .accessible_name("Range");
        if choice.preset == RangePreset::Custom {
            let since = choice.custom_since.get_or_insert_with(|| today.saturating_sub(3.months()));
            widgets::keep_together(ui, widgets::text_width(ui, "From") + widgets::date_field_width(ui));
            let label = ui.label("From");
            widgets::date_filter_field(ui, "balance-since", "first day", since, today).field.labelled_by(label.id);
            let until = choice.custom_until.get_or_insert(today);
            widgets::keep_together(ui, widgets::text_width(ui, "to") + widgets::date_field_width(ui));
            let label = ui.label("to");
            widgets::date_filter_field(ui, "balance-until", "last day", until, today).field.labelled_by(label.id);
        }
        ui.separator();
        ui.label("By");
        for by in Bucketing::ALL {
            ui.selectable_value(&mut choice.by, by, by.label());
        }
        ui.separator();
        name_filter(ui, "Person", &mut choice.person, people);
        name_filter(ui, "Tag", &mut choice.tag, tags);
        let guidance = Guidance::get();
        let text = choice.situation.map_or("Any", |s| guidance.situation(s).label.as_str());
        egui::ComboBox::from_id_salt("balance-situation")
            .selected_text(format!("Situation: {text}"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choice.situation, None, "Any situation");
                for guide in &guidance.situations {
                    ui.selectable_value(&mut choice.situation, Some(guide.id), &guide.label);
                }
            })
            .response
            .accessible_name("Situation");
    });
}

fn name_filter(ui: &mut Ui, name: &str, chosen: &mut Option<String>, names: &[(String, usize)]) {
    let text = chosen.clone().unwrap_or_else(|| "Any".to_owned());
    egui::ComboBox::from_id_salt(("balance", name))
        .selected_text(format!("{name}: {text}"))
        .height(320.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(chosen, None, format!("Any {}", name.to_lowercase()));
            for (value, count) in names {
                ui.selectable_value(chosen, Some(value.clone()), format!("{value} ({count})"));
            }
        })
        .response
        .accessible_name(name);
}

fn share_text(share: Option<f64>) -> String {
    percent_or(share, "\u{2014}")
}

/// Below this width (points) the balance table leaves out its "To" column
/// (each row's "From" still names the week or month) so the rest fits.
const BALANCE_TABLE_MIN_WIDTH: f32 = 560.0;

fn balance_table(ui: &mut Ui, series: &crate::analysis::BalanceSeries) {
    let with_end = ui.available_width() >= BALANCE_TABLE_MIN_WIDTH;
    let spacing = if with_end { 18.0 } else { 12.0 };
    let headers: Vec<&str> = ["From", "To", "Decisions", "Leadership", "Blend", "Management", "Untagged"]
        .into_iter()
        .filter(|header| with_end || *header != "To")
        .collect();
    // Seven columns even without "To": as the table always was.
    widgets::Table::new("balance-table", 7).gap(spacing).row_gap(3.0).header(&headers).show(ui, |ui| {
        for bucket in &series.buckets {
            let tally = &bucket.tally;
            ui.label(bucket.start.to_string());
            if with_end {
                ui.label(bucket.end.to_string());
            }
            for value in [tally.decisions, tally.leadership, tally.blend, tally.management, tally.untagged] {
                ui.label(value.to_string());
            }
            ui.end_row();
        }
    });
}

fn share_table(ui: &mut Ui, series: &crate::analysis::BalanceSeries) {
    widgets::Table::new("share-table", 3)
        .gap(18.0)
        .row_gap(3.0)
        .header(&["From", "Your leadership share", "Your situations called for"])
        .show(ui, |ui| {
            // The chart's numbers: both over the decisions with a situation.
            for bucket in &series.buckets {
                ui.label(bucket.start.to_string());
                ui.label(share_text(bucket.tally.compared_leadership_share()));
                ui.label(share_text(bucket.tally.compared_guided_share()));
                ui.end_row();
            }
        });
}

fn fit_table(ui: &mut Ui, series: &crate::analysis::BalanceSeries, rolling: &[Option<f64>]) {
    widgets::Table::new("fit-table", 3).gap(18.0).row_gap(3.0).header(&["From", "Fit rate", "Rolling average"]).show(
        ui,
        |ui| {
            for (bucket, rolling) in series.buckets.iter().zip(rolling) {
                ui.label(bucket.start.to_string());
                ui.label(share_text(bucket.fit_rate()));
                ui.label(share_text(*rolling));
                ui.end_row();
            }
        },
    );
}

/// Below this width (points) the matrix's six columns do not fit (a zoomed
/// or narrow window), so each situation takes two lines instead.
const MATRIX_MIN_WIDTH: f32 = 620.0;

/// The nine situations against the styles chosen in them. Each count is a
/// button that opens the Journal on exactly those decisions; the article's
/// side is named in words beside each situation.
fn matrix(ui: &mut Ui, overview: &Overview, table: bool) -> Option<(Situation, Option<Style>)> {
    let guidance = Guidance::get();
    let visuals = ui.visuals().clone();
    let mut clicked = None;
    let narrow = ui.available_width() < MATRIX_MIN_WIDTH;
    let mut cells = |ui: &mut Ui, row: &crate::analysis::SituationRow, named: bool| {
        let guide = guidance.situation(row.situation);
        for (count, style, column) in [
            (row.led, Style::Leadership, "Led"),
            (row.blended, Style::Blend, "Blended"),
            (row.managed, Style::Management, "Managed"),
        ] {
            if named {
                ui.label(RichText::new(column).weak());
            }
            let text = count.to_string();
            let name = format!("{}, {}: {count}", guide.label, style.label().to_lowercase());
            if table || count == 0 {
                ui.label(text).widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
                continue;
            }
            let matches_side = style == row.side.style();
            let fill = theme::style_color(Some(style), &visuals).gamma_multiply(if matches_side { 0.35 } else { 0.2 });
            let button = egui::Button::new(RichText::new(text).strong()).fill(fill).min_size(egui::vec2(44.0, 0.0));
            if ui.add(button).accessible_name(name).on_hover_text("Show these decisions in the Journal").clicked() {
                clicked = Some((row.situation, Some(style)));
            }
        }
        if named {
            ui.label(RichText::new("Went against it").weak());
        }
        let against = if row.against > 0 { format!("{} \u{2716}", row.against) } else { "0".to_owned() };
        ui.label(against);
    };
    let side_word = |row: &crate::analysis::SituationRow| match row.side {
        Side::Leadership => "lead",
        Side::Management => "manage",
    };
    if narrow {
        // Two lines a situation: its name and the article's side, then the
        // counts, each named, wrapping if need be.
        for row in &overview.matrix.rows {
            let guide = guidance.situation(row.situation);
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&guide.label).strong());
                ui.label(
                    RichText::new(format!("the article says {}", side_word(row)))
                        .color(theme::style_color(Some(row.side.style()), &visuals)),
                );
            });
            ui.horizontal_wrapped(|ui| cells(ui, row, true));
        }
        return clicked;
    }
    widgets::Table::new("situation-matrix", 6)
        .gap(14.0)
        .row_gap(4.0)
        .header(&["Situation", "The article says", "Led", "Blended", "Managed", "Went against it"])
        .show(ui, |ui| {
            for row in &overview.matrix.rows {
                let guide = guidance.situation(row.situation);
                ui.label(&guide.label);
                ui.label(RichText::new(side_word(row)).color(theme::style_color(Some(row.side.style()), &visuals)));
                cells(ui, row, false);
                ui.end_row();
            }
        });
    clicked
}

fn contrasts(ui: &mut Ui, overview: &Overview, table: bool) {
    if overview.contrasts.scored() == 0 {
        ui.label(RichText::new("No decision in this range has a contrast lens yet. Score one in the editor's \u{201c}Contrast lens\u{201d}.").weak());
        return;
    }
    if !table {
        charts::contrast_bars(ui, &overview.contrasts);
        return;
    }
    // The long middle header wraps in a narrow (zoomed) window.
    let column = (ui.available_width() / 2.0).max(120.0);
    widgets::Table::new("contrast-table", 3)
        .gap(18.0)
        .row_gap(3.0)
        .max_col_width(column)
        .header(&["Contrast", "Average (+2 leadership pole, \u{2212}2 management pole)", "Scored"])
        .show(ui, |ui| {
            for average in &overview.contrasts.contrasts {
                let Some(contrast) = average.contrast() else { continue };
                ui.label(format!("{} \u{2194} {}", contrast.leadership, contrast.management));
                ui.label(average.mean.map_or_else(|| "\u{2014}".to_owned(), |mean| format!("{mean:+.2}")));
                ui.label(average.scored.to_string());
                ui.end_row();
            }
        });
}
