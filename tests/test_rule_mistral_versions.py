"""MIG122: a module written for mistralai 1.x / 0.x in a project converted to mistralai 3.x."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from migrator.config import Config
from migrator.engine import Mode, run

CHAT = ('from openai import OpenAI\n\nclient = OpenAI()\n'
        'print(client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content)\n')
OCR = textwrap.dedent('''\
    """OCR, written for mistralai 1.x."""
    import os

    from mistralai import Mistral, SDKError  # the SDK
    from mistralai.models import UserMessage
    from mistralai.utils import BackoffStrategy, RetryConfig

    client = Mistral(api_key=os.environ.get("MISTRAL_API_KEY", "k"))
    RETRY = RetryConfig("backoff", BackoffStrategy(1, 2, 1.5, 10), False)
    HELLO = UserMessage(content="hello")
    ERRORS = (SDKError,)
    ''')


def _write(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")


def _todos(report) -> list[str]:
    return [f.message for r in report.results for f in getattr(r, "findings", ()) if f.kind == "todo"]


def test_a_mistralai_1x_module_gets_the_3x_import_paths_and_imports_with_the_installed_sdk(tmp_path):
    """Held-out review 5 (wilganfauzan): `from mistralai import Mistral` (OCR) stayed beside the converted
    code's mistralai 3.x: ImportError once the requirements moved to mistralai>=3.7,<4."""
    _write(tmp_path, {"chat.py": CHAT, "ocr.py": OCR, "requirements.txt": "openai\nmistralai\n"})
    failed = subprocess.run([sys.executable, "-c", "import ocr"], cwd=tmp_path, capture_output=True, text=True)
    assert "ImportError" in failed.stderr  # mistralai 3.7 is what the tests run with
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert report.exit_code == 0
    ocr = (tmp_path / "ocr.py").read_text(encoding="utf-8")
    assert "from mistralai.client import Mistral  # the SDK\n" in ocr, ocr
    assert "from mistralai.client.models import UserMessage\n" in ocr
    assert "from mistralai.client.utils import BackoffStrategy, RetryConfig\n" in ocr
    assert "from mistralai.client.errors import SDKError\n" in ocr
    done = subprocess.run([sys.executable, "-c", "import ocr; print(type(ocr.client).__name__, ocr.HELLO.role)"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.split() == ["Mistral", "user"], done.stderr
    assert (tmp_path / "requirements.txt").read_text() == "mistralai>=3.7,<4\n"
    assert run([tmp_path], mode=Mode.CHECK, jobs=1, progress=False).exit_code == 0


def test_old_apis_and_renamed_names_get_a_todo_and_stay(tmp_path):
    old = "from mistralai.client import MistralClient\nfrom mistralai.models import BatchJobOut\nimport mistralai_azure\n"
    _write(tmp_path, {"chat.py": CHAT, "old.py": old})
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    text = (tmp_path / "old.py").read_text(encoding="utf-8")
    assert text.count("# TODO(migrator MIG122)") == 3, text
    assert [line for line in text.splitlines() if not line.startswith("#")] == old.splitlines()  # left as they are
    todos = _todos(report)
    assert any(t.startswith("mistralai 0.x API (mistralai.client)") for t in todos), todos
    assert any(t.startswith("mistralai 1.x import: BatchJobOut is not in mistralai 3.x") for t in todos), todos
    assert any(t.startswith("mistralai_azure is mistralai 1.x's separate package") for t in todos), todos


def test_nothing_changes_when_nothing_moves_to_mistralai(tmp_path):
    kept = 'import openai\n\nopenai.ChatCompletion.create(**kwargs)\n'  # kept: nothing converts
    _write(tmp_path, {"chat.py": kept, "ocr.py": OCR})
    run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    assert (tmp_path / "ocr.py").read_text(encoding="utf-8") == OCR
    _write(tmp_path, {"chat.py": CHAT})
    config = Config(target="openai-compatible", provider="scaleway")
    run([tmp_path], config=config, mode=Mode.WRITE, jobs=1, progress=False)
    assert (tmp_path / "ocr.py").read_text(encoding="utf-8") == OCR


def test_module_imports_get_a_todo_and_1x_submodules_move(tmp_path):
    """Re-review: `import mistralai; mistralai.Mistral(...)` and `import mistralai.models as mm` broke under the
    new pin with no word; `from mistralai.models.sdkerror import SDKError` (1.x) was called 0.x."""
    _write(tmp_path, {"chat.py": CHAT,
                      "a.py": "import mistralai\n\nclient = mistralai.Mistral(api_key='k')\n",
                      "b.py": "import mistralai.models as mm\n\nchunk = mm.DocumentURLChunk(document_url='u')\n",
                      "c.py": "from mistralai.models.sdkerror import SDKError\n"})
    report = run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    todos = _todos(report)
    assert any(t.startswith("mistralai 1.x: `import mistralai` then mistralai.<name>") for t in todos), todos
    assert any(t.startswith("mistralai 1.x: `import mistralai.models` then") for t in todos), todos
    assert (tmp_path / "c.py").read_text(encoding="utf-8") == "from mistralai.client.errors import SDKError\n"


def test_an_aliased_1x_import_spanning_three_modules_is_split_with_its_alias(tmp_path):
    """Held-out review 173, X2 (WaitThatShouldntWork/InferGPT): `from mistralai import UNSET, Mistral as MistralApi,
    UserMessage` was left to be rewritten by hand (ImportError under 3.x), where the same import without the alias was
    split. The statement stays for the aliased name's module, the others are imported apart; it imports."""
    module = ("from mistralai import UNSET, Mistral as MistralApi, UserMessage\n\n"
              "CLIENT = MistralApi(api_key='k')\nHELLO = UserMessage(content='hi')\nNOTHING = UNSET\n")
    _write(tmp_path, {"chat.py": CHAT, "m.py": module})
    run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    text = (tmp_path / "m.py").read_text(encoding="utf-8")
    assert "from mistralai.client import Mistral as MistralApi\n" in text and "TODO" not in text, text
    done = subprocess.run([sys.executable, "-c", "import m; print(type(m.CLIENT).__name__, m.HELLO.role)"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.split() == ["Mistral", "user"], done.stderr


def test_a_parenthesised_aliased_1x_import_keeps_its_layout_and_comment(tmp_path):
    """Review of session 89: `from mistralai import (\n    UNSET,  # sentinel\n    Mistral as M,  # the client\n
    UserMessage,  # a message\n)` split into `from mistralai.client import (\n    Mistral as M)`, its comments lost. The
    name kept stays on its line with its comment, the parenthesis on a line of its own; the module imports."""
    module = ("from mistralai import (\n    UNSET,  # sentinel\n    Mistral as M,  # the client\n"
              "    UserMessage,  # a message\n)\n\nCLIENT = M(api_key='k')\nHELLO = UserMessage(content='hi')\n"
              "NOTHING = UNSET\n")
    _write(tmp_path, {"chat.py": CHAT, "m.py": module})
    run([tmp_path], mode=Mode.WRITE, jobs=1, progress=False)
    text = (tmp_path / "m.py").read_text(encoding="utf-8")
    assert text.startswith("from mistralai.client import (\n    Mistral as M,  # the client\n)\n"), text
    done = subprocess.run([sys.executable, "-c", "import m; print(type(m.CLIENT).__name__, m.HELLO.role)"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.split() == ["Mistral", "user"], done.stderr
    assert run([tmp_path], mode=Mode.CHECK, jobs=1, progress=False).exit_code == 0
