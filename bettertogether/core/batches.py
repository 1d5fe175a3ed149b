"""Long lists of ids read in pieces: one `IN (…)` per piece keeps every query within the databases'
limits on parameters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

IDS_PER_QUERY = 5000  # ids in one `IN (...)`, well within every database's limit on parameters


def batches(items: Iterable[T], size: int = IDS_PER_QUERY) -> Iterator[list[T]]:
    """The items, in their order, in lists of at most `size`."""
    values = items if isinstance(items, list) else list(items)
    for start in range(0, len(values), size):
        yield values[start : start + size]
