# The README's commands. `make run` needs nothing but Python 3.11+ and npm;
# `make test` needs PostgreSQL and Redis (it starts throwaway ones if it can).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The embedded default: SQLite under var/, tasks run in-process, email printed to the console.
EMBEDDED := DJANGO_DEBUG=true DATABASE_URL=sqlite:///$(CURDIR)/var/db.sqlite3 REDIS_URL= \
	EMAIL_URL=consolemail:// STAFF_MFA_REQUIRED=false SITE_URL=http://$(HOST):$(PORT)

# What `make test` runs with; DATABASE_URL and REDIS_URL may point elsewhere.
TESTENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=insecure-key-for-tests-only DJANGO_HTTPS=false \
	DJANGO_ALLOWED_HOSTS=localhost DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/techhire} \
	REDIS_URL=$${REDIS_URL-redis://127.0.0.1:6379/0}
# A production-like configuration for `check --deploy`.
DEPLOYENV := DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	DJANGO_ALLOWED_HOSTS=portal.example.org DJANGO_HTTPS=true

CATALOGS := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: help install run test volume bench bench-search bench-matching bench-goals lighthouse worker beat lint format messages clean

help:
	@echo "make run     - install, migrate, load demo data and serve http://$(HOST):$(PORT)"
	@echo "make test    - the whole suite on PostgreSQL and Redis"
	@echo "make volume  - add thousands of fictional seekers, jobs and hires to the make run database"
	@echo "make bench   - notification delivery through a real worker, no cap and capped (PostgreSQL, Redis)"
	@echo "make bench-matching - matching fan-out and pages at 100,000 seekers (PostgreSQL)"
	@echo "make bench-goals - goal dashboard, snapshot recompute and public feed at volume (PostgreSQL)"
	@echo "make bench-search - job search and catalog at 2,000 and 20,000 jobs (PostgreSQL, Redis)"
	@echo "make lighthouse - Lighthouse (mobile) on the main pages in both languages, production setup (PostgreSQL, Chromium)"
	@echo "make worker  - a Celery worker (needs REDIS_URL)"
	@echo "make beat    - the Celery beat scheduler (run exactly one)"
	@echo "make lint    - ruff"
	@echo "make messages - refresh the Spanish catalog from the sources (needs gettext)"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: install it, or run make PYTHON=python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end packages: install Node.js (Debian: apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The compiled front end (USWDS theme, its fonts and images, htmx, Chart.js): static/dist/.
static/dist/uswds.css: node_modules/.installed $(wildcard static/scss/*)
	npm run --silent build

locale/%.mo: locale/%.po $(VENV)/.installed
	DJANGO_DEBUG=true $(PY) manage.py compile_catalogs

install: $(VENV)/.installed node_modules/.installed static/dist/uswds.css $(CATALOGS)

run: install
	mkdir -p var
	$(EMBEDDED) $(PY) manage.py migrate --noinput
	$(EMBEDDED) $(PY) manage.py seed_demo
	$(EMBEDDED) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	@$(PY) .ci/services.py start
	@status=0; \
	$(TESTENV) $(PY) manage.py check --fail-level WARNING && \
	$(DEPLOYENV) $(PY) manage.py check --deploy --fail-level WARNING && \
	$(TESTENV) DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run && \
	$(VENV)/bin/lint-imports && \
	$(PY) -m pytest $(PYTEST_ARGS) || status=$$?; \
	$(PY) .ci/services.py stop; \
	exit $$status

# Thousands of fictional seekers, jobs, applications and hires in the embedded database.
volume: install
	mkdir -p var
	$(EMBEDDED) $(PY) manage.py migrate --noinput
	$(EMBEDDED) $(PY) manage.py seed_volume

bench: install
	$(PY) bench/notifications_delivery.py

bench-matching: install
	$(PY) bench/matching.py
bench-goals: install
	$(PY) bench/goals_dashboard.py
bench-search: install
	$(PY) bench/search.py
# Lighthouse itself lives in bench/lighthouse/ (its own package.json): only this installs it.
lighthouse: install
	$(PY) bench/lighthouse.py $(LIGHTHOUSE_ARGS)

worker: install
	$(PY) -m celery -A techhire worker --loglevel=INFO --concurrency=2

beat: install
	mkdir -p var
	$(PY) -m celery -A techhire beat --loglevel=INFO --schedule=var/celerybeat-schedule

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	DJANGO_DEBUG=true $(PY) manage.py makemessages --locale es --no-obsolete --add-location file \
		--ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'
	DJANGO_DEBUG=true $(PY) manage.py compile_catalogs

clean:
	rm -rf var/staticfiles static/dist .pytest_cache
