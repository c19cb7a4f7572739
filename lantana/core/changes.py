"""Many changes at once (an import): what reacts to each change may wait for the end.

Inside `many_changes()`, receivers that would redo work for every saved page (the
page cache's purge: every article sharing a topic, on each publish) skip it, and
`many_changes_ended` is sent once when the outermost block closes, with or
without an error, so they can do it once for everything.
"""

import threading
from contextlib import contextmanager

from django.dispatch import Signal

many_changes_ended = Signal()
_scope = threading.local()


def in_many_changes() -> bool:
    return getattr(_scope, "depth", 0) > 0


@contextmanager
def many_changes():
    _scope.depth = getattr(_scope, "depth", 0) + 1
    try:
        yield
    finally:
        _scope.depth -= 1
        if _scope.depth == 0:
            many_changes_ended.send(sender=None)
