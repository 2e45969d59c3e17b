# The portal image: gunicorn web, Celery worker and Celery beat all run it (docker-compose.yml).

# --- The front end, as `make install` builds it: packages (USWDS, htmx, Chart.js, sass) from
# the npm registry, then `npm run build` compiles the USWDS theme into static/dist/.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
# No devDependencies: axe-core and vnu-jar are for the tests.
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error
COPY static/ static/
RUN npm run --silent build

# --- The application.
FROM python:3.11-slim

# PYTHONPATH: settings.py finds templates/, static/, locale/ and node_modules/ relative to
# itself (BASE_DIR), so the code must be imported from /app, never from the copy that
# `pip install .` puts in site-packages.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONPATH=/app

WORKDIR /app

RUN groupadd --system --gid 10001 techhire \
    && useradd --system --uid 10001 --gid techhire --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin techhire

# Python packages. pyproject.toml names README.md as the long description, so it comes too.
COPY pyproject.toml README.md ./
COPY techhire/ techhire/
COPY apps/ apps/
RUN pip install . && rm -rf build *.egg-info

# What the packages do not carry: the entry point, templates, own static files, translations,
# and the compiled front end (node_modules itself stays in the build stage).
COPY manage.py gunicorn.conf.py ./
COPY templates/ templates/
COPY static/ static/
COPY locale/ locale/
COPY --from=assets /build/static/dist/ static/dist/

# Compile the Spanish catalog (polib, no gettext needed) and collect static files into
# var/staticfiles for whitenoise. Production settings refuse to load without a secret key and
# allowed hosts, so this step alone gets throwaway values; nothing here is kept in the image.
RUN DJANGO_DEBUG=false \
    DJANGO_SECRET_KEY=build-only-not-a-secret \
    DJANGO_ALLOWED_HOSTS=localhost \
    sh -c "python manage.py compile_catalogs && python manage.py collectstatic --noinput" \
    && mkdir -p var/media \
    && chown -R techhire:techhire var/media

USER techhire

EXPOSE 8000

# Bind address, workers and request limits: gunicorn.conf.py.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "techhire.wsgi:application"]
