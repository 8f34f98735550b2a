"""Sectors and kinds: codes stable in files, labels translated."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SECTORS = {
    "aerospace": _("Aerospace"),
    "photonics": _("Photonics"),
    "biotech_health": _("Biotech and health"),
    "ict": _("ICT"),
    "energy": _("Energy"),
    "maritime": _("Maritime"),
    "advanced_manufacturing": _("Advanced manufacturing"),
    "agrifood": _("Agrifood"),
    "environment": _("Environment"),
}


def sector_label(code: str) -> str:
    return str(SECTORS.get(code, code))
