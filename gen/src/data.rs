//! What a Russian school is made of: its subjects and weekly hours per grade (after the
//! federal curriculum), bells, names, topics, homework.

use ekzh_core::event::WorkKind;

/// A teacher's speciality: who can teach, and substitute for, which subjects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A primary-school teacher, the class teacher of a class of grades 1–4.
    Primary,
    Russian,
    Maths,
    English,
    History,
    Geography,
    Biology,
    Physics,
    Chemistry,
    Informatics,
    /// «Труд (технология)» for boys' groups.
    CraftWood,
    /// «Труд (технология)» for girls' groups.
    CraftHome,
    Pe,
    Music,
    Art,
    Safety,
}

/// How a subject's lessons are split into subgroups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Whole,
    /// Two groups by the class list.
    Halves,
    /// Two groups: boys (1) and girls (2).
    BySex,
}

/// A kind of work a lesson may hold, as the event writes it (named as SPEC §1.2 names them).
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    ControlWork,
    ControlDictation,
    Exposition,
    Composition,
    IndependentWork,
    PracticalWork,
    LaboratoryWork,
    Excursion,
    Test,
}

impl Work {
    pub fn as_str(self) -> &'static str {
        match self {
            Work::ControlWork => "control_work",
            Work::ControlDictation => "control_dictation",
            Work::Exposition => "exposition",
            Work::Composition => "composition",
            Work::IndependentWork => "independent_work",
            Work::PracticalWork => "practical_work",
            Work::LaboratoryWork => "laboratory_work",
            Work::Excursion => "excursion",
            Work::Test => "test",
        }
    }

    /// The kind of work as the policy names it.
    pub fn kind(self) -> WorkKind {
        match self {
            Work::ControlWork => WorkKind::ControlWork,
            Work::ControlDictation => WorkKind::ControlDictation,
            Work::Exposition => WorkKind::Exposition,
            Work::Composition => WorkKind::Composition,
            Work::IndependentWork => WorkKind::IndependentWork,
            Work::PracticalWork => WorkKind::PracticalWork,
            Work::LaboratoryWork => WorkKind::LaboratoryWork,
            Work::Excursion => WorkKind::Excursion,
            Work::Test => WorkKind::Test,
        }
    }

    /// How a topic names the work.
    pub fn title(self) -> &'static str {
        match self {
            Work::ControlWork => "Контрольная работа",
            Work::ControlDictation => "Контрольный диктант",
            Work::Exposition => "Изложение",
            Work::Composition => "Сочинение",
            Work::IndependentWork => "Самостоятельная работа",
            Work::PracticalWork => "Практическая работа",
            Work::LaboratoryWork => "Лабораторная работа",
            Work::Excursion => "Экскурсия",
            Work::Test => "Проверочная работа",
        }
    }

    /// Works a briefing is held right before (2.14).
    pub fn needs_briefing(self) -> bool {
        matches!(
            self,
            Work::PracticalWork | Work::LaboratoryWork | Work::Excursion
        )
    }
}

/// A subject as the timetable names it.
#[derive(Debug)]
pub struct Subject {
    pub name: &'static str,
    pub field: Field,
    /// Chemistry, physics, technology, informatics: briefings each half-year (2.14).
    pub briefings: bool,
    pub pe: bool,
    pub homework: bool,
    pub topics: &'static [&'static str],
    /// Works by the lesson's number in its stream: every `every` lessons, at `at`.
    pub works: &'static [(Work, u32, u32)],
}

macro_rules! subject {
    ($name:literal, $field:ident, hw: $hw:literal, works: [$(($w:ident, $every:literal, $at:literal)),*], topics: [$($t:literal),* $(,)?]) => {
        Subject {
            name: $name,
            field: Field::$field,
            briefings: false,
            pe: false,
            homework: $hw,
            topics: &[$($t),*],
            works: &[$((Work::$w, $every, $at)),*],
        }
    };
}

pub const RUSSIAN: Subject = subject!("Русский язык", Russian, hw: true,
    works: [(ControlDictation, 10, 9), (Exposition, 15, 6), (IndependentWork, 10, 4)],
    topics: ["Звуки и буквы", "Орфограммы в корне слова", "Правописание безударных гласных", "Состав слова",
        "Имя существительное", "Имя прилагательное", "Глагол", "Словосочетание", "Простое предложение",
        "Однородные члены предложения", "Прямая речь", "Сложное предложение", "Развитие речи", "Повторение изученного"]);
pub const RUSSIAN_SENIOR: Subject = subject!("Русский язык", Russian, hw: true,
    works: [(ControlWork, 10, 9), (Composition, 12, 5), (Test, 10, 3)],
    topics: ["Язык и речь", "Нормы русского литературного языка", "Орфоэпические нормы", "Лексические нормы",
        "Морфологические нормы", "Синтаксические нормы", "Текст и его строение", "Стили речи", "Подготовка к ЕГЭ"]);
pub const PRIMARY_RUSSIAN: Subject = subject!("Русский язык", Primary, hw: true,
    works: [(ControlDictation, 12, 11), (Exposition, 20, 8), (Test, 12, 5)],
    topics: ["Звуки и буквы", "Алфавит", "Слог и ударение", "Перенос слов", "Правописание жи–ши, ча–ща, чу–щу",
        "Заглавная буква в именах", "Однокоренные слова", "Предложение", "Текст", "Повторение"]);
pub const READING: Subject = subject!("Литературное чтение", Primary, hw: true,
    works: [(Test, 12, 10)],
    topics: ["Устное народное творчество", "Русские народные сказки", "Загадки и пословицы", "Стихи о природе",
        "Басни И. А. Крылова", "Сказки А. С. Пушкина", "Рассказы о детях", "Л. Н. Толстой. Рассказы для детей"]);
pub const LITERATURE: Subject = subject!("Литература", Russian, hw: true,
    works: [(Composition, 9, 8), (Test, 9, 4)],
    topics: ["Мифы и легенды", "Русские народные сказки", "Басни И. А. Крылова", "А. С. Пушкин. Лирика",
        "М. Ю. Лермонтов. «Бородино»", "Н. В. Гоголь. Повести", "И. С. Тургенев. «Муму»", "Л. Н. Толстой. «Кавказский пленник»",
        "А. П. Чехов. Рассказы", "Поэзия XX века", "Литература о войне"]);
pub const MATHS_PRIMARY: Subject = subject!("Математика", Primary, hw: true,
    works: [(ControlWork, 10, 9), (IndependentWork, 10, 4)],
    topics: ["Счёт предметов", "Числа от 1 до 10", "Сложение и вычитание", "Числа от 11 до 20", "Таблица сложения",
        "Задачи в одно действие", "Длина отрезка", "Умножение и деление", "Решение задач"]);
pub const MATHS: Subject = subject!("Математика", Maths, hw: true,
    works: [(ControlWork, 10, 9), (IndependentWork, 10, 4)],
    topics: ["Натуральные числа", "Сложение и вычитание натуральных чисел", "Умножение и деление", "Обыкновенные дроби",
        "Десятичные дроби", "Проценты", "Положительные и отрицательные числа", "Координатная плоскость", "Уравнения"]);
pub const ALGEBRA: Subject = subject!("Алгебра", Maths, hw: true,
    works: [(ControlWork, 10, 9), (IndependentWork, 10, 4)],
    topics: ["Выражения и их преобразования", "Линейная функция", "Степень с натуральным показателем", "Многочлены",
        "Формулы сокращённого умножения", "Квадратные корни", "Квадратные уравнения", "Неравенства", "Квадратичная функция",
        "Арифметическая прогрессия", "Геометрическая прогрессия"]);
pub const GEOMETRY: Subject = subject!("Геометрия", Maths, hw: true,
    works: [(ControlWork, 8, 7)],
    topics: ["Начальные геометрические сведения", "Треугольники", "Параллельные прямые", "Четырёхугольники", "Площадь",
        "Подобные треугольники", "Окружность", "Векторы", "Метод координат"]);
pub const STATISTICS: Subject = subject!("Вероятность и статистика", Maths, hw: true,
    works: [(Test, 8, 7)],
    topics: ["Представление данных", "Описательная статистика", "Случайная изменчивость", "Введение в теорию графов",
        "Вероятность и частота", "Элементы комбинаторики"]);
pub const ENGLISH: Subject = subject!("Английский язык", English, hw: true,
    works: [(Test, 8, 7), (ControlWork, 24, 22)],
    topics: ["Greetings", "My family", "My school", "Daily routine", "Hobbies", "Food and drinks", "Travelling",
        "Sport", "The world around us", "Holidays"]);
pub const HISTORY: Subject = subject!("История", History, hw: true,
    works: [(Test, 8, 7)],
    topics: ["Древнейшие люди", "Древний Египет", "Древняя Греция", "Древний Рим", "Русь в IX–XII веках",
        "Московское государство", "Смутное время", "Россия при Петре I", "Российская империя в XIX веке", "Россия в XX веке"]);
pub const SOCIETY: Subject = subject!("Обществознание", History, hw: true,
    works: [(Test, 8, 7)],
    topics: ["Человек и общество", "Социальные нормы", "Право и мораль", "Экономика", "Политика и власть",
        "Гражданин и государство"]);
pub const ETHICS: Subject = subject!("ОДНКНР", History, hw: false,
    works: [],
    topics: ["Духовный мир человека", "Традиции народов России", "Семья и ценности", "Культурное наследие"]);
pub const PROJECT: Subject = subject!("Индивидуальный проект", History, hw: false,
    works: [],
    topics: ["Выбор темы проекта", "Цели и задачи проекта", "Работа с источниками", "Оформление проекта", "Защита проекта"]);
pub const GEOGRAPHY: Subject = subject!("География", Geography, hw: true,
    works: [(PracticalWork, 7, 4), (Test, 9, 8)],
    topics: ["Что изучает география", "Изображения земной поверхности", "Литосфера", "Гидросфера", "Атмосфера",
        "Биосфера", "Материки и океаны", "География России"]);
pub const BIOLOGY: Subject = subject!("Биология", Biology, hw: true,
    works: [(LaboratoryWork, 6, 2), (Test, 9, 8)],
    topics: ["Биология — наука о живой природе", "Клетка", "Ткани", "Растения", "Животные", "Человек и его здоровье",
        "Экосистемы"]);
pub const SURROUNDINGS: Subject = subject!("Окружающий мир", Primary, hw: true,
    works: [(PracticalWork, 8, 5), (Excursion, 30, 12)],
    topics: ["Что нас окружает", "Природа и человек", "Растения родного края", "Животные родного края",
        "Времена года", "Наш город", "Правила безопасного поведения", "Наша Родина — Россия"]);
pub const ART: Subject = subject!("Изобразительное искусство", Art, hw: false,
    works: [],
    topics: ["Рисунок с натуры", "Цвет и его свойства", "Декоративно-прикладное искусство", "Народные промыслы",
        "Пейзаж", "Портрет"]);
pub const MUSIC: Subject = subject!("Музыка", Music, hw: false,
    works: [],
    topics: ["Музыка моего края", "Народная песня", "Русские композиторы-классики", "Музыка в театре", "Музыка и кино"]);
pub const ETHICS_PRIMARY: Subject = subject!("ОРКСЭ", Primary, hw: false,
    works: [],
    topics: ["Россия — наша Родина", "Культура и мораль", "Добро и зло", "Семейные ценности"]);
pub const SAFETY: Subject = subject!("ОБЗР", Safety, hw: false,
    works: [],
    topics: ["Безопасность в быту", "Безопасность на дорогах", "Первая помощь", "Чрезвычайные ситуации",
        "Основы обороны государства"]);

pub const PHYSICS: Subject = Subject {
    briefings: true,
    ..subject!("Физика", Physics, hw: true,
        works: [(LaboratoryWork, 6, 2), (ControlWork, 10, 9)],
        topics: ["Физика и её роль в познании мира", "Механическое движение", "Плотность вещества", "Силы в природе",
            "Давление", "Работа и мощность", "Тепловые явления", "Электрические явления", "Световые явления"])
};
pub const CHEMISTRY: Subject = Subject {
    briefings: true,
    ..subject!("Химия", Chemistry, hw: true,
        works: [(PracticalWork, 7, 3), (ControlWork, 10, 9)],
        topics: ["Предмет химии", "Атомы и молекулы", "Химические формулы", "Оксиды", "Кислоты", "Основания", "Соли",
            "Периодический закон", "Строение атома", "Химическая связь"])
};
pub const INFORMATICS: Subject = Subject {
    briefings: true,
    ..subject!("Информатика", Informatics, hw: true,
        works: [(PracticalWork, 4, 1), (Test, 8, 7)],
        topics: ["Информация и информационные процессы", "Компьютер", "Файлы и файловая система", "Системы счисления",
            "Алгоритмы", "Программирование", "Электронные таблицы", "Базы данных", "Компьютерные сети"])
};
pub const CRAFT_PRIMARY: Subject = Subject {
    briefings: true,
    ..subject!("Труд (технология)", Primary, hw: false,
        works: [],
        topics: ["Природные материалы", "Работа с бумагой", "Аппликация", "Лепка из пластилина", "Работа с тканью"])
};
pub const CRAFT: Subject = Subject {
    briefings: true,
    ..subject!("Труд (технология)", CraftWood, hw: false,
        works: [(PracticalWork, 3, 1)],
        topics: ["Технологии вокруг нас", "Материалы и их свойства", "Разметка заготовки", "Обработка древесины",
            "Обработка металла", "Робототехника", "Проект «Изделие своими руками»"])
};
pub const PE: Subject = Subject {
    pe: true,
    ..subject!("Физическая культура", Pe, hw: false, works: [], topics: [])
};

/// The timetable of a grade: subjects and lessons a week (federal curriculum, 5-day week).
pub fn curriculum(grade: u8) -> Vec<(&'static Subject, u32, Split)> {
    use Split::*;
    match grade {
        1 => vec![
            (&PRIMARY_RUSSIAN, 5, Whole),
            (&READING, 4, Whole),
            (&MATHS_PRIMARY, 4, Whole),
            (&SURROUNDINGS, 2, Whole),
            (&MUSIC, 1, Whole),
            (&ART, 1, Whole),
            (&CRAFT_PRIMARY, 1, Whole),
            (&PE, 2, Whole),
        ],
        2..=4 => {
            let mut list = vec![
                (&PRIMARY_RUSSIAN, 5, Whole),
                (&READING, if grade == 4 { 3 } else { 4 }, Whole),
                (&ENGLISH, 2, Halves),
                (&MATHS_PRIMARY, 4, Whole),
                (&SURROUNDINGS, 2, Whole),
                (&MUSIC, 1, Whole),
                (&ART, 1, Whole),
                (&CRAFT_PRIMARY, 1, Whole),
                (&PE, 2, Whole),
            ];
            if grade == 4 {
                list.push((&ETHICS_PRIMARY, 1, Whole));
            }
            list
        }
        5 | 6 => {
            let mut list = vec![
                (&RUSSIAN, if grade == 5 { 5 } else { 6 }, Whole),
                (&LITERATURE, 3, Whole),
                (&ENGLISH, 3, Halves),
                (&MATHS, 5, Whole),
                (&HISTORY, 2, Whole),
                (&GEOGRAPHY, 1, Whole),
                (&BIOLOGY, 1, Whole),
                (&MUSIC, 1, Whole),
                (&ART, 1, Whole),
                (&CRAFT, 2, BySex),
                (&PE, 2, Whole),
            ];
            if grade == 5 {
                list.push((&ETHICS, 1, Whole));
            } else {
                list.push((&SOCIETY, 1, Whole));
            }
            list
        }
        7 => vec![
            (&RUSSIAN, 4, Whole),
            (&LITERATURE, 2, Whole),
            (&ENGLISH, 3, Halves),
            (&ALGEBRA, 3, Whole),
            (&GEOMETRY, 2, Whole),
            (&STATISTICS, 1, Whole),
            (&INFORMATICS, 1, Halves),
            (&HISTORY, 2, Whole),
            (&SOCIETY, 1, Whole),
            (&GEOGRAPHY, 2, Whole),
            (&BIOLOGY, 1, Whole),
            (&PHYSICS, 2, Whole),
            (&MUSIC, 1, Whole),
            (&ART, 1, Whole),
            (&CRAFT, 2, BySex),
            (&PE, 2, Whole),
        ],
        8 | 9 => {
            let mut list = vec![
                (&RUSSIAN, 3, Whole),
                (&LITERATURE, if grade == 8 { 2 } else { 3 }, Whole),
                (&ENGLISH, 3, Halves),
                (&ALGEBRA, 3, Whole),
                (&GEOMETRY, 2, Whole),
                (&STATISTICS, 1, Whole),
                (&INFORMATICS, 1, Halves),
                (&HISTORY, 2, Whole),
                (&SOCIETY, 1, Whole),
                (&GEOGRAPHY, 2, Whole),
                (&BIOLOGY, 2, Whole),
                (&PHYSICS, if grade == 8 { 2 } else { 3 }, Whole),
                (&CHEMISTRY, 2, Whole),
                (&CRAFT, 1, BySex),
                (&SAFETY, 1, Whole),
                (&PE, 2, Whole),
            ];
            if grade == 8 {
                list.push((&MUSIC, 1, Whole));
            }
            list
        }
        _ => {
            let mut list = vec![
                (&RUSSIAN_SENIOR, 2, Whole),
                (&LITERATURE, 3, Whole),
                (&ENGLISH, 3, Halves),
                (&ALGEBRA, 3, Whole),
                (&GEOMETRY, 2, Whole),
                (&STATISTICS, 1, Whole),
                (&INFORMATICS, 1, Halves),
                (&HISTORY, 2, Whole),
                (&SOCIETY, 2, Whole),
                (&GEOGRAPHY, 1, Whole),
                (&BIOLOGY, 1, Whole),
                (&PHYSICS, 2, Whole),
                (&CHEMISTRY, 1, Whole),
                (&SAFETY, 1, Whole),
                (&PE, 2, Whole),
            ];
            if grade == 10 {
                list.push((&PROJECT, 1, Whole));
            }
            list
        }
    }
}

/// Bells: lesson starts and ends in minutes after midnight. Grade 1 has 35-minute lessons.
pub fn bells(grade: u8) -> &'static [(u16, u16)] {
    const SENIOR: &[(u16, u16)] = &[
        (510, 555),
        (565, 610),
        (630, 675),
        (695, 740),
        (750, 795),
        (805, 850),
        (860, 905),
        (915, 960),
    ];
    const FIRST: &[(u16, u16)] = &[(510, 545), (565, 600), (630, 665), (695, 730), (750, 785)];
    if grade == 1 {
        FIRST
    } else {
        SENIOR
    }
}

/// The PE section of a study week (0-based), with the topics of its lessons.
pub fn pe_section(study_week: u32) -> (&'static str, &'static [&'static str]) {
    const ATHLETICS: (&str, &[&str]) = (
        "Лёгкая атлетика",
        &[
            "Бег на короткие дистанции",
            "Прыжок в длину с разбега",
            "Метание мяча",
            "Эстафетный бег",
            "Кроссовая подготовка",
        ],
    );
    const GAMES: (&str, &[&str]) = (
        "Спортивные игры",
        &[
            "Ведение мяча",
            "Передача мяча",
            "Бросок мяча в корзину",
            "Учебная игра в волейбол",
            "Учебная игра в баскетбол",
        ],
    );
    const GYM: (&str, &[&str]) = (
        "Гимнастика",
        &[
            "Строевые упражнения",
            "Акробатические упражнения",
            "Висы и упоры",
            "Опорный прыжок",
            "Лазание по канату",
        ],
    );
    const SKI: (&str, &[&str]) = (
        "Лыжная подготовка",
        &[
            "Попеременный двухшажный ход",
            "Одновременный бесшажный ход",
            "Подъём «ёлочкой»",
            "Спуск в основной стойке",
            "Прохождение дистанции",
        ],
    );
    match study_week {
        0..=4 => ATHLETICS,
        5..=7 => GAMES,
        8..=15 => GYM,
        16..=23 => SKI,
        24..=29 => GAMES,
        _ => ATHLETICS,
    }
}

pub const SURNAMES: &[(&str, &str)] = &[
    ("Иванов", "Иванова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Попов", "Попова"),
    ("Васильев", "Васильева"),
    ("Петров", "Петрова"),
    ("Соколов", "Соколова"),
    ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"),
    ("Фёдоров", "Фёдорова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Алексеев", "Алексеева"),
    ("Лебедев", "Лебедева"),
    ("Семёнов", "Семёнова"),
    ("Егоров", "Егорова"),
    ("Павлов", "Павлова"),
    ("Козлов", "Козлова"),
    ("Степанов", "Степанова"),
    ("Николаев", "Николаева"),
    ("Орлов", "Орлова"),
    ("Андреев", "Андреева"),
    ("Макаров", "Макарова"),
    ("Никитин", "Никитина"),
    ("Захаров", "Захарова"),
    ("Зайцев", "Зайцева"),
    ("Соловьёв", "Соловьёва"),
    ("Борисов", "Борисова"),
    ("Яковлев", "Яковлева"),
    ("Григорьев", "Григорьева"),
    ("Романов", "Романова"),
    ("Воробьёв", "Воробьёва"),
    ("Сергеев", "Сергеева"),
    ("Кузьмин", "Кузьмина"),
    ("Фролов", "Фролова"),
    ("Александров", "Александрова"),
    ("Дмитриев", "Дмитриева"),
    ("Королёв", "Королёва"),
    ("Гусев", "Гусева"),
    ("Киселёв", "Киселёва"),
    ("Ильин", "Ильина"),
    ("Максимов", "Максимова"),
    ("Поляков", "Полякова"),
    ("Сорокин", "Сорокина"),
    ("Виноградов", "Виноградова"),
    ("Ковалёв", "Ковалёва"),
    ("Белов", "Белова"),
    ("Медведев", "Медведева"),
    ("Антонов", "Антонова"),
    ("Тарасов", "Тарасова"),
    ("Жуков", "Жукова"),
    ("Баранов", "Баранова"),
];

pub const MALE: &[&str] = &[
    "Александр",
    "Максим",
    "Артём",
    "Михаил",
    "Иван",
    "Даниил",
    "Дмитрий",
    "Кирилл",
    "Андрей",
    "Егор",
    "Никита",
    "Илья",
    "Алексей",
    "Матвей",
    "Тимофей",
    "Роман",
    "Владимир",
    "Ярослав",
    "Фёдор",
    "Георгий",
];
pub const FEMALE: &[&str] = &[
    "Анастасия",
    "Мария",
    "Анна",
    "Виктория",
    "Екатерина",
    "Софья",
    "Алиса",
    "Дарья",
    "Полина",
    "Елизавета",
    "Александра",
    "Ксения",
    "Варвара",
    "Вероника",
    "Арина",
    "Ульяна",
    "Валерия",
    "Милана",
    "Ева",
    "Кира",
];
/// Fathers' names: (the name, the patronymic for a son, for a daughter).
pub const PATRONYMICS: &[(&str, &str)] = &[
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Андреевич", "Андреевна"),
    ("Дмитриевич", "Дмитриевна"),
    ("Алексеевич", "Алексеевна"),
    ("Игоревич", "Игоревна"),
    ("Владимирович", "Владимировна"),
    ("Николаевич", "Николаевна"),
    ("Викторович", "Викторовна"),
    ("Олегович", "Олеговна"),
    ("Павлович", "Павловна"),
    ("Михайлович", "Михайловна"),
];

pub const HOMEWORK: &[&str] = &[
    "§{n}, вопросы 1–{q}",
    "с. {p}, упр. {a}",
    "№ {a}, {b}",
    "выучить правило на с. {p}, упр. {a}",
    "§{n} читать, пересказ",
    "№ {a}–{b} (с. {p})",
    "подготовить сообщение по теме урока",
    "повторить §{n}, ответить на вопросы на с. {p}",
    "рабочая тетрадь, с. {q}",
];

pub const INCIDENTS: &[&str] = &[
    "Нарушение правил техники безопасности на уроке",
    "Травма (ушиб) на уроке",
    "Нарушение правил обращения с оборудованием",
];

/// The chance a student misses a lesson or two of a day for a reason other than illness.
pub const ABSENCE_EXCUSED: f64 = 0.02;
