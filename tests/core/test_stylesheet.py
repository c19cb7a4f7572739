"""The site stylesheet is inlined in each page and allowed by its hash, nothing wider."""

import base64
import hashlib
import re

import pytest

from lantana.core import inline
from tests.auth import sign_in

STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def style_source(css: str) -> str:
    digest = hashlib.sha256(css.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def style_src(response) -> list[str]:
    for part in response.headers["Content-Security-Policy"].split(";"):
        words = part.split()
        if words and words[0] == "style-src":
            return words[1:]
    raise AssertionError("no style-src")


def test_page_inlines_the_stylesheet_allowed_by_its_hash(client, home):
    response = client.get("/")
    html = response.content.decode()
    styles = STYLE.findall(html)
    assert len(styles) == 1
    assert ".site-header" in styles[0] and "/*" not in styles[0]
    # No second request before the first paint.
    assert 'rel="stylesheet"' not in html
    assert style_src(response) == ["'self'", style_source(styles[0])]


def test_a_page_from_the_page_cache_keeps_the_hash(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/")
    second = client.get("/")
    assert second.headers.get("X-Page-Cache") == "hit"
    css = STYLE.search(second.content.decode()).group(1)
    assert style_src(first) == style_src(second) == ["'self'", style_source(css)]


def test_admin_previews_may_show_the_inlined_stylesheet(client, admin_user, home):
    sign_in(client, admin_user)
    sources = style_src(client.get("/admin/"))
    assert sources == ["'self'", inline.SITE_STYLESHEET.source()]


def test_minify_drops_comments_and_spacing_but_keeps_strings():
    css = '/* note */\n.a > .b ,\n.c {\n  content: "›";\n  margin: 0 1rem;\n}\n'
    assert inline.minify(css) == '.a > .b,.c{content: "›";margin: 0 1rem}'


def test_a_stylesheet_that_could_close_the_element_is_refused(
    tmp_path, monkeypatch, settings
):
    settings.DEBUG = True  # read the file now, not the copy cached for the process
    path = tmp_path / "site.css"
    path.write_text('.a::after { content: "</style><script>"; }')
    monkeypatch.setattr(inline.finders, "find", lambda name: str(path))
    with pytest.raises(ValueError, match="must not contain"):
        inline.SITE_STYLESHEET.text()


def test_system_check_reports_a_missing_stylesheet(monkeypatch):
    assert inline.check_inline_assets() == []
    monkeypatch.setattr(inline.finders, "find", lambda name: None)
    stylesheet, script = inline.check_inline_assets()
    assert stylesheet.id == script.id == "core.E001"
    assert "css/site.css" in stylesheet.msg and "js/site.js" in script.msg
