"""Background tasks (django-tasks): run by the worker, ``manage.py db_worker``."""

from django_tasks import task

from . import jobs  # a module import: jobs imports this module too


@task()
def run_document_job(job_id: str) -> str:
    """Produce the documents of one :class:`DocumentJob`; returns the result's file name."""
    return jobs.job_run(job_id)
