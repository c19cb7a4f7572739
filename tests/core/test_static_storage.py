"""Production's static storage finds each file's URL once, and the same URL as whitenoise's."""

import json
from pathlib import Path

import pytest
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from lantana.core.static import StaticFilesStorage

MANIFEST = {
    "paths": {
        "js/chat.js": "js/chat.1a2b3c.js",
        "images/a b.svg": "images/a b.9f8e.svg",
    },
    "version": "1.1",
    "hash": "0",
}


@pytest.fixture
def static_root(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    return tmp_path


def storages(root):
    options = {"location": str(root), "base_url": "/static/"}
    return StaticFilesStorage(**options), CompressedManifestStaticFilesStorage(
        **options
    )


def test_urls_are_whitenoises_and_found_once(static_root, monkeypatch):
    ours, theirs = storages(static_root)
    for name in ("js/chat.js", "images/a b.svg"):
        assert ours.url(name) == theirs.url(name)
    assert ours.url("js/chat.js") == "/static/js/chat.1a2b3c.js"

    def asked_again(*args, **kwargs):
        raise AssertionError("the manifest was asked again")

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", asked_again)
    assert ours.url("js/chat.js") == "/static/js/chat.1a2b3c.js"


def test_a_name_missing_from_the_manifest_still_fails_every_time(static_root):
    ours, _ = storages(static_root)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            ours.url("js/nowhere.js")


def test_debug_and_force_are_left_to_the_manifest_storage(static_root):
    ours, theirs = storages(static_root)
    with override_settings(DEBUG=True):
        assert (
            ours.url("js/chat.js") == theirs.url("js/chat.js") == "/static/js/chat.js"
        )
    assert ours.url("js/chat.js", force=True) == theirs.url("js/chat.js", force=True)


def test_production_settings_name_this_storage():
    # The test settings swap the storage in the same dict, so read the file.
    settings_file = (
        Path(__file__).resolve().parents[2] / "lantana" / "settings" / "base.py"
    )
    assert (
        '"BACKEND": "lantana.core.static.StaticFilesStorage"'
        in settings_file.read_text()
    )
