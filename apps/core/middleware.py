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
