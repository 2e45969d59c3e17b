from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control


class LanguagePrefixMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for addresses that carry their language (/en/…, /es/…).

    An old address without a language (`/jobs/x/?q=1`) that would be a page with one is sent
    permanently to it, in the person's language: saved on their account (set by
    UserLanguageMiddleware for addresses without a prefix), else the language cookie, else
    the browser's Accept-Language; the query string is kept and the answer varies on Cookie
    and Accept-Language. A form posted to an old address is sent on with 308, so it stays a
    POST. Addresses that resolve without a prefix (feeds, /healthz) are left alone.
    """

    response_redirect_class = HttpResponsePermanentRedirect

    def process_response(self, request, response):
        was_missing = response.status_code == 404
        response = super().process_response(request, response)
        if was_missing and response.status_code == 301 and request.method not in SAFE_METHODS:
            response.status_code = 308
        return response


SAFE_METHODS = ("GET", "HEAD")


class UserLanguageMiddleware:
    """A signed-in person's saved language, where the address does not name one.

    Pages carry their language in the address, which wins; the root, old addresses without
    a prefix (before they are redirected) and the few addresses without a language follow
    the account. Runs after LanguagePrefixMiddleware and AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.preferred_language
            and not translation.get_language_from_path(request.path_info)
        ):
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
