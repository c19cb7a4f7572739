"""The demo's words, kept as data in demo/content/*.yaml apart from the code that
loads them. Written for Lantana; every person and place in them is fictional."""

from pathlib import Path

import yaml

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def read_text(name: str) -> dict:
    """demo/content/<name>.yaml as plain data, read afresh (callers may change it)."""
    with (CONTENT_DIR / f"{name}.yaml").open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def stream_from_text(blocks: list[dict]) -> list[dict]:
    """StreamField raw data from the files' shape: a list of one-key mappings,
    `- heading: {text: …}`, `- rich_text: "<p>…</p>"`."""
    return [
        {"type": kind, "value": value}
        for block in blocks
        for kind, value in block.items()
    ]
