"""The demo council's structural units: the city council, its executive committee and their departments.

Rule: ids follow the catalogue's order (parents first); a unit buys in its own name where it has an ЄДРПОУ,
otherwise through its nearest ancestor that has one.
"""

from __future__ import annotations

from dashboard import schema
from dashboard.writer.demo.base import Writer

# (code, name_uk, name_en, parent code, ЄДРПОУ where the unit buys in its own name)
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


def write(writer: Writer) -> dict[str, int]:
    """The units; returns their ids by code."""
    ids = {code: i for i, (code, *_rest) in enumerate(UNITS, start=1)}
    writer.rows(schema.units, ("id", "code", "name_uk", "name_en", "parent_id", "edrpou"),
                ((ids[code], code, uk, en, ids.get(parent), edrpou) for code, uk, en, parent, edrpou in UNITS))
    return ids


def buyer(code: str) -> tuple[str, str]:
    """ЄДРПОУ and name of whoever buys for a unit: the unit itself or its nearest ancestor with a code."""
    by_code = {row[0]: row for row in UNITS}
    row = by_code[code]
    while row[4] is None:
        row = by_code[row[3]]
    return row[4], row[1]
