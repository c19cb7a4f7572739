"""Our hand-written SQL run on PostgreSQL as statements prepared once per connection.

PostgreSQL plans a statement every time it is sent as text. For the queries a page
makes that costs more than running them: an article's related-articles query took
0.56 ms to plan and 0.29 ms to run, a location's team 0.28 and 0.23; of the 2.3 ms
of PostgreSQL's CPU an uncached article cost, most was planning
(docs/benchmarks/2026-12-05-closing-hits-and-prepared-sql.md). The SQL that
`lantana.core.rows` sends (routing, images, cards, a location's and a profile's
queries) is the same text on every request, with parameters: each text is
prepared once per database connection (`PREPARE`) and then only executed
(`EXECUTE`), so PostgreSQL parses it once and, after its first few runs, keeps one
plan for it (its own choice between a plan for the values given and one for any).

- Nothing changes on SQLite, or with `PREPARED_STATEMENTS = False` (environment
  `PREPARED_STATEMENTS=false`: for a pooler such as PgBouncer in transaction mode,
  which hands one session's statements to another).
- Preparing is bookkeeping, not a query of the page: it runs on the driver's own
  cursor, so Django's query log and the query budgets see one query per read, as
  before. Inside a transaction it runs in a savepoint, so a text PostgreSQL cannot
  prepare (it cannot tell a parameter's type) leaves the transaction as it was; that
  text is then always sent as it is.
- A connection holds at most `LIMIT` statements (texts with a different number of
  values in an `IN` list are different texts); beyond that, texts are sent as they
  are. Django replaces a connection after `CONN_MAX_AGE` (60 s), and the new one
  starts with none.
- If a prepared statement stops working (a migration changed a table it reads:
  "cached plan must not change result type"; or the server forgot it), the
  connection's statements are dropped and the query is sent as text, when no
  transaction is open; inside one, the error is raised as any database error is.
"""

import hashlib
import re

from django.conf import settings
from django.db.utils import DatabaseError

# The placeholders Django's SQL uses, and its escaped percent sign.
_PLACEHOLDER = re.compile(r"%%|%s")
# SQLSTATEs of a prepared statement that no longer works: "cached plan must not
# change result type" (feature_not_supported), and one the server does not know
# (invalid_sql_statement_name).
STALE = {"0A000", "26000"}
LIMIT = 200
# Where a Django connection keeps its Statements.
KEPT_AS = "lantana_statements"


class Statements:
    """The statements prepared on one driver connection: text → name, or None for a
    text PostgreSQL would not prepare."""

    def __init__(self, raw):
        self.raw = raw
        self.names: dict[str, str | None] = {}


def execute(connection, cursor, sql: str, params) -> None:
    """`cursor.execute(sql, params)`; on PostgreSQL, `sql` prepared once on this
    connection and executed with `params`."""
    if (
        connection.vendor != "postgresql"
        or not settings.PREPARED_STATEMENTS
        or not isinstance(params, (list, tuple))  # None (no %% escapes) or named
    ):
        cursor.execute(sql, params)
        return
    statements = _statements(connection)
    name = statements.names.get(sql, "")
    if name == "":
        name = _prepare(connection, statements, sql)
    if name is None:
        cursor.execute(sql, params)
        return
    values = f" ({', '.join(['%s'] * len(params))})" if params else ""
    try:
        cursor.execute(f"EXECUTE {name}{values}", params)
    except DatabaseError as error:
        code = getattr(error.__cause__, "pgcode", None)
        if code not in STALE or connection.in_atomic_block:
            raise
        forget(connection)
        cursor.execute(sql, params)


def forget(connection) -> None:
    """Drop every statement prepared on this connection (no transaction open)."""
    statements = connection.__dict__.pop(KEPT_AS, None)
    if statements is not None and statements.raw is connection.connection:
        with statements.raw.cursor() as raw_cursor:
            raw_cursor.execute("DEALLOCATE ALL")


def _statements(connection) -> Statements:
    """This connection's statements; none yet when Django has connected anew."""
    raw = connection.connection
    statements = connection.__dict__.get(KEPT_AS)
    if statements is None or statements.raw is not raw:
        statements = connection.__dict__[KEPT_AS] = Statements(raw)
    return statements


def _prepare(connection, statements: Statements, sql: str) -> str | None:
    if len(statements.names) >= LIMIT:
        return None
    numbers = iter(range(1, 65536))
    text = _PLACEHOLDER.sub(
        lambda found: "%" if found[0] == "%%" else f"${next(numbers)}", sql
    )
    name = "lantana_" + hashlib.sha256(sql.encode()).hexdigest()[:24]
    in_transaction = connection.in_atomic_block
    with statements.raw.cursor() as raw_cursor:
        if in_transaction:
            raw_cursor.execute("SAVEPOINT lantana_prepare")
        try:
            raw_cursor.execute(f"PREPARE {name} AS {text}")
        except connection.Database.Error:
            if in_transaction:
                raw_cursor.execute("ROLLBACK TO SAVEPOINT lantana_prepare")
            name = None
        finally:
            if in_transaction:
                raw_cursor.execute("RELEASE SAVEPOINT lantana_prepare")
    statements.names[sql] = name
    return name
