"""Benchmark: the job search and the training catalog at 2,000 and 20,000 open jobs.

    .venv/bin/python bench/search.py [--sizes 2000 20000] [--runs 40] [--seconds 5]

For each size it seeds that many open jobs (and a tenth as many published programs) on
PostgreSQL with set-based inserts, then prints, for `python`, `developer`,
`analista de datos`, no query, and a query with a skill filter:
- the server time in-process (Django's test client, the whole stack: middleware, views,
  templates), median and p95 over `--runs` requests after a warm-up, and the query count:
  the same search repeated (its results block comes from the cache, as a popular search's
  does) and first-time searches (each new to the results cache, so searched, counted and
  rendered; cards and facets stay cached);
- requests per second under gunicorn (2 sync workers, production settings) from 2 client
  processes for `--seconds` each, beside `/healthz` and a hello-world view in the same run.

Targets (issue 12): ≤ 20 ms median at 20,000 jobs, growth 2k → 20k ≤ 1.5×, search ≥ 25% of
/healthz's requests per second, /healthz ≥ 50% of hello-world's.

It works in a database and a Redis database of its own, which it fills and empties:
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/techhire_bench_search,
created and migrated if missing) and BENCH_REDIS_URL (default redis://127.0.0.1:6379/4,
flushed). The ambient DATABASE_URL and REDIS_URL are ignored on purpose. gunicorn listens on
BENCH_PORT (default: any free port).
Exit status: 0 when every target is met, 1 otherwise (the table is printed either way).
"""

import argparse
import http.client
import multiprocessing
import os
import platform
import re
import socket
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from _common import ensure_database, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "bench-search-"
TITLES = [
    "Junior Python Developer",
    "Data Analyst (Excel and SQL)",
    "IT Support Technician",
    "Software Developer",
    "Network Administrator",
    "Web Developer (JavaScript)",
    "Help Desk Specialist",
    "QA Tester",
    "Cybersecurity Analyst",
    "Database Administrator",
    "Customer Service Representative (Bilingual)",
    "Full Stack Developer",
    "Electronics Technician",
    "Junior Data Analyst",
    "Cloud Support Engineer",
]
DESCRIPTION = (
    "Join a growing El Paso team. You will work with people across the border region, "
    "learn on the job with a mentor, and grow into a senior role. We hire on skills: show "
    "us what you can do. Benefits include health insurance, paid time off and training. "
)
CASES = [
    ("python", {"q": "python"}),
    ("developer", {"q": "developer"}),
    ("analista de datos", {"q": "analista de datos"}),
    ("no query", {}),
    ("developer + skill", {"q": "developer", "skill": "SKILL"}),
]


# ---------------------------------------------------------------------------
# Environment: a database and a Redis database of the benchmark's own
# ---------------------------------------------------------------------------
def configure(database_url: str, redis_url: str) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "techhire.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": f"bench-only-{uuid.uuid4().hex}",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DJANGO_READ_DOT_ENV": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "true",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    return env


# ---------------------------------------------------------------------------
# Seeding, set-based
# ---------------------------------------------------------------------------
def empty() -> None:
    from apps.accounts.models import Organization
    from apps.employers.models import Job
    from apps.trainings.models import Program

    Job.objects.filter(slug__startswith=PREFIX).delete()
    Program.objects.filter(slug__startswith=PREFIX).delete()
    Organization.objects.filter(slug__startswith=PREFIX).delete()


def seed(jobs: int, programs: int) -> float:
    from django.db import connection, transaction
    from django.utils import timezone

    from apps.accounts.models import Organization
    from apps.core.search import folded_words, refresh_vector, skill_words
    from apps.employers.models import Job
    from apps.employers.services.jobs import SEARCH_WEIGHTS as JOB_WEIGHTS
    from apps.skills.models import Occupation, Skill
    from apps.trainings.models import Cohort, Program
    from apps.trainings.services import SEARCH_WEIGHTS as PROGRAM_WEIGHTS

    started = time.perf_counter()
    skills = list(Skill.objects.order_by("pk"))
    occupations = list(Occupation.objects.order_by("pk"))
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        employers = Organization.objects.bulk_create(
            Organization(
                name=f"Bench Employer {i}",
                slug=f"{PREFIX}employer-{i}",
                kind=Organization.Kind.EMPLOYER,
                status=Organization.Status.APPROVED,
            )
            for i in range(max(jobs // 6, 1))
        )
        rows = []
        picks = []
        for i in range(jobs):
            chosen = [skills[(i * 7 + k * 13) % len(skills)] for k in range(4)]
            occupation = occupations[i % len(occupations)]
            picks.append(chosen)
            rows.append(
                Job(
                    employer=employers[i % len(employers)],
                    title=TITLES[i % len(TITLES)],
                    slug=f"{PREFIX}job-{i}",
                    occupation=occupation,
                    description=DESCRIPTION + f"Position {i}.",
                    pay_min=15 + i % 20,
                    pay_max=25 + i % 20,
                    pay_unit="hour",
                    work_setting=("onsite", "hybrid", "remote")[i % 3],
                    schedule=("day", "evening", "flexible")[i % 3],
                    employment_type="full_time",
                    degree_required=i % 5 == 0,
                    closes_on=today + timedelta(days=30 + i % 60),
                    status="published",
                    published_at=now - timedelta(minutes=i),
                    skills_text=folded_words(
                        occupation.title_en, occupation.title_es, *skill_words(chosen)
                    ),
                )
            )
        created = Job.objects.bulk_create(rows, batch_size=2000)
        through = Job.required_skills.through
        through.objects.bulk_create(
            (
                through(job_id=job.pk, skill_id=skill.pk)
                for job, chosen in zip(created, picks, strict=True)
                for skill in chosen[:3]
            ),
            batch_size=5000,
        )
        preferred = Job.preferred_skills.through
        preferred.objects.bulk_create(
            (
                preferred(job_id=job.pk, skill_id=chosen[3].pk)
                for job, chosen in zip(created, picks, strict=True)
            ),
            batch_size=5000,
        )
        refresh_vector(Job.objects.filter(slug__startswith=PREFIX), weighted=JOB_WEIGHTS)

        providers = Organization.objects.bulk_create(
            Organization(
                name=f"Bench Provider {i}",
                slug=f"{PREFIX}provider-{i}",
                kind=Organization.Kind.PROVIDER,
                status=Organization.Status.APPROVED,
            )
            for i in range(max(programs // 10, 1))
        )
        program_rows, program_picks = [], []
        for i in range(programs):
            chosen = [skills[(i * 5 + k * 11) % len(skills)] for k in range(3)]
            occupation = occupations[i % len(occupations)]
            program_picks.append((chosen, occupation))
            title = TITLES[i % len(TITLES)].split(" (")[0]
            program_rows.append(
                Program(
                    provider=providers[i % len(providers)],
                    title=f"{title} Bootcamp",
                    slug=f"{PREFIX}program-{i}",
                    summary="Evening classes with a mentor, one project a week.",
                    description=DESCRIPTION,
                    total_cost=(0, 1500, 3000)[i % 3],
                    wioa_eligible=i % 2 == 0,
                    format=("onsite", "hybrid", "remote")[i % 3],
                    schedule=("evening", "day", "weekend")[i % 3],
                    length_weeks=12,
                    hours_per_week=8,
                    language=("en", "es", "bilingual")[i % 3],
                    status="published",
                    published_at=now - timedelta(minutes=i),
                    skills_text=folded_words(
                        occupation.title_en, occupation.title_es, *skill_words(chosen)
                    ),
                )
            )
        made = Program.objects.bulk_create(program_rows, batch_size=2000)
        Program.skills.through.objects.bulk_create(
            Program.skills.through(program_id=p.pk, skill_id=s.pk)
            for p, (chosen, _) in zip(made, program_picks, strict=True)
            for s in chosen
        )
        Program.occupations.through.objects.bulk_create(
            Program.occupations.through(program_id=p.pk, occupation_id=o.pk)
            for p, (_, o) in zip(made, program_picks, strict=True)
        )
        Cohort.objects.bulk_create(
            Cohort(
                program=p,
                start_date=today + timedelta(days=20 + i % 90),
                end_date=today + timedelta(days=110 + i % 90),
                enrollment_deadline=today + timedelta(days=10 + i % 90),
                seats=20,
                location="El Paso",
            )
            for i, p in enumerate(made)
        )
        refresh_vector(Program.objects.filter(slug__startswith=PREFIX), weighted=PROGRAM_WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------
def case_params(params: dict) -> dict:
    from apps.skills.models import Skill

    if params.get("skill") == "SKILL":
        return {**params, "skill": Skill.objects.get(slug="python").pk}
    return params


def in_process(path: str, params: dict, runs: int) -> dict:
    """The same search `runs` times (its results block cached after the first: what a
    popular search costs), then `runs` first-time searches (a parameter the page ignores
    makes each one new to the results cache; cards and facets stay cached: what the first
    person asking a question waits)."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for _ in range(3):  # warm-up (templates, the facet cache, the cards)
        assert client.get(path, params).status_code == 200
    measured = {}
    for kind in ("first", "repeated"):
        queries = []

        def count(execute, sql, params_, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params_, many, context)

        def ask(n, kind=kind):
            extra = {"first-time": f"{kind}-{uuid.uuid4().hex}"} if kind == "first" else {}
            return client.get(path, {**params, **extra})

        with connection.execute_wrapper(count):
            response = ask(0)
        assert response.status_code == 200
        times = []
        for n in range(runs):
            start = time.perf_counter()
            ask(n + 1)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        measured[kind] = {
            "median": statistics.median(times),
            "p95": times[max(int(len(times) * 0.95) - 1, 0)],
            "queries": len(queries),
        }
    return {
        **measured["repeated"],
        "first": measured["first"],
        "count": re.search(r'id="results-count">\s*([^<]*?)\s*<', response.text).group(1),
    }


def collected_static_is_current() -> bool:
    """Whether var/staticfiles has a manifest newer than every static source file. A manifest
    from before a file was added lacks its entry, and a page that links it answers 500."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    return all(
        storage.get_modified_time(path).timestamp() <= collected
        for finder in get_finders()
        for path, storage in finder.list([])
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hammer(port: int, target: str, seconds: float, out) -> None:
    """One client: sequential requests to 127.0.0.1 until `seconds` pass (bounded)."""
    done = errors = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and done < 100_000:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", target, headers={"Host": "localhost"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except OSError:
            errors += 1
        finally:
            conn.close()
        done += 1
    out.put((done, errors))


def rps(port: int, target: str, seconds: float, clients: int = 2) -> tuple[float, int]:
    out = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(target=hammer, args=(port, target, seconds, out))
        for _ in range(clients)
    ]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    return sum(r[0] for r in results) / elapsed, sum(r[1] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()

    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/techhire_bench_search"
    )
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
    env = configure(database_url, redis_url)
    ensure_database(database_url)

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    if not collected_static_is_current():
        call_command("collectstatic", interactive=False, verbosity=0)

    jobs_path, catalog_path = reverse("employers:search"), reverse("trainings:catalog")
    report = {}
    for size in args.sizes:
        empty()
        seconds = seed(size, size // 10)
        cache.clear()
        print(f"\n{size:,} open jobs, {size // 10:,} programs (seeded in {seconds:.1f} s)")
        rows = {}
        for name, params in CASES:
            for label, path in (("jobs", jobs_path), ("catalog", catalog_path)):
                measured = in_process(path, case_params(params), args.runs)
                rows[(label, name)] = measured
                first = measured["first"]
                print(
                    f"  {label:<8}{name:<20}{measured['median']:7.1f} ms median"
                    f"{measured['p95']:7.1f} ms p95{measured['queries']:4d} queries"
                    f"  · first time{first['median']:7.1f} ms median{first['p95']:7.1f} ms p95"
                    f"{first['queries']:4d} queries  {measured['count']}"
                )
        port = int(os.environ.get("BENCH_PORT") or free_port())
        # bench/search_settings.py: the portal plus /bench-hello.
        bench_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.search_settings"}
        server = start_gunicorn(bench_env, port, ready_path="/bench-hello")
        try:
            loads = {"hello": rps(port, "/bench-hello", args.seconds)}
            loads["healthz"] = rps(port, "/healthz", args.seconds)
            for name, params in CASES:
                query = urlencode(case_params(params))
                loads[("jobs", name)] = rps(
                    port, f"{jobs_path}?{query}" if query else jobs_path, args.seconds
                )
            loads[("catalog", "no query")] = rps(port, catalog_path, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
        for key, (rate, errors) in loads.items():
            label = key if isinstance(key, str) else " ".join(key)
            print(f"  {label:<30}{rate:8.1f} req/s  ({errors} errors)")
        report[size] = (rows, loads)
    empty()
    return print_targets(report, args)


def print_targets(report: dict, args) -> int:
    sizes = sorted(report)
    small, large = sizes[0], sizes[-1]
    ok = True
    print(f"\n{platform.node()} · {os.cpu_count()} cores · {time.strftime('%Y-%m-%d %H:%M')}")
    header = (
        f"| case | {small:,} median / p95 ms | {large:,} median / p95 ms | growth | queries "
        f"| first time at {small:,} / {large:,}: median ms, queries "
        f"| req/s at {large:,} | share of /healthz |"
    )
    print(header)
    print("|" + "---|" * 8)
    rows_l, loads_l = report[large]
    rows_s, _ = report[small]
    healthz = loads_l["healthz"][0]
    for label in ("jobs", "catalog"):
        for name, _ in CASES:
            a, b = rows_s[(label, name)], rows_l[(label, name)]
            growth = b["median"] / a["median"]
            rate = loads_l.get((label, name), (None, 0))[0]
            share = f"{100 * rate / healthz:.0f}%" if rate else "–"
            misses = []
            if label == "jobs":
                if b["median"] > 20:
                    misses.append("> 20 ms")
                if growth > 1.5:
                    misses.append("growth > 1.5×")
                if rate and rate < 0.25 * healthz:
                    misses.append("< 25% of /healthz")
            ok = ok and not misses
            print(
                f"| {label} `{name}` | {a['median']:.1f} / {a['p95']:.1f} "
                f"| {b['median']:.1f} / {b['p95']:.1f} | {growth:.2f}× "
                f"| {a['queries']} → {b['queries']} "
                f"| {a['first']['median']:.1f} / {b['first']['median']:.1f}, "
                f"{a['first']['queries']} → {b['first']['queries']} "
                f"| {f'{rate:.0f}' if rate else '–'} "
                f"| {share}{' · MISS ' + ', '.join(misses) if misses else ''} |"
            )
    hello = loads_l["hello"][0]
    health_share = healthz / hello
    ok = ok and health_share >= 0.5
    print(
        f"\n/healthz {healthz:.0f} req/s, hello-world {hello:.0f} req/s: "
        f"{100 * health_share:.0f}% (target ≥ 50%)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
