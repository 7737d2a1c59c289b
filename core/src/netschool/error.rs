//! What is wrong with a download or an option, and where.

use std::fmt;

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

pub(super) fn options_error(option: &str, message: &str) -> NetschoolError {
    NetschoolError {
        cause: Cause::Options,
        file: None,
        line: None,
        path: None,
        field: Some(option.to_owned()),
        message: message.to_owned(),
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
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for NetschoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(file) = &self.file {
            place.push(format!("`{file}`"));
        }
        if let Some(line) = self.line {
            place.push(format!("line {line}"));
        }
        match (&self.path, &self.field, self.cause) {
            (Some(path), _, _) => place.push(format!("field `{path}`")),
            (None, Some(option), Cause::Options) => place.push(format!("option `{option}`")),
            _ => {}
        }
        if !place.is_empty() {
            write!(f, "{}: ", place.join(", "))?;
        }
        f.write_str(&self.message)
    }
}
