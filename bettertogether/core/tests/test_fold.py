"""One accent folding (core.text.fold) for place spellings, people's names and geocoder keys."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bettertogether.core.text import fold, strip_accents


def test_fold_drops_accents_and_case() -> None:
    assert fold("Église Saint-Thomas") == "eglise saint-thomas"
    assert fold("CAP-PELÉ") == fold("Cap-Pele") == "cap-pele"
    assert fold("Straße") == "strasse"
    assert fold("ﬁle") == "file"  # compatibility forms decomposed
    assert fold("北京") == "北京"  # other scripts kept
    assert strip_accents("Cap-Pelé") == "Cap-Pele"  # case kept


@given(st.text())
def test_fold_is_the_former_copies(text: str) -> None:
    """The same value the outreach name key (a keyed hash of stored people) and the positions'
    spelling key computed before they shared this function."""
    decomposed = unicodedata.normalize("NFKD", text)
    assert fold(text) == "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
