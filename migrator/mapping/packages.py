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
    bundle: bool = False  # ``old`` installs the OpenAI integration among others: it stays, ``new`` joins it

    @property
    def requirement(self) -> str:
        return f"{self.new}{self.version}"


OPENAI_PACKAGE = Package("openai", "openai", "mistralai", "mistralai", MISTRAL_VERSION)
# The wrappers a rule converts: the manifests follow them the same way.
PACKAGES = (
    OPENAI_PACKAGE,
    Package("langchain-openai", "langchain_openai", "langchain-mistralai", "langchain_mistralai", ">=1.1,<2"),
    # MIG121; both need mistralai>=2 and llama-index-core 0.14 (checked: 0.11.0 / 0.6.0 install with mistralai 3.7)
    Package("llama-index-llms-openai", "llama_index.llms.openai", "llama-index-llms-mistralai",
            "llama_index.llms.mistralai", ">=0.11,<0.12"),
    Package("llama-index-embeddings-openai", "llama_index.embeddings.openai", "llama-index-embeddings-mistralai",
            "llama_index.embeddings.mistralai", ">=0.6,<0.7"),
    # the llama-index bundle installs both OpenAI integrations (not the Mistral ones) with the core
    Package("llama-index", "llama_index.llms.openai", "llama-index-llms-mistralai", "llama_index.llms.mistralai",
            ">=0.11,<0.12", bundle=True),
    Package("llama-index", "llama_index.embeddings.openai", "llama-index-embeddings-mistralai",
            "llama_index.embeddings.mistralai", ">=0.6,<0.7", bundle=True),
)
