"""From what ``build`` found to decisions: one per client group, then the per-site answers rules ask.

A site that depends on a client (a model name, an env read, an ``except`` clause, a message literal,
a response read) follows the decision of the calls it belongs to; anything that cannot be traced to
a converted call is left alone.
"""

from __future__ import annotations

import ast
import fnmatch
import itertools
import os
import posixpath
import re
from typing import Iterator, Optional

from codemods._facts import (HEADER_KEY_READ, KEPT_KEY_SOURCE, RENAMED_RESPONSE_FIELDS, RESPONSE_ATTRS,
                             _dict_constants, dotted_name, embeddings_create, option_dest,
                             delta_content, delta_content_names, env_helper_key, env_helpers, env_key, env_membership_key, file_read, content_none_check, finish_reason_check, message_change, tool_lacks_parameters,
                             openai_key_prefix_check, openai_typed_value, run_name_read, type_check_class, unset_guard)
from codemods._repo import _same_module, library_module
from migrator.mapping.client import (CLASS_CLIENT_SETTINGS, CLIENT_CLASSES, CONFIGURED_ENDPOINT_TODO, SDK_AUTOLOGGERS,
                                     FRAMEWORK_PARAM_DEFAULTS, OPENAI_LOOKALIKE_SDKS, OPENAI_SECRET,
                                     DI_KEPT_CLIENT_TODO, DI_PROVIDERS, MODULE_CLIENT_LIBRARIES, RELAY_ENDPOINT_TODO,
                                     SDK_INSTRUMENTERS, key_message, openai_key_prefix, provider_named_by_path)
from migrator.mapping.env import BASE_URL_VARS, ENV_VARS, SETTINGS_BASES, STREAMLIT_SECRETS
from migrator.mapping.errors import error_rule
from migrator.mapping.chat import METHODS as CHAT_METHODS, TOKENIZER_CALLS, TOKENIZER_MODEL_CALL, TOKENIZER_TODO, \
    TOKENIZER_SHARED_TODO, TRAILING_SYSTEM_TODO, USER_AFTER_TOOL_TODO, SERIALISED_RESPONSE_TODO
from migrator.mapping.files import line_dict
from migrator.mapping.legacy import V0_RESOURCES
from migrator.mapping.langchain import CLASSES as _LANGCHAIN_CLASSES
from migrator.mapping.llamaindex import CLASSES as _LLAMAINDEX_CLASSES
from migrator.mapping.surfaces import closest_feature
from migrator.mapping.responses import UNSET_MODEL_FIELDS
from migrator.plan.build import CHAT_SURFACES, _dict_entries, _fallback_for, _plain_assign, _scope_path
from migrator.mapping.embeddings import STORE_PATH_CALLS
from migrator.mapping.packages import PYDANTIC_V1_SETTINGS
from migrator.mapping.models import API_RESULT_CALLS, MODEL_LABEL_TODO, is_mistral_model, map_model, slot_model_literal
from migrator.mapping.responses import output_text_getattr, parsed_output_owner
from migrator.plan.build import manifest_root, own_packages, unpacked
from migrator.plan.build import MODEL_SURFACES, _self_attribute, _lookup_scope, _param_default, project_of, _splat_dict, _splat_scope, \
    ancestors_of, gate_test, is_test_path, reaching, reaching_assign, star_source, waited_on, _AWAIT_THROUGH, \
    _TASK_MAKERS, _qualified_callee
from migrator.plan.files import converted_result as converted_file_result, surface_of as file_surface_of
from migrator.plan.source import parameter_for
from migrator.plan.model import CONVERT, KEEP, OTHER, UNRESOLVED, UNUSED, V0_DEPLOYMENT, V0_OTHER, Client, \
    ConversionPlan, Use, node_key
from migrator.plan.syntax import MOCK_CLASSES, SHOWING_CALLS, ast_walk, child_nodes, shown_values

MAX_BLOCKERS = 4  # named in the constructor's TODO; the plan lists them all
# node types that can be sites (env reads, exception references, messages, reads, type checks, calls)
SITE_NODE_TYPES = frozenset({ast.Subscript, ast.Call, ast.Name, ast.Attribute, ast.Dict, ast.Compare,
                             ast.For, ast.AsyncFor,  # MIG110: the loop over a converted stream
                             ast.AnnAssign})  # MIG102: `msg: ChatCompletionMessage = r.choices[0].message`


CREDENTIAL_CHECK = ("it only lists or retrieves models (a check of a key or model) while other clients stay on "
                    "OpenAI: the key it checks is theirs")


def _keep_credential_checks(groups, decision_of, v0_kept: bool = False, wrappers_kept: bool = False) -> None:
    """A client whose only uses are models.list / retrieve / delete validates a key or a model name
    (ChatGPT-in-Slack checks the key a user enters with ``OpenAI(api_key=key).models.retrieve(...)``).
    When the tree keeps other clients on OpenAI, that key is theirs: the check stays on OpenAI too; so it does
    where a legacy v0 call stays on v0 (``v0_kept``: ``openai.Model.list()`` at start-up beside an
    ``openai.ChatCompletion.acreate(**kwargs)`` kept with a TODO, held-out review 47, E2), and where what stays on
    OpenAI is a LangChain / LlamaIndex object or a library's OpenAI component (``wrappers_kept``: held-out review 101,
    Y2, Chroma's OpenAIEmbeddingFunction and a pinned ChatOpenAI kept the key, and the converted check failed at
    start-up with it)."""
    others_kept = v0_kept or wrappers_kept or any(
        verdict == KEEP and any(m.provider == "openai" and m.kind != "parameter" for m in groups[root])
        for root, (verdict, _, _) in decision_of.items())
    if not others_kept:
        return
    # a client converting beside it in its module, given the same key (`validate_api_key(k)` then `OpenAI(api_key=k)`
    # for chat): the key checked is that client's (held-out review 110, X1: a kept check rejected the Mistral key the
    # converted chat client then needed)
    converting = {(m.path, m.key_text) for root, (verdict, _, _) in decision_of.items() if verdict == CONVERT
                  for m in groups[root] if m.kind != "parameter" and m.uses and
                  not all(use.surface in MODEL_SURFACES for use in m.uses)}
    for root, (verdict, _, _) in list(decision_of.items()):
        uses = [use for member in groups[root] for use in member.uses]
        if verdict == CONVERT and uses and all(use.surface in MODEL_SURFACES for use in uses) and \
                not any((m.path, m.key_text) in converting for m in groups[root] if m.kind != "parameter"):
            decision_of[root] = (KEEP, CREDENTIAL_CHECK, ())


def _v0_through_star(builder, files) -> bool:
    """Does a module call a legacy v0 resource on the openai module another module of the tree hands it through
    ``from <it> import *`` (``openai.ChatCompletion.create`` after ``from app.gpt_config import *``)? migrator does
    not follow it, so that call stays on OpenAI with a TODO, and the key a start-up ``openai.Model.list()`` checks
    is still its key (held-out review 157, X2: the check moved to Mistral, and the service needed a Mistral key to
    start while its calls stayed on OpenAI)."""
    from migrator.mapping.legacy import V0_RESOURCES

    for f in files:
        g = star_source(files, f) if "*" in f.repo_imports else None
        names = {name for name, module in g.openai_modules.items() if module == "openai"} if g is not None else set()
        if any(isinstance(n, ast.Attribute) and n.attr in V0_RESOURCES and isinstance(n.value, ast.Name) and
               n.value.id in names and builder.lookup_scope(f, f.scope_of.get(id(n), ()), n.value.id) is None
               for n in f.nodes):
            return True
    return False


def _openai_kept_elsewhere(builder, files) -> bool:
    """Does something other than the SDK's clients stay on OpenAI with its key: a library's OpenAI component (Chroma's
    OpenAIEmbeddingFunction, agno, crewAI's defaults: ``builder.agents_sdk``), or a LangChain / LlamaIndex object
    the run keeps?"""
    if builder.agents_sdk:
        return True
    from migrator.plan.langchain import KEEP as WRAPPER_KEEP, module_plans

    return any(site.verdict == WRAPPER_KEEP for f in files if "langchain" in f.source or "llama_index" in f.source
               for planned in module_plans(f) if planned is not None for site in planned.sites)


def _developer_roles(builder, files, uses, positions: dict) -> frozenset:
    """Modules with a ``role="developer"`` keyword or a ``role`` parameter defaulting to it whose messages may reach
    converted chat calls: the module converts chat calls itself, or one that does imports it (held-out review 68, X1:
    `add_message(prompt, role="developer")` in a history helper; mistralai rejects the role before sending)."""
    candidates = [f for f in files if "developer" in f.source and _developer_role_constant(f, positions)]
    if not candidates:
        return frozenset()
    chat = {use.path for use in uses if use.status == CONVERT and "chat" in use.surface}
    if not chat:
        return frozenset()
    converting = [f for f in files if f.path in chat]
    out = set()
    for c in candidates:
        if c.path in chat:
            out.add(c.path)
            continue
        name = c.module.rsplit(".", 1)[-1] if c.module else ""
        # a module whose chat calls convert imports it (by its module's name: `from history import add_message`,
        # `import history`, `from . import history`), or it imports one (`from llm import ask`, then
        # `ask(q, role="developer")`: held-out review 70, X2)
        if name and any(name in g.source and _imports_module(g, name) for g in converting) or any(
                g.module and _imports_module(c, g.module.rsplit(".", 1)[-1]) for g in converting) or any(
                c.path in _reached(builder, g) for g in converting):
            # (or reaches it through a package's re-export, `from lib import init_message` of lib/__init__.py's
            # `from .history import ...`: held-out review 104, X1, every converted call failed before sending)
            out.add(c.path)
    return frozenset(out)


def _shares_key_readers(builder, path: str) -> bool:
    """Does the module at ``path`` share a process or a project with converted clients reading OPENAI_API_KEY (it holds
    one, a module of the tree imports both, or one is in its project: the nearest directory with a manifest)? Another
    app of a collection, with a manifest of its own, sets its own key for its own clients."""
    readers = {p for p in getattr(builder, "sdk_key_paths", ()) if p} | {p for p, _ in builder.key_wrappers}
    if path in readers:
        return True
    if any(origin.path == path and origin.kind != "parameter" for origin in builder.origins.values()):
        return False  # a module with clients of its own (kept ones) sets the key for them
    mine = _importing(builder, path)
    return any(mine & _importing(builder, other) or _setting_reaches(path, other) for other in readers)


# a module starting other programs, which inherit its environment
_STARTS_PROGRAMS = re.compile(r"\b(?:subprocess|Popen|os\.system|os\.exec\w*|os\.spawn\w*|runpy|multiprocessing)\b")


def _shares_process(builder, f) -> bool:
    """Can an environment write in ``f`` reach converted clients reading OPENAI_API_KEY: one is in its module, a
    module of the tree imports both, it starts other programs (which inherit the environment), or it is a notebook
    (whose kernel the other cells share)?"""
    readers = {p for p in getattr(builder, "sdk_key_paths", ()) if p} | {p for p, _ in builder.key_wrappers}
    if None in getattr(builder, "sdk_key_paths", ()) and not readers or f.path in readers or \
            f.path.endswith(".ipynb") or _STARTS_PROGRAMS.search(f.source):
        return True
    mine = _importing(builder, f.path)
    if any(mine & _importing(builder, other) for other in readers):
        return True
    # (the modules naming no openai are not all read: a main.py importing this one and a converted client's module
    # may be among them; only a script nothing imports, importing none of the tree's modules, stands alone)
    # (a package's module may be loaded by name, as Django loads its settings module: not alone)
    stem = f.module.rsplit(".", 1)[-1] if f.module else ""
    return len(mine) > 1 or not stem or builder.unread is None or \
        os.path.exists(os.path.join(os.path.dirname(f.path), "__init__.py")) or builder.unread.imports(stem) or any(
        isinstance(node, ast.ImportFrom) and (node.level or builder._tree_package((node.module or "").split(".")[0]))
        or isinstance(node, ast.Import) and any(builder._tree_package(alias.name.split(".")[0]) for alias in node.names)
        for node in f.nodes)


def _chat_imported(files, uses) -> frozenset:
    """Modules of the tree that a module whose chat calls convert imports (by the module's name)."""
    chat = {use.path for use in uses if use.status == CONVERT and "chat" in use.surface}
    converting = [g for g in files if g.path in chat]
    return frozenset(f.path for f in files if f.module and any(
        g is not f and _imports_module(g, f.module.rsplit(".", 1)[-1]) for g in converting))


def _instance_factories(builder, cls: str) -> list:
    """(module, name) for each top-level function of the modules read that returns ``cls(...)``, and each top-level
    class one of whose methods does (``ProviderFactory.get_provider(model)``, a static method: its callers import the
    class; held-out review 118, X1, the view passing the request's model was not read, and the default alone was
    mapped, silently)."""
    def returns_one(node) -> bool:
        return any(isinstance(sub, ast.Return) and isinstance(sub.value, ast.Call) and
                   (dotted_name(sub.value.func) or "").rpartition(".")[2] == cls for sub in ast_walk(node))

    cache = builder.__dict__.setdefault("_instance_factories", {})
    if cls not in cache:
        cache[cls] = [(g, node.name) for g in builder.files if cls in g.source for node in g.tree.body
                      if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and returns_one(node) or
                      isinstance(node, ast.ClassDef) and node.name != cls and any(
                          isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and returns_one(m)
                          for m in node.body)]
    return cache[cls]


def _message_builders(builder, files, sites) -> dict:
    """path -> scopes of top-level functions of the module whose result a converted chat call of another module
    takes as its messages (``messages=convert_conversation(thread)``), and the module's functions they call (by
    name, transitively): the message dicts they build reach Mistral's chat."""
    out: dict = {}
    for f in files:
        if "messages" not in f.source:
            continue
        for node in f.nodes:
            if not (isinstance(node, ast.Call) and (sites.get(node_key(f.path, node)) or ("",))[0] == "call" and
                    sites[node_key(f.path, node)][1] == CONVERT):
                continue
            value = next((kw.value for kw in node.keywords if kw.arg == "messages"), None)
            if not (isinstance(value, ast.Call) and isinstance(value.func, (ast.Name, ast.Attribute))):
                continue
            found = builder.resolve_function(f, f.scope_of.get(id(node), ()), value.func)
            if found is None or found[0] is f or found[2] or len(found[1]) != 1:
                continue
            g, scope = found[0], found[1]
            todo = [scope]
            reached = out.setdefault(g.path, set())
            while todo:
                current = todo.pop()
                if current in reached or current not in g.scopes:
                    continue
                reached.add(current)
                todo += [g.defs[((), sub.func.id)] for sub in ast_walk(g.scopes[current]) if isinstance(sub, ast.Call)
                         and isinstance(sub.func, ast.Name) and ((), sub.func.id) in g.defs]
    return out


def _imports_module(g, name: str) -> bool:
    """Does module ``g`` import a module of the tree named ``name`` (its last part)?"""
    return any(module.rsplit(".", 1)[-1] == name or imported == name
               for module, _level, imported in g.repo_imports.values()) or \
        any(module.rsplit(".", 1)[-1] == name for module in g.module_aliases.values())


def _role_functions(files) -> dict:
    """path -> names of the module's functions whose ``role`` parameter is a message's role: read as the value of a
    dict's "role" key (``{"role": role, ...}``, ``dict(role=role, ...)``) in their body."""
    out: dict = {}
    for f in files:
        if "role" not in f.source:
            continue
        for node in f.nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    a.arg == "role" for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)) and \
                    any(_role_value(sub) for sub in ast_walk(node)):
                out.setdefault(f.path, set()).add(node.name)
    return {path: frozenset(names) for path, names in out.items()}


def _role_value(node) -> bool:
    """``{"role": role, "content": ...}`` / ``dict(role=role, content=...)``: the name ``role`` as a message's role
    (``{"user": user, "role": role}`` is no message: held-out review 70, X3)."""
    if isinstance(node, ast.Dict):
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        return "content" in keys and any(isinstance(k, ast.Constant) and k.value == "role" and isinstance(v, ast.Name)
                                         and v.id == "role" for k, v in zip(node.keys, node.values))
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict" and \
        any(kw.arg == "content" for kw in node.keywords) and any(
            kw.arg == "role" and isinstance(kw.value, ast.Name) and kw.value.id == "role" for kw in node.keywords)


def _role_positions(files, role_functions: dict) -> dict:
    """name -> where its ``role`` parameter stands among the positional ones (``self`` / ``cls`` left out), for the
    role functions the tree defines one way only: ``to_message("developer", text)`` (held-out review 127, X1)."""
    names = frozenset().union(*role_functions.values()) if role_functions else frozenset()
    found: dict = {}
    for f in files:
        for node in f.nodes if f.path in role_functions else ():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in names:
                positional = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
                if positional and positional[0] in ("self", "cls"):
                    positional = positional[1:]
                found.setdefault(node.name, set()).add(positional.index("role") if "role" in positional else -1)
    return {name: at.pop() for name, at in found.items() if len(at) == 1 and -1 not in at}


def _developer_value(node) -> bool:
    """``"developer"``, or a conditional expression one branch of which is (``"developer" if reasoning else
    "system"``)."""
    if isinstance(node, ast.IfExp):
        return _developer_value(node.body) or _developer_value(node.orelse)
    return isinstance(node, ast.Constant) and node.value == "developer"


def _role_names(f) -> frozenset:
    """Names the module binds to ``"developer"`` (``SYSTEM_ROLE = "developer"``, ``role = "developer" if o1 else
    "system"``) and reads as a message's role (``{"role": SYSTEM_ROLE, "content": ...}``, ``dict(role=..., ...)``):
    mistralai rejects the role before sending (held-out review 127, X1: converted, no TODO)."""
    if "developer" not in f.source:
        return frozenset()
    bound = {n.targets[0].id for n in f.nodes if isinstance(n, ast.Assign) and len(n.targets) == 1 and
             isinstance(n.targets[0], ast.Name) and _developer_value(n.value)}
    if not bound:
        return frozenset()
    read = set()
    for node in f.nodes:
        if isinstance(node, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "content" for k in node.keys):
            read |= {v.id for k, v in zip(node.keys, node.values)
                     if isinstance(k, ast.Constant) and k.value == "role" and isinstance(v, ast.Name)}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict" and \
                any(kw.arg == "content" for kw in node.keywords):
            read |= {kw.value.id for kw in node.keywords if kw.arg == "role" and isinstance(kw.value, ast.Name)}
    return frozenset(bound & read)


def _developer_role_constant(f, positions: Optional[dict] = None) -> bool:
    if _role_names(f):
        return True
    for node in f.nodes:
        if positions and isinstance(node, ast.Call) and not any(isinstance(a, ast.Starred) for a in node.args):
            callee = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            at = positions.get(callee)
            if at is not None and at < len(node.args) and _developer_value(node.args[at]):
                return True
        if isinstance(node, ast.keyword) and node.arg == "role" and isinstance(node.value, ast.Constant) and \
                node.value.value == "developer":
            return True
        if isinstance(node, ast.arguments):
            positional = [*node.posonlyargs, *node.args]
            pairs = list(zip(positional[len(positional) - len(node.defaults):], node.defaults)) + \
                list(zip(node.kwonlyargs, node.kw_defaults))
            if any(arg.arg == "role" and isinstance(default, ast.Constant) and default.value == "developer"
                   for arg, default in pairs):
                return True
    return False


def _keep_shared_vector_spaces(builder, files, groups, decision_of) -> None:
    """SDK embeddings calls of one project and one OpenAI model, on clients the plan splits (one kept, one
    converted), in modules that both store or search vectors (migrator.mapping.embeddings.VECTOR_PERSISTENCE): one
    side fills a vector store the other searches, and moved alone the two sides' vectors no longer match (held-out
    review 67, Y3: the index builder moved to mistral-embed, the query app stayed on ada-002). The converted side is
    kept too, the kept call named; repeated until no more move."""
    from migrator.mapping.embeddings import VECTOR_PERSISTENCE, VECTOR_SEARCH

    calls = []  # (project, model, root, where)
    for f in files:
        if "embeddings" not in f.source and "Embedding" not in f.source or not (
                VECTOR_PERSISTENCE.search(f.source) or VECTOR_SEARCH.search(f.source)):
            continue
        for node in f.nodes:
            answer = builder.sites.get(node_key(f.path, node)) if isinstance(node, ast.Call) else None
            if answer and answer[0] == "call" and answer[1].surface == "batches.create" and answer[1].client and \
                    any(kw.arg == "endpoint" and isinstance(kw.value, ast.Constant) and kw.value.value ==
                        "/v1/embeddings" for kw in node.keywords):
                # an embeddings batch (its lines' model in their bodies: the one the module names, else any) builds
                # the index a search of the project reads (held-out review 152, X1: the batch stayed on OpenAI, the
                # query embedding moved to mistral-embed)
                named = re.findall(r"""["']model["']\s*:\s*["']([\w.:-]*embed[\w.:-]*)["']""", f.source)
                for model in dict.fromkeys(named or ["*"]):
                    calls.append((project_of(f.path), model, builder.find(answer[1].client),
                                  f"{f.path}:{node.lineno}", None))
                continue
            if not (answer and answer[0] == "call" and answer[1].surface == "embeddings.create"):
                continue
            origin = builder.origins.get(answer[1].client) if answer[1].client else None
            written = next((kw.value for kw in node.keywords if kw.arg == "model"), None)
            model = builder._string_value(f, f.scope_of.get(id(node), ()), written) or _self_string(builder, f, written)
            if origin is not None and origin.provider not in ("openai", "azure") or not isinstance(model, str):
                continue
            # (a call on a receiver the plan cannot trace stays as it is: an OpenAI side, when the module uses openai)
            if origin is None and not f.uses_openai:
                continue
            # (one constant both sides import, `from config import embedding_model`, links them whatever the layout:
            # held-out review 109, X7, etl/beta/search.py converted while etl/pipeline.py kept the index builder)
            imported = builder.resolve_import(f, written.id) if isinstance(written, ast.Name) and \
                written.id in f.repo_imports else None
            shared = (imported[0].path, imported[1]) if imported is not None else None
            calls.append((project_of(f.path), model, builder.find(answer[1].client) if origin is not None else None,
                          f"{f.path}:{node.lineno}", shared))
    if not any(root is None for _, _, root, _, _ in calls) and len({root for _, _, root, _, _ in calls}) < 2:
        return {(project, model): where for project, model, root, where, _ in calls
                if root is None or decision_of[root][0] == KEEP}
    changed = True
    while changed:
        changed = False
        kept = {(project, model): where for project, model, root, where, _ in calls
                if root is None or decision_of[root][0] == KEEP}
        kept.update({shared: where for _, _, root, where, shared in calls
                     if shared is not None and (root is None or decision_of[root][0] == KEEP)})
        for project, model, root, where, shared in calls:
            other = kept.get((project, model)) or (kept.get(shared) if shared is not None else None) or \
                kept.get((project, "*"))
            if other is None or root is None or decision_of[root][0] != CONVERT:
                continue
            shown = os.path.relpath(other.rsplit(":", 1)[0], os.path.dirname(where.rsplit(":", 1)[0]) or ".")
            why = (f"{where} embeddings.create: model={model!r} also embeds with a client kept on OpenAI in {shown}: "
                   "the vectors one side stores and the other searches must come from one model; move them to "
                   "Mistral together")
            decision_of[root] = (KEEP, "some uses cannot convert yet", (why,))
            changed = True
    return {(project, model): where for project, model, root, where, _ in calls
            if root is None or decision_of[root][0] == KEEP}


def _keep_wrappers_sharing_kept_keys(builder, files, groups, decision_of) -> None:
    """A LangChain / LlamaIndex OpenAI object that would convert, given as api_key= the same name or attribute
    (``api_key=api_key``, not an environment read, which is renamed with it) as an SDK client of its module the plan
    keeps on OpenAI: one value cannot hold both keys, so it stays too, the client named, as the planner keeps one
    sharing a key with a kept object (held-out review 155, X3: ChatMistralAI got the OpenAI key a kept whisper client
    shares, and its TODO's "must now hold a Mistral API key" broke the transcription once followed)."""
    from migrator.mapping import langchain as lc, llamaindex as li
    from migrator.plan.langchain import CONVERT as WRAPPER_CONVERT, module_plans

    kept: dict = {}  # path -> {key text: the kept client's name}
    for root, members in groups.items():
        if decision_of[root][0] != KEEP:
            continue
        for m in members:
            text = m.key_text.strip()
            if m.kind != "parameter" and text and "environ" not in text and "getenv" not in text:
                kept.setdefault(m.path, {}).setdefault(text, m.name or "client")
    if not kept:
        return
    for f in files:
        keys = kept.get(f.path)
        if not keys or "langchain" not in f.source and "llama_index" not in f.source:
            continue
        calls = {(node.lineno, node.col_offset): node for node in f.nodes if isinstance(node, ast.Call)}
        added = False
        for lib, planned in zip((lc, li), module_plans(f)):
            for site in planned.sites if planned is not None else ():
                node = calls.get((site.line, site.col))
                given = next((kw.value for kw in node.keywords if kw.arg in ("api_key", "openai_api_key")), None) \
                    if node is not None and site.verdict == WRAPPER_CONVERT else None
                name = keys.get(ast.unparse(given)) if given is not None else None
                if name is None:
                    continue
                added = _keep_wrapper_site(f, site, f"its key ({ast.unparse(given)}) is also handed to the OpenAI "
                                                    f"client {name} that stays on OpenAI here: give this object a "
                                                    "Mistral key of its own, then convert")
        if added:
            _replan_wrappers(f)


def _keep_wrapper_site(f, site, why: str) -> bool:
    """Keep the LangChain / LlamaIndex object ``site`` of ``f`` on OpenAI, saying ``why``: recorded as a store's keep
    (the plan's wrapper_stores), which both planners and the codemods read. True."""
    from migrator.plan.langchain import KEEP as WRAPPER_KEEP

    f.wrapper_stores = {**getattr(f, "wrapper_stores", {}), (site.line, site.col): (WRAPPER_KEEP, why)}
    return True


def _replan_wrappers(f) -> None:
    """Forget ``f``'s memoised wrapper plans: planned again with its new keeps, as the codemods will plan it."""
    f.__dict__.pop("_module_plans", None)
    f.__dict__.pop("_wrapper_plans", None)


def _keep_wrapper_embedders(builder, files, kept: dict) -> None:
    """LangChain / LlamaIndex OpenAI embeddings objects that would convert, in a module storing or searching vectors,
    of the model an SDK embeddings call kept on OpenAI in the same project embeds with (``kept``: (project, model) ->
    where, from _keep_shared_vector_spaces): they stay too, the kept call named (held-out review 153, X1: ingest.py's
    SDK call stayed on OpenAI beside an image client, query.py's OpenAIEmbeddings moved to mistral-embed, and every
    search of the index met vectors of another size). Recorded as a store's keep (Config's wrapper_stores), which
    both planners read."""
    if not kept:
        return
    from migrator.mapping import langchain as lc, llamaindex as li
    from migrator.mapping.embeddings import VECTOR_PERSISTENCE, VECTOR_SEARCH
    from migrator.plan.langchain import CONVERT as WRAPPER_CONVERT, module_plans

    for f in files:
        if "langchain" not in f.source and "llama_index" not in f.source or not (
                VECTOR_PERSISTENCE.search(f.source) or VECTOR_SEARCH.search(f.source)):
            continue
        calls = {(node.lineno, node.col_offset): node for node in f.nodes if isinstance(node, ast.Call)}
        project = project_of(f.path)
        added = False
        for lib, planned in zip((lc, li), module_plans(f)):
            for site in planned.sites if planned is not None else ():
                node = calls.get((site.line, site.col))
                if site.verdict != WRAPPER_CONVERT or node is None or \
                        lib.CLASSES.get(site.cls, ("",))[0] != lib.EMBEDDINGS:
                    continue
                written = next((kw.value for kw in node.keywords if kw.arg in ("model", "model_name")), None)
                model = lib.EMBEDDING_DEFAULT_MODEL if written is None else \
                    builder._string_value(f, f.scope_of.get(id(node), ()), written) or _self_string(builder, f, written)
                where = kept.get((project, model)) or kept.get((project, "*")) if isinstance(model, str) else None
                if where is None:
                    continue
                shown = os.path.relpath(where.rsplit(":", 1)[0], os.path.dirname(f.path) or ".")
                added = _keep_wrapper_site(f, site, (
                    f"model={model!r} also embeds with an SDK client kept on OpenAI ({shown}:{where.rsplit(':', 1)[1]}"
                    "): the vectors one side stores and the other searches must come from one model; move them to "
                    "Mistral together"))
        if added:
            _replan_wrappers(f)


# a test module checking the provider itself: its connection, its key, that it answers
_CONNECTIVITY_TEST = re.compile(r"(?i)(?:^|[_.-])(?:health\w*|connect\w*|smoke|ping|api_?keys?|credentials?|"
                                r"providers?|quick|reach\w*|alive|sanity|live)(?=$|[_.-])")


def _keep_tests_beside_a_kept_app(groups, decision_of) -> None:
    """Where every client the application builds (outside its tests) stays on OpenAI, a test's own client that would
    convert stays too: it checks the provider the app uses (`client.responses.create(...)` in a connectivity test;
    held-out review 152, X4: the test moved to Mistral, failing without MISTRAL_API_KEY and checking nothing the app
    does)."""
    app = [(root, m) for root, members in groups.items() for m in members
           if m.kind != "parameter" and m.provider == "openai" and not is_test_path(m.path)]
    if not app or any(decision_of[root][0] == CONVERT for root, _ in app):
        return  # (the openai module's own client of v0 calls counts: converting, the app moves)
    kept = sorted({m.path for _, m in app})
    for root, members in groups.items():
        if decision_of[root][0] != CONVERT or not all(is_test_path(m.path) and _CONNECTIVITY_TEST.search(
                os.path.basename(m.path)) for m in members):
            continue  # (a judge or a simulated user of an evaluation suite is no check of the app's provider)
        shown = os.path.basename(kept[0]) + (f" and {len(kept) - 1} more" if len(kept) > 1 else "")
        first = min(members, key=lambda m: (m.path, m.line))
        decision_of[root] = (KEEP, "some uses cannot convert yet", (
            f"{first.path}:{first.line} this test's client: every client of the application stays on OpenAI "
            f"({shown}), and the test checks the provider the app uses; move it with them",))


def _self_string(builder, f, node) -> Optional[str]:
    """The string ``self.model`` holds where its class sets it once: a literal, or the default of the constructor
    parameter it is set from (a literal or a constant: ``def __init__(self, model=embedding_model)``; held-out
    review 84, X1: the index reader converted while its writer, on the same constant, stayed on OpenAI); else None."""
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"):
        return None
    cls = builder.class_of(f, f.scope_of.get(id(node), ()))
    values = f.self_assigns.get((cls, node.attr), []) if cls is not None else []
    if len(values) != 1 or values[0] is None:
        return None
    value, scope = values[0], f.scope_of.get(id(values[0]), ())
    if isinstance(value, ast.Name) and (scope, value.id) in f.params and not f.assigns.get((scope, value.id)):
        value = _param_default(f, scope, value.id)
        scope = f.scope_of.get(id(value), ()) if value is not None else scope
    return builder._string_value(f, scope, value) if value is not None else None


def module_setting_source(builder, path: str, key: str) -> Optional[str]:
    """The module whose setting ``module_setting`` answers with (``path`` itself, or the application
    module that makes it), else None."""
    if builder.module_settings.get(path, {}).get(key) is not None:
        return path
    return next((other for other, settings in sorted(builder.module_settings.items())
                 if settings.get(key) and _reaches(builder, other, path)), None)


def module_setting(builder, path: str, key: str) -> Optional[str]:
    """A setting of the ``openai`` module's client (``openai.base_url = ...``, ``openai.api_type``) as
    the calls in ``path`` see it: the module's own setting, else one an application module makes (it
    holds for the whole process). A setting made only in tests (a test pointing the module at a local
    server) does not reach the application's modules."""
    own = builder.module_settings.get(path, {}).get(key)
    if own is not None:
        return own or None  # "": set here to OpenAI's or an unknown server, which hides other modules'
    return next((settings[key] for other, settings in sorted(builder.module_settings.items())
                 if settings.get(key) and _reaches(builder, other, path)), None)


def _reaches(builder, setter: str, path: str) -> bool:
    """Does a setting of the openai module made in ``setter`` hold where ``path`` runs? Not from a
    test. Within the project (above the setter's top-most package) when the setter belongs to a
    package: a package's settings module may be loaded by name (Django's settings) rather than
    imported. A loose script's settings hold only in a process that runs both modules: one module
    imports the other, or a third imports both (ChatPaper's scripts sit side by side, and only
    chat_paper.py configures Azure)."""
    if is_test_path(setter) or not _within(path, project_of(setter)):
        return False
    return _one_process(builder, setter, path)


def _one_process(builder, setter: str, path: str) -> bool:
    """May the modules at ``setter`` and ``path`` (of one project) run in one process: the setter belongs to a package,
    or one imports the other, or a third imports both (loose scripts side by side run apart)."""
    if os.path.isfile(os.path.join(os.path.dirname(os.path.abspath(setter)), "__init__.py")):
        return True
    return bool(_importing(builder, setter) & _importing(builder, path))


def _importing(builder, path: str) -> frozenset:
    """``path`` and every module of the tree that imports it, directly or through others."""
    cache = builder.__dict__.setdefault("_importing_cache", {})
    if path not in cache:
        importers = _importers(builder)
        found, todo = {path}, [path]
        while todo:
            for other in importers.get(todo.pop(), ()):
                if other not in found:
                    found.add(other)
                    todo.append(other)
        cache[path] = frozenset(found)
    return cache[path]


def _one_program(builder, f, g) -> bool:
    """Are ``f`` and ``g`` modules of one program: one imports the other, or a third both (directly or not)?"""
    return f is g or bool(_importing(builder, f.path) & _importing(builder, g.path))


def _importers(builder) -> dict[str, set[str]]:
    """path -> the paths of the tree's modules that import it (``import a.b``, ``from a import b``,
    ``from .b import c``; a name matched as the import machinery might under another root, as
    ``resolve_import`` does)."""
    cached = builder.__dict__.get("_importers_cache")
    if cached is not None:
        return cached
    by_suffix: dict[str, list] = {}
    for g in builder.files:
        parts = g.module.split(".") if g.module else []
        for i in range(len(parts)):
            by_suffix.setdefault(".".join(parts[i:]), []).append(g)
    importers: dict[str, set[str]] = {}
    for f in builder.files:
        for node in f.nodes:
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level:
                    base = f.module.split(".") if f.module else []
                    keep = len(base) - node.level + (1 if os.path.basename(f.path) == "__init__.py" else 0)
                    module = ".".join([*base[: max(keep, 0)], *([module] if module else [])])
                names = [module, *(f"{module}.{alias.name}" if module else alias.name for alias in node.names)]
            else:
                continue
            for name in names:
                parts = name.split(".") if name else []
                # the module itself, or a module the name ends with (the root sits inside a package)
                found = list(by_suffix.get(name, ())) + [g for i in range(1, len(parts))
                                                          for g in by_suffix.get(".".join(parts[i:]), ())
                                                          if g.module == ".".join(parts[i:]) and
                                                          _same_module(g.module, name, g.path)]
                for g in found:
                    if g is not f:
                        importers.setdefault(g.path, set()).add(f.path)
    builder.__dict__["_importers_cache"] = importers
    return importers


def _engine_free_v0(builder, origin) -> bool:
    """A legacy v0 call written with ``model=`` alone (no ``engine=`` / ``deployment_id=``, no
    ``**kwargs`` that could hold them) in a module that does not itself configure the openai module
    for Azure: openai 0.28 raises ("You must provide the deployment name in the 'engine' parameter")
    before sending such a call to Azure, so it runs on OpenAI wherever it runs. Another module's
    Azure setting (ChatPaper's chat_paper.py, beside scripts that never import it) says nothing about
    it; a module that sets ``openai.api_type = "azure"`` itself keeps its calls (that is its intent)."""
    return bool(origin.v0) and not origin.v0_splat and \
        module_setting_source(builder, origin.path, "azure") != origin.path


def _openai_url_value(node) -> bool:
    """``"https://api.openai.com/v1"`` written out."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and \
        node.value.rstrip("/").split("://", 1)[-1].split("/", 1)[0].lower() == "api.openai.com"


def _base_url_arguments(builder, files, decision) -> dict:
    """path -> {name: (function, parameter)}: module-level names a module hands to a function's ``base_url``
    parameter that a converted constructor takes as ``base_url=`` (its default OpenAI's URL), where the name is bound
    once to OpenAI's URL or to an env read defaulting to it (``BASE_URL = os.getenv("BASE_URL", "https://api.openai.com/
    v1")``, then ``generate_response(prompt, MODEL, KEY, BASE_URL)``: held-out review 109, X5, the default was mapped in
    the client's module and OpenAI's URL still reached Mistral's client from the caller's)."""
    found: dict = {}
    for f in files:
        for call in (n for n in f.nodes if isinstance(n, ast.Call) and id(n) in builder.ctor_nodes):
            if decision(builder.ctor_nodes[id(call)]) != CONVERT:
                continue
            given = next((k.value for k in call.keywords if k.arg == "base_url"), None)
            scope = f.scope_of.get(id(call), ())
            if not isinstance(given, ast.Name) or len(scope) != 1 or (scope, given.id) not in f.params or \
                    not _openai_url_value(_param_default(f, scope, given.id)):
                continue
            order = f.param_order.get(scope, [])
            index = order.index(given.id) if given.id in order else -1
            callers = [(f, load) for load in _loads_of(f, scope[0])]
            for g in files:
                for local, (_module, _level, imported) in g.repo_imports.items() if g is not f else ():
                    if imported == scope[0] and builder.resolve_import(g, local) == (f, scope[0]):
                        callers += [(g, load) for load in _loads_of(g, local)]
            for g, load in callers:
                caller = g.parent.get(id(load))
                if not (isinstance(caller, ast.Call) and caller.func is load):
                    continue
                chosen = [k.value for k in caller.keywords if k.arg == given.id] or \
                    ([caller.args[index]] if 0 <= index < len(caller.args) and
                     not any(isinstance(a, ast.Starred) for a in caller.args[:index + 1]) else [])
                for value in chosen:
                    if not isinstance(value, ast.Name) or \
                            builder.lookup_scope(g, g.scope_of.get(id(value), ()), value.id) != ():
                        continue
                    bound = g.assigns.get(((), value.id), [])
                    if len(bound) != 1 or bound[0] is None:
                        continue
                    held = bound[0]
                    if _openai_url_value(held) or _is_getenv(held) and len(held.args) == 2 and \
                            _openai_url_value(held.args[1]):
                        found.setdefault(g.path, {})[value.id] = (scope[0], given.id)
    return found


# surfaces only OpenAI's API serves (no OpenAI-compatible local server has them)
_OPENAI_ONLY_SURFACES = ("assistants.", "threads.", "vector_stores.")
_ENV_PROVIDER = re.compile(r"^(.*) \(([A-Z][A-Z0-9_]*)\)$")


def _openai_only_apis_elsewhere(members) -> None:
    """A client the project's env or deploy files point at another server (``OPENAI_BASE_URL=http://localhost:1234/v1``
    in a dev compose file) whose calls use the Assistants / threads / vector stores APIs, which only OpenAI serves:
    OpenAI's client where those calls run, kept with their TODOs and a word on the configured server (held-out review
    109, X2: judged LM Studio's, it got no TODO at all, its asst_ id and threads left silently)."""
    surfaces = [use.surface for m in members for use in m.uses if any(part in use.surface
                                                                         for part in _OPENAI_ONLY_SURFACES)]
    if not surfaces:
        return
    for m in members:
        found = _ENV_PROVIDER.match(m.provider) if m.kind != "parameter" else None
        if found is None or found.group(1) in ("azure", "openai"):
            continue
        server, variable = found.groups()
        m.provider = "openai"
        shown = f"a {server}" if server.startswith("local ") else server
        m.problems.append(f"the project's env or deploy files point {variable} at {shown}, which serves no "
                          f"{'Assistants' if 'vector_stores.' not in surfaces[0] else 'vector stores'} API "
                          f"({surfaces[0]}): those calls reach OpenAI where they run, so it stays OpenAI's client")


# keys of a model registry that name OpenAI's models by a fragment (`{"gpt": OpenAIAgent}`, tested `key in model`)
_OPENAI_MODEL_KEYS = frozenset({"gpt", "openai", "gpt-4", "gpt-4o", "gpt-3.5", "chatgpt", "o1", "o3", "o4"})


def _model_registries(builder, files, sites) -> None:
    """A module-level table keyed by OpenAI model-name fragments (``REGISTRY = {"gpt": OpenAIAgent}``, looked up with
    ``key in model``) whose class builds an object the run converts: a Mistral model name finds no entry, and one left
    OpenAI's is sent to Mistral (held-out review 111, Y3: NotImplementedError at start-up, following the model TODO). A
    TODO at the table ("registry" site)."""
    from migrator.plan.langchain import module_plans

    for f in files:
        if '"gpt"' not in f.source and "'gpt'" not in f.source and "openai\"" not in f.source and "openai'" not in f.source:
            continue
        converting = [key[1] for key, answer in sites.items() if key[0] == f.path and answer and answer[0] == "ctor"
                      and answer[1] == CONVERT]
        for planned in module_plans(f):
            converting += [site.line for site in getattr(planned, "sites", ()) if site.verdict == CONVERT]
        if not converting:
            continue
        for node in f.tree.body:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                    and isinstance(node.value, ast.Dict) and node.value.keys):
                continue
            keys = [k.value for k in node.value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            openai_keys = [k for k in keys if k.lower() in _OPENAI_MODEL_KEYS]
            classes = [v.id for k, v in zip(node.value.keys, node.value.values) if isinstance(v, ast.Name) and
                       isinstance(k, ast.Constant) and k.value in openai_keys]
            spans = [(f.scopes[scope].lineno, f.scopes[scope].end_lineno or f.scopes[scope].lineno, scope[-1])
                     for scope in f.classes if len(scope) == 1 and scope[0] in classes]
            moved = [name for start, end, name in spans if any(start <= line <= end for line in converting)]
            if not moved or any(k.lower().startswith(("mistral", "magistral", "ministral")) for k in keys):
                continue
            name = node.targets[0].id
            todo = (f"{name} routes model names holding {', '.join(repr(k) for k in openai_keys)} (OpenAI's) to "
                    f"{', '.join(moved)}, whose model migrator moved to Mistral: add an entry for Mistral's names "
                    f"(\"mistral\": {moved[0]}), or a Mistral model name finds no entry here, and an OpenAI one left "
                    "for it is sent to Mistral")
            sites[node_key(f.path, node)] = ("registry", todo)


def _within(path: str, directory: str) -> bool:
    return os.path.abspath(path).startswith(directory.rstrip(os.sep) + os.sep)


def _patched_test_dirs(files) -> dict[str, str]:
    """Directory -> why, for each ``conftest.py`` that patches or instruments the OpenAI SDK for its
    tests (``patch_openai_classes()``, ``instrument_openai()``): the tests below it exercise that
    integration, so their clients stay on OpenAI."""
    out: dict[str, str] = {}
    for f in files:
        if os.path.basename(f.path) != "conftest.py":
            continue
        for node in f.nodes:
            if isinstance(node, ast.Call):
                last = (dotted_name(node.func) or "").rsplit(".", 1)[-1].lower()
                if "openai" in last and any(verb in last for verb in ("patch", "instrument", "wrap")):
                    directory = os.path.dirname(os.path.abspath(f.path))
                    out.setdefault(directory, f"the tests here run with {last}() from their conftest.py, "
                                              "which patches the OpenAI SDK: they exercise that integration")
    return out


def _vectors_persist(builder, files) -> bool:
    """May embedding vectors outlive the run anywhere in the tree (migrator.mapping.embeddings.VECTOR_PERSISTENCE)?
    Read only where a module embeds; a module the plan did not read counts too."""
    from migrator.mapping.embeddings import VECTOR_PERSISTENCE, vectors_persist

    if not getattr(builder, "root", ""):
        return True  # a module on its own (a snippet, transform_source's own plan): its project is not seen
    embedding = [f for f in files if "mbedding" in f.source]
    if not embedding or vectors_persist(f.source for f in files):
        return True
    if not all(os.path.isfile(f.path) for f in embedding):
        return True  # (a module given as text, not read from the tree)
    if any(_distributed(os.path.dirname(os.path.abspath(f.path))) for f in embedding):
        return True  # a library (or an installable app): its callers may keep the vectors it returns
    pattern = re.compile(VECTOR_PERSISTENCE.pattern.encode())
    if builder.unread is not None and builder.unread.search(pattern):
        return True
    # the run may cover part of its repository (`migrator convert embed.py`): the rest of it is read as text
    top = os.path.abspath(builder.root) if getattr(builder, "root", "") else None
    roots = {_repository_root(os.path.dirname(os.path.abspath(f.path)), top) for f in embedding}
    given = {os.path.abspath(f.path) for f in files}
    return any(_stored_in(root, given, pattern) for root in roots)


_SKIPPED_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "venv", "env", "build", "dist"})


def _repository_root(directory: str, top: Optional[str] = None) -> str:
    """The directory holding .git at or above ``directory``; else the run's root ``top`` when it holds
    ``directory``, else ``directory`` itself."""
    found = directory
    while True:
        if os.path.exists(os.path.join(found, ".git")):
            return found
        parent = os.path.dirname(found)
        if parent == found:
            break
        found = parent
    if top is not None and (directory == top or directory.startswith(top.rstrip(os.sep) + os.sep)):
        return top
    return directory


def _stored_in(root: str, given: set, pattern: re.Pattern, limit: int = 3000) -> bool:
    """Does a Python module or notebook under ``root`` that the plan was not given match ``pattern``? (True past
    ``limit`` files: too large a tree to tell.)"""
    from migrator.engine.walk import read_regular

    for seen, path in enumerate((p for p in _tree_files(root, (".py", ".ipynb")) if p not in given), 1):
        if seen > limit:
            return True
        problem, _info, data = read_regular(path, 2_000_000)
        if not problem and pattern.search(data):
            return True
    return False


def _tree_files(root: str, suffixes: tuple) -> Iterator[str]:
    """The files under ``root`` whose names end with ``suffixes`` (any case), in name order, hidden and vendored
    directories (_SKIPPED_DIRS) left out."""
    for directory, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        yield from (os.path.join(directory, name) for name in sorted(names) if name.lower().endswith(suffixes))


_SQL_COMMENT = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)
_CYPHER_COMMENT = re.compile(r"(?<![:'\"\w])//[^\n]*|/\*.*?\*/", re.DOTALL)  # (not a URL's `https://`)


def _converted_embedding_dirs(files, sites) -> frozenset:
    """The directories whose modules' embeddings (one at least) all convert."""
    by_dir: dict = {}
    for f in files:
        by_dir.setdefault(os.path.dirname(os.path.abspath(f.path)), []).append(f)
    return frozenset(d for d, group in by_dir.items() if _embedding_verdicts(group, sites) == {CONVERT})


def _sql_sizes(builder, target: Optional[str], limit: int = 2000, within: Optional[frozenset] = None) -> tuple:
    """(shown path, the summary's step) of each SQL file under the run's root sizing a vector column for OpenAI's
    vectors (``embedding vector(1536)``, ``::vector(3072)``, ``halfvec(3072)``): its lines (at most ``limit`` files are
    read). ``within``: only those in these directories, where the tree's embeddings do not all convert (the schema
    beside the module whose inserts converted; held-out review 139, Y1: another module's kept Chroma store hid it)."""
    if within is not None and not within:
        return ()
    from migrator.engine.walk import display_path, read_regular
    from migrator.mapping.embeddings import (CYPHER_SIZE_STEP, JSON_SIZE_STEP, JSON_VECTOR_SIZE,
                                             MISTRAL_EMBED_DIMENSIONS, MISTRAL_EMBED_MODEL, OPENAI_EMBEDDING_SIZES,
                                             SQL_SIZE_STEP, VECTOR_SIZE_TEXT)

    # (the run's root: a compose project's db/init.sql sits beside the package's directory, held-out review 82, X4)
    root = getattr(builder, "run_root", "") or getattr(builder, "root", "")
    if not root or not os.path.isdir(root):
        return ()
    vectors = f"{MISTRAL_EMBED_DIMENSIONS}-dimension {MISTRAL_EMBED_MODEL} vectors" if target == MISTRAL_EMBED_MODEL \
        else f"{target or 'the target embedding model'}'s vectors"
    found = []
    # (a Neo4j script's vector index, `db.index.vector.createNodeIndex(..., 1536, ...)`: held-out review 167, Y4)
    for seen, path in enumerate(_tree_files(root, (".sql", ".json", ".cypher")), 1):
        if seen > limit:
            break
        json_file = path.lower().endswith(".json")
        if within is not None and os.path.dirname(os.path.abspath(path)) not in within:
            continue
        problem, _info, data = read_regular(path, 2_000_000)
        text = "" if problem else data.decode("utf-8", "replace")
        # (not in a comment: `-- OpenAI text-embedding-3-large: vector(3072)`, held-out review 93, Y7; blanked, the
        # lines kept)
        text = (_CYPHER_COMMENT if path.lower().endswith(".cypher") else _SQL_COMMENT).sub(
            lambda m: re.sub(r"[^\n]", " ", m.group(0)), text) if not json_file else text
        hits = {text.count("\n", 0, hit.start(1)) + 1: int(hit.group(1))
                for hit in (JSON_VECTOR_SIZE if json_file else VECTOR_SIZE_TEXT).finditer(text)}
        if hits:
            path = os.path.normpath(path)
            many = len(hits) > 1
            lines = ("lines " if many else "line ") + ", ".join(f"{line}: {size}" for line, size in hits.items())
            models = " and ".join(OPENAI_EMBEDDING_SIZES[size] for size in dict.fromkeys(hits.values()))
            # (a JSON file: a search index's definition, held-out review 112, Y4)
            cypher = path.lower().endswith(".cypher")
            words = (("vector fields", "the indexes") if many else ("a vector field", "the index")) if json_file else \
                (("vector indexes", "") if many else ("a vector index", "")) if cypher else \
                (("vector columns", "their indexes") if many else ("a vector column", "its index"))
            template = JSON_SIZE_STEP if json_file else CYPHER_SIZE_STEP if cypher else SQL_SIZE_STEP
            found.append((path, template.format(
                path=display_path(path), line=lines, vectors=vectors, models=models, columns=words[0],
                them="them" if many else "it", its=words[1])))
    return tuple(found)


def _distributed(directory: str) -> bool:
    """Is ``directory`` inside a Python distribution: a setup.py / setup.cfg, or a pyproject.toml naming a project,
    in it or above it (up to the repository's root, the directory holding .git)?"""
    while True:
        if os.path.isfile(os.path.join(directory, "setup.py")) or os.path.isfile(os.path.join(directory, "setup.cfg")):
            return True
        pyproject = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(pyproject):
            try:
                with open(pyproject, encoding="utf-8", errors="replace") as handle:
                    text = handle.read(200_000)
            except OSError:
                return True
            if re.search(r"^\[(?:project|tool\.poetry)\]", text, re.MULTILINE):
                return True
        parent = os.path.dirname(directory)
        if os.path.exists(os.path.join(directory, ".git")) or parent == directory:
            return False
        directory = parent


def decide(builder, files) -> ConversionPlan:
    _CLASS_FIELDS[0] = _class_fields(files)
    groups: dict[str, list] = {}
    patched = _patched_test_dirs(files)
    for origin in builder.origins.values():
        why = next((reason for directory, reason in patched.items() if _within(origin.path, directory)), None)
        if why is not None and origin.kind != "parameter":
            origin.problems.append(why)
    key_readers = _key_readers(files)
    module_keys = _module_keys(files)
    local_keys = _local_key_folds(builder, files, key_readers, module_keys)
    for origin in builder.origins.values():
        if origin.kind != "module":
            continue
        endpoint = module_setting(builder, origin.path, "endpoint")
        sometimes = module_setting(builder, origin.path, "endpoint_when") or \
            module_setting(builder, origin.path, "endpoint_config")
        if endpoint:
            origin.provider = endpoint  # `openai.base_url = "http://localhost:8000/v1"`: another server
        elif sometimes and not origin.v0 and not module_setting(builder, origin.path, "endpoint_when") and \
                module_setting(builder, origin.path, "endpoint_config_attr") == "api_base":
            # `openai.api_base = base_url` then `openai.chat.completions.create(...)`: openai>=1's module client reads
            # openai.base_url and ignores api_base, so the call goes to OpenAI as written (held-out review 158, X3:
            # "its calls go there or to OpenAI" was said)
            origin.problems.append(f"openai.api_base is set to {sometimes.split(' (the app')[0]}, which openai>=1's "
                                   "module client ignores (it reads openai.base_url): this call goes to OpenAI as "
                                   "written, though the app means it for that server; convert it by hand where that "
                                   "server is OpenAI, or set openai.base_url where it is not")
        elif sometimes:
            origin.problems.append(f"the openai module is pointed at {sometimes} (openai.api_base): its calls go "
                                   "there or to OpenAI; convert by hand where they do not")
        elif module_setting(builder, origin.path, "azure") and not _engine_free_v0(builder, origin):
            origin.provider = "azure"
            origin.problems.append("the openai module is configured for Azure OpenAI (openai.api_type)")
        runtime = module_setting(builder, origin.path, "runtime_key")
        if runtime and origin.provider == "openai" and origin.path not in local_keys:
            # (where each function setting the key makes the calls after it, the client is built there: below)
            origin.problems.append(f"{runtime} sets a key the app gets while it runs (typed in, or a session's or "
                                   "request's): "
                                   "the module's Mistral client would be built once, at import, and read "
                                   "MISTRAL_API_KEY; convert by hand, building Mistral(api_key=...) where the key "
                                   "is known")
    if builder.endpoint is not None:
        # --target openai-compatible keeps the openai module's own client and points it at the provider
        # (openai.base_url): one client for the whole process, whose calls move together or not at all (held-out
        # review 88, X1: the kept embeddings went to OVH with the OpenAI key)
        # (one program: a module and those it imports, or that import it; standalone scripts are programs of their own)
        modules = [(oid, origin.path) for oid, origin in builder.origins.items() if origin.kind == "module"]
        by_path = {f.path: f for f in files}
        for (a, path_a), (b, path_b) in itertools.combinations(modules, 2):
            if path_a == path_b or path_a in by_path and path_b in by_path and (
                    path_b in _reached(builder, by_path[path_a]) or path_a in _reached(builder, by_path[path_b])):
                builder.union(a, b)
    unfollowed = _unfollowed_factories(builder)
    for oid, origin in builder.origins.items():
        groups.setdefault(builder.find(oid), []).append(origin)
        unseen = sorted(where for where in origin.returned_from if where in unfollowed)
        if unseen and origin.kind != "parameter":
            # returned by a function whose callers migrator does not all see: what they do with the client is
            # not checked, and converting it would hand them a Mistral client (held-out review 18, P1)
            origin.problems.append(f"returned by {'.'.join(unseen[0][1])}(), {unfollowed[unseen[0]]}: what its "
                                   "callers do with the client is not checked")
    for members in groups.values():
        _openai_only_apis_elsewhere(members)
    decision_of: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for root, members in groups.items():
        decision_of[root] = _group_decision(members)
    # (a v0 call on an Azure deployment, or in a module pointed at another server, takes another key: held-out review
    # 147, Y4, an Azure script reading AZURE_OPENAI_KEY kept a models.list() check of OPENAI_API_KEY on OpenAI)
    _keep_credential_checks(groups, decision_of, any(
        answer[0] == "v0" and not answer[2] and not module_setting(builder, answer[4].path, "azure") and
        not module_setting(builder, answer[4].path, "endpoint") for answer in builder.sites.values()) or
                            _v0_through_star(builder, files), _openai_kept_elsewhere(builder, files))
    _keep_wrapper_embedders(builder, files, _keep_shared_vector_spaces(builder, files, groups, decision_of))
    _keep_wrappers_sharing_kept_keys(builder, files, groups, decision_of)
    _keep_tests_beside_a_kept_app(groups, decision_of)

    def decision(oid: Optional[str]) -> str:
        if not oid:
            return UNRESOLVED
        root = builder.find(oid)
        if root not in decision_of:  # an origin first met after the groups were decided
            decision_of[root] = _group_decision([builder.origins[oid]])
        return decision_of[root][0]

    clients = []
    kept_key_vars: dict = {}  # environment variable -> the paths of kept clients reading it as their api_key=
    uses: list[Use] = list(builder.uses)
    for oid, origin in sorted(builder.origins.items(), key=lambda item: (item[1].path, item[1].line, item[0])):
        if origin.kind == "parameter" and not origin.sources and not origin.annotated and not origin.uses:
            continue
        if origin.kind == "module" and not origin.uses:
            continue
        if origin.v0 and (origin.provider != "openai" or decision(oid) != CONVERT):
            uses.extend(origin.uses)  # a legacy v0 call left on v0: no client, its v0 use (settled below)
            continue
        verdict, reason, blockers = _own_decision(origin, decision_of[builder.find(oid)], groups[builder.find(oid)])
        if verdict != CONVERT and origin.kind != "parameter":
            # `OpenAI(api_key=os.getenv("API_KEY"))` kept: a converted client reading the same variable cannot be
            # given a Mistral key there without breaking this one (held-out review 152, X2)
            # (a key file read, `key = open("keys/key.txt").read()`, as "file keys/key.txt": held-out review 165, Y5)
            for variable in KEPT_KEY_SOURCE.findall(origin.key_text + " " + origin.key_source):
                kept_key_vars.setdefault(variable[0] or f"file {variable[1]}", []).append(origin.path)
        clients.append(Client(oid, origin.path, origin.line, origin.col, origin.name, origin.kind, origin.is_async,
                              origin.provider, verdict, reason, blockers))
        for use in origin.uses:
            status = use.status
            if verdict == OTHER:
                status = "other-provider"
            elif verdict in (KEEP, UNRESOLVED) and status == "convert":
                status = "keep"
            uses.append(Use(use.path, use.line, use.col, use.surface, use.client, use.rule, status, use.blocking,
                            use.detail))
    uses.sort(key=lambda u: (u.path, u.line, u.col, u.surface))

    sites: dict = {}
    settled: dict[int, Use] = {}  # v0 uses, once their provider is known
    # where every client of the tree is another provider's (or Azure's), a call on a receiver migrator cannot
    # trace is one of theirs: a TODO asking to convert it "if it receives a client migrator converted" says
    # nothing (held-out review 18, P9: lepton's thread-local client). With no client in the tree (a library's
    # helpers, handed their clients by its users) or an OpenAI one, kept or unused (a later run over another
    # part of the repository may convert what reaches it), the TODO stays
    real = [origin for origin in builder.origins.values() if origin.kind != "parameter"]
    # (no client, but a tree that imports an OpenAI look-alike SDK and never openai: its calls are that SDK's, held-out
    # review 45, A15: a Groq bot got "convert by hand if it receives a client migrator converted")
    openai_clients = not real and not _lookalike_only(builder) or any(origin.provider == "openai" for origin in real) \
        or _client_class_named(builder)
    # calls through `<untraced instance>.<attr>` where every client the tree stores as .<attr> stays on OpenAI: the
    # call is one of theirs, named at their constructors' TODO ("goes through an instance's .client"); its own
    # "convert by hand if it receives a client migrator converted" said nothing (held-out review 28, G10)
    on_kept = {key: attr for attr, owners in builder.untraced_owners.items()
               if owners and all(decision(oid) in (KEEP, OTHER) for oid in owners)
               for _path, _call, key in builder.untraced_attrs.get(attr, ())}
    for key, answer in builder.sites.items():
        if answer[0] == "alias":  # a resource with no Mistral counterpart kept under another name: MIG106's TODO
            origin = builder.origins.get(answer[1].client) if answer[1].client else None
            if origin is not None and origin.provider == "openai" and decision(answer[1].client) == KEEP:
                sites[key] = answer  # (not for Azure's or another provider's client: their own TODO says it)
            continue
        if answer[0] == "v0":
            # ("v0", surface, azure, other provider): an Azure deployment (deployment_id=, or the module
            # configured for Azure: engine= alone is also OpenAI's legacy /engines route), another
            # server (the module's api_base), or OpenAI
            _, surface, deployment, has_model, use, branched = answer
            # a module configured for Azure: its calls are Azure's, except in a branch on api_type,
            # where the model= branch is OpenAI's, and a model= call in another module (see
            # _engine_free_v0)
            configured_in = module_setting_source(builder, use.path, "azure")
            azure = V0_DEPLOYMENT if deployment else "" if configured_in is None or \
                (has_model and (branched or configured_in != use.path)) else "this module configures the openai module for Azure" \
                if configured_in == use.path else ("the openai module is configured for Azure in "
                                                   f"{os.path.relpath(configured_in, os.path.dirname(use.path))}")
            other = None if azure else module_setting(builder, use.path, "endpoint")
            # the fifth: why a chat / embedding call MIG118 would convert stays on v0 ("" for the others)
            reason = use.detail.split("(...): ", 1)[1] if "(...): " in use.detail else ""
            sometimes = None if azure or other else module_setting(builder, use.path, "endpoint_when") or \
                module_setting(builder, use.path, "endpoint_config")
            if sometimes and not reason:
                reason = (f"the openai module is pointed at {sometimes} (openai.api_base): this call goes there "
                          "or to OpenAI; convert it by hand where it does not")
            sites[key] = ("v0", surface, azure, other, reason)
            status, detail = (
                "other-provider", f"{V0_OTHER}the openai module pointed at {_provider_text(other)}") if other else (
                "todo", use.detail + (" on an Azure deployment" if azure else ""))
            settled[id(use)] = Use(use.path, use.line, use.col, use.surface, use.client, use.rule, status,
                                   use.blocking, detail)
            continue
        if answer[0] in ("v0read", "v0ms", "v0timed"):
            # a dict-style read of a converted v0 result (rewritten as attributes), its response_ms read and the
            # statement timed for it
            sites[key] = (answer[0], any(decision(oid) == CONVERT for oid in answer[1]), *answer[2:])
            continue
        if answer[0] in ("iwrap", "icall"):  # instructor (MIG111): the wrapped client's verdict
            use = answer[1]
            origin = builder.origins.get(use.client) if use.client else None
            sites[key] = (answer[0], decision(use.client), bool(origin and origin.is_async))
            continue
        if answer[0] == "call":
            use: Use = answer[1]
            origin = builder.origins.get(use.client) if use.client else None
            verdict = decision(use.client)
            if origin is not None and origin.v0 and (origin.provider != "openai" or verdict != CONVERT):
                # a legacy v0 call on an Azure-configured module, another server, or kept: its v0 TODO
                configured_in = module_setting_source(builder, use.path, "azure")
                azure = "" if "azure" not in origin.provider.lower() else "an Azure-configured module" \
                    if configured_in is None else "this module configures the openai module for Azure" \
                    if configured_in == use.path else ("the openai module is configured for Azure in "
                                                       f"{os.path.relpath(configured_in, os.path.dirname(use.path))}")
                other = None if azure or origin.provider == "openai" else origin.provider
                # the call's own reason where it blocks itself (a v0 module client is one per call)
                # (or a blocking use recorded apart at the same call: a shared vector space, held-out review 66, X1)
                apart = next((u.detail for u in origin.uses if u.blocking and u.detail and u is not use and
                              (u.path, u.line, u.col) == (use.path, use.line, use.col)), "")
                reason = "" if azure or other else use.detail if use.blocking and use.detail else \
                    apart or decision_of[builder.find(use.client)][1]
                sites[key] = ("v0", origin.v0, azure, other, reason)
                settled[id(use)] = Use(use.path, use.line, use.col, origin.v0, None, "MIG106",
                                       "other-provider" if other else "todo", use.blocking,
                                       f"{V0_OTHER}the openai module pointed at {_provider_text(other)}" if other else
                                       f"legacy openai v0 API {origin.v0}(...)" + (" on an Azure deployment" if azure
                                                                                  else f": {reason}" if reason else ""))
                continue
            if origin is not None and origin.kind == "parameter" and not origin.sources and verdict == CONVERT and \
                    all(member.kind == "parameter" for member in groups[builder.find(use.client)]):
                # (a parameter whose group holds a client too, `self.client = client or get_client()`, receives that
                # client: the call converts with it, whichever origin the use names first -- held-out review 21,
                # S-B1: aa_service.py, sorted before the factory's module, kept its call under a retyped annotation)
                verdict = UNRESOLVED
            if verdict == UNRESOLVED and origin is not None and origin.kind == "parameter" and not use.blocking:
                # (a class whose same client also makes calls with no Mistral counterpart keeps it OpenAI's: this call
                # needs a second client, not a swapped one; held-out review 112, X2)
                lacking = _class_lacking(builder, uses, use)
                use = Use(use.path, use.line, use.col, use.surface, use.client, use.rule, use.status, True,
                          f"{origin.name} is a parameter annotated {'AsyncOpenAI' if origin.is_async else 'OpenAI'}"
                          " and no caller in the converted tree passes it a client migrator can trace: " + (
                              f"its class also makes calls with no Mistral counterpart ({lacking}) on the client it "
                              "is given, which must stay OpenAI's: to move this call, give the class a second, "
                              "Mistral client and make this call on it (client.chat.complete, ...)" if lacking else
                              "convert this call (and the annotation) when its callers pass a Mistral client"))
            if verdict == KEEP and origin is not None and origin.kind != "parameter" and \
                    origin.provider not in ("openai", "azure"):
                verdict = OTHER  # a call of another provider's client: left alone (no TODO of its own)
            if verdict == UNRESOLVED and use.client is None and key in on_kept:
                verdict = KEEP
                settled[id(use)] = Use(use.path, use.line, use.col, use.surface, None, use.rule, "keep", False,
                                       f"goes through .{on_kept[key]}, which holds only clients kept on OpenAI "
                                       "(their constructors' TODO names this call)")
            if verdict == UNRESOLVED and not openai_clients:
                verdict = OTHER
                settled[id(use)] = Use(use.path, use.line, use.col, use.surface, use.client, use.rule,
                                       "other-provider", False, "the receiver is not traced to a client, and every "
                                       "client in the tree is another provider's: left alone")
            detail = use.detail if use.blocking else ""
            if use.rule in ("MIG108", "MIG119") and not use.blocking and verdict == CONVERT:
                detail = use.detail  # how a converted models / files / batches list() page is used: "page" / "items"
            if origin is not None and origin.kind == "module" and verdict == KEEP and not detail:
                detail = decision_of[builder.find(use.client)][1]  # no constructor: the call says why
                blockers = decision_of[builder.find(use.client)][2]
                if builder.endpoint is not None and blockers:
                    # (one client for the process under --target openai-compatible: held-out review 88, X1)
                    held = re.match(r"(\S+?):\d+ ([\w.]+)", blockers[0])  # (its place, shown without a line number)
                    shown = f"its {held.group(2)}(...) call in {os.path.basename(held.group(1))}" if held else \
                        "another of its calls"
                    detail = (f"the openai module's client is one for the whole process, which openai.base_url would "
                              f"point at {builder.endpoint.spec.name}, and {shown} cannot move: its calls stay on "
                              f"OpenAI; to move this one, give it a client of its own (openai.OpenAI(base_url="
                              f"\"{builder.endpoint.base_url}\", api_key=...))")
            # async: its client's, the `await` it is written under, or (a parameter's call not awaited where it is
            # written, `tasks.append(client.chat...)`: held-out review 13, H1) its group's real clients
            # A parameter's clients decide over its annotation: `def __init__(self, client: AsyncOpenAI)` handed a sync
            # `OpenAI()` got complete_async, un-awaited (held-out review 67, X1: a coroutine where a completion was read)
            real = [m for m in groups[builder.find(use.client)] if m.kind != "parameter"] \
                if origin is not None and origin.kind == "parameter" and verdict == CONVERT else []
            is_async = (any(m.is_async for m in real) if real else bool(origin and origin.is_async)) or \
                key in builder.awaited
            # the client's constructors are all in other modules (the call's reason goes above it: held-out review 45,
            # A1, where the only TODO was the constructor's, in core/loader.py)
            elsewhere = origin is not None and origin.kind != "module" and not any(
                m.path == use.path for m in groups[builder.find(use.client)] if m.kind != "parameter")
            sites[key] = ("call", verdict, is_async, bool(origin and origin.kind == "module"), detail,
                          _call_async(builder, use.client), elsewhere, key in builder.passthrough_calls)
            if use.client is None and verdict == UNRESOLVED and use.status == "convert":
                # a call on a receiver no step traced: MIG102 / MIG106 leave it with a TODO ("not recognised"),
                # so the plan (scan) says todo, not the surface's convertibility
                settled[id(use)] = Use(use.path, use.line, use.col, use.surface, None, use.rule, "todo", False,
                                       use.detail or "the receiver is not traced to a client: convert by hand if it "
                                                     "receives one migrator converted")
        else:
            sites[key] = answer
    if settled:
        uses = [settled.get(id(u), u) for u in uses]
    for node_id, oid in builder.ctor_nodes.items():
        origin = builder.origins[oid]
        verdict, reason, blockers = _own_decision(origin, decision_of[builder.find(oid)], groups[builder.find(oid)])
        # (the OpenAI models the calls of its group send: a relay chosen in a branch makes its calls through the name
        # an OpenAI client shares; held-out review 117, X2)
        models = set().union(*(m.openai_models for m in groups[builder.find(oid)])) if origin.relay else set()
        todo = _configured_endpoint_todo(groups[builder.find(oid)]) \
            if verdict == OTHER and origin.provider == "unknown endpoint" and \
            not provider_named_by_path(origin.path) else \
            RELAY_ENDPOINT_TODO.format(host=origin.provider.removeprefix("endpoint ") if origin.provider.startswith(
                "endpoint ") else f"{origin.provider}'s", why=origin.relay if not origin.key_text or "openai" in (
                    origin.key_source + origin.key_text).lower() else origin.relay +
                f" and its calls name OpenAI's models ({', '.join(sorted(models)[:3])})") \
            if verdict == OTHER and origin.relay and builder.endpoint is None and (
                not origin.key_text or "openai" in (origin.key_source + origin.key_text).lower() or
                models) else \
            "" if verdict == OTHER else ctor_todo(reason, blockers, origin.path)
        if verdict == UNUSED:
            # (a tree already on mistralai: converted by a previous run, whose TODO here a second run must say the same)
            # (or a LangChain / LlamaIndex object converting: held-out review 91, Y2, the first run said "nothing in the
            # tree uses it", the second, reading langchain_mistralai, the converting text)
            # (any client: the openai module's own too, held-out review 92, Y2)
            converting = any(decision_of[builder.find(other)][0] == CONVERT for other in builder.origins
                             if builder.find(other) in decision_of) \
                or any("mistralai" in g.source and _MISTRAL_IMPORT.search(g.source) for g in builder.files) or \
                any(site.verdict == "convert" for g in builder.files for site, _ in _wrapper_sites(g)) or \
                _unread_mistral_import(builder)
            # (alone: no client of the tree converts, and none stays on OpenAI either, which keeps the package and
            # the key anyway)
            alone = not converting and origin.provider == "openai" and not origin.guarded and not any(
                decision_of[builder.find(other)][0] in (KEEP, UNRESOLVED) for other in builder.ctor_nodes.values())
            reads_env = not origin.key_text or "OPENAI_API_KEY" in origin.key_source + origin.key_text
            todo = (UNUSED_GUARDED_TODO if origin.guarded else UNUSED_AT_IMPORT_TODO if converting else
                    UNUSED_ALONE_TODO) if reads_env else UNUSED_KEYED_TODO
            # (given its key otherwise, a literal or a config module's: it keeps openai a dependency all the same;
            # held-out review 92, Y4, it was kept silently)
            todo = todo if origin.at_import and builder.endpoint is None and (converting or alone) and (
                reads_env or origin.provider == "openai" and not origin.guarded) else ""
            built_in = _unused_builder_function(builder, origin) if not todo and not origin.at_import and \
                builder.endpoint is None and (converting or alone) and reads_env and origin.provider == "openai" \
                and origin.kind not in ("parameter", "module") else ""
            held = _unused_instance_attribute(builder, origin) if not todo and not built_in and \
                not origin.at_import and builder.endpoint is None and (converting or alone) and \
                origin.provider == "openai" and origin.kind not in ("parameter", "module") else ""
            if built_in:
                # `app.state.client = OpenAI(...)` in a FastAPI lifespan nothing reads (held-out review 109, X8: silent,
                # and the app would not start once OPENAI_API_KEY was retired)
                todo = (UNUSED_IN_FUNCTION_TODO if converting else UNUSED_IN_FUNCTION_ALONE_TODO).format(
                    function=built_in)
                if _caught_where_built(builder, origin):  # (`try: client = OpenAI(...)` / `except Exception:`)
                    todo = todo.replace("and raises there without it", "and fails there without it (its try "
                                        "catches the error)").replace("raising there without it", "failing there "
                                                                      "without it (its try catches the error)")
            elif held:
                # `self.model = AsyncOpenAI(...)` in __init__, read nowhere in the tree (held-out review 167, Y2:
                # silent beside converted clients, only "2 unused" in the summary)
                todo = UNUSED_ATTRIBUTE_TODO.format(attribute=held[0], cls=held[1], reads=(
                    "still reads OPENAI_API_KEY" + (" (the converted clients read MISTRAL_API_KEY)" if converting
                                                    else "") + " and keeps openai a dependency") if reads_env else
                    "keeps the openai package a dependency")
            patched = _patched_by(builder, origin) if todo else []
            if patched:  # (held-out review 93, X7: deleting it, as told, broke the test patching it)
                todo = todo.replace("nothing in the tree uses it", f"nothing in the tree uses it but "
                                    f"{' and '.join(patched[:2])}, which patch{'es' if len(patched) == 1 else ''} it",
                                    1).replace("; delete it", "; delete it with those patches", 1)
        sites[origin.key] = ("ctor", verdict, todo,
                             origin.key_source if "openai" in origin.key_source.lower() or
                             OPENAI_SECRET.search(origin.key_source) else "",
                             origin.key_fold if verdict == CONVERT else None, origin.base_source)
    module_converts = {o.path for oid, o in builder.origins.items()
                       if o.kind == "module" and decision(oid) == CONVERT}
    # modules that call through the openai module client themselves (openai>=1 or v0 calls)
    module_callers = {o.path for o in builder.origins.values() if o.kind == "module"} | \
        {u.path for u in builder.uses if u.surface.startswith("openai.")}
    module_keeps = {o.path for oid, o in builder.origins.items() if o.kind == "module" and decision(oid) != CONVERT
                    and o.provider == "openai"} | {u.path for u in builder.uses if u.surface.startswith("openai.")}
    # (a library calling through the openai module's client: openai-multi-client, held-out review 94, Y3)
    through_module = {u.path for u in builder.uses if u.surface.split(".", 1)[0] in MODULE_CLIENT_LIBRARIES}
    module_callers |= through_module
    module_keeps |= through_module
    star_importers: dict = {}
    reexported: dict = {}
    star_exports = _star_exports(builder, files, star_importers, reexported)
    converting_paths = {use.path for use in uses if use.status == CONVERT}
    by_path = {f.path: f for f in files}
    for key, answer in list(sites.items()):
        if answer[0] == "modcfg":
            # settings matter where the module client's calls now go to Mistral: this module's own calls,
            # or, for a module that only configures it, the calls of the modules of its project
            path = key[0]
            # (a notebook's kernel: itself and the modules it imports, held-out review 94, Y4: its key line for a
            # converted source/api_call.py was left silently)
            runs = _reached(builder, by_path[path]) if path.endswith(".ipynb") else frozenset()
            # (a loose script's setting serves a script beside it only where one process runs both: held-out review
            # 145, X3, a kept shim's openai.api_base was told to configure other.py's mistral_client)
            moved = path in module_converts or (path not in module_callers and any(
                _setting_reaches(path, other) and (path.endswith(".ipynb") or _one_process(builder, path, other)) or
                other in runs for other in module_converts))
            # a module that only configures it, in a project whose module-client calls partly stay on
            # OpenAI: the setting serves those too (PentestGPT's test_connection, for its kept ChatGPTAPI)
            # A module whose own module-client calls partly stay (a v0 call kept beside one converted:
            # ChatPaper's chat_reviewer rotates openai.api_key for both) is mixed too.
            # (a module calling through it itself: also the kept calls of the modules it imports, whose program it
            # runs: held-out review 70, Y1, an entry module's key served an imported module's kept openai.Audio call)
            mixed = moved and ((path in module_keeps or bool(module_keeps & _reached(builder, by_path[path])) and
                                not path.endswith(".ipynb") if path in module_callers else any(
                _setting_reaches(path, other) or other in runs for other in module_keeps)) or
                # (its openai read through `from <it> import *` by a module whose calls stay: re-review 40, S3)
                any(other in module_keeps for other in star_importers.get(path, ())))
            # third: this module's own module-client calls convert (its mistral_client may take the key)
            # "readback": dead but for code reading openai.api_key back (`if not openai.api_key: sys.exit(...)`), which
            # still demands the OpenAI key: the setting stays, with a TODO (re-review 45, B5); the last field: this
            # module reads it back (its TODO says so wherever the setting stays: held-out review 77, X2)
            # the last field: the other modules of its project sending openai.api_key as a request's Authorization
            # header to OpenAI's API (held-out review 165, X3: "make that code check MISTRAL_API_KEY, then remove this
            # line" of a key chat.py's raw HTTP call to OpenAI sends, which stays)
            from migrator.mapping.client import OPENAI_HOST

            sites[key] = ("modcfg", "mixed" if mixed else moved or (
                "dead" if _dead_setting(builder, path, module_callers, decision, by_path, key_readers) else
                "readback" if _dead_setting(builder, path, module_callers, decision, by_path, set()) else False),
                path in module_converts, bool(key_readers - {path}), path in key_readers,
                tuple(sorted(other for other in key_readers - {path} if other in by_path and
                             _setting_reaches(path, other) and HEADER_KEY_READ.search(by_path[other].source) and
                             OPENAI_HOST in by_path[other].source)))

    converted = [c for c in clients if c.decision == CONVERT and c.kind != "parameter"]
    others = [c for c in clients if c.decision != CONVERT and not (c.kind == "parameter" and not c.blockers)]
    v0 = any(u.surface.startswith("openai.") for u in builder.uses)
    builder.kept_env = set()
    builder.kept_env_paths = {}
    builder.model_env = set()
    builder.model_feeds = set()  # (path, id) of env reads converted calls' model= alone reads (_model_env_reads)
    builder.model_callees = {}  # path -> top-level functions / classes whose parameter reaches converted model=
    builder.handler_modules = set()  # modules whose openai exception handlers are traced to no call (their importers)
    builder.imported_keys = {}  # path -> names imported from a module whose env read MIG101 renames
    builder.handed_keys = {}  # path -> {`self.<attr>`: the parameter its one caller hands a renamed read}
    builder.shared_fields = {}  # settings field -> what else reads it (the model TODO says so)
    builder.set_fields = {}  # (path, the read) -> where the settings object is built with its field given (the TODO)
    builder.shared_tokenizers = {}  # path -> {statement span: TODO} of tiktoken readers of a converted call's model
    plan_state = {"any": bool(converted), "all": bool(converted) and not others and not v0,
                  "implicit": _implicit_variables(builder, decision)}

    params: dict = {}
    returns: dict = {}
    model_slots: dict = {}
    key_names: dict = {}
    builder.plan_sites = sites
    # `openai.api_key = <parameter>` lines that become a converted client's Mistral(api_key=...) (_local_key_folds)
    builder.folded_key_lines = {(path, setting) for path, (spans, refs) in local_keys.items()
                                if all(decision(oid) == CONVERT for oid in refs) for setting, _last, *_ in spans}
    plan_state["error_groups"] = _imported_error_groups(builder, files, sites)
    plan_state["message_builders"] = _message_builders(builder, files, sites)
    plan_state["chat_imported"] = _chat_imported(files, uses)
    for f in files:
        _file_sites(builder, f, sites, decision, plan_state, params, returns, model_slots, key_names)
    _model_registries(builder, files, sites)
    _di_providers_of_kept_classes(builder, files, sites, uses)
    _key_message_matches(builder, files, sites)
    _key_writes_for_renamed_reads(builder, files, sites)
    _client_class_settings(files, sites)
    _config_default_dicts(builder, files, sites)
    for path, extra in builder.extra_slots.items():  # slots found from another module's calls
        model_slots[path] = frozenset(model_slots.get(path, frozenset()) | extra)
    for path, names in builder.imported_keys.items():  # `from config import OPENAI_API_KEY`, renamed there
        key_names.setdefault(path, set()).update(names)
    sent = _converted_model_names(files, sites, model_slots)
    converting = {u.path for u in uses if u.status == "convert"}
    calling = {u.path for u in uses if u.status == "convert" and not u.surface.startswith("handed to")}
    tables = {f.path: _model_tables(f, sites, sent, builder, converting, model_slots.get(f.path, frozenset()))
              for f in files} if sent else {}
    chat_converting = {u.path for u in uses if u.status == "convert" and u.surface in CHAT_SURFACES}
    for f in files:
        trailing = _system_appended_last(f, sites) if "system" in f.source else {}
        if trailing:
            tables[f.path] = {**tables.get(f.path, {}), **trailing}
        after_tool = _user_after_tool(f, sites) if '"tool"' in f.source or "'tool'" in f.source else {}
        if after_tool:
            tables[f.path] = {**tables.get(f.path, {}), **after_tool}
        guards = _model_guards(builder, f, converting) if "startswith" in f.source or " not in " in f.source else {}
        if guards:
            tables[f.path] = {**tables.get(f.path, {}), **guards}
        dumped = _serialised_responses(f, sites) if f.path in converting else {}
        if dumped:
            tables[f.path] = {**dumped, **tables.get(f.path, {})}
        built = _openai_objects_built(f) if f.path in chat_converting and "openai.types" in f.source else {}
        if built:
            tables[f.path] = {**built, **tables.get(f.path, {})}
        checks = _handed_type_checks(builder, f, files, sites, converting) if f.path not in converting and \
            "isinstance" in f.source and "openai" in f.source else {}
        if checks:
            tables[f.path] = {**checks, **tables.get(f.path, {})}
        cells = _notebook_cell_clients(f, uses) if f.path.endswith(".ipynb") and f.path in converting else {}
        if cells:
            tables[f.path] = {**tables.get(f.path, {}), **cells}
    chat_paths = {u.path for u in uses if u.status == "convert" and (
        u.surface in CHAT_SURFACES or u.surface.startswith("openai.ChatCompletion."))}  # (v0 chat calls too)
    for f in files:
        roles = _role_enums(f, files, chat_paths) if chat_paths and "Enum" in f.source else {}
        if roles:
            tables[f.path] = {**tables.get(f.path, {}), **roles}
    for path, found in builder.shared_tokenizers.items():  # (held-out review 59, X7)
        tables[path] = {**found, **tables.get(path, {})}
    target = _embedding_target(builder)
    dropped = _dropped_dimensions(files, sites) if target == "mistral-embed" else frozenset()
    dimensions = {f.path: found for f in files if (found := _embedding_sizes(f, sites, target=target,
                                                                           dropped=dropped))}
    for f in files:
        # (a module whose converted client it never calls sends nothing to Mistral: held-out review 87, Y8)
        tokenizer = _tokenizer_statement(f, sites) if f.path in calling and "tiktoken" in f.source else None
        if tokenizer is not None:  # MIG102's where chat calls convert, else MIG107's
            rules = {u.rule for u in uses if u.path == f.path and u.status == "convert"}
            into = tables if rules - {"MIG107"} else dimensions if "MIG107" in rules else None
            if into is not None and tokenizer[0] not in into.get(f.path, {}):
                into[f.path] = {**into.get(f.path, {}), tokenizer[0]: tokenizer[1]}
    for f, records in (_recorded_models(builder, files, sites) if builder.endpoint is None else {}).items():
        tables[f] = {**records, **tables.get(f, {})}
    everywhere = _all_embeddings_convert(files, sites)
    in_project = _embeddings_convert_by_project(files, sites, everywhere)
    if in_project:
        # the index / table the converted vectors go to may be made by a module with no embeddings call of its own
        # (create_index.py: `pc.create_index(dimension=1536)`; held-out review 39, P3: upserts failed, unflagged)
        dimensions.update({f.path: found for f in files if f.path not in dimensions and not _embeds(f) and
                           f.path in in_project and
                           (found := _embedding_sizes(f, sites, elsewhere=True, target=target, dropped=dropped))})
    # a tree keeping some embeddings on OpenAI (an evaluation's OpenAIEmbeddings handed to ragas): the modules importing
    # a module whose embeddings convert, and those they import, where no kept embedder is imported, size the converted
    # vectors (held-out review 148, Y1: one kept object anywhere silenced a 1536-wide faiss index the converted
    # embeddings fed)
    flow = _converted_embedding_flow(builder, files, sites) if not everywhere else frozenset()
    dimensions.update({f.path: found for f in files if f.path not in dimensions and not _embeds(f) and
                       f.path in flow and f.path not in in_project and
                       (found := _embedding_sizes(f, sites, elsewhere=True, target=target, dropped=dropped))})
    stored = False  # (vectors the tree holds: they outlive the run, whatever _vectors_persist reads)
    embedders: Optional[frozenset] = None  # the modules whose embeddings convert, and the modules importing them
    for f in files:  # a vector store the repository holds, opened where the embeddings convert (review 60, Y15)
        if not any(word in f.source for word in STORE_WORDS):
            continue
        if embedders is None:
            embedders = frozenset().union(*(_importing(builder, e.path) for e in files
                                            if _embeddings_convert(e, sites)))
        if f.path in in_project or f.path in embedders:
            # (a data file of vectors read by a module calling a converted helper of another: held-out review 78, X1)
            for span, todo in _stored_vectors(builder, f, sites, f.path in embedders).items():
                dimensions.setdefault(f.path, {}).setdefault(span, todo)
                stored = True
    builder.kept_only = frozenset(f.path for f in files
                                  if "patch" in f.source and _imports_only_kept(builder, f, sites))
    patch_reach = {f.path: _reached(builder, f) for f in files  # (a test's: elsewhere the kind counts tree-wide)
                   if "patch" in f.source and f.path not in builder.kept_only and is_test_path(f.path)}
    for path in [p for p in patch_reach if os.path.basename(p) == "conftest.py"]:
        # a conftest's fixture patches for the tests beside and below it: what they reach (held-out review 139, X4:
        # "the converted code calls Mistral's SDK" where those tests' code stayed on OpenAI)
        below = os.path.dirname(path) + os.sep
        patch_reach[path] = patch_reach[path].union(*(_reached(builder, f) for f in files if f.path != path and
                                                      f.path.startswith(below) and is_test_path(f.path)))
    _settle_app_patches(files, clients, sites, set(local_keys))
    _settle_module_sdk_patches(files, clients, sites, uses)
    call_index: dict = {}  # (the converted calls of each module, indexed once for the checks below)
    role_functions = _role_functions(files)
    role_positions = _role_positions(files, role_functions)
    wrappers = _wrapper_rows(files)
    key_callees = _key_callees(builder, files, clients)
    return ConversionPlan(tuple(clients), tuple(uses), sites=sites, params=params, returns=returns,
                          model_slots=model_slots, tables=tables, dimensions=dimensions,
                          mistral_key_fields=_mistral_key_fields(builder, files),
                          key_fields=_key_statements(builder, files, plan_state, sites, key_names,
                                                     not others and not v0 and any(
                              row[4] == CONVERT for row in wrappers[1]) and all(
                              row[4] == CONVERT for row in wrappers[1])),
                          raw_urls=_raw_url_settings(files, builder),
                          base_url_args=_base_url_arguments(builder, files, decision),
                          # (and the classes whose method passes **kwargs on to a chat call, with their instances:
                          # their callers in modules naming no openai are read on the second round; held-out review
                          # 148, Y5)
                          # (and the functions building a client with a key parameter: a caller handing one name to
                          # a converted and a kept one is read; held-out review 176, Y1)
                          model_callees={path: frozenset(builder.model_callees.get(path, set()) |
                                                         builder.__dict__.get("kwargs_callees", {}).get(path, set()) |
                                                         key_callees.get(path, set()))
                                         for path in {*builder.model_callees, *key_callees,
                                                      *builder.__dict__.get("kwargs_callees", {})}},
                          handler_modules=frozenset(builder.handler_modules),
                          response_returners={path: frozenset(names)
                                              for path, names in builder.response_returners.items()},
                          embedders=_embedding_functions(files, sites),
                          injectable=_injectable_callees(builder, clients),
                          converted_attrs=_converted_attributes(builder, files, clients),
                          kept_only=builder.kept_only, patch_reach=patch_reach, star_exports=star_exports,
                          reexported_errors={path: _reexported_here(names, path, converting_paths)
                                             for path, names in reexported.items()
                                             if _reexported_here(names, path, converting_paths)},
                          env_helpers=builder.__dict__.get("imported_env_helpers", {}),
                          key_helpers=_key_helpers(builder, files),
                          key_names={path: frozenset(names) for path, names in key_names.items()},
                          handed_keys=_unpassed_key_fallbacks(builder, files),
                          import_gates=_import_gates(builder, files),
                          kept_key_vars={name: tuple(paths) for name, paths in kept_key_vars.items()},
                          any_converted=plan_state["any"], all_converted=plan_state["all"],
                          kept_env=frozenset(builder.kept_env), converted_env=frozenset(plan_state["implicit"][None]),
                          default_embedding=frozenset(builder.default_embedding),
                          default_llm=dict(builder.default_llm), default_at=dict(builder.default_at),
                          default_llm_more=dict(builder.default_llm_more),
                          kept_env_paths={name: frozenset(paths) for name, paths in builder.kept_env_paths.items()},
                          module_keys=module_keys, model_env=frozenset(builder.model_env),
                          local_keys={path: spans for path, (spans, refs) in local_keys.items()
                                      if all(decision(oid) == CONVERT for oid in refs)},
                          model_env_reads=_model_env_reads(builder, files),
                          trailing_system=_trailing_system_calls(builder, files, sites, call_index),
                          trailing_assistant=_trailing_system_calls(builder, files, sites, call_index, "assistant"),
                          stored_histories=_stored_history_calls(files, sites, call_index),
                          developer_roles=_developer_roles(builder, files, uses, role_positions),
                          role_functions=frozenset().union(*role_functions.values()), role_callees=role_functions,
                          role_positions=role_positions,
                          role_names={f.path: names for f in files if (names := _role_names(f))},
                          shared_fields=dict(builder.shared_fields), set_fields=dict(builder.set_fields),
                          shared_key_callers=_shared_key_callers(builder, files, clients),
                          wrapper_others=wrappers[0],
                          wrapper_objects=wrappers[1],
                          wrapper_endpoints={f.path: f.wrapper_endpoints for f in files
                                             if getattr(f, "wrapper_endpoints", None)},
                          wrapper_stores={f.path: f.wrapper_stores for f in files
                                          if getattr(f, "wrapper_stores", None)},
                          wrapper_blockers={f.path: (f.langchain_blocker, f.llamaindex_blocker) for f in files
                                            if getattr(f, "briefed_blockers", False)},
                          vectors_persist=stored or _vectors_persist(builder, files),
                          sql_sizes=_sql_sizes(builder, target) if everywhere else
                          _sql_sizes(builder, target, within=_converted_embedding_dirs(files, sites)),
                          own_packages=own_packages(files),
                          # (or a tree of LangChain / LlamaIndex objects only, which convert: held-out review 100, Y8)
                          dead_imports=_dead_openai_imports(files, sites, uses, clients, wrappers[1])
                          if plan_state["all"] or not clients and not v0 and
                          any(row[4] == CONVERT for row in wrappers[1]) else {},
                          kept_model_env=_kept_model_env(files, sites),
                          foreign_components={path: tuple(sorted(names))
                                              for path, names in builder.foreign_components.items()},
                          run_names=_run_name_checks(files),
                          package_checks=_package_checks(files, plan_state["all"]),
                          error_names=_error_name_checks(files, sites))


def _clipped(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with "...", never inside a string literal (held-out review 95, X9:
    `... or 'gpt-4...` read as another model name): a cut in a literal goes back to before it."""
    if len(text) <= limit:
        return text
    head = text[:limit - 3]
    quotes = [i for i, c in enumerate(head) if c in "'\""]
    if len(quotes) % 2:  # (an unclosed literal: cut before it)
        head = head[:quotes[-1]].rstrip()
        head = re.sub(r"\s*(?:or|and|,|\+|\()\s*$", "", head)
    return head + "..."


def _kept_model_env(files, sites) -> dict:
    """variable -> the modules (paths) of OpenAI API calls that stay on OpenAI and take their model= from that
    environment variable (``model=os.getenv("CHAT_MODEL", "gpt-4.1-mini")``): a converted call reading it too is told
    so (held-out review 95, X3: "make sure CHAT_MODEL holds a Mistral model name" broke the kept calls)."""
    found: dict = {}
    for f in files:
        if "model" not in f.source or not ("getenv" in f.source or "environ" in f.source):
            continue
        for node in f.nodes:
            if not isinstance(node, ast.Call):
                continue
            answer = sites.get(node_key(f.path, node))
            # (a legacy v0 call kept as it is too: held-out review 144, X4)
            if not (answer and (answer[0] == "call" and answer[1] not in (CONVERT, OTHER) or answer[0] == "v0")):
                continue
            model = next((kw.value for kw in node.keywords if kw.arg == "model"), None)
            read = _env_read(model) if isinstance(model, (ast.Call, ast.Subscript)) else None
            if read is not None:
                found.setdefault(read[0], set()).add(f.path)
    return {variable: tuple(sorted(paths)) for variable, paths in found.items()}


def _dead_openai_imports(files, sites, uses, clients, wrapper_objects) -> dict:
    """path -> the names of the module's top-level openai imports nothing uses (``from openai import OpenAI`` in a
    module whose code goes through another module's converted client), where every client of the tree converts and no
    LangChain / LlamaIndex object stays: such an import alone kept the openai package a dependency (held-out review
    94, X6: context_tracker.py's, silently). Not a package's ``__init__.py`` or a module with ``__all__`` (they may
    re-export it), nor a name another module imports from it, nor one named anywhere else in it (a string too)."""
    if any(row[4] not in (CONVERT, OTHER) for row in wrapper_objects):
        return {}
    busy = {key[0] for key in sites} | {use.path for use in uses} | {client.path for client in clients}
    out: dict = {}
    for f in files:
        if f.path in busy or f.path.endswith(".ipynb") or os.path.basename(f.path) == "__init__.py" or \
                "__all__" in f.source or "openai" not in f.source:
            continue
        names = []
        for node in f.tree.body:
            # (`from langchain_openai import ChatOpenAI` beside an Ollama model, unused: it alone kept langchain-openai
            # a dependency; held-out review 100, Y8)
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in ("openai", "langchain_openai"):
                names += [alias.asname or alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                names += [alias.asname or alias.name for alias in node.names if alias.name == "openai"]
        if not names or "*" in names:
            continue
        stem = os.path.splitext(os.path.basename(f.path))[0]
        if all(len(re.findall(rf"\b{re.escape(name)}\b", f.source)) == 1 and not any(
                re.search(rf"(?:from[ \t]+[\w.]*\b{re.escape(stem)}[ \t]+import[^\n]*|\b{re.escape(stem)}\.)"
                          rf"\b{re.escape(name)}\b", g.source) for g in files if g is not f) for name in names):
            out[f.path] = frozenset(names)
    return out


def _handed_to_client(f, node) -> bool:
    """``OpenAI(api_key=openai.api_key)``: the module's key handed to a client, whose own TODO says what to pass
    (held-out review 126, X4: the setting's TODO called it code reading the key back, "a start-up check")."""
    keyword = f.parent.get(id(node))
    call = f.parent.get(id(keyword)) if isinstance(keyword, ast.keyword) and keyword.arg == "api_key" else None
    return isinstance(call, ast.Call) and (f.qualify(dotted_name(call.func)) or "") in CLIENT_CLASSES


def _key_readers(files) -> set:
    """Modules reading the openai module's key (`if not openai.api_key: ...`, `f"Bearer {openai.api_key}"`): a
    setting they read is never dropped (re-review 44, Y2 / Y5)."""
    return {f.path for f in files if "api_key" in f.source and any(
        isinstance(n, ast.Attribute) and n.attr == "api_key" and isinstance(n.ctx, ast.Load) and
        isinstance(n.value, ast.Name) and f.openai_modules.get(n.value.id) == "openai" and
        not _handed_to_client(f, n) or
        # `getattr(openai, "api_key", None)` (re-review 45, B23)
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "getattr" and len(n.args) >= 2 and
        isinstance(n.args[0], ast.Name) and f.openai_modules.get(n.args[0].id) == "openai" and
        isinstance(n.args[1], ast.Constant) and n.args[1].value == "api_key" for n in f.nodes)}


def _local_key_folds(builder, files, key_readers: set, module_keys: dict) -> dict:
    """path -> ((line of ``openai.api_key = <parameter>``, last line of its function), ...) where every use of the
    openai module's client in the module comes after such a setting in the same function (or a function nested in
    it): ``def run_bot(openai_api): openai.api_key = openai_api`` then calls (held-out review 53, Q8: the key a form
    hands in). The line becomes ``mistral_client = Mistral(api_key=openai_api)`` there, a local the calls after it
    (and closures) use, instead of a module client built at import that reads MISTRAL_API_KEY. Those uses convert
    or stay together (joined here). Not where anything else sets or reads ``openai.api_key``, nor where the
    setting is the one another module's openai-module calls get (process-wide in openai 0.x)."""
    from migrator.mapping.client import MODULE_CLIENT_NAME

    refs_of: dict = {}  # path -> the openai module client's origins there
    for oid, o in builder.origins.items():
        if o.kind == "module":
            refs_of.setdefault(o.path, []).append(oid)
    loose_lines: dict = {}  # path -> the lines of its legacy calls that stay (no client)
    for u in builder.uses:
        if u.client is None and u.surface.startswith("openai."):
            loose_lines.setdefault(u.path, set()).add(u.line)
    loose = set(loose_lines)
    callers = set(refs_of) | loose
    if not any("api_key" in f.source for f in files if f.path in refs_of):
        return {}
    reached = {setter for path, (setter, *_) in module_keys.items() if path in callers}
    found: dict = {}
    for f in files:
        # (a legacy call that stays, in `loose`, needs openai.api_key: the setting stays, and the client is built after
        # it, the TODO saying the one key cannot be both; held-out review 154, Y1, a bring-your-own-key class's chat
        # call moved to a module client reading the server's MISTRAL_API_KEY)
        keep = ("keep",) if f.path in loose else ()
        if f.path not in refs_of or f.path in key_readers or f.path in reached or \
                "api_key" not in f.source or \
                MODULE_CLIENT_NAME in f.source and any(isinstance(n, ast.Name) and n.id == MODULE_CLIENT_NAME or
                                                       isinstance(n, ast.arg) and n.arg == MODULE_CLIENT_NAME
                                                       for n in f.nodes):
            continue  # (a name of the app's own: MIG101's fold would not build it)
        refs = refs_of[f.path]
        held = _instance_key_fold(f, [builder.origins[oid].line for oid in refs])
        if held is not None and keep and not all(held[0] < line <= held[1] for line in loose_lines[f.path]):
            continue  # (a legacy call outside the class: the module's client, as the process's key, serves it)
        if held is not None:
            for a, b in zip(refs, refs[1:]):
                builder.union(a, b)
            found[f.path] = ((held + keep,), tuple(refs))
            continue
        ranges = []  # (function's first line, setting line, function's last line)
        for node in f.nodes:
            if not (isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and _sets_module_key(f, node)):
                continue
            fn = f.parent.get(id(node))
            if not _parameter_key_setting(fn, node):
                ranges = []
                break
            ranges.append((fn.lineno, node.lineno, fn.end_lineno or fn.lineno))
        if not ranges or any(a[0] <= b[2] and b[0] <= a[2] for a, b in itertools.combinations(ranges, 2)):
            continue  # (nested or overlapping settings: a closure's own local would shadow the outer one)
        lines = [builder.origins[oid].line for oid in refs]
        # (a setting followed by a legacy call that stays, `openai.Image.create`, is one too: held-out review 176, Y4,
        # the other functions' converted calls lost the key their callers pass)
        if not refs or not all(any(setting < line <= last for _, setting, last in ranges) for line in lines) or \
                not all(any(setting < line <= last for line in [*lines, *loose_lines.get(f.path, ())])
                        for _, setting, last in ranges):
            continue  # (a call no setting precedes in its function, or a setting no call follows: `configure(key)`)
        if keep and not all(any(setting < line <= last for _, setting, last in ranges) for line in loose_lines[f.path]):
            continue  # (a legacy call that stays elsewhere: the module's client, as the process's key, serves it)
        for a, b in zip(refs, refs[1:]):
            builder.union(a, b)
        # (each function on its own: the one whose legacy call stays keeps its setting and builds no Mistral client,
        # the others fold theirs, their callers' key no other call needs; held-out review 176, Y4)
        stays = loose_lines.get(f.path, set())
        found[f.path] = (tuple((setting, last, *(keep if any(setting < line <= last for line in stays) else ()))
                               for _, setting, last in ranges if any(setting < line <= last for line in lines)),
                         tuple(refs))
    return found


def _parameter_key_setting(fn, node) -> bool:
    """Is ``node`` (``openai.api_key = key``) a statement of ``fn``'s own body, alone on its line, setting a
    parameter of ``fn``?"""
    return isinstance(node, ast.Assign) and isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
        node in fn.body and isinstance(node.value, ast.Name) and node.value.id in \
        {a.arg for a in [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]} and \
        sum(1 for other in fn.body if other.lineno <= node.end_lineno and
            (other.end_lineno or other.lineno) >= node.lineno) == 1


def _instance_key_fold(f, lines) -> Optional[tuple]:
    """(setting line, the class's last line, "self") where the module's one ``openai.api_key = <parameter>`` is a line
    of its own in a class's ``__init__`` and every openai-module call of the module (``lines``) is in that class's
    methods taking ``self`` (after the setting, in ``__init__``): the line becomes ``self.mistral_client =
    Mistral(api_key=<parameter>)``, the client of those calls (held-out review 82, X3: discord-gpt-bot-py's
    ``OpenAIModel(api_key, model_engine)``; the calls went to a module client reading MISTRAL_API_KEY). Else None."""
    from migrator.mapping.client import MODULE_CLIENT_NAME

    settings = [n for n in f.nodes
                if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and _sets_module_key(f, n)]
    if not lines or len(settings) != 1 or MODULE_CLIENT_NAME in f.source:
        return None
    node = settings[0]
    init = f.parent.get(id(node))
    cls = f.parent.get(id(init))

    def method(fn) -> bool:
        params = [*fn.args.posonlyargs, *fn.args.args]
        return bool(params) and params[0].arg == "self" and not any(
            (dotted_name(d) or "") in ("staticmethod", "classmethod") for d in fn.decorator_list)

    if not (isinstance(init, ast.FunctionDef) and init.name == "__init__" and isinstance(cls, ast.ClassDef) and
            method(init) and _parameter_key_setting(init, node) and node.value.id != "self"):
        return None
    methods = [fn for fn in cls.body if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for line in lines:
        home = next((fn for fn in methods if fn.lineno <= line <= (fn.end_lineno or fn.lineno)), None)
        if home is None or not method(home) or home is init and line <= node.end_lineno or any(
                inner is not home and inner.lineno <= line <= (inner.end_lineno or inner.lineno) and (
                    isinstance(inner, ast.ClassDef) or any(a.arg == "self" for a in inner.args.args))
                for inner in ast_walk(home)
                if isinstance(inner, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))):
            return None  # (a nested class, or a nested function with a self of its own: another self)
    return node.lineno, cls.end_lineno or cls.lineno, "self"


def _module_keys(files) -> dict:
    """path -> (setter path, line, code, at its top level, it does not import the module) of the ``openai.api_key =
    <value>`` of another module that reaches the module's v0 calls, when the value is not OpenAI's own variable
    (``os.environ["OPENAI_API_KEY"]``, which the module clients' MISTRAL_API_KEY replaces): openai 0.x's key is
    process-wide, Mistral's module clients are per module (held-out reviews 6 and 7: the key set in messenger.py no
    longer reached tasks.py's calls). It reaches the modules beside or below the setter, and those importing it; a
    stand-alone script elsewhere sets its own (held-out review 52, O8)."""
    setters = _key_setters(files)
    if not setters:
        return {}
    found: dict = {}
    imports = {f.path: {module.rsplit(".", 1)[-1] for module, _, _ in f.repo_imports.values()} |
               {name for _, _, name in f.repo_imports.values()} |
               {module.rsplit(".", 1)[-1] for module in f.module_aliases.values()} for f in files}
    # (the modules named in full: `from linebot.models import X` names no tg/models.py, held-out review 145, Y2)
    dotted = {f.path: {module for module, level, _ in f.repo_imports.values() if not level and module} |
              {f"{module}.{name}" for module, level, name in f.repo_imports.values() if not level and module} |
              set(f.module_aliases.values()) for f in files}
    module_of = {f.path: f.module for f in files}
    for f in files:
        here = os.path.dirname(f.path)
        imported = imports[f.path]
        # a program of its own (`streamlit run app.py`, a `__main__` script, a notebook) runs only what it imports: a
        # setter beside it that it does not import is another program's (held-out review 67, Y5: one Streamlit app's
        # key was said to serve another)
        entry = f.path.endswith(".ipynb") or "__main__" in f.source or \
            any(module.split(".")[0] == "streamlit" for module in f.module_aliases.values())
        for path, (line, code, top, variable) in sorted(setters.items()):
            there = os.path.dirname(path)
            stem = os.path.splitext(os.path.basename(path))[0]
            named = stem in imported and (any(level and stem in (name, module.rsplit(".", 1)[-1])
                                              for module, level, name in f.repo_imports.values()) or any(
                _same_module(module_of.get(path, stem), module, path) for module in dotted[f.path]
                if module.rsplit(".", 1)[-1] == stem))
            if path != f.path and (named or not entry and (there == here or not there or
                                                           here.startswith(there + os.sep))):
                # (the setter importing this module: importing its client back would be circular)
                found[f.path] = (path, line, code, top,
                                 os.path.splitext(os.path.basename(f.path))[0] not in imports.get(path, ()), variable)
                break
    return found


def _sets_module_key(f, node: ast.AST) -> bool:
    """``openai.api_key = ...`` (``+=``, annotated): the statement ``node`` sets the openai module's key."""
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return len(targets) == 1 and isinstance(targets[0], ast.Attribute) and targets[0].attr == "api_key" and \
        isinstance(targets[0].value, ast.Name) and f.openai_modules.get(targets[0].value.id) == "openai"


def _key_setters(files) -> dict:
    """path -> (line, code, at the module's top level) of the module's ``openai.api_key = <value>`` set from the
    app's own setting."""
    found: dict = {}
    for f in files:
        if "api_key" not in f.source or not f.openai_modules:
            continue
        for node in f.nodes:
            if isinstance(node, ast.Assign) and _sets_module_key(f, node):
                if env_key(node.value) or isinstance(node.value, ast.Constant):
                    continue  # OpenAI's variable (renamed), or a secret written in (MIG101's own TODO)
                # (the variable it reads, `openai_key = os.environ.get("OPENAI_KEY")`: where the app's key is set;
                # held-out review 129, X3: "wherever OPENAI_API_KEY is set" of a project setting OPENAI_KEY)
                bound = f.assigns.get(((), node.value.id), []) if isinstance(node.value, ast.Name) else []
                read = _env_read(bound[0]) if len(bound) == 1 and bound[0] is not None else None
                found.setdefault(f.path, (node.lineno, ast.get_source_segment(f.source, node.value) or "...",
                                          any(node is top for top in f.tree.body), read[0] if read else ""))
    return found


def _langchain_replaced(g, name: str) -> bool:
    """Does MIG116 replace module ``g``'s import of the LangChain class ``name`` (its objects all convert)?"""
    if name not in g.source:
        return False
    from migrator.plan.langchain import module_plans

    planned = module_plans(g)[0]
    return planned is not None and any(planned.locals.get(local) == name for local in planned.replace)


# what a module's `openai.<name>` may be besides its converted uses, for its `import openai` to go with them: the v0
# settings folded into its Mistral client, and the error classes MIG103 rewrites
_V0_FOLDED_ATTRS = frozenset({"api_key", "api_base", "organization", "api_type", "api_version", "error"}) | V0_RESOURCES


def _settle_module_sdk_patches(files, clients, sites, uses) -> None:
    """``patch("chatbot.chatgpt.openai.ChatCompletion.create")``: the hedged TODO ("once nothing there uses openai
    ... while something still does ...") settled where the plan knows the case: every use of the module converts and it
    names nothing else of openai (its import goes: the patch fails with AttributeError), or one of its uses stays (the
    patch resolves and intercepts nothing). Held-out review 161, Y2."""
    from codemods._repo import _same_module
    from migrator.mapping.client import MODULE_CLIENT_NAME
    from migrator.mapping.errors import ERRORS
    from migrator.mapping.outside_sdk import (MODULE_PATCH_METHODS, MODULE_SDK_PATCH_FAKE, MODULE_SDK_PATCH_GONE_TODO,
                                              MODULE_SDK_PATCH_KEPT_TODO, MODULE_SDK_PATCH_TODO, call_kinds)

    hedged = MODULE_SDK_PATCH_TODO.split("{", 1)[0]
    for key, answer in list(sites.items()):
        if answer[0] != "sdkpatch" or len(answer) != 3 or not answer[1].startswith(hedged):
            continue
        module = answer[2].split(".openai.", 1)[0]
        targets = [g for g in files if _same_module(g.module, module) and "openai" in g.openai_modules]
        kinds = call_kinds(answer[2])
        method = next((MODULE_PATCH_METHODS[kind] for kind in MODULE_PATCH_METHODS if kind in kinds), None)
        if len(targets) != 1 or method is None:
            continue
        g = targets[0]
        own = [u for u in uses if u.path == g.path]
        kept = any(u.status != "convert" for u in own) or any(
            c.path == g.path and c.kind != "parameter" and c.decision != CONVERT for c in clients)
        gone = bool(own) and not kept and all(
            m.group(1) in _V0_FOLDED_ATTRS or "openai." + m.group(1) in ERRORS
            for m in re.finditer(r"(?<![\w.])openai\.(\w+)", g.source))
        if gone or kept:
            template = MODULE_SDK_PATCH_GONE_TODO if gone else MODULE_SDK_PATCH_KEPT_TODO
            fake = MODULE_SDK_PATCH_FAKE if method == "chat.complete" else ""
            sites[key] = ("sdkpatch", template.format(module=module, target=answer[2], client=MODULE_CLIENT_NAME,
                                                      method=method, fake=fake), answer[2])


def _settle_app_patches(files, clients, sites, local_folds: frozenset = frozenset()) -> None:
    """``patch("pkg.llm_service.OpenAI")`` in a test: a TODO where that module's OpenAI constructor converts
    (its module has no OpenAI any more: the patch raises AttributeError), nothing where it stays. ``local_folds``:
    the modules whose openai-module client becomes a function's local (``_local_key_folds``), not a module-level
    ``mistral_client``."""
    from codemods._repo import _same_module
    from migrator.mapping.langchain import CLASSES as LANGCHAIN_CLASSES
    from migrator.mapping.client import MODULE_CLIENT_NAME
    from migrator.mapping.outside_sdk import (APP_LANGCHAIN_PATCH_TODO, APP_MODULE_CLIENT_PATCH_TODO,
                                              APP_MODULE_PATCH_TODO, APP_PATCH_TODO, CLIENT_CLASS_NAMES,
                                              CLIENT_PATCH_TODO, INSTRUCTOR_PATCH_TODO, PATCH_REWRITTEN_TODO)

    decisions = {c.id: c.decision for c in clients}
    for key, answer in list(sites.items()):
        if answer[0] == "clientpatch":  # `patch("app.llm.get_client", return_value=fake)`
            if any(decisions.get(oid) == CONVERT for oid in answer[2]) and len(answer) > 4 and answer[4] and \
                    all(decisions.get(oid) == CONVERT for oid in answer[2]):
                # the target rewritten to the one method the converted code calls (held-out review 140, X3)
                sites[key] = ("apppatch", PATCH_REWRITTEN_TODO.format(target=answer[1], now=answer[4]), answer[1],
                              answer[4])
            elif any(decisions.get(oid) == CONVERT for oid in answer[2]):
                template = answer[3] if len(answer) > 3 else CLIENT_PATCH_TODO
                sites[key] = ("apppatch", template.format(target=answer[1]), answer[1])
            else:
                del sites[key]
            continue
        if answer[0] != "apppatch" or len(answer) != 2:
            continue
        module, name = answer[1].rsplit(".", 1)
        paths = {g.path for g in files if _same_module(g.module, module)}
        if not paths and module.endswith(".openai") and name in CLIENT_CLASS_NAMES:
            # `patch("app.nodes.openai.OpenAI")`: the class through the module's `import openai` (held-out review
            # 40, S4: the converted module no longer imports openai, and the patch raised AttributeError)
            module = module[:-len(".openai")]
            paths = {g.path for g in files if _same_module(g.module, module) and "openai" in g.openai_modules}
        if any(c.path in paths and c.kind == name and c.decision == CONVERT for c in clients):
            text = APP_PATCH_TODO.format(target=answer[1], name=name, module=module)
            called = _mistral_methods_called(files, paths, sites)
            if called:  # (held-out review 44, Z13: "fake chat.complete" of a module awaiting chat.complete_async)
                text = text.replace("(chat.complete, embeddings.create, ...)", f"({', '.join(called)})")
            sites[key] = ("apppatch", text, answer[1])
        elif name == "openai":  # `patch("app.nodes.openai")`: the module as app.nodes imports it (re-review 41, T12)
            mine = [c for c in clients if c.path in paths and c.kind != "parameter"]
            if mine and all(c.decision == CONVERT for c in mine):
                text = APP_MODULE_PATCH_TODO.format(target=answer[1], module=module)
                if any(c.kind == "module" for c in mine) and not paths & set(local_folds):
                    # `openai.chat.completions.create(...)` in the module: its calls go through the module-level
                    # mistral_client built at import, which patching Mistral there no longer reaches (held-out review
                    # 175, Y1)
                    called = _mistral_methods_called(files, paths, sites)
                    text = APP_MODULE_CLIENT_PATCH_TODO.format(target=answer[1], module=module,
                                                               client=MODULE_CLIENT_NAME,
                                                               methods=", ".join(called) or "chat.complete, ...")
                sites[key] = ("apppatch", text, answer[1])
            else:
                del sites[key]
        elif name == "instructor":  # `@patch("util.extraction.instructor")` (held-out review 29, J-D6)
            if any(k[0] in paths and a[0] == "iwrap" and a[1] == CONVERT for k, a in sites.items()):
                sites[key] = ("apppatch", INSTRUCTOR_PATCH_TODO.format(target=answer[1]), answer[1])
            else:
                del sites[key]
        elif name not in CLIENT_CLASS_NAMES and any(_langchain_replaced(g, name) for g in files if g.path in paths):
            new = LANGCHAIN_CLASSES[name][3]
            sites[key] = ("apppatch", APP_LANGCHAIN_PATCH_TODO.format(target=answer[1], name=name, module=module,
                                                                      new=new), answer[1])
            if _bare_patch(files, key):
                # `with patch("app.emb.OpenAIEmbeddings"):` alone, a plain mock nothing asserts on: the target is all
                # that changes (held-out review 148, Y4: a TODO stating the exact fix)
                sites[key] = ("apppatch", "", answer[1], f"{module}.{new}")
        else:
            del sites[key]


def _bare_patch(files, key) -> bool:
    """Is the patch call at ``key`` given its target alone (a plain MagicMock: no ``new`` / ``spec`` /
    ``return_value``), in a module that asserts nothing on mocks (``assert_called*``, ``call_args``)?"""
    f = next((g for g in files if g.path == key[0]), None)
    if f is None or "assert_called" in f.source or "call_args" in f.source or "mock_calls" in f.source:
        return False
    call = next((n for n in f.nodes if isinstance(n, ast.Call) and node_key(f.path, n) == key), None)
    return call is not None and len(call.args) == 1 and not call.keywords and \
        isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)


def _converted_model_names(files, sites, model_slots) -> set:
    """The OpenAI model names converted calls send (which now become Mistral names)."""
    from migrator.mapping.models import chat_model_literal

    names = set()
    for f in files:
        slots = model_slots.get(f.path, frozenset())
        consts = {s[1] for s in slots if s[0] == "const"}
        for node in f.nodes:
            if isinstance(node, ast.Call):
                answer = sites.get(node_key(f.path, node))
                if answer and answer[0] == "call" and answer[1] == CONVERT:
                    for kw in node.keywords:
                        if kw.arg == "model":
                            for sub in ast_walk(kw.value):
                                if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                                    names.add(sub.value)
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in consts
                                                      for t in node.targets):
                for sub in ast_walk(node.value):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                        names.add(sub.value)
    return {n for n in names if chat_model_literal(n) not in (None, n)}


_EMBEDDING_CALLS = ("embeddings.create", "Embedding.create", "Embedding.acreate")
# a module that may open a stored index, or a data file (DATA_READ_CALLS) that may hold vectors
STORE_WORDS = ("persist_", "folder_path", "index_path", *STORE_PATH_CALLS, "open(", "load(", "read_")


def _reexported_here(names: dict, path: str, converting_paths) -> dict:
    """The OpenAI error classes ``path`` imports from modules of the tree (name -> (qualified, module, its calls
    converted here: True, or there: False)) that matter: where its own calls convert, all; else those of a module
    whose calls convert (`from llm import ask, RateLimitError`: ask() raises Mistral's errors now; held-out review
    168, X1)."""
    return {name: (qualified, where, path in converting_paths) for name, (qualified, where) in names.items()
            if path in converting_paths or where in converting_paths}


def _star_exports(builder, files, importers: Optional[dict] = None, errors: Optional[dict] = None) -> dict:
    """path -> the names a module binds from openai (``import openai``, ``from openai import OpenAI``) that another
    module of the tree reads through ``from <it> import *``: its imports of them must stay. ``errors`` collects, per
    importing module, the OpenAI error classes it reads so (``from app.llm import RateLimitError``: "RateLimitError",
    ``llm.RateLimitError``) -> their qualified names."""
    out: dict = {}
    for f in files:
        g = star_source(files, f)
        if g is None:
            continue
        names = set(g.openai_modules) | set(g.imported)
        used = {n.id for n in f.nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in names
                and builder.lookup_scope(f, f.scope_of.get(id(n), ()), n.id) is None}
        if used:
            out[g.path] = frozenset(out.get(g.path, frozenset()) | used)
            if importers is not None:
                importers.setdefault(g.path, set()).add(f.path)
    # `from pkg.deps import openai` / `from .client import OpenAI`: a name another module imports by name stays too
    # (re-review 48, G1: an unused `import openai` dropped from deps.py broke that import)
    by_suffix: dict[str, list] = {}  # every dotted suffix of a module's name -> its modules
    by_module: dict[str, list] = {}
    for g in files:
        parts = g.module.split(".") if g.module else []
        by_module.setdefault(g.module, []).append(g)
        for i in range(len(parts)):
            by_suffix.setdefault(".".join(parts[i:]), []).append(g)
    memo: dict[str, list] = {}

    def same(module: str) -> list:
        """The modules ``codemods._repo._same_module`` pairs with ``module`` (indexed: it ran for every pair)."""
        if module not in memo:
            parts = module.split(".") if module else []
            found = list(by_suffix.get(module, [])) if module else []
            for i in range(1, len(parts) if not library_module(module) else 1):  # `app.llm`, the module `llm`
                found += by_module.get(".".join(parts[i:]), [])
            memo[module] = list({id(g): g for g in found}.values())
        return memo[module]

    for f in files:
        for _local, (module, level, name) in f.repo_imports.items():
            if level:
                base = f.module.split(".")
                base = base[: max(len(base) - level, 0)]
                full = ".".join([*base, module] if module else base)
                candidates = [g for g in by_suffix.get(full, []) if g is not f] if full else []
            else:
                candidates = [g for g in same(module) if g is not f]
            if len(candidates) == 1 and name in set(candidates[0].openai_modules) | set(candidates[0].imported):
                out[candidates[0].path] = frozenset(out.get(candidates[0].path, frozenset()) | {name})
                qualified = candidates[0].imported.get(name)
                if errors is not None and qualified and error_rule(qualified) is not None:
                    errors.setdefault(f.path, {})[_local] = (qualified, candidates[0].path)
            elif name == "*":  # `from .deps import *`: its `import openai` stays, used there or not
                for g in candidates:
                    if g.openai_modules:
                        out[g.path] = frozenset(out.get(g.path, frozenset()) | set(g.openai_modules))
            elif module and same(f"{module}.{name}"):
                # `from pkg import deps`, then deps.openai (re-review 49, I4): the openai names read through it stay;
                # `from routers import chat` for `chat.router` keeps none (held-out review 69, X2: a router's dead
                # `import openai` kept the openai dependency)
                _read_through(f, _local, [g for g in same(f"{module}.{name}") if g is not f], out, errors)
        for alias, module in f.module_aliases.items():  # `import pkg.deps as deps`, `import deps`
            # (only its openai names read through the alias, `deps.openai`: `chat_api.ask(self, ...)` reads none,
            # and its dead `import openai` kept the openai dependency: held-out review 67, X6)
            _read_through(f, alias, [g for g in same(module) if g is not f], out, errors)
    return out


def _read_through(f, alias: str, modules: list, out: dict, errors: Optional[dict] = None) -> None:
    """Add to ``out`` the openai names of ``modules`` (a module ``f`` binds to ``alias``) that ``f`` reads through
    ``alias`` (``deps.openai``); to ``errors``, the OpenAI error classes among them (see _star_exports)."""
    holders = [g for g in modules if g.openai_modules or g.imported]
    if not holders:
        return  # (`import os`: no module of the tree, the common case; the walk below is not free)
    read = {node.attr for node in f.nodes if isinstance(node, ast.Attribute) and
            isinstance(node.value, ast.Name) and node.value.id == alias}
    for g in holders:  # (`llm.RateLimitError` of `from openai import RateLimitError` there: held-out review 70, X1)
        names = (set(g.openai_modules) | set(g.imported)) & read
        if names:
            out[g.path] = frozenset(out.get(g.path, frozenset()) | names)
        for name in names if errors is not None else ():
            if name in g.imported and error_rule(g.imported[name]) is not None:
                errors.setdefault(f.path, {})[f"{alias}.{name}"] = (g.imported[name], g.path)


def _embeddings_convert(f, sites) -> bool:
    """Does an embeddings call, or a LangChain / LlamaIndex embeddings object, of the module convert?"""
    if _embeds(f) and any(_converted_embedding_call(f, sites, node) for node in f.nodes):
        return True
    converted = _wrapper_conversions(f) if "mbedding" in f.source else frozenset()
    return any(isinstance(node, ast.Call) and (node.lineno, node.col_offset) in converted and
               "mbedding" in (dotted_name(node.func) or "") for node in f.nodes)


def _embedding_functions(files, sites) -> dict:
    """path -> the top-level functions / classes of the module holding an embeddings call that converts: the modules
    importing them are read too, where a data file of OpenAI vectors may be compared with what they return (held-out
    review 78, X1)."""
    found: dict = {}
    for f in files:
        if not _embeds(f):
            continue
        for top in f.tree.body:
            if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and any(
                    _converted_embedding_call(f, sites, node) for node in ast_walk(top)):
                found.setdefault(f.path, set()).add(top.name)
    return {path: frozenset(names) for path, names in found.items()}


def _converted_embedding_call(f, sites, node) -> bool:
    """Is ``node`` an embeddings call the plan converts?"""
    return isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith(_EMBEDDING_CALLS) and \
        (sites.get(node_key(f.path, node)) or ("", None))[1] == CONVERT


def _stored_vectors(builder, f, sites, embedder: bool = False) -> dict:
    """{statement span: TODO} where the module opens a vector store persisted at a path the repository holds
    (``Chroma(persist_directory="db/chroma_db", ...)``, ``FAISS.load_local("faiss_index", ...)``, the path written out
    or a name set to it once): its vectors are OpenAI's. An existence check of the same path in the module
    (``if os.path.exists(PERSIST): return``) is named: it skips the rebuild. A data file holding vectors counts where
    the module is an ``embedder``: its embeddings, or those of a module it imports, convert."""
    from migrator.mapping.embeddings import (DATA_READ_CALLS, STORE_EMBEDDING_KEYWORDS, STORE_EXISTS_CALLS,
                                             STORE_PATH_CALL_KEYWORDS, STORE_PATH_CALLS, STORE_PATH_KEYWORDS,
                                             holds_vectors, stored_vectors_todo)

    def text(node) -> Optional[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            scope = f.scope_of.get(id(node), ())
            values = f.assigns.get((scope, node.id)) or f.assigns.get(((), node.id)) or []
            if not values and node.id in f.repo_imports and (target := builder.resolve_import(f, node.id)):
                # `from app.config.config import endpoint`, a string set there once (held-out review 161, Y5: only the
                # generic re-embed note, the committed index unnamed)
                other, other_name = target
                values = other.assigns.get(((), other_name), [])
                return values[0].value if len(values) == 1 and isinstance(values[0], ast.Constant) and \
                    isinstance(values[0].value, str) else None
            return text(values[0]) if len(values) == 1 and values[0] is not node else None
        if isinstance(node, ast.Call) and dotted_name(node.func) == "os.path.join" and node.args and \
                not node.keywords:
            parts = [text(a) for a in node.args]
            return os.path.join(*parts) if all(p is not None for p in parts) else None
        return None

    def held(path: str, vectors: bool = False) -> Optional[str]:
        """``path`` when the repository holds it (``vectors``: a data file holding vectors: ``holds_vectors``)."""
        if not path or os.path.isabs(path) or "://" in path:
            return None
        # (and the run's root: a module of a folder with no __init__.py run from there, held-out review 93, X4)
        bases = dict.fromkeys([os.path.dirname(f.path), getattr(builder, "root", "") or os.path.dirname(f.path),
                               getattr(builder, "run_root", "") or os.path.dirname(f.path)])
        for base in bases:
            full = os.path.join(base, path)
            if not vectors and (os.path.abspath(base) + os.sep).startswith(os.path.join(os.path.abspath(full), "")):
                continue  # `persist_directory="."`: the module's own directory (or one above it) always exists, and
                # holds the code too: "delete it" is no advice (held-out review 82, X6)
            if os.path.isfile(full) if vectors else os.path.exists(full):
                return os.path.normpath(path) if not vectors or holds_vectors(full) else None
        return None

    def read_mode(call: ast.Call) -> bool:
        """``open(path)`` / ``open(path, "rb")``: read, not written (a write makes the file anew)."""
        mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
        return mode is None or isinstance(mode, ast.Constant) and isinstance(mode.value, str) and \
            not set(mode.value) & set("wax+")

    own = _embeddings_convert(f, sites)

    def fills(call: ast.Call) -> bool:
        """Are the store's vectors the converted embeddings'? Its embeddings argument is an OpenAI embeddings object
        (or a name bound to one); with none, or one migrator cannot see, when the module's own embeddings convert.
        (Held-out review 62, X34: a store written and read with HuggingFace embeddings was told to be rebuilt.)"""
        given = next((k.value for k in call.keywords if k.arg in STORE_EMBEDDING_KEYWORDS), None)
        if given is None and (dotted_name(call.func) or "").endswith("load_local") and len(call.args) > 1:
            given = call.args[1]
        if isinstance(given, ast.Name):
            values = f.assigns.get((f.scope_of.get(id(given), ()), given.id)) or f.assigns.get(((), given.id)) or []
            given = values[0] if len(values) == 1 and values[0] is not None else given
        if isinstance(given, ast.Call):
            return "OpenAIEmbedding" in (dotted_name(given.func) or "") or \
                (given.lineno, given.col_offset) in _wrapper_conversions(f)
        return own

    opened, checks = [], {}
    for node in f.nodes:
        if not isinstance(node, ast.Call):
            continue
        name = (dotted_name(node.func) or "").rsplit(".", 1)[-1]
        if (dotted_name(node.func) or "") in STORE_EXISTS_CALLS or name in ("exists", "is_dir") and \
                isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call) and \
                (dotted_name(node.func.value.func) or "").endswith("Path"):
            arg = node.args[0] if node.args else node.func.value.args[0] if isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Call) and node.func.value.args else None
            found = held(text(arg) or "") if arg is not None else None
            if found:
                checks.setdefault(found, ast.unparse(node))
            continue
        if name in DATA_READ_CALLS and node.args and (own or embedder) and (name != "open" or read_mode(node)):
            found = held(text(node.args[0]) or "", vectors=True)  # `json.load(open("faq_embedded.json"))` (X1)
            if found:
                opened.append((node, found))
                continue
        given = [k.value for k in node.keywords if k.arg in STORE_PATH_KEYWORDS]
        if name in STORE_PATH_CALLS:
            given += [k.value for k in node.keywords if k.arg in STORE_PATH_CALL_KEYWORDS] + node.args[:1]
        for value in given:
            found = held(text(value) or "")
            if found and fills(node):
                opened.append((node, found))
    out: dict = {}
    said = set()
    for node, path in sorted(opened, key=lambda pair: (pair[0].lineno, pair[0].col_offset)):
        statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None)
        if statement is None or path in said or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                      ast.ClassDef)):
            continue
        said.add(path)
        check = checks.get(path, "")
        out[(statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)] = \
            stored_vectors_todo(path, check if len(check) <= 60 else check[:57] + "...")
    return out


def _embeds(f) -> bool:
    """Does the module make an embeddings call (of any client)?"""
    return "mbedding" in f.source and any(isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith(
        _EMBEDDING_CALLS) for node in f.nodes)


def _all_embeddings_convert(files, sites) -> bool:
    """The tree's embeddings calls and LangChain / LlamaIndex OpenAI embeddings objects (one at least) all convert:
    the vectors it stores are Mistral's now (re-review 40, R12: an OpenAIEmbeddings moved to MistralAIEmbeddings
    did not count)."""
    return _embedding_verdicts(files, sites) == {CONVERT}


def _embedding_verdicts(files, sites) -> set:
    """The verdicts of the embeddings calls and LangChain / LlamaIndex OpenAI embeddings objects of ``files``."""
    from migrator.mapping import langchain as lc, llamaindex as li

    verdicts = {(sites.get(node_key(f.path, node)) or ("", None))[1] for f in files if _embeds(f) for node in f.nodes
                if isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith(_EMBEDDING_CALLS)}
    modules = {*lc.EMBEDDING_MODULES, *li.EMBEDDING_MODULES}
    classes = {name for mapping in (lc, li) for name, entry in mapping.CLASSES.items()
               if entry[0] == mapping.EMBEDDINGS or mapping.AZURE_MISTRAL.get(name, "").endswith(("Embedding",
                                                                                                    "Embeddings"))}
    for f in files:
        if not any(name in f.source for name in classes) or \
                not any(module in modules for module, level, _ in f.repo_imports.values() if not level):
            continue
        converted = _wrapper_conversions(f)
        verdicts |= {CONVERT if (node.lineno, node.col_offset) in converted else KEEP for node in f.nodes
                     if isinstance(node, ast.Call) and
                     (dotted_name(node.func) or "").rsplit(".", 1)[-1] in classes}
    return verdicts


def _direct_imports(builder, g) -> frozenset:
    """The modules of the tree ``g`` imports itself (``from pkg.store import X`` through a re-export too, ``import
    pkg.store``, ``from pkg import store``)."""
    found = {hit[0].path for local in g.repo_imports if local != "*"
             for hit in (builder.resolve_through(g, local),) if hit is not None}
    found |= {h.path for local in g.repo_imports if local != "*"
              if (h := builder.module_file(g, (), local)) is not None}
    found |= {h.path for alias in g.module_aliases if (h := builder.module_file(g, (), alias)) is not None}
    return frozenset(found - {g.path})


def _converted_embedding_flow(builder, files, sites) -> frozenset:
    """The modules that import (directly or not) a module whose embeddings convert, and the modules those import
    directly, none of which imports a module whose embeddings stay on OpenAI: where the converted vectors go."""
    converting = [f for f in files if _embeddings_convert(f, sites)]
    if not converting:
        return frozenset()
    keeping = [f for f in files if _embeds(f) or "mbedding" in f.source if KEEP in _embedding_verdicts([f], sites)]
    near = frozenset().union(*(_importing(builder, f.path) for f in converting))
    kept = frozenset().union(*(_importing(builder, f.path) for f in keeping)) if keeping else frozenset()
    by_path = {f.path: f for f in files}
    flow = {path for path in near if path not in kept}
    flow |= {imported for path in list(flow) if path in by_path
             for imported in _direct_imports(builder, by_path[path]) if imported not in kept}
    return frozenset(flow)


def _embeddings_convert_by_project(files, sites, everywhere: bool) -> frozenset:
    """The modules whose project (the nearest directory with a dependency manifest) has embeddings that all convert,
    or has none and sits in a tree whose embeddings all do: another app's kept OpenAIEmbeddings says nothing of this
    app's vectors (held-out review 104, X4: a sibling app's kept object took this app's faiss index size TODO)."""
    memo: dict = {}
    groups: dict = {}
    for f in files:
        groups.setdefault(manifest_root(f.path, memo), []).append(f)
    if len(groups) < 2:
        return frozenset(f.path for f in files) if everywhere else frozenset()
    found: set = set()
    for group in groups.values():
        own = _embedding_verdicts(group, sites)
        if own == {CONVERT} or not own and everywhere:
            found.update(f.path for f in group)
    return frozenset(found)


def _embedding_target(builder) -> Optional[str]:
    """The model the converted embeddings calls now use: mistral-embed unless the run's model map (--model, an
    OpenAI-compatible provider's) sends OpenAI's embedding models elsewhere; None when not known (a provider with no
    embedding model of its own in migrator's map)."""
    from migrator.mapping.embeddings import MISTRAL_EMBED_MODEL, OPENAI_EMBEDDING_MODEL
    from migrator.mapping.models import map_model

    models = getattr(builder, "models", {}) or {}
    endpoint = builder.endpoint
    if endpoint is not None and endpoint.spec.name != "mistral":
        return next((target for pattern, target in models.items() if target and
                     fnmatch.fnmatchcase(OPENAI_EMBEDDING_MODEL, pattern)), None)
    return map_model(OPENAI_EMBEDDING_MODEL, models) or MISTRAL_EMBED_MODEL


def _dropped_dimensions(files, sites) -> frozenset:
    """The ``dimensions=<int>`` converted embeddings calls asked OpenAI for (mistral-embed takes none: MIG107 drops
    it): a vector index sized so no longer fits (held-out review 90, X7: Qdrant's VectorParams(size=768), unflagged)."""
    found = set()
    for f in files:
        if "dimensions" not in f.source:
            continue
        for node in f.nodes:
            if isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith(_EMBEDDING_CALLS) and \
                    (sites.get(node_key(f.path, node)) or ("",))[0] == "call" and \
                    sites[node_key(f.path, node)][1] == CONVERT:
                found.update(kw.value.value for kw in node.keywords if kw.arg == "dimensions" and
                             isinstance(kw.value, ast.Constant) and type(kw.value.value) is int)
    return frozenset(found)


# one of OpenAI's vector sizes as a word of a text
OPENAI_SIZE_WORD = re.compile(r"(?<![\w.])(?:1536|3072)(?![\w.])")


def _embedding_sizes(f, sites, elsewhere: bool = False, target: Optional[str] = "mistral-embed",
                     dropped: frozenset = frozenset()) -> dict:
    """Statements of a module whose embeddings calls convert that hold the size of OpenAI's vectors
    (``vector(1536)`` in a pgvector table, ``EMBEDDING_DIM = 1536``, an index's ``dimension=1536``):
    one TODO each, where the size is written (the call's own TODO cannot point at it). ``elsewhere``: a module
    of a tree whose embeddings calls all convert, with none of its own (only OpenAI's full sizes count there)."""
    from migrator.mapping.embeddings import (MISTRAL_EMBED_DIMENSIONS, MISTRAL_EMBED_MODEL, OPENAI_EMBEDDING_SIZES,
                                             SHORTENED_SIZE_RANGE, VECTOR_SIZE_TEXT, dropped_size_todo,
                                             embedding_size_todo, names_another_embedder, schema_migration,
                                             says_shortened_size, shortened_size_todo)

    calls = [node for node in f.nodes if isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith(
        _EMBEDDING_CALLS)
        and (sites.get(node_key(f.path, node)) or ("",))[0] == "call"
        and sites[node_key(f.path, node)][1] == CONVERT]
    if not calls and not elsewhere or elsewhere and names_another_embedder(f.source):
        return {}  # (a module building Gemini's embedder, naming no OpenAI: its sizes are Gemini's)
    lines = f.source.splitlines()
    # dimensions=1536 of a converted call: its own TODO; of a kept one: no size of the converted vectors (held-out
    # review 64, Y10)
    inside = {id(sub) for node in f.nodes if isinstance(node, ast.Call) and
              (dotted_name(node.func) or "").endswith(_EMBEDDING_CALLS) for sub in ast_walk(node)}
    # (and LangChain's / LlamaIndex's `OpenAIEmbeddings(..., dimensions=1536)`: dropped where it converts, the kept
    # object's own size where not; held-out review 128, X8: a TODO on a 1536 the conversion had removed)
    inside |= {id(kw.value) for node in f.nodes if isinstance(node, ast.Call) and
               (dotted_name(node.func) or "").endswith(("OpenAIEmbeddings", "OpenAIEmbedding"))
               for kw in node.keywords if kw.arg == "dimensions"}
    found: dict = {}
    named: set = set()  # (scope, name, size) of `NAME = size` already given its TODO
    migration = schema_migration(f.path, f.source)
    for node in f.nodes:
        if not isinstance(node, ast.Constant) or id(node) in inside or isinstance(node.value, bool):
            continue
        def todo(size: int) -> str:
            return embedding_size_todo(size, target, migration)

        if isinstance(node.value, int):
            size = node.value if node.value in OPENAI_EMBEDDING_SIZES and \
                _sizes_vectors(f, node, strict=elsewhere) else None
            if size is None and node.value in dropped and _sizes_vectors(f, node, strict=elsewhere):
                size, todo = node.value, dropped_size_todo  # (the size the dropped dimensions= asked for)
            if size is None and not elsewhere and node.value != MISTRAL_EMBED_DIMENSIONS and \
                    target == MISTRAL_EMBED_MODEL and \
                    node.value in SHORTENED_SIZE_RANGE and \
                    (_sizes_vectors(f, node, says=says_shortened_size) or _embedding_cut(f, node)):
                size, todo = node.value, shortened_size_todo  # DIMENSIONS_TO_KEEP = 512: a shortened vector
        elif isinstance(node.value, str):  # SQL: vector(1536), VECTOR(1536), "dimension": 1536 in JSON
            hit = VECTOR_SIZE_TEXT.search(node.value)
            joined = f.parent.get(id(node))
            if hit is None and isinstance(joined, ast.JoinedStr) and OPENAI_SIZE_WORD.search(node.value):
                # an f-string's piece: its text whole, the values as placeholders (`createNodeIndex('{name}', ...,
                # 1536, 'cosine')`; review of session 87), said at the piece holding the size
                text = "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
                               for v in joined.values)
                whole = VECTOR_SIZE_TEXT.search(text)
                hit = whole if whole is not None and whole.group(1) in node.value else None
            size = int(hit.group(1)) if hit and not _shown_text(f, node) else None
        else:
            size = None
        if size is None:
            continue
        statement = node
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = f.parent.get(id(statement))
        if statement is None or isinstance(statement, ast.ClassDef) or isinstance(statement, (
                ast.FunctionDef, ast.AsyncFunctionDef)) and not isinstance(f.parent.get(id(node)), ast.arguments) \
                or isinstance(statement, ast.Expr) and statement.value is node:
            continue  # a docstring or a bare string: text about something else (--max-length 1536); a parameter's
            # default (`def __init__(self, dim=1536)`) goes above its def (held-out review 48, H3)
        if _another_embedders(f, statement, lines):
            continue
        parent = f.parent.get(id(node))
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            scope, name = f.scope_of.get(id(parent), ()), parent.targets[0].id
            values = f.assigns.get((scope, name), [])
            if elsewhere and any(not isinstance(value, ast.Constant) for value in values):
                continue  # `vector_size = 3072`, then `vector_size = int(info.config.params.vectors.size)`: the size is
                # read from the store where no embeddings call is made; the literal is a fallback (held-out review 69, X5)
            if (scope, name, size) in named:
                continue  # the same name set to the same size again in its scope (an except branch): one TODO
            named.add((scope, name, size))
        key = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
        found.setdefault(key, todo(size))
    return found


def _shown_text(f, node) -> bool:
    """Is the string ``node`` (or the f-string it is part of) only shown, printed or logged (`print(f"All vectors match
    dimension 1536: ...")`: no size of anything; held-out review 133, Y9)?"""
    for parent in ancestors_of(f, node):
        if isinstance(parent, ast.Call):
            return (dotted_name(parent.func) or "").rpartition(".")[2] in SHOWING_CALLS
        if isinstance(parent, ast.stmt):
            return False
    return False


def _another_embedders(f, statement, lines: list) -> bool:
    """Is the size ``statement`` holds another embedder's, by its own lines (a trailing comment: `VECTOR_SIZE = 3072  #
    gemini-embedding-001`) or the test of an ``if`` whose body holds it (`if PROVIDER == "gemini":`)?"""
    from migrator.mapping.embeddings import names_another_embedder

    if names_another_embedder("\n".join(lines[statement.lineno - 1:statement.end_lineno])):
        return True
    child = statement
    for parent in ancestors_of(f, statement):
        if isinstance(parent, ast.If) and any(child is s for s in parent.body) and \
                names_another_embedder(ast.unparse(parent.test)):
            return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
        child = parent
    return False


def _embedding_cut(f, node) -> bool:
    """Is the int ``node`` the end of a slice of an ``.embedding`` (``d.embedding[:256]``)?"""
    parent = f.parent.get(id(node))
    if not (isinstance(parent, ast.Slice) and parent.upper is node):
        return False
    owner = f.parent.get(id(parent))
    return isinstance(owner, ast.Subscript) and isinstance(owner.value, ast.Attribute) and \
        owner.value.attr == "embedding"


def _mock_value(f, node) -> bool:
    """Is ``node`` given to a test double: ``x.return_value = node`` / ``side_effect``, an argument of ``Mock(...)``
    / ``MagicMock(...)`` or of an ``assert_called*`` / ``assert_awaited*`` check?"""
    for parent in ancestors_of(f, node):
        if isinstance(parent, ast.Assign):
            return any(isinstance(t, ast.Attribute) and t.attr in ("return_value", "side_effect")
                       for t in parent.targets)
        if isinstance(parent, ast.Call):
            callee = (dotted_name(parent.func) or "").rpartition(".")[2]
            if callee.startswith(("assert_called", "assert_awaited", "assert_any_call", "assert_has_calls")) or \
                    callee in MOCK_CLASSES:
                return True
        if isinstance(parent, ast.stmt):
            return False
    return False


def _sizes_vectors(f, node, says=None, strict: bool = False) -> bool:
    """Does the int ``node`` say how long a vector is, by where it is written: assigned to a name, or
    passed as a keyword / dict key, that says so (``EMBEDDING_DIM = 1536``, ``dimension=1536``,
    ``{"vector_size": 1536}``), or compared with a ``len(...)``? (``max_tokens=1536`` is not.) ``says``:
    what tells such a name instead of VECTOR_SIZE_WORDS (and no comparison counts)."""
    parent = f.parent.get(id(node))
    if isinstance(parent, ast.keyword):
        said = parent.arg or ""
        owner = f.parent.get(id(parent))
        if isinstance(owner, ast.Call) and (dotted_name(owner.func) or "").rpartition(".")[2].startswith(
                ("Mock", "Fake", "Dummy", "Stub")):
            return False  # llama_index's `MockEmbedding(embed_dim=1536)`: a stand-in, no stored vectors (F8)
        if strict and said == "size" and isinstance(owner, ast.Call) and \
                "vector" in (dotted_name(owner.func) or "").lower():
            return True  # qdrant's `VectorParams(size=1536)`
        holder = f.parent.get(id(owner))
        if said == "default" and isinstance(owner, ast.Call) and \
                (dotted_name(owner.func) or "").rpartition(".")[2] == "Field" and \
                isinstance(holder, (ast.Assign, ast.AnnAssign)) and holder.value is owner:
            # a settings field, `vector_dimension: int = Field(default=1536)` (held-out review 66, X9: the
            # Pinecone index it sizes got no TODO)
            said = " ".join(ast.unparse(t) for t in (holder.targets if isinstance(holder, ast.Assign)
                                                      else [holder.target]))
    elif isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        said = " ".join(ast.unparse(t) for t in targets)
    elif isinstance(parent, ast.Return) and parent.value is node:
        # `@property def dimensions(self): return 1536`, an embedder's size that an index's is made from (held-out
        # review 76, Y1): the function's name says it
        func = f.parent.get(id(parent))
        while func is not None and not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            func = f.parent.get(id(func))
        said = getattr(func, "name", "")
    elif isinstance(parent, ast.Dict) and node in parent.values:
        key = parent.keys[parent.values.index(node)]
        said = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
    elif isinstance(parent, ast.Compare) and says is None:
        return any(isinstance(side, ast.Call) and isinstance(side.func, ast.Name) and side.func.id == "len"
                   for side in (parent.left, *parent.comparators))
    elif isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Mult) and says is None:
        # `[0.0] * 1536`: a zero vector of OpenAI's size (a fallback embedding; held-out review 22, T2); not a test's
        # mock's (`mock.embed.return_value = [0.1] * 1536`, `assert_called_once_with(embedding=[0.1] * 1536)`: held-out
        # review 99, X7, 6 of a repository's 13 TODOs)
        if is_test_path(f.path) or _mock_value(f, parent):  # (a test's vectors: test doubles' values)
            return False
        other = parent.left if parent.right is node else parent.right
        return isinstance(other, ast.List) and len(other.elts) == 1 and isinstance(other.elts[0], ast.Constant) \
            and type(other.elts[0].value) in (int, float)
    elif isinstance(parent, ast.Call) and parent.args[:1] == [node] and says is None:
        # pgvector's column type `Vector(1536)` (sqlalchemy / its alembic migration; held-out review 25, B7); a faiss
        # index's or annoy's dimension, `faiss.IndexFlatL2(1536)`, `AnnoyIndex(1536, "angular")` (review 48, H3)
        # `np.zeros(1536)`: a zero vector of OpenAI's size, appended where an embedding failed (held-out review 78,
        # X4: one such fallback among Mistral's vectors and `np.array(out)` raised)
        dotted = dotted_name(parent.func) or ""
        callee = dotted.rpartition(".")[2]
        if dotted == "range" and len(parent.args) == 1:
            # `[random.random() for _ in range(1536)]`: a made-up vector of OpenAI's size (held-out review 133, Y9)
            generator = f.parent.get(id(parent))
            built = f.parent.get(id(generator)) if isinstance(generator, ast.comprehension) else None
            element = built.elt if isinstance(built, (ast.ListComp, ast.GeneratorExp)) else None
            return isinstance(element, ast.Constant) and type(element.value) in (int, float) or \
                isinstance(element, ast.Call) and (dotted_name(element.func) or "").startswith(
                    ("random.", "np.random.", "numpy.random.", "rng.", "uniform", "gauss"))
        return callee in ("Vector", "VECTOR", "HalfVector", "AnnoyIndex") or \
            callee.startswith("Index") and dotted.startswith("faiss.") or \
            callee in ("zeros", "ones", "empty", "full", "rand", "randn") and \
            dotted.partition(".")[0] in ("np", "numpy", "torch")
    elif isinstance(parent, ast.arguments) and says is None:
        # `def __init__(self, dim=1536)`, `def make_index(dim: int = 1536)`: a parameter's default (H3)
        params = [*parent.posonlyargs, *parent.args]
        named = [a.arg for a, d in zip(params[len(params) - len(parent.defaults):], parent.defaults) if d is node] + \
            [a.arg for a, d in zip(parent.kwonlyargs, parent.kw_defaults) if d is node]
        said = named[0] if named else ""
        strict = True  # (`chunk_size=1536` is no vector: "dim", "vector", "embed" only; re-review 49, I8)
    else:
        return False
    from migrator.mapping.embeddings import VECTOR_SIZE_WORDS, VECTOR_STORE_WORDS

    if says is not None:
        return says(said)
    if strict:  # (a module with no embeddings call: `chunk_size=1536`, `max_length=1536` are not vectors: R2)
        return any(word in said.lower() for word in VECTOR_STORE_WORDS)
    return any(word in said.lower() for word in VECTOR_SIZE_WORDS)


_OPENAI_KEY_FIELD_READ = re.compile(r"\.openai_api_key\b", re.IGNORECASE)
_MISTRAL_KEY_FIELD = re.compile(rb"^[ \t]+(mistral_api_key)[ \t]*:", re.IGNORECASE | re.MULTILINE)


def _mistral_key_fields(builder, files, limit: int = 2000) -> tuple:
    """(path, class, field) of each class field of the run's tree named ``mistral_api_key`` (any case), annotated: a
    settings class that holds a Mistral key already (held-out review 139, Y4: the converted client's TODO asked for a
    new setting beside an OpenAI one, where the project had one). Looked for only where a module reads a settings
    object's ``openai_api_key``; at most ``limit`` modules are read."""
    from migrator.engine.walk import read_regular

    root = getattr(builder, "run_root", "") or getattr(builder, "root", "")
    if not root or not os.path.isdir(root) or not any(_OPENAI_KEY_FIELD_READ.search(f.source) for f in files):
        return ()
    found = []
    for seen, path in enumerate(_tree_files(root, (".py",)), 1):
        if seen > limit:
            break
        problem, _info, data = read_regular(path, 2_000_000)
        if problem or not _MISTRAL_KEY_FIELD.search(data):
            continue
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            continue
        found += [(os.path.normpath(path), node.name, item.target.id) for node in ast.walk(tree)
                  if isinstance(node, ast.ClassDef) for item in node.body if isinstance(item, ast.AnnAssign) and
                  isinstance(item.target, ast.Name) and item.target.id.lower() == "mistral_api_key"]
    return tuple(found)


def _unread_openai_names(builder, f) -> list:
    """The names ``f`` imports from a module migrator did not read (not the tree's, not openai's, LangChain's,
    LlamaIndex's or instructor's) that say OpenAI (``from PrismQ.Providers import OptimizedOpenAIProvider``): a
    provider of their own, which may read OPENAI_API_KEY itself (held-out review 142, X1: the module's key check was
    renamed for it, silently)."""
    found = []
    for node in f.tree.body if isinstance(f.tree, ast.Module) else ():
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module or \
                node.module.split(".")[0] in ("openai", "langchain", "langchain_openai", "langchain_community",
                                              "langchain_core", "llama_index", "instructor"):
            continue
        for alias in node.names:
            local = alias.asname or alias.name
            if "openai" in alias.name.lower() and builder.resolve_import(f, local) is None:
                found.append(local)
    return found


def _call_verdicts(f, sites) -> tuple[bool, bool]:
    """(does a call or client of ``f`` convert, does one stay on OpenAI)"""
    converts = keeps = False
    for node in f.nodes:
        answer = sites.get(node_key(f.path, node)) if isinstance(node, ast.Call) else None
        if answer and answer[0] in ("call", "ctor"):
            converts, keeps = converts or answer[1] == CONVERT, keeps or answer[1] == KEEP
    return converts, keeps


def _feeds_kept_functions_only(builder, f, sites) -> bool:
    """Does ``f`` (no OpenAI call of its own) call functions of the tree holding OpenAI calls, every one of which
    stays on OpenAI? (Called by name, imported from another module of the tree.)"""
    functions = []
    for call in f.nodes:
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in f.repo_imports:
            found = builder.resolve_function(f, f.scope_of.get(id(call), ()), call.func)
            if found is not None and not found[2]:
                functions.append(found)
    verdicts = []
    for g, scope, _cls in functions:
        body = g.scopes.get(scope)
        for node in ast_walk(body) if body is not None else ():
            answer = sites.get(node_key(g.path, node)) if isinstance(node, ast.Call) else None
            if answer and answer[0] == "call":
                verdicts.append(answer[1])
            elif answer and answer[0] == "v0":  # (a legacy call left as it is: it stays on OpenAI)
                verdicts.append(KEEP)
    return bool(verdicts) and all(verdict == KEEP for verdict in verdicts)


def _model_tables(f, sites, sent: set, builder=None, converting: frozenset = frozenset(),
                  slots: frozenset = frozenset()) -> dict:
    """Statements holding a table or a check of model names that converted calls used to send:
    one TODO each (the names are left alone: they may describe OpenAI models on purpose). Not in a
    module that converts nothing and shares no process with one that does (a deploy copy beside the
    app, ChatPaper's HuggingFaceDeploy/Public/app.py, whose calls are commented out). A prefix check
    (`LLM.startswith("gpt")`) only where the module converts calls itself: elsewhere it is a provider
    switch on a setting of its own (skehlet's my_instructor.py, whose default is a Gemini model)."""
    found: dict = {}
    endpoint = getattr(builder, "endpoint", None)  # --target openai-compatible: the provider's names
    whose = f"{endpoint.spec.name}'s" if endpoint is not None and endpoint.spec.name != "mistral" else "Mistral"
    converted_args: set = set()
    converts_here = keeps_here = False
    for node in f.nodes:
        if isinstance(node, ast.Call):
            answer = sites.get(node_key(f.path, node))
            if answer and answer[0] == "call":
                converted_args.update(id(sub) for sub in ast_walk(node))
                converts_here = converts_here or answer[1] == CONVERT
                keeps_here = keeps_here or answer[1] == KEEP
            elif answer and answer[0] == "ctor":  # clients used other than through calls (`.chat.completions`)
                converts_here = converts_here or answer[1] == CONVERT
                keeps_here = keeps_here or answer[1] == KEEP
    if keeps_here and not converts_here:
        return {}  # its tables gate its own calls, which stay on OpenAI (pandas-ai's OpenAI extension)
    if not keeps_here and not converts_here and builder is not None and (
            importers := _importers(builder).get(f.path)):
        # a table of its own (pricing.py) read only by modules whose calls all stay on OpenAI: it serves them
        # (held-out review 139, X3: a cost table was told to change because a script importing its reader converted)
        by_path = {g.path: g for g in builder.files}
        verdicts = [_call_verdicts(by_path[p], sites) for p in importers if p in by_path]
        if verdicts and all(keeps and not converts for converts, keeps in verdicts):
            return {}
    if not keeps_here and not converts_here and builder is not None and _feeds_kept_functions_only(builder, f, sites):
        # a page handing its table's choice only to functions of the tree whose calls stay on OpenAI
        # (`call_gpt_streaming(api_key, prompt, model)`, kept: held-out review 176, Y3, "update this table" would have
        # sent Mistral names to OpenAI)
        return {}
    table_types = (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Compare, ast.Call)
    mapped: set = set()  # the tables a model slot maps (the models a converted loop iterates over)
    for slot in slots:
        if slot[0] in ("const", "local", "loop"):
            scope, name = ((), slot[1]) if slot[0] == "const" else (slot[1], slot[2])
            for value in f.assigns.get((scope, name), []):
                mapped.add(id(value.iter if isinstance(value, (ast.For, ast.AsyncFor)) else value))
    for node in f.nodes:
        if not isinstance(node, table_types) or id(node) in converted_args or id(node) in mapped:
            continue
        hits: list = []
        if isinstance(node, ast.Dict):
            hits = [k.value for k in node.keys if isinstance(k, ast.Constant) and k.value in sent]
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            hits = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in sent]
        elif isinstance(node, ast.Compare):
            hits = [c.value for c in [node.left, *node.comparators] if isinstance(c, ast.Constant) and
                    c.value in sent]
        elif isinstance(node, ast.Call) and converts_here and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("startswith", "endswith") and node.args and \
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) and \
                len(node.args[0].value) >= 3 and not (isinstance(node.func.value, ast.Attribute) and
                                                     node.func.value.attr == "id" and "models.list" in f.source):
            # (`m.id.startswith("gpt")` over models.list(): MIG108 says it, held-out review 73, X3)
            hits = [n for n in sent if n.startswith(node.args[0].value)]
        if not hits:
            continue
        statement = node
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = f.parent.get(id(statement))
        if statement is None or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(statement, ast.Assert) and not converts_here and is_test_path(f.path):
            continue  # a test's expectation about code this file does not convert (a wrapper's default)
        if not converts_here and builder is not None and converting and f.path not in converting and not any(
                _importing(builder, f.path) & _importing(builder, other) for other in converting):
            return {}
        key = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
        names = ", ".join(repr(h) for h in sorted(set(hits))[:3])
        if isinstance(node, ast.Call):  # the prefix written here, not a model of another line (review 73, X3)
            names = f"{node.func.attr}({node.args[0].value!r}) matches {names}"
        if isinstance(node, (ast.Compare, ast.Call)):  # `if model == "gpt-4o":`, `model.startswith("gpt-")`
            found.setdefault(key, f"{names}: converted calls now send {whose} model names instead; check this "
                                  "comparison if it tests the model in use")
        else:
            found.setdefault(key, f"{names}: converted calls now send {whose} model names instead; update this "
                                  "table or check if it is about the model in use")
    return found


_OPENAI_MODEL_PREFIXES = ("gpt", "chatgpt", "o1", "o3", "o4")


def _model_guards(builder, f, converting: set) -> dict:
    """``if not model.startswith("gpt-"): raise NotImplementedError(...)`` (or ``"gpt" not in model``) in a module
    whose converted calls take the model at run time, or that hands a model to a function whose parameter reaches
    a converted call's model=: the guard now rejects every Mistral name the converted call needs (held-out review 90,
    X1: financial-datasets' Generator, where following "make sure it names a Mistral model" hit the guard). A TODO
    at the guard; statement span -> TODO."""
    callees = {name for names in builder.model_callees.values() for name in names}
    hands = f.path in converting or any(
        isinstance(node, ast.Call) and (node.func.id if isinstance(node.func, ast.Name) else
                                        node.func.attr if isinstance(node.func, ast.Attribute) else "") in callees
        for node in f.nodes)
    if not hands:
        return {}
    endpoint = getattr(builder, "endpoint", None)
    whose = f"{endpoint.spec.name}'s" if endpoint is not None and endpoint.spec.name != "mistral" else "Mistral"
    found: dict = {}
    for node in f.nodes:
        if not isinstance(node, ast.If) or not any(isinstance(s, ast.Raise) for s in node.body):
            continue
        test = node.test
        prefix = None
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Call) and \
                isinstance(test.operand.func, ast.Attribute) and test.operand.func.attr == "startswith" and \
                len(test.operand.args) == 1 and isinstance(test.operand.args[0], ast.Constant):
            prefix = test.operand.args[0].value
        elif isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.NotIn) and \
                isinstance(test.left, ast.Constant):
            prefix = test.left.value
        if not (isinstance(prefix, str) and prefix.lower().startswith(_OPENAI_MODEL_PREFIXES) and
                "model" in ast.unparse(test).lower()):
            continue
        found[(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)] = (
            f"{ast.unparse(test)[:60]} rejects every model but OpenAI's ({prefix}...), and the model it checks reaches "
            f"a converted call, which now needs a {whose} model name: accept {whose} names here")
    return found


# An environment read of OPENAI_API_KEY (os.getenv / os.environ[...] / os.environ.get)
_KEY_ENV_READ = re.compile(r"""(?:getenv|environ(?:\.get)?)\s*[(\[]\s*(?:key\s*=\s*)?["']OPENAI_API_KEY["']""")


def _implicit_variables(builder, decision) -> set:
    """OPENAI_API_KEY / OPENAI_BASE_URL when the converted clients read them implicitly (no api_key= /
    base_url=) or by name (``api_key=os.getenv("OPENAI_API_KEY")``, renamed with the client) and no
    client kept on OpenAI does: their converted form reads the Mistral variable, so other reads of the
    OpenAI one (a guard, a check) get a TODO."""
    converted, kept = set(), set()
    by_file: dict = {}
    builder.env_key_readers = False  # a converted SDK client reads the key variable itself (or renamed with it)
    builder.key_wrappers = []  # (path, Mistral class) of converted LangChain / LlamaIndex objects reading the key
    for oid, origin in builder.origins.items():
        if origin.kind not in ("OpenAI", "AsyncOpenAI", "Client", "AsyncClient"):
            continue
        if not origin.call_keywords:  # **kwargs: it may read either variable itself
            if decision(oid) != CONVERT and origin.provider == "openai":
                kept |= {"OPENAI_API_KEY", "OPENAI_BASE_URL"}
                by_file.setdefault(origin.path, (set(), set()))[1].update({"OPENAI_API_KEY", "OPENAI_BASE_URL"})
            continue
        implicit = {v for v, kw in (("OPENAI_API_KEY", "api_key"), ("OPENAI_BASE_URL", "base_url"))
                    if kw not in origin.call_keywords[0]}
        if decision(oid) == CONVERT and "OPENAI_API_KEY" in implicit | ({"OPENAI_API_KEY"} if _KEY_ENV_READ.search(
                origin.key_source + " " + origin.key_text) else set()):
            # (reading the variable itself, or renamed with it: not `api_key=settings.OPENAI_API_KEY`, handed a setting,
            # which reads no MISTRAL_API_KEY; held-out review 94, X4)
            builder.env_key_readers = True
        if "OPENAI_API_KEY" in origin.key_source + origin.key_text:  # api_key=os.getenv(...): renamed with it
            implicit.add("OPENAI_API_KEY")
        mine = by_file.setdefault(origin.path, (set(), set()))
        if decision(oid) == CONVERT:
            converted |= implicit
            mine[0].update(implicit)
        else:  # (another provider's client built without api_key= reads OPENAI_API_KEY too: a local Ollama's
            # "ollama" placeholder was renamed away from it in the env template, held-out review 89, Y4)
            kept |= implicit
            mine[1].update(implicit)
    for oid, origin in builder.origins.items():  # the module client reads OPENAI_API_KEY unless set
        if origin.kind == "module" and origin.provider == "openai":
            if decision(oid) != CONVERT:
                builder.kept_env.add("OPENAI_API_KEY")
                kept.add("OPENAI_API_KEY")
                by_file.setdefault(origin.path, (set(), set()))[1].add("OPENAI_API_KEY")
            else:  # its calls now go through a Mistral() that reads MISTRAL_API_KEY (held-out review, OntoChat)
                converted.add("OPENAI_API_KEY")
                by_file.setdefault(origin.path, (set(), set()))[0].add("OPENAI_API_KEY")
                if not _module_key_given(builder, origin.path):
                    # (so a write of OPENAI_API_KEY elsewhere, `os.environ["OPENAI_API_KEY"] = data[...]` in a config
                    # module, is told the client reads MISTRAL_API_KEY: held-out review 106, X2, silent on the v0 path)
                    builder.env_key_readers = True
    for answer in builder.sites.values():  # a legacy v0 call no rule converts (`openai.Image.create`) stays on the
        # openai module, which reads OPENAI_API_KEY though the module's other calls converted (held-out review 123,
        # X1: the start-up check and .env.example were renamed, and the image calls failed where it was deployed)
        if answer[0] == "v0" and len(answer) > 4 and isinstance(answer[4], Use):
            builder.kept_env.add("OPENAI_API_KEY")
            kept.add("OPENAI_API_KEY")
            by_file.setdefault(answer[4].path, (set(), set()))[1].add("OPENAI_API_KEY")
    for oid, origin in builder.origins.items():  # every client the openai SDK builds reads OPENAI_LOG (its log
        # level): one kept keeps the variable meaningful (held-out review 86, X11)
        if origin.kind != "parameter" and decision(oid) != CONVERT:
            kept.add("OPENAI_LOG")
            by_file.setdefault(origin.path, (set(), set()))[1].add("OPENAI_LOG")
    # where the SDK's converted clients read OPENAI_API_KEY (None: some module does)
    builder.sdk_key_paths = {path for path, (conv, _) in by_file.items() if "OPENAI_API_KEY" in conv}
    if "OPENAI_API_KEY" in converted:
        builder.sdk_key_paths.add(None)
    for path in builder.agents_sdk:  # OpenAI Agents SDK agents read it themselves
        kept.add("OPENAI_API_KEY")
        by_file.setdefault(path, (set(), set()))[1].add("OPENAI_API_KEY")
    for f in builder.files:  # LangChain's / LlamaIndex's objects read it too, given no key (held-out review 55,
        # U1: the app set OPENAI_API_KEY in another module and the converted ChatMistralAI read MISTRAL_API_KEY;
        # U4: a ChatOpenAI kept on OpenAI still needs OPENAI_API_KEY)
        for site, mistral in _wrapper_sites(f):
            if site.reads_key and site.verdict in ("convert", "keep"):
                (converted if site.verdict == "convert" else kept).add("OPENAI_API_KEY")
                by_file.setdefault(f.path, (set(), set()))[site.verdict == "keep"].add("OPENAI_API_KEY")
            if site.verdict == "keep":  # (its openai client reads OPENAI_LOG)
                kept.add("OPENAI_LOG")
                by_file.setdefault(f.path, (set(), set()))[1].add("OPENAI_LOG")
            if site.reads_key and site.verdict == "convert":  # (named by the key TODOs of modules with no client)
                builder.key_wrappers.append((f.path, mistral))
    builder.kept_env |= kept
    # where the readers kept on OpenAI are: an env file under a directory answers for the code there
    for path, (_, keep) in by_file.items():
        for name in keep:
            builder.kept_env_paths.setdefault(name, set()).add(path)
    # a file with clients of its own answers for itself (`os.environ[...] = key` then `OpenAI()`)
    out = {path: conv - keep for path, (conv, keep) in by_file.items()}
    out[None] = converted - kept
    builder.converted_reads = frozenset(converted)  # (kept clients' reads aside: a write feeds both)
    return out


def _module_key_given(builder, path: str) -> bool:
    """Does the module ``path`` set the openai module's key to something other than the OPENAI_API_KEY read
    (``openai.api_key = self.api_key``: its converted client is handed that key, and reads no MISTRAL_API_KEY)?"""
    f = next((g for g in builder.files if g.path == path), None)
    if f is None or "api_key" not in f.source:
        return False
    return any(isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Attribute) and t.attr == "api_key" and isinstance(t.value, ast.Name) and
        f.openai_modules.get(t.value.id) == "openai" for t in node.targets) and
        not _KEY_ENV_READ.search(ast.unparse(node.value)) for node in f.nodes)


def _unfollowed_factories(builder) -> dict:
    """(path, function scope) -> why, for the functions returning a client whose callers migrator does not
    all see: no call of it in the files the plan read (a library's factory, a method called where its
    object's class is not known), or a call or reference somewhere it cannot resolve to it
    (``provider.create_client()`` on a parameter of unknown type, a method handed on as a callback). A
    reference that resolves to another function does not count; a function name handed on is the plan's
    own factory reference (``Depends(get_client)``)."""
    factories = {where for origin in builder.origins.values() for where in origin.returned_from if where[1]}
    if not factories:
        return {}
    tupled = {where for origin in builder.origins.values() for where in origin.returned_in_tuple if where[1]}
    whole: dict = {}  # such a function -> a statement keeping what it returns whole
    names: dict[str, set] = {}
    for where in factories:
        names.setdefault(where[1][-1], set()).add(where)
    by_path = {f.path: f for f in builder.files}
    properties = {where for where in factories if _is_property(by_path[where[0]].scopes.get(where[1]))}
    followed: set = set()
    unresolved: set = set()
    for f in builder.files:
        if not any(name in f.source for name in names):
            continue
        # `from ext.openai import init_app as init_openai_app` (held-out review 62, Y41: "none of the modules calls
        # it" was said beside its caller)
        aliases = {local: imported for local, (_m, _l, imported) in f.repo_imports.items()
                   if imported in names and local != imported}
        for node in f.nodes:
            name = node.attr if isinstance(node, ast.Attribute) else \
                aliases.get(node.id, node.id) if isinstance(node, ast.Name) else None
            if name not in names or not isinstance(node.ctx, ast.Load):
                continue
            parent = f.parent.get(id(node))
            called = isinstance(parent, ast.Call) and parent.func is node
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                cls = builder.class_of(f, f.scope_of.get(id(node), ()))
                if cls is not None and (cls, name) in f.defs and (f.path, (*cls, name)) not in names[name]:
                    # `self.client` in OllamaLLM, whose own `client` property it reads, not OpenAILLM's (held-out
                    # review 63, X1: "called where migrator cannot follow it", and nothing converted)
                    continue
            if isinstance(node, ast.Attribute) and not called and names[name] & properties:
                # `self.llm.client` of a @property returning the client: read, not called (the plan's
                # eval follows it through the instance's class)
                found = builder.eval(f, f.scope_of.get(id(node), ()), node)
                (followed if found is not None else unresolved).update(names[name] & properties)
                continue
            if isinstance(node, ast.Attribute) and not isinstance(node.value, (ast.Name, ast.Call)):
                # `client.chat.completions.create`: an attribute chain, no factory of the tree's -- unless it resolves
                # to one (`helpers.OpenAIAsync.instance()`, `self.provider.create_client()`: review 21, S-A1)
                if called and isinstance(node.value, ast.Attribute):
                    target = builder.resolve_function(f, f.scope_of.get(id(node), ()), node)
                    if target is not None and (target[0].path, target[1]) in names[name]:
                        followed.add((target[0].path, target[1]))
                continue
            target = builder.resolve_function(f, f.scope_of.get(id(node), ()), node)
            if target is not None:
                if called and (target[0].path, target[1]) in tupled and not _tuple_taken_apart(f, parent):
                    # `pair = hosted()` of `return "gpt-4o-mini", OpenAI()`: the client in the tuple it keeps whole is
                    # not followed (held-out review 150, Y1: the call of `pair[1]` was told "cannot tell which client
                    # it holds" while hosted()'s client converted)
                    whole.setdefault((target[0].path, target[1]), ast.unparse(f.parent.get(id(parent), parent)))
                if called or isinstance(node, ast.Name):  # (an uncalled name: Depends(get_client) or a use)
                    followed.add((target[0].path, target[1]))
                elif (target[0].path, target[1]) in names[name]:
                    unresolved.add((target[0].path, target[1]))  # `provider.create_client` handed on
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                    builder.module_file(f, f.scope_of.get(id(node), ()), node.value.id) is not None:
                continue  # `llm.get(...)` of a module of the tree that defines no such function
            elif called or isinstance(node, ast.Attribute):
                # (a method of that name on an object of unknown class, or a module function through a
                # module migrator did not read: only a method factory's name is looked for on attributes)
                unresolved |= {where for where in names[name] if isinstance(node, ast.Name) or len(where[1]) > 1}
    followed |= getattr(builder, "fixture_factories", set())  # pytest fixtures handed to tests' parameters
    out = {}
    for where in factories:
        base_call = _base_class_caller(by_path[where[0]], where[1])
        if where in unresolved:
            out[where] = "called where migrator cannot follow it"
        elif where in whole:
            shown = whole[where].splitlines()[0] if whole[where] else ""
            out[where] = (f"whose tuple a caller keeps whole ({shown[:80]}), where migrator cannot follow the client "
                          "in it")
        elif where not in followed and base_call:
            # `self._create_api_client()` in the base class's __init__, overridden here (a template method):
            # called, but not "by none of the modules" (held-out review 40, S6)
            out[where] = (f"which is called as self.{where[1][-1]}() in {base_call}, a base class's method: migrator "
                          "does not follow such a call into a subclass's override")
        elif where not in followed:
            # (R-A5: "which no code migrator read calls" read as "nothing calls it" where the caller was a module
            # migrator does not read, one that never names openai)
            out[where] = ("which none of the modules migrator read calls (it reads those naming openai and the "
                          "modules they import)")
    return out


def _tuple_taken_apart(f, call: ast.AST) -> bool:
    """Is the tuple ``call`` returns taken apart where the plan follows its elements: unpacked into names (``m, c =
    f()``, or either branch of ``... if x else f()`` so unpacked), indexed by a number (``f()[1]``), returned on, or
    not kept at all (a bare statement)?"""
    node, parent = call, f.parent.get(id(call))
    while isinstance(parent, (ast.Await, ast.IfExp)) and not (isinstance(parent, ast.IfExp) and parent.test is node):
        node, parent = parent, f.parent.get(id(parent))
    if isinstance(parent, ast.Assign) and parent.value is node:
        return all(isinstance(t, (ast.Tuple, ast.List)) and not any(isinstance(e, ast.Starred) for e in t.elts)
                   for t in parent.targets)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return isinstance(parent.slice, ast.Constant) and type(parent.slice.value) is int
    return isinstance(parent, (ast.Return, ast.Expr))


def _base_class_caller(f, scope) -> str:
    """``Base.__init__`` when ``scope`` is a method (``(Sub, name)``) a base class of the same module calls as
    ``self.<name>()``, else ""."""
    if len(scope) != 2 or not isinstance(f.scopes.get(scope[:1]), ast.ClassDef):
        return ""
    for base in f.scopes[scope[:1]].bases:
        holder = f.scopes.get((base.id,)) if isinstance(base, ast.Name) else None
        if not isinstance(holder, ast.ClassDef):
            continue
        for method in holder.body:
            if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == scope[1] and
                    isinstance(n.func.value, ast.Name) and n.func.value.id == "self" for n in ast_walk(method)):
                return f"{base.id}.{method.name}()"
    return ""


def _is_property(function) -> bool:
    return isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        (dotted_name(d.func if isinstance(d, ast.Call) else d) or "").rsplit(".", 1)[-1] in ("property", "cached_property")
        for d in function.decorator_list)


def _call_async(builder, oid) -> bool:
    origin = builder.origins.get(oid) if oid else None
    return bool(origin and origin.is_async)


def _group_decision(members) -> tuple[str, str, tuple[str, ...]]:
    real = [m for m in members if m.kind != "parameter"]
    blockers = []
    for m in members:
        for use in m.uses:
            if use.blocking:
                blockers.append(f"{use.path}:{use.line} {use.surface}: {use.detail}")
    if not real:
        if any(m.annotated or m.uses for m in members):
            return UNRESOLVED, "a parameter whose callers migrator cannot see", tuple(blockers)
        return UNRESOLVED, "no client reaches it", ()
    # (`client.api_key = key` after it is built is no use of it: held-out review 111, X7, a dead client configured by
    # attribute became a second Mistral client with a key TODO)
    used = [use for m in members for use in m.uses if use.surface != "sets .api_key" or use.blocking]
    if not (used or any(m.sources or m.problems or m.returned for m in members)) and \
            all(m.provider == "openai" for m in real):
        return UNUSED, "no use found: left as it is", ()
    others = [m for m in real if m.provider not in ("openai", "azure")]
    openai = [m for m in real if m.provider in ("openai", "azure")]
    if others and not openai:
        providers = sorted({_provider_text(m.provider) for m in others})
        return OTHER, "the OpenAI SDK pointed at " + ", ".join(providers), ()
    if others:
        return KEEP, _shared_with(others, real[0].path), tuple(blockers)
    shared = [text for m in members for text in m.other_sdk]
    if shared:
        # (a look-alike SDK's client takes OpenAI's calls as they are; another's, such as Anthropic's handed
        # to a base class an OpenAI subclass shares, makes calls of its own there: held-out review 13, H4)
        alike = all(text.rsplit(" (", 1)[-1].split(",")[0] in OPENAI_LOOKALIKE_SDKS for text in shared)
        return KEEP, "shares code with another SDK's client" + (" (same interface as OpenAI's)" if alike else
                                                                 ", whose calls there are that SDK's") + \
            ": " + ", ".join(shared[:3]), tuple(blockers) if alike else ()  # (not its calls as "blocking uses")
    problems = [p for m in real for p in m.problems]
    if problems:
        return KEEP, "; ".join(dict.fromkeys(problems)), tuple(blockers)
    if blockers:
        return KEEP, "some uses cannot convert yet", tuple(blockers)
    if any(m.kind == "parameter" and m.uses for m in members) and len({bool(m.is_async) for m in real}) > 1:
        # def ask(client, q): client.chat... called with OpenAI() and with AsyncOpenAI(): Mistral's one client
        # has complete and complete_async, and the shared call can be only one of them (held-out review 13)
        names = ", ".join(sorted({m.name for m in real}))
        return KEEP, f"a parameter receives both sync and async clients ({names}): its calls cannot be both " \
                     "complete and complete_async on Mistral; give each its own code path", tuple(blockers)
    return CONVERT, "talks to OpenAI and every use converts", ()


def _provider_text(provider: str) -> str:
    # A base_url that is neither OpenAI's nor readable (`os.getenv("LLM_BASE_URL")`, `self.base_url`):
    # the app chooses its endpoint, so it is left alone like any other provider's (and listed).
    if provider == "configured endpoint":
        return "the server it is built for only when a base_url is configured (an OpenAI-compatible one)"
    # (held-out review 14, N-C3: a config.toml whose default entry is api.openai.com: what to do then)
    if provider == "unknown endpoint":
        return "the base_url its configuration gives (not OpenAI's by name; where that configuration names OpenAI, " \
            "change it there: Mistral's is https://api.mistral.ai/v1, with a Mistral key and model)"
    return provider


def _shared_with(others, path: str) -> str:
    """A kept client's reason when it shares code with clients of another provider: named with theirs; a client whose
    base_url comes from the app's configuration (``OpenAI(base_url=api_base) if api_base else OpenAI()``) is no
    other provider's by name (held-out review 55, U8)."""
    if all(m.provider in ("unknown endpoint", "configured endpoint") for m in others):
        # (no line of this module: the TODOs written above move it, and a second run would change the text)
        names = sorted({m.name + ("" if m.path == path else f" (in {os.path.basename(m.path)})") for m in others})
        # (held-out review 80, Y10: what to do, for the branch that talks to OpenAI)
        return ("shares code with a client whose base_url comes from the app's configuration, left as it is: "
                + ", ".join(names[:3]) + "; their calls stay on the openai SDK: to move this one to Mistral, build it "
                "with Mistral's OpenAI-compatible endpoint (base_url=\"https://api.mistral.ai/v1\", a Mistral key and "
                "model), or give each client calls of its own")
    if all(m.relay for m in others):
        # (a reseller's relay, `base_url="https://api.proxyapi.ru/openai/v1"`: maybe OpenAI's models by another road,
        # its own TODO says so; "another provider's" said it was none of OpenAI's: held-out review 117, X2)
        return "shares code with a client at another server that may relay to OpenAI (see its TODO): " + ", ".join(
            sorted({f"{m.name} ({m.provider.removeprefix('endpoint ')}, {m.relay})" for m in others})[:3])
    return "shares code with another provider's client: " + ", ".join(
        sorted({f"{m.name} ({m.provider})" for m in others})[:3])


def _own_decision(origin, group_decision, members) -> tuple[str, str, tuple[str, ...]]:
    """One client's decision and reason within its group: another provider's client is never touched,
    and a kept client is told its own reason (Azure, its options, its endpoint) before the group's."""
    verdict, reason, blockers = group_decision
    if origin.kind == "parameter":
        return group_decision
    if origin.provider not in ("openai", "azure"):
        return OTHER, f"the OpenAI SDK pointed at {_provider_text(origin.provider)}", ()
    if verdict != KEEP:
        return group_decision
    if origin.provider == "azure" and origin.problems:
        return KEEP, origin.problems[0], ()
    if origin.problems:
        return KEEP, "; ".join(dict.fromkeys(origin.problems)), blockers
    others = [m for m in members if m is not origin and m.kind != "parameter" and m.provider not in ("openai", "azure")]
    if others:
        return KEEP, _shared_with(others, origin.path), ()
    azure = [m for m in members if m is not origin and m.provider == "azure"]
    if azure:  # not the Azure client's own reason
        return KEEP, f"shares code with an Azure OpenAI client ({azure[0].name})", blockers
    if any(m.problems for m in members if m is not origin):
        names = sorted({m.name for m in members if m is not origin and m.problems})
        if names == [origin.name]:  # `if proxy: client = OpenAI(http_client=...) else: client = OpenAI()`
            # (held-out review 127, Y6: "this one converts with it" read as a contradiction of "kept")
            return KEEP, (f"{origin.name} is also assigned a client that cannot convert (see its TODO), and one "
                          "name keeps one SDK: this one stays on OpenAI with it, and converts once that one can"), \
                blockers
        return KEEP, "shares code with a client that cannot convert: " + ", ".join(names[:3]) + \
            " (see its TODO)", blockers
    if origin.file_ids_from and not any(u.surface == "files.create" or u.blocking for u in origin.uses):
        makers = origin.file_ids_from
        batches = any(u.surface.startswith("batches.") for u in origin.uses)
        what = ("files / batches", "files or batches made", "file or batch") if batches else \
            ("files", "files uploaded", "file")
        return KEEP, (f"its {what[0]} calls may take the ids of {what[1]} by {', '.join(makers[:3])}, which "
                      f"stay{'s' if len(makers) == 1 else ''} on OpenAI: Mistral knows no OpenAI {what[2]} id"), \
            blockers
    return KEEP, reason, blockers




# An import of Mistral's SDK or a wrapper's Mistral integration (a previous run's conversion), not a TODO naming
# langchain-mistralai (held-out review 94, Y8: a pin TODO's words made a second run rewrite an unused client's TODO)
_MISTRAL_IMPORT = re.compile(r"^[ \t]*\"?(?:from|import)[ \t]+[\w.]*mistralai\b", re.MULTILINE)
# An OpenAI client nothing uses, built when its module is imported, in a run that moves other clients (and so
# the key in env files) to Mistral: it still needs OPENAI_API_KEY, and without it the import fails
# (held-out review 25, A2: learn-openai's main.py died with "Missing credentials").
UNUSED_AT_IMPORT_TODO = ("this OpenAI client is built when the module is imported, and nothing here uses it: it still "
                         "reads OPENAI_API_KEY (the converted clients read MISTRAL_API_KEY), and raises at import "
                         "without it; delete it, or build a Mistral client here if something outside uses it")
# the same where no client converts (held-out review 90, X8: a Telegram bot's config module built one, never used, and
# the run said "Nothing to change"; the bot would not start once OPENAI_API_KEY was retired) (a bare Mistral(), which
# reads its key when it sends: held-out review 158, X7, os.environ["MISTRAL_API_KEY"] raised at import again)
UNUSED_ALONE_TODO = ("this OpenAI client is built when the module is imported, and nothing in the tree uses it: it "
                     "keeps the openai package a dependency and reads OPENAI_API_KEY, raising at import without it; "
                     "delete it, or build a Mistral client here (Mistral(), which reads MISTRAL_API_KEY when it sends "
                     "a request) if code outside the tree uses it")
# the same, given its key by the app (a literal, a config module's): it reads no variable
UNUSED_KEYED_TODO = ("this OpenAI client is built when the module is imported, and nothing in the tree uses it: it "
                     "keeps the openai package a dependency; delete it, or build a Mistral client here (with a Mistral "
                     "key) if code outside the tree uses it")
# the same, built under an `if` / `try` (held-out review 28, G9: it cannot raise at import)
UNUSED_GUARDED_TODO = ("this OpenAI client may be built when the module is imported, and nothing here uses it: it "
                       "still reads OPENAI_API_KEY (the converted clients read MISTRAL_API_KEY) and keeps openai a "
                       "dependency; delete it, or build a Mistral client here if something outside uses it")


# ... built when a function runs (a FastAPI lifespan's `app.state.client = OpenAI(...)`)
UNUSED_IN_FUNCTION_TODO = ("this OpenAI client is built when {function}() runs, and nothing in the tree uses it: it still "
                           "reads OPENAI_API_KEY (the converted clients read MISTRAL_API_KEY), and raises there without "
                           "it; delete it, or build a Mistral client here if something outside the tree uses it")


# ... stored on an instance by its class's __init__ (held-out review 167, Y2)
UNUSED_ATTRIBUTE_TODO = ("this OpenAI client is built for every {cls}() and kept in {attribute}, which nothing in the "
                         "tree reads: it {reads}; delete it, or build a Mistral client here if a subclass or code "
                         "outside the tree reads {attribute}")


UNUSED_IN_FUNCTION_ALONE_TODO = ("this OpenAI client is built when {function}() runs, and nothing in the tree uses it: "
                                 "it keeps the openai package a dependency and reads OPENAI_API_KEY, raising there "
                                 "without it; delete it, or build a Mistral client here (Mistral(), which reads "
                                 "MISTRAL_API_KEY when it sends a request) if code outside the tree uses it")


def _caught_where_built(builder, origin) -> bool:
    """Is the client ``origin`` built in the body of a ``try`` whose handlers catch any exception (bare, Exception,
    BaseException, openai's OpenAIError)? (Held-out review 166, Y6: "raises there" of a construction caught.)"""
    f, call, _holder, _scope = _constructor_holder(builder, origin)
    if f is None:
        return False
    child = call
    for parent in ancestors_of(f, call):
        if isinstance(parent, ast.Try) and any(child is stmt for stmt in parent.body):
            return any(h.type is None or any((dotted_name(t) or "").rsplit(".", 1)[-1] in
                                             ("Exception", "BaseException", "OpenAIError")
                                             for t in (h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]))
                       for h in parent.handlers)
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
        child = parent
    return False


def _constructor_holder(builder, origin) -> tuple:
    """(module, constructor call, the node holding the call, its scope) of the client ``origin``; (None, None, None,
    ()) where its module or call is not found."""
    f = next((g for g in builder.files if g.path == origin.path), None)
    call = next((n for n in f.nodes if isinstance(n, ast.Call) and builder.ctor_nodes.get(id(n)) == origin.id),
                None) if f is not None else None
    if call is None:
        return None, None, None, ()
    return f, call, f.parent.get(id(call)), f.scope_of.get(id(call), ())


def _unused_instance_attribute(builder, origin) -> tuple:
    """(``self.model``, its class) where the (unused) client ``origin`` is stored by its class's ``__init__`` as an
    attribute no module read names (a subclass or code outside the tree may), else ()."""
    f, call, holder, scope = _constructor_holder(builder, origin)
    if f is None or not (isinstance(holder, ast.Assign) and holder.value is call and len(holder.targets) == 1 and
            isinstance(target := holder.targets[0], ast.Attribute) and isinstance(target.value, ast.Name) and
            target.value.id == "self" and len(scope) == 2 and scope[1] == "__init__" and scope[0] in {
                path[-1] for path in f.classes}):
        return ()
    if any(isinstance(n, ast.Attribute) and n.attr == target.attr and isinstance(n.ctx, ast.Load)
           for g in builder.files if target.attr in g.source for n in g.nodes):
        return ()
    return f"self.{target.attr}", scope[0]


def _unused_builder_function(builder, origin) -> str:
    """The function that builds the (unused) client ``origin`` and stores it on an object it is handed
    (``app.state.client = OpenAI()``; not ``self.client = OpenAI()``, nor a local), else ""."""
    f, call, holder, scope = _constructor_holder(builder, origin)
    if f is None or not (isinstance(holder, ast.Assign) and holder.value is call and scope and
            isinstance(f.scopes.get(scope), (ast.FunctionDef, ast.AsyncFunctionDef))):
        return ""
    if not all(isinstance(t, (ast.Attribute, ast.Name)) for t in holder.targets) or any(
            isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id in ("self", "cls")
            for t in holder.targets):
        return ""  # (an instance's attribute: a subclass, or code outside the tree, may read it)
    # (a local too: `client = OpenAI(api_key=os.getenv(...))` in main(), its one call commented out, raises there
    # without the key; held-out review 115, X2, silent beside a helper told to wait for a Mistral client; only where
    # the module calls that function: a spare one never called is dead code)
    # (or a factory the framework calls, Flask's `create_app()`, or one another module of the tree calls: held-out
    # review 166, Y6, an unused client in create_app()'s try was silent)
    # (a nested function its parent calls, as before; review of session 90)
    if any(isinstance(t, ast.Name) for t in holder.targets) and not any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == scope[-1] for n in f.nodes) \
            and not (len(scope) == 1 and (
                scope[-1] in _FRAMEWORK_FACTORIES or any(
                    isinstance(n, ast.Call) and (
                        isinstance(n.func, ast.Name) and n.func.id == scope[-1] and scope[-1] in g.repo_imports or
                        isinstance(n.func, ast.Attribute) and n.func.attr == scope[-1] and
                        isinstance(n.func.value, ast.Name) and builder.module_file(
                            g, g.scope_of.get(id(n), ()), n.func.value.id) is f)
                    for g in builder.files if g is not f and scope[-1] in g.source for n in g.nodes) or
                builder.unread is not None and builder.unread.read_elsewhere(scope[-1], f.module.rsplit(".", 1)[-1]))):
        return ""
    return scope[-1]


_FRAMEWORK_FACTORIES = frozenset({"create_app", "make_app"})  # Flask finds and calls them itself


def _patched_by(builder, origin) -> list:
    """The tests of the tree whose patch targets name the client ``origin`` (``patch("app.routers.client.chat.
    completions.create")`` of ``client = OpenAI()`` in app/routers/__init__.py), shown from its module."""
    home = next((g for g in builder.files if g.path == origin.path), None)
    if home is None or not home.module or not origin.name.isidentifier():
        return []
    target = f"{home.module}.{origin.name}"
    found = []
    for g in builder.files:
        if g is not home and target in g.source and "patch" in g.source and any(
                isinstance(n, ast.Constant) and isinstance(n.value, str) and
                (n.value == target or n.value.startswith(target + ".")) for n in g.nodes):
            found.append(os.path.relpath(g.path, os.path.dirname(origin.path) or ".").replace(os.sep, "/"))
    return found


def _blocker_place(blocker: str) -> tuple:
    """(path, line) of a blocker, "path:line surface: detail"."""
    located = re.match(r"(.*?):(\d+) ", blocker, re.DOTALL)
    return (located.group(1), int(located.group(2))) if located else (blocker, 0)


def ctor_todo(reason: str, blockers: tuple[str, ...], here: str) -> str:
    """The one TODO at a kept constructor: why, and the uses that keep it (file and function, no
    line numbers: the TODOs migrator inserts would move them on every run)."""
    text = f"kept on OpenAI: {reason}"
    if blockers and reason.endswith(" and run migrator again"):
        # (held-out review 124, Y7: keywords passed as told, the next run kept it all the same, for its uses)
        text = text.removesuffix(" and run migrator again") + " (the uses after it keep it too)"
    if blockers:
        by_file: dict[str, list[str]] = {}
        fixable: list[str] = []
        # (in path and line order: the order the plan met the modules in changes once a run's TODOs name OpenAI in
        # modules it read only as companions, and a second run rewrote the TODO; held-out review 90, X9)
        for blocker in sorted(blockers, key=_blocker_place):
            # "path:line surface: detail" (a path may hold spaces: `1. extraction.ipynb`, re-review 50, K3)
            located = re.match(r"(.*?:\d+) (.*)", blocker, re.DOTALL)
            where, rest = located.groups() if located else blocker.partition(" ")[::2]
            path = where.rsplit(":", 1)[0]
            surface, _, detail = rest.partition(": ")
            why = _short_reason(surface, detail)
            # (a file named by its path from here where its name alone says little: `__init__.py` of another package,
            # held-out review 89, Y18)
            shown = path.rsplit('/', 1)[-1]
            if shown in ("__init__.py", "__main__.py", "main.py", "utils.py", "app.py") and path != here:
                shown = posixpath.relpath(path.replace(os.sep, "/"),
                                          posixpath.dirname(here.replace(os.sep, "/")) or ".")
            name = (surface if path == here else f"{surface} in {shown}") + (f" ({why})" if why else "")
            if "has no rule yet" not in detail and name not in fixable:
                fixable.append(name)  # a use that could change (a keyword, a shape), not an API Mistral lacks
            elif name not in by_file.setdefault(path, []):
                by_file[path].append(name)
        # the uses that could change first, then one file's at a time, in turn: uses of APIs Mistral lacks in
        # other files (judy_sec's Assistants threads) no longer hide the one to fix (autogen1.py's
        # `function_name=`; held-out reviews 25 and 26, B8)
        names = fixable + [name for turn in itertools.zip_longest(*by_file.values()) for name in turn
                           if name is not None and name not in fixable]
        more = len(names) - MAX_BLOCKERS
        if not fixable and by_file and ("run migrator again" in reason or reason.startswith("default_headers")):
            # every use that keeps it is of an API Mistral lacks (Assistants threads): a constructor reshaped as the
            # reason asks would stay on OpenAI all the same (held-out review 105, X10: two rounds of pointless edits)
            text = "kept on OpenAI: it serves APIs Mistral has no counterpart of (see their TODOs), whatever its " \
                   "constructor's shape"
        text += "; blocking uses: " + ", ".join(names[:MAX_BLOCKERS])
        if more > 0:  # (held-out review 13, N-B2: where the others are)
            text += f" and {more} more (`migrator scan` lists them all)"
    return text


def _short_reason(surface: str, detail: str) -> str:
    """The part of a blocking use's detail worth repeating at the constructor."""
    if detail.startswith("handed to") and "(...): " in detail:
        # `handed to cast(...): cast(AsyncOpenAI, ...) names ...` (B20), `handed to wrap_openai(...): the tracing wrapper
        # is OpenAI-specific; ...` (held-out review 108, X7: `scan` said the remedy, the TODO in the code did not)
        detail = detail.split("(...): ", 1)[1]
        if detail.endswith(" is OpenAI-specific") and " " not in detail.removesuffix(" is OpenAI-specific"):
            return ""  # (`track_openai is OpenAI-specific`: the name says as much)
    elif not detail or detail.startswith(f"{surface}(...) has no rule yet") or detail.startswith("handed to"):
        return ""
    detail = detail.split("; keys to check")[0]
    if len(detail) <= 160:
        return detail
    # the longest run of whole clauses that fits, ending where a clause does (before " (", "; " or
    # ": " outside brackets): a complete statement, not a sentence cut off (the use's own TODO and its
    # row in `scan` have the whole text)
    depth, last = 0, 0
    for at, char in enumerate(detail[:161]):
        if depth == 0 and at > 20 and (detail.startswith(" (", at) or detail.startswith("; ", at) or
                                       detail.startswith(": ", at)):
            last = at
        depth += char in "([{"
        depth -= char in ")]}" and depth > 0
    if last:
        return detail[:last]
    return detail  # no clause ends early enough: the whole reason, not a sentence cut off (corpus review)


# -- per-file answers ---------------------------------------------------------------------------------

def _file_sites(builder, f, sites, decision, plan_state, params, returns, model_slots, key_names) -> None:
    def call_verdict(call: ast.AST) -> Optional[str]:
        answer = sites.get(node_key(f.path, call))
        if answer and answer[0] == "call":
            return answer[1]
        if answer and answer[0] == "v0":
            return KEEP
        return None

    def instructor_call(call: ast.AST) -> bool:  # MIG111 maps its model= like a converted call's
        answer = sites.get(node_key(f.path, call))
        return bool(answer) and answer[0] == "icall" and answer[1] == CONVERT

    def read_verdict(call: ast.AST) -> Optional[str]:
        """call_verdict, and instructor's create_with_completion, whose completion is the provider's (MIG105
        reads it like a converted chat call's response)."""
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and \
                call.func.attr == "create_with_completion" and instructor_call(call):
            return CONVERT
        return call_verdict(call)

    def message_verdict(call: ast.AST) -> Optional[str]:
        """call_verdict, and a converted instructor call, which hands its messages to Mistral's chat.complete (MIG104
        writes a developer message there as system: held-out review 70, Y3)."""
        return CONVERT if instructor_call(call) else call_verdict(call)

    def ctor_verdict(call: ast.AST) -> Optional[str]:
        answer = sites.get(node_key(f.path, call))
        return answer[1] if answer and answer[0] == "ctor" else None

    # annotated parameters and factory returns follow their group
    for (scope, name), (_, annotation) in f.params.items():
        oid = f"{f.path}:{'.'.join(scope)}({name})"
        if oid in builder.origins:
            origin = builder.origins[oid]
            real_roots = builder.__dict__.get("_real_roots")
            if real_roots is None:  # groups holding a client (not only parameters), once groups are final
                real_roots = builder.__dict__["_real_roots"] = {
                    builder.find(o) for o, member in builder.origins.items() if member.kind != "parameter"}
            # (`client: Optional[OpenAI] = None; client = client or OpenAI()`: in the constructor's group though
            # no caller passes it: held-out review 13, H2, its annotation stayed OpenAI's)
            params[(f.path, scope, name)] = decision(oid) if origin.sources or builder.find(oid) in real_roots \
                else UNRESOLVED
    # a class's declaration of an attribute (`openai: OpenAI` in the class body) follows what its
    # self.<attr> assignments hold (keyed like a parameter of the class's scope: no clash, a class has none)
    for cls in f.classes:
        for stmt in getattr(f.scopes.get(cls), "body", []):
            if isinstance(stmt, ast.AnnAssign) and stmt.value is None and isinstance(stmt.target, ast.Name) \
                    and (cls, stmt.target.id) in f.self_assigns:
                held = builder.eval_attr(f, cls, stmt.target.id, 0)
                if held:
                    verdicts = {decision(o) for o in held}
                    params[(f.path, cls, stmt.target.id)] = CONVERT if verdicts == {CONVERT} else KEEP
    # a module's declaration of a global a function sets (`_client: AsyncOpenAI | None = None`, then
    # `global _client; _client = AsyncOpenAI()`) follows what it holds (held-out review 12, N5)
    for stmt in f.tree.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and \
                (stmt.value is None or isinstance(stmt.value, ast.Constant)):
            held = builder._eval_name(f, (), stmt.target.id, 0)  # (every binding: `global` ones are the module's)
            if not held:
                continue
            name = stmt.target.id
            verdicts = {decision(o) for o in held}
            params[(f.path, (), name)] = CONVERT if verdicts == {CONVERT} else KEEP
    for scope, values in f.returns.items():
        found = set()
        for value in values:
            got = builder.eval(f, scope, value) if value is not None else None
            if not got and value is not None:  # an instructor wrapper of clients: its callers' modules are read too
                got = builder._wrapped_origins(f, scope, value)  # (held-out review 52, O2)
            if got:
                found |= got
        if found:
            verdicts = {decision(o) for o in found}
            returns[(f.path, scope)] = CONVERT if verdicts == {CONVERT} else KEEP

    body_memo: dict = {}

    def body_verdicts(nodes) -> set:
        return _body_verdicts_in(builder, f, sites, nodes, 0, body_memo)

    memo_file: dict = {}  # facts about this module computed once, when first needed
    file_verdicts = {answer[1] for (path, *_), answer in sites.items()
                     if path == f.path and answer[0] == "call"}
    file_verdicts |= {KEEP for (path, *_), answer in sites.items() if path == f.path and answer[0] == "v0"}

    def kept_wrappers() -> bool:
        if "kept_wrappers" not in memo_file:
            from migrator.plan.langchain import module_plans

            memo_file["kept_wrappers"] = ("langchain" in f.source or "llama_index" in f.source) and any(
                site.verdict == "keep" for planned in module_plans(f) if planned is not None
                for site in planned.sites)
        return memo_file["kept_wrappers"]

    def verdict_for(verdicts: set) -> str:
        if verdicts == {"raise"}:
            return "convert" if file_verdicts == {CONVERT} else "leave"
        if verdicts:
            if verdicts == {CONVERT}:
                return "convert"
            return "todo" if CONVERT in verdicts else "leave"
        if file_verdicts == {CONVERT} and not kept_wrappers():
            return "convert"
        if file_verdicts == {CONVERT}:
            # (a LangChain / LlamaIndex object of this module stays on OpenAI, and its calls, which migrator does not
            # trace as the SDK's, may be what raises: held-out review 97, Y3, `except openai.NotFoundError` around a
            # kept ChatOpenAI's .client.create became Mistral's SDKError)
            return "todo"
        if plan_state["all"] and not file_verdicts:
            # every client of the tree converts, but nothing here is traced to one: what raises may be a converted
            # client reached where migrator cannot follow, or a library that calls OpenAI itself (held-out review
            # 20, R-B1: mentat's handlers around spice's calls were rewritten, and caught nothing after). Only in a
            # module that shares a process with converted calls (one imports the other, or a third both): else
            # none can raise here (review 21, S-A3)
            if "converting" not in plan_state:
                plan_state["converting"] = {path for (path, *_), answer in sites.items()
                                            if answer[0] == "call" and answer[1] == CONVERT}
            mine = _importing(builder, f.path)
            if any(mine & _importing(builder, path) for path in plan_state["converting"]):
                return "untraced"
            # (the modules importing this one, unread when they never name openai, may run both: they are read in the
            # run's second round; held-out review 108, X5: a bot's retry on openai.APIError around a cog's converted
            # call stayed, silently, its main.py unread)
            builder.handler_modules.add(f.path)
            return "leave"
        # no call traced here: flag it only where this file converts calls and keeps others
        return "todo" if CONVERT in file_verdicts else "leave"

    slots: set = set()
    openai_names = set(f.imported) | set(f.openai_modules)
    helpers = _env_helpers_of(builder, f)
    imported_helpers = helpers - builder.__dict__["_env_helpers"][f.path]
    if imported_helpers:
        builder.__dict__.setdefault("imported_env_helpers", {})[f.path] = imported_helpers
    delta_names = delta_content_names(f.tree) if f.uses_openai and ".delta.content" in f.source else frozenset()
    for node in f.nodes:
        kind = type(node)
        if kind not in SITE_NODE_TYPES:
            continue
        key = node_key(f.path, node)
        # environment reads feed a converted constructor, or are left alone
        if isinstance(node, (ast.Subscript, ast.Call)) and (env_key(node) or env_helper_key(node, helpers)) or \
                isinstance(node, ast.Compare) and env_membership_key(node):
            variable = env_key(node) or env_helper_key(node, helpers) or env_membership_key(node)
            write = isinstance(getattr(node, "ctx", ast.Load()), (ast.Store, ast.Del)) or \
                (isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith(("setdefault", "pop", "setenv",
                                                                                          "delenv")))
            # `os.environ.pop("OPENAI_API_KEY", None)`, `del os.environ[...]` (a test of the keyless path): what the
            # TODO says is done here, and what to do with the new variable (held-out review 61, Y22)
            done, do = ("removed", "remove") if isinstance(getattr(node, "ctx", None), ast.Del) or isinstance(
                node, ast.Call) and (dotted_name(node.func) or "").endswith((".pop", ".delenv")) else \
                ("set", "set") if write else ("read", "check")
            feeds = not write and _env_feeds(builder, f, node, ctor_verdict if variable != "OPENAI_API_KEY" else
                                             lambda call: ctor_verdict(call) or _wrapper_verdict(f, call),
                                             wrappers=variable == "OPENAI_API_KEY")
            # a notebook is a program of its own: only its own clients answer for it
            implicit = plan_state["implicit"].get(f.path, set() if f.path.endswith(".ipynb") or
                                                  _other_project(builder, f.path, plan_state["implicit"]) else
                                                  plan_state["implicit"][None])
            holder = f.parent.get(id(node))
            configures = isinstance(holder, ast.Assign) and holder.value is node and (all(
                isinstance(t, ast.Attribute) and t.attr in ("api_key", "api_base", "base_url") for t in holder.targets)
                or _only_configures(f, holder))
            if configures and feeds and all(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and
                                            f.openai_modules.get(t.value.id) == "openai" for t in holder.targets):
                # `openai.api_key = os.getenv("OPENAI_API_KEY")` kept (under a guard, read elsewhere): OpenAI's own
                # setting keeps OpenAI's variable; MIG101 drops or folds it where it can (re-review 44, Y8)
                feeds = False
            # `os.environ["X"] = os.getenv("X")` (`.encode()`-ed, `.strip()`-ed ...): the statement gets one
            # TODO (the write's), not two (held-out review 5, muchirajunior)
            top = node
            while isinstance(f.parent.get(id(top)), ast.Attribute) and \
                    isinstance(f.parent.get(id(f.parent[id(top)])), ast.Call):
                top = f.parent[id(f.parent[id(top)])]
            outer = f.parent.get(id(top))
            copied = not write and isinstance(outer, ast.Assign) and outer.value is top and any(
                env_key(t) == variable for t in outer.targets if isinstance(t, ast.Subscript))
            # (or every client of the tree converts and none keeps reading it: a check in a module whose converted
            # client is handed its key stopped the app at import once the OpenAI key was retired; held-out review 97,
            # X2)
            # a read in a function whose OpenAI calls stay (`if not api_key: return None` before a kept client's
            # images.generate): it guards that client, which still reads OPENAI_API_KEY (held-out review 127, Y1: it
            # was renamed, the image path silently off where only the OpenAI key was set)
            if not feeds and not write and variable == "OPENAI_API_KEY" and \
                    _kept_call_in_function(f, node, call_verdict):
                sites[key] = ("env", False)
                continue
            if not feeds and not write and variable == "OPENAI_API_KEY" and (
                    variable in implicit or plan_state["all"] and variable not in builder.kept_env and
                    not f.path.endswith(".ipynb")) and \
                    builder.endpoint is None and not configures and not copied and _key_gate(builder, f, node) and \
                    not _test_reads_otherwise(f, node, variable) and not _http_only(builder, f, sites) and \
                    not _unread_openai_names(builder, f):
                # `if not os.getenv("OPENAI_API_KEY"): exit(...)` (or a name only such checks read): it guards
                # the clients, which all read MISTRAL_API_KEY now; checking the old variable would stop an app
                # configured for Mistral (held-out review 3, csalvador58): it checks the new one
                feeds = "gate"
            if write and not feeds and variable == "OPENAI_API_KEY" and variable in implicit and \
                    builder.endpoint is None and _gated_write(builder, f, node, variable):
                # `if os.getenv("OPENAI_API_KEY") is None: os.environ["OPENAI_API_KEY"] = getpass(...)`: the gate is
                # renamed, so the key it asks for goes to the new variable too (held-out review 45, A3: the guard
                # was renamed and the write was not, so the typed key went where no client reads it)
                feeds = "gate"
            if write and not feeds and variable == "OPENAI_API_KEY" and variable in implicit and \
                    builder.endpoint is None and _secret_copy(f, node, variable):
                # `os.environ["OPENAI_API_KEY"] = userdata.get("OPENAI_API_KEY")` in a notebook whose every reader of
                # it converted: the Colab secret's key goes to the variable the clients read (MIG101 renames the
                # secret too: held-out review 72, Y4, the converted Mistral() ran with no key); a module's
                # `= st.secrets["OPENAI_API_KEY"]` (a Streamlit app) or Colab export alike (74, Y6)
                feeds = "gate"
            handed = not feeds and (isinstance(holder, ast.keyword) and holder.arg in ("api_key", "openai_api_key")
                                    or _openai_header_value(holder, node))
            if not feeds and not write and not handed and not configures and variable == "OPENAI_API_KEY" and \
                    variable in implicit and builder.endpoint is None and _gated_write(builder, f, node, variable,
                                                                                       either=True):
                # `if "OPENAI_API_KEY" in os.environ: print(os.environ["OPENAI_API_KEY"][:5])`: the gate is renamed,
                # so the read it guards follows (held-out review 54, S5: a KeyError with only MISTRAL_API_KEY set)
                feeds = "gate"
            own_wrappers = variable == "OPENAI_API_KEY" and f.path not in builder.sdk_key_paths and any(
                path == f.path for path, _ in builder.key_wrappers)
            # (a write feeds the clients kept on OpenAI and the converted ones alike: "set that too" holds even where a
            # client kept reads it: held-out review 71, X2, the only place the program set its key)
            # (... and a check of it guards both, where a client of the project stays on OpenAI: a runner's
            # `if not os.environ.get("OPENAI_API_KEY"): sys.exit(1)` before steps that now read MISTRAL_API_KEY was
            # left silently; held-out review 100, X4)
            renamed_at = _renamed_base_url_read(builder, f, node, variable, ctor_verdict) \
                if not feeds and not write and variable in BASE_URL_VARS and builder.endpoint is None else None
            if renamed_at is not None:
                # `try: os.environ["OPENAI_API_KEY"]; os.environ["OPENAI_API_BASE"] except KeyError: exit(1)` beside
                # `Mistral(server_url=os.environ["MISTRAL_SERVER_URL"])`: the check asks for the old variable
                # (held-out review 144, Y6: only the key's line was named)
                sites[key] = ("env", "todo", f"{variable} is read here, but the converted client reads "
                                             f"{ENV_VARS[variable]} (its base URL, renamed {renamed_at}): check that "
                                             "too if this is about it (migrator never renames this)")
                continue
            both = (write or variable not in implicit and _key_gate(builder, f, node)) and \
                variable == "OPENAI_API_KEY" and variable in getattr(builder, "converted_reads", ()) and \
                not f.path.endswith(".ipynb") and _shares_key_readers(builder, f.path)
            if not write and not feeds and variable == "OPENAI_API_KEY" and builder.endpoint is None and \
                    plan_state["all"] and variable not in builder.kept_env and \
                    getattr(builder, "env_key_readers", True) and _env_entry(f, node, variable):
                # `environment={"OPENAI_API_KEY": os.environ["OPENAI_API_KEY"]}` of a CDK / Pulumi function, a
                # container, a subprocess: the code it runs reads MISTRAL_API_KEY once converted (held-out review 171,
                # X1: a Lambda's stack passed on the OpenAI key alone, silently, and the deployed function had no key)
                sites[key] = ("env", "todo", ENV_ENTRY_TODO.format(read=_same_reader(node, variable)))
                continue
            if not feeds and not write and variable == "OPENAI_API_KEY" and variable not in implicit and not both and \
                    builder.endpoint is None and not configures and not copied and \
                    (taken := _key_attribute_takers(builder, f, holder, node, sites))[0]:
                # a setting handed to converted clients that are given their key (`api_key=self.api_key`, set from
                # `config.openai_api_key`): the read is no client's own, so nothing above told it (held-out review
                # 173, Y3)
                sites[key] = ("env", "todo", _setting_taken_todo(variable, taken, holder, node))
                continue
            if not feeds and (variable in implicit or both) and not configures and not copied and not handed and \
                    not own_wrappers and not _imports_only_kept(builder, f, sites) and not _http_only(builder, f, sites):
                # (a key handed to a client migrator keeps, `ChatOpenAI(openai_api_key=os.environ[...])`, stays
                # OpenAI's: no TODO inviting a change (held-out review 7, D10); MIG116 / MIG121 say why it stays)
                # (`module.api_key = os.environ[...]` configures that module's own client: MIG101's
                # module-setting TODO covers it where that client converts)
                # checked or set for clients that now read the Mistral variable: say so (never renamed)
                mistral = ENV_VARS[variable]
                endpoint = builder.endpoint
                if endpoint is not None:  # openai-compatible: the provider's key, a written-in URL
                    message = (f"{variable} is {done} here, but the moved client reads "
                               f"{endpoint.key_env}: {do} that too if this is about it "
                               "(migrator never renames this)") if variable == "OPENAI_API_KEY" else (
                        f"{variable} is {'set' if write else 'read'} here, but the moved client has "
                        f"base_url={endpoint.base_url!r} written in: pass this value as base_url= if it "
                        "should steer it")
                elif mistral == "MISTRAL_API_KEY" and not write and (handed := _key_handed_to_converted(
                        builder, f, holder, node, lambda call: ctor_verdict(call) or _wrapper_verdict(f, call)))[0]:
                    # (held-out review 37, N5: "the converted client reads MISTRAL_API_KEY" of a value handed to it;
                    # re-review 38, O3: name the other reads, which keep the read as it is)
                    message = (f"{variable} is read here and handed to converted clients ({handed[0]}), which now "
                               f"need a Mistral key, and also to {handed[1]}, so the read is not renamed: read "
                               "MISTRAL_API_KEY for the converted clients")
                elif mistral == "MISTRAL_API_KEY" and not write and (taken := _key_attribute_takers(
                        builder, f, holder, node, sites))[0]:
                    # `OPENAI_API_KEY = os.getenv(...)` in settings.py, `Mistral(api_key=settings.OPENAI_API_KEY)`
                    # elsewhere: "the converted client reads MISTRAL_API_KEY" was false (held-out review 44, Z9)
                    message = _setting_taken_todo(variable, taken, holder, node)
                elif mistral == "MISTRAL_API_KEY" and None not in builder.sdk_key_paths and builder.key_wrappers and \
                        not any(_importing(builder, f.path) & _importing(builder, path)
                                for path, _cls in builder.key_wrappers) and _own_wrappers_kept(f):
                    # the converted objects are other programs' (no import path either way), and this module's own
                    # LangChain / LlamaIndex objects stay on OpenAI and read the key: nothing to say (held-out review
                    # 112, Y6: the TODO named an unrelated module's ChatMistralAI)
                    continue
                elif mistral == "MISTRAL_API_KEY" and None not in builder.sdk_key_paths and builder.key_wrappers:
                    # only LangChain / LlamaIndex objects read it, in other modules (held-out review 55, U1: the app
                    # put its configured key in OPENAI_API_KEY, and the converted ChatMistralAI sent none)
                    # (no line: the TODOs written there move it)
                    # (those of its program first, where it has any: held-out review 79, Y1, a Streamlit app's key
                    # line named three unrelated chapters' samples)
                    mine = _importing(builder, f.path)
                    wrappers = [(path, cls) for path, cls in builder.key_wrappers
                                if mine & _importing(builder, path)]
                    if not wrappers and write and not _shares_process(builder, f):
                        # a script standing alone writes it for its own objects: another script's converted object is
                        # none of its business (held-out review 153, X5: "the converted ChatMistralAI in ../chat.py")
                        continue
                    wrappers = wrappers or builder.key_wrappers
                    named = sorted({f"{cls} in {os.path.relpath(path, os.path.dirname(f.path) or '.')}"
                                    .replace(os.sep, "/") for path, cls in wrappers})
                    message = (f"{variable} is {done} here, but the converted "
                               f"{', '.join(named[:3])}{' ...' if len(named) > 3 else ''} read"
                               f"{'s' if len(named) == 1 else ''} MISTRAL_API_KEY: {do} that "
                               f"(with a Mistral key) if this is about {'it' if len(named) == 1 else 'them'}")
                elif mistral == "MISTRAL_API_KEY" and write and not getattr(builder, "env_key_readers", True) and \
                        None in builder.sdk_key_paths and not builder.key_wrappers:
                    # every converted client is handed its key (`AsyncOpenAI(api_key=settings.OPENAI_API_KEY)`):
                    # none reads MISTRAL_API_KEY, and "the converted client reads MISTRAL_API_KEY" contradicted the
                    # key TODO at the client (held-out review 94, X4); that TODO says what to do
                    continue
                elif mistral == "MISTRAL_API_KEY" and not write and (unused := _unread_binding(builder, f, holder)):
                    # (held-out review 98, X7: "check that too if this is about it" of a constant nothing reads)
                    # (where every converted client is handed its key, none reads the variable: held-out review 171, Y2)
                    message = (f"{variable} is read here into {unused}, which nothing reads, and the converted client "
                               "reads MISTRAL_API_KEY itself: delete this line") \
                        if getattr(builder, "env_key_readers", True) else (
                        f"{variable} is read here into {unused}, which nothing reads (the converted clients are "
                        "handed their key: see the TODO at each): delete this line")
                elif mistral == "MISTRAL_API_KEY" and write and not _shares_process(builder, f):
                    # `os.environ["OPENAI_API_KEY"] = ...` in a script no converted client's module imports or is
                    # imported by (a LangChain chapter beside an unrelated bot): the write reaches no converted
                    # client (held-out review 150, Y6)
                    continue
                elif mistral == "MISTRAL_API_KEY" and not write and _read_for_kept_only(f, holder, node, ctor_verdict):
                    # `OPENAI_API_KEY = os.getenv(...)` handed only to objects that stay on OpenAI
                    # (`OpenAIEmbeddings(api_key=OPENAI_API_KEY)` kept by a pin): it is theirs, and "check that too"
                    # would break them (held-out review 158, X2)
                    continue
                elif mistral == "MISTRAL_API_KEY":
                    message = (f"{variable} is {done} here, but the converted client reads "
                               f"MISTRAL_API_KEY: {do} that too if this is about it "
                               "(migrator never renames this)")
                elif write and _sets_openai_server(f, node):
                    # (held-out review 53, P5: "pass server_url=" of OpenAI's own URL sent Mistral's requests there)
                    message = (f"{variable} is set here to OpenAI's own server, which the converted client does not "
                               "read (it talks to Mistral's): drop this line once no OpenAI client is left")
                else:
                    message = (f"{variable} is {'set' if write else 'read'} here, but the converted client reads "
                               "no base-URL variable: pass server_url= (without /v1) to Mistral(...) if this "
                               "should steer it")
                sites[key] = ("env", "todo", message)
            else:
                sites[key] = (("env", True, "gate", "prefix") if _prefix_gate(f, node) else ("env", True, "gate")) \
                    if feeds == "gate" else ("env", feeds)
                if variable == "OPENAI_API_KEY" and builder.endpoint is None:
                    # (the reads renamed, and the writes left: a test's key set for the code it tests, 148 Y3)
                    if feeds and not write:
                        builder.__dict__.setdefault("_renamed_key_paths", set()).add(f.path)
                    elif write and not feeds:
                        builder.__dict__.setdefault("_key_writes", []).append((f.path, key, done, do))
                holder, value = f.parent.get(id(node)), node
                for _ in range(2):  # (`(os.getenv("OPENAI_API_KEY") or "").strip()`: held-out review 65, X8)
                    while isinstance(holder, ast.Attribute) and holder.attr in STRIPS and \
                            isinstance(f.parent.get(id(holder)), ast.Call) and not f.parent[id(holder)].args:
                        value = f.parent[id(holder)]  # `os.getenv("OPENAI_API_KEY", "").strip()`
                        holder = f.parent.get(id(value))
                    if isinstance(holder, ast.BoolOp) and isinstance(holder.op, ast.Or):
                        value, holder = holder, f.parent.get(id(holder))  # `key = api_key or os.getenv(...)` (N1)
                if feeds and isinstance(holder, ast.Assign) and holder.value is value and \
                        all(isinstance(t, ast.Name) for t in holder.targets):
                    key_names.setdefault(f.path, set()).update(t.id for t in holder.targets)
                elif feeds and isinstance(holder, ast.Assign) and holder.value is value and len(holder.targets) == 1 \
                        and isinstance(holder.targets[0], ast.Attribute):  # self.api_key = ... (N2)
                    key_names.setdefault(f.path, set()).add(ast.unparse(holder.targets[0]))
        # exceptions
        if isinstance(node, (ast.Name, ast.Attribute)) and f.uses_openai and \
                _root_name(node) in openai_names and error_rule(f.qualify(dotted_name(node))) is not None:
            head = dotted_name(node).split(".")[0]
            if head in f.local_names and head not in f.imported and head not in f.openai_modules:
                sites[key] = ("exc", "leave")
            else:
                verdicts = _exception_calls(f, node, body_verdicts)
                group = _error_group_name(f, node)
                if group is not None:  # `RETRYABLE = (openai.RateLimitError, ...)`, caught by modules importing it
                    verdicts = verdicts | plan_state["error_groups"].get((f.path, group), set())
                wrapped = "wrapper" in verdicts  # (a converting LangChain / LlamaIndex object in reach: its module's)
                verdicts = verdicts - {"wrapper"}
                # no SDK call of its own in reach, in a module using LangChain's / LlamaIndex's OpenAI
                # classes: what raises here may be one of those, which MIG116 / MIG121 move to Mistral
                sites[key] = ("exc", "todo" if wrapped and CONVERT in verdicts else "wrapper" if wrapped or (
                    not verdicts and _wrapper_module(f)) else verdict_for(verdicts))
        if isinstance(node, ast.Call) and not node.args and not node.keywords and CONVERT in file_verdicts:
            callee = dotted_name(node.func) or ""
            hint = SDK_INSTRUMENTERS.get(callee.rsplit(".", 1)[-1])
            if isinstance(node.func, ast.Attribute) and node.func.attr == "instrument" and \
                    isinstance(node.func.value, ast.Call) and \
                    (dotted_name(node.func.value.func) or "").endswith("OpenAIInstrumentor"):
                # OpenInference's `OpenAIInstrumentor().instrument()` (held-out review 142, X2: the tracing smoke test's
                # client converted, its spans silently gone)
                callee = f"{dotted_name(node.func.value.func)}().instrument"
                hint = SDK_INSTRUMENTERS["OpenAIInstrumentor().instrument"]
            if hint is not None:  # cl.instrument_openai(): patches the SDK the converted calls left
                sites[key] = ("instr", hint.format(callee=callee))
        if isinstance(node, ast.Call) and CONVERT in file_verdicts and "autolog" in f.source and \
                (logger := _autologger(f, node.func)) is not None:
            sites[key] = ("instr", SDK_AUTOLOGGERS[logger].format(callee=dotted_name(node.func)))
        if isinstance(node, ast.Dict) and message_change(_dict_constants(node)) == "input_image":
            # a Responses image part without "detail" (OpenAI's default "auto"; mistralai requires it and
            # rejects the request before sending): given one wherever this module's Responses calls
            # convert -- harmless for a call kept on OpenAI, which takes the same default
            sites[key] = ("msg", _converts_responses(f, call_verdict, memo_file))
        elif isinstance(node, ast.Dict) and not message_change(_dict_constants(node)) and \
                tool_lacks_parameters(node, isinstance(f.parent.get(id(node)), ast.List)):
            # a tool definition without "parameters": given the empty schema wherever this module's chat calls
            # convert -- harmless for a call kept on OpenAI, which takes it the same (held-out review 48, H8)
            # (or a module whose chat calls convert imports this one: `from tools import TOOLS`, held-out review 71, X3)
            sites[key] = ("msg", _converts_chat(f, message_verdict, memo_file) or f.path in plan_state["chat_imported"])
        elif isinstance(node, ast.Dict) and message_change(_dict_constants(node)):
            flows = _message_flows(f, node, message_verdict)
            if not flows and message_change(_dict_constants(node)) in ("function", "function_tool") and \
                    CONVERT in file_verdicts:
                # a legacy function result built in a helper (`history.append({...})` on a parameter):
                # where it goes is not traced, and mistralai rejects the role before sending; MIG104
                # rewrites it to a tool message where it names its tool call, else flags it
                flows = True
            if not flows and message_change(_dict_constants(node)) == "role" and \
                    "type" not in _dict_constants(node) and _converts_chat(f, message_verdict, memo_file) and \
                    _messages_call(f, node) is None and not _responses_input_only(f, node):
                # {"role": "developer"} in a module constant or a helper's return, where the plan cannot
                # follow it to a call: mistralai's chat rejects the role before sending, and "system" is
                # what OpenAI reads it as too (kept calls take it the same), so it is rewritten (probe
                # p23-p25). Only where chat calls convert (Mistral's Responses API takes developer) and not
                # a Responses item ("type": "message")
                flows = True
            if not flows and message_change(_dict_constants(node)) in ("name", "role") and \
                    f.scope_of.get(id(node), ())[:1] in plan_state["message_builders"].get(f.path, ()):
                # built by a function of this module whose result another module hands a converted chat call as its
                # messages (`messages=convert_conversation(thread)`, from an adapter module: held-out review 70, X5)
                flows = True
            if not flows and message_change(_dict_constants(node)) == "name" and _history_item(f, node) and \
                    _converts_chat(f, message_verdict, memo_file):
                # {"role": "user", "content": ..., "name": author} built in a helper (a channel's history):
                # mistralai drops "name" without a word; MIG104 only says so (held-out review 7, D8)
                flows = True
            sites[key] = ("msg", flows)
        if isinstance(node, ast.Attribute) and node.attr in RESPONSE_ATTRS and isinstance(node.ctx, ast.Load) and \
                (node.attr not in RENAMED_RESPONSE_FIELDS or _logprob_token(builder, f, node.value)):
            # (`.bytes` only of a log-probability token: a file object's is its size)
            # (read, it is a converted call's response, it may be one: some of the values reaching it are)
            derived = _response_derived(builder, f, node.value, read_verdict)
            sites[key] = ("read", derived, derived or _response_derived(builder, f, node.value, read_verdict,
                                                                        partly=True))
        if isinstance(node, ast.Attribute) and node.attr in ("output_text", "output_parsed") and \
                isinstance(node.ctx, ast.Load):
            sites[key] = ("rtext", _converted_response(f, node.value, call_verdict))
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and \
                (owner := parsed_output_owner(node)) is not None:
            # `response.output[0].content[0].parsed` of a responses.parse result: its output_parsed, spelled out
            # (held-out review 148, Y6)
            sites[key] = ("rtext", _converted_response(f, owner, call_verdict))
        if isinstance(node, ast.Call) and output_text_getattr(node):
            # `getattr(response, "output_text", "")`: a read of it, spelled out too (held-out review 109, Y6 / X10)
            sites[key] = ("rtext", _converted_response(f, node.args[0], call_verdict))
        if isinstance(node, ast.Compare) and unset_guard(node) and key not in sites:
            # `usage is not None` of a converted Responses result: Mistral's Unset() passes it (MIG110)
            guard = _unset_guard_answer(f, node, call_verdict, memo_file)
            if guard:
                sites[key] = ("rguard", guard)
        if isinstance(node, (ast.For, ast.AsyncFor)) and id(node) in getattr(f, "_stream_loops", {}):
            # the one loop over a responses.create(stream=True) stream the plan checked (MIG110)
            sites[key] = ("rstream", call_verdict(f._stream_loops[id(node)]) == CONVERT)
        if isinstance(node, ast.Attribute) and file_read(node) and _file_api(f):
            sites[key] = ("fread", *converted_file_result(f, node.value, call_verdict, builder))
        if isinstance(node, ast.Dict) and _file_api(f) and line_dict([k.value if isinstance(k, ast.Constant) else None
                                                     for k in node.keys]):
            sites[key] = ("bline", _converts_batch(f, call_verdict))
        if isinstance(node, ast.Attribute) and node.attr == "text" and isinstance(node.ctx, ast.Load) and \
                isinstance(node.value, ast.Subscript) and isinstance(node.value.value, ast.Attribute) and \
                node.value.value.attr == "choices" and (sites.get(key) or ("",))[0] != "v0read":
            # (a v0 completion choice's .text is MIG118's read: held-out review 142, Y2)
            sites[key] = ("ctext", _converted_response(f, node.value.value.value, call_verdict, fim=True))
        if isinstance(node, ast.AnnAssign) and openai_typed_value(node, f.qualify):
            # `msg: ChatCompletionMessage = response.choices[0].message` of a converted call: OpenAI's type no
            # longer describes it (held-out review 14, N-C2; the call's own `r: ChatCompletion = ...` is MIG102's)
            sites[key] = ("annot", _response_derived(builder, f, node.value, read_verdict))
        if isinstance(node, ast.Call) and type_check_class(node, f.qualify) is not None:
            derived = _response_derived(builder, f, node.args[0], read_verdict)
            if not derived and type_check_class(node, f.qualify) == "AssistantMessage" and file_verdicts == {CONVERT}:
                # `m` of a history the converted calls' messages are appended to: every message object
                # this module makes is Mistral's now
                derived = True
            sites[key] = ("typecheck", derived)
        if isinstance(node, ast.Compare) and (finish_reason_check(node) is not None or
                                              content_none_check(node, delta_names) is not None):
            if isinstance(node.left, ast.Name) and finish_reason_check(node) is not None:
                # `finish_reason = response.choices[0].finish_reason`, then `elif finish_reason == "length":` (held-out
                # review 140, X5: silently not widened to Mistral's "model_length")
                value = getattr(reaching_assign(f, node.left), "value", None)
                sites[key] = ("read", isinstance(value, ast.Attribute) and value.attr == "finish_reason" and
                              _response_derived(builder, f, value.value, read_verdict))
            elif isinstance(node.left, ast.Name):  # `content is None`, content = chunk.choices[0].delta.content
                value = getattr(reaching_assign(f, node.left), "value", None)
                sites[key] = ("read", delta_content(value) and _response_derived(builder, f, _delta_owner(value),
                                                                                  read_verdict), "delta")
            else:  # `x.content is None`, `(text := ...delta.content) is None`, `getattr(delta, "content") is None`
                left = node.left.value if isinstance(node.left, ast.NamedExpr) else node.left
                owner = _delta_owner(left) if delta_content(left) else left.value  # type: ignore[attr-defined]
                sites[key] = ("read", _response_derived(builder, f, owner, read_verdict))
        wrapper = isinstance(node, ast.Call) and _wrapper_call(f, node)
        if isinstance(node, ast.Call) and (call_verdict(node) == CONVERT or instructor_call(node) or wrapper):
            # (openai 0.x's `Embedding.create(engine=EMBEDDING_MODEL)` too, which MIG107 writes as model=: held-out
            # review 134, X5 / Y5)
            engine = not wrapper and not any(kw.arg == "model" for kw in node.keywords) and \
                (dotted_name(node.func) or "").endswith("Embedding.create")
            keywords = list(node.keywords)
            if node.args and not wrapper and (dotted_name(node.func) or "").endswith(("Audio.transcribe",
                                                                                      "Audio.atranscribe")):
                # `openai.Audio.transcribe(model_engine, f)`: openai 0.x's model, first (held-out review 145, Y4)
                keywords.append(ast.keyword(arg="model", value=node.args[0]))
            for kw in keywords:
                if kw.arg in (("model", "model_name") if wrapper else ("model", "engine") if engine else ("model",)) \
                        and isinstance(kw.value, ast.Name):
                    slot = _model_slot(builder, f, kw.value)
                    if slot is not None:
                        slots.add(slot)
                        if slot[0] == "callarg":
                            slots.update(_callarg_constants(builder, f, slot))
                    else:
                        fallback = _fallback_slots(builder, f, kw.value)
                        slots.update(fallback or (_guarded_default_slots(builder, f, kw.value) if _guarded_default_sent(
                            builder, f, kw.value) else set()) or _local_field_slots(builder, f, kw.value))
                        _env_constant_feed(builder, f, kw.value)
                elif kw.arg == "model" and isinstance(kw.value, ast.Attribute) and \
                        isinstance(kw.value.value, ast.Name) and kw.value.value.id == "self":
                    slots.update(_attr_slots(builder, f, kw.value))
                elif kw.arg in (("model", "model_name") if wrapper else ("model",)) and \
                        _env_read(kw.value) is not None and (call_verdict(node) == CONVERT or wrapper):
                    # model=os.getenv("OPENAI_MODEL"); a converted ChatOpenAI's too (held-out review 83, Y4)
                    builder.model_feeds.add((f.path, id(kw.value)))
                elif kw.arg == "model" and isinstance(kw.value, ast.BoolOp) and isinstance(kw.value.op, ast.Or):
                    # `model=model or OPENAI_DEFAULT_MODEL`, the constant an env read with an OpenAI default: mapped
                    # where it is set, as `model=OPENAI_DEFAULT_MODEL` is (held-out review 88, X9)
                    for operand in kw.value.values[1:]:
                        slot = _model_slot(builder, f, operand) if isinstance(operand, ast.Name) else None
                        if slot is not None and slot[0] == "const":
                            slots.add(slot)
                elif kw.arg == "model" and _session_key(kw.value) is not None:
                    slots.update(_session_slots(builder, f, kw.value, call_verdict))
                elif kw.arg in (("model", "model_name") if wrapper else ("model",)) and \
                        (table := _model_table_slot(builder, f, kw.value)) is not None:
                    slots.add(table)  # (a converted ChatOpenAI's model_name= too: held-out review 120, Y2)
                elif kw.arg == "model" and (entry := _dict_entry_slot(builder, f, kw.value)) is not None:
                    builder.extra_slots.setdefault(entry[0], set()).add(entry[1])
                elif kw.arg == "model" and isinstance(kw.value, ast.Attribute) and \
                        (found := _module_attribute_slots(builder, f, kw.value)) is not None:
                    slots.update(found)
                elif kw.arg == "model" and isinstance(kw.value, ast.Attribute):
                    slots.update(_argparse_slots(builder, f, kw.value) or _field_slots(builder, f, kw.value))
                elif kw.arg is None:  # `create(**params)`, params = {"model": model, ...} (held-out 12, N8)
                    value = _splat_model(builder, f, node, kw.value)
                    slot = _model_slot(builder, f, value) if isinstance(value, ast.Name) else None
                    if slot is not None:
                        slots.add(slot)
                    elif isinstance(value, ast.Name):
                        slots.update(_local_field_slots(builder, f, value))  # `{"model": model}`, model = config.x
                    elif _self_attribute(value):
                        # `{"model": self._model, ...}`, as `model=self._model` (held-out review 171, X5: its fallback
                        # constant stayed gpt-5-mini behind "computed at run time")
                        slots.update(_attr_slots(builder, f, value))
    model_slots[f.path] = frozenset(slots | builder.extra_slots.get(f.path, set()))
    key_names.setdefault(f.path, set()).update(_secret_key_names(builder, f, ctor_verdict))


ENV_ENTRY_TODO = ("OPENAI_API_KEY is passed on here into another environment (a deployed function's, a container's, "
                  "a process's), and every client migrator converted reads MISTRAL_API_KEY: pass \"MISTRAL_API_KEY\": "
                  "{read} beside it where that environment runs the converted code (and drop this entry once "
                  "nothing there reads the OpenAI key)")


# the keywords handing a process, a container or a deployed function its environment
_ENVIRONMENT_KEYWORDS = frozenset({"environment", "env", "environment_variables", "env_vars", "environ"})


def _env_entry(f, node: ast.AST, variable: str) -> bool:
    """``node`` (a read of ``variable``) is the value of an environment entry of the same name in a dict handed on as
    another environment (``environment={"OPENAI_API_KEY": os.environ["OPENAI_API_KEY"]}``, ``env=dict(OPENAI_API_KEY=
    ...)``, or a name bound to one and only passed so): not an in-process table (`REQUIRED = {...}`, checked here), nor
    one spreading ``**os.environ``, which passes MISTRAL_API_KEY on already (review of session 89)."""
    holder = f.parent.get(id(node))
    table = holder if isinstance(holder, ast.Dict) else f.parent.get(id(holder)) \
        if isinstance(holder, ast.keyword) and holder.arg == variable and isinstance(
            f.parent.get(id(holder)), ast.Call) and dotted_name(f.parent[id(holder)].func) == "dict" else None
    if table is None or node not in _dict_entries(table, (variable,)) or \
            isinstance(table, ast.Dict) and any(k is None for k in table.keys) or \
            isinstance(table, ast.Call) and any(kw.arg is None for kw in table.keywords):
        return False

    def handed(value) -> bool:
        # the value of an environment keyword of a call (`environment=`), or of such a key (Ray's `runtime_env=
        # {"env_vars": {...}}`), or a secret's own dict (Modal's `Secret.from_dict({...})`: review of session 89)
        holder = f.parent.get(id(value))
        if isinstance(holder, ast.keyword):
            return holder.arg in _ENVIRONMENT_KEYWORDS and holder.value is value
        if isinstance(holder, ast.Dict):
            return any(v is value and isinstance(k, ast.Constant) and k.value in _ENVIRONMENT_KEYWORDS
                       for k, v in zip(holder.keys, holder.values))
        return isinstance(holder, ast.Call) and holder.args[:1] == [value] and \
            (dotted_name(holder.func) or "").endswith("Secret.from_dict")
    if handed(table):
        return True
    bound = f.parent.get(id(table))
    if not (isinstance(bound, ast.Assign) and bound.value is table and len(bound.targets) == 1 and
            isinstance(bound.targets[0], ast.Name)):
        return False
    loads = _loads_of(f, bound.targets[0].id)
    return bool(loads) and all(handed(load) for load in loads)


def _secret_or_env_key(value: ast.AST) -> bool:
    """``st.secrets.get("OPENAI_API_KEY") or os.getenv("OPENAI_API_KEY")``: the secret, else the environment's key
    (held-out review 153, Y1: the environment read was renamed, the secret not, and Mistral got the OpenAI key)."""
    return isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or) and len(value.values) == 2 and \
        _streamlit_key_read(value.values[0]) and _KEY_ENV_READ.search(ast.unparse(value.values[1])) is not None


def _streamlit_key_read(value: ast.AST) -> bool:
    """``st.secrets["OPENAI_API_KEY"]`` / ``.get("OPENAI_API_KEY")`` / ``st.secrets.OPENAI_API_KEY`` (any case, as
    MIG101 renames it)."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get" and \
            value.args:
        value, name = value.func.value, value.args[0]
    elif isinstance(value, ast.Subscript):
        value, name = value.value, value.slice
    elif isinstance(value, ast.Attribute):
        value, name = value.value, ast.Constant(value.attr)
    else:
        return False
    return dotted_name(value) in STREAMLIT_SECRETS and isinstance(name, ast.Constant) and \
        isinstance(name.value, str) and name.value.upper() == "OPENAI_API_KEY"


def _secret_key_names(builder, f, ctor_verdict) -> set:
    """Names a module assigns Streamlit's OpenAI key secret at its top level (``OPENAI_API_KEY =
    st.secrets["OPENAI_API_KEY"]``) that only constructors converting take, as api_key=: MIG101 reads the Mistral
    secret there, as it does inline (held-out review 92, X3: the inline read was renamed, the constant's was not, and
    the app needed both secrets). Not a name another module may import."""
    if "secrets" not in f.source or builder.endpoint is not None:  # (openai-compatible: the provider's key)
        return set()
    found = set()
    stem = os.path.splitext(os.path.basename(f.path))[0]
    for node in f.tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name) \
                or not (_streamlit_key_read(node.value) or _secret_or_env_key(node.value)):
            continue
        name = node.targets[0].id
        # (and truth tests, `if openai_api_key:` around the client: held-out review 110, X9, the gated read kept the
        # OpenAI secret and handed it to Mistral)
        loads = [n for n in _loads_of(f, name) if not _truth_tested(f, n)]
        if loads and all(isinstance(kw := f.parent.get(id(n)), ast.keyword) and kw.arg == "api_key" and
                         isinstance(call := f.parent.get(id(kw)), ast.Call) and ctor_verdict(call) == CONVERT
                         for n in loads) and \
                sum(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
                    for n in f.nodes) == 1 and \
                not any(g is not f and name in g.source and _may_import_name(g.source, stem, name)
                        for g in builder.files):
            found.add(name)
    return found


def _import_gates(builder, files) -> dict:
    """path -> {line: "any" / "openai"} of the module-level constructors whose client another module imports inside a
    ``try`` catching any exception (bare, Exception, BaseException) or OpenAIError: ``try: from app.config import
    client`` / ``except Exception: client = None``, the app's path for a missing key, which OpenAI() raised at import
    and Mistral() does not (held-out review 151, X2: the fallback was dead code once converted)."""
    found: dict = {}
    for f in files:
        if "try" not in f.source:
            continue
        for node in f.nodes:
            if not isinstance(node, ast.Try):
                continue
            kinds = {"any" if h.type is None or (dotted_name(h.type) or "") in ("Exception", "BaseException") else
                     "openai" if (dotted_name(h.type) or "") in ("OpenAIError", "openai.OpenAIError") else ""
                     for h in node.handlers}
            kind = "any" if "any" in kinds else "openai" if "openai" in kinds else ""
            if not kind:
                continue
            for statement in node.body:
                if not isinstance(statement, ast.ImportFrom):
                    continue
                for alias in statement.names:
                    local = alias.asname or alias.name
                    target = builder.resolve_import(f, local) if local in f.repo_imports else None
                    if target is None:
                        continue
                    g, name = target
                    values = g.assigns.get(((), name), [])
                    if len(values) == 1 and isinstance(values[0], ast.Call) and id(values[0]) in builder.ctor_nodes:
                        # (an OpenAI client the plan built an origin for: its constructor's site, as MIG101 reads it)
                        found.setdefault(g.path, {})[values[0].lineno] = kind
    return found


def _star_of_tree(builder, module: str, level: int) -> bool:
    """May ``from <module> import *`` (``level``: its dots) bring names of the tree's own modules? Not the standard
    library's or another package's (held-out review 150, X3: `from os.path import *` beside `from .llmagent import
    ChatGPTAgent` left the class's default model unmapped, sent to Mistral)."""
    return bool(level) or not module or builder._tree_package(module.split(".")[0])


def _may_import_name(source: str, stem: str, name: str) -> bool:
    """Does ``source`` (another module's) import ``name`` from the module ``stem`` (``from embedder import
    OPENAI_API_KEY``, ``embedder.OPENAI_API_KEY``, ``from embedder import *``)? Naming both for its own reasons does not
    count (held-out review 150, X2: an app reading its own st.secrets["OPENAI_API_KEY"] and importing embed_query from
    embedder kept embedder's secret read on OpenAI's key, handed to the converted client)."""
    module = r"[\w.]*\b" + re.escape(stem)
    return bool(re.search(r"^[ \t]*from[ \t]+" + module + r"[ \t]+import[ \t]+(?:\*|\([^)]*\b" + re.escape(name) +
                          r"\b[^)]*\)|[^\n]*\b" + re.escape(name) + r"\b)", source, re.MULTILINE) or
                re.search(r"\b" + re.escape(stem) + r"\s*\.\s*" + re.escape(name) + r"\b", source))


def _truth_tested(f, node) -> bool:
    """Is ``node`` only tested for truth (``if key:``, ``if not key:``, ``if key and other:``, ``while key``)?"""
    child, parent = node, f.parent.get(id(node))
    while isinstance(parent, (ast.BoolOp, ast.UnaryOp)) and (not isinstance(parent, ast.UnaryOp) or
                                                             isinstance(parent.op, ast.Not)):
        child, parent = parent, f.parent.get(id(parent))
    return isinstance(parent, (ast.If, ast.While, ast.IfExp)) and parent.test is child


def _loads_of(f, name: str) -> list:
    """Every ``name`` read in the module (indexed once per module)."""
    index = getattr(f, "_loads", None)
    if index is None:
        index = {}
        for node in f.nodes:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                index.setdefault(node.id, []).append(node)
        f._loads = index
    return index.get(name, [])


def _root_name(node) -> Optional[str]:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _lookalike_only(builder) -> bool:
    """The tree imports an OpenAI look-alike SDK (``from groq import Groq``) and no module imports openai."""
    lookalike = False
    for f in builder.files:
        for node in f.nodes if "import" in f.source else ():
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            for module in modules:
                root = module.split(".")[0]
                if root in ("openai", "langchain_openai"):  # (an OpenAI object of LangChain's beside a look-alike's:
                    return False  # its helpers may be handed an OpenAI client; review of session 86)
                lookalike = lookalike or root in OPENAI_LOOKALIKE_SDKS
    return lookalike


def _client_class_named(builder) -> bool:
    """Does the tree name OpenAI / AsyncOpenAI other than by calling it (`client_class: type[AsyncOpenAI] =
    AsyncOpenAI`, an annotation)? An OpenAI client may then be built where the plan sees no constructor (held-out
    review 21, S-B2: `self.openai = _client_class(api_key=...)`'s calls lost their TODO beside a local server's
    client, "every client in the tree being another provider's"). An annotation alone (`-> AsyncOpenAI` of a
    gateway's factory) builds none (held-out review 89, X5)."""
    for f in builder.files:
        if "OpenAI" not in f.source:
            continue
        for node in f.nodes:
            if isinstance(node, (ast.Name, ast.Attribute)) and f.qualify(dotted_name(node) or "") in CLIENT_CLASSES:
                parent = f.parent.get(id(node))
                if not (isinstance(parent, ast.Call) and parent.func is node) and \
                        not isinstance(parent, (ast.ImportFrom, ast.Import, ast.Attribute)) and \
                        not _in_annotation(f, node):
                    return True
    return False


def _in_annotation(f, node: ast.AST) -> bool:
    """Is ``node`` part of an annotation (a parameter's, a return's, an annotated assignment's)?"""
    child = node
    for parent in ancestors_of(f, node):
        if isinstance(parent, ast.arg) and parent.annotation is child or \
                isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and parent.returns is child or \
                isinstance(parent, ast.AnnAssign) and parent.annotation is child:
            return True
        if isinstance(parent, ast.stmt):
            return False
        child = parent
    return False


def _body_verdicts_in(builder, f, sites, nodes, depth, memo: Optional[dict] = None) -> set:
    """The verdicts of the calls in ``nodes`` (of module ``f``), and of those in the repo's functions they call,
    up to three calls deep (`service.ask()` -> `LLM.ask` -> `ask()` -> the client's call: held-out review 21,
    S-A2, the handler around it was left with a TODO once the fallback for untraced bodies went)."""
    memo = {} if memo is None else memo
    out = set()
    wrapped = _wrapper_conversions(f) if "langchain" in f.source or "llama_index" in f.source else frozenset()
    for node in _walk(nodes):
        if isinstance(node, ast.Call):
            answer = sites.get(node_key(f.path, node))
            if (node.lineno, node.col_offset) in wrapped:
                # a LangChain / LlamaIndex object that moves to Mistral, raising no openai exceptions (held-out
                # review 155, X2: `except RateLimitError` around a runner in another module, silent)
                out.add("wrapper")
            if answer and answer[0] == "call":
                out.add(answer[1])
            elif answer and answer[0] == "v0":
                out.add(KEEP)
            elif depth < 3:
                target = builder.resolve_function(f, f.scope_of.get(id(node), ()), node.func)
                if target is not None and not target[2]:
                    other, path, _ = target
                    key = (other.path, path, depth)  # (the depth too: a body read at its limit sees less)
                    if key not in memo:
                        memo[key] = set()  # (a recursive function: what is found so far)
                        fn = other.scopes.get(path)
                        if fn is not None:
                            memo[key] = _body_verdicts_in(builder, other, sites, fn.body, depth + 1, memo)
                    out |= memo[key]
                elif target is None and isinstance(node.func, ast.Name):
                    for other, fn in _decorated_functions(builder, f, node):
                        key = (other.path, other.scope_of.get(id(fn), ()) + (fn.name,), depth)
                        if key not in memo:
                            memo[key] = set()
                            memo[key] = _body_verdicts_in(builder, other, sites, fn.body, depth + 1, memo)
                        out |= memo[key]
    return out


def _decorated_functions(builder, f, call: ast.Call) -> list:
    """``fn(*args, **kwargs)`` in a decorator's wrapper (``def retry(fn): def wrapper(*a, **kw): ... fn(*a, **kw)``,
    or the decorator a module-level factory returns: ``def retry(n=3): def decorator(fn): ...; return decorator``)
    calls the functions it decorates: (module, function) of each function of the tree written under ``@retry`` /
    ``@retry(...)`` (held-out review 72, X2: an app's retry decorator's ``except openai.RateLimitError`` around
    converted embedding calls was told "migrator traces no call here")."""
    scope, name = f.scope_of.get(id(call), ()), call.func.id
    holder = next((f.scopes.get(scope[:k]) for k in range(len(scope) - 1, 0, -1) if any(
        a.arg == name for a in _all_params(f.scopes.get(scope[:k])))), None)
    if not isinstance(holder, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    deco = f.scope_of.get(id(holder), ()) + (holder.name,)
    if len(deco) == 2 and any(isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Name) and
                              stmt.value.id == deco[1] for stmt in f.scopes[deco[:1]].body):
        made, called = deco[:1], True  # @retry(...)
    elif len(deco) == 1:
        made, called = deco, False  # @retry
    else:
        return []
    memo = builder.__dict__.setdefault("_decorated", {})
    key = (f.path, made)
    if key not in memo:
        found = []
        for g in builder.files:
            if made[-1] not in g.source:
                continue
            for node in g.nodes:
                if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for written in node.decorator_list:
                    if called != isinstance(written, ast.Call):
                        continue
                    expr = written.func if called else written
                    target = builder.resolve_function(g, g.scope_of.get(id(written), ()), expr)
                    if target is not None and target[0] is f and target[1] == made:
                        found.append((g, node))
        memo[key] = found
    return memo[key]


def _all_params(fn) -> list:
    """The parameters of a function definition (none for anything else)."""
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        return []
    args = fn.args
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def _walk(nodes):
    todo = list(nodes)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        yield node
        todo.extend(child_nodes(node))


def _wrapper_module(f) -> bool:
    """Does the module import OpenAI classes of LangChain or LlamaIndex and convert some of them (which
    raise no openai exceptions once converted)?"""
    return bool(_wrapper_conversions(f))


def _wrapper_plans(f) -> tuple:
    """(mapping, plan) for the module's LangChain and LlamaIndex plans (migrator.plan.langchain / llamaindex), those it
    has."""
    found = f.__dict__.get("_wrapper_plans")
    if found is None:
        from migrator.mapping import langchain as lc, llamaindex as li

        found = ()
        wrapped = {*lc.CHAT_MODULES, *lc.EMBEDDING_MODULES, *li.LLM_MODULES, *li.EMBEDDING_MODULES}
        if any(module in wrapped for module, level, _ in f.repo_imports.values() if not level) or \
                getattr(f, "langchain_reexported", None):
            from migrator.plan.langchain import module_plans

            found = tuple((lib, plan) for lib, plan in zip((lc, li), module_plans(f)) if plan is not None)
        f.__dict__["_wrapper_plans"] = found
    return found


def _wrapper_conversions(f) -> frozenset:
    """(line, column) of each constructor of LangChain's / LlamaIndex's OpenAI classes in the module that
    converts (gorilla's raft.py keeps its OpenAIEmbeddings)."""
    found = f.__dict__.get("_wrapper_conversions")
    if found is None:
        from migrator.plan.langchain import CONVERT as WRAPPER_CONVERT

        found = frozenset((site.line, site.col) for _, plan in _wrapper_plans(f) for site in plan.sites
                          if site.verdict == WRAPPER_CONVERT)
        f.__dict__["_wrapper_conversions"] = found
    return found


def _wrapper_rows(files) -> tuple[tuple, tuple]:
    """The plan's rows of the LangChain / LlamaIndex OpenAI constructors: (wrapper_others, wrapper_objects).
    wrapper_others: (path, line, name, reason) of each left for another provider: the name it is bound to (else its
    class), "LangChain's ChatOpenAI pointed at OpenRouter". wrapper_objects: (path, line, name, kind, decision, reason,
    rule) of the others, which convert or stay on OpenAI (``scan`` lists them with the SDK's clients: held-out review
    88, Y9, a LangChain-only project scanned as "0 convert, 0 keep")."""
    others, objects = [], []
    for f in files:
        if not _wrapper_plans(f):
            continue
        calls = {(n.lineno, n.col_offset): n for n in f.nodes if isinstance(n, ast.Call)}
        for lib, plan in _wrapper_plans(f):
            llama = lib.__name__.endswith("llamaindex")
            library = "LlamaIndex" if llama else "LangChain"
            for site in plan.sites:
                holder = f.parent.get(id(calls.get((site.line, site.col))))
                target = holder.targets[0] if isinstance(holder, ast.Assign) and len(holder.targets) == 1 else \
                    holder.target if isinstance(holder, ast.AnnAssign) else None
                name = ast.unparse(target) if isinstance(target, (ast.Name, ast.Attribute)) else site.cls
                if site.verdict == "other":
                    others.append((f.path, site.line, name,
                                   f"{library}'s {site.cls} pointed at {_provider_text(site.provider)}"))
                    continue
                if site.verdict == "convert":
                    decision, reason = CONVERT, f"becomes {lib.CLASSES[site.cls][3]} ({lib.CLASSES[site.cls][2]})"
                else:
                    decision = KEEP
                    reason = "; ".join(site.blockers) or ("Azure OpenAI: kept" if site.verdict == "azure" else "kept")
                objects.append((f.path, site.line, name, f"{library}'s {site.cls}", decision, reason,
                                "MIG121" if llama else "MIG116"))
    return tuple(sorted(others)), tuple(sorted(objects))


# (and a distribution's version read, `importlib.metadata.version(pkg)` over `REQUIRED = {"langchain-openai": "1.1.6"}`:
# held-out review 105, Y4, the converted notebook raised in its first cell)
_IMPORT_CHECKS = ("import_module", "__import__", "find_spec", "version", "get_distribution")
# the import name of a package a run may take out of the dependency files -> the one that replaces it
_CHECKED_PACKAGES = {"openai": "mistralai", "langchain_openai": "langchain_mistralai",
                     "langchain-openai": "langchain-mistralai"}


def _langchain_verdicts(files) -> dict:
    """LangChain OpenAI class -> the verdicts its objects in the tree got (the modules' plans)."""
    from migrator.mapping import langchain as lc

    found: dict = {}
    for f in files:
        for lib, plan in _wrapper_plans(f):
            if lib is lc:
                for site in plan.sites:
                    found.setdefault(site.cls, set()).add(site.verdict)
    return found


def _package_checks(files, all_converted: bool) -> dict:
    """path -> {statement line: (import name, its replacement)}: a module checking that ``openai`` /
    ``langchain_openai`` is installed (``importlib.import_module(name)`` over ``[("openai", "openai"), ...]``, a setup
    check), where every client (every LangChain object) converted, so the dependency files no longer declare it
    (held-out review 100, Y6: validate_setup.py then reported "missing packages: openai langchain-openai" on a clean
    install)."""
    verdicts = set().union(*_langchain_verdicts(files).values())
    gone = ({"openai"} if all_converted else set()) | ({"langchain_openai", "langchain-openai"}
                                                       if verdicts == {CONVERT} else set())
    found: dict = {}
    if not gone:
        return found
    for f in files:
        if not any(name in f.source for name in _IMPORT_CHECKS):
            continue
        checks = [node for node in f.nodes if isinstance(node, ast.Call) and node.args and
                  (dotted_name(node.func) or "").rpartition(".")[2] in _IMPORT_CHECKS]
        if not checks:
            continue
        direct = any(isinstance(call.args[0], ast.Constant) for call in checks)
        for node in f.nodes:
            if not (isinstance(node, ast.Constant) and node.value in gone):
                continue
            parent = f.parent.get(id(node))
            if parent in checks or not direct and isinstance(parent, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None)
                if statement is not None:
                    found.setdefault(f.path, {})[statement.lineno] = (node.value, _CHECKED_PACKAGES[node.value])
    return found


def _run_name_checks(files) -> dict:
    """path -> {statement line: {class: (Mistral class, every object of the class converts)}} of the comparisons of a
    LangChain OpenAI chat / embeddings class's name with a run's or an event's name (``event["name"] ==
    "ChatOpenAI"`` over ``astream_events``, ``type(llm).__name__``, a callback's ``serialized.get("name")``), where
    objects of that class convert: LangChain names a model's runs after its class, so the converted ones are
    ``ChatMistralAI``'s (held-out review 98, Y1: a Chainlit app's stream filter never matched again, and every reply
    was empty). A comparison with anything else (a setting naming a class) is not one."""
    from migrator.mapping import langchain as lc

    wanted = {cls: (lc.CLASSES[cls][3], seen == {CONVERT}) for cls, seen in _langchain_verdicts(files).items()
              if CONVERT in seen and lc.CLASSES[cls][0] in (lc.CHAT, lc.EMBEDDINGS)}
    found: dict = {}
    for f in files:
        if not any(cls in f.source for cls in wanted):
            continue
        for statement, named in _name_comparisons(f, wanted, run_name_read):
            found.setdefault(f.path, {}).setdefault(statement.lineno, {}).update({cls: wanted[cls] for cls in named})
    return found


def _name_comparisons(f, wanted, read):
    """(statement, the strings of ``wanted`` compared) for each ``==`` / ``!=`` / ``in`` comparison of ``f`` between
    such strings (alone, or in a tuple, list or set) and an operand ``read`` accepts (a run's name, a class's name)."""
    for node in f.nodes:
        if not isinstance(node, ast.Compare) or not all(isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn))
                                                        for op in node.ops):
            continue
        operands = [node.left, *node.comparators]
        named = [e.value for operand in operands
                 for e in (operand.elts if isinstance(operand, (ast.Tuple, ast.List, ast.Set)) else [operand])
                 if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value in wanted]
        if not named or not any(read(operand) for operand in operands):
            continue
        statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None)
        if statement is not None:
            yield statement, named


def _class_name_read(f, node: ast.AST, depth: int = 0) -> bool:
    """``exc.__class__.__name__``, ``type(exc).__name__``, or a name bound once in its scope to one."""
    if isinstance(node, ast.Attribute) and node.attr == "__name__":
        inner = node.value
        return isinstance(inner, ast.Attribute) and inner.attr == "__class__" or isinstance(inner, ast.Call) and \
            isinstance(inner.func, ast.Name) and inner.func.id == "type" and len(inner.args) == 1
    if isinstance(node, ast.Name) and depth == 0:
        from migrator.plan.build import reaching_assign

        held = reaching_assign(f, node)
        return isinstance(held, ast.Assign) and _class_name_read(f, held.value, 1)
    return False


def _error_name_checks(files, sites) -> dict:
    """path -> {statement line: (the first OpenAI exception name compared, the TODO)}: an exception's class name
    compared with OpenAI's (``if exc.__class__.__name__ in {"BadRequestError", "AuthenticationError"}: break``) in a
    module whose calls convert: they raise mistralai's errors, whose names never match (held-out review 175, Y2: a bad
    key was retried three times, silently, where it had stopped the loop)."""
    from migrator.mapping.errors import ERRORS

    names = {qualified.rsplit(".", 1)[1]: rule for qualified, rule in ERRORS.items()
             if qualified.startswith("openai.") and qualified.count(".") == 1}
    converting = {key[0] for key, answer in sites.items() if answer[0] == "call" and answer[1] == CONVERT}
    found: dict = {}
    for f in files:
        if f.path not in converting or "__name__" not in f.source:
            continue
        # (a class of the module's own of that name, or one it imports from the tree, `class APIError(Exception)`,
        # still matches: review of session 90)
        mine = {cls[-1] for cls in f.classes} | set(f.repo_imports)
        wanted = {name: rule for name, rule in names.items() if name not in mine}
        for statement, named in _name_comparisons(f, wanted, lambda operand: _class_name_read(f, operand)):
            tests = []
            for name in dict.fromkeys(named):
                rule = names[name]
                caught = " / ".join(rule.catch) or "no Mistral class"
                tests.append(f"{name}: {caught}" + (f" with status_code {rule.status[0]} {rule.status[1]}"
                                                    if rule.status else ""))
            found.setdefault(f.path, {})[statement.lineno] = (named[0], (
                f"compares an exception's class name with OpenAI's ({', '.join(dict.fromkeys(named))}): the converted "
                "calls raise mistralai's errors (from mistralai.client import errors) and httpx2's, whose names never "
                f"match: test the class and the status code instead ({'; '.join(tests)})"))
    return found


def _other_project(builder, path: str, implicit: dict) -> bool:
    """Is the module at ``path`` (no client of its own) in a project of its own, a directory with its own manifest
    (a vendored package's pyproject.toml) where no converted client or LangChain / LlamaIndex object is? Its key reads
    are that project's, not the converted clients' (held-out review 89, Y16: a vendored shell_gpt's key read for its
    own server got "the converted client reads MISTRAL_API_KEY")."""
    memo = builder.__dict__.setdefault("_manifest_roots", {})
    root = manifest_root(path, memo)
    if root is None:
        return False
    converting = [p for p, variables in implicit.items() if p and variables] + \
        [p for p, _ in getattr(builder, "key_wrappers", ())]
    return bool(converting) and all(manifest_root(p, memo) != root for p in converting)


def _wrapper_sites(f) -> list:
    """(site, its Mistral class) for each LangChain / LlamaIndex OpenAI constructor of the module."""
    return [(site, lib.CLASSES[site.cls][3]) for lib, plan in _wrapper_plans(f) for site in plan.sites]


# LangChain's / LlamaIndex's OpenAI classes (their mappings' keys), which take the key as api_key= / openai_api_key=
WRAPPER_OPENAI_CLASSES = frozenset(_LANGCHAIN_CLASSES) | frozenset(_LLAMAINDEX_CLASSES)


def _read_for_kept_only(f, holder, node, ctor_verdict) -> bool:
    """Is the environment read ``node``, bound to a name by ``holder`` (``KEY = os.getenv(...)``), read only as the
    key (api_key= / openai_api_key=) of clients kept on OpenAI or of LangChain / LlamaIndex OpenAI objects that do not
    convert (at least one)?"""
    if not (isinstance(holder, ast.Assign) and holder.value is node and len(holder.targets) == 1 and
            isinstance(holder.targets[0], ast.Name)):
        return False
    name, scope = holder.targets[0].id, f.scope_of.get(id(holder), ())
    loads = [load for load in _loads_of(f, name) if f.scope_of.get(id(load), ())[:len(scope)] == scope]
    if not loads:
        return False
    for load in loads:
        keyword = f.parent.get(id(load))
        call = f.parent.get(id(keyword))
        if not (isinstance(keyword, ast.keyword) and keyword.arg in ("api_key", "openai_api_key") and
                isinstance(call, ast.Call)):
            return False
        verdict = ctor_verdict(call)
        if verdict is not None:
            if verdict != KEEP:
                return False
        elif (dotted_name(call.func) or "").rsplit(".", 1)[-1] not in WRAPPER_OPENAI_CLASSES or \
                _wrapper_verdict(f, call) is not None:
            return False
    return True


def _same_reader(node, variable: str) -> str:
    """The read ``node`` of ``variable`` written for MISTRAL_API_KEY, by the same reader (python-decouple's
    ``config("MISTRAL_API_KEY")`` reads the .env file os.getenv does not: held-out review 157, X3); os.getenv's
    where it is none of a call's first argument or a subscript's key."""
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and \
            node.args[0].value == variable:
        return f"{ast.unparse(node.func)}(\"MISTRAL_API_KEY\")"
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == variable:
        return f"{ast.unparse(node.value)}[\"MISTRAL_API_KEY\"]"
    return "os.getenv(\"MISTRAL_API_KEY\")"


def _env_helpers_of(builder, f) -> frozenset:
    """``codemods._facts.env_helpers`` of the module, and those it imports by name from another module of the tree
    (``from utils import require_env``: re-review 43, W5)."""
    memo = builder.__dict__.setdefault("_env_helpers", {})

    def own(g) -> frozenset:
        if g.path not in memo:
            memo[g.path] = env_helpers(g.tree) if "def " in g.source and "environ" in g.source or \
                "getenv" in g.source or "decouple" in g.source or "Env(" in g.source or "dotenv_values" in g.source \
                else frozenset()
        return memo[g.path]

    found = set(own(f))
    for local, (module, level, name) in f.repo_imports.items():
        if name != "*" and (level or module):
            target = builder.resolve_import(f, local)
            if target is not None and target[1] in own(target[0]):
                found.add(local)
    for alias in [*f.module_aliases, *f.repo_imports]:  # `import utils` ... `utils.require_env(...)` (re-review 44, Y7)
        other = builder.module_file(f, (), alias)
        if other is not None and other is not f:
            found.update(f"{alias}.{helper}" for helper in own(other))
    return frozenset(found)


def _configured_endpoint_todo(group) -> str:
    """CONFIGURED_ENDPOINT_TODO, unless the client's uses are all of APIs Mistral has no counterpart of (``images.
    generate``): pointed at Mistral, those would fail; where the configuration names OpenAI, it stays on OpenAI there
    (held-out review 137, Y4: "point it at Mistral" of a DALL-E client)."""
    from migrator.mapping.surfaces import closest_feature, no_counterpart

    surfaces = {use.surface for member in group for use in member.uses}
    if surfaces and all(no_counterpart(surface) for surface in surfaces):
        shown = ", ".join(sorted(surfaces)[:3])
        return (f"left as it is: its base_url comes from the app's configuration and is not OpenAI's by name; where "
                f"the configuration names OpenAI, this client talks to OpenAI, and stays there: its {shown} has no "
                f"Mistral counterpart ({closest_feature(sorted(surfaces)[0])})")
    apart = sorted(surface for surface in surfaces if not no_counterpart(surface) and closest_feature(surface))
    if apart:
        # Mistral's audio, files and batches are not OpenAI's shapes behind another URL: an OpenAI client pointed at
        # Mistral cannot call them (held-out review 157, Y3: "no rule yet" and "no counterpart" were said of a
        # speech client's calls MIG117 / MIG120 convert)
        return (f"left as it is: its base_url comes from the app's configuration and is not OpenAI's by name; where "
                "the configuration leaves it unset (None) or names OpenAI, this client talks to OpenAI: convert it "
                f"there by hand, as migrator converts such a client built without a base_url ({apart[0]}: "
                f"{closest_feature(apart[0])})")
    return CONFIGURED_ENDPOINT_TODO


# an import of the openai module (`import openai`, `import openai as oa`, `import os, openai`), in a module's text
_IMPORTS_OPENAI = re.compile(r"(?:^[ \t]*|\")[ \t]*(?:import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*"
                             r"openai\b|from[ \t]+openai[ \t]+import[ \t]+[^\n]*\b(?:"
                             + "|".join(sorted(V0_RESOURCES | {"api_key"})) + r")\b)",
                             re.MULTILINE)  # (a notebook's JSON line too)


def _dead_setting(builder, path: str, module_callers: set, decision, by_path: dict, key_readers: set) -> bool:
    """``openai.api_key = ...`` in a project where no call goes through the openai module's own client and every
    client converts: the setting serves nothing (openai>=1's ``OpenAI()`` reads its own key), and only keeps the
    openai import and package (re-review 43, W6). Not beside LangChain / LlamaIndex OpenAI classes, which may read
    it (LlamaIndex's OpenAI takes ``openai.api_key``)."""
    from migrator.mapping.llamaindex import imports_openai_wrapper

    project = path if path.endswith(".ipynb") else project_of(path)
    if any(_setting_reaches(path, other) for other in module_callers | key_readers):
        return False
    if any(_setting_reaches(path, other) for other, text in getattr(builder, "unconverted", ())
           if _IMPORTS_OPENAI.search(text)):
        # code the run leaves as it is (too large, excluded) importing openai may call through it (held-out review 163,
        # X3: "remove this line" broke a skipped routes/image.py; `import openai as oa` too: review of session 87)
        return False
    # the clients of this module (an OpenAI() kept in another module never reads openai.api_key: held-out review
    # 45, A6, where an unrelated kept client elsewhere silenced the TODO), else of its project
    # (or of the modules it imports, in a tree with no __init__.py: `from app.summarize import summarize` in
    # app/api/routes.py; held-out review 122, X1, the setting was left silently and openai stayed a dependency)
    reached = _reached(builder, by_path[path]) if path in by_path else frozenset()
    mine = [oid for oid, o in builder.origins.items() if o.kind != "parameter" and o.path == path] or \
        [oid for oid, o in builder.origins.items() if o.kind != "parameter" and (
            _setting_reaches(path, o.path) or o.path in reached)]
    if not mine or any(decision(oid) != CONVERT for oid in mine):
        return False
    # (LlamaIndex's defaults too: `VectorStoreIndex.from_documents(...)` embeds with OpenAIEmbedding, which takes
    # openai.api_key: re-review 44, Y5)
    memo = builder.__dict__.setdefault("_wrapper_projects", {})
    if project not in memo:
        memo[project] = any("llama_index" in f.source or imports_openai_wrapper(f.source) and _keeps_wrapper(f)
                            for p, f in by_path.items() if _setting_reaches(path, p))
    return not memo[project]


def _keeps_wrapper(f) -> bool:
    """Does a LangChain OpenAI object of module ``f`` stay on OpenAI (or is its plan unknown)? One that converts reads
    nothing of the openai module (held-out review 135, Y2: a sibling's ChatOpenAI, converted to ChatMistralAI, kept
    `import openai` and `openai.api_key = os.environ["OPENAI_API_KEY"]` in a converted script: a KeyError at start)."""
    from migrator.plan.langchain import module_plans

    planned = module_plans(f)[0]
    return planned is None or not planned.sites or any(site.verdict != CONVERT for site in planned.sites)


def _setting_reaches(path: str, other: str) -> bool:
    """Does the openai module setting made in ``path`` serve the module ``other``: one of its project (the process
    that imports both); for a notebook, only itself (its own kernel: held-out review 66, Y5, where another
    notebook's kept call kept a notebook's dead ``openai.api_key`` line, with a TODO)."""
    if path.endswith(".ipynb"):
        return os.path.abspath(other) == os.path.abspath(path)
    return _within(other, project_of(path))


# the Mistral methods other converted calls become (held-out review 101, X10: a test patching a transcription
# module was told to fake chat.complete and embeddings.create)
_OTHER_MISTRAL_METHODS = {"audio.transcriptions.create": "audio.transcriptions.complete",
                          "audio.speech.create": "audio.speech.complete", "moderations.create": "classifiers.moderate",
                          "models.list": "models.list", "models.retrieve": "models.retrieve",
                          "files.create": "files.upload", "batches.create": "batch.jobs.create"}


def _mistral_methods_called(files, paths: set, sites: dict) -> list:
    """The Mistral client methods the converted chat / embeddings calls of the modules at ``paths`` make
    (``chat.complete_async``, ``chat.stream``, ``embeddings.create``, ...), "awaited" said of the async ones."""
    found: dict = {}
    for g in files:
        if g.path not in paths:
            continue
        for node in g.nodes:
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            answer = sites.get(node_key(g.path, node))
            if not (answer and answer[0] == "call" and answer[1] == CONVERT):
                continue
            called = ".".join((dotted_name(node.func) or "").split(".")[-3:])
            streamed = any(k.arg == "stream" and isinstance(k.value, ast.Constant) and k.value.value is True
                           for k in node.keywords) or any(_splat_streamed(g, node, k.value) for k in node.keywords
                                                          if k.arg is None)
            # (migrator.mapping: chat's METHODS; embeddings keep their name, create_async when awaited)
            method = CHAT_METHODS.get((called, streamed)) or \
                ("embeddings.create" if called.endswith("embeddings.create") else None) or \
                next((mistral for openai, mistral in _OTHER_MISTRAL_METHODS.items() if called.endswith(openai)), None)
            if method is not None:
                found[method + ("_async (awaited)" if answer[2] else "")] = None
    return sorted(found)


def _splat_streamed(f, call: ast.Call, splat: ast.AST) -> bool:
    """``create(**api_params)`` of a dict whose "stream" is True, as the conversion reads it (``_splat_dict``: a
    literal, ``api_params["stream"] = True``, ``.update(stream=True)``; held-out review 173, Y5: a test was told to fake
    chat.complete where the converted code calls chat.stream)."""
    return isinstance(splat, ast.Name) and _splat_dict(_splat_scope(f, call, splat.id), splat.id, call).stream


def _error_group_name(f, node) -> Optional[str]:
    """``RETRYABLE`` of a module-level ``RETRYABLE = (openai.error.RateLimitError, ...)`` holding ``node``."""
    statement = next((p for p in ancestors_of(f, node) if isinstance(p, ast.stmt)), None)
    if isinstance(statement, (ast.Assign, ast.AnnAssign)) and f.scope_of.get(id(statement), ()) == () and \
            statement in f.tree.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return targets[0].id
    return None


def _imported_error_groups(builder, files, sites) -> dict:
    """(module, name) -> the verdicts of the calls in the ``try`` bodies of other modules that catch the name
    (``from app.errors import RETRYABLE`` ... ``except RETRYABLE:``), where the module binds it at module level to
    OpenAI error classes (held-out review 42, U1: the tuple was left with "migrator traces no call here to a
    client it converted" while it guarded a converted call in the importing module)."""
    groups: dict = {}
    memo: dict = {}
    if not any(isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None and any(
            isinstance(n, (ast.Name, ast.Attribute)) and error_rule(f.qualify(dotted_name(n))) is not None
            for n in ast_walk(statement.value)) for f in files if f.uses_openai for statement in f.tree.body):
        return groups  # no module-level name holds OpenAI error classes
    resolved: dict = {}  # (path, imported name) -> what it resolves to
    for g in files:
        if not g.repo_imports and not g.module_aliases and not g.other_modules:
            continue

        def body_verdicts(body, g=g):
            return _body_verdicts_in(builder, g, sites, body, 0, memo)

        for name in g.nodes:
            # every read of the name, wherever (`except RETRYABLE:`, `retry_if_exception_type(errors.RETRYABLE)` in a
            # decorator, `isinstance(e, E.RETRYABLE)` in a handler: re-review 45, B4); its context decides which calls
            if not isinstance(name, (ast.Name, ast.Attribute)) or not isinstance(getattr(name, "ctx", None), ast.Load):
                continue
            scope = g.scope_of.get(id(name), ())
            if isinstance(name, ast.Attribute) and isinstance(name.value, ast.Name):
                # `from app import errors` ... `except errors.RETRYABLE:` (re-review 43, W1)
                if name.value.id not in g.other_modules and name.value.id not in g.repo_imports and \
                        name.value.id not in g.module_aliases:
                    continue
                module = builder.module_file(g, scope, name.value.id)
                target = (module, name.attr) if module is not None else None
            elif isinstance(name, ast.Attribute) and isinstance(name.value, ast.Attribute):
                # `import app.errors` ... `except app.errors.RETRYABLE:` (re-review 44, Y6)
                dotted = dotted_name(name.value) or ""
                if not dotted or dotted.split(".")[0] not in g.other_modules | set(g.module_aliases):
                    continue
                found = [h for h in files if h.module == dotted or h.module.endswith("." + dotted)]
                target = (found[0], name.attr) if len(found) == 1 and found[0] is not g else None
            elif isinstance(name, ast.Name) and name.id in g.repo_imports and \
                    builder.lookup_scope(g, scope, name.id) == ():
                if (g.path, name.id) not in resolved:
                    resolved[(g.path, name.id)] = builder.resolve_import(g, name.id)
                target = resolved[(g.path, name.id)]
            else:
                continue
            if target is None or target[0] is None:
                continue
            other, bound = target
            values = other.assigns.get(((), bound), [])
            if not values or not any(isinstance(n, (ast.Name, ast.Attribute)) and
                                     error_rule(other.qualify(dotted_name(n))) is not None
                                     for value in values if value is not None for n in ast_walk(value)):
                continue
            groups.setdefault((other.path, bound), set()).update(_exception_calls(g, name, body_verdicts))
    # `ALL = RETRYABLE + (openai.BadRequestError,)`: what ALL guards, RETRYABLE does too (re-review 45, B4)
    for (path, bound), verdicts in list(groups.items()):
        other = next((h for h in files if h.path == path), None)
        for value in (other.assigns.get(((), bound), []) if other is not None else []):
            for n in ast_walk(value) if value is not None else ():
                if isinstance(n, ast.Name) and n.id != bound and other.assigns.get(((), n.id)):
                    groups.setdefault((path, n.id), set()).update(verdicts)
    return groups


def _exception_calls(f, node, body_verdicts) -> set:
    """The verdicts of the calls whose exceptions ``node`` (an exception class reference) is about."""
    child = node
    for parent in ancestors_of(f, node):
        if isinstance(parent, ast.Raise):
            return {"raise"}  # raising one: about this code's own callers, not a converted call
        if isinstance(parent, ast.ExceptHandler):
            tried = f.parent.get(id(parent))
            if isinstance(tried, (ast.Try, getattr(ast, "TryStar", ast.Try))):
                return body_verdicts(tried.body)
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if child in parent.decorator_list:
                return body_verdicts(parent.body)
            return set()
        child = parent
    return set()


STRIPS = frozenset({"strip", "rstrip", "lstrip"})  # a key read, cleaned up: still the key


def _sets_openai_server(f, node: ast.AST) -> bool:
    """``os.environ["OPENAI_BASE_URL"] = "https://api.openai.com/v1"`` (or ``setdefault`` / ``update``): the write
    ``node`` belongs to sets OpenAI's own URL (held-out review 53, P5; re-review 54, R5)."""
    from migrator.mapping.client import OPENAI_HOST
    from migrator.plan.build import _environ_writes

    statement = next((p for p in ancestors_of(f, node) if isinstance(p, ast.stmt)), None)
    return any((write is node or write is statement) and url.split("://", 1)[-1].split("/", 1)[0] == OPENAI_HOST
               for write, _, url in _environ_writes(f))


def _key_handed_to_converted(builder, f, holder, node, ctor_verdict) -> tuple:
    """``KEY = os.environ.get("OPENAI_API_KEY")`` whose name some converted constructor gets: (where, by function,
    those constructors are; the other reads, each named), else ("", "")."""
    statement = next((p for p in [holder, *ancestors_of(f, node)] if isinstance(p, ast.stmt)), None)
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0],
                                                                                            ast.Name)):
        return "", ""
    name = statement.targets[0].id
    converted: dict = {}
    others: dict = {}
    for load in _loads_of(f, name):
        # where, by function (a line number would go stale once TODOs are written above it)
        scope = ".".join(f.scope_of.get(id(load), ()))
        place = f"in {scope}()" if scope else "at module level"
        verdict = _ctor_verdict_around(f, load, ctor_verdict, builder)
        if verdict == CONVERT:
            converted[f"api_key={name} {place}"] = None
            continue
        if gate_test(f, load) or _placeholder_gate(f, load):
            continue
        call = next((p for p in ancestors_of(f, load) if isinstance(p, (ast.Call, ast.stmt))), None)
        what = f"{dotted_name(call.func) or 'a call'}(...)" if isinstance(call, ast.Call) else "a read"
        kept = " (kept on OpenAI)" if verdict is not None else ""
        others[f"{what} {place}{kept}"] = None
    if not converted:
        return "", ""
    return ", ".join(converted), ", ".join(others) or "reads migrator cannot follow"


def _unread_binding(builder, f, holder) -> str:
    """``OPENAI_API_KEY = os.getenv("OPENAI_API_KEY")`` at module level whose name nothing reads: no load of it in the
    module, no other module naming it, no ``__all__`` / ``global``: the name, else ""."""
    if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name)
            and f.scope_of.get(id(holder), ()) == ()):
        return ""
    name = holder.targets[0].id
    if _loads_of(f, name) or "__all__" in f.source or any(isinstance(n, ast.Global) and name in n.names
                                                            for n in f.nodes):
        return ""
    # (named as a name, an attribute or an import there: the same variable's quoted read in another module is no use of
    # this constant, held-out review 116, X2; nor one another module imports from a third, `from config.config import
    # OPENAI_API_KEY`, held-out review 171, Y2)
    last = f.module.rsplit(".", 1)[-1]

    def elsewhere(g) -> bool:
        found = g.repo_imports.get(name)
        if found is None or found[2] != name:
            return False
        target = builder.resolve_import(g, name)  # (through a package's star re-export: review of session 89)
        if target is not None:
            return target[0] is not f
        # (not a package holding this module, whose __init__ may re-export it; nor a relative import)
        return found[1] == 0 and not f.module.startswith(found[0] + ".") and found[0].rsplit(".", 1)[-1] != last \
            and not any(imported == "*" for _module, _level, imported in g.repo_imports.values())
    if any(g is not f and name in g.source and not elsewhere(g) and any(
            isinstance(n, ast.Name) and n.id == name or isinstance(n, ast.Attribute) and n.attr == name or
            isinstance(n, ast.alias) and name in (n.name, n.asname) for n in g.nodes) for g in builder.files):
        return ""
    return name


def _key_attribute_takers(builder, f, holder, node, sites) -> tuple:
    """``OPENAI_API_KEY = os.getenv("OPENAI_API_KEY")`` at module level, whose name converted constructors elsewhere
    take as an attribute (``Mistral(api_key=settings.OPENAI_API_KEY)``: a Django settings module): (the name, those
    arguments and their files), else ("", "")."""
    # (or a settings class's attribute, `class Settings: OPENAI_API_KEY: str = os.getenv(...)`: held-out review 127,
    # Y5, "the converted client reads MISTRAL_API_KEY" of a client handed settings.OPENAI_API_KEY)
    # (or set in a plain config class's constructor, `self.OPENAI_API_KEY = os.getenv(...)`: held-out review 146, X3)
    scope = f.scope_of.get(id(holder), ())
    built = f.parent.get(id(holder)) if isinstance(holder, ast.keyword) and holder.value is node and holder.arg \
        else None
    if isinstance(built, ast.Call) and _settings_constructor(builder, f, built):
        # `return Config(openai_api_key=os.getenv("OPENAI_API_KEY"))`, a field of the app's own config object given
        # where it is built (held-out review 173, Y3: config.py kept the OpenAI key with no TODO, and the converted
        # client, handed `api_key or config.openai_api_key`, sent it to Mistral)
        name = holder.arg
        shown = f"{dotted_name(built.func)}({name}=...)"
        home = builder.class_of(f, f.scope_of.get(id(built), ())) if isinstance(built.func, ast.Name) and \
            built.func.id == "cls" else None
        owner = (f, home) if home is not None else builder.resolve_class(f, built.func)
        maker = f.scope_of.get(id(built), ()) if isinstance(f.parent.get(id(built)), ast.Return) else None

        def built_here(g, value) -> bool:
            """``value`` (``config``) is an instance this call builds: of its class, or what the function returning
            it returns (``config = get_config()``); a generic field name (``api_key``) of another object is not it
            (review of session 90: `api_key=args.api_key` of argparse was told to take the Config's field)."""
            if owner is not None and _receiver_class(builder, g, value) == owner:
                return True
            if not isinstance(value, ast.Name) or maker is None:
                return False
            where = builder.lookup_scope(g, g.scope_of.get(id(value), ()), value.id)
            bound = g.assigns.get((where, value.id), []) if where is not None else []
            made = builder.resolve_function(g, where or (), bound[0].func) \
                if len(bound) == 1 and isinstance(bound[0], ast.Call) else None
            return made is not None and made[0] is f and made[1] == maker
    elif not (isinstance(holder, (ast.Assign, ast.AnnAssign)) and holder.value is node and
              len(getattr(holder, "targets", [None])) == 1):
        return "", ""
    elif isinstance(target := holder.targets[0] if isinstance(holder, ast.Assign) else holder.target, ast.Name) and \
            (scope == () or len(scope) == 1 and scope in f.classes):
        name = shown = target.id
    elif _self_attribute(target) and len(scope) == 2 and scope[-1] == "__init__" and scope[:1] in f.classes:
        name, shown = target.attr, f"self.{target.attr}"
    else:
        return "", ""
    if not isinstance(built, ast.Call) or not _settings_constructor(builder, f, built):
        built_here = None
    places: dict = {}
    for g in builder.files:
        if g is f or name not in g.source:
            continue
        for kw in g.nodes:
            if not (isinstance(kw, ast.keyword) and kw.arg == "api_key"):
                continue
            given = kw.value
            if isinstance(given, ast.Name):
                # `api_key = settings.OPENAI_API_KEY` then `OpenAI(api_key=api_key)` (held-out review 157, X4: "the
                # converted client reads MISTRAL_API_KEY" was said of it)
                bound = g.assigns.get((g.scope_of.get(id(kw), ()), given.id), [])
                given = bound[0] if len(bound) == 1 else None
            elif _self_attribute(given) and (cls := builder.class_of(g, g.scope_of.get(id(kw), ()))) is not None:
                # `self.api_key = api_key or config.openai_api_key`, set once in the class, then
                # `OpenAI(api_key=self.api_key)` (held-out review 173, Y3)
                # (annotated too, `self.api_key: str = ...`; or `api_key if api_key else config.openai_api_key`:
                # review of session 90)
                bound = [n.value for n in ast_walk(g.scopes[cls]) if (
                    isinstance(n, ast.Assign) and len(n.targets) == 1 and _self_attribute(n.targets[0]) and
                    n.targets[0].attr == given.attr or isinstance(n, ast.AnnAssign) and n.value is not None and
                    _self_attribute(n.target) and n.target.attr == given.attr)]
                operands = bound[0].values if len(bound) == 1 and isinstance(bound[0], ast.BoolOp) and \
                    isinstance(bound[0].op, ast.Or) else [bound[0].body, bound[0].orelse] if len(bound) == 1 and \
                    isinstance(bound[0], ast.IfExp) else bound if len(bound) == 1 else []
                given = next((o for o in operands if isinstance(o, ast.Attribute) and o.attr == name), None)
            if isinstance(given, ast.Attribute) and given.attr == name and \
                    (built_here is None or built_here(g, given.value)):
                call = g.parent.get(id(kw))
                answer = sites.get(node_key(g.path, call)) if isinstance(call, ast.Call) else None
                if answer and answer[0] == "ctor" and answer[1] == CONVERT:
                    shown_kw = ast.unparse(kw.value) if kw.value is given else \
                        f"{ast.unparse(kw.value)} ({ast.unparse(kw.value)} = {ast.unparse(bound[0])})"
                    places[f"api_key={shown_kw} in {os.path.basename(g.path)}"] = None
    return (shown, ", ".join(places)) if places else ("", "")


def _setting_taken_todo(variable: str, taken: tuple, holder, node) -> str:
    """The TODO of a key read held as a setting (``taken``: _key_attribute_takers's answer) that converted clients
    take: read MISTRAL_API_KEY into a setting of its own (or, given where the config object is built, a field)."""
    if isinstance(holder, ast.keyword):  # `Config(openai_api_key=os.getenv("OPENAI_API_KEY"))`
        own = holder.arg.replace("OPENAI", "MISTRAL").replace("openai", "mistral") if "openai" in holder.arg.lower() \
            else f"mistral_{holder.arg}"
        return (f"{variable} is read here into {taken[0]}, a field converted clients take as {taken[1]}; they now "
                f"need a Mistral key, so give the class a field of its own ({own}), set it here ({own}="
                f"{_same_reader(node, variable)}) and pass that there")
    return (f"{variable} is read here as the setting {taken[0]}, which converted clients take as {taken[1]}; they now "
            f"need a Mistral key, so read MISTRAL_API_KEY into a setting of its own here "
            f"({taken[0].replace('OPENAI', 'MISTRAL')} = {_same_reader(node, variable)}) and pass that there")


def _settings_constructor(builder, f, call: ast.Call) -> bool:
    """``Config(...)`` / ``cls(...)`` in a classmethod: a class of the tree's own is built (not an SDK's, not a
    LangChain / LlamaIndex object's, whose ``openai_api_key=`` is the key it sends)."""
    if isinstance(call.func, ast.Name) and call.func.id == "cls":
        return builder.class_of(f, f.scope_of.get(id(call), ())) is not None
    name = dotted_name(call.func) or ""
    if not isinstance(call.func, ast.Name) or name in f.openai_modules or name in CLIENT_CLASSES or \
            _wrapper_verdict(f, call) is not None:
        return False
    if (name,) in f.classes:
        return True
    target = builder.resolve_through(f, name) if name in f.repo_imports else None
    return target is not None and (target[1],) in target[0].classes


def _self_key_feeds(f, statement, attr: str, ctor_verdict) -> bool:
    """``self.api_key = api_key or os.getenv("OPENAI_API_KEY")`` in a method: every read of ``self.<attr>`` in the
    class is api_key= of a client that converts, or a check that it is set (held-out review 37, N2: the attribute
    was not followed, and the converted client got the OpenAI key)."""
    home = f.scope_of.get(id(statement), ())
    if len(home) < 2:
        return False
    cls = home[:-1]
    target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
    fed = False
    for node in f.nodes:
        if not (isinstance(node, ast.Attribute) and node.attr == attr and isinstance(node.value, ast.Name)
                and node.value.id == "self"):
            continue
        if f.scope_of.get(id(node), ())[:len(cls)] != cls:
            continue
        if not isinstance(node.ctx, ast.Load):
            if node is not target:
                return False  # set elsewhere too
            continue
        if gate_test(f, node) or _key_shown(f, node):
            continue
        if _ctor_verdict_around(f, node, ctor_verdict) != CONVERT:
            return False
        fed = True
    return fed


def _key_shown(f, node) -> bool:
    """``log.info("key_length=%s", len(self.api_key))``: a read of the key that only logs how long it is (or whether
    it is set: ``bool(...)``), which holds for the renamed variable as for the old one (held-out review 147, X2: it kept
    the OpenAI key's read, handed to the converted client)."""
    holder = f.parent.get(id(node))
    if isinstance(holder, ast.Call) and isinstance(holder.func, ast.Name) and holder.func.id in ("len", "bool") and \
            holder.args == [node]:
        return _logged_argument(f, holder) or _logged(f, holder)
    return False


def _wrapper_verdict(f, call) -> Optional[str]:
    """CONVERT for a LangChain / LlamaIndex OpenAI object's constructor that converts: a name holding
    OPENAI_API_KEY that only such objects (and converted clients) get is read as MISTRAL_API_KEY, as for the
    SDK's clients (held-out review 36, L4: `api_key = os.getenv("OPENAI_API_KEY")` sent the OpenAI key to
    Mistral, and two TODOs said opposite things)."""
    if isinstance(call, ast.Call) and (call.lineno, call.col_offset) in _wrapper_conversions(f):
        return CONVERT
    return None


def _ctor_verdict_around(f, node, verdict_of, builder=None, depth: int = 0) -> Optional[str]:
    """The verdict (``verdict_of(call)``) of the constructor call ``node`` is an argument of, looked for up to
    ``node``'s statement; None when it is none's. With ``builder``, an argument of the app's own class
    (``Ext(api_key=KEY)``) takes the verdict of the clients its ``__init__`` hands that parameter to (through up to
    three such classes or functions: ``PDFProcessor(api_key=KEY)`` whose ``__init__`` builds ``PDFParser(api_key)``)."""
    child = node
    for parent in ancestors_of(f, node):
        if isinstance(parent, ast.Call) and verdict_of(parent) is not None:
            return verdict_of(parent)
        if isinstance(parent, ast.Call) and builder is not None and depth < 3 and (
                isinstance(child, ast.keyword) or any(a is child for a in parent.args)) and \
                _class_key_verdict(builder, f, parent, child, depth) is not None:
            return CONVERT
        if isinstance(parent, ast.stmt):
            return None
        child = parent
    return None


def _class_key_verdict(builder, f, call, child, depth: int = 0) -> Optional[str]:
    """CONVERT for ``Ext(api_key=KEY)`` (``child``: the keyword or positional argument) of the app's own class
    whose ``__init__`` hands that parameter only to clients that convert, directly or through ``self.<attr>``
    (and checks it): the key reaches Mistral there (re-review 38, O3: the read was not renamed, and its TODO
    blamed "code migrator cannot follow"). None otherwise. A function of the app's own (``get_transcript(path,
    KEY)``) alike, whose body hands that parameter only to clients that convert (held-out review 92, X4)."""
    if not isinstance(call.func, ast.Name) or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    filled = _filled_parameter(builder, f, call, child, classes=True)
    if filled is None:
        return None
    h, init, function, name = filled
    # (a fallback, `if openai_api_key is None: openai_api_key = os.environ["OPENAI_API_KEY"]`, is renamed by itself:
    # what the caller hands still reaches the constructor; held-out review 171, X2, the caller's read was left on
    # OPENAI_API_KEY with a hedged TODO, and the OpenAI key went to Mistral)
    if name is None or (init, name) in h.assigns and not all(_fallback_for(h, v, name)
                                                             for v in h.assigns[(init, name)]):
        return None

    def there(c):
        answer = builder.plan_sites.get(node_key(h.path, c))
        return answer[1] if answer and answer[0] == "ctor" else None

    fed = False
    held: list = []  # (module, `self.<attr>`) holding the key for clients that convert
    for load in _loads_of(h, name):
        if h.scope_of.get(id(load), ())[:len(init)] != init:
            continue
        if len(h.scope_of.get(id(load), ())) > len(init):
            return None  # read by a function nested in __init__: not followed
        if gate_test(h, load):
            continue
        holder, value = h.parent.get(id(load)), load
        if isinstance(holder, ast.BoolOp) and isinstance(holder.op, ast.Or) and holder.values[0] is load:
            # `self.api_key = api_key or os.getenv("OPENAI_API_KEY")`: the fallback read is renamed by itself; what
            # the caller hands is held as a direct assignment's is (held-out review 156, X1: main()'s read handed to
            # QA(api_key) was not renamed, and the converted client got the OpenAI key)
            holder, value = h.parent.get(id(holder)), holder
        if isinstance(holder, ast.Assign) and holder.value is value and len(holder.targets) == 1 and \
                isinstance(holder.targets[0], ast.Attribute) and isinstance(holder.targets[0].value, ast.Name) \
                and holder.targets[0].value.id == "self":
            if not _self_key_feeds(h, holder, holder.targets[0].attr, there):
                return None
            held.append((h.path, f"self.{holder.targets[0].attr}", name, init[0]))
        elif isinstance(holder, ast.Assign) and holder.value is load and \
                (h.path, holder.lineno) in getattr(builder, "folded_key_lines", ()):
            # `openai.api_key = api_key`, which becomes `self.mistral_client = Mistral(api_key=api_key)` (held-out
            # review 145, Y1: the caller's OPENAI_API_KEY read was not renamed, and its TODO said the client read it)
            # (its "check what the callers pass" TODO goes where the one caller's read is renamed: held-out review 158,
            # Y7)
            held.append((h.path, f"fold:{holder.lineno}", name, init[0]))
        elif _ctor_verdict_around(h, load, there, builder, depth + 1) != CONVERT:
            return None  # (another class of the app's own it builds with the key: followed; held-out review 97, X1)
        fed = True
    collecting = builder.__dict__.get("_key_holders")
    if fed and held and isinstance(collecting, list) and _called_once(builder, call.func.id, h.module):
        collecting.extend(held)  # (the read's renaming names them once it feeds: _env_feeds; made elsewhere too, the
        # key another caller hands it is not known to be Mistral's)
    return CONVERT if fed else None


def _unpassed_key_fallbacks(builder, files) -> dict:
    """builder.handed_keys, with the ``self.api_key = api_key or os.getenv("OPENAI_API_KEY")`` of a class whose every
    instance, in the modules read, is made without that parameter (``AIClient()``): the renamed read is all the client
    gets, and "api_key before it must hold a Mistral key too (callers passed an OpenAI key until now)" is false
    (held-out review 167, X4)."""
    handed = {path: dict(names) for path, names in builder.handed_keys.items()}
    for f in files:
        if " or " not in f.source or "environ" not in f.source and "getenv" not in f.source:
            continue
        for node in f.nodes:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and
                    isinstance(target := node.targets[0], ast.Attribute) and isinstance(target.value, ast.Name) and
                    target.value.id == "self" and isinstance(node.value, ast.BoolOp) and
                    isinstance(node.value.op, ast.Or) and isinstance(first := node.value.values[0], ast.Name)):
                continue
            scope = f.scope_of.get(id(node), ())
            if len(scope) != 2 or scope[1] != "__init__" or (scope, first.id) not in f.params or \
                    not any(env_key(v) for v in node.value.values[1:]):
                continue
            instances = _instances(builder, f, scope[0], unread=False)
            if instances is None or any(k.arg in (first.id, None) for call in instances for k in call.keywords) or \
                    any(call.args for call in instances) or _builds_itself(f, scope[0]):
                continue
            bare = _bare_unread_calls(builder, f, scope[0])
            if bare is not None and (instances or bare):
                handed.setdefault(f.path, {}).setdefault(f"{scope[0]}:self.{target.attr}", first.id)
    return handed


def _builds_itself(f, cls: str) -> bool:
    """Does class ``cls`` of ``f`` make instances of itself (``cls(api_key=key)`` in a classmethod,
    ``type(self)(...)``), which _instances does not see?"""
    return any(isinstance(node, ast.Call) and (isinstance(node.func, ast.Name) and node.func.id == "cls" or
                                               isinstance(node.func, ast.Call) and isinstance(node.func.func, ast.Name)
                                               and node.func.func.id == "type") and (node.args or node.keywords)
               and f.scope_of.get(id(node), ())[:1] == (cls,) for node in f.nodes)


def _bare_unread_calls(builder, f, cls: str) -> Optional[int]:
    """How many times the modules the plan did not read that name ``cls`` and its module build it with no argument
    (``AIClient()``), or None where one names it otherwise (an argument, a subclass, handed on) or does not parse."""
    readers = builder.unread.naming(cls) if builder.unread is not None else []
    count = 0
    for path, data in readers:
        if not path.endswith(".py"):
            return None  # (a notebook's cells are strings of its JSON: not read here)
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            return None
        nodes = list(ast.walk(tree))
        callees = set()
        for node in nodes:
            if isinstance(node, ast.Call) and (getattr(node.func, "id", None) == cls or
                                               getattr(node.func, "attr", None) == cls):
                if node.args or node.keywords:
                    return None
                count += 1
                callees.add(id(node.func))
        if any((isinstance(node, ast.Name) and node.id == cls or isinstance(node, ast.Attribute) and node.attr == cls)
               and id(node) not in callees for node in nodes):
            return None  # (named other than as the callee of a bare call: handed on, subclassed, annotated)
    return count


def _called_once(builder, name: str, module: str) -> bool:
    """Is ``name`` (a class or function of the app's own, defined in ``module``) called once in the modules read,
    and referred to nowhere else as an attribute (``module.Name(...)``), by no module the plan did not read?"""
    if builder.unread is not None and builder.unread.read_elsewhere(name, module.rsplit(".", 1)[-1]):
        return False
    calls = 0
    for g in builder.files:
        if name not in g.source:
            continue
        for node in g.nodes:
            if isinstance(node, ast.Attribute) and node.attr == name:
                return False
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                calls += 1
            elif isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id == name for b in node.bases):
                return False  # (a subclass, built where its own name is called: review of session 85)
            elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load) and isinstance(
                    holder := g.parent.get(id(node)), (ast.Call, ast.keyword, ast.Assign, ast.Return, ast.List,
                                                       ast.Tuple, ast.Dict)) and \
                    not (isinstance(holder, ast.Call) and holder.func is node):
                return False  # (the class handed around, `factory(Extractor)`, `cls = Extractor`: built unseen)
    return calls == 1


def _option_default_feeds(f, node, ctor_verdict) -> Optional[bool]:
    """``p.add_argument("--api-key", default=os.getenv("OPENAI_API_KEY"))``: whether the option, read back as
    ``args.api_key``, only goes to converted constructors' ``api_key=`` (or a check of it) in the module; None where the
    read is no option's default (held-out review 136, Y5: kept OpenAI's variable, while .env.example gained a
    MISTRAL_API_KEY nothing read)."""
    from codemods._facts import option_dest

    holder = f.parent.get(id(node))
    call = f.parent.get(id(holder)) if isinstance(holder, ast.keyword) and holder.arg == "default" else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "add_argument"):
        return None
    dest = option_dest([a.value if isinstance(a, ast.Constant) else None for a in call.args],
                       next((kw.value.value for kw in call.keywords if kw.arg == "dest" and
                             isinstance(kw.value, ast.Constant)), None))
    reads = [n for n in f.nodes if isinstance(n, ast.Attribute) and n.attr == dest and isinstance(n.ctx, ast.Load)]
    if not dest or not reads:
        return False
    fed = False
    for read in reads:
        up = f.parent.get(id(read))
        if gate_test(f, read):
            continue
        if isinstance(up, ast.keyword) and up.arg == "api_key" and ctor_verdict(f.parent.get(id(up))) == CONVERT:
            fed = True
            continue
        return False
    return fed


def _env_feeds(builder, f, node, ctor_verdict, wrappers: bool = False) -> bool:
    """Does the environment read ``node`` feed only converted constructors (``ctor_verdict``), here or through a name
    other modules import? ``wrappers``: a converted LangChain / LlamaIndex object of another module counts too (the
    key read: held-out review 95, X6, `OPENAI_API_KEY = os.getenv(...)` in base.py handed to a converted ChatOpenAI
    in agent.py was renamed only on the SDK path). Where it does, what the app's own classes and functions it is
    handed to hold it in (``self._api_key`` in extractor.py, ``_class_key_verdict``) hold the renamed read: their
    clients' api_key= is the Mistral key (held-out review 154, X5: "make sure it holds a Mistral API key" there)."""
    outer = builder.__dict__.get("_key_holders")
    builder.__dict__["_key_holders"] = []
    try:
        fed = _env_feeds_here(builder, f, node, ctor_verdict, wrappers)
        if fed:
            for path, name, param, cls in builder.__dict__["_key_holders"]:
                if not name.startswith("fold:"):
                    builder.imported_keys.setdefault(path, set()).add(name)
                # (its __init__'s `self.api_key = api_key or os.getenv(...)`: what the caller hands is the renamed
                # read too, so no "api_key before it must hold a Mistral key" TODO there; held-out review 156, X1)
                # (keyed by its class: another class of the module holding the same attribute is not told so;
                # review of session 86)
                builder.handed_keys.setdefault(path, {})[f"{cls}:{name}"] = param
        return fed
    finally:
        builder.__dict__["_key_holders"] = outer


def _env_feeds_here(builder, f, node, ctor_verdict, wrappers: bool = False) -> bool:
    verdict = _ctor_verdict_around(f, node, ctor_verdict, builder)
    if verdict is not None:
        return verdict == CONVERT
    option = _option_default_feeds(f, node, ctor_verdict)
    if option is not None:
        return option
    statement = next((parent for parent in ancestors_of(f, node) if isinstance(parent, ast.stmt)), None)
    if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return False
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    if len(targets) == 1 and isinstance(targets[0], ast.Attribute) and isinstance(targets[0].value, ast.Name) \
            and targets[0].value.id == "self":
        return _self_key_feeds(f, statement, targets[0].attr, ctor_verdict)
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    if len(names) != 1:
        return False
    fed = False
    attribute_reads: list = []  # `config.OPENAI_API_KEY` (held-out review 15, J2)
    home = f.scope_of.get(id(statement), ())
    if home and any(isinstance(n, ast.Global) and names[0] in n.names and f.scope_of.get(id(n)) == home
                    for n in f.nodes):
        home = ()  # `def load_env(): global OPENAI_API_KEY; OPENAI_API_KEY = os.getenv(...)`: the module's
    importers = _importers_of(builder, f, names[0], attribute_reads) if home == () else []
    if importers is None:
        return False  # read where migrator cannot tell by what
    for g, load in attribute_reads:
        def there(call, g=g):
            answer = builder.plan_sites.get(node_key(g.path, call))
            return answer[1] if answer and answer[0] == "ctor" else None

        # (or `openai.api_key = config.OPENAI_API_KEY`, which MIG101 makes `Mistral(api_key=config.OPENAI_API_KEY)`:
        # held-out review 159, Y1, the read stayed OpenAI's and the converted v0 calls sent the OpenAI key)
        if not gate_test(g, load) and not _v0_key_setting(builder, g, load) and \
                _ctor_verdict_around(g, load, there, builder) != CONVERT:
            return False
    pending: list = []  # (module, name) importing it: named renamed once every read here feeds too (held-out
    # review 152, Y1: `return API_KEY` in config.py kept the read, while app.py's importer was told it was renamed,
    # and its converted client silently got the OpenAI key)
    for g, load in attribute_reads:
        pending.append((g.path, ast.unparse(load)))
        fed = fed or not gate_test(g, load)
    if importers:
        # `from config import OPENAI_API_KEY` elsewhere: it feeds only when every read there is api_key= of a
        # converted client (held-out review 9, D7); a client kept there, or a read migrator cannot see, keeps it
        for g, local in importers:
            def there(call, g=g):
                answer = builder.plan_sites.get(node_key(g.path, call))
                return answer[1] if answer and answer[0] == "ctor" else \
                    _wrapper_verdict(g, call) if wrappers else None

            for load in _loads_of(g, local):
                if gate_test(g, load):
                    continue
                # (`from config import OPENAI_API_KEY; openai.api_key = OPENAI_API_KEY`, folded into the module's
                # Mistral client, as `config.OPENAI_API_KEY` is: review of session 86)
                if _ctor_verdict_around(g, load, there, builder) != CONVERT and not _v0_key_setting(builder, g, load):
                    return False
                fed = True
        pending += [(g.path, local) for g, local in importers]
    for load in f.nodes:
        if isinstance(load, ast.Name) and load.id == names[0] and isinstance(load.ctx, ast.Load):
            where = f.scope_of.get(id(load), ())
            if home and (where[:len(home)] != home or any(
                    (where[:i], names[0]) in f.assigns or (where[:i], names[0]) in f.params
                    for i in range(len(home) + 1, len(where) + 1))):
                continue  # another function's own `api_key` (held-out review 10, E10), or a nested rebinding
            if gate_test(f, load) or _placeholder_gate(f, load):
                continue  # `if not api_key: raise ...`: it checks the key the client gets (held-out review 5)
            if _v0_key_setting(builder, f, load):
                fed = True
                continue
            getter = _key_getter_calls(builder, f, load) if home == () else None
            if getter is not None:
                # `def load_api_key(): return API_KEY`, called only as converted clients' api_key= (here or in the
                # modules importing it): the read feeds them (held-out review 152, Y2: "make sure it holds a Mistral
                # key" at the client, and .env.example given a MISTRAL_API_KEY nothing read)
                for g, call in getter:
                    def there(c, g=g):
                        answer = builder.plan_sites.get(node_key(g.path, c))
                        return answer[1] if answer and answer[0] == "ctor" else None

                    if _ctor_verdict_around(g, call, ctor_verdict if g is f else there, builder) != CONVERT:
                        return False
                    pending.append((g.path, ast.unparse(call)))
                fed = fed or bool(getter)
                continue
            if _ctor_verdict_around(f, load, ctor_verdict, builder) != CONVERT:
                return False
            fed = True
    if fed:
        for path, name in pending:
            builder.imported_keys.setdefault(path, set()).add(name)
    return fed


def _key_getter_calls(builder, f, load) -> Optional[list]:
    """(module, call) of each call of the module-level function without parameters whose body is ``return <load>``
    (``def load_api_key(): return API_KEY``), in the modules read, when every reference to the function is such a
    call; None for any other read."""
    ret = f.parent.get(id(load))
    function = f.parent.get(id(ret)) if isinstance(ret, ast.Return) and ret.value is load else None
    if not (isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.body == [ret] and
            not function.decorator_list and f.scope_of.get(id(function), ()) == () and
            not (function.args.args or function.args.posonlyargs or function.args.kwonlyargs or
                 function.args.vararg or function.args.kwarg)):
        return None
    if builder.unread is not None and builder.unread.read_elsewhere(function.name, f.module.rsplit(".", 1)[-1]):
        return None
    calls = []
    for g in builder.files:
        if function.name not in g.source:
            continue
        if any(isinstance(node, ast.Attribute) and node.attr == function.name for node in g.nodes):
            return None  # `config.load_api_key()` through its module: not followed (review of session 84: a kept
            # image client calling it so got the renamed read)
        for node in g.nodes:
            if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and (
                    node.id == function.name if g is f else
                    builder.resolve_import(g, node.id) == (f, function.name) if node.id in g.repo_imports else False)):
                continue
            call = g.parent.get(id(node))
            if not (isinstance(call, ast.Call) and call.func is node and not call.args and not call.keywords):
                return None  # handed on, or referenced otherwise
            calls.append((g, call))
    return calls


def _config_default_dicts(builder, files, sites) -> None:
    """``model=runtime_config.get("GPT_MODEL", "gpt-4")`` (directly, or through a local bound to it) on a converted
    call, ``runtime_config`` a module of the tree holding a module-level dict with that key and an OpenAI model
    (``DEFAULT_CONFIG = {"GPT_MODEL": "gpt-4", ...}``), the store the getter fills first: its value is mapped where it
    is written, a ("dictkey", DICT, KEY) slot of that module (held-out review 117, X1, mobeus-rag: the fallback was
    mapped and said to be the default, while DEFAULT_CONFIG's "gpt-4" won and went to Mistral on every request)."""
    from migrator.mapping.models import chat_model_literal

    for f in files:
        if ".get(" not in f.source:
            continue
        for node in f.nodes:
            if not isinstance(node, ast.Call):
                continue
            answer = sites.get(node_key(f.path, node))
            model = next((kw.value for kw in node.keywords if kw.arg == "model"), None) \
                if answer and answer[0] == "call" and answer[1] == CONVERT else None
            if model is None:
                continue
            scope = f.scope_of.get(id(node), ())
            candidates = [model]
            if isinstance(model, ast.Name):
                where = builder.lookup_scope(f, scope, model.id)
                candidates = list(f.assigns.get((where, model.id), [])) if where is not None else []
            for value in candidates:
                if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and
                        value.func.attr == "get" and isinstance(value.func.value, ast.Name) and len(value.args) == 2
                        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in value.args)
                        and chat_model_literal(value.args[1].value) not in (None, value.args[1].value)):
                    continue
                module = builder.module_file(f, f.scope_of.get(id(value), scope), value.func.value.id)
                if module is None:
                    continue
                key = value.args[0].value
                for stmt in module.tree.body:
                    target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
                        stmt.target if isinstance(stmt, ast.AnnAssign) else None
                    held = stmt.value if target is not None else None
                    if isinstance(target, ast.Name) and isinstance(held, ast.Dict) and any(
                            isinstance(k, ast.Constant) and k.value == key and isinstance(v, ast.Constant) and
                            isinstance(v.value, str) and chat_model_literal(v.value) not in (None, v.value)
                            for k, v in zip(held.keys, held.values)):
                        builder.extra_slots.setdefault(module.path, set()).add(("dictkey", target.id, key))


def _client_class_settings(files, sites) -> None:
    """``OpenAI.api_key = api_key``: an attribute set on OpenAI's class, which no client reads, in a module whose
    clients convert: a TODO there (held-out review 116, X1: the line, and the openai import it keeps, were left without
    a word, while the module form `openai.api_key = ...` gets MIG101's)."""
    for f in files:
        if not any(key[0] == f.path and answer[0] == "ctor" and answer[1] == CONVERT for key, answer in sites.items()):
            continue
        for node in f.nodes if any(setting in f.source for setting in CLASS_CLIENT_SETTINGS) else ():
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and \
                    f.imported.get(target.value.id) in ("openai.OpenAI", "openai.AsyncOpenAI") and \
                    target.attr in CLASS_CLIENT_SETTINGS and \
                    node_key(f.path, node) not in sites:
                sites[node_key(f.path, node)] = ("registry", (
                    f"{ast.unparse(target)} = ... sets an attribute on openai's class, which no client reads (a client "
                    f"takes {target.attr}= when it is built), and it keeps the openai import: delete this line (the "
                    "converted client reads MISTRAL_API_KEY, or pass api_key= to Mistral(...))"))


def _key_writes_for_renamed_reads(builder, files, sites) -> None:
    """``os.environ["OPENAI_API_KEY"] = "test-key"`` / ``.pop(...)`` in a module (a test) that imports, directly or not,
    a module whose read of OPENAI_API_KEY was renamed MISTRAL_API_KEY (it fed converted objects given the key,
    ``MistralAIEmbeddings(api_key=api_key)``): the write no longer reaches that read (held-out review 148, Y3: the
    tests failed with "MISTRAL_API_KEY environment variable not set", and nothing said so)."""
    renamed = builder.__dict__.get("_renamed_key_paths", set())
    writes = builder.__dict__.get("_key_writes", [])
    if not renamed or not writes:
        return
    by_path = {f.path: f for f in files}
    for path, key, done, do in writes:
        if sites.get(key) != ("env", False) or path not in by_path or path in renamed:
            continue  # (a module renaming its own read: its objects' TODOs speak for the write)
        # (the modules it imports by name or as modules: `from app.emb import EmbeddingService`, `import app.emb`)
        reached = sorted(_direct_imports(builder, by_path[path]) & renamed)
        if reached:
            shown = os.path.relpath(reached[0], os.path.dirname(path) or ".").replace(os.sep, "/")
            sites[key] = ("env", "todo", f"OPENAI_API_KEY is {done} here, but the code it runs now reads "
                                         f"MISTRAL_API_KEY (migrator renamed its read in {shown}): {do} that too if "
                                         "this is about it (migrator never renames this)")


def _key_message_matches(builder, files, sites) -> None:
    """``pytest.raises(ValueError, match="OPENAI_API_KEY")`` in a run whose converted code reads MISTRAL_API_KEY: the
    key check it tests now names MISTRAL_API_KEY in its message (MIG101 renames it with the read), so the match fails
    either way (held-out review 115, X3: the test's only TODO was about its os.environ.pop)."""
    if builder.endpoint is not None or "OPENAI_API_KEY" not in getattr(builder, "converted_reads", ()) and \
            not builder.__dict__.get("_renamed_key_paths"):
        return
    for f in files:
        if "raises" not in f.source or "OPENAI_API_KEY" not in f.source:
            continue
        for node in f.nodes:
            if not (isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith("raises")):
                continue
            match = next((kw.value for kw in node.keywords if kw.arg == "match"), None)
            if isinstance(match, ast.Constant) and isinstance(match.value, str) and "OPENAI_API_KEY" in match.value \
                    and node_key(f.path, node) not in sites:
                sites[node_key(f.path, node)] = ("wrapped-ctor", (
                    f"match={match.value!r}: the converted code's key checks now name MISTRAL_API_KEY in their "
                    "messages (migrator renamed them with the key): where this tests one of them, match "
                    f"{match.value.replace('OPENAI_API_KEY', 'MISTRAL_API_KEY')!r} (and set or remove MISTRAL_API_KEY)"))


def _class_lacking(builder, uses, use) -> str:
    """The calls with no Mistral counterpart (``beta.assistants.create(...)``) made in the class holding ``use``."""
    f = next((g for g in builder.files if g.path == use.path), None)
    if f is None:
        return ""
    classes = [node for node in f.scopes.values() if isinstance(node, ast.ClassDef) and
               node.lineno <= use.line <= (node.end_lineno or node.lineno)]
    if not classes:
        return ""
    body = max(classes, key=lambda node: node.lineno)
    surfaces = sorted({u.surface for u in uses if u.path == use.path and u.surface and u.client in (None, use.client) and
                       body.lineno <= u.line <= (body.end_lineno or body.lineno) and
                       closest_feature(u.surface) is not None})
    return _surface_list(surfaces)


def _surface_list(surfaces: list) -> str:
    """``beta.assistants.create(...), ... and 2 more``: at most three of ``surfaces``, then how many more."""
    return ", ".join(f"{s}(...)" for s in surfaces[:3]) + (f" and {len(surfaces) - 3} more" if len(surfaces) > 3
                                                           else "")


def _di_providers_of_kept_classes(builder, files, sites, uses) -> None:
    """``client = providers.Singleton(OpenAI, ...)`` injected (``providers.Singleton(LLMImpl, cli=client)``) into a
    class of the tree that also makes calls with no Mistral counterpart (Assistants, vector stores): its TODO says the
    provider stays OpenAI and the chat calls need a second provider, not "provide Mistral here" (held-out review 112,
    X2: following it broke the class's twelve Assistants calls, whose own TODOs said to keep an OpenAI client)."""
    by_path = {f.path: f for f in files}
    for key, answer in list(sites.items()):
        if answer[0] != "wrapped-ctor" or not str(answer[1]).startswith("providers.") or \
                "dependency-injector" not in str(answer[1]) or key[0] not in by_path:
            continue
        f = by_path[key[0]]
        call = next((n for n in f.nodes if isinstance(n, ast.Call) and node_key(f.path, n) == key), None)
        holder = f.parent.get(id(call)) if call is not None else None
        if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name)):
            continue
        name = holder.targets[0].id
        lacking: dict = {}
        for other in f.nodes:
            if not (isinstance(other, ast.Call) and other is not call and isinstance(other.func, ast.Attribute) and
                    other.func.attr in DI_PROVIDERS and other.args and
                    any(isinstance(a, ast.Name) and a.id == name for a in
                        [*other.args[1:], *(kw.value for kw in other.keywords)])):
                continue
            found = builder.resolve_class(f, other.args[0])
            if found is None:
                continue
            h, cls = found
            body = h.scopes.get(cls)
            if body is None:
                continue
            for use in uses:
                if use.path == h.path and body.lineno <= use.line <= (body.end_lineno or body.lineno) and \
                        use.surface and closest_feature(use.surface) is not None:
                    shown = posixpath.relpath(h.path, posixpath.dirname(f.path) or ".")
                    lacking.setdefault(f"{cls[-1]} ({shown})", set()).add(use.surface)
        if not lacking:
            continue
        classes = ", ".join(lacking)
        surfaces = sorted({s for found in lacking.values() for s in found})
        sites[key] = ("wrapped-ctor", DI_KEPT_CLIENT_TODO.format(
            provider=call.func.attr, cls=ast.unparse(call.args[0]), classes=classes, surfaces=_surface_list(surfaces)))


def _own_wrappers_kept(f) -> bool:
    """The module builds LangChain / LlamaIndex OpenAI objects, none of which converts."""
    from migrator.mapping.llamaindex import imports_openai_wrapper

    return imports_openai_wrapper(f.source) and bool(sites := _wrapper_sites(f)) and \
        all(site.verdict != "convert" for site, _ in sites)


def _v0_key_setting(builder, f, load) -> bool:
    """``openai.api_key = OPENAI_API_KEY`` (``load``), in a module whose own v0 calls all convert and whose setting
    serves no kept call: MIG101 makes it ``Mistral(api_key=OPENAI_API_KEY)``, so the name feeds a converted client
    as ``OpenAI(api_key=OPENAI_API_KEY)`` does (held-out review 112, X7: the v1 form's ``os.getenv("OPENAI_API_KEY")``
    was renamed, the v0 form's was not, and "Before you deploy" said the client read MISTRAL_API_KEY)."""
    holder = f.parent.get(id(load))
    if builder.endpoint is not None or not (isinstance(holder, ast.Assign) and holder.value is load and
                                            len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Attribute)):
        return False
    target = holder.targets[0]
    answer = builder.plan_sites.get(node_key(f.path, target))
    return target.attr == "api_key" and isinstance(target.value, ast.Name) and \
        f.openai_modules.get(target.value.id) == "openai" and answer is not None and answer[0] == "modcfg" and \
        answer[1] is True and len(answer) > 2 and answer[2]


def _test_reads_otherwise(f, node, variable: str) -> bool:
    """``"OPENAI_API_KEY" in os.environ and os.environ["OPENAI_API_KEY"].strip()``: the test holding ``node`` also
    reads the variable in a way that is no gate (renamed alone, the membership test let the read raise KeyError:
    re-review 49, I2)."""
    test = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt) or isinstance(a, ast.IfExp)), None)
    test = getattr(test, "test", None)
    if test is None:
        return False
    return any(n is not node and (isinstance(n, (ast.Call, ast.Subscript)) and env_key(n) == variable) and
               not gate_test(f, n) for n in ast_walk(test))


def _kept_call_in_function(f, node, call_verdict) -> bool:
    """Does the function around ``node`` (not the module) hold an OpenAI call the plan keeps, and none it converts?"""
    scope = f.scope_of.get(id(node), ())
    function = f.scopes.get(scope) if scope else None
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    verdicts = {call_verdict(n) for n in ast.walk(function) if isinstance(n, ast.Call)} - {None}
    return verdicts == {KEEP}


def _autologger(f, func) -> Optional[str]:
    """The SDK_AUTOLOGGERS key ``func`` names (``autolog`` of ``from wandb.integration.openai import autolog``,
    ``mlflow.openai.autolog`` after ``import mlflow``), else None."""
    if isinstance(func, ast.Name) and func.id in f.repo_imports:
        module, level, name = f.repo_imports[func.id]
        qualified = f"{module}.{name}" if not level else ""
    else:
        dotted = dotted_name(func) or ""
        head, _, rest = dotted.partition(".")
        module = f.module_aliases.get(head, head)
        qualified = f"{module}.{rest}" if rest else ""
    return qualified if qualified in SDK_AUTOLOGGERS else None


def _renamed_base_url_read(builder, f, node, variable: str, ctor_verdict) -> Optional[str]:
    """Where another read of the base-URL ``variable`` in this module feeds converted constructors only (MIG101
    renames it to MISTRAL_SERVER_URL: "in query_gpt", "at module level"), where ``node`` is a bare read of it (a
    statement of its own, or a test) outside any constructor; else None. (No line: the TODOs written move it.)"""
    holder = f.parent.get(id(node))
    if not (isinstance(holder, ast.Expr) or gate_test(f, node)) or \
            _ctor_verdict_around(f, node, ctor_verdict, builder) is not None:
        return None
    other = next((other for other in f.nodes if other is not node and
                  isinstance(other, (ast.Subscript, ast.Call)) and env_key(other) == variable and
                  isinstance(getattr(other, "ctx", ast.Load()), ast.Load) and
                  _env_feeds(builder, f, other, ctor_verdict)), None)
    if other is None:
        return None
    where = f.scope_of.get(id(other), ())
    return f"in {'.'.join(where)}" if where else "at module level"


def _key_gate(builder, f, node) -> bool:
    """An OPENAI_API_KEY read that only says whether the key is set: it is a gate's test itself, or the
    value of a name bound once whose every read (here, and no other module importing it) is one."""
    from migrator.mapping.llamaindex import imports_openai_wrapper

    if imports_openai_wrapper(f.source) and (
            not (wrappers := _wrapper_sites(f)) or any(site.verdict != "convert" for site, _ in wrappers)):
        # a LangChain / LlamaIndex OpenAI class may stay beside the check and read OPENAI_API_KEY (re-review): the
        # check stays as it is; where all of them convert, it is renamed as for the SDK's clients (held-out review
        # 55, U7: a deployment with only MISTRAL_API_KEY set died at the check)
        return False
    if gate_test(f, node) or _prefix_gate(f, node):
        return True
    holder = f.parent.get(id(node))
    if isinstance(holder, ast.Expr) and isinstance(node, ast.Call) and env_helper_key(node, _env_helpers_of(builder, f)):
        # `check_environment_variable("OPENAI_API_KEY")` as a statement: the helper checks it (and stops the app);
        # held-out review 112, Y2: a deployment with only MISTRAL_API_KEY set was stopped at start-up
        return True
    if not (isinstance(holder, ast.Assign) and holder.value is node and len(holder.targets) == 1 and
            isinstance(holder.targets[0], ast.Name)):
        return False
    name = holder.targets[0].id
    scope = f.scope_of.get(id(holder), ())
    if len(f.assigns.get((scope, name), [])) != 1 or (scope == () and _imported_elsewhere(builder, f, name)):
        return False
    loads = [load for load in _loads_of(f, name)
             if builder.lookup_scope(f, f.scope_of.get(id(load), ()), name) == scope]
    # (or a test rejecting a placeholder, `if not api_key or api_key.startswith("your_"):`: held-out review 170, X1,
    # the check kept OPENAI_API_KEY with a hedged TODO, and an app configured for Mistral always took its fallback)
    return bool(loads) and all(gate_test(f, load) or _prefix_gate(f, load) or _placeholder_gate(f, load)
                               for load in loads)


def _placeholder_gate(f, node) -> bool:
    """``if key.startswith("sk-test"): return False``: a test rejecting a placeholder or test key, which a Mistral key
    passes as an OpenAI one did (held-out review 89, Y11: the read was kept on OPENAI_API_KEY for it, with two TODOs).
    Not a test of OpenAI's own key prefix (_prefix_gate)."""
    attribute = f.parent.get(id(node))
    call = f.parent.get(id(attribute)) if isinstance(attribute, ast.Attribute) and attribute.value is node and \
        attribute.attr in ("startswith", "endswith") else None
    return isinstance(call, ast.Call) and call.func is attribute and len(call.args) == 1 and not call.keywords and \
        isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str) and \
        not openai_key_prefix(call.args[0].value) and gate_test(f, call)


def _prefix_gate(f, node) -> Optional[ast.Call]:
    """``node.startswith("sk-")`` as a gate's test (``assert os.getenv("OPENAI_API_KEY", "").startswith("sk-")``, ``if
    not key.startswith("sk-"): st.stop()``): that call, else None. A Mistral key never starts so; with the clients
    converted, the check becomes one that a key was given (held-out review 81, Y3: the guard above was renamed and
    this assert, still on OPENAI_API_KEY, always failed)."""
    attribute = f.parent.get(id(node))
    call = f.parent.get(id(attribute)) if isinstance(attribute, ast.Attribute) and attribute.value is node else None
    return call if openai_key_prefix_check(call) and call.func is attribute and gate_test(f, call) else None


def _gated_write(builder, f, node, variable: str, either: bool = False) -> bool:
    """``os.environ[variable] = ...`` in the body of an ``if`` whose test is a gate on the same variable that is
    renamed with the clients (``_key_gate``); ``either``: in its body or its else (a read the gate guards)."""
    for parent in ancestors_of(f, node):
        if isinstance(parent, (ast.If, ast.While)):  # (`while "OPENAI_API_KEY" not in os.environ:` a prompt loop: I1)
            gated = _gate_reads(builder, f, parent.test, variable)
            if gated is not None:
                # (at any depth of its body: `if key: os.environ[...] = key` inside the prompt loop, re-review 50, J1)
                return gated and any(node is n or any(node is m for m in ast_walk(n))
                                     for n in [*parent.body, *(parent.orelse if either else ())])
            if isinstance(parent, ast.While) and any(
                    isinstance(s, ast.If) and len(s.body) == 1 and isinstance(s.body[0], ast.Break) and not s.orelse
                    and _gate_reads(builder, f, s.test, variable) for s in parent.body):
                return True  # `while True: if "OPENAI_API_KEY" in os.environ: break` then the write (J1)
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return False
    return False


def _secret_copy(f, node, variable: str) -> bool:
    """``os.environ[variable] = userdata.get(variable)`` (Colab's secrets; Streamlit's ``st.secrets[variable]``):
    ``node`` is the written subscript, its value a secret of the same name."""
    from migrator.mapping.env import COLAB_SECRETS, STREAMLIT_SECRETS

    holder = f.parent.get(id(node))
    if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and holder.targets[0] is node):
        return False
    value = holder.value
    if isinstance(value, ast.Call) and env_key(value) == variable and len(value.args) == 2:
        # `env["OPENAI_API_KEY"] = env.get("OPENAI_API_KEY", userdata.get("OPENAI_API_KEY"))`: the shell's, else the
        # secret (held-out review 135, Y1: the notebook's bridge stayed, and Mistral() ran with no key)
        value = value.args[1]

    def named(key) -> bool:  # (`st.secrets.openai_api_key`: the secret's name in any case, as MIG101 renames it)
        return isinstance(key, str) and key.upper() == variable

    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "get" and \
            value.args and isinstance(value.args[0], ast.Constant):
        return dotted_name(value.func.value) in (*COLAB_SECRETS, *STREAMLIT_SECRETS) and named(value.args[0].value)
    if isinstance(value, ast.Attribute):  # the attribute form (held-out review 74, Y6: malo21st/pdf_llm)
        return dotted_name(value.value) in STREAMLIT_SECRETS and named(value.attr)
    return isinstance(value, ast.Subscript) and dotted_name(value.value) in STREAMLIT_SECRETS and \
        isinstance(value.slice, ast.Constant) and named(value.slice.value)


def _gate_reads(builder, f, test, variable: str):
    """None when ``test`` does not read ``variable``; else whether every read of it there is a gate renamed with the
    clients (``_key_gate``)."""
    reads = [n for n in ast_walk(test) if isinstance(n, (ast.Call, ast.Subscript)) and env_key(n) == variable
             or env_membership_key(n) == variable]
    if not reads:
        return None
    return all(_key_gate(builder, f, read) for read in reads)


def _converts_chat(f, call_verdict, memo: dict) -> bool:
    """The module converts chat calls (whose messages mistralai validates before sending)."""
    if "chat" not in memo:
        memo["chat"] = any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and call_verdict(n) == CONVERT and
            any(part in "." + (dotted_name(n.func) or "") for part in (".chat.completions.", ".ChatCompletion."))
            for n in f.nodes)
    return memo["chat"]


def _openai_header_value(holder, node) -> bool:
    """``{"X-OpenAI-Api-Key": os.getenv("OPENAI_API_KEY")}``: a key another service (Weaviate's OpenAI
    modules) sends to OpenAI for the app stays OpenAI's (held-out review 9, D7; MIG106 says why)."""
    if not isinstance(holder, ast.Dict):
        return False
    return any(value is node and isinstance(key, ast.Constant) and isinstance(key.value, str)
               and "openai" in key.value.lower() for key, value in zip(holder.keys, holder.values))


def _importers_of(builder, f, name: str, attribute_reads: Optional[list] = None) -> Optional[list]:
    """(module, local name) for each module of the tree that imports module-level ``name`` of ``f`` by
    name (``from config import NAME [as local]``); None when some read cannot be followed (``config.NAME``,
    ``from config import *`` of a module that may be ``f``, an import that may be ``f``'s, a module migrator did not
    read; a star import of ``f`` itself counts the names the importer reads). Given
    ``attribute_reads``, a ``config.NAME`` read is followed: (module, the Attribute node) go there."""
    last = f.module.rsplit(".", 1)[-1]
    if builder.unread is not None and builder.unread.read_elsewhere(name, last):
        return None
    out = []
    for g in builder.files:
        if g is f or (name not in g.source and "*" not in g.repo_imports):
            continue
        for local, (module, _level, imported) in g.repo_imports.items():
            if imported == "*" and module.rsplit(".", 1)[-1] == last:
                if star_source(builder.files, g) is f:
                    continue  # its reads of our names count as imported by name (_expand_star_imports: 77, Y7)
                return None
            if imported == name:
                resolved = builder.resolve_import(g, local)
                if resolved is None and module.rsplit(".", 1)[-1] == last:
                    return None
                if resolved is not None and resolved[0] is f:
                    if builder.lookup_scope(g, (), local) != () or (((), local) in g.assigns):
                        return None  # rebound there
                    out.append((g, local))
        reads = _module_attribute_reads(builder, g, f, name)
        if reads and attribute_reads is None:
            return None
        if reads:
            if any(not isinstance(g.parent.get(id(node)), (ast.keyword, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.If))
                   and not _v0_key_setting(builder, g, node) for node in reads):
                return None  # `config.KEY = ...`, `x = config.KEY`: followed no further (but `openai.api_key =
                # config.KEY`, which MIG101 folds into the module's Mistral client: held-out review 159, Y1)
            attribute_reads.extend((g, node) for node in reads)
    return out


def _module_attribute_reads(builder, g, f, name: str) -> list:
    """The reads in module ``g`` of ``name`` as an attribute of module ``f`` (``config.NAME``)."""
    if name not in g.source:
        return []
    modules = g.other_modules | set(g.repo_imports)
    return [node for node in g.nodes if isinstance(node, ast.Attribute) and node.attr == name and
            _module_read(builder, g, node, modules, f)]


def _module_read(builder, g, node: ast.Attribute, modules: set, f) -> bool:
    """``node`` (``config.NAME``, or ``app.config.NAME`` after ``import app.config``: held-out review 144, X2) reads
    a module-level name of ``f``; ``modules``: the names ``g`` imports."""
    value = node.value
    if isinstance(value, ast.Name) and value.id not in modules or \
            isinstance(value, ast.Attribute) and (dotted_name(value) or "") not in g.dotted_imports:
        return False
    return builder.module_at(g, g.scope_of.get(id(node), ()), value) is f


def _imported_elsewhere(builder, f, name: str) -> bool:
    """Another module reads module-level ``name`` of ``f`` (``from config import NAME``, ``config.NAME``),
    or may (an import migrator cannot resolve to one module, of the same name; a module it did not read):
    ``_importers_of`` found some, or could not tell."""
    if builder is None:
        return False
    importers = _importers_of(builder, f, name)
    return importers is None or bool(importers)


def _messages_call(f, node) -> Optional[ast.Call]:
    """The call whose ``messages=`` (``input=``) holds the literal ``node`` as written (in its list), else None: a
    call's own literal follows that call (_message_flows), a kept call's literal stays as the call is (held-out
    review 101, Y5: `{"role": "developer"}` in the messages of a client kept on OpenAI was rewritten because another
    client of the module converted)."""
    for parent in ancestors_of(f, node):
        if isinstance(parent, (ast.List, ast.Tuple, ast.Dict, ast.Starred)) or _concatenation(parent):
            continue
        # (or input=: a Responses call's input, whose developer role mistralai 3.7 takes: held-out review 101, Y11)
        if isinstance(parent, ast.keyword) and parent.arg in ("messages", "input") and \
                isinstance(f.parent.get(id(parent)), ast.Call):
            return f.parent[id(parent)]
        return None
    return None


def _responses_input_only(f, node) -> bool:
    """Is the literal ``node`` in a list bound to a name whose every read is a Responses call's ``input=``
    (``chat_messages = [...]``, then ``client.responses.create(input=chat_messages)``)? mistralai 3.7's Responses input
    takes the developer role (held-out review 101, Y11: it was rewritten beside a chat call of the module)."""
    holder = next((p for p in ancestors_of(f, node) if not isinstance(p, (ast.List, ast.Tuple, ast.Dict))), None)
    if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name)):
        return False
    name = holder.targets[0].id
    loads = [n for n in f.nodes if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
    return bool(loads) and all(
        isinstance(keyword := f.parent.get(id(n)), ast.keyword) and keyword.arg == "input" and
        isinstance(call := f.parent.get(id(keyword)), ast.Call) and
        ".responses." in "." + (dotted_name(call.func) or "") for n in loads)


def _message_flows(f, node, call_verdict) -> bool:
    """Does this message literal only reach converted chat calls?"""
    child = node
    for parent in ancestors_of(f, node):
        if isinstance(parent, (ast.List, ast.Tuple, ast.Dict, ast.Starred)) or _concatenation(parent):
            child = parent
            continue
        if isinstance(parent, ast.keyword):
            call = f.parent.get(id(parent))
            return parent.arg == "messages" and call_verdict(call) == CONVERT
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and \
                parent.func.attr in ("append", "extend", "insert") and child is not parent.func:
            owner = parent.func.value
            return isinstance(owner, ast.Name) and _name_feeds_messages(f, owner.id, f.scope_of.get(id(parent), ()),
                                                                       call_verdict)
        if isinstance(parent, (ast.Assign, ast.AnnAssign)):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name):
                return _name_feeds_messages(f, targets[0].id, f.scope_of.get(id(parent), ()), call_verdict)
            return False
        return False
    return False


def _notebook_cell_clients(f, uses) -> dict:
    """A notebook whose cells each ``import openai`` (each runs on its own in a fresh kernel): the openai module's
    calls become ``mistral_client.<...>`` calls, and the one ``mistral_client = Mistral()`` goes beside the first
    cell's import; the first converted call of each later such cell gets a TODO saying so (held-out review 56, W1:
    the cell the author ran raised NameError, silently)."""
    from migrator.engine.notebooks import CELL_LINE
    from migrator.mapping.client import MISTRAL_CLIENT, MODULE_CLIENT_NAME

    names = {local for local, module in f.openai_modules.items() if module == "openai"}
    if not names or "cell" not in f.source:
        return {}
    starts = [(f.source.count("\n", 0, m.start()) + 1, int(m.group(1))) for m in CELL_LINE.finditer(f.source)]
    if len(starts) < 2:
        return {}

    def cell_of(line: int) -> Optional[int]:
        found = None
        for first, number in starts:
            if first > line:
                break
            found = number
        return found

    importing = sorted({cell_of(node.lineno) for node in f.tree.body if isinstance(node, ast.Import)
                        and any(alias.name == "openai" for alias in node.names)} - {None})
    if len(importing) < 2:
        return {}
    lines = f.source.split("\n")
    statements = {node.lineno: node for node in f.nodes if isinstance(node, ast.stmt)}
    out: dict = {}
    told: set = set()
    for use in sorted(uses, key=lambda u: u.line):
        cell = cell_of(use.line) if use.path == f.path and use.status == CONVERT else None
        if cell is None or cell == importing[0] or cell not in importing or cell in told:
            continue
        text = lines[use.line - 1] if use.line <= len(lines) else ""
        stmt = statements.get(use.line)
        if stmt is None or not any(re.search(rf"\b{re.escape(name)}\.", text) for name in names):
            continue
        told.add(cell)
        out[(stmt.lineno, stmt.col_offset, stmt.end_lineno, stmt.end_col_offset)] = (
            f"this cell imported openai itself, but the {MODULE_CLIENT_NAME} it now calls is created in cell "
            f"{importing[0]} (beside the first import): run that cell first in a fresh kernel, or create one here "
            f"({MODULE_CLIENT_NAME} = {MISTRAL_CLIENT[1]}(), with its import)")
    return out


def _key_list_checks(f, both: bool = False) -> dict:
    """{statement span: TODO} of ``PROVIDER_VARS = ["GEMINI_API_KEY", "OPENAI_API_KEY"]`` whose names the module reads
    from the environment (``any(os.getenv(v) for v in PROVIDER_VARS)``, ``if v not in os.environ``), or of the
    statement looping over such a literal written in place (``[k for k in ("OPENAI_API_KEY", ...) if not
    os.getenv(k)]``): a start-up check the converted clients' MISTRAL_API_KEY does not satisfy (held-out review 60,
    Y12: /ready said 503 with only MISTRAL_API_KEY set; 61, Y22: the membership and in-place forms)."""
    def lists_key(node) -> bool:
        return isinstance(node, (ast.List, ast.Tuple, ast.Set)) and \
            any(isinstance(e, ast.Constant) and e.value == "OPENAI_API_KEY" for e in node.elts) and \
            not any(isinstance(e, ast.Constant) and e.value == "MISTRAL_API_KEY" for e in node.elts)

    def checked(loop) -> bool:
        return isinstance(loop.target, ast.Name) and any(_reads_environment(n, loop.target.id) for n in ast_walk(
            f.parent.get(id(loop)) if isinstance(loop, ast.comprehension) else loop))

    def filters(loop, name: str) -> bool:
        """``{k: v for k, v in os.environ.items() if k not in SECRET_VARS}``: the environment's variables, filtered by
        their name's membership in the list (held-out review 86, X1: a scrub for an untrusted subprocess then let the
        Mistral key through, silently)."""
        call = loop.iter if isinstance(loop.iter, ast.Call) and isinstance(loop.iter.func, ast.Attribute) else None
        iterated = call.func.value if call is not None and call.func.attr in ("items", "keys") else loop.iter
        target = loop.target.elts[0] if isinstance(loop.target, ast.Tuple) and loop.target.elts else loop.target
        if not ((dotted_name(iterated) or "").endswith("environ") and isinstance(target, ast.Name)):
            return False
        return any(isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], (ast.In, ast.NotIn)) and
                   isinstance(n.left, ast.Name) and n.left.id == target.id and isinstance(n.comparators[0], ast.Name)
                   and n.comparators[0].id == name
                   for n in ast_walk(f.parent.get(id(loop)) if isinstance(loop, ast.comprehension) else loop))

    found: dict = {}
    loops = [g for g in f.nodes if isinstance(g, (ast.comprehension, ast.For))]
    for node in f.nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                lists_key(node.value):
            name, statement = node.targets[0].id, node
            if any(filters(g, name) for g in loops):
                span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
                found[span] = (f"{name} lists OPENAI_API_KEY among the variables this module filters the environment "
                               "by, but the converted clients read MISTRAL_API_KEY: add MISTRAL_API_KEY to it (where "
                               "the list keeps secrets out, the Mistral key now passes)")
                continue
            if not any(isinstance(g.iter, ast.Name) and g.iter.id == name and checked(g) for g in loops):
                continue
        elif isinstance(node, (ast.comprehension, ast.For)) and lists_key(node.iter) and checked(node):
            name = "this check"
            statement = next((a for a in ancestors_of(f, node.iter) if isinstance(a, ast.stmt)), None)
            if statement is None or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
        else:
            continue
        span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
        found[span] = (f"{name} lists OPENAI_API_KEY among the variables this module reads from the environment, "
                       "but the converted clients read MISTRAL_API_KEY: put MISTRAL_API_KEY in its place (with only "
                       "MISTRAL_API_KEY set, a check of these fails; keep both only if clients of the other remain)") \
            if not both else (
            f"{name} lists OPENAI_API_KEY among the variables this module reads from the environment; the converted "
            "clients read MISTRAL_API_KEY, and what stays on OpenAI still reads OPENAI_API_KEY: add MISTRAL_API_KEY "
            "beside it (a start-up without it now passes the check and fails at the first converted call)")
    return found


def _reads_environment(node, variable: str) -> bool:
    """``os.getenv(v)``, ``os.environ.get(v)``, ``os.environ[v]``, ``v in os.environ`` for the name ``variable``."""
    if isinstance(node, ast.Call) and (dotted_name(node.func) or "").endswith(("getenv", "environ.get")):
        return bool(node.args) and isinstance(node.args[0], ast.Name) and node.args[0].id == variable
    if isinstance(node, ast.Subscript) and (dotted_name(node.value) or "").endswith("environ"):
        return isinstance(node.slice, ast.Name) and node.slice.id == variable
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
        return isinstance(node.left, ast.Name) and node.left.id == variable and \
            (dotted_name(node.comparators[0]) or "").endswith("environ")
    return False


def _recorded_models(builder, files, sites) -> dict:
    """path -> {statement span: TODO} for a call of another library given ``model=`` the same OpenAI model literal as
    a converted chat call of its function (``langfuse.generation(..., model="gpt-4o-mini")`` beside it): it records
    that call, which now sends a Mistral model (held-out review 87, Y12: Langfuse priced and grouped it as OpenAI's)."""
    from migrator.mapping.models import map_model

    from migrator.mapping import langchain as lc, llamaindex as li

    wrappers = {*lc.CLASSES, *li.CLASSES}
    found: dict = {}
    index: dict = {}
    converted = {}
    for f, call in _converted_calls(files, sites, index, wanted=lambda g: "model=" in g.source):
        model = next((kw.value for kw in call.keywords if kw.arg == "model"), None)
        if isinstance(model, ast.Constant) and isinstance(model.value, str) and f.scope_of.get(id(call), ()):
            converted.setdefault((f.path, f.scope_of[id(call)], model.value), []).append(call)
    if not converted:
        return found
    by_path = {f.path: f for f in files}
    for (path, scope, model), calls in converted.items():
        f = by_path[path]
        target = map_model(model, getattr(builder, "models", {}) or {})
        if not target or target == model:
            continue
        for node in f.nodes:
            if isinstance(node, ast.Dict) and f.scope_of.get(id(node), ()) == scope:
                # `{"embedding": ..., "embedding_model": "text-embedding-3-small"}` beside the converted call: a label
                # of what it produced (held-out review 113, Y1: stored mistral-embed vectors were labelled ada-002)
                label = next((k.value for k, v in zip(node.keys, node.values)
                              if isinstance(k, ast.Constant) and isinstance(k.value, str) and "model" in k.value.lower()
                              and isinstance(v, ast.Constant) and v.value == model), None)
                statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None) \
                    if label is not None else None
                if statement is not None and \
                        not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and \
                        not any(call is n for call in calls for n in ast_walk(statement) if isinstance(n, ast.Call)):
                    span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
                    found.setdefault(path, {}).setdefault(span, MODEL_LABEL_TODO.format(
                        label=label, model=model, target=target))
                continue
            if isinstance(node, ast.Assign) and f.scope_of.get(id(node), ()) == scope and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Subscript) and isinstance(node.targets[0].slice, ast.Constant) and \
                    isinstance(node.targets[0].slice.value, str) and "model" in node.targets[0].slice.value.lower() \
                    and isinstance(node.value, ast.Constant) and node.value.value == model:
                # `result['model'] = 'text-embedding-ada-002'` after the converted call (held-out review 134, Y4: the
                # stored Mistral vectors were labelled ada-002), as the dict literal's label above
                label = node.targets[0].slice.value
                span = (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
                found.setdefault(path, {}).setdefault(span, MODEL_LABEL_TODO.format(
                    label=label, model=model, target=target))
                continue
            if not isinstance(node, ast.Call) or f.scope_of.get(id(node), ()) != scope or node in calls or \
                    node_key(f.path, node) in sites:
                continue
            given = next((kw.value for kw in node.keywords if kw.arg == "model"), None)
            # (or passed by position: `track_usage(response.usage, "Generation", "gpt-3.5-turbo")`; held-out review
            # 169, X1, the cost log priced every Mistral call as GPT-3.5's, silently)
            positional = given is None and any(isinstance(a, ast.Constant) and a.value == model for a in node.args) \
                and not any(word in (dotted_name(node.func) or "").lower() for word in ("token", "encod", "count"))
            # (not a token counter's: tiktoken raises KeyError for a Mistral model; review of session 88)
            given = ast.Constant(value=model) if positional else given
            callee = dotted_name(node.func) or ""
            if not (isinstance(given, ast.Constant) and given.value == model) or \
                    "openai" in callee.lower() or callee.rsplit(".", 1)[-1] in wrappers or "litellm" in callee or \
                    "instructor" in callee:
                continue  # (an OpenAI SDK, wrapper or LiteLLM call of its own: its rules say what it needs)
            statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None)
            if statement is None or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
            found.setdefault(path, {})[span] = (
                f"{(dotted_name(node.func) or 'this call')}({'... ' if positional else 'model='}{model!r}"
                f"{' ...' if positional else ''}) names the "
                "model the converted call of "
                f"this function sent; it now sends {target!r}: where this records that call (a trace, a cost), "
                f"name {target!r} here")
    return found


def _tokenizer_statement(f, sites: Optional[dict] = None) -> Optional[tuple[tuple, str]]:
    """(statement span, TODO) of the module's first tiktoken encoding (``tiktoken.encoding_for_model("gpt-4o-mini")``,
    ``get_encoding("cl100k_base")``), whose counts are OpenAI's: the module's converted calls go to Mistral. Where
    ``encoding_for_model`` is given what a converted call sends as its model (``self.model``), it raises KeyError once
    that names a Mistral model, as for a shared constant (held-out review 87, Y7: "approximate" was said)."""
    def home(node: ast.AST, text: str):  # a name's text and the scope binding it (another function's `model` parameter
        # is another variable: held-out review 144, Y7, count_tokens(text, model=...) was told it named the converted
        # call's model, which get_embedding's own model parameter was)
        if not isinstance(node, ast.Name):
            return text, None
        scope = f.scope_of.get(id(node), ())
        while scope and (scope, node.id) not in f.params and (scope, node.id) not in f.assigns:
            scope = scope[:-1]
        return text, scope

    sent = {home(kw.value, ast.unparse(kw.value)) for _g, call in _converted_calls([f], sites, {})
            for kw in call.keywords if kw.arg == "model"} if sites else set()
    imported = {alias.asname or alias.name for node in f.nodes if isinstance(node, ast.ImportFrom)
                and node.module == "tiktoken" for alias in node.names}
    for node in f.nodes:
        if not isinstance(node, ast.Call):
            continue
        name = dotted_name(node.func) or ""
        if name not in TOKENIZER_CALLS and not (name in imported and "tiktoken." + name in TOKENIZER_CALLS):
            continue
        statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None)
        if statement is not None and not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                 ast.ClassDef)):
            span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
            # (a setting or module constant shared so has its own TODO at the call, which keeps its value: review 59)
            # (or a setting read as the call reads it, `settings["prompt_model"]`: held-out review 126, X3)
            given = ast.unparse(node.args[0]) if node.args and name.endswith("encoding_for_model") and (
                isinstance(node.args[0], ast.Name) or isinstance(node.args[0], ast.Attribute) and
                dotted_name(node.args[0]) is not None or  # (`model.version`: held-out review 133, X4)
                # (`self._config["model_name"]` too: held-out review 169, Y2, "approximate" said of a KeyError)
                isinstance(node.args[0], ast.Subscript) and dotted_name(node.args[0].value) is not None and
                isinstance(node.args[0].slice, ast.Constant)) else None
            if given is not None and home(node.args[0], given) in sent:
                return span, TOKENIZER_SHARED_TODO.format(name=given, module="in this module")
            return span, TOKENIZER_TODO.format(call=(ast.get_source_segment(f.source, node) or ast.unparse(node))[:80])
    return None


def _role_enums(f, files, chat_paths: set) -> dict:
    """{class statement span: TODO} for each ``class Role(str, Enum)`` of ``f`` with a chat role among its values, named
    by a module whose chat calls convert (mapping.chat.ROLE_ENUM_TODO)."""
    from migrator.mapping.chat import CHAT_ROLES, ROLE_ENUM_TODO

    found: dict = {}
    for node in f.tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = [dotted_name(base) or "" for base in node.bases]
        if "str" not in bases or not any(base.rsplit(".", 1)[-1] == "Enum" for base in bases):
            continue
        members = [(target.id, item.value.value) for item in node.body if isinstance(item, ast.Assign)
                   and isinstance(item.value, ast.Constant) and item.value.value in CHAT_ROLES
                   for target in item.targets if isinstance(target, ast.Name)]
        # (every string member a role: `class Author(str, Enum): USER = "user"; AI = "ai"` is the app's own, which its
        # messages must map to roles anyway; held-out review 173, X3, a false TODO)
        strings = [item.value.value for item in node.body if isinstance(item, ast.Assign) and
                   isinstance(item.value, ast.Constant) and isinstance(item.value.value, str)]
        if not members or any(value not in CHAT_ROLES for value in strings) or \
                not any(g.path in chat_paths and re.search(rf"\b{node.name}\b", g.source) for g in files):
            continue
        member, value = next(((m, v) for m, v in members if v == "user"), members[0])
        span = (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
        found[span] = ROLE_ENUM_TODO.format(name=node.name, member=member, value=value)
    return found


def _user_after_tool(f, sites) -> dict:
    """{statement span: TODO} for ``history.append({"role": "user", ...})`` whose previous append to the same list (in
    source order, in its function) is a tool result, where a converted chat call sends that list afterwards (held-out
    review 132, X1: user -> assistant(tool_calls) -> tool -> user, the second turn of every tool conversation a 400;
    api-mapping.md §6.3 asks for such histories to be flagged)."""
    sent: dict = {}  # (scope, list name) -> the lines of converted calls sending it
    for node in f.nodes:
        if isinstance(node, ast.Call) and (sites.get(node_key(f.path, node)) or ("",))[:2] == ("call", CONVERT):
            messages = next((kw.value for kw in node.keywords if kw.arg == "messages"), None)
            if isinstance(messages, ast.Name):
                sent.setdefault((f.scope_of.get(id(node), ()), messages.id), []).append(node.lineno)
    if not sent:
        return {}
    appends: dict = {}  # (scope, list name) -> [(line, role, statement)]
    for node in f.nodes:
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and
                isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "append" and
                isinstance(node.value.func.value, ast.Name) and len(node.value.args) == 1):
            continue
        key = (f.scope_of.get(id(node), ()), node.value.func.value.id)
        if key not in sent:
            continue
        added = node.value.args[0]
        role = _dict_constants(added).get("role") if isinstance(added, ast.Dict) else "other"
        appends.setdefault(key, []).append((node.lineno, role, node))
    found: dict = {}
    for key, rows in appends.items():
        rows.sort(key=lambda row: row[0])
        for before, (line, role, statement) in zip(rows, rows[1:]):
            if role == "user" and before[1] == "tool" and any(call > line for call in sent[key]):
                span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
                found[span] = USER_AFTER_TOOL_TODO
    return found


def _system_appended_last(f, sites) -> dict:
    """{statement span: TODO} for a converted chat call whose ``messages=history`` got a system message
    appended by the statement right before it (held-out review 7, D9: Mistral answers 400)."""
    found: dict = {}
    for node in f.nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and
                node.func.attr in ("create", "acreate")):
            continue
        answer = sites.get(node_key(f.path, node))
        if not (answer and answer[0] == "call" and answer[1] == CONVERT):
            continue
        history = next((kw.value for kw in node.keywords if kw.arg == "messages"), None)
        if not isinstance(history, ast.Name):
            continue
        if _system_last(f, f.scope_of.get(id(node), ()), history.id, node.lineno) is not None:
            continue  # the call's own "can end with a system message" TODO says it (held-out review 130, Y8: twice)
        statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None)
        holder = f.parent.get(id(statement)) if statement is not None else None
        body = next((b for b in (getattr(holder, field, None) for field in ("body", "orelse", "finalbody"))
                     if isinstance(b, list) and statement in b), None)
        if not body or body.index(statement) == 0:
            continue
        before = body[body.index(statement) - 1]
        call = before.value if isinstance(before, ast.Expr) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "append" and \
                isinstance(call.func.value, ast.Name) and call.func.value.id == history.id and len(call.args) == 1 \
                and isinstance(call.args[0], ast.Dict) and _dict_constants(call.args[0]).get("role") == "system":
            span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
            found[span] = TRAILING_SYSTEM_TODO
    return found


def _whole_response(builder, f, value, call_verdict) -> bool:
    """Is ``value`` a converted call's response itself (the awaited call, or a name bound only to it), not a part of it
    (``response.choices[0].message.content``: review of session 87, a Result handed the text was told its
    isinstance check of another parameter was False)?"""
    if isinstance(value, ast.Await):
        value = value.value
    if isinstance(value, ast.Call):
        return call_verdict(value) == CONVERT
    if not isinstance(value, ast.Name):
        return False
    found = builder.lookup_scope(f, f.scope_of.get(id(value), ()), value.id)
    values = f.assigns.get((found, value.id), []) if found is not None else []
    return bool(values) and all(isinstance(v, (ast.Call, ast.Await)) and _whole_response(builder, f, v, call_verdict)
                                for v in values)


def _openai_objects_built(f) -> dict:
    """{statement span: TODO} where a module whose chat calls convert builds an OpenAI response object itself
    (``ChatCompletionMessageToolCall(id=..., function=Function(...))`` put into a response's message): the converted
    calls answer with mistralai's objects, and mistralai leaves a foreign one out of the request when that message
    is sent back (held-out review 162, X3: the synthesized tool call never reached Mistral)."""
    from migrator.mapping.chat import RESPONSE_TYPES

    found: dict = {}
    for node in f.nodes:
        if not isinstance(node, ast.Call):
            continue
        new = RESPONSE_TYPES.get(f.qualify(dotted_name(node.func)) or "")
        if new not in ("ToolCall", "AssistantMessage") or any(
                isinstance(a, ast.Call) and (f.qualify(dotted_name(a.func)) or "").startswith("openai.types.")
                for a in ancestors_of(f, node)):
            continue  # (a ChatCompletion built for an OpenAI-compatible endpoint of the app's own, with its message, is
            # its wire format, not a converted response's part: review of session 87)
        statement = next((a for a in ancestors_of(f, node) if isinstance(a, ast.stmt)), None)
        if statement is None or isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        example = "ToolCall(id=..., function=FunctionCall(name=..., arguments=...))" if new == "ToolCall" else \
            f"{new}(...)"
        span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
        why = "put into their responses or sent back in a message, mistralai leaves it out of the request"
        found.setdefault(span, f"{ast.unparse(node.func)}(...) builds an OpenAI object where the converted calls "
                               f"answer with mistralai's: {why}; build mistralai.client.models.{example} instead")
    return found


def _handed_type_checks(builder, f, files, sites, converting) -> dict:
    """{statement span: TODO} at the first ``isinstance(x, ChatCompletion)`` (an OpenAI response class) of a module
    whose calls stay as they are, in a function or class another module hands the response of a converted chat call
    to (``Result(response=response)``, imported from it): the check is False for Mistral's response now (held-out
    review 162, X2: every reply of the converted client raised "Expected ChatCompletion")."""
    checks = [node for node in f.nodes if isinstance(node, ast.Call) and type_check_class(node, f.qualify) and
              not (sites.get(node_key(f.path, node)) or ("", False))[1]]
    owners = {f.scope_of.get(id(node), ())[:1] for node in checks} - {()}
    if not owners:
        return {}

    def verdict(g):
        return lambda call: (sites.get(node_key(g.path, call)) or ("", ""))[1] if \
            (sites.get(node_key(g.path, call)) or ("",))[0] == "call" else None

    handed = None
    for g in files:
        if g.path not in converting or g is f:
            continue
        for call in g.nodes:
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in g.repo_imports):
                continue
            target = builder.resolve_import(g, call.func.id)
            if target is None or target[0] is not f or (target[1],) not in owners:
                continue
            if any(_whole_response(builder, g, value, verdict(g)) for value in
                   (*call.args, *(k.value for k in call.keywords))):
                handed = (g, call, target[1])
                break
        if handed:
            break
    if handed is None:
        return {}
    g, call, owner = handed
    first = min((node for node in checks if f.scope_of.get(id(node), ())[:1] == (owner,)),
                key=lambda n: (n.lineno, n.col_offset))
    statement = next((a for a in ancestors_of(f, first) if isinstance(a, ast.stmt)), None)
    if statement is None:
        return {}
    new = type_check_class(first, f.qualify)
    old = ast.unparse(first.args[1])
    where = os.path.relpath(g.path, os.path.dirname(f.path) or ".").replace(os.sep, "/")
    span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
    return {span: (f"isinstance(..., {old}): {where} hands {owner} the response of a converted chat call "
                   f"({ast.unparse(call)[:60]}), mistralai's {new} now, for which this check (and each like it "
                   f"in {owner}) is False: test for mistralai.client.models.{new}, or for both while other "
                   "clients stay on OpenAI")}


def _serialised_responses(f, sites) -> dict:
    """{statement span: TODO} for each statement turning the whole result of a converted chat call (the one name it is
    bound to in the call's scope) into text that is kept: ``json.dump(s)(r, ..., default=str)``, ``str(r)`` /
    ``repr(r)`` / ``f"{r}"`` not only shown (print, a logger). mistralai's response prints differently (held-out
    review 159, X1: a log written with json.dump(default=str), then a regex over it, converted silently)."""
    found: dict = {}
    for node in f.nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and
                node.func.attr in ("create", "acreate") and isinstance(node.func.value, ast.Attribute) and
                node.func.value.attr == "completions" and isinstance(node.func.value.value, ast.Attribute) and
                node.func.value.value.attr == "chat"):  # (chat's: the TODO names ChatCompletionResponse)
            continue
        answer = sites.get(node_key(f.path, node))
        if not (answer and answer[0] == "call" and answer[1] == CONVERT) or any(
                kw.arg == "stream" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False)
                for kw in node.keywords):
            continue
        holder = f.parent.get(id(node))
        holder = f.parent.get(id(holder)) if isinstance(holder, ast.Await) else holder
        if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and
                isinstance(holder.targets[0], ast.Name)):
            continue
        name, scope = holder.targets[0].id, f.scope_of.get(id(node), ())
        seen: dict = {}  # what -> its statement (one TODO, at the first: held-out review 158, X5, repeated TODOs)
        for load in f.nodes:
            if isinstance(load, ast.Name) and load.id == name and isinstance(load.ctx, ast.Load) and \
                    f.scope_of.get(id(load), ()) == scope and load.lineno > node.lineno and \
                    (what := _serialising(f, load)):
                seen.setdefault(what, next((a for a in ancestors_of(f, load) if isinstance(a, ast.stmt)), None))
        if seen and (first := min(seen.values(), key=lambda s: (s.lineno, s.col_offset))) is not None:
            ordered = sorted(seen, key=lambda w: (seen[w].lineno, seen[w].col_offset) if seen[w] else (0, 0))
            what = " and ".join(ordered[:2]) + (" ..." if len(seen) > 2 else "")
            span = (first.lineno, first.col_offset, first.end_lineno, first.end_col_offset)
            found.setdefault(span, SERIALISED_RESPONSE_TODO.format(what=what, name=name))
    return found


def _serialising(f, load: ast.Name) -> str:
    """The expression turning ``load`` (a response) whole into text kept by the program, as written; "" if none."""
    parent = f.parent.get(id(load))
    statement = next((a for a in ancestors_of(f, load) if isinstance(a, ast.stmt)), None)
    if isinstance(statement, (ast.Raise, ast.Assert)):
        return ""  # an error's message (`raise RuntimeError(f"Unexpected: {response}")`): read by people, not code
    if isinstance(parent, ast.Call) and parent.args and parent.args[0] is load:
        func = dotted_name(parent.func) or ""
        if func.rsplit(".", 1)[-1] in ("dump", "dumps") and (func.startswith("json.") or func in ("dump", "dumps")) \
                and any(kw.arg in ("default", "cls") for kw in parent.keywords):
            outer = f.parent.get(id(parent))
            if isinstance(outer, ast.Call) and any(a is parent for a in shown_values(outer)):
                return ""  # logger.debug(json.dumps(response, default=str)): shown, as logger.debug(str(response))
            return (ast.get_source_segment(f.source, parent) or ast.unparse(parent))[:60]
        if func not in ("str", "repr"):
            return ""
        text = parent
    elif isinstance(parent, ast.FormattedValue) and isinstance(f.parent.get(id(parent)), ast.JoinedStr):
        text = f.parent[id(parent)]
    else:
        return ""
    outer = f.parent.get(id(text))
    if isinstance(outer, ast.Call) and any(a is text for a in shown_values(outer)) or isinstance(outer, ast.Expr):
        return ""  # shown, not kept (print(f"{r}"), logger.info(str(r)))
    return (ast.get_source_segment(f.source, text) or ast.unparse(text))[:60]


def _history_item(f, node) -> bool:
    """Is the dict put where a message history is built: appended / inserted into a list, bound to a
    name, returned, yielded (not handed to ``json.dumps`` or a logger: re-review of held-out 7, R3)?"""
    child = node
    for parent in ancestors_of(f, node):
        if isinstance(parent, (ast.List, ast.Tuple, ast.Starred)) or _concatenation(parent):
            child = parent
            continue
        if isinstance(parent, ast.Call):
            return isinstance(parent.func, ast.Attribute) and parent.func.attr in ("append", "extend", "insert") \
                and child is not parent.func
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name) \
                and f.scope_of.get(id(parent), ()):
            # `msg = {"role": role, "name": name, ...}` read only as another library's argument (`mem.add([msg])`,
            # mem0's actor id): no history (held-out review 139, X5: "put the name in the content" broke mem0)
            scope, name = f.scope_of[id(parent)], parent.targets[0].id
            loads = [n for n in f.nodes if isinstance(n, ast.Name) and n.id == name and
                     isinstance(n.ctx, ast.Load) and f.scope_of.get(id(n), ()) == scope]
            return not loads or not all(_handed_to_another_library(f, n) for n in loads)
        return isinstance(parent, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Yield))
    return False


def _handed_to_another_library(f, load) -> bool:
    """Is ``load`` (alone or in a list literal) a positional argument of a method call that builds no history and
    sends no chat (``mem.add([msg], ...)``)?"""
    child = load
    for parent in ancestors_of(f, load):
        if isinstance(parent, (ast.List, ast.Tuple)):
            child = parent
            continue
        return isinstance(parent, ast.Call) and any(a is child for a in parent.args) and \
            isinstance(parent.func, ast.Attribute) and parent.func.attr not in _HISTORY_METHODS
    return False


# methods whose positional argument may be a message history (a list's own, LangChain's runnables, SDK calls)
_HISTORY_METHODS = frozenset({"append", "extend", "insert", "invoke", "ainvoke", "stream", "astream", "batch",
                              "abatch", "create", "acreate", "complete", "complete_async", "parse", "add_message",
                              "add_messages", "add_user_message", "add_ai_message", "format_messages", "chat"})


def _only_configures(f, holder: ast.Assign) -> bool:
    """``KEY = os.getenv("OPENAI_API_KEY")`` whose every read is ``openai.api_key = KEY`` (or api_base /
    base_url): that setting's own TODO covers it (re-review: two TODOs for one concern)."""
    if len(holder.targets) != 1 or not isinstance(holder.targets[0], ast.Name):
        return False
    loads = [n for n in _loads_of(f, holder.targets[0].id)]
    return bool(loads) and all(
        isinstance(f.parent.get(id(n)), ast.Assign) and f.parent[id(n)].value is n and all(
            isinstance(t, ast.Attribute) and t.attr in ("api_key", "api_base", "base_url")
            for t in f.parent[id(n)].targets) for n in loads)


def _concatenation(node) -> bool:
    """``a + b``: a list of messages built by concatenating lists."""
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)


def _name_feeds_messages(f, name: str, scope, call_verdict) -> bool:
    fed = False
    for load in _loads_of(f, name):
        # read where it is bound, or in a function that sees that binding (a module's few-shot EXAMPLES
        # passed by the function that calls: probe x2 / l01, ids left as OpenAI's, a 400 on every call)
        if f.scope_of.get(id(load), ()) == scope or (scope == () and _lookup_scope(f, load) == scope):
            parent = f.parent.get(id(load))
            while _concatenation(parent) or isinstance(parent, ast.Starred) or (
                    isinstance(parent, (ast.List, ast.Tuple)) and isinstance(f.parent.get(id(parent)), (
                        ast.keyword, ast.BinOp))):  # messages=EXAMPLES + [question], messages=[*EXAMPLES, q]
                parent = f.parent.get(id(parent))
            if isinstance(parent, ast.keyword) and parent.arg == "messages":
                if call_verdict(f.parent.get(id(parent))) != CONVERT:
                    return False
                fed = True
            elif isinstance(parent, ast.Attribute) and parent.attr in ("append", "extend", "insert", "copy"):
                continue
            else:
                return False
    return fed


def _response_derived(builder, f, node, call_verdict, depth: int = 0, partly: bool = False) -> bool:
    """Is ``node`` (the object whose attribute is read) part of a converted call's response? With
    ``partly``: may it be (one of the values that reach it is)?"""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    if isinstance(node, ast.Await):
        node = node.value
    if isinstance(node, ast.Call):
        if node.args and depth <= 6 and _qualified_callee(f, node) in _AWAIT_THROUGH | _TASK_MAKERS:
            # `await asyncio.wait_for(<call>, 30)`, `task = asyncio.create_task(<call>)` ... `await task` (held-out
            # review 56, V9): the awaited value is the call's response
            return _response_derived(builder, f, node.args[0], call_verdict, depth + 1, partly)
        return call_verdict(node) == CONVERT
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and depth <= 6:
        # `message.tool_calls or []`: the response's part, or an empty fallback (re-review 41, T2)
        parts = [v for v in node.values if not (isinstance(v, (ast.List, ast.Tuple, ast.Dict)) and not
                                                 getattr(v, "elts", getattr(v, "keys", None)))]
        return bool(parts) and all(_response_derived(builder, f, v, call_verdict, depth + 1, partly) for v in parts)
    if not isinstance(node, ast.Name) or depth > 6:
        return False
    iterated = _comprehension_iterable(f, node)  # `[t.bytes for t in tok.top_logprobs]`
    if iterated is not None:
        return _response_derived(builder, f, iterated, call_verdict, depth + 1, partly)
    scope = f.scope_of.get(id(node), ())
    found = builder.lookup_scope(f, scope, node.id)
    if found is None or (found, node.id) not in f.assigns:
        return False
    # the bindings that can reach this read: a plain assignment earlier in the statement list holding
    # the read hides the others (a notebook's `response = client.chat...` then `response.system_fingerprint`,
    # with `response = get_response(...)` in a later cell)
    values = reaching(f, found, node, f.assigns[(found, node.id)])
    if not values:
        return False
    derived = [value is not None and _response_derived(
        builder, f, value.iter if isinstance(value, (ast.For, ast.AsyncFor)) else value, call_verdict, depth + 1)
        for value in values]  # a for-loop target: the loop's iterable
    return any(derived) if partly else all(derived)




def _comprehension_iterable(f, name: ast.Name) -> Optional[ast.AST]:
    """What the comprehension around ``name`` iterates, where ``name`` is its loop variable."""
    for parent in ancestors_of(f, name):
        if isinstance(parent, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            for generator in parent.generators:
                if isinstance(generator.target, ast.Name) and generator.target.id == name.id:
                    return generator.iter
        if isinstance(parent, ast.stmt):
            break
    return None


def _logprob_token(builder, f, node, depth: int = 0) -> bool:
    """Is ``node`` reached through a response's ``.logprobs`` (``r.choices[0].logprobs.content[0]``, a
    loop or comprehension variable over it, a name assigned from it)?"""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute) and node.attr in ("logprobs", "top_logprobs"):
            return True
        node = node.value
    if not isinstance(node, ast.Name) or depth > 6:
        return False
    iterated = _comprehension_iterable(f, node)
    if iterated is not None:
        return _logprob_token(builder, f, iterated, depth + 1)
    found = builder.lookup_scope(f, f.scope_of.get(id(node), ()), node.id)
    if found is None or (found, node.id) not in f.assigns:
        return False
    values = reaching(f, found, node, f.assigns[(found, node.id)])
    return bool(values) and all(value is not None and _logprob_token(
        builder, f, value.iter if isinstance(value, (ast.For, ast.AsyncFor)) else value, depth + 1) for value in values)


def _file_api(f) -> bool:
    """Does the module call a files / batches method MIG119 maps (codemods._facts: facts.file_api)?"""
    found = getattr(f, "_file_api", None)
    if found is None:
        found = f._file_api = any(isinstance(n, ast.Call) and file_surface_of(n) is not None for n in f.nodes)
    return found


def _converts_batch(f, call_verdict) -> bool:
    """Does the module hold a batches.create that MIG119 converts (its batch input lines follow it)?"""
    found = getattr(f, "_converts_batch", None)
    if found is None:
        found = f._converts_batch = any(isinstance(n, ast.Call) and file_surface_of(n) == "batches.create" and
                                        call_verdict(n) == CONVERT for n in f.nodes)
    return found


def _converts_responses(f, call_verdict, memo_file: dict) -> bool:
    """Does a Responses call of this module convert (asked once per module: ``memo_file``)?"""
    if "responses" not in memo_file:
        memo_file["responses"] = any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and
            n.func.attr in ("create", "parse") and isinstance(n.func.value, ast.Attribute) and
            n.func.value.attr == "responses" and call_verdict(n) == CONVERT for n in f.nodes)
    return memo_file["responses"]


def _unset_guard_answer(f, node: ast.Compare, call_verdict, memo_file: dict) -> str:
    """"test" / "value" where ``node`` (``r.usage is not None``, ``usage is None``) tests a field of
    UNSET_MODEL_FIELDS read off a converted Responses result, in a condition (``if`` / ``while`` / ternary /
    ``assert`` / comprehension ``if``, through ``and`` / ``or`` / ``not``) or elsewhere; else "". A name is
    traced when each of its plain assignments in the scope is such a read or None, and it is no parameter
    (held-out review 79, X2: Mistral's ``usage`` is ``Unset()`` when absent, which ``is not None`` lets through)."""
    if not _converts_responses(f, call_verdict, memo_file):
        return ""

    def field_read(value) -> bool:
        return isinstance(value, ast.Attribute) and value.attr in UNSET_MODEL_FIELDS and \
            _converted_response(f, value.value, call_verdict)

    left = node.left
    if isinstance(left, ast.Name):
        scope = f.scope_of.get(id(left), ())
        if (scope, left.id) in f.params:
            return ""
        values = []
        for n in f.nodes:
            if isinstance(n, ast.Name) and n.id == left.id and not isinstance(n.ctx, ast.Load) and \
                    f.scope_of.get(id(n), ()) == scope:
                owner = _plain_assign(f, n)
                if owner is None:
                    return ""  # a loop target, an augmented assignment, a `del`
                values.append(owner.value)
        if not any(field_read(v) for v in values) or not all(
                field_read(v) or isinstance(v, ast.Constant) and v.value is None for v in values):
            return ""
    elif not field_read(left):
        return ""
    child, parent = node, f.parent.get(id(node))
    while isinstance(parent, ast.BoolOp) or isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.Not):
        child, parent = parent, f.parent.get(id(parent))
    test = isinstance(parent, (ast.If, ast.While, ast.IfExp, ast.Assert)) and parent.test is child or \
        isinstance(parent, ast.comprehension) and any(c is child for c in parent.ifs)
    return "test" if test else "value"


def _converted_response(f, node, call_verdict, fim: bool = False) -> bool:
    """Is ``node`` the result of a converted ``responses.create`` / ``parse`` call: the call itself (awaited or
    not), or a name whose reaching plain assignment is one (migrator.plan.build.reaching_assign)?"""
    if isinstance(node, ast.Await):
        node = waited_on(f, node.value)
    if isinstance(node, ast.Name):
        assign = reaching_assign(f, node)
        node = assign.value if assign is not None else None
        if isinstance(node, ast.Await):  # (through asyncio.wait_for / shield: held-out review 40, S1)
            node = waited_on(f, node.value)
    func = node.func if isinstance(node, ast.Call) else None
    if fim:  # a legacy completions.create (not chat.completions.create) that MIG112 converts
        return (isinstance(func, ast.Attribute) and func.attr == "create" and isinstance(func.value, ast.Attribute)
                and func.value.attr == "completions"
                and not (isinstance(func.value.value, ast.Attribute) and func.value.value.attr == "chat")
                and call_verdict(node) == CONVERT)
    return (isinstance(func, ast.Attribute) and func.attr in ("create", "parse")
            and isinstance(func.value, ast.Attribute) and func.value.attr == "responses"
            and call_verdict(node) == CONVERT)


def _unread_store(builder, f, load) -> bool:
    """``self.model = model`` (``load``: the value) where no module of the tree reads ``.model``: kept, never read,
    it sends nothing (held-out review 115, X4: it kept an embeddings default unmapped, its TODO blaming "a comparison,
    another call")."""
    holder = f.parent.get(id(load))
    if not (isinstance(holder, ast.Assign) and holder.value is load and len(holder.targets) == 1 and
            isinstance(holder.targets[0], ast.Attribute) and isinstance(holder.targets[0].value, ast.Name) and
            holder.targets[0].value.id == "self"):
        return False
    attr = holder.targets[0].attr
    return not any(attr in g.source and any(isinstance(n, ast.Attribute) and n.attr == attr and
                                            isinstance(n.ctx, ast.Load) for n in g.nodes) for g in builder.files) and \
        not (builder.unread is not None and builder.unread.read_elsewhere(attr, f.module.rsplit(".", 1)[-1]))


def _model_slot(builder, f, name_node):
    """("const", X) / ("default", scope, X) / ("local", scope, X) when X's string value only ever
    reaches ``model=`` of converted calls, so mapping it where it is set is safe."""
    scope = f.scope_of.get(id(name_node), ())
    found = builder.lookup_scope(f, scope, name_node.id)
    if found is None:
        return None
    name = name_node.id
    extra = None
    if (found, name) in f.params:
        if len(found) in (1, 2):
            # a function or class (its constructor or a method: `Service().ask(q, model="gpt-4o")`, re-review 50, J4)
            # whose callers choose the model: its importers are read too (engine.companions)
            builder.model_callees.setdefault(f.path, set()).add(found[0])
            if len(found) == 2 and found[-1] != "__init__":
                # a method: the functions of the tree returning an instance (a provider factory, `return
                # OpenAIService()`) are imported by the modules that call it (held-out review 71, X1: the caller
                # passing the request's model was not read, and the default alone was mapped, silently)
                for g, function in _instance_factories(builder, found[0]):
                    builder.model_callees.setdefault(g.path, set()).add(function)
        # read otherwise too (`if model not in SUPPORTED_MODELS: raise ValueError`): no value reaching it is mapped (its
        # default's constant, its callers' literals), and the call keeps its TODO (held-out review 149, X1:
        # DEFAULT_MODEL was mapped where set, and every default call raised ValueError; the check at the end came
        # after those were registered)
        read_otherwise = any(builder.lookup_scope(f, f.scope_of.get(id(load), ()), name) == found and
                             not _sends_model(builder, f, load) and not _logged(f, load) and
                             not _unread_store(builder, f, load) for load in _loads_of(f, name))
        slot = ("default", found, name)
        region = f.scopes.get(found)
        callarg = _callarg_slot(builder, f, found, name) if not read_otherwise else None
        if callarg is None and not read_otherwise and len(found) == 2 and found[-1] == "__init__" and \
                _constructor_literals_only(builder, f, found, name):
            # `EmbeddingService(model="text-embedding-3-small")` in another module, its __init__ handing the parameter
            # to the converted object: the literals its callers pass are mapped where written (held-out review 148, Y2)
            callarg = ("default", found, name)
        if callarg is not None:  # the default and the literal arguments callers pass both reach model=
            slot, extra = callarg, ("default", found, name)
            if _click_option(f, found, name) is not None:
                # `@click.option("--model", default="gpt-4o-mini")` on a command its module calls as `main()`: the
                # option's default is what reaches model= (held-out review 136, Y2: neither mapped nor said)
                builder.extra_slots.setdefault(f.path, set()).add(("argdefault", name))
        default = _param_default(f, found, name)
        if default is None and callarg is None:
            if _click_option(f, found, name) is None or _callers_pass(builder, f, found, name):
                _partial_param(builder, f, found, name, default)
                return None  # what callers pass is not seen here: the call keeps its TODO
            # `@click.option("--model", default="gpt-4o-mini")` on the function: the option's default is what its
            # command line leaves, mapped where it is declared (held-out review 128, Y3: argparse's was, click's not)
            extra = ("argdefault", name)  # (and the call's model= is set elsewhere: the "default" slot)
        if callarg is None and _callers_pass(builder, f, found, name):
            # a caller passes its own value (forwards its default, computes one): the default is not all that
            # reaches model=, so the call keeps its TODO (held-out review 26, D1: Mistral got "gpt-4o" silently);
            # the literals that do reach it are mapped where they are written
            _partial_param(builder, f, found, name, default)
            return None
        if isinstance(default, ast.Name) and not f.assigns.get(((), default.id)) and default.id in f.repo_imports:
            # `from src.constants import CHAT_MODEL` ... `def complete(messages, model: str = CHAT_MODEL)`: mapped where
            # it is set, if only this reads it (held-out review 109, X4: "computed at run time", and gpt-3.5-turbo sent)
            if read_otherwise or not _default_name_slot(builder, f, default):
                return None
        elif isinstance(default, ast.Name):  # `def f(q, model=EMBEDDING_MODEL)`: map the constant, if only this reads it
            constant = _default_constant(builder, f, default, register=not read_otherwise, own=True)
            if constant is None or read_otherwise:
                return None
            builder.extra_slots.setdefault(f.path, set()).add(constant)
        elif isinstance(default, ast.Attribute) and isinstance(default.value, ast.Name):
            # `def get_embedding(text, model=Config.EMBEDDING_MODEL)`: the class field's default, mapped where the class
            # declares it when nothing else reads the field (held-out review 51, L5)
            if not _field_slots(builder, f, default, via=default):
                return None
        elif default is not None and not _string_source(default) and not _cli_option_default(default):
            return None
    elif found == () and name in f.repo_imports and (found, name) not in f.assigns:
        return _imported_constant(builder, f, name)
    elif (found, name) in f.assigns:
        values = f.assigns[(found, name)]
        loop = _model_loop(builder, f, found, name, values)
        if loop is not None:  # `for model in ["gpt-4o", "gpt-4o-mini"]:` / `for model in MODELS:`
            extra = loop
        elif len(values) == 1 and _env_default_constant(builder, f, values[0]) is not None:
            extra = _env_default_constant(builder, f, values[0])  # os.getenv("EMBEDDING_MODEL", DEFAULT_MODEL)
        elif len(values) == 1 and isinstance(values[0], ast.Attribute) and \
                (options := _argparse_slots(builder, f, values[0])):
            # `MODEL = args.model`: the option's default (and choices) mapped where declared (held-out review 130, Y6:
            # "computed at run time", and the default "gpt-4" went to Mistral)
            builder.extra_slots.setdefault(f.path, set()).update(options)
            return ("const", name) if found == () else ("local", found, name)
        elif len(values) == 1 and isinstance(values[0], ast.BoolOp) and isinstance(values[0].op, ast.Or) and \
                (fields := _fields_or_fallback(builder, f, values[0])):
            # `DEFAULT_MODEL = settings.OPENAI_MODEL or "gpt-4o-mini"`: the settings field's default mapped where the
            # class declares it (and its env examples), the fallback here (held-out review 155, X5: "computed at run
            # time", and the default path sent gpt-4o-mini to Mistral)
            builder.extra_slots.setdefault(f.path, set()).update(fields)
        elif not all(v is not None and _string_source(v) for v in values):
            return None
        elif any(isinstance(v, ast.Constant) and isinstance(v.value, str) and
                 map_model(v.value, getattr(builder, "models", None)) is None for v in values):
            # `model_name = "GPT_MODEL"`: no model migrator knows, left as it is: the call's TODO says so (held-out
            # review 131, Y4: mapped "where it is set" and silent, Mistral answering 4xx)
            return None
        if loop is None and not all(_plain_binding(f, v) for v in values):
            return None  # `A, B = "gpt-4o", ...` / `(m := "gpt-4o")`: the rules map only `NAME [: T] = value`
        slot = ("const", name) if found == () else ("local", found, name)
        region = f.tree if found == () else f.scopes.get(found)
    else:
        return None
    if region is None:
        return None
    shared = False  # also the model= of a call kept on OpenAI (or another server)
    for load in _loads_of(f, name):
        if builder.lookup_scope(f, f.scope_of.get(id(load), ()), name) == found and \
                not _sends_model(builder, f, load) and not _logged(f, load) and not _unread_store(builder, f, load):
            if slot[0] == "const" and _kept_model_argument(builder, f, load):
                shared = True
                continue
            return None
    if shared:
        # `WHISPER = "whisper-1"` read by a converted call and by a call kept on a local server (held-out review 83,
        # X6): the constant stays the kept call's, and each converted call is given the mapped literal of its own
        values = f.assigns.get(((), name), [])
        others = _other_reads(builder, f, name)
        if others and all(g is f and _kept_model_argument(builder, f, load) for g, load in others) and \
                len(values) == 1 and isinstance(values[0], ast.Constant) and isinstance(values[0].value, str):
            builder.extra_slots.setdefault(f.path, set()).add(("ownliteral", name, values[0].value))
        return None
    if found == () and not _only_models_read(builder, f, name):
        return None  # imported elsewhere, and read there other than as model= of a converted call
    if extra is not None:
        builder.extra_slots.setdefault(f.path, set()).add(extra)
    return slot


def _model_table_slot(builder, f, value):
    """("table", NAME) for ``model=MODELS[tier]`` where MODELS is a module-level dict bound once to string values,
    read nowhere else than as the subscripted model= of converted calls (its values are mapped where it is set:
    held-out review 110, X2, `MODELS = {"fast": "gpt-4o-mini", "smart": "gpt-4o"}` sent OpenAI's names to Mistral,
    "computed at run time"); else None."""
    if not (isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name)) or \
            builder.lookup_scope(f, f.scope_of.get(id(value), ()), value.value.id) != ():
        return None
    name = value.value.id
    bound = f.assigns.get(((), name), [])
    if len(bound) != 1 or not isinstance(bound[0], ast.Dict) or not bound[0].values or \
            not all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in bound[0].values) or \
            any(k is None or isinstance(k, ast.Constant) and isinstance(k.value, str) and
                slot_model_literal(k.value, None) not in (None, k.value) for k in bound[0].keys) or \
            _imported_elsewhere(builder, f, name):
        return None  # (keys that are model names themselves: a table about OpenAI's models, a price list)
    for load in _loads_of(f, name):
        if builder.lookup_scope(f, f.scope_of.get(id(load), ()), name) != ():
            continue
        holder = f.parent.get(id(load))
        if not (isinstance(holder, ast.Subscript) and holder.value is load and _sends_model(builder, f, holder)):
            return None
    return ("table", name)


def _dict_entry_slot(builder, f, value):
    """(module, ("dictkey", NAME, key)) for ``model=env_vars["gpt_model"]`` where NAME is a module-level dict of this
    module or one it imports, bound once to a literal whose entry for that key is a string source naming a model
    (``os.environ.get("GPT_MODEL") or "gpt-3.5-turbo"``), and every subscript of NAME by that key in the modules read
    is a converted call's model=: the entry's literals are mapped where it is set (held-out review 155, Y4: the
    default went to Mistral, "computed at run time"); the call keeps its TODO for what the environment gives. Else
    None."""
    if not (isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and
            isinstance(value.slice, ast.Constant) and isinstance(value.slice.value, str)) or \
            builder.lookup_scope(f, f.scope_of.get(id(value), ()), value.value.id) != ():
        return None
    local, key = value.value.id, value.slice.value
    if local in f.repo_imports and ((), local) not in f.assigns:
        found = builder.resolve_through(f, local)
        if found is None:
            return None
        g, name = found
    else:
        g, name = f, local
    bound = g.assigns.get(((), name), [])
    if len(bound) != 1 or not isinstance(bound[0], ast.Dict) or None in bound[0].keys:
        return None
    entry = next((v for k, v in zip(bound[0].keys, bound[0].values)
                  if isinstance(k, ast.Constant) and k.value == key), None)
    literals = [n.value for n in ast_walk(entry) if isinstance(n, ast.Constant) and isinstance(n.value, str)] \
        if entry is not None else []
    if entry is None or not _string_source(entry) or not any(
            slot_model_literal(text, getattr(builder, "models", None)) not in (None, text) for text in literals):
        return None
    if builder.unread is not None and builder.unread.read_elsewhere(name, g.module.rsplit(".", 1)[-1]):
        return None
    for h in builder.files:
        if name not in h.source and (h is not f or local not in h.source):
            continue
        names = {name} if h is g else {alias for alias, (_, _, imported) in h.repo_imports.items()
                                       if imported == name and builder.resolve_through(h, alias) == (g, name)}
        for node in h.nodes:
            if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
                holder = h.parent.get(id(node))
                if isinstance(holder, ast.Subscript) and holder.value is node:
                    if isinstance(holder.slice, ast.Constant) and holder.slice.value == key and \
                            not (isinstance(holder.ctx, ast.Load) and _sends_model(builder, h, holder)):
                        return None  # (read otherwise, or written: not only what is sent)
                    if not isinstance(holder.slice, ast.Constant):
                        return None  # (a key computed at run time may be this one)
                elif not isinstance(holder, (ast.Attribute,)) or holder.attr not in ("get", "items", "keys", "values"):
                    return None  # (handed around whole: read where migrator does not follow it)
                elif holder.attr == "get":
                    return None
    return g.path, ("dictkey", name, key)  # (the slot the codemods map a getter's defaults dict by: 117, X1)


def _model_loop(builder, f, scope, name: str, values: list):
    """The slot that maps the names a ``for name in ...`` loop (the only binding of ``name`` in its
    scope) iterates over, when they are written right there: an inline list or tuple of strings
    (("loop", scope, name): the loop's iterable is the slot), or a name bound once to one and read only
    by this loop (its slot). Held-out review 3 (csalvador58): a table of models compared in a loop got
    two TODOs, one for the table and one for model=model "computed at run time"."""
    if len(values) != 1 or not isinstance(values[0], (ast.For, ast.AsyncFor)):
        return None
    loop = values[0]
    if not (isinstance(loop.target, ast.Name) and loop.target.id == name):
        return None

    def strings(node, names: bool = False) -> bool:
        return isinstance(node, (ast.List, ast.Tuple)) and bool(node.elts) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) or names and isinstance(e, ast.Name)
            for e in node.elts) and any(isinstance(e, ast.Constant) for e in node.elts)

    if strings(loop.iter):
        return ("loop", scope, name)
    if not isinstance(loop.iter, ast.Name):
        return None
    table = loop.iter.id
    where = builder.lookup_scope(f, f.scope_of.get(id(loop), ()), table)
    bound = f.assigns.get((where, table), []) if where is not None else []
    if len(bound) != 1 or not strings(bound[0], names=True) or \
            (where == () and _imported_elsewhere(builder, f, table)):
        return None
    if any(load is not loop.iter for load in _loads_of(f, table)
           if builder.lookup_scope(f, f.scope_of.get(id(load), ()), table) == where):
        return None  # the table is read elsewhere too (printed, indexed): it may describe OpenAI's models
    # `models = [CHAT_MODEL, "gpt-4o-mini", "gpt-4-turbo"]`, a fallback list headed by a constant (an env read with an
    # OpenAI default): each name in it is mapped where it is set, or the list keeps its names and the call its TODO
    # (held-out review 108, X4: every attempt failed against Mistral, and the except hid why)
    heads = [_model_slot(builder, f, e) for e in bound[0].elts if isinstance(e, ast.Name)]
    if any(slot is None for slot in heads):
        return None
    builder.extra_slots.setdefault(f.path, set()).update(heads)
    return ("const", table) if where == () else ("local", where, table)


def _system_message(node, role: str = "system") -> bool:
    """``{"role": "system", ...}`` (``role``: an assistant message without "prefix" or tool calls, for the trailing
    assistant check)."""
    if not isinstance(node, ast.Dict) or _dict_constants(node).get("role") != role:
        return False
    return role != "assistant" or not any(isinstance(k, ast.Constant) and k.value in ("prefix", "tool_calls")
                                          for k in node.keys)


def _ends_with_system(node, f=None, scope=(), role: str = "system") -> bool:
    """``[..., {"role": "system", ...}]``, or ``history + [...]`` ending so; with the module ``f``, also a name
    bound once in ``scope`` to such a list (``extra = [{"role": "system", ...}]; ctx = ctx + extra``) and a call of a
    function of the module one of whose returns is such a list (``ctx += image_context(found)``; held-out review 55,
    T2: Mistral rejects a last system message, silently)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _ends_with_system(node.right, f, scope, role=role)
    if f is not None and isinstance(node, ast.Name):
        values = f.assigns.get((scope, node.id), [])
        if len(values) == 1 and unpacked(values[0]):  # `url, extra = await image_context(h)` (held-out review 57, X1)
            return _unpacked_system(f, scope, node.id, role=role)
        return len(values) == 1 and _ends_with_system(values[0], role=role)
    if f is not None and isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            ((), node.func.id) in f.defs:
        return bool(_returns_system(f, f.defs[((), node.func.id)], None, role=role))
    if isinstance(node, ast.IfExp):  # `history + [SYSTEM] if brief else history` (held-out review 59, X1)
        return _ends_with_system(node.body, f, scope, role=role) or \
            _ends_with_system(node.orelse, f, scope, role=role)
    if f is not None and isinstance(node, ast.List) and node.elts:
        return _system_element(f, scope, node.elts[-1], role=role) is not None
    return isinstance(node, ast.List) and bool(node.elts) and _system_message(node.elts[-1], role=role)


def _list_end_system(f, scope, node, depth: int = 0, role: str = "system") -> Optional[str]:
    """How the list of messages ``node`` (read in ``scope`` of module ``f``) can end with a system message: its last
    element is one (_system_element), a module function returning a list ending so gives it, a branch of a
    conditional ends so, a name bound once to such a list, a parameter a caller in the module gives such a list
    (held-out review 59, X1); else None."""
    if depth > 3:
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _list_end_system(f, scope, node.right, depth + 1, role=role)
    if isinstance(node, ast.IfExp):
        return _list_end_system(f, scope, node.body, depth + 1, role=role) or \
            _list_end_system(f, scope, node.orelse, depth + 1, role=role)
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        last = node.elts[-1]
        if isinstance(last, ast.Starred):
            return _list_end_system(f, scope, last.value, depth + 1, role=role)
        return _system_element(f, scope, last, role=role)
    call = node.value if isinstance(node, ast.Await) else node
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and ((), call.func.id) in f.defs and \
            _returns_system(f, f.defs[((), call.func.id)], None, role=role):
        return f"{call.func.id}() returns a list ending with one"
    if isinstance(node, ast.Name) and id(node) in f.scope_of:
        here = f.scope_of[id(node)]
        where = here if (here, node.id) in f.params else _lookup_scope(f, node)
        values = f.assigns.get((where, node.id), []) if where is not None else []
        built = _system_last(f, where, node.id, node.lineno, role=role) if where is not None and values else None
        if built is not None:  # `messages = list(history); messages.append({...})` (held-out review 87, X2)
            return built
        if len(values) == 1 and values[0] is not None:
            found = _list_end_system(f, where, values[0], depth + 1, role=role)
            return f"{node.id} = ... ({found})" if found else None
        if where is not None and len(where) == 1 and (where, node.id) in f.params and not values:
            order = f.param_order.get(where) or []
            index = order.index(node.id) if node.id in order else -1
            for caller in f.nodes:  # `reply(history, [{"role": "system", ...}])` in this module
                if not (isinstance(caller, ast.Call) and isinstance(caller.func, ast.Name) and
                        caller.func.id == where[0]):
                    continue
                given = next((kw.value for kw in caller.keywords if kw.arg == node.id), None)
                if given is None and 0 <= index < len(caller.args):
                    given = caller.args[index]
                if given is not None and \
                        _list_end_system(f, f.scope_of.get(id(caller), ()), given, depth + 1, role=role):
                    return f"a call of {where[0]}() gives {node.id} one last"
    return None


def _system_element(f, scope, node, role: str = "system") -> Optional[str]:
    """How the message ``node`` of module ``f`` (read in ``scope``) is a system message: a dict literal, a name bound
    once to one (``SYSTEM = {"role": "system", ...}``), a call of a module function one of whose returns is one
    (``get_system_message()``; held-out review 58, X3: `history + [get_system_message()]` reached Mistral, a 400 on
    every request); else None."""
    if _system_message(node, role=role):
        return f"a{'n' if role == 'assistant' else ''} {role} message written there"
    if isinstance(node, ast.Name):
        where = _lookup_scope(f, node) if id(node) in f.scope_of else scope
        values = f.assigns.get((where, node.id), []) if where is not None else []
        if len(values) == 1 and _system_message(values[0], role=role):
            return f"{node.id} is one"
        value = values[0].value if len(values) == 1 and isinstance(values[0], ast.Await) else \
            values[0] if len(values) == 1 else None
        if isinstance(value, ast.Call) and _system_element(f, where, value, role=role) is not None:
            # `sys_msg = get_sys()` (review 59, X1)
            return f"{node.id} = {_system_element(f, where, value, role=role)}"
        return None
    call = node.value if isinstance(node, ast.Await) else node
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and ((), call.func.id) in f.defs:
        fn = f.scopes.get(f.defs[((), call.func.id)])
        returns = [r.value for r in ast_walk(fn) if isinstance(r, ast.Return) and r.value is not None] \
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
        if any(not isinstance(value, ast.Call) and
               _system_element(f, f.defs[((), call.func.id)], value, role=role) is not None
               for value in returns):  # (a return of a call is not followed: no recursion)
            return f"{call.func.id}() returns one"
    return None


def _returns_system(f, fn_scope, index: Optional[int], role: str = "system") -> bool:
    """Does a return of the module's function at ``fn_scope`` give a list that can end with a system message (its
    ``index``-th value, for a tuple return): the list written there, or the name returned as its last build step
    before the return left it (``image_context = [{"role": "system", ...}]`` in a branch)?"""
    fn = f.scopes.get(fn_scope)
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for ret in (n for n in ast_walk(fn) if isinstance(n, ast.Return) and n.value is not None):
        value = ret.value
        if index is not None:
            if not (isinstance(value, ast.Tuple) and len(value.elts) > index):
                continue
            value = value.elts[index]
        if _ends_with_system(value, role=role) or isinstance(value, ast.Name) and \
                _system_last(f, fn_scope, value.id, ret.lineno, role=role) is not None:
            return True
    return False


def _unpacked_system(f, scope, name: str, role: str = "system") -> bool:
    """``name`` bound by unpacking a call of a function of the module (``url, extra = await image_context(h)``) whose
    value at that place can end with a system message."""
    for node in f.nodes:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple)
                and f.scope_of.get(id(node), ()) == scope):
            continue
        names = [t.id if isinstance(t, ast.Name) else None for t in node.targets[0].elts]
        value = node.value.value if isinstance(node.value, ast.Await) else node.value
        if name in names and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and \
                ((), value.func.id) in f.defs:
            return _returns_system(f, f.defs[((), value.func.id)], names.index(name), role=role)
    return False


def _sometimes(f, node, before: int, built: frozenset = frozenset()) -> bool:
    """Does the statement ``node`` run only on some paths to line ``before`` (under an ``if`` of its function that
    does not also hold that line)? (Not a loop: `for turn in history: messages.append(turn)` is the history, as
    `[system] + history` is.) An ``if`` each of whose branches holds a statement of ``built`` (ids of the list's
    builders: `if isinstance(m, str): msgs.append({...}) else: msgs.append(m)`) always builds (held-out review 162,
    Y3: a false "can end with a system message" TODO)."""
    for parent in ancestors_of(f, node):
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)):
            return False
        if isinstance(parent, ast.If) and \
                not parent.lineno <= before <= (parent.end_lineno or parent.lineno) and \
                not _every_branch_builds(parent, built):
            return True
    return False


def _every_branch_builds(node: ast.If, built: frozenset) -> bool:
    """Does each branch of ``node`` (its body, each elif's, its else) hold a statement whose id is in ``built``?"""
    def holds(body: list) -> bool:  # (a statement of the branch itself, not one under a nested if / loop / try that
        # may not run: review of session 87, `if msg.strip(): append` left the system message last, silently)
        return any(id(statement) in built or isinstance(statement, ast.If) and
                   _every_branch_builds(statement, built) for statement in body)

    if not built or not holds(node.body) or not node.orelse:
        return False
    if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If):
        return _every_branch_builds(node.orelse[0], built)
    return holds(node.orelse)


def _names(node, name: str) -> bool:
    """Is ``node`` the variable ``name``, or the dotted / subscripted holder whose text it is
    (``st.session_state.messages``, ``st.session_state["messages"]``)?"""
    if isinstance(node, ast.Name):
        return node.id == name
    return isinstance(node, (ast.Attribute, ast.Subscript)) and ("." in name or "[" in name) and \
        ast.unparse(node) == name


def _system_last(f, scope, name: str, before: int, role: str = "system") -> Optional[str]:
    """Where the last statement of ``scope`` before line ``before`` that builds or extends the list ``name``
    (``x = ...``, ``x += [...]``, ``x.append(...)``, ``x.extend([...])``) ends it with a system message: its
    code, else None. ``name``: a variable, or a dotted holder's text (``st.session_state.messages``)."""
    last: Optional[tuple[int, bool, ast.AST]] = None
    builders: list = []
    for node in f.nodes:
        if not isinstance(node, (ast.Assign, ast.AugAssign, ast.Expr)) or f.scope_of.get(id(node), ()) != scope or \
                node.lineno >= before:
            continue
        if isinstance(node, ast.Assign) and any(_names(t, name) for t in node.targets):
            system = _ends_with_system(node.value, f, scope, role=role)
        elif isinstance(node, ast.AugAssign) and _names(node.target, name):
            system = isinstance(node.op, ast.Add) and _ends_with_system(node.value, f, scope, role=role)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
                isinstance(node.value.func, ast.Attribute) and _names(node.value.func.value, name) and \
                node.value.func.attr in ("append", "extend") and node.value.args:
            added = node.value.args[0]
            system = _system_element(f, scope, added, role=role) is not None \
                if node.value.func.attr == "append" else \
                _ends_with_system(added, f, scope, role=role)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
                isinstance(node.value.func, ast.Attribute) and _names(node.value.func.value, name) and \
                node.value.func.attr == "insert" and \
                len(node.value.args) == 2 and isinstance(node.value.args[0], ast.Constant) and \
                isinstance(node.value.args[0].value, int) and node.value.args[0].value >= 1 and \
                _system_element(f, scope, node.value.args[1], role=role) is None:
            # `msgs = [system]; for m in reversed(history): msgs.insert(1, m)`: the turns go after the instruction,
            # the last one ends the list, as an append would (held-out review 112, X3: a false "can end with a
            # system message" TODO)
            system = False
        else:
            continue
        builders.append((node.lineno, system, node))
    # the last builder decides, unless it runs only sometimes (`if user_input is not None: messages.append(user)`):
    # then the list may end as the one before it left it (held-out review 135, Y4: a system-only list reached Mistral
    # on the app's main path, with no TODO)
    built = frozenset(id(node) for _line, system, node in builders if not system)
    for line, system, node in sorted(builders, key=lambda b: b[0], reverse=True):
        if system:
            last = (line, system, node)
            break
        if not _sometimes(f, node, before, built):
            break
    if last is None or not last[1]:
        return None
    node = last[2]
    added = node.value.right if isinstance(node, ast.Assign) and isinstance(node.value, ast.BinOp) else node.value
    if isinstance(node, (ast.Assign, ast.AugAssign)) and isinstance(added, (ast.Name, ast.Call)):
        # (a name bound to the list, a function returning it: said as written)
        told = ast.unparse(added)
        told = told if len(told) <= 60 else told[:57] + "..."
        shown = f"{name} += {told}" if isinstance(node, ast.AugAssign) else \
            f"{name} = ... + {told}" if isinstance(node.value, ast.BinOp) else f"{name} = {told}"
        return f"{shown} in {scope[-1]}()" if scope else shown
    if isinstance(node, ast.Expr) and not isinstance(node.value.args[0], ast.Dict):  # ctx.append(SYSTEM)
        told = ast.unparse(node.value.args[0])
        shown = f"{name}.{node.value.func.attr}({told if len(told) <= 60 else told[:57] + '...'})"
        return f"{shown} in {scope[-1]}()" if scope else shown
    shown = f"{name}.{node.value.func.attr}({{\"role\": \"{role}\", ...}})" if isinstance(node, ast.Expr) else \
        f"{name} += [..., {{\"role\": \"{role}\", ...}}]" if isinstance(node, ast.AugAssign) else \
        f"{name} = ... [..., {{\"role\": \"{role}\", ...}}]"
    return f"{shown} in {scope[-1]}()" if scope else shown


# calls that read a value kept outside the process (a history saved by an earlier run)
_LOADS = frozenset({"json.load", "json.loads", "pickle.load", "pickle.loads", "yaml.safe_load", "yaml.load",
                    "orjson.loads", "ujson.loads"})


def _converted_calls(files, sites, index: dict, wanted=None):
    """(module, ast call) of each converted call site of ``sites``; ``wanted(module)`` false skips a module before its
    calls are indexed. ``index``: path -> node key -> call, built when a module's first converted call is met, and
    shared by the callers."""
    by_path = {f.path: f for f in files}
    for key, answer in sites.items():
        if answer[0] != "call" or answer[1] != CONVERT or key[0] not in by_path:
            continue
        f = by_path[key[0]]
        if wanted is not None and not wanted(f):
            continue
        if f.path not in index:
            index[f.path] = {node_key(f.path, n): n for n in f.nodes if isinstance(n, ast.Call)}
        call = index[f.path].get(key)
        if call is not None:
            yield f, call


def _stored_history_calls(files, sites, index: dict) -> frozenset:
    """(path, line, what) of the converted chat calls that send tools and a ``messages=`` list loaded from storage
    where the call's function binds it (``messages = json.loads(STORE.read_text())``): a history an earlier run saved
    holds OpenAI's ``call_...`` tool-call ids, which Mistral rejects (held-out review 64, X3)."""
    found = set()
    # (a module none of whose calls sends tools, or where nothing loads: no node index to build)
    for f, call in _converted_calls(files, sites, index, lambda f: ("tools" in f.source or "functions" in f.source)
                                    and any(load in f.source for load in _LOADS)):
        if not any(kw.arg in ("tools", "functions") for kw in call.keywords):
            continue
        messages = next((kw.value for kw in call.keywords if kw.arg == "messages"), None)
        if not isinstance(messages, ast.Name):
            continue
        for value in f.assigns.get((f.scope_of.get(id(call), ()), messages.id), ()):
            loads = next((n for n in ast_walk(value) if isinstance(n, ast.Call) and
                          (dotted_name(n.func) or "") in _LOADS), None) if isinstance(value, ast.AST) else None
            helper = value.value if isinstance(value, ast.Await) else value
            if loads is None and isinstance(helper, ast.Call) and isinstance(helper.func, ast.Name) and \
                    ((), helper.func.id) in f.defs:
                # `messages = load_history(session_id)`, a function of the module returning what it loads (held-out
                # review 135, X1: the same history, one function away, had no TODO)
                fn = f.scopes.get(f.defs[((), helper.func.id)])
                returns = [r.value for r in ast_walk(fn) if isinstance(r, ast.Return) and r.value is not None] \
                    if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) else []
                loads = next((n for r in returns for n in ast_walk(r) if isinstance(n, ast.Call) and
                              (dotted_name(n.func) or "") in _LOADS), None)
                if loads is not None:
                    loaded = (f"messages={messages.id} is {helper.func.id}()'s, which loads it with "
                              f"{dotted_name(loads.func)}(...)")
                    found.add((f.path, call.lineno, loaded))
                    break
            if loads is not None and getattr(value, "lineno", call.lineno) <= call.lineno:
                loaded = f"messages={messages.id} is loaded with {dotted_name(loads.func)}(...)"
                found.add((f.path, call.lineno, loaded))
                break
    return frozenset(found)


def _trailing_system_calls(builder, files, sites, index: dict, role: str = "system") -> frozenset:
    """(path, line) of the converted chat calls whose ``messages=`` list is seen to end with a system message
    where it is built (``msgs = history + [{"role": "system", ...}]``, ``ctx.append({...})`` before the call, in the
    call's function or in a caller handing it over): Mistral answers 400 (held-out review 23, U1: only a list
    written in the call got the TODO). The call gets the trailing-system TODO, with where it ends so. ``role``
    "assistant": the same for an assistant message without "prefix" (held-out review 87, X2 / Y4)."""
    found = set()
    for f, call in _converted_calls(files, sites, index):
        messages = next((kw.value for kw in call.keywords if kw.arg == "messages"), None)
        scope = f.scope_of.get(id(call), ())
        if messages is not None and not isinstance(messages, ast.Name):
            # `messages=history + [get_system_message()]`, `[*history, SYSTEM]` (held-out review 58, X3), `history +
            # trailer()`, `history + ([SYSTEM] if brief else [])` (59, X1); a list written there ending with a dict
            # literal is the codemod's (MIG102 sees it)
            where = _list_end_system(f, scope, messages, role=role) or \
                _foreign_list_end(builder, f, scope, messages, call, role) or \
                (_system_last(f, scope, ast.unparse(messages), call.lineno, role=role) if _session_list(messages)
                 else None)
            if where is not None:
                found.add((f.path, call.lineno, where))
            continue
        if not isinstance(messages, ast.Name):
            continue
        where = _system_last(f, scope, messages.id, call.lineno, role=role) or \
            _loop_back_last(f, scope, messages.id, call, role)
        if where is None and (scope, messages.id) in f.params and (
                len(scope) == 1 or len(scope) == 2 and scope[:1] in f.classes):
            # (a method's too, `Bot().ask(history)`, and a list written at the caller: held-out review 128, Y1)
            where = _caller_system_last(builder, f, scope, messages.id, role=role)
        if where is not None:
            found.add((f.path, call.lineno, where))
    return frozenset(found)


def _session_list(node) -> bool:
    """``st.session_state.messages`` / ``st.session_state["messages"]``: a list held by a dotted holder other than
    ``self`` (whose appends ``_system_last`` follows as a variable's; held-out review 148, X1)."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Subscript) and not (isinstance(node.slice, ast.Constant) and
                                                    isinstance(node.slice.value, str)):
            return False
        node = node.value
    return isinstance(node, ast.Name) and node.id != "self"


def _foreign_list_end(builder, f, scope, messages, call, role: str) -> Optional[str]:
    """How ``messages=`` can end with a system (or assistant) message where the list comes from elsewhere (held-out
    review 130, Y1-Y3): a function of another module or a method returning one (``build_messages(...)``,
    ``self.prompt()``, ``p.read()`` of an annotated parameter), ``self.messages`` set so in the class and changed only
    after the call, or a list wrapped around one the loop ends so (``[sys] + transcript``, ``history[-10:]``,
    ``[sys, *history]``); else None."""
    value = messages.value if isinstance(messages, ast.Await) else messages
    if isinstance(value, ast.Call):
        target = None
        func = value.func
        if isinstance(func, ast.Name) and ((), func.id) not in f.defs:
            found = builder.resolve_function(f, scope, func)
            target = (found[0], found[1]) if found is not None and not found[2] else None
        elif isinstance(func, ast.Attribute):
            owner = (f, builder.class_of(f, scope)) if isinstance(func.value, ast.Name) and func.value.id == "self" \
                else _receiver_class(builder, f, func.value)
            if owner is not None and owner[1] is not None and (*owner[1], func.attr) in owner[0].scopes:
                target = (owner[0], (*owner[1], func.attr))
        if target is not None and _returns_system(target[0], target[1], None, role=role):
            return f"{ast.unparse(func)}() returns a list ending with one"
        return None
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self":
        cls = builder.class_of(f, scope)
        held = f.self_assigns.get((cls, value.attr), []) if cls is not None else []
        home = f.scopes.get(cls) if cls is not None else None
        if len(held) != 1 or held[0] is None or home is None or not _ends_with_system(held[0], role=role):
            return None
        method = f.scopes.get(scope)
        for node in ast_walk(home):  # changed only after the call, in its own method (`self.messages.append(reply)`)
            changes = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("append", "extend", "insert") and \
                ast.unparse(node.func.value) == f"self.{value.attr}"
            changes = changes or isinstance(node, (ast.AugAssign, ast.Assign)) and any(
                ast.unparse(t) == f"self.{value.attr}" or isinstance(t, ast.Subscript) and
                ast.unparse(t.value) == f"self.{value.attr}"
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])) and \
                not (isinstance(node, ast.Assign) and node.value is held[0])
            if changes and not (method is not None and any(n is node for n in ast_walk(method)) and
                                node.lineno > call.lineno):
                return None
        return f"self.{value.attr} = [...] ends with one, and nothing adds to it before this call"
    name = value.right if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add) else \
        value.value if isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Slice) else \
        value.elts[-1].value if isinstance(value, (ast.List, ast.Tuple)) and value.elts and \
        isinstance(value.elts[-1], ast.Starred) else None
    if isinstance(name, ast.Name):
        return _loop_back_last(f, scope, name.id, call, role)
    return None


def _loop_back_last(f, scope, name: str, call, role: str) -> Optional[str]:
    """A call in a loop that changes the list ``name`` only after the call (``messages.append(<assistant reply>)``,
    then ``continue``): the next turn sends the list as that change left it (held-out review 122, Y1: a JSON agent's
    "think" step looped back ending with the assistant's reply, a 400 from Mistral). Where, else None."""
    loop = next((a for a in ancestors_of(f, call) if isinstance(a, (ast.While, ast.For, ast.AsyncFor))), None)
    if loop is None or f.scope_of.get(id(loop), ()) != scope:
        return None

    def changes(node) -> bool:
        if isinstance(node, ast.Assign):
            return any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
        if isinstance(node, ast.AugAssign):
            return isinstance(node.target, ast.Name) and node.target.id == name
        return isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
            isinstance(node.value.func, ast.Attribute) and isinstance(node.value.func.value, ast.Name) and \
            node.value.func.value.id == name
    inside = [n for n in ast_walk(loop) if changes(n)]
    if not inside or any(n.lineno < call.lineno for n in inside):
        return None  # (changed before the call too: that change is what the next turn sends last)
    last = max(inside, key=lambda n: n.lineno)
    holder = f.parent.get(id(last))
    body = next((b for b in (getattr(holder, field, None) for field in ("body", "orelse", "finalbody"))
                 if isinstance(b, list) and last in b), None)
    # (`messages.append(reply)` then `return reply`: the loop only retries a failed call (132, Y3))
    retry_only = body and body.index(last) + 1 < len(body) and \
        isinstance(body[body.index(last) + 1], (ast.Return, ast.Break))
    where = None if retry_only else _system_last(f, scope, name, last.lineno + 1, role=role)
    if where is not None:
        return f"{where}, after the call, in the loop that calls it again"
    # one branch enough: `messages.append(reply)`, then `if step == "plan": continue` sends the list ending with the
    # reply while another branch adds a user message first (held-out review 156, Y1: no TODO, a 400 from Mistral)
    for node in ast_walk(loop):
        if not isinstance(node, ast.Continue) or node.lineno <= call.lineno or _loop_of(f, node) is not loop:
            continue
        before = [n for n in inside if n.lineno < node.lineno and not _exits_before(f, n, node)]
        if before:
            where = _system_last(f, scope, name, max(n.lineno for n in before) + 1, role=role)
            if where is not None:
                return f"{where}, after the call, then `continue` (line {node.lineno}) calls it again"
    return None


def _loop_of(f, node):
    """The loop a ``continue`` / ``break`` goes to: its nearest enclosing loop (None past a function or class)."""
    for parent in ancestors_of(f, node):
        if isinstance(parent, (ast.While, ast.For, ast.AsyncFor)):
            return parent
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return None
    return None


def _exits_before(f, node, later) -> bool:
    """Does the statement ``node`` sit in a block that does not hold ``later`` and ends by leaving it (``continue``,
    ``break``, ``return``, ``raise``: `if step == "action": messages.append(user); continue`), so that what it does is
    not what ``later`` sees? A block that falls through (an ``if`` without exit, a ``try`` or ``with`` body) may be
    on the way (review of session 86: a user message appended in a try's body counted for nothing, and the loop was
    said to end with the assistant's reply)."""
    around = [later, *ancestors_of(f, later)]
    current = node
    while True:
        holder = f.parent.get(id(current))
        if holder is None:
            return False
        block = next((b for b in (getattr(holder, field, None) for field in ("body", "orelse", "finalbody"))
                      if isinstance(b, list) and any(x is current for x in b)), None)
        if block is not None and any(x is y for x in block for y in around):
            return False  # (the block holds `later`: on its way)
        if block is not None and isinstance(block[-1], (ast.Continue, ast.Break, ast.Return, ast.Raise)):
            return True
        if isinstance(holder, ast.Try) and block is holder.body and \
                any(h is y for h in holder.handlers for y in around):
            return True  # (`try: call(); messages.append(reply) except ...: continue`: the handler retries a failure)
        if isinstance(holder, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)):
            return False
        current = holder


def _caller_system_last(builder, f, scope, param: str, role: str = "system") -> Optional[str]:
    """A call of the module function ``scope`` (in its module) handing ``param`` a list its caller ends with a
    system message: where."""
    order = f.param_order.get(scope) or []
    method = len(scope) == 2
    if method and order and order[0] in ("self", "cls"):
        order = order[1:]
    index = order.index(param) if param in order else -1
    found: list = []  # every caller so (held-out review 85, X5: the one named was not the one run on every reply)
    for node in f.nodes:
        if not (isinstance(node, ast.Call) and (
                isinstance(node.func, ast.Attribute) and node.func.attr == scope[-1] if method else
                isinstance(node.func, ast.Name) and node.func.id == scope[0])):
            continue
        argument = next((kw.value for kw in node.keywords if kw.arg == param), None)
        if argument is None and 0 <= index < len(node.args) and \
                not any(isinstance(a, ast.Starred) for a in node.args[:index + 1]):
            argument = node.args[index]
        where = _system_last(f, f.scope_of.get(id(node), ()), argument.id, node.lineno, role=role) \
            if isinstance(argument, ast.Name) else \
            _list_end_system(f, f.scope_of.get(id(node), ()), argument, role=role) if argument is not None else None
        if where is not None and where not in found:
            found.append(where)
    if not found:
        return None
    return "; ".join(found[:3]) + (f"; and {len(found) - 3} more callers" if len(found) > 3 else "")


def _env_read(node) -> Optional[tuple[str, bool]]:
    """(variable, has a default) of ``os.getenv("X"[, default])`` / ``os.environ.get(...)`` / ``os.environ["X"]``."""
    if isinstance(node, ast.Subscript) and ((dotted_name(node.value) or "").rsplit(".", 1)[-1] == "environ" or
                                            dotted_name(node.value) in ("st.secrets", "streamlit.secrets")) and \
            isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        # (a Streamlit secret, whose root-level keys Streamlit also puts in the environment: held-out review 88, Y8,
        # `model=st.secrets["OPENAI_MODEL"]` beside a secrets example's OPENAI_MODEL = "gpt-4-turbo")
        return node.slice.value, False
    if _is_getenv(node) and node.args and isinstance(node.args[0], ast.Constant) and \
            isinstance(node.args[0].value, str):
        return node.args[0].value, len(node.args) > 1 or any(kw.arg == "default" for kw in node.keywords)
    return None


def _env_constant_feed(builder, f, name: ast.Name) -> None:
    """``MODEL = getenv("OPENAI_MODEL")`` (no default) at module level, read only as model= of converted calls (or
    logged), and imported by no other module: the variable feeds the converted calls alone, so an example env file's
    value for it is a model name to map (held-out review 80, X5: .env.example kept OPENAI_MODEL='gpt-3.5-turbo', the
    only model the app ever sent)."""
    if builder.lookup_scope(f, f.scope_of.get(id(name), ()), name.id) != ():
        return
    values = f.assigns.get(((), name.id), [])
    reads = [_env_read(v) if isinstance(v, (ast.Call, ast.Subscript)) else None for v in values]
    if not values or any(read is None or read[1] for read in reads):
        return
    if any(not (_sends_model(builder, f, load) or _logged(f, load)) for load in _loads_of(f, name.id)) or \
            _imported_elsewhere(builder, f, name.id) or (
                builder.unread is not None and builder.unread.read_elsewhere(name.id, f.module.rsplit(".", 1)[-1])):
        return
    for value in values:
        builder.model_feeds.add((f.path, id(value)))


def _model_env_reads(builder, files) -> frozenset:
    """(path, variable) where every read of the variable in that module without a default is a converted call's
    model= (``model=os.getenv("OPENAI_MODEL")``, or ``self.model = os.getenv(...)`` only model= reads): an example
    env file's value for it is a model name to map (held-out review 20, R-B4: kabot's .env.example kept
    OPENAI_MODEL=gpt-4o, which the converted call then sent to Mistral)."""
    if not builder.model_feeds:
        return frozenset()
    found: dict = {}
    for f in files:
        if not any(path == f.path for path, _ in builder.model_feeds):
            continue
        for node in f.nodes:
            # (`os.environ["OPENAI_MODEL"] = "gpt-4o-mini"` sets it, for those reads: no read itself; held-out review
            # 118, Y4, the notebook's own setting kept an OpenAI model while its reads converted)
            read = _env_read(node) if isinstance(node, ast.Call) or \
                isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) else None
            if read is not None and not read[1]:
                key = (f.path, read[0])
                found[key] = found.get(key, True) and (f.path, id(node)) in builder.model_feeds
    return frozenset(key for key, feeds in found.items() if feeds)


def _delta_owner(value: ast.AST) -> ast.AST:
    """What a stream delta's content is read from, for ``_response_derived``: ``chunk.choices[0]`` of
    ``chunk.choices[0].delta.content``, the delta of ``getattr(delta, "content", None)`` (re-review 45, B3)."""
    if isinstance(value, ast.Call):  # getattr(<owner>, "content", ...)
        owner = value.args[0]
        return owner.value if isinstance(owner, ast.Attribute) else owner
    return value.value.value  # type: ignore[attr-defined]


def _recursion_passes(f, load, parent) -> bool:
    """Is ``load`` a module-level function's parameter handed, as that same parameter, to the function's own call of
    itself (a recursion: held-out review 133, X7, Levus's get_responses kept model=model "computed at run time")?"""
    call = f.parent.get(id(parent)) if isinstance(parent, ast.keyword) else parent
    if not (isinstance(load, ast.Name) and isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
        return False
    scope = f.scope_of.get(id(load), ())
    if scope != (call.func.id,) or (scope, load.id) not in f.params:
        return False
    if isinstance(parent, ast.keyword):
        return parent.arg == load.id
    order = f.param_order.get(scope, [])
    index = next((i for i, a in enumerate(call.args) if a is load), -1)
    return 0 <= index < len(order) and order[index] == load.id


def _sends_model(builder, f, load, depth: int = 0) -> bool:
    """Is ``load`` the value of ``model=`` in a call the plan converts (or of the "model" key of the
    dict it splats: ``_splat_model``)? Also through a fallback bound to a local name that is only sent so
    (``model = model or self.default_model`` / ``... if ... else DEFAULT``, then ``model=model``: held-out review
    47, E3)."""
    parent = f.parent.get(id(load))
    if _recursion_passes(f, load, parent):
        return True  # `get_responses(client, messages, model, depth + 1)` in get_responses: the same model= again
    if depth < 2 and (isinstance(parent, ast.BoolOp) and isinstance(parent.op, ast.Or) and load is not parent.values[0]
                      or isinstance(parent, ast.IfExp) and load is not parent.test):
        holder = f.parent.get(id(parent))
        if isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name):
            return _fallback_sent(builder, f, holder, depth)
        if isinstance(holder, ast.Assign) and len(holder.targets) == 1 and _self_attribute(holder.targets[0]):
            # `self.model = model if model is not None else DEFAULT`: every read of self.model is model= (G2)
            cls = builder.class_of(f, f.scope_of.get(id(holder), ()))
            attr = holder.targets[0].attr
            reads = [n for n in ast_walk(f.scopes[cls]) if isinstance(n, ast.Attribute) and n.attr == attr and
                     isinstance(n.ctx, ast.Load) and isinstance(n.value, ast.Name) and n.value.id == "self"] \
                if cls is not None else []
            return bool(reads) and all(_sends_model(builder, f, n, depth + 1) or _logged(f, n) for n in reads) and \
                any(_sends_model(builder, f, n, depth + 1) for n in reads)
    if depth < 2 and isinstance(parent, ast.Assign) and parent.value is load and len(parent.targets) == 1 and \
            _self_attribute(parent.targets[0]) and isinstance(load, ast.Name):
        # `self.llm_model_name = LLM_MODEL_NAME`, every read of self.llm_model_name model= of a converted call (held-out
        # review 163, X1: the constant stayed gpt-4o-mini, "computed at run time")
        cls = builder.class_of(f, f.scope_of.get(id(parent), ()))
        attr = parent.targets[0].attr
        reads = [n for n in ast_walk(f.scopes[cls]) if isinstance(n, ast.Attribute) and n.attr == attr and
                 isinstance(n.ctx, ast.Load) and isinstance(n.value, ast.Name) and n.value.id == "self"] \
            if cls is not None else []
        assigned = [n for n in ast_walk(f.scopes[cls]) if isinstance(n, ast.Attribute) and n.attr == attr and
                    not isinstance(n.ctx, ast.Load)] if cls is not None else []
        return len(assigned) == 1 and bool(reads) and all(_sends_model(builder, f, n, depth + 1) or _logged(f, n)
                                                          for n in reads) and \
            any(_sends_model(builder, f, n, depth + 1) for n in reads)
    if depth < 2 and isinstance(parent, (ast.List, ast.Tuple)) and isinstance(load.ctx, ast.Load):
        # an entry of a fallback list a loop sends as model= (`models = [CHAT_MODEL, "gpt-4o-mini"]; for m in models:`)
        holder = f.parent.get(id(parent))
        if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name)):
            return False
        table, scope = holder.targets[0].id, f.scope_of.get(id(holder), ())
        loops = [n for n in f.nodes if isinstance(n, (ast.For, ast.AsyncFor)) and isinstance(n.iter, ast.Name) and
                 n.iter.id == table and builder.lookup_scope(f, f.scope_of.get(id(n), ()), table) == scope]
        if len(loops) != 1 or not isinstance(loops[0].target, ast.Name):
            return False
        variable, where = loops[0].target.id, f.scope_of.get(id(loops[0]), ())
        reads = [n for n in _loads_of(f, variable) if builder.lookup_scope(f, f.scope_of.get(id(n), ()), variable)
                 == where and f.scope_of.get(id(n), ()) == where]
        return bool(reads) and all(_sends_model(builder, f, n, depth + 1) or _logged(f, n) for n in reads) and \
            any(_sends_model(builder, f, n, depth + 1) for n in reads)
    if isinstance(parent, ast.Dict):
        holder = f.parent.get(id(parent))
        # (`kwargs: Dict[str, Any] = {...}` too: held-out review 175, Y3, its model constant stayed "gpt-4o")
        target = holder.targets[0] if isinstance(holder, ast.Assign) and len(holder.targets) == 1 else \
            holder.target if isinstance(holder, ast.AnnAssign) else None
        if not isinstance(target, ast.Name):
            return False
        name, scope = target.id, f.scope_of.get(id(holder), ())
        calls = [n for n in f.nodes if isinstance(n, ast.Call) and f.scope_of.get(id(n), ()) == scope and any(
            kw.arg is None and isinstance(kw.value, ast.Name) and kw.value.id == name for kw in n.keywords)]
        return len(calls) == 1 and _converted_call(builder, f, calls[0]) and _splat_model(
            builder, f, calls[0], next(kw.value for kw in calls[0].keywords if kw.arg is None and
                                       isinstance(kw.value, ast.Name) and kw.value.id == name)) is load
    if depth < 2 and isinstance(parent, ast.Assign) and parent.value is load and len(parent.targets) == 1 and \
            isinstance(parent.targets[0], ast.Name):
        return _alias_sent(builder, f, parent, depth)  # `MODEL = args.model`, then `model=MODEL` (review 130, Y6)
    if isinstance(parent, ast.BoolOp) and isinstance(parent.op, ast.Or):  # `model=model or DEFAULT_MODEL` (K2)
        parent = f.parent.get(id(parent))
    # a module function's parameter of another name, by keyword or by position, that is only sent as model= of
    # converted calls (`get_chat_response(model_id=GPT_MODEL, ...)`: held-out review 94, Y7, GPT_MODEL stayed "gpt-4o")
    if isinstance(parent, ast.keyword) and parent.arg == "engine" and _converted_call(builder, f, f.parent.get(id(parent))):
        return True  # openai 0.x's `Embedding.create(engine=EMBEDDING_MODEL)`: MIG107 writes model= (134, X5 / Y5)
    if isinstance(parent, ast.Call) and parent.args and parent.args[0] is load and \
            (dotted_name(parent.func) or "").endswith(("Audio.transcribe", "Audio.atranscribe")) and \
            _converted_call(builder, f, parent):
        return True  # openai 0.x's `Audio.transcribe(model_engine, f)`: MIG117 writes model= (held-out review 145, Y4)
    if depth < 2 and isinstance(parent, ast.keyword) and parent.arg and parent.arg not in ("model", "model_name"):
        return _forwarded_model(builder, f, f.parent.get(id(parent)), parent.arg, depth)
    if depth < 2 and isinstance(parent, ast.Call) and load in parent.args and isinstance(parent.func, ast.Name) and \
            not any(isinstance(a, ast.Starred) for a in parent.args[:parent.args.index(load) + 1]):
        order = f.param_order.get(f.defs.get(((), parent.func.id), ()), [])
        index = parent.args.index(load)
        return index < len(order) and _forwarded_model(builder, f, parent, order[index], depth)
    if not (isinstance(parent, ast.keyword) and parent.arg in ("model", "model_name")):
        return False
    call = f.parent.get(id(parent))
    if isinstance(call, ast.Call) and _wrapper_call(f, call):  # `ChatOpenAI(model=model)` converting (R3)
        return True
    if parent.arg == "model" and _converted_call(builder, f, call):
        return True
    return depth < 2 and (_forwarded_model(builder, f, call, parent.arg, depth) or
                          _request_field_sent(builder, f, call, parent.arg, depth))


def _request_field_sent(builder, f, call, field_name: str, depth: int) -> bool:
    """``EmbeddingRequest(text=text, model=app_config.embedding_model_ada)``, a class of the tree declaring the field
    (a pydantic model, a dataclass: no ``__init__`` of its own) whose every read on an instance migrator can type
    (``request: EmbeddingRequest``, ``req = EmbeddingRequest(...)``) is model= of converted calls: the value given is
    sent so too (held-out review 170, X3: the settings default "text-embedding-ada-002" stayed, silently)."""
    if not isinstance(call, ast.Call) or not isinstance(call.func, (ast.Name, ast.Attribute)):
        return False
    owner = builder.resolve_class(f, call.func)
    if owner is None:
        return False
    g, cls = owner
    body = g.scopes.get(cls)
    if not isinstance(body, ast.ClassDef) or (cls + ("__init__",)) in g.scopes or not any(
            isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == field_name
            for stmt in body.body):
        return False
    memo = builder.__dict__.setdefault("_request_field_memo", {})
    key = (g.path, cls, field_name)
    if key not in memo:
        memo[key] = False  # (while it is worked out)
        reads = [(h, n) for h in builder.files if field_name in h.source for n in h.nodes
                 if isinstance(n, ast.Attribute) and n.attr == field_name and
                 _receiver_class(builder, h, n.value) == owner]
        memo[key] = bool(reads) and all(isinstance(n.ctx, ast.Load) and
                                        (_sends_model(builder, h, n, depth + 1) or _logged(h, n)) for h, n in reads) \
            and any(_sends_model(builder, h, n, depth + 1) for h, n in reads)
    return memo[key]


def _forwarded_model(builder, f, call, param: str, depth: int) -> bool:
    """``get_embedding(x, model=EMBEDDING_MODEL)``, a module function whose ``model`` parameter is only sent as model=
    of converted calls (or logged): the value passed is sent so too (held-out review 60, Y11: the constant stayed an
    OpenAI name while the function's own default was mapped)."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and ((), call.func.id) in f.defs and
            builder.lookup_scope(f, f.scope_of.get(id(call), ()), call.func.id) == ()):
        return False
    scope = f.defs[((), call.func.id)]
    if (scope, param) not in f.params:
        return False
    memo = builder.__dict__.setdefault("_forwarded_memo", {})  # (path, scope, param) -> the answer
    key = (f.path, scope, param)
    if key not in memo:
        memo[key] = False  # (while it is worked out: a function passing its parameter to itself)
        loads = [n for n in _loads_of(f, param) if builder.lookup_scope(f, f.scope_of.get(id(n), ()), param) == scope]
        rebound = any(isinstance(n, ast.Name) and n.id == param and not isinstance(n.ctx, ast.Load) and
                      f.scope_of.get(id(n), ()) == scope for n in f.nodes)
        sent = [] if rebound else [n for n in loads if _sends_model(builder, f, n, depth + 1)]
        # (a parameter the function never reads, or only logs or hands to a tokenizer whose KeyError it handles, takes
        # any model: `num_tokens(q, model=model)` counting with get_encoding("cl100k_base"); held-out review 61, Y28)
        memo[key] = not rebound and all(n in sent or _logged(f, n) or _handled_tokenizer_arg(f, n) for n in loads)
    return memo[key]


def _wrapper_call(f, call: ast.Call) -> bool:
    """A constructor of LangChain's / LlamaIndex's OpenAI classes that converts: its ``model=`` (``model_name=``)
    is mapped as a converted call's is (held-out review 54, R3: a parameter's default "gpt-4o-mini" stayed)."""
    return (getattr(call, "lineno", None), getattr(call, "col_offset", None)) in _wrapper_conversions(f)


def _partial_param(builder, f, scope, name: str, default, forwarded: frozenset = frozenset(), depth: int = 0) -> bool:
    """A parameter only sent as model= of converted calls (or logged), some of whose values migrator cannot see
    (``def call(model, messages)`` called as ``call("gpt-4o", [])`` and as ``call(model, ...)``): the string
    literals that reach it, its default and the arguments its own module's direct calls write, are mapped where
    they are written ("pdefault" / "pcallarg" slots); the call keeps its TODO for the rest, which says so
    ("partial"). Held-out review 47, E3 / F1: the literals reached Mistral unmapped. True where every value is one
    of those (the function called only here, directly, each call writing a string, passing nothing over a string
    default, or passing on a parameter of its own that is such a parameter too): no TODO is left ("complete";
    held-out review 79, Y6: the agent loop's chain of defaults and literals was all mapped, and the TODO said not)."""
    if f.scopes.get(scope) is None or not isinstance(f.scopes.get(scope), (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    loads = [load for load in _loads_of(f, name) if builder.lookup_scope(f, f.scope_of.get(id(load), ()), name) == scope]
    if not loads or any(id(load) not in forwarded and not _sends_model(builder, f, load) and not _logged(f, load)
                        for load in loads) or \
            any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) and
                f.scope_of.get(id(n), ()) == scope for n in f.nodes):
        return False  # (rebound in the function: its other values are not the parameter's)
    found: set = set()
    written_default = isinstance(default, ast.Constant) and isinstance(default.value, str)
    if written_default:
        found.add(("pdefault", scope, name))
    # (no other module may call it: `app.llm.ask(q, model="gpt-4o")` after `import app.llm` names it only)
    complete = len(scope) == 1 and not _imported_elsewhere(builder, f, scope[0]) and not any(
        g is not f and re.search(rf"\b{re.escape(scope[0])}\b", g.source) for g in builder.files)
    if len(scope) == 1:
        order = f.param_order.get(scope, [])
        index = order.index(name) if name in order else -1
        for load in _loads_of(f, scope[0]):
            call = f.parent.get(id(load))
            if not (isinstance(call, ast.Call) and call.func is load) or \
                    builder.lookup_scope(f, f.scope_of.get(id(load), ()), scope[0]) != ():
                complete = False
                continue
            if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
                complete = False
            chosen = [kw.value for kw in call.keywords if kw.arg == name] or (
                [call.args[index]] if 0 <= index < len(call.args) and
                not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]) else [])
            if any(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in chosen):
                found.add(("pcallarg", scope[0], index, name))
            elif chosen and isinstance(chosen[0], ast.Name) and depth < 4:
                # `def run(q, model="gpt-5"): ... call_llm(msgs, model=model)`: run's parameter only passes on to
                # this one, so its default and its callers' literals are mapped the same way (held-out review 49, I6)
                complete = _forwarded_param(builder, f, chosen[0], scope, name, depth) and complete
            elif chosen or not written_default:
                complete = False
    if len(scope) == 1 and depth < 4:
        _imported_callers_defaults(builder, f, scope, name)
    if found:
        builder.extra_slots.setdefault(f.path, set()).update(found | {("complete" if complete else "partial", scope,
                                                                        name)})
    return bool(found) and complete


def _imported_callers_defaults(builder, f, scope, name: str) -> None:
    """``call_llm(model, messages)`` of ``f`` called from another module as ``judge(text, model=DEFAULT_MODEL)`` then
    ``call_llm(model=model, ...)``, judge's parameter read only there: the default is what reaches model= when judge's
    caller passes none, so it is mapped where it is set (a string constant imported from a module of the tree,
    ``DEFAULT_MODEL = os.getenv("OPENAI_MODEL", "gpt-3.5-turbo")``, read by nothing else), as it is within one module
    (held-out review 124, X2: gpt-3.5-turbo went to Mistral). The call keeps its TODO for what callers pass."""
    order = f.param_order.get(scope, [])
    index = order.index(name) if name in order else -1
    for g in builder.files:
        if g is f or scope[0] not in g.repo_imports or builder.resolve_import(g, scope[0]) != (f, scope[0]):
            continue
        for load in _loads_of(g, scope[0]):
            call = g.parent.get(id(load))
            if not (isinstance(call, ast.Call) and call.func is load):
                continue
            chosen = next((kw.value for kw in call.keywords if kw.arg == name), None) or (
                call.args[index] if 0 <= index < len(call.args) and
                not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]) else None)
            if not isinstance(chosen, ast.Name):
                continue
            outer = builder.lookup_scope(g, g.scope_of.get(id(chosen), ()), chosen.id)
            if outer is None or len(outer) != 1 or (outer, chosen.id) not in g.params:
                continue
            reads = [n for n in _loads_of(g, chosen.id) if builder.lookup_scope(g, g.scope_of.get(id(n), ()),
                                                                                   chosen.id) == outer]
            if reads != [chosen] or any(isinstance(n, ast.Name) and n.id == chosen.id and
                                        not isinstance(n.ctx, ast.Load) and g.scope_of.get(id(n), ()) == outer
                                        for n in g.nodes):
                continue  # (read, or rebound, elsewhere in the function: not only this model=)
            default = _param_default(g, outer, chosen.id)
            if isinstance(default, ast.Name) and default.id in g.repo_imports and not g.assigns.get(((), default.id)):
                _default_name_slot(builder, g, default)  # (adds the constant's slot where it is set)


def _forwarded_param(builder, f, value: ast.Name, callee, param: str, depth: int) -> bool:
    """``value`` is passed as ``param`` of the module-level function ``callee`` (a partly seen model parameter):
    when it is a parameter of the module-level function around the call, and every read of it is passed on to
    ``callee``'s ``param`` the same way, it is a partly seen model parameter too. True where every value it takes is
    mapped (``_partial_param``)."""
    outer = builder.lookup_scope(f, f.scope_of.get(id(value), ()), value.id)
    if outer is None or len(outer) != 1 or outer == callee or (outer, value.id) not in f.params:
        return False
    forwarded = set()
    order = f.param_order.get(callee, [])
    index = order.index(param) if param in order else -1
    for load in _loads_of(f, value.id):
        if builder.lookup_scope(f, f.scope_of.get(id(load), ()), value.id) != outer:
            continue
        parent = f.parent.get(id(load))
        call = f.parent.get(id(parent)) if isinstance(parent, ast.keyword) else parent
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == callee[0] and
                builder.lookup_scope(f, f.scope_of.get(id(call.func), ()), callee[0]) == ()):
            continue
        if isinstance(parent, ast.keyword) and parent.arg == param or \
                0 <= index < len(call.args) and call.args[index] is load and \
                not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
            forwarded.add(id(load))
    return bool(forwarded) and _partial_param(builder, f, outer, value.id, _param_default(f, outer, value.id),
                                              frozenset(forwarded), depth + 1)


def _local_field_slots(builder, f, name_node: ast.Name) -> set:
    """``model = config.chat_model`` (bound once in the function) then ``model=model``, or ``{"model": model}``
    splatted: the settings field, as ``model=config.chat_model`` is (``_field_slots``); where that field is given as
    the object is built, the call's TODO names that place for the local too (held-out review 173, Y3: "computed at
    run time" was said of it)."""
    at = f.scope_of.get(id(name_node), ())  # where it is read (the call's scope, as the codemod keys it)
    holder = reaching_assign(f, name_node)
    if holder is None and at and builder.lookup_scope(f, at, name_node.id) == () and \
            not _imported_elsewhere(builder, f, name_node.id):
        # `model = config.chat_model` at module level, read in a function (review of session 90)
        bound = f.assigns.get(((), name_node.id), [])
        holder = f.parent.get(id(bound[0])) if len(bound) == 1 and bound[0] is not None else None
    if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name)
            and isinstance(holder.value, ast.Attribute) and isinstance(holder.value.value, ast.Name) and
            holder.value.value.id != "self"):
        return set()
    scope = f.scope_of.get(id(holder), ())
    if len(f.assigns.get((scope, name_node.id), [])) != 1 or (scope and at != scope) or not at:
        return set()
    found = _field_slots(builder, f, holder.value)
    given = builder.set_fields.get((f.path, ast.unparse(holder.value)))
    if given:
        builder.set_fields[(f.path, name_node.id, at)] = (given, ast.unparse(holder.value))
    if ("fieldread", holder.value.attr) in found:
        found = found | {("fieldlocal", at, name_node.id)}  # (the call's model= then said mapped where it is set)
    return found


def _fallback_slots(builder, f, name_node: ast.Name) -> set:
    """``model = model or self._default_model`` / ``model = model or "gpt-4o-mini"`` in the function, then
    ``model=model``: the fallbacks are mapped where they are set (a string right there: the ("fallback", scope, name)
    slot maps the strings of that assignment); the value it is given stays the call's TODO (held-out review 47, E3)."""
    holder = reaching_assign(f, name_node)
    if not (isinstance(holder, ast.Assign) and isinstance(holder.value, (ast.BoolOp, ast.IfExp)) and
            (not isinstance(holder.value, ast.BoolOp) or isinstance(holder.value.op, ast.Or)) and
            _fallback_sent(builder, f, holder, 0)):
        return set()
    value = holder.value
    operands = value.values[1:] if isinstance(value, ast.BoolOp) else [value.body, value.orelse]
    found: set = set()
    for operand in operands:
        if isinstance(operand, ast.Constant) and isinstance(operand.value, str):
            found.add(("fallback", f.scope_of.get(id(holder), ()), holder.targets[0].id))
        elif isinstance(operand, ast.Name):
            slot = _model_slot(builder, f, operand)
            found |= {slot} if slot is not None else set()
        elif isinstance(operand, ast.Attribute) and isinstance(operand.value, ast.Name) and operand.value.id == "self":
            found |= _attr_slots(builder, f, operand)
        elif isinstance(operand, ast.Attribute):
            found |= _field_slots(builder, f, operand)
    if found:  # (the call's TODO then says the fallback was mapped, and what is left)
        found.add(("fellback", f.scope_of.get(id(holder), ()), holder.targets[0].id))
    return found


def _guarded_default(f, name_node: ast.Name) -> Optional[tuple]:
    """(scope, the If) for ``def f(prompt, modelo=None): if not modelo: modelo = "gpt-4o-mini"`` (or ``if modelo is
    None:``) then ``model=modelo``: a parameter given one string, in an if of the function's own body testing that it
    is empty; else None."""
    scope, name = f.scope_of.get(id(name_node), ()), name_node.id
    values = f.assigns.get((scope, name), [])
    if not scope or (scope, name) not in f.params or len(values) != 1 or \
            not (isinstance(values[0], ast.Constant) and isinstance(values[0].value, str)):
        return None
    statement = f.parent.get(id(values[0]))
    block = f.parent.get(id(statement))
    test = block.test if isinstance(block, ast.If) else None
    empty = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and isinstance(test.operand, ast.Name) and \
        test.operand.id == name or isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and \
        test.left.id == name and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Is, ast.Eq)) and \
        isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value in (None, "")
    if not (isinstance(statement, ast.Assign) and empty and block.body == [statement] and not block.orelse and
            f.scope_of.get(id(block), ()) == scope and isinstance(f.scopes.get(scope), (ast.FunctionDef,
                                                                                         ast.AsyncFunctionDef)) and
            any(s is block for s in f.scopes[scope].body)):
        return None
    return scope, block


def _guarded_default_slots(builder, f, name_node: ast.Name) -> set:
    """The slots mapping such a guarded default where it is set: ("local", scope, name) where no caller passes the
    parameter (no TODO at the call); else ("fallback", scope, name), the call's TODO saying what callers pass is not
    mapped ("fellback")."""
    found = _guarded_default(f, name_node)
    if found is None:
        return set()
    if not _callers_pass(builder, f, found[0], name_node.id):
        return {("local", found[0], name_node.id)}
    return {("fallback", found[0], name_node.id), ("fellback", found[0], name_node.id)}


def _guarded_default_sent(builder, f, name_node: ast.Name) -> bool:
    """Is every read of the guarded parameter in its function, but the if's test, ``model=`` of a converted call (or
    logged)? (Held-out review 151, X3: `if not modelo: modelo = "gpt-4o-mini"` stayed, sent to Mistral, where
    `modelo = modelo or "gpt-4o-mini"` was mapped.)"""
    found = _guarded_default(f, name_node)
    if found is None:
        return False
    scope, block = found
    tested = {id(n) for n in ast_walk(block.test)}
    loads = [n for n in _loads_of(f, name_node.id) if f.scope_of.get(id(n), ()) == scope and id(n) not in tested]
    return bool(loads) and all(_sends_model(builder, f, n, 1) or _logged(f, n) for n in loads)


def _alias_sent(builder, f, holder: ast.Assign, depth: int) -> bool:
    """``MODEL = args.model`` (bound once, in a function or at module level, not imported elsewhere): every read of
    ``MODEL`` is ``model=`` of a converted call (or logged)."""
    name, scope = holder.targets[0].id, f.scope_of.get(id(holder), ())
    if len(f.assigns.get((scope, name), [])) != 1 or scope == () and _imported_elsewhere(builder, f, name) or \
            builder.unread is not None and scope == () and \
            builder.unread.read_elsewhere(name, f.module.rsplit(".", 1)[-1]):
        return False
    loads = [n for n in _loads_of(f, name) if builder.lookup_scope(f, f.scope_of.get(id(n), ()), name) == scope]
    return bool(loads) and all(_sends_model(builder, f, n, depth + 1) or _logged(f, n) for n in loads) and \
        any(_sends_model(builder, f, n, depth + 1) for n in loads)


def _fallback_sent(builder, f, holder: ast.Assign, depth: int) -> bool:
    """``name = <value> or <fallback>`` in a function: every read of ``name`` there is ``model=`` of a converted
    call (or logged), so the fallback reaches only those."""
    name, scope = holder.targets[0].id, f.scope_of.get(id(holder), ())
    if not scope or builder.lookup_scope(f, scope, name) != scope:
        return False
    own = {id(n) for n in ast_walk(holder.value)}  # (`model = model or ...`: the read being replaced)
    loads = [n for n in _loads_of(f, name) if f.scope_of.get(id(n), ()) == scope and id(n) not in own]
    return bool(loads) and all(_sends_model(builder, f, n, depth + 1) or _logged(f, n) for n in loads) and \
        any(_sends_model(builder, f, n, depth + 1) for n in loads)


def _kept_model_argument(builder, f, load) -> bool:
    """Is ``load`` the ``model=`` of an OpenAI call the plan keeps (its client stays on OpenAI or another server)?"""
    keyword = f.parent.get(id(load))
    call = f.parent.get(id(keyword)) if isinstance(keyword, ast.keyword) and keyword.arg == "model" else None
    answer = builder.plan_sites.get(node_key(f.path, call)) if isinstance(call, ast.Call) else None
    return bool(answer) and answer[0] in ("call", "icall") and answer[1] != CONVERT


def _converted_call(builder, f, call) -> bool:
    answer = builder.plan_sites.get(node_key(f.path, call))
    return bool(answer) and answer[0] in ("call", "icall") and answer[1] == CONVERT


def _shown_only(f, load) -> bool:
    """Is ``load`` only shown: an argument of print / a logger, or of a module-level function of ``f`` that hands
    the parameter it takes only to those (``log_request("embeddings", request_data)``: held-out review 140, X4, the
    request dict's model kept unmapped)?"""
    call = f.parent.get(id(load))
    if not isinstance(call, ast.Call) or not any(a is load for a in call.args):
        return False
    callee = dotted_name(call.func) or ""
    if _log_callee(call):
        return True  # (not an imported `log(params)`: what it does with the dict is not seen)
    fn = f.scopes.get((callee,)) if isinstance(call.func, ast.Name) else None
    index = next(i for i, a in enumerate(call.args) if a is load)
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) or index >= len(fn.args.args):
        return False
    param = fn.args.args[index].arg
    reads = [n for n in ast_walk(fn) if isinstance(n, ast.Name) and n.id == param]
    return bool(reads) and all(isinstance(n.ctx, ast.Load) and _logged_argument(f, n) for n in reads)


def _logged_argument(f, load) -> bool:
    """``print(endpoint, data)`` / ``logger.info("%s", data)`` / ``print(f"{data}")``: ``load`` handed to a log call."""
    holder = f.parent.get(id(load))
    if isinstance(holder, ast.FormattedValue):
        holder = f.parent.get(id(f.parent.get(id(holder))))
    return isinstance(holder, ast.Call) and _log_callee(holder)


def _log_callee(call: ast.Call) -> bool:
    """``print(...)`` or ``<logger>.info(...)`` (a method of LOG_CALLS)."""
    return isinstance(call.func, ast.Name) and call.func.id == "print" or \
        isinstance(call.func, ast.Attribute) and call.func.attr in LOG_CALLS


def _splat_model(builder, f, call, splat):
    """The value of the "model" key of the dict ``call`` splats (``**params``), when it is a name (or ``self.<attr>``)
    and the dict is built once, as a literal, in the call's scope and read only by that splat; else None."""
    if not isinstance(splat, ast.Name):
        return None
    scope = f.scope_of.get(id(call), ())
    if builder.lookup_scope(f, scope, splat.id) != scope:
        return None
    values = f.assigns.get((scope, splat.id), [])
    if len(values) != 1 or not isinstance(values[0], ast.Dict) or \
            not _splat_dict(_splat_scope(f, call, splat.id), splat.id, call, embeddings_create(call.func)).rewritable:
        return None
    def other_key_set(load) -> bool:  # `params["tools"] = tools` (held-out review 61, X21): another key than model
        holder = f.parent.get(id(load))
        return isinstance(holder, ast.Subscript) and holder.value is load and isinstance(holder.ctx, ast.Store) and \
            isinstance(holder.slice, ast.Constant) and isinstance(holder.slice.value, str) and \
            holder.slice.value != "model"

    if [load for load in _loads_of(f, splat.id) if load is not splat and f.scope_of.get(id(load), ()) == scope
            and not other_key_set(load) and not _shown_only(f, load)]:
        return None  # read elsewhere too (changed, handed on): where its model goes is not only model=
    found = [v for k, v in zip(values[0].keys, values[0].values) if isinstance(k, ast.Constant) and k.value == "model"]
    # (or the instance's own field, `{"model": self._model}`: held-out review 171, X5)
    return found[0] if len(found) == 1 and (isinstance(found[0], ast.Name) or _self_attribute(found[0])) else None


def _env_default_constant(builder, f, value):
    """("const", NAME) for ``os.getenv("VAR", NAME)`` whose default NAME is a module-level string
    constant of ``f`` that nothing reads but this default (held-out review 6, D8: ``model =
    os.getenv("EMBEDDING_MODEL", DEFAULT_MODEL)`` kept "computed at run time" and an OpenAI default)."""
    if not (_is_getenv(value) and len(value.args) == 2 and not value.keywords
            and isinstance(value.args[0], ast.Constant) and isinstance(value.args[1], ast.Name)):
        return None
    default = value.args[1]
    if builder.lookup_scope(f, f.scope_of.get(id(default), ()), default.id) != ():
        return None
    values = f.assigns.get(((), default.id), [])
    if not values or not all(v is not None and (isinstance(v, ast.Constant) and isinstance(v.value, str) or
                                                _string_default_read(v)) for v in values):
        # (a chain of two reads, `CHAT = os.getenv("CHAT", LLM)` of `LLM = os.getenv("LLM", "gpt-4o-mini")`: held-out
        # review 86, Y5, the literal stayed while a one-level default was mapped)
        return None
    if [load for load in _loads_of(f, default.id) if load is not default] or \
            _imported_elsewhere(builder, f, default.id) or \
            (builder.unread is not None and builder.unread.read_elsewhere(default.id, f.module.rsplit(".", 1)[-1])):
        return None  # read elsewhere too (printed, compared, imported): it may describe an OpenAI model
    return ("const", default.id)


def _string_default_read(value) -> bool:
    """``os.getenv("VAR", "literal")`` (an environment read whose default is a string)."""
    return _is_getenv(value) and len(value.args) == 2 and not value.keywords and \
        isinstance(value.args[0], ast.Constant) and isinstance(value.args[1], ast.Constant) and \
        isinstance(value.args[1].value, str)


def _default_constant(builder, f, default: ast.Name, register: bool = True, own: bool = False):
    """("const", NAME) for a parameter default that is a module-level string constant which nothing
    else reads than parameter defaults and model= of converted calls, here and in the modules that
    import it; else None. ``own`` (the default of a parameter only sent as a converted call's model=): where the
    constant is read otherwise too (a tokenizer), ("owndefault", function, parameter, Mistral model): the default
    written as the mapped literal of its own, the constant left to its other readers."""
    name = default.id
    values = f.assigns.get(((), name), [])
    # (or an environment read with no default, `GPT4O_MODEL = os.getenv("OPENAI_GPT4O_MODEL")`: its variable is what
    # reaches model=, named at the constant and mapped in the example env files; held-out review 148, X6)
    env_only = bool(values) and all(isinstance(v, (ast.Call, ast.Subscript)) and (read := _env_read(v)) is not None
                                    and not read[1] for v in values)
    if not values or not env_only and not all(v is not None and _string_source(v) for v in values):
        return None
    others = _other_reads(builder, f, name)
    if env_only:
        if others != [] or _imported_elsewhere(builder, f, name) or not register:
            return None
        for value in values:
            builder.model_feeds.add((f.path, id(value)))
        return ("const", name)
    if others and len(values) == 1 and isinstance(values[0], ast.Constant):
        # `def ask(q, model=MODEL)` with MODEL also read by a tokenizer: the call's TODO names the default and its
        # readers (held-out review 60, Y10; "computed at run time" was said of it)
        fn = f.parent.get(id(f.parent.get(id(default))))
        scope = next((key for key, node in f.scopes.items() if node is fn), None)
        param = next((a.arg for a, d in _defaults_of(f, default)), None)
        mapped = map_model(values[0].value, getattr(builder, "models", None)) \
            if isinstance(values[0].value, str) else None
        if own and register and param and scope is not None and mapped not in (None, values[0].value) and \
                all(g is f for g, _ in others) and not _imported_elsewhere(builder, f, name) and \
                not _callers_pass(builder, f, scope, param) and not (builder.unread is not None and
                                                                     builder.unread.read_elsewhere(
                                                                         scope[0], f.module.rsplit(".", 1)[-1])):
            # `def get_completion(messages, model=MODEL)`, MODEL also tiktoken's and no caller passing model: the
            # default becomes the Mistral literal (held-out review 154, Y3: the call sent gpt-3.5-turbo-0301 to
            # Mistral, counted exact beside the TODO)
            return ("owndefault", scope, param, mapped)
        if param and scope is not None:
            raises = any(TOKENIZER_MODEL_CALL in _read_place(g, load) for g, load in others)
            builder.extra_slots.setdefault(f.path, set()).add(("callers", scope, param, (
                f"its default {name} = {values[0].value!r}, also read by "
                f"{_read_places(others, f)}"
                + (f" ({TOKENIZER_MODEL_CALL} raises KeyError for a Mistral model name)" if raises else ""))))
    if others != []:
        return None
    return ("const", name)


def _default_name_slot(builder, f, default: ast.Name) -> bool:
    """A constructor parameter's default that names a string constant of this module or one imported from another
    module of the tree (``EMBEDDING_MODEL = os.getenv("EMBEDDING_MODEL", "text-embedding-3-small")`` in config.py),
    read nowhere else than there and as model= of converted calls: its slot is added to the module setting it."""
    if builder.lookup_scope(f, f.scope_of.get(id(default), ()), default.id) != ():
        return False
    if f.assigns.get(((), default.id)):
        return _default_constant(builder, f, default) is not None  # (adds its slot)
    target = builder.resolve_import(f, default.id) if default.id in f.repo_imports else None
    if target is None:
        return False
    other, other_name = target
    values = other.assigns.get(((), other_name), [])
    if not values or not all(v is not None and _string_source(v) for v in values):
        return False
    others = _other_reads(builder, other, other_name)
    if others is None or any(not (g is f and load is default) for g, load in others):
        return False
    builder.extra_slots.setdefault(other.path, set()).add(("const", other_name))
    return True


def _defaults_of(f, default) -> list:
    """[(the parameter, default)] of the function whose parameter's default is ``default``."""
    arguments = f.parent.get(id(default))
    if not isinstance(arguments, ast.arguments):
        return []
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults)) + \
        [(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is not None]
    return [(a, d) for a, d in pairs if d is default]


def _only_models_read(builder, f, name: str) -> bool:
    """Every read of ``f``'s module-level ``name``, in ``f`` and in each module of the tree importing it
    (``from app.embedding import EMBEDDING_MODEL``), is ``model=`` of a converted call, or here a parameter
    default (which only matters where that parameter goes: its own slot). A read migrator does not
    follow (``config.MODEL``, an import it cannot resolve, ``import *``, a module without openai that
    names both the constant and this module) says no."""
    return _other_reads(builder, f, name) == []


def _shown_path(path: str) -> str:
    """``config.py``; ``common/__init__.py`` for a package's (its base name alone says nothing)."""
    base = os.path.basename(path)
    return base if base != "__init__.py" else f"{os.path.basename(os.path.dirname(path))}/{base}"


def _other_reads(builder, f, name: str) -> Optional[list]:
    """(module, read) of each read of ``f``'s module-level ``name`` other than ``model=`` of a converted call (or a
    log line, or a parameter default here), in ``f`` and the modules importing it; None when a read is not
    followed (see _only_models_read)."""
    readers = [(f, name)]
    attribute_reads: list = []
    last = f.module.rsplit(".", 1)[-1]
    if builder.unread is not None and builder.unread.read_elsewhere(name, last) and \
            not _unread_only_shown(builder.unread.readers_of(name, last), name):
        return None  # a module without openai (not read) names it and this module: it may read it
    for g in builder.files:
        if g is f:
            continue
        if name in g.source:
            modules = g.other_modules | set(g.repo_imports)
            for node in g.nodes:
                if isinstance(node, ast.Attribute) and node.attr == name and _module_read(builder, g, node, modules, f):
                    if not isinstance(node.ctx, ast.Load):
                        return None  # `config.MODEL = ...`: set elsewhere too
                    attribute_reads.append((g, node))  # `config.MODEL` (held-out review 61, Y20)
        for local, (module, _level, imported) in g.repo_imports.items():
            if imported == "*" and module.rsplit(".", 1)[-1] == last:
                if star_source(builder.files, g) is f:
                    continue  # (as in _importers_of)
                return None
            if imported != name:
                continue
            resolved = builder.resolve_import(g, local)
            if resolved is None:
                if module.rsplit(".", 1)[-1] == last:
                    return None  # may be this module: not followed
                continue
            if resolved[0] is f:
                readers.append((g, local))
    others = []
    for g, local in readers:
        for load in _loads_of(g, local):
            if builder.lookup_scope(g, g.scope_of.get(id(load), ()), local) != ():
                continue  # a local of the same name
            if g is f and isinstance(g.parent.get(id(load)), ast.arguments):
                # a parameter default here: its own slot checks where the parameter goes, except into a tokenizer
                # (`def num_tokens(text, model=MODEL): tiktoken.encoding_for_model(model)`, also through a caller
                # passing its own such parameter on: held-out review 60, Y10, KeyError on every request)
                reader = _default_tokenizer_read(g, load)
                if reader is not None:
                    others.append((g, reader))
                continue
            if g is not f and _default_sent_only(builder, g, load):
                continue  # (an importer's `def summarize(text, model=SUMMARY_MODEL)` sending it as model= only: its
                # slot maps the constant; held-out review 171, X4, the call beside it was told "migrator leaves it")
            if not _sends_model(builder, g, load) and not _logged(g, load):
                others.append((g, load))  # (a log line shows the model in use: the Mistral name is right there; Z10)
    others += [(g, read) for g, read in attribute_reads if not _sends_model(builder, g, read) and not _logged(g, read)]
    return others


def _default_sent_only(builder, f, default) -> bool:
    """``default`` is a parameter's default whose every read in its function is ``model=`` of a converted call (or a
    log line)."""
    pairs = _defaults_of(f, default)
    fn = f.parent.get(id(f.parent.get(id(default))))
    if len(pairs) != 1 or not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    param, scope = pairs[0][0].arg, _scope_path(f, fn)
    loads = [n for n in ast_walk(fn) if isinstance(n, ast.Name) and n.id == param and isinstance(n.ctx, ast.Load)]
    return bool(loads) and (scope, param) not in f.assigns and \
        all(_sends_model(builder, f, load) or _logged(f, load) for load in loads)


def _default_tokenizer_read(f, default) -> Optional[ast.AST]:
    """The read of the parameter whose default is ``default`` inside a tiktoken call of its function, or of a module
    function it is passed on to by keyword (one level); else None."""
    fn = f.parent.get(id(f.parent.get(id(default))))
    if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    param = next((a.arg for a, _d in _defaults_of(f, default)), None)
    return _param_tokenizer_read(f, fn, param, 0) if param else None


def _handled_tokenizer_arg(f, load) -> bool:
    """``load`` is the model argument of a tiktoken call whose KeyError is handled (``_keyerror_handled``)."""
    call = f.parent.get(id(load))
    call = f.parent.get(id(call)) if isinstance(call, ast.keyword) else call
    return isinstance(call, ast.Call) and (dotted_name(call.func) or "") in TOKENIZER_CALLS and \
        _keyerror_handled(f, call)


def _keyerror_handled(f, call) -> bool:
    """Is ``call`` (``tiktoken.encoding_for_model(model)``) in the body of a ``try`` whose handler catches KeyError
    (or Exception, or everything)? Its KeyError for a Mistral model name is handled there (a fallback encoding:
    held-out review 61, Y28)."""
    child = call
    for parent in ancestors_of(f, call):
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return False
        if isinstance(parent, ast.Try) and any(child is stmt for stmt in parent.body) and any(
                h.type is None or any((dotted_name(t) or "") in ("KeyError", "LookupError", "Exception",
                                                                   "BaseException")
                                      for t in (h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]))
                for h in parent.handlers):
            return True
        child = parent
    return False


def _param_tokenizer_read(f, fn, param: str, depth: int) -> Optional[ast.AST]:
    for node in ast_walk(fn):
        if not (isinstance(node, ast.Call) and any(isinstance(a, ast.Name) and a.id == param
                                                   for a in [*node.args, *(k.value for k in node.keywords)])):
            continue
        name = dotted_name(node.func) or ""
        read = next(a for a in [*node.args, *(k.value for k in node.keywords)] if isinstance(a, ast.Name) and
                    a.id == param)
        if name in TOKENIZER_CALLS:
            return None if _keyerror_handled(f, node) else read
        given = next((k.arg for k in node.keywords if k.value is read and k.arg), None)
        callee = f.scopes.get((name,)) if isinstance(node.func, ast.Name) and depth < 1 else None
        if given and isinstance(callee, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found = _param_tokenizer_read(f, callee, given, depth + 1)
            if found is not None:
                return found
    return None


def _session_key(node) -> Optional[str]:
    """The key of a Streamlit session-state entry (``st.session_state["openai_model"]``, ``st.session_state.model``),
    else None (codemods._base.session_key reads the same in LibCST)."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and \
            isinstance(node.slice.value, str) and (dotted_name(node.value) or "").endswith("session_state"):
        return node.slice.value
    if isinstance(node, ast.Attribute) and (dotted_name(node.value) or "").endswith("session_state"):
        return node.attr
    return None


def _session_slots(builder, f, node, call_verdict) -> set:
    """{("session", key)} for ``model=st.session_state["openai_model"]`` where the module sets that entry only to string
    literals (``st.session_state["openai_model"] = "gpt-3.5-turbo"``, Streamlit's chat tutorial) and reads it only as
    model= of converted calls, and no other module of the tree names it (a multipage app shares the session): the
    literals are mapped where they are set (held-out review 88, X10: gpt-3.5-turbo reached Mistral on the first
    message); else set()."""
    key = _session_key(node)
    if any(g is not f and "session_state" in g.source and key in g.source for g in builder.files):
        return set()
    for n in f.nodes:
        if _session_key(n) != key:
            continue
        parent = f.parent.get(id(n))
        if isinstance(n.ctx, ast.Store):
            if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1 and
                    isinstance(parent.value, ast.Constant) and isinstance(parent.value.value, str)):
                return set()  # (set to something else, several at once, or augmented)
        elif not (isinstance(parent, ast.keyword) and parent.arg == "model" and
                  call_verdict(f.parent.get(id(parent))) == CONVERT):
            return set()  # read otherwise: shown in the UI, compared, handed on
    return {("session", key)}


def _module_attribute_slots(builder, f, node: ast.Attribute) -> Optional[set]:
    """``model=config.OPENAI_MODEL`` with ``import config`` (or ``from app import config``), a module of the tree
    setting it at module level: as ``from config import OPENAI_MODEL`` is (``_imported_constant``), mapped where it is
    set when every read of it is model= of a converted call ("modattr" here: no TODO), else the call's TODO names the
    value and its other readers (held-out review 61, Y20: "computed at run time", and every call sent gpt-4o-mini).
    None when ``node`` is no such read."""
    other = builder.module_at(f, f.scope_of.get(id(node), ()), node.value)
    if other is None:
        other = _django_settings_module(builder, f, node)
        if other is False:
            return set()  # (Django's settings, read otherwise too: the call keeps its TODO)
    if other is None or other is f:
        return None
    name, values = node.attr, other.assigns.get(((), node.attr), [])
    if not values:
        return None
    others = _other_reads(builder, other, name)
    shown_name = f"{dotted_name(node.value)}.{name}"
    if others is None and len(values) == 1 and isinstance(values[0], ast.Constant) and \
            isinstance(values[0].value, str) and builder.unread is not None:
        # `tiktoken.encoding_for_model(config.CHAT_MODEL)` in a module without openai (held-out review 62, X40)
        text = _unread_readers_text(builder, other, name, values[0].value)
        return {("modshared", shown_name, text)} if text else set()
    env = _remote_env(builder, other, values, others)
    if env is not None:
        return {("modenv", shown_name, *env)}
    if others and len(values) == 1 and values[0] is not None:
        shown = repr(values[0].value) if isinstance(values[0], ast.Constant) else ast.unparse(values[0])
        places = _read_places(others, f)
        return {("modshared", shown_name, f"{name} = {_clipped(shown, 70)} in "
                                          f"{_shown_path(other.path)}, also read by {places}")}
    if others != [] or not all(v is not None and _string_source(v) for v in values):
        return set()
    builder.extra_slots.setdefault(other.path, set()).add(("const", name))
    return {("modattr", shown_name)}


_DJANGO_SETTINGS = re.compile(r"^[ \t]*from[ \t]+django\.conf[ \t]+import[ \t]+[^\n#]*\bsettings\b", re.MULTILINE)


def _django_settings_module(builder, f, node: ast.Attribute):
    """``settings.OPENAI_CHAT_MODEL`` with ``from django.conf import settings``: the one settings module of the tree
    (``settings.py``, or a module of a ``settings`` package) setting that name at module level, where every read of
    ``settings.<name>`` in the modules read is model= of a converted call (or logged) and no unread module names it;
    False where some read is something else; None for any other read (held-out review 151, X4: "computed at run time",
    and OPENAI_CHAT_MODEL's default gpt-4o-mini went to Mistral)."""
    if not (isinstance(node.value, ast.Name) and node.value.id == "settings" and _DJANGO_SETTINGS.search(f.source)):
        return None
    name = node.attr
    found = [g for g in builder.files if ((), name) in g.assigns and (
        os.path.splitext(os.path.basename(g.path))[0] == "settings" or
        os.path.basename(os.path.dirname(g.path)) == "settings")]
    if len(found) != 1:
        return None
    for g in builder.files:
        if name not in g.source:
            continue
        for n in g.nodes:
            if isinstance(n, ast.Attribute) and n.attr == name and isinstance(n.value, ast.Name) and \
                    n.value.id == "settings" and isinstance(n.ctx, ast.Load) and \
                    not (_sends_model(builder, g, n) or _logged(g, n)):
                return False
    if builder.unread is not None and builder.unread.read_elsewhere(name, "settings"):
        return False
    return found[0]


def _remote_env(builder, other, values: list, others) -> Optional[tuple[str, str]]:
    """(variable, module) where another module's constant a converted call sends as its model is bound once to an
    environment read with no default (``MODEL_ID = os.getenv("MODEL_ID")`` in config.py, read as ``config.MODEL_ID`` or
    imported): the call's TODO names the variable, and where converted calls are its only readers an example env
    file's value for it is mapped (held-out review 87, X3: "computed at run time", and .env.dist kept
    MODEL_ID=gpt-3.5-turbo)."""
    read = _env_read(values[0]) if len(values) == 1 and isinstance(values[0], (ast.Call, ast.Subscript)) else None
    if read is None or read[1]:
        return None
    if others == []:
        builder.model_feeds.add((other.path, id(values[0])))
    return read[0], other.path


def _imported_constant(builder, f, name):
    """``from config import MODEL`` ... ``model=MODEL``: when the other module of the tree sets MODEL
    to a string and every read of it, there and in each module importing it, is ``model=`` of a
    converted call, it is mapped where it is set (a slot of that module) and ("imported", name)
    tells this module's rule the call needs no TODO."""
    target = builder.resolve_import(f, name)
    if target is None:
        return None
    other, other_name = target
    values = other.assigns.get(((), other_name), [])
    if not values:
        return None
    others = _other_reads(builder, other, other_name)
    env = _remote_env(builder, other, values, others)
    if env is not None:
        builder.extra_slots.setdefault(f.path, set()).add(("modenv", name, *env))
        return None
    if others and len(values) == 1 and values[0] is not None:
        # `CHAT_MODEL = "gpt-4o-mini"` in config.py, also read by tiktoken.encoding_for_model(CHAT_MODEL) in tokens.py
        # (held-out review 58, X2: "make sure it names a Mistral model there" crashed the token counter), or by a kept
        # OpenAI agent (59, Y9): the call's TODO names the value and its readers
        shown = repr(values[0].value) if isinstance(values[0], ast.Constant) else ast.unparse(values[0])
        places = _read_places(others, f)
        raises = any(TOKENIZER_MODEL_CALL in _read_place(g, load) for g, load in others)
        for g, load in others:  # the tokenizer's own line says so too (held-out review 59, X7)
            statement = next((a for a in ancestors_of(g, load) if isinstance(a, ast.stmt)), None)
            if TOKENIZER_MODEL_CALL in _read_place(g, load) and statement is not None and \
                    not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
                builder.shared_tokenizers.setdefault(g.path, {})[span] = TOKENIZER_SHARED_TODO.format(
                    name=other_name, module=_shown_path(f.path))
        builder.extra_slots.setdefault(f.path, set()).add(("importedby", name, (
            f"{other_name} = {_clipped(shown, 70)} in {_shown_path(other.path)}, "
            f"also read by {places}"
            + (f" ({TOKENIZER_MODEL_CALL} raises KeyError for a Mistral model name: count with "
               "tiktoken.get_encoding(\"o200k_base\") (approximate) or mistral-common's tokenizer there)"
               if raises else ""))))
    elif others is None and len(values) == 1 and isinstance(values[0], ast.Constant) and \
            isinstance(values[0].value, str) and builder.unread is not None:
        # `CHAT_MODEL = "gpt-4o-mini"` also read by `litellm.completion(model=CHAT_MODEL)` in a module without openai,
        # which the plan does not read (held-out review 60, X15: "make sure it names a Mistral model there" broke the
        # LiteLLM call, which wants "mistral/..."): the call's TODO names the value and that module's reads
        text = _unread_readers_text(builder, other, other_name, values[0].value)
        if text:
            builder.extra_slots.setdefault(f.path, set()).add(("importedby", name, text))
    # `CHAT_MODEL = os.getenv("CHAT_MODEL", LLM_MODEL)`, LLM_MODEL a string (or a read with a string default) only that
    # default reads: LLM_MODEL's value is mapped too (held-out review 86, Y5)
    chained = [_env_default_constant(builder, other, v) for v in values
               if v is not None and not _string_source(v)]
    if others != [] or any(v is None for v in values) or None in chained:
        return None
    builder.extra_slots.setdefault(other.path, set()).update({("const", other_name), *chained})
    return ("imported", name)


def _unread_readers_text(builder, other, name: str, value: str) -> str:
    """``CHAT_MODEL = 'gpt-4o-mini' in config.py, also read by litellm.completion(...) in b.py (not converted)``: the
    reads of ``other``'s constant ``name`` in modules the plan did not read, or ""."""
    places = _unread_places(builder.unread.readers_of(name, other.module.rsplit(".", 1)[-1]), name)
    shown = repr(value)
    return (f"{name} = {_clipped(shown, 70)} in {_shown_path(other.path)}, also read "
            f"by {', '.join(places[:4])} (not converted)") if places else ""


def _shown_read(parents: dict, node: ast.AST) -> bool:
    """``print(f"Waiting for {se.gpt_model}...")``, ``logger.info(se.gpt_model)``: a read only shown (LOG_CALLS)."""
    holder = parents.get(id(node))
    if isinstance(holder, ast.FormattedValue):
        holder = parents.get(id(parents.get(id(holder))))
    return isinstance(holder, ast.Call) and (dotted_name(holder.func) or "").rsplit(".", 1)[-1] in LOG_CALLS


def _unread_only_shown(sources, name: str) -> bool:
    """Do the unread modules ``sources`` read ``name`` only to show it (held-out review 128, Y4: a print's f-string
    in run.py kept settings.py's "gpt-4o" from being mapped while the converted call sent it to Mistral)?"""
    found = False
    for _path, data in sources:
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            return False
        parents = {id(child): node for node in ast_walk(tree) for child in child_nodes(node)}
        for node in ast_walk(tree):
            if isinstance(node, ast.Name) and node.id == name or isinstance(node, ast.Attribute) and node.attr == name:
                if not isinstance(node.ctx, ast.Load) or not _shown_read(parents, node):
                    return False
                found = True
            elif isinstance(node, ast.alias) and (node.asname or node.name) == name:
                continue  # (`from settings import gpt_model`: its reads are what count)
    return found


def _unread_places(sources, name: str) -> list:
    """``litellm.completion(...) in b.py`` for each read of ``name`` in these unread modules (their code parsed
    here; a module that does not parse, or names it only in text, gives none)."""
    places = []
    for path, data in sources:
        try:
            tree = ast.parse(data)
        except (SyntaxError, ValueError):
            continue
        parents = {id(child): node for node in ast_walk(tree) for child in child_nodes(node)}
        for node in ast_walk(tree):
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load) or \
                    isinstance(node, ast.Attribute) and node.attr == name and isinstance(node.ctx, ast.Load):
                call = parents.get(id(node))
                while isinstance(call, ast.keyword):
                    call = parents.get(id(call))
                if _shown_read(parents, node):
                    continue  # `print(f"Waiting for {se.gpt_model}...")`: shown, not sent (held-out review 128, Y4)
                place = f"{dotted_name(call.func) or 'a call'}(...)" if isinstance(call, ast.Call) else "code"
                places.append(f"{place} in {_shown_path(path)}")
    return list(dict.fromkeys(places))


def _callarg_constants(builder, f, slot) -> set:
    """Module-level names given as that argument (``chosen = "gpt-4o-mini"; complete(q, chosen)``)
    when that is their only use (or their other reads are sent as converted calls' model= too: ``ask(model_id, q)``
    and ``ask2(model_id, q)``, held-out review 127, Y2: neither function's slot alone covered both, silently)."""
    _, func, index, param = slot
    args = []
    for call in f.nodes:
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == func:
            chosen = [kw.value for kw in call.keywords if kw.arg == param]
            if not chosen and 0 <= index < len(call.args):
                chosen = [call.args[index]]
            args.extend(a for a in chosen if isinstance(a, ast.Name))
    out = set()
    for arg in args:
        values = f.assigns.get(((), arg.id), [])
        if not values or not all(v is not None and _string_source(v) for v in values):
            continue
        # (not the reads of a parameter of the same name: `def llm(LLM_NAME): ... model=LLM_NAME`, review 62 X37)
        loads = [n for n in f.nodes if isinstance(n, ast.Name) and n.id == arg.id
                 and isinstance(n.ctx, ast.Load) and (f.scope_of.get(id(n), ()), arg.id) not in f.params]
        if all(any(n is a for a in args) or _sends_model(builder, f, n) or _logged(f, n) for n in loads):
            out.add(("const", arg.id))
    return out


def _converted_attributes(builder, files, clients) -> dict:
    """path -> {(class scope, attribute)} for each bare declaration ``self._client: OpenAI | None`` (no value, or
    ``= None``: held-out review 64, X2) whose attribute holds only clients that convert: MIG101 retypes it (held-out
    review 29, J-D8: it kept the openai import and dependency for a type hint alone)."""
    converting = {c.id for c in clients if c.decision == CONVERT}
    found: dict = {}
    for f in files:
        if "OpenAI" not in f.source:
            continue
        for node in f.nodes:
            if not (isinstance(node, ast.AnnAssign) and (node.value is None or isinstance(node.value, ast.Constant) and
                                                         node.value.value is None)
                    and (isinstance(node.target, ast.Attribute) and isinstance(node.target.value, ast.Name) and
                         node.target.value.id == "self" or
                         # (or the class body's `client: OpenAI = None`: held-out review 149, Y2, it kept the openai
                         # import and requirement for itself)
                         isinstance(node.target, ast.Name) and f.scope_of.get(id(node), ()) in f.classes)
                    and "OpenAI" in ast.unparse(node.annotation)):
                continue
            attr = node.target.attr if isinstance(node.target, ast.Attribute) else node.target.id
            cls = builder.class_of(f, f.scope_of.get(id(node), ())) if isinstance(node.target, ast.Attribute) else \
                f.scope_of.get(id(node), ())
            held = builder.eval_attr(f, cls, attr, 0) if cls is not None else None
            real = {oid for oid in held or () if builder.origins[oid].kind != "parameter"}
            if real and all(oid in converting or any(builder.find(oid) == builder.find(c) for c in converting)
                            for oid in held):
                found.setdefault(f.path, set()).add((cls, attr))
    return {path: frozenset(attrs) for path, attrs in found.items()}


def _injectable_callees(builder, clients) -> dict:
    """path -> the module-level functions / classes with a parameter standing in for a converted client
    (``client or OpenAI()``): a module importing them may inject a fake (held-out review 28, G3)."""
    converting = {c.id for c in clients if c.decision == CONVERT}
    found: dict = {}
    for (path, scope, _name), held in builder.injectable.items():
        if scope and held & converting:
            found.setdefault(path, set()).add(scope[0])
    return {path: frozenset(names) for path, names in found.items()}


def _http_only(builder, f, sites) -> bool:
    """Does ``f`` call OpenAI over HTTP itself (MIG106, kept), with no converted client or call of its own and none in
    the modules it imports? Then its OPENAI_API_KEY reads are that request's key, whatever converts in another program
    of the tree (held-out review 79, Y3: a lesson's `requests.post("https://api.openai.com/...")` had its "key
    configured?" check renamed to MISTRAL_API_KEY for another lesson's converted client)."""
    cached = getattr(f, "_http_only", None)
    if cached is None:
        paths = _reached(builder, f) | {f.path}
        cached = f._http_only = any(u.path == f.path and u.surface == "OpenAI over HTTP" for u in builder.uses) and \
            not any(key[0] in paths and answer[1] == CONVERT for key, answer in sites.items()
                    if answer[0] in ("call", "ctor"))
    return cached


def _imports_only_kept(builder, f, sites) -> bool:
    """Does ``f`` import modules of the tree that build or call OpenAI clients, all kept on OpenAI? Then what it
    sets or checks (``os.environ["OPENAI_BASE_URL"] = ...`` in their test) is about those clients, whatever
    converts elsewhere (held-out review 26, D2: mem0's tests, whose only converted code was in examples/)."""
    cached = getattr(f, "_imports_only_kept", None)
    if cached is None:
        paths = _reached(builder, f)
        verdicts = [answer[1] for key, answer in sites.items() if key[0] in paths and answer[0] in ("call", "ctor")]
        cached = f._imports_only_kept = bool(verdicts) and CONVERT not in verdicts
    return cached


def _reached(builder, f) -> frozenset:
    """The modules of the tree ``f`` imports, and theirs (review 27, E1: a test reaching converted code through a
    kept module)."""
    cached = getattr(f, "_reached", None)
    if cached is None:
        by_suffix, by_module = _module_indexes(builder)
        paths: set = set()
        todo = [f]
        while todo:
            g = todo.pop()
            modules = {module for module, _level, _name in g.repo_imports.values()} | set(g.module_aliases.values())
            # `from app import llm`, `from . import llm`: the module itself (review 28, F3)
            found = [h for local in g.repo_imports if (h := builder.module_file(g, (), local)) is not None]
            for module in modules:  # (codemods._repo._same_module, through indexes: it ran for every pair)
                if not module:
                    continue
                found += by_suffix.get(module, ())
                parts = module.split(".")
                for i in range(1, len(parts) if not library_module(module) else 1):
                    found += by_module.get(".".join(parts[i:]), ())
            for h in found:
                if h is not f and h.path not in paths:
                    paths.add(h.path)
                    todo.append(h)
        cached = f._reached = frozenset(paths)
    return cached


def _module_indexes(builder) -> tuple:
    """(dotted suffix of a module's name -> its files, module name -> its files) of the modules read, built once:
    ``_same_module(h.module, m)`` is ``m`` a suffix of ``h.module`` or ``h.module`` a proper suffix of ``m``."""
    found = builder.__dict__.get("_module_indexes")
    if found is None:
        by_suffix: dict = {}
        by_module: dict = {}
        for h in builder.files:
            if not h.module:
                continue
            by_module.setdefault(h.module, []).append(h)
            parts = h.module.split(".")
            for i in range(len(parts)):
                by_suffix.setdefault(".".join(parts[i:]), []).append(h)
        found = builder.__dict__["_module_indexes"] = (by_suffix, by_module)
    return found


def _callers_pass(builder, f, scope, name, through: bool = True) -> bool:
    """Does a call, in the modules read, of the function / method / class (``__init__``) at ``scope`` pass
    its parameter ``name`` (by keyword, by position, or perhaps through ``*`` / ``**``)? (memoised) ``through``
    False: a function's callers that only pass on a parameter of their own defaulting to None, which nothing passes
    a client, pass nothing (``def extract(text, client=None): return ask(text, client=client)``)."""
    cache = builder.__dict__.setdefault("_callers_pass", {})
    key = (f.path, scope, name, through)
    if key not in cache:
        cache[key] = _callers_pass_uncached(builder, f, scope, name) if through else \
            _callers_pass_uncached(builder, f, scope, name) and _callers_pass_something(builder, f, scope, name)
    return cache[key]


def _callers_pass_something(builder, f, scope, name, depth: int = 0) -> bool:
    """``_callers_pass`` for a module-level function, not counting a caller's own None-default parameter passed on
    when its callers pass it nothing either (held-out review 57, Y2 / Y3: `client=client` of a pass-through made
    the helper's `if client is None: client = openai.OpenAI()` "unused", and its call silent)."""
    if len(scope) != 1 or depth > 4:
        return True
    order = f.param_order.get(scope, [])
    index = order.index(name) if name in order else -1
    for g, call, load in _function_calls(builder, f, scope[0]):
        if call.func is not load:
            continue  # (the function handed on as a value: `map(ask, ...)`)
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return True
        given = next((k.value for k in call.keywords if k.arg == name), None)
        if given is None and 0 <= index < len(call.args):
            given = call.args[index]
        if given is None or isinstance(given, ast.Constant) and given.value is None:
            continue
        outer = g.scope_of.get(id(call), ())
        default = _param_default(g, outer, given.id) if isinstance(given, ast.Name) and len(outer) == 1 and \
            (outer, given.id) in g.params else None
        if isinstance(default, ast.Constant) and default.value is None and \
                not _callers_pass_something(builder, g, outer, given.id, depth + 1):
            continue  # its own None default, passed on: nothing
        return True
    return bool(_module_attribute_calls(builder, f, scope[0]))


def _callers_pass_uncached(builder, f, scope, name) -> bool:
    order = f.param_order.get(scope, [])
    if len(scope) == 2:
        order = order[1:]  # without self
    index = order.index(name) if name in order else -1
    if len(scope) == 2 and scope[-1] == "__init__":
        calls = _instances(builder, f, scope[0]) or []
    elif len(scope) == 2:  # a method: `.ask(...)` anywhere
        if _method_handed_on(builder, scope[1]):
            return True  # `self.try_process(self.ask, q, model)`: what it is called with there is not seen (146, X1)
        calls = [node for g in builder.files if scope[1] in g.source for node in g.nodes
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == scope[1]]
    elif len(scope) == 1:
        found = _function_calls(builder, f, scope[0])
        if any(call.func is not load for _g, call, load in found):
            return True  # `run_with_retry(ask, q, model)`, `map(ask, ...)`: handed on, called with what is not seen
        calls = [call for _g, call, _load in found] + _module_attribute_calls(builder, f, scope[0])
    else:
        return False
    return any(any(k.arg in (name, None) for k in call.keywords) or any(isinstance(a, ast.Starred) for a in call.args)
               or 0 <= index < len(call.args) for call in calls)


def _method_handed_on(builder, method: str) -> bool:
    """Is a method of that name read, in the modules read, other than as the callee of a call (``self.ask`` handed to
    a retry helper, a callback, a thread's target)?"""
    return any(isinstance(node, ast.Attribute) and node.attr == method and isinstance(node.ctx, ast.Load) and
               not (isinstance(call := g.parent.get(id(node)), ast.Call) and call.func is node)
               for g in builder.files if method in g.source for node in g.nodes)


def _key_parameter_clients(builder, files, clients, decision: str) -> dict:
    """(module, function, parameter) -> the client lines built there with ``api_key=<that parameter>`` of module-level
    functions, for the clients of ``decision`` (worked out once a plan: _key_callees and _shared_key_callers ask)."""
    memo = builder.__dict__.setdefault("_key_parameter_clients", {})
    if decision not in memo:
        memo[decision] = _find_key_parameter_clients(builder, files, clients, decision)
    return memo[decision]


def _find_key_parameter_clients(builder, files, clients, decision: str) -> dict:
    lines = {(c.path, c.line) for c in clients if c.decision == decision and c.provider == "openai"}
    folded = getattr(builder, "folded_key_lines", set())
    # (a legacy call that stays, in a function setting `openai.api_key = key` before it: that key is OpenAI's)
    legacy = {(answer[4].path, answer[4].line) for answer in builder.sites.values()
              if answer[0] == "v0" and len(answer) > 4 and isinstance(answer[4], Use)} if decision == KEEP else set()
    found: dict = {}
    for f in files:
        for call in f.nodes:
            if not (isinstance(call, ast.Call) and (f.path, call.lineno) in lines):
                continue
            key = next((kw.value for kw in call.keywords if kw.arg == "api_key"), None)
            scope = f.scope_of.get(id(call), ())
            if isinstance(key, ast.Name) and len(scope) == 1 and (scope, key.id) in f.params:
                found.setdefault((f.path, scope[0], key.id), []).append(call.lineno)
            elif isinstance(key, ast.Name) and len(scope) == 2 and scope[1] == "__init__" and scope[:1] in f.classes \
                    and (scope, key.id) in f.params:
                # `self.client = OpenAI(api_key=key)` in a top-level class's __init__: its callers build the class
                # (review of session 90)
                found.setdefault((f.path, scope[0], key.id), []).append(call.lineno)
        # `def summarize(api_key, ...): openai.api_key = api_key` folded into the function's Mistral client (CONVERT),
        # or kept for a legacy call after it (KEEP): the key parameter is that client's (review of session 90)
        for node in f.nodes if "api_key" in f.source else ():
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.Name) and
                    isinstance(node.targets[0], ast.Attribute) and node.targets[0].attr == "api_key" and
                    isinstance(node.targets[0].value, ast.Name) and
                    f.openai_modules.get(node.targets[0].value.id) == "openai"):
                continue
            scope = f.scope_of.get(id(node), ())
            fn = f.scopes.get(scope)
            if len(scope) != 1 or (scope, node.value.id) not in f.params or fn is None:
                continue
            if decision == CONVERT and (f.path, node.lineno) in folded or decision == KEEP and any(
                    (f.path, line) in legacy for line in range(node.lineno, (fn.end_lineno or node.lineno) + 1)):
                found.setdefault((f.path, scope[0], node.value.id), []).append(node.lineno)
    return found


def _key_callees(builder, files, clients) -> dict:
    """path -> the module-level functions building an OpenAI client (converted or kept) with a key parameter, where
    both kinds exist in the tree: their callers are read on the second round (``_shared_key_callers``)."""
    converted = _key_parameter_clients(builder, files, clients, CONVERT)
    kept = _key_parameter_clients(builder, files, clients, KEEP)
    found: dict = {}
    for path, function, _param in [*converted, *kept] if converted and kept else ():
        found.setdefault(path, set()).add(function)
    return found


def _shared_key_callers(builder, files, clients) -> dict:
    """(path, line) of a converted client built with ``api_key=<a parameter>`` of its module-level function (or class's
    ``__init__``, or a v0 ``openai.api_key = <parameter>`` folded into its client) -> the TODO where a caller hands the
    same name to that function and to another whose client stays on OpenAI with it as its key
    (``classify.classify(text, api_key)`` and ``extract.extract(text, api_key)`` in main.py): one value cannot hold both
    keys (held-out review 176, Y1: "make sure it holds a Mistral key" broke the kept path once followed)."""
    converted = _key_parameter_clients(builder, files, clients, CONVERT)
    kept = _key_parameter_clients(builder, files, clients, KEEP)
    if not converted or not kept:
        return {}
    by_path = {f.path: f for f in files}

    def handed(path: str, function: str, param: str) -> list:
        """(caller module, scope, name) of each plain name a call hands to that parameter."""
        f = by_path[path]
        order = f.param_order.get((function, "__init__"), [])[1:] if (function,) in f.classes else \
            f.param_order.get((function,), [])
        index = order.index(param) if param in order else -1
        calls = [(g, call) for g, call, _load in _function_calls(builder, f, function)] + \
            _module_attribute_calls(builder, f, function, where=True)
        out = []
        for g, call in calls:
            value = next((kw.value for kw in call.keywords if kw.arg == param), None)
            if value is None and 0 <= index < len(call.args) and \
                    not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
                value = call.args[index]
            if isinstance(value, ast.Name):
                out.append((g.path, builder.lookup_scope(g, g.scope_of.get(id(value), ()), value.id), value.id))
            elif (read := _env_read(value)) is not None or isinstance(value, ast.Attribute) and \
                    _root_name(value) not in ("self", "cls"):
                # `settings.api_key`, `os.environ["API_KEY"]`: the same value wherever it is written (review of
                # session 90)
                out.append(("", (), f"the {read[0]} variable" if read is not None else ast.unparse(value)))
        return out
    kept_by_name: dict = {}
    for (path, function, param), _lines in kept.items():
        for where in handed(path, function, param):
            kept_by_name.setdefault(where, []).append(f"{function}() in {os.path.basename(path)}")
    found: dict = {}
    for (path, function, param), lines in converted.items():
        # (its callers' names, or its own parameter handed on to the kept function: `summarize(api_key, ...)` calling
        # `generate_image(api_key, ...)`; review of session 90)
        for where in [*handed(path, function, param), (path, (function,), param)]:
            if where in kept_by_name:
                shown = f"{where[2]} in {os.path.basename(where[0])}" if where[0] else where[2]
                text = (f"api_key={param}: what {function}()'s callers pass ({shown}) is also handed to "
                        f"{', '.join(sorted(set(kept_by_name[where])))}"
                        ", whose client stays on OpenAI with it as its key: one value cannot hold both keys; have the "
                        f"callers pass {function}() a Mistral key of its own (or leave api_key out here: the SDK reads "
                        "MISTRAL_API_KEY)")
                for line in lines:
                    found[(path, line)] = text
    return found


def _function_calls(builder, f, function: str) -> list:
    """(module, call, read) for each call, in the modules read, that a read of ``f``'s top-level ``function`` is part of:
    by its name here, or imported by name into another module (``from app.llm import ask``; the read may be an
    argument: ``map(ask, ...)``). An import the plan ties to another module's function of the name is not one (held-out
    review 87, X4: utils/embedding.py's get_embedding, called with a run-time model, put a "computed at run time" TODO
    on scratch.py's, whose callers leave its mapped default)."""
    locals_ = [(f, function)] + [(g, local) for g in builder.files if g is not f and function in g.source
                                 for local, (_m, _l, imported) in g.repo_imports.items() if imported == function
                                 and (builder.resolve_import(g, local) or (f,))[0] is f]
    return [(g, call, load) for g, local in locals_ for load in _loads_of(g, local)
            if isinstance(call := g.parent.get(id(load)), ast.Call)]


def _module_attribute_calls(builder, f, function: str, where: bool = False) -> list:
    """Calls of ``f``'s function through its module in other modules read (``llm.ask(...)`` after ``from app import
    llm`` / ``import app.llm as llm``; held-out review 26, C2); ``where``: each as (its module, the call)."""
    calls = []
    for g in builder.files:
        if g is f or function not in g.source:
            continue
        # `import app.llm` ... `app.llm.ask(...)` (review 27, E2), not `self.llm.ask(...)` (review 28, F4)
        imported = {alias.name for node in g.nodes if isinstance(node, ast.Import) for alias in node.names
                    if alias.asname is None and (alias.name == f.module or alias.name.endswith("." + f.module))}
        for node in g.nodes:
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == function):
                continue
            value = node.func.value
            dotted = dotted_name(value) if isinstance(value, ast.Attribute) and imported else None
            if isinstance(value, ast.Name) and builder.module_file(g, g.scope_of.get(id(node), ()), value.id) is f \
                    or dotted in imported:
                calls.append((g, node) if where else node)
    return calls


def _callarg_slot(builder, f, scope, name):
    """``def complete(prompt, model_name): ... model=model_name`` called in this module as
    ``complete("hi", "gpt-4o-mini")``: the literal arguments are what model= receives. Only for a
    module-level function called in its own module and nowhere else. A method of a top-level class too
    (``model.audio_transcriptions(path, "whisper-1")`` in another module: each ``.audio_transcriptions(...)`` of the
    tree called on an instance of the class), as an ``mcallarg`` slot (held-out review 145, Y4)."""
    if _plain_method(f, scope):
        return _method_callarg_slot(builder, f, scope, name)
    if len(scope) != 1 or scope in f.classes:
        return None
    order = f.param_order.get(scope, [])
    index = order.index(name) if name in order else -1
    # the modules importing it call it too: only with a literal (or no) model, mapped there (held-out review 25,
    # A3: phoenix's router passed model="gpt-4o-mini" to the converted wrapper, which Mistral rejected)
    importing: list = []
    for g in builder.files:
        if g is f or scope[0] not in g.source:
            continue
        for local, (_module, _level, imported) in g.repo_imports.items():
            if imported == scope[0] and builder.resolve_import(g, local) == (f, scope[0]):
                importing.append((g, local))
            elif imported == scope[0] or imported == "*" and _star_of_tree(builder, _module, _level):
                return None  # imported from a module the plan cannot tie to this one, or by a star import
    loads = [(f, load) for load in _loads_of(f, scope[0])] + \
        [(g, load) for g, local in importing for load in _loads_of(g, local)]
    # `llm.ask(q, LLM_MODEL)` through the module (`import llm`): lined up as a call by name is (held-out review 176, X1:
    # the caller's constant stayed gpt-3.5-turbo-1106, only "computed at run time" said at the callee)
    # (a string written there is mapped only at a call by name: the codemod does not line up `llm.ask(q, "gpt-4o")`)
    through = _module_attribute_calls(builder, f, scope[0], where=True)
    if any(isinstance(v, ast.Constant) for _g, call in through for v in
           [*(kw.value for kw in call.keywords if kw.arg == name), *call.args[index:index + 1]]):
        return None  # (its call keeps the TODO: _callers_pass)
    loads += [(g, call.func) for g, call in through]
    if not loads:
        return None  # never called here: its callers are elsewhere (or it is not used)
    if builder.unread is not None and builder.unread.read_elsewhere(scope[0], f.module.rsplit(".", 1)[-1]):
        return None  # a module the plan did not read may call it
    slots = _callarg_values(builder, f, scope, name, index, loads)
    if slots is None:
        return None
    for g, local in importing:  # the literals its importers pass are mapped there
        builder.extra_slots.setdefault(g.path, set()).add(("callarg", local, index, name))
    return ("callarg", scope[0], index, name)


def _plain_method(f, scope) -> bool:
    """Is ``scope`` a plain method (``self`` first, not static, class or property) of a top-level class of ``f``,
    other than its constructor?"""
    fn = f.scopes.get(scope)
    return len(scope) == 2 and scope[:1] in f.classes and scope[1] != "__init__" and \
        isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) and not fn.decorator_list and \
        f.param_order.get(scope, [])[:1] == ["self"]


def _method_callarg_slot(builder, f, scope, name):
    """``_callarg_slot`` for the plain method at ``scope``: its calls are each ``.<method>(...)`` of the modules
    read, all of which must be made on an instance of its class (``self`` in the class, or a name ``instance_of``
    ties to it), the class made only by calls of its name (not subclassed, not handed to code unread); else None.
    The slot, ``("mcallarg", method, index, name, scope, calls)``, maps the literals at each ``.<method>(...)`` of a
    module calling it made on a statement starting at one of ``calls``' lines, on its receiver (not another class's
    method of the name, nor ``openai.Audio.transcribe(...)``)."""
    cls, method = scope
    if _instances(builder, f, cls) is None:
        return None  # subclassed, handed around, or named by a module the plan did not read
    if builder.unread is not None and builder.unread.read_elsewhere(method, f.module.rsplit(".", 1)[-1]):
        return None
    order = f.param_order.get(scope, [])[1:]  # without self
    index = order.index(name) if name in order else -1
    loads = _method_calls(builder, f, cls, method)
    if not loads:
        return None
    if _callarg_values(builder, f, scope, name, index, loads, own_constants=False) is None:
        return None
    # module path -> (the first line of the statement holding a call, its receiver's text without blanks): another
    # class's `.ask(...)` on the same line is not this one's (review of session 86: `Grader().ask("x", model="gpt-4o")`
    # beside `Bot().ask("hi")` had its model rewritten)
    lines: dict = {}
    for g, load in loads:
        statement = next((a for a in ancestors_of(g, load) if isinstance(a, ast.stmt)), None)
        lines.setdefault(g.path, set()).add((getattr(statement, "lineno", 0),
                                             re.sub(r"\s+", "", ast.unparse(load.value))))
    for path, held_lines in lines.items():
        builder.extra_slots.setdefault(path, set()).add(("mcallarg", method, index, name, scope,
                                                         frozenset(held_lines)))
    return ("mcallarg", method, index, name, scope, frozenset(lines.get(f.path, ())))


def _method_calls(builder, f, cls: str, method: str) -> Optional[list]:
    """(module, callee) of each ``.<method>(...)`` of the modules read, where each is made on an instance of ``f``'s
    top-level class ``cls`` (``self`` in it, or a receiver ``instance_of`` ties to it) or on something else that
    certainly is not one (another package's module, a class of the tree defining its own method of the name); None
    where one may be this class's and is not seen as such, or the method is read other than as a callee."""
    loads = []
    for g in builder.files:
        if method not in g.source:
            continue
        for node in g.nodes:
            if not (isinstance(node, ast.Attribute) and node.attr == method):
                continue
            call = g.parent.get(id(node))
            if not (isinstance(call, ast.Call) and call.func is node and isinstance(node.ctx, ast.Load)):
                return None  # handed on as a value (`callback=bot.ask`), or set
            outer = g.scope_of.get(id(node), ())
            receiver = node.value
            if isinstance(receiver, ast.Name) and receiver.id == "self" and g is f and \
                    builder.class_of(g, outer) == (cls,) and len(outer) == 2:
                loads.append((g, node))
                continue
            held = builder.instance_of(g, outer, receiver, 0) or _imported_instance(builder, g, outer, receiver)
            if held is not None and held[0] is f and held[1] == (cls,):
                loads.append((g, node))
            elif held is None and _foreign_import(builder, g, receiver):
                continue  # `openai.Audio.transcribe(...)`, `whisper.transcribe(...)`: another package's
            elif held is None or held[1] not in held[0].classes or \
                    not isinstance(held[0].scopes.get((*held[1], method)), (ast.FunctionDef, ast.AsyncFunctionDef)):
                return None  # a receiver migrator cannot tie to a class defining the method: it may be this one
    return loads


def _imported_instance(builder, g, scope, node) -> Optional[tuple]:
    """(file, class scope) where ``node`` is a name ``g`` imports from a module of the tree that binds it only to
    instances of one of its classes (``from config.llm import llm_client``, ``llm_client = LLMClient()`` there)."""
    if not isinstance(node, ast.Name) or node.id not in g.repo_imports or builder.lookup_scope(g, scope, node.id) != ():
        return None
    found = builder.resolve_through(g, node.id)
    if found is None:
        return None
    h, local = found
    values = h.assigns.get(((), local), [])
    classes = {builder.instance_of(h, (), v, 1) if isinstance(v, ast.Call) else None for v in values}
    return classes.pop() if len(classes) == 1 and None not in classes else None


def _foreign_import(builder, g, node) -> bool:
    """Is ``node`` a dotted name whose head only a top-level import of a package outside the tree binds
    (``openai.Audio``, ``whisper``)?"""
    dotted = dotted_name(node)
    if dotted is None:
        return False
    head = dotted.split(".", 1)[0]
    if head in g.repo_imports or head in g.module_aliases or any(key[1] == head for key in g.assigns) or \
            any(key[1] == head for key in g.params) or any(key[1] == head for key in g.defs):
        return False
    return any(isinstance(stmt, ast.Import) and any((alias.asname or alias.name.split(".", 1)[0]) == head
                                                    for alias in stmt.names) or
               isinstance(stmt, ast.ImportFrom) and not stmt.level and
               any((alias.asname or alias.name) == head for alias in stmt.names)
               for stmt in g.tree.body)


def _callarg_values(builder, f, scope, name, index, loads, own_constants: bool = True) -> Optional[list]:
    """The values ``loads`` (reads of the function at ``scope``, each the callee of a call) pass as its parameter
    ``name`` (keyword or the ``index``-th positional): each must be a string written there, a constant or a caller's
    variable bound only to strings and read only so, a parameter of the caller forwarded (``_forwarded_parameter``) or
    an argparse option; the slots that map them are added to the plan (``builder.extra_slots``), and a list returned;
    None when one is anything else. ``own_constants`` False: a constant of ``f`` passed there is mapped as any
    caller's string variable is (the ``callarg`` slot's ``_callarg_constants`` does not read ``mcallarg`` slots)."""
    argument_names: list[str] = []
    held: dict = {}  # (caller module, scope, variable) -> the arguments naming a caller's string variable
    forwarded: list = []  # the slots of callers' own parameters passed on (``model=model``)
    imported: dict = {}  # (module, constant) -> the arguments naming a constant a caller imports from it
    defaults_shared: list = []  # callers' own parameters passed on, whose string default is also read otherwise
    options = frozenset(id(kw.value) for g, load in loads if isinstance(call := g.parent.get(id(load)), ast.Call)
                        for kw in call.keywords if kw.arg == name and isinstance(kw.value, ast.Attribute)) | \
        frozenset(id(call.args[index]) for g, load in loads if isinstance(call := g.parent.get(id(load)), ast.Call)
                  and 0 <= index < len(call.args) and isinstance(call.args[index], ast.Attribute))
    for g, load in loads:
        call = g.parent.get(id(load))
        if not (isinstance(call, ast.Call) and call.func is load) or \
                any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return None  # handed around, or arguments migrator cannot line up
        chosen = [kw.value for kw in call.keywords if kw.arg == name]
        if not chosen and 0 <= index < len(call.args):
            chosen = [call.args[index]]
        if g is f and f.scope_of.get(id(load), ())[:len(scope)] == scope and chosen and \
                all(isinstance(v, ast.Name) and v.id == name for v in chosen):
            continue  # the function calling itself with the parameter as it is (held-out review 133, X7: a recursion)
        for value in chosen:
            variable = _caller_string(builder, g, value) if isinstance(value, ast.Name) else None
            if isinstance(value, ast.Name) and g is f and own_constants and \
                    builder.lookup_scope(f, f.scope_of.get(id(value), ()), value.id) == ():
                argument_names.append(value.id)
            elif variable is not None:  # `model = "gpt-4o-mini"; ask(q, model)` in a caller (held-out review 57, X5)
                held.setdefault((g.path, *variable), (g, []))[1].append(value)
            elif isinstance(value, ast.Name) and (slots := _forwarded_parameter(builder, g, value)) is not None:
                forwarded.extend(slots)
            elif isinstance(value, ast.Name) and (told := _shared_default(builder, g, value, f, scope)):
                # `def summarize_text(text, model="gpt-3.5-turbo-0125")` handing model to this function and to a token
                # counter: the call's TODO names the default and the other reader (held-out review 174, Y1: "computed
                # at run time", and the OpenAI name went to Mistral)
                defaults_shared.append(told)
            elif isinstance(value, ast.Name) and g is not f and value.id in g.repo_imports and \
                    builder.lookup_scope(g, g.scope_of.get(id(value), ()), value.id) == () and \
                    (target := builder.resolve_import(g, value.id)) is not None and \
                    _string_constant(target[0], target[1]):
                # `ask(CLIENT, q, llm_model=DEFAULT_LLM)` in main.py, `from pkg.client import DEFAULT_LLM`: mapped where
                # it is set, when only such arguments read it (held-out review 172, X3: "computed at run time", and
                # gpt-4o-mini went to Mistral)
                imported.setdefault((target[0].path, target[1]), (target[0], []))[1].append(value)
            elif isinstance(value, ast.Attribute) and g is f and _argparse_slots(builder, f, value, options):
                # `call_model("hi", model=args.model)` of `parser.add_argument("--model", default="gpt-4.1-mini")`:
                # the option's default is mapped where declared (held-out review 140, Y1: the CLI's default run
                # sent gpt-4.1-mini to Mistral)
                continue
            elif isinstance(value, ast.Attribute) and _field_slots(builder, g, value, via=value):
                # `complete(model=settings.openai_extraction_model)`: the settings field's default is mapped where
                # declared, as for a converted call's own model= read of it (held-out review 150, X4)
                continue
            elif not _string_source(value):
                return None  # a value computed at the call: the model= call keeps its TODO
    for constant in argument_names:  # each must be a constant _callarg_constants maps
        values = f.assigns.get(((), constant), [])
        # (read otherwise only as converted calls' model=: `first = create(model=EMBEDDING_MODEL)` beside
        # `get_embedding(t, model=EMBEDDING_MODEL)`, held-out review 60, Y11; the reads of the module's constant, not
        # of a parameter of its name: `def llm(LLM_NAME): ... model=LLM_NAME`, held-out review 62, X37)
        # (not the function's own default for that parameter, `def llm(prompt, model=OPENAI_MODEL)`: what it passes
        # is what callers pass; held-out review 110, Y2, a sibling passing the constant too left it unmapped)
        # (nor a read that only records it: `wandb.init(config={"model": model})`, held-out review 147, X4)
        loads = [load for load in _loads_of(f, constant)
                 if builder.lookup_scope(f, f.scope_of.get(id(load), ()), constant) == () and
                 not (f.parent.get(id(f.parent.get(id(load)))) is f.scopes.get(scope) and
                      any(param.arg == name for param, _ in _defaults_of(f, load))) and not _logged(f, load)]
        if not values or not all(v is not None and _string_source(v) for v in values) or \
                len(loads) != argument_names.count(constant) and \
                not all(_sends_model(builder, f, load) for load in loads):
            return None
    shared = list(defaults_shared)  # the callers' variables also read otherwise: the call's TODO names them
    for (_path, where, variable), (g, arguments) in held.items():
        others = [load for load in _loads_of(g, variable)
                  if builder.lookup_scope(g, g.scope_of.get(id(load), ()), variable) == where and
                  not any(load is a for a in arguments) and not _logged(g, load)]
        if others:
            value = g.assigns[(where, variable)][0].value
            shared.append(f"{variable} = {value!r} in {os.path.basename(g.path)}"
                          f"{' (' + where[-1] + ')' if where else ''}, passed to {'.'.join(scope)} and also read by "
                          f"{_read_places([(g, o) for o in others], f)}")
    if shared:
        builder.extra_slots.setdefault(f.path, set()).add(("callers", scope, name, "; ".join(shared)))
        return None
    for (_path, where, variable), (g, _arguments) in held.items():  # mapped where the caller sets it
        builder.extra_slots.setdefault(g.path, set()).add(("const", variable) if where == () else
                                                          ("local", where, variable))
    for (_path, constant), (other, arguments) in imported.items():
        reads = _other_reads(builder, other, constant)
        if reads is None or any(not any(load is a for a in arguments) for _g, load in reads):
            return None  # read otherwise too (a tokenizer, a kept client): the call keeps its TODO
    for (_path, constant), (other, _arguments) in imported.items():
        builder.extra_slots.setdefault(other.path, set()).add(("const", constant))
    for g, slot in forwarded:
        builder.extra_slots.setdefault(g.path, set()).add(slot)
    return forwarded


def _shared_default(builder, g, value: ast.Name, f, scope) -> str:
    """For ``value``, a parameter of the module-level function (or plain method) around it, not rebound, whose default
    is a string naming a model the run maps, and read otherwise too (besides this argument and log lines): how the
    call's TODO names it ("summarize_text's model default 'gpt-3.5-turbo-0125' (summarizer.py), passed to
    summarize_chunk and also read by count_tokens(...)"), else ""."""
    where = builder.lookup_scope(g, g.scope_of.get(id(value), ()), value.id)
    if where is None or not where or (where, value.id) not in g.params or (where, value.id) in g.assigns:
        return ""
    default = _param_default(g, where, value.id)
    if not (isinstance(default, ast.Constant) and isinstance(default.value, str) and slot_model_literal(default.value)):
        return ""
    others = [load for load in _loads_of(g, value.id) if load is not value and
              g.scope_of.get(id(load), ())[:len(where)] == where and not _logged(g, load) and
              not _passed_to_model(builder, g, load)]
    if not others:
        return ""  # (handed on to another converted call's model= only: mapped elsewhere, review of session 89)
    return (f"{where[-1]}'s {value.id} default {default.value!r} ({os.path.basename(g.path)}), passed to "
            f"{'.'.join(scope)} and also read by {_read_places([(g, o) for o in others], f)}")


def _passed_to_model(builder, g, load: ast.Name) -> bool:
    """Is ``load`` an argument of a call of the tree's function whose parameter it fills is only sent as model= of
    converted calls (``make_title(text, model)``, make_title's ``create(model=model)``)?"""
    call = g.parent.get(id(load))
    keyword = call if isinstance(call, ast.keyword) else None
    call = g.parent.get(id(call)) if keyword is not None else call
    if not isinstance(call, ast.Call) or (keyword is None and load not in call.args):
        return False
    filled = _filled_parameter(builder, g, call, keyword if keyword is not None else load)
    if filled is None:
        return False
    h, _path, function, name = filled
    loads = [n for n in ast_walk(function) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
    return bool(name) and bool(loads) and all(_sends_model(builder, h, n) for n in loads)


def _filled_parameter(builder, f, call: ast.Call, child, classes: bool = False) -> Optional[tuple]:
    """(module, scope, function, the parameter name or None) of the tree's function ``call`` calls that ``child`` (a
    keyword or positional argument) fills; with ``classes``, a class's ``__init__`` too (``Ext(api_key=KEY)``); None
    where the callee is none of the tree's functions."""
    cls = builder.resolve_class(f, call.func) if classes else None
    if cls is not None:
        h, scope = cls[0], (*cls[1], "__init__")
    else:
        found = builder.resolve_function(f, f.scope_of.get(id(call), ()), call.func)
        if found is None or found[2]:
            return None
        h, scope, _ = found
    function = h.scopes.get(scope)
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    method = cls is not None or len(scope) >= 2 and scope[:-1] in h.classes
    return h, scope, function, parameter_for(function, call, child, method=method)


def _string_constant(f, name: str) -> bool:
    """Is ``name`` a module-level constant of ``f`` bound once to a string naming a model the run maps?"""
    values = f.assigns.get(((), name), [])
    return len(values) == 1 and isinstance(values[0], ast.Constant) and isinstance(values[0].value, str) and \
        slot_model_literal(values[0].value) is not None


def _cache_keys(f, loads: list) -> set:
    """The ids of those ``loads`` that are (items of a tuple that is) the key of a dict the function also stores under
    such a key: ``if (text, model) not in cache: cache[(text, model)] = embed(text, model)``, ``cache.get(model)``;
    they pick an entry, and read nothing of what they name. Not a table's lookup (``PRICES[model]``): nothing stores
    there."""
    found: dict = {}  # id of a load -> (the dict's dotted name, is it a store)
    for load in loads:
        node, parent = load, f.parent.get(id(load))
        if isinstance(parent, ast.Tuple) and isinstance(parent.ctx, ast.Load):
            node, parent = parent, f.parent.get(id(parent))
        if isinstance(parent, ast.Subscript) and parent.slice is node:
            found[id(load)] = (dotted_name(parent.value), isinstance(parent.ctx, ast.Store))
        elif isinstance(parent, ast.Compare) and parent.left is node and len(parent.ops) == 1 and \
                isinstance(parent.ops[0], (ast.In, ast.NotIn)):
            found[id(load)] = (dotted_name(parent.comparators[0]), False)
        elif isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and \
                parent.func.attr in ("get", "setdefault") and parent.args[:1] == [node]:
            found[id(load)] = (dotted_name(parent.func.value), parent.func.attr == "setdefault")
    stored = {name for name, store in found.values() if store and name is not None}
    return {key for key, (name, _) in found.items() if name in stored}


def _forwarded_parameter(builder, g, value: ast.Name) -> Optional[list]:
    """``def add_embeddings(rows, model=EMBEDDING_MODEL): return embed_texts(rows, model=model)``: ``value`` is a
    parameter of the module-level function around it, read only there, whose default is a string (or a
    constant ``_default_constant`` maps) and whose callers pass nothing, or only what ``_callarg_slot`` maps: the
    slots that map what it holds, as (module, slot), else None (held-out review 92, Y5: one forwarding function
    left the constant unmapped, and its call's TODO said "computed at run time")."""
    where = builder.lookup_scope(g, g.scope_of.get(id(value), ()), value.id)
    # (or a plain method's, `def ask(self, q, model=DEFAULT_MODEL): return self._fetch(q, model=model)`: held-out
    # review 157, X5, two hops left the constant and a caller's literal unmapped, one hop mapped them)
    if where is None or not (len(where) == 1 and where not in g.classes or _plain_method(g, where)) or \
            (where, value.id) not in g.params or (where, value.id) in g.assigns:
        return None
    # (a log line showing it is no other reader: held-out review 145, X2, `print(f"embedding with {model}")` left the
    # CLI's --model default unmapped, while the parameters' defaults were mapped)
    # (nor a cache's key, `if (text, model) not in cache: cache[(text, model)] = embed(text, model)`: held-out review
    # 170, Y2, the wrapper's default kept text-embedding-ada-002 and sent it to Mistral; another model, another key)
    loads = [load for load in _loads_of(g, value.id) if g.scope_of.get(id(load), ())[:len(where)] == where and
             not _logged(g, load)]
    keys = _cache_keys(g, loads)
    loads = [load for load in loads if id(load) not in keys]
    if len(loads) != 1 or loads[0] is not value:
        return None  # read otherwise too
    busy = builder.__dict__.setdefault("_forwarding", set())
    key = (g.path, where, value.id)
    if key in busy or len(busy) > 4:
        return None
    busy.add(key)
    try:
        default = _param_default(g, where, value.id)
        slots = [(g, ("default", where, value.id))]
        if isinstance(default, ast.Name):
            constant = _default_constant(builder, g, default)
            if constant is None and default.id in g.repo_imports:
                # `from .constants import DEFAULT_MODEL` (held-out review 157, X5): mapped where it is set, where this
                # default is its only read other than converted calls' model=
                target = builder.resolve_import(g, default.id)
                values = target[0].assigns.get(((), target[1]), []) if target is not None else []
                others = _other_reads(builder, target[0], target[1]) if values else None
                # (read in its own module too, `def price(model=DEFAULT_MODEL): return PRICES[model]`, which
                # _other_reads leaves to that parameter's own slot: not followed here; review of session 86)
                if others is not None and all(read is default for _, read in others) and \
                        all(v is not None and _string_source(v) for v in values) and \
                        not any(True for _ in _loads_of(target[0], target[1])):
                    slots.append((target[0], ("const", target[1])))
                    constant = ("imported", default.id)
            if constant is None:
                return None
            slots.append((g, constant))
        elif default is not None and not _string_source(default) and not _framework_string_default(default):
            return None
        if _callers_pass(builder, g, where, value.id):
            passed = _callarg_slot(builder, g, where, value.id)
            if passed is None:
                return None
            slots.append((g, passed))
        elif default is None:
            return None
        return slots
    finally:
        busy.discard(key)


def _framework_string_default(default) -> bool:
    """``Form("gpt-4.1-mini")`` (or ``Query(default="...")``), given that string alone: an endpoint parameter's default,
    which the slot maps in place (held-out review 159, X3: a FastAPI form's default model, handed on to a converted
    call in another module, reached Mistral as gpt-4.1-mini)."""
    if not (isinstance(default, ast.Call) and (dotted_name(default.func) or "").rsplit(".", 1)[-1] in
            FRAMEWORK_PARAM_DEFAULTS):
        return False
    given = list(default.args) + [kw.value for kw in default.keywords]
    held = default.args[0] if default.args else next((kw.value for kw in default.keywords if kw.arg == "default"),
                                                        None)
    return len(given) == 1 and isinstance(held, ast.Constant) and isinstance(held.value, str)


def _caller_string(builder, g, value: ast.Name):
    """(scope, name) when ``value`` reads a variable of module ``g`` bound only by plain ``name = "..."``
    assignments there (a module constant or a function's local, not a parameter), or to what a converted call's
    model= constant may hold (``_string_source``: ``os.getenv("CHAT_COMPLETION_MODEL", "gpt-3.5-turbo")``, its default
    mapped and its variable named, as there; held-out review 145, Y3); else None."""
    where = builder.lookup_scope(g, g.scope_of.get(id(value), ()), value.id)
    if where is None or where in g.classes or (where, value.id) in g.params:
        return None
    values = g.assigns.get((where, value.id), [])
    if not values or not all(v is not None and _string_source(v) and _plain_binding(g, v) for v in values):
        return None
    stores = [n for n in g.nodes if isinstance(n, ast.Name) and n.id == value.id and not isinstance(n.ctx, ast.Load)
              and builder.lookup_scope(g, g.scope_of.get(id(n), ()), value.id) == where]
    if len(stores) != len(values) or any(isinstance(n, (ast.Global, ast.Nonlocal)) and value.id in n.names
                                         for n in g.nodes):
        return None
    return where, value.id




def _field_slots(builder, f, node, via=None) -> set:
    """``model=settings.openai_model`` where one class of the tree declares the field with a string
    default (``openai_model: str = "gpt-4o-mini"``), nothing assigns it, and every read of an attribute
    of that name in the tree is model= of a converted call: ("fieldread", attr) here (no TODO at the
    call) and ("field", class scope, attr, env) in the class's module, where the default is mapped
    (held-out review 6, D8). ``env`` is the variable a pydantic settings class reads it from, else "".
    ``via``: the read is ``self.model = settings.openai_model`` (held-out review 8, D8), whose self.model
    ``_attr_slots`` found read only as model= of converted calls: that read counts as one too."""
    attr = node.attr
    found = []
    for g in builder.files:
        if attr not in g.source:
            continue
        for cls in g.classes:
            for stmt in g.scopes[cls].body:
                target = stmt.target if isinstance(stmt, ast.AnnAssign) else (
                    stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None)
                if isinstance(target, ast.Name) and target.id == attr:
                    found.append((g, cls, stmt))
    # (not another program's class, `initial/src/params.py` beside the app's: held-out review 172, X2; a lone one is
    # kept where the tree loads modules by name, which is no import: review of session 89)
    mine = [item for item in found if _one_program(builder, f, item[0])]
    if len(found) > 1 or not mine and not any(marker in g.source for g in builder.files
                                              for marker in ("import_module", "spec_from_file_location", "__import__")):
        found = mine  # (another program's lone class: only where the tree loads modules by name)
    owner = _receiver_class(builder, f, node.value) if found else None
    if owner is not None and not any(item[0] is owner[0] and item[1] == owner[1] for item in found):
        # the receiver is an instance of a class declaring no such field (`agent: Agent`, whose __init__ sets
        # self.model): another module's dataclass field of that name is not it (held-out review 129, Y1: its
        # `RequestMetrics(model=...)` was blamed, and the Agent default left "gpt-4o-mini")
        found = []
    if len(found) > 1:
        # several classes with such a field: the one the read's receiver is an instance of (`settings`, imported from
        # app.config, is `Settings()` there: held-out review 74, Y1, a script's own Settings stopped the remap)
        if owner is not None and any(item[0] is owner[0] and item[1] == owner[1] for item in found):
            found = [item for item in found if item[0] is owner[0] and item[1] == owner[1]]
    if len(found) > 1:
        # this module's own, when it names no module of the others (two scripts each defining
        # `class Agent(BaseModel): model: str = "gpt-4o"`: held-out review 51, L6)
        here = [item for item in found if item[0] is f]
        if len(here) == 1 and not any(item[0].module.rsplit(".", 1)[-1] in f.source for item in found if item[0] is not f):
            found = here
    if not found:
        return _instance_field_slots(builder, f, node, via)
    if len(found) != 1:
        return set()  # several classes with such a field: which one is read is not known here
    g, cls, stmt = found[0]
    value, alias = _field_default(stmt.value)
    default = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) \
        else None if value is not None else ""
    if default is None or not (default == "" or slot_model_literal(default) or is_mistral_model(default)):
        return set()
    if _read_by_unread_code(builder, g, attr, cls[-1]):
        return set()
    values: list = []
    given = _field_given(builder, g, cls, alias or attr, values)
    locals_mapped: list = []  # (module, slot) of the locals given, added once every value is seen mapped

    def mapped_where_set(h, value) -> bool:
        if isinstance(value, ast.Attribute):
            return bool(_field_slots(builder, h, value, via=value))
        slot = _model_slot(builder, h, value) if isinstance(value, ast.Name) else None
        if slot is not None:  # `model = os.getenv("VISION_MODEL", "gpt-4o")` then `VisionConfig(model=model)`
            locals_mapped.append((h.path, slot))
        return slot is not None
    if given and default == "" and values and not _framework_fed(builder, cls[-1]) and \
            _only_built_here(builder, g, cls[-1]) and not _field_written(builder, attr) and \
            all(mapped_where_set(h, value) for h, value in values):
        for path, slot in locals_mapped:  # (not before: a TODO saying "not mapped" of a value mapped, review of 90)
            builder.extra_slots.setdefault(path, set()).add(slot)
        # `EmbeddingRequest(text=t, model=app_config.embedding_model_ada)`, a request object's required field given
        # settings fields only it sends: those are mapped where declared, nothing is left to say here (held-out review
        # 170, X3: "computed at run time", and the settings default stayed "text-embedding-ada-002"); or a local
        # given an environment read's default (held-out review 175, X3)
        return {("fieldread", attr)}
    if given:
        # `Settings(OPENAI_MODEL_NAME=os.getenv("OPENAI_MODEL_NAME", "gpt-4.1"))`: the default is not the value
        # (held-out review 98, Y2: the class default was mapped and counted converted, the value sent stayed gpt-4.1)
        # (keyed by the read: another module's `x.model` of another class is not this field; held-out review 129, Y1)
        builder.set_fields[(f.path, ast.unparse(node))] = given
        return set()
    others: list[str] = []  # where it is read other than as a converted call's model=
    for h in builder.files:
        if attr not in h.source or is_test_path(h.path) and h is not g:
            continue  # (a test's reads and writes, on its own Settings(...) or a MagicMock, see their own value, not
            # the default: held-out review 62, Y33)
        for read in h.nodes:
            if isinstance(read, ast.Attribute) and read.attr == attr and read is not via and \
                    (not isinstance(read.ctx, ast.Load) or not _sends_model(builder, h, read)):
                if not isinstance(read.ctx, ast.Load):
                    return set()  # assigned: its value is not the default
                if _logged(h, read) or _api_result_read(h, read):
                    continue  # a log line, or `resp.model` of an API call's result: not this field (45, A10)
                others.append(_read_place(h, read))
            if isinstance(read, ast.Call) and read is not stmt.value and any(
                    isinstance(a, ast.Constant) and a.value == attr for a in read.args) and \
                    (dotted_name(read.func) or "").rsplit(".", 1)[-1] not in ("getenv", "get", "environ"):
                return set()  # getattr(settings, "openai_model"); not os.getenv("EMBEDDING_MODEL") of another module,
                # which reads the variable, not the field's default (held-out review 94, X2: the default stayed)
    if others:
        # the call keeps its run-time TODO, told what else reads the setting (held-out review 9, D6: a kept
        # ChatOpenAI and tiktoken read it too; "make sure it names a Mistral model" would break them)
        if default:
            builder.shared_fields[attr] = (f"the settings field {attr} ({os.path.basename(g.path)}, default "
                                           f"{default!r}), also read by {', '.join(dict.fromkeys(others[:3]))}")
        return set()
    bases = {dotted_name(b) or "" for b in g.scopes[cls].bases}
    env = (alias or attr.upper()) if any(b.rsplit(".", 1)[-1] in SETTINGS_BASES for b in bases) \
        and "env_prefix" not in g.source else ""
    if not default:  # no default (`OPENAI_MODEL: str = ""`, held-out 7 D1): the environment supplies it
        if env:
            builder.model_env.add(env)  # an example env file's value is mapped (migrator.engine.project_files)
        return set()  # the call keeps its run-time TODO
    builder.extra_slots.setdefault(g.path, set()).add(("field", cls, attr, env))
    return {("fieldread", attr)}


def _fields_or_fallback(builder, f, value: ast.BoolOp) -> set:
    """The slots of ``settings.FIELD or "literal"`` (each operand a string source, or a settings field whose default
    ``_field_slots`` maps, the read counted as a converted call's model=), else an empty set."""
    slots: set = set()
    for operand in value.values:
        if _string_source(operand):
            continue
        found = _field_slots(builder, f, operand, via=operand) if isinstance(operand, ast.Attribute) else set()
        if not found:
            return set()
        slots |= found
    return slots




def _field_written(builder, attr: str) -> bool:
    """Is a field of that name set after its object is built (``c.model = 'gpt-4o-mini'``), or copied with an update
    (``dataclasses.replace(c, model=...)``, ``c.model_copy(update=...)``), in a module read or not? (Review of session
    90: the value so given reached Mistral silently.)"""
    if any(isinstance(n, ast.Attribute) and n.attr == attr and isinstance(n.ctx, ast.Store)
           for h in builder.files if attr in h.source for n in h.nodes):
        return True
    copied = re.compile(r"\b(?:replace|evolve)\s*\(.*\b" + re.escape(attr) + r"\s*=|\bmodel_copy\s*\(")
    if any(attr in h.source and copied.search(h.source) for h in builder.files):
        return True
    written = re.compile(rb"\." + re.escape(attr.encode()) + rb"\s*=(?!=)")
    return builder.unread is not None and any(written.search(data) or copied.search(data.decode("utf-8", "replace"))
                                              for _path, data in builder.unread.naming(attr))


def _only_built_here(builder, g, name: str) -> bool:
    """Is the class ``name`` (of ``g``) named, in the modules read, only where it is built with keywords written
    (``EmbeddingRequest(text=t, model=...)``: no ``**``, no positional) or as a plain parameter's annotation, and by no
    module the plan did not read? Instances from ``model_validate_json(...)``, ``EmbeddingRequest(**data)``, a route's
    ``list[EmbeddingRequest]`` carry values no construction shows (review of session 90: the call's TODO was
    dropped)."""
    if builder.unread is not None and builder.unread.read_elsewhere(name, g.module.rsplit(".", 1)[-1]):
        return False
    for h in builder.files:
        if name not in h.source:
            continue
        for node in h.nodes:
            if not (isinstance(node, ast.Name) and node.id == name or isinstance(node, ast.Attribute) and
                    node.attr == name):
                continue
            parent = h.parent.get(id(node))
            if isinstance(parent, ast.Call) and parent.func is node:
                if parent.args or any(kw.arg is None for kw in parent.keywords):
                    return False
                continue
            if isinstance(parent, ast.arg) and parent.annotation is node or isinstance(
                    parent, (ast.FunctionDef, ast.AsyncFunctionDef)) and parent.returns is node or \
                    isinstance(parent, ast.AnnAssign) and parent.annotation is node:
                continue  # (a type named: `config: VisionConfig`, `-> VisionConfig`)
            return False
    return True


def _framework_fed(builder, name: str) -> bool:
    """Does a decorated function of the tree (a route, a task, a tool) take a parameter annotated with the class
    ``name`` (``@app.post("/embed") def embed(req: EmbeddingRequest)``)? Its instances then also come from outside,
    with values no construction in the tree shows."""
    return any(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list and any(
        isinstance(a.annotation, (ast.Name, ast.Attribute, ast.Constant)) and
        (dotted_name(a.annotation) or str(getattr(a.annotation, "value", ""))).rsplit(".", 1)[-1] == name
        for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs))
        for h in builder.files if name in h.source for node in h.nodes)


def _field_given(builder, g, cls, name: str, values: Optional[list] = None) -> str:
    """Where an instance of the class ``cls`` (of ``g``) is built with its field ``name`` given
    (``Settings(OPENAI_MODEL_NAME=os.getenv(...))`` in config.py), as the TODO names it; "" where none is. ``values``:
    a list given (module, value) of each."""
    places: dict = {}
    # (or by position, `VisionConfig('gpt-4o-mini')`: review of session 90, the default was mapped and the value given
    # reached Mistral silently)
    body = g.scopes.get(cls)
    fields = [stmt.target.id for stmt in getattr(body, "body", ()) if isinstance(stmt, ast.AnnAssign) and
              isinstance(stmt.target, ast.Name)] if (cls + ("__init__",)) not in g.scopes else []
    index = fields.index(name) if name in fields else -1
    for h in builder.files:
        if cls[-1] not in h.source or is_test_path(h.path) and h is not g:
            continue  # (a test's fixture is not where the running app builds it: held-out review 104, Y2)
        for call in h.nodes:
            if isinstance(call, ast.Call) and 0 <= index < len(call.args) and \
                    not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]) and \
                    builder.resolve_class(h, call.func) == (g, cls):
                shown = f"{ast.unparse(call.func)}({ast.unparse(call.args[index])}, ...)"
                places[f"{shown} in {_shown_path(h.path)}"] = None
                if values is not None:
                    values.append((h, call.args[index]))
                continue
            if name not in h.source:
                continue
            if isinstance(call, ast.Call) and any(kw.arg == name for kw in call.keywords) and (
                    builder.resolve_class(h, call.func) == (g, cls) or
                    # `return cls(openai_model=os.getenv("OPENAI_MODEL", "gpt-4o-mini"))` in its from_env()
                    # classmethod (held-out review 104, Y2: the class default was mapped, the value sent was not)
                    h is g and isinstance(call.func, ast.Name) and call.func.id == "cls" and
                    len(scope := g.scope_of.get(id(call), ())) > len(cls) and scope[:len(cls)] == cls):
                given = next(kw.value for kw in call.keywords if kw.arg == name)
                places[f"{ast.unparse(call.func)}({name}={ast.unparse(given)}) in {_shown_path(h.path)}"] = None
                if values is not None:
                    values.append((h, given))
    return "; ".join(list(places)[:2])


def _receiver_class(builder, f, value, depth: int = 0):
    """The repo's class (file, class scope) whose instance ``value`` is: ``Settings()``, a name bound once to one
    (``settings = Settings()``), or such a name imported from another module of the tree; else None."""
    if depth > 2:
        return None
    if isinstance(value, ast.Call):
        return builder.resolve_class(f, value.func)
    if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id == "self":
        # `self.params`, set once in the class to `DefaultParams()` (held-out review 129, X1)
        cls = builder.class_of(f, f.scope_of.get(id(value), ()))
        held = f.self_assigns.get((cls, value.attr), []) if cls is not None else []
        return _receiver_class(builder, f, held[0], depth + 1) if len(held) == 1 and \
            isinstance(held[0], ast.Call) else None
    if not isinstance(value, ast.Name):
        return None
    where = builder.lookup_scope(f, f.scope_of.get(id(value), ()), value.id)
    if where is None:
        return None
    values = f.assigns.get((where, value.id), [])
    if len(values) == 1 and isinstance(values[0], (ast.Call, ast.Attribute)):
        return _receiver_class(builder, f, values[0], depth + 1)
    param = f.params.get((where, value.id)) if not values else None
    if param is not None and isinstance(param[1], (ast.Name, ast.Attribute)):
        return builder.resolve_class(f, param[1])  # `def compare(agent: Agent)` (held-out review 129, Y1)
    if where == () and not values and value.id in f.repo_imports:
        target = builder.resolve_import(f, value.id)
        if target is not None:
            bound = target[0].assigns.get(((), target[1]), [])
            if len(bound) == 1 and isinstance(bound[0], ast.Call):
                return _receiver_class(builder, target[0], bound[0], depth + 1)
    return None


def _read_by_unread_code(builder, g, attr: str, cls: str = "") -> bool:
    """Does a module the plan did not read, other than a test's, name ``attr`` and ``g``'s module? (A test's
    `mock_settings.llm_model = "test_model"` sets its own value: held-out review 62, Y33.) ``cls``: the class declaring
    the field, whose construction there (``VisionConfig(model="gpt-4o-mini")``) gives it a value."""
    module = g.module.rsplit(".", 1)[-1]
    if builder.unread is None:
        return False
    here = os.path.dirname(os.path.abspath(g.path))
    if cls and builder.unread.read_elsewhere(cls, module):
        # (built there by position, `VisionConfig('gpt-4o-mini')`: review of session 90)
        built = re.compile(rb"\b" + re.escape(cls.encode()) + rb"\s*\(\s*[^)\s]")
        if any(not is_test_path(os.path.relpath(path, here)) and built.search(data)
               for path, data in builder.unread.readers_of(cls, module)):
            return True
    if not builder.unread.read_elsewhere(attr, module):
        return False
    # (an attribute read or a quoted name, `x.model` / getattr(x, "model"), or the class built there: not a keyword
    # of another call, `other(model=name)`, which made a precise TODO vague; held-out review 175, X3; review of
    # session 90: `VisionConfig(model="gpt-4o-mini")` in an unread module then reached Mistral silently)
    read = re.compile(rb"\." + re.escape(attr.encode()) + rb"\b|[\"']" + re.escape(attr.encode()) + rb"[\"']" +
                      (rb"|\b" + re.escape(cls.encode()) + rb"\s*\(" if cls else b""))
    return any(not is_test_path(os.path.relpath(path, here)) and read.search(data)
               for path, data in builder.unread.readers_of(attr, module))


def _instance_field_slots(builder, f, node, via=None) -> set:
    """``model=params.GPT_MODEL`` where one class of the tree sets ``self.GPT_MODEL = "gpt-4o-mini"`` in its
    ``__init__``, nothing else sets an attribute of that name, and every read of one in the tree is model= of a
    converted call: mapped where it is set, as a class field's default (held-out review 59, X4: "computed at run
    time", and a Celery task retried Mistral's 400 four times). Read otherwise too, the call's TODO names it."""
    attr = node.attr
    found = [(g, cls, values[0]) for g in builder.files if attr in g.source for (cls, name), values in
             g.self_assigns.items() if name == attr and len(values) == 1 and values[0] is not None]
    owner = _receiver_class(builder, f, node.value) if len(found) > 1 else None
    if owner is not None:  # `def compare(agent: Agent)`: Agent's own, not another class's (held-out review 129, Y1)
        found = [item for item in found if item[0] is owner[0] and item[1] == owner[1]]

    if len(found) > 1:
        # (another program's class of that name, `initial/src/params.py` beside the app's: held-out review 172, X2, the
        # app's default stayed text-embedding-ada-002, "computed at run time")
        found = [item for item in found if _one_program(builder, f, item[0])]
    if len(found) != 1:
        return set()
    g, cls, value = found[0]
    assigned = value
    init = g.scopes.get((*cls, "__init__"))
    slot = ("attr", cls, attr)
    if isinstance(value, ast.Name) and init is not None and ((*cls, "__init__"), value.id) in g.params:
        # `def __init__(self, model="gpt-4o-mini"): self.model = model`, read as `bot.model` by a helper module handed
        # the instance (held-out review 69, X6): the default, where no caller passes its own
        default = _param_default(g, (*cls, "__init__"), value.id)
        if not (isinstance(default, ast.Constant) and isinstance(default.value, str) and
                slot_model_literal(default.value)) or _callers_pass(builder, g, (*cls, "__init__"), value.id) or \
                len(g.assigns.get(((*cls, "__init__"), value.id), [])) > 0:
            return set()
        slot, value = ("default", (*cls, "__init__"), value.id), default
    elif not (isinstance(value, ast.Constant) and isinstance(value.value, str) and slot_model_literal(value.value)) or \
            init is None or not any(n is value for n in ast_walk(init)):
        return set()
    if builder.unread is not None and builder.unread.read_elsewhere(attr, g.module.rsplit(".", 1)[-1]):
        return set()
    others: list[str] = []
    for h in builder.files:
        if attr not in h.source or not _one_program(builder, h, g):
            continue  # (another program's reads: not of this class)
        for read in h.nodes:
            if isinstance(read, ast.Attribute) and read.attr == attr and read is not via:
                if isinstance(read.value, ast.Name) and read.value.id == "self" and \
                        (home := builder.class_of(h, h.scope_of.get(id(read), ()))) is not None and \
                        (h is not g or home != cls) and (home, attr) in h.self_assigns:
                    continue  # another class's own `self.model` (held-out review 129, Y1: Prod's, beside Agent's)
                if not isinstance(read.ctx, ast.Load):
                    if h is g and g.parent.get(id(read)) is not None and \
                            getattr(g.parent[id(read)], "value", None) is assigned:
                        continue  # the assignment found
                    return set()  # set elsewhere too
                if _sends_model(builder, h, read) or _logged(h, read) or _api_result_read(h, read):
                    continue
                others.append(_read_place(h, read))
            if isinstance(read, ast.Call) and any(isinstance(a, ast.Constant) and a.value == attr for a in read.args):
                return set()  # getattr(params, "GPT_MODEL")
    if others:
        builder.shared_fields[attr] = (f"{cls[-1]}().{attr} (set to {value.value!r} in {_shown_path(g.path)}), also "
                                       f"read by {', '.join(dict.fromkeys(others[:3]))}")
        return set()
    builder.extra_slots.setdefault(g.path, set()).add(slot)
    return {("fieldread", attr)}


def _click_option(f, scope, name: str) -> Optional[ast.Call]:
    """The ``@click.option("--model", default="gpt-4o-mini")`` decorating the function ``scope`` that declares its
    parameter ``name`` with a model literal as its default, else None (click names the parameter after a flag
    without dashes, else its first long one: codemods._facts.click_dest)."""
    from codemods._facts import click_dest

    fn = f.scopes.get(scope)
    for decorator in getattr(fn, "decorator_list", ()) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)) \
            else ():
        if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) and
                decorator.func.attr == "option" and (dotted_name(decorator.func) or "").split(".")[0] == "click"):
            continue
        flags = [a.value if isinstance(a, ast.Constant) else None for a in decorator.args]
        default = next((kw.value for kw in decorator.keywords if kw.arg == "default"), None)
        if click_dest(flags) == name and isinstance(default, ast.Constant) and isinstance(default.value, str) and \
                slot_model_literal(default.value):
            return decorator
    return None


def _cli_option_default(default: ast.AST) -> bool:
    """``model: str = typer.Option("gpt-4o-mini", help=...)``: typer's option (or argument) whose default is a
    model literal; mapped as a plain default is (held-out review 128, Y3)."""
    if not (isinstance(default, ast.Call) and (dotted_name(default.func) or "") in (
            "typer.Option", "typer.Argument", "Option", "Argument")):
        return False
    value = default.args[0] if default.args else next((kw.value for kw in default.keywords if kw.arg == "default"),
                                                         None)
    return isinstance(value, ast.Constant) and isinstance(value.value, str) and bool(slot_model_literal(value.value))


def _add_argument_dest(call) -> Optional[str]:
    """The option a ``parser.add_argument(...)`` call declares (``codemods._facts.option_dest``), else None."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "add_argument"):
        return None
    dest = next((kw.value.value for kw in call.keywords if kw.arg == "dest" and isinstance(kw.value, ast.Constant)), None)
    flags = [a.value if isinstance(a, ast.Constant) else None for a in call.args]
    return option_dest(flags, dest if isinstance(dest, str) else None)


def _options_names(f) -> set:
    """The names ``f`` binds to parsed command-line options: ``args = parser.parse_args()`` (``parse_known_args()[0]``),
    or a call of one of its functions returning such a name or call (``cfg = get_args()``)."""
    def parsed(value) -> bool:
        value = value.value if isinstance(value, ast.Subscript) else value
        return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
            value.func.attr in ("parse_args", "parse_known_args", "parse_intermixed_args")
    names = {t.id for n in f.nodes if isinstance(n, ast.Assign) and parsed(n.value) for t in n.targets
             if isinstance(t, ast.Name)}
    getters = {path[-1] for path, values in f.returns.items() if values and any(
        v is not None and (parsed(v) or isinstance(v, ast.Name) and v.id in names) for v in values)}
    return names | {t.id for n in f.nodes if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and
                    isinstance(n.value.func, ast.Name) and n.value.func.id in getters for t in n.targets
                    if isinstance(t, ast.Name)}


def _argparse_slots(builder, f, node, passed: frozenset = frozenset()) -> set:
    """``model=args.model`` where this module declares the option (``parser.add_argument("--model",
    default="gpt-4")``) with an OpenAI model as its default: the default and the option's choices are mapped where
    declared ("argdefault"), and the read is set elsewhere ("argread"), when every read of that option in the
    module is model= of a converted call (or a log line) and the options object goes nowhere this module does not
    show (only to its own functions). Held-out review 50, K2: the default reached Mistral unmapped."""
    if not isinstance(node.value, ast.Name) or node.value.id == "self" or "add_argument" not in f.source:
        return set()
    attr = node.attr
    declared = [call for call in f.nodes if _add_argument_dest(call) == attr]
    if len(declared) != 1:
        return set()
    default = next((kw.value for kw in declared[0].keywords if kw.arg == "default"), None)
    constant = None
    if isinstance(default, ast.Name) and builder.lookup_scope(f, f.scope_of.get(id(default), ()), default.id) == ():
        # `default=DEFAULT_MODEL`, a module constant read nowhere else (held-out review 80, X3: "computed at run
        # time", and the option's default reached Mistral unmapped)
        values = f.assigns.get(((), default.id), [])
        if values and all(isinstance(v, ast.Constant) and isinstance(v.value, str) and slot_model_literal(v.value)
                          for v in values) and \
                not [load for load in _loads_of(f, default.id) if load is not default] and \
                not _imported_elsewhere(builder, f, default.id) and not (
                    builder.unread is not None and builder.unread.read_elsewhere(default.id,
                                                                                 f.module.rsplit(".", 1)[-1])):
            constant = ("const", default.id)
    if isinstance(default, ast.Call) and len(default.args) == 2 and \
            (dotted_name(default.func) or "").endswith(("getenv", "environ.get")):
        # `default=os.environ.get("EMBED_MODEL", "text-embedding-3-small")`: its fallback, as a module-level read's
        # (held-out review 99, X5: left, while a literal default beside it was mapped)
        default = default.args[1]
    if constant is None and not (isinstance(default, ast.Constant) and isinstance(default.value, str) and
                                 slot_model_literal(default.value)):
        return set()
    options = _options_names(f)  # every name bound to parsed options (`cfg = get_args()`)
    # the names the options object is read through: those, and what they are passed as to this module's functions
    # (`budget(cfg, text)` reading `opts.model` for a tokenizer: review of session 89)
    holders = {node.value.id} | options
    for _ in range(3):
        for call in f.nodes:
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and (call.func.id,) in f.scopes and \
                    isinstance(f.scopes[(call.func.id,)], (ast.FunctionDef, ast.AsyncFunctionDef)):
                params = f.scopes[(call.func.id,)].args.args
                for index, arg in enumerate(call.args):
                    if isinstance(arg, ast.Name) and index < len(params) and {arg.id, params[index].arg} & holders:
                        holders.update((arg.id, params[index].arg))  # `ask(args)` into `def ask(opts)`, or back
    for read in f.nodes:
        if isinstance(read, ast.Attribute) and read.attr == attr and isinstance(read.value, ast.Name) and \
                read.value.id in holders and \
                not (isinstance(read.ctx, ast.Load) and (id(read) in passed or _sends_model(builder, f, read) or
                                                         _logged(f, read))):
            # assigned, or read for more than the converted calls' model= (or given to their function), through a
            # name that may hold the options (`cfg = get_args()`: review of session 89); not an instance's own field
            # of that name (`self.model = model`: held-out review 170, Y1), nor a response's (`r.model`)
            return set()
        if isinstance(read, ast.Name) and read.id in holders and isinstance(read.ctx, ast.Load):
            parent = f.parent.get(id(read))
            if not (isinstance(parent, ast.Attribute) and parent.value is read) and not (
                    isinstance(parent, ast.Call) and read in parent.args and isinstance(parent.func, ast.Name) and
                    (parent.func.id,) in f.scopes):
                return set()  # `vars(args)`, `run(args)` of another module, getattr(args, ...): reads unseen
    builder.extra_slots.setdefault(f.path, set()).add(constant or ("argdefault", attr))
    choices = next((kw.value for kw in declared[0].keywords if kw.arg == "choices"), None)
    if isinstance(choices, ast.Name) and builder.lookup_scope(f, f.scope_of.get(id(choices), ()), choices.id) == ():
        # `MODELS = ["gpt-4o", "gpt-4o-mini"]` then `choices=MODELS`: the list, mapped where it is set when only the
        # option reads it (held-out review 125, X1: the default became Mistral's, `--model gpt-4o` still went to
        # Mistral, and a Mistral name was refused by argparse)
        values = f.assigns.get(((), choices.id), [])
        if len(values) == 1 and isinstance(values[0], (ast.List, ast.Tuple)) and values[0].elts and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) and slot_model_literal(e.value)
                for e in values[0].elts) and \
                not [load for load in _loads_of(f, choices.id) if load is not choices] and \
                not _imported_elsewhere(builder, f, choices.id):
            builder.extra_slots.setdefault(f.path, set()).add(("const", choices.id))
    return {("argread", attr)}


def _raw_url_settings(files, builder=None) -> dict:
    """{statement span: TODO} of a class field not named for OpenAI whose default is OpenAI's API URL
    (``whisperx_base_url: Url = "https://api.openai.com/v1"``) when no OpenAI client of the tree takes it as base_url=:
    the modules sending requests to it name no openai, and are not read (held-out review 62, Y38: every transcription
    went to OpenAI, silently)."""
    from migrator.mapping.outside_sdk import (OPENAI_HOST, OPENAI_URL_SETTING, RAW_URL_SETTING_TODO, RAW_URL_UNREAD_TODO,
                                              URL_SETTING_WORDS)

    found: dict = {}
    for f in files:
        if OPENAI_HOST not in f.source:
            continue
        for cls in f.classes:
            for stmt in f.scopes[cls].body:
                target = stmt.target if isinstance(stmt, ast.AnnAssign) else \
                    stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
                value = getattr(stmt, "value", None)
                if not (isinstance(target, ast.Name) and isinstance(value, ast.Constant) and
                        isinstance(value.value, str) and OPENAI_HOST in value.value and
                        URL_SETTING_WORDS.search(target.id) and OPENAI_URL_SETTING.fullmatch(target.id) is None):
                    continue
                if any(isinstance(n, ast.Attribute) and n.attr == target.id and isinstance(n.value, ast.Name) and
                       n.value.id in ("self", "cls") and not _self_override(f, n) for n in f.nodes):
                    continue  # read by the class's own methods: the requests there are reported as such
                if any(isinstance(n, ast.keyword) and n.arg in ("base_url", "api_base", "openai_api_base") and any(
                        isinstance(m, ast.Attribute) and m.attr == target.id for m in ast_walk(n.value))
                       for g in files if target.id in g.source for n in g.nodes):
                    continue  # an SDK client's base_url: its conversion says what happens to it
                # (a setting no Python module of the tree names but where it is set: no code sends requests to it;
                # held-out review 114, X4, the TODO sent the reader looking for HTTP code that does not exist)
                unread = f.source.count(target.id) == 1 and not any(target.id in g.source for g in files if g is not f) \
                    and builder is not None and getattr(builder, "unread", None) is not None and \
                    not builder.unread.read_elsewhere(target.id, f.module.rsplit(".", 1)[-1])
                found.setdefault(f.path, {})[(stmt.lineno, stmt.col_offset, stmt.end_lineno, stmt.end_col_offset)] = \
                    RAW_URL_UNREAD_TODO.format(name=target.id, url=value.value) if unread else \
                    RAW_URL_SETTING_TODO.format(name=target.id, url=value.value)
    return found


def _self_override(f, node: ast.Attribute) -> bool:
    """``self.base_url`` (``node``) as the target or the fallback of the field's own override, ``self.base_url =
    os.getenv("WHISPER_BASE_URL", self.base_url)``: no request is sent there (held-out review 166, X1: the class's own
    methods were taken to send it, and the OpenAI URL another module posted audio to was silent)."""
    statement = f.parent.get(id(node))
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = f.parent.get(id(statement))
    if not isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        return False
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    return any(isinstance(t, ast.Attribute) and t.attr == node.attr and isinstance(t.value, ast.Name) and
               t.value.id == getattr(node.value, "id", None) for t in targets)


def _key_helpers(builder, files) -> dict:
    """path -> {callee as written: the module defining it} for the calls of module-level functions of the tree whose
    return value is read from OPENAI_API_KEY (``def get_openai_key(): key = os.getenv("OPENAI_API_KEY"); if not key:
    raise ...; return SecretStr(key)``): a converted client's ``api_key=utils.get_openai_key()`` still needs the
    OpenAI key, and the app stops when it is unset (held-out review 60, Y14)."""
    helpers: dict = {}  # (path, function) of such functions
    for g in files:
        if "OPENAI_API_KEY" not in g.source:
            continue
        for (scope, name), target in g.defs.items():
            fn = g.scopes.get(target)
            if scope != () or not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            reads = {t.id for n in ast_walk(fn) if isinstance(n, ast.Assign) and _env_read(n.value) is not None and
                     _env_read(n.value)[0] == "OPENAI_API_KEY" for t in n.targets if isinstance(t, ast.Name)}
            if any(isinstance(r, ast.Return) and r.value is not None and any(
                    isinstance(m, ast.Name) and m.id in reads or _env_read(m) is not None and
                    _env_read(m)[0] == "OPENAI_API_KEY" for m in ast_walk(r.value)) for r in ast_walk(fn)):
                helpers[(g.path, name)] = g
    if not helpers:
        return {}
    found: dict = {}
    for f in files:
        for node in f.nodes:
            if not (isinstance(node, ast.Call) and not node.args and not node.keywords):
                continue
            func, where = node.func, None
            if isinstance(func, ast.Name):
                if ((), func.id) in f.defs and (f.path, func.id) in helpers:
                    where = f
                elif func.id in f.repo_imports:
                    target = builder.resolve_import(f, func.id)
                    where = target[0] if target is not None and (target[0].path, target[1]) in helpers else None
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                module = builder.module_file(f, f.scope_of.get(id(node), ()), func.value.id)
                where = module if module is not None and (module.path, func.attr) in helpers else None
            if where is not None:
                found.setdefault(f.path, {})[ast.unparse(func)] = os.path.basename(where.path)
    return found


def _key_statements(builder, files, plan_state, sites, key_names, wrappers_all: bool = False) -> dict:
    """MIG101's statement TODOs: the settings fields requiring the OpenAI key (_required_key_fields) and the lists of
    variables a start-up check reads naming it (_key_list_checks). ``wrappers_all``: no SDK client stays, and every
    LangChain / LlamaIndex OpenAI object converts (held-out review 95, Y5: a ChatOpenAI-only app's required
    OPENAI_API_KEY setting was said nowhere)."""
    found = _required_key_fields(builder, files) if plan_state["all"] or wrappers_all else {}
    # (or where converted clients read MISTRAL_API_KEY beside others kept on OpenAI that read OPENAI_API_KEY, a crewAI
    # agent: both are needed; held-out review 176, X4, the start-up check was silent)
    both = "OPENAI_API_KEY" not in plan_state["implicit"].get(None, ()) and getattr(builder, "env_key_readers", False)
    if ("OPENAI_API_KEY" in plan_state["implicit"].get(None, ()) or both) and builder.endpoint is None:
        for f in files:
            checks = _key_list_checks(f, both) if "OPENAI_API_KEY" in f.source else {}
            if checks:
                found[f.path] = {**checks, **found.get(f.path, {})}
    for path, tests in _message_tests(builder, files, sites, key_names).items():
        found[path] = {**tests, **found.get(path, {})}
    return found


def _message_tests(builder, files, sites, key_names) -> dict:
    """path -> {statement span: TODO} for the statements of test modules holding a string that is part of a key
    check's message MIG101 rewrites (``pytest.raises(ValueError, match="OpenAI API key not found")`` of ``if not key:
    raise ValueError("OpenAI API key not found. Set OPENAI_API_KEY")``, renamed with the check): the test no longer
    matches (held-out review 171, Y1: a passing test failed after the conversion, with no TODO)."""
    if builder.endpoint is not None or not any(is_test_path(f.path) for f in files):
        return {}
    messages = []  # (module, old text, new text)
    for f in files:
        if "OPENAI_API_KEY" not in f.source:
            continue
        names = key_names.get(f.path, set())  # (the names bound to the renamed reads: their checks are renamed too)

        def renamed(n) -> bool:
            answer = sites.get(node_key(f.path, n)) if isinstance(n, (ast.Subscript, ast.Call, ast.Compare)) else None
            return bool(answer) and answer[0] == "env" and answer[1] is True and answer[2:3] == ("gate",) or \
                isinstance(n, (ast.Name, ast.Attribute)) and isinstance(n.ctx, ast.Load) and ast.unparse(n) in names
        for holder in f.nodes:
            # (an If's / While's body: an assert's message is rewritten only where MIG101 finds its test a gate, which
            # the plan does not say: review of session 89)
            if not isinstance(holder, (ast.If, ast.While)) or not any(renamed(n) for n in ast_walk(holder.test)):
                continue
            # (an else's messages too, not an elif's: it tests something else)
            orelse = holder.orelse if not (len(holder.orelse) == 1 and isinstance(holder.orelse[0], ast.If)) else []
            parts = [*holder.body, *orelse]
            for part in parts:
                for text in ast_walk(part):
                    if isinstance(text, ast.Constant) and isinstance(text.value, str) and " " in text.value and \
                            (new := key_message(text.value)) != text.value:
                        messages.append((os.path.basename(f.path), text.value, new, id(text)))
    found: dict = {}
    for g in files if messages else ():
        if not is_test_path(g.path):
            continue
        for node in g.nodes:
            # (words of a message: not the variable's name, `monkeypatch.setenv("OPENAI_API_KEY", ...)`; review of
            # session 89)
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 8 and
                    " " in node.value.strip()):
                continue
            # (not the message itself, a test module's own check renamed in place: held-out review 176, X3)
            hit = next(((where, new) for where, old, new, at in messages if node.value in old and
                        node.value not in new and at != id(node)), None)
            statement = next((a for a in ancestors_of(g, node) if isinstance(a, ast.stmt)), None) if hit else None
            if statement is None:
                continue
            now = key_message(node.value)
            span = (statement.lineno, statement.col_offset, statement.end_lineno, statement.end_col_offset)
            found.setdefault(g.path, {})[span] = (
                f"this test expects the text of a message migrator rewrote in {hit[0]} ({node.value!r}), which now "
                f"reads {now if now in hit[1] else hit[1]!r}: update the test")
    return found


def _required_key_fields(builder, files) -> dict:
    """path -> {statement span: TODO} for the fields of pydantic settings classes that require the OpenAI key
    (``OPENAI_API_KEY: str``, ``openai_api_key: SecretStr``; pydantic-settings matches the variable's name
    case-insensitively), once every client of the tree converted and none kept reads the variable: a deployment
    set up for Mistral, without the OpenAI key, fails at start-up (held-out review 48, H6: ValidationError)."""
    if "OPENAI_API_KEY" in builder.kept_env:
        return {}
    endpoint = getattr(builder, "endpoint", None)
    key = endpoint.key_env if endpoint is not None else "MISTRAL_API_KEY"
    if key == "OPENAI_API_KEY":  # (--api-key-env OPENAI_API_KEY: the variable stays what it was)
        return {}
    reads = f"every client now reads {key}" if key else "the converted clients take no key"
    found: dict = {}
    for f in files:
        if not any(base in f.source for base in SETTINGS_BASES) or "env_prefix" in f.source:
            continue
        for cls in f.classes:
            holder = f.scopes.get(cls)
            if not any((dotted_name(b) or "").rsplit(".", 1)[-1] in SETTINGS_BASES for b in getattr(holder, "bases", ())):
                continue
            for stmt in holder.body:
                # (or another OpenAI-named key field, `OPENAI_KEY: str`, which converted clients are handed: held-out
                # review 173, X4, it failed start-up as OPENAI_API_KEY does, unsaid)
                if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and
                        _OPENAI_KEY_FIELD.fullmatch(stmt.target.id) and _required(stmt.value)):
                    continue
                # (the field's own spelling where the class matches case-sensitively: batch-4 review of session 89)
                sensitive = re.search(r"case_sensitive\b\W*(?:=|:)\s*True",
                                      ast.get_source_segment(f.source, holder) or "")
                variable = stmt.target.id if sensitive else stmt.target.id.upper()
                span = (stmt.lineno, stmt.col_offset, stmt.end_lineno, stmt.end_col_offset)
                # (pydantic 1's own BaseSettings is no pydantic-settings: held-out review 118, X2)
                reader = "pydantic 1's BaseSettings reads" if PYDANTIC_V1_SETTINGS.search(f.source) else \
                    "pydantic-settings reads"
                # (a client of another service of the tree, with settings of its own, is handed its own: held-out
                # review 86, X2)
                # (spelled as the class spells its OpenAI one: a case_sensitive class matches no other spelling)
                declared = (key.upper() if stmt.target.id.isupper() or sensitive else key.lower()) if key else key
                # (and the modules importing it: a namespace package, with no __init__.py to say where its project
                # begins, is linked by its imports; held-out review 90, X4, "no code of this project calls OpenAI" of
                # the settings a converted client was handed)
                # (or the importer's: `src/clients/llm.py` of a `src` package, clients/ without one: held-out review 92,
                # X1)
                importing = _importing(builder, f.path)
                beside = [g for g in files if project_of(g.path) == project_of(f.path) or g.path in importing and (
                    not _in_package(f.path) or not _in_package(g.path))]
                # (a property is matched only on the class's instances: `settings.api_key`, not a vendor config's
                # `.api_key`; review of session 86)
                instances = {t.id for n in f.tree.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call)
                             and dotted_name(n.value.func) == cls[-1] for t in n.targets if isinstance(t, ast.Name)}
                handed = _handed_field(beside, stmt.target.id, getattr(builder, "plan_sites", None),
                                       _property_aliases(holder, stmt.target.id), instances)
                if variable.upper() != "OPENAI_API_KEY" and not (handed and key):
                    continue  # (only the handed field's TODO: no client reads such a variable itself)
                if not handed and not any(g.uses_openai for g in beside):
                    found.setdefault(f.path, {})[span] = (
                        f"{stmt.target.id} is a required setting ({reader} the {variable} "
                        "variable), and no code of this project calls OpenAI: a deployment without the OpenAI key "
                        "fails at start-up (ValidationError); give it a default or remove it")
                    continue
                if handed and key:
                    # `Mistral(api_key=settings.openai_api_key)`: the clients read no variable (held-out review 57, X4)
                    found.setdefault(f.path, {})[span] = (
                        f"{stmt.target.id} is a required setting ({reader} the {variable} "
                        f"variable), and the converted clients are handed it ({handed}), which holds the OpenAI key: "
                        f"declare {declared} (read from {key}), pass it instead, and give {stmt.target.id} a default "
                        "or remove it (a deployment without the OpenAI key fails at start-up: ValidationError)")
                    continue
                found.setdefault(f.path, {})[span] = (
                    f"{stmt.target.id} is a required setting ({reader} the {variable} variable), "
                    f"and {reads}: a deployment without the OpenAI key fails at start-up (ValidationError); give it "
                    "a default or remove it" + (f", and declare {declared} where the code passes the key on" if key
                                                else ""))
    return found


_OPENAI_KEY_FIELD = re.compile(r"(?i)open_?ai_(?:api_)?key")


def _in_package(path: str) -> bool:
    """Does the module's directory hold an ``__init__.py`` (a regular package, whose project project_of finds)?"""
    return os.path.isfile(os.path.join(os.path.dirname(os.path.abspath(path)), "__init__.py"))


def _property_aliases(cls, field: str) -> frozenset:
    """The properties of the class ``cls`` returning its field ``field`` (``@property def api_key(self): return
    self.openai_api_key``, or ``.get_secret_value()`` of it)."""
    found = set()
    for stmt in cls.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and len(stmt.body) == 1 and \
                isinstance(stmt.body[0], ast.Return) and \
                any(dotted_name(d) in ("property", "functools.cached_property", "cached_property")
                    for d in stmt.decorator_list):
            value = stmt.body[0].value
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
                    value.func.attr == "get_secret_value" and not value.args:
                value = value.func.value
            if isinstance(value, ast.Attribute) and value.attr == field and isinstance(value.value, ast.Name) and \
                    value.value.id == "self":
                found.add(stmt.name)
    return frozenset(found)


def _handed_field(files, field: str, sites: Optional[dict] = None, aliases: frozenset = frozenset(),
                  instances: frozenset | set = frozenset()) -> str:
    """``api_key=settings.openai_api_key`` (or ``.get_secret_value()`` of it) given to a call in the modules read: as
    written (the first), else "". ``aliases``: properties of the settings class returning the field
    (``settings.api_key``; held-out review 156, X3: "every client now reads MISTRAL_API_KEY" was said of a key handed
    on through one), read on one of ``instances`` (the names the settings module binds to the class's instance)."""
    fields = {field} | aliases
    places: dict = {}  # one per module, each as written (held-out review 175, X4: only the first module was named)

    def named(value) -> bool:
        return value.attr == field or value.attr in aliases and isinstance(value.value, ast.Name) and \
            value.value.id in instances
    for g in files:
        if not any(name in g.source for name in fields):
            continue
        for node in g.nodes:
            # (LangChain's `openai_api_key=`, api_key= once converted: held-out review 98, Y5, "no code of this project
            # calls OpenAI: remove it" of the setting a converted ChatMistralAI was handed)
            if isinstance(node, ast.keyword) and node.arg in ("api_key", "openai_api_key"):
                # (or one of `api_key or settings.openai_api_key`, `a if a else settings.openai_api_key`: held-out
                # review 150, X5, "every client now reads MISTRAL_API_KEY" was said of the fallback handed on)
                for part in _key_parts(node.value):
                    if isinstance(part, ast.Attribute) and named(part):  # (as converted)
                        places.setdefault(g.path, f"api_key={ast.unparse(node.value)[:60]} in "
                                                  f"{os.path.basename(g.path)}")
                    # (or a name bound to it, `api_key = app_config.openai_api_key` then `Client(api_key=api_key)`:
                    # held-out review 170, X2, "every client now reads MISTRAL_API_KEY ... remove it" was said)
                    scope = g.scope_of.get(id(part), ())
                    bound = next((g.assigns[(scope[:i], part.id)] for i in range(len(scope), -1, -1)
                                  if (scope[:i], part.id) in g.assigns), None) if isinstance(part, ast.Name) else None
                    if bound and None not in bound and any(isinstance(p, ast.Attribute) and named(p)
                                                           for v in bound for p in _key_parts(v)):
                        places.setdefault(g.path, f"api_key={part.id}, {part.id} = {ast.unparse(bound[0])[:60]} in "
                                                  f"{os.path.basename(g.path)}")
            # `openai.api_key = settings.openai_api_key`: the module client it configures is built with it (MIG101's
            # module-setting fold; held-out review 90, X5: "every client now reads MISTRAL_API_KEY" was said)
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Attribute) and node.targets[0].attr == "api_key" and \
                    isinstance(node.targets[0].value, ast.Name) and g.openai_modules.get(node.targets[0].value.id) and \
                    isinstance(node.value, ast.Attribute) and named(node.value) and \
                    (sites or {}).get(node_key(g.path, node.targets[0]), ("", ""))[1] != "dead":
                # (not a setting no call uses, which MIG101 says to remove: held-out review 125, X7, "the converted
                # clients are handed it" of a key no converted client reads)
                places.setdefault(g.path, f"{ast.unparse(node)[:80]} in {os.path.basename(g.path)}")
    shown = list(places.values())
    return "; ".join(shown[:3]) + (f"; and {len(shown) - 3} more" if len(shown) > 3 else "")


def _key_parts(value: ast.AST) -> list:
    """What a key's value may be: each of ``a or b``, ``a if c else b``, and ``x.get_secret_value()`` as ``x``."""
    parts = value.values if isinstance(value, ast.BoolOp) else \
        [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
    return [part.func.value if isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute) and
            part.func.attr == "get_secret_value" else part for part in parts]


def _required(value) -> bool:
    """A settings field's value that makes it required: none, or ``Field(...)`` / ``Field(..., alias=...)``."""
    if value is None:
        return True
    return isinstance(value, ast.Call) and (dotted_name(value.func) or "").rsplit(".", 1)[-1] == "Field" and \
        not any(kw.arg in ("default", "default_factory") for kw in value.keywords) and \
        (not value.args or isinstance(value.args[0], ast.Constant) and value.args[0].value is Ellipsis)


def _field_default(value):
    """(the default, the alias) of a class-level field's value: ``"gpt-4o-mini"`` itself, or pydantic's
    ``Field(default="gpt-4o-mini", alias="OPENAI_MODEL")`` / ``Field("gpt-4o-mini", ...)`` (held-out review 11,
    M4: Personaplex's settings), whose alias (or validation_alias) is the variable a settings class reads; the
    default of a dataclass's or plain class's ``os.getenv("LLM_MODEL", "gpt-4o-mini")`` (held-out review 82, X2:
    compose and .env.example kept gpt-4o-mini), whose variable the codemod's getenv TODO names."""
    read = _env_read(value) if isinstance(value, ast.Call) else None
    if read is not None and read[1]:
        default = value.args[1] if len(value.args) > 1 else next(kw.value for kw in value.keywords
                                                                if kw.arg == "default")
        return (default if isinstance(default, ast.Constant) else ast.Constant(value=None)), ""
    if not (isinstance(value, ast.Call) and (dotted_name(value.func) or "").rsplit(".", 1)[-1] == "Field"):
        return value, ""
    default = next((kw.value for kw in value.keywords if kw.arg == "default"), value.args[0] if value.args else None)
    if default is None or any(kw.arg in ("default_factory", None) for kw in value.keywords):
        return ast.Constant(value=None), ""  # no literal default: not a field this maps
    alias = next((kw.value.value for kw in value.keywords if kw.arg in ("alias", "validation_alias")
                  and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)), "")
    return default, alias


def _read_place(f, read) -> str:
    """``ChatOpenAI(...) in llm.py``: the call a read is an argument of (its callee), else the name the statement
    binds, or the module, with the line (held-out review 112, X4: "code in configuration.py" did not say where)."""
    for parent in ancestors_of(f, read):
        if isinstance(parent, ast.Call):
            return f"{dotted_name(parent.func) or 'a call'}(...) in {os.path.basename(f.path)}"
        if isinstance(parent, ast.stmt):
            if isinstance(parent, (ast.Assign, ast.AnnAssign)) and \
                    isinstance(target := (parent.targets[0] if isinstance(parent, ast.Assign) and
                                          len(parent.targets) == 1 else getattr(parent, "target", None)), ast.Name):
                return f"{target.id} = ... in {os.path.basename(f.path)} (line {read.lineno})"
            break
    return f"code in {os.path.basename(f.path)} (line {read.lineno})"


def _read_places(pairs, first=None, limit: int = 4) -> str:
    """The places of (module, read) ``pairs`` (_read_place), those in module ``first`` (the converted one) first, at
    most ``limit`` of them then "and N more" (held-out review 112, X4: the list was cut at three with no word of it,
    and the reader cut was the token counter in the converted module, which raises for a Mistral name)."""
    ordered = sorted(pairs, key=lambda pair: (pair[0] is not first, pair[0].path, getattr(pair[1], "lineno", 0),
                                              getattr(pair[1], "col_offset", 0)))
    places = list(dict.fromkeys(_read_place(g, load) for g, load in ordered))
    more = len(places) - limit
    return ", ".join(places[:limit]) + (f" and {more} more" if more > 0 else "")


def _attr_slots(builder, f, node) -> set:
    """``model=self.model``: the slots that set it (``self.model = "gpt-4o"``, or a parameter default
    ``def __init__(self, model="gpt-4o"): self.model = model``), when self.model and that parameter
    reach nothing but model= of converted calls."""
    cls = builder.class_of(f, f.scope_of.get(id(node), ()))
    if cls is None:
        return set()
    attr = node.attr
    others = [load for load in ast_walk(f.scopes[cls]) if isinstance(load, ast.Attribute) and load.attr == attr and
              isinstance(load.ctx, ast.Load) and isinstance(load.value, ast.Name) and load.value.id == "self" and
              not _sends_model(builder, f, load) and not _logged(f, load)]
    if others:
        values = f.self_assigns.get((cls, attr), [])
        if len(values) == 1 and isinstance(values[0], ast.Constant) and isinstance(values[0].value, str):
            # `self.model = "gpt-4o-mini"` also read by a status dict: the call's TODO names the literal and the
            # other read (held-out review 28, G8: "computed at run time" said nothing of either)
            places = ", ".join(dict.fromkeys(_read_place(f, o) for o in others))
            builder.shared_fields[("self", cls[0], attr)] = (  # (per class: review 29, I2)
                f"self.{attr} (set to {values[0].value!r} in {os.path.basename(f.path)}), also read by {places}")
        elif len(values) == 1 and isinstance(values[0], ast.Name):
            # `def __init__(self, model="gpt-4o"): self.model = model`, self.model also read by tiktoken: the call's
            # TODO names the default and the other read (held-out review 94, X3: "computed at run time")
            scope = f.scope_of.get(id(values[0]), ())
            default = _param_default(f, scope, values[0].id) if (scope, values[0].id) in f.params else None
            if isinstance(default, ast.Constant) and isinstance(default.value, str):
                places = ", ".join(dict.fromkeys(_read_place(f, o) for o in others))
                builder.shared_fields[("self", cls[0], attr)] = (
                    f"self.{attr} (set from {scope[-1]}'s {values[0].id} parameter, default {default.value!r}, in "
                    f"{os.path.basename(f.path)}), also read by {places}")
        return set()
    constant = not f.self_assigns.get((cls, attr)) and len(f.assigns.get((cls, attr), [])) == 1 and \
        isinstance(f.assigns[(cls, attr)][0], ast.Constant) and isinstance(f.assigns[(cls, attr)][0].value, str)
    if constant and len(cls) == 1:
        # the modules making instances of the class are read too (engine.companions: a handler.py naming no openai
        # made one, and the constant was taken for computed at run time: held-out review 40, S5)
        builder.model_callees.setdefault(f.path, set()).add(cls[0])
    if constant and not _class_default_only(builder, f, cls, attr):
        # a literal the call reads, left as it is: its TODO says where it is set (re-review 41, T5: "computed at run
        # time" was said of it)
        builder.shared_fields.setdefault(("self", cls[0], attr), (
            f"{cls[-1]}.{attr} (set to {f.assigns[(cls, attr)][0].value!r} in {os.path.basename(f.path)}), which is "
            "also read or set elsewhere (through an instance, the class, or an argument)"))
    elif constant:
        # `model_name: str = "gpt-4-turbo"` in the class body (a pydantic / dataclass / weave field), read as
        # self.model_name: mapped where it is declared (held-out review 18, N-P4)
        return {("field", cls, attr, ""), ("selfread", cls, attr)}
    slots = set()
    fell = False
    for value in f.self_assigns.get((cls, attr), []):
        if value is not None and _env_read(value) is not None:
            builder.model_feeds.add((f.path, id(value)))  # self.model = os.getenv("OPENAI_MODEL"): only model= reads it
        if value is not None and _string_source(value):
            slots.add(("attr", cls, attr))
            continue
        if isinstance(value, (ast.BoolOp, ast.IfExp)) and (not isinstance(value, ast.BoolOp) or
                                                            isinstance(value.op, ast.Or)):
            # `self.model = model or "gpt-4o-mini"` / `model if model is not None else DEFAULT`: the fallback is
            # mapped where it is written; the call keeps its TODO for what the constructor is given (re-review 48, G2)
            fallbacks = value.values[1:] if isinstance(value, ast.BoolOp) else [value.body, value.orelse]
            found = set()
            for operand in fallbacks:
                if isinstance(operand, ast.Constant) and isinstance(operand.value, str):
                    found.add(("attr", cls, attr))
                elif isinstance(operand, ast.Name):
                    slot = _model_slot(builder, f, operand)
                    found |= {slot} if slot is not None else set()
                elif (constant := _env_default_constant(builder, f, operand)) is not None:
                    # `self.model = model or os.getenv("EMBEDDING_MODEL", DEFAULT_MODEL)`: the constant, mapped where
                    # it is set (held-out review 124, Y3: each alone was mapped, the two together were not)
                    found.add(constant)
                    builder.model_feeds.add((f.path, id(operand)))
            if found:
                slots |= found
                fell = True
                continue
        if isinstance(value, ast.Name) and fell:
            return set()  # (`self.model = model` elsewhere too: what reaches it is not only the fallback)
        # (or a group of it, `self.model = settings.openai.default_model`: held-out review 149, X2, "computed at run
        # time", and the group's default gpt-4o-mini went to Mistral)
        if isinstance(value, ast.Attribute) and _root_name(value) not in (None, "self") \
                and _field_slots(builder, f, value, via=value):
            slots.add(("fieldvia", cls, attr))  # self.model = settings.openai_model: mapped in the settings class
            continue
        if isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name) and value.value.id != "self" and \
                isinstance(builder.shared_fields.get(value.attr), str) and \
                len(f.self_assigns.get((cls, attr), [])) == 1:
            # `self.model = settings.openai_model`, a field also read otherwise: the call's TODO says where it comes
            # from, as `model=settings.openai_model` does (held-out review 61, X23: "computed at run time")
            builder.shared_fields.setdefault(("self", cls[0], attr), f"{ast.unparse(value)}, "
                                                                     f"{builder.shared_fields[value.attr]}")
        if isinstance(value, ast.Name) and len(f.self_assigns.get((cls, attr), [])) == 1 and \
                (f.scope_of.get(id(value), ()), value.id) not in f.params and \
                (slot := _model_slot(builder, f, value)) is not None and slot[0] == "const":
            slots.add(slot)  # `self.llm_model_name = LLM_MODEL_NAME`: mapped where it is set (held-out review 163, X1)
            continue
        if isinstance(value, ast.Name):
            scope = f.scope_of.get(id(value), ())
            if (scope, value.id) in f.params:
                if len(scope) == 2 and scope[-1] == "__init__":  # `PromptManager(model=...)` elsewhere (A5)
                    builder.model_callees.setdefault(f.path, set()).add(scope[0])
                uses = [n for n in ast_walk(f.scopes[scope]) if isinstance(n, ast.Name) and n.id == value.id
                        and isinstance(n.ctx, ast.Load)]
                if len(uses) == 1 and _constructor_default_only(builder, f, scope, value.id):
                    slots.add(("default", scope, value.id))
                    continue
                if len(uses) == 1 and _constructor_default_only(builder, f, scope, value.id, named=True) and \
                        _default_name_slot(builder, f, _param_default(f, scope, value.id)):
                    # `def __init__(self, model_name=EMBEDDING_MODEL)`, the constant set here or imported (held-out
                    # review 83, X4: "computed at run time", and .env.example kept its OpenAI model): mapped where set
                    slots.add(("default", scope, value.id))
                    continue
                if len(uses) == 1 and _constructor_literals_only(builder, f, scope, value.id):
                    slots.add(("default", scope, value.id))  # (its string default, when it has one)
                    continue
                if len(uses) == 1 and _constructor_fields_only(builder, f, scope, value.id):
                    slots.add(("fieldvia", cls, attr))  # `Provider(model=settings.OPENAI_MODEL)`: mapped in the class
                    continue
                default = _param_default(f, scope, value.id)
                others = [u for u in uses if not (isinstance(f.parent.get(id(u)), ast.Assign) and
                                                  f.parent[id(u)].value is u)]
                if isinstance(default, ast.Constant) and isinstance(default.value, str) and others and \
                        slot_model_literal(default.value) and len(scope) == 2 and scope[-1] == "__init__":
                    # `def __init__(self, model="text-embedding-3-small")`, also read by `MODEL_DIMENSIONS.get(model)`:
                    # the call's TODO names the default and the other reader (held-out review 57, Y8: "computed
                    # at run time" was said of a literal an embedding-dimension table keys)
                    places = ", ".join(dict.fromkeys(_read_place(f, o) for o in others))
                    builder.shared_fields.setdefault(("self", cls[0], attr), (
                        f"the default {default.value!r} of {scope[0]}({value.id}=...) ({os.path.basename(f.path)}), "
                        f"also read by {places}"))
        return set()
    if fell:  # (no "selfread": the call's TODO stays, naming the fallback mapped)
        return slots | {("attrfell", cls, attr)}
    return slots | {("selfread", cls, attr)} if slots else slots


# (and what records it for tracing: `span.set_attribute("gen_ai.request.model", model)`, `set_tag`, mlflow's
# `log_param`: the model actually sent, mapped with it; held-out review 71, Y1)
def _tracker_config(f, node: ast.Dict) -> bool:
    """Is the dict display ``node`` what an experiment tracker records (``wandb.init(config={...})``,
    ``wandb.config.update({...})``, ``mlflow.log_params({...})``)?"""
    holder = f.parent.get(id(node))
    call = f.parent.get(id(holder)) if isinstance(holder, ast.keyword) and holder.arg == "config" else holder
    callee = (dotted_name(call.func) or "") if isinstance(call, ast.Call) else ""
    return callee.startswith(("wandb.", "mlflow.")) and callee.rsplit(".", 1)[-1] in ("init", "update", "log_params",
                                                                                        "log")


LOG_CALLS = ("print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "set_attribute",
             "set_tag", "log_param")


def _api_result_read(f, read: ast.Attribute) -> bool:
    """``resp.model`` where ``resp`` is bound (its reaching assignment) to an API call's result (``await
    client.chat.completions.create(...)``): the model that answered, not a read of a settings field of that name
    (held-out review 45, A10: it kept a request body's default "gpt-4o-mini" unmapped)."""
    if not isinstance(read.value, ast.Name):
        return False
    value = getattr(reaching_assign(f, read.value), "value", None)
    value = value.value if isinstance(value, ast.Await) else value
    return isinstance(value, ast.Call) and (dotted_name(value.func) or "").endswith(API_RESULT_CALLS)


def _unread_mistral_import(builder) -> bool:
    """Does a module the plan did not read import mistralai (a module an earlier run converted, which names openai no
    more: held-out review 119, X3, a second run read only the unused client's module and reworded its TODO)?"""
    if builder.unread is None:
        return False
    cache = builder.__dict__.setdefault("_unread_mistral", [])
    if not cache:
        cache.append(builder.unread.search(re.compile(rb"(?m)^[ \t]*(?:from|import)[ \t]+mistralai\b")))
    return cache[0]


def _own_result_class(f, func) -> bool:
    """Is ``func`` (a call's callee) a class this module defines, or one a relative import brings from the package?"""
    if not isinstance(func, ast.Name) or not func.id[:1].isupper():
        return False
    return (func.id,) in f.classes or (f.repo_imports.get(func.id) or ("", 0))[1] > 0


def _logged(f, load) -> bool:
    """``logger.debug(f"using {self.model}")`` / ``print(...)``, ``{"model": model}``: a read that only shows the value
    (re-review 38, O1: one log line kept the constructor's literal "gpt-4o" from being mapped)."""
    value = f.parent.get(id(load))
    text = f.parent.get(id(value)) if isinstance(value, ast.FormattedValue) else None
    call = f.parent.get(id(text)) if isinstance(text, ast.JoinedStr) else None
    if isinstance(value, ast.FormattedValue) and isinstance(text, ast.JoinedStr) and isinstance(call, ast.Call):
        return (dotted_name(call.func) or "").rsplit(".", 1)[-1] in LOG_CALLS
    if isinstance(value, ast.Dict) and any(v is load for v in value.values):
        # `return {"answer": ..., "model": model}`: it reports the model the call was sent (held-out review 80, X4: it
        # kept the default "gpt-4o" from being mapped, and the API's default requests sent it to Mistral)
        # (in the function making the call with it: a status endpoint returning the setting is a reader of its own,
        # held-out reviews 28 G8 / 44 Z10)
        key = value.keys[[id(v) for v in value.values].index(id(load))]
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and "model" in key.value.lower() and \
                _tracker_config(f, value):
            # `wandb.init(project=..., config={"model": model})`: the run records the model it ran (held-out review
            # 147, X4: it kept the notebook's "gpt-4-1106-preview" unmapped, sent to Mistral)
            return True
        fn = next((a for a in ancestors_of(f, value) if isinstance(a, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
        shown = ast.dump(load)
        return isinstance(key, ast.Constant) and isinstance(key.value, str) and "model" in key.value.lower() and \
            fn is not None and any(isinstance(n, ast.keyword) and n.arg == "model" and ast.dump(n.value) == shown
                                   for n in ast_walk(fn))
    holder = f.parent.get(id(value)) if isinstance(value, ast.keyword) else None
    if isinstance(holder, ast.Call) and value.arg and "model" in value.arg.lower() and holder.func is not None and \
            _own_result_class(f, holder.func):
        # `return Result(text=..., model=model)`: a class of this module (or a relative import) recording the model
        # the call was sent, in the function making that call (held-out review 118, Y3: it kept the constructor's
        # default "gpt-4o-mini" unmapped, and every request without an override sent it to Mistral)
        fn = next((a for a in ancestors_of(f, holder) if isinstance(a, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
        shown = ast.dump(load)
        return fn is not None and any(isinstance(n, ast.keyword) and n.arg == "model" and n is not value and
                                      ast.dump(n.value) == shown for n in ast_walk(fn))
    if isinstance(value, ast.Tuple) and isinstance(f.parent.get(id(value)), ast.Return) and \
            any(e is load for e in value.elts):
        # `return response.data[0].embedding, model` in the function making the call: it reports the model it sent
        # (stored beside the vector), as `{"model": model}` does (the check of held-out review 149, X1 must not count
        # it as a reader that needs OpenAI's name)
        fn = next((a for a in ancestors_of(f, value) if isinstance(a, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
        shown = ast.dump(load)
        return fn is not None and any(isinstance(n, ast.keyword) and n.arg == "model" and ast.dump(n.value) == shown
                                      for n in ast_walk(fn))
    if isinstance(value, ast.keyword) and value.arg in ("name", "run_name") and \
            _wrapper_call(f, f.parent.get(id(value))):
        # `ChatOpenAI(name=config.MODEL_NAME)`: the runnable's name (a label), not the model it calls (held-out review
        # 111, Y5: it kept the settings field's default "gpt-4o-mini" unmapped)
        return True
    if isinstance(value, ast.keyword) and isinstance(f.parent.get(id(value)), ast.Call):
        # `log_llm_call(provider="OpenAI", model=model)`: a helper that records the call, by its name (held-out review
        # 102, X6: one imported from the app's logger module kept the default "gpt-4o-mini" unmapped)
        value = f.parent[id(value)]
        return _RECORDING_HELPER.match((dotted_name(value.func) or "").rsplit(".", 1)[-1]) is not None
    return isinstance(value, ast.Call) and (dotted_name(value.func) or "").rsplit(".", 1)[-1] in LOG_CALLS and \
        load in value.args or isinstance(value, ast.Call) and load in value.args and \
        _RECORDING_HELPER.match((dotted_name(value.func) or "").rsplit(".", 1)[-1]) is not None


# an app's own helper recording a call (log_llm_call, record_usage, track_request, audit_log), by its name
_RECORDING_HELPER = re.compile(r"^_?(?:log|record|track|audit)_\w+$|^\w+_log$")


def _class_default_only(builder, f, cls, name: str) -> bool:
    """A class-level ``name = "gpt-4o"`` reaches ``self.name`` unchanged: no instance of the class, in the
    modules read, is made with ``name=``, positional arguments (a dataclass's fields in order) or ``**``
    (``_instances``), and nothing outside the class sets it (``scorer.model_name = ...``)."""
    calls = _instances(builder, f, cls[-1]) if len(cls) == 1 else None
    if calls is None or any(call.args or any(k.arg in (None, name) for k in call.keywords) for call in calls):
        return False
    if builder.unread is not None and builder.unread.read_elsewhere(name, f.module.rsplit(".", 1)[-1]):
        return False
    # read through an instance or the class elsewhere (`tiktoken.encoding_for_model(detector.CHAT_MODEL)`, a test's
    # `assert detector.CHAT_MODEL == "gpt-4o-mini"`): the OpenAI name is wanted there (re-review 41, T1)
    return not any(isinstance(node, ast.Attribute) and node.attr == name
                   and not (isinstance(node.value, ast.Name) and node.value.id == "self"
                            and (g is f and f.scope_of.get(id(node), ())[:len(cls)] == cls or
                                 not isinstance(node.ctx, ast.Load)))
                   for g in builder.files if name in g.source for node in g.nodes)


def _constructor_default_only(builder, f, scope, name: str, named: bool = False) -> bool:
    """``def __init__(self, model="gpt-4o"): self.model = model``: only the default reaches model= --
    a string default (``named``: a name instead, ``model=EMBEDDING_MODEL``), and no constructor call of the class
    (``_instances``) passes ``model`` (``Bot("gpt-4o")`` sends what its caller chose: the call keeps its TODO) or
    ``*args`` / ``**kwargs``."""
    default = _param_default(f, scope, name)
    if default is None or not (isinstance(default, ast.Name) if named else _string_source(default)) or \
            len(scope) != 2 or scope[-1] != "__init__" or scope[:1] not in f.classes:
        return False
    calls = _instances(builder, f, scope[0])
    if calls is None:
        return False
    init = f.scopes[scope]
    positional = [a.arg for a in [*init.args.posonlyargs, *init.args.args]][1:]  # without self
    index = positional.index(name) if name in positional else -1
    return not any(any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg in (None, name) for k in call.keywords)
                   or 0 <= index < len(call.args) for call in calls)


def _constructor_literals_only(builder, f, scope, name: str) -> bool:
    """``def __init__(self, model="gpt-4o"): self.model = model`` and every instance made with a string literal
    for it, or nothing (``Extractor(model="gpt-4o")``): those literals and the default are all that reach
    model=, so each is mapped where it is written, as for a function's callers (held-out review 37, N3: the
    literal went to Mistral, and the TODO called it "computed at run time"). The calling modules get the slot."""
    default = _param_default(f, scope, name)
    if default is not None and not _string_source(default):
        return False
    given = _constructor_arguments(builder, f, scope, name)
    if not given:
        return False
    index, found = given
    variables: list = []
    options = frozenset(id(v) for _g, _call, chosen in found for v in chosen if isinstance(v, ast.Attribute))
    for g, call, chosen in found:
        if default is None and not chosen:
            return False
        # (or an environment read's string default, `OpenAIWrapper(model=os.getenv("OPENAI_MODEL", "gpt-4"))` in
        # another module: held-out review 141, Y1, "gpt-4" reached Mistral and main.py said nothing)
        # (or a caller's variable bound only to strings and read only there: `if choice == "GPT3": model =
        # "gpt-3.5-turbo" elif ...: model = "gpt-4"`, then `Chat(model=model)`; held-out review 150, Y3)
        for v in chosen:
            if _string_source(v):
                continue
            if isinstance(v, ast.Attribute) and _argparse_slots(builder, g, v, options):
                # `Generator(model=args.model)` of `add_argument("--model", default="gpt-4o")`: the option's default is
                # mapped where declared (held-out review 170, Y1: it and the constructor's went to Mistral unmapped)
                continue
            variable = _caller_string(builder, g, v) if isinstance(v, ast.Name) else None
            if variable is None or any(load is not v and not _logged(g, load) for load in _loads_of(g, v.id)
                                       if builder.lookup_scope(g, g.scope_of.get(id(load), ()), v.id) == variable[0]):
                return False
            variables.append((g, variable))
    for g, call, _chosen in found:
        builder.extra_slots.setdefault(g.path, set()).add(("callarg", call.func.id, index, name))
    for g, (where, variable) in variables:  # mapped where the caller sets it
        builder.extra_slots.setdefault(g.path, set()).add(("const", variable) if where == () else
                                                          ("local", where, variable))
    return True


def _constructor_arguments(builder, f, scope, name: str) -> Optional[tuple]:
    """(the position of ``name`` among ``__init__``'s positional parameters, self aside, or -1; [(module, call, [the
    value given for it, or none])] for each instance of the class) where ``scope`` is a class's ``__init__`` and every
    instance is made by its name with no ``*args`` / ``**kwargs``; else None."""
    if len(scope) != 2 or scope[-1] != "__init__" or scope[:1] not in f.classes:
        return None
    found = _instance_calls(builder, f, scope[0])
    if not found:
        return None
    init = f.scopes[scope]
    positional = [a.arg for a in [*init.args.posonlyargs, *init.args.args]][1:]  # without self
    index = positional.index(name) if name in positional else -1
    calls = []
    for g, call in found:
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return None
        calls.append((g, call, [k.value for k in call.keywords if k.arg == name] or (
            [call.args[index]] if 0 <= index < len(call.args) else [])))
    return index, calls


def _constructor_fields_only(builder, f, scope, name: str) -> bool:
    """``def __init__(self, api_key, model): self.model = model`` and every instance made with one settings field for
    it (``OpenAIProvider(model=settings.OPENAI_MODEL)``) that ``_field_slots`` maps where the settings class declares
    it (the read counted as a converted call's model=): the field's default and the example env file's value are
    mapped, as for ``model=settings.OPENAI_MODEL`` at the call (held-out review 162, Y2: "computed at run time", while
    the key handed beside it was traced)."""
    found = _constructor_arguments(builder, f, scope, name) if _param_default(f, scope, name) is None else None
    if not found:
        return False
    given = []
    for g, _call, chosen in found[1]:
        if len(chosen) != 1 or not isinstance(chosen[0], ast.Attribute) or _root_name(chosen[0]) in (None, "self"):
            return False
        given.append((g, chosen[0]))
    if len({ast.unparse(value) for _g, value in given}) != 1:
        return False
    return all(_field_slots(builder, g, value, via=value) for g, value in given)


def _instance_calls(builder, f, cls: str) -> list:
    """(module, call) of each instance of ``f``'s class ``cls`` made by its name (``_instances``' calls, with
    the module each is in); [] when some use is another."""
    calls = _instances(builder, f, cls)
    if not calls:
        return []
    ids = {id(c) for c in calls}
    found = [(g, n) for g in builder.files if cls in g.source or g is f for n in g.nodes if id(n) in ids]
    return found if len(found) == len(calls) and all(isinstance(c.func, ast.Name) for _, c in found) else []


def _in_annotation(f, node) -> bool:
    """Is ``node`` (part of) a type annotation: a parameter's, an annotated assignment's, a return's?"""
    child = node
    for parent in ancestors_of(f, node):
        if isinstance(parent, ast.arg):
            return parent.annotation is child
        if isinstance(parent, ast.AnnAssign):
            return parent.annotation is child
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return parent.returns is child
        if not isinstance(parent, (ast.Subscript, ast.Tuple, ast.BinOp, ast.Attribute, ast.List)):
            return False
        child = parent
    return False


def _instances(builder, f, cls: str, modules: bool = False, unread: bool = True) -> Optional[list]:
    """The calls making an instance of ``f``'s top-level class ``cls`` in the modules read, or None when some
    use of it is not such a call (handed on, subclassed, annotated, ``bots.Bot(...)`` through its module, a
    star import) or an unread module names the class and its module (re-review 6, E2: ``Bot("gpt-4o")`` in a
    main.py went to Mistral with no TODO). ``modules``: (module, call) pairs. ``unread`` False: the modules read only
    (the caller looks at the unread ones itself)."""
    if unread and builder.unread is not None and builder.unread.read_elsewhere(cls, f.module.rsplit(".", 1)[-1]):
        return None
    calls = []
    for g in builder.files:
        if cls not in g.source:
            continue
        if g is f:
            locals_ = [cls]
        else:
            locals_ = [local for local in g.repo_imports if builder.resolve_import(g, local) == (f, cls) or
                       builder.resolve_through(g, local) == (f, cls)]
            if any(imported == "*" and _star_of_tree(builder, module, level)
                   for module, level, imported in g.repo_imports.values()):
                return None
        for local in locals_:
            for load in _loads_of(g, local):
                call = g.parent.get(id(load))
                if _in_annotation(g, load):
                    continue  # `extractor: Optional[Extractor] = None`: no instance made (held-out review 21, S-B5)
                if _no_instance_made(g, load):
                    continue  # `Mock(spec=LlmClient)`, `isinstance(x, LlmClient)` (held-out review 105, X3)
                if not (isinstance(call, ast.Call) and call.func is load):
                    return None
                calls.append((g, call) if modules else call)
        if any(isinstance(node, ast.Attribute) and node.attr == cls for node in g.nodes):
            return None
    return calls


_TYPE_TESTS = frozenset({"isinstance", "issubclass", "create_autospec"})


def _no_instance_made(g, load) -> bool:
    """Is the class read ``load`` one that builds no instance: a mock's ``spec=`` / ``spec_set=``, ``create_autospec``
    of it, or a type test (``isinstance(x, C)``, ``isinstance(x, (C, D))``)?"""
    parent = g.parent.get(id(load))
    if isinstance(parent, ast.keyword) and parent.arg in ("spec", "spec_set", "autospec"):
        return True
    if isinstance(parent, ast.Tuple):
        parent = g.parent.get(id(parent))
    return isinstance(parent, ast.Call) and parent.func is not load and \
        (dotted_name(parent.func) or "").rpartition(".")[2] in _TYPE_TESTS


def _plain_binding(f, value) -> bool:
    """``value`` is bound by ``NAME = value`` or ``NAME: T = value``: the one form MIG102 rewrites where a
    model name is set (a model slot the rule cannot apply sent the OpenAI name to Mistral silently: held-out
    review 36, K1)."""
    parent = f.parent.get(id(value))
    if isinstance(parent, ast.Assign):
        return len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name) and parent.value is value
    return isinstance(parent, ast.AnnAssign) and isinstance(parent.target, ast.Name) and parent.value is value


_STRING_METHODS = frozenset({"strip", "lstrip", "rstrip", "lower"})


def _string_source(value) -> bool:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
            value.func.attr in _STRING_METHODS and not value.args and not value.keywords:
        # `os.getenv("EMBED_MODEL", "text-embedding-3-small").strip()` (held-out review 107, X2: the default was not
        # mapped, while the key read ending in .strip() beside it was renamed)
        return _string_source(value.func.value)
    if _text_input_default(value) is not None:
        # `st.text_input("Chat model", value=os.environ.get("CHAT_MODEL", "gpt-4o"))`: the widget's default is what is
        # sent until a user types another name (held-out review 108, X3: it stayed "gpt-4o", sent to Mistral)
        return _string_source(_text_input_default(value))
    if _is_getenv(value) and len(value.args) == 2 and _is_getenv(value.args[1]):
        # `os.getenv("PLANNER_MODEL", os.getenv("OPENAI_MODEL", "gpt-4o-mini"))` (held-out review 79, X7)
        return _string_source(value.args[1])
    if isinstance(value, ast.Call) and len(value.args) == 2 and isinstance(value.args[1], ast.Constant):
        target = dotted_name(value.func) or ""
        # (a mapping's `.get("openai_model", "gpt-5-nano")` too: its default; held-out review 58, Y1)
        return target.endswith(("getenv", "environ.get")) or isinstance(value.func, ast.Attribute) and \
            value.func.attr == "get" and isinstance(value.args[0], ast.Constant) and \
            isinstance(value.args[0].value, str) and isinstance(value.args[1].value, str)
    if isinstance(value, ast.IfExp):
        # `model = "gpt-4o" if use_advanced else "gpt-4o-mini"` at module level: both literals are what is sent, as the
        # inline form's are mapped (held-out review 110, X2: "computed at run time", and OpenAI's names sent to Mistral)
        return _string_source(value.body) and _string_source(value.orelse)
    if isinstance(value, ast.BoolOp):
        # (`getattr(settings, "stt_model", None) or "whisper-1"` where no class of the tree declares stt_model: the
        # fallback is what is sent; held-out review 107, X1)
        return all(_string_source(v) or env_key(v) is not None or _is_getenv(v) or _missing_attribute(v)
                   for v in value.values)
    return False


def _text_input_default(value) -> Optional[ast.AST]:
    """The default of a Streamlit text box (``st.text_input(label, value=...)``, ``st.sidebar.text_input(label,
    "...")``), else None."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "text_input"
            and (dotted_name(value.func) or "").split(".")[0] in ("st", "streamlit")):
        return None
    given = next((kw.value for kw in value.keywords if kw.arg == "value"), None)
    return given if given is not None else value.args[1] if len(value.args) > 1 else None


# the names declared as class-level fields in the tree being planned (set by decide: _missing_attribute reads it)
_CLASS_FIELDS: list = [frozenset()]


def _missing_attribute(value) -> bool:
    """``getattr(obj, "name", None)`` (or a string default) where no class of the tree declares ``name``: an
    attribute the settings object does not have, so the ``or`` fallback after it is the value."""
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "getattr" and \
        len(value.args) == 3 and isinstance(value.args[1], ast.Constant) and isinstance(value.args[1].value, str) \
        and isinstance(value.args[2], ast.Constant) and (value.args[2].value is None or
                                                         isinstance(value.args[2].value, str)) and \
        value.args[1].value not in _CLASS_FIELDS[0]


def _class_fields(files) -> frozenset:
    """The names bound at the top level of a class body anywhere in ``files`` (fields, class attributes)."""
    found = set()
    for f in files:
        for cls in f.classes:
            for stmt in f.scopes[cls].body:
                targets = [stmt.target] if isinstance(stmt, ast.AnnAssign) else \
                    stmt.targets if isinstance(stmt, ast.Assign) else []
                found.update(t.id for t in targets if isinstance(t, ast.Name))
    return frozenset(found)


def _is_getenv(value) -> bool:
    return isinstance(value, ast.Call) and (dotted_name(value.func) or "").endswith(("getenv", "environ.get"))

