//! `ekzh gen`: writes a synthetic register, or a region of them (the `ekzh-gen` crate).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::Failure;
use ekzh_gen::{generate, region, Generated, Mistake, Options, Shape};

#[derive(Debug, clap::Args)]
pub struct GenArgs {
    /// Classes, spread over grades 1–11 (33: three of each grade). With `--region`, the
    /// classes of its largest school (60).
    #[arg(long)]
    classes: Option<u32>,
    /// Study weeks of the school year; 34 is the whole year, with its end.
    #[arg(long, default_value_t = 34)]
    weeks: u32,
    /// The seed: the same seed writes the same register.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The share of entries made the typical wrong way (0 to 1; 0: a clean register).
    #[arg(long, default_value_t = 0.0, value_name = "RATE")]
    violations: f64,
    /// The first school day (YYYY-MM-DD, from 26 August to 10 September).
    #[arg(long, value_name = "DATE", default_value = "2024-09-02")]
    start: NaiveDate,
    /// Write the mistakes made on purpose to this file, one JSON object a line: the rule
    /// that reports each, and the event, lesson, student, subject, period, parent, class or
    /// date its finding names. They are exactly the findings `ekzh check` makes at the
    /// `--as-of` printed. With `--region`, a folder: a file for each school, named as its
    /// register.
    #[arg(long, value_name = "FILE")]
    mistakes: Option<PathBuf>,
    /// Students in a class at the start of the year: a number, or a range such as `8-12`
    /// (small classes make a register heavy with lessons).
    #[arg(long, value_name = "N|MIN-MAX", default_value = "23-28", value_parser = parse_students)]
    students: (u32, u32),
    /// Few teachers for many classes: this many subject teachers per class in all (such as
    /// 0.3), each teaching any subject in as many classes as it takes, even at the same
    /// hour. Without it, as many as the timetable needs.
    #[arg(long, value_name = "RATIO")]
    teachers_per_class: Option<f64>,
    /// Only the school's declarations, thematic plans, lessons, incidents and journal
    /// exports: a lesson-plan export.
    #[arg(long)]
    lessons_only: bool,
    /// No parents: no diary views, paper reports or opt-outs.
    #[arg(long)]
    no_diary_views: bool,
    /// No homework entries.
    #[arg(long)]
    no_homework: bool,
    /// Oral marks a lesson beyond those the final marks need, as a share of the usual two
    /// to four: 0 gives only the marks a final mark needs (with small classes, about one
    /// mark a lesson).
    #[arg(long, value_name = "SHARE", default_value_t = 1.0)]
    oral_marks: f64,
    /// A policy file (JSON or TOML): the register keeps (or, with `--violations`, misses)
    /// its numbers instead of the Regulation's.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Write a region of N schools of various sizes (from a village school to a city one
    /// of `--classes` classes), one NDJSON file each, into `--out`.
    #[arg(long, value_name = "N", requires = "out")]
    region: Option<u32>,
    /// The folder the region's schools are written to.
    #[arg(long, value_name = "DIR", requires = "region")]
    out: Option<PathBuf>,
}

/// `N` or `MIN-MAX`.
fn parse_students(text: &str) -> Result<(u32, u32), String> {
    let number = |t: &str| {
        t.trim()
            .parse::<u32>()
            .map_err(|_| format!("`{text}` is not a number of students such as `25` or `8-12`"))
    };
    match text.split_once('-') {
        Some((least, most)) => Ok((number(least)?, number(most)?)),
        None => number(text).map(|n| (n, n)),
    }
}

pub fn gen(args: &GenArgs) -> Result<ExitCode, Failure> {
    let policy = match &args.policy {
        Some(path) => super::register::read_policy(path)?,
        None => ekzh::Policy::default(),
    };
    let options = Options {
        classes: args.classes.unwrap_or(33),
        weeks: args.weeks,
        seed: args.seed,
        violations: args.violations,
        start: args.start,
        shape: Shape {
            students: args.students,
            teachers_per_class: args.teachers_per_class,
            lessons_only: args.lessons_only,
            parents: !args.no_diary_views,
            homework: !args.no_homework,
            oral_marks: args.oral_marks,
        },
        policy,
    };
    if let (Some(schools), Some(dir)) = (args.region, &args.out) {
        let largest = args.classes.unwrap_or(region::LARGEST);
        return gen_region(&options, schools, largest, dir, args.mistakes.as_deref());
    }
    options
        .validate()
        .map_err(|e| Failure::usage(e.to_string(), e.to_string()))?;
    let stdout = io::stdout().lock();
    match generate(&options, stdout) {
        Ok(generated) => {
            if let Some(path) = &args.mistakes {
                write_mistakes(path, &generated.mistakes)?;
            }
            let mut err = io::stderr().lock();
            let _ = writeln!(
                err,
                "ekzh: {} events; check them with `ekzh check FILE --as-of {}`{}",
                generated.events,
                as_of(&generated),
                made_on_purpose(generated.mistakes.len())
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(error) => Err(Failure::Io {
            path: "standard output".into(),
            error,
        }),
    }
}

/// `--region N --out DIR`: the schools' registers, and their mistakes beside them when
/// asked (`--mistakes DIR2`: one file a school, named as its register).
fn gen_region(
    options: &Options,
    schools: u32,
    largest: u32,
    dir: &Path,
    mistakes: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let plan = region::plan(options, schools, largest)
        .map_err(|e| Failure::usage(e.to_string(), e.to_string()))?;
    let io_error = |path: &Path| {
        let path = path.display().to_string();
        move |error| Failure::Io {
            path: path.clone(),
            error,
        }
    };
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    if let Some(mistakes) = mistakes {
        std::fs::create_dir_all(mistakes).map_err(io_error(mistakes))?;
    }
    let mut events = 0;
    let mut made = 0;
    let mut last = None;
    for school in &plan {
        let path = dir.join(format!("{}.ndjson", school.name));
        let file = std::fs::File::create(&path).map_err(io_error(&path))?;
        let generated = generate(&school.options, file).map_err(io_error(&path))?;
        if let Some(mistakes) = mistakes {
            let path = mistakes.join(format!("{}.ndjson", school.name));
            write_mistakes(&path, &generated.mistakes)?;
        }
        events += generated.events;
        made += generated.mistakes.len();
        last = Some(as_of(&generated));
    }
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "ekzh: {} schools, {events} events in {}; check them with `ekzh check {} --as-of {}`{}",
        plan.len(),
        dir.display(),
        dir.display(),
        last.unwrap_or_default(),
        made_on_purpose(made)
    );
    Ok(ExitCode::SUCCESS)
}

fn as_of(generated: &Generated) -> String {
    let at: DateTime<FixedOffset> = generated.as_of;
    at.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn made_on_purpose(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} mistakes made on purpose)")
    }
}

fn write_mistakes(path: &Path, mistakes: &[Mistake]) -> Result<(), Failure> {
    let io_error = |error| Failure::Io {
        path: path.display().to_string(),
        error,
    };
    let mut out = io::BufWriter::new(std::fs::File::create(path).map_err(io_error)?);
    for m in mistakes {
        let line = serde_json::json!({
            "rule": m.rule,
            "event": m.event,
            "lesson": m.lesson,
            "student": m.student,
            "subject": m.subject,
            "period": m.period,
            "parent": m.parent,
            "class": m.class,
            "date": m.date,
        });
        writeln!(out, "{line}").map_err(io_error)?;
    }
    out.flush().map_err(io_error)
}
