"""The plan dashboard in the browser, in each language: charts drawn, tables behind them."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.browser.conftest import log_in
from tests.outcomes import conftest as hand_made

# The hand-made plan of the outcomes tests, its figures known exactly.
sectors, regions, orgs, manager = (
    hand_made.sectors,
    hand_made.regions,
    hand_made.orgs,
    hand_made.manager,
)
plan, event, actions, records = (
    hand_made.plan,
    hand_made.event,
    hand_made.actions,
    hand_made.records,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
fresh_cache = hand_made.fresh_cache


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_the_dashboard_shows_charts_and_their_tables_in_each_language(page, plan, records, lang):
    log_in(page, "planner", lang=lang)
    page.goto(f"/{lang}/plans/{plan.pk}/dashboard/")
    assert page.get_attribute("html", "lang") == lang
    charts = page.locator("svg.chart")
    assert charts.count() == 6
    for index in range(6):
        chart = charts.nth(index)
        assert chart.is_visible()
        assert chart.get_attribute("role") == "img"
        assert chart.locator("title").first.text_content().strip() != ""
    funnel = page.locator("#block-funnel")
    assert funnel.locator("rect").count() == 7
    assert not page.locator("#table-funnel").is_visible()
    funnel.locator("summary").click()
    table = page.locator("#table-funnel")
    assert table.is_visible()
    assert table.locator("tbody tr").count() == 9
    assert table.locator("tbody tr").first.locator("td").text_content() == "5"
    page.locator("#block-objectives summary").click()
    assert page.locator("#table-objectives tbody tr").count() == 4
    with translation.override(lang):
        assert page.locator("main h1").text_content() == gettext("Dashboard")


def test_the_network_and_a_filtered_dashboard(page, plan, records, sectors):
    log_in(page, "planner")
    page.goto(f"/en/plans/{plan.pk}/dashboard/")
    page.select_option("#plan-filters select[name=sector]", str(sectors["photonics"].pk))
    page.click("#plan-filters button[type=submit]")
    page.locator("#block-funnel summary").click()
    assert page.locator("#table-funnel tbody tr").first.locator("td").text_content() == "4"
    page.goto(f"/en/plans/{plan.pk}/network/")
    network = page.locator("svg#chart-network")
    assert network.is_visible()
    assert network.locator("g.nodes circle").count() == 4  # A, B, C and D
    page.locator("#block-network summary").click()
    assert page.locator("#table-network tbody tr").count() == 1


def test_partners_are_picked_by_searching_with_the_keyboard(page, plan, records, orgs):
    from jumelage.outcomes.models import Action

    log_in(page, "planner")
    page.goto(f"/en/plans/{plan.pk}/actions/new/")
    page.select_option("#id_kind", "mission")
    page.fill("#id_title", "Mission to Tomsk, second")
    page.fill("#id_start_date", "2027-04-01")
    search = page.locator("#id_partners")
    search.focus()
    page.keyboard.type("Томск")
    page.keyboard.press("Enter")  # searches; does not save the form
    results = page.locator("#id_partners-results input[type=checkbox]")
    results.first.wait_for()
    assert results.count() == 2
    assert page.url.endswith("/actions/new/")
    assert "2 organisations found" in page.locator("#id_partners-status").text_content()
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first organisation found
    page.keyboard.press("Space")
    chosen = page.locator("#id_partners-picker [data-picker-selected] input:checked")
    assert chosen.count() == 1
    picked = chosen.first.get_attribute("value")
    # A second search replaces the results but keeps what was chosen.
    search.fill("Azur")
    page.locator(f"#id_partners-results input[value='{orgs['A'].pk}']").wait_for()
    assert chosen.count() == 1
    page.click("#outcomes-form > button[type=submit]:not(.default-submit)")
    page.wait_for_url(f"**/plans/{plan.pk}/")
    action = Action.objects.get(title="Mission to Tomsk, second")
    assert [str(o.pk) for o in action.partners.all()] == [picked]
    assert action.partners.get().name in (orgs["D"].name, orgs["E"].name)
