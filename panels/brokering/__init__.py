"""Brokering collaboration: the panel asks a proposer to involve agencies from another proposal, or
asks proposers to merge. Each proposer answers; a merge to which every lead consents makes a
combined proposal linked to its originals, which become merged.
"""
