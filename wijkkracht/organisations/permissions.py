"""Who inside an organisation may do what: one table, asked by every view and service.

The rule of thumb: members do the group's daily work (answer in a workbook, log counts,
ask for a room, write the change story, make a questionnaire); what speaks for the group
in public, binds it or cannot be undone is for its admins. A member may always undo
what she did herself (cancel the booking she asked for).
"""

from .models import Membership

ADMIN = Membership.Role.ADMIN
MEMBER = Membership.Role.MEMBER

ROLE_FOR: dict[str, str] = {
    # the organisation itself
    "organisation.edit": ADMIN,
    "organisation.invite": ADMIN,
    "organisation.members": ADMIN,  # change roles, remove someone
    "organisation.delete": ADMIN,
    # guides
    "guides.work": MEMBER,  # answer, tick, keep notes, print
    # venues
    "venues.request": MEMBER,  # ask for a room, save the search profile
    "venues.cancel": ADMIN,  # cancel a booking someone else asked for
    "venues.cancel_own": MEMBER,  # cancel a booking she asked for herself
    "venues.agreements": MEMBER,  # the group's agreements in a shared room
    "venues.feed_renew": ADMIN,  # a new secret calendar address
    "venues.suggest": MEMBER,
    # impact
    "impact.work": MEMBER,  # change story, counters, questionnaires, entry
    "impact.publish_results": ADMIN,  # make a questionnaire's results public, or not
    "impact.quotes": ADMIN,  # pick or remove quotes for the factsheet
    "impact.publish_factsheet": ADMIN,  # publish or withdraw the public factsheet
}


def role_for(action: str) -> str:
    """The lowest role that may do `action`; an unknown action is a programming error."""
    return ROLE_FOR[action]


def may(membership: Membership | None, action: str) -> bool:
    return membership is not None and membership.has_role(role_for(action))
