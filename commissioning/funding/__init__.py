"""Where the round's money comes from: its funding sources (each contributing agency, pooled or aligned, an
amount for each year of the round), the check of the pooled sources against the round's budget, and the
budget summaries (available, allocated, committed, left) shown on the round's and specifications' pages.

No states and no guard: sources may change at any stage, except that a source paying for a decision is
never removed nor cut below what it pays.
"""
