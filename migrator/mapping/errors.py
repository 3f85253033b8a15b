"""OpenAI exception classes -> what to catch with mistralai 3.7 (api-mapping.md §9, §10).

mistralai has no per-status exception classes: every 4XX/5XX answer is ``errors.SDKError`` (a 422 with
a JSON body is ``errors.HTTPValidationError``), told apart by ``.status_code``. Network failures are
not wrapped: they surface as raw ``httpx2`` exceptions (connection refused -> ``httpx2.ConnectError``,
reset -> ``httpx2.ReadError``, timeout -> ``httpx2.ReadTimeout``; checked against the wire server).
openai 3.57 wraps every ``httpx2.RequestError`` (plus TLS/EOF oddities) in ``APIConnectionError``
and every ``httpx2.TimeoutException`` in ``APITimeoutError`` (``openai/_httpx2.py``).

Legacy ``openai.error.*`` (0.28.1) statuses are from its ``api_requestor.handle_error_response``:
429 RateLimitError, 400/404/415 InvalidRequestError, 401 AuthenticationError, 403 PermissionError,
409 TryAgain, 503 ServiceUnavailableError, anything else APIError.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Optional

# Mistral-side names, as the codemod writes them; module import each one needs.
SDK_ERROR, HTTP_VALIDATION, MISTRAL_ERROR = "errors.SDKError", "errors.HTTPValidationError", "errors.MistralError"
NO_RESPONSE, RESPONSE_VALIDATION = "errors.NoResponseError", "errors.ResponseValidationError"
REQUEST_ERROR, TIMEOUT = "httpx2.RequestError", "httpx2.TimeoutException"
ERRORS_IMPORT = ("mistralai.client", "errors")  # from mistralai.client import errors
ERRORS_MODULE = "mistralai.client.errors"  # from mistralai.client.errors import X (when `errors` is taken)
HTTPX_IMPORT = "httpx2"
# how a test's fake raises what converted code catches (SDKError's status_code is its raw_response's)
RAISE_FAKE = 'errors.SDKError("...", raw_response=httpx2.Response(<status>))'
# ... for the classes caught with no status code: an instance of the first one (held-out review 64, X6: a timeout's
# TODO gave the SDKError advice)
RAISE_FAKE_OF = MappingProxyType({TIMEOUT: 'httpx2.ReadTimeout("timed out")',
                                  REQUEST_ERROR: 'httpx2.ConnectError("connection failed")'})

# Base classes among the Mistral-side names (for "can a later except clause catch this?").
MISTRAL_BASES = MappingProxyType({
    SDK_ERROR: MISTRAL_ERROR, HTTP_VALIDATION: MISTRAL_ERROR, RESPONSE_VALIDATION: MISTRAL_ERROR,
    TIMEOUT: REQUEST_ERROR,
})


def lacks(name: str, attr: str) -> bool:
    """Does the Mistral-side class ``name`` lack ``.message`` / ``.status_code``? Every errors.MistralError carries
    both (dataclass fields); NoResponseError only a message; httpx2's exceptions neither (held-out review 55, T7:
    a handler reading e.status_code raised AttributeError on a connection error, and the TODO named only .message)."""
    if name.startswith(HTTPX_IMPORT + "."):
        return True
    return name == NO_RESPONSE and attr != "message"


def mistral_ancestors(name: str) -> set[str]:
    out = {name}
    while name in MISTRAL_BASES:
        name = MISTRAL_BASES[name]
        out.add(name)
    return out


@dataclass(frozen=True)
class ErrorRule:
    """What one OpenAI exception class becomes.

    ``catch``: the Mistral classes to catch (empty: no equivalent, TODO). ``status``: an operator and
    operand on ``.status_code`` that tells the OpenAI class apart among the caught ones (None: the
    classes alone are exact). ``safety``: exact | approximate | manual.
    """

    catch: tuple[str, ...]
    status: Optional[tuple[str, str]] = None  # ("==", "429"), (">=", "500"), ("in", "(400, 404)")
    safety: str = "exact"
    note: str = ""


NEGATED = MappingProxyType({"==": "!=", ">=": "<", "in": "not in", "not in": "in"})

_HTTP_ANY = (SDK_ERROR, HTTP_VALIDATION)
_EVERYTHING = (MISTRAL_ERROR, NO_RESPONSE, REQUEST_ERROR)


def _status(code: int) -> ErrorRule:
    return ErrorRule((SDK_ERROR,), ("==", str(code)))


def _manual(note: str) -> ErrorRule:
    return ErrorRule((), None, "manual", note)


ERRORS = MappingProxyType({
    "openai.OpenAIError": ErrorRule(_EVERYTHING, safety="approximate",
                                    note="OpenAIError also covers client-side errors (missing key, parse helpers)"),
    "openai.APIError": ErrorRule(_EVERYTHING),
    "openai.APIStatusError": ErrorRule(_HTTP_ANY),
    # OpenAI answers an invalid request 400, Mistral an invalid field 422 (HTTPValidationError): a handler of bad
    # requests (a retry predicate's "do not retry these") catches both (held-out review 56, W2: 422s were retried)
    "openai.BadRequestError": ErrorRule((MISTRAL_ERROR,), ("in", "(400, 422)"), "approximate",
                                        "Mistral answers 422 where OpenAI answered 400 for an invalid field"),
    "openai.AuthenticationError": _status(401),
    "openai.PermissionDeniedError": _status(403),
    "openai.NotFoundError": _status(404),
    "openai.ConflictError": _status(409),
    # a 422 with a JSON body is HTTPValidationError, without one it is SDKError: both are MistralErrors
    "openai.UnprocessableEntityError": ErrorRule((MISTRAL_ERROR,), ("==", "422")),
    "openai.RateLimitError": _status(429),
    "openai.InternalServerError": ErrorRule((SDK_ERROR,), (">=", "500")),
    "openai.APIConnectionError": ErrorRule((REQUEST_ERROR, NO_RESPONSE)),
    "openai.APITimeoutError": ErrorRule((TIMEOUT,)),
    "openai.APIResponseValidationError": ErrorRule((RESPONSE_VALIDATION,), safety="approximate",
                                                   note="OpenAI raises it only with _strict_response_validation"),
    "openai.OAuthError": _manual("OAuthError is OpenAI-platform specific"),
    # mistralai's chat.parse runs json.loads on the content and validates it: a truncated reply raises
    # json.JSONDecodeError (or pydantic.ValidationError) from the call, no response comes back (probe i01)
    "openai.LengthFinishReasonError": _manual("a truncated parse() reply: Mistral's chat.parse raises "
                                              "json.JSONDecodeError (or pydantic.ValidationError) from the call "
                                              "instead; catch those"),
    "openai.ContentFilterFinishReasonError": _manual("a filtered parse() reply: Mistral's chat.parse raises "
                                                     "json.JSONDecodeError (or pydantic.ValidationError) on content it "
                                                     "cannot parse; catch those, or check finish_reason after "
                                                     "chat.complete"),
    "openai.InvalidWebhookSignatureError": _manual("OpenAI webhooks have no Mistral equivalent"),
    "openai.WebSocketConnectionClosedError": _manual("OpenAI realtime websockets have no Mistral equivalent"),
    "openai.WebSocketQueueFullError": _manual("OpenAI realtime websockets have no Mistral equivalent"),
    "openai.SubjectTokenProviderError": _manual("OpenAI workload identity has no Mistral equivalent"),
    # -- legacy openai 0.28 (openai.error.X; the top level re-exported three of them) ------------------
    "openai.error.OpenAIError": ErrorRule(_EVERYTHING, safety="approximate", note="legacy openai.error"),
    # openai 0.28's api_requestor raised APIError for a status with no class of its own (500, 502, ...):
    # 400 / 404 / 415 were InvalidRequestError, 401, 403, 409, 429, 503 theirs; Mistral says 422 where OpenAI
    # said 400 (held-out review 37, N7: the bare MistralError also caught a bad key's 401, silently)
    "openai.error.APIError": ErrorRule((MISTRAL_ERROR,), ("not in", "(400, 401, 403, 404, 409, 415, 422, 429, 503)"),
                                       "approximate", "legacy APIError: statuses without a class of their own"),
    "openai.error.RateLimitError": ErrorRule((SDK_ERROR,), ("==", "429"), "approximate", "legacy openai.error"),
    "openai.error.InvalidRequestError": ErrorRule((MISTRAL_ERROR,), ("in", "(400, 404, 415, 422)"), "approximate",
                                                  "legacy InvalidRequestError (400/404/415; Mistral says 422 "
                                                  "for invalid fields)"),
    "openai.error.AuthenticationError": ErrorRule((SDK_ERROR,), ("==", "401"), "approximate", "legacy openai.error"),
    "openai.error.PermissionError": ErrorRule((SDK_ERROR,), ("==", "403"), "approximate", "legacy openai.error"),
    "openai.error.TryAgain": ErrorRule((SDK_ERROR,), ("==", "409"), "approximate", "legacy TryAgain was a 409"),
    "openai.error.ServiceUnavailableError": ErrorRule((SDK_ERROR,), ("==", "503"), "approximate",
                                                      "legacy openai.error"),
    "openai.error.APIConnectionError": ErrorRule((REQUEST_ERROR, NO_RESPONSE), safety="approximate",
                                                 note="legacy openai.error"),
    "openai.error.Timeout": ErrorRule((TIMEOUT,), safety="approximate", note="legacy openai.error"),
    "openai.error.SignatureVerificationError": _manual("OpenAI webhooks have no Mistral equivalent"),
    "openai.error.InvalidAPIType": _manual("Azure api_type settings have no Mistral equivalent"),
    "openai.InvalidRequestError": ErrorRule((MISTRAL_ERROR,), ("in", "(400, 404, 415, 422)"), "approximate",
                                            "legacy InvalidRequestError (400/404/415; Mistral says 422 "
                                            "for invalid fields)"),
})


def error_rule(qualified: Optional[str]) -> Optional[ErrorRule]:
    """The rule for a qualified name (``openai._exceptions.X`` is ``openai.X``), or None."""
    if not qualified:
        return None
    if qualified.startswith("openai._exceptions."):
        qualified = "openai." + qualified[len("openai._exceptions."):]
    for client in ("openai.OpenAI.", "openai.AsyncOpenAI."):
        # `except OpenAI.AuthenticationError:` (a client class has no such attribute: the clause raised AttributeError
        # when reached): the error class it means (held-out review 133, Y6: left as it was, openai kept declared)
        if qualified.startswith(client) and qualified.count(".") == 2:
            qualified = "openai." + qualified[len(client):]
    return ERRORS.get(qualified)

# Attributes of OpenAI exceptions that Mistral's (or httpx2's) exceptions lack or hold differently:
# a handler reading them through its `as` name gets a TODO with the Mistral way ({e}: that name).
# OpenAI's error codes (the error body's "code"), which handlers match in str(e) / e.code: Mistral's error bodies
# carry their own (held-out review 70, X4: `if "context_length_exceeded" in str(e)` never matched again, silently)
OPENAI_ERROR_CODES = frozenset({"context_length_exceeded", "content_policy_violation", "content_filter",
                                "rate_limit_exceeded", "insufficient_quota", "invalid_api_key", "model_not_found",
                                "string_above_max_length", "invalid_prompt", "billing_hard_limit_reached"})
ERROR_CODE_TODO = ("\"{code}\" is OpenAI's error code: Mistral's errors carry their own codes and messages (read "
                   "json.loads({e}.body) on an errors.SDKError), so this test no longer matches: match Mistral's "
                   "error instead (or check the input before the call)")
# Phrases of OpenAI's error messages a handler matches in str(e) (`"You exceeded your current quota" in str(e)`):
# Mistral's messages say other things (held-out review 105, X4: the "high demand" branch went dead with no word)
OPENAI_ERROR_MESSAGES = ("you exceeded your current quota", "rate limit reached", "maximum context length",
                         "incorrect api key provided", "that model is currently overloaded",
                         "the server had an error while processing your request", "please reduce the length of the "
                         "messages", "your request was rejected as a result of our safety system")
ERROR_MESSAGE_TODO = ("\"{text}\" is part of OpenAI's error message: Mistral's errors say other things, so this "
                      "test no longer matches: test {e}.status_code instead (429: rate limit or quota; 401: the key; 400: the "
                      "request, the context length among it) on errors.SDKError")


def openai_error_phrase(text: str) -> bool:
    """Is ``text`` (a string literal, 12 characters at least) part of one of OpenAI's error messages, or one of
    them part of it?"""
    low = " ".join(text.lower().split())
    return len(low) >= 12 and any(low in phrase or phrase in low for phrase in OPENAI_ERROR_MESSAGES)

# An OpenAI error class read through another module of the tree, in a module whose calls converted (MIG103)
REEXPORTED_ERROR_TODO = ("{code} is {qualified} (imported in {where}): the calls here are converted and raise "
                         "Mistral's errors, which it does not catch: catch {catch} (from mistralai.client import "
                         "errors)")

# ... where the clause's calls are made through another module's converted functions (held-out review 168, X1)
REEXPORTED_ERROR_ELSEWHERE_TODO = ("{code} is {qualified} (imported in {where}, whose calls are converted): they raise "
                                   "Mistral's errors, which it does not catch: catch {catch} (from mistralai.client "
                                   "import errors)")
# The response header Mistral's HTTP errors carry the request's id in (OpenAI's e.request_id; held-out review 168, X2)
REQUEST_ID_HEADER = "mistral-correlation-id"

# Read as `e.code` in a converted handler, these become getattr(e, "code", None): Mistral's errors have none, and the
# read raised AttributeError inside the handler, so every error it caught escaped it, fallback branches and all
# (held-out review 74, X2: `if e.code == "context_length_exceeded": ... return f"Bad request: {e.message}"`)
ABSENT_ATTRIBUTES = frozenset({"code", "type", "param", "request_id"})
ATTRIBUTE_NOTES = MappingProxyType({
    "body": "{e}.body is a str on Mistral: json.loads({e}.body)",
    "response": "{e}.response is {e}.raw_response on Mistral",
    "request": "Mistral status errors carry no request ({e}.raw_response.request)",
    "code": "no {e}.code on Mistral (getattr({e}, \"code\", None) is None there): json.loads({e}.body).get('code')",
    "type": "no {e}.type on Mistral (getattr({e}, \"type\", None) is None there): json.loads({e}.body).get('type')",
    "param": "no {e}.param on Mistral (getattr({e}, \"param\", None) is None there): "
             "json.loads({e}.body).get('param')",
    "request_id": "no {e}.request_id on Mistral (getattr({e}, \"request_id\", None) is None there): "
                  "{e}.headers.get('" + REQUEST_ID_HEADER + "') on its HTTP errors",
    "http_status": "{e}.http_status is {e}.status_code on Mistral",
    "json_body": "{e}.json_body is json.loads({e}.body) on Mistral",
    "http_body": "{e}.http_body is {e}.body on Mistral",
    "user_message": "no {e}.user_message on Mistral: {e}.message",
    "error": "no {e}.error on Mistral: json.loads({e}.body)",
})
