"""The demo's sanctions list: the Russia-related part of OFAC's SDN list (US public domain).

Shipped in `data/` in OFAC's own `sdn.csv`/`alt.csv` layout: entries of the programmes
RUSSIA-EO14024, UKRAINE-EO13660…13685 and CYBER, from the list of 2024-05-03 with the
aliases file of 2024-09-25.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from jumelage.compliance import services
from jumelage.compliance.models import SanctionsList

DEMO_LIST_DATE = dt.date(2024, 5, 3)


def load_demo_list() -> bool:
    """Load the shipped list unless this version is already current; True if loaded."""
    if SanctionsList.objects.filter(
        list_id="us-ofac-sdn", is_current=True, list_date=DEMO_LIST_DATE
    ).exists():
        return False
    path = Path(str(resources.files("jumelage.compliance").joinpath("data", "sdn.csv")))
    services.load_list(
        path=path,
        fmt="ofac-sdn-csv",
        list_date=DEMO_LIST_DATE,
        name="OFAC SDN — Russia-related programmes",
    )
    return True
