"""Dates shown the UK way in full ("27 March 2027") wherever a template shows one without a format."""
