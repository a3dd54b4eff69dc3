"""The province wall on the criteria records of communes, villages and districts (issue
18, part 1): each is visible through its unit, walled by communes 0003_province_wall. The
national criteria sets stay shared. See :mod:`emulation.rowsecurity`."""

from django.db import migrations

from emulation.rowsecurity import any_of, province_wall, through

COMMUNE = through("commune_id", "communes_commune", "key")
DISTRICT = through("district_id", "communes_district", "code")


class Migration(migrations.Migration):
    dependencies = [
        ("criteria", "0005_criteria_sets_required"),
        ("communes", "0003_province_wall"),
    ]

    operations = [
        province_wall("criteria_communegroup", COMMUNE),
        province_wall("criteria_assessment", COMMUNE),
        province_wall("criteria_recognition", COMMUNE),
        province_wall("criteria_villagerecognition", through("village_id", "communes_village")),
        province_wall("criteria_districtrecognition", DISTRICT),
        province_wall("criteria_capitaldebt", any_of(COMMUNE, DISTRICT)),
    ]
