"""Every write of onboarding: one typed function each, owning its transaction, checking the
actor's permission and recording the change (who, when, what, why) in the directory's change log,
the one audit of changes that coordinators read at /<lang>/staff/changes/.

They never take a request. An invitation's token is returned once, to be mailed; only its SHA-256
is stored, and it appears in no log line and no change-log entry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from bettertogether.core.roles import ORGANIZATION_ROLES, Role
from bettertogether.core.users import Account
from bettertogether.directory import door
from bettertogether.support.door import reset_second_factor as remove_authenticators

from . import permissions
from .models import Invitation
from .workflows import INVITATION, TransitionRefused

logger = logging.getLogger(__name__)


class OnboardingError(Exception):
    """A change the rules refuse; the message is safe to show."""


class NotAllowed(OnboardingError):
    """The actor may not make this change."""


@dataclass(frozen=True)
class InvitationSent:
    invitation: Invitation
    mailed: bool


def invitation_hours() -> int:
    return int(getattr(settings, "BT_INVITATION_HOURS", 72))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _role_label(role: str) -> str:
    return str(Role(role).label)


def _active_account_with(email: str) -> bool:
    return Account.objects.filter(is_active=True, username__iexact=email).exists() or (
        Account.objects.filter(is_active=True, email__iexact=email).exists()
    )


def invite(
    by: Account, *, email: str, role: str, organization_id: uuid.UUID | None, link_for: Callable[[str], str]
) -> InvitationSent:
    """Invite `email` to `role` (and, for partner roles, `organization_id`), and mail the link.

    `link_for(token)` makes the absolute URL of the link; the token exists only in that e-mail.
    """
    email = email.strip().lower()
    if role not in ORGANIZATION_ROLES:
        organization_id = None
    with transaction.atomic():
        if not permissions.can_invite(by, role, organization_id):
            raise NotAllowed(_("You cannot invite someone to this role or organization."))
        if _active_account_with(email):
            raise OnboardingError(_("An active account already uses this address."))
        now = timezone.now()
        waiting = Invitation.objects.select_for_update().filter(email=email, state="pending", expires_at__gt=now)
        if waiting.exists():
            raise OnboardingError(_("An invitation to this address is already waiting. Withdraw it first."))
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            email=email,
            role=role,
            organization_id=organization_id,
            token_hash=hash_token(token),
            invited_by=by,
            created_at=now,
            expires_at=now + dt.timedelta(hours=invitation_hours()),
        )
        door.record_change(
            by,
            "invitation.create",
            "invitation",
            invitation.pk,
            {"role": ["", role], "organization": ["", door.organization_name(organization_id)]},
        )
    return InvitationSent(invitation=invitation, mailed=_mail(invitation, link_for(token), by))


def _mail(invitation: Invitation, link: str, by: Account) -> bool:
    context = {
        "link": link,
        "hours": invitation_hours(),
        "role": _role_label(invitation.role),
        "organization": door.organization_name(invitation.organization_id),
        "inviter": by.get_full_name() or by.get_username(),
    }
    try:
        send_mail(
            render_to_string("staff/onboarding/invitation_subject.txt", context).strip(),
            render_to_string("staff/onboarding/invitation_email.txt", context),
            None,
            [invitation.email],
        )
    except OSError:
        # The link holds the token: never in a log line. The invitation id is enough to find it.
        logger.warning("invitation %s: the e-mail could not be sent", invitation.pk)
        return False
    return True


def _expire_if_due(invitation: Invitation) -> None:
    if invitation.state == "pending" and invitation.expires_at <= timezone.now():
        invitation.state = INVITATION.advance(invitation.state, "expire", "clock")
        invitation.save(update_fields=["state"])
        door.record_change(None, "invitation.expire", "invitation", invitation.pk, {"state": ["pending", "expired"]})


def find_invitation(token_hash: str) -> Invitation | None:
    """The invitation of a link, by the token's hash (any state; a pending one past its time is
    recorded as expired)."""
    if not token_hash:
        return None
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash).first()
        if invitation is not None:
            _expire_if_due(invitation)
    return invitation


def accept(token_hash: str, *, password: str) -> Account:
    """Create (or bring back) the invited account with this password; the link then works no more.

    The password was checked by the form (Django's validators); the account signs in normally after.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash).first()
        if invitation is None:
            raise OnboardingError(_("This invitation link is not valid."))
        _expire_if_due(invitation)
        try:
            state = INVITATION.advance(invitation.state, "accept", "invited")
        except TransitionRefused:
            raise OnboardingError(_("This invitation has already been used, has expired or was withdrawn.")) from None
        same_address = Q(username__iexact=invitation.email) | Q(email__iexact=invitation.email)
        account = Account.objects.select_for_update().filter(same_address).order_by("-is_active", "pk").first()
        if account is not None and account.is_active:
            raise OnboardingError(_("An active account already uses this address."))
        if account is None:
            account = Account(username=invitation.email)  # a closed account keeps its username
        administrator = invitation.role == Role.ADMINISTRATOR
        account.email = invitation.email
        account.role = invitation.role
        account.is_active = True
        account.is_staff = account.is_superuser = administrator
        account.set_password(password)
        account.save()
        door.set_membership(account, invitation.organization_id if invitation.role in ORGANIZATION_ROLES else None)
        invitation.state = state
        invitation.answered_at = timezone.now()
        invitation.account = account
        invitation.save(update_fields=["state", "answered_at", "account"])
        door.record_change(
            account,
            "invitation.accept",
            "invitation",
            invitation.pk,
            {"account": ["", account.get_username()], "role": ["", invitation.role]},
        )
    return account


def revoke(by: Account, invitation_id: uuid.UUID, *, reason: str = "") -> Invitation:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
        if not permissions.can_revoke(by, invitation):
            raise NotAllowed(_("You cannot withdraw this invitation."))
        _expire_if_due(invitation)
        try:
            invitation.state = INVITATION.advance(invitation.state, "revoke", "inviter")
        except TransitionRefused:
            raise OnboardingError(_("Only an invitation still waiting for an answer can be withdrawn.")) from None
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["state", "answered_at"])
        door.record_change(
            by, "invitation.revoke", "invitation", invitation.pk, {"state": ["pending", "revoked"]}, reason
        )
    return invitation


def _managed_account(by: Account, account_id: int) -> Account:
    account = Account.objects.select_for_update().get(pk=account_id)
    if not permissions.can_manage_account(by, account):
        raise NotAllowed(_("You cannot change this account."))
    return account


def deactivate(by: Account, account_id: int, *, reason: str) -> Account:
    """Close an account. Its sessions end at once: an inactive account is never signed in, and its
    password is made unusable, so even reopening it later would not revive an old session (the
    person is invited again to the same address, and chooses a new password)."""
    if not reason.strip():
        raise OnboardingError(_("Say why."))
    with transaction.atomic():
        account = _managed_account(by, account_id)
        if not account.is_active:
            raise OnboardingError(_("This account is already closed."))
        account.is_active = False
        account.set_unusable_password()
        account.save(update_fields=["is_active", "password"])
        door.record_change(by, "account.deactivate", "user", account.pk, {"active": ["yes", "no"]}, reason.strip())
    return account


def reset_second_factor(by: Account, account_id: int, *, reason: str) -> int:
    """Remove someone's authenticators (a lost phone); they set up a new one at their next staff page."""
    if not reason.strip():
        raise OnboardingError(_("Say why."))
    with transaction.atomic():
        account = _managed_account(by, account_id)
        removed = remove_authenticators(account)
        door.record_change(
            by,
            "account.second_factor_reset",
            "user",
            account.pk,
            {"authenticators": [str(removed), "0"]},
            reason.strip(),
        )
    return removed
