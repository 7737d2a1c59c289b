//! `ekzh.netschool`: the core's NetSchool importer (SPEC §7) for Python. Conversion only:
//! the downloads as Python holds them into the core's sources, the events and the summary
//! back as plain dicts, the core's errors into `ekzh.NetschoolError` (a `ekzh.InputError`)
//! or `ValueError` for an option.

use std::path::PathBuf;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use pythonize::pythonize;
use serde::Deserialize;

use ekzh_core::netschool::{self, Cause, Import, NetschoolError, Options, Source};
use ekzh_core::Lang;

use crate::de::PyDe;
use crate::input::io_error;

static NETSCHOOL_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The import's options, as the Python functions take them.
pub struct ImportOptions<'a, 'py> {
    pub types: Option<&'a Bound<'py, PyAny>>,
    pub grade: Option<i64>,
    pub class_name: Option<String>,
    pub subject: Option<String>,
    pub period: Option<String>,
}

impl ImportOptions<'_, '_> {
    /// Whether any option is given (they mean nothing to a register of events).
    pub fn any(&self) -> bool {
        self.types.is_some_and(|t| !t.is_none())
            || self.grade.is_some()
            || self.class_name.is_some()
            || self.subject.is_some()
            || self.period.is_some()
    }
}

/// Imports the downloads: files are read and the JSON parsed with the GIL released.
pub fn import(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    options: ImportOptions<'_, '_>,
    lang: Lang,
) -> PyResult<Import> {
    let given = sources(source)?;
    let types = match options.types.filter(|t| !t.is_none()) {
        Some(types) => {
            let mut read = sources(types)?;
            if read.len() != 1 {
                return Err(PyTypeError::new_err(
                    "types must be one list of assignment types (a list, its JSON, or a path)",
                ));
            }
            read.pop()
        }
        None => None,
    };
    let options = Options {
        types: None,
        grade: options.grade,
        class: options.class_name,
        subject: options.subject,
        period: options.period,
    };
    py.detach(move || {
        let sources = given
            .into_iter()
            .map(Given::into_source)
            .collect::<Result<Vec<_>, _>>()?;
        let types = types.map(Given::into_source).transpose()?;
        netschool::import(&sources, &Options { types, ..options }).map_err(Failed::Import)
    })
    .map_err(|failed| match failed {
        Failed::Import(e) => netschool_error(py, &e, lang),
        Failed::Io(path, e) => io_error(&path, e),
    })
}

/// `ekzh._ekzh._netschool_import`: `{"events": [...], "summary": {...}, "text": "..."}`.
#[pyfunction]
#[pyo3(signature = (source, types=None, grade=None, class_name=None, subject=None, period=None, lang="ru"))]
#[allow(clippy::too_many_arguments)]
pub fn _netschool_import<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    types: Option<&Bound<'py, PyAny>>,
    grade: Option<i64>,
    class_name: Option<String>,
    subject: Option<String>,
    period: Option<String>,
    lang: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let lang = crate::input::lang(lang)?;
    let imported = import(
        py,
        source,
        ImportOptions {
            types,
            grade,
            class_name,
            subject,
            period,
        },
        lang,
    )?;
    let events = PyList::empty(py);
    for event in &imported.events {
        events.append(json(py, event)?)?;
    }
    let out = PyDict::new(py);
    out.set_item("events", events)?;
    out.set_item("summary", json(py, &imported.summary)?)?;
    out.set_item("text", imported.summary.text(lang))?;
    Ok(out)
}

/// A value as the Python value of its JSON (so that a summary's type ids are text keys, as
/// in every other face).
fn json<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(pythonize(py, &value)?)
}

/// A download as the caller gave it, before it is parsed.
enum Given {
    File(PathBuf),
    Bytes(PyBackedBytes),
    Text(String),
    Value(serde_json::Value),
}

enum Failed {
    Import(NetschoolError),
    Io(PathBuf, std::io::Error),
}

impl Given {
    fn into_source(self) -> Result<Source, Failed> {
        match self {
            Given::File(path) => {
                let bytes = std::fs::read(&path).map_err(|e| Failed::Io(path.clone(), e))?;
                Source::from_slice(Some(&path.display().to_string()), &bytes)
                    .map_err(Failed::Import)
            }
            Given::Bytes(bytes) => Source::from_slice(None, &bytes).map_err(Failed::Import),
            Given::Text(text) => Source::from_slice(None, text.as_bytes()).map_err(Failed::Import),
            Given::Value(value) => Ok(Source::from_value(None, value)),
        }
    }
}

fn is_path(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    static PATH_LIKE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    obj.is_instance(PATH_LIKE.import(obj.py(), "os", "PathLike")?)
}

/// The downloads: a path, a list of paths, JSON as `str` or `bytes`, or the parsed JSON (a
/// dict, or a list of them) as a client hands it out.
fn sources(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Given>> {
    if is_path(obj)? {
        return Ok(vec![Given::File(obj.extract()?)]);
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(vec![Given::Text(text.to_cow()?.into_owned())]);
    }
    if let Ok(bytes) = obj.extract::<PyBackedBytes>() {
        return Ok(vec![Given::Bytes(bytes)]);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items: Vec<Bound<'_, PyAny>> = obj.try_iter()?.collect::<PyResult<_>>()?;
        if !items.is_empty() && items.iter().all(|i| is_path(i).unwrap_or(false)) {
            return items
                .iter()
                .map(|i| Ok(Given::File(i.extract()?)))
                .collect();
        }
    }
    serde_json::Value::deserialize(PyDe::new(obj))
        .map(|value| vec![Given::Value(value)])
        .map_err(|e| {
            PyTypeError::new_err(format!(
                "source must be a NetSchool response (a dict, or a list of them), its JSON as \
                 str or bytes, or a path (or a list of paths): {e}"
            ))
        })
}

/// `ekzh.NetschoolError` for a download that cannot be imported; `ValueError` for an option.
pub fn netschool_error(py: Python<'_>, e: &NetschoolError, lang: Lang) -> PyErr {
    if e.cause == Cause::Options {
        return PyValueError::new_err(e.localized(lang));
    }
    match NETSCHOOL_ERROR.import(py, "ekzh._errors", "NetschoolError") {
        Ok(ty) => PyErr::from_type(
            ty.clone(),
            (
                e.localized(lang),
                e.message.get(lang).to_owned(),
                e.line,
                e.field.clone(),
                e.file.clone(),
                e.path.clone(),
            ),
        ),
        Err(err) => err,
    }
}
