from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control


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


class PrivateResponseMiddleware:
    """Pages for a signed-in person stay out of every cache; every page says which browser
    features it never uses.

    - A response to a signed-in person is `Cache-Control: private, no-store`, so a shared
      computer's back button or disk cache doesn't show the previous person's pages after
      they sign out. A view that declares its answer the same for everyone
      (`cache_control(public=True)`, as the public progress feed does) keeps its caching and
      its ETag; anonymous pages are untouched.
    - `Permissions-Policy` (settings.PERMISSIONS_POLICY) switches off camera, microphone,
      geolocation, payment, USB and the like for the page and anything it embeds.

    Listed after WhiteNoise, so static files keep their own long-lived caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and "public" not in response.get("Cache-Control", ""):
            del response["Cache-Control"]
            del response["Expires"]
            patch_cache_control(response, private=True, no_store=True)
        if self.permissions_policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        return response


class RequestSizeLimitMiddleware:
    """Refuses a body larger than the portal takes with 413 and the portal's page, from the
    request's Content-Length alone, before anything reads the body.

    Uploads (multipart) may carry settings.UPLOAD_MAX_REQUEST_SIZE (the largest file a form
    takes plus DATA_UPLOAD_MAX_MEMORY_SIZE for the other fields); any other body,
    DATA_UPLOAD_MAX_MEMORY_SIZE. Listed last: the page speaks the person's language and gets
    every other middleware's headers (CSP included), and no middleware reads the body before
    it; the CSRF check reads `request.POST` in process_view, after every middleware's call.
    The bytes on the wire are the proxy's to stop (docs/security.md, "Upload limits"); this
    keeps Django from reading or storing them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # as Django reads it: no body
        if request.content_type.startswith("multipart/"):
            limit = settings.UPLOAD_MAX_REQUEST_SIZE
        else:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return render(request, "413.html", status=413)
        return self.get_response(request)
