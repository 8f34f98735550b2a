import pytest
from django.urls import reverse
from django.utils import translation

from jumelage.directory.models import Organisation
from tests.factories import OrganisationFactory, RegionFactory


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("en", "Directory of organisations"),
        ("fr", "Annuaire des organisations"),
        ("ru", "Справочник организаций"),
    ],
)
def test_directory_page_speaks_the_language_of_its_prefix(client, db, lang, heading):
    OrganisationFactory(name="Томский государственный университет", country="RU")
    response = client.get(url("directory:organisation_list", lang), {"q": "Tomsk"})
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert "Томский государственный университет" in html


@pytest.mark.parametrize(
    ("lang", "names", "russia"),
    [
        ("en", ["Germany", "Greece", "Russia", "United Kingdom"], "Russia"),
        ("fr", ["Allemagne", "Grèce", "Royaume-Uni", "Russie"], "Russie"),
        ("ru", ["Великобритания", "Германия", "Греция", "Россия"], "Россия"),
    ],
)
def test_countries_are_named_and_sorted_in_the_readers_language(client, db, lang, names, russia):
    for country in ("RU", "DE", "GB", "EL"):  # EL: the European Commission's code for Greece
        OrganisationFactory(name=f"Organisation in {country}", country=country)
    html = client.get(url("directory:organisation_list", lang)).content.decode()
    country_select = html[html.index('name="country"') :]
    country_select = country_select[: country_select.index("</select>")]
    positions = [country_select.index(f">{name}</option>") for name in names]
    assert positions == sorted(positions)
    assert '<option value="RU">' in country_select and '<option value="EL">' in country_select
    # The list shows the name too, and choosing a country still filters by its code.
    listed = client.get(url("directory:organisation_list", lang), {"country": "RU"})
    assert listed.context["page"].paginator.count == 1
    assert f"<td>{russia}</td>" in listed.content.decode()


def test_the_country_filter_reads_one_row_per_country(client, db):
    """The model's ordering must not join the DISTINCT (one row per organisation: 460 ms
    at 100,000 organisations on every directory and partner search page), and the countries
    are read once, not on every page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(30):
        OrganisationFactory(name=f"Company {number}", country=["FR", "RU", "DE"][number % 3])
    for name in ("directory:organisation_list", "matching:search"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name)).status_code == 200
        distinct = [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]
        if name == "directory:organisation_list":
            assert len(distinct) == 1 and "name_latin" not in distinct[0], distinct
            with connection.cursor() as cursor:
                cursor.execute(distinct[0])
                assert len(cursor.fetchall()) == 3
        else:  # read once, then kept
            assert distinct == []
    # A new country shows at once in the process that saved it.
    OrganisationFactory(name="Kazakh Company", country="KZ")
    assert '<option value="KZ">' in client.get(url("matching:search")).content.decode()


def test_an_import_shows_its_new_countries_in_the_filters_at_once(
    client, db, tmp_path, django_capture_on_commit_callbacks
):
    from jumelage.directory.services import import_directory_file

    OrganisationFactory(name="Optique Azur", country="FR")
    assert (
        '<option value="AM">' not in client.get(url("directory:organisation_list")).content.decode()
    )
    path = tmp_path / "orgs.jsonl"
    path.write_text('{"id": "a1", "name": "Yerevan Optics", "country": "AM"}\n', encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        import_directory_file(path=path, source="test")
    page = client.get(url("directory:organisation_list", "fr")).content.decode()
    assert '<option value="AM">Arménie</option>' in page


def test_root_redirects_to_the_browsers_language(client, db):
    response = client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_list_page_runs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    region = RegionFactory()
    for n in range(40):
        OrganisationFactory(name=f"Company {n}", region=region)
    with django_assert_max_num_queries(8):
        response = client.get(url("directory:organisation_list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 40


def test_organisation_page_shows_everything_in_fixed_queries(
    client, member_user, member_company, cluster, django_assert_max_num_queries
):
    client.force_login(member_user)
    with django_assert_max_num_queries(20):
        response = client.get(url("directory:organisation_detail", pk=member_company.pk))
    html = response.content.decode()
    assert "Optique Azur SAS" in html
    assert "SAFE Cluster" in html
    assert url("directory:organisation_edit", pk=member_company.pk) in html


def test_edit_form_saves_for_the_owner(client, member_user, member_company):
    client.force_login(member_user)
    edit = url("directory:organisation_edit", pk=member_company.pk)
    form = client.get(edit).context["form"]
    data = {
        **{k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)},
        "name": "Optique Azur SAS",
        "country": "FR",
        "kind": "sme",
        "city": "Sophia Antipolis",
        "siren": "732829320",
        "version": member_company.version,
    }
    response = client.post(edit, data)
    assert response.status_code == 302
    member_company.refresh_from_db()
    assert (member_company.city, member_company.kind, member_company.siren) == (
        "Sophia Antipolis",
        "sme",
        "732829320",
    )


def test_invalid_siren_in_the_form_is_refused_with_its_message(client, member_user, member_company):
    client.force_login(member_user)
    edit = url("directory:organisation_edit", pk=member_company.pk)
    response = client.post(
        edit,
        {
            "name": "X",
            "country": "FR",
            "kind": "sme",
            "siren": "732829321",
            "version": member_company.version,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["siren"] == [
        "SIREN “732829321” is not valid: its check digit is wrong."
    ]
    member_company.refresh_from_db()
    assert member_company.name == "Optique Azur SAS"


def test_outsiders_cannot_edit_and_visitors_are_sent_to_log_in(
    client, outsider_user, member_company
):
    edit = url("directory:organisation_edit", pk=member_company.pk)
    response = client.get(edit)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(outsider_user)
    assert (
        client.post(edit, {"name": "Hijacked", "country": "FR", "kind": "sme"}).status_code == 403
    )
    assert Organisation.objects.get(pk=member_company.pk).name == "Optique Azur SAS"


def test_contacts_are_shown_only_to_editors(client, member_user, outsider_user, member_company):
    from tests.factories import PersonFactory

    PersonFactory(organisation=member_company, email="secret@example.fr")
    client.force_login(outsider_user)
    assert (
        "secret@example.fr"
        not in client.get(
            url("directory:organisation_detail", pk=member_company.pk)
        ).content.decode()
    )
    client.force_login(member_user)
    assert (
        "secret@example.fr"
        in client.get(url("directory:organisation_detail", pk=member_company.pk)).content.decode()
    )


def test_export_of_the_filtered_list(client, db):
    OrganisationFactory(name="Alpha Optics", country="FR")
    OrganisationFactory(name="Beta Space", country="RU")
    response = client.get(url("directory:organisation_export", fmt="jsonl"), {"country": "RU"})
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 1 and '"name": "Beta Space"' in lines[0]


@pytest.mark.parametrize(
    ("field", "value", "api_field", "api_value"),
    [
        ("country", "FRA", "country", "FRA"),
        ("activity_codes", "72-19", "activities", ["72-19"]),
        ("name", "", "name", ""),
        ("inn", "7707083894", "identifiers", {"inn": "7707083894"}),
    ],
)
def test_the_form_and_the_api_refuse_a_field_in_the_same_words(
    client, member_user, member_company, field, value, api_field, api_value
):
    client.force_login(member_user)
    edit = url("directory:organisation_edit", pk=member_company.pk)
    data = {"name": "Optique Azur SAS", "country": "FR", "kind": "sme"}
    page = client.post(edit, {**data, field: value, "version": member_company.version})
    api = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {api_field: api_value, "version": member_company.version},
        content_type="application/json",
    )

    assert page.status_code == 200
    assert api.status_code == 422
    [problem] = api.json()["errors"]
    assert page.context["form"].errors[field] == [problem["message"]]
    member_company.refresh_from_db()
    assert (member_company.country, member_company.version) == ("FR", 1)


def test_the_form_saves_through_the_record_checks_keeping_a_free_text_region(
    client, member_user, member_company
):
    Organisation.objects.filter(pk=member_company.pk).update(region=None, region_text="Côte d'Azur")
    client.force_login(member_user)
    edit = url("directory:organisation_edit", pk=member_company.pk)

    response = client.post(
        edit,
        {
            "name": "Optique Azur SAS",
            "country": "fr",
            "kind": "sme",
            "website": "optique-azur.example",
            "aliases_text": "OA\nOptique Azur",
            "activity_codes": "26.70; 72.19",
            "version": member_company.version,
        },
    )

    assert response.status_code == 302
    member_company.refresh_from_db()
    assert (
        member_company.country,
        member_company.website,
        member_company.aliases,
        member_company.region_text,
        sorted(member_company.activities.values_list("code", flat=True)),
        member_company.version,
    ) == (
        "FR",
        "https://optique-azur.example",
        ["OA", "Optique Azur"],
        "Côte d'Azur",
        ["26.70", "72.19"],
        2,
    )
