"""Many documents at once, in the background, with progress and a kept result.

A job kind registers a producer: ``producer(job, progress) -> (file name, bytes)``,
calling ``progress(done, total)`` as it goes. :func:`job_start` records the job
and enqueues :func:`dossiers.documents.tasks.run_document_job` on django-tasks
(database backend; the worker is ``manage.py db_worker``, started by
scripts/worker.sh). A failure is written on the job for the user to read, and
the task is marked failed too; a job whose task failed outside the producer
(the worker died) is marked failed when its page is next read.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from emulation.permissions import is_admin
from emulation.provinces import in_provinces, installation_provinces

from . import tasks  # a module import: tasks imports this module too
from .models import DocumentJob, JobStatus

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Producer = Callable[[DocumentJob, Progress], tuple[str, bytes]]

_PRODUCERS: dict[str, Producer] = {}

# A job still queued after this long probably has no worker to run it.
STALE_QUEUE = dt.timedelta(minutes=2)


class JobError(Exception):
    """A producer's failure with a message for the user (Vietnamese)."""


def register_producer(kind: str) -> Callable[[Producer], Producer]:
    def decorator(producer: Producer) -> Producer:
        _PRODUCERS[kind] = producer
        return producer

    return decorator


def job_start(*, kind: str, params: dict, label: str, by) -> DocumentJob:
    """Record a job and hand it to the background worker."""
    if kind not in _PRODUCERS:
        raise ValueError(f"unknown job kind {kind!r}")
    with transaction.atomic():
        job = DocumentJob.objects.create(kind=kind, params=params, label=label, created_by=by)
        result = tasks.run_document_job.enqueue(str(job.pk))
        job.task_id = str(result.id)
        job.save(update_fields=["task_id"])
    return job


def _progress(job: DocumentJob) -> Progress:
    def report(done: int, total: int) -> None:
        DocumentJob.objects.filter(pk=job.pk).update(done=done, total=total)

    return report


def job_run(job_id: str) -> str:
    """Run one job to its end (called by the task in the worker). Returns the file name."""
    job = DocumentJob.objects.get(pk=job_id)
    if job.status == JobStatus.DONE:
        return job.result_name
    DocumentJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), done=0, message=""
    )
    try:
        name, data = _PRODUCERS[job.kind](job, _progress(job))
    except Exception as exc:
        if isinstance(exc, JobError):
            message = str(exc)
        else:
            message = _(
                "Không tạo được văn bản do lỗi hệ thống (%(error)s). Hãy thử lại hoặc báo quản trị."
            ) % {"error": type(exc).__name__}
        DocumentJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), message=message
        )
        logger.exception("document job %s failed", job.pk)
        raise
    job.refresh_from_db()
    job.result.save(name, ContentFile(data), save=False)
    job.result_name = name
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.done = job.total or job.done
    job.save(update_fields=["result", "result_name", "status", "finished_at", "done"])
    return name


def job_refresh(job: DocumentJob) -> DocumentJob:
    """Notice a job whose task failed outside the producer (e.g. the worker was killed)."""
    if job.is_finished or not job.task_id:
        return job
    try:
        result = default_task_backend.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return job
    if result.status == TaskResultStatus.FAILED:
        job.status = JobStatus.FAILED
        job.finished_at = result.finished_at or timezone.now()
        job.message = job.message or _("Tiến trình nền gặp lỗi khi tạo văn bản. Hãy thử lại.")
        job.save(update_fields=["status", "finished_at", "message"])
    return job


def job_looks_stuck(job: DocumentJob) -> bool:
    return job.status == JobStatus.QUEUED and timezone.now() - job.created_at > STALE_QUEUE


def jobs_visible_to(user):
    """A user's own jobs; administrators see everyone's."""
    qs = DocumentJob.objects.select_related("created_by")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_admin(user):
        # everyone's of this installation: not another province's sharing the database
        return qs.filter(in_provinces("created_by__province_id", installation_provinces()))
    return qs.filter(created_by=user)
