"""Core Web Vitals: the "good" lines, and the fixed histogram every day's samples are
counted into. The raw samples are deleted at each roll-up; the 75th percentile is
read from the histogram (to the width of one bucket)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    unit: str  # "ms", or "" for CLS (stored in thousandths)
    good: int  # at or under: "good" (web.dev's thresholds)
    poor: int  # over: "poor"; between the two: "needs improvement"
    edges: tuple[int, ...]  # bucket upper bounds; one more bucket for anything above
    scale: int = 1  # stored value = measured value * scale

    def bucket(self, value: int) -> int:
        for index, edge in enumerate(self.edges):
            if value <= edge:
                return index
        return len(self.edges)

    def rating(self, value: int) -> str:
        if value <= self.good:
            return "good"
        return "needs_improvement" if value <= self.poor else "poor"

    def empty(self) -> list[int]:
        return [0] * (len(self.edges) + 1)

    def p75(self, buckets: list[int]) -> int | None:
        """The upper bound of the bucket holding the 75th percentile."""
        total = sum(buckets)
        if not total:
            return None
        running = 0
        for index, count in enumerate(buckets):
            running += count
            if running * 4 >= total * 3:
                return self.edges[min(index, len(self.edges) - 1)]
        return self.edges[-1]

    def display(self, value: int | None) -> str:
        if value is None:
            return "–"
        if self.scale == 1000:
            return f"{value / 1000:.2f}"
        return f"{value:,} ms"


LCP = Metric(
    "lcp",
    "Largest Contentful Paint",
    "ms",
    2500,
    4000,
    (*range(250, 6001, 250), 7000, 8000, 10000, 15000, 20000),
)
INP = Metric(
    "inp",
    "Interaction to Next Paint",
    "ms",
    200,
    500,
    (*range(25, 1001, 25), 1500, 2000, 3000, 5000),
)
CLS = Metric(
    "cls",
    "Cumulative Layout Shift",
    "",
    100,
    250,
    (*range(10, 501, 10), 750, 1000, 2000, 5000),
    scale=1000,
)
METRICS = {metric.name: metric for metric in (LCP, INP, CLS)}
