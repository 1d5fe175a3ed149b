"""Suite-wide switches: tests needing Chromium or ../shared/data skip where those are absent,
saying so, unless CI makes them mandatory (BT_REQUIRE_BROWSER=1, BT_REQUIRE_SHARED=1). Tests marked
`postgres` skip on other databases, and fail there when BT_REQUIRE_POSTGRES=1 (the PostgreSQL run).
Tests marked `redis` use the server at REDIS_URL, and skip without it unless BT_REQUIRE_REDIS=1.
The browser fixtures (Playwright + live server) come from the harness plugin below."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck, settings

from bettertogether.core.shared_data import shared_data

pytest_plugins = ["bettertogether.core.tests.browser.harness"]

SHARED_DATA = shared_data()
CHROMIUM = os.environ.get("BT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


# CI replays the same generated examples on every run (a red build must mean a real regression, and
# the failing example is printed); elsewhere Hypothesis explores new ones each time.
settings.register_profile(
    "ci", derandomize=True, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("BT_HYPOTHESIS_PROFILE", "default"))


def _required(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    no_browser = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium); browser tests skipped")
    no_shared = pytest.mark.skip(reason=f"{SHARED_DATA} not found; tests on the shared data skipped")
    for item in items:
        if "browser" in item.keywords and not CHROMIUM:
            if _required("BT_REQUIRE_BROWSER"):
                item.add_marker(pytest.mark.xfail(reason="Chromium is required here", strict=True, run=False))
                raise pytest.UsageError("BT_REQUIRE_BROWSER=1 but Chromium was not found")
            item.add_marker(no_browser)
        if "redis" in item.keywords and not os.environ.get("REDIS_URL"):
            if _required("BT_REQUIRE_REDIS"):
                raise pytest.UsageError("BT_REQUIRE_REDIS=1 but REDIS_URL is not set")
            item.add_marker(pytest.mark.skip(reason="REDIS_URL not set; tests against Redis skipped"))
        if "shared_data" in item.keywords and not SHARED_DATA.is_dir():
            if _required("BT_REQUIRE_SHARED"):
                raise pytest.UsageError(f"BT_REQUIRE_SHARED=1 but {SHARED_DATA} was not found")
            item.add_marker(no_shared)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line naming the groups of tests that were skipped and why (the reasons above, counted)."""
    groups: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = str(longrepr[2] if isinstance(longrepr, tuple) else longrepr)
        reason = reason.removeprefix("Skipped: ")
        groups[reason] = groups.get(reason, 0) + 1
    if groups:
        listed = "; ".join(f"{n} × {reason}" for reason, n in sorted(groups.items(), key=lambda g: (-g[1], g[0])))
        terminalreporter.write_line(f"Skipped groups: {listed}")


def pytest_runtest_setup(item: pytest.Item) -> None:
    if "postgres" not in item.keywords:
        return

    if connection.vendor != "postgresql":
        message = f"needs PostgreSQL, the database is {connection.vendor} (set DATABASE_URL=postgres://…)"
        if _required("BT_REQUIRE_POSTGRES"):
            pytest.fail(f"BT_REQUIRE_POSTGRES=1 but this test {message}", pytrace=False)
        pytest.skip(message)


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Start and end each test in the default language: LocaleMiddleware leaves the language of a
    test-client request active in the thread, and the next test's reverse() would follow it."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty cache: rate-limit counts live there."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues() -> None:
    """Pages read the compiled .mo catalogues: compile those older than their .po (after a merge or
    a checkout) before any test renders a page, as `make messages` does."""
    call_command("compile_translations", verbosity=0)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _reset_language():
    """Each test starts and ends in the default language: a test that renders /tl/ must not
    leave Tagalog active for the next one (Django keeps the active language per thread)."""
    translation.deactivate()
    yield
    translation.deactivate()
