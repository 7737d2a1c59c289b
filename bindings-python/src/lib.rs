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

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use ekzh_core::Lang;

mod de;
mod input;
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
#[pyfunction]
#[pyo3(signature = (events, as_of, policy=None, lang="ru", on_error="raise"))]
fn check(
    py: Python<'_>,
    events: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    policy: Option<&Bound<'_, PyAny>>,
    lang: &str,
    on_error: &str,
) -> PyResult<Report> {
    let policy = input::policy(policy)?;
    let lang = input::lang(lang)?;
    let on_error = input::on_error(on_error)?;
    let as_of = input::as_of(as_of, policy.utc_offset.0)?;
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
#[pyclass(module = "ekzh", name = "Engine")]
struct Engine {
    engine: ekzh_core::Engine,
    lang: Lang,
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (policy=None, lang="ru"))]
    fn new(policy: Option<&Bound<'_, PyAny>>, lang: &str) -> PyResult<Self> {
        Ok(Engine {
            engine: ekzh_core::Engine::new(input::policy(policy)?),
            lang: input::lang(lang)?,
        })
    }

    /// Stores an event (a dict, or one JSON object as `str`/`bytes`) and returns the
    /// findings about it that are final now.
    fn push(&mut self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<Vec<Finding>> {
        let index = self.engine.len();
        let event = input::event(event, index).map_err(|e| input_error(py, &e))?;
        let findings = self.engine.push(event).map_err(|e| input_error(py, &e))?;
        Ok(findings
            .into_iter()
            .map(|f| Finding::new(f, self.lang))
            .collect())
    }

    /// Stores an event without judging it: its findings come with the audit.
    fn insert(&mut self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let index = self.engine.len();
        let event = input::event(event, index).map_err(|e| input_error(py, &e))?;
        self.engine.insert(event).map_err(|e| input_error(py, &e))
    }

    /// Every finding at `as_of`: the entries made by then judged as they were made, and
    /// what is overdue by then. The GIL is released while the register is audited.
    fn audit(&self, py: Python<'_>, as_of: &Bound<'_, PyAny>) -> PyResult<Report> {
        let as_of = input::as_of(as_of, self.engine.policy().utc_offset.0)?;
        let engine = &self.engine;
        let report = py.detach(|| engine.audit(as_of));
        Ok(Report::new(report, self.lang))
    }

    /// Events taken so far: the index the next event gets.
    fn __len__(&self) -> usize {
        self.engine.len()
    }

    fn __repr__(&self) -> String {
        format!("<ekzh.Engine: {} events>", self.engine.len())
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
    m.add_class::<Engine>()?;
    m.add_class::<Report>()?;
    m.add_class::<Finding>()?;
    Ok(())
}
