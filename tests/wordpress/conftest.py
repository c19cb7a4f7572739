"""A home page with an article index, the sample export and its uploads folder."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from articles.factories import ArticleIndexPageFactory

SAMPLE = Path(__file__).with_name("sample.xml")
# Files the sample's attachments point at; 2023/06/quiet-bedroom.jpg is missing on purpose.
UPLOADS = {
    "2023/05/garden-path.jpg": ((1200, 800), (92, 130, 84)),
    "2023/07/beach-walk.png": ((900, 600), (214, 170, 110)),
}


@pytest.fixture
def article_index(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def uploads(tmp_path) -> Path:
    root = tmp_path / "uploads"
    for name, (size, colour) in UPLOADS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, colour).save(path)
    return root


@pytest.fixture
def run_import(article_index, uploads):
    """Run the command; returns its output (CommandError propagates)."""

    def run(*args, export=SAMPLE, with_uploads=True):
        out = io.StringIO()
        options = ["--uploads", str(uploads)] if with_uploads else []
        call_command("import_wordpress", str(export), *options, *args, stdout=out)
        return out.getvalue()

    return run
