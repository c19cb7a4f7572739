"""The live chat in the Wagtail admin: the staff panel at /admin/chats/, its menu
item with the waiting count, and the canned replies under Snippets."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.account import BaseSettingsPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from ..admin.components import BadgeMenuItem
from .models import CannedReply, ChatConversation, ConversationState
from .services import can_take_chats, canned_replies, colleagues, is_available

STAFF_SOCKET_PATH = "/ws/chat/staff/"


def waiting_chats():
    return ChatConversation.objects.filter(
        state=ConversationState.WAITING, lead__is_spam=False
    )


def count_waiting_chats() -> int:
    return waiting_chats().count()


class LiveChatView(TemplateView):
    """The live panel. The conversations themselves come over the staff socket
    (contact/static/contact/js/live_panel.js); this page carries what the panel
    starts with."""

    template_name = "contact/chat/live_panel.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_take_chats(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            socket_path=STAFF_SOCKET_PATH,
            is_available=is_available(self.request.user),
            canned_replies=canned_replies(),
            colleagues=colleagues(),
            timeout_minutes=settings.CHAT_ACCEPT_TIMEOUT_MINUTES,
            waiting_count=count_waiting_chats(),
        )
        return context


def live_chat_menu_item() -> BadgeMenuItem:
    """ "Live chat (2 waiting)", for whoever may take chats."""
    return BadgeMenuItem(
        "Live chat",
        reverse("contact_live_chat"),
        count=count_waiting_chats,
        wording="waiting",
        shown_to=can_take_chats,
        icon_name="comment",
        order=151,
    )


class CannedReplyViewSet(SnippetViewSet):
    model = CannedReply
    icon = "comment"
    menu_label = "Canned replies"
    list_display = ["title", "text"]
    search_fields = ["title"]
    sort_order_field = "sort_order"


class SpeaksSpanishForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["speaks_spanish"]


class SpeaksSpanishPanel(BaseSettingsPanel):
    """In Account: whoever takes chats says whether they speak Spanish, so a
    colleague can hand a Spanish-speaking visitor to them."""

    name = "languages"
    title = "Languages"
    order = 450
    form_class = SpeaksSpanishForm

    def is_active(self):
        return can_take_chats(self.user)
