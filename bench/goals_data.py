"""Set-based volume for the goal-dashboard benchmark: INSERT … SELECT generate_series(…).

    generate(connection, batch="a", seekers=100_000, applications=1_000_000, hires=50_000)

adds, in a dozen statements and a few seconds, a batch of fictional employers, published
jobs, seekers (profiles, voluntary demographics), applications in every status, pledges
and hires in a mix of statuses (80% verified, 12% waiting, 8% rejected; 5% outside tech;
a few outside the window) spread over 2016–2021. Batches with different names add up
(the benchmark adds a tenth, measures, then the other nine tenths). PostgreSQL only.
"""

from __future__ import annotations

EMPLOYERS_PER_100K_SEEKERS = 500
JOBS_PER_100K_SEEKERS = 5_000
PLEDGES_PER_100K_SEEKERS = 1_000


def _scaled(per_100k: int, seekers: int) -> int:
    return max(1, per_100k * seekers // 100_000)


def generate(connection, *, batch: str, seekers: int, applications: int, hires: int) -> dict:
    """Insert one batch through a DB-API connection (Django's `connection` works). Returns
    the row counts it added."""
    from apps.skills.vocabulary import Schedule, WorkSetting

    employers = _scaled(EMPLOYERS_PER_100K_SEEKERS, seekers)
    jobs = _scaled(JOBS_PER_100K_SEEKERS, seekers)
    pledges = _scaled(PLEDGES_PER_100K_SEEKERS, seekers)
    if hires > seekers:
        raise ValueError("at most one hire per seeker")
    p = {
        "batch": batch,
        "employers": employers,
        "jobs": jobs,
        "seekers": seekers,
        "applications": applications,
        "hires": hires,
        "pledges": pledges,
        # Profiles as before the vocabulary's sets: any work setting, free on weekdays.
        "any_setting": WorkSetting.mask(WorkSetting),
        "weekdays": Schedule.DAY.bit,
    }
    with connection.cursor() as cursor:

        def run(sql: str, **extra) -> None:
            cursor.execute(sql, {**p, **extra})

        def first_id(table: str, column: str, like: str) -> int:
            sql = f"SELECT min(id) FROM {table} WHERE {column} LIKE %s"  # noqa: S608 - constants
            cursor.execute(sql, [like])
            return cursor.fetchone()[0]

        cursor.execute("SELECT array_agg(id ORDER BY id) FROM skills_occupation WHERE is_tech")
        tech = cursor.fetchone()[0]
        cursor.execute("SELECT min(id) FROM skills_occupation WHERE NOT is_tech")
        not_tech = cursor.fetchone()[0]
        p.update(tech=tech, n_tech=len(tech), not_tech=not_tech)

        run("""
            INSERT INTO accounts_organization (created_at, updated_at, name, slug, kind, status,
                website, description, city, rejection_reason, reviewed_at, logo_url)
            SELECT now(), now(), 'Bench Employer ' || %(batch)s || '-' || i,
                   'bench-employer-' || %(batch)s || '-' || i, 'employer', 'approved', '',
                   'A fictional employer.', 'El Paso', '', now(), ''
            FROM generate_series(1, %(employers)s) AS i""")
        p["employer0"] = first_id("accounts_organization", "slug", f"bench-employer-{batch}-%")

        run("""
            INSERT INTO employers_job (created_at, updated_at, title, slug, description, pay_min,
                pay_max, pay_unit, work_setting, location, schedule, employment_type, openings,
                degree_required, closes_on, status, review_note, published_at, skills_text,
                employer_id, occupation_id, experience_months, street_address, postal_code)
            SELECT now(), now(), 'Bench job ' || i, 'bench-job-' || %(batch)s || '-' || i,
                   'A fictional job.', 18, 26, 'hour', 'onsite', 'El Paso, TX', 'day',
                   'full_time', 1, false, current_date + 30, 'published', '', now(), '',
                   %(employer0)s + (i %% %(employers)s), (%(tech)s::bigint[])[1 + i %% %(n_tech)s],
                   0, '', ''
            FROM generate_series(0, %(jobs)s - 1) AS i""")
        p["job0"] = first_id("employers_job", "slug", f"bench-job-{batch}-%")

        run("""
            INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff,
                is_active, date_joined, email, role, preferred_language)
            SELECT '!', false, 'Bench', 'Seeker ' || i, false, true,
                   timestamptz '2016-06-01 12:00-06' + (i %% 1700) * interval '1 day',
                   'bench-' || %(batch)s || '-' || i || '@people.example', 'seeker',
                   CASE WHEN i %% 2 = 0 THEN 'es' ELSE 'en' END
            FROM generate_series(0, %(seekers)s - 1) AS i""")
        p["seeker0"] = first_id("accounts_user", "email", f"bench-{batch}-%")

        run("""
            INSERT INTO seekers_seekerprofile (created_at, updated_at, headline, zip_code,
                work_settings, availability, education, discoverable, user_id)
            SELECT now(), now(), CASE WHEN i %% 2 = 0 THEN 'Help desk technician' ELSE '' END,
                   '79905', %(any_setting)s, %(weekdays)s, '', i %% 3 = 0, %(seeker0)s + i
            FROM generate_series(0, %(seekers)s - 1) AS i""")

        # Six in ten answer the voluntary questions, each answer in a plausible mix.
        run("""
            INSERT INTO seekers_demographics (created_at, updated_at, veteran, birth_year,
                birth_year_withheld, long_term_unemployed, education, sex, hispanic_latino,
                race, user_id)
            SELECT now(), now(),
                   (ARRAY['yes','no','no','no','no','no','prefer_not',''])[1 + i %% 8],
                   CASE WHEN i %% 7 = 0 THEN NULL ELSE 1960 + i %% 42 END, false,
                   (ARRAY['yes','no','no','no',''])[1 + i %% 5],
                   (ARRAY['high_school','some_college','certificate','associate','bachelor',
                          'graduate','prefer_not',''])[1 + i %% 8],
                   (ARRAY['female','male','male','female','prefer_not',''])[1 + i %% 6],
                   (ARRAY['yes','yes','yes','yes','no','prefer_not'])[1 + i %% 6],
                   '[]'::jsonb, %(seeker0)s + i
            FROM generate_series(0, %(seekers)s - 1) AS i
            WHERE i %% 10 < 6""")

        # Application k: seeker k mod S, job chosen so no seeker applies twice to one job.
        run("""
            INSERT INTO employers_application (created_at, updated_at, status, note, resume,
                resume_name, rejection_reason, seeker_id, job_id)
            SELECT ts, ts, status, '', '', '',
                   CASE WHEN status = 'rejected' THEN 'other' ELSE '' END,
                   %(seeker0)s + k %% %(seekers)s,
                   %(job0)s + ((k %% %(seekers)s) * 31 + (k / %(seekers)s) * 977) %% %(jobs)s
            FROM (
                SELECT k, timestamptz '2016-09-01 12:00-06' + (k %% 1600) * interval '1 day' AS ts,
                       (ARRAY['submitted','reviewing','interview','offer','hired','rejected',
                              'rejected','withdrawn'])[1 + k %% 8] AS status
                FROM generate_series(0, %(applications)s - 1) AS k
            ) AS a""")

        run("""
            INSERT INTO employers_pledge (created_at, updated_at, hires, by_date, employer_id)
            SELECT timestamptz '2017-01-10 12:00-07' + (i %% 900) * interval '1 day', now(),
                   5 + i %% 40, date '2019-06-30' + (i %% 600), %(employer0)s + i %% %(employers)s
            FROM generate_series(0, %(pledges)s - 1) AS i""")
        cursor.execute(
            "SELECT min(id) FROM employers_pledge WHERE employer_id >= %s", [p["employer0"]]
        )
        p["pledge0"] = cursor.fetchone()[0]

        # Hire i: 7 in 10 are portal seekers (one each), the others hired outside the portal.
        run("""
            INSERT INTO employers_hire (created_at, updated_at, external_name, external_email,
                start_date, wage, wage_unit, status, decided_at, rejection_reason, employer_id,
                occupation_id, seeker_id, pledge_id)
            SELECT start_date - 2 + time '10:00', now(),
                   CASE WHEN portal THEN '' ELSE 'Bench Person ' || i END,
                   CASE WHEN portal THEN ''
                        ELSE 'bench-hire-' || %(batch)s || '-' || i || '@people.example' END,
                   start_date, 20, 'hour', status,
                   CASE WHEN status = 'reported' THEN NULL ELSE start_date + 10 + time '15:00' END,
                   CASE WHEN status = 'rejected' THEN 'Could not confirm.' ELSE '' END,
                   %(employer0)s + i %% %(employers)s,
                   CASE WHEN i %% 20 = 0 THEN %(not_tech)s
                        ELSE (%(tech)s::bigint[])[1 + i %% %(n_tech)s] END,
                   CASE WHEN portal THEN %(seeker0)s + i END,
                   CASE WHEN status = 'verified' AND i %% 4 = 0
                        THEN %(pledge0)s + i %% %(pledges)s END
            FROM (
                SELECT i, i %% 10 < 7 AS portal,
                       date '2016-11-20' + (i * 37) %% 1540 AS start_date,
                       CASE WHEN i %% 25 < 20 THEN 'verified' WHEN i %% 25 < 23 THEN 'reported'
                            ELSE 'rejected' END AS status
                FROM generate_series(0, %(hires)s - 1) AS i
            ) AS h""")
        cursor.execute("ANALYZE")
    return {
        "employers": employers,
        "jobs": jobs,
        "seekers": seekers,
        "applications": applications,
        "pledges": pledges,
        "hires": hires,
    }
