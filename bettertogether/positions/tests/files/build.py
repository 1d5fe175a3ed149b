"""Write the tiny LMIA test files, one or two per variant of FORMATS.md (A–H), with the exact header
spellings, encodings and line endings catalogued there. Run from the repository root:

    .venv/bin/python bettertogether/positions/tests/files/build.py

The files are checked in; the tests read them, never this script.
"""

from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
NBSP = "\u00a0"
PAD75 = 75


def csv_bytes(lines: list[str], encoding: str, ending: str) -> bytes:
    return ending.join(lines).encode(encoding) + ending.encode(encoding)


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def variant_a() -> None:
    # 2014 H2: no title, section headings, header repeated per section with another spelling, NBSP in the
    # postal code, 6-digit US ZIP, summary rows with thousands separators. cp1252, \r\r\n.
    lines = [
        "Newfoundland and Labrador,,",
        "Employer ,Address,Positions",
        f'Harbour Fisheries Ltd,"215 Water Street, Box{NBSP}20, Suite{NBSP}511, St. John\'s, NL  A1C{NBSP}6C9",3',
        "Nova Scotia,,",
        'Employer,Address," Positions \r\nApproved"',
        'Valley Farms – Kentville,"12 Main Street, Kentville, NS  B4N 1A1",12',
        'Valley Farms – Kentville,"RR2 Centreville, NS B0P 1J0",0',
        "Outside Canada,,",
        'Employer,Address," Positions \r\nApproved"',
        'Desert Inn,"3 Strip Road, Las Vegas, NV 891002, USA",2',
        'Other employers,,"5,967"',
        'Total ,,"30,396"',
    ]
    write("positive_employers_en.csv", csv_bytes(lines, "cp1252", "\r\r\n"))
    # 2015: 'Positions approved'; the BC section spells 'Address '.
    lines = [
        "Prince Edward Island,,",
        "Employer,Address,Positions approved",
        'Island Potatoes Inc.,"Charlottetown, PE C1A 4P3",4',
        "British Columbia,,",
        "Employer,Address ,Positions approved",
        'Okanagan Orchards,"Kelowna, BC V1Y 1A1",7',
    ]
    write("2015_positive_employers_en.csv", csv_bytes(lines, "cp1252", "\r\r\n"))


def variant_b() -> None:
    en = [
        "Employers who were issued a positive Labour Market Impact Assessment (LMIA) by National Occupational "
        "Classification (NOC) 2011 and business location in 2016,,,,",
        "Province/Territory,Employer,Address,Occupations under NOC 2011,Positions Approved",
        'Nova Scotia,Acadian Seafood Ltd,"Yarmouth, NS B5A 1A1",9463-Fish and seafood plant workers,20',
        ',,"Meteghan, NS B0W 2J0",9463-Fish and seafood plant workers,5',
        ",,,7611-Construction trades helpers and labourers,2",
        'New Brunswick,29/04/2016,"Moncton, NB E1C 1A1","0621-Retail and wholesale trade managers",1',
        'Prince Edward Island,Island Care Home,"Summerside, PE C1N 1A1",'
        '"4412-Home support workers, housekeepers and related occupations",3',
        ",,,,",
        "Notes:,,,,",
        '"1. The source for all information in this report is the Foreign Worker System (FWS).",,,,',
        '"4. Effective November 2016, NOC 2011 is being used.\r\nPrior to November 2016, NOC 2006.",,,,',
    ]
    write("2016_positive_employer_en.csv", csv_bytes(en, "cp1252", "\r\r\n"))
    fr = [
        "Employeurs ayant obtenu une Étude d'impact sur le marché du travail (EIMT) positive en 2016, par "
        "classification nationale des professions (CNP) 2011 et lieu d’affaires,,,,",
        'Province/Territoire,Employeur,Adresse,Profession sous CNP 2011,"Postes Approuvés\r\n"',
        'Nouvelle-Écosse,Pêcheries d’Acadie,"Chéticamp, NS B0E 1H0",13-Cadres supérieurs,1',
        ",,,124-Directeurs de la publicité,2",
        'Île-du-Prince-Édouard,Ferme Côté,"Souris, PE C0A 2B0",8431-Ouvriers agricoles,6',
        'À l\'extérieur du Canada,Navire Océan,"Wanchai, ",7532-Matelots de pont,3',
        "Notes:,,,,",
        '"1. La source de toutes les données est le Système des travailleurs étrangers (STÉ).",,,,',
    ]
    write("2016_positive_employer_fr.csv", csv_bytes(fr, "cp1252", "\r\r\n"))


def variant_c() -> None:
    # 2017Q1–Q2 half-year file, cp1252: Permanent Resident Only stream, NBSP inside an employer name.
    lines = [
        '"List of employers who were issued a positive Labour Market Impact Assessment (LMIA) by Stream,  '
        'National Occupational Classification (NOC) 2011 and business location in 2017 (January-June)",,,,,',
        "Province/Territory,Stream,Employer,Address,Occupations under NOC 2011,Positions Approved",
        f'Nova Scotia,    High Wage,Halifax{NBSP}Shipyard Ltd,"Halifax, NS B3J  0C",'
        "2175-Web designers and developers,3",
        ",,,,2174-Computer programmers and interactive media developers,1",
        ',   Low Wage,Tim Hortons,"Truro, NS B2N 1A1",6711-Food counter attendants,4',
        ',,,"Truro, NS B2N 5B5",6711-Food counter attendants,2',
        'New Brunswick,Permanent Resident Only,McCain Foods,"Florenceville-Bristol, NB E7L 1A1",'
        "0911-Manufacturing managers,1",
        ",  Primary Agriculture,,,8431-General farm workers,10",
        ",,,,,",
        "Notes:,,,,,",
        '"1. The source for all information in this report is the Foreign Worker System (FWS).",,,,,',
    ]
    write("2017q1q2_positive_en.csv", csv_bytes(lines, "cp1252", "\r\r\n"))
    # 2017Q4 in cp850 (é = 0x82, É = 0x90), 'Occupaitons under NOC 2011' (sic), 'Approved Positions'.
    lines = [
        "Employers who were issued a positive Labour Market Impact Assessment (LMIA) by Stream, National "
        "Occupational Classification (NOC) 2011 and business location in 2017 (October-December),,,,,",
        "Province/Territory,Stream,Employer,Address,Occupaitons under NOC 2011,Approved Positions",
        'New Brunswick,   Low Wage,Homard Cap-Pelé Ltée,"Cap-Pelé, NB E4N 1A1",9463-Fish and seafood plant workers,30',
        ',,ÉCOLE Évangéline,"Cap-Pelé, NB E4N 2B2",4032-Elementary school teachers,1',
        "Employers carrying on business in Canada with Head Office outside of Canada, Global Talent Stream,"
        'Océan Software GmbH,"Berlin, 10115",2174-Computer programmers and interactive media developers,2',
        "Notes:,,,,,",
        '"1. The source for all information in this report is the LMIA System.",,,,,',
    ]
    write("2017q4_positive_employer_en.csv", csv_bytes(lines, "cp850", "\r\r\n"))


def variant_d() -> None:
    # 2020Q1: 'Program Stream', 'Employer ', addresses without province and without a space in the code,
    # '(blank)' occupation, empty address on a foreign row (dense: not filled from above).
    lines = [
        '"Employers who were issued a positive Labour Market Impact Assessment (LMIA) by Program Stream, National '
        'Occupational Classification (NOC) 2011 and Business Location, January to March 2020",,,,,',
        "Province/Territory,Program Stream,Employer ,Address,Occupation,Approved Positions",
        'Newfoundland and Labrador,    High Wage,Eastern Health,"Mount Pearl, A1N3J5",3111-Specialist physicians,2',
        'Nova Scotia,   Low Wage,Pictou Fish Plant,"Pictou, B0K1H0",(blank),6',
        "Employers carrying on business in Canada with Head Office outside of Canada,   Low Wage,"
        "Sea Shipping Ltd,,7532-Water transport deck and engine room crew,4",
        "Employers carrying on business in Canada with Head Office outside of Canada,   Low Wage,"
        "Sea Shipping Ltd,,6322-Cooks,1",
        "Notes:,,,,,",
        '"1. The source for all information in this report is the LMIA System.",,,,,',
    ]
    write("tfwp_2020q1_positive_en.csv", csv_bytes(lines, "cp1252", "\r\r\n"))


def _xlsx(name: str, sheet: str, rows: list[list[object]]) -> None:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    workbook.save(HERE / name)


NOTES = [
    ["Notes:"],
    ["1. The source for all information in this report is Employment and Social Development Canada's LMIA System."],
    ["2. This list excludes all personal names."],
]


def variant_e() -> None:
    _xlsx(
        "useb-dgcetfw-2020q4tfwp_2020q4.xlsx",
        "Positive-EN",
        [
            [
                "Employers Who Were Issued a Positive Labour Market Impact Assessment (LMIA) by Program Stream, "
                "National Occupational Classification (NOC) 2011 and Business Location, October to December 2020"
            ],
            ["Province/Territory", "Program Stream", "Employer ", "Address ", "Occupation ", "Approved Positions"],
            [
                "Nova Scotia",
                "  Primary Agriculture",
                "Annapolis Valley Farms",
                "Berwick, NS B0P 1E0",
                "8431-General farm workers",
                25,
            ],
            [
                "Prince Edward Island",
                "   Low Wage",
                "PEI Mussel King",
                "Morell, PE C0A 1S0",
                "9463-Fish and seafood plant workers",
                8,
            ],
            ["Quebec", "    High Wage", "Studio Montréal", "Montreal,, QC H3L 1H9", "5241-Graphic designers", 1],
            *NOTES,
        ],
    )


def variant_f() -> None:
    # No title row (a third-party-edited copy, like 2022Q3): header on row 1, period from the file name.
    # 2022Q2's 'Requested' labels, a zero-position row, '(blank)' occupation, NBSP, lower-case postal code.
    _xlsx(
        "tfwp_2022q4_pos_en.xlsx",
        "Positive_EN ",
        [
            [
                "Province/Territory",
                "Program Stream",
                "Employer ",
                "Address ",
                "Occupation ",
                "Incorporate Status",
                "Requested LMIAs",
                "Requested Positions",
            ],
            [
                "New Brunswick",
                "    High Wage",
                f"J.D.{NBSP}Irving, Limited ",
                "Saint John, NB e2l 4l9",
                "2131-Civil engineers",
                "Corporation",
                2,
                3,
            ],
            [
                "New Brunswick",
                "   Low Wage",
                "Bouctouche Bay Seafood",
                "Bouctouche, NB E4S 3N1",
                "(blank)",
                "Unknown",
                1,
                0,
            ],
            [
                "Nova Scotia",
                " Global Talent Stream",
                "Halifax Tech Inc.",
                "Bedford, NB B4B 1J6",
                "2174-Computer programmers and interactive media developers",
                "Unknown",
                1,
                2,
            ],
            [
                "Employers carrying on business in Canada with Head Office outside of Canada",
                "   Low Wage",
                "Nordic Ships AS",
                "Abu Dhabi,",
                "6322-Cooks",
                "Corporation",
                1,
                1,
            ],
            *NOTES,
        ],
    )


def variant_g() -> None:
    def pad(text: str) -> str:
        return text.ljust(PAD75)

    _xlsx(
        "tfwp_2024q2_pos_en.xlsx",
        "Sheet1",
        [
            [
                "Employers Who Were Issued a Positive Labour Market Impact Assessment (LMIA) by Program Stream, "
                "National Occupational Classification (NOC) 2021 and Business Location, April to June 2024"
            ],
            [
                "Province/Territory",
                "Program Stream",
                "Employer",
                "Address",
                "Occupation",
                "Incorporate Status",
                "Approved LMIAs",
                "Approved Positions",
            ],
            [
                pad("Newfoundland and Labrador"),
                "High Wage          ",
                "Memorial University",
                "St. John’s, NL A1B 1W3",
                "21231-Software engineers and designers",
                "Registered Charity",
                1,
                1,
            ],
            [
                pad("Nova Scotia"),
                "Primary Agriculture  ",
                "Blueberry Fields Ltd",
                "Oxford, NS B0M 1P0",
                "85100-Livestock labourers",
                "Corporation",
                3,
                12,
            ],
            [
                pad("Nova Scotia"),
                "Low Wage            ",
                "Halifax Diner",
                "Halifax, NS B3H 1A1",
                "00012-Senior managers - trade, broadcasting and other services",
                "Unknown",
                1,
                1,
            ],
            [
                pad("Employers carrying on business in Canada with Head Office outside of Canada"),
                "Global Talent Stream  ",
                "Oslo Data AS",
                "Oslo, 0150",
                "21211-Data scientists",
                "Corporation",
                1,
                2,
            ],
            *NOTES,
        ],
    )


def variant_h() -> None:
    lines = [
        '"Employers Who Were Issued a Positive Labour Market Impact Assessment (LMIA) by Program Stream, National '
        'Occupational Classification (NOC) 2011 and Business Location, July to September 2021",b,c,d,e,f',
        "Province/Territory,Program Stream,Employer ,Address ,Occupation ,Approved Positions",
        'Nova Scotia,High Wage,Dalhousie University,"Halifax, NS B3H 4R2","4011-University professors and lecturers",2',
        'New Brunswick,Low Wage,Café Acadie,"Caraquet, NB E1W 1A1",6322-Cooks,1',
        "Employers carrying on business in Canada with Head Office outside of Canada,High Wage,"
        'VETEACHING SRL,"Guidizzolo, Mantova, 46040",4021-College and other vocational instructors,1',
    ]
    write("tfwp_2021q3_positive_en.csv", csv_bytes(lines, "utf-8", "\n"))


if __name__ == "__main__":
    for build in (variant_a, variant_b, variant_c, variant_d, variant_e, variant_f, variant_g, variant_h):
        build()
