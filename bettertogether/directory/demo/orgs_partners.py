"""Rows 1–6 of maritime-orgs.md: the six program partners."""

from __future__ import annotations

from .records import (
    NB,
    NS,
    PE,
    OrganizationData,
    PhoneData,
    PlaceData,
    ServiceData,
)

PARTNERS: tuple[OrganizationData, ...] = (
    # ── A. Program partners ─────────────────────────────────────────────────────────────────────
    OrganizationData(
        row=1,
        key="cmwr-ns",
        name={
            "en": "Centre for Migrant Worker Rights Nova Scotia",
            "fr": "Centre pour les droits des travailleurs migrants de la Nouvelle-Écosse",
            "es": "Centro por los Derechos de los Trabajadores Migrantes de Nueva Escocia",
            "tl": "Centre for Migrant Worker Rights Nova Scotia",
        },
        alternate_name="CMWR NS (formerly No One Is Illegal – Halifax/Nova Scotia; Migrant Justice NS)",
        description={
            "en": "The first and only organization in Nova Scotia with a mandate to support and advocate "
            "for migrant workers' rights. It has reached more than 6,000 migrant workers since 2021.",
            "fr": "Le premier et le seul organisme de la Nouvelle-Écosse dont la mission est de soutenir "
            "les travailleurs migrants et de défendre leurs droits. Il a rejoint plus de 6 000 travailleurs "
            "migrants depuis 2021.",
            "es": "La primera y única organización de Nueva Escocia con la misión de apoyar a los "
            "trabajadores migrantes y defender sus derechos. Ha llegado a más de 6000 trabajadores "
            "migrantes desde 2021.",
            "tl": "Ang kauna-unahan at nag-iisang organisasyon sa Nova Scotia na may mandatong suportahan "
            "ang mga migranteng manggagawa at ipaglaban ang kanilang mga karapatan. Mahigit 6,000 "
            "migranteng manggagawa na ang naabot nito mula 2021.",
        },
        website="https://migrantjusticens.ca/",
        is_program_partner=True,
        in_sanctuary_network=True,
        verification_note="⚠ City taken from the dateline of a 2022 press release. No street address published. "
        "The WhatsApp helpline number was not captured. The services are called bilingual, but the languages "
        "are not named in the source.",
        sources=(
            "http://migrantjusticens.ca/about-us",
            "https://canadiancentretoendhumantrafficking.ca/spotlight-the-centre-for-migrant-worker-rights-nova-scotia",
            "https://migrantjusticens.ca/news/overview-of-our-activities-in-2023",
            "https://migrantjusticens.ca/news/press-release-march24-2022-f66tf",
            "https://noii-hfx.squarespace.com/wcb-en",
        ),
        services=(
            ServiceData(
                key="cmwr-ns-support",
                name={
                    "en": "Migrant worker rights support and WhatsApp helpline",
                    "fr": "Soutien aux droits des travailleurs migrants et ligne d'aide WhatsApp",
                    "es": "Apoyo en derechos para trabajadores migrantes y línea de ayuda por WhatsApp",
                    "tl": "Suporta sa karapatan ng migranteng manggagawa at WhatsApp helpline",
                },
                description={
                    "en": "A WhatsApp helpline with rights information, support and referrals; regular "
                    "in-person outreach; rights education sessions and workshops. Case support on access to "
                    "health care, labour rights, unpaid wages and workers' compensation, including appeals. "
                    "Help applying for an open work permit for vulnerable workers. Emergency money from the "
                    "Migrant Solidarity Fund, food boxes, care packages for women workers, community meals "
                    "and social events. A guide to workers' compensation for SAWP workers.",
                    "fr": "Une ligne d'aide WhatsApp pour de l'information sur vos droits, du soutien et des "
                    "références; des visites régulières en personne; des séances et ateliers sur les droits. "
                    "Accompagnement individuel pour l'accès aux soins de santé, les droits du travail, les "
                    "salaires impayés et l'indemnisation des accidents du travail, y compris les appels. Aide "
                    "pour demander un permis de travail ouvert pour travailleurs vulnérables. Aide financière "
                    "d'urgence du Migrant Solidarity Fund, paniers de nourriture, trousses de soins pour les "
                    "travailleuses, repas communautaires et activités sociales. Un guide sur l'indemnisation "
                    "des accidents du travail pour les travailleurs du PTAS.",
                    "es": "Una línea de ayuda por WhatsApp con información sobre derechos, apoyo y "
                    "referencias; visitas regulares en persona; sesiones y talleres sobre derechos. "
                    "Acompañamiento en casos de acceso a la salud, derechos laborales, salarios no pagados y "
                    "compensación por accidentes de trabajo, incluidas las apelaciones. Ayuda para solicitar "
                    "un permiso de trabajo abierto para trabajadores vulnerables. Dinero de emergencia del "
                    "Migrant Solidarity Fund, cajas de comida, paquetes de cuidado para trabajadoras, comidas "
                    "comunitarias y actividades sociales. Una guía sobre la compensación por accidentes de "
                    "trabajo para trabajadores del SAWP.",
                    "tl": "WhatsApp helpline para sa impormasyon tungkol sa iyong mga karapatan, suporta at "
                    "referral; regular na pagbisita nang personal; mga sesyon at workshop tungkol sa mga "
                    "karapatan. Tulong sa mga kaso tungkol sa pagpapagamot, karapatan sa paggawa, hindi "
                    "nabayarang sahod at workers' compensation, pati na ang mga apela. Tulong sa pag-aplay ng "
                    "open work permit para sa mga bulnerableng manggagawa. Pang-emerhensiyang pera mula sa "
                    "Migrant Solidarity Fund, food box, care package para sa kababaihang manggagawa, "
                    "salu-salo ng komunidad at mga pagtitipon. Gabay sa workers' compensation para sa mga "
                    "manggagawa ng SAWP.",
                },
                categories=(
                    "rights-info",
                    "labour-rights",
                    "complaints",
                    "health",
                    "workers-compensation",
                    "vulnerable-worker-permits",
                    "emergency-funds",
                    "food",
                    "social",
                    "helpline",
                ),
                areas=(NS,),
                places=(PlaceData("cmwr-ns-halifax", "Halifax", NS),),
                interpretation="Bilingual services.",
                url="https://migrantjusticens.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=2,
        key="ymca-halifax",
        name={
            "en": "YMCA of Greater Halifax/Dartmouth",
            "fr": "YMCA du Grand Halifax/Dartmouth",
            "es": "YMCA del Gran Halifax/Dartmouth",
            "tl": "YMCA of Greater Halifax/Dartmouth",
        },
        description={
            "en": "Runs the YMCA Centre for Immigrant Programs, the hub for nine other Nova Scotia sites in 2017.",
            "fr": "Gère le YMCA Centre for Immigrant Programs, centre de neuf autres sites en Nouvelle-Écosse en 2017.",
            "es": "Administra el YMCA Centre for Immigrant Programs, centro de otras nueve sedes en Nueva "
            "Escocia en 2017.",
            "tl": "Nagpapatakbo ng YMCA Centre for Immigrant Programs, ang sentro ng siyam na iba pang site sa "
            "Nova Scotia noong 2017.",
        },
        website="https://ymcahfx.ca/",
        is_program_partner=True,
        in_sanctuary_network=True,
        verification_note="⚠ Address is from 2017 articles (moved to 7071 Bayers Road from 65 Main Ave, Fairview, "
        "in 2017). No migrant-worker-specific service was found.",
        sources=(
            "https://unravelhalifax.ca/a-new-welcome-for-newcomers/",
            "http://thechronicleherald.ca/metro/1507741-ymca-opens-bayers-road-immigrant-programs-centre",
            "https://ymcahfx.ca/immigrant-programs/school-settlement/",
        ),
        services=(
            ServiceData(
                key="ymca-halifax-immigrant-programs",
                name={
                    "en": "YMCA Centre for Immigrant Programs",
                    "fr": "Centre des programmes pour immigrants du YMCA",
                    "es": "Centro de Programas para Inmigrantes del YMCA",
                    "tl": "YMCA Centre for Immigrant Programs",
                },
                description={
                    "en": "Settlement services for newcomers; the School Settlement Program in schools across "
                    "Nova Scotia; conversation circles, youth and seniors groups, Saturday study skills and "
                    "active living.",
                    "fr": "Services d'établissement pour les nouveaux arrivants; programme d'établissement dans "
                    "les écoles de la Nouvelle-Écosse; cercles de conversation, groupes de jeunes et d'aînés, "
                    "aide aux études le samedi et vie active.",
                    "es": "Servicios de asentamiento para recién llegados; programa de asentamiento en escuelas "
                    "de Nueva Escocia; círculos de conversación, grupos de jóvenes y de personas mayores, "
                    "técnicas de estudio los sábados y vida activa.",
                    "tl": "Mga serbisyo sa paninirahan para sa mga bagong dating; School Settlement Program sa "
                    "mga paaralan sa buong Nova Scotia; mga conversation circle, grupo ng kabataan at "
                    "nakatatanda, study skills tuwing Sabado at active living.",
                },
                categories=("settlement", "orientation", "language-classes", "social", "recreational"),
                areas=(NS,),
                places=(PlaceData("ymca-halifax-bayers", "Halifax", NS, address_1="7071 Bayers Road"),),
                url="https://ymcahfx.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=3,
        key="madhu-centre",
        name={
            "en": "Madhu Verma Migrant Justice Centre",
            "fr": "Centre de justice pour les migrants Madhu Verma",
            "es": "Centro de Justicia para Migrantes Madhu Verma",
            "tl": "Madhu Verma Migrant Justice Centre",
        },
        alternate_name="Madhu Centre",
        description={
            "en": "Founded in 2022. Serves migrant workers, refugee claimants, international students and "
            "undocumented people in New Brunswick.",
            "fr": "Fondé en 2022. Au service des travailleurs migrants, des demandeurs d'asile, des étudiants "
            "étrangers et des personnes sans papiers au Nouveau-Brunswick.",
            "es": "Fundado en 2022. Atiende a trabajadores migrantes, solicitantes de refugio, estudiantes "
            "internacionales y personas indocumentadas en Nuevo Brunswick.",
            "tl": "Itinatag noong 2022. Naglilingkod sa mga migranteng manggagawa, refugee claimant, "
            "international student at mga taong walang dokumento sa New Brunswick.",
        },
        website="https://madhucentre.ca/",
        email="info@madhucentre.ca",
        is_program_partner=True,
        in_sanctuary_network=True,
        verification_note="⚠ The city is inferred because its events are held in Fredericton; the site names "
        "only the Wolastoqiyik, Mi'kmaq and Peskotomuhkati territories.",
        sources=(
            "https://madhucentre.ca/about-us",
            "https://www.madhucentre.ca/services-fr",
            "https://www.madhucentre.ca/workers-rights",
            "https://www.madhucentre.ca/media",
        ),
        services=(
            ServiceData(
                key="madhu-centre-support",
                name={
                    "en": "Migrant worker rights and emergency support",
                    "fr": "Défense des droits et aide d'urgence pour les travailleurs migrants",
                    "es": "Apoyo en derechos y ayuda de emergencia para trabajadores migrantes",
                    "tl": "Suporta sa karapatan at tulong pang-emerhensiya para sa migranteng manggagawa",
                },
                description={
                    "en": "Help asserting your rights at work and filing complaints about abusive workplaces. "
                    "Urgent help with food, rent and transport, including access to the Rent Bank if you are "
                    "eligible. Help with open work permit applications, including the open work permit for "
                    "vulnerable workers, with applying for EI after dismissal and with extending your status. "
                    "Housing help, chances to meet other workers, and support for forming worker associations.",
                    "fr": "Aide pour faire valoir vos droits au travail et porter plainte contre un milieu de "
                    "travail abusif. Aide urgente pour la nourriture, le loyer et le transport, y compris "
                    "l'accès à la banque de loyer si vous y avez droit. Aide pour les demandes de permis de "
                    "travail ouvert, y compris le permis pour travailleurs vulnérables, pour demander "
                    "l'assurance-emploi après un congédiement et pour prolonger votre statut. Aide au logement, "
                    "occasions de rencontrer d'autres travailleurs et soutien pour former des associations de "
                    "travailleurs.",
                    "es": "Ayuda para hacer valer sus derechos en el trabajo y presentar quejas contra lugares "
                    "de trabajo abusivos. Ayuda urgente con comida, alquiler y transporte, incluido el acceso "
                    "al Rent Bank si cumple los requisitos. Ayuda con solicitudes de permiso de trabajo "
                    "abierto, incluido el permiso para trabajadores vulnerables, para solicitar el seguro de "
                    "empleo (EI) después de un despido y para extender su estatus. Ayuda con la vivienda, "
                    "oportunidades para conocer a otros trabajadores y apoyo para formar asociaciones de "
                    "trabajadores.",
                    "tl": "Tulong sa paggigiit ng iyong mga karapatan sa trabaho at sa paghahain ng reklamo "
                    "laban sa mapang-abusong lugar ng trabaho. Agarang tulong sa pagkain, upa at "
                    "transportasyon, pati na ang Rent Bank kung kwalipikado ka. Tulong sa pag-aplay ng open "
                    "work permit, kasama ang permit para sa mga bulnerableng manggagawa, sa pag-aplay ng EI "
                    "pagkatapos matanggal sa trabaho at sa pagpapalawig ng iyong status. Tulong sa pabahay, "
                    "pagkakataong makilala ang ibang manggagawa, at suporta sa pagbuo ng mga samahan ng "
                    "manggagawa.",
                },
                categories=(
                    "rights-info",
                    "labour-rights",
                    "complaints",
                    "immigration-permits",
                    "vulnerable-worker-permits",
                    "housing",
                    "food",
                    "emergency-funds",
                    "transport",
                    "social",
                ),
                areas=(NB,),
                phones=(
                    PhoneData(
                        "1 506 251-7467",
                        description="Migrant Workers Alliance for Change: the Madhu Centre's site directs callers "
                        "to this number",
                    ),
                ),
                places=(PlaceData("madhu-centre-fredericton", "Fredericton", NB),),
                languages=(("en", "Website pages in English"), ("fr", "Website pages in French")),
                email="info@madhucentre.ca",
                url="https://madhucentre.ca/",
                eligibility="Migrant workers, refugee claimants, international students and undocumented people.",
            ),
        ),
    ),
    OrganizationData(
        row=4,
        key="mrma",
        name={
            "en": "Miramichi Regional Multicultural Association",
            "fr": "Association régionale multiculturelle de Miramichi",
            "es": "Asociación Multicultural Regional de Miramichi",
            "tl": "Miramichi Regional Multicultural Association",
        },
        alternate_name="MRMA",
        description={
            "en": "Member of the Growing Miramichi population-growth action plan.",
            "fr": "Membre du plan d'action pour la croissance démographique Growing Miramichi.",
            "es": "Miembro del plan de acción para el crecimiento de la población Growing Miramichi.",
            "tl": "Kasapi ng Growing Miramichi, isang action plan para sa paglaki ng populasyon.",
        },
        website="http://www.miramichimulticultural.com/",
        is_program_partner=True,
        in_sanctuary_network=True,
        verification_note='⚠ A 2024 report names an "Association régionale de Miramichi (ARMM)"; probably the same '
        "body but not confirmed. No migrant-worker-specific service or contact details were found.",
        sources=(
            "http://www.miramichimulticultural.com/en/children_youth.html",
            "https://investinmiramichi.ca/population-growth-action-plan/",
            "https://canada-info.ca/le-cafi-ouvre-un-bureau-satellite-a-miramichi",
        ),
        services=(
            ServiceData(
                key="mrma-settlement-schools",
                name={
                    "en": "Settlement Worker in Schools and youth programs",
                    "fr": "Travailleur d'établissement dans les écoles et programmes jeunesse",
                    "es": "Trabajador de asentamiento en las escuelas y programas para jóvenes",
                    "tl": "Settlement Worker in Schools at mga programa para sa kabataan",
                },
                description={
                    "en": "With School District 16: counselling, referrals, liaison between parents and "
                    "schools, and arranging English instruction. Multicultural youth programs.",
                    "fr": "Avec le district scolaire 16 : counseling, références, liaison entre les parents et "
                    "l'école, et organisation de cours d'anglais. Programmes jeunesse multiculturels.",
                    "es": "Con el Distrito Escolar 16: orientación, referencias, enlace entre padres y escuela, "
                    "y organización de clases de inglés. Programas multiculturales para jóvenes.",
                    "tl": "Kasama ang School District 16: counselling, referral, ugnayan ng mga magulang at "
                    "paaralan, at pag-aayos ng pag-aaral ng Ingles. Mga multicultural na programa para sa "
                    "kabataan.",
                },
                categories=("settlement", "orientation", "language-classes", "community"),
                areas=(NB,),
                places=(PlaceData("mrma-miramichi", "Miramichi", NB),),
                url="http://www.miramichimulticultural.com/en/children_youth.html",
            ),
        ),
    ),
    OrganizationData(
        row=5,
        key="pei-community-navigators",
        name={
            "en": "PEI Community Navigators",
            "fr": "Navigateurs communautaires de l'Î.-P.-É.",
            "es": "Navegadores Comunitarios de la Isla del Príncipe Eduardo",
            "tl": "PEI Community Navigators",
        },
        description={
            "en": "A program of CBDC West Prince Ventures Ltd serving rural Western, Central and Eastern PEI. "
            "Piloted in 2019; now funded by IRCC and the province.",
            "fr": "Un programme de CBDC West Prince Ventures Ltd au service des régions rurales de l'ouest, du "
            "centre et de l'est de l'Î.-P.-É. Projet pilote en 2019; aujourd'hui financé par IRCC et la province.",
            "es": "Un programa de CBDC West Prince Ventures Ltd para las zonas rurales del oeste, centro y este "
            "de la Isla del Príncipe Eduardo. Piloto en 2019; hoy financiado por IRCC y la provincia.",
            "tl": "Programa ng CBDC West Prince Ventures Ltd para sa mga rural na lugar sa kanluran, gitna at "
            "silangan ng PEI. Sinimulan bilang pilot noong 2019; pinopondohan na ngayon ng IRCC at ng probinsya.",
        },
        website="https://peicommunitynavigators.com/",
        is_program_partner=True,
        in_sanctuary_network=True,
        verification_note="⚠ Address and phone are those of the Western PEI navigator in May 2021. "
        "No migrant-worker-specific service was found.",
        sources=(
            "https://docslib.org/doc/4943324/2021-05-navigator-news",
            "https://www.canada.ca/en/atlantic-canada-opportunities/campaigns/impacts/pei-community-navigators.html",
            "https://tmpei.com/pei-community-navigators-help-newcomers-and-rural-employers-with-labour-shortages/",
            "https://peicommunitynavigators.com/new-community-navigator-position-created-in-western-p-e-i",
        ),
        services=(
            ServiceData(
                key="pei-community-navigators-newcomers",
                name={
                    "en": "Community navigators for newcomers in rural PEI",
                    "fr": "Navigateurs communautaires pour les nouveaux arrivants en milieu rural à l'Î.-P.-É.",
                    "es": "Navegadores comunitarios para recién llegados en zonas rurales de la Isla",
                    "tl": "Community navigator para sa mga bagong dating sa rural na PEI",
                },
                description={
                    "en": "Helps newcomers to rural PEI connect with services (for example a health card or "
                    "a social insurance number), social events and community members. Sessions for employers "
                    "and service providers on immigration streams. Supports newly arrived health-care workers.",
                    "fr": "Aide les nouveaux arrivants en milieu rural à l'Î.-P.-É. à accéder aux services (par "
                    "exemple une carte santé ou un numéro d'assurance sociale), aux activités sociales et aux "
                    "gens de la communauté. Séances pour les employeurs et les fournisseurs de services sur "
                    "les volets d'immigration. Soutient les travailleurs de la santé nouvellement arrivés.",
                    "es": "Ayuda a los recién llegados a las zonas rurales de la Isla a conectarse con servicios "
                    "(por ejemplo, la tarjeta de salud o el número de seguro social), actividades sociales y "
                    "personas de la comunidad. Sesiones para empleadores y proveedores de servicios sobre los "
                    "programas de inmigración. Apoya a los trabajadores de la salud recién llegados.",
                    "tl": "Tumutulong sa mga bagong dating sa rural na PEI na makakonekta sa mga serbisyo "
                    "(halimbawa, health card o social insurance number), mga pagtitipon at mga tao sa "
                    "komunidad. Mga sesyon para sa mga employer at service provider tungkol sa mga immigration "
                    "stream. Sumusuporta sa mga bagong dating na health-care worker.",
                },
                categories=("settlement", "orientation", "health-cards", "social"),
                areas=(PE,),
                phones=(PhoneData("902-853-3636", description="Western PEI navigator (May 2021)"),),
                places=(
                    PlaceData(
                        "pei-community-navigators-alberton",
                        "Alberton",
                        PE,
                        address_1="455 Main Street",
                        name="Western PEI office",
                    ),
                ),
                url="https://peicommunitynavigators.com/",
            ),
        ),
    ),
    OrganizationData(
        row=6,
        key="cooper-institute",
        name={
            "en": "Cooper Institute",
            "fr": "Cooper Institute",
            "es": "Cooper Institute",
            "tl": "Cooper Institute",
        },
        description={
            "en": "Researches the Temporary Foreign Worker Program in PEI, holds workshops and forums on migrant "
            "worker rights and facilitated the PEI Action Team for Migrant Workers' Rights.",
            "fr": "Mène des recherches sur le Programme des travailleurs étrangers temporaires à l'Î.-P.-É., "
            "organise des ateliers et des forums sur les droits des travailleurs migrants et a animé le PEI "
            "Action Team for Migrant Workers' Rights.",
            "es": "Investiga el Programa de Trabajadores Extranjeros Temporales en la Isla del Príncipe Eduardo, "
            "organiza talleres y foros sobre los derechos de los trabajadores migrantes y facilitó el PEI "
            "Action Team for Migrant Workers' Rights.",
            "tl": "Nagsasaliksik tungkol sa Temporary Foreign Worker Program sa PEI, nagdaraos ng mga workshop "
            "at forum tungkol sa karapatan ng mga migranteng manggagawa, at nagpadaloy sa PEI Action Team for "
            "Migrant Workers' Rights.",
        },
        website="https://www.cooperinstitute.ca/",
        is_program_partner=True,
        in_sanctuary_network=True,
        verification_note='⚠ A third-party listing says "Français, Anglais et Espagnol" and also gives '
        "902-368-7180, purpose unknown.",
        sources=(
            "http://www.cooperinstitute.ca/",
            "https://www.cooperinstitute.ca/migrant-workers",
            "https://www.cooperinstitute.ca/guide-for-migrant-workers-en",
            "https://www.cooperinstitute.ca/guide-for-migrant-workers-life-en",
            "https://migrantworkersrights.herokuapp.com/fr/actors/cooper-institute?display=print",
        ),
        services=(
            ServiceData(
                key="cooper-institute-migrant-workers",
                name={
                    "en": "Guides, workshops and housing help for migrant workers",
                    "fr": "Guides, ateliers et aide au logement pour les travailleurs migrants",
                    "es": "Guías, talleres y ayuda con la vivienda para trabajadores migrantes",
                    "tl": "Mga gabay, workshop at tulong sa pabahay para sa migranteng manggagawa",
                },
                description={
                    "en": "Plain-language guides for TFWP and SAWP workers in PEI on status and work permits, "
                    "rights, housing and everyday life, with lists of resources. Workshops and forums on "
                    "migrant worker rights. Its guide lists Cooper Institute as a contact for housing problems.",
                    "fr": "Guides en langage simple pour les travailleurs du PTET et du PTAS à l'Î.-P.-É. sur le "
                    "statut et les permis de travail, les droits, le logement et la vie quotidienne, avec des "
                    "listes de ressources. Ateliers et forums sur les droits des travailleurs migrants. Son "
                    "guide indique Cooper Institute comme contact pour les problèmes de logement.",
                    "es": "Guías en lenguaje sencillo para trabajadores del PTET y del SAWP en la Isla sobre "
                    "estatus y permisos de trabajo, derechos, vivienda y vida diaria, con listas de recursos. "
                    "Talleres y foros sobre los derechos de los trabajadores migrantes. Su guía indica a "
                    "Cooper Institute como contacto para problemas de vivienda.",
                    "tl": "Mga gabay sa simpleng wika para sa mga manggagawa ng TFWP at SAWP sa PEI tungkol sa "
                    "status at work permit, mga karapatan, pabahay at pang-araw-araw na buhay, kasama ang "
                    "listahan ng mga resource. Mga workshop at forum tungkol sa karapatan ng mga migranteng "
                    "manggagawa. Nakalista sa gabay nito ang Cooper Institute bilang contact para sa mga "
                    "problema sa pabahay.",
                },
                categories=("rights-info", "labour-rights", "immigration-permits", "housing", "orientation"),
                areas=(PE,),
                phones=(PhoneData("(902) 894-4573", description="Office"),),
                places=(
                    PlaceData(
                        "cooper-institute-charlottetown",
                        "Charlottetown",
                        PE,
                        address_1="81 Prince Street",
                        postal_code="C1A 4R3",
                    ),
                ),
                languages=(
                    ("en", "Guides in English"),
                    ("es", "Guides in Spanish"),
                    ("zh", "Guides in Chinese (Simplified)"),
                ),
                url="https://www.cooperinstitute.ca/migrant-workers",
            ),
        ),
    ),
)
