"""URLs of the documents package, under /van-ban/ (the public list of awards is /khen-thuong/)."""

from django.urls import path

from . import (
    views,
    views_decision,
    views_dossier,
    views_lists,
    views_register,
    views_signatories,
    views_state,
    views_trust,
)

app_name = "documents"

urlpatterns = [
    path("phoi-bang-khen/", views.layout_list, name="layouts"),
    path("phoi-bang-khen/<int:pk>/", views.layout_edit, name="layout_edit"),
    path("phoi-bang-khen/<int:pk>/in-thu.pdf", views.layout_test_print, name="layout_test_print"),
    path("phoi-bang-khen/<int:pk>/in-thu/", views.layout_test_print_view, name="layout_test_view"),
    path("phoi-bang-khen/<int:pk>/dung/", views.layout_activate, name="layout_activate"),
    # the signatories of the installation's bodies (administrators)
    path("nguoi-ky/", views_signatories.signatory_list, name="signatories"),
    path("nguoi-ky/them/", views_signatories.signatory_create, name="signatory_create"),
    path("nguoi-ky/<int:pk>/", views_signatories.signatory_edit, name="signatory_edit"),
    path(
        "nguoi-ky/<int:pk>/ket-thuc/",
        views_signatories.signatory_end_view,
        name="signatory_end",
    ),
    path("tac-vu/", views.job_list, name="jobs"),
    path("tac-vu/<uuid:pk>/", views.job_detail, name="job"),
    path("tac-vu/<uuid:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("tac-vu/<uuid:pk>/tai-ve/", views.job_download, name="job_download"),
    # one dossier
    path("ho-so/<int:pk>/danh-sach.xlsx", views_dossier.nominee_list_xlsx, name="nominees_xlsx"),
    path("ho-so/<int:pk>/bang-khen/", views_dossier.certificates_start, name="certificates"),
    # the decision signed once and stored (before <slug>.pdf, which would take it)
    path(
        "ho-so/<int:pk>/quyet-dinh-ky-so.pdf", views_trust.decision_signed, name="decision_signed"
    ),
    path("ho-so/<int:pk>/<slug:slug>/", views_dossier.dossier_document, name="dossier_doc"),
    path(
        "ho-so/<int:pk>/<slug:slug>.pdf",
        views_dossier.dossier_document,
        {"fmt": "pdf"},
        name="dossier_pdf",
    ),
    path(
        "ho-so/<int:pk>/<slug:slug>.docx",
        views_dossier.dossier_document,
        {"fmt": "docx"},
        name="dossier_docx",
    ),
    path("ho-so/<int:pk>/thanh-tich/<int:nid>/", views_dossier.nominee_report, name="report"),
    path(
        "ho-so/<int:pk>/thanh-tich/<int:nid>.pdf",
        views_dossier.nominee_report,
        {"fmt": "pdf"},
        name="report_pdf",
    ),
    path(
        "ho-so/<int:pk>/thanh-tich/<int:nid>.docx",
        views_dossier.nominee_report,
        {"fmt": "docx"},
        name="report_docx",
    ),
    # a province's decision: the correcting decision as a document, the signed copies
    path(
        "quyet-dinh/<int:pk>/dinh-chinh/",
        views_decision.correction_document,
        name="correction_doc",
    ),
    path(
        "quyet-dinh/<int:pk>/dinh-chinh.pdf",
        views_decision.correction_document,
        {"fmt": "pdf"},
        name="correction_pdf",
    ),
    path(
        "quyet-dinh/<int:pk>/dinh-chinh.docx",
        views_decision.correction_document,
        {"fmt": "docx"},
        name="correction_docx",
    ),
    path(
        "quyet-dinh/<int:pk>/ky-so.pdf",
        views_decision.decision_signed_copy,
        name="decision_signed_copy",
    ),
    # the tờ trình of a state-level proposal (III.2.1), with its achievement reports
    path("de-nghi-nha-nuoc/<int:pk>/to-trinh/", views_state.state_letter_view, name="state_letter"),
    path(
        "de-nghi-nha-nuoc/<int:pk>/to-trinh.pdf",
        views_state.state_letter_pdf,
        name="state_letter_pdf",
    ),
    # lists and batches
    path("ho-so.xlsx", views_lists.queue_xlsx, name="queue_xlsx"),
    path("dot/", views_lists.rounds, name="rounds"),
    path("dot/khen-thuong.xlsx", views_lists.round_awards_xlsx, name="round_awards_xlsx"),
    # the register of outgoing documents (sổ đăng ký văn bản đi)
    path("so-van-ban-di/", views_register.register_list, name="register"),
    path("so-van-ban-di.pdf", views_register.register_pdf, name="register_pdf"),
    path("so-van-ban-di.xlsx", views_register.register_xlsx, name="register_xlsx"),
    path("dot/bao-cao-thanh-tich/", views_lists.round_reports_start, name="round_reports"),
    path("dot/nop-luu/", views_lists.round_archive_start, name="round_archive"),
    # digital signatures (issue 16): trusted roots, seal images, the signed decision
    path("chung-thu-goc/", views_trust.trusted_roots, name="trusted_roots"),
    path(
        "chung-thu-goc/<int:pk>/thoi-tin-cay/",
        views_trust.trusted_root_deactivate,
        name="trusted_root_deactivate",
    ),
    path("con-dau/", views_trust.seal_list, name="seals"),
    path("chung-thu-ky/", views_trust.credentials, name="credentials"),
    path("con-dau/<int:pk>.png", views_trust.seal_image, name="seal_image"),
]
