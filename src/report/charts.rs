//! The brief's charts as SVG, drawn with `plotters` (its SVG backend; text
//! measured with `ab_glyph` and the font the window uses, so no system font
//! library is needed). The colours are the window's: see [`super::palette`].
//!
//! Each chart is a self-contained `<svg>` element for inline use in HTML:
//! it scales to the page width, carries an accessible name, and has no
//! namespace URL or other external reference.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{Ranged, SegmentValue, SegmentedCoord, ValueFormatter};
use plotters::coord::types::RangedCoordusize;
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::palette::{self, Rgb};
use crate::analysis::BalanceSeries;
use crate::analysis::outcomes::{FitGroup, OutcomeEvidence};
use crate::model::Style;

/// The family the charts' text is set in (and measured with).
const FONT_FAMILY: &str = "sans-serif";
/// Drawing size in SVG units; the element itself scales to the page.
const WIDTH: u32 = 640;
const BARS_HEIGHT: u32 = 220;
const SHARES_HEIGHT: u32 = 200;
/// The labels' font size in SVG units (plotters sets text at about 80 %
/// of it, so 15 reads like the brief's small print).
const LABEL_SIZE: u32 = 15;
/// At most this many bucket labels under a chart.
const MOST_X_LABELS: usize = 8;
/// Space between neighbouring bars, in SVG units on each side.
const BAR_GAP: u32 = 3;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The embedded font was refused by the text measurer.
    #[error("the chart font could not be loaded")]
    Font,
    /// Plotters failed while drawing.
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        Self::Draw(error.to_string())
    }
}

/// Registers the embedded font once per process.
fn font_ready() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let registered = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT).is_ok()
    });
    if registered { Ok(()) } else { Err(ChartError::Font) }
}

fn color(rgb: Rgb) -> RGBColor {
    RGBColor(rgb[0], rgb[1], rgb[2])
}

fn style_color(style: Style) -> RGBColor {
    color(palette::style_rgb(Some(style), false))
}

/// Makes plotters' `<svg …>` opening tag fit inline HTML: scalable, named
/// for screen readers, without the namespace URL (HTML's parser puts an
/// inline `<svg>` in the SVG namespace by itself).
fn inline(svg: &str, width: u32, height: u32, name: &str) -> String {
    let body = svg.find('>').map_or("", |end| &svg[end + 1..]);
    let name = name.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
    format!(
        "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{name}\"><title>{name}</title>{body}"
    )
}

/// One segment per bucket (`0..=last`: plotters' segments include the end).
fn x_axis(series: &BalanceSeries) -> SegmentedCoord<RangedCoordusize> {
    (0..series.buckets.len().saturating_sub(1)).into_segmented()
}

/// Both charts' margins and label areas.
fn builder<'a, 'b>(root: &'a DrawingArea<SVGBackend<'b>, Shift>) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(root);
    builder.margin(8).margin_top(14).x_label_area_size(26).y_label_area_size(44);
    builder
}

/// Both charts' axes and grid: bucket labels below (at most
/// [`MOST_X_LABELS`]), five values up the side, the brief's ink.
fn draw_axes<Y>(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<SegmentedCoord<RangedCoordusize>, Y>>,
    series: &BalanceSeries,
    y_description: Option<&str>,
    y_label: &dyn Fn(&Y::ValueType) -> String,
) -> Result<(), ChartError>
where
    Y: Ranged + ValueFormatter<Y::ValueType>,
{
    let label = |value: &SegmentValue<usize>| bucket_label(series, value);
    let mut mesh = chart.configure_mesh();
    if let Some(description) = y_description {
        mesh.y_desc(description);
    }
    mesh.disable_x_mesh()
        .x_labels(series.buckets.len().clamp(1, MOST_X_LABELS))
        .x_label_formatter(&label)
        .y_labels(5)
        .y_label_formatter(y_label)
        .label_style((FONT_FAMILY, LABEL_SIZE).into_font().color(&color(palette::CHART_TEXT)))
        .axis_style(color(palette::CHART_AXIS))
        .light_line_style(TRANSPARENT)
        .bold_line_style(color(palette::CHART_GRID))
        .draw()?;
    Ok(())
}

/// The label under bucket `index`, empty between buckets.
fn bucket_label(series: &BalanceSeries, value: &SegmentValue<usize>) -> String {
    match value {
        SegmentValue::CenterOf(index) | SegmentValue::Exact(index) => {
            series.buckets.get(*index).map_or_else(String::new, |bucket| series.by.axis_label(bucket.start))
        }
        SegmentValue::Last => String::new(),
    }
}

/// Stacked bars of leadership, blend and management decisions per bucket,
/// leadership at the bottom as on the Balance page.
///
/// # Errors
/// [`ChartError`] when the font or the drawing fails.
pub fn style_mix(series: &BalanceSeries) -> Result<String, ChartError> {
    font_ready()?;
    let buckets = &series.buckets;
    let most = buckets.iter().map(|bucket| bucket.tally.decisions).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, BARS_HEIGHT)).into_drawing_area();
        let mut chart = builder(&root).build_cartesian_2d(x_axis(series), 0..most)?;
        draw_axes(&mut chart, series, Some("decisions"), &|count: &usize| count.to_string())?;
        chart.draw_series(buckets.iter().enumerate().flat_map(|(index, bucket)| {
            let tally = &bucket.tally;
            let mut bottom = 0;
            [(Style::Leadership, tally.leadership), (Style::Blend, tally.blend), (Style::Management, tally.management)]
                .into_iter()
                .filter(|(_, count)| *count > 0)
                .map(move |(style, count)| {
                    let top = bottom + count;
                    // The last segment ends at the axis' end (`Last`), not
                    // at a value past the range.
                    let right =
                        if index + 1 < buckets.len() { SegmentValue::Exact(index + 1) } else { SegmentValue::Last };
                    let mut bar = Rectangle::new(
                        [(SegmentValue::Exact(index), bottom), (right, top)],
                        style_color(style).filled(),
                    );
                    bar.set_margin(0, 0, BAR_GAP, BAR_GAP);
                    bottom = top;
                    bar
                })
        }))?;
        root.present()?;
    }
    Ok(inline(&svg, WIDTH, BARS_HEIGHT, "Decisions per period by style: leadership, blend and management"))
}

/// The leadership share against what the situations called for, 0–100 %
/// per bucket, both over the same decisions (those with a style and a
/// situation), the gap between them shaded: the Balance page's chart.
///
/// # Errors
/// [`ChartError`] when the font or the drawing fails.
pub fn shares(series: &BalanceSeries) -> Result<String, ChartError> {
    font_ready()?;
    let buckets = &series.buckets;
    let actual: Vec<Option<f64>> =
        buckets.iter().map(|bucket| bucket.tally.compared_leadership_share().map(|s| s * 100.0)).collect();
    let guided: Vec<Option<f64>> =
        buckets.iter().map(|bucket| bucket.tally.compared_guided_share().map(|s| s * 100.0)).collect();
    let lead_color = style_color(Style::Leadership);
    let guided_color = color(palette::guided_rgb(false));
    // A solid tint rather than transparency: every viewer and printer
    // draws it the same.
    let gap_color = color(palette::tint(palette::guided_rgb(false), 0.18));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, SHARES_HEIGHT)).into_drawing_area();
        let mut chart = builder(&root).build_cartesian_2d(x_axis(series), 0.0..100.0)?;
        draw_axes(&mut chart, series, None, &|share: &f64| format!("{share:.0}%"))?;
        // The gap, shaded between each pair of neighbouring buckets where
        // both are known; where the lines cross, as two triangles meeting
        // at the crossing (a self-crossing outline fills unevenly).
        let both: Vec<Option<(f64, f64)>> = actual.iter().zip(&guided).map(|(a, g)| a.zip(*g)).collect();
        for stretch in runs(&both) {
            for pair in stretch.windows(2) {
                let [(left, (lead_left, guided_left)), (right, (lead_right, guided_right))] = [pair[0], pair[1]];
                let at = |index: usize, share: f64| chart.backend_coord(&(SegmentValue::CenterOf(index), share));
                let (lead_a, lead_b) = (at(left, lead_left), at(right, lead_right));
                let (guided_a, guided_b) = (at(left, guided_left), at(right, guided_right));
                let (gap_left, gap_right) = (lead_left - guided_left, lead_right - guided_right);
                let shapes = if gap_left * gap_right >= 0.0 {
                    vec![vec![lead_a, lead_b, guided_b, guided_a]]
                } else {
                    let along = gap_left / (gap_left - gap_right);
                    let cross = (
                        lead_a.0 + pixels(f64::from(lead_b.0 - lead_a.0) * along),
                        lead_a.1 + pixels(f64::from(lead_b.1 - lead_a.1) * along),
                    );
                    vec![vec![lead_a, cross, guided_a], vec![cross, lead_b, guided_b]]
                };
                for shape in shapes {
                    root.draw(&Polygon::new(shape, gap_color.filled()))?;
                }
            }
        }
        for stretch in runs(&actual) {
            let points = stretch.iter().map(|&(index, share)| (SegmentValue::CenterOf(index), share));
            chart.draw_series(LineSeries::new(points.clone(), lead_color.stroke_width(2)))?;
            chart.draw_series(points.map(|point| Circle::new(point, 3, lead_color.filled())))?;
        }
        for stretch in runs(&guided) {
            let points = stretch.iter().map(|&(index, share)| (SegmentValue::CenterOf(index), share));
            chart.draw_series(DashedLineSeries::new(points.clone(), 6, 4, guided_color.stroke_width(2)))?;
            chart.draw_series(points.map(|point| Cross::new(point, 3, guided_color.stroke_width(1))))?;
        }
        root.present()?;
    }
    Ok(inline(
        &svg,
        WIDTH,
        SHARES_HEIGHT,
        "Leadership share against what the situations called for, per period, in percent",
    ))
}

/// Height of the outcome chart.
const OUTCOMES_HEIGHT: u32 = 200;

/// The short name under each fit group in the outcome chart.
fn group_axis_label(group: FitGroup) -> &'static str {
    match group {
        FitGroup::Followed => "Followed",
        FitGroup::Partly => "Partly",
        FitGroup::Against => "Against",
    }
}

/// The share met when following, partly following and going against the
/// guidance: a point per group with a bar over its 95 % range (a group
/// without reviews is left empty). The Review page's chart.
///
/// # Errors
/// [`ChartError`] when the font or the drawing fails.
pub fn outcome_ranges(evidence: &OutcomeEvidence) -> Result<String, ChartError> {
    font_ready()?;
    let ink = color(palette::CHART_TEXT);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, OUTCOMES_HEIGHT)).into_drawing_area();
        let groups = FitGroup::ALL;
        let mut chart = builder(&root).build_cartesian_2d((0..groups.len() - 1).into_segmented(), 0.0..100.0)?;
        let label = |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(index) | SegmentValue::Exact(index) => {
                groups.get(*index).map_or("", |group| group_axis_label(*group)).to_owned()
            }
            SegmentValue::Last => String::new(),
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(groups.len())
            .x_label_formatter(&label)
            .y_labels(5)
            .y_label_formatter(&|share: &f64| format!("{share:.0}%"))
            .y_desc("met what you expected")
            .label_style((FONT_FAMILY, LABEL_SIZE).into_font().color(&ink))
            .axis_style(color(palette::CHART_AXIS))
            .light_line_style(TRANSPARENT)
            .bold_line_style(color(palette::CHART_GRID))
            .draw()?;
        for (index, group) in groups.into_iter().enumerate() {
            let row = evidence.group(group);
            let (Some(rate), Some(range)) = (row.met_rate(), row.interval()) else { continue };
            let (low, high) = (range.low * 100.0, range.high * 100.0);
            let at = |share: f64| chart.backend_coord(&(SegmentValue::CenterOf(index), share));
            let (bottom, top) = (at(low), at(high));
            let cap = |point: (i32, i32)| {
                PathElement::new(vec![(point.0 - 8, point.1), (point.0 + 8, point.1)], ink.stroke_width(2))
            };
            root.draw(&PathElement::new(vec![bottom, top], ink.stroke_width(2)))?;
            root.draw(&cap(bottom))?;
            root.draw(&cap(top))?;
            root.draw(&Circle::new(at(rate * 100.0), 5, ink.filled()))?;
        }
        root.present()?;
    }
    Ok(inline(
        &svg,
        WIDTH,
        OUTCOMES_HEIGHT,
        "Share of reviewed decisions that met what you expected, with 95 % ranges: followed the guidance, partly, against it",
    ))
}

/// A distance in whole SVG units (charts are a few hundred units across).
#[expect(clippy::cast_possible_truncation, reason = "a few hundred units at most")]
fn pixels(distance: f64) -> i32 {
    distance.round() as i32
}

/// The stretches of consecutive buckets that have a value, each with the
/// bucket indices.
fn runs<T: Copy>(values: &[Option<T>]) -> Vec<Vec<(usize, T)>> {
    let mut all = Vec::new();
    let mut current = Vec::new();
    for (index, value) in values.iter().enumerate() {
        match value {
            Some(value) => current.push((index, *value)),
            None if !current.is_empty() => all.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        all.push(current);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn runs_split_at_missing_values() {
        assert_eq!(runs(&[Some(1), Some(2), None, Some(4)]), vec![vec![(0, 1), (1, 2)], vec![(3, 4)]]);
        assert!(runs::<u8>(&[None, None]).is_empty());
    }
}
