"""Human labels for the codes the case desk stores: languages, topics, provinces, shareable fields.

Pages show "Spanish" (in the page's language), "Rights information" and "Name or alias", never
`es`, `rights-info` or `worker_name`. A code with no label (an old value) is shown as stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import get_language

from bettertogether.core.languages import language_name
from bettertogether.core.provinces import Province
from bettertogether.directory.door import TERMS

from .models import SHAREABLE_FIELDS


def topic_name(slug: str) -> str:
    lang = (get_language() or "en")[:2]
    for term in TERMS:
        for candidate in (term, *term.children):
            if candidate.slug == slug:
                return candidate.text.get(lang, candidate.text["en"])[0]
    return slug


def topic_names(slugs: Iterable[str] | None) -> str:
    return ", ".join(topic_name(s) for s in slugs or [])


def province_name(code: str) -> str:
    try:
        return str(Province(code).label)
    except ValueError:
        return code


def field_names(keys: Iterable[str] | None) -> str:
    return ", ".join(str(SHAREABLE_FIELDS.get(k, k)) for k in keys or [])


def shared_value(key: str, value: Any) -> str:
    """A value a referral shared, as the receiver reads it."""
    if key == "language":
        return language_name(str(value))
    if key == "province":
        return province_name(str(value))
    if key == "issue_types":
        return topic_names(value if isinstance(value, list) else [str(value)])
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def dimension_label(dimension: str, key: str) -> str:
    """A row heading of the statistics tables (organizations are named by the view)."""
    if dimension == "language":
        return language_name(key)
    if dimension == "province":
        return province_name(key)
    if dimension == "topic":
        return topic_name(key)
    return key
