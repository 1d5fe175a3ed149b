"""Parse ESDC "Positive LMIA Employers List" files (every variant since 2014) into plain records.

One pipeline for every format (see ../shared/data/lmia/FORMATS.md):
read the container (XLSX or CSV) → find the header row by content → map columns by meaning →
pick the variant's description (VARIANTS below) → validate every row → records.
Reading containers lives in lmia_files.py, turning cells into values in lmia_values.py.
Problems are collected for the whole file and raised together as `LmiaFormatError`, each naming the
file, the row (1-based, as a spreadsheet program shows it) and the column.

No Django here: the importer (services.py), the command, the bench and the tests call `parse_lmia`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bettertogether.core.imports import ImportFailed
from bettertogether.core.periods import Period, parse_period

from .lmia_files import (
    DEFAULT_MAX_BYTES,
    LmiaFormatError,
    RowError,
    decode_csv,
    iter_files,
    read_rows,
    size_message,
    too_big_error,
)
from .lmia_values import (
    BLANK_CELLS,
    MAX_COUNT,
    NOC_CELL,
    NOTES_CELL,
    OUTSIDE_CANADA,
    SUMMARY_EMPLOYERS,
    AddressParts,
    address_doubts,
    canonical_stream,
    clean,
    clean_keep_padding,
    column_letter,
    normalize_header,
    occupation_of,
    parse_count,
    period_from_name,
    period_from_title,
    province_of,
    split_address,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_COUNT",
    "OUTSIDE_CANADA",
    "LmiaFormatError",
    "LmiaRecord",
    "ParsedFile",
    "RowError",
    "canonical_stream",
    "clean",
    "decode_csv",
    "iter_files",
    "map_columns",
    "parse_count",
    "parse_lmia",
    "parse_rows",
    "period_from_name",
    "period_from_title",
    "province_of",
    "read_rows",
    "size_message",
    "split_address",
]

SPARSE_UNTIL = dt.date(2019, 6, 30)  # last quarter published with blank-means-same-as-above cells


# Records


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
            raise ImportFailed(
                [too_big_error(size, max_bytes)],
                file_name,
            )
        data = path.read_bytes()
    else:
        data = source
        file_name = file_name or "upload"
        if len(data) > max_bytes:
            raise ImportFailed(
                [too_big_error(len(data), max_bytes)],
                file_name,
            )
    return parse_rows(*read_rows(data, file_name), file_name=file_name, period=period)


def parse_rows(
    container: str,
    rows: list[list[object]],
    *,
    file_name: str,
    period: str | Period | None = None,
) -> ParsedFile:
    header_index, columns, warnings = _read_header(rows, file_name)
    header = rows[header_index]

    title = " ".join(clean(c) for row in rows[:header_index] for c in row if clean(c) and len(clean(c)) > 1)
    resolved = _resolve_period(period, title, file_name, warnings)

    width = _header_width(header)
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
    # The first heading comes before the first header row.
    section = _last_heading(rows[:header_index]) if variant.province_from_sections else None
    text_keys = [key for key in columns if key not in ("lmias", "positions")]
    reach = max(columns.values()) + 1  # a shorter row (CSV) is padded with blank cells

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
        if len(row) < reach:
            row = row + [""] * (reach - len(row))
        values = {key: row[index] for key, index in columns.items()}
        texts = {key: clean(values[key]) for key in text_keys}
        if texts.get("employer", "").lower() in SUMMARY_EMPLOYERS and not texts.get("address"):
            continue  # 'Other employers' / 'Total' summary rows (2014)
        shifted = _shifted_column(row_number, row, width, len(header))
        if shifted is not None:
            problems.append(shifted)
            continue
        _forward_fill(variant.forward_fill, texts, values, previous)
        record = _record(row_number, texts, values, section, resolved, noc_version, names, problems)
        if record is not None:
            records.append(record)

    if not records and not problems:
        problems.append(RowError(None, None, "no data rows after the header"))
    if problems:
        raise ImportFailed(problems, file_name)
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


def _read_header(rows: list[list[object]], file_name: str) -> tuple[int, dict[str, int], list[str]]:
    """The header row's index, its known columns (key → index) and a warning naming the others."""
    header_index = find_header(rows)
    if header_index is None:
        raise ImportFailed(
            [RowError(None, None, "no header row found (expected columns such as Employer and Address)")], file_name
        )
    columns, unknown = map_columns(rows[header_index])
    warnings: list[str] = []
    if unknown:
        warnings.append(f"ignored columns: {', '.join(unknown)}")
    if "positions" not in columns:
        raise ImportFailed(
            [RowError(header_index + 1, None, "no positions column (e.g. 'Approved Positions')")], file_name
        )
    return header_index, columns, warnings


def _last_heading(rows: list[list[object]]) -> str | None:
    section = None
    for row in rows:
        section = _section_heading(row) or section
    return section


def _header_width(header: list[object]) -> int:
    """The header's width without its trailing blank cells."""
    width = len(header)
    while width and clean(header[width - 1]) == "":
        width -= 1
    return width


def _shifted_column(row_number: int, row: list[object], width: int, header_size: int) -> RowError | None:
    """A value right of the header's last column: the row is shifted, or has an extra column."""
    extra = [i for i in range(width, len(row)) if clean(row[i])]
    if not extra:
        return None
    return RowError(
        row_number,
        column_letter(extra[0]),
        f"{header_size}-column header but a value in column {column_letter(extra[0])} "
        f"({clean(row[extra[0]])[:40]!r}): shifted or extra column?",
    )


def _forward_fill(
    keys: Sequence[str], texts: dict[str, str], values: dict[str, object], previous: dict[str, str]
) -> None:
    """A blank cell of these columns means the same as the row above (the stream's original spelling too)."""
    for key in keys:
        if key in texts:
            if texts[key] == "":
                texts[key] = previous.get(key, "")
                if key == "stream":
                    values["stream"] = previous.get("stream_original", "")
            else:
                previous[key] = texts[key]
                if key == "stream":
                    previous["stream_original"] = str(values["stream"])


def _resolve_period(given: str | Period | None, title: str, file_name: str, warnings: list[str]) -> Period:
    detected = period_from_title(title) or period_from_name(file_name)
    if given is not None:
        try:
            chosen = given if isinstance(given, Period) else parse_period(given)
        except ValueError as exc:
            raise ImportFailed(
                [RowError(None, None, str(exc))],
                file_name,
            ) from None
        if detected and detected != chosen:
            warnings.append(f"period {chosen.label} given; the file says {detected.label}")
        return chosen
    if detected is None:
        raise ImportFailed(
            [RowError(None, None, "the period is not in the title or the file name; give it (e.g. --period 2021Q3)")],
            file_name,
        )
    return detected


def _data_rows(rows: list[list[object]], header_index: int, columns: dict[str, int]) -> list[tuple[int, list[object]]]:
    """(physical row number, cells) for every non-blank row between the header and the 'Notes:' block."""
    out = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        first = clean(row[0]) if row else ""
        if not first and not any(map(clean, row)):
            continue
        if NOTES_CELL.match(first.lower()):
            break
        out.append((index + 1, row))
    return out


def _cell(row: Sequence[object], index: int) -> object:
    return row[index] if index < len(row) else ""


def _blank(value: object) -> bool:
    return clean(value).lower() in BLANK_CELLS


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
        match = NOC_CELL.match(clean(_cell(row, index)))
        if match and len(match[1]) == 5:
            return 2021
    return 2011


def _row_province(
    row_number: int, texts: dict[str, str], section: str | None, names: dict[str, str], problems: list[RowError]
) -> str | None:
    """The row's province: its own cell, or the section heading above it (variant A)."""
    if "province" in texts:
        province = province_of(texts["province"]) if texts["province"] else None
        if province is None:
            message = f"unknown province {texts['province'][:60]!r}" if texts["province"] else "province is empty"
            problems.append(RowError(row_number, names["province"], message))
        return province
    if section is None:
        problems.append(RowError(row_number, None, "data row before any province heading"))
    return section


def _counts(
    row_number: int, values: dict[str, object], names: dict[str, str], problems: list[RowError]
) -> dict[str, int | None]:
    """The row's numbers of LMIAs and positions (None when the file has no such column)."""
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
    return counts


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

    province = _row_province(row_number, texts, section, names, problems)

    stream_original = clean_keep_padding(values.get("stream"))
    stream = ""
    if "stream" in texts and texts["stream"] not in BLANK_CELLS:
        canonical = canonical_stream(texts["stream"])
        if canonical is None:
            warnings.append(f"unknown stream {texts['stream']!r}")
        stream = canonical or texts["stream"]

    occupation = occupation_of(texts.get("occupation", ""), noc_version)
    if occupation.problem:
        problems.append(RowError(row_number, names["occupation"], occupation.problem))
    if occupation.warning:
        warnings.append(occupation.warning)

    counts = _counts(row_number, values, names, problems)

    if len(problems) > before:
        return None
    assert province is not None
    positions = counts["positions"]
    assert positions is not None

    employer = texts.get("employer", "")
    address = texts.get("address", "")
    if employer.lower() in BLANK_CELLS:
        employer = ""
    if address.lower() in BLANK_CELLS:
        address = ""
    parts = split_address(address) if address else AddressParts("", "", "", None)
    if province != OUTSIDE_CANADA:
        warnings.extend(address_doubts(parts, province))
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
        noc_code=occupation.code,
        noc_version=occupation.version,
        noc_title=occupation.title,
        lmias=lmias,
        positions=positions,
        row=row_number,
        warnings=tuple(warnings),
    )
