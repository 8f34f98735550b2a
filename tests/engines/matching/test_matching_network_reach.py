"""Partners of partners, proximity and hub damping: the network signals beyond direct ties."""

from jumelage.engines.matching import Organisation, Project, Query, Weights, build_index


def org(org_id, name, country="FR", region="", city=""):
    return Organisation(id=org_id, name=name, country=country, region=region, city=city)


def directory():
    return [
        org("a", "Alpha Lab", region="FRL0", city="Marseille"),
        org("b", "Beta Institute", region="FRL0", city="Marseille"),
        org("c", "Gamma University", region="FR10", city="Paris"),
        org("d", "Delta SME", country="RU", region="", city="Tomsk"),
        org("e", "Epsilon Centre", country="RU", city="Novosibirsk"),
        org("f", "Zeta Agency", region="FR10", city="Paris"),
    ]


def history():
    return [
        # a worked with b; b worked with d: d is a partner of a partner of a.
        Project(id="p1", title="Optics", participants=("a", "b"), year=2014),
        Project(id="p2", title="Optics", participants=("b", "d"), year=2014),
        Project(id="p3", title="Optics", participants=("c", "e"), year=2014),
    ]


def ids(results):
    return [result.org for result in results]


def reason(result, code):
    return next((r for r in result.reasons if r.code == code), None)


def test_partner_of_partner_is_found_and_explained():
    index = build_index(directory(), history(), weights=Weights(second_order=0.5))
    results = index.recommend(Query(text="", partners=("a",)), lang="en")
    assert "d" in ids(results)
    assert "e" not in ids(results)  # no path from a to e
    found = reason(next(r for r in results if r.org == "d"), "partner_of_partner")
    assert found.kind == "network"
    assert found.params["via"] == "Beta Institute" and found.params["partner"] == "Alpha Lab"
    assert found.text == "worked with Beta Institute, a partner of Alpha Lab"


def test_without_the_second_order_weight_partners_of_partners_are_not_candidates():
    index = build_index(directory(), history(), weights=Weights(second_order=0.0))
    assert "d" not in ids(index.recommend(Query(text="", partners=("a",))))


def test_proximity_prefers_the_partners_city_and_says_so():
    organisations = directory()
    projects = [Project(id="t", title="Optics", participants=("c", "b", "f"), year=2014)]
    weights = Weights(proximity=1.0)
    index = build_index(organisations, projects, weights=weights)
    results = index.recommend(Query(text="", partners=("c",)))
    # b and f are tied to c alike; f is in Paris like c.
    assert ids(results)[:2] == ["f", "b"]
    near = reason(results[0], "same_city")
    assert near.params["place"] == "Paris" and near.params["partners"] == ["Gamma University"]
    assert near.text == "based in Paris, like Gamma University"
    assert reason(results[1], "same_city") is None


def test_being_near_the_seeker_itself_is_no_reason():
    """The organisation a search is made for is a partner for its ties, not for its place:
    the platform looks for partners across borders."""
    organisations = directory()
    projects = [Project(id="t", title="Optics", participants=("c", "b", "f"), year=2014)]
    index = build_index(organisations, projects, weights=Weights(proximity=1.0))

    for results in (
        index.recommend(Query(text="", partners=("c",), seeker="c")),
        index.recommend_for_org("c"),
    ):
        assert sorted(ids(results)) == ["b", "f"]  # both through their tie with c
        assert all(reason(r, "same_city") is None for r in results)
        assert results[0].score == results[1].score
    # A consortium partner's place still counts.
    consortium = index.recommend(Query(text="", partners=("c", "a"), seeker="a"))
    assert reason(consortium[0], "same_city").params["partners"] == ["Gamma University"]


def test_same_region_compares_nuts_codes_at_level_two():
    organisations = [
        org("x", "Xi", region="FR101", city=""),
        org("y", "Upsilon", region="FR105", city=""),
        org("z", "Omega", region="FR711", city=""),
    ]
    projects = [Project(id="t", title="Optics", participants=("x", "y", "z"), year=2014)]
    index = build_index(organisations, projects, weights=Weights(proximity=1.0))
    results = index.recommend(Query(text="", partners=("x",)))
    assert ids(results) == ["y", "z"]
    assert reason(results[0], "same_region").params["place"] == "FR105"


def test_hub_damping_lets_a_closer_tie_overtake_an_organisation_present_everywhere():
    organisations = [org(i, i.upper()) for i in ("q", "hub", "small", *[f"o{n}" for n in range(8)])]
    projects = [Project(id="qs", participants=("q", "small"), year=2014)]
    projects += [Project(id="qh", participants=("q", "hub"), year=2014)]
    projects += [Project(id=f"h{n}", participants=("hub", f"o{n}"), year=2014) for n in range(8)]
    plain = build_index(organisations, projects, weights=Weights(candidate_degree_damping=0.0))
    damped = build_index(organisations, projects, weights=Weights(candidate_degree_damping=0.5))
    query = Query(text="", partners=("q",))
    # Both share one project with q; without damping the hub's track record decides.
    assert ids(plain.recommend(query))[0] == "hub"
    assert ids(damped.recommend(query))[0] == "small"


def test_name_affinity_prefers_names_shared_with_the_partners_and_says_so():
    organisations = [
        org("cnrs-alpes", "CNRS Alpes (Grenoble)"),
        org("uga", "Université Grenoble Alpes"),
        org("lille", "Université de Lille"),
        *[org(f"u{n}", f"Université numéro {n}") for n in range(60)],
    ]
    projects = [Project(id="t", participants=("cnrs-alpes", "uga", "lille"), year=2014)]
    index = build_index(organisations, projects, weights=Weights(name_affinity=1.0))
    results = index.recommend(Query(text="", partners=("cnrs-alpes",)))
    assert ids(results) == ["uga", "lille"]
    named = reason(results[0], "name_like_partner")
    assert named.params["words"] == ["alpes", "grenoble"]
    assert named.text == "its name shares “alpes, grenoble” with your partner CNRS Alpes (Grenoble)"
    assert reason(results[1], "name_like_partner") is None
