"""LMIA containers: bytes → rows of cells (XLSX or CSV, any published encoding), and the error type.

No Django here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import cast

from python_calamine import CalamineWorkbook

from bettertogether.core.imports import ImportFailed, ImportProblem

from .lmia_values import column_letter
from .workbook_bounds import WorkbookRefused, check_workbook

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
MAX_LISTED_ERRORS = 50


# The LMIA names of the problem and the error type every import shares (core.imports).
RowError = ImportProblem
LmiaFormatError = ImportFailed


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
        raise ImportFailed(
            [RowError(None, None, "the file is empty")],
            file_name,
        )
    suffix = Path(file_name).suffix.lower()
    if data.startswith(b"%PDF"):
        raise ImportFailed(
            [RowError(None, None, "this is a PDF document, not a spreadsheet (a PDF renamed?)")], file_name
        )
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        sheet = _read_workbook(data, file_name)
        _refuse_nul(sheet, file_name)
        return "xlsx", sheet
    if suffix in {".xlsx", ".xlsm", ".xls"}:
        raise ImportFailed(
            [RowError(None, None, "not an Excel workbook: the file does not start like one")],
            file_name,
        )
    if b"\x00" in data[:4096]:
        raise ImportFailed(
            [RowError(None, None, "binary file: neither XLSX nor CSV")],
            file_name,
        )
    text = decode_csv(data)
    rows: list[list[object]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        rows.extend(cast(Iterator[list[object]], reader))
    except csv.Error as exc:
        raise ImportFailed(
            [RowError(len(rows) + 1, None, f"malformed CSV: {exc}")],
            file_name,
        ) from None
    if "\x00" in text:
        _refuse_nul(rows, file_name)
    return "csv", rows


def _refuse_nul(rows: list[list[object]], file_name: str) -> None:
    """NUL characters (past the first bytes of a CSV, or XLSX's _x0000_ escape) are binary debris that no
    real list has and that PostgreSQL cannot store: refused, on every database alike, naming each cell."""
    problems = [
        RowError(number, column_letter(index), "a NUL character (binary data) in the cell")
        for number, row in enumerate(rows, start=1)
        for index, cell in enumerate(row)
        if isinstance(cell, str) and "\x00" in cell
    ]
    if problems:
        raise ImportFailed(problems, file_name)


def _delimiter(text: str) -> str:
    """',' as published; ';' or tab when a spreadsheet program re-saved the file in another locale."""
    head = text[:8192]
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 2 * counts[","] else ","


def _read_workbook(data: bytes, file_name: str) -> list[list[object]]:
    try:
        check_workbook(data)  # before calamine: it would lay out any declared size, however large
    except WorkbookRefused as exc:
        raise ImportFailed(
            [RowError(None, None, str(exc))],
            file_name,
        ) from None
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise ImportFailed(
                [RowError(None, None, "the workbook has no sheet")],
                file_name,
            )
        # The first sheet, never by name: names vary between quarters.
        rows: list[list[object]] = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)  # type: ignore[assignment]
        return rows
    except LmiaFormatError:
        raise
    except Exception as exc:  # calamine raises several types (zip, XML, …) for damaged files
        reason = " ".join(str(exc).split())[:200]
        raise ImportFailed(
            [RowError(None, None, f"the workbook cannot be read (truncated or corrupt?): {reason}")], file_name
        ) from None


def too_big_error(size: int, limit: int) -> RowError:
    return RowError(None, None, size_message(size, limit))


def size_message(size: int, limit: int) -> str:
    return f"the file is {_amount(size)}; the limit is {_amount(limit)}"


def _amount(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{size:,} bytes"


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
