"""Demo data of the program office: the program's real timeline (2022–2024) and the agreements of the
six partners whose projects were extended in April 2024. The amounts are illustrative; the dates,
partners and milestones are the program's own. Idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from bettertogether.directory.door import Organization

from . import calls_demo, services
from .demo_records import load_records
from .models import ActionStatus, AgreementKind, AgreementStatus, Milestone, MilestoneStatus, SubAgreement, Visit

D = dt.date

# key, starts, ends (None: within one month), titles per language.
MILESTONES: list[tuple[str, dt.date, dt.date | None, dict[str, str]]] = [
    (
        "mapping-2022",
        D(2022, 10, 1),
        D(2022, 11, 30),
        {
            "en": "Mapping of migrant workers and gap analysis; meetings with stakeholders.",
            "fr": "Cartographie des travailleurs migrants et analyse des lacunes; "
            "rencontres avec les parties prenantes.",
            "es": "Mapeo de los trabajadores migrantes y análisis de carencias; reuniones con las partes interesadas.",
            "tl": "Pagmamapa ng mga migranteng manggagawa at pagsusuri ng mga kakulangan; "
            "mga pulong sa mga stakeholder.",
        },
    ),
    (
        "findings-2022",
        D(2022, 12, 1),
        None,
        {
            "en": "Findings presented; agreements with four previously funded organizations.",
            "fr": "Présentation des résultats; ententes avec quatre organismes déjà financés.",
            "es": "Presentación de resultados; acuerdos con cuatro organizaciones financiadas anteriormente.",
            "tl": "Iniharap ang mga natuklasan; mga kasunduan sa apat na dating pinondohang organisasyon.",
        },
    ),
    (
        "call-2023",
        D(2023, 1, 1),
        None,
        {
            "en": "Call for proposals for four to six projects (1 April 2023 – 31 March 2024).",
            "fr": "Appel de propositions pour quatre à six projets (1er avril 2023 – 31 mars 2024).",
            "es": "Convocatoria de propuestas para cuatro a seis proyectos (1 de abril de 2023 – 31 de marzo de 2024).",
            "tl": "Panawagan para sa mga panukala para sa apat hanggang anim na proyekto "
            "(1 Abril 2023 – 31 Marso 2024).",
        },
    ),
    (
        "selection-2023",
        D(2023, 2, 1),
        None,
        {
            "en": "Projects selected.",
            "fr": "Sélection des projets.",
            "es": "Selección de proyectos.",
            "tl": "Napili ang mga proyekto.",
        },
    ),
    (
        "transitional-close-2023",
        D(2023, 3, 1),
        None,
        {
            "en": "Transitional projects close.",
            "fr": "Fin des projets de transition.",
            "es": "Cierre de los proyectos de transición.",
            "tl": "Nagtapos ang mga transisyonal na proyekto.",
        },
    ),
    (
        "projects-2023",
        D(2023, 4, 1),
        D(2024, 3, 31),
        {
            "en": "Projects run, with monitoring meetings and site visits; agreements with four existing and three "
            "new partners.",
            "fr": "Réalisation des projets, avec réunions de suivi et visites sur place; ententes avec quatre "
            "partenaires existants et trois nouveaux.",
            "es": "Ejecución de los proyectos, con reuniones de seguimiento y visitas; acuerdos con cuatro socios "
            "existentes y tres nuevos.",
            "tl": "Isinagawa ang mga proyekto, may mga pulong sa pagsubaybay at pagbisita; mga kasunduan sa apat na "
            "dati at tatlong bagong partner.",
        },
    ),
    (
        "evaluation-2024",
        D(2024, 3, 1),
        None,
        {
            "en": "Knowledge-sharing event and evaluation.",
            "fr": "Activité d’échange de connaissances et évaluation.",
            "es": "Evento de intercambio de conocimientos y evaluación.",
            "tl": "Kaganapan ng pagbabahagi ng kaalaman at ebalwasyon.",
        },
    ),
    (
        "extensions-2024",
        D(2024, 4, 1),
        None,
        {
            "en": "Six projects extended: Centre for Migrant Worker Rights Nova Scotia, YMCA of Greater "
            "Halifax/Dartmouth, Madhu Verma Migrant Justice Centre, Miramichi Regional Multicultural Association, "
            "PEI Community Navigators and Cooper Institute.",
            "fr": "Six projets prolongés : Centre for Migrant Worker Rights Nova Scotia, YMCA of Greater "
            "Halifax/Dartmouth, Madhu Verma Migrant Justice Centre, Association régionale multiculturelle de "
            "Miramichi, PEI Community Navigators et Cooper Institute.",
            "es": "Seis proyectos prolongados: Centre for Migrant Worker Rights Nova Scotia, YMCA of Greater "
            "Halifax/Dartmouth, Madhu Verma Migrant Justice Centre, Miramichi Regional Multicultural Association, "
            "PEI Community Navigators y Cooper Institute.",
            "tl": "Anim na proyekto ang pinalawig: Centre for Migrant Worker Rights Nova Scotia, YMCA of Greater "
            "Halifax/Dartmouth, Madhu Verma Migrant Justice Centre, Miramichi Regional Multicultural Association, "
            "PEI Community Navigators at Cooper Institute.",
        },
    ),
    (
        "service-map-2024",
        D(2024, 6, 1),
        None,
        {
            "en": "Interactive service map.",
            "fr": "Carte interactive des services.",
            "es": "Mapa interactivo de servicios.",
            "tl": "Interactive na mapa ng mga serbisyo.",
        },
    ),
    (
        "services-2024",
        D(2024, 4, 1),
        D(2024, 12, 31),
        {
            "en": "Helplines, information sessions, support with complaints, events and advocacy (government "
            "committees, a sanctuary network).",
            "fr": "Lignes d’aide, séances d’information, soutien aux plaintes, activités et défense des droits "
            "(comités gouvernementaux, un réseau de refuge).",
            "es": "Líneas de ayuda, sesiones informativas, apoyo con quejas, eventos y defensa (comités "
            "gubernamentales, una red de refugio).",
            "tl": "Mga helpline, sesyon ng impormasyon, tulong sa mga reklamo, mga kaganapan at adbokasiya (mga "
            "komite ng gobyerno, isang sanctuary network).",
        },
    ),
    (
        "site-visits-2024",
        D(2024, 8, 1),
        D(2024, 12, 31),
        {
            "en": "Site visits.",
            "fr": "Visites sur place.",
            "es": "Visitas a los sitios.",
            "tl": "Mga pagbisita sa lugar.",
        },
    ),
    (
        "knowledge-sharing-2024",
        D(2024, 12, 1),
        None,
        {
            "en": "Virtual half-day knowledge-sharing event.",
            "fr": "Demi-journée virtuelle d’échange de connaissances.",
            "es": "Evento virtual de medio día de intercambio de conocimientos.",
            "tl": "Virtual na kalahating-araw na kaganapan ng pagbabahagi ng kaalaman.",
        },
    ),
]

EXTENDED_PARTNERS = (
    "Centre for Migrant Worker Rights Nova Scotia",
    "YMCA of Greater Halifax/Dartmouth",
    "Madhu Verma Migrant Justice Centre",
    "Miramichi Regional Multicultural Association",
    "PEI Community Navigators",
    "Cooper Institute",
)
PROJECT_START, PROJECT_END, EXTENDED_TO = D(2023, 4, 1), D(2024, 3, 31), D(2025, 3, 31)
# One site visit per partner, August–December 2024 (the program's second round of visits).
SITE_VISITS = dict(
    zip(
        EXTENDED_PARTNERS,
        (D(2024, 8, 20), D(2024, 9, 17), D(2024, 10, 8), D(2024, 10, 22), D(2024, 11, 12), D(2024, 12, 3)),
        strict=True,
    )
)
DEMO_AMOUNT = Decimal("60000.00")  # illustrative
DEMO_EXTENSION_AMOUNT = Decimal("90000.00")  # illustrative


def _milestones() -> int:
    for key, starts, ends, titles in MILESTONES:
        Milestone.objects.update_or_create(
            key=key,
            defaults={
                "starts_on": starts,
                "ends_on": ends,
                "status": MilestoneStatus.DONE,
                "title": titles["en"],
                **{f"title_{lang}": text for lang, text in titles.items()},
            },
        )
    return len(MILESTONES)


def _agreement(org: Organization, name: str) -> None:
    title = "Rights information and support for migrant workers, 2023–2024"
    if SubAgreement.objects.filter(organization=org, title=title).exists():
        return
    agreement = services.create_agreement(
        services.AgreementInput(
            organization_id=org.pk,
            kind=AgreementKind.NEW,
            title=title,
            starts_on=PROJECT_START,
            ends_on=PROJECT_END,
            amount=DEMO_AMOUNT,
            payment_schedule="40 % on signature; 40 % on the interim report; 20 % on the final report.",
            deliverables="Information sessions on workers' rights; helpline or drop-in support; referrals.",
            reporting_schedule="Interim report 31 October 2023; final report 30 April 2024.",
        ),
        by=None,
    )
    services.move_agreement(agreement.pk, AgreementStatus.SIGNED, by=None, reason="Signed after the call's selection.")
    services.move_agreement(agreement.pk, AgreementStatus.ACTIVE, by=None)
    services.amend_agreement(
        agreement.pk,
        signed_on=D(2024, 4, 1),
        reason="Extension of the project to 31 March 2025 (April 2024 extensions).",
        by=None,
        ends_on=EXTENDED_TO,
        amount=DEMO_EXTENSION_AMOUNT,
    )
    visit = services.record_visit(
        agreement.pk,
        services.VisitInput(
            kind=Visit.Kind.SITE_VISIT,
            held_on=SITE_VISITS[name],
            place=name,
            attendees="Program coordinator; project lead and staff of the partner.",
            notes="Walked through the sessions held since April and the helpline log.",
            findings="Sessions reach workers on farms and in plants; evening times work best.",
        ),
        by=None,
    )
    action = services.add_action(
        visit.pk,
        description="Send the final report template",
        owner="Program coordinator",
        due_on=D(2025, 1, 31),
        by=None,
    )
    services.move_action(action.pk, ActionStatus.DONE, by=None, today=D(2025, 1, 20))
    report = services.schedule_report(
        agreement.pk, period_start=PROJECT_START, period_end=EXTENDED_TO, due_on=D(2025, 4, 30), by=None
    )
    services.save_report(
        report.pk,
        services.ReportInput(
            values={},
            reasons={},
            successes="Information sessions on workers' rights held with employers' agreement at work sites.",
            challenges="Workers' shifts leave little time; transport to sessions in rural areas.",
            lessons="Short evening sessions in the workers' languages reach the most people.",
        ),
        by=None,
    )
    services.submit_report(report.pk, by=None)
    services.review_report(report.pk, accept=True, note="", by=None)
    services.move_agreement(agreement.pk, AgreementStatus.CLOSED, by=None, reason="Final report accepted.")


def load(log: Callable[[str], None]) -> None:
    n = _milestones()
    found = []
    for name in EXTENDED_PARTNERS:
        org = Organization.objects.filter(name_en=name).first() or Organization.objects.filter(name=name).first()
        if org is None:
            continue
        _agreement(org, name)
        found.append(org)
    log(f"program: {n} milestones, {len(found)} partners' agreements")
    load_records(found, log)
    calls_demo.load(log)
