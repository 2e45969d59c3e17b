"""docker-compose.yml and the Dockerfile describe the real stack (DESIGN.md, "Two ways to run it").

There is no Docker engine in CI, so these read the files and hold them to the design: the
services exist, the database and Redis are waited for, one beat, and a non-root image.
"""

import re
import runpy
import shlex
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"

APP_SERVICES = ("web", "worker", "beat")


@pytest.fixture(scope="module")
def services() -> dict:
    assert COMPOSE_FILE.is_file(), f"{COMPOSE_FILE} is missing"
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    assert isinstance(compose, dict) and isinstance(compose.get("services"), dict), (
        "docker-compose.yml has no `services:` mapping"
    )
    return compose["services"]


def command_words(service: dict) -> list[str]:
    """A service's command as words, whether written as a string or a list."""
    command = service.get("command") or []
    words = shlex.split(command) if isinstance(command, str) else [str(w) for w in command]
    # `sh -c "a && b"`: look inside the script too.
    return [part for word in words for part in shlex.split(word)]


def environment(service: dict) -> dict[str, str]:
    """A service's environment as a dict, whether written as a mapping or a KEY=value list."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def healthcheck_text(service: dict) -> str:
    test = (service.get("healthcheck") or {}).get("test") or []
    return test if isinstance(test, str) else " ".join(str(part) for part in test)


def runs_beat(service: dict) -> bool:
    words = command_words(service)
    return "celery" in words and ("beat" in words or "-B" in words or "--beat" in words)


def test_every_service_of_the_stack_is_defined(services):
    missing = {"db", "redis", "web", "worker", "beat", "mailpit"} - set(services)
    assert not missing, f"docker-compose.yml lacks the service(s): {', '.join(sorted(missing))}"


def test_db_is_postgres_with_a_pg_isready_healthcheck(services):
    db = services["db"]
    assert str(db.get("image", "")).startswith("postgres"), "db should run a postgres image"
    assert "pg_isready" in healthcheck_text(db), (
        "db needs a healthcheck running pg_isready, so web waits until PostgreSQL accepts "
        "connections"
    )


def test_redis_has_a_ping_healthcheck(services):
    assert "redis-cli" in healthcheck_text(services["redis"]), (
        "redis needs a healthcheck running `redis-cli ping`"
    )


def test_web_runs_gunicorn_on_the_wsgi_app(services):
    words = command_words(services["web"])
    assert "gunicorn" in words, f"web should run gunicorn; command is {words}"
    assert any(w.startswith("techhire.wsgi") for w in words), (
        f"web should serve techhire.wsgi:application; command is {words}"
    )


def test_gunicorn_runs_with_its_config_in_compose_and_the_image(services):
    """gunicorn.conf.py holds the bind address, workers and request limits; both the compose
    service and the image's CMD name it, and the image copies it."""
    assert "-c" in command_words(services["web"]), "web should run gunicorn -c gunicorn.conf.py"
    assert "gunicorn.conf.py" in command_words(services["web"])
    dockerfile = DOCKERFILE.read_text()
    assert re.search(r"^COPY .*gunicorn\.conf\.py", dockerfile, re.M), "copy gunicorn.conf.py"
    assert '"-c", "gunicorn.conf.py"' in dockerfile


def test_gunicorn_config_sets_the_request_limits():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["bind"] == "0.0.0.0:8000"
    assert config["workers"] == 3
    # gunicorn's defaults, written down where the limits are documented (docs/security.md).
    assert config["limit_request_line"] == 4094
    assert config["limit_request_fields"] == 100
    assert config["limit_request_field_size"] == 8190
    assert 0 < config["timeout"] <= 60


def test_web_healthcheck_asks_healthz(services):
    assert "/healthz" in healthcheck_text(services["web"]), (
        "web needs a healthcheck that requests /healthz"
    )


def test_worker_runs_a_celery_worker_for_techhire(services):
    words = command_words(services["worker"])
    command = " ".join(words)
    assert "celery" in words and "worker" in words, f"worker should run `celery worker`: {command}"
    assert "-A techhire" in command or "--app=techhire" in command, (
        f"worker should load the techhire Celery app (-A techhire): {command}"
    )


def test_beat_service_runs_celery_beat(services):
    words = command_words(services["beat"])
    assert "celery" in words and "beat" in words, (
        f"beat should run `celery beat`: {' '.join(words)}"
    )


def test_exactly_one_service_runs_beat(services):
    beats = sorted(name for name, service in services.items() if runs_beat(service))
    assert beats == ["beat"], (
        f"exactly one Celery beat may run, or every periodic task is sent twice; "
        f"services running beat: {beats}"
    )
    replicas = (services["beat"].get("deploy") or {}).get("replicas", 1)
    assert replicas == 1, f"beat must not be scaled; deploy.replicas is {replicas}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_use_the_compose_database_and_redis(services, name):
    env = environment(services[name])
    assert "DATABASE_URL" in env, f"{name} gets no DATABASE_URL"
    assert "REDIS_URL" in env, f"{name} gets no REDIS_URL"
    database, redis = urlparse(env["DATABASE_URL"]), urlparse(env["REDIS_URL"])
    assert database.scheme.startswith("postgres") and database.hostname == "db", (
        f"{name}'s DATABASE_URL should point at the db service, not {env['DATABASE_URL']!r}"
    )
    assert redis.scheme == "redis" and redis.hostname == "redis", (
        f"{name}'s REDIS_URL should point at the redis service, not {env['REDIS_URL']!r}"
    )


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_db_and_redis(services, name):
    depends_on = services[name].get("depends_on")
    assert isinstance(depends_on, dict), (
        f"{name}.depends_on should be a mapping with `condition: service_healthy`, "
        f"not {depends_on!r}"
    )
    for dependency in ("db", "redis"):
        condition = (depends_on.get(dependency) or {}).get("condition")
        assert condition == "service_healthy", (
            f"{name} should wait for {dependency} with condition service_healthy, not {condition!r}"
        )


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, comments dropped and continuation lines joined."""
    assert DOCKERFILE.is_file(), f"{DOCKERFILE} is missing"
    instructions, pending = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, arguments = (pending + stripped).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def test_dockerfile_collects_static_files_at_build_time():
    runs = [arguments for keyword, arguments in dockerfile_instructions() if keyword == "RUN"]
    assert any("collectstatic" in run for run in runs), (
        "the Dockerfile should RUN `manage.py collectstatic` so whitenoise serves hashed files"
    )


def test_dockerfile_final_stage_does_not_run_as_root():
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    users = [arguments for keyword, arguments in instructions[last_from:] if keyword == "USER"]
    assert users, "the Dockerfile's final stage needs a USER line: the portal must not run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), f"the image runs as {users[-1]!r}; use a non-root user"


def test_dockerfile_builds_the_front_end_and_ships_only_the_result():
    instructions = dockerfile_instructions()
    runs = [arguments for keyword, arguments in instructions if keyword == "RUN"]
    assert any("npm run" in run and "build" in run for run in runs), (
        "the Dockerfile should RUN `npm run build` to compile the USWDS theme into static/dist/"
    )
    copies = [arguments for keyword, arguments in instructions if keyword == "COPY"]
    assert any("static/dist" in copy and "--from" in copy for copy in copies)
    assert not any("node_modules" in copy and "--from" in copy for copy in copies), (
        "the image needs the compiled front end, not node_modules"
    )
