"""make lighthouse reads each report's figures, and takes the median of the runs."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

BENCH = Path(settings.BASE_DIR) / "bench"
SPEC = importlib.util.spec_from_file_location(
    "bench_lighthouse", BENCH / "lighthouse.py"
)
lighthouse = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(lighthouse)


def report(performance: float, lcp: float, tbt: float) -> dict:
    def audit(value):
        return {"numericValue": value}

    return {
        "categories": {
            "performance": {"score": performance},
            "accessibility": {"score": 1},
            "best-practices": {"score": 1},
            "seo": {"score": 1},
        },
        "audits": {
            "first-contentful-paint": audit(800),
            "largest-contentful-paint": audit(lcp),
            "total-blocking-time": audit(tbt),
            "cumulative-layout-shift": audit(0),
            "network-requests": {
                "details": {"items": [{"transferSize": 10240}, {"transferSize": 2048}]}
            },
            "mainthread-work-breakdown": {
                "details": {"items": [{"groupLabel": "Other", "duration": 300.4}]}
            },
            "render-blocking-resources": {"scoreDisplayMode": "error"},
            "largest-contentful-paint-element": {"scoreDisplayMode": "error"},
        },
    }


def test_reads_scores_timings_and_bytes():
    row = lighthouse.figures(report(0.99, 1040, 61))
    assert row["scores"] == [99, 100, 100, 100]
    assert (row["lcp"], row["tbt"], row["kib"], row["requests"]) == (1040, 61, 12.0, 2)


def test_median_of_runs_and_diagnostics_survive_a_failed_audit(capsys):
    runs = [
        lighthouse.figures(report(s, lcp, tbt))
        for s, lcp, tbt in [(1, 900, 20), (0.9, 1500, 300), (1, 1000, 40)]
    ]
    assert lighthouse.median(runs, "lcp") == 1000
    assert lighthouse.median(runs, "tbt") == 40
    lines = lighthouse.diagnostics(report(1, 900, 20))
    assert "Other 300 ms" in lines[0]
    assert any("not available" in line for line in lines)
    lighthouse.print_table({"home": runs}, {"home": "/"})
    assert "| home | `/` | 100 / 100 / 100 / 100 | 0.8 s | 1.00 s | 40 ms |" in (
        capsys.readouterr().out
    )


def test_a_lost_trace_is_measured_again_other_failures_stop(tmp_path, monkeypatch):
    out = tmp_path / "report.json"
    failures = ["NO_NAVSTART"]

    def run(command, step, **kwargs):
        if failures:
            raise lighthouse.bench.BenchError(f"{step} failed:\n  ({failures.pop()})")
        out.write_text('{"ok": true}')

    monkeypatch.setattr(lighthouse.bench, "run", run)
    assert lighthouse.lighthouse("https://127.0.0.1/", out) == {"ok": True}
    failures.append("PROTOCOL_TIMEOUT")
    with pytest.raises(lighthouse.bench.BenchError, match="PROTOCOL_TIMEOUT"):
        lighthouse.lighthouse("https://127.0.0.1/", out)
