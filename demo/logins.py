"""The demo logins load_demo prints, each kept in a git-ignored file owner-only
(`DEMO_LOGIN_DIR/.demo-login`, `.demo-intake-login`): one line, `username password`."""

import os
import stat
from pathlib import Path

from django.conf import settings

ADMIN_FILE = ".demo-login"
INTAKE_FILE = ".demo-intake-login"


def login_path(name: str) -> Path:
    return Path(settings.DEMO_LOGIN_DIR) / name


def write_login(name: str, username: str, password: str) -> None:
    path = login_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{username} {password}\n")
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def read_login(name: str) -> tuple[str, str] | None:
    """(username, password) from the file, or None when there is none."""
    path = login_path(name)
    if not path.exists():
        return None
    username, password = path.read_text().split()[:2]
    return username, password
