"""The consortium: partner organisations invited by the lead, who confirm or decline by a link.

A partner is invited, then confirmed or declined. Submission needs at least as many confirmed
organisations (the lead counting) as the specification's minimum.
"""
