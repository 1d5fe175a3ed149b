"""Onboarding without the admin (/<lang>/staff/): organizations and services, people and their
invitations, account closing and second-factor resets, and the list of changes. Thin views over
permissions.py and services.py; the directory's forms and writes come through its door."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from bettertogether.core.users import signed_in_account
from bettertogether.directory import door
from bettertogether.support.door import SECOND_FACTOR_ROLES, case_desk, has_confirmed_device

from . import permissions, services
from .changes import change_rows
from .forms import AcceptForm, InviteForm, ReasonForm
from .models import Invitation

PAGE_SIZE = 50
staff_page = case_desk  # signed in, allowed by role (else 403), second factor for the roles that need it


def _organization_names(ids: set[Any]) -> dict[Any, str]:
    return {org.pk: str(org.name) for org in door.Organization.objects.filter(pk__in=[i for i in ids if i])}


@require_http_methods(["GET"])
@staff_page(permissions.can_onboard)
def people(request: HttpRequest) -> HttpResponse:
    user = request.user
    accounts = (
        permissions.accounts_visible_to(user).select_related("membership").order_by("-is_active", "role", "username")
    )
    page = Paginator(accounts, PAGE_SIZE).get_page(request.GET.get("page"))
    invitations = list(permissions.invitations_visible_to(user).select_related("invited_by")[:PAGE_SIZE])
    membership_orgs = {getattr(getattr(a, "membership", None), "organization_id", None) for a in page}
    names = _organization_names(membership_orgs | {i.organization_id for i in invitations})
    rows = [
        (account, names.get(getattr(getattr(account, "membership", None), "organization_id", None), ""))
        for account in page
    ]
    return render(
        request,
        "staff/onboarding/people.html",
        {
            "page": page,
            "rows": rows,
            "invitations": [
                (i, names.get(i.organization_id, ""), i.is_open and permissions.can_revoke(user, i))
                for i in invitations
            ],
            "everyone": permissions.onboards_everyone(user),
            "organization": door.organization_name(permissions.organization_id_of(user)),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page(permissions.can_onboard)
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():

        def link_for(token: str) -> str:
            return request.build_absolute_uri(reverse("staff:join", args=[token]))

        try:
            sent = services.invite(
                signed_in_account(request.user),
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                organization_id=form.organization_id(),
                link_for=link_for,
            )
        except services.OnboardingError as error:
            form.add_error(None, str(error))
        else:
            hours = services.invitation_hours()
            if sent.mailed:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. The link works once, for %(hours)s hours.")
                    % {"email": sent.invitation.email, "hours": hours},
                )
            else:
                messages.warning(
                    request,
                    _("The invitation is saved but the e-mail could not be sent. Withdraw it and invite again later."),
                )
            return redirect("staff:people")
    return render(
        request,
        "staff/onboarding/invite.html",
        {"form": form, "hours": services.invitation_hours()},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_page(permissions.can_onboard)
def invitation_revoke(request: HttpRequest, pk: Any) -> HttpResponse:
    invitation = get_object_or_404(permissions.invitations_visible_to(request.user), pk=pk)
    try:
        services.revoke(signed_in_account(request.user), invitation.pk, reason=request.POST.get("reason", "")[:300])
    except services.OnboardingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Invitation withdrawn: its link works no more."))
    return redirect("staff:people")


@require_http_methods(["GET", "POST"])
@staff_page(permissions.can_onboard)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(permissions.accounts_visible_to(request.user), pk=pk)
    manageable = permissions.can_manage_account(request.user, account)
    form = ReasonForm(request.POST or None)
    action = request.POST.get("action")
    if request.method == "POST":
        if not manageable or action not in ("deactivate", "reset"):
            raise PermissionDenied
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            try:
                if action == "deactivate":
                    services.deactivate(signed_in_account(request.user), account.pk, reason=reason)
                    messages.success(request, _("Account closed. Its sessions have ended."))
                else:
                    services.reset_second_factor(signed_in_account(request.user), account.pk, reason=reason)
                    messages.success(request, _("Second factor reset: they set up a new one at their next sign-in."))
            except services.OnboardingError as error:
                form.add_error(None, str(error))
            else:
                return redirect("staff:person", pk=account.pk)
    membership = getattr(account, "membership", None)
    return render(
        request,
        "staff/onboarding/person.html",
        {
            "account": account,
            "organization": door.organization_name(getattr(membership, "organization_id", None)),
            "has_authenticator": has_confirmed_device(account),
            "manageable": manageable,
            "form": form,
            "history": change_rows(
                door.ChangeLog.objects.filter(object_type="user", object_id=str(account.pk)).select_related("user")[:20]
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@staff_page(permissions.can_edit_organizations)
def organizations(request: HttpRequest) -> HttpResponse:
    qs = door.editable_organizations(request.user).annotate(service_count=Count("services")).order_by("name_en")
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        qs = qs.filter(name_en__icontains=q)
    return render(
        request,
        "staff/onboarding/organizations.html",
        {
            "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "q": q,
            "can_create": door.can_create_organization(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page(door.can_create_organization)
def organization_new(request: HttpRequest) -> HttpResponse:
    form = door.OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = door.create_organization(form.model_fields(), by=signed_in_account(request.user))
        except door.InvalidChange as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Organization added. Now add its services and invite its staff."))
            return redirect("staff:organization", pk=organization.pk)
    return render(
        request,
        "staff/onboarding/organization_form.html",
        {"form": form, "organization": None},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@staff_page(permissions.can_edit_organizations)
def organization_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    organization = get_object_or_404(door.editable_organizations(request.user), pk=pk)
    partner_choice = door.edits_everything(request.user)
    form = door.OrganizationForm(request.POST or None, instance=organization, partner_choice=partner_choice)
    if request.method == "POST" and form.is_valid():
        try:
            door.update_organization(organization.pk, form.model_fields(), by=signed_in_account(request.user))
        except door.InvalidChange as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("staff:organization", pk=organization.pk)
        organization.refresh_from_db()
    return render(
        request,
        "staff/onboarding/organization_form.html",
        {
            "form": form,
            "organization": organization,
            "services": door.services_of(organization),
            "members": door.members_of(organization.pk).order_by("user__username"),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@staff_page(permissions.can_edit_organizations)
def service_new(request: HttpRequest, pk: Any) -> HttpResponse:
    organization = get_object_or_404(door.editable_organizations(request.user), pk=pk)
    if request.method == "POST":
        form = door.ServiceForm(request.POST)
        phones = door.PhoneFormSet(request.POST, prefix="phones")
        hours = door.HoursFormSet(request.POST, prefix="hours")
        if form.is_valid() and phones.is_valid() and hours.is_valid():
            edit = door.ServiceEdit(
                fields=form.model_fields(),
                category_ids=form.category_ids(),
                language_codes=form.cleaned_data["languages"],
                phones=[f.as_input() for f in phones.forms if f.cleaned_data],
                hours=[f.as_input() for f in hours.forms if f.cleaned_data],
            )
            try:
                service = door.create_service(organization.pk, edit, by=signed_in_account(request.user))
            except door.InvalidChange as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Service added and marked as verified today."))
                return redirect("directory_manage:service", pk=service.pk)
    else:
        form = door.ServiceForm(initial={"status": "active"})
        phones = door.PhoneFormSet(prefix="phones")
        hours = door.HoursFormSet(prefix="hours")
    return render(
        request,
        "staff/onboarding/service_form.html",
        {"organization": organization, "form": form, "phones": phones, "hours": hours},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET"])
@staff_page(permissions.can_see_changes)
def changes(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    qs = door.ChangeLog.objects.select_related("user")
    if kind == "accounts":
        qs = qs.filter(object_type__in=("user", "invitation"))
    elif kind == "directory":
        qs = qs.exclude(object_type__in=("user", "invitation"))
    else:
        kind = ""
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/onboarding/changes.html",
        {
            "page": page,
            "rows": change_rows(page),
            "kind": kind,
            "kind_query": urlencode({"kind": kind}) if kind else "",
        },
    )


def _after_sign_in(role: str) -> str:
    """Where a new account goes once signed in: the staff home, which gathers every tool of its role
    (a code is set up first where the role needs one)."""
    return reverse("staff:home")


# The invitation being answered, by its token's hash: the form's own URL carries no token.
JOIN_SESSION_KEY = "bt_invitation"


def _join_page(
    request: HttpRequest, invitation: Invitation | None, form: AcceptForm | None, status: int
) -> HttpResponse:
    return render(
        request,
        "staff/onboarding/join.html",
        {
            "invitation": invitation,
            "form": form,
            "organization": door.organization_name(invitation.organization_id) if invitation else "",
            "needs_code": invitation is not None and invitation.role in SECOND_FACTOR_ROLES,
        },
        status=status,
    )


def _unusable(request: HttpRequest, invitation: Invitation | None) -> HttpResponse | None:
    """The page for a signed-in visitor (409), an unknown link (404) or a used, expired or
    withdrawn one (410); None when the invitation can be answered."""
    if request.user.is_authenticated:
        return _join_page(request, invitation, None, 409)
    if invitation is None or not invitation.is_open:
        return _join_page(request, invitation, None, 404 if invitation is None else 410)
    return None


@never_cache
@require_http_methods(["GET"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the e-mail. The token is checked (by its hash), kept in the session as its
    hash, and the visitor goes on to the form at a URL without it, as Django's password reset does:
    the token is in one request line only, and in no Referer."""
    invitation = services.find_invitation(services.hash_token(token) if len(token) <= 100 else "")
    response = _unusable(request, invitation)
    if response is None and invitation is not None:
        request.session[JOIN_SESSION_KEY] = invitation.token_hash
        response = redirect("staff:join-form")
    assert response is not None
    response["Referrer-Policy"] = "no-referrer"
    return response


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def join_form(request: HttpRequest) -> HttpResponse:
    """Choose a password for the invitation opened from the e-mail, then sign in."""
    token_hash = str(request.session.get(JOIN_SESSION_KEY, ""))
    invitation = services.find_invitation(token_hash)
    unusable = _unusable(request, invitation)
    if unusable is not None or invitation is None:
        return unusable or _join_page(request, None, None, 404)
    form = AcceptForm(request.POST or None, email=invitation.email, role=invitation.role)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.accept(token_hash, password=form.cleaned_data["password1"])
        except services.OnboardingError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(JOIN_SESSION_KEY, None)
            sign_in = f"{reverse('login')}?{urlencode({'next': _after_sign_in(account.role)})}"
            return render(request, "staff/onboarding/joined.html", {"account": account, "sign_in": sign_in})
    return _join_page(request, invitation, form, 400 if form.errors else 200)
