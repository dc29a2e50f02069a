"""Review by officers before the panels: the proposal lists, eligibility, exports and similar proposals.

It registers the guard for leaving the call for proposals: the deadline has passed (with every
extension) and every submitted proposal has an eligibility decision.
"""
