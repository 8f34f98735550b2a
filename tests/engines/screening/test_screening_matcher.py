"""The screener on a small list: each distortion kind, look-alikes, attributes, explanations."""

import itertools

import pytest

from jumelage.engines.screening import (
    DEFAULT_THRESHOLD,
    NAME_CODES,
    ORGANIZATION,
    PERSON,
    Identifier,
    ListEntry,
    Query,
    Screener,
    transliterate,
)


def _entry(number, schema, name, *aliases, **attributes):
    return ListEntry(f"test:{number}", "test", schema, (name,), tuple(aliases), **attributes)


ENTRIES = [
    _entry(
        1,
        ORGANIZATION,
        "Moscow Institute of Physics and Technology",
        "Московский физико-технический институт",
        identifiers=(Identifier("inn", "5008006211"), Identifier("ogrn", "1027739386135")),
        countries=("RU",),
    ),
    _entry(2, ORGANIZATION, "Joint Stock Company ‘Research Institute of Space Instrumentation’"),
    _entry(3, ORGANIZATION, "JOINT STOCK COMPANY GAZPROM SPACE SYSTEMS"),
    _entry(
        4,
        ORGANIZATION,
        "Общество с ограниченной ответственностью «Фотоника Плюс»",
        countries=("RU",),
    ),
    _entry(
        5,
        PERSON,
        "Sergei Vladimirovich KRAVTSOV",
        "Сергей Владимирович Кравцов",
        birth_dates=("1960-02-14",),
        nationalities=("RU",),
        countries=("RU",),
    ),
    _entry(6, PERSON, "Anna Ivanovna SMIRNOVA", "Анна Ивановна Смирнова"),
    _entry(7, PERSON, "Mohammed Ali HASSAN", birth_dates=("1971",)),
    _entry(8, ORGANIZATION, "Central Aerohydrodynamic Institute", "ЦАГИ"),
    _entry(9, ORGANIZATION, "Tomsk State University"),
    _entry(10, PERSON, "Yuriy Borisovich SHCHUKIN", "Юрий Борисович Щукин"),
    _entry(11, PERSON, "Vladimir ZHUKOV"),
    _entry(12, ORGANIZATION, "Institute of Spectroscopy of the Russian Academy of Sciences"),
    _entry(13, ORGANIZATION, "Scientific Production Association of Mechanical Engineering"),
    _entry(14, PERSON, "Olga Petrovna VOLKOVA"),
    _entry(15, PERSON, "Ali Hassan MOHAMMED", birth_dates=("1980-05-05",)),
]


@pytest.fixture(scope="module")
def screener():
    return Screener(ENTRIES)


def _best(screener, name, schema="Thing", **fields):
    hits = screener.screen(Query(name, schema, **fields))
    return hits[0] if hits else None


def _score_of(screener, entry_id, name, schema="Thing", **fields):
    return screener.best_scores(Query(name, schema, **fields)).get(entry_id, 0.0)


def test_exact_name_is_a_certain_hit_with_its_explanation(screener):
    hit = _best(screener, "Tomsk State University", ORGANIZATION)

    assert hit.entry_id == "test:9"
    assert hit.score == 1.0
    assert hit.code == "exact_match"
    assert hit.explanation == (
        'The name "Tomsk State University" is the listed name "Tomsk State University".'
    )


def test_cyrillic_query_matches_a_latin_listed_name_after_transliteration(screener):
    hit = _best(screener, "Юрий Борисович Щукин", PERSON)

    assert hit.entry_id == "test:10"
    assert hit.score >= 0.95
    assert hit.code in NAME_CODES


@pytest.mark.parametrize("system", ["icao", "bgn", "gost_b", "scientific", "french"])
def test_every_transliteration_system_finds_the_cyrillic_alias(screener, system):
    query = transliterate("Сергей Владимирович Кравцов", system)

    hit = _best(screener, query, PERSON)

    assert hit is not None, query
    assert hit.entry_id == "test:5"
    assert hit.score >= DEFAULT_THRESHOLD
    # ICAO writes this name exactly as the list's Latin form does.
    assert hit.code == ("exact_match" if system == "icao" else "translit_match")


def test_translit_explanation_names_the_system_when_one_reproduces_the_spelling(screener):
    hit = _best(screener, "Sergej Vladimirovich Kravczov", PERSON)

    assert hit.entry_id == "test:5"
    assert hit.params["system"] == "GOST 7.79-B"
    assert "after transliteration (GOST 7.79-B)" in hit.explanation


def test_word_order_does_not_matter_for_people(screener):
    hit = _best(screener, "KRAVTSOV Sergei Vladimirovich", PERSON)

    assert hit.entry_id == "test:5"
    assert hit.score >= 0.95
    assert hit.code == "reordered_match"


def test_a_dropped_patronymic_costs_little(screener):
    hit = _best(screener, "Sergei Kravtsov", PERSON)

    assert hit.entry_id == "test:5"
    assert hit.score >= 0.9
    assert hit.code == "partial_match"
    assert hit.params["missing"] == ["vladimirovich"]


@pytest.mark.parametrize(
    "name",
    ["ООО «Фотоника Плюс»", "OOO Fotonika Plyus", "Fotonika Plyus LLC", "Fotonika Plus SARL"],
)
def test_legal_forms_in_any_language_are_set_aside(screener, name):
    hit = _best(screener, name, ORGANIZATION)

    assert hit is not None, name
    assert hit.entry_id == "test:4"
    assert any(reason.code == "legal_form_ignored" for reason in hit.reasons)


def test_an_initialism_finds_the_organisation(screener):
    hit = _best(screener, "MIPT", ORGANIZATION, country="RU")

    assert hit.entry_id == "test:1"
    assert hit.code == "abbreviation_match"


def test_a_cyrillic_acronym_finds_its_listed_alias(screener):
    hit = _best(screener, "ЦАГИ", ORGANIZATION)

    assert hit.entry_id == "test:8"


@pytest.mark.parametrize(
    "name",
    ["Moscow Institute of Phisics and Technology", "Moskow Institute of Physics and Technology"],
)
def test_a_typo_still_matches(screener, name):
    hit = _best(screener, name, ORGANIZATION)

    assert hit.entry_id == "test:1"
    assert hit.code == "fuzzy_match"
    assert hit.params["typos"] == 1


def test_space_research_institute_is_not_the_space_instrumentation_institute(screener):
    assert _score_of(screener, "test:2", "Space Research Institute RAS", ORGANIZATION) < 0.75
    assert _best(screener, "Space Research Institute RAS", ORGANIZATION) is None


def test_another_space_systems_company_is_not_a_hit(screener):
    name = "JOINT STOCK COMPANY RUSSIAN SPACE SYSTEMS"

    assert _score_of(screener, "test:3", name, ORGANIZATION) < 0.6


def test_sister_institution_of_the_same_city_is_not_a_hit(screener):
    assert _best(screener, "Tomsk Polytechnic University", ORGANIZATION) is None


def test_feminine_surname_is_another_person(screener):
    assert _best(screener, "Sergei Vladimirovich Kravtsova", PERSON) is None


def test_same_given_name_other_surname_is_not_a_hit(screener):
    assert _best(screener, "Vladimir ZHUKOVSKY", PERSON) is None
    assert _best(screener, "Olga VOLKOVA", PERSON).entry_id == "test:14"


def test_surname_alone_stays_below_the_threshold(screener):
    assert _best(screener, "Kravtsov", PERSON) is None


def test_people_are_not_matched_to_organisations(screener):
    assert _score_of(screener, "test:9", "Tomsk State University", PERSON) == 0.0


def test_equal_identifier_makes_a_hit_near_certain_even_with_another_name(screener):
    hit = _best(screener, "Romashka LLC", ORGANIZATION, identifiers={"inn": "5008006211"})

    assert hit.entry_id == "test:1"
    assert hit.score >= 0.95
    assert hit.code == "identifier_match"
    assert hit.params == {"scheme": "INN", "value": "5008006211"}


def test_equal_identifier_raises_a_weak_name_match_to_near_certain(screener):
    hit = _best(screener, "MFTI", ORGANIZATION, identifiers={"ogrn": "1027739386135"})

    assert hit.entry_id == "test:1"
    assert hit.score >= 0.95


def test_different_identifier_of_the_same_kind_lowers_the_score(screener):
    name = "Moscow Institute of Physics and Technology"
    plain = _score_of(screener, "test:1", name, ORGANIZATION)
    other = _score_of(screener, "test:1", name, ORGANIZATION, identifiers={"inn": "7700000000"})

    assert other == pytest.approx(plain - 0.2)


def test_matching_birth_date_raises_and_conflicting_one_lowers(screener):
    name = "Sergei Kravtsov"
    plain = _score_of(screener, "test:5", name, PERSON)
    same = _score_of(screener, "test:5", name, PERSON, birth_date="1960-02-14")
    near = _score_of(screener, "test:5", name, PERSON, birth_date="1961-02-14")
    far = _score_of(screener, "test:5", name, PERSON, birth_date="1985-07-01")

    assert same > plain > near > far
    assert far < DEFAULT_THRESHOLD


def test_birth_year_agreement_counts_when_the_list_has_only_a_year(screener):
    hit = _best(screener, "Mohammed Ali HASSAN", PERSON, birth_date="1971-03-02")

    assert hit.entry_id == "test:7"
    assert any(reason.code == "birth_year_match" for reason in hit.reasons)


def test_country_conflict_lowers_the_score_and_says_so(screener):
    hit = _best(screener, "Sergei Vladimirovich Kravtsov", PERSON, country="FR")

    assert hit.score == pytest.approx(1.0 - 0.08)
    assert hit.reasons[-1].code == "country_conflict"
    assert hit.reasons[-1].params == {"country": "FR", "listed": ["RU"]}


def test_hits_are_sorted_best_first_and_respect_the_threshold(screener):
    hits = screener.screen(Query("Mohammed Ali Hassan", PERSON), threshold=0.5)

    assert [hit.entry_id for hit in hits][:2] == ["test:7", "test:15"]
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))
    assert all(hit.score >= 0.5 for hit in hits)


def test_every_hit_has_a_structured_reason_and_english_text(screener):
    hit = _best(screener, "Московский физико-технический институт", ORGANIZATION, country="RU")

    assert hit.entry_id == "test:1"
    assert hit.reasons[0].code == hit.code
    assert hit.params["query"] == "Московский физико-технический институт"
    assert hit.explanation.startswith('The name "Московский физико-технический институт" is')
    assert any(reason.code == "country_match" for reason in hit.reasons)


# --- look-alikes of the demo directory -------------------------------------------------

DEMO_ENTRIES = [
    ListEntry(
        "demo:kazan", "demo", "Vessel", ("KAZAN",), identifiers=(Identifier("imo", "9258002"),)
    ),
    ListEntry("demo:kuznetsov-vessel", "demo", "Vessel", ("S. KUZNETSOV",)),
    ListEntry("demo:kazan-org", "demo", ORGANIZATION, ("KAZAN",), countries=("RU",)),
    ListEntry(
        "demo:ilyushin",
        "demo",
        ORGANIZATION,
        ("OPEN JOINT STOCK COMPANY ILYUSHIN AVIATION COMPLEX",),
        ("OJSC IL",),
        countries=("RU",),
    ),
    ListEntry(
        "demo:isp-sb",
        "demo",
        ORGANIZATION,
        ("RZHANOV INSTITUTE OF SEMICONDUCTOR PHYSICS SIBERIAN BRANCH RAS",),
        ("ISP SB RAS",),
        countries=("RU",),
    ),
    ListEntry(
        "demo:barnaul",
        "demo",
        ORGANIZATION,
        ("JOINT STOCK COMPANY BARNAUL CARTRIDGE PLANT",),
        countries=("RU",),
    ),
    ListEntry(
        "demo:vniief",
        "demo",
        ORGANIZATION,
        ("ALL-RUSSIAN SCIENTIFIC RESEARCH INSTITUTE OF EXPERIMENTAL PHYSICS",),
        ("RFNC-VNIIEF", "SAROV NUCLEAR WEAPONS PLANT"),
        countries=("RU",),
    ),
    ListEntry(
        "demo:vniitf",
        "demo",
        ORGANIZATION,
        (
            "RUSSIAN FEDERAL NUCLEAR CENTER ZABABAKHIN ALL-RUSSIAN RESEARCH INSTITUTE OF TECHNICAL PHYSICS",
        ),
        ("RFNC-VNIITF",),
        countries=("RU",),
    ),
    ListEntry(
        "demo:iap",
        "demo",
        ORGANIZATION,
        (
            "FEDERAL RESEARCH CENTER INSTITUTE OF APPLIED PHYSICS OF THE RUSSIAN ACADEMY OF SCIENCES",
        ),
        ("IAP RAS",),
        countries=("RU",),
    ),
]


@pytest.fixture(scope="module")
def demo_screener():
    return Screener(DEMO_ENTRIES)


def _org(name, *aliases, country="RU", **fields):
    return Query(name, ORGANIZATION, country=country, aliases=aliases, **fields)


def _hit_ids(screener, query):
    return {hit.entry_id for hit in screener.screen(query)}


def test_a_place_in_parentheses_is_not_a_name_of_its_own(demo_screener):
    query = _org("IT Park (Kazan)", "ИТ-парк (Казань)", "IT Park Kazan")

    assert _hit_ids(demo_screener, query) == set()


def test_an_organisation_named_after_the_place_is_still_caught(demo_screener):
    assert "demo:kazan-org" in _hit_ids(demo_screener, _org("Kazan"))


def test_an_acronym_in_parentheses_stays_a_name_of_its_own():
    from jumelage.engines.screening.matcher import _expand_names

    assert "IKI" in _expand_names("Space Research Institute RAS (IKI)", True, listed=False)
    assert "GosNIIAS" in _expand_names("GosNIIAS Institute (GosNIIAS)", True, listed=False)
    assert _expand_names("Space Research Institute RAS (Moscow)", True, listed=False) == [
        "Space Research Institute RAS (Moscow)",
        "Space Research Institute RAS",
    ]
    # A list writes aliases in parentheses; a country there is still no name.
    assert "Kazan" in _expand_names("IT Park (Kazan)", True)
    assert "Russia" not in _expand_names("Foo Trading (Russia)", True)


def test_vessels_are_reached_by_an_organisation_only_through_an_identifier(demo_screener):
    assert _hit_ids(demo_screener, _org("Kuznetsov OAO")) == set()
    assert "demo:kazan" in _hit_ids(
        demo_screener, _org("Kazan Shipping", identifiers={"imo": "IMO 9258002"})
    )


def test_initials_of_the_query_s_own_long_name_do_not_match_another_body(demo_screener):
    query = _org("Balakovo Carbon Production LLC", "LLC BCP")

    assert _hit_ids(demo_screener, query) == set()
    # Without a long name to judge by, the initials with a matching country are a lead.
    assert "demo:barnaul" in _hit_ids(demo_screener, _org("BCP"))


def test_a_short_alias_shared_with_another_body_needs_the_long_names_to_agree(demo_screener):
    limnology = _org("Institute of Limnology Russian Academy of Sciences", "IL-RAS")
    system_programming = _org(
        "Institute for System Programming of the Russian Academy of Sciences", "ИСП РАН"
    )

    assert _hit_ids(demo_screener, limnology) == set()
    assert _hit_ids(demo_screener, system_programming) == set()
    hit = demo_screener.screen(limnology, threshold=0.5)[0]
    assert any(reason.code == "short_name_unsupported" for reason in hit.reasons)


def test_a_misspelt_acronym_of_a_sister_institute_is_not_a_hit(demo_screener):
    query = _org(
        "Russian Federal Nuclear Centre Zababakhin All Russian Research Institute of "
        "Technical Physics",
        "RFNC-VNIITF",
    )

    assert _hit_ids(demo_screener, query) == {"demo:vniitf"}


def test_a_listed_acronym_whose_long_names_agree_is_still_a_hit(demo_screener):
    query = _org("Institute of Applied Physics, Russian Academy of Sciences", "IAP-RAS")

    assert "demo:iap" in _hit_ids(demo_screener, query)


@pytest.mark.parametrize(
    "name",
    [
        "Limited Liability Compnay Fotonika Plyus",
        "Fotonika Plyus Limted",
        "Obshchestvo s Ogranichennoi Otvetsvennostyu Fotonika Plyus",
    ],
)
def test_a_misspelt_legal_form_is_still_set_aside(screener, name):
    hit = _best(screener, name, ORGANIZATION)

    assert hit is not None, name
    assert hit.entry_id == "test:4"
    assert hit.score >= 0.95


def test_a_word_like_a_legal_form_at_the_start_of_a_name_is_kept():
    from jumelage.engines.screening.normalize import name_parts

    assert name_parts("Limitek Systems", True).words == ("limitek", "systems")
    assert name_parts("Systems Limitid", True).words == ("systems",)


def test_two_spellings_in_one_field_are_two_names():
    screener = Screener([ListEntry("t:1", "t", PERSON, ("Irina Leontievna DIANOVA",))])
    query = Query("Ирина Леонтьевна ДИАНОВА / Iрина Леонтiївна ДIАНОВА", PERSON)

    assert _hit_ids(screener, query) == {"t:1"}


ONE_WORD = Screener(
    [
        _entry(101, ORGANIZATION, "JSC SPA Orion"),
        _entry(102, ORGANIZATION, "Общество с ограниченной ответственностью «Центр»"),
        _entry(103, ORGANIZATION, "Zenit LLC", countries=("RU",)),
        _entry(104, ORGANIZATION, "Vega LLC"),
    ]
)


@pytest.mark.parametrize(
    ("name", "country", "entry_id"),
    [
        ("ORION SRL", "IT", "test:101"),
        ("THE CENTRE SA", "BE", "test:102"),
        ("ZENIT S A", "FR", "test:103"),
    ],
)
def test_a_one_word_match_with_a_body_of_another_country_stays_below_the_threshold(
    name, country, entry_id
):
    scores = ONE_WORD.best_scores(Query(name, ORGANIZATION, country=country))

    assert 0 < scores[entry_id] < DEFAULT_THRESHOLD
    assert ONE_WORD.screen(Query(name, ORGANIZATION, country=country)) == []


def test_the_legal_form_conflict_is_explained():
    hit = ONE_WORD.screen(Query("ORION SRL", ORGANIZATION, country="IT"), threshold=0.5)[0]

    assert hit.entry_id == "test:101"
    assert hit.reasons[-1].code == "legal_form_country_conflict"
    assert "IT" in hit.explanation


@pytest.mark.parametrize(
    ("name", "country", "entry_id"),
    [
        ("Orion", "RU", "test:101"),  # a country where the listed legal form is used
        ("Orion", None, "test:101"),  # no country given
        ("Centr", "KZ", "test:102"),
        ("Zenit", "RU", "test:103"),  # the listed country
        ("Vega", "IT", "test:104"),  # LLC places a body nowhere
    ],
)
def test_a_one_word_match_is_kept_when_nothing_places_the_body_elsewhere(name, country, entry_id):
    hits = ONE_WORD.screen(Query(name, ORGANIZATION, country=country))

    assert entry_id in [hit.entry_id for hit in hits]
