"""Signals of the criteria records.

``records_changed`` is sent after writes that send no model signals (``bulk_create`` of an
Excel import or of the demo's histories), so that what is computed from the records (the
progress dashboard's cached figures) knows it is out of date. Higher layers connect to it;
this app never imports them.
"""

from django.dispatch import Signal

records_changed = Signal()
