"""The locations' facts as one CSV for the yearly national survey update
(N-SUMHSS, which feeds FindTreatment.gov): one row per location and locator code,
from the same fields the pages and their JSON-LD read. Written by the
export_locator_facts command and the admin's Locator facts (CSV) download."""

import csv

from django.utils import translation

from .facts import NOT_LOCATOR_CODES, location_facts

HEADER = [
    "location",
    "street_address",
    "city",
    "state",
    "postal_code",
    "family",
    "code",
    "label",
]


def locator_rows(locations) -> list[list[str]]:
    """Rows for these location pages (insurers prefetched as `insurers_accepted`):
    every fact with its code, then every insurer accepted (no locator code). The
    survey is answered in English whatever language the admin user reads."""
    with translation.override("en"):
        return [[str(value) for value in row] for row in _rows(locations)]


def _rows(locations) -> list[list]:
    rows = []
    for location in locations:
        place = [
            location.title,
            location.street_address,
            location.city,
            location.state,
            location.postal_code,
        ]
        for group in location_facts(location):
            rows += [
                [*place, group.family, locator_code(f.code), f.label]
                for f in group.facts
            ]
        for insurer in location.insurers_accepted.all():
            rows.append([*place, "insurers", "", insurer.name])
    return rows


def locator_code(code: str) -> str:
    return "" if code in NOT_LOCATOR_CODES else code


def write_locator_csv(stream, locations) -> int:
    """Write the CSV to `stream`; the number of data rows written."""
    rows = locator_rows(locations)
    writer = csv.writer(stream)
    writer.writerow(HEADER)
    # An editor's text starting with = + - @ would run as a formula in a spreadsheet.
    writer.writerows([[safe_cell(value) for value in row] for row in rows])
    return len(rows)


def safe_cell(value: str) -> str:
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
