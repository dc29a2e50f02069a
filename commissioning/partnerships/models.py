from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commissioning.organisations.models import Organisation
from commissioning.partnerships.enums import PartnershipRole


class Partnership(models.Model):
    """A local strategic partnership: the home of its plan, its mailing list and its people."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    place = models.CharField(_("place"), max_length=200, help_text=_("The city or district it works for"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnershipMember(models.Model):
    """A person's standing in a partnership, kept from one round to the next."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_roles")
    role = models.CharField(_("role"), max_length=20, choices=PartnershipRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_members",
        verbose_name=_("on behalf of"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user", "role"], name="unique_partnership_user_role")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.partnership})"
