"""The command's progress: a bar on a terminal, plain lines in a log."""

import io

from django.core.management.base import OutputWrapper

from wordpress.management.commands.import_wordpress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_one_redrawn_bar():
    out = Terminal()
    progress = Progress(OutputWrapper(out))
    for done in range(1, 5):
        progress("posts and pages", done, 4)
    text = out.getvalue()
    assert text.count("\r") == 4 and text.endswith("4/4\n")
    assert "[##############################]" in text


def test_a_log_gets_a_plain_line_every_tenth():
    out = io.StringIO()
    progress = Progress(OutputWrapper(out))
    for done in range(1, 1001):
        progress("posts and pages", done, 1000)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0] == "posts and pages: 100 of 1000"
    assert lines[-1] == "posts and pages: 1000 of 1000"
    assert "\r" not in out.getvalue()
