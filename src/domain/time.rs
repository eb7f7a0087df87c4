//! Timestamps are stored as Unix seconds and shown as RFC 3339 UTC.

pub fn rfc3339(secs: i64) -> String {
    // The records of one command mostly share their instants (created_at = updated_at = now):
    // remember the last one formatted, per thread.
    thread_local! {
        static LAST: std::cell::RefCell<(i64, String)> = const { std::cell::RefCell::new((i64::MIN, String::new())) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != secs {
            *last = (secs, format(secs));
        }
        last.1.clone()
    })
}

fn format(secs: i64) -> String {
    match jiff::Timestamp::from_second(secs) {
        Ok(ts) => ts.to_string(),
        Err(_) => secs.to_string(),
    }
}

/// Whether `secs` is an instant tokenadm can write and show (jiff's range, years -9999 to
/// 9999): a stored instant outside it was not written by tokenadm.
pub fn in_range(secs: i64) -> bool {
    jiff::Timestamp::from_second(secs).is_ok()
}

pub fn rfc3339_opt(secs: Option<i64>) -> Option<String> {
    secs.map(rfc3339)
}

/// An instant as people read it in a message, in UTC: `Tuesday 14 November 2023, 22:13 UTC`
/// (the `#access_token.expires_at_human` tag; RFC 3339 is for machines).
pub fn human(secs: i64) -> String {
    match jiff::Timestamp::from_second(secs) {
        Ok(ts) => ts.strftime("%A %-d %B %Y, %H:%M UTC").to_string(),
        Err(_) => secs.to_string(),
    }
}

/// Seconds in a day: UTC days are what daily limits count in.
pub const DAY: i64 = 86_400;

/// The UTC day an instant falls on, counted from 1970-01-01 (day 0).
pub fn utc_day(secs: i64) -> i64 {
    secs.div_euclid(DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_show_as_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        // The per-thread memo gives each instant its own text, however they alternate.
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn an_instant_out_of_range_shows_as_its_seconds() {
        assert_eq!(rfc3339(i64::MAX), i64::MAX.to_string());
    }

    #[test]
    fn human_instants_and_utc_days() {
        assert_eq!(human(1_700_000_000), "Tuesday 14 November 2023, 22:13 UTC");
        assert_eq!(human(0), "Thursday 1 January 1970, 00:00 UTC");
        assert_eq!(utc_day(0), 0);
        assert_eq!(utc_day(DAY - 1), 0);
        assert_eq!(utc_day(DAY), 1);
        assert_eq!(utc_day(-1), -1);
    }

    #[test]
    fn optional_instants() {
        assert_eq!(rfc3339_opt(None), None);
        assert_eq!(
            rfc3339_opt(Some(0)).as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
    }
}
