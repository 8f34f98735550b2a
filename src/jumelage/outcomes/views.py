"""Plan pages: thin views over the outcomes selectors and services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jumelage.core.errors import DomainError
from jumelage.directory.models import Organisation, Person
from jumelage.outcomes import charts, reports, rules, selectors, services, widgets
from jumelage.outcomes.forms import (
    AccompanimentForm,
    ActionForm,
    FiltersForm,
    FollowUpAnswerForm,
    FollowUpForm,
    ObjectiveForm,
    OutcomeForm,
    PlanForm,
    programmes_for,
)
from jumelage.outcomes.models import Accompaniment, Action, Objective, Outcome, Plan

# Beyond a few hundred lines between dots the picture turns grey; group links carry the rest.
NETWORK_EDGES_DRAWN = 300


def _managed_plan(request, plan_id: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("programme"), pk=plan_id)
    if not rules.can_manage_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _apply_errors(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def person_display(person: Person | None) -> str:
    """How a follow-up log names a person: only with consent; erased people stay erased."""
    if person is None:
        return ""
    if person.erased_at is not None:
        return _("(erased person)")
    if person.consent_at is None:
        return _("(contact without consent)")
    return person.full_name


@login_required
def plan_list(request):
    own = rules.own_organisation_ids(request.user)
    context = {
        "plans": rules.managed_plans(request.user),
        "can_create": rules.can_create_plan(request.user),
        "declarable": rules.declarable_plans(request.user),
        "my_outcomes": rules.visible_outcomes(request.user).filter(organisation_id__in=own)
        if own
        else [],
    }
    return render(request, "outcomes/plan_list.html", context)


@login_required
def plan_edit(request, plan_id: int | None = None):
    plan = _managed_plan(request, plan_id) if plan_id else None
    if plan is None and not rules.can_create_plan(request.user):
        raise PermissionDenied
    programmes = programmes_for(request.user)
    form = PlanForm(request.POST or None, instance=plan, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_plan(actor=request.user, plan=form.save(commit=False))
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("outcomes:plan_detail", plan_id=saved.pk)
    title = _("Edit the plan") if plan else _("New plan")
    return render(request, "outcomes/form.html", {"form": form, "title": title, "plan": plan})


@login_required
def plan_detail(request, plan_id: int):
    plan = _managed_plan(request, plan_id)
    context = {
        "plan": plan,
        "objectives": plan.objectives.select_related("sector", "region"),
        "actions": plan.actions.select_related("event").prefetch_related(
            "partners", "participants"
        ),
        "accompaniments": selectors.accompaniments(plan),
        "outcomes": plan.outcomes.select_related("organisation").prefetch_related("actions")[:200],
        "outcome_count": plan.outcomes.count(),
        "budget": selectors.plan_totals(plan),
        "objective_form": ObjectiveForm(),
        "data_version": selectors.data_version(plan),
    }
    return render(request, "outcomes/plan_detail.html", context)


@login_required
@require_POST
def objective_add(request, plan_id: int):
    plan = _managed_plan(request, plan_id)
    form = ObjectiveForm(request.POST)
    if form.is_valid():
        services.add_objective(actor=request.user, plan=plan, **form.cleaned_data)
        messages.success(request, _("The objective was added."))
    else:
        messages.error(request, _("The objective was not added: check the target."))
    return redirect("outcomes:plan_detail", plan_id=plan.pk)


@login_required
@require_POST
def objective_delete(request, plan_id: int, objective_id: int):
    plan = _managed_plan(request, plan_id)
    objective = get_object_or_404(Objective, pk=objective_id, plan=plan)
    services.remove_objective(actor=request.user, objective=objective)
    messages.success(request, _("The objective was removed."))
    return redirect("outcomes:plan_detail", plan_id=plan.pk)


@login_required
def action_edit(request, plan_id: int, action_id: int | None = None):
    plan = _managed_plan(request, plan_id)
    action = get_object_or_404(Action, pk=action_id, plan=plan) if action_id else Action(plan=plan)
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    if request.method == "POST" and not form.picking and form.is_valid():
        try:
            services.save_action(
                actor=request.user,
                action=form.save(commit=False),
                partners=form.cleaned_data["partners"],
                participants=form.cleaned_data["participants"],
            )
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect("outcomes:plan_detail", plan_id=plan.pk)
    form.hide_errors_while_picking()
    title = _("Edit the action") if action_id else _("New action")
    return render(request, "outcomes/form.html", {"form": form, "title": title, "plan": plan})


@login_required
def accompaniment_add(request, plan_id: int):
    plan = _managed_plan(request, plan_id)
    form = AccompanimentForm(request.POST or None, plan=plan, initial={"since": date.today()})
    if request.method == "POST" and not form.picking and form.is_valid():
        data = form.cleaned_data
        try:
            services.accompany(
                actor=request.user,
                plan=plan,
                organisation=data["organisation"],
                since=data["since"],
                adviser=data["adviser"],
                actions=data["actions"],
                note=data["note"],
            )
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The organisation is now accompanied."))
            return redirect("outcomes:plan_detail", plan_id=plan.pk)
    form.hide_errors_while_picking()
    title = _("Accompany an organisation")
    return render(request, "outcomes/form.html", {"form": form, "title": title, "plan": plan})


@login_required
def organisation_search(request, plan_id: int, scope: str):
    """The organisations matching what was typed in a picker (see `widgets`), as boxes to tick."""
    plan = get_object_or_404(Plan, pk=plan_id)
    if not (
        rules.can_manage_plan(request.user, plan)
        or rules.declarable_plans(request.user).filter(pk=plan.pk).exists()
    ):
        raise PermissionDenied
    field = request.GET.get("field", "")
    if scope not in ("programme", "all", "accompanied") or not field.isidentifier():
        raise Http404
    organisations = Organisation.objects.filter(archived=False)
    if scope == "programme":
        organisations = organisations.filter(programme_id=plan.programme_id)
    elif scope == "accompanied":
        organisations = _outcome_organisations(request.user, plan)
    chosen = [int(v) for v in request.GET.getlist(field) if v.isdigit()]
    query = request.GET.get(f"{field}_q", "")
    context = {
        "name": field,
        "field_id": f"id_{field}",
        "input_type": "checkbox" if request.GET.get("multiple") == "1" else "radio",
        "results": widgets.search(query, organisations, chosen),
        "searched": bool(query.strip()),
    }
    return render(request, "outcomes/widgets/_organisation_results.html", context)


@login_required
def accompaniment_detail(request, plan_id: int, accompaniment_id: int):
    plan = _managed_plan(request, plan_id)
    accompaniment = get_object_or_404(
        Accompaniment.objects.select_related("organisation", "adviser"),
        pk=accompaniment_id,
        plan=plan,
    )
    form = FollowUpForm(
        request.POST or None, accompaniment=accompaniment, initial={"date": date.today()}
    )
    if request.method == "POST" and not form.picking and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_follow_up(
                actor=request.user,
                accompaniment=accompaniment,
                kind=data["kind"],
                day=data["date"],
                note=data["note"],
                person=data["person"],
                counterpart=data["counterpart"],
            )
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The entry was added to the follow-up log."))
            return redirect(request.path)
    entries = [
        {"entry": entry, "person": person_display(entry.person)}
        for entry in accompaniment.entries.select_related("person", "counterpart", "author")
    ]
    form.hide_errors_while_picking()
    context = {"plan": plan, "accompaniment": accompaniment, "form": form, "entries": entries}
    return render(request, "outcomes/accompaniment_detail.html", context)


def _outcome_organisations(user, plan: Plan):
    if rules.can_manage_plan(user, plan):
        return Organisation.objects.filter(accompaniments__plan=plan).order_by("name")
    return Organisation.objects.filter(
        pk__in=rules.own_organisation_ids(user), accompaniments__plan=plan
    ).order_by("name")


@login_required
def outcome_edit(request, plan_id: int, outcome_id: int | None = None):
    plan = get_object_or_404(Plan, pk=plan_id)
    if outcome_id:
        outcome = get_object_or_404(Outcome, pk=outcome_id, plan=plan)
        if not rules.can_edit_outcome(request.user, outcome):
            raise PermissionDenied
    else:
        outcome = Outcome(plan=plan)
        if (
            not rules.can_manage_plan(request.user, plan)
            and not rules.declarable_plans(request.user).filter(pk=plan.pk).exists()
        ):
            raise PermissionDenied
    organisations = _outcome_organisations(request.user, plan)
    form = OutcomeForm(
        request.POST or None,
        request.FILES or None,
        instance=outcome,
        plan=plan,
        organisations=organisations,
        can_confirm=rules.can_set_confidence(request.user, plan),
    )
    if request.method == "POST" and not form.picking and form.is_valid():
        data = form.cleaned_data
        try:
            instance = form.save(commit=False)
            if outcome_id:
                saved = services.update_outcome(
                    actor=request.user,
                    outcome=instance,
                    actions=data["actions"],
                    partners=data["partners"],
                )
            else:
                saved = services.record_outcome(
                    actor=request.user,
                    outcome=instance,
                    actions=data["actions"],
                    partners=data["partners"],
                )
            if data.get("attachment"):
                services.attach(actor=request.user, outcome=saved, upload=data["attachment"])
        except DomainError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The outcome was saved."))
            if rules.can_manage_plan(request.user, plan):
                return redirect("outcomes:plan_detail", plan_id=plan.pk)
            return redirect("outcomes:plan_list")
    form.hide_errors_while_picking()
    title = _("Edit the outcome") if outcome_id else _("Record an outcome")
    attachments = outcome.attachments.all() if outcome.pk else []
    return render(
        request,
        "outcomes/form.html",
        {"form": form, "title": title, "plan": plan, "multipart": True, "attachments": attachments},
    )


@login_required
@require_POST
def outcome_delete(request, plan_id: int, outcome_id: int):
    outcome = get_object_or_404(
        Outcome.objects.select_related("plan"), pk=outcome_id, plan_id=plan_id
    )
    if not rules.can_edit_outcome(request.user, outcome):
        raise PermissionDenied
    services.delete_outcome(actor=request.user, outcome=outcome)
    messages.success(request, _("The outcome was deleted."))
    return redirect("outcomes:plan_list")


@login_required
def attachment_download(request, plan_id: int, outcome_id: int, attachment_id: int):
    outcome = get_object_or_404(
        rules.visible_outcomes(request.user), pk=outcome_id, plan_id=plan_id
    )
    attachment = get_object_or_404(outcome.attachments, pk=attachment_id)
    response = HttpResponse(attachment.file.read(), content_type="application/octet-stream")
    response["Content-Disposition"] = (
        f'attachment; filename="{attachment.file.name.rsplit("/", 1)[-1]}"'
    )
    return response


# Dashboard, network, reports ----------------------------------------------------------


def _filters(request, plan: Plan) -> tuple[FiltersForm, dict[str, Any]]:
    form = FiltersForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {
        "date_from": data.get("date_from") or plan.start_date,
        "date_to": data.get("date_to") or plan.end_date,
        "sector": data.get("sector"),
        "region": data.get("region"),
        "as_of": data.get("as_of"),
    }


def _current_only(form: FiltersForm, filters: dict[str, Any]) -> dict[str, Any]:
    """The network is drawn from the current records: no "as of" for it."""
    form.fields.pop("as_of", None)
    return {key: value for key, value in filters.items() if key != "as_of"}


def _chart_svg(figures: selectors.Figures, chart: str) -> str:
    headers, rows = reports.chart_table(figures, chart)
    title = reports.chart_title(chart)
    chart_id = f"chart-{chart.replace('_', '-')}"
    if chart == "funnel":
        stages = [(str(reports.FUNNEL_LABELS[k]), figures.funnel[k]) for k in reports.FUNNEL_STAGES]
        return charts.funnel_chart(chart_id=chart_id, title=title, stages=stages)
    if chart == "by_month":
        return charts.column_chart(
            chart_id=chart_id, title=title, points=[(r[0], r[1]) for r in rows]
        )
    if chart == "objectives":
        return charts.target_chart(
            chart_id=chart_id,
            title=title,
            rows=[(r[0], r[1], r[2]) for r in rows],
            target_label=_("target"),
        )
    return charts.bar_chart(
        chart_id=chart_id,
        title=title,
        rows=[(str(r[0]), r[headers.index(_("Outcomes"))]) for r in rows],
    )


@login_required
def dashboard(request, plan_id: int):
    plan = _managed_plan(request, plan_id)
    form, filters = _filters(request, plan)
    figures = selectors.plan_figures(plan=plan, **filters)
    query = request.GET.urlencode()
    blocks = []
    for chart in reports.CHARTS:
        headers, rows = reports.chart_table(figures, chart)
        blocks.append(
            {
                "key": chart,
                "title": reports.chart_title(chart),
                "svg": _chart_svg(figures, chart),
                "headers": headers,
                "rows": rows,
                "csv": f"{chart}.csv" + (f"?{query}" if query else ""),
            }
        )
    context = {
        "plan": plan,
        "form": form,
        "figures": figures,
        "blocks": blocks,
        "amounts": figures.amounts,
        "query": query,
        "attribution": reports.attribution_text(),
    }
    return render(request, "outcomes/dashboard.html", context)


def _download(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def chart_csv(request, plan_id: int, chart: str):
    plan = _managed_plan(request, plan_id)
    if chart not in (*reports.CHARTS, "network"):
        raise Http404
    form, filters = _filters(request, plan)
    if chart == "network":
        network = selectors.cooperation_network(
            plan=plan, **_current_only(form, filters), group_by=request.GET.get("group", "region")
        )
        headers, rows = reports.network_table(network)
    else:
        headers, rows = reports.chart_table(selectors.plan_figures(plan=plan, **filters), chart)
    return _download(reports.to_csv(headers, rows), "text/csv; charset=utf-8", f"{chart}.csv")


@login_required
def network(request, plan_id: int):
    plan = _managed_plan(request, plan_id)
    form, filters = _filters(request, plan)
    filters = _current_only(form, filters)
    group_by = "sector" if request.GET.get("group") == "sector" else "region"
    graph = selectors.cooperation_network(
        plan=plan, **filters, group_by=group_by, max_edges=NETWORK_EDGES_DRAWN
    )
    description = _(
        "%(nodes)s organisations linked by %(edges)s pairs of held meetings or shared outcomes; "
        "%(shown)s strongest links drawn."
    ) % {"nodes": graph.total_nodes, "edges": graph.total_edges, "shown": len(graph.edges)}
    headers, rows = reports.network_table(graph)
    context = {
        "plan": plan,
        "form": form,
        "group_by": group_by,
        "graph": graph,
        "svg": charts.network_chart(
            chart_id="chart-network",
            title=reports.chart_title("network"),
            network=graph,
            description=description,
        ),
        "description": description,
        "headers": headers,
        "rows": rows,
        "query": request.GET.urlencode(),
    }
    return render(request, "outcomes/network.html", context)


@login_required
def report(request, plan_id: int, fmt: str):
    plan = _managed_plan(request, plan_id)
    _form, filters = _filters(request, plan)
    figures = selectors.plan_figures(plan=plan, **filters)
    name = f"{slugify(plan.name)[:60] or 'plan'}-{figures.date_from}-{figures.date_to}"
    outcomes = selectors.plan_outcomes(plan, figures.date_from, figures.date_to)
    if fmt == "pdf":
        return _download(reports.report_pdf(figures, outcomes), "application/pdf", f"{name}.pdf")
    if fmt == "xlsx":
        return _download(
            reports.report_xlsx(figures, outcomes),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            f"{name}.xlsx",
        )
    if fmt == "json":
        return _download(reports.report_json(figures), "application/json", f"{name}.json")
    if fmt == "csv":
        return _download(reports.report_csv(figures), "text/csv; charset=utf-8", f"{name}.csv")
    raise Http404


# The one-click follow-up form ---------------------------------------------------------


def follow_up(request, token: str):
    """What came of a meeting: no login, the signed link is the key."""
    try:
        reminder = services.reminder_from_token(token)
    except DomainError as error:
        return render(request, "outcomes/follow_up.html", {"error": error.message}, status=400)
    meeting = reminder.meeting
    other = meeting.second if meeting.first_id == reminder.participant_id else meeting.first
    context: dict[str, Any] = {
        "reminder": reminder,
        "event": meeting.event,
        "organisation": reminder.participant.person.organisation,
        "other": other.person.organisation,
    }
    if reminder.answered_at is not None:
        context["done"] = True
        return render(request, "outcomes/follow_up.html", context)
    form = FollowUpAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_follow_up(
                reminder=reminder,
                kind=data["kind"] or None,
                title=data["title"],
                day=data["date"],
                amount=data["amount"],
                currency=data["currency"] or "EUR",
                count=data["count"] or 1,
            )
        except DomainError as error:
            _apply_errors(form, error)
        else:
            context["done"] = True
            return render(request, "outcomes/follow_up.html", context)
    context["form"] = form
    return render(request, "outcomes/follow_up.html", context)
