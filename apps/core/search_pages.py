"""The response of a public search page (the job search, the training catalog): the whole
page, or — for htmx — only its results block, with a clean, shareable address pushed to
the browser. The page layout is templates/includes/search_page.html."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django_htmx.http import push_url


def search_response(
    request, template: str, *, form, form_key: str, results: str, clean_query: str
) -> HttpResponse:
    """`results`: the results block's HTML; `form` (may be lazy) and `form_key` (what the
    filters' cached HTML is keyed by) for the page; `clean_query`: the filters in use."""
    if request.htmx and not request.htmx.boosted:
        address = f"{request.path}?{clean_query}" if clean_query else request.path
        return push_url(HttpResponse(results), address)
    context = {"form": form, "form_key": form_key, "results": results}
    return TemplateResponse(request, template, context)
