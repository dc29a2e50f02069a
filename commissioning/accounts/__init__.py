"""Accounts: people (email is the login), the account adapter that sends account email through
the outbox, and the rule that officers set up two-factor authentication. No states; registers nothing."""
