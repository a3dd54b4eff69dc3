"""Background tasks (django-tasks): run by the worker, ``manage.py db_worker``."""

from django_tasks import task

from .jobs import job_run


@task()
def run_document_job(job_id: str) -> str:
    """Produce the documents of one :class:`DocumentJob`; returns the result's file name."""
    return job_run(job_id)
