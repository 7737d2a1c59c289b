//! What is wrong with a download or an option, and where.

use std::fmt;

use crate::report::{Lang, Message};

/// The name of the field a path ends in: `mark` of `weekDays[2].lessons[0].mark.mark`,
/// `weekDays` of `weekDays[2]`.
pub(super) fn field_name(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let name = last.split('[').next().unwrap_or(last);
    if name.is_empty() {
        last.to_owned()
    } else {
        name.to_owned()
    }
}

pub(super) fn options_error(option: &str, message: Message) -> NetschoolError {
    NetschoolError {
        cause: Cause::Options,
        file: None,
        line: None,
        path: None,
        field: Some(option.to_owned()),
        message: Box::new(message),
    }
}

/// Whether an error is in the documents or in the options the import was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// A document of another shape: another endpoint's JSON, an HTML page, a field of the
    /// wrong type, a required field missing.
    Input,
    /// An option that cannot be used (a journal without its class, a bad period).
    Options,
}

/// A source that cannot be imported: its file, the line (for text that is not JSON), the
/// path inside the JSON and the field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct NetschoolError {
    pub cause: Cause,
    /// The file, as the caller named it.
    pub file: Option<String>,
    /// The 1-based line, for a file that is not JSON.
    pub line: Option<usize>,
    /// The path inside the JSON: `weekDays[2].lessons[0].assignments[1].mark.mark`. For an
    /// option, `None`.
    pub path: Option<String>,
    /// The field at fault: the last name of `path` (`mark`), or the option (`grade`).
    pub field: Option<String>,
    /// What is wrong, in Russian and English (boxed: an error is rare, its `Result`s are
    /// everywhere).
    pub message: Box<Message>,
}

impl NetschoolError {
    /// The error in one language: «`week.json`, поле `weekDays[2].day`: …».
    pub fn localized(&self, lang: Lang) -> String {
        let (line, field, option) = match lang {
            Lang::Ru => ("строка", "поле", "параметр"),
            Lang::En => ("line", "field", "option"),
        };
        let mut place = Vec::new();
        if let Some(file) = &self.file {
            place.push(format!("`{file}`"));
        }
        if let Some(l) = self.line {
            place.push(format!("{line} {l}"));
        }
        match (&self.path, &self.field, self.cause) {
            (Some(path), _, _) => place.push(format!("{field} `{path}`")),
            (None, Some(name), Cause::Options) => place.push(format!("{option} `{name}`")),
            _ => {}
        }
        let message = self.message.get(lang);
        if place.is_empty() {
            message.to_owned()
        } else {
            format!("{}: {message}", place.join(", "))
        }
    }
}

impl fmt::Display for NetschoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}
