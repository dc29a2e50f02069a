"""Award and decline letters, made from approved decisions.

When a decision is approved (or a changed decision approved again), its letter is a Document of
kind ``panels.letter`` whose subject is the decision, at the decision's version: an award letter
(the amounts funded per year beside the amounts asked for, the conditions with their due dates,
what happens next) or a decline letter (the feedback and the panel's moderated scores per criterion
with their rationale). The approving transaction records the document and one message per
recipient (the lead's contact and each confirmed partner's contact) in the outbox, with the PDF
attached; a Celery task renders it, sends the messages and writes the audit entries ("prepared",
"emailed"). Every step is safe to repeat, so a retry or a second delivery sends nothing twice; a
periodic sweep finishes letters whose task never ran. Older versions stay readable.
"""
