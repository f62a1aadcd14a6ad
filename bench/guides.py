"""Guide and workbook pages, with 1,000 organisations and 10,000 workbooks loaded.

Prints the median time of the public guide page (target under 5x) and of a workbook page
(signed in, every question answered; target under 8x) as ratios to a bare view through
the same middleware, measured in this run with Django's test client; and the time to
render one booklet PDF.
"""

import statistics
import sys
import time

from common import client, medians_ms, migrate, report
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from wijkkracht.accounts.models import User
from wijkkracht.guides.booklet import render_guide_pdf
from wijkkracht.guides.models import Answer, Guide, HelpQuestion, Step, Workbook
from wijkkracht.organisations.models import Membership, Organisation

ORGANISATIONS = 1_000
WORKBOOKS_PER_ORGANISATION = 10  # the five CoP guides plus five copies: 10,000 workbooks


def copy_guide(guide: Guide, n: int) -> Guide:
    """A copy of a guide, so there are enough different guides for 10 workbooks a group."""
    groups = list(guide.question_groups.all())
    questions = list(guide.questions.all())
    steps = list(guide.steps.all())
    guide.pk, guide.slug, guide.position = None, f"{guide.slug}-kopie-{n}", 100 + n
    guide.save()
    new_groups = {}
    for group in groups:
        old = group.pk
        group.pk, group.guide = None, guide
        group.save()
        new_groups[old] = group
    for question in questions:
        question.pk, question.guide, question.group = None, guide, new_groups[question.group_id]
    HelpQuestion.objects.bulk_create(questions)
    for step in steps:
        step.pk, step.guide = None, guide
    Step.objects.bulk_create(steps)
    return guide


def populate():
    migrate()
    call_command("load_guides", verbosity=0)
    originals = list(Guide.objects.all())
    guides = originals + [
        copy_guide(Guide.objects.get(pk=g.pk), n) for n, g in enumerate(originals)
    ]
    Organisation.objects.bulk_create(
        Organisation(name=f"Groep {n:04}", slug=f"groep-{n:04}") for n in range(ORGANISATIONS)
    )
    organisations = list(Organisation.objects.all())
    User.objects.bulk_create(
        User(email=f"lid{n}@example.org", name=f"Lid {n}") for n in range(ORGANISATIONS)
    )
    users = list(User.objects.all())
    Membership.objects.bulk_create(
        Membership(organisation=o, user=u, role="admin")
        for o, u in zip(organisations, users, strict=True)
    )
    Workbook.objects.bulk_create(
        Workbook(organisation=o, guide=g) for o in organisations for g in guides
    )
    # Every workbook has a few answers; the one we measure has them all.
    keys = {g.pk: list(g.questions.values_list("key", flat=True)) for g in guides}
    Answer.objects.bulk_create(
        Answer(workbook_id=pk, key=keys[guide_id][i], text="Een antwoord van de groep.", revision=1)
        for pk, guide_id in Workbook.objects.values_list("pk", "guide_id")
        for i in range(min(3, len(keys[guide_id])))
    )
    workbook = Workbook.objects.get(organisation=organisations[0], guide__slug=originals[0].slug)
    for key in keys[originals[0].pk][3:]:
        Answer.objects.create(workbook=workbook, key=key, text="Nog een antwoord.", revision=1)
    return users[0], workbook, originals[0]


def main() -> int:
    user, workbook, guide = populate()
    print(
        f"guides ({ORGANISATIONS} organisations, {Workbook.objects.count()} workbooks, "
        f"{Answer.objects.count()} answers)"
    )
    visitor, member = client(), client()
    member.force_login(user)
    guide_url, workbook_url = guide.get_absolute_url(), workbook.get_absolute_url()
    with override_settings(ROOT_URLCONF="bench_urls"):
        medians_ms(visitor, ["/bench/bare/", guide_url], rounds=50)
        medians_ms(member, [workbook_url], rounds=50)
        bare, guide_page = medians_ms(visitor, ["/bench/bare/", guide_url])
        bare_member, workbook_page = medians_ms(member, ["/bench/bare/", workbook_url], rounds=300)
    print(f"  {'bare view through the same middleware':<40} median {bare:7.2f} ms")
    ok = report("public guide page", guide_page, bare, 5)
    ok &= report("workbook page (signed in)", workbook_page, bare_member, 8)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        with translation.override("nl"):
            render_guide_pdf(guide, "nl")
        timings.append(time.perf_counter() - start)
    print(f"  {'booklet PDF, one guide (nl)':<40} median {statistics.median(timings):7.2f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
