"""Bidders: the organisations registered to bid in a round, the people who act for them, and a
bidder's dashboard. A registration has no states; it is what lets an organisation lead or join a
proposal in the round."""
