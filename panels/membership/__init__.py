"""Panel membership: one selection panel per priority (a chair, experts, and voluntary and
community members), and each member's declarations of interest.

A member sees a proposal's content only once they have declared, for every eligible proposal of
their panel, no interest or an interest; a member with an interest in a proposal neither sees nor
scores it. A declaration made later takes effect at once and sets aside any score the member gave.
"""
