"""Reading OCDS as ProZorro publishes it, as a stream: release and record packages in JSON, JSON Lines (a package,
a release or a record per line) or a ZIP (or folder) of either, each procedure given back as one compiled release.

Rules (docs/importing.md, "Procurement"):
- a JSON file is one package, read item by item with ijson (memory holds one release or record, never the
  file); the nesting is checked as the parser goes, since ijson's prefixes grow with the square of the depth;
- a record's `compiledRelease` wins (else its embedded releases, merged); releases are merged per ocid by date with
  ocdsmerge over the vendored OCDS 1.1.5 release schema (`dashboard/writer/ocds_schema/`), so nothing is downloaded;
  the releases of an ocid whose record the import also holds are set aside;
- releases of one ocid may lie anywhere in a file, so they are spilled to a temporary SQLite file and read back
  sorted by ocid and date: its sorter keeps memory bounded whatever the file's size (an in-memory grouping would
  hold the whole year; sorting the file itself would need a second copy of it in a known order);
- a release without ocid or date, an item that is not an object, invalid JSON (with its line for JSON Lines, the
  item being read for JSON), or an ocid repeated in one record package stops the file at its place.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath

import ijson
from ocdsmerge import Merger
from ocdsmerge.exceptions import OCDSMergeError, OCDSMergeWarning

from dashboard.writer.importers.files import (
    MAX_JSON_DEPTH,
    ImportFailed,
    Limits,
    folder_files,
    printable,
    unmarked_utf16,
)
from dashboard.writer.importers.values import parse_utc

SCHEMA = Path(__file__).resolve().parent.parent / "ocds_schema" / "release-schema.json"
JSON_LINES = (".jsonl", ".ndjson", ".jl")
BOM = b"\xef\xbb\xbf"
STEP = {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1}
SPILL_BATCH = 2_000


@dataclass(frozen=True)
class Compiled:
    """One procedure as a compiled release, where it was read, and its earliest release's date (UTC)."""

    ocid: str
    release: dict
    place: str
    first_date: dt.datetime


def at(place: str, key: str) -> str:
    """A JSON path under a place: `x.json: records[3]` + `tender` is `x.json: records[3].tender`; a line of JSON
    Lines (`x.jsonl: line 5`) is followed by a comma."""
    return f"{place}, {key}" if place.rsplit(" ", 1)[-1].isdigit() else f"{place}.{key}"


@lru_cache(maxsize=1)
def merger() -> Merger:
    return Merger(schema=json.loads(SCHEMA.read_text(encoding="utf-8")))


def member_kind(name: str, fmt: str) -> str:
    """`jsonl` or `json` by the name's suffix, else by the import's format."""
    suffix = PurePath(name).suffix.casefold()
    return "jsonl" if suffix in JSON_LINES else "json" if suffix == ".json" else fmt.removeprefix("ocds-")


class _Metered(io.RawIOBase):
    """A member's bytes, counted for the progress bar and refused past the member cap as they are read."""

    def __init__(self, raw, name: str, cap: int, advance: Callable[[int], None]):
        self.raw, self.name, self.cap, self.advance, self.size = raw, name, cap, advance, 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()
        super().close()

    def readinto(self, buffer) -> int:
        try:
            count = self.raw.readinto(buffer)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise ImportFailed(self.name, f"cannot be read ({error})") from None
        self.size += count
        if self.size > self.cap:
            raise ImportFailed(self.name, f"more than the cap of {self.cap // (1 << 20):,} MB (settings "
                                          "import_max_file_mb, import_max_member_mb)")
        self.advance(count)
        return count


def _readable(name: str) -> bool:
    return PurePath(name).suffix.casefold() in (".json", *JSON_LINES)


@contextmanager
def _members(path: Path) -> Iterator[list[tuple[str, Callable]]]:
    """(name, opener) of every file of a folder, a ZIP or the file itself; an opener gives a binary stream."""
    if path.is_dir():
        yield [(printable(str(file.relative_to(path))), lambda file=file: file.open("rb"))
               for file in folder_files(path)]
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            yield [(info.filename, lambda info=info: archive.open(info))
                   for info in archive.infolist() if not info.is_dir()]
    else:
        yield [(printable(path.name), lambda: path.open("rb"))]


def _open(opener: Callable, name: str, cap: int, advance: Callable[[int], None]) -> io.BufferedReader:
    """The member's bytes within `cap` (a file given alone: import_max_file_mb; one of a folder or ZIP:
    import_max_member_mb), a UTF-8 byte-order mark set aside."""
    stream = io.BufferedReader(_Metered(opener(), name, cap, advance), 1 << 20)
    if unmarked := unmarked_utf16(stream.peek(4096)[:4096]):
        raise ImportFailed(name, f"{unmarked} without a byte-order mark, not UTF-8")
    if stream.peek(3)[:3] == BOM:
        stream.read(3)
    return stream


def _events(stream) -> Iterator[tuple]:
    """ijson's events, refused past MAX_JSON_DEPTH before a deeper prefix is built."""
    depth, step = 0, STEP.get
    for event in ijson.basic_parse(stream, use_float=True):
        depth += step(event[0], 0)
        if depth > MAX_JSON_DEPTH:
            raise ImportFailed("", f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        yield event


def _package_kind(name: str, stream) -> str:
    """`records` or `releases`: the first of them among the package's top-level keys."""
    try:
        for prefix, event, value in ijson.parse(_events(stream)):
            if prefix == "" and event == "start_array":
                break
            if prefix == "" and event == "map_key":
                if value in ("records", "releases"):
                    return value
                if value in ("ocid", "compiledRelease", "tag"):
                    raise ImportFailed(name, "a single release or record, not a package: give it as a line of "
                                             "JSON Lines (.jsonl), or in a package's `releases` or `records`")
    except ijson.JSONError as error:
        raise ImportFailed(name, f"not valid JSON ({_first_line(error)})") from None
    except ImportFailed as error:
        raise ImportFailed(error.location or name, error.reason) from None
    raise ImportFailed(name, "not an OCDS package: a JSON object with `records` or `releases`")


def _first_line(error: Exception) -> str:
    text = error.args[0] if error.args else str(error)
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return text.strip().splitlines()[0][:120] if text.strip() else type(error).__name__


def _json_items(name: str, opener: Callable, cap: int, advance) -> Iterator[tuple[str, str, object, str]]:
    """(place, kind, item, package) of a JSON package, one item at a time."""
    with _open(opener, name, cap, lambda n: None) as probe:
        kind = _package_kind(name, probe)
    index = 0
    with _open(opener, name, cap, advance) as stream:
        try:
            for index, item in enumerate(ijson.items(ijson.parse(_events(stream)), f"{kind}.item")):  # noqa: B007
                yield f"{name}: {kind}[{index}]", kind, item, name
        except ijson.JSONError as error:
            raise ImportFailed(f"{name}: {kind}[{index}]", f"not valid JSON ({_first_line(error)})") from None
        except ImportFailed as error:
            if error.location:
                raise
            raise ImportFailed(f"{name}: {kind}[{index}]", error.reason) from None


def _line_items(name: str, opener: Callable, cap: int, advance) -> Iterator[tuple[str, str, object, str]]:
    """(place, kind, item, package) of JSON Lines: a package, a record or a release per line."""
    with _open(opener, name, cap, advance) as stream:
        for number, line in enumerate(stream, start=1):
            place = f"{name}: line {number}"
            if not line.strip():
                continue
            try:
                value = json.loads(line.strip())
            except json.JSONDecodeError as error:
                raise ImportFailed(f"{place}, column {error.colno}", f"not valid JSON ({error.msg})") from None
            except UnicodeDecodeError as error:
                raise ImportFailed(place, f"not UTF-8 at byte {error.start}") from None
            except RecursionError:
                raise ImportFailed(place, "JSON nested deeper than the parser can follow") from None
            if not isinstance(value, dict):
                raise ImportFailed(place, "not a JSON object (a package, a release or a record)")
            for kind in ("records", "releases"):
                if kind in value and "ocid" not in value:
                    if not isinstance(value[kind], list):
                        raise ImportFailed(f"{place}, {kind}", "not a list")
                    for index, item in enumerate(value[kind]):
                        yield f"{place}, {kind}[{index}]", kind, item, place
                    break
            else:
                is_record = "compiledRelease" in value or ("releases" in value and "date" not in value)
                yield place, "records" if is_record else "releases", value, place


def _ocid(item: object, place: str) -> str:
    if not isinstance(item, dict):
        raise ImportFailed(place, "not a JSON object")
    ocid = item.get("ocid")
    if not isinstance(ocid, str) or not ocid.strip():
        raise ImportFailed(at(place, "ocid"), "no ocid")
    return ocid.strip()


def _date(value: object, where: str, limits: Limits) -> dt.datetime:
    if value is not None and not isinstance(value, str):
        raise ImportFailed(where, f"not a date and time: {str(value)[:40]!r}")
    return parse_utc(value, where, limits, required=True)


def _utc_text(date: dt.datetime) -> str:
    """A UTC moment as text that sorts as time does: ocdsmerge sorts releases by their `date` as text."""
    return date.replace(tzinfo=dt.UTC).isoformat(timespec="microseconds")


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=None)


def _stamped(release: dict, date: dt.datetime) -> dict:
    return {**release, "date": _utc_text(date)}


class _Spill:
    """Releases waiting for their ocid's others, in a temporary SQLite file."""

    def __init__(self, stack: ExitStack):
        folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="vidkryto-ocds-"))
        self.db = sqlite3.connect(Path(folder) / "releases.sqlite")
        stack.callback(self.db.close)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                              "CREATE TABLE releases (seq INTEGER PRIMARY KEY, ocid TEXT, date TEXT, place TEXT, body BLOB)")
        self.pending: list[tuple] = []

    def add(self, ocid: str, date: dt.datetime, place: str, release: dict) -> None:
        self.pending.append((ocid, _utc_text(date), place,
                             json.dumps(release, ensure_ascii=False, separators=(",", ":"))))
        if len(self.pending) >= SPILL_BATCH:
            self.flush()

    def flush(self) -> None:
        self.db.executemany("INSERT INTO releases (ocid, date, place, body) VALUES (?, ?, ?, ?)", self.pending)
        self.pending = []

    def groups(self, skip: set[str]) -> Iterator[tuple[str, list[tuple[str, str, dict]]]]:
        """(ocid, [(date, place, release), ...] by date) for every ocid not in `skip`."""
        self.flush()
        ocid, group = None, []
        for row in self.db.execute("SELECT ocid, date, place, body FROM releases ORDER BY ocid, date, seq"):
            if row[0] != ocid:
                if group and ocid not in skip:
                    yield ocid, group
                ocid, group = row[0], []
            group.append((row[1], row[2], json.loads(row[3])))
        if group and ocid not in skip:
            yield ocid, group


def _merged(ocid: str, group: list[tuple[str, str, dict]]) -> Compiled:
    place = group[0][1] + (f" (and {len(group) - 1} more releases of {ocid})" if len(group) > 1 else "")
    releases = [{**release, "date": date} for date, _place, release in group]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OCDSMergeWarning)  # a repeated id: merged, as the standard says
            compiled = merger().create_compiled_release(releases)
    except (OCDSMergeError, TypeError, ValueError, RecursionError) as error:  # an id that is a list, …
        raise ImportFailed(place, f"the releases cannot be merged ({_first_line(error)})") from None
    return Compiled(ocid, compiled, place, _utc(group[0][0]))


def _record(ocid: str, record: dict, place: str, limits: Limits) -> Compiled:
    """A record's compiled release: its own, else its embedded releases merged."""
    releases = record.get("releases") or []
    if not isinstance(releases, list):
        raise ImportFailed(at(place, "releases"), "not a list")
    for n, linked in enumerate(releases):
        if not isinstance(linked, dict):
            raise ImportFailed(at(place, f"releases[{n}]"), "not a JSON object")
    dates = [_date(linked.get("date"), at(place, f"releases[{n}].date"), limits) for n, linked in enumerate(releases)]
    compiled = record.get("compiledRelease")
    if compiled is None:
        embedded = [(_utc_text(date), at(place, f"releases[{n}]"), release)
                    for n, (date, release) in enumerate(zip(dates, releases)) if "ocid" in release]
        if not embedded:
            raise ImportFailed(place, "no compiledRelease, and its releases are links (url, date) only")
        return _merged(ocid, sorted(embedded, key=lambda one: one[0]))
    where = at(place, "compiledRelease")
    if not isinstance(compiled, dict):
        raise ImportFailed(where, "not a JSON object")
    if compiled.setdefault("ocid", ocid) != ocid:
        raise ImportFailed(f"{where}.ocid", f"{str(compiled['ocid'])[:80]!r} is not the record's ocid {ocid[:80]!r}")
    date = _date(compiled.get("date"), f"{where}.date", limits)
    return Compiled(ocid, _stamped(compiled, date), where, min([date, *dates]))


def compiled_releases(path: Path, fmt: str, limits: Limits, advance: Callable[[int], None],
                      check: Callable[[dict, str], object], ignored: list[str]) -> Iterator[Compiled]:
    """Every procedure of a file, folder or ZIP as a compiled release: records as they are read, then the
    releases without a record, merged per ocid. `check(release, place)` is called on every release as it is
    read, so a bad value is named where it is written rather than in the merged release. Files of a folder or
    ZIP that are neither .json nor JSON Lines are left out and named in `ignored`."""
    with ExitStack() as stack:
        spill, with_record = _Spill(stack), set()
        package, in_package = None, set()
        container = path.is_dir() or zipfile.is_zipfile(path)
        cap = limits.member_bytes if container else limits.file_bytes
        for name, opener in stack.enter_context(_members(path)):
            if container and not _readable(name):
                ignored.append(name)
                continue
            read = _line_items if member_kind(name, fmt) == "jsonl" else _json_items
            for place, kind, item, item_package in read(name, opener, cap, advance):
                ocid = _ocid(item, place)
                if kind == "releases":
                    date = _date(item.get("date"), at(place, "date"), limits)
                    check(item, place)
                    spill.add(ocid, date, place, item)
                    continue
                if item_package != package:
                    package, in_package = item_package, set()
                if ocid in in_package and item_package != place:
                    raise ImportFailed(at(place, "ocid"), f"{ocid[:80]!r} is the ocid of an earlier record of this package")
                in_package.add(ocid)
                with_record.add(ocid)
                yield _record(ocid, item, place, limits)
        for ocid, group in spill.groups(with_record):
            yield _merged(ocid, group)
