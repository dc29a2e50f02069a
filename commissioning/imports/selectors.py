from commissioning.imports.models import ImportJob


def import_job_for(user, job_id, *, importer, round_):
    """The job ``user`` started for this import (and round), or None: nobody sees another's uploads."""
    return ImportJob.objects.filter(pk=job_id, created_by=user, importer=importer, round=round_).first()
