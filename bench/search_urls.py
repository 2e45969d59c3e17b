"""The portal's URLs plus /bench-hello: the same Django stack with the simplest view,
the requests-per-second baseline of bench/search.py."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("bench-hello", hello), path("", include("techhire.urls"))]
