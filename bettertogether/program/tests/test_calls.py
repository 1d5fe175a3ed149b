"""Calls for proposals end to end through the pages: who sees what (partners their own applications,
reviewers only their calls, no score after a declared conflict), uploads refused as the resources
library refuses them, the ranked summary's arithmetic, and the decision mailed to the applicant."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from bettertogether.program import calls_ranking
from bettertogether.program import calls_services as cs
from bettertogether.program.calls_models import Application, Attachment, Criterion
from bettertogether.program.worklist import program_work
from bettertogether.staff.home import home_for
from bettertogether.support.tests.factories import member, organization, signed_in

from .factories_calls import PDF, application, call

pytestmark = pytest.mark.django_db


def test_public_pages_show_the_call_and_say_when_it_is_closed(db: Any) -> None:
    open_call = call(slug="open-call")
    closed = call(slug="closed-call", status="closed")
    call(slug="draft-call", status="draft")
    listing = signed_in(member("coordinator")).get(reverse("program:calls")).content.decode()
    assert "open-call" in listing and "closed-call" in listing and "draft-call" not in listing
    anonymous = Client()
    page = anonymous.get(reverse("program:call", args=[open_call.slug])).content.decode()
    assert "Applications until the end of" in page or "applications until the end of" in page
    assert "Reach of migrant workers" in page and "Sign in to apply" in page
    closed_page = anonymous.get(reverse("program:call", args=[closed.slug]))
    assert "Closed: this call no longer takes applications." in closed_page.content.decode()
    assert not closed_page.cookies, "a public page without a form sets no cookie"
    assert anonymous.get(reverse("program:call", args=["draft-call"])).status_code == 404


def test_partner_applies_attaches_and_submits(orgs: dict[str, Any]) -> None:
    the_call = call()
    partner = member("partner_staff", orgs["own"])
    client = signed_in(partner)
    response = client.post(reverse("program:call-apply", args=[the_call.slug]), {"title": "Rights on farms"})
    made = Application.objects.get()
    assert response["Location"] == reverse("program:application", args=[made.pk])
    assert made.organization == orgs["own"] and made.status == "draft"
    client.post(
        reverse("program:application-save", args=[made.pk]),
        {"title": "Rights on farms", "summary": "Sessions", "activities": "Twelve", "amount_requested": "45000"},
    )
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    client.post(reverse("program:application-attach", args=[made.pk]), {"file": upload})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "budget.pdf" and attachment.content_type == "application/pdf"
    download = client.get(reverse("program:attachment", args=[attachment.pk]))
    assert download.getvalue() == PDF
    client.post(reverse("program:application-submit", args=[made.pk]))
    made.refresh_from_db()
    assert made.status == "submitted" and made.amount_requested == Decimal(45000)
    # Submitted: no more changes.
    client.post(
        reverse("program:application-save", args=[made.pk]),
        {"title": "Changed", "summary": "x", "activities": "x", "amount_requested": "1"},
    )
    made.refresh_from_db()
    assert made.title == "Rights on farms"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", b"MZ\x90\x00 an executable"),  # the name says PDF, the content does not
        ("plan.exe", PDF),  # a type the library refuses
        ("plan.pdf", b""),  # empty
    ],
)
def test_uploads_are_refused_as_the_resources_library_refuses_them(
    name: str, content: bytes, orgs: dict[str, Any]
) -> None:
    the_call = call()
    client = signed_in(member("partner_staff", orgs["own"]))
    made = application(the_call, orgs["own"])
    response = client.post(
        reverse("program:application-attach", args=[made.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )
    assert not Attachment.objects.exists()
    text = response.content.decode()
    assert "Only PDF, PNG, JPEG and Word" in text or "The file is empty" in text or "Choose a file" in text


def test_an_upload_over_the_limit_is_refused(orgs: dict[str, Any], settings: Any) -> None:
    settings.BT_RESOURCE_MAX_BYTES = 100
    the_call = call()
    made = application(the_call, orgs["own"])
    big = PDF + b"0" * 200
    with pytest.raises(Exception, match="too large"):
        cs.attach(made.pk, io.BytesIO(big), "big.pdf", len(big), by=None)
    assert not Attachment.objects.exists()


def test_control_characters_are_refused_and_text_is_escaped(orgs: dict[str, Any]) -> None:
    the_call = call()
    client = signed_in(member("partner_staff", orgs["own"]))
    made = application(the_call, orgs["own"])
    response = client.post(
        reverse("program:application-save", args=[made.pk]),
        {"title": "Evil\u202etitle", "summary": "", "activities": "", "amount_requested": ""},
    )
    assert response.status_code == 400
    made.refresh_from_db()
    assert "\u202e" not in made.title
    client.post(
        reverse("program:application-save", args=[made.pk]),
        {"title": "<script>alert(1)</script>", "summary": "", "activities": "", "amount_requested": ""},
    )
    page = client.get(reverse("program:application", args=[made.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_partners_see_only_their_own_organizations_applications(orgs: dict[str, Any]) -> None:
    the_call = call()
    own = application(the_call, orgs["own"], status="submitted")
    other = application(the_call, orgs["other"], status="submitted")
    for role in ("partner_staff", "case_worker"):
        client = signed_in(member(role, orgs["own"]))
        assert client.get(reverse("program:application", args=[own.pk])).status_code == 200
        assert client.get(reverse("program:application", args=[other.pk])).status_code == 404
        assert client.get(reverse("program:call-applications", args=[the_call.slug])).status_code == 404


def test_reviewers_see_only_their_calls_and_only_eligible_applications(orgs: dict[str, Any]) -> None:
    reviewer, stranger = member("funder_approver"), member("funder_approver")
    mine, theirs = call(slug="mine", reviewers=(reviewer,)), call(slug="theirs", reviewers=(stranger,))
    eligible = application(mine, orgs["own"], status="eligible")
    submitted = application(mine, orgs["other"], status="submitted")
    elsewhere = application(theirs, orgs["own"], status="eligible")
    client = signed_in(reviewer)
    office = client.get(reverse("program:calls-office")).content.decode()
    assert reverse("program:call-applications", args=["mine"]) in office
    assert reverse("program:call-applications", args=["theirs"]) not in office
    assert client.get(reverse("program:call-applications", args=["theirs"])).status_code == 404
    assert client.get(reverse("program:application", args=[eligible.pk])).status_code == 200
    assert client.get(reverse("program:application", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("program:application", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("program:application-review", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("program:call-ranking", args=["mine"])).status_code == 404


def _score(client: Any, application_id: int, value: int) -> None:
    the_call = Application.objects.get(pk=application_id).call
    data = {f"score_{c.pk}": str(value) for c in the_call.criteria.all()} | {"comments": f"Scored {value}"}
    client.post(reverse("program:application-review", args=[application_id]), data)


def test_a_reviewer_with_a_declared_conflict_sees_no_scores(orgs: dict[str, Any]) -> None:
    first, second = member("funder_approver"), member("funder_approver")
    coordinator = member("coordinator")
    the_call = call(reviewers=(first, second, coordinator))
    made = application(the_call, orgs["own"], status="eligible")
    _score(signed_in(first), made.pk, 5)
    client = signed_in(second)
    _score(client, made.pk, 2)
    client.post(reverse("program:application-conflict", args=[made.pk]), {"note": "I sit on its board"})
    page = client.get(reverse("program:application-review", args=[made.pk])).content.decode()
    assert "You declared a conflict of interest" in page
    assert "Scored 5" not in page and "Scored 2" not in page and "/5<" not in page
    # Their own scores are withdrawn; the other reviewer's stand.
    assert list(made.reviews.filter(reviewer=second).values_list("scores", flat=True)) == [None]
    # A coordinator who declared a conflict sees no figure for it in the ranking either.
    coordinator_client = signed_in(coordinator)
    coordinator_client.post(reverse("program:application-conflict", args=[made.pk]), {"note": "Former employee"})
    ranking = coordinator_client.get(reverse("program:call-ranking", args=[the_call.slug])).content.decode()
    assert "hidden: you declared a conflict" in ranking and "100.0" not in ranking
    review_page = coordinator_client.get(reverse("program:application-review", args=[made.pk])).content.decode()
    assert "Scored 5" not in review_page
    other_coordinator = signed_in(member("coordinator"))
    assert "100.0" in other_coordinator.get(reverse("program:call-ranking", args=[the_call.slug])).content.decode()


def test_weighted_total_and_ranking(orgs: dict[str, Any]) -> None:
    assert calls_ranking.weighted_total({1: 5, 2: 0}, {1: 3, 2: 1}) == Decimal("75.0")  # 15 of 20
    assert calls_ranking.weighted_total({1: 4, 2: 2, 3: 3}, {1: 3, 2: 2, 3: 1}) == Decimal("63.3")  # 19 of 30
    first, second = member("funder_approver"), member("funder_approver")
    the_call = call(reviewers=(first, second))
    third = organization("Third Centre")
    low = application(the_call, orgs["own"], status="eligible")
    high = application(the_call, orgs["other"], status="eligible")
    unreviewed = application(the_call, third, status="eligible")
    _score(signed_in(first), low.pk, 2)
    _score(signed_in(second), low.pk, 3)  # 40 % and 60 %: mean 50.0
    _score(signed_in(first), high.pk, 4)  # 80.0
    rows = calls_ranking.ranked(the_call, member("coordinator"))
    assert [(r.rank, r.application.pk, r.reviews, r.total) for r in rows] == [
        (1, high.pk, 1, Decimal("80.0")),
        (2, low.pk, 2, Decimal("50.0")),
        (None, unreviewed.pk, 0, None),
    ]
    assert Criterion.objects.filter(call=the_call).count() == 3


def test_the_decision_is_mailed_and_shown_to_the_applicant(
    orgs: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    reviewer = member("funder_approver")
    partner = member("partner_staff", orgs["own"])
    partner.email = "lead@own-centre.example"
    partner.save()
    the_call = call(reviewers=(reviewer,))
    made = application(the_call, orgs["own"], by=partner, status="under_review", reviewer=reviewer)
    cs.move_call(the_call.pk, "closed", by=None)
    coordinator = signed_in(member("coordinator"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_response = coordinator.post(
            reverse("program:application-decide", args=[made.pk]),
            {"decision": "funded", "reason": "Strong reach on farms; within the budget."},
        )
    assert coordinator_response.status_code == 302
    made.refresh_from_db()
    assert made.status == "funded"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lead@own-centre.example"]
    assert the_call.title in message.subject
    assert "Decision: funded." in message.body and "Strong reach on farms" in message.body
    page = signed_in(partner).get(reverse("program:application", args=[made.pk])).content.decode()
    assert "Strong reach on farms; within the budget." in page
    # The coordinator turns it into a sub-agreement.
    response = coordinator.post(reverse("program:application-agreement", args=[made.pk]))
    made.refresh_from_db()
    assert made.agreement is not None
    assert response["Location"] == reverse("program:agreement", args=[made.agreement.pk])


def test_a_decision_without_a_reason_is_refused(orgs: dict[str, Any]) -> None:
    reviewer = member("funder_approver")
    the_call = call(reviewers=(reviewer,))
    made = application(the_call, orgs["own"], status="under_review", reviewer=reviewer)
    cs.move_call(the_call.pk, "closed", by=None)
    signed_in(member("coordinator")).post(
        reverse("program:application-decide", args=[made.pk]), {"decision": "funded", "reason": ""}
    )
    made.refresh_from_db()
    assert made.status == "under_review" and not mail.outbox


def test_staff_home_counts_applications_to_screen_calls_to_decide_and_reviews_to_do(orgs: dict[str, Any]) -> None:
    reviewer = member("funder_approver")
    the_call = call(reviewers=(reviewer,))
    application(the_call, orgs["own"], status="submitted")
    eligible = application(the_call, orgs["other"], status="eligible")
    coordinator = member("coordinator")
    work = program_work(coordinator)
    assert (work.applications_to_screen, work.calls_to_decide, work.reviews_to_do) == (1, 0, 0)
    assert program_work(reviewer).reviews_to_do == 1
    assert program_work(member("funder_approver")).reviews_to_do == 0
    section = next(s for s in home_for(reviewer).sections if s.key == "reviews")
    assert {i.label: i.count for i in section.items}["Applications to review"] == 1
    cs.declare_conflict(eligible.pk, reviewer=reviewer, note="Board member")
    assert program_work(reviewer).reviews_to_do == 0
    cs.move_call(the_call.pk, "closed", by=None)
    assert program_work(coordinator).calls_to_decide == 1
