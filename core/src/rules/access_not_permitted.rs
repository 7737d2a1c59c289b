use super::*;

use crate::event::DiarySection;

declare_rule! {
    /// A parent who looked at the electronic diary of a child not theirs.
    ///
    /// ## Clause
    /// 1.10: «родители (законные представители) и обучающиеся имеют доступ только к
    /// собственным данным и используют ЭКЖ для их просмотра»; 2.5: «Родителям (законным
    /// представителям) обучающихся доступна для просмотра информация об успеваемости,
    /// посещаемости и расписании только своего ребёнка»; 3.6: «Родители (законные
    /// представители) и обучающиеся имеют доступ только к собственным данным».
    ///
    /// ## What it checks
    /// Every `diary_view`, as it was made: the parent's declared `children` must include
    /// the student whose diary was seen, in any section. A parent or student the register
    /// does not declare is `unknown_reference`'s finding alone, so only declared parents
    /// are checked. The view's time, when it has one, dates the finding; a view without
    /// `at` is checked all the same (who saw whose data needs no time). The finding is
    /// handed to the class teacher of the viewed student's class, who gives parents their
    /// logins (2.1, 3.2 «получает реквизиты доступа к ЭКЖ для родителей … и передает их по
    /// назначению»). A breach of personal data (Federal Law 152-FZ), the one finding a
    /// school most needs to see at once: told on entry.
    ///
    /// ## Example
    /// ```json
    /// {"type":"parent","id":"p1","children":["s1"]}
    /// {"type":"diary_view","parent":"p1","student":"s2","section":"diary","at":"2024-09-06T20:00:00+04:00"}
    /// ```
    /// `p1` saw the diary of `s2`, who is not their child: `access_not_permitted`.
    pub struct AccessNotPermitted {
        id: "access_not_permitted", clause: "1.10, 2.5, 3.6", severity: Error, when: Entry,
        title: "Просмотр дневника чужого ребёнка" / "A diary viewed by someone not its parent",
        fix: "проверить, кому выданы реквизиты доступа, и закрыть доступ"
            / "check who was given the login and close the access",
        checks: "Каждый просмотр дневника (`diary_view`): среди детей (`children`) родителя \
            должен быть ученик, чей дневник просмотрен. Родители, которых нет в журнале, — \
            находка `unknown_reference`. Находка передаётся классному руководителю класса \
            ученика: он выдаёт родителям реквизиты доступа. Нарушение защиты персональных \
            данных (152-ФЗ); сообщается при внесении записи.",
        needs: [Parents], reach: Day, scope: Students,
    }
}

impl Rule for AccessNotPermitted {
    fn diary_view(&self, cx: &Cx<'_>, view: &DiaryViewRec, out: &mut Vec<Finding>) {
        let Some(parent) = cx.reg.parent(view.parent) else {
            return;
        };
        if parent.children.contains(&view.student) {
            return;
        }
        let item = match view.stamp.at {
            Some(at) => Item::student(view.student, time::date_of(at)),
            None => Item::undated(Who::Student(view.student)),
        };
        if !cx.judges(&Self::META, item) {
            return;
        }
        let mut draft = cx
            .draft(&Self::META, view.stamp.event)
            .student(view.student)
            .parent(view.parent);
        if let Some(teacher) = cx
            .student(view.student)
            .and_then(|s| cx.reg.class_teacher(s.class))
        {
            draft = draft.teacher(teacher);
        }
        let (when_ru, when_en) = match view.stamp.at {
            Some(at) => {
                draft = draft.date(time::date_of(at));
                (format!(" {}", ru_time(at)), format!(" at {}", en_time(at)))
            }
            None => (String::new(), String::new()),
        };
        let (section_ru, section_en) = match view.section {
            DiarySection::Diary => ("дневник", "diary"),
            DiarySection::FinalMarks => ("итоговые оценки", "final marks"),
        };
        let student = cx.student_name(view.student);
        let class = cx
            .student(view.student)
            .map(|s| cx.class_name(s.class))
            .unwrap_or_default();
        let parent_name = cx.parent_name(view.parent);
        let (child, parent) = (cx.student_named(view.student), cx.parent_named(view.parent));
        let seen = match view.section {
            DiarySection::Diary => "просмотрен",
            DiarySection::FinalMarks => "просмотрены",
        };
        out.push(draft.say(
            format!(
                "{section_ru} {} {} ({class}) {seen}{when_ru} родителем {}, среди детей {} {} нет: чужие персональные данные — закройте доступ и проверьте учётную запись родителя",
                child.agree("ученика", "ученицы", "ученика"),
                child.case(Case::Genitive),
                parent.case(Case::Instrumental),
                parent.agree("которого", "которой", "которого"),
                child.agree("этого ученика", "этой ученицы", "этого ученика"),
            ),
            format!(
                "parent {parent_name} viewed the {section_en} of student {student} ({class}){when_en}, who is not their child: personal data seen by someone it does not belong to; close the access and check the parent's account",
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::Policy;

    fn view(parent: &str, student: &str, at: &str) -> String {
        format!(
            r#"{{"type":"diary_view","parent":"{parent}","student":"{student}","section":"diary"{at}}}"#
        )
    }

    #[test]
    fn a_parent_sees_only_their_own_children() {
        let run = |events: &[String]| {
            findings(
                "access_not_permitted",
                Policy::default(),
                &register(events),
                "2024-09-10T12:00",
            )
        };
        let parent =
            r#"{"type":"parent","id":"p1","name":"Петрова Ольга","children":["s1"]}"#.to_owned();
        let at = r#","at":"2024-09-06T20:00:00+04:00""#;
        assert!(run(&[parent.clone(), view("p1", "s1", at)]).is_empty());
        let found = run(&[parent.clone(), view("p1", "s2", at)]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].parent.as_deref(), Some("p1"));
        assert_eq!(found[0].student.as_deref(), Some("s2"));
        assert_eq!(found[0].class.as_deref(), Some("5a"));
        assert_eq!(found[0].teacher.as_deref(), Some("t1"));
        assert!(
            found[0].message.ru.starts_with(
                "дневник ученика s2 (5a) просмотрен 06.09.2024 20:00 родителем Петровой Ольгой"
            ),
            "{found:?}"
        );
        // Without a time, all the same.
        assert_eq!(run(&[parent, view("p1", "s2", "")]).len(), 1);
        // An undeclared parent is `unknown_reference`'s.
        assert!(run(&[view("p9", "s2", at)]).is_empty());
    }
}
