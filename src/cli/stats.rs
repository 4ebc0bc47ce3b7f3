//! `keel stats`: the balance per week or month, as a table with a summary or
//! as JSON. The numbers are those of the Balance page (`crate::analysis`).

use clap::{Args, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;

use super::{Cli, CliError, FilterArgs, read_journal};
use crate::analysis::{BalanceSeries, Bucketing, Selection, Tally, percent_or, summary};
use crate::model::Clock;

/// Shown after `keel stats --help`.
pub const EXAMPLES: &str = "\
Examples:
  keel stats
  keel stats --by month --since 2026-01-01
  keel stats --person Ana --format json";

/// How `keel stats` groups decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

impl From<ByArg> for Bucketing {
    fn from(by: ByArg) -> Self {
        match by {
            ByArg::Week => Self::Week,
            ByArg::Month => Self::Month,
        }
    }
}

/// Output formats of `keel stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// One aligned row per bucket, a total row and a summary.
    Table,
    /// `{"by", "buckets": [...], "total": {...}}` (see the README).
    Json,
}

/// Arguments of `keel stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    /// Which decisions.
    pub filters: FilterArgs,
    /// Group by ISO week (Monday–Sunday) or calendar month.
    #[arg(long, value_enum, value_name = "week|month", default_value_t = ByArg::Week)]
    pub by: ByArg,
    /// How to print them.
    #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
    pub format: StatsFormat,
}

/// The counts and shares of one bucket or of the total, as JSON.
#[derive(Serialize)]
struct TallyJson {
    decisions: usize,
    leadership: usize,
    management: usize,
    blend: usize,
    leadership_share: Option<f64>,
    guided_share: Option<f64>,
    fit_rate: Option<f64>,
    /// Both shares over the same decisions: those with a style and a
    /// recommendation, what the gap with the guidance compares.
    compared: ComparedJson,
}

/// The comparison with the guidance, over the decisions that have both a
/// style and a recommendation.
#[derive(Serialize)]
struct ComparedJson {
    decisions: usize,
    leadership_share: Option<f64>,
    guided_share: Option<f64>,
}

impl From<&Tally> for TallyJson {
    fn from(tally: &Tally) -> Self {
        Self {
            decisions: tally.decisions,
            leadership: tally.leadership,
            management: tally.management,
            blend: tally.blend,
            leadership_share: tally.leadership_share(),
            guided_share: tally.guided_share(),
            fit_rate: tally.fit_rate(),
            compared: ComparedJson {
                decisions: tally.fitted,
                leadership_share: tally.compared_leadership_share(),
                guided_share: tally.compared_guided_share(),
            },
        }
    }
}

#[derive(Serialize)]
struct BucketJson {
    start: Date,
    end: Date,
    #[serde(flatten)]
    tally: TallyJson,
}

#[derive(Serialize)]
struct StatsJson {
    by: &'static str,
    buckets: Vec<BucketJson>,
    total: TallyJson,
}

/// Prints the balance of the matching decisions.
///
/// # Errors
/// When the journal cannot be read or the output cannot be written.
pub fn run(cli: &Cli, args: &StatsArgs, clock: &dyn Clock, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    // Left to the operating system when the command ends, as in `keel list`.
    let journal = std::mem::ManuallyDrop::new(read_journal(cli, clock)?);
    let selection = Selection::new(&journal, &args.filters.to_filter());
    let series = selection.series(args.by.into());
    match args.format {
        StatsFormat::Json => {
            let json = StatsJson {
                by: series.by.id(),
                buckets: series
                    .buckets
                    .iter()
                    .map(|bucket| BucketJson { start: bucket.start, end: bucket.end, tally: (&bucket.tally).into() })
                    .collect(),
                total: (&series.total).into(),
            };
            serde_json::to_writer_pretty(&mut *out, &json).map_err(|error| CliError::Other(error.to_string()))?;
            writeln!(out)?;
        }
        StatsFormat::Table => {
            write_table(&series, out)?;
            let label = selection.range().label();
            writeln!(out, "{}", summary(&series.total, &selection.matrix(), &label))?;
        }
    }
    Ok(())
}

fn share(value: Option<f64>) -> String {
    percent_or(value, "-")
}

fn write_table(series: &BalanceSeries, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    if series.buckets.is_empty() {
        return Ok(());
    }
    let row = |out: &mut dyn std::io::Write, label: &str, start: &str, end: &str, tally: &Tally| {
        writeln!(
            out,
            "{label:<8}  {start:<10}  {end:<10}  {:>9}  {:>4}  {:>5}  {:>6}  {:>8}  {:>6}  {:>8}  {:>5}",
            tally.decisions,
            tally.leadership,
            tally.blend,
            tally.management,
            tally.untagged,
            share(tally.leadership_share()),
            share(tally.guided_share()),
            share(tally.fit_rate()),
        )
    };
    writeln!(
        out,
        "{:<8}  {:<10}  {:<10}  DECISIONS  LEAD  BLEND  MANAGE  UNTAGGED  LEAD %  GUIDED %  FIT %",
        series.by.label().to_uppercase(),
        "START",
        "END",
    )?;
    for bucket in &series.buckets {
        let label = series.by.bucket_label(bucket.start);
        row(out, &label, &bucket.start.to_string(), &bucket.end.to_string(), &bucket.tally)?;
    }
    row(out, "Total", "", "", &series.total)?;
    writeln!(out)?;
    Ok(())
}
