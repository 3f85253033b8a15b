"""`asyncio.to_thread(client.chat.completions.create, ...)`: a sync client's call run in a worker thread, read as the
call it makes (migrator.plan.to_thread). Converted, it stays in its thread on Mistral's sync method
(`asyncio.to_thread(client.chat.complete, ...)`: held-out review 65, X1 / X2); otherwise the to_thread call stays
exactly as written."""

from __future__ import annotations

import textwrap

from mechanics import convert_files, convert_idempotent

IMPORTS = "import asyncio\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n"


def _body(code: str) -> str:
    return code.split("client = ", 1)[1].split("\n\n", 1)[1]


def test_awaited_call_stays_in_its_thread_on_the_sync_method() -> None:
    code, todos = convert_idempotent(IMPORTS + textwrap.dedent("""

        async def ask(question):
            response = await asyncio.to_thread(
                client.chat.completions.create,
                model="gpt-4o-mini",
                messages=[{"role": "user", "content": question}],
                seed=7,
            )
            return response.choices[0].message.content
    """))
    assert _body(code) == textwrap.dedent("""
        async def ask(question):
            response = await asyncio.to_thread(
                client.chat.complete,
                model="mistral-small-latest",
                messages=[{"role": "user", "content": question}],
                random_seed=7,
            )
            return response.choices[0].message.content
    """)
    assert "client = Mistral(" in code and "complete_async" not in code
    assert not todos


def test_gathered_and_wait_for_calls_keep_their_threads() -> None:
    code, _ = convert_idempotent(textwrap.dedent("""
        import asyncio
        from asyncio import to_thread

        from openai import OpenAI

        client = OpenAI()


        async def many(questions):
            tasks = [asyncio.to_thread(client.chat.completions.create, model="gpt-4o",
                                       messages=[{"role": "user", "content": q}]) for q in questions]
            return await asyncio.gather(*tasks)


        async def timed(q):
            return await asyncio.wait_for(to_thread(client.chat.completions.create, model="gpt-4o", messages=q), 30)
    """))
    assert "tasks = [asyncio.to_thread(client.chat.complete, model=\"mistral-large-latest\",\n" \
           "                               messages=[" in code
    assert "asyncio.wait_for(to_thread(client.chat.complete, model=\"mistral-large-latest\", messages=q), 30)" in code
    assert "from asyncio import to_thread\n" in code and "import asyncio\n" in code


def test_embeddings_call_stays_in_its_thread() -> None:
    code, _ = convert_idempotent(IMPORTS + textwrap.dedent("""

        async def embed(text):
            result = await asyncio.to_thread(client.embeddings.create, model="text-embedding-3-small", input=[text])
            return result.data[0].embedding
    """))
    assert 'result = await asyncio.to_thread(client.embeddings.create, model="mistral-embed", inputs=[text])' in code


def test_kept_client_keeps_the_to_thread_calls_as_written() -> None:
    source = IMPORTS + textwrap.dedent("""

        async def ask(question):
            response = await asyncio.to_thread(client.chat.completions.create, model="gpt-4o-mini",
                                               messages=[{"role": "user", "content": question}])
            return response.choices[0].message.content


        def draw(prompt):
            return client.images.generate(prompt=prompt)
    """)
    code, todos = convert_idempotent(source)
    assert _body(code) == _body(source).replace(
        "def draw(prompt):\n", "def draw(prompt):\n    # TODO(migrator MIG106): " + todos[-1] + "\n")
    assert any("images.generate" in todo for todo in todos)


def test_stream_and_splat_calls_are_not_read_so() -> None:
    """A stream run in a thread is iterated with a plain for (Mistral's async stream needs async for); a ** splat
    may hold stream: both stay handed on, and the client with them."""
    for call in ('client.chat.completions.create, model="gpt-4o", messages=m, stream=True',
                 "client.chat.completions.create, **kwargs"):
        source = IMPORTS + textwrap.dedent(f"""

            async def ask(m, kwargs):
                return await asyncio.to_thread({call})
        """)
        code, todos = convert_idempotent(source)
        assert f"await asyncio.to_thread({call})" in code
        assert "client = OpenAI()" in code and any("is run by asyncio.to_thread with" in todo for todo in todos), todos


def test_to_thread_not_imported_from_asyncio_is_not_read_so() -> None:
    source = textwrap.dedent("""
        from openai import OpenAI
        from workers import to_thread

        client = OpenAI()


        async def ask(m):
            return await to_thread(client.chat.completions.create, model="gpt-4o", messages=m)
    """)
    code, todos = convert_idempotent(source)
    assert 'await to_thread(client.chat.completions.create, model="gpt-4o", messages=m)' in code
    assert any("passed on as a callable" in todo for todo in todos)


def test_ignored_rule_leaves_the_call_in_its_thread() -> None:
    source = IMPORTS + textwrap.dedent("""

        async def ask(m):
            return await asyncio.to_thread(client.chat.completions.create, model="gpt-4o", messages=m)
    """)
    code, _ = convert_idempotent(source, ignore=("MIG102",))
    assert "await asyncio.to_thread(client.chat.completions.create, model=\"gpt-4o\", messages=m)" in code


def test_openai_compatible_target_keeps_the_threads() -> None:
    source = IMPORTS + textwrap.dedent("""

        async def ask(m):
            return await asyncio.to_thread(client.chat.completions.create, model="gpt-4o", messages=m, seed=3)


        def ask_now(m):
            return client.chat.completions.create(model="gpt-4o", messages=m)
    """)
    code, _ = convert_idempotent(source, target="openai-compatible", provider="mistral")
    assert ('await asyncio.to_thread(client.chat.completions.create, model="mistral-large-latest", messages=m, '
            'extra_body={"random_seed": 3})') in code
    assert 'return client.chat.completions.create(model="mistral-large-latest", messages=m)' in code


def test_project_run_and_scan_read_the_call() -> None:
    """The whole-repository plan reads it the same way: the client, built in another module, converts."""
    files = {
        "app/clients.py": "from openai import OpenAI\n\nclient = OpenAI()\n",
        "app/bot.py": textwrap.dedent("""
            import asyncio

            from app.clients import client


            async def reply(text):
                answer = await asyncio.to_thread(client.chat.completions.create, model="gpt-4o-mini",
                                                 messages=[{"role": "user", "content": text}])
                return answer.choices[0].message.content
        """),
    }
    out = convert_files(files)
    assert "client = Mistral(" in out["app/clients.py"]
    assert 'answer = await asyncio.to_thread(client.chat.complete, model="mistral-small-latest",\n' in out["app/bot.py"]


def test_transcription_stays_in_its_thread_unless_its_format_reads_text() -> None:
    """Held-out review 66, Y4: `asyncio.to_thread(client.audio.transcriptions.create, ...)` kept its whole client on
    OpenAI ("passed on as a callable"), chat and embeddings calls beside it too. Read as the call it makes, it converts
    in its thread; a response_format other than json (whose result the rule reads through .text) is not read so."""
    body = textwrap.dedent("""

        async def hear(path):
            with open(path, "rb") as f:
                r = await asyncio.to_thread(client.audio.transcriptions.create, model="whisper-1", file=f{extra})
            return r.text
    """)
    code, todos = convert_idempotent(IMPORTS + body.format(extra=""))
    assert ('await asyncio.to_thread(client.audio.transcriptions.complete, model="voxtral-mini-latest", '
            'file={"file_name": os.path.basename(f.name), "content": f})') in code, code
    code, todos = convert_idempotent(IMPORTS + body.format(extra=', response_format="text"'))
    assert "asyncio.to_thread(client.audio.transcriptions.create, " in code and "Mistral(" not in code, code
    assert any("is run by asyncio.to_thread with response_format=" in t for t in todos), todos
