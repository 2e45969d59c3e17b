from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import translation


class UserLanguageMiddleware:
    """A signed-in person sees the portal in the language saved on their account.

    Runs after LocaleMiddleware (cookie / Accept-Language) and AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


class FormErrorStatusMiddleware:
    """A POST that re-renders a form with errors answers 400, not 200.

    allauth's views (and any TemplateResponse view) re-render invalid forms with 200;
    this makes every such answer a 4xx in one place, as the portal promises for bad input.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method == "POST" and response.status_code == 200:
            context = response.context_data or {}
            form = context.get("form")
            if form is not None and getattr(form, "errors", None):
                response.status_code = 400
        return response


class MethodNotAllowedPageMiddleware:
    """A 405 shows the portal's own error page (templates/405.html), keeping its Allow header.

    Django's `require_POST` / `require_http_methods` answer with an empty
    HttpResponseNotAllowed, which browsers show as a blank error page. Listed after the CSP
    middleware, so the page gets the same Content-Security-Policy as every other page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response
