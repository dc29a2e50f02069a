"""Partnerships: what outlives one round. A partnership has a name and a place, its officers
(who start its rounds) and its board (who take part in each round), and it owns the city's
strategic plan and the mailing list its rounds use. It has no states and registers no guard."""
