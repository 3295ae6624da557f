#!/usr/bin/env python3
"""Generate netmap's sample network: ``sample_data/{contacts,introductions,companies}.csv``.

Deterministic (``random.Random(2026)``, stdlib only): running it twice produces
byte-identical files. The story it encodes is told in ``sample_data/README.md``:
Maya, a data analyst in Porto, wants an informational interview with the data team
at Halcyon Maps, Lisbon office.

Usage::

    python scripts/make_sample_data.py [OUTPUT_DIR]   # default: <repo>/sample_data
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from random import Random

SEED = 2026
TODAY = dt.date(2026, 11, 15)
FIRST_DAY = dt.date(2022, 1, 1)

CONTACT_FIELDS = [
    "id", "name", "company", "title", "office", "email", "linkedin_url", "relationship",
    "strength", "last_contact", "past_companies", "tags", "school", "notes", "phone",
]  # fmt: skip
INTRO_FIELDS = ["referrer", "contact", "date", "status", "strength", "notes"]
RELATIONSHIPS = [
    "family", "friend", "colleague", "former_colleague", "classmate", "teacher", "neighbor",
    "alumni", "recruiter", "acquaintance", "other",
]  # fmt: skip
STATUSES = ["suggested", "requested", "made", "met", "thanked", "declined", "no_response"]

UPORTO = "Universidade do Porto"
TARGET_COMPANY, TARGET_OFFICE = "Halcyon Maps", "Lisbon"

# --------------------------------------------------------------------------- companies
# (canonical name, head count, offices with relative weights). Zipf-ish sizes.
COMPANIES: list[tuple[str, int, list[tuple[str, float]]]] = [
    ("Halcyon Maps", 25, [("Lisbon", 11), ("Berlin", 8), ("Austin", 6)]),  # hand-built
    ("Tidewater Analytics", 24, [("Porto", 5), ("London", 2), ("Boston", 2)]),
    ("Portucalense Bank", 22, [("Porto", 5), ("Lisbon", 3), ("Madrid", 2)]),
    ("Globex", 18, [("Amsterdam", 3), ("Chicago", 2), ("Singapore", 2)]),
    ("Meta", 14, [("Dublin", 3), ("London", 2), ("Menlo Park", 2)]),
    ("Lumen Freight", 13, [("Porto", 4), ("Rotterdam", 1)]),
    ("Vireo Climate", 12, [("Lisbon", 3), ("Copenhagen", 2)]),
    ("Northwind Health", 12, [("Boston", 3), ("Dublin", 2)]),
    ("Kestrel Security", 10, [("London", 3), ("Warsaw", 2)]),
    ("Fjord Payments", 10, [("Oslo", 3), ("Amsterdam", 2)]),
    (UPORTO, 10, [("Porto", 1)]),
    ("Quantica Labs", 9, [("Munich", 3), ("Berlin", 1)]),
    ("Atlas Geodata", 8, [("Lisbon", 2), ("Madrid", 1)]),
    ("Brightwater Energy", 7, [("Porto", 1)]),
    ("Papercrane Studio", 6, [("Barcelona", 1)]),
    ("Metabase", 6, [("San Francisco", 1)]),
    ("Mosaic Learning", 6, [("Paris", 1)]),
    ("Solent Robotics", 5, [("Southampton", 1)]),
    ("Tessellate Games", 5, [("Seoul", 1)]),
    ("Saffron Foods", 5, [("Bengaluru", 1)]),
    ("Cobalt Insurance", 5, [("Zurich", 1)]),
    ("Riverbend Talent", 5, [("Lisbon", 1)]),
    ("Ardent Bio", 4, [("Cambridge", 1)]),
    ("Nimbus Cloudworks", 4, [("Tokyo", 1)]),
    ("Oakridge Retail", 4, [("Toronto", 1)]),
    ("Pinecone Mobility", 3, [("Stockholm", 1)]),
    ("Harbourline Consulting", 3, [("Singapore", 1)]),
]
COMPANY_NAMES = [c[0] for c in COMPANIES]

# alias -> canonical (companies.csv). Every canonical name is a company in contacts.csv.
ALIASES = [
    ("Halcyon", "Halcyon Maps"),
    ("HM", "Halcyon Maps"),
    ("Globex Corporation", "Globex"),
    ("Globex International", "Globex"),
    ("Tidewater", "Tidewater Analytics"),
    ("Banco Portucalense", "Portucalense Bank"),
    ("Facebook", "Meta"),
    ("Meta Platforms", "Meta"),
    ("U.Porto", UPORTO),
]
# Spellings used inside contacts.csv that must mean a canonical company:
# legal-suffix variants (netmap strips them) and aliases from companies.csv.
COMPANY_VARIANTS = {
    "Halcyon Maps, Inc.": "Halcyon Maps",
    "Halcyon Maps Inc": "Halcyon Maps",
    "Portucalense Bank SA": "Portucalense Bank",
    "Tidewater Analytics Ltd.": "Tidewater Analytics",
    **dict(ALIASES),
}

# ------------------------------------------------------------------------------ titles
DEPTS = ["data", "engineering", "product", "design", "sales", "marketing", "people", "finance"]
DEPT_WEIGHTS = [2.0, 3.0, 1.5, 1.0, 1.5, 1.0, 0.7, 0.8]
# level: 0 intern, 1 junior/associate, 2 IC, 3 senior, 4 staff/principal, 5 manager,
#        6 senior manager, 7 director, 8 head of, 9 VP, 10 C-level
TITLES: dict[str, list[list[str]]] = {
    "data": [
        ["Data Intern"],
        ["Junior Data Analyst", "Associate Data Scientist"],
        ["Data Analyst", "Data Scientist", "Data Engineer", "Analytics Engineer"],
        ["Senior Data Analyst", "Senior Data Scientist", "Senior Data Engineer"],
        ["Staff Data Scientist", "Principal Data Engineer"],
        ["Analytics Manager", "Data Engineering Manager", "Data Science Manager"],
        ["Senior Analytics Manager"],
        ["Director of Analytics", "Director of Data Science"],
        ["Head of Data"],
        ["VP Data"],
    ],
    "engineering": [
        ["Software Engineering Intern"],
        ["Junior Software Engineer"],
        ["Software Engineer", "Backend Engineer", "Frontend Engineer", "Site Reliability Engineer"],
        ["Senior Software Engineer", "Senior Backend Engineer", "Senior Frontend Engineer"],
        ["Staff Engineer", "Principal Engineer"],
        ["Engineering Manager"],
        ["Senior Engineering Manager"],
        ["Director of Engineering"],
        ["Head of Engineering"],
        ["VP Engineering"],
    ],
    "product": [
        ["Product Intern"],
        ["Associate Product Manager"],
        ["Product Manager"],
        ["Senior Product Manager"],
        ["Principal Product Manager"],
        ["Group Product Manager"],
        ["Senior Group Product Manager"],
        ["Director of Product"],
        ["Head of Product"],
        ["VP Product"],
    ],
    "design": [
        ["Design Intern"],
        ["Junior Product Designer"],
        ["Product Designer", "UX Researcher"],
        ["Senior Product Designer", "Senior UX Researcher"],
        ["Staff Product Designer"],
        ["Design Manager"],
        ["Senior Design Manager"],
        ["Director of Design"],
        ["Head of Design"],
        ["VP Design"],
    ],
    "sales": [
        ["Sales Intern"],
        ["Associate Account Executive"],
        ["Account Executive"],
        ["Senior Account Executive"],
        ["Principal Solutions Consultant"],
        ["Sales Manager"],
        ["Senior Sales Manager"],
        ["Director of Sales"],
        ["Head of Sales"],
        ["VP Sales"],
    ],
    "marketing": [
        ["Marketing Intern"],
        ["Marketing Associate"],
        ["Marketing Specialist", "Content Marketer", "Growth Marketer"],
        ["Senior Marketing Specialist", "Senior Growth Marketer"],
        ["Principal Product Marketer"],
        ["Marketing Manager"],
        ["Senior Marketing Manager"],
        ["Director of Marketing"],
        ["Head of Marketing"],
        ["VP Marketing"],
    ],
    "people": [
        ["People Intern"],
        ["People Associate"],
        ["People Partner", "Technical Recruiter"],
        ["Senior People Partner", "Senior Technical Recruiter"],
        ["Principal People Partner"],
        ["Talent Acquisition Manager"],
        ["Senior People Manager"],
        ["Director of People"],
        ["Head of People"],
        ["VP People"],
    ],
    "finance": [
        ["Finance Intern"],
        ["Junior Financial Analyst"],
        ["Financial Analyst", "Accountant"],
        ["Senior Financial Analyst"],
        ["Principal Financial Analyst"],
        ["Finance Manager"],
        ["Senior Finance Manager"],
        ["Director of Finance"],
        ["Head of Finance"],
        ["VP Finance"],
    ],
}
CUSTOM_TITLES = {
    UPORTO: [
        "Full Professor of Computer Science",
        "Associate Professor of Economics",
        "Assistant Professor of Data Science",
        "Lecturer in Statistics",
        "Lecturer in Information Systems",
        "Research Fellow",
        "PhD Researcher",
        "Research Intern",
    ],
    "Riverbend Talent": ["CEO", "Technical Recruiter", "Talent Partner", "Recruitment Associate"],
}


_LEVEL = {t: lvl for ladder_ in TITLES.values() for lvl, ts in enumerate(ladder_) for t in ts}


def level_of(title: str) -> int:
    if title in _LEVEL:
        return _LEVEL[title]
    t = title.lower()
    if t in ("ceo", "cto", "cfo"):
        return 10
    if t.startswith("vp"):
        return 9
    if t.startswith("head of"):
        return 8
    if t.startswith("director"):
        return 7
    if "intern" in t:
        return 0
    if t.startswith("senior") and ("manager" in t):
        return 6
    if "manager" in t and not t.endswith("product manager"):
        return 5
    if t.startswith(("staff", "principal")):
        return 4
    if t.startswith("senior"):
        return 3
    if t.startswith(("junior", "associate")) or t.endswith("associate"):
        return 1
    return 2


# ------------------------------------------------------------------------------- names
CULTURES: dict[str, tuple[list[str], list[str]]] = {
    "pt": (
        "Ana João Mariana Rui Catarina Miguel Sofia Beatriz Diogo Francisco Rita Gonçalo "
        "André Filipa Carolina Ricardo Vasco Teresa Luís Raquel Sérgio Matilde Henrique "
        "Madalena Simão Constança".split(),
        "Silva Santos Pereira Oliveira Rodrigues Martins Sousa Fernandes Gomes Marques "
        "Alves Pinto Moreira Correia Soares Monteiro Cardoso Neves Coelho Cunha Ramos "
        "Leite Magalhães Azevedo Brandão Antunes Simões Fonseca Valente".split(),
    ),
    "br": (
        "Thiago Larissa Gabriel Camila Lucas Juliana Rafael Fernanda Letícia Caio".split(),
        "Barbosa Araújo Cavalcanti Nascimento Moura Freitas Batista Campos".split(),
    ),
    "es": (
        "Alejandro Lucía Javier María Pablo Carmen Sergio Elena Álvaro Paula Iker Nerea Diego Alba".split(),
        "García Martínez López Sánchez Romero Navarro Torres Ruiz Jiménez Moreno Muñoz "
        "Iglesias Castillo Ortega Hernández Ramírez Vargas".split(),
    ),
    "de": (
        "Lukas Anna Jonas Marie Leon Laura Tobias Julia Maximilian Katharina Niklas Sophie Moritz Jana".split(),
        "Schneider Weber Meyer Wolf Schulz Koch Richter Klein Neumann Schwarz Zimmermann "
        "Braun Krüger Hartmann Lange Vogel Köhler".split(),
    ),
    "tr": (
        "Mehmet Elif Can Zeynep Burak Selin Deniz Ece".split(),
        "Kaya Şahin Çelik Arslan Doğan Öztürk Aydın Kılıç".split(),
    ),
    "pl": (
        "Piotr Agnieszka Tomasz Katarzyna Michał Magdalena Zofia Marek".split(),
        "Nowak Mazur Krawczyk Kaczmarek Zając Król Wieczorek Pawlak Michalak Sikora".split(),
    ),
    "en": (
        "Oliver Amelia Harry Isla George Emily Jack Grace Thomas Charlotte James Lucy Oscar Freya".split(),
        "Smith Jones Taylor Brown Williams Wilson Evans Roberts Walker Wright Hughes Hall Clarke Turner Harris".split(),
    ),
    "us": (
        "Michael Jessica Tyler Ashley Brandon Megan Kevin Lauren Jordan Kayla Ethan Madison Marcus Brianna".split(),
        "Johnson Miller Davis Anderson Jackson White Thompson Moore Robinson Lewis Young "
        "King Scott Green Baker Adams Nelson Carter".split(),
    ),
    "ie": (
        "Aoife Cian Niamh Seán Róisín Oisín Ciara Darragh Saoirse Eoin".split(),
        "Murphy Kelly Byrne Ryan O'Sullivan Walsh O'Connor McCarthy Doyle Gallagher".split(),
    ),
    "in": (
        "Aarav Priya Rohan Ananya Vikram Kavya Arjun Divya Rahul Sneha Karthik Meera Aditya Ishita".split(),
        "Sharma Patel Iyer Reddy Nair Gupta Menon Rao Krishnan Desai Kulkarni Chatterjee Bose Verma".split(),
    ),
    "ng": (
        "Chinedu Adaeze Tunde Ngozi Emeka Folake Obinna Yetunde Kelechi Amaka".split(),
        "Okafor Adeyemi Nwosu Balogun Eze Okonkwo Adebayo Olawale".split(),
    ),
    "cn": (
        "Wei Jing Hao Mei Jun Xin Yan Lei Ying Tao".split(),
        "Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Lin Tan Lim Ng".split(),
    ),
    "kr": (
        "Ji-woo Seo-yeon Min-seo Do-yun Ha-eun Jae-won Ye-jin Hyun-woo".split(),
        "Park Choi Jung Kang Yoon Jang Han Shin".split(),
    ),
    "jp": (
        "Haruto Yui Sota Aoi Ren Hina Yuto Sakura Kenji Yuki".split(),
        "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Kobayashi Kato Yoshida Yamada".split(),
    ),
    "nl": (
        "Daan Sanne Bram Lotte Sem Fleur Jeroen Eva Thijs Anouk".split(),
        [
            "de Jong",
            "Jansen",
            "de Vries",
            "van den Berg",
            "van Dijk",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "van der Meer",
        ],
    ),
    "fr": (
        "Camille Louis Léa Chloé Arthur Manon Théo Jules Élodie Mathis Margaux".split(),
        "Bernard Dubois Robert Richard Petit Durand Leroy Moreau Girard Fournier Mercier Lambert".split(),
    ),
    "nordic": (
        "Erik Ingrid Lars Astrid Magnus Sigrid Nils Freja Anders Maja Linnea Mikkel".split(),
        "Hansen Johansson Nielsen Andersson Lindqvist Berg Larsen Eriksson Dahl Holm Åberg Sørensen".split(),
    ),
    "it": (
        "Giulia Marco Chiara Luca Francesca Matteo Sara Alessandro Elisa Davide".split(),
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Conti".split(),
    ),
    "ar": (
        "Omar Layla Karim Yasmin Tariq Nadia Samir Rania".split(),
        "Haddad Khoury Mansour Nasser Saleh Hamdan Aziz El-Amin".split(),
    ),
}
CITY_CULTURES: dict[str, list[tuple[str, float]]] = {
    "Porto": [("pt", 8), ("br", 1), ("es", 0.5), ("fr", 0.5)],
    "Lisbon": [("pt", 7), ("br", 1.5), ("es", 0.5), ("it", 0.5), ("de", 0.5)],
    "Madrid": [("es", 6), ("pt", 1), ("it", 1)],
    "Barcelona": [("es", 6), ("fr", 1), ("it", 1)],
    "Berlin": [("de", 6), ("tr", 1.5), ("pl", 1), ("nordic", 0.5)],
    "Munich": [("de", 6), ("tr", 1), ("it", 1)],
    "Zurich": [("de", 5), ("it", 2), ("fr", 2)],
    "London": [("en", 6), ("in", 2), ("ng", 1.5), ("ie", 1), ("pl", 0.5)],
    "Southampton": [("en", 6), ("in", 1)],
    "Cambridge": [("en", 5), ("in", 1), ("cn", 1)],
    "Dublin": [("ie", 6), ("en", 1), ("pl", 1), ("br", 0.5)],
    "Boston": [("us", 6), ("in", 1.5), ("cn", 1), ("ie", 1)],
    "Chicago": [("us", 6), ("es", 1), ("pl", 1), ("ng", 1)],
    "Austin": [("us", 6), ("es", 1.5), ("in", 1)],
    "San Francisco": [("us", 5), ("cn", 1.5), ("in", 1.5), ("kr", 0.5)],
    "Menlo Park": [("us", 5), ("in", 2), ("cn", 1.5)],
    "Toronto": [("us", 4), ("cn", 1), ("in", 1), ("fr", 1)],
    "Amsterdam": [("nl", 6), ("de", 1), ("tr", 1), ("en", 0.5)],
    "Rotterdam": [("nl", 6), ("tr", 1)],
    "Paris": [("fr", 6), ("ar", 1.5), ("it", 0.5)],
    "Copenhagen": [("nordic", 6), ("de", 1)],
    "Oslo": [("nordic", 6), ("pl", 1)],
    "Stockholm": [("nordic", 6), ("ar", 1)],
    "Warsaw": [("pl", 7)],
    "Singapore": [("cn", 5), ("in", 2)],
    "Seoul": [("kr", 6)],
    "Tokyo": [("jp", 6)],
    "Bengaluru": [("in", 6)],
}
EASTERN_ORDER_IS_WESTERNISED = ("cn", "kr", "jp")  # generated as "Ji-woo Park" etc.

SCHOOLS_BY_CITY = {
    "Porto": [UPORTO, "Universidade Católica Portuguesa", "ISEP"],
    "Lisbon": ["Universidade de Lisboa", "Universidade Nova de Lisboa", "ISCTE", UPORTO],
    "Madrid": ["Universidad Complutense de Madrid", "IE University"],
    "Barcelona": ["Universitat Pompeu Fabra", "Universitat de Barcelona"],
    "Berlin": ["TU Berlin", "Humboldt-Universität zu Berlin"],
    "Munich": ["TU München", "LMU München"],
    "Zurich": ["ETH Zürich", "Universität Zürich"],
    "London": ["Imperial College London", "UCL", "King's College London"],
    "Southampton": ["University of Southampton"],
    "Cambridge": ["University of Cambridge"],
    "Dublin": ["Trinity College Dublin", "University College Dublin"],
    "Boston": ["MIT", "Northeastern University", "Boston University"],
    "Chicago": ["University of Chicago", "Northwestern University"],
    "Austin": ["UT Austin", "Texas A&M University"],
    "San Francisco": ["UC Berkeley", "Stanford University"],
    "Menlo Park": ["Stanford University", "UC Berkeley"],
    "Toronto": ["University of Toronto", "University of Waterloo"],
    "Amsterdam": ["Universiteit van Amsterdam", "TU Delft"],
    "Rotterdam": ["Erasmus University Rotterdam", "TU Delft"],
    "Paris": ["Sorbonne Université", "École Polytechnique"],
    "Copenhagen": ["University of Copenhagen", "DTU"],
    "Oslo": ["University of Oslo", "NTNU"],
    "Stockholm": ["KTH Royal Institute of Technology"],
    "Warsaw": ["University of Warsaw", "Warsaw University of Technology"],
    "Singapore": ["National University of Singapore", "NTU Singapore"],
    "Seoul": ["Seoul National University", "KAIST"],
    "Tokyo": ["University of Tokyo", "Keio University"],
    "Bengaluru": ["IISc Bangalore", "IIT Madras"],
}
PHONE_BY_CITY = {
    "Porto": "+351 9XX XXX XXX",
    "Lisbon": "+351 9XX XXX XXX",
    "Madrid": "+34 6XX XXX XXX",
    "Barcelona": "+34 6XX XXX XXX",
    "Berlin": "+49 15X XXXXXXX",
    "Munich": "+49 17X XXXXXXX",
    "Zurich": "+41 7X XXX XX XX",
    "London": "+44 7700 900XXX",
    "Southampton": "+44 7700 900XXX",
    "Cambridge": "+44 7700 900XXX",
    "Dublin": "+353 8X XXX XXXX",
    "Boston": "+1 617-555-01XX",
    "Chicago": "+1 312-555-01XX",
    "Austin": "+1 512-555-01XX",
    "San Francisco": "(415) 555-01XX",
    "Menlo Park": "+1 650-555-01XX",
    "Toronto": "+1 416-555-01XX",
    "Amsterdam": "+31 6 XXXX XXXX",
    "Rotterdam": "+31 6 XXXX XXXX",
    "Paris": "+33 6 XX XX XX XX",
    "Copenhagen": "+45 XX XX XX XX",
    "Oslo": "+47 9XX XX XXX",
    "Stockholm": "+46 7X-XXX XX XX",
    "Warsaw": "+48 5XX XXX XXX",
    "Singapore": "+65 9XXX XXXX",
    "Seoul": "+82 10-XXXX-XXXX",
    "Tokyo": "+81 90-XXXX-XXXX",
    "Bengaluru": "+91 98XXX XXXXX",
}
TAGS = [
    "python", "sql", "mentor", "climate", "geospatial", "gis", "ml", "hiring", "startup",
    "fintech", "design", "ux", "leadership", "remote", "spark", "dbt", "tableau", "open-source",
    "speaker", "running", "chess", "photography", "board-games", "pydata", "women-in-data",
]  # fmt: skip

_TRANSLIT = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "œ": "oe",
        "Œ": "OE",
    }
)


def slug(text: str) -> str:
    """Lowercase ASCII id; raises for text with no Latin letters (give those ids by hand)."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not s:
        raise ValueError(f"no ASCII slug for {text!r}")
    return s


def iso(d: dt.date) -> str:
    return d.isoformat()


def rand_date(rng: Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def weighted(rng: Random, pairs):
    pairs = list(pairs)
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def weighted_sample(rng: Random, items, weights, k):
    """k distinct items, without replacement, by weight."""
    items, weights, out = list(items), list(weights), []
    for _ in range(min(k, len(items))):
        i = rng.choices(range(len(items)), weights=weights, k=1)[0]
        out.append(items.pop(i))
        weights.pop(i)
    return out


# ------------------------------------------------------------------------ hand people
def person(name, company, office, title, pid=None, **kw) -> dict:
    p = dict.fromkeys(CONTACT_FIELDS, "")
    p.update(id=pid or slug(name), name=name, company=company, office=office, title=title)
    for k, v in kw.items():
        p[k] = v
    return p


# Halcyon Maps: the target company. Every row here is placed by hand.
HALCYON = [
    # Lisbon: the target office and its data team
    person(
        "Inês Carvalho",
        "Halcyon Maps",
        "Lisbon",
        "Head of Data",
        tags="geospatial;mentor;hiring",
        school="Universidade de Lisboa",
        past_companies="Metabase",  # not Meta: substring matching would tie her to Meta people
        linkedin_url="auto",
        email="auto",
        notes="Built the Lisbon data team from 3 to 9 people; speaks at PyData Lisbon.",
    ),
    person(
        "Tiago Mendes",
        "Halcyon Maps",
        "Lisbon",
        "Data Engineering Manager",
        tags="spark;dbt;data-platform",
        school="Universidade Nova de Lisboa",
        linkedin_url="auto",
        email="auto",
        notes="Runs the data platform team; Berlin's data engineers work on his roadmap.",
    ),
    person(
        "Rafaela Duarte",
        "Halcyon Maps",
        "Lisbon",
        "Director of Analytics",
        tags="leadership;tableau",
        school="ISCTE",
        past_companies="Portucalense Bank",
        linkedin_url="auto",
    ),
    person(
        "Mariana Lopes",
        "Halcyon Maps, Inc.",
        "Lisbon",
        "Senior Data Analyst",
        tags="sql;geospatial",
        school=UPORTO,
        email="auto",
    ),
    person(
        "Pedro Gonçalves",
        "Halcyon Maps",
        "Lisbon",
        "Data Engineer",
        tags="python;spark",
        school="Universidade de Lisboa",
        linkedin_url="auto",
    ),
    person(
        "Leonor Sá",
        "Halcyon Maps",
        "Lisbon",
        "Data Analyst",
        tags="sql;dbt",
        school="Universidade Nova de Lisboa",
        past_companies="Vireo Climate",
        linkedin_url="auto",
        email="auto",
    ),
    person(
        "Kenji Nakamura",
        "Halcyon Maps",
        "Lisbon",
        "Senior Data Engineer",
        tags="python;remote",
        school="University of Tokyo",
        past_companies="Nimbus Cloudworks",
    ),
    person(
        "Clara Rocha",
        "Halcyon Maps",
        "Lisbon",
        "Data Intern",
        school="ISCTE",
        notes="Summer 2026 intern on the routing-quality dashboards.",
    ),
    person(
        "Bruno Teixeira",
        "Halcyon Maps",
        "Lisbon",
        "Sales Manager",
        email="auto",
        school="Universidade Católica Portuguesa",
        notes='Met once at "Porto Data Night", March 2022; haven\'t spoken since.',
    ),
    person("Joana Pires", "Halcyon Maps", "Lisbon", "Product Designer", tags="ux;design"),
    person("Nuno Baptista", "Halcyon Maps", "Lisbon", "Staff Engineer", linkedin_url="auto"),
    # Berlin
    person(
        "Zoë Müller",
        "Halcyon Maps",
        "Berlin",
        "Senior Data Engineer",
        pid="zoe-muller",
        past_companies="Tidewater Analytics",
        school="TU Berlin",
        tags="python;data-engineering;mentor",
        email="auto",
        linkedin_url="auto",
        phone="+49 151 2046 7731",
        notes="Sat next to me at Tidewater, 2019-2021.\n"
        "Now on the Berlin data platform team; works closely with Tiago Mendes "
        "in Lisbon.",
    ),
    person("Jonas Becker", "Halcyon Maps", "Berlin", "VP Engineering", linkedin_url="auto"),
    person("Aylin Demir", "Halcyon Maps", "Berlin", "Product Manager", school="TU Berlin"),
    person("Felix Wagner", "Halcyon Maps", "Berlin", "Engineering Manager", email="auto"),
    person("Hannah Schmidt", "Halcyon Maps", "Berlin", "Data Scientist", tags="ml;python"),
    person("Emre Yıldız", "Halcyon", "Berlin", "Software Engineer", linkedin_url="auto"),
    person("Mateusz Kowalczyk", "Halcyon Maps", "Berlin", "Junior Software Engineer"),
    person("Lea Fischer", "Halcyon Maps", "Berlin", "Marketing Manager", email="auto"),
    # Austin (HQ)
    person("Rachel Goldberg", "Halcyon Maps", "Austin", "CEO", linkedin_url="auto", school="UT Austin"),
    person("Priya Raman", "Halcyon Maps", "Austin", "CTO", linkedin_url="auto"),
    person("Marcus Bell", "Halcyon Maps", "Austin", "CFO"),
    person("D'Angelo Price", "Halcyon Maps Inc", "Austin", "Director of Sales", email="auto"),
    person("Emily Tran", "Halcyon Maps", "Austin", "Head of People", linkedin_url="auto"),
    person("Carlos Mendoza", "Halcyon Maps", "Austin", "Senior Financial Analyst"),
]

# Everyone else placed by hand: story people and names that stress-test parsing.
OTHERS = [
    person(
        "Beatriz Santos",
        "Brightwater Energy",
        "Porto",
        "Senior Data Scientist",
        school=UPORTO,
        tags="python;climate;running",
        email="auto",
        linkedin_url="auto",
        phone="+351 912 408 315",
        notes="Best friend from uni (we shared a flat in 2016). Knows half of Lisbon's data scene.",
    ),
    person(
        "Afonso Pires",
        "Vireo Climate",
        "Lisbon",
        "Staff Data Scientist",
        past_companies="Halcyon;Atlas Geodata",
        school="Universidade de Lisboa",
        tags="climate;geospatial",
        linkedin_url="auto",
        notes="Worked with Inês Carvalho at Halcyon, 2019-2022.",
    ),
    person(
        "Sofia Marques",
        "Riverbend Talent",
        "Lisbon",
        "Senior Technical Recruiter",
        email="auto",
        linkedin_url="auto",
        phone="+351 935 771 204",
        tags="hiring",
        notes="Placed two Tidewater people at Halcyon; pushy, but well connected.",
    ),
    person(
        "Ana Ribeiro",
        "Globex",
        "Amsterdam",
        "Data Scientist",
        school=UPORTO,
        tags="ml;python",
        email="auto",
        linkedin_url="auto",
    ),
    person(
        "Hugo Almeida",
        "Portucalense Bank",
        "Lisbon",
        "Senior Data Analyst",
        school=UPORTO,
        linkedin_url="auto",
    ),
    person(
        "Marta Vieira",
        "Atlas Geodata",
        "Lisbon",
        "Senior Data Analyst",
        tags="gis;geospatial",
        school="Universidade Nova de Lisboa",
        email="auto",
    ),
    person(
        "Daniel Costa",
        "Vireo Climate",
        "Lisbon",
        "Data Engineering Manager",
        past_companies="Atlas Geodata",
        school="Universidade Nova de Lisboa",
        notes="Leonor Sá's first manager, at Vireo.",
    ),
    person(
        "Helena Ferreira",
        "",
        "",
        "Retired",
        phone="+351 917 300 118",
        notes="Mum. Taught maths for 35 years; retired in 2021.",
    ),
    person(
        "Rui Ferreira",
        "Portucalense Bank",
        "Porto",
        "Financial Analyst",
        phone="+351 913 552 907",
        email="auto",
        notes="Brother.",
    ),
    person(
        "Tomás Ferreira",
        "Papercrane Studio",
        "Barcelona",
        "Product Designer",
        tags="design;ux",
        linkedin_url="auto",
        notes="Cousin; moved to Barcelona in 2023.",
    ),
    person(
        "Graça Ferreira",
        UPORTO,
        "Porto",
        "Head of Careers Office",
        email="auto",
        notes='Aunt. Runs the careers office; "bring CVs printed!"',
    ),
    person(
        "Armando Lima",
        "",
        "",
        "Retired",
        phone="+351 226 104 552",
        notes="Neighbour from the 3rd floor, ex-port logistics manager.",
    ),
    person(
        "Manuela Sousa",
        UPORTO,
        "Porto",
        "Associate Professor of Statistics",
        email="auto",
        tags="mentor;statistics",
        notes="Supervised my master's thesis (spatial statistics of bus delays).",
    ),
    # stress-test names
    person("José Álvarez", "Atlas Geodata", "Madrid", "Senior Data Engineer"),
    person("Siobhán Ní Bhriain", "Northwind Health", "Dublin", "Director of Product"),
    person("Conor O'Brien", "Meta", "Dublin", "Technical Recruiter", email="auto", linkedin_url="auto"),
    person(
        "Samuel Okoro, Jr.",
        "Meta",
        "London",
        "Engineering Manager",
        linkedin_url="auto",
        school="Imperial College London",
    ),
    person(
        "王芳",
        "Globex",
        "Singapore",
        "Senior Product Manager",
        pid="wang-fang",
        school="National University of Singapore",
    ),
    person(
        "Дмитрий Соколов",
        "Quantica Labs",
        "Munich",
        "Staff Engineer",
        pid="dmitry-sokolov",
        school="TU München",
    ),
    person(
        "김민준",
        "Tessellate Games",
        "Seoul",
        "Senior Data Scientist",
        pid="kim-min-jun",
        past_companies="Facebook",
        school="KAIST",
    ),
    person("محمد العلي", "Globex", "Amsterdam", "Data Engineer", pid="mohammed-al-ali"),
    person(
        "佐藤 花子",
        "Nimbus Cloudworks",
        "Tokyo",
        "VP Product",
        pid="sato-hanako",
        school="Keio University",
    ),
    person(
        "Ελένη Παπαδοπούλου",
        "Meta",
        "Dublin",
        "Senior Data Analyst",
        pid="eleni-papadopoulou",
        school=UPORTO,
        notes="Erasmus year at U.Porto, 2017/18; same statistics cohort.",
    ),
    person("Søren Østergaard", "Fjord Payments", "Oslo", "CTO"),
    person("Łukasz Wróbel", "Kestrel Security", "Warsaw", "Senior Software Engineer"),
    person("François Lefèvre", "Mosaic Learning", "Paris", "CEO"),
    person("Nguyễn Thị Lan", "Harbourline Consulting", "Singapore", "Data Analyst"),
    person("Björn Åkesson", "Pinecone Mobility", "Stockholm", "Head of Engineering"),
    person("Adaeze Nwosu-Okafor", "Tidewater Analytics", "London", "Senior Data Scientist"),
]

# Direct contacts fixed by the story: id -> (relationship, strength, last_contact)
STORY_DIRECT = {
    "zoe-muller": ("former_colleague", 5, "2026-11-02"),
    "bruno-teixeira": ("acquaintance", 1, "2022-03-14"),
    "beatriz-santos": ("friend", 4, "2026-09-05"),
    "sofia-marques": ("recruiter", 3, "2026-07-20"),
    "ana-ribeiro": ("classmate", 3, "2025-01-20"),
    "helena-ferreira": ("family", 5, "2026-11-09"),
    "rui-ferreira": ("family", 5, "2026-11-12"),
    "tomas-ferreira": ("family", 4, "2026-06-30"),
    "graca-ferreira": ("family", 3, "2025-12-24"),
    "armando-lima": ("neighbor", 3, "2026-10-01"),
    "manuela-sousa": ("teacher", 3, "2025-06-18"),
    "eleni-papadopoulou": ("alumni", 2, "2024-05-10"),
    "conor-obrien": ("recruiter", 2, "2023-09-14"),
}
QUOTAS = {
    "family": 4, "friend": 10, "colleague": 5, "former_colleague": 14, "classmate": 7,
    "teacher": 4, "neighbor": 3, "alumni": 6, "recruiter": 5, "acquaintance": 8, "other": 4,
}  # fmt: skip
# Non-direct people whose place in the story must not be disturbed by random chains.
RESERVED = {
    "afonso-pires",
    "hugo-almeida",
    "marta-vieira",
    "daniel-costa",
    "samuel-okoro-jr",
    "kim-min-jun",
    "sato-hanako",
    "mohammed-al-ali",
}

# (referrer, contact, date, status, strength, notes) - the story's introductions.
STORY_INTROS = [
    # Path 2: university friend -> Afonso (met) -> Head of Data (suggested)
    (
        "beatriz-santos",
        "afonso-pires",
        "2026-09-12",
        "met",
        4,
        "Coffee at Time Out Market; Afonso left Halcyon in 2022 but still has lunch with the data team.",
    ),
    (
        "afonso-pires",
        "ines-carvalho",
        "2026-10-21",
        "suggested",
        3,
        'Afonso: "Inês loves talking to analysts who know maps, I\'ll ask her."',
    ),
    # Path 4: recruiter -> Director of Analytics, declined
    (
        "sofia-marques",
        "rafaela-duarte",
        "2026-08-04",
        "declined",
        2,
        'Rafaela replied "not hiring analysts this quarter, sorry".',
    ),
    # Path 5: a long chain from a classmate to a Lisbon analyst (pending)
    (
        "ana-ribeiro",
        "hugo-almeida",
        "2025-02-10",
        "thanked",
        4,
        "Ana's Erasmus flatmate; chat about risk models at Portucalense.",
    ),
    ("hugo-almeida", "marta-vieira", "2025-04-03", "met", 3, "Met at Geo Lisbon meetup."),
    (
        "marta-vieira",
        "daniel-costa",
        "2025-09-18",
        "met",
        4,
        "Lunch at Vireo, Daniel showed me their emissions maps",
    ),
    (
        "daniel-costa",
        "leonor-sa",
        "2026-10-30",
        "requested",
        4,
        "Asked Daniel to forward my one-paragraph blurb + CV to Leonor.",
    ),
    # Names, not ids, as endpoints (unique names; one contains a comma, one is Hangul)
    (
        "eleni-papadopoulou",
        "Samuel Okoro, Jr.",
        "2024-06-01",
        "met",
        3,
        "Ex-Meta Dublin teammates; video call, 30 min.",
    ),
    (
        "Samuel Okoro, Jr.",
        "김민준",
        "2024-07-15",
        "thanked",
        2,
        "Samuel's former report, now at Tessellate in Seoul.",
    ),
    (
        "kim-min-jun",
        "sato-hanako",
        "2024-09-02",
        "no_response",
        1,
        "Sent two follow-ups, nothing back.",
    ),
    (
        "conor-obrien",
        "محمد العلي",
        "2023-10-02",
        "made",
        2,
        "Intro email sent; Mohammed is on Globex's data platform team.",
    ),
]

INTRO_NOTES = {
    "met": [
        "Coffee in {city}; very generous with time",
        "Video call, 30 min",
        'Said "happy to pass your CV along"',
        "Lunch near the {city} office",
        "Met at a meetup, then a long walk",
        "Call went well, suggested more names",
        "",
    ],
    "thanked": [
        "Sent a thank-you note and a book",
        "Thanked after the chat, promised updates",
        "Thank-you email sent, got a warm reply",
        "",
    ],
    "made": [
        "Intro email sent, need to follow up",
        "Double opt-in intro done",
        "Intro made over LinkedIn",
        "",
    ],
    "suggested": ["{ref} offered to intro, haven't asked yet", "{ref} thinks we should talk", ""],
    "requested": ["Asked, waiting for {ref} to forward", "Sent a short blurb + CV to forward", ""],
    "declined": [
        "Politely declined: too busy this quarter",
        'Replied "not the right person, sorry"',
        "Declined, but said try again in spring",
    ],
    "no_response": [
        "Sent two follow-ups, nothing back",
        "No reply; maybe wrong email?",
        "Seen on LinkedIn, no answer",
        "",
    ],
}
DIRECT_NOTES = {
    "friend": [
        "Friend since {year}; hikes together",
        "Friend from uni, coffee most months",
        'Calls me "the spreadsheet whisperer"',
        "",
    ],
    "colleague": ["Sits two desks over", "Same squad, different time zone", ""],
    "former_colleague": [
        "Worked together on the churn model, {year}",
        "Former teammate; great at SQL, terrible at naming tables",
        "",
    ],
    "classmate": ["Same statistics cohort", "Group project partner, {year}", ""],
    "teacher": ["Taught my databases course", "Lecturer for econometrics; still replies to email"],
    "neighbor": ["Lives downstairs", "Neighbour, borrows my ladder"],
    "alumni": ["U.Porto alumni network, met at the {year} reunion", "Alumni mentoring scheme"],
    "recruiter": ["Reached out on LinkedIn, {year}", "Agency recruiter, data roles"],
    "acquaintance": ["Met at PyData Porto, {year}", "Friend of a friend", ""],
    "other": ["Climbing gym regular", "Volunteer at Porto Code Club", "Book club, Tuesdays"],
}


def build(rng: Random):
    people: list[dict] = []
    by_id: dict[str, dict] = {}
    slugs: set[str] = set()

    def add(p: dict) -> None:
        assert p["id"] not in by_id, p["id"]
        people.append(p)
        by_id[p["id"]] = p
        slugs.add(p["id"])
        if p["name"].isascii() or any(c.isascii() and c.isalpha() for c in p["name"]):
            slugs.add(slug(p["name"]))

    for p in HALCYON + OTHERS:
        add(p)
    hand_ids = {p["id"] for p in HALCYON + OTHERS}

    def new_name(office: str) -> str:
        while True:
            culture = weighted(rng, CITY_CULTURES[office])
            first, last = rng.choice(CULTURES[culture][0]), rng.choice(CULTURES[culture][1])
            name = f"{first} {last}"
            if slug(name) not in slugs and all(name != q["name"] for q in people):
                return name

    # --- fill every company up to its head count
    for company, size, offices in COMPANIES:
        placed = [p for p in people if COMPANY_VARIANTS.get(p["company"], p["company"]) == company]
        if company in CUSTOM_TITLES:
            titles = list(CUSTOM_TITLES[company])
            for p in placed:
                if p["title"] in titles:
                    titles.remove(p["title"])
        else:
            titles = ladder(rng, size)
            for p in placed:
                lvl = level_of(p["title"])
                same = [t for t in titles if level_of(t) == lvl]
                if p["title"] in titles:
                    titles.remove(p["title"])
                elif same:
                    titles.remove(same[0])
                else:
                    ic = [t for t in titles if level_of(t) <= 3]
                    titles.remove(ic[-1])
        missing = size - len(placed)
        if missing == 0:
            continue
        assert len(titles) >= missing, (company, len(titles), missing)
        titles = titles[:missing]
        rng.shuffle(titles)
        for title in titles:
            office = weighted(rng, offices)
            name = new_name(office)
            add(person(name, company, office, title, pid=slug(name)))

    # --- choose the user's direct contacts
    for pid, (rel, strength, last) in STORY_DIRECT.items():
        by_id[pid].update(relationship=rel, strength=str(strength), last_contact=last)
    used = Counter(rel for rel, _, _ in STORY_DIRECT.values())

    def eligible(p: dict) -> bool:
        return (
            not p["relationship"]
            and p["id"] not in RESERVED
            and p["company"] != ""
            and COMPANY_VARIANTS.get(p["company"], p["company"]) != TARGET_COMPANY
        )

    def near(p: dict) -> float:
        """Maya (late 20s, Porto) mostly knows people near her, and near her seniority."""
        seniority = [0.5, 1, 1.2, 1.2, 0.8, 0.8, 0.5, 0.3, 0.15, 0.08, 0.05][level_of(p["title"])]
        return {"Porto": 5.0, "Lisbon": 3.0}.get(p["office"], 1.0) * seniority

    def pick(rel: str, pred, n: int) -> list[dict]:
        cands = [p for p in people if eligible(p) and pred(p)]
        return weighted_sample(rng, cands, [near(p) for p in cands], n)

    def at(company, office=None):
        return lambda p: p["company"] == company and (office is None or p["office"] == office)

    plan = [  # most specific first, so the broad picks cannot starve them
        (
            "recruiter",
            lambda p: p["company"] == "Riverbend Talent" and re.search("Recruiter|Talent", p["title"]),
            2,
        ),
        ("recruiter", lambda p: re.search("Recruiter|Talent", p["title"]), None),
        (
            "teacher",
            lambda p: p["company"] == UPORTO and re.search("Professor|Lecturer", p["title"]),
            None,
        ),
        ("colleague", at("Lumen Freight", "Porto"), None),
        ("former_colleague", at("Tidewater Analytics", "Porto"), 4),
        ("former_colleague", at("Portucalense Bank", "Porto"), 4),
        (
            "former_colleague",
            lambda p: p["company"] not in ("Tidewater Analytics", "Portucalense Bank", UPORTO),
            None,
        ),
        ("neighbor", lambda p: p["office"] == "Porto" and p["company"] != UPORTO, None),
        ("classmate", lambda p: p["company"] != UPORTO, None),
        ("alumni", lambda p: p["company"] != UPORTO, None),
        ("friend", lambda p: True, None),
        ("acquaintance", lambda p: True, None),
        ("other", lambda p: True, None),
    ]
    for rel, pred, n in plan:
        want = QUOTAS[rel] - used[rel]
        n = want if n is None else min(n, want)
        chosen = pick(rel, pred, n)
        assert len(chosen) == n, (rel, n, len(chosen))
        for p in chosen:
            p["relationship"] = rel
            used[rel] += 1
    assert used == Counter(QUOTAS), used

    # --- fill in the rest of each row
    for p in people:
        rel = p["relationship"]
        direct = bool(rel)
        canon = COMPANY_VARIANTS.get(p["company"], p["company"])
        office = p["office"] or "Porto"
        if direct and p["id"] not in STORY_DIRECT:
            strength = direct_strength(rng, rel)
            p["strength"] = str(strength)
            p["last_contact"] = iso(last_contact_for(rng, strength))
        hand = p["id"] in hand_ids
        # schools
        if not p["school"] and p["company"]:
            if rel in ("classmate", "alumni", "teacher") or (rel == "friend" and rng.random() < 0.6):
                p["school"] = UPORTO
            elif rel == "former_colleague" and rng.random() < 0.4:
                p["school"] = UPORTO
            elif rng.random() < 0.7:
                p["school"] = rng.choice(SCHOOLS_BY_CITY[office])
        # past companies
        if not hand and rel == "former_colleague" and canon not in ("Tidewater Analytics", "Portucalense Bank"):
            p["past_companies"] = rng.choice(
                [
                    "Tidewater Analytics",
                    "Portucalense Bank",
                    "Tidewater Analytics Ltd.",
                    "Portucalense Bank SA;Tidewater Analytics",
                ]
            )
        elif not hand and not p["past_companies"] and rng.random() < 0.35:
            # random histories never mention the target (its only ex-member is Afonso) nor
            # Metabase (its only ex-member is Inês: the Meta/Metabase substring trap)
            skip = (canon, UPORTO, "Riverbend Talent", TARGET_COMPANY, "Metabase")
            others = [c for c in COMPANY_NAMES if c not in skip]
            past = rng.sample(others, rng.choice([1, 1, 1, 2]))
            p["past_companies"] = ";".join(past)
        # tags
        if not hand and rng.random() < 0.5:
            p["tags"] = ";".join(rng.sample(TAGS, rng.randint(1, 3)))
        # contact details
        email_p = 0.75 if direct else 0.52
        if p["email"] == "auto" or (not hand and p["company"] and rng.random() < email_p):
            p["email"] = make_email(p, canon)
        if p["linkedin_url"] == "auto" or (not hand and rng.random() < (0.7 if direct else 0.55)):
            suffix = ""
            if rng.random() >= 0.8:  # some profiles carry LinkedIn's random suffix
                suffix = "-" + "".join(rng.choices("0123456789abcdef", k=4))
            p["linkedin_url"] = f"https://www.linkedin.com/in/{p['id']}{suffix}"
        if not hand and p["office"] and rng.random() < 0.3:
            p["phone"] = phone(rng, p["office"])
        # notes
        if not hand and direct and rng.random() < 0.55:
            p["notes"] = rng.choice(DIRECT_NOTES[rel]).format(year=rng.randint(2012, 2025))
        elif not hand and not direct and rng.random() < 0.08:
            p["notes"] = rng.choice(
                [
                    "Speaks at meetups, often about {t}",
                    "Moved from {c}, 2024",
                    'Ex-{c}; "the dashboard person"',
                ]
            ).format(t=rng.choice(TAGS), c=rng.choice(COMPANY_NAMES[1:15]))
    # one more multi-line note on a random direct contact (RFC-4180 embedded newline)
    multi = [p for p in people if p["relationship"] == "friend" and not p["notes"]]
    rng.choice(multi)["notes"] = "Birthday: 14 May.\nPrefers WhatsApp, not email."

    intros = build_intros(rng, people, by_id)

    # legal-suffix variants and aliases in the data itself (netmap must normalise them)
    for company, variant in [
        ("Portucalense Bank", "Portucalense Bank SA"),
        ("Globex", "Globex Corporation"),
        ("Tidewater Analytics", "Tidewater Analytics Ltd."),
    ]:
        cands = [p for p in people if p["company"] == company and not p["relationship"]]
        rng.choice(cands)["company"] = variant
    for company, alias in [("Globex", "Globex International"), ("Meta", "Meta Platforms")]:
        cands = [p for p in people if company in p["past_companies"].split(";")]
        q = rng.choice(cands)
        q["past_companies"] = ";".join(alias if c == company else c for c in q["past_companies"].split(";"))
    rng.shuffle(people)  # a real export is not grouped by company
    return people, intros


def ladder(rng: Random, n: int) -> list[str]:
    """Titles for a company of n people, from the top down."""
    titles = ["CEO"] if n >= 3 else []
    if n >= 8:
        titles.append("CTO")
    if n >= 14:
        titles.append("CFO")
    nvp = 2 if n >= 16 else 1 if n >= 11 else 0
    nhead = 2 if n >= 18 else 1 if n >= 9 else 0
    ndir = 2 if n >= 14 else 1 if n >= 6 else 0
    depts = weighted_sample(rng, DEPTS, DEPT_WEIGHTS, nvp + nhead + ndir)
    for i, d in enumerate(depts):
        level = 9 if i < nvp else 8 if i < nvp + nhead else 7
        titles.append(rng.choice(TITLES[d][level]))
    if n >= 12:
        titles.append(rng.choice(TITLES[weighted(rng, zip(DEPTS, DEPT_WEIGHTS, strict=True))][6]))
    for _ in range(n // 6):
        titles.append(rng.choice(TITLES[weighted(rng, zip(DEPTS, DEPT_WEIGHTS, strict=True))][5]))
    while len(titles) < n + 3:  # a few spare ICs, trimmed later
        d = weighted(rng, zip(DEPTS, DEPT_WEIGHTS, strict=True))
        lvl = weighted(rng, [(0, 1), (1, 2), (2, 4), (3, 3), (4, 1)])
        titles.append(rng.choice(TITLES[d][lvl]))
    # keep the top of the ladder; spare ICs are at the end
    return titles


def direct_strength(rng: Random, rel: str) -> int:
    lo, hi = {
        "family": (3, 5), "friend": (3, 5), "colleague": (3, 4), "former_colleague": (2, 5),
        "classmate": (2, 4), "teacher": (2, 3), "neighbor": (2, 3), "alumni": (1, 3),
        "recruiter": (2, 3), "acquaintance": (1, 2), "other": (1, 3),
    }[rel]  # fmt: skip
    return rng.randint(lo, hi)


def last_contact_for(rng: Random, strength: int) -> dt.date:
    lo = {5: "2026-05-01", 4: "2025-06-01", 3: "2024-01-01", 2: "2022-06-01", 1: "2022-01-01"}
    hi = {5: "2026-11-14", 4: "2026-11-10", 3: "2026-10-15", 2: "2025-12-31", 1: "2024-06-30"}
    return rand_date(rng, dt.date.fromisoformat(lo[strength]), dt.date.fromisoformat(hi[strength]))


def make_email(p: dict, canon: str) -> str:
    local = p["id"].replace("-", ".")
    domain = re.sub(r"[^a-z]", "", canon.lower()) if canon else "mail"
    return f"{local}@{domain}.example"


def phone(rng: Random, office: str) -> str:
    return "".join(str(rng.randint(0, 9)) if c == "X" else c for c in PHONE_BY_CITY[office])


# ------------------------------------------------------------------------ introductions
def build_intros(rng: Random, people: list[dict], by_id: dict[str, dict]) -> list[dict]:
    name_to_id = {p["name"]: p["id"] for p in people}
    rows: list[dict] = []
    pairs: set[tuple[str, str]] = set()

    def rid(x: str) -> str:
        return by_id[x]["id"] if x in by_id else name_to_id[x]

    def add(ref, con, date, status, strength, notes):
        key = (rid(ref), rid(con))
        assert key not in pairs and key[0] != key[1], key
        pairs.add(key)
        rows.append(
            dict(
                referrer=ref,
                contact=con,
                date=date,
                status=status,
                strength="" if strength is None else str(strength),
                notes=notes,
            )
        )

    for r in STORY_INTROS:
        add(*r)

    story_nodes = {rid(x) for r in STORY_INTROS for x in r[:2]}
    directs = [
        p
        for p in people
        if p["relationship"] and p["company"] and COMPANY_VARIANTS.get(p["company"], p["company"]) != TARGET_COMPANY
    ]
    fresh = [
        p
        for p in people
        if not p["relationship"]
        and p["id"] not in RESERVED
        and p["id"] not in story_nodes
        and COMPANY_VARIANTS.get(p["company"], p["company"]) != TARGET_COMPANY
    ]
    rng.shuffle(fresh)
    target = rng.randint(98, 104)
    met_nodes: list[tuple[str, dt.date]] = []  # (id, date they were met) for extra edges

    def next_hop(ref: dict) -> dict:
        same = [p for p in fresh if p["company"] == ref["company"] and p["company"]]
        if same and rng.random() < 0.5:
            q = rng.choice(same)
        else:
            q = fresh[-1]
        fresh.remove(q)
        return q

    final_weights = [
        ("met", 12),
        ("thanked", 8),
        ("made", 14),
        ("suggested", 15),
        ("requested", 14),
        ("declined", 13),
        ("no_response", 14),
    ]
    extra_budget = 6
    while len(rows) < target - extra_budget:
        length = weighted(rng, [(1, 30), (2, 30), (3, 25), (4, 15)])
        length = min(length, target - extra_budget - len(rows))
        start = rng.choice(directs)
        # the user was in touch with the starter when they made the introduction
        lo = dt.date(2022, 3, 1)
        hi = min(dt.date.fromisoformat(start["last_contact"]), TODAY - dt.timedelta(days=40 * length + 5))
        if hi < lo:
            continue
        day = rand_date(rng, lo, hi)
        ref = start
        for hop in range(length):
            con = next_hop(ref)
            last = hop == length - 1
            status = weighted(rng, final_weights) if last else rng.choice(["met", "thanked"])
            strength = (
                None
                if rng.random() < 0.15
                else (rng.randint(3, 5) if con["company"] == ref["company"] else rng.randint(1, 4))
            )
            note = rng.choice(INTRO_NOTES[status]).format(city=con["office"] or "Porto", ref=ref["name"].split()[0])
            add(ref["id"], con["id"], iso(day), status, strength, note)
            if status in ("met", "thanked"):
                met_nodes.append((con["id"], day))
            ref = con
            day = day + dt.timedelta(days=rng.randint(6, 40))

    # a few converging edges: someone already met introduces a person another chain reached
    out_dates: dict[str, list[dt.date]] = {}
    in_dates: dict[str, list[dt.date]] = {}
    for r in rows:
        out_dates.setdefault(rid(r["referrer"]), []).append(dt.date.fromisoformat(r["date"]))
        in_dates.setdefault(rid(r["contact"]), []).append(dt.date.fromisoformat(r["date"]))
    contacts_done = [rid(r["contact"]) for r in rows[len(STORY_INTROS) :]]
    tries = 0
    while extra_budget and tries < 3000:
        tries += 1
        ref_id, met_day = rng.choice(met_nodes)
        con_id = rng.choice(contacts_done)
        if (ref_id, con_id) in pairs or ref_id == con_id or reaches(rows, rid, con_id, ref_id):
            continue
        if longest_chain(rows, rid, extra=(ref_id, con_id)) > MAX_DEPTH:
            continue  # keep every chain 1-4 introductions long
        day = met_day + dt.timedelta(days=rng.randint(10, 60))
        later = out_dates.get(con_id, [])
        if day > TODAY or (later and day >= min(later)) or day <= max(in_dates[ref_id]):
            continue
        status = weighted(rng, final_weights)
        note = rng.choice(INTRO_NOTES[status]).format(
            city=by_id[con_id]["office"] or "Porto", ref=by_id[ref_id]["name"].split()[0]
        )
        add(ref_id, con_id, iso(day), status, rng.randint(1, 4), note)
        out_dates.setdefault(ref_id, []).append(day)
        in_dates.setdefault(con_id, []).append(day)
        extra_budget -= 1

    # ~15% of rows name people instead of using their id (names are unique)
    story_rows = len(STORY_INTROS)
    named = sum(1 for r in rows if r["referrer"] not in by_id or r["contact"] not in by_id)
    candidates = list(range(story_rows, len(rows)))
    rng.shuffle(candidates)
    for i in candidates[: max(0, round(len(rows) * 0.15) - named)]:
        side = rng.choice(["referrer", "contact", "contact"])
        rows[i][side] = by_id[rows[i][side]]["name"]

    # a newline and quotes inside one note
    rows[story_rows + 3]["notes"] = 'Long call.\nAdvice: "lead with the Porto bus-delay project".'
    rows.sort(key=lambda r: (r["date"], rid(r["referrer"]), rid(r["contact"])))
    return rows


MAX_DEPTH = 4


def longest_chain(rows, rid, extra=None) -> int:
    """The most introductions in a row along referrer -> contact edges (a DAG)."""
    adj: dict[str, list[str]] = {}
    edges = [(rid(r["referrer"]), rid(r["contact"])) for r in rows]
    for a, b in edges + ([extra] if extra else []):
        adj.setdefault(a, []).append(b)
    memo: dict[str, int] = {}

    def depth(n: str) -> int:
        if n not in memo:
            memo[n] = max((1 + depth(m) for m in adj.get(n, [])), default=0)
        return memo[n]

    return max((depth(a) for a in adj), default=0)


def reaches(rows, rid, src: str, dst: str) -> bool:
    """True when dst is reachable from src along referrer -> contact edges."""
    adj: dict[str, list[str]] = {}
    for r in rows:
        adj.setdefault(rid(r["referrer"]), []).append(rid(r["contact"]))
    stack, seen = [src], {src}
    while stack:
        node = stack.pop()
        if node == dst:
            return True
        for nxt in adj.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


# ---------------------------------------------------------------------------- output
def write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        writer.writerows(rows)


def self_check(out: Path) -> dict:
    """Re-read the written files and assert the invariants the tests and README rely on."""
    with (out / "contacts.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == CONTACT_FIELDS, reader.fieldnames
        contacts = list(reader)
    with (out / "introductions.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == INTRO_FIELDS, reader.fieldnames
        intros = list(reader)
    with (out / "companies.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["alias", "canonical"], reader.fieldnames
        aliases = list(reader)

    ids = [c["id"] for c in contacts]
    names = [c["name"] for c in contacts]
    assert len(set(ids)) == len(ids), "duplicate ids"
    assert len(set(names)) == len(names), "duplicate names"
    assert len({n.casefold() for n in names}) == len(names), "names equal up to case"
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), "bad id"
    assert "me" not in ids and not set(ids) & set(names)
    assert all(c["name"].strip() for c in contacts)
    assert 240 <= len(contacts) <= 280, len(contacts)

    canon_used = {COMPANY_VARIANTS.get(c["company"], c["company"]) for c in contacts} - {""}
    assert canon_used == set(COMPANY_NAMES), canon_used ^ set(COMPANY_NAMES)
    assert 24 <= len(canon_used) <= 28
    assert {"Meta", "Metabase"} <= canon_used
    assert 6 <= len(aliases) <= 10 and all(a["canonical"] in canon_used for a in aliases)
    sizes = Counter(COMPANY_VARIANTS.get(c["company"], c["company"]) for c in contacts)
    assert sizes[TARGET_COMPANY] == 25

    direct = [c for c in contacts if c["strength"]]
    assert 60 <= len(direct) <= 80, len(direct)
    for c in contacts:
        assert bool(c["strength"]) == bool(c["relationship"]) == bool(c["last_contact"]), c["id"]
        if c["strength"]:
            assert c["strength"] in {"1", "2", "3", "4", "5"}
            assert c["relationship"] in RELATIONSHIPS
            assert FIRST_DAY <= dt.date.fromisoformat(c["last_contact"]) <= TODAY
        if c["linkedin_url"]:
            assert c["linkedin_url"].startswith("https://www.linkedin.com/in/")
    rels = Counter(c["relationship"] for c in direct)
    assert all(rels[r] >= 3 for r in RELATIONSHIPS), rels
    for field, lo, hi in [("email", 0.5, 0.7), ("linkedin_url", 0.5, 0.7), ("phone", 0.2, 0.4)]:
        share = sum(1 for c in contacts if c[field]) / len(contacts)
        assert lo <= share <= hi, (field, share)
    assert any("\n" in c["notes"] for c in contacts) and any('"' in c["notes"] for c in contacts)
    assert any("," in c["name"] for c in contacts)

    # the story
    by_id = {c["id"]: c for c in contacts}
    at_target = [
        c
        for c in contacts
        if COMPANY_VARIANTS.get(c["company"], c["company"]) == TARGET_COMPANY and c["office"] == TARGET_OFFICE
    ]
    assert [c["id"] for c in at_target if c["strength"]] == ["bruno-teixeira"]
    assert by_id["bruno-teixeira"]["strength"] == "1"
    assert by_id["bruno-teixeira"]["last_contact"].startswith("2022-03")
    assert by_id["zoe-muller"]["strength"] == "5" and by_id["zoe-muller"]["office"] == "Berlin"
    past_halcyon = sorted(
        c["id"]
        for c in contacts
        if any(COMPANY_VARIANTS.get(x, x) == TARGET_COMPANY for x in c["past_companies"].split(";"))
    )
    assert past_halcyon == ["afonso-pires"], past_halcyon
    past_metabase = sorted(c["id"] for c in contacts if "Metabase" in c["past_companies"])
    assert past_metabase == ["ines-carvalho"], past_metabase
    assert not any(c["strength"] and c["company"] == "Metabase" for c in contacts)
    halcyon_direct = [
        c["id"]
        for c in contacts
        if c["strength"] and COMPANY_VARIANTS.get(c["company"], c["company"]) == TARGET_COMPANY
    ]
    assert sorted(halcyon_direct) == ["bruno-teixeira", "zoe-muller"], halcyon_direct

    # introductions
    name_to_id = {c["name"]: c["id"] for c in contacts}

    def resolve(x: str) -> str:
        if x in by_id:
            return x
        assert x in name_to_id, f"unresolved endpoint {x!r}"
        return name_to_id[x]

    assert 90 <= len(intros) <= 110, len(intros)
    edges = []
    for r in intros:
        a, b = resolve(r["referrer"]), resolve(r["contact"])
        assert a != b and "me" not in (a, b)
        assert r["status"] in STATUSES
        assert r["strength"] in {"", "1", "2", "3", "4", "5"}
        assert FIRST_DAY <= dt.date.fromisoformat(r["date"]) <= TODAY
        edges.append((a, b, r["date"], r["status"]))
    assert len({(a, b) for a, b, _, _ in edges}) == len(edges), "duplicate pair"
    assert set(STATUSES) <= {e[3] for e in edges}
    by_name = sum(1 for r in intros if r["referrer"] not in by_id or r["contact"] not in by_id)
    assert 0.10 <= by_name / len(intros) <= 0.20, by_name
    incoming: dict[str, list[tuple[str, str]]] = {}
    for _, b, d, s in edges:
        incoming.setdefault(b, []).append((d, s))
    for a, b, d, _ in edges:
        assert not by_id[b]["strength"], ("introduced to someone the user already knows", b)
        if not by_id[a]["strength"]:  # a second-degree referrer must have been met first
            assert any(s2 in ("met", "thanked") and d2 < d for d2, s2 in incoming.get(a, [])), a
        for d2, _ in incoming.get(a, []):
            assert d2 < d, ("dates must increase along a chain", a, b)

    adj: dict[str, list[str]] = {}
    for a, b, _, _ in edges:
        adj.setdefault(a, []).append(b)
    depth_memo: dict[str, int] = {}

    def depth(n: str, stack=()) -> int:
        assert n not in stack, "cycle"
        if n not in depth_memo:
            depth_memo[n] = max((1 + depth(m, stack + (n,)) for m in adj.get(n, [])), default=0)
        return depth_memo[n]

    max_depth = max(depth(a) for a in adj)
    assert MAX_DEPTH >= max_depth >= 4, max_depth
    chains_by_depth = Counter(depth(c["id"]) for c in direct if c["id"] in adj)
    return {
        "people": len(contacts),
        "direct": len(direct),
        "companies": len(canon_used),
        "halcyon": sizes[TARGET_COMPANY],
        "aliases": len(aliases),
        "intros": len(intros),
        "intros_by_name": by_name,
        "max_chain_depth": max_depth,
        "direct_referrers_by_depth": dict(sorted(chains_by_depth.items())),
        "relationships": dict(sorted(rels.items())),
        "statuses": dict(sorted(Counter(e[3] for e in edges).items())),
        "company_sizes": dict(sizes.most_common()),
    }


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "sample_data"
    out.mkdir(parents=True, exist_ok=True)
    rng = Random(SEED)
    people, intros = build(rng)
    write_csv(out / "contacts.csv", CONTACT_FIELDS, people)
    write_csv(out / "introductions.csv", INTRO_FIELDS, intros)
    write_csv(
        out / "companies.csv",
        ["alias", "canonical"],
        [{"alias": a, "canonical": c} for a, c in ALIASES],
    )
    stats = self_check(out)
    for key, value in stats.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
