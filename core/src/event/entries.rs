//! The register's entries (SPEC §1.2): what a person enters, with `at` and `by`. Each kind
//! of event, with the checks of its fields when it is read ([`FromFields`]).

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use serde::{Serialize, Serializer};

use super::raw::*;
use super::*;
use crate::time::Clock;

/// A lesson held and what was studied («Что пройдено на уроке»). A later lesson with the
/// same id updates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lesson<S = String> {
    pub id: S,
    pub class: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<S>,
    pub subject: S,
    pub teacher: S,
    pub date: NaiveDate,
    #[serde(serialize_with = "serialize_time")]
    pub start: NaiveTime,
    #[serde(serialize_with = "serialize_time")]
    pub end: NaiveTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<S>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<WorkKind>,
    /// Briefings from the `briefing` field and from the topic text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub briefing: Vec<BriefingKind>,
    /// The PE section (раздел) the lesson belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<S>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub substitute: bool,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Lesson<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let mut briefing = vocab_list(
            r.briefing.take(),
            "briefing",
            BriefingKind::parse,
            BriefingKind::EXPECTED,
        )?;
        briefings_in_topic(r.topic.as_ref().map(|t| &*t.0), &mut briefing);
        let topic = opt_text(r.topic.take(), "topic")?;
        let lesson = Lesson {
            id: id(r.id.take(), "id")?,
            class: id(r.class.take(), "class")?,
            group: opt_id(r.group.take(), "group")?,
            subject: text(r.subject.take(), "subject")?,
            teacher: id(r.teacher.take(), "teacher")?,
            date: date(r.date.take(), "date")?,
            start: time(r.start.take(), "start")?,
            end: time(r.end.take(), "end")?,
            topic,
            work: vocab_list(r.work.take(), "work", WorkKind::parse, WorkKind::EXPECTED)?,
            briefing,
            section: opt_text(r.section.take().filter(|s| !blank(&s.0)), "section")?,
            substitute: r.substitute.take().unwrap_or(false),
            made: made(r.at.take(), r.by.take())?,
        };
        if lesson.end < lesson.start {
            return Err(EventError::new(
                "end",
                format!(
                    "`{}` раньше начала `{}`",
                    Clock::of(lesson.end),
                    Clock::of(lesson.start)
                ),
                format!(
                    "`{}` is before the start `{}`",
                    Clock::of(lesson.end),
                    Clock::of(lesson.start)
                ),
            ));
        }
        Ok(lesson)
    }
}

/// Adds the briefings named in the topic text («Вводный инструктаж по ТБ …»): each whose
/// phrase (`BriefingKind::topic_phrase`) the topic's folded text holds (`vocab::fold`:
/// any case, «ё» as «е», any run of spaces as one), found without folding the topic.
fn briefings_in_topic(topic: Option<&str>, briefings: &mut Vec<BriefingKind>) {
    let Some(topic) = topic else { return };
    let mut named: Vec<BriefingKind> = Vec::new();
    for before in words_before_briefing(topic) {
        // The phrase's word before «инструктаж», and at least one space between.
        let words = before.trim_end_matches(char::is_whitespace);
        if words.len() == before.len() {
            continue;
        }
        for kind in BriefingKind::ALL {
            let adjective = kind.topic_phrase().strip_suffix(" инструктаж");
            if adjective.is_some_and(|a| ends_folded(words, a)) && !named.contains(kind) {
                named.push(*kind);
            }
        }
    }
    for kind in BriefingKind::ALL {
        if named.contains(kind) && !briefings.contains(kind) {
            briefings.push(*kind);
        }
    }
}

/// Whether `text` ends with `word` (folded, without spaces) as its folded text would. A
/// character `fold` lower-cases by Unicode's tables is never a letter of a phrase: it is
/// compared as it is.
fn ends_folded(text: &str, word: &str) -> bool {
    let count = word.chars().count();
    text.chars()
        .rev()
        .take(count)
        .map(|c| crate::vocab::fold_letter(c).unwrap_or(c))
        .eq(word.chars().rev())
}

/// The text before each «инструктаж» of a text, in any case: the word every briefing's
/// phrase ends with. Most topics have no «ж» at all, found a vector at a time.
fn words_before_briefing(text: &str) -> impl Iterator<Item = &str> + '_ {
    /// The word before its «ж».
    const STEM: &str = "инструкта";
    let bytes = text.as_bytes();
    // «ж» is D0 B6 in UTF-8, «Ж» D0 96.
    memchr::memchr2_iter(0xB6, 0x96, bytes).filter_map(move |at| {
        let lead = at.checked_sub(1)?;
        if bytes.get(lead) != Some(&0xD0) {
            return None;
        }
        let before = text.get(..lead)?;
        if !ends_folded(before, STEM) {
            return None;
        }
        // The stem's letters are of two bytes each, in either case.
        before.get(..before.len().checked_sub(STEM.len())?)
    })
}

/// Writes a time of day as `HH:MM`.
fn serialize_time<S: Serializer>(time: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&Clock::of(*time))
}

event_type! {
    /// An absence mark, or its withdrawal (`present`).
    pub struct Attendance entry { lesson: S = id, student: S = id, code: AttendanceCode = one_of }
}

/// A current mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark<S = String> {
    pub lesson: S,
    pub student: S,
    pub value: MarkValue,
    /// The kind of work; `None` when not given (then the lesson's one work, else oral).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work: Option<WorkKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Mark<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let FinalValue::Mark(value) = mark(r.value.take(), false)? else {
            return Err(EventError::new(
                "value",
                "текущая отметка — от 1 до 5",
                "a current mark must be from 1 to 5",
            ));
        };
        let work = r.work.take().map(|w| w.0).unwrap_or_default();
        if work.len() > 1 {
            return Err(EventError::new(
                "work",
                "отметка ставится за один вид работы",
                "a mark is for one kind of work",
            ));
        }
        Ok(Mark {
            lesson: id(r.lesson.take(), "lesson")?,
            student: id(r.student.take(), "student")?,
            value,
            work: opt_vocab(
                work.into_iter().next(),
                "work",
                WorkKind::parse,
                WorkKind::EXPECTED,
            )?,
            basis: opt_vocab(r.basis.take(), "basis", Basis::parse, Basis::EXPECTED)?,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

event_type! {
    /// Homework (2.8), for the whole lesson or for some students.
    pub struct Homework entry {
        lesson: S = id,
        text: S = any_text,
        /// Individual homework: only these students; empty for the whole lesson.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        students: Vec<S> = ids,
    }
}

event_type! {
    /// A period or year mark (2.10).
    pub struct FinalMark entry {
        student: S = id, subject: S = text, period: S = id, value: FinalValue = final_value,
    }
}

event_type! {
    /// A breach of safety rules or an accident: an unscheduled briefing is owed (2.14).
    pub struct Incident entry {
        class: S = id,
        subject: S = text,
        date: NaiveDate = date,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<S> = opt_text,
    }
}

event_type! {
    /// A parent looked at the electronic diary (5.4).
    pub struct DiaryView entry { parent: S = id, student: S = id, section: DiarySection = one_of }
}

event_type! {
    /// A printed progress report handed over (3.2, 5.2).
    pub struct PaperReport entry { student: S = id, date: NaiveDate = date }
}

event_type! {
    /// The end-of-year export of a class's register (4.4, 4.5).
    pub struct JournalExport entry {
        class: S = id,
        date: NaiveDate = date,
        format: S = pdf_by_default,
        /// Signed with an electronic signature.
        signed: bool = false_by_default,
    }
}

event_type! {
    /// The class teacher told a student's parents that the student is failing or misses
    /// lessons without a good reason (3.2).
    pub struct ParentNotice entry {
        student: S = id,
        reason: NoticeReason = one_of,
        /// The day the parents were told.
        date: NaiveDate = date,
        /// The parent told, when the register names one.
        #[serde(skip_serializing_if = "Option::is_none")]
        parent: Option<S> = opt_id,
    }
}

event_type! {
    /// A record of the summary sheet (4.8).
    pub struct AnnualDecision entry { student: S = id, decision: Decision = one_of }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The briefings of a topic are those whose phrases its folded text holds.
    #[test]
    fn briefings_are_read_as_from_the_folded_text() {
        let texts = [
            "Вводный инструктаж по ТБ",
            "ВВОДНЫЙ ИНСТРУКТАЖ",
            "Повторный ИнСтРуКтАж по охране труда",
            "ВНЁПЛАНОВЫЙ  инструктаж; целевой\tинструктаж",
            "Невводный инструктаж",
            "вводныйинструктаж",
            "вводный нструктаж",
            "вводный инструкта ж",
            "Целевой инструктажи",
            "Повторный\u{a0}инструктаж",
            "инструктаж вводный",
            "Лыжная подготовка. Вводный инструктаж. Повторный инструктаж",
            "Жизнь и творчество",
            "іж вводный інструктаж",
            "ж",
            "",
        ];
        for text in texts {
            let folded = crate::vocab::fold(text);
            let slow: Vec<BriefingKind> = BriefingKind::ALL
                .iter()
                .copied()
                .filter(|kind| folded.contains(kind.topic_phrase()))
                .collect();
            let mut fast = Vec::new();
            briefings_in_topic(Some(text), &mut fast);
            assert_eq!(fast, slow, "{text:?}");
        }
    }
}
