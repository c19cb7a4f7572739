"""The articles folder's people: an author, the clinician who reviews, an editor and
the clinical reviewer who approves."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from articles.models import get_clinical_reviewer_groups
from demo.factories.articles import make_clinician
from lantana.core.models import User


@pytest.fixture
def author(home):
    return make_clinician(home, "maya-okafor", "Maya", "Okafor", "LMSW")


@pytest.fixture
def reviewing_clinician(home):
    return make_clinician(home, "daniel-reyes", "Daniel", "Reyes", "MD")


@pytest.fixture
def article_editor(article_index):
    """May add and change pages under the article index, not publish them."""
    group = Group.objects.create(name="Article editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=article_index,
            permission=Permission.objects.get(codename=codename),
        )
    user = User.objects.create_user("editor", password="pw")  # noqa: S106
    user.groups.add(group)
    return user


@pytest.fixture
def clinical_reviewer(reviewing_clinician):
    """A member of the migrated clinical reviewers group whose account is linked to
    the reviewing clinician's profile."""
    user = User.objects.create_user("approver", password="pw")  # noqa: S106
    user.groups.add(get_clinical_reviewer_groups().get())
    reviewing_clinician.user = user
    reviewing_clinician.save_revision().publish()
    return user
