"""Django's staticfiles app, leaving the front-end sources out of what it collects and serves.

static/scss/ holds the USWDS theme and the script that compiles it (`npm run build`); only the
result, static/dist/, is a static file.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig


class StaticFilesConfig(DjangoStaticFilesConfig):
    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, "scss"]
