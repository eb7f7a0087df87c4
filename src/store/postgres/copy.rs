//! Rows for `COPY … FROM STDIN` in PostgreSQL's text format: fields separated by tabs, rows
//! by newlines, `\N` for NULL, a backslash escaping itself and the separators, `bytea` as
//! `\\x` and hex. One buffer of bytes, sent in one COPY: per row, the server parses a line
//! instead of running a statement's bind and execute.

use std::io::Write;

#[derive(Debug, Default)]
pub(super) struct Rows {
    pub(super) buf: Vec<u8>,
    rows: usize,
    fields: usize,
}

impl Rows {
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    pub fn bytes_len(&self) -> usize {
        self.buf.len()
    }

    fn sep(&mut self) {
        if self.fields > 0 {
            self.buf.push(b'\t');
        }
        self.fields += 1;
    }

    pub fn null(&mut self) {
        self.sep();
        self.buf.extend_from_slice(b"\\N");
    }

    pub fn text(&mut self, v: &str) {
        self.sep();
        for b in v.bytes() {
            match b {
                b'\\' => self.buf.extend_from_slice(b"\\\\"),
                b'\n' => self.buf.extend_from_slice(b"\\n"),
                b'\r' => self.buf.extend_from_slice(b"\\r"),
                b'\t' => self.buf.extend_from_slice(b"\\t"),
                _ => self.buf.push(b),
            }
        }
    }

    pub fn opt_text(&mut self, v: Option<&str>) {
        match v {
            Some(v) => self.text(v),
            None => self.null(),
        }
    }

    pub fn int(&mut self, v: i64) {
        self.sep();
        let _ = write!(self.buf, "{v}");
    }

    pub fn opt_int(&mut self, v: Option<i64>) {
        match v {
            Some(v) => self.int(v),
            None => self.null(),
        }
    }

    pub fn bool(&mut self, v: bool) {
        self.sep();
        self.buf.push(if v { b't' } else { b'f' });
    }

    pub fn bytes(&mut self, v: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.sep();
        self.buf.extend_from_slice(b"\\\\x");
        for b in v {
            self.buf.push(HEX[usize::from(b >> 4)]);
            self.buf.push(HEX[usize::from(b & 0xf)]);
        }
    }

    pub fn opt_bytes(&mut self, v: Option<&[u8]>) {
        match v {
            Some(v) => self.bytes(v),
            None => self.null(),
        }
    }

    pub fn end_row(&mut self) {
        self.buf.push(b'\n');
        self.rows += 1;
        self.fields = 0;
    }

    pub(super) fn clear(&mut self) {
        self.buf.clear();
        self.rows = 0;
        self.fields = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_format() {
        let mut r = Rows::default();
        r.int(7);
        r.text("a\tb\\c\nd");
        r.null();
        r.bytes(&[0, 0xab]);
        r.bool(true);
        r.end_row();
        r.opt_int(None);
        r.end_row();
        assert_eq!(
            String::from_utf8(r.buf.clone()).unwrap(),
            "7\ta\\tb\\\\c\\nd\t\\N\t\\\\x00ab\tt\n\\N\n"
        );
        assert_eq!(r.len(), 2);
    }
}
