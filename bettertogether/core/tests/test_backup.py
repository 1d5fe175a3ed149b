"""The restore drill: back up the database and the uploads, change everything, restore, find it all
back; a damaged backup is refused before anything changes. Runs on SQLite and on PostgreSQL (the
suite's two runs), with SQLite's online backup API or pg_dump/pg_restore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from bettertogether.directory.models import Organization
from bettertogether.directory.tests.factories import OrganizationFactory
from bettertogether.site.models import KeptMessage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "resources").mkdir(parents=True)
    (root / "resources" / "guide.pdf").write_bytes(b"%PDF-1.4 guide\n")
    settings.MEDIA_ROOT = root
    return root


def take_backup(folder: Path, capsys) -> dict:
    call_command("backup", str(folder))
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_restore_drill_brings_back_the_database_and_the_uploads(media: Path, tmp_path: Path, capsys) -> None:
    kept = OrganizationFactory(name="Kept organization")
    KeptMessage.objects.create(name="Ana", reply_to="ana@example.org", message="Sealed words")
    folder = tmp_path / "backup-1"
    report = take_backup(folder, capsys)
    assert report["files"] >= 2 and report["database"] in ("sqlite", "postgresql")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert "media/resources/guide.pdf" in manifest["files"]
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"].values())

    # Everything changes after the backup.
    Organization.objects.filter(pk=kept.pk).delete()
    OrganizationFactory(name="Added after the backup")
    KeptMessage.objects.all().delete()
    (media / "resources" / "guide.pdf").unlink()
    (media / "later.txt").write_text("added later")

    call_command("restore", str(folder), "--noinput")
    names = set(Organization.objects.values_list("name", flat=True))
    assert "Kept organization" in names and "Added after the backup" not in names
    assert KeptMessage.objects.get().message == "Sealed words"  # still decrypts: the keys are not in the backup
    assert (media / "resources" / "guide.pdf").read_bytes() == b"%PDF-1.4 guide\n"
    assert not (media / "later.txt").exists()
    # The restored site works: a page that reads the database answers.
    assert Client().get("/en/").status_code == 200


DAMAGES = ["flip a byte", "drop a file", "add a file", "drop the manifest", "edit the manifest"]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_backup_is_refused_and_nothing_changes(media: Path, tmp_path: Path, capsys, damage: str) -> None:
    OrganizationFactory(name="Before")
    folder = tmp_path / "backup"
    take_backup(folder, capsys)
    database = next(p for p in folder.iterdir() if p.name.startswith("db."))
    if damage == "flip a byte":
        data = bytearray(database.read_bytes())
        data[len(data) // 2] ^= 0xFF
        database.write_bytes(bytes(data))
    elif damage == "drop a file":
        (folder / "media" / "resources" / "guide.pdf").unlink()
    elif damage == "add a file":
        (folder / "media" / "intruder.sh").write_text("echo")
    elif damage == "drop the manifest":
        (folder / "manifest.json").unlink()
    else:
        manifest = json.loads((folder / "manifest.json").read_text())
        manifest["database"] = "oracle"
        (folder / "manifest.json").write_text(json.dumps(manifest))
    OrganizationFactory(name="After")
    (media / "later.txt").write_text("added later")

    with pytest.raises(CommandError):
        call_command("restore", str(folder), "--noinput")
    with pytest.raises(CommandError):
        call_command("restore", str(folder), "--check")
    assert set(Organization.objects.values_list("name", flat=True)) >= {"Before", "After"}
    assert (media / "later.txt").exists()


def test_backup_wants_a_new_folder(media: Path, tmp_path: Path) -> None:
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(folder))


def test_check_only_reports(media: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "backup"
    take_backup(folder, capsys)
    call_command("restore", str(folder), "--check")
    assert json.loads(capsys.readouterr().out)["sound"] is True
