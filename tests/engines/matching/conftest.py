import pytest

from jumelage.engines.matching import Organisation, Profile, Project, build_index


def directory() -> list[Organisation]:
    """A small two-country directory: each organisation described in one language only."""
    return [
        Organisation(
            id="ru:iki",
            name="Институт космических исследований",
            aliases=("IKI RAN",),
            country="RU",
            region="RU-MOW",
            kind="research_lab",
            sectors=("aerospace",),
            activities=("72.19",),
            descriptions={
                "ru": "Разработка наземного сегмента и приём данных дистанционного зондирования "
                "Земли; обработка спутниковых снимков и управление космическими аппаратами."
            },
        ),
        Organisation(
            id="ru:vaccine",
            name="Вектор-Био",
            country="RU",
            region="RU-NVS",
            kind="sme",
            descriptions={
                "ru": "Разработка вакцин против инфекционных заболеваний, биобанк клинических "
                "образцов и клинические испытания."
            },
        ),
        Organisation(
            id="ru:laser",
            name="Лазерные системы",
            country="RU",
            region="RU-SPE",
            kind="company",
            descriptions={
                "ru": "Волоконные лазеры и лазерная обработка металлов, лазерная резка и сварка."
            },
        ),
        Organisation(
            id="fr:lam",
            name="Laboratoire d'Astrophysique de Marseille",
            aliases=("LAM",),
            country="FR",
            region="FRL04",
            kind="research_lab",
            descriptions={
                "fr": "Instrumentation spatiale, optique adaptative et astrophysique; "
                "conception de télescopes et d'instruments embarqués."
            },
        ),
        Organisation(
            id="fr:optics",
            name="Optique Azur",
            country="FR",
            region="FRL03",
            kind="sme",
            descriptions={
                "fr": "Optique adaptative pour les télescopes et les communications laser en "
                "espace libre; analyseurs de front d'onde."
            },
        ),
        Organisation(
            id="fr:software",
            name="Logiciels du Sud",
            country="FR",
            region="FRL04",
            kind="sme",
            descriptions={
                "fr": "Développement de logiciels de gestion pour les entreprises et les "
                "collectivités; données et tableaux de bord."
            },
        ),
        Organisation(
            id="fr:health",
            name="Santé Numérique Provence",
            country="FR",
            region="FRL04",
            kind="startup",
            descriptions={"fr": "Télémédecine et données de santé pour les hôpitaux."},
        ),
        Organisation(
            id="uk:eo",
            name="Orbital Data Ltd",
            country="UK",
            kind="sme",
            descriptions={
                "en": "Ground segment software and Earth observation data processing for "
                "satellite operators."
            },
        ),
    ]


def history() -> list[Project]:
    return [
        Project(
            id="262",
            title="Space instrumentation for astrophysics",
            lang="en",
            year=2012,
            participants=("fr:lam", "ru:iki"),
        ),
        Project(
            id="263",
            title="Adaptive optics test bench",
            lang="en",
            year=2014,
            participants=("fr:lam", "fr:optics"),
        ),
    ]


def profiles() -> list[Profile]:
    return [
        Profile(
            id="offer:iki",
            org="ru:iki",
            direction="offer",
            title="Приём и обработка спутниковых данных",
            text="Наземные станции приёма данных дистанционного зондирования Земли.",
            lang="ru",
        ),
        Profile(
            id="offer:laser",
            org="ru:laser",
            direction="offer",
            title="Волоконные лазеры",
            text="Поставка волоконных лазеров для оптических стендов и обработки материалов.",
            lang="ru",
        ),
        Profile(
            id="request:optics",
            org="fr:optics",
            direction="request",
            title="Recherche de lasers à fibre",
            text="Nous cherchons un fournisseur de lasers à fibre pour nos bancs optiques.",
            lang="fr",
        ),
    ]


@pytest.fixture
def make_directory():
    return directory


@pytest.fixture
def make_history():
    return history


@pytest.fixture
def make_profiles():
    return profiles


@pytest.fixture(scope="session")
def index():
    return build_index(directory(), history(), profiles())
