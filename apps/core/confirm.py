"""Actions that can't be undone ask first, on a page of their own (no JavaScript needed)."""

from django.template.response import TemplateResponse


def ask_first(request, template: str, context: dict, *, refused: str) -> TemplateResponse | None:
    """The page that asks "are you sure?", or None when this POST is the answer.

    The page's button posts `confirm=yes`. A GET shows the page (200); a POST without
    `confirm=yes` shows it again with `refused` as its `problem` (400) and changes nothing.
    """
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return None
    problem = refused if request.method == "POST" else ""
    return TemplateResponse(
        request, template, {**context, "problem": problem}, status=400 if problem else 200
    )
