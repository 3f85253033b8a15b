"""MIG107: ``client.embeddings.create(input=..., model=...)`` -> Mistral's ``embeddings.create(inputs=...)``."""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from codemods._base import (ApiCallTransformer, MigratorRule, code_of, env_getter, finished, keyword_arg,
                            legacy_call, literal, retyped_returns, seconds_to_ms_code)
from codemods._facts import dotted_name
from codemods._splats import SplatSteps
from migrator.mapping import CHAT_PARAMS, map_model
from migrator.mapping.embeddings import (ASYNC_METHOD, BATCH_NAME_WORDS, BATCH_PARAMETER_TODO, BATCH_TOKEN_LIMIT,
                                         BATCH_TOKEN_TODO, DIMENSION_MODELS, EMBEDDING_KWARGS, LARGE_BATCH,
                                         LARGE_BATCH_TODO, RESPONSE_TYPES, vectors_todo)
from migrator.mapping.models import env_default_todo
from migrator.plan.model import CONVERT, KEEP, UNRESOLVED



class Embeddings(MigratorRule):
    """Converts OpenAI embeddings calls into Mistral ones.

    **What it does.** On a client the conversion plan converts, ``x.embeddings.create(...)`` keeps its
    method (``create_async`` on an async client) with ``input=`` -> ``inputs=``, the model mapped
    (``text-embedding-3-small`` -> ``mistral-embed``), ``user=`` dropped and ``encoding_format="float"``
    kept. ``dimensions=`` becomes ``output_dimension=`` for ``codestral-embed``; for another model it is
    dropped with a TODO. The module's first converted call with a model gets one TODO: the vectors
    change (size and space), so stored vectors must be re-embedded (said once per module and model) — where the
    repository can store vectors at all (it names a vector database, a file or cache write, a web framework, or is
    a library); where it cannot, the summary's "Before you deploy" says the check once instead. A statement of the
    module that writes the size of OpenAI's
    vectors (``vector(1536)`` in a pgvector table, ``EMBEDDING_DIM = 3072``) gets a TODO too: the
    column or index must be sized for the new vectors; so does a shorter size written where a name or
    keyword says "dim" (``DIMENSIONS_TO_KEEP = 512``): text-embedding-3 vectors are made to be cut,
    mistral-embed's are not. A list of inputs the code builds (a comprehension or ``list(...)``, at the call or bound
    in its function) gets a TODO to embed it in batches: one Mistral request takes about 16k tokens, OpenAI's 300k.
    The response reads stay: ``.data[i].embedding``, ``.model``,
    ``.usage.prompt_tokens`` / ``.total_tokens`` exist on Mistral's ``EmbeddingResponse``. A function returning
    the converted call, annotated ``-> CreateEmbeddingResponse``, is annotated ``-> EmbeddingResponse``.

    **Why.** mistralai 3.7's ``embeddings.create`` takes ``inputs`` (the wire key stays ``input``) and
    ``output_dimension``; OpenAI-only keywords are a ``TypeError`` (api-mapping.md §8).

    **Fix safety.** approximate: the call is exact, the vectors are a different model's.

    A ``**kwargs`` dict built in the call's function from literal keys (``kwargs = {"model": ..., "input": q}``,
    ``kwargs["dimensions"] = n``, ``kwargs.update(...)``) and read nowhere else has its keys rewritten the same way;
    a dropped key's statement goes (with an ``if`` left empty by it), its TODO at the call.

    **Known limits (the client is kept, one TODO at its constructor).** Positional arguments,
    other ``**kwargs``, token-id inputs, ``encoding_format`` other than ``"float"``, ``extra_headers`` /
    ``extra_body`` / ``timeout``. A model given as an expression gets a TODO to check it names a
    Mistral embedding model.

    **openai-compatible target.** The same SDK call: the model maps to the provider's embedding model,
    and for ``--provider mistral`` ``dimensions`` moves into ``extra_body={"output_dimension": ...}``
    and ``user`` is dropped with a TODO; the re-embed TODO stays. A provider that serves no embeddings
    (OVHcloud) keeps the client on OpenAI.
    """

    CODE = "MIG107"
    NAME = "embeddings"
    SAFETY = "approximate"
    DESCRIPTION = "embeddings.create(input=...) -> Mistral embeddings.create(inputs=...)"
    BEFORE = ('from openai import OpenAI\n\nclient = OpenAI()\n'
              'vectors = client.embeddings.create(model="text-embedding-3-small", input=texts, user="u1")\n')
    AFTER = ('from openai import OpenAI\n\nclient = OpenAI()\n'
             '# TODO(migrator MIG107): ' + vectors_todo("mistral-embed")
             + ' (said once per module)\nvectors = client.embeddings.create(model="mistral-embed", inputs=texts)\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(SplatSteps, ApiCallTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._returned: list[tuple] = []  # per enclosing function: (it, ids of its returns of converted calls)
        self.splat_steps_init()
        self._dict_todos: dict[str, list[str]] = {}  # a splatted dict's name -> its keys' TODOs, said at its call
        self._dict_models: dict[str, Optional[str]] = {}  # a splatted dict's name -> its mapped model (if known)
        self._bound: dict[str, cst.BaseExpression] = {}  # a name -> the value last bound to it (for input=)
        self._outer_bound: list[tuple] = []  # (a def, the bindings around it): back at the end of that def

    def matches(self, node: cst.Call) -> bool:
        return _embeddings_call(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._returned.append((node, set()))  # (a pruned function is left without a visit: its own frame)
        self._outer_bound.append((node, self._bound))
        self._bound = {}  # (its own names: a parameter `texts` is not another function's list)
        # a parameter typed as a list of strings, or named as a set of texts (`def embed_texts(texts: list[str])`):
        # what callers hand it may be a whole document's chunks (held-out review 109, X3: ingest passed them all)
        for param in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params):
            annotation = code_of(param.annotation.annotation) if param.annotation is not None else ""
            if re.match(r"^(?:typing\.)?(?:list|List|Sequence|Iterable)\[\s*str\s*\]$", annotation) or \
                    param.name.value.lower() in PLURAL_INPUT_NAMES and not annotation.startswith("str"):
                self._bound[param.name.value] = LIST_PARAMETER
            elif "batch" in param.name.value.lower() and not annotation.startswith("str"):
                # `def generate(text_batch)`: a batch its callers size (held-out review 134, Y1: the whole list a
                # request posted, 100 lines a time, sent as one Mistral request with no word)
                self._bound[param.name.value] = BATCH_PARAMETER

    def leave_Return(self, original: cst.Return, updated: cst.Return) -> cst.Return:
        self._converted_value(original.value, updated.value)
        return updated

    def _slice_size(self, value: cst.BaseExpression) -> Optional[int]:
        """The size of the batch ``value`` is: ``texts[i:i + N]`` written there, or the one value a name is bound to in
        the function around the call (read from the module's tree: statements without a call are not visited), N an
        int literal or a module constant bound once to one; else None."""
        import ast

        tree = self.facts.tree
        if not isinstance(tree, ast.Module):
            return None
        node: Optional[ast.AST] = None
        if isinstance(value, cst.Subscript):
            try:
                node = ast.parse(code_of(value), mode="eval").body
            except SyntaxError:
                return None
        elif isinstance(value, cst.Name):
            scope: ast.AST = tree
            for name in self.path:
                scope = next((n for n in ast.iter_child_nodes(scope) if isinstance(
                    n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name), None)
                if scope is None:
                    return None
            bound = [n.value for n in ast.walk(scope) if isinstance(n, ast.Assign) and len(n.targets) == 1 and
                     isinstance(n.targets[0], ast.Name) and n.targets[0].id == value.value]
            node = bound[0] if len(bound) == 1 else None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("tolist", "to_list") and not node.args:
            return _split_size(tree, node.func.value)  # `batch["text"].tolist()` of an np.array_split's batch
        if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)):
            return None
        upper = node.slice.upper
        size = upper.right if isinstance(upper, ast.BinOp) and isinstance(upper.op, ast.Add) else None
        if isinstance(size, ast.Name):
            default = self._parameter_default(size.id)
            held = [n.value for n in tree.body if isinstance(n, ast.Assign) and len(n.targets) == 1 and
                    isinstance(n.targets[0], ast.Name) and n.targets[0].id == (
                        default.id if isinstance(default, ast.Name) else size.id)]
            size = default if isinstance(default, ast.Constant) else held[0] if len(held) == 1 else None
        return size.value if isinstance(size, ast.Constant) and type(size.value) is int else None

    def _parameter_default(self, name: str):
        """The default of the parameter ``name`` of the function around the call, which the function never binds
        again (``def embed_batch(texts, batch_size: int = 100)``: its callers that pass none get it; held-out review
        154, X2: `texts[i:i + batch_size]` of 100 inputs got no word, a module constant of 100 the batch TODO); else
        None."""
        import ast

        node = self.facts.tree
        for part in self.path:
            node = next((n for n in ast.iter_child_nodes(node) if isinstance(
                n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == part), None)
            if node is None:
                return None
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        positional = [*node.args.posonlyargs, *node.args.args]
        pairs = list(zip(positional[len(positional) - len(node.args.defaults):], node.args.defaults)) + \
            [(arg, default) for arg, default in zip(node.args.kwonlyargs, node.args.kw_defaults) if default is not None]
        default = next((default for arg, default in pairs if arg.arg == name), None)
        rebound = any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in ast.walk(node))
        return None if rebound or not isinstance(default, (ast.Constant, ast.Name)) else default

    def _list_function(self, value: cst.BaseExpression):
        """The ast of the function around the call (read from the module's tree: statements without a call are not
        visited), where ``value`` is a name that does not say it is a batch; else None."""
        import ast

        if not isinstance(value, cst.Name) or any(word in value.value.lower() for word in BATCH_NAME_WORDS) or \
                not isinstance(self.facts.tree, ast.AST) or not self.path:
            return None
        node = self.facts.tree
        for name in self.path:
            node = next((n for n in ast.iter_child_nodes(node) if isinstance(
                n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == name), None)
            if node is None:
                return None
        return node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else None

    def _built_list(self, value: cst.BaseExpression) -> bool:
        """A name bound once, in the function around the call, to a comprehension or ``list(...)`` (``texts = [d["body"]
        for d in docs]``, a statement the rules do not visit, so ``_bound`` misses it): a list of no set size
        (held-out review 126, Y5: the parameter's twin got the batch TODO, the built list none)."""
        import ast

        node = self._list_function(value)
        if node is None:
            return False
        bound = [n.value for n in ast.walk(node) if isinstance(n, (ast.Assign, ast.AnnAssign)) and
                 [t.id for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                  if isinstance(t, ast.Name)] == [value.value]]
        return len(bound) == 1 and (isinstance(bound[0], (ast.ListComp, ast.GeneratorExp)) or isinstance(
            bound[0], ast.Call) and isinstance(bound[0].func, ast.Name) and bound[0].func.id == "list")

    def _grown_list(self, value: cst.BaseExpression) -> bool:
        """``chunks = []`` in the function around the call, then ``chunks.append(...)`` / ``.extend(...)`` (a statement
        the rules do not visit): a list of no set size (held-out review 110, X3: a whole PDF's pages in one request)."""
        import ast

        node = self._list_function(value)
        if node is None:
            return False
        emptied = any(isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) and
                      n.targets[0].id == value.value and isinstance(n.value, ast.List) and not n.value.elts
                      for n in ast.walk(node))
        grown = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("append",
                                                                                                        "extend")
                    and isinstance(n.func.value, ast.Name) and n.func.value.id == value.value for n in ast.walk(node))
        return emptied and grown

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign):
        self._converted_value(original.value, updated.value)  # `response = client.embeddings.create(...)`
        if len(original.targets) == 1 and isinstance(original.targets[0].target, cst.Name):
            self._bound[original.targets[0].target.value] = original.value
        return self.rewrite_build_step(updated)  # `kwargs = {"model": ..., "input": ...}` splatted into the call

    def leave_AnnAssign(self, original: cst.AnnAssign, updated: cst.AnnAssign):
        return self.rewrite_annotated_step(updated)  # `kwargs: Dict[str, Any] = {...}` (held-out review 95, X5)

    # -- **kwargs dicts (held-out review 76, X5) ------------------------------------------------------------------
    def _splat(self, node: cst.BaseExpression):
        if not isinstance(node, cst.Name):
            return None
        return self.facts.embedding_splats.get(self.path, {}).get(node.value)

    def _rewrite_item(self, owner: str, key: str, value: cst.BaseExpression):
        """(new key, new value) for one key of a dict splatted into a converted call, or None to drop it; its TODOs
        are said at the call."""
        say = self._dict_todos.setdefault(owner, []).append
        if key == "model":
            value, self._dict_models[owner] = self._mapped_model(value, self.current_line(), say)
            return key, value
        if key == "dimensions":
            info = self._splat(cst.Name(owner))
            model = map_model(info.model, self.config.models()) if info is not None and info.model else None
            if model not in DIMENSION_MODELS:
                say(f'{owner}["dimensions"] dropped: {model or "this model"} takes no output_dimension '
                    "(codestral-embed does)")
                return None
        target = EMBEDDING_KWARGS[key][0]
        return None if target is None else (target, value)  # (user: nothing to send)

    def _converted_value(self, original, updated) -> None:
        if self._returned and original is not None and updated is not None:
            before = original.expression if isinstance(original, cst.Await) else original
            after = updated.expression if isinstance(updated, cst.Await) else updated
            if isinstance(before, cst.Call) and isinstance(after, cst.Call) and _embeddings_call(before) and \
                    not before.deep_equals(after) and self.config.endpoint() is None:
                self._returned[-1][1].add(id(original))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        """A function whose every ``return`` gives a converted embeddings call, annotated to return OpenAI's
        CreateEmbeddingResponse: the annotation names Mistral's EmbeddingResponse."""
        if self._outer_bound and self._outer_bound[-1][0] is original:
            self._bound = self._outer_bound.pop()[1]
        if not self._returned or self._returned[-1][0] is not original:
            return updated
        return retyped_returns(self, original, updated, self._returned.pop()[1], RESPONSE_TYPES)

    def statement_done(self) -> None:
        found = self.facts.dimension_statements.get(self.statement_stack[-1]) if self.statement_stack else None
        if found is not None:  # vector(1536), EMBEDDING_DIM = 1536: the size of OpenAI's vectors
            self.todo(*found)

    def _kept_elsewhere(self) -> str:
        """The modules whose embeddings stay on OpenAI, for the vectors TODO: a store those fill does not match these
        (held-out review 46, C7)."""
        import os

        from migrator.plan.build import project_of

        view = self.facts.view
        project = _vectors_project(view.path, project_of(view.path)) if view is not None else ""
        # (its own project's: a library's test app named every embedding model module of the library)
        kept = [p for p in (view.plan.kept_embeddings if view is not None else ()) if p != view.path and
                os.path.abspath(p).startswith(project.rstrip(os.sep) + os.sep)]
        # another client's embeddings calls in this very module (held-out review 64, Y3: the documents stayed on
        # OpenAI, the queries moved, and only a split across two files was said)
        own = view is not None and view.path in view.plan.kept_embeddings
        if not kept and not own:
            return ""
        names = ", ".join(os.path.relpath(p, os.path.dirname(view.path) or ".") for p in kept[:3]) + \
            (" ..." if len(kept) > 3 else "")
        where = ("other embeddings calls of this module" + (f" and embeddings in {names}" if kept else "")) if own \
            else f"embeddings in {names}"
        return (f"; {where} stay on OpenAI: where both fill or query the same vector store, the "
                "vectors will not match: move them together")

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func = getattr(updated, "func", None)  # (an earlier rule of the pass may have replaced the call)
        if isinstance(func, cst.Attribute) and func.attr.value == "update" and self._rewritable(func.value):
            return self._update(updated)  # `kwargs.update(dimensions=...)` of a splatted dict
        found = self.site_answer(original, updated)
        if found is None:
            return updated
        line, answer = found
        _, verdict, is_async, module_client, blocking, *_ = answer
        func = updated.func
        if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Attribute):
            return updated
        receiver = func.value.value
        endpoint = self.config.endpoint()
        if verdict == UNRESOLVED and not blocking and endpoint is not None:
            self.todo(line, f"{code_of(receiver)}: migrator cannot tell which client it holds; if it receives a client "
                            f"migrator moved to {endpoint.spec.name}, make sure model= names an embedding model "
                            f"{endpoint.spec.name} serves; a client that stays on OpenAI needs nothing")
            return updated
        if verdict == UNRESOLVED and not blocking:
            self.todo(line, f"{code_of(receiver)}: migrator cannot tell which client it holds; convert this "
                            "embeddings.create call by hand (inputs= for input=, a Mistral embedding model) if "
                            "it receives a client migrator converted; a client that stays on OpenAI needs nothing")
            return updated
        if verdict == KEEP and isinstance(blocking, str) and blocking and not module_client and endpoint is None \
                and len(answer) > 6 and answer[6]:
            # this call keeps its client, built in another module: its reason above it (held-out review 45, A1)
            self.todo(line, f"embeddings.create(...) stays on OpenAI: {blocking}")
            return updated
        if verdict != CONVERT:
            return updated  # kept (its constructor's TODO, or MIG106 for the module client) or another provider
        if endpoint is not None:
            return self._convert_compat(updated, line, endpoint, module_client, receiver)
        return self._convert(updated, line, is_async, module_client, receiver)

    def _convert_compat(self, call: cst.Call, line: int, endpoint, module_client: bool,
                        receiver: cst.BaseExpression) -> cst.Call:
        """--target openai-compatible: the same SDK call; the model maps, fields the provider
        rejects move or go (migrator.mapping.providers), and the stored vectors' TODO stays."""
        from migrator.mapping import providers as p

        spec = endpoint.spec
        args: list[cst.Arg] = []
        extra: list[str] = []
        todos: list[str] = []
        model = None
        for arg in call.args:
            name = arg.keyword.value if arg.keyword is not None else ""
            action, detail = p.compat_embedding_field(spec, name) if name else (p.KEEP, "")
            if name == "model":
                try:
                    given = literal(arg.value)
                except ValueError:
                    given = None
                if isinstance(given, str):
                    model = map_model(given, self.config.models())
                    if model is None:
                        todos.append(f"no {spec.name} embedding model is known for {given!r}: "
                                     f"pass --model {given}=<{spec.name} embedding model>")
                    elif model != given:
                        quote = arg.value.quote if isinstance(arg.value, cst.SimpleString) else '"'
                        arg = arg.with_changes(value=cst.SimpleString(f"{quote}{model}{quote}"))
                elif (defaulted := self._env_default(arg.value, line, lambda _todo: None)) is not None:
                    # `os.getenv("EMBED_MODEL", "text-embedding-3-small")`: its default mapped, as the chat rule maps
                    # its twin (held-out review 95, X7: "computed at run time" of a literal default)
                    value, model = defaulted
                    if not value.deep_equals(arg.value):
                        variable = env_getter(arg.value) or env_getter(arg.value.left, default=False)
                        todos.append(f"model name from the environment ({variable}): its default is now {model!r}, "
                                     "but a deployed value may still name an OpenAI model: make sure it names an "
                                     f"embedding model {spec.name} serves")
                    arg = arg.with_changes(value=value)
                elif not self.set_elsewhere(arg.value) and \
                        self.first_in_module(code_of(arg.value)):
                    what = f"an embedding model {spec.name} serves"
                    # (a constant of the module: named, as on the mistral target, and the env file told; held-out
                    # review 86, X7: "computed at run time" of a literal default, the .env.example left)
                    todos.append(self.imported_model_todo("model", arg.value, what)
                                 or self.env_model_todo("model", arg.value, what)
                                 or self.constant_model_todo("model", arg.value, what)
                                 or self.self_model_todo("model", arg.value, what)
                                 or f"model={code_of(arg.value)} is computed at run time: make sure it names {what} "
                                    "(said once per module)")
                args.append(arg)
            elif action == p.EXTRA_BODY and name == "dimensions" and model not in DIMENSION_MODELS:
                todos.append(f"dimensions={code_of(arg.value)} dropped: {model or 'this model'} takes no "
                             "output_dimension (codestral-embed does)")
            elif action == p.EXTRA_BODY:
                extra.append(f'"{detail}": {code_of(arg.value)}')
            elif action in (p.DROP, p.DROP_TODO):
                if action == p.DROP_TODO:
                    todos.append(f"{name} dropped: {detail}")
            else:
                args.append(arg)
        if extra:
            args.append(keyword_arg("extra_body", cst.parse_expression("{" + ", ".join(extra) + "}")))
        steps = self._say(line, todos, vectors_todo(model or f"a {spec.name} model"), model or f"a {spec.name} model")
        if module_client:
            self.module_client_endpoint(code_of(receiver))
        self.converted(line, f"{code_of(call.func)}(...) now reaches {spec.name} ({endpoint.base_url})", "approximate",
                       steps)
        return finished(call, args)

    def _say(self, line: int, todos: list, vectors: str, model: str, split: bool = False) -> tuple:
        """This call's TODOs, and the re-embed one at the module's first call with that model (held-out
        review 9, N2: a module with four embeddings calls said it four times); where no vector is seen to be stored
        (the plan's vectors_persist) and no embeddings stay on OpenAI (``split``), the summary's step instead,
        returned."""
        steps = () if split else self.vectors_step(model)
        if not steps and (self.first_vectors_todo(model) or split):
            todos = [*todos, vectors + " (said once per module)"]  # the later calls are not overlooked (R6)
        if todos:
            self.todo(line, "; ".join(todos))
        return steps

    def _env_default(self, value: cst.BaseExpression, line: int, say) -> Optional[tuple[cst.BaseExpression, str]]:
        """``os.getenv("EMBED_MODEL", "text-embedding-3-small")`` (or ``os.getenv("EMBED_MODEL") or "..."``) as the
        call's model: the default mapped, with a TODO for the deployed value (held-out review 76, X2: the chat rule
        mapped its twin, this one sent Mistral the OpenAI name wherever the variable is unset), and that model; else
        None."""
        if isinstance(value, cst.Call) and env_getter(value) and len(value.args) == 2:
            variable, slot = env_getter(value), value.args[1].value
        elif isinstance(value, cst.BooleanOperation) and isinstance(value.left, cst.Call) and \
                env_getter(value.left, default=False) and isinstance(value.operator, cst.Or):
            variable, slot = env_getter(value.left, default=False), value.right
        else:
            return None
        default = slot.evaluated_value if isinstance(slot, cst.SimpleString) else None
        model = map_model(default, self.config.models()) if isinstance(default, str) else None
        if model is None or self.set_elsewhere(value):
            return None
        if model == default:  # a Mistral model already (a second run)
            return value, model
        say(self.kept_env_todo(variable, "a Mistral embedding model name", f"model name from the environment "
                                                                         f"({variable}), its default now {model!r}")
            or env_default_todo(variable, model, "embedding "))
        mapped = slot.with_changes(value=f"{slot.quote}{model}{slot.quote}")
        if isinstance(value, cst.Call):
            return value.with_changes(args=[value.args[0], value.args[1].with_changes(value=mapped)]), model
        return value.with_changes(right=mapped), model

    def _mapped_model(self, value: cst.BaseExpression, line: int, say) -> tuple[cst.BaseExpression, Optional[str]]:
        """``value`` of model= (or of a splatted dict's "model") with its model mapped, and that Mistral model (None
        when unknown); what needs a word goes to ``say``."""
        value = self.own_model_literal(value) or value
        mapped = self.literal_model(value, say, "embedding ")
        if mapped is not None:
            return mapped
        defaulted = self._env_default(value, line, say)
        if defaulted is not None:
            return defaulted  # (model: the default's, for dimensions= and the vectors TODO)
        if not self.set_elsewhere(value) and self.first_in_module(code_of(value)):
            # (a constant, default or argument set where MIG102 maps it needs nothing here)
            what = "a Mistral embedding model (mistral-embed, codestral-embed)"
            say(self.imported_model_todo("model", value, what)
                or self.shared_field_todo("model", value, "a Mistral embedding model name", what)
                or self.env_model_todo("model", value, what)
                or self.constant_model_todo("model", value, what)
                or self.self_model_todo("model", value, what)
                or f"model={code_of(value)} is computed at run time{self.holder_source(value)}: make sure it names a "
                   "Mistral embedding model (mistral-embed, codestral-embed; said once per module)")
        return value, None

    def _convert(self, call: cst.Call, line: int, is_async: bool, module_client: bool,
                 receiver: cst.BaseExpression) -> cst.Call:
        if legacy_call(call.func, "Embedding") and not any(a.keyword is not None and a.keyword.value == "model"
                                                           for a in call.args):
            # openai 0.x's `engine="text-embedding-ada-002"` named the model (the plan keeps an Azure module's):
            # model= (held-out review 93, Y8)
            call = call.with_changes(args=[a.with_changes(keyword=cst.Name("model"))
                                           if a.keyword is not None and a.keyword.value == "engine" else a
                                           for a in call.args])
        model_arg = next((a for a in call.args if a.keyword is not None and a.keyword.value == "model"), None)
        model = None
        todos: list[str] = []
        if model_arg is not None:
            before = model_arg.value.evaluated_value if isinstance(model_arg.value, cst.SimpleString) else None
            value, model = self._mapped_model(model_arg.value, line, lambda message: self.todo(line, message))
            call = call.with_changes(args=[a.with_changes(value=value) if a is model_arg else a for a in call.args])
            # two OpenAI models of the module become one (text-embedding-3-small and -large, both mistral-embed): the
            # stores built with each must be re-embedded, and they are no longer told apart (held-out review 93, Y9)
            merged = self.__dict__.setdefault("_embedding_sources", {})
            if before and model and before != model:
                first = merged.setdefault(model, before)
                if first != before:  # (no line number: the TODOs written above would make it stale)
                    todos.append(f"{before} here and {first} above both become {model}: the two models are one now, "
                                 "and the vectors stored with either must be re-embedded")
        splat = next((a for a in call.args if a.star == "**"), None)
        if splat is not None and isinstance(splat.value, cst.Name):  # a dict whose build steps were rewritten
            for message in self._dict_todos.pop(splat.value.value, []):
                self.todo(line, message)
            model = model or self._dict_models.pop(splat.value.value, None)
        args: list[cst.Arg] = []
        for arg in call.args:
            name = arg.keyword.value if arg.keyword is not None else ""
            if arg.star == "**" or name == "model":
                args.append(arg)  # (the dict's keys, the model: done above)
                continue
            target = EMBEDDING_KWARGS[name][0]
            if name == "input" and (_many_inputs(arg.value, self._bound) or self._grown_list(arg.value) or
                                    self._built_list(arg.value)):
                todos.append(BATCH_TOKEN_TODO.format(inputs=code_of(arg.value)))
            elif name == "input" and isinstance(arg.value, cst.Name) and \
                    self._bound.get(arg.value.value) is BATCH_PARAMETER:
                todos.append(BATCH_PARAMETER_TODO.format(inputs=code_of(arg.value)))
            elif name == "input" and (size := self._slice_size(arg.value)) is not None and size >= LARGE_BATCH:
                # `batch = texts[i:i + BATCH_SIZE]`, BATCH_SIZE = 1000: sized for OpenAI's 2048 inputs (held-out
                # review 121, X2: converted with no word, where the unbatched call got the TODO)
                todos.append(LARGE_BATCH_TODO.format(inputs=code_of(arg.value), size=size,
                                                     tokens=BATCH_TOKEN_LIMIT // size))
            if name == "dimensions" and model not in DIMENSION_MODELS:
                todos.append(f"dimensions={code_of(arg.value)} dropped: {model or 'this model'} takes no "
                             "output_dimension (codestral-embed does)")
            elif target is None:
                continue  # user=: nothing to send
            elif name == "timeout":  # seconds -> timeout_ms, as a chat call's (held-out review 111, X4)
                value = arg.value
                seconds = value.evaluated_value if isinstance(value, cst.SimpleString) else None
                if isinstance(value, (cst.Integer, cst.Float)) and seconds is None:
                    converted = cst.Integer(str(int(float(value.value) * 1000)))
                else:
                    converted = seconds_to_ms_code(value, CHAT_PARAMS["timeout"].xform.code, self.facts.names_in_use)
                args.append(arg.with_changes(keyword=cst.Name(target), value=converted))
            elif target != name:
                args.append(arg.with_changes(keyword=cst.Name(target)))
            else:
                args.append(arg)
        split = self._kept_elsewhere()  # (a split mismatches in memory too: said at the call, stored or not)
        steps = self._say(line, todos, vectors_todo(model or "a Mistral model") + split, model or "a Mistral model",
                          bool(split))
        if module_client:
            receiver = self.mistral_module_client(call)
        method = ASYNC_METHOD.split(".")[1] if is_async else "create"
        func = cst.Attribute(value=cst.Attribute(value=receiver, attr=cst.Name("embeddings")), attr=cst.Name(method))
        self.converted(line, f"{code_of(call.func)}(...) -> {code_of(func)}(...)", "approximate", steps)
        return finished(call, args, func=func)


# a function parameter that holds a list of texts (_Transformer.visit_FunctionDef), in the names bound there
LIST_PARAMETER = cst.Name("_list_parameter")
BATCH_PARAMETER = cst.Name("_batch_parameter")  # ... and one named as a batch its callers make
PLURAL_INPUT_NAMES = frozenset({"texts", "documents", "docs", "chunks", "passages", "sentences", "paragraphs",
                                "contents", "strings", "text_chunks", "chunk_texts", "document_texts"})


def _split_size(tree, value) -> Optional[int]:
    """N of ``for batch in np.array_split(df, len(df) / N)`` (``//``, ``math.ceil(...)`` too), where ``value`` reads
    the loop's variable (``batch["text"]``): the batches are N rows (held-out review 133, Y3: 100 rows of a CSV, about
    22k tokens, sent as one Mistral request); else None."""
    import ast

    root = value
    while isinstance(root, (ast.Subscript, ast.Attribute)):
        root = root.value
    if not isinstance(root, ast.Name):
        return None
    for loop in ast.walk(tree):
        if not (isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.target, ast.Name) and
                loop.target.id == root.id and isinstance(loop.iter, ast.Call) and
                isinstance(loop.iter.func, (ast.Attribute, ast.Name)) and
                getattr(loop.iter.func, "attr", getattr(loop.iter.func, "id", "")) == "array_split" and
                len(loop.iter.args) == 2):
            continue
        count = loop.iter.args[1]
        if isinstance(count, ast.Call) and len(count.args) == 1 and (dotted_name(count.func) or "").endswith("ceil"):
            count = count.args[0]
        if isinstance(count, ast.BinOp) and isinstance(count.op, (ast.Div, ast.FloorDiv)) and \
                isinstance(count.right, ast.Constant) and type(count.right.value) is int:
            return count.right.value
    return None


def _many_inputs(value: cst.BaseExpression, bound: dict) -> bool:
    """Is ``value`` a list of inputs of no set size: a comprehension or ``list(...)``, written there or bound to the
    name it reads (``texts = [c["content"] for c in chunks]``), or a parameter typed or named as a list of texts (its
    callers may hand it a whole document's chunks), not a name that says it is a batch already?"""
    if isinstance(value, cst.Name) and not any(word in value.value.lower() for word in BATCH_NAME_WORDS):
        value = bound.get(value.value, value)
    if value is LIST_PARAMETER or isinstance(value, (cst.ListComp, cst.GeneratorExp)):
        return True
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
            value.func.attr.value in ("tolist", "to_list") and not value.args:
        # `df["text"].tolist()`: a whole column (held-out review 133, Y3), not `batch["text"].tolist()`
        return not any(word in code_of(value.func.value).lower() for word in BATCH_NAME_WORDS)
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "list"


def _embeddings_call(node: cst.Call) -> bool:
    """``<receiver>.embeddings.create(...)``, the receiver any expression."""
    func = node.func
    if legacy_call(func, "Embedding"):
        return True  # legacy v0 `openai.Embedding.create`: the plan converts it as the module client's (MIG118)
    return (isinstance(func, cst.Attribute) and func.attr.value == "create" and isinstance(func.value, cst.Attribute)
            and func.value.attr.value == "embeddings")


_MANIFESTS = ("requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile")


def _vectors_project(path: str, package_project: str) -> str:
    """The project whose embeddings share a vector space with the module at ``path``: the nearest directory above it
    holding a dependency manifest, where that lies above its top-most package (``package_project``, project_of's):
    a directory without ``__init__.py`` (``ingest/`` of an app run from the root) is no project of its own (held-out
    review 95, X4: the converted Pinecone writer was not told the query embedders stayed on OpenAI); else that."""
    import os

    directory = os.path.dirname(os.path.abspath(path))
    for _ in range(8):
        if any(os.path.isfile(os.path.join(directory, name)) for name in _MANIFESTS):
            inside = (package_project.rstrip(os.sep) + os.sep).startswith(directory.rstrip(os.sep) + os.sep)
            return directory if inside else package_project
        if os.path.isdir(os.path.join(directory, ".git")) or os.path.dirname(directory) == directory:
            break
        directory = os.path.dirname(directory)
    return package_project
