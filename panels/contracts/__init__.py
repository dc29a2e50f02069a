"""Contracts with funded lead organisations.

An approved decision to fund (with or without conditions) makes a draft contract from the decision
and the proposal: the value per year, its dates, conditions, indicators with baselines and yearly
targets, milestones, outputs, the payment schedule (quarterly in arrears by default, each instalment
released only once that quarter's monitoring report is accepted) and the reporting schedule, the
sponsor and the sub-group (the priority's) that will monitor it.

A contract is a series of versions. Version states: draft (officers edit it) -> sent (its PDF is
rendered and emailed to the lead's contact) -> accepted (by a person who acts for the lead
organisation, recording who, when and from which address; never changed again) -> superseded (by an
accepted variation). An officer may take a sent version back to draft before it is accepted. A
variation is a new version, a draft copy of the accepted one, with its reason.

Who accepts: any signed-in person who acts for the lead organisation (the people of the lead
organisation, the same people who led the proposal); the email goes to the proposal's lead contact.
People of confirmed partner organisations read the contract; officers read and edit all.

Guard: the round enters monitoring only when every funded proposal's lead has accepted its contract.
"""
