"""A large, deterministic register for the tests of checks in threads, written in Python so
that the tests need no CLI (`ekzh gen` writes the registers of the benchmarks).

    python gen_register.py --events 120000 --out register.ndjson

Twenty-two classes (grades 1–11), 25 students each, a school year of lessons day by day
with topics, absences, marks and homework, and a share of the usual mistakes (late topics,
marks in grade 1, empty homework) so that the report is not empty. The same arguments give
the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Dict, Iterator, List

AS_OF = "2025-06-30T18:00:00+04:00"

SUBJECTS = [
    "Математика",
    "Русский язык",
    "Литература",
    "История",
    "Физика",
    "Химия",
    "Физическая культура",
]
START = [(8, 30), (9, 25), (10, 30), (11, 35), (12, 40), (13, 45)]
QUARTERS = [
    ("q1", "2024-09-02", "2024-10-25"),
    ("q2", "2024-11-05", "2024-12-28"),
    ("q3", "2025-01-09", "2025-03-21"),
    ("q4", "2025-03-31", "2025-05-26"),
]


def at(day: date, hour: int, minute: int) -> str:
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00+04:00"


def events(count: int, seed: int = 1) -> Iterator[Dict[str, Any]]:
    rng = random.Random(seed)
    out = 0

    def emit(event: Dict[str, Any]) -> Dict[str, Any]:
        nonlocal out
        out += 1
        return event

    yield emit({"type": "period", "id": "y2024", "kind": "year", "start": "2024-09-01", "end": "2025-05-31"})
    for pid, start, end in QUARTERS:
        yield emit({"type": "period", "id": pid, "kind": "quarter", "start": start, "end": end})
    classes: List[Dict[str, Any]] = []
    for grade in range(1, 12):
        for letter, name in (("a", "А"), ("b", "Б")):
            classes.append({"type": "class", "id": f"{grade}{letter}", "grade": grade, "name": f"{grade}{name}"})
    yield emit({"type": "staff", "id": "admin", "name": "Администратор", "roles": ["admin"]})
    teachers = [f"t{i}" for i in range(1, 41)]
    for i, teacher in enumerate(teachers):
        led = [classes[i]["id"]] if i < len(classes) else []
        yield emit({"type": "staff", "id": teacher, "name": f"Учитель {i + 1}", "roles": ["teacher"], "classes": led})
    students: Dict[str, List[str]] = {}
    for cls in classes:
        yield emit(cls)
        ids = [f"{cls['id']}-s{n:02d}" for n in range(1, 26)]
        students[cls["id"]] = ids
        for sid in ids:
            yield emit({"type": "student", "id": sid, "class": cls["id"], "name": f"Ученик {sid}"})

    # Who teaches what where: fixed for the year.
    teacher_of = {
        (cls["id"], subject): teachers[(ci * 3 + si) % len(teachers)]
        for ci, cls in enumerate(classes)
        for si, subject in enumerate(SUBJECTS)
    }
    day = date(2024, 9, 2)
    lesson_no = 0
    while out < count:
        if day.weekday() < 5:
            for cls in classes:
                for slot in range(5):
                    if out >= count:
                        return
                    subject = SUBJECTS[(slot + day.toordinal()) % len(SUBJECTS)]
                    teacher = teacher_of[(cls["id"], subject)]
                    lesson_no += 1
                    lid = f"l{lesson_no}"
                    hour, minute = START[slot]
                    end_h, end_m = (hour, minute + 45) if minute + 45 < 60 else (hour + 1, minute - 15)
                    late = rng.random() < 0.03
                    entered = at(day + timedelta(days=1), 9, 0) if late else at(day, end_h, end_m)
                    lesson: Dict[str, Any] = {
                        "type": "lesson", "id": lid, "class": cls["id"], "subject": subject,
                        "teacher": teacher, "date": day.isoformat(),
                        "start": f"{hour:02d}:{minute:02d}", "end": f"{end_h:02d}:{end_m:02d}",
                        "at": entered, "by": teacher,
                    }
                    if rng.random() > 0.02:
                        lesson["topic"] = f"{subject}: тема {lesson_no % 97 + 1}"
                    yield emit(lesson)
                    pupils = students[cls["id"]]
                    absent = rng.sample(pupils, 2)
                    for sid in absent:
                        yield emit({"type": "attendance", "lesson": lid, "student": sid, "code": "Н", "at": at(day, end_h, end_m), "by": teacher})
                    if cls["grade"] > 1 or rng.random() < 0.05:
                        for sid in rng.sample([p for p in pupils if p not in absent], 3):
                            yield emit({"type": "mark", "lesson": lid, "student": sid, "value": rng.choice([2, 3, 4, 4, 5, 5]), "at": at(day, end_h, end_m), "by": teacher})
                    if cls["grade"] > 1 and rng.random() < 0.5:
                        text = "" if rng.random() < 0.02 else f"§{lesson_no % 40 + 1}, упр. {lesson_no % 300 + 1}"
                        yield emit({"type": "homework", "lesson": lid, "text": text, "at": at(day, 15, 0), "by": teacher})
        day += timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=120_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        for event in events(args.events, args.seed):
            f.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
            f.write("\n")


if __name__ == "__main__":
    main()
