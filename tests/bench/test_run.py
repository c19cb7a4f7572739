"""make bench reads wrk's output strictly: an error anywhere fails the run."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

SPEC = importlib.util.spec_from_file_location(
    "bench_run", Path(settings.BASE_DIR) / "bench" / "run.py"
)
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)

WRK_OK = """\
Running 10s test @ http://127.0.0.1:8601/
  2 threads and 8 connections
  Latency Distribution
     50%  274.10ms
     75%  301.00ms
     90%  350.00ms
     99%    1.20s
  280 requests in 10.01s, 7.01MB read
Requests/sec:     27.97
Transfer/sec:    716.91KB
"""


def test_reads_requests_per_second_and_latency_in_ms():
    result = bench.parse_wrk("u", WRK_OK)
    assert result == {"rps": 27.97, "p50": 274.1, "p99": 1200.0}


def test_microsecond_latencies():
    out = WRK_OK.replace("274.10ms", "512.00us")
    assert bench.parse_wrk("u", out)["p50"] == pytest.approx(0.512)


@pytest.mark.parametrize(
    "trouble",
    [
        "  Non-2xx or 3xx responses: 3\n",
        "  Socket errors: connect 0, read 2, write 0, timeout 0\n",
    ],
)
def test_error_responses_and_broken_connections_fail_the_run(trouble):
    with pytest.raises(bench.BenchError):
        bench.parse_wrk("u", WRK_OK.replace("Requests/sec", trouble + "Requests/sec"))


def test_slow_requests_alone_are_reported_not_fatal(capsys):
    out = WRK_OK.replace(
        "Requests/sec",
        "  Socket errors: connect 0, read 0, write 0, timeout 4\nRequests/sec",
    )
    assert bench.parse_wrk("u", out)["rps"] == 27.97
    assert "4 requests" in capsys.readouterr().out


def test_output_without_a_figure_fails():
    with pytest.raises(bench.BenchError):
        bench.parse_wrk("u", "wrk: unable to connect")


def test_reference_urls_must_be_on_loopback(monkeypatch):
    monkeypatch.setattr(bench, "REFERENCE_URLS", ["https://bakerydemo.example/"])
    with pytest.raises(bench.BenchError, match="loopback"):
        bench.check_loopback()
