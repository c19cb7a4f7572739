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
    # The Charleston page's three, and the copies its Spanish translation carries.
    english = LocationCredential.objects.filter(location__locale__language_code="en")
    assert english.count() == 3
    assert LocationCredential.objects.count() == 6
    soon = timezone.localdate() + timezone.timedelta(days=60)
    assert Credential.objects.filter(expires_on__lte=soon).count() == 1
    page = client.get("/locations/charleston/").content.decode()
    assert "Outpatient substance use treatment licence" in page
    # The same place in Spanish shows the same credentials.
    spanish = client.get("/es/ubicaciones/charleston/")
    assert spanish.status_code == 200
    assert "Outpatient substance use treatment licence" in spanish.content.decode()
    for kind in NoticeKind.values:
        assert client.get(f"/notices/{kind}/").status_code == 200, kind
