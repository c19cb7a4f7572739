"""A home page with an article index, the sample export and its uploads folder."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from .helpers import SAMPLE, make_uploads


@pytest.fixture
def uploads(tmp_path) -> Path:
    return make_uploads(tmp_path / "uploads")


@pytest.fixture
def run_import(article_index, uploads):
    """Run the command; returns its output (CommandError propagates)."""

    def run(*args, export=SAMPLE, with_uploads=True):
        out = io.StringIO()
        options = ["--uploads", str(uploads)] if with_uploads else []
        call_command("import_wordpress", str(export), *options, *args, stdout=out)
        return out.getvalue()

    return run
