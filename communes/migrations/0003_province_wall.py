"""The province wall on the unit tables (issue 18, part 1): a district or commune-level
unit is visible only to its province's installation (and its lineage), a village and a
unit's kind periods through their commune. See :mod:`emulation.rowsecurity` (the
provinces and the reorganisation record stay shared: the lineage is read from them)."""

from django.db import migrations

from emulation.rowsecurity import by_province, province_wall, through

COMMUNE = through("commune_id", "communes_commune", "key")


class Migration(migrations.Migration):
    dependencies = [("communes", "0002_unit_keys")]

    operations = [
        province_wall("communes_district", by_province()),
        province_wall("communes_commune", by_province(nullable=True)),
        province_wall("communes_communekindperiod", COMMUNE),
        province_wall("communes_village", COMMUNE),
    ]
