"""The public catalog, program pages, and a seeker applying to a cohort."""

import operator
from dataclasses import dataclass
from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from apps.accounts.models import Role
from apps.accounts.permissions import role_required
from apps.core.fragments import (
    cached_block,
    cached_fragments,
    form_key,
    fragment_key,
    render_each,
)
from apps.core.jsonld import script_json
from apps.core.search_pages import search_response
from apps.skills.vocabulary import WorkSetting

from .. import jsonld, selectors, services
from ..forms import MAX_NOTE, ApplyForm
from ..models import FORMAT_CHOICES, SCHEDULE_CHOICES, Cohort, Enrollment, Program, TeachingLanguage

PAGE_SIZE = 20
SORTS = [
    ("relevance", gettext_lazy("Most relevant")),
    ("soonest", gettext_lazy("Starting soonest")),
    ("cost", gettext_lazy("Lowest cost")),
    ("newest", gettext_lazy("Newest")),
]
WITHIN = [
    ("", gettext_lazy("Any time")),
    ("4", gettext_lazy("Within 4 weeks")),
    ("8", gettext_lazy("Within 8 weeks")),
    ("12", gettext_lazy("Within 3 months")),
]


def _any(label):
    return [("", label)]


class CatalogForm(forms.Form):
    """GET filters. Anything unexpected is ignored rather than refused: URLs get shared."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    skill = forms.TypedChoiceField(label=gettext_lazy("Skill"), required=False, coerce=int)
    occupation = forms.TypedChoiceField(label=gettext_lazy("Job"), required=False, coerce=int)
    format = forms.ChoiceField(label=gettext_lazy("Format"), required=False)
    schedule = forms.ChoiceField(label=gettext_lazy("Schedule"), required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    provider = forms.CharField(label=gettext_lazy("Provider"), required=False, max_length=200)
    within = forms.ChoiceField(label=gettext_lazy("Starts"), required=False, choices=WITHIN)
    affordable = forms.BooleanField(
        label=gettext_lazy("Free or fundable (WIOA, scholarships)"), required=False
    )
    sort = forms.ChoiceField(label=gettext_lazy("Sort by"), required=False, choices=SORTS)

    # Links shared before formats became work settings (apps/skills/vocabulary.py).
    OLD_FORMATS = {"in_person": WorkSetting.ONSITE.value, "online": WorkSetting.REMOTE.value}

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("format") in self.OLD_FORMATS:
            data = data.copy()
            data["format"] = self.OLD_FORMATS[data["format"]]
        super().__init__(data, *args, **kwargs)
        choices = selectors.catalog_choices()
        language = translation.get_language() or "en"
        any_label = _("Any")
        for name in ("skill", "occupation"):
            labelled = choices[f"{name}_choices"].get(language, choices[f"{name}_choices"]["en"])
            # Read lazily (only to check a submitted value): the page shows the <option>s
            # rendered once, sorted in each language (selectors.catalog_choices).
            self.fields[name].choices = partial(operator.add, _any(any_label), labelled)
            rendered = choices[f"{name}_options"]
            self.fields[name].options_html = rendered.get(language, rendered["en"])
        self.fields["format"].choices = _any(any_label) + FORMAT_CHOICES
        self.fields["schedule"].choices = _any(any_label) + SCHEDULE_CHOICES
        self.fields["language"].choices = _any(any_label) + [
            c for c in TeachingLanguage.choices if c[0] != "bilingual"
        ]

    def filters(self) -> selectors.CatalogFilters:
        data = self.cleaned_data if self.is_valid() else {}
        # Keep the valid fields of an otherwise invalid form.
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        within = data.get("within") or ""
        return selectors.CatalogFilters(
            q=(data.get("q") or "").strip(),
            skill=data.get("skill") or None,
            occupation=data.get("occupation") or None,
            format=data.get("format") or "",
            schedule=data.get("schedule") or "",
            language=data.get("language") or "",
            provider=(data.get("provider") or "").strip(),
            affordable=bool(data.get("affordable")),
            starts_within_weeks=int(within) if within else None,
            sort=data.get("sort") or "relevance",
        )


@dataclass
class Card:
    """A program of a catalog page: its title and its card's HTML."""

    pk: int
    title: str
    html: str


def program_cards(ids: list[int]) -> list[Card]:
    """The cards of a catalog page in the order of `ids`, from the cache (core.fragments);
    only the programs whose cards are missing are loaded and rendered."""
    versions = selectors.card_versions(ids)
    keys = {pk: fragment_key("program-card", pk, *rest[1:]) for pk, rest in versions.items()}
    html = cached_fragments(
        keys,
        lambda missing: render_each(
            "trainings/_program_card.html", "program", selectors.programs_in_order(missing)
        ),
    )
    return [Card(pk, versions[pk][0], html[pk]) for pk in ids if pk in html]


@require_safe
def catalog(request):
    # Built only when something is not in the cache: the results or the filters' HTML.
    form = SimpleLazyObject(lambda: CatalogForm(request.GET or None))

    def filters():
        return form.filters() if request.GET else selectors.CatalogFilters()

    # The same for everyone asking the same: cached until a program, class or provider changes.
    results = cached_block(
        "catalog-results",
        selectors.catalog_version(),
        request.GET,
        lambda: _results(request, filters()),
    )
    # Share-friendly address: only the filters in use.
    clean = request.GET.copy()
    for key in [k for k, v in clean.items() if not v or (k, v) == ("sort", "relevance")]:
        clean.pop(key)
    return search_response(
        request,
        "trainings/catalog.html",
        form=form,
        # The filters' HTML is cached too (includes/search_page.html).
        form_key=form_key(selectors.facets_stamp(), request.GET),
        results=results,
        clean_query=clean.urlencode(),
    )


def _results(request, filters) -> str:
    hits = selectors.catalog(filters)
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = program_cards(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "trainings/_results.html",
        {
            "page": page,
            "more": hits.more,
            "cap": selectors.CATALOG_CAP,
            "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
            "query": query.urlencode(),
        },
    )


@require_safe
def provider_options(request):
    """The provider field's suggestions: <option>s for its <datalist> (htmx), or a short
    page listing them without JavaScript."""
    names = selectors.providers_named(request.GET.get("provider", "")[:200])
    return TemplateResponse(request, "includes/_name_options.html", {"names": names})


def _program_context(request, program, *, apply_form=None, apply_cohort=None):
    """`apply_form`, `apply_cohort`: a refused application, shown on its cohort's form."""
    mine = {}
    if request.user.is_authenticated and request.user.role == Role.SEEKER:
        mine = {
            e.cohort_id: e
            for e in Enrollment.objects.filter(seeker=request.user, cohort__program=program).only(
                "cohort_id", "status"
            )
        }
    for cohort in program.current_cohorts:
        cohort.seats_left = selectors.seats_left(cohort)
        cohort.my_enrollment = mine.get(cohort.pk)
        cohort.apply_note = apply_form["note"] if cohort.pk == apply_cohort else None
    return {
        "program": program,
        "jsonld": script_json(jsonld.course(program, request)),
        "outcomes": selectors.outcomes(program),
        "today": timezone.localdate(),
        "apply_form": apply_form,
        "max_note": MAX_NOTE,
    }


@require_safe
def program(request, slug):
    try:
        program = selectors.program_page(slug)
    except Program.DoesNotExist:
        raise Http404 from None
    return TemplateResponse(request, "trainings/program.html", _program_context(request, program))


@require_POST
@role_required(Role.SEEKER)
def apply(request, pk):
    cohort = get_object_or_404(
        Cohort.objects.select_related("program"), pk=pk, program__in=Program.objects.published()
    )
    form = ApplyForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.apply(seeker=request.user, cohort=cohort, note=form.cleaned_data["note"])
        except services.CohortFull as exc:
            form.add_error(None, exc.messages[0])
            status = 409
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
            status = 409 if exc.code == "duplicate" else 400
        else:
            messages.success(
                request,
                _("You applied to %(program)s. The provider will review your application.")
                % {"program": cohort.program.title},
            )
            return redirect("trainings:mine")
    program = selectors.program_page(cohort.program.slug)
    context = _program_context(request, program, apply_form=form, apply_cohort=cohort.pk)
    return TemplateResponse(request, "trainings/program.html", context, status=status)
