"""Tests share fixtures through pytest (tests/fixtures.py, the folders' conftest.py)
and helpers through tests/support/: no test file imports a conftest or a test module
(an imported fixture runs twice under two names; an imported test class runs twice)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every module (or name in one) an import names."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
            found.append((node.lineno, base))
    return found


def is_test_or_conftest(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "tests" and any(
        part == "conftest" or part.startswith("test_") for part in parts
    )


def test_no_test_file_imports_a_conftest_or_a_test_module():
    wrong = [
        f"{path.relative_to(TESTS.parent)}:{line}: {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, name in imported_modules(
            path.read_text(), ".".join(path.relative_to(TESTS.parent).parent.parts)
        )
        if is_test_or_conftest(name)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_relative_and_absolute_imports():
    assert is_test_or_conftest("tests.browser.conftest")
    assert is_test_or_conftest("tests.contact.test_concurrency.post")
    assert not is_test_or_conftest("tests.support.browser.PageChecker")
    assert not is_test_or_conftest("tests.fixtures")
    source = "from .conftest import x\nfrom ..support import leads\n"
    names = [name for _line, name in imported_modules(source, "tests.contact")]
    assert "tests.contact.conftest" in names
    assert "tests.support.leads" in names
