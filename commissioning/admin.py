from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from commissioning.accounts.models import User
from commissioning.audit.models import AuditEntry
from commissioning.documents.models import Document
from commissioning.organisations.models import Organisation
from commissioning.outbox.models import OutgoingEmail
from commissioning.partnerships.models import Partnership, PartnershipMember
from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome
from commissioning.rounds.models import Invitation, Round, RoundRole


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "organisations"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    filter_horizontal = ["organisations"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "round"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox, read only. The body of a message carrying a secret (a sign-in or password-reset
    link, a code, an invitation) is never shown, not even while it waits to be sent."""

    list_display = ["created_at", "to_email", "subject", "status", "sent_at"]
    list_filter = ["status"]
    BODY = ("body_text", "body_html", "headers")

    def get_fields(self, request, obj=None):
        fields = [f.name for f in OutgoingEmail._meta.fields if f.name != "id"]
        if obj is None or obj.secret:
            fields = [name for name in fields if name not in self.BODY]
        return fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for model in [
    Organisation,
    Partnership,
    PartnershipMember,
    Round,
    RoundRole,
    Invitation,
    StrategicOutcome,
    Indicator,
    IndicatorReading,
    Document,
]:
    admin.site.register(model)
