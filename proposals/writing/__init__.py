"""Writing a proposal: one consortium's answer to one published specification, section by section.

A proposal is a draft until its lead submits it; the sections (activity, partners, indicators,
evaluation, budget, client group, sponsor, cross-cutting themes, milestones and outputs, risks,
attachments) each save on their own. Every model of a proposal lives here, so that the areas above
(consortium, submission, review) read and change it through their own services.
"""
