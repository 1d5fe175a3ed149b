"""The HSDS page wrapper: {contents, total_items, total_pages, page_number, size, first_page, last_page, empty}."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    start = (page - 1) * per_page
    return start, start + per_page


def wrap(contents: list[Any], total: int, page: int, per_page: int) -> dict[str, Any]:
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "contents": contents,
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": len(contents) == 0,
    }


def paginate_queryset(
    queryset: QuerySet[Any], page: int, per_page: int, render: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    total = queryset.count()
    start, end = page_bounds(page, per_page)
    items = list(queryset[start:end]) if start < total else []
    return wrap([render(item) for item in items], total, page, per_page)


def paginate_ids(
    ids: Sequence[Any],
    page: int,
    per_page: int,
    fetch: Callable[[Sequence[Any]], dict[Any, Any]],
    render: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """Paginate an already ordered list of ids (distance order), fetching only the page's objects."""
    start, end = page_bounds(page, per_page)
    page_ids = list(ids[start:end])
    objects = fetch(page_ids) if page_ids else {}
    return wrap([render(objects[i]) for i in page_ids if i in objects], len(ids), page, per_page)
