"""Demo data of the calls for proposals: the program's call of January 2023 for four to six projects
(1 April 2023 – 31 March 2024), closed and decided, with applications from Maritime organizations of
the demo directory, the reviews of the demo coordinator and funder, and the decisions; the funded
applications are linked to the partners' agreements of demo.py. The call's dates, period and
number of projects are the program's own; the budget, requests, scores and reasons are illustrative.
Idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from bettertogether.core.users import Account
from bettertogether.directory.door import Organization

from . import calls_services as cs
from .calls_models import Application, ApplicationChange, ApplicationStatus, Call, CallStatus
from .models import SubAgreement

D = dt.date
SLUG = "projects-2023-2024"
OPENS, CLOSES, SCREENED = D(2023, 1, 9), D(2023, 2, 10), D(2023, 2, 17)
AGREEMENT_TITLE = "Rights information and support for migrant workers, 2023–2024"

TEXTS: dict[str, dict[str, str]] = {
    "title": {
        "en": "Call for proposals 2023–2024: projects for migrant workers in the Maritimes",
        "fr": "Appel de propositions 2023-2024 : projets pour les travailleurs migrants des Maritimes",
        "es": "Convocatoria 2023–2024: proyectos para trabajadores migrantes en las Marítimas",
        "tl": "Panawagan para sa mga panukala 2023–2024: mga proyekto para sa mga migranteng manggagawa sa Maritimes",
    },
    "objectives": {
        "en": "Fund four to six projects, from 1 April 2023 to 31 March 2024, that inform migrant workers of "
        "their rights, help them exercise those rights, and support them in emergencies.",
        "fr": "Financer de quatre à six projets, du 1er avril 2023 au 31 mars 2024, qui informent les "
        "travailleurs migrants de leurs droits, les aident à les exercer et les soutiennent en cas d’urgence.",
        "es": "Financiar de cuatro a seis proyectos, del 1 de abril de 2023 al 31 de marzo de 2024, que informen "
        "a los trabajadores migrantes de sus derechos, les ayuden a ejercerlos y los apoyen en emergencias.",
        "tl": "Pondohan ang apat hanggang anim na proyekto, mula 1 Abril 2023 hanggang 31 Marso 2024, na "
        "nagbibigay-alam sa mga migranteng manggagawa tungkol sa kanilang mga karapatan, tumutulong sa kanila "
        "na gamitin ang mga ito, at sumusuporta sa kanila sa mga emergency.",
    },
    "eligibility": {
        "en": "Non-profit service providers and grassroots organizations working with migrant workers in Nova "
        "Scotia, New Brunswick or Prince Edward Island.",
        "fr": "Fournisseurs de services à but non lucratif et organismes communautaires qui travaillent avec "
        "des travailleurs migrants en Nouvelle-Écosse, au Nouveau-Brunswick ou à l’Île-du-Prince-Édouard.",
        "es": "Proveedores de servicios sin fines de lucro y organizaciones de base que trabajan con trabajadores "
        "migrantes en Nueva Escocia, Nuevo Brunswick o la Isla del Príncipe Eduardo.",
        "tl": "Mga non-profit na tagapagbigay ng serbisyo at mga grassroots na organisasyon na nakikipagtulungan "
        "sa mga migranteng manggagawa sa Nova Scotia, New Brunswick o Prince Edward Island.",
    },
    "how_to_apply": {
        "en": "Staff of an organization listed in the directory sign in, start an application on this page, "
        "describe the project and its budget, attach their documents and submit before the deadline.",
        "fr": "Le personnel d’un organisme inscrit au répertoire se connecte, commence une demande sur cette "
        "page, décrit le projet et son budget, joint ses documents et soumet avant la date limite.",
        "es": "El personal de una organización del directorio inicia sesión, comienza una solicitud en esta "
        "página, describe el proyecto y su presupuesto, adjunta sus documentos y la envía antes de la fecha límite.",
        "tl": "Ang kawani ng isang organisasyong nasa direktoryo ay mag-sign in, magsisimula ng aplikasyon sa "
        "pahinang ito, ilalarawan ang proyekto at ang badyet nito, ilalakip ang mga dokumento at ipapasa bago "
        "ang takdang petsa.",
    },
}
CRITERIA = (
    ("Reach of migrant workers in the Maritimes", 3),
    ("Plan for rights information and support", 3),
    ("Partnerships and capacity of the organization", 2),
    ("Budget and value", 1),
)
CRITERIA_TRANSLATED: dict[str, tuple[str, ...]] = {
    "fr": (
        "Portée auprès des travailleurs migrants des Maritimes",
        "Plan d’information sur les droits et de soutien",
        "Partenariats et capacité de l’organisme",
        "Budget et rapport qualité-prix",
    ),
    "es": (
        "Alcance de los trabajadores migrantes en las Marítimas",
        "Plan de información sobre derechos y de apoyo",
        "Alianzas y capacidad de la organización",
        "Presupuesto y rentabilidad",
    ),
    "tl": (
        "Naaabot na migranteng manggagawa sa Maritimes",
        "Plano para sa impormasyon sa karapatan at suporta",
        "Mga partnership at kakayahan ng organisasyon",
        "Badyet at halaga",
    ),
}
# name → (decision, scores of the coordinator, scores of the funder), scores per criterion above.
FUNDED = "funded"
APPLICANTS: dict[str, tuple[str, tuple[int, ...], tuple[int, ...]]] = {
    "Centre for Migrant Worker Rights Nova Scotia": (FUNDED, (5, 5, 4, 4), (5, 4, 4, 4)),
    "YMCA of Greater Halifax/Dartmouth": (FUNDED, (4, 4, 5, 4), (4, 4, 5, 3)),
    "Madhu Verma Migrant Justice Centre": (FUNDED, (5, 4, 4, 4), (4, 5, 4, 4)),
    "Miramichi Regional Multicultural Association": (FUNDED, (4, 4, 4, 4), (4, 4, 3, 5)),
    "PEI Community Navigators": (FUNDED, (4, 4, 3, 4), (4, 3, 4, 4)),
    "Cooper Institute": (FUNDED, (4, 4, 4, 3), (3, 4, 4, 4)),
    "Multicultural Association of Fredericton": ("declined", (3, 3, 4, 3), (3, 2, 4, 3)),
    "Filipino-Canadian CommUNITY of New Brunswick": ("declined", (3, 3, 2, 4), (3, 3, 3, 3)),
}
REASONS = {
    FUNDED: "Ranked among the six highest weighted totals; within the call's budget.",
    "declined": "Ranked below the six funded projects; the call's budget funds six projects.",
}


def _organization(name: str) -> Organization | None:
    return Organization.objects.filter(name_en=name).first() or Organization.objects.filter(name=name).first()


def _create_call(reviewers: tuple[Any, ...]) -> Call:
    return cs.create_call(
        cs.CallInput(
            slug=SLUG,
            title=TEXTS["title"]["en"],
            objectives=TEXTS["objectives"]["en"],
            eligibility=TEXTS["eligibility"]["en"],
            how_to_apply=TEXTS["how_to_apply"]["en"],
            opens_on=OPENS,
            closes_on=CLOSES,
            projects_start=D(2023, 4, 1),
            projects_end=D(2024, 3, 31),
            budget=Decimal("480000.00"),
            projects_min=4,
            projects_max=6,
            criteria=CRITERIA,
            reviewer_ids=tuple(r.pk for r in reviewers),
            translations=TEXTS,
        ),
        by=None,
    )


def _apply(call: Call, org: Organization, applicant: Any) -> Application:
    application = cs.start_application(
        call.pk, org.pk, title="Rights information and support for migrant workers", by=applicant, today=OPENS
    )
    cs.save_application(
        application.pk,
        cs.ApplicationInput(
            title=application.title,
            summary=f"Information sessions on workers' rights, drop-in and helpline support, and referrals, by {org}.",
            activities="Information sessions at work sites and in the community; support with complaints; referrals.",
            amount_requested=Decimal("60000.00"),
        ),
        by=applicant,
        today=OPENS,
    )
    return cs.submit_application(application.pk, by=applicant, today=CLOSES)


def _review(call: Call, application: Application, reviewer: Account, scores: tuple[int, ...]) -> None:
    criteria = list(call.criteria.all())
    cs.save_review(
        application.pk,
        reviewer=reviewer,
        scores={c.pk: s for c, s in zip(criteria, scores, strict=True)},
        comments="Clear plan for reaching workers on farms and in plants; realistic budget.",
    )


def _applicant(org: Organization) -> Any:
    return get_user_model().objects.filter(membership__organization=org, role="partner_staff").first()


def load(log: Callable[[str], None]) -> None:
    if Call.objects.filter(slug=SLUG).exists():
        log("program: the 2023–2024 call is already loaded")
        return
    users = get_user_model().objects
    coordinator, funder = users.filter(username="coordinator").first(), users.filter(username="funder").first()
    if coordinator is None or funder is None:
        log("program: no call loaded (its reviewers are the demo coordinator and funder, not created here)")
        return
    call = _create_call((coordinator, funder))
    for i, criterion in enumerate(call.criteria.all()):
        for language, names in CRITERIA_TRANSLATED.items():
            setattr(criterion, f"name_{language}", names[i])
        criterion.save()
    cs.move_call(call.pk, CallStatus.OPEN, by=coordinator)
    applied = []
    for name, (decision, first, second) in APPLICANTS.items():
        org = _organization(name)
        if org is None:
            continue
        application = _apply(call, org, _applicant(org))
        cs.screen(application.pk, eligible=True, reason="", by=coordinator)
        _review(call, application, coordinator, first)
        _review(call, application, funder, second)
        applied.append((application, decision))
    cs.move_call(call.pk, CallStatus.CLOSED, by=coordinator)
    for application, decision in applied:
        cs.decide(application.pk, funded=decision == FUNDED, reason=REASONS[decision], by=coordinator, notify=False)
        agreement = SubAgreement.objects.filter(organization=application.organization, title=AGREEMENT_TITLE).first()
        if decision == FUNDED and agreement is not None:
            application.refresh_from_db()
            cs.link_agreement(application, agreement)
    cs.move_call(call.pk, CallStatus.DECIDED, by=coordinator)
    _date_history(call)
    log(f"program: the 2023–2024 call, {len(applied)} applications, decided")


def _date_history(call: Call) -> None:
    """Put the history on the call's own calendar rather than the day the demo was loaded."""
    when = {
        ApplicationStatus.SUBMITTED: CLOSES,
        ApplicationStatus.ELIGIBLE: SCREENED,
        ApplicationStatus.UNDER_REVIEW: D(2023, 2, 20),
        ApplicationStatus.FUNDED: D(2023, 2, 28),
        ApplicationStatus.DECLINED: D(2023, 2, 28),
    }
    for status, day in when.items():
        moment = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        ApplicationChange.objects.filter(application__call=call, to_status=status).update(changed_at=moment)
    Application.objects.filter(call=call).update(
        submitted_at=dt.datetime.combine(CLOSES, dt.time(12), tzinfo=dt.UTC),
        decided_at=dt.datetime.combine(D(2023, 2, 28), dt.time(12), tzinfo=dt.UTC),
    )
