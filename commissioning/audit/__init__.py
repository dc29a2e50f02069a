"""The audit trail: who did what, when, with the state before and after, for every change to a
decision, a score, a dot, money or a stage. Entries are only ever added. ``sentences`` reads them as
sentences; each area registers its own actions' sentences from its ``hooks.py``."""
