//! What a command that checks a register reads: the register (a file, or several files of
//! one register, `-` for standard input, or with no file what is piped in, or the bundled
//! demo register when nothing is), the policy, the moment to check at and the key of the
//! pseudonyms. A command flattens [`RegisterArgs`] into its own arguments and calls
//! [`RegisterArgs::load`]; a region (`ekzh check DIR`) reads the same [`Settings`] once
//! and loads each school's [`Source`] into an engine of its own.

use std::fs::File;
use std::io::{self, BufRead, IsTerminal, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use ekzh_core::{load_bytes, Engine, Lang, OnError, Policy, Pseudonyms};

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
    /// Several files are one register, read one after the other. A folder is a region
    /// (`ekzh check` only): each file or sub-folder in it is a school.
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
    /// More files of the register, or of the export (with `--from`).
    #[arg(value_name = "FILE", hide = true)]
    pub more: Vec<PathBuf>,
    #[command(flatten)]
    pub netschool: super::netschool::NetschoolOptions,
    /// Name children and parents by keyed pseudonyms, never by id or name: HMAC-SHA-256 of
    /// the id keyed with this file's bytes (at least 16, such as 32 random ones), its first
    /// 80 bits in hex. The same key gives the same pseudonyms in every school and run.
    #[arg(long, value_name = "FILE")]
    pub pseudonymize_key: Option<PathBuf>,
}

/// What every register of a command is checked with: the policy, the moment, what to do
/// with bad events, and the pseudonyms' key.
pub struct Settings {
    pub policy: Policy,
    pub as_of: DateTime<FixedOffset>,
    pub on_error: OnError,
    pub key: Option<Pseudonyms>,
}

impl Settings {
    /// An engine for one register.
    pub fn engine(&self) -> Engine {
        match &self.key {
            Some(key) => Engine::with_pseudonyms(self.policy.clone(), key.clone()),
            None => Engine::new(self.policy.clone()),
        }
    }
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
    /// The folder of a region, when the command was given one folder.
    pub fn region(&self) -> Option<&Path> {
        self.file.as_deref().filter(|path| path.is_dir())
    }

    /// Reads the policy, `--as-of` and the register; says on standard error (in `lang`)
    /// when the demo register is checked because no register was given.
    pub fn load(&self, lang: Lang) -> Result<Loaded, Failure> {
        let files = || std::iter::once(&self.file).flatten().chain(&self.more);
        if let Some(dir) = files().find(|path| path.is_dir()) {
            return Err(Failure::usage(
                format!(
                    "`{}` — папка: `ekzh check ПАПКА` проверяет регион, где каждый файл или \
                     вложенная папка — школа; эта команда читает журнал одной школы (его файл \
                     или файлы)",
                    dir.display()
                ),
                format!(
                    "`{}` is a folder: `ekzh check FOLDER` checks a region, each file or \
                     sub-folder in it a school; this command takes one school's register (its \
                     file, or the files of its folder)",
                    dir.display()
                ),
            ));
        }
        // `--as-of` is read before standard input is waited for.
        let mut settings = self.settings()?;
        let source = match (self.from, &self.file) {
            (Some(Portal::Netschool), Some(_)) => Source::Netschool(files().cloned().collect()),
            (Some(Portal::Netschool), None) => {
                return Err(Failure::usage(
                    "`--from netschool`: укажите файлы, которые читать",
                    "`--from netschool` needs the files to read",
                ))
            }
            (None, Some(_)) if !self.more.is_empty() => Source::Files(files().cloned().collect()),
            (None, file) => Source::of(file.as_deref())?,
        };
        if let Source::Demo = source {
            if self.as_of.is_none() {
                settings.as_of = DateTime::parse_from_rfc3339(DEMO_AS_OF)
                    .map_err(|e| Failure::usage(e.to_string(), e.to_string()))?;
            }
            eprintln!("ekzh: {}", demo_note(lang, self.as_of.is_none()));
        }
        let mut engine = settings.engine();
        let how = Reading {
            cores: 0,
            netschool: &self.netschool,
            lang,
            school: None,
            bars: true,
        };
        source.load(&mut engine, settings.on_error, &how)?;
        Ok(Loaded {
            engine,
            as_of: settings.as_of,
        })
    }

    /// Reads the policy, `--as-of` (now, when not given) and the key.
    pub fn settings(&self) -> Result<Settings, Failure> {
        let policy = match &self.policy {
            Some(path) => read_policy(path)?,
            None => Policy::default(),
        };
        let as_of = match &self.as_of {
            Some(text) => policy.parse_as_of(text)?,
            None => now(&policy),
        };
        let on_error = if self.skip_invalid {
            OnError::Skip
        } else {
            OnError::Fail
        };
        let key = self.pseudonymize_key.as_deref().map(read_key).transpose()?;
        Ok(Settings {
            policy,
            as_of,
            on_error,
            key,
        })
    }
}

/// The pseudonyms of the key in a file: its bytes as they are.
fn read_key(path: &Path) -> Result<Pseudonyms, Failure> {
    let key = std::fs::read(path).map_err(|error| Failure::Io {
        path: path.display().to_string(),
        error,
    })?;
    Pseudonyms::new(&key).map_err(|e| {
        let flag = format!("`--pseudonymize-key {}`", path.display());
        Failure::usage(format!("{flag}: {}", e.ru()), format!("{flag}: {e}"))
    })
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
#[derive(Debug, Clone)]
pub enum Source {
    /// The bundled demo register.
    Demo,
    /// Standard input.
    Stdin,
    /// A file, or several files of one register, read one after the other.
    Files(Vec<PathBuf>),
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
            Some(path) => Ok(Source::Files(vec![path.to_owned()])),
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
    /// JSON array or object is read whole. Several files are read one after the other, an
    /// error naming its file.
    pub fn load(
        &self,
        engine: &mut Engine,
        on_error: OnError,
        how: &Reading<'_>,
    ) -> Result<(), Failure> {
        match self {
            Source::Demo => Ok(load_bytes(engine, DEMO.as_bytes(), on_error)?),
            Source::Netschool(files) => {
                super::netschool::load(engine, files, how.netschool, on_error, how.lang, how.school)
            }
            Source::Stdin => {
                let (bar, stdin) = progress::reader(io::stdin(), None, how.bars);
                let loaded = load_stream(engine, stdin, on_error, how.cores, super::STDIN);
                bar.finish_and_clear();
                loaded
            }
            Source::Files(files) => {
                for path in files {
                    let name = path.display().to_string();
                    let file = File::open(path).map_err(|error| Failure::Io {
                        path: name.clone(),
                        error,
                    })?;
                    let len = file.metadata().ok().map(|m| m.len());
                    let (bar, file) = progress::reader(file, len, how.bars);
                    let loaded = load_stream(engine, file, on_error, how.cores, &name);
                    bar.finish_and_clear();
                    match loaded {
                        Err(Failure::Input(error)) if files.len() > 1 => {
                            return Err(Failure::InputIn {
                                path: name,
                                error: Box::new(error),
                            })
                        }
                        other => other?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// How a register is read besides its source: on how many cores, what a NetSchool import
/// needs, the language of what is said on standard error, the school (in a region) and
/// whether progress is drawn.
pub struct Reading<'a> {
    /// 0: every core there is (two at most).
    pub cores: usize,
    pub netschool: &'a super::netschool::NetschoolOptions,
    pub lang: Lang,
    pub school: Option<&'a str>,
    pub bars: bool,
}

fn load_stream(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
    cores: usize,
    path: &str,
) -> Result<(), Failure> {
    let loaded = match cores {
        0 => ekzh_io::load_reader(engine, source, on_error),
        cores => ekzh_io::load_reader_on(engine, source, on_error, cores),
    };
    loaded.map_err(|error| match error {
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
