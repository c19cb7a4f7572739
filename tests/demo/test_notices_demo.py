"""The demo's notices and credentials: every notice kind as a marked sample, a
credential expiring soon, added once however often load_demo runs."""

import io

from django.core.management import call_command
from django.utils import timezone

from locations.models import Credential, LocationCredential
from notices.choices import NoticeKind
from notices.models import NoticeVersion


def test_load_demo_adds_sample_notices_and_credentials_once(db, client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    versions = NoticeVersion.objects.all()
    assert sorted(v.kind for v in versions) == sorted(NoticeKind.values)
    assert all(v.is_sample for v in versions)
    assert Credential.objects.count() == 3
    assert LocationCredential.objects.count() == 3
    soon = timezone.localdate() + timezone.timedelta(days=60)
    assert Credential.objects.filter(expires_on__lte=soon).count() == 1
    page = client.get("/locations/charleston/").content.decode()
    assert "Outpatient substance use treatment licence" in page
    for kind in NoticeKind.values:
        assert client.get(f"/notices/{kind}/").status_code == 200, kind
