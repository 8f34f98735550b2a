"""The scheduling engine's explanations, told to a person in their language.

The engine gives a stable code with params; each code has one translated sentence here,
with named placeholders. Counts become their own plural-aware phrases (Russian has three
plural forms) before they are put into the sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _meetings(n: int) -> str:
    return ngettext("%(count)d meeting", "%(count)d meetings", n) % {"count": n}


def _accepted_meetings(n: int) -> str:
    return ngettext("%(count)d accepted meeting", "%(count)d accepted meetings", n) % {"count": n}


def _slots(n: int) -> str:
    return ngettext("%(count)d slot", "%(count)d slots", n) % {"count": n}


def _places(n: int) -> str:
    return ngettext("%(count)d place", "%(count)d places", n) % {"count": n}


def _tables(n: int) -> str:
    return ngettext("%(count)d table", "%(count)d tables", n) % {"count": n}


def _int(params: Mapping[str, Any], key: str) -> int:
    try:
        return int(params.get(key) or 0)
    except (TypeError, ValueError):
        return 0


def explain(
    code: str, params: Mapping[str, Any], meeting_names: Mapping[str, str] | None = None
) -> str:
    """One translated sentence for an engine explanation.

    `meeting_names` maps the engine's meeting keys ("m12") to what a reader recognises
    ("Olga Ivanova — Jean Dupont"); unknown keys are shown as they are.
    """
    names = meeting_names or {}

    def meeting(key: Any) -> str:
        return names.get(str(key), str(key))

    values: dict[str, Any] = {
        "participant": params.get("participant_name") or params.get("participant") or "",
        "participant_a": params.get("participant_a_name") or params.get("participant_a") or "",
        "participant_b": params.get("participant_b_name") or params.get("participant_b") or "",
        "session": params.get("session_label") or params.get("session") or "",
        "slot": params.get("slot", ""),
        "table": params.get("table", ""),
        "meeting": meeting(params.get("meeting", "")),
        "meeting_list": "; ".join(meeting(key) for key in params.get("meetings", []) or [])
        if isinstance(params.get("meetings"), list | tuple)
        else "",
        "meetings": _meetings(_int(params, "meetings")),
        "accepted_meetings": _accepted_meetings(_int(params, "meetings")),
        "available_slots": _slots(_int(params, "available_slots")),
        "maximum": _meetings(_int(params, "maximum")),
        "capacity": _places(_int(params, "capacity")),
        "tables": _tables(_int(params, "tables")),
    }
    templates = {
        "participant_overloaded": _(
            "%(participant)s has %(accepted_meetings)s but is available in %(available_slots)s."
        ),
        "participant_session_overloaded": _(
            "%(participant)s has %(meetings)s that must take place in the session “%(session)s” "
            "but is available in %(available_slots)s of it."
        ),
        "participant_over_maximum": _(
            "%(participant)s has %(accepted_meetings)s but accepts at most %(maximum)s."
        ),
        "session_over_capacity": _(
            "The session “%(session)s” has %(meetings)s for %(capacity)s (slots times tables)."
        ),
        "event_over_capacity": _(
            "The event has %(meetings)s for %(capacity)s (slots times tables)."
        ),
        "slot_over_capacity": _(
            "Slot %(slot)s of the session “%(session)s” has %(meetings)s for %(tables)s."
        ),
        "locked_participant_clash": _(
            "%(participant)s has several locked meetings in slot %(slot)s of the session "
            "“%(session)s”: %(meeting_list)s."
        ),
        "locked_table_clash": _(
            "Several meetings are locked at table %(table)s in slot %(slot)s of the session "
            "“%(session)s”: %(meeting_list)s."
        ),
        "locked_unavailable": _(
            "The meeting %(meeting)s is locked in slot %(slot)s of the session “%(session)s”, "
            "where it cannot take place."
        ),
        "host_table_clash": _(
            "%(participant_a)s and %(participant_b)s both keep their own table, so their "
            "meeting has nowhere to sit."
        ),
        "no_common_slot": _(
            "%(participant_a)s and %(participant_b)s are never available in the same slot."
        ),
        "precedence_cycle": _(
            "These meetings must each come before the next, in a circle: %(meeting_list)s."
        ),
        "no_room_left": _(
            "No slot is left where both %(participant_a)s and %(participant_b)s are free and "
            "a table is available without displacing more important meetings."
        ),
    }
    template = templates.get(code)
    if template is None:
        return _("The scheduler could not place this (reason: %(code)s).") % {"code": code}
    return template % values
