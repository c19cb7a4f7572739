"""Locks under real concurrency: one winner per accept, and messages numbered 1, 2,
3… with no gap or repeat however many arrive at once. PostgreSQL locks the
conversation's row; SQLite (make run) takes its write lock as each transaction
begins, and a writer waits its turn rather than fail (lantana/settings/base.py)."""

import threading
import uuid

import pytest
from django.db import connections

from contact.chat import services
from contact.chat.models import ChatMessage
from tests.support.chat import make_user, start

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def at_once(count: int, work) -> list:
    barrier = threading.Barrier(count)
    results = []

    def worker(index):
        barrier.wait()
        try:
            results.append(work(index))
        except services.ChatError as error:
            results.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def lead_pk(client, dana):
    start(client)
    return ChatMessage.objects.get(seq=1).conversation.lead_id


def test_five_staff_accepting_at_once_leave_one_assignee(lead_pk):
    users = [make_user(f"staff{i}") for i in range(5)]
    results = at_once(5, lambda i: services.accept(lead_pk, users[i]))
    assert sorted(results, key=str) == [None] + ["taken"] * 4


def test_messages_sent_at_once_get_distinct_consecutive_numbers(lead_pk, settings):
    settings.CHAT_RATE_LIMITS = [(1000, 10)]
    results = at_once(
        8, lambda i: services.post_message(lead_pk, f"m{i}", client_id=uuid.uuid4())
    )
    assert all(result.created for result in results)
    seqs = sorted(ChatMessage.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, 10))


def test_one_message_resent_at_once_is_stored_once(lead_pk):
    client_id = uuid.uuid4()
    results = at_once(6, lambda i: services.post_message(lead_pk, "hi", client_id))
    assert sum(result.created for result in results) == 1
    assert ChatMessage.objects.count() == 2
