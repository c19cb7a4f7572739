"""The notices and consent wordings in the admin (Snippets), where editors keep
them: a list per kind with each version's status, "Copy" to start the next one."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import (
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .models import ConsentWording, NoticeVersion


class StatusColumn(Column):
    def get_value(self, instance):
        today = timezone.localdate()
        if instance.effective_date > today:
            return "Scheduled"
        current = NoticeVersion.objects.filter(kind=instance.kind).current(today)
        return "In force" if current.get(instance.kind) == instance else "Archived"


class NoticeVersionViewSet(SnippetViewSet):
    model = NoticeVersion
    icon = "doc-full"
    menu_label = "Notices"
    list_display = ["__str__", "effective_date", StatusColumn("status"), "is_sample"]
    list_filter = ["kind", "is_sample"]
    copy_view_enabled = True


class NewVersionEditView(EditView):
    """Saving an edited wording stores a new version; the one leads saw stays."""

    def save_instance(self):
        data = self.form.cleaned_data
        stored = ConsentWording.objects.get(pk=self.object.pk)
        fields = ("purpose", "language", "text")
        if all(data[name] == getattr(stored, name) for name in fields):
            return stored
        wording = ConsentWording(
            **{name: data[name] for name in fields}, created_by=self.request.user
        )
        wording.save()
        log(instance=wording, action="wagtail.create", user=self.request.user)
        return wording

    def get_success_message(self):
        return (
            f"Saved as {self.object}. Leads already received keep the wording they saw."
        )


class ConsentWordingViewSet(SnippetViewSet):
    model = ConsentWording
    icon = "tick-inverse"
    menu_label = "Consent wordings"
    list_display = ["__str__", "text", "created_at"]
    list_filter = ["purpose", "language"]
    edit_view_class = NewVersionEditView
    copy_view_enabled = False


class NoticesViewSetGroup(SnippetViewSetGroup):
    items = (NoticeVersionViewSet, ConsentWordingViewSet)
    menu_icon = "doc-full"
    menu_label = "Notices"
    menu_name = "notices"
