"""Reading an import's files within bounds: every size capped, every text checked, every failure located.

The rules every importer inherits (docs/importing.md says them for users):
- a file given to `import` (a folder's files together, a ZIP's members together, uncompressed) is at most
  `import_max_file_mb`; one file inside a folder or ZIP at most `import_max_member_mb`. A ZIP's sizes are
  checked from its directory before anything is decompressed, and again while reading in 1 MB chunks,
  since a directory can lie; a member named outside the ZIP (`..`, an absolute path) is refused;
- a folder or ZIP holds regular files only: a symbolic link, a device or a pipe in it is refused by name, and so
  is a file that holds more bytes than its size says (`/proc/self/pagemap`), which no cap would stop in time;
- a CSV field is at most `import_max_field_kb` (counted in characters);
- text is UTF-16 with its byte-order mark, else UTF-8 (with or without one), else Windows-1251; bytes that
  are mostly UTF-8 with a broken sequence are broken UTF-8 and stop the file, never read as Windows-1251
  gibberish;
- JSON nested too deep for the parser stops with the line where the nesting passes MAX_JSON_DEPTH, a JSON number
  of more than MAX_NUMBER_DIGITS digits (or NaN, Infinity) at its line, a JSON text value over
  `import_max_field_kb` at its JSON path; UTF-16 without its byte-order mark is named and refused;
- a NUL character or a lone surrogate in a text value is refused with its location (PostgreSQL cannot
  store the first, no driver can encode the second); runs of whitespace become one space;
- a count is a whole number from 0 to MAX_COUNT (no council has more seats) unless the caller names a higher
  bound (visits, views), so it fits every backend.
Every refusal is an `ImportFailed` naming the file, the line or JSON path, and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath

from dashboard.settings import load_settings

MB = 1024 * 1024
CHUNK_BYTES = MB
MAX_JSON_DEPTH = 64
MAX_COUNT = 10_000
MAX_NUMBER_DIGITS = 40
UTF8_PAIR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]")
HIGH_BYTE = re.compile(rb"[\x80-\xff]")
JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|\n', re.DOTALL)
DIGITS = re.compile(r"[0-9]{1,9}")


class ImportFailed(Exception):
    """A file that cannot be imported; the message names the file, the line or JSON path, and the reason."""

    def __init__(self, location: str, reason: str):
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    """The bounds of one import, from the settings: size caps in bytes (fields in characters), and the years a
    date may fall in (`values.parse_date`)."""

    file_bytes: int
    member_bytes: int
    field_chars: int
    first_year: int
    last_year: int

    @classmethod
    def from_settings(cls) -> Limits:
        settings = load_settings()
        last_year = settings.import_last_year or dt.date.today().year + 1
        if settings.import_first_year > last_year:
            raise ImportFailed("settings", f"import_first_year {settings.import_first_year} is after "
                                           f"import_last_year {last_year}")
        return cls(settings.import_max_file_mb * MB, settings.import_max_member_mb * MB,
                   settings.import_max_field_kb * 1024, settings.import_first_year, last_year)


def printable(name: str) -> str:
    """A file name fit for a message and the database: bytes the file system could not decode become U+FFFD."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def _too_big(where: str, size: int, cap: int, setting: str) -> ImportFailed:
    return ImportFailed(where, f"{size / MB:,.1f} MB is more than the cap of {cap // MB:,} MB "
                               f"(setting {setting}, VIDKRYTO_{setting.upper()})")


def _not_regular(file: Path, shown: str) -> ImportFailed | None:
    """Why a file is not one to read (a link, a device, a pipe, a file larger than its size), or None."""
    if file.is_symlink():
        return ImportFailed(shown, "a symbolic link: refused (an import reads regular files only)")
    mode = file.stat().st_mode
    if not stat.S_ISREG(mode):
        return ImportFailed(shown, "not a regular file (a device, a pipe or a socket): refused")
    with file.open("rb") as stream:
        stream.seek(file.stat().st_size)
        if stream.read(8):
            return ImportFailed(shown, "holds more bytes than its size says (a system file such as /proc/…): refused")
    return None


def folder_files(path: Path) -> list[Path]:
    """A folder's files, in name order, every one of them a regular file (a link or a device stops the import)."""
    files = []
    for folder, folders, names in os.walk(path):
        for name in sorted(folders + names):
            file = Path(folder) / name
            if file.is_dir() and not file.is_symlink():
                continue
            if failure := _not_regular(file, printable(str(file.relative_to(path)))):
                raise failure
            files.append(file)
    return sorted(files)


def _linked(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def check_sizes(path: Path, limits: Limits) -> None:
    """Refuse a file, folder or ZIP over the caps, or holding anything but regular files, before anything of it
    is read or decompressed."""
    if path.is_dir():
        files = [(printable(str(file.relative_to(path))), file.stat().st_size) for file in folder_files(path)]
    else:
        if failure := _not_regular(path.resolve(), printable(path.name)):
            raise failure
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise _too_big(printable(path.name), size, limits.file_bytes, "import_max_file_mb")
        if not zipfile.is_zipfile(path):
            return
        with _open_zip(path) as archive:
            files = [(info.filename, info.file_size) for info in archive.infolist() if not info.is_dir()]
        linked = [info.filename for info in archive.infolist() if _linked(info)]
        if linked:
            raise ImportFailed(printable(linked[0]), "a symbolic link in the ZIP: refused (an import reads regular files only)")
        for name, _size in files:
            if name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name) or re.match(r"[A-Za-z]:", name):
                raise ImportFailed(printable(path.name), f"member {printable(name)[:80]!r} points outside the ZIP: refused")
    for name, size in files:
        if size > limits.member_bytes:
            raise _too_big(name, size, limits.member_bytes, "import_max_member_mb")
    total = sum(size for _, size in files)
    if total > limits.file_bytes:
        raise _too_big(printable(path.name), total, limits.file_bytes, "import_max_file_mb")


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFailed(printable(path.name), f"not a readable ZIP ({error})") from None


def member_names(path: Path) -> list[str]:
    """The names of the files a folder (recursively), a ZIP or a single file holds."""
    if path.is_dir():
        return [printable(str(file.relative_to(path))) for file in folder_files(path)]
    if zipfile.is_zipfile(path):
        with _open_zip(path) as archive:
            return sorted(info.filename for info in archive.infolist() if not info.is_dir())
    return [printable(path.name)]


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A ZIP member's bytes, read in chunks and refused as soon as they pass the cap."""
    parts, size = [], 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK_BYTES):
                size += len(chunk)
                if size > cap:
                    raise _too_big(info.filename, size, cap, "import_max_member_mb")
                parts.append(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        raise ImportFailed(info.filename, f"cannot be read from the ZIP ({error})") from None
    return b"".join(parts)


def members(path: Path, wanted: Callable[[str], bool], limits: Limits) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of the wanted files in a folder (recursively), a ZIP, or the file itself, one at a
    time, each within the caps (`check_sizes` has refused the whole beforehand)."""
    if path.is_dir():
        for file in folder_files(path):
            if wanted(file.name):
                yield printable(file.name), file.read_bytes()
    elif zipfile.is_zipfile(path):
        with _open_zip(path) as archive:
            for info in archive.infolist():
                if not info.is_dir() and wanted(PurePath(info.filename).name):
                    yield PurePath(info.filename).name, _read_member(archive, info, limits.member_bytes)
    elif wanted(path.name):
        yield printable(path.name), path.read_bytes()


def decode(name: str, raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in: UTF-16 with its byte-order mark (Matomo's CSV export), else
    UTF-8 (a byte-order mark allowed), else Windows-1251.

    Bytes that fail as UTF-8 but whose high bytes are mostly UTF-8 pairs are a broken UTF-8 file.
    """
    for mark, codec, shown in ((b"\xff\xfe", "utf-16-le", "UTF-16LE"), (b"\xfe\xff", "utf-16-be", "UTF-16BE")):
        if raw.startswith(mark):
            try:
                return raw[len(mark):].decode(codec), f"{shown} with a byte-order mark"
            except UnicodeDecodeError as error:
                raise ImportFailed(name, f"broken {shown} at byte {error.start + len(mark)}") from None
    if unmarked := unmarked_utf16(raw):
        raise ImportFailed(name, f"{unmarked} without a byte-order mark: save it as UTF-8, or as UTF-16 with its mark")
    try:
        return raw.decode("utf-8-sig"), "UTF-8 with a byte-order mark" if raw.startswith(b"\xef\xbb\xbf") else "UTF-8"
    except UnicodeDecodeError as error:
        high = len(HIGH_BYTE.findall(raw))
        if 2 * len(UTF8_PAIR.findall(raw)) > high / 2:
            raise ImportFailed(name, f"broken UTF-8 at byte {error.start}") from None
    try:
        return raw.decode("cp1251"), "Windows-1251"
    except UnicodeDecodeError as error:
        raise ImportFailed(name, f"neither UTF-8 nor Windows-1251 at byte {error.start}") from None


def unmarked_utf16(raw: bytes) -> str | None:
    """UTF-16LE or UTF-16BE when the first bytes read as it, with a NUL beside each ASCII character, else None."""
    head = raw[:4096]
    if head.count(0) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for codec, shown, nuls, others in (("utf-16-le", "UTF-16LE", odd, even), ("utf-16-be", "UTF-16BE", even, odd)):
        try:
            head[:len(head) // 4 * 4].decode(codec)
        except UnicodeDecodeError:
            continue
        if nuls >= 8 and others <= nuls // 8:
            return shown
    return None


def clean_text(value: str, where: str) -> str:
    """A text value with runs of whitespace made one space; a NUL or a lone surrogate is refused."""
    reason, cleaned = _cleaned(value)
    if reason:
        raise ImportFailed(where, reason)
    return cleaned


@lru_cache(maxsize=65536)
def _cleaned(value: str) -> tuple[str | None, str]:
    """(why the value is refused or None, the value cleaned); cached, since names and choices repeat on every vote."""
    if "\x00" in value:
        return "contains a NUL character (U+0000)", ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (not valid Unicode)", ""
    return None, " ".join(value.split())


def parse_count(value: object, where: str, highest: int = MAX_COUNT) -> int:
    """A count (of deputies unless `highest` says otherwise): a whole number 0..highest, as a number or digits."""
    if isinstance(value, str) and DIGITS.fullmatch(value.strip()):
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= highest:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise ImportFailed(where, f"not a count from 0 to {highest:,}: {shown}")
    return value


class _HugeNumber(ValueError):
    """A JSON number of more digits than any figure here has (Python refuses 4,300 and more by itself)."""


def _number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _HugeNumber(text)
    return int(text)


def _finite(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS * 2 or not math.isfinite(number := float(text)):
        raise _HugeNumber(text)
    return number


def _no_constant(text: str) -> float:
    raise _HugeNumber(text)


def parse_json(name: str, text: str, limits: Limits, strict: bool = True) -> object:
    """json.loads within bounds: nesting deeper than MAX_JSON_DEPTH, a number of more than MAX_NUMBER_DIGITS digits
    (or NaN, Infinity) stop the file at their line, a text value over `import_max_field_kb` at its JSON path;
    json.JSONDecodeError passes through for the caller to locate or repair."""
    try:
        data = json.loads(text, strict=strict, parse_int=_number, parse_float=_finite, parse_constant=_no_constant)
    except RecursionError:
        raise ImportFailed(f"{name}: line {_deep_line(text)}", f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except _HugeNumber as error:
        shown = str(error) if len(str(error)) <= 20 else f"{str(error)[:12]}… ({len(str(error)):,} characters)"
        raise ImportFailed(f"{name}: line {text[:text.find(str(error))].count(chr(10)) + 1}",
                           f"not a number any figure here can be: {shown}") from None
    if len(text) > limits.field_chars and (path := _long_text(data, limits.field_chars)):
        raise ImportFailed(f"{name}: {path}", f"a text value longer than {limits.field_chars // 1024:,} K characters "
                                              "(setting import_max_field_kb, VIDKRYTO_IMPORT_MAX_FIELD_KB)")
    return data


def _long_text(value: object, cap: int, path: str = "") -> str | None:
    """The JSON path of the first text value (or key) longer than `cap` characters, or None."""
    if isinstance(value, str):
        return path if len(value) > cap else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        place = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key[:40]}" if path else key[:40]
        if isinstance(key, str) and len(key) > cap or (found := _long_text(item, cap, place)):
            return found or place
    return None


def json_failure(name: str, error: json.JSONDecodeError) -> ImportFailed:
    """A JSON syntax error as the import's refusal, at its line and column."""
    return ImportFailed(f"{name}: line {error.lineno}, column {error.colno}", f"not valid JSON ({error.msg})")


def read_json(name: str, text: str, limits: Limits) -> object:
    """`parse_json` for the importers that repair nothing: a syntax error stops the file at its line."""
    try:
        return parse_json(name, text, limits)
    except json.JSONDecodeError as error:
        raise json_failure(name, error) from None


def _deep_line(text: str) -> int:
    depth, line = 0, 1
    for token in JSON_TOKEN.finditer(text):
        kind = token[0][0]
        if kind == "\n":
            line += 1
        elif kind in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return line
        elif kind in "]}":
            depth -= 1
        else:
            line += token[0].count("\n")
    return line


def normalised_header(text: str) -> str:
    """The CSV with its header's names in lower case and runs of spaces as `_` (`Outlet Kind` is `outlet_kind`);
    a quoted header is left as it is."""
    head, newline, rest = text.partition("\n")
    if '"' in head:
        return text
    delimiter = ";" if head.count(";") > head.count(",") else ","
    return delimiter.join("_".join(column.strip().casefold().split()) for column in head.split(delimiter)) + newline + rest


def csv_rows(name: str, text: str, required: tuple[str, ...], limits: Limits,
             may_be_empty: tuple[str, ...] = ()) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV with a header holding the required columns; comma or semicolon.

    Values are `clean_text`ed; a row with the wrong number of fields, an empty required value (unless it
    may be empty), a field over the cap or a quoting error stops the file at its line.
    """
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_limit = csv.field_size_limit(limits.field_chars)
    try:
        header = [column.strip() for column in _next_row(name, reader, limits) or []]
        missing = [column for column in required if column not in header]
        if missing:
            raise ImportFailed(f"{name}: line 1", f"missing column(s): {', '.join(missing)}")
        while (values := _next_row(name, reader, limits)) is not None:
            where = f"{name}: line {reader.line_num}"
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                raise ImportFailed(where, f"{len(values)} fields, the header has {len(header)}")
            row = {column: clean_text(value, f"{where}, {column}") for column, value in zip(header, values)}
            empty = [column for column in required if not row[column] and column not in may_be_empty]
            if empty:
                raise ImportFailed(where, f"empty {', '.join(empty)}")
            yield reader.line_num, row
    finally:
        csv.field_size_limit(previous_limit)


def _next_row(name: str, reader, limits: Limits) -> list[str] | None:
    try:
        return next(reader, None)
    except csv.Error as error:
        where = f"{name}: line {reader.line_num}"
        if "field larger than field limit" in str(error):
            raise ImportFailed(where, f"a field longer than {limits.field_chars // 1024:,} K characters "
                                      "(setting import_max_field_kb, VIDKRYTO_IMPORT_MAX_FIELD_KB)") from None
        raise ImportFailed(where, f"not valid CSV ({error})") from None
