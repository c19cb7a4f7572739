from django.core.cache import cache

from lantana.core import demo_content, site_cache
from lantana.core.management.commands.load_demo import Command
from lantana.core.models import SiteSettings


def test_the_demo_writes_clinic_details_a_stale_cache_claims_are_there(site):
    # A cache kept from an earlier database, e.g. a re-created bench database.
    SiteSettings.objects.filter(site=site).delete()
    stale = SiteSettings(site=site, phone=demo_content.CLINIC["phone"])
    cache.set(site_cache.setting_key(SiteSettings._meta.label_lower, site.pk), stale)

    Command().load_settings(site)

    stored = SiteSettings.objects.get(site=site)
    assert stored.phone == demo_content.CLINIC["phone"]
