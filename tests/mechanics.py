"""Rule-mechanics tests: a rule's rewrite of a snippet that holds no client.

The conversion plan leaves client-dependent sites (except clauses, message literals, response reads,
env reads) alone unless they belong to a converted client; snippets that test *how* a rule rewrites
such a site assume they do. The plan's decisions themselves are tested in test_plan.py.
"""

from libcst.codemod import CodemodContext, CodemodTest

from codemods._base import ASSUME_CONVERTED


class MechanicsTest(CodemodTest):
    def assertCodemod(self, before, after, *args, **kwargs):  # noqa: N802 - LibCST's name
        kwargs.setdefault("context_override", CodemodContext(scratch={ASSUME_CONVERTED: True}))
        return super().assertCodemod(before, after, *args, **kwargs)


def convert_snippet(source: str, **config) -> tuple[str, list[str]]:
    """A snippet through the whole pipeline, the plan included (``transform_source``): the converted
    code and its TODO messages. ``config``: ``migrator.config.Config`` fields (target, provider, ...)."""
    import textwrap

    from migrator.config import Config
    from migrator.engine.transform import transform_source

    outcome = transform_source(textwrap.dedent(source), config=Config(**config))
    return outcome.code, [f.message for f in outcome.findings if f.kind.value == "todo"]


def convert_idempotent(source: str, **config) -> tuple[str, list[str]]:
    """``convert_snippet``, checking that a second conversion of its output changes nothing."""
    code, todos = convert_snippet(source, **config)
    again, _ = convert_snippet(code, **config)
    assert again == code, "a second conversion must change nothing"
    return code, todos


def apart_missing(directory, pins: tuple) -> "str | None":
    """Why packages installed apart (``pip install --target directory``, as .ci/run does for stacks the
    project's own environment cannot hold) are missing, or None. ``pins`` are ``name==version``."""
    for pin in pins:
        name, version = pin.split("==")
        if not (directory / f"{name.replace('-', '_')}-{version}.dist-info").is_dir():
            install = f'.venv/bin/pip install --no-warn-conflicts --target "{directory}" ' + " ".join(
                f'"{p}"' for p in pins)
            return f"{pin} is not installed in {directory} ({install})"
    return None


def convert_files(files: dict, **config) -> dict:
    """A small repository (``{relative path: source}``) through ``migrator convert --write`` in a
    temporary directory: each file's converted source. ``config``: ``Config`` fields."""
    import tempfile
    from pathlib import Path

    from migrator.config import Config
    from migrator.engine import Mode, run

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for relative, source in files.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(source, encoding="utf-8")
        report = run([root], mode=Mode.WRITE, jobs=1, progress=False, config=Config(**config))
        assert not report.failed, report.failed
        return {relative: (root / relative).read_text(encoding="utf-8") for relative in files}


def backoff(indent: int = 8, budget: int = 2000) -> str:
    """``BackoffStrategy(...),`` of a converted client's RetryConfig as migrator lays it out (codemods._layout: one
    keyword a line, a trailing comma), at ``indent`` spaces, each line ending in a newline: what a test's expected
    code writes for it."""
    pad, inner = " " * indent, " " * (indent + 4)
    return (f"{pad}BackoffStrategy(\n{inner}initial_interval=500,\n{inner}max_interval=8000,\n{inner}exponent=2.0,\n"
            f"{inner}max_elapsed_time={budget},\n{pad}),\n")
