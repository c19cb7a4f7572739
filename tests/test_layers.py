"""Dependencies point one way (docs/development/architecture.md).

Walks every project module's imports with `ast` (nothing is imported) and fails on
an import that runs up the layer diagram or sideways within a layer, an import
loop between files of different apps, and a function-local import of a project
module outside `AppConfig.ready()` (the usual way to hide a cycle).
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Top to bottom. A module may import its own app and the apps in lower layers only.
LAYERS = [
    {"demo"},  # load_demo and the factories: may import every app, none imports it
    {"project"},  # lantana/: settings, urls, wsgi, asgi, websocket routing
    {"wordpress", "pagecache"},  # compose the site from the outside
    {"home"},  # the home page and site search show every app's pages
    {"locations", "articles", "insights"},  # locations: contact's form; articles: staff
    {"staff", "contact", "selfchecks"},
    {"access"},  # staff sign-in; contact's live chat checks sessions with it
    {"notices"},  # versioned notices and consent wordings: forms and leads cite them
    {"core"},  # the ground floor: imports no app
]
TIER = {app: depth for depth, apps in enumerate(LAYERS) for app in apps}


def project_packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name != "tests"
    )


def module_files() -> dict[str, Path]:
    """Every project module, by dotted name (migrations aside: Django writes them)."""
    modules = {}
    for package in project_packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = module_files()


def app_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "lantana":
        return parts[1] if len(parts) > 1 and parts[1] in TIER else "project"
    return parts[0]


def resolve(module: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The project modules an import statement reads."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".")
            if MODULES[module].name != "__init__.py":
                package = package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        # `from . import fragments` names a module; `from .models import Page` not.
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            for alias in node.names
        ]
    found = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name not in found:
            found.append(name)
    return found


class ImportWalker(ast.NodeVisitor):
    """Each import of a project module: (line, target, in a function, in ready())."""

    def __init__(self, module: str):
        self.module = module
        self.imports = []
        self.scope = []  # enclosing classes and functions

    def visit_ClassDef(self, node):
        self.scope.append(node)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node):
        self.scope.append(node)
        self.generic_visit(node)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        functions = [s for s in self.scope if not isinstance(s, ast.ClassDef)]
        for target in resolve(self.module, node):
            self.imports.append((node.lineno, target, bool(functions), self.in_ready()))

    visit_ImportFrom = visit_Import

    def in_ready(self) -> bool:
        if len(self.scope) != 2:
            return False
        cls, function = self.scope
        bases = [getattr(base, "id", getattr(base, "attr", "")) for base in cls.bases]
        return (
            isinstance(cls, ast.ClassDef)
            and function.name == "ready"
            and any(base.endswith("AppConfig") for base in bases)
        )


def walk() -> dict[str, list]:
    found = {}
    for module, path in MODULES.items():
        walker = ImportWalker(module)
        walker.visit(ast.parse(path.read_text(), filename=str(path)))
        found[module] = walker.imports
    return found


IMPORTS = walk()


def where(module: str, line: int) -> str:
    return f"{MODULES[module].relative_to(ROOT)}:{line}"


def test_every_app_has_a_place_in_the_diagram():
    apps = {app_of(module) for module in MODULES}
    assert apps <= set(TIER), f"add to LAYERS: {sorted(apps - set(TIER))}"


def test_no_import_runs_up_or_sideways():
    wrong = []
    for module, imports in IMPORTS.items():
        source = app_of(module)
        for line, target, _local, _ready in imports:
            destination = app_of(target)
            if destination != source and TIER[destination] <= TIER[source]:
                wrong.append(f"{where(module, line)}: {source} imports {destination}")
    assert not wrong, "\n".join(wrong)


def test_no_app_imports_the_demo():
    """Production settings do not install demo/: nothing they load may import it."""
    wrong = [
        f"{where(module, line)}: {target}"
        for module, imports in IMPORTS.items()
        if app_of(module) != "demo"
        for line, target, _local, _ready in imports
        if app_of(target) == "demo"
    ]
    assert not wrong, "\n".join(wrong)


def test_no_demo_code_outside_the_demo_app():
    stray = [
        str(MODULES[module].relative_to(ROOT))
        for module in MODULES
        if app_of(module) != "demo"
        and any(word in module.split(".")[-1] for word in ("demo", "factories"))
    ]
    assert not stray, stray


def test_core_imports_no_app():
    wrong = [
        f"{where(module, line)}: {target}"
        for module, imports in IMPORTS.items()
        if app_of(module) == "core"
        for line, target, _local, _ready in imports
        if app_of(target) != "core"
    ]
    assert not wrong, "\n".join(wrong)


def test_no_function_local_import_of_a_project_module():
    wrong = [
        f"{where(module, line)}: {target}"
        for module, imports in IMPORTS.items()
        for line, target, local, ready in imports
        if local and not ready
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_loop_between_files_of_different_apps():
    graph = defaultdict(set)
    for module, imports in IMPORTS.items():
        for _line, target, _local, _ready in imports:
            if target != module:
                graph[module].add(target)
    loops = [
        sorted(component)
        for component in strongly_connected(graph)
        if len({app_of(module) for module in component}) > 1
    ]
    assert not loops, "\n".join(" <-> ".join(loop) for loop in loops)


def strongly_connected(graph) -> list[set]:
    """Tarjan's algorithm, iteratively (a deep recursion would hit Python's limit)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    for start in list(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import contact.views", ["contact.views"]),
        ("from lantana.core import fragments", ["lantana.core.fragments"]),
        ("from lantana.core.models import SiteSettings", ["lantana.core.models"]),
        ("from staff.models import ClinicianPage", ["staff.models"]),
        ("from django.db import models", []),
    ],
)
def test_the_walker_reads_imports(source, expected):
    """The walker itself: what an import statement names."""
    node = ast.parse(source).body[0]
    assert resolve("home.models", node) == expected


def test_the_walker_finds_an_upward_and_a_local_import():
    tree = ast.parse(
        "from home.models import HomePage\n"
        "def serve():\n"
        "    from contact.views import serve_inquiry_page\n"
        "class CoreConfig(AppConfig):\n"
        "    def ready(self):\n"
        "        from . import site_cache\n"
    )
    walker = ImportWalker("lantana.core.apps")
    walker.visit(tree)
    assert walker.imports == [
        (1, "home.models", False, False),
        (3, "contact.views", True, False),
        (6, "lantana.core.site_cache", True, True),
    ]
