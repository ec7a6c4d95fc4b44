"""No import cycles in `reporting`: no module imports, at import time, one that imports it back.

Two checks. The first reads every module's import statements (those that run when the module is
imported: not inside functions, not under `if TYPE_CHECKING`) and looks for a cycle among them, so
it catches one whichever module is imported first. The second imports the package for real in a
fresh interpreter, each capability's modules first and then all the others, as a process that needs
only that capability would.
"""

import ast
import subprocess
import sys
from pathlib import Path

import reporting

PACKAGE_DIR = Path(reporting.__file__).parent
PACKAGE = "reporting"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _run_at_import(nodes) -> list:
    """The import statements among `nodes` that run when the module is imported."""
    found = []
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If):
            found += [] if "TYPE_CHECKING" in ast.unparse(node.test) else _run_at_import(node.body)
            found += _run_at_import(node.orelse)
        elif isinstance(node, ast.Try):
            blocks = [node.body, node.orelse, node.finalbody, *(handler.body for handler in node.handlers)]
            found += [statement for block in blocks for statement in _run_at_import(block)]
        elif isinstance(node, ast.With | ast.ClassDef):
            found += _run_at_import(node.body)
    return found


def _ancestors(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:end]) for end in range(1, len(parts))}


def _imported(statement, package: str, modules) -> set[str]:
    """The modules an import statement runs: the one named, and the modules imported from it."""
    if isinstance(statement, ast.Import):
        return {alias.name for alias in statement.names}
    base = package
    for _ in range(statement.level - 1):
        base = base.rpartition(".")[0]
    source = statement.module if not statement.level else ".".join(filter(None, (base, statement.module)))
    return {source} | {f"{source}.{alias.name}" for alias in statement.names if f"{source}.{alias.name}" in modules}


def _import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the package it imports at import time (with the packages they sit in, but not
    its own: Python starts those before the module itself, and they do not import it back)."""
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        statements = _run_at_import(ast.parse(path.read_text(encoding="utf-8")).body)
        targets = {target for statement in statements for target in _imported(statement, package, modules)}
        reached = {each for target in targets for each in {target} | _ancestors(target)}
        graph[name] = {each for each in reached if each in modules and each not in _ancestors(name) | {name}}
    return graph


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A path from `start` back to itself, if there is one."""
    paths, seen = [[start]], set()
    while paths:
        path = paths.pop()
        for following in sorted(graph[path[-1]]):
            if following == start:
                return [*path, start]
            if following not in seen:
                seen.add(following)
                paths.append([*path, following])
    return None


def test_no_module_imports_one_that_imports_it_back():
    graph = _import_graph()
    cycles = {" -> ".join(cycle) for name in graph if (cycle := _cycle_from(name, graph))}
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


IMPORT_EACH_CAPABILITY_FIRST = """
import importlib, pkgutil, sys
import reporting
modules = pkgutil.walk_packages(reporting.__path__, "reporting.", onerror=lambda name: None)
names = sorted(module.name for module in modules)
capabilities = sorted({name.split(".")[1] for name in names if any(other.startswith(name + ".") for other in names)})
for capability in capabilities:
    for loaded in [key for key in sys.modules if key == "reporting" or key.startswith("reporting.")]:
        del sys.modules[loaded]
    first = [name for name in names if name.split(".")[1] == capability]
    for name in first + names:
        try:
            importlib.import_module(name)
        except ImportError as error:
            print(f"{name}, importing {capability} first: {error}")
"""


def test_every_module_imports_with_each_capability_imported_first():
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH_CAPABILITY_FIRST],
        cwd=PACKAGE_DIR.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert result.stdout == "", result.stdout
