"""French, Spanish and Tagalog for the demo services' names, descriptions, eligibility and how to apply."""

SERVICE_TEXTS: dict[str, dict[str, str]] = {
    "Online complaint form on gnb.ca.": {
        "fr": "Formulaire de plainte en ligne sur gnb.ca.",
        "es": "Formulario de queja en línea en gnb.ca.",
        "tl": "May online na complaint form sa gnb.ca.",
    },
    "Online formal complaint form on princeedwardisland.ca.": {
        "fr": "Formulaire de plainte officielle en ligne sur princeedwardisland.ca.",
        "es": "Formulario de queja formal en línea en princeedwardisland.ca.",
        "tl": "May online na formal complaint form sa princeedwardisland.ca.",
    },
    (
        "Free advice, help and advocacy for any worker in Nova Scotia dealing with the Workers' Compensation "
        "Board or the Occupational Health and Safety Division: claims, return-to-work meetings, decisions, "
        "appeals and CPP disability. Free workshops."
    ): {
        "fr": (
            "Conseils, aide et défense gratuits pour tout travailleur de la Nouvelle-Écosse qui a affaire à "
            "la Commission des accidents du travail ou à la Division de la santé et de la sécurité au "
            "travail : demandes d'indemnisation, rencontres de retour au travail, décisions, appels et "
            "invalidité du RPC. Ateliers gratuits."
        ),
        "es": (
            "Asesoría, ayuda y defensa gratuitas para cualquier trabajador de Nueva Escocia que trate con la "
            "Junta de Compensación a los Trabajadores o con la División de Salud y Seguridad en el Trabajo: "
            "reclamaciones, reuniones de regreso al trabajo, decisiones, apelaciones e invalidez del CPP. "
            "Talleres gratuitos."
        ),
        "tl": (
            "Libreng payo, tulong at adbokasiya para sa sinumang manggagawa sa Nova Scotia na may usapin sa "
            "Workers' Compensation Board o sa Occupational Health and Safety Division: mga claim, pulong "
            "tungkol sa pagbabalik sa trabaho, mga desisyon, apela at CPP disability. May libreng workshop."
        ),
    },
    "Any worker in Nova Scotia.": {
        "fr": "Tout travailleur de la Nouvelle-Écosse.",
        "es": "Cualquier trabajador de Nueva Escocia.",
        "tl": "Sinumang manggagawa sa Nova Scotia.",
    },
    "Free help with workers' compensation and safety claims": {
        "fr": "Aide gratuite pour les demandes d'indemnisation et les questions de sécurité au travail",
        "es": "Ayuda gratuita con reclamaciones de indemnización laboral y de seguridad",
        "tl": "Libreng tulong sa mga claim sa workers' compensation at kaligtasan sa trabaho",
    },
    (
        "Free legal services for injured workers and their families appealing workers' compensation "
        "decisions, at all levels of appeal."
    ): {
        "fr": (
            "Services juridiques gratuits pour les travailleurs blessés et leurs familles qui contestent une "
            "décision d'indemnisation, à tous les niveaux d'appel."
        ),
        "es": (
            "Servicios jurídicos gratuitos para trabajadores lesionados y sus familias que apelan decisiones "
            "de indemnización laboral, en todas las instancias de apelación."
        ),
        "tl": (
            "Libreng serbisyong legal para sa mga manggagawang napinsala at kanilang pamilya na umaapela sa "
            "mga desisyon sa workers' compensation, sa lahat ng antas ng apela."
        ),
    },
    "A reasonable chance of gaining at least $500 on appeal.": {
        "fr": "Une chance raisonnable d'obtenir au moins 500 $ en appel.",
        "es": "Una posibilidad razonable de obtener al menos 500 $ en la apelación.",
        "tl": "Makatwirang pagkakataong makakuha ng hindi bababa sa $500 sa apela.",
    },
    "Free legal help with workers' compensation appeals": {
        "fr": "Aide juridique gratuite pour les appels en matière d'indemnisation des travailleurs",
        "es": "Ayuda jurídica gratuita con apelaciones de indemnización laboral",
        "tl": "Libreng tulong legal sa mga apela sa workers' compensation",
    },
    "Workplace injury claims and benefits.": {
        "fr": "Demandes d'indemnisation et prestations pour accidents du travail.",
        "es": "Reclamaciones y prestaciones por lesiones laborales.",
        "tl": "Mga claim at benepisyo para sa pinsala sa trabaho.",
    },
    (
        'Family, criminal and "social justice" law, meaning help with EI, CPP Disability, Income Assistance, '
        "residential tenancies and housing grants; duty counsel; summary advice; full representation for "
        "those who qualify financially and on merit. Immigration and employment-standards matters are not "
        "listed among its services."
    ): {
        "fr": (
            "Droit de la famille, droit criminel et droit de la « justice sociale », c'est-à-dire de l'aide "
            "pour l'assurance-emploi, l'invalidité du RPC, l'aide au revenu, la location résidentielle et "
            "les subventions au logement; avocat de garde; conseils sommaires; représentation complète pour "
            "les personnes admissibles sur le plan financier et sur le fond. L'immigration et les normes "
            "d'emploi ne figurent pas parmi ses services."
        ),
        "es": (
            "Derecho de familia, derecho penal y derecho de «justicia social», es decir, ayuda con el seguro "
            "de empleo (EI), la invalidez del CPP, la asistencia social, los arrendamientos de vivienda y "
            "las subvenciones de vivienda; abogado de guardia; asesoría breve; representación completa para "
            "quienes califican económicamente y por el fondo del caso. Los asuntos de inmigración y de "
            "normas de empleo no figuran entre sus servicios."
        ),
        "tl": (
            'Batas pampamilya, kriminal at "social justice", ibig sabihin tulong sa EI, CPP Disability, '
            "Income Assistance, pag-upa ng tirahan at housing grant; duty counsel; maikling payo; buong "
            "representasyon para sa mga kwalipikado sa pananalapi at sa merito ng kaso. Hindi kasama sa "
            "nakalistang serbisyo nito ang imigrasyon at employment standards."
        ),
    },
    "Full representation for people who qualify financially and on the merits of the case.": {
        "fr": (
            "Représentation complète pour les personnes admissibles sur le plan financier et sur le fond de l'affaire."
        ),
        "es": "Representación completa para quienes califican económicamente y por el fondo del caso.",
        "tl": "Buong representasyon para sa mga kwalipikado sa pananalapi at sa merito ng kaso.",
    },
    "Apply online. Contact by text message is possible if you give your phone provider.": {
        "fr": (
            "Faites une demande en ligne. On peut vous joindre par message texte si vous indiquez votre "
            "fournisseur de téléphonie."
        ),
        "es": "Solicítelo en línea. Pueden contactarle por mensaje de texto si indica su compañía telefónica.",
        "tl": ("Mag-apply online. Puwede kang kontakin sa text message kung ibibigay mo ang iyong phone provider."),
    },
    "Legal aid": {
        "fr": "Aide juridique",
        "es": "Asistencia jurídica",
        "tl": "Legal aid (tulong legal)",
    },
    (
        "Legal representation for low-income Islanders in criminal, youth criminal justice, and family and civil cases."
    ): {
        "fr": (
            "Représentation juridique pour les Insulaires à faible revenu dans les affaires criminelles, de "
            "justice pénale pour les adolescents, familiales et civiles."
        ),
        "es": (
            "Representación legal para residentes de la isla con bajos ingresos en casos penales, de "
            "justicia penal juvenil, de familia y civiles."
        ),
        "tl": (
            "Legal na representasyon para sa mga taga-isla na mababa ang kita sa mga kasong kriminal, youth "
            "criminal justice, pampamilya at sibil."
        ),
    },
    "Low-income Islanders.": {
        "fr": "Les Insulaires à faible revenu.",
        "es": "Residentes de la isla con bajos ingresos.",
        "tl": "Mga taga-isla na mababa ang kita.",
    },
    (
        "Criminal law: advice when detained and duty counsel at the courthouse, with no financial test; "
        "representation at trial for eligible people. Family law."
    ): {
        "fr": (
            "Droit criminel : conseils en cas de détention et avocat de garde au palais de justice, sans "
            "critère financier; représentation au procès pour les personnes admissibles. Droit de la "
            "famille."
        ),
        "es": (
            "Derecho penal: asesoría en caso de detención y abogado de guardia en el tribunal, sin requisito "
            "económico; representación en el juicio para las personas elegibles. Derecho de familia."
        ),
        "tl": (
            "Batas kriminal: payo kapag nakakulong at duty counsel sa korte, walang pagsusuri sa pananalapi; "
            "representasyon sa paglilitis para sa mga kwalipikado. Batas pampamilya."
        ),
    },
    "Legal aid (criminal and family law)": {
        "fr": "Aide juridique (droit criminel et droit de la famille)",
        "es": "Asistencia jurídica (derecho penal y de familia)",
        "tl": "Legal aid (batas kriminal at pampamilya)",
    },
    "Migrant workers, refugee claimants, international students and undocumented people.": {
        "fr": "Travailleurs migrants, demandeurs d'asile, étudiants étrangers et personnes sans papiers.",
        "es": (
            "Trabajadores migrantes, solicitantes de refugio, estudiantes internacionales y personas indocumentadas."
        ),
        "tl": ("Mga migranteng manggagawa, refugee claimant, international student at mga taong walang dokumento."),
    },
    "Bilingual services.": {
        "fr": "Services bilingues.",
        "es": "Servicios bilingües.",
        "tl": "Serbisyong bilingguwal.",
    },
    (
        "OHS officers respond to complaints about unsafe work and to work refusals. Workers have the right "
        "to know, to participate and to refuse unsafe work."
    ): {
        "fr": (
            "Les agents de santé et de sécurité au travail donnent suite aux plaintes sur le travail "
            "dangereux et aux refus de travailler. Les travailleurs ont le droit de savoir, de participer et "
            "de refuser un travail dangereux."
        ),
        "es": (
            "Los inspectores de salud y seguridad en el trabajo atienden las quejas por trabajo inseguro y "
            "los rechazos de trabajo. Los trabajadores tienen derecho a saber, a participar y a rechazar un "
            "trabajo inseguro."
        ),
        "tl": (
            "Tumutugon ang mga OHS officer sa mga reklamo tungkol sa mapanganib na trabaho at sa pagtanggi "
            "sa trabaho. May karapatan ang mga manggagawa na malaman, makilahok at tumanggi sa mapanganib na "
            "trabaho."
        ),
    },
    (
        "Orientation and settlement, referrals to community resources, language training and help entering "
        "the labour market."
    ): {
        "fr": (
            "Orientation et établissement, orientation vers les ressources communautaires, formation "
            "linguistique et aide pour entrer sur le marché du travail."
        ),
        "es": (
            "Orientación y asentamiento, derivación a recursos comunitarios, formación lingüística y ayuda "
            "para entrar en el mercado laboral."
        ),
        "tl": (
            "Oryentasyon at paninirahan, referral sa mga mapagkukunan sa komunidad, pagsasanay sa wika at "
            "tulong sa pagpasok sa trabaho."
        ),
    },
    "Orientation, settlement and language training": {
        "fr": "Orientation, établissement et formation linguistique",
        "es": "Orientación, asentamiento y formación lingüística",
        "tl": "Oryentasyon, paninirahan at pagsasanay sa wika",
    },
    (
        "Settlement services and intake, the Resettlement Assistance Program, liaison for language training, "
        "and employment and careers support. Listed in Cooper Institute's migrant worker guide as a contact "
        "for housing problems."
    ): {
        "fr": (
            "Services d'établissement et d'accueil, Programme d'aide à la réinstallation, liaison pour la "
            "formation linguistique et soutien à l'emploi et à la carrière. Cité dans le guide du Cooper "
            "Institute pour les travailleurs migrants comme contact en cas de problème de logement."
        ),
        "es": (
            "Servicios de asentamiento y admisión, Programa de Asistencia para el Reasentamiento, enlace "
            "para la formación lingüística y apoyo para el empleo y la carrera. Figura en la guía del Cooper "
            "Institute para trabajadores migrantes como contacto para problemas de vivienda."
        ),
        "tl": (
            "Serbisyo sa paninirahan at pagtanggap, Resettlement Assistance Program, ugnayan para sa "
            "pagsasanay sa wika, at suporta sa trabaho at karera. Nakalista sa gabay ng Cooper Institute "
            "para sa mga migranteng manggagawa bilang contact para sa mga problema sa tirahan."
        ),
    },
    "Settlement, language and employment services": {
        "fr": "Services d'établissement, de langue et d'emploi",
        "es": "Servicios de asentamiento, idiomas y empleo",
        "tl": "Serbisyo sa paninirahan, wika at trabaho",
    },
    (
        "Settlement services, language instruction, employment services and network building; on-site child "
        "care for clients in English classes; after-school and summer programs; orientation to health "
        "services (Tele-Care 811, hospitals, walk-in clinics)."
    ): {
        "fr": (
            "Services d'établissement, cours de langue, services d'emploi et création de réseaux; garde "
            "d'enfants sur place pour les clients des cours d'anglais; programmes parascolaires et d'été; "
            "initiation aux services de santé (Télé-Soins 811, hôpitaux, cliniques sans rendez-vous)."
        ),
        "es": (
            "Servicios de asentamiento, clases de idiomas, servicios de empleo y creación de redes; cuidado "
            "infantil en el lugar para quienes asisten a clases de inglés; programas extraescolares y de "
            "verano; orientación sobre los servicios de salud (Tele-Care 811, hospitales, clínicas sin "
            "cita)."
        ),
        "tl": (
            "Serbisyo sa paninirahan, pagtuturo ng wika, serbisyo sa trabaho at pagbuo ng network; on-site "
            "na pag-aalaga ng bata para sa mga nasa klase ng Ingles; after-school at summer program; "
            "oryentasyon sa mga serbisyong pangkalusugan (Tele-Care 811, ospital, walk-in clinic)."
        ),
    },
    (
        "For temporary foreign workers across Nova Scotia: needs assessment and one-on-one counselling; "
        "referrals to legal, health, financial and government services; access to translation services; "
        "employment counselling; a Labour Standards guide; information on occupational health and safety and "
        "the right to refuse unsafe work."
    ): {
        "fr": (
            "Pour les travailleurs étrangers temporaires de toute la Nouvelle-Écosse : évaluation des "
            "besoins et counseling individuel; orientation vers des services juridiques, de santé, "
            "financiers et gouvernementaux; accès à des services de traduction; counseling d'emploi; un "
            "guide sur les normes du travail; information sur la santé et la sécurité au travail et le droit "
            "de refuser un travail dangereux."
        ),
        "es": (
            "Para trabajadores extranjeros temporales de toda Nueva Escocia: evaluación de necesidades y "
            "orientación individual; derivación a servicios jurídicos, de salud, financieros y "
            "gubernamentales; acceso a servicios de traducción; orientación laboral; una guía de normas "
            "laborales; información sobre salud y seguridad en el trabajo y el derecho a rechazar un trabajo "
            "inseguro."
        ),
        "tl": (
            "Para sa mga temporary foreign worker sa buong Nova Scotia: pagtatasa ng pangangailangan at "
            "one-on-one na counselling; referral sa mga serbisyong legal, pangkalusugan, pampinansiyal at ng "
            "gobyerno; access sa serbisyo ng pagsasalin; employment counselling; gabay sa Labour Standards; "
            "impormasyon tungkol sa kalusugan at kaligtasan sa trabaho at sa karapatang tumanggi sa "
            "mapanganib na trabaho."
        ),
    },
    (
        "An older page says temporary foreign workers and their partners qualify if they hold valid work "
        "permits and register with ISANS."
    ): {
        "fr": (
            "Selon une page plus ancienne, les travailleurs étrangers temporaires et leurs partenaires sont "
            "admissibles s'ils ont un permis de travail valide et s'inscrivent auprès de l'ISANS."
        ),
        "es": (
            "Según una página más antigua, los trabajadores extranjeros temporales y sus parejas pueden "
            "participar si tienen un permiso de trabajo válido y se registran en ISANS."
        ),
        "tl": (
            "Ayon sa isang lumang pahina, kwalipikado ang mga temporary foreign worker at kanilang partner "
            "kung may valid na work permit sila at magparehistro sa ISANS."
        ),
    },
    "Temporary Foreign Worker Support Program": {
        "fr": "Programme de soutien aux travailleurs étrangers temporaires",
        "es": "Programa de Apoyo a Trabajadores Extranjeros Temporales",
        "tl": "Programa ng Suporta para sa mga Temporary Foreign Worker",
    },
    (
        "Free welcome and integration services for immigrants; French conversation circles; information "
        "sessions (mental health, taxes, financial literacy, buying a first home); help searching for jobs "
        "and housing. In 2022 about 90% of clients at the Cap-Pelé office were Filipino, many working in "
        "seafood processing plants."
    ): {
        "fr": (
            "Services gratuits d'accueil et d'intégration pour les personnes immigrantes; cercles de "
            "conversation en français; séances d'information (santé mentale, impôts, littératie financière, "
            "achat d'une première maison); aide à la recherche d'emploi et de logement. En 2022, environ 90 "
            "% de la clientèle du bureau de Cap-Pelé était philippine, souvent employée dans des usines de "
            "transformation des produits de la mer."
        ),
        "es": (
            "Servicios gratuitos de acogida e integración para inmigrantes; círculos de conversación en "
            "francés; sesiones informativas (salud mental, impuestos, educación financiera, compra de una "
            "primera vivienda); ayuda para buscar empleo y vivienda. En 2022, cerca del 90 % de los clientes "
            "de la oficina de Cap-Pelé eran filipinos, muchos de ellos empleados en plantas procesadoras de "
            "mariscos."
        ),
        "tl": (
            "Libreng serbisyo sa pagtanggap at integrasyon para sa mga imigrante; conversation circle sa "
            "French; information session (kalusugang pangkaisipan, buwis, financial literacy, pagbili ng "
            "unang bahay); tulong sa paghahanap ng trabaho at tirahan. Noong 2022, mga 90% ng kliyente sa "
            "tanggapan sa Cap-Pelé ay Pilipino, marami ang nagtatrabaho sa mga planta ng pagproseso ng "
            "seafood."
        ),
    },
    "Welcome and integration services in French": {
        "fr": "Services d'accueil et d'intégration en français",
        "es": "Servicios de acogida e integración en francés",
        "tl": "Serbisyo sa pagtanggap at integrasyon sa wikang French",
    },
    (
        "Welcomes and supports temporary foreign workers: more than 600 welcome care kits delivered across "
        "New Brunswick; connects workers to resources and services."
    ): {
        "fr": (
            "Accueille et soutient les travailleurs étrangers temporaires : plus de 600 trousses de "
            "bienvenue distribuées partout au Nouveau-Brunswick; met les travailleurs en lien avec des "
            "ressources et des services."
        ),
        "es": (
            "Recibe y apoya a trabajadores extranjeros temporales: más de 600 kits de bienvenida entregados "
            "en todo Nuevo Brunswick; pone a los trabajadores en contacto con recursos y servicios."
        ),
        "tl": (
            "Tumatanggap at sumusuporta sa mga temporary foreign worker: mahigit 600 welcome care kit ang "
            "naipamigay sa buong New Brunswick; ikinokonekta ang mga manggagawa sa mga mapagkukunan at "
            "serbisyo."
        ),
    },
    "Welcome and support for temporary foreign workers": {
        "fr": "Accueil et soutien des travailleurs étrangers temporaires",
        "es": "Acogida y apoyo para trabajadores extranjeros temporales",
        "tl": "Pagtanggap at suporta para sa mga temporary foreign worker",
    },
    "Translation available on request.": {
        "fr": "Traduction offerte sur demande.",
        "es": "Traducción disponible a pedido.",
        "tl": "May pagsasalin kapag hiniling.",
    },
    (
        "Workplace injury insurance: claims, earnings-replacement benefits, treatment (which may be "
        "reimbursed after a worker returns home) and appeals. Employers of SAWP workers must register."
    ): {
        "fr": (
            "Assurance contre les accidents du travail : demandes d'indemnisation, prestations de "
            "remplacement du revenu, traitements (qui peuvent être remboursés après le retour du travailleur "
            "dans son pays) et appels. Les employeurs de travailleurs du PTAS doivent s'inscrire."
        ),
        "es": (
            "Seguro contra lesiones laborales: reclamaciones, prestaciones que reemplazan los ingresos, "
            "tratamiento (que puede reembolsarse después de que el trabajador regrese a su país) y "
            "apelaciones. Los empleadores de trabajadores del SAWP deben registrarse."
        ),
        "tl": (
            "Insurance para sa pinsala sa trabaho: mga claim, benepisyong pamalit sa kita, pagpapagamot (na "
            "maaaring ibalik ang bayad kahit nakauwi na ang manggagawa) at mga apela. Dapat magparehistro "
            "ang mga employer ng mga SAWP worker."
        ),
    },
    (
        "Occupational health and safety complaints, anonymous on request; the right to refuse dangerous "
        "work; reporting of serious incidents; workers' compensation."
    ): {
        "fr": (
            "Plaintes en matière de santé et de sécurité au travail, anonymes sur demande; droit de refuser "
            "un travail dangereux; signalement des incidents graves; indemnisation des travailleurs."
        ),
        "es": (
            "Quejas de salud y seguridad en el trabajo, anónimas si se pide; derecho a rechazar un trabajo "
            "peligroso; denuncia de incidentes graves; indemnización a los trabajadores."
        ),
        "tl": (
            "Mga reklamo sa kalusugan at kaligtasan sa trabaho, puwedeng hindi magpakilala kung hihilingin; "
            "karapatang tumanggi sa mapanganib na trabaho; pag-uulat ng malulubhang insidente; workers' "
            "compensation."
        ),
    },
    (
        "Welcoming Week and a Community Connections Fair with more than 30 organizations; a Canadian "
        "Workplace Expectations workshop; English classes; a volunteer arrivals team."
    ): {
        "fr": (
            "Semaine d'accueil et salon Community Connections avec plus de 30 organismes; atelier sur les "
            "attentes en milieu de travail au Canada; cours d'anglais; équipe de bénévoles pour l'accueil "
            "des nouveaux arrivants."
        ),
        "es": (
            "Semana de Bienvenida y una feria Community Connections con más de 30 organizaciones; un taller "
            "sobre lo que se espera en el trabajo en Canadá; clases de inglés; un equipo de voluntarios que "
            "recibe a los recién llegados."
        ),
        "tl": (
            "Welcoming Week at Community Connections Fair kasama ang mahigit 30 organisasyon; workshop "
            "tungkol sa inaasahan sa trabaho sa Canada; klase sa Ingles; grupo ng mga boluntaryong "
            "sumasalubong sa mga bagong dating."
        ),
    },
}
