//! The command line: `ekzh check`, `ekzh report`, `ekzh rules`, `ekzh explain`, `ekzh diary`, `ekzh gen`, `ekzh import`.
//!
//! A command is a variant of [`Command`] and a function here (or a module of its own); a
//! command that checks a register flattens [`RegisterArgs`] into its arguments, for the
//! same FILE, `-`, standard input and demo register, `--as-of`, `--policy` and
//! `--skip-invalid` as `check`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use ekzh_core::{Engine, InputError, Lang, Message, OnError, Policy, Report, Severity};

mod gen;
mod netschool;
mod progress;
mod region;
mod register;
mod report;
mod text;

use register::{Loaded, RegisterArgs, Source};

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
        #[arg(long, value_enum, default_value_t = RulesOutput::Text)]
        format: RulesOutput,
        /// The language of the titles and documentation.
        #[arg(long, value_enum, default_value_t = LangArg::Ru)]
        lang: LangArg,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule's id, such as `grade1_mark`.
        id: String,
        /// The language of the documentation.
        #[arg(long, value_enum, default_value_t = LangArg::Ru)]
        lang: LangArg,
    },
    /// Print a student's electronic diary: what they and their parents may see.
    Diary(DiaryArgs),
    /// Write a synthetic register of a whole school as NDJSON: clean, or with mistakes.
    Gen(gen::GenArgs),
    /// Turn what a portal exports into a register's events (NDJSON).
    Import(netschool::ImportArgs),
}

impl Command {
    /// The language the command speaks, its errors included: `--lang` where it has one,
    /// else Russian.
    fn lang(&self) -> Lang {
        match self {
            Command::Check(args) => args.lang.into(),
            Command::Report(args) => args.lang(),
            Command::Rules { lang, .. } | Command::Explain { lang, .. } => (*lang).into(),
            Command::Diary(args) => args.lang.into(),
            Command::Import(args) => args.lang(),
            Command::Gen(_) => Lang::Ru,
        }
    }
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
    #[command(flatten)]
    register: RegisterArgs,
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// The language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Ru)]
    lang: LangArg,
    /// Exit with 1 when a finding of this severity or higher is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// How the text report is grouped: by class, by teacher (what a deputy director hands
    /// to each teacher), or by rule.
    #[arg(long, value_enum, default_value_t = GroupBy::Class)]
    group_by: GroupBy,
    /// A region (a folder): how many schools are checked at once, each on a thread of its
    /// own; by default, a thread a core.
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
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

/// How `ekzh rules` prints the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesOutput {
    Text,
    Json,
    /// The catalogue as a document: what docs/rules.md is.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
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
    /// A bad event in one of several files of a register.
    #[error("`{path}`: {error}")]
    InputIn {
        path: String,
        error: Box<InputError>,
    },
    #[error("{0}")]
    Policy(#[from] ekzh_core::PolicyError),
    #[error("--as-of: {0}")]
    AsOf(#[from] ekzh_core::AsOfError),
    #[error("cannot read `{path}`: {error}")]
    Io { path: String, error: io::Error },
    #[error("{}", .0.en)]
    Usage(Message),
    #[error("{0}")]
    Import(#[from] ekzh_core::netschool::NetschoolError),
}

impl Failure {
    /// A mistake in how the command was called, said in both languages.
    fn usage(ru: impl Into<String>, en: impl Into<String>) -> Failure {
        Failure::Usage(Message::new(ru, en))
    }

    /// What went wrong, in the language of the command.
    fn localized(&self, lang: Lang) -> String {
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (Failure::Input(e), Lang::Ru) => e.localized(lang).to_string(),
            (Failure::InputIn { path, error }, Lang::Ru) => {
                format!("`{path}`: {}", error.localized(lang))
            }
            (Failure::Policy(e), Lang::Ru) => e.localized(lang),
            (Failure::AsOf(e), Lang::Ru) => format!("--as-of: {}", e.localized(lang)),
            (Failure::Io { path, error }, Lang::Ru) => {
                let what = match path.as_str() {
                    STDIN => "не удаётся прочитать стандартный ввод".to_owned(),
                    STDOUT => "не удаётся записать в стандартный вывод".to_owned(),
                    path => format!("не удаётся прочитать или записать `{path}`"),
                };
                format!("{what}: {}", io_ru(error))
            }
            (Failure::Usage(m), Lang::Ru) => m.ru.clone(),
            (Failure::Import(e), Lang::Ru) => e.localized(lang),
        }
    }
}

/// The names of the standard streams in `Failure::Io`.
const STDIN: &str = "standard input";
const STDOUT: &str = "standard output";

/// What an I/O error is, in Russian (the system's own text is in English).
fn io_ru(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::NotFound => "нет такого файла или папки",
        io::ErrorKind::PermissionDenied => "нет прав доступа",
        io::ErrorKind::IsADirectory => "это папка, а не файл",
        io::ErrorKind::InvalidData => "данные не читаются (текст не в UTF-8?)",
        io::ErrorKind::UnexpectedEof => "файл оборван",
        io::ErrorKind::StorageFull => "нет места на диске",
        _ => "ошибка ввода-вывода",
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.command.lang();
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Report(args) => report::report(&args).map(|()| ExitCode::SUCCESS),
        Command::Rules { format, lang } => rules(format, lang.into()).map(|()| ExitCode::SUCCESS),
        Command::Explain { id, lang } => explain(&id, lang.into()).map(|()| ExitCode::SUCCESS),
        Command::Diary(args) => diary(&args).map(|()| ExitCode::SUCCESS),
        Command::Gen(args) => gen::gen(&args),
        Command::Import(args) => netschool::import(&args).map(|()| ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("ekzh: {}", failure.localized(lang));
            ExitCode::from(2)
        }
    }
}

fn check(args: &CheckArgs) -> Result<ExitCode, Failure> {
    if let Some(dir) = args.register.region() {
        return region::check(args, dir);
    }
    let lang = args.lang.into();
    let Loaded { engine, as_of } = args.register.load(lang)?;
    let report = progress::audit(&engine, as_of);
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
                path: STDOUT.into(),
                error,
            });
        }
    }
    let code = exit_code(&report, args.fail_on.into());
    leave(engine);
    Ok(code)
}

/// Leaves a checked register to the end of the process, which returns its memory at once:
/// freeing its records one by one would only make a large register's check slower.
fn leave(engine: Engine) {
    std::mem::forget(engine);
}

fn exit_code(report: &Report, fail_on: Severity) -> ExitCode {
    if report.worst().is_some_and(|worst| worst >= fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn diary(args: &DiaryArgs) -> Result<(), Failure> {
    let mut engine = Engine::new(Policy::default());
    let how = register::Reading {
        cores: 0,
        netschool: &netschool::NetschoolOptions::default(),
        lang: args.lang.into(),
        school: None,
        bars: true,
    };
    Source::of(Some(&args.file))?.load(&mut engine, OnError::Fail, &how)?;
    let Some(diary) = engine.diary(&args.student, args.from, args.to) else {
        return Err(Failure::usage(
            format!("в журнале нет ученика `{}`", args.student),
            format!("the register declares no student `{}`", args.student),
        ));
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

fn rules(format: RulesOutput, lang: Lang) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    let written = match format {
        RulesOutput::Json => {
            let list: Vec<_> = ekzh_core::catalogue().collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        RulesOutput::Text => text::write_rules(&mut out, lang),
        RulesOutput::Markdown => text::write_rules_markdown(&mut out, lang),
    };
    written.or_else(ignore_broken_pipe)
}

fn explain(id: &str, lang: Lang) -> Result<(), Failure> {
    let Some(rule) = ekzh_core::rule(id) else {
        let ids: Vec<&str> = ekzh_core::catalogue().map(|r| r.id).collect();
        return Err(Failure::usage(
            format!("нет правила `{id}`; правила: {}", ids.join(", ")),
            format!("no rule `{id}`; the rules are: {}", ids.join(", ")),
        ));
    };
    let mut out = io::stdout().lock();
    text::write_explain(&mut out, rule, lang).or_else(ignore_broken_pipe)
}

fn ignore_broken_pipe(error: io::Error) -> Result<(), Failure> {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(Failure::Io {
            path: STDOUT.into(),
            error,
        })
    }
}
