//! Python values into the core's events, policy and moment; the core's errors into the
//! package's exceptions. Conversion only: what an event or a policy may hold is the core's
//! business, and its errors (with their event, line and field) pass through unchanged.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyList, PyMapping, PyString, PyTuple, PyType};

use ekzh_core::{Event, EventError, InputError, Lang, OnError, Policy, PolicyError, Pseudonyms};

use crate::de::PyDe;

/// A register as the caller gave it.
pub enum Events {
    /// JSON or NDJSON bytes, read by the core's reader.
    Bytes(PyBackedBytes),
    /// JSON or NDJSON text, read by the core's reader.
    Text(PyBackedStr),
    /// A file of JSON or NDJSON, read as the CLI reads it (`ekzh_io`): NDJSON in chunks;
    /// several files of one register, read one after the other.
    Files(Vec<PathBuf>),
    /// Events converted from Python objects, each with its error.
    Read(Vec<Result<Event, InputError>>),
}

static PATH_LIKE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static POLICY_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub fn is_path(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let path_like = PATH_LIKE.import(obj.py(), "os", "PathLike")?;
    obj.is_instance(path_like)
}

/// The register: text and bytes go to the core's reader whole; a dict `{"events": [...]}`
/// or an iterable gives its items one by one (a dict without `events` is one event).
/// With `on_error="raise"` conversion stops at the first bad item.
pub fn events(obj: &Bound<'_, PyAny>, on_error: OnError, lang: Lang) -> PyResult<Events> {
    let py = obj.py();
    if let Ok(text) = obj.cast::<PyString>() {
        return PyBackedStr::try_from(text.clone())
            .map(Events::Text)
            .map_err(|e| input_error(py, &not_unicode(None, &e.to_string()), lang));
    }
    if let Ok(bytes) = obj.extract::<PyBackedBytes>() {
        return Ok(Events::Bytes(bytes));
    }
    if is_path(obj)? {
        return Ok(Events::Files(vec![obj.extract()?]));
    }
    if let Some(paths) = paths(obj)? {
        return Ok(Events::Files(paths));
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        let key = pyo3::intern!(py, "events");
        if mapping.contains(key)? {
            let inner = mapping.get_item(key)?;
            if inner.is_instance_of::<PyString>()
                || inner.is_instance_of::<PyBytes>()
                || inner.cast::<PyMapping>().is_ok()
            {
                return Err(PyTypeError::new_err("`events` must be a list of events"));
            }
            return items(&inner, on_error);
        }
        return Ok(Events::Read(vec![event(obj, 0)]));
    }
    match obj.try_iter() {
        Ok(_) => items(obj, on_error),
        Err(_) => Err(PyTypeError::new_err(format!(
            "events must be a list of dicts, JSON or NDJSON as str or bytes, or a path; got {}",
            obj.get_type().name()?
        ))),
    }
}

/// A list or tuple of paths (several files of one register), or `None` for anything else.
fn paths(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<PathBuf>>> {
    let items = if let Ok(list) = obj.cast::<PyList>() {
        list.iter().collect::<Vec<_>>()
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Ok(None);
    };
    if items.is_empty() {
        return Ok(None);
    }
    let mut paths = Vec::with_capacity(items.len());
    for item in &items {
        if !is_path(item)? {
            return Ok(None);
        }
        paths.push(item.extract()?);
    }
    Ok(Some(paths))
}

/// `pseudonymize`: the key of the pseudonyms, as `bytes` (or `bytearray`), or the path of
/// a key file (its bytes, as the CLI's `--pseudonymize-key` reads it); `None` for none.
pub fn key(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Pseudonyms>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let py = obj.py();
    let bytes: Vec<u8> = if let Ok(bytes) = obj.extract::<PyBackedBytes>() {
        bytes.to_vec()
    } else if is_path(obj)? {
        let path: PathBuf = obj.extract()?;
        py.detach(|| std::fs::read(&path))
            .map_err(|e| io_error(&path, e))?
    } else {
        return Err(PyTypeError::new_err(format!(
            "pseudonymize must be the key as bytes or the path of a key file; got {}",
            obj.get_type().name()?
        )));
    };
    Pseudonyms::new(&bytes)
        .map(Some)
        .map_err(|e| PyValueError::new_err(format!("pseudonymize: {e}")))
}

/// An engine for one register: with pseudonyms when there is a key.
pub fn engine(policy: Policy, key: Option<&Pseudonyms>) -> ekzh_core::Engine {
    match key {
        Some(key) => ekzh_core::Engine::with_pseudonyms(policy, key.clone()),
        None => ekzh_core::Engine::new(policy),
    }
}

fn items(obj: &Bound<'_, PyAny>, on_error: OnError) -> PyResult<Events> {
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (index, item) in obj.try_iter()?.enumerate() {
        let read = event(&item?, index);
        let failed = read.is_err();
        out.push(read);
        if failed && on_error == OnError::Fail {
            break;
        }
    }
    Ok(Events::Read(out))
}

/// One event: a dict (any mapping), or one JSON object as `str` or `bytes`. The error
/// carries `index` as its event.
pub fn event(obj: &Bound<'_, PyAny>, index: usize) -> Result<Event, InputError> {
    let at = |error| InputError::at(Some(index), None, error);
    if let Ok(text) = obj.cast::<PyString>() {
        return match text.to_cow() {
            Ok(text) => Event::from_json(&text).map_err(at),
            Err(e) => Err(not_unicode(Some(index), &e.to_string())),
        };
    }
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        // The core's line reader: UTF-8 checked there, with its message.
        return ekzh_core::read_line(bytes.as_bytes(), index, 1)
            .map_err(|e| InputError { line: None, ..e });
    }
    Event::deserialize_from(PyDe::new(obj)).map_err(at)
}

fn not_unicode(event: Option<usize>, error: &str) -> InputError {
    let error = EventError {
        field: None,
        message: ekzh_core::Message::new(
            format!("текст не читается как UTF-8 ({error})"),
            format!("the text cannot be read as UTF-8 ({error})"),
        ),
    };
    InputError::at(event, None, error)
}

/// The policy: the Regulation's defaults (`None`), a dict, or the path of a JSON or TOML
/// file (the core tells which by its name).
pub fn policy(obj: Option<&Bound<'_, PyAny>>, lang: Lang) -> PyResult<Policy> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Policy::default());
    };
    let py = obj.py();
    if obj.cast::<PyMapping>().is_ok() {
        return Policy::deserialize_from(PyDe::new(obj)).map_err(|e| policy_error(py, &e, lang));
    }
    if obj.is_instance_of::<PyString>() || is_path(obj)? {
        let path: PathBuf = obj.extract()?;
        let text = py
            .detach(|| std::fs::read_to_string(&path))
            .map_err(|e| io_error(&path, e))?;
        return Policy::from_file_text(&path, &text).map_err(|e| policy_error(py, &e, lang));
    }
    Err(PyTypeError::new_err(format!(
        "policy must be a dict or the path of a JSON or TOML file; got {}",
        obj.get_type().name()?
    )))
}

/// The moment to check at as Python gives it, read with the GIL; what it means is the
/// core's, given the policy ([`AsOf::moment`]).
pub enum AsOf {
    /// Text, read by the core: a date, a date and time in school time, or RFC 3339.
    Text(String),
    /// A naive `datetime`: school time.
    Local(NaiveDateTime),
    /// A `datetime` with a time zone.
    Moment(DateTime<FixedOffset>),
    /// A `date`: the end of that day, school time.
    Day(NaiveDate),
}

impl AsOf {
    /// The moment in the policy's school time; a `ValueError` naming `as_of` otherwise.
    pub fn moment(self, policy: &Policy, lang: Lang) -> PyResult<DateTime<FixedOffset>> {
        let at = match self {
            AsOf::Text(text) => {
                return policy
                    .parse_as_of(&text)
                    .map_err(|e| PyValueError::new_err(format!("as_of: {}", e.localized(lang))))
            }
            AsOf::Local(local) => policy.school_time(local),
            AsOf::Moment(at) => Some(at),
            AsOf::Day(date) => policy.end_of_day(date),
        };
        at.ok_or_else(|| PyValueError::new_err("as_of: out of the calendar's range"))
    }
}

/// `as_of`: a `datetime` (naive: school time), a `date` (the end of that day), or text.
pub fn as_of(obj: &Bound<'_, PyAny>) -> PyResult<AsOf> {
    let py = obj.py();
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(AsOf::Text(text.to_cow()?.into_owned()));
    }
    let int = |name: &str| obj.getattr(name)?.extract::<u32>();
    let date = || -> PyResult<NaiveDate> {
        let year: i32 = obj.getattr("year")?.extract()?;
        NaiveDate::from_ymd_opt(year, int("month")?, int("day")?)
            .ok_or_else(|| PyValueError::new_err("as_of: not a date"))
    };
    if obj.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
        let time = NaiveTime::from_hms_micro_opt(
            int("hour")?,
            int("minute")?,
            int("second")?,
            int("microsecond")?,
        )
        .ok_or_else(|| PyValueError::new_err("as_of: not a time of day"))?;
        let local = date()?.and_time(time);
        let delta = obj.call_method0("utcoffset")?;
        if delta.is_none() {
            return Ok(AsOf::Local(local));
        }
        let days: i32 = delta.getattr("days")?.extract()?;
        let seconds: i32 = delta.getattr("seconds")?.extract()?;
        let offset = days
            .checked_mul(86_400)
            .and_then(|d| d.checked_add(seconds))
            .and_then(FixedOffset::east_opt)
            .ok_or_else(|| PyValueError::new_err("as_of: the UTC offset is out of range"))?;
        return offset
            .from_local_datetime(&local)
            .single()
            .map(AsOf::Moment)
            .ok_or_else(|| PyValueError::new_err("as_of: out of the calendar's range"));
    }
    if obj.is_instance(DATE.import(py, "datetime", "date")?)? {
        return Ok(AsOf::Day(date()?));
    }
    Err(PyTypeError::new_err(format!(
        "as_of must be a datetime, a date or a string (31.10.2024, 2024-10-31 18:00, RFC 3339); \
         got {}",
        obj.get_type().name()?
    )))
}

pub fn lang(text: &str) -> PyResult<Lang> {
    Lang::parse(text).ok_or_else(|| {
        PyValueError::new_err(format!("lang must be \"ru\" or \"en\", got {text:?}"))
    })
}

pub fn on_error(text: &str) -> PyResult<OnError> {
    match text {
        "raise" => Ok(OnError::Fail),
        "skip" => Ok(OnError::Skip),
        _ => Err(PyValueError::new_err(format!(
            "on_error must be \"raise\" or \"skip\", got {text:?}"
        ))),
    }
}

/// `ekzh.InputError`: the core's error, its text, and its event, line and field.
pub fn input_error(py: Python<'_>, e: &InputError, lang: Lang) -> PyErr {
    input_error_text(py, e, e.localized(lang).to_string(), lang)
}

/// `ekzh.InputError` of one of several files of a register: its text names the file.
pub fn input_error_in(py: Python<'_>, path: &Path, e: &InputError, lang: Lang) -> PyErr {
    input_error_text(
        py,
        e,
        format!("`{}`: {}", path.display(), e.localized(lang)),
        lang,
    )
}

fn input_error_text(py: Python<'_>, e: &InputError, text: String, lang: Lang) -> PyErr {
    match INPUT_ERROR.import(py, "ekzh._errors", "InputError") {
        Ok(ty) => PyErr::from_type(
            ty.clone(),
            (
                text,
                e.message.get(lang).to_owned(),
                e.event,
                e.line,
                e.field.clone(),
            ),
        ),
        Err(err) => err,
    }
}

/// `ekzh.PolicyError` (a `ValueError`) naming the key.
pub fn policy_error(py: Python<'_>, e: &PolicyError, lang: Lang) -> PyErr {
    match POLICY_ERROR.import(py, "ekzh._errors", "PolicyError") {
        Ok(ty) => PyErr::from_type(
            ty.clone(),
            (
                e.localized(lang),
                e.message.get(lang).to_owned(),
                e.field.clone(),
            ),
        ),
        Err(err) => err,
    }
}

/// An `OSError` of the right subclass (`FileNotFoundError` …) naming the file.
pub fn io_error(path: &Path, e: std::io::Error) -> PyErr {
    let name = path.display().to_string();
    match e.raw_os_error() {
        Some(errno) => PyOSError::new_err((errno, e.to_string(), name)),
        None => PyOSError::new_err(format!("cannot read `{name}`: {e}")),
    }
}
