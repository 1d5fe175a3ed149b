"""Check an XLSX workbook's size before the spreadsheet reader sees it.

The reader (calamine) lays a sheet out as one dense rectangle from A1 to its last cell, so a 5 KB
workbook holding only A1 and XFD1048576 asks for 17 billion cells and aborts the process. Before
reading, `check_workbook()` opens the zip itself and, without holding any member in memory:

- refuses zip bombs: too many members, a member or the whole archive too large once inflated, or a
  member inflating more than MAX_RATIO times (sizes are counted while inflating, not trusted from
  the archive's directory);
- refuses anything but an XLSX (XLSB, ODS, legacy XLS: their cells cannot be counted this way);
- streams every worksheet's XML (no DTD, no entities) and refuses a sheet whose declared
  `<dimension>` or whose actual last row × last column exceeds MAX_CELLS, or that holds more cells.

No Django here. Problems are raised as WorkbookRefused (lmia_files names the file).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.parsers import expat

# The largest ESDC list (2022Q2) is about 15,000 rows × 9 columns; this leaves ample room while keeping
# the reader's rectangle (and Python's copy of it) well under 300 MB.
MAX_CELLS = 1_000_000
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
# Spreadsheet XML inflates 5 to 30 times; a member inflating more than this (past its first megabyte) is a bomb.
MAX_RATIO = 150
RATIO_GRACE_BYTES = 1024 * 1024
CHUNK = 64 * 1024

_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


class WorkbookRefused(ValueError):
    """The workbook is not read; the message says why."""


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - 64)
    return number


def cell_position(ref: str) -> tuple[int, int] | None:
    """'XFD1048576' → (1048576, 16384); None when it is not a cell reference."""
    match = _CELL_REF.match(ref.strip())
    if not match:
        return None
    return int(match.group(2)), column_number(match.group(1))


class _SheetScan:
    """Streams one worksheet's XML, keeping only counters."""

    def __init__(self, member: str):
        self.member = member
        self.root: str | None = None
        self.cells = 0
        self.row = 0
        self.column = 0
        self.last_row = 0
        self.last_column = 0
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        self.parser = parser

    def _doctype(self, *args: object) -> None:
        raise WorkbookRefused(f"the workbook part {self.member} declares a DTD, which no workbook has")

    def _entity(self, *args: object) -> None:
        raise WorkbookRefused(f"the workbook part {self.member} declares XML entities, which no workbook has")

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if self.root is None:
            self.root = local
        if self.root != "worksheet":
            return
        if local == "dimension":
            self._dimension(attrs.get("ref", ""))
        elif local == "row":
            given = attrs.get("r", "")
            self.row = int(given) if given.isdigit() else self.row + 1
            self.column = 0
            self.last_row = max(self.last_row, self.row)
        elif local == "c":
            self.cells += 1
            position = cell_position(attrs.get("r", ""))
            if position is None:
                self.column += 1
            else:
                self.row, self.column = max(self.row, position[0]), position[1]
                self.last_row = max(self.last_row, position[0])
            self.last_column = max(self.last_column, self.column)
            if self.cells > MAX_CELLS or self.last_row * self.last_column > MAX_CELLS:
                self._too_large(self.last_row, self.last_column)

    def _dimension(self, ref: str) -> None:
        end = cell_position(ref.rpartition(":")[2]) if ref else None
        if end is not None and end[0] * end[1] > MAX_CELLS:
            self._too_large(*end, declared=True)

    def _too_large(self, rows: int, columns: int, *, declared: bool = False) -> None:
        what = "declares" if declared else "reaches"
        raise WorkbookRefused(
            f"the sheet {self.member} {what} {rows:,} rows × {columns:,} columns "
            f"({rows * columns:,} cells); the limit is {MAX_CELLS:,} cells",
        )

    def feed(self, chunk: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            raise WorkbookRefused(f"the workbook part {self.member} is not well-formed XML: {exc}") from None


def check_workbook(data: bytes) -> None:
    """Raise WorkbookRefused unless `data` is an XLSX workbook small enough to read (see the module docstring)."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookRefused("legacy Excel 97–2003 (.xls) workbooks are not read: save it as .xlsx or .csv")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise WorkbookRefused(f"the workbook cannot be read (truncated or corrupt?): {reason}") from None
    if len(members) > MAX_MEMBERS:
        raise WorkbookRefused(f"the workbook has {len(members):,} parts; the limit is {MAX_MEMBERS:,}")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise WorkbookRefused("not an XLSX workbook (no xl/workbook.xml): save it as .xlsx or .csv")
    if "xl/workbook.bin" in names:
        raise WorkbookRefused("binary workbooks (.xlsb) are not read: save it as .xlsx or .csv")
    total = 0
    for member in members:
        total += _inflate(archive, member, budget=MAX_TOTAL_BYTES - total)


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, budget: int) -> int:
    """Inflate one member in chunks, scanning it when it is XML; return its inflated size."""
    if member.is_dir():
        return 0
    scan = _SheetScan(member.filename) if member.filename.lower().endswith(".xml") else None
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > MAX_MEMBER_BYTES or size > budget:
                    limit = min(MAX_MEMBER_BYTES, budget)
                    raise WorkbookRefused(
                        f"the workbook part {member.filename} inflates past {limit / 1048576:.0f} MB (a zip bomb?)",
                    )
                if size > RATIO_GRACE_BYTES and size > MAX_RATIO * max(member.compress_size, 1):
                    raise WorkbookRefused(
                        f"the workbook part {member.filename} inflates more than {MAX_RATIO} times (a zip bomb?)",
                    )
                if scan is not None:
                    scan.feed(chunk)
        if scan is not None:
            scan.feed(b"", final=True)
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:200]
        raise WorkbookRefused(f"the workbook cannot be read (truncated or corrupt?): {reason}") from None
    return size
