"""The portal's URLs plus /bench-hello: the same Django stack with the simplest view,
the requests-per-second baseline of bench/search.py."""

from django.http import HttpResponse
from django.urls import path

from techhire.urls import urlpatterns as portal


def hello(request):
    return HttpResponse("hello")


# The portal's own list, not include(): its pages sit in i18n_patterns, which Django
# allows only in the root URLconf.
urlpatterns = [path("bench-hello", hello), *portal]
