//! `ekzh report`: the справка of the demo register as one self-contained HTML file, its
//! figures those of the JSON report, every text of the register escaped, and `--since` an
//! earlier check listing what changed. (tests in bindings-wasm/test/spravka.test.mjs render
//! it in Chromium and print it to PDF.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const AS_OF: &str = "2024-10-31T18:00:00+04:00";
const WEEK_EARLIER: &str = "2024-10-24T18:00:00+04:00";

fn ekzh(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "ekzh {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn demo() -> String {
    format!("{}/examples/demo.ndjson", env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn json(args: &[&str], stdin: Option<&[u8]>) -> serde_json::Value {
    serde_json::from_slice(&ekzh(args, stdin).stdout).unwrap()
}

#[test]
fn the_demo_s_spravka_is_one_file_with_nothing_to_fetch() {
    let path = temp("demo-spravka.html");
    let out = ekzh(
        &[
            "report",
            &demo(),
            "--as-of",
            AS_OF,
            "-o",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(out.stdout.is_empty());
    // Not a terminal: no progress bar, nothing on standard error.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"ru\">"));
    assert!(html.contains("Справка"));
    for reference in [
        "<link", "<script", "<img", "<iframe", " src=", " href=", "url(", "@import",
    ] {
        assert!(!html.contains(reference), "the справка holds `{reference}`");
    }
    // The only address is the SVG namespace, which nothing fetches.
    let addresses = html.matches("http").count();
    assert_eq!(
        addresses,
        html.matches("http://www.w3.org/2000/svg").count()
    );

    let report = json(
        &["check", &demo(), "--as-of", AS_OF, "--format", "json"],
        None,
    );
    let fill = &report["summary"]["fill"];
    let teachers = fill["teachers"].as_object().unwrap();
    assert!(teachers.len() > 10);
    for (id, row) in teachers {
        assert!(
            html.contains(&format!(
                "<section class=\"teacher\" data-teacher=\"{id}\">"
            )),
            "no section for `{id}`"
        );
        if row["lessons"].as_u64().unwrap() > 0 {
            assert!(html.contains(&format!("<tr data-teacher=\"{id}\">")));
        }
    }
    // Names, not ids: classes and teachers as the register names them.
    assert!(html.contains("Классы: 1А, 5А, 9А"));
    assert!(html.contains("Смирнова Ольга Николаевна"));
    assert!(!html.contains(">smirnova<"));
    // The total row's figures are the summary's.
    let total = &fill["total"];
    let lessons = total["lessons"].as_u64().unwrap();
    assert!(html.contains(&format!(
        "<td class=\"num\" data-figure=\"lessons\" data-n=\"{lessons}\">"
    )));
    let topic = &total["with_topic"];
    assert!(html.contains(&format!(
        "data-figure=\"with_topic\" data-n=\"{}\" data-of=\"{}\"",
        topic["n"], topic["of"]
    )));
}

#[test]
fn every_text_of_the_register_is_escaped() {
    let register = [
        r#"{"type":"class","id":"1a","grade":1,"name":"1<b>А</b>"}"#,
        r#"{"type":"staff","id":"t1","name":"<script>alert(1)</script> & Co","roles":["teacher"]}"#,
        r#"{"type":"student","id":"s1","class":"1a","name":"\"Петров\" <i>"}"#,
        r#"{"type":"lesson","id":"l1","class":"1a","subject":"Матем<at>ика","teacher":"t1","date":"2024-09-02","start":"08:30","end":"09:10","topic":"<img src=x>","at":"2024-09-02T09:15:00+04:00","by":"t1"}"#,
        r#"{"type":"mark","lesson":"l1","student":"s1","value":5,"at":"2024-09-02T09:20:00+04:00","by":"t1"}"#,
    ]
    .join("\n");
    let out = ekzh(
        &[
            "report",
            "-",
            "--as-of",
            "2024-09-03",
            "--school",
            "Школа <№1>",
        ],
        Some(register.as_bytes()),
    );
    let html = String::from_utf8(out.stdout).unwrap();
    for raw in ["<b>", "<script>", "<i>", "<at>", "<img", "<№1>"] {
        assert!(!html.contains(raw), "`{raw}` unescaped");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("1&lt;b&gt;А&lt;/b&gt;"));
    assert!(html.contains("Школа &lt;№1&gt;"));
}

#[test]
fn since_a_week_earlier_lists_what_changed() {
    let earlier = temp("demo-week-earlier.json");
    let text = ekzh(
        &[
            "check",
            &demo(),
            "--as-of",
            WEEK_EARLIER,
            "--format",
            "json",
        ],
        None,
    )
    .stdout;
    std::fs::write(&earlier, &text).unwrap();
    // During the week the missing topic of 23 October was entered (late).
    let mut register = std::fs::read_to_string(demo()).unwrap();
    register.push_str(
        r#"{"type":"lesson","id":"5a-1023-1030","class":"5a","subject":"Литература","teacher":"smirnova","date":"2024-10-23","start":"10:30","end":"11:15","topic":"Н. В. Гоголь. Заколдованное место","at":"2024-10-29T15:00:00+04:00","by":"smirnova"}"#,
    );
    register.push('\n');
    let out = ekzh(
        &[
            "report",
            "-",
            "--as-of",
            AS_OF,
            "--since",
            earlier.to_str().unwrap(),
        ],
        Some(register.as_bytes()),
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("По сравнению с проверкой на 24.10.2024 18:00"));
    // Corrected: the topic; still open: the grade-1 mark; new: the topic entered late, and
    // the final marks published after the quarter.
    assert!(html.contains("<li data-rule=\"lesson_topic_missing\">"));
    assert!(html.contains("data-rule=\"grade1_mark\" data-status=\"open\""));
    assert!(html.contains("data-rule=\"lesson_entered_late\" data-status=\"new\""));
    assert!(html.contains("data-rule=\"final_mark_published_late\" data-status=\"new\""));
    let before = serde_json::from_slice::<serde_json::Value>(&text).unwrap();
    let now = json(
        &["check", "-", "--as-of", AS_OF, "--format", "json"],
        Some(register.as_bytes()),
    );
    let count = |r: &serde_json::Value| r["findings"].as_array().unwrap().len();
    let attr = |name: &str| -> usize {
        let start = html.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        html[start..].split('"').next().unwrap().parse().unwrap()
    };
    let (corrected, open, new) = (attr("data-corrected"), attr("data-open"), attr("data-new"));
    assert_eq!(corrected, 1);
    assert_eq!(open + corrected, count(&before));
    assert_eq!(open + new, count(&now));
    assert!(new >= 3);
    // An unreadable earlier report is an error, before the register is read.
    let bad = temp("not-a-report.json");
    std::fs::write(&bad, "[1, 2]").unwrap();
    let failed = Command::new(env!("CARGO_BIN_EXE_ekzh"))
        .args(["report", &demo(), "--since", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("not a JSON report of ekzh"), "{stderr}");
}

#[test]
fn in_english_on_request() {
    let out = ekzh(&["report", "--lang", "en"], None);
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(html.contains("Report on the check of the electronic class register"));
    assert!(html.contains("Findings by teacher"));
    assert!(html.contains("2024-10-31"));
    assert!(!html.contains("Справка"));
}

#[test]
fn a_policy_other_than_the_regulation_s_is_named() {
    let policy = temp("policy-90.json");
    std::fs::write(&policy, r#"{"homework_deadline_after_last_lesson": 90}"#).unwrap();
    let out = ekzh(
        &[
            "report",
            &demo(),
            "--as-of",
            AS_OF,
            "--policy",
            policy.to_str().unwrap(),
        ],
        None,
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("Нормы, изменённые относительно Положения"));
    assert!(html.contains("<code>homework_deadline_after_last_lesson</code> = <code>90</code>"));
    let plain =
        String::from_utf8(ekzh(&["report", &demo(), "--as-of", AS_OF], None).stdout).unwrap();
    assert!(plain.contains("Нормы — по Положению, без изменений."));
}

/// On a terminal (a pseudo-terminal made by `script`, util-linux), reading and checking
/// draw progress on standard error, and clear it when done.
#[test]
fn on_a_terminal_progress_is_drawn() {
    let command = format!(
        "{} check {} --as-of {AS_OF} --format json > /dev/null",
        env!("CARGO_BIN_EXE_ekzh"),
        demo()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("`script` (util-linux) runs a command on a pseudo-terminal");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("reading"), "{screen}");
    assert!(screen.contains("checking"), "{screen}");
    // Cleared: the last thing written erases the line.
    assert!(screen.trim_end().ends_with("\u{1b}[2K"), "{screen:?}");
}
