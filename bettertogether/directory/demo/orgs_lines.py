"""Rows 29–33 of maritime-orgs.md: the federal tip line and the 211 lines."""

from __future__ import annotations

from .records import (
    EVERY_DAY,
    FEDERAL,
    NB,
    NS,
    PE,
    WEEKDAYS,
    HoursData,
    OrganizationData,
    PhoneData,
    ServiceData,
)

LINES: tuple[OrganizationData, ...] = (
    # ── E. Federal and 211 lines ────────────────────────────────────────────────────────────────
    OrganizationData(
        row=29,
        key="esdc",
        name={
            "en": "Employment and Social Development Canada / Service Canada",
            "fr": "Emploi et Développement social Canada / Service Canada",
            "es": "Empleo y Desarrollo Social Canadá / Service Canada",
            "tl": "Employment and Social Development Canada / Service Canada",
        },
        alternate_name="ESDC",
        description={
            "en": "Federal department responsible for the Temporary Foreign Worker Program.",
            "fr": "Ministère fédéral responsable du Programme des travailleurs étrangers temporaires.",
            "es": "Ministerio federal responsable del Programa de Trabajadores Extranjeros Temporales.",
            "tl": "Pederal na departamentong namamahala sa Temporary Foreign Worker Program.",
        },
        website="https://www.canada.ca/en/employment-social-development/services/foreign-workers/report-abuse.html",
        sources=(
            "https://www.canada.ca/en/employment-social-development/services/foreign-workers/report-abuse-tl.html",
            "https://www.infotetquebec.com/en/report-abuse/",
            "https://www.infotetquebec.com/en/new-tools-to-support-workers-of-the-temporary-foreign-worker-program/",
        ),
        services=(
            ServiceData(
                key="esdc-tip-line",
                name={
                    "en": "Confidential tip line for abuse of temporary foreign workers",
                    "fr": "Ligne confidentielle de signalement des mauvais traitements envers les travailleurs "
                    "étrangers temporaires",
                    "es": "Línea confidencial para denunciar abusos contra trabajadores extranjeros temporales",
                    "tl": "Kumpidensyal na linya para mag-ulat ng pang-aabuso sa mga temporary foreign worker",
                },
                description={
                    "en": "Report threats, bullying or abuse; threats to your immigration status; being kept "
                    "from leaving the work site or housing; an employer holding your passport; wrong pay or "
                    "time off; a job different from the one in the LMIA. Reports can be anonymous, the employer "
                    "is never told who reported, and the caller is not told the status of the report. Online "
                    "forms: one for workers and the public, one for consulates and support groups.",
                    "fr": "Signalez les menaces, l'intimidation ou les mauvais traitements; les menaces contre "
                    "votre statut d'immigration; le fait d'être empêché de quitter le lieu de travail ou le "
                    "logement; un employeur qui garde votre passeport; un salaire ou des congés incorrects; un "
                    "emploi différent de celui de l'EIMT. Le signalement peut être anonyme, l'employeur ne sait "
                    "jamais qui a fait le signalement, et la personne qui appelle n'est pas informée des suites "
                    "données. Formulaires en ligne : un pour les travailleurs et le public, un pour les "
                    "consulats et les organismes de soutien.",
                    "es": "Denuncie amenazas, acoso o abusos; amenazas contra su estatus migratorio; que le "
                    "impidan salir del lugar de trabajo o de la vivienda; que el empleador se quede con su "
                    "pasaporte; pagos o días libres incorrectos; un trabajo distinto del que figura en la LMIA. "
                    "Las denuncias pueden ser anónimas, nunca se le dice al empleador quién denunció y a quien "
                    "llama no se le informa del estado de la denuncia. Formularios en línea: uno para "
                    "trabajadores y el público, y otro para consulados y organizaciones de apoyo.",
                    "tl": "Iulat ang pagbabanta, pambu-bully o pang-aabuso; pagbabanta sa iyong immigration "
                    "status; pagpigil sa iyo na umalis sa lugar ng trabaho o tirahan; pagkuha ng employer sa "
                    "iyong pasaporte; maling sahod o day off; trabahong iba sa nakasaad sa LMIA. Puwedeng hindi "
                    "ka magpakilala, hindi kailanman sasabihin sa employer kung sino ang nag-ulat, at hindi "
                    "sasabihin sa tumawag ang estado ng ulat. May mga online form: isa para sa mga manggagawa at "
                    "sa publiko, at isa para sa mga konsulado at grupong sumusuporta.",
                },
                categories=("helpline", "rights-info", "labour-rights", "complaints"),
                areas=FEDERAL,
                phones=(PhoneData("1-866-602-9448", description="24/7; live agents Monday to Friday"),),
                hours=(
                    HoursData(WEEKDAYS, "07:30", "21:00", "Live agents (6:30 a.m. to 8:00 p.m. Eastern time)"),
                    HoursData(EVERY_DAY, "00:00", "24:00", "Leave a message at any time"),
                ),
                languages=(("mul", "Live agents in 200 languages"),),
                alert={
                    "en": "The Madhu Centre says that, in its experience, a caller's identity \"is not "
                    'necessarily protected". Consider talking to a support organization first.',
                    "fr": "Selon l'expérience du Centre Madhu, l'identité de la personne qui appelle « n'est pas "
                    "nécessairement protégée ». Pensez à parler d'abord à un organisme de soutien.",
                    "es": "Según la experiencia del Centro Madhu, la identidad de quien llama «no está "
                    "necesariamente protegida». Considere hablar primero con una organización de apoyo.",
                    "tl": 'Ayon sa karanasan ng Madhu Centre, ang pagkakakilanlan ng tumatawag ay "hindi '
                    'tiyak na protektado". Isiping makipag-usap muna sa isang organisasyong sumusuporta.',
                },
                url="https://www.canada.ca/en/employment-social-development/services/foreign-workers/report-abuse.html",
            ),
        ),
    ),
    OrganizationData(
        row=31,
        key="211-ns",
        name={"en": "211 Nova Scotia", "fr": "211 Nouvelle-Écosse", "es": "211 Nueva Escocia", "tl": "211 Nova Scotia"},
        description={
            "en": "Launched on February 11, 2013; handled more than 79,000 contacts in 2023.",
            "fr": "Lancé le 11 février 2013; a traité plus de 79 000 demandes en 2023.",
            "es": "Creado el 11 de febrero de 2013; atendió más de 79 000 contactos en 2023.",
            "tl": "Inilunsad noong Pebrero 11, 2013; mahigit 79,000 contact ang natanggap noong 2023.",
        },
        website="https://ns.211.ca/",
        sources=(
            "http://thechronicleherald.ca/halifaxcitizen/1451746-211-service-expands-to-target-millennials",
            "https://www.thechronicleherald.ca/more/custom-content/when-nova-scotians-dont-know-where-to-turn-help-starts-with-211-550917/",
            "http://ns.211.ca/about_us/history",
            "https://ns.211.ca/2025-q1/",
        ),
        services=(
            ServiceData(
                key="211-ns-line",
                name={
                    "en": "211 information and referral line",
                    "fr": "Ligne d'information et de référence 211",
                    "es": "Línea 211 de información y referencias",
                    "tl": "211 linya para sa impormasyon at referral",
                },
                description={
                    "en": "Free, confidential information and referral to community, health, social and "
                    "government services. Call 2-1-1, text 21167 or chat on the website, 24 hours a day, "
                    "365 days a year.",
                    "fr": "Information et référence gratuites et confidentielles vers les services "
                    "communautaires, de santé, sociaux et gouvernementaux. Composez le 2-1-1, textez au 21167 "
                    "ou clavardez sur le site Web, 24 heures sur 24, 365 jours par année.",
                    "es": "Información y referencias gratuitas y confidenciales sobre servicios comunitarios, "
                    "de salud, sociales y del gobierno. Llame al 2-1-1, envíe un mensaje de texto al 21167 o "
                    "chatee en el sitio web, las 24 horas, los 365 días del año.",
                    "tl": "Libre at kumpidensyal na impormasyon at referral sa mga serbisyo ng komunidad, "
                    "kalusugan, social services at gobyerno. Tumawag sa 2-1-1, mag-text sa 21167 o mag-chat "
                    "sa website, 24 oras araw-araw, buong taon.",
                },
                categories=("helpline", "settlement", "emergency"),
                areas=(NS,),
                phones=(PhoneData("2-1-1", description="24/7"), PhoneData("21167", type="text", description="24/7")),
                hours=(HoursData(EVERY_DAY, "00:00", "24:00", "24/7, 365 days a year"),),
                is_free=True,
                url="https://ns.211.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=32,
        key="211-nb",
        name={
            "en": "211 New Brunswick",
            "fr": "211 Nouveau-Brunswick",
            "es": "211 Nuevo Brunswick",
            "tl": "211 New Brunswick",
        },
        description={
            "en": "Launched in October 2020. Its database was seeded from the Saint John Human Development "
            "Council's records in English and French.",
            "fr": "Lancé en octobre 2020. Sa base de données a été constituée à partir des fiches en anglais "
            "et en français du Saint John Human Development Council.",
            "es": "Creado en octubre de 2020. Su base de datos se creó a partir de los registros en inglés y "
            "francés del Saint John Human Development Council.",
            "tl": "Inilunsad noong Oktubre 2020. Ang database nito ay nagsimula sa mga rekord sa Ingles at "
            "Pranses ng Saint John Human Development Council.",
        },
        website="https://nb.211.ca/",
        sources=(
            "https://www.country94.ca/2021/10/25/211-celebrates-first-anniversary/",
            "https://thebaron.ca/2020/11/10/211-program-expands-to-new-brunswick/",
            "https://issuu.com/sjhdc/docs/atb_final_issue_74",
            "http://211expansion.ca/initial-data-collections-it-took-a-village/",
        ),
        services=(
            ServiceData(
                key="211-nb-line",
                name={
                    "en": "211 information and referral line",
                    "fr": "Ligne d'information et de référence 211",
                    "es": "Línea 211 de información y referencias",
                    "tl": "211 linya para sa impormasyon at referral",
                },
                description={
                    "en": "Information and referral for housing, food, mental health, shelters, seniors' care "
                    "and more, 24 hours a day. Searchable online database.",
                    "fr": "Information et référence pour le logement, l'alimentation, la santé mentale, les "
                    "refuges, les soins aux aînés et plus encore, 24 heures sur 24. Base de données consultable "
                    "en ligne.",
                    "es": "Información y referencias sobre vivienda, alimentos, salud mental, refugios, cuidado "
                    "de personas mayores y más, las 24 horas. Base de datos en línea.",
                    "tl": "Impormasyon at referral tungkol sa pabahay, pagkain, kalusugan ng isip, shelter, "
                    "pangangalaga sa nakatatanda at iba pa, 24 oras. May online database na puwedeng "
                    "hanapan.",
                },
                categories=("helpline", "housing", "food", "mental-health", "shelter", "emergency"),
                areas=(NB,),
                phones=(PhoneData("2-1-1", description="24/7"),),
                hours=(HoursData(EVERY_DAY, "00:00", "24:00", "24/7"),),
                languages=(("en", ""), ("fr", ""), ("mul", "Interpretation in more than 150 languages")),
                url="https://nb.211.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=33,
        key="211-pei",
        name={"en": "211 PEI", "fr": "211 Î.-P.-É.", "es": "211 Isla del Príncipe Eduardo", "tl": "211 PEI"},
        description={
            "en": "Delivered with United Way of PEI; handled 97,781 inquiries in 2021.",
            "fr": "Offert avec Centraide Î.-P.-É.; a traité 97 781 demandes en 2021.",
            "es": "Ofrecido con United Way de la Isla del Príncipe Eduardo; atendió 97 781 consultas en 2021.",
            "tl": "Katuwang ang United Way of PEI; 97,781 na tanong ang natanggap noong 2021.",
        },
        email="help@pe.211.ca",
        sources=(
            "https://www.einpresswire.com/article/562910182/celebrating-211-day",
            "https://amp.cbc.ca/lite/story/1.5014372",
        ),
        services=(
            ServiceData(
                key="211-pei-line",
                name={
                    "en": "211 information and referral line",
                    "fr": "Ligne d'information et de référence 211",
                    "es": "Línea 211 de información y referencias",
                    "tl": "211 linya para sa impormasyon at referral",
                },
                description={
                    "en": "A single point of access to government and community supports: housing, food, "
                    "mental health and financial help. Call or text 2-1-1, 24 hours a day.",
                    "fr": "Un point d'accès unique aux soutiens gouvernementaux et communautaires : logement, "
                    "alimentation, santé mentale et aide financière. Appelez ou textez le 2-1-1, 24 heures "
                    "sur 24.",
                    "es": "Un único punto de acceso a apoyos del gobierno y de la comunidad: vivienda, "
                    "alimentos, salud mental y ayuda económica. Llame o envíe un mensaje de texto al 2-1-1, "
                    "las 24 horas.",
                    "tl": "Iisang daan para sa mga suporta ng gobyerno at komunidad: pabahay, pagkain, "
                    "kalusugan ng isip at tulong pinansyal. Tumawag o mag-text sa 2-1-1, 24 oras.",
                },
                categories=("helpline", "housing", "food", "mental-health", "emergency-funds", "emergency"),
                areas=(PE,),
                phones=(PhoneData("2-1-1", description="24/7"), PhoneData("2-1-1", type="text", description="24/7")),
                hours=(HoursData(EVERY_DAY, "00:00", "24:00", "24/7"),),
                email="help@pe.211.ca",
            ),
        ),
    ),
)
