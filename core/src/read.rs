//! Reading a register from bytes: a JSON array of events, an object `{"events": [...]}`, or
//! NDJSON (one event per line), told apart by their first bytes.
//!
//! Every error names the event (its 0-based index), the line, and the field.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::event::raw::{json_message, read_json};
use crate::event::{Event, EventError};
use crate::report::{Lang, Message};

/// Bad input: which event, on which line, which field, and what is wrong.
///
/// It displays in English; [`InputError::localized`] says it in either language. Either way
/// the event is named as people count: by its line when the input had lines, else by its
/// number from 1 (`line 51`, `event 51`; «строка 51», «событие 51»).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub struct InputError {
    /// The 0-based index of the event in the input; `None` when the input is broken outside
    /// any event.
    pub event: Option<usize>,
    /// The 1-based line where the event starts (for NDJSON, its line).
    pub line: Option<usize>,
    /// The path of the offending field, such as `value` or `students[2]`.
    pub field: Option<String>,
    /// What is wrong, in Russian and English.
    pub message: Message,
}

/// An input error said in one language (see [`InputError::localized`]).
#[derive(Debug, Clone, Copy)]
pub struct LocalizedError<'a> {
    error: &'a InputError,
    lang: Lang,
}

impl fmt::Display for LocalizedError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.error;
        let place = e.place(self.lang);
        f.write_str(&place)?;
        if !place.is_empty() {
            f.write_str(": ")?;
        }
        f.write_str(e.message.get(self.lang))
    }
}

impl InputError {
    /// The error in one language: «строка 51, поле `class`: нет поля».
    ///
    /// ```
    /// use ekzh_core::{read, Lang};
    /// let error = read(b"{\"type\":\"class\",\"id\":\"5a\"}").next().unwrap().unwrap_err();
    /// assert_eq!(error.localized(Lang::Ru).to_string(), "строка 1, поле `grade`: нет поля");
    /// assert_eq!(error.to_string(), "line 1, field `grade`: is missing");
    /// ```
    pub fn localized(&self, lang: Lang) -> LocalizedError<'_> {
        LocalizedError { error: self, lang }
    }

    /// The error without the input it quotes: every text in backticks or double quotes in
    /// its message, in either language, becomes `…`, so that an error about a child's
    /// record does not show their id or name (an engine with pseudonyms reports its errors
    /// so). The event, line and field stay.
    ///
    /// ```
    /// use ekzh_core::{Event, InputError};
    /// let error = Event::from_json(r#"{"type":"student","id":"s1","class":"1a","since":"Иванов"}"#).unwrap_err();
    /// let error = InputError::at(Some(0), Some(1), error).without_input();
    /// assert!(!error.to_string().contains("Иванов"), "{error}");
    /// assert!(!error.message.ru.contains("Иванов"), "{}", error.message.ru);
    /// ```
    pub fn without_input(mut self) -> Self {
        self.message = self.message.without_quoted();
        self
    }

    /// Where the error is, in one language: its line, else its event's number from 1, and
    /// its field (`line 51, field `class``); empty when nothing places it.
    pub fn place(&self, lang: Lang) -> String {
        let (line, event, field) = match lang {
            Lang::Ru => ("строка", "событие", "поле"),
            Lang::En => ("line", "event", "field"),
        };
        let mut parts = Vec::new();
        match (self.line, self.event) {
            (Some(l), _) => parts.push(format!("{line} {l}")),
            (None, Some(e)) => parts.push(format!("{event} {}", e + 1)),
            (None, None) => {}
        }
        if let Some(f) = &self.field {
            parts.push(format!("{field} `{f}`"));
        }
        parts.join(", ")
    }

    /// An event's error placed in the input: the event's 0-based index and its line, where
    /// the face knows them (a list of objects has no lines).
    ///
    /// ```
    /// use ekzh_core::{Event, InputError};
    /// let error = Event::from_json(r#"{"type":"class","id":"5a","grade":12}"#).unwrap_err();
    /// let error = InputError::at(Some(7), Some(9), error);
    /// assert_eq!((error.event, error.line), (Some(7), Some(9)));
    /// assert_eq!(error.field.as_deref(), Some("grade"));
    /// ```
    pub fn at(event: Option<usize>, line: Option<usize>, error: EventError) -> Self {
        InputError {
            event,
            line,
            field: error.field,
            message: error.message,
        }
    }
}

/// How a register is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `[{...}, {...}]`
    Array,
    /// `{"events": [{...}, {...}]}`, or a single event object spread over lines.
    Object,
    /// One event per line.
    Ndjson,
}

impl Format {
    /// Tells the format of a whole input.
    pub fn detect(input: &[u8]) -> Format {
        Format::detect_start(input).unwrap_or_else(|| {
            // The first line holds no whole object: one object spread over lines when the
            // input is one JSON value. When it is not, NDJSON whose first line is broken if
            // that line closes itself as NDJSON lines do, or one of the next few lines holds
            // a whole object on its own (each line is then read, and reported, on its own);
            // else an object spread over lines and broken or cut off, reported where it
            // breaks (the elements of a pretty-printed `events` list end with commas).
            if serde_json::from_slice::<IgnoredAny>(trim_start(input)).is_ok() {
                return Format::Object;
            }
            let mut lines = input
                .split(|&b| b == b'\n')
                .map(|line| trim_start(line).trim_ascii_end())
                .filter(|line| !line.is_empty());
            let first_closes = lines.next().is_some_and(|line| line.ends_with(b"}"));
            let whole_line = lines.take(4).any(|line| {
                line.starts_with(b"{") && serde_json::from_slice::<IgnoredAny>(line).is_ok()
            });
            if first_closes || whole_line {
                Format::Ndjson
            } else {
                Format::Object
            }
        })
    }

    /// Tells the format from the start of an input, when its first line is enough; `None`
    /// when the first line holds no whole object and the whole input must be seen.
    pub fn detect_start(start: &[u8]) -> Option<Format> {
        let body = trim_start(start);
        Some(match body.first() {
            Some(b'[') => Format::Array,
            Some(b'{') => {
                #[derive(Deserialize)]
                struct Probe {
                    events: Option<IgnoredAny>,
                    #[serde(rename = "type")]
                    ty: Option<IgnoredAny>,
                }
                let first_line = body.split(|&b| b == b'\n').next().unwrap_or(body);
                match serde_json::from_slice::<Probe>(first_line) {
                    Ok(probe) if probe.events.is_some() && probe.ty.is_none() => Format::Object,
                    Ok(_) => Format::Ndjson,
                    Err(_) => return None,
                }
            }
            _ => Format::Ndjson,
        })
    }
}

/// The UTF-8 byte order mark some Windows exporters put first.
const BOM: &[u8] = "\u{feff}".as_bytes();

fn trim_start(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes).trim_ascii_start()
}

/// One line of NDJSON that holds an event, and its place in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NdjsonLine<'a> {
    /// The line without its newline, the spaces around it and a byte order mark.
    pub text: &'a [u8],
    /// The 0-based index of its event.
    pub event: usize,
    /// Its 1-based line number.
    pub line: usize,
}

/// The lines of NDJSON that hold an event, numbered: the one way every face splits NDJSON.
///
/// A line is a run of bytes up to a newline (`\n`; a `\r` before it is a space), and the
/// bytes after the last newline if there are any. A line that holds only spaces — or only a
/// byte order mark, as an exporter that writes one on a line of its own leaves — is counted
/// but holds no event: the next event keeps the next index.
///
/// ```
/// use ekzh_core::NdjsonLines;
/// let input = b"\xEF\xBB\xBF\r\n{\"type\":\"class\"}\r\n\n  {\"type\":\"staff\"}";
/// let lines: Vec<_> = NdjsonLines::new(input).map(|l| (l.event, l.line, l.text)).collect();
/// assert_eq!(lines, [(0, 2, &b"{\"type\":\"class\"}"[..]), (1, 4, &b"{\"type\":\"staff\"}"[..])]);
/// ```
#[derive(Debug, Clone)]
pub struct NdjsonLines<'a> {
    rest: &'a [u8],
    events: usize,
    lines: usize,
}

impl<'a> NdjsonLines<'a> {
    /// The lines of a whole input.
    pub fn new(input: &'a [u8]) -> Self {
        NdjsonLines::after(input, 0, 0)
    }

    /// The lines of a part of a longer input that starts after `events` events on `lines`
    /// lines: for NDJSON read in chunks of whole lines.
    pub fn after(part: &'a [u8], events: usize, lines: usize) -> Self {
        NdjsonLines {
            rest: part,
            events,
            lines,
        }
    }

    /// The events found so far, those before the part included: once the part is read, the
    /// `events` of the part after it.
    pub fn events(&self) -> usize {
        self.events
    }

    /// The lines read so far, those before the part included: once the part is read, the
    /// `lines` of the part after it.
    pub fn lines(&self) -> usize {
        self.lines
    }
}

impl<'a> Iterator for NdjsonLines<'a> {
    type Item = NdjsonLine<'a>;

    fn next(&mut self) -> Option<NdjsonLine<'a>> {
        while !self.rest.is_empty() {
            let (line, rest) = match memchr::memchr(b'\n', self.rest) {
                Some(end) => {
                    let (line, rest) = self.rest.split_at(end);
                    (line, rest.get(1..).unwrap_or_default())
                }
                None => (self.rest, &[][..]),
            };
            self.rest = rest;
            self.lines += 1;
            let text = line.trim_ascii();
            let text = text
                .strip_prefix(BOM)
                .map_or(text, <[u8]>::trim_ascii_start);
            if !text.is_empty() {
                let found = NdjsonLine {
                    text,
                    event: self.events,
                    line: self.lines,
                };
                self.events += 1;
                return Some(found);
            }
        }
        None
    }
}

/// Reads one line of NDJSON: the event with index `event` on line `line` (1-based).
pub fn read_line(bytes: &[u8], event: usize, line: usize) -> Result<Event, InputError> {
    read_line_as(bytes, event, line)
}

/// [`read_line`], the event's text borrowed from `bytes` (see
/// [`Event::from_json_borrowed`]).
pub fn read_line_borrowed(
    bytes: &[u8],
    event: usize,
    line: usize,
) -> Result<Event<Cow<'_, str>>, InputError> {
    read_line_as(bytes, event, line)
}

/// [`read_line`], the event's text as any `S` made from the text read: `String`, a
/// borrowed `Cow`, or a string type that keeps short texts inline.
pub fn read_line_as<'a, S: From<Cow<'a, str>>>(
    bytes: &'a [u8],
    event: usize,
    line: usize,
) -> Result<Event<S>, InputError> {
    let at = |error| InputError::at(Some(event), Some(line), error);
    // The file's byte order mark, on its first line.
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        // Where it goes wrong, from std's check, which says where.
        Err(_) => std::str::from_utf8(bytes).map_err(|e| at(utf8_error(bytes, &e)))?,
    };
    read_json(text).map_err(at)
}

fn utf8_error(bytes: &[u8], error: &std::str::Utf8Error) -> EventError {
    let byte = bytes.get(error.valid_up_to()).copied().unwrap_or_default();
    EventError {
        field: None,
        message: Message::new(
            format!("текст не в кодировке UTF-8 (байт 0x{byte:02X}): сохраните файл в UTF-8"),
            format!("invalid UTF-8 (byte 0x{byte:02X})"),
        ),
    }
}

/// The events of a register, in input order, their text as `S`: see [`read`] and
/// [`read_borrowed`].
pub struct Events<'a, S = String> {
    inner: Inner<'a>,
    next: usize,
    text: PhantomData<S>,
    /// The line where the item last returned starts.
    line: Option<usize>,
}

impl<S> Events<'_, S> {
    /// The 1-based line where the event last returned starts (`None` before the first):
    /// for naming an event that reads well but does not fit the register.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

enum Inner<'a> {
    Lines(NdjsonLines<'a>),
    Elements {
        elements: std::vec::IntoIter<&'a RawValue>,
        lines: LineCounter<'a>,
        tail: Option<InputError>,
    },
    Done,
}

/// Reads a register from bytes in any of the three [`Format`]s.
///
/// Each item is one event or the error of one event. NDJSON reading goes on after a bad
/// line; a JSON array or object stops at the first place where it is no longer JSON.
///
/// ```
/// let input = br#"[{"type":"class","id":"5a","grade":5}]"#;
/// let events: Vec<_> = ekzh_core::read(input).collect::<Result<_, _>>().unwrap();
/// assert_eq!(events.len(), 1);
/// ```
pub fn read(input: &[u8]) -> Events<'_> {
    read_as(input)
}

/// [`read`], each event's text borrowed from `input` (see [`Event::from_json_borrowed`]):
/// for a reader that stores the events and drops them.
pub fn read_borrowed(input: &[u8]) -> Events<'_, Cow<'_, str>> {
    read_as(input)
}

fn read_as<S>(input: &[u8]) -> Events<'_, S> {
    let inner = match Format::detect(input) {
        Format::Ndjson => Inner::Lines(NdjsonLines::new(input)),
        Format::Array | Format::Object => split(input),
    };
    Events {
        inner,
        next: 0,
        text: PhantomData,
        line: None,
    }
}

impl<'a, S: From<Cow<'a, str>>> Iterator for Events<'a, S> {
    type Item = Result<Event<S>, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let index = self.next;
        let item = match &mut self.inner {
            Inner::Done => return None,
            Inner::Lines(lines) => {
                let Some(line) = lines.next() else {
                    self.inner = Inner::Done;
                    return None;
                };
                self.line = Some(line.line);
                read_line_as(line.text, line.event, line.line)
            }
            Inner::Elements {
                elements,
                lines,
                tail,
            } => match elements.next() {
                Some(raw) => {
                    let line = lines.line_of(raw.get());
                    self.line = Some(line);
                    read_json(raw.get()).map_err(|e| InputError::at(Some(index), Some(line), e))
                }
                None => {
                    let tail = tail.take();
                    self.inner = Inner::Done;
                    self.line = tail.as_ref().and_then(|e| e.line);
                    return tail.map(Err);
                }
            },
        };
        self.next += 1;
        Some(item)
    }
}

/// Finds the line of a slice of the input; slices are asked for in increasing order.
struct LineCounter<'a> {
    input: &'a str,
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_of(&mut self, part: &str) -> usize {
        let start = (part.as_ptr() as usize).saturating_sub(self.input.as_ptr() as usize);
        if start < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let between = self.input.get(self.offset..start).unwrap_or_default();
        self.line += between.bytes().filter(|&b| b == b'\n').count();
        self.offset = start;
        self.line
    }
}

/// Splits a JSON array or `{"events": [...]}` into its elements, keeping their text.
fn split(input: &[u8]) -> Inner<'_> {
    let done = |error| Inner::Elements {
        elements: Vec::new().into_iter(),
        lines: LineCounter {
            input: "",
            offset: 0,
            line: 1,
        },
        tail: Some(error),
    };
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => {
            // Find the event holding the bad byte: split the valid part before it.
            let valid = input
                .get(..e.valid_up_to())
                .and_then(|v| std::str::from_utf8(v).ok())
                .unwrap_or_default();
            let mut list = List::default();
            let event = split_into(valid, &mut list)
                .err()
                .and_then(|_| list.open.then_some(list.out.len()));
            let line = 1 + valid.bytes().filter(|&b| b == b'\n').count();
            return done(InputError::at(event, Some(line), utf8_error(input, &e)));
        }
    };
    let mut list = List::default();
    let tail = split_into(text, &mut list).err().map(|e| InputError {
        event: list.open.then_some(list.out.len()),
        line: (e.line() > 0).then_some(e.line()),
        field: None,
        message: Message::serde(json_message(&e)),
    });
    Inner::Elements {
        elements: list.out.into_iter(),
        lines: LineCounter {
            input: text,
            offset: 0,
            line: 1,
        },
        tail,
    }
}

/// The elements read so far, and whether the reader is inside the list (so that an error
/// belongs to the next element).
#[derive(Default)]
struct List<'a> {
    out: Vec<&'a RawValue>,
    open: bool,
}

fn split_into<'a>(text: &'a str, list: &mut List<'a>) -> Result<(), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let single = de::Deserializer::deserialize_any(&mut de, Top { list: &mut *list })?;
    de.end()?;
    if single {
        // An object without `events`: a single event spread over lines.
        list.out.push(serde_json::from_str::<&RawValue>(text)?);
    }
    Ok(())
}

/// The top level: an array of events, or an object whose `events` is one.
/// Answers whether the input was a single object with no `events` key.
struct Top<'c, 'a> {
    list: &'c mut List<'a>,
}

impl<'de> Visitor<'de> for Top<'_, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events, or an object with `events`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        Elements { list: self.list }.visit_seq(seq)?;
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "events" && !found {
                map.next_value_seed(Elements {
                    list: &mut *self.list,
                })?;
                found = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(!found)
    }
}

struct Elements<'c, 'a> {
    list: &'c mut List<'a>,
}

impl<'de> DeserializeSeed<'de> for Elements<'_, 'de> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.list.open = true;
        while let Some(element) = seq.next_element::<&'de RawValue>()? {
            self.list.out.push(element);
        }
        self.list.open = false;
        Ok(())
    }
}

/// A text with every quoted part, in backticks or double quotes, made `…`.
pub(crate) fn without_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['`', '"']) {
        let (before, quoted) = rest.split_at(open);
        out.push_str(before);
        let mut chars = quoted.chars();
        let quote = chars.next().unwrap_or('`');
        let inner = chars.as_str();
        match inner.find(quote) {
            Some(close) => {
                out.push(quote);
                out.push('…');
                out.push(quote);
                rest = inner.get(close + quote.len_utf8()..).unwrap_or_default();
            }
            None => {
                out.push_str(quoted);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(input: &[u8]) -> Vec<(Option<usize>, Option<usize>)> {
        read(input)
            .filter_map(Result::err)
            .map(|e| (e.event, e.line))
            .collect()
    }

    #[test]
    fn formats_are_told_apart() {
        assert_eq!(Format::detect(b"  [{}]"), Format::Array);
        assert_eq!(Format::detect(b"{\"events\": []}"), Format::Object);
        assert_eq!(
            Format::detect(b"{\n  \"events\": [\n  ]\n}\n"),
            Format::Object
        );
        assert_eq!(
            Format::detect(b"{\"type\":\"class\"}\n{\"type\":\"class\"}"),
            Format::Ndjson
        );
        assert_eq!(
            Format::detect(b"{\"type\":\"class\",\n\"id\":\"5a\",\"grade\":5}"),
            Format::Object
        );
        assert_eq!(Format::detect_start(b"{\n"), None);
        // A broken line that closes itself is a line of NDJSON; a broken start that does
        // not, and no whole line after it, an object spread over lines.
        assert_eq!(
            Format::detect(b"{\"type\":\"class\",bad}\n"),
            Format::Ndjson
        );
        assert_eq!(Format::detect(b"{\"events\": [{\"type\":"), Format::Object);
        assert_eq!(
            Format::detect(b"{\"as_of\": \"2024-10-27\",\n \"events\": [\n{\"type\":\"class\"},\n"),
            Format::Object
        );
    }

    #[test]
    fn a_broken_first_line_does_not_hide_the_rest() {
        let input = b"{\"type\":\"class\",\"id\":\n{\"type\":\"class\",\"id\":\"5a\",\"grade\":5}\n{\"type\":\"x\"}\n";
        assert_eq!(Format::detect(input), Format::Ndjson);
        let events: Vec<_> = read(input).collect();
        assert_eq!(events.len(), 3);
        assert!(events.get(1).is_some_and(Result::is_ok));
        assert_eq!(errors(input), [(Some(0), Some(1)), (Some(2), Some(3))]);
    }

    #[test]
    fn a_cut_off_object_is_read_up_to_the_cut() {
        let input = b"{\"as_of\": \"2024-10-27T12:00:00+04:00\",\n \"events\": [\n{\"type\":\"class\",\"id\":\"5a\",\"grade\":5},\n{\"type\":\"class\",\"id\":\"5b\",\"grade\":5},\n";
        assert_eq!(Format::detect(input), Format::Object);
        let events: Vec<_> = read(input).collect();
        assert_eq!(events.len(), 3);
        assert_eq!(errors(input), [(Some(2), Some(5))]);
    }

    #[test]
    fn a_byte_order_mark_is_not_an_event() {
        let line = b"{\"type\":\"class\",\"id\":\"5a\",\"grade\":5}";
        for input in [
            [BOM, line, b"\r\n", line, b"\r\n"].concat(),
            [BOM, b"[", line, b"]"].concat(),
            [BOM, b"{\"events\": [", line, b"]}"].concat(),
        ] {
            assert!(read(&input).all(|e| e.is_ok()), "{input:?}");
        }
        assert!(read_line(&[BOM, line].concat(), 0, 1).is_ok());
    }

    #[test]
    fn a_line_holding_only_a_byte_order_mark_is_blank() {
        // Such a line holds no event: the events after it keep their indices, as after a
        // blank line, whether the input is read whole or in parts.
        let class = b"{\"type\":\"class\",\"id\":\"5a\",\"grade\":5}";
        let input = [BOM, b"\r\n", class, b"\n", BOM, b" \n\n", BOM, class, b"\n"].concat();
        let whole: Vec<_> = NdjsonLines::new(&input)
            .map(|l| (l.event, l.line))
            .collect();
        assert_eq!(whole, [(0, 2), (1, 5)]);
        assert!(NdjsonLines::new(&input).all(|l| l.text == class));
        assert!(read(&input).all(|e| e.is_ok()));
        assert_eq!(read(&input).count(), 2);
        for cut in 0..input.len() {
            let (first, second) = input.split_at(cut);
            if cut > 0 && first.last() != Some(&b'\n') {
                continue;
            }
            let mut lines = NdjsonLines::new(first);
            let mut parts: Vec<_> = lines.by_ref().map(|l| (l.event, l.line)).collect();
            let second = NdjsonLines::after(second, lines.events(), lines.lines());
            parts.extend(second.map(|l| (l.event, l.line)));
            assert_eq!(parts, whole, "cut at {cut}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error() {
        for open in ["[", "{\"a\":"] {
            let deep = open.repeat(100_000);
            assert!(read(deep.as_bytes()).any(|e| e.is_err()), "{open}");
        }
    }
}
