"""MIG104: chat message literals."""

from __future__ import annotations

from libcst.codemod import CodemodTest  # noqa: F401
from mechanics import MechanicsTest

from codemods.chat_messages import ChatMessages


class TestMessages(MechanicsTest):
    TRANSFORM = ChatMessages

    def test_noop(self) -> None:
        """Messages Mistral reads as is, and modules without OpenAI, are left alone."""
        code = """
            from openai import OpenAI
            messages = [{"role": "system", "content": "x"}, {"role": "user", "content": [{"type": "text", "text": "y"}]}]
        """
        self.assertCodemod(code, code)

    def test_tool_call_ids_the_app_writes(self) -> None:
        """Literal ids of tool calls and tool results become Mistral's 9 letters and digits, the same
        old id always the same new one (so a call and its result still match); ids already in that
        shape, and ids read from a response, are left alone."""
        before = """
            from openai import OpenAI
            history = [
                {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
                {"role": "tool", "tool_call_id": 'call_1', "content": "ok"},
                {"role": "tool", "tool_call_id": "abcDEF123", "content": "ok"},
                {"role": "tool", "tool_call_id": call.id, "content": "ok"},
            ]
        """
        after = """
            from openai import OpenAI
            history = [
                {"role": "assistant", "tool_calls": [{"id": "SDuU76nh7", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
                {"role": "tool", "tool_call_id": 'SDuU76nh7', "content": "ok"},
                {"role": "tool", "tool_call_id": "abcDEF123", "content": "ok"},
                {"role": "tool", "tool_call_id": call.id, "content": "ok"},
            ]
        """
        self.assertCodemod(before, after)

    def test_a_tool_call_id_built_by_the_app_gets_a_todo(self) -> None:
        before = """
            from openai import OpenAI
            result = {"role": "tool", "tool_call_id": f"call_{i}", "content": "ok"}
            call = {"id": str(uuid.uuid4()), "type": "function", "function": {"name": "f", "arguments": "{}"}}
        """
        after = """
            from openai import OpenAI
            # TODO(migrator MIG104): tool-call id built here: Mistral takes ids of exactly 9 letters and digits (a 400 otherwise); build it in that shape, e.g. uuid.uuid4().hex[:9]
            result = {"role": "tool", "tool_call_id": f"call_{i}", "content": "ok"}
            # TODO(migrator MIG104): tool-call id built here: Mistral takes ids of exactly 9 letters and digits (a 400 otherwise); build it in that shape, e.g. uuid.uuid4().hex[:9]
            call = {"id": str(uuid.uuid4()), "type": "function", "function": {"name": "f", "arguments": "{}"}}
        """
        self.assertCodemod(before, after)

    def test_developer_role_name_and_parts(self) -> None:
        """developer -> system; name on a user message -> TODO; input_audio / file parts reshaped."""
        before = """
            from openai import OpenAI
            messages = [
                {"role": "developer", "content": "Be brief."},
                {"role": "user", "content": "hi", "name": "bob"},
                {"role": "user", "content": [
                    {"type": "input_audio", "input_audio": {"data": b64, "format": "wav"}},
                    {"type": "file", "file": {"file_id": "file-1"}},
                ]},
            ]
        """
        after = """
            from openai import OpenAI
            # TODO(migrator MIG104): name on a user message: Mistral drops it silently; put it in the content if the model needs it
            messages = [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "hi", "name": "bob"},
                {"role": "user", "content": [
                    {"type": "input_audio", "input_audio": b64},
                    {"type": "file", "file_id": "file-1"},
                ]},
            ]
        """
        self.assertCodemod(before, after)


    def test_name_on_a_system_message_gets_the_todo(self) -> None:
        """Held-out review 117, Y3 (langgraph-study): OpenAI's few-shot idiom, system messages named "example_user" /
        "example_assistant": mistralai 3.7's SystemMessage has no name (dropped silently, checked on the wire), so the
        examples reached Mistral as bare instructions. The TODO says to write them as user / assistant turns."""
        before = """
            from openai import OpenAI
            messages = [
                {"role": "system", "content": "Classify the text.", "name": "rules"},
                {"role": "system", "name": "example_user", "content": "AI is evolving fast"},
                {"role": "system", "name": "example_assistant", "content": "true"},
            ]
        """
        after = """
            from openai import OpenAI
            # TODO(migrator MIG104): name on a system message: Mistral drops it silently; put it in the content if the model needs it
            # TODO(migrator MIG104): name on a system message: Mistral drops it silently; OpenAI's few-shot "example_user" / "example_assistant" system messages become bare instructions: write each example as a user / assistant turn
            messages = [
                {"role": "system", "content": "Classify the text.", "name": "rules"},
                {"role": "system", "name": "example_user", "content": "AI is evolving fast"},
                {"role": "system", "name": "example_assistant", "content": "true"},
            ]
        """
        self.assertCodemod(before, after)


class TestLegacyFunctionRole(MechanicsTest):
    TRANSFORM = ChatMessages

    def test_function_role_gets_todo(self) -> None:
        """A legacy function result message needs a tool_call_id Mistral requires: TODO."""
        before = """
            import openai
            messages.append({"role": "function", "name": "f", "content": "42"})
        """
        after = """
            import openai
            # TODO(migrator MIG104): legacy {"role": "function"} result: Mistral needs {"role": "tool", "tool_call_id": <id of the tool call it answers>, "name": ..., "content": ...}
            messages.append({"role": "function", "name": "f", "content": "42"})
        """
        self.assertCodemod(before, after)

    def test_function_result_with_its_tool_call_id_becomes_a_tool_message(self) -> None:
        """A legacy function result that names the tool call it answers is Mistral's tool message."""
        before = """
            import openai
            history.append({"role": "function", "name": call.function.name, "content": "42", "tool_call_id": call.id})
        """
        after = """
            import openai
            # TODO(migrator MIG104): this is now a tool message: Mistral answers it with a 400 unless the assistant message holding that tool call (message.tool_calls) comes earlier in the history, which OpenAI's function role did not need; append the assistant turn before the results if the code does not
            history.append({"role": "tool", "name": call.function.name, "content": "42", "tool_call_id": call.id})
        """
        self.assertCodemod(before, after)


def test_a_function_result_without_tool_call_id_keeps_the_client():
    """beishangogogo/python_projects: the legacy function-calling loop (functions=, then a
    {"role": "function"} result with no id). mistralai rejects the role before sending and Mistral's
    tool message needs the id of the assistant's tool call: the client stays, with the reason."""
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        import openai
        messages = [{"role": "user", "content": "top products?"}]
        response = openai.chat.completions.create(model="gpt-3.5-turbo-0613", messages=messages, functions=FUNCTIONS)
        messages.append(response.choices[0].message)
        messages.append({"role": "function", "name": "find_product", "content": "[]"})
        print(openai.chat.completions.create(model="gpt-3.5-turbo-0613", messages=messages).choices[0].message.content)
        ''')
    assert "chat.complete(" not in code and "Mistral(" not in code
    assert any('legacy {"role": "function"} result without tool_call_id' in todo for todo in todos), todos


def test_a_function_result_that_cannot_reach_a_calls_own_message_list_does_not_keep_its_client():
    """Held-out review 42, V4 (chatgpt-telegram-bot): an audit log's {"role": "function"} dict in another method
    kept a summariser's client on OpenAI, though its call sends a list literal bound in its own function and read
    nowhere else. A list the function also appends to, or the module's, still keeps it."""
    from mechanics import convert_snippet

    helper = '''\
        from openai import OpenAI
        client = OpenAI()

        class Helper:
            def log_function(self, name, content):
                self.audit.append({"role": "function", "name": name, "content": content})

            def summarise(self, text):
                messages = [{"role": "system", "content": "Summarize"}, {"role": "user", "content": text}]
                {extra}
                return client.chat.completions.create(model="gpt-4o", messages=messages).choices[0].message.content
        '''
    code, todos = convert_snippet(helper.replace("{extra}", "pass"))
    assert "client.chat.complete(" in code, code
    code, todos = convert_snippet(helper.replace("{extra}", "messages.extend(self.audit)"))
    assert "client.chat.complete(" not in code, code
    assert any('legacy {"role": "function"} result without tool_call_id' in todo for todo in todos), todos
    code, todos = convert_snippet(helper.replace("{extra}", "messages += self.audit"))  # (re-review 45, B28)
    assert "client.chat.complete(" not in code, code
    # re-review 43, W2: the call's own list holding the function result (or a function_call turn) still keeps it
    own = helper.replace('{"role": "user", "content": text}]',
                         '{"role": "user", "content": text}, {"role": "function", "name": "f", "content": "1"}]')
    code, todos = convert_snippet(own.replace("{extra}", "pass"))
    assert "client.chat.complete(" not in code, code
    turn = helper.replace('{"role": "user", "content": text}]', '{"role": "user", "content": text}, '
                          '{"role": "assistant", "content": None, "function_call": {"name": "f", "arguments": "{}"}}]')
    code, todos = convert_snippet(turn.replace("{extra}", "pass"))
    assert "client.chat.complete(" not in code, code


def test_a_function_result_with_its_id_converts_with_the_client():
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        import json
        from openai import OpenAI
        client = OpenAI()

        def answer(tool_call, history):
            history.append({"role": "function", "name": tool_call.function.name, "content": json.dumps(1),
                            "tool_call_id": tool_call.id})

        def ask(history):
            return client.chat.completions.create(model="gpt-4o", messages=history).choices[0].message
        ''')
    assert 'history.append({"role": "tool", "name": tool_call.function.name' in code
    assert "client.chat.complete(" in code and len(todos) == 1 and "now a tool message" in todos[0], todos


def test_a_function_result_in_a_module_that_never_adds_the_assistant_turn_keeps_the_client():
    """Senior review (Chainlit's archive/openai-functions): the results became tool messages, but the
    module never appends the assistant message holding the calls: every follow-up request a 400."""
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        import json
        from openai import OpenAI
        client = OpenAI()

        def answer(tool_call, history):
            history.append({"role": "function", "name": tool_call.function.name, "content": json.dumps(1),
                            "tool_call_id": tool_call.id})

        def ask(history):
            message = client.chat.completions.create(model="gpt-4o", messages=history).choices[0].message
            for tool_call in message.tool_calls or []:
                answer(tool_call, history)
            history.append({"role": "user", "content": "go on"})
            return message
        ''')
    assert "client = OpenAI()" in code and '"role": "function"' in code
    assert any("becomes a tool message, which Mistral rejects unless the assistant message" in t for t in todos), todos


def test_a_responses_image_part_without_detail_gets_openais_default():
    """openai/simple-evals (and a probe review): {"type": "input_image", "image_url": ...} without
    "detail": OpenAI defaults it to "auto", mistralai's request model requires it (a ValidationError
    before sending). It is added after "type", or first where a **splat before "type" may set it;
    a part that sets it and a module whose Responses calls stay on OpenAI are left alone."""
    from mechanics import convert_idempotent

    source = '''\
        from openai import OpenAI
        client = OpenAI()
        extra = {}
        def ask(url, q):
            r = client.responses.create(model="gpt-4o", input=[{"role": "user", "content": [
                {"type": "input_text", "text": q},
                {"type": 'input_image', "image_url": url},
                {**extra, "type": "input_image", "image_url": url},
                {"image_url": url, "type": "input_image"},
                {"type": "input_image", "image_url": url, "detail": "low"}]}])
            return r.output_text
        '''
    code, _ = convert_idempotent(source)
    assert """{"type": 'input_image', "detail": "auto", "image_url": url}""" in code, code
    assert '{"detail": "auto", **extra, "type": "input_image", "image_url": url}' in code, code
    assert '{"image_url": url, "type": "input_image", "detail": "auto"}' in code, code
    assert '{"type": "input_image", "image_url": url, "detail": "low"}' in code, code
    kept, _ = convert_idempotent(source.replace('input=[', 'store=True, input=['))
    assert "client = OpenAI()" in kept and '"detail": "auto"' not in kept, kept


def test_a_developer_constant_is_rewritten_where_the_module_converts_chat_and_responses_calls() -> None:
    """Session review: a module converting chat and Responses calls left `PERSONA = {"role":
    "developer"}` (used through `msgs += ...` in the chat call) as it was: mistralai's chat rejected it.
    A Responses item (`"type": "message"`) keeps developer, which Mistral's Responses API takes."""
    from mechanics import convert_idempotent

    code, _ = convert_idempotent('''\
        from openai import OpenAI

        client = OpenAI()
        PERSONA = {"role": "developer", "content": "Be brief."}
        ITEM = {"role": "developer", "content": "Be brief.", "type": "message"}


        def chat(q):
            msgs = [PERSONA]
            msgs += [{"role": "user", "content": q}]
            return client.chat.completions.create(model="gpt-4o", messages=msgs).choices[0].message.content


        def respond(q):
            return client.responses.create(model="gpt-4o", input=[ITEM, {"role": "user", "content": q}]).output_text
        ''')
    assert 'PERSONA = {"role": "system", "content": "Be brief."}' in code
    assert 'ITEM = {"role": "developer", "content": "Be brief.", "type": "message"}' in code


def test_a_tool_without_parameters_gets_the_empty_schema_where_chat_converts() -> None:
    """Held-out review 48, H8: a no-argument tool (``{"type": "function", "function": {"name": ...}}``) passed through,
    and mistralai rejected every call (``Tool.function.parameters Field required``; api-mapping.md §6.1). A tool
    call in a message (it has an "id" and "arguments") is no definition."""
    from mechanics import convert_idempotent

    code, _ = convert_idempotent(
        "from openai import OpenAI\n\nclient = OpenAI()\nTOOLS = [{'type': 'function', 'function': {'name': 'now'}}]\n"
        "r = client.chat.completions.create(model='gpt-4o', messages=[{'role': 'assistant', 'tool_calls': [{'id': "
        "'abc123def', 'type': 'function', 'function': {'name': 'now', 'arguments': '{}'}}]}], tools=TOOLS)\n")
    assert "{'name': 'now', 'parameters': {'type': 'object', 'properties': {}}}" in code, code
    assert "{'name': 'now', 'arguments': '{}'}" in code, code
    # a module whose chat calls stay on OpenAI: left as it is
    code, _ = convert_idempotent(
        "from openai import OpenAI\n\nclient = OpenAI()\nTOOLS = [{'type': 'function', 'function': {'name': 'now'}}]\n"
        "r = client.chat.completions.create(model='gpt-4o', messages=[], tools=TOOLS)\nclient.images.generate(prompt='x')\n")
    assert "'parameters'" not in code, code


def test_a_forced_tool_choice_is_no_tool_definition() -> None:
    """Corpus (ai-cookbook): ``tool_choice={"type": "function", "function": {"name": name}}`` got "parameters" from the
    H8 rule; a definition is an element of a tools list (or describes itself)."""
    from mechanics import convert_idempotent

    code, _ = convert_idempotent(
        "from openai import OpenAI\n\nclient = OpenAI()\n"
        "r = client.chat.completions.create(model='gpt-4o', messages=[], tools=[{'type': 'function', 'function': "
        "{'name': 'now'}}], tool_choice={'type': 'function', 'function': {'name': 'now'}})\n")
    assert "tool_choice={'type': 'function', 'function': {'name': 'now'}}" in code, code
    assert "tools=[{'type': 'function', 'function': {'name': 'now', 'parameters':" in code, code


def test_a_history_loaded_from_storage_with_tools_gets_the_tool_call_id_todo() -> None:
    """Held-out review 64, X3: a tool loop whose history is saved to and loaded from a JSON file replayed OpenAI's
    call_... ids to Mistral (a 400 on every message), with no TODO; a history built in memory gets none."""
    from mechanics import convert_idempotent

    source = (
        "import json\nfrom pathlib import Path\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"
        "TOOLS = [{'type': 'function', 'function': {'name': 'now', 'parameters': {'type': 'object'}}}]\n"
        "STORE = Path('history.json')\n\n\ndef chat(text):\n"
        "    messages = json.loads(STORE.read_text()) if STORE.exists() else []\n"
        "    messages.append({'role': 'user', 'content': text})\n"
        "    msg = client.chat.completions.create(model='gpt-4o', messages=messages, tools=TOOLS).choices[0].message\n"
        "    messages.append(msg.model_dump(exclude_none=True))\n"
        "    STORE.write_text(json.dumps(messages))\n    return msg.content\n")
    code, todos = convert_idempotent(source)
    assert any(t.startswith("messages=messages is loaded with json.loads(...): a history saved before the migration "
                            "holds OpenAI's tool-call ids") for t in todos), todos
    assert "client.chat.complete(model=" in code
    _, todos = convert_idempotent(source.replace("json.loads(STORE.read_text()) if STORE.exists() else []", "[]"))
    assert not any("tool-call ids" in t for t in todos), todos
    _, todos = convert_idempotent(source.replace(", tools=TOOLS", ""))
    assert not any("tool-call ids" in t for t in todos), todos
    # loaded by a function of the module (held-out review 135, X1: `messages = load_history(session_id)`)
    helper = source.replace("def chat(text):\n    messages = json.loads(STORE.read_text()) if STORE.exists() else []\n",
                            "def load_history():\n    return [json.loads(line) for line in STORE.read_text().splitlines()]"
                            "\n\n\ndef chat(text):\n    messages = load_history()\n")
    assert "messages = load_history()" in helper
    _, todos = convert_idempotent(helper)
    assert any(t.startswith("messages=messages is load_history()'s, which loads it with json.loads(...): a history "
                            "saved before the migration holds OpenAI's tool-call ids") for t in todos), todos


def test_a_name_on_an_assistant_message_or_one_whose_role_is_computed_gets_the_todo() -> None:
    """Held-out review 65, X3: a multi-user bot's history `{"role": role, "name": author, ...}` (role "assistant" if
    the bot spoke, else "user"): mistralai's user and assistant messages have no name, so the speakers merged,
    unflagged (only a literal "user" role got the TODO)."""
    from mechanics import convert_idempotent

    source = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef reply(channel, bot_id):\n    history = []\n"
              "    for m in channel:\n        role = 'assistant' if m.author_id == bot_id else 'user'\n"
              "        history.append({'role': role, 'name': m.author_name, 'content': m.text})\n"
              "    return client.chat.completions.create(model='gpt-4o-mini', messages=history)\n")
    _, todos = convert_idempotent(source)
    assert "name on a message whose role is computed (Mistral keeps a name on tool results only): Mistral drops it " \
           "silently; put it in the content if the model needs it" in todos, todos
    _, todos = convert_idempotent(source.replace("'role': role", "'role': 'assistant'"))
    assert any(t.startswith("name on an assistant message: Mistral drops it silently") for t in todos), todos
    _, todos = convert_idempotent(source.replace("'role': role", "'role': 'tool', 'tool_call_id': 'abcdefghi'"))
    assert not any(t.startswith("name on") for t in todos), todos


def test_a_function_result_made_by_the_apps_message_class_keeps_the_client() -> None:
    """Held-out review 75, X2 (BenderV/autochat): the history is `[m.to_openai_dict() for m in self.history]` of the
    app's Message class, and the loop appends `Message(role="function", name=..., content=...)`: functions= became
    tools= with no TODO, and the second turn sent {"role": "function"}, which mistralai 3.7 rejects (a
    ValidationError). A function result made by a message class keeps the client, as a dict literal's does."""
    from mechanics import convert_files

    model = ("class Message:\n    def __init__(self, role, content=None, name=None, function_call=None):\n"
             "        self.role, self.content, self.name = role, content, name\n\n"
             "    def to_openai_dict(self):\n        return {\"role\": self.role, \"content\": self.content}\n")
    chat = ("from openai import OpenAI\n\nfrom model import Message\n\nFUNCTIONS = [{\"name\": \"get_time\", "
            "\"parameters\": {\"type\": \"object\", \"properties\": {}}}]\n\n\nclass Chat:\n"
            "    def __init__(self):\n        self.client = OpenAI()\n        self.history = []\n\n"
            "    def fetch(self):\n        messages = [m.to_openai_dict() for m in self.history]\n"
            "        res = self.client.chat.completions.create(model=\"gpt-4o\", messages=messages, "
            "functions=FUNCTIONS)\n        return res.choices[0].message\n\n"
            "    def run(self, question):\n        self.history.append(Message(\"user\", question))\n"
            "        reply = self.fetch()\n        if reply.function_call:\n"
            "            self.history.append({role}name=reply.function_call.name, content=\"12:00\"))\n"
            "        return reply.content\n")
    for role in ('Message(role="function", ', 'Message("function", '):
        out = convert_files({"model.py": model, "chat.py": chat.replace("{role}", role)})["chat.py"]
        assert "OpenAI()" in out and 'legacy {"role": "function"} result without tool_call_id' in out, out
    # an assistant message: no function result, but the reply fetch() returns is read as reply.function_call, which
    # Mistral's message does not have (held-out review 79, X1: a returned message is followed to its reads)
    out = convert_files({"model.py": model, "chat.py": chat.replace("{role}", 'Message("assistant", ')})["chat.py"]
    assert "OpenAI()" in out and "read in run() as reply.function_call" in out, out


def test_a_kept_clients_own_developer_message_stays_beside_a_converted_client():
    """Held-out review 101, Y5: `vision.chat.completions.create(model="o3-mini", messages=[{"role": "developer", ...}])`
    on a client kept on OpenAI (images.generate) became "system" because another client of the module converted. A
    literal in a kept call's messages= stays as the call is; one a converted call takes is still rewritten."""
    from mechanics import convert_snippet

    code, _ = convert_snippet('''\
        from openai import OpenAI

        fast = OpenAI()
        vision = OpenAI()


        def summarize(text):
            r = fast.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "developer", "content": "brief"}])
            return r.choices[0].message.content


        def ask(text):
            r = vision.chat.completions.create(model="o3-mini", messages=[{"role": "developer", "content": "brief"}])
            return r.choices[0].message.content


        def draw(p):
            return vision.images.generate(model="dall-e-3", prompt=p).data[0].url
        ''')
    assert 'fast.chat.complete(model="mistral-small-latest", messages=[{"role": "system", "content": "brief"}])' in code
    assert 'vision.chat.completions.create(model="o3-mini", messages=[{"role": "developer", "content": "brief"}])' \
        in code, code


def test_a_responses_inputs_developer_role_stays_beside_a_chat_call():
    """Held-out review 101, Y11 (llm-zoomcamp agents notebook): `chat_messages = [{"role": "developer", ...}]` read
    only as `client.responses.create(input=chat_messages)` became "system" because the module also had a chat call;
    mistralai 3.7's Responses input takes the developer role (ResponsesEasyInputMessage)."""
    from mechanics import convert_snippet

    code, _ = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()

        chat_messages = [
            {"role": "developer", "content": "You're a course teaching assistant."},
            {"role": "user", "content": "Can I still join the course?"},
        ]
        response = client.responses.create(model="gpt-4o-mini", input=chat_messages)
        inline = client.responses.create(model="gpt-4o-mini", input=[{"role": "developer", "content": "brief"}])


        def llm(prompt):
            r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
            return r.choices[0].message.content
        ''')
    assert code.count('"role": "developer"') == 2 and '"system"' not in code, code


def test_a_developer_role_in_a_helper_reached_through_a_package_reexport_becomes_system(tmp_path):
    """Held-out review 104, X1 (ai-agent-v2): `init_message` adding `role="developer"` in lib/history.py, imported
    through lib/__init__.py's re-export (`from lib import init_message`), was never read: every converted chat call
    failed before sending (mistralai rejects the role). Imported from its own module, it was rewritten."""
    from migrator.config import Config
    from migrator.engine.runner import Mode, run

    (tmp_path / "lib").mkdir()
    (tmp_path / "main.py").write_text(
        "from lib import client, init_message, get_messages\n\ninit_message('Answer in one sentence.')\n"
        "r = client.chat.completions.create(model='gpt-4o-mini', messages=get_messages())\n")
    (tmp_path / "lib/__init__.py").write_text("from .config import client\nfrom .history import init_message, "
                                              "get_messages\n")
    (tmp_path / "lib/config.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n")
    (tmp_path / "lib/history.py").write_text(
        "_messages = []\n\n\ndef add_message(content=None, role='user'):\n"
        "    _messages.append({'role': role, 'content': content})\n\n\ndef init_message(content):\n"
        "    add_message(role='developer', content=content)\n\n\ndef get_messages():\n    return list(_messages)\n")
    run([str(tmp_path)], config=Config(respect_gitignore=False), mode=Mode.WRITE, jobs=1, progress=False)
    assert "add_message(role='system', content=content)" in (tmp_path / "lib/history.py").read_text()


def test_held_out_127_a_developer_role_through_a_name_or_a_helpers_position_becomes_system():
    """Held-out review 127, X1 (fefe-discord): `SYSTEM_ROLE = "developer"` read as a message's role, `"developer" if
    reasoning else "system"`, and `to_message("developer", text)` converted their calls with no TODO, and mistralai
    rejected the role before sending (fixtures/programs/developer_role.py runs them). A name bound to "developer"
    that is no message's role (an access-control dict without content) stays."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI

        client = OpenAI()
        SYSTEM_ROLE = "developer"
        ACCESS_ROLE = "developer"
        MEMBERS = {"jo": {"user": "jo", "role": ACCESS_ROLE}}


        def to_message(role, text):
            return {"role": role, "content": text}


        def ask(q, reasoning):
            lead = "developer" if reasoning else "system"
            messages = [{"role": SYSTEM_ROLE, "content": "Be brief."}, {"role": lead, "content": "No lists."},
                        to_message("developer", "French."), {"role": "user", "content": q}]
            return client.chat.completions.create(model="gpt-4o", messages=messages).choices[0].message.content
        ''')
    assert 'SYSTEM_ROLE = "system"\n' in code and '    lead = "system"\n' in code, code
    assert 'to_message("system", "French.")' in code and 'ACCESS_ROLE = "developer"\n' in code, code
    assert not todos, todos


def test_held_out_139_a_scripts_rebound_message_list_is_not_tainted_by_a_later_function_result():
    """Held-out review 139, Y2 (a course notebook): `messages = [user]`, a call, `messages` rebound, another call,
    then `messages.append({"role": "function", ...})` and a third call: all three stayed with the function-result
    reason, though the first call's list never holds one. The list the result is appended to keeps its calls."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import openai

        functions = [{"name": "get_weather", "parameters": {"type": "object", "properties": {}}}]

        messages = [{"role": "user", "content": "hi!"}]
        response = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=messages, functions=functions)
        print(response.choices[0].message.content)

        messages = [{"role": "user", "content": "Weather in Boston?"}]
        response = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=messages, functions=functions)
        messages.append({"role": "function", "name": "get_weather", "content": "72F"})
        response = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=messages)
        print(response.choices[0].message.content)
        ''')
    assert code.count("mistral_client.chat.complete(") == 1 and code.count("= openai.ChatCompletion.create(") == 2, code
    assert code.index("mistral_client.chat.complete(") < code.index('"Weather in Boston?"'), code
    assert sum('legacy {"role": "function"} result without tool_call_id' in t for t in todos) == 2, todos


def test_held_out_139_a_named_message_handed_to_another_library_gets_no_name_todo():
    """Held-out review 139, X5 (agentic-labs, mem0): `msg = {"role": role, "name": name, ...}` handed only to
    `mem.add([msg])` got "name on a message ...: Mistral drops it silently; put it in the content" though it never
    reaches a chat call (mem0 reads its actor id from name). A history item built the same way still does."""
    from mechanics import convert_snippet

    source = '''\
        from openai import OpenAI

        client = OpenAI()


        def remember(mem, role, name, content):
            msg = {"role": role, "name": name, "content": content}
            mem.add([msg], run_id="demo", infer=False)


        reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
        print(reply.choices[0].message.content)
        '''
    _, todos = convert_snippet(source)
    assert not any("name on a message" in t for t in todos), todos
    _, todos = convert_snippet(source.replace("mem.add([msg], run_id=\"demo\", infer=False)", "history.append(msg)"))
    assert any("name on a message whose role is computed" in t for t in todos), todos
