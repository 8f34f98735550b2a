"""A small trilingual ecosystem and its matching index, kept in a temporary data directory."""

from __future__ import annotations

import pytest

from jumelage.directory.models import CooperationProject
from jumelage.matching import index as lifecycle
from tests.factories import OrganisationFactory, RegionFactory


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    lifecycle.forget_loaded_index()
    yield tmp_path
    lifecycle.forget_loaded_index()


@pytest.fixture
def ecosystem(programme, data_dir, django_capture_on_commit_callbacks):
    """Organisations described in one language each, and one past joint project; the index
    updates their saves queue run as a commit would run them."""
    with django_capture_on_commit_callbacks(execute=True):
        return _ecosystem(programme)


def _ecosystem(programme):
    paca = RegionFactory()
    tomsk = RegionFactory(
        code="RU-TOM", country="RU", names={"en": "Tomsk Oblast", "ru": "Томская область"}
    )
    orgs = {
        "ru_lab": OrganisationFactory(
            name="НИИ космического приборостроения",
            external_id="ru:lab",
            country="RU",
            kind="research_lab",
            region=tomsk,
            programme=programme,
            descriptions={
                "ru": "Институт разрабатывает наземный сегмент и системы приёма данных "
                "дистанционного зондирования Земли с малых спутников."
            },
        ),
        "ru_laser": OrganisationFactory(
            name="ООО Фотон-Сибирь",
            external_id="ru:laser",
            country="RU",
            kind="company",
            region=tomsk,
            programme=programme,
            descriptions={"ru": "Производство волоконных лазеров и лазерная обработка металлов."},
        ),
        "fr_optics": OrganisationFactory(
            name="Optique Azur",
            external_id="fr:optics",
            country="FR",
            kind="sme",
            region=paca,
            programme=programme,
            descriptions={
                "fr": "Conception d'instruments d'optique adaptative et de lidars pour "
                "l'astronomie et les télescopes."
            },
        ),
        "fr_bio": OrganisationFactory(
            name="Provence Biotech",
            external_id="fr:bio",
            country="FR",
            kind="startup",
            region=paca,
            programme=programme,
            descriptions={"fr": "Diagnostic in vitro et biomarqueurs pour l'oncologie."},
        ),
        "en_lab": OrganisationFactory(
            name="Marseille Space Data Lab",
            external_id="fr:spacedata",
            country="FR",
            kind="university",
            region=paca,
            programme=programme,
            descriptions={"en": "Machine learning on satellite imagery for agriculture."},
        ),
    }
    project = CooperationProject.objects.create(
        source="test", external_id="h2020:1", title="Optics for small satellites", year=2019
    )
    project.participants.set([orgs["fr_optics"], orgs["ru_laser"]])
    return orgs


@pytest.fixture
def built(ecosystem):
    lifecycle.rebuild_index()
    return ecosystem
