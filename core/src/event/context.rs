//! The context of the register (SPEC §1.1): who and when. Each kind of event, with the
//! checks of its fields when it is read ([`FromFields`]).

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::raw::*;
use super::*;

/// The longest study period, in days: a school year, in a leap year.
pub const MAX_PERIOD_DAYS: i64 = 366;

/// A study period («учебный период»); the `year` period is the school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period<S = String> {
    pub id: S,
    pub kind: PeriodKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// The grades the period applies to; `None` for all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grades: Option<Vec<u8>>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Period<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let grades = match r.grades.take() {
            None => None,
            Some(list) => Some(
                list.into_iter()
                    .enumerate()
                    .map(|(i, g)| grade(g, &format!("grades[{i}]")))
                    .collect::<Result<Vec<u8>, _>>()?,
            ),
        };
        let period = Period {
            id: id(r.id.take(), "id")?,
            kind: vocab(
                r.kind.take(),
                "kind",
                PeriodKind::parse,
                PeriodKind::EXPECTED,
            )?,
            start: date(r.start.take(), "start")?,
            end: date(r.end.take(), "end")?,
            grades,
        };
        if period.end < period.start {
            return Err(EventError::new(
                "end",
                format!("`{}` раньше начала `{}`", period.end, period.start),
                format!("`{}` is before the start `{}`", period.end, period.start),
            ));
        }
        // A study period is at most a school year; a longer one is a mistyped year (`1024`
        // for `2024`), and rules that count weeks or days of it would count centuries.
        let days = (period.end - period.start).num_days() + 1;
        if days > MAX_PERIOD_DAYS {
            return Err(EventError::new(
                "end",
                format!(
                    "`{}` – `{}` — это {days} {}: учебный период длится не больше года ({MAX_PERIOD_DAYS} дней)",
                    period.start,
                    period.end,
                    crate::rules::ru_plural(usize::try_from(days).unwrap_or(0), "день", "дня", "дней")
                ),
                format!(
                    "`{}` – `{}` is {days} days: a study period lasts at most a year ({MAX_PERIOD_DAYS} days)",
                    period.start, period.end
                ),
            ));
        }
        Ok(period)
    }
}

event_type! {
    /// A class (5А …).
    pub struct Class context {
        id: S = id,
        /// From 1 to 11.
        grade: u8 = class_grade,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<S> = opt_text,
    }
}

/// A member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Staff<S = String> {
    pub id: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
    pub roles: Vec<Role>,
    /// The classes of which this person is the class teacher («классный руководитель»).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Staff<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let roles = vocab_each(r.roles.take(), "roles", Role::parse, Role::EXPECTED)?;
        Ok(Staff {
            id: id(r.id.take(), "id")?,
            name: opt_text(r.name.take(), "name")?,
            roles,
            classes: ids(r.classes.take(), "classes")?,
        })
    }
}

/// A student of a class, and of a subgroup per subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Student<S = String> {
    pub id: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<S>,
    pub class: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// Subject → subgroup, in the order given.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "serialize_groups"
    )]
    pub groups: Vec<(S, S)>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Student<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let groups = r.groups.take().map(|g| g.0).unwrap_or_default();
        let mut parsed = Vec::with_capacity(groups.len());
        for (subject, group) in groups {
            let path = format!("groups.{}", subject.0);
            parsed.push((S::from(subject.0), id(Some(group), &path)?));
        }
        Ok(Student {
            id: id(r.id.take(), "id")?,
            name: opt_text(r.name.take(), "name")?,
            class: id(r.class.take(), "class")?,
            since: opt_date(r.since.take(), "since")?,
            groups: parsed,
        })
    }
}

/// Writes subject → subgroup pairs as an object.
fn serialize_groups<T: Serialize, S: Serializer>(
    groups: &[(T, T)],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_map(groups.iter().map(|(k, v)| (k, v)))
}

event_type! {
    /// A parent or legal representative.
    pub struct Parent context {
        id: S = id,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<S> = opt_text,
        children: Vec<S> = ids,
    }
}

event_type! {
    /// A student left the school («выбыл»).
    pub struct StudentLeft entry { student: S = id, date: NaiveDate = date }
}

event_type! {
    /// A student moved to another subgroup (3.2).
    pub struct GroupChange entry {
        student: S = id, subject: S = text, group: S = id, date: NaiveDate = date,
    }
}

/// Home schooling («обучение на дому», 2.13) with its individual plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HomeSchooling<S = String> {
    pub student: S,
    pub from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// The subjects of the individual plan.
    pub subjects: Vec<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for HomeSchooling<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let subjects = need(r.subjects.take(), "subjects")?;
        let mut plan = Vec::with_capacity(subjects.len());
        for (i, s) in subjects.into_iter().enumerate() {
            plan.push(text(Some(s), &format!("subjects[{i}]"))?);
        }
        let schooling = HomeSchooling {
            student: id(r.student.take(), "student")?,
            from: date(r.from.take(), "from")?,
            to: opt_date(r.to.take(), "to")?,
            subjects: plan,
        };
        if let Some(to) = schooling.to {
            not_before(schooling.from, to)?;
        }
        Ok(schooling)
    }
}

/// A stay in a sanatorium (2.12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sanatorium<S = String> {
    pub student: S,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Sanatorium<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let stay = Sanatorium {
            student: id(r.student.take(), "student")?,
            from: date(r.from.take(), "from")?,
            to: date(r.to.take(), "to")?,
        };
        not_before(stay.from, stay.to)?;
        Ok(stay)
    }
}

event_type! {
    /// A parent's application (Appendix 1) for paper reports instead of the electronic diary.
    pub struct ParentOptOut context { parent: S = id, date: NaiveDate = date }
}

/// The planned lessons of a subject («календарно-тематическое планирование», 3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThematicPlan<S = String> {
    pub class: S,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<S>,
    pub subject: S,
    /// The number of lessons planned for the year (from `lessons`, or the count of `topics`).
    pub lessons: u32,
    #[serde(flatten)]
    pub made: Made<S>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for ThematicPlan<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let lessons = match (r.lessons.take(), r.topics.take()) {
            (Some(n), _) => n.within("lessons", 0, i128::from(u32::MAX), Noun::LESSONS)? as u32,
            (None, Some(Count(n))) => u32::try_from(n).unwrap_or(u32::MAX),
            (None, None) => {
                return Err(EventError::new(
                    "lessons",
                    "нет поля (укажите `lessons` или `topics`)",
                    "is missing (give `lessons` or `topics`)",
                ))
            }
        };
        Ok(ThematicPlan {
            class: id(r.class.take(), "class")?,
            group: opt_id(r.group.take(), "group")?,
            subject: text(r.subject.take(), "subject")?,
            lessons,
            made: made(r.at.take(), r.by.take())?,
        })
    }
}

/// What part of the school's register this register is (SPEC §1.3): what happened from
/// `from` to `to`, for these classes or students, without the kinds of data in `lacks`.
/// Without one, a register is the whole school's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extract<S = String> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Where the part comes from, such as `netschool-diary`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<S>,
    /// The classes it holds; empty for every class.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<S>,
    /// The students it holds; empty for every student (of its classes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub students: Vec<S>,
    /// The kinds of data its source does not carry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lacks: Vec<Lack>,
}

impl<'a, S: From<Cow<'a, str>>> FromFields<'a> for Extract<S> {
    fn from_fields(r: &mut RawEvent<'a>) -> Result<Self, EventError> {
        let lacks = vocab_each(r.lacks.take(), "lacks", Lack::parse, Lack::EXPECTED)?;
        let extract = Extract {
            from: date(r.from.take(), "from")?,
            to: date(r.to.take(), "to")?,
            source: opt_text(r.source.take().filter(|s| !blank(&s.0)), "source")?,
            classes: ids(r.classes.take(), "classes")?,
            students: ids(r.students.take(), "students")?,
            lacks,
        };
        not_before(extract.from, extract.to)?;
        Ok(extract)
    }
}
