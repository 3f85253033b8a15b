"""Run configuration: `[tool.migrator]` in the target repo's pyproject.toml, overridden by flags."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

TARGETS = ("mistral", "openai-compatible")


class ConfigError(ValueError):
    """A configuration value is invalid; the message is shown to the user as is."""


@dataclass(frozen=True)
class Config:
    target: str = "mistral"
    provider: str | None = None
    base_url: str | None = None
    api_key_env: str | None = None
    # user overrides of the default model map (OLD -> NEW), applied on top of migrator.mapping.models
    model_map: tuple[tuple[str, str], ...] = ()
    select: tuple[str, ...] = ()  # rule codes; empty = all
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()  # gitignore-style globs
    respect_gitignore: bool = True
    # codemods._repo.Export tuples for codemods._facts' own bindings. The engine no longer fills it:
    # the conversion plan (below) resolves clients across modules; kept for direct rule use.
    repo_exports: tuple = ()
    # Filled by the engine: the conversion plan of the whole tree (migrator.plan.ConversionPlan)
    plan: Any = field(default=None, compare=False)
    # Filled by the engine: why LangChain's OpenAI classes cannot move (a manifest pins LangChain below
    # what langchain-mistralai 1.1 installs with), per manifest directory: ((directory, why or ""), ...);
    # a string: one reason for every module (migrator.engine.project_files.langchain_blockers / blocker_for)
    langchain_blocker: Any = field(default="", compare=False)
    # (LLM blockers, embedding blockers) for LlamaIndex's classes, as langchain_blocker (runner._llamaindex_blocker)
    llamaindex_blocker: Any = field(default="", compare=False)
    # Filled by the engine: ((module's last name, name, why), ...), a LangChain model another module imports and
    # hands to an OpenAI functions agent (migrator.plan.langchain.functions_agent_importers)
    langchain_imported: tuple = field(default=(), compare=False)
    # Filled by the engine: ((module's last name, name, dotted class), ...), a LangChain / LlamaIndex OpenAI class a
    # module of the tree imports, which others may import from it (migrator.plan.langchain.reexported_classes)
    langchain_reexports: tuple = field(default=(), compare=False)
    # Filled by the engine: ((path, name), ...): a LangChain / LlamaIndex OpenAI class another module of the tree takes
    # from the module at path (`from settings import *`): its import stays importable there
    langchain_exported: tuple = field(default=(), compare=False)

    def models(self) -> dict[str, str]:
        """The model map rules read: the user's pairs, then (``--target openai-compatible``) the
        provider's defaults, which replace the Mistral map for providers other than mistral."""
        models = dict(self.model_map)
        if self.target == "openai-compatible" and self.provider:
            from migrator.mapping.providers import PROVIDERS

            spec = PROVIDERS.get(self.provider)
            if spec is not None and spec.name != "mistral":
                for pattern, target in spec.models:
                    models.setdefault(pattern, target)  # type: ignore[arg-type]
                # nothing falls through to Mistral's catalogue: an unmapped name gets a TODO
                models.setdefault("*", None)  # type: ignore[arg-type]
        return models

    def endpoint(self):
        """``migrator.mapping.providers.Endpoint`` for ``--target openai-compatible``, else None."""
        if self.target != "openai-compatible":
            return None
        from migrator.mapping.providers import resolve_endpoint

        return resolve_endpoint(self.provider, self.base_url, self.api_key_env)

    def with_overrides(self, **changes: Any) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def parse_model_pairs(pairs: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Parse `--model OLD=NEW` values."""
    out = []
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ConfigError(f"--model expects OLD=NEW, got {pair!r}")
        out.append((old.strip(), new.strip()))
    return tuple(out)


def _from_table(table: Mapping[str, Any], source: str) -> Config:
    known = {"target", "provider", "base_url", "api_key_env", "models", "select", "ignore", "exclude",
             "respect_gitignore"}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"{source}: unknown [tool.migrator] key(s): {', '.join(sorted(unknown))}")
    target = table.get("target", "mistral")
    if target not in TARGETS:
        raise ConfigError(f"{source}: target must be one of {', '.join(TARGETS)}, got {target!r}")
    models = table.get("models", {})
    if not isinstance(models, dict) or not all(isinstance(v, str) for v in models.values()):
        raise ConfigError(f"{source}: [tool.migrator.models] must map model names to model names")

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: {key} must be a list of strings")
        return tuple(value)

    return Config(
        target=target,
        provider=table.get("provider"),
        base_url=table.get("base_url"),
        api_key_env=table.get("api_key_env"),
        model_map=tuple(models.items()),
        select=strings("select"),
        ignore=strings("ignore"),
        exclude=strings("exclude"),
        respect_gitignore=_boolean(table.get("respect_gitignore", True), "respect_gitignore", source),
    )


def find_pyproject(start: Path) -> Path | None:
    start = start.resolve()
    for directory in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path) -> Config:
    """Config from the nearest pyproject.toml at or above ``start`` (defaults when none)."""
    pyproject = find_pyproject(start)
    if pyproject is None:
        return Config()
    if sys.version_info >= (3, 11):  # imported here: most runs have no pyproject.toml to read
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc}") from None
    table = data.get("tool", {}).get("migrator")
    if table is None:
        return Config()
    return _from_table(table, str(pyproject))


def _boolean(value: Any, key: str, source: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {key} must be true or false, got {value!r}")
    return value
