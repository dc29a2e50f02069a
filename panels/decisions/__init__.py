"""Decisions: the partnership's final decision on each eligible proposal (fund, fund with conditions,
do not fund; the amount a year, which may be less than asked; which funding source pays how much),
recorded by an officer within the budget and approved by a second officer or the board's chair. A
decision awaits approval, then is approved; a change after approval needs a reason, makes a new
version and awaits approval again. Registers the decisions' part of the guard for entering
monitoring and the money approved decisions allocate."""
