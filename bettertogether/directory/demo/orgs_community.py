"""Rows 7–16 of maritime-orgs.md: settlement, community and advocacy organizations."""

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

COMMUNITY: tuple[OrganizationData, ...] = (
    # ── B. Other settlement, community and advocacy organisations ───────────────────────────────
    OrganizationData(
        row=7,
        key="isans",
        name={"en": "Immigrant Services Association of Nova Scotia"},
        alternate_name="ISANS",
        description={"en": "Described as the largest immigrant-serving agency in Atlantic Canada."},
        website="https://www.isans.ca/",
        sources=(
            "https://www.isans.ca/get-settled/temporary-foreign-worker-support-program/",
            "https://www.old.isans.ca/temporary-foreign-workers-a-much-needed-workforce/",
            "https://www.wes.org/advisor-blog/isans-supporting-immigrants-refugees-nova-scotia/",
        ),
        services=(
            ServiceData(
                key="isans-tfw-support",
                name={"en": "Temporary Foreign Worker Support Program"},
                description={
                    "en": "For temporary foreign workers across Nova Scotia: needs assessment and one-on-one "
                    "counselling; referrals to legal, health, financial and government services; access to "
                    "translation services; employment counselling; a Labour Standards guide; information on "
                    "occupational health and safety and the right to refuse unsafe work."
                },
                categories=("settlement", "labour-rights", "ohs", "interpretation", "employment", "legal"),
                areas=(NS,),
                places=(PlaceData("isans-halifax", "Halifax", NS),),
                eligibility="An older page says temporary foreign workers and their partners qualify if they hold "
                "valid work permits and register with ISANS.",
                url="https://www.isans.ca/get-settled/temporary-foreign-worker-support-program/",
            ),
        ),
    ),
    OrganizationData(
        row=8,
        key="peianc",
        name={"en": "PEI Association for Newcomers to Canada"},
        alternate_name="PEIANC",
        description={"en": "Settlement agency in Charlottetown; a part-time Summerside office opened in 2011."},
        website="http://www.peianc.com/",
        email="info@peianc.com",
        verification_note="⚠ Contact details come from the 2012/13–2015/16 annual reports.",
        sources=(
            "https://www.yumpu.com/en/document/view/54350506/2012-2013-annual-report",
            "https://docslib.org/doc/13277401/2015-2016-annual-report",
            "http://www.peianc.com/content/lang/en/page/front_news/id/77/PEI-ANC-Expands-into-Summerside.html",
            "https://www.cooperinstitute.ca/guide-for-migrant-workers-life-en",
        ),
        services=(
            ServiceData(
                key="peianc-settlement",
                name={"en": "Settlement, language and employment services"},
                description={
                    "en": "Settlement services and intake, the Resettlement Assistance Program, liaison for "
                    "language training, and employment and careers support. Listed in Cooper Institute's "
                    "migrant worker guide as a contact for housing problems."
                },
                categories=("settlement", "orientation", "language-classes", "employment", "housing"),
                areas=(PE,),
                phones=(PhoneData("(902) 628-6009", description="Office"),),
                places=(
                    PlaceData(
                        "peianc-charlottetown",
                        "Charlottetown",
                        PE,
                        address_1="49 Water Street",
                        postal_code="C1A 1A3",
                    ),
                ),
                email="info@peianc.com",
                url="http://www.peianc.com/",
            ),
        ),
    ),
    OrganizationData(
        row=9,
        key="mcaf",
        name={"en": "Multicultural Association of Fredericton"},
        alternate_name="MCAF",
        description={"en": "Serves more than 3,000 newcomers in Greater Fredericton."},
        website="https://mcaf.nb.ca/",
        verification_note="⚠ Address and phone are from the 2018–19 annual report. "
        "No migrant-worker-specific service was found.",
        sources=(
            "https://vdocuments.net/annual-report-2018-a-2019-mcaf-amcf-2019-10-21-2-mca-annual-report-2018-a.html",
            "https://mcaf.nb.ca/en/about-us-2/",
            "https://mcaf.nb.ca/en/children-programs/",
            "https://mcaf.nb.ca/en/health-services/",
        ),
        services=(
            ServiceData(
                key="mcaf-settlement",
                name={"en": "Settlement, language and employment services"},
                description={
                    "en": "Settlement services, language instruction, employment services and network "
                    "building; on-site child care for clients in English classes; after-school and summer "
                    "programs; orientation to health services (Tele-Care 811, hospitals, walk-in clinics)."
                },
                categories=("settlement", "orientation", "language-classes", "employment", "clinics"),
                areas=(NB,),
                phones=(PhoneData("506-454-8292", description="Office"),),
                places=(
                    PlaceData(
                        "mcaf-fredericton",
                        "Fredericton",
                        NB,
                        address_1="28 Saunders Street",
                        postal_code="E3B 3N6",
                    ),
                ),
                url="https://mcaf.nb.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=10,
        key="ymca-saint-john",
        name={"en": "YMCA of Greater Saint John"},
        description={"en": "Designated resettlement agency for government-assisted refugees in Saint John."},
        website="https://swnb.ymca.ca/",
        sources=(
            "https://swnb.ymca.ca/ymca-of-greater-saint-john-celebrates-welcoming-week/",
            "https://www.westislandblog.com/saint-john-resettlement-agency-is-preparing-to-welcome-new-refugees/",
            "https://swnb.ymca.ca/y-blog-volunteers-with-newcomer-connections-arrival-team-plays-many-roles/",
        ),
        services=(
            ServiceData(
                key="ymca-saint-john-newcomer-connections",
                name={"en": "YMCA Newcomer Connections"},
                description={
                    "en": "Welcoming Week and a Community Connections Fair with more than 30 organizations; a "
                    "Canadian Workplace Expectations workshop; English classes; a volunteer arrivals team."
                },
                categories=("settlement", "orientation", "language-classes", "employment", "community"),
                areas=(NB,),
                places=(PlaceData("ymca-saint-john", "Saint John", NB),),
                url="https://swnb.ymca.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=11,
        key="magma",
        name={"en": "Multicultural Association of the Greater Moncton Area"},
        alternate_name="MAGMA",
        description={"en": "Immigrant settlement agency in Greater Moncton."},
        website="http://magma-amgm.org/",
        verification_note="⚠ All sources are 2008–2015. No contact details found.",
        sources=(
            "http://www.moncton.ca/Government/Media_Room/News_Releases/Moncton_prepares_for_arrival_of_Syrian_refugees.htm",
            "https://workpermit.com/news/canada-immigrants-new-brunswick-benefit-federal-funding-20080531",
            "https://openparliament.ca/committees/official-languages/41-2/43/jacques-dube-3/only",
            "http://magma-amgm.org/site/index.php/syria-response",
        ),
        services=(
            ServiceData(
                key="magma-settlement",
                name={"en": "Orientation, settlement and language training"},
                description={
                    "en": "Orientation and settlement, referrals to community resources, language training "
                    "and help entering the labour market."
                },
                categories=("settlement", "orientation", "language-classes", "employment"),
                areas=(NB,),
                places=(PlaceData("magma-moncton", "Moncton", NB),),
                languages=(("en", "Works mainly in English (2014)"), ("fr", "Also has francophone clients (2014)")),
                url="http://magma-amgm.org/",
            ),
        ),
    ),
    OrganizationData(
        row=12,
        key="cafi",
        name={
            "en": "CAFi – Centre d'accueil et d'accompagnement francophone des immigrants du Sud-Est du N.-B.",
            "fr": "CAFi – Centre d'accueil et d'accompagnement francophone des immigrants du Sud-Est du N.-B.",
        },
        alternate_name="CAFi",
        description={
            "en": "Francophone welcome centre for immigrants in South-East New Brunswick; served more than 3,000 "
            "newcomers in 2024–25. Main funder is IRCC.",
            "fr": "Centre francophone d'accueil des immigrants du Sud-Est du Nouveau-Brunswick; a servi plus de "
            "3 000 nouveaux arrivants en 2024-2025. Son principal bailleur de fonds est IRCC.",
        },
        website="http://www.cafi-nb.org/",
        verification_note="⚠ A 2022 interview suggests the services are available until the person becomes a "
        "Canadian citizen; the quote is truncated. The head office moved out of 140 rue Champlain; the new "
        "address was not captured.",
        sources=(
            "http://www.cafi-nb.org/lorganisme/",
            "https://centre-sainte-anne.nb.ca/soyez-informe/nouvelles/item/1090-le-cafi-prend-son-envol-au-ccsa",
            "https://saintjeannois.ca/le-cafi-elargit-son-impact-avec-louverture-de-trois-nouveaux-bureaux-satellites/",
            "https://www.acadienouvelle.com/actualites/2022/03/02/beaucoup-de-philippins-parmi-les-travailleurs-etrangers-a-cap-pele-et-les-environs/",
            "https://ijl.reseaupresse.media/article/assemblee-generale-annuelle-du-cafi-limmigration-francophone-a-le-vent-en-poupe/",
            "https://moniteuracadien.com/actualites/6211-les-elus-du-sud-est-en-force-a-la-20e-assemblee-generale-du-cafi",
        ),
        services=(
            ServiceData(
                key="cafi-welcome-integration",
                name={
                    "en": "Welcome and integration services in French",
                    "fr": "Services d'accueil et d'intégration en français",
                },
                description={
                    "en": "Free welcome and integration services for immigrants; French conversation circles; "
                    "information sessions (mental health, taxes, financial literacy, buying a first home); "
                    "help searching for jobs and housing. In 2022 about 90% of clients at the Cap-Pelé office "
                    "were Filipino, many working in seafood processing plants.",
                    "fr": "Services gratuits d'accueil et d'intégration pour les immigrants; cercles de "
                    "conversation en français; séances d'information (santé mentale, impôts, littératie "
                    "financière, première maison); aide à la recherche d'emploi et de logement. En 2022, "
                    "environ 90 % des clients du bureau de Cap-Pelé étaient Philippins, dont beaucoup "
                    "travaillaient dans des usines de transformation des produits de la mer.",
                },
                categories=(
                    "settlement",
                    "orientation",
                    "language-classes",
                    "mental-health",
                    "tax",
                    "banking",
                    "employment",
                    "housing",
                ),
                areas=(NB,),
                places=(
                    PlaceData("cafi-dieppe", "Dieppe", NB, name="Head office"),
                    PlaceData("cafi-cap-pele", "Cap-Pelé", NB, name="Cap-Pelé office"),
                    PlaceData(
                        "cafi-fredericton",
                        "Fredericton",
                        NB,
                        address_1="715 rue Priestman",
                        name="Fredericton satellite office, Centre communautaire Sainte-Anne",
                    ),
                    PlaceData(
                        "cafi-saint-john",
                        "Saint John",
                        NB,
                        name="Saint John satellite office, La Croisée, Centre communautaire Samuel-de-Champlain",
                    ),
                    PlaceData(
                        "cafi-miramichi", "Miramichi", NB, name="Miramichi satellite office, Carrefour Beausoleil"
                    ),
                ),
                languages=(
                    ("fr", "Services in French; the Fredericton office also serves people who want to learn French"),
                ),
                is_free=True,
                url="http://www.cafi-nb.org/",
            ),
        ),
    ),
    OrganizationData(
        row=13,
        key="fcnb",
        name={"en": "Filipino-Canadian CommUNITY of New Brunswick"},
        alternate_name="FCNB",
        description={
            "en": "Community partner in the Migrant Workers in the Canadian Maritimes research; helped host the "
            "Philippine Embassy's mobile consular services in Moncton."
        },
        verification_note="⚠ Fredericton is where the project coordinator was based in 2021. No contact details found.",
        sources=(
            "https://ca.finance.yahoo.com/news/n-b-filipino-community-helps-100000331.html",
            "https://tfwmaritimes.ca",
            "https://www.immigrationfredericton.com/cultural-organizations",
        ),
        services=(
            ServiceData(
                key="fcnb-welcome",
                name={
                    "en": "Welcome and support for temporary foreign workers",
                    "tl": "Pagsalubong at suporta para sa mga temporary foreign worker",
                },
                description={
                    "en": "Welcomes and supports temporary foreign workers: more than 600 welcome care kits "
                    "delivered across New Brunswick; connects workers to resources and services.",
                    "tl": "Sinasalubong at sinusuportahan ang mga temporary foreign worker: mahigit 600 welcome "
                    "care kit ang naipamahagi sa buong New Brunswick; ikinokonekta ang mga manggagawa sa mga "
                    "resource at serbisyo.",
                },
                categories=("community", "cultural", "social", "settlement"),
                areas=(NB,),
                places=(PlaceData("fcnb-fredericton", "Fredericton", NB),),
            ),
        ),
    ),
    OrganizationData(
        row=14,
        key="mwac-nb",
        name={"en": "Migrant Workers Alliance for Change"},
        alternate_name="MWAC",
        description={"en": 'A national alliance focused on "service provision, advocacy and legal reform".'},
        verification_note="⚠ What this New Brunswick line offers is not described.",
        sources=(
            "https://www.madhucentre.ca/workers-rights",
            "https://www.kairoscanada.org/what-we-do/migrant-justice/external-resources",
        ),
        services=(
            ServiceData(
                key="mwac-nb-line",
                name={
                    "en": "Migrant Workers Alliance for Change – New Brunswick contact",
                    "fr": "Migrant Workers Alliance for Change – contact au Nouveau-Brunswick",
                    "es": "Migrant Workers Alliance for Change – contacto en Nuevo Brunswick",
                    "tl": "Migrant Workers Alliance for Change – contact sa New Brunswick",
                },
                description={
                    "en": "The Madhu Centre refers workers to this number.",
                    "fr": "Le Centre Madhu dirige les travailleurs vers ce numéro.",
                    "es": "El Centro Madhu remite a los trabajadores a este número.",
                    "tl": "Ang Madhu Centre ay nagre-refer ng mga manggagawa sa numerong ito.",
                },
                categories=("helpline", "rights-info"),
                areas=(NB,),
                phones=(PhoneData("1 506 251-7467", description="New Brunswick contact"),),
            ),
        ),
    ),
    OrganizationData(
        row=15,
        key="worker-counsellor-ns",
        name={"en": "Office of the Worker Counsellor"},
        description={
            "en": "Run by the Nova Scotia Federation of Labour. Funded by the Workers' Compensation Board but "
            "independent of it."
        },
        website="https://workercounsellor.ca/",
        verification_note="⚠ Contact details are from an older page (c. 2017).",
        sources=(
            "http://workercounsellor.ca/forms/",
            "https://workercounsellor.ca/faqs/",
            "https://cdn.nsnu.ca/resources/newsletters/october-november-2024/office-worker-counsellor",
        ),
        services=(
            ServiceData(
                key="worker-counsellor-ns-advice",
                name={"en": "Free help with workers' compensation and safety claims"},
                description={
                    "en": "Free advice, help and advocacy for any worker in Nova Scotia dealing with the "
                    "Workers' Compensation Board or the Occupational Health and Safety Division: claims, "
                    "return-to-work meetings, decisions, appeals and CPP disability. Free workshops."
                },
                categories=("workers-compensation", "ohs", "workplace-safety"),
                areas=(NS,),
                phones=(
                    PhoneData("902-455-5455", description="Halifax"),
                    PhoneData("877-220-2722", description="Long distance"),
                ),
                places=(
                    PlaceData(
                        "worker-counsellor-halifax",
                        "Halifax",
                        NS,
                        address_1="220 – 3700 Kempt Road",
                        postal_code="B3K 4X8",
                    ),
                ),
                is_free=True,
                eligibility="Any worker in Nova Scotia.",
                url="https://workercounsellor.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=16,
        key="workers-advisers-ns",
        name={"en": "Workers' Advisers Program"},
        description={"en": "Nova Scotia program giving free legal services to injured workers."},
        verification_note="⚠ Source is dated February 2015.",
        sources=("https://www.legalinfo.org/legal-information-topics/workers-advisers-ns",),
        services=(
            ServiceData(
                key="workers-advisers-ns-appeals",
                name={"en": "Free legal help with workers' compensation appeals"},
                description={
                    "en": "Free legal services for injured workers and their families appealing workers' "
                    "compensation decisions, at all levels of appeal."
                },
                categories=("workers-compensation", "legal"),
                areas=(NS,),
                phones=(PhoneData("1-800-774-4712", description="Toll-free in Nova Scotia"),),
                places=(
                    PlaceData(
                        "workers-advisers-halifax",
                        "Halifax",
                        NS,
                        address_1="502 – 5670 Spring Garden Road",
                        postal_code="B3J 2X1",
                    ),
                    PlaceData(
                        "workers-advisers-sydney",
                        "Sydney",
                        NS,
                        address_1="5 – 1030 Upper Prince Street",
                        postal_code="B1P 5P6",
                    ),
                ),
                is_free=True,
                eligibility="A reasonable chance of gaining at least $500 on appeal.",
            ),
        ),
    ),
)
