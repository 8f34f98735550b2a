"""Build the demo ecosystem shipped in ``src/jumelage/demo/data/``.

Reads the CORDIS extracts under ``../shared/data`` (or the directory given as the first
argument) and writes, deterministically:

- ``regions.json``: France, Russia, Provence-Alpes-Côte d'Azur (NUTS-2 ``FRL0``) and its six
  départements (NUTS-3), the member regions of the Association of Innovative Regions of Russia
  (AIRR) and every other Russian region in which an included organisation is located;
- ``organisations.jsonl``: curated clusters, technoparks and agencies of both sides, plus the
  PACA and Russian organisations found in CORDIS FP7 / H2020 (2014-2016) and every partner of
  the projects that joined a PACA and a Russian organisation (INTERFACES.md §1 format, with the
  additions ``names``, ``legal_form``, ``members_of``, ``source`` and ``cordis_ids``);
- ``cooperations.jsonl``: the FP7 and H2020 projects of those organisations (§2 format);
- ``ATTRIBUTION.md``.

Organisation descriptions, sectors and keywords are derived only from the data: the number of
projects, their H2020 topics and programmes, the partners' countries, and the organisation's
name. ``kind`` comes from the CORDIS activity type (HES, REC, PRC, PUB, OTH) where the H2020
participation table gives one for the organisation's PIC, and from its legal name otherwise.

Usage: python scripts/build_demo_data.py [DATA_DIR] [--out OUT_DIR]
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "jumelage" / "demo" / "data"

SECTORS = (
    "aerospace",
    "photonics",
    "biotech_health",
    "ict",
    "energy",
    "maritime",
    "advanced_manufacturing",
    "agrifood",
    "environment",
)
KINDS = (
    "company",
    "startup",
    "sme",
    "large_company",
    "cluster",
    "technopark",
    "university",
    "research_lab",
    "public_agency",
    "investor",
    "association",
    "other",
)
ACTIVITY_KIND = {
    "HES": "university",
    "REC": "research_lab",
    "PRC": "company",
    "PUB": "public_agency",
    "OTH": "other",
}
KIND_NACE = {"university": ["85.42"], "research_lab": ["72.19"]}
EU_COUNTRY_FIX = {"EL": "GR", "UK": "GB"}
MIN_ORGS = 300
MAX_ORGS = 1000

# --------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------

PACA_DEPARTMENTS = {
    # département number -> (NUTS-3 2016 code, NUTS-3 2010 code, fr, en, ru)
    "04": (
        "FRL01",
        "FR821",
        "Alpes-de-Haute-Provence",
        "Alpes-de-Haute-Provence",
        "Альпы Верхнего Прованса",
    ),
    "05": ("FRL02", "FR822", "Hautes-Alpes", "Hautes-Alpes", "Верхние Альпы"),
    "06": ("FRL03", "FR823", "Alpes-Maritimes", "Alpes-Maritimes", "Приморские Альпы"),
    "13": ("FRL04", "FR824", "Bouches-du-Rhône", "Bouches-du-Rhône", "Буш-дю-Рон"),
    "83": ("FRL05", "FR825", "Var", "Var", "Вар"),
    "84": ("FRL06", "FR826", "Vaucluse", "Vaucluse", "Воклюз"),
}
NUTS2010_TO_2016 = {v[1]: v[0] for v in PACA_DEPARTMENTS.values()}

# Communes of Provence-Alpes-Côte d'Azur (normalised spelling) -> département.
PACA_CITIES = {
    "04": [
        "DIGNE LES BAINS",
        "MANOSQUE",
        "SAINTE TULLE",
        "GREOUX LES BAINS",
        "SIMIANE LA ROTONDE",
        "FORCALQUIER",
        "SISTERON",
        "ORAISON",
        "CHATEAU ARNOUX SAINT AUBAN",
        "BARCELONNETTE",
        "VILLENEUVE",
    ],
    "05": ["GAP", "BRIANCON", "EMBRUN", "VEYNES", "MONTGENEVRE", "LARAGNE MONTEGLIN"],
    "06": [
        "NICE",
        "ANTIBES",
        "BIOT",
        "VALBONNE",
        "SOPHIA ANTIPOLIS",
        "MOUGINS",
        "VALLAURIS",
        "VALLAUTIS",
        "CANNES",
        "LE CANNET",
        "GRASSE",
        "CAGNES SUR MER",
        "CARROS",
        "VENCE",
        "SAINT LAURENT DU VAR",
        "VILLENEUVE LOUBET",
        "MANDELIEU LA NAPOULE",
        "MOUANS SARTOUX",
        "ROQUEFORT LES PINS",
        "TOURRETTES SUR LOUP",
        "LA GAUDE",
        "MENTON",
        "BEAUSOLEIL",
        "SAINT PAUL DE VENCE",
        "LA COLLE SUR LOUP",
        "OPIO",
        "CHATEAUNEUF GRASSE",
        "LE ROURET",
    ],
    "13": [
        "MARSEILLE",
        "AIX EN PROVENCE",
        "LES MILLES",
        "AUBAGNE",
        "LA CIOTAT",
        "ROUSSET",
        "GARDANNE",
        "MEYREUIL",
        "PEYNIER",
        "FUVEAU",
        "GEMENOS",
        "EGUILLES",
        "EYRAGUES",
        "LA PENNE SUR HUVEAUNE",
        "LE PUY SAINTE REPARADE",
        "LES PENNES MIRABEAU",
        "LAMANON",
        "MIRAMAS",
        "ROQUEVAIRE",
        "SAINT ANDIOL",
        "SALON DE PROVENCE",
        "ARLES",
        "ISTRES",
        "MARTIGUES",
        "FOS SUR MER",
        "VITROLLES",
        "MARIGNANE",
        "CASSIS",
        "TRETS",
        "VENELLES",
        "SAINT CANNAT",
        "CABRIES",
        "PLAN DE CUQUES",
        "ALLAUCH",
        "SAINT PAUL LEZ DURANCE",
        "SAINT PAUL LES DURANCE",
        "CADARACHE",
        "CHATEAURENARD",
        "TARASCON",
        "SAINT REMY DE PROVENCE",
        "BERRE L ETANG",
        "ROGNAC",
        "VELAUX",
        "SEPTEMES LES VALLONS",
        "SAINT MITRE LES REMPARTS",
        "CHATEAUNEUF LES MARTIGUES",
    ],
    "83": [
        "TOULON",
        "LA SEYNE SUR MER",
        "LA GARDE",
        "LA VALETTE DU VAR",
        "OLLIOULES",
        "SIX FOURS LES PLAGES",
        "HYERES",
        "FREJUS",
        "SAINT RAPHAEL",
        "DRAGUIGNAN",
        "BRIGNOLES",
        "SAINT MAXIMIN LA SAINTE BAUME",
        "TAVERNES",
        "SALERNES",
        "RIANS",
        "SANARY SUR MER",
        "BANDOL",
        "SAINT TROPEZ",
        "TOURRETTES",
        "LE BEAUSSET",
        "PUGET VILLE",
    ],
    "84": [
        "AVIGNON",
        "MONTFAVET",
        "ORANGE",
        "CARPENTRAS",
        "CAVAILLON",
        "APT",
        "PERTUIS",
        "LA BASTIDONNE",
        "MONTEUX",
        "VALREAS",
        "BOLLENE",
        "SORGUES",
        "LE PONTET",
        "VEDENE",
        "L ISLE SUR LA SORGUE",
        "ENTRAIGUES SUR LA SORGUE",
        "CHATEAUNEUF DU PAPE",
    ],
}
# Names that also exist outside PACA: accepted only when the post code agrees.
PACA_AMBIGUOUS = {"VILLENEUVE", "ORANGE", "TOURRETTES", "LA GARDE"}
PACA_CITY_DEP = {city: dep for dep, cities in PACA_CITIES.items() for city in cities}
# Place names that, inside an organisation's name, locate an H2020-only French organisation.
PACA_NAME_PLACES = {
    "PROVENCE ALPES COTE D AZUR": (None, None),
    "MARSEILLE": ("13", "Marseille"),
    "AIX MARSEILLE": ("13", "Marseille"),
    "AIX EN PROVENCE": ("13", "Aix-en-Provence"),
    "NICE SOPHIA ANTIPOLIS": ("06", "Nice"),
    "SOPHIA ANTIPOLIS": ("06", "Sophia Antipolis"),
    "COTE D AZUR": ("06", None),
    "NICE": ("06", "Nice"),
    "TOULON": ("83", "Toulon"),
    "AVIGNON": ("84", "Avignon"),
}

# ISO 3166-2 code -> (en, ru, fr)
RU_REGIONS = {
    "RU-ALT": ("Altai Krai", "Алтайский край", "Kraï de l'Altaï"),
    "RU-ARK": ("Arkhangelsk Oblast", "Архангельская область", "Oblast d'Arkhangelsk"),
    "RU-AST": ("Astrakhan Oblast", "Астраханская область", "Oblast d'Astrakhan"),
    "RU-BA": (
        "Republic of Bashkortostan",
        "Республика Башкортостан",
        "République du Bachkortostan",
    ),
    "RU-CHE": ("Chelyabinsk Oblast", "Челябинская область", "Oblast de Tcheliabinsk"),
    "RU-CU": ("Chuvash Republic", "Чувашская Республика", "République tchouvache"),
    "RU-DA": ("Republic of Dagestan", "Республика Дагестан", "République du Daghestan"),
    "RU-IRK": ("Irkutsk Oblast", "Иркутская область", "Oblast d'Irkoutsk"),
    "RU-KB": (
        "Kabardino-Balkar Republic",
        "Кабардино-Балкарская Республика",
        "République kabardino-balkare",
    ),
    "RU-KC": (
        "Karachay-Cherkess Republic",
        "Карачаево-Черкесская Республика",
        "République karatchaïévo-tcherkesse",
    ),
    "RU-KDA": ("Krasnodar Krai", "Краснодарский край", "Kraï de Krasnodar"),
    "RU-KEM": ("Kemerovo Oblast – Kuzbass", "Кемеровская область — Кузбасс", "Oblast de Kemerovo"),
    "RU-KHA": ("Khabarovsk Krai", "Хабаровский край", "Kraï de Khabarovsk"),
    "RU-KHM": (
        "Khanty-Mansi Autonomous Okrug – Yugra",
        "Ханты-Мансийский автономный округ — Югра",
        "District autonome des Khantys-Mansis – Iougra",
    ),
    "RU-KLU": ("Kaluga Oblast", "Калужская область", "Oblast de Kalouga"),
    "RU-KO": ("Komi Republic", "Республика Коми", "République des Komis"),
    "RU-KR": ("Republic of Karelia", "Республика Карелия", "République de Carélie"),
    "RU-KYA": ("Krasnoyarsk Krai", "Красноярский край", "Kraï de Krasnoïarsk"),
    "RU-LEN": ("Leningrad Oblast", "Ленинградская область", "Oblast de Léningrad"),
    "RU-LIP": ("Lipetsk Oblast", "Липецкая область", "Oblast de Lipetsk"),
    "RU-MO": ("Republic of Mordovia", "Республика Мордовия", "République de Mordovie"),
    "RU-MOS": ("Moscow Oblast", "Московская область", "Oblast de Moscou"),
    "RU-MOW": ("Moscow", "Москва", "Moscou"),
    "RU-MUR": ("Murmansk Oblast", "Мурманская область", "Oblast de Mourmansk"),
    "RU-NGR": ("Novgorod Oblast", "Новгородская область", "Oblast de Novgorod"),
    "RU-NIZ": ("Nizhny Novgorod Oblast", "Нижегородская область", "Oblast de Nijni Novgorod"),
    "RU-NVS": ("Novosibirsk Oblast", "Новосибирская область", "Oblast de Novossibirsk"),
    "RU-OMS": ("Omsk Oblast", "Омская область", "Oblast d'Omsk"),
    "RU-PER": ("Perm Krai", "Пермский край", "Kraï de Perm"),
    "RU-PRI": ("Primorsky Krai", "Приморский край", "Kraï du Primorié"),
    "RU-ROS": ("Rostov Oblast", "Ростовская область", "Oblast de Rostov"),
    "RU-RYA": ("Ryazan Oblast", "Рязанская область", "Oblast de Riazan"),
    "RU-SA": (
        "Sakha Republic (Yakutia)",
        "Республика Саха (Якутия)",
        "République de Sakha (Iakoutie)",
    ),
    "RU-SAK": ("Sakhalin Oblast", "Сахалинская область", "Oblast de Sakhaline"),
    "RU-SAM": ("Samara Oblast", "Самарская область", "Oblast de Samara"),
    "RU-SAR": ("Saratov Oblast", "Саратовская область", "Oblast de Saratov"),
    "RU-SPE": ("Saint Petersburg", "Санкт-Петербург", "Saint-Pétersbourg"),
    "RU-SVE": ("Sverdlovsk Oblast", "Свердловская область", "Oblast de Sverdlovsk"),
    "RU-TA": ("Republic of Tatarstan", "Республика Татарстан", "République du Tatarstan"),
    "RU-TOM": ("Tomsk Oblast", "Томская область", "Oblast de Tomsk"),
    "RU-TVE": ("Tver Oblast", "Тверская область", "Oblast de Tver"),
    "RU-TYU": ("Tyumen Oblast", "Тюменская область", "Oblast de Tioumen"),
    "RU-ULY": ("Ulyanovsk Oblast", "Ульяновская область", "Oblast d'Oulianovsk"),
    "RU-VLA": ("Vladimir Oblast", "Владимирская область", "Oblast de Vladimir"),
    "RU-VLG": ("Vologda Oblast", "Вологодская область", "Oblast de Vologda"),
    "RU-VOR": ("Voronezh Oblast", "Воронежская область", "Oblast de Voronej"),
    "RU-YAR": ("Yaroslavl Oblast", "Ярославская область", "Oblast de Iaroslavl"),
}

# Members of the Association of Innovative Regions of Russia -> year of joining (None: unknown).
# Founders (2010); the four regions admitted in April 2012; the members listed by the association
# in 2024; Arkhangelsk Oblast, admitted in October 2025 as the 20th member.
AIRR_MEMBERS = {
    "RU-IRK": 2010,
    "RU-KLU": 2010,
    "RU-KYA": 2010,
    "RU-MO": 2010,
    "RU-NVS": 2010,
    "RU-PER": 2010,
    "RU-TA": 2010,
    "RU-TOM": 2010,
    "RU-BA": 2012,
    "RU-LIP": 2012,
    "RU-SAM": 2012,
    "RU-ULY": 2012,
    "RU-ALT": None,
    "RU-KHM": None,
    "RU-NIZ": None,
    "RU-NGR": None,
    "RU-SA": None,
    "RU-TYU": None,
    "RU-VLA": None,
    "RU-ARK": 2025,
}

# Normalised city (prefix) -> ISO 3166-2 code, for the Russian organisations of CORDIS.
RU_CITY_REGION = [
    ("ZELENOGRAD", "RU-MOW"),
    ("TROITSK", "RU-MOW"),
    ("MOSCOW REGION", "RU-MOS"),
    ("MOSCOW", "RU-MOW"),
    ("MOSKVA", "RU-MOW"),
    ("MOSCVA", "RU-MOW"),
    ("SAINT PETERSBURG", "RU-SPE"),
    ("SANKT PETERBURG", "RU-SPE"),
    ("ST PETERSBURG", "RU-SPE"),
    ("SINT PETERBURG", "RU-SPE"),
    ("PUSHKIN", "RU-SPE"),
    ("GATCHINA", "RU-LEN"),
    ("NOVOSIBIRSK", "RU-NVS"),
    ("KOLTSOVO", "RU-NVS"),
    ("TOMSK", "RU-TOM"),
    ("OBNINSK", "RU-KLU"),
    ("BOROVSK", "RU-KLU"),
    ("KALUGA", "RU-KLU"),
    ("SAMARA", "RU-SAM"),
    ("TOGLIATTI", "RU-SAM"),
    ("IRKUTSK", "RU-IRK"),
    ("ARKHANGELSK", "RU-ARK"),
    ("PUSHCHINO", "RU-MOS"),
    ("ZHUKOVSK", "RU-MOS"),
    ("DOLGOPRUDN", "RU-MOS"),
    ("KHOTKOVO", "RU-MOS"),
    ("KHIMKI", "RU-MOS"),
    ("KOROLEV", "RU-MOS"),
    ("KOROLYOV", "RU-MOS"),
    ("DUBNA", "RU-MOS"),
    ("PROTVINO", "RU-MOS"),
    ("CHERNOGOLOVKA", "RU-MOS"),
    ("BYKOVO", "RU-MOS"),
    ("STUPINO", "RU-MOS"),
    ("SOLNECHNOGORSK", "RU-MOS"),
    ("FRYAZINO", "RU-MOS"),
    ("KRASNOYARSK", "RU-KYA"),
    ("EKATERINBURG", "RU-SVE"),
    ("YEKATERINBURG", "RU-SVE"),
    ("KRASNODAR", "RU-KDA"),
    ("GELENDZHIK", "RU-KDA"),
    ("SOCHI", "RU-KDA"),
    ("PERM", "RU-PER"),
    ("SARATOV", "RU-SAR"),
    ("BALAKOVO", "RU-SAR"),
    ("POKROV", "RU-VLA"),
    ("VLADIMIR", "RU-VLA"),
    ("VLADIVOSTOK", "RU-PRI"),
    ("MURMANSK", "RU-MUR"),
    ("KIROVSK", "RU-MUR"),
    ("APATITY", "RU-MUR"),
    ("OZYORSK", "RU-CHE"),
    ("OZERSK", "RU-CHE"),
    ("SNEZHINSK", "RU-CHE"),
    ("MIASS", "RU-CHE"),
    ("CHELYABINSK", "RU-CHE"),
    ("NIZHNY NOVGOROD", "RU-NIZ"),
    ("NIZHNI NOVGOROD", "RU-NIZ"),
    ("NIZHNIY NOVGOROD", "RU-NIZ"),
    ("SAROV", "RU-NIZ"),
    ("VORONEZH", "RU-VOR"),
    ("PETROZAVODSK", "RU-KR"),
    ("KEMEROVO", "RU-KEM"),
    ("NIZHNIY ARKHYZ", "RU-KC"),
    ("NIZHNY ARKHYZ", "RU-KC"),
    ("ASTRAKHAN", "RU-AST"),
    ("MAKHACHKALA", "RU-DA"),
    ("KHABAROVSK", "RU-KHA"),
    ("YAKUTSK", "RU-SA"),
    ("BARNAUL", "RU-ALT"),
    ("UFA", "RU-BA"),
    ("SYKTYVKAR", "RU-KO"),
    ("YUZHNO SAKHALINSK", "RU-SAK"),
    ("VOLOGDA", "RU-VLG"),
    ("NALCHIK", "RU-KB"),
    ("RYBINSK", "RU-YAR"),
    ("YAROSLAVL", "RU-YAR"),
    ("TVER", "RU-TVE"),
    ("OMSK", "RU-OMS"),
    ("RYAZAN", "RU-RYA"),
    ("ROSTOV ON DON", "RU-ROS"),
    ("ROSTOV NA DONU", "RU-ROS"),
    ("ULYANOVSK", "RU-ULY"),
    ("DIMITROVGRAD", "RU-ULY"),
    ("KHANTY MANSIYSK", "RU-KHM"),
    ("KAZAN", "RU-TA"),
    ("INNOPOLIS", "RU-TA"),
    ("SARANSK", "RU-MO"),
    ("TYUMEN", "RU-TYU"),
    ("LIPETSK", "RU-LIP"),
    ("CHEBOKSARY", "RU-CU"),
    ("RZHAVKI", "RU-MOS"),
    ("RHAVKI", "RU-MOS"),
]

# --------------------------------------------------------------------------------------------
# Curated entries (public facts only)
# --------------------------------------------------------------------------------------------

CURATED: list[dict[str, Any]] = [
    {
        "id": "curated:safe-cluster",
        "name": "SAFE Cluster",
        "names": {"fr": "SAFE Cluster", "en": "SAFE Cluster", "ru": "Кластер SAFE"},
        "kind": "cluster",
        "country": "FR",
        "region": "FRL0",
        "legal_form": "association loi 1901",
        "website": "https://www.safecluster.com",
        "description": {
            "fr": "Pôle de compétitivité de Provence-Alpes-Côte d'Azur consacré à la sécurité, "
            "à l'aéronautique, au spatial, à la défense et à la gestion des risques, issu de la "
            "fusion des pôles Pégase (aéronautique) et Risques.",
            "en": "Competitiveness cluster of Provence-Alpes-Côte d'Azur for security, aeronautics, "
            "space, defence and risk management, formed by the merger of the Pégase (aerospace) "
            "and Risques clusters.",
            "ru": "Кластер конкурентоспособности региона Прованс — Альпы — Лазурный Берег в "
            "области безопасности, авиации, космоса, обороны и управления рисками, созданный "
            "слиянием кластеров Pégase (авиакосмическая отрасль) и Risques.",
        },
        "sectors": ["aerospace", "environment", "ict"],
        "keywords": ["aeronautics", "space", "security", "drones", "risk management"],
    },
    {
        "id": "curated:optitec",
        "cordis_match": r"^POLE OPTITEC$",
        "name": "Optitec",
        "names": {"fr": "Pôle Optitec", "en": "Optitec", "ru": "Оптитек"},
        "kind": "cluster",
        "country": "FR",
        "region": "FRL04",
        "city": "Marseille",
        "legal_form": "association loi 1901",
        "website": "https://www.pole-optitec.com",
        "description": {
            "fr": "Pôle de compétitivité de la photonique et de l'imagerie, basé à Marseille.",
            "en": "Competitiveness cluster for photonics and imaging, based in Marseille.",
            "ru": "Кластер конкурентоспособности в области фотоники и обработки изображений, "
            "Марсель.",
        },
        "sectors": ["photonics"],
        "keywords": ["photonics", "optics", "imaging", "lasers"],
    },
    {
        "id": "curated:eurobiomed",
        "cordis_match": r"^ASSOCIATION EUROBIOMED$",
        "name": "Eurobiomed",
        "names": {"fr": "Eurobiomed", "en": "Eurobiomed", "ru": "Евробиомед"},
        "kind": "cluster",
        "country": "FR",
        "region": "FRL04",
        "city": "Marseille",
        "legal_form": "association loi 1901",
        "website": "https://www.eurobiomed.org",
        "description": {
            "fr": "Pôle de compétitivité de la santé (biotechnologies, dispositifs médicaux, "
            "e-santé) du sud de la France, basé à Marseille.",
            "en": "Health competitiveness cluster (biotechnology, medical devices, digital health) "
            "of southern France, based in Marseille.",
            "ru": "Кластер конкурентоспособности юга Франции в области здравоохранения "
            "(биотехнологии, медицинские изделия, цифровое здравоохранение), Марсель.",
        },
        "sectors": ["biotech_health"],
        "keywords": ["biotechnology", "medical devices", "diagnostics", "digital health"],
    },
    {
        "id": "curated:pole-scs",
        "name": "Pôle SCS – Solutions Communicantes Sécurisées",
        "aliases": ["SCS"],
        "names": {
            "fr": "Pôle Solutions Communicantes Sécurisées",
            "en": "SCS – Secure Communicating Solutions cluster",
            "ru": "Кластер SCS — защищённые коммуникационные решения",
        },
        "kind": "cluster",
        "country": "FR",
        "region": "FRL0",
        "legal_form": "association loi 1901",
        "website": "https://www.pole-scs.org",
        "description": {
            "fr": "Pôle de compétitivité des technologies du numérique (microélectronique, "
            "communications, objets connectés, sécurité numérique), présent à Rousset et à "
            "Sophia-Antipolis.",
            "en": "Competitiveness cluster for digital technologies (microelectronics, "
            "communications, connected objects, digital security), present in Rousset and "
            "Sophia Antipolis.",
            "ru": "Кластер конкурентоспособности в области цифровых технологий "
            "(микроэлектроника, связь, интернет вещей, информационная безопасность), Руссе и "
            "София-Антиполис.",
        },
        "sectors": ["ict"],
        "keywords": [
            "microelectronics",
            "telecommunications",
            "internet of things",
            "cybersecurity",
        ],
    },
    {
        "id": "curated:capenergies",
        "cordis_match": r"\bCAPENERGIES\b",
        "name": "Capenergies",
        "names": {"fr": "Capenergies", "en": "Capenergies", "ru": "Капэнержи"},
        "kind": "cluster",
        "country": "FR",
        "region": "FRL0",
        "legal_form": "association loi 1901",
        "website": "https://www.capenergies.fr",
        "description": {
            "fr": "Pôle de compétitivité des énergies décarbonées (renouvelables, efficacité "
            "énergétique, réseaux intelligents, hydrogène) de Provence-Alpes-Côte d'Azur.",
            "en": "Competitiveness cluster for low-carbon energy (renewables, energy efficiency, "
            "smart grids, hydrogen) of Provence-Alpes-Côte d'Azur.",
            "ru": "Кластер конкурентоспособности в области низкоуглеродной энергетики "
            "(возобновляемые источники, энергоэффективность, интеллектуальные сети, водород) "
            "региона Прованс — Альпы — Лазурный Берег.",
        },
        "sectors": ["energy"],
        "keywords": ["renewable energy", "smart grids", "hydrogen", "energy efficiency"],
    },
    {
        "id": "curated:pole-mer-mediterranee",
        "name": "Pôle Mer Méditerranée",
        "names": {
            "fr": "Pôle Mer Méditerranée",
            "en": "Pôle Mer Méditerranée (Mediterranean Sea cluster)",
            "ru": "Морской кластер «Средиземноморье»",
        },
        "kind": "cluster",
        "country": "FR",
        "region": "FRL05",
        "legal_form": "association loi 1901",
        "website": "https://www.polemermediterranee.com",
        "description": {
            "fr": "Pôle de compétitivité de l'économie maritime et littorale (sûreté et sécurité "
            "maritimes, naval, énergies marines, ressources et environnement marins), basé dans "
            "le Var.",
            "en": "Competitiveness cluster for the maritime and coastal economy (maritime safety "
            "and security, naval industry, marine energy, marine resources and environment), "
            "based in the Var département.",
            "ru": "Кластер конкурентоспособности морской и прибрежной экономики (морская "
            "безопасность, судостроение, морская энергетика, морские ресурсы и экология), "
            "департамент Вар.",
        },
        "sectors": ["maritime", "environment", "energy"],
        "keywords": ["maritime security", "naval", "marine energy", "marine environment"],
    },
    {
        "id": "curated:sophia-antipolis",
        "name": "Technopole de Sophia Antipolis",
        "aliases": ["Sophia Antipolis"],
        "names": {
            "fr": "Technopole de Sophia Antipolis",
            "en": "Sophia Antipolis technology park",
            "ru": "Технопарк София-Антиполис",
        },
        "kind": "technopark",
        "country": "FR",
        "region": "FRL03",
        "city": "Sophia Antipolis",
        "description": {
            "fr": "Technopole des Alpes-Maritimes créée en 1969 à l'initiative de Pierre Laffitte, "
            "sur les communes d'Antibes, Biot, Mougins, Valbonne et Vallauris ; entreprises du "
            "numérique, des sciences de la vie et de l'énergie, laboratoires et établissements "
            "d'enseignement supérieur.",
            "en": "Technology park in the Alpes-Maritimes, founded in 1969 on the initiative of "
            "Pierre Laffitte, spanning Antibes, Biot, Mougins, Valbonne and Vallauris; companies in "
            "ICT, life sciences and energy, research laboratories and higher-education "
            "institutions.",
            "ru": "Технопарк в департаменте Приморские Альпы, основанный в 1969 году по "
            "инициативе Пьера Лаффита, на территории коммун Антиб, Био, Мужен, Вальбонн и "
            "Валлорис; компании в области ИКТ, наук о жизни и энергетики, лаборатории и вузы.",
        },
        "sectors": ["ict", "biotech_health", "energy"],
        "keywords": ["technology park", "telecommunications", "software", "life sciences"],
    },
    {
        "id": "curated:technopole-arbois",
        "name": "Technopole de l'Arbois-Méditerranée",
        "names": {
            "fr": "Technopole de l'Arbois-Méditerranée",
            "en": "Arbois-Méditerranée technology park",
            "ru": "Технопарк Арбуа-Средиземноморье",
        },
        "kind": "technopark",
        "country": "FR",
        "region": "FRL04",
        "city": "Aix-en-Provence",
        "description": {
            "fr": "Technopole d'Aix-en-Provence consacrée à l'environnement et au développement "
            "durable.",
            "en": "Technology park in Aix-en-Provence dedicated to the environment and sustainable "
            "development.",
            "ru": "Технопарк в Экс-ан-Провансе, специализирующийся на экологии и устойчивом "
            "развитии.",
        },
        "sectors": ["environment"],
        "keywords": ["environment", "sustainable development"],
    },
    {
        "id": "curated:technopole-chateau-gombert",
        "name": "Technopôle de Château-Gombert",
        "names": {
            "fr": "Technopôle de Marseille Provence Château-Gombert",
            "en": "Château-Gombert technology park (Marseille)",
            "ru": "Технопарк Шато-Гомбер (Марсель)",
        },
        "kind": "technopark",
        "country": "FR",
        "region": "FRL04",
        "city": "Marseille",
        "description": {
            "fr": "Technopôle du nord-est de Marseille réunissant écoles d'ingénieurs, laboratoires "
            "de recherche et entreprises technologiques (optique et photonique, mécanique, "
            "numérique).",
            "en": "Technology park in north-east Marseille bringing together engineering schools, "
            "research laboratories and technology companies (optics and photonics, mechanics, "
            "digital).",
            "ru": "Технопарк на северо-востоке Марселя, объединяющий инженерные школы, "
            "исследовательские лаборатории и технологические компании (оптика и фотоника, "
            "механика, цифровые технологии).",
        },
        "sectors": ["photonics", "advanced_manufacturing", "ict"],
        "keywords": ["engineering schools", "optics", "mechanics"],
    },
    {
        "id": "curated:risingsud",
        "name": "Risingsud",
        "names": {"fr": "Risingsud", "en": "Risingsud", "ru": "Райзингсюд (Risingsud)"},
        "kind": "public_agency",
        "country": "FR",
        "region": "FRL0",
        "city": "Marseille",
        "website": "https://www.risingsud.fr",
        "description": {
            "fr": "Agence régionale d'innovation et d'internationalisation de la Région Sud "
            "Provence-Alpes-Côte d'Azur : accompagnement des entreprises et attractivité.",
            "en": "Regional innovation and internationalisation agency of the Région Sud "
            "Provence-Alpes-Côte d'Azur: support to companies and investment attraction.",
            "ru": "Региональное агентство по инновациям и интернационализации региона Sud "
            "Прованс — Альпы — Лазурный Берег: поддержка компаний и привлечение инвестиций.",
        },
        "sectors": [],
        "keywords": ["innovation support", "internationalisation", "investment attraction"],
    },
    {
        "id": "curated:region-sud-paca",
        "cordis_match": r"^CONSEIL REGIONAL PROVENCE ALPES COTE D AZUR$",
        "name": "Région Provence-Alpes-Côte d'Azur",
        "aliases": ["Région Sud"],
        "names": {
            "fr": "Région Provence-Alpes-Côte d'Azur",
            "en": "Provence-Alpes-Côte d'Azur Regional Council",
            "ru": "Регион Прованс — Альпы — Лазурный Берег",
        },
        "kind": "public_agency",
        "country": "FR",
        "region": "FRL0",
        "city": "Marseille",
        "legal_form": "collectivité territoriale",
        "website": "https://www.maregionsud.fr",
        "description": {
            "fr": "Collectivité régionale ; en 2011 elle a mis en place un cluster international "
            "pour accompagner les entreprises régionales sur les marchés extérieurs.",
            "en": "Regional authority; in 2011 it set up an international cluster to accompany "
            "the region's companies on foreign markets.",
            "ru": "Региональный орган власти; в 2011 году создал международный кластер для "
            "сопровождения компаний региона на внешних рынках.",
        },
        "sectors": [],
        "keywords": ["regional authority", "internationalisation plan"],
    },
    {
        "id": "curated:airr",
        "name": "Association of Innovative Regions of Russia",
        "aliases": ["AIRR", "АИРР"],
        "names": {
            "ru": "Ассоциация инновационных регионов России",
            "en": "Association of Innovative Regions of Russia",
            "fr": "Association des régions innovantes de Russie",
        },
        "kind": "association",
        "country": "RU",
        "region": "RU-MOW",
        "city": "Moscow",
        "legal_form": "ассоциация экономического взаимодействия субъектов РФ",
        "website": "https://i-regions.org",
        "description": {
            "ru": "Ассоциация экономического взаимодействия субъектов Российской Федерации, "
            "учреждённая 21 мая 2010 года в Томске Новосибирской, Томской, Иркутской и Калужской "
            "областями, Пермским и Красноярским краями, Республикой Татарстан и Республикой "
            "Мордовия; "
            "Архангельская область стала 20-м участником в октябре 2025 года.",
            "en": "Association for economic cooperation of Russian regions, founded on 21 May 2010 "
            "in Tomsk by the Novosibirsk, Tomsk, Irkutsk, Perm and Kaluga regions, Krasnoyarsk "
            "krai, Tatarstan and Mordovia; Arkhangelsk Oblast became its 20th member in October "
            "2025.",
            "fr": "Association de coopération économique de régions russes, fondée le 21 mai 2010 "
            "à Tomsk par les régions de Novossibirsk, Tomsk, Irkoutsk, Perm et Kalouga, le kraï "
            "de Krasnoïarsk, le Tatarstan et la Mordovie ; l'oblast d'Arkhangelsk en est devenu "
            "le 20e membre en octobre 2025.",
        },
        "sectors": [],
        "keywords": ["regional innovation policy", "technoparks", "innovation clusters"],
    },
    {
        "id": "curated:skolkovo-foundation",
        "name": "Skolkovo Foundation",
        "aliases": ["Skolkovo"],
        "names": {
            "ru": "Фонд «Сколково»",
            "en": "Skolkovo Foundation",
            "fr": "Fondation Skolkovo",
        },
        "kind": "technopark",
        "country": "RU",
        "region": "RU-MOW",
        "city": "Moscow",
        "description": {
            "ru": "Фонд развития Центра разработки и коммерциализации новых технологий "
            "«Сколково», созданный в 2010 году; управляет инновационным центром в Москве.",
            "en": "Foundation for the development of the Skolkovo innovation centre, created in "
            "2010; it manages the innovation centre in Moscow.",
            "fr": "Fondation de développement du centre d'innovation Skolkovo, créée en 2010 ; "
            "elle gère le centre d'innovation de Moscou.",
        },
        "sectors": ["ict", "biotech_health", "energy", "aerospace"],
        "keywords": ["innovation centre", "start-ups", "technology transfer"],
    },
    {
        "id": "curated:akadempark",
        "name": "Technopark of Novosibirsk Akademgorodok (Akadempark)",
        "aliases": ["Akadempark", "Академпарк"],
        "names": {
            "ru": "Технопарк новосибирского Академгородка (Академпарк)",
            "en": "Technopark of Novosibirsk Akademgorodok (Akadempark)",
            "fr": "Technoparc de l'Akademgorodok de Novossibirsk (Akadempark)",
        },
        "kind": "technopark",
        "country": "RU",
        "region": "RU-NVS",
        "city": "Novosibirsk",
        "description": {
            "ru": "Технопарк в новосибирском Академгородке рядом с институтами Сибирского "
            "отделения РАН: ИТ, приборостроение, нанотехнологии, биотехнологии.",
            "en": "Technology park in Novosibirsk Akademgorodok, next to the institutes of the "
            "Siberian Branch of the Russian Academy of Sciences: IT, instrumentation, "
            "nanotechnology, biotechnology.",
            "fr": "Technoparc de l'Akademgorodok de Novossibirsk, à côté des instituts de la "
            "branche sibérienne de l'Académie des sciences de Russie : informatique, "
            "instrumentation, nanotechnologies, biotechnologies.",
        },
        "sectors": ["ict", "biotech_health", "photonics"],
        "keywords": ["software", "instrumentation", "nanotechnology", "biotechnology"],
    },
    {
        "id": "curated:sez-tomsk",
        "name": "Special Economic Zone of technology-innovation type «Tomsk»",
        "aliases": ["Tomsk SEZ", "ОЭЗ «Томск»"],
        "names": {
            "ru": "Особая экономическая зона технико-внедренческого типа «Томск»",
            "en": "Special Economic Zone of technology-innovation type «Tomsk»",
            "fr": "Zone économique spéciale technologique « Tomsk »",
        },
        "kind": "technopark",
        "country": "RU",
        "region": "RU-TOM",
        "city": "Tomsk",
        "description": {
            "ru": "Особая экономическая зона технико-внедренческого типа в Томске, созданная в "
            "2005 году.",
            "en": "Special economic zone of the technology-innovation type in Tomsk, created in "
            "2005.",
            "fr": "Zone économique spéciale de type technologie et innovation à Tomsk, créée en "
            "2005.",
        },
        "sectors": ["ict", "biotech_health", "advanced_manufacturing"],
        "keywords": ["special economic zone", "technology transfer"],
    },
    {
        "id": "curated:it-park-kazan",
        "name": "IT Park (Kazan)",
        "aliases": ["IT Park Kazan", "ИТ-парк"],
        "names": {
            "ru": "ИТ-парк (Казань)",
            "en": "IT Park (Kazan)",
            "fr": "IT Park (Kazan)",
        },
        "kind": "technopark",
        "country": "RU",
        "region": "RU-TA",
        "city": "Kazan",
        "description": {
            "ru": "Технопарк в сфере информационных технологий Республики Татарстан в Казани "
            "(с площадкой в Набережных Челнах): бизнес-инкубатор и офисы ИТ-компаний.",
            "en": "Information-technology park of the Republic of Tatarstan in Kazan (with a site "
            "in Naberezhnye Chelny): business incubator and offices for IT companies.",
            "fr": "Technoparc des technologies de l'information de la République du Tatarstan à "
            "Kazan (avec un site à Naberejnye Tchelny) : incubateur et bureaux d'entreprises du "
            "numérique.",
        },
        "sectors": ["ict"],
        "keywords": ["software", "business incubator", "IT companies"],
    },
    {
        "id": "curated:innopolis",
        "name": "Innopolis Special Economic Zone",
        "aliases": ["Innopolis", "Иннополис"],
        "names": {
            "ru": "Особая экономическая зона «Иннополис»",
            "en": "Innopolis Special Economic Zone",
            "fr": "Zone économique spéciale Innopolis",
        },
        "kind": "technopark",
        "country": "RU",
        "region": "RU-TA",
        "city": "Innopolis",
        "description": {
            "ru": "Особая экономическая зона в городе Иннополис (Республика Татарстан), "
            "ориентированная на информационные технологии; в городе находится Университет "
            "Иннополис.",
            "en": "Special economic zone in the town of Innopolis (Republic of Tatarstan) focused "
            "on information technology; the town is home to Innopolis University.",
            "fr": "Zone économique spéciale de la ville d'Innopolis (République du Tatarstan), "
            "tournée vers les technologies de l'information ; la ville accueille l'université "
            "Innopolis.",
        },
        "sectors": ["ict"],
        "keywords": ["software", "robotics", "IT education"],
    },
    {
        "id": "curated:technopark-mordovia",
        "name": "Technopark in the sphere of high technologies «Mordovia»",
        "aliases": ["Technopark Mordovia", "Технопарк «Мордовия»"],
        "names": {
            "ru": "Технопарк в сфере высоких технологий «Мордовия»",
            "en": "Technopark in the sphere of high technologies «Mordovia»",
            "fr": "Technoparc des hautes technologies « Mordovie »",
        },
        "kind": "technopark",
        "country": "RU",
        "region": "RU-MO",
        "city": "Saransk",
        "description": {
            "ru": "Технопарк в Саранске (Республика Мордовия).",
            "en": "Technology park in Saransk (Republic of Mordovia).",
            "fr": "Technoparc à Saransk (République de Mordovie).",
        },
        "sectors": ["photonics", "ict"],
        "keywords": ["technology park"],
    },
    {
        "id": "curated:kaluga-pharma-cluster",
        "name": "Pharmaceutical cluster of the Kaluga region",
        "names": {
            "ru": "Фармацевтический кластер Калужской области",
            "en": "Pharmaceutical cluster of the Kaluga region",
            "fr": "Cluster pharmaceutique de la région de Kalouga",
        },
        "kind": "cluster",
        "country": "RU",
        "region": "RU-KLU",
        "description": {
            "ru": "Кластер фармацевтики, биотехнологий и биомедицины Калужской области (Калуга, "
            "Обнинск, Боровск).",
            "en": "Pharmaceuticals, biotechnology and biomedicine cluster of the Kaluga region "
            "(Kaluga, Obninsk, Borovsk).",
            "fr": "Cluster pharmacie, biotechnologies et biomédecine de la région de Kalouga "
            "(Kalouga, Obninsk, Borovsk).",
        },
        "sectors": ["biotech_health"],
        "keywords": ["pharmaceuticals", "biotechnology", "biomedicine"],
    },
]

# Cyrillic and English names of well-known Russian organisations, matched on the CORDIS name.
# (pattern on the normalised CORDIS name, Russian name, English name, short name)
RU_NAMES = [
    (
        r"CENTRAL AEROHYDRODYNAMIC",
        "Центральный аэрогидродинамический институт имени профессора Н. Е. Жуковского",
        "Central Aerohydrodynamic Institute (TsAGI)",
        "ЦАГИ",
    ),
    (
        r"^M V LOMONOSOV MOSCOW STATE UNIVERSITY$|^LOMONOSOV MOSCOW STATE UNIVERSITY$",
        "Московский государственный университет имени М. В. Ломоносова",
        "Lomonosov Moscow State University",
        "МГУ",
    ),
    (
        r"HIGHER SCHOOL OF ECONOMICS|HIGHER PROFESSIONAL EDUCATION NATIONA.*HSE",
        "Национальный исследовательский университет «Высшая школа экономики»",
        "HSE University (Higher School of Economics)",
        "НИУ ВШЭ",
    ),
    (
        r"SHIRSHOV INSTITUTE OF OCEANOLOGY",
        "Институт океанологии им. П. П. Ширшова РАН",
        "Shirshov Institute of Oceanology RAS",
        "ИО РАН",
    ),
    (
        r"IOFFE PHYSICO ?TECHNICAL INSTITUTE",
        "Физико-технический институт им. А. Ф. Иоффе РАН",
        "Ioffe Institute",
        "ФТИ им. Иоффе",
    ),
    (
        r"BORESKOV INSTITUTE OF CATALYSIS",
        "Институт катализа им. Г. К. Борескова СО РАН",
        "Boreskov Institute of Catalysis SB RAS",
        "ИК СО РАН",
    ),
    (
        r"BA[CK]H INSTITUTE OF BIOCHEMISTRY",
        "Институт биохимии им. А. Н. Баха РАН",
        "Bach Institute of Biochemistry RAS",
        "ИНБИ РАН",
    ),
    (
        r"KURCHATOV INSTITUTE",
        "Национальный исследовательский центр «Курчатовский институт»",
        "Kurchatov Institute",
        "НИЦ КИ",
    ),
    (
        r"^SAINT PETERSBURG STATE UNIVERSITY( SPSU)?$",
        "Санкт-Петербургский государственный университет",
        "Saint Petersburg State University",
        "СПбГУ",
    ),
    (
        r"KHRISTIANOVICH INSTITUTE OF THEORETICAL AND APPLIED MECHANICS",
        "Институт теоретической и прикладной механики им. С. А. Христиановича СО РАН",
        "Khristianovich Institute of Theoretical and Applied Mechanics SB RAS",
        "ИТПМ СО РАН",
    ),
    (
        r"^SPACE RESEARCH INSTITUTE OF (THE )?RUSSIAN ACADEMY OF SCIENCES",
        "Институт космических исследований РАН",
        "Space Research Institute RAS (IKI)",
        "ИКИ РАН",
    ),
    (
        r"^TOMSK POLYTECHNIC UNIVERSITY",
        "Томский политехнический университет",
        "Tomsk Polytechnic University",
        "ТПУ",
    ),
    (
        r"TOPCHIEV INSTITUTE OF PETROCHEMICAL SYNTHESIS",
        "Институт нефтехимического синтеза им. А. В. Топчиева РАН",
        "Topchiev Institute of Petrochemical Synthesis RAS",
        "ИНХС РАН",
    ),
    (
        r"INFORMATION TECHNOLOGIES MECHANICS AND OP",
        "Университет ИТМО",
        "ITMO University",
        "ИТМО",
    ),
    (
        r"UNIVERSITY OF SCIENCE AND TECHNOLOGY MISIS",
        "Национальный исследовательский технологический университет «МИСиС»",
        "National University of Science and Technology MISIS",
        "НИТУ МИСиС",
    ),
    (
        r"LEBEDEV PHYSICAL INSTITUTE",
        "Физический институт им. П. Н. Лебедева РАН",
        "Lebedev Physical Institute RAS",
        "ФИАН",
    ),
    (
        r"NESMEYANOV INSTITUTE OF ORGANOELEMENT",
        "Институт элементоорганических соединений им. А. Н. Несмеянова РАН",
        "Nesmeyanov Institute of Organoelement Compounds RAS",
        "ИНЭОС РАН",
    ),
    (
        r"^ARCTIC AND ANTARCTIC RESEARCH INSTITUTE",
        "Арктический и антарктический научно-исследовательский институт",
        "Arctic and Antarctic Research Institute",
        "ААНИИ",
    ),
    (
        r"KELDYSH INSTITUTE OF APPLIED MATHEMATICS",
        "Институт прикладной математики им. М. В. Келдыша РАН",
        "Keldysh Institute of Applied Mathematics RAS",
        "ИПМ им. Келдыша",
    ),
    (
        r"CENTRAL INSTITUTE OF AVIATION MOTORS|CENTRALNII INSTITUTAVIACIONOGO MOTOROSTR",
        "Центральный институт авиационного моторостроения имени П. И. Баранова",
        "Central Institute of Aviation Motors (CIAM)",
        "ЦИАМ",
    ),
    (
        r"TEORETICHESKOI I EKSPERIME ?NTALNOI FIZIKI",
        "Институт теоретической и экспериментальной физики",
        "Institute for Theoretical and Experimental Physics (ITEP)",
        "ИТЭФ",
    ),
    (
        r"SHEMYAKIN AND OVCHINNIKOV INSTITUTE",
        "Институт биоорганической химии им. академиков М. М. Шемякина и Ю. А. Овчинникова РАН",
        "Shemyakin–Ovchinnikov Institute of Bioorganic Chemistry RAS",
        "ИБХ РАН",
    ),
    (
        r"^JOINT INSTITUTE FOR NUCLEAR RESEARCH",
        "Объединённый институт ядерных исследований",
        "Joint Institute for Nuclear Research",
        "ОИЯИ",
    ),
    (
        r"BUDKER INSTITUTE OF NUCLEAR PHYSICS",
        "Институт ядерной физики им. Г. И. Будкера СО РАН",
        "Budker Institute of Nuclear Physics SB RAS",
        "ИЯФ СО РАН",
    ),
    (
        r"KONSTANTINOV PETERSBURG NUCLEAR PHYSIC",
        "Петербургский институт ядерной физики им. Б. П. Константинова",
        "Konstantinov Petersburg Nuclear Physics Institute",
        "ПИЯФ",
    ),
    (
        r"TSENTRALNY NAUCHNO ISSLEDOVATELSKY INSTITU",
        "Центральный научно-исследовательский институт машиностроения",
        "Central Research Institute of Machine Building (TsNIIMash)",
        "ЦНИИмаш",
    ),
    (
        r"FOUNDATION FOR ASSISTANCE TO SMALL INNOVATIVE ENTERPRISES",
        "Фонд содействия развитию малых форм предприятий в научно-технической сфере",
        "Foundation for Assistance to Small Innovative Enterprises (FASIE)",
        "Фонд содействия инновациям",
    ),
    (
        r"INSTITUTE FOR INFORMATION TRANSMISSION PROBLEMS",
        "Институт проблем передачи информации им. А. А. Харкевича РАН",
        "Kharkevich Institute for Information Transmission Problems RAS",
        "ИППИ РАН",
    ),
    (
        r"^INSTITUTE OF APPLIED PHYSICS,? RUSSIAN ACADEMY OF SCIENCES",
        "Институт прикладной физики РАН",
        "Institute of Applied Physics RAS",
        "ИПФ РАН",
    ),
    (
        r"JOINT INSTITUTE FOR HIGH TEMPERATURES",
        "Объединённый институт высоких температур РАН",
        "Joint Institute for High Temperatures RAS",
        "ОИВТ РАН",
    ),
    (
        r"UNITED AIRCRAFT CORPORATION",
        "Объединённая авиастроительная корпорация",
        "United Aircraft Corporation",
        "ОАК",
    ),
    (
        r"^MOSCOW INSTITUTE OF PHYSICS AND TECHNOLOGY",
        "Московский физико-технический институт",
        "Moscow Institute of Physics and Technology",
        "МФТИ",
    ),
    (
        r"ELECTROTECHNICAL UNIVERSITY LETI",
        "Санкт-Петербургский государственный электротехнический университет «ЛЭТИ»",
        "Saint Petersburg Electrotechnical University LETI",
        "СПбГЭТУ «ЛЭТИ»",
    ),
    (
        r"^VORONEZH STATE UNIVERSITY$",
        "Воронежский государственный университет",
        "Voronezh State University",
        "ВГУ",
    ),
    (
        r"ISHLINSKY INSTITUTE FOR PROBLEMS IN MECHANICS",
        "Институт проблем механики им. А. Ю. Ишлинского РАН",
        "Ishlinsky Institute for Problems in Mechanics RAS",
        "ИПМех РАН",
    ),
    (
        r"SHUBNIKOV INSTITUTE OF CRYSTALLOGRAPHY",
        "Институт кристаллографии им. А. В. Шубникова РАН",
        "Shubnikov Institute of Crystallography RAS",
        "ИК РАН",
    ),
    (
        r"ST PETERSBURG INSTITUTE FOR INFORMAT",
        "Санкт-Петербургский институт информатики и автоматизации РАН",
        "St. Petersburg Institute for Informatics and Automation RAS",
        "СПИИРАН",
    ),
    (
        r"^INSTITUTE OF SOLID STATE PHYSICS RUSSIAN ACADEMY",
        "Институт физики твёрдого тела РАН",
        "Institute of Solid State Physics RAS",
        "ИФТТ РАН",
    ),
    (
        r"INSTITUTE OF TERRESTRIAL MAGNETISM",
        "Институт земного магнетизма, ионосферы и распространения радиоволн им. Н. В. Пушкова РАН",
        "Pushkov Institute of Terrestrial Magnetism, Ionosphere and Radio Wave Propagation RAS",
        "ИЗМИРАН",
    ),
    (
        r"YADERNOI FIZIKI IMENI D V SKOBELTSYNA",
        "Научно-исследовательский институт ядерной физики имени Д. В. Скобельцына МГУ",
        "Skobeltsyn Institute of Nuclear Physics, Moscow State University",
        "НИИЯФ МГУ",
    ),
    (
        r"^SARATOV STATE UNIVERSITY$",
        "Саратовский государственный университет",
        "Saratov State University",
        "СГУ",
    ),
    (
        r"^ST PETERSBURG STATE POLYTECHNICAL UNIVERSITY$",
        "Санкт-Петербургский государственный политехнический университет",
        "St. Petersburg State Polytechnical University",
        "СПбГПУ",
    ),
    (
        r"^CENTRAL AEROLOGICAL OBSERVATORY$",
        "Центральная аэрологическая обсерватория",
        "Central Aerological Observatory",
        "ЦАО",
    ),
    (
        r"URAL FED",
        "Уральский федеральный университет",
        "Ural Federal University",
        "УрФУ",
    ),
    (
        r"E T GAIDAR INSTITUTE",
        "Институт экономической политики имени Е. Т. Гайдара",
        "Gaidar Institute for Economic Policy",
        "Институт Гайдара",
    ),
    (
        r"FINANSOVAYA AKADEMIYA PRI PRAVITELSTVE",
        "Финансовая академия при Правительстве Российской Федерации",
        "Financial Academy under the Government of the Russian Federation",
        "Финакадемия",
    ),
    (
        r"INSTITUTE OF GEOGRAPHY OF RUSSIAN ACADEMY ?OF SCIENCES",
        "Институт географии РАН",
        "Institute of Geography RAS",
        "ИГ РАН",
    ),
    (
        r"RESEARCH INSTITUTE OF FISHERIES AND OCEANOGRAPHY",
        "Всероссийский научно-исследовательский институт рыбного хозяйства и океанографии",
        "Russian Federal Research Institute of Fisheries and Oceanography",
        "ВНИРО",
    ),
    (
        r"^RUSSIAN FOUNDATION FOR BASIC RESEARCH$",
        "Российский фонд фундаментальных исследований",
        "Russian Foundation for Basic Research",
        "РФФИ",
    ),
    (
        r"UNIVERSITY OF AEROSPACE INSTRUMENTATION",
        "Санкт-Петербургский государственный университет аэрокосмического приборостроения",
        "Saint Petersburg State University of Aerospace Instrumentation",
        "ГУАП",
    ),
    (
        r"^STATE RESEARCH INSTITUTE OF AVIATION SYSTEMS$",
        "Государственный научно-исследовательский институт авиационных систем",
        "State Research Institute of Aviation Systems (GosNIIAS)",
        "ГосНИИАС",
    ),
    (
        r"KELDYSH RES",
        "Исследовательский центр имени М. В. Келдыша",
        "Keldysh Research Centre",
        "Центр Келдыша",
    ),
    (
        r"INSTITUTE OF CYTOLOGY AND GENETICS",
        "Институт цитологии и генетики СО РАН",
        "Institute of Cytology and Genetics SB RAS",
        "ИЦиГ СО РАН",
    ),
    (
        r"^UNIVERSITY OF NIZHNI NOVGOROD$",
        "Нижегородский государственный университет им. Н. И. Лобачевского",
        "Lobachevsky University of Nizhny Novgorod",
        "ННГУ",
    ),
    (
        r"SUKACHEV INSTITUTE OF FOREST",
        "Институт леса им. В. Н. Сукачёва СО РАН",
        "Sukachev Institute of Forest SB RAS",
        "ИЛ СО РАН",
    ),
    (
        r"KUTATELADZE INSTITUTE OF THERMOPHYSICS",
        "Институт теплофизики им. С. С. Кутателадзе СО РАН",
        "Kutateladze Institute of Thermophysics SB RAS",
        "ИТ СО РАН",
    ),
    (
        r"NATIONAL RESEARCH NUCLEAR UNIVERSITY ?MEPHI",
        "Национальный исследовательский ядерный университет «МИФИ»",
        "National Research Nuclear University MEPhI",
        "НИЯУ МИФИ",
    ),
    (
        r"MENDELEYEV UNIVERSITY OF CHEMICAL TECHNOLOGY",
        "Российский химико-технологический университет имени Д. И. Менделеева",
        "Mendeleev University of Chemical Technology of Russia",
        "РХТУ",
    ),
    (
        r"^BAUMAN MOSCOW STATE TECHNICAL UNIVERSITY",
        "Московский государственный технический университет имени Н. Э. Баумана",
        "Bauman Moscow State Technical University",
        "МГТУ им. Баумана",
    ),
    (
        r"TOMSK STATE UNIVERSITY$|^NATIONAL RESEARCH TOMSK STATE UNIVERSITY",
        "Томский государственный университет",
        "Tomsk State University",
        "ТГУ",
    ),
    (
        r"PROKHOROV GENERAL PHYSICS INSTITUTE",
        "Институт общей физики им. А. М. Прохорова РАН",
        "Prokhorov General Physics Institute RAS",
        "ИОФ РАН",
    ),
    (
        r"FAVORSKY IRKUTSK INSTITUTE OF CHEMISTRY",
        "Иркутский институт химии им. А. Е. Фаворского СО РАН",
        "Favorsky Irkutsk Institute of Chemistry SB RAS",
        "ИрИХ СО РАН",
    ),
    (
        r"^INSTITUT FIZIKI VYSOKIH ENERGII$",
        "Институт физики высоких энергий",
        "Institute for High Energy Physics (Protvino)",
        "ИФВЭ",
    ),
    (
        r"INSTITUTE FOR SYSTEM PROGRAMMING",
        "Институт системного программирования им. В. П. Иванникова РАН",
        "Ivannikov Institute for System Programming RAS",
        "ИСП РАН",
    ),
    (
        r"^INSTITUTE OF ASTRONOMY OF THE RUSSIAN ACADEMY OF SCIENCES$",
        "Институт астрономии РАН",
        "Institute of Astronomy RAS",
        "ИНАСАН",
    ),
    (
        r"^INSTITUTE OF SPECTROSCOPY OF RUSSIAN ACADEMY OF SCIENCES$",
        "Институт спектроскопии РАН",
        "Institute of Spectroscopy RAS",
        "ИСАН",
    ),
    (
        r"FIBER OPTICS RESEARCH CENTER",
        "Научный центр волоконной оптики РАН",
        "Fiber Optics Research Center RAS",
        "НЦВО РАН",
    ),
    (
        r"SPECIAL ASTROPHYSICAL OBSERVATORY",
        "Специальная астрофизическая обсерватория РАН",
        "Special Astrophysical Observatory RAS",
        "САО РАН",
    ),
    (
        r"MOSCOW AVIATION INSTITUTE",
        "Московский авиационный институт",
        "Moscow Aviation Institute",
        "МАИ",
    ),
    (
        r"MOSCOW ?POWER ENGINEERING INSTITUTE",
        "Национальный исследовательский университет «МЭИ»",
        "Moscow Power Engineering Institute (MPEI)",
        "МЭИ",
    ),
    (
        r"^SOUTHERN FEDERAL UNIVERSITY$",
        "Южный федеральный университет",
        "Southern Federal University",
        "ЮФУ",
    ),
    (
        r"^MOSCOW INSTITUTE OF ELECTRONIC TECHNOLOGY$",
        "Национальный исследовательский университет «МИЭТ»",
        "Moscow Institute of Electronic Technology (MIET)",
        "МИЭТ",
    ),
    (
        r"PEOPLES FRIENDSHIP UNIVERSITY OF RUSSIA",
        "Российский университет дружбы народов",
        "Peoples' Friendship University of Russia",
        "РУДН",
    ),
    (
        r"TSSKB PROGRESS",
        "Ракетно-космический центр «Прогресс»",
        "Progress Rocket Space Centre",
        "РКЦ «Прогресс»",
    ),
    (
        r"TROITSK INSTITUTE FOR INNOVATION AND FUSION",
        "Троицкий институт инновационных и термоядерных исследований",
        "Troitsk Institute for Innovation and Fusion Research (TRINITI)",
        "ТРИНИТИ",
    ),
    (
        r"^SUKHOI CIVIL AIRCRAFT",
        "Гражданские самолёты Сухого",
        "Sukhoi Civil Aircraft",
        "ГСС",
    ),
    (
        r"GROMOV FLIGHT RESEARCH INSTITUTE",
        "Лётно-исследовательский институт имени М. М. Громова",
        "Gromov Flight Research Institute",
        "ЛИИ им. Громова",
    ),
    (
        r"^RUSSIAN ACADEMY OF SCIENCES$",
        "Российская академия наук",
        "Russian Academy of Sciences",
        "РАН",
    ),
    (
        r"^ZOOLOGICAL INSTITUTE,? RUSSIAN ACADEMY OF SCIENCES$",
        "Зоологический институт РАН",
        "Zoological Institute RAS",
        "ЗИН РАН",
    ),
    (
        r"^INSTITUTE OF CONTROL SCIENCES OF THE RUSSIAN ACADEMY OF SCIENCES$",
        "Институт проблем управления им. В. А. Трапезникова РАН",
        "Trapeznikov Institute of Control Sciences RAS",
        "ИПУ РАН",
    ),
    (
        r"VAVILOV ALL RUSSIAN RESEARCH INSTITUTE OF",
        "Всероссийский институт генетических ресурсов растений имени Н. И. Вавилова",
        "Vavilov All-Russian Institute of Plant Genetic Resources",
        "ВИР",
    ),
    (
        r"WINOGRADSKY INSTITUTE OF MICROBIOLOGY",
        "Институт микробиологии им. С. Н. Виноградского РАН",
        "Winogradsky Institute of Microbiology RAS",
        "ИНМИ РАН",
    ),
    (
        r"SKRYABIN INSTITUTE OF BIOCHEMISTRY AND PHYSIOL",
        "Институт биохимии и физиологии микроорганизмов им. Г. К. Скрябина РАН",
        "Skryabin Institute of Biochemistry and Physiology of Microorganisms RAS",
        "ИБФМ РАН",
    ),
    (
        r"^MINISTRY OF EDUCATION AND SCIENCE OF THE RUSSIAN FEDERATION$",
        "Министерство образования и науки Российской Федерации",
        "Ministry of Education and Science of the Russian Federation",
        "Минобрнауки России",
    ),
    (
        r"OBUKHOV INSTITUTE OF ATMOSPHERIC PHYSICS",
        "Институт физики атмосферы им. А. М. Обухова РАН",
        "Obukhov Institute of Atmospheric Physics RAS",
        "ИФА РАН",
    ),
    (
        r"KOLTZOV INSTITUTE OF DEVELOPMENTAL BIOLOGY",
        "Институт биологии развития им. Н. К. Кольцова РАН",
        "Koltzov Institute of Developmental Biology RAS",
        "ИБР РАН",
    ),
    (
        r"MELENTIEV ENERGY SYSTEMS INSTITUTE",
        "Институт систем энергетики им. Л. А. Мелентьева СО РАН",
        "Melentiev Energy Systems Institute SB RAS",
        "ИСЭМ СО РАН",
    ),
    (
        r"NIKOLAEV INSTITUTE OF INORGANIC CHEMISTRY",
        "Институт неорганической химии им. А. В. Николаева СО РАН",
        "Nikolaev Institute of Inorganic Chemistry SB RAS",
        "ИНХ СО РАН",
    ),
    (
        r"KURNAKOV INSTITUTE OF GENERAL AND INORGANIC CHEMISTRY",
        "Институт общей и неорганической химии им. Н. С. Курнакова РАН",
        "Kurnakov Institute of General and Inorganic Chemistry RAS",
        "ИОНХ РАН",
    ),
    (
        r"^URAL BRANCH OF THE RUSSIAN ACADEMY OF SCIENCES$",
        "Уральское отделение РАН",
        "Ural Branch of the Russian Academy of Sciences",
        "УрО РАН",
    ),
    (
        r"^PETROZAVODSK STATE UNIVERSITY$",
        "Петрозаводский государственный университет",
        "Petrozavodsk State University",
        "ПетрГУ",
    ),
    (
        r"^KUBAN STATE UNIVERSITY$",
        "Кубанский государственный университет",
        "Kuban State University",
        "КубГУ",
    ),
    (
        r"^YUGRA STATE UNIVERSITY$",
        "Югорский государственный университет",
        "Yugra State University",
        "ЮГУ",
    ),
    (
        r"SCHMIDT INSTITUTE OF PHYSICS OF THE EARTH",
        "Институт физики Земли им. О. Ю. Шмидта РАН",
        "Schmidt Institute of Physics of the Earth RAS",
        "ИФЗ РАН",
    ),
    (
        r"LAVOCHKIN ASSOCIATION",
        "НПО имени С. А. Лавочкина",
        "Lavochkin Association",
        "НПО Лавочкина",
    ),
    (
        r"^SKOLKOVO INSTITUTE OF SCIENCE AND TECHNOLOGY$",
        "Сколковский институт науки и технологий",
        "Skolkovo Institute of Science and Technology",
        "Сколтех",
    ),
    (
        r"ZUEV INSTITUTE OF ATMOSPHERIC OPTICS",
        "Институт оптики атмосферы им. В. Е. Зуева СО РАН",
        "Zuev Institute of Atmospheric Optics SB RAS",
        "ИОА СО РАН",
    ),
    (
        r"DORODNICYN COMPUTING CENTRE",
        "Вычислительный центр им. А. А. Дородницына РАН",
        "Dorodnicyn Computing Centre RAS",
        "ВЦ РАН",
    ),
    (
        r"ENGELHARDT INSTITUTE OF MOLECULAR BIOLOGY",
        "Институт молекулярной биологии им. В. А. Энгельгардта РАН",
        "Engelhardt Institute of Molecular Biology RAS",
        "ИМБ РАН",
    ),
    (
        r"^ENERGY RESEARCH INSTITUTE OF THE RUSSIAN ACADEMY OF SCIENCES$",
        "Институт энергетических исследований РАН",
        "Energy Research Institute RAS",
        "ИНЭИ РАН",
    ),
    (
        r"^FAR EASTERN BRANCH OF RUSSIAN ACADEMY OF SCIENCES$",
        "Дальневосточное отделение РАН",
        "Far Eastern Branch of the Russian Academy of Sciences",
        "ДВО РАН",
    ),
    (
        r"NOTHERN|NORTHERN \(ARCTIC\) FEDERAL UNIVERSITY",
        "Северный (Арктический) федеральный университет имени М. В. Ломоносова",
        "Northern (Arctic) Federal University",
        "САФУ",
    ),
    (
        r"INSTITUTE OF AVIATION MAT",
        "Всероссийский научно-исследовательский институт авиационных материалов",
        "All-Russian Scientific Research Institute of Aviation Materials (VIAM)",
        "ВИАМ",
    ),
    (
        r"ALL RUSSIAN ELECTROTECHNICAL INSTITUTE",
        "Всероссийский электротехнический институт имени В. И. Ленина",
        "All-Russian Electrotechnical Institute",
        "ВЭИ",
    ),
    (
        r"CHUMAKOV INSTITUTE OF POLIOMYELIT",
        "Институт полиомиелита и вирусных энцефалитов им. М. П. Чумакова",
        "Chumakov Institute of Poliomyelitis and Viral Encephalitides",
        "ИПВЭ им. Чумакова",
    ),
    (
        r"^GEOPHYSICAL CENTER OF THE RUSSIAN ACADEMY OF SCIENCES$",
        "Геофизический центр РАН",
        "Geophysical Center RAS",
        "ГЦ РАН",
    ),
    (
        r"INSTITUTE OF BIOMEDICAL CHEMISTRY",
        "Институт биомедицинской химии им. В. Н. Ореховича",
        "Institute of Biomedical Chemistry",
        "ИБМХ",
    ),
    (
        r"INSTITUTE OF BIOMEDICAL PROBLEMS",
        "Институт медико-биологических проблем РАН",
        "Institute of Biomedical Problems RAS",
        "ИМБП РАН",
    ),
    (
        r"^INSTITUTE OF BIOPHYSICS OF SIBERIAN BRANCH",
        "Институт биофизики СО РАН",
        "Institute of Biophysics SB RAS",
        "ИБФ СО РАН",
    ),
    (
        r"ANDREYEV ACOUSTICS INSTITUTE",
        "Акустический институт имени академика Н. Н. Андреева",
        "Andreyev Acoustics Institute",
        "АКИН",
    ),
    (
        r"BALTIC STATE TECHNICAL UNIVERSITY VOENMEKH",
        "Балтийский государственный технический университет «Военмех» им. Д. Ф. Устинова",
        "Baltic State Technical University VOENMEKH",
        "БГТУ «Военмех»",
    ),
    (
        r"^AVIADVIGATEL OAO$",
        "ОАО «Авиадвигатель»",
        "Aviadvigatel",
        "Авиадвигатель",
    ),
    (
        r"^NPO SATURN OAO$",
        "ОАО «НПО „Сатурн“»",
        "NPO Saturn",
        "НПО «Сатурн»",
    ),
    (
        r"^KUZNETSOV OAO$",
        "ОАО «Кузнецов»",
        "Kuznetsov",
        "Кузнецов",
    ),
    (
        r"NPO MASHINOSTROYENIA",
        "АО «ВПК „НПО машиностроения“»",
        "NPO Mashinostroyeniya",
        "НПО машиностроения",
    ),
    (
        r"^JOINT STOCK COMPANY RUSSIAN SPACE SYSTEMS$",
        "АО «Российские космические системы»",
        "Russian Space Systems",
        "РКС",
    ),
    (
        r"^ARKHANGELSK STATE TECHNICAL UNIVERSITY$",
        "Архангельский государственный технический университет",
        "Arkhangelsk State Technical University",
        "АГТУ",
    ),
]

# Russian universities whose name says "institute" (short names as in RU_NAMES).
RU_UNIVERSITY_INSTITUTES = {"МФТИ", "МАИ", "МЭИ", "МИЭТ"}

# City of well-known Russian organisations that CORDIS lists without an address (H2020 only).
RU_KNOWN_CITY = [
    (r"^SKOLKOVO INSTITUTE OF SCIENCE AND TECHNOLOGY$", "Moscow"),
    (r"CHUMAKOV INSTITUTE OF POLIOMYELIT", "Moscow"),
    (r"RESEARCH INSTITUTE OF INFLUENZA", "Saint Petersburg"),
    (r"VACCINES AND SERA", "Moscow"),
]

# Legal forms stated in the CORDIS name: (pattern, legal form)
LEGAL_FORMS_RU = [
    (
        r"FEDERAL STATE BUDGETARY INSTITUTION OF SCIENCE|FEDERAL STATE BUDGET FINANCED INSTITUTION OF SCIENCES",
        "ФГБУН",
    ),
    (
        r"FEDERAL STATE AUTONOMOUS EDUCATIONAL INSTITUTION (FOR|OF) HIGHER PROFESSIONAL",
        "ФГАОУ ВПО",
    ),
    (
        r"FEDERAL STATE BUDGETARY EDUCATIONAL INSTITUTION OF HIGHER PROFESSIONAL",
        "ФГБОУ ВПО",
    ),
    (r"FEDERAL STATE BUDGETARY EDUCATIONAL INSTITUTION OF HIGHER EDUCATION", "ФГБОУ ВО"),
    (r"FEDERAL STATE AUTONOMOUS EDUCATIONAL INSTITUTION OF HIGHER EDUCATION", "ФГАОУ ВО"),
    (r"STATE EDUCATIONAL INSTITUTION OF (THE )?HIGHER PROFESSIONAL", "ГОУ ВПО"),
    (
        r"FEDERAL STATE UNITARY ENT[ER]+PRISE|FEDERALNOE GOSUDARSTVENNOE UNITARN|\bFSUE\b|\bFGUP\b",
        "ФГУП",
    ),
    (r"\bOOO\b|\bLLC\b|LIMITED LIABILITY COMPANY", "ООО"),
    (r"\bZAO\b|\bCJSC\b|CLOSED JOINT STOCK COMPANY", "ЗАО"),
    (r"\bOAO\b|\bOJSC\b|OPEN JOINT STOCK COMPANY|OPEN STOCK COMPANY", "ОАО"),
    (r"\bJSC\b|^JOINT STOCK COMPANY|\bJOINT STOCK COMPANY$", "АО"),
    (r"AUTONOMOUS NON ?COMMERCIAL ORGANI[SZ]ATION|AUTONOMNAYA NEKOMMERCHESKAYA", "АНО"),
]
LEGAL_FORMS_LATIN = [
    (r"\bSASU\b", "SASU"),
    (r"\bSAS\b", "SAS"),
    (r"\bSARL\b", "SARL"),
    (r"\bEURL\b", "EURL"),
    (r"\bSCOP\b", "SCOP"),
    (r"\bGIE\b", "GIE"),
    (r"\bGMBH\b", "GmbH"),
    (r"\bAG\b", "AG"),
    (r"\bS\.?P\.?A\.?$|\bSPA\b", "SpA"),
    (r"\bS\.?R\.?L\.?$|\bSRL\b", "Srl"),
    (r"\bS\.?L\.?$", "SL"),
    (r"\bB\.?V\.?$|\bBV\b", "BV"),
    (r"\bN\.?V\.?$", "NV"),
    (r"\bAB\b", "AB"),
    (r"\bA/?S\b", "A/S"),
    (r"\bOY\b", "Oy"),
    (r"\bPLC\b", "plc"),
    (r"\bLTD\b|\bLIMITED\b", "Ltd"),
    (r"\bINC\b", "Inc."),
    (r"\bS\.?A\.?$|\bSA\b", "SA"),
]

# --------------------------------------------------------------------------------------------
# Keyword -> sector vocabulary
# --------------------------------------------------------------------------------------------

# (regular expression on lower-cased text, keyword, sector)
VOCABULARY = [
    (r"\baero(nautic|space|dynamic)\w*", "aeronautics", "aerospace"),
    (r"\baircraft|\baviation|\bavionic\w*|\bairborne|\bairport\w*", "aviation", "aerospace"),
    (r"\bclean sky\b", "Clean Sky", "aerospace"),
    (r"\bair traffic|\batm\b|\bsesar\b", "air traffic management", "aerospace"),
    (r"\bspace\b(?! of)|\bspacecraft|\blauncher\w*|\brocket\w*", "space", "aerospace"),
    (r"\bsatellite\w*", "satellites", "aerospace"),
    (r"\bearth observation|\bcopernicus\b", "Earth observation", "aerospace"),
    (r"\bgalileo\b|\bgnss\b|\begnos\b", "satellite navigation", "aerospace"),
    (r"\bastronom\w*|\bastrophysic\w*|\btelescope\w*", "astronomy", "aerospace"),
    (
        r"\bengine\w* (for|of) aircraft|\bgas turbine\w*|\bturbomachin\w*",
        "aero engines",
        "aerospace",
    ),
    (r"\bphotonic\w*", "photonics", "photonics"),
    (r"\boptic\w*|\boptoelectronic\w*", "optics", "photonics"),
    (r"\blasers?\b", "lasers", "photonics"),
    (r"\bimaging\b", "imaging", "photonics"),
    (r"\bspectroscop\w*", "spectroscopy", "photonics"),
    (r"\blighting\b|\bled\b|\bsolid.state light\w*", "lighting", "photonics"),
    (r"\bquantum\b", "quantum technologies", "photonics"),
    (r"\bbiotechnolog\w*|\bbiotech\b", "biotechnology", "biotech_health"),
    (r"\bhealth\w*|\bmedic\w*|\bclinic\w*|\bhospital\w*", "health", "biotech_health"),
    (r"\bpharma\w*|\bdrugs?\b|\bmedicines?\b", "pharmaceuticals", "biotech_health"),
    (
        r"\bvaccin\w*|\binfecti\w*|\bviral\b|\bvirus\w*|\bvirolog\w*",
        "infectious diseases",
        "biotech_health",
    ),
    (r"\bcancer\w*|\boncolog\w*|\btumou?r\w*", "oncology", "biotech_health"),
    (r"\bgenom\w*|\bgenetic\w*|\bgenes?\b", "genomics", "biotech_health"),
    (
        r"\bprotein\w*|\bbiochem\w*|\bmolecular biolog\w*|\bbioorganic",
        "biochemistry",
        "biotech_health",
    ),
    (r"\bneuro\w*|\bbrain\b|\bmental health", "neuroscience", "biotech_health"),
    (r"\bcardio\w*|\bheart\b", "cardiology", "biotech_health"),
    (r"\bdiagnos\w*", "diagnostics", "biotech_health"),
    (r"\bageing\b|\baging\b|\bwell.being\b", "ageing and well-being", "biotech_health"),
    (
        r"\btuberculosis|\binfluenza|\bhiv\b|\baids\b|\bmalaria",
        "infectious diseases",
        "biotech_health",
    ),
    (r"\bepidemiolog\w*|\bpublic health", "epidemiology", "biotech_health"),
    (r"\bbiomedic\w*|\bbiolog\w*|\bmicrobiolog\w*|\bcytolog\w*", "life sciences", "biotech_health"),
    (r"\bsoftware\b|\bcomput\w*|\binformati\w*|\binformation technolog\w*", "computing", "ict"),
    (r"\bdata\b|\bbig data|\bdatabase\w*|\bopen data", "data", "ict"),
    (r"\bdigital\w*|\binternet\b|\bweb\b|\bonline\b", "digital", "ict"),
    (
        r"\bnetwork\w*|\btelecom\w*|\b5g\b|\bwireless|\bradio\b|\bcommunications?\b",
        "telecommunications",
        "ict",
    ),
    (r"\bcyber\w*|\bcryptograph\w*|\bprivacy\b", "cybersecurity", "ict"),
    (r"\bcloud\b|\bhpc\b|\bhigh.performance computing|\bexascale", "cloud and HPC", "ict"),
    (
        r"\bartificial intelligence|\bmachine learning|\bsemantic\w*|\blanguage technolog\w*",
        "artificial intelligence",
        "ict",
    ),
    (
        r"\bmicroelectronic\w*|\bnanoelectronic\w*|\bsemiconductor\w*|\bembedded\b|\belectronic\w*",
        "electronics",
        "ict",
    ),
    (r"\bict\b|\binformation and communication", "ICT", "ict"),
    (r"\bmathemat\w*|\balgorithm\w*|\bsimulation\b", "mathematics and simulation", "ict"),
    (r"\benerg\w*", "energy", "energy"),
    (r"\bsolar\b|\bphotovoltaic\w*|\bwind\b|\brenewable\w*", "renewable energy", "energy"),
    (r"\bnuclear\b|\bfission\b|\bfusion\b|\beuratom\b|\bradiation\b", "nuclear", "energy"),
    (r"\bhydrogen\b|\bfuel cells?\b", "hydrogen and fuel cells", "energy"),
    (
        r"\bbatter(y|ies)\b|\belectricity\b|\bsmart grids?\b|\bpower systems?\b|\bpower grid",
        "electricity and grids",
        "energy",
    ),
    (r"\bcombustion\b|\bpetro\w*|\boil\b|\bnatural gas\b|\bcoal\b|\bbiofuel\w*", "fuels", "energy"),
    (r"\bcatalys\w*", "catalysis", "energy"),
    (r"\bmarine\b|\bmaritime\b|\bocean\w*|\bseas?\b|\bblue growth", "marine", "maritime"),
    (r"\bships?\b|\bshipping\b|\bnaval\b|\bvessels?\b|\bports?\b", "shipping", "maritime"),
    (r"\bfisher\w*|\baquaculture\b", "fisheries and aquaculture", "maritime"),
    (
        r"\bcoastal\b|\boffshore\b|\bunderwater\b|\bsubsea\b|\barctic\b",
        "coastal and offshore",
        "maritime",
    ),
    (r"\bmanufactur\w*|\bfactor(y|ies)\b|\bindustr\w*", "manufacturing", "advanced_manufacturing"),
    (
        r"\bmaterials?\b|\bcomposite\w*|\bpolymer\w*|\bcoating\w*|\bmetal\w*|\balloy\w*",
        "materials",
        "advanced_manufacturing",
    ),
    (r"\bnano\w*", "nanotechnology", "advanced_manufacturing"),
    (
        r"\brobot\w*|\bautomation\b|\bmechatronic\w*",
        "robotics and automation",
        "advanced_manufacturing",
    ),
    (r"\badditive manufacturing|\b3d print\w*", "additive manufacturing", "advanced_manufacturing"),
    (
        r"\bmechanic\w*|\bmachine building|\bengineering\b",
        "mechanical engineering",
        "advanced_manufacturing",
    ),
    (r"\bchemi\w*", "chemistry", "advanced_manufacturing"),
    (
        r"\btransport\w*|\bvehicle\w*|\bautomotive\b|\brail\w*",
        "transport",
        "advanced_manufacturing",
    ),
    (r"\bagri\w*|\bfarm\w*|\bcrops?\b|\blivestock\b|\bsoil\w*", "agriculture", "agrifood"),
    (r"\bfood\w*|\bnutrition\w*|\bdiet\w*|\bpoultry\b|\bdairy\b|\bwine\w*", "food", "agrifood"),
    (
        r"\bplants?\b|\bseeds?\b|\bbreeding\b|\bveterinar\w*|\banimal\w*",
        "plants and animals",
        "agrifood",
    ),
    (
        r"\bforest\w*|\bwood\b|\bbio.based\b|\bbioeconomy\b",
        "forestry and bio-based products",
        "agrifood",
    ),
    (r"\benvironment\w*|\becolog\w*|\bbiodiversity\b|\becosystem\w*", "environment", "environment"),
    (
        r"\bclimat\w*|\bweather\b|\bmeteorolog\w*|\bhydromet\w*|\batmospher\w*",
        "climate and atmosphere",
        "environment",
    ),
    (r"\bwaters?\b|\bwastewater\b|\blimnolog\w*|\bhydrolog\w*", "water", "environment"),
    (
        r"\bwaste\b|\brecycl\w*|\bcircular economy\b|\braw materials?\b",
        "waste and resources",
        "environment",
    ),
    (r"\bpollut\w*|\bemission\w*|\bair quality\b", "pollution", "environment"),
    (
        r"\bgeophysic\w*|\bgeolog\w*|\bearthquake\w*|\bseismic\w*|\bnatural hazard\w*|\bremote sensing",
        "earth sciences",
        "environment",
    ),
    (
        r"\bsustainab\w*|\bresilien\w*|\bdisaster\w*|\brisks?\b",
        "sustainability and risk",
        "environment",
    ),
]
VOCAB = [(re.compile(p), k, s) for p, k, s in VOCABULARY]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/latin-1, possibly twice."""
    for _ in range(3):
        if not re.search(r"[ÃÂâ€]", text):
            break
        for enc in ("cp1252", "latin-1"):
            try:
                fixed = text.encode(enc).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            text = fixed
            break
        else:
            break
    return text


def clean(text: str | None) -> str:
    text = fix_mojibake(text or "").replace(" \ufffd ", " – ").replace("Sk?odowska", "Skłodowska")
    if "\ufffd" in text:  # characters lost before the data reached us
        text = text.replace("G\ufffdANT", "GÉANT")
        text = re.sub(r"(\w)\ufffd(s)\b", r"\1’\2", text)
        text = re.sub(r"\ufffd([^\ufffd]{1,200}?)\ufffd", r"“\1”", text)
        text = text.replace("\ufffd", "")
    return re.sub(r"\s+", " ", text).strip().strip('"').strip()


def readable(text: str) -> bool:
    """False for strings whose non-ASCII letters were lost ('?' or U+FFFD)."""
    return "\ufffd" not in text and not re.search(r"\w\?\w", text)


def norm(text: str) -> str:
    """Upper-case ASCII form with punctuation replaced by spaces."""
    text = unicodedata.normalize("NFKD", fix_mojibake(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    text = re.sub(r"[^A-Z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def norm_city(city: str) -> str:
    text = norm(city)
    text = re.sub(r"\bCEDEX\b.*$", "", text)
    text = re.sub(r"\bST\b", "SAINT", text)
    text = re.sub(r"\bSTE\b", "SAINTE", text)
    text = re.sub(r"\b\d+\b", "", text)
    return re.sub(r"\s+", " ", text).strip()


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def is_pic(org_id: str) -> bool:
    return bool(re.fullmatch(r"\d{9}", org_id))


def country_code(code: str) -> str:
    code = (code or "").strip().upper()
    return EU_COUNTRY_FIX.get(code, code)


CITY_DISPLAY = {
    "SOPHIA ANTIPOLIS": "Sophia Antipolis",
    "VALLAUTIS": "Vallauris",
    "GREOUX LES BAINS": "Gréoux-les-Bains",
    "HYERES": "Hyères",
    "FREJUS": "Fréjus",
    "SAINT RAPHAEL": "Saint-Raphaël",
    "BRIANCON": "Briançon",
    "LE PUY SAINTE REPARADE": "Le Puy-Sainte-Réparade",
    "VALREAS": "Valréas",
    "GEMENOS": "Gémenos",
    "EGUILLES": "Éguilles",
    "MONTGENEVRE": "Montgenèvre",
    "BOLLENE": "Bollène",
    "VEDENE": "Vedène",
    "LES MILLES": "Les Milles",
}
FR_PARTICLES = {"EN", "SUR", "LA", "LE", "LES", "DE", "DU", "DES", "LEZ", "L", "D", "ET"}


def paca_city(city: str) -> str | None:
    """Display form of a PACA commune, from its normalised spelling."""
    key = norm_city(city)
    if not key:
        return None
    if "SOPHIA ANTIPOLIS" in key:
        return "Sophia Antipolis"
    if key not in PACA_CITY_DEP:
        key = next((k for k in PACA_CITY_DEP if key.startswith(k + " ")), key)
    if key in CITY_DISPLAY:
        return CITY_DISPLAY[key]
    words = key.split()
    head = []
    if len(words) > 1 and words[0] in ("LE", "LA", "LES"):
        head = [words.pop(0).capitalize()]
    body = "-".join(
        w.lower() if i and w in FR_PARTICLES else w.capitalize() for i, w in enumerate(words)
    )
    return " ".join([*head, body])


def title_city(city: str) -> str:
    city = clean(city)
    city = re.sub(r"\s*-?\s*\bCEDEX\b.*$", "", city, flags=re.IGNORECASE).strip(" ,-")
    if city.isupper() or city.islower():
        city = " ".join(w.capitalize() for w in city.lower().split())
        city = re.sub(r"(?<=-)(\w)", lambda m: m.group(1).upper(), city)
    return city


def website(url: str) -> str | None:
    url = clean(url)
    if not url or " " in url or "." not in url:
        return None
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "http://" + url
    return url.lower() if url.lower().startswith(("http://www", "https://www")) else url


# --------------------------------------------------------------------------------------------
# Loading CORDIS
# --------------------------------------------------------------------------------------------


class Cordis:
    def __init__(self, data: Path) -> None:
        base = data / "cordis-fp7-h2020-network"
        self.orgs: dict[str, dict[str, str]] = {}
        for row in read_csv(base / "fp7_organisations.csv"):
            oid = row["org_id"].strip()
            prev = self.orgs.get(oid)
            rec = {
                "id": oid,
                "name": clean(row["name"]),
                "short": clean(row["short_name"]),
                "url": row["url"],
                "nuts3": row["nuts3"].strip(),
                "country": country_code(row["country"]),
                "city": clean(row["city"]),
                "post_code": row["post_code"].strip(),
                "street": clean(row["street"]),
            }
            if prev is None or sum(bool(v) for v in rec.values()) > sum(
                bool(v) for v in prev.values()
            ):
                self.orgs[oid] = rec
        for row in read_csv(base / "h2020_2014_2016_organisations.csv"):
            oid = row["new_org_id"].strip()
            if oid in self.orgs:
                if not self.orgs[oid]["short"]:
                    self.orgs[oid]["short"] = clean(row["shortName"])
                continue
            self.orgs[oid] = {
                "id": oid,
                "name": clean(row["name"]),
                "short": clean(row["shortName"]),
                "url": "",
                "nuts3": "",
                "country": country_code(row["country"]),
                "city": "",
                "post_code": "",
                "street": "",
            }

        # project -> participants
        self.fp7: dict[str, set[str]] = collections.defaultdict(set)
        for row in read_csv(base / "fp7_participations.csv"):
            self.fp7["fp7:" + row["project_rcn"].strip()].add(row["org_id"].strip())
        topics = {
            r["topicCode"]: clean(r["title"])
            for r in read_csv(base / "cordisref_h2020_topics.csv", ";")
        }
        programmes = {
            r["code"]: clean(r["title"])
            for r in read_csv(base / "cordisref_h2020_programmes.csv", ";")
        }
        self.h2020_info: dict[str, dict[str, Any]] = {}
        rcn_to_key: dict[str, str] = {}
        for row in read_csv(base / "h2020_2014_2016_projects.csv"):
            key = "h2020:" + row["reference"].strip()
            rcn_to_key[row["rcn"].strip()] = key
            progs = [p for p in re.split(r"[;,]", row["programme"]) if p.strip()]
            topic_codes = [t for t in re.split(r"[;,]", row["topics"]) if t.strip()]
            self.h2020_info[key] = {
                "acronym": clean(row["acronym"]),
                "programme": ";".join(p.strip() for p in progs),
                "programme_titles": [programmes.get(p.strip(), "") for p in progs],
                "topics": [(t.strip(), topics.get(t.strip(), "")) for t in topic_codes],
                "call": row["call"].strip(),
                "scheme": row["fundingScheme"].strip(),
                "year": int(row["startDate"][:4]) if row["startDate"][:4].isdigit() else None,
            }
        self.h2020: dict[str, set[str]] = collections.defaultdict(set)
        for row in read_csv(base / "h2020_2014_2016_participations.csv"):
            h_key = rcn_to_key.get(row["projectRcn"].strip())
            if h_key:
                self.h2020[h_key].add(row["new_org_id"].strip())

        # activity type by PIC, from the whole H2020 participation table
        types: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        parts = data / "cordis-h2020-participations" / "h2020_participations_2020-12.csv.gz"
        for row in read_csv(parts):
            if row["type"]:
                types[row["pic"].strip()][row["type"].strip()] += 1
        self.activity = {pic: c.most_common(1)[0][0] for pic, c in types.items()}

        self.projects: dict[str, set[str]] = {**self.fp7, **self.h2020}
        self.org_projects: dict[str, set[str]] = collections.defaultdict(set)
        for key, members in self.projects.items():
            for oid in members:
                self.org_projects[oid].add(key)


# --------------------------------------------------------------------------------------------
# Location
# --------------------------------------------------------------------------------------------


def paca_department(org: dict[str, str]) -> str | None:
    """The PACA département of a French CORDIS organisation, or None."""
    if org["country"] != "FR":
        return None
    city = norm_city(org["city"])
    digits = re.sub(r"\D", "", org["post_code"])
    dep_pc = None
    if len(digits) == 5:
        dep_pc = digits[:2]
    elif len(digits) == 4 and digits[0] in "456":
        dep_pc = "0" + digits[0]
    if city:
        dep = PACA_CITY_DEP.get(city)
        if dep is None:
            if "SOPHIA ANTIPOLIS" in city:
                dep = "06"
            else:
                for known, d in PACA_CITY_DEP.items():
                    if known not in PACA_AMBIGUOUS and city.startswith(known + " "):
                        dep = d
                        break
        if dep and city in PACA_AMBIGUOUS and dep_pc != dep:
            return None
        return dep
    nuts = NUTS2010_TO_2016.get(org["nuts3"])
    if nuts:
        return next(d for d, v in PACA_DEPARTMENTS.items() if v[0] == nuts)
    if dep_pc in PACA_DEPARTMENTS:
        return dep_pc
    return None


def paca_from_name(name: str) -> tuple[str | None, str | None] | None:
    text = norm(name)
    for place, value in PACA_NAME_PLACES.items():
        if re.search(rf"\b{place}\b", text):
            if place == "NICE" and not re.search(
                r"\b(UNIVERSITE|CENTRE HOSPITALIER|CHU|VILLE|METROPOLE|OBSERVATOIRE)\b.*\bNICE\b",
                text,
            ):
                continue
            return value
    return None


RU_CITY_DISPLAY = {
    "RU-MOW": "Moscow",
    "RU-SPE": "Saint Petersburg",
}


def ru_city(city: str) -> tuple[str | None, str | None]:
    """(ISO 3166-2 region, display city) of a Russian CORDIS city."""
    text = norm_city(city).replace("SAINT PETERBURG", "SAINT PETERSBURG")
    moscow = {"MOSCOW REGION", "MOSCOW", "MOSKVA", "MOSCVA"}
    ordered = [e for e in RU_CITY_REGION if e[0] not in moscow] + [
        e for e in RU_CITY_REGION if e[0] in moscow
    ]
    for prefix, code in ordered:
        m = re.search(rf"\b{prefix}\w*", text)
        if m:
            if prefix in ("ZELENOGRAD", "TROITSK"):
                return code, prefix.capitalize()
            if code in RU_CITY_DISPLAY and prefix not in ("MOSCOW REGION",):
                return code, RU_CITY_DISPLAY[code]
            if prefix == "MOSCOW REGION":
                return code, None
            display = " ".join(w.capitalize() for w in m.group(0).split())
            for old, new in ((" On ", "-on-"), ("Yuzhno ", "Yuzhno-"), ("Khanty ", "Khanty-")):
                display = display.replace(old, new)
            return code, display
    return None, title_city(city) or None


# --------------------------------------------------------------------------------------------
# Organisation records
# --------------------------------------------------------------------------------------------


def infer_kind(name: str, activity: str | None) -> str:
    if activity in ACTIVITY_KIND:
        return ACTIVITY_KIND[activity]
    text = norm(name)
    if re.search(
        r"\b(UNIVERSIT\w*|HOCHSCHULE|POLITECNICO|POLYTECHNIC\w*|ECOLE|COLLEGE|ACADEMY OF "
        r"(?!SCIENCE)|STATE ACADEMY|INSTITUTE OF TECHNOLOGY|UNIVERZITA|UNIWERSYTET|GOSUDARSTVENNIY "
        r"UNIVERSITET)\b",
        text,
    ):
        return "university"
    if re.search(
        r"\b(MINISTRY|MINISTERE|MINISTERIO|REGION|COMMUNE|CITY OF|VILLE DE|COUNCIL|AGENCY|"
        r"AGENCE|PREFECTURE|GOVERNMENT|AUTHORITY|MUNICIPALITY|CONSEIL REGIONAL|CONSEIL GENERAL|"
        r"CONSEIL DEPARTEMENTAL|SERVICE DEPARTEMENTAL|COMMUNAUTE D AGGLOMERATION|METROPOLE|"
        r"CHAMBRE DE COMMERCE)\b",
        text,
    ):
        return "public_agency"
    if re.search(
        r"\b(INSTITUT\w*|CENTRE|CENTER|CENTRO|LABORATOR\w*|RESEARCH|RECHERCHE|FORSCHUNG\w*|"
        r"ACADEMY OF SCIENCES|OBSERVATOR\w*|FRAUNHOFER|CNRS|CONSIGLIO)\b",
        text,
    ):
        return "research_lab"
    if re.search(
        r"\b(SAS|SASU|SARL|SA|EURL|GMBH|AG|LTD|LIMITED|LLC|OOO|ZAO|OAO|JSC|CJSC|OJSC|SPA|SRL|"
        r"BV|NV|AB|OY|INC|PLC|COMPANY|CORPORATION|ENTERPRISE|ENTREPRISE)\b",
        text,
    ):
        return "company"
    if re.search(r"\b(ASSOCIATION|FEDERATION|SOCIETY|SOCIETE FRANCAISE|UNION)\b", text):
        return "association"
    return "other"


def legal_form(name: str, country: str) -> str | None:
    text = norm(name)
    if country == "RU":
        for pattern, form in LEGAL_FORMS_RU:
            if re.search(pattern, text):
                return form
        return None
    for pattern, form in LEGAL_FORMS_LATIN:
        if re.search(pattern, text):
            return form
    return None


def ru_names(name: str) -> tuple[str, str, str] | None:
    text = norm(name)
    for pattern, ru, en, short in RU_NAMES:
        if re.search(pattern, text):
            return ru, en, short
    return None


def match_vocabulary(
    texts: Iterable[str],
) -> tuple[collections.Counter[str], collections.Counter[str]]:
    sectors: collections.Counter[str] = collections.Counter()
    keywords: collections.Counter[str] = collections.Counter()
    for text in texts:
        low = text.lower()
        seen = set()
        for rx, keyword, sector in VOCAB:
            if keyword in seen:
                continue
            if rx.search(low):
                seen.add(keyword)
                keywords[keyword] += 1
                sectors[sector] += 1
    return sectors, keywords


def describe(
    n_fp7: int,
    n_h2020: int,
    h2020_items: list[str],
    n_countries: int,
    side: str,
    n_other_side: int,
) -> dict[str, str]:
    n = n_fp7 + n_h2020
    parts_en, parts_fr, parts_ru = [], [], []
    if n_fp7:
        parts_en.append(f"FP7: {n_fp7}")
        parts_fr.append(f"7e PCRD : {n_fp7}")
        parts_ru.append(f"7-я рамочная программа: {n_fp7}")
    if n_h2020:
        parts_en.append(f"Horizon 2020, 2014–2016: {n_h2020}")
        parts_fr.append(f"Horizon 2020, 2014-2016 : {n_h2020}")
        parts_ru.append(f"«Горизонт 2020», 2014–2016: {n_h2020}")
    en = (
        f"Took part in {n} EU-funded research {'project' if n == 1 else 'projects'} "
        f"according to CORDIS ({'; '.join(parts_en)})."
    )
    fr = (
        f"A participé à {n} {'projet' if n == 1 else 'projets'} de recherche "
        f"{'financé' if n == 1 else 'financés'} par l'UE selon CORDIS ({' ; '.join(parts_fr)})."
    )
    ru = (
        f"По данным CORDIS, участвовала в {n} "
        f"{plural_ru(n, 'исследовательском проекте', 'исследовательских проектах', 'исследовательских проектах')} "
        f"ЕС ({'; '.join(parts_ru)})."
    )
    if h2020_items:
        listing = "; ".join(h2020_items)
        en += f" H2020 projects: {listing}."
        fr += f" Projets H2020 : {listing}."
        ru += f" Проекты «Горизонт 2020»: {listing}."
    if n_countries:
        en += (
            f" Project partners from {n_countries} {'country' if n_countries == 1 else 'countries'}"
        )
        fr += f" Partenaires de projet de {n_countries} pays"
        ru += (
            f" Партнёры по проектам из {n_countries} "
            f"{plural_ru(n_countries, 'страны', 'стран', 'стран')}"
        )
        if side == "paca" and n_other_side:
            en += (
                f", including {n_other_side} Russian organisation{'s' if n_other_side > 1 else ''}"
            )
            fr += f", dont {n_other_side} organisation{'s' if n_other_side > 1 else ''} russe{'s' if n_other_side > 1 else ''}"
            ru += (
                f", в том числе {n_other_side} "
                f"{plural_ru(n_other_side, 'российская организация', 'российские организации', 'российских организаций')}"
            )
        elif side == "ru" and n_other_side:
            en += f", including {n_other_side} from Provence-Alpes-Côte d'Azur"
            fr += f", dont {n_other_side} de Provence-Alpes-Côte d'Azur"
            ru += (
                f", в том числе {n_other_side} "
                f"{plural_ru(n_other_side, 'организация', 'организации', 'организаций')} из региона "
                "Прованс — Альпы — Лазурный Берег"
            )
        en += "."
        fr += "."
        ru += "."
    return {"fr": fr, "en": en, "ru": ru}


# --------------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------------


def build(data: Path) -> tuple[list[dict], list[dict], list[dict], dict[str, int]]:
    cordis = Cordis(data)
    orgs = cordis.orgs

    # Locate the two sides.
    paca: dict[str, tuple[str | None, str | None]] = {}  # id -> (département, city)
    for oid, org in orgs.items():
        dep = paca_department(org)
        if dep:
            paca[oid] = (dep, paca_city(org["city"]))
    for oid, org in orgs.items():
        if oid in paca or org["country"] != "FR" or org["city"]:
            continue
        hit = paca_from_name(org["name"])
        if hit:
            paca[oid] = hit
    russia = {oid for oid, org in orgs.items() if org["country"] == "RU"}

    # Merge records of the same Russian organisation (FP7 hash ids and H2020 PICs).
    canon: dict[str, str] = {oid: oid for oid in orgs}
    groups: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for oid in orgs:
        org = orgs[oid]
        known = ru_names(org["name"]) if org["country"] == "RU" else None
        key = known[0] if known else norm(org["name"])
        groups[(org["country"], key)].append(oid)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: (not is_pic(i), -len(cordis.org_projects[i]), i))
        for oid in members:
            canon[oid] = members[0]
    merged: dict[str, list[str]] = collections.defaultdict(list)
    for oid, target in canon.items():
        merged[target].append(oid)

    def side_of(cid: str) -> str | None:
        ids = merged[cid]
        if any(i in paca for i in ids):
            return "paca"
        if any(i in russia for i in ids):
            return "ru"
        return None

    # Projects in canonical ids.
    projects = {key: {canon[o] for o in group} for key, group in cordis.projects.items()}
    canon_projects: dict[str, set[str]] = collections.defaultdict(set)
    for key, group_ids in projects.items():
        for cid in group_ids:
            canon_projects[cid].add(key)
    side = {cid: side_of(cid) for cid in merged}

    joint = sorted(
        key
        for key, members in projects.items()
        if any(side[c] == "paca" for c in members) and any(side[c] == "ru" for c in members)
    )
    selected: set[str] = {cid for cid in merged if side[cid] in ("paca", "ru")}
    for key in joint:
        selected |= projects[key]
    if len(selected) > MAX_ORGS:
        # Keep every PACA, Russian and joint-project organisation with two or more projects.
        joint_members = set().union(*(projects[k] for k in joint)) if joint else set()
        selected = {c for c in selected if c in joint_members or len(canon_projects[c]) >= 2}

    # CORDIS records of curated organisations are folded into the curated entry.
    curated_of: dict[str, str] = {}
    for entry in CURATED:
        rx = entry.get("cordis_match")
        if rx:
            for cid in merged:
                if orgs[cid]["country"] == entry["country"] and re.search(
                    rx, norm(orgs[cid]["name"])
                ):
                    curated_of[cid] = entry["id"]
    absorbed: dict[str, list[dict]] = collections.defaultdict(list)

    def org_ref(cid: str) -> str:
        return curated_of.get(cid, f"cordis:{cid}")

    # Organisation records.
    records: list[dict] = []
    for cid in sorted(selected):
        ids = sorted(merged[cid])
        group = [orgs[i] for i in ids]
        main = orgs[cid]
        best = max(group, key=lambda o: (bool(o["city"]), len(cordis.org_projects[o["id"]])))
        country = main["country"]
        s = side[cid]
        keys = sorted(canon_projects[cid])
        fp7_keys = [k for k in keys if k.startswith("fp7:")]
        h_keys = [k for k in keys if k.startswith("h2020:")]

        texts = [o["name"] for o in group]
        items = []
        for k in h_keys:
            info = cordis.h2020_info[k]
            topic_titles = [t for _, t in info["topics"] if t]
            texts += topic_titles + [
                t.split(" - ", 1)[-1]
                for t in info["programme_titles"]
                if t and "Framework Programme" not in t
            ]
            label = str(info["acronym"])
            if topic_titles:
                label += f" ({topic_titles[0]})"
            items.append(label)
        sector_counts, keyword_counts = match_vocabulary(texts)
        top = sector_counts.most_common()
        sectors = [sec for sec, c in top if c >= max(1, top[0][1] // 3)][:3] if top else []
        keywords = [k for k, _ in sorted(keyword_counts.items(), key=lambda kv: (-kv[1], kv[0]))][
            :10
        ]

        partners = set().union(*(projects[k] for k in keys)) - {cid} if keys else set()
        countries = {orgs[p]["country"] for p in partners}
        other_side = {p for p in partners if side[p] == ("ru" if s == "paca" else "paca")}
        description = describe(
            len(fp7_keys),
            len(h_keys),
            sorted(items)[:5],
            len(countries),
            s or "",
            len(other_side) if s in ("paca", "ru") else 0,
        )

        activity = next((cordis.activity[i] for i in ids if i in cordis.activity), None)
        kind = infer_kind(main["name"], activity)
        if country == "RU" and activity is None:
            known = ru_names(main["name"])
            if known and ("университет" in known[0] or known[2] in RU_UNIVERSITY_INSTITUTES):
                kind = "university"
        rec: dict = {"id": f"cordis:{cid}", "name": main["name"]}
        aliases = sorted(
            {
                o["short"]
                for o in group
                if o["short"] and readable(o["short"]) and norm(o["short"]) != norm(main["name"])
            }
            | {o["name"] for o in group if o["name"] != main["name"] and readable(o["name"])}
        )
        names: dict[str, str] = {}
        if country == "RU":
            known = ru_names(main["name"])
            if known:
                names = {"ru": known[0], "en": known[1]}
                aliases = sorted(set(aliases) | {known[2]})
        rec["aliases"] = aliases
        rec["kind"] = kind
        rec["country"] = country
        city = None
        region = None
        if s == "paca":
            dep, city = next(paca[i] for i in ids if i in paca)
            region = PACA_DEPARTMENTS[dep][0] if dep else "FRL0"
            if city is None and best["city"]:
                city = title_city(best["city"])
        else:
            city = title_city(best["city"]) or None
            if country == "RU":
                if city is None:
                    text = norm(main["name"])
                    city = next((c for rx, c in RU_KNOWN_CITY if re.search(rx, text)), None)
                region, city = ru_city(city or "")
        if region:
            rec["region"] = region
        if city:
            rec["city"] = city
        site = next((website(o["url"]) for o in group if website(o["url"])), None)
        if site:
            rec["website"] = site
        rec["description"] = description
        rec["sectors"] = sectors
        rec["keywords"] = keywords
        rec["activities"] = KIND_NACE.get(kind, [])
        rec["identifiers"] = {"pic": cid} if is_pic(cid) else {}
        if names:
            rec["names"] = names
        form = legal_form(main["name"], country)
        if form:
            rec["legal_form"] = form
        members_of = []
        if any("SOPHIA ANTIPOLIS" in norm(o["city"]) for o in group):
            members_of.append("curated:sophia-antipolis")
        rec["members_of"] = members_of
        rec["source"] = "cordis"
        rec["cordis_ids"] = ids
        rec["_side"] = s or "partner"
        rec["_activity"] = activity
        if cid in curated_of:
            absorbed[curated_of[cid]].append(rec)
        else:
            records.append(rec)

    for entry in CURATED:
        rec = {
            "id": entry["id"],
            "name": entry["name"],
            "aliases": entry.get("aliases", []),
            "kind": entry["kind"],
            "country": entry["country"],
            "region": entry["region"],
        }
        if entry.get("city"):
            rec["city"] = entry["city"]
        if entry.get("website"):
            rec["website"] = entry["website"]
        rec["description"] = dict(entry["description"])
        rec["sectors"] = entry["sectors"]
        rec["keywords"] = entry["keywords"]
        rec["activities"] = []
        rec["identifiers"] = {}
        rec["names"] = entry["names"]
        if entry.get("legal_form"):
            rec["legal_form"] = entry["legal_form"]
        rec["members_of"] = []
        rec["source"] = "curated"
        found = absorbed.get(entry["id"], [])
        if found:
            rec["aliases"] = sorted(
                set(rec["aliases"]) | {a for f in found for a in [f["name"], *f["aliases"]]}
            )
            pics = sorted(f["identifiers"]["pic"] for f in found if f["identifiers"].get("pic"))
            if pics:
                rec["identifiers"] = {"pic": pics[0]}
            for lang in ("fr", "en", "ru"):
                rec["description"][lang] += " " + " ".join(f["description"][lang] for f in found)
            rec["cordis_ids"] = sorted(i for f in found for i in f["cordis_ids"])
        rec["_side"] = "paca" if entry["country"] == "FR" else "ru"
        rec["_activity"] = None
        records.append(rec)
    records.sort(key=lambda r: r["id"])

    # Cooperations: the projects of the PACA and Russian organisations, with every included
    # participant (the other projects of the foreign partners are left out).
    included = {r["id"] for r in records}
    cooperations = []
    for key in sorted(projects, key=lambda k: (k.split(":")[0], int(k.split(":")[1]))):
        if not any(side[c] in ("paca", "ru") and c in selected for c in projects[key]):
            continue
        participants = sorted({org_ref(c) for c in projects[key]} & included)
        coop: dict = {"id": key}
        if key.startswith("h2020:"):
            info = cordis.h2020_info[key]
            coop["title"] = info["acronym"]
            pieces = []
            for code, title in info["topics"]:
                if title and title != code:
                    pieces.append(f"Topic: {title} ({code}).")
                elif code:
                    pieces.append(f"Topic: {code}.")
            prog_titles = [t for t in info["programme_titles"] if t]
            if prog_titles:
                pieces.append("Programme: " + "; ".join(prog_titles) + ".")
            if info["scheme"]:
                pieces.append(f"Funding scheme: {info['scheme']}.")
            if pieces:
                coop["summary"] = " ".join(pieces)
            coop["lang"] = "en"
            if info["year"]:
                coop["year"] = info["year"]
            coop["programme"] = info["programme"] or "H2020"
        else:
            coop["lang"] = "en"
            coop["programme"] = "FP7"
        coop["participants"] = participants
        cooperations.append(coop)

    # Regions.
    used_ru = {r["region"] for r in records if r.get("region", "").startswith("RU-")}
    regions: list[dict] = [
        {
            "code": "FR",
            "country": "FR",
            "kind": "country",
            "parent": None,
            "name": {"fr": "France", "en": "France", "ru": "Франция"},
            "airr_member": False,
            "airr_joined": None,
        },
        {
            "code": "RU",
            "country": "RU",
            "kind": "country",
            "parent": None,
            "name": {"fr": "Russie", "en": "Russia", "ru": "Россия"},
            "airr_member": False,
            "airr_joined": None,
        },
        {
            "code": "FRL0",
            "country": "FR",
            "kind": "region",
            "parent": "FR",
            "name": {
                "fr": "Provence-Alpes-Côte d'Azur",
                "en": "Provence-Alpes-Côte d'Azur",
                "ru": "Прованс — Альпы — Лазурный Берег",
            },
            "description": {
                "fr": "Région du sud-est de la France (NUTS-2 FRL0), aussi appelée Région Sud ; "
                "préfecture Marseille ; six départements.",
                "en": "Region of south-eastern France (NUTS-2 FRL0), also called Région Sud; "
                "capital Marseille; six départements.",
                "ru": "Регион на юго-востоке Франции (NUTS-2 FRL0), также называемый Région Sud; "
                "административный центр — Марсель; шесть департаментов.",
            },
            "airr_member": False,
            "airr_joined": None,
        },
    ]
    for _dep, (code, _old, fr, en, ru) in sorted(PACA_DEPARTMENTS.items()):
        regions.append(
            {
                "code": code,
                "country": "FR",
                "kind": "department",
                "parent": "FRL0",
                "name": {"fr": fr, "en": en, "ru": ru},
                "airr_member": False,
                "airr_joined": None,
            }
        )
    for code in sorted(set(AIRR_MEMBERS) | used_ru):
        en, ru, fr = RU_REGIONS[code]
        member = code in AIRR_MEMBERS
        region_entry: dict[str, Any] = {
            "code": code,
            "country": "RU",
            "kind": "region",
            "parent": "RU",
            "name": {"fr": fr, "en": en, "ru": ru},
        }
        if member:
            joined = AIRR_MEMBERS[code]
            if joined == 2010:
                region_entry["description"] = {
                    "fr": "Membre fondateur de l'Association des régions innovantes de Russie (2010).",
                    "en": "Founding member of the Association of Innovative Regions of Russia (2010).",
                    "ru": "Один из учредителей Ассоциации инновационных регионов России (2010).",
                }
            else:
                region_entry["description"] = {
                    "fr": "Membre de l'Association des régions innovantes de Russie.",
                    "en": "Member of the Association of Innovative Regions of Russia.",
                    "ru": "Член Ассоциации инновационных регионов России.",
                }
        region_entry["airr_member"] = member
        region_entry["airr_joined"] = AIRR_MEMBERS.get(code)
        regions.append(region_entry)

    stats = {
        "joint_projects": len(joint),
        "joint_fp7": sum(k.startswith("fp7:") for k in joint),
        "joint_members": len(set().union(*(projects[k] for k in joint))) if joint else 0,
        "paca_found": sum(side[c] == "paca" for c in merged),
        "ru_found": sum(side[c] == "ru" for c in merged),
    }
    return regions, records, cooperations, stats


# --------------------------------------------------------------------------------------------
# Validation and output
# --------------------------------------------------------------------------------------------

ISO_ALPHA2 = re.compile(r"^[A-Z]{2}$")


def validate(regions: list[dict], records: list[dict], cooperations: list[dict]) -> list[str]:
    errors = []
    region_codes = [r["code"] for r in regions]
    if len(set(region_codes)) != len(region_codes):
        errors.append("duplicate region codes")
    region_set = set(region_codes)
    for r in regions:
        if r["parent"] is not None and r["parent"] not in region_set:
            errors.append(f"region {r['code']}: unknown parent {r['parent']}")
        if not ISO_ALPHA2.match(r["country"]):
            errors.append(f"region {r['code']}: bad country")
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        errors.append("duplicate organisation ids")
    idset = set(ids)
    for r in records:
        where = f"organisation {r['id']}"
        if not r.get("name"):
            errors.append(f"{where}: empty name")
        if not ISO_ALPHA2.match(r["country"]):
            errors.append(f"{where}: bad country {r['country']!r}")
        if r["kind"] not in KINDS:
            errors.append(f"{where}: bad kind {r['kind']}")
        if any(s not in SECTORS for s in r["sectors"]):
            errors.append(f"{where}: bad sector")
        if r["country"] in ("FR", "RU") and r.get("region", "FR") not in region_set:
            errors.append(f"{where}: region {r['region']} not in regions.json")
        if r["_side"] == "paca" and not r.get("region", "").startswith("FRL0"):
            errors.append(f"{where}: PACA organisation outside FRL0")
        if r["source"] not in ("cordis", "curated"):
            errors.append(f"{where}: bad source")
        if r["source"] == "cordis" and not r["id"].startswith("cordis:"):
            errors.append(f"{where}: cordis id expected")
        for m in r["members_of"]:
            if m not in idset:
                errors.append(f"{where}: unknown membership {m}")
        pic = r["identifiers"].get("pic")
        if pic is not None and not is_pic(pic):
            errors.append(f"{where}: bad PIC")
        if set(r["description"]) - {"fr", "en", "ru"}:
            errors.append(f"{where}: description languages")
    coop_ids = [c["id"] for c in cooperations]
    if len(set(coop_ids)) != len(coop_ids):
        errors.append("duplicate cooperation ids")
    for c in cooperations:
        if not c["participants"]:
            errors.append(f"cooperation {c['id']}: no participants")
        for p in c["participants"]:
            if p not in idset:
                errors.append(f"cooperation {c['id']}: unknown participant {p}")
    if len(records) < MIN_ORGS:
        errors.append(f"only {len(records)} organisations (at least {MIN_ORGS} expected)")
    for country in ("FR", "RU"):
        if not any(r["country"] == country and r["source"] == "cordis" for r in records):
            errors.append(f"no CORDIS organisation from {country}")
        if not any(r["country"] == country and r["source"] == "curated" for r in records):
            errors.append(f"no curated organisation from {country}")
    return errors


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def dump_line(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


ATTRIBUTION = """\
# Attribution of the demo data

## CORDIS — © European Union

Source: CORDIS, © European Union, reused under the Creative Commons Attribution 4.0
International licence (CC BY 4.0; Commission Decision 2011/833/EU on the reuse of Commission
documents).

Taken from the CORDIS open-data files of the Seventh Framework Programme (FP7, 2007–2013) and
Horizon 2020 (projects starting 2014–2017, and the full H2020 participation table of
December 2020), as extracted by the Spaghetti Open Data project
(`spaghetti-open-data/eu-research-funding-network`, MIT) and by `zambujo/eunets` (MIT):

- organisation identifiers (the EC Participant Identification Code where CORDIS gives one),
  names, short names, web addresses, cities and post codes;
- participations of organisations in projects (FP7 projects are identified by their CORDIS
  record number, H2020 projects by their grant agreement number);
- H2020 project acronyms, start years, programme codes, call topics and funding schemes, and
  the titles of the H2020 topics and programmes;
- the CORDIS activity type of each organisation (HES, REC, PRC, PUB, OTH).

Changes: organisation names were repaired where their accents had been mis-encoded; records of
the same Russian organisation under several identifiers were merged (all identifiers are kept
in `cordis_ids`); the descriptions, sectors, keywords, organisation kinds, legal forms and
regions are derived from the data above by `scripts/build_demo_data.py` (number of projects,
topics, partners' countries, city, legal name). Cyrillic names of well-known Russian
institutions were added by hand.

## Curated entries

The entries whose `source` is `curated` (French competitiveness clusters, technopoles and
agencies of Provence-Alpes-Côte d'Azur; the Association of Innovative Regions of Russia and
technoparks and clusters of its member regions) and the list of AIRR member regions were
compiled by hand from public information published by these organisations (for the AIRR:
its website i-regions.org, which lists the member regions) and by the press (TASS, 7 October
2025, on the admission of Arkhangelsk Oblast as the 20th member).
They hold no personal data.
"""


DATA_README = """\
# Demo ecosystem data

Written by `scripts/build_demo_data.py` from the CORDIS extracts in `../shared/data`; do not edit
by hand, rebuild instead. See `ATTRIBUTION.md` for sources and licences.

## regions.json

A JSON list of regions: `code` (ISO 3166-1 alpha-2 for countries, NUTS 2016 for France,
ISO 3166-2 for Russia), `country`, `kind` (`country`, `region`, `department`), `parent` (code or
null), `name` and optional `description` (`fr`, `en`, `ru`), `airr_member` (member of the
Association of Innovative Regions of Russia) and `airr_joined` (year, or null when unknown).
Provence-Alpes-Côte d'Azur is `FRL0`, its départements `FRL01`…`FRL06`.

## organisations.jsonl

One organisation per line in the `jumelage import-directory` format (INTERFACES.md §1), with
these additions:

- `names`: the name in other languages or scripts (`ru`, `en`, `fr`) where known;
- `legal_form`: the legal form stated in the name (e.g. `SAS`, `ООО`, `ФГУП`), when present;
- `members_of`: ids of the clusters or technoparks the organisation belongs to;
- `source`: `cordis` (built from CORDIS data) or `curated` (compiled by hand);
- `cordis_ids`: every CORDIS organisation id merged into this entry.

`id` is `cordis:<CORDIS organisation id>` (the PIC when CORDIS has one, then also given as
`identifiers.pic`) or `curated:<slug>`. `region` is the NUTS-3 département in PACA (`FRL0` when
unknown) and the ISO 3166-2 region in Russia; organisations of other countries have no region.
For CORDIS organisations, `kind` comes from the CORDIS activity type (HES university, REC
research_lab, PRC company, PUB public_agency, OTH other) where the H2020 participation table
gives one for the PIC, otherwise from the legal name; `activities` is 85.42 for universities and
72.19 for research labs; `sectors` and `keywords` come from a fixed keyword vocabulary applied
to the organisation's name and to the H2020 topics and programmes of its projects; the
description states the number of projects, the H2020 projects and topics, and the partners'
countries.

## cooperations.jsonl

One project per line in the `jumelage import-cooperations` format (INTERFACES.md §2): every FP7
and H2020 (2014–2016 extract) project with a PACA or Russian participant. `id` is
`fp7:<CORDIS record number>` or `h2020:<grant agreement number>`; `participants` lists the
directory ids of the participants included in `organisations.jsonl`. H2020 projects have their
acronym as `title`, a `summary` made of their call topic, programme and funding scheme, and a
`year` (start year); the FP7 extract has no titles or dates.

## cooperation.json

Written by hand, not by `scripts/build_demo_data.py` (which leaves it alone): the demo's
fictional cooperation profiles and expressions of interest, loaded by
`jumelage.demo.cooperation` through the same services as on the site. `profiles` lists
profiles with a `key`, the `owner` organisation's id in `organisations.jsonl`, the profile's
`type`, `language`, texts, `partnership_types`, `partner_kinds`, `sectors`, `keywords`,
`stage`, `ipr_status`, the `status` it reaches (`draft`, `submitted`, `published`), the day it
was `written` and the `review_days` before publication. `interests` lists expressions of
interest: the `profile` key, the interested `organisation`, its `message`, the day it was
`sent`, the `answer` (`accepted`, `declined`, `pending`) and `answered_after` days.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    regions, records, cooperations, stats = build(args.data)
    errors = validate(regions, records, cooperations)
    if errors:
        for e in errors[:50]:
            print("error:", e, file=sys.stderr)
        return 1

    sides = collections.Counter(r.pop("_side") for r in records)
    activities = collections.Counter((r["source"], bool(r.pop("_activity"))) for r in records)
    write_atomic(
        args.out / "regions.json", json.dumps(regions, ensure_ascii=False, indent=2) + "\n"
    )
    write_atomic(args.out / "organisations.jsonl", "".join(dump_line(r) + "\n" for r in records))
    write_atomic(
        args.out / "cooperations.jsonl", "".join(dump_line(c) + "\n" for c in cooperations)
    )
    write_atomic(args.out / "ATTRIBUTION.md", ATTRIBUTION)
    write_atomic(args.out / "README.md", DATA_README)

    print(f"regions: {len(regions)} (AIRR members: {sum(r['airr_member'] for r in regions)})")
    print(f"organisations: {len(records)}")
    print("  by side:", dict(sorted(sides.items())))
    print("  by source:", dict(sorted(collections.Counter(r["source"] for r in records).items())))
    print("  by country:", dict(collections.Counter(r["country"] for r in records).most_common(12)))
    print("  by kind:", dict(sorted(collections.Counter(r["kind"] for r in records).items())))
    sector_counts = collections.Counter(s for r in records for s in r["sectors"])
    print("  by sector:", dict(sorted(sector_counts.items())))
    print(
        f"  kind from CORDIS activity type: {activities['cordis', True]}, from the name: {activities['cordis', False]}"
    )
    print(f"  with Cyrillic name: {sum('ru' in r.get('names', {}) for r in records)}")
    print(
        f"cooperations: {len(cooperations)}",
        dict(collections.Counter(c["id"].split(":")[0] for c in cooperations)),
    )
    print(
        f"  joint PACA–Russia projects: {stats['joint_projects']} (FP7: {stats['joint_fp7']}), "
        f"{stats['joint_members']} organisations"
    )
    print(f"  found in CORDIS: PACA {stats['paca_found']}, Russia {stats['ru_found']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
