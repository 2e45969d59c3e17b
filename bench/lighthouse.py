"""Benchmark: Lighthouse (mobile) on the main public pages, served as in production.

    make lighthouse        (or: .venv/bin/python bench/lighthouse.py [--runs 3] [--keep])

It loads the demo data into a throwaway PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/techhire_bench_lighthouse, dropped and created again),
collects the static files with the production storage (hashed names, Brotli and gzip) into a
temporary folder, starts gunicorn with 2 workers and DEBUG off (whitenoise serves the static
files; no TLS on this machine), and runs Lighthouse 12.2.3 (bench/lighthouse/package.json;
`npm ci` there on first use) in its default mobile mode (Moto G Power, simulated slow 4G,
4× CPU slowdown) with Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) on home, job
search, a job, the training catalog and a program, in English and in Spanish.

It prints one row per page: the performance, accessibility, best-practices and SEO scores,
the Cumulative Layout Shift and the bytes transferred on a first visit (the median of
`--runs` runs per page), then every audit that cost a point in the last three categories.
Targets (issue 15): performance ≥ 95; accessibility, best practices and SEO = 100;
CLS ≤ 0.02; home's first visit ≤ 150 KB. Exit status 0 when every target is met, 1 otherwise.
Lighthouse is a benchmark, not a test: `make test` does not run it.
"""

import argparse
import http.client
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from _common import drop_database, ensure_database, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_CLS = 0.02
MAX_HOME_BYTES = 150 * 1024


# ---------------------------------------------------------------------------
# The production configuration, on a database of its own
# ---------------------------------------------------------------------------
def configure(database_url: str, static_root: Path) -> dict:
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.lighthouse_settings",
        "BENCH_STATIC_ROOT": str(static_root),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": f"bench-only-{uuid.uuid4().hex}",
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DJANGO_READ_DOT_ENV": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", ""),
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "STAFF_MFA_REQUIRED": "true",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def pages() -> list[tuple[str, str, str]]:
    """(page, language, path) for the five benchmark pages in both languages."""
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import translation

    from apps.employers.models import Job
    from apps.trainings.models import Program

    job = Job.objects.filter(status="published").order_by("-published_at", "pk").first()
    program = Program.objects.filter(status="published").order_by("-published_at", "pk").first()
    assert job and program, "the demo data has no published job or program"
    rows = []
    for language in ("en", "es"):
        with translation.override(language):
            rows += [
                ("home", language, reverse("home")),
                ("job search", language, reverse("employers:search")),
                ("a job", language, reverse("employers:job", args=[job.slug])),
                ("catalog", language, reverse("trainings:catalog")),
                ("a program", language, reverse("trainings:program", args=[program.slug])),
            ]
    return rows


def check_language(port: int, path: str, language: str) -> None:
    """The page Lighthouse gets is in the language of its row."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "GET",
        path,
        headers={
            "Host": "localhost",
            "Accept-Language": language,
            "Cookie": f"techhire_language={language}",
        },
    )
    response = conn.getresponse()
    html = response.read().decode()
    if response.status != 200 or f'<html lang="{language}"' not in html:
        raise SystemExit(f"{path} did not answer in {language} ({response.status})")


# ---------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------
def install_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print("Installing Lighthouse (bench/lighthouse: npm ci)…", flush=True)
    subprocess.run(  # noqa: S603 - npm, fixed arguments
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],  # noqa: S607
        cwd=LIGHTHOUSE_DIR,
        check=True,
    )


def lighthouse(url: str, language: str, chrome: str, attempts: int = 3) -> dict:
    """One Lighthouse run; a run that fails to record the page (it happens on a busy
    machine: NO_NAVSTART, NO_FCP) is tried again, up to `attempts` times."""
    for attempt in range(1, attempts + 1):
        try:
            return lighthouse_once(url, language, chrome)
        except LighthouseFailed as failure:
            print(f"    attempt {attempt}: {failure}", flush=True)
    raise SystemExit(f"Lighthouse failed {attempts} times on {url}")


class LighthouseFailed(Exception):
    pass


def lighthouse_once(url: str, language: str, chrome: str) -> dict:
    # The language is in the address once pages live under /en/ and /es/; until then the
    # portal picks it from the cookie or Accept-Language, which Lighthouse's Chrome sets to
    # English: send the page's language both ways.
    headers = {"Accept-Language": language, "Cookie": f"techhire_language={language}"}
    run = subprocess.run(  # noqa: S603 - our pinned Lighthouse, fixed arguments
        [
            str(LIGHTHOUSE),
            url,
            f"--extra-headers={json.dumps(headers)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": chrome},
        timeout=300,
        check=False,
    )
    if run.returncode != 0 or not run.stdout.strip():
        raise LighthouseFailed(run.stderr.strip().splitlines()[-1] if run.stderr else "no output")
    report = json.loads(run.stdout)
    if report.get("runtimeError"):
        raise LighthouseFailed(report["runtimeError"].get("code", report["runtimeError"]))
    audits = report["audits"]
    lost = {}
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost[ref["id"]] = f"{category}: {audit['title']}"
    transfers = sorted(
        (item["transferSize"], item["url"].rsplit("/", 1)[-1] or item["url"])
        for item in audits["network-requests"]["details"]["items"]
    )
    return {
        "transfers": transfers[::-1],
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "lost": lost,
        "version": report["lighthouseVersion"],
        "agent": report["environment"]["hostUserAgent"],
    }


def median_of(runs: list[dict]) -> dict:
    """Per measure, the median across runs (Lighthouse's own advice for noisy machines)."""
    return {
        "scores": {c: round(statistics.median(r["scores"][c] for r in runs)) for c in CATEGORIES},
        "cls": statistics.median(r["cls"] for r in runs),
        "bytes": statistics.median(r["bytes"] for r in runs),
        "lcp": statistics.median(r["lcp"] for r in runs),
        "lost": {k: v for r in runs for k, v in r["lost"].items()},
        "version": runs[0]["version"],
        "agent": runs[0]["agent"],
        "transfers": runs[0]["transfers"],
    }


def misses(page: str, result: dict) -> list[str]:
    found = [
        f"{category} {result['scores'][category]} < {target}"
        for category, target in TARGETS.items()
        if result["scores"][category] < target
    ]
    if result["cls"] > MAX_CLS:
        found.append(f"CLS {result['cls']:.3f} > {MAX_CLS}")
    if page == "home" and result["bytes"] > MAX_HOME_BYTES:
        found.append(f"home transfer {result['bytes'] / 1024:.0f} KB > 150 KB")
    return found


def table(rows: list[tuple[str, str, str, dict]]) -> str:
    header = ["page", "lang", "perf", "a11y", "best pr.", "SEO", "CLS", "LCP (s)", "KB", "path"]
    lines = [header]
    for page, language, path, r in rows:
        s = r["scores"]
        lines.append(
            [
                page,
                language,
                str(s["performance"]),
                str(s["accessibility"]),
                str(s["best-practices"]),
                str(s["seo"]),
                f"{r['cls']:.3f}",
                f"{r['lcp'] / 1000:.1f}",
                f"{r['bytes'] / 1024:.0f}",
                path,
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = [
        " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in lines
    ]
    out.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median)")
    parser.add_argument("--port", type=int, default=8140)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).exists():
        raise SystemExit(f"No Chromium at {chrome}: set CHROME_PATH (Debian: apt install chromium)")
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/techhire_bench_lighthouse"
    )
    install_lighthouse()
    static_root = Path(tempfile.mkdtemp(prefix="techhire-lighthouse-static-"))
    env = configure(database_url, static_root)

    started = time.perf_counter()
    print("Database: migrate and load the demo data…", flush=True)
    drop_database(database_url)
    ensure_database(database_url)
    manage(env, "migrate", "--noinput")
    # seed_demo refuses DEBUG off (its logins have a published password): only the loading
    # runs with DEBUG on; the server that Lighthouse measures runs with it off.
    manage({**env, "DJANGO_DEBUG": "true", "EMAIL_URL": "consolemail://"}, "seed_demo")
    print("Static files: collect with the production storage…", flush=True)
    manage(env, "collectstatic", "--noinput")
    targets = pages()
    print(f"Ready in {time.perf_counter() - started:.0f} s", flush=True)

    server = start_gunicorn(env, args.port, ready_path="/healthz")
    rows = []
    try:
        for page, language, path in targets:
            url = f"http://127.0.0.1:{args.port}{path}"
            check_language(args.port, path, language)
            runs = [lighthouse(url, language, chrome) for _ in range(args.runs)]
            result = median_of(runs)
            rows.append((page, language, path, result))
            print(f"  {page} ({language}): {result['scores']}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(database_url)

    load = os.getloadavg()
    print()
    print(
        f"Lighthouse {rows[0][3]['version']} (mobile, simulated slow 4G, 4x CPU), "
        f"{args.runs} run(s) per page, median; {date.today():%d %B %Y}; "
        f"{platform.machine()}, {os.cpu_count()} cores, load average "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; {rows[0][3]['agent']}"
    )
    print()
    print(table(rows))
    home = rows[0][3]
    print(f"\nWhat home ({rows[0][1]}) transfers on a first visit, largest first:")
    for size, name in home["transfers"]:
        print(f"  {size / 1024:6.1f} KB  {name}")
    lost = {k: v for *_, r in rows for k, v in r["lost"].items()}
    if lost:
        print("\nAudits that cost points (accessibility, best practices, SEO):")
        for audit, title in sorted(lost.items()):
            print(f"  {audit}: {title}")
    missed = [f"{page} ({lang}): {m}" for page, lang, _, r in rows for m in misses(page, r)]
    print("\nTargets: performance ≥ 95, a11y/best practices/SEO = 100, CLS ≤ 0.02, home ≤ 150 KB")
    print("Missed:\n  " + "\n  ".join(missed) if missed else "All targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
