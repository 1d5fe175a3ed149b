"""French, Spanish and Tagalog for the demo organizations' names and descriptions, keyed by the English."""

ORGANIZATION_TEXTS: dict[str, dict[str, str]] = {
    (
        "Francophone welcome centre for immigrants in South-East New Brunswick; served more than 3,000 "
        "newcomers in 2024–25. Main funder is IRCC."
    ): {
        "fr": (
            "Centre d'accueil francophone pour les personnes immigrantes du Sud-Est du Nouveau-Brunswick; a "
            "servi plus de 3 000 nouveaux arrivants en 2024-2025. Son principal bailleur de fonds est IRCC."
        ),
        "es": (
            "Centro francófono de acogida para inmigrantes del sureste de Nuevo Brunswick; atendió a más de "
            "3000 recién llegados en 2024–25. Su principal financiador es IRCC."
        ),
        "tl": (
            "Francophone na sentro ng pagtanggap para sa mga imigrante sa Timog-Silangang New Brunswick; "
            "mahigit 3,000 bagong dating ang napagsilbihan noong 2024–25. Ang IRCC ang pangunahing "
            "nagpopondo."
        ),
    },
    (
        "Community partner in the Migrant Workers in the Canadian Maritimes research; helped host the "
        "Philippine Embassy's mobile consular services in Moncton."
    ): {
        "fr": (
            "Partenaire communautaire de la recherche Migrant Workers in the Canadian Maritimes; a aidé à "
            "accueillir les services consulaires mobiles de l'ambassade des Philippines à Moncton."
        ),
        "es": (
            "Socio comunitario de la investigación Migrant Workers in the Canadian Maritimes; ayudó a "
            "organizar los servicios consulares móviles de la Embajada de Filipinas en Moncton."
        ),
        "tl": (
            "Katuwang na organisasyon sa pananaliksik na Migrant Workers in the Canadian Maritimes; tumulong "
            "sa pagdaraos ng mobile consular services ng Embahada ng Pilipinas sa Moncton."
        ),
    },
    "Described as the largest immigrant-serving agency in Atlantic Canada.": {
        "fr": ("Présentée comme le plus grand organisme au service des personnes immigrantes du Canada atlantique."),
        "es": "Descrita como la mayor agencia de servicios para inmigrantes del Atlántico canadiense.",
        "tl": "Inilalarawan bilang pinakamalaking ahensiyang naglilingkod sa mga imigrante sa Atlantic Canada.",
    },
    'A national alliance focused on "service provision, advocacy and legal reform".': {
        "fr": (
            "Une alliance nationale axée sur « la prestation de services, la défense des droits et la "
            "réforme juridique »."
        ),
        "es": (
            "Una alianza nacional centrada en «la prestación de servicios, la defensa de derechos y la reforma legal»."
        ),
        "tl": ('Isang pambansang alyansa na nakatuon sa "pagbibigay ng serbisyo, adbokasiya at reporma sa batas".'),
    },
    "Serves more than 3,000 newcomers in Greater Fredericton.": {
        "fr": "Sert plus de 3 000 nouveaux arrivants dans la région du Grand Fredericton.",
        "es": "Atiende a más de 3000 recién llegados en el Gran Fredericton.",
        "tl": "Naglilingkod sa mahigit 3,000 bagong dating sa Greater Fredericton.",
    },
    "Multicultural Association of the Greater Moncton Area": {
        "fr": "Association multiculturelle du Grand Moncton",
    },
    "Immigrant settlement agency in Greater Moncton.": {
        "fr": "Organisme d'établissement des personnes immigrantes du Grand Moncton.",
        "es": "Agencia de asentamiento de inmigrantes en el Gran Moncton.",
        "tl": "Ahensiya para sa paninirahan ng mga imigrante sa Greater Moncton.",
    },
    "New Brunswick Employment Standards Branch": {
        "fr": "Direction des normes d'emploi du Nouveau-Brunswick",
        "es": "Dirección de Normas de Empleo de Nuevo Brunswick",
        "tl": "Sangay ng Employment Standards ng New Brunswick",
    },
    "Part of the Department of Post-Secondary Education, Training and Labour; five regional offices.": {
        "fr": (
            "Relève du ministère de l'Éducation postsecondaire, de la Formation et du Travail; cinq bureaux régionaux."
        ),
        "es": (
            "Forma parte del Departamento de Educación Postsecundaria, Formación y Trabajo; cinco oficinas regionales."
        ),
        "tl": (
            "Bahagi ng Department of Post-Secondary Education, Training and Labour; may limang tanggapang panrehiyon."
        ),
    },
    "New Brunswick Legal Aid Services Commission": {
        "fr": "Commission des services d'aide juridique du Nouveau-Brunswick",
        "es": "Comisión de Servicios de Asistencia Jurídica de Nuevo Brunswick",
        "tl": "Komisyon ng Legal Aid Services ng New Brunswick",
    },
    "Legal aid in New Brunswick; the Saint John office is one of several.": {
        "fr": "Aide juridique au Nouveau-Brunswick; le bureau de Saint John est l'un de plusieurs.",
        "es": "Asistencia jurídica en Nuevo Brunswick; la oficina de Saint John es una de varias.",
        "tl": "Legal aid sa New Brunswick; isa lamang ang tanggapan sa Saint John sa marami.",
    },
    "Nova Scotia Labour Standards Division": {
        "fr": "Division des normes du travail de la Nouvelle-Écosse",
        "es": "División de Normas Laborales de Nueva Escocia",
        "tl": "Dibisyon ng Labour Standards ng Nova Scotia",
    },
    "Part of the Nova Scotia Department of Labour, Skills and Immigration.": {
        "fr": "Relève du ministère du Travail, des Compétences et de l'Immigration de la Nouvelle-Écosse.",
        "es": "Forma parte del Departamento de Trabajo, Competencias e Inmigración de Nueva Escocia.",
        "tl": "Bahagi ng Department of Labour, Skills and Immigration ng Nova Scotia.",
    },
    "Nova Scotia Legal Aid": {
        "fr": "Aide juridique de la Nouvelle-Écosse",
        "es": "Asistencia Jurídica de Nueva Escocia",
        "tl": "Legal Aid ng Nova Scotia",
    },
    "Legal aid with offices across Nova Scotia.": {
        "fr": "Aide juridique avec des bureaux partout en Nouvelle-Écosse.",
        "es": "Asistencia jurídica con oficinas en toda Nueva Escocia.",
        "tl": "Legal aid na may mga tanggapan sa buong Nova Scotia.",
    },
    "Nova Scotia Occupational Health and Safety Division": {
        "fr": "Division de la santé et de la sécurité au travail de la Nouvelle-Écosse",
        "es": "División de Salud y Seguridad en el Trabajo de Nueva Escocia",
        "tl": "Dibisyon ng Occupational Health and Safety ng Nova Scotia",
    },
    "Provincial occupational health and safety regulator, with regional offices.": {
        "fr": (
            "Organisme provincial de réglementation de la santé et de la sécurité au travail, avec des "
            "bureaux régionaux."
        ),
        "es": "Organismo provincial que regula la salud y la seguridad en el trabajo, con oficinas regionales.",
        "tl": ("Panlalawigang tagapag-regulate ng kalusugan at kaligtasan sa trabaho, may mga tanggapang panrehiyon."),
    },
    "Office of the Worker Counsellor": {
        "fr": "Bureau du conseiller des travailleurs",
        "es": "Oficina del Consejero de los Trabajadores",
        "tl": "Tanggapan ng Worker Counsellor",
    },
    ("Run by the Nova Scotia Federation of Labour. Funded by the Workers' Compensation Board but independent of it."): {
        "fr": (
            "Géré par la Fédération du travail de la Nouvelle-Écosse. Financé par la Commission des "
            "accidents du travail, mais indépendant de celle-ci."
        ),
        "es": (
            "Dirigida por la Federación del Trabajo de Nueva Escocia. Financiada por la Junta de "
            "Compensación a los Trabajadores, pero independiente de ella."
        ),
        "tl": (
            "Pinapatakbo ng Nova Scotia Federation of Labour. Pinopondohan ng Workers' Compensation Board "
            "pero hiwalay at malaya rito."
        ),
    },
    "Settlement agency in Charlottetown; a part-time Summerside office opened in 2011.": {
        "fr": ("Organisme d'établissement à Charlottetown; un bureau à temps partiel a ouvert à Summerside en 2011."),
        "es": ("Agencia de asentamiento en Charlottetown; en 2011 abrió una oficina a tiempo parcial en Summerside."),
        "tl": (
            "Ahensiya para sa paninirahan sa Charlottetown; nagbukas ng part-time na tanggapan sa Summerside "
            "noong 2011."
        ),
    },
    "PEI Employment Standards Branch": {
        "fr": "Direction des normes d'emploi de l'Île-du-Prince-Édouard",
        "es": "Dirección de Normas de Empleo de la Isla del Príncipe Eduardo",
        "tl": "Sangay ng Employment Standards ng PEI",
    },
    "Part of Labour and Industrial Relations, which also oversees the Office of the Worker Advisor.": {
        "fr": (
            "Relève de la Division du travail et des relations industrielles, qui supervise aussi le Bureau "
            "du conseiller des travailleurs."
        ),
        "es": (
            "Forma parte de Trabajo y Relaciones Laborales, que también supervisa la Oficina del Asesor de "
            "los Trabajadores."
        ),
        "tl": "Bahagi ng Labour and Industrial Relations, na namamahala rin sa Office of the Worker Advisor.",
    },
    "PEI Legal Aid": {
        "fr": "Aide juridique de l'Île-du-Prince-Édouard",
        "es": "Asistencia Jurídica de la Isla del Príncipe Eduardo",
        "tl": "Legal Aid ng PEI",
    },
    "Legal aid in Prince Edward Island.": {
        "fr": "Aide juridique à l'Île-du-Prince-Édouard.",
        "es": "Asistencia jurídica en la Isla del Príncipe Eduardo.",
        "tl": "Legal aid sa Prince Edward Island.",
    },
    "WorkSafeNB": {
        "fr": "Travail sécuritaire NB",
    },
    "Occupational health and safety and workers' compensation for New Brunswick.": {
        "fr": "Santé et sécurité au travail et indemnisation des travailleurs au Nouveau-Brunswick.",
        "es": "Salud y seguridad en el trabajo e indemnización a los trabajadores en Nuevo Brunswick.",
        "tl": "Kalusugan at kaligtasan sa trabaho at kompensasyon ng mga manggagawa sa New Brunswick.",
    },
    "Workers Compensation Board of PEI": {
        "fr": "Commission des accidents du travail de l'Île-du-Prince-Édouard",
        "es": "Junta de Compensación a los Trabajadores de la Isla del Príncipe Eduardo",
        "tl": "Workers Compensation Board ng PEI",
    },
    "Workers' compensation for Prince Edward Island, including its OHS Division.": {
        "fr": (
            "Indemnisation des travailleurs à l'Île-du-Prince-Édouard, y compris sa Division de la santé et "
            "de la sécurité au travail."
        ),
        "es": (
            "Indemnización a los trabajadores en la Isla del Príncipe Eduardo, incluida su División de Salud "
            "y Seguridad en el Trabajo."
        ),
        "tl": "Kompensasyon ng mga manggagawa sa Prince Edward Island, kasama ang OHS Division nito.",
    },
    "Workers' Advisers Program": {
        "fr": "Programme des conseillers des travailleurs",
        "es": "Programa de Asesores de los Trabajadores",
        "tl": "Programa ng Workers' Advisers",
    },
    "Nova Scotia program giving free legal services to injured workers.": {
        "fr": ("Programme de la Nouvelle-Écosse qui offre des services juridiques gratuits aux travailleurs blessés."),
        "es": "Programa de Nueva Escocia que ofrece servicios jurídicos gratuitos a trabajadores lesionados.",
        "tl": "Programa ng Nova Scotia na nagbibigay ng libreng serbisyong legal sa mga manggagawang napinsala.",
    },
    "Workers' Compensation Board of Nova Scotia": {
        "fr": "Commission des accidents du travail de la Nouvelle-Écosse",
        "es": "Junta de Compensación a los Trabajadores de Nueva Escocia",
        "tl": "Workers' Compensation Board ng Nova Scotia",
    },
    "Workplace injury insurance for Nova Scotia.": {
        "fr": "Assurance contre les accidents du travail en Nouvelle-Écosse.",
        "es": "Seguro contra lesiones laborales en Nueva Escocia.",
        "tl": "Insurance para sa pinsala sa trabaho sa Nova Scotia.",
    },
    "YMCA of Greater Saint John": {
        "fr": "YMCA du Grand Saint John",
        "es": "YMCA del Gran Saint John",
        "tl": "YMCA ng Greater Saint John",
    },
    "Designated resettlement agency for government-assisted refugees in Saint John.": {
        "fr": (
            "Organisme de réinstallation désigné pour les réfugiés pris en charge par le gouvernement à Saint John."
        ),
        "es": "Agencia de reasentamiento designada para los refugiados asistidos por el gobierno en Saint John.",
        "tl": "Itinalagang ahensiya sa resettlement ng mga refugee na tinutulungan ng gobyerno sa Saint John.",
    },
}
