//! Timestamps are stored as Unix seconds and shown as RFC 3339 UTC.

pub fn rfc3339(secs: i64) -> String {
    match jiff::Timestamp::from_second(secs) {
        Ok(ts) => ts.to_string(),
        Err(_) => secs.to_string(),
    }
}

pub fn rfc3339_opt(secs: Option<i64>) -> Option<String> {
    secs.map(rfc3339)
}
