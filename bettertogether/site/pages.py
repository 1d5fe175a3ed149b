"""Public pages: rights in brief and the contact form (the program page belongs to the program app).

Content comes from design.md §1 (objectives, timeline) and ../shared/data/orgs/maritime-orgs.md
(rights and the lines to call, each with its source); every string is translatable.
"""

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bettertogether.core import ratelimit
from bettertogether.core.phones import tel_uri

from . import services
from .forms import ContactForm
from .views import helpline_groups


@dataclass(frozen=True)
class Line:
    province: str  # NS, NB, PE, or "" for federal
    name: Promise
    numbers: tuple[str, ...]
    note: Promise | str = ""
    source: str = ""

    @property
    def calls(self) -> list[tuple[str, str]]:
        return [(number, tel_uri(number)) for number in self.numbers]


@dataclass(frozen=True)
class Right:
    slug: str
    title: Promise
    text: Promise
    lines: list[Line] = field(default_factory=list)


TIP_LINE = Line(
    "",
    _("Service Canada confidential tip line for temporary foreign workers (24/7, live agents in 200 languages)"),
    ("1-866-602-9448",),
    _(
        "Reports can be anonymous and the employer is never told who reported. Some support "
        "organizations say identity is not always protected: ask a worker support organization "
        "first if you are worried."
    ),
    "https://www.canada.ca/en/employment-social-development/services/foreign-workers/report-abuse-tl.html",
)
NS_LABOUR = Line(
    "NS",
    _("Nova Scotia Labour Standards"),
    ("902-424-4311", "1-888-315-0110"),
    _("You can call anonymously and without your employer's permission."),
    "https://novascotia.ca/lae/employmentrights/FW/ForeignWorker_Fact_Sheet.asp",
)
NB_STANDARDS = Line(
    "NB",
    _("New Brunswick Employment Standards"),
    ("1-888-452-2687",),
    _("Confidential complaints are possible."),
    "https://www.gnb.ca/en/topic/jobs-workplaces/labour-market-workforce/employment-standards/foreign-workers.html",
)
PE_STANDARDS = Line(
    "PE",
    _("Prince Edward Island Employment Standards"),
    ("902-368-5550", "1-800-333-4362"),
    _("Formal complaints are free and investigated by an inspector."),
    "https://www.princeedwardisland.ca/en/service/file-a-formal-complaint-under-the-pei-employment-standards-act-non-union",
)
NS_OHS = Line(
    "NS",
    _("Nova Scotia Occupational Health and Safety (24 hours)"),
    ("1-800-952-2687",),
    "",
    "http://workplaceinitiatives.novascotia.ca/nshrtoolkit/links/ohs.asp",
)
WORKSAFENB = Line(
    "NB",
    _("WorkSafeNB (health and safety, workers' compensation)"),
    ("1-800-999-9775",),
    _("Health and safety complaints can be anonymous on request."),
    "https://worksafenb.ca/employers/health-safety/the-ohs-act-and-you",
)
PE_OHS = Line(
    "PE",
    _("Workers Compensation Board of PEI, Occupational Health and Safety"),
    ("902-368-5680", "1-800-237-5049"),
    _("24-hour line for serious injuries: 902-628-7513."),
    "https://www.peihrtoolkit.ca/resource/occupational-health-safety/",
)
WCB_NS = Line(
    "NS",
    _("Workers' Compensation Board of Nova Scotia"),
    ("1-800-870-3331",),
    _("Translation is available on request."),
    "https://noii-hfx.squarespace.com/wcb-en",
)
WCB_PE = Line(
    "PE",
    _("Workers Compensation Board of PEI"),
    ("902-368-5680", "1-800-237-5049"),
    "",
    "http://www.wcb.pe.ca/Employers/ReportingAnInjury",
)

RIGHTS: list[Right] = [
    Right(
        "recruitment-fees",
        _("No recruitment fees"),
        _(
            "Nobody may charge you a fee to get a job, and your employer may not take recruitment costs back "
            "from your pay. Recruiters must be licensed. This is the law in Nova Scotia and New Brunswick, and "
            "in Prince Edward Island since 1 April 2025 (Temporary Foreign Worker Protection Act)."
        ),
        [NS_LABOUR, NB_STANDARDS, PE_STANDARDS],
    ),
    Right(
        "documents",
        _("Your passport and work permit are yours"),
        _(
            "Your employer may not take or keep your passport, work permit or other identity documents, threaten "
            "to have you deported, or stop you from leaving your work site or housing."
        ),
        [TIP_LINE, NS_LABOUR, NB_STANDARDS, PE_STANDARDS],
    ),
    Right(
        "unsafe-work",
        _("You can refuse unsafe work"),
        _(
            "You have the right to know about dangers at work, to take part in health and safety, and to refuse "
            "work you believe is dangerous."
        ),
        [NS_OHS, WORKSAFENB, PE_OHS],
    ),
    Right(
        "compensation",
        _("If you are hurt at work: workers' compensation"),
        _(
            "If you are injured at work, workers' compensation covers treatment and pays benefits for lost "
            "earnings; decisions can be appealed. In Nova Scotia, employers of seasonal agricultural workers must "
            "register, and treatment may be reimbursed after you return home."
        ),
        [WCB_NS, WORKSAFENB, WCB_PE],
    ),
    Right(
        "complain",
        _("How to complain"),
        _(
            "You can complain about unpaid wages, wrong pay, time off, a job different from the one offered, or "
            "abuse. In Prince Edward Island a formal complaint is free. A worker support organization can help you "
            "prepare."
        ),
        [NS_LABOUR, NB_STANDARDS, PE_STANDARDS, TIP_LINE],
    ),
]


@require_GET
def rights(request: HttpRequest) -> HttpResponse:
    return render(request, "site/rights.html", {"rights": RIGHTS})


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # Answer as if sent, so bots learn nothing; nothing is sent or kept.
            return render(request, "site/contact_sent.html")
        client_key = ratelimit.client_key(request, services.CONTACT_SCOPE)
        if not services.contact_allowed(client_key):
            return render(request, "site/contact_limited.html", status=429)
        outcome = services.deliver_contact_message(
            client_key=client_key,
            name=form.cleaned_data["name"],
            reply_to=form.cleaned_data["reply_to"],
            message=form.cleaned_data["message"],
            language=get_language() or "",
        )
        if outcome is services.Outcome.SENT:
            return render(request, "site/contact_sent.html")
        if outcome is services.Outcome.KEPT:
            return render(request, "site/contact_kept.html", {"helpline_groups": helpline_groups()})
        # Not sent and not kept: the form comes back with the sender's words, to copy or send later.
        context = {"form": form, "not_sent": True, "helpline_groups": helpline_groups()}
        return render(request, "site/contact.html", context, status=503)
    return render(request, "site/contact.html", {"form": form})
