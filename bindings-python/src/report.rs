//! The core's report and findings as Python objects. Their dicts are the core's own
//! serialization (`Report::localized`, `Finding::localized`): the same field names and
//! values as the JSON report of every other face.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyIterator, PyList};
use pythonize::pythonize;

use ekzh_core::Lang;

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    }
}

/// An aware `datetime.datetime` with the moment's own offset.
fn datetime(py: Python<'_>, at: DateTime<FixedOffset>) -> PyResult<Bound<'_, PyAny>> {
    let module = py.import("datetime")?;
    let delta = module
        .getattr("timedelta")?
        .call1((0, at.offset().local_minus_utc()))?;
    let tz = module.getattr("timezone")?.call1((delta,))?;
    module.getattr("datetime")?.call1((
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.nanosecond() / 1000,
        tz,
    ))
}

/// What a register holds at `as_of`: the findings in the report's order, and a summary.
#[pyclass(module = "ekzh", name = "Report", frozen, eq)]
pub struct Report {
    report: ekzh_core::Report,
    lang: Lang,
    findings: PyOnceLock<Vec<Py<Finding>>>,
}

impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.report == other.report && self.lang == other.lang
    }
}

impl Report {
    pub fn new(report: ekzh_core::Report, lang: Lang) -> Self {
        Report {
            report,
            lang,
            findings: PyOnceLock::new(),
        }
    }

    /// An earlier report given to `to_html`: a `Report`, a dict, JSON text or a path.
    fn earlier(&self, obj: &Bound<'_, PyAny>) -> PyResult<ekzh_html::ReportData> {
        use pyo3::exceptions::{PyTypeError, PyValueError};
        use serde::Deserialize;
        let bad = |e: ekzh_html::Error| PyValueError::new_err(format!("`since`: {e}"));
        if let Ok(report) = obj.cast::<Report>() {
            let report = report.get();
            return ekzh_html::ReportData::from_report(&report.report, report.lang).map_err(bad);
        }
        if obj.cast::<pyo3::types::PyMapping>().is_ok() {
            return ekzh_html::ReportData::deserialize(crate::de::PyDe::new(obj))
                .map_err(|e| PyValueError::new_err(format!("`since`: not a report of ekzh: {e}")));
        }
        if let Ok(text) = obj.extract::<String>() {
            if text.trim_start().starts_with('{') {
                return ekzh_html::ReportData::from_json(&text).map_err(bad);
            }
        }
        if obj.is_instance_of::<pyo3::types::PyString>() || crate::input::is_path(obj)? {
            let path: std::path::PathBuf = obj.extract()?;
            let text = obj
                .py()
                .detach(|| std::fs::read_to_string(&path))
                .map_err(|e| crate::input::io_error(&path, e))?;
            return ekzh_html::ReportData::from_json(&text).map_err(bad);
        }
        Err(PyTypeError::new_err(format!(
            "since must be a Report, a dict, JSON text or a path; got {}",
            obj.get_type().name()?
        )))
    }

    /// The findings as Python objects, made on first use.
    fn objects(&self, py: Python<'_>) -> PyResult<&Vec<Py<Finding>>> {
        self.findings.get_or_try_init(py, || {
            self.report
                .findings
                .iter()
                .map(|f| Py::new(py, Finding::new(f.clone(), self.lang)))
                .collect()
        })
    }
}

#[pymethods]
impl Report {
    /// The moment the register was checked at.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        datetime(py, self.report.as_of)
    }

    /// The findings, in the report's order (a new list each time).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.objects(py)?.iter().map(|f| f.clone_ref(py)))
    }

    /// Counts: `events`, `findings`, `by_severity`, `by_rule`, `by_teacher`, `by_class`,
    /// `entries_without_at`, `entries_without_by`, `input_errors`, the fill figures
    /// (`fill`), the policy when it is not the Regulation's (`policy`), and on a part of a
    /// register what each rule could not judge (`not_judged`, by rule and reason).
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.report.summary)?)
    }

    /// The language of the messages.
    #[getter]
    fn lang(&self) -> &'static str {
        lang_name(self.lang)
    }

    /// The findings as plain dicts with the report's field names and JSON values
    /// (`pandas.DataFrame(report.to_dicts())`).
    fn to_dicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for finding in &self.report.findings {
            list.append(pythonize(py, &finding.localized(self.lang))?)?;
        }
        Ok(list)
    }

    /// The whole report as a dict: `{"as_of": ..., "findings": [...], "summary": {...}}`,
    /// as `ekzh check --format json` prints it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.report.localized(self.lang))?)
    }

    /// The names of the classes, staff, students and parents the report mentions, by id:
    /// `{"classes": {...}, "staff": {...}, "students": {...}, "parents": {...}}`.
    #[getter]
    fn names<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.report.names)?)
    }

    /// The справка (SPEC §8): the report as one self-contained HTML document for the
    /// administration, in the report's language. `since`, an earlier report — a `Report`,
    /// its dict (`to_dict()`), its JSON text, or the path of its JSON file — adds what was
    /// corrected since, what is still open and what is new; `school` names the school in
    /// the heading. Written with the GIL released.
    #[pyo3(signature = (since=None, school=None))]
    fn to_html(
        &self,
        py: Python<'_>,
        since: Option<&Bound<'_, PyAny>>,
        school: Option<String>,
    ) -> PyResult<String> {
        let earlier = since
            .filter(|s| !s.is_none())
            .map(|s| self.earlier(s))
            .transpose()?;
        let data = ekzh_html::ReportData::from_report(&self.report, self.lang)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let options = ekzh_html::Options {
            lang: self.lang,
            school,
        };
        let rules = ekzh_html::Rules::from_core();
        Ok(py.detach(|| ekzh_html::render(&data, earlier.as_ref(), &options, &rules)))
    }

    /// The report as JSON, as `ekzh check --format json` prints it.
    #[pyo3(signature = (pretty=false))]
    fn to_json(&self, pretty: bool) -> PyResult<String> {
        let report = self.report.localized(self.lang);
        let json = if pretty {
            serde_json::to_string_pretty(&report)
        } else {
            serde_json::to_string(&report)
        };
        json.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    fn __len__(&self) -> usize {
        self.report.findings.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        self.findings(py)?.as_any().try_iter()
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        index: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.findings(py)?.as_any().get_item(index)
    }

    fn __repr__(&self) -> String {
        let by = &self.report.summary.by_severity;
        let count = |s: &str| by.get(s).copied().unwrap_or(0);
        format!(
            "<ekzh.Report as_of={} findings={} (error={}, warning={}, info={})>",
            self.report.as_of.format("%Y-%m-%dT%H:%M:%S%:z"),
            self.report.findings.len(),
            count("error"),
            count("warning"),
            count("info"),
        )
    }
}

/// `#[pymethods]` for a type holding a core `finding`, with a getter for each of the
/// report's id fields named in `ids` (its text, `None` where it does not apply), each with
/// its docstring: the fields are written once, not a getter each.
macro_rules! ids_and_pymethods {
    (impl $ty:ident { ids: { $($id:ident: $doc:literal),+ $(,)? } $($methods:tt)* }) => {
        #[pymethods]
        impl $ty {
            $(
                #[doc = $doc]
                #[getter]
                fn $id(&self) -> Option<&str> {
                    self.finding.$id.as_deref()
                }
            )+
            $($methods)*
        }
    };
}

/// One finding: which rule, about which entry, and what to do about it. Fields that do not
/// apply are `None`; dates and deadlines are ISO strings, as in the JSON report.
#[pyclass(module = "ekzh", name = "Finding", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    finding: ekzh_core::Finding,
    lang: Lang,
}

impl Finding {
    pub fn new(finding: ekzh_core::Finding, lang: Lang) -> Self {
        Finding { finding, lang }
    }
}

ids_and_pymethods! {
impl Finding {
    ids: {
        subject: "The subject, as the register names it (`Математика`).",
        lesson: "The lesson's id.",
        student: "The student's id.",
        teacher: "The teacher's id.",
        period: "The study period's id.",
        parent: "The parent's id.",
    }

    /// The rule's id, such as `grade1_mark`.
    #[getter]
    fn rule(&self) -> &'static str {
        self.finding.rule
    }

    /// The clause of the Regulation; `None` for a rule no clause states (input errors,
    /// references, students not in a lesson).
    #[getter]
    fn clause(&self) -> Option<&'static str> {
        self.finding.clause
    }

    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.finding.severity.as_str()
    }

    /// What is wrong and what to do, in the report's language.
    #[getter]
    fn message(&self) -> &str {
        self.finding.message.get(self.lang)
    }

    /// The 0-based index in the input of the entry the finding concerns.
    #[getter]
    fn event(&self) -> Option<usize> {
        self.finding.event
    }

    /// The 1-based line of the input where that entry starts, when it was read from text.
    #[getter]
    fn line(&self) -> Option<usize> {
        self.finding.line
    }

    /// `YYYY-MM-DD`.
    #[getter]
    fn date(&self) -> Option<String> {
        self.finding.date.map(|d| d.to_string())
    }

    /// The class's id (`class` in the report; `getattr(finding, "class")` works too).
    #[getter]
    fn class_(&self) -> Option<&str> {
        self.finding.class.as_deref()
    }

    /// The class's id, as `class`.
    #[getter(class)]
    fn class_field(&self) -> Option<&str> {
        self.finding.class.as_deref()
    }

    /// The students' ids, when the finding concerns several.
    #[getter]
    fn students(&self) -> Option<Vec<String>> {
        self.finding.students.clone()
    }

    /// The deadline that was missed: `YYYY-MM-DD` (to the end of that day) or an RFC 3339
    /// moment.
    #[getter]
    fn due(&self) -> Option<String> {
        self.finding.due.map(|d| d.to_string())
    }

    /// The finding as a plain dict with the report's field names and JSON values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pythonize(py, &self.finding.localized(self.lang))?)
    }

    /// `Finding(rule='grade1_mark', severity='error', clause='2.6', event=7, …)`: the fields
    /// that apply, the message last.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let dict = self.to_dict(py)?;
        let dict = dict.cast::<PyDict>()?;
        let mut parts = Vec::new();
        let mut message = String::new();
        for (key, value) in dict.iter() {
            if value.is_none() {
                continue;
            }
            let key: String = key.extract()?;
            let value = value.repr()?.to_string();
            if key == "message" {
                message = value;
            } else {
                parts.push(format!("{key}={value}"));
            }
        }
        parts.push(format!("message={message}"));
        Ok(format!("Finding({})", parts.join(", ")))
    }
}
}
