"""make bench-chat's sequence check: a lost or duplicated message fails the run."""

import importlib.util
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

SPEC = importlib.util.spec_from_file_location(
    "bench_chat", Path(settings.BASE_DIR) / "bench" / "chat.py"
)
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)


def exchange(drop=(), twice=()) -> tuple:
    """Two conversations, every message of both sides delivered once, except..."""
    visitors = [SimpleNamespace(reference=ref) for ref in ("AAAA-0001", "BBBB-0002")]
    tally, rows = bench.Tally(), []
    for visitor in visitors:
        seq = 1
        for number in range(1, bench.MESSAGES + 1):
            for side, where in (("v", "staff"), ("s", "visitor")):
                seq += 1
                text = f"bench {side}{number}"
                rows.append([visitor.reference, text, 1])
                tally.sent[text + visitor.reference] = 0.0
                if (visitor.reference, text) in drop:
                    continue
                sender = "visitor" if side == "v" else "staff"
                message = {
                    "seq": seq,
                    "sender": sender,
                    "text": text,
                    "id": text + visitor.reference,
                }
                for _ in range(2 if (visitor.reference, text) in twice else 1):
                    tally.received(where, visitor.reference, message)
    return tally, visitors, {"rows": rows, "seq_dupes": 0}


def test_every_message_once_passes(capsys):
    assert bench.report(*exchange())
    out = capsys.readouterr().out
    assert "lost 0, duplicated 0" in out
    assert f"{2 * bench.MESSAGES} delivered" in out


def test_a_lost_message_fails(capsys):
    assert not bench.report(*exchange(drop={("AAAA-0001", "bench s2")}))
    assert "lost 1," in capsys.readouterr().out


def test_a_duplicated_message_fails(capsys):
    assert not bench.report(*exchange(twice={("BBBB-0002", "bench v1")}))
    assert "duplicated 1" in capsys.readouterr().out


def test_a_message_stored_twice_fails(capsys):
    tally, visitors, stored = exchange()
    stored["rows"][0][2] = 2
    assert not bench.report(tally, visitors, stored)
    assert "stored twice 1" in capsys.readouterr().out
