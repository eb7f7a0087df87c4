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

pub fn rfc3339_opt(secs: Option<i64>) -> Option<String> {
    secs.map(rfc3339)
}
