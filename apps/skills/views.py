"""The skill search behind the skill picker of employers' and providers' forms (htmx)."""

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .models import Skill

RESULTS = 15  # as many as the seeker's picker lists
FIELD_NAME = re.compile(r"[a-z][a-z_]{0,39}")


@require_safe
@login_required
def skill_options(request):
    """Skills matching `q` (English, Spanish or an alias), as checkboxes named `name`.

    The picker sends the skills already chosen under `name`: those show as chosen, without a
    second checkbox.
    """
    name = request.GET.get("name", "skills")
    if not FIELD_NAME.fullmatch(name):
        return HttpResponseBadRequest(_("Unknown skills field."))
    q = request.GET.get("q", "").strip()[:100]
    chosen = {value for value in request.GET.getlist(name) if value.isdigit()}
    results = list(Skill.objects.search(q).select_related("category")[:RESULTS]) if q else []
    for skill in results:
        skill.chosen = str(skill.pk) in chosen
    context = {"q": q, "name": name, "results": results}
    return TemplateResponse(request, "skills/_skill_options.html", context)
