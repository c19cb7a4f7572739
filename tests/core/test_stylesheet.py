"""The site stylesheet is inlined in each page and allowed by its hash, nothing wider."""

import base64
import hashlib
import re

import pytest

from demo.factories.contact import ContactPageFactory
from lantana.core import inline
from tests.support.auth import sign_in

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
    assert style_src(response) == ["'self'", *inline.style_sources()]
    assert style_source(styles[0]) == inline.SITE_STYLESHEET.source()


def test_a_page_inlines_only_the_parts_it_needs(client, home):
    contact_page = ContactPageFactory(parent=home)
    home_html = client.get("/").content.decode()
    contact_html = client.get(contact_page.url).content.decode()
    assert ".lead-form" not in home_html and ".clinician__header" not in home_html
    [site, forms] = STYLE.findall(contact_html)
    assert style_source(site) == inline.SITE_STYLESHEET.source()
    assert style_source(forms) == inline.STYLESHEETS["forms"].source()
    assert ".lead-form" in forms


def test_a_page_from_the_page_cache_keeps_the_hash(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/")
    second = client.get("/")
    assert second.headers.get("X-Page-Cache") == "hit"
    css = STYLE.search(second.content.decode()).group(1)
    assert style_src(first) == style_src(second) == ["'self'", *inline.style_sources()]
    assert style_source(css) == inline.SITE_STYLESHEET.source()


def test_admin_previews_may_show_the_inlined_stylesheet(client, admin_user, home):
    sign_in(client, admin_user)
    sources = style_src(client.get("/admin/"))
    # Beside them, the nonce for the styles Wagtail's scripts make (admin_csp).
    nonces = [source for source in sources if source.startswith("'nonce-")]
    assert len(nonces) == 1
    assert [s for s in sources if s not in nonces] == [
        "'self'",
        *inline.style_sources(),
    ]


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
    errors = inline.check_inline_assets()
    assert {error.id for error in errors} == {"core.E001"}
    messages = " ".join(error.msg for error in errors)
    for name in ("css/site.css", "css/forms.css", "css/profile.css", "js/site.js"):
        assert name in messages


SCRIPT = re.compile(r"<script( [^>]*)?>(.*?)</script>", re.S)


def test_the_site_script_is_inlined_allowed_by_its_hash_and_loads_the_rest(
    client, home
):
    response = client.get("/")
    html = response.content.decode()
    scripts = [(attrs or "", body) for attrs, body in SCRIPT.findall(html)]
    inline_scripts = [(a, b) for a, b in scripts if "application/ld+json" not in a]
    [(attributes, body)] = inline_scripts  # no <script src>: nothing before the paint
    assert style_source(body) == inline.SITE_SCRIPT.source()
    for part in response.headers["Content-Security-Policy"].split(";"):
        if part.split()[:1] == ["script-src"]:
            assert part.split()[1:] == ["'self'", inline.SITE_SCRIPT.source()]
    assert 'data-chat="/static/js/chat.js"' in attributes
    assert 'data-lead-form="/static/js/lead-form.js"' in attributes
    assert 'data-chat-dialog="/chat/dialog/?v=' in attributes
