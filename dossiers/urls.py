"""URLs of the dossiers (mounted at /ho-so/)."""

from django.urls import path

from .views import (
    decisions,
    dossier,
    lists,
    nominees,
    notifications,
    propose,
    review,
    state_awards,
    uploads,
)

app_name = "dossiers"

urlpatterns = [
    path("", lists.dossier_list, name="list"),
    path("tao-moi/", dossier.dossier_create, name="create"),
    path("tu-ds-du-dieu-kien/", propose.propose_qualifying, name="propose_qualifying"),
    path("xu-ly-hang-loat/", lists.dossier_bulk, name="bulk"),
    path("thong-bao/", notifications.notification_list, name="notifications"),
    path("thong-bao/da-doc/", notifications.notification_read, name="notifications_read"),
    path("quyet-dinh/", decisions.decision_list, name="decisions"),
    path("quyet-dinh/moi/", decisions.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/dinh-chinh/", decisions.decision_correct, name="decision_correct"),
    # up the ladder (III.2.1): state-level proposals
    path("de-nghi-nha-nuoc/", state_awards.state_proposal_list, name="state_proposals"),
    path("de-nghi-nha-nuoc/moi/", state_awards.state_proposal_create, name="state_proposal_create"),
    path(
        "de-nghi-nha-nuoc/<int:pk>/",
        state_awards.state_proposal_detail,
        name="state_proposal_detail",
    ),
    path(
        "de-nghi-nha-nuoc/<int:pk>/doi-tuong/",
        state_awards.state_proposal_nominees,
        name="state_proposal_nominees",
    ),
    path(
        "de-nghi-nha-nuoc/<int:pk>/gui/",
        state_awards.state_proposal_send,
        name="state_proposal_send",
    ),
    path(
        "de-nghi-nha-nuoc/<int:pk>/ket-qua/",
        state_awards.state_proposal_decide,
        name="state_proposal_decide",
    ),
    path("<int:pk>/", dossier.dossier_detail, name="detail"),
    path("<int:pk>/sua/", dossier.dossier_edit, name="edit"),
    path("<int:pk>/chuyen/<slug:action>/", review.dossier_transition, name="transition"),
    path("<int:pk>/doi-tuong/them/", nominees.nominee_add, name="nominee_add"),
    path("<int:pk>/doi-tuong/kiem-tra/", nominees.nominee_check, name="nominee_check"),
    path("<int:pk>/doi-tuong/thon/", nominees.village_options, name="village_options"),
    path("<int:pk>/doi-tuong/<int:nid>/sua/", nominees.nominee_edit, name="nominee_edit"),
    path("<int:pk>/doi-tuong/<int:nid>/xoa/", nominees.nominee_remove, name="nominee_remove"),
    path("<int:pk>/doi-tuong/<int:nid>/danh-gia/", review.nominee_attest, name="nominee_attest"),
    path(
        "<int:pk>/doi-tuong/<int:nid>/chua-xet/", review.nominee_restrict, name="nominee_restrict"
    ),
    path("<int:pk>/tai-lieu/tai-len/", uploads.attachment_upload, name="attachment_upload"),
    path("<int:pk>/tai-lieu/<int:aid>/", uploads.attachment_download, name="attachment_download"),
    path("<int:pk>/tai-lieu/<int:aid>/go/", uploads.attachment_remove, name="attachment_remove"),
    path("<int:pk>/da-bo/<int:rid>/khoi-phuc/", uploads.removed_restore, name="removed_restore"),
]
