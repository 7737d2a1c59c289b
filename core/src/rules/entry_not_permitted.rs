use super::*;

use crate::event::{AttendanceCode, Basis, Role};

declare_rule! {
    /// An entry made by someone who may not make it.
    ///
    /// ## Clause
    /// 1.10: «родители (законные представители) и обучающиеся имеют доступ только к
    /// собственным данным и используют ЭКЖ для их просмотра»; 2.15: «педагог, замещающий
    /// коллегу, заполняет ЭКЖ в установленном порядке»; 3.1: администратор АСУ РСО
    /// «проводит деление на подгруппы»; 3.2: «перевод обучающихся из группы в группу может
    /// быть произведен администратором ЭКЖ», классный руководитель «выверяет правильность
    /// сведений о пропущенных уроках … по уважительной причине (УП), болезни (Б) или
    /// неуважительной причине (НП)» и информирует родителей распечатками; 3.3:
    /// учитель-предметник вносит уроки, отметки, отсутствующих, домашнее задание и итоговые
    /// отметки; 4.4: выгрузка «осуществляется администратором АСУ РСО»; 4.8: сводную
    /// ведомость заполняет классный руководитель; 6.1: «Категорически запрещается допускать
    /// обучающихся к работе с ЭКЖ под логином и паролем ответственных лиц школы.»
    ///
    /// ## What it checks
    /// Every entry whose `by` is an id the register declares — as staff, a student or a
    /// parent. An entry without `by`, or by an id the register does not declare, is not
    /// checked (the summary counts entries without `by`). An id declared as staff is judged
    /// as staff even if it is also declared as a parent. A `diary_view` is the parent's own
    /// act and is never checked.
    ///
    /// - Nothing may be entered by a student or a parent.
    /// - A lesson version, a mark, an absence and homework: by the lesson's teacher — the
    ///   teacher of the version in force when the entry was made; for a lesson version, the
    ///   teacher it names. A substitute recorded as the lesson's teacher is its teacher
    ///   (2.15).
    /// - An absence with a reason (`УП`, `Б`, `НП`) or `present`: also by a class teacher of
    ///   the lesson's class. `Н` (`ОТ`) is the subject teacher's mark only (3.3), and so are
    ///   `ОП` (late) and `ОСВ` (exempt): they say what happened at the lesson, not why a
    ///   lesson was missed, which is all 3.2 gives the class teacher to correct.
    /// - A mark with `basis: sanatorium`: also by a class teacher of the lesson's class
    ///   (2.12: «учитель-предметник/классный руководитель выставляет»).
    /// - A final mark: by a member of staff who was the teacher of a lesson of that subject
    ///   (any group) in the student's class dated within the period, among the lessons
    ///   recorded by the time the mark was entered (for a mark without `at`, imported
    ///   totals: among those the register holds at the audit, judged only then).
    /// - A group change and a journal export: by staff with the `admin` role.
    /// - A paper report and an annual decision: by a class teacher of the student's class.
    /// - A notice to the parents (`parent_notice`): by a class teacher of the student's
    ///   class (3.2 «оповещает родителей») or by a teacher of any lesson of that class
    ///   recorded by then, whatever the subject (3.3: the subject teacher «оповещает
    ///   классных руководителей и родителей»); not by the administration, to whom the
    ///   Regulation gives no such duty. A notice without `at` is compared with the lessons
    ///   the register holds at the audit.
    /// - A thematic plan, an incident, a student leaving: by any member of staff.
    ///
    /// The finding's teacher is the lesson's teacher (a finding about an entry on no lesson
    /// names none); the message names whoever made the entry. Told on entry.
    ///
    /// On a part of a register whose source lacks the entries' authors, the staff or the
    /// lessons' teachers, nothing is judged; a final mark is judged only when the part holds
    /// its student's whole class through the period (a teacher of any group may give it).
    /// Each entry not judged is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"student","id":"s1","class":"5a"}
    /// {"type":"mark","lesson":"l1","student":"s1","value":5,"at":"2024-09-02T20:00:00+04:00","by":"s1"}
    /// ```
    /// A student gave themselves a mark: `entry_not_permitted`.
    pub struct EntryNotPermitted {
        id: "entry_not_permitted", clause: "1.10, 2.15, 3.1–3.3, 6.1", severity: Error, when: Entry,
        title: "Запись внесена не тем, кто вправе" / "Entry by someone not permitted",
        fix: "вносить записи самому учителю урока (или замещающему)"
            / "have the lesson's teacher (or the substitute) make the entry",
        checks: "Каждая запись, автор которой (`by`) объявлен в журнале — как сотрудник, ученик или \
            родитель; записи без автора и от необъявленных лиц не проверяются. Ученики и \
            родители ничего не вносят. Урок, отметку, отсутствие и домашнее задание вносит \
            учитель урока (замещающий, записанный учителем урока, — тоже). Причину пропуска (УП, \
            Б, НП) и «присутствовал» может внести и классный руководитель класса; отметку из \
            санатория — тоже. Итоговую отметку вносит учитель, который вёл уроки этого предмета \
            в классе ученика в этом периоде. Перевод в подгруппу и выгрузку журнала — \
            администратор; печатный отчёт для родителей и решение в сводной ведомости — классный \
            руководитель; тематическое планирование, происшествие и выбытие — любой сотрудник. \
            Просмотр дневника — действие самого родителя и не проверяется. Учитель замечания — \
            учитель урока, а сделавший запись назван в сообщении. Сообщается при внесении \
            записи.",
        needs: [By, Staff, Teacher], reach: Period, scope: Class,
    }
}

/// Who made an entry, as the register declares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Author {
    Staff,
    Student,
    Parent,
}

/// Who may make an entry.
enum Allowed {
    /// The lesson's teacher.
    Teacher(Sym),
    /// The lesson's teacher or a class teacher of the class.
    TeacherOrClassTeacher(Sym, Sym),
    /// A teacher of the subject in the class during the period.
    SubjectTeacher {
        class: Sym,
        /// The subject folded, and as written.
        subj: Sym,
        subject: Sym,
        period: Sym,
    },
    Admin,
    ClassTeacher(Sym),
    /// A class teacher of the class, or a teacher of any of its lessons.
    TeacherOfClass(Sym),
    AnyStaff,
}

impl Rule for EntryNotPermitted {
    fn entry(&self, cx: &Cx<'_>, entry: Entry<'_>, out: &mut Vec<Finding>) {
        if matches!(entry, Entry::DiaryView(_)) {
            return;
        }
        let Some(stamp) = entry.stamp() else {
            return;
        };
        let Some((what, allowed)) = judged(cx, entry) else {
            return;
        };
        if !part_item(cx, entry).is_some_and(|item| cx.judges(&Self::META, item)) {
            return;
        }
        let Some(by) = stamp.by else {
            return;
        };
        let reg = cx.reg;
        // A student or a parent is stored by pseudonym when the register keeps them so.
        let person = reg.author_as_person(by);
        let author = if reg.staff_member(by).is_some() {
            Author::Staff
        } else if reg.student(person).is_some() {
            Author::Student
        } else if reg.parent(person).is_some() {
            Author::Parent
        } else {
            return;
        };
        let permitted = author == Author::Staff
            && match allowed {
                Allowed::Teacher(teacher) => by == teacher,
                Allowed::TeacherOrClassTeacher(teacher, class) => {
                    by == teacher || reg.is_class_teacher(by, class)
                }
                Allowed::SubjectTeacher {
                    class,
                    subj,
                    period,
                    ..
                } => {
                    // Who taught is asked of the lessons recorded when the mark was made.
                    let Some(made) = cx.as_made(&stamp) else {
                        return;
                    };
                    reg.period(period)
                        .is_some_and(|p| reg.taught(by, class, subj, p.start, p.end, made.horizon))
                }
                Allowed::Admin => reg.has_role(by, Role::Admin),
                Allowed::ClassTeacher(class) => reg.is_class_teacher(by, class),
                Allowed::TeacherOfClass(class) => {
                    if reg.is_class_teacher(by, class) {
                        true
                    } else {
                        let Some(made) = cx.as_made(&stamp) else {
                            return;
                        };
                        reg.taught_class(by, class, made.horizon)
                    }
                }
                Allowed::AnyStaff => true,
            };
        if permitted {
            return;
        }
        let (ru_allowed, en_allowed) = describe(cx, &allowed);
        let (what_ru, what_en) = what;
        let draft = draft(cx, entry, stamp);
        // The finding's teacher is the lesson's (set by the draft); whoever made the entry
        // is named in the message, as its author.
        let (draft, ru, en) = match author {
            Author::Staff => {
                let person = cx.staff_named(by);
                let name = cx.staff_name(by);
                (
                    draft,
                    format!("{what_ru}: запись сделана сотрудником {}, а вносить её может только {ru_allowed}", person.case(Case::Instrumental)),
                    format!("{what_en} was made by staff member {name}; only {en_allowed} may make it"),
                )
            }
            Author::Student => {
                let named = cx.student_named(person);
                let name = cx.student_name(person);
                (
                    draft,
                    format!(
                        "{what_ru}: запись сделана {} {}, а ученики журнал только просматривают; вносить её может только {ru_allowed}",
                        named.agree("учеником", "ученицей", "учеником"),
                        named.case(Case::Instrumental)
                    ),
                    format!("{what_en} was made by student {name}, but students only view the register; only {en_allowed} may make it"),
                )
            }
            Author::Parent => {
                let named = cx.parent_named(person);
                let name = cx.parent_name(person);
                (
                    draft.parent(person),
                    format!("{what_ru}: запись сделана родителем {}, а родители журнал только просматривают; вносить её может только {ru_allowed}", named.case(Case::Instrumental)),
                    format!("{what_en} was made by parent {name}, but parents only view the register; only {en_allowed} may make it"),
                )
            }
        };
        out.push(draft.say(ru, en));
    }
}

type What = (&'static str, &'static str);

/// What the entry is and who may make it.
fn judged(cx: &Cx<'_>, entry: Entry<'_>) -> Option<(What, Allowed)> {
    let teacher_of = |lesson: &LessonRec| cx.version(lesson).map(|v| v.teacher);
    Some(match entry {
        Entry::Lesson(version) => {
            cx.lesson_of(version)?;
            (
                ("запись об уроке", "the lesson record"),
                Allowed::Teacher(version.teacher),
            )
        }
        Entry::Attendance(a) => {
            let lesson = cx.lesson(a.lesson)?;
            let teacher = teacher_of(lesson)?;
            let allowed = if matches!(
                a.code,
                AttendanceCode::Absent | AttendanceCode::Late | AttendanceCode::Exempt
            ) {
                Allowed::Teacher(teacher)
            } else {
                Allowed::TeacherOrClassTeacher(teacher, lesson.class)
            };
            (("отметка о посещаемости", "the attendance entry"), allowed)
        }
        Entry::Mark(m) => {
            let lesson = cx.lesson(m.lesson)?;
            let teacher = teacher_of(lesson)?;
            let allowed = if m.basis == Some(Basis::Sanatorium) {
                Allowed::TeacherOrClassTeacher(teacher, lesson.class)
            } else {
                Allowed::Teacher(teacher)
            };
            (("отметка", "the mark"), allowed)
        }
        Entry::Homework(h) => {
            let lesson = cx.lesson(h.lesson)?;
            let teacher = teacher_of(lesson)?;
            (
                ("домашнее задание", "the homework"),
                Allowed::Teacher(teacher),
            )
        }
        Entry::FinalMark(f) => {
            let class = cx.student(f.student)?.class;
            (
                ("итоговая отметка", "the final mark"),
                Allowed::SubjectTeacher {
                    class,
                    subj: f.subj,
                    subject: f.subject,
                    period: f.period,
                },
            )
        }
        Entry::GroupChange(_) => (
            ("перевод в другую подгруппу", "the group change"),
            Allowed::Admin,
        ),
        Entry::JournalExport(_) => (("выгрузка журнала", "the journal export"), Allowed::Admin),
        Entry::PaperReport(p) => (
            ("печатный отчёт для родителей", "the paper report"),
            Allowed::ClassTeacher(cx.student(p.student)?.class),
        ),
        Entry::AnnualDecision(d) => (
            ("запись в сводной ведомости", "the summary-sheet decision"),
            Allowed::ClassTeacher(cx.student(d.student)?.class),
        ),
        Entry::ParentNotice(n) => (
            ("оповещение родителей", "the notice to the parents"),
            Allowed::TeacherOfClass(cx.student(n.student)?.class),
        ),
        Entry::ThematicPlan(_) => (
            ("тематическое планирование", "the thematic plan"),
            Allowed::AnyStaff,
        ),
        Entry::Incident(_) => (
            ("запись о нарушении охраны труда", "the incident record"),
            Allowed::AnyStaff,
        ),
        Entry::StudentLeft(_) => (
            ("запись о выбытии", "the record of leaving"),
            Allowed::AnyStaff,
        ),
        _ => return None,
    })
}

/// What the part of a register must hold to judge who made an entry: its lesson and
/// student, or its day and student or class; for a final mark, the student's whole class
/// through the period.
fn part_item(cx: &Cx<'_>, entry: Entry<'_>) -> Option<Item> {
    let class_on = |class: Sym, date: NaiveDate| Item::on(Who::Lessons(class), date);
    let decision_day = |at: Option<Time>, student: Sym| match at {
        Some(at) => Item::student(student, time::date_of(at)),
        None => Item::undated(Who::Student(student)),
    };
    Some(match entry {
        Entry::Lesson(version) => Item::lesson(cx.lesson_of(version)?),
        Entry::Attendance(a) => Item::cell(cx.lesson(a.lesson)?, a.student),
        Entry::Mark(m) => Item::cell(cx.lesson(m.lesson)?, m.student),
        Entry::Homework(h) => Item::lesson(cx.lesson(h.lesson)?),
        Entry::FinalMark(f) => {
            let class = cx.student(f.student)?.class;
            let period = cx.reg.period(f.period)?;
            Item::class(class, period.end).back_to(period.start)
        }
        Entry::GroupChange(g) => Item::student(g.student, g.date),
        Entry::JournalExport(x) => class_on(x.class, x.date),
        Entry::PaperReport(p) => Item::student(p.student, p.date),
        Entry::AnnualDecision(d) => decision_day(d.stamp.at, d.student),
        Entry::ThematicPlan(p) => Item::undated(Who::Lessons(p.class)),
        Entry::Incident(n) => class_on(n.class, n.date),
        Entry::StudentLeft(l) => Item::student(l.student, l.date),
        // Who teaches the class: its lessons of the notice's school year.
        Entry::ParentNotice(n) => {
            let class = cx.student(n.student)?.class;
            let year = cx.reg.school_year(cx.grade(class)?, n.date)?;
            Item::class(class, n.date)
                .back_to(year.start)
                .on_to(year.end)
        }
        _ => return None,
    })
}

/// The finding started about an entry not permitted: built only for one, since most
/// entries are made by whoever may make them.
fn draft<'c, 'a>(cx: &'c Cx<'a>, entry: Entry<'_>, stamp: Stamp) -> Draft<'c, 'a> {
    let draft = cx.draft(&EntryNotPermitted::META, stamp.event);
    let on_day = |draft: Draft<'c, 'a>| match stamp.at {
        Some(at) => draft.date(time::date_of(at)),
        None => draft,
    };
    match entry {
        Entry::Lesson(version) => match cx.lesson_of(version) {
            Some(lesson) => draft.lesson(lesson),
            None => draft,
        },
        Entry::Attendance(a) => match cx.lesson(a.lesson) {
            Some(lesson) => draft.lesson(lesson).student(a.student),
            None => draft,
        },
        Entry::Mark(m) => match cx.lesson(m.lesson) {
            Some(lesson) => draft.lesson(lesson).student(m.student),
            None => draft,
        },
        Entry::Homework(h) => {
            let draft = match cx.lesson(h.lesson) {
                Some(lesson) => draft.lesson(lesson),
                None => draft,
            };
            if h.students.is_empty() {
                draft
            } else {
                draft.students(&h.students)
            }
        }
        Entry::FinalMark(f) => on_day(draft)
            .student(f.student)
            .subject(f.subject)
            .period(f.period),
        Entry::GroupChange(g) => draft.date(g.date).student(g.student).subject(g.subject),
        Entry::JournalExport(x) => draft.date(x.date).class(x.class),
        Entry::PaperReport(p) => draft.date(p.date).student(p.student),
        Entry::AnnualDecision(d) => on_day(draft).student(d.student),
        Entry::ParentNotice(n) => {
            let draft = draft.date(n.date).student(n.student);
            match n.parent {
                Some(parent) => draft.parent(parent),
                None => draft,
            }
        }
        Entry::ThematicPlan(p) => on_day(draft).class(p.class).subject(p.subject),
        Entry::Incident(n) => draft.date(n.date).class(n.class).subject(n.subject),
        Entry::StudentLeft(l) => draft.date(l.date).student(l.student),
        _ => draft,
    }
}

fn describe(cx: &Cx<'_>, allowed: &Allowed) -> (String, String) {
    let class_teachers = |class: Sym| {
        let names: Vec<&str> = cx
            .reg
            .class_teachers_of(class)
            .into_iter()
            .map(|t| cx.staff_name(t))
            .collect();
        if names.is_empty() {
            String::new()
        } else {
            format!(" ({})", names.join(", "))
        }
    };
    match *allowed {
        Allowed::Teacher(t) => {
            let name = cx.staff_name(t);
            (
                format!("учитель урока ({name})"),
                format!("the lesson's teacher ({name})"),
            )
        }
        Allowed::TeacherOrClassTeacher(t, class) => {
            let name = cx.staff_name(t);
            let class_name = cx.class_name(class);
            let ct = class_teachers(class);
            (
                format!("учитель урока ({name}) или классный руководитель {class_name}{ct}"),
                format!("the lesson's teacher ({name}) or the class teacher of {class_name}{ct}"),
            )
        }
        Allowed::SubjectTeacher {
            class,
            subject,
            period,
            ..
        } => {
            let class_name = cx.class_name(class);
            let subject = cx.name(subject);
            let period = cx.name(period);
            (
                format!("учитель, который вёл уроки предмета «{subject}» в {class_name} в периоде «{period}»"),
                format!("a teacher who taught `{subject}` to {class_name} during period `{period}`"),
            )
        }
        Allowed::Admin => (
            "администратор АСУ РСО".to_owned(),
            "the register's administrator".to_owned(),
        ),
        Allowed::ClassTeacher(class) => {
            let class_name = cx.class_name(class);
            let ct = class_teachers(class);
            (
                format!("классный руководитель {class_name}{ct}"),
                format!("the class teacher of {class_name}{ct}"),
            )
        }
        Allowed::TeacherOfClass(class) => {
            let class_name = cx.class_name(class);
            let ct = class_teachers(class);
            (
                format!("классный руководитель {class_name}{ct} или учитель, ведущий уроки в {class_name}"),
                format!("the class teacher of {class_name}{ct} or a teacher of {class_name}"),
            )
        }
        Allowed::AnyStaff => ("сотрудник школы".to_owned(), "a member of staff".to_owned()),
    }
}
