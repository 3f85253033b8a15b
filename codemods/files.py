"""MIG119: files and batches -> Mistral's ``files.*`` and ``batch.jobs.*``, with their results' reads
and the batch input lines the module writes."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods._base import (ApiCallTransformer, MigratorRule, WrittenTargets, code_of, finished, finish_elements,
                           keyword_arg)
from codemods._facts import BLINE, FREAD
from codemods.audio import opened_file_dict
from migrator.mapping.files import (ASYNC_CONTENT_READS, BATCH_RENAMES, CONTENT_READS, FILE_RENAMES,
                                    ID_KEYWORDS, LINE_BODY_RENAMES, LINE_DROPPED, LIST_DATA_TODO, LIST_KEYWORDS,
                                    LIST_PAGE_SIZE, LIST_TODO, METHODS, READ_SITE_ATTRS, REQUEST_COUNTS, STATUSES,
                                    line_dict)



class FilesAndBatches(MigratorRule):
    """Converts file uploads and batch jobs into Mistral's files and batch-job APIs.

    **What it does.** On a client the conversion plan converts:
    ``files.create(file=f, purpose="batch")`` -> ``files.upload(file={"file_name":
    os.path.basename(f.name), "content": f}, purpose="batch")`` (``file=`` a file opened from a path,
    or a ``(name, content[, content_type])`` tuple); ``files.retrieve(id)`` / ``files.delete(id)`` ->
    ``files.retrieve(file_id=id)`` / ``files.delete(file_id=id)``; ``files.content(id)`` ->
    ``files.download(file_id=id)``, whose ``.content`` / ``.text`` become ``.read()`` /
    ``.read().decode()`` (Mistral answers an unread streaming response);
    ``batches.create(input_file_id=x, endpoint="/v1/chat/completions", completion_window="24h")`` ->
    ``batch.jobs.create(input_files=[x], endpoint="/v1/chat/completions", model=<the lines' model>)``;
    ``batches.retrieve(id)`` / ``cancel(id)`` -> ``batch.jobs.get(job_id=id)`` / ``cancel(job_id=id)``
    (``_async`` methods on async clients). ``files.list(purpose=..., limit=n)`` /
    ``batches.list(limit=n)`` iterated by a loop or a comprehension -> ``files.list(purpose=...,
    page_size=n)`` / ``batch.jobs.list(page_size=n)``, with ``.data`` appended where the page itself was
    iterated, and a TODO: Mistral answers one page (100 items by default), where iterating OpenAI's page
    went through every page (a ``.data`` read without ``limit=`` held OpenAI's default page size).
    Their items' reads follow as below. Batch reads follow: ``status == "completed"`` ->
    ``status == "SUCCESS"`` (each OpenAI status to Mistral's upper-case one), ``output_file_id`` /
    ``error_file_id`` -> ``output_file`` / ``error_file``, ``request_counts.completed`` ->
    ``succeeded_requests`` (``total`` / ``failed`` likewise). The batch input lines the module writes,
    ``{"custom_id": ..., "method": "POST", "url": "/v1/chat/completions", "body": {...}}``, become
    ``{"custom_id": ..., "body": {...}}`` with the body's model mapped; the job takes that model.

    **Why.** Mistral's file and batch APIs take the same steps with other names and shapes
    (api-mapping.md §8): ``files.upload`` needs the file name spelled out, a batch job names its
    input files, endpoint and model, its lines carry only ``custom_id`` and ``body``, and its statuses
    are ``QUEUED, RUNNING, SUCCESS, FAILED, TIMEOUT_EXCEEDED, CANCELLATION_REQUESTED, CANCELLED``.

    **Fix safety.** approximate: Mistral's model answers the batch; Mistral has no ``validating`` /
    ``finalizing`` phase (they compare as ``QUEUED`` / ``RUNNING``).

    **Known limits (the client is kept, one TODO).** Purposes other than ``batch`` / ``fine-tune``
    (assistants, vision, user data), ``expires_after``, a ``file=`` not seen to be an opened file or a
    tuple, batch endpoints other than chat, batch lines built elsewhere (another module, a helper, a
    body not written as a dict literal or with unmapped keys, several models), another
    ``completion_window``, ``files.list`` / ``batches.list`` (pages), ``write_to_file``, and a result
    read beyond the fields above or used as a whole (returned, passed on). A client taking file ids it did
    not upload itself (``cleaner.files.delete(file_id)`` of stored ids) is decided with the project's clients
    that upload: an upload kept on OpenAI keeps the client deleting or reading its ids there too.

    **openai-compatible target.** Not applied: the client stays on OpenAI.
    """

    CODE = "MIG119"
    NAME = "files-batches"
    SAFETY = "approximate"
    TARGETS = ("mistral",)
    DESCRIPTION = ("files.create / content / list, batches.create / retrieve / cancel / list -> files.upload / "
                   "download / list, batch.jobs.*")
    BEFORE = ('import json\nfrom openai import OpenAI\n\nclient = OpenAI()\nwith open("batch.jsonl", "w") as out:\n'
              '    for i, q in enumerate(questions):\n'
              '        out.write(json.dumps({"custom_id": str(i), "method": "POST", "url": "/v1/chat/completions",\n'
              '                              "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", '
              '"content": q}]}}) + "\\n")\n'
              'batch_file = client.files.create(file=open("batch.jsonl", "rb"), purpose="batch")\n'
              'batch = client.batches.create(input_file_id=batch_file.id, endpoint="/v1/chat/completions", '
              'completion_window="24h")\n'
              'batch = client.batches.retrieve(batch.id)\n'
              'if batch.status == "completed":\n'
              '    print(client.files.content(batch.output_file_id).text)\n')
    AFTER = ('import json\nfrom openai import OpenAI\n\nclient = OpenAI()\n'
             'with open("batch.jsonl", "w") as out:\n'
             '    for i, q in enumerate(questions):\n'
             '        out.write(json.dumps({"custom_id": str(i),\n'
             '                              "body": {"model": "mistral-small-latest", "messages": [{"role": "user", '
             '"content": q}]}}) + "\\n")\n'
             'batch_file = client.files.upload(file={"file_name": "batch.jsonl", "content": '
             'open("batch.jsonl", "rb")}, purpose="batch")\n'
             'batch = client.batch.jobs.create(input_files=[batch_file.id], endpoint="/v1/chat/completions", '
             'model="mistral-small-latest")\n'
             'batch = client.batch.jobs.get(job_id=batch.id)\n'
             'if batch.status == "SUCCESS":\n'
             '    print(client.files.download(file_id=batch.output_file).read().decode())\n')

    def make_transformer(self, facts):
        return _Transformer(self, facts)


def _surface(node: cst.Call) -> Optional[str]:
    func = node.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Attribute):
        surface = f"{func.value.attr.value}.{func.attr.value}"
        return surface if surface in METHODS else None
    return None


def _without_comment(comma):
    """A comma whose line-end comment is dropped (it spoke of the argument the comma followed)."""
    if isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace):
        return comma.with_changes(whitespace_after=comma.whitespace_after.with_changes(
            first_line=cst.TrailingWhitespace()))
    return comma


def _keys(node: cst.Dict) -> list:
    return [el.key.evaluated_value if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString)
            else None for el in node.elements]


def _key(element) -> object:
    return element.key.evaluated_value if isinstance(element, cst.DictElement) and \
        isinstance(element.key, cst.SimpleString) else None


def _string(node: cst.BaseExpression, value: str) -> cst.SimpleString:
    quote = node.quote if isinstance(node, cst.SimpleString) else '"'
    return cst.SimpleString(f"{quote}{value}{quote}")


class _Transformer(WrittenTargets, ApiCallTransformer):
    def __init__(self, rule, facts) -> None:
        super().__init__(rule, facts)
        self._line_model: Optional[cst.BaseExpression] = None  # the batch lines' body model, as written
        self._module: Optional[cst.Module] = None

    def matches(self, node: cst.Call) -> bool:
        return _surface(node) is not None

    # -- sites (only in a module that calls a files / batches method: facts.file_api) ---------------
    def visit_Module(self, node: cst.Module) -> None:
        self._module = node

    def visit_Attribute(self, node: cst.Attribute) -> None:
        # twin of codemods._facts.file_read
        if self.facts.file_api and node.attr.value in READ_SITE_ATTRS and not self.written(node) and \
                isinstance(node.value, (cst.Name, cst.Call, cst.Await)):
            self.mark_site(node, FREAD)

    def visit_Dict(self, node: cst.Dict) -> None:
        if self.facts.file_api and line_dict(_keys(node)):
            self.mark_site(node, BLINE)

    def _job_model(self) -> Optional[cst.BaseExpression]:
        """The job's model: the one model every batch line of the module names (the plan checked it)."""
        if self._line_model is None:
            finder = _LineModel()
            self._module.visit(finder)
            self._line_model = finder.model
        return self._line_model

    def _read(self, original: cst.CSTNode) -> Optional[str]:
        answer = self.answer_for(original)
        return answer[1] if answer and answer[0] == "fread" else None

    def _awaited(self, original: cst.CSTNode) -> bool:
        answer = self.answer_for(original)
        return bool(answer and answer[0] == "fread" and answer[2])

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        if not isinstance(updated, cst.Attribute):
            return updated
        # `<batch>.request_counts.completed` -> `<batch>.succeeded_requests`
        inner = original.value
        if isinstance(inner, cst.Attribute) and inner.attr.value == "request_counts" and \
                original.attr.value in REQUEST_COUNTS and self._read(inner) and isinstance(updated.value, cst.Attribute):
            return updated.with_changes(value=updated.value.value, attr=cst.Name(REQUEST_COUNTS[original.attr.value]))
        surface = self._read(original)
        if surface is None:
            return updated
        name = updated.attr.value
        owner = code_of(updated.value)
        if isinstance(updated.value, cst.Await) and not updated.value.lpar:
            owner = f"({owner})"
        if surface == "files.content" and self._awaited(original) and name in ASYNC_CONTENT_READS:
            code = ASYNC_CONTENT_READS[name].format(owner=owner)
            if name == "content" and not updated.lpar:
                code = f"({code})"
            return cst.parse_expression(code).with_changes(lpar=updated.lpar, rpar=updated.rpar) \
                if updated.lpar else cst.parse_expression(code)
        if surface == "files.content" and name in CONTENT_READS:
            return cst.parse_expression(f"{owner}.{CONTENT_READS[name]}").with_changes(lpar=updated.lpar,
                                                                                       rpar=updated.rpar)
        if surface in ("files.create", "files.retrieve", "files.list") and name in FILE_RENAMES:
            return updated.with_changes(attr=cst.Name(FILE_RENAMES[name]))
        if surface.startswith("batches.") and name in BATCH_RENAMES:
            return cst.parse_expression(f"{owner}.{BATCH_RENAMES[name]}").with_changes(lpar=updated.lpar,
                                                                                       rpar=updated.rpar)
        return updated

    def leave_Comparison(self, original: cst.Comparison, updated: cst.Comparison) -> cst.BaseExpression:
        # `<batch>.status == "completed"` -> `== "SUCCESS"` (the plan allows .status only in such comparisons)
        left = original.left
        if not (isinstance(left, cst.Attribute) and left.attr.value == "status" and
                (self._read(left) or "").startswith("batches.")) or len(updated.comparisons) != 1:
            return updated
        target = updated.comparisons[0]
        right = target.comparator
        if isinstance(right, cst.SimpleString) and right.evaluated_value in STATUSES:
            right = right.with_changes(value=_string(right, STATUSES[right.evaluated_value]).value)
        elif isinstance(right, (cst.Tuple, cst.List, cst.Set)):
            right = right.with_changes(elements=[
                el.with_changes(value=el.value.with_changes(value=_string(el.value, STATUSES[el.value.evaluated_value]).value))
                if isinstance(el.value, cst.SimpleString) and el.value.evaluated_value in STATUSES else el
                for el in right.elements])
        else:
            return updated
        return updated.with_changes(comparisons=[target.with_changes(comparator=right)])

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.BaseExpression:
        answer = self.answer_for(original)
        if not (answer and answer[0] == "bline" and answer[1]):
            return updated
        line = self._lines.get(id(original), 0)
        elements = []
        for element in updated.elements:
            key = _key(element)
            if key in LINE_DROPPED:
                if elements and isinstance(element.comma, cst.Comma):
                    # the kept entry before takes the dropped one's comma: a line break before the next stays
                    elements[-1] = elements[-1].with_changes(comma=element.comma)
                continue
            if key == "body" and isinstance(element.value, cst.Dict):
                element = element.with_changes(value=self._body(element.value, line))
            elements.append(element)
        self.changed = True
        return updated.with_changes(elements=finish_elements(updated.elements, elements))

    def _body(self, body: cst.Dict, line: int) -> cst.Dict:
        elements = []
        for element in body.elements:
            key = _key(element)
            if key == "model":
                element = element.with_changes(value=self.mapped_model(element.value, line))
            elif key in LINE_BODY_RENAMES:
                element = element.with_changes(key=_string(element.key, LINE_BODY_RENAMES[str(key)]))
            elements.append(element)
        return body.with_changes(elements=elements)

    # -- the calls ------------------------------------------------------------------------------
    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        surface = _surface(original)
        if surface is None:
            return updated
        target = METHODS[surface]
        peeked = self._answers_by_node.get(id(original))  # converting() takes the plan's answer
        detail = peeked[1][4] if peeked is not None and len(peeked[1]) > 4 else ""
        found = self.converting(original, updated, f"convert this {surface} call by hand (Mistral: "
                                f"client.{target}(...))")
        if found is None:
            return updated
        line, is_async, receiver = found
        if surface in ID_KEYWORDS:
            openai_name, mistral_name = ID_KEYWORDS[surface]
            args = [keyword_arg(mistral_name, arg.value).with_changes(comma=arg.comma,
                                                                    whitespace_after_arg=arg.whitespace_after_arg)
                    if arg.keyword is None else arg.with_changes(keyword=cst.Name(mistral_name)) for arg in updated.args]
        elif surface in LIST_KEYWORDS:  # purpose= as it is, limit= -> page_size=
            args = [arg.with_changes(keyword=cst.Name(LIST_KEYWORDS[surface][arg.keyword.value]))  # type: ignore
                    for arg in updated.args]
        elif surface == "files.create":
            args = [arg.with_changes(value=self._file(arg.value)) if arg.keyword.value == "file" else arg  # type: ignore
                    for arg in updated.args]
        else:  # batches.create
            args = []
            job_model = self._job_model()
            model = keyword_arg("model", self.mapped_model(job_model, line)) if job_model is not None else None
            for arg in updated.args:
                name = arg.keyword.value  # type: ignore[union-attr]  (the plan converts keyword-only calls)
                if name == "completion_window":  # "24h": Mistral's default timeout_hours=24
                    if model is not None:  # the job's model takes its place (its comment was about the window)
                        args.append(model.with_changes(comma=_without_comment(arg.comma),
                                                       whitespace_after_arg=arg.whitespace_after_arg))
                        model = None
                    continue
                if name == "input_file_id":
                    arg = arg.with_changes(keyword=cst.Name("input_files"), value=cst.List(
                        elements=[cst.Element(value=arg.value)]))
                args.append(arg)
            if model is not None:
                args.append(model)
        *path, method = (target + ("_async" if is_async else "")).split(".")
        func: cst.BaseExpression = receiver
        for part in path:
            func = cst.Attribute(value=func, attr=cst.Name(part))
        func = cst.Attribute(value=func, attr=cst.Name(method))
        note = f" ({ID_KEYWORDS[surface][1]} must be a Mistral id: files and batches made on OpenAI are not on " \
               "Mistral)" if surface in ID_KEYWORDS else ""
        new: cst.BaseExpression = finished(updated, args, func=func)
        if surface in LIST_KEYWORDS:
            items = detail == "items"  # the loop iterated the page itself: Mistral's is read through .data
            if items:
                new = cst.Attribute(value=new, attr=cst.Name("data"))
            note = ".data" if items else ""
            # the page itself iterated: OpenAI fetched every page, whatever limit= (the size of each page) said;
            # its .data: one page on both sides, of the same size once limit= became page_size=
            if items or (detail == "page" and not any(arg.keyword.value == "limit"  # type: ignore[union-attr]
                                                      for arg in updated.args)):
                self.todo(line, (LIST_TODO if items else LIST_DATA_TODO).format(method=target, size=LIST_PAGE_SIZE))
        self.converted(line, f"{code_of(updated.func)}(...) -> {code_of(func)}(...){note}", "approximate")
        return new

    def _file(self, value: cst.BaseExpression) -> cst.BaseExpression:
        return opened_file_dict(self, value)


class _LineModel(cst.CSTVisitor):
    """The body model of the module's batch input lines (the first one written)."""

    def __init__(self) -> None:
        self.model: Optional[cst.BaseExpression] = None

    def visit_Dict(self, node: cst.Dict) -> None:
        if self.model is not None or not line_dict(_keys(node)):
            return
        for element in node.elements:
            if _key(element) == "body" and isinstance(element.value, cst.Dict):
                for inner in element.value.elements:
                    if _key(inner) == "model" and isinstance(inner.value, cst.SimpleString):
                        self.model = inner.value
