"""Run the benchmarks. Each module exposes `run() -> Iterable[dict]`; each dict is printed as one JSON line.

Figures are printed, never asserted: timings belong here, not in the test suite.
Usage: python -m bench [name ...]   (default: all)
"""

import importlib
import json
import os
import sys
import time

BENCHES: list[str] = ["geocode", "positions", "positions_map", "directory", "gaps", "load"]


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bettertogether.settings.test")
    names = argv or BENCHES
    failed = 0
    for name in names:
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.{name}")
            for record in module.run():
                print(json.dumps({"bench": name, **record}), flush=True)
        except Exception as exc:  # a broken benchmark must not hide the others' figures
            failed += 1
            print(json.dumps({"bench": name, "error": f"{type(exc).__name__}: {exc}"}), flush=True)
        print(json.dumps({"bench": name, "wall_s": round(time.perf_counter() - started, 2)}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
