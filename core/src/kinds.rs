//! Every kind of event, declared once.
//!
//! A kind of event is a public type with the checks of its fields when it is read
//! (`event::Mark` and its `FromFields`, in `event/entries.rs`), a record the register keeps
//! of it with the references it makes to what the register must declare (`MarkRec` and
//! its `references!`, stored by `Register::add_mark`, in `register/entries.rs`), and the
//! rules that judge it (`Rule::mark`). The table below ties them together, and each layer
//! builds its part from it: `event` the [`Event`] enum, its `type_name` and `made`; the
//! reader the dispatch on `type`; the register the `Stored` result of storing an event,
//! the `Entry` a rule judges, `Register::add`, `Register::entry`, `Register::entries`,
//! each entry's stamp, input index and missing references; the rules the `Rule` trait,
//! with a method per kind.
//!
//! Each row: the variant (also the name of the event's type and of its `Entry`), the
//! `type` as written in the input, `entry` for what a person enters (it has `at` and `by`)
//! or `context`; the record and the register's table of them (`[u32]`: a list, by
//! position; `[Sym]`: declarations by id); the register's method that stores one and the
//! method of `Rule` that judges one.
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
                record: PeriodRec in periods[Sym],
                add: add_period, judge: period,
            },
            Class = "class" context {
                record: ClassRec in classes[Sym],
                add: add_class, judge: class,
            },
            Staff = "staff" context {
                record: StaffRec in staff[Sym],
                add: add_staff, judge: staff,
            },
            Student = "student" context {
                record: StudentRec in students[Sym],
                add: add_student, judge: student,
            },
            Parent = "parent" context {
                record: ParentRec in parents[Sym],
                add: add_parent, judge: parent,
            },
            StudentLeft = "student_left" entry {
                record: DatedRec in left[u32],
                add: add_student_left, judge: student_left,
            },
            GroupChange = "group_change" entry {
                record: GroupChangeRec in group_changes[u32],
                add: add_group_change, judge: group_change,
            },
            HomeSchooling = "home_schooling" context {
                record: HomeSchoolingRec in home_schooling[u32],
                add: add_home_schooling, judge: home_schooling,
            },
            Sanatorium = "sanatorium" context {
                record: SanatoriumRec in sanatoriums[u32],
                add: add_sanatorium, judge: sanatorium,
            },
            ParentOptOut = "parent_opt_out" context {
                record: OptOutRec in opt_outs[u32],
                add: add_parent_opt_out, judge: parent_opt_out,
            },
            ThematicPlan = "thematic_plan" entry {
                record: PlanRec in plans[u32],
                add: add_thematic_plan, judge: thematic_plan,
            },
            Extract = "extract" context {
                record: ExtractRec in extracts[u32],
                add: add_extract, judge: extract,
            },
            // Entries (SPEC §1.2).
            Lesson = "lesson" entry {
                record: LessonVersion in lesson_versions[u32],
                add: add_lesson, judge: lesson,
            },
            Attendance = "attendance" entry {
                record: AttendanceRec in attendance[u32],
                add: add_attendance, judge: attendance,
            },
            Mark = "mark" entry {
                record: MarkRec in marks[u32],
                add: add_mark, judge: mark,
            },
            Homework = "homework" entry {
                record: HomeworkRec in homework[u32],
                add: add_homework, judge: homework,
            },
            FinalMark = "final_mark" entry {
                record: FinalMarkRec in final_marks[u32],
                add: add_final_mark, judge: final_mark,
            },
            Incident = "incident" entry {
                record: IncidentRec in incidents[u32],
                add: add_incident, judge: incident,
            },
            DiaryView = "diary_view" entry {
                record: DiaryViewRec in diary_views[u32],
                add: add_diary_view, judge: diary_view,
            },
            PaperReport = "paper_report" entry {
                record: DatedRec in paper_reports[u32],
                add: add_paper_report, judge: paper_report,
            },
            JournalExport = "journal_export" entry {
                record: ExportRec in exports[u32],
                add: add_journal_export, judge: journal_export,
            },
            ParentNotice = "parent_notice" entry {
                record: ParentNoticeRec in parent_notices[u32],
                add: add_parent_notice, judge: parent_notice,
            },
            AnnualDecision = "annual_decision" entry {
                record: DecisionRec in decisions[u32],
                add: add_annual_decision, judge: annual_decision,
            },
        }
    };
}
