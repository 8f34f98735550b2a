"""Event pages: thin views over the events' selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jumelage.core.errors import DomainError
from jumelage.events import exports, rules, selectors, services
from jumelage.events.explain import explain
from jumelage.events.forms import (
    AddParticipantForm,
    AvailabilityForm,
    EventForm,
    MoveForm,
    PickSlotForm,
    RegisterForm,
    RequestForm,
    ScheduleForm,
    SessionForm,
    VersionForm,
    slot_label,
)
from jumelage.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleRun,
    Session,
    Side,
    Table,
)
from jumelage.notifications import selectors as notification_selectors
from jumelage.notifications import services as notification_services


def _event(request, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("programme"), pk=pk)
    if not rules.can_view_event(request.user, event):
        raise Http404(_("No such event."))
    return event


def _organised(request, pk: int) -> Event:
    event = _event(request, pk)
    if not rules.is_organiser(request.user, event):
        raise PermissionDenied
    return event


def _own_participant(request, event: Event) -> Participant:
    """The participant a page is about: `?participant=` for organisers, else the user."""
    wanted = request.GET.get("participant") or request.POST.get("participant")
    if wanted and rules.is_organiser(request.user, event):
        return get_object_or_404(
            Participant.objects.select_related("person__organisation", "event"),
            pk=wanted,
            event=event,
        )
    participant = rules.participation(request.user, event)
    if participant is None:
        raise PermissionDenied
    return participant


def event_list(request):
    events = rules.visible_events(request.user).order_by("-start_date", "title")
    return render(
        request,
        "events/event_list.html",
        {"events": events, "can_create": rules.can_create_event(request.user)},
    )


@login_required
def event_create(request):
    if not rules.can_create_event(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from jumelage.directory.rules import managed_programme_ids

        event = form.save(commit=False)
        managed = managed_programme_ids(request.user)
        if managed:
            event.programme_id = min(managed)
        try:
            services.save_event(actor=request.user, event=event, tables=form.cleaned_data["tables"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Event created: now add its sessions."))
            return redirect("events:event_setup", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request, pk: int):
    event = _organised(request, pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_event(
                actor=request.user,
                event=form.save(commit=False),
                tables=form.cleaned_data["tables"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("events:event_detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


def event_detail(request, pk: int):
    event = _event(request, pk)
    organiser = rules.is_organiser(request.user, event)
    participant = rules.participation(request.user, event)
    unread = []
    if participant is not None:
        unread = list(notification_selectors.unread_of(request.user, event_id=event.pk)[:10])
    context = {
        "event": event,
        "sessions": event.sessions.all(),
        "table_count": event.tables.count(),
        "is_organiser": organiser,
        "participant": participant,
        "can_register": participant is None and rules.can_register(request.user, event),
        "register_form": RegisterForm(),
        "pending_count": event.participants.filter(status=Participant.Status.PENDING).count()
        if organiser
        else 0,
        "notifications": unread,
    }
    return render(request, "events/event_detail.html", context)


@login_required
def event_setup(request, pk: int):
    event = _organised(request, pk)
    form = SessionForm(request.POST or None, initial={"day": event.start_date})
    if request.method == "POST" and form.is_valid():
        try:
            services.add_session(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Session added."))
            return redirect("events:event_setup", pk=pk)
    return render(
        request,
        "events/event_setup.html",
        {
            "event": event,
            "form": form,
            "sessions": event.sessions.prefetch_related("slots"),
            "tables": event.tables.select_related("host__person"),
            "hosts": selectors.participants(event).filter(side=Side.HOST),
        },
    )


@login_required
@require_POST
def table_host(request, pk: int, table_pk: int):
    """Let a host keep one table for the whole event, or free the table."""
    event = _organised(request, pk)
    table = get_object_or_404(Table, pk=table_pk, event=event)
    host = None
    if request.POST.get("host"):
        host = get_object_or_404(Participant, pk=request.POST["host"], event=event)
    try:
        services.assign_host_table(actor=request.user, table=table, host=host)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("events:event_setup", pk=pk)


@login_required
@require_POST
def session_remove(request, pk: int, session_pk: int):
    event = _organised(request, pk)
    session = get_object_or_404(Session, pk=session_pk, event=event)
    try:
        services.remove_session(actor=request.user, session=session)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Session removed."))
    return redirect("events:event_setup", pk=pk)


# Participants ------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk: int):
    event = _event(request, pk)
    form = RegisterForm(request.POST)
    person = getattr(request.user, "person", None)
    if not rules.can_register(request.user, event) or person is None:
        raise PermissionDenied
    if form.is_valid():
        try:
            services.register(actor=request.user, event=event, person=person, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Registered: the organiser will approve your registration.")
            )
    return redirect("events:event_detail", pk=pk)


@login_required
def participant_list(request, pk: int):
    event = _event(request, pk)
    organiser = rules.is_organiser(request.user, event)
    if not rules.can_see_participants(request.user, event):
        raise PermissionDenied
    add_form = None
    if organiser:
        add_form = AddParticipantForm(request.POST or None, event=event)
        if request.method == "POST" and add_form.is_valid():
            try:
                services.register(
                    actor=request.user,
                    event=event,
                    person=add_form.cleaned_data["person"],
                    side=add_form.cleaned_data["side"],
                )
            except DomainError as error:
                add_form.add_error(None, error.message)
            else:
                messages.success(request, _("Participant added."))
                return redirect("events:participant_list", pk=pk)
    elif request.method == "POST":
        raise PermissionDenied
    rows = selectors.participants(event, status=None if organiser else Participant.Status.APPROVED)
    me = rules.approved_participation(request.user, event)
    return render(
        request,
        "events/participant_list.html",
        {
            "event": event,
            "participants": rows,
            "is_organiser": organiser,
            "add_form": add_form,
            "me": me,
        },
    )


@login_required
@require_POST
def participant_decide(request, pk: int, participant_pk: int):
    event = _organised(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, event=event)
    services.decide_registration(
        actor=request.user,
        participant=participant,
        approve=request.POST.get("decision") == "approve",
    )
    messages.success(request, _("Registration updated."))
    return redirect("events:participant_list", pk=pk)


@login_required
def availability(request, pk: int):
    event = _event(request, pk)
    participant = _own_participant(request, event)
    form = AvailabilityForm(
        request.POST or None,
        event=event,
        initial={
            "unavailable_slots": participant.unavailable_slots.all(),
            "max_meetings": participant.max_meetings,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_availability(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Availability saved."))
            return redirect("events:event_detail", pk=pk)
    return render(
        request,
        "events/availability.html",
        {"event": event, "form": form, "participant": participant},
    )


# Requests ----------------------------------------------------------------------------


@login_required
def request_create(request, pk: int):
    event = _event(request, pk)
    me = rules.approved_participation(request.user, event)
    if me is None:
        raise PermissionDenied
    recipients = selectors.participants(event).exclude(pk=me.pk)
    recipients = recipients.filter(pk__in=[p.pk for p in recipients if services.may_request(me, p)])
    form = RequestForm(
        request.POST or None, recipients=recipients, initial={"recipient": request.GET.get("to")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.send_request(actor=request.user, requester=me, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Request sent."))
            return redirect("events:request_list", pk=pk)
    return render(request, "events/request_form.html", {"event": event, "form": form})


@login_required
def request_list(request, pk: int):
    event = _event(request, pk)
    services.expire_requests(event=event)
    organiser = rules.is_organiser(request.user, event)
    me = rules.participation(request.user, event)
    if not organiser and me is None:
        raise PermissionDenied
    visible = rules.visible_requests(request.user, event).select_related(
        "requester__person__organisation", "recipient__person__organisation"
    )
    if me is not None:
        notification_services.mark_read(user=request.user, event_id=event.pk)
    context = {
        "event": event,
        "me": me,
        "is_organiser": organiser,
        "received": visible.filter(recipient=me) if me else [],
        "sent": visible.filter(requester=me) if me else [],
        "all_requests": visible if organiser else [],
    }
    return render(request, "events/request_list.html", context)


@login_required
def request_accept(request, pk: int, request_pk: int):
    event = _event(request, pk)
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("requester__person", "recipient__person", "event"),
        pk=request_pk,
        event=event,
    )
    if not rules.can_answer(request.user, meeting_request):
        raise PermissionDenied
    choose = event.scheduling_mode == Event.Mode.PARTICIPANTS
    probe = Meeting(event=event, first=meeting_request.requester, second=meeting_request.recipient)
    slots = selectors.free_common_slots(probe) if choose else []
    form = PickSlotForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.accept_request(
                actor=request.user, request=meeting_request, slot=form.cleaned_data.get("slot")
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if meeting.slot_id:
                messages.success(request, _("Accepted: the meeting is on both agendas."))
            else:
                messages.success(request, _("Accepted: the meeting will be scheduled."))
            return redirect("events:request_list", pk=pk)
    return render(
        request,
        "events/request_accept.html",
        {"event": event, "meeting_request": meeting_request, "form": form, "choose": choose},
    )


@login_required
@require_POST
def request_decline(request, pk: int, request_pk: int):
    event = _event(request, pk)
    meeting_request = get_object_or_404(MeetingRequest, pk=request_pk, event=event)
    if not rules.can_answer(request.user, meeting_request):
        raise PermissionDenied
    try:
        services.decline_request(actor=request.user, request=meeting_request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Declined."))
    return redirect("events:request_list", pk=pk)


@login_required
@require_POST
def request_cancel(request, pk: int, request_pk: int):
    event = _event(request, pk)
    meeting_request = get_object_or_404(MeetingRequest, pk=request_pk, event=event)
    if not rules.can_cancel(request.user, meeting_request):
        raise PermissionDenied
    try:
        services.cancel_request(actor=request.user, request=meeting_request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Request cancelled."))
    return redirect("events:request_list", pk=pk)


@login_required
def suggestions(request, pk: int):
    event = _event(request, pk)
    me = rules.approved_participation(request.user, event)
    if me is None:
        raise PermissionDenied
    return render(
        request,
        "events/suggestions.html",
        {"event": event, "suggestions": selectors.suggest_partners(me, limit=20)},
    )


# Agendas -----------------------------------------------------------------------------


@login_required
def my_agenda(request, pk: int):
    event = _event(request, pk)
    participant = _own_participant(request, event)
    placed, waiting = selectors.agenda(participant)
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "participant": participant,
            "placed": placed,
            "waiting": waiting,
            "can_pick": event.scheduling_mode == Event.Mode.PARTICIPANTS,
            "is_organiser": rules.is_organiser(request.user, event),
        },
    )


def _agenda_participant(request, pk: int, participant_pk: int) -> Participant:
    event = _event(request, pk)
    participant = get_object_or_404(
        Participant.objects.select_related("person__organisation", "event"),
        pk=participant_pk,
        event=event,
    )
    if not rules.can_view_agenda(request.user, participant):
        raise PermissionDenied
    return participant


@login_required
def agenda_ics(request, pk: int, participant_pk: int):
    participant = _agenda_participant(request, pk, participant_pk)
    response = HttpResponse(
        exports.agenda_ics(participant), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{participant.event_id}-{participant.pk}.ics"'
    )
    return response


@login_required
def agenda_pdf(request, pk: int, participant_pk: int):
    participant = _agenda_participant(request, pk, participant_pk)
    response = HttpResponse(exports.agenda_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{participant.event_id}-{participant.pk}.pdf"'
    )
    return response


@login_required
def meeting_pick(request, pk: int, meeting_pk: int):
    """A participant places their agreed, unscheduled meeting in a free common slot."""
    event = _event(request, pk)
    meeting = get_object_or_404(
        Meeting.objects.select_related("first__person", "second__person", "event"),
        pk=meeting_pk,
        event=event,
    )
    if not (
        rules.can_act_as(request.user, meeting.first)
        or rules.can_act_as(request.user, meeting.second)
    ):
        raise PermissionDenied
    form = PickSlotForm(
        request.POST or None, slots=selectors.free_common_slots(meeting), required=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.place_meeting(
                actor=request.user, meeting=meeting, slot=form.cleaned_data["slot"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is on both agendas."))
            return redirect("events:my_agenda", pk=pk)
    return render(
        request, "events/meeting_pick.html", {"event": event, "meeting": meeting, "form": form}
    )


# Organiser's schedule ----------------------------------------------------------------


def _run_view(run: ScheduleRun, names: dict[str, str]) -> dict:
    return {
        "run": run,
        "explanations": [explain(e["code"], e["params"], names) for e in run.explanations],
        "unplaced": [explain(u["code"], u["params"], names) for u in run.unplaced],
    }


@login_required
def schedule(request, pk: int):
    event = _organised(request, pk)
    names = selectors.meeting_names(event)
    runs = [_run_view(run, names) for run in selectors.runs(event)[:20]]
    meetings = list(selectors.meetings(event))
    return render(
        request,
        "events/schedule.html",
        {
            "event": event,
            "form": ScheduleForm(),
            "runs": runs,
            "meetings": meetings,
            "unscheduled_count": sum(1 for m in meetings if m.slot_id is None),
            "slot_choices": [
                (slot.pk, slot_label(slot))
                for slot in selectors.slots(event).select_related("session__event")
            ],
            "table_choices": [(table.pk, str(table)) for table in event.tables.all()],
        },
    )


@login_required
@require_POST
def schedule_start(request, pk: int):
    event = _organised(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the time limit."))
        return redirect("events:schedule", pk=pk)
    try:
        run = services.start_schedule_run(
            actor=request.user,
            event=event,
            unscheduled_only=form.cleaned_data["unscheduled_only"],
            time_limit=form.cleaned_data["time_limit"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Scheduling run %(number)d started.") % {"number": run.number})
    return redirect("events:schedule", pk=pk)


@login_required
def run_status(request, pk: int, run_pk: int):
    event = _organised(request, pk)
    run = get_object_or_404(ScheduleRun, pk=run_pk, event=event)
    return render(
        request,
        "events/_run.html",
        {"event": event, "item": _run_view(run, selectors.meeting_names(event))},
    )


@login_required
@require_POST
def run_publish(request, pk: int, run_pk: int):
    event = _organised(request, pk)
    run = get_object_or_404(ScheduleRun, pk=run_pk, event=event)
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        if request.POST.get("action") == "rollback":
            services.roll_back(
                actor=request.user, run=run, expected_version=form.cleaned_data["version"]
            )
            affected = None
        else:
            affected = services.publish_run(
                actor=request.user, run=run, expected_version=form.cleaned_data["version"]
            )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if affected is None:
            messages.success(request, _("The earlier schedule is restored and published."))
        else:
            messages.success(
                request,
                ngettext(
                    "Published: %(count)d participant's agenda changed and they were told.",
                    "Published: %(count)d participants' agendas changed and they were told.",
                    len(affected),
                )
                % {"count": len(affected)},
            )
    return redirect("events:schedule", pk=pk)


@login_required
@require_POST
def meeting_move(request, pk: int, meeting_pk: int):
    event = _organised(request, pk)
    meeting = get_object_or_404(
        Meeting.objects.select_related("first__person", "second__person"),
        pk=meeting_pk,
        event=event,
    )
    form = MoveForm(request.POST, event=event)
    if not form.is_valid():
        messages.error(request, _("Choose a slot and a table of this event."))
        return redirect("events:schedule", pk=pk)
    try:
        if request.POST.get("action") in {"lock", "unlock"}:
            services.set_locked(
                actor=request.user,
                meeting=meeting,
                locked=request.POST["action"] == "lock",
                expected_version=form.cleaned_data["version"],
            )
        else:
            services.place_meeting(
                actor=request.user,
                meeting=meeting,
                slot=form.cleaned_data["slot"],
                table=form.cleaned_data["table"],
                expected_version=form.cleaned_data["version"],
            )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("events:schedule", pk=pk)


@login_required
def table_plan(request, pk: int):
    event = _organised(request, pk)
    return render(
        request, "events/table_plan.html", {"event": event, "plan": selectors.table_plan(event)}
    )


@login_required
@require_POST
def meeting_check_in(request, pk: int, meeting_pk: int):
    event = _organised(request, pk)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, event=event)
    try:
        services.check_in(
            actor=request.user, meeting=meeting, attendance=request.POST.get("attendance", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("events:table_plan", pk=pk)


@login_required
def analytics(request, pk: int):
    event = _organised(request, pk)
    data = selectors.analytics(event)
    labels = {
        "requested": _("requested"),
        "accepted": _("accepted"),
        "declined": _("declined"),
        "expired": _("expired"),
        "scheduled": _("scheduled"),
        "held": _("held"),
        "no_show": _("no-show"),
    }
    rows = [
        {
            "label": labels[key],
            "total": data.total[key],
            "visiting": data.by_side["visiting"][key],
            "host": data.by_side["host"][key],
        }
        for key in selectors.ANALYTICS_KEYS
    ]
    return render(request, "events/analytics.html", {"event": event, "rows": rows})


@login_required
def meetings_csv(request, pk: int):
    event = _organised(request, pk)
    response = HttpResponse(exports.meetings_csv(event), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meetings-{event.pk}.csv"'
    return response
