//! `DURATION` values of the contract: a whole number with a unit, `30s`, `30m`, `2h`, `90d`
//! (and `w` for weeks). Days are 24 hours: tokenadm measures elapsed time, not calendar time.

use serde::{Deserialize, Deserializer};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration {
    secs: i64,
}

const UNITS: [(char, i64); 5] = [
    ('w', 604_800),
    ('d', 86_400),
    ('h', 3_600),
    ('m', 60),
    ('s', 1),
];

impl Duration {
    pub const ZERO: Duration = Duration { secs: 0 };

    pub fn from_secs(secs: i64) -> Self {
        Duration { secs }
    }

    pub fn as_secs(self) -> i64 {
        self.secs
    }

    pub fn is_zero(self) -> bool {
        self.secs == 0
    }
}

impl FromStr for Duration {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!("\"{text}\" is not a duration; write a whole number with a unit: 30s, 30m, 2h, 90d or 2w")
        };
        let text_trim = text.trim();
        if text_trim.starts_with('-') {
            return Err(format!(
                "\"{text}\" is negative; a duration has no sign: write a whole number with a unit, such as 30s, 30m, 2h, 90d or 2w"
            ));
        }
        let unit = text_trim.chars().last().ok_or_else(bad)?;
        let per = UNITS
            .iter()
            .find(|(u, _)| *u == unit)
            .map(|(_, s)| *s)
            .ok_or_else(bad)?;
        let digits = &text_trim[..text_trim.len() - unit.len_utf8()];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: i64 = digits.parse().map_err(|_| bad())?;
        let secs = n
            .checked_mul(per)
            .filter(|s| *s <= 100 * 365 * 86_400)
            .ok_or_else(|| format!("duration \"{text}\" is too long; the longest is 100 years"))?;
        Ok(Duration { secs })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (unit, per) in UNITS {
            if self.secs != 0 && self.secs % per == 0 {
                return write!(f, "{}{}", self.secs / per, unit);
            }
        }
        write!(f, "{}s", self.secs)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_unit() {
        assert_eq!("30s".parse::<Duration>().unwrap().as_secs(), 30);
        assert_eq!("30m".parse::<Duration>().unwrap().as_secs(), 1800);
        assert_eq!("2h".parse::<Duration>().unwrap().as_secs(), 7200);
        assert_eq!("90d".parse::<Duration>().unwrap().as_secs(), 90 * 86_400);
        assert_eq!("2w".parse::<Duration>().unwrap().as_secs(), 14 * 86_400);
        assert_eq!("0s".parse::<Duration>().unwrap(), Duration::ZERO);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "h",
            "10",
            "1.5h",
            "-1h",
            "10x",
            "1 h",
            "99999999999999999d",
        ] {
            assert!(bad.parse::<Duration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_in_the_largest_whole_unit() {
        assert_eq!(Duration::from_secs(7200).to_string(), "2h");
        assert_eq!(Duration::from_secs(90).to_string(), "90s");
        assert_eq!(Duration::from_secs(0).to_string(), "0s");
    }

    proptest::proptest! {
        #[test]
        fn durations_never_panic(text in "\\PC{0,30}") {
            let _ = text.parse::<Duration>();
        }
    }
}
