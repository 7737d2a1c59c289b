//! The command line: `ekzh check`, `ekzh report`, `ekzh rules`, `ekzh explain`.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{Parser, Subcommand, ValueEnum};
use ekzh_core::{load_bytes, Engine, InputError, Lang, OnError, Policy, Report, Severity};

mod gen;
mod progress;
mod report;
mod text;

/// The bundled demo register: 1А, 5А and 9А, September–October 2024, with a handful of the
/// typical mistakes (written by examples/make_demo.py).
const DEMO: &str = include_str!("../../examples/demo.ndjson");

/// The moment the demo register is checked at unless `--as-of` says otherwise: the end of
/// its autumn break, when the first quarter's marks are in.
const DEMO_AS_OF: &str = "2024-10-31T18:00:00+04:00";

/// Checks an electronic class register (ЭКЖ) against the school's Regulation
/// («Положение о ведении электронного классного журнала»).
#[derive(Debug, Parser)]
#[command(name = "ekzh", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a register and print the findings.
    Check(CheckArgs),
    /// Check a register and write the справка: the administration's report, one HTML file.
    Report(report::ReportArgs),
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule's id, such as `grade1_mark`.
        id: String,
    },
    /// Print a student's electronic diary: what they and their parents may see.
    Diary(DiaryArgs),
    /// Write a synthetic register of a whole school as NDJSON: clean, or with mistakes.
    Gen(gen::GenArgs),
}

#[derive(Debug, clap::Args)]
struct DiaryArgs {
    /// The register (as for `check`); `-` for standard input.
    file: PathBuf,
    /// The student's id.
    #[arg(long)]
    student: String,
    /// The first day to show (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// The last day to show (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// The language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::Ru)]
    lang: LangArg,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The register: JSON array, {"events": [...]} or NDJSON; `-` for standard input.
    /// Without it, the bundled demo register is checked (as of 2024-10-31 18:00 unless
    /// `--as-of` is given).
    file: Option<PathBuf>,
    /// The moment to check at: RFC 3339 (2024-10-31T18:00:00+04:00) or a date (the end of
    /// that day, school time). Default: now.
    #[arg(long, value_name = "DATETIME")]
    as_of: Option<String>,
    /// A policy file (JSON or TOML) that overrides the Regulation's numbers.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// The language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Ru)]
    lang: LangArg,
    /// Exit with 1 when a finding of this severity or higher is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Check every good event and list the bad ones as `input_error` findings, instead of
    /// stopping at the first.
    #[arg(long)]
    skip_invalid: bool,
    /// How the text report is grouped: by class, by teacher (what a deputy director hands
    /// to each teacher), or by rule.
    #[arg(long, value_enum, default_value_t = GroupBy::Class)]
    group_by: GroupBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    Class,
    Teacher,
    Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Ru,
    En,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Lang {
        match value {
            LangArg::Ru => Lang::Ru,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Severity {
        match value {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Why a command could not do its work: exit code 2.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Policy(#[from] ekzh_core::PolicyError),
    #[error("cannot read `{path}`: {error}")]
    Io { path: String, error: io::Error },
    #[error("{0}")]
    Usage(String),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Report(args) => report::report(&args).map(|()| ExitCode::SUCCESS),
        Command::Rules { format } => rules(format).map(|()| ExitCode::SUCCESS),
        Command::Explain { id } => explain(&id).map(|()| ExitCode::SUCCESS),
        Command::Diary(args) => diary(&args).map(|()| ExitCode::SUCCESS),
        Command::Gen(args) => gen::gen(&args),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("ekzh: {failure}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let policy = match &args.policy {
        Some(path) => read_policy(path)?,
        None => Policy::default(),
    };
    let demo = args.file.is_none();
    let as_of = match (&args.as_of, demo) {
        (None, true) => {
            eprintln!(
                "ekzh: no register given: checking the bundled demo register as of {DEMO_AS_OF}"
            );
            DateTime::parse_from_rfc3339(DEMO_AS_OF).map_err(|e| Failure::Usage(e.to_string()))?
        }
        _ => as_of(args.as_of.as_deref(), &policy)?,
    };
    let on_error = if args.skip_invalid {
        OnError::Skip
    } else {
        OnError::Fail
    };
    let mut engine = Engine::new(policy);
    open_register(&mut engine, args.file.as_deref(), on_error)?;
    let report = progress::audit(&engine, as_of);
    let lang = args.lang.into();
    let mut out = io::stdout().lock();
    let written = match args.format {
        Output::Json => serde_json::to_writer_pretty(&mut out, &report.localized(lang))
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Output::Text => text::write_report(&mut out, &report, &engine, lang, args.group_by),
    };
    // A closed pipe (`ekzh check | head`) is not a failure of the check.
    if let Err(error) = written.and_then(|()| out.flush()) {
        if error.kind() != io::ErrorKind::BrokenPipe {
            return Err(Failure::Io {
                path: "standard output".into(),
                error,
            });
        }
    }
    Ok(exit_code(&report, args.fail_on.into()))
}

fn exit_code(report: &Report, fail_on: Severity) -> ExitCode {
    if report.worst().is_some_and(|worst| worst >= fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a register from a file or a pipe. NDJSON is read line by line, never held whole;
/// a JSON array or object is read whole.
fn load_stream(
    engine: &mut Engine,
    source: impl Read + Send,
    on_error: OnError,
    path: &str,
) -> Result<(), Failure> {
    ekzh::stream::load_reader(engine, source, on_error).map_err(|error| match error {
        ekzh::stream::LoadError::Input(error) => Failure::Input(error),
        ekzh::stream::LoadError::Io(error) => Failure::Io {
            path: path.to_owned(),
            error,
        },
    })
}

fn read_policy(path: &Path) -> Result<Policy, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| Failure::Io {
        path: path.display().to_string(),
        error,
    })?;
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    Ok(if toml {
        Policy::from_toml(&text)?
    } else {
        Policy::from_json(&text)?
    })
}

/// `--as-of`: RFC 3339, or a date meaning the end of that day in school time; now by default.
fn as_of(text: Option<&str>, policy: &Policy) -> Result<DateTime<FixedOffset>, Failure> {
    let Some(text) = text else {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let now =
            DateTime::from_timestamp(i64::try_from(now).unwrap_or(i64::MAX), 0).unwrap_or_default();
        return Ok(now.with_timezone(&policy.utc_offset.0));
    };
    policy.parse_as_of(text).ok_or_else(|| {
        Failure::Usage(format!(
            "`--as-of {text}` is not a date (YYYY-MM-DD) or a date and time (RFC 3339)"
        ))
    })
}

fn diary(args: &DiaryArgs) -> Result<(), Failure> {
    let mut engine = Engine::new(Policy::default());
    open_register(&mut engine, Some(&args.file), OnError::Fail)?;
    let Some(diary) = engine.diary(&args.student, args.from, args.to) else {
        return Err(Failure::Usage(format!(
            "the register declares no student `{}`",
            args.student
        )));
    };
    let mut out = io::stdout().lock();
    let written = match args.format {
        Output::Json => serde_json::to_writer_pretty(&mut out, &diary)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Output::Text => text::write_diary(&mut out, &diary, args.lang.into()),
    };
    written.or_else(ignore_broken_pipe)
}

/// Loads a register: a file, `-` for standard input, or the bundled demo register.
fn open_register(
    engine: &mut Engine,
    file: Option<&Path>,
    on_error: OnError,
) -> Result<(), Failure> {
    match file {
        None => Ok(load_bytes(engine, DEMO.as_bytes(), on_error)?),
        Some(path) if path == Path::new("-") => {
            let (bar, stdin) = progress::reader(io::stdin(), None);
            let loaded = load_stream(engine, stdin, on_error, "-");
            bar.finish_and_clear();
            loaded
        }
        Some(path) => {
            let file = File::open(path).map_err(|error| Failure::Io {
                path: path.display().to_string(),
                error,
            })?;
            let len = file.metadata().ok().map(|m| m.len());
            let (bar, file) = progress::reader(file, len);
            let loaded = load_stream(engine, file, on_error, &path.display().to_string());
            bar.finish_and_clear();
            loaded
        }
    }
}

fn rules(format: Output) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    let written = match format {
        Output::Json => {
            let list: Vec<serde_json::Value> = ekzh_core::catalogue()
                .map(|rule| {
                    serde_json::json!({
                        "id": rule.id,
                        "clause": rule.clause,
                        "severity": rule.severity,
                        "when": rule.when,
                        "summary": rule.summary(),
                        "doc": rule.documentation(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Output::Text => text::write_rules(&mut out),
    };
    written.or_else(ignore_broken_pipe)
}

fn explain(id: &str) -> Result<(), Failure> {
    let Some(rule) = ekzh_core::rule(id) else {
        let ids: Vec<&str> = ekzh_core::catalogue().map(|r| r.id).collect();
        return Err(Failure::Usage(format!(
            "no rule `{id}`; the rules are: {}",
            ids.join(", ")
        )));
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} — {}, {}, {}\n\n{}",
        rule.id,
        clause(rule.clause),
        rule.severity,
        rule.when.as_str(),
        rule.documentation()
    )
    .or_else(ignore_broken_pipe)
}

fn clause(clause: &str) -> String {
    if clause == "—" {
        "no clause".to_owned()
    } else {
        format!("clause {clause}")
    }
}

fn ignore_broken_pipe(error: io::Error) -> Result<(), Failure> {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(Failure::Io {
            path: "standard output".into(),
            error,
        })
    }
}
