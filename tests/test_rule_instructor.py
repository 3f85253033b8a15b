"""MIG111: instructor clients, end to end through the plan (transform_source). Static only: instructor
1.17.0 requires jiter<0.15 and openai 3.57 requires jiter>=0.16, so no differential program can import
both (the mapping is api-mapping.md §13.1, checked there against a loopback server)."""

from __future__ import annotations

import pytest

from mechanics import convert_snippet, backoff


convert = convert_snippet


def test_from_openai_and_its_calls():
    code, todos = convert('''\
        import instructor
        from openai import OpenAI

        client = instructor.from_openai(OpenAI(), mode=instructor.Mode.MISTRAL_TOOLS)

        def extract(text):
            return client.chat.completions.create(model="gpt-4o", response_model=User, seed=7, user="u1",
                                                  max_completion_tokens=64,
                                                  messages=[{"role": "user", "content": text}])

        def partial(text):
            return client.create_partial(model="gpt-4o-mini", response_model=User,
                                         messages=[{"role": "system", "content": text}])
        ''')
    assert "client = instructor.from_mistral(Mistral(\n    retry_config=RetryConfig(\n        \"backoff\",\n" + backoff(8) + "        retry_connection_errors=True,\n    ),\n), mode=instructor.Mode.TOOLS)" in code
    assert ('client.chat.completions.create(model="mistral-large-latest", response_model=User, random_seed=7,\n'
            '                                          max_tokens=64,\n') in code
    assert "user=" not in code and "from mistralai.client import Mistral" in code
    assert 'client.create_partial(model="mistral-small-latest", response_model=User,' in code
    assert todos == ["user dropped: end-user ids are not sent to Mistral"], todos  # as MIG102 says it


def test_a_wrapper_imported_from_instructor_by_name():
    """Held-out review 54, S6 (jxnl/n-levels-of-rag): `from instructor import patch; patch(OpenAI())`, instructor's
    documented form, kept the client ("handed to patch"). It converts like `instructor.patch(...)`: the name read
    only there leaves the import for `from_mistral`; `apatch` adds use_async=True; a name read elsewhere stays."""
    code, todos = convert('''\
        from instructor import patch, Mode
        from openai import OpenAI

        client = patch(OpenAI(), mode=Mode.JSON)
        user = client.chat.completions.create(model="gpt-4o", response_model=User, messages=[])
        ''')
    assert "from instructor import Mode, from_mistral\n" in code, code
    assert "client = from_mistral(Mistral(" in code and "mode=Mode.JSON_SCHEMA)" in code, code
    assert 'model="mistral-large-latest"' in code and not todos, todos
    code, _ = convert('''\
        from instructor import apatch as wrap, patch
        from openai import AsyncOpenAI, OpenAI

        aclient = wrap(AsyncOpenAI())
        other = patch
        ''')
    assert "from instructor import patch, from_mistral\n" in code, code
    assert "aclient = from_mistral(Mistral(" in code and "use_async=True)" in code, code


def test_async_clients_patch_and_a_client_stored_first():
    code, todos = convert('''\
        import instructor
        from openai import AsyncOpenAI, OpenAI

        aclient = instructor.from_openai(AsyncOpenAI())
        raw = OpenAI()
        patched = instructor.patch(raw)
        apatched = instructor.apatch(AsyncOpenAI())

        async def go(q):
            a = await aclient.chat.completions.create(model="gpt-4o", response_model=A, messages=q)
            b = patched.chat.completions.create(model="gpt-4o", response_model=A, messages=q)
            c = await apatched.chat.completions.create(model="gpt-4o", response_model=A, messages=q)
            return a, b, c
        ''')
    assert "aclient = instructor.from_mistral(Mistral(retry_config=MISTRAL_RETRY_CONFIG), use_async=True)" in code
    assert "raw = Mistral(retry_config=MISTRAL_RETRY_CONFIG)" in code and "patched = instructor.from_mistral(raw)" in code
    assert "apatched = instructor.from_mistral(Mistral(retry_config=MISTRAL_RETRY_CONFIG), use_async=True)" in code
    assert code.count("RetryConfig(") == 1  # the three clients share the module's RetryConfig
    assert code.count('model="mistral-large-latest"') == 3 and not todos


@pytest.mark.parametrize("wrap, call, reason", [
    ("instructor.from_openai(OpenAI(), mode=instructor.Mode.PARALLEL_TOOLS)", "", "ModeError"),
    ("instructor.from_openai(OpenAI())", "client.chat.completions.create(model='gpt-4o', response_model=A, **kw)",
     "convert by hand"),
    ("instructor.from_openai(OpenAI())", "client.chat.completions.create(model='gpt-4o', response_model=A, "
     "messages=[{'role': 'function', 'name': 'f', 'content': 'x'}])", "function message"),
    ("instructor.from_openai(OpenAI())", "client.chat.completions.create(model='gpt-4o', response_model=A, "
     "logprobs=True)", "logprobs="),
    # held-out review 42, V3: the calls through an alias of the wrapper's .chat.completions were not seen, and
    # kept model="gpt-4o" on the converted client
    ("instructor.from_openai(OpenAI())", "[completer := client.chat.completions, completer.create(model='gpt-4o', "
     "response_model=A, messages=[])]", "client.chat.completions is kept under another name"),
    ("instructor.from_openai(OpenAI())", "client.chat", "client.chat is kept under another name"),
    # re-review 45, B7: an alias taken straight off the wrap expression
    ("instructor.from_openai(OpenAI()).chat.completions", "client.create(model='gpt-4o', response_model=A, messages=[])",
     "instructor.from_openai(OpenAI()).chat.completions is kept under another name"),
    # re-review 46, D7: a call made on the wrap itself
    ("instructor.from_openai(OpenAI()).chat.completions.create(model='gpt-4o', seed=7, response_model=A, messages=[])",
     "client", "is called on the wrap itself"),
])
def test_what_keeps_the_client(wrap, call, reason):
    code, todos = convert(f"import instructor\nfrom openai import OpenAI\n\nclient = {wrap}\n\n\n"
                          f"def go(kw):\n    return {call or 'None'}\n")
    assert "client = instructor.from_openai(OpenAI()" in code and "Mistral()" not in code
    assert any("kept on OpenAI" in t and reason in t for t in todos), todos


def test_not_on_the_openai_compatible_target():
    source = "import instructor\nfrom openai import OpenAI\n\nclient = instructor.from_openai(OpenAI())\n"
    code, _ = convert(source, target="openai-compatible", provider="mistral")
    assert "instructor.from_openai(OpenAI(" in code and "from_mistral" not in code


def test_a_model_constant_maps_and_a_handed_on_client_blocks():
    code, todos = convert('''\
        import instructor
        from openai import OpenAI

        client = instructor.from_openai(OpenAI())
        MODEL = "gpt-4o-2024-08-06"

        def go(q):
            return client.chat.completions.create(model=MODEL, response_model=A, messages=q)
        ''')
    assert 'MODEL = "mistral-large-latest"' in code and not todos
    code, todos = convert('''\
        import instructor
        from instructor import llm_validator
        from openai import OpenAI

        client = instructor.from_openai(OpenAI())
        check = llm_validator("be nice", client=client)
        ''')
    assert "client = instructor.from_openai(OpenAI())" in code
    assert any("handed to llm_validator" in t for t in todos), todos
    # openai_moderation calls OpenAI's moderation endpoint, not a model (held-out review 81, Y4)
    _, todos = convert('''\
        import instructor
        from instructor import openai_moderation
        from openai import OpenAI

        client = instructor.from_openai(OpenAI())
        check = openai_moderation(client=client)
        ''')
    said = [t for t in todos if "handed to openai_moderation" in t]
    assert said and "client.moderations.create" in said[0] and "gpt-3.5-turbo" not in said[0], todos


def test_from_provider_openai_gets_a_todo_with_the_mistral_provider_string() -> None:
    """skehlet/dailymail: instructor.from_provider("openai/gpt-4o-mini") was left silently on OpenAI."""
    from mechanics import convert_snippet

    code, todos = convert_snippet('import instructor\n\nclient = instructor.from_provider("openai/gpt-4o-mini")\n'
                                  'user = client.chat.completions.create(response_model=User, messages=[])\n')
    assert 'client = instructor.from_provider("openai/gpt-4o-mini")' in code
    assert len(todos) == 1 and '"mistral/mistral-small-latest"' in todos[0]
    _, todos = convert_snippet('import instructor\n\nclient = instructor.from_provider("anthropic/claude-3-5-haiku")\n')
    assert not todos


@pytest.mark.parametrize("spec, shown", [
    ('"openai/gpt-4o"', 'instructor.from_provider("openai/gpt-4o")'),
    ('f"openai/{model}"', "instructor.from_provider(f'openai/{model}')"),
    ('"openai/" + model', "instructor.from_provider('openai/' + model)"),
])
def test_from_provider_alone_in_its_module_and_with_a_run_time_model(spec, shown) -> None:
    """The module has nothing else of OpenAI's (no import, no call): the TODO still comes; a model
    built at run time is named as written (these had been silent)."""
    from mechanics import convert_snippet

    code, todos = convert_snippet(f'import instructor\n\nmodel = "gpt-4o"\nclient = instructor.from_provider({spec})\n')
    assert len(todos) == 1 and todos[0].startswith(shown + " stays on OpenAI"), todos
    assert f"client = instructor.from_provider({spec})" in code


def test_a_getenv_default_model_is_mapped_as_mig102_maps_it() -> None:
    """DaveOkpare/terminal-agent: ``model=os.getenv("MODEL", "gpt-4o")`` on an instructor call had only
    the run-time TODO, so gpt-4o went to Mistral whenever MODEL was unset."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import os
        import instructor
        from openai import OpenAI
        client = instructor.from_openai(OpenAI())
        user = client.chat.completions.create(model=os.getenv("MODEL", "gpt-4o"), response_model=User, messages=[])
        ''')
    assert 'model=os.getenv("MODEL", "mistral-large-latest")' in code
    # (held-out review 84, Y8: the variable is named, not "computed at run time")
    assert len(todos) == 1 and "is read from the environment (MODEL): make sure MODEL holds" in todos[0], todos


def test_a_patched_client_called_without_response_model_keeps_its_client():
    """Probe review: ``instructor.patch(OpenAI())`` answers a call without response_model= with the raw
    completion; the client from_mistral returns requires response_model= (a TypeError)."""
    from mechanics import convert_idempotent

    source = '''\
        import instructor
        from openai import OpenAI
        from pydantic import BaseModel
        class User(BaseModel):
            name: str
        client = instructor.patch(OpenAI())
        u = client.chat.completions.create(model="gpt-4o", response_model=User, messages=[{"role": "user", "content": "Jo"}])
        raw = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "plain"}])
        '''
    code, todos = convert_idempotent(source)
    assert "instructor.patch(OpenAI())" in code and any("a call without response_model=" in t for t in todos), todos
    # what to write instead (held-out review 79, Y5: instructor 1.17 returns the raw completion for None)
    assert any("pass response_model=None there" in t for t in todos), todos
    code, _ = convert_idempotent(source.replace('raw = client.chat.completions.create(model="gpt-4o", messages',
                                                'raw = client.chat.completions.create(model="gpt-4o", response_model=None, '
                                                'messages'))
    assert "instructor.from_mistral(Mistral(" in code, code


def test_instructor_clients_kept_in_a_dict_keep_their_clients():
    """Probe review: ``{"tools": instructor.from_openai(OpenAI(), mode=...), ...}`` looped over: the
    clients became Mistral's while their calls (on the loop variable) kept OpenAI model names (a 400)."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import instructor
        from openai import OpenAI
        from pydantic import BaseModel
        class User(BaseModel):
            name: str
        clients = {
            "tools": instructor.from_openai(OpenAI(), mode=instructor.Mode.TOOLS),
            "schema": instructor.from_openai(OpenAI(), mode=instructor.Mode.JSON_SCHEMA),
        }
        for label, cl in clients.items():
            print(label, cl.chat.completions.create(model="gpt-4o-mini", response_model=User, messages=[]).name)
        ''')
    assert code.count("instructor.from_openai(OpenAI()") == 2, code
    assert any("the instructor client is put in a dict" in t for t in todos), todos
    assert any("this is an instructor call (response_model=)" in t for t in todos), todos


def test_a_module_with_a_kept_and_a_converted_client_of_one_name_is_idempotent():
    """Held-out review 4 (ohmeow/structuredoutputsbyexample): two `client = instructor.from_openai(OpenAI())`
    sections, one kept (autodetect_images=) and one converted; a second run read the name as bound to
    both and rewrote the kept client's TODO with another reason. The first run's TODO stays. Since held-out
    review 51 (M8) both stay: each function reads whichever binding is current when it runs."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import instructor
        from openai import OpenAI
        from pydantic import BaseModel

        client = instructor.from_openai(OpenAI())


        class Product(BaseModel):
            name: str


        def from_image(url):
            return client.chat.completions.create(model="gpt-4o", response_model=Product,
                                                  messages=[{"role": "user", "content": ["Extract", url]}],
                                                  autodetect_images=True)


        client = instructor.from_openai(OpenAI())


        def from_text(text):
            return client.chat.completions.create(model="gpt-4o", response_model=Product,
                                                  messages=[{"role": "user", "content": text}])
        ''')
    assert "instructor.from_mistral(" not in code and any("autodetect_images=" in t for t in todos), todos


def test_a_singletons_client_set_in_new_is_its_methods_self_attribute():
    """Held-out review 51, M7: `cls._instance.aclient = instructor.apatch(AsyncOpenAI(...))` in `__new__` converted
    while `self.aclient.chat.completions.create(..., seed=69)` in a method was not traced to it: seed= reached
    Mistral's chat.complete_async (TypeError). It is the class's self.aclient: the call follows MIG111."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import instructor
        from openai import AsyncOpenAI


        class Service:
            _instance = None

            def __new__(cls):
                if cls._instance is None:
                    cls._instance = super().__new__(cls)
                    cls._instance.aclient = instructor.apatch(AsyncOpenAI())
                return cls._instance

            async def ask(self, prompt, model):
                return await self.aclient.chat.completions.create(
                    model="gpt-4o", messages=[{"role": "user", "content": prompt}], response_model=model, seed=69)
        ''')
    assert "instructor.from_mistral(" in code and "random_seed=69" in code and '"mistral-large-latest"' in code, code
    assert not any("cannot tell which client" in t for t in todos), todos


def test_an_untraced_instructor_calls_todo_names_the_keywords_mistral_needs():
    """Held-out review 51, M7: "keep the call as it is" was the advice for an instructor call on a client migrator
    cannot trace; with seed= it fails on a converted client. The TODO names the keyword changes."""
    from mechanics import convert_idempotent

    _code, todos = convert_idempotent('''\
        import instructor


        def ask(client, model):
            return client.chat.completions.create(model="gpt-4o", response_model=model, seed=1, user="u", messages=[])
        ''')
    assert any("keep its surface, make model= name a Mistral model and its keywords follow Mistral's chat "
               "(seed -> random_seed, drop user=)" in t for t in todos), todos


def test_held_out_167_an_untraced_instructor_call_given_a_dict_of_its_keywords_keeps_its_surface():
    """Held-out review 167, X2 (ku-tcas-connect): `self.client.chat.completions.create(**params)` where params holds
    response_model: the TODO said to convert it to client.chat.complete / client.chat.stream (losing the structured
    result) and called response_model an unknown key. It says what the keyword form's TODO says."""
    from mechanics import convert_idempotent

    _code, todos = convert_idempotent('''\
        import instructor


        def ask(client, response_model, messages):
            params = {"model": "gpt-4o", "max_retries": 3, "response_model": response_model, "messages": messages,
                      "seed": 7, "user": "u1"}
            return client.chat.completions.create(**params)
        ''')
    assert any("this is an instructor call (response_model=): if it receives a client migrator converted "
               "(instructor.from_mistral), keep its surface, make params[\"model\"] name a Mistral model and its "
               "keywords follow Mistral's chat (seed -> random_seed, drop user=)" in t for t in todos), todos
    assert not any("client.chat.complete" in t for t in todos), todos


@pytest.mark.parametrize("held", [False, True])
def test_a_call_sending_instructors_audio_keeps_the_client(held):
    """Held-out review 4 (ohmeow's audio example): instructor 1.17 sends Audio as OpenAI's input_audio part
    in Mistral modes, which mistralai 3.7 serialises as {"type": "UNKNOWN"}: the client stays. Also where the part is
    held in a name first (held-out review 86, Y1: `audio = Audio.from_path(path)` converted the client, silently)."""
    from mechanics import convert_idempotent

    part = "audio" if held else "Audio.from_path(path)"
    code, todos = convert_idempotent(f'''\
        import instructor
        from instructor.multimodal import Audio
        from openai import OpenAI
        from pydantic import BaseModel

        client = instructor.from_openai(OpenAI())


        class Transcript(BaseModel):
            text: str


        def transcribe(path):
            audio = Audio.from_path(path)
            return client.chat.completions.create(model="gpt-4o-mini", response_model=Transcript,
                                                  messages=[{{"role": "user", "content": ["Transcribe.", {part}]}}])
        ''')
    assert "instructor.from_openai(OpenAI())" in code and any("instructor's Audio part" in t for t in todos), todos


def test_a_call_through_an_alias_of_the_wrappers_completions_keeps_the_client():
    """Held-out review 42, V3 (an Instructor helper class): `self.completer = self.client.chat.completions`, then
    `await self.completer.create(model="gpt-4o", ...)`: the client converted, the call kept model="gpt-4o"."""
    code, todos = convert(
        "import instructor\nfrom openai import AsyncOpenAI\n\n\nclass Completer:\n    def __init__(self):\n"
        "        self.client = instructor.patch(AsyncOpenAI())\n        self.completer = self.client.chat.completions\n\n"
        "    async def run(self, text):\n        return await self.completer.create(model=\"gpt-4o\", response_model=A, "
        "messages=[{\"role\": \"user\", \"content\": text}])\n")
    assert "instructor.patch(AsyncOpenAI())" in code and "Mistral(" not in code, code
    assert any("kept on OpenAI" in t and "self.client.chat.completions is kept under another name" in t
               for t in todos), todos


def test_an_instructor_client_handed_to_cast_keeps_its_client():
    """Held-out review 42, V7 (an Instructor singleton): `aclient = cast(AsyncOpenAI, instructor.patch(AsyncOpenAI()))`
    converted the inner client while its calls kept model="gpt-4o" (not traced through cast). A plain client in
    cast() stays, and so does this one."""
    code, todos = convert(
        "from typing import cast\n\nimport instructor\nfrom openai import AsyncOpenAI\n\n"
        "aclient = cast(AsyncOpenAI, instructor.patch(AsyncOpenAI()))\n\n\nasync def run(text):\n"
        "    return await aclient.chat.completions.create(model=\"gpt-4o\", response_model=A, messages=[])\n")
    assert "cast(AsyncOpenAI, instructor.patch(AsyncOpenAI()))" in code and "Mistral(" not in code, code
    assert any("the instructor client is handed to cast(...)" in t for t in todos), todos
    # re-review 43, W10: the call is the kept client's, not an untraced receiver's (no second TODO); a plain one too
    assert not any("cannot tell which client" in t for t in todos), todos
    code, todos = convert("from typing import cast\n\nfrom openai import AsyncOpenAI\n\n"
                          "aclient = cast(AsyncOpenAI, AsyncOpenAI())\n\n\nasync def run(text):\n"
                          "    return await aclient.chat.completions.create(model=\"gpt-4o\", messages=[])\n")
    assert len(todos) == 1 and "handed to cast" in todos[0], todos
    # (re-review 45, B20: and what to do)
    assert "cast(AsyncOpenAI, ...) names the OpenAI type: drop the cast, then run migrator again" in todos[0], todos


@pytest.mark.parametrize("use", [
    "def one(text):\n    return get_client().chat.completions.create(model=\"gpt-4o-mini\", response_model=Item, "
    "messages=[], seed=3)\n",
    "def one(text):\n    c = get_client()\n    return c.chat.completions.create(model=\"gpt-4o-mini\", "
    "response_model=Item, messages=[], seed=3)\n",
])
@pytest.mark.parametrize("where", ["same", "imported"])
def test_an_instructor_client_a_factory_returns_has_its_calls_mapped(use, where):
    """Held-out review 52, O2: `get_client()` returning `instructor.from_openai(OpenAI())` (an lru_cache factory):
    the client converted to from_mistral while the calls on get_client() kept model="gpt-4o-mini" and seed=, with no
    TODO (a TypeError at run time); a module calling it that never names openai was not read at all."""
    from mechanics import convert_files

    factory = ("from functools import lru_cache\n\nimport instructor\nfrom openai import OpenAI\n\n\n"
               "@lru_cache\ndef get_client():\n    return instructor.from_openai(OpenAI())\n")
    caller = "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    name: str\n\n\n" + use
    if where == "same":
        files = {"app.py": factory + "\n\n" + caller}
    else:
        files = {"app/__init__.py": "", "app/llm.py": factory,
                 "app/use.py": "from app.llm import get_client\n" + caller}
    out = convert_files(files)
    code = out.get("app/use.py", out.get("app.py"))
    assert "instructor.from_mistral(" in out.get("app/llm.py", out.get("app.py", "")), out
    assert 'model="mistral-small-latest"' in code and "random_seed=3" in code, code


def test_an_instructor_client_chosen_by_a_condition_keeps_its_calls_with_a_todo():
    """Held-out review 58, Y4 (pgahq/instructor-groq-openai-llm-examples): `client = instructor.from_openai(OpenAI())
    if provider == "openai" else instructor.from_groq(groq.Groq())` was converted, but its call was no use at all:
    model="... else 'gpt-4o-mini'" reached Mistral with no TODO. Mistral's keywords would break the Groq branch, so
    the client stays, and the constructor says why."""
    code, todos = convert('''\
        import groq
        import instructor
        import openai

        provider = "openai"
        client = instructor.from_openai(openai.OpenAI()) if provider == "openai" else instructor.from_groq(groq.Groq())
        user = client.chat.completions.create(
            model="llama-3.1-70b-versatile" if provider == "groq" else "gpt-4o-mini",
            response_model=dict,
            messages=[{"role": "user", "content": "Jason is 25"}],
        )
        ''')
    assert "instructor.from_openai(openai.OpenAI()) if" in code, code
    assert any("client is chosen by a condition among clients: move its OpenAI branch by hand to "
               "instructor.from_mistral(Mistral())" in t for t in todos), todos


def test_an_instructor_calls_conditional_model_literals_map():
    """Held-out review 58, Y4's control: `model="llama-3.1-70b-versatile" if provider == "groq" else "gpt-4o-mini"` on a
    converted instructor client: the OpenAI literal maps, the other gets the unknown-model TODO."""
    code, todos = convert('''\
        import instructor
        import openai

        provider = "openai"
        client = instructor.from_openai(openai.OpenAI())
        user = client.chat.completions.create(
            model="llama-3.1-70b-versatile" if provider == "groq" else "gpt-4o-mini",
            response_model=dict,
            messages=[{"role": "user", "content": "Jason is 25"}],
        )
        ''')
    assert 'model="llama-3.1-70b-versatile" if provider == "groq" else "mistral-small-latest"' in code, code
    assert any(t.startswith("no Mistral model is known for 'llama-3.1-70b-versatile'") for t in todos), todos


def test_a_client_wrapped_under_its_own_name_is_the_wrapper_in_functions_defined_below():
    """Held-out review 65, Y4 (instructor's examples/batch-classification): `client = OpenAI()` then
    `client = instructor.from_openai(client)` at the top, read in a function defined below both: it runs after them
    and sees the wrapper; it was kept ("may see either", "unknown keyword 'response_model'")."""
    code, todos = convert('''\
        import instructor
        from openai import OpenAI

        client = OpenAI()
        client = instructor.from_openai(client)


        def extract(text):
            return client.chat.completions.create(model="gpt-4o-mini", response_model=User,
                                                  messages=[{"role": "user", "content": text}])
        ''')
    assert "client = instructor.from_mistral(client)" in code and 'model="mistral-small-latest"' in code, code
    assert not todos, todos


def test_a_developer_message_of_an_instructor_call_converts_as_system_in_one_run():
    """Held-out review 70, Y3: a developer message kept the instructor client on OpenAI, while MIG104 rewrote it to
    system for the module's plain client: a second run then converted the instructor client (not idempotent, a stale
    "kept on OpenAI" TODO). Alone, the developer message kept the client. instructor hands messages to chat.complete,
    where system is what OpenAI read developer as."""
    messages = "messages=[{'role': 'developer', 'content': 'x'}, {'role': 'user', 'content': 'y'}]"
    for plain in ("", f"raw = OpenAI()\n\n\ndef plain(text):\n    return raw.chat.completions.create(model='gpt-4o', "
                      f"{messages}).choices[0].message.content\n\n\n"):
        code, todos = convert("import instructor\nfrom openai import OpenAI\n\n"
                              f"client = instructor.from_openai(OpenAI())\n{plain}\n\ndef go():\n    return client.chat.completions.create(model='gpt-4o', "
                              f"response_model=A, {messages})\n")
        assert "instructor.from_mistral(" in code and "'developer'" not in code and not todos, (code, todos)


def test_a_mode_parameter_is_named_as_the_callers_with_its_default() -> None:
    """Held-out review 89, Y10 (llmtext): `mode: instructor.Mode = instructor.Mode.MD_JSON` handed to from_openai was
    told it "raises ModeError with Mistral", listing MD_JSON among the modes from_mistral takes."""
    code, todos = convert_snippet("""
        import instructor
        from openai import OpenAI
        from pydantic import BaseModel


        class User(BaseModel):
            name: str


        def extract(text: str, mode: instructor.Mode = instructor.Mode.MD_JSON) -> User:
            client = instructor.from_openai(OpenAI(), mode=mode)
            return client.chat.completions.create(model="gpt-4o-mini", response_model=User, messages=[])
        """)
    assert "mode=mode comes from the caller (default instructor.Mode.MD_JSON)" in code, code
    assert "mode=mode raises ModeError" not in code, code


def test_a_client_patched_in_place_is_told_so_not_an_unknown_keyword():
    """Held-out review 93, Y5 (hassancs91/AI-Marketing-Army-Tester): `client = OpenAI()` then `instructor.patch(client)`
    as a statement: the client was kept for "unknown keyword 'response_model'", which reads as a typo. The TODO names
    the patch and the form migrator converts."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import instructor
        from openai import OpenAI
        from pydantic import BaseModel

        client = OpenAI()
        instructor.patch(client)


        class User(BaseModel):
            name: str


        def extract(text):
            return client.chat.completions.create(model="gpt-4o-mini", response_model=User,
                                                  messages=[{"role": "user", "content": text}])
        ''')
    assert "client = OpenAI()" in code, code
    # (no line number: the TODO written above the client made it stale, and a second run rewrote it)
    assert any("response_model= is instructor's: instructor.patch(client) patches the client in place; write "
               "client = instructor.from_openai(OpenAI(...)) instead" in t for t in todos), todos
    assert not any("unknown keyword" in t for t in todos), todos


@pytest.mark.parametrize("getter", [
    "_client = None\n\n\ndef get_client():\n    global _client\n    if _client is None:\n"
    "        _client = instructor.from_openai(OpenAI())\n    return _client\n",
    "_client = instructor.from_openai(OpenAI())\n\n\ndef get_client():\n    return _client\n",
])
def test_calls_on_a_module_singleton_a_getter_returns_follow_the_converted_wrapper(getter):
    """Held-out review 94, Y5: `get_client()` building `instructor.from_openai(OpenAI())` into a module global on first
    use (or returning one): the client converted, and the calls on `client = get_client()` kept model="gpt-4o-mini",
    neither converted nor reported. The getter's returned name is followed to its values (the None placeholder
    aside)."""
    from mechanics import convert_idempotent

    source = ("import instructor\nfrom openai import OpenAI\nfrom pydantic import BaseModel\n\n\n"
              "class Event(BaseModel):\n    title: str\n\n\n" + getter +
              "\n\ndef extract_event(text):\n    client = get_client()\n"
              "    event, completion = client.chat.completions.create_with_completion(\n"
              '        model="gpt-4o-mini", response_model=Event, messages=[{"role": "user", "content": text}])\n'
              "    return event\n")
    code, todos = convert_idempotent(source)
    assert "instructor.from_mistral(Mistral(" in code and 'model="mistral-small-latest"' in code, code
    assert "gpt-4o-mini" not in code and not todos, (code, todos)


@pytest.mark.parametrize("getter, unpack", [
    ("_client = None\n\n\ndef get_client():\n    global _client\n    if _client is None:\n"
     "        _client = instructor.from_openai(OpenAI())\n    return _client, \"openai\"\n", "client, _ = get_client()"),
    ("def get_client():\n    return instructor.from_openai(OpenAI()), \"openai\"\n", "(client, provider) = get_client()"),
    ("async def get_client():\n    return instructor.from_openai(OpenAI()), \"openai\"\n",
     "[client, provider] = await get_client()"),
])
def test_calls_on_a_client_a_getter_returns_in_a_tuple_follow_the_converted_wrapper(getter, unpack):
    """Held-out review 116, Y1: a lazy getter returning `(_client, provider)` and its callers unpacking
    `client, _ = get_client()`: the wrapper converted, and the call on `client` kept model="gpt-4o-mini" with "cannot
    tell which client" (the app's request went to Mistral with an OpenAI model). The unpacked element is followed to
    the getter's returned tuples, as `client = get_client()` is."""
    from mechanics import convert_idempotent

    source = ("import instructor\nfrom openai import OpenAI\nfrom pydantic import BaseModel\n\n\n"
              "class Event(BaseModel):\n    title: str\n\n\n" + getter +
              "\n\nasync def extract_event(text):\n    " + unpack + "\n"
              "    event, completion = client.chat.completions.create_with_completion(\n"
              '        model="gpt-4o-mini", response_model=Event, messages=[{"role": "user", "content": text}])\n'
              "    return event\n")
    code, todos = convert_idempotent(source)
    assert "instructor.from_mistral(Mistral(" in code and 'model="mistral-small-latest"' in code, code
    assert "gpt-4o-mini" not in code and not todos, (code, todos)


def test_a_getter_whose_tuples_disagree_leaves_its_unpacked_client_untraced():
    """The other side of review 116, Y1: a getter returning `(wrapper, 1)` on one path and what the plan cannot
    trace on another: the unpacked element may be either, so the client stays, its TODO saying why (as with the same
    getter returning the wrapper alone)."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent(
        "import instructor\nfrom openai import OpenAI\nfrom pydantic import BaseModel\n\n\nclass Event(BaseModel):\n"
        "    title: str\n\n\ndef get_client(flag):\n    if flag:\n        return instructor.from_openai(OpenAI()), 1\n"
        "    return load_other()\n\n\n"
        "def extract_event(text):\n    client, provider = get_client(True)\n"
        "    return client.chat.completions.create(\n"
        "        model=\"gpt-4o-mini\", response_model=Event, messages=[{\"role\": \"user\", \"content\": text}])\n")
    assert any("client may be the client or its instructor wrapper here: convert by hand" in t for t in todos), \
        (code, todos)
    assert 'model="gpt-4o-mini"' in code and "from_openai(OpenAI())" in code, code


def test_an_instructor_call_on_an_untraced_receiver_is_said_to_be_one():
    """Held-out review 94, Y9: `client, provider = registry.get_client()` (an untraced getter): the call on it was
    told "create_with_completion(...) has no Mistral equivalent", an instructor method from_mistral's client has; the
    TODO says it reads like an instructor call and that its model= must then name a Mistral model."""
    from mechanics import convert_idempotent

    _, todos = convert_idempotent(
        "import instructor\nfrom openai import OpenAI\nfrom pydantic import BaseModel\n\n\nclass Event(BaseModel):\n"
        "    title: str\n\n\nclient = instructor.from_openai(OpenAI())\n\n\n"
        "def extract_event(text, registry):\n    client, provider = registry.get_client()\n"
        "    event, completion = client.chat.completions.create_with_completion(\n"
        "        model=\"gpt-4o-mini\", response_model=Event, messages=[{\"role\": \"user\", \"content\": text}])\n"
        "    return event\n")
    untraced = [t for t in todos if t.startswith("the receiver is not traced")]
    assert untraced and "has no Mistral equivalent" not in untraced[0], todos
    assert "reads like an instructor client's call" in untraced[0] and "model='gpt-4o-mini' must then name a " \
        "Mistral model" in untraced[0], untraced


def test_a_class_field_named_openai_does_not_keep_the_openai_import():
    """Held-out review 101, Y12: `class Agent: openai: OpenAI` then `self.openai = openai.OpenAI()` converted, and
    `import openai` stayed (the field's name read as a use of the module), keeping openai in requirements.txt."""
    from mechanics import convert_snippet

    code, _ = convert_snippet('''\
        import instructor
        import openai
        from openai import OpenAI
        from pydantic import BaseModel


        class Plan(BaseModel):
            steps: list[str]


        class Agent:
            openai: OpenAI

            def __init__(self):
                self.openai = openai.OpenAI()
                self.client = instructor.from_openai(self.openai)

            def plan(self, goal):
                return self.client.chat.completions.create(model="gpt-4o", response_model=Plan,
                                                           messages=[{"role": "user", "content": goal}])
        ''')
    assert "import openai" not in code and "from openai" not in code, code
    assert "    openai: Mistral\n" in code and "instructor.from_mistral(self.openai)" in code, code


def test_a_reasoning_model_sent_through_instructor_is_told_instructor_parses_a_str():
    """Held-out review 103, Y8: an `o4-mini` constant sent through instructor's JSON mode became the reasoning
    magistral-medium-latest, whose chunk-list content instructor's parsing fails on; the TODO said to join the chunks
    "where the code reads it", which instructor does."""
    from mechanics import convert_snippet

    _, todos = convert_snippet('''\
        import instructor
        from openai import OpenAI
        from pydantic import BaseModel

        client = instructor.from_openai(OpenAI(), mode=instructor.Mode.JSON)
        GRAPH_MODEL = "o4-mini-2025-04-16"


        class Graph(BaseModel):
            nodes: list[str]


        def graph(text):
            return client.chat.completions.create(model=GRAPH_MODEL, response_model=Graph,
                                                  messages=[{"role": "user", "content": text}])
        ''')
    assert any("instructor reads it here, and its modes parse a str" in t and
               "--model o4-mini-2025-04-16=mistral-large-latest" in t for t in todos), todos


def test_held_out_123_parallel_tools_mode_names_the_mode_to_switch_to():
    """Held-out review 123, Y3 (instructor-typing-sample): `from_openai(OpenAI(), mode=Mode.PARALLEL_TOOLS)` with
    `response_model=Iterable[Weather | GoogleSearch]` was only told "raises ModeError"; TOOLS takes that model on
    Mistral (api-mapping §13.1), and once switched the file converts exactly."""
    from mechanics import convert_snippet

    source = '''\
        from typing import Iterable

        import instructor
        import openai
        from pydantic import BaseModel


        class Weather(BaseModel):
            location: str


        class Search(BaseModel):
            query: str


        client = instructor.from_openai(openai.OpenAI(), mode=instructor.Mode.PARALLEL_TOOLS)
        calls = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}],
                                               response_model=Iterable[Weather | Search])
        '''
    code, todos = convert_snippet(source)
    assert any("(mode=instructor.Mode.PARALLEL_TOOLS raises ModeError with Mistral: switch to mode=instructor.Mode"
               ".TOOLS, then run migrator again)" in t for t in todos), todos
    code, todos = convert_snippet(source.replace("PARALLEL_TOOLS", "TOOLS"))
    assert "instructor.from_mistral(Mistral(" in code and not todos, (code, todos)


def test_held_out_138_an_attribute_patched_in_place_in_init_is_the_instructor_client_in_other_methods():
    """Held-out review 138, X2: `self.client = AsyncOpenAI()` then `self.client = instructor.patch(self.client)` in
    __init__, read in a method: a client stored first and wrapped later is the same client (issue 8, surface 10); it
    was kept with "patched by instructor where migrator does not see it"."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import instructor
        from openai import AsyncOpenAI
        from pydantic import BaseModel


        class User(BaseModel):
            name: str


        class Provider:
            def __init__(self):
                self.client = AsyncOpenAI()
                self.client = instructor.patch(self.client)

            async def extract_user(self, text):
                return await self.client.chat.completions.create(
                    model="gpt-4o-mini", messages=[{"role": "user", "content": text}], response_model=User
                )
        ''')
    assert not todos and "self.client = instructor.from_mistral(self.client, use_async=True)" in code, (code, todos)
    assert 'model="mistral-small-latest"' in code and "AsyncOpenAI" not in code, code


def test_held_out_143_a_pytest_fixture_returning_an_instructor_client_converts_with_the_tests_calls():
    """Held-out review 143, X1 (hica): the fixture `instructor_client()` returning
    `instructor.from_openai(AsyncOpenAI())` converted, while the test receiving it kept model="gpt-3.5-turbo" under
    "cannot tell which client it holds"."""
    from mechanics import convert_files

    out = convert_files({"tests/test_api.py": (
        "import instructor\nimport pytest\nfrom openai import AsyncOpenAI\nfrom pydantic import BaseModel\n\n\n"
        "class Answer(BaseModel):\n    answer: str\n\n\n@pytest.fixture\ndef instructor_client():\n"
        "    return instructor.from_openai(AsyncOpenAI())\n\n\nasync def test_answer(instructor_client):\n"
        "    r = await instructor_client.chat.completions.create(\n"
        "        model=\"gpt-3.5-turbo\", response_model=Answer, messages=[])\n"
        "    assert isinstance(r.answer, str)\n")})
    code = out["tests/test_api.py"]
    assert "instructor.from_mistral(Mistral(" in code and 'model="mistral-small-latest"' in code, code
    assert "cannot tell" not in code, code


def test_a_raw_completion_read_past_a_usage_detail_keeps_the_instructor_client() -> None:
    """Held-out review 151, Y2: `user, completion = client.chat.completions.create_with_completion(...)`, then
    `completion.usage.prompt_tokens_details.cached_tokens`: converted with only MIG105's TODO, the read raised
    AttributeError on Mistral's usage. The client stays, as a plain call's does; a guarded read converts."""
    from mechanics import convert_files

    code = ("import instructor\nfrom openai import OpenAI\nfrom pydantic import BaseModel\n\n\n"
            "class UserDetail(BaseModel):\n    name: str\n\n\nclient = instructor.from_openai(OpenAI())\n"
            "user, completion = client.chat.completions.create_with_completion(\n    model=\"gpt-4o-mini\",\n"
            "    response_model=UserDetail,\n    messages=[{\"role\": \"user\", \"content\": \"Jason is 25\"}],\n)\n"
            "print(user, completion.usage.prompt_tokens_details.cached_tokens)\n")
    out = convert_files({"app.py": code})["app.py"]
    assert "instructor.from_openai(OpenAI())" in out, out
    assert "the raw completion is read as completion.usage.prompt_tokens_details.cached_tokens" in out, out
    plain = code.replace("completion.usage.prompt_tokens_details.cached_tokens", "completion.usage.total_tokens")
    assert "instructor.from_mistral(" in convert_files({"app.py": plain})["app.py"]
