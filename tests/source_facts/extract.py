"""Read the facts the tests check out of the Dutch source documents, into facts.json.

The sources live outside the repository (../shared/sources), so the tests read only
facts.json: counts, codes and figures, never the sources' sentences. Run this by hand
where the sources are, after a source changes:

    .venv/bin/python -m tests.source_facts.extract
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE.parents[2] / "shared" / "sources"
FACTS_FILE = HERE / "facts.json"
CODE = r"(?:L-H\d|[LMHI]\d)"


# --- The CoP's step-by-step booklets (text extracted from PDF) -------------------------


def undouble(line: str) -> str:
    """'A A rest' -> 'A rest', where the extraction repeated the start of a line."""
    line = line.strip()
    for size in range(len(line) // 2, 3, -1):
        head = line[:size].strip()
        rest = line[size:].lstrip()
        if head and rest.startswith(head) and len(head) > 8:
            return (head + " " + rest[len(head) :].lstrip()).strip()
    return line


def question_sentences(text: str) -> list[str]:
    """Sentences that end in a question mark, leaving out examples: in brackets, or
    sentences that start with "Bijvoorbeeld" or "Denk aan"."""
    text = re.sub(r"\([^)]*\)", " ", text).replace("etc.", "etc")
    sentences = [s.strip() for s in re.findall(r"[^?.:!]+\?", text) if s.strip()]
    return [s for s in sentences if not s.startswith(("Bijvoorbeeld", "Denk aan"))]


def _region(name: str, start: str, end: str) -> str:
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if start in line)
    last = next(i for i, line in enumerate(lines) if i > first and end in line)
    return " ".join(undouble(line) for line in lines[first : last + 1])


def booklets() -> dict:
    location = "stappenplan-een-locatie-vinden.txt"
    friction = "stappenplan-interne-wrijvingen.txt"
    lines = (SOURCES / friction).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("4. Stappenplan"))
    return {
        "location_questions": len(
            question_sentences(_region(location, "Welke activiteit", "Of maakt dat niet uit"))
        ),
        # Step numbers survive only as the two broken glyphs that open each step.
        "location_steps": (SOURCES / location).read_text(encoding="utf-8").count("\ufffd\ufffd "),
        "friction_questions": len(
            question_sentences(_region(friction, "3. Hulpvragen", "van oplossingen?"))
        ),
        "friction_steps": len(
            {line[0] for line in lines[start + 1 :] if re.match(r"^[1-9]\. ", line)}
        ),
    }


# --- The magazine on collective work ----------------------------------------------------


def magazine() -> dict:
    text = (SOURCES / "magazine-collectief-werken-movisie-2023.md").read_text(encoding="utf-8")
    plain = " ".join(text.split()).lower()
    return {
        "badhuis_respondents": [int(n) for n in re.findall(r"(\d+) buurtbewoners", plain)],
        "percents": sorted({int(n) for n in re.findall(r"\b(\d+) procent", plain)}),
        "worded_percents": sorted(
            {f"{word} {n}" for word, n in re.findall(r"\b(ruim|bijna) (\d+) procent", plain)}
        ),
    }


# --- The inventory of recruitment approaches --------------------------------------------


def _inventory() -> str:
    return (SOURCES / "inventarisatie-wervingsaanpakken-allochtone-vrouwen.txt").read_text(
        encoding="utf-8"
    )


def theme_index(text: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Themes → codes, and countries → codes, from the source's 'Zoeksleutel'."""
    start = text.index("Zoeksleutel")
    end = text.index("Boschveld buurten met de buren, Huisbezoeken", start)
    themes: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    label = None
    in_countries = in_note = False
    for raw in text[start:end].splitlines()[1:]:
        line = raw.strip()
        if in_note:  # the rest of a label's explanation in brackets
            in_note = ")" not in line
            continue
        codes = re.findall(CODE, line)
        if not line or line.startswith(
            (
                "In aanvulling",
                "van de",
                "De keuze",
                "Als project",
                "dat zeg",
                "zeggen",
                "De methode",
                "niveau van",
                "laag-hoog en",
                "verwezen",
                "regierol",
            )
        ):
            continue
        if in_countries and ":" in line and codes:
            country, _sep, rest = line.partition(":")
            label = country.strip()
            countries[label] = set(re.findall(CODE, rest))
        elif codes and re.fullmatch(rf"[\s,]*(?:{CODE}[\s,]*)+", line):
            (countries if in_countries else themes)[label] |= set(codes)
        elif not codes:
            in_countries = line.startswith("Land van herkomst")
            if not in_countries:
                label = line.split("(")[0].strip()
                themes[label] = set()
                in_note = "(" in line and ")" not in line
    return (
        {k: sorted(v) for k, v in themes.items() if v},
        {k: sorted(v) for k, v in countries.items() if v},
    )


def inventory() -> dict:
    text = _inventory()
    plain = " ".join(text.split())
    themes, countries = theme_index(text)
    contents = text[: text.index("Zoeksleutel")]
    part_b = text[text.index("Boschveld buurten met de buren, Huisbezoeken") - 20 :]
    cooking = re.search(
        r"proeflokaal.{0,5} wordt gekookt is het bereik veel groter \((\d+)\)", plain
    )
    medina = re.search(r"meldden zich (\d+) vrouwen waarvan er (\d+) werden toegelaten", plain)
    haschiba = re.search(
        r"op (\w+) en de onderkant van de banenmarkt gericht maar ook op de "
        r"(\w+)",
        plain,
    )
    return {
        "themes": themes,
        "countries": countries,
        "contents": sorted(set(re.findall(rf"^\s*({CODE})\s+\S", contents, flags=re.M))),
        # Codes whose own description (a heading 'CODE  Name' after the index) is there;
        # the text stops in the middle of L-H1, so the later ones are not.
        "described": sorted(set(re.findall(rf"^\s*({CODE})\s{{2,}}\S", part_b, flags=re.M))),
        "numbers": sorted({int(n) for n in re.findall(r"\b\d+\b", plain)}),
        "L2_reach_of_the_cooking": int(cooking.group(1)),
        "H3_applied_and_admitted": [int(medina.group(1)), int(medina.group(2))],
        "M3_groups": [haschiba.group(1), haschiba.group(2)],
    }


def extract() -> dict:
    return {"booklets": booklets(), "magazine": magazine(), "inventory": inventory()}


if __name__ == "__main__":
    if not SOURCES.is_dir():
        sys.exit(f"The sources are not at {SOURCES}")
    FACTS_FILE.write_text(
        json.dumps(extract(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"wrote {FACTS_FILE}")
