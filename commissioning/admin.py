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
    OutgoingEmail,
    Document,
]:
    admin.site.register(model)
