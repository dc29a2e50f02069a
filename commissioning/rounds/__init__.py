"""Rounds and their stage machine: set-up -> priority workshop -> specifications -> call for
proposals -> selection panels -> decisions and award -> monitoring -> closed, one stage at a time
behind the guards each stage registers; people's roles in a round and invitations. Registers the
placeholder guards of the stages not built yet, so a round cannot enter them."""
