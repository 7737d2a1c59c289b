//! `ekzh check DIR`: a region (SPEC §9).
//!
//! Each register file in the folder (`.ndjson`, `.jsonl`, `.json`), or each sub-folder (a
//! school's register in several files, such as NetSchool weeks with `--from netschool`),
//! is one school, named by its file or folder name without the extension. The schools are
//! checked at once on a pool of threads (rayon, a thread a core unless `--jobs` says
//! otherwise), each school on one thread from reading to its rendered report, the largest
//! first; so at most as many registers are held as there are threads. The reports are
//! written in the schools' order as each one's turn comes: the text report school by
//! school, the JSON report `{"as_of", "schools": [{"school", "findings", "summary",
//! "names"}], "summary"}`, whose `summary` adds up the schools'. A school whose register
//! cannot be read has its error in its entry (`"error"`: the file, event, line, field and
//! what is wrong) and the other schools are still checked; the exit code is then 2.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use ekzh_core::{InputError, Lang, Report, Severity, Summary};
use rayon::iter::{ParallelBridge, ParallelIterator};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::register::{Reading, Settings, Source};
use super::{CheckArgs, Failure, Output};

/// The extensions of a register's files.
const REGISTER_FILES: [&str; 3] = ["ndjson", "jsonl", "json"];

/// One school of a region: its name, its file or folder, its register and the register's
/// size in bytes.
struct School {
    name: String,
    path: PathBuf,
    source: Source,
    files: Vec<PathBuf>,
    bytes: u64,
}

/// A school checked: its report rendered, and what the region adds up.
struct Checked {
    rendered: Vec<u8>,
    summary: Option<Summary>,
    worst: Option<Severity>,
}

/// `ekzh check DIR`.
pub fn check(args: &CheckArgs, dir: &Path) -> Result<ExitCode, Failure> {
    if !args.register.more.is_empty() {
        return Err(Failure::usage(
            format!(
                "`{}` — папка, то есть регион: укажите её одну",
                dir.display()
            ),
            format!("`{}` is a folder, a region: give it alone", dir.display()),
        ));
    }
    let settings = args.register.settings()?;
    let schools = schools(dir, args.register.from.is_some())?;
    if schools.is_empty() {
        let files = REGISTER_FILES.map(|e| format!(".{e}")).join(", ");
        return Err(Failure::usage(
            format!(
                "в `{}` нет ни одной школы: ни файлов журнала ({files}), ни вложенных папок",
                dir.display()
            ),
            format!(
                "`{}` holds no school: no register files ({files}) and no sub-folders",
                dir.display()
            ),
        ));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| {
            Failure::usage(
                format!("не удаётся запустить потоки: {e}"),
                format!("cannot start the threads: {e}"),
            )
        })?;
    // The largest first, so that a large school does not start last and keep every other
    // thread waiting for it.
    let mut order: Vec<usize> = (0..schools.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(schools.get(i).map_or(0, |s| s.bytes)));

    let lang: Lang = args.lang.into();
    let bar = super::progress::schools(schools.len());
    let mut out = io::stdout().lock();
    let mut region = Region::default();
    let stop = AtomicBool::new(false);
    let written = std::thread::scope(|scope| {
        let (done, checked) = mpsc::channel::<(usize, Checked)>();
        let settings = &settings;
        let all = &schools;
        // Once the report cannot be written (a closed pipe), the schools left are not
        // checked.
        let stop = &stop;
        scope.spawn(move || {
            pool.install(|| {
                order
                    .into_iter()
                    .par_bridge()
                    .for_each_with(done, |done, i| {
                        let Some(school) = all.get(i).filter(|_| !stop.load(Ordering::Relaxed))
                        else {
                            return;
                        };
                        let checked = check_school(school, settings, args, lang);
                        if done.send((i, checked)).is_err() {
                            stop.store(true, Ordering::Relaxed);
                        }
                    });
            });
        });
        let mut writer = Writer {
            out: &mut out,
            format: args.format,
            lang,
            as_of: settings.as_of,
        };
        writer.head()?;
        // Each school's report waits for those before it.
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, school) in checked {
            bar.inc(1);
            waiting.insert(i, school);
            while let Some(school) = waiting.remove(&next) {
                region.add(&school);
                let name = schools.get(next).map_or("", |s| s.name.as_str());
                writer.school(next, name, &school.rendered)?;
                next += 1;
            }
        }
        writer.tail(&region)
    });
    bar.finish_and_clear();
    // A closed pipe (`ekzh check DIR | head`) is not a failure of the check.
    if let Err(error) = written.and_then(|()| out.flush()) {
        if error.kind() != io::ErrorKind::BrokenPipe {
            return Err(Failure::Io {
                path: "standard output".into(),
                error,
            });
        }
    }
    Ok(if region.counts.schools_not_read > 0 {
        ExitCode::from(2)
    } else if region
        .worst
        .is_some_and(|worst| worst >= args.fail_on.into())
    {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The schools of a region's folder, by name.
fn schools(dir: &Path, netschool: bool) -> Result<Vec<School>, Failure> {
    let mut schools: Vec<School> = Vec::new();
    for path in listed(dir)? {
        let name = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned());
        let (files, name) = if path.is_dir() {
            let files: Vec<PathBuf> = listed(&path)?
                .into_iter()
                .filter(|p| p.is_file() && is_register(p))
                .collect();
            let name = path.file_name().map(|s| s.to_string_lossy().into_owned());
            (files, name)
        } else if is_register(&path) {
            (vec![path.clone()], name(&path))
        } else {
            eprintln!(
                "ekzh: `{}` is left out: not a register ({})",
                path.display(),
                REGISTER_FILES.map(|e| format!(".{e}")).join(", ")
            );
            continue;
        };
        let Some(name) = name else { continue };
        if let Some(twin) = schools.iter().find(|s| s.name == name) {
            let first = |folder: &str| {
                twin.files
                    .first()
                    .map_or_else(|| folder.to_owned(), |f| format!("`{}`", f.display()))
            };
            return Err(Failure::usage(
                format!(
                    "в `{}` две школы с именем `{name}`: {} и `{}`",
                    dir.display(),
                    first("папка"),
                    path.display()
                ),
                format!(
                    "two schools are named `{name}` in `{}`: {} and `{}`",
                    dir.display(),
                    first("a folder"),
                    path.display()
                ),
            ));
        }
        let bytes = files
            .iter()
            .filter_map(|f| f.metadata().ok())
            .map(|m| m.len())
            .sum();
        let source = if netschool {
            Source::Netschool(files.clone())
        } else {
            Source::Files(files.clone())
        };
        schools.push(School {
            name,
            path,
            source,
            files,
            bytes,
        });
    }
    schools.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(schools)
}

/// What a folder holds, by name, hidden files left out.
fn listed(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let io = |error| Failure::Io {
        path: dir.display().to_string(),
        error,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        if !entry.file_name().to_string_lossy().starts_with('.') {
            paths.push(entry.path());
        }
    }
    paths.sort();
    Ok(paths)
}

fn is_register(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REGISTER_FILES.iter().any(|r| r.eq_ignore_ascii_case(e)))
}

/// Reads, checks and renders one school on this thread.
fn check_school(school: &School, settings: &Settings, args: &CheckArgs, lang: Lang) -> Checked {
    let how = Reading {
        cores: 1,
        netschool: &args.register.netschool,
        lang,
        school: Some(&school.name),
        bars: false,
    };
    let mut engine = settings.engine();
    let loaded = if school.files.is_empty() {
        Err(SchoolError {
            file: Some(school.path.display().to_string()),
            event: None,
            line: None,
            field: None,
            message: {
                let files = REGISTER_FILES.map(|e| format!(".{e}")).join(", ");
                match lang {
                    Lang::Ru => format!("в папке нет файлов журнала ({files})"),
                    Lang::En => format!("the folder holds no register files ({files})"),
                }
            },
        })
    } else {
        school
            .source
            .load(&mut engine, settings.on_error, &how)
            .map_err(|failure| SchoolError::of(failure, school, settings.key.is_some(), lang))
    };
    if let Err(error) = loaded {
        let rendered = match args.format {
            Output::Json => json(&ErrorEntry {
                school: &school.name,
                error: &error,
            }),
            Output::Text => {
                let heading = match lang {
                    Lang::Ru => "Журнал не прочитан",
                    Lang::En => "The register could not be read",
                };
                format!("{heading}: {}\n", error.text(lang)).into_bytes()
            }
        };
        return Checked {
            rendered,
            summary: None,
            worst: None,
        };
    }
    let report = ekzh_io::audit_on(&engine, settings.as_of, 1);
    let rendered = match args.format {
        Output::Json => json(&Entry {
            school: &school.name,
            report: &report,
            lang,
        }),
        Output::Text => {
            let mut text = Vec::new();
            // Writing into memory does not fail.
            let _ = super::text::write_report(&mut text, &report, &engine, lang, args.group_by);
            text
        }
    };
    Checked {
        rendered,
        worst: report.worst(),
        summary: Some(report.summary),
    }
}

/// A value as indented JSON (into memory: it does not fail).
fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap_or_default()
}

/// A school's entry in the JSON report: its report, without `as_of` (the region's), with
/// the school's name first.
struct Entry<'a> {
    school: &'a str,
    report: &'a Report,
    lang: Lang,
}

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Findings<'a>(&'a Report, Lang);
        impl Serialize for Findings<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.findings.iter().map(|f| f.localized(self.1)))
            }
        }
        let mut out = s.serialize_struct("School", 4)?;
        out.serialize_field("school", self.school)?;
        out.serialize_field("findings", &Findings(self.report, self.lang))?;
        out.serialize_field("summary", &self.report.summary)?;
        out.serialize_field("names", &self.report.names)?;
        out.end()
    }
}

/// The entry of a school whose register could not be read.
#[derive(Serialize)]
struct ErrorEntry<'a> {
    school: &'a str,
    error: &'a SchoolError,
}

/// Why a school's register could not be read: the file, the event and its line there, the
/// field, and what is wrong (each `null` when it does not apply).
#[derive(Debug, Serialize)]
struct SchoolError {
    file: Option<String>,
    event: Option<usize>,
    line: Option<usize>,
    field: Option<String>,
    message: String,
}

impl SchoolError {
    /// The error of a school's register; with pseudonyms, without the input it quotes.
    fn of(failure: Failure, school: &School, pseudonyms: bool, lang: Lang) -> SchoolError {
        let only_file = match school.files.as_slice() {
            [file] => Some(file.display().to_string()),
            _ => None,
        };
        let input = |file: Option<String>, e: InputError| SchoolError {
            file,
            event: e.event,
            line: e.line,
            field: e.field,
            message: e.message.get(lang).to_owned(),
        };
        match failure {
            Failure::Input(e) => input(only_file, e),
            Failure::InputIn { path, error } => input(Some(path), *error),
            Failure::Import(e) => {
                let message = if pseudonyms {
                    e.message.without_quoted()
                } else {
                    *e.message
                };
                SchoolError {
                    file: e.file,
                    event: None,
                    line: e.line,
                    field: e.path.or(e.field),
                    message: message.get(lang).to_owned(),
                }
            }
            Failure::Io { path, error } => SchoolError {
                file: Some(path),
                event: None,
                line: None,
                field: None,
                message: match lang {
                    Lang::Ru => super::io_ru(&error).to_owned(),
                    Lang::En => error.to_string(),
                },
            },
            other => SchoolError {
                file: None,
                event: None,
                line: None,
                field: None,
                message: other.localized(lang),
            },
        }
    }

    /// As an error is written on standard error: `file`: line 4, field `x`: ….
    fn text(&self, lang: Lang) -> String {
        let error = InputError {
            event: self.event,
            line: self.line,
            field: self.field.clone(),
            message: ekzh_core::Message::new(self.message.clone(), self.message.clone()),
        };
        let error = error.localized(lang);
        match &self.file {
            Some(file) => format!("`{file}`: {error}"),
            None => error.to_string(),
        }
    }
}

/// The region's counts: the schools', added up.
#[derive(Debug, Default, Serialize)]
struct Counts {
    /// Schools in the region.
    schools: usize,
    /// Schools whose register could not be read (their entry holds the error).
    schools_not_read: usize,
    events: usize,
    findings: usize,
    by_severity: BTreeMap<&'static str, usize>,
    by_rule: BTreeMap<&'static str, usize>,
    entries_without_at: usize,
    entries_without_by: usize,
    input_errors: usize,
}

/// What the region adds up as its schools come.
#[derive(Default)]
struct Region {
    counts: Counts,
    worst: Option<Severity>,
}

impl Region {
    fn add(&mut self, school: &Checked) {
        let counts = &mut self.counts;
        counts.schools += 1;
        let Some(summary) = &school.summary else {
            counts.schools_not_read += 1;
            return;
        };
        counts.events += summary.events;
        counts.findings += summary.findings;
        for (severity, n) in &summary.by_severity {
            *counts.by_severity.entry(severity).or_default() += n;
        }
        for (rule, n) in &summary.by_rule {
            *counts.by_rule.entry(rule).or_default() += n;
        }
        counts.entries_without_at += summary.entries_without_at;
        counts.entries_without_by += summary.entries_without_by;
        counts.input_errors += summary.input_errors;
        self.worst = self.worst.max(school.worst);
    }
}

/// Writes the region's report as the schools' turns come.
struct Writer<'o, W> {
    out: &'o mut W,
    format: Output,
    lang: Lang,
    as_of: chrono::DateTime<chrono::FixedOffset>,
}

impl<W: Write> Writer<'_, W> {
    fn head(&mut self) -> io::Result<()> {
        match self.format {
            Output::Json => write!(
                self.out,
                "{{\n  \"as_of\": {},\n  \"schools\": [",
                serde_json::Value::from(self.as_of.format("%Y-%m-%dT%H:%M:%S%:z").to_string())
            ),
            Output::Text => {
                let title = match self.lang {
                    Lang::Ru => format!(
                        "Проверка региона на {}",
                        self.as_of.format("%d.%m.%Y %H:%M (%:z)")
                    ),
                    Lang::En => format!(
                        "Region check as of {}",
                        self.as_of.format("%Y-%m-%d %H:%M (%:z)")
                    ),
                };
                writeln!(self.out, "{title}")
            }
        }
    }

    /// The `n`-th school (from 0), rendered.
    fn school(&mut self, n: usize, name: &str, rendered: &[u8]) -> io::Result<()> {
        match self.format {
            Output::Json => {
                self.out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
                indent(self.out, rendered, 4)
            }
            Output::Text => {
                writeln!(self.out, "\n══════ {name} ══════")?;
                self.out.write_all(rendered)
            }
        }
    }

    fn tail(&mut self, region: &Region) -> io::Result<()> {
        let counts = &region.counts;
        match self.format {
            Output::Json => {
                write!(self.out, "\n  ],\n  \"summary\": ")?;
                let summary = serde_json::to_vec_pretty(counts).map_err(io::Error::from)?;
                let summary = indent_after_first(&summary, 2);
                self.out.write_all(&summary)?;
                writeln!(self.out, "\n}}")
            }
            Output::Text => {
                let (title, schools, not_read) = match self.lang {
                    Lang::Ru => (
                        "По региону",
                        ekzh_core::ru_plural(counts.schools, "школа", "школы", "школ"),
                        "журнал не прочитан",
                    ),
                    Lang::En => (
                        "The region",
                        if counts.schools == 1 {
                            "school"
                        } else {
                            "schools"
                        },
                        "register not read",
                    ),
                };
                write!(self.out, "\n══════ {title}: {} {schools}", counts.schools)?;
                if counts.schools_not_read > 0 {
                    write!(self.out, " ({not_read}: {})", counts.schools_not_read)?;
                }
                writeln!(self.out, " ══════")?;
                let line = super::text::counts(
                    counts.events,
                    counts.findings,
                    &counts.by_severity,
                    self.lang,
                );
                writeln!(self.out, "{line}")?;
                if counts.by_rule.is_empty() {
                    return Ok(());
                }
                super::text::write_by_rule(self.out, &counts.by_rule, self.lang)
            }
        }
    }
}

/// Writes JSON indented by `spaces` more (its strings hold no line breaks).
fn indent(out: &mut impl Write, json: &[u8], spaces: usize) -> io::Result<()> {
    let pad = vec![b' '; spaces];
    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(&pad)?;
        out.write_all(line)?;
    }
    Ok(())
}

/// JSON indented by `spaces` more but for its first line, which follows a key.
fn indent_after_first(json: &[u8], spaces: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b' ', spaces));
        }
        out.extend_from_slice(line);
    }
    out
}
