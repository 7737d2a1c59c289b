//! The engine: entries pushed one by one, findings on entry, and the audit at a date.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::diary::Diary;

use crate::event::Event;
use crate::fill::{self, Counts};
use crate::policy::Policy;
use crate::pseudonym::Pseudonyms;
use crate::read::{read_borrowed, InputError};
use crate::register::{Conflict, Entry, Named, Register, Stored};
use crate::report::{Finding, Message, Names, NotJudged, Report, Summary};
use crate::rules::{add_counts, unknown_reference, Cx, InputErrorRule, Rule, Tally, When, RULES};
use crate::time::{self, Time};

/// Checks a register entry by entry, as a portal receives it.
///
/// [`push`](Engine::push) stores an entry and returns what is wrong with it, judged against
/// the register as it stood when the entry was made; [`audit`](Engine::audit) returns every
/// finding at a date: those told on entry and those overdue by then.
///
/// The audit depends only on the events pushed, not on their order. A finding returned by
/// `push` stays in every later audit when entries are pushed in the order they were made
/// (declarations and entries without `at` first, then entries by `at`), which is how a
/// portal pushes them live.
/// An entry whose lesson, student, class or period is not declared yet is judged at the
/// audit, once they are (or reported by `unknown_reference`).
///
/// ```
/// use ekzh_core::{Engine, Event, Policy};
///
/// let mut engine = Engine::new(Policy::default());
/// for line in [
///     r#"{"type":"class","id":"1a","grade":1,"name":"1А"}"#,
///     r#"{"type":"student","id":"s1","class":"1a"}"#,
///     r#"{"type":"lesson","id":"l1","class":"1a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:10","topic":"Счёт до 10","at":"2024-09-02T09:15:00+04:00","by":"t1"}"#,
/// ] {
///     assert!(engine.push(Event::from_json(line)?)?.is_empty());
/// }
/// let mark = Event::from_json(r#"{"type":"mark","lesson":"l1","student":"s1","value":5,"at":"2024-09-02T09:20:00+04:00","by":"t1"}"#)?;
/// let findings = engine.push(mark)?;
/// assert_eq!(findings[0].rule, "grade1_mark");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    reg: Register,
    /// The index the next event gets.
    next: usize,
    /// Events that could not be read and were skipped.
    skipped: Vec<Finding>,
    /// The line of the input each event starts on, when it was read from text.
    lines: Lines,
    /// The rules that judge entries as they are made.
    judging: Judging,
}

/// The rules that judge an entry when it is made, in the catalogue's order: every rule but
/// those that tell only at a date (`When::Audit`), which judge no entry.
#[derive(Clone)]
struct Judging(Vec<&'static dyn Rule>);

impl Default for Judging {
    fn default() -> Self {
        Judging(
            RULES
                .iter()
                .copied()
                .filter(|rule| rule.meta().when != When::Audit)
                .collect(),
        )
    }
}

impl std::fmt::Debug for Judging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|rule| rule.meta().id))
            .finish()
    }
}

impl Engine {
    pub fn new(policy: Policy) -> Self {
        Engine {
            reg: Register::new(&policy),
            policy,
            next: 0,
            skipped: Vec::new(),
            lines: Lines::default(),
            judging: Judging::default(),
        }
    }

    /// An engine that keeps children and parents by keyed pseudonyms (SPEC §9): every id of
    /// a student or a parent is stored as its pseudonym and their names are never shown, so
    /// that the findings, their messages, the report's names and fill figures and the
    /// errors the engine reports name them by pseudonym only (the same key, the same
    /// pseudonym, in every register and run).
    ///
    /// ```
    /// use ekzh_core::{Engine, Event, Policy, Pseudonyms};
    ///
    /// let key = Pseudonyms::new(b"a key of at least sixteen bytes")?;
    /// let pseudonym = key.of("s1");
    /// let mut engine = Engine::with_pseudonyms(Policy::default(), key);
    /// for line in [
    ///     r#"{"type":"class","id":"1a","grade":1}"#,
    ///     r#"{"type":"student","id":"s1","name":"Иванов Иван","class":"1a"}"#,
    ///     r#"{"type":"lesson","id":"l1","class":"1a","subject":"Математика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:10","topic":"Счёт до 10"}"#,
    /// ] {
    ///     engine.push(Event::from_json(line)?)?;
    /// }
    /// let mark = Event::from_json(r#"{"type":"mark","lesson":"l1","student":"s1","value":5}"#)?;
    /// let findings = engine.push(mark)?;
    /// assert_eq!(findings[0].student.as_deref(), Some(pseudonym.as_str()));
    /// assert!(!findings[0].message.ru.contains("Иванов"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_pseudonyms(policy: Policy, key: Pseudonyms) -> Self {
        Engine {
            reg: Register::with_pseudonyms(&policy, key),
            policy,
            next: 0,
            skipped: Vec::new(),
            lines: Lines::default(),
            judging: Judging::default(),
        }
    }

    /// Whether the engine keeps children and parents by pseudonyms.
    pub fn pseudonymized(&self) -> bool {
        self.reg.names().pseudonymized()
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// What the student, or their parent, sees in the electronic diary between `from` and
    /// `to` (inclusive; `None` for open-ended): their lessons with topics and homework, their
    /// marks, absences and final marks, and nothing of any other student. `None` when the
    /// register does not declare the student.
    pub fn diary(
        &self,
        student: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Option<Diary> {
        crate::diary::diary(&self.reg, student, from, to)
    }

    /// A class's name, if the register declares one.
    pub fn class_name(&self, id: &str) -> Option<&str> {
        self.reg.declared_name(Named::Class, self.reg.sym(id)?)
    }

    /// A student's name, if the register declares one.
    pub fn student_name(&self, id: &str) -> Option<&str> {
        self.reg.declared_name(Named::Student, self.reg.sym(id)?)
    }

    /// A staff member's name, if the register declares one.
    pub fn staff_name(&self, id: &str) -> Option<&str> {
        self.reg.declared_name(Named::Staff, self.reg.sym(id)?)
    }

    /// A parent's name, if the register declares one.
    pub fn parent_name(&self, id: &str) -> Option<&str> {
        self.reg.declared_name(Named::Parent, self.reg.sym(id)?)
    }

    /// Events taken so far (skipped ones included): the index the next event gets.
    pub fn len(&self) -> usize {
        self.next
    }

    pub fn is_empty(&self) -> bool {
        self.next == 0
    }

    /// Stores an event and returns the findings about it that are final now.
    ///
    /// Fails, storing nothing, when the event contradicts the register: a class, student,
    /// staff member, parent or period declared again differently, or a lesson update that
    /// moves the lesson to another class, group, subject or date.
    pub fn push(&mut self, event: Event) -> Result<Vec<Finding>, InputError> {
        self.push_ref(&event)
    }

    /// [`push`](Engine::push) for an event the caller keeps, owned or borrowing its text
    /// from the input ([`Event::from_json_borrowed`]).
    pub fn push_ref<S: AsRef<str>>(
        &mut self,
        event: &Event<S>,
    ) -> Result<Vec<Finding>, InputError> {
        self.push_read(event, None)
    }

    /// [`push_ref`](Engine::push_ref) for an event read from text, starting on `line`
    /// (1-based): its findings, now and at the audit, name the line.
    pub fn push_read<S: AsRef<str>>(
        &mut self,
        event: &Event<S>,
        line: Option<usize>,
    ) -> Result<Vec<Finding>, InputError> {
        let stored = self.store(event, line)?;
        let mut out = Vec::new();
        if let Some(entry) = self.reg.entry(stored) {
            let cx = Cx {
                policy: &self.policy,
                reg: &self.reg,
                horizon: Some(made(&entry)),
                complete: false,
                as_of: None,
                tally: None,
            };
            judge(&cx, &self.judging, entry, &mut out);
        }
        self.place(&mut out);
        out.sort_by(Finding::report_order);
        Ok(out)
    }

    /// Stores an event without judging it: its findings come with the audit. The fast way
    /// to load a register.
    pub fn insert(&mut self, event: Event) -> Result<(), InputError> {
        self.store(&event, None).map(drop)
    }

    /// [`insert`](Engine::insert) for an event the caller keeps, owned or borrowing its
    /// text from the input ([`Event::from_json_borrowed`]): a reader parsing on another
    /// thread frees its events there, not here.
    pub fn insert_ref<S: AsRef<str>>(&mut self, event: &Event<S>) -> Result<(), InputError> {
        self.store(event, None).map(drop)
    }

    /// [`insert_ref`](Engine::insert_ref) for an event read from text, starting on `line`
    /// (1-based): its findings name the line, as people count the lines of a file.
    pub fn insert_read<S: AsRef<str>>(
        &mut self,
        event: &Event<S>,
        line: Option<usize>,
    ) -> Result<(), InputError> {
        self.store(event, line).map(drop)
    }

    fn store<S: AsRef<str>>(
        &mut self,
        event: &Event<S>,
        line: Option<usize>,
    ) -> Result<Stored, InputError> {
        let index = self.next;
        let stored = self
            .reg
            .add(
                event,
                u32::try_from(index).unwrap_or(u32::MAX),
                &self.policy,
            )
            .map_err(|conflict| InputError {
                event: Some(index),
                line,
                field: Some(conflict.field.to_owned()),
                message: self.conflict(&conflict),
            })?;
        self.lines.set(index, line);
        self.next += 1;
        Ok(stored)
    }

    /// Lays the stored lessons out stream by stream, class by class, each with its versions,
    /// attendance and marks beside it: events come day by day, a class's lessons a school's
    /// day apart, and the audit reads a class's lessons and their entries together. Every
    /// report stays the same, and events may be pushed after it. The loaders
    /// ([`load_bytes`], [`load`], and so [`check`]) settle the register when they are
    /// done; an engine fed event by event gains by settling before a large audit.
    pub fn settle(&mut self) {
        self.reg.settle();
    }

    /// Skips an event that could not be read or stored: it takes its index and is listed in
    /// the report as an `input_error` finding.
    pub fn skip(&mut self, error: &InputError) {
        let index = error.event.unwrap_or(self.next);
        let error = self.reported(error.clone());
        self.skipped.push(InputErrorRule::finding(index, &error));
        self.lines.set(index, error.line);
        self.next = self.next.max(index + 1);
    }

    /// An input error as this engine reports it: with pseudonyms, without the input it
    /// quotes ([`InputError::without_input`]).
    pub fn reported(&self, error: InputError) -> InputError {
        if self.pseudonymized() {
            error.without_input()
        } else {
            error
        }
    }

    /// Every finding at `as_of`: the entries made by then judged as they were made, and
    /// what is overdue by then.
    pub fn audit(&self, as_of: DateTime<FixedOffset>) -> Report {
        let mut found = Found::default();
        for part in self.audit_parts(as_of, 1) {
            found.extend(part.run());
        }
        self.report(as_of, found)
    }

    /// The audit at `as_of` in `parts` parts that may run on as many threads: their
    /// findings together, given to [`report`](Engine::report), are [`audit`](Engine::audit)'s
    /// report. (The core starts no thread itself.)
    pub fn audit_parts(&self, as_of: DateTime<FixedOffset>, parts: usize) -> Vec<AuditPart<'_>> {
        let now: Time = time::local(as_of, self.reg.offset());
        let parts = parts.max(1);
        (0..parts)
            .map(|part| AuditPart {
                engine: self,
                now,
                part,
                parts,
            })
            .collect()
    }

    /// The report at `as_of` of what every part of the audit found: with the events skipped
    /// as unreadable, in the report's order, with the summary.
    pub fn report(&self, as_of: DateTime<FixedOffset>, found: Found) -> Report {
        let Found {
            findings: found,
            not_judged,
            fill,
        } = found;
        let mut findings = self.skipped.clone();
        findings.extend(found);
        self.place(&mut findings);
        findings.sort_by(Finding::report_order);
        let counts = self.fill_counts(time::local(as_of, self.reg.offset()), fill);
        let mut summary = Summary {
            events: self.next,
            entries_without_at: self.reg.without_at(),
            entries_without_by: self.reg.without_by(),
            input_errors: self.skipped.len(),
            fill: fill::fill(&self.reg, counts, &findings),
            policy: (self.policy != Policy::default()).then(|| self.policy.clone()),
            not_judged: (!self.reg.is_whole()).then_some(not_judged),
            ..Summary::default()
        };
        summary.count(&findings);
        let names = self.names(&findings, &summary.fill);
        Report {
            as_of,
            findings,
            summary,
            names,
        }
    }

    /// The counts of the fill figures at `now`: those the parts of the audit made, when
    /// every part made its share at that moment; else counted here.
    fn fill_counts(&self, now: Time, shares: Option<FillShares>) -> Counts {
        match shares {
            Some(shares) if shares.now == now && shares.whole() => shares.counts,
            _ => fill::counts(&self.reg, &self.policy, now, 0, 1),
        }
    }

    /// What is wrong with an event that contradicts the register, naming the event that
    /// first declared what it changes by its line (or its number from 1).
    fn conflict(&self, conflict: &Conflict) -> Message {
        let Conflict {
            field,
            what,
            id,
            first,
        } = conflict;
        let first = *first as usize;
        let (ru_at, en_at) = match self.lines.get(first) {
            Some(line) => (format!("в строке {line}"), format!("on line {line}")),
            None => (
                format!("событием {}", first + 1),
                format!("by event {}", first + 1),
            ),
        };
        let what_ru = match *what {
            "period" => "период",
            "class" => "класс",
            "staff" => "сотрудник",
            "student" => "ученик",
            "parent" => "родитель",
            "lesson" => "урок",
            _ => "объект",
        };
        Message::new(
            format!("{what_ru} `{id}` уже объявлен {ru_at} с другим значением `{field}`: повторная запись не может его изменить"),
            format!("{what} `{id}` was declared {en_at} with another `{field}`; an update may not change it"),
        )
    }

    /// Names the line of each finding's event, where the input had lines.
    fn place(&self, findings: &mut [Finding]) {
        for finding in findings {
            finding.line = finding.event.and_then(|event| self.lines.get(event));
        }
    }

    /// The line of the input where an event starts, when it was read from text.
    pub fn line_of(&self, event: usize) -> Option<usize> {
        self.lines.get(event)
    }

    /// The names of the classes, staff, students and parents that findings and fill
    /// figures mention, as the register declares them.
    fn names(&self, findings: &[Finding], fill: &crate::Fill) -> Names {
        let mut names = Names::default();
        let put =
            |map: &mut std::collections::BTreeMap<String, String>, id: &str, name: Option<&str>| {
                if let Some(name) = name {
                    map.insert(id.to_owned(), name.to_owned());
                }
            };
        for id in fill.classes.keys() {
            put(&mut names.classes, id, self.class_name(id));
        }
        for id in fill.teachers.keys() {
            put(&mut names.staff, id, self.staff_name(id));
        }
        for f in findings {
            if let Some(id) = &f.class {
                put(&mut names.classes, id, self.class_name(id));
            }
            if let Some(id) = &f.teacher {
                put(&mut names.staff, id, self.staff_name(id));
            }
            for id in f.student.iter().chain(f.students.iter().flatten()) {
                put(&mut names.students, id, self.student_name(id));
            }
            if let Some(id) = &f.parent {
                put(&mut names.parents, id, self.parent_name(id));
            }
        }
        names
    }
}

/// The moment an entry is judged at: when it was made. An entry without `at` (and a
/// declaration) counts as made before every entry that has one: it is judged against the
/// declarations and the other entries without `at`, the same when pushed and at every
/// audit, so that a finding told on its push is never withdrawn by entries made later.
fn made(entry: &Entry<'_>) -> Time {
    entry.stamp().and_then(|s| s.at).unwrap_or(time::ALWAYS)
}

/// One part of an audit (see [`Engine::audit_parts`]): every `parts`-th stored entry judged
/// as made, what every `parts`-th rule finds overdue, and the fill figures of every
/// `parts`-th lesson held.
#[derive(Debug, Clone, Copy)]
pub struct AuditPart<'a> {
    engine: &'a Engine,
    now: Time,
    part: usize,
    parts: usize,
}

impl AuditPart<'_> {
    /// What this part found: its findings, in no particular order, and what it could not
    /// judge on a part of a register.
    pub fn run(&self) -> Found {
        let (engine, now) = (self.engine, self.now);
        let tally = Tally::default();
        let mut findings = Vec::new();
        let entries = engine.reg.entries().skip(self.part).step_by(self.parts);
        for entry in entries {
            let at = entry.stamp().and_then(|s| s.at);
            if at.is_some_and(|at| at > now) {
                continue;
            }
            let cx = Cx {
                policy: &engine.policy,
                reg: &engine.reg,
                horizon: Some(made(&entry)),
                complete: true,
                as_of: Some(now),
                tally: Some(&tally),
            };
            judge(&cx, &engine.judging, entry, &mut findings);
        }
        let cx = Cx {
            policy: &engine.policy,
            reg: &engine.reg,
            horizon: Some(now),
            complete: true,
            as_of: Some(now),
            tally: Some(&tally),
        };
        // The rules' audits, like the entries, are shared out among the parts: each rule's
        // audit of the whole register, and each class, which every rule audits in turn.
        for rule in RULES.iter().skip(self.part).step_by(self.parts) {
            rule.audit(&cx, now, &mut findings);
        }
        let classes = engine.reg.classes().skip(self.part).step_by(self.parts);
        for (class, rec) in classes {
            for rule in RULES {
                rule.audit_class(&cx, class, rec, now, &mut findings);
            }
        }
        let fill = FillShares {
            now,
            parts: self.parts,
            done: vec![self.part],
            counts: fill::counts(&engine.reg, &engine.policy, now, self.part, self.parts),
        };
        Found {
            findings,
            not_judged: tally.into_counts(),
            fill: Some(fill),
        }
    }
}

/// What an audit, or one part of it, found: the findings, and on a part of a register
/// (SPEC §1.3) what could not be judged, by rule and reason. Each part also counts the
/// fill figures of its share of the lessons, for the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub findings: Vec<Finding>,
    pub not_judged: NotJudged,
    fill: Option<FillShares>,
}

impl Found {
    /// Adds what another part of the audit found.
    pub fn extend(&mut self, other: Found) {
        self.findings.extend(other.findings);
        add_counts(&mut self.not_judged, other.not_judged);
        // The report uses the counts only when every part's share is there, once.
        self.fill = match (self.fill.take(), other.fill) {
            (Some(mut mine), Some(theirs)) => {
                let same = mine.now == theirs.now && mine.parts == theirs.parts;
                mine.done.extend(theirs.done);
                mine.counts.add(theirs.counts);
                // Shares of audits at different moments: the report counts again.
                same.then_some(mine)
            }
            (mine, None) => mine,
            (None, theirs) => theirs,
        };
    }
}

/// The fill figures' counts made by some of the parts of an audit at `now`.
#[derive(Debug, Clone, PartialEq)]
struct FillShares {
    now: Time,
    parts: usize,
    /// The parts whose shares are counted.
    done: Vec<usize>,
    counts: Counts,
}

impl FillShares {
    /// Whether every part's share is counted, once.
    fn whole(&self) -> bool {
        let mut done = self.done.clone();
        done.sort_unstable();
        done.iter().copied().eq(0..self.parts)
    }
}

/// Runs every rule that judges entries on one entry; an entry that names something
/// undeclared is reported by `unknown_reference` alone, and only once the register is
/// whole.
fn judge(cx: &Cx<'_>, judging: &Judging, entry: Entry<'_>, out: &mut Vec<Finding>) {
    if unknown_reference::missing(cx, entry).is_some() {
        if cx.complete {
            unknown_reference::report(cx, entry, out);
        }
        return;
    }
    for rule in &judging.0 {
        rule.entry(cx, entry, out);
    }
}

/// The line each event starts on, kept as the places where it stops following from the
/// event before — one event a line, as NDJSON is, costs nothing per event; a JSON list
/// written over several lines an event costs 8 bytes an event.
#[derive(Debug, Clone, Default)]
struct Lines {
    /// `(event, line)`, in increasing order of events: from this event on, each event
    /// starts on the line after the one before (line 0: not known).
    breaks: Vec<(u32, u32)>,
}

impl Lines {
    /// Notes the line of an event stored after every event noted so far.
    fn set(&mut self, event: usize, line: Option<usize>) {
        let Ok(event) = u32::try_from(event) else {
            return;
        };
        let line = line.and_then(|l| u32::try_from(l).ok()).unwrap_or(0);
        if self.breaks.last().is_some_and(|&(last, _)| last >= event) || self.raw(event) == line {
            return;
        }
        self.breaks.push((event, line));
    }

    /// The line an event starts on, or 0.
    fn raw(&self, event: u32) -> u32 {
        let after = self.breaks.partition_point(|&(e, _)| e <= event);
        match after.checked_sub(1).and_then(|i| self.breaks.get(i)) {
            Some(&(from, line)) if line > 0 => line.saturating_add(event - from),
            _ => 0,
        }
    }

    fn get(&self, event: usize) -> Option<usize> {
        let line = self.raw(u32::try_from(event).ok()?);
        (line > 0).then_some(line as usize)
    }
}

/// What to do with an event that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Stop at the first bad event.
    #[default]
    Fail,
    /// Check every good event and list each bad one as an `input_error` finding.
    Skip,
}

/// Checks a whole register at `as_of` (SPEC §5): the same report as pushing every event into
/// an [`Engine`] and auditing it.
pub fn check(
    events: impl IntoIterator<Item = Event>,
    as_of: DateTime<FixedOffset>,
    policy: &Policy,
) -> Result<Report, InputError> {
    let mut engine = Engine::new(policy.clone());
    load(&mut engine, events.into_iter().map(Ok), OnError::Fail)?;
    Ok(engine.audit(as_of))
}

/// Reads a register from bytes (JSON array, `{"events": [...]}` or NDJSON) and checks it at
/// `as_of`.
pub fn check_bytes(
    input: &[u8],
    as_of: DateTime<FixedOffset>,
    policy: &Policy,
    on_error: OnError,
) -> Result<Report, InputError> {
    let mut engine = Engine::new(policy.clone());
    load_bytes(&mut engine, input, on_error)?;
    Ok(engine.audit(as_of))
}

/// Reads a register from bytes (see [`crate::read()`]) into an engine, failing on or skipping bad
/// events, and settles it for the audit ([`Engine::settle`]). An event that reads well but
/// contradicts the register (a class declared again with another grade) is named with its
/// line too.
pub fn load_bytes(engine: &mut Engine, input: &[u8], on_error: OnError) -> Result<(), InputError> {
    store_bytes(engine, input, on_error)?;
    engine.settle();
    Ok(())
}

/// [`load_bytes`] but for settling: for a loader that stores more after it and settles
/// once. The events are placed after those the engine holds, and an event that cannot be
/// read is named so, as one that cannot be stored is.
pub fn store_bytes(engine: &mut Engine, input: &[u8], on_error: OnError) -> Result<(), InputError> {
    let before = engine.len();
    let mut events = read_borrowed(input);
    while let Some(item) = events.next() {
        let item = item.as_ref().map_err(|error| InputError {
            event: error.event.map(|e| e + before),
            ..error.clone()
        });
        load_one(engine, item, events.line(), on_error)?;
    }
    Ok(())
}

/// Inserts events read elsewhere into an engine, failing on or skipping bad ones, and
/// settles it for the audit ([`Engine::settle`]). The events may own their text or borrow
/// it from the input ([`crate::read_borrowed`]).
pub fn load<S: AsRef<str>>(
    engine: &mut Engine,
    events: impl IntoIterator<Item = Result<Event<S>, InputError>>,
    on_error: OnError,
) -> Result<(), InputError> {
    for item in events {
        load_one(engine, item.as_ref().map_err(Clone::clone), None, on_error)?;
    }
    engine.settle();
    Ok(())
}

/// Inserts one event read from `line` (when the reader knows it) into an engine, or fails on
/// or skips a bad one. An event that reads well but contradicts the register (a class
/// declared again with another grade) is named with its line too.
pub fn load_one<S: AsRef<str>>(
    engine: &mut Engine,
    item: Result<&Event<S>, InputError>,
    line: Option<usize>,
    on_error: OnError,
) -> Result<(), InputError> {
    let stored = item.and_then(|event| engine.insert_read(event, line));
    match (stored, on_error) {
        (Ok(()), _) => Ok(()),
        (Err(error), OnError::Skip) => {
            engine.skip(&error);
            Ok(())
        }
        (Err(error), OnError::Fail) => Err(engine.reported(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes loaded into an engine that holds events already: their events, and one that
    /// cannot be read, are numbered on after those it holds.
    #[test]
    fn bytes_loaded_after_others_are_numbered_on() {
        let first = "{\"type\":\"class\",\"id\":\"5a\",\"grade\":5}\n\
                     {\"type\":\"class\",\"id\":\"5b\",\"grade\":5}\n";
        let second = "{\"type\":\"class\",\"id\":\"6a\",\"grade\":6}\n\
                      {\"type\":\"mark\",\"value\":9}\n";
        let holding_first = |on_error| {
            let mut engine = Engine::new(Policy::default());
            load_bytes(&mut engine, first.as_bytes(), on_error).unwrap_or_else(|e| panic!("{e}"));
            engine
        };
        let mut engine = holding_first(OnError::Fail);
        let error = load_bytes(&mut engine, second.as_bytes(), OnError::Fail).err();
        assert_eq!(error.map(|e| (e.event, e.line)), Some((Some(3), Some(2))));

        let mut engine = holding_first(OnError::Skip);
        load_bytes(&mut engine, second.as_bytes(), OnError::Skip).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(engine.len(), 4);
        let as_of = engine
            .policy()
            .parse_as_of("31.10.2024")
            .unwrap_or_else(|e| panic!("{e}"));
        let skipped: Vec<_> = engine
            .audit(as_of)
            .findings
            .iter()
            .filter(|f| f.rule == "input_error")
            .map(|f| (f.event, f.line))
            .collect();
        assert_eq!(skipped, [(Some(3), Some(2))]);
    }
}
