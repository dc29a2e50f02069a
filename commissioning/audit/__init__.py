"""The audit trail: who did what, when, with the state before and after, for every change to a
decision, a score, a dot, money or a stage. Entries are only ever added. Registers nothing."""
