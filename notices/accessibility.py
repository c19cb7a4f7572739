"""When the site was last tested for accessibility, and how: a small JSON file
written by `record_accessibility_check` when the browser suite (Playwright and
axe-core at 390 and 1280 px) passes on main at release, read by the accessibility
statement. Nobody types the date; a missing or unreadable file shows no date."""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

SUITE = "automated checks with axe-core in Chromium at 390 and 1280 pixels wide"


@dataclass(frozen=True)
class AccessibilityCheck:
    passed_at: datetime
    commit: str
    suite: str


def record_path() -> Path:
    return Path(settings.ACCESSIBILITY_RECORD)


def read_check() -> AccessibilityCheck | None:
    try:
        data = json.loads(record_path().read_text())
        return AccessibilityCheck(
            passed_at=datetime.fromisoformat(data["passed_at"]),
            commit=str(data.get("commit", ""))[:40],
            suite=str(data.get("suite") or SUITE)[:300],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_check(passed_at: datetime, commit: str, suite: str = SUITE) -> Path:
    path = record_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"passed_at": passed_at.isoformat(), "commit": commit, "suite": suite}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, indent=2) + "\n")
    temporary.replace(path)
    return path
