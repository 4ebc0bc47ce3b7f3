//! Counting words: one place that decides "1 decision" against "3
//! decisions", for every sentence Keel writes (UI, CLI, briefs).

/// "1 decision", "3 decisions", "0 weeks": `n` and the noun in the right
/// number.
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The noun alone in the right number for `n` ("week" or "weeks").
#[must_use]
pub fn noun<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `text` with its first letter in capitals: an error message from the
/// library ("the title is empty") as a sentence on screen.
#[must_use]
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "decision", "decisions"), "1 decision");
        assert_eq!(count(0, "decision", "decisions"), "0 decisions");
        assert_eq!(count(21, "day", "days"), "21 days");
        assert_eq!(noun(1, "week", "weeks"), "week");
    }

    #[test]
    fn a_message_starts_a_sentence() {
        assert_eq!(capitalised("the date is empty"), "The date is empty");
        assert_eq!(capitalised(""), "");
    }
}
