"""Calls for proposals, the program office's side: coordinators publish calls, assign reviewers,
screen applications, read the ranked summary, decide and turn a funded application into a
sub-agreement; reviewers score the eligible applications of the calls they are assigned to, or
decline for a conflict of interest."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bettertogether.core.users import signed_in_account

from . import calls_ranking, calls_services, lifecycle
from .calls_forms import CallForm, ConflictForm, DecisionForm, ReviewersForm, ScoreForm, ScreeningForm
from .calls_models import Application, Call, CallStatus, Review
from .calls_views import refusal
from .forms import StatusForm
from .permissions import (
    applications_for,
    calls_for,
    can_manage_program,
    can_review,
    can_view_calls_office,
    declared_conflict,
    visible_reviews,
)
from .views import only_for

RESERVED_SLUGS = frozenset({"new", "applications", "attachments", "office"})


@require_GET
@only_for(can_view_calls_office)
def office(request: HttpRequest) -> HttpResponse:
    """Every call for coordinators (with drafts); a reviewer's own calls."""
    return render(
        request,
        "program/calls/office.html",
        {"calls": calls_for(request.user), "can_manage": can_manage_program(request.user)},
    )


@require_http_methods(["GET", "POST"])
@only_for(can_manage_program)
def call_new(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        if c["slug"] in RESERVED_SLUGS or Call.objects.filter(slug=c["slug"]).exists():
            form.add_error("slug", _("This short name is taken; choose another."))
        else:
            call = calls_services.create_call(
                calls_services.CallInput(
                    **{k: v for k, v in c.items() if k != "reviewers"},
                    reviewer_ids=tuple(c["reviewers"]),
                ),
                by=signed_in_account(request.user),
            )
            messages.success(request, _("Call recorded as a draft. Open it when it is ready."))
            return redirect("program:call-applications", slug=call.slug)
    return render(request, "program/calls/call_form.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
@only_for(can_manage_program)
def call_status(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    form = StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise lifecycle.TransitionRefused("unreadable")
        calls_services.move_call(call.pk, form.cleaned_data["status"], by=signed_in_account(request.user))
    except lifecycle.TransitionRefused:
        messages.error(request, _("This call cannot move to that status from its current one."))
    except calls_services.CallRefused as refused:
        messages.error(request, refusal(refused.code))
    else:
        messages.success(request, _("Status changed."))
    return redirect("program:call-applications", slug=call.slug)


@require_POST
@only_for(can_manage_program)
def call_reviewers(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    form = ReviewersForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reviewers could not be read; nothing was changed."))
    else:
        try:
            calls_services.set_reviewers(
                call.pk, tuple(form.cleaned_data["reviewers"]), by=signed_in_account(request.user)
            )
        except calls_services.CallRefused:
            messages.error(request, _("A decided call keeps its reviewers."))
        else:
            messages.success(request, _("Reviewers saved."))
    return redirect("program:call-applications", slug=call.slug)


@require_GET
@only_for(can_view_calls_office)
def call_applications(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(calls_for(request.user), slug=slug)
    manage = can_manage_program(request.user)
    applications = applications_for(request.user).filter(call=call)
    mine = {r.application_id: r for r in Review.objects.filter(application__call=call, reviewer_id=request.user.pk)}
    return render(
        request,
        "program/calls/applications.html",
        {
            "call": call,
            "rows": [(a, mine.get(a.pk)) for a in applications],
            "can_manage": manage,
            "moves": [
                (s, CallStatus(s).label) for s in lifecycle.next_statuses(lifecycle.CALL_TRANSITIONS, call.status)
            ]
            if manage
            else [],
            "reviewers_form": ReviewersForm(
                initial={"reviewers": [str(pk) for pk in call.reviewers.values_list("pk", flat=True)]}
            ),
            "criteria": call.criteria.all(),
        },
    )


@require_GET
@only_for(can_manage_program)
def call_ranking(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call, slug=slug)
    rows = calls_ranking.ranked(call, request.user)
    return render(
        request,
        "program/calls/ranking.html",
        {"call": call, "rows": rows, "criteria": call.criteria.all(), "decision_form": DecisionForm()},
    )


@require_POST
@only_for(can_manage_program)
def application_screen(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    form = ScreeningForm(request.POST)
    try:
        if not form.is_valid():
            raise calls_services.CallRefused("reason")
        calls_services.screen(
            application.pk,
            eligible=form.cleaned_data["outcome"] == "eligible",
            reason=form.cleaned_data["reason"],
            by=signed_in_account(request.user),
        )
    except calls_services.CallRefused as refused:
        messages.error(request, refusal(refused.code))
    except lifecycle.TransitionRefused:
        messages.error(request, _("Only a submitted application is screened."))
    else:
        messages.success(request, _("Screening recorded."))
    return redirect("program:application", pk=application.pk)


def _review_context(request: HttpRequest, application: Application, form: ScoreForm) -> dict[str, object]:
    return {
        "application": application,
        "call": application.call,
        "attachments": application.attachments.all(),
        "form": form,
        "conflict_form": ConflictForm(),
        "conflict": declared_conflict(request.user, application),
        "reviews": visible_reviews(request.user, application),
    }


@require_http_methods(["GET", "POST"])
@only_for(can_view_calls_office)
def application_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The reviewer's scoring page; coordinators read the reviews here too (scores unless they
    declared a conflict themselves)."""
    application = get_object_or_404(applications_for(request.user), pk=pk)
    reviewing = can_review(request.user, application)
    if not (reviewing or can_manage_program(request.user)):
        return redirect("program:application", pk=application.pk)
    criteria = list(application.call.criteria.all())
    own = Review.objects.filter(application=application, reviewer_id=request.user.pk).first()
    initial = {f"score_{s.criterion_id}": str(s.score) for s in own.scores.all()} if own else {}
    form = ScoreForm(
        request.POST or None, criteria=criteria, initial={**initial, "comments": own.comments if own else ""}
    )
    if request.method == "POST":
        if not reviewing:
            messages.error(request, _("Only the call's reviewers score its eligible applications."))
            return redirect("program:application-review", pk=application.pk)
        if form.is_valid():
            try:
                calls_services.save_review(
                    application.pk,
                    reviewer=signed_in_account(request.user),
                    scores=form.scores(),
                    comments=form.cleaned_data["comments"],
                )
            except calls_services.CallRefused as refused:
                messages.error(request, refusal(refused.code))
            else:
                messages.success(request, _("Review saved."))
            return redirect("program:application-review", pk=application.pk)
    context = _review_context(request, application, form)
    context["reviewing"] = reviewing and not context["conflict"]
    return render(request, "program/calls/review.html", context, status=400 if form.errors else 200)


@require_POST
@only_for(can_view_calls_office)
def application_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    form = ConflictForm(request.POST)
    if not can_review(request.user, application):
        messages.error(request, _("Only the call's reviewers score its eligible applications."))
    elif not form.is_valid():
        messages.error(request, _("Say briefly what the conflict is."))
    else:
        calls_services.declare_conflict(
            application.pk, reviewer=signed_in_account(request.user), note=form.cleaned_data["note"]
        )
        messages.success(request, _("Conflict of interest declared; you will not see this application's scores."))
    return redirect("program:application-review", pk=application.pk)


@require_POST
@only_for(can_manage_program)
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise calls_services.CallRefused("reason")
        calls_services.decide(
            application.pk,
            funded=form.cleaned_data["decision"] == "funded",
            reason=form.cleaned_data["reason"],
            by=signed_in_account(request.user),
        )
    except calls_services.CallRefused as refused:
        messages.error(request, refusal(refused.code))
    except lifecycle.TransitionRefused:
        messages.error(request, _("Only an application under review can be decided."))
    else:
        messages.success(request, _("Decision recorded and sent to the applicant."))
    return redirect("program:call-ranking", slug=application.call.slug)


@require_POST
@only_for(can_manage_program)
def application_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for(request.user), pk=pk)
    try:
        agreement = calls_services.make_agreement(application.pk, by=signed_in_account(request.user))
    except calls_services.CallRefused as refused:
        messages.error(request, refusal(refused.code))
        return redirect("program:application", pk=application.pk)
    messages.success(request, _("Sub-agreement recorded as a draft from the funded application."))
    return redirect("program:agreement", pk=agreement.pk)
