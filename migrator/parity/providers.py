"""Backends behind one ``async def complete(request, *, endpoint) -> Reply``.

Every SDK is used with its own retries off (the runner retries, so it can count attempts and
honour ``Retry-After``), and every SDK's HTTP client goes through ``CapturingTransport``, which
keeps the raw response bytes: replies are built from the raw body, never from an SDK
``model_dump()`` (mistralai 3.7 drops fields there, api-mapping.md §7). A failure never raises:
it comes back as ``Reply.error`` with ``retryable`` and ``retry_after`` for the runner.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Callable, Mapping, Optional, Protocol, Union

import httpx2

from migrator.parity.model import Recording, Reply, ToolCall
from migrator.parity.recordings import assemble_chat_stream, parse_sse, sse_complete
from migrator.parity.translate import Translation, passthrough, translate
from migrator.mapping import providers as provider_table
from migrator.mapping.transforms import strip_v1

RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})

# Providers (base URL, key variable, protocol) live in migrator.mapping.providers, the table the
# codemod's --target openai-compatible reads too. The custom provider has no key variable there (the
# codemod requires --api-key-env); a parity candidate reads this one.
CUSTOM_KEY_ENV = "OPENAI_COMPATIBLE_API_KEY"
MISTRAL_SERVER_URL = "https://api.mistral.ai"
OPENAI_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT = 120.0


class Provider(Protocol):
    name: str  # "recorded", "openai:gpt-4o-mini", "mistral:mistral-small-latest", …

    def prepare(self, endpoint: str, request: dict[str, Any], *,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation: ...

    async def complete(self, request: dict[str, Any], *, endpoint: str = "chat.completions"
                       ) -> Reply: ...

    async def aclose(self) -> None: ...


# ---- raw capture --------------------------------------------------------------------------------

@dataclass
class Exchange:
    """One HTTP exchange as seen on the wire (filled while the SDK reads the body)."""

    status: int
    headers: dict[str, str]
    body: bytearray = field(default_factory=bytearray)


_EXCHANGES: ContextVar[Optional[list[Exchange]]] = ContextVar("parity_exchanges", default=None)


class _TeeStream(httpx2.AsyncByteStream):
    def __init__(self, inner: Any, sink: bytearray):
        self._inner, self._sink = inner, sink

    async def __aiter__(self):  # type: ignore[override]
        async for chunk in self._inner:
            self._sink.extend(chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class CapturingTransport(httpx2.AsyncBaseTransport):
    """Wraps the real transport; appends each response's status, headers and raw bytes to the
    current task's exchange list while the SDK reads them."""

    def __init__(self, inner: Optional[httpx2.AsyncBaseTransport] = None, *, max_connections: int = 256):
        self._inner = inner or httpx2.AsyncHTTPTransport(
            trust_env=False, limits=httpx2.Limits(max_connections=max_connections,
                                                   max_keepalive_connections=max_connections))

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self._inner.handle_async_request(request)
        exchanges = _EXCHANGES.get()
        if exchanges is not None:
            exchange = Exchange(response.status_code, {k.lower(): v for k, v in response.headers.items()})
            exchanges.append(exchange)
            response.stream = _TeeStream(response.stream, exchange.body)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


# ---- raw body -> Reply --------------------------------------------------------------------------

def _text(content: Any) -> Optional[str]:
    if content is None or isinstance(content, str):
        return content
    if isinstance(content, list):  # Mistral reasoning models: [ThinkChunk, TextChunk, …]
        return "".join(p.get("text", "") for p in content
                       if isinstance(p, dict) and p.get("type", "text") == "text")
    return str(content)


def _arguments(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _vector(value: Any) -> Optional[list[float]]:
    if isinstance(value, str):
        raw = base64.b64decode(value)
        return list(struct.unpack(f"<{len(raw) // 4}f", raw))
    return value if isinstance(value, list) else None


def reply_from_body(provider: str, endpoint: str, body: Optional[dict[str, Any]], **extra: Any) -> Reply:
    """A provider-neutral Reply from a raw response body (OpenAI or Mistral shape)."""
    if not isinstance(body, dict):
        return Reply(provider=provider, raw=None, **extra)
    usage = body.get("usage") or {}
    prompt = usage.get("prompt_tokens", usage.get("input_tokens"))
    completion = usage.get("completion_tokens", usage.get("output_tokens"))
    if endpoint == "embeddings":
        data = body.get("data") or [{}]
        return Reply(provider=provider, raw=body, embedding=_vector(data[0].get("embedding")),
                     prompt_tokens=prompt, completion_tokens=completion, **extra)
    if endpoint == "responses":
        texts, calls = [], []
        for item in body.get("output") or []:
            if item.get("type") == "message":
                texts += [c.get("text", "") for c in item.get("content") or []
                          if c.get("type") == "output_text"]
            elif item.get("type") == "function_call":
                calls.append(ToolCall(item.get("name", ""), _arguments(item.get("arguments")),
                                      item.get("call_id")))
        return Reply(provider=provider, raw=body, text="".join(texts) if texts else None,
                     tool_calls=tuple(calls), finish_reason=body.get("status"),
                     prompt_tokens=prompt, completion_tokens=completion, **extra)
    choices = body.get("choices") or [{}]
    choice = choices[0]
    message = choice.get("message") or {}
    calls = tuple(ToolCall(name=(c.get("function") or {}).get("name", ""),
                           arguments=_arguments((c.get("function") or {}).get("arguments", "")),
                           id=c.get("id")) for c in message.get("tool_calls") or [])
    if not calls and message.get("function_call"):
        legacy = message["function_call"]
        calls = (ToolCall(legacy.get("name", ""), _arguments(legacy.get("arguments", ""))),)
    return Reply(provider=provider, raw=body, text=_text(message.get("content")),
                 tool_calls=calls, finish_reason=choice.get("finish_reason"),
                 refusal=message.get("refusal"), prompt_tokens=prompt,
                 completion_tokens=completion, **extra)


def retry_after_seconds(headers: Mapping[str, str]) -> Optional[float]:
    """``retry-after-ms`` / ``retry-after`` (seconds or an HTTP date), else None."""
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _error_message(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body[:300].decode("utf-8", "replace")
    if isinstance(data, dict):
        inner = data.get("error") if isinstance(data.get("error"), dict) else data
        message = inner.get("message", data)
        return message if isinstance(message, str) else json.dumps(message)[:500]
    return str(data)[:300]


def _classify(exc: BaseException) -> str:
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"TimeoutException", "APITimeoutError", "TimeoutError"}:
        return "timeout"
    if names & {"RemoteProtocolError", "LocalProtocolError", "DecodingError",
                "IncompleteRead", "StreamError"}:
        return "protocol"
    if names & {"TransportError", "APIConnectionError", "NetworkError", "ConnectionError",
                "NoResponseError"}:
        return "connection"
    return "client"


# ---- providers ----------------------------------------------------------------------------------

class _HTTPProvider:
    """Shared plumbing: exchange capture, error classification, latency."""

    name: str = ""
    protocol: str = "openai"  # which request dialect ``prepare`` produces

    async def complete(self, request: dict[str, Any], *, endpoint: str = "chat.completions") -> Reply:
        exchanges: list[Exchange] = []
        token = _EXCHANGES.set(exchanges)
        started = time.perf_counter()
        failure: Optional[BaseException] = None
        try:
            await self._send(dict(request), endpoint)
        except Exception as exc:  # noqa: BLE001 - every failure becomes Reply.error
            failure = exc
        finally:
            _EXCHANGES.reset(token)
        latency = (time.perf_counter() - started) * 1000
        return self._reply(endpoint, bool(request.get("stream")), exchanges, failure, latency)

    async def _send(self, request: dict[str, Any], endpoint: str) -> None:
        raise NotImplementedError

    def sdk(self) -> Any:
        raise NotImplementedError

    def open(self) -> None:
        """Import the SDK and build the client now (not inside the first timed request)."""
        self.sdk()

    def _reply(self, endpoint: str, stream: bool, exchanges: list[Exchange],
               failure: Optional[BaseException], latency: float) -> Reply:
        last = exchanges[-1] if exchanges else None
        if last is not None and last.status >= 400:
            return Reply(provider=self.name, latency_ms=latency, error={
                "type": "http", "status": last.status, "message": _error_message(bytes(last.body)),
                "retryable": last.status in RETRYABLE_STATUS,
                "retry_after": retry_after_seconds(last.headers)})
        if failure is not None:
            kind = _classify(failure)
            # An SDK that chokes on a well-formed answer (a shape it does not model) is not a
            # transport failure: the raw body is still what the provider said.
            if not (kind == "client" and last is not None and last.body):
                return self._failed(kind, f"{type(failure).__name__}: {failure}"[:500], latency,
                                    retryable=kind != "client")
        if last is None:
            return self._failed("connection", "no response", latency)
        raw = bytes(last.body)
        if stream or raw.lstrip().startswith(b"data:"):
            if not sse_complete(raw):
                return self._failed("protocol", "stream ended without [DONE] (torn stream)", latency)
            body = assemble_chat_stream(parse_sse(raw))
        else:
            try:
                body = json.loads(raw)
            except ValueError:
                return self._failed("protocol", "response body is not JSON", latency)
        return reply_from_body(self.name, endpoint, body, latency_ms=latency)

    def _failed(self, kind: str, message: str, latency: float, retryable: bool = True) -> Reply:
        return Reply(provider=self.name, latency_ms=latency, error={
            "type": kind, "status": None, "message": message, "retryable": retryable,
            "retry_after": None})


class OpenAIProvider(_HTTPProvider):
    """The openai SDK (``AsyncOpenAI``), retries off. ``model=None`` sends the recorded model."""

    protocol = "openai"

    def __init__(self, model: Optional[str] = None, *, base_url: Optional[str] = None,
                 api_key_env: Optional[str] = "OPENAI_API_KEY", timeout: float = DEFAULT_TIMEOUT,
                 name: Optional[str] = None, max_connections: int = 256):
        self.model = model
        self.name = name or f"openai:{model or 'recorded-model'}"
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or OPENAI_BASE_URL
        self._api_key = (os.environ.get(api_key_env) if api_key_env else None) or "none"
        self.missing_key = api_key_env if api_key_env and not os.environ.get(api_key_env) else None
        self._timeout, self._max_connections = timeout, max_connections
        self._client: Any = None

    def prepare(self, endpoint: str, request: dict[str, Any], *,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
        return passthrough(endpoint, request, model=self.model)

    def sdk(self) -> Any:
        if self._client is None:
            import openai

            http = httpx2.AsyncClient(transport=CapturingTransport(max_connections=self._max_connections),
                                      timeout=self._timeout)
            self._client = openai.AsyncOpenAI(api_key=self._api_key, base_url=self.base_url,
                                              max_retries=0, timeout=self._timeout, http_client=http)
        return self._client

    async def _send(self, request: dict[str, Any], endpoint: str) -> None:
        client, stream = self.sdk(), bool(request.pop("stream", False))
        model = request.pop("model", None)
        if endpoint == "embeddings":
            await client.embeddings.with_raw_response.create(
                model=model, input=request.pop("input"),
                encoding_format=request.pop("encoding_format", "float"), extra_body=request)
        elif endpoint == "responses":
            if stream:
                async for _ in await client.responses.create(model=model, stream=True, **request):
                    pass
            else:
                await client.responses.with_raw_response.create(model=model, **request)
        else:
            # The recorded body verbatim, through the SDK's own client (auth, headers, errors):
            # create() would re-derive the body from typed kwargs, for ~5 ms of CPU a call.
            body = {"model": model, **request, **({"stream": True} if stream else {})}
            response = await client.post("/chat/completions", body=body, cast_to=httpx2.Response,
                                         stream=stream)
            try:
                await response.aread()
            finally:
                await response.aclose()

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None


class OpenAICompatibleProvider(OpenAIProvider):
    """The openai SDK pointed at another provider's OpenAI-compatible API (api-mapping.md §12.2).

    The ``mistral`` preset gets the Mistral translation (it is Mistral's API, which rejects
    OpenAI-only fields); the others get the OpenAI request with only the model changed.
    """

    def __init__(self, preset: str, model: str, *, base_url: Optional[str] = None,
                 timeout: float = DEFAULT_TIMEOUT, max_connections: int = 256):
        table = provider_table.PROVIDERS  # read per candidate: the codemod reads the same entry
        if preset not in table:
            raise ValueError(f"unknown provider {preset!r}: one of {', '.join(table)}")
        spec = table[preset]
        default_url, key_env = spec.base_url, spec.key_env or CUSTOM_KEY_ENV
        url = base_url or default_url
        if url is None:
            raise ValueError("the custom provider needs --candidate-url URL")
        super().__init__(model, base_url=url, api_key_env=key_env, timeout=timeout,
                         name=f"openai-compatible:{preset}:{model}", max_connections=max_connections)
        self.preset = preset
        if spec.key_optional:
            self.missing_key = None
        self.protocol = spec.protocol

    def prepare(self, endpoint: str, request: dict[str, Any], *,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
        if self.protocol == "mistral":
            translation = translate(endpoint, request, model=self.model, model_overrides=model_overrides)
        else:
            translation = passthrough(endpoint, request, model=self.model,
                                      model_overrides=model_overrides)
        return translation


_MISTRALAI_PATCHED = False


def _json_native(value: Any) -> bool:
    """Only dicts with str keys, lists and scalars (what json.loads returns)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, list):
        return all(_json_native(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_native(v) for k, v in value.items())
    return False


def reuse_mistralai_wrapper_models() -> None:
    """Make mistralai 3.7 build its (un)marshalling wrapper models once per type, not per call.

    ``mistralai.client.utils.serializers.unmarshal`` / ``marshal_json`` call pydantic
    ``create_model`` on every request, every response and every SSE event (~3 ms of CPU each,
    measured), and ``typing.get_type_hints`` on the request class on every call (~4 ms), which made
    the SDK, not the network, the bottleneck of a replay. Both depend only on the type, so caching
    them changes no result. Types that cannot be hashed fall back to the SDK's own code. Applied
    once per process, by MistralProvider only.
    """
    global _MISTRALAI_PATCHED
    if _MISTRALAI_PATCHED:
        return
    from functools import lru_cache

    from mistralai.client.utils import serializers
    from pydantic import ConfigDict, create_model

    original_unmarshal, original_marshal = serializers.unmarshal, serializers.marshal_json
    import inspect

    if list(inspect.signature(original_unmarshal).parameters) != ["val", "typ", "coerce_iterables"] or \
            list(inspect.signature(original_marshal).parameters) != ["val", "typ"]:
        # another mistralai than the one this was measured on (3.8's unmarshal takes allow_unknown_union_variants=,
        # and the wrapper below, called with it, raised TypeError on every response): left as the SDK has it
        _MISTRALAI_PATCHED = True
        return
    config = ConfigDict(populate_by_name=True, arbitrary_types_allowed=True)

    @lru_cache(maxsize=None)
    def wrapper(name: str, typ: Any) -> Any:
        return create_model(name, body=(typ, ...), __config__=config)

    def unmarshal(val: Any, typ: Any, coerce_iterables: bool = True) -> Any:
        try:
            model = wrapper("Unmarshaller", typ)
        except TypeError:
            return original_unmarshal(val, typ, coerce_iterables)
        # The coercion turns other iterables (tuples, generators) into lists; JSON data has none.
        if coerce_iterables and not _json_native(val):
            val = serializers._coerce_iterables_for_type(val, typ)
        return model(body=val).body

    def marshal_json(val: Any, typ: Any) -> Any:
        try:
            model = wrapper("Marshaller", typ)
        except TypeError:
            return original_marshal(val, typ)
        if serializers.is_nullable(typ) and val is None:
            return "null"
        dumped = model(body=val).model_dump(by_alias=True, mode="json", exclude_none=True)
        if len(dumped) == 0:
            return ""
        return json.dumps(dumped[next(iter(dumped))], separators=(",", ":"))

    serializers.unmarshal, serializers.marshal_json = unmarshal, marshal_json
    from mistralai.client.utils import forms, queryparams, requestbodies, url

    for module in (forms, requestbodies):
        if getattr(module, "marshal_json", None) is original_marshal:
            module.marshal_json = marshal_json
    # Type hints of a (request) class are looked up on every call, too; they never change.
    for module in (forms, queryparams, url):
        hints = getattr(module, "get_type_hints", None)
        if hints is not None:
            module.get_type_hints = lru_cache(maxsize=None)(hints)
    _MISTRALAI_PATCHED = True


class MistralProvider(_HTTPProvider):
    """The mistralai SDK (``Mistral``, ``*_async`` methods; no retries by default)."""

    protocol = "mistral"

    def __init__(self, model: Optional[str] = None, *, server_url: Optional[str] = None,
                 api_key_env: str = "MISTRAL_API_KEY", timeout: float = DEFAULT_TIMEOUT,
                 max_connections: int = 256):
        self.model = model if model and model != "auto" else None
        self.name = f"mistral:{model or 'auto'}"
        self.server_url = strip_v1(server_url) if server_url else MISTRAL_SERVER_URL
        self._api_key = os.environ.get(api_key_env) or None
        self.missing_key = None if self._api_key else api_key_env
        self._timeout, self._max_connections = timeout, max_connections
        self._client: Any = None

    def prepare(self, endpoint: str, request: dict[str, Any], *,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
        return translate(endpoint, request, model=self.model, model_overrides=model_overrides)

    def sdk(self) -> Any:
        if self._client is None:
            from mistralai.client import Mistral

            reuse_mistralai_wrapper_models()
            http = httpx2.AsyncClient(transport=CapturingTransport(max_connections=self._max_connections),
                                      timeout=self._timeout)
            self._client = Mistral(api_key=self._api_key, server_url=self.server_url,
                                   async_client=http, timeout_ms=int(self._timeout * 1000))
            self._http = http
        return self._client

    async def _send(self, request: dict[str, Any], endpoint: str) -> None:
        client, stream = self.sdk(), bool(request.pop("stream", False))
        if endpoint == "embeddings":
            await client.embeddings.create_async(inputs=request.pop("input"), **request)
        elif stream:
            events = await client.chat.stream_async(**request)
            async for _ in events:
                pass
        else:
            await client.chat.complete_async(**request)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._http.aclose()  # Mistral does not close a client it was given
            self._client = None


class RecordedProvider:
    """The baseline from the recording itself: ``complete`` answers with the recorded response."""

    name = "recorded"
    protocol = "openai"

    def __init__(self) -> None:
        self._current: ContextVar[Optional[Recording]] = ContextVar("recorded", default=None)

    def prepare(self, endpoint: str, request: dict[str, Any], *,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
        return Translation(dict(request), bool(request.get("stream")))

    def reply_for(self, recording: Recording) -> Reply:
        if recording.response is None:
            recorded = recording.meta.get("recorded_error")
            message = "the recording has no response" + (f" ({recorded})" if recorded else "")
            return Reply(provider=self.name, error={"type": "missing", "status": None,
                                                    "message": message, "retryable": False,
                                                    "retry_after": None})
        latency = recording.meta.get("latency_ms")
        return reply_from_body(self.name, recording.endpoint, recording.response,
                               latency_ms=latency if isinstance(latency, (int, float)) else None)

    async def complete(self, request: dict[str, Any], *, endpoint: str = "chat.completions") -> Reply:
        raise RuntimeError("RecordedProvider answers per recording: use reply_for(recording)")

    async def aclose(self) -> None:
        return None


class FakeProvider:
    """For unit tests: ``respond(request, endpoint)`` returns a body (dict), a Reply, or raises.

    ``calls`` keeps every request received.
    """

    protocol = "mistral"

    def __init__(self, respond: Callable[[dict[str, Any], str], Union[dict[str, Any], Reply]],
                 *, name: str = "fake", protocol: str = "mistral"):
        self.name, self.protocol, self._respond = name, protocol, respond
        self.calls: list[dict[str, Any]] = []

    def prepare(self, endpoint: str, request: dict[str, Any], *,
                model_overrides: Optional[Mapping[str, str]] = None) -> Translation:
        if self.protocol == "mistral":
            return translate(endpoint, request, model_overrides=model_overrides)
        return passthrough(endpoint, request)

    async def complete(self, request: dict[str, Any], *, endpoint: str = "chat.completions") -> Reply:
        self.calls.append(request)
        answer = self._respond(request, endpoint)
        if isinstance(answer, Reply):
            return answer
        return reply_from_body(self.name, endpoint, answer, latency_ms=0.0)

    async def aclose(self) -> None:
        return None


def provider_from_spec(spec: str, *, url: Optional[str] = None, timeout: float = DEFAULT_TIMEOUT,
                       max_connections: int = 256) -> Any:
    """``recorded`` | ``openai[:MODEL]`` | ``mistral[:MODEL]`` | ``openai-compatible:PROVIDER:MODEL``.

    ``url`` overrides the endpoint (OpenAI-style base URL with or without /v1 for Mistral).
    """
    kind, _, rest = spec.partition(":")
    if kind == "recorded":
        return RecordedProvider()
    if kind == "openai":
        return OpenAIProvider(rest or None, base_url=url, timeout=timeout,
                              max_connections=max_connections)
    if kind == "mistral":
        return MistralProvider(rest or None, server_url=url, timeout=timeout,
                               max_connections=max_connections)
    if kind == "openai-compatible":
        preset, _, model = rest.partition(":")
        if not preset or not model:
            raise ValueError("use openai-compatible:PROVIDER:MODEL, e.g. openai-compatible:scaleway:"
                             "mistral-small-3.2-24b-instruct-2506")
        return OpenAICompatibleProvider(preset, model, base_url=url, timeout=timeout,
                                        max_connections=max_connections)
    raise ValueError(f"unknown provider {spec!r}: recorded, openai:MODEL, mistral:MODEL or "
                     "openai-compatible:PROVIDER:MODEL")
