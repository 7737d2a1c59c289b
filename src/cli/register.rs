//! What a command that checks a register reads: the register (a file, `-` for standard
//! input, or with no file what is piped in, or the bundled demo register when nothing is),
//! the policy, and the moment to check at. A command flattens [`RegisterArgs`] into its own
//! arguments and calls [`RegisterArgs::load`].

use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use ekzh_core::{load_bytes, Engine, Lang, OnError, Policy};

use super::{progress, Failure};

/// The bundled demo register: 1А, 5А and 9А, September–October 2024, with a handful of the
/// typical mistakes (written by examples/make_demo.py).
const DEMO: &str = include_str!("../../examples/demo.ndjson");

/// The moment the demo register is checked at unless `--as-of` says otherwise: the end of
/// its autumn break, when the first quarter's marks are in.
const DEMO_AS_OF: &str = "2024-10-31T18:00:00+04:00";

#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// The register: JSON array, {"events": [...]} or NDJSON; `-` for standard input.
    /// Without it, what is piped into standard input (`ekzh gen | ekzh check`); with nothing
    /// piped, the bundled demo register, as of 31.10.2024 18:00 unless `--as-of` is given.
    pub file: Option<PathBuf>,
    /// The moment to check at: a date, 31.10.2024 or 2024-10-31 (the end of that day); a
    /// date and time, 2024-10-31 18:00 or 2024-10-31T18:00 (school time: the policy's
    /// utc_offset, +04:00 by default); or RFC 3339 with its offset,
    /// 2024-10-31T18:00:00+03:00. Default: now.
    #[arg(long, value_name = "DATETIME")]
    pub as_of: Option<String>,
    /// A policy file that overrides the Regulation's numbers: TOML when its name ends in
    /// .toml, JSON otherwise.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Check every good event and list the bad ones as `input_error` findings, instead of
    /// stopping at the first.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Read a portal's export instead of a register: `netschool` (АСУ РСО), one student's
    /// diary weeks or one class journal, given as FILE and the files after it.
    #[arg(long, value_enum, value_name = "PORTAL")]
    pub from: Option<Portal>,
    /// More files of the export (with `--from`).
    #[arg(value_name = "FILE", hide = true)]
    pub more: Vec<PathBuf>,
    #[command(flatten)]
    pub netschool: super::netschool::NetschoolOptions,
}

/// A portal whose export `--from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Portal {
    Netschool,
}

/// A register loaded into an engine, and the moment to check it at.
pub struct Loaded {
    pub engine: Engine,
    pub as_of: DateTime<FixedOffset>,
}

impl RegisterArgs {
    /// Reads the policy, `--as-of` and the register; says on standard error (in `lang`)
    /// when the demo register is checked because no register was given.
    pub fn load(&self, lang: Lang) -> Result<Loaded, Failure> {
        let policy = match &self.policy {
            Some(path) => read_policy(path)?,
            None => Policy::default(),
        };
        // `--as-of` is read before standard input is waited for.
        let given = self
            .as_of
            .as_deref()
            .map(|text| policy.parse_as_of(text))
            .transpose()?;
        let source = match (self.from, &self.file) {
            (Some(Portal::Netschool), Some(file)) => {
                Source::Netschool(std::iter::once(file).chain(&self.more).cloned().collect())
            }
            (Some(Portal::Netschool), None) => {
                return Err(Failure::usage(
                    "`--from netschool`: укажите файлы, которые читать",
                    "`--from netschool` needs the files to read",
                ))
            }
            (None, _) if !self.more.is_empty() => {
                return Err(Failure::usage(
                    "один журнал за раз (несколько файлов читаются с `--from`)",
                    "one register at a time (several files are read with `--from`)",
                ))
            }
            (None, file) => Source::of(file.as_deref())?,
        };
        let as_of = match (given, &source) {
            (Some(as_of), _) => as_of,
            (None, Source::Demo) => DateTime::parse_from_rfc3339(DEMO_AS_OF).map_err(|_| {
                Failure::AsOf(ekzh_core::AsOfError {
                    text: DEMO_AS_OF.into(),
                })
            })?,
            (None, _) => now(&policy),
        };
        if let Source::Demo = source {
            eprintln!("ekzh: {}", demo_note(lang, self.as_of.is_none()));
        }
        let on_error = if self.skip_invalid {
            OnError::Skip
        } else {
            OnError::Fail
        };
        let mut engine = Engine::new(policy);
        match &source {
            Source::Netschool(files) => {
                super::netschool::load(&mut engine, files, &self.netschool, on_error, lang)?
            }
            other => other.load(&mut engine, on_error)?,
        }
        Ok(Loaded { engine, as_of })
    }
}

/// Why the demo register is checked, and how to check one's own.
fn demo_note(lang: Lang, default_as_of: bool) -> String {
    match (lang, default_as_of) {
        (Lang::Ru, true) => "ввод пуст: проверяется демонстрационный журнал на 31.10.2024 18:00 \
            (свой журнал: ekzh check ФАЙЛ или ekzh check < ФАЙЛ)"
            .to_owned(),
        (Lang::Ru, false) => "ввод пуст: проверяется демонстрационный журнал \
            (свой журнал: ekzh check ФАЙЛ или ekzh check < ФАЙЛ)"
            .to_owned(),
        (Lang::En, true) => "nothing to read: checking the bundled demo register as of \
            2024-10-31 18:00 (your own: ekzh check FILE, or ekzh check < FILE)"
            .to_owned(),
        (Lang::En, false) => "nothing to read: checking the bundled demo register \
            (your own: ekzh check FILE, or ekzh check < FILE)"
            .to_owned(),
    }
}

/// Where a register is read from.
pub enum Source {
    /// The bundled demo register.
    Demo,
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// A portal's export in NetSchool's JSON, in one or several files.
    Netschool(Vec<PathBuf>),
}

impl Source {
    /// The register a command was given: the file; `-` for standard input, always; with no
    /// file, standard input when something is piped in, the demo register when standard
    /// input is a terminal or ends at once (as under CI).
    pub fn of(file: Option<&Path>) -> Result<Source, Failure> {
        match file {
            Some(path) if path == Path::new("-") => Ok(Source::Stdin),
            Some(path) => Ok(Source::File(path.to_owned())),
            None => {
                let stdin = io::stdin();
                if stdin.is_terminal() {
                    return Ok(Source::Demo);
                }
                // Waits for the first bytes; what is read stays in the buffer of stdin.
                let empty = stdin
                    .lock()
                    .fill_buf()
                    .map_err(|error| Failure::Io {
                        path: super::STDIN.into(),
                        error,
                    })?
                    .is_empty();
                Ok(if empty { Source::Demo } else { Source::Stdin })
            }
        }
    }

    /// Loads the register into an engine. NDJSON is read in chunks, never held whole; a
    /// JSON array or object is read whole.
    pub fn load(&self, engine: &mut Engine, on_error: OnError) -> Result<(), Failure> {
        match self {
            Source::Demo => Ok(load_bytes(engine, DEMO.as_bytes(), on_error)?),
            Source::Netschool(files) => Err(Failure::usage(
                format!("файлы NetSchool ({}) читает импорт", files.len()),
                format!(
                    "{} files of NetSchool's JSON are read by the importer",
                    files.len()
                ),
            )),
            Source::Stdin => {
                let (bar, stdin) = progress::reader(io::stdin(), None);
                let loaded = load_stream(engine, stdin, on_error, super::STDIN);
                bar.finish_and_clear();
                loaded
            }
            Source::File(path) => {
                let name = path.display().to_string();
                let file = File::open(path).map_err(|error| Failure::Io {
                    path: name.clone(),
                    error,
                })?;
                let len = file.metadata().ok().map(|m| m.len());
                let (bar, file) = progress::reader(file, len);
                let loaded = load_stream(engine, file, on_error, &name);
                bar.finish_and_clear();
                loaded
            }
        }
    }
}

fn load_stream(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
    path: &str,
) -> Result<(), Failure> {
    ekzh_io::load_reader(engine, source, on_error).map_err(|error| match error {
        ekzh_io::LoadError::Input(error) => Failure::Input(error),
        ekzh_io::LoadError::Io(error) => Failure::Io {
            path: path.to_owned(),
            error,
        },
    })
}

pub(super) fn read_policy(path: &Path) -> Result<Policy, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| Failure::Io {
        path: path.display().to_string(),
        error,
    })?;
    Ok(Policy::from_file_text(path, &text)?)
}

/// Now, in school time.
fn now(policy: &Policy) -> DateTime<FixedOffset> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let now =
        DateTime::from_timestamp(i64::try_from(now).unwrap_or(i64::MAX), 0).unwrap_or_default();
    now.with_timezone(&policy.utc_offset.0)
}
