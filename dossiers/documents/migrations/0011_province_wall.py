"""The province wall on the documents' tables (issue 18, part 1): public awards through
their dossier, certificate checks through their nominee, document jobs through their
owner; the register (entries and counters), signatories and signing credentials by their
issuing body's key; trusted roots and seal images by their province, signed documents
through their dossier. The certificate blank stays shared for now (one active per
database). See :mod:`emulation.rowsecurity`."""

from django.db import migrations

from emulation.rowsecurity import by_body_key, by_province, province_wall, through


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0010_signatory_version"),
        ("dossiers", "0018_province_wall_children"),
        ("communes", "0003_province_wall"),
        ("emulation", "0018_province_wall"),
    ]

    operations = [
        province_wall("documents_publicaward", through("dossier_id", "dossiers_dossier")),
        province_wall("documents_certificatecheck", through("nominee_id", "dossiers_nominee")),
        province_wall("documents_documentjob", through("created_by_id", "emulation_user")),
        province_wall("documents_signatory", by_body_key()),
        province_wall("documents_registercounter", by_body_key()),
        province_wall("documents_outgoingdocument", by_body_key()),
        province_wall("documents_signingcredential", by_body_key()),
        province_wall("documents_trustedroot", by_province()),
        province_wall("documents_sealimage", by_province()),
        province_wall("documents_signeddocument", through("dossier_id", "dossiers_dossier")),
    ]
