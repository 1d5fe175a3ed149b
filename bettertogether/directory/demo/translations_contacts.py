"""French, Spanish and Tagalog for the demo's phone labels, hours notes and location names."""

CONTACT_TEXTS: dict[str, dict[str, str]] = {
    "Saint John office": {
        "fr": "Bureau de Saint John",
        "es": "Oficina de Saint John",
        "tl": "Tanggapan sa Saint John",
    },
    "Office": {
        "fr": "Bureau",
        "es": "Oficina",
        "tl": "Opisina",
    },
    "Migrant Workers Alliance for Change: the Madhu Centre's site directs callers to this number": {
        "fr": "Migrant Workers Alliance for Change : le site du Centre Madhu dirige les appels vers ce numéro",
        "es": "Migrant Workers Alliance for Change: el sitio del Centro Madhu remite a este número",
        "tl": "Migrant Workers Alliance for Change: itinuturo ng site ng Madhu Centre ang numerong ito",
    },
    "New Brunswick contact": {
        "fr": "Contact au Nouveau-Brunswick",
        "es": "Contacto en Nuevo Brunswick",
        "tl": "Contact sa New Brunswick",
    },
    "Toll-free": {
        "fr": "Sans frais",
        "es": "Gratuito",
        "tl": "Toll-free (libreng tawag)",
    },
    "Toll-free in Nova Scotia": {
        "fr": "Sans frais en Nouvelle-Écosse",
        "es": "Gratuito en Nueva Escocia",
        "tl": "Toll-free sa Nova Scotia",
    },
    "24/7; live agents Monday to Friday": {
        "fr": "24 h sur 24, 7 jours sur 7; agents en direct du lundi au vendredi",
        "es": "24/7; agentes en vivo de lunes a viernes",
        "tl": "24/7; may live agent Lunes hanggang Biyernes",
    },
    "Toll-free helpline": {
        "fr": "Ligne d'aide sans frais",
        "es": "Línea de ayuda gratuita",
        "tl": "Toll-free na helpline",
    },
    "24/7": {
        "fr": "24 h sur 24, 7 jours sur 7",
        "es": "24/7, todos los días",
        "tl": "24/7, araw-araw",
    },
    "Halifax Regional Municipality": {
        "fr": "Municipalité régionale d'Halifax",
        "es": "Municipalidad Regional de Halifax",
        "tl": "Halifax Regional Municipality (HRM)",
    },
    "Monday to Friday, 8:30 a.m. to 4:30 p.m.": {
        "fr": "Du lundi au vendredi, de 8 h 30 à 16 h 30",
        "es": "De lunes a viernes, de 8:30 a 16:30",
        "tl": "Lunes hanggang Biyernes, 8:30 n.u. hanggang 4:30 n.h.",
    },
    "Halifax": {
        "fr": "Halifax",
        "es": "Halifax",
        "tl": "Halifax",
    },
    "24-hour line for serious injuries": {
        "fr": "Ligne 24 h sur 24 pour les blessures graves",
        "es": "Línea de 24 horas para lesiones graves",
        "tl": "24-oras na linya para sa malulubhang pinsala",
    },
    "Western PEI navigator (May 2021)": {
        "fr": "Intervenante de l'ouest de l'Î.-P.-É. (mai 2021)",
        "es": "Orientadora del oeste de la Isla del Príncipe Eduardo (mayo de 2021)",
        "tl": "Navigator sa kanlurang PEI (Mayo 2021)",
    },
    "Toll-free in Atlantic Canada": {
        "fr": "Sans frais dans le Canada atlantique",
        "es": "Gratuito en el Atlántico canadiense",
        "tl": "Toll-free sa Atlantic Canada",
    },
    "1-800-9-LABOUR, 24 hours": {
        "fr": "1-800-9-LABOUR, 24 h sur 24",
        "es": "1-800-9-LABOUR, las 24 horas",
        "tl": "1-800-9-LABOUR, 24 oras",
    },
    "Outside Halifax Regional Municipality": {
        "fr": "À l'extérieur de la Municipalité régionale d'Halifax",
        "es": "Fuera de la Municipalidad Regional de Halifax",
        "tl": "Sa labas ng Halifax Regional Municipality",
    },
    "Long distance": {
        "fr": "Interurbain",
        "es": "Larga distancia",
        "tl": "Long distance",
    },
    "Injury reports": {
        "fr": "Déclarations de blessures",
        "es": "Informes de lesiones",
        "tl": "Ulat ng pinsala",
    },
    "Office line 902-424-5400": {
        "fr": "Ligne du bureau 902-424-5400",
        "es": "Línea de la oficina 902-424-5400",
        "tl": "Linya ng opisina 902-424-5400",
    },
    "1-800-9-LABOUR (1-800-952-2687), 24 hours": {
        "fr": "1-800-9-LABOUR (1-800-952-2687), 24 h sur 24",
        "es": "1-800-9-LABOUR (1-800-952-2687), las 24 horas",
        "tl": "1-800-9-LABOUR (1-800-952-2687), 24 oras",
    },
    "Live agents (6:30 a.m. to 8:00 p.m. Eastern time)": {
        "fr": "Agents en direct (de 6 h 30 à 20 h, heure de l'Est)",
        "es": "Agentes en vivo (de 6:30 a 20:00, hora del Este)",
        "tl": "Live agent (6:30 n.u. hanggang 8:00 n.g., Eastern time)",
    },
    "Leave a message at any time": {
        "fr": "Laissez un message à toute heure",
        "es": "Deje un mensaje a cualquier hora",
        "tl": "Mag-iwan ng mensahe anumang oras",
    },
    "24/7, 365 days a year": {
        "fr": "24 h sur 24, 365 jours par année",
        "es": "Las 24 horas, los 365 días del año",
        "tl": "24/7, buong taon",
    },
    "Western PEI office": {
        "fr": "Bureau de l'ouest de l'Î.-P.-É.",
        "es": "Oficina del oeste de la Isla del Príncipe Eduardo",
        "tl": "Tanggapan sa kanlurang PEI",
    },
    "Head office": {
        "fr": "Siège social",
        "es": "Oficina principal",
        "tl": "Punong tanggapan",
    },
    "Cap-Pelé office": {
        "fr": "Bureau de Cap-Pelé",
        "es": "Oficina de Cap-Pelé",
        "tl": "Tanggapan sa Cap-Pelé",
    },
    "Fredericton satellite office, Centre communautaire Sainte-Anne": {
        "fr": "Bureau satellite de Fredericton, Centre communautaire Sainte-Anne",
        "es": "Oficina satélite de Fredericton, Centre communautaire Sainte-Anne",
        "tl": "Satellite office sa Fredericton, Centre communautaire Sainte-Anne",
    },
    "Saint John satellite office, La Croisée, Centre communautaire Samuel-de-Champlain": {
        "fr": "Bureau satellite de Saint John, La Croisée, Centre communautaire Samuel-de-Champlain",
        "es": "Oficina satélite de Saint John, La Croisée, Centre communautaire Samuel-de-Champlain",
        "tl": "Satellite office sa Saint John, La Croisée, Centre communautaire Samuel-de-Champlain",
    },
    "Miramichi satellite office, Carrefour Beausoleil": {
        "fr": "Bureau satellite de Miramichi, Carrefour Beausoleil",
        "es": "Oficina satélite de Miramichi, Carrefour Beausoleil",
        "tl": "Satellite office sa Miramichi, Carrefour Beausoleil",
    },
    "Mailing address": {
        "fr": "Adresse postale",
        "es": "Dirección postal",
        "tl": "Mailing address (padalhan ng sulat)",
    },
}
