"""The shape every import shares: the run record and report, the problem and the error type.

An import (an LMIA file into positions, an HSDS package into the directory, the demo data) reads
everything first and writes all or nothing. What happened is one `ImportReport`: the file's name
and SHA-256, a status, how many records were created, updated, left unchanged or refused, its
warnings, and its problems, each naming the file, row and column and saying why. A file that cannot
be imported raises `ImportFailed` listing every problem found; nothing of it is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_LISTED_PROBLEMS = 50  # in an error's text; `messages` has them all
MAX_STORED_MESSAGES = 500  # warnings and errors kept in a run record


class RunStatus(models.TextChoices):
    """What became of one import run."""

    OK = "ok", _("Imported")
    FAILED = "failed", _("Failed")
    # Its rows were replaced by a later file of the same period (import_lmia --replace).
    REPLACED = "replaced", _("Replaced")
    # Already imported (same SHA-256), or its period is loaded (start-up import): nothing changed.
    SKIPPED = "skipped", _("Skipped")
    DRY_RUN = "dry-run", _("Dry run")


# The statuses a stored run can have (a skipped file or a dry run is reported, never stored).
STORED_STATUSES = (RunStatus.OK, RunStatus.FAILED, RunStatus.REPLACED)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One reason a file cannot be imported: where (file, row, column; each may be unknown) and why."""

    row: int | None
    column: str | None
    message: str
    file: str = ""

    def __str__(self) -> str:
        where = [part for part in (self.file, self.row is not None and f"row {self.row}") if part]
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(map(str, where))}: {self.message}" if where else self.message

    def in_file(self, file: str) -> ImportProblem:
        """The same problem, naming `file` when it names none."""
        return self if self.file else replace(self, file=file)


class ImportFailed(Exception):
    """The file cannot be imported; `problems` lists every problem found (file-level or per row).

    `report` is the failed run's record when the import that raised it keeps one."""

    def __init__(self, problems: Iterable[ImportProblem | str], file_name: str = "") -> None:
        self.file_name = file_name
        self.report: ImportReport | None = None
        self.problems = [
            (p if isinstance(p, ImportProblem) else ImportProblem(None, None, p)).in_file(file_name) for p in problems
        ]
        lines = [str(p) for p in self.problems[:MAX_LISTED_PROBLEMS]]
        if len(self.problems) > MAX_LISTED_PROBLEMS:
            lines.append(f"… and {len(self.problems) - MAX_LISTED_PROBLEMS} more problems")
        super().__init__("\n".join(lines))

    @property
    def messages(self) -> list[str]:
        """Every problem as a line of text ("file, row 4, column F: why")."""
        return [str(p) for p in self.problems]


Outcome = Literal["created", "updated", "unchanged", "refused"]


@dataclass
class ImportReport:
    """The run record of one import: what was read, what became of it, and why not where it failed.

    `counts` breaks the written records down by kind (an HSDS table, say); `created`, `updated`,
    `unchanged` and `refused` count records whatever their kind.
    """

    file_name: str = ""
    status: RunStatus = RunStatus.OK
    message: str = ""
    sha256: str = ""
    size: int = 0
    language: str = ""  # the language the file's text was read as, when it says
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    run_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.status != RunStatus.FAILED

    @property
    def errors(self) -> list[str]:
        """The problems as lines of text, as stored with a failed run."""
        return cap([str(p) for p in self.problems])

    def count(self, outcome: Outcome, number: int = 1) -> None:
        setattr(self, outcome, getattr(self, outcome) + number)

    def count_written(self, total: int, created: int, changed: int) -> None:
        """Count a batch of `total` records written, `created` of them new and `changed` new or different."""
        self.count("created", created)
        self.count("updated", changed - created)
        self.count("unchanged", total - changed)

    def fail(self, failure: ImportFailed | str) -> None:
        """Mark the run failed for `failure` (its problems, or one file-level message): nothing is written,
        so the rows refused are those the problems name. The error then carries this record."""
        problems = failure.problems if isinstance(failure, ImportFailed) else [ImportProblem(None, None, failure)]
        self.status = RunStatus.FAILED
        self.message = str(failure)
        self.problems = [p.in_file(self.file_name) for p in problems]
        self.refused = len({(p.file, p.row) for p in self.problems if p.row is not None})
        if isinstance(failure, ImportFailed):
            failure.report = self

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: dates as ISO text, problems as {file, row, column, message}."""
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "problems":
                value = [asdict(p) for p in value]
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            data[item.name] = value
        data["status"] = str(self.status.value)
        data["errors"] = self.errors
        return data


def upsert(model: type[models.Model], pk: Any, values: dict[str, Any], report: ImportReport) -> None:
    """Write one keyed record: create it, or update only the fields that differ; counted in `report`.

    Runs inside the caller's transaction (an import is all or nothing); a second run with the same
    values writes nothing, so an import through it is idempotent."""
    manager = model._default_manager
    record = manager.filter(pk=pk).first()
    if record is None:
        manager.create(pk=pk, **values)
        report.count("created")
        return
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    if not changed:
        report.count("unchanged")
        return
    for name in changed:
        setattr(record, name, values[name])
    record.save()
    report.count("updated")


def cap(messages: Sequence[str], limit: int = MAX_STORED_MESSAGES) -> list[str]:
    """At most `limit` messages, the last saying how many more there were."""
    if len(messages) <= limit:
        return list(messages)
    return [*messages[:limit], f"… and {len(messages) - limit} more"]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of_files(paths: Iterable[Path]) -> str:
    """One SHA-256 for a package of files: each file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()
