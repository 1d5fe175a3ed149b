"""Backups of everything that matters: the database and the uploaded files, with a manifest of hashes.

A backup is a folder:

    manifest.json       format, time, database vendor, and the SHA-256 and size of every other file
    db.sqlite3          SQLite: a copy taken with SQLite's online backup API (consistent while in use)
    db.dump             PostgreSQL: `pg_dump --format=custom`
    media/...           a copy of MEDIA_ROOT

`restore()` checks every hash first and refuses a backup with a missing, changed or unlisted file,
or one taken from the other kind of database; only then does it replace the database
(SQLite's backup API into the live database; `pg_restore --clean --single-transaction`, all or
nothing) and MEDIA_ROOT (copied beside it, then swapped in).

The backup holds personal data and the case desk's sealed fields: keep it as safe as the database,
and keep BT_FIELD_KEYS apart from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.dump"
MEDIA = "media"


class BackupError(Exception):
    """A backup that cannot be written, or one that must not be restored; the message says why."""


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    vendor: str
    files: int
    bytes: int


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    """libpq environment (the password never on a command line) and the database name."""
    conf = connection.settings_dict
    env = {**os.environ}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if conf.get(key):
            env[variable] = str(conf[key])
    return env, ["--dbname", str(conf["NAME"])]


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        # pg_dump's message names the object or connection problem; it holds no row data.
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:500]}")


def _dump_database(folder: Path) -> str:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        env, database = _pg_env_and_args()
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(folder / PG_FILE), *database],
            env,
        )
    else:
        raise BackupError(f"No backup method for the {connection.vendor} database.")
    return connection.vendor


def _listing(folder: Path) -> list[Path]:
    """Every file of the backup but its manifest."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p != folder / MANIFEST)


def backup(folder: Path, now: dt.datetime | None = None) -> BackupSummary:
    """Write a backup into `folder`, which must not exist or be empty."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: give a new folder for each backup.")
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    vendor = _dump_database(folder)
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.copytree(media_root, folder / MEDIA, symlinks=False)
    files: dict[str, dict[str, Any]] = {
        str(p.relative_to(folder)): {"sha256": sha256(p), "size": p.stat().st_size} for p in _listing(folder)
    }
    manifest = {
        "format": FORMAT,
        "created_at": (now or dt.datetime.now(tz=dt.UTC)).isoformat(timespec="seconds"),
        "database": vendor,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return BackupSummary(folder, vendor, len(files), sum(int(f["size"]) for f in files.values()))


def verify(folder: Path) -> dict[str, Any]:
    """The manifest of a sound backup; BackupError naming the first problem otherwise."""
    folder = Path(folder)
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files: dict[str, dict[str, Any]] = manifest["files"]
        vendor = manifest["database"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{folder}: no readable {MANIFEST} ({type(exc).__name__}).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: backup format {manifest.get('format')!r} is not {FORMAT}.")
    if vendor != connection.vendor:
        raise BackupError(f"{folder} holds a {vendor} database; this site runs on {connection.vendor}.")
    database_file = SQLITE_FILE if vendor == "sqlite" else PG_FILE
    if database_file not in files:
        raise BackupError(f"{folder}: the manifest lists no {database_file}.")
    present = {str(p.relative_to(folder)) for p in _listing(folder)}
    for name in sorted(set(files) | present):
        if name not in files:
            raise BackupError(f"{folder}: {name} is not in the manifest.")
        path = folder / name
        if name not in present:
            raise BackupError(f"{folder}: {name} is missing.")
        if path.stat().st_size != files[name]["size"] or sha256(path) != files[name]["sha256"]:
            raise BackupError(f"{folder}: {name} does not match its hash: the backup is damaged.")
    return manifest


def _restore_database(folder: Path, vendor: str) -> None:
    if vendor == "sqlite":
        source = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        # Extensions (PostGIS) belong to the server's administrator, who installs them before the
        # first migrate: the restore leaves them and their own tables' rows (spatial_ref_sys) in
        # place instead of dropping or rewriting what it does not own.
        with connection.cursor() as cursor:
            cursor.execute("SELECT c.relname FROM pg_extension e JOIN pg_class c ON c.oid = ANY (e.extconfig)")
            extension_tables = {row[0] for row in cursor.fetchall()}
        connection.close()
        env, database = _pg_env_and_args()
        listing = subprocess.run(
            ["pg_restore", "--list", str(folder / PG_FILE)], env=env, capture_output=True, text=True, check=False
        )
        if listing.returncode != 0:
            raise BackupError(f"pg_restore failed: {listing.stderr.strip()[:500]}")
        kept = [
            line
            for line in listing.stdout.splitlines()
            if " EXTENSION " not in line
            and not any(" TABLE DATA " in line and line.split()[-2] == name for name in extension_tables)
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False, encoding="utf-8") as handle:
            handle.write("\n".join(kept) + "\n")
        entries = Path(handle.name)
        try:
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--use-list",
                    str(entries),
                    *database,
                    str(folder / PG_FILE),
                ],
                env,
            )
        finally:
            entries.unlink(missing_ok=True)


def _restore_media(folder: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    incoming = media_root.with_name(media_root.name + ".restoring")
    outgoing = media_root.with_name(media_root.name + ".replaced")
    for stale in (incoming, outgoing):
        if stale.exists():
            shutil.rmtree(stale)
    if (folder / MEDIA).is_dir():
        shutil.copytree(folder / MEDIA, incoming)
    else:
        incoming.mkdir(parents=True)
    if media_root.exists():
        media_root.rename(outgoing)
    incoming.rename(media_root)
    if outgoing.exists():
        shutil.rmtree(outgoing)


def restore(folder: Path) -> BackupSummary:
    """Replace the database and MEDIA_ROOT with the backup in `folder`, after checking every hash."""
    folder = Path(folder)
    manifest = verify(folder)
    _restore_database(folder, manifest["database"])
    _restore_media(folder)
    files = manifest["files"]
    return BackupSummary(folder, manifest["database"], len(files), sum(int(f["size"]) for f in files.values()))
