"""Meetings with proposers: slots the officer offers, one booking per proposal (never two in a
slot), calendar invitations that update rather than duplicate, reminders the day before, and the
record of each meeting (who attended, questions and answers, notes, follow-ups).
"""
