"""Authorization matrices generated from urls.py: every named URL of an app's urlconfs must have a row,
so a new URL fails its app's matrix test until someone says who may open it.

Each app's `tests/test_authorization_matrix.py` names its urlconfs (namespace → module or pattern list)
and an EXPECTED table keyed by 'namespace:name'; `named_patterns()`, `missing_rows()` and
`assert_answers()` do the rest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from bettertogether.core.tests.factories import sign_in

UrlConf = ModuleType | Sequence[URLPattern | URLResolver]


def named_patterns(urlconfs: Mapping[str, UrlConf]) -> dict[str, URLPattern]:
    """'namespace:name' → pattern, for every named URL pattern of the urlconfs."""
    out: dict[str, URLPattern] = {}
    for namespace, conf in urlconfs.items():
        patterns = conf.urlpatterns if isinstance(conf, ModuleType) else conf
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and pattern.name:
                out[f"{namespace}:{pattern.name}"] = pattern
    return out


def missing_rows(urlconfs: Mapping[str, UrlConf], expected: Mapping[str, Any]) -> str:
    """'' when EXPECTED has exactly one row per URL; otherwise what to add and what to drop."""
    names = set(named_patterns(urlconfs))
    if names == set(expected):
        return ""
    return f"add rows for {sorted(names - set(expected))}, drop {sorted(set(expected) - names)}"


def client_for(user: Any) -> Client:
    """A client signed in as `user` (second factor passed where the role needs it), or anonymous for None."""
    client = Client()
    return client if user is None else sign_in(client, user)


def assert_answers(client: Client, url: str, expected: int, *context: object) -> Any:
    """GET `url` and check its status; a 302 must send the visitor to sign in and come back."""
    response = client.get(url)
    assert response.status_code == expected, (*context, url, response.status_code)
    if expected == 302:
        assert response["Location"].startswith(f"{reverse('login')}?next="), response["Location"]
    return response
