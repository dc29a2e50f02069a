"""Organisations shared by every round (council, police, health bodies, colleges, businesses,
voluntary and community groups), with their identifiers checked. No states; registers nothing."""
