"""Practice search at scale: 100,000 practices, written like the inventory's own.

Prints, for SQLite and then PostgreSQL, the median time of GET /api/v1/practices with two
words and two facets as a ratio to a bare view through the same middleware, measured in
interleaved rounds in the same run (target under 20x), how many practices the search
finds, and the peak memory of the process that searched. A second search, with a word
that nine in ten practices hold, is printed as a stress figure without a target: the
text index has to read that word's ninety thousand practices on every search.

The practices are made of the real library's sentences, names, levels, themes, methods
and countries (content/practices/), mixed at random, so words are as common as they are
in the inventory. The data is made once and kept (var/bench/practices.sqlite3 and the
PostgreSQL database wijkkracht_bench_practices, created here), and reused while its count
matches. Loading and measuring run in processes of their own, one database at a time.
"""

import os
import random
import re
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SQLITE_FILE = ROOT / "var" / "bench" / "practices.sqlite3"
PG_NAME = "wijkkracht_bench_practices"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE_FILE}")

from common import allocation_peak, bench_main, client, load_once, medians_ms_of, report  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from wijkkracht.core.content import CONTENT_DIR, read_yaml  # noqa: E402
from wijkkracht.practices import facets, search  # noqa: E402
from wijkkracht.practices.models import (  # noqa: E402
    Country,
    Level,
    Practice,
    RecruitmentMethod,
    Theme,
)

PRACTICES, CHUNK = 100_000, 5_000
TARGET = 20
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 300))
SEARCHES = {  # name → (query, target); words as common as in the inventory's own text
    # "moeders" is in one practice in ten
    "two words, level and theme": (
        {"q": "sleutelfiguren moeders", "level": "laag", "theme": "opvoeding"},
        TARGET,
    ),
    # "vrouwen" is in nine practices in ten, "huisbezoek" in one in seven
    "stress: a word nearly all practices hold": (
        {"q": "vrouwen huisbezoek", "level": "laag-hoog", "theme": "gezondheid"},
        None,
    ),
}
MUNICIPALITIES = [
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Tilburg",
    "Groningen",
    "Almere",
    "Breda",
    "Nijmegen",
    "Arnhem",
    "Haarlem",
    "Zaanstad",
    "Amersfoort",
    "Apeldoorn",
    "Leiden",
    "Zoetermeer",
    "Dordrecht",
    "Zwolle",
    "Schiedam",
    "Delft",
    "Gouda",
    "Deventer",
    "Enschede",
    "Lelystad",
]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# --- Making the data ---------------------------------------------------------------------


def library() -> dict:
    """Sentences, names and countries of the real practices, and the reference lists."""
    directory = CONTENT_DIR / "practices"
    sentences, names, countries = [], [], set()
    for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("initiatives/*.yaml")):
        entry = read_yaml(path) or {}
        if "name" not in entry:
            continue
        names.append(str(entry["name"]))
        countries.update(str(c) for c in entry.get("countries_of_origin") or [])
        for name in (
            "target_group",
            "occasion",
            "goal",
            "working_method",
            "reach",
            "what_worked",
            "what_did_not",
            "preconditions",
            "transferability",
        ):
            value = entry.get(name) or ""
            for text in value if isinstance(value, list) else [value]:
                sentences += [s for s in SENTENCE_END.split(" ".join(str(text).split())) if s]
    return {
        "sentences": sentences,
        "names": names,
        "countries": sorted(countries),
        "levels": read_yaml(directory / "levels.yaml")["levels"],
        "methods": read_yaml(directory / "methods.yaml")["methods"],
        "themes": read_yaml(directory / "themes.yaml")["themes"],
    }


def reference(source: dict) -> tuple[list, list, list, list]:
    levels = [
        Level.objects.create(key=e["key"], label=e["label"], position=n)
        for n, e in enumerate(source["levels"])
    ]
    methods = [
        RecruitmentMethod.objects.create(key=e["key"], label=e["label"], position=n)
        for n, e in enumerate(source["methods"])
    ]
    themes = [
        Theme.objects.create(label=e["label"], slug=slugify(e["label"]), position=n)
        for n, e in enumerate(source["themes"])
    ]
    countries = [Country.objects.create(name=name) for name in source["countries"]]
    return levels, methods, themes, countries


def practice(rng: random.Random, n: int, source: dict, levels: list) -> Practice:
    def text(low: int, high: int) -> str:
        return " ".join(rng.sample(source["sentences"], rng.randint(low, high)))

    return Practice(
        code=f"B{n:06}",
        slug=f"b{n:06}",
        name=f"{rng.choice(source['names'])} {n}",
        status="published" if rng.random() < 0.95 else "draft",
        level=None if rng.random() < 0.05 else rng.choice(levels),
        municipality=rng.choice(MUNICIPALITIES),
        target_group=text(1, 2),
        goal=text(1, 2),
        working_method=text(2, 6),
        what_worked=[text(1, 1) for _ in range(rng.randint(1, 3))],
    )


def populate() -> None:
    rng, source = random.Random(524), library()
    weights = [len(e.get("codes") or []) for e in source["themes"]]
    with transaction.atomic():
        for model in (Practice, Level, RecruitmentMethod, Theme, Country):
            model.objects.all().delete()
        levels, methods, themes, countries = reference(source)
        for start in range(0, PRACTICES, CHUNK):
            chunk = [practice(rng, n, source, levels) for n in range(start, start + CHUNK)]
            for p in chunk:
                p.search_text = p.gather_text()  # what save() would do
            Practice.objects.bulk_create(chunk)
            links = [
                (
                    p,
                    set(rng.choices(themes, weights, k=rng.randint(1, 4))),
                    rng.sample(methods, rng.randint(1, 3)),
                    rng.sample(countries, rng.randint(0, 3)),
                )
                for p in chunk
            ]
            Practice.themes.through.objects.bulk_create(
                Practice.themes.through(practice=p, theme=t) for p, ts, _m, _c in links for t in ts
            )
            Practice.methods.through.objects.bulk_create(
                Practice.methods.through(practice=p, recruitmentmethod=m)
                for p, _t, ms, _c in links
                for m in ms
            )
            Practice.countries.through.objects.bulk_create(
                Practice.countries.through(practice=p, country=c)
                for p, _t, _m, cs in links
                for c in cs
            )
        search.index_all()


def is_loaded() -> bool:
    return Practice.objects.count() == PRACTICES and search.indexed() == PRACTICES


def load() -> None:
    how = load_once(is_loaded, populate)
    print(f"practice search on {connection.vendor}: {PRACTICES} practices ({how})")


# --- Measuring -------------------------------------------------------------------------


def measure() -> bool:
    browser = client()
    paths = [
        f"/api/v1/practices?{urlencode(params, doseq=True)}"
        for params, _target in SEARCHES.values()
    ]
    calls = [lambda: browser.get("/bench/bare/")]
    calls += [lambda path=path: browser.get(path) for path in paths]
    with override_settings(ROOT_URLCONF="bench_urls"):
        medians_ms_of(calls, rounds=20)  # warm up
        bare, *searches = medians_ms_of(calls, rounds=ROUNDS)
        peak = allocation_peak(calls[1:])
        found = [browser.get(path).json()["count"] for path in paths]
    print(f"  {'bare view through the same middleware':<40} median {bare:7.2f} ms")
    ok = True
    for (name, (params, target)), value, count in zip(
        SEARCHES.items(), searches, found, strict=True
    ):
        ok &= report(name, value, bare, target)
        print(f"    {params} finds {count} of {PRACTICES} practices")
    started = time.perf_counter()
    facets.build()
    print(
        f"  the facet index, built once per process after each change to the library: "
        f"{time.perf_counter() - started:.2f} s"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak memory: {rss:.0f} MB resident (the whole process), {peak:.1f} MB of "
        "Python allocations while searching once"
    )
    return ok


if __name__ == "__main__":
    sys.exit(
        bench_main(
            sys.argv[1:], __file__, load, measure, SQLITE_FILE, PG_NAME, "practice benchmark"
        )
    )
