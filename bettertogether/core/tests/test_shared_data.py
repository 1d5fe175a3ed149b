"""One place knows where the shared data lives: beside the project by default, or $BT_SHARED_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from bettertogether.core.shared_data import PROJECT_DIR, shared_data, shared_dir


def test_beside_the_project_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BT_SHARED_DIR", raising=False)
    assert (PROJECT_DIR / "manage.py").is_file()
    assert shared_dir() == PROJECT_DIR.parent / "shared"
    assert shared_data("lmia") == PROJECT_DIR.parent / "shared" / "data" / "lmia"


def test_the_environment_moves_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BT_SHARED_DIR", str(tmp_path))
    assert shared_data("bench", "directory-20k") == tmp_path / "data" / "bench" / "directory-20k"


def test_settings_agree() -> None:
    assert shared_dir() == settings.SHARED_DIR
