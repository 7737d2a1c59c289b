#!/usr/bin/env python3
"""Writes examples/demo.ndjson: the register `ekzh check` checks when given no file.

A small school in Samara time (+04:00), the first quarter of 2024/25 (2 September –
25 October) for 1А, 5А and 9А: staff, students and parents, the timetable's lessons with
topics and briefings, absences and their reasons, marks, homework, written works, a
sanatorium stay, an incident, thematic plans, diary views, paper reports for a parent who
opted out, and the quarter's final marks. Everything follows the Regulation except the
handful of typical mistakes listed in MISTAKES, which `ekzh check` (as of 31 October 2024)
reports. Deterministic: the same script writes the same file.

    python3 examples/make_demo.py > examples/demo.ndjson
"""

import datetime as dt
import json
import random
import sys

rng = random.Random(20240902)
# Draws for what was added later (marks often enough), so that the rest stays as it was.
extra = random.Random(20241031)
TZ = "+04:00"

# What the demo shows ekzh finding, one typical mistake each.
MISTAKES = """
grade1_mark                 a «5» for a first-grader (1А, Математика, 10 Sept)
lesson_entered_late         5А История of 16 Sept recorded three days later
lesson_topic_missing        5А Литература of 23 Oct with no topic
homework_entered_late       9А Алгебра homework of 2 Oct entered at 21:40
homework_empty              5А Русский язык homework «—» on 8 Oct
briefing_introductory_missing 9А Химия's first lesson without «Вводный инструктаж»
briefing_before_work_missing  9А Физика lab work of 19 Sept without a briefing
work_graded_late            two 5А Русский язык dictations of 20 Sept graded after the next lesson
failing_mark_after_absence  9А Алгебра: a «2» on the first lesson after a week's illness
absence_reason_unset        an absence of 15 Oct (first lesson) still «Н» on 31 Oct
entry_not_permitted         a 5А История mark entered by the class teacher
student_not_in_lesson       a mark for a group-1 student on a group-2 Информатика lesson
final_mark_too_early        a 5А Математика quarter mark entered on 23 Oct
final_mark_published_late   two 9А Физическая культура quarter marks entered on 28 Oct
final_mark_unjustified      a «5» in 9А Литература over a mean of 4.00
paper_report_overdue        no paper report since 27 Sept for a parent who opted out
parent_diary_not_viewed     one parent skipped the electronic diary for a week
marks_sparse                a 5А student not marked in Русский язык for three weeks
control_work_missing        9А География: no control work or test all quarter
homework_uninformative      9А Геометрия homework «Задание прежнее» on 10 Oct
access_not_permitted        a 5А parent looking at a classmate's diary
parent_not_notified         a 9А student's three unexcused absences of 10 Oct, parents not told
"""

YEAR_START, YEAR_END = dt.date(2024, 9, 1), dt.date(2025, 5, 31)
Q1_START, Q1_END = dt.date(2024, 9, 2), dt.date(2024, 10, 25)
AS_OF = dt.datetime(2024, 10, 31, 18, 0)

events = []


def emit(event):
    events.append(event)


def at(when):
    return when.strftime("%Y-%m-%dT%H:%M:00") + TZ


def minutes(hhmm):
    h, m = map(int, hhmm.split(":"))
    return h * 60 + m


def clock(day, mins):
    return dt.datetime.combine(day, dt.time(mins // 60, mins % 60))


# ---------------------------------------------------------------- context

emit({"type": "period", "id": "2024-25", "kind": "year", "start": "2024-09-01", "end": "2025-05-31"})
for n, (a, b) in enumerate([("2024-09-02", "2024-10-25"), ("2024-11-05", "2024-12-28"),
                            ("2025-01-09", "2025-03-21"), ("2025-04-01", "2025-05-26")], 1):
    emit({"type": "period", "id": f"q{n}", "kind": "quarter", "start": a, "end": b})

CLASSES = {"1a": (1, "1А"), "5a": (5, "5А"), "9a": (9, "9А")}
for cid, (grade, name) in CLASSES.items():
    emit({"type": "class", "id": cid, "grade": grade, "name": name})

STAFF = {
    "director": ("Кузнецова Елена Петровна", ["director"], []),
    "deputy": ("Морозов Андрей Викторович", ["deputy"], []),
    "belova": ("Белова Галина Фёдоровна", ["teacher"], ["1a"]),
    "ivanova": ("Иванова Ирина Ивановна", ["teacher"], ["5a"]),
    "smirnova": ("Смирнова Ольга Николаевна", ["teacher"], ["9a"]),
    "sokolov": ("Соколов Дмитрий Алексеевич", ["teacher"], []),
    "lebedev": ("Лебедев Игорь Павлович", ["teacher"], []),
    "popova": ("Попова Наталья Викторовна", ["teacher"], []),
    "kozlov": ("Козлов Сергей Иванович", ["teacher"], []),
    "novikova": ("Новикова Татьяна Андреевна", ["teacher"], []),
    "fedorova": ("Фёдорова Анна Михайловна", ["teacher"], []),
    "mikhailov": ("Михайлов Павел Олегович", ["teacher"], []),
    "egorov": ("Егоров Виктор Степанович", ["teacher"], []),
    "pavlova": ("Павлова Людмила Ивановна", ["teacher"], []),
    "orlova": ("Орлова Светлана Юрьевна", ["teacher"], []),
    "nikitin": ("Никитин Олег Валерьевич", ["teacher"], []),
    "volkova": ("Волкова Марина Сергеевна", ["teacher", "admin"], []),
    "zaitsev": ("Зайцев Артём Игоревич", ["teacher"], []),
}
for sid, (name, roles, classes) in STAFF.items():
    event = {"type": "staff", "id": sid, "name": name, "roles": roles}
    if classes:
        event["classes"] = classes
    emit(event)

SURNAMES = ["Петров", "Сидорова", "Волков", "Зайцева", "Николаев", "Орлова", "Гусев", "Киселёва",
            "Макаров", "Андреева", "Ковалёв", "Ильина", "Гаврилов", "Тихонова", "Баранов", "Фролова",
            "Медведев", "Жукова", "Виноградов", "Богданова", "Воробьёв", "Соловьёва", "Романов",
            "Осипова", "Белов", "Комарова", "Голубев", "Лукина", "Степанов", "Никифорова"]
GIVEN = {"m": ["Артём", "Максим", "Иван", "Михаил", "Даниил", "Кирилл", "Егор", "Никита"],
         "f": ["Анна", "Мария", "София", "Виктория", "Алиса", "Полина", "Дарья", "Ксения"]}
SIZES = {"1a": 8, "5a": 12, "9a": 10}
students = {}  # class -> [student id]
student_names = {}
groups = {}    # student id -> {subject: group}
names = iter(SURNAMES)
for cid, size in SIZES.items():
    students[cid] = []
    for n in range(1, size + 1):
        surname = next(names)
        sex = "f" if surname.endswith("а") else "m"
        sid = f"{cid}-{n:02d}"
        event = {"type": "student", "id": sid, "class": cid,
                 "name": f"{surname} {rng.choice(GIVEN[sex])}"}
        g = {}
        if cid == "5a":
            g["Технология"] = "1" if sex == "m" else "2"
        if cid == "9a":
            g["Информатика"] = "1" if n <= size // 2 else "2"
        if g:
            event["groups"] = g
        groups[sid] = g
        students[cid].append(sid)
        student_names[sid] = event["name"]
        emit(event)

MOTHERS = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия", "Марина"]
PATRONYMICS = ["Александровна", "Сергеевна", "Викторовна", "Андреевна", "Николаевна", "Игоревна"]
parents = {}
for cid in students:
    for sid in students[cid]:
        pid = f"p-{sid}"
        parents[pid] = sid
        surname = student_names[sid].split()[0]
        mother = surname if surname.endswith("а") else surname.replace("ё", "е") + "а"
        name = f"{mother} {rng.choice(MOTHERS)} {rng.choice(PATRONYMICS)}"
        emit({"type": "parent", "id": pid, "name": name, "children": [sid]})
OPTED_OUT = "p-9a-07"
emit({"type": "parent_opt_out", "parent": OPTED_OUT, "date": "2024-09-02"})

# ---------------------------------------------------------------- timetable

BELLS = ["08:30-09:15", "09:25-10:10", "10:30-11:15", "11:35-12:20", "12:30-13:15", "13:25-14:10", "14:20-15:05"]
BELLS_1 = ["08:30-09:05", "09:25-10:00", "10:30-11:05", "11:35-12:10"]

# Subject -> (teacher, or {group: teacher}); the week's timetable per class (Mon..Fri).
TEACHERS = {
    "1a": {"Обучение грамоте": "belova", "Математика": "belova", "Окружающий мир": "belova",
           "Физическая культура": "mikhailov", "Музыка": "orlova", "Технология": "belova"},
    "5a": {"Математика": "ivanova", "Русский язык": "smirnova", "Литература": "smirnova",
           "История": "kozlov", "Биология": "popova", "География": "novikova",
           "Английский язык": "fedorova", "Физическая культура": "mikhailov", "Музыка": "orlova",
           "Технология": {"1": "egorov", "2": "pavlova"}, "ИЗО": "pavlova"},
    "9a": {"Алгебра": "sokolov", "Геометрия": "sokolov", "Русский язык": "smirnova",
           "Литература": "smirnova", "История": "kozlov", "Обществознание": "kozlov",
           "Физика": "lebedev", "Химия": "popova", "Биология": "popova", "География": "novikova",
           "Английский язык": "fedorova", "Физическая культура": "mikhailov", "ОБЗР": "nikitin",
           "Информатика": {"1": "volkova", "2": "zaitsev"}},
}
WEEK = {
    "1a": [["Обучение грамоте", "Математика", "Физическая культура", "Окружающий мир"],
           ["Обучение грамоте", "Математика", "Музыка", "Технология"],
           ["Обучение грамоте", "Математика", "Физическая культура", "Окружающий мир"],
           ["Обучение грамоте", "Математика", "Физическая культура"],
           ["Обучение грамоте", "Окружающий мир", "Технология"]],
    "5a": [["Математика", "Русский язык", "Литература", "История", "Английский язык"],
           ["Математика", "Русский язык", "Физическая культура", "Технология", "ИЗО"],
           ["Математика", "Русский язык", "Литература", "Биология", "Английский язык", "Музыка"],
           ["Математика", "Русский язык", "История", "География", "Технология"],
           ["Математика", "Русский язык", "Литература", "Английский язык", "Физическая культура"]],
    "9a": [["Алгебра", "Русский язык", "Физика", "История", "Английский язык", "Химия"],
           ["Геометрия", "Литература", "Биология", "Информатика", "Физическая культура", "ОБЗР"],
           ["Алгебра", "Русский язык", "Физика", "Химия", "Английский язык", "Обществознание"],
           ["Геометрия", "Литература", "География", "История", "Физика", "Физическая культура"],
           ["Алгебра", "Русский язык", "Литература", "Биология", "Английский язык", "География"]],
}
PLAN = {  # lessons a year, for the thematic plans
    1: 33, 2: 68, 3: 102, 4: 136, 5: 170,
}

TOPICS = {
    "Математика": ["Натуральные числа и шкалы", "Сравнение натуральных чисел", "Сложение натуральных чисел",
                   "Вычитание натуральных чисел", "Числовые и буквенные выражения", "Уравнение",
                   "Умножение натуральных чисел", "Деление натуральных чисел"],
    "Русский язык": ["Язык и общение", "Звуки и буквы", "Орфограмма", "Правописание проверяемых гласных",
                     "Правописание непроверяемых гласных", "Морфемика", "Словосочетание", "Предложение"],
    "Литература": ["Устное народное творчество", "Русские народные сказки", "Басни И. А. Крылова",
                   "А. С. Пушкин. Сказка о мёртвой царевне", "Н. В. Гоголь. Заколдованное место"],
    "История": ["Древнейшие люди", "Первобытные земледельцы и скотоводы", "Древний Египет",
                "Религия древних египтян", "Древнее Двуречье"],
    "Биология": ["Биология — наука о живой природе", "Методы изучения живой природы", "Клетка",
                 "Ткани организмов", "Органы и системы органов"],
    "География": ["Что изучает география", "Географические открытия", "Изображения земной поверхности",
                  "Географические координаты", "Литосфера"],
    "Английский язык": ["Greetings", "My family", "My school", "Daily routine", "Hobbies"],
    "Физическая культура": ["Бег на короткие дистанции", "Прыжок в длину с разбега", "Метание мяча",
                            "Эстафетный бег", "Кроссовая подготовка"],
    "Музыка": ["Музыка моего края", "Народная песня", "Русские композиторы-классики"],
    "Технология": ["Технологии вокруг нас", "Материалы и их свойства", "Разметка заготовки",
                   "Пиление древесины", "Шлифование изделия"],
    "ИЗО": ["Древние корни народного искусства", "Орнамент", "Народная вышивка"],
    "Алгебра": ["Линейное уравнение с одной переменной", "Квадратичная функция", "Неравенства",
                "Системы неравенств", "Решение задач с помощью систем"],
    "Геометрия": ["Векторы", "Метод координат", "Соотношения в треугольнике", "Теорема синусов"],
    "Физика": ["Механическое движение", "Равномерное движение", "Ускорение", "Законы Ньютона",
               "Свободное падение"],
    "Химия": ["Периодический закон", "Строение атома", "Химическая связь", "Электролитическая диссоциация",
              "Реакции ионного обмена"],
    "Обществознание": ["Политика и власть", "Государство", "Формы государства"],
    "ОБЗР": ["Безопасность в быту", "Пожарная безопасность", "Безопасность на дорогах"],
    "Информатика": ["Моделирование", "Базы данных", "Алгоритмы и программирование", "Электронные таблицы"],
    "Обучение грамоте": ["Речь устная и письменная", "Предложение и слово", "Звуки речи", "Гласные звуки"],
    "Окружающий мир": ["Что такое Родина?", "Что мы знаем о народах России?", "Что у нас над головой?"],
}
BRIEFING_SUBJECTS = {"Химия", "Физика", "Технология", "Информатика"}


def school_days():
    day = Q1_START
    while day <= Q1_END:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


DAYS = list(school_days())

lessons = []  # dicts with our own fields
for cid, week in WEEK.items():
    bells = BELLS_1 if CLASSES[cid][0] == 1 else BELLS
    for day in DAYS:
        for slot, subject in enumerate(week[day.weekday()]):
            # A subject split in groups has a lesson per group at the same time.
            teachers = TEACHERS[cid][subject]
            pairs = list(teachers.items()) if isinstance(teachers, dict) else [(None, teachers)]
            start, end = bells[slot].split("-")
            for group, teacher in pairs:
                n = sum(1 for l in lessons if l["class"] == cid and l["subject"] == subject and l["group"] == group) + 1
                lessons.append({"class": cid, "subject": subject, "group": group, "teacher": teacher,
                                "date": day, "start": start, "end": end, "n": n,
                                "id": f"{cid}-{day:%m%d}-{start.replace(':', '')}" + (f"-g{group}" if group else "")})


stream_size = {}
for l in lessons:
    key = (l["class"], l["subject"], l["group"])
    stream_size[key] = max(stream_size.get(key, 0), l["n"])


def topic_of(l):
    """The quarter's topics spread over the stream's lessons, each taught over a few."""
    items = TOPICS.get(l["subject"], ["Урок"])
    total = stream_size[(l["class"], l["subject"], l["group"])]
    at = (l["n"] - 1) * len(items) / total
    topic = items[int(at)]
    first = int(at) != int((l["n"] - 2) * len(items) / total) or l["n"] == 1
    return topic if first else f"{topic}: {['продолжение', 'закрепление', 'повторение'][l['n'] % 3]}"


# Works and briefings.
sections_opened = set()
for l in lessons:
    l["work"] = []
    l["briefing"] = []
    topic = topic_of(l)
    subject, cid = l["subject"], l["class"]
    if subject in BRIEFING_SUBJECTS and l["n"] == 1:
        topic = "Вводный инструктаж по охране труда. " + topic
    if subject == "Физическая культура":
        # Two sections this quarter, each opened with an introductory briefing (2.14).
        games = l["date"] >= dt.date(2024, 10, 7)
        l["section"] = "Спортивные игры" if games else "Лёгкая атлетика"
        if games:
            topic = ["Ведение мяча", "Передача мяча", "Бросок мяча в корзину", "Учебная игра"][l["n"] % 4]
        opened = (cid, l["section"]) in sections_opened
        sections_opened.add((cid, l["section"]))
        if not opened:
            topic = f"Вводный инструктаж по ТБ: {l['section'].lower()}. " + topic
    if cid == "9a" and subject == "Физика" and l["n"] in (4, 9):
        l["work"] = ["laboratory_work"]
        topic = f"Целевой инструктаж по ОТ. Лабораторная работа №{1 if l['n'] == 4 else 2}"
    if cid == "9a" and subject == "Химия" and l["n"] == 7:
        l["work"] = ["practical_work"]
        topic = "Целевой инструктаж по ОТ. Практическая работа №1 «Реакции ионного обмена»"
    if cid == "9a" and subject == "Информатика" and l["n"] == 5:
        l["work"] = ["practical_work"]
        topic = "Целевой инструктаж по ОТ. Практическая работа «Электронные таблицы»"
    if cid == "5a" and subject == "Математика" and l["date"] == dt.date(2024, 9, 27):
        l["work"] = ["control_work"]
        topic = "Контрольная работа №1 «Натуральные числа»"
    if cid == "5a" and subject == "Русский язык" and l["date"] == dt.date(2024, 9, 20):
        l["work"] = ["control_dictation"]
        topic = "Контрольный диктант №1"
    if cid == "9a" and subject == "Алгебра" and l["date"] == dt.date(2024, 10, 11):
        l["work"] = ["control_work"]
        topic = "Контрольная работа №1 «Квадратичная функция»"
    if cid == "9a" and subject == "Русский язык" and l["date"] == dt.date(2024, 10, 2):
        l["work"] = ["composition"]
        topic = "Сочинение-рассуждение"
    l["topic"] = topic

# A control work or test each quarter in the subjects that have them (4.2): streams with
# none get a test at about three quarters of the quarter.
CONTROL_SUBJECTS = {"Русский язык", "Математика", "Алгебра", "Геометрия", "Литература", "Английский язык",
                    "История", "Обществознание", "География", "Биология", "Физика", "Химия", "Информатика"}
COUNTED = {"control_work", "control_dictation", "test"}
NO_CONTROL = ("9a", "География")  # Mistake: no control work or test all quarter.
by_stream = {}
for l in lessons:
    by_stream.setdefault((l["class"], l["subject"], l["group"]), []).append(l)
for (cid, subject, group), stream in by_stream.items():
    if (CLASSES[cid][0] == 1 or subject not in CONTROL_SUBJECTS or (cid, subject) == NO_CONTROL
            or any(COUNTED & set(l["work"]) for l in stream)):
        continue
    test = next(l for l in stream[(3 * len(stream)) // 4:] if not l["work"] and "инструктаж" not in l["topic"])
    test["work"] = ["test"]
    test["topic"] = f"Проверочная работа «{test['topic'].split(':')[0]}»"

# The incident: 9А Химия, 9 October; the next Химия lesson carries the unscheduled briefing.
INCIDENT_DAY = dt.date(2024, 10, 9)
after = [l for l in lessons if l["class"] == "9a" and l["subject"] == "Химия" and l["date"] > INCIDENT_DAY]
after[0]["topic"] = "Внеплановый инструктаж по охране труда. " + after[0]["topic"]

# Mistake: 9А Химия's first lesson has no introductory briefing.
first_chem = [l for l in lessons if l["class"] == "9a" and l["subject"] == "Химия"][0]
first_chem["topic"] = first_chem["topic"].replace("Вводный инструктаж по охране труда. ", "")
# Mistake: a lab work in 9А Физика without a briefing.
lab = [l for l in lessons if l["class"] == "9a" and l["subject"] == "Физика" and l["n"] == 9][0]
lab["topic"] = "Лабораторная работа №2 «Измерение ускорения свободного падения»"


def roster(l):
    return [s for s in students[l["class"]] if l["group"] is None or groups[s].get(l["subject"]) == l["group"]]


# ---------------------------------------------------------------- absences

ill = {}  # student -> set of days
for cid in students:
    for sid in students[cid]:
        days = set()
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            start = rng.randrange(len(DAYS) - 4)
            days.update(DAYS[start:start + rng.choice([2, 3, 4])])
        ill[sid] = days
# A week's illness for the failing-mark mistake; a sanatorium stay for 5А.
FAILING = "9a-03"
ill[FAILING] = set(DAYS[20:26])
SANATORIUM = "5a-05"
ill[SANATORIUM] = {d for d in DAYS if dt.date(2024, 10, 7) <= d <= dt.date(2024, 10, 18)}
emit({"type": "sanatorium", "student": SANATORIUM, "from": "2024-10-07", "to": "2024-10-18"})
UNSET = ("9a-09", dt.date(2024, 10, 15))  # late for the first lesson; nobody set the reason
ill[UNSET[0]].discard(UNSET[1])

absent = set()  # (lesson id, student)
class_teacher = {"1a": "belova", "5a": "ivanova", "9a": "smirnova"}
# Lessons missed without a good reason (НП): three in a day. The 5А class teacher tells the
# parents (3.2); the 9А one does not (mistake).
TRUANT = {("5a-10", dt.date(2024, 10, 15)): {2, 3, 4}, ("9a-08", dt.date(2024, 10, 10)): {2, 3, 4}}
for (sid, day) in TRUANT:
    ill[sid].discard(day)

# ---------------------------------------------------------------- lesson records

day_end = {}
for l in lessons:
    key = (l["class"], l["date"])
    day_end[key] = max(day_end.get(key, 0), minutes(l["end"]))


def lesson_event(l, when, topic=True):
    event = {"type": "lesson", "id": l["id"], "class": l["class"], "subject": l["subject"],
             "teacher": l["teacher"], "date": l["date"].isoformat(), "start": l["start"], "end": l["end"]}
    if l["group"]:
        event["group"] = l["group"]
    if topic:
        event["topic"] = l["topic"]
    if l["work"]:
        event["work"] = l["work"][0] if len(l["work"]) == 1 else l["work"]
    if l.get("section"):
        event["section"] = l["section"]
    event["at"] = at(when)
    event["by"] = l["teacher"]
    return event


LATE_TOPIC = next(l for l in lessons if l["class"] == "5a" and l["subject"] == "История" and l["date"] == dt.date(2024, 9, 16))
NO_TOPIC = next(l for l in lessons if l["class"] == "5a" and l["subject"] == "Литература" and l["date"] == dt.date(2024, 10, 23))

timeline = []  # (when, event) for entries; emitted in time order at the end
when = clock(dt.date(2024, 10, 17), 16 * 60 + 30)
timeline.append((when, {"type": "parent_notice", "student": "5a-10", "reason": "unexcused_absence",
                        "date": "2024-10-17", "parent": "p-5a-10", "at": at(when), "by": "ivanova"}))
for l in lessons:
    end = clock(l["date"], minutes(l["end"]))
    if l is LATE_TOPIC:
        timeline.append((end + dt.timedelta(minutes=2), lesson_event(l, end + dt.timedelta(minutes=2), topic=False)))
        timeline.append((end + dt.timedelta(days=3, hours=4), lesson_event(l, end + dt.timedelta(days=3, hours=4))))
    else:
        timeline.append((end + dt.timedelta(minutes=3), lesson_event(l, end + dt.timedelta(minutes=3), topic=l is not NO_TOPIC)))
    late_comer = (l["class"], l["date"], l["start"]) == ("9a", UNSET[1], BELLS[0].split("-")[0])
    bells = BELLS_1 if CLASSES[l["class"]][0] == 1 else BELLS
    slot = [b.split("-")[0] for b in bells].index(l["start"])
    for sid in roster(l):
        if slot in TRUANT.get((sid, l["date"]), ()):
            absent.add((l["id"], sid))
            when = clock(l["date"], minutes(l["start"]) + 5)
            timeline.append((when, {"type": "attendance", "lesson": l["id"], "student": sid, "code": "Н",
                                    "at": at(when), "by": l["teacher"]}))
            when = clock(l["date"] + dt.timedelta(days=2), 16 * 60)
            timeline.append((when, {"type": "attendance", "lesson": l["id"], "student": sid, "code": "НП",
                                    "at": at(when), "by": class_teacher[l["class"]]}))
            continue
        if l["date"] in ill[sid] or (late_comer and sid == UNSET[0]):
            absent.add((l["id"], sid))
            when = clock(l["date"], minutes(l["start"]) + 5)
            timeline.append((when, {"type": "attendance", "lesson": l["id"], "student": sid, "code": "Н",
                                    "at": at(when), "by": l["teacher"]}))
            if (sid, l["date"]) != UNSET:
                # The class teacher sets the reason within a few days (3.2).
                when = clock(l["date"] + dt.timedelta(days=rng.choice([1, 2, 3])), 16 * 60)
                code = "Б" if sid != SANATORIUM else "УП"
                timeline.append((when, {"type": "attendance", "lesson": l["id"], "student": sid, "code": code,
                                        "at": at(when), "by": class_teacher[l["class"]]}))

# ---------------------------------------------------------------- marks

marks = {}  # (student, class, subject) -> list of values
marked = set()  # (lesson id, student)
# Mistake: a 5А student not marked in Русский язык for three weeks (2.9, 4.2).
SPARSE = ("5a-07", "Русский язык", dt.date(2024, 9, 23), dt.date(2024, 10, 11))


def unmarked(l, sid):
    """The lessons the teacher forgets to mark the student on."""
    return sid == SPARSE[0] and l["subject"] == SPARSE[1] and SPARSE[2] <= l["date"] <= SPARSE[3]
streams = {}
for l in lessons:
    streams.setdefault((l["class"], l["subject"], l["group"]), []).append(l)


def recently_absent(l, sid):
    """Absent on any of the three lessons of the stream before this one (3.3)."""
    stream = streams[(l["class"], l["subject"], l["group"])]
    i = stream.index(l)
    return any((o["id"], sid) in absent for o in stream[max(0, i - 3):i])


def add_mark(l, sid, value, when, work=None, basis=None, by=None):
    event = {"type": "mark", "lesson": l["id"], "student": sid, "value": value}
    if work:
        event["work"] = work
    if basis:
        event["basis"] = basis
    event["at"] = at(when)
    event["by"] = by or l["teacher"]
    timeline.append((when, event))
    marks.setdefault((sid, l["class"], l["subject"]), []).append((value, when))
    marked.add((l["id"], sid))


def mark_value(sid, draw=rng):
    """A mark around the student's level: some are strong, some weaker."""
    level = 3.2 + (int(sid[-2:]) % 3) * 0.55
    return max(2, min(5, round(draw.gauss(level, 0.8))))


for l in lessons:
    if CLASSES[l["class"]][0] == 1:
        continue
    present = [s for s in roster(l) if (l["id"], s) not in absent]
    end = clock(l["date"], minutes(l["end"]))
    if l["work"]:
        work = l["work"][0]
        if work in ("control_work", "control_dictation", "composition", "laboratory_work", "practical_work", "test"):
            if l is lab:
                delay = dt.timedelta(hours=5)
            elif work == "composition":
                delay = dt.timedelta(days=5, hours=3)
            else:
                delay = dt.timedelta(hours=6)
            for sid in present:
                value = mark_value(sid)
                if recently_absent(l, sid):
                    value = max(value, 3)
                late = work == "control_dictation" and sid in present[:2]
                # Mistake: two dictations graded after the next lesson of Русский язык.
                add_mark(l, sid, value, end + (dt.timedelta(days=3, hours=2) if late else delay))
        continue
    for sid in rng.sample(present, k=min(len(present), rng.choice([1, 2, 2, 3]))):
        value = mark_value(sid)
        if recently_absent(l, sid):
            value = max(value, 3)
        if not unmarked(l, sid):
            add_mark(l, sid, value, end + dt.timedelta(minutes=rng.randrange(1, 40)))

# Mistake: a «2» for 9А-03 on the first Алгебра lesson after a week's illness.
algebra = streams[("9a", "Алгебра", None)]
back = next(l for l in algebra if l["date"] > max(ill[FAILING]))
add_mark(back, FAILING, 2, clock(back["date"], minutes(back["end"]) + 5))

# The sanatorium's marks, written beside the absence (2.12), by the class teacher.
for l in lessons:
    if l["class"] == "5a" and l["subject"] == "Математика" and (l["id"], SANATORIUM) in absent and l["n"] % 3 == 0:
        add_mark(l, SANATORIUM, 5, clock(dt.date(2024, 10, 21), 15 * 60), basis="sanatorium", by="ivanova")

# Mistake: a 5А История mark entered by the class teacher, not the subject teacher.
hist = next(l for l in lessons if l["class"] == "5a" and l["subject"] == "История" and l["date"] == dt.date(2024, 10, 3))
present = next(s for s in roster(hist) if (hist["id"], s) not in absent)
add_mark(hist, present, 4, clock(hist["date"], 15 * 60), by="ivanova")

# Mistake: a mark for a group-1 student on a group-2 Информатика lesson.
inf2 = next(l for l in lessons if l["class"] == "9a" and l["subject"] == "Информатика" and l["group"] == "2" and l["n"] == 3)
add_mark(inf2, "9a-01", 5, clock(inf2["date"], minutes(inf2["end"]) + 10), by=inf2["teacher"])

# Mistake: a grade-1 mark.
g1 = next(l for l in lessons if l["class"] == "1a" and l["subject"] == "Математика" and l["date"] == dt.date(2024, 9, 10))
timeline.append((clock(g1["date"], 12 * 60), {"type": "mark", "lesson": g1["id"], "student": "1a-02", "value": 5,
                                               "at": at(clock(g1["date"], 12 * 60)), "by": "belova"}))

# Enough marks for a quarter mark (2.11): top up anyone with fewer than three.
for (cid, subject, group), stream in streams.items():
    if CLASSES[cid][0] == 1:
        continue
    for sid in roster(stream[0]):
        have = marks.get((sid, cid, subject), [])
        for l in stream[::-1]:
            if len(have) >= 3:
                break
            if (l["id"], sid) not in absent and not l["work"] and not unmarked(l, sid):
                value = max(mark_value(sid), 3) if recently_absent(l, sid) else mark_value(sid)
                add_mark(l, sid, value, clock(l["date"], minutes(l["end"]) + 20))
                have = marks[(sid, cid, subject)]

# Marks often enough (2.9, 4.2, «накопляемость»): a student present on eight lessons in a
# row without a mark gets one on the eighth.
for (cid, subject, group), stream in streams.items():
    if CLASSES[cid][0] == 1:
        continue
    for sid in roster(stream[0]):
        quiet = 0
        for l in stream:
            if (l["id"], sid) in marked:
                quiet = 0
            elif (l["id"], sid) not in absent:
                quiet += 1
                if quiet >= 8 and not unmarked(l, sid):
                    value = mark_value(sid, extra)
                    add_mark(l, sid, max(value, 3) if recently_absent(l, sid) else value,
                             clock(l["date"], minutes(l["end"]) + 25))
                    quiet = 0

# ---------------------------------------------------------------- homework

HOMEWORK = ["§{n}, вопросы 1–3", "с. {p}, № {a}, {b}", "упр. {a}", "§{n} читать, пересказ", "№ {a}–{b} (с. {p})",
            "выучить правило на с. {p}", "подготовить сообщение по теме урока"]
MISTAKEN_HOMEWORK = {("9a", "Алгебра", dt.date(2024, 10, 2)), ("5a", "Русский язык", dt.date(2024, 10, 8)),
                     ("9a", "Геометрия", dt.date(2024, 10, 10))}
for l in lessons:
    given = rng.random() >= 0.15 or (l["class"], l["subject"], l["date"]) in MISTAKEN_HOMEWORK
    if CLASSES[l["class"]][0] == 1 or l["subject"] in ("Физическая культура", "Музыка", "ОБЗР") or not given:
        continue
    last = day_end[(l["class"], l["date"])]
    when = clock(l["date"], last + rng.randrange(5, 50))
    text = rng.choice(HOMEWORK).format(n=l["n"], p=10 + 2 * l["n"], a=20 + l["n"], b=24 + l["n"])
    if l["class"] == "9a" and l["subject"] == "Алгебра" and l["date"] == dt.date(2024, 10, 2):
        when = clock(l["date"], 21 * 60 + 40)  # Mistake: long after the last lesson.
    if l["class"] == "5a" and l["subject"] == "Русский язык" and l["date"] == dt.date(2024, 10, 8):
        text = "—"  # Mistake: says nothing.
    if l["class"] == "9a" and l["subject"] == "Геометрия" and l["date"] == dt.date(2024, 10, 10):
        text = "Задание прежнее"  # Mistake: where the task is, not what it is.
    timeline.append((when, {"type": "homework", "lesson": l["id"], "text": text, "at": at(when), "by": l["teacher"]}))

# ---------------------------------------------------------------- the incident, plans

timeline.append((clock(INCIDENT_DAY, 13 * 60), {"type": "incident", "class": "9a", "subject": "Химия",
                                                  "date": INCIDENT_DAY.isoformat(),
                                                  "note": "Нарушение правил обращения с реактивами",
                                                  "at": at(clock(INCIDENT_DAY, 13 * 60)), "by": "popova"}))
for (cid, subject, group), stream in sorted(streams.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
    per_week = len(stream) / 8
    plan = {"type": "thematic_plan", "class": cid, "subject": subject, "lessons": PLAN.get(round(per_week), 34 * round(per_week))}
    if group:
        plan["group"] = group
    when = clock(dt.date(2024, 8, 30), 12 * 60)
    plan["at"] = at(when)
    plan["by"] = stream[0]["teacher"]
    timeline.append((when, plan))

# ---------------------------------------------------------------- final marks

for (cid, subject, group), stream in sorted(streams.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
    if CLASSES[cid][0] == 1:
        continue
    for sid in roster(stream[0]):
        when = clock(Q1_END, 16 * 60) + dt.timedelta(minutes=rng.randrange(0, 26 * 60))
        if cid == "9a" and subject == "Физическая культура" and sid in ("9a-02", "9a-04"):
            when = clock(dt.date(2024, 10, 28), 10 * 60)  # Mistake: two published late.
        if cid == "5a" and subject == "Математика" and sid == "5a-04":
            when = clock(dt.date(2024, 10, 23), 17 * 60)  # Mistake: before the quarter ended.
        # The quarter mark is the mean of the marks given by then, rounded (2.11).
        values = [v for v, t in marks.get((sid, cid, subject), []) if t <= when]
        value = int(sum(values) / len(values) + 0.5)
        if cid == "9a" and subject == "Литература" and sid == "9a-05":
            value = 5  # Mistake: not what the marks say.
        timeline.append((when, {"type": "final_mark", "student": sid, "subject": subject, "period": "q1",
                                "value": value, "at": at(when), "by": stream[0]["teacher"]}))
        if value <= 2:
            # The class teacher tells the parents of a failing student (3.2).
            told = clock(when.date() + dt.timedelta(days=1), 17 * 60)
            timeline.append((told, {"type": "parent_notice", "student": sid, "reason": "failing",
                                    "date": told.date().isoformat(), "parent": f"p-{sid}", "at": at(told),
                                    "by": class_teacher[cid]}))

# ---------------------------------------------------------------- parents

SKIPPER, SKIPPED_WEEK = "p-5a-06", dt.date(2024, 9, 30)
week = dt.date(2024, 9, 2)
while week + dt.timedelta(days=6) < AS_OF.date():
    for pid, sid in parents.items():
        if pid == OPTED_OUT or (pid == SKIPPER and week == SKIPPED_WEEK):
            continue
        when = clock(week + dt.timedelta(days=rng.randrange(7)), rng.randrange(18 * 60, 22 * 60))
        timeline.append((when, {"type": "diary_view", "parent": pid, "student": sid, "section": "diary", "at": at(when)}))
    week += dt.timedelta(days=7)
for pid, sid in parents.items():
    if pid != OPTED_OUT and not sid.startswith("1a"):
        when = clock(dt.date(2024, 10, 27), rng.randrange(10 * 60, 21 * 60))
        timeline.append((when, {"type": "diary_view", "parent": pid, "student": sid, "section": "final_marks", "at": at(when)}))
# Mistake: a parent looks at a classmate's diary (1.10, 2.5, 3.6).
when = clock(dt.date(2024, 10, 22), 20 * 60 + 15)
timeline.append((when, {"type": "diary_view", "parent": "p-5a-03", "student": "5a-04", "section": "diary", "at": at(when)}))
# Paper reports every two weeks for the parent who opted out; then they stopped (mistake).
for day in (dt.date(2024, 9, 13), dt.date(2024, 9, 27)):
    when = clock(day, 15 * 60)
    timeline.append((when, {"type": "paper_report", "student": parents[OPTED_OUT], "date": day.isoformat(),
                            "at": at(when), "by": "smirnova"}))

# ---------------------------------------------------------------- out

timeline.sort(key=lambda item: item[0])
for _, event in timeline:
    emit(event)
for event in events:
    sys.stdout.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n")
