"""What every page walk checks on a page run under AppTest: no exception or error box, no `None` or message key on
screen, no empty chart, count axes tick at whole numbers and a date axis never prints one label twice.

Shared by the sparse-source walk and the council walkthrough."""

from __future__ import annotations

import base64
import json
import re

import numpy as np

from dashboard.i18n import messages
from queries.datasets import all_datasets

KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def texts(app) -> str:
    """Every text the page wrote: titles, markdown, captions, notices, parts' labels, metrics, tables, widget labels
    and options."""
    parts = [element.value for element in (*app.title, *app.header, *app.subheader, *app.markdown, *app.caption,
                                            *app.info, *app.warning, *app.success)]
    parts += [expander.label for expander in app.expander]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    parts += [frame.value.to_csv(index=False) for frame in app.dataframe]
    parts += [f"{box.label} {' '.join(map(str, box.options))}" for box in app.selectbox]
    return "\n".join(str(part) for part in parts)


def figures(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _axis_of(trace: dict, letter: str) -> str:
    ref = trace.get(f"{letter}axis", letter)
    return f"{letter}axis{ref[1:]}"


def _values(trace: dict, letter: str) -> list:
    values = trace.get(letter) or []
    if isinstance(values, dict):  # Plotly's typed array: base64 of a numpy dtype
        values = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return [v for v in values if v is not None]


def _numbers(values: list) -> bool:
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _dates(values: list) -> bool:
    return bool(values) and all(isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d([ T][\d:.]+)?", v)
                                for v in values)


def check_figure(figure: dict, where: str) -> None:
    """A figure draws something; an axis of counts declares whole ticks; a date axis declares its step."""
    layout, data = figure["layout"], figure["data"]
    drawn = [trace for trace in data if trace.get("type") in ("heatmap", "funnel") or _values(trace, "x")]
    assert drawn, f"{where}: an empty chart (the page should say there is no data): {data}"
    axes: dict[str, list] = {}
    for trace in data:
        if trace.get("type") not in ("heatmap", "funnel"):
            for letter in "xy":
                axes.setdefault(_axis_of(trace, letter), []).extend(_values(trace, letter))
    for name, values in axes.items():
        axis = layout.get(name, {})
        if _numbers(values) and all(float(v).is_integer() for v in values) and "%" not in axis.get("ticksuffix", ""):
            assert axis.get("tickformat", "").endswith("d"), f"{where}: count axis {name} may tick at a fraction: {axis}"
            assert max(values) > 10 or axis.get("dtick") == 1, f"{where}: few counts on {name} need a tick per whole"
        if _dates(values) and axis.get("type") != "category" and axis.get("tickmode") != "array":
            assert "dtick" in axis, f"{where}: date axis {name} without a step may repeat its labels: {axis}"
            monthly = "%d" not in axis.get("tickformat", "%d")
            assert not monthly or str(axis["dtick"]).startswith("M"), f"{where}: month labels at day steps: {axis}"


def check_page(app, where: str) -> None:
    assert not app.exception, f"{where}: {[e.value for e in app.exception]}"
    assert not app.error, f"{where}: {[e.value for e in app.error]}"
    shown = texts(app)
    assert not re.search(r"\bNone\b", shown), f"{where}: None on screen"
    keys = set(KEY.findall(shown)) & (set(messages()) - set(all_datasets()))  # a download names its dataset
    assert not keys, f"{where}: message keys on screen: {keys}"
    for table in app.dataframe:  # a table shows an empty text cell as «None» (an empty flag is unchecked)
        empty = [name for name, column in table.value.items() if column.dtype == object and column.isna().any()
                 and not all(isinstance(value, bool) for value in column.dropna())]
        assert not empty, f"{where}: empty texts (shown as None) in {empty}"
    for number, figure in enumerate(figures(app)):
        check_figure(figure, f"{where} chart {number}")
