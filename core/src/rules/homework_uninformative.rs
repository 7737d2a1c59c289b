use super::*;

use crate::vocab::fold;

declare_rule! {
    /// Homework that says where to look, not what to do.
    ///
    /// ## Clause
    /// 2.8: «В графе «Домашнее задание» записывается содержание задания и характер его
    /// выполнения, страницы, номера задач и упражнений, номера параграфов, практические
    /// работы.»
    ///
    /// ## What it checks
    /// Every `homework` entry, as it was made. Its text is folded (case-insensitive, «ё» is
    /// «е») and cut into words — runs of letters and digits, a date such as `26.01` or
    /// `26.01.2023` being one word — and then taken out of it are: the phrases of the
    /// policy's `homework_uninformative` («задание прежнее», «то же», «см. дз», «см. д/з»,
    /// «см. домашнее задание», «из файла», «задание из файла», «см. файл», «см. вложение»,
    /// «во вложении», «не задано», «нет»), cut into words the same way and matched as whole
    /// words, the longest first; and a date after «на», «от», «к» or «до», with that word.
    /// When no word is left, the text names no task: «Задание прежнее», «См. дз на 26.01»,
    /// «задание из файла». Numbers are the task and stay («§21; №21.1; 21.2»), and so does
    /// any other word («нет задания на завтра» is left alone: «задания», «завтра»).
    ///
    /// A text with no letter or digit at all is `homework_empty`'s, and homework in a grade
    /// of `no_marks_grades` is `grade1_homework`'s: neither is reported here. Told on entry,
    /// as monitoring.
    ///
    /// ## Example
    /// ```json
    /// {"type":"homework","lesson":"l1","text":"См. д/з на 26.01","at":"2024-09-02T15:00:00+04:00","by":"t1"}
    /// ```
    /// The text says where the task is, not what it is: `homework_uninformative`.
    pub struct HomeworkUninformative {
        id: "homework_uninformative", clause: "2.8", severity: Info, when: Entry,
        title: "Домашнее задание без содержания" / "Homework that names no task",
        fix: "записать содержание задания: страницы, номера задач, параграфы"
            / "write the task itself: pages, exercise numbers, paragraphs",
        checks: "Каждое домашнее задание при внесении. Из текста убираются фразы из \
            `homework_uninformative` («задание прежнее», «см. дз», «из файла» и т. п., целыми \
            словами, без учёта регистра и «ё») и даты после «на», «от», «к», «до». Если не \
            осталось ни одного слова, задание не называет, что делать. Номера — это задание и \
            остаются. Пустой текст — находка `homework_empty`, 1 класс — `grade1_homework`. \
            К сведению.",
        needs: [Homework], reach: Day, scope: Students,
    }
}

impl Rule for HomeworkUninformative {
    fn homework(&self, cx: &Cx<'_>, homework: &HomeworkRec, out: &mut Vec<Finding>) {
        if !homework.text.chars().any(is_letter_or_digit)
            || !says_nothing(&homework.text, &cx.policy.homework_uninformative)
        {
            return;
        }
        let Some(lesson) = cx.lesson(homework.lesson) else {
            return;
        };
        if cx
            .grade(lesson.class)
            .is_some_and(|g| cx.policy.no_marks(g))
        {
            return;
        }
        let mut draft = cx.draft(&Self::META, homework.stamp.event).lesson(lesson);
        if !homework.students.is_empty() {
            draft = draft.students(&homework.students);
        }
        let text = homework.text.trim();
        out.push(draft.say(
            format!(
                "в домашнем задании к уроку {} «{text}» не сказано, что сделать: запишите само задание — страницы, номера задач и упражнений, параграфы, — а не где его искать",
                ru_date(lesson.date),
            ),
            format!(
                "homework `{text}` for the lesson of {} does not say what to do: write the task itself (pages, exercise numbers, paragraphs), not where to find it",
                lesson.date,
            ),
        ));
    }
}

/// The words before which a date says which homework is meant: «на 26.01», «от 26.01».
const BEFORE_DATES: [&str; 4] = ["на", "от", "к", "до"];

/// Whether a homework text is only the `phrases`, dates after «на», «от», «к» or «до»,
/// punctuation and spaces.
fn says_nothing(text: &str, phrases: &[String]) -> bool {
    let folded = fold(text);
    let text = words(&folded);
    // A number that is not a date after «на», «от», «к», «до» is the task («§21», «упр. 5»):
    // most homework says so at once, before any phrase is looked at.
    let numbered = text.iter().enumerate().any(|(i, w)| {
        w.chars().any(|c| c.is_ascii_digit())
            && !(is_date(w)
                && i.checked_sub(1)
                    .and_then(|j| text.get(j))
                    .is_some_and(|before| BEFORE_DATES.contains(before)))
    });
    if numbered {
        return false;
    }
    let folded_phrases: Vec<String> = phrases.iter().map(|p| fold(p)).collect();
    let mut phrases: Vec<Vec<&str>> = folded_phrases
        .iter()
        .map(|p| words(p))
        .filter(|p| !p.is_empty())
        .collect();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let mut rest = text.as_slice();
    while let Some((first, after)) = rest.split_first() {
        if let Some(phrase) = phrases.iter().find(|p| rest.starts_with(p)) {
            rest = rest.get(phrase.len()..).unwrap_or_default();
        } else if BEFORE_DATES.contains(first) && after.first().is_some_and(|w| is_date(w)) {
            rest = after.get(1..).unwrap_or_default();
        } else {
            return false;
        }
    }
    true
}

/// A folded text (case, «ё»: `vocab::fold`) cut into words: runs of letters and digits;
/// digits joined by single dots (`26.01.2023`, `21.1`) make one word.
fn words(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // The word being read: where it starts, whether it is only digits and dots so far,
    // and whether its last character is a digit.
    let mut word: Option<(usize, bool, bool)> = None;
    let mut chars = folded.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = c == '.'
            && word.is_some_and(|(_, numeric, digit)| numeric && digit)
            && chars.peek().is_some_and(|(_, next)| next.is_ascii_digit());
        if is_letter_or_digit(c) || joins {
            let (start, numeric, _) = word.unwrap_or((i, true, false));
            let digit = c.is_ascii_digit();
            word = Some((start, numeric && (digit || c == '.'), digit));
        } else if let Some((start, ..)) = word.take() {
            out.extend(folded.get(start..i));
        }
    }
    if let Some((start, ..)) = word {
        out.extend(folded.get(start..));
    }
    out
}

/// A letter or digit: the folded text's Russian and Latin letters and digits directly, the
/// rest by Unicode's tables.
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('а'..='я').contains(&c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// A day and month, with or without a year: `26.01`, `6.1`, `26.01.2023`, `26.01.23`.
fn is_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    let digits = |p: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    match parts.as_slice() {
        [day, month] => digits(day, 1..=2) && digits(month, 1..=2),
        [day, month, year] => {
            digits(day, 1..=2)
                && digits(month, 1..=2)
                && (year.len() == 2 || year.len() == 4)
                && digits(year, 2..=4)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    fn nothing(text: &str) -> bool {
        says_nothing(text, &Policy::default().homework_uninformative)
    }

    #[test]
    fn texts_that_say_where_to_look() {
        for text in [
            "Задание прежнее",
            "задание прежнее.",
            "См. дз на 26.01",
            "см. д/з от 26.01.2023",
            "См.д/з",
            "задание из файла",
            "Задание из файла!",
            "(во вложении)",
            "То же",
            "НЕТ",
            "не задано",
            "см. домашнее задание к 5.09",
            "см. файл; см. вложение",
        ] {
            assert!(nothing(text), "{text}");
        }
    }

    #[test]
    fn texts_that_say_what_to_do() {
        for text in [
            "§21; №21.1; 21.2",
            "задание из учебника, с. 21",
            "нет задания на завтра",
            "см. дз на завтра",
            "Планета Земля",
            "тоже упр. 5",
            "26.01",
            "на 26.01 выучить стих",
            "Задание прежнее + №5",
        ] {
            assert!(!nothing(text), "{text}");
        }
    }

    #[test]
    fn words_keep_dates_and_numbers_whole() {
        assert_eq!(
            words(&fold("См. Д/з на 26.01.2023.")),
            ["см", "д", "з", "на", "26.01.2023"]
        );
        assert_eq!(words("№21.1; 21.2"), ["21.1", "21.2"]);
        assert_eq!(
            words("1.2.3 a.1 1..2 1. 2"),
            ["1.2.3", "a", "1", "1", "2", "1", "2"]
        );
        assert!(is_date("26.01") && is_date("6.1") && is_date("26.01.23"));
        assert!(!is_date("21") && !is_date("26.01.202") && !is_date("1.2.3.4"));
    }

    #[test]
    fn the_rule_leaves_empty_texts_and_grade_one_to_others() {
        use super::super::testing::*;
        let run = |text: &str, policy: Policy| {
            let hw = format!(
                r#"{{"type":"homework","lesson":"l1","text":"{text}","at":"2024-09-02T15:00:00+04:00","by":"t1"}}"#
            );
            findings(
                "homework_uninformative",
                policy,
                &register(&[lesson("l1", "2024-09-02", "08:30", ""), hw]),
                "2024-09-03T12:00",
            )
        };
        let found = run("Задание прежнее", Policy::default());
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.ru.contains("«Задание прежнее»"),
            "{found:?}"
        );
        assert!(run("—", Policy::default()).is_empty());
        assert!(run("§5, упр. 3", Policy::default()).is_empty());
        let grade5_first = Policy::from_json(r#"{"no_marks_grades": [5]}"#).unwrap();
        assert!(run("Задание прежнее", grade5_first).is_empty());
    }
}
