"""Finding a venue's wijk from an HSDS address, and the municipality above a wijk."""

from collections import defaultdict

from wijkkracht.places.models import Area

ADDRESS_FIELDS = ("region", "address_2", "city")


def municipality_of(area: Area) -> Area:
    """The municipality a wijk lies in (its topmost area); parents should be selected."""
    while area.parent_id and area.kind != Area.Kind.MUNICIPALITY:
        area = area.parent
    return area


class WijkFinder:
    """All wijken, read once: by slug, and by name in an address's region, address_2 or
    city (in that order). A name two municipalities share is settled by the city."""

    def __init__(self):
        self.by_slug: dict[str, Area] = {}
        self.by_name: dict[str, list[Area]] = defaultdict(list)
        for area in Area.objects.filter(kind=Area.Kind.WIJK).select_related("parent__parent"):
            self.by_slug[area.slug] = area
            self.by_name[area.name.casefold()].append(area)

    def by_address(self, address: dict) -> Area | None:
        city = str(address.get("city", "")).strip().casefold()
        for field in ADDRESS_FIELDS:
            value = str(address.get(field, "")).strip()
            found = self.by_name.get(value.casefold(), [])
            if value in self.by_slug:
                found = [self.by_slug[value]]
            if len(found) > 1:
                found = [area for area in found if municipality_of(area).name.casefold() == city]
            if len(found) == 1:
                return found[0]
        return None
