"""Long CSV imports run in the background. A file of more than a few hundred rows is kept in the
database as an import job and checked and written by a Celery task while its page shows how far it
has gone. States: waiting -> checking -> imported, or refused (with every problem, row by row), or
failed. Registers nothing; its sweep runs on the beat schedule in settings."""
