"""StreamField raw data for pages built in code (factories and tests)."""


def stream(*blocks: tuple[str, object]) -> list[dict]:
    """StreamField raw data from (block type, value) pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def heading(text: str, level: str = "h2") -> tuple[str, dict]:
    return ("heading", {"text": text, "level": level})


def paragraphs(*texts: str) -> tuple[str, str]:
    return ("rich_text", "".join(f"<p>{text}</p>" for text in texts))
