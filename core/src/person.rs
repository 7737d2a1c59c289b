//! People's names as messages say them: declined («запись сделана сотрудником Ивановой
//! Ириной Ивановной», «у ученицы Сидоровой Софии»), with the gender that verbs and nouns
//! agree with («родитель … не просматривала», «ученица»).
//!
//! A name is read as Russian writes it in a register: «Фамилия Имя Отчество», or
//! «Фамилия Имя». The declension is petrovich's (the Rust port of the rules the Russian
//! web has used for a decade), so that no rule of Russian grammar is written by hand here.
//!
//! The gender comes from the patronymic (-ович, -овна …), which is certain. A name without
//! one (students are often written «Фамилия Имя») takes petrovich's guess from the first
//! name and surname; where even that cannot tell (Саша Андрейчук), or the name is not two
//! or three words of Cyrillic letters (an id, a name in Latin letters, «Мамедов Али Гасан
//! оглы»), the name is left as written — in the nominative — and verbs take both endings
//! («просматривал(а)»): an honest fallback rather than a wrong ending.

use petrovich::Gender as PGender;

/// A grammatical gender, as far as a name tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    /// The name does not tell: words agree with both («просматривал(а)»).
    Unknown,
}

/// The cases messages put a name in besides the nominative, the name as written
/// («родитель Тихонова Ольга Александровна»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Кого: «у ученика Петрова Максима», «дневник Петрова Максима».
    Genitive,
    /// Кем: «сотрудником Ивановой Ириной Ивановной».
    Instrumental,
}

impl Case {
    fn petrovich(self) -> petrovich::Case {
        match self {
            Case::Genitive => petrovich::Case::Genitive,
            Case::Instrumental => petrovich::Case::Instrumental,
        }
    }
}

/// A person's name, read to be declined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Person<'a> {
    /// The name as the register writes it (or the person's id when it gives no name).
    name: &'a str,
    /// Surname, first name and patronymic, when the name is read as such.
    parts: Option<(&'a str, &'a str, Option<&'a str>)>,
    gender: Gender,
}

/// Whether a word is Russian letters (hyphenated parts too: «Иванова-Сидорова»): the only
/// words declined.
fn cyrillic(word: &str) -> bool {
    !word.is_empty()
        && word.split('-').all(|part| {
            !part.is_empty() && part.chars().all(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё'))
        })
}

impl<'a> Person<'a> {
    /// Reads a name: «Фамилия Имя Отчество» or «Фамилия Имя».
    pub fn new(name: &'a str) -> Self {
        let words: Vec<&str> = name.split_whitespace().collect();
        let parts = match words.as_slice() {
            [last, first] => Some((*last, *first, None)),
            [last, first, middle] => Some((*last, *first, Some(*middle))),
            _ => None,
        }
        .filter(|(last, first, middle)| {
            cyrillic(last) && cyrillic(first) && middle.is_none_or(cyrillic)
        });
        let gender = match parts {
            None => Gender::Unknown,
            Some((last, first, Some(middle))) => {
                match petrovich::detect_gender(None, None, Some(middle)) {
                    PGender::Male => Gender::Male,
                    PGender::Female => Gender::Female,
                    // A patronymic petrovich does not know: the other two words.
                    PGender::Androgynous => guess(last, first),
                }
            }
            Some((last, first, None)) => guess(last, first),
        };
        Person {
            name,
            parts,
            gender,
        }
    }

    #[cfg(test)]
    pub fn gender(&self) -> Gender {
        self.gender
    }

    /// The name in a case; as written when it cannot be declined.
    pub fn case(&self, case: Case) -> String {
        let Some((last, first, middle)) = self.parts else {
            return self.name.to_owned();
        };
        let to = case.petrovich();
        let gender = match self.gender {
            Gender::Male => PGender::Male,
            Gender::Female => PGender::Female,
            Gender::Unknown => return self.name.to_owned(),
        };
        let mut out = petrovich::lastname(gender, last, to);
        out.push(' ');
        out.push_str(&first_name(gender, first, to));
        if let Some(middle) = middle {
            out.push(' ');
            out.push_str(&petrovich::middlename(gender, middle, to));
        }
        out
    }

    /// One of a word's forms by the person's gender: «ученик», «ученица», and the form
    /// for a name that does not tell («ученик»).
    pub fn agree<'w>(&self, male: &'w str, female: &'w str, unknown: &'w str) -> &'w str {
        match self.gender {
            Gender::Male => male,
            Gender::Female => female,
            Gender::Unknown => unknown,
        }
    }
}

/// A first name in a case, by petrovich.
///
/// The crate's copy of petrovich's rules predates one fix upstream (petrovich-rules #40,
/// 2020): it declines women's names in -ния, -рия, -вия (Мария, Виктория, Ксения) by a rule
/// for men's names, «Марием» for «Марией». The fixed rule — the one petrovich applies to
/// every other woman's name in -ия (Юлия → Юлией) — is applied to those in its place.
fn first_name(gender: PGender, name: &str, case: petrovich::Case) -> String {
    let in_ia = ["ния", "рия", "вия"].iter().any(|e| name.ends_with(e));
    if gender == PGender::Female && in_ia {
        if let (petrovich::Case::Instrumental, Some(stem)) = (case, name.strip_suffix('я')) {
            return format!("{stem}ей");
        }
    }
    petrovich::firstname(gender, name, case)
}

/// The gender of a name without a (known) patronymic: petrovich's guess from the first
/// name, then the surname; unknown when neither tells.
fn guess(last: &str, first: &str) -> Gender {
    match petrovich::detect_gender(Some(last), Some(first), None) {
        PGender::Male => Gender::Male,
        PGender::Female => Gender::Female,
        PGender::Androgynous => Gender::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(name: &str) -> [String; 2] {
        let p = Person::new(name);
        [p.case(Case::Genitive), p.case(Case::Instrumental)]
    }

    #[test]
    fn names_with_a_patronymic() {
        assert_eq!(
            all("Иванова Ирина Ивановна"),
            ["Ивановой Ирины Ивановны", "Ивановой Ириной Ивановной"]
        );
        assert_eq!(
            all("Белов Сергей Петрович"),
            ["Белова Сергея Петровича", "Беловым Сергеем Петровичем"]
        );
        assert_eq!(
            Person::new("Тихонова Ольга Александровна").gender(),
            Gender::Female
        );
        assert_eq!(Person::new("Белов Сергей Петрович").gender(), Gender::Male);
    }

    #[test]
    fn names_without_one_are_guessed_from_the_first_name() {
        assert_eq!(
            all("Сидорова София"),
            ["Сидоровой Софии", "Сидоровой Софией"]
        );
        assert_eq!(
            all("Петров Максим"),
            ["Петрова Максима", "Петровым Максимом"]
        );
    }

    #[test]
    fn what_cannot_be_declined_stays_as_written() {
        // Neither the first name nor the surname tells the gender.
        let sasha = Person::new("Андрейчук Саша");
        assert_eq!(sasha.gender(), Gender::Unknown);
        assert_eq!(sasha.case(Case::Genitive), "Андрейчук Саша");
        assert_eq!(sasha.agree("ученик", "ученица", "ученик"), "ученик");
        for name in [
            "s1",
            "Ivanova Irina",
            "Мамедов Али Гасан оглы",
            "Иванова",
            "",
        ] {
            let p = Person::new(name);
            assert_eq!(p.gender(), Gender::Unknown, "{name}");
            assert_eq!(p.case(Case::Instrumental), name);
        }
    }
}

/// Every name of the demo register and the test fixtures, declined: each is read as a
/// name with a gender, and each case the messages use changes it.
#[cfg(test)]
mod registers {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The names of the staff, students and parents of the demo register and the fixtures.
    fn names() -> BTreeSet<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = vec![root.join("examples/demo.ndjson")];
        for dir in std::fs::read_dir(root.join("tests/fixtures/rules")).unwrap() {
            for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
                files.push(file.unwrap().path());
            }
        }
        let mut out = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let events: Vec<serde_json::Value> = if file.extension().unwrap() == "ndjson" {
                text.lines()
                    .filter_map(|l| serde_json::from_str(l).ok())
                    .collect()
            } else {
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                value["events"].as_array().cloned().unwrap_or_default()
            };
            for event in events {
                let kind = event["type"].as_str().unwrap_or_default();
                if let (true, Some(name)) = (
                    matches!(kind, "staff" | "student" | "parent"),
                    event["name"].as_str(),
                ) {
                    out.insert((kind.to_owned(), name.to_owned()));
                }
            }
        }
        out
    }

    #[test]
    fn every_name_is_declined() {
        let names = names();
        assert!(names.len() > 80, "{}", names.len());
        let (mut male, mut female) = (0, 0);
        for (kind, name) in &names {
            let person = Person::new(name);
            match person.gender() {
                Gender::Male => male += 1,
                Gender::Female => female += 1,
                Gender::Unknown => panic!("{kind} {name}: no gender"),
            }
            for case in [Case::Genitive, Case::Instrumental] {
                let declined = person.case(case);
                assert_ne!(&declined, name, "{kind} {name}: {case:?}");
                assert_eq!(
                    declined.split_whitespace().count(),
                    name.split_whitespace().count(),
                    "{kind} {name}: {declined}"
                );
            }
        }
        assert!(male > 20 && female > 20, "{male} male, {female} female");
    }

    #[test]
    fn names_of_the_registers_in_each_case() {
        for (name, genitive, instrumental) in [
            // Staff, male and female; a patronymic in -ич, a foreign surname.
            (
                "Козлов Сергей Иванович",
                "Козлова Сергея Ивановича",
                "Козловым Сергеем Ивановичем",
            ),
            (
                "Соколов Андрей Ильич",
                "Соколова Андрея Ильича",
                "Соколовым Андреем Ильичом",
            ),
            (
                "Никитин Олег Валерьевич",
                "Никитина Олега Валерьевича",
                "Никитиным Олегом Валерьевичем",
            ),
            (
                "Белова Галина Фёдоровна",
                "Беловой Галины Фёдоровны",
                "Беловой Галиной Фёдоровной",
            ),
            (
                "Смит Анна Джоновна",
                "Смит Анны Джоновны",
                "Смит Анной Джоновной",
            ),
            // Parents.
            (
                "Тихонова Ольга Александровна",
                "Тихоновой Ольги Александровны",
                "Тихоновой Ольгой Александровной",
            ),
            (
                "Воробьева Ирина Андреевна",
                "Воробьевой Ирины Андреевны",
                "Воробьевой Ириной Андреевной",
            ),
            // Students: no patronymic, the gender from the first name.
            ("Ковалёв Иван", "Ковалёва Ивана", "Ковалёвым Иваном"),
            (
                "Воробьёв Максим",
                "Воробьёва Максима",
                "Воробьёвым Максимом",
            ),
            ("Медведев Никита", "Медведева Никиты", "Медведевым Никитой"),
            ("Киселёва София", "Киселёвой Софии", "Киселёвой Софией"),
            ("Ильина Виктория", "Ильиной Виктории", "Ильиной Викторией"),
            ("Лукина Дарья", "Лукиной Дарьи", "Лукиной Дарьей"),
            // Women's names in -рия, -ния: petrovich's rule fixed upstream.
            ("Тихонова Мария", "Тихоновой Марии", "Тихоновой Марией"),
            (
                "Смирнова Ксения Олеговна",
                "Смирновой Ксении Олеговны",
                "Смирновой Ксенией Олеговной",
            ),
        ] {
            let person = Person::new(name);
            assert_eq!(person.case(Case::Genitive), genitive, "{name}");
            assert_eq!(person.case(Case::Instrumental), instrumental, "{name}");
        }
    }
}
