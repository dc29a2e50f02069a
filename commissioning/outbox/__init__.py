"""The email outbox: every message is recorded before it is sent, so a broker outage delays it
but never loses it, and a retry never sends it twice. States: waiting -> being sent -> sent, or
failed. Registers nothing; its sweep runs on the beat schedule in settings."""
