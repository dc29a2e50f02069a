"""Panel membership: one selection panel per priority (a chair, experts, and voluntary and
community members), and each member's declarations of interest.

An officer sets up a priority's panel and adds its members: a person with an account at once, a
person without one through the round's invitation (they take their seat once registered). A member
sees a proposal's content only once they have declared, for every eligible proposal of their panel,
no interest or an interest; a member with an interest in a proposal neither sees nor scores it. A
declared interest stays declared. A declaration made later takes effect at once: the callbacks of
``events`` run in its transaction (scoring sets aside any score the member gave that proposal).

Its hooks add the panels to the round's page, a member's declarations waiting to their home page,
and the audit trail's sentences.
"""
