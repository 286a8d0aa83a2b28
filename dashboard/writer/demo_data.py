"""The demo council's fixed facts: units, outlets, factions, deputies, calendars and the 2017 calibrations.

Everything here is invented except the outlets that the 2017 report names (/work/shared/seed-report-2017.txt),
which keep the report's spelling. Deputies, mayor, petition authors and officials are fictional people.
"""

from __future__ import annotations

import datetime as dt

FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2020, 12, 31)
YEARS = range(2015, 2021)

# --- Structural units: (code, name_uk, name_en, parent code, ЄДРПОУ where the unit buys in its own name)
UNITS = [
    ("COUNCIL", "Міська рада", "City Council", None, "04053811"),
    ("EXEC", "Виконавчий комітет міської ради", "Executive Committee", "COUNCIL", "04053827"),
    ("PRESS", "Відділ інформаційної політики та зв'язків з громадськістю", "Information Policy and Public Relations",
     "EXEC", None),
    ("DIGITAL", "Відділ інформатизації та електронних сервісів", "IT and E-Services", "EXEC", None),
    ("FIN", "Фінансове управління", "Finance Department", "EXEC", "02318854"),
    ("ECON", "Управління економіки та інвестицій", "Economy and Investment", "EXEC", None),
    ("EDU", "Управління освіти", "Education Department", "EXEC", "02142677"),
    ("HEALTH", "Управління охорони здоров'я", "Health Department", "EXEC", "03214590"),
    ("SOCIAL", "Управління соціального захисту населення", "Social Protection Department", "EXEC", "03190342"),
    ("CHILD", "Служба у справах дітей", "Children's Service", "SOCIAL", None),
    ("CULTURE", "Відділ культури", "Culture Department", "EXEC", "02227311"),
    ("SPORT", "Відділ у справах сім'ї, молоді та спорту", "Family, Youth and Sport", "EXEC", None),
    ("HOUSING", "Управління житлово-комунального господарства", "Housing and Utilities", "EXEC", "03348529"),
    ("TRANSPORT", "Відділ транспорту та зв'язку", "Transport and Communications", "HOUSING", None),
    ("ARCH", "Відділ архітектури та містобудування", "Architecture and Urban Planning", "EXEC", None),
    ("LAND", "Відділ земельних відносин", "Land Relations", "ARCH", None),
    ("ASC", "Центр надання адміністративних послуг", "Administrative Services Centre", "EXEC", None),
]

# How much of each domain's activity a unit carries (relative weights; absent units carry none).
DECISION_UNITS = {"LAND": 30, "HOUSING": 14, "FIN": 10, "ECON": 8, "EDU": 7, "HEALTH": 5, "SOCIAL": 6, "ARCH": 8,
                  "CULTURE": 3, "SPORT": 2, "CHILD": 2, "COUNCIL": 5, "TRANSPORT": 3, "EXEC": 2}
MENTION_UNITS = {"EXEC": 20, "COUNCIL": 12, "HOUSING": 14, "EDU": 10, "HEALTH": 9, "SOCIAL": 7, "CULTURE": 8,
                 "SPORT": 6, "TRANSPORT": 5, "FIN": 4, "ECON": 5, "PRESS": 4, "ASC": 3, "ARCH": 3}
TENDER_UNITS = {"EDU": 30, "HOUSING": 22, "HEALTH": 14, "EXEC": 10, "SOCIAL": 6, "CULTURE": 6, "FIN": 2,
                "COUNCIL": 4, "TRANSPORT": 4, "DIGITAL": 2}
CONSULTATION_UNITS = {"ARCH": 3, "HOUSING": 3, "TRANSPORT": 2, "EDU": 2, "ECON": 2, "CULTURE": 1, "EXEC": 2}

# --- Media: the report's outlets first (kind, scope), then others -------------------------------------
REPORT_OUTLETS = [
    ("С-плюс", "tv", "local"), ("САТ", "tv", "local"), ("112 канал", "tv", "national"),
    ("Україна", "tv", "national"), ("Еспрессо ТВ", "tv", "national"), ("Інтер", "tv", "national"),
    ("Донбасс", "tv", "regional"), ("ДоТБ", "tv", "regional"), ("Громадське ТБ Донеччини", "tv", "regional"),
    ("СТБ", "tv", "national"), ("Новий канал", "tv", "national"), ("1+1", "tv", "national"),
    ("Урядовий кур'єр", "print", "national"), ("Голос України", "print", "national"),
    ("Знамя Индустрии", "print", "local"), ("Вести", "print", "regional"), ("ТВ+", "print", "local"),
    ("Газета обьявлений / Славянские ведомости", "print", "local"),
    ("Классное радио", "radio", "regional"),
]
OTHER_OUTLETS = [
    ("Новини міста", "online", "local"), ("Місто онлайн", "online", "local"), ("Східний вісник", "online", "regional"),
    ("Донеччина сьогодні", "online", "regional"), ("Громада.інфо", "online", "regional"),
    ("Новини країни", "online", "national"), ("Регіони онлайн", "online", "national"),
    ("Укрінформ", "agency", "national"), ("УНІАН", "agency", "national"),
    ("Радіо Схід", "radio", "regional"), ("Eastern Europe Today", "online", "international"),
    ("Deutsche Welle", "online", "international"),
]
UNIT_TOPICS = {
    "EXEC": ["council", "security", "investment", "budget"], "COUNCIL": ["council", "petitions"],
    "HOUSING": ["utilities", "roads", "environment"], "EDU": ["education"], "HEALTH": ["health"],
    "SOCIAL": ["social"], "CULTURE": ["culture"], "SPORT": ["sport"], "TRANSPORT": ["transport", "roads"],
    "FIN": ["budget"], "ECON": ["investment"], "PRESS": ["council", "petitions"], "ASC": ["council"],
    "ARCH": ["environment", "investment"],
}
MENTION_TONES = {"positive": 0.34, "neutral": 0.52, "negative": 0.14}
MENTIONS_PER_YEAR = {2015: 650, 2016: 900, 2017: 1050, 2018: 1100, 2019: 1150, 2020: 1250}
MENTION_HEADLINES = {
    "council": "Депутати міської ради розглянули {n} питань на черговій сесії",
    "budget": "Міський бюджет: на що спрямують {n} млн гривень",
    "utilities": "Оновлення тепломереж: роботи на {n} об'єктах",
    "roads": "Ремонт доріг: цього тижня — {n} вулиць",
    "transport": "Нові маршрути автобусів: {n} змін у розкладі",
    "education": "У {n} школах міста триває модернізація",
    "health": "Міська лікарня отримала {n} одиниць обладнання",
    "social": "Соціальна допомога: {n} родин отримали підтримку",
    "culture": "Фестиваль у центрі міста зібрав {n} гостей",
    "sport": "Міські змагання: {n} учасників",
    "security": "Безпечне місто: {n} нових камер спостереження",
    "investment": "Інвестиційний форум: {n} проєктів для міста",
    "petitions": "Електронна петиція набрала {n} підписів",
    "environment": "Екологічна акція: висаджено {n} дерев",
}

# --- Public events per year: (press conferences, «Гість в студії», foreign journalists, briefings) ----
EVENTS_PER_YEAR = {2015: (7, 3, 0, 14), 2016: (10, 4, 1, 18), 2017: (12, 5, 2, 20), 2018: (13, 6, 1, 22),
                   2019: (11, 6, 2, 21), 2020: (8, 4, 1, 30)}
EVENT_TITLES = {
    "press_conference": "Прес-конференція: {topic}",
    "guest_in_studio": "«Гість в студії»: міський голова відповідає на запитання",
    "foreign_journalists": "Зустріч міського голови з іноземними журналістами",
    "briefing": "Брифінг: {topic}",
}
EVENT_TOPICS = ["підсумки сесії", "підготовка до опалювального сезону", "бюджет міста", "ремонт доріг",
                "літнє оздоровлення дітей", "безпека в місті", "інвестиційні проєкти", "медична реформа"]

# --- Live streams: streaming began in September 2015; by the end of 2017 the public list holds
# STREAMS_BY_2017 broadcasts with STREAM_VIEWS_BY_2017 views (the report's "over 300 ... 21 thousand").
STREAMING_SINCE = dt.date(2015, 9, 1)
STREAMS_BY_2017 = 316
STREAM_VIEWS_BY_2017 = 21_040
COMMITTEES = ["з питань бюджету та фінансів", "з питань житлово-комунального господарства",
              "з питань земельних відносин та архітектури", "з гуманітарних питань", "з питань регламенту та етики"]

# --- Website: daily unique visitors by year (the 2017 average is pinned to SITE_VISITORS_2017) ------
SITE_VISITORS = {2015: 380, 2016: 455, 2017: 545, 2018: 610, 2019: 680, 2020: 860}
SITE_OUTAGES = [(dt.date(2016, 7, 9), dt.date(2016, 7, 12)), (dt.date(2019, 2, 3), dt.date(2019, 2, 4))]
GENERAL_PAGES = [
    ("/", "Головна"), ("/news", "Новини"), ("/announcements", "Оголошення"), ("/council/sessions", "Сесії ради"),
    ("/council/deputies", "Депутати"), ("/council/votes", "Поіменні голосування"),
    ("/council/decisions", "Рішення ради"), ("/executive/decisions", "Рішення виконкому"),
    ("/petitions", "Електронні петиції"), ("/video", "Трансляції"), ("/procurement", "Закупівлі"),
    ("/contacts", "Контакти"), ("/search", "Пошук"), ("/vacancies", "Вакансії"), ("/city", "Про місто"),
    ("/consultations", "Громадські обговорення"), ("/open-data", "Відкриті дані"), ("/mayor", "Міський голова"),
]
UNIT_PAGES = [("", "головна сторінка"), ("/news", "новини"), ("/documents", "документи"),
              ("/services", "послуги"), ("/contacts", "контакти")]
CHANNELS = {"direct": 0.32, "organic_search": 0.41, "social": 0.17, "referral": 0.08, "email": 0.02}
DEVICES = {"desktop": 0.58, "mobile": 0.38, "tablet": 0.04}

# --- Petitions: the service opened on PETITIONS_SINCE; by the end of 2017 the public list holds
# PETITIONS_BY_2017 petitions, PETITIONS_CONSIDERED_BY_2017 of which reached the threshold and were answered.
PETITIONS_SINCE = dt.date(2016, 3, 1)
PETITIONS_PER_YEAR = {2016: 98, 2017: 132, 2018: 120, 2019: 110, 2020: 95}
PETITIONS_BY_2017 = 230
PETITIONS_CONSIDERED_BY_2017 = 30
PETITION_TERM_DAYS = 60
PETITION_THRESHOLDS = ((dt.date(2016, 1, 1), 250), (dt.date(2019, 1, 1), 300))
# category -> (unit code, title templates)
PETITION_TOPICS = {
    "Благоустрій": ("HOUSING", ["Облаштувати дитячий майданчик на вул. {street}", "Відремонтувати тротуар на вул. {street}",
                                "Встановити лавки у сквері на вул. {street}"]),
    "Транспорт": ("TRANSPORT", ["Відновити автобусний маршрут № {n}", "Встановити світлофор на перехресті вул. {street}",
                                "Облаштувати велодоріжку вздовж вул. {street}"]),
    "Освіта": ("EDU", ["Відкрити додаткову групу в дитячому садку № {n}", "Облаштувати спортивний майданчик школи № {n}"]),
    "Охорона здоров'я": ("HEALTH", ["Продовжити години роботи амбулаторії № {n}", "Придбати обладнання для лікарні № {n}"]),
    "ЖКГ": ("HOUSING", ["Замінити ліфт у будинку на вул. {street}, {n}", "Провести освітлення на вул. {street}"]),
    "Культура і спорт": ("SPORT", ["Відкрити безкоштовну секцію в спортзалі № {n}", "Провести фестиваль вуличної музики"]),
    "Містобудування": ("ARCH", ["Не допустити забудови скверу на вул. {street}", "Зберегти історичну будівлю на вул. {street}, {n}"]),
    "Екологія": ("HOUSING", ["Заборонити вирубку дерев у парку на вул. {street}", "Встановити контейнери для сортування сміття"]),
    "Соціальний захист": ("SOCIAL", ["Запровадити пільговий проїзд для студентів", "Відкрити соціальну їдальню на вул. {street}"]),
}
# share of petitions per category
PETITION_CATEGORY_SHARES = {"Благоустрій": 26, "Транспорт": 15, "Освіта": 10, "Охорона здоров'я": 8, "ЖКГ": 14,
                            "Культура і спорт": 8, "Містобудування": 7, "Екологія": 7, "Соціальний захист": 5}
STREETS = ["Шевченка", "Університетська", "Свободи", "Соборна", "Центральна", "Вокзальна", "Лесі Українки",
           "Героїв", "Садова", "Паркова", "Заводська", "Миру", "Набережна", "Козацька", "Сонячна"]

# --- People (all invented) ------------------------------------------------------------------------------
MALE_FIRST = ["Андрій", "Олександр", "Віктор", "Сергій", "Микола", "Олег", "Юрій", "Ігор", "Василь", "Дмитро",
              "Петро", "Богдан", "Роман", "Тарас", "Володимир"]
FEMALE_FIRST = ["Олена", "Наталія", "Ірина", "Тетяна", "Оксана", "Світлана", "Людмила", "Ганна", "Марія",
                "Юлія", "Валентина", "Лариса"]
SURNAMES = ["Бондар", "Ткаченко", "Кравець", "Олійник", "Шевчук", "Поліщук", "Мельничук", "Гнатюк", "Лисенко",
            "Савчук", "Руденко", "Марченко", "Кушнір", "Гордієнко", "Білик", "Яковенко", "Остапчук", "Дорошенко"]

# The mayor (votes, belongs to no faction).
MAYOR = ("Верескун Андрій Миколайович", "m")

# Factions of the 7th convocation: (name, short name, colour, camp). The coalition and the swing group
# carry most decisions; the opposition votes against contested drafts.
FACTIONS = [
    ("Розвиток громади", "РГ", "#1f77b4", "coalition"),
    ("Наше місто", "НМ", "#2ca02c", "coalition"),
    ("Відповідальні", "ВІД", "#9467bd", "swing"),
    ("Громадянська платформа", "ГП", "#d62728", "opposition"),
    ("Європейський вибір", "ЄВ", "#ff7f0e", "opposition"),
]

# 36 deputies elected in 2015: (full name, gender, faction short name, behaviour).
# behaviour: "" ordinary, "rebel" (often differs from the faction), "absentee" (misses many sessions).
DEPUTIES = [
    ("Антоненко Віктор Іванович", "m", "РГ", ""), ("Бабенко Олена Сергіївна", "f", "РГ", ""),
    ("Бережний Олег Петрович", "m", "РГ", ""), ("Власенко Ірина Миколаївна", "f", "РГ", ""),
    ("Гайдук Сергій Васильович", "m", "РГ", "absentee"), ("Дяченко Микола Андрійович", "m", "РГ", ""),
    ("Єрмоленко Тетяна Вікторівна", "f", "РГ", ""), ("Жураковський Юрій Олегович", "m", "РГ", ""),
    ("Зінченко Ігор Романович", "m", "РГ", ""), ("Карпенко Людмила Іванівна", "f", "РГ", ""),
    ("Кириленко Василь Степанович", "m", "РГ", "rebel"), ("Ковальчук Оксана Петрівна", "f", "РГ", ""),
    ("Левченко Дмитро Юрійович", "m", "НМ", ""), ("Литвиненко Ганна Олексіївна", "f", "НМ", ""),
    ("Мазур Петро Богданович", "m", "НМ", ""), ("Назаренко Світлана Ігорівна", "f", "НМ", ""),
    ("Онищенко Роман Вікторович", "m", "НМ", "absentee"), ("Павленко Марія Дмитрівна", "f", "НМ", ""),
    ("Приходько Богдан Олександрович", "m", "НМ", ""), ("Радченко Тарас Миколайович", "m", "НМ", ""),
    ("Сидоренко Юлія Андріївна", "f", "ВІД", ""), ("Тимошенко Володимир Петрович", "m", "ВІД", "rebel"),
    ("Устименко Валентина Сергіївна", "f", "ВІД", ""), ("Федоренко Андрій Олегович", "m", "ВІД", ""),
    ("Харченко Олександр Іванович", "m", "ГП", ""), ("Цибуленко Лариса Василівна", "f", "ГП", ""),
    ("Чорновол Віктор Андрійович", "m", "ГП", ""), ("Шаповал Наталія Олегівна", "f", "ГП", ""),
    ("Щербак Сергій Миколайович", "m", "ГП", "absentee"), ("Юрченко Микола Петрович", "m", "ГП", "rebel"),
    ("Ярошенко Ірина Богданівна", "f", "ГП", ""), ("Артеменко Олег Вікторович", "m", "ЄВ", ""),
    ("Вакуленко Тетяна Юріївна", "f", "ЄВ", ""), ("Гончаренко Ігор Васильович", "m", "ЄВ", ""),
    ("Дудник Оксана Романівна", "f", "ЄВ", ""), ("Куліш Юрій Андрійович", "m", "ЄВ", ""),
]
# Faction switches: (deputy full name, new faction short name, date the new membership starts).
SWITCHES = [
    ("Юрченко Микола Петрович", "ВІД", dt.date(2017, 3, 1)),
    ("Радченко Тарас Миколайович", "ВІД", dt.date(2018, 9, 14)),
    ("Куліш Юрій Андрійович", "ГП", dt.date(2019, 6, 1)),
]
# Replacements: (outgoing deputy, last day of the mandate, incoming deputy, gender).
REPLACEMENTS = [
    ("Гайдук Сергій Васильович", dt.date(2017, 6, 30), "Стасюк Олександр Ігорович", "m"),
    ("Цибуленко Лариса Василівна", dt.date(2019, 2, 28), "Мороз Наталія Вікторівна", "f"),
]

# --- Council calendar: convocation 7 began on CONVOCATION_START; sessions per year; 31 sessions with
# published votes by the end of 2017 (2 + 14 + 15).
CONVOCATION_START = dt.date(2015, 11, 20)
COMPOSITION = 37
MAJORITY = 19
SESSIONS_PER_YEAR = {2015: 2, 2016: 14, 2017: 15, 2018: 12, 2019: 12, 2020: 12}
# Decision votes per session at scale 1; the last session of 2017 runs longer, up to DECISIONS_BY_2017.
DECISION_VOTES_PER_SESSION = {2015: 30, 2016: 40, 2017: 40, 2018: 32, 2019: 30, 2020: 30}
DECISIONS_BY_2017 = 1_046  # reached exactly: the last session of 2017 (the budget) stops there
AMENDMENTS_PER_SESSION = 3
PROCEDURAL_PER_SESSION = 4
# Votes whose source tally differs from its list (session number -> position in the session), and agenda
# items whose votes and decision were not published (session number -> item).
MISMATCHED_VOTES = {9: 6, 38: 12, 52: 20}
UNPUBLISHED_ITEMS = {5: "3", 27: "10", 44: "7", 60: "15"}

# How each faction votes (FACTIONS order: РГ, НМ, ВІД, ГП, ЄВ), with the share of votes that go so.
DECISION_SCENARIOS = [
    (0.53, ("for", "for", "for", "for", "for")),              # consensus: land plots, programmes
    (0.22, ("for", "for", "for", "against", "abstain")),      # the coalition's line
    (0.05, ("for", "for", "abstain", "against", "against")),  # tight: the swing group holds back
    (0.05, ("for", "abstain", "for", "against", "not_voting")),  # the junior partner hesitates: often fails
    (0.05, ("for", "for", "for", "for", "against")),
    (0.03, ("for", "for", "against", "against", "for")),
    (0.04, ("abstain", "not_voting", "abstain", "for", "for")),  # the opposition's drafts fail
    (0.03, ("for", "against", "abstain", "against", "against")),
]
PROCEDURAL_SCENARIOS = [
    (0.8, ("for", "for", "for", "for", "for")),
    (0.2, ("for", "for", "for", "against", "against")),
]
AMENDMENT_SCENARIOS = [
    (0.65, ("against", "not_voting", "abstain", "for", "for")),
    (0.35, ("for", "for", "for", "for", "for")),
]
# Individual behaviour: chance to differ from the own faction, to miss a whole session.
LOYALTY = {"": 0.97, "rebel": 0.80, "absentee": 0.96, "mayor": 0.99}
SESSION_ABSENCE = {"": 0.06, "rebel": 0.08, "absentee": 0.45, "mayor": 0.08}
VOTE_ABSENCE = 0.03          # stepped out for one vote
NOT_PRESSED = 0.02           # present, pressed no button
PROCEDURAL_NOT_PRESSED = 0.35
DECISION_TITLES = {
    "LAND": ["Про надання дозволу на розробку проєкту землеустрою щодо ділянки на вул. {street}, {n}",
             "Про затвердження технічної документації із землеустрою на вул. {street}, {n}",
             "Про поновлення договору оренди земельної ділянки на вул. {street}, {n}"],
    "HOUSING": ["Про затвердження Програми благоустрою на {year} рік", "Про передачу у комунальну власність будинку на вул. {street}, {n}",
                "Про тарифи на вивезення побутових відходів"],
    "FIN": ["Про внесення змін до міського бюджету на {year} рік", "Про затвердження звіту про виконання бюджету",
            "Про місцеві податки і збори на {year} рік"],
    "ECON": ["Про затвердження Програми економічного і соціального розвитку на {year} рік",
             "Про оренду нежитлового приміщення на вул. {street}, {n}"],
    "EDU": ["Про мережу закладів освіти на {year}/{next} навчальний рік", "Про реорганізацію школи № {n}"],
    "HEALTH": ["Про Програму розвитку первинної медичної допомоги", "Про реорганізацію амбулаторії № {n}"],
    "SOCIAL": ["Про Програму соціального захисту населення на {year} рік", "Про надання матеріальної допомоги"],
    "ARCH": ["Про затвердження детального плану території на вул. {street}", "Про найменування вулиць"],
    "CULTURE": ["Про Програму розвитку культури на {year} рік"],
    "SPORT": ["Про Програму розвитку фізичної культури і спорту на {year} рік"],
    "CHILD": ["Про Програму оздоровлення дітей на {year} рік"],
    "COUNCIL": ["Про затвердження плану роботи ради", "Про зміни до складу постійної комісії", "Про звернення депутатів"],
    "TRANSPORT": ["Про Програму розвитку міського транспорту", "Про затвердження мережі автобусних маршрутів"],
    "EXEC": ["Про затвердження структури виконавчих органів ради", "Про звіт міського голови"],
}
PROCEDURAL_TITLES = ["Про затвердження порядку денного", "Про включення питання до порядку денного",
                     "Про перерву в засіданні", "Про обрання лічильної комісії", "Про зміну черговості розгляду"]

# --- Procurement: procurements published per year (2017 pinned to the report's 900) ------------------
TENDERS_PER_YEAR = {2015: 310, 2016: 720, 2017: 900, 2018: 960, 2019: 1010, 2020: 980}
# (procurementMethod, procurementMethodType, share, typical expected value in UAH)
TENDER_METHODS = [
    ("limited", "reporting", 0.52, 18_000), ("open", "belowThreshold", 0.31, 95_000),
    ("open", "aboveThresholdUA", 0.11, 1_400_000), ("open", "aboveThresholdEU", 0.01, 9_000_000),
    ("limited", "negotiation", 0.02, 600_000), ("limited", "negotiation.quick", 0.01, 300_000),
    ("selective", "competitiveDialogueUA", 0.005, 4_000_000), ("direct", "priceQuotation", 0.015, 60_000),
]
TENDER_ITEMS = {
    "EDU": [("15800000-6", "Продукти харчування для закладів освіти"), ("39160000-1", "Шкільні меблі"),
            ("45450000-6", "Ремонт приміщень школи № {n}")],
    "HOUSING": [("45230000-8", "Капітальний ремонт дороги по вул. {street}"), ("09310000-5", "Електрична енергія"),
                ("77310000-6", "Послуги з озеленення")],
    "HEALTH": [("33600000-6", "Лікарські засоби"), ("33140000-3", "Медичні матеріали"),
               ("33100000-1", "Медичне обладнання")],
    "EXEC": [("30190000-7", "Канцелярське приладдя"), ("09130000-9", "Паливо для службового транспорту"),
             ("79340000-9", "Рекламні послуги")],
    "SOCIAL": [("15800000-6", "Продуктові набори"), ("30190000-7", "Канцтовари")],
    "CULTURE": [("92310000-7", "Організація міських свят"), ("22110000-4", "Друковані книги")],
    "FIN": [("48000000-8", "Програмне забезпечення")], "COUNCIL": [("30210000-4", "Комп'ютерна техніка")],
    "TRANSPORT": [("34920000-2", "Дорожнє обладнання")], "DIGITAL": [("72260000-5", "Послуги з розробки сайту")],
}
TENDER_STATUSES = {"complete": 0.87, "cancelled": 0.07, "unsuccessful": 0.06}  # recent ones may still be "active"

# --- Consultations per year: (with an online poll, without); 2017 pinned to the report's 3 ----------
CONSULTATIONS_PER_YEAR = {2015: (0, 3), 2016: (1, 4), 2017: (3, 4), 2018: (4, 3), 2019: (5, 3), 2020: (6, 2)}
CONSULTATION_TITLES = ["Громадське обговорення проєкту детального плану території по вул. {street}",
                       "Обговорення Стратегії розвитку міста", "Громадський бюджет: вибір проєктів",
                       "Обговорення схеми руху громадського транспорту", "Перейменування вулиці {street}",
                       "Обговорення правил благоустрою міста", "Опитування щодо мережі шкіл"]

# --- KPI targets (council-wide) per year 2016–2020 ---------------------------------------------------
KPI_TARGETS = {
    "press_conferences": (10, 12, 12, 12, 12),
    "guest_in_studio": (4, 5, 6, 6, 6),
    "foreign_journalists": (1, 2, 2, 2, 2),
    "outlets_covering": (25, 28, 30, 30, 32),
    "website_daily_visitors": (450, 500, 600, 650, 700),
    "live_streams": (150, 300, 420, 540, 650),
    "live_stream_views": (8_000, 20_000, 30_000, 42_000, 55_000),
    "procurements": (700, 850, 900, 950, 1_000),
    "petitions_submitted": (80, 200, 320, 420, 520),
    "petitions_considered": (10, 25, 40, 55, 70),
    "plenary_sessions": (15, 30, 42, 54, 66),
    "decisions": (500, 1_000, 1_400, 1_800, 2_200),
    "consultations_online": (1, 3, 4, 5, 6),
}
