import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("emulation", "0009_plan_bac_kan")]

    operations = [
        migrations.AlterField(
            model_name="ruleset",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="rulesets",
                to="emulation.plan",
                verbose_name="kế hoạch",
            ),
        ),
        migrations.AlterField(
            model_name="plantarget",
            name="plan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="targets",
                to="emulation.plan",
                verbose_name="kế hoạch",
            ),
        ),
    ]
