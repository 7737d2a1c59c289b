//! The words of an import's summary: each kind it counts, in Russian and English.

/// Every key of a summary, with its Russian forms after 1, 2 and 5, and English after 1
/// and 2.
pub(crate) const WORDS: &[(&str, [&str; 3], [&str; 2])] = &[
    // Read.
    ("weeks", ["неделя", "недели", "недель"], ["week", "weeks"]),
    ("days", ["день", "дня", "дней"], ["day", "days"]),
    (
        "journals",
        ["журнал", "журнала", "журналов"],
        ["journal", "journals"],
    ),
    (
        "students",
        ["ученик", "ученика", "учеников"],
        ["student", "students"],
    ),
    (
        "lessons",
        ["урок", "урока", "уроков"],
        ["lesson", "lessons"],
    ),
    (
        "assignments",
        ["задание", "задания", "заданий"],
        ["assignment", "assignments"],
    ),
    (
        "marks",
        ["отметка", "отметки", "отметок"],
        ["mark", "marks"],
    ),
    (
        "attendance",
        [
            "запись посещаемости",
            "записи посещаемости",
            "записей посещаемости",
        ],
        ["attendance record", "attendance records"],
    ),
    (
        "final_marks",
        ["итоговая отметка", "итоговые отметки", "итоговых отметок"],
        ["final mark", "final marks"],
    ),
    (
        "assignment_types",
        ["тип заданий", "типа заданий", "типов заданий"],
        ["assignment type", "assignment types"],
    ),
    // Made: the events' types.
    (
        "extract",
        [
            "выписка (extract)",
            "выписки (extract)",
            "выписок (extract)",
        ],
        ["extract", "extracts"],
    ),
    (
        "class",
        ["класс", "класса", "классов"],
        ["class", "classes"],
    ),
    (
        "period",
        ["учебный период", "учебных периода", "учебных периодов"],
        ["period", "periods"],
    ),
    (
        "student",
        ["ученик", "ученика", "учеников"],
        ["student", "students"],
    ),
    ("lesson", ["урок", "урока", "уроков"], ["lesson", "lessons"]),
    (
        "homework",
        ["домашнее задание", "домашних задания", "домашних заданий"],
        ["homework entry", "homework entries"],
    ),
    ("mark", ["отметка", "отметки", "отметок"], ["mark", "marks"]),
    (
        "final_mark",
        ["итоговая отметка", "итоговые отметки", "итоговых отметок"],
        ["final mark", "final marks"],
    ),
    // Left out.
    (
        "extracurricular_lessons",
        [
            "внеурочное занятие (не входит в классный журнал)",
            "внеурочных занятия (не входят в классный журнал)",
            "внеурочных занятий (не входят в классный журнал)",
        ],
        [
            "extracurricular lesson (not in the class register)",
            "extracurricular lessons (not in the class register)",
        ],
    ),
    (
        "overdue_assignments",
        [
            "просроченное задание из списка долгов (laAssigns)",
            "просроченных задания из списка долгов (laAssigns)",
            "просроченных заданий из списка долгов (laAssigns)",
        ],
        [
            "overdue assignment (laAssigns)",
            "overdue assignments (laAssigns)",
        ],
    ),
    (
        "duplicate_lessons",
        ["повтор урока", "повтора уроков", "повторов уроков"],
        ["repeated lesson", "repeated lessons"],
    ),
    (
        "duplicate_assignments",
        ["повтор задания", "повтора заданий", "повторов заданий"],
        ["repeated assignment", "repeated assignments"],
    ),
    (
        "homework_without_text",
        [
            "домашнее задание без текста",
            "домашних задания без текста",
            "домашних заданий без текста",
        ],
        ["homework without text", "homework entries without text"],
    ),
    (
        "homework_issued_outside",
        [
            "домашнее задание, выданное на уроке вне импорта",
            "домашних задания, выданных на уроках вне импорта",
            "домашних заданий, выданных на уроках вне импорта",
        ],
        [
            "homework set on a lesson outside the import",
            "homework entries set on lessons outside the import",
        ],
    ),
    (
        "unknown_type_assignments",
        [
            "задание неизвестного типа без отметки",
            "задания неизвестного типа без отметки",
            "заданий неизвестного типа без отметки",
        ],
        [
            "assignment of an unknown type without a mark",
            "assignments of an unknown type without a mark",
        ],
    ),
    (
        "duty_marks",
        ["«точка» (долг)", "«точки» (долга)", "«точек» (долгов)"],
        ["duty mark («точка», a debt)", "duty marks («точки», debts)"],
    ),
    (
        "marks_without_value",
        [
            "отметка без значения",
            "отметки без значения",
            "отметок без значения",
        ],
        ["mark without a value", "marks without a value"],
    ),
    (
        "marks_not_1_5",
        [
            "отметка не от 1 до 5",
            "отметки не от 1 до 5",
            "отметок не от 1 до 5",
        ],
        ["mark not from 1 to 5", "marks not from 1 to 5"],
    ),
    (
        "students_free",
        [
            "ученик, освобождённый от предмета (free)",
            "ученика, освобождённых от предмета (free)",
            "учеников, освобождённых от предмета (free)",
        ],
        [
            "student exempt from the subject (free)",
            "students exempt from the subject (free)",
        ],
    ),
    (
        "students_individual_education",
        [
            "ученик на индивидуальном обучении (individualEduc)",
            "ученика на индивидуальном обучении (individualEduc)",
            "учеников на индивидуальном обучении (individualEduc)",
        ],
        [
            "student on individual education (individualEduc)",
            "students on individual education (individualEduc)",
        ],
    ),
    (
        "entries_of_students_left_out",
        [
            "запись об этих учениках",
            "записи об этих учениках",
            "записей об этих учениках",
        ],
        ["entry about those students", "entries about those students"],
    ),
    (
        "entries_of_unknown_students",
        [
            "запись об ученике не из списка журнала",
            "записи об учениках не из списка журнала",
            "записей об учениках не из списка журнала",
        ],
        [
            "entry about a student not in the journal's list",
            "entries about students not in the journal's list",
        ],
    ),
    (
        "marks_of_unknown_assignments",
        [
            "отметка за задание не из журнала",
            "отметки за задания не из журнала",
            "отметок за задания не из журнала",
        ],
        [
            "mark for an assignment not in the journal",
            "marks for assignments not in the journal",
        ],
    ),
    (
        "attendance_of_unknown_codes",
        [
            "запись посещаемости с неизвестным кодом",
            "записи посещаемости с неизвестным кодом",
            "записей посещаемости с неизвестным кодом",
        ],
        [
            "attendance record with an unknown code",
            "attendance records with an unknown code",
        ],
    ),
    (
        "attendance_of_unknown_lessons",
        [
            "запись посещаемости урока не из журнала",
            "записи посещаемости уроков не из журнала",
            "записей посещаемости уроков не из журнала",
        ],
        [
            "attendance record of a lesson not in the journal",
            "attendance records of lessons not in the journal",
        ],
    ),
    (
        "final_marks_without_period",
        [
            "итоговая отметка без указанного периода",
            "итоговые отметки без указанного периода",
            "итоговых отметок без указанного периода",
        ],
        [
            "final mark without a period given",
            "final marks without a period given",
        ],
    ),
    (
        "final_marks_of_several_columns",
        [
            "итоговая отметка из нескольких столбцов итогов",
            "итоговые отметки из нескольких столбцов итогов",
            "итоговых отметок из нескольких столбцов итогов",
        ],
        [
            "final mark of several columns of totals",
            "final marks of several columns of totals",
        ],
    ),
    (
        "final_marks_not_1_5",
        [
            "итоговая отметка не от 1 до 5 и не «н/а»",
            "итоговые отметки не от 1 до 5 и не «н/а»",
            "итоговых отметок не от 1 до 5 и не «н/а»",
        ],
        [
            "final mark neither from 1 to 5 nor «н/а»",
            "final marks neither from 1 to 5 nor «н/а»",
        ],
    ),
    // Noted.
    (
        "unknown_type_marks",
        [
            "отметка за задание неизвестного типа (вид работы: «другое»)",
            "отметки за задания неизвестного типа (вид работы: «другое»)",
            "отметок за задания неизвестного типа (вид работы: «другое»)",
        ],
        [
            "mark for an assignment of an unknown type (kind of work: other)",
            "marks for assignments of an unknown type (kind of work: other)",
        ],
    ),
    (
        "same_time_lessons",
        [
            "урок в одно время с другим",
            "урока в одно время с другими",
            "уроков в одно время с другими",
        ],
        [
            "lesson at the same time as another",
            "lessons at the same time as another",
        ],
    ),
];
