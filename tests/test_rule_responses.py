"""MIG110: responses.create on converted clients, end to end through the plan (transform_source).
Behaviour over sockets: fixtures/programs/responses_*.py in test_differential.py."""

from __future__ import annotations

import pytest

from mechanics import convert_snippet, backoff

OUTPUT_TEXT = ('"".join(part.text for item in {0}.output if item.type == "message" '
               'for part in item.content if part.type == "output_text")')


convert = convert_snippet


def test_text_reads_pinned_store_and_models():
    code, todos = convert('''\
        from openai import AsyncOpenAI, OpenAI
        client = OpenAI()
        aclient = AsyncOpenAI()

        def ask(q):
            r = client.responses.create(model="gpt-4o", input=q, store=False, extra_headers={"x-app": "a"})
            print(r.id, r.usage.total_tokens)
            return r.output_text

        async def ask_async(q):
            return (await aclient.responses.create(model="gpt-4o-mini", input=q)).output_text
        ''')
    assert ('r = client.responses.create(model="mistral-large-latest", input=q, http_headers={"x-app": "a"})'
            in code)
    assert "return _output_text(r)" in code and code.count("def _output_text(response) -> str:") == 1
    assert "print(r.id, r.usage.total_tokens)" in code
    assert 'return _output_text(await aclient.responses.create_async(model="mistral-small-latest", input=q))' in code
    assert "client = Mistral(" in code and "aclient = Mistral(" in code
    assert not todos


def test_a_reused_name_is_followed_in_source_order():
    code, _ = convert('''\
        from openai import OpenAI
        client = OpenAI()
        response = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "a"}])
        print(response.choices[0].message.content)
        response = client.responses.create(model="gpt-4o", input="b")
        print(response.output_text)
        response = {"output_text": "mine"}
        ''')
    assert "print(response.choices[0].message.content)" in code
    assert "print(_output_text(response))" in code


@pytest.mark.parametrize("call, reason", [
    ('client.responses.create(model="gpt-4o", input=q, previous_response_id=prev).output_text', "stateless"),
    ('client.responses.create(model="gpt-4o", input=q, store=True).output_text', "store=True"),
    ('client.responses.create(model="gpt-4o", input=q, text={"format": {"type": "json_object"}}).output_text',
     "silently drops"),
    ('client.responses.create(model="gpt-4o", input=q, tools=[{"type": "web_search"}]).output_text',
     "function tools only"),
    # the built-in tool's counterpart among Mistral's agent tools (held-out review 79, X9)
    ('client.responses.create(model="gpt-4o", input=q, tools=[{"type": "image_generation"}]).output_text',
     'an agent with the {"type": "image_generation"} tool'),
    ('client.responses.create(model="gpt-4o", input=q, tools=[{"type": "file_search"}]).output_text',
     'an agent with the {"type": "document_library"} tool'),
    ('client.responses.create(model="gpt-4o", input=q, tools=make_tools()).output_text', "built at run time"),
    ('client.responses.create(model="gpt-4o", input=q, reasoning={"effort": "low", "summary": "auto"})'
     '.output_text', "effort only"),
    ('client.responses.create(model="gpt-4o", input=q, **opts).output_text', "convert by hand"),
    ('client.responses.create(model="gpt-4o", input=q)', "used as a whole"),
    ('client.responses.create(model="gpt-4o", input=q).output_parsed', "not on Mistral's response"),
])
def test_what_keeps_the_client(call, reason):
    code, todos = convert(f'''\
        from openai import OpenAI
        client = OpenAI()

        def ask(q, prev=None, opts={{}}):
            return {call}
        ''')
    assert "client = OpenAI()" in code and "client.responses.create(" in code and '"".join(' not in code
    assert any("kept on OpenAI" in t and reason in t for t in todos), todos


def test_a_run_time_effort_converts():
    """Held-out review 16, K1: `reasoning={"effort": effort}` (a parameter) kept the client as "reasoning= other
    than {"effort": ...}"; it is exactly what Mistral takes (its effort literals cover OpenAI's)."""
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def ask(q, effort="medium"):
            return client.responses.create(model="gpt-4o", input=q, reasoning={"effort": effort}).output_text
        ''')
    assert 'client.responses.create(model="mistral-large-latest", input=q, reasoning={"effort": effort})' in code, code
    assert not any("kept on OpenAI" in t for t in todos), todos


def test_a_rebinding_loop_keeps_the_client():
    body = ('    r = client.responses.create(model="gpt-4o", input=q)\n'
            '    for r in [r]:\n'
            '        print(r.output_text)\n')
    code, todos = convert("from openai import OpenAI\nclient = OpenAI()\n\ndef f(q):\n" + body)
    assert "client = OpenAI()" in code and any("kept on OpenAI" in t for t in todos), todos


def test_a_streamed_response_loop_reads_each_frames_event():
    """stream=True: Mistral's stream yields frames whose .data is the event, with OpenAI's event types
    and fields; the one loop over the stream (the call, or the name bound to it) unwraps them."""
    code, todos = convert('''\
        from openai import AsyncOpenAI, OpenAI
        client = OpenAI()
        aclient = AsyncOpenAI()

        def f(q):
            for event in client.responses.create(model="gpt-4o", input=q, stream=True):
                if event.type == "response.output_text.delta":
                    print(event.delta, end="")
                elif event.type == "response.completed":
                    print(event.response.usage.output_tokens)

        async def g(q):
            stream = await aclient.responses.create(model="gpt-4o", input=q, stream=True)
            async for event in stream:
                if event.type == "response.output_item.done" and event.item.type == "function_call":
                    print(event.item.name, event.item.arguments)
        ''')
    assert not todos, todos
    assert ('for event in (frame.data for frame in client.responses.create(model="mistral-large-latest", input=q, '
            'stream=True)):') in code, code
    assert 'stream = await aclient.responses.create_async(model="mistral-large-latest", input=q, stream=True)' in code
    assert "async for event in (frame.data async for frame in stream):" in code
    again, _ = convert(code)
    assert again == code


@pytest.mark.parametrize("body, reason", [
    ('    stream = client.responses.create(model="gpt-4o", input=q, stream=True)\n'
     '    for event in stream:\n        print(event.type)\n    return stream\n', "bound or read more than once"),
    ('    for event in client.responses.create(model="gpt-4o", input=q, stream=True):\n'
     '        handle(event)\n', "used as a whole"),
    ('    for event in client.responses.create(model="gpt-4o", input=q, stream=True):\n'
     '        print(event.response.output_text)\n', "event.response.output_text"),
    ('    for event in client.responses.create(model="gpt-4o", input=q, stream=True):\n'
     '        print(event.obfuscation)\n', "event.obfuscation: not on Mistral's stream events"),
    ('    with client.responses.create(model="gpt-4o", input=q, stream=True) as s:\n'
     '        pass\n', "used other than iterated by one for loop"),
    ('    for event in client.responses.create(model="gpt-4o", input=q, stream=flag):\n'
     '        print(event.type)\n', "stream= computed at run time"),
])
def test_what_keeps_a_streamed_responses_client(body, reason):
    code, todos = convert("from openai import OpenAI\nclient = OpenAI()\n\ndef f(q, flag, handle):\n" + body)
    assert "client = OpenAI()" in code and any("kept on OpenAI" in t and reason in t for t in todos), todos


def test_a_tools_constant_of_function_tools_converts():
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()
        WEATHER = {"type": "function", "name": "w", "parameters": {"type": "object", "properties": {}}}
        TOOLS = [WEATHER]

        def f(q):
            r = client.responses.create(model="gpt-4o", input=q, tools=TOOLS, tool_choice="auto")
            return [(i.name, i.arguments, i.call_id) for i in r.output if i.type == "function_call"]
        ''')
    assert 'client.responses.create(model="mistral-large-latest", input=q, tools=TOOLS, tool_choice="auto")' in code
    assert not todos


def test_an_untraced_receiver_gets_a_todo():
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()
        client.chat.completions.create(model="gpt-4o", messages=[])

        def f(svc, q):
            return svc.client.responses.create(model="gpt-4o", input=q).output_text
        ''')
    assert "svc.client.responses.create(" in code
    assert any("migrator cannot tell which client it holds" in t and "responses.create" in t for t in todos)


def test_the_helper_name_taken_means_inline():
    code, _ = convert(
        "from openai import OpenAI\nfrom util import _output_text\nclient = OpenAI()\n"
        "r = client.responses.create(model='gpt-4o', input='x')\nprint(r.output_text, _output_text)\n")
    assert "print(" + OUTPUT_TEXT.format("r") + ", _output_text)" in code and "def _output_text" not in code


def test_idempotent():
    code, _ = convert('''\
        from openai import OpenAI
        client = OpenAI()
        r = client.responses.create(model="gpt-4o", input="x")
        print(r.output_text)
        ''')
    again, todos = convert(code)
    assert again == code and not todos


def test_literal_message_items_get_the_type_mistralai_declares():
    code, _ = convert('''\
        from openai import OpenAI
        client = OpenAI()
        r = client.responses.create(model="gpt-4o", input=[{"role": "user", "content": "x"}, {"type": "message", "role": "user", "content": "y"}])
        print(r.output_text)
        ''')
    assert ('input=[{"role": "user", "content": "x", "type": "message"}, '
            '{"type": "message", "role": "user", "content": "y"}]') in code


def test_parse_goes_through_chat_parse():
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def extract(text: str):
            r = client.responses.parse(model="gpt-4o", input=[{"role": "developer", "content": "Extract."},
                                                              {"role": "user", "content": text}],
                                       text_format=Event, max_output_tokens=9)
            return r.output_parsed

        first = client.responses.parse(model="gpt-4o", input="a text", instructions="Extract.", text_format=Event,
                                       store=False).output_parsed
        ''')
    assert ('r = client.chat.parse(model="mistral-large-latest", messages=[{"role": "system", "content": "Extract."},\n'
            + " " * 66 + '{"role": "user", "content": text}],\n'
            + " " * 26 + 'response_format=Event, max_tokens=9)') in code  # aligned again (_realign)
    assert "return r.choices[0].message.parsed" in code
    assert ('first = client.chat.parse(model="mistral-large-latest", messages=[{"role": "system", "content": '
            '"Extract."}, {"role": "user", "content": "a text"}], response_format=Event).choices[0].message.parsed'
            in code)
    assert not todos


def test_parse_read_through_its_output_items_goes_through_chat_parse():
    """Held-out review 148, Y6 (martinseen/assistant): `response.output[0].content[0].parsed`, OpenAI's documented
    path to the parsed object, kept the client on OpenAI (with two convertible parse calls beside it). It is
    output_parsed spelled out: read as `.choices[0].message.parsed`; another read of .output still keeps the call."""
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def extract(text: str):
            response = client.responses.parse(model="gpt-4o", instructions="Extract.", input=text, text_format=Event)
            return response.output[0].content[0].parsed
        ''')
    assert "return response.choices[0].message.parsed" in code and "client.chat.parse(" in code, code
    assert not todos, todos
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def extract(text: str):
            response = client.responses.parse(model="gpt-4o", instructions="Extract.", input=text, text_format=Event)
            return response.output[0].content[1].parsed
        ''')
    assert "client.responses.parse(" in code and todos, (code, todos)


@pytest.mark.parametrize("call, reason", [
    ('client.responses.parse(model="gpt-4o", input=items, text_format=E).output_parsed', "may hold Responses items"),
    ('client.responses.parse(model="gpt-4o", input=q, text_format=E).output',
     "responses.parse becomes chat.parse here, and of the Responses result only"),
    ('client.responses.parse(model="gpt-4o", input=q, text_format=E, tools=[]).output_parsed', "no chat.parse"),
    ('client.responses.parse(model="gpt-4o", input=[{"type": "function_call_output", "call_id": "c", '
     '"output": "x"}], text_format=E).output_parsed', "role/content messages"),
    # held-out review 69, Y1: an image part became {"type": "UNKNOWN", ...} on the wire of chat.parse
    ('client.responses.parse(model="gpt-4o", input=[{"role": "user", "content": [{"type": "input_text", "text": q}, '
     '{"type": "input_image", "image_url": q}]}], text_format=E).output_parsed', "content parts other than text"),
])
def test_what_keeps_a_parse_client(call, reason):
    code, todos = convert(f'''\
        from openai import OpenAI
        client = OpenAI()

        def ask(q: str, items: list):
            return {call}
        ''')
    assert "client = OpenAI()" in code and "client.responses.parse(" in code
    assert any("kept on OpenAI" in t and reason in t for t in todos), todos


def test_fim_and_what_keeps_a_legacy_completion():
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def fill(head, tail):
            r = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=head, suffix=tail, seed=3)
            return r.choices[0].text, r.usage.total_tokens
        ''')
    assert 'r = client.fim.complete(model="codestral-latest", prompt=head, suffix=tail, random_seed=3)' in code
    assert "return r.choices[0].message.content, r.usage.total_tokens" in code and not todos
    for call in ('client.completions.create(model="gpt-3.5-turbo-instruct", prompt=p).choices[0].text',
                 'client.completions.create(model="m", prompt=p, suffix=s, best_of=2).choices[0].text',
                 '[c.text for c in client.completions.create(model="m", prompt=p, suffix=s).choices]'):
        code, todos = convert(f"from openai import OpenAI\nclient = OpenAI()\n\ndef f(p, s):\n    return {call}\n")
        assert "client = OpenAI()" in code and any("kept on OpenAI" in t for t in todos), (call, todos)


def test_the_helper_is_set_apart_by_two_blank_lines():
    for gap in ("\n", "\n\n", "\n\n\n"):
        code, _ = convert("from openai import OpenAI\n" + gap + "client = OpenAI()\n"
                          "print(client.responses.create(model='gpt-4o', input='x').output_text)\n")
        assert "from mistralai.client import Mistral\nfrom mistralai.client.utils import BackoffStrategy, RetryConfig\n\n\ndef _output_text(response) -> str:\n" in code
        assert "    )\n" + max(gap, "\n\n") + "client = Mistral(\n    retry_config=RetryConfig(\n        \"backoff\",\n" + backoff(8) + "        retry_connection_errors=True,\n    ),\n)\n" in code, code


def test_a_result_name_also_bound_to_another_value_keeps_the_client():
    # read after two branches: the source-order binding is the converted call, but the name may hold
    # the cached value, whose reads would have to work too (MIG110 and MIG112 alike)
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        from openai import OpenAI
        client = OpenAI()

        def run(cached):
            if cached:
                r = cached
            else:
                r = client.responses.create(model="gpt-4o", input="hi")
            return r.output_text

        def fill(head, tail, cached):
            c = cached
            if c is None:
                c = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=head, suffix=tail)
            return c.choices[0].text
        ''')
    assert "client = OpenAI()" in code and "r.output_text" in code and "c.choices[0].text" in code
    assert any("r is also assigned cached in this scope and read where either" in t and "c is also assigned cached" in t for t in todos), todos
    # every binding a call of the same API: the reads are that result's, whichever branch ran
    code, todos = convert_snippet('''\
        from openai import OpenAI
        client = OpenAI()

        def run(short):
            if short:
                r = client.responses.create(model="gpt-4o", input="hi", max_output_tokens=5)
            else:
                r = client.responses.create(model="gpt-4o", input="hi")
            return r.output_text
        ''')
    assert not todos, todos
    assert "return _output_text(r)" in code


def test_only_the_checked_loop_is_unwrapped_wherever_it_sits():
    """Probe review: a loop inside try / with / a nested generator was skipped (the codemod never saw
    it: the call converted, its frames reached event.type), a later loop over another stream of the
    same name was unwrapped, and a loop written above the assignment was missed."""
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()
        legacy = OpenAI(base_url="http://localhost:11434/v1")

        def ask(q, parts):
            stream = client.responses.create(model="gpt-4o", input=q, stream=True)
            try:
                for event in stream:
                    if event.type == "response.output_text.delta":
                        parts.append(event.delta)
            except KeyboardInterrupt:
                pass

        def local(q):
            stream = legacy.responses.create(model="llama3", input=q, stream=True)
            for event in stream:
                print(event.type)

        def render():
            for event in shown:
                print(event.type)

        shown = client.responses.create(model="gpt-4o", input="Hello", stream=True)
        ''')
    assert code.count("(frame.data for frame in stream)") == 1, code
    assert "        for event in (frame.data for frame in stream):\n            if event.type" in code
    assert "    stream = legacy.responses.create(model=\"llama3\", input=q, stream=True)\n    for event in stream:" in code
    assert "    for event in (frame.data for frame in shown):" in code
    again, _ = convert(code)
    assert again == code


def test_an_async_stream_event_read_after_its_loop_keeps_the_client():
    """Probe review: only sync loops were checked for a read of the last event after the loop."""
    code, todos = convert('''\
        from openai import AsyncOpenAI
        client = AsyncOpenAI()

        async def ask(q):
            stream = await client.responses.create(model="gpt-4o", input=q, stream=True)
            async for event in stream:
                pass
            return event.response.output_text
        ''')
    assert "client = AsyncOpenAI()" in code
    assert any("read after the loop (the last event of the stream)" in t for t in todos), todos


def test_a_formatted_string_input_is_text_for_parse():
    """Held-out review 23, U3 (daily_arxiv_digest): `input=self.user_message.format(...)` (a class-level template)
    and `input="Title: {t}".format(t=title)` kept the client ("may hold Responses items"); they are text."""
    code, todos = convert('''\
        from openai import OpenAI
        from pydantic import BaseModel


        class E(BaseModel):
            topic: str


        class Reader:
            user_message = "Title: {title}"

            def __init__(self):
                self.client = OpenAI()

            def read(self, title):
                return self.client.responses.parse(model="gpt-4o-mini", input=self.user_message.format(title=title),
                                                   text_format=E).output_parsed


        def literal(title):
            return OpenAI().responses.parse(model="gpt-4o-mini", input="Title: {t}".format(t=title),
                                            text_format=E).output_parsed
        ''')
    assert code.count(".chat.parse(") == 2 and "may hold Responses items" not in " ".join(todos), (code, todos)


def test_the_output_parsed_of_a_call_awaited_through_wait_for_is_rewritten() -> None:
    """Held-out review 40, S1 (llm_for_css): `await asyncio.wait_for(client.responses.parse(...), timeout=10)`
    converted to chat.parse_async, but `response.output_parsed` was left: AttributeError on every item."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import asyncio

        from openai import AsyncOpenAI
        from pydantic import BaseModel


        class Sentiment(BaseModel):
            score: float


        client = AsyncOpenAI()


        async def classify(text: str):
            response = await asyncio.wait_for(
                client.responses.parse(model="gpt-4.1-mini", input=text, text_format=Sentiment),
                timeout=10,
            )
            return response.output_parsed
        ''')
    assert "client.chat.parse_async(" in code and "return response.choices[0].message.parsed" in code, code
    assert not todos, todos


def test_a_response_returned_to_callers_in_the_module_follows_their_reads():
    """Held-out review 43, X5 (avalanche): `def get_response(p): response = client.responses.create(...); return
    response`, its one caller reading response.output[0].content[0].text: the client was kept ("used as a whole:
    code elsewhere may read output_text"), while the chat twin converted. The callers' reads decide; output_text
    read by a caller (rewritten only where the call is), a function handed on, or one another module may import
    keep the client."""
    from mechanics import convert_files

    app = ('from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef get_response(prompt):\n'
           '    response = client.responses.create(model="gpt-4o", input=prompt)\n    return response\n\n\n'
           'def direct(prompt):\n    return client.responses.create(model="gpt-4o", input=prompt)\n\n\n'
           'r = get_response("hi")\nprint(r.output[0].content[0].text, direct("x").output[0].content[0].text)\n')
    out = convert_files({"app.py": app})
    assert "client = Mistral(" in out["app.py"] and 'model="mistral-large-latest", input=prompt)' in out["app.py"]
    for changed in (app.replace("r.output[0].content[0].text", "r.output_text"),
                    app + "\nhandlers = [get_response]\n"):
        out = convert_files({"app.py": changed})
        assert "client = OpenAI()" in out["app.py"], out["app.py"]
    out = convert_files({"app.py": app, "other.py": "from app import get_response\n\nprint(get_response('x').output_text)\n"})
    assert "client = OpenAI()" in out["app.py"], out["app.py"]
    # re-review 44, Y4: another module's own get_response (a course's next lesson) does not keep it
    lesson = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef get_response(p):\n"
              "    return client.responses.create(model='gpt-4o', input=p).output_text\n")
    out = convert_files({"app.py": app, "lesson2.py": lesson})
    assert "client = Mistral(" in out["app.py"], out["app.py"]


def test_a_getattr_read_of_a_field_both_responses_have_is_a_read() -> None:
    """Held-out review 48, H5: ``getattr(resp, "usage", None)`` counted as "the response is used as a whole" and kept
    the client; a getattr of output_text is spelled out as the attribute is (held-out review 109, Y6: it kept the
    client)."""
    from mechanics import convert_idempotent

    source = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef gen(q):\n"
              "    resp = client.responses.create(model='gpt-4o-mini', input=q)\n    text = resp.output_text or ''\n"
              "    usage = getattr(resp, {attr!r}, None)\n    return text, usage\n")
    code, _ = convert_idempotent(source.format(attr="usage"))
    assert "client = OpenAI()" not in code and "getattr(resp, 'usage', None)" in code, code
    code, _ = convert_idempotent(source.format(attr="output_text"))
    assert "client = OpenAI()" not in code and "usage = _output_text(resp)" in code, code


def test_held_out_66_a_pinned_keyword_given_at_run_time_says_so() -> None:
    """Held-out review 66, X8: `store=self.store_responses` (False by default) was told "store=True: Mistral's
    Responses API stores nothing"; the value is computed at run time, and that is what the TODO says now."""
    _code, todos = convert_snippet('''
        from openai import OpenAI

        client = OpenAI()


        def ask(q, store_responses=False):
            r = client.responses.create(model="gpt-4.1-mini", input=q, store=store_responses)
            return r.output_text
        ''')
    assert any("store=store_responses is computed at run time, and Mistral pins store to False" in t
               for t in todos), todos


def test_held_out_67_a_parse_with_a_reasoning_effort_becomes_chat_parse() -> None:
    """Held-out review 67, X8: `responses.parse(reasoning={"effort": "medium"}, ...)` was kept with "no chat.parse
    equivalent"; chat.parse hands its keywords to chat.complete, which takes reasoning_effort."""
    code, todos = convert_snippet('''
        from openai import OpenAI
        from pydantic import BaseModel


        class Steps(BaseModel):
            steps: list[str]


        client = OpenAI()


        def solve(prompt):
            r = client.responses.parse(model="gpt-4.1-mini", reasoning={"effort": "medium"},
                                       input=[{"role": "user", "content": prompt}], text_format=Steps)
            return r.output_parsed
        ''')
    assert 'client.chat.parse(model=' in code and 'reasoning_effort="medium"' in code, code
    assert "return r.choices[0].message.parsed" in code, code
    assert any(t.startswith('reasoning= became reasoning_effort="medium"') for t in todos), todos


def test_held_out_68_an_annotated_tools_literal_is_read() -> None:
    """Held-out review 68, Y1: `tools: list[ToolParam] = [...]` was "built at run time" (only a plain assignment was
    read), and the Responses call's client stayed on OpenAI."""
    code, todos = convert_snippet('''
        from openai import OpenAI

        client = OpenAI()

        tools: list = [{"type": "function", "name": "echo", "description": "Repeat the input.",
                        "parameters": {"type": "object", "properties": {"input": {"type": "string"}}}}]

        response = client.responses.create(model="gpt-4.1-mini", input="Hello.", tools=tools)
        ''')
    assert "client.responses.create(model=" in code and "Mistral(" in code, code
    assert not any("built at run time" in t for t in todos), todos


def test_a_splat_whose_dict_gets_previous_response_id_names_the_stateless_api() -> None:
    """Held-out review 71, Y4 (statefulchat): `params = {...}; params["previous_response_id"] = last.id;
    client.responses.create(**params)` got only "its keys must follow the Responses mapping; convert by hand": a hand
    port to Mistral's stateless Responses API would lose the chat's memory, unsaid."""
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def chat(text, previous):
            params = {"model": "gpt-4o-mini", "input": text}
            if previous:
                params["previous_response_id"] = previous
            return client.responses.create(**params).output_text
        ''')
    assert "client = OpenAI()" in code
    assert any("**params" in t and "previous_response_id: Mistral's Responses API is stateless" in t
               for t in todos), todos


def test_each_builtin_tools_counterpart_is_a_mistral_agent_tool_type():
    """The agent tool a kept built-in tool's TODO names (mapping.responses.AGENT_TOOLS) is one mistralai 3.7's
    agents take: the `type` literal of one of its tool models."""
    import typing

    from mistralai.client import models

    from migrator.mapping.responses import AGENT_TOOLS

    types = set()
    for name in ("WebSearchTool", "WebSearchPremiumTool", "CodeInterpreterTool", "ImageGenerationTool",
                 "DocumentLibraryTool"):
        types.update(typing.get_args(getattr(models, name).model_fields["type"].annotation))
    assert set(AGENT_TOOLS.values()) <= types, set(AGENT_TOOLS.values()) - types


def test_usage_none_guards_become_truth_tests():
    """Mistral's CreateResponseResponse.usage (error, incomplete_details) is Unset(), not None, when the body lacks
    it or it fails validation (api-mapping.md §7 bug 3): a converted result's None test becomes a truth test
    (held-out review 79, X2). Other names' None tests are left alone."""
    code, todos = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def ask(q):
            resp = client.responses.create(model="gpt-4o", input=q)
            total = None
            usage = resp.usage
            if usage is not None:
                total = usage.total_tokens
            failed = resp.error is not None
            tokens = [resp.usage.input_tokens] if resp.usage is not None and not failed else []
            done = resp.incomplete_details is None
            other = None
            if other is None:
                other = 1
            if not (resp.usage is None):
                print(resp.usage.total_tokens)
            if not (resp.error is not None):
                print("ok")
            missing = not (resp.usage is None)
            return resp.output_text, total, tokens, done, other, missing
        ''')
    assert "    if usage:\n" in code
    # under `not`: no double negation (`not (not resp.usage)`)
    assert "    if resp.usage:\n" in code and "    if not resp.error:\n" in code, code
    assert "missing = bool(resp.usage)" in code, code
    assert "failed = bool(resp.error)" in code
    assert "tokens = [resp.usage.input_tokens] if resp.usage and not failed else []" in code
    assert "done = not resp.incomplete_details" in code
    assert "if other is None:" in code
    assert not todos


def test_usage_guards_of_kept_or_other_values_stay():
    code, _ = convert('''\
        from openai import OpenAI
        client = OpenAI()

        def ask(q, usage=None):
            resp = client.responses.create(model="gpt-4o", input=q, previous_response_id="r1")
            if resp.usage is not None:
                print(resp.usage.total_tokens)
            if usage is not None:
                print(usage)
            return resp.output_text
        ''')
    assert "if resp.usage is not None:" in code and "if usage is not None:" in code


def test_unset_model_fields_are_falsy_unset_or_truthy_models():
    """The rewrite's premise, checked against the installed SDK: each field defaults to UNSET (falsy) and holds a
    model otherwise (pydantic models define no __bool__ / __len__: truthy)."""
    import typing

    import pydantic
    from mistralai.client.models import CreateResponseResponse
    from mistralai.client.types import UNSET

    from migrator.mapping.responses import UNSET_MODEL_FIELDS

    assert not UNSET and not bool(UNSET)
    for name in UNSET_MODEL_FIELDS:
        field = CreateResponseResponse.model_fields[name]
        assert field.default is UNSET, name
        models = []
        stack = [field.annotation]
        while stack:
            t = stack.pop()
            stack.extend(typing.get_args(t))
            if isinstance(t, type) and issubclass(t, pydantic.BaseModel):
                models.append(t)
        assert models and all("__bool__" not in vars(m) and "__len__" not in vars(m) for m in models), name


def test_a_stored_prompt_says_how_to_move_the_call_and_nothing_of_parse():
    """Held-out review 85, X6 (Aziz_AI): the prompt= TODO said the call cannot move, then that Mistral "takes the same
    request", and spoke of responses.parse for a create call. It says how to move the stored prompt instead."""
    code, todos = convert('''\
        from openai import OpenAI

        client = OpenAI()
        r = client.responses.create(model="gpt-4.1", prompt={"id": PROMPT_ID, "version": "1"}, input="hi")
        ''')
    [todo] = [t for t in todos if t.startswith("responses.create(...) stays on OpenAI")]
    assert "copy the stored prompt's text (OpenAI's dashboard) into instructions= and drop prompt=" in todo, todo
    assert "same request" not in todo and "parse" not in todo, todo


def test_every_keyword_that_keeps_a_responses_call_is_named_at_once():
    """Held-out review 86, X10 (responses-api-telegram): the TODO named the web_search tool only; previous_response_id,
    which keeps the call too, showed up on the run after the tool's removal."""
    code, todos = convert('''\
        from openai import OpenAI

        client = OpenAI()


        def reply(text, last_id):
            r = client.responses.create(model="gpt-4.1", input=text, tools=[{"type": "web_search"}],
                                        previous_response_id=last_id)
            return r.output_text
        ''')
    [todo] = [t for t in todos if t.startswith("responses.create(...) stays on OpenAI")]
    assert "tool 'web_search'" in todo and "it cannot continue a stored response" in todo, todo


def test_output_text_read_through_getattr_is_spelled_out_too():
    """Held-out review 109, Y6 / X10 (lira-test-task, shopifake): `getattr(response, "output_text", "")` kept the client
    with "the response is used as a whole (returned, passed on, stored)", though the read is right there; by hand, the
    default would have stood in for every answer on Mistral's response. It becomes `_output_text(response)`, as the
    plain read does."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI

        client = OpenAI()


        def classify(text: str) -> str:
            response = client.responses.create(model="gpt-4o-mini", input=text, temperature=0)
            raw_output = getattr(response, "output_text", "")
            return raw_output.strip() or getattr(response, "output_text")
        ''')
    assert "raw_output = _output_text(response)\n" in code and 'or _output_text(response)' in code, code
    assert "def _output_text(response) -> str:" in code and "Mistral(" in code, code
    assert todos == [], todos


def test_held_out_124_a_stream_event_read_through_getattr_converts():
    """Held-out review 124, Y5 (llm-apis-basic-scripts): `getattr(chunk, "text", None)` on each event of a Responses
    stream kept the client ("used as a whole ... isinstance checks, model_dump"); `chunk.text` converted. Both read
    a field Mistral's events have (ResponsesTextDoneEvent.text)."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI

        client = OpenAI()


        def response(messages):
            stream = client.responses.create(model="gpt-4o", input=messages, stream=True)
            for chunk in stream:
                content = getattr(chunk, "text", None)
                if content:
                    yield content
        ''')
    assert "for chunk in (frame.data for frame in stream):" in code, code
    assert not any("used as a whole" in t for t in todos), todos


def test_held_out_127_a_parse_and_a_create_bound_to_one_name_each_convert_with_their_own_reads():
    """Held-out review 127, Y3 (hands-on-openai-apis): `response = client.responses.parse(...)`, `.output_parsed` read,
    then `response = client.responses.create(...)`, `.output_text` read: the two were taken as alike, each blamed for
    the other's read, and the client kept. Each binding's reads are its own (reaching_assign, as for chat)."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        from openai import OpenAI
        from pydantic import BaseModel


        class Booking(BaseModel):
            name: str


        client = OpenAI()
        response = client.responses.parse(model="gpt-4.1", input=[{"role": "user", "content": "John flies to SF"}],
                                          text_format=Booking)
        print(response.output_parsed)

        response = client.responses.create(model="gpt-4.1", input="Tell me a joke")
        print(response.output_text)
        ''')
    assert "print(response.choices[0].message.parsed)" in code and "print(_output_text(response))" in code, code
    assert "OpenAI()" not in code and "client = Mistral(" in code and not todos, (code, todos)


def test_held_out_128_a_verbosity_only_text_is_dropped_with_a_todo_and_the_call_converts():
    """Held-out review 128, X5 (openai_response_api): `text={"verbosity": "low"}` kept the client, its TODO about an
    unenforced json_schema; Mistral has no verbosity (mistralai 3.7 drops text= anyway). It is dropped with a TODO; a
    text= with a format still keeps the call."""
    code, todos = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()
        response = client.responses.create(model="gpt-5-mini", input="A poem", text={"verbosity": "low"})
        print(response.output_text)
        ''')
    assert 'client.responses.create(model="mistral-small-latest", input="A poem")' in code, code
    assert any(t.startswith('text={"verbosity": "low"} dropped: Mistral has no verbosity setting')
               for t in todos), todos
    code, todos = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()
        response = client.responses.create(model="gpt-5-mini", input="A poem",
                                           text={"format": {"type": "json_object"}, "verbosity": "low"})
        print(response.output_text)
        ''')
    assert "client = OpenAI()" in code and any("json_schema would not be enforced" in t for t in todos), todos


def test_held_out_132_the_default_text_format_is_dropped_and_the_call_converts():
    """Held-out review 132, X2 (01_craft_prompt): `text={"format": {"type": "text"}}`, the default plain text, kept
    the client with a TODO about an unenforced json_schema; Mistral answers text anyway."""
    code, todos = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()
        r = client.responses.create(model="gpt-5-mini", input="hi", text={"format": {"type": "text"}})
        print(r.output_text)
        ''')
    assert 'client.responses.create(model="mistral-small-latest", input="hi")' in code and not todos, (code, todos)
