//! The closed vocabularies of the register: kinds of work and briefing, attendance codes,
//! period kinds, roles, decisions. Each accepts its English name and the Russian words
//! portals use (case-insensitive, «ё» read as «е»).

use std::fmt;

use serde::{Serialize, Serializer};

/// Lower-cases, reads «ё» as «е», trims and collapses runs of spaces.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                // The letters of Russian and English, the most of any register, directly.
                'A'..='Z' => out.push(c.to_ascii_lowercase()),
                'А'..='Я' => out.extend(char::from_u32(u32::from(c) + 0x20)),
                'Ё' | 'ё' => out.push('е'),
                c if c.is_ascii() || ('а'..='я').contains(&c) => out.push(c),
                c => {
                    for c in c.to_lowercase() {
                        out.push(if c == 'ё' { 'е' } else { c });
                    }
                }
            }
        }
    }
    out
}

/// A character that is not a space as [`fold`] writes it, for the letters of Russian and
/// English and the rest of ASCII; `None` for another, which Unicode lower-cases. (`fold`
/// keeps its own arms: a push of each kind of letter where it is known is 1 % of a check
/// faster than one push of any character.)
pub(crate) fn fold_letter(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        'А'..='Я' => char::from_u32(u32::from(c) + 0x20),
        'Ё' | 'ё' => Some('е'),
        c if c.is_ascii() || ('а'..='я').contains(&c) => Some(c),
        _ => None,
    }
}

/// A closed vocabulary, read from its English name or an alias (see `vocabulary!`).
pub(crate) trait Vocabulary: Sized {
    /// Reads the canonical name or one of its aliases.
    fn read(text: &str) -> Option<Self>;
    /// What the error of an unknown value expects.
    const EXPECTED: Expected;
}

/// A vocabulary as its errors and its documentation show it: what it is, in both
/// languages, and each value's name with the aliases read as it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    /// What a value is: `kind of work`.
    pub what: &'static str,
    /// The same in Russian: «вид работы».
    pub what_ru: &'static str,
    /// What the English error of an unknown value expects: `kind of work: `a` `b` …`.
    pub en: &'static str,
    /// Each value: its name, and the aliases read as it (folded: lower case, «ё» as «е»).
    pub values: &'static [(&'static str, &'static [&'static str])],
    /// Whether its Russian names are abbreviations, written in capitals (Н, УП, ОСВ).
    pub capitals: bool,
}

impl Expected {
    /// What the Russian error of an unknown value expects: «вид работы: `контрольная
    /// работа`, `контрольный диктант` …», each value by its first Russian alias, else by
    /// its name.
    pub fn ru(&self) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(
                |(code, aliases)| match aliases.iter().find(|a| !a.is_ascii()) {
                    Some(russian) if self.capitals => format!("`{}`", russian.to_uppercase()),
                    Some(russian) => format!("`{russian}`"),
                    None => format!("`{code}`"),
                },
            )
            .collect();
        format!("{}: {}", self.what_ru, values.join(", "))
    }
}

/// Every vocabulary of the register's events, for the errors and the documentation.
pub fn vocabularies() -> [Expected; 11] {
    [
        WorkKind::EXPECTED,
        BriefingKind::EXPECTED,
        AttendanceCode::EXPECTED,
        NoticeReason::EXPECTED,
        Lack::EXPECTED,
        PeriodKind::EXPECTED,
        Role::EXPECTED,
        Basis::EXPECTED,
        DiarySection::EXPECTED,
        Decision::EXPECTED,
        SubjectKind::EXPECTED,
    ]
}

/// The Russian of the English error of an unknown value of a vocabulary, as serde writes
/// it for a policy (`unknown kind of work `x`, expected kind of work: …`).
pub(crate) fn unknown_ru(en: &str) -> Option<String> {
    vocabularies().iter().find_map(|v| {
        let rest = en.strip_prefix("unknown ")?.strip_prefix(v.what)?;
        let text = rest.strip_suffix(v.en)?.strip_suffix(", expected ")?;
        Some(format!("неизвестное значение{text}: ожидается {}", v.ru()))
    })
}

macro_rules! vocabulary {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident ($what:literal / $what_ru:literal $(, $capitals:ident)?) {
            $( $(#[$vattr:meta])* $variant:ident = $code:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name { $( $(#[$vattr])* $variant ),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical (English) name, as written in the report.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads the canonical name or one of its aliases.
            pub fn parse(text: &str) -> Option<Self> {
                // Most registers write the canonical name: no need to fold it first.
                match text {
                    $( $code $(| $alias)* => return Some($name::$variant), )+
                    _ => {}
                }
                let folded = fold(text);
                match folded.as_str() {
                    $( $code $(| $alias)* => Some($name::$variant), )+
                    _ => None,
                }
            }

            /// What the vocabulary is and holds, for errors and documentation.
            pub const EXPECTED: $crate::vocab::Expected = $crate::vocab::Expected {
                what: $what,
                what_ru: $what_ru,
                en: concat!($what, ":", $(" `", $code, "`"),+),
                values: &[$(($code, &[$($alias),*])),+],
                capitals: vocabulary!(@capitals $($capitals)?),
            };
        }

        impl Vocabulary for $name {
            fn read(text: &str) -> Option<Self> {
                $name::parse(text)
            }
            const EXPECTED: $crate::vocab::Expected = $name::EXPECTED;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format_args!(
                        "unknown {} `{}`, expected {}", $what, text, $name::EXPECTED.en
                    ))
                })
            }
        }
    };
    (@capitals capitals) => { true };
    (@capitals) => { false };
}

vocabulary! {
    /// A kind of work done on a lesson (the «вид работы» of a mark or a lesson).
    pub enum WorkKind ("kind of work" / "вид работы") {
        ControlWork = "control_work" | "контрольная работа" | "контрольная",
        ControlDictation = "control_dictation" | "контрольный диктант",
        Exposition = "exposition" | "изложение",
        Composition = "composition" | "сочинение",
        IndependentWork = "independent_work" | "самостоятельная работа" | "самостоятельная",
        PracticalWork = "practical_work" | "практическая работа" | "практическая",
        LaboratoryWork = "laboratory_work" | "лабораторная работа" | "лабораторная",
        Excursion = "excursion" | "экскурсия",
        Test = "test" | "тест" | "проверочная работа",
        Oral = "oral" | "ответ на уроке" | "устный ответ",
        Homework = "homework" | "домашнее задание",
        Other = "other" | "другое",
    }
}

vocabulary! {
    /// A safety briefing («инструктаж по охране труда», 2.14).
    pub enum BriefingKind ("kind of briefing" / "вид инструктажа") {
        /// «Вводный инструктаж»: the first lesson of the year, or of a PE section.
        Introductory = "introductory" | "вводный" | "вводный инструктаж",
        /// «Повторный инструктаж»: the first lesson of the second half-year.
        Repeat = "repeat" | "повторный" | "повторный инструктаж",
        /// «Внеплановый инструктаж»: after a breach of safety rules or an accident.
        Unscheduled = "unscheduled" | "внеплановый" | "внеплановый инструктаж",
        /// «Целевой инструктаж»: right before a practical or laboratory work or an excursion.
        Targeted = "targeted" | "целевой" | "целевой инструктаж",
    }
}

impl BriefingKind {
    /// The phrase that carries this briefing in a lesson's topic («Что пройдено на уроке»).
    pub(crate) const fn topic_phrase(self) -> &'static str {
        match self {
            BriefingKind::Introductory => "вводный инструктаж",
            BriefingKind::Repeat => "повторный инструктаж",
            BriefingKind::Unscheduled => "внеплановый инструктаж",
            BriefingKind::Targeted => "целевой инструктаж",
        }
    }
}

vocabulary! {
    /// An attendance code. `Н` (and `ОТ`) is an absence whose reason is not yet set.
    pub enum AttendanceCode ("attendance code" / "код посещаемости", capitals) {
        Absent = "absent" | "н" | "от",
        Excused = "excused" | "уп",
        Illness = "illness" | "б",
        Unexcused = "unexcused" | "нп",
        /// `ОП`: late, but present; the lesson counts as attended.
        Late = "late" | "оп",
        /// `ОСВ`: exempt from this lesson: not absent, and owes no mark or work for it.
        Exempt = "exempt" | "осв",
        /// Withdraws an earlier absence for the same lesson and student.
        Present = "present",
    }
}

impl AttendanceCode {
    /// Whether the student missed the lesson: `Н`, `УП`, `Б`, `НП` (not `ОП`, `ОСВ`).
    pub const fn is_absence(self) -> bool {
        !matches!(
            self,
            AttendanceCode::Present | AttendanceCode::Late | AttendanceCode::Exempt
        )
    }

    /// Whether the student owes the lesson's work and a mark for it: everyone but a
    /// student exempt from the lesson (`ОСВ`). An absent student owes it too, to be made
    /// up later; whoever needs the student there asks [`is_absence`](Self::is_absence).
    pub const fn owes_work(self) -> bool {
        !matches!(self, AttendanceCode::Exempt)
    }

    /// Whether the student attended the lesson: present, or late (`ОП`). An exempt
    /// student (`ОСВ`) neither attended nor missed it.
    pub const fn attended(self) -> bool {
        matches!(self, AttendanceCode::Present | AttendanceCode::Late)
    }
}

vocabulary! {
    /// Why the class teacher told a student's parents (3.2): the student is failing, or
    /// misses lessons without a good reason.
    pub enum NoticeReason ("reason of a notice" / "причина оповещения") {
        /// «Неуспевающий»: a failing or «н/а» period mark.
        Failing = "failing" | "неуспеваемость" | "неуспевающий",
        /// Lessons missed without a good reason (`НП`).
        UnexcusedAbsence = "unexcused_absence"
            | "пропуски без уважительной причины"
            | "пропуски по неуважительной причине",
    }
}

vocabulary! {
    /// A kind of data the source of an extract does not carry (SPEC §1.3): a rule that
    /// needs it is not judged on the extract.
    pub enum Lack ("kind of data" / "вид данных") {
        /// Lesson topics («Что пройдено на уроке»).
        Topic = "topic",
        Homework = "homework",
        Attendance = "attendance",
        /// Current marks.
        Marks = "marks",
        FinalMarks = "final_marks",
        /// When entries were made.
        At = "at",
        /// Who made entries.
        By = "by",
        /// The lessons' teachers.
        Teacher = "teacher",
        /// The staff declarations.
        Staff = "staff",
        /// The parents' declarations and their acts.
        Parents = "parents",
        /// Thematic plans.
        Plans = "plans",
    }
}

vocabulary! {
    /// The kind of a study period («учебный период»).
    pub enum PeriodKind ("kind of period" / "вид периода") {
        Quarter = "quarter" | "четверть",
        Trimester = "trimester" | "триместр",
        HalfYear = "half_year" | "полугодие",
        Year = "year" | "год" | "учебный год",
    }
}

vocabulary! {
    /// A role of a member of staff.
    pub enum Role ("role" / "роль") {
        Admin = "admin" | "администратор",
        Director = "director" | "директор",
        Deputy = "deputy" | "заместитель директора" | "завуч",
        Teacher = "teacher" | "учитель",
    }
}

vocabulary! {
    /// Why a mark stands in a cell marked absent (3.3, 2.12).
    pub enum Basis ("basis of a mark" / "основание отметки") {
        /// The work was done in individual work with the teacher (3.3).
        IndividualWork = "individual_work",
        /// The mark was earned in a sanatorium (2.12).
        Sanatorium = "sanatorium",
    }
}

vocabulary! {
    /// The section of the electronic diary a parent looked at (5.4).
    pub enum DiarySection ("diary section" / "раздел дневника") {
        Diary = "diary",
        FinalMarks = "final_marks",
    }
}

vocabulary! {
    /// A record of the summary sheet («Сводная ведомость», 4.8).
    pub enum Decision ("decision" / "решение") {
        Promoted = "promoted",
        ConditionallyPromoted = "conditionally_promoted",
        Left = "left",
        AdmittedToGia = "admitted_to_gia",
        NotAdmittedToGia = "not_admitted_to_gia",
        Certificate = "certificate",
        CertificateWithHonors = "certificate_with_honors",
        StudyCertificate = "study_certificate",
    }
}

vocabulary! {
    /// The kind of a subject, as far as the Regulation cares (2.14, 3.3).
    pub enum SubjectKind ("kind of subject" / "вид предмета") {
        Chemistry = "chemistry",
        Physics = "physics",
        Technology = "technology",
        Informatics = "informatics",
        PhysicalEducation = "physical_education",
        SurroundingWorld = "surrounding_world",
    }
}

impl SubjectKind {
    /// Reads a subject's kind from its name as portals write it: «Физика профиль»,
    /// «Информатика (углублённый уровень)», «Труд (технология)».
    pub(crate) fn of_name(folded: &str) -> Option<SubjectKind> {
        match strip_level(folded) {
            "химия" => Some(SubjectKind::Chemistry),
            "физика" => Some(SubjectKind::Physics),
            "технология" | "труд (технология)" | "труд" => {
                Some(SubjectKind::Technology)
            }
            "информатика" | "информатика и икт" => {
                Some(SubjectKind::Informatics)
            }
            "физическая культура" | "физкультура" => {
                Some(SubjectKind::PhysicalEducation)
            }
            "окружающий мир" => Some(SubjectKind::SurroundingWorld),
            _ => None,
        }
    }
}

/// Drops a trailing level word («базовый», «профильный уровень», «(углубленный)» …) from a
/// folded subject name.
pub(crate) fn strip_level(folded: &str) -> &str {
    const LEVELS: &[&str] = &[
        "базовый уровень",
        "базовый",
        "профильный уровень",
        "профильный",
        "профиль",
        "углубленный уровень",
        "углубленный",
    ];
    let name = folded.trim();
    for level in LEVELS {
        let bracketed = name
            .strip_suffix(')')
            .and_then(|n| n.strip_suffix(level))
            .and_then(|n| n.strip_suffix('('));
        for head in [bracketed, name.strip_suffix(level)].into_iter().flatten() {
            let head = head.trim_end();
            if !head.is_empty() && head.len() < name.len() {
                return head;
            }
        }
    }
    name
}

/// A set of kinds, packed into bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Set<T> {
    bits: u16,
    kind: std::marker::PhantomData<T>,
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set {
            bits: 0,
            kind: std::marker::PhantomData,
        }
    }
}

impl<T: Copy + Into<u16>> Set<T> {
    pub(crate) fn insert(&mut self, item: T) {
        self.bits |= 1 << item.into();
    }
    pub(crate) fn contains(self, item: T) -> bool {
        self.bits & (1 << item.into()) != 0
    }
    pub(crate) fn is_empty(self) -> bool {
        self.bits == 0
    }
    pub(crate) fn len(self) -> u32 {
        self.bits.count_ones()
    }
}

impl<T: Copy + Into<u16>> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut set = Set::default();
        for item in iter {
            set.insert(item);
        }
        set
    }
}

macro_rules! bit_index {
    ($($t:ty),*) => {$(
        impl From<$t> for u16 {
            fn from(value: $t) -> u16 {
                value as u16
            }
        }
    )*};
}
bit_index!(WorkKind, BriefingKind, Role, SubjectKind, Lack);

#[cfg(test)]
mod tests {
    /// `fold_letter` writes a character as `fold` does, wherever it writes one.
    #[test]
    fn fold_letter_is_fold_of_one_letter() {
        for c in ('\0'..='\u{52f}').filter(|c| !c.is_whitespace()) {
            if let Some(folded) = super::fold_letter(c) {
                assert_eq!(super::fold(&c.to_string()), folded.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn folds_as_unicode_lower_cases() {
        let slow = |text: &str| {
            let words: Vec<String> = text
                .split_whitespace()
                .map(|w| {
                    w.chars()
                        .flat_map(char::to_lowercase)
                        .map(|c| if c == 'ё' { 'е' } else { c })
                        .collect()
                })
                .collect();
            words.join(" ")
        };
        let every: String = ('\u{0}'..='\u{600}').collect();
        for text in [
            every.as_str(),
            "  Вводный  ИНСТРУКТАЖ по ТБ\tЁлка ёж İstanbul ΣΑΣ Ǆ  ",
            "Н",
            "",
        ] {
            assert_eq!(super::fold(text), slow(text), "{text}");
        }
    }

    use super::*;

    #[test]
    fn a_level_word_is_dropped_bare_or_bracketed() {
        for (name, bare) in [
            ("физика профиль", "физика"),
            ("физика (профиль)", "физика"),
            ("физика(углубленный уровень)", "физика"),
            ("физика (углубленный уровень", "физика ("),
            ("физика углубленный уровень)", "физика углубленный уровень)"),
            ("профиль", "профиль"),
            ("(базовый)", "(базовый)"),
            (" химия ", "химия"),
        ] {
            assert_eq!(strip_level(name), bare, "{name}");
        }
    }

    #[test]
    fn russian_aliases_are_read() {
        assert_eq!(
            WorkKind::parse("Контрольная Работа"),
            Some(WorkKind::ControlWork)
        );
        assert_eq!(
            WorkKind::parse(" проверочная  работа "),
            Some(WorkKind::Test)
        );
        assert_eq!(AttendanceCode::parse("УП"), Some(AttendanceCode::Excused));
        assert_eq!(AttendanceCode::parse("ОТ"), Some(AttendanceCode::Absent));
        assert_eq!(AttendanceCode::parse("ОП"), Some(AttendanceCode::Late));
        assert_eq!(AttendanceCode::parse("осв"), Some(AttendanceCode::Exempt));
        assert_eq!(
            AttendanceCode::parse("exempt"),
            Some(AttendanceCode::Exempt)
        );
        assert_eq!(
            NoticeReason::parse("Неуспеваемость"),
            Some(NoticeReason::Failing)
        );
        assert_eq!(
            BriefingKind::parse("Вводный"),
            Some(BriefingKind::Introductory)
        );
        assert_eq!(WorkKind::parse("nonsense"), None);
    }

    #[test]
    fn subject_kind_ignores_level_words() {
        for name in [
            "Физика",
            "физика профиль",
            "Физика (базовый уровень)",
            "ФИЗИКА углублённый",
            "Физика   (углубленный уровень)",
        ] {
            assert_eq!(
                SubjectKind::of_name(&fold(name)),
                Some(SubjectKind::Physics),
                "{name}"
            );
        }
        assert_eq!(
            SubjectKind::of_name(&fold("Труд (технология)")),
            Some(SubjectKind::Technology)
        );
        assert_eq!(
            SubjectKind::of_name(&fold("Информатика и ИКТ")),
            Some(SubjectKind::Informatics)
        );
        assert_eq!(
            SubjectKind::of_name(&fold("Физкультура")),
            Some(SubjectKind::PhysicalEducation)
        );
        assert_eq!(SubjectKind::of_name(&fold("Биология")), None);
        assert_eq!(SubjectKind::of_name(&fold("профиль")), None);
    }
}
