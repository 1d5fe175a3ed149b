"""The staff frame every staff page shares: who is signed in, and the same navigation for the role.

Each link is shown only when the owning app's named permission allows it, so the menu never offers
a page that would refuse the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from bettertogether.core.users import Account, User
from bettertogether.directory import door as directory_door
from bettertogether.directory.door import member_organization_name
from bettertogether.gaps.door import can_view_gaps
from bettertogether.outreach import door as outreach_door
from bettertogether.positions.door import can_manage_positions
from bettertogether.program import door as program_door
from bettertogether.support import door as support_door

from . import permissions as onboarding


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class SignedIn:
    name: str
    organization: str  # "" for program staff, who belong to no partner organization
    role: str


def optional_url(name: str) -> str | None:
    """The URL of a page that may not exist in this installation (another part's), else None."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def signed_in(user: User) -> SignedIn | None:
    if not isinstance(user, Account):
        return None
    return SignedIn(
        name=user.get_full_name() or user.get_username(),
        organization=member_organization_name(user),
        role=str(user.get_role_display()),
    )


def _links(user: User) -> list[tuple[str, str]]:
    """(label, URL) of each area the role opens; a page is in an area when its path starts with the URL."""
    links = [(_("Staff home"), reverse("staff:home"))]
    if directory_door.can_use_manage(user):
        links.append((_("Directory"), reverse("directory_manage:index")))
    if outreach_door.can_manage_events(user):
        links.append((_("Events"), reverse("outreach:manage")))
        links.append((_("Resources"), reverse("outreach:resource_manage")))
    if support_door.can_use_helpline(user):
        links.append((_("Case desk"), reverse("support:home")))
    if support_door.can_review_emergencies(user):
        links.append((_("Emergency requests"), reverse("support:emergency-queue")))
    if support_door.can_see_statistics(user):
        links.append((_("Case statistics"), reverse("support:statistics")))
    if program_door.can_view_results(user):
        links.append((_("Program results"), reverse("program:results")))
    if program_door.can_view_agreements(user):
        links.append((_("Sub-agreements"), reverse("program:agreements")))
    if can_view_gaps(user):
        links.append((_("Gap analysis"), reverse("gaps:page")))
    if onboarding.can_onboard(user):
        links.append((_("People"), reverse("staff:people")))
    if onboarding.can_edit_organizations(user):
        links.append((_("Organizations"), reverse("staff:organizations")))
    if can_manage_positions(user):
        # The positions area holds the imports and the review queue, both under its public map's path.
        links.append((_("Positions data"), reverse("positions:imports")))
    return links


def navigation(user: User, path: str) -> list[NavLink]:
    """The role's menu; the link whose page holds `path` is marked current (the longest match)."""
    if not getattr(user, "is_authenticated", False):
        return []
    links = _links(user)
    matches = [url for _label, url in links if path.startswith(_area(url))]
    current = max(matches, key=len) if matches else None
    return [NavLink(label=str(label), url=url, current=url == current) for label, url in links]


def _area(url: str) -> str:
    """The path prefix of a menu link's area: its URL, or for the positions pages their common parent."""
    if url == reverse("positions:imports"):
        return url.rsplit("/", 2)[0] + "/"
    return url
