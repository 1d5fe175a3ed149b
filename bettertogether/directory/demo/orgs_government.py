"""Rows 17–27 of maritime-orgs.md: legal aid, employment standards, OHS, workers' compensation."""

from __future__ import annotations

from .records import (
    EVERY_DAY,
    NB,
    NS,
    PE,
    WEEKDAYS,
    HoursData,
    OrganizationData,
    PhoneData,
    PlaceData,
    ServiceData,
)

GOVERNMENT: tuple[OrganizationData, ...] = (
    # ── C. Legal aid ────────────────────────────────────────────────────────────────────────────
    OrganizationData(
        row=17,
        key="nsla",
        name={"en": "Nova Scotia Legal Aid", "fr": "Aide juridique Nouvelle-Écosse"},
        alternate_name="NSLA",
        description={"en": "Legal aid with offices across Nova Scotia."},
        website="https://www.nslegalaid.ca/",
        verification_note="⚠ The phone number comes from a March 2020 COVID notice about HRM court dates and may "
        "not be a general line.",
        sources=(
            "https://www.nslegalaid.ca/what-we-do/what-legal-services-provided/",
            "https://www.nslegalaid.ca/notes-for-online-applications/",
            "http://www.nslegalaid.ca/",
            "https://www.legalinfo.org/legal-information-topics/nsla-helps-novascotians",
        ),
        services=(
            ServiceData(
                key="nsla-legal-aid",
                name={"en": "Legal aid", "fr": "Aide juridique"},
                description={
                    "en": 'Family, criminal and "social justice" law, meaning help with EI, CPP Disability, '
                    "Income Assistance, residential tenancies and housing grants; duty counsel; summary "
                    "advice; full representation for those who qualify financially and on merit. Immigration "
                    "and employment-standards matters are not listed among its services."
                },
                categories=("legal", "legal-aid", "housing"),
                areas=(NS,),
                phones=(PhoneData("902-420-7800", description="Office"),),
                languages=(("en", "Website in English"), ("fr", "Website in French")),
                eligibility="Full representation for people who qualify financially and on the merits of the case.",
                application_process="Apply online. Contact by text message is possible if you give your "
                "phone provider.",
                url="https://www.nslegalaid.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=18,
        key="nb-legal-aid",
        name={
            "en": "New Brunswick Legal Aid Services Commission",
            "fr": "Commission des services d'aide juridique du Nouveau-Brunswick",
        },
        description={"en": "Legal aid in New Brunswick; the Saint John office is one of several."},
        website="http://legalaid.nb.ca/",
        sources=(
            "http://legalaid.nb.ca/en/criminal_law_services",
            "https://newtosaintjohn.ca/emergency-situations/legal-support",
            "http://www.familylawnb.ca/english/index.php?mact=News,cntnt01,print,0&cntnt01articleid=11&cntnt01showtemplate=false&cntnt01returnid=103",
        ),
        services=(
            ServiceData(
                key="nb-legal-aid-services",
                name={
                    "en": "Legal aid (criminal and family law)",
                    "fr": "Aide juridique (droit criminel et de la famille)",
                },
                description={
                    "en": "Criminal law: advice when detained and duty counsel at the courthouse, with no "
                    "financial test; representation at trial for eligible people. Family law."
                },
                categories=("legal", "legal-aid"),
                areas=(NB,),
                phones=(PhoneData("(506) 633-6030", description="Saint John office"),),
                places=(
                    PlaceData(
                        "nb-legal-aid-saint-john",
                        "Saint John",
                        NB,
                        address_1="15 Market Square, Suite 1509",
                        postal_code="E2L 1E8",
                        name="Saint John office",
                    ),
                ),
                url="http://legalaid.nb.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=19,
        key="pei-legal-aid",
        name={"en": "PEI Legal Aid", "fr": "Aide juridique de l'Î.-P.-É."},
        description={"en": "Legal aid in Prince Edward Island."},
        verification_note="No contact details found (low confidence). In 2021 the Opposition said the income "
        "threshold is very low.",
        sources=(
            "https://www.cbc.ca/news/canada/prince-edward-island/pei-legal-aid-expansion-legislature-fall-2021-1.6236120",
        ),
        services=(
            ServiceData(
                key="pei-legal-aid-services",
                name={"en": "Legal aid", "fr": "Aide juridique"},
                description={
                    "en": "Legal representation for low-income Islanders in criminal, youth criminal justice, "
                    "and family and civil cases."
                },
                categories=("legal", "legal-aid"),
                areas=(PE,),
                eligibility="Low-income Islanders.",
            ),
        ),
    ),
    # ── D. Government: employment standards, OHS and workers' compensation ──────────────────────
    OrganizationData(
        row=20,
        key="ns-labour-standards",
        name={
            "en": "Nova Scotia Labour Standards Division",
            "fr": "Division des normes du travail de la Nouvelle-Écosse",
        },
        description={"en": "Part of the Nova Scotia Department of Labour, Skills and Immigration."},
        website="https://novascotia.ca/lae/labourstandards/",
        verification_note="⚠ The address comes from a 2010 consultation page. The toll-free number appears in "
        "two sources.",
        sources=(
            "https://www.isans.ca/get-settled/temporary-foreign-worker-support-program/",
            "https://novascotia.ca/lae/employmentrights/ConsultationonTemporaryForeignWorkers.asp",
            "https://novascotia.ca/lae/employmentrights/FW/ForeignWorkers_LabourStandardsCode.asp",
            "https://novascotia.ca/lae/employmentrights/FW/ForeignWorker_Fact_Sheet.asp",
        ),
        services=(
            ServiceData(
                key="ns-labour-standards-complaints",
                name={
                    "en": "Labour standards enquiries and complaints",
                    "fr": "Renseignements et plaintes sur les normes du travail",
                    "es": "Consultas y quejas sobre normas laborales",
                    "tl": "Mga tanong at reklamo tungkol sa labour standards",
                },
                description={
                    "en": "Enquiries and complaints under the Labour Standards Code. Protections for foreign "
                    "workers: no recruitment fees, no recovery of recruitment costs, no taking of passports or "
                    "work permits, no cutting of wages or conditions; recruiters must be licensed and employers "
                    "must register. Workers may call anonymously and without the employer's permission.",
                    "fr": "Renseignements et plaintes en vertu du Labour Standards Code. Protections pour les "
                    "travailleurs étrangers : aucuns frais de recrutement, aucun recouvrement des coûts de "
                    "recrutement, aucune confiscation du passeport ou du permis de travail, aucune réduction "
                    "du salaire ou des conditions; les recruteurs doivent avoir un permis et les employeurs "
                    "doivent s'inscrire. Vous pouvez appeler de façon anonyme et sans la permission de "
                    "l'employeur.",
                    "es": "Consultas y quejas según el Labour Standards Code. Protecciones para trabajadores "
                    "extranjeros: no se cobran tarifas de reclutamiento ni se recuperan sus costos, nadie puede "
                    "quitarle el pasaporte o el permiso de trabajo, no se pueden reducir el salario ni las "
                    "condiciones; los reclutadores deben tener licencia y los empleadores deben registrarse. "
                    "Puede llamar de forma anónima y sin permiso del empleador.",
                    "tl": "Mga tanong at reklamo sa ilalim ng Labour Standards Code. Proteksyon para sa mga "
                    "dayuhang manggagawa: walang recruitment fee, hindi puwedeng singilin ang gastos sa "
                    "recruitment, hindi puwedeng kunin ang pasaporte o work permit, hindi puwedeng bawasan ang "
                    "sahod o kondisyon; dapat may lisensya ang mga recruiter at dapat nakarehistro ang mga "
                    "employer. Puwede kang tumawag nang hindi nagpapakilala at nang walang pahintulot ng "
                    "employer.",
                },
                categories=("rights-info", "labour-rights", "complaints", "recruitment-fees"),
                areas=(NS,),
                phones=(
                    PhoneData("902-424-4311", description="Halifax Regional Municipality"),
                    PhoneData("1-888-315-0110", description="Outside Halifax Regional Municipality"),
                ),
                places=(
                    PlaceData(
                        "ns-labour-standards-halifax",
                        "Halifax",
                        NS,
                        address_1="5151 Terminal Road, 7th Floor",
                        postal_code="B3J 2T8",
                    ),
                ),
                url="https://novascotia.ca/lae/labourstandards/",
            ),
        ),
    ),
    OrganizationData(
        row=21,
        key="ns-ohs",
        name={
            "en": "Nova Scotia Occupational Health and Safety Division",
            "fr": "Division de la santé et de la sécurité au travail de la Nouvelle-Écosse",
        },
        description={"en": "Provincial occupational health and safety regulator, with regional offices."},
        website="https://novascotia.ca/lae/healthandsafety/",
        email="ohsdivision@novascotia.ca",
        sources=(
            "http://workplaceinitiatives.novascotia.ca/nshrtoolkit/links/ohs.asp",
            "https://cdn.nsnu.ca/safety",
            "https://playbook.awarens.ca/elementskit-content/dynamic-content-widget-bd69972-08c3704/",
        ),
        services=(
            ServiceData(
                key="ns-ohs-complaints",
                name={
                    "en": "Health and safety questions and complaints",
                    "fr": "Questions et plaintes en santé et sécurité au travail",
                    "es": "Preguntas y quejas sobre salud y seguridad en el trabajo",
                    "tl": "Mga tanong at reklamo tungkol sa kalusugan at kaligtasan sa trabaho",
                },
                description={
                    "en": "Health and safety questions and complaints, including the right to refuse unsafe "
                    "work. Employers must report serious injuries and incidents.",
                    "fr": "Questions et plaintes en santé et sécurité, y compris le droit de refuser un travail "
                    "dangereux. Les employeurs doivent signaler les blessures et incidents graves.",
                    "es": "Preguntas y quejas sobre salud y seguridad, incluido el derecho a negarse a hacer un "
                    "trabajo peligroso. Los empleadores deben reportar las lesiones e incidentes graves.",
                    "tl": "Mga tanong at reklamo tungkol sa kalusugan at kaligtasan, kasama ang karapatang "
                    "tumanggi sa mapanganib na trabaho. Dapat iulat ng mga employer ang malulubhang pinsala at "
                    "insidente.",
                },
                categories=("workplace-safety", "ohs", "complaints", "helpline"),
                areas=(NS,),
                phones=(
                    PhoneData("902-424-5400", description="Monday to Friday, 8:30 a.m. to 4:30 p.m."),
                    PhoneData("1-800-952-2687", description="1-800-9-LABOUR, 24 hours"),
                ),
                hours=(
                    HoursData(WEEKDAYS, "08:30", "16:30", "Office line 902-424-5400"),
                    HoursData(EVERY_DAY, "00:00", "24:00", "1-800-9-LABOUR (1-800-952-2687), 24 hours"),
                ),
                places=(PlaceData("ns-ohs-halifax", "Halifax", NS),),
                email="ohsdivision@novascotia.ca",
                url="https://novascotia.ca/lae/healthandsafety/",
            ),
        ),
    ),
    OrganizationData(
        row=22,
        key="wcb-ns",
        name={
            "en": "Workers' Compensation Board of Nova Scotia",
            "fr": "Commission des accidents du travail de la Nouvelle-Écosse",
        },
        alternate_name="WCB NS",
        description={"en": "Workplace injury insurance for Nova Scotia."},
        website="https://www.wcb.ns.ca/",
        email="info@wcb.ns.ca",
        sources=(
            "https://cdn.nsnu.ca/safety",
            "https://noii-hfx.squarespace.com/wcb-en",
            "http://worksafeforlife.ca/Home/About-Us",
        ),
        services=(
            ServiceData(
                key="wcb-ns-claims",
                name={
                    "en": "Workplace injury claims and benefits",
                    "fr": "Réclamations et prestations pour accident du travail",
                    "es": "Reclamos y beneficios por lesiones en el trabajo",
                    "tl": "Mga claim at benepisyo para sa pinsala sa trabaho",
                },
                description={
                    "en": "Workplace injury insurance: claims, earnings-replacement benefits, treatment (which "
                    "may be reimbursed after a worker returns home) and appeals. Employers of SAWP workers "
                    "must register."
                },
                categories=("workplace-safety", "workers-compensation"),
                areas=(NS,),
                phones=(
                    PhoneData("1-800-870-3331", description="Toll-free"),
                    PhoneData("902-491-8001", type="fax", description="Injury reports"),
                ),
                places=(PlaceData("wcb-ns-halifax", "Halifax", NS), PlaceData("wcb-ns-sydney", "Sydney", NS)),
                interpretation="Translation available on request.",
                email="info@wcb.ns.ca",
                url="https://www.wcb.ns.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=23,
        key="nb-employment-standards",
        name={
            "en": "New Brunswick Employment Standards Branch",
            "fr": "Direction des normes d'emploi du Nouveau-Brunswick",
        },
        description={
            "en": "Part of the Department of Post-Secondary Education, Training and Labour; five regional offices."
        },
        website="https://www.gnb.ca/",
        sources=(
            "https://www2.gnb.ca/content/gnb/en/departments/post-secondary_education_training_and_labour/People/content/EmploymentStandards/making_a_complaint.html",
            "https://www.gnb.ca/en/topic/jobs-workplaces/labour-market-workforce/employment-standards/foreign-workers.html",
            "https://www2.gnb.ca/content/gnb/en/departments/post-secondary_education_training_and_labour/services/services_renderer.17416.Investigations_of_Complaints_-_Employment_Standards.html",
        ),
        services=(
            ServiceData(
                key="nb-employment-standards-complaints",
                name={
                    "en": "Employment standards helpline and complaints",
                    "fr": "Ligne d'aide et plaintes sur les normes d'emploi",
                    "es": "Línea de ayuda y quejas sobre normas de empleo",
                    "tl": "Helpline at mga reklamo tungkol sa employment standards",
                },
                description={
                    "en": "Employment standards questions and complaints; complaints can be confidential. Rules "
                    "for foreign workers: employers must be on the registry of employers of foreign workers and "
                    "may not threaten deportation, take identity documents or work permits, stop workers from "
                    "leaving employer housing, recover ineligible recruitment costs or misrepresent jobs. Free "
                    "information sessions.",
                    "fr": "Questions et plaintes sur les normes d'emploi; les plaintes peuvent être "
                    "confidentielles. Règles pour les travailleurs étrangers : l'employeur doit être inscrit au "
                    "registre des employeurs de travailleurs étrangers et ne peut pas menacer d'expulsion, "
                    "prendre les pièces d'identité ou les permis de travail, empêcher les travailleurs de "
                    "quitter le logement fourni, récupérer des frais de recrutement non admissibles ni "
                    "présenter faussement un emploi. Séances d'information gratuites.",
                    "es": "Preguntas y quejas sobre normas de empleo; las quejas pueden ser confidenciales. "
                    "Reglas para trabajadores extranjeros: el empleador debe estar en el registro de "
                    "empleadores de trabajadores extranjeros y no puede amenazar con la deportación, quitar "
                    "documentos de identidad o permisos de trabajo, impedir que los trabajadores salgan de la "
                    "vivienda del empleador, cobrar costos de reclutamiento no permitidos ni engañar sobre el "
                    "empleo. Sesiones informativas gratuitas.",
                    "tl": "Mga tanong at reklamo tungkol sa employment standards; puwedeng kumpidensyal ang "
                    "reklamo. Mga patakaran para sa dayuhang manggagawa: dapat nakalista ang employer sa "
                    "registry ng mga employer ng dayuhang manggagawa, at hindi siya puwedeng magbanta ng "
                    "deportasyon, kumuha ng ID o work permit, pigilan ang manggagawa na umalis sa pabahay ng "
                    "employer, maningil ng bawal na gastos sa recruitment o magsinungaling tungkol sa trabaho. "
                    "Libreng information session.",
                },
                categories=("rights-info", "labour-rights", "complaints", "recruitment-fees", "helpline"),
                areas=(NB,),
                phones=(
                    PhoneData("1-888-452-2687", description="Toll-free helpline"),
                    PhoneData("506-453-3806", type="fax", description="Office"),
                ),
                places=(
                    PlaceData(
                        "nb-employment-standards-mail",
                        "Fredericton",
                        NB,
                        address_1="P.O. Box 6000",
                        postal_code="E3B 5H1",
                        name="Mailing address",
                        location_type="postal",
                    ),
                ),
                application_process="Online complaint form on gnb.ca.",
                url="https://www.gnb.ca/en/topic/jobs-workplaces/labour-market-workforce/employment-standards/foreign-workers.html",
            ),
        ),
    ),
    OrganizationData(
        row=24,
        key="worksafenb",
        name={"en": "WorkSafeNB", "fr": "Travail sécuritaire NB"},
        description={"en": "Occupational health and safety and workers' compensation for New Brunswick."},
        website="https://www.worksafenb.ca/",
        verification_note="⚠ Older pages give 1 800 222-9775; current pages use 1 800 999-9775.",
        sources=(
            "https://worksafenb.ca/general-resources/frequently-asked-questions?page=8",
            "https://worksafenb.ca/employers/health-safety/the-ohs-act-and-you",
            "http://worksafenb.ca/reporting-requirements",
        ),
        services=(
            ServiceData(
                key="worksafenb-safety-compensation",
                name={
                    "en": "Workplace safety complaints and workers' compensation",
                    "fr": "Plaintes en sécurité au travail et indemnisation des travailleurs",
                    "es": "Quejas sobre seguridad laboral y compensación por accidentes de trabajo",
                    "tl": "Mga reklamo sa kaligtasan sa trabaho at workers' compensation",
                },
                description={
                    "en": "Occupational health and safety complaints, anonymous on request; the right to refuse "
                    "dangerous work; reporting of serious incidents; workers' compensation."
                },
                categories=("workplace-safety", "ohs", "workers-compensation", "complaints"),
                areas=(NB,),
                phones=(PhoneData("1 800 999-9775", description="Toll-free"),),
                url="https://www.worksafenb.ca/",
            ),
        ),
    ),
    OrganizationData(
        row=25,
        key="pei-employment-standards",
        name={
            "en": "PEI Employment Standards Branch",
            "fr": "Direction des normes d'emploi de l'Î.-P.-É.",
        },
        description={
            "en": "Part of Labour and Industrial Relations, which also oversees the Office of the Worker Advisor."
        },
        website="https://www.princeedwardisland.ca/",
        email="labourrelations@gov.pe.ca",
        sources=(
            "https://princeedwardisland.ca/en/publication/divisional-annual-reports",
            "https://www.princeedwardisland.ca/en/service/file-a-formal-complaint-under-the-pei-employment-standards-act-non-union",
            "https://www.peihrtoolkit.ca/resource/employment-standards/",
        ),
        services=(
            ServiceData(
                key="pei-employment-standards-complaints",
                name={
                    "en": "Employment standards questions and complaints",
                    "fr": "Questions et plaintes sur les normes d'emploi",
                    "es": "Preguntas y quejas sobre normas de empleo",
                    "tl": "Mga tanong at reklamo tungkol sa employment standards",
                },
                description={
                    "en": "Employment standards questions; free formal complaints, investigated by an inspector.",
                    "fr": "Questions sur les normes d'emploi; plaintes officielles gratuites, examinées par un "
                    "inspecteur.",
                    "es": "Preguntas sobre normas de empleo; quejas formales gratuitas, investigadas por un inspector.",
                    "tl": "Mga tanong tungkol sa employment standards; libreng pormal na reklamo na "
                    "iniimbestigahan ng isang inspector.",
                },
                categories=("rights-info", "labour-rights", "complaints"),
                areas=(PE,),
                phones=(
                    PhoneData("902-368-5550", description="Office"),
                    PhoneData("1-800-333-4362", description="Toll-free"),
                ),
                places=(
                    PlaceData(
                        "pei-employment-standards-charlottetown",
                        "Charlottetown",
                        PE,
                        address_1="161 St. Peters Road, Suite 230 (Sherwood Business Centre, 2nd floor)",
                        postal_code="C1A 5P7",
                    ),
                ),
                is_free=True,
                email="labourrelations@gov.pe.ca",
                application_process="Online formal complaint form on princeedwardisland.ca.",
                url="https://www.princeedwardisland.ca/en/service/file-a-formal-complaint-under-the-pei-employment-standards-act-non-union",
            ),
        ),
    ),
    OrganizationData(
        row=27,
        key="wcb-pei",
        name={
            "en": "Workers Compensation Board of PEI",
            "fr": "Commission des accidents du travail de l'Î.-P.-É.",
        },
        description={"en": "Workers' compensation for Prince Edward Island, including its OHS Division."},
        website="https://www.wcb.pe.ca/",
        sources=(
            "https://documents.pub/amp/document/guide-to-workplace-safety-for-construction-guide-to-workplace-safety-for-construction.html",
            "http://www.wcb.pe.ca/Employers/ReportingAnInjury",
            "https://wcb.pe.ca/Information/NewsAndAnnouncements",
            "https://www.peihrtoolkit.ca/resource/occupational-health-safety/",
        ),
        services=(
            ServiceData(
                key="wcb-pei-claims",
                name={
                    "en": "Injury claims and benefits",
                    "fr": "Réclamations et prestations pour accident du travail",
                    "es": "Reclamos y beneficios por lesiones",
                    "tl": "Mga claim at benepisyo para sa pinsala",
                },
                description={"en": "Workplace injury claims and benefits."},
                categories=("workplace-safety", "workers-compensation"),
                areas=(PE,),
                phones=(
                    PhoneData("902-368-5680", description="Office"),
                    PhoneData("1-800-237-5049", description="Toll-free in Atlantic Canada"),
                    PhoneData("902-368-5696", type="fax", description="Office"),
                ),
                places=(
                    PlaceData(
                        "wcb-pei-charlottetown",
                        "Charlottetown",
                        PE,
                        address_1="14 Weymouth Street",
                        postal_code="C1A 7L7",
                    ),
                ),
                url="https://www.wcb.pe.ca/",
            ),
            ServiceData(
                key="wcb-pei-ohs",
                name={
                    "en": "Occupational Health and Safety Division",
                    "fr": "Division de la santé et de la sécurité au travail",
                    "es": "División de Salud y Seguridad Laboral",
                    "tl": "Occupational Health and Safety Division",
                },
                description={
                    "en": "OHS officers respond to complaints about unsafe work and to work refusals. Workers "
                    "have the right to know, to participate and to refuse unsafe work."
                },
                categories=("workplace-safety", "ohs", "complaints"),
                areas=(PE,),
                phones=(PhoneData("902-628-7513", description="24-hour line for serious injuries"),),
                hours=(HoursData(EVERY_DAY, "00:00", "24:00", "24-hour line for serious injuries"),),
                places=(
                    PlaceData(
                        "wcb-pei-charlottetown",
                        "Charlottetown",
                        PE,
                        address_1="14 Weymouth Street",
                        postal_code="C1A 7L7",
                    ),
                ),
                url="https://www.wcb.pe.ca/",
            ),
        ),
    ),
)
