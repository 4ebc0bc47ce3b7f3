//! Charts of what `analysis` computed: no maths here beyond placing numbers
//! on the screen. Each chart returns the bucket (or cell) the user clicked.

use egui::{Color32, RichText, Stroke, Ui};
use egui_plot::{Bar, BarChart, FilledArea, Line, Plot, PlotPoints, Points};

use super::theme;
use crate::analysis::outcomes::{FitGroup, OutcomeEvidence};
use crate::analysis::{BalanceSeries, ContrastAverages, percent};
use crate::model::Style;

/// Height of the main charts, in points.
pub const CHART_HEIGHT: f32 = 220.0;

/// How a legend entry is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Block,
    Line,
    Dashed,
    Dot,
}

/// A legend above a chart: each key drawn the way the chart draws it, with
/// its words, so no series is told apart by colour alone.
fn legend(ui: &mut Ui, entries: &[(Color32, &str, Key)]) {
    ui.horizontal_wrapped(|ui| {
        for (color, label, key) in entries {
            // Key and words as one unit: a narrow (zoomed) window wraps
            // between entries, never between a key and its words.
            let words = super::widgets::text_width(ui, label);
            super::widgets::keep_together(ui, KEY_WIDTH + ui.spacing().item_spacing.x + words);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(KEY_WIDTH, 12.0), egui::Sense::hover());
            let painter = ui.painter();
            match key {
                Key::Block => {
                    painter.rect_filled(rect.shrink2(egui::vec2(5.0, 1.0)), 2.0, *color);
                }
                Key::Line => {
                    painter.line_segment([rect.left_center(), rect.right_center()], Stroke::new(2.0, *color));
                }
                Key::Dashed => {
                    let y = rect.center().y;
                    for start in [rect.left(), rect.left() + 9.0, rect.left() + 18.0] {
                        let end = (start + 5.0).min(rect.right());
                        painter.line_segment([egui::pos2(start, y), egui::pos2(end, y)], Stroke::new(2.0, *color));
                    }
                }
                Key::Dot => {
                    painter.circle_filled(rect.center(), 3.5, *color);
                }
            }
            ui.label(*label);
            ui.add_space(10.0);
        }
    });
}

/// Width of a legend's key, in points.
const KEY_WIDTH: f32 = 22.0;

/// The bucket index under `x` (bars are centred on whole numbers), if it is
/// one. A scan, not a cast: there are at most a few hundred buckets.
fn bucket_at(series: &BalanceSeries, x: f64) -> Option<usize> {
    (0..series.buckets.len()).find(|index| (*index as f64 - x).abs() <= 0.45)
}

fn x_axis(series: &BalanceSeries) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + '_ {
    move |mark, _range| {
        (0..series.buckets.len())
            .find(|index| (*index as f64 - mark.value).abs() < 1e-6)
            .map_or_else(String::new, |index| series.by.axis_label(series.buckets[index].start))
    }
}

/// Stacked bars of leadership, blend and management decisions per bucket.
/// Hovering shows the bucket's numbers and titles (from `titles`); returns
/// the bucket clicked.
pub fn balance_bars(ui: &mut Ui, series: &BalanceSeries, titles: &dyn Fn(usize) -> Vec<String>) -> Option<usize> {
    let visuals = ui.visuals().clone();
    let bars = |style: Style, count: &dyn Fn(usize) -> usize| -> Vec<Bar> {
        let fill = theme::style_color(Some(style), &visuals);
        (0..series.buckets.len())
            .map(|index| {
                Bar::new(index as f64, count(index) as f64)
                    .width(0.7)
                    .name(style.label())
                    .fill(fill)
                    .stroke(Stroke::new(1.0, visuals.extreme_bg_color))
            })
            .collect()
    };
    let leadership = BarChart::new("Leadership", bars(Style::Leadership, &|i| series.buckets[i].tally.leadership))
        .color(theme::style_color(Some(Style::Leadership), &visuals))
        .allow_hover(false);
    let blend = BarChart::new("Blend", bars(Style::Blend, &|i| series.buckets[i].tally.blend))
        .color(theme::style_color(Some(Style::Blend), &visuals))
        .allow_hover(false)
        .stack_on(&[&leadership]);
    let management = BarChart::new("Management", bars(Style::Management, &|i| series.buckets[i].tally.management))
        .color(theme::style_color(Some(Style::Management), &visuals))
        .allow_hover(false)
        .stack_on(&[&leadership, &blend]);
    legend(
        ui,
        &[
            (theme::style_color(Some(Style::Leadership), &visuals), "Leadership", Key::Block),
            (theme::style_color(Some(Style::Blend), &visuals), "Blend", Key::Block),
            (theme::style_color(Some(Style::Management), &visuals), "Management", Key::Block),
        ],
    );
    let response = fixed_plot("balance-bars", CHART_HEIGHT)
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .x_axis_formatter(x_axis(series))
        .y_axis_label("decisions")
        .show(ui, |plot| {
            plot.bar_chart(leadership);
            plot.bar_chart(blend);
            plot.bar_chart(management);
            plot.pointer_coordinate()
        });
    let hovered = response.inner.and_then(|point| bucket_at(series, point.x));
    let plot_response = response.response.accessible_name(format!(
        "Balance chart: decisions per {} by style; the table view lists the same numbers",
        series.by.label().to_lowercase()
    ));
    if let Some(index) = hovered {
        let bucket = &series.buckets[index];
        plot_response.clone().on_hover_ui_at_pointer(|ui| {
            let tally = &bucket.tally;
            ui.label(RichText::new(format!("{} to {}", bucket.start, bucket.end)).strong());
            ui.label(format!(
                "{}: {} leadership, {} blend, {} management, {} untagged",
                crate::model::words::count(tally.decisions, "decision", "decisions"),
                tally.leadership,
                tally.blend,
                tally.management,
                tally.untagged
            ));
            if let Some(share) = tally.leadership_share() {
                ui.label(format!("Leadership share {}%", percent(share)));
            }
            if let (Some(led), Some(called)) = (tally.compared_leadership_share(), tally.compared_guided_share()) {
                ui.label(format!(
                    "On the {} with a situation: led {}%, called for {}%",
                    crate::model::words::count(tally.fitted, "decision", "decisions"),
                    percent(led),
                    percent(called)
                ));
            }
            let titles = titles(index);
            let shown = titles.len().min(8);
            for title in &titles[..shown] {
                ui.label(RichText::new(format!("\u{2022} {title}")).weak());
            }
            if titles.len() > shown {
                ui.label(RichText::new(format!("\u{2026} and {} more", titles.len() - shown)).weak());
            }
            if tally.decisions > 0 {
                ui.label(RichText::new("Click to see them in the Journal").small().weak());
            }
        });
    }
    if plot_response.clicked() { hovered } else { None }
}

/// A plot that stays put: no zoom, drag, scroll or reset, since every chart
/// shows a fixed range and a click opens the decisions behind it.
fn fixed_plot<'a>(id: &str, height: f32) -> Plot<'a> {
    Plot::new(id).height(height).allow_zoom(false).allow_drag(false).allow_scroll(false).allow_double_click_reset(false)
}

/// A fixed plot of percentages, 0–100 %, over the series' buckets.
fn percent_plot<'a>(id: &str, height: f32, series: &'a BalanceSeries) -> Plot<'a> {
    fixed_plot(id, height)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(-0.5)
        .include_x(series.buckets.len() as f64 - 0.5)
        .x_axis_formatter(x_axis(series))
        .y_axis_formatter(|mark, _| format!("{}%", mark.value.round()))
        .label_formatter(|_| None)
}

/// Consecutive runs of buckets where `value` is defined, as plot points;
/// an empty bucket breaks the line.
fn segments(series: &BalanceSeries, value: impl Fn(usize) -> Option<f64>) -> Vec<Vec<[f64; 2]>> {
    let mut runs: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    for index in 0..series.buckets.len() {
        match value(index) {
            Some(y) => current.push([index as f64, y * 100.0]),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

fn line_runs(plot: &mut egui_plot::PlotUi<'_>, name: &str, runs: Vec<Vec<[f64; 2]>>, color: Color32, dashed: bool) {
    for run in runs {
        let single = run.len() == 1;
        let points = PlotPoints::from(run);
        if single {
            plot.points(Points::new(name, points).color(color).radius(3.0));
        } else {
            let mut line = Line::new(name, points).color(color).width(2.0);
            if dashed {
                line = line.style(egui_plot::LineStyle::dashed_loose());
            }
            plot.line(line);
        }
    }
}

/// The leadership share against the guided share (what the situations
/// called for), 0–100 %, both over the same decisions (those with a style
/// and a situation), with the gap between them shaded.
pub fn share_lines(ui: &mut Ui, series: &BalanceSeries) {
    let visuals = ui.visuals().clone();
    let lead_color = theme::style_color(Some(Style::Leadership), &visuals);
    let guided_color = theme::guided_color(&visuals);
    // Both over the decisions with a style and a situation: a decision
    // without a situation has nothing to be compared with.
    let actual = |i: usize| series.buckets[i].tally.compared_leadership_share();
    let guided = |i: usize| series.buckets[i].tally.compared_guided_share();
    let both: Vec<(f64, f64, f64)> =
        (0..series.buckets.len()).filter_map(|i| Some((i as f64, actual(i)? * 100.0, guided(i)? * 100.0))).collect();
    legend(
        ui,
        &[
            (lead_color, "Your leadership share (decisions with a situation)", Key::Line),
            (guided_color, "What your situations called for", Key::Dashed),
            (guided_color.gamma_multiply(0.35), "The gap between them", Key::Block),
        ],
    );
    percent_plot("share-lines", CHART_HEIGHT * 0.8, series)
        .show(ui, |plot| {
            // Shade each stretch where both are defined.
            let mut stretch: Vec<(f64, f64, f64)> = Vec::new();
            let flush = |plot: &mut egui_plot::PlotUi<'_>, stretch: &mut Vec<(f64, f64, f64)>| {
                if stretch.len() > 1 {
                    let xs: Vec<f64> = stretch.iter().map(|p| p.0).collect();
                    let low: Vec<f64> = stretch.iter().map(|p| p.1.min(p.2)).collect();
                    let high: Vec<f64> = stretch.iter().map(|p| p.1.max(p.2)).collect();
                    plot.add(FilledArea::new("Gap", &xs, &low, &high).fill_color(guided_color.gamma_multiply(0.18)));
                }
                stretch.clear();
            };
            for point in &both {
                if stretch.last().is_some_and(|last| point.0 - last.0 > 1.0) {
                    flush(plot, &mut stretch);
                }
                stretch.push(*point);
            }
            flush(plot, &mut stretch);
            line_runs(plot, "Your leadership share", segments(series, actual), lead_color, false);
            line_runs(plot, "What your situations called for", segments(series, guided), guided_color, true);
        })
        .response
        .accessible_name("Leadership share against what the situations called for, per bucket, in percent");
}

/// Fit rate per bucket (points) with its rolling average (line).
pub fn fit_chart(ui: &mut Ui, series: &BalanceSeries, rolling: &[Option<f64>]) {
    let visuals = ui.visuals().clone();
    let fit_color = theme::fit_color(1.0, &visuals);
    let rolling_color = theme::guided_color(&visuals);
    legend(ui, &[(fit_color, "Fit rate", Key::Dot), (rolling_color, "Rolling average (4)", Key::Line)]);
    percent_plot("fit-chart", CHART_HEIGHT * 0.7, series)
        .show(ui, |plot| {
            let points: Vec<[f64; 2]> = (0..series.buckets.len())
                .filter_map(|i| Some([i as f64, series.buckets[i].fit_rate()? * 100.0]))
                .collect();
            plot.points(Points::new("Fit rate", PlotPoints::from(points)).color(fit_color).radius(3.5));
            line_runs(
                plot,
                "Rolling average",
                segments(series, |i| rolling.get(i).copied().flatten()),
                rolling_color,
                false,
            );
        })
        .response
        .accessible_name("Fit rate per bucket with its rolling average, in percent");
}

/// Diverging bars for the four contrasts: the leadership pole on the left,
/// the management pole on the right, as in the editor's lens.
pub fn contrast_bars(ui: &mut Ui, contrasts: &ContrastAverages) {
    let visuals = ui.visuals().clone();
    let row_height = 28.0;
    let width = ui.available_width().min(640.0);
    let label_width = 110.0;
    for average in &contrasts.contrasts {
        let Some(contrast) = average.contrast() else { continue };
        ui.horizontal(|ui| {
            ui.add_sized([label_width, row_height], egui::Label::new(RichText::new(&contrast.leadership).strong()));
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(width - 2.0 * label_width, row_height), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            let center = rect.center().x;
            let half = rect.width() / 2.0 - 4.0;
            painter.line_segment(
                [egui::pos2(center, rect.top()), egui::pos2(center, rect.bottom())],
                Stroke::new(1.0, visuals.weak_text_color()),
            );
            let description = match average.mean {
                Some(mean) => {
                    // Leadership (+) is drawn to the left.
                    #[expect(clippy::cast_possible_truncation, reason = "a mean in -2..=2 fits an f32")]
                    let end = center - (mean / 2.0) as f32 * half;
                    let color = if mean >= 0.0 {
                        theme::style_color(Some(Style::Leadership), &visuals)
                    } else {
                        theme::style_color(Some(Style::Management), &visuals)
                    };
                    let bar = egui::Rect::from_x_y_ranges(
                        center.min(end)..=center.max(end),
                        rect.top() + 6.0..=rect.bottom() - 6.0,
                    );
                    painter.rect_filled(bar, 3.0, color);
                    format!(
                        "{} \u{2194} {}: average {mean:+.1} of \u{00b1}2 over {} scored",
                        contrast.leadership, contrast.management, average.scored
                    )
                }
                None => format!("{} \u{2194} {}: not scored yet", contrast.leadership, contrast.management),
            };
            response
                .on_hover_text(description.clone())
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &description));
            ui.add_sized([label_width, row_height], egui::Label::new(RichText::new(&contrast.management).strong()));
        });
    }
}

/// The share met in each fit group (followed, partly, against the guidance)
/// as a point with a bar over its 95 % range; a group without reviews is
/// left empty. Hovering a group shows its numbers in words.
pub fn outcome_ranges(ui: &mut Ui, evidence: &OutcomeEvidence) {
    let visuals = ui.visuals().clone();
    let ink = visuals.strong_text_color();
    let fit_color = theme::fit_color(1.0, &visuals);
    legend(ui, &[(fit_color, "Share that met what you expected", Key::Dot), (ink, "Its 95 % range", Key::Line)]);
    let groups = FitGroup::ALL;
    let response = fixed_plot("outcome-ranges", CHART_HEIGHT * 0.8)
        .show_grid(egui::Vec2b::new(false, true))
        .show_x(false)
        .show_y(false)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(-0.5)
        .include_x(groups.len() as f64 - 0.5)
        .x_axis_formatter(move |mark, _| {
            groups
                .iter()
                .enumerate()
                .find(|(index, _)| (*index as f64 - mark.value).abs() < 1e-6)
                .map_or_else(String::new, |(_, group)| group.label().to_owned())
        })
        .y_axis_formatter(|mark, _| format!("{}%", mark.value.round()))
        .y_axis_label("met what you expected")
        .label_formatter(|_| None)
        .show(ui, |plot| {
            for (index, group) in groups.into_iter().enumerate() {
                let row = evidence.group(group);
                let (Some(rate), Some(range)) = (row.met_rate(), row.interval()) else { continue };
                let x = index as f64;
                let (low, high) = (range.low * 100.0, range.high * 100.0);
                let name = group.label();
                plot.line(Line::new(name, PlotPoints::from(vec![[x, low], [x, high]])).color(ink).width(2.0));
                for end in [low, high] {
                    plot.line(
                        Line::new(name, PlotPoints::from(vec![[x - 0.08, end], [x + 0.08, end]])).color(ink).width(2.0),
                    );
                }
                plot.points(Points::new(name, PlotPoints::from(vec![[x, rate * 100.0]])).color(fit_color).radius(5.0));
            }
            plot.pointer_coordinate()
        });
    let hovered = response
        .inner
        .and_then(|point| groups.iter().enumerate().find(|(index, _)| (*index as f64 - point.x).abs() <= 0.45))
        .map(|(_, group)| *group);
    let description = groups.map(|group| evidence.group_words(group)).join("; ");
    let plot_response = response.response.accessible_name(format!(
        "Outcome chart: the share of reviewed decisions that met what you expected, with 95 % ranges. {description}."
    ));
    if let Some(group) = hovered {
        plot_response.on_hover_ui_at_pointer(|ui| {
            ui.label(RichText::new(group.label()).strong());
            ui.label(format!("{}.", evidence.group_words(group)));
            if let Some(mean) = evidence.group(group).mean_process() {
                ui.label(format!("Process rated {mean:.1} of 5 on average."));
            }
        });
    }
}
