//! The values of a policy's keys that are more than a number: the UTC offset, grading
//! deadlines, the works that need marks, minimum marks, the export deadline.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::event::WorkKind;
use crate::vocab::SubjectKind;

/// A UTC offset written `+04:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcOffset(pub FixedOffset);

impl Default for UtcOffset {
    fn default() -> Self {
        UtcOffset(SAMARA)
    }
}

/// Samara time (+04:00), the time of the Regulation's school.
#[allow(clippy::panic)] // evaluated at compile time
const SAMARA: FixedOffset = match FixedOffset::east_opt(4 * 3600) {
    Some(offset) => offset,
    None => panic!("+04:00 is an offset"),
};

impl UtcOffset {
    /// Seconds east of UTC.
    pub fn seconds(self) -> i32 {
        self.0.local_minus_utc()
    }
}

impl fmt::Display for UtcOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for UtcOffset {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for UtcOffset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse::<FixedOffset>()
            .ok()
            .filter(|_| text.len() == 6)
            .map(UtcOffset)
            .ok_or_else(|| {
                serde::de::Error::custom(format_args!(
                    "`{text}` is not a UTC offset such as `+04:00`"
                ))
            })
    }
}

/// When marks for some works in some grades are due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradingDeadline {
    pub works: Vec<WorkKind>,
    pub grades: Vec<u8>,
    pub deadline: Deadline,
}

/// A grading deadline: the start of the next lesson of the subject, or days after the
/// lesson's date (to the end of that day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    NextLesson,
    Days(u32),
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Deadline::NextLesson => s.serialize_str("next_lesson"),
            Deadline::Days(days) => s.serialize_u32(*days),
        }
    }
}

impl<'de> Deserialize<'de> for Deadline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "`next_lesson` or a number of days")]
        enum Raw {
            Days(u32),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Days(days) => Ok(Deadline::Days(days)),
            Raw::Text(t) if t == "next_lesson" => Ok(Deadline::NextLesson),
            Raw::Text(t) => Err(serde::de::Error::custom(format_args!(
                "`{t}` is not `next_lesson` or a number of days"
            ))),
        }
    }
}

/// The works that need a mark for every present student, and the exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorksNeedingMarks {
    pub works: Vec<WorkKind>,
    pub except: Vec<WorkException>,
}

impl Default for WorksNeedingMarks {
    fn default() -> Self {
        use WorkKind::*;
        WorksNeedingMarks {
            works: vec![
                ControlWork,
                ControlDictation,
                Exposition,
                Composition,
                PracticalWork,
                LaboratoryWork,
            ],
            except: vec![WorkException {
                work: PracticalWork,
                subject: SubjectKind::SurroundingWorld,
                grades: vec![2, 3, 4],
            }],
        }
    }
}

/// A work that does not need marks in a subject and grades (graded at the teacher's
/// discretion, 3.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkException {
    pub work: WorkKind,
    pub subject: SubjectKind,
    pub grades: Vec<u8>,
}

/// The fewest current marks for a final mark, by kind of period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MinMarks {
    pub quarter: u32,
    pub trimester: u32,
    pub half_year: u32,
    pub year: u32,
}

impl Default for MinMarks {
    fn default() -> Self {
        MinMarks {
            quarter: 3,
            trimester: 3,
            half_year: 5,
            year: 0,
        }
    }
}

/// When the end-of-year export is due: a day of the year, and other days for some grades.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportDeadline {
    pub default: MonthDay,
    #[serde(with = "grade_keys")]
    pub grades: BTreeMap<u8, MonthDay>,
}

impl Default for ExportDeadline {
    fn default() -> Self {
        let august_25 = MonthDay { month: 8, day: 25 };
        ExportDeadline {
            default: MonthDay { month: 6, day: 30 },
            grades: BTreeMap::from([(9, august_25), (11, august_25)]),
        }
    }
}

/// A day of the year, written `MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl Serialize for MonthDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{:02}-{:02}", self.month, self.day))
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let parsed = text.split_once('-').and_then(|(m, d)| {
            let (month, day) = (m.parse().ok()?, d.parse().ok()?);
            // 2024 is a leap year, so 02-29 is a day of the year.
            NaiveDate::from_ymd_opt(2024, month, day).map(|_| MonthDay { month, day })
        });
        parsed.ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "`{text}` is not a day of the year such as `06-30`"
            ))
        })
    }
}

/// Grades as object keys: `{"9": "08-25"}` in JSON and TOML alike.
mod grade_keys {
    use super::*;

    pub fn serialize<S: Serializer>(map: &BTreeMap<u8, MonthDay>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(map.iter().map(|(g, d)| (g.to_string(), d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<u8, MonthDay>, D::Error> {
        let raw = BTreeMap::<String, MonthDay>::deserialize(d)?;
        let mut map = ExportDeadline::default().grades;
        for (grade, day) in raw {
            let grade = grade
                .parse::<u8>()
                .map_err(|_| serde::de::Error::custom(format_args!("`{grade}` is not a grade")))?;
            map.insert(grade, day);
        }
        Ok(map)
    }
}
