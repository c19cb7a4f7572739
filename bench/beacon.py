"""make bench's beacon line: insight beacons need nothing before the first paint, and
how many a second gunicorn absorbs (every answer a 204) on loopback.

Called by run.py with its database and processes; prints one line per check.
"""

import os
import re
import subprocess
from pathlib import Path

LUA = Path(__file__).resolve().parent / "beacon.lua"
TARGET = 1000  # beacons a second the issue asks to be absorbed


def no_request_before_first_paint(run, html: str) -> None:
    """The page names insights.js only as data for site.js, which fetches it after
    the first paint: no <script src>, preload or prefetch of it, no beacon URL in a
    link the browser would follow."""
    head_and_body = re.sub(r"<script[^>]*data-insights=[^>]*>", "", html)
    if "insights" in head_and_body.replace("data-insights", ""):
        raise run.BenchError(
            "the page mentions insights outside the site script's data"
        )
    if 'data-insights="' not in html:
        raise run.BenchError("the page does not carry the insights script's data")


def measure_beacons(run, procs, work: Path, database_url: str, html: str) -> str:
    """`run` is bench/run.py (its helpers and settings); returns the line to print."""
    no_request_before_first_paint(run, html)
    os.environ["TRUSTED_PROXY_COUNT"] = "1"
    try:
        base = run.start_gunicorn(procs, work, "beacons", run.PORT + 7, 0, database_url)
    finally:
        del os.environ["TRUSTED_PROXY_COUNT"]
    args = [
        "wrk",
        f"-t{run.THREADS}",
        f"-c{run.CONNECTIONS}",
        f"-d{run.SECONDS}s",
        "--latency",
        "-s",
        str(LUA),
        base + "/insights/beacon/",
    ]
    result = run.parse_wrk(base, run.run(args, "wrk beacons"))
    env = run.site_env(work, "lantana.settings.production", database_url)
    rolled = subprocess.run(  # noqa: S603 (our own fixed command)
        [run.PYTHON, "manage.py", "rollup_insights"],
        env=env,
        cwd=run.ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    verdict = "absorbed" if result["rps"] >= TARGET else f"UNDER the {TARGET}/s target"
    return (
        f"beacons: {result['rps']:.0f}/s for {run.SECONDS} s, every answer 204 "
        f"({verdict}); p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms; "
        f"then rollup_insights: {rolled} None before the first paint."
    )
