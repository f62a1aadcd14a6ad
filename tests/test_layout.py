"""The shape of the code (CONTRIBUTING.md): no import cycle between apps, `core` imports
no domain app, and every app keeps the same rooms."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "wijkkracht"
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())
# The rooms every app may have (modules or packages), and the domain modules each app
# holds beside them, named by what they hold. A new module goes into one of these on purpose.
ROOMS = {"__init__", "apps", "models", "services", "views", "forms", "api", "access", "admin"}
ROOMS |= {"urls", "loading", "signals", "tasks", "translation"}
DIRECTORIES = {"management", "migrations", "templates", "templatetags", "static", "locale"}
DOMAIN = {
    "core": {"checks", "content", "context_processors", "csvfiles", "errors", "home", "http",
             "languages", "mail", "middleware", "msgfmt", "openapi", "outbox", "pagination",
             "pdf", "pdf_fonts", "periodic", "personal_data", "processes", "schemas", "slugs"},
    "accounts": {"backends", "roles"},
    "guides": {"booklet", "schema", "search"},
    "impact": {"charts", "responses", "results", "tallies"},
    "organisations": {"permissions"},
    "practices": {"facets", "library", "search"},
    "venues": {"availability", "calendars", "constraints", "costs", "hsds", "maps", "matching",
               "search_sql"},
}  # fmt: skip


def _python_files(app: str):
    for path in sorted((PACKAGE / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {n.split(".")[1] for n in names if n.startswith("wijkkracht.") and "." in n}
    return found & set(APPS)


def _graph() -> dict[str, set[str]]:
    return {
        app: set().union(*(_imported_apps(p) for p in _python_files(app))) - {app} for app in APPS
    }


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle in the graph, as the path around it, or [] when there is none."""
    state: dict[str, str] = {}

    def visit(app: str, path: list[str]) -> list[str]:
        state[app] = "open"
        for other in sorted(graph[app]):
            if state.get(other) == "open":
                return path[path.index(other) :] + [other]
            if other not in state and (found := visit(other, path + [other])):
                return found
        state[app] = "done"
        return []

    for app in sorted(graph):
        if app not in state and (found := visit(app, [app])):
            return found
    return []


def test_no_import_cycle_between_apps():
    cycle = _cycle(_graph())
    assert not cycle, " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) in (["a", "b", "c", "a"],)
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a"}}) == []


def test_core_and_accounts_import_no_domain_app():
    graph = _graph()
    assert graph["core"] == set()
    assert graph["accounts"] <= {"core"}


@pytest.mark.parametrize("app", APPS)
def test_every_app_keeps_the_same_rooms(app):
    strays = []
    for path in sorted((PACKAGE / app).iterdir()):
        name = path.stem if path.suffix == ".py" else path.name
        if path.name == "__pycache__" or (path.is_dir() and name in DIRECTORIES):
            continue
        if path.is_file() and path.suffix != ".py":
            continue
        if name not in ROOMS | DOMAIN.get(app, set()):
            strays.append(path.name)
    assert not strays, f"{app}: {strays} belong in one of the rooms {sorted(ROOMS)}"


def _classes_and_calls(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = [ast.unparse(base) for base in node.bases]
            yield "class", node.name, bases
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in {"render", "render_form"}:
            yield "call", ast.unparse(node.func), []


def _room(path: Path) -> str:
    relative = path.relative_to(PACKAGE).parts
    return relative[1] if len(relative) > 2 else Path(relative[-1]).stem


FORM_BASES = ("Form", "ModelForm", "BaseFormSet", "BaseInlineFormSet", "BaseModelFormSet")


@pytest.mark.parametrize("app", [a for a in APPS if a != "core"])
def test_forms_live_in_forms_and_pages_are_rendered_in_views(app):
    misplaced = []
    for path in _python_files(app):
        room = _room(path)
        for kind, name, bases in _classes_and_calls(path):
            is_form = any(base.split(".")[-1].endswith(FORM_BASES) for base in bases)
            if kind == "class" and is_form and room not in {"forms", "admin"}:
                misplaced.append(f"{path.relative_to(PACKAGE)}: form {name}")
            if kind == "call" and room not in {"views"}:
                misplaced.append(f"{path.relative_to(PACKAGE)}: {name}()")
    assert not misplaced
