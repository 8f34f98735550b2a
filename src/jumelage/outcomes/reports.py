"""The plan's figures as tables, CSV, XLSX, PDF and JSON: one set of tables, many formats.

Every table is built by `chart_table` from a `Figures` (see `selectors.plan_figures`), so the
dashboard's accessible tables, its CSV downloads, the spreadsheet and the PDF all show the
same numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jumelage.outcomes.formatting import format_date, format_money, format_number
from jumelage.outcomes.models import Action, Outcome
from jumelage.outcomes.selectors import FUNNEL_KEYS, NONE_KEY, Figures, Network

FUNNEL_LABELS = {
    "contacts": gettext_lazy("Contacts"),
    "eois": gettext_lazy("Expressions of interest"),
    "meetings_requested": gettext_lazy("Meetings requested"),
    "meetings_held": gettext_lazy("Meetings held"),
    "agreements": gettext_lazy("Agreements"),
    "contracts": gettext_lazy("Contracts"),
    "projects": gettext_lazy("Joint R&D projects"),
    "smes_created": gettext_lazy("SMEs created"),
    "jobs_created": gettext_lazy("Jobs created or kept"),
}
# The funnel chart shows the stages that narrow; SMEs and jobs are counts of another nature.
FUNNEL_STAGES = FUNNEL_KEYS[:7]
BREAKDOWN_COLUMNS = (
    "outcomes",
    "agreements",
    "contracts",
    "projects",
    "smes_created",
    "jobs_created",
)
CHARTS = ("funnel", "by_month", "by_sector", "by_region", "by_action", "objectives")


def _column_label(key: str) -> str:
    if key == "outcomes":
        return _("Outcomes")
    return str(FUNNEL_LABELS[key])


def _name_or_none(label: str) -> str:
    return label or _("Not given")


def chart_title(chart: str) -> str:
    return {
        "funnel": _("From contact to agreement"),
        "by_month": _("Outcomes over time"),
        "by_sector": _("Outcomes by sector"),
        "by_region": _("Outcomes by region"),
        "by_action": _("Outcomes by action"),
        "objectives": _("Objectives against results"),
        "network": _("Cooperation network"),
    }[chart]


def chart_table(figures: Figures, chart: str) -> tuple[list[str], list[list[Any]]]:
    """(headers, rows) of one chart's numbers; raw numbers, formatted by whoever shows them."""
    if chart == "funnel":
        return [_("Stage"), _("Number")], [
            [str(FUNNEL_LABELS[key]), figures.funnel[key]] for key in FUNNEL_KEYS
        ]
    if chart == "by_month":
        return [_("Month"), _("Outcomes")], [[month, n] for month, n in figures.by_month]
    if chart in ("by_sector", "by_region"):
        data = figures.by_sector if chart == "by_sector" else figures.by_region
        first = _("Sector") if chart == "by_sector" else _("Region")
        return [first, *(_column_label(k) for k in BREAKDOWN_COLUMNS)], [
            [_name_or_none(row["label"]), *(row[k] for k in BREAKDOWN_COLUMNS)]
            for row in data.values()
        ]
    if chart == "by_action":
        kinds = dict(Action.Kind.choices)
        rows = []
        for key, row in figures.by_action.items():
            name = row["label"] if key != NONE_KEY else _("Claimed by no action")
            rows.append(
                [
                    name,
                    str(kinds.get(row["kind"], "")),
                    row["start_date"],
                    row["meetings_held"],
                    *(row[k] for k in BREAKDOWN_COLUMNS),
                ]
            )
        return [
            _("Action"),
            _("Kind"),
            _("Date"),
            _("Meetings held"),
            *(_column_label(k) for k in BREAKDOWN_COLUMNS),
        ], rows
    if chart == "objectives":
        return [_("Objective"), _("Target"), _("Result"), _("Reached (%)")], [
            [
                o["name"],
                o["target"],
                o["actual"],
                round(100 * o["actual"] / o["target"]) if o["target"] else 0,
            ]
            for o in figures.objectives
        ]
    raise ValueError(chart)


def network_table(network: Network) -> tuple[list[str], list[list[Any]]]:
    labels = {group["key"]: group["label"] for group in network.groups}
    return [_("From"), _("To"), _("Links")], [
        [
            labels.get(link["source"], link["source"]),
            labels.get(link["target"], link["target"]),
            link["weight"],
        ]
        for link in network.group_links
    ]


def to_csv(headers: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def report_csv(figures: Figures) -> str:
    """The whole report as one CSV: a `table` column says which table each row belongs to."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "key", "value"])
    writer.writerow(["meta", "plan", figures.plan.name])
    writer.writerow(["meta", "from", figures.date_from.isoformat()])
    writer.writerow(["meta", "to", figures.date_to.isoformat()])
    writer.writerow(["meta", "data_version", figures.data_version])
    for key in FUNNEL_KEYS:
        writer.writerow(["funnel", key, figures.funnel[key]])
    for table in ("by_sector", "by_region", "by_action"):
        for key, row in getattr(figures, table).items():
            for column in (
                *BREAKDOWN_COLUMNS,
                *(("meetings_held",) if table == "by_action" else ()),
            ):
                writer.writerow([table, f"{key}.{column}", row[column]])
    for objective in figures.objectives:
        writer.writerow(["objectives", f"{objective['name']}.target", objective["target"]])
        writer.writerow(["objectives", f"{objective['name']}.actual", objective["actual"]])
    return out.getvalue()


def report_json(figures: Figures) -> str:
    return json.dumps(figures.as_json(), ensure_ascii=False, indent=2, default=str)


def _outcome_row(outcome: Outcome) -> list[Any]:
    return [
        outcome.date,
        outcome.get_kind_display(),
        outcome.title,
        outcome.organisation.display_name,
        ", ".join(p.display_name for p in outcome.partners.all()),
        ", ".join(a.title for a in outcome.actions.all()),
        float(outcome.amount) if outcome.amount is not None else None,
        outcome.currency if outcome.amount is not None else "",
        outcome.count if outcome.kind in (Outcome.Kind.SME, Outcome.Kind.JOBS) else None,
        outcome.get_confidence_display(),
    ]


def outcome_headers() -> list[str]:
    return [
        _("Date"),
        _("Kind"),
        _("Title"),
        _("Organisation"),
        _("Partners"),
        _("Actions"),
        _("Amount"),
        _("Currency"),
        _("Number"),
        _("Confidence"),
    ]


def _sheet_name(text: str) -> str:
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31]


def report_xlsx(figures: Figures, outcomes: Iterable[Outcome]) -> bytes:
    """A workbook: figures (funnel, objectives), one sheet per breakdown, and the outcomes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_name(_("Figures"))
    bold = Font(bold=True)
    sheet.append([_("Plan"), figures.plan.name])
    sheet.append([_("From"), figures.date_from])
    sheet.append([_("To"), figures.date_to])
    sheet.append([_("Data version"), figures.data_version])
    sheet.append([])
    for chart in ("funnel", "objectives"):
        headers, rows = chart_table(figures, chart)
        sheet.append([chart_title(chart)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
        sheet.append([])
    for chart in ("by_sector", "by_region", "by_action"):
        page = book.create_sheet(_sheet_name(chart_title(chart)))
        headers, rows = chart_table(figures, chart)
        page.append(headers)
        for cell in page[1]:
            cell.font = bold
        for row in rows:
            page.append(row)
    page = book.create_sheet(_sheet_name(_("Outcomes")))
    page.append(outcome_headers())
    for cell in page[1]:
        cell.font = bold
    for outcome in outcomes:
        page.append(_outcome_row(outcome))
    for worksheet in book.worksheets:
        worksheet.column_dimensions["A"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _pdf_bars(pdf: Any, rows: list[tuple[str, float]]) -> None:
    """Horizontal bars drawn with rectangles: label, bar, number."""
    top = max((value for _label, value in rows), default=0) or 1
    label_width, bar_width, height = 62, 95, 6
    for label, value in rows:
        if pdf.get_y() > 270:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font("dejavu", size=9)
        pdf.cell(label_width, height, label[:40])
        pdf.set_fill_color(11, 95, 165)
        length = bar_width * value / top
        if length > 0:
            pdf.rect(pdf.l_margin + label_width, y + 1, length, height - 2, style="F")
        pdf.set_xy(pdf.l_margin + label_width + length + 2, y)
        pdf.cell(25, height, format_number(value))
        pdf.ln(height + 1)


def _pdf_table(pdf: Any, headers: list[str], rows: list[list[Any]], widths: list[float]) -> None:
    pdf.set_font("dejavu", "B", size=8)
    for header, width in zip(headers, widths, strict=False):
        pdf.cell(width, 6, str(header)[:30], border="B")
    pdf.ln(6)
    pdf.set_font("dejavu", size=8)
    for row in rows:
        if pdf.get_y() > 275:
            pdf.add_page()
        for value, width in zip(row, widths, strict=False):
            text = format_number(value) if isinstance(value, int | float) else str(value or "")
            limit = max(4, int(width / 1.7))
            pdf.cell(width, 5, text[:limit])
        pdf.ln(5)
    pdf.ln(3)


def report_pdf(figures: Figures, outcomes: Iterable[Outcome]) -> bytes:
    """A printable report: the period, the data version, the figures as bars and tables, the outcomes."""
    from jumelage.core.pdf import new_document

    pdf = new_document(title=figures.plan.name)
    pdf.set_font("dejavu", "B", size=15)
    pdf.multi_cell(0, 8, figures.plan.name, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=10)
    pdf.multi_cell(
        0,
        6,
        _("Period: %(start)s – %(end)s · data version %(version)s · produced on %(day)s")
        % {
            "start": format_date(figures.date_from),
            "end": format_date(figures.date_to),
            "version": figures.data_version,
            "day": format_date(timezone.localdate()),
        },
        new_x="LMARGIN",
        new_y="NEXT",
    )
    filters = [str(label) for label in (figures.sector, figures.region) if label]
    if filters:
        pdf.multi_cell(
            0,
            6,
            _("Filtered on: %(filters)s") % {"filters": ", ".join(filters)},
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(3)
    for chart in ("funnel", "objectives", "by_sector", "by_region"):
        headers, rows = chart_table(figures, chart)
        pdf.set_font("dejavu", "B", size=12)
        pdf.cell(0, 8, chart_title(chart), new_x="LMARGIN", new_y="NEXT")
        if chart == "objectives":
            _pdf_table(pdf, headers, rows, [90, 25, 25, 30])
        elif chart == "funnel":
            _pdf_bars(pdf, [(str(row[0]), row[1]) for row in rows])
        else:
            _pdf_bars(pdf, [(str(row[0]), row[1]) for row in rows])
            _pdf_table(pdf, headers, rows, [52, 22, 22, 22, 22, 22, 28])
    headers, rows = chart_table(figures, "by_action")
    pdf.set_font("dejavu", "B", size=12)
    pdf.cell(0, 8, chart_title("by_action"), new_x="LMARGIN", new_y="NEXT")
    _pdf_table(
        pdf,
        [headers[0], headers[2], headers[3], *headers[4:]],
        [[r[0], r[2], *r[3:]] for r in rows],
        [50, 20, 18, 17, 17, 17, 17, 17, 17],
    )
    pdf.add_page()
    pdf.set_font("dejavu", "B", size=12)
    pdf.cell(0, 8, _("Outcomes"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=9)
    for outcome in outcomes:
        if pdf.get_y() > 265:
            pdf.add_page()
        amount = (
            format_money(outcome.amount, outcome.currency) if outcome.amount is not None else ""
        )
        if outcome.kind in (Outcome.Kind.SME, Outcome.Kind.JOBS):
            amount = format_number(outcome.count)
        pdf.multi_cell(
            0,
            5,
            f"{format_date(outcome.date)} · {outcome.get_kind_display()} · {outcome.title}"
            f"{' · ' + amount if amount else ''} · {outcome.organisation.display_name}"
            f" · {outcome.get_confidence_display()}",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(4)
    pdf.set_font("dejavu", size=8)
    pdf.multi_cell(0, 4, attribution_text(), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def attribution_text() -> str:
    return _(
        "Each outcome is counted once: under the region of the organisation that declared it, "
        "under its sector (else that organisation's first sector), and for the earliest-dated "
        "action that claims it. Contacts are distinct pairs of organisations that interacted "
        "(a meeting request at one of the plan's events, an expression of interest involving an "
        "accompanied organisation, or a follow-up log entry naming a prospective partner). "
        "Figures are computed from the records at the data version shown."
    )
