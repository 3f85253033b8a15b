"""Fuzzing the rule pipeline with whole generated modules that call ``chat.completions.create``.

The strategy below builds modules the way the census (shared/census.md) says real code looks:
every import style, clients built at module level, in functions, in ``__init__`` (``self.x``), in
``with`` blocks, passed in as annotated parameters, or unknown receivers (plain parameters,
factories); chat calls with random subsets of ``CHAT_PARAMS`` keywords, splats, positional
arguments, streams and their consumers, awaited or not, nested in other expressions, and odd but
valid formatting. For each module, ``check_module`` asserts the properties that must hold whatever
the input:

* ``transform_source`` does not raise, and its output parses;
* a second run changes nothing (idempotent);
* every ``chat.completions.create`` call left in the output is on a non-OpenAI receiver (a Mistral
  client) or has a ``# TODO(migrator MIG...)`` about the call directly above its statement;
* every converted call (``chat.complete`` / ``chat.stream`` / ``*_async``) passes only keywords that
  Mistral's method accepts, none of the OpenAI-only ones, and no unmapped OpenAI model literal;
* every TODO comment in the output is reported as a TODO finding, and vice versa; every finding
  has a line in the input.

``MIGRATOR_FUZZ_EXAMPLES`` sets the number of examples (default 2,000; ``benchmarks/fuzz_long.py``
runs many more). Bugs found are kept as reproducers in ``tests/test_fuzz_regressions.py``; while a
bug is open its shape is excluded here, with a comment naming its strict xfail there.
"""

from __future__ import annotations

import ast
import inspect
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemods.chat_completions import ChatCompletions
from migrator.config import Config
from migrator.engine.results import FindingKind
from migrator.engine.transform import transform_source
from migrator.mapping import CHAT_PARAMS, Policy, map_model

CONFIG = Config()
EXAMPLES = int(os.environ.get("MIGRATOR_FUZZ_EXAMPLES", "2000"))


def _mistral_chat_keywords() -> frozenset[str]:
    """Keywords mistralai's ``chat.complete`` accepts (sync, async and stream share them)."""
    from mistralai.client import Mistral

    chat = Mistral(api_key="fuzz").chat
    names = set()
    for method in (chat.complete, chat.stream, chat.complete_async, chat.stream_async):
        names |= set(inspect.signature(method).parameters)
    return frozenset(names - {"stream"})  # the method, not a keyword, selects streaming


MISTRAL_CHAT_KEYWORDS = _mistral_chat_keywords()
# OpenAI keywords that must not survive conversion: dropped or failing ones, renamed ones, stream.
OPENAI_ONLY_KEYWORDS = frozenset(
    name for name, rule in CHAT_PARAMS.items()
    if rule.policy in (Policy.DROP, Policy.DROP_TODO, Policy.FAIL) or rule.mistral_name(name) != name
) | {"seed", "stream", "stream_options"}
CONVERTED_METHODS = frozenset({"complete", "stream", "complete_async", "stream_async"})
TODO_LINE = re.compile(r"^\s*# TODO\(migrator (MIG\d+)\): (.*?)\s*$")
# A TODO of the chat rule about a call it left as it is ("... left unchanged", "convert this call by
# hand"), as opposed to one about a part of a converted call ("user dropped: ...").
CALL_TODO = re.compile(rf"# TODO\(migrator {ChatCompletions.CODE}\): .*(\bcall\b|left unchanged)")


# ================================================================================================
# Generation: small, always-valid modules
# ================================================================================================

# import lines, sync client class, async client class (None: only the sync class is imported)
IMPORT_STYLES = (
    (("from openai import OpenAI, AsyncOpenAI",), "OpenAI", "AsyncOpenAI"),
    (("from openai import OpenAI",), "OpenAI", None),
    (("import openai",), "openai.OpenAI", "openai.AsyncOpenAI"),
    (("import openai as oai",), "oai.OpenAI", "oai.AsyncOpenAI"),
    (("from openai import OpenAI as LLM", "from openai import AsyncOpenAI as AsyncLLM"), "LLM", "AsyncLLM"),
)

MODELS = (
    # OpenAI names (mapped), Mistral names (kept), unknown names (TODO), run-time values (TODO)
    '"gpt-4o"', '"gpt-4o-mini"', '"gpt-3.5-turbo"', '"gpt-4-turbo-preview"', '"o3-mini"', '"gpt-5"',
    '"mistral-small-latest"', '"mistral-large-latest"',
    '"llama2"', '"my-finetune"', '"deployment-name"',
    "MODEL", "model", "cfg.model", 'os.environ["OPENAI_MODEL"]', 'os.getenv("OPENAI_MODEL", "gpt-4o-mini")',
)

# Plausible values per keyword; keywords without an entry (added to CHAT_PARAMS later) take GENERIC.
# Double quotes only: a call may sit inside a single-quoted f-string.
VALUES = {
    "model": MODELS,
    "messages": ("msgs", '[{"role": "user", "content": q}]', "[]", "history + [user_message]",
                 '[{"role": "system", "content": "Be brief."}, *history]'),
    "temperature": ("0", "0.2", "temperature"),
    "top_p": ("0.9", "top_p"),
    "max_tokens": ("256", "limit"),
    "max_completion_tokens": ("512", "limit"),
    "n": ("1", "2"),
    "stop": ('["END"]', '"END"', "stops"),
    "seed": ("7", "seed"),
    "presence_penalty": ("0.5",),
    "frequency_penalty": ("0.1", "-0.5"),
    "logprobs": ("True",),
    "top_logprobs": ("3",),
    "logit_bias": ('{"50256": -100}', "bias"),
    "response_format": ('{"type": "json_object"}', "Answer",
                        '{"type": "json_schema", "json_schema": {"name": "a", "schema": {}}}'),
    "tools": ("tools", "[]", '[{"type": "function", "function": {"name": "f", "parameters": {}}}]',
              '[{"type": "web_search"}]'),
    "tool_choice": ('"auto"', '"required"', '"none"', "choice",
                    '{"type": "function", "function": {"name": "f"}}',
                    '{"type": "allowed_tools", "allowed_tools": {"mode": "auto", "tools": []}}'),
    "parallel_tool_calls": ("False",),
    "functions": ('[{"name": "f", "parameters": {}}]', "functions"),
    "function_call": ('"auto"', '"none"', '{"name": "f"}', "call_mode"),
    "prediction": ('{"type": "content", "content": "x"}', "prediction",
                   '{"type": "content", "content": [{"type": "text", "text": "x"}]}'),
    "reasoning_effort": ('"low"', "effort"),
    "metadata": ('{"k": "v"}',),
    "prompt_cache_key": ('"key"',),
    "prompt_cache_options": ("{}",),
    "prompt_cache_retention": ('"24h"',),
    "service_tier": ('"auto"', '"default"', '"flex"', "tier"),
    "stream_options": ('{"include_usage": True}', "stream_options"),
    "store": ("True",),
    "user": ('"u1"', "user_id"),
    "safety_identifier": ('"s1"',),
    "modalities": ('["text"]', '["text", "audio"]', "modalities"),
    "audio": ('{"voice": "alloy", "format": "wav"}',),
    "verbosity": ('"low"',),
    "web_search_options": ("{}",),
    "moderation": ("True",),
    "extra_headers": ('{"X-Id": "1"}', "headers"),
    "extra_query": ('{"a": "b"}',),
    "extra_body": ('{"top_k": 5}',),
    "timeout": ("30", "2.5", "timeout", "httpx.Timeout(10)"),
}
GENERIC = ("None", "value", "cfg.value", "1", '"x"', '{"k": [1, 2]}')
# Keywords drawn at random; model/messages/stream are placed on purpose.
OTHER_PARAMS = tuple(sorted(name for name in CHAT_PARAMS if name not in ("model", "messages", "stream")))
PLAIN_PARAMS = tuple(name for name in OTHER_PARAMS if CHAT_PARAMS[name].policy is not Policy.FAIL)
CTOR_ARGS = ('api_key=os.environ["OPENAI_API_KEY"]', 'api_key=key', 'base_url="https://llm.example.com/v1"',
             "timeout=30", "max_retries=2", 'organization="org-1"', 'default_headers={"X": "1"}',
             "**client_options")
COMMENTS = ("# ask the model", "# TODO: cache this", "# noqa: E501", "# type: ignore", "#")


def value_for(name: str) -> st.SearchStrategy[str]:
    if name not in VALUES:
        return st.sampled_from(GENERIC)
    return st.sampled_from(VALUES[name] + GENERIC[:2])


@st.composite
def chat_call(draw, receiver: str, *, one_line: bool, depth: int = 0) -> str:
    """``receiver.chat.completions.create(...)`` source; on one line when ``one_line``."""
    head = draw(st.sampled_from(((), ("model", "messages"), ("model", "messages"), ("messages", "model"),
                                 ("model",))))
    # Half the calls avoid what always leaves a call unchanged, so that conversions get exercised too.
    plain = draw(st.booleans())
    extra = draw(st.lists(st.sampled_from(PLAIN_PARAMS if plain else OTHER_PARAMS), unique=True, max_size=4))
    args = []
    for name in (*head, *extra):
        value = draw(value_for(name))
        if name == "messages" and depth == 0 and draw(st.integers(0, 15)) == 0:
            inner = draw(chat_call(receiver, one_line=True, depth=1))
            value = f'[{{"role": "user", "content": {inner}.choices[0].message.content}}]'
        spacing = " = " if draw(st.integers(0, 9)) == 0 else "="
        args.append(f"{name}{spacing}{value}")
    streams = (None, None, "True", "True", "False") + (() if plain else ("flag", "not quiet"))
    stream_value = draw(st.sampled_from(streams))
    if stream_value is not None:
        args.insert(draw(st.integers(0, len(args))), f"stream={stream_value}")
    if not plain and draw(st.integers(0, 3)) == 0:
        args.insert(draw(st.integers(0, len(args))), "**params")  # ordering kept valid below
    if not plain and draw(st.integers(0, 5)) == 0:
        args.insert(0, "msgs")  # positional
    if not plain and draw(st.integers(0, 5)) == 0:
        args.append(draw(st.sampled_from(("response_model=User", 'api_key="sk-1"', "max_retries=2"))))
    splats = [a for a in args if a.startswith("**")]
    if splats and args.index(splats[0]) < len(args) - 1 and draw(st.booleans()):
        args.remove(splats[0])
        args.append(splats[0])
    # Python wants positional arguments first; keywords may follow a ** splat.
    positional = [a for a in args if "=" not in a and not a.startswith("**")]
    args = positional + [a for a in args if a not in positional]

    func = f"{receiver}.chat.completions.create"
    style = "inline" if one_line or not args else draw(st.sampled_from(("inline", "inline", "multi", "hanging")))
    trailing = "," if args and draw(st.integers(0, 3)) == 0 else ""
    if style == "inline":
        call = f"{func}({', '.join(args)}{trailing})"
    elif style == "multi":
        lines = []
        for i, arg in enumerate(args):
            comma = "," if i < len(args) - 1 or trailing else ""
            note = f"  {draw(st.sampled_from(COMMENTS))}" if draw(st.integers(0, 4)) == 0 else ""
            lines.append(f"    {arg}{comma}{note}")
        call = f"{func}(\n" + "\n".join(lines) + "\n)"
    else:  # hanging: first argument on the call's line, the rest aligned under it
        pad = " " * (len(func) + 1)
        call = f"{func}({args[0]}" + "".join(f",\n{pad}{a}" for a in args[1:]) + f"{trailing})"
    if not one_line and draw(st.integers(0, 9)) == 0:  # the chain itself split over lines
        call = f"({receiver}\n    .chat.completions\n    .create{call[len(func):]})"
    return call


@st.composite
def call_statement(draw, receiver: str, *, in_function: bool, in_async: bool, awaitable: bool,
                   may_yield: bool) -> list[str]:
    """One statement (possibly compound) that makes a chat call on ``receiver``; lines unindented."""
    forms = ["assign", "content", "print", "dumps", "fstring", "lambda", "listcomp", "semicolon",
             "one_line_if", "parenthesized", "ternary", "keyword", "try", "loop", "elif", "walrus",
             "bare", "commented", "for_stream", "assign_for_stream", "with_stream", "join_stream",
             "pass_stream"]
    if in_function:
        forms += ["return", "return", "return_stream"]
    if may_yield:
        forms += ["yield"]
    form = draw(st.sampled_from(forms))
    call = draw(chat_call(receiver, one_line=form == "fstring"))
    awaited = awaitable and form != "lambda" and draw(st.integers(0, 4)) > 0
    a = f"await {call}" if awaited else call
    pa = f"({a})" if awaited else a  # for attribute access on the result
    for_ = "async for" if awaited else "for"
    with_ = "async with" if awaited else "with"
    body = 'print(chunk.choices[0].delta.content or "", end="")'
    if form == "assign":
        return [f"response = {a}"]
    if form == "content":
        return [f"text = {pa}.choices[0].message.content"]
    if form == "print":
        return [f"print({a})"]
    if form == "dumps":
        return [f'payload = json.dumps({{"result": {pa}.model_dump()}})']
    if form == "fstring":
        return [f"line = f'answer: {{{pa}.choices[0].message.content}}'"]
    if form == "lambda":
        return [f"ask = lambda q: {call}"]
    if form == "listcomp":
        if awaited and not in_async:
            return [f"answers = [{call} for q in questions]"]
        return [f"answers = [{a} for q in questions]"]
    if form == "semicolon":
        return [f"started = True; response = {a}"]
    if form == "one_line_if":
        return [f"if q: response = {a}"]
    if form == "parenthesized":
        return ["response = (", f"    {a}", ")"]
    if form == "ternary":
        return [f"response = {a} if q else None"]
    if form == "keyword":
        return [f"handle(result={a}, retry=False)"]
    if form == "try":
        return ["try:", f"    response = {a}", "except Exception as exc:", "    response = None"]
    if form == "loop":
        return ["for q in questions:", f"    answers.append({a})"]
    if form == "elif":
        return ["if q is None:", "    pass", f"elif {pa}.choices:", "    pass"]
    if form == "walrus":
        return [f"if (response := {a}) is not None:", "    print(response)"]
    if form == "bare":
        return [a]
    if form == "commented":
        return [draw(st.sampled_from(COMMENTS)), f"response = {a}  # the call"]
    if form == "for_stream":
        return [f"{for_} chunk in {a}:", f"    {body}"]
    if form == "assign_for_stream":
        one_line = draw(st.booleans())
        return [f"stream = {a}", f"{for_} chunk in stream: {body}" if one_line else f"{for_} chunk in stream:",
                *([] if one_line else [f"    {body}"])]
    if form == "with_stream":
        return [f"{with_} {a} as stream:", f"    {for_} chunk in stream:", f"        {body}"]
    if form == "join_stream":
        if awaited:
            return [f'text = "".join([c.choices[0].delta.content or "" async for c in {a}])']
        return [f'text = "".join(c.choices[0].delta.content or "" for c in {a})']
    if form == "pass_stream":
        return [f"stream = {a}", "consume(stream)"]
    if form == "return_stream":
        return [f"return {a}"]
    if form == "yield":
        return [f"yield {a}"]
    assert form == "return", form
    return [f"return {a}"]


def indent(lines: list[str], prefix: str) -> list[str]:
    return [prefix + line if line else line for line in lines]


@st.composite
def function(draw, name: str, params: str, receiver: str, *, is_async: bool, awaitable: bool,
             ind: str, setup: tuple[str, ...] = ()) -> list[str]:
    """``def name(params):`` with a few chat-call statements (``async def`` when ``is_async``)."""
    may_yield = not is_async and draw(st.integers(0, 5)) == 0
    statements = [*setup]
    for _ in range(draw(st.integers(1, 2))):
        statements += draw(call_statement(receiver, in_function=True, in_async=is_async, awaitable=awaitable,
                                          may_yield=may_yield))
    decorators = draw(st.sampled_from(((), (), ("@retry(tries=3)",), ("@functools.cache",),
                                       ("@app.route(\"/ask\")", "@login_required"))))
    header = f"{'async def' if is_async else 'def'} {name}({params}):"
    return [*decorators, header, *indent(statements, ind)]


@st.composite
def unit(draw, style, ind: str, index: int) -> tuple[list[str], bool]:
    """A piece of module: a client and code that calls it. Returns (lines, needs Mistral import)."""
    _, sync_class, async_class = style
    use_async = async_class is not None and draw(st.booleans())
    cls = async_class if use_async else sync_class
    ctor_args = draw(st.sampled_from(((),) * 6 + tuple((a,) for a in CTOR_ARGS)))
    ctor = f"{cls}({', '.join(ctor_args)})"
    fname = f"ask_{index}"
    kind = draw(st.sampled_from(("module_client", "local_client", "self_attr", "with_client",
                                 "annotated", "unknown_param", "factory", "mistral", "script")))
    in_async = use_async or draw(st.integers(0, 4)) == 0

    if kind == "module_client":
        client = f"client_{index}"
        return [f"{client} = {ctor}", "", *draw(function(fname, "q, msgs", client, is_async=in_async,
                                                         awaitable=in_async and use_async, ind=ind))], False
    if kind == "local_client":
        client = "client"
        return draw(function(fname, "q, msgs", client, is_async=in_async, awaitable=in_async and use_async,
                             ind=ind, setup=(f"client = {ctor}",))), False
    if kind == "self_attr":
        attr = draw(st.sampled_from(("client", "llm", "_openai")))
        method = draw(function("ask", "self, q, msgs", f"self.{attr}", is_async=in_async,
                               awaitable=in_async and use_async, ind=ind))
        lines = [f"class Bot{index}:", f'{ind}"""A bot."""', "",
                 f"{ind}def __init__(self, key=None):", f"{ind}{ind}self.{attr} = {ctor}", "",
                 *indent(method, ind)]
        if draw(st.integers(0, 3)) == 0:  # nested class
            lines = [f"class Outer{index}:", *indent(lines, ind)]
        return lines, False
    if kind == "with_client":
        client = "c"  # the same name in every with-block: rebound in one scope
        if in_async and use_async:
            body = draw(call_statement(client, in_function=True, in_async=True, awaitable=True, may_yield=False))
            return [f"async def {fname}(q, msgs):", f"{ind}async with {ctor} as {client}:",
                    *indent(body, ind * 2)], False
        body = draw(call_statement(client, in_function=False, in_async=False, awaitable=False, may_yield=False))
        return [f"with {ctor} as {client}:", *indent(body, ind)], False
    if kind == "annotated":
        annotation = draw(st.sampled_from((cls, cls, f"Optional[{cls}]", f"{cls} | None")))
        return draw(function(fname, f"c: {annotation}, q, msgs", "c", is_async=in_async,
                             awaitable=in_async and use_async, ind=ind)), False
    if kind == "unknown_param":
        return draw(function(fname, "llm, q, msgs", "llm", is_async=in_async, awaitable=in_async, ind=ind)), False
    if kind == "factory":
        # Receivers the rule cannot vouch for: factories, containers, wrapped clients (instructor's
        # from_openai: the census's second most common receiver) and the openai module itself.
        module = sync_class.rpartition(".")[0]
        receivers = ("get_client()", "clients[\"main\"]", "wrapped", *((module,) if module else ()))
        receiver = draw(st.sampled_from(receivers))
        lines = draw(function(fname, "q, msgs", receiver, is_async=in_async, awaitable=in_async, ind=ind))
        if receiver == "wrapped":
            lines = [f"wrapped = instructor.from_openai({ctor})", "", *lines]
        return lines, False
    if kind == "mistral":
        # Already-Mistral code: calls on it are not OpenAI calls, whatever their method.
        call = draw(st.sampled_from((
            'mistral_client.chat.complete(model="mistral-small-latest", messages=msgs)',
            'mistral_client.chat.stream(model="mistral-large-latest", messages=msgs, temperature=0.1)',
            'mistral_client.chat.completions.create(model="gpt-4o", messages=msgs)',
        )))
        return ["mistral_client = Mistral(api_key=key)", f"reply = {call}"], True
    assert kind == "script"
    client = f"client_{index}"
    statements = []
    for _ in range(draw(st.integers(1, 2))):
        statements += draw(call_statement(client, in_function=False, in_async=False, awaitable=False,
                                          may_yield=False))
    if draw(st.booleans()):
        return [f"{client} = {sync_class}()", 'if __name__ == "__main__":', *indent(statements, ind)], False
    return [f"{client} = {sync_class}()", *statements], False


@st.composite
def modules(draw, max_units: int = 1) -> str:
    """A module of 1..max_units units (a client and code calling it). CI uses one: each example costs
    two pipeline runs, mostly fixed cost, so examples are cheaper than bigger modules;
    benchmarks/fuzz_long.py runs several units per module, for their interactions."""
    style = draw(st.sampled_from(IMPORT_STYLES))
    ind = draw(st.sampled_from(("    ", "    ", "  ", "\t")))
    parts = []
    needs_mistral = False
    for index in range(draw(st.integers(1, max_units))):
        lines, mistral = draw(unit(style, ind, index))
        needs_mistral |= mistral
        parts.append(lines)
    head = []
    if draw(st.booleans()):
        head.append('"""A generated module."""')
    head += ["import json", "import os", *style[0]]
    if needs_mistral:
        head.append("from mistralai.client import Mistral")
    if draw(st.booleans()):
        head += ["", f"MODEL = {draw(st.sampled_from(MODELS[:8]))}"]
    body = []
    for lines in parts:
        body += ["", "", *lines]
    return "\n".join(head + body) + "\n"


# ================================================================================================
# The property
# ================================================================================================

def _is_chat_create(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "create"
            and isinstance(func.value, ast.Attribute) and func.value.attr == "completions"
            and isinstance(func.value.value, ast.Attribute) and func.value.value.attr == "chat")


def _is_converted(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr in CONVERTED_METHODS
            and isinstance(func.value, ast.Attribute) and func.value.attr == "chat")


def _mistral_names(tree: ast.Module) -> set[str]:
    """Names the input binds to a ``Mistral(...)`` client: not OpenAI receivers."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if (isinstance(func, ast.Name) and func.id == "Mistral") or \
                    (isinstance(func, ast.Attribute) and func.attr == "Mistral"):
                names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def _todos_above(lines: list[str], stmt: ast.stmt) -> list[str]:
    """The comment lines directly above ``stmt`` (above its decorators, if any)."""
    first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
    found = []
    index = first - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        found.append(lines[index].strip())
        index -= 1
    return found


def _statement_of(node: ast.AST, parents: dict[int, ast.AST]) -> ast.stmt:
    while not isinstance(node, ast.stmt):
        node = parents[id(node)]
    return node


def check_module(source: str) -> dict[str, int]:
    """Assert every property on one module; return counts for the benchmark."""
    compile(source, "<fuzz>", "exec")  # the generator must produce valid Python
    outcome = transform_source(source, config=CONFIG, filename="fuzz.py")
    out = outcome.code
    tree = ast.parse(out)
    again = transform_source(out, config=CONFIG, filename="fuzz.py")
    assert again.code == out, "second run changed the output"

    lines = out.splitlines()
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    mistral = _mistral_names(ast.parse(source))
    counts = {"left_with_todo": 0, "converted": 0, "non_openai": 0}
    # The conversion plan keeps a client whose uses do not all convert: one TODO at its constructor
    # names them, and its calls carry none of their own (n1 in real-code-findings.md).
    kept_clients = "# TODO(migrator MIG101): kept on OpenAI" in out
    # ... and leaves the OpenAI SDK pointed at another provider (base_url) untouched, with no TODO.
    from migrator.plan import build_plan

    kept_clients = kept_clients or any(c.decision == "other-provider"
                                       for c in build_plan([("fuzz.py", source)]).clients)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if _is_chat_create(node.func):
            receiver = node.func.value.value.value  # type: ignore[attr-defined]
            if isinstance(receiver, ast.Name) and receiver.id in mistral:
                counts["non_openai"] += 1
                continue
            comments = _todos_above(lines, _statement_of(node, parents))
            if kept_clients and not any(CALL_TODO.match(c) for c in comments):
                counts["left_with_todo"] += 1  # on a client the plan keeps: its constructor's TODO covers it
                continue
            assert any(CALL_TODO.match(c) for c in comments), (
                f"line {node.lineno}: chat.completions.create left without a TODO about it; "
                f"comments above: {comments}")
            counts["left_with_todo"] += 1
        elif _is_converted(node.func):
            counts["converted"] += 1
            assert not node.args, f"line {node.lineno}: positional arguments in a converted call"
            names = [kw.arg for kw in node.keywords]
            assert None not in names, f"line {node.lineno}: ** splat in a converted call"
            assert not set(names) & OPENAI_ONLY_KEYWORDS, (
                f"line {node.lineno}: OpenAI-only keywords {sorted(set(names) & OPENAI_ONLY_KEYWORDS)}")
            assert set(names) <= MISTRAL_CHAT_KEYWORDS, (
                f"line {node.lineno}: keywords Mistral does not accept {sorted(set(names) - MISTRAL_CHAT_KEYWORDS)}")
            for kw in node.keywords:
                if kw.arg == "model" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    mapped = map_model(kw.value.value)
                    assert mapped in (None, kw.value.value), (
                        f"line {node.lineno}: model {kw.value.value!r} left unmapped (-> {mapped!r})")

    source_lines = source.count("\n") + 1
    for finding in outcome.findings:  # 0 would mean the rule lost count of its sites
        assert 1 <= finding.line <= source_lines, f"finding outside the file: {finding}"

    comments = {m.groups() for m in map(TODO_LINE.match, lines) if m}
    reported = {(f.rule, f.message) for f in outcome.findings if f.kind is FindingKind.TODO}
    assert comments <= reported, f"TODO comments not reported as findings: {sorted(comments - reported)}"
    assert reported <= comments, f"TODO findings with no comment in the output: {sorted(reported - comments)}"
    return counts


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every CI run
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@FUZZ_SETTINGS
@given(modules())
def test_fuzz_chat_calls(source: str) -> None:
    """Whatever the module, the pipeline converts or annotates every OpenAI chat call, stably."""
    check_module(source)


# Shapes the strategy must keep producing (a strategy that stopped producing streams or async clients
# would let the property pass for the wrong reason).
SHAPES = ("stream=True", "await ", "async for", "**params", "self.", "with ", "lambda", "f'", "; ",
          "AsyncOpenAI", "import openai as oai", "LLM(", "Mistral(", "get_client()", "from_openai(",
          "ai.chat.completions",  # the openai module as receiver (openai. / oai.)
          "\t", "@", "class Outer")


def test_generator_covers_the_shapes() -> None:
    """Every shape in SHAPES appears in the first examples of the (derandomized) strategy."""
    seen: set[str] = set()

    @settings(max_examples=600, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(modules())
    def collect(source: str) -> None:
        seen.update(shape for shape in SHAPES if shape in source)

    collect()
    assert not set(SHAPES) - seen, f"never generated: {sorted(set(SHAPES) - seen)}"
