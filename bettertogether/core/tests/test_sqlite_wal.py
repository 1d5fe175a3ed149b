"""SQLite as configured (settings/base.py): WAL, a busy timeout and IMMEDIATE transactions, so a write
lock held for longer than the old 5-second timeout neither fails readers nor the next writer.

On a file database, in separate processes, as `make run` and gunicorn use it (the test database
itself lives in memory)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HOLD_SECONDS = 6.0

STEP = """
import json, sys, time
import django
django.setup()
from django.db import connection, transaction
action = sys.argv[1]
connection.ensure_connection()
print("ready", flush=True)
sys.stdin.readline()  # the test says when: after it has taken the lock
started = time.monotonic()
with connection.cursor() as cursor:
    if action == "setup":
        cursor.execute("CREATE TABLE note (body TEXT)")
        cursor.execute("INSERT INTO note VALUES ('first')")
    elif action == "read":
        cursor.execute("SELECT count(*) FROM note")
        result = cursor.fetchone()[0]
    elif action == "write":
        with transaction.atomic():
            cursor.execute("INSERT INTO note VALUES ('from the site')")
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
print(json.dumps({"mode": mode, "seconds": time.monotonic() - started}))
"""


def step(action: str, database: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bettertogether.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    return subprocess.Popen(
        [sys.executable, "-c", STEP, action],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def ready(process: subprocess.Popen) -> subprocess.Popen:
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def go(process: subprocess.Popen) -> None:
    assert process.stdin is not None
    process.stdin.write("go\n")
    process.stdin.flush()


def outcome(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-2000:]
    return json.loads(out)


def test_a_long_write_lock_neither_fails_readers_nor_the_next_writer(tmp_path):
    database = tmp_path / "site.sqlite3"
    setup = ready(step("setup", database))
    go(setup)
    assert outcome(setup)["mode"] == "wal"
    # Django starting up takes a while on a busy machine: start the steps first, lock once they are ready.
    reader, writer = ready(step("read", database)), ready(step("write", database))
    holder = sqlite3.connect(database, timeout=0, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # an import writing for longer than the old 5-second timeout
    holder.execute("INSERT INTO note VALUES ('import')")
    released = threading.Event()

    def release() -> None:
        time.sleep(HOLD_SECONDS)
        holder.execute("COMMIT")
        released.set()

    threading.Thread(target=release, daemon=True).start()
    go(reader)
    go(writer)
    read, written = outcome(reader), outcome(writer)
    assert released.is_set()
    # The reader was not made to wait for the lock (it saw the last committed state)…
    assert read["seconds"] < HOLD_SECONDS / 2
    # …and the writer waited for it, then wrote, instead of failing with "database is locked".
    assert written["seconds"] >= HOLD_SECONDS / 2
    check = sqlite3.connect(database)
    assert check.execute("SELECT body FROM note ORDER BY rowid").fetchall() == [
        ("first",),
        ("import",),
        ("from the site",),
    ]
