"""What the plan checks before MIG119 converts a files / batches call, and which result reads and
batch input lines follow a converted one (``migrator/mapping/files.py`` holds the tables)."""

from __future__ import annotations

import ast
import os
from typing import Callable, Optional

from migrator.mapping.files import (BATCH_ATTRS, BATCH_ENDPOINTS, BATCH_RENAMES, COMPLETION_WINDOW, CONTENT_METHODS,
                                    CONTENT_READS, DELETED_ATTRS, FILE_ATTRS, FILE_RENAMES, ID_KEYWORDS,
                                    LINE_BODY_KEYS, LINE_BODY_RENAMES, LIST_KEYWORDS, METHODS, OPENAI_ONLY_IDS,
                                    PURPOSE_TODO, PURPOSES, REQUEST_COUNTS, STATUSES, UNMAPPED_STATUSES, line_dict)
from migrator.plan.syntax import ast_walk

FILE_SURFACES = frozenset(METHODS)
# Calls whose results read alike: a name may be bound to any of a group's calls.
_GROUPS = {"files.create": "file", "files.retrieve": "file", "files.delete": "deleted", "files.content": "content",
           "batches.create": "batch", "batches.retrieve": "batch", "batches.cancel": "batch",
           "files.list": "file", "batches.list": "batch"}  # list(): its items


def surface_of(node: ast.AST) -> Optional[str]:
    """``files.create`` for ``<receiver>.files.create(...)`` (awaited or not), for the surfaces MIG119 maps."""
    if isinstance(node, ast.Await):
        node = node.value
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Attribute)):
        return None
    surface = f"{node.func.value.attr}.{node.func.attr}"
    return surface if surface in FILE_SURFACES else None


def files_problem(f, call: ast.Call, surface: str, others=(), builder=None) -> str:
    """Why MIG119 leaves a files / batches call as it is ("" when it converts); ``others``: the modules read."""
    from migrator.plan.build import _result_problem, opened_file

    keywords = {kw.arg: kw.value for kw in call.keywords}
    if None in keywords:
        return "**kwargs: convert by hand"
    if surface in ID_KEYWORDS:
        name = ID_KEYWORDS[surface][0]
        given = len(call.args) + (name in keywords)
        if given != 1 or any(isinstance(a, ast.Starred) for a in call.args) or set(keywords) - {name}:
            extra = sorted(set(keywords) - {name})
            return f"{extra[0]}=: no equivalent on Mistral's {METHODS[surface]}" if extra else \
                f"{surface}(...) without exactly one {name}"
        problem = _id_problem(f, call, id_argument(call, surface))
        if problem:
            return problem
    elif call.args:
        return "positional arguments"
    elif surface in LIST_KEYWORDS:
        return _list_problem(f, call, surface, keywords, builder)
    elif surface == "files.create":
        # (the openai module's client: each call decided on its own; a client's fine-tuning call keeps the client)
        module = isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Attribute) and \
            isinstance(call.func.value.value, ast.Name) and call.func.value.value.id in f.openai_modules
        problem = _upload_problem(f, keywords, opened_file) or (_id_handed_to_openai_only(f, call) if module else "")
        if problem:
            return problem
    elif surface == "batches.create":
        problem = _batch_problem(f, keywords) or _shared_batch_file(f, others)
        if problem:
            return problem
    group = _GROUPS[surface]

    def same(value) -> bool:
        found = surface_of(value)
        return found is not None and _GROUPS[found] == group

    awaited = isinstance(f.parent.get(id(call)), ast.Await)
    return _result_problem(f, call, lambda read, name: _read_problem(f, group, read, name, awaited),
                           f"the {_NOUNS[group]} is used as a whole (returned, passed on, stored): Mistral's "
                           f"{_MISTRAL_TYPES[group]} differs from OpenAI's {_OPENAI_TYPES[group]}", same_bindings=same)


def _list_problem(f, call: ast.Call, surface: str, keywords: dict, builder=None) -> str:
    """Why MIG119 leaves a files.list() / batches.list() as it is: "" when its page is only iterated
    (``for x in <call>`` or ``<call>.data``, in a loop or a comprehension) and each item only read
    through attributes Mistral's items have."""
    allowed = LIST_KEYWORDS[surface]
    unknown = sorted(set(keywords) - set(allowed))
    if unknown:
        return f"{unknown[0]}=: no equivalent on Mistral's {METHODS[surface]} (it pages with page= and page_size=)"
    purpose = keywords.get("purpose")
    if purpose is not None and not (isinstance(purpose, ast.Constant) and purpose.value in PURPOSES):
        return f"purpose={ast.unparse(purpose)}: {PURPOSE_TODO}"
    loop, has_data = list_loop(f, call, builder)
    outer = f.parent.get(id(call))
    if isinstance(f.parent.get(id(outer)) if isinstance(outer, ast.Await) else outer, ast.Expr):
        return ""  # the page is not used: the call alone (a connectivity check)
    if loop is None:
        return (f"the {surface.split('.')[0][:-1] if surface.startswith('files') else 'batch'} page is used other than "
                f"iterated by a for loop or comprehension: Mistral's {_PAGE_TYPES[surface]} is not iterable (its "
                ".data is) and pages with page= / page_size=")
    if isinstance(loop, ast.AsyncFor) or (isinstance(loop, ast.comprehension) and loop.is_async):
        return "async for over the page: iterate (await client.<...>.list_async()).data by hand"
    if has_data is None:
        return "the awaited page is iterated as it is: iterate (await ...).data by hand"
    item = loop_item(loop)
    if not isinstance(item, ast.Name):
        return "the loop unpacks each item: read its fields by attribute"
    group, name = _GROUPS[surface], item.id
    loads, problem = item_loads(f, loop, name)
    if problem:
        return problem
    for load in loads:
        read = f.parent.get(id(load))
        if not (isinstance(read, ast.Attribute) and read.value is load):
            return (f"{name} (an item of the page) is used as a whole: Mistral's {_ITEM_TYPES[surface]} differs from "
                    f"OpenAI's {_OPENAI_TYPES[group]}")
        problem = _read_problem(f, group, read, name, False)
        if problem:
            return problem
    return ""


_ITEM_TYPES = {"files.list": "FileSchema", "batches.list": "BatchJob"}


_PAGE_TYPES = {"files.list": "ListFilesResponse", "batches.list": "ListBatchJobsResponse"}


def list_loop(f, call: ast.AST, builder=None) -> "tuple[Optional[ast.AST], Optional[bool]]":
    """(the for loop / comprehension that iterates the page of ``call`` (``call`` or ``call.data``,
    awaited or not), else None; whether the loop reads .data itself: True, False when MIG119 appends
    it, None when it is awaited without .data, which cannot be appended after the await)."""
    node: ast.AST = call
    parent = f.parent.get(id(node))
    awaited = isinstance(parent, ast.Await)
    if awaited:
        node, parent = parent, f.parent.get(id(parent))
    data = isinstance(parent, ast.Attribute) and parent.value is node and parent.attr == "data"
    if data:
        node, parent = parent, f.parent.get(id(parent))
    if enumerate_arg(parent) is node:
        # `for i, file in enumerate(client.files.list())` (held-out review 157, Y1: "used other than iterated by a
        # for loop", and the whole client stayed on OpenAI)
        node, parent = parent, f.parent.get(id(parent))
    if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is node:
        return parent, (True if data else None if awaited else False)
    if not data and isinstance(parent, ast.Assign) and parent.value is node:
        loop = _bound_page_loop(f, parent, builder)
        if loop is not None:
            return loop, True
    return None, None


def _bound_page_loop(f, assign: ast.Assign, builder=None) -> Optional[ast.AST]:
    """The one loop iterating ``files.data`` of ``files = client.files.list()`` (awaited or not), where that read is
    the only one of the name in its scope and no other binding of it there (held-out review 175, Y4: OpenAI's documented
    idiom kept the client on OpenAI, "the page is used other than iterated"); else None."""
    if len(assign.targets) != 1 or not isinstance(assign.targets[0], ast.Name):
        return None
    name, scope = assign.targets[0].id, f.scope_of.get(id(assign), ())
    # (the name in the function and in the functions and lambdas nested in it, or anywhere in the module for a module's
    # name: a closure or a function reading the page too keeps it, review of session 90, `x.bytes` there raised
    # AttributeError once converted)
    uses = [n for n in f.nodes if isinstance(n, ast.Name) and n.id == name and
            f.scope_of.get(id(n), ())[:len(scope)] == scope]
    if not scope and ("__all__" in f.source or builder is None or _read_elsewhere(builder, f, name)):
        return None  # (a module's name another module may import and read too: review of session 90)
    loads = [n for n in uses if isinstance(n.ctx, ast.Load)]
    if len(uses) != 2 or len(loads) != 1 or any(isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names
                                                  for n in f.nodes):
        return None
    read = f.parent.get(id(loads[0]))
    if not (isinstance(read, ast.Attribute) and read.attr == "data" and read.value is loads[0] and
            (read.lineno, read.col_offset) > (assign.lineno, assign.col_offset)):
        return None
    node, parent = read, f.parent.get(id(read))
    if enumerate_arg(parent) is node:
        node, parent = parent, f.parent.get(id(parent))
    return parent if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is node else None


def enumerate_arg(call: Optional[ast.AST]) -> Optional[ast.AST]:
    """``x`` of ``enumerate(x[, start])``, else None (codemods._facts.enumerated reads it too)."""
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "enumerate" and \
            call.args and len(call.args) <= 2 and not any(isinstance(a, ast.Starred) for a in call.args) and \
            all(k.arg == "start" for k in call.keywords):
        return call.args[0]
    return None


def loop_item(loop) -> ast.AST:
    """The target a loop binds each item of what it iterates to: ``file`` of ``for i, file in enumerate(page)``,
    else the loop's target."""
    target = loop.target
    if enumerate_arg(loop.iter) is not None and isinstance(target, ast.Tuple) and len(target.elts) == 2:
        return target.elts[1]
    return target


def item_loads(f, loop: ast.AST, name: str, item: str = "item", whole: str = "page") -> "tuple[list, str]":
    """(the loads of ``name`` that see the loop's item, "") or ([], why MIG119 cannot follow them): each
    must sit in the loop (its body, or its ``else:``) or the comprehension, outside any nested function
    or lambda (MIG119 rewrites the reads it can trace to the loop), and the loop body must not bind the
    name again. A read after the loop that no other binding reaches sees the last item: not followed."""
    owner = f.parent.get(id(loop)) if isinstance(loop, ast.comprehension) else loop
    inside = [n for n in ast_walk(owner) if isinstance(n, ast.Name) and n.id == name]
    bound = loop_item(loop)
    if any(not isinstance(n.ctx, ast.Load) and n is not bound for n in inside):
        return [], f"{name} is bound again inside the loop: migrator does not follow the {whole}'s {item}s there"
    loads = []
    for n in inside:
        if not isinstance(n.ctx, ast.Load):
            continue
        node = f.parent.get(id(n))
        while node is not None and node is not owner:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                return [], (f"{name} (an {item} of the {whole}) is read in a nested function or lambda: migrator "
                            "does not follow it there")
            node = f.parent.get(id(node))
        loads.append(n)
    if isinstance(loop, (ast.For, ast.AsyncFor)):
        scope = f.scope_of.get(id(loop), ())
        seen = {id(n) for n in inside}
        for n in f.nodes:
            if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and id(n) not in seen \
                    and f.scope_of.get(id(n), ()) == scope and _reaching_binding(f, n, scope) is bound:
                return [], (f"{name} is read after the loop (the last {item} of the {whole}): migrator does not "
                            "follow it there")
    return loads, ""


def _reaching_binding(f, load: ast.Name, scope: tuple) -> Optional[ast.AST]:
    """The binding of ``load.id`` in ``scope`` that comes last before ``load`` in source order."""
    where, best, best_at = (load.lineno, load.col_offset), None, (-1, -1)
    for n in f.nodes:
        if isinstance(n, ast.Name) and n.id == load.id and not isinstance(n.ctx, ast.Load) and \
                f.scope_of.get(id(n), ()) == scope:
            at = (n.lineno, n.col_offset)
            if best_at < at < where:
                best, best_at = n, at
    return best


def list_item_source(f, load: ast.Name, builder=None) -> Optional[ast.AST]:
    """The files.list() / batches.list() call whose page the loop binding ``load`` iterates, else None."""
    node: Optional[ast.AST] = f.parent.get(id(load))
    while node is not None:
        comprehension = isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp))
        loops = [node] if isinstance(node, ast.For) else list(node.generators) if comprehension else []
        for loop in loops:
            item = loop_item(loop)
            if isinstance(item, ast.Name) and item.id == load.id:
                source = loop.iter.args[0] if item is not loop.target else loop.iter
                source = source.value if isinstance(source, ast.Attribute) and source.attr == "data" else source
                if isinstance(source, ast.Name):  # `files = client.files.list()`, then `for file in files.data`
                    from migrator.plan.build import reaching_assign

                    assign = reaching_assign(f, source)
                    source = assign.value if isinstance(assign, ast.Assign) and \
                        _bound_page_loop(f, assign, builder) is loop else None
                source = source.value if isinstance(source, ast.Await) else source
                return source if source is not None and surface_of(source) in LIST_KEYWORDS else None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return None
        node = f.parent.get(id(node))
    return None


def _read_elsewhere(builder, f, name: str) -> bool:
    """Does another module, read or not, name both ``name`` and this module (``from pages import files``)?"""
    module = f.module.rsplit(".", 1)[-1]
    return any(g is not f and name in g.source and module in g.source for g in builder.files) or \
        builder.unread is not None and builder.unread.read_elsewhere(name, module)


def list_shape(f, call: ast.Call, builder=None) -> str:
    """For a files.list() / batches.list() MIG119 converts: "items" when the loop iterates the page
    itself (MIG119 appends .data), "page" when it iterates .data, "unused" when the page is dropped."""
    loop, has_data = list_loop(f, call, builder)
    return "unused" if loop is None else "page" if has_data else "items"


# `<result>.<attr>` reads that hold the id of a file or batch on the same API.
_ID_ATTRS = frozenset({"id", "output_file_id", "error_file_id", "input_file_id"})


def id_source(f, value: ast.AST) -> Optional[ast.AST]:
    """The expression an id read (``up.id``, ``batch.output_file_id``) is taken from: the call itself, or the value of
    the assignment reaching the name read (awaited or not); None for anything else."""
    from migrator.plan.build import reaching_assign

    if not (isinstance(value, ast.Attribute) and value.attr in _ID_ATTRS):
        return None
    source: Optional[ast.AST] = value.value
    if isinstance(source, ast.Name):
        assign = reaching_assign(f, source)
        source = assign.value if assign is not None else None  # type: ignore[attr-defined]
    return source.value if isinstance(source, ast.Await) else source


def id_traced(f, call: ast.Call, value: ast.AST) -> bool:
    """The id a files / batches call takes is read from the result of an upload or batch call on the same
    receiver in the same scope (which converts with it)."""
    source = id_source(f, value)
    return source is not None and surface_of(source) is not None and \
        ast.dump(source.func.value.value) == ast.dump(call.func.value.value)  # type: ignore[attr-defined]


def id_argument(call: ast.Call, surface: str) -> Optional[ast.AST]:
    """The id a files.retrieve / delete / content (batches.retrieve / cancel) call takes, if written once."""
    name = ID_KEYWORDS[surface][0]
    keywords = {kw.arg: kw.value for kw in call.keywords}
    return call.args[0] if len(call.args) == 1 and not keywords else keywords.get(name) if not call.args else None


def _id_problem(f, call: ast.Call, value: ast.AST) -> str:
    """Why the id a files / batches call takes may not be a Mistral one: "" when it is read from the
    result of an upload or batch call on the same receiver in the same scope (which converts with it),
    or when the module makes no OpenAI files through assistants, threads or vector stores."""
    if id_traced(f, call, value):
        return ""
    if not _makes_openai_files(f):
        return ""  # an id the application stores or is given: the summary says it must be Mistral's
    return f"{ast.unparse(value)} is not seen to come from an upload or batch made here, and {OPENAI_ONLY_IDS}"


# OpenAI resources whose runs make files (assistant outputs, vector-store files) or use them (fine-tuning
# jobs, which stay on OpenAI): a module that uses them may hand their file ids to files.content / retrieve
# / delete (a notebook's cleanup cell deleting the training files it uploaded).
_FILE_MAKERS = frozenset({"assistants", "threads", "vector_stores", "containers", "uploads", "fine_tuning"})


def _id_handed_to_openai_only(f, call: ast.Call) -> str:
    """The upload's result (the one name it is bound to) whose ``.id`` an OpenAI-only resource's call takes
    (``fine_tuning.jobs.create(training_file=train.id)``, ``vector_stores.files.create(file_id=f.id)``): the file must
    stay with it on OpenAI (held-out review 163, Y3: the module client's upload went to Mistral, and OpenAI's
    fine-tuning job was given a Mistral file id); else ""."""
    from migrator.plan.build import ancestors_of

    holder = f.parent.get(id(call))
    holder = f.parent.get(id(holder)) if isinstance(holder, ast.Await) else holder
    if not (isinstance(holder, ast.Assign) and len(holder.targets) == 1 and isinstance(holder.targets[0], ast.Name)):
        return ""
    name, scope = holder.targets[0].id, f.scope_of.get(id(call), ())
    for node in f.nodes:
        if not (isinstance(node, ast.Attribute) and node.attr == "id" and isinstance(node.value, ast.Name) and
                node.value.id == name and f.scope_of.get(id(node), ()) == scope):
            continue
        user = next((a for a in ancestors_of(f, node) if isinstance(a, (ast.Call, ast.stmt))), None)
        func = user.func if isinstance(user, ast.Call) else None
        links = []
        while isinstance(func, ast.Attribute):
            links.append(func.attr)
            func = func.value
        # (a call through the openai module itself: `st.session_state.uploads.append(f.id)`, a Mongo collection's
        # `db.uploads.insert_one(...)` are no OpenAI resource; review of session 87)
        if isinstance(func, ast.Name) and func.id in f.openai_modules and set(links) & _FILE_MAKERS:
            return (f"{name}.id is handed to {'.'.join(reversed(links))}(...), which stays on OpenAI (no Mistral "
                    "counterpart): a file uploaded to Mistral would not exist there, so the upload stays too")
    return ""


def _makes_openai_files(f) -> bool:
    found = getattr(f, "_makes_openai_files", None)
    if found is None:
        found = f._makes_openai_files = any(isinstance(n, ast.Attribute) and n.attr in _FILE_MAKERS
                                            for n in f.nodes)
    return found


_NOUNS = {"file": "file object", "deleted": "deletion result", "content": "file content", "batch": "batch"}
_MISTRAL_TYPES = {"file": "CreateFileResponse", "deleted": "DeleteFileResponse",
                  "content": "files.download response (an unread httpx response)", "batch": "BatchJob"}
_OPENAI_TYPES = {"file": "FileObject", "deleted": "FileDeleted", "content": "binary response", "batch": "Batch"}


def file_tuple(value: ast.AST) -> bool:
    """``(name, content)`` / ``(name, content, content_type)`` written in the call: the OpenAI SDK's file
    tuple, which Mistral takes as ``{"file_name", "content", "content_type"}`` (MIG117, MIG119)."""
    return isinstance(value, ast.Tuple) and len(value.elts) in (2, 3) and \
        not any(isinstance(element, ast.Starred) for element in value.elts)


def bound_file_tuple(scope: ast.AST, name: str) -> Optional[ast.Tuple]:
    """The file tuple ``name`` holds where ``scope`` binds it once, ``file = ("voice.ogg", data, mime)``, and reads it
    once (in the call that uploads it): the assignment then becomes Mistral's file dict (held-out review 77, X3: a
    tuple bound on the line above the transcription kept the client). None where it is bound or read elsewhere."""
    value = bound_once(scope, name)
    return value if value is not None and file_tuple(value) else None  # type: ignore[return-value]


def bound_once(scope: ast.AST, name: str) -> Optional[ast.AST]:
    """The value ``name`` holds where ``scope`` binds it once by a plain assignment and reads it once (in the call
    whose argument it is), or None: the assignment is then that argument's, to rewrite where it is."""
    stores, loads, value = 0, 0, None
    for node in ast_walk(scope):
        if isinstance(node, ast.Name) and node.id == name:
            if isinstance(node.ctx, ast.Load):
                loads += 1
            else:
                stores += 1
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and \
                node.targets[0].id == name:
            value = node.value
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return None
    return value if stores == 1 and loads == 1 else None


def _upload_problem(f, keywords: dict, opened_file: Callable) -> str:
    unknown = sorted(set(keywords) - {"file", "purpose"})
    if unknown:
        hint = {"expires_after": "Mistral's files.upload takes expiry= in hours, not an anchor and seconds"}
        return f"{unknown[0]}=: {hint.get(unknown[0], 'no equivalent on files.upload')}"
    purpose = keywords.get("purpose")
    if not (isinstance(purpose, ast.Constant) and purpose.value in PURPOSES):
        shown = ast.unparse(purpose) if purpose is not None else "missing"
        return f"purpose={shown}: {PURPOSE_TODO}"
    file = keywords.get("file")
    if file is None:
        return "no file="
    if not file_tuple(file) and opened_file(f, file) is None:
        return (f"file={ast.unparse(file)} is not seen to be a file opened from a path or a (name, content) tuple: "
                "pass file={\"file_name\": ..., \"content\": ...} to Mistral's files.upload by hand")
    return ""


def _batch_problem(f, keywords: dict) -> str:
    unknown = sorted(set(keywords) - {"input_file_id", "endpoint", "completion_window", "metadata"})
    if unknown:
        return f"{unknown[0]}=: no equivalent on Mistral's batch.jobs.create"
    if "input_file_id" not in keywords or "endpoint" not in keywords:
        return "no input_file_id= or endpoint="
    endpoint = keywords["endpoint"]
    if not (isinstance(endpoint, ast.Constant) and endpoint.value in BATCH_ENDPOINTS):
        return (f"endpoint={ast.unparse(endpoint)}: only chat batches convert (their lines' bodies are chat "
                "requests migrator can map)")
    window = keywords.get("completion_window")
    if window is not None and not (isinstance(window, ast.Constant) and window.value == COMPLETION_WINDOW):
        return f"completion_window={ast.unparse(window)}: Mistral's jobs take timeout_hours= (24 by default)"
    _, problem = batch_lines(f)
    return problem


def _batch_uploads(f) -> set:
    """The base names of the files ``f`` uploads for a batch by a literal path (``files.create(file=open(
    "batch_requests.jsonl", "rb"), purpose="batch")``)."""
    found = set()
    for node in f.nodes:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "create"
                and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "files"):
            continue
        keywords = {kw.arg: kw.value for kw in node.keywords}
        purpose, file = keywords.get("purpose"), keywords.get("file")
        if isinstance(purpose, ast.Constant) and purpose.value == "batch" and isinstance(file, ast.Call) and \
                file.args and isinstance(file.args[0], ast.Constant) and isinstance(file.args[0].value, str):
            found.add(file.args[0].value.replace("\\", "/").rsplit("/", 1)[-1])
    return found


def _shared_batch_file(f, others) -> str:
    """The batch file this module writes and submits is also uploaded for a batch by a module that writes no
    lines of its own (it stays on OpenAI: ``batch_lines``): converted, the lines would reach OpenAI's Batch API
    in Mistral's shape (held-out review 37, N6)."""
    mine = _batch_uploads(f) if "batch" in f.source else set()
    if not mine or batch_lines(f)[1]:
        return ""
    for g in others:
        if g is f or "batch" not in g.source:
            continue
        shared = mine & _batch_uploads(g)
        if shared and batch_lines(g)[1]:
            shown = os.path.relpath(g.path, os.path.dirname(f.path) or ".").replace(os.sep, "/")
            return (f"{sorted(shared)[0]} is also uploaded for a batch by {shown}, which stays on OpenAI (it writes "
                    "no lines of its own): converted, these lines would reach OpenAI's Batch API in Mistral's shape; "
                    "move both by hand")
    return ""


def batch_lines(f) -> tuple[Optional[str], str]:
    """(the OpenAI model every batch input line of the module names, "") when the module writes its lines
    as dict literals MIG119 can rewrite, else (None, why not)."""
    cached = getattr(f, "_batch_lines", None)
    if cached is not None:
        return cached
    models, problem, seen = set(), "", False
    for node in f.nodes:
        if not (isinstance(node, ast.Dict) and line_dict([_key(k) for k in node.keys])):
            continue
        seen = True
        fields = {_key(k): v for k, v in zip(node.keys, node.values)}
        url, method, body = fields["url"], fields["method"], fields["body"]
        # no line number: the TODOs migrator inserts above would move it (a second run would rewrite it)
        custom = fields.get("custom_id")
        where = "a batch input line this module writes" + (
            f" (custom_id {custom.value!r})" if isinstance(custom, ast.Constant) else "")
        if not (isinstance(url, ast.Constant) and url.value in BATCH_ENDPOINTS) or \
                not (isinstance(method, ast.Constant) and method.value == "POST"):
            problem = problem or f"{where} is not a POST to /v1/chat/completions"
            continue
        if not isinstance(body, ast.Dict) or not all(isinstance(_key(k), str) for k in body.keys):
            problem = problem or (f"{where} builds its body elsewhere: Mistral's lines are {{\"custom_id\", "
                                  "\"body\"} with a Mistral chat request as body (model names, parameters)")
            continue
        keys = {_key(k): v for k, v in zip(body.keys, body.values)}
        unknown = sorted(set(keys) - LINE_BODY_KEYS - set(LINE_BODY_RENAMES))
        if unknown:
            problem = problem or f"{where} has body key {unknown[0]!r}, which migrator does not map"
            continue
        model = keys.get("model")
        if not (isinstance(model, ast.Constant) and isinstance(model.value, str)):
            problem = problem or (f"{where} names its model at run time: a Mistral batch job takes one model, "
                                  "batch.jobs.create(model=...)")
            continue
        models.add(model.value)
    if not problem and not seen:
        problem = ("the batch input lines are not written in this module: Mistral's lines are {\"custom_id\", "
                   "\"body\"} (no method / url) and the job takes the model (batch.jobs.create(model=...))")
    elif not problem and len(models) != 1:
        problem = f"the batch lines name several models ({', '.join(sorted(models))}): a Mistral job runs one"
    found = (None, problem) if problem else (models.pop(), "")
    f._batch_lines = found
    return found


def _key(key: Optional[ast.AST]) -> object:
    return key.value if isinstance(key, ast.Constant) else None


def _read_problem(f, group: str, read: ast.Attribute, name: str, awaited: bool) -> str:
    parent = f.parent.get(id(read))
    if group == "file":
        if read.attr == "purpose" and isinstance(parent, ast.Compare):
            other = [c for c in (parent.left, *parent.comparators) if c is not read]
            values = [e for c in other for e in (c.elts if isinstance(c, (ast.Tuple, ast.List, ast.Set)) else [c])]
            unknown = [e.value for e in values if isinstance(e, ast.Constant) and e.value not in PURPOSES]
            if unknown or not all(isinstance(e, ast.Constant) for e in values):
                shown = repr(unknown[0]) if unknown else ast.unparse(other[0]) if other else "?"
                return (f"{name}.purpose compared with {shown}: Mistral's files have the purposes \"batch\", "
                        "\"fine-tune\", \"ocr\" and \"agentic_safety\" (batch results are purpose \"batch\")")
        if read.attr in FILE_ATTRS or read.attr in FILE_RENAMES:
            return ""
        return f"{name}.{read.attr}: Mistral's file object has no {read.attr}" if read.attr in (
            "status", "status_details", "expires_at") else f"{name}.{read.attr}: Mistral's file object differs"
    if group == "deleted":
        return "" if read.attr in DELETED_ATTRS else f"{name}.{read.attr}: Mistral's DeleteFileResponse differs"
    if group == "content":
        if read.attr in CONTENT_READS:
            return ""
        if read.attr in CONTENT_METHODS and isinstance(parent, ast.Call) and parent.func is read and not awaited:
            return ""
        if read.attr in CONTENT_METHODS and parent is None:
            return ""  # `hasattr(s, "read")` (a node of no tree): Mistral's response has it too (138, Y3)
        hint = " (write the bytes: pathlib.Path(p).write_bytes(r.read()))" if read.attr in (
            "write_to_file", "stream_to_file") else ""
        return f"{name}.{read.attr}: not on Mistral's download response{hint}"
    # a batch
    if read.attr in BATCH_ATTRS or read.attr in BATCH_RENAMES:
        return ""
    if read.attr == "request_counts":
        if isinstance(parent, ast.Attribute) and parent.attr in REQUEST_COUNTS:
            return ""
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            # `counts = batch.request_counts` (held-out review 58, X4: "used as a whole" sent the reader looking for
            # a use that does not exist)
            return (f"{name}.request_counts is bound to {parent.targets[0].id}: Mistral's BatchJob has its counts "
                    f"as fields ({', '.join(f'.{k} -> .{v}' for k, v in REQUEST_COUNTS.items())}); write "
                    f"{name}.request_counts.<count> where {parent.targets[0].id}.<count> is read, and run migrator "
                    "again")
        return f"{name}.request_counts used as a whole: Mistral's BatchJob has total_requests / succeeded_requests / ..."
    if read.attr == "status":
        if status_comparison(parent, read) or _shown(f, read):
            return ""
        if isinstance(parent, ast.Compare) and any(isinstance(c, ast.Constant) and c.value in UNMAPPED_STATUSES
                                                   for c in _compared(parent)):
            return (f"{name}.status compared with \"finalizing\": Mistral has no such phase (RUNNING until the job "
                    "ends), so the comparison cannot be kept apart from in_progress")
        return (f"{name}.status used other than shown or compared with OpenAI's status strings: Mistral's are "
                "upper case (QUEUED, RUNNING, SUCCESS, ...)")
    return f"{name}.{read.attr}: Mistral's BatchJob differs"


def _compared(compare: ast.Compare) -> list:
    right = compare.comparators[0] if compare.comparators else None
    return list(right.elts) if isinstance(right, (ast.Tuple, ast.List, ast.Set)) else [right]


# Calls that only show a value to a person: print-like functions, and the logger methods the plan
# already treats as harmless for clients (migrator.plan.build.HARMLESS_METHODS).
_PRINTS = frozenset({"print", "echo", "secho", "write"})


def _shown(f, read: ast.AST) -> bool:
    """Is a status only shown to a person: formatted into an f-string, or an argument of print / a logger
    (the text reads SUCCESS instead of completed; nothing branches on it)."""
    parent = f.parent.get(id(read))
    if isinstance(parent, ast.FormattedValue) and parent.value is read:
        return True
    if isinstance(parent, ast.Call) and any(a is read for a in parent.args):
        func = parent.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        from migrator.plan.build import HARMLESS_METHODS

        return name in _PRINTS or name in HARMLESS_METHODS
    return False


def status_comparison(compare: Optional[ast.AST], read: ast.AST) -> bool:
    """``<batch>.status == "completed"`` / ``!=`` / ``in ("completed", "failed")``: one operator, OpenAI status literals."""
    if not (isinstance(compare, ast.Compare) and compare.left is read and len(compare.ops) == 1):
        return False
    right = compare.comparators[0]
    known = set(STATUSES) - UNMAPPED_STATUSES
    if isinstance(compare.ops[0], (ast.Eq, ast.NotEq)):
        return isinstance(right, ast.Constant) and right.value in known
    if isinstance(compare.ops[0], (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
        return bool(right.elts) and all(isinstance(e, ast.Constant) and e.value in known for e in right.elts)
    return False


def converted_result(f, node: ast.AST, call_verdict, builder=None) -> tuple[Optional[str], bool]:
    """(the surface of the converted files / batches call whose result ``node`` is: the call, awaited
    or not, or a name whose reaching plain assignment is one, else None; whether it is awaited)."""
    from migrator.plan.build import reaching_assign
    from migrator.plan.model import CONVERT

    if isinstance(node, ast.Name):
        assign = reaching_assign(f, node)
        item = list_item_source(f, node, builder) if assign is None else None
        if item is not None:  # `for b in client.batches.list(): b.status`: an item of a converted page
            surface = surface_of(item)
            return (surface if call_verdict(item) == CONVERT else None), False
        node = assign.value if assign is not None else None  # type: ignore[attr-defined]
    awaited = isinstance(node, ast.Await)
    if awaited:
        node = node.value  # type: ignore[union-attr]
    surface = surface_of(node) if node is not None else None
    return (surface if surface is not None and call_verdict(node) == CONVERT else None), awaited


def path_call(node) -> bool:
    """``Path("a.mp3")`` / ``pathlib.Path(...)`` (an ast node)."""
    func = node.func if isinstance(node, ast.Call) else None
    return isinstance(func, ast.Name) and func.id == "Path" or isinstance(func, ast.Attribute) and \
        func.attr == "Path" and isinstance(func.value, ast.Name) and func.value.id == "pathlib"


def path_bound(tree, name: str) -> bool:
    """Is every binding of ``name`` in the module ``tree`` (an ast Module) a plain ``name = Path(...)`` (one at least)?
    Then ``file=name`` is a path on disk (held-out review 153, Y3: `file=file_path`, a Path, kept a transcription on
    OpenAI as "not seen to be a file opened from a path")."""
    stores = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)]
    paths = [n for n in ast.walk(tree) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
             isinstance(n.targets[0], ast.Name) and n.targets[0].id == name and path_call(n.value)]
    # (a parameter, an import or an exception name of that name anywhere is another value: `def transcribe(audio)`
    # beside a module's `audio = Path(...)` was given .read_bytes(); review of session 84)
    other = any(isinstance(n, ast.arg) and n.arg == name or isinstance(n, ast.alias) and (n.asname or n.name) == name
                or isinstance(n, ast.ExceptHandler) and n.name == name or
                isinstance(n, (ast.Global, ast.Nonlocal)) and name in n.names for n in ast.walk(tree))
    return bool(paths) and len(stores) == len(paths) and not other
