"""Table of contents: stable, unique, readable anchors; nested for h3; no empty TOC."""

from articles.text import heading_anchors, table_of_contents
from demo.blocks import heading, paragraphs, stream
from tests.support.html import ok_soup

HEADINGS = [
    ("Why it matters", "h2"),
    ("Signs to watch for", "h3"),
    ("Signs to watch for", "h3"),
    ("Why it matters", "h2"),
    ("Café, crème & naïveté?!", "h2"),
    ("Что делать дальше", "h3"),
    ("1. Hope and resilience", "h2"),
    ("!!!", "h2"),
    ("main", "h2"),
]


def body_with_headings():
    blocks = []
    for text, level in HEADINGS:
        blocks.append(heading(text, level))
        blocks.append(paragraphs(f"Some words under {text}."))
    return stream(*blocks)


def test_anchors_are_readable_unique_and_stable():
    texts = [text for text, _level in HEADINGS]
    anchors = heading_anchors(texts)
    assert anchors == [
        "why-it-matters",
        "signs-to-watch-for",
        "signs-to-watch-for-2",
        "why-it-matters-2",
        "café-crème-naïveté",
        "что-делать-дальше",
        "hope-and-resilience",
        "section",
        "main-2",
    ]
    assert heading_anchors(texts) == anchors
    assert len(set(anchors)) == len(anchors)


def test_anchor_never_collides_with_a_suffixed_duplicate():
    assert heading_anchors(["Plan", "Plan 2", "Plan", "Plan"]) == [
        "plan",
        "plan-2",
        "plan-3",
        "plan-4",
    ]


def test_contents_nest_h3_under_the_preceding_h2():
    toc = table_of_contents(
        [("A", "a", "h3"), ("B", "b", "h2"), ("C", "c", "h3"), ("D", "d", "h2")]
    )
    assert [(e.text, [c.text for c in e.children]) for e in toc] == [
        ("A", []),
        ("B", ["C"]),
        ("D", []),
    ]


def test_toc_lists_the_body_headings_in_order_and_every_target_exists_once(
    client, make_article
):
    article = make_article(body=body_with_headings())
    page = ok_soup(client.get(article.url))
    toc = page.select_one("[data-article-toc]")
    links = toc.select("a")
    assert [a.get_text() for a in links] == [text for text, _ in HEADINGS]
    body_headings = page.select(".article-body h2, .article-body h3")
    assert [(h.get_text(), h.name) for h in body_headings] == HEADINGS
    for link in links:
        target = link["href"]
        assert target.startswith("#")
        assert len(page.find_all(id=target[1:])) == 1, target
    for link, body_heading in zip(links, body_headings, strict=True):
        assert link["href"] == "#" + body_heading["id"]


def test_toc_nests_h3_entries_in_the_markup(client, make_article):
    article = make_article(body=body_with_headings())
    toc = ok_soup(client.get(article.url)).select_one("[data-article-toc] nav > ol")
    top = toc.find_all("li", recursive=False)
    assert [li.a.get_text() for li in top] == [
        "Why it matters",
        "Why it matters",
        "Café, crème & naïveté?!",
        "1. Hope and resilience",
        "!!!",
        "main",
    ]
    nested = top[0].find("ol").find_all("a")
    assert [a.get_text() for a in nested] == ["Signs to watch for"] * 2
    assert [a.get_text() for a in top[2].find("ol").find_all("a")] == [
        "Что делать дальше"
    ]


def test_toc_is_a_details_element_for_phones(client, make_article):
    article = make_article(body=body_with_headings())
    toc = ok_soup(client.get(article.url)).select_one("[data-article-toc]")
    assert toc.name == "details"
    assert toc.summary.get_text(strip=True) == "Jump to section"
    assert not toc.has_attr("open")


def test_article_without_headings_has_no_toc(client, make_article):
    article = make_article(body=stream(paragraphs("Just one paragraph.")))
    page = ok_soup(client.get(article.url))
    assert page.select("[data-article-toc]") == []
    assert "Jump to section" not in page.get_text()
