"""Plain helpers the tests share (no fixtures: those live in tests/fixtures.py and
the folders' conftest.py files). Test modules import from here, never from a
conftest or another test module (tests/test_test_imports.py)."""
