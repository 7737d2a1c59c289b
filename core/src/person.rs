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
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| matches!(c, 'А'..='я' | 'Ё' | 'ё'))
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
        out.push_str(&petrovich::firstname(gender, first, to));
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
        assert_eq!(Person::new("Тихонова Ольга Александровна").gender(), Gender::Female);
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
        for name in ["s1", "Ivanova Irina", "Мамедов Али Гасан оглы", "Иванова", ""] {
            let p = Person::new(name);
            assert_eq!(p.gender(), Gender::Unknown, "{name}");
            assert_eq!(p.case(Case::Instrumental), name);
        }
    }
}
