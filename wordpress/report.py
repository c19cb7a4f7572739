"""The import's report: counts per kind and one line per problem, never a traceback."""

from collections import Counter, defaultdict

OUTCOMES = ("created", "updated", "unchanged", "skipped")
KINDS = ("topic", "clinician", "image", "document", "article", "page", "redirect")


class Report:
    def __init__(self):
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.problems: list[str] = []
        self.notes: list[str] = []

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def problem(self, line: str) -> None:
        if line not in self.problems:
            self.problems.append(line)

    def note(self, line: str) -> None:
        if line not in self.notes:
            self.notes.append(line)

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def lines(self, dry_run: bool = False) -> list[str]:
        heading = "Dry run: nothing was written." if dry_run else "Import finished."
        lines = [heading]
        for kind in [*KINDS, *sorted(set(self.counts) - set(KINDS))]:
            counter = self.counts.get(kind)
            if counter:
                parts = ", ".join(f"{counter[o]} {o}" for o in OUTCOMES if counter[o])
                lines.append(f"  {kind + 's':<11} {parts}")
        if self.notes:
            lines.append("Notes:")
            lines.extend(f"  - {line}" for line in self.notes)
        if self.problems:
            lines.append(f"Problems ({len(self.problems)}):")
            lines.extend(f"  - {line}" for line in self.problems)
        else:
            lines.append("No problems.")
        lines.append(
            "Check by hand: clinician drafts, each problem above, password-protected "
            "and unpublished items (docs/operations/wordpress-import.md, section 3)."
        )
        return lines
