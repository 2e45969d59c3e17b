"""Issue 12: the job search and the training catalog match across English and Spanish
through the taxonomy, without accents or case, by prefix; rank titles first; count facets
from a cache equal to a recount; and every plan at realistic size walks an index."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Organization
from apps.employers import selectors
from apps.employers.models import Job
from apps.employers.services.jobs import close_job, refresh_search_of
from apps.skills.models import Occupation, Skill
from apps.trainings.models import ProgramStatus
from tests.factories.employers import JobFactory
from tests.factories.trainings import CohortFactory, ProgramFactory
from tests.search_results import result_titles

pytestmark = pytest.mark.django_db

SEARCH = reverse("employers:search")
CATALOG = reverse("trainings:catalog")


def titles(response) -> list[str]:
    return result_titles(response)


@pytest.fixture
def english_jobs():
    """Postings written in English only, as seeded (and as most employers write them)."""
    return {
        "analyst": JobFactory(
            title="Data Analyst (Excel and SQL)",
            occupation=Occupation.objects.get(soc_code="15-2051"),  # Científicos de datos
            description="Turn spreadsheets into weekly reports.",
            required_skills=["sql"],
        ),
        "developer": JobFactory(
            title="Junior Python Developer",
            occupation=Occupation.objects.get(soc_code="15-1252"),
            description="Write and test small services.",
            required_skills=["python", "git"],
        ),
        "frontend": JobFactory(
            title="Front-end Engineer",
            occupation=Occupation.objects.get(soc_code="15-1254"),
            description="Build accessible pages.",
            required_skills=["javascript"],
        ),
        "support": JobFactory(
            title="Help Desk Technician",
            occupation=Occupation.objects.get(soc_code="15-1232"),
            description="Answer calls and fix laptops.",
            required_skills=["help-desk"],
        ),
    }


@pytest.mark.parametrize(
    "words,expected",
    [
        ("analista", ["Data Analyst (Excel and SQL)"]),
        ("desarrollador", ["Junior Python Developer", "Front-end Engineer"]),
        ("analista de datos", ["Data Analyst (Excel and SQL)"]),
        ("Analista de Datos", ["Data Analyst (Excel and SQL)"]),  # case
        ("técnico", ["Help Desk Technician"]),  # accents, a glossary word
        ("JS", ["Front-end Engineer"]),  # an alias of a linked skill
        ("javascript", ["Front-end Engineer"]),
        ("pyth", ["Junior Python Developer"]),  # prefix, for type-ahead
        ("mesa de ayuda", ["Help Desk Technician"]),  # a skill's Spanish label
        ("científicos de datos", ["Data Analyst (Excel and SQL)"]),  # the occupation, in Spanish
        ("cientificos", ["Data Analyst (Excel and SQL)"]),  # … without its accent
        ("!!!", []),  # no word at all
    ],
)
def test_spanish_words_find_english_postings(client, english_jobs, words, expected):
    assert titles(client.get(SEARCH, {"q": words})) == expected


@pytest.fixture
def spanish_jobs():
    return {
        "dev": JobFactory(
            title="Desarrollador de programación web",
            occupation=Occupation.objects.get(soc_code="15-1254"),
            description="Sitios web para comercios de la frontera.",
            required_skills=["javascript"],
        ),
        "analyst": JobFactory(
            title="Analista de datos bilingüe",
            occupation=Occupation.objects.get(soc_code="15-2051"),
            description="Reportes semanales.",
            required_skills=["sql"],
        ),
    }


@pytest.mark.parametrize(
    "words,expected",
    [
        ("developer", ["Desarrollador de programación web"]),
        ("programming", ["Desarrollador de programación web"]),
        ("programacion", ["Desarrollador de programación web"]),  # no accent typed
        ("programación", ["Desarrollador de programación web"]),
        ("data analyst", ["Analista de datos bilingüe"]),
        ("bilingue", ["Analista de datos bilingüe"]),
    ],
)
def test_english_words_find_spanish_postings(client, spanish_jobs, words, expected):
    assert titles(client.get(SEARCH, {"q": words})) == expected


def test_exact_title_first_then_title_words_then_skills_then_text(client):
    JobFactory(
        title="Network Technician", description="Some python scripts.", required_skills=["linux"]
    )
    JobFactory(title="Data Clerk", required_skills=["python"])
    JobFactory(title="Senior Python Developer", required_skills=["git"])
    JobFactory(title="Python", required_skills=["git"])
    assert titles(client.get(SEARCH, {"q": "python"})) == [
        "Python",
        "Senior Python Developer",
        "Data Clerk",
        "Network Technician",
    ]


def test_the_document_follows_the_postings_skills_and_the_taxonomy(client):
    job = JobFactory(title="Office Helper", required_skills=["git"])
    assert titles(client.get(SEARCH, {"q": "kubernetes"})) == []
    job.required_skills.set([Skill.objects.get(slug="kubernetes")])
    refresh_search_of(Job.objects.filter(pk=job.pk))  # what save_job does
    assert titles(client.get(SEARCH, {"q": "kubernetes"})) == ["Office Helper"]
    # Staff rename a skill (or add an alias): documents naming it follow, no job re-saved.
    skill = Skill.objects.get(slug="kubernetes")
    skill.aliases = [*skill.aliases, "orquestación"]
    skill.save()
    assert titles(client.get(SEARCH, {"q": "orquestacion"})) == ["Office Helper"]
    occupation = job.occupation
    occupation.title_es = "Ayudantes de oficina informática"
    occupation.save()
    assert titles(client.get(SEARCH, {"q": "ayudantes"})) == ["Office Helper"]


def test_the_employer_is_a_searchable_name(client, english_jobs):
    employer = english_jobs["support"].employer
    Organization.objects.filter(pk=employer.pk).update(name="Borderplex Helpdesk Co")
    assert titles(client.get(SEARCH, {"employer": "helpdesk"})) == ["Help Desk Technician"]
    # Older links carry the employer's id.
    assert titles(client.get(SEARCH, {"employer": employer.pk})) == ["Help Desk Technician"]
    options = client.get(reverse("employers:employer_options"), {"employer": "borderplex h"})
    assert '<option value="Borderplex Helpdesk Co">' in options.content.decode()
    html = client.get(SEARCH).content.decode()
    assert 'name="employer"' in html and "<select" not in html.split('name="employer"')[0][-300:]


def test_facet_counts_equal_a_recount_and_follow_closing(
    client, english_jobs, django_capture_on_commit_callbacks
):
    JobFactory(title="Draft", status="draft", required_skills=["kubernetes"])
    JobFactory(title="Also Python", required_skills=["python"], preferred_skills=["sql"])
    facets = selectors.search_choices()
    open_jobs = Job.objects.published()
    for skill in Skill.objects.all():
        recount = (
            open_jobs.filter(required_skills=skill).count()
            + open_jobs.filter(preferred_skills=skill).count()
        )
        assert facets["skill_counts"].get(skill.pk, 0) == recount, skill.slug
    offered = Skill.objects.filter(pk__in=facets["skill_counts"]).values_list("slug", flat=True)
    assert set(offered) == {"sql", "python", "git", "javascript", "help-desk"}
    for occupation in Occupation.objects.all():
        recount = open_jobs.filter(occupation=occupation).count()
        assert facets["occupation_counts"].get(occupation.pk, 0) == recount
    # Shown beside each choice.
    python = Skill.objects.get(slug="python")
    choices = dict(client.get(SEARCH).context["form"].fields["skill"].choices)
    assert choices[python.pk] == "Python (2)"
    # A closed job leaves the counts at once, through the job_closed event.
    with django_capture_on_commit_callbacks(execute=True):
        close_job(job=english_jobs["developer"])
    choices = dict(client.get(SEARCH).context["form"].fields["skill"].choices)
    assert choices[python.pk] == "Python (1)"
    assert Skill.objects.get(slug="git").pk not in choices


def test_counts_read_1000_plus_beyond_the_cap(client, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CAP", 3)
    for i in range(5):
        JobFactory(title=f"Python role {i}")
    response = client.get(SEARCH, {"q": "python"})
    assert len(titles(response)) == 3
    assert "3+ open jobs" in response.content.decode()


# ---------------------------------------------------------------------------
# The catalog: the same matching
# ---------------------------------------------------------------------------
@pytest.fixture
def english_programs():
    def program(title, skills, occupations=()):
        row = ProgramFactory(
            title=title,
            status=ProgramStatus.PUBLISHED,
            summary="Evening classes.",
            description="A mentor every week.",
            skills=Skill.objects.filter(slug__in=skills),
            occupations=list(occupations),
        )
        CohortFactory(program=row)
        return row

    return [
        program(
            "Data Analyst Certificate",
            ["sql"],
            [Occupation.objects.get(soc_code="15-2051")],
        ),
        program("JavaScript for Beginners", ["javascript"]),
        program("Python Programming", ["python"], [Occupation.objects.get(soc_code="15-1252")]),
    ]


@pytest.mark.parametrize(
    "words,expected",
    [
        ("analista de datos", ["Data Analyst Certificate"]),
        ("JS", ["JavaScript for Beginners"]),
        ("programación", ["Python Programming"]),
        ("programacion", ["Python Programming"]),
        ("desarrollador", ["Python Programming"]),
        ("pyth", ["Python Programming"]),
    ],
)
def test_the_catalog_matches_the_same_way(client, english_programs, words, expected):
    assert titles(client.get(CATALOG, {"q": words})) == expected


# ---------------------------------------------------------------------------
# Flat cost: query counts at two sizes, and plans that walk indexes
# ---------------------------------------------------------------------------
def bulk_open_jobs(count: int, *, tag: str) -> None:
    """`count` open, searchable jobs by as many employers as a tenth of them."""
    employers = Organization.objects.bulk_create(
        Organization(
            name=f"Employer {tag}-{i}",
            slug=f"employer-{tag}-{i}",
            kind=Organization.Kind.EMPLOYER,
            status=Organization.Status.APPROVED,
        )
        for i in range(max(count // 10, 1))
    )
    occupations = list(Occupation.objects.all())
    skills = list(Skill.objects.order_by("pk")[:40])
    words = ["Developer", "Data Analyst", "Technician", "Support Specialist", "Engineer"]
    today = timezone.localdate()
    now = timezone.now()
    jobs = Job.objects.bulk_create(
        Job(
            employer=employers[i % len(employers)],
            title=f"{skills[i % len(skills)].name_en} {words[i % len(words)]} {tag}{i}",
            slug=f"job-{tag}-{i}",
            occupation=occupations[i % len(occupations)],
            description="Work with a small team on the border. " * 5,
            pay_min=15 + i % 10,
            pay_max=25 + i % 10,
            pay_unit="hour",
            work_setting="onsite",
            schedule="day",
            employment_type="full_time",
            closes_on=today + timedelta(days=30),
            status="published",
            published_at=now - timedelta(minutes=i),
        )
        for i in range(count)
    )
    Job.required_skills.through.objects.bulk_create(
        Job.required_skills.through(job_id=job.pk, skill_id=skills[(i + k) % len(skills)].pk)
        for i, job in enumerate(jobs)
        for k in range(3)
    )
    refresh_search_of(Job.objects.filter(slug__startswith=f"job-{tag}-"))


SEARCHES = [
    {},
    {"q": "python"},
    {"q": "developer"},
    {"q": "analista de datos"},
    {"q": "pyth", "sort": "pay"},
    {"q": "developer", "skill": "SKILL"},
    {"employer": "employer a-1", "no_degree": "on"},
    {"work_setting": "onsite", "sort": "newest", "page": "3"},
]


def _params(params):
    if params.get("skill") == "SKILL":
        return {**params, "skill": Skill.objects.order_by("pk").first().pk}
    return params


def _queries(client, params) -> tuple[int, int]:
    cache.clear()
    counts = []
    for _ in range(2):  # facets computed, then cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SEARCH, _params(params)).status_code == 200
        counts.append(len(queries))
    return tuple(counts)


@pytest.mark.parametrize("params", SEARCHES)
def test_query_count_is_the_same_at_two_sizes(client, params):
    bulk_open_jobs(30, tag="a")
    small = _queries(client, params)
    bulk_open_jobs(600, tag="b")
    large = _queries(client, params)
    assert large == small, f"{small} queries with 30 jobs, {large} with 630"


SETTINGS = re.compile(r"^((?:SET [^;]+; )+)(.*?)((?:; RESET [^;]+)+)$", re.S)


def explain(sql: str) -> str:
    """The plan of a captured statement, under the planner settings it ran with (some
    statements set them around their SELECT: core.search)."""
    settings = SETTINGS.match(sql)
    if settings:
        sql = settings.group(2)
    with connection.cursor() as cursor:
        if settings:
            cursor.execute(settings.group(1))
        try:
            cursor.execute(f"EXPLAIN {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            if settings:
                cursor.execute(settings.group(3).removeprefix("; "))


def test_no_search_plan_scans_the_jobs_table(client):
    bulk_open_jobs(4000, tag="b")
    JobFactory.create_batch(3, status="draft")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE employers_job")
        cursor.execute("ANALYZE employers_job_required_skills")
    # The facets are a recount of every open job, made once per change to the open jobs and
    # cached (test_facet_counts_equal_a_recount_…): not a plan any search request runs.
    selectors.search_choices()
    plans = []
    for params in SEARCHES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SEARCH, _params(params)).status_code == 200
        for query in queries.captured_queries:
            sql = query["sql"]
            if "employers_job" not in sql or sql.lstrip().upper().startswith(
                ("SAVEPOINT", "RELEASE")
            ):
                continue
            plan = explain(sql)
            plans.append((params, sql, plan))
            assert "Seq Scan on employers_job " not in plan + " ", (params, sql, plan)
    assert len(plans) >= len(SEARCHES) * 2
