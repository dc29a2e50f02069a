"""Scoring and moderation: the panel's weighted criteria with a descriptor for every level (fixed
once the first score is entered), each member's score sheet (a draft until submitted; set aside when
the member later declares an interest), the chair's consensus per criterion and recommendation per
proposal, and the panel's ranking. Registers the guard for entering decisions and award."""
