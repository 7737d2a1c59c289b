//! `import ekzh`: the Python face of ekzh (SPEC §5).
//!
//! A thin layer over `ekzh-core`: it turns Python values into the core's events, policy and
//! moment, and the core's report and errors into Python objects. Every check is the core's.
//!
//! - [`check`]: a whole register — a list of dicts, JSON/NDJSON `str` or `bytes` (read by the
//!   core's reader, no Python objects made), or a path (read in chunks by `ekzh-io`, as the
//!   CLI reads it) — checked with the GIL released;
//! - [`Engine`]: entries pushed one by one, and the audit at a date;
//! - [`rules`]: the catalogue.
//!
//! The Python package (`python/ekzh/__init__.py`) re-exports these and defines the
//! exceptions `InputError` and `PolicyError`, which this module raises.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{PoisonError, RwLock};

use chrono::{DateTime, FixedOffset};
use pyo3::prelude::*;

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
/// of that day, school time), or a string as the CLI's `--as-of` takes it (`31.10.2024`,
/// `2024-10-31 18:00`, RFC 3339 …). `policy`: a dict, or the path of a JSON or TOML file.
/// `on_error`: `"raise"` (an `InputError` for the first bad event) or `"skip"` (every good
/// event is checked, each bad one is an `input_error` finding).
///
/// A path is read as the CLI reads it: NDJSON in chunks, never held whole, so that memory
/// is the register's state and not the file's size.
///
/// A list of paths is one register in several files, read one after the other.
///
/// `source="netschool"`: `events` is what NetSchool (АСУ РСО) exports, as
/// `ekzh.netschool.events` takes it with `types`, `grade`, `class_name`, `subject` and
/// `period`; it is imported, then checked.
///
/// `pseudonymize`: a key (`bytes`, or the path of a key file) — every id of a student or
/// a parent in the report becomes its keyed pseudonym (HMAC-SHA-256 of the id, its first
/// 80 bits in hex) and their names are not shown (SPEC §9).
///
/// `threads`: how many threads a file is read and audited on, 1 or 2 (by default two
/// where the machine has two cores); `ekzh.dask` checks each school on one, as the
/// worker's own threads share the cores.
#[pyfunction]
#[pyo3(signature = (
    events, as_of, policy=None, lang="ru", on_error="raise",
    source="ekzh", types=None, grade=None, class_name=None, subject=None, period=None,
    pseudonymize=None, threads=None,
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
    pseudonymize: Option<&Bound<'_, PyAny>>,
    threads: Option<usize>,
) -> PyResult<Report> {
    let threads = match threads {
        None => std::thread::available_parallelism().map_or(1, |n| n.get().min(2)),
        Some(n @ (1 | 2)) => n,
        Some(n) => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "threads must be 1 or 2, got {n}"
            )))
        }
    };
    let key = input::key(pseudonymize)?;
    let key = key.as_ref();
    let lang = input::lang(lang)?;
    let policy = input::policy(policy, lang)?;
    let on_error = input::on_error(on_error)?;
    let as_of = input::as_of(as_of)?.moment(&policy, lang)?;
    let import = netschool::ImportOptions {
        types,
        grade,
        class_name,
        subject,
        period,
    };
    match source {
        "netschool" => {
            let imported = netschool::import(py, events, import, lang)?;
            let report = py.detach(|| {
                let mut engine = input::engine(policy, key);
                ekzh_core::load(&mut engine, imported.events.into_iter().map(Ok), on_error)
                    .map(|()| engine.audit(as_of))
            });
            return Ok(Report::new(
                report.map_err(|e| input_error(py, &e, lang))?,
                lang,
            ));
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
    let check_bytes = |bytes: &[u8]| {
        let mut engine = input::engine(policy.clone(), key);
        ekzh_core::load_bytes(&mut engine, bytes, on_error).map(|()| engine.audit(as_of))
    };
    let checked = match input::events(events, on_error, lang)? {
        Events::Bytes(bytes) => py.detach(|| check_bytes(&bytes)),
        Events::Text(text) => py.detach(|| check_bytes(text.as_bytes())),
        Events::Files(paths) => {
            let mut engine = input::engine(policy, key);
            return py
                .detach(|| check_files(&mut engine, &paths, as_of, on_error, threads))
                .map(|report| Report::new(report, lang))
                .map_err(|(path, e)| match e {
                    ekzh_io::LoadError::Input(e) if paths.len() > 1 => {
                        input::input_error_in(py, path, &e, lang)
                    }
                    ekzh_io::LoadError::Input(e) => input_error(py, &e, lang),
                    ekzh_io::LoadError::Io(e) => input::io_error(path, e),
                });
        }
        Events::Read(read) => py.detach(move || {
            let mut engine = input::engine(policy, key);
            ekzh_core::load(&mut engine, read, on_error)?;
            Ok(engine.audit(as_of))
        }),
    };
    let report = checked.map_err(|e| input_error(py, &e, lang))?;
    Ok(Report::new(report, lang))
}

/// Checks a register in one file or several as the CLI does: NDJSON read in chunks,
/// never held whole, and parsed and audited on `threads` threads. An error comes with its
/// file.
fn check_files<'p>(
    engine: &mut ekzh_core::Engine,
    paths: &'p [PathBuf],
    as_of: DateTime<FixedOffset>,
    on_error: ekzh_core::OnError,
    threads: usize,
) -> Result<ekzh_core::Report, (&'p Path, ekzh_io::LoadError)> {
    for path in paths {
        let loaded = File::open(path)
            .map_err(ekzh_io::LoadError::from)
            .and_then(|file| ekzh_io::load_reader_on(engine, file, on_error, threads));
        loaded.map_err(|e| (path.as_path(), e))?;
    }
    Ok(ekzh_io::audit_on(engine, as_of, threads))
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
        let event = match input::event(event, index) {
            Ok(event) => event,
            Err(e) => {
                return Err(input_error(
                    py,
                    &self.read(py, |engine| engine.reported(e)),
                    self.lang,
                ))
            }
        };
        let stored = py.detach(|| {
            let mut engine = self.engine.write().unwrap_or_else(PoisonError::into_inner);
            with(&mut engine, event)
        });
        stored.map_err(|e| input_error(py, &e, self.lang))
    }
}

#[pymethods]
impl Engine {
    /// `pseudonymize`: a key (`bytes`, or the path of a key file): children and parents
    /// named by keyed pseudonyms, as `check` names them.
    #[new]
    #[pyo3(signature = (policy=None, lang="ru", pseudonymize=None))]
    fn new(
        policy: Option<&Bound<'_, PyAny>>,
        lang: &str,
        pseudonymize: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let lang = input::lang(lang)?;
        let key = input::key(pseudonymize)?;
        Ok(Engine {
            engine: RwLock::new(input::engine(input::policy(policy, lang)?, key.as_ref())),
            lang,
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
        let as_of = input::as_of(as_of)?;
        let lang = self.lang;
        let as_of = self.read(py, |engine| as_of.moment(engine.policy(), lang))?;
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
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let list: Vec<_> = ekzh_core::catalogue().collect();
    Ok(pythonize::pythonize(py, &list)?)
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
