"""The workflow's moves (submit, receive, appraise, return, approve, decide, withdraw)
and the Ban TĐKT's judgement on a nominee's judged standards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import forms, selectors, services, verdicts
from ..documents.decision_numbers import decision_signatories, signatory_option
from ..workflow import TRANSITIONS
from .common import _dossier, dossier_url

# the moves that record the nominees' verdicts (and so show them before confirming)
VERDICT_ACTIONS = frozenset({"receive", "appraise", "approve", "decide"})


@login_required
@require_http_methods(["GET", "POST"])
def dossier_transition(request, pk: int, action: str):
    """Confirm and apply one workflow move; the service decides whether it is allowed."""
    dossier = _dossier(request, pk)
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise Http404
    if not request.user.has_perm(transition.permission, dossier):
        raise PermissionDenied
    nominees = list(selectors.nominees_of(dossier))
    # the receive, appraise, approve and decide screens show the verdicts they will
    # record, judged now, and carry their digest: a confirmation from a screen loaded
    # before a change is refused (services.StaleVerdicts)
    records_verdicts = action in VERDICT_ACTIONS
    if records_verdicts:
        verdicts.current(dossier, nominees)
    token = verdicts.fingerprint(nominees) if records_verdicts else ""
    data = request.POST if request.method == "POST" else None
    form: forms.DecideForm | forms.PerNomineeForm | forms.NoteForm
    signatories = {s.pk: s for s in decision_signatories()} if action == "decide" else {}
    if action == "decide":
        form = forms.DecideForm(
            data,
            nominees=nominees,
            signatories=[(pk, signatory_option(s)) for pk, s in signatories.items()],
        )
    elif action == "return":
        form = forms.PerNomineeForm(
            data, nominees=nominees, label=_("Yêu cầu bổ sung"), required=True
        )
    elif action == "appraise":
        # the facts the current verdicts wait for the appraiser to state
        pending = {n.pk: keys for n in nominees if (keys := verdicts.pending_settles(n))}
        form = forms.AppraiseForm(
            data, nominees=nominees, label=_("Ý kiến thẩm định"), pending=pending
        )
    elif action == "approve":
        form = forms.ApproveForm(data, nominees=nominees)
    else:
        form = forms.NoteForm(data, required=transition.note_required)
    problems: list = []
    problems_title = ""
    stale = False
    if request.method == "POST" and form.is_valid():
        kwargs = {"dossier": dossier, "by": request.user, "note": form.cleaned_data["note"]}
        if records_verdicts:
            # every confirmation screen sends it; a post without one is not checked
            kwargs["expected_verdicts"] = request.POST.get("verdicts_token")
        if action == "decide":
            assert isinstance(form, forms.DecideForm)
            kwargs.update(
                decision_date=form.cleaned_data["decision_date"],
                outcomes=form.outcomes(),
                signatory=signatories.get(form.cleaned_data["signatory"] or 0),
            )
        elif action == "return":
            assert isinstance(form, forms.PerNomineeForm)
            kwargs["comments"] = form.per_nominee()
        elif action == "appraise":
            assert isinstance(form, forms.AppraiseForm)
            kwargs["nominee_notes"] = form.per_nominee()
            kwargs["settled"] = form.settled()
            kwargs["disagreements"] = form.disagreements()
        elif action == "approve":
            assert isinstance(form, forms.ApproveForm)
            kwargs["overrides"] = form.overrides()
        try:
            if action == "decide":
                _decide_alone(**kwargs)
            else:
                services.ACTIONS[action](**kwargs)
        except services.NotAllowed as exc:
            raise PermissionDenied from exc
        except services.Invalid as exc:
            for field, message in exc.errors.items():
                if hasattr(form, "apply_errors"):
                    form.apply_errors({field: message})
                else:
                    form.add_error(field if field in form.fields else None, message)
        except services.StaleVerdicts as exc:
            # nothing was recorded; the screen shows the new verdicts and their digest
            nominees = verdicts.current(dossier, list(selectors.nominees_of(dossier)))
            token = verdicts.fingerprint(nominees)
            stale = True
            form.add_error(None, str(exc))
        except services.Blocked as exc:
            problems = exc.problems
            problems_title = str(exc)
            form.add_error(None, str(exc))
        except services.WrongState as exc:
            messages.error(request, str(exc))
            return redirect("dossiers:detail", pk=dossier.pk)
        else:
            messages.success(
                request,
                _("Đã “%(a)s” hồ sơ %(r)s.") % {"a": transition.label, "r": dossier.reference},
            )
            return redirect("dossiers:detail", pk=dossier.pk)
    elif request.method == "GET" and dossier.status not in transition.sources:
        messages.error(
            request,
            _("Không thể “%(a)s”: hồ sơ đang ở trạng thái “%(s)s”.")
            % {"a": transition.label, "s": dossier.get_status_display()},
        )
        return redirect("dossiers:detail", pk=dossier.pk)
    elif request.method == "GET" and action in ("submit", "resubmit"):
        problems = services.dossier_problems(dossier, refresh=False)
    return render(
        request,
        "dossiers/transition.html",
        {
            "dossier": dossier,
            "transition": transition,
            "form": form,
            "problems": problems,
            "problems_title": problems_title,
            "nominees": nominees,
            "records_verdicts": records_verdicts,
            "verdicts_token": token,
            "stale": stale,
            "ruleset": verdicts.dossier_ruleset(dossier) if records_verdicts else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _decide_alone(
    *, dossier, by, note, decision_date, outcomes, signatory, expected_verdicts=None
) -> None:
    """The dossier page's decision: a decision of the province covering this dossier
    alone, numbered by the register as every decision is (issue 16, part 1)."""
    transition = TRANSITIONS["decide"]
    if dossier.status not in transition.sources:  # as the other moves answer
        raise services.WrongState(
            _("Không thể “%(a)s”: hồ sơ đang ở trạng thái “%(s)s”.")
            % {"a": transition.label, "s": dossier.get_status_display()}
        )
    services.decision_record(
        by=by,
        dossiers=[dossier],
        date=decision_date,
        outcomes=outcomes,
        note=note,
        expected_verdicts={dossier.pk: expected_verdicts} if expected_verdicts else None,
        signatory=signatory,
    )


@login_required
@require_POST
def nominee_attest(request, pk: int, nid: int):
    dossier = _dossier(request, pk)
    nominee = get_object_or_404(dossier.nominees, pk=nid)
    form = forms.AttestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn Đạt / Không đạt và ghi nhận xét."))
        return redirect("dossiers:detail", pk=dossier.pk)
    try:
        services.nominee_attest(
            nominee=nominee,
            by=request.user,
            attested=form.cleaned_data["attested"],
            note=form.cleaned_data["note"],
        )
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    except services.DossierError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ghi đánh giá cho %(n)s.") % {"n": nominee.name})
    return redirect(f"{dossier_url(dossier)}#nominee-{nominee.pk}")


@login_required
@require_POST
def nominee_restrict(request, pk: int, nid: int):
    """The board records a case of Nghị định 152/2025/NĐ-CP, Điều 4, with its document."""
    dossier = _dossier(request, pk)
    nominee = get_object_or_404(dossier.nominees, pk=nid)
    form = forms.RestrictionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Chưa ghi được: %(e)s")
            % {"e": "; ".join(f"{form.fields[f].label}: {e[0]}" for f, e in form.errors.items())},
        )
        return redirect(f"{dossier_url(dossier)}#nominee-{nominee.pk}")
    try:
        services.nominee_restriction_add(nominee=nominee, by=request.user, **form.cleaned_data)
    except services.NotAllowed as exc:
        raise PermissionDenied from exc
    except services.DossierError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã ghi trường hợp của %(n)s.") % {"n": nominee.name})
    return redirect(f"{dossier_url(dossier)}#nominee-{nominee.pk}")
