"""The role-aware staff home: what each person has to do, as counts linking to the page that does it.

Plain data built from the other apps' doors (worklist modules and named permissions); the view only
renders it. A section appears only when its app's permission lets this person open its pages, and
every count is scoped by that app to what they may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from bettertogether.core.users import User
from bettertogether.directory import door as directory_door
from bettertogether.directory.door import Listing, directory_work, member_organization_name
from bettertogether.gaps.door import can_view_gaps
from bettertogether.outreach import door as outreach_door
from bettertogether.outreach.door import outreach_work
from bettertogether.positions.door import can_manage_positions, positions_work
from bettertogether.program import door as program_door
from bettertogether.program.door import program_work
from bettertogether.support import door as support_door
from bettertogether.support.door import case_work, helpline_work, review_work, statistics_summary

from . import permissions as onboarding


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    count: int | None = None  # None with `suppressed`: a small count not shown; None alone: a tool, no count
    suppressed: bool = False
    attention: bool = False  # something waits for this person


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...]
    intro: str = ""
    listings: tuple[Listing, ...] = ()


@dataclass(frozen=True)
class Home:
    sections: tuple[Section, ...]
    organization: str
    notice: str = ""  # e.g. an account not yet linked to an organization


def _waiting(label: str, url: str, count: int) -> Item:
    return Item(label=label, url=url, count=count, attention=count > 0)


def _directory(user: User, *, everything: bool) -> Section:
    work = directory_work(user)
    index = reverse("directory_manage:index")
    return Section(
        key="directory",
        title=_("Directory review queue") if everything else _("Your listings"),
        items=(
            Item(_("Listings"), index, work.listings),
            _waiting(_("Not verified in the last 12 months"), index, work.not_verified_recently),
            _waiting(_("Marked as needing verification"), index, work.flagged),
            _waiting(
                _("Suggested corrections waiting"), reverse("directory_manage:suggestions"), work.open_suggestions
            ),
        ),
        listings=() if everything else work.shown,
    )


def _outreach(user: User) -> Section:
    work = outreach_work(user)
    events = reverse("outreach:manage")
    resources = reverse("outreach:resource_manage")
    return Section(
        key="outreach",
        title=_("Events and resources"),
        items=(
            Item(_("Upcoming events"), events, work.upcoming_events),
            Item(_("Registrations for upcoming events"), events, work.upcoming_registrations),
            Item(_("On waiting lists"), events, work.upcoming_waiting),
            _waiting(_("Past events without attendance recorded"), events, work.past_events_without_attendance),
            Item(_("Resources"), resources, work.resources),
            Item(_("Resources not published"), resources, work.unpublished_resources),
        ),
    )


def _helpline(user: User) -> Section:
    work = helpline_work(user)
    return Section(
        key="helpline",
        title=_("Helpline log"),
        items=(
            Item(
                _("Contacts logged in the last 30 days"), reverse("support:helpline-list"), work.contacts_last_30_days
            ),
            Item(_("Log a contact"), reverse("support:helpline-new")),
        ),
    )


def _cases(user: User) -> Section:
    if support_door.needs_second_factor(user) and not support_door.second_factor_passed(user):
        # Even counts of cases wait for the second factor.
        return Section(
            key="cases",
            title=_("Cases"),
            intro=_("Enter the code from your authenticator app to see your cases."),
            items=(Item(_("Enter your sign-in code"), reverse("support:case-list")),),
        )
    work = case_work(user)
    return Section(
        key="cases",
        title=_("Cases"),
        items=(
            Item(_("My open cases"), reverse("support:case-list"), work.my_open_cases),
            Item(_("Open cases of your organization"), reverse("support:case-list"), work.open_cases),
            _waiting(_("Overdue follow-ups"), reverse("support:overdue"), work.overdue_follow_ups),
            _waiting(
                _("Referrals received awaiting an answer"),
                reverse("support:referral-list"),
                work.referrals_awaiting_answer,
            ),
            Item(
                _("Emergency requests awaiting the funder"),
                reverse("support:emergency-list"),
                work.emergencies_awaiting,
            ),
            Item(
                _("Emergency requests decided in the last 90 days"),
                reverse("support:emergency-list"),
                work.emergencies_decided,
            ),
        ),
    )


def _review(user: User) -> Section:
    work = review_work(user)
    queue = reverse("support:emergency-queue")
    return Section(
        key="review",
        title=_("Emergency support requests"),
        intro=_("Requests reach you without the worker's name, contact or employer."),
        items=(
            _waiting(_("Awaiting your decision"), queue, work.awaiting_decision),
            Item(_("Decided in the last 90 days"), queue, work.decided_last_90_days),
        ),
    )


def _positions(user: User) -> Section:
    work = positions_work(user)
    return Section(
        key="positions",
        title=_("Positions data"),
        items=(
            Item(_("LMIA files imported"), reverse("positions:imports"), work.imports),
            _waiting(_("Imports that failed"), reverse("positions:imports"), work.failed_imports),
            _waiting(_("Places waiting to be placed"), reverse("positions:review"), work.places_to_review),
            Item(_("Upload an LMIA file"), reverse("admin:positions_importrun_upload")),
        ),
    )


def _analysis(user: User) -> Section:
    items: list[Item] = []
    if can_view_gaps(user):
        items.append(Item(_("Gap analysis"), reverse("gaps:page")))
    summary = statistics_summary(user)
    if summary is not None:
        url = reverse("support:statistics")
        items.append(
            Item(
                _("Cases opened in %(year)s") % {"year": summary.year},
                url,
                summary.cases_opened,
                suppressed=summary.cases_opened is None,
            )
        )
        items.append(
            Item(
                _("Helpline contacts in %(year)s") % {"year": summary.year},
                url,
                summary.helpline_contacts,
                suppressed=summary.helpline_contacts is None,
            )
        )
    return Section(
        key="analysis",
        title=_("Analysis and statistics"),
        intro=_("Case statistics are counts only; counts from 1 to 5 are not shown."),
        items=tuple(items),
    )


def _program(user: User) -> Section:
    work = program_work(user)
    agreements = reverse("program:agreements")
    if not program_door.can_view_results(user):
        return Section(
            key="program",
            title=_("Your sub-agreements"),
            items=(
                Item(_("Sub-agreements"), agreements, work.agreements),
                _waiting(_("Active, ending within 90 days"), agreements, work.ending_soon),
                Item(_("Reports to send"), agreements, work.reports_to_send),
                _waiting(_("Reports due within 14 days or late"), agreements, work.reports_due_soon),
                Item(_("Calls for proposals"), reverse("program:calls")),
            ),
        )
    return Section(
        key="program",
        title=_("Program office"),
        items=(
            Item(_("Program results"), reverse("program:results")),
            Item(_("Active sub-agreements"), agreements, work.active_agreements),
            _waiting(_("Sub-agreements in draft"), agreements, work.drafts),
            _waiting(_("Active, ending within 90 days"), agreements, work.ending_soon),
            Item(_("Milestones planned or under way"), reverse("program:milestones"), work.open_milestones),
            _waiting(_("Follow-up actions overdue"), reverse("program:overdue"), work.overdue_actions),
            _waiting(_("Partner reports awaiting review"), agreements, work.reports_to_review),
            _waiting(_("Agreements without their signed copy"), agreements, work.missing_signed_copies),
            Item(_("Knowledge sharing and evaluation"), reverse("program:knowledge")),
            Item(_("Advocacy log"), reverse("program:advocacy")),
            Item(_("Calls for proposals"), reverse("program:calls-office")),
            _waiting(_("Applications to screen"), reverse("program:calls-office"), work.applications_to_screen),
            _waiting(_("Calls closed, to decide"), reverse("program:calls-office"), work.calls_to_decide),
            _waiting(_("Applications to review"), reverse("program:calls-office"), work.reviews_to_do),
        ),
    )


def _reviews(user: User) -> Section:
    """For reviewers who see no other part of the program office: the calls they review."""
    work = program_work(user)
    return Section(
        key="reviews",
        title=_("Calls for proposals"),
        items=(
            Item(_("Calls you review"), reverse("program:calls-office")),
            _waiting(_("Applications to review"), reverse("program:calls-office"), work.reviews_to_do),
        ),
    )


def _accounts(user: User) -> Section | None:
    """Onboarding (partners: their own organization and colleagues) and, for administrators, the
    site administration."""
    items: list[Item] = []
    if onboarding.can_edit_organizations(user):
        items.append(Item(_("Organizations and services"), reverse("staff:organizations")))
    if onboarding.can_onboard(user):
        items.append(Item(_("Staff accounts"), reverse("staff:people")))
    if user.is_staff and (user.is_superuser or user.role == "administrator"):
        items.append(Item(_("Site administration"), reverse("admin:index")))
    if not items:
        return None
    return Section(key="accounts", title=_("People and organizations"), items=tuple(items))


def home_for(user: User) -> Home:
    """The staff home of `user`: the sections their role opens, with counts scoped to what they may see."""
    sections: list[Section] = []
    notice = ""
    everything = directory_door.edits_everything(user)
    if support_door.can_review_emergencies(user):
        sections.append(_review(user))
    if support_door.can_use_cases(user):
        sections.append(_cases(user))
    if everything and can_manage_positions(user):
        sections.append(_positions(user))
    if directory_door.can_use_manage(user):
        sections.append(_directory(user, everything=everything))
    if outreach_door.can_manage_events(user):
        sections.append(_outreach(user))
    if support_door.can_use_helpline(user):
        sections.append(_helpline(user))
    if program_door.can_view_agreements(user):
        sections.append(_program(user))
    elif program_door.can_view_calls_office(user):
        sections.append(_reviews(user))
    if can_view_gaps(user) or support_door.can_see_statistics(user):
        sections.append(_analysis(user))
    accounts = _accounts(user)
    if accounts is not None:
        sections.append(accounts)
    if not sections:
        notice = _(
            "Your account is not linked to an organization or a program role yet. "
            "Ask the program coordinator to link it; your tools will then appear here."
        )
    return Home(sections=tuple(sections), organization=member_organization_name(user), notice=notice)
