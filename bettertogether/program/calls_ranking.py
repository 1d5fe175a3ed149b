"""The ranked summary of a call's applications: each review's weighted total (the rubric's weights
applied to the scores, as a share of the best possible), averaged over the completed reviews."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from bettertogether.core.users import User

from . import permissions
from .calls_models import Application, Call, Criterion, Review

HUNDRED = Decimal(100)


def weighted_total(scores: Mapping[int, int], weights: Mapping[int, int]) -> Decimal:
    """Σ score × weight ÷ (5 × Σ weight), as a percentage with one decimal."""
    best = Criterion.MAX_SCORE * sum(weights.values())
    if best == 0:
        return Decimal(0)
    got = sum(scores.get(pk, 0) * weight for pk, weight in weights.items())
    return (HUNDRED * got / best).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Ranked:
    rank: int | None  # None when the reader may not see its scores
    application: Application
    reviews: int  # completed reviews counted
    conflicts: int  # reviewers who declined
    total: Decimal | None  # mean weighted total; None without a completed review or when hidden
    hidden: bool  # the reader declared a conflict on this application


def _totals(reviews: Iterable[Review], weights: Mapping[int, int]) -> list[Decimal]:
    return [
        weighted_total({s.criterion_id: s.score for s in review.scores.all()}, weights)
        for review in reviews
        if review.completed_at is not None and not review.conflict
    ]


def ranked(call: Call, user: User) -> list[Ranked]:
    """The call's screened-eligible applications, best weighted total first (then by name), as
    `user` may see them: an application on which `user` declared a conflict shows no figure."""
    weights = {c.pk: c.weight for c in call.criteria.all()}
    rows: list[tuple[Application, int, int, Decimal | None, bool]] = []
    applications = call.applications.filter(status__in=permissions.REVIEWED_STATUSES).select_related("organization")
    for application in applications.prefetch_related("reviews__scores"):
        reviews = list(application.reviews.all())
        conflicts = sum(r.conflict for r in reviews)
        if permissions.declared_conflict(user, application):
            rows.append((application, 0, conflicts, None, True))
            continue
        totals = _totals(reviews, weights)
        mean = (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.1")) if totals else None
        rows.append((application, len(totals), conflicts, mean, False))
    rows.sort(key=lambda r: (r[3] is None, -(r[3] or 0), r[0].organization.name))
    result: list[Ranked] = []
    rank = 0
    for application, count, conflicts, total, hidden in rows:
        rank += 0 if total is None else 1
        result.append(Ranked(rank if total is not None else None, application, count, conflicts, total, hidden))
    return result
