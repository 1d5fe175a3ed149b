"""Parse ESDC "Positive LMIA Employers List" files (every variant since 2014) into plain records.

One pipeline for every format (see ../shared/data/lmia/FORMATS.md):
read the container (XLSX or CSV) → find the header row by content → map columns by meaning →
pick the variant's description (FORMATS below) → validate every row → records.
Problems are collected for the whole file and raised together as `LmiaFormatError`, each naming the
file, the row (1-based, as a spreadsheet program shows it) and the column.

No Django here: the importer (services.py), the command, the bench and the tests call `parse_lmia`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import cast

from bettertogether.core.provinces import POSTAL_LETTER_PROVINCES, province_code

from .periods import Period, parse_period

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
OUTSIDE_CANADA = "XX"  # province code of the "head office outside Canada" section
SPARSE_UNTIL = dt.date(2019, 6, 30)  # last quarter published with blank-means-same-as-above cells
MAX_LISTED_ERRORS = 50
MAX_COUNT = 100_000  # the largest row seen approves 932 positions; a bigger number is a shifted column


# ---------------------------------------------------------------------------------------------------------------
# Records and errors


@dataclass(frozen=True, slots=True)
class LmiaRecord:
    """One data row: employer × address × occupation × stream, traceable to its file row."""

    period: str  # '2021Q3', '2016', '2017Q1-Q2'
    period_start: dt.date
    period_end: dt.date
    province: str  # 'NS', …, 'XX' = head office outside Canada
    stream: str  # canonical ('High Wage'); '' when the file has no stream column
    stream_original: str  # the cell as written (padding included)
    employer: str
    address: str
    postal_code: str  # 'B4N 1A1', or '' (truncated codes give only `fsa`)
    fsa: str
    place: str  # town as written in the address
    noc_code: str  # '0211', '21231' or ''
    noc_version: int | None  # 2011, 2021 or None
    noc_title: str
    lmias: int | None
    positions: int
    row: int  # 1-based physical row in the file
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def describe(self, file_name: str) -> str:
        where = file_name
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class LmiaFormatError(ValueError):
    """The file cannot be imported. `problems` lists every problem found (file-level or per row)."""

    def __init__(self, file_name: str, problems: Sequence[RowError]):
        self.file_name = file_name
        self.problems = list(problems)
        lines = [p.describe(file_name) for p in self.problems[:MAX_LISTED_ERRORS]]
        if len(self.problems) > MAX_LISTED_ERRORS:
            lines.append(f"… and {len(self.problems) - MAX_LISTED_ERRORS} more problems")
        super().__init__("\n".join(lines))

    @property
    def messages(self) -> list[str]:
        return [p.describe(self.file_name) for p in self.problems]


@dataclass
class ParsedFile:
    file_name: str
    variant: str
    period: Period
    title: str
    header: list[str]
    records: list[LmiaRecord]
    warnings: list[str] = field(default_factory=list)
    has_lmias: bool = False
    has_stream: bool = False


# ---------------------------------------------------------------------------------------------------------------
# Declarative descriptions: columns by meaning, and what each variant does with them


@dataclass(frozen=True)
class Column:
    key: str
    pattern: re.Pattern[str]  # matched against the normalized header (collapsed, stripped, lower-case)


COLUMNS: tuple[Column, ...] = (
    Column("province", re.compile(r"^provinces?( ?(/|or|ou) ?(territor(y|ies)|territoires?))?$")),
    Column("stream", re.compile(r"^(((program|tfwp) )?stream|volet( du programme| du ptet)?)$")),
    Column("employer", re.compile(r"^(employer( name)?|employeur|nom de l'employeur)$")),
    Column("address", re.compile(r"^((employer |business )?address|adresse( de l'employeur)?)$")),
    Column(
        "occupation",
        re.compile(
            r"^(occupa\w*( under noc( \d{4})?)?|noc( \d{4})?|professions?( sous (la )?cnp( \d{4})?)?|cnp( \d{4})?)$"
        ),
    ),
    Column("status", re.compile(r"^(incorporated? status|statut.*)$")),
    Column(
        "lmias",
        re.compile(
            r"^(((approved|requested|positive|number of) )?lmias?( approved)?|"
            r"(nombre d')?eimts?( (positives?|approuvée?s?|demandée?s?))?)$"
        ),
    ),
    Column(
        "positions",
        re.compile(
            r"^(((approved|requested|number of) )?positions( approved| requested)?|"
            r"(nombre de )?postes( approuvés| demandés)?)$"
        ),
    ),
)


@dataclass(frozen=True)
class Variant:
    """What distinguishes one published format from another, for the pipeline."""

    code: str
    description: str
    forward_fill: tuple[str, ...] = ()  # blank cells that mean "same as the row above"
    province_from_sections: bool = False  # province given by heading rows, not by a column


VARIANTS: dict[str, Variant] = {
    v.code: v
    for v in (
        Variant("A", "annual employer list, province by section headings", province_from_sections=True),
        Variant("B", "annual with NOC, no stream, sparse", forward_fill=("province", "employer", "address")),
        Variant("C", "quarterly with stream, sparse", forward_fill=("province", "stream", "employer", "address")),
        Variant("D", "quarterly with stream, dense CSV"),
        Variant("E", "XLSX, 6 columns"),
        Variant("F", "XLSX, 8 columns, NOC 2011"),
        Variant("G", "XLSX, 8 columns, NOC 2021"),
        Variant("H", "third-party CSV export of an XLSX list"),
    )
}

STREAMS: dict[str, str] = {
    "high wage": "High Wage",
    "high-wage": "High Wage",
    "haut salaire": "High Wage",
    "postes à haut salaire": "High Wage",
    "volet des postes à haut salaire": "High Wage",
    "low wage": "Low Wage",
    "low-wage": "Low Wage",
    "bas salaire": "Low Wage",
    "postes à bas salaire": "Low Wage",
    "volet des postes à bas salaire": "Low Wage",
    "primary agriculture": "Primary Agriculture",
    "agriculture primaire": "Primary Agriculture",
    "volet de l'agriculture primaire": "Primary Agriculture",
    "global talent stream": "Global Talent Stream",
    "global talent": "Global Talent Stream",
    "volet des talents mondiaux": "Global Talent Stream",
    "talents mondiaux": "Global Talent Stream",
    "permanent resident only": "Permanent Resident Only",
    "résidence permanente seulement": "Permanent Resident Only",
    "unspecified": "Unspecified",
    "non précisé": "Unspecified",
}

_OUTSIDE = re.compile(r"outside (of )?canada|extérieur du canada|exterieur du canada")
_SUMMARY = {"total", "grand total", "other employers", "autres employeurs"}
_NOTES = re.compile(r"^(notes?|remarques?)\s*:?$")
_BLANK = {"", "(blank)", "(vide)"}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "janvier", "janv"),
            ("february", "feb", "février", "fevrier", "févr"),
            ("march", "mar", "mars"),
            ("april", "apr", "avril", "avr"),
            ("may", "mai"),
            ("june", "jun", "juin"),
            ("july", "jul", "juillet", "juil"),
            ("august", "aug", "août", "aout"),
            ("september", "sep", "sept", "septembre"),
            ("october", "oct", "octobre"),
            ("november", "nov", "novembre"),
            ("december", "dec", "décembre", "decembre", "déc"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"\b(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?:\d{1,2}(?:er)?\s+)?"
_SEP = r"\s*(?:-|–|—|to|à|au|through)\s*"
_TITLE_RANGE_YEAR_LAST = re.compile(_DAY + _MONTH + r"(?:\s+\d{4})?" + _SEP + _DAY + _MONTH + r",?\s+(\d{4})", re.I)
_TITLE_YEAR_THEN_RANGE = re.compile(r"(\d{4})\s*\(\s*" + _MONTH + _SEP + _MONTH + r"\s*\)", re.I)
_TITLE_YEAR = re.compile(r"\b(?:in|en)\s+(\d{4})\b", re.I)
_NAME_QUARTERS = re.compile(r"(?<!\d)(20\d\d)[_ -]?q([1-4])(?:[_ -]?q([1-4]))?(?!\d)", re.I)
_NAME_YEAR = re.compile(r"^(20\d\d)_")

_NOC = re.compile(r"^(\d{1,8})\s*[-–]\s*(.*)$", re.S)
_POSTAL = re.compile(r"\b([A-Za-z]\d[A-Za-z])[\s\u00a0]*(\d[A-Za-z]\d)\b")
_FSA_ONLY = re.compile(r"\b([A-Za-z]\d[A-Za-z])[\s\u00a0]+(\d[A-Za-z])?\s*$")
_PR_ABBR = re.compile(r"^(NL|PE|NS|NB|QC|ON|MB|SK|AB|BC|YT|NT|NU)$", re.I)
_RURAL_ROUTE = re.compile(r"\b(RR|R\.R\.)\s*#?\s*\d+\b", re.I)
_INT = re.compile(r"^-?\d+$")
_INT_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")


# ---------------------------------------------------------------------------------------------------------------
# Text helpers


_CLEANED: dict[str, str] = {}  # cell texts repeat a lot (provinces, streams, occupations): clean each once


def clean(value: object) -> str:
    """A cell as stripped text: NBSP and runs of whitespace (padding, CRLF) collapsed into single spaces."""
    if type(value) is str:
        cleaned = _CLEANED.get(value)
        if cleaned is None:
            cleaned = " ".join(value.replace("\u00a0", " ").split())
            if len(_CLEANED) > 200_000:
                _CLEANED.clear()
            _CLEANED[value] = cleaned
        return cleaned
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    if not text:
        return ""
    return " ".join(text.replace("\u00a0", " ").split())


def normalize_header(value: object) -> str:
    return clean(value).lower()


@lru_cache(maxsize=512)
def province_of(text: str) -> str | None:
    """'Nova Scotia' (any case, padded, EN or FR) → 'NS'; the outside-Canada section → 'XX'; else None."""
    code = province_code(text)
    if code:
        return code
    lowered = text.lower()
    if _OUTSIDE.search(lowered) or lowered in {"outside canada", "hors du canada"}:
        return OUTSIDE_CANADA
    return None


@lru_cache(maxsize=256)
def canonical_stream(text: str) -> str | None:
    return STREAMS.get(clean(text).lower())


@dataclass(frozen=True, slots=True)
class AddressParts:
    postal_code: str
    fsa: str
    place: str
    province: str | None  # province abbreviation written in the address, if any


@lru_cache(maxsize=65536)
def split_address(address: str) -> AddressParts:
    """'Kentville, NS B4N 1A1' → postal code, FSA, place ('Kentville') and the written province ('NS').

    Tolerates the catalogued shapes: truncated codes ('B3J  0C' → FSA only), no province or no space
    ('Mount Pearl, A1N3J5'), duplicated tails, extra commas, street addresses before the town.
    """
    text = address.replace("\u00a0", " ").replace("\u2019", "'")
    postal = fsa = ""
    found = list(_POSTAL.finditer(text))
    match = found[-1] if found else None  # the last code: tails are sometimes repeated
    if match:
        fsa = match[1].upper()
        postal = f"{fsa} {match[2].upper()}"
        head = text[: match.start()]
    else:
        truncated = _FSA_ONLY.search(text)
        if truncated and truncated[2]:
            fsa = truncated[1].upper()
            head = text[: truncated.start()]
        else:
            head = text
    tokens = [t.strip() for t in head.split(",")]
    written: str | None = None
    place = ""
    for token in reversed(tokens):
        if not token:
            continue
        words = [w for w in _POSTAL.sub(" ", token).split() if not w.isdigit()]
        if words and _PR_ABBR.match(words[-1]):
            written = written or words[-1].upper()
            words = words[:-1]
        rest = _RURAL_ROUTE.sub("", " ".join(words)).strip()
        if rest:
            place = rest
            break
    return AddressParts(postal, fsa, place, written)


def parse_count(value: object) -> int | None:
    """A count cell → int, None when blank; raises ValueError with a user-facing reason."""
    if type(value) is str and value.isdigit() and value.isascii() and len(value) < 6:
        return int(value)  # the usual case, fast
    if type(value) is float and value.is_integer() and 0 <= value <= MAX_COUNT:
        return int(value)
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value:g} is not a whole number")
        number = int(value)
    else:
        text = clean(value)
        if text == "":
            return None
        if _INT.match(text):
            number = int(text)
        elif _INT_GROUPED.match(text):
            number = int(text.replace(",", ""))
        else:
            raise ValueError(f"{text[:40]!r} is not a whole number")
    if number < 0:
        raise ValueError(f"{number} is negative")
    if number > MAX_COUNT:
        raise ValueError(f"{number} is implausibly large (a row never approves more than {MAX_COUNT:,})")
    return number


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------------------------------------------------------
# Periods


def period_from_title(title: str) -> Period | None:
    """'… July to September 2021' / '… in 2019 (July-September)' / '… in 2016' → Period."""
    text = clean(title)
    match = _TITLE_RANGE_YEAR_LAST.search(text)
    if match:
        first, last, year = _MONTHS[match[1].lower()], _MONTHS[match[2].lower()], int(match[3])
        return _months_period(year, first, last)
    match = _TITLE_YEAR_THEN_RANGE.search(text)
    if match:
        year, first, last = int(match[1]), _MONTHS[match[2].lower()], _MONTHS[match[3].lower()]
        return _months_period(year, first, last)
    match = _TITLE_YEAR.search(text)
    if match:
        return parse_period(match[1])
    return None


def _months_period(year: int, first: int, last: int) -> Period | None:
    if last < first:
        return None
    return Period((year, (first - 1) // 3 + 1), (year, (last - 1) // 3 + 1))


def period_from_name(file_name: str) -> Period | None:
    """'tfwp_2022q2_positive_en.xlsx' → 2022Q2; '2017q1q2_…' → 2017Q1-Q2; '2015_positive…' → 2015."""
    name = Path(file_name).name
    match = _NAME_QUARTERS.search(name)
    if match:
        year, first = int(match[1]), int(match[2])
        last = int(match[3]) if match[3] else first
        if last >= first:
            return Period((year, first), (year, last))
    match = _NAME_YEAR.match(name)
    if match:
        return parse_period(match[1])
    return None


# ---------------------------------------------------------------------------------------------------------------
# Containers


def decode_csv(data: bytes) -> str:
    """UTF-8 (BOM stripped), else cp850 when its accented bytes dominate (2017Q4), else cp1252.

    Never latin-1: it turns cp1252's 0x92 (’) into a C1 control character.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    cp850 = data.count(0x82) + data.count(0x8A) + data.count(0x90)
    cp1252 = data.count(0xE9) + data.count(0xE8) + data.count(0xC9)
    if cp850 > cp1252:
        return data.decode("cp850")
    # cp1252 leaves five bytes undefined; they never occur in real lists, keep them visible rather than fail.
    return data.decode("cp1252", errors="replace")


def read_rows(data: bytes, file_name: str) -> tuple[str, list[list[object]]]:
    """Container → ('xlsx' | 'csv', rows of cells). Rows are indexed from physical row 1."""
    if not data.strip():
        raise LmiaFormatError(file_name, [RowError(None, None, "the file is empty")])
    suffix = Path(file_name).suffix.lower()
    if data.startswith(b"%PDF"):
        raise LmiaFormatError(
            file_name, [RowError(None, None, "this is a PDF document, not a spreadsheet (a PDF renamed?)")]
        )
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xlsx", _read_workbook(data, file_name)
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        raise LmiaFormatError(
            file_name, [RowError(None, None, "not an Excel workbook: the file does not start like one")]
        )
    if b"\x00" in data[:4096]:
        raise LmiaFormatError(file_name, [RowError(None, None, "binary file: neither XLSX nor CSV")])
    text = decode_csv(data)
    rows: list[list[object]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        rows.extend(cast(Iterator[list[object]], reader))
    except csv.Error as exc:
        raise LmiaFormatError(file_name, [RowError(len(rows) + 1, None, f"malformed CSV: {exc}")]) from None
    return "csv", rows


def _delimiter(text: str) -> str:
    """',' as published; ';' or tab when a spreadsheet program re-saved the file in another locale."""
    head = text[:8192]
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 2 * counts[","] else ","


def _read_workbook(data: bytes, file_name: str) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise LmiaFormatError(file_name, [RowError(None, None, "the workbook has no sheet")])
        # The first sheet, never by name: names vary between quarters.
        rows: list[list[object]] = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)  # type: ignore[assignment]
        return rows
    except LmiaFormatError:
        raise
    except Exception as exc:  # calamine raises several types (zip, XML, …) for damaged files
        reason = " ".join(str(exc).split())[:200]
        raise LmiaFormatError(
            file_name, [RowError(None, None, f"the workbook cannot be read (truncated or corrupt?): {reason}")]
        ) from None


# ---------------------------------------------------------------------------------------------------------------
# Header and variant


def find_header(rows: Sequence[Sequence[object]], limit: int = 30) -> int | None:
    """Index of the first row with an employer cell and an address cell (by meaning, any language)."""
    employer, address = _column("employer"), _column("address")
    for index, row in enumerate(rows[:limit]):
        names = {normalize_header(cell) for cell in row if isinstance(cell, str)}
        if any(employer.pattern.match(n) for n in names) and any(address.pattern.match(n) for n in names):
            return index
    return None


def _is_header_row(row: Sequence[object]) -> bool:
    employer, address = _column("employer"), _column("address")
    names = [normalize_header(cell) for cell in row if isinstance(cell, str)]
    return any(employer.pattern.match(n) for n in names) and any(address.pattern.match(n) for n in names)


def _column(key: str) -> Column:
    return next(c for c in COLUMNS if c.key == key)


def map_columns(header: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    """Header cells → {meaning: index}; unrecognised non-empty headers are returned for a warning."""
    mapping: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        name = normalize_header(cell)
        if not name:
            continue
        for column in COLUMNS:
            if column.key not in mapping and column.pattern.match(name):
                mapping[column.key] = index
                break
        else:
            unknown.append(clean(cell))
    return mapping, unknown


def _placeholder_row(row: Sequence[object]) -> bool:
    """csvkit's in2csv names untitled columns b, c, d, …: the mark of a third-party export (variant H)."""
    rest = [clean(c) for c in row[1:]]
    return bool(rest) and rest == [chr(ord("b") + i) for i in range(len(rest))]


def choose_variant(
    container: str, columns: dict[str, int], sparse: bool, noc_version: int | None, exported: bool
) -> str:
    if container == "xlsx":
        if "lmias" not in columns:
            return "E"
        return "G" if noc_version == 2021 else "F"
    if "province" not in columns:
        return "A"
    if "stream" not in columns:
        return "B"
    if sparse:
        return "C"
    return "H" if exported else "D"


# ---------------------------------------------------------------------------------------------------------------
# The pipeline


def parse_lmia(
    source: str | Path | bytes,
    *,
    file_name: str | None = None,
    period: str | Period | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedFile:
    """Parse one LMIA list. `source` is a path or the file's bytes (then give `file_name`).

    `period` overrides whatever the title or the file name say. Raises LmiaFormatError listing every
    problem; returns every data row otherwise.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        file_name = file_name or path.name
        size = path.stat().st_size
        if size > max_bytes:
            raise LmiaFormatError(file_name, [_too_big(size, max_bytes)])
        data = path.read_bytes()
    else:
        data = source
        file_name = file_name or "upload"
        if len(data) > max_bytes:
            raise LmiaFormatError(file_name, [_too_big(len(data), max_bytes)])
    return parse_rows(*read_rows(data, file_name), file_name=file_name, period=period)


def _too_big(size: int, limit: int) -> RowError:
    return RowError(None, None, size_message(size, limit))


def size_message(size: int, limit: int) -> str:
    return f"the file is {_amount(size)}; the limit is {_amount(limit)}"


def _amount(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size:,} bytes"


def parse_rows(
    container: str,
    rows: list[list[object]],
    *,
    file_name: str,
    period: str | Period | None = None,
) -> ParsedFile:
    header_index = find_header(rows)
    if header_index is None:
        raise LmiaFormatError(
            file_name,
            [RowError(None, None, "no header row found (expected columns such as Employer and Address)")],
        )
    header = rows[header_index]
    columns, unknown = map_columns(header)
    warnings: list[str] = []
    if unknown:
        warnings.append(f"ignored columns: {', '.join(unknown)}")
    if "positions" not in columns:
        raise LmiaFormatError(
            file_name, [RowError(header_index + 1, None, "no positions column (e.g. 'Approved Positions')")]
        )

    title = " ".join(clean(c) for row in rows[:header_index] for c in row if clean(c) and len(clean(c)) > 1)
    resolved = _resolve_period(period, title, file_name, warnings)

    width = len(header)
    while width and clean(header[width - 1]) == "":
        width -= 1
    body = _data_rows(rows, header_index, columns)
    # Blank-means-same-as-above ended with 2019Q2 (variant C); from 2019Q3 a blank province is an error.
    sparse = (
        container == "csv"
        and "province" in columns
        and resolved.end <= SPARSE_UNTIL
        and any(_blank(_cell(r, columns["province"])) for _, r in body)
    )
    noc_version = _noc_version(title, header, rows, header_index, columns)
    placeholders = header_index > 0 and _placeholder_row(rows[header_index - 1])
    variant = VARIANTS[choose_variant(container, columns, sparse, noc_version, placeholders)]

    records: list[LmiaRecord] = []
    problems: list[RowError] = []
    names = {key: f"{column_letter(i)} ({clean(header[i])})" for key, i in columns.items()}
    previous: dict[str, str] = {}
    section: str | None = None

    if variant.province_from_sections:
        # The first heading comes before the first header row.
        for row in rows[:header_index]:
            section = _section_heading(row) or section

    for row_number, row in body:
        count = _cell(row, columns["positions"])
        numeric = isinstance(count, (int, float)) or (isinstance(count, str) and count.strip().isdigit())
        if not numeric and _is_header_row(row):
            continue  # repeated header (variant A repeats it, spelled differently, after every section heading)
        if variant.province_from_sections:
            heading = _section_heading(row)
            if heading:
                section = heading
                continue
        values = {key: _cell(row, index) for key, index in columns.items()}
        employer_text = clean(values.get("employer"))
        if employer_text.lower() in _SUMMARY and not clean(values.get("address")):
            continue  # 'Other employers' / 'Total' summary rows (2014)
        extra = [i for i in range(width, len(row)) if clean(row[i])]
        if extra:
            problems.append(
                RowError(
                    row_number,
                    column_letter(extra[0]),
                    f"{len(header)}-column header but a value in column {column_letter(extra[0])} "
                    f"({clean(row[extra[0]])[:40]!r}): shifted or extra column?",
                )
            )
            continue
        texts = {key: clean(value) for key, value in values.items() if key not in ("lmias", "positions")}
        for key in variant.forward_fill:
            if key in texts:
                if texts[key] == "":
                    texts[key] = previous.get(key, "")
                    if key == "stream":
                        values["stream"] = previous.get("stream_original", "")
                else:
                    previous[key] = texts[key]
                    if key == "stream":
                        previous["stream_original"] = str(values["stream"])
        record = _record(row_number, texts, values, section, resolved, noc_version, names, problems)
        if record is not None:
            records.append(record)

    if not records and not problems:
        problems.append(RowError(None, None, "no data rows after the header"))
    if problems:
        raise LmiaFormatError(file_name, problems)
    return ParsedFile(
        file_name=file_name,
        variant=variant.code,
        period=resolved,
        title=title,
        header=[clean(c) for c in header[:width]],
        records=records,
        warnings=warnings,
        has_lmias="lmias" in columns,
        has_stream="stream" in columns,
    )


def _resolve_period(given: str | Period | None, title: str, file_name: str, warnings: list[str]) -> Period:
    detected = period_from_title(title) or period_from_name(file_name)
    if given is not None:
        try:
            chosen = given if isinstance(given, Period) else parse_period(given)
        except ValueError as exc:
            raise LmiaFormatError(file_name, [RowError(None, None, str(exc))]) from None
        if detected and detected != chosen:
            warnings.append(f"period {chosen.label} given; the file says {detected.label}")
        return chosen
    if detected is None:
        raise LmiaFormatError(
            file_name,
            [RowError(None, None, "the period is not in the title or the file name; give it (e.g. --period 2021Q3)")],
        )
    return detected


def _data_rows(rows: list[list[object]], header_index: int, columns: dict[str, int]) -> list[tuple[int, list]]:
    """(physical row number, cells) for every non-blank row between the header and the 'Notes:' block."""
    out = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        first = next((c for c in row if clean(c)), None)
        if first is None:
            continue
        if _NOTES.match(normalize_header(row[0]) if row else ""):
            break
        out.append((index + 1, row))
    return out


def _cell(row: Sequence[object], index: int) -> object:
    return row[index] if index < len(row) else ""


def _blank(value: object) -> bool:
    return clean(value).lower() in _BLANK


def _section_heading(row: Sequence[object]) -> str | None:
    cells = [clean(c) for c in row]
    filled = [c for c in cells if c]
    if len(filled) == 1 and cells[0]:
        return province_of(cells[0])
    return None


def _noc_version(
    title: str, header: Sequence[object], rows: list[list[object]], header_index: int, columns: dict[str, int]
) -> int | None:
    if "occupation" not in columns:
        return None
    label = f"{title} {' '.join(clean(c) for c in header)}"
    if re.search(r"(NOC|CNP)\)?\s*2021", label):
        return 2021
    index = columns["occupation"]
    for row in rows[header_index + 1 : header_index + 200]:
        match = _NOC.match(clean(_cell(row, index)))
        if match and len(match[1]) == 5:
            return 2021
    return 2011


def _record(
    row_number: int,
    texts: dict[str, str],
    values: dict[str, object],
    section: str | None,
    period: Period,
    noc_version: int | None,
    names: dict[str, str],
    problems: list[RowError],
) -> LmiaRecord | None:
    before = len(problems)
    warnings: list[str] = []

    if "province" in texts:
        province = province_of(texts["province"]) if texts["province"] else None
        if province is None:
            message = f"unknown province {texts['province'][:60]!r}" if texts["province"] else "province is empty"
            problems.append(RowError(row_number, names["province"], message))
    else:
        province = section
        if province is None:
            problems.append(RowError(row_number, None, "data row before any province heading"))

    stream_original = clean_keep_padding(values.get("stream"))
    stream = ""
    if "stream" in texts and texts["stream"] not in _BLANK:
        canonical = canonical_stream(texts["stream"])
        if canonical is None:
            warnings.append(f"unknown stream {texts['stream']!r}")
        stream = canonical or texts["stream"]

    noc_code, noc_title, version = "", "", None
    occupation = texts.get("occupation", "")
    if occupation.lower() not in _BLANK:
        match = _NOC.match(occupation)
        if match:
            width = 5 if noc_version == 2021 else 4
            if len(match[1]) > width:
                problems.append(
                    RowError(row_number, names["occupation"], f"NOC code {match[1]!r} has more than {width} digits")
                )
            noc_code, noc_title, version = match[1].zfill(width), match[2].strip(), noc_version
        else:
            noc_title = occupation
            warnings.append("occupation without a NOC code")

    counts: dict[str, int | None] = {"lmias": None, "positions": None}
    for key in ("lmias", "positions"):
        if key in values:
            try:
                counts[key] = parse_count(values[key])
            except ValueError as exc:
                problems.append(RowError(row_number, names[key], str(exc)))
                continue
            if key == "positions" and counts[key] is None:
                problems.append(RowError(row_number, names[key], "no number of positions"))

    if len(problems) > before:
        return None
    assert province is not None
    positions = counts["positions"]
    assert positions is not None

    employer = texts.get("employer", "")
    address = texts.get("address", "")
    if employer.lower() in _BLANK:
        employer = ""
    if address.lower() in _BLANK:
        address = ""
    parts = split_address(address) if address else AddressParts("", "", "", None)
    if province != OUTSIDE_CANADA:
        letter_provinces = POSTAL_LETTER_PROVINCES.get(parts.fsa[:1], ()) if parts.fsa else ()
        if parts.fsa and province not in letter_provinces:
            warnings.append(f"postal code {parts.postal_code or parts.fsa} is not in {province}")
        if parts.province and parts.province != province:
            warnings.append(f"address says {parts.province}, row says {province}")
    lmias = counts.get("lmias")
    return LmiaRecord(
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        province=province,
        stream=stream,
        stream_original=stream_original,
        employer=employer,
        address=address,
        postal_code=parts.postal_code if province != OUTSIDE_CANADA else "",
        fsa=parts.fsa if province != OUTSIDE_CANADA else "",
        place=parts.place,
        noc_code=noc_code,
        noc_version=version,
        noc_title=noc_title,
        lmias=lmias,
        positions=positions,
        row=row_number,
        warnings=tuple(warnings),
    )


def clean_keep_padding(value: object) -> str:
    """The stream cell as written (leading/trailing spaces kept), capped for storage."""
    if value is None:
        return ""
    return str(value)[:120]


def iter_files(paths: Sequence[str | Path]) -> Iterator[Path]:
    """Files named, and the .xlsx/.xls/.csv files inside directories named (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in {".xlsx", ".xls", ".csv"}
            )
        else:
            yield path
