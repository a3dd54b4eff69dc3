"""The province wall on the documents' tables (issue 18, part 1): public awards through
their dossier, certificate checks through their nominee, document jobs through their
owner; the register (entries and counters), signatories and signing credentials by their
issuing body's key. The certificate blank stays shared for now (one active per
database). See :mod:`emulation.rowsecurity`."""

from django.db import migrations

from emulation.rowsecurity import by_body_key, province_wall, through


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0007_publicaward_correction"),
        ("dossiers", "0015_province_wall_children"),
        ("communes", "0003_province_wall"),
        ("emulation", "0017_province_wall"),
    ]

    operations = [
        province_wall("documents_publicaward", through("dossier_id", "dossiers_dossier")),
        province_wall("documents_certificatecheck", through("nominee_id", "dossiers_nominee")),
        province_wall("documents_documentjob", through("created_by_id", "emulation_user")),
        province_wall("documents_signatory", by_body_key()),
        province_wall("documents_registercounter", by_body_key()),
        province_wall("documents_outgoingdocument", by_body_key()),
        province_wall("documents_signingcredential", by_body_key()),
    ]
