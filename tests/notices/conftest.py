"""Fixtures the notices tests share with the lead desk's."""

from tests.contact.chat.conftest import dana  # noqa: F401
from tests.contact.conftest import contact_page  # noqa: F401
from tests.contact.lead_desk.conftest import editor, reviewer  # noqa: F401
