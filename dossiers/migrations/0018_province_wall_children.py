"""The province wall on the rest of the dossiers' tables (issue 18, part 1; dossiers and
accounts since 0008_province_wall): decisions by their province; nominees, attachments,
removed items and history events through their dossier; restrictions through their
nominee; notifications through their recipient; state-level proposals by their
province, their entries through the proposal. See :mod:`emulation.rowsecurity`."""

from django.db import migrations

from emulation.rowsecurity import by_province, province_wall, through

DOSSIER = through("dossier_id", "dossiers_dossier")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0017_decision_register_entry_and_signatory")]

    operations = [
        province_wall("dossiers_decision", by_province()),
        province_wall("dossiers_nominee", DOSSIER),
        province_wall("dossiers_restriction", through("nominee_id", "dossiers_nominee")),
        province_wall("dossiers_attachment", DOSSIER),
        province_wall("dossiers_removeditem", DOSSIER),
        province_wall("dossiers_dossierevent", DOSSIER),
        province_wall("dossiers_notification", through("recipient_id", "emulation_user")),
        province_wall("dossiers_stateproposal", by_province()),
        province_wall(
            "dossiers_stateproposalentry", through("proposal_id", "dossiers_stateproposal")
        ),
    ]
