//! Every kind of event, declared once.
//!
//! A kind of event is a public type (`event::Mark`, with its reading checks beside it), a
//! record the register keeps of it (`register::MarkRec`, stored by `Register::add_mark`),
//! and the references it makes to what the register must declare. The table below ties
//! them together, and each layer builds its part from it: `event` the [`Event`] enum, its
//! `type_name` and `made`; the reader the dispatch on `type`; the register the `Stored`
//! result of storing an event, the `Entry` a rule judges, `Register::entry` and
//! `Register::entries`, each entry's stamp and input index, and the references that
//! `unknown_reference` checks.
//!
//! Each row: the variant (also the name of the event's type and of its `Entry`), the
//! `type` as written in the input, `entry` for what a person enters (it has `at` and
//! `by`) or `context`, the record, the register's table of them (`[u32]`: a list, by
//! position; `[Sym]`: declarations by id), the register's method that stores one, and
//! the record's references in the order they are checked, each `field: Declared` where
//! the field holds one id, an optional id, or a list of ids of something declared.
//!
//! `event_kinds!(callback)` hands the table to `callback!`, a macro of the layer that
//! builds from it (an "x-macro"): the table is written here only.
//!
//! [`Event`]: crate::Event

macro_rules! event_kinds {
    ($then:ident) => {
        $then! {
            // Context (SPEC §1.1): who and when.
            Period = "period" context {
                record: PeriodRec, table: periods[Sym], add: add_period, refs: [],
            },
            Class = "class" context {
                record: ClassRec, table: classes[Sym], add: add_class, refs: [],
            },
            Staff = "staff" context {
                record: StaffRec, table: staff[Sym], add: add_staff, refs: [classes: Class],
            },
            Student = "student" context {
                record: StudentRec, table: students[Sym], add: add_student,
                refs: [class: Class],
            },
            Parent = "parent" context {
                record: ParentRec, table: parents[Sym], add: add_parent,
                refs: [children: Student],
            },
            StudentLeft = "student_left" entry {
                record: LeftRec, table: left[u32], add: add_student_left,
                refs: [student: Student],
            },
            GroupChange = "group_change" entry {
                record: GroupChangeRec, table: group_changes[u32], add: add_group_change,
                refs: [student: Student],
            },
            HomeSchooling = "home_schooling" context {
                record: HomeSchoolingRec, table: home_schooling[u32], add: add_home_schooling,
                refs: [student: Student],
            },
            Sanatorium = "sanatorium" context {
                record: SanatoriumRec, table: sanatoriums[u32], add: add_sanatorium,
                refs: [student: Student],
            },
            ParentOptOut = "parent_opt_out" context {
                record: OptOutRec, table: opt_outs[u32], add: add_parent_opt_out,
                refs: [parent: Parent],
            },
            ThematicPlan = "thematic_plan" entry {
                record: PlanRec, table: plans[u32], add: add_thematic_plan, refs: [class: Class],
            },
            Extract = "extract" context {
                record: ExtractRec, table: extracts[u32], add: add_extract, refs: [],
            },
            // Entries (SPEC §1.2).
            Lesson = "lesson" entry {
                record: LessonVersion, table: lesson_versions[u32], add: add_lesson,
                refs: [class: Class],
            },
            Attendance = "attendance" entry {
                record: AttendanceRec, table: attendance[u32], add: add_attendance,
                refs: [lesson: Lesson, student: Student],
            },
            Mark = "mark" entry {
                record: MarkRec, table: marks[u32], add: add_mark,
                refs: [lesson: Lesson, student: Student],
            },
            Homework = "homework" entry {
                record: HomeworkRec, table: homework[u32], add: add_homework,
                refs: [lesson: Lesson, students: Student],
            },
            FinalMark = "final_mark" entry {
                record: FinalMarkRec, table: final_marks[u32], add: add_final_mark,
                refs: [student: Student, period: Period],
            },
            Incident = "incident" entry {
                record: IncidentRec, table: incidents[u32], add: add_incident,
                refs: [class: Class],
            },
            DiaryView = "diary_view" entry {
                record: DiaryViewRec, table: diary_views[u32], add: add_diary_view,
                refs: [parent: Parent, student: Student],
            },
            PaperReport = "paper_report" entry {
                record: PaperReportRec, table: paper_reports[u32], add: add_paper_report,
                refs: [student: Student],
            },
            JournalExport = "journal_export" entry {
                record: ExportRec, table: exports[u32], add: add_journal_export,
                refs: [class: Class],
            },
            ParentNotice = "parent_notice" entry {
                record: ParentNoticeRec, table: parent_notices[u32], add: add_parent_notice,
                refs: [student: Student, parent: Parent],
            },
            AnnualDecision = "annual_decision" entry {
                record: DecisionRec, table: decisions[u32], add: add_annual_decision,
                refs: [student: Student],
            },
        }
    };
}
