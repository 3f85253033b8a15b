"""Discovery: which files the engine considers, and which it skips with a reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_engine_support import write_tree

from migrator.engine.discovery import SourceFile, discover
from migrator.engine.results import Failed, Skipped


def found(*paths, **options) -> list[str]:
    return [item.path for item in discover(paths, **options) if isinstance(item, SourceFile)]


def skipped(*paths, **options) -> dict[str, str]:
    return {item.path: item.reason for item in discover(paths, **options) if isinstance(item, Skipped)}


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_finds_python_files_in_name_order(tree):
    """Only .py files; a directory's files, then its subdirectories, each in name order."""
    write_tree(tree, {"b.py": "", "a/z.py": "", "a/b/c.py": "", "notes.txt": "", "data.json": ""})
    assert found(".") == ["b.py", "a/z.py", "a/b/c.py"]


def test_a_script_run_by_a_python_shebang_is_found(tree):
    """Held-out review 136, Y1 (yousum): bin/yousum, a Python script with no .py suffix named in setup.py's scripts=,
    was never read, its OpenAI calls skipped silently. A shell script or a data file without a suffix is not."""
    write_tree(tree, {"bin/yousum": "#!/usr/bin/env python3\nimport openai\n", "bin/run": "#!/bin/sh\necho hi\n",
                      "LICENSE": "MIT\n", "tool.py": ""})
    assert found(".") == ["tool.py", "bin/yousum"]


def test_default_skipped_directories(tree):
    """.git, virtualenvs (by name or by pyvenv.cfg), node_modules, site-packages, caches, .tox."""
    write_tree(tree, {
        "app.py": "",
        ".git/hooks/x.py": "",
        ".venv/lib/y.py": "",
        "venv/lib/y.py": "",
        "env3/pyvenv.cfg": "home = /usr/bin\n",
        "env3/lib/python3.11/z.py": "",
        "node_modules/pkg/x.py": "",
        "lib/site-packages/openai/__init__.py": "",
        "pkg/__pycache__/m.py": "",
        ".tox/py311/t.py": "",
        "nb/.ipynb_checkpoints/analysis-checkpoint.py": "",  # Jupyter's autosave copies
        "nb/.ipynb_aml_checkpoints/analysis-checkpoint2023.py": "",  # Azure ML Studio's (119, Y2)
        "pkg/mod.py": "",
    })
    assert found(".") == ["app.py", "pkg/mod.py"]


def test_root_gitignore_with_negation_and_directory_patterns(tree):
    write_tree(tree, {
        ".gitignore": "build/\n*_pb2.py\n!keep_pb2.py\n/generated.py\n",
        "build/out.py": "",
        "api_pb2.py": "",
        "keep_pb2.py": "",
        "generated.py": "",
        "sub/generated.py": "",  # "/generated.py" is anchored at the root
        "main.py": "",
    })
    assert found(".") == ["keep_pb2.py", "main.py", "sub/generated.py"]


def test_nested_gitignore_is_relative_to_its_directory_and_overrides_parents(tree):
    write_tree(tree, {
        ".gitignore": "secret*.py\n",
        "pkg/.gitignore": "local.py\n!secret_ok.py\n",
        "pkg/local.py": "",
        "local.py": "",  # pkg/.gitignore does not reach up
        "pkg/secret_ok.py": "",  # re-included by the deeper file
        "pkg/secret_no.py": "",
        "pkg/mod.py": "",
    })
    assert found(".") == ["local.py", "pkg/mod.py", "pkg/secret_ok.py"]


def test_gitignore_above_the_root_applies_inside_a_git_repository(tree):
    """Running on a subdirectory still honours the repository's top-level .gitignore."""
    write_tree(tree, {".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "src/gen/\n",
                      "src/gen/x.py": "", "src/app.py": ""})
    assert found("src") == ["src/app.py"]


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="needs git")
def test_a_file_git_tracks_though_gitignore_matches_it_is_found(tree):
    """Held-out review 28, H2: a notebook committed under an ignored notebooks/ (`git add -f`) was never read:
    no conversion, no TODO, and `--check` passed. Git does not ignore a tracked file; nor does the walk. An
    untracked file there, and one --exclude names, stay out."""
    import subprocess

    write_tree(tree, {".gitignore": "notebooks/\n*.log\n", "notebooks/tts.py": "", "notebooks/scratch.py": "",
                      "notebooks/skip.py": "", "app.py": ""})
    git = ["git", "-c", "user.email=a@b", "-c", "user.name=x"]
    subprocess.run([*git, "init", "-q", "."], check=True)
    subprocess.run([*git, "add", "-f", "notebooks/tts.py", "notebooks/skip.py", "app.py", ".gitignore"], check=True)
    assert found(".") == ["app.py", "notebooks/skip.py", "notebooks/tts.py"]
    assert found(".", exclude=["notebooks/skip.py"]) == ["app.py", "notebooks/tts.py"]
    assert found("notebooks") == ["notebooks/skip.py", "notebooks/tts.py"]


def test_invalid_gitignore_lines_are_dropped_like_git_does(tree):
    write_tree(tree, {".gitignore": "!\n[z-a]\nignored.py\n", "ignored.py": "", "kept.py": ""})
    assert found(".") == ["kept.py"]


def test_invalid_exclude_pattern_is_a_usage_error(tree):
    with pytest.raises(ValueError, match="invalid exclude pattern: '!'"):
        found(".", exclude=["!"])


def test_no_gitignore_option(tree):
    write_tree(tree, {".gitignore": "ignored.py\n", "ignored.py": "", "kept.py": ""})
    assert found(".", respect_gitignore=False) == ["ignored.py", "kept.py"]


def test_exclude_globs_are_gitignore_style(tree):
    write_tree(tree, {"tests/test_a.py": "", "src/a.py": "", "src/legacy/old.py": "", "src/b_test.py": ""})
    assert found(".", exclude=["tests/", "legacy", "*_test.py"]) == ["src/a.py"]


def test_exclude_globs_are_relative_to_the_project_root(tree):
    """The directory holding pyproject.toml anchors patterns, whichever subdirectory is converted."""
    write_tree(tree, {"pyproject.toml": "", "src/gen/x.py": "", "src/app.py": "", "gen/y.py": ""})
    assert found("src", exclude=["src/gen/"]) == ["src/app.py"]
    assert found(".", exclude=["/gen"]) == ["src/app.py", "src/gen/x.py"]


def test_explicit_files_are_always_considered(tree):
    """A file named on the command line is converted even when ignored, excluded, or not *.py."""
    write_tree(tree, {".gitignore": "ignored.py\n", "ignored.py": "", "script": "", "venv/x.py": ""})
    assert found("ignored.py", "script", "venv/x.py", exclude=["ignored.py"]) == [
        "ignored.py", "script", "venv/x.py"]


def test_each_file_is_considered_once(tree):
    write_tree(tree, {"pkg/a.py": ""})
    assert found(".", "pkg", "pkg/a.py") == ["pkg/a.py"]


def test_symlinks_out_of_the_tree_are_skipped_with_a_reason(tree, tmp_path_factory):
    outside = write_tree(tmp_path_factory.mktemp("outside"), {"secret.py": "import openai\n", "lib/x.py": ""})
    write_tree(tree, {"proj/app.py": ""})
    os.symlink(outside / "secret.py", tree / "proj/linked.py")
    os.symlink(outside / "lib", tree / "proj/vendored")
    assert found("proj") == ["proj/app.py"]
    reasons = skipped("proj")
    assert reasons["proj/linked.py"] == f"symlink to {os.path.realpath(outside / 'secret.py')}, outside the tree"
    assert reasons["proj/vendored"].endswith("outside the tree")


def test_symlink_loops_terminate(tree):
    write_tree(tree, {"proj/app.py": ""})
    os.symlink("self.py", tree / "proj/self.py")
    os.symlink("b.py", tree / "proj/a.py")
    os.symlink("a.py", tree / "proj/b.py")
    os.symlink(".", tree / "proj/again")  # a directory link back to its parent
    os.symlink("..", tree / "proj/up")
    assert found("proj") == ["proj/app.py"]
    reasons = skipped("proj")
    assert reasons["proj/self.py"] == "symlink loop"
    assert reasons["proj/a.py"] == reasons["proj/b.py"] == "symlink loop"
    assert "inside the tree" in reasons["proj/again"]
    assert reasons["proj/up"].endswith("outside the tree")


def test_symlink_inside_the_tree_is_not_followed_twice(tree):
    write_tree(tree, {"pkg/real.py": ""})
    os.symlink("real.py", tree / "pkg/alias.py")
    assert found(".") == ["pkg/real.py"]
    assert "inside the tree" in skipped(".")["pkg/alias.py"]


def test_missing_explicit_path_fails_with_a_reason(tree):
    items = list(discover(["nope.py"]))
    assert items == [Failed("nope.py", "no such file or directory")]


def test_paths_outside_the_working_directory_are_absolute(tmp_path_factory, tree):
    other = write_tree(tmp_path_factory.mktemp("other"), {"m.py": ""})
    assert found(other) == [(other / "m.py").as_posix()]


def test_a_committed_setuptools_build_copy_is_not_walked(tmp_path):
    """Held-out review 97, Y8: a committed setuptools `build/lib/` copy of the package was converted and listed first
    in the summary. Beside a packaging file, a build/ holding only lib / bdist.* output is not walked; a build/ package
    of the source (no lib/) still is."""
    from migrator.engine.walk import _setuptools_build

    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup()\n")
    (tmp_path / "build" / "lib" / "pkg").mkdir(parents=True)
    assert _setuptools_build(str(tmp_path / "build"), str(tmp_path))
    (tmp_path / "build" / "tool.py").write_text("x = 1\n")
    assert not _setuptools_build(str(tmp_path / "build"), str(tmp_path))
    (tmp_path / "other" / "build" / "lib").mkdir(parents=True)
    assert not _setuptools_build(str(tmp_path / "other" / "build"), str(tmp_path / "other"))
