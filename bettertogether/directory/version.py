"""The directory's version: one row whose token changes whenever the public directory does.

Written in the same transaction as the change (a save or delete of any directory model, through
signals; importers that write in bulk call `bump()` themselves), so a rolled-back change leaves the
token as it was and a committed one is seen by every process on its next read. Readers spend one
primary-key read per request; search results and counts (search.py) are cached under the token, so
repeated searches are served from cache yet never stale.
A fresh random token (not a counter) per change: a rolled-back transaction can never make two
different directories share a token.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from . import models as m

T = TypeVar("T")
KEEP_SECONDS = 3600  # an entry of an old version is never read again; this only frees the space
_MISSING = object()

WATCHED = (
    m.Taxonomy,
    m.TaxonomyTerm,
    m.Organization,
    m.Service,
    m.Attribute,
    m.Location,
    m.Address,
    m.ServiceAtLocation,
    m.Phone,
    m.Schedule,
    m.HolidayClosure,
    m.Language,
    m.ServiceArea,
    m.CostOption,
    m.Accessibility,
)


def current() -> str:
    """The token now (one primary-key read); the row is made again if a test flush removed it."""
    token = m.DirectoryVersion.objects.filter(id=1).values_list("token", flat=True).first()
    if token is None:
        token = m.DirectoryVersion.objects.get_or_create(id=1, defaults={"token": uuid.uuid4().hex})[0].token
    return token


def bump(**_signal: Any) -> None:
    """Say the directory changed, inside the current transaction."""
    token = uuid.uuid4().hex
    if not m.DirectoryVersion.objects.filter(id=1).update(token=token):
        m.DirectoryVersion.objects.get_or_create(id=1, defaults={"token": token})


for _model in WATCHED:
    post_save.connect(bump, sender=_model, dispatch_uid=f"bt-directory-version-save-{_model.__name__}")
    post_delete.connect(bump, sender=_model, dispatch_uid=f"bt-directory-version-delete-{_model.__name__}")


def _key(token: str, name: str, parts: tuple[Any, ...]) -> str:
    return f"bt:directory:{name}:{token}:{hashlib.sha256(repr(parts).encode()).hexdigest()[:32]}"


def remember(token: str, name: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`, kept in the shared cache under the directory's version `token` (so never stale)."""
    key = _key(token, name, parts)
    with contextlib.suppress(Exception):  # a cache outage costs time, never an answer
        found = cache.get(key, _MISSING)
        if found is not _MISSING:
            return cast(T, found)
    value = compute()
    with contextlib.suppress(Exception):
        cache.set(key, value, KEEP_SECONDS)
    return value


BLOCK = 600  # items per cache entry of a long list: a page reads one or two, never the whole list


def remember_slice(
    token: str, name: str, parts: tuple[Any, ...], compute: Callable[[], list[T]], start: int, stop: int
) -> tuple[int, list[T]]:
    """(length, items[start:stop]) of the list `compute()` returns, kept in the shared cache under the
    directory's version in blocks, so a page of a 200,000-long list never reads it all back."""
    total = remember(token, f"{name}:length", parts, lambda: _store_blocks(token, name, parts, compute()))
    if start >= min(stop, total):
        return total, []
    first, last = start // BLOCK, (min(stop, total) - 1) // BLOCK
    items: list[T] = []
    for block in range(first, last + 1):
        found = _MISSING
        with contextlib.suppress(Exception):
            found = cache.get(_key(token, f"{name}:{block}", parts), _MISSING)
        if found is _MISSING:  # evicted (or the cache is out): compute the list again and keep it
            whole = compute()
            _store_blocks(token, name, parts, whole)
            return len(whole), whole[start:stop]
        items += cast(list[T], found)
    offset = first * BLOCK
    return total, items[start - offset : stop - offset]


def _store_blocks(token: str, name: str, parts: tuple[Any, ...], whole: list[T]) -> int:
    blocks = {
        _key(token, f"{name}:{n}", parts): whole[n * BLOCK : (n + 1) * BLOCK]
        for n in range(max(1, -(-len(whole) // BLOCK)))
    }
    with contextlib.suppress(Exception):
        cache.set_many(blocks, KEEP_SECONDS)
    return len(whole)
