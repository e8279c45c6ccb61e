"""The package's structure, checked: data flows one way (no import cycle between modules,
function-level imports included) and status words live only in the domain model."""

from __future__ import annotations

import ast
from pathlib import Path

from mapping.model import Status

PACKAGE = Path(__file__).resolve().parent.parent / "mapping"


def _imports(path: Path) -> set[str]:
    """The package modules a module imports, anywhere in it (also inside functions and
    under TYPE_CHECKING: a cycle there still ties the two modules together)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mapping."):
            found.add(node.module.split(".")[1])
    return found - {path.stem}


def _graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    return {name: _imports(path) & set(modules) for name, path in modules.items()}


def test_no_import_cycle():
    graph = _graph()
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                raise AssertionError(
                    "import cycle: " + " -> ".join(path[path.index(nxt) :] + [nxt])
                )
            if nxt not in seen:
                visit(nxt, path + [nxt])
        seen[node] = 2

    for node in sorted(graph):
        if node not in seen:
            visit(node, [node])


def test_no_stage_imports_the_orchestrator_or_the_command_line():
    graph = _graph()
    allowed = {"pipeline": {"api", "batches", "cli", "evaluate"}, "cli": set()}
    for target, users in allowed.items():
        importers = {m for m, deps in graph.items() if target in deps}
        assert importers <= users, (target, importers - users)


def test_the_model_imports_nothing_of_the_package_at_run_time():
    assert _graph()["model"] <= {"seeds"}  # seeds: annotations only (TYPE_CHECKING)


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if (
                node.body
                and isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)
            ):
                docstrings.add(id(node.body[0].value))
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_status_words_are_literals_only_in_the_model():
    words = {s.value for s in Status}
    offenders = [
        f"{p.name}:{line}: {value!r}"
        for p in sorted(PACKAGE.glob("*.py"))
        if p.name != "model.py"
        for line, value in _string_literals(p)
        if value in words
    ]
    assert offenders == []
