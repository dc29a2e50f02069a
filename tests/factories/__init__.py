"""Factory Boy factories for the tests, one module per app."""
