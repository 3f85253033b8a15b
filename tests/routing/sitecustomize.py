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
            module.SERVERS[module.SERVER_GLOBAL] = _URL

        spec.loader.exec_module = exec_module
        return spec


if _URL:
    sys.meta_path.insert(0, _Redirect())
