"""The lead desk's users, shared with its tests (dana and contact_page are in
tests/fixtures.py)."""

from tests.contact.lead_desk.conftest import lead_reviewer, site_editor  # noqa: F401
