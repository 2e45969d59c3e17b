"""Benchmark: matching at volume — the set-based fan-out, a seeker's recommendations page,
an employer's talent matches.

    .venv/bin/python bench/matching.py [--seekers 100000] [--small 10000] [--jobs 20000]
                                        [--cohorts 2000] [--naive-sample 2000] [--runs 15]

Seeds, with set-based SQL (generate_series), `--small` seekers averaging 8 skills, `--jobs`
published jobs and `--cohorts` cohorts; measures the fan-out for one new job; grows the
seekers to `--seekers` and measures again (the query count must not grow), then times the
naive per-seeker Python loop on a sample of `--naive-sample` seekers and extrapolates it
to every seeker (said so in the table), then the pages' medians over `--runs` requests.

Targets: fan-out ≤ 5 s and ≤ 10 queries, the same count at both sizes; ≥ 20× faster than
the naive loop; recommendations page ≤ 150 ms median; talent matches ≤ 250 ms median.

It works in a database of its own:
BENCH_MATCHING_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/techhire_bench_matching,
created and migrated if missing), which it empties (TRUNCATE) of people, organizations, jobs
and programs. The ambient DATABASE_URL is ignored on purpose.
Exit status: 0 when every target is met, 1 otherwise.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

from _common import ensure_database

ROOT = Path(__file__).resolve().parent.parent
FAN_OUT_SECONDS, FAN_OUT_QUERIES, RATIO = 5.0, 10, 20.0
PAGE_MS, TALENT_MS = 150.0, 250.0
SKILL_POOL = 120  # the skills seekers and jobs draw from: 15 clusters of 8


def configure(database_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="techhire.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=f"bench-only-{uuid.uuid4().hex}",
        DJANGO_ALLOWED_HOSTS="localhost,testserver",
        DJANGO_HTTPS="false",
        DJANGO_READ_DOT_ENV="false",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------------------
# Seeding, set-based
# ---------------------------------------------------------------------------
def execute(sql: str, params=None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})


def reset() -> None:
    """Empty the benchmark's own database of people, organizations and everything theirs
    (TRUNCATE … CASCADE: the skills taxonomy stays)."""
    execute(
        "TRUNCATE accounts_user, accounts_organization, employers_job, trainings_program, "
        "notifications_notification CASCADE"
    )


def pools() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM skills_skill ORDER BY id LIMIT %s", [SKILL_POOL])
        skills = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM skills_occupation WHERE is_tech ORDER BY id")
        occupations = [row[0] for row in cursor.fetchall()]
    return {"skills": skills, "occupations": occupations}


def seed_seekers(start: int, end: int, pool: dict) -> None:
    """Seekers start+1…end: 4–12 skills each (8 on average), one target occupation."""
    params = {"start": start, "end": end, "skills": pool["skills"], "occ": pool["occupations"]}
    execute(
        """
        INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff,
            is_active, date_joined, email, role, preferred_language)
        SELECT '!', false, 'Seeker', i::text, false, true, now(),
               'seeker-' || i || '@bench.example', 'seeker',
               CASE WHEN i %% 2 = 0 THEN 'es' ELSE 'en' END
        FROM generate_series(%(start)s + 1, %(end)s) i
        """,
        params,
    )
    execute(
        """
        INSERT INTO seekers_seekerprofile (created_at, updated_at, headline, zip_code,
            education, discoverable, user_id, work_settings, availability)
        SELECT now(), now(), 'Seeker ' || split_part(split_part(u.email, '@', 1), '-', 2),
               '79901', '', (u.id %% 3 = 0), u.id, 1 + (u.id %% 7), (u.id %% 16)
        FROM accounts_user u
        WHERE u.email LIKE 'seeker-%%@bench.example'
          AND NOT EXISTS (SELECT 1 FROM seekers_seekerprofile p WHERE p.user_id = u.id)
        """,
        params,
    )
    execute(
        """
        INSERT INTO seekers_seekerskill (profile_id, skill_id, level, verified, verified_by,
            added_at)
        SELECT p.id,
               -- 15 clusters of 8 related skills: up to 8 from the seeker's own cluster,
               -- the rest from the next one
               (%(skills)s::bigint[])[1 + 8 * ((p.id + (k > 8)::int) %% 15)
                                        + ((p.id / 15 + k) %% 8)::int],
               1 + (k %% 4), (p.id + k) %% 5 = 0, '', now()
        FROM seekers_seekerprofile p
        CROSS JOIN LATERAL generate_series(1, 4 + (p.id %% 9)::int) k
        WHERE p.id NOT IN (SELECT DISTINCT profile_id FROM seekers_seekerskill)
        ON CONFLICT DO NOTHING
        """,
        params,
    )
    execute(
        """
        INSERT INTO seekers_seekerprofile_target_occupations (seekerprofile_id, occupation_id)
        SELECT p.id, (%(occ)s::bigint[])[1 + (p.id %% cardinality(%(occ)s::bigint[]))]
        FROM seekers_seekerprofile p
        WHERE p.id NOT IN (SELECT seekerprofile_id FROM seekers_seekerprofile_target_occupations)
        """,
        params,
    )
    execute("VACUUM ANALYZE")


def seed_jobs_and_cohorts(jobs: int, cohorts: int, employer_id: int, provider_id: int, pool):
    params = {
        "jobs": jobs,
        "programs": max(1, cohorts // 10),
        "cohorts": cohorts,
        "employer": employer_id,
        "provider": provider_id,
        "skills": pool["skills"],
        "occ": pool["occupations"],
    }
    execute(
        """
        INSERT INTO employers_job (created_at, updated_at, title, slug, description, pay_min,
            pay_max, pay_unit, work_setting, location, schedule, employment_type, openings,
            degree_required, closes_on, status, review_note, submitted_at, published_at,
            skills_text, employer_id, occupation_id, experience_months, street_address,
            postal_code)
        SELECT now(), now(), 'Bench job ' || i, 'bench-job-' || i, 'A benchmark job.', 18, 25,
               'hour', (ARRAY['onsite','hybrid','remote'])[1 + i %% 3], 'El Paso, TX',
               (ARRAY['day','evening','night','weekend','rotating','flexible'])[1 + i %% 6],
               'full_time', 1, false, current_date + 30, 'published', '', now(), now(), '',
               %(employer)s, (%(occ)s::bigint[])[1 + (i %% cardinality(%(occ)s::bigint[]))],
               0, '', ''
        FROM generate_series(1, %(jobs)s) i
        """,
        params,
    )
    execute(
        """
        INSERT INTO employers_job_required_skills (job_id, skill_id)
        SELECT j.id, (%(skills)s::bigint[])[1 + 8 * (j.id %% 15) + ((j.id / 15 + k * 3) %% 8)]
        FROM employers_job j CROSS JOIN LATERAL generate_series(1, 3 + (j.id %% 4)::int) k
        ON CONFLICT DO NOTHING
        """,
        params,
    )
    execute(
        """
        INSERT INTO employers_job_preferred_skills (job_id, skill_id)
        SELECT j.id, (%(skills)s::bigint[])[1 + 8 * ((j.id + 1) %% 15) + ((j.id + k) %% 8)]
        FROM employers_job j CROSS JOIN LATERAL generate_series(1, (j.id %% 3)::int) k
        ON CONFLICT DO NOTHING
        """,
        params,
    )
    execute(
        """
        INSERT INTO trainings_program (created_at, updated_at, title, slug, summary,
            description, credential, total_cost, cost_after_aid, wioa_eligible, scholarships,
            payment_plan, format, schedule, length_weeks, hours_per_week, language,
            prerequisites, status, published_at, skills_text, provider_id)
        SELECT now(), now(), 'Bench program ' || i, 'bench-program-' || i, 'A program.',
               'A benchmark program.', 'Certificate', 1000 + i, 0, true, false, false,
               (ARRAY['onsite','hybrid','remote'])[1 + i %% 3],
               (ARRAY['day','evening','weekend','self_paced'])[1 + i %% 4], 12, 8,
               'bilingual', '', 'published', now(), '', %(provider)s
        FROM generate_series(1, %(programs)s) i
        """,
        params,
    )
    execute(
        """
        INSERT INTO trainings_program_skills (program_id, skill_id)
        SELECT p.id, (%(skills)s::bigint[])[1 + ((p.id * 11 + k * 41)
                                             %% cardinality(%(skills)s::bigint[]))]
        FROM trainings_program p CROSS JOIN LATERAL generate_series(1, 3 + (p.id %% 3)::int) k
        ON CONFLICT DO NOTHING
        """,
        params,
    )
    execute(
        """
        INSERT INTO trainings_program_occupations (program_id, occupation_id)
        SELECT p.id, (%(occ)s::bigint[])[1 + (p.id %% cardinality(%(occ)s::bigint[]))]
        FROM trainings_program p
        """,
        params,
    )
    execute(
        """
        INSERT INTO trainings_cohort (created_at, updated_at, start_date, end_date,
            enrollment_deadline, seats, location, program_id)
        SELECT now(), now(), current_date + 14 + (i %% 90), current_date + 100 + (i %% 90),
               current_date + 7 + (i %% 90), 20, 'El Paso',
               (SELECT min(id) FROM trainings_program) + (i %% %(programs)s)
        FROM generate_series(1, %(cohorts)s) i
        """,
        params,
    )
    execute("VACUUM ANALYZE")


def organizations():
    from apps.accounts.models import Membership, Organization, Role, User

    employer = Organization.objects.create(
        name="Bench Employer", slug="bench-employer", kind="employer", status="approved"
    )
    provider = Organization.objects.create(
        name="Bench Provider", slug="bench-provider", kind="provider", status="approved"
    )
    owner = User.objects.create(email="owner@bench.example", role=Role.EMPLOYER)
    Membership.objects.create(user=owner, organization=employer, role="owner")
    return employer, provider, owner


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------
def fan_out(job) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.matching import services
    from apps.notifications.models import Notification

    Notification.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        created = services.fan_out_job(job_id=job.pk)
        seconds = time.perf_counter() - started
    return seconds, len(queries), created


def naive_loop(job, sample: int) -> tuple[float, int, int]:
    """The per-seeker Python loop: read each seeker's facts, score, notify() each match."""
    from django.db import transaction

    from apps.matching import scoring, selectors
    from apps.notifications.models import Notification
    from apps.notifications.services import notify
    from apps.seekers.models import SeekerProfile

    job_facts = selectors.job_facts_many([job])[job.pk]
    profiles = list(SeekerProfile.objects.select_related("user").order_by("pk")[:sample])
    matched = 0
    started = time.perf_counter()
    with transaction.atomic():
        for profile in profiles:
            match = scoring.score_job(selectors.seeker_facts(profile), job_facts)
            if match.score >= scoring.ALERT_THRESHOLD:
                matched += 1
                notify(
                    kind="job_match",
                    recipient=profile.user,
                    dedupe_key=f"naive:{job.pk}:{profile.user_id}",
                    context={"job_id": job.pk, "score": match.points},
                )
    seconds = time.perf_counter() - started
    Notification.objects.filter(dedupe_key__startswith="naive:").delete()
    return seconds, len(profiles), matched


def median_ms(client, url: str, runs: int) -> float:
    client.get(url)  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def busiest_seeker():
    """A seeker with many skills, so their page scores many jobs."""
    from django.db.models import Count

    from apps.seekers.models import SeekerProfile

    return (
        SeekerProfile.objects.annotate(n=Count("skills"))
        .order_by("-n", "pk")
        .select_related("user")
        .first()
    )


def seed_and_fan_out(args, services):
    """Seed, rebuild the index of open jobs, time the fan-out at both sizes and the naive
    loop. Returns (checks, table rows, the job, the employer's owner, seekers)."""
    from django.db import connection

    from apps.employers.models import Job

    print("Seeding…", flush=True)
    t0 = time.perf_counter()
    reset()
    pool = pools()
    employer, provider, owner = organizations()
    seed_jobs_and_cohorts(args.jobs, args.cohorts, employer.pk, provider.pk, pool)
    seed_seekers(0, args.small, pool)
    seeded_small = time.perf_counter() - t0
    # The jobs were written in bulk, without job_published: rebuild matching's index of
    # open jobs by skill as the nightly task does.
    t_index = time.perf_counter()
    index_rows = services.index_open_jobs()
    index_seconds = time.perf_counter() - t_index
    execute("VACUUM ANALYZE matching_openjobskill")
    job = Job.objects.order_by("pk").first()

    small = fan_out(job)
    t1 = time.perf_counter()
    seed_seekers(args.small, args.seekers, pool)
    seeded_large = time.perf_counter() - t1
    fan_out(job)  # a first run warms the caches, as the small size's run did
    large = fan_out(job)
    naive_seconds, naive_n, _ = naive_loop(job, args.naive_sample)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM seekers_seekerprofile")
        seekers = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM seekers_seekerskill")
        seeker_skills = cursor.fetchone()[0]
    naive_full = naive_seconds / naive_n * seekers
    ratio = naive_full / large[0]
    checks = {
        "fan-out seconds": large[0] <= FAN_OUT_SECONDS,
        "fan-out queries": large[1] <= FAN_OUT_QUERIES and large[1] == small[1],
        "ratio": ratio >= RATIO,
    }
    ok = lambda name: "PASS" if checks[name] else "MISS"  # noqa: E731
    rows = [
        ("seekers", f"{seekers:,} ({seeker_skills / seekers:.1f} skills each on average)"),
        ("published jobs / cohorts", f"{args.jobs:,} / {args.cohorts:,}"),
        ("seeding (s)", f"{seeded_small:.1f} to {args.small:,} seekers, +{seeded_large:.1f}"),
        (
            "index of open jobs, rebuilt",
            f"{index_seconds:.2f} s, {index_rows:,} rows (job × skill)",
        ),
        (
            f"fan-out at {args.small:,} seekers",
            f"{small[0]:.3f} s, {small[1]} queries, {small[2]:,} alerts",
        ),
        (
            f"fan-out at {seekers:,} seekers",
            f"{large[0]:.3f} s, {large[1]} queries, {large[2]:,} alerts "
            f"[≤ {FAN_OUT_SECONDS:g} s, ≤ {FAN_OUT_QUERIES} queries, same count: "
            f"{ok('fan-out seconds')}/{ok('fan-out queries')}]",
        ),
        (
            "naive per-seeker loop",
            f"{naive_seconds:.2f} s for a sample of {naive_n:,} seekers, extrapolated "
            f"to {naive_full:.1f} s for {seekers:,}",
        ),
        ("set-based vs naive", f"{ratio:.0f}× faster [≥ {RATIO:g}×: {ok('ratio')}]"),
    ]
    return checks, rows, job, owner, seekers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seekers", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=20_000)
    parser.add_argument("--cohorts", type=int, default=2_000)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="only time the pages, on the data a previous run left (no seeding, no fan-out)",
    )
    args = parser.parse_args()
    database_url = os.environ.get(
        "BENCH_MATCHING_DATABASE_URL",
        "postgres://postgres@127.0.0.1:5432/techhire_bench_matching",
    )
    configure(database_url)
    ensure_database(database_url)
    import django

    django.setup()
    from django.conf import settings

    # Pages render without `collectstatic` (no manifest needed to time the server).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from apps.employers.models import Job
    from apps.matching import services

    call_command("migrate", interactive=False, verbosity=0)
    if args.pages_only:
        from apps.accounts.models import User
        from apps.seekers.models import SeekerProfile

        job = Job.objects.order_by("pk").first()
        owner = User.objects.get(email="owner@bench.example")
        seekers = SeekerProfile.objects.count()
        checks, rows = {}, [("seekers", f"{seekers:,} (pages only, data of a previous run)")]
    else:
        checks, rows, job, owner, seekers = seed_and_fan_out(args, services)

    client = Client()
    seeker = busiest_seeker()
    client.force_login(seeker.user)
    page_ms = median_ms(client, reverse("matching:mine"), args.runs)
    dashboard_ms = median_ms(client, reverse("dashboard"), args.runs)
    search_ms = median_ms(client, reverse("employers:search") + "?sort=fit", args.runs)
    client.force_login(owner)
    talent_ms = median_ms(client, reverse("matching:talent", args=[job.pk]), args.runs)

    checks["recommendations"] = page_ms <= PAGE_MS
    checks["talent"] = talent_ms <= TALENT_MS
    ok = lambda name: "PASS" if checks[name] else "MISS"  # noqa: E731
    rows += [
        (
            "recommendations page (median)",
            f"{page_ms:.0f} ms over {Job.objects.published().count():,} jobs "
            f"[≤ {PAGE_MS:g} ms: {ok('recommendations')}]",
        ),
        ("seeker dashboard (median)", f"{dashboard_ms:.0f} ms"),
        ("job search, best match (median)", f"{search_ms:.0f} ms"),
        (
            "talent matches (median)",
            f"{talent_ms:.0f} ms over {seekers:,} seekers [≤ {TALENT_MS:g} ms: {ok('talent')}]",
        ),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-+-{'-' * 60}")
    for name, value in rows:
        print(f"{name.ljust(width)} | {value}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
