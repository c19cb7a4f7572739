"""The documentation stays true to the code it describes."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "lantana" / "settings"
CONFIGURATION = ROOT / "docs" / "development" / "configuration.md"

# Helpers in lantana/settings/base.py and the os.environ spellings that read a variable.
READERS = {"env_bool", "env_int", "env_list", "get", "getenv", "env_str"}


def variables_read(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            owner = getattr(func, "value", None)
            is_environ = isinstance(func, ast.Name) or (
                isinstance(owner, ast.Attribute | ast.Name)
                and getattr(owner, "attr", getattr(owner, "id", ""))
                in {"environ", "os"}
            )
            first = node.args[0]
            if name in READERS and is_environ and isinstance(first, ast.Constant):
                if isinstance(first.value, str) and first.value.isupper():
                    names.add(first.value)
        elif isinstance(node, ast.Subscript):
            owner = node.value
            if getattr(owner, "attr", getattr(owner, "id", "")) in {"environ", "env"}:
                key = node.slice
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    names.add(key.value)
    return names


def all_variables() -> set[str]:
    names = set()
    for path in SETTINGS.glob("*.py"):
        names |= variables_read(path)
    return names


def test_the_scan_finds_the_variables_we_know_are_read():
    # Guards the scan itself: a refactor of how settings read the environment
    # must not make this test pass vacuously.
    assert {
        "SECRET_KEY",
        "REDIS_URL",
        "LEAD_NOTIFY_EMAILS",
        "PAGE_CACHE_SECONDS",
    } <= all_variables()


@pytest.mark.parametrize("name", sorted(all_variables()))
def test_every_variable_the_settings_read_is_documented(name):
    text = CONFIGURATION.read_text()
    assert f"`{name}`" in text, (
        f"{name} is read in lantana/settings/ but not in {CONFIGURATION.name}"
    )
    assert (
        f"{name}=" in (ROOT / ".env.example").read_text()
        or f"# {name}" in (ROOT / ".env.example").read_text()
    ), f"{name} is missing from .env.example"


def test_readme_stays_short_and_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.encode()) <= 10 * 1024
    assert "make run" in readme and "make test" in readme


def test_readme_links_point_at_files_that_exist():
    for target in re.findall(r"\]\(([^)#:]+)\)", (ROOT / "README.md").read_text()):
        assert (ROOT / target).exists(), target
