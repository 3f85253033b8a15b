"""Test programs only: where a converted ``Mistral()`` goes.

migrator converts ``OpenAI()`` to ``Mistral()``, which talks to ``https://api.mistral.ai`` (the SDK
reads no base-URL variable). Test programs must reach the loopback wire server instead, so this
module, put on ``PYTHONPATH`` by ``wire_server.program_env``, points the SDK's default ("global")
server at ``$MIGRATOR_TEST_MISTRAL_DEFAULT_SERVER`` when ``mistralai.client.sdkconfiguration`` is
imported. Nothing else changes: the real SDK builds, sends and parses every request over a real
socket; only the destination of the default server is redirected, like a hosts-file entry.
"""

import importlib.abc
import importlib.util
import os
import sys

_URL = os.environ.get("MIGRATOR_TEST_MISTRAL_DEFAULT_SERVER")
_MODULE = "mistralai.client.sdkconfiguration"


class _Redirect(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != _MODULE:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            # (read when the SDK is imported: a program serving its own faults sets it first)
            module.SERVERS[module.SERVER_GLOBAL] = os.environ.get("MIGRATOR_TEST_MISTRAL_DEFAULT_SERVER") or _URL

        spec.loader.exec_module = exec_module
        return spec


if _URL:
    sys.meta_path.insert(0, _Redirect())


# ``--target openai-compatible`` keeps the OpenAI SDK and writes the provider's real base URL
# (``https://api.mistral.ai/v1``) into the code. ``MIGRATOR_TEST_REDIRECT="https://api.mistral.ai=
# http://127.0.0.1:PORT"`` sends requests for that origin to the wire server instead: the request is
# built, sent and parsed by the real SDK over a real socket; only its destination changes, like a
# hosts-file entry (applied in httpx2's transports, which both SDKs use).
_REDIRECTS = dict(pair.split("=", 1) for pair in os.environ.get("MIGRATOR_TEST_REDIRECT", "").split(",") if "=" in pair)


def _redirect_transports():
    import httpx2

    def moved(request):
        url = str(request.url)
        for origin, destination in _REDIRECTS.items():
            if url.startswith(origin + "/"):
                request.url = httpx2.URL(destination + url[len(origin):])
                request.headers["host"] = request.url.netloc.decode("ascii")
        return request

    sync_send = httpx2.HTTPTransport.handle_request
    async_send = httpx2.AsyncHTTPTransport.handle_async_request

    def handle_request(self, request):
        return sync_send(self, moved(request))

    async def handle_async_request(self, request):
        return await async_send(self, moved(request))

    httpx2.HTTPTransport.handle_request = handle_request
    httpx2.AsyncHTTPTransport.handle_async_request = handle_async_request


if _REDIRECTS:
    _redirect_transports()
