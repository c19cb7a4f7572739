"""make lighthouse: Lighthouse (mobile) on the five pages of issue 12, production-like.

Sets the site up exactly as make bench does (bench/run.py: a throwaway PostgreSQL
database with the demo content, production settings, gunicorn with the page cache on,
the deploy/ nginx front on loopback TLS), requests each page once so nginx serves it
from its cache, then runs Lighthouse LIGHTHOUSE_RUNS times per page and prints the
median of each figure, and what costs the most on the main thread. Needs Node 20 with
Lighthouse 12.2.3 (`npm i -E lighthouse@12.2.3`) and Chromium. Not part of make test.
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# Own defaults, so a lighthouse run never collides with a make bench run.
os.environ.setdefault("BENCH_DATABASE", "lantana_lighthouse_run")
os.environ.setdefault("BENCH_PORT", "8700")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402 (needs the defaults above)

PAGES = ["home", "article", "clinician", "location", "contact"]
RUNS = bench.env_int("LIGHTHOUSE_RUNS", 3)
LIGHTHOUSE = bench.env("LIGHTHOUSE", "lighthouse")
CHROME = bench.env("CHROME_PATH", "/usr/bin/chromium")
OUT = os.environ.get("LIGHTHOUSE_OUT", "")  # keep every JSON report here when set
ONLY = [p for p in os.environ.get("LIGHTHOUSE_PAGES", "").split(",") if p]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FLAGS = "--headless=new --no-sandbox --disable-gpu --ignore-certificate-errors"


# Lighthouse's own "please run Lighthouse again": the trace missed the navigation.
RETRIED_ERRORS = ("NO_NAVSTART", "NO_FCP")
ATTEMPTS = 3


def lighthouse(url: str, report: Path) -> dict:
    command = [
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    for attempt in range(1, ATTEMPTS + 1):
        try:
            bench.run(command, f"lighthouse {url}", env=env)
            return json.loads(report.read_text())
        except bench.BenchError as error:
            if attempt == ATTEMPTS or not any(e in str(error) for e in RETRIED_ERRORS):
                raise
            print(f"    (Lighthouse lost the trace, attempt {attempt}: again)")


def figures(lhr: dict) -> dict:
    audits = lhr["audits"]

    def value(audit_id: str) -> float:
        return audits[audit_id].get("numericValue") or 0.0

    scores = [round((lhr["categories"][c]["score"] or 0) * 100) for c in CATEGORIES]
    items = audits["network-requests"]["details"]["items"]
    return {
        "scores": scores,
        "fcp": value("first-contentful-paint"),
        "lcp": value("largest-contentful-paint"),
        "tbt": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "kib": sum(i.get("transferSize", 0) for i in items) / 1024,
        "requests": len(items),
    }


def diagnostics(lhr: dict) -> list[str]:
    """The main-thread breakdown, long tasks, the LCP element and its phases."""
    audits = lhr["audits"]
    lines = []
    work = audits["mainthread-work-breakdown"]["details"]["items"]
    lines.append(
        "    main thread: "
        + ", ".join(f"{i['groupLabel']} {i['duration']:.0f} ms" for i in work[:5])
    )
    tasks = audits.get("long-tasks", {}).get("details", {}).get("items", [])
    if tasks:
        lines.append(
            "    long tasks: "
            + ", ".join(
                f"{t['url'].rsplit('/', 1)[-1] or t['url']} {t['duration']:.0f} ms"
                for t in tasks[:5]
            )
        )
    blocking = (audits["render-blocking-resources"].get("details") or {}).get(
        "items", []
    )
    if blocking:
        lines.append(
            "    render-blocking: "
            + ", ".join(
                f"{b['url'].rsplit('/', 1)[-1]} {b.get('wastedMs', 0):.0f} ms"
                for b in blocking
            )
        )
    for audit_id in ("render-blocking-resources", "largest-contentful-paint-element"):
        if audits.get(audit_id, {}).get("scoreDisplayMode") == "error":
            # Lighthouse 12.2.3's trace gatherer fails on Chromium 156 here.
            lines.append(f"    {audit_id}: not available (Lighthouse error)")
    lcp = audits.get("largest-contentful-paint-element", {}).get("details") or {}
    for item in lcp.get("items", []):
        if item.get("type") == "table" and item["items"] and "node" in item["items"][0]:
            lines.append(
                f"    LCP element: {item['items'][0]['node'].get('snippet', '')[:100]}"
            )
        elif item.get("type") == "table":
            lines.append(
                "    LCP phases: "
                + ", ".join(f"{p['phase']} {p['timing']:.0f} ms" for p in item["items"])
            )
    return lines


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def print_table(results: dict[str, list[dict]], urls: dict[str, str]) -> None:
    head = "| page | URL | perf / a11y / BP / SEO | FCP | LCP | TBT | CLS | KiB | requests |"
    print()
    print(f"Lighthouse mobile, median of {RUNS} runs per page; `uptime`: {uptime()}")
    print(head)
    print("| --- " * 9 + "|")
    for name, runs in results.items():
        scores = " / ".join(
            str(statistics.median(r["scores"][i] for r in runs)).removesuffix(".0")
            for i in range(4)
        )
        print(
            f"| {name} | `{urls[name]}` | {scores} | {median(runs, 'fcp') / 1000:.1f} s"
            f" | {median(runs, 'lcp') / 1000:.2f} s | {median(runs, 'tbt'):.0f} ms"
            f" | {median(runs, 'cls'):.3f} | {median(runs, 'kib'):.1f}"
            f" | {median(runs, 'requests'):.0f} |"
        )
    print(
        "Every run: "
        + "; ".join(
            f"{name} TBT "
            + "/".join(f"{r['tbt']:.0f}" for r in runs)
            + " LCP "
            + "/".join(f"{r['lcp'] / 1000:.2f}" for r in runs)
            for name, runs in results.items()
        )
    )


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()  # noqa: S607


def measure(procs: bench.Processes, work: Path) -> None:
    if not shutil.which(LIGHTHOUSE):
        raise bench.BenchError(
            f"{LIGHTHOUSE} not found: npm i -E lighthouse@12.2.3, then "
            "LIGHTHOUSE=<folder>/node_modules/.bin/lighthouse"
        )
    if not shutil.which("nginx"):
        raise bench.BenchError("nginx is not installed (apt-get install nginx)")
    bench.check_loopback()
    database_url = bench.create_database(work)
    bench.flush_redis()
    prod = bench.site_env(work, "lantana.settings.production", database_url)
    rows = json.loads(
        bench.run(
            [bench.PYTHON, str(bench.ROOT / "bench" / "probe.py")],
            "find the pages",
            env={**prod, "PAGE_CACHE_SECONDS": "0"},
            cwd=bench.ROOT,
        )
    )
    urls = {row["name"]: row["url"] for row in rows if row["name"] in PAGES}
    cached = bench.start_gunicorn(
        procs,
        work,
        "cached",
        bench.PORTS["cached"],
        bench.CACHED_SECONDS,
        database_url,
        extra_bind=("--bind", f"unix:{work / 'app.sock'}"),
    )
    html = bench.fetch(cached + urls["article"], {"Accept-Encoding": "identity"})[2]
    front, _file = bench.start_nginx(procs, work, html)
    results: dict[str, list[dict]] = {}
    for name in ONLY or PAGES:
        url = front + urls[name]
        bench.fetch(url)  # the first visit fills nginx's cache; Lighthouse gets a HIT
        results[name] = []
        for n in range(RUNS):
            print(f"lighthouse: {name} ({urls[name]}) run {n + 1}/{RUNS} …", flush=True)
            report = work / f"{name}-{n + 1}.json"
            lhr = lighthouse(url, report)
            results[name].append(figures(lhr))
            if OUT:
                Path(OUT).mkdir(parents=True, exist_ok=True)
                shutil.copy(report, Path(OUT) / report.name)
        print("\n".join(diagnostics(lhr)), flush=True)
        procs.check_alive()
    print_table(results, urls)


def main() -> int:
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    work = Path(tempfile.mkdtemp(prefix="lantana-lighthouse-"))
    work.chmod(0o755)
    procs = bench.Processes()
    try:
        measure(procs, work)
        return 0
    except bench.BenchError as error:
        print(f"lighthouse: FAILED: {error}\n(logs were in {work})", file=sys.stderr)
        return 1
    finally:
        procs.stop_all()
        try:
            bench.drop_database()
        except bench.BenchError as error:
            print(f"lighthouse: {error}", file=sys.stderr)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
