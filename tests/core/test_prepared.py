"""lantana.core.prepared: on PostgreSQL our SQL is prepared once per connection and
then executed, with the same rows, the same query budgets, and nothing left broken
when a statement cannot be prepared or stops working."""

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page

from demo.factories.core import StandardPageFactory
from lantana.core import prepared
from lantana.core.models import StandardPage
from lantana.core.rows import Rows, read

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL prepares statements"
)


def server_statements() -> dict[str, str]:
    """The statements this session has prepared: name → text."""
    with connection.connection.cursor() as cursor:
        cursor.execute("SELECT name, statement FROM pg_prepared_statements")
        return dict(cursor.fetchall())


@pytest.fixture(autouse=True)
def none_prepared(db):
    """Each test starts from a connection with no statements prepared by earlier ones."""
    prepared.forget(connections["default"])


@pytest.fixture
def about(home):
    return StandardPageFactory(parent=home, title="About", slug="about")


def read_about(page_id):
    rows = Rows(StandardPage)
    return rows.read(f"{rows.column('page_ptr')} = %s", [page_id])


def test_a_text_is_prepared_once_and_then_executed(about):
    before = set(server_statements())
    with CaptureQueriesContext(connection) as queries:
        first = read_about(about.pk)
        second = read_about(about.pk)
    assert [page.pk for page in first] == [page.pk for page in second] == [about.pk]
    assert len(queries) == 2, "preparing is not a query of the page"
    assert all(query["sql"].startswith("EXECUTE lantana_") for query in queries)
    (name,) = set(server_statements()) - before  # prepared once, not twice
    assert queries[0]["sql"].startswith(f"EXECUTE {name} (")
    text = server_statements()[name]
    assert "$1" in text and "%s" not in text


def test_the_rows_are_those_of_the_text_sent_as_it_is(about, settings):
    sql = (
        "SELECT p.id, p.title, %s AS said FROM wagtailcore_page p "
        "WHERE p.path LIKE %s || '%%' ORDER BY p.path"
    )
    params = ["hello", about.get_parent().path]
    with_statements = [(p.pk, p.title, p.said) for p in read(Page, sql, params)]
    settings.PREPARED_STATEMENTS = False
    as_text = [(p.pk, p.title, p.said) for p in read(Page, sql, params)]
    assert with_statements == as_text
    assert (about.pk, "About", "hello") in as_text


def test_off_sends_the_text(about, settings):
    settings.PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as queries:
        read_about(about.pk)
    assert not queries[0]["sql"].startswith("EXECUTE")


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("SELECT id, title FROM wagtailcore_page WHERE title LIKE 'Ab%%'", None),
        ("SELECT id, title FROM wagtailcore_page WHERE id = %(id)s", "named"),
    ],
    ids=["no-parameters", "named-parameters"],
)
def test_sql_not_written_with_listed_parameters_is_sent_as_it_is(about, sql, params):
    params = {"id": about.pk} if params == "named" else params
    with CaptureQueriesContext(connection) as queries:
        found = read(Page, sql, params)
    assert not queries[0]["sql"].startswith("EXECUTE")
    assert [page.pk for page in found] == [about.pk]


def test_a_text_that_cannot_be_prepared_is_sent_as_it_is_and_the_transaction_lives(
    about,
):
    # PostgreSQL cannot tell the type of a parameter only tested for NULL.
    sql = "SELECT id, title FROM wagtailcore_page WHERE %s IS NULL AND id = %s"
    assert transaction.get_connection().in_atomic_block  # the test's transaction
    for _ in range(2):
        (page,) = read(Page, sql, [None, about.pk])
        assert page.title == "About"
    assert StandardPage.objects.filter(pk=about.pk).exists()  # not aborted
    assert connection.lantana_statements.names[sql] is None


def read_locales():
    rows = Rows(Locale)
    return rows.read(f"{rows.column('language_code')} = %s", ["en"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_statement_the_server_forgot_is_sent_as_text_again():
    english = Locale.objects.get_or_create(language_code="en")[0]
    assert read_locales() == [english]
    with connection.connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a pooler's reset would
    assert read_locales() == [english]
    assert not any(n.startswith("lantana_") for n in server_statements())
    assert read_locales() == [english]  # prepared anew
    assert any(n.startswith("lantana_") for n in server_statements())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_table_changed_under_a_statement_is_read_as_text_again():
    english = Locale.objects.get_or_create(language_code="en")[0]
    sql = "SELECT * FROM wagtailcore_locale WHERE id = %s"
    read(Locale, sql, [english.pk])
    with connection.cursor() as cursor:  # as a migration adding a column would
        cursor.execute("ALTER TABLE wagtailcore_locale ADD COLUMN extra integer")
    try:
        (again,) = read(Locale, sql, [english.pk])
        assert again.pk == english.pk and again.extra is None
        assert not hasattr(connections["default"], "lantana_statements")  # dropped
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE wagtailcore_locale DROP COLUMN extra")


def test_a_new_connection_starts_with_none(about):
    read_about(about.pk)
    database = connections["default"]
    before = database.lantana_statements
    assert before.names
    assert prepared._statements(database) is before
    before.raw = object()  # as when Django has connected anew
    assert prepared._statements(database).names == {}


def test_a_connection_holds_a_bounded_number(about, monkeypatch):
    monkeypatch.setattr(prepared, "LIMIT", 3)
    rows = Rows(StandardPage)
    pk = rows.column("page_ptr")
    for width in range(1, 7):  # six texts: IN lists of six lengths
        ids = [about.pk] * width
        found = rows.read(f"{pk} IN ({', '.join(['%s'] * width)})", ids)
        assert [page.pk for page in found] == [about.pk]
    assert len(connection.lantana_statements.names) == 3
