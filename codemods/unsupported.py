"""MIG106: OpenAI calls no rule converts yet get a TODO (legacy v0 API, calls on untraced receivers)."""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer, code_of, dotted
from migrator.mapping.client import V0_EMBEDDING_HELPERS, V0_HINTS, V0_NO_EQUIVALENT
from migrator.mapping.legacy import V0_METHODS, V0_RESOURCES, V0_VALUE_TODO, v0_callable_todo
from migrator.mapping.outside_sdk import MOCK_ATTRIBUTES
from migrator.mapping.outside_sdk import call_kinds, raw_http_repeat
from migrator.mapping.surfaces import API_LINKS, CLOSEST, closest_feature, openai_lacks
from migrator.plan.model import KEEP, UNRESOLVED, V0_DEPLOYMENT

# a patch of the legacy v0 module API (openai.ChatCompletion.create): under --target openai-compatible it keeps its TODO
# (the other patches still intercept the same SDK's calls there)
_V0_PATCH = re.compile(r"\bopenai\.(?:ChatCompletion|Completion|Embedding|Moderation|Image|Audio|Edit)\b")


class UnsupportedCalls(MigratorRule):
    """Flags the OpenAI calls that stay as they are because no rule converts them yet.

    **What it does.** Puts a TODO above each legacy v0 call (``openai.ChatCompletion.create``,
    ``openai.Embedding.create``, ...: removed in openai 1.0, each needs a Mistral client call), and
    above each OpenAI API call (``x.embeddings.create``, ``x.images.generate``, ...) on a receiver
    that migrator cannot trace to a client (an untyped parameter, an attribute set elsewhere) in a
    module that imports openai. A call on a kept client gets a TODO of its own only when its surface
    has no Mistral rule or counterpart (assistants, threads, vector stores, images, files, batches,
    audio, legacy completions, ...), or such a resource kept under another name (``self.assistants =
    client.beta.assistants``, whose calls migrator does not see): it names the closest Mistral feature
    (agents and conversations, document libraries, OCR, ``files.upload``, ``batch.jobs``, ``fim.complete``,
    ...); other calls on a
    kept client are named by the TODO at its constructor. openai 0.x's ``openai.embeddings_utils.
    get_embedding`` is such a v0 call (the ``openai.api_key`` setting it needs stays). An OpenAI Agents
    SDK agent (``from agents import Agent, Runner``, openai-agents) gets one TODO at the module's first
    ``Agent(...)`` / ``Runner.run*(...)``: it runs on OpenAI and reads ``OPENAI_API_KEY`` itself, so env
    files keep that variable. Other libraries' OpenAI components (Haystack's generators and embedders,
    Chroma's ``OpenAIEmbeddingFunction``, pydantic-ai's ``OpenAIModel`` / ``OpenAIChatModel`` /
    ``OpenAIResponsesModel`` / ``OpenAIProvider`` and ``Agent("openai:...")`` model strings; the last two also
    keep ``openai`` in the requirements; agno's ``OpenAIChat`` / ``OpenAIEmbedder``, autogen's
    ``OpenAIChatCompletionClient`` and smolagents' ``OpenAIServerModel``, which keep ``openai`` in the
    requirements too; TruLens' ``OpenAI`` feedback providers; toyaikit's ``OpenAIClient``; LlamaIndex's OpenAI-only
    ``OpenAIAgent`` / ``OpenAIPydanticProgram`` / ``OpenAIQuestionGenerator`` / ``OpenAIResponses``) get a TODO
    naming their Mistral counterpart (pydantic-ai's ``MistralModel`` / ``"mistral:..."``, agno's ``MistralChat``, TruLens'
    ``LiteLLM(model_engine="mistral/...")``), unless given another server's ``base_url`` / ``api_base``. marvin's
    AI functions (``@ai_model`` / ``@ai_fn`` classes and functions called, ``marvin.extract(...)``), mirascope's
    ``@openai.call(...)`` and LangChain's
    evaluators given no judge (``LangChainStringEvaluator``, ``load_evaluator``: OpenAI's gpt-4 by default) get one
    per module, at the first. A LlamaIndex
    index built on LlamaIndex's defaults (no embed model set anywhere, no LlamaIndex OpenAI class in the module) gets a
    TODO at the build: its embedding (and LLM, where none is set) are OpenAI's. LangChain's "provider:model"
    strings naming OpenAI
    (``init_chat_model("openai:gpt-4o")``, ``model_provider="openai"``, ``create_agent(model="openai:...")``,
    LangGraph's ``create_react_agent``, openevals' ``create_llm_as_judge``) get one TODO per module naming
    ``"mistralai:<model>"`` (langchain-mistralai). A call of a method the installed openai SDK lacks
    (``files.download``; OpenAI's is ``files.content``) is said to fail as written, with what the resource
    has (check the version the app pins). An HTTP call given OpenAI's URL (``requests.post(
    "https://api.openai.com/v1/audio/translations", ...)``, written in or held in a name) one saying
    OpenAI is reached without the SDK (for an API Mistral lacks, ``/threads``, ``/assistants``,
    ``/vector_stores``, ..., that it stays on OpenAI). Calls through a test's mock (``.assert_called_once()``,
    ``.return_value``) are no API calls; a test patching what the converted code calls gets a TODO: the OpenAI
    SDK (``patch("openai.resources.chat.Completions.create")``), the client class a converted module builds
    (``patch("app.llm.OpenAI")``), or a converted client or its factory (``patch("app.llm.get_client")``,
    ``patch.object(llm, "client", fake)``, ``monkeypatch.setattr(llm, "client", fake)``), whose fake is set up
    as an OpenAI client, or an SDK resource of a converted client (``patch.object(service._client.chat.completions,
    "create", ...)``: Mistral's client has no ``chat.completions``), and a test's fake set up as an OpenAI client
    (``fake.chat.completions.create.return_value = ...``) that takes a converted client's place (``service._client =
    fake``, ``ask(q, client=fake)``, a pytest fixture of the module giving it) gets one at its first set-up, as does a
    test's call passing what the plan cannot trace where ``client or OpenAI()`` takes a client. Weaviate's OpenAI modules
    (``text2vec-openai``, ``generative-openai``, the ``X-OpenAI-Api-Key`` header) make the Weaviate server
    call OpenAI: the configuring call gets a TODO naming Weaviate's Mistral modules (the first in full, the
    others point back to it). LightRAG's OpenAI functions (``from lightrag.llm.openai import gpt_4o_mini_complete,
    openai_embed``) build their own OpenAI client: the first call that names one gets a TODO saying how to point
    them at Mistral's OpenAI-compatible endpoint (a call given ``base_url=`` is left alone).

    **Why.** No OpenAI call is dropped silently: each is converted, covered by its kept client's
    TODO, or flagged here.

    **Fix safety.** manual (TODO only; the code is unchanged, model strings included).

    **openai-compatible target.** The same: a call the provider does not serve through the OpenAI SDK
    keeps its client on OpenAI, with the plan's TODO.
    """

    CODE = "MIG106"
    NAME = "unsupported-calls"
    SAFETY = "manual"
    DESCRIPTION = "legacy v0 calls and OpenAI calls on untraced receivers -> TODO"
    BEFORE = 'import openai\n\nedit = openai.Edit.create(model="text-davinci-edit-001", input=text, instruction=how)\n'
    AFTER = ('import openai\n\n# TODO(migrator MIG106): legacy openai v0 API openai.Edit.create(...): '
             'convert by hand to Mistral(...).chat.complete(...) with the instruction and the text in the messages '
             '(no edits endpoint) (no rule yet)\n'
             'edit = openai.Edit.create(model="text-davinci-edit-001", input=text, instruction=how)\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(RuleTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._told: dict[str, str] = {}  # family -> the closest-feature hint given in full in this file
        self._untraced: dict[tuple[str, str], int] = {}  # (receiver, reason) -> line of its TODO in full
        self._chained: set[int] = set()  # attributes read through (`openai.ChatCompletion` of `.create`)
        self._called: set[int] = set()  # the callees of the calls seen
        self._annotations = 0  # inside an annotation (`-> Type[openai.ChatCompletion]`): a type, not a value
        self._patch_todos_said: set[str] = set()  # test-patch TODOs given in full in this file
        self._raw_http_said: set[str] = set()  # raw HTTP TODOs given in full in this file (without their callee)

    def statement_done(self) -> None:
        found = self.facts.raw_url_statements.get(self.statement_stack[-1]) if self.statement_stack else None
        if found is not None:  # `whisperx_base_url: str = "https://api.openai.com/v1"` (held-out review 62, Y38)
            self.todo(*found)

    def _told_before(self, surface: str, closest: str = "") -> Optional[str]:
        """The surface's family (``beta.threads``) when its closest feature was given in full earlier in this file,
        else None (and it counts as given now, as ``closest``)."""
        family = ".".join(surface.split(".")[:2 if surface.startswith(("beta.", "audio.")) else 1])
        if family in self._told:
            return family
        self._told[family] = closest
        return None

    def _pointer(self, family: str, what: str = "call") -> str:
        """Where a later use of ``family`` finds what its first one said: Mistral's closest feature, or (where there
        is none: "no video generation on Mistral") that there is none (held-out review 101, X9: "Mistral's closest
        feature: see the TODO ..." led to a TODO naming none)."""
        told = self._told.get(family, "")
        head = "no Mistral equivalent" if told.startswith("no ") and ":" not in told and "closest" not in told else \
            "Mistral's closest feature"
        return f"{head}: see the TODO at the first {family} {what} in this file"

    def _closest(self, line: int, surface: str, closest: str) -> None:
        """The closest Mistral feature, in full at the first call of a surface family in the file;
        later calls of the family point back to it (a file of assistant calls is not 15 copies)."""
        methods = openai_lacks(surface)
        if methods:  # it fails as written: not a call that "stays"
            self.todo(line, f"{surface}(...) is no method of the openai SDK ({methods}): with that SDK the call "
                            f"fails as written (check the version the app pins); {closest}")
        elif (family := self._told_before(surface, closest)) is not None:
            self.todo(line, f"{surface}(...) stays on OpenAI ({self._pointer(family)})")
        else:
            self.todo(line, f"{surface}(...) stays on OpenAI: {closest}")

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """``from openai.embeddings_utils import cosine_similarity`` (openai 0.x's numpy helpers, gone in openai>=1)
        where every client converts: the import alone keeps the openai 0.x package (and its pin) a dependency
        (held-out review 102, Y10: kept with no word)."""
        module = dotted(node.module) if node.module is not None else ""
        if module == "openai.embeddings_utils" and not isinstance(node.names, cst.ImportStar):
            # (the names beside get_embedding, named in its TODO: held-out review 174, Y3)
            self.__dict__["_embedding_helpers_imported"] = tuple(dict.fromkeys([  # (over every such import)
                *self.__dict__.get("_embedding_helpers_imported", ()),
                *(alias.name.value for alias in node.names if isinstance(alias.name, cst.Name) and
                  alias.name.value not in V0_EMBEDDING_HELPERS)]))
        if module not in ("openai.embeddings_utils", "openai") or isinstance(node.names, cst.ImportStar) or \
                self.facts.view is None or not self.facts.view.all_converted or self.config.endpoint() is not None:
            return
        names = [alias.name.value for alias in node.names if isinstance(alias.name, cst.Name)]
        if module == "openai":
            if "BaseModel" in names and self.statement_stack:
                # openai's re-export of pydantic's class (held-out review 104, X2: it alone kept openai declared)
                self.todo(self.current_line(), "openai's BaseModel is pydantic's BaseModel with extra=\"allow\" (and "
                                               "to_dict() / to_json()), and this import keeps the openai package a "
                                               "dependency: import BaseModel from pydantic (model_config = "
                                               "ConfigDict(extra=\"allow\") where extra fields matter)")
            return
        if names and not set(names) & V0_EMBEDDING_HELPERS and self.statement_stack:
            self.todo(self.current_line(), f"openai.embeddings_utils ({', '.join(names)}) is openai 0.x's, and this "
                                           "import alone keeps that package a dependency: define what it gives here "
                                           "(cosine_similarity(a, b) is numpy's np.dot(a, b) / (np.linalg.norm(a) * "
                                           "np.linalg.norm(b))) and drop the import")

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self._annotations += 1

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        found = self.__dict__.get("_patch_targets", {}).get(id(original))
        if found is None:
            return updated
        line, old, new = found
        args = list(updated.args)
        first = next((i for i, a in enumerate(args) if isinstance(a.value, cst.SimpleString) and
                      a.value.evaluated_value == old), None)
        if first is None:
            return updated
        quote = args[first].value.quote  # type: ignore[attr-defined]
        prefix = args[first].value.prefix  # type: ignore[attr-defined]
        args[first] = args[first].with_changes(value=cst.SimpleString(f"{prefix}{quote}{new}{quote}"))
        self.converted(line, f"patch target {old} -> {new} (what the converted code calls or builds)", "approximate")
        return updated.with_changes(args=args)

    def leave_Annotation(self, original: cst.Annotation, updated: cst.Annotation) -> cst.Annotation:
        self._annotations -= 1
        return updated

    def visit_Attribute(self, node: cst.Attribute) -> None:
        """``Completion = openai.ChatCompletion``, ``return openai.ChatCompletion``: a v0 resource handed around
        as a value, whose calls migrator cannot see (held-out review 6, da-maltsev: a silent module)."""
        if isinstance(node.value, cst.Attribute):
            self._chained.add(id(node.value))
            mocked = self.__dict__.setdefault("_mocked", set())
            if node.attr.value.startswith("assert_") or node.attr.value in MOCK_ATTRIBUTES:
                mocked.add(id(node.value))  # `openai.ChatCompletion.create.assert_called_once()`: a mock's API
            if id(node) not in self._called and id(node) not in mocked and \
                    id(node) not in self.__dict__.get("_assigned", ()) and node.value.attr.value in V0_RESOURCES and \
                    node.attr.value in V0_METHODS and isinstance(node.value.value, cst.Name) and \
                    self.facts.openai_modules.get(node.value.value.value) == "openai" and self.statement_stack and \
                    not self._annotations and self.config.endpoint() is None:
                # `self.transcribe = openai.Audio.transcribe`: its calls are not seen (re-review 45, A14: silent)
                self.todo(self.current_line(), v0_callable_todo(dotted(node) or ""))
            return
        if id(node) in self._chained or node.attr.value not in V0_RESOURCES or not isinstance(node.value, cst.Name) \
                or self.facts.openai_modules.get(node.value.value) != "openai" or not self.statement_stack \
                or self._annotations:
            return
        self.todo(self.current_line(), V0_VALUE_TODO.format(name=dotted(node)))

    def visit_Assign(self, node: cst.Assign) -> None:
        """A test's fake set up as an OpenAI client in a converted client's place (the plan's site)."""
        # (`openai.ChatCompletion.create = MagicMock()`: a patch, said by the plan's site, not a value taken)
        self.__dict__.setdefault("_assigned", set()).update(id(t.target) for t in node.targets)
        found = self.statement_site("=")
        if found is not None and found[1][0] == "sdkpatch":
            # `openai.ChatCompletion.create = MagicMock(...)` (held-out review 111, X2): as a patch() call's
            self._sdk_patch_todo(*found)
        elif found is not None:
            self.todo(found[0], found[1][1])
        self._alias(node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._alias(node)

    def _alias(self, node: "cst.Assign | cst.AnnAssign") -> None:
        """``self.assistants = client.beta.assistants``: the calls made through the alias stay on OpenAI with
        their client, and migrator does not see them as calls (held-out review 40, S7): the TODO is here."""
        found = self.statement_site("alias")
        if found is None or node.value is None or self.config.endpoint() is not None:
            return
        use = found[1][1]
        surface = use.surface.removeprefix("reads .")
        target = code_of(node.targets[0].target if isinstance(node, cst.Assign) else node.target)
        family = self._told_before(surface, closest_feature(surface))
        closest = closest_feature(surface) if family is None else self._pointer(family, "use")
        self.todo(found[0], f"{code_of(node.value)} is kept as {target}: the calls made through it stay on OpenAI "
                            f"with its client; {closest}")

    def _sdk_patch_todo(self, line: int, answer: tuple) -> None:
        """A test patching the SDK the converted code no longer calls: its TODO, where that kind of call converts."""
        if self.config.endpoint() is not None and not _V0_PATCH.search(str(answer[2])):
            return
        if answer[1] in self._patch_todos_said:
            self.todo(line, _patch_again(answer))
        elif self.facts.view is not None and self.facts.view.path not in self.facts.view.plan.kept_only and \
                _patched_kind_converts(self.facts.view.plan, answer[2], self.facts.view.path):
            self._patch_todos_said.add(answer[1])
            self.todo(line, answer[1])

    def visit_Call(self, node: cst.Call) -> None:
        self._called.add(id(node.func))
        found = self.api_site(node)
        if found is None:
            return
        line, answer = found
        repeat = raw_http_repeat(answer[1]) if answer[0] == "wrapped-ctor" else None
        if repeat is not None and repeat[0] in self._raw_http_said:
            self.todo(line, repeat[1])  # the same request again: the full text once per file (held-out review 116, X3)
        elif answer[0] == "wrapped-ctor":
            if repeat is not None:
                self._raw_http_said.add(repeat[0])
            self.todo(line, answer[1])
        elif answer[0] in ("sdkpatch", "apppatch") and self.config.endpoint() is not None and \
                not _V0_PATCH.search(str(answer[2] if answer[0] == "sdkpatch" else answer[1])):
            return  # --target openai-compatible keeps the openai SDK: the patch still intercepts (review 88, X3)
        elif answer[0] == "apppatch" and not answer[1] and len(answer) > 3 and answer[3]:
            # a bare patch of a LangChain class the module now builds as Mistral's: its target alone changes
            self.__dict__.setdefault("_patch_targets", {})[id(node)] = (line, answer[2], answer[3])
        elif answer[0] in ("sdkpatch", "apppatch") and answer[1] in self._patch_todos_said:
            # the same patch again (one per test): the full text once per file (held-out review 40, S8: 60 copies)
            self.todo(line, _patch_again(answer))
        elif answer[0] == "apppatch" and len(answer) > 3 and answer[3]:
            # `patch("app.app.client.chat.completions.create", ...)`: the target the converted code calls now
            self.__dict__.setdefault("_patch_targets", {})[id(node)] = (line, answer[2], answer[3])
            self._patch_todos_said.add(answer[1])
            self.todo(line, answer[1])
        elif answer[0] == "apppatch":
            self._patch_todos_said.add(answer[1])
            self.todo(line, answer[1])  # a test patching the OpenAI class a converted module no longer has
        elif answer[0] == "sdkpatch":
            self._sdk_patch_todo(line, answer)
        elif answer[0] == "v0" and answer[3]:
            return  # the module's api_base points at another server: not OpenAI's call to move
        elif answer[0] == "v0" and answer[2]:
            how = answer[2] if isinstance(answer[2], str) else "an Azure-configured module"
            if how == V0_DEPLOYMENT:
                self.todo(line, f"legacy openai v0 API {answer[1]}(...) on an Azure OpenAI deployment ({how}): it stays "
                                "on Azure OpenAI; port it to openai>=1 AzureOpenAI by hand")
            else:  # model=, in a module whose settings may send it to Azure (FastChat's judge functions)
                self.todo(line, f"legacy openai v0 API {answer[1]}(...) stays as it is: {how}, and its module-wide "
                                "settings may send this call there; port it by hand to openai>=1 (AzureOpenAI where "
                                "it is Azure's, Mistral(...) where it moves)")
        elif answer[0] == "v0":
            surface = answer[1]
            resource = surface.split(".")[1] if "." in surface else surface
            endpoint = self.config.endpoint()
            if endpoint is not None and resource in V0_NO_EQUIVALENT:
                # (images, fine-tuning: the provider serves none of them; held-out review 111, X8, they were told to
                # reach it through the OpenAI SDK)
                self.todo(line, f"legacy openai v0 API {surface}(...) stays on OpenAI: {endpoint.spec.name} does not "
                                "serve it through the OpenAI SDK")
                return
            if endpoint is not None:
                self.todo(line, f"legacy openai v0 API {surface}(...): port it by hand to an openai>=1 client "
                                f"(OpenAI(base_url=\"{endpoint.base_url}\", api_key=...)) to reach "
                                f"{endpoint.spec.name} (no rule yet)")
                return
            if resource in V0_NO_EQUIVALENT:
                self.todo(line, f"legacy openai v0 API {surface}(...) stays on OpenAI: {V0_NO_EQUIVALENT[resource]}")
                return
            purpose = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "purpose"), None)
            if resource == "File" and isinstance(purpose, cst.SimpleString) and purpose.evaluated_value == "fine-tune":
                # the training data of an OpenAI fine-tuning job: uploaded to Mistral, its id would mean nothing to the
                # job (held-out review 134, Y6: "convert to files.upload" beside the job's "stays on OpenAI")
                self.todo(line, f"legacy openai v0 API {surface}(...) stays on OpenAI with the fine-tuning it feeds: "
                                f"{V0_NO_EQUIVALENT['FineTuningJob']} (upload the training file there)")
                return
            method = surface.rsplit(".", 1)[-1].removeprefix("a")  # (atranslate: translate)
            hint = V0_HINTS.get(f"{resource}.{method}") or V0_HINTS.get(resource, "the matching Mistral client call")
            if method != surface.rsplit(".", 1)[-1] and "Mistral(" in hint:
                # `acreate`: Mistral's async methods (held-out review 80, X6: awaiting chat.complete raises TypeError)
                hint = re.sub(r"(?<![\w(])([a-z]\w*)\(", r"\1_async(", hint)
            reason = answer[4] if len(answer) > 4 else ""
            reason = reason.removesuffix("; convert by hand").removesuffix(": convert by hand")
            if reason and "by hand" in reason:  # the reason already says what to do (held-out review: twice)
                self.todo(line, f"legacy openai v0 API {surface}(...) stays as it is: {reason}")
            elif reason:  # MIG118 converts this kind of call; this one it cannot
                self.todo(line, f"legacy openai v0 API {surface}(...) stays as it is: {reason}; convert it by hand "
                                f"to {hint}")
            elif surface in self.__dict__.setdefault("_v0_told", set()):
                # (said in full at the first such call: held-out review 174, Y3, four copies of one 330-character TODO)
                self.todo(line, f"legacy openai v0 API {surface}(...): convert by hand as the TODO at the first "
                                f"{surface.rsplit('.', 1)[-1]}(...) call in this file says (no rule yet)")
            else:
                self._v0_told.add(surface)
                others = self.__dict__.get("_embedding_helpers_imported", ()) if resource == "embeddings_utils" else ()
                if others:
                    # `from openai.embeddings_utils import get_embedding, cosine_similarity`: the other names go with
                    # the 0.x package too (held-out review 174, Y3: never named)
                    hint += (f"; {', '.join(others)}, imported from it too, goes with that package: define "
                             f"{'it' if len(others) == 1 else 'them'} here" +
                             (" (cosine_similarity(a, b) is np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))"
                              if "cosine_similarity" in others else ""))
                self.todo(line, f"legacy openai v0 API {surface}(...): convert by hand to {hint} (no rule yet)")
        elif answer[0] == "call" and answer[1] == KEEP and answer[4]:
            surface = answer[4].split("(...)", 1)[0]
            # (`get_client().images.generate(...)`: a factory's client has no dotted callee; held-out review 44, Z8)
            closest = closest_feature(surface) if self.config.endpoint() is None and \
                code_of(node.func).endswith("." + surface) else None
            if answer[3] and closest and answer[4] == f"{surface}(...) has no rule yet":
                # the openai module's own client, on an API Mistral lacks: said in full once per file (held-out review
                # 101, X9: five copies, each saying "no rule yet" of assistants threads, unsupported by design)
                family = self._told_before(surface, closest)
                self.todo(line, f"{surface}(...) stays on OpenAI with the openai module's client: "
                          + (closest if family is None else self._pointer(family)))
            elif answer[3]:  # the openai module's own client: no constructor carries its TODO
                self.todo(line, f"{answer[4]}; the openai module's client stays on OpenAI here"
                          + (f" ({closest})" if closest else ""))
            elif closest is not None:  # a surface with no Mistral rule or counterpart: what is closest
                self._closest(line, surface, closest)
        elif answer[0] == "call" and answer[1] == UNRESOLVED and answer[4] and answer[4].startswith("legacy openai v0"):
            self.todo(line, answer[4])  # (the plan's text says what to do)
        elif answer[0] == "call" and answer[1] == UNRESOLVED and answer[4]:
            # what matters first: whether it needs anything (held-out review 10, N-d), then what is hard
            receiver = _api_receiver(node)
            # (not "no client in this run converts" where none does: a second run, after the first converted
            # them, would say it of the same call, and the TODO text would change)
            said = self._untraced.setdefault((receiver, answer[4]), line)
            if said != line:  # the same receiver and reason again: one TODO in full (corpus review R5)
                self.todo(line, f"{receiver} is not traced to a client: see the TODO at its first such call in "
                                "this file")
            elif answer[4].startswith(receiver + " "):  # "openai is a parameter annotated AsyncOpenAI and ...": whole
                self.todo(line, f"{answer[4]}; a client that stays on OpenAI needs nothing")
            elif self.config.endpoint() is None and (answer[4].endswith("(...) has no rule yet") and closest_feature(
                    answer[4].removesuffix("(...) has no rule yet")) or answer[4] in CLOSEST.values()):
                # an API Mistral has no counterpart of (vector stores): nothing to convert by hand (held-out review
                # 111, X9: "convert this call by hand (vector_stores.create(...) has no rule yet)")
                surface = _api_surface(node) or answer[4].removesuffix("(...) has no rule yet")
                closest = closest_feature(surface) or answer[4]
                self.todo(line, f"{receiver} is not traced to a client: {surface}(...) has no Mistral counterpart "
                                f"({closest}): it needs an OpenAI client, so do not hand it one migrator converted")
            else:
                self.todo(line, f"{receiver} is not traced to a client: if it receives a client migrator "
                                f"converted, convert this call by hand ({answer[4]}); a client that stays on OpenAI "
                                "needs nothing")


def _patched_kind_converts(plan, target: str, path: str = "") -> bool:
    """Does the run convert calls of the kind a test patches (``openai.resources.chat.Completions.create``:
    chat)? A target naming no kind (``openai.OpenAI``) asks whether anything converts. A library whose
    patched provider stays on OpenAI gets no TODO for it (held-out review 6, MetaGPT's tests); nor does a test
    whose imports, directly or not, reach only kept OpenAI code (``plan.kept_only``; held-out review 26, D2); where
    the test reaches calls of that kind, only theirs count (review 28, F2)."""
    kinds = call_kinds(target)
    if not kinds:
        # (the client class patched for the test's own clients, all kept on OpenAI: the patch still intercepts them;
        # held-out review 96, Y2: "the converted code calls Mistral's SDK" three lines below the kept client's TODO)
        own = [client for client in plan.clients if client.path == path and client.kind != "parameter"]
        if own and all(client.decision != "convert" for client in own):
            return False
        if any(client.decision == "convert" for client in own):  # (its own client converts, whatever else it
            return True  # imports: held-out review 161, Y1, `from app.models import Model` hid the TODO)
        reach = plan.patch_reach.get(path, frozenset())
        if reach:  # (the modules the test reaches: their clients, held-out review 139, X4)
            return any(client.decision == "convert" and client.path in reach for client in plan.clients)
        return plan.any_converted
    reach = plan.patch_reach.get(path, frozenset())
    uses = [use for use in plan.uses if call_kinds(use.surface) & kinds]
    if any(use.path in reach for use in uses):  # the calls of that kind the test reaches (review 28, F2)
        uses = [use for use in uses if use.path in reach]
    return any(use.status == "convert" for use in uses)


def _api_receiver(node: cst.Call) -> str:
    """``client`` for ``client.audio.transcriptions.create(...)``: the code before the API path."""
    func = node.func
    while isinstance(func, cst.Attribute) and func.attr.value in API_LINKS:
        func = func.value
    return code_of(func) if func is not node.func else "the receiver"


def _api_surface(node: cst.Call) -> str:
    """``vector_stores.files.create`` of ``client.vector_stores.files.create(...)``: the links from the first API
    resource on, else ""."""
    links = []
    func = node.func
    while isinstance(func, cst.Attribute):
        links.insert(0, func.attr.value)
        func = func.value
    start = next((i for i, link in enumerate(links) if link in API_LINKS), None)
    return ".".join(links[start:]) if start is not None else ""


def _patch_again(answer: tuple) -> str:
    """The short TODO of a test patching (or handing a fake for) what an earlier test of the file did."""
    if str(answer[1]).startswith("this test passes "):
        # a fake handed in as the client, not a patch (held-out review 150, X8: "this test patches  too")
        return "this test passes a fake client too: see the TODO at the first such test in this file"
    return f"this test patches {answer[2]} too: see the TODO at the first such patch in this file"
