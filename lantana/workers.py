"""The gunicorn worker production runs: gunicorn's sync worker on a roomy Python stack.

CPython keeps its frames on a stack made of 16 KiB chunks. A call that does not fit
in the current chunk maps a new one, and returning from it unmaps it again; a loop
that keeps calling across that boundary maps and unmaps a chunk on every call
(python/cpython#142183, fixed by keeping one spare chunk in 3.13 and 3.14 releases
of 2026, not in 3.11 or 3.12). Our templates nest deeply enough that a worker
serving an article or a location page sat on such a boundary: about 250 chunk
maps per request, each a page fault, two milliseconds of a 12 ms request
(docs/benchmarks/2026-12-05-stack-chunks.md).

`SyncWorker` runs gunicorn's whole serving loop inside one frame big enough to be
placed at the start of a fresh 512 KiB chunk, leaving some 256 KiB above it for
every request, which is far deeper than a request goes (Python's recursion limit
is reached first). That chunk is mapped once per worker and never unmapped.
"""

from gunicorn.workers.sync import SyncWorker as GunicornSyncWorker

# Local variables of `roomy`: 8 bytes each, so its frame is a little over 256 KiB
# and CPython gives it a chunk of its own, the next size up (512 KiB).
ROOMY_SLOTS = 1 << 15


def roomy(call):
    """Call `call()` from a frame at the start of a stack chunk of its own."""
    return call()


# The frame's size is its code's number of locals (plus its evaluation stack); the
# extra names are never read or written, but a frame holds room for each.
roomy.__code__ = roomy.__code__.replace(
    co_varnames=roomy.__code__.co_varnames
    + tuple(f"_unused{number}" for number in range(ROOMY_SLOTS)),
    co_nlocals=roomy.__code__.co_nlocals + ROOMY_SLOTS,
)


class SyncWorker(GunicornSyncWorker):
    """gunicorn's sync worker, serving every request above one roomy frame."""

    def run(self):
        return roomy(super().run)
