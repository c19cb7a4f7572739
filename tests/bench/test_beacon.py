"""make bench-beacon: its first-paint check, and beacons our endpoint accepts."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

from insights import beacon as reader
from insights.views import page_types

SPEC = importlib.util.spec_from_file_location(
    "bench_beacon", Path(settings.BASE_DIR) / "bench" / "beacon.py"
)
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)


class Run:
    class BenchError(Exception):
        pass


SITE_SCRIPT = (
    '<script data-insights="/static/js/insights.1a2b.js" '
    'data-insights-beacon="/insights/beacon/">/* site.js */</script>'
)


def test_the_page_may_name_insights_only_as_data_for_site_js():
    bench.no_request_before_first_paint(Run, f"<body>{SITE_SCRIPT}</body>")
    for fetched in (
        '<script src="/static/js/insights.1a2b.js"></script>',
        '<link rel="preload" href="/static/js/insights.1a2b.js" as="script">',
        '<a href="/" ping="/insights/beacon/">Home</a>',
    ):
        with pytest.raises(Run.BenchError):
            bench.no_request_before_first_paint(Run, f"<body>{fetched}{SITE_SCRIPT}")
    with pytest.raises(Run.BenchError):
        bench.no_request_before_first_paint(Run, "<body>no script data</body>")


def test_every_beacon_it_sends_is_one_the_endpoint_accepts():
    bodies = bench.bodies(
        [("/articles/one/", "articles.ArticlePage"), ("/", "home.HomePage")]
    )
    assert len(bodies) == 8
    for body in bodies:
        reading = reader.read(body, "127.0.0.1:8608", page_types())
        assert reading.events or reading.vitals
    request = bench.request("127.0.0.1:8608", bodies[0], "10.1.2.3")
    assert request.startswith(b"POST /insights/beacon/ HTTP/1.1\r\n")
    assert request.endswith(b"\r\n\r\n" + bodies[0])
