//! The import from NetSchool («Сетевой город. Образование», АСУ РСО; SPEC §7): what a
//! student, a parent or a teacher downloads from the portal's web API, turned into events.
//!
//! Pure, as the rest of the core: JSON in, events out. [`Source`] is one downloaded
//! document (its bytes or its parsed value, with the file's name for errors); [`import`]
//! reads every source given together and returns the events — an `extract` first (SPEC
//! §1.3: what the part holds and what its source lacks) — and an [`ImportSummary`] of what
//! was read, made and left out. It never invents a fact: what the source does not say is
//! absent, listed in the extract's `lacks`, or written as [`NOT_GIVEN`] where the register
//! needs a value (a lesson's teacher).
//!
//! Sources, told apart by their shape:
//! - a student's diary (`webapi/student/diary`): one week, a list of weeks, or several
//!   files of one student (`diary.rs`);
//! - a class's journal of one subject (`webapi/grade/journal`), with the class and subject
//!   given in [`Options`], since the response does not name them (`journal.rs`);
//! - the server's assignment types (`webapi/grade/assignment/types`), given as
//!   [`Options::types`] or among the sources: kinds of work are told by the type's name.
//!
//! Bad input is a [`NetschoolError`] naming the file, the path inside the JSON
//! (`weekDays[2].lessons[0].assignments[1].mark.mark`) and the field.

use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

use crate::event::raw::{json_message, parse_date};
use crate::event::MAX_PERIOD_DAYS;
use crate::event::{Class, Event, Lesson, Made, Period, PeriodKind};
use crate::report::Message;
use error::{field_name, options_error};
use json::Obj;

mod diary;
mod error;
mod journal;
mod json;
mod summary;
mod types;
mod words;

pub use error::{Cause, NetschoolError};
pub use summary::ImportSummary;
pub use types::AssignmentTypes;

/// What the register gets where it needs a value the source does not give: the teacher of
/// every lesson, the id of a diary's student when no mark names it. The extract's `lacks`
/// says so (`teacher`).
pub const NOT_GIVEN: &str = "не указан";

/// One downloaded document of the portal: its JSON, and the name of its file for errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    file: Option<String>,
    value: Value,
}

impl Source {
    /// A document already parsed (a Python dict, a JavaScript object, a `serde_json`
    /// value), from the file named `file` if any.
    pub fn from_value(file: Option<&str>, value: Value) -> Source {
        Source {
            file: file.map(str::to_owned),
            value,
        }
    }

    /// A document as bytes (a file's contents). An HTML page, text that is not UTF-8 or
    /// not JSON is an error naming the file (and the line).
    pub fn from_slice(file: Option<&str>, bytes: &[u8]) -> Result<Source, NetschoolError> {
        let error = |line, message: Message| NetschoolError {
            cause: Cause::Input,
            file: file.map(str::to_owned),
            line,
            path: None,
            field: None,
            message: Box::new(message),
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            error(
                None,
                Message::new(
                    format!("текст не в кодировке UTF-8 ({e}): это не JSON портала"),
                    format!("the text cannot be read as UTF-8 ({e}): not the portal's JSON"),
                ),
            )
        })?;
        let body = text.trim_start();
        if body.is_empty() {
            return Err(error(None, Message::new("файл пуст", "the file is empty")));
        }
        if body.starts_with('<') {
            return Err(error(
                Some(line_of(text, body)),
                Message::new(
                    "это страница HTML, а не JSON портала (сохранена страница входа или ошибки?)",
                    "an HTML page, not the portal's JSON (a login or error page saved as a file?)",
                ),
            ));
        }
        let value = serde_json::from_str(text).map_err(|e| {
            let line = Some(e.line()).filter(|&l| l > 0);
            error(line, Message::serde(json_message(&e)))
        })?;
        Ok(Source::from_value(file, value))
    }

    /// The file's name, if given.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }
}

/// The 1-based line where `rest`, a tail of `text`, begins.
fn line_of(text: &str, rest: &str) -> usize {
    let head = text.get(..text.len() - rest.len()).unwrap_or("");
    head.bytes().filter(|&b| b == b'\n').count() + 1
}

/// What the import needs to know that the sources do not say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The server's assignment types (`webapi/grade/assignment/types`); without them, the
    /// names of ids 1–16 shared by every server (SPEC §7).
    pub types: Option<Source>,
    /// The class's grade, over the number its name begins with.
    pub grade: Option<i64>,
    /// A class journal's class, by name («7А»): the journal does not name it.
    pub class: Option<String>,
    /// A class journal's subject, as the school names it: the journal does not name it.
    pub subject: Option<String>,
    /// A class journal's study period, `KIND:START:END` (`quarter:2024-09-02:2024-10-27`):
    /// its totals become final marks of this period.
    pub period: Option<String>,
}

/// The events of the sources, the `extract` first, and what the import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub events: Vec<Event>,
    pub summary: ImportSummary,
}

/// Reads every source given together (one student's diary weeks, or one class journal,
/// and any assignment types among them) into events.
pub fn import(sources: &[Source], options: &Options) -> Result<Import, NetschoolError> {
    let mut found: Vec<(At, Shape, &Value)> = Vec::new();
    if let Some(types) = &options.types {
        for (at, shape) in shapes(types)? {
            if shape != Shape::Types {
                return Err(at.error(
                    None,
                    Message::new(
                        "вместо типов заданий дан дневник или журнал класса",
                        "a diary or a class journal given as the assignment types",
                    ),
                ));
            }
            found.push((at.clone(), shape, document(types, &at)));
        }
    }
    for source in sources {
        for (at, shape) in shapes(source)? {
            let value = document(source, &at);
            found.push((at, shape, value));
        }
    }
    let mut diaries = Vec::new();
    let mut journals = Vec::new();
    let mut listed = Vec::new();
    for (at, shape, value) in &found {
        match shape {
            Shape::Diary => diaries.push(Obj::new(value, String::new(), at)?),
            Shape::Journal => journals.push(Obj::new(value, String::new(), at)?),
            Shape::Types => listed.extend(read_types(at, value)?),
        }
    }
    let mut summary = ImportSummary::default();
    let types = if listed.is_empty() && options.types.is_none() {
        AssignmentTypes::default()
    } else {
        summary.types_list = true;
        summary.read("assignment_types", listed.len());
        AssignmentTypes::with_list(listed)
    };
    let events = match (diaries.is_empty(), journals.as_slice()) {
        (false, []) => {
            journal_options_unused(options)?;
            diary::import(&diaries, &types, options, &mut summary)?
        }
        (true, [journal]) => journal::import(journal, &types, options, &mut summary)?,
        (true, []) => {
            return Err(NetschoolError {
                cause: Cause::Input,
                file: sources.first().and_then(|s| s.file.clone()),
                line: None,
                path: None,
                field: None,
                message: Box::new(Message::new(
                    "среди файлов нет ни дневника ученика, ни журнала класса",
                    "no student diary or class journal among the inputs",
                )),
            })
        }
        (false, [journal, ..]) => {
            return Err(journal.at().error(
                None,
                Message::new(
                    "журнал класса дан вместе с дневником ученика: импортируйте их отдельно",
                    "a class journal given with a student's diary: import each on its own",
                ),
            ));
        }
        (true, [_, second, ..]) => {
            return Err(second.at().error(
                None,
                Message::new(
                    "второй журнал класса: импортируйте журналы по одному (у каждого свой \
                     предмет, который указывается с ним)",
                    "a second class journal: import one class journal at a time (each is of \
                     its own subject, given with it)",
                ),
            ));
        }
    };
    summary.count_made(&events);
    Ok(Import { events, summary })
}

/// The value a shape was found at: the document, or one element of a list of documents.
fn document<'v>(source: &'v Source, at: &At) -> &'v Value {
    match at.element {
        Some(i) => source.value.get(i).unwrap_or(&Value::Null),
        None => &source.value,
    }
}

fn journal_options_unused(options: &Options) -> Result<(), NetschoolError> {
    for (name, given) in [
        ("class", options.class.is_some()),
        ("subject", options.subject.is_some()),
        ("period", options.period.is_some()),
    ] {
        if given {
            return Err(options_error(
                name,
                Message::new(
                    "нужен только для журнала класса: дневник ученика сам называет свой класс и \
                     предметы",
                    "is for a class journal: a student's diary names its class and subjects \
                     itself",
                ),
            ));
        }
    }
    Ok(())
}

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Diary,
    Journal,
    Types,
}

/// The documents in a source: itself, or each element of a list of diary weeks.
fn shapes(source: &Source) -> Result<Vec<(At, Shape)>, NetschoolError> {
    let whole = At {
        file: source.file.clone(),
        element: None,
    };
    if let Some(shape) = shape_of(&source.value) {
        return Ok(vec![(whole, shape)]);
    }
    let Value::Array(items) = &source.value else {
        return Err(whole.error(None, not_netschool(&source.value)));
    };
    let Some(first) = items.first() else {
        return Ok(Vec::new());
    };
    if first.get("name").is_some() && first.get("id").is_some() {
        return Ok(vec![(whole, Shape::Types)]);
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = At {
            file: source.file.clone(),
            element: Some(i),
        };
        match shape_of(item) {
            Some(shape @ (Shape::Diary | Shape::Journal)) => out.push((at, shape)),
            _ => return Err(at.error(Some(String::new()), not_netschool(item))),
        }
    }
    Ok(out)
}

fn shape_of(value: &Value) -> Option<Shape> {
    let object = value.as_object()?;
    if object.contains_key("weekDays") {
        Some(Shape::Diary)
    } else if object.contains_key("journals") {
        Some(Shape::Journal)
    } else {
        None
    }
}

/// What a document that is none of the portal's looks like.
fn not_netschool(value: &Value) -> Message {
    const EXPECTED: &str = "not a NetSchool student diary (`webapi/student/diary`, with \
                            `weekDays`), class journal (`webapi/grade/journal`, with \
                            `journals`) or list of assignment types";
    const EXPECTED_RU: &str = "это не дневник ученика из NetSchool (`webapi/student/diary`, с \
                               `weekDays`), не журнал класса (`webapi/grade/journal`, с \
                               `journals`) и не список типов заданий";
    let register = Message::new(
        "это журнал в формате ekzh, а не ответ NetSchool: проверьте его как есть, без импорта",
        "an ekzh register, not a NetSchool response: check it as it is, without the import",
    );
    let (ru, en) = match value {
        Value::Object(object) if object.contains_key("type") || object.contains_key("events") => {
            return register
        }
        Value::Object(object) if object.is_empty() => {
            ("пустой объект".to_owned(), "an empty object".to_owned())
        }
        Value::Object(object) => {
            let keys: Vec<String> = object.keys().take(5).map(|k| format!("`{k}`")).collect();
            let more = if object.len() > 5 { " …" } else { "" };
            (
                format!("объект с ключами {}{more}", keys.join(", ")),
                format!("an object with {}{more}", keys.join(", ")),
            )
        }
        Value::Array(items) => match items.first() {
            Some(Value::Object(first)) if first.contains_key("type") => return register,
            _ => (
                "список чего-то другого".to_owned(),
                "a list of something else".to_owned(),
            ),
        },
        Value::String(_) => ("текст".to_owned(), "a string".to_owned()),
        Value::Number(_) => ("число".to_owned(), "a number".to_owned()),
        Value::Bool(_) => ("логическое значение".to_owned(), "a boolean".to_owned()),
        Value::Null => ("`null`".to_owned(), "`null`".to_owned()),
    };
    Message::new(format!("{ru}: {EXPECTED_RU}"), format!("{en}: {EXPECTED}"))
}

fn read_types(at: &At, value: &Value) -> Result<Vec<(i64, String)>, NetschoolError> {
    let Some(entries) = value.as_array() else {
        return Err(at.error(
            None,
            Message::serde(json::invalid(value, "a list of assignment types")),
        ));
    };
    let mut out = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let entry = Obj::new(entry, format!("[{i}]"), at)?;
        let id = entry.required("id", Obj::integer)?;
        let name = entry.required("name", Obj::text)?;
        out.push((id, name.to_owned()));
    }
    Ok(out)
}

/// Where in the sources a document is: its file, and its index in a list of documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct At {
    file: Option<String>,
    element: Option<usize>,
}

impl At {
    /// The full path of `path` inside the document, from the file's root.
    fn full(&self, path: &str) -> String {
        match (self.element, path) {
            (Some(i), "") => format!("[{i}]"),
            (Some(i), p) if p.starts_with('[') => format!("[{i}]{p}"),
            (Some(i), p) => format!("[{i}].{p}"),
            (None, p) => p.to_owned(),
        }
    }

    /// An error at `path` inside the document (`None`: the document as a whole).
    fn error(&self, path: Option<String>, message: Message) -> NetschoolError {
        let path = path.map(|p| self.full(&p)).filter(|p| !p.is_empty());
        NetschoolError {
            cause: Cause::Input,
            file: self.file.clone(),
            line: None,
            field: path.as_deref().map(field_name),
            path,
            message: Box::new(message),
        }
    }
}

/// `object.field`, or `field` at the root.
fn join(object: &str, field: &str) -> String {
    if object.is_empty() {
        field.to_owned()
    } else {
        format!("{object}.{field}")
    }
}

/// The class a source is of: its name is its id, its grade the number the name begins
/// with, unless the grade is given.
fn class(
    name: &str,
    grade: Option<i64>,
    at: impl FnOnce(Message) -> NetschoolError,
) -> Result<Class, NetschoolError> {
    let grade = match grade {
        Some(grade) => u8::try_from(grade)
            .ok()
            .filter(|g| (1..=11).contains(g))
            .ok_or_else(|| {
                options_error(
                    "grade",
                    Message::new(
                        format!("`{grade}` — не школьная параллель (1–11)"),
                        format!("the grade `{grade}` is not a school grade (1–11)"),
                    ),
                )
            })?,
        None => {
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                return Err(at(Message::new(
                    format!("в названии класса `{name}` нет номера параллели: укажите параллель"),
                    format!("the class `{name}` has no grade number in its name: give the grade"),
                )));
            }
            digits
                .parse::<u8>()
                .ok()
                .filter(|g| (1..=11).contains(g))
                .ok_or_else(|| {
                    at(Message::new(
                        format!(
                            "класс `{name}` — параллели {digits}, а это не школьная параллель \
                             (1–11): укажите параллель"
                        ),
                        format!(
                            "the class `{name}` is of grade {digits}, not a school grade \
                             (1–11): give the grade"
                        ),
                    ))
                })?
        }
    };
    Ok(Class {
        id: name.to_owned(),
        grade,
        name: Some(name.to_owned()),
    })
}

/// A study period given as `KIND:START:END`.
fn period(text: &str) -> Result<Period, NetschoolError> {
    let bad = |ru: &str, en: &str| {
        options_error(
            "period",
            Message::new(
                format!(
                    "`{text}` {ru} (ожидается ВИД:НАЧАЛО:КОНЕЦ, например \
                     `quarter:2024-09-02:2024-10-27`)"
                ),
                format!(
                    "`{text}` {en} (expected KIND:START:END, such as \
                     `quarter:2024-09-02:2024-10-27`)"
                ),
            ),
        )
    };
    let mut parts = text.split(':').map(str::trim);
    let (Some(kind), Some(start), Some(end), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad("— не учебный период", "is not a period"));
    };
    let kind = PeriodKind::parse(kind).ok_or_else(|| {
        bad(
            &format!(
                "— неизвестный вид периода `{kind}`: `четверть`, `триместр`, `полугодие`, `год`"
            ),
            &format!(
                "names no kind of period `{kind}`: `quarter`, `trimester`, `half_year`, `year`"
            ),
        )
    })?;
    let date = |text: &str| -> Result<NaiveDate, NetschoolError> {
        parse_date(text).ok_or_else(|| {
            bad(
                &format!("— `{text}` не дата ГГГГ-ММ-ДД"),
                &format!("has `{text}`, not a date YYYY-MM-DD"),
            )
        })
    };
    let (start, end) = (date(start)?, date(end)?);
    if end < start {
        return Err(bad("— конец раньше начала", "ends before it starts"));
    }
    if (end - start).num_days() + 1 > MAX_PERIOD_DAYS {
        return Err(bad(
            "— длиннее учебного года",
            "is longer than a school year",
        ));
    }
    Ok(Period {
        id: format!("{kind} {start}..{end}"),
        kind,
        start,
        end,
        grades: None,
    })
}

/// A lesson as a source gives it, its work to come from its assignments: what the source
/// does not give is absent, and its teacher is [`NOT_GIVEN`].
fn lesson(
    id: String,
    class: &str,
    group: Option<String>,
    subject: &str,
    date: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
) -> Lesson {
    Lesson {
        id,
        class: class.to_owned(),
        group,
        subject: subject.to_owned(),
        teacher: NOT_GIVEN.to_owned(),
        date,
        start,
        end,
        topic: None,
        work: Vec::new(),
        briefing: Vec::new(),
        section: None,
        substitute: false,
        made: Made::default(),
    }
}
