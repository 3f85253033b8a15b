"""The rule registry: codes, order, and the documentation ``migrator rules`` renders."""

from __future__ import annotations

import inspect
from enum import Enum
from typing import Iterable, Type

from codemods._base import MigratorRule
from codemods.chat_completions import ChatCompletions
from codemods.audio import Transcriptions
from codemods.files import FilesAndBatches
from codemods.chat_messages import ChatMessages
from codemods.client_constructor import ClientConstructor
from codemods.embeddings import Embeddings
from codemods.exceptions import Exceptions
from codemods.fim import Fim
from codemods.instructor import Instructor
from codemods.langchain import LangChain
from codemods.legacy_v0 import LegacyV0
from codemods.llamaindex import LlamaIndex
from codemods.mistral_versions import MistralVersions
from codemods.models_api import ModelsApi
from codemods.moderation import Moderation
from codemods.response_reads import ResponseReads
from codemods.responses import Responses
from codemods.speech import Speech
from codemods.unsupported import UnsupportedCalls


class Rule(str, Enum):
    MIG101 = "MIG101"
    """OpenAI client construction -> Mistral(...)."""
    MIG102 = "MIG102"
    """chat.completions.create -> chat.complete / chat.stream."""
    MIG103 = "MIG103"
    """OpenAI exceptions (except / isinstance / retry predicates) -> Mistral exceptions."""
    MIG104 = "MIG104"
    """Chat message literals -> Mistral's roles and content parts."""
    MIG105 = "MIG105"
    """Response fields Mistral lacks or names differently."""
    MIG106 = "MIG106"
    """OpenAI calls no rule converts yet (legacy v0, untraced receivers) -> TODO."""
    MIG107 = "MIG107"
    """embeddings.create(input=...) -> Mistral embeddings.create(inputs=...)."""
    MIG108 = "MIG108"
    """models.list() / retrieve / delete -> Mistral's models API."""
    MIG109 = "MIG109"
    """moderations.create -> classifiers.moderate; .flagged -> any(categories)."""
    MIG110 = "MIG110"
    """responses.create -> Mistral's responses.create; .output_text spelled out."""
    MIG111 = "MIG111"
    """instructor.from_openai(OpenAI()) -> instructor.from_mistral(Mistral()); call keywords mapped."""
    MIG112 = "MIG112"
    """completions.create(prompt=..., suffix=...) -> fim.complete with Codestral."""
    MIG113 = "MIG113"
    """A notebook's %pip / !pip install openai -> mistralai (migrator.engine.notebook_pip)."""
    MIG114 = "MIG114"
    """Dependency manifests: openai -> mistralai>=3.7,<4 (migrator.engine.project_files)."""
    MIG115 = "MIG115"
    """OPENAI_API_KEY -> MISTRAL_API_KEY in env examples, compose files, CI workflows."""
    MIG116 = "MIG116"
    """LangChain ChatOpenAI / OpenAIEmbeddings -> langchain_mistralai ChatMistralAI / MistralAIEmbeddings."""
    MIG117 = "MIG117"
    """audio.transcriptions.create -> audio.transcriptions.complete with Voxtral."""
    MIG118 = "MIG118"
    """Legacy v0 ChatCompletion / Embedding calls -> the module's Mistral client; dict reads -> attributes."""
    MIG119 = "MIG119"
    """files.create / content, batches.* -> files.upload / download, batch.jobs.*; status reads, batch lines."""
    MIG120 = "MIG120"
    """audio.speech.create -> audio.speech.complete with Voxtral; audio reads -> base64.b64decode(.audio_data)."""
    MIG121 = "MIG121"
    """LlamaIndex OpenAI / OpenAIEmbedding -> llama_index MistralAI / MistralAIEmbedding."""
    MIG122 = "MIG122"
    """mistralai 1.x imports -> mistralai 3.x paths (0.x and renamed names -> TODO)."""


# Registry order is application order: constructors first, so that the chat rule's receivers are
# judged against the original code (codemods._facts) while imports are fixed once at the end.
RULES: tuple[tuple[Rule, Type[MigratorRule]], ...] = (
    (Rule.MIG101, ClientConstructor),
    (Rule.MIG102, ChatCompletions),
    (Rule.MIG103, Exceptions),
    (Rule.MIG104, ChatMessages),
    (Rule.MIG105, ResponseReads),
    (Rule.MIG106, UnsupportedCalls),
    (Rule.MIG107, Embeddings),
    (Rule.MIG108, ModelsApi),
    (Rule.MIG109, Moderation),
    (Rule.MIG110, Responses),
    (Rule.MIG111, Instructor),
    (Rule.MIG112, Fim),
    (Rule.MIG116, LangChain),
    (Rule.MIG117, Transcriptions),
    (Rule.MIG118, LegacyV0),
    (Rule.MIG119, FilesAndBatches),
    (Rule.MIG120, Speech),
    (Rule.MIG121, LlamaIndex),
    (Rule.MIG122, MistralVersions),
)


class UnknownRuleError(ValueError):
    pass


def rule_selected(config, rule: str) -> bool:
    """Does ``--select`` / ``--ignore`` of ``config`` leave rule ``rule`` (a code: "MIG114") on?"""
    select = {code.upper() for code in getattr(config, "select", ()) or ()}
    ignore = {code.upper() for code in getattr(config, "ignore", ()) or ()}
    return (not select or rule in select) and rule not in ignore


def selected_rules(select: Iterable[str] = (), ignore: Iterable[str] = (),
                   target: str = "mistral") -> list[Type[MigratorRule]]:
    """Rule classes in registry order for ``target``, filtered by ``--select`` / ``--ignore`` codes."""
    known = {rule.value for rule, _ in RULES} | {cls.CODE for cls in _project_rules()}
    select, ignore = [s.upper() for s in select], [s.upper() for s in ignore]
    unknown = sorted(set(select + ignore) - known)
    if unknown:
        raise UnknownRuleError(f"unknown rule code(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return [cls for rule, cls in RULES if (not select or rule.value in select) and rule.value not in ignore
            and target in cls.TARGETS]


def _project_rules() -> tuple:
    """The rules that edit project files (dependency manifests, env and deploy files), not code;
    and a notebook's pip magics, which follow the converted cells."""
    from migrator.engine.notebook_pip import NotebookPip
    from migrator.engine.project_files import PROJECT_RULES

    return (NotebookPip, *PROJECT_RULES)


def describe_rules() -> list[dict[str, str]]:
    """Everything ``migrator rules`` shows, rendered from the rule classes themselves."""
    return [
        {
            "code": cls.CODE,
            "name": cls.NAME,
            "summary": cls.DESCRIPTION,
            "safety": cls.SAFETY,
            "targets": ", ".join(cls.TARGETS),
            "doc": inspect.cleandoc(cls.__doc__ or ""),
            "before": cls.BEFORE,
            "after": cls.AFTER,
            "language": getattr(cls, "LANGUAGE", "python"),
        }
        for cls in [cls for _, cls in RULES] + list(_project_rules())
    ]


def render_rules_markdown() -> str:
    """The rule reference as Markdown, rendered from the rule classes by ``templates/rules.md.j2``."""
    from migrator.templating import render

    return render("rules.md.j2", rules=describe_rules())
