"""Production settings plus a hello-world view (bench/search_urls.py), for bench/search.py."""

from techhire.settings import *  # noqa: F403

ROOT_URLCONF = "bench.search_urls"
