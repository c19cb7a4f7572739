"""The gunicorn worker production runs serves every request from one roomy stack chunk.

On CPython 3.11 and 3.12 a loop calling across a stack-chunk boundary maps and
unmaps a 16 KiB chunk on every call (python/cpython#142183); an article page did
so about 250 times a request. `lantana.workers.roomy` puts the caller at the start
of a chunk with a quarter of a megabyte above it, so nothing is mapped per call.
"""

import resource
import runpy
import sys
from pathlib import Path

from gunicorn.util import load_class
from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

from lantana.workers import ROOMY_SLOTS, SyncWorker, roomy

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def dive(depth):
    return dive(depth - 1) if depth else "bottom"


def dive_often():
    # 700 small frames are more than a 16 KiB chunk holds, so without a roomy
    # frame below, every dive maps a chunk and every return unmaps it again.
    for _ in range(300):
        dive(700)


def page_faults(call):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    call()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_roomy_calls_through_and_returns_what_the_call_returns():
    assert roomy(lambda: dive(50)) == "bottom"
    assert roomy.__code__.co_nlocals > ROOMY_SLOTS


def test_calls_above_a_roomy_frame_map_no_stack_chunk():
    roomy(dive_often)  # the pages the chunk uses are touched once
    above_roomy = page_faults(lambda: roomy(dive_often))
    plain = page_faults(dive_often)
    # A chunk mapped per dive is a fault per dive at least: 300 here. Above the
    # roomy frame only the chunk's first use faults, once per page it uses.
    assert above_roomy < 150
    if sys.version_info < (3, 13):  # later releases keep a spare chunk themselves
        assert plain >= 300


def test_production_gunicorn_runs_the_roomy_sync_worker():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    worker = load_class(config["worker_class"])
    assert worker is SyncWorker
    assert issubclass(worker, GunicornSyncWorker)


def test_the_worker_serves_its_loop_above_the_roomy_frame(monkeypatch):
    seen = []

    def serving_loop(self):
        frame = sys._getframe(1)
        seen.append(frame.f_code.co_name)
        return "stopped"

    monkeypatch.setattr(GunicornSyncWorker, "run", serving_loop)
    worker = SyncWorker.__new__(SyncWorker)
    assert worker.run() == "stopped"
    assert seen == ["roomy"]
