"""Background tasks (django-tasks): run by the worker, ``manage.py db_worker``."""

from django_tasks import task

from . import jobs  # a module import: jobs imports this module too


@task()
def run_document_job(job_id: str) -> str:
    """Produce the documents of one :class:`DocumentJob`; returns the result's file name."""
    return jobs.job_run(job_id)


@task()
def sign_issued_document(
    decision_id: int | None = None, dossier_id: int | None = None, by_id: int | None = None
) -> str:
    """Sign an issued decision once it is recorded (:func:`.issued.sign_issued`)."""
    from . import issued  # noqa: PLC0415 - issued imports this module (its hook enqueues here)

    try:
        row = issued.sign_issued(decision_id=decision_id, dossier_id=dossier_id, by_id=by_id)
    except Exception as exc:
        # the decision's page says so (not "being signed" for ever), then the task fails
        issued.signing_failed(
            error=exc, decision_id=decision_id, dossier_id=dossier_id, by_id=by_id
        )
        raise
    return row.key if row is not None else ""
