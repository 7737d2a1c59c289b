//! The rules as people name them: a title and what to correct, in Russian and English, by
//! rule id (the справка names rules by title, never by id), and what each rule's clause
//! asks, quoted from the rule's own documentation.

use crate::report::Lang;
use crate::rules::RuleMeta;

/// A rule's title and what to correct, in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title {
    pub id: &'static str,
    pub ru: &'static str,
    pub en: &'static str,
    /// What the person who made the entry should do, in the imperative.
    pub fix_ru: &'static str,
    pub fix_en: &'static str,
}

macro_rules! titles {
    ($($id:literal: $ru:literal, $en:literal; $fix_ru:literal, $fix_en:literal;)*) => {
        /// Every rule's title, by id: the catalogue's rules (a test keeps them in step) and
        /// those SPEC §3 lists that the catalogue may not hold yet.
        pub(crate) static TITLES: &[Title] = &[$(Title {
            id: $id,
            ru: $ru,
            en: $en,
            fix_ru: $fix_ru,
            fix_en: $fix_en,
        }),*];
    };
}

titles! {
    "grade1_mark": "Отметка в 1 классе", "A mark in grade 1";
        "удалить отметку: в 1 классе отметки не выставляются", "remove the mark: grade 1 gets no marks";
    "grade1_homework": "Домашнее задание в 1 классе", "Homework in grade 1";
        "удалить домашнее задание: в 1 классе оно в журнал не вносится", "remove the homework: grade 1 gets none in the register";
    "lesson_entered_late": "Тема урока внесена не в день урока", "Lesson topic entered after the lesson's day";
        "вносить тему урока в день его проведения", "enter the topic on the day of the lesson";
    "lesson_topic_missing": "Нет темы урока", "No lesson topic";
        "внести тему, изученную на уроке", "enter the topic studied in the lesson";
    "attendance_entered_late": "Отсутствие отмечено не в день урока", "Absence marked after the lesson's day";
        "отмечать отсутствующих в день урока", "mark absences on the day of the lesson";
    "homework_entered_late": "Домашнее задание внесено поздно", "Homework entered late";
        "вносить домашнее задание не позднее часа после последнего урока класса", "enter homework within an hour after the class's last lesson";
    "homework_empty": "Пустое домашнее задание", "Empty homework";
        "записать содержание задания: страницы, номера задач и упражнений, параграфы", "write what the task is: pages, exercise numbers, paragraphs";
    "final_mark_too_early": "Итоговая отметка до конца периода", "Final mark before the period ended";
        "выставлять итоговые отметки по окончании учебного периода", "enter final marks once the study period is over";
    "final_mark_published_late": "Итоговая отметка внесена поздно", "Final mark entered late";
        "вносить итоговые отметки в течение суток после окончания периода", "enter final marks within a day after the period ends";
    "final_mark_missing": "Нет итоговой отметки", "No final mark";
        "выставить итоговую отметку за период", "enter the period's final mark";
    "final_mark_unjustified": "Итоговая отметка не обоснована текущими", "Final mark not justified by current marks";
        "проверить итоговую отметку: она должна соответствовать текущим отметкам", "check the final mark against the current marks";
    "final_mark_too_few_marks": "Мало текущих отметок для итоговой", "Too few current marks for a final mark";
        "обеспечить накопляемость текущих отметок до выставления итоговой", "give enough current marks before the final mark";
    "absent_mark_without_basis": "Отметка в клетке с пропуском", "A mark in a cell marked absent";
        "указать основание отметки (индивидуальная работа, санаторий) или убрать пропуск", "state the mark's basis (individual work, sanatorium) or remove the absence";
    "sanatorium_mark_misplaced": "Отметка из санатория не на месте", "Sanatorium mark out of place";
        "ставить отметки из санатория рядом с отметкой об отсутствии в дни пребывания", "put sanatorium marks beside the absence, on the days of the stay";
    "home_schooled_current_mark": "Текущая отметка обучающемуся на дому", "Current mark for a home-schooled student";
        "перенести текущие отметки в журнал обучения на дому", "move current marks to the home-schooling journal";
    "home_schooled_final_outside_plan": "Итоговая отметка вне индивидуального плана", "Final mark outside the individual plan";
        "выставлять итоговые отметки только по предметам индивидуального плана", "enter final marks only in the subjects of the individual plan";
    "briefing_introductory_missing": "Нет вводного инструктажа", "No introductory briefing";
        "записать «Вводный инструктаж» в теме первого урока учебного года", "record «Вводный инструктаж» in the topic of the year's first lesson";
    "briefing_repeat_missing": "Нет повторного инструктажа", "No repeat briefing";
        "записать «Повторный инструктаж» в теме первого урока второго полугодия", "record «Повторный инструктаж» in the topic of the second half-year's first lesson";
    "briefing_before_work_missing": "Нет инструктажа перед работой", "No briefing before a work";
        "записать инструктаж на уроке с практической, лабораторной работой или экскурсией", "record a briefing on the lesson with the practical or laboratory work or excursion";
    "briefing_pe_section_missing": "Нет инструктажа в начале раздела", "No briefing at the start of a PE section";
        "записать «Вводный инструктаж» на первом уроке раздела", "record «Вводный инструктаж» on the section's first lesson";
    "briefing_unscheduled_missing": "Нет внепланового инструктажа", "No unscheduled briefing";
        "записать «Внеплановый инструктаж» на уроке после происшествия", "record «Внеплановый инструктаж» on the lesson after the incident";
    "work_graded_late": "Отметка за работу выставлена поздно", "Work graded late";
        "выставлять отметки за письменные работы в установленный срок", "grade written works by their deadline";
    "work_marks_missing": "Нет отметок за работу", "Work not graded";
        "выставить отметки за работу всем присутствовавшим", "grade the work of every student who was present";
    "failing_mark_after_absence": "Неудовлетворительная отметка после длительного отсутствия", "Failing mark after a long absence";
        "не ставить «2» на первых уроках после длительного отсутствия", "give no failing mark on the first lessons after a long absence";
    "absence_reason_unset": "Не указана причина пропуска", "Absence reason not set";
        "указать причину пропуска (УП, Б, НП)", "set the absence's reason (УП, Б, НП)";
    "group_change_mid_period": "Перевод в другую подгруппу внутри периода", "Group change inside a period";
        "переводить в другую подгруппу только между учебными периодами", "move students between groups only between study periods";
    "entry_not_permitted": "Запись внесена не тем, кто вправе", "Entry by someone not permitted";
        "вносить записи самому учителю урока (или замещающему)", "have the lesson's teacher (or the substitute) make the entry";
    "unknown_reference": "Ссылка на то, чего нет в журнале", "Reference to something not in the register";
        "проверить выгрузку: запись ссылается на необъявленный урок, ученика или класс", "check the export: the entry names an undeclared lesson, student or class";
    "student_not_in_lesson": "Запись об ученике не из этого урока", "Entry for a student not in the lesson";
        "проверить класс и подгруппу ученика", "check the student's class and group";
    "paper_report_overdue": "Нет бумажного отчёта об успеваемости", "Paper progress report overdue";
        "выдать родителям отчёт об успеваемости на бумаге", "hand the parents a printed progress report";
    "parent_diary_not_viewed": "Родитель не просматривал дневник", "Parent did not view the diary";
        "напомнить родителям о просмотре электронного дневника", "remind the parents to look at the electronic diary";
    "journal_export_late": "Журнал не выгружен в срок", "Register not exported in time";
        "выгрузить журнал в PDF в установленный срок", "export the register to PDF by its deadline";
    "journal_export_unsigned": "Выгрузка журнала не подписана", "Register export not signed";
        "подписать выгрузку электронной подписью", "sign the export electronically";
    "annual_decision_inconsistent": "Решение не соответствует отметкам", "Decision inconsistent with the marks";
        "проверить решение по сводной ведомости", "check the decision against the summary sheet";
    "thematic_plan_missing": "Нет тематического планирования", "No thematic plan";
        "заполнить календарно-тематическое планирование", "fill in the thematic plan";
    "program_not_completed": "Программа не пройдена", "Programme not completed";
        "выполнить программу или откорректировать планирование", "complete the programme or adjust the plan";
    "marks_sparse": "Низкая накопляемость отметок", "Sparse marks";
        "оценивать ученика регулярно", "mark the student regularly";
    "control_work_missing": "Нет контрольной работы за период", "No control work in the period";
        "провести и отметить в журнале контрольную работу", "hold a control work and record it";
    "homework_uninformative": "Неинформативное домашнее задание", "Uninformative homework";
        "записать само задание, а не где его искать", "write the task itself, not where to find it";
    "access_not_permitted": "Доступ к чужим данным", "Access to another's data";
        "проверить права доступа родителя", "check the parent's access";
    "parent_not_notified": "Родители не оповещены", "Parents not notified";
        "оповестить родителей и отметить это в журнале", "notify the parents and record it";
    "input_error": "Событие не прочитано", "Event could not be read";
        "исправить событие в выгрузке журнала", "fix the event in the register's export";
}

/// A rule's title by id.
pub fn title(id: &str) -> Option<&'static Title> {
    TITLES.iter().find(|t| t.id == id)
}

impl Title {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }

    pub fn fix(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => self.fix_ru,
            Lang::En => self.fix_en,
        }
    }
}

impl RuleMeta {
    /// The rule's title in a language («Нет темы урока»); its id when it has none.
    pub fn title(&self, lang: Lang) -> &'static str {
        title(self.id).map_or(self.id, |t| t.get(lang))
    }

    /// What to correct, in a language; empty when the rule has no title.
    pub fn fix(&self, lang: Lang) -> &'static str {
        title(self.id).map_or("", |t| t.fix(lang))
    }

    /// What the rule's clause asks, as the documentation's `## Clause` section quotes the
    /// Regulation (in Russian), on one line; empty for a rule with no clause.
    pub fn clause_text(&self) -> String {
        let mut lines = self
            .doc
            .lines()
            .map(str::trim)
            .skip_while(|l| *l != "## Clause")
            .skip(1)
            .take_while(|l| !l.starts_with("## "));
        let mut out = String::new();
        for line in lines.by_ref().filter(|l| !l.is_empty()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_title_and_what_to_correct() {
        for rule in crate::catalogue() {
            let title = title(rule.id).unwrap_or_else(|| panic!("`{}` has no title", rule.id));
            for text in [title.ru, title.en, title.fix_ru, title.fix_en] {
                assert!(!text.trim().is_empty(), "`{}`", rule.id);
                assert!(!text.ends_with('.'), "`{}`: {text}", rule.id);
            }
        }
        let mut ids: Vec<&str> = TITLES.iter().map(|t| t.id).collect();
        ids.sort_unstable();
        let len = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), len, "a rule has two titles");
    }

    #[test]
    fn the_clause_is_quoted_from_the_documentation() {
        let rule = crate::rule("grade1_mark").unwrap();
        assert!(
            rule.clause_text().starts_with("2.6: «В 1-х классах"),
            "{}",
            rule.clause_text()
        );
        assert_eq!(rule.title(Lang::Ru), "Отметка в 1 классе");
        assert_eq!(crate::rule("input_error").unwrap().clause_text(), "");
    }
}
