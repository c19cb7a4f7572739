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


REFERENCES = ["http://127.0.0.1:8690/blog/post/", "http://127.0.0.1:8690/"]


@pytest.mark.parametrize(
    ("page_type", "expected"),
    [
        ("article", REFERENCES[0]),
        ("home", REFERENCES[1]),
        ("clinician", REFERENCES[0]),
        # No location page given: the blog post stands in.
        ("location", REFERENCES[0]),
    ],
)
def test_each_page_type_is_compared_with_the_nearest_reference(page_type, expected):
    assert bench.nearest_reference(page_type, REFERENCES) == expected


def test_a_location_is_compared_with_the_reference_location_when_given():
    location = "http://127.0.0.1:8690/locations/a/"
    assert bench.nearest_reference("location", [*REFERENCES, location]) == location
    assert (
        bench.nearest_reference("team index", [*REFERENCES, location])
        == (REFERENCES[0])
    )


def test_no_reference_no_cold_comparison():
    assert bench.nearest_reference("article", []) is None


def test_cold_target_names_every_page_type_that_missed_it(capsys):
    def row(name, cold, reference):
        return {"name": name, "cold": {"rps": cold}, "reference": {"rps": reference}}

    bench.print_cold_targets([row("article", 200, 100), row("location", 150, 100)])
    assert "MISSED by location" in capsys.readouterr().out
    bench.print_cold_targets([row("article", 200, 100)])
    assert "met by every page type" in capsys.readouterr().out
