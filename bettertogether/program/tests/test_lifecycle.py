"""Every move of the agreement and milestone lifecycles, allowed and refused, and amendments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from bettertogether.program import lifecycle, services
from bettertogether.program.models import AgreementStatus, Amendment, Milestone, MilestoneStatus, SubAgreement

from .factories import agreement

pytestmark = pytest.mark.django_db

AGREEMENT_PAIRS = [(a, b) for a in AgreementStatus.values for b in AgreementStatus.values]
MILESTONE_PAIRS = [(a, b) for a in MilestoneStatus.values for b in MilestoneStatus.values]


def test_tables_cover_every_status() -> None:
    assert set(lifecycle.AGREEMENT_TRANSITIONS) == set(AgreementStatus.values)
    assert set(lifecycle.MILESTONE_TRANSITIONS) == set(MilestoneStatus.values)


@pytest.mark.parametrize(("current", "target"), AGREEMENT_PAIRS)
def test_agreement_moves(current: str, target: str, orgs: dict[str, Any]) -> None:
    made = agreement(orgs["own"])
    SubAgreement.objects.filter(pk=made.pk).update(status=current)
    allowed = target in lifecycle.AGREEMENT_TRANSITIONS[current]
    if allowed:
        services.move_agreement(made.pk, target, by=None, reason="because")
        made.refresh_from_db()
        assert made.status == target
        change = made.status_changes.get()
        assert (change.from_status, change.to_status, change.reason) == (current, target, "because")
    else:
        with pytest.raises(lifecycle.TransitionRefused):
            services.move_agreement(made.pk, target, by=None)
        made.refresh_from_db()
        assert made.status == current and not made.status_changes.exists()


@pytest.mark.parametrize(("current", "target"), MILESTONE_PAIRS)
def test_milestone_moves(current: str, target: str, db: Any) -> None:
    m = Milestone.objects.create(key="m", starts_on=dt.date(2024, 12, 1), title="Event", status=current)
    if target in lifecycle.MILESTONE_TRANSITIONS[current]:
        services.move_milestone(m.pk, target, by=None)
        m.refresh_from_db()
        assert m.status == target
    else:
        with pytest.raises(lifecycle.TransitionRefused):
            services.move_milestone(m.pk, target, by=None)
        m.refresh_from_db()
        assert m.status == current


def test_an_extension_is_an_amendment_that_keeps_the_earlier_terms(orgs: dict[str, Any]) -> None:
    made = agreement(orgs["own"], status="active")
    amendment = services.amend_agreement(
        made.pk,
        signed_on=dt.date(2024, 4, 1),
        reason="Extended a year",
        by=None,
        ends_on=dt.date(2025, 3, 31),
        amount=Decimal("80000.00"),
    )
    made.refresh_from_db()
    assert amendment.kind == Amendment.Kind.EXTENSION
    assert (amendment.previous_ends_on, amendment.new_ends_on) == (dt.date(2024, 3, 31), dt.date(2025, 3, 31))
    assert (amendment.previous_amount, amendment.new_amount) == (Decimal("50000.00"), Decimal("80000.00"))
    assert made.ends_on == dt.date(2025, 3, 31) and made.amount == Decimal("80000.00")
    budget = services.amend_agreement(
        made.pk, signed_on=dt.date(2024, 6, 1), reason="More sessions", by=None, amount=Decimal("85000")
    )
    assert budget.kind == Amendment.Kind.BUDGET
    assert list(made.amendments.values_list("kind", flat=True)) == ["extension", "budget"]


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_only_signed_or_active_agreements_are_amended(status: str, orgs: dict[str, Any]) -> None:
    made = agreement(orgs["own"], status=status)
    with pytest.raises(lifecycle.TransitionRefused):
        services.amend_agreement(
            made.pk, signed_on=dt.date(2024, 4, 1), reason="x", by=None, ends_on=dt.date(2025, 3, 31)
        )
    assert not Amendment.objects.exists()


def test_amendments_that_change_nothing_or_end_before_the_start_are_refused(orgs: dict[str, Any]) -> None:
    made = agreement(orgs["own"], status="signed")
    for kwargs in ({"ends_on": made.ends_on}, {"ends_on": dt.date(2023, 1, 1)}, {"amount": made.amount}):
        with pytest.raises(ValueError):
            services.amend_agreement(made.pk, signed_on=dt.date(2024, 4, 1), reason="x", by=None, **kwargs)
    with pytest.raises(ValueError):
        services.amend_agreement(
            made.pk, signed_on=dt.date(2024, 4, 1), reason=" ", by=None, ends_on=dt.date(2025, 1, 1)
        )
    assert not Amendment.objects.exists()
