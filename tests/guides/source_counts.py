"""Counting help questions and steps in the CoP's source booklets (text extracted from PDF).

The extraction doubles the start of some lines ("Hoe communiceren jullie met elkaar? Hoe
communiceren jullie met elkaar?") and breaks some glyphs; these helpers undo the first and
read around the second.
"""

import re
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"


def undouble(line: str) -> str:
    """'A A rest' -> 'A rest', where the extraction repeated the start of a line."""
    line = line.strip()
    for size in range(len(line) // 2, 3, -1):
        head = line[:size].strip()
        rest = line[size:].lstrip()
        if head and rest.startswith(head) and len(head) > 8:
            return (head + " " + rest[len(head):].lstrip()).strip()
    return line


def region(name: str, start: str, end: str) -> str:
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if start in line)
    last = next(i for i, line in enumerate(lines) if i > first and end in line)
    return " ".join(undouble(line) for line in lines[first:last + 1])


def question_sentences(text: str) -> list[str]:
    """Sentences that end in a question mark, leaving out examples: in brackets, or
    sentences that start with "Bijvoorbeeld" or "Denk aan"."""
    text = re.sub(r"\([^)]*\)", " ", text).replace("etc.", "etc")
    sentences = [s.strip() for s in re.findall(r"[^?.:!]+\?", text) if s.strip()]
    return [s for s in sentences if not s.startswith(("Bijvoorbeeld", "Denk aan"))]


def location_questions() -> list[str]:
    return question_sentences(region("stappenplan-een-locatie-vinden.txt",
                                     "Welke activiteit", "Of maakt dat niet uit"))


def location_steps() -> int:
    text = (SOURCES / "stappenplan-een-locatie-vinden.txt").read_text(encoding="utf-8")
    # Step numbers survive only as the two broken glyphs that open each step.
    return text.count("\ufffd\ufffd ")


def friction_questions() -> list[str]:
    return question_sentences(region("stappenplan-interne-wrijvingen.txt",
                                     "3. Hulpvragen", "van oplossingen?"))


def friction_steps() -> int:
    lines = (SOURCES / "stappenplan-interne-wrijvingen.txt").read_text(
        encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("4. Stappenplan"))
    return len({line[0] for line in lines[start + 1:] if re.match(r"^[1-9]\. ", line)})
