"""Scoring: each panel's weighted criteria and their level descriptors, members' score sheets
(a draft until submitted), the chair's moderation, the ranking and a recommendation per proposal,
and each member's panel pack.

Registers the guard for entering decisions and award: every eligible proposal has a moderated
score and a recommendation.
"""
