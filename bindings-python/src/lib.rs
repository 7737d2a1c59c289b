//! `import ekzh`: the Python face of ekzh (SPEC §5).
//!
//! A thin layer over `ekzh-core`: it turns Python values into the core's events, policy and
//! moment, and the core's report and errors into Python objects. Every check is the core's.
//!
//! - [`check`]: a whole register — a list of dicts, JSON/NDJSON `str` or `bytes` (read by the
//!   core's reader, no Python objects made), or a path — checked with the GIL released;
//! - [`Engine`]: entries pushed one by one, and the audit at a date;
//! - [`rules`]: the catalogue.
//!
//! The Python package (`python/ekzh/__init__.py`) re-exports these and defines the
//! exceptions `InputError` and `PolicyError`, which this module raises.

use std::sync::{PoisonError, RwLock};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use ekzh_core::Lang;

mod de;
mod input;
mod netschool;
mod report;

use input::{input_error, Events};
use report::{Finding, Report};

/// Checks a register at `as_of` and returns the report.
///
/// `events`: a list (or any iterable) of event dicts; a dict `{"events": [...]}`; JSON or
/// NDJSON as `str` or `bytes`; or a path (`pathlib.Path`, any `os.PathLike`) to such a file.
/// `as_of`: a `datetime` (naive: school time, the policy's `utc_offset`), a `date` (the end
/// of that day, school time), or an RFC 3339 string (or `YYYY-MM-DD`). `policy`: a dict, or
/// the path of a JSON or TOML file. `on_error`: `"raise"` (an `InputError` for the first bad
/// event) or `"skip"` (every good event is checked, each bad one is an `input_error`
/// finding).
///
/// `source="netschool"`: `events` is what NetSchool (АСУ РСО) exports, as
/// `ekzh.netschool.events` takes it with `types`, `grade`, `class_name`, `subject` and
/// `period`; it is imported, then checked.
#[pyfunction]
#[pyo3(signature = (
    events, as_of, policy=None, lang="ru", on_error="raise",
    source="ekzh", types=None, grade=None, class_name=None, subject=None, period=None,
))]
#[allow(clippy::too_many_arguments)]
fn check(
    py: Python<'_>,
    events: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
    lang: &str,
    on_error: &str,
    source: &str,
    types: Option<&Bound<'_, PyAny>>,
    grade: Option<i64>,
    class_name: Option<String>,
    subject: Option<String>,
    period: Option<String>,
) -> PyResult<Report> {
    let policy = input::policy(policy)?;
    let lang = input::lang(lang)?;
    let on_error = input::on_error(on_error)?;
    let as_of = input::as_of(as_of, policy.utc_offset.0)?;
    let import = netschool::ImportOptions {
        types,
        grade,
        class_name,
        subject,
        period,
    };
    match source {
        "netschool" => {
            let imported = netschool::import(py, events, import)?;
            let report = py.detach(|| {
                let mut engine = ekzh_core::Engine::new(policy);
                ekzh_core::load(&mut engine, imported.events.into_iter().map(Ok), on_error)
                    .map(|()| engine.audit(as_of))
            });
            return Ok(Report::new(report.map_err(|e| input_error(py, &e))?, lang));
        }
        "ekzh" if import.any() => {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "types, grade, class_name, subject and period are for source=\"netschool\"",
            ))
        }
        "ekzh" => {}
        _ => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "source must be \"ekzh\" or \"netschool\", got {source:?}"
            )))
        }
    }
    let checked = match input::events(events, on_error)? {
        Events::Bytes(bytes) => {
            py.detach(|| ekzh_core::check_bytes(&bytes, as_of, &policy, on_error))
        }
        Events::Text(text) => {
            py.detach(|| ekzh_core::check_bytes(text.as_bytes(), as_of, &policy, on_error))
        }
        Events::File(path) => {
            let bytes = py
                .detach(|| std::fs::read(&path))
                .map_err(|e| input::io_error(&path, e))?;
            py.detach(|| ekzh_core::check_bytes(&bytes, as_of, &policy, on_error))
        }
        Events::Read(read) => py.detach(move || {
            let mut engine = ekzh_core::Engine::new(policy);
            ekzh_core::load(&mut engine, read, on_error)?;
            Ok(engine.audit(as_of))
        }),
    };
    let report = checked.map_err(|e| input_error(py, &e))?;
    Ok(Report::new(report, lang))
}

/// Checks a register entry by entry, as a portal receives it.
///
/// `push(event)` stores an entry and returns what is wrong with it, judged as it was made;
/// `audit(as_of)` returns every finding at a date: those told on entry and those overdue.
///
/// One engine may be shared between threads: pushes and inserts take their turn, audits
/// run side by side, and the GIL is released while one waits for another (without the
/// lock, a push during another thread's audit failed with "Already borrowed" and the entry
/// was lost).
#[pyclass(module = "ekzh", name = "Engine", frozen)]
struct Engine {
    engine: RwLock<ekzh_core::Engine>,
    lang: Lang,
}

impl Engine {
    /// Reads the engine (its length, its policy), waiting for a writer with the GIL
    /// released.
    fn read<T: Send>(&self, py: Python<'_>, f: impl FnOnce(&ekzh_core::Engine) -> T + Send) -> T {
        if let Ok(engine) = self.engine.try_read() {
            return f(&engine);
        }
        py.detach(|| f(&self.engine.read().unwrap_or_else(PoisonError::into_inner)))
    }

    /// Stores an event: converted with the GIL, stored with the engine to itself, waited
    /// for with the GIL released. A bad event is named with the index it would have had.
    fn store<T: Send>(
        &self,
        py: Python<'_>,
        event: &Bound<'_, PyAny>,
        with: impl FnOnce(&mut ekzh_core::Engine, ekzh_core::Event) -> Result<T, ekzh_core::InputError>
            + Send,
    ) -> PyResult<T> {
        let index = self.read(py, ekzh_core::Engine::len);
        let event = input::event(event, index).map_err(|e| input_error(py, &e))?;
        let stored = py.detach(|| {
            let mut engine = self.engine.write().unwrap_or_else(PoisonError::into_inner);
            with(&mut engine, event)
        });
        stored.map_err(|e| input_error(py, &e))
    }
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (policy=None, lang="ru"))]
    fn new(policy: Option<&Bound<'_, PyAny>>, lang: &str) -> PyResult<Self> {
        Ok(Engine {
            engine: RwLock::new(ekzh_core::Engine::new(input::policy(policy)?)),
            lang: input::lang(lang)?,
        })
    }

    /// Stores an event (a dict, or one JSON object as `str`/`bytes`) and returns the
    /// findings about it that are final now.
    fn push(&self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<Vec<Finding>> {
        let findings = self.store(py, event, |engine, event| engine.push(event))?;
        Ok(findings
            .into_iter()
            .map(|f| Finding::new(f, self.lang))
            .collect())
    }

    /// Stores an event without judging it: its findings come with the audit.
    fn insert(&self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        self.store(py, event, |engine, event| engine.insert(event))
    }

    /// Every finding at `as_of`: the entries made by then judged as they were made, and
    /// what is overdue by then. The GIL is released while the register is audited.
    fn audit(&self, py: Python<'_>, as_of: &Bound<'_, PyAny>) -> PyResult<Report> {
        let offset = self.read(py, |engine| engine.policy().utc_offset.0);
        let as_of = input::as_of(as_of, offset)?;
        let report = py.detach(|| {
            let engine = self.engine.read().unwrap_or_else(PoisonError::into_inner);
            engine.audit(as_of)
        });
        Ok(Report::new(report, self.lang))
    }

    /// Events taken so far: the index the next event gets.
    fn __len__(&self, py: Python<'_>) -> usize {
        self.read(py, ekzh_core::Engine::len)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "<ekzh.Engine: {} events>",
            self.read(py, ekzh_core::Engine::len)
        )
    }
}

/// Every rule of the catalogue, in order: `id`, `clause`, `severity`, `when`, `summary`
/// and `doc` (as `ekzh rules --format json` prints them).
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for rule in ekzh_core::catalogue() {
        let dict = PyDict::new(py);
        dict.set_item("id", rule.id)?;
        dict.set_item("clause", rule.clause)?;
        dict.set_item("severity", rule.severity.as_str())?;
        dict.set_item("when", rule.when.as_str())?;
        dict.set_item("summary", rule.summary())?;
        dict.set_item("doc", rule.documentation())?;
        list.append(dict)?;
    }
    Ok(list)
}

#[pymodule]
fn _ekzh(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(netschool::_netschool_import, m)?)?;
    m.add_class::<Engine>()?;
    m.add_class::<Report>()?;
    m.add_class::<Finding>()?;
    Ok(())
}
