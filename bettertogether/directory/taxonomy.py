"""The service taxonomy of migrant-worker needs (design.md §8), with stable ids.

Slugs are the identity of a term: they never change and are never translated. Ids are uuid5 of a
fixed namespace, so every database, export and HSDS exchange names the same term the same way.
`ensure_taxonomy()` writes the terms (idempotent); docs/taxonomy.md lists the ids.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction

from .models import Taxonomy, TaxonomyTerm

# Fixed namespace of every id the platform derives (taxonomy terms, demo records). Never change it.
BT_NAMESPACE = uuid.UUID("6f1c2a52-3b8e-5d47-9c0a-2e6b7d5f8a41")

TAXONOMY_NAME = "Better Together migrant worker needs"
TAXONOMY_ID = uuid.uuid5(BT_NAMESPACE, "taxonomy:migrant-worker-needs")
TAXONOMY_VERSION = "1"


def term_id(slug: str) -> uuid.UUID:
    return uuid.uuid5(BT_NAMESPACE, f"taxonomy-term:{slug}")


# (name, description) per language code.
Text = dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Term:
    slug: str
    text: Text
    children: tuple[Term, ...] = field(default=())

    @property
    def id(self) -> uuid.UUID:
        return term_id(self.slug)


TERMS: tuple[Term, ...] = (
    Term(
        "rights-info",
        {
            "en": ("Rights information", "Know your rights at work and in Canada, and how to act on them."),
            "fr": (
                "Information sur les droits",
                "Connaître vos droits au travail et au Canada, et comment les faire respecter.",
            ),
            "es": (
                "Información sobre derechos",
                "Conozca sus derechos en el trabajo y en Canadá, y cómo hacerlos valer.",
            ),
            "tl": (
                "Impormasyon tungkol sa mga karapatan",
                "Alamin ang iyong mga karapatan sa trabaho at sa Canada, at kung paano ipaglaban ang mga ito.",
            ),
        },
        (
            Term(
                "labour-rights",
                {
                    "en": ("Labour rights", "Wages, hours, time off, and what an employer may and may not do."),
                    "fr": (
                        "Droits du travail",
                        "Salaire, heures, congés, et ce qu'un employeur a le droit ou non de faire.",
                    ),
                    "es": (
                        "Derechos laborales",
                        "Salario, horas, días libres y lo que un empleador puede y no puede hacer.",
                    ),
                    "tl": (
                        "Mga karapatan sa paggawa",
                        "Sahod, oras ng trabaho, day off, at kung ano ang puwede at hindi puwedeng gawin ng employer.",
                    ),
                },
            ),
            Term(
                "complaints",
                {
                    "en": ("Complaints", "Help filing a complaint about pay, treatment or working conditions."),
                    "fr": (
                        "Plaintes",
                        "Aide pour déposer une plainte sur le salaire, le traitement ou les conditions de travail.",
                    ),
                    "es": (
                        "Quejas y denuncias",
                        "Ayuda para presentar una queja sobre el pago, el trato o las condiciones de trabajo.",
                    ),
                    "tl": (
                        "Mga reklamo",
                        "Tulong sa paghahain ng reklamo tungkol sa sahod, pagtrato o kalagayan sa trabaho.",
                    ),
                },
            ),
            Term(
                "recruitment-fees",
                {
                    "en": (
                        "Recruitment fees",
                        "Fees charged to workers to get a job or be recruited, and where to get help.",
                    ),
                    "fr": (
                        "Frais de recrutement",
                        "Frais exigés des travailleurs pour obtenir un emploi ou être recrutés, "
                        "et où trouver de l'aide.",
                    ),
                    "es": (
                        "Cobros por reclutamiento",
                        "Cobros a los trabajadores por conseguir un empleo o ser reclutados, y dónde pedir ayuda.",
                    ),
                    "tl": (
                        "Bayad sa recruitment",
                        "Mga singil sa manggagawa para makakuha ng trabaho o ma-recruit, at saan hihingi ng tulong.",
                    ),
                },
            ),
        ),
    ),
    Term(
        "health",
        {
            "en": ("Health", "Health care and health coverage."),
            "fr": ("Santé", "Soins de santé et couverture médicale."),
            "es": ("Salud", "Atención médica y cobertura de salud."),
            "tl": ("Kalusugan", "Pangangalagang pangkalusugan at health coverage."),
        },
        (
            Term(
                "clinics",
                {
                    "en": ("Clinics", "Clinics and places to see a doctor or nurse."),
                    "fr": ("Cliniques", "Cliniques et lieux où consulter un médecin ou une infirmière."),
                    "es": ("Clínicas", "Clínicas y lugares para ver a un médico o a una enfermera."),
                    "tl": ("Mga klinika", "Mga klinika at lugar kung saan makakapagpatingin sa doktor o nars."),
                },
            ),
            Term(
                "mental-health",
                {
                    "en": ("Mental health", "Support for stress, anxiety, loneliness and other mental health needs."),
                    "fr": (
                        "Santé mentale",
                        "Soutien en cas de stress, d'anxiété ou de solitude, "
                        "et pour d'autres besoins en santé mentale.",
                    ),
                    "es": (
                        "Salud mental",
                        "Apoyo para el estrés, la ansiedad, la soledad y otras necesidades de salud mental.",
                    ),
                    "tl": (
                        "Kalusugan ng isip",
                        "Suporta para sa stress, pagkabalisa, kalungkutan at iba pang pangangailangan "
                        "sa kalusugan ng isip.",
                    ),
                },
            ),
            Term(
                "health-cards",
                {
                    "en": ("Health cards", "Getting a provincial health card and health coverage."),
                    "fr": ("Cartes santé", "Obtenir une carte santé provinciale et une couverture médicale."),
                    "es": ("Tarjetas de salud", "Cómo obtener la tarjeta de salud provincial y cobertura médica."),
                    "tl": ("Health card", "Pagkuha ng provincial health card at health coverage."),
                },
            ),
        ),
    ),
    Term(
        "housing",
        {
            "en": ("Housing", "Housing problems, rent, and housing provided by the employer."),
            "fr": ("Logement", "Problèmes de logement, loyer et logement fourni par l'employeur."),
            "es": ("Vivienda", "Problemas de vivienda, alquiler y vivienda proporcionada por el empleador."),
            "tl": ("Pabahay", "Mga problema sa tirahan, upa, at pabahay na ibinibigay ng employer."),
        },
    ),
    Term(
        "legal",
        {
            "en": ("Legal help", "Legal advice and representation."),
            "fr": ("Services juridiques", "Conseils juridiques et représentation."),
            "es": ("Ayuda legal", "Asesoría legal y representación."),
            "tl": ("Tulong legal", "Legal na payo at representasyon."),
        },
        (
            Term(
                "legal-aid",
                {
                    "en": ("Legal aid", "Free or low-cost legal services for people with low income."),
                    "fr": (
                        "Aide juridique",
                        "Services juridiques gratuits ou à faible coût pour les personnes à faible revenu.",
                    ),
                    "es": (
                        "Asistencia jurídica gratuita",
                        "Servicios legales gratuitos o de bajo costo para personas de bajos ingresos.",
                    ),
                    "tl": ("Legal aid", "Libre o murang serbisyong legal para sa mga may mababang kita."),
                },
            ),
            Term(
                "immigration-permits",
                {
                    "en": ("Immigration and permits", "Work permits, immigration status and permanent residence."),
                    "fr": (
                        "Immigration et permis",
                        "Permis de travail, statut d'immigration et résidence permanente.",
                    ),
                    "es": (
                        "Inmigración y permisos",
                        "Permisos de trabajo, estatus migratorio y residencia permanente.",
                    ),
                    "tl": (
                        "Imigrasyon at mga permit",
                        "Work permit, immigration status at permanent residence.",
                    ),
                },
            ),
            Term(
                "vulnerable-worker-permits",
                {
                    "en": (
                        "Open work permits for vulnerable workers",
                        "Help applying for an open work permit if you are abused at work or at risk of abuse.",
                    ),
                    "fr": (
                        "Permis de travail ouverts pour travailleurs vulnérables",
                        "Aide pour demander un permis de travail ouvert si vous subissez des abus au travail "
                        "ou risquez d'en subir.",
                    ),
                    "es": (
                        "Permisos de trabajo abiertos para trabajadores vulnerables",
                        "Ayuda para solicitar un permiso de trabajo abierto si sufre abusos en el trabajo "
                        "o corre riesgo de sufrirlos.",
                    ),
                    "tl": (
                        "Open work permit para sa mga bulnerableng manggagawa",
                        "Tulong sa pag-aplay ng open work permit kung inaabuso ka sa trabaho o nanganganib kang "
                        "abusuhin.",
                    ),
                },
            ),
        ),
    ),
    Term(
        "workplace-safety",
        {
            "en": ("Workplace safety", "Safety at work, injuries and the right to refuse unsafe work."),
            "fr": (
                "Sécurité au travail",
                "Sécurité au travail, blessures et droit de refuser un travail dangereux.",
            ),
            "es": (
                "Seguridad en el trabajo",
                "Seguridad laboral, lesiones y el derecho a negarse a hacer un trabajo peligroso.",
            ),
            "tl": (
                "Kaligtasan sa trabaho",
                "Kaligtasan sa trabaho, mga pinsala, at ang karapatang tumanggi sa mapanganib na trabaho.",
            ),
        },
        (
            Term(
                "ohs",
                {
                    "en": ("Occupational health and safety", "Questions and complaints about unsafe work."),
                    "fr": ("Santé et sécurité au travail", "Questions et plaintes au sujet d'un travail dangereux."),
                    "es": ("Salud y seguridad laboral", "Preguntas y quejas sobre trabajos peligrosos."),
                    "tl": (
                        "Kalusugan at kaligtasan sa trabaho",
                        "Mga tanong at reklamo tungkol sa mapanganib na trabaho.",
                    ),
                },
            ),
            Term(
                "workers-compensation",
                {
                    "en": (
                        "Workers' compensation",
                        "Benefits and treatment after a work injury or illness, and appeals.",
                    ),
                    "fr": (
                        "Indemnisation des travailleurs",
                        "Prestations et soins après une blessure ou une maladie liée au travail, et appels.",
                    ),
                    "es": (
                        "Compensación por accidentes de trabajo",
                        "Beneficios y tratamiento después de una lesión o enfermedad laboral, y apelaciones.",
                    ),
                    "tl": (
                        "Workers' compensation",
                        "Benepisyo at pagpapagamot pagkatapos ng pinsala o sakit dahil sa trabaho, at mga apela.",
                    ),
                },
            ),
        ),
    ),
    Term(
        "language",
        {
            "en": ("Language", "Learning English or French, and help in your own language."),
            "fr": ("Langues", "Apprendre l'anglais ou le français, et obtenir de l'aide dans votre langue."),
            "es": ("Idiomas", "Aprender inglés o francés, y recibir ayuda en su propio idioma."),
            "tl": ("Wika", "Pag-aaral ng Ingles o Pranses, at tulong sa sarili mong wika."),
        },
        (
            Term(
                "language-classes",
                {
                    "en": ("Language classes", "English and French classes and conversation groups."),
                    "fr": ("Cours de langue", "Cours d'anglais et de français et groupes de conversation."),
                    "es": ("Clases de idiomas", "Clases de inglés y francés y grupos de conversación."),
                    "tl": ("Mga klase sa wika", "Mga klase sa Ingles at Pranses at mga conversation group."),
                },
            ),
            Term(
                "interpretation",
                {
                    "en": ("Interpretation and translation", "An interpreter or translated documents."),
                    "fr": ("Interprétation et traduction", "Un interprète ou des documents traduits."),
                    "es": ("Interpretación y traducción", "Un intérprete o documentos traducidos."),
                    "tl": ("Interpretasyon at pagsasalin", "Interpreter o mga isinaling dokumento."),
                },
            ),
        ),
    ),
    Term(
        "settlement",
        {
            "en": ("Settlement", "Help settling in: services, paperwork and everyday life."),
            "fr": ("Établissement", "Aide à l'installation : services, démarches et vie quotidienne."),
            "es": ("Instalación y asentamiento", "Ayuda para instalarse: servicios, trámites y vida diaria."),
            "tl": (
                "Pag-aayos ng paninirahan",
                "Tulong sa pagsisimula ng buhay dito: mga serbisyo, papeles at pang-araw-araw na pamumuhay.",
            ),
        },
        (
            Term(
                "orientation",
                {
                    "en": ("Orientation", "Information about life, services and rules in Canada and the province."),
                    "fr": (
                        "Orientation",
                        "Information sur la vie, les services et les règles au Canada et dans la province.",
                    ),
                    "es": (
                        "Orientación",
                        "Información sobre la vida, los servicios y las normas en Canadá y en la provincia.",
                    ),
                    "tl": (
                        "Oryentasyon",
                        "Impormasyon tungkol sa buhay, mga serbisyo at mga patakaran sa Canada at sa probinsya.",
                    ),
                },
            ),
            Term(
                "tax",
                {
                    "en": ("Taxes", "Filing a tax return and getting benefits and refunds."),
                    "fr": (
                        "Impôts",
                        "Produire une déclaration de revenus et obtenir des prestations et des remboursements.",
                    ),
                    "es": ("Impuestos", "Presentar la declaración de impuestos y recibir beneficios y reembolsos."),
                    "tl": ("Buwis", "Pag-file ng income tax return at pagkuha ng mga benepisyo at refund."),
                },
            ),
            Term(
                "banking",
                {
                    "en": ("Banking and money", "Bank accounts, sending money home and managing money."),
                    "fr": (
                        "Banque et argent",
                        "Comptes bancaires, envoi d'argent à la famille et gestion du budget.",
                    ),
                    "es": ("Banco y dinero", "Cuentas bancarias, envío de dinero a casa y manejo del dinero."),
                    "tl": ("Bangko at pera", "Bank account, pagpapadala ng pera sa pamilya at pamamahala ng pera."),
                },
            ),
        ),
    ),
    Term(
        "employment",
        {
            "en": ("Employment", "Job search, changing employers and employment services."),
            "fr": ("Emploi", "Recherche d'emploi, changement d'employeur et services d'emploi."),
            "es": ("Empleo", "Búsqueda de empleo, cambio de empleador y servicios de empleo."),
            "tl": ("Trabaho", "Paghahanap ng trabaho, paglipat ng employer at mga serbisyo sa trabaho."),
        },
    ),
    Term(
        "community",
        {
            "en": ("Community", "Meeting people and taking part in community life."),
            "fr": ("Communauté", "Rencontrer des gens et participer à la vie communautaire."),
            "es": ("Comunidad", "Conocer gente y participar en la vida de la comunidad."),
            "tl": ("Komunidad", "Pakikipagkilala sa ibang tao at pakikilahok sa buhay ng komunidad."),
        },
        (
            Term(
                "social",
                {
                    "en": ("Social events", "Meals, gatherings and chances to meet other workers."),
                    "fr": ("Activités sociales", "Repas, rencontres et occasions de connaître d'autres travailleurs."),
                    "es": (
                        "Actividades sociales",
                        "Comidas, reuniones y oportunidades para conocer a otros trabajadores.",
                    ),
                    "tl": (
                        "Mga pagtitipon",
                        "Mga salu-salo, pagtitipon at pagkakataong makilala ang ibang manggagawa.",
                    ),
                },
            ),
            Term(
                "cultural",
                {
                    "en": ("Cultural activities", "Cultural associations, celebrations and events."),
                    "fr": ("Activités culturelles", "Associations culturelles, fêtes et événements."),
                    "es": ("Actividades culturales", "Asociaciones culturales, celebraciones y eventos."),
                    "tl": ("Mga gawaing pangkultura", "Mga samahang pangkultura, pagdiriwang at mga kaganapan."),
                },
            ),
            Term(
                "recreational",
                {
                    "en": ("Recreation and sport", "Sports, outings and leisure activities."),
                    "fr": ("Loisirs et sports", "Sports, sorties et activités de loisirs."),
                    "es": ("Recreación y deporte", "Deportes, paseos y actividades de ocio."),
                    "tl": ("Libangan at isports", "Isports, pamamasyal at mga gawaing panlibangan."),
                },
            ),
            Term(
                "faith",
                {
                    "en": ("Faith communities", "Places of worship and faith groups."),
                    "fr": ("Communautés religieuses", "Lieux de culte et groupes religieux."),
                    "es": ("Comunidades de fe", "Lugares de culto y grupos religiosos."),
                    "tl": (
                        "Mga komunidad ng pananampalataya",
                        "Mga lugar ng pagsamba at mga grupong panrelihiyon.",
                    ),
                },
            ),
        ),
    ),
    Term(
        "emergency",
        {
            "en": ("Emergency help", "Urgent help with food, shelter, money or transport."),
            "fr": ("Aide d'urgence", "Aide urgente pour la nourriture, l'hébergement, l'argent ou le transport."),
            "es": ("Ayuda de emergencia", "Ayuda urgente con comida, alojamiento, dinero o transporte."),
            "tl": (
                "Tulong pang-emerhensiya",
                "Agarang tulong sa pagkain, matutuluyan, pera o transportasyon.",
            ),
        },
        (
            Term(
                "food",
                {
                    "en": ("Food", "Food banks, food boxes and meals."),
                    "fr": ("Alimentation", "Banques alimentaires, paniers de nourriture et repas."),
                    "es": ("Alimentos", "Bancos de alimentos, cajas de comida y comidas."),
                    "tl": ("Pagkain", "Food bank, food box at mga pagkain."),
                },
            ),
            Term(
                "shelter",
                {
                    "en": ("Shelter", "A safe place to stay tonight, or when you must leave your housing."),
                    "fr": (
                        "Hébergement d'urgence",
                        "Un endroit sûr où dormir ce soir, ou si vous devez quitter votre logement.",
                    ),
                    "es": ("Refugio", "Un lugar seguro para pasar la noche, o si tiene que dejar su vivienda."),
                    "tl": (
                        "Matutuluyan",
                        "Ligtas na matutuluyan ngayong gabi, o kung kailangan mong umalis sa iyong tirahan.",
                    ),
                },
            ),
            Term(
                "emergency-funds",
                {
                    "en": ("Emergency funds", "Emergency money for urgent needs."),
                    "fr": ("Fonds d'urgence", "Aide financière d'urgence pour des besoins pressants."),
                    "es": ("Fondos de emergencia", "Dinero de emergencia para necesidades urgentes."),
                    "tl": ("Pondong pang-emerhensiya", "Perang pang-emerhensiya para sa agarang pangangailangan."),
                },
            ),
            Term(
                "transport",
                {
                    "en": ("Transport", "Rides and help getting to appointments and services."),
                    "fr": ("Transport", "Transport et aide pour se rendre aux rendez-vous et aux services."),
                    "es": ("Transporte", "Traslados y ayuda para llegar a citas y servicios."),
                    "tl": (
                        "Transportasyon",
                        "Sakay at tulong para makarating sa mga appointment at serbisyo.",
                    ),
                },
            ),
        ),
    ),
    Term(
        "helpline",
        {
            "en": ("Helplines", "Phone, text and WhatsApp lines for information and help."),
            "fr": ("Lignes d'aide", "Lignes téléphoniques, texto et WhatsApp pour de l'information et de l'aide."),
            "es": (
                "Líneas de ayuda",
                "Líneas de teléfono, mensajes de texto y WhatsApp para información y ayuda.",
            ),
            "tl": ("Mga helpline", "Mga linya sa telepono, text at WhatsApp para sa impormasyon at tulong."),
        },
    ),
)

TOP_LEVEL_SLUGS: tuple[str, ...] = tuple(t.slug for t in TERMS)


def all_terms() -> list[tuple[Term, Term | None]]:
    """Every term with its parent (None for top-level), parents first, in display order."""
    out: list[tuple[Term, Term | None]] = []
    for top in TERMS:
        out.append((top, None))
        out.extend((child, top) for child in top.children)
    return out


ALL_SLUGS: frozenset[str] = frozenset(t.slug for t, _ in all_terms())


@transaction.atomic
def ensure_taxonomy() -> dict[str, uuid.UUID]:
    """Create or update the taxonomy and its terms; return slug → term id. Running twice changes nothing."""
    Taxonomy.objects.update_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": TAXONOMY_NAME,
            "description": "Needs of migrant workers in Nova Scotia, New Brunswick and Prince Edward Island.",
            "version": TAXONOMY_VERSION,
        },
    )
    ids: dict[str, uuid.UUID] = {}
    for order, (term, parent) in enumerate(all_terms()):
        defaults: dict[str, object] = {
            "taxonomy_id": TAXONOMY_ID,
            "code": term.slug,
            "parent_id": parent.id if parent else None,
            "sort_order": order,
            "language": "",
        }
        for lang, (name, description) in term.text.items():
            defaults[f"name_{lang}"] = name
            defaults[f"description_{lang}"] = description
        defaults["name"] = term.text["en"][0]
        defaults["description"] = term.text["en"][1]
        TaxonomyTerm.objects.update_or_create(id=term.id, defaults=defaults)
        ids[term.slug] = term.id
    return ids
