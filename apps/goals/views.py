"""The goal dashboard (staff), goal settings (staff), the public progress page and its feed."""

import csv

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET, require_http_methods

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

FEED_MAX_AGE = 300  # seconds partners' pages and proxies may reuse the feed
FEED_CACHE_SECONDS = 24 * 60 * 60  # a revision's payload never changes; keys name the revision


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


def _goal(pk):
    if pk is None:
        goal = current_goal()
        if goal is None:
            raise Http404
        return goal
    return get_object_or_404(Goal, pk=pk)


@require_GET
@staff_only
def dashboard(request, pk=None):
    goal = _goal(pk)
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


@require_GET
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
@require_http_methods(["GET", "POST"])
@staff_only
def goal_create(request):
    return _goal_form(request, None)


@require_http_methods(["GET", "POST"])
@staff_only
def goal_edit(request, pk):
    return _goal_form(request, get_object_or_404(Goal, pk=pk))


def _goal_form(request, goal):
    form = GoalForm(request.POST or None, instance=goal)
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
def _public_snapshot(request):
    """The current goal's latest snapshot without its (large) data, with its goal loaded
    only when used: one small query per request (the ETag function and the view share it)."""
    if not hasattr(request, "_goal_snapshot"):
        goal_id = current_goal_id()
        request._goal_snapshot = (
            GoalSnapshot.objects.filter(goal_id=goal_id).defer("data").order_by("-day").first()
            if goal_id
            else None
        )
    return request._goal_snapshot


def _feed_etag(request):
    snapshot = _public_snapshot(request)
    if snapshot is None:
        return "none"
    return f"goal-{snapshot.goal_id}-{snapshot.day.isoformat()}-{snapshot.revision}"


def _feed_payload(request, snapshot) -> dict:
    """The feed's JSON, built once per snapshot revision and kept in the cache."""
    key = f"goals:feed:{_feed_etag(request)}:{request.get_host()}"
    payload = cache.get(key)
    if payload is None:
        payload = public.feed(snapshot, base_url=request.build_absolute_uri("/").rstrip("/"))
        cache.set(key, payload, FEED_CACHE_SECONDS)
    return payload


@require_GET
def progress(request):
    snapshot = _public_snapshot(request)
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


@require_GET
@cache_control(public=True, max_age=FEED_MAX_AGE)
@condition(etag_func=_feed_etag)
def feed(request):
    snapshot = _public_snapshot(request)
    if snapshot is None:
        payload = {"goal": None, "suppressed_below": public.SUPPRESS_BELOW}
    else:
        payload = _feed_payload(request, snapshot)
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
