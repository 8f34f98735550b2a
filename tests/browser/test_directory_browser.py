import pytest

from jumelage.directory.models import Organisation
from tests.browser.conftest import log_in
from tests.factories import OrganisationFactory
from tests.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def organisations(programme):
    return [
        OrganisationFactory(
            name="Томский государственный университет",
            country="RU",
            kind="university",
            programme=programme,
        ),
        OrganisationFactory(
            name="Фонд «Сколково»", country="RU", kind="technopark", programme=programme
        ),
        OrganisationFactory(
            name="Laboratoire d'Astrophysique de Marseille",
            country="FR",
            kind="research_lab",
            programme=programme,
        ),
    ]


def search(page, query: str) -> list[str]:
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_function("q => new URL(location.href).searchParams.get('q') === q", arg=query)
    page.wait_for_selector("#result-count")
    return page.locator("#results tbody td:first-child a").all_inner_texts()


def test_search_in_cyrillic_and_latin_finds_the_same_organisation(page, organisations):
    page.goto("/en/directory/")
    assert search(page, "Томск") == ["Томский государственный университет"]
    assert search(page, "Tomskiy") == ["Томский государственный университет"]
    assert search(page, "Skolkovo") == ["Фонд «Сколково»"]


def test_switching_language_keeps_the_page(page, organisations):
    page.goto("/en/directory/")
    page.select_option("#language-select", "ru")
    page.wait_for_url("**/ru/directory/")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.select_option("#language-select", "fr")
    page.wait_for_url("**/fr/directory/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_log_in_and_edit_an_organisation(page, member_user, member_company):
    log_in(page, "member")
    page.goto(f"/en/directory/{member_company.pk}/")
    page.click("text=Edit")
    page.fill("#id_city", "Sophia Antipolis")
    page.fill("#id_keywords_text", "adaptive optics\nlidar")
    page.click("#organisation-form button[type=submit]")
    page.wait_for_selector(".messages li")
    assert "Sophia Antipolis" in page.content()
    member_company.refresh_from_db()
    assert member_company.city == "Sophia Antipolis"
    assert member_company.keywords == ["adaptive optics", "lidar"]


def test_upload_a_csv_with_an_error_shows_the_message_and_writes_nothing(
    page, programme_manager, tmp_path
):
    csv_file = tmp_path / "members.csv"
    csv_file.write_text(
        "id,name,kind,country,siren\n"
        "x1,Optique Azur,sme,FR,732829320\n"
        "x2,Bad Siren SAS,sme,FR,732829321\n",
        encoding="utf-8",
    )
    before = Organisation.objects.count()
    log_in(page, "pm")
    page.goto("/en/directory/import/")
    page.set_input_files("input[type=file]", str(csv_file))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("text=check digit is wrong")
    assert "siren" in page.content()
    assert Organisation.objects.count() == before


def upload_for_the_worker(page, settings, csv_file, content: str) -> None:
    """Upload `content` as `csv_file` with the database task backend, and wait for the
    page that follows its check."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    csv_file.write_text(content, encoding="utf-8")
    log_in(page, "pm")
    page.goto("/en/directory/import/")
    page.set_input_files("input[type=file]", str(csv_file))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-progress progress")


def test_an_upload_checked_by_a_worker_shows_progress_then_its_preview(
    page, programme_manager, tmp_path, settings
):
    upload_for_the_worker(
        page,
        settings,
        tmp_path / "members.csv",
        "id,name,kind,country\nx1,Optique Azur,sme,FR\nx2,Bad Country SAS,sme,France\n",
    )
    assert "Every row of the file is being checked." in page.inner_text("#import-progress")

    run_worker()

    page.wait_for_selector("#import-rows")
    assert page.inner_text("#row-3").count("must be an ISO 3166-1 alpha-2 code") == 1
    assert page.is_disabled("#commit-button")
    assert page.locator("#import-progress").count() == 0
    assert not Organisation.objects.filter(external_id__in=["x1", "x2"]).exists()


def test_an_import_run_by_a_worker_shows_it_under_way_then_what_it_changed(
    page, programme_manager, tmp_path, settings
):
    upload_for_the_worker(
        page,
        settings,
        tmp_path / "members.csv",
        "id,name,kind,country\ny1,Optique Azur,sme,FR\ny2,Томский фотонный центр,sme,RU\n",
    )
    run_worker()
    page.wait_for_selector("#commit-button")

    page.click("#commit-button")

    page.wait_for_selector("#import-running")
    assert "being imported, all at once" in page.inner_text("#import-progress")
    assert not Organisation.objects.filter(external_id__in=["y1", "y2"]).exists()
    run_worker()
    page.wait_for_selector("#import-summary")
    assert page.inner_text("#import-summary") == (
        "members.csv imported: 2 organisations (2 new, 0 updated, 0 unchanged)."
    )
    assert Organisation.objects.filter(external_id__in=["y1", "y2"]).count() == 2
