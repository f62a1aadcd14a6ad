"""Stable HSDS ids: exporting twice gives the same UUIDs, so others can update by id."""

import uuid

# Fixed for good: a new namespace would give every venue a new id in other systems.
NAMESPACE = uuid.UUID("611b8c1c-fe67-4ca7-bb8e-e68106ec5169")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def location_id(key: str) -> str:
    return stable_id("location", key)


def organization_id(name: str) -> str:
    return stable_id("organization", name)
