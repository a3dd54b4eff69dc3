"""Template filters for Vietnamese figures: {{ amount|vnd }}, {{ x|vnnum:1 }}."""

from django import template

from emulation import labels
from emulation.money import format_number, format_vnd

register = template.Library()


@register.filter
def vnd(value):
    try:
        return format_vnd(int(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def vnnum(value, decimals=0):
    try:
        return format_number(float(value) if int(decimals) else int(value), int(decimals))
    except (TypeError, ValueError):
        return ""


@register.filter
def get_item(mapping, key):
    """{{ row.actual|get_item:"ntm" }}: a dict's value in a template."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def check_message(check):
    """{{ c|check_message }}: a verdict's check in the interface language."""
    return labels.check_message(check)
