"""Demo data of the outreach app: upcoming demo events in each province and the seed resources.

`load(log)` is this app's load_demo hook. Events are plainly marked "(demo)", organized by the
program partners of their province and dated relative to today so they are always upcoming.
Resources are the public materials named in ../shared/data/orgs/maritime-orgs.md, as link-outs to
their source URLs only. Ids are uuid5, so loading twice changes nothing but the event dates.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from bettertogether.core.languages import CONTENT_LANGUAGES
from bettertogether.directory.door import BT_NAMESPACE, Organization, TaxonomyTerm

from .models import Event, EventKind, Resource, ResourceKind, ResourceVersion
from .services import save_event

ATLANTIC = ZoneInfo("America/Halifax")


def _id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(BT_NAMESPACE, f"demo:{kind}:{key}")


def _org_id(key: str) -> uuid.UUID:
    # Same derivation as the directory's demo loader (directory/demo/loader.py demo_id).
    return _id("organization", key)


@dataclass(frozen=True)
class DemoEvent:
    key: str
    org: str
    province: str
    kind: str
    title: dict[str, str]
    description: dict[str, str]
    days_ahead: int
    start: dt.time
    hours: float
    languages: list[str]
    place_name: str = ""
    address: str = ""
    online_url: str = ""
    capacity: int | None = None


RIGHTS_TITLE = {
    "en": "Information session: your rights at work (demo)",
    "fr": "Séance d'information : vos droits au travail (démo)",
    "es": "Sesión informativa: sus derechos en el trabajo (demo)",
    "tl": "Sesyon ng impormasyon: ang iyong mga karapatan sa trabaho (demo)",
}
RIGHTS_TEXT = {
    "en": "Demo event. Pay, hours, housing, recruitment fees, your documents, safety at work and how to "
    "complain. Free, confidential, no account needed.",
    "fr": "Événement de démonstration. Salaire, heures, logement, frais de recrutement, vos documents, "
    "sécurité au travail et comment porter plainte. Gratuit et confidentiel.",
    "es": "Evento de demostración. Salario, horas, vivienda, tarifas de reclutamiento, sus documentos, "
    "seguridad en el trabajo y cómo presentar una queja. Gratis y confidencial.",
    "tl": "Demo na kaganapan. Sahod, oras, pabahay, bayad sa recruitment, ang iyong mga dokumento, "
    "kaligtasan sa trabaho at kung paano magreklamo. Libre at kumpidensyal.",
}

EVENTS: list[DemoEvent] = [
    DemoEvent(
        "ns-rights-kentville",
        "cmwr-ns",
        "NS",
        EventKind.INFORMATION_SESSION,
        RIGHTS_TITLE,
        RIGHTS_TEXT,
        7,
        dt.time(18, 0),
        2,
        ["en", "es"],
        "Venue to be confirmed (demo)",
        "Kentville, NS",
        capacity=30,
    ),
    DemoEvent(
        "ns-social-halifax",
        "ymca-halifax",
        "NS",
        EventKind.SOCIAL,
        {
            "en": "Conversation circle and community meal (demo)",
            "fr": "Cercle de conversation et repas communautaire (démo)",
            "es": "Círculo de conversación y comida comunitaria (demo)",
            "tl": "Bilog ng usapan at salu-salo ng komunidad (demo)",
        },
        {"en": "Demo event. Meet other workers and newcomers, practise English, share a meal."},
        12,
        dt.time(17, 30),
        2,
        ["en"],
        "Venue to be confirmed (demo)",
        "Halifax, NS",
        capacity=3,
    ),
    DemoEvent(
        "nb-rights-fredericton",
        "madhu-centre",
        "NB",
        EventKind.INFORMATION_SESSION,
        RIGHTS_TITLE,
        RIGHTS_TEXT,
        9,
        dt.time(18, 30),
        2,
        ["en", "fr"],
        "Venue to be confirmed (demo)",
        "Fredericton, NB",
        capacity=40,
    ),
    DemoEvent(
        "nb-workshop-miramichi",
        "mrma",
        "NB",
        EventKind.WORKSHOP,
        {
            "en": "Workshop: health cards, taxes and banking (demo)",
            "fr": "Atelier : carte santé, impôts et banque (démo)",
            "es": "Taller: tarjeta de salud, impuestos y banco (demo)",
            "tl": "Workshop: health card, buwis at bangko (demo)",
        },
        {"en": "Demo event. Practical first steps for newly arrived workers."},
        16,
        dt.time(14, 0),
        2.5,
        ["en", "fr"],
        "Venue to be confirmed (demo)",
        "Miramichi, NB",
    ),
    DemoEvent(
        "pe-rights-charlottetown",
        "cooper-institute",
        "PE",
        EventKind.INFORMATION_SESSION,
        RIGHTS_TITLE,
        RIGHTS_TEXT,
        8,
        dt.time(19, 0),
        2,
        ["en", "es", "zh"],
        "Venue to be confirmed (demo)",
        "Charlottetown, PE",
        capacity=25,
    ),
    DemoEvent(
        "pe-newcomers-alberton",
        "pei-community-navigators",
        "PE",
        EventKind.SOCIAL,
        {
            "en": "Newcomers' get-together in West Prince (demo)",
            "fr": "Rencontre des nouveaux arrivants à West Prince (démo)",
            "es": "Encuentro de recién llegados en West Prince (demo)",
            "tl": "Pagtitipon ng mga bagong dating sa West Prince (demo)",
        },
        {"en": "Demo event. Meet community members and local services."},
        20,
        dt.time(18, 0),
        2,
        ["en"],
        "Venue to be confirmed (demo)",
        "Alberton, PE",
    ),
    DemoEvent(
        "partners-knowledge-sharing",
        "cooper-institute",
        "PE",
        EventKind.KNOWLEDGE_SHARING,
        {
            "en": "Partners' knowledge-sharing morning, online (demo)",
            "fr": "Matinée d'échange de connaissances entre partenaires, en ligne (démo)",
            "es": "Mañana de intercambio de conocimientos entre socios, en línea (demo)",
            "tl": "Umaga ng pagbabahagi ng kaalaman ng mga partner, online (demo)",
        },
        {"en": "Demo event for partner staff: what worked this season, referrals between organizations."},
        27,
        dt.time(9, 30),
        3.5,
        ["en", "fr"],
        online_url="https://example.org/demo-meeting",
    ),
]


@dataclass(frozen=True)
class DemoVersion:
    language: str
    url: str
    title: str = ""


@dataclass(frozen=True)
class DemoResource:
    key: str
    kind: str
    title: str
    summary: str
    publisher: str
    org: str | None
    provinces: list[str]
    topics: list[str]
    source_url: str
    versions: list[DemoVersion] = field(default_factory=list)


COOPER_PAGE = "https://www.cooperinstitute.ca/migrant-workers"
TIP_LINE_EN = "https://www.canada.ca/en/employment-social-development/services/foreign-workers/report-abuse.html"
TIP_LINE_TL = "https://www.canada.ca/en/employment-social-development/services/foreign-workers/report-abuse-tl.html"

RESOURCES: list[DemoResource] = [
    DemoResource(
        "cooper-guide",
        ResourceKind.GUIDE,
        "Guide for migrant workers in PEI: status, work permits and rights",
        "Plain-language guide for workers in the Temporary Foreign Worker Program and the Seasonal Agricultural "
        "Worker Program in PEI, with resource lists. In English, Spanish and Chinese (Simplified).",
        "Cooper Institute",
        "cooper-institute",
        ["PE"],
        ["rights-info", "immigration-permits"],
        "https://www.cooperinstitute.ca/guide-for-migrant-workers-en",
        [
            DemoVersion("en", "https://www.cooperinstitute.ca/guide-for-migrant-workers-en"),
            DemoVersion("es", COOPER_PAGE, "Versión en español (página de Cooper Institute)"),
            DemoVersion("zh", COOPER_PAGE, "简体中文版 (Cooper Institute 网页)"),
        ],
    ),
    DemoResource(
        "cooper-life-guide",
        ResourceKind.GUIDE,
        "Guide for migrant workers in PEI: housing and everyday life",
        "Housing and everyday life in PEI, with contacts for housing problems. In English, Spanish and Chinese "
        "(Simplified).",
        "Cooper Institute",
        "cooper-institute",
        ["PE"],
        ["housing", "settlement"],
        "https://www.cooperinstitute.ca/guide-for-migrant-workers-life-en",
        [
            DemoVersion("en", "https://www.cooperinstitute.ca/guide-for-migrant-workers-life-en"),
            DemoVersion("es", COOPER_PAGE, "Versión en español (página de Cooper Institute)"),
            DemoVersion("zh", COOPER_PAGE, "简体中文版 (Cooper Institute 网页)"),
        ],
    ),
    DemoResource(
        "esdc-report-abuse",
        ResourceKind.WEB_PAGE,
        "Report abuse or mistreatment of a temporary foreign worker",
        "How to report abuse to the confidential tip line (1-866-602-9448, live agents in 200 languages) or the "
        "online forms. Reports can be anonymous. Also published in other languages, such as Tagalog.",
        "Employment and Social Development Canada",
        None,
        [],
        ["complaints", "labour-rights"],
        TIP_LINE_TL,
        [DemoVersion("en", TIP_LINE_EN), DemoVersion("tl", TIP_LINE_TL)],
    ),
    DemoResource(
        "ns-foreign-worker-fact-sheet",
        ResourceKind.FACT_SHEET,
        "Foreign workers: Labour Standards fact sheet (Nova Scotia)",
        "Protections for foreign workers under Nova Scotia's Labour Standards Code: no recruitment fees, no "
        "taking passports or work permits, licensed recruiters, registered employers.",
        "Nova Scotia Labour Standards",
        "ns-labour-standards",
        ["NS"],
        ["labour-rights", "recruitment-fees"],
        "https://novascotia.ca/lae/employmentrights/FW/ForeignWorker_Fact_Sheet.asp",
        [DemoVersion("en", "https://novascotia.ca/lae/employmentrights/FW/ForeignWorker_Fact_Sheet.asp")],
    ),
    DemoResource(
        "ns-foreign-workers-code",
        ResourceKind.WEB_PAGE,
        "Foreign workers and the Labour Standards Code (Nova Scotia)",
        "What the Labour Standards Code says about recruiting and employing foreign workers.",
        "Nova Scotia Labour Standards",
        "ns-labour-standards",
        ["NS"],
        ["labour-rights", "recruitment-fees"],
        "https://novascotia.ca/lae/employmentrights/FW/ForeignWorkers_LabourStandardsCode.asp",
        [DemoVersion("en", "https://novascotia.ca/lae/employmentrights/FW/ForeignWorkers_LabourStandardsCode.asp")],
    ),
    DemoResource(
        "cmwr-wcb-guide",
        ResourceKind.GUIDE,
        "Workers' compensation guide for seasonal agricultural workers (Nova Scotia)",
        "How workers' compensation works for SAWP workers in Nova Scotia: claims, benefits, treatment and appeals.",
        "Centre for Migrant Worker Rights Nova Scotia",
        "cmwr-ns",
        ["NS"],
        ["workers-compensation"],
        "https://noii-hfx.squarespace.com/wcb-en",
        [DemoVersion("en", "https://noii-hfx.squarespace.com/wcb-en")],
    ),
    DemoResource(
        "tfwmaritimes-reports",
        ResourceKind.REPORT,
        "Migrant Workers in the Canadian Maritimes: research reports",
        "Reports on the Seasonal Agricultural Worker Program in Nova Scotia, seafood workers in New Brunswick, and "
        "temporary foreign workers' health, safety and permanent residency in PEI (PEI COVID report also in "
        "Spanish).",
        "Dalhousie University, St. Thomas University and Cooper Institute",
        None,
        ["NS", "NB", "PE"],
        ["rights-info", "workplace-safety"],
        "https://tfwmaritimes.ca",
        [DemoVersion("en", "https://tfwmaritimes.ca")],
    ),
    DemoResource(
        "pei-tfw-protection-act",
        ResourceKind.WEB_PAGE,
        "Temporary Foreign Worker Protection Act (Prince Edward Island)",
        "Since 1 April 2025, recruiters and employers may not charge recruitment fees, keep passports or documents, "
        "misrepresent jobs or threaten deportation; recruiters must be licensed.",
        "Government of Prince Edward Island",
        None,
        ["PE"],
        ["recruitment-fees", "labour-rights"],
        "https://princeedwardisland.ca/en/information/workforce-advanced-learning-and-population/"
        "temporary-foreign-worker-protection-act",
        [
            DemoVersion(
                "en",
                "https://princeedwardisland.ca/en/information/workforce-advanced-learning-and-population/"
                "temporary-foreign-worker-protection-act",
            )
        ],
    ),
    DemoResource(
        "pei-formal-complaint",
        ResourceKind.WEB_PAGE,
        "File a formal complaint under the PEI Employment Standards Act",
        "Free formal complaints, investigated by an inspector.",
        "PEI Employment Standards",
        "pei-employment-standards",
        ["PE"],
        ["complaints"],
        "https://www.princeedwardisland.ca/en/service/file-a-formal-complaint-under-the-pei-employment-standards-act-non-union",
        [
            DemoVersion(
                "en",
                "https://www.princeedwardisland.ca/en/service/"
                "file-a-formal-complaint-under-the-pei-employment-standards-act-non-union",
            )
        ],
    ),
    DemoResource(
        "nb-foreign-workers",
        ResourceKind.WEB_PAGE,
        "Foreign workers: employment standards in New Brunswick",
        "Employers must be on the registry of employers of foreign workers and may not threaten deportation, take "
        "identity documents or work permits, or recover ineligible recruitment costs.",
        "New Brunswick Employment Standards",
        "nb-employment-standards",
        ["NB"],
        ["labour-rights", "recruitment-fees"],
        "https://www.gnb.ca/en/topic/jobs-workplaces/labour-market-workforce/employment-standards/foreign-workers.html",
        [
            DemoVersion(
                "en",
                "https://www.gnb.ca/en/topic/jobs-workplaces/labour-market-workforce/employment-standards/"
                "foreign-workers.html",
            )
        ],
    ),
    DemoResource(
        "madhu-workers-rights",
        ResourceKind.WEB_PAGE,
        "Workers' rights (Madhu Verma Migrant Justice Centre)",
        "Help asserting rights at work and filing complaints in New Brunswick; English and French pages.",
        "Madhu Verma Migrant Justice Centre",
        "madhu-centre",
        ["NB"],
        ["labour-rights", "complaints"],
        "https://www.madhucentre.ca/workers-rights",
        [
            DemoVersion("en", "https://www.madhucentre.ca/workers-rights"),
            DemoVersion("fr", "https://www.madhucentre.ca/services-fr", "Services (en français)"),
        ],
    ),
    DemoResource(
        "isans-tfw-program",
        ResourceKind.WEB_PAGE,
        "ISANS Temporary Foreign Worker Support Program (Nova Scotia)",
        "Counselling and referrals for temporary foreign workers across Nova Scotia, with a Labour Standards guide "
        "and information on health and safety and the right to refuse unsafe work.",
        "Immigrant Services Association of Nova Scotia",
        "isans",
        ["NS"],
        ["labour-rights", "ohs"],
        "https://www.isans.ca/get-settled/temporary-foreign-worker-support-program/",
        [DemoVersion("en", "https://www.isans.ca/get-settled/temporary-foreign-worker-support-program/")],
    ),
]


def _organization(key: str | None) -> Organization | None:
    if key is None:
        return None
    return Organization.objects.filter(pk=_org_id(key)).first()


def _load_events(today: dt.date) -> int:
    count = 0
    for data in EVENTS:
        organization = _organization(data.org)
        if organization is None:
            continue  # the directory's demo data is not loaded
        starts = dt.datetime.combine(today + dt.timedelta(days=data.days_ahead), data.start, tzinfo=ATLANTIC)
        event = Event.objects.filter(pk=_id("event", data.key)).first() or Event(pk=_id("event", data.key))
        event.organization = organization
        event.kind = data.kind
        event.province = data.province
        event.languages = data.languages
        event.place_name = data.place_name
        event.address = data.address
        event.online_url = data.online_url
        event.capacity = data.capacity
        event.starts_at = starts
        event.ends_at = starts + dt.timedelta(hours=data.hours)
        event.is_published = True
        for lang in CONTENT_LANGUAGES:
            setattr(event, f"title_{lang}", data.title.get(lang, ""))
            setattr(event, f"description_{lang}", data.description.get(lang, ""))
        save_event(event)
        count += 1
    return count


def _load_resources() -> int:
    for data in RESOURCES:
        resource, _ = Resource.objects.update_or_create(
            pk=_id("resource", data.key),
            defaults={
                "kind": data.kind,
                "title_en": data.title,
                "summary_en": data.summary,
                "publisher": data.publisher,
                "organization": _organization(data.org),
                "source_url": data.source_url,
                "is_published": True,
            },
        )
        resource.set_provinces(data.provinces)
        resource.save(update_fields=["provinces"])
        resource.topics.set(TaxonomyTerm.objects.filter(code__in=data.topics))
        for version in data.versions:
            ResourceVersion.objects.update_or_create(
                pk=_id("resource-version", f"{data.key}:{version.language}"),
                defaults={
                    "resource": resource,
                    "language": version.language,
                    "url": version.url,
                    "title": version.title,
                },
            )
    return len(RESOURCES)


def load(log: Callable[[str], None]) -> None:
    with translation.override("en"):
        events = _load_events(timezone.localdate())
        resources = _load_resources()
    log(f"outreach: {events} demo events, {resources} resources")
