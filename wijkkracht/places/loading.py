"""Loading neighbourhoods from content files."""

from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from wijkkracht.core.content import ContentError, read_yaml

from .models import Area


def load_areas(path: Path | str) -> int:
    """Create or update the areas in a YAML file; all or nothing. Returns how many were read."""
    nodes = read_yaml(path)
    if not isinstance(nodes, list):
        raise ContentError(f"{path}: expected a list of areas at the top")
    with transaction.atomic():
        return sum(_load_node(path, node, parent=None) for node in nodes)


def _load_node(path, node: dict, parent: Area | None) -> int:
    where = f"{path}: area {node.get('name', '?')!r}"
    if not isinstance(node, dict) or not node.get("name"):
        raise ContentError(f"{path}: every area needs a name")
    kind = node.get("kind")
    if kind not in Area.Kind.values:
        raise ContentError(f"{where}: kind must be one of {', '.join(Area.Kind.values)}")
    expected_parent = Area.PARENT_KIND.get(kind)
    if (parent.kind if parent else None) != expected_parent:
        raise ContentError(f"{where}: a {kind} must lie in a {expected_parent or 'nothing'}")
    slug = node.get("slug") or slugify(f"{parent.slug if parent else ''} {node['name']}")
    area, _ = Area.objects.update_or_create(
        slug=slug,
        defaults={
            "kind": kind,
            "name": node["name"],
            "parent": parent,
            "cbs_code": str(node.get("cbs_code") or ""),
        },
    )
    return 1 + sum(_load_node(path, child, area) for child in node.get("children") or [])
