"""The demo council's votes: convocation, factions, deputies, memberships, sessions, votes, choices, decisions.

Rule: each vote draws a line per faction from a scenario (consensus, the coalition's line, the opposition's
drafts...); each deputy follows the own faction's line unless absent or rebelling. Tallies equal the choices
except MISMATCHED_VOTES; the last session of 2017 stops when the adopted public decisions since 2015 reach
DECISIONS_BY_2017 (times the scale). The plenary days draw from the "calendar" stream, everything else from
"council"; the vote summaries are recomputed from the rows once every domain is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
from sqlalchemy import func, select

from dashboard import schema
from dashboard.writer.demo.base import Writer, domain_rng, fill, pick
from dashboard.writer.names import name_key
from dashboard.writer.vote_summaries import SUMMARY_TABLES, refresh_vote_summaries

# A session's choices are a votes × deputies matrix of indexes into CHOICES.
CHOICES = ("for", "against", "abstain", "not_voting", "absent")
FOR, AGAINST, ABSTAIN, NOT_VOTING, ABSENT = range(5)
UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"

# How many of the council's decisions a unit drafts.
DECISION_UNITS = {"LAND": 30, "HOUSING": 14, "FIN": 10, "ECON": 8, "EDU": 7, "HEALTH": 5, "SOCIAL": 6, "ARCH": 8,
                  "CULTURE": 3, "SPORT": 2, "CHILD": 2, "COUNCIL": 5, "TRANSPORT": 3, "EXEC": 2}

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

# Council calendar: convocation 7 began on CONVOCATION_START; sessions per year; 31 sessions with
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


def session_days(seed: int) -> list[dt.date]:
    """Plenary days of the 7th convocation: spread over each year, on Thursdays, first on the start day."""
    rng = domain_rng(seed, "calendar")
    days = [CONVOCATION_START, dt.date(2015, 12, 24)]
    for year, count in SESSIONS_PER_YEAR.items():
        if year == 2015:
            continue
        for i in range(count):
            target = dt.date(year, 1, 15) + dt.timedelta(days=int(i * 345 / count + rng.integers(-4, 5)))
            thursday = target + dt.timedelta(days=(3 - target.weekday()) % 7)
            days.append(thursday)
    assert len(set(days)) == len(days), "two sessions on one day"
    return sorted(days)


def write(writer: Writer, seed: int, scale: int, unit_ids: dict[str, int], sessions: list[dt.date]) -> None:
    """Convocation 7, its factions, deputies (with switches and replacements), sessions, votes, choices and
    decisions, session by session."""
    rng = domain_rng(seed, "council")
    writer.rows(schema.convocations, ("id", "number", "started_on", "ended_on", "composition"),
                [(1, 7, CONVOCATION_START, None, COMPOSITION)])
    faction_ids = {short: i for i, (_name, short, _color, _camp) in enumerate(FACTIONS, start=1)}
    writer.rows(schema.factions, ("id", "convocation_id", "name", "short_name", "color"),
                ((faction_ids[short], 1, name, short, color) for name, short, color, _camp in FACTIONS))
    deputies = _deputies(writer, faction_ids)

    writer.rows(schema.plenary_sessions, ("id", "convocation_id", "held_on", "name"),
                ((index, 1, day, f"{index} сесія міської ради VII скликання") for index, day in enumerate(sessions, start=1)))
    vote_columns = ("id", "session_id", "source_key", "voted_at", "agenda_item", "title", "kind", "adopted", "unit_id",
                    "n_for", "n_against", "n_abstain", "n_not_voting", "n_present", "tally_mismatch", "is_public",
                    "choices_recorded")  # every demo vote has its list: the summaries' refresh then rewrites no vote
    budget_session = max(i for i, day in enumerate(sessions, start=1) if day.year == 2017)
    adopted_so_far, first_vote, decision_rows = 0, 1, []
    for index, day in enumerate(writer.track(sessions, "Votes"), start=1):
        office = sorted((d for d in deputies if d["from"] <= day and (d["to"] is None or day <= d["to"])),
                        key=lambda d: (not d["mayor"], _alphabetical(d["name"])))
        specs = _agenda(rng, scale, day, unit_ids, length=3 if index == budget_session else 1)
        for spec in specs:
            spec["public"] = not (index in UNPUBLISHED_ITEMS and spec["item"] == UNPUBLISHED_ITEMS[index])
        codes = _choices(rng, specs, office, day)
        tallies = [_tally(row, len(office), flagged=MISMATCHED_VOTES.get(index) == position)
                   for position, row in enumerate(codes)]
        adopted = [_adopted(spec["kind"], *tally[:3]) for spec, tally in zip(specs, tallies)]
        counted = np.cumsum([spec["kind"] == "decision" and spec["public"] and ok for spec, ok in zip(specs, adopted)])
        if index == budget_session:  # the long December session closes 2017 on the calibrated number of decisions
            cut = int(np.searchsorted(counted, DECISIONS_BY_2017 * scale - adopted_so_far)) + 1
            keep = list(range(min(cut, len(specs) - 1))) + [len(specs) - 1]
            specs, codes = [specs[i] for i in keep], codes[keep]
            tallies, adopted = [tallies[i] for i in keep], [adopted[i] for i in keep]
        adopted_so_far += int(counted[-1]) if index != budget_session else DECISIONS_BY_2017 * scale - adopted_so_far
        vote_rows, decision_no = [], 0
        for position, (spec, tally, ok) in enumerate(zip(specs, tallies, adopted)):
            vote_id = first_vote + position
            voted_at = dt.datetime.combine(day, dt.time(10, 0)) + dt.timedelta(minutes=3 * position + 20 * (position > len(specs) // 2))
            vote_rows.append((vote_id, index, f"demo:{day:%y%m%d}_{position + 1}", voted_at, spec["item"], spec["title"],
                              spec["kind"], ok, spec["unit"], *tally, spec["public"], True))
            if spec["kind"] == "decision" and ok:
                decision_no += 1
                published = day + dt.timedelta(days=int(rng.integers(1, 12))) if rng.random() > 0.01 else None
                decision_rows.append((len(decision_rows) + 1, 1, vote_id, f"{decision_no}-{index}-VII", spec["title"], day,
                                      published, spec["unit"], spec["public"]))
        writer.rows(schema.votes, vote_columns, vote_rows)
        writer.rows(schema.vote_choices, ("vote_id", "slot", "deputy_id", "choice"), _choice_rows(first_vote, codes, office))
        first_vote += len(specs)
    writer.rows(schema.decisions, ("id", "convocation_id", "vote_id", "number", "title", "adopted_on", "published_on",
                                   "unit_id", "is_public"), decision_rows)


def summarise(writer: Writer) -> None:
    """Recompute the vote summaries from the rows just written (the pages read them, not the choices)."""
    writer.step("Vote summaries", lambda: refresh_vote_summaries(writer.connection))
    for table in SUMMARY_TABLES:
        writer.counts[table.name] = writer.connection.execute(select(func.count()).select_from(table)).scalar_one()


def _deputies(writer: Writer, faction_ids: dict[str, int]) -> list[dict]:
    """Write the mayor, the 36 deputies and their replacements with their memberships; return them as dicts
    with the faction (column of DECISION_SCENARIOS) in force on each span."""
    start = CONVOCATION_START
    people = [{"name": MAYOR[0], "gender": MAYOR[1], "mayor": True, "behaviour": "mayor", "from": start,
               "to": None, "spans": []}]
    leaving = {out: (last, new, gender) for out, last, new, gender in REPLACEMENTS}
    switching = {name: (short, since) for name, short, since in SWITCHES}
    for name, gender, short, behaviour in DEPUTIES:
        person = {"name": name, "gender": gender, "mayor": False, "behaviour": behaviour, "from": start, "to": None}
        if name in switching:
            new_short, since = switching[name]
            person["spans"] = [(short, None, since - dt.timedelta(days=1)), (new_short, since, None)]
        else:
            person["spans"] = [(short, None, None)]
        people.append(person)
        if name in leaving:
            last, new_name, new_gender = leaving[name]
            person["to"] = last
            person["spans"][-1] = (*person["spans"][-1][:2], last)
            people.append({"name": new_name, "gender": new_gender, "mayor": False, "behaviour": "",
                           "from": last + dt.timedelta(days=1), "to": None,
                           "spans": [(person["spans"][-1][0], last + dt.timedelta(days=1), None)]})
    columns = {short: i for i, (_n, short, _c, _camp) in enumerate(FACTIONS)}
    memberships = []
    for deputy_id, person in enumerate(people, start=1):
        person["id"] = deputy_id
        person["spans"] = [(columns[short], since, until) for short, since, until in person["spans"]]
        memberships += [(deputy_id, faction_ids[FACTIONS[col][1]], since, until) for col, since, until in person["spans"]]
    writer.rows(schema.deputies, ("id", "convocation_id", "full_name", "name_key", "gender", "is_mayor", "mandate_from",
                                  "mandate_to"),
                ((p["id"], 1, p["name"], name_key(p["name"]), p["gender"], p["mayor"], p["from"], p["to"]) for p in people))
    writer.rows(schema.faction_memberships, ("id", "deputy_id", "faction_id", "from_on", "to_on"),
                ((i, *m) for i, m in enumerate(memberships, start=1)))
    return people


def _agenda(rng: np.random.Generator, scale: int, day: dt.date, unit_ids: dict[str, int], length: int) -> list[dict]:
    """The session's votes in order: registration, agenda procedure, items (amendments before their draft),
    a second registration after the break, more items, a closing procedural vote. `length` multiplies the
    items (the long December session)."""
    mean = DECISION_VOTES_PER_SESSION[day.year] * scale * length
    n_decisions = max(1, int(round(mean * rng.uniform(0.8, 1.2))))
    amended = set(rng.choice(n_decisions, size=min(n_decisions, AMENDMENTS_PER_SESSION * scale), replace=False).tolist())
    n_procedural = PROCEDURAL_PER_SESSION * scale

    def procedural():
        title = PROCEDURAL_TITLES[int(rng.integers(len(PROCEDURAL_TITLES)))]
        return {"kind": "procedural", "title": title, "item": None, "unit": None,
                "line": _scenario(rng, PROCEDURAL_SCENARIOS)}

    registration = {"kind": "registration", "title": "Реєстрація депутатів", "item": None, "unit": None,
                    "line": (FOR,) * 5}
    specs = [registration, procedural()]
    for item, unit in enumerate(pick(rng, DECISION_UNITS, n_decisions)):
        templates = DECISION_TITLES[unit]
        title = fill(templates[int(rng.integers(len(templates)))], rng, day.year)
        if item in amended:
            author = DEPUTIES[int(rng.integers(len(DEPUTIES)))][0].split()[0]
            specs.append({"kind": "amendment", "title": f"Поправка депутата {author} до проєкту «{title}»",
                          "item": str(item + 1), "unit": unit_ids[unit], "line": _scenario(rng, AMENDMENT_SCENARIOS)})
        specs.append({"kind": "decision", "title": title, "item": str(item + 1), "unit": unit_ids[unit],
                      "line": _scenario(rng, DECISION_SCENARIOS)})
        if item == n_decisions // 2:
            specs.append(dict(registration))
        if rng.random() < (n_procedural - 2) / n_decisions:
            specs.append(procedural())
    specs.append(procedural())
    return specs


def _scenario(rng: np.random.Generator, scenarios) -> tuple[int, ...]:
    shares = np.array([share for share, _line in scenarios])
    _share, line = scenarios[int(rng.choice(len(scenarios), p=shares / shares.sum()))]
    return tuple(CHOICES.index(choice) for choice in line)


def _choices(rng: np.random.Generator, specs: list[dict], office: list[dict], day: dt.date) -> np.ndarray:
    """Votes × deputies matrix of choice codes for one session."""
    columns = [_faction_column(d, day) for d in office]
    loyalty = np.array([LOYALTY[d["behaviour"]] for d in office])
    away = np.array([SESSION_ABSENCE[d["behaviour"]] for d in office])
    lines = np.array([spec["line"] for spec in specs])                     # votes × factions
    codes = lines[:, columns]                                             # votes × deputies
    kinds = np.array([spec["kind"] for spec in specs])
    shape = codes.shape
    deviates = (rng.random(shape) > loyalty[None, :]) & (kinds[:, None] != "registration")
    codes = np.where(deviates, (codes + rng.integers(1, 4, shape)) % 4, codes)
    not_pressed = np.where(kinds == "procedural", PROCEDURAL_NOT_PRESSED, NOT_PRESSED)
    codes = np.where(rng.random(shape) < not_pressed[:, None], NOT_VOTING, codes)
    absent = (rng.random(len(office)) < away)[None, :] | (rng.random(shape) < VOTE_ABSENCE)
    return np.where(absent, ABSENT, codes)


def _faction_column(deputy: dict, day: dt.date) -> int:
    """The deputy's faction (scenario column) on that day; the mayor follows the largest faction's line."""
    for column, since, until in deputy["spans"]:
        if (since is None or since <= day) and (until is None or day <= until):
            return column
    return 0


def _tally(row: np.ndarray, office_size: int, flagged: bool) -> tuple:
    """The source's counts (for, against, abstain, not voting, present) and its mismatch flag: a flagged vote's
    source counted one vote more than its list shows."""
    counts = np.bincount(row, minlength=5)
    n_for, n_against, n_abstain, n_not_voting = (int(x) for x in counts[:4])
    n_present = office_size - int(counts[ABSENT])
    if flagged:
        n_for, n_present = n_for + 1, n_present + 1
    return n_for, n_against, n_abstain, n_not_voting, n_present, flagged


def _adopted(kind: str, n_for: int, n_against: int, n_abstain: int) -> bool:
    """The e-voting system's result: decisions and amendments need a majority of the whole composition,
    procedural votes a simple majority of those who voted, registration a quorum."""
    if kind == "procedural":
        return n_for > n_against + n_abstain
    return n_for >= MAJORITY


def _choice_rows(first_vote: int, codes: np.ndarray, office: list[dict]) -> Iterable[tuple]:
    names = np.array(CHOICES, dtype=object)[codes]
    ids = [d["id"] for d in office]
    for position, row in enumerate(names.tolist()):
        vote_id = first_vote + position
        for slot, (deputy_id, choice) in enumerate(zip(ids, row), start=1):
            yield vote_id, slot, deputy_id, choice


def _alphabetical(name: str) -> tuple:
    """Sort key in the order of the Ukrainian alphabet: the slots of a vote's list follow it, mayor first."""
    return tuple(UKRAINIAN_ALPHABET.find(ch) if ch in UKRAINIAN_ALPHABET else 100 + ord(ch) for ch in name.lower())
