from django import template

from wijkkracht.venues import maps

register = template.Library()


@register.simple_tag
def venue_map(venues):
    """`{% venue_map venues as map %}`: the map's data, or None (see maps.venue_map)."""
    return maps.venue_map(venues)
