"""The directory's version keys what is kept in the shared cache: long lists are kept in blocks and
read back a page at a time, and a block the cache lost is computed again, never answered wrong."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from bettertogether.directory import version

pytestmark = pytest.mark.django_db


def test_a_long_list_is_read_back_a_page_at_a_time() -> None:
    whole = list(range(2 * version.BLOCK + 17))
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return whole

    token = version.current()
    for start, stop in (
        (0, 30),
        (version.BLOCK - 5, version.BLOCK + 25),
        (2 * version.BLOCK, 3 * version.BLOCK),
        (5000, 5030),
    ):
        assert version.remember_slice(token, "numbers", ("p",), compute, start, stop) == (len(whole), whole[start:stop])
    assert len(calls) == 1  # computed once, then read from its blocks
    cache.delete(version._key(token, "numbers:1", ("p",)))  # the cache lost one block
    assert version.remember_slice(token, "numbers", ("p",), compute, version.BLOCK, version.BLOCK + 3) == (
        len(whole),
        whole[version.BLOCK : version.BLOCK + 3],
    )
    assert len(calls) == 2
    cache.clear()  # the cache lost everything: the answer is computed again, and still right
    assert version.remember_slice(token, "numbers", ("p",), compute, 40, 70) == (len(whole), whole[40:70])
    assert len(calls) == 3


def test_a_new_version_never_reads_an_old_list() -> None:
    token = version.current()
    assert version.remember_slice(token, "names", (), lambda: ["a", "b"], 0, 30) == (2, ["a", "b"])
    version.bump()
    assert version.current() != token
    assert version.remember_slice(version.current(), "names", (), lambda: ["c"], 0, 30) == (1, ["c"])


def test_an_empty_list() -> None:
    assert version.remember_slice(version.current(), "none", (), list, 0, 30) == (0, [])
