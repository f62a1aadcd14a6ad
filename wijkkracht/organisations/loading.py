"""Loading the demo organisations and their invented members from content/demo/."""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from wijkkracht.accounts.models import RoleGrant, User
from wijkkracht.core.content import ContentError, read_yaml
from wijkkracht.places.models import Area

from .forms import TRANSLATED
from .models import Membership, Organisation

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DEMO_DOMAIN = "example.org"


def demo_email(key: str) -> str:
    return f"{key}.demo@{DEMO_DOMAIN}"


@transaction.atomic
def load_demo(path: Path | str) -> int:
    """Create or update the demo organisations; all or nothing. Returns how many."""
    data = read_yaml(path) or {}
    people = data.get("people") or {}
    users = {key: _person(key, fields) for key, fields in people.items()}
    count = 0
    for entry in data.get("organisations") or []:
        _organisation(path, entry, users)
        count += 1
    return count


def _person(key: str, fields: dict) -> User:
    user = User.objects.get_by_email(demo_email(key))
    if user is None:
        user = User.objects.create_user(demo_email(key))
    user.name = fields.get("name", "")
    user.language = fields.get("language", "")
    user.save()
    for role in fields.get("roles") or []:
        if role not in RoleGrant.Role.values:
            raise ContentError(f"people.{key}.roles: unknown role {role!r}")
        RoleGrant.objects.get_or_create(user=user, role=role)
    return user


def _organisation(path, entry: dict, users: dict) -> Organisation:
    name = entry.get("name")
    if not name:
        raise ContentError(f"{path}: every organisation needs a name")
    if entry.get("legal_form") not in Organisation.LegalForm.values:
        raise ContentError(f"{path}: {name}: unknown legal_form {entry.get('legal_form')!r}")
    fields = {"name": name, "legal_form": entry["legal_form"], "is_public": True, "is_demo": True}
    for field in TRANSLATED:
        texts = entry.get(field) or {}
        for code in LANGUAGES:
            fields[f"{field}_{code}"] = texts.get(code, "")
    organisation, _ = Organisation.objects.update_or_create(slug=slugify(name), defaults=fields)
    areas = list(Area.objects.filter(slug__in=entry.get("areas") or []))
    if len(areas) != len(entry.get("areas") or []):
        raise ContentError(f"{path}: {name}: unknown area in {entry.get('areas')}")
    organisation.areas.set(areas)
    for position, key in enumerate(entry.get("members") or []):
        if key not in users:
            raise ContentError(f"{path}: {name}: member {key!r} is not listed under people")
        role = Membership.Role.ADMIN if position == 0 else Membership.Role.MEMBER
        Membership.objects.update_or_create(
            organisation=organisation, user=users[key], defaults={"role": role}
        )
    return organisation
