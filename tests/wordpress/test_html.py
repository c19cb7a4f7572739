"""Turning one post's HTML into blocks, without the database."""

import pytest

from articles.blocks import ARTICLE_RICH_TEXT_FEATURES
from wordpress.html import BodyConverter
from wordpress.shortcodes import expand_shortcodes
from wordpress.text import fix_text

ARTICLE_BLOCKS = {"heading", "rich_text", "image", "quote", "callout", "references"}


def convert(html: str, block_types=ARTICLE_BLOCKS):
    images = []

    def resolve(ref):
        images.append(ref)
        return 42 if "missing" not in ref.src else None

    converter = BodyConverter(
        features=ARTICLE_RICH_TEXT_FEATURES,
        block_types=set(block_types),
        resolve_image=resolve,
        old_hosts={"old.example"},
    )
    result = converter.convert(html)
    result.images = images
    return result


def types(result) -> list[str]:
    return [block["type"] for block in result.blocks]


def text(result) -> str:
    return " ".join(str(block["value"]) for block in result.blocks)


@pytest.mark.parametrize(
    "toc",
    [
        '<div id="ez-toc-container"><p>Contents</p><ul><li><a href="#a">A</a></li></ul></div>',
        '<div class="lwptoc"><a href="#a">A</a></div>',
        '<nav class="wp-block-table-of-contents"><ol><li><a href="#a">A</a></li></ol></nav>',
        '<div id="toc_container"><p class="toc_title">Contents</p><ul><li><a href="#a">A</a></li></ul></div>',
        '<h3>Table of Contents</h3><ol><li><a href="#a">A</a></li><li><a href="#b">B</a></li></ol>',
        "<p><strong>Jump to Section:</strong></p>\n<ul>\n<li><a href='#a'>A</a></li></ul>",
        '<p>Jump to section: <a href="#a">A</a> | <a href="#b">B</a></p>',
        '<ul><li><a href="#a">A</a></li><li><a href="#b">B</a></li></ul>',
    ],
)
def test_hand_made_tables_of_contents_are_dropped(toc):
    result = convert(f"<p>Intro.</p>{toc}<h2 id='a'>A</h2><p>Body.</p>")
    assert types(result) == ["rich_text", "heading", "rich_text"]
    assert "#a" not in text(result)
    assert any("contents" in note or "Jump" in note for note in result.notes)


def test_a_list_of_ordinary_links_is_kept():
    result = convert(
        '<ul><li><a href="https://samhsa.gov">SAMHSA</a></li><li>Two</li></ul>'
    )
    assert "samhsa.gov" in text(result)


def test_headings_become_blocks_and_h4_a_sub_heading():
    result = convert(
        "<h1>Top</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4>"
        + "<h2>"
        + "x" * 130
        + "</h2>"
    )
    headings = [b["value"] for b in result.blocks if b["type"] == "heading"]
    assert headings == [
        {"text": "Top", "level": "h2"},
        {"text": "Two", "level": "h2"},
        {"text": "Three", "level": "h3"},
    ]
    assert "<h4>Four</h4>" in text(result)
    assert "longer than 120" in " ".join(result.notes)


def test_caption_shortcode_becomes_an_image_with_caption():
    html = (
        '[caption id="attachment_7" width="300"]<img class="wp-image-7" '
        'src="https://old.example/wp-content/uploads/a-300x200.jpg" alt="Alt"> '
        "A caption[/caption]"
    )
    result = convert(html)
    assert result.blocks == [
        {
            "type": "image",
            "value": {"image": 42, "alt_text": "Alt", "caption": "A caption"},
        }
    ]
    assert result.images[0].wp_id == "7"


def test_a_missing_image_leaves_no_block():
    result = convert(
        '<p><img src="https://old.example/wp-content/uploads/missing.jpg"></p><p>Text</p>'
    )
    assert types(result) == ["rich_text"]


def test_shortcodes_known_unknown_and_prose_brackets():
    html, notes = expand_shortcodes(
        '[button url="/x"]Call us[/button] [sic] [1] [[literal]] [contact-form-7 id="3"]'
    )
    assert html == "Call us [sic] [1] [literal] "
    assert notes == [
        "unknown shortcode [button] removed (any text inside kept)",
        "unknown shortcode [contact-form-7] removed (any text inside kept)",
    ]


def test_embeds_become_plain_links_and_scripts_vanish():
    result = convert(
        '<p style="color:red" onclick="x()">Hi</p><script>evil()</script>'
        '<iframe src="//player.vimeo.com/video/1"></iframe>'
        "[embed]https://www.youtube.com/watch?v=q[/embed]"
        '<object data="x.swf">flash</object><style>p{}</style>'
    )
    raw = text(result)
    assert "evil" not in raw and "style" not in raw and "onclick" not in raw
    assert "flash" not in raw and "<iframe" not in raw
    assert 'href="https://player.vimeo.com/video/1"' in raw
    assert 'href="https://www.youtube.com/watch?v=q"' in raw


def test_links_are_made_safe_and_old_site_links_relative():
    result = convert(
        '<p><a href="javascript:alert(1)">a</a> <a href="https://old.example/2020/01/x/?ref=1">b</a>'
        ' <a href="https://old.example/wp-content/uploads/form.pdf">c</a>'
        ' <a href="mailto:help@example.org">d</a> <a href="data:text/html,x">e</a></p>'
    )
    raw = text(result)
    assert "javascript" not in raw and "data:" not in raw and "uploads" not in raw
    assert 'href="/2020/01/x/?ref=1"' in raw
    assert 'href="mailto:help@example.org"' in raw


def test_quotes_sources_and_takeaways():
    result = convert(
        "<blockquote><p>Short words.</p><cite>— A client</cite></blockquote>"
        "<blockquote><p>" + "long " * 200 + "</p></blockquote>"
        "<h3>Key takeaways</h3><ul><li>One</li><li>Two</li></ul>"
        "<h2>References</h2><ol><li>A paper. <a href='https://doi.org/1'>doi</a></li></ol>"
    )
    assert result.blocks[0] == {
        "type": "quote",
        "value": {"quote": "Short words.", "attribution": "A client"},
    }
    assert result.blocks[1]["type"] == "rich_text"
    assert result.blocks[2] == {
        "type": "callout",
        "value": {"heading": "Key takeaways", "points": ["One", "Two"]},
    }
    assert result.blocks[3]["value"]["references"][0]["url"] == "https://doi.org/1"


def test_pages_without_a_references_block_keep_heading_and_list():
    result = convert(
        "<h2>Sources</h2><ol><li>A paper.</li></ol>",
        block_types={"heading", "rich_text", "image", "quote"},
    )
    assert types(result) == ["heading", "rich_text"]


def test_loose_text_becomes_paragraphs_as_wordpress_would():
    result = convert("First line\nsame paragraph.\n\nSecond paragraph.")
    assert result.blocks[0]["value"] == (
        "<p>First line<br/>same paragraph.</p><p>Second paragraph.</p>"
    )


def test_text_repair():
    assert fix_text("Itâ€™s") == "It’s"
    assert fix_text("\x93quoted\x94") == "“quoted”"
    assert fix_text("ðŸ˜Š café — ok") == "😊 café — ok"


def test_declarations_are_not_text_and_linked_images_keep_their_words():
    result = convert(
        "<!DOCTYPE html><?php echo 1; ?><!-- wp:paragraph -->"
        '<span><img src="https://old.example/wp-content/uploads/a.jpg" alt="">'
        " Words beside it</span>"
    )
    assert types(result) == ["image", "rich_text"]
    assert "html" not in text(result) and "php" not in text(result)
    assert "Words beside it" in text(result)
