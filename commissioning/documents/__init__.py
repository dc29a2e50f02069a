"""Documents: PDFs rendered by WeasyPrint in a Celery task from an HTML template and stored.
States: being prepared -> ready, or failed. Each stage registers its PDF kinds and their builders."""
