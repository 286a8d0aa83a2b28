"""Files of a dataset in either shape: the machine's (CSV, JSON, Parquet: stable keys, full precision) and the
reader's (CSV and XLSX: the page's headers, words and rounding; numbers and dates as the page prints them in
the CSV, typed and formatted cells in the XLSX, through XlsxWriter).

Every CSV and XLSX, of either shape, neutralises text cells that a spreadsheet would read as a formula (OWASP's
rule: a cell beginning with =, +, -, @, a tab or a carriage return gets a leading single quote), so a title
imported as `=HYPERLINK(...)` stays text on opening; JSON and Parquet keep every value as it is.
"""

from __future__ import annotations

import datetime as dt
import io

import polars as pl
import xlsxwriter

from dashboard.i18n import t
from queries.shapes import Sheet

MACHINE = {"csv": "text/csv", "json": "application/json", "parquet": "application/vnd.apache.parquet"}
READER = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
FORMATS = {"machine": MACHINE, "reader": READER}
"""The formats of each shape, with their media types."""

FORMULA = r"^[=+\-@\t\r]"
BOM = b"\xef\xbb\xbf"  # spreadsheet programs read a CSV with it as UTF-8, so Cyrillic survives
SEPARATOR = {"uk": ";", "en": ","}
"""The reader's CSV separator: a decimal comma's locale (Excel in Ukrainian) splits a CSV at semicolons."""
SHEET_ROWS = 1_048_575  # an XLSX sheet's rows under its header; more rows go on to another sheet
SHEET_URLS = 65_530     # Excel's hyperlinks per sheet; past it, links are written as text
CREATED = dt.datetime(2000, 1, 1)  # an XLSX's creation date: fixed, so a file changes only with its rows


def neutralised(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that a spreadsheet would evaluate, with a leading quote (the frame's other cells as they are)."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(pl.when(pl.col(name).str.contains(FORMULA)).then(pl.lit("'") + pl.col(name))
                              .otherwise(pl.col(name)).alias(name) for name in text)


def machine(frame: pl.DataFrame, file_format: str) -> bytes:
    """The machine's file: CSV (UTF-8 with a BOM, text neutralised), JSON (records, ISO dates) or Parquet (typed)."""
    if file_format == "csv":
        return BOM + neutralised(frame).write_csv().encode("utf-8")
    if file_format == "json":
        return frame.write_json().encode("utf-8")
    if file_format == "parquet":
        buffer = io.BytesIO()
        frame.write_parquet(buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown format {file_format!r}; one of {', '.join(MACHINE)}")


# --- The reader's CSV: every value as the page prints it ---------------------------------------------

def number_text(value: float | int | None, lang: str, decimals: int | None = None) -> str | None:
    """`1 234,5` in Ukrainian (a no-break space groups, a decimal comma), `1,234.5` in English; a plain minus,
    so a spreadsheet still reads the number. `decimals` None: none for a whole number, else one."""
    if value is None:
        return None
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "uk" else text


DATE_FORMATS = {"date": ("%d.%m.%Y", "%Y-%m-%d"), "datetime": ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"),
                "month": ("%m.%Y", "%Y-%m")}
"""Dates as the page prints them: DD.MM.YYYY in Ukrainian, ISO in English (unambiguous abroad)."""


def _text(series: pl.Series, kind: str, lang: str) -> pl.Series:
    if kind in DATE_FORMATS:
        return series.dt.strftime(DATE_FORMATS[kind][lang != "uk"])
    if kind == "flag":
        return series.replace_strict({True: t("yes", lang), False: t("no", lang)}, default=None, return_dtype=pl.String)
    if kind == "year" or not series.dtype.is_numeric():
        return series.cast(pl.String)
    decimals = {"share": 1, "index": 3, "money": 0}.get(kind)
    return pl.Series(series.name, [number_text(value, lang, decimals) for value in series], dtype=pl.String)


def reader_csv(sheet: Sheet) -> bytes:
    """The reader's CSV: headers in the language, numbers and dates printed as on the page, text neutralised."""
    text = neutralised(sheet.frame)  # before numbers become text: a printed «-1» is a number, not a formula
    printed = pl.DataFrame([text[name] if text.schema[name] == pl.String else _text(text[name], kind, sheet.lang)
                            for name, kind in zip(text.columns, sheet.kinds)])
    return BOM + printed.write_csv(separator=SEPARATOR[sheet.lang]).encode("utf-8")


# --- The reader's XLSX: typed cells, formatted ----------------------------------------------------

NUMBER_FORMATS = {"year": "0", "share": "0.0", "index": "0.000", "money": "#,##0", "flag": None,
                  "date": ("dd.mm.yyyy", "yyyy-mm-dd"), "datetime": ("dd.mm.yyyy hh:mm", "yyyy-mm-dd hh:mm"),
                  "month": ("mm.yyyy", "yyyy-mm")}
"""Excel number formats by kind (a spreadsheet shows the grouping and decimal signs of its own locale)."""


def _cell_format(book: xlsxwriter.Workbook, kind: str, dtype: pl.DataType, lang: str):
    code = NUMBER_FORMATS.get(kind)
    if isinstance(code, tuple):
        code = code[lang != "uk"]
    if code is None and kind == "number":
        code = "#,##0.0" if dtype.is_float() else "#,##0"
    return book.add_format({"num_format": code}) if code else None


def _width(sheet: Sheet, name: str, kind: str) -> int:
    sample = sheet.frame[name].head(200).cast(pl.String).str.len_chars().max() or 0
    if kind in ("date", "month", "datetime"):
        sample = 16
    return max(8, min(60, max(len(name), sample) + 2))


def reader_xlsx(sheet: Sheet, title: str) -> bytes:
    """The reader's XLSX: one row of headers (frozen, with a filter), typed cells (numbers, dates, true/false,
    links as links), text neutralised; a sheet of more rows than Excel holds continues on the next sheet."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False, "nan_inf_to_errors": True})
    book.set_properties({"created": CREATED})  # the same rows, the same bytes (else the time of writing)
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    frame = neutralised(sheet.frame)
    columns = list(zip(frame.columns, sheet.kinds))
    formats = [_cell_format(book, kind, frame.schema[name], sheet.lang) for name, kind in columns]
    parts = range(0, max(frame.height, 1), SHEET_ROWS)
    for number, start in enumerate(parts, 1):
        worksheet = book.add_worksheet(title[:31] if len(parts) == 1 else f"{title[:27]} ({number})")
        worksheet.freeze_panes(1, 0)
        for col, (name, kind) in enumerate(columns):
            worksheet.write_string(0, col, name, bold)
            worksheet.set_column(col, col, _width(sheet, name, kind))
        chunk = frame.slice(start, SHEET_ROWS)
        links = 0
        for col, (name, kind) in enumerate(columns):
            cell_format = formats[col]
            for row, value in enumerate(chunk[name], 1):
                if value is None:
                    continue
                if kind == "flag":
                    worksheet.write_boolean(row, col, value)
                elif isinstance(value, (dt.date, dt.datetime)):
                    worksheet.write_datetime(row, col, value, cell_format)
                elif isinstance(value, (int, float)):
                    worksheet.write_number(row, col, value, cell_format)
                elif kind == "link" and value.startswith(("https://", "http://")) and links < SHEET_URLS:
                    written = worksheet.write_url(row, col, value, string=value) == 0  # too long: -3, as text below
                    links += written
                    if not written:
                        worksheet.write_string(row, col, value)
                else:
                    worksheet.write_string(row, col, value)
        if columns:
            worksheet.autofilter(0, 0, chunk.height, len(columns) - 1)
    book.close()
    return buffer.getvalue()


def reader(sheet: Sheet, file_format: str, title: str) -> bytes:
    """The reader's file of a sheet: CSV or XLSX (`title` names the XLSX's sheet)."""
    if file_format == "csv":
        return reader_csv(sheet)
    if file_format == "xlsx":
        return reader_xlsx(sheet, title)
    raise ValueError(f"unknown format {file_format!r}; one of {', '.join(READER)}")
