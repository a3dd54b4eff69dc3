"""Signals of the unit list.

``units_changed`` is sent after writes that send no model signals (``bulk_create`` and
``bulk_update`` of communes and their kind periods by the official list's load): what
caches figures made of units listens to it as to ``post_save``.
"""

from django.dispatch import Signal

units_changed = Signal()
