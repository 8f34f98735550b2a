"""A profile from draft to accepted interest, in the real browser."""

import warnings

import pytest

from jumelage.matching import index as lifecycle
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def isolated_index(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    lifecycle.forget_loaded_index()
    yield
    lifecycle.forget_loaded_index()


def as_user(browser, live_server, username):
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, username)
    return context, page


def test_publish_express_interest_accept_and_see_contacts(
    browser,
    live_server,
    isolated_index,
    member_user,
    member_company,
    ecosystem_manager,
    outsider_user,
):
    contexts = []
    try:
        owner_context, owner = as_user(browser, live_server, "member")
        contexts.append(owner_context)
        owner.goto("/en/profiles/new/")
        owner.select_option("#id_organisation", str(member_company.pk))
        owner.select_option("#id_type", "technology_offer")
        owner.fill("#id_title", "Adaptive optics modules for ground telescopes")
        owner.fill("#id_summary", "A French SME offers adaptive optics modules.")
        owner.fill("#id_description", "Deformable mirrors and wavefront sensors, lab tested.")
        owner.check("input[name=partnership_types][value=research]")
        owner.click("#profile-form button[type=submit]")
        owner.wait_for_selector("#workflow")
        owner.click("button[data-action=submit]")
        owner.wait_for_selector("text=Submitted for review.")

        manager_context, manager = as_user(browser, live_server, "em")
        contexts.append(manager_context)
        manager.goto("/en/profiles/review/")
        manager.click("#review-queue a")
        manager.click("button[data-action=publish]")
        manager.wait_for_selector("text=Published.")

        outsider_context, outsider = as_user(browser, live_server, "outsider")
        contexts.append(outsider_context)
        outsider.goto("/en/profiles/")
        outsider.click("text=Adaptive optics modules for ground telescopes")
        assert outsider.inner_text("#profile-organisation") == "a company in France"
        assert "Optique Azur" not in outsider.content()
        outsider.click("#express-interest")
        outsider.fill("#id_message", "We build telescopes in Tomsk and need your mirrors.")
        outsider.click("#interest-form button[type=submit]")
        outsider.wait_for_selector("#interest-status")
        assert "member@example.org" not in outsider.content()

        owner.goto("/en/profiles/interests/")
        owner.click("#interests-received a")
        assert "outsider@example.org" not in owner.content()
        owner.click("#decide-form button[value=accept]")
        owner.wait_for_selector("#contacts")
        contacts = owner.inner_text("#contacts")
        assert "outsider@example.org" in contacts and "member@example.org" in contacts

        outsider.reload()
        contacts = outsider.inner_text("#contacts")
        assert "member@example.org" in contacts and "Optique Azur SAS" in contacts
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            for context in contexts:
                context.close()
