"""The move of HomePage to home/ and the location models to locations/, run on a
database populated the way the previous main stored it (every model in core)."""

import uuid
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import GroupPagePermission, Page, Revision

from contact.models import Lead
from home.models import HomePage
from locations.models import LocationIndexPage, LocationPage

# The leaves of the previous main for every app the move touches.
BEFORE = [
    ("core", "0003_links_validated"),
    ("contact", "0108_lead_reviewers_canned_replies"),
    ("staff", "0003_clinicianpage_user"),
    ("home", None),
    ("locations", None),
]
MOVED = {
    "homepage": "home",
    "locationindexpage": "locations",
    "locationpage": "locations",
    "locationoperatinghours": "locations",
    "locationphoto": "locations",
}
WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    applied = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(applied).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_revisions_leads_and_permissions_survive_the_move(client):
    old = migrate(BEFORE)
    try:
        before = populate(old)
        type_ids = dict(
            old.get_model("contenttypes", "ContentType")
            .objects.filter(app_label="core", model__in=MOVED)
            .values_list("model", "pk")
        )
        migrate(latest())
    finally:
        # Leave the database at the latest state whatever happened.
        migrate(latest())
    # ContentType's cache is left alone: ids and the final app labels are what it
    # held before; emptying it would make the next serialized_rollback restore
    # create rows (receivers look content types up) before it writes them.

    # The content type rows kept their ids; only their app changed.
    for model, app_label in MOVED.items():
        content_type = ContentType.objects.get(pk=type_ids[model])
        assert (content_type.app_label, content_type.model) == (app_label, model)
    assert not ContentType.objects.filter(app_label="core", model__in=MOVED).exists()

    home = Page.objects.get(pk=before["home"]).specific
    assert isinstance(home, HomePage)
    assert home.hero_heading == "Recovery starts with a call"
    assert home.content_type_id == type_ids["homepage"]
    index = Page.objects.get(pk=before["index"]).specific
    assert isinstance(index, LocationIndexPage)
    location = Page.objects.get(pk=before["location"]).specific
    assert isinstance(location, LocationPage)
    assert location.street_address == "42 Society Street"
    assert [str(row) for row in location.hours.all()] == ["Monday: 08:00–18:00"]
    assert Page.objects.count() == before["page_count"]

    # Revisions still open as the page they were saved from.
    for page_id, revision_id, text in before["revisions"]:
        revision = Revision.objects.get(pk=revision_id)
        page = Page.objects.get(pk=page_id).specific
        assert page.latest_revision_id == revision.pk
        draft = revision.as_object()
        assert type(draft) is type(page)
        assert draft.title == text

    lead = Lead.objects.get(pk=before["lead"])
    assert lead.location == location
    assert lead.preferred_name == "Sam"

    user = get_user_model().objects.get(pk=before["user"])
    assert user.has_perm("home.change_homepage")
    assert user.has_perm("locations.change_locationpage")
    assert not user.has_perm("locations.delete_locationpage")
    group = Group.objects.get(pk=before["group"])
    assert GroupPagePermission.objects.filter(
        group=group, page=home, permission__codename="change_page"
    ).exists()

    # And the pages are served from their new apps' templates.
    response = client.get(home.url)
    assert response.status_code == 200
    assert "Recovery starts with a call" in response.text
    response = client.get(location.url)
    assert response.status_code == 200
    assert "42 Society Street" in response.text


def populate(old) -> dict:
    """Pages, revisions, a lead and permissions as the previous main stored them,
    written with its models (core.HomePage, core.LocationPage, …)."""
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    User = old.get_model("core", "User")
    Locale = old.get_model("wagtailcore", "Locale")
    Page = old.get_model("wagtailcore", "Page")
    Site = old.get_model("wagtailcore", "Site")
    Revision = old.get_model("wagtailcore", "Revision")
    GroupPagePermission = old.get_model("wagtailcore", "GroupPagePermission")
    HomePage = old.get_model("core", "HomePage")
    LocationIndexPage = old.get_model("core", "LocationIndexPage")
    LocationPage = old.get_model("core", "LocationPage")
    Hours = old.get_model("core", "LocationOperatingHours")
    Lead = old.get_model("contact", "Lead")

    def content_type(app_label, model):
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]

    for model in MOVED:
        content_type("core", model)
    page_type = content_type("wagtailcore", "page")
    locale = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.objects.get(depth=1)

    def add_page(model, parent, slug, **fields):
        parent.numchild += 1
        parent.save(update_fields=["numchild"])
        page = model.objects.create(
            title=fields.pop("title"),
            draft_title=slug,
            slug=slug,
            path=f"{parent.path}{parent.numchild + 90:04d}",
            depth=parent.depth + 1,
            url_path=f"{parent.url_path}{slug}/",
            content_type=content_type("core", model._meta.model_name),
            locale=locale,
            live=True,
            first_published_at=WHEN,
            last_published_at=WHEN,
            **fields,
        )
        revision = Revision.objects.create(
            content_type=page.content_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=WHEN,
            object_str=page.title,
            content={
                "pk": page.pk,
                "title": page.title,
                "slug": slug,
                "path": page.path,
                "depth": page.depth,
                "url_path": page.url_path,
                "content_type": page.content_type_id,
                "locale": locale.pk,
                "live": True,
                **{key: str(value) for key, value in fields.items()},
            },
        )
        model.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision
        )
        return model.objects.get(pk=page.pk), revision

    home, home_revision = add_page(
        HomePage,
        root,
        "moved-home",
        title="Lantana",
        hero_heading="Recovery starts with a call",
    )
    index, index_revision = add_page(
        LocationIndexPage, Page.objects.get(pk=home.pk), "locations", title="Locations"
    )
    location, location_revision = add_page(
        LocationPage,
        Page.objects.get(pk=index.pk),
        "charleston",
        title="Charleston",
        street_address="42 Society Street",
        postal_code="29401",
    )
    Hours.objects.create(
        location=location, sort_order=0, day="MON", opens="08:00", closes="18:00"
    )
    Site.objects.filter(is_default_site=True).update(root_page=home.pk)

    lead = Lead.objects.create(
        preferred_name="Sam",
        phone="+18435550134",
        consent=True,
        location=location,
        submission_id=uuid.uuid4(),
        reference="MOVE-0001",
        message="Do you have evening groups?",
    )

    group = Group.objects.create(name="Location editors")
    for model, codename in [
        ("homepage", "change_homepage"),
        ("locationpage", "change_locationpage"),
    ]:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type("core", model),
            codename=codename,
            defaults={"name": f"Can change {model}"},
        )
        group.permissions.add(permission)
    change_page = Permission.objects.get_or_create(
        content_type=page_type,
        codename="change_page",
        defaults={"name": "Can change page"},
    )[0]
    GroupPagePermission.objects.create(
        group=group, page_id=home.pk, permission=change_page
    )
    user = User.objects.create(username="editor", is_active=True, is_staff=True)
    user.groups.add(group)

    return {
        "home": home.pk,
        "index": index.pk,
        "location": location.pk,
        "page_count": Page.objects.count(),
        "revisions": [
            (home.pk, home_revision.pk, "Lantana"),
            (index.pk, index_revision.pk, "Locations"),
            (location.pk, location_revision.pk, "Charleston"),
        ],
        "lead": lead.pk,
        "user": user.pk,
        "group": group.pk,
    }
