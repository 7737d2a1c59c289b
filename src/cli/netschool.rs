//! `ekzh import netschool FILE...` and `ekzh check --from netschool FILE...`: what NetSchool
//! (АСУ РСО) exports, read by the core's importer (SPEC §7).

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use ekzh_core::netschool::{self, Import, Options, Source};
use ekzh_core::{Engine, Lang, OnError};

use super::{Failure, LangArg};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub from: ImportFrom,
}

#[derive(Debug, clap::Subcommand)]
pub enum ImportFrom {
    /// Write the events of NetSchool (АСУ РСО, «Сетевой город») downloads as NDJSON, the
    /// `extract` first; what was read, made and left out goes to standard error.
    Netschool(NetschoolArgs),
}

#[derive(Debug, clap::Args)]
pub struct NetschoolArgs {
    /// A student's diary (`webapi/student/diary`: one week or a list of weeks; several
    /// files of one student), or one class journal (`webapi/grade/journal`); `-` for
    /// standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    options: NetschoolOptions,
    /// The language of the counts and errors on standard error.
    #[arg(long, value_enum, default_value_t = LangArg::Ru)]
    lang: LangArg,
}

impl ImportArgs {
    /// The language of the import's counts and errors.
    pub fn lang(&self) -> ekzh_core::Lang {
        match &self.from {
            ImportFrom::Netschool(args) => args.lang.into(),
        }
    }
}

/// What the import needs that the downloads do not say.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct NetschoolOptions {
    /// The server's assignment types (`webapi/grade/assignment/types`): kinds of work above
    /// id 16 are known only from them.
    #[arg(long, value_name = "FILE")]
    types: Option<PathBuf>,
    /// The class's grade (1–11), over the number its name begins with.
    #[arg(long, value_name = "N")]
    grade: Option<i64>,
    /// A class journal's class, by name (such as 7А): the journal does not name it.
    #[arg(long = "class", value_name = "NAME")]
    class: Option<String>,
    /// A class journal's subject, as the school names it: the journal does not name it.
    #[arg(long, value_name = "NAME")]
    subject: Option<String>,
    /// A class journal's study period, KIND:START:END (quarter:2024-09-02:2024-10-27): its
    /// totals become final marks of this period.
    #[arg(long, value_name = "KIND:START:END")]
    period: Option<String>,
}

/// `ekzh import netschool`.
pub fn import(args: &ImportArgs) -> Result<(), Failure> {
    let ImportFrom::Netschool(args) = &args.from;
    let imported = read(&args.files, &args.options)?;
    let mut out = io::stdout().lock();
    let mut written = Ok(());
    for event in &imported.events {
        written = serde_json::to_writer(&mut out, event)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out));
        if written.is_err() {
            break;
        }
    }
    written
        .and_then(|()| out.flush())
        .or_else(super::ignore_broken_pipe)?;
    tell(&imported, args.lang.into(), None);
    Ok(())
}

/// `ekzh check --from netschool`: the events of the downloads into the engine (of a
/// region's `school`, when it is one).
pub fn load(
    engine: &mut Engine,
    files: &[PathBuf],
    options: &NetschoolOptions,
    on_error: OnError,
    lang: Lang,
    school: Option<&str>,
) -> Result<(), Failure> {
    let imported = read(files, options)?;
    tell(&imported, lang, school);
    ekzh_core::load(engine, imported.events.into_iter().map(Ok), on_error)?;
    Ok(())
}

/// What the import read, made and left out, on standard error (each line naming the
/// school, in a region).
fn tell(imported: &Import, lang: Lang, school: Option<&str>) {
    let text = imported.summary.text(lang);
    let mut err = io::stderr().lock();
    for line in text.lines() {
        let _ = match school {
            Some(school) => writeln!(err, "ekzh: {school}: {line}"),
            None => writeln!(err, "ekzh: {line}"),
        };
    }
}

fn read(files: &[PathBuf], options: &NetschoolOptions) -> Result<Import, Failure> {
    let sources = files
        .iter()
        .map(|path| source(path))
        .collect::<Result<Vec<_>, _>>()?;
    let options = Options {
        types: options.types.as_deref().map(source).transpose()?,
        grade: options.grade,
        class: options.class.clone(),
        subject: options.subject.clone(),
        period: options.period.clone(),
    };
    Ok(netschool::import(&sources, &options)?)
}

/// A file (or standard input) as a source named by its path.
fn source(path: &Path) -> Result<Source, Failure> {
    let name = path.display().to_string();
    let io = |error| Failure::Io {
        path: name.clone(),
        error,
    };
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes).map_err(io)?;
        bytes
    } else {
        std::fs::read(path).map_err(io)?
    };
    Ok(Source::from_slice(Some(&name), &bytes)?)
}
