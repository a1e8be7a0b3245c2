"""The apps import one way only: partners <- events <- applications <- public <- portal.

Each module is parsed (ast), so comments, strings and docstrings that mention a higher layer do not
count; imports inside functions do.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["partners", "events", "applications", "public", "portal"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def upward_imports(layer: str) -> list[str]:
    higher = LAYERS[LAYERS.index(layer) + 1 :]
    found = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for module in sorted(imported_modules(path)):
            if module.split(".")[0] in higher:
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    return found


@pytest.mark.parametrize("layer", LAYERS[:-1])
def test_no_layer_imports_a_higher_one(layer):
    assert upward_imports(layer) == []


def test_the_check_sees_an_upward_import_and_ignores_a_mere_mention(tmp_path):
    module = tmp_path / "module.py"
    source = '"""Mentions public.views and portal."""\n# from portal import x\n'
    source += "def f():\n    import public.api\n"
    module.write_text(source)
    assert imported_modules(module) == {"public.api"}
