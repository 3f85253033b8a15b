"""MIG102: ``client.chat.completions.create(...)`` -> ``client.chat.complete(...)`` / ``chat.stream(...)``."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Optional

import libcst as cst

from codemods._base import (xform_code, seconds_to_ms_code, TIMEOUT_PHASES, UNKNOWN_TIMEOUT, MigratorRule, RuleTransformer, code_of, dotted, env_getter,
                            finish_args, finish_elements, finished, keyword_arg, literal, opening_after, read_timeout,
                            retyped_returns, session_key, timeout_object, unknown_model_todo)
from codemods._facts import (ANNOT, CAST_NAMES, CHAT, CHAT_METHOD_NAMES, OPENAI_TYPES, Binding, click_dest, option_dest,
                             splat_problem as _splat_problem, star_import_sources)
from codemods._splats import SplatSteps
from codemods.exceptions import _reads
from migrator.plan.model import CONVERT, KEEP, UNRESOLVED
from migrator.mapping import CHAT_PARAMS, METHODS, DropValue, Policy, Unmappable, map_model
from migrator.mapping.chat import (GRADIO_HISTORY_TODO, MESSAGE_TEXT_HELPER, MESSAGE_TEXT_HELPER_CODE,
                                   MISTRAL_CHAT_PARAMS, MISTRAL_MODELS_MODULE, NOT_GIVEN_KEPT,
                                   OMITTED_BY_NONE, OPENAI_NOT_GIVEN,
                                   PREFILL_MAX_CHARS, PREFIX_ADDED_TODO, RESPONSE_TYPES, STORED_HISTORY_TODO,
                                   TRAILING_ASSISTANT_BUILT_TODO, TRAILING_ASSISTANT_ENDS_TODO,
                                   TRAILING_SYSTEM_BUILT_TODO, TRAILING_SYSTEM_ENDS_TODO, TRAILING_SYSTEM_TODO,
                                   UNSET_IMPORT)
from migrator.mapping.client import NO_READ_TIMEOUT
from migrator.mapping.legacy import openai_module_alias, v0_untraced_todo
from migrator.mapping.models import (EMBEDDING_MODEL_PREFIX, FINE_TUNED_NOTE, NON_REASONING_MODEL,
                                     REASONING_EFFORT_MODEL, REASONING_MODEL_PREFIX, chat_model_literal,
                                     env_default_todo, fine_tuned, is_mistral_model, slot_model_literal)


# api-mapping.md §3: a reasoning model's message.content is a list ([ThinkChunk, TextChunk]).
# OpenAI's search models (gpt-4o-search-preview, gpt-4o-mini-search-preview, gpt-5-search-api) search the web before
# answering; Mistral's chat models answer from what they know (held-out review 109, X6: an app relying on the cited
# sources lost them without a word)
SEARCH_MODEL_TODO = ("{old!r} searches the web before answering (its answers cite sources); {model!r} answers from what "
                     "it knows: where the app needs current facts or source URLs, use Mistral's web search "
                     "(client.beta.conversations.start(..., tools=[{{\"type\": \"web_search\"}}]), or an agent "
                     "with that tool)")


def searches_the_web(model: str) -> bool:
    return "search-preview" in model or "search-api" in model


REASONING_TODO = ("{model} is a reasoning model: the content it answers (message.content, or each delta.content "
                  "when streamed) comes back as a list of chunks (thinking, then text), not a str; join its "
                  "TextChunk texts where the code reads it")
# ... where instructor reads it: its modes parse a str, which a chunk list is not (held-out review 103, Y8)
REASONING_INSTRUCTOR = ("; instructor reads it here, and its modes parse a str: for structured output through "
                        "instructor, map this model to a non-reasoning one (--model {old}=" + NON_REASONING_MODEL + ")")


# a text of a few words ending a sentence (a reply, not the start of one for the model to continue)
_WHOLE_SENTENCE = re.compile(r"\w+\W+\w+\W+\w+.*[.!?]$", re.DOTALL)


def chat_method(func: cst.BaseExpression) -> Optional[tuple[str, cst.BaseExpression]]:
    """LibCST twin of ``codemods._facts.chat_method``: (method, receiver) or None."""
    links: list[tuple[str, cst.BaseExpression]] = []
    node = func
    while isinstance(node, cst.Attribute) and len(links) < 4:
        links.append((node.attr.value, node.value))
        node = node.value
    names = [name for name, _ in links]
    if len(names) >= 2 and names[0] in ("create", "acreate") and names[1] == "ChatCompletion":
        return "create", links[1][1]  # legacy v0 `openai.ChatCompletion.create`: the plan decides (MIG118)
    if len(names) < 3 or names[0] not in CHAT_METHOD_NAMES or names[1:3] != ["completions", "chat"]:
        return None
    receiver = links[2][1]
    if len(names) == 4 and names[3] == "beta" and names[0] != "create":
        receiver = links[3][1]
    return names[0], receiver


USAGE_CHUNK_TODO = ("Mistral sends usage on the last content chunk (its choices are not empty), not in "
                    "a usage-only chunk: read chunk.usage on every chunk instead of when choices is empty")


DELTA_TOOL_CALLS_TODO = ("Mistral sends each tool call whole in one delta (its id, name and complete arguments, "
                         "which may be a dict), not OpenAI's fragments over several chunks: check the code that "
                         "gathers tool-call names and arguments from the deltas (a fragment arriving only in a "
                         "chunk without a name never comes)")


def _reads_tool_calls(body: cst.BaseSuite) -> bool:
    """A stream loop that reads ``.tool_calls`` (of a delta) anywhere in its body."""
    import libcst.matchers as m

    return bool(m.findall(body, m.Attribute(attr=m.Name("tool_calls"))))


class _Dedent(cst.CSTTransformer):
    """Continuation lines ``by`` columns to the left (an expression taken out of the call that held it)."""

    def __init__(self, by: int) -> None:
        self.by = by

    def leave_ParenthesizedWhitespace(self, original, updated):
        text = updated.last_line.value
        cut = min(self.by, len(text) - len(text.lstrip(" ")))
        return updated.with_changes(last_line=cst.SimpleWhitespace(text[cut:])) if cut else updated


def _func_name(value: cst.BaseExpression) -> str:
    value = value.expression if isinstance(value, cst.Await) else value
    return value.func.attr.value if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) else ""


def _moved_chat_call(original: cst.BaseExpression, updated: cst.BaseExpression) -> bool:
    """``original`` is a chat call (awaited or not) that ``updated`` calls another method for (converted)."""
    original = original.expression if isinstance(original, cst.Await) else original
    updated = updated.expression if isinstance(updated, cst.Await) else updated
    return isinstance(original, cst.Call) and isinstance(updated, cst.Call) and \
        chat_method(original.func) is not None and not original.func.deep_equals(updated.func)


def _waits_for_usage_chunk(body: cst.BaseSuite, chunk: str) -> bool:
    """``if not chunk.choices: ... chunk.usage ...`` (or ``len(chunk.choices) == 0``), or ``if
    chunk.choices: ... else: ... chunk.usage ...``, in a loop body."""
    import libcst.matchers as m

    choices = m.Attribute(value=m.Name(chunk), attr=m.Name("choices"))
    empty = m.OneOf(
        m.UnaryOperation(operator=m.Not(), expression=choices),
        m.Comparison(left=m.Call(func=m.Name("len"), args=[m.Arg(value=choices)]),
                     comparisons=[m.ComparisonTarget(operator=m.Equal(), comparator=m.Integer("0"))]),
        m.Comparison(left=choices, comparisons=[m.ComparisonTarget(operator=m.Equal(), comparator=m.List(elements=[]))]),
    )
    present = m.OneOf(
        choices,
        m.Comparison(left=m.Call(func=m.Name("len"), args=[m.Arg(value=choices)]),
                     comparisons=[m.ComparisonTarget(operator=m.OneOf(m.GreaterThan(), m.NotEqual()),
                                                     comparator=m.Integer("0"))]),
    )
    usage = m.Attribute(value=m.Name(chunk), attr=m.Name("usage"))
    if any(m.findall(branch, usage) for branch in m.findall(body, m.If(test=empty))):
        return True
    # `if chunk.choices: ... else: usage = chunk.usage` (OpenAI's include_usage example), also
    # `if chunk.choices and chunk.choices[0].delta.content: ... elif chunk.usage:`
    def tests_choices(test: cst.BaseExpression) -> bool:
        if m.matches(test, present):
            return True
        return isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And) and \
            (tests_choices(test.left) or tests_choices(test.right))

    return any(isinstance(branch, cst.If) and tests_choices(branch.test) and branch.orelse is not None and
               m.findall(branch.orelse, usage) for branch in m.findall(body, m.If()))


def _empty_literal(node: cst.BaseExpression) -> bool:
    """``None``, ``{}``, ``[]``, ``""``, ``False``: dropping such a keyword loses nothing."""
    try:
        value = literal(node)
    except (ValueError, SyntaxError):
        return False
    return value is None or value is False or (isinstance(value, (dict, list, tuple, str)) and not value)


def _logit_bias_note(node: cst.BaseExpression) -> str:
    """What a dropped ``logit_bias={YES: 100, NO: 100}`` did, where its biases are written out: forcing the reply to
    some tokens (a yes / no judge with max_tokens=1) or banning them; "" else (held-out review 126, Y8)."""
    if not isinstance(node, cst.Dict) or not node.elements:
        return ""
    biases = []
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return ""
        value = element.value
        negative = isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus)
        number = value.expression if negative else value
        if not isinstance(number, (cst.Integer, cst.Float)):
            return ""
        biases.append(-float(number.value) if negative else float(number.value))
    tokens = ", ".join(code_of(e.key) for e in node.elements)
    if all(b >= 50 for b in biases):
        return (f"logit_bias dropped: it restricted the reply to the tokens {tokens} (ids of OpenAI's tokenizer; "
                "Mistral has no logit_bias), so the reply is no longer restricted: ask for the exact answer in the "
                "prompt and compare it leniently (strip, lower-case, startswith), or use response_format with a JSON "
                "schema whose value is an enum")
    if all(b <= -50 for b in biases):
        return (f"logit_bias dropped: it banned the tokens {tokens} (ids of OpenAI's tokenizer; Mistral has no "
                "logit_bias), which the reply may now hold: filter them out of the reply, or ask for their absence in "
                "the prompt")
    return ""


class CannotConvert(Exception):
    """A keyword of this call has no Mistral form: the call is left unchanged, with a TODO."""


class _ModelLiterals(cst.CSTTransformer):
    def __init__(self, overrides) -> None:
        super().__init__()
        self.overrides = overrides

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        value = updated.evaluated_value
        target = chat_model_literal(value, self.overrides) if isinstance(value, str) else None
        if target is None or target == value:
            return updated
        return cst.SimpleString(f"{updated.prefix}{updated.quote}{target}{updated.quote}")


def render_literal(value, quote: str = '"') -> str:
    """Python source for a JSON-like value, strings in ``quote`` (the f-string-safe one)."""
    if isinstance(value, str):
        if quote in value or "\\" in value or "\n" in value:
            return repr(value)  # _checked refuses it inside an f-string if it clashes
        return f"{quote}{value}{quote}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{render_literal(k, quote)}: {render_literal(v, quote)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(render_literal(v, quote) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(render_literal(v, quote) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


CHAT_HELPERS = {"create": "client.chat.complete / client.chat.stream", "parse": "client.chat.parse",
                "stream": "client.chat.stream"}
STREAM_HELPER_TODO = ("the chat.completions.stream(...) helper has no Mistral equivalent: call "
                      "client.chat.stream(...) and accumulate event.data.choices[0].delta.content; there "
                      "are no content.delta events and no get_final_completion()")


class ChatCompletions(MigratorRule):
    """Rewrites chat completion calls on OpenAI clients into Mistral chat calls.

    **What it does.** ``client.chat.completions.create(...)`` becomes ``client.chat.complete(...)``
    (``chat.complete_async`` on an async client; a sync client's call run in a worker thread stays there:
    ``await asyncio.to_thread(client.chat.completions.create, model=..., ...)`` becomes ``await
    asyncio.to_thread(client.chat.complete, model=..., ...)``, and embeddings the same way, while a stream or a
    ``**`` splat run so keeps its client; ``chat.stream`` / ``chat.stream_async`` with
    ``stream=True``, where a ``for chunk in stream:`` loop in the same function is rewritten to read
    each event's ``.data``, and streamlit's ``st.write_stream(stream)``, which reads the text of
    OpenAI's chunks itself, gets ``(event.data.choices[0].delta.content or "" for event in stream if
    event.data.choices)``). Every keyword follows its policy in ``migrator.mapping.chat``: ``seed`` ->
    ``random_seed``, ``max_completion_tokens`` -> ``max_tokens``, legacy ``functions`` /
    ``function_call`` -> ``tools`` / ``tool_choice``, ``timeout`` -> ``timeout_ms``, ``extra_headers``
    -> ``http_headers``; ``user``, ``store``, ``logit_bias``... are dropped with a TODO;
    ``stream_options`` is dropped (Mistral sends usage on the last chunk); openai's ``NOT_GIVEN`` written in a
    keyword's value (``tools=tools or NOT_GIVEN``) becomes mistralai's ``UNSET`` (``None`` for ``tool_choice``,
    ``response_format``, ``parallel_tool_calls``; a parameter defaulting to it keeps a TODO). Model names are mapped
    (``gpt-4o-mini`` -> ``mistral-small-latest``, overridable with ``--model``), including a
    module-level constant that holds the model name, here or in the module it is imported from
    (``from config import MODEL``: config.py is read and rewritten even though it never mentions
    openai), when only converted calls read it; a module migrator did not read that names the
    constant (``tiktoken.encoding_for_model(MODEL)``) keeps it, with a TODO at the call. So are a
    constant that is the default of an environment read (``os.getenv("LLM", DEFAULT_MODEL)``), a
    settings class's field default (``openai_model: str = "gpt-4o-mini"`` read only as
    ``model=settings.openai_model``, or as ``self.model = settings.openai_model`` whose ``self.model``
    only converted calls read; a pydantic settings field's TODO names its variable), and
    ``self.model`` from a constructor's default when no constructor call passes it (or every one passes a literal,
    mapped at the call: ``Extractor(model="gpt-4o")``), a constant given as ``model=model or DEFAULT``, and a parameter's
    default sent through a dict built for the call (``params = {"model": model, ...}; create(**params)``). A fallback
    bound in the function (``model = model or self._default_model`` / ``or "gpt-4o-mini"``) and the model names written
    for a parameter some of whose values are not seen (its string default, the literal arguments of its calls in its
    module) are mapped too, where they are written; the call keeps a TODO for the rest, saying so. An OpenAI
    annotation on the converted result (``reply: ChatCompletion = ...``, ``stream: Stream[...] = ...``)
    or on a part of it (``msg: ChatCompletionMessage = reply.choices[0].message``) is dropped (``reply:
    ChatCompletion`` names ``ChatCompletionResponse`` instead where every call of the module converts); a function's
    ``-> ChatCompletion`` whose every return is a converted call names ``ChatCompletionResponse``; in a module whose
    every call converts, ``CompletionUsage`` / ``ChatCompletion`` named only in annotations name ``UsageInfo`` /
    ``ChatCompletionResponse`` (unless the module reads a field Mistral's lacks). A trailing assistant message gets
    ``"prefix": True`` (with a TODO where its text reads as a reply, not a short prefill: Mistral continues it); a
    trailing system message gets a TODO (Mistral answers 400), also where the list is seen to end so before the call
    (``msgs = history + [{"role": "system", ...}]``, ``ctx.append({...})`` in a caller handing it over), and so does
    a list seen to end with an assistant message there. A call of another library given the same OpenAI model
    literal in the function (``langfuse.generation(model=...)``) gets a TODO: it records the converted call. A
    ``class Role(str, Enum)`` of chat roles named by a module whose chat calls convert gets a TODO at the class:
    mistralai reads a role with ``f"{role}"``, ``'Role.USER'`` for such a member on Python 3.11+.

    **Receivers.** A name bound to an OpenAI client constructor in the module or function,
    ``self.<attr>`` assigned one in the class, or a parameter annotated ``OpenAI``/``AsyncOpenAI``.

    **Why.** mistralai's ``chat.complete`` takes keyword-only arguments and no ``**kwargs``: an
    OpenAI-only keyword is a ``TypeError`` at run time (api-mapping.md §2).

    **Fix safety.** approximate where a policy says so (``max_completion_tokens``, ``tool_choice``,
    ``timeout``); exact otherwise.

    A wrapper's pass-through ``**kwargs`` (``def chat(self, messages, **kwargs): ...create(..., **kwargs)``) stays as
    it is where every call of the wrapper, all in its module, passes keys Mistral takes by the same name
    (``temperature=0``, ``max_tokens=20``). A model default that is mapped is named in its function's docstring too.

    **Known limits.** Calls with ``**params``, positional arguments, ``stream=<expression>``, or a FAIL
    keyword (``audio``, ``extra_body``, ...) are left unchanged with a TODO; so are calls on receivers
    that are not recognised as OpenAI clients. A call that keeps a client built in another module says why above
    it.

    **openai-compatible target.** The call, its method and its stream loops stay (the same SDK); only
    what the provider would reject changes. ``--provider mistral``: ``seed`` ->
    ``extra_body={"random_seed": ...}``, ``max_completion_tokens`` -> ``max_tokens``,
    ``stream_options`` removed, ``user`` / ``store`` / ``logit_bias`` removed with a TODO, a trailing
    assistant message gets ``"prefix": True`` (a trailing system message a TODO), legacy
    ``functions=`` keeps the client on OpenAI. The
    OpenAI-protocol providers take the request as written (``store`` removed with a TODO). Model
    names follow the provider's map; an unmapped name gets a TODO asking for ``--model OLD=NEW``.
    """

    CODE = "MIG102"
    NAME = "chat-completions"
    SAFETY = "approximate"
    DESCRIPTION = "client.chat.completions.create(...) -> client.chat.complete(...) / chat.stream(...)"
    BEFORE = 'from openai import OpenAI\n\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o-mini", messages=msgs, seed=7,\n                                   max_completion_tokens=256, user="u1")\n'
    AFTER = 'from openai import OpenAI\n\nclient = OpenAI()\n# TODO(migrator MIG102): user dropped: end-user ids are not sent to Mistral\nr = client.chat.complete(model="mistral-small-latest", messages=msgs, random_seed=7,\n                                   max_tokens=256)\n'

    def make_transformer(self, facts):
        if facts.prune and facts.view is not None and _env_read_slots(facts):
            # `GPT4O_MODEL = os.getenv("OPENAI_GPT4O_MODEL")` mapped as a model slot holds no model name for the
            # facts to mark: its statement is visited for the TODO naming the variable (held-out review 148, X6)
            facts.prune = False
        return _Transformer(self, facts)


def _env_read_slots(facts) -> bool:
    """Does a module-level constant the plan maps as a model slot hold an environment read with no default?"""
    import ast

    from codemods._facts import dotted_name as _dotted_name

    consts = {slot[1] for slot in facts.view.model_slots if slot[0] == "const"}
    tree = facts.tree
    return bool(consts) and isinstance(tree, ast.Module) and any(
        isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) and
        stmt.targets[0].id in consts and isinstance(stmt.value, ast.Call) and len(stmt.value.args) == 1 and
        not stmt.value.keywords and (_dotted_name(stmt.value.func) or "").endswith(("getenv", "environ.get"))
        for stmt in tree.body)


class _SlotStrings(cst.CSTTransformer):
    """The strings of a model slot's value, mapped by the rule's own string handler."""

    def __init__(self, rule: "_Transformer") -> None:
        super().__init__()
        self.rule = rule

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        return self.rule.leave_SimpleString(original, updated)


def _literal_binding(stmt: cst.BaseStatement, name: str) -> bool:
    """Is ``stmt`` a line of its own binding ``name`` to a literal (``x = {...}``, ``x: T = {...}``), without a
    comment?"""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1) or stmt.trailing_whitespace.comment \
            or any(line.comment for line in stmt.leading_lines):
        return False
    small = stmt.body[0]
    if isinstance(small, cst.AnnAssign) and small.value is not None:
        target, value = small.target, small.value
    elif isinstance(small, cst.Assign) and len(small.targets) == 1:
        target, value = small.targets[0].target, small.value
    else:
        return False
    if not (isinstance(target, cst.Name) and target.value == name):
        return False
    try:
        literal(value)
    except (ValueError, SyntaxError):
        return False
    return True


def _names_in(node: cst.CSTNode) -> list[str]:
    """The dotted names (``Stream``, ``openai.Stream``, ``ChatCompletionChunk``) an annotation uses."""
    found: list[str] = []

    class _Collect(cst.CSTVisitor):
        def visit_Attribute(self, attribute: cst.Attribute) -> bool:
            name = dotted(attribute)
            if name:
                found.append(name)
                return False
            return True

        def visit_Name(self, name: cst.Name) -> None:
            found.append(name.value)

    node.visit(_Collect())
    return found


class _Transformer(SplatSteps, RuleTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._chat_depth = 0  # inside the arguments of a chat.completions.create call
        self._model_slot = 0  # inside the value of a model slot (migrator.plan: reaches converted model=)
        self._returned: list[tuple] = []  # per enclosing function: (it, ids of its returns of converted chat calls)
        self._param_slot: list[bool] = []
        self._arg_slot: list[bool] = []
        self._callargs: set[int] = set()  # arguments that are model names for a converted call
        self._fstring_quotes: list[str] = []  # quote characters of the enclosing f-strings
        self._splat_todos: dict[str, list[str]] = {}
        self._stream_lines: dict[object, int] = {}  # converted stream (call id or variable) -> line  # splatted dict -> TODOs for its chat call
        self._unhandled_streams: dict[int, tuple[int, int]] = {}  # id(stream call) -> (line, depth)
        self._stream_names: dict[tuple, set[str]] = {}  # scope path -> names holding converted streams
        self._env_defaults: list[tuple] = []  # (node, VAR): inside os.getenv("VAR", <default>) in a model slot
        self._dict_keys: list[tuple] = []  # (dict, keys whose values are model slots): the plan's "dictkey"
        self._dict_slot: list[bool] = []  # per DictElement visited: a model slot
        self._options: set[int] = set()  # add_argument(...) calls whose model strings are mapped (argparse defaults)
        self.splat_steps_init()
        self._gradio: Optional[tuple[set, set]] = None  # (ChatInterface fns, names) of a Gradio chat module
        self._module_node: Optional[cst.Module] = None
        self._reasoning: dict[int, dict] = {}  # id(scope) -> {name holding a reasoning model's result: its line}

    def visit_Module(self, node: cst.Module) -> None:
        self._module_node = node
        endpoint = self.config.endpoint()
        if endpoint is None or endpoint.spec.protocol != "mistral":
            return  # (the module's code is regenerated for this check only where it can matter)
        code = node.code
        if not re.search(r"^\s*(?:import gradio|from gradio\b)", code, re.MULTILINE) or \
                not re.search(r"\b(?:ChatInterface|Chatbot)\s*\(", code) or \
                re.search(r"""\btype\s*=\s*["']tuples["']""", code):
            return
        functions = set(re.findall(r"\bChatInterface\s*\(\s*(?:fn\s*=\s*)?([A-Za-z_]\w*)", code))
        self._gradio = (functions, {"history", "chat_history"})

    def _gradio_history(self) -> str:
        """The parameter of the enclosing function holding a Gradio chat history (``def chat(message, history)``
        given to ``gr.ChatInterface``), in a module of a Gradio messages-format chat; else ""."""
        if self._gradio is None or not self._returned:
            return ""
        function = self._returned[-1][0]
        params = [param.name.value for param in function.params.params]
        name = params[1] if function.name.value in self._gradio[0] and len(params) >= 2 else \
            next((name for name in params if name in self._gradio[1]), "")
        body = code_of(function.body) if name else ""
        return name if re.search(rf"(?<![\w.]){re.escape(name)}\b", body) else ""

    def visit_Call(self, node: cst.Call) -> None:
        arg = self._callarg(node) if self._slots() else None
        if arg is not None:
            self._callargs.add(id(arg))
        if not self._chat_depth and self._forwarding_function(node):
            self._forwarded_literal(node)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "setdefault" and \
                (dotted(node.func.value) or "").rsplit(".", 1)[-1] == "environ" and len(node.args) == 2 and \
                isinstance(node.args[0].value, cst.SimpleString) and isinstance(node.args[1].value, cst.SimpleString) \
                and isinstance(node.args[0].value.evaluated_value, str) and \
                self._set_model_variable(node.args[0].value.evaluated_value):
            self._callargs.add(id(node.args[1]))  # `os.environ.setdefault("OPENAI_MODEL", "gpt-4o-mini")` (118, Y4)
        if arg is None and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("add_argument", "option") \
                and ("argdefault", self._option_dest(node, click=node.func.attr.value == "option")) in self._slots():
            self._options.add(id(node))  # its default / choices reach converted model= only (the plan's K2)
            self._model_slot += 1
        if chat_method(node.func) is not None:
            self.mark_site(node, CHAT)
            self._chat_depth += 1
        if self._model_slot:
            variable = env_getter(node)
            if variable and self._env_defaults and len(self._env_defaults[-1]) == 2 and \
                    isinstance(self._env_defaults[-1][0], cst.Call):
                # the default of another variable: os.getenv("PLANNER_MODEL", os.getenv("OPENAI_MODEL", "gpt-4o"))
                variable = f"{self._env_defaults[-1][1]}, {variable}"
            self._env_default(node, variable)  # os.getenv("LLM", "gpt-4o")
            if not env_getter(node) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" and \
                    len(node.args) == 2 and isinstance(node.args[0].value, cst.SimpleString) and \
                    isinstance(node.args[1].value, cst.SimpleString):
                # config.get("openai_model", "gpt-5-nano") (held-out review 58, Y1): its default is mapped, the
                # configured value is not
                self._env_defaults.append((node, code_of(node.args[0].value), "config"))

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        if self._model_slot and isinstance(node.left, cst.Call):
            self._env_default(node, env_getter(node.left, default=False))  # os.getenv("LLM") or "gpt-4o"
        elif self._model_slot and isinstance(node.left, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
            # `os.environ.get("A") or os.environ.get("OPENAI_MODEL") or "gpt-4o-mini"` (held-out review 79, X6: the
            # default was mapped with no TODO for the variables a deployment sets)
            variables, left = [], node.left
            while isinstance(left, cst.BooleanOperation) and isinstance(left.operator, cst.Or):
                variables.append(env_getter(left.right, default=False) if isinstance(left.right, cst.Call) else "")
                left = left.left
            variables.append(env_getter(left, default=False) if isinstance(left, cst.Call) else "")
            if variables and all(variables):
                self._env_default(node, ", ".join(reversed(variables)))

    def _env_default(self, node: cst.CSTNode, variable: str) -> None:
        """Inside ``node`` a model string is the fallback of environment variable ``variable``."""
        if variable:
            self._env_defaults.append((node, variable))

    def leave_BooleanOperation(self, original: cst.BooleanOperation, updated: cst.BooleanOperation):
        if self._env_defaults and self._env_defaults[-1][0] is original:
            self._env_defaults.pop()
        return updated

    # -- `def ask(...) -> ChatCompletion: return client.chat.completions.create(...)` ------------------
    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        # (a pruned function is left without a visit: its own frame; the names dropped keywords of its calls gave)
        self._returned.append((node, set(), set()))

    def leave_Return(self, original: cst.Return, updated: cst.Return) -> cst.Return:
        self._converted_value(original.value, updated.value)
        return updated

    def _converted_value(self, original, updated) -> None:
        """Note a converted (unstreamed) chat call returned, or assigned to a name (``completion = client.chat
        .completions.create(...)``; ``return completion``: held-out review 44, Z7)."""
        if self._returned and original is not None and updated is not None and \
                _moved_chat_call(original, updated) and _func_name(updated) in ("complete", "complete_async"):
            self._returned[-1][1].add(id(original))

    def leave_Annotation(self, original: cst.Annotation, updated: cst.Annotation) -> cst.Annotation:
        """``usage: CompletionUsage`` / ``response: ChatCompletion`` where every call of the module converts
        (codemods._facts.annotation_types): what it describes is Mistral's UsageInfo / ChatCompletionResponse
        (held-out reviews 79, Y7 and 86, X9: the annotation kept openai and its pin)."""
        names = self.facts.annotation_types
        if not names or self.config.endpoint() is not None:
            return updated
        renamed = updated.visit(_Renamed(names))
        if renamed is updated or renamed.deep_equals(updated):
            return updated
        for target in set(names.values()):
            self.need_import(MISTRAL_MODELS_MODULE, target)
        self.converted(self.current_line(), f"{code_of(updated.annotation)} annotation -> "
                                            f"{code_of(renamed.annotation)}: the converted calls' usage")
        return renamed

    def _reasoning_result(self, line: int) -> bool:
        """The statement being visited is ``name = [await] <chat call>``, and every other use of ``name`` in the
        function (or module) around it, none in a function or class nested there, is a read of
        ``name.choices[<n>].message.content``: those reads are given the text (``_message_text(...)``) where the scope
        is left, and True; else False (the call keeps the reasoning TODO)."""
        import libcst.matchers as m

        statement = self.statement_nodes[-1] if self.statement_nodes else None
        assign = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
            else None
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and
                isinstance(assign.targets[0].target, cst.Name)) or MESSAGE_TEXT_HELPER in self.facts.names_in_use:
            return False
        value = assign.value.expression if isinstance(assign.value, cst.Await) else assign.value
        if not isinstance(value, cst.Call) or not (dotted(value.func) or "").endswith("completions.create"):
            return False
        name = assign.targets[0].target.value
        scope = self._returned[-1][0] if self._returned else self._module_node
        if scope is None:
            return False
        nested = [n for n in m.findall(scope, m.FunctionDef() | m.ClassDef() | m.Lambda()) if n is not scope]
        if any(m.findall(n, m.Name(name)) for n in nested):
            return False  # (read in a nested function: its scope is another)
        reads = m.findall(scope, _content_read(name))
        if not reads or len(m.findall(scope, m.Name(name))) != len(reads) + 1 or \
                len(m.findall(scope, m.AssignTarget(m.Name(name)))) != 1:
            return False
        self._reasoning.setdefault(id(scope), {})[name] = line
        return True

    def _reasoning_reads(self, scope, node):
        """``node`` (the updated function or module ``scope``) with its reads of the names ``_reasoning_result``
        recorded given the text."""
        names = self._reasoning.pop(id(scope), None)
        if not names:
            return node
        self.need_statement(MESSAGE_TEXT_HELPER_CODE)
        self.need_import(MISTRAL_MODELS_MODULE, "TextChunk")
        for line in sorted(set(names.values())):
            self.converted(line, "a reasoning model's message.content read -> _message_text(...) (the text chunks of "
                                 "its answer, joined)", "exact")
        return node.visit(_ContentReads(set(names)))

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        return self._reasoning_reads(original, updated)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        """A function whose every ``return`` gives a converted (unstreamed) chat call, annotated to return
        OpenAI's ChatCompletion: the annotation names Mistral's class (the openai import it needed can go: a
        reviewer's find, session 37; it was left stating OpenAI's type)."""
        updated = self._reasoning_reads(original, updated)
        if not self._returned or self._returned[-1][0] is not original:
            return updated  # pruned: visited no further
        _, converted, dropped = self._returned.pop()
        updated = _documented_defaults(original, updated)
        if dropped:
            updated = self._dead_locals(updated, dropped)
        if self.config.endpoint() is not None or (original.returns is not None and updated.returns is not None and
                                                   not updated.returns.deep_equals(original.returns)):
            return updated  # (renamed already: every call of the module converts, leave_Annotation)
        return retyped_returns(self, original, updated, converted, {
            name: target for name, target in RESPONSE_TYPES.items() if target == "ChatCompletionResponse"})

    def _dead_locals(self, function: cst.FunctionDef, names: set) -> cst.FunctionDef:
        """``stream_options: ChatCompletionStreamOptionsParam = {"include_usage": True}`` whose only use was the
        keyword the conversion dropped: the assignment goes too, and with it the openai type import it alone used
        (held-out review 82, Y6: the dead line kept the openai pin). Only a literal bound once, directly in the
        function's body, with no comment of its own, and named nowhere else in the function."""
        if not isinstance(function.body, cst.IndentedBlock):
            return function
        body = list(function.body.body)
        for name in sorted(names):
            binds = [i for i, stmt in enumerate(body) if _literal_binding(stmt, name)]
            if len(binds) != 1 or _reads(function, name) != 1:  # (1: the binding's own target)
                continue
            self.converted(self.current_line(), f"{name} = ... dropped: its only use was a keyword the converted "
                                                "call no longer takes")
            del body[binds[0]]
            if not body:
                body.append(cst.SimpleStatementLine(body=[cst.Pass()]))
            function = function.with_changes(body=function.body.with_changes(body=body))
        return function

    @staticmethod
    def _option_dest(node: cst.Call, click: bool = False) -> Optional[str]:
        dest = next((a.value.evaluated_value for a in node.args if a.keyword is not None and a.keyword.value == "dest"
                     and isinstance(a.value, cst.SimpleString)), None)
        flags = [a.value.evaluated_value if isinstance(a.value, cst.SimpleString) else None
                 for a in node.args if a.keyword is None and a.star == ""]
        return click_dest(flags) if click else option_dest(flags, dest if isinstance(dest, str) else None)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if self._env_defaults and self._env_defaults[-1][0] is original:
            self._env_defaults.pop()
        if self._options and id(original) in self._options:
            self._options.discard(id(original))
            self._model_slot -= 1
            updated = _documented_option(original, updated)
        found = chat_method(original.func)
        if found is None and len(original.args) == 2 and dotted(original.func) in CAST_NAMES and \
                self.config.endpoint() is None and _moved_chat_call(original.args[1].value, updated.args[1].value) \
                and any((self.facts.qualify(name) or "").startswith("openai.") for name in
                        _names_in(original.args[0].value)):
            # `cast(AsyncStream[ChatCompletionChunk], await client.chat.completions.create(...))` converted: the
            # OpenAI type no longer describes it; the cast goes, the type checker infers Mistral's (review 28, G5)
            self.converted(self._lines.get(id(original), 0), f"cast({code_of(original.args[0].value)}, ...) dropped: "
                                                             "the converted call returns Mistral's type")
            inner = updated.args[1].value.with_changes(lpar=(), rpar=())
            opened = original.whitespace_before_args
            if isinstance(opened, cst.ParenthesizedWhitespace):  # `cast(\n    T,\n    await ...)`: one level less
                before = self._stream_call(updated.args[1].value)
                inner = inner.visit(_Dedent(len(opened.last_line.value)))
                if before is not None:  # (the stream's loop is found by its call)
                    self._unhandled_streams[id(inner.expression if isinstance(inner, cst.Await) else inner)] = \
                        self._unhandled_streams.pop(before)
            return inner
        if found is None:
            func = updated.func
            if isinstance(func, cst.Attribute) and func.attr.value == "update" and self._rewritable(func.value):
                return self._update(updated)
            return self._write_stream(updated)
        self._chat_depth -= 1
        method, receiver_node = found
        line = self._lines.get(id(original), 0)
        receiver = code_of(receiver_node)
        answer = self.answer_for(original)
        if not answer or answer[0] != "call":
            return updated  # not an OpenAI client's call (another SDK, a test double, a converted call)
        _, verdict, is_async, module_client, blocking, *_ = answer
        if verdict == UNRESOLVED and blocking and "is a parameter annotated" in blocking:
            self.todo(line, blocking)
            return updated
        endpoint = self.config.endpoint()
        if verdict == UNRESOLVED and endpoint is not None:
            name = endpoint.spec.name
            changes = _compat_changes(endpoint.spec, original) if endpoint.spec.protocol == "mistral" else ""
            self.todo(line, f"{receiver}: migrator cannot tell which client it holds; if it receives a client migrator "
                            f"moved to {name}, make sure model= names a model {name} serves"
                            + (f" and adapt the fields {name} rejects ({changes})" if changes else "")
                            + "; a client that stays on OpenAI needs nothing")
            return updated
        splat = next((code_of(arg.value) for arg in original.args if arg.star == "**"), "")
        # (the splatted dict's keys, as the plan's reason lists them: "keys to check: seed (-> random_seed), ...")
        keys = re.findall(r"(\w+) \(", (blocking or "").split("keys to check:", 1)[1]) \
            if splat and "keys to check:" in (blocking or "") else []
        if verdict == UNRESOLVED and (any(arg.keyword is not None and arg.keyword.value == "response_model"
                                          for arg in original.args) or
                                      splat and ("response_model" in keys or "'response_model'" in (blocking or ""))):
            # (or a dict of its keywords holding response_model: held-out review 167, X2, the TODO said to convert it
            # to client.chat.complete, which would lose the structured result)
            # an instructor client's call (a dict or loop of from_openai clients): it keeps its surface, its keywords
            # follow the chat mapping (held-out review 51, M7: "keep the call as it is" left seed=, a TypeError)
            from migrator.mapping.instructor import CALL_DROPS, CALL_RENAMES

            written = [arg.keyword.value for arg in original.args if arg.keyword is not None] + keys
            changes = [f"{k} -> {CALL_RENAMES[k]}" for k in written if k in CALL_RENAMES] + \
                [f"drop {k}=" for k in written if k in CALL_DROPS]
            self.todo(line, f"{receiver}: migrator cannot tell which client it holds; this is an instructor call "
                            "(response_model=): if it receives a client migrator converted (instructor.from_mistral), "
                            "keep its surface, make "
                            + (f"{splat}[\"model\"]" if splat and not any(
                                arg.keyword is not None and arg.keyword.value == "model" for arg in original.args)
                               else "model=") + " name a Mistral model"
                            + (f" and its keywords follow Mistral's chat ({', '.join(changes)})" if changes else "")
                            + "; a client that stays on OpenAI needs nothing")
            return updated
        if verdict == UNRESOLVED and isinstance(original.func, cst.Attribute) and \
                isinstance(original.func.value, cst.Attribute) and original.func.value.attr.value == "ChatCompletion":
            # `from config import openai` ... `openai.ChatCompletion.create(...)` (held-out review 9, N10)
            # (the module it is imported from named, as the plan names it for the other v0 calls: held-out review 134,
            # X4, "given to it where migrator does not trace it" beside "the openai module config re-exports")
            by = self.facts.imported_from.get(receiver, "") if isinstance(original.func.value.value, cst.Name) else ""
            stars = star_import_sources(self.facts.tree) if not by and receiver == "openai" else []
            if len(stars) == 1:
                # (its `from app.gpt_config import *`: held-out review 157, X2, "given to it where migrator does not
                # trace it" named no import; not `from tkinter import *` beside it)
                by = f"{stars[0]} (through `import *`)"
            alias = openai_module_alias(self.facts.tree, receiver) if not by else ""
            self.todo(line, v0_untraced_todo(f"{receiver}.ChatCompletion.{original.func.attr.value}", receiver, by,
                                             alias))
            return updated
        if verdict == UNRESOLVED:
            # Whether it needs anything depends on the client it receives: say so, and what is hard.
            helpers = CHAT_HELPERS[method]
            if is_async:  # `await client.chat.completions.create(...)` (re-review 41, T11: sync names were given)
                helpers = " / ".join(f"{h}_async" for h in helpers.split(" / "))
            said = self.__dict__.setdefault("_untraced_said", {}).setdefault((receiver, method, is_async, blocking),
                                                                                line)
            if said != line:  # (the same receiver and reason again: one TODO in full per file, as MIG106 does;
                # held-out review 100, X2: 63 copies of it in one repository)
                head = f"{receiver}: migrator cannot tell which client it holds"
                if not (self._todos and any(told.startswith(head) for told in self._todos[-1])):
                    self.todo(line, f"{head}: see the TODO at its first such call in this file")
                return updated
            self.todo(line, f"{receiver}: migrator cannot tell which client it holds; convert this "
                            f"chat.completions.{method} call by hand "
                            f"({helpers}) if it receives a client migrator converted"
                            + (f" ({blocking.removesuffix('; convert by hand')})" if blocking else "")
                            + "; a client that stays on OpenAI needs nothing")
            return updated
        if verdict != CONVERT:
            if blocking and verdict == KEEP and module_client:  # no constructor to carry the TODO
                self.todo(line, STREAM_HELPER_TODO if method == "stream"
                          else f"chat.completions.{method} left unchanged: {blocking}")
            elif blocking and verdict == KEEP and endpoint is None and len(answer) > 6 and answer[6]:
                # this call keeps its client, built in another module: its reason above it, not only in the
                # client's list there (held-out review 45, A1)
                self.todo(line, STREAM_HELPER_TODO if method == "stream" else blocking
                          if blocking.startswith("legacy openai v0 API ") else  # (its own call named, 140 X6)
                          f"chat.completions.{method}(...) stays on OpenAI: {blocking}")
            return updated  # kept on OpenAI (the constructor's TODO says why) or another provider
        if endpoint is not None:
            return self._convert_compat(updated, line, receiver, method, module_client, endpoint)
        binding = Binding(is_async, True, module_client)
        # the receiver as the earlier rules left it (MIG101 may have rewritten OpenAI() in place)
        current = chat_method(updated.func)
        return self._convert(updated, line, binding, receiver, method,
                             current[1] if current is not None else receiver_node,
                             passthrough=len(answer) > 7 and bool(answer[7]))

    def _convert(self, call: cst.Call, line: int, binding: Binding, receiver: str, method: str,
                 receiver_node: cst.BaseExpression, passthrough: bool = False) -> cst.Call:
        problems = []
        stream = False
        splatted: list[str] = []
        for arg in call.args:
            if arg.star == "**" and passthrough and isinstance(arg.value, cst.Name):
                continue  # a wrapper's **kwargs, whose callers pass keys Mistral takes as they are (the plan: A9)
            if arg.star == "**":
                info = self._splat(arg.value)
                if info is not None and info.rewritable:
                    splatted.append(arg.value.value)  # type: ignore[attr-defined]
                    stream = stream or info.stream
                else:
                    problems.append(_splat_problem(code_of(arg.value), info))
            elif arg.star == "*" or arg.keyword is None:
                problems.append("positional arguments")
            else:
                name = arg.keyword.value
                rule = CHAT_PARAMS.get(name)
                if rule is None:
                    problems.append(f"unknown keyword {name!r}")
                elif rule.policy is Policy.FAIL:
                    problems.append(f"{name}: {rule.note}")
                elif name == "stream":
                    try:
                        stream = bool(literal(arg.value))
                    except (ValueError, SyntaxError):
                        problems.append(f"stream={code_of(arg.value)} is an expression: Mistral has "
                                        "separate chat.stream / chat.complete methods; pick one per branch")
        if problems:
            self.todo(line, f"chat.completions.{method} left unchanged: " + "; ".join(problems))
            return call

        safety = "exact"
        new_args: list[cst.Arg] = []
        todos: list[str] = []  # emitted only if the call is converted
        try:
            for arg in call.args:
                if arg.star:
                    new_args.append(arg)  # a dict whose build steps were rewritten (leave_Assign, _update)
                    continue
                name = arg.keyword.value
                rule = CHAT_PARAMS[name]
                if name == "stream" or rule.policy is Policy.DROP:
                    if name != "stream" and isinstance(arg.value, cst.Name) and self._returned:
                        self._returned[-1][2].add(arg.value.value)  # its local may be dead now: leave_FunctionDef
                    continue
                if rule.policy is Policy.DROP_TODO:
                    if not _empty_literal(arg.value):  # logit_bias={}, store=False: nothing is lost
                        todos.append((name == "logit_bias" and _logit_bias_note(arg.value)) or
                                     f"{name} dropped: {rule.note}")
                    continue
                if rule.safety != "exact":
                    safety = "approximate"
                value = arg.value
                if name == "model":
                    effort = any(a.keyword is not None and a.keyword.value == "reasoning_effort" for a in call.args)
                    value, todo = self._model(value, effort=effort)
                    if todo and method == "create" and not stream and not splatted and \
                            todo == REASONING_TODO.format(model=code_of(value).strip("'\"")) and \
                            self._reasoning_result(line):
                        todo = None  # (its reads are given the text: leave_FunctionDef / leave_Module)
                    if todo and method == "parse" and todo == REASONING_TODO.format(model=code_of(value).strip("'\"")):
                        # mistralai's parse joins the text chunks itself for message.parsed (held-out review 43, X3);
                        # where the module reads no .content at all, there is nothing to say (held-out review 143, X7)
                        import ast as _ast

                        tree = self.facts.tree
                        reads_content = not isinstance(tree, _ast.Module) or any(
                            isinstance(n, _ast.Attribute) and n.attr == "content" for n in _ast.walk(tree))
                        todo = todo.replace("where the code reads it", "where the code reads message.content "
                                                                          "(message.parsed is parsed from them already)"
                                            ) if reads_content else None
                elif rule.xform is not None and not (method == "parse" and name == "response_format"):
                    value, todo = self._xform(name, rule, value)
                    if value is None:
                        continue
                else:
                    todo = None
                if name not in NOT_GIVEN_KEPT:  # (the plan keeps the marker of a value rewritten as an expression)
                    value = self._omit_marker(name, value)
                if todo:
                    todos.append(todo)
                renamed = rule.mistral_name(name)  # (the keyword kept when it stays: comments above it stay too)
                new_args.append(arg.with_changes(keyword=arg.keyword if renamed == name else cst.Name(renamed),
                                                 value=value))
        except CannotConvert as exc:
            self.todo(line, f"chat.completions.{method} left unchanged: {exc}")
            return call
        opening = opening_after(call.args, new_args, call.whitespace_before_args)  # (before the copies below)
        new_args = [arg.with_changes(value=self._map_literals(arg.value))
                    if arg.keyword and arg.keyword.value == "model"
                    else self._prefilled(arg, line) if arg.keyword and arg.keyword.value == "messages"
                    else arg for arg in new_args]
        new_args = finish_args(call.args, new_args, call.whitespace_before_args)
        for todo in todos:
            self.todo(line, todo)

        surface = f"chat.completions.{method}"
        if method == "parse" and not splatted and not any(
                arg.keyword is not None and arg.keyword.value == "response_format" for arg in call.args):
            # parse(tools=[pydantic_function_tool(...)]) without a schema: a plain chat call whose tool
            # calls carry JSON arguments (Mistral's chat.parse needs response_format)
            surface = "chat.completions.create"
            if self.facts.reads_parsed_arguments:
                self.todo(line, "parse() without response_format became chat.complete: Mistral fills no "
                                ".parsed_arguments on tool calls; read json.loads(tool_call.function.arguments)")
        elif method == "parse" and not splatted and any(
                arg.keyword is not None and arg.keyword.value == "response_format" and self._dict_schema(arg.value)
                for arg in call.args):
            # parse(response_format=<a dict>, `{"type": "json_schema", ...}`): OpenAI sends it as it is; Mistral's
            # chat.parse takes a pydantic class only (AttributeError: 'dict' object has no attribute
            # 'model_json_schema', before any request), and chat.complete sends the same body (held-out review 160, X1)
            surface = "chat.completions.create"
            if self._reads_parsed():
                self.todo(line, "parse(response_format=<a dict>) became chat.complete: Mistral's message has no "
                                ".parsed (OpenAI's was None for a dict schema too): read json.loads(message.content)")
        target = METHODS[(surface, stream)]
        if binding.is_async:
            target += "_async"
        if binding.module_client:  # Mistral has no module-level client: use one of the module's own
            receiver_node = self.mistral_module_client(call)
        _, attr = target.split(".")
        # receiver[.beta].chat.completions.<method> -> receiver.chat.<attr>, receiver as written
        func = cst.Attribute(value=cst.Attribute(value=receiver_node, attr=cst.Name("chat")), attr=cst.Name(attr))
        self.converted(line, f"{receiver}.{code_of(call.func)[len(receiver) + 1:]} -> "
                             f"{code_of(receiver_node)}.{target}", safety)
        for name in splatted:
            for message in self._splat_todos.pop(name, []):
                self.todo(line, message)
        new_call = call.with_changes(func=func, args=new_args, whitespace_before_args=opening)
        if stream:  # depth: the statement it belongs to (a for-loop header, not the loop body)
            self._unhandled_streams[id(new_call)] = (line, len(self._todos))
        return new_call

    def _dict_schema(self, value: cst.BaseExpression) -> bool:
        """A dict literal, or a name the module binds once, to a dict literal (a response_format written as JSON)."""
        import ast

        if isinstance(value, cst.Dict):
            return True
        tree = self.facts.tree
        if not (isinstance(value, cst.Name) and isinstance(tree, ast.Module)):
            return False
        # (bound in the call's own function or at module level, not a parameter: `def ask(q, schema)` handed a
        # pydantic class beside another function's `schema = {...}`; review of session 86)
        scope: ast.AST = tree
        for name in self.path:
            scope = next((n for n in getattr(scope, "body", ()) if isinstance(
                n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name), None)
            if scope is None:
                return False
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and value.value in {
                a.arg for a in [*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs]}:
            return False

        def own(node) -> list:  # the statements of ``node``'s body, not those of functions or classes in it
            out, todo = [], list(getattr(node, "body", ()))
            while todo:
                stmt = todo.pop()
                out.append(stmt)
                if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    todo.extend(child for field in ("body", "orelse", "finalbody") for child in getattr(stmt, field, ())
                                if isinstance(child, ast.stmt))
            return out

        statements = own(scope) if scope is not tree else []
        bound = [n.value for n in statements if isinstance(n, (ast.Assign, ast.AnnAssign)) and
                 [t.id for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)]
                 == [value.value]]
        if not bound:
            bound = [n.value for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign)) and
                     [t.id for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                      if isinstance(t, ast.Name)] == [value.value]]
        return len(bound) == 1 and isinstance(bound[0], ast.Dict)

    def _reads_parsed(self) -> bool:
        """Does the module read a ``.parsed`` attribute?"""
        import ast

        tree = self.facts.tree
        return isinstance(tree, ast.Module) and any(isinstance(n, ast.Attribute) and n.attr == "parsed"
                                                    for n in ast.walk(tree))

    def _omit_marker(self, name: str, value: cst.BaseExpression) -> cst.BaseExpression:
        """openai's ``NOT_GIVEN`` in a keyword's value (``tools=tools or NOT_GIVEN``) -> mistralai's ``UNSET`` (``None``
        for the keywords whose default is None, where UNSET fails validation: mapping.chat.OMITTED_BY_NONE), which
        mistralai leaves out of the request as openai did (held-out review 73, X4: the plan's TODO gave the fix and
        the client stayed)."""
        facts = self.facts
        if "NOT_GIVEN" not in code_of(value):
            return value
        marker = cst.Name("None" if name in OMITTED_BY_NONE else UNSET_IMPORT[1])

        class _Swap(cst.CSTTransformer):
            def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
                return marker if facts.qualify(original.value) == OPENAI_NOT_GIVEN else updated

            def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
                return marker if facts.qualify(code_of(original)) == OPENAI_NOT_GIVEN else updated

        swapped = value.visit(_Swap())
        if swapped is not value and marker.value == UNSET_IMPORT[1]:
            self.need_import(*UNSET_IMPORT)
        return swapped

    def _convert_compat(self, call: cst.Call, line: int, receiver: str, method: str, module_client: bool,
                        endpoint) -> cst.Call:
        """--target openai-compatible: the same call on the same SDK; only the request fields the
        provider would reject change (migrator.mapping.providers), and model names map."""
        from migrator.mapping import providers as p

        spec = endpoint.spec
        new_args: list[cst.Arg] = []
        extra: list[tuple[str, cst.BaseExpression]] = []
        todos: list[str] = []
        notes: list[str] = []
        body_arg: Optional[cst.Arg] = None
        for arg in call.args:
            if arg.keyword is None:
                new_args.append(arg)
                continue
            name = arg.keyword.value
            action, detail = p.compat_chat_field(spec, name)
            if action == p.FAIL:  # the plan keeps such calls' clients; never rewrite half of one
                self.todo(line, f"chat.completions.{method} left unchanged: {name}: {detail}")
                return call
            if name == "extra_body":
                body_arg = arg
                new_args.append(arg)
            elif action == p.DROP:
                continue
            elif action == p.DROP_TODO:
                if not _empty_literal(arg.value):
                    todos.append(f"{name} dropped: {detail}")
            elif action == p.RENAME:
                new_args.append(arg.with_changes(keyword=cst.Name(detail)))
            elif action == p.EXTRA_BODY:
                extra.append((detail, arg.value))
            elif name == "model":
                value, todo = self._model(arg.value)
                value, vision = self._vision_model(spec, arg.value, value)
                if vision:
                    notes.append(vision)
                if todo:
                    todos.append(todo.replace("Mistral model", f"model {spec.name} serves")
                                 .replace("no Mistral model", f"no {spec.name} model")
                                 .replace("<mistral model>", f"<{spec.name} model>"))
                new_args.append(arg.with_changes(value=value))
            elif name == "messages" and spec.protocol == "mistral":
                new_args.append(self._prefilled(arg, line))
                history = self._gradio_history()
                if history:  # (held-out review 112, X1: a 422 from the second turn on, no TODO)
                    todos.append(GRADIO_HISTORY_TODO.format(name=history, provider=spec.name))
            else:
                new_args.append(arg)
        if extra:
            entries = ", ".join(f'"{key}": {code_of(value)}' for key, value in extra)
            if body_arg is None:
                new_args.append(keyword_arg("extra_body", cst.parse_expression("{" + entries + "}")))
            else:  # the plan only moves calls whose extra_body is a dict display
                assert isinstance(body_arg.value, cst.Dict)
                index = new_args.index(body_arg)
                merged = cst.parse_expression("{" + ", ".join(
                    [code_of(e) for e in body_arg.value.elements] + [entries]) + "}")
                new_args[index] = body_arg.with_changes(value=merged)
        for arg in call.args:
            if arg.star == "**" and isinstance(arg.value, cst.Name):
                todos += self._splat_todos.pop(arg.value.value, [])
        splat = next((a for a in call.args if a.star == "**"), None)
        if splat is not None and spec.vision_model and not any(
                a.keyword is not None and a.keyword.value == "model" for a in call.args) and self._carries_images():
            # the model comes through the dict (held-out review 4, D9): its mapped model may take text only
            todos.append(f"this request carries images: make sure the model in **{code_of(splat.value)} takes images "
                         f"on {spec.name} (e.g. {spec.vision_model}); {spec.text_only} take text only")
        for todo in todos:
            self.todo(line, todo)
        new_args = [arg.with_changes(value=self._map_literals(arg.value))
                    if arg.keyword and arg.keyword.value == "model" else arg for arg in new_args]
        moved = f"{spec.name} ({endpoint.base_url})"
        changes = [f"{k}=" for k, _ in extra]
        self.converted(line, f"{receiver}.{code_of(call.func)[len(receiver) + 1:]} now reaches {moved}"
                             + (f"; {', '.join(changes)} sent in extra_body" if changes else "")
                             + "".join(f"; {note}" for note in notes),
                       "approximate" if todos else "exact")
        if module_client:
            self.module_client_endpoint(receiver)
        return call.with_changes(args=finish_args(call.args, new_args, call.whitespace_before_args),
                                 whitespace_before_args=opening_after(call.args, new_args, call.whitespace_before_args))

    def _vision_model(self, spec, original: cst.BaseExpression, value: cst.BaseExpression):
        """(model value, note): a literal model mapped to a text-only model (Scaleway's and OVHcloud's
        Llama 3.3 70B for gpt-4o) in a request that carries images (an ``image_url`` part in the
        enclosing function) goes to the provider's vision model instead; the mapped model would refuse
        the request (held-out review 3). Not where the user mapped the name (--model)."""
        if spec.vision_model is None or not isinstance(original, cst.SimpleString) or \
                not isinstance(value, cst.SimpleString):
            return value, ""
        name, target = original.evaluated_value, value.evaluated_value
        if not isinstance(name, str) or target in spec.vision_models or target == name or \
                any(name == pattern or fnmatchcase(name, pattern) for pattern in self.config.model_map):
            return value, ""
        if not self._carries_images():
            return value, ""
        return (cst.SimpleString(f"{value.quote}{spec.vision_model}{value.quote}"),
                f"{name} -> {spec.vision_model}, not {target}: this request carries images and {target} "
                "takes text only")

    def _carries_images(self) -> bool:
        """Does the enclosing function (or top-level statement) build ``image_url`` parts?"""
        scope = next((node for node in reversed(self.statement_nodes)
                      if isinstance(node, (cst.FunctionDef, cst.ClassDef))), None)
        scope = scope if scope is not None else (self.statement_nodes[0] if self.statement_nodes else None)
        if scope is None:
            return False
        cache = self.__dict__.setdefault("_image_scopes", {})
        if id(scope) not in cache:
            cache[id(scope)] = "image_url" in cst.Module(body=[]).code_for_node(scope)
        return cache[id(scope)]

    def _prefilled(self, arg: cst.Arg, line: int) -> cst.Arg:
        """A trailing assistant message is a prefill: OpenAI continues it, Mistral needs
        ``"prefix": True`` on it (else 400)."""
        value = arg.value
        written = isinstance(value, cst.List) and bool(value.elements) and \
            isinstance(value.elements[-1].value, cst.Dict)
        if self.facts.view is not None and (stored := self.facts.view.stored_history(line)) is not None:
            self.todo(line, STORED_HISTORY_TODO.format(where=stored))  # (held-out review 64, X3)
        if not written and self.facts.view is not None:
            where = self.facts.view.trailing_system(line)
            if where is not None and isinstance(value, cst.Name):  # built before the call (held-out review 23, U1)
                self.todo(line, TRAILING_SYSTEM_BUILT_TODO.format(name=value.value, where=where))
            elif where is not None:  # `history + [get_system_message()]` (held-out review 58, X3)
                self.todo(line, TRAILING_SYSTEM_ENDS_TODO.format(where=where))
            where = self.facts.view.trailing_assistant(line) if where is None else None
            if where is not None and isinstance(value, cst.Name):  # (held-out review 87, Y4)
                self.todo(line, TRAILING_ASSISTANT_BUILT_TODO.format(name=value.value, where=where))
            elif where is not None:  # `history + [{"role": "assistant", ...}]` (held-out review 87, X2)
                self.todo(line, TRAILING_ASSISTANT_ENDS_TODO.format(where=where))
        if isinstance(value, cst.Name):
            return arg
        if not isinstance(value, cst.List) or not value.elements:
            return arg
        last = value.elements[-1].value
        if not isinstance(last, cst.Dict):
            return arg
        keys = {}
        for element in last.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                return arg
            keys[element.key.evaluated_value] = element.value
        role = keys.get("role")
        if isinstance(role, cst.Name):  # `def ask(self, message, role="system")`: callers leaving it send system
            fn = next((n for n in reversed(self.statement_nodes) if isinstance(n, cst.FunctionDef)), None)
            param = next((p for p in (*fn.params.params, *fn.params.kwonly_params) if p.name.value == role.value),
                         None) if fn is not None else None
            if param is not None and isinstance(param.default, cst.SimpleString) and \
                    param.default.evaluated_value == "system":
                # (held-out review 54, S4: the app's only request, a 400 on Mistral, unflagged)
                self.todo(line, f"the last message's role is {role.value}, which defaults to \"system\" (a parameter "
                                f"of {fn.name.value}): where a caller leaves it, {TRAILING_SYSTEM_TODO}")
            return arg
        if isinstance(role, cst.SimpleString) and role.evaluated_value == "system":
            # OpenAI reads a trailing system message as one more instruction; Mistral answers 400 ("Expected
            # last role User or Tool (or Assistant with prefix True)", api-mapping 2.3; held-out review 7, D9)
            self.todo(line, TRAILING_SYSTEM_TODO)
            return arg
        if not (isinstance(role, cst.SimpleString) and role.evaluated_value == "assistant") or \
                "prefix" in keys or "tool_calls" in keys:
            return arg
        quote = self._quote()
        elements = list(last.elements)
        elements.append(cst.DictElement(cst.SimpleString(f"{quote}prefix{quote}"), cst.Name("True")))
        new_last = last.with_changes(elements=finish_elements(last.elements, elements))
        items = list(value.elements)
        items[-1] = items[-1].with_changes(value=new_last)
        self.converted(line, 'trailing assistant message (prefill) -> "prefix": True')
        content = keys.get("content")
        # (a short text that is a whole sentence reads as a reply too: held-out review 104, X5, 39 characters ending
        # in a full stop got no TODO)
        if not (isinstance(content, cst.SimpleString) and isinstance(content.evaluated_value, str) and
                len(content.evaluated_value) <= PREFILL_MAX_CHARS and
                not _WHOLE_SENTENCE.search(content.evaluated_value.strip())):
            self.todo(line, PREFIX_ADDED_TODO)  # a reply held in a variable, not a prefill (held-out review 87, X2)
        return arg.with_changes(value=value.with_changes(elements=items))

    def _xform(self, name, rule, value) -> tuple[Optional[cst.BaseExpression], Optional[str]]:
        """(new value or None to drop it, TODO or None); raises CannotConvert when the keyword
        cannot be given to Mistral at all."""
        if name in ("timeout", "request_timeout") and timeout_object(value):  # httpx.Timeout(...) per call
            seconds = read_timeout(value)
            if seconds is UNKNOWN_TIMEOUT:
                raise CannotConvert(f"{name}={code_of(value)}: {TIMEOUT_PHASES}; set timeout_ms= by hand")
            if seconds is None:
                return None, f"{name}={code_of(value)} has no read timeout: {NO_READ_TIMEOUT}"
            return cst.Integer(str(int(seconds * 1000))), f"{name}={code_of(value)}: {TIMEOUT_PHASES}"
        try:
            result = rule.xform.runtime(literal(value))
        except DropValue:
            return None, None
        except Unmappable as exc:
            raise CannotConvert(f"{name}: {exc}") from None
        except (ValueError, SyntaxError):  # not a literal: use the code template, if there is one
            if rule.xform.code is not None and name in ("timeout", "request_timeout"):
                return self._checked(seconds_to_ms_code(value, rule.xform.code, self.facts.names_in_use)), None
            if rule.xform.item_code is not None and isinstance(value, cst.List) and value.elements and \
                    all(isinstance(e, cst.Element) for e in value.elements):  # a list written out: element-wise
                return self._checked(value.with_changes(elements=[element.with_changes(
                    value=xform_code(rule.xform.item_code, element.value)) for element in value.elements])), None
            if rule.xform.code is not None:
                return self._checked(xform_code(rule.xform.code, value)), None
            shaped = self._xform_dict(rule, value)
            if shaped is not None:
                # `function_call={"name": Schema.openai_schema["name"]}`: the dict's shape is known, a value computed;
                # the mapping's own transform gives the new shape (held-out review 132, Y2: passed on as
                # tool_choice={"name": ...}, which mistralai rejects)
                return self._checked(shaped), None
            if rule.mistral_name(name) not in MISTRAL_CHAT_PARAMS:
                raise CannotConvert(f"{name}={code_of(value)}: {rule.note}") from None
            return value, f"{name}={code_of(value)} is an expression: {rule.note}; check its value"
        if result == literal(value):
            return value, None  # keep the original formatting
        if rule.xform.item_code is not None and isinstance(value, cst.List) and value.elements and \
                all(isinstance(e, cst.Element) for e in value.elements) and isinstance(result, list) and \
                result == [literal(cst.parse_expression(rule.xform.item_code.format(value=code_of(e.value))))
                           for e in value.elements]:
            # each element only wrapped (`functions=[{...}]` -> `tools=[{"type": "function", "function": {...}}]`): the
            # elements as written, their layout and comments (held-out review 135, Y6: one 220-character line, the
            # comment inside gone)
            return value.with_changes(elements=[element.with_changes(
                value=xform_code(rule.xform.item_code, element.value)) for element in value.elements]), None
        return self._checked(cst.parse_expression(render_literal(result, self._quote()))), None

    def _xform_dict(self, rule, value: cst.BaseExpression) -> Optional[cst.BaseExpression]:
        """A dict display with string keys and computed values, put through the rule's transform with each value held
        by a placeholder, then the values written back; None where that does not apply or the transform refuses."""
        if not isinstance(value, cst.Dict) or not value.elements or not all(
                isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) and
                isinstance(e.key.evaluated_value, str) for e in value.elements):
            return None
        held = {f"__migrator_value_{i}__": e.value for i, e in enumerate(value.elements)}
        given = {e.key.evaluated_value: slot for e, slot in zip(value.elements, held)}
        try:
            result = rule.xform.runtime(dict(given))
        except (Unmappable, DropValue, ValueError, TypeError):
            return None
        if result == given:
            return None  # (passed through: its computed values keep the "check its value" TODO)
        q = self._quote()
        text = render_literal(result, q)
        for slot, expression in held.items():
            if f"{q}{slot}{q}" not in text:
                return None  # (the transform dropped or changed a value: not for a computed one)
            text = text.replace(f"{q}{slot}{q}", code_of(expression))
        return cst.parse_expression(text)

    def _quote(self) -> str:
        """A quote character that may appear in generated code here (not the enclosing f-string's)."""
        return "'" if self._fstring_quotes and self._fstring_quotes[-1] == '"' else '"'

    def _checked(self, node: cst.BaseExpression) -> cst.BaseExpression:
        if self._fstring_quotes and self._fstring_quotes[-1] in code_of(node):
            raise CannotConvert("the call sits inside an f-string whose quotes the new code would need")
        return node

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._fstring_quotes.append(node.quote[0])

    def leave_FormattedString(self, original: cst.FormattedString,
                              updated: cst.FormattedString) -> cst.FormattedString:
        self._fstring_quotes.pop()
        return updated

    def _map_literals(self, node: cst.CSTNode):
        """Chat model names inside a converted call's arguments: what a later run would map."""
        if self.facts.openai_modules or self.facts.imported:
            return node.visit(_ModelLiterals(self.config.models()))
        return node

    # -- models ----------------------------------------------------------------------------------------
    def _model(self, value: cst.BaseExpression, effort: bool = False) -> tuple[cst.BaseExpression, Optional[str]]:
        value = self.own_model_literal(value) or value
        if isinstance(value, cst.SimpleString):
            name = value.evaluated_value
            if not isinstance(name, str):
                return value, None
            target = map_model(name, self.config.models())
            if target is None:
                return value, unknown_model_todo(name)
            # (not the user's --model)
            if effort and target.startswith(REASONING_MODEL_PREFIX) and target == map_model(name):
                # `model="o4-mini", reasoning_effort="low"`: Mistral Medium takes reasoning_effort and answers a str
                # content (api-mapping.md's other reasoning mapping); magistral answers chunks the code does not join
                # (held-out review 128, X2: the script printed a list of ThinkChunk / TextChunk)
                target = REASONING_EFFORT_MODEL
            note = REASONING_TODO.format(model=target) if target.startswith(REASONING_MODEL_PREFIX) else \
                SEARCH_MODEL_TODO.format(old=name, model=target) if searches_the_web(name) and target != name else None
            if target == name:
                return value, note
            return cst.SimpleString(f"{value.quote}{target}{value.quote}"), note
        if isinstance(value, cst.IfExp) and all(isinstance(b, cst.SimpleString) for b in (value.body, value.orelse)):
            # `"gpt-4o" if big else "gpt-4o-mini"`: each literal is mapped (held-out review 58, Y4's control)
            (body, first), (orelse, second) = self._model(value.body), self._model(value.orelse)
            notes = "; ".join(dict.fromkeys(n for n in (first, second) if n))
            return value.with_changes(body=body, orelse=orelse), notes or None
        if self.set_elsewhere(value):
            return value, None  # mapped where it is set (a constant, a default, a local, self.model, a settings field)
        # (quoted as it reads once its model literals are mapped: `os.getenv("MODEL", "gpt-4o")` was quoted above
        # its converted `os.getenv("MODEL", "mistral-large-latest")`, held-out review 20, R-B4)
        # (the value with them mapped too: a kwargs dict's `"model": os.getenv("OPENAI_MODEL", "gpt-4o-mini")` kept its
        # default while the TODO quoted it mapped; held-out review 111, X1)
        mapped = self._map_literals(value)
        held = self.object_default_todo("model", value)
        if held is not None:  # (an enum's value as the parameter's default: said per default)
            return mapped, held or None
        if not self.first_in_module(code_of(value)):
            return mapped, None
        return mapped, self._passed_through_todo(value, mapped) or self.run_time_model_todo("model", mapped)

    def _passed_through_todo(self, value: cst.BaseExpression, mapped: cst.BaseExpression) -> Optional[str]:
        """``model=Model("gpt-4o-mini").model``: a model name written as an argument of the app's own function or
        class, mapped in place, that reaches the call through code migrator does not follow: said so, quoting both
        names ("computed at run time" quoted the value it had just written: held-out review 161, Y3); else None."""
        inner, outer = value, mapped
        while isinstance(inner, (cst.Attribute, cst.Subscript)) and isinstance(outer, type(inner)):
            inner, outer = inner.value, outer.value
        if not (isinstance(inner, cst.Call) and isinstance(outer, cst.Call) and isinstance(inner.func, cst.Name)) or \
                env_getter(inner) or not self._tree_callable(inner.func.value):
            return None  # (os.getenv("MODEL", "gpt-4o"), config.get(...), kwargs.pop(...), a library's widget: their
            # own TODOs, or "computed at run time"; review of session 87)
        pairs = [(before.value.evaluated_value, after.value.evaluated_value) for before, after in
                 zip(inner.args, outer.args) if isinstance(before.value, cst.SimpleString) and
                 isinstance(after.value, cst.SimpleString) and before.value.evaluated_value !=
                 after.value.evaluated_value]
        if not pairs:
            return None
        callee = code_of(inner.func)
        said = ", ".join(f"{old!r} -> {new!r}" for old, new in pairs)
        return (f"model={code_of(mapped)}: the model name written in it is mapped ({said}), and it reaches this call "
                f"through {callee}(...), which migrator does not follow: check that {callee} hands it on as it is (a "
                "lookup keyed by the OpenAI name would miss)")

    def _same_target(self, line: int, value: str, target: str) -> None:
        """Two OpenAI models the module's code names apart (``llm(q, model="gpt-3.5-turbo")``, then ``model="gpt-4o-
        mini"``) that map to one Mistral model: said once per model (held-out review 101, Y6: a notebook comparing
        them ran one model against itself, under the OpenAI file names)."""
        seen = self.__dict__.setdefault("_slot_targets", {})
        first = seen.setdefault(target, value)
        if first != value and not seen.get((target, "said")):
            seen[(target, "said")] = True
            self.todo(line, f"{first!r} and {value!r} both become {target!r} in this module: where the code compares "
                            "them or picks one per task, give them distinct Mistral models (--model "
                            f"{value}=<another Mistral model>)")

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        """A string that is exactly an OpenAI chat model name (``MODEL = "gpt-4o"``, a default
        argument, ``os.getenv("OPENAI_MODEL", "gpt-4o-mini")``) is what some chat call will send."""
        if self._chat_depth or not self._model_slot:
            # Only where the plan found that the value reaches model= of converted calls and nothing
            # else (a constant, a default argument, a getenv default); inside a chat call only
            # model= is mapped (by _model, when the call is converted).
            return updated
        value = updated.evaluated_value
        if not isinstance(value, str):
            return updated
        target = slot_model_literal(value, self.config.models())
        line = self.current_line()
        if target is None and fine_tuned(value):  # a fine-tuned OpenAI model as a default
            self.todo(line, f"{unknown_model_todo(value)} ({FINE_TUNED_NOTE})")
        if target is None or target == value:
            return updated
        # (an embedding model's counts under the embeddings rule: held-out review 87, X9)
        self.converted(line, f"model name {value!r} -> {target!r}: only converted calls' model= reads it",
                       code="MIG107" if value.startswith(EMBEDDING_MODEL_PREFIX) else "")
        if not value.startswith(EMBEDDING_MODEL_PREFIX) and self._arg_slot and self._arg_slot[-1]:
            self._same_target(line, value, target)  # (models passed at call sites: a default is no comparison)
        if self._env_defaults and self._env_defaults[-1][2:] == ("config",):
            self.todo(line, f"model name from the configuration ({self._env_defaults[-1][1]}): its default is now "
                            f"{target!r}, but a "
                            "configured value may still name an OpenAI model: make sure it names a Mistral model")
        elif self._env_defaults:  # os.getenv("LLM", "gpt-4o-mini"): the default only
            variable = self._env_defaults[-1][1]
            self.todo(line, self.kept_env_todo(variable, "a Mistral model name", f"model name from the environment "
                                                                                 f"({variable}), its default now "
                                                                                 f"{target!r}")
                      or env_default_todo(variable, target,  # (held-out review 98, X6: "a Mistral model" of it)
                                          "embedding " if value.startswith(EMBEDDING_MODEL_PREFIX) else "",
                                          self.config.endpoint().spec.name if self.config.endpoint() else "Mistral"))
        if searches_the_web(value):  # (a model constant or default: held-out review 109, X6)
            self.todo(line, SEARCH_MODEL_TODO.format(old=value, model=target))
        if target.startswith(REASONING_MODEL_PREFIX):
            self.todo(line, REASONING_TODO.format(model=target) + (
                REASONING_INSTRUCTOR.format(old=value) if "instructor" in self.facts.names_in_use else ""))
        return cst.SimpleString(f"{updated.prefix}{updated.quote}{target}{updated.quote}")

    # -- model names set outside the call (the plan's model slots) ------------------------------------
    def _slots(self) -> frozenset:
        return self.facts.view.model_slots if self.facts.view is not None else frozenset()

    def _slot_target(self, node: "cst.Assign | cst.AnnAssign"):
        if isinstance(node, cst.AnnAssign):  # `DEFAULT_MODEL: Final[str] = "gpt-4o-mini"` (held-out review 36, K1)
            if node.value is None:
                return None
            target = node.target
        elif len(node.targets) != 1:
            return None
        else:
            target = node.targets[0].target
        if session_key(target) is not None:  # `st.session_state["openai_model"] = "gpt-3.5-turbo"` (review 88, X10)
            slot = ("session", session_key(target))
        elif isinstance(target, cst.Attribute) and dotted(target) == f"self.{target.attr.value}" and self.path:
            slot = ("attr", self.path[:-1], target.attr.value)
        elif isinstance(target, cst.Name):
            name = target.value
            if not self.path and ("table", name) in self._slots():
                return ("table", name)  # `MODELS = {"fast": "gpt-4o-mini"}` read as model=MODELS[tier] (110, X2)
            slot = ("const", name) if not self.path else ("local", self.path, name)
            field = self._field_slot(target)
            if field is not None:
                return field
            if self.path and ("fallback", self.path, name) in self._slots() and \
                    isinstance(node.value, (cst.BooleanOperation, cst.IfExp, cst.SimpleString)):
                # `model = model or "gpt-4o-mini"`: its strings (E3); `if not model: model = "gpt-4o-mini"` (held-out
                # review 151, X3)
                return ("fallback", self.path, name)
        else:
            return None
        return slot if slot in self._slots() else None

    def _set_model_variable(self, variable: str) -> bool:
        """Is ``variable`` one whose every read in this module is a converted call's model= (the plan's
        model_env_reads), so that a value the module sets it to is a model name to map (held-out review 118, Y4:
        `os.environ["OPENAI_MODEL"] = "gpt-4o-mini"` a notebook's first cell set kept OpenAI's model)?"""
        view = self.facts.view
        return view is not None and (view.path, variable) in getattr(view.plan, "model_env_reads", ())

    def _environ_set(self, node: cst.Assign) -> bool:
        """``os.environ["VAR"] = "<model>"`` of such a variable."""
        if len(node.targets) != 1 or not isinstance(node.value, cst.SimpleString):
            return False
        target = node.targets[0].target
        if not (isinstance(target, cst.Subscript) and (dotted(target.value) or "").rsplit(".", 1)[-1] == "environ"
                and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index)
                and isinstance(target.slice[0].slice.value, cst.SimpleString)):
            return False
        variable = target.slice[0].slice.value.evaluated_value
        return isinstance(variable, str) and self._set_model_variable(variable)

    def visit_Assign(self, node: cst.Assign) -> None:
        if self._slot_target(node) is not None or self._environ_set(node):
            self._model_slot += 1
        if not self.path and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and \
                isinstance(node.value, cst.Dict):
            name = node.targets[0].target.value
            keys = {slot[2] for slot in self._slots() if slot[0] == "dictkey" and slot[1] == name}
            if keys:
                self._dict_keys.append((node.value, keys))

    def visit_DictElement(self, node: cst.DictElement) -> None:
        # `DEFAULT_CONFIG = {"GPT_MODEL": "gpt-4", ...}` whose key a converted call's model= reads through a getter (the
        # plan's ("dictkey", DICT, KEY) slot: held-out review 117, X1): that element's value is a model slot
        inside = bool(self._dict_keys) and isinstance(node.key, cst.SimpleString) and \
            node.key.evaluated_value in self._dict_keys[-1][1] and \
            any(e is node for e in self._dict_keys[-1][0].elements)
        self._dict_slot.append(inside)
        if inside:
            self._model_slot += 1

    def leave_DictElement(self, original: cst.DictElement, updated: cst.DictElement) -> cst.DictElement:
        if self._dict_slot.pop():
            self._model_slot -= 1
        return updated

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        if self._dict_keys and self._dict_keys[-1][0] is original:
            self._dict_keys.pop()
        return updated

    def _field_slot(self, target: cst.BaseExpression):
        """The plan's ("field", class, name, env) slot for a class-level ``name: str = "gpt-4o-mini"``."""
        if not (isinstance(target, cst.Name) and self.path):
            return None
        for slot in self._slots():
            if slot[0] == "field" and slot[1] == self.path and slot[2] == target.value:
                return slot
        return None

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None and not isinstance(node.value, (cst.Call, cst.Await)) and any(
                (self.facts.qualify(name) or "").startswith(OPENAI_TYPES)
                for name in _names_in(node.annotation.annotation)):
            self.mark_site(node, ANNOT)  # (twin of codemods._facts' visit_AnnAssign)
        slot = self._slot_target(node)
        if slot is not None:
            self._model_slot += 1
            if slot[0] == "field" and slot[3]:
                self._env_defaults.append((node, f"{slot[3]}, a settings field"))

    def leave_AnnAssign(self, original: cst.AnnAssign, updated: cst.AnnAssign):
        if self._slot_target(original) is not None:
            self._model_slot -= 1
            if self._env_defaults and self._env_defaults[-1][0] is original:
                self._env_defaults.pop()
            self._same_models(original.value, updated.value)
            self._env_constant_default(original.value, original.target)
        if updated.value is not None:
            self._converted_value(original.value, updated.value)  # (`r: ChatCompletion = <call>`; `return r`)
            self._consumed_by_name(updated.value, updated.target)  # `stream: Stream[...] = <stream call>`
        value = original.value.expression if isinstance(original.value, cst.Await) else original.value
        if isinstance(value, cst.Call) and chat_method(value.func) is not None and updated.value is not None \
                and not updated.value.deep_equals(original.value) and self.config.endpoint() is None \
                and self._openai_annotation(original.annotation):  # (openai-compatible: still OpenAI's types)
            moved = updated.value.expression if isinstance(updated.value, cst.Await) else updated.value
            if not updated.annotation.deep_equals(original.annotation) and \
                    not self._openai_annotation(updated.annotation) and \
                    _func_name(moved) in ("complete", "complete_async"):
                # named Mistral's ChatCompletionResponse already (leave_Annotation: every call of the module
                # converts), which the unstreamed call returns: kept, and the import it added is used (held-out
                # review 112, X8: the annotation went and the import stayed unused, F401)
                return updated
            # `r: ChatCompletion = client.chat.completions.create(...)` converted: OpenAI's type no longer
            # describes it (held-out review 7, D6 / N2); the annotation goes, the type checker infers Mistral's
            self.converted(self._lines.get(id(value), 0), f"{code_of(original.annotation.annotation)} annotation "
                                                          "dropped: the converted call returns Mistral's type")
            # (a plain assignment now: Combined hands it to no later rule's leave_AnnAssign)
            return cst.Assign(targets=[cst.AssignTarget(target=updated.target)], value=updated.value,
                              semicolon=updated.semicolon)
        answer = self.answer_for(original)
        if answer and answer[0] == "annot" and answer[1] and updated.value is not None and \
                self.config.endpoint() is None and self._openai_annotation(original.annotation):
            # `msg: ChatCompletionMessage = response.choices[0].message` of a converted response (the plan's
            # "annot" site): Mistral's object is another type (held-out review 14, N-C2)
            self.converted(self._lines.get(id(original), 0),
                           f"{code_of(original.annotation.annotation)} annotation dropped: the converted call's "
                           "response holds Mistral's type")
            return cst.Assign(targets=[cst.AssignTarget(target=updated.target)], value=updated.value,
                              semicolon=updated.semicolon)
        return self.rewrite_annotated_step(updated)  # `kwargs: Dict[str, Any] = {...}` splatted into the call

    def _openai_annotation(self, annotation: cst.Annotation) -> bool:
        """Does the annotation name an OpenAI type (``ChatCompletion``, ``Stream[ChatCompletionChunk]``)?"""
        names = [n for n in _names_in(annotation.annotation)]
        return any((self.facts.qualify(name) or "").startswith("openai.") for name in names)

    def _loop_slot(self, original: cst.For, updated: cst.For) -> cst.For:
        """``for model in ["gpt-4o", "gpt-4o-mini"]:`` whose variable only feeds converted model= (the
        plan's ("loop", ...) slot): the names it iterates over are mapped."""
        if not (isinstance(original.target, cst.Name) and ("loop", self.path, original.target.value) in self._slots()):
            return updated
        self._model_slot += 1
        try:
            mapped = updated.iter.visit(_SlotStrings(self))
        finally:
            self._model_slot -= 1
        self._same_models(original.iter, mapped)
        return updated.with_changes(iter=mapped)

    def _env_constant_default(self, value: cst.BaseExpression, target: Optional[cst.BaseExpression] = None) -> None:
        """``model = os.getenv("EMBEDDING_MODEL", DEFAULT_MODEL)`` whose constant the plan maps (a slot):
        the default now names a Mistral model, a deployed value may not."""
        variable = env_getter(value, default=False) if isinstance(value, cst.Call) else ""
        if variable and variable != "an environment variable":
            # `GPT4O_MODEL = os.getenv("OPENAI_GPT4O_MODEL")`, a parameter's default sent as model= (the plan's slot:
            # held-out review 148, X6): the variable names the model wherever the app runs, said as at a call
            self.todo(self.current_line(), self.run_time_model_todo(code_of(target) if target is not None else "model",
                                                                    value))
            return
        if not (isinstance(value, cst.Call) and env_getter(value) and len(value.args) == 2
                and isinstance(value.args[1].value, cst.Name)
                and ("const", value.args[1].value.value) in self._slots()):
            return
        line = self.current_line()
        self.todo(line, f"model name from the environment ({env_getter(value)}): its default "
                        f"({value.args[1].value.value}) now names {self.target_model()}, but a deployed value may "
                        f"still name an OpenAI model: make sure it names {self.target_model()}")

    def _text_box_default(self, original: cst.BaseExpression, mapped: cst.BaseExpression) -> None:
        """``model = st.text_input("Chat model", value="gpt-4o")`` whose default the plan maps (held-out review 108,
        X3): the default now names a Mistral model, what users type is theirs."""
        if not (isinstance(original, cst.Call) and isinstance(original.func, cst.Attribute) and
                original.func.attr.value == "text_input") or mapped.deep_equals(original):
            return
        self.todo(self.current_line(), f"the model is typed into the widget ({code_of(original.func)}): its default "
                                       f"now names a Mistral model; what users type into the widget must name one too "
                                       "(change its label or help text if they name OpenAI's models)")

    def _same_models(self, original: cst.BaseExpression, mapped: cst.BaseExpression) -> None:
        """A list of models to go through (a comparison) in which two OpenAI models became one Mistral
        model: say so (gpt-4o-mini and gpt-3.5-turbo both become mistral-small-latest)."""
        if not isinstance(original, (cst.List, cst.Tuple)) or not isinstance(mapped, (cst.List, cst.Tuple)):
            return
        pairs: dict = {}
        for before, after in zip(original.elements, mapped.elements):
            if isinstance(before.value, cst.SimpleString) and isinstance(after.value, cst.SimpleString):
                pairs.setdefault(after.value.evaluated_value, []).append(before.value.evaluated_value)
        for target, names in pairs.items():
            if len(set(names)) > 1:
                line = self.current_line()
                self.todo(line, f"{', '.join(repr(n) for n in dict.fromkeys(names))} all become {target!r}: the "
                                "list now names one model several times; pick distinct Mistral models (--model)")

    def _callarg(self, node: cst.Call):
        """The argument of a call to a function whose parameter only feeds converted model= (plan); of a method's
        (``bot.ask(q, "gpt-4o")``: the plan's ``mcallarg`` slot, given where each ``.ask(...)`` of the tree is made on
        an instance of its class)."""
        if isinstance(node.func, cst.Attribute):
            callee, kinds = node.func.attr.value, ("mcallarg",)
        elif isinstance(node.func, cst.Name):
            callee, kinds = node.func.value, ("callarg", "pcallarg")
        else:
            return None
        for slot in self._slots():
            if slot[0] in kinds and slot[1] == callee and (slot[0] != "mcallarg" or (
                    self.current_line(), re.sub(r"\s+", "", code_of(node.func.value))) in slot[5]):
                index, param = slot[2], slot[3]
                positional = [a for a in node.args if a.keyword is None and not a.star]
                found = next((arg for arg in node.args if arg.keyword is not None and arg.keyword.value == param),
                             None)
                if found is None and 0 <= index < len(positional) and not any(a.star for a in node.args):
                    found = positional[index]
                # (a partly seen parameter, "pcallarg": only a string written right there is mapped)
                if found is not None and (slot[0] != "pcallarg" or isinstance(found.value, cst.SimpleString)):
                    return found
        return None

    def _tree_callable(self, name: str) -> bool:
        """Is ``name`` a function or class of this module, or imported from a module of the tree?"""
        import ast

        tree = getattr(self.facts, "tree", None)
        if not isinstance(tree, ast.Module):
            return False
        own = getattr(self.facts.view.plan, "own_packages", frozenset()) if self.facts.view is not None else frozenset()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
                return True
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] in own) and \
                    any((alias.asname or alias.name) == name for alias in node.names):
                return True
        return False

    def _forwarding_function(self, node: cst.Call) -> bool:
        """Is ``node`` a call of a function or method of this module (``self.process_data(...)``,
        ``w.process_data(...)`` of a method, ``run(...)``) in a module whose chat calls convert?"""
        view = self.facts.view
        if view is None or view.path not in view.plan.converting_paths:
            return False
        func = node.func
        if isinstance(func, cst.Name):
            return func.value in self._own_functions()
        return isinstance(func, cst.Attribute) and any(method for method, _ in self._own_functions().get(
            func.attr.value, ()))

    def _own_functions(self) -> dict:
        """name -> [(a method, {parameter: its position among the positional ones, self aside})] of the module's
        functions whose parameter is handed on to a callback (a parameter of the function called: ``primary(...,
        model=model)``), to another function or method of the module, or to a chat call: where a model written for it
        may reach a converted call the plan does not follow (not a price table's ``.get``, not tiktoken)."""
        found = self.__dict__.get("_own_function_params")
        if found is None:
            import ast

            from codemods._facts import dotted_name as _ast_dotted

            found = {}
            tree = getattr(self.facts, "tree", None)
            functions = [fn for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))] \
                if isinstance(tree, ast.Module) else []
            names = {fn.name for fn in functions}
            methods = {id(item) for cls in ast.walk(tree) if isinstance(cls, ast.ClassDef) for item in cls.body} \
                if isinstance(tree, ast.Module) else set()
            for fn in functions:
                positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
                method = id(fn) in methods
                if method and positional[:1] in (["self"], ["cls"]):
                    positional = positional[1:]
                params = {*positional, *(a.arg for a in fn.args.kwonlyargs)}
                handed = set()
                for call in ast.walk(fn):
                    if not isinstance(call, ast.Call):
                        continue
                    callee = call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(
                        call.func, ast.Attribute) else ""
                    if callee in params or callee in names or callee in ("create", "acreate", "parse") and \
                            "completions" in (_ast_dotted(call.func) or ""):
                        handed |= {n.id for n in (*call.args, *(k.value for k in call.keywords))
                                   if isinstance(n, ast.Name)}
                given = {name: positional.index(name) if name in positional else -1 for name in params & handed}
                if given:
                    found.setdefault(fn.name, []).append((method, given))
            self.__dict__["_own_function_params"] = found
        return found

    def _forwarded_literal(self, node: cst.Call) -> None:
        """``self.process_data("gpt", text, model="gpt-5-nano")``: an OpenAI chat model written for a parameter of the
        module's own function that hands it on (a callback: ``self._try(self.process_data_gpt, text, model)``), which
        the plan does not follow to a converted call and so leaves as it is: said at its line (held-out review 162, Y1:
        the worker sent gpt-5-nano to Mistral, its fallback hid the error). By keyword or by position."""
        callee = node.func.attr.value if isinstance(node.func, cst.Attribute) else node.func.value  # type: ignore
        attribute = isinstance(node.func, cst.Attribute)
        positional = [a for a in node.args if a.keyword is None and not a.star]
        for method, given in self._own_functions().get(callee, ()):
            if attribute and not method:
                continue
            for name in ("model", "model_name"):
                if name not in given:
                    continue
                index = given[name]
                arg = next((a for a in node.args if a.keyword is not None and a.keyword.value == name), None) or (
                    positional[index] if 0 <= index < len(positional) and not any(a.star for a in node.args)
                    else None)
                if arg is None or id(arg) in self._callargs or not isinstance(arg.value, cst.SimpleString) or \
                        not isinstance(arg.value.evaluated_value, str):
                    continue
                model = arg.value.evaluated_value
                target = map_model(model, self.config.models())
                if target is None or target == model or is_mistral_model(model):
                    continue
                written = f"{name}={model!r}" if arg.keyword is not None else repr(model)
                self.todo(self.current_line(),
                          f"{written} is an OpenAI model, handed to {callee}(), which hands it on where migrator does "
                          "not follow it (a callback, another function): where it reaches the converted calls, make it "
                          f"{target!r} (see `migrator rules` / --model)")
                return

    def visit_Arg(self, node: cst.Arg) -> None:
        self._arg_slot.append(id(node) in self._callargs)
        if self._arg_slot[-1]:
            self._model_slot += 1

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        if self._arg_slot.pop():
            self._model_slot -= 1
        return updated

    def visit_Param(self, node: cst.Param) -> None:
        slots = self.facts.view.model_slots if self.facts.view is not None else frozenset()
        self._param_slot.append(node.default is not None and (
            ("default", self.path, node.name.value) in slots or
            ("pdefault", self.path, node.name.value) in slots and isinstance(node.default, cst.SimpleString)))
        if self._param_slot[-1]:
            self._model_slot += 1

    def leave_Param(self, original: cst.Param, updated: cst.Param) -> cst.Param:
        if self._param_slot.pop():
            self._model_slot -= 1
            slots = self.facts.view.model_slots if self.facts.view is not None else frozenset()
            own = next((slot[3] for slot in slots if slot[0] == "owndefault" and slot[1] == self.path and
                        slot[2] == original.name.value), None)
            if isinstance(own, str) and isinstance(original.default, cst.Name) and '"' not in own:
                # `model: str = MODEL`, MODEL read otherwise too (a tokenizer): the default names the Mistral model
                # itself, MODEL left to its other readers (the plan's "owndefault"; held-out review 154, Y3)
                self.converted(self.current_line(), f"{original.name.value}={original.default.value} -> "
                                                     f"{original.name.value}=\"{own}\" (its own default: "
                                                     f"{original.default.value} is read otherwise too)", "exact")
                return updated.with_changes(default=cst.SimpleString(f'"{own}"'))
        return updated

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign):
        if self._slot_target(original) is None and self._environ_set(original):
            self._model_slot -= 1
        if self._slot_target(original) is not None:
            self._model_slot -= 1
            self._same_models(original.value, updated.value)
            self._env_constant_default(original.value, original.targets[0].target if len(original.targets) == 1
                                       else None)
            self._text_box_default(original.value, updated.value)
        if len(updated.targets) != 1:
            return updated
        target = updated.targets[0].target
        self._converted_value(original.value, updated.value)
        self._consumed_by_name(updated.value, target)
        return self.rewrite_build_step(updated)

    # -- **params dicts ------------------------------------------------------------------------------
    def _splat(self, node: cst.BaseExpression):
        if not isinstance(node, cst.Name):
            return None
        return self.facts.splats.get(self.path, {}).get(node.value)

    def _rewrite_item(self, owner: str, key: str, value: cst.BaseExpression):
        """(new key, new value) for one key of a splatted dict, or None to drop it."""
        rule = CHAT_PARAMS[key]
        if self.config.target == "openai-compatible" and key != "model":
            return key, value  # the plan moved the call only if every key passes unchanged
        if key == "stream" or rule.policy is Policy.DROP:
            return None  # stream picks the method; DROP needs no word
        if rule.policy is Policy.DROP_TODO:
            if not _empty_literal(value):
                self._splat_todos.setdefault(owner, []).append(f'{owner}["{key}"] dropped: {rule.note}')
            return None
        if key == "model":
            value, todo = self._model(value)
            if todo:
                self._splat_todos.setdefault(owner, []).append(todo)
        elif rule.xform is not None:
            try:
                new_value, todo = self._xform(key, rule, value)
            except CannotConvert as exc:  # the dict is already committed to: keep the value, flag it
                new_value, todo = value, f'{owner}["{key}"]: {exc}; fix by hand'
            if todo:
                self._splat_todos.setdefault(owner, []).append(todo)
            if new_value is None:
                return None
            value = new_value
        return rule.mistral_name(key), value

    # -- streams -----------------------------------------------------------------------------------------
    # A converted stream yields events whose ``.data`` is the chunk. Consumers in reach (``for x in s``
    # in the same scope, directly or via ``s = ...`` / ``with ... as s``) are rewritten; any other use
    # of a converted stream gets a TODO when its statement is done.

    def _stream_call(self, node: cst.BaseExpression) -> Optional[int]:
        if isinstance(node, cst.Await):
            node = node.expression
        return id(node) if id(node) in self._unhandled_streams else None

    def _consumed_by_name(self, value: cst.BaseExpression, name: cst.BaseExpression) -> None:
        key = self._stream_call(value)
        if key is None or not isinstance(name, cst.Name):
            return
        if self.facts.streams.get(self.path, {}).get(name.value, False):
            self._stream_lines[name.value] = self._unhandled_streams.pop(key)[0]
            self._stream_names.setdefault(self.path, set()).add(name.value)

    def _is_stream_name(self, name: str) -> bool:
        """``name`` holds a converted stream here: bound in this scope, or in the function holding this one, which it
        iterates as a closure (``def gen(): for chunk in stream:``; held-out review 123, X2)."""
        if name in self._stream_names.get(self.path, ()):
            return True
        holder = self.facts.stream_closures.get(self.path, {}).get(name)
        return holder is not None and name in self._stream_names.get(holder, ())

    def leave_WithItem(self, original: cst.WithItem, updated: cst.WithItem) -> cst.WithItem:
        if updated.asname is not None:
            self._consumed_by_name(updated.item, updated.asname.name)
        return updated

    def leave_For(self, original: cst.For, updated: cst.For) -> cst.For:
        """``for chunk in stream:`` over a Mistral stream: iterate events and bind ``chunk = event.data``."""
        counted = _enumerated(updated)
        if counted is not None and self._is_stream_name(counted.value):
            # `for i, chunk in enumerate(stream)`: `for i, event in enumerate(stream): chunk = event.data` (G6)
            index, chunk = updated.target.elements  # type: ignore[attr-defined]
            event, body = self._event_loop_body(updated, chunk.value.value, self.current_line())
            return updated.with_changes(target=updated.target.with_changes(elements=[
                index, chunk.with_changes(value=cst.Name(event))]), body=body)
        if not isinstance(updated.target, cst.Name):
            return updated
        updated = self._loop_slot(original, updated)
        iterable = _iterated(updated.iter)
        if iterable is not updated.iter and isinstance(iterable, cst.Name) and \
                self._is_stream_name(iterable.value):
            updated = updated.with_changes(iter=iterable)  # `for chunk in iter(stream)`: over the events (E4)
        key = self._stream_call(iterable)
        if key is not None:
            self._stream_lines[key] = self._unhandled_streams.pop(key)[0]
        elif not (isinstance(iterable, cst.Name) and self._is_stream_name(iterable.value)):
            return updated
        line = self._stream_lines.get(key if key is not None else getattr(iterable, "value", ""), 0)
        line = self.current_line() or line  # the loop's, where the TODO goes
        event, body = self._event_loop_body(updated, updated.target.value, line)
        return updated.with_changes(target=cst.Name(event), body=body)

    def _event_loop_body(self, loop: cst.For, chunk: str, line: int) -> tuple[str, cst.BaseSuite]:
        """(the event name, the loop's body starting with ``chunk = event.data``), with the loop's TODOs."""
        if _waits_for_usage_chunk(loop.body, chunk):
            self.todo(line, USAGE_CHUNK_TODO)
        if _reads_tool_calls(loop.body):
            self.todo(line, DELTA_TOOL_CALLS_TODO)
        event = self._event_name(chunk)
        bind = cst.parse_statement(f"{chunk} = {event}.data\n")
        body = loop.body
        if isinstance(body, cst.IndentedBlock):
            body = body.with_changes(body=[bind, *body.body])
        else:  # `for x in s: stmt` on one line
            body = cst.IndentedBlock(body=[bind, cst.SimpleStatementLine(body=list(body.body))])
        self.changed = True
        return event, body

    def _event_name(self, target: str) -> str:
        """The loop variable for Mistral's stream events (the chunk is ``<event>.data``): ``event``, else
        ``stream_event``, else ``<target>_event`` (a loop already named ``event`` got ``event_event``)."""
        used = self.facts.names_in_use
        for name in ("event", "stream_event", f"{target}_event"):
            if name not in used:
                return name
        n = 2
        while f"stream_event{n}" in used:
            n += 1
        return f"stream_event{n}"

    def _write_stream(self, updated: cst.Call) -> cst.Call:
        """``st.write_stream(stream)``: streamlit writes the text of OpenAI chunks itself
        (``choices[0].delta.content``) but would write Mistral's events as objects: hand it the text."""
        writers, func = self.facts.stream_writers, updated.func
        if writers is None or len(updated.args) != 1 or updated.args[0].keyword is not None or \
                updated.args[0].star or not writers.spelled(
                    attribute=func.attr.value if isinstance(func, cst.Attribute) else "",
                    name=func.value if isinstance(func, cst.Name) else ""):
            return updated
        stream = updated.args[0].value
        key = self._stream_call(stream)
        if key is not None:
            del self._unhandled_streams[key]
        elif not (isinstance(stream, cst.Name) and self._is_stream_name(stream.value)):
            return updated
        event = "event" if "event" not in self.facts.names_in_use else "stream_event"
        text = cst.parse_expression(f'({event}.data.choices[0].delta.content or "" for {event} in _ '
                                    f'if {event}.data.choices)')
        assert isinstance(text, cst.GeneratorExp)
        text = text.with_changes(for_in=text.for_in.with_changes(iter=stream), lpar=[], rpar=[])
        self.changed = True
        return updated.with_changes(args=[updated.args[0].with_changes(value=text)])

    def leave_CompFor(self, original: cst.CompFor, updated: cst.CompFor) -> cst.CompFor:
        """``(c.choices[0].delta.content for c in stream)``: iterate the events' ``.data`` instead."""
        if not isinstance(updated.target, cst.Name):
            return updated
        iterable = _iterated(updated.iter)
        if iterable is not updated.iter and isinstance(iterable, cst.Name) and \
                self._is_stream_name(iterable.value):
            updated = updated.with_changes(iter=iterable)  # `for c in iter(stream)` (E4)
        key = self._stream_call(updated.iter)
        if key is not None:
            del self._unhandled_streams[key]
        elif not (isinstance(updated.iter, cst.Name) and self._is_stream_name(updated.iter.value)):
            return updated
        event = self._event_name(updated.target.value)
        inner = "async for" if updated.asynchronous is not None else "for"
        events = cst.parse_expression(f"({event}.data {inner} {event} in _)")
        assert isinstance(events, cst.GeneratorExp)
        events = events.with_changes(for_in=events.for_in.with_changes(iter=updated.iter))
        self.changed = True
        return updated.with_changes(iter=events)

    def statement_done(self) -> None:
        found = self.facts.table_statements.get(self.statement_stack[-1]) if self.statement_stack else None
        if found is not None:  # a table or check of the model names converted calls used to send
            self.todo(*found)
        depth = len(self._todos)
        for key, (line, created_at) in list(self._unhandled_streams.items()):
            if created_at >= depth:
                self.todo(line, "this now returns a Mistral event stream: each item is an event whose "
                                ".data is the chunk (event.data.choices[0].delta.content); update the consumer")
                del self._unhandled_streams[key]


def _compat_changes(spec, call: cst.Call) -> str:
    """The keywords of ``call`` that --target openai-compatible would change for ``spec``, as text."""
    from migrator.mapping import providers as p

    changed = []
    for arg in call.args:
        if arg.keyword is not None:
            action, detail = p.compat_chat_field(spec, arg.keyword.value)
            if action != p.KEEP:
                changed.append(f"{arg.keyword.value}: {detail}" if detail else arg.keyword.value)
    return "; ".join(changed)


def _documented_defaults(original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
    """``updated`` with its docstring naming the model defaults its parameters now have: ``def __init__(self,
    model='mistral-small-latest')`` whose docstring still said the default was gpt-4o-mini (held-out review 45, A12).
    Only the exact old name, and only in the function's own docstring."""
    changed = {}
    for before, after in zip(original.params.params, updated.params.params):
        if isinstance(before.default, cst.SimpleString) and isinstance(after.default, cst.SimpleString) and \
                before.default.evaluated_value != after.default.evaluated_value and \
                isinstance(before.default.evaluated_value, str) and isinstance(after.default.evaluated_value, str):
            changed[before.default.evaluated_value] = after.default.evaluated_value
    body = updated.body.body if isinstance(updated.body, cst.IndentedBlock) else ()
    first = body[0] if body else None
    if not changed or not (isinstance(first, cst.SimpleStatementLine) and len(first.body) == 1 and
                           isinstance(first.body[0], cst.Expr) and isinstance(first.body[0].value, cst.SimpleString)):
        return updated
    doc = first.body[0].value
    text = _renamed_defaults(doc.value, changed)
    if text == doc.value:
        return updated
    line = first.with_changes(body=[first.body[0].with_changes(value=doc.with_changes(value=text))])
    return updated.with_changes(body=updated.body.with_changes(body=[line, *body[1:]]))


def _renamed_defaults(text: str, changed: dict) -> str:
    """``text`` (a docstring's or a help string's source) with each old default model of ``changed`` named by its
    new one, where it is the exact old name."""
    for old, new in changed.items():
        pattern = re.compile(rf"(?<![\w.-]){re.escape(old)}(?![\w-])(?!\.\w)")  # ("... gpt-4o-mini.")
        # a line stating the old model's facts (`- text-embedding-3-small: 1536 dims`, `128k context, $0.15/1M`) is
        # about that model, not the default: left as it is (held-out review 61, X22: "mistral-embed: 1536 dims")
        text = "".join(line if re.search(r"[\d$€]", pattern.sub("", line)) else pattern.sub(new, line)
                       for line in text.splitlines(keepends=True))
    return text


def _documented_option(original: cst.Call, updated: cst.Call) -> cst.Call:
    """``parser.add_argument("--model", default=<mapped>, help="... (default: gpt-4o)")`` with its help string naming
    the new default, as a function's docstring does (``_documented_defaults``; held-out review 77: ``--help`` said
    the old model). Only a plain string literal, and only the exact old name."""
    def default(call: cst.Call):
        value = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "default"), None)
        return value.evaluated_value if isinstance(value, cst.SimpleString) else None

    before, after = default(original), default(updated)
    if not (isinstance(before, str) and isinstance(after, str)) or before == after:
        return updated
    args = []
    for arg in updated.args:
        if arg.keyword is not None and arg.keyword.value == "help" and isinstance(arg.value, cst.SimpleString):
            text = _renamed_defaults(arg.value.value, {before: after})
            if text != arg.value.value:
                arg = arg.with_changes(value=arg.value.with_changes(value=text))
        args.append(arg)
    return updated.with_changes(args=args)


def _iterated(node: cst.BaseExpression) -> cst.BaseExpression:
    """``x`` of ``iter(x)`` (codemods._facts.iter_of's twin), else ``node``."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "iter" and \
            len(node.args) == 1 and node.args[0].keyword is None and not node.args[0].star:
        return node.args[0].value
    return node


def _enumerated(loop: cst.For) -> Optional[cst.Name]:
    """The stream name of ``for i, chunk in enumerate(stream[, start])`` (codemods._facts.enumerated's twin)."""
    call, target = loop.iter, loop.target
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "enumerate" and \
            1 <= len(call.args) <= 2 and not any(a.star for a in call.args) and \
            all(a.keyword is None or a.keyword.value == "start" for a in call.args) and \
            call.args[0].keyword is None and isinstance(call.args[0].value, cst.Name) and \
            isinstance(target, cst.Tuple) and len(target.elements) == 2 and \
            all(isinstance(e.value, cst.Name) for e in target.elements):
        return call.args[0].value
    return None


def _content_read(name: str):
    """The matcher of ``name.choices[<n>].message.content``."""
    import libcst.matchers as m

    choices = m.Subscript(value=m.Attribute(value=m.Name(name), attr=m.Name("choices")),
                          slice=[m.SubscriptElement(slice=m.Index(m.Integer()))])
    return m.Attribute(value=m.Attribute(value=choices, attr=m.Name("message")), attr=m.Name("content"))


class _ContentReads(cst.CSTTransformer):
    """``name.choices[0].message.content`` -> ``_message_text(name.choices[0].message.content)`` for ``names``, outside
    nested functions and classes."""

    def __init__(self, names: set) -> None:
        super().__init__()
        self.names = names
        self.depth = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.depth += 1
        return self.depth == 1  # (the function itself, when it is the scope: not a nested one)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self.depth -= 1
        return updated

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def leave_Attribute(self, original: cst.Attribute, updated: cst.BaseExpression) -> cst.BaseExpression:
        import libcst.matchers as m

        if any(m.matches(original, _content_read(name)) for name in self.names):
            return cst.Call(func=cst.Name(MESSAGE_TEXT_HELPER), args=[cst.Arg(value=updated)])
        return updated


class _Renamed(cst.CSTTransformer):
    """Names of ``names`` (local name -> new name) renamed, outside attributes' right-hand sides."""

    def __init__(self, names: dict) -> None:
        super().__init__()
        self.names = names

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # (not `.attr`)
        return False

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.names[updated.value]) if updated.value in self.names else updated

