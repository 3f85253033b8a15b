"""Turn ``[tool.migrator]`` plus command-line flags into one ``Config`` (flags win)."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from migrator.config import Config, ConfigError, load_config, parse_model_pairs
from migrator.engine.discovery import compile_excludes

def resolve_config(
    first_path: Path,
    *,
    target: str | None = None,
    provider: str | None = None,
    base_url: str | None = None,
    api_key_env: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    models: Sequence[str] = (),
    exclude: Sequence[str] = (),
    no_gitignore: bool = False,
) -> Config:
    """The run's configuration; raises ``ConfigError`` (a usage error) on any bad value.

    ``--select`` replaces the configured selection; ``--ignore`` and ``--exclude`` add to the
    configured lists; ``--model OLD=NEW`` pairs are applied over the configured model map.
    """
    config = load_config(first_path)
    if target is None and (provider or base_url) and config.target != "openai-compatible":
        # `--provider scaleway` alone: the openai-compatible target is the only one it means (held-out review 11, M1)
        target = "openai-compatible"
    model_map = dict(config.model_map)
    model_map.update(parse_model_pairs(list(models)))
    config = config.with_overrides(
        target=target,
        provider=provider,
        base_url=base_url,
        api_key_env=api_key_env,
        select=tuple(_codes(select)) or None,
        ignore=tuple(dict.fromkeys((*config.ignore, *_codes(ignore)))),
        model_map=tuple(model_map.items()),
        exclude=tuple(dict.fromkeys((*config.exclude, *exclude))),
        respect_gitignore=False if no_gitignore else None,
    )
    if config.target == "openai-compatible":
        from migrator.mapping.providers import resolve_endpoint

        try:
            resolve_endpoint(config.provider, config.base_url, config.api_key_env)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    else:
        stray = [name for name, value in (("--provider", config.provider), ("--base-url", config.base_url),
                                          ("--api-key-env", config.api_key_env)) if value]
        if stray:
            raise ConfigError(f"{', '.join(stray)} only {'applies' if len(stray) == 1 else 'apply'} to --target "
                              "openai-compatible (the mistral target uses the mistralai SDK and MISTRAL_API_KEY)")
    try:
        compile_excludes(config.exclude)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    unknown = unknown_rule_codes((*config.select, *config.ignore))
    if unknown:
        raise ConfigError(f"unknown rule code(s): {', '.join(unknown)} (see `migrator rules`)")
    return config


def _codes(values: Sequence[str]) -> list[str]:
    """Rule codes from repeated flags, also accepting ``--select MIG101,MIG102``."""
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


def unknown_rule_codes(codes: Sequence[str]) -> list[str]:
    """Codes the rule registry does not know (nothing is unknown while the registry is missing)."""
    if not codes:
        return []
    try:
        from migrator.rules import describe_rules

        known = {str(rule["code"]) for rule in describe_rules()}
    except (ImportError, AttributeError):
        return []
    return sorted(set(codes) - known)
