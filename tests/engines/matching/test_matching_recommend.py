import pytest

from jumelage.engines.matching import Filters, Query, build_index


def ids(results):
    return [result.org for result in results]


def reason(result, code):
    found = [r for r in result.reasons if r.code == code]
    return found[0] if found else None


def test_french_request_ranks_the_russian_described_organisation_first(index):
    query = Query(
        text="Nous cherchons un partenaire pour le segment sol d'un système d'observation "
        "de la Terre.",
        filters=Filters(country=("RU",)),
    )
    results = index.recommend(query, lang="fr")
    assert ids(results)[0] == "ru:iki"


def test_french_request_finds_the_russian_organisation_among_all_countries(index):
    query = Query(text="Vaccins et biobanque pour les maladies infectieuses", lang="fr")
    assert ids(index.recommend(query))[0] == "ru:vaccine"


def test_russian_request_ranks_the_french_described_organisation_first(index):
    query = Query(text="Ищем партнера в области адаптивной оптики для телескопов", lang="ru")
    results = index.recommend(query)
    assert set(ids(results)[:2]) == {"fr:optics", "fr:lam"}


def test_english_request_finds_russian_lasers(index):
    query = Query(text="Fibre lasers for laser cutting and welding", lang="en")
    assert ids(index.recommend(query))[0] == "ru:laser"


def test_shared_concepts_reason_has_labels_in_the_requested_language(index):
    query = Query(text="Ground segment for Earth observation", lang="en")
    top = index.recommend(query, lang="fr")[0]
    shares = reason(top, "shares_concepts")
    assert shares.kind == "topic"
    assert sorted(shares.params["ids"]) == ["earth_observation", "ground_segment"]
    assert sorted(shares.params["concepts"]) == ["observation de la Terre", "segment sol"]
    assert shares.text.startswith("shares: ")
    russian = reason(index.recommend(query, lang="ru")[0], "shares_concepts")
    assert "наземный сегмент" in russian.params["concepts"]


def test_worked_with_reason_names_the_partner_and_the_project(index):
    query = Query(text="Earth observation ground segment", partners=("fr:lam",), lang="en")
    top = index.recommend(query)[0]
    assert top.org == "ru:iki"
    worked = reason(top, "worked_with")
    assert worked.kind == "network"
    assert worked.params == {
        "partner": "LAM",
        "partner_id": "fr:lam",
        "project": "262",
        "project_title": "Space instrumentation for astrophysics",
        "projects": 1,
    }
    assert worked.text == "worked with LAM on project 262"


def test_offer_facing_a_request_is_a_complement_reason(index):
    query = Query(text="Réception de données d'observation de la Terre", lang="fr")
    top = index.recommend(query)[0]
    assert top.org == "ru:iki"
    assert top.profile == "offer:iki"
    offers = reason(top, "offers_what_you_request")
    assert offers.kind == "complement"
    assert offers.params["profile"] == "offer:iki"


def test_recommend_for_profile_finds_the_offer_side(index):
    results = index.recommend_for_profile("request:optics", lang="fr")
    assert ids(results)[0] == "ru:laser"
    assert results[0].profile == "offer:laser"
    assert "fr:optics" not in ids(results)
    offers = reason(results[0], "offers_what_you_request")
    assert offers.params == {"profile": "offer:laser", "title": "Волоконные лазеры"}


def test_recommend_for_org_never_returns_the_organisation_itself(index):
    results = index.recommend_for_org("fr:lam")
    assert "fr:lam" not in ids(results)
    assert ids(results)[0] == "fr:optics"
    known = ids(index.recommend_for_org("fr:lam", exclude_known=True))
    assert "fr:optics" not in known and "ru:iki" not in known


def test_recommend_for_unknown_org_raises_key_error(index):
    with pytest.raises(KeyError):
        index.recommend_for_org("nobody")


def test_partners_are_never_recommended(index):
    query = Query(text="optique adaptative télescopes", partners=("fr:optics", "fr:lam"))
    assert not {"fr:optics", "fr:lam"} & set(ids(index.recommend(query)))


def test_exclusions_are_honoured(index):
    query = Query(text="optique adaptative télescopes", exclude=("fr:optics",))
    results = ids(index.recommend(query))
    assert "fr:optics" not in results
    assert results[0] == "fr:lam"


def test_query_without_any_evidence_returns_nothing(index):
    assert index.recommend(Query(text="Кибербезопасность банков", lang="ru")) == []


def test_query_with_filters_only_ranks_by_track_record(index):
    results = index.recommend(Query(text="", filters=Filters(region=("FRL04",))))
    assert ids(results)[0] == "fr:lam"
    assert set(ids(results)) == {"fr:lam", "fr:software", "fr:health"}


def test_filters_on_country_region_and_kind(index):
    text = "logiciels, données, télémédecine, optique adaptative, observation de la Terre"
    by_country = ids(index.recommend(Query(text=text, filters=Filters(country=("uk",)))))
    assert by_country == ["uk:eo"]
    by_region = ids(index.recommend(Query(text=text, filters=Filters(region=("FRL04",)))))
    assert set(by_region) == {"fr:lam", "fr:software", "fr:health"}
    by_kind = ids(index.recommend(Query(text=text, filters=Filters(kind=("startup",)))))
    assert by_kind == ["fr:health"]


def test_results_are_sorted_by_score_then_org_and_top_is_honoured(index):
    results = index.recommend(Query(text="données logiciels santé optique"), top=3)
    assert len(results) <= 3
    keys = [(-r.score, r.org) for r in results]
    assert keys == sorted(keys)
    assert all(0 < r.score <= 1 for r in results)


def test_every_result_has_at_least_one_reason_with_code_params_and_text(index):
    query = Query(text="Optique adaptative et observation de la Terre", partners=("fr:lam",))
    for result in index.recommend(query):
        assert result.reasons
        for item in result.reasons:
            assert item.kind in ("topic", "network", "complement")
            assert item.code and isinstance(item.params, dict) and item.text
    assert index.recommend(query)[0].to_dict()["reasons"][0]["code"]


def test_profile_of_unknown_organisation_is_rejected(make_directory, make_history, make_profiles):
    bad = make_profiles()[0]
    bad.org = "nobody"
    with pytest.raises(ValueError, match="unknown organisation"):
        build_index(make_directory(), make_history(), [bad])
