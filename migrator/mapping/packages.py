"""The distributions converted code needs: what each converted import replaces, and the version
range declared for it (dependency manifests: MIG114; notebooks' pip magics: MIG113)."""

from __future__ import annotations

from dataclasses import dataclass

MISTRAL_VERSION = ">=3.7,<4"  # the mistralai SDK the rules convert to


@dataclass(frozen=True)
class Package:
    """A distribution the converted code stops (or starts) needing, and the one it needs instead."""

    old: str  # canonical distribution name: openai
    old_module: str  # what code imports: openai
    new: str  # mistralai
    new_module: str
    version: str  # the range declared for ``new``

    @property
    def requirement(self) -> str:
        return f"{self.new}{self.version}"


OPENAI_PACKAGE = Package("openai", "openai", "mistralai", "mistralai", MISTRAL_VERSION)
# The wrappers a rule converts: the manifests follow them the same way.
PACKAGES = (
    OPENAI_PACKAGE,
    Package("langchain-openai", "langchain_openai", "langchain-mistralai", "langchain_mistralai", ">=1.1,<2"),
)
