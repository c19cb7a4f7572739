"""The published scoring rules, written out again independently of selfchecks/:
the test's own reading of the instruments, to compare the app against."""

# AUDIT (WHO 2001): items 1-8 score 0-4 in answer order; items 9-10 score 0, 2, 4.
# Zones: I 0-7, II 8-15, III 16-19, IV 20-40.
AUDIT_POINTS = [[0, 1, 2, 3, 4]] * 8 + [[0, 2, 4]] * 2
AUDIT_ZONES = [(0, 7), (8, 15), (16, 19), (20, 40)]

# AUDIT-C (Bush 1998; Bradley 2007): AUDIT items 1-3, 0-12; positive at 3+ for
# women and 4+ for men; 8+ the highest band (Rubinsky 2013).
AUDIT_C_POINTS = AUDIT_POINTS[:3]
AUDIT_C_BANDS = [(0, 2), (3, 3), (4, 7), (8, 12)]

# DAST-10 (Skinner 1982): "yes" = 1, except item 3, where "no" = 1. Answer order on
# the page is Yes, No. Bands: 0 none, 1-2 low, 3-5 moderate, 6-8 substantial,
# 9-10 severe.
DAST_POINTS = [[1, 0]] * 2 + [[0, 1]] + [[1, 0]] * 7
DAST_BANDS = [(0, 0), (1, 2), (3, 5), (6, 8), (9, 10)]


def expected(points, bands, indexes) -> tuple[int, tuple[int, int]]:
    total = sum(points[item][index] for item, index in enumerate(indexes))
    band = next(band for band in bands if band[0] <= total <= band[1])
    return total, band
