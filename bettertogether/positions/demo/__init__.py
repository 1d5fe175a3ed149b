"""Demo data of the positions app: ESDC's four seed-period files (2021Q3–2022Q2), shipped beside this
module under the Open Government Licence – Canada (README.md here gives the source and each file's
SHA-256), imported through the ordinary LMIA import.

`load(log)` is this app's load_demo hook. Idempotent: a file already imported (same SHA-256) is
skipped, and so is a file whose quarter is already loaded from another file (an operator's own copy
in $BT_LMIA_DIR, say), exactly as at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from bettertogether.core.imports import RunStatus
from bettertogether.positions.lmia_import import ImportOptions, import_lmia_files

FOLDER = Path(__file__).resolve().parent
SEED_FILES: tuple[str, ...] = (
    "tfwp_2021q3_positive_en.xlsx",
    "tfwp_2021q4_positive_en.xlsx",
    "tfwp_2022q1_positive_en.xlsx",
    "tfwp_2022q2_positive_en.xlsx",
)
# SHA-256 of each file as published (checked by positions/tests/test_demo.py against the bytes here).
SEED_SHA256: dict[str, str] = {
    "tfwp_2021q3_positive_en.xlsx": "372bf17d4d167f816df892531e51c5fd9e0abbcb0ab5f59e4098611a96617188",
    "tfwp_2021q4_positive_en.xlsx": "5b06c7a264b17326876b9429727339ddf9b0b0564968b26b11f3409b03a1ed27",
    "tfwp_2022q1_positive_en.xlsx": "7eb6607feb617f782dd1d025bdccc082a2a13cd95cae633998d56cbd0db0d6e6",
    "tfwp_2022q2_positive_en.xlsx": "b1bcb07f56569623a6619f483a1c5dccbc05a562ebdddb8286e02000c71051cf",
}


def seed_paths() -> list[Path]:
    return [FOLDER / name for name in SEED_FILES]


def load(log: Callable[[str], None]) -> None:
    if not settings.BT_DEMO_SEED_LMIA:
        log("positions: seed files not imported (BT_DEMO_SEED_LMIA is off)")
        return
    reports = import_lmia_files(seed_paths(), ImportOptions(skip_loaded_periods=True))
    imported = [r for r in reports if r.status == RunStatus.OK]
    failed = [r for r in reports if r.status == RunStatus.FAILED]
    positions = sum(r.positions for r in imported)
    log(
        f"positions: {len(imported)} seed file(s) imported ({positions} positions), "
        f"{len(reports) - len(imported) - len(failed)} already loaded"
    )
    if failed:
        raise RuntimeError("seed LMIA import failed: " + "; ".join(r.message for r in failed))
