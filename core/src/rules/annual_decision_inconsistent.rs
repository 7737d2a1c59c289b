use super::*;

use crate::event::{Decision, FinalValue, PeriodKind};

declare_rule! {
    /// A summary-sheet decision that does not fit the student's grade or year marks.
    ///
    /// ## Clause
    /// 4.8: классный руководитель «напротив каждого учащегося делает следующие записи»: «для учащихся 1-8, 10 классов:
    /// переведен в класс; условно переведен в класс; для выбывших в течение года: выбыл …;
    /// для выпускников 9 классов [и 11-х классов]: допущен/ не допущен к государственной
    /// итоговой аттестации; выдан аттестат …; выдан аттестат … с отличием; выдана справка об
    /// обучении».
    ///
    /// ## What it checks
    /// Every `annual_decision`, against the grade of the student's class and the student's
    /// year marks: the final marks for `year` periods entered by the time the decision was
    /// made (the latest per subject and period). A decision without `at` is compared with
    /// the year marks the register holds at the audit, and judged only then.
    ///
    /// - `promoted` or `admitted_to_gia` with a year mark of 1, 2 or `na` (not attested):
    ///   such a student can only be promoted conditionally, or not admitted;
    /// - `certificate_with_honors` with a year mark under 5 or `na`, or with no year marks
    ///   at all;
    /// - `admitted_to_gia`, `not_admitted_to_gia`, `certificate` and
    ///   `certificate_with_honors` outside grades 9 and 11 (they are for graduates);
    /// - `promoted` or `conditionally_promoted` in grades 9 and 11 (graduates are admitted
    ///   to the state exams, not promoted).
    ///
    /// One finding per decision, its message listing every misfit. `left` and
    /// `study_certificate` fit any grade and marks. Told on entry.
    ///
    /// On a part of a register a decision is judged only when the part holds the student,
    /// with final marks, on the last day of every school year (`year` period) declared:
    /// the days the year marks belong to. Otherwise it is counted in `summary.not_judged`.
    ///
    /// ## Example
    /// ```json
    /// {"type":"final_mark","student":"s1","subject":"Математика","period":"y2024","value":2,"at":"2025-05-30T12:00:00+04:00","by":"t1"}
    /// {"type":"annual_decision","student":"s1","decision":"promoted","at":"2025-06-01T12:00:00+04:00","by":"t1"}
    /// ```
    /// Promoted with a year «2» in mathematics: `annual_decision_inconsistent`.
    pub struct AnnualDecisionInconsistent {
        id: "annual_decision_inconsistent", clause: "4.8", severity: Error, when: Entry,
        title: "Решение не соответствует отметкам" / "Decision inconsistent with the marks",
        fix: "проверить решение по сводной ведомости"
            / "check the decision against the summary sheet",
        checks: "Каждое решение в сводной ведомости (`annual_decision`) сверяется с параллелью класса \
            и годовыми отметками ученика, внесёнными к моменту решения: «переведён» или «допущен \
            к ГИА» при годовой отметке 1, 2 или «н/а»; «аттестат с отличием» при годовой отметке \
            ниже 5, «н/а» или без годовых отметок; решения о ГИА и аттестатах вне 9-х и 11-х \
            классов; перевод в 9-х и 11-х классах. Одно замечание на решение, со всеми \
            несоответствиями. «Выбыл» и «справка об обучении» подходят к любому классу. \
            Сообщается при внесении записи.",
        needs: [FinalMarks], reach: Year, scope: Students,
    }
}

impl Rule for AnnualDecisionInconsistent {
    fn annual_decision(&self, cx: &Cx<'_>, decision: &DecisionRec, out: &mut Vec<Finding>) {
        let Some(grade) = cx.reg.student_grade(decision.student) else {
            return;
        };
        // The year marks belong to their years' last days.
        let student = decision.student;
        let mut ends: Vec<NaiveDate> = cx
            .reg
            .periods()
            .filter(|p| p.kind == PeriodKind::Year)
            .map(|year| year.end)
            .collect();
        ends.sort_unstable();
        let mut items: Vec<Item> = ends
            .iter()
            .map(|end| Item::student(student, *end))
            .collect();
        if items.is_empty() {
            items.push(Item::undated(Who::Student(student)));
        }
        if !cx.judges_all(&Self::META, items) {
            return;
        }
        let Some(made) = cx.as_made(&decision.stamp) else {
            return;
        };
        let marks = year_marks(&made, decision.student);
        let list = |keep: &dyn Fn(FinalValue) -> bool| -> Option<String> {
            let bad: Vec<String> = marks
                .iter()
                .filter(|m| keep(m.value))
                .map(|m| format!("«{}» ({})", final_value(m.value), cx.name(m.subject)))
                .collect();
            (!bad.is_empty()).then(|| bad.join(", "))
        };
        let failing = |v: FinalValue| match v {
            FinalValue::Mark(m) => m.get() <= 2,
            FinalValue::NotAttested => true,
        };
        let under_five = |v: FinalValue| match v {
            FinalValue::Mark(m) => m.get() < 5,
            FinalValue::NotAttested => true,
        };
        let graduating = grade == 9 || grade == 11;
        let mut misfits: Vec<(String, String)> = Vec::new();
        use Decision::*;
        let d = decision.decision;
        if let Some(bad) = list(&failing) {
            if d == Promoted {
                misfits.push((
                    format!("есть неудовлетворительные годовые отметки или н/а: {bad} — возможен только условный перевод"),
                    format!("there are failing or not attested year marks: {bad}; such a student may only be promoted conditionally"),
                ));
            } else if d == AdmittedToGia {
                misfits.push((
                    format!("есть неудовлетворительные годовые отметки или н/а: {bad} — к ГИА не допускают"),
                    format!("there are failing or not attested year marks: {bad}; such a student is not admitted to the state exams"),
                ));
            }
        }
        if d == CertificateWithHonors {
            if marks.is_empty() {
                misfits.push((
                    "нет ни одной годовой отметки".to_owned(),
                    "there are no year marks".to_owned(),
                ));
            } else if let Some(bad) = list(&under_five) {
                misfits.push((
                    format!("для аттестата с отличием все годовые отметки — «5», а есть {bad}"),
                    format!("a certificate with honours needs every year mark to be 5, but there are {bad}"),
                ));
            }
        }
        if matches!(
            d,
            AdmittedToGia | NotAdmittedToGia | Certificate | CertificateWithHonors
        ) && !graduating
        {
            misfits.push((
                format!("ГИА и аттестаты — только для 9-х и 11-х классов, а это {grade}-й класс"),
                format!("state exams and certificates are for grades 9 and 11 only, this is grade {grade}"),
            ));
        }
        if matches!(d, Promoted | ConditionallyPromoted) && graduating {
            misfits.push((
                format!("в {grade}-м классе не переводят, а допускают к ГИА и выдают аттестат"),
                format!("grade {grade} is not promoted: it is admitted to the state exams and certified"),
            ));
        }
        if misfits.is_empty() {
            return;
        }
        let (ru, en): (Vec<String>, Vec<String>) = misfits.into_iter().unzip();
        let name = cx.student_name(decision.student);
        let person = cx.student_named(decision.student);
        let mut draft = cx
            .draft(&Self::META, decision.stamp.event)
            .student(decision.student)
            .made_by(decision.stamp.by);
        if let Some(at) = decision.stamp.at {
            draft = draft.date(time::date_of(at));
        }
        out.push(draft.say(
            format!(
                "решение «{}» для {} {} не соответствует: {}",
                decision_ru(d, &person),
                person.agree("ученика", "ученицы", "ученика"),
                person.case(Case::Genitive),
                ru.join("; ")
            ),
            format!(
                "the decision «{}» for {name} does not fit: {}",
                decision_en(d),
                en.join("; ")
            ),
        ));
    }
}

/// The student's year marks in force at the horizon: the latest per subject and `year`
/// period, ordered by subject and period.
fn year_marks<'a>(cx: &Cx<'a>, student: Sym) -> Vec<&'a FinalMarkRec> {
    let is_year = |m: &&FinalMarkRec| {
        cx.reg
            .period(m.period)
            .is_some_and(|p| p.kind == PeriodKind::Year)
    };
    let mut marks = cx.reg.final_marks_in_force(student, cx.horizon);
    marks.retain(is_year);
    marks
}

/// A decision as the summary sheet writes it, agreeing with the student's gender.
fn decision_ru(decision: Decision, student: &Person<'_>) -> &'static str {
    let agree = |male, female, unknown| student.agree(male, female, unknown);
    match decision {
        Decision::Promoted => agree(
            "переведён в следующий класс",
            "переведена в следующий класс",
            "переведён(а) в следующий класс",
        ),
        Decision::ConditionallyPromoted => agree(
            "условно переведён",
            "условно переведена",
            "условно переведён(а)",
        ),
        Decision::Left => agree("выбыл", "выбыла", "выбыл(а)"),
        Decision::AdmittedToGia => agree("допущен к ГИА", "допущена к ГИА", "допущен(а) к ГИА"),
        Decision::NotAdmittedToGia => agree(
            "не допущен к ГИА",
            "не допущена к ГИА",
            "не допущен(а) к ГИА",
        ),
        Decision::Certificate => "выдан аттестат",
        Decision::CertificateWithHonors => "выдан аттестат с отличием",
        Decision::StudyCertificate => "выдана справка об обучении",
    }
}

/// A decision in English words.
fn decision_en(decision: Decision) -> &'static str {
    match decision {
        Decision::Promoted => "promoted",
        Decision::ConditionallyPromoted => "promoted conditionally",
        Decision::Left => "left",
        Decision::AdmittedToGia => "admitted to the state exams",
        Decision::NotAdmittedToGia => "not admitted to the state exams",
        Decision::Certificate => "certificate",
        Decision::CertificateWithHonors => "certificate with honours",
        Decision::StudyCertificate => "study certificate",
    }
}
