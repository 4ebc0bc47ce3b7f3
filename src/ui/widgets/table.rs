//! The pages' one table: labels in columns, the headers in bold, every
//! other row shaded, the columns limited in width (or not) so that long
//! text wraps inside a narrow (zoomed) window instead of running off it.

use egui::{InnerResponse, RichText, Ui};

/// Below this width (points) a table made with
/// [`Table::share_width_when_narrow`] gives each column an even share of
/// the width, so a zoomed or narrow window shows the whole table.
const TABLE_WRAP_WIDTH: f32 = 900.0;

/// The narrowest a column gets from [`Table::share_width_when_narrow`], in
/// points: narrower, a header would wrap a letter or two a line.
const SHARED_COLUMN_MIN_WIDTH: f32 = 48.0;

/// How wide each column may grow before its text wraps.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ColumnLimit {
    /// No limit: a grid's cells keep their text on one line.
    Unlimited,
    /// At most this many points.
    Points(f32),
    /// An even share of the table's width (less the gaps), no narrower than
    /// `min_points`, once that width is under `below_points`.
    EvenShare { min_points: f32, below_points: f32 },
}

impl ColumnLimit {
    /// The widest a column may be, in points, in a table `available_width`
    /// points wide of `columns` columns `gap` points apart.
    fn max_col_width(self, available_width: f32, columns: u8, gap: f32) -> f32 {
        match self {
            Self::Unlimited => f32::INFINITY,
            Self::Points(points) => points,
            Self::EvenShare { below_points, .. } if available_width >= below_points => f32::INFINITY,
            Self::EvenShare { min_points, .. } => {
                let count = f32::from(columns.max(1));
                ((available_width - gap * (count - 1.0)) / count).max(min_points)
            }
        }
    }
}

/// A table of labels in columns, built like an egui widget:
/// `Table::new("fit-table", 3).gap(18.0).header(&["From", "Fit rate",
/// "Rolling average"]).show(ui, |ui| { /* cells, ui.end_row() */ })`.
/// Striped, with egui's item spacing and no limit on the columns' width
/// unless told otherwise. Each cell is what the rows put in it, with its
/// own label for a screen reader.
#[must_use = "a table is drawn by `show`"]
pub struct Table<'a> {
    id_salt: egui::IdSalt,
    columns: u8,
    gap_points: Option<f32>,
    row_gap_points: Option<f32>,
    striped: bool,
    limit: ColumnLimit,
    header: &'a [&'a str],
}

impl<'a> Table<'a> {
    /// A striped table of `columns` columns; `id_salt` keeps its column
    /// widths apart from another table's on the same page.
    pub fn new(id_salt: impl egui::AsIdSalt, columns: u8) -> Self {
        Self {
            id_salt: egui::IdSalt::new(id_salt),
            columns,
            gap_points: None,
            row_gap_points: None,
            striped: true,
            limit: ColumnLimit::Unlimited,
            header: &[],
        }
    }

    /// The space between two columns, in points.
    pub fn gap(mut self, points: f32) -> Self {
        self.gap_points = Some(points);
        self
    }

    /// The space between two rows, in points.
    pub fn row_gap(mut self, points: f32) -> Self {
        self.row_gap_points = Some(points);
        self
    }

    /// Whether every other row is shaded (the default); a list of pairs
    /// read as prose is easier to read without.
    pub fn striped(mut self, striped: bool) -> Self {
        self.striped = striped;
        self
    }

    /// No column wider than `points`: longer text wraps.
    pub fn max_col_width(mut self, points: f32) -> Self {
        self.limit = ColumnLimit::Points(points);
        self
    }

    /// The columns share the width evenly (less the gaps) and wrap their
    /// text, none narrower than `min_points`: for columns of prose.
    pub fn share_width(mut self, min_points: f32) -> Self {
        self.limit = ColumnLimit::EvenShare { min_points, below_points: f32::INFINITY };
        self
    }

    /// In a narrow (zoomed) page the columns share the width evenly, so
    /// long headers and labels wrap instead of running off the right edge;
    /// in a wide one there is no limit.
    pub fn share_width_when_narrow(mut self) -> Self {
        self.limit = ColumnLimit::EvenShare { min_points: SHARED_COLUMN_MIN_WIDTH, below_points: TABLE_WRAP_WIDTH };
        self
    }

    /// A first row of these headers, in bold (an empty one over a column of
    /// row names).
    pub fn header(mut self, header: &'a [&'a str]) -> Self {
        self.header = header;
        self
    }

    /// Draws the header, then the rows `add_rows` adds: a cell a widget,
    /// each row ended with `ui.end_row()`.
    pub fn show<R>(self, ui: &mut Ui, add_rows: impl FnOnce(&mut Ui) -> R) -> InnerResponse<R> {
        let spacing = ui.spacing().item_spacing;
        let gap = self.gap_points.unwrap_or(spacing.x);
        let row_gap = self.row_gap_points.unwrap_or(spacing.y);
        let max_col_width = self.limit.max_col_width(ui.available_width(), self.columns, gap);
        let header = self.header;
        egui::Grid::new(self.id_salt)
            .num_columns(usize::from(self.columns))
            .striped(self.striped)
            .spacing([gap, row_gap])
            .max_col_width(max_col_width)
            .show(ui, |ui| {
                if !header.is_empty() {
                    for title in header {
                        ui.label(RichText::new(*title).strong());
                    }
                    ui.end_row();
                }
                add_rows(ui)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_table_shares_its_width_less_the_gaps() {
        let limit = ColumnLimit::EvenShare { min_points: 48.0, below_points: 900.0 };
        // 600 points, 3 columns 24 apart: (600 - 48) / 3.
        assert!((limit.max_col_width(600.0, 3, 24.0) - 184.0).abs() < f32::EPSILON);
        // The guide's prose shares any width: (2000 - 24) / 2.
        let prose = ColumnLimit::EvenShare { min_points: 60.0, below_points: f32::INFINITY };
        assert!((prose.max_col_width(2000.0, 2, 24.0) - 988.0).abs() < f32::EPSILON);
    }

    #[test]
    fn a_wide_table_keeps_its_text_on_one_line() {
        let limit = ColumnLimit::EvenShare { min_points: 48.0, below_points: 900.0 };
        assert!(limit.max_col_width(900.0, 3, 24.0).is_infinite());
        assert!(ColumnLimit::Unlimited.max_col_width(300.0, 3, 24.0).is_infinite());
    }

    #[test]
    fn a_shared_column_is_never_narrower_than_its_minimum() {
        let limit = ColumnLimit::EvenShare { min_points: 48.0, below_points: 900.0 };
        // 200 points for seven columns 18 apart leaves under 48 each.
        assert!((limit.max_col_width(200.0, 7, 18.0) - 48.0).abs() < f32::EPSILON);
    }
}
