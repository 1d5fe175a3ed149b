"""Where the shared data lives: `../shared/data` beside the project, or `$BT_SHARED_DIR/data`.

Read-only reference files (ESDC's LMIA lists, the HSDS 3.0 specification, the organizations list,
the national-scale benchmark directory). Plain module: settings, tests and benchmarks read it too.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """The shared folder: $BT_SHARED_DIR when set, otherwise `shared` beside the project."""
    return Path(os.environ.get("BT_SHARED_DIR") or PROJECT_DIR.parent / "shared")


def shared_data(*parts: str) -> Path:
    """A path inside the shared data folder, e.g. `shared_data("lmia")`."""
    return shared_dir().joinpath("data", *parts)
