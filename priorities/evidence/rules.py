import rules

from commissioning.rounds.rules import manages_round, sees_evidence

rules.add_perm("priorities.view_evidence", sees_evidence)

rules.add_perm("priorities.change_evidence", manages_round)
