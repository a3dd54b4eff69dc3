"""Who may do what with the documents (predicates: emulation/permissions.py).

A dossier's documents are open to whoever may see the dossier (``dossiers.read_dossier``:
the views start from its selector); these are the rest.
"""

from __future__ import annotations

import rules

from emulation.permissions import is_admin, is_provincial, is_reviewer


@rules.predicate
def started_job(user, job) -> bool:
    return (
        job is not None
        and bool(getattr(user, "is_authenticated", False))
        and (job.created_by_id == user.pk)
    )


# certificate layouts (the blank award sheets)
rules.add_perm("documents.manage_layouts", is_admin)
# the signatories of the installation's bodies (who signs, title, TM./KT./Q., dates)
rules.add_perm("documents.manage_signatories", is_admin)
# the award certificates of a decided dossier, printed in the background
rules.add_perm("documents.print_certificates", is_provincial)
# a round's achievement reports as one ZIP, in the background
rules.add_perm("documents.batch_reports", is_provincial)
# the archive package of a decided round (PDF/A-2b and metadata): the province's board,
# who keeps the round's file, and administrators
rules.add_perm("documents.archive_round", is_admin | is_reviewer)
# a background job: its starter's; administrators see everyone's. Exactly the rows of
# dossiers.documents.jobs.jobs_visible_to.
rules.add_perm("documents.read_job", is_admin | started_job)
# the register of outgoing documents (sổ đăng ký văn bản đi): the province's reviewers,
# who issue its documents, and administrators
rules.add_perm("documents.read_register", is_admin | is_reviewer)
# digital signatures: the province's trusted root certificates and its bodies' seal images
rules.add_perm("documents.manage_signatures", is_admin)
