"""Country names and demonyms as they appear in sanctions lists → ISO 3166-1 alpha-2."""

from __future__ import annotations

import re

_TABLE = """
AF afghanistan afghan|AL albania albanian|DZ algeria algerian|AD andorra|AO angola angolan
AR argentina argentinian argentine|AM armenia armenian|AU australia australian|AT austria austrian
AZ azerbaijan azerbaijani|BS bahamas|BH bahrain bahraini|BD bangladesh bangladeshi|BY belarus belarusian byelorussian|BE belgium belgian
BZ belize|BJ benin|BT bhutan|BO bolivia bolivian|BA bosnia and herzegovina bosnian|BW botswana|BR brazil brazilian
BN brunei|BG bulgaria bulgarian|BF burkina faso|BI burundi burundian|KH cambodia cambodian|CM cameroon cameroonian
CA canada canadian|CF central african republic|TD chad chadian|CL chile chilean|CN china chinese people's republic of china
CO colombia colombian|KM comoros|CG congo republic of the congo|CD democratic republic of the congo drc congo kinshasa congolese
CR costa rica|CI cote d'ivoire ivory coast ivorian|HR croatia croatian|CU cuba cuban|CY cyprus cypriot|CZ czech republic czechia czech
DK denmark danish|DJ djibouti|DO dominican republic|EC ecuador|EG egypt egyptian|SV el salvador|GQ equatorial guinea|ER eritrea eritrean
EE estonia estonian|ET ethiopia ethiopian|FI finland finnish|FR france french|GA gabon|GM gambia|GE georgia georgian|DE germany german
GH ghana ghanaian|GR greece greek|GT guatemala|GN guinea guinean|GW guinea-bissau|GY guyana|HT haiti haitian|HN honduras
HK hong kong|HU hungary hungarian|IS iceland|IN india indian|ID indonesia indonesian|IR iran iranian islamic republic of iran
IQ iraq iraqi|IE ireland irish|IL israel israeli|IT italy italian|JM jamaica|JP japan japanese|JO jordan jordanian
KZ kazakhstan kazakh|KE kenya kenyan|KP north korea democratic people's republic of korea dprk korea north north korean
KR south korea republic of korea korea south south korean|KW kuwait kuwaiti|KG kyrgyzstan kyrgyz|LA laos lao
LV latvia latvian|LB lebanon lebanese|LR liberia liberian|LY libya libyan|LI liechtenstein|LT lithuania lithuanian
LU luxembourg|MO macau macao|MK north macedonia macedonia|MG madagascar|MW malawi|MY malaysia malaysian|MV maldives|ML mali malian
MT malta maltese|MR mauritania mauritanian|MU mauritius|MX mexico mexican|MD moldova moldovan republic of moldova|MC monaco
MN mongolia mongolian|ME montenegro|MA morocco moroccan|MZ mozambique|MM myanmar burma burmese|NA namibia|NP nepal nepalese
NL netherlands the netherlands dutch|NZ new zealand|NI nicaragua nicaraguan|NE niger nigerien|NG nigeria nigerian|NO norway norwegian
OM oman omani|PK pakistan pakistani|PS palestine palestinian west bank gaza|PA panama panamanian|PY paraguay|PE peru peruvian
PH philippines filipino|PL poland polish|PT portugal portuguese|QA qatar qatari|RO romania romanian
RU russia russian federation russian rossiya россия российская федерация рф|RW rwanda rwandan|SA saudi arabia saudi
SN senegal senegalese|RS serbia serbian|SC seychelles|SL sierra leone|SG singapore singaporean|SK slovakia slovak|SI slovenia slovenian
SO somalia somali|ZA south africa south african|SS south sudan south sudanese|ES spain spanish|LK sri lanka sri lankan
SD sudan sudanese|SR suriname|SE sweden swedish|CH switzerland swiss|SY syria syrian syrian arab republic|TW taiwan taiwanese
TJ tajikistan tajik|TZ tanzania tanzanian|TH thailand thai|TG togo|TT trinidad and tobago|TN tunisia tunisian|TR turkey turkiye turkish
TM turkmenistan turkmen|UG uganda ugandan|UA ukraine ukrainian украина|AE united arab emirates uae emirati
GB united kingdom uk great britain british|US united states usa united states of america american us
UY uruguay|UZ uzbekistan uzbek|VE venezuela venezuelan|VN vietnam viet nam vietnamese|YE yemen yemeni|ZM zambia zambian
ZW zimbabwe zimbabwean|VG british virgin islands|KY cayman islands|MH marshall islands|LR liberia|PA panama|KN saint kitts and nevis
CK cook islands|TZ tanzania|FJ fiji|VU vanuatu|BB barbados|BM bermuda|GI gibraltar|IM isle of man|JE jersey|GG guernsey
"""


_GENERIC = frozenset(
    [
        "united",
        "republic",
        "of",
        "the",
        "south",
        "north",
        "islands",
        "island",
        "saint",
        "and",
        "democratic",
        "people's",
        "arab",
        "central",
        "african",
        "new",
        "sri",
        "great",
        "west",
        "islamic",
        "states",
        "state",
        "kingdom",
        "america",
        "federation",
        "equatorial",
        "ivory",
        "coast",
        "virgin",
        "isle",
        "korea",
        "congo",
    ]
)
_LINKS = frozenset({"of", "the", "and"})


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    known_codes: set[str] = set()
    for line in _TABLE.strip().splitlines():
        for chunk in line.split("|"):
            code, _, rest = chunk.strip().partition(" ")
            known_codes.add(code)
            words = rest.split()
            # A name is any run of words in the chunk: the table lists full names and
            # demonyms one after another, so every suffix/prefix run is registered.
            for start in range(len(words)):
                for end in range(start + 1, len(words) + 1):
                    run = words[start:end]
                    if (len(run) == 1 and run[0] in _GENERIC) or {run[0], run[-1]} & _LINKS:
                        continue
                    table.setdefault(" ".join(run), code)
    for code in known_codes:
        table[code.casefold()] = code
    return table


_NAMES = _build()
_SPLIT = re.compile(r"\s*(?:;|,|/|\band\b|\bor\b|\(|\))\s*", re.IGNORECASE)


def country_code(text: str | None) -> str | None:
    """The ISO code of one country name, demonym or code (``Russian`` → ``RU``), or None."""
    if not text:
        return None
    key = " ".join(re.sub(r"[^\w' -]", " ", text.casefold()).split())
    if key.startswith("the "):
        key = key[4:]
    return _NAMES.get(key)


def country_codes(text: str | None) -> list[str]:
    """Every country named in a free-text field (``Iranian and US`` → ``["IR", "US"]``)."""
    if not text:
        return []
    whole = country_code(text)
    if whole:
        return [whole]
    codes = [country_code(part) for part in _SPLIT.split(text)]
    return list(dict.fromkeys(code for code in codes if code))
