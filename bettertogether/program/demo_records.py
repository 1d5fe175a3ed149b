"""Demo records of the program office beside its agreements: the two knowledge-sharing events of the
timeline (March 2024; the half-day virtual event of December 2024, as outreach events of that kind),
the March 2024 evaluation, and a few advocacy entries. The months are the program's own; the days,
organizers, bodies and texts are illustrative and say so. Idempotent."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from zoneinfo import ZoneInfo

from bettertogether.directory.door import BT_NAMESPACE, Organization
from bettertogether.outreach.door import KnowledgeEventInput, save_knowledge_event

from . import services_records
from .models import AdvocacyEntry, Evaluation

ATLANTIC = ZoneInfo("America/Halifax")
D = dt.date

MARCH_2024 = {
    "en": "Partners' knowledge-sharing event, March 2024 (demo record)",
    "fr": "Rencontre d'échange de connaissances des partenaires, mars 2024 (fiche de démonstration)",
    "es": "Encuentro de intercambio de conocimientos de los socios, marzo de 2024 (registro de demostración)",
    "tl": "Kaganapan ng pagbabahagi ng kaalaman ng mga partner, Marso 2024 (demo na tala)",
}
DECEMBER_2024 = {
    "en": "Half-day virtual knowledge-sharing event, December 2024 (demo record)",
    "fr": "Demi-journée virtuelle d'échange de connaissances, décembre 2024 (fiche de démonstration)",
    "es": "Evento virtual de medio día de intercambio de conocimientos, diciembre de 2024 (registro de demostración)",
    "tl": "Virtual na kalahating-araw na pagbabahagi ng kaalaman, Disyembre 2024 (demo na tala)",
}
NOTE = {
    "en": "Demo record of a knowledge-sharing event on the program's timeline. The day, the times and the "
    "organizing partner are illustrative.",
}

EVALUATION_TITLE = "Evaluation of the 2023–2024 projects (demo record)"

# (date, kind, body, subject, outcome, partners: "sanctuary" for the network's members, else none)
ADVOCACY: list[tuple[dt.date, str, str, str, str, str]] = [
    (
        D(2023, 6, 14),
        AdvocacyEntry.Kind.COMMITTEE_SEAT,
        "Provincial government committee on migrant workers (demo)",
        "A seat for the program: workers' access to information on their rights",
        "Seat taken; the program reports on the gaps found in the 2022 mapping.",
        "",
    ),
    (
        D(2023, 11, 20),
        AdvocacyEntry.Kind.SUBMISSION,
        "Federal consultation on the temporary foreign worker program (demo)",
        "Recruitment fees, housing and workers' access to services",
        "Submission sent with the partners' evidence; acknowledged.",
        "sanctuary",
    ),
    (
        D(2024, 5, 8),
        AdvocacyEntry.Kind.MEETING,
        "Municipal officials (demo)",
        "A sanctuary network to fill the service gaps",
        "Network members to be listed in the directory and drawn on the service map.",
        "sanctuary",
    ),
    (
        D(2024, 10, 2),
        AdvocacyEntry.Kind.MEETING,
        "Provincial labour standards office (demo)",
        "Inspections of workers' housing on farms",
        "Follow-up meeting planned after the season.",
        "",
    ),
]


def _event_id(key: str) -> uuid.UUID:
    return uuid.uuid5(BT_NAMESPACE, f"demo:event:{key}")


def _events(organizer: Organization) -> uuid.UUID:
    march = save_knowledge_event(
        _event_id("program-knowledge-sharing-2024-03"),
        KnowledgeEventInput(
            organization_id=organizer.pk,
            province="NS",
            starts_at=dt.datetime(2024, 3, 21, 9, 30, tzinfo=ATLANTIC),
            ends_at=dt.datetime(2024, 3, 21, 15, 30, tzinfo=ATLANTIC),
            titles=MARCH_2024,
            descriptions=NOTE,
            place_name="Venue not recorded (demo)",
        ),
    )
    save_knowledge_event(
        _event_id("program-knowledge-sharing-2024-12"),
        KnowledgeEventInput(
            organization_id=organizer.pk,
            province="NS",
            starts_at=dt.datetime(2024, 12, 10, 9, 0, tzinfo=ATLANTIC),
            ends_at=dt.datetime(2024, 12, 10, 12, 30, tzinfo=ATLANTIC),
            titles=DECEMBER_2024,
            descriptions=NOTE,
            online_url="https://example.org/demo-meeting",
        ),
    )
    return march.id


def _evaluation(partners: list[Organization], event_id: uuid.UUID) -> None:
    existing = Evaluation.objects.filter(title=EVALUATION_TITLE).first()
    services_records.save_evaluation(
        services_records.EvaluationInput(
            held_on=D(2024, 3, 28),
            title=EVALUATION_TITLE,
            evaluator="Program office with the partners (demo)",
            findings="Illustrative text. Information sessions held at work sites and in the evening reached the "
            "most workers; helpline and drop-in support answered questions on pay, housing and permits.",
            lessons="Illustrative text. Sessions in the workers' languages, short and close to where they live, "
            "reach more people; partners gain from sharing referral contacts with each other.",
            organization_ids=tuple(p.pk for p in partners),
            event_id=event_id,
        ),
        by=None,
        evaluation_id=existing.pk if existing else None,
    )


def _advocacy(sanctuary: list[Organization]) -> None:
    for held_on, kind, body, subject, outcome, partners in ADVOCACY:
        existing = AdvocacyEntry.objects.filter(held_on=held_on, subject=subject).first()
        services_records.save_advocacy(
            services_records.AdvocacyInput(
                held_on=held_on,
                kind=kind,
                body=body,
                subject=subject,
                outcome=outcome,
                organization_ids=tuple(o.pk for o in sanctuary) if partners == "sanctuary" else (),
            ),
            by=None,
            entry_id=existing.pk if existing else None,
        )


def load_records(partners: list[Organization], log: Callable[[str], None]) -> None:
    """`partners`: the demo's partner organizations found in the directory (none: nothing to link)."""
    if not partners:
        return
    event_id = _events(partners[0])
    _evaluation(partners, event_id)
    _advocacy([o for o in partners if o.in_sanctuary_network])
    log(f"program: 2 knowledge-sharing events, 1 evaluation, {len(ADVOCACY)} advocacy entries")
