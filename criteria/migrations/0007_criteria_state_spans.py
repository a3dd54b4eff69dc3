"""Criteria state spans: the criteria each commune met, per set, between two dates,
kept by PostgreSQL triggers from the live assessments (see CriteriaStateSpan).

The spans are rebuilt per commune by ``criteria_state_rebuild(codes)`` (NULL: every
commune): the last live assessment of each (commune, criterion, day), its change
against the day before as +/- the criterion's bit, and a running sum of those changes
per (commune, set) in date order. Statement-level triggers with transition tables call
it once per INSERT / UPDATE / DELETE (and COPY) with the communes the statement touched;
rebuilds of the same commune are serialised by transaction-level advisory locks on
256 buckets of the commune codes, taken in order, so concurrent writers never leave a
stale span. SQLite (the demo) has no spans: its reads scan the assessments.
"""

import django.db.models.deletion
from django.db import migrations, models

from emulation.rowsecurity import province_wall, through

CREATE = r"""
CREATE OR REPLACE FUNCTION criteria_state_rebuild(codes text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF codes IS NULL THEN
        PERFORM pg_advisory_xact_lock(7319, b) FROM generate_series(0, 255) AS b;
        DELETE FROM criteria_criteriastatespan;
    ELSE
        IF cardinality(codes) = 0 THEN
            RETURN;
        END IF;
        PERFORM pg_advisory_xact_lock(7319, b)
        FROM (SELECT DISTINCT mod(abs(hashtext(c)), 256) AS b FROM unnest(codes) AS c ORDER BY 1) AS k;
        DELETE FROM criteria_criteriastatespan WHERE commune_id = ANY(codes);
    END IF;
    INSERT INTO criteria_criteriastatespan (commune_id, criteria_set_id, valid_from, valid_to, met_mask)
    WITH daily AS (
        SELECT DISTINCT ON (a.commune_id, a.criterion_id, a.assessed_on)
               a.commune_id, a.criterion_id, a.assessed_on, a.met
        FROM criteria_assessment a
        WHERE a.replaced_by_id IS NULL AND (codes IS NULL OR a.commune_id = ANY(codes))
        ORDER BY a.commune_id, a.criterion_id, a.assessed_on, a.id DESC
    ), steps AS (
        SELECT d.commune_id, cr.criteria_set_id, d.assessed_on,
               ((d.met::int - (lag(d.met, 1, false) OVER (
                    PARTITION BY d.commune_id, d.criterion_id ORDER BY d.assessed_on))::int
               )::bigint * (1::bigint << cr.number)) AS delta
        FROM daily d JOIN criteria_criterion cr ON cr.id = d.criterion_id
    ), dated AS (
        SELECT commune_id, criteria_set_id, assessed_on, sum(delta) AS delta
        FROM steps GROUP BY commune_id, criteria_set_id, assessed_on
    )
    SELECT commune_id, criteria_set_id, assessed_on,
           lead(assessed_on) OVER w, (sum(delta) OVER w)::bigint
    FROM dated
    WINDOW w AS (PARTITION BY commune_id, criteria_set_id ORDER BY assessed_on);
END
$$;

CREATE OR REPLACE FUNCTION criteria_assessment_spans_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM criteria_state_rebuild(ARRAY(SELECT DISTINCT commune_id FROM new_rows));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION criteria_assessment_spans_old() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM criteria_state_rebuild(ARRAY(SELECT DISTINCT commune_id FROM old_rows));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION criteria_assessment_spans_both() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM criteria_state_rebuild(ARRAY(
        SELECT commune_id FROM new_rows UNION SELECT commune_id FROM old_rows));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION criteria_assessment_spans_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM criteria_criteriastatespan;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION criteria_criterion_spans() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM criteria_state_rebuild(ARRAY(
        SELECT DISTINCT commune_id FROM criteria_assessment WHERE criterion_id = NEW.id));
    RETURN NULL;
END
$$;

CREATE TRIGGER criteria_assessment_spans_insert AFTER INSERT ON criteria_assessment
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION criteria_assessment_spans_new();
CREATE TRIGGER criteria_assessment_spans_update AFTER UPDATE ON criteria_assessment
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION criteria_assessment_spans_both();
CREATE TRIGGER criteria_assessment_spans_delete AFTER DELETE ON criteria_assessment
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION criteria_assessment_spans_old();
CREATE TRIGGER criteria_assessment_spans_truncate AFTER TRUNCATE ON criteria_assessment
    FOR EACH STATEMENT EXECUTE FUNCTION criteria_assessment_spans_truncate();
CREATE TRIGGER criteria_criterion_spans AFTER UPDATE OF number, criteria_set_id
    ON criteria_criterion FOR EACH ROW
    WHEN (OLD.number IS DISTINCT FROM NEW.number
          OR OLD.criteria_set_id IS DISTINCT FROM NEW.criteria_set_id)
    EXECUTE FUNCTION criteria_criterion_spans();

-- the spans in force on a date, for the whole country at once (one probe per date)
CREATE INDEX criteria_state_span_during ON criteria_criteriastatespan
    USING gist (daterange(valid_from, valid_to, '[)')) WHERE met_mask <> 0;

SELECT criteria_state_rebuild(NULL);
ANALYZE criteria_criteriastatespan;
"""

DROP = r"""
DROP INDEX IF EXISTS criteria_state_span_during;
DROP TRIGGER IF EXISTS criteria_assessment_spans_insert ON criteria_assessment;
DROP TRIGGER IF EXISTS criteria_assessment_spans_update ON criteria_assessment;
DROP TRIGGER IF EXISTS criteria_assessment_spans_delete ON criteria_assessment;
DROP TRIGGER IF EXISTS criteria_assessment_spans_truncate ON criteria_assessment;
DROP TRIGGER IF EXISTS criteria_criterion_spans ON criteria_criterion;
DROP FUNCTION IF EXISTS criteria_assessment_spans_new();
DROP FUNCTION IF EXISTS criteria_assessment_spans_old();
DROP FUNCTION IF EXISTS criteria_assessment_spans_both();
DROP FUNCTION IF EXISTS criteria_assessment_spans_truncate();
DROP FUNCTION IF EXISTS criteria_criterion_spans();
DROP FUNCTION IF EXISTS criteria_state_rebuild(text[]);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)



COMMUNE = through("commune_id", "communes_commune", "key")

class Migration(migrations.Migration):
    dependencies = [
        ("communes", "0002_unit_keys"),
        ("criteria", "0006_province_wall"),
    ]

    operations = [
        migrations.CreateModel(
            name="CriteriaStateSpan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField()),
                ("valid_to", models.DateField(null=True)),
                ("met_mask", models.BigIntegerField()),
                (
                    "commune",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="communes.commune",
                    ),
                ),
                (
                    "criteria_set",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="criteria.criteriaset",
                    ),
                ),
            ],
            options={
                "default_permissions": (),
                "indexes": [
                    models.Index(fields=["commune", "valid_from"], name="criteria_state_span_idx")
                ],
            },
        ),
        migrations.RunPython(create, drop),
        # the province wall (issue 18), as on the assessments it is derived from
        province_wall("criteria_criteriastatespan", COMMUNE),
    ]
