//! Writing one event as one line of JSON, field by field, without building a value first.

use std::fmt::Write as _;

/// School-local time: seconds since 1970-01-01 00:00 on the school's wall clock.
pub type Time = i64;

/// One JSON object being written into a line; `at` written with the school's UTC offset
/// (`+04:00`).
pub struct Line<'o> {
    buf: String,
    offset: &'o str,
}

impl<'o> Line<'o> {
    /// Starts `{"type":"<ty>"`.
    pub fn new(ty: &str, offset: &'o str) -> Line<'o> {
        let mut buf = String::with_capacity(160);
        buf.push_str("{\"type\":\"");
        buf.push_str(ty);
        buf.push('"');
        Line { buf, offset }
    }

    fn key(&mut self, key: &str) {
        self.buf.push_str(",\"");
        self.buf.push_str(key);
        self.buf.push_str("\":");
    }

    pub fn str(mut self, key: &str, value: &str) -> Line<'o> {
        self.key(key);
        escape(&mut self.buf, value);
        self
    }

    pub fn num(mut self, key: &str, value: i64) -> Line<'o> {
        self.key(key);
        let _ = write!(self.buf, "{value}");
        self
    }

    pub fn bool(mut self, key: &str, value: bool) -> Line<'o> {
        self.key(key);
        self.buf.push_str(if value { "true" } else { "false" });
        self
    }

    pub fn nums(mut self, key: &str, values: &[i64]) -> Line<'o> {
        self.key(key);
        self.buf.push('[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            let _ = write!(self.buf, "{v}");
        }
        self.buf.push(']');
        self
    }

    pub fn strs<S: AsRef<str>>(mut self, key: &str, values: &[S]) -> Line<'o> {
        self.key(key);
        self.buf.push('[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            escape(&mut self.buf, v.as_ref());
        }
        self.buf.push(']');
        self
    }

    /// `{"subject": "group", ...}`
    pub fn map<K: AsRef<str>, V: AsRef<str>>(mut self, key: &str, pairs: &[(K, V)]) -> Line<'o> {
        self.key(key);
        self.buf.push('{');
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            escape(&mut self.buf, k.as_ref());
            self.buf.push(':');
            escape(&mut self.buf, v.as_ref());
        }
        self.buf.push('}');
        self
    }

    pub fn date(mut self, key: &str, date: chrono::NaiveDate) -> Line<'o> {
        self.key(key);
        let _ = write!(self.buf, "\"{}\"", date.format("%Y-%m-%d"));
        self
    }

    /// A time of day, `HH:MM`, from minutes after midnight.
    pub fn clock(mut self, key: &str, minutes: u16) -> Line<'o> {
        self.key(key);
        let _ = write!(self.buf, "\"{:02}:{:02}\"", minutes / 60, minutes % 60);
        self
    }

    /// `"at"` as RFC 3339 with the school's offset, and `"by"`.
    pub fn made(self, at: Time, by: &str) -> Line<'o> {
        self.at(at).str("by", by)
    }

    pub fn at(mut self, at: Time) -> Line<'o> {
        self.key("at");
        let secs = at.rem_euclid(86_400);
        let date = chrono::DateTime::from_timestamp(at.div_euclid(86_400) * 86_400, 0)
            .map(|d| d.date_naive())
            .unwrap_or_default();
        let _ = write!(
            self.buf,
            "\"{}T{:02}:{:02}:{:02}{}\"",
            date.format("%Y-%m-%d"),
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            self.offset
        );
        self
    }

    /// Closes the object and the line.
    pub fn end(mut self) -> String {
        self.buf.push_str("}\n");
        self.buf
    }
}

fn escape(buf: &mut String, text: &str) {
    buf.push('"');
    for c in text.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '\n' => buf.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(buf, "\\u{:04x}", c as u32);
            }
            c => buf.push(c),
        }
    }
    buf.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_json_that_serde_reads() {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 9, 2).unwrap();
        let at = date.and_hms_opt(14, 5, 7).unwrap().and_utc().timestamp();
        let line = Line::new("lesson", "+04:00")
            .str("id", "l\"1\\")
            .num("n", 5)
            .clock("start", 8 * 60 + 30)
            .date("date", date)
            .strs("work", &["a", "b"])
            .map("groups", &[("Английский язык", "1")])
            .made(at, "t1")
            .end();
        let v: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
        assert_eq!(v["id"], "l\"1\\");
        assert_eq!(v["start"], "08:30");
        assert_eq!(v["at"], "2024-09-02T14:05:07+04:00");
        assert_eq!(v["groups"]["Английский язык"], "1");
    }
}
