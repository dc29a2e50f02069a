from django.db import models

from commissioning.enums import EmailStatus


class OutgoingEmail(models.Model):
    """A message recorded before it is sent, so that a broker outage delays it but
    never loses it, and a retry never sends it twice (see commissioning.services.mail)."""

    round = models.ForeignKey("Round", on_delete=models.CASCADE, null=True, blank=True, related_name="emails")
    dedup_key = models.CharField(max_length=255, unique=True)
    to_email = models.EmailField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # A message carrying a secret (a sign-in or password-reset link, a code, an invitation) loses its
    # body once sent or given up, and its body is never shown to anyone.
    secret = models.BooleanField(default=False)
    attachment = models.ForeignKey("Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to_email} ({self.status})"
