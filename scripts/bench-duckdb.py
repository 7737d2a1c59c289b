#!/usr/bin/env python3
"""Four of ekzh's rules in DuckDB SQL, straight over an NDJSON register: what an analyst
would write instead of `ekzh check`, timed by `scripts/bench` beside it on the same file
and the same cores.

    scripts/bench-duckdb.py REGISTER.ndjson [--threads 2] [--temp DIR] [--runs 3]

Prints one line of JSON: the wall-clock seconds of each run (reading the file and the four
queries, the connection opened anew each run), and what each query found.

The four rules, as plain SQL (the rules' own doc comments in core/src/rules/ say exactly
what ekzh checks; these are the parts an analyst would write first):

- `grade1_mark`: marks and final marks of students of a grade-1 class;
- `homework_entered_late`: a lesson's first homework entered more than 60 minutes after
  the end of the class's last lesson that day (lessons as their latest version says),
  outside grade 1;
- `work_graded_late`: a mark for a control work or control dictation in grades 2-9
  entered after the start of the next lesson of the same subject, class and group;
- `final_mark_unjustified`: a numeric final mark for a quarter, trimester or half-year
  further than 0.5 from the mean of the student's marks in the subject on the period's
  lessons entered by the final mark's time (every work weighing 1, the Regulation's
  default).

What they leave out, ekzh does: cells marked absent, individual homework judged apart,
year marks, home schooling, subject names compared loosely, deadlines in days, parts of a
register. Times are compared as the school's local time written in the file.
"""

import argparse
import json
import os
import sys
import time

import duckdb

COLUMNS = {
    "type": "VARCHAR",
    "id": "VARCHAR",
    "class": "VARCHAR",
    "grade": "INTEGER",
    "student": "VARCHAR",
    "lesson": "VARCHAR",
    "subject": "VARCHAR",
    "period": "VARCHAR",
    "kind": "VARCHAR",
    "group": "VARCHAR",
    "date": "VARCHAR",
    "start": "VARCHAR",
    "end": "VARCHAR",
    "work": "JSON",
    "value": "JSON",
    "at": "VARCHAR",
}

LOAD = """
CREATE TEMP TABLE ev AS
SELECT * FROM read_json(?, format = 'newline_delimited', columns = {columns},
                        maximum_object_size = 16777216)
"""

VIEWS = """
CREATE TEMP VIEW grades AS
  SELECT s.id AS student, c.grade
  FROM (SELECT DISTINCT id, class FROM ev WHERE type = 'student') s
  JOIN (SELECT DISTINCT id, grade FROM ev WHERE type = 'class') c ON s.class = c.id;
CREATE TEMP VIEW lessons AS
  SELECT id, class, "group", subject, work,
         CAST(date AS DATE) AS day,
         CAST(date || ' ' || start AS TIMESTAMP) AS starts,
         CAST(date || ' ' || "end" AS TIMESTAMP) AS ends
  FROM ev WHERE type = 'lesson'
  QUALIFY row_number() OVER (PARTITION BY id ORDER BY "at" DESC NULLS FIRST) = 1;
CREATE TEMP VIEW class_grades AS
  SELECT DISTINCT id AS class, grade FROM ev WHERE type = 'class';
CREATE TEMP VIEW marks AS
  SELECT lesson, student, TRY_CAST(value ->> '$' AS DOUBLE) AS value,
         work ->> '$' AS work, CAST(substr("at", 1, 19) AS TIMESTAMP) AS "at"
  FROM ev WHERE type = 'mark';
"""

QUERIES = {
    "grade1_mark": """
SELECT count(*) FROM ev JOIN grades g ON ev.student = g.student
WHERE ev.type IN ('mark', 'final_mark') AND g.grade = 1
""",
    "homework_entered_late": """
WITH first_homework AS (
  SELECT lesson, min(CAST(substr("at", 1, 19) AS TIMESTAMP)) AS "at"
  FROM ev WHERE type = 'homework' AND "at" IS NOT NULL GROUP BY lesson
), day_end AS (
  SELECT class, day, max(ends) AS ends FROM lessons GROUP BY class, day
)
SELECT count(*) FROM first_homework h
JOIN lessons l ON h.lesson = l.id
JOIN class_grades c ON l.class = c.class
JOIN day_end d ON d.class = l.class AND d.day = l.day
WHERE c.grade <> 1 AND h."at" > d.ends + INTERVAL 60 MINUTE
""",
    "work_graded_late": """
WITH stream AS (
  SELECT id, class, work,
         lead(starts) OVER (PARTITION BY class, "group", subject ORDER BY starts, id) AS next_start
  FROM lessons
)
SELECT count(*) FROM marks m
JOIN stream l ON m.lesson = l.id
JOIN class_grades c ON l.class = c.class
WHERE m."at" IS NOT NULL AND c.grade BETWEEN 2 AND 9
  AND coalesce(m.work, CASE WHEN json_type(l.work) = 'ARRAY'
                            THEN CASE WHEN json_array_length(l.work) = 1 THEN l.work ->> '$[0]' END
                            ELSE l.work ->> '$' END)
      IN ('control_work', 'control_dictation')
  AND l.next_start IS NOT NULL AND m."at" > l.next_start
""",
    "final_mark_unjustified": """
WITH finals AS (
  SELECT student, subject, period, TRY_CAST(value ->> '$' AS DOUBLE) AS value,
         CAST(substr("at", 1, 19) AS TIMESTAMP) AS "at"
  FROM ev WHERE type = 'final_mark'
), periods AS (
  SELECT DISTINCT id, CAST(start AS DATE) AS starts, CAST("end" AS DATE) AS ends
  FROM ev WHERE type = 'period' AND kind <> 'year'
), means AS (
  SELECT f.student, f.subject, f.period, f.value, avg(m.value) AS mean
  FROM finals f
  JOIN periods p ON f.period = p.id
  JOIN marks m ON m.student = f.student AND (f."at" IS NULL OR m."at" <= f."at")
  JOIN lessons l ON m.lesson = l.id AND l.subject = f.subject
                AND l.day BETWEEN p.starts AND p.ends
  WHERE f.value IS NOT NULL AND m.value IS NOT NULL
  GROUP BY ALL
)
SELECT count(*) FROM means WHERE abs(value - mean) > 0.5 + 1e-9
""",
}


def once(path, threads, temp):
    started = time.perf_counter()
    con = duckdb.connect(":memory:")
    con.execute(f"PRAGMA threads={threads}")
    con.execute(f"PRAGMA temp_directory='{temp}'")
    columns = "{" + ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items()) + "}"
    con.execute(LOAD.format(columns=columns), [path])
    con.execute(VIEWS)
    found = {name: con.execute(sql).fetchone()[0] for name, sql in QUERIES.items()}
    con.close()
    return time.perf_counter() - started, found


def main():
    p = argparse.ArgumentParser()
    p.add_argument("register")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--temp", default=os.environ.get("TMPDIR", "/tmp"))
    p.add_argument("--runs", type=int, default=3)
    a = p.parse_args()
    os.makedirs(a.temp, exist_ok=True)
    times, found = [], None
    for _ in range(a.runs):
        t, found = once(a.register, a.threads, a.temp)
        times.append(round(t, 3))
    json.dump({"seconds": times, "found": found, "duckdb": duckdb.__version__}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
