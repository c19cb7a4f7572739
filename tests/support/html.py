import json
import re

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def json_ld(response) -> list[dict]:
    html = soup(response)
    return [
        json.loads(script.string)
        for script in html.find_all("script", type="application/ld+json")
    ]


def headings(response) -> list[str]:
    html = soup(response)
    return [
        re.sub(r"\s+", " ", h.get_text()).strip()
        for h in html.find_all(["h1", "h2", "h3"])
    ]


def empty_headings(response) -> list[str]:
    html = soup(response)
    return [
        str(h) for h in html.find_all(["h1", "h2", "h3"]) if not h.get_text(strip=True)
    ]


def card_names(response, selector=".clinician-card__link") -> list[str]:
    html = soup(response)
    return [
        re.sub(r"\s+", " ", link.get_text()).strip() for link in html.select(selector)
    ]


def ok_soup(response) -> BeautifulSoup:
    """The page's HTML, once it has answered 200."""
    assert response.status_code == 200, response.status_code
    return soup(response)
