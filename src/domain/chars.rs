//! Character classes, shared by pass-code and identifier rules so that a definition's
//! `min_lowercase`, `min_digits` and `min_special` mean the same in both tables: *lowercase* and
//! *uppercase* are Unicode's (`char::is_lowercase`, `char::is_uppercase`), so "é" is lowercase
//! and a CJK ideograph is neither; *digits* are Unicode numerics (`char::is_numeric`, so "٣"
//! counts); *special* is any other character that is neither whitespace nor a control character
//! ("-", "€", "😀"). Spaces are allowed, for pass phrases, but count as nothing.

/// How many characters of each class a string holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassCounts {
    pub chars: usize,
    pub lowercase: usize,
    pub uppercase: usize,
    pub digits: usize,
    pub special: usize,
    pub control: usize,
}

impl ClassCounts {
    pub fn of(s: &str) -> Self {
        let mut n = ClassCounts::default();
        for c in s.chars() {
            n.chars += 1;
            if c.is_control() {
                n.control += 1;
            } else if c.is_lowercase() {
                n.lowercase += 1;
            } else if c.is_uppercase() {
                n.uppercase += 1;
            } else if c.is_numeric() {
                n.digits += 1;
            } else if !c.is_alphanumeric() && !c.is_whitespace() {
                n.special += 1;
            }
        }
        n
    }
}

/// "1 lowercase letter", "3 digits": the counts in messages read as sentences.
pub(crate) fn count_of(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_counted_in_unicode() {
        let n = ClassCounts::of("aéB Ä1٣-€😀漢\t");
        assert_eq!(
            n,
            ClassCounts {
                chars: 12,
                lowercase: 2,
                uppercase: 2,
                digits: 2,
                special: 3,
                control: 1,
            }
        );
    }
}
