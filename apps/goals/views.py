"""The goal dashboard (staff), goal settings (staff), the public progress page and its feed."""

import csv
import json

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_http_methods, require_safe

from apps.audit.models import Action
from apps.audit.services import record
from apps.employers.models import HireStatus

from . import metrics, public, services, snapshots, tables
from .forms import FilterForm, GoalForm
from .models import Goal, GoalSnapshot
from .permissions import staff_only
from .selectors import (
    Filters,
    current_goal,
    current_goal_id,
    facts,
    latest_snapshot,
    load_inputs,
)
from .snapshots import latest_snapshot_cache_key

FEED_MAX_AGE = 300  # seconds partners' pages and proxies may reuse the feed
FEED_CACHE_SECONDS = 24 * 60 * 60  # a revision's payload never changes; keys name the revision
LATEST_SNAPSHOT_CACHE_SECONDS = 60


# ---------------------------------------------------------------------------
# Staff: the dashboard
# ---------------------------------------------------------------------------
def _numbers(request, goal: Goal):
    """(form, data, snapshot, status): the snapshot's numbers, or live ones when filtered.

    Unfiltered, the page reads the latest snapshot (computed now only if there is none yet).
    Filtered, it computes live from the matching hires only (a fixed number of queries)."""
    form = FilterForm(request.GET or None)
    filters, status = Filters(), 200
    if form.is_bound:
        if form.is_valid():
            filters = form.filters()
        else:
            status = 400
    if filters:
        today = timezone.localdate()
        return form, metrics.compute(facts(goal), load_inputs(goal, filters), today), None, status
    snapshot = latest_snapshot(goal) or snapshots.refresh_snapshot(goal=goal)
    return form, snapshot.data, snapshot, status


@require_safe
@staff_only
def dashboard(request, pk=None):
    goal = current_goal() if pk is None else get_object_or_404(Goal, pk=pk)
    if goal is None:
        return redirect("goals:goal_create")  # no goal yet: set one up
    form, data, snapshot, status = _numbers(request, goal)
    filtered = snapshot is None
    built = tables.build(data, filtered=filtered)
    charts = [t.chart_data for t in built if t.chart_data]
    day = snapshot.day if snapshot else timezone.localdate()
    head = public.headline(data, goal=goal, day=day, public=False)
    return TemplateResponse(
        request,
        "goals/dashboard.html",
        {
            "goal": goal,
            "goals": Goal.objects.all(),
            "form": form,
            "filtered": filtered,
            "snapshot": snapshot,
            "headline": head,
            "headline_rows": tables.headline_rows(data),
            "data": data,
            "tables": built,
            "charts": charts,
            "definitions": tables.DEFINITIONS,
            "status_labels": tables.STATUS_LABELS,
            "query": request.GET.urlencode(),
            "queue_url": reverse("employers:hire_queue") + f"?status={HireStatus.REPORTED}",
        },
        status=status,
    )


@require_safe
@staff_only
def export_csv(request, pk, table):
    goal = get_object_or_404(Goal, pk=pk)
    if table not in tables.TABLE_SLUGS:
        raise Http404
    form, data, snapshot, status = _numbers(request, goal)
    if status != 200:
        return HttpResponse(
            _("Check the filters: %(errors)s") % {"errors": form.errors.as_text()},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    found = tables.table_by_slug(data, table, filtered=snapshot is None)
    # The focus populations table is built from people's voluntary answers.
    record(
        action=(
            Action.DEMOGRAPHICS_EXPORTED if table == "populations" else Action.GOAL_TABLE_EXPORTED
        ),
        actor=request.user,
        target=goal,
        target_label=goal.name,
        details={
            "table": table,
            "filters": {
                k: request.GET[k][:100] for k in FilterForm.base_fields if request.GET.get(k)
            },
        },
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    day = snapshot.day if snapshot else timezone.localdate()
    response["Content-Disposition"] = (
        f'attachment; filename="goal-{goal.pk}-{table}-{day.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([str(c) for c in found.columns])
    for row in found.rows:
        writer.writerow(["" if cell is None else str(cell) for cell in row])
    return response


# ---------------------------------------------------------------------------
# Staff: goal settings
# ---------------------------------------------------------------------------
@require_http_methods(["GET", "HEAD", "POST"])
@staff_only
def goal_create(request):
    return _goal_form(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_only
def goal_edit(request, pk):
    return _goal_form(request, get_object_or_404(Goal, pk=pk))


def _goal_form(request, goal):
    form = GoalForm(request.POST if request.method == "POST" else None, instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.save_goal(data=form.cleaned_data, goal=goal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Goal saved. Its numbers are being computed."))
            return redirect("goals:dashboard_for", pk=goal.pk)
    return TemplateResponse(request, "goals/goal_form.html", {"form": form, "goal": goal})


# ---------------------------------------------------------------------------
# Public: progress page and JSON feed
# ---------------------------------------------------------------------------
def _latest_snapshot_key(request):
    """(goal id, day, revision, pk) of the current goal's latest snapshot, or None; shared by
    the ETag and the view. Kept in the cache for a minute (storing a snapshot forgets it), so
    most feed requests touch no table; clients may keep the answer five minutes anyway."""
    if not hasattr(request, "_goal_snapshot_key"):
        goal_id = current_goal_id()
        key = None
        if goal_id:
            cache_key = latest_snapshot_cache_key(goal_id)
            key = cache.get(cache_key)
            if key is None:
                key = (
                    GoalSnapshot.objects.filter(goal_id=goal_id)
                    .order_by("-day")
                    .values_list("goal_id", "day", "revision", "pk")
                    .first()
                )
                if key is not None:
                    cache.set(cache_key, key, LATEST_SNAPSHOT_CACHE_SECONDS)
        request._goal_snapshot_key = key
    return request._goal_snapshot_key


def _feed_etag(request):
    key = _latest_snapshot_key(request)
    if key is None:
        return "none"
    goal_id, day, revision, _pk = key
    return f"goal-{goal_id}-{day.isoformat()}-{revision}"


def _feed_body(request) -> bytes:
    """The feed's JSON, built once per snapshot revision (and host) and kept in the cache."""
    key = _latest_snapshot_key(request)
    if key is None:
        return json.dumps({"goal": None, "suppressed_below": public.SUPPRESS_BELOW}).encode()
    cache_key = f"goals:feed:{_feed_etag(request)}:{request.get_host()}"
    body = cache.get(cache_key)
    if body is None:
        snapshot = GoalSnapshot.objects.select_related("goal").filter(pk=key[3]).first()
        if snapshot is None:  # deleted since its key was cached (the goal was changed)
            return json.dumps({"goal": None, "suppressed_below": public.SUPPRESS_BELOW}).encode()
        payload = public.feed(snapshot, base_url=request.build_absolute_uri("/").rstrip("/"))
        body = json.dumps(payload, ensure_ascii=False).encode()
        cache.set(cache_key, body, FEED_CACHE_SECONDS)
    return body


@require_safe
def progress(request):
    key = _latest_snapshot_key(request)
    # (A snapshot deleted since its key was cached reads as none yet.)
    snapshot = (
        GoalSnapshot.objects.select_related("goal").filter(pk=key[3]).first() if key else None
    )
    context = {"snapshot": snapshot}
    if snapshot is not None:
        context.update(
            goal=snapshot.goal,
            headline=public.headline_of(snapshot, public=True),
            years=public.by_year(snapshot),
            suppress_below=public.SUPPRESS_BELOW,
            definitions=tables.DEFINITIONS,
        )
    return TemplateResponse(request, "goals/progress.html", context)


@require_safe
@cache_control(public=True, max_age=FEED_MAX_AGE)
@condition(etag_func=_feed_etag)
def feed(request):
    response = HttpResponse(_feed_body(request), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
