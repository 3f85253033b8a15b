"""Jinja2 templates from ``templates/`` (in a source checkout) or ``migrator/_templates`` (in the wheel)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

_PACKAGE_DIR = Path(__file__).resolve().parent


def templates_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "_templates", _PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("migrator's templates are missing from this installation")


@lru_cache(maxsize=None)
def environment(autoescape: bool = True) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=autoescape,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(name: str, **values: object) -> str:
    """Render ``templates/<name>``; HTML/XML templates are autoescaped, Markdown and text are not."""
    escape = name.endswith((".html.j2", ".xml.j2"))
    return environment(escape).get_template(name).render(**values)
