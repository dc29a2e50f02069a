"""The Celery tasks of every area of the proposals stage (autodiscovered through this module)."""

from proposals.review import tasks as review_tasks

__all__ = ["review_tasks"]
