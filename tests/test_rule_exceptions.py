"""MIG103: OpenAI exception classes -> Mistral exception classes (with status checks)."""

from __future__ import annotations

import builtins
import textwrap

import httpx2
import pytest
from libcst.codemod import CodemodTest  # noqa: F401
from mechanics import MechanicsTest, convert_idempotent
from mistralai.client import errors

from codemods.exceptions import Exceptions
from migrator.mapping.errors import ATTRIBUTE_NOTES, ERRORS, MISTRAL_BASES, mistral_ancestors


class TestExceptions(MechanicsTest):
    TRANSFORM = Exceptions

    def test_noop(self) -> None:
        """Code that does not use OpenAI is left alone, even with look-alike names."""
        code = """
            import httpx2
            from mistralai.client import errors
            from myapp.errors import RateLimitError

            try:
                call()
            except RateLimitError:
                pass
            except errors.SDKError as e:
                if e.status_code != 429:
                    raise
            ok = isinstance(x, RateLimitError)
        """
        self.assertCodemod(code, code)

    def test_rename_without_status(self) -> None:
        """A class with a status-free Mistral counterpart is renamed; the openai import goes."""
        before = """
            import openai

            try:
                call()
            except openai.APITimeoutError:
                retry()
        """
        after = """
            import httpx2

            try:
                call()
            except httpx2.TimeoutException:
                retry()
        """
        self.assertCodemod(before, after)

    def test_status_check_adds_as_name(self) -> None:
        """RateLimitError becomes SDKError plus a re-raise unless status 429; a free `as` name is added."""
        before = """
            from openai import RateLimitError

            try:
                call()
            except RateLimitError:
                wait()
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except errors.SDKError as e:
                if e.status_code != 429:
                    raise
                wait()
        """
        self.assertCodemod(before, after)

    def test_status_check_keeps_as_name_and_one_line_body(self) -> None:
        """An existing `as` name is reused; a one-line body becomes an indented block."""
        before = """
            import openai

            try:
                call()
            except openai.InternalServerError as err: log(err.status_code)
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except errors.SDKError as err:
                if err.status_code < 500:
                    raise
                log(err.status_code)
        """
        self.assertCodemod(before, after)

    def test_as_name_does_not_clash(self) -> None:
        """The added name avoids names the module already uses."""
        before = """
            import openai

            e = 1
            try:
                call()
            except openai.NotFoundError:
                pass
        """
        after = """
            from mistralai.client import errors

            e = 1
            try:
                call()
            except errors.SDKError as exc:
                if exc.status_code != 404:
                    raise
                pass
        """
        self.assertCodemod(before, after)

    def test_tuple_same_class_statuses(self) -> None:
        """A tuple of classes that all become SDKError checks the statuses with `not in`."""
        before = """
            import openai

            try:
                call()
            except (openai.RateLimitError, openai.AuthenticationError) as e:
                print(e.status_code)
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except errors.SDKError as e:
                if e.status_code not in (429, 401):
                    raise
                print(e.status_code)
        """
        self.assertCodemod(before, after)

    def test_a_bad_request_is_a_400_or_a_422(self) -> None:
        """OpenAI answers an invalid request 400; Mistral answers an invalid field 422 (HTTPValidationError, a
        MistralError beside SDKError): BadRequestError catches both (held-out review 56, W2). In a tuple with
        an SDKError status class, the clause catches their common base once and tells them apart."""
        before = """
            import openai

            try:
                call()
            except openai.BadRequestError:
                invalid()
            try:
                call()
            except (openai.RateLimitError, openai.BadRequestError) as e:
                print(e.status_code)
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except errors.MistralError as exc:
                if exc.status_code not in (400, 422):
                    raise
                invalid()
            try:
                call()
            except errors.MistralError as e:
                if not ((isinstance(e, errors.SDKError) and e.status_code == 429) or e.status_code in (400, 422)):
                    raise
                print(e.status_code)
        """
        self.assertCodemod(before, after)

    def test_tuple_mixed_classes(self) -> None:
        """A tuple mixing a status class, a renamed class and a user class re-raises anything else."""
        before = """
            import openai

            try:
                call()
            except (openai.RateLimitError, openai.APITimeoutError, ValueError) as e:
                print(e)
        """
        after = """
            import httpx2
            from mistralai.client import errors

            try:
                call()
            except (errors.SDKError, httpx2.TimeoutException, ValueError) as e:
                if isinstance(e, errors.SDKError) and e.status_code != 429:
                    raise
                print(e)
        """
        self.assertCodemod(before, after)
        # (held-out review 93, X8: only the class checked for its status is named; a class of the app's own, which may
        # subclass it, keeps the whole test)
        self.assertCodemod(before.replace("ValueError", "AppError"), after.replace(
            "if isinstance(e, errors.SDKError) and e.status_code != 429:",
            "if not (isinstance(e, (httpx2.TimeoutException, AppError)) or (isinstance(e, errors.SDKError) and "
            "e.status_code == 429)):").replace("ValueError", "AppError"))


    def test_tuple_status_class_within_a_whole_class(self) -> None:
        """``(RateLimitError, APIError)``: MistralError catches every SDKError, so the 429 check (and a
        guard that could never re-raise) is dropped (held-out review: DannyHucc)."""
        before = """
            import openai

            try:
                call()
            except (openai.RateLimitError, openai.APIError) as e:
                print(e)
        """
        after = """
            import httpx2
            from mistralai.client import errors

            try:
                call()
            except (errors.MistralError, errors.NoResponseError, httpx2.RequestError) as e:
                print(e)
        """
        self.assertCodemod(before, after)

    def test_unreachable_later_handler_keeps_its_place(self) -> None:
        """``except (RateLimitError, APIError)`` then ``except BadRequestError``: the first catches
        everything (the second never ran, in OpenAI either); no if/elif merge, the second keeps its own
        status check."""
        before = """
            import openai

            try:
                call()
            except (openai.RateLimitError, openai.APIError) as e:
                print(e)
            except openai.BadRequestError:
                bad()
        """
        after = """
            import httpx2
            from mistralai.client import errors

            try:
                call()
            except (errors.MistralError, errors.NoResponseError, httpx2.RequestError) as e:
                print(e)
            except errors.MistralError as exc:
                if exc.status_code not in (400, 422):
                    raise
                bad()
        """
        self.assertCodemod(before, after)
    def test_later_disjoint_handler_is_fine(self) -> None:
        """A status check may re-raise when no later handler could catch the same Mistral class."""
        before = """
            import openai

            try:
                call()
            except openai.RateLimitError:
                wait()
            except openai.APIConnectionError:
                offline()
            except KeyError:
                pass
        """
        after = """
            import httpx2
            from mistralai.client import errors

            try:
                call()
            except errors.SDKError as e:
                if e.status_code != 429:
                    raise
                wait()
            except (httpx2.RequestError, errors.NoResponseError):
                offline()
            except KeyError:
                pass
        """
        self.assertCodemod(before, after)

    def test_later_overlapping_handler_is_merged(self) -> None:
        """A re-raise would skip a later `except APIError`: the handlers become one if/elif chain."""
        before = """
            import openai

            try:
                call()
            except openai.RateLimitError:
                wait()
            # anything else from the API
            except openai.APIError as e:
                fail(e)
            except KeyError:
                pass
        """
        after = """
            import httpx2
            from mistralai.client import errors

            try:
                call()
            except (errors.MistralError, errors.NoResponseError, httpx2.RequestError) as e:
                if isinstance(e, errors.SDKError) and e.status_code == 429:
                    wait()
                # anything else from the API
                else:
                    fail(e)
            except KeyError:
                pass
        """
        self.assertCodemod(before, after)

    def test_two_status_handlers_and_exception_are_merged(self) -> None:
        """Status handlers merge into one if/elif chain; a later `except Exception` becomes its `else:`
        (a re-raise does not fall through to it, so it cannot stay a clause of its own), and the merged
        clause catches what it caught, under its name."""
        before = """
            import openai

            try:
                call()
            except openai.AuthenticationError:
                login()
            except openai.NotFoundError: missing()
            except Exception as err:
                log(err)
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except Exception as err:
                if isinstance(err, errors.SDKError) and err.status_code == 401:
                    login()
                elif isinstance(err, errors.SDKError) and err.status_code == 404:
                    missing()
                else:
                    log(err)
        """
        self.assertCodemod(before, after)

    def test_a_handler_between_the_status_check_and_the_catch_all_keeps_its_place(self) -> None:
        """simple-evals: `except BadRequestError` then `except Exception` (a retry loop). An unrelated
        handler in between stays a branch in its order; the catch-all's body is the `else:`."""
        before = """
            import openai

            while True:
                try:
                    return ask()
                # one model rejects some prompts
                except openai.BadRequestError as e:
                    print("Bad Request Error", e)
                    return None
                except ValueError:
                    return ""
                except Exception as e:
                    time.sleep(2**trial)
                    trial += 1
        """
        after = """
            from mistralai.client import errors

            while True:
                try:
                    return ask()
                # one model rejects some prompts
                except Exception as e:
                    if isinstance(e, errors.MistralError) and e.status_code in (400, 422):
                        print("Bad Request Error", e)
                        return None
                    elif isinstance(e, ValueError):
                        return ""
                    else:
                        time.sleep(2**trial)
                        trial += 1
        """
        self.assertCodemod(before, after)

    def test_a_catch_all_naming_the_exception_differently_lends_its_name(self) -> None:
        """`except RateLimitError as e` ... `except Exception as err`: the merged clause takes the
        catch-all's name, and the status branch reads the exception under it."""
        before = """
            import openai

            try:
                call()
            except openai.RateLimitError as e:
                wait(e.status_code)
            except Exception as err:
                log(err)
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except Exception as err:
                if isinstance(err, errors.SDKError) and err.status_code == 429:
                    wait(err.status_code)
                else:
                    log(err)
        """
        self.assertCodemod(before, after)

    def test_a_name_read_after_the_try_is_not_bound_by_a_merge(self) -> None:
        """Review: `for e in items: try ... except RateLimitError as e: ... except Exception: ...;
        print(e)`. Merged under `e`, every error would leave the loop variable deleted
        (UnboundLocalError): the merged clause takes a name used nowhere else."""
        before = """
            import openai

            for e in items:
                try:
                    call(e)
                except openai.RateLimitError as e:
                    raise SystemExit(f"rate limited: {e}")
                except Exception:
                    print("failed")
                print("done with", e)
        """
        after = """
            from mistralai.client import errors

            for e in items:
                try:
                    call(e)
                except Exception as exc:
                    if isinstance(exc, errors.SDKError) and exc.status_code == 429:
                        raise SystemExit(f"rate limited: {exc}")
                    else:
                        print("failed")
                print("done with", e)
        """
        self.assertCodemod(before, after)

    def test_a_handler_outside_except_exception_keeps_the_catch_all_apart(self) -> None:
        """Review: a `KeyboardInterrupt` (or asyncio.CancelledError, a class of unknown base) handler
        between the status check and `except Exception` would never run inside `except Exception`:
        the catch-all stays apart, with the TODO, and the status check merges with what it can."""
        before = """
            import openai

            while True:
                try:
                    call()
                except openai.RateLimitError:
                    time.sleep(1)
                except KeyboardInterrupt:
                    break
                except Exception as e:
                    print(e)
        """
        message = ("except openai.RateLimitError: other statuses are re-raised here and no longer reach the "
                   "`except Exception` below; handle them there if they should")
        after = f"""
            from mistralai.client import errors

            while True:
                try:
                    call()
                # TODO(migrator MIG103): {message}
                except errors.SDKError as exc:
                    if exc.status_code != 429:
                        raise
                    time.sleep(1)
                except KeyboardInterrupt:
                    break
                except Exception as e:
                    print(e)
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 6: {message}"])

    def test_later_bare_except_becomes_the_else(self) -> None:
        """A status check before a bare `except:`: one `except BaseException` (what a bare except
        catches) whose `else:` is the bare handler's body."""
        before = """
            import openai

            try:
                call()
            except openai.RateLimitError:
                wait()
            except:
                fail()
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except BaseException as e:
                if isinstance(e, errors.SDKError) and e.status_code == 429:
                    wait()
                else:
                    fail()
        """
        self.assertCodemod(before, after)

    def test_merge_with_different_names_reads_one_name(self) -> None:
        """Handlers binding the exception to different names merge under the first one's name; the
        other handler's body reads it under that name (each name was local to its handler)."""
        before = """
            import openai

            try:
                call()
            except openai.RateLimitError as rate:
                wait(rate)
            except openai.APIStatusError as status:
                fail(status.status_code, status)
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except (errors.SDKError, errors.HTTPValidationError) as rate:
                if isinstance(rate, errors.SDKError) and rate.status_code == 429:
                    wait(rate)
                else:
                    fail(rate.status_code, rate)
        """
        self.assertCodemod(before, after)

    def test_merge_would_shadow_takes_a_fresh_name(self) -> None:
        """An unnamed handler reads the other handler's name as something else (the parameter e):
        the merged clause takes a name used nowhere, and the named handler's branch reads it."""
        before = """
            import openai

            def run(e):
                try:
                    call()
                except openai.RateLimitError:
                    wait(e)
                except openai.APIError as e:
                    fail(e)
        """
        after = """
            import httpx2
            from mistralai.client import errors

            def run(e):
                try:
                    call()
                except (errors.MistralError, errors.NoResponseError, httpx2.RequestError) as exc:
                    if isinstance(exc, errors.SDKError) and exc.status_code == 429:
                        wait(e)
                    else:
                        fail(exc)
        """
        self.assertCodemod(before, after)

    def test_a_renamed_handler_does_not_capture_an_outer_variable(self) -> None:
        """Review: `e = "outer"`; `except RateLimitError as rl: return e` + `except Exception as e`.
        Merged under e, the first branch would read the exception instead of "outer"."""
        before = """
            import openai

            def run():
                e = "outer"
                try:
                    call()
                except openai.RateLimitError as rl:
                    return (rl, e)
                except Exception as e:
                    return e
        """
        after = """
            from mistralai.client import errors

            def run():
                e = "outer"
                try:
                    call()
                except Exception as exc:
                    if isinstance(exc, errors.SDKError) and exc.status_code == 429:
                        return (exc, e)
                    else:
                        return exc
        """
        self.assertCodemod(before, after)

    def test_except_star_status_is_todo(self) -> None:
        """Status checks inside except* groups are not attempted."""
        before = """
            import openai

            try:
                call()
            except* openai.RateLimitError:
                wait()
        """
        message = ("except openai.RateLimitError: Mistral raises errors.SDKError for it, and the status check cannot "
                   "be merged with an except* group; rewrite it by hand branching on e.status_code")
        after = f"""
            import openai

            try:
                call()
            # TODO(migrator MIG103): {message}
            except* openai.RateLimitError:
                wait()
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 5: {message}"])

    def test_isinstance_with_status(self) -> None:
        """isinstance on a status class becomes a parenthesized isinstance-and-status test."""
        before = """
            import openai

            def retryable(e):
                return not isinstance(e, openai.RateLimitError)
        """
        after = """
            from mistralai.client import errors

            def retryable(e):
                return not (isinstance(e, errors.SDKError) and e.status_code == 429)
        """
        self.assertCodemod(before, after)

    def test_isinstance_rename(self) -> None:
        """isinstance on status-free classes only swaps the class argument."""
        before = """
            from openai import APIConnectionError, APIStatusError

            ok = isinstance(err, (APIConnectionError, APIStatusError))
        """
        after = """
            import httpx2
            from mistralai.client import errors

            ok = isinstance(err, (httpx2.RequestError, errors.NoResponseError, errors.SDKError, errors.HTTPValidationError))
        """
        self.assertCodemod(before, after)

    def test_isinstance_with_a_union_is_read_as_a_tuple(self) -> None:
        """Held-out review 28, G6: `isinstance(exc, APITimeoutError | APIConnectionError)` (PEP 604) was left with
        two "convert by hand" TODOs while the tuple form converted."""
        before = """
            from openai import APIConnectionError, APITimeoutError, RateLimitError

            ok = isinstance(err, APITimeoutError | APIConnectionError)
            limited = isinstance(err, (RateLimitError | APIConnectionError))
        """
        after = """
            import httpx2
            from mistralai.client import errors

            ok = isinstance(err, (httpx2.TimeoutException, httpx2.RequestError, errors.NoResponseError))
            limited = (isinstance(err, (httpx2.RequestError, errors.NoResponseError)) or (isinstance(err, errors.SDKError) and err.status_code == 429))
        """
        self.assertCodemod(before, after)

    def test_isinstance_complex_subject_is_todo(self) -> None:
        """A status check would evaluate a call twice: TODO, unchanged."""
        before = """
            import openai

            ok = isinstance(get(), openai.RateLimitError)
        """
        message = "isinstance(get(), ...) needs a status check on a complex expression; assign it to a name first"
        after = f"""
            import openai

            # TODO(migrator MIG103): {message}
            ok = isinstance(get(), openai.RateLimitError)
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 3: {message}"])

    def test_multi_line_source_in_todo_is_one_line(self) -> None:
        """Source quoted in a TODO is put on one line (a comment cannot span lines)."""
        before = """
            import openai

            ok = isinstance(get(
                1), openai.RateLimitError)
        """
        message = "isinstance(get( 1), ...) needs a status check on a complex expression; assign it to a name first"
        after = f"""
            import openai

            # TODO(migrator MIG103): {message}
            ok = isinstance(get(
                1), openai.RateLimitError)
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 4: {message}"])

    def test_tenacity_status_predicate(self) -> None:
        """retry_if_exception_type(RateLimitError) becomes retry_if_exception with a status lambda; the import
        of retry_if_exception_type, unused now, goes (held-out review 28, G11)."""
        before = """
            import openai
            from tenacity import retry, retry_if_exception_type

            @retry(retry=retry_if_exception_type(openai.RateLimitError))
            def ask():
                pass
        """
        after = """
            from mistralai.client import errors
            from tenacity import retry, retry_if_exception

            @retry(retry=retry_if_exception(lambda exc: isinstance(exc, errors.SDKError) and exc.status_code == 429))
            def ask():
                pass
        """
        self.assertCodemod(before, after)

    def test_tenacity_import_one_name_per_line_keeps_its_layout(self) -> None:
        """Held-out review 28, G11 (email-classify): the one-name-per-line import was collapsed onto one line."""
        before = """
            import openai
            from tenacity import (
                retry,
                stop_after_attempt,
                retry_if_exception_type
            )

            @retry(retry=retry_if_exception_type(openai.RateLimitError), stop=stop_after_attempt(3))
            def ask():
                pass
        """
        after = """
            from mistralai.client import errors
            from tenacity import (
                retry,
                stop_after_attempt,
                retry_if_exception
            )

            @retry(retry=retry_if_exception(lambda exc: isinstance(exc, errors.SDKError) and exc.status_code == 429), stop=stop_after_attempt(3))
            def ask():
                pass
        """
        self.assertCodemod(before, after)

    def test_tenacity_module_attribute_and_rename(self) -> None:
        """tenacity.retry_if_exception_type with status-free classes keeps the call, swapping classes."""
        before = """
            import openai
            import tenacity

            policy = tenacity.retry_if_exception_type((openai.APITimeoutError, openai.APIConnectionError))
            other = tenacity.retry_if_not_exception_type(openai.BadRequestError)
        """
        after = """
            import httpx2
            from mistralai.client import errors
            import tenacity

            policy = tenacity.retry_if_exception_type((httpx2.TimeoutException, httpx2.RequestError, errors.NoResponseError))
            other = tenacity.retry_if_exception(lambda exc: not (isinstance(exc, errors.MistralError) and exc.status_code in (400, 422)))
        """
        self.assertCodemod(before, after)

    def test_backoff_status_class_gets_a_giveup(self) -> None:
        """backoff.on_exception(wait, RateLimitError): retry on SDKError, give up on other statuses."""
        before = """
            import backoff
            import openai

            @backoff.on_exception(backoff.expo, openai.RateLimitError, max_tries=5)
            def ask():
                pass

            @backoff.on_exception(
                backoff.expo,
                exception=(openai.RateLimitError, openai.APITimeoutError),
            )
            def ask_again():
                pass
        """
        after = """
            import backoff
            import httpx2
            from mistralai.client import errors

            @backoff.on_exception(backoff.expo, errors.SDKError, max_tries=5, giveup=lambda exc: not (isinstance(exc, errors.SDKError) and exc.status_code == 429))
            def ask():
                pass

            @backoff.on_exception(
                backoff.expo,
                exception=(errors.SDKError, httpx2.TimeoutException),
                giveup=lambda exc: not (isinstance(exc, httpx2.TimeoutException) or (isinstance(exc, errors.SDKError) and exc.status_code == 429)),
            )
            def ask_again():
                pass
        """
        self.assertCodemod(before, after)

    def test_bad_request_before_unprocessable_entity_takes_400_alone(self) -> None:
        """Held-out review 61, X25 (interfaced-slackbots): `except BadRequestError` became a check for 400 and 422
        (Mistral's invalid field), so the `except UnprocessableEntityError` after it never ran. With both, the first
        takes 400 alone, with a TODO saying where Mistral's invalid requests go now."""
        before = """
            import openai

            try:
                r = ask()
            except openai.BadRequestError as e:
                raise Invalid(str(e))
            except openai.UnprocessableEntityError:
                raise Unprocessable()
        """
        message = ("except openai.BadRequestError: it takes status 400 only now, as the UnprocessableEntityError "
                   "handler below takes 422; Mistral answers an invalid field with 422 where OpenAI answered 400, so "
                   "requests this handler saw now reach that one: check it fits")
        after = f"""
            from mistralai.client import errors

            try:
                r = ask()
            # TODO(migrator MIG103): {message}
            except errors.MistralError as e:
                if e.status_code == 400:
                    raise Invalid(str(e))
                elif e.status_code == 422:
                    raise Unprocessable()
                else:
                    raise
        """
        self.assertCodemod(before, after)

    def test_celery_autoretry_for_names_the_mistral_classes(self) -> None:
        """Held-out review 59, X8: `@app.task(autoretry_for=(openai.InternalServerError, openai.RateLimitError,
        openai.APITimeoutError))` was left as written (the tuple never matched: no retry on 429 / 5xx). Celery takes
        classes only: the task retries on the Mistral classes, with a TODO that SDKError is wider; a status-free
        tuple converts exactly."""
        before = """
            import openai
            from celery import shared_task

            @app.task(autoretry_for=(openai.InternalServerError, openai.RateLimitError, openai.APITimeoutError), bind=True)
            def call(self):
                pass

            @shared_task(autoretry_for=(openai.APITimeoutError,))
            def again():
                pass
        """
        message = ("autoretry_for= now names errors.SDKError, which Mistral raises for every HTTP error status, where "
                   "openai.InternalServerError, openai.RateLimitError meant only status_code >= 500 or == 429: to "
                   "retry on those alone, catch it in the task and retry (self.retry(exc=exc), with bind=True) when "
                   "the status matches")
        after = f"""
            import httpx2
            from mistralai.client import errors
            from celery import shared_task

            # TODO(migrator MIG103): {message}
            @app.task(autoretry_for=(errors.SDKError, httpx2.TimeoutException), bind=True)
            def call(self):
                pass

            @shared_task(autoretry_for=(httpx2.TimeoutException,))
            def again():
                pass
        """
        self.assertCodemod(before, after)

    def test_backoff_status_free_and_existing_giveup(self) -> None:
        """A status-free class is renamed; an existing giveup= (a one-parameter lambda or a function
        name) also gives up on what the OpenAI classes did not catch (probe p10: the tuple kept the
        OpenAI classes and nothing was retried); another giveup gets a TODO."""
        before = """
            import backoff
            from openai import APITimeoutError, RateLimitError

            @backoff.on_exception(backoff.expo, APITimeoutError)
            def ask():
                pass

            @backoff.on_exception(backoff.expo, RateLimitError, giveup=lambda e: False)
            def ask_again():
                pass

            @backoff.on_exception(backoff.expo, RateLimitError, giveup=fatal)
            def ask_more():
                pass

            @backoff.on_exception(backoff.expo, RateLimitError, giveup=policy.fatal_for(3))
            def ask_last():
                pass
        """
        message = ("backoff.on_exception already has giveup=: make it also give up when not "
                   "(isinstance(exc, errors.SDKError) and exc.status_code == 429), and retry on the Mistral "
                   "classes, by hand")
        fatal = ("giveup=fatal now receives mistralai's exceptions: check what it reads (.response is "
                 ".raw_response, .body a str, no .code)")
        after = f"""
            import backoff
            import httpx2
            from mistralai.client import errors
            from openai import RateLimitError

            @backoff.on_exception(backoff.expo, httpx2.TimeoutException)
            def ask():
                pass

            @backoff.on_exception(backoff.expo, errors.SDKError, giveup=lambda e: not (isinstance(e, errors.SDKError) and e.status_code == 429) or (False))
            def ask_again():
                pass

            # TODO(migrator MIG103): {fatal}
            @backoff.on_exception(backoff.expo, errors.SDKError, giveup=lambda exc: not (isinstance(exc, errors.SDKError) and exc.status_code == 429) or fatal(exc))
            def ask_more():
                pass

            # TODO(migrator MIG103): {message}
            @backoff.on_exception(backoff.expo, RateLimitError, giveup=policy.fatal_for(3))
            def ask_last():
                pass
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 12: {fatal}", f"line 16: {message}"])

    def test_raise_is_todo(self) -> None:
        """User code raising an OpenAI error cannot be converted: TODO, unchanged."""
        before = """
            import openai

            def fake():
                raise openai.RateLimitError("slow down", response=None, body=None)
        """
        message = ("raise openai.RateLimitError(...): Mistral errors are built from an httpx2.Response "
                   "(errors.SDKError(message, raw_response)); raise your own exception instead")
        after = f"""
            import openai

            def fake():
                # TODO(migrator MIG103): {message}
                raise openai.RateLimitError("slow down", response=None, body=None)
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 4: {message}"])

    def test_other_reference_is_todo(self) -> None:
        """A class used elsewhere (pytest.raises, variables) is left with a TODO naming the Mistral class."""
        before = """
            import openai

            with pytest.raises(openai.APITimeoutError):
                call()
        """
        message = "openai.APITimeoutError left unchanged: Mistral raises httpx2.TimeoutException; convert by hand"
        after = f"""
            import openai

            # TODO(migrator MIG103): {message}
            with pytest.raises(openai.APITimeoutError):
                call()
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 3: {message}"])

    def test_splat_tuple_is_todo(self) -> None:
        """A caught tuple with *splat cannot be rewritten element by element: TODO, unchanged."""
        before = """
            import openai

            try:
                call()
            except (*OTHER, openai.RateLimitError):
                pass
        """
        message = ("openai.RateLimitError left unchanged: Mistral raises errors.SDKError with status_code == 429; "
                   "convert by hand")
        after = f"""
            import openai

            # TODO(migrator MIG103): {message}
            try:
                call()
            except (*OTHER, openai.RateLimitError):
                pass
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 5: {message}"])

    def test_no_equivalent_is_todo(self) -> None:
        """A class with no Mistral counterpart leaves the handler unchanged with the mapping's note."""
        before = """
            import openai

            try:
                parse()
            except openai.LengthFinishReasonError:
                pass
        """
        message = ("openai.LengthFinishReasonError: a truncated parse() reply: Mistral's chat.parse raises "
                   "json.JSONDecodeError (or pydantic.ValidationError) from the call instead; catch those; "
                   "convert by hand")
        after = f"""
            import openai

            # TODO(migrator MIG103): {message}
            try:
                parse()
            except openai.LengthFinishReasonError:
                pass
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 5: {message}"])

    def test_attribute_reads_are_flagged(self) -> None:
        """Converted handlers that read OpenAI-only attributes get a TODO saying what to read instead,
        right above the except clause it is about (reviews: above the `try:`, possibly far away)."""
        before = """
            import openai

            try:
                call()
            except openai.APIStatusError as err:
                print(err.status_code, err.body)
        """
        message = "err.body is a str on Mistral: json.loads(err.body)"
        after = f"""
            from mistralai.client import errors

            try:
                call()
            # TODO(migrator MIG103): {message}
            except (errors.SDKError, errors.HTTPValidationError) as err:
                print(err.status_code, err.body)
        """
        self.assertCodemod(before, after, expected_warnings=[f"line 5: {message}"])

    def test_legacy_openai_error(self) -> None:
        """Legacy openai.error classes map too (InvalidRequestError covers several statuses)."""
        before = """
            import openai

            try:
                call()
            except openai.error.InvalidRequestError:
                pass
        """
        after = """
            from mistralai.client import errors

            try:
                call()
            except errors.MistralError as e:
                if e.status_code not in (400, 404, 415, 422):
                    raise
                pass
        """
        self.assertCodemod(before, after)

    def test_errors_name_taken(self) -> None:
        """When the module already uses the name `errors`, the classes are imported by name."""
        before = """
            import openai

            errors = []
            try:
                call()
            except openai.ConflictError as e:
                errors.append(e)
        """
        after = """
            from mistralai.client.errors import SDKError

            errors = []
            try:
                call()
            except SDKError as e:
                if e.status_code != 409:
                    raise
                errors.append(e)
        """
        self.assertCodemod(before, after)

    def test_second_run_is_noop(self) -> None:
        """Converted code is not converted again."""
        code = """
            import httpx2
            from mistralai.client import errors

            try:
                call()
            except errors.SDKError as e:
                if e.status_code != 429:
                    raise
            except (httpx2.RequestError, errors.NoResponseError):
                pass
        """
        self.assertCodemod(code, code)


# -- the mapping against the installed SDKs ------------------------------------------------------------------


def _resolve(name: str):
    module, _, attr = name.partition(".")
    return getattr({"errors": errors, "httpx2": httpx2}[module], attr)


@pytest.mark.parametrize("name", sorted({c for rule in ERRORS.values() for c in rule.catch}))
def test_mapped_classes_exist(name: str) -> None:
    """Every Mistral-side name the mapping emits is a real exception class."""
    assert issubclass(_resolve(name), BaseException)


@pytest.mark.parametrize("child,parent", sorted(MISTRAL_BASES.items()))
def test_declared_bases_are_real(child: str, parent: str) -> None:
    assert issubclass(_resolve(child), _resolve(parent))


def test_declared_bases_are_complete() -> None:
    """Any subclass relation among emitted names is declared (the later-handler check relies on it)."""
    names = sorted({c for rule in ERRORS.values() for c in rule.catch})
    for a in names:
        for b in names:
            if a != b and issubclass(_resolve(a), _resolve(b)):
                assert b in mistral_ancestors(a), (a, b)


def test_mistral_classes_are_not_builtin_subclasses() -> None:
    """The later-handler check treats builtin exceptions other than Exception/BaseException as disjoint."""
    names = {c for rule in ERRORS.values() for c in rule.catch}
    for name in names:
        bases = {cls.__name__ for cls in _resolve(name).__mro__ if getattr(builtins, cls.__name__, None) is cls}
        assert bases <= {"Exception", "BaseException", "object"}, (name, bases)


def test_openai_3x_names_exist() -> None:
    """Every openai 3.x name the mapping knows is a real class (SubjectTokenProviderError lives only in
    openai._exceptions in 3.57)."""
    from openai import _exceptions

    for qualified in ERRORS:
        if qualified.count(".") == 1 and qualified != "openai.InvalidRequestError":  # v0 top-level alias
            assert issubclass(getattr(_exceptions, qualified.split(".")[1]), BaseException), qualified


def test_attribute_notes_format() -> None:
    for note in ATTRIBUTE_NOTES.values():
        assert "{e}" in note and note.format(e="x")


def test_a_handler_left_because_a_sibling_cannot_convert_says_so() -> None:
    """Review: `except RateLimitError` next to `except LengthFinishReasonError` (no Mistral class):
    the whole try stays, and the rate-limit handler, now dead, had no TODO of its own."""
    code, _ = convert_idempotent("""\
        import openai
        client = openai.OpenAI()
        def f():
            try:
                client.chat.completions.create(model="gpt-4o", messages=[])
            except openai.RateLimitError:
                return "rate"
            except openai.LengthFinishReasonError:
                return "length"
        """)
    assert ("    # TODO(migrator MIG103): except openai.RateLimitError left as written (another handler of this try "
            "cannot convert): Mistral raises errors.SDKError with status_code == 429 here\n"
            "    except openai.RateLimitError:\n") in code, code


def test_a_module_class_based_on_exception_does_not_keep_the_catch_all_apart() -> None:
    """Review: `class Retryable(Exception)` defined in the module, handled between the status check
    and `except Exception`, counted as a class of unknown base (TODO). Its base is known."""
    code, _ = convert_idempotent("""\
        import openai
        client = openai.OpenAI()
        class Retryable(Exception):
            pass
        class Later(Retryable):
            pass
        def f():
            try:
                client.chat.completions.create(model="gpt-4o", messages=[])
            except openai.RateLimitError:
                return "rate"
            except Later:
                return "later"
            except Exception:
                return "other"
        """)
    assert "    except Exception as e:\n        if isinstance(e, errors.SDKError) and e.status_code == 429:\n" in code, code
    assert "elif isinstance(e, Later):" in code and "TODO" not in code


def test_an_openai_handler_around_langchain_objects_gets_a_todo():
    """Probe review: ``except openai.RateLimitError`` around ``ChatOpenAI(...).invoke`` stayed as it was
    with no TODO; once ChatMistralAI, a 429 raised httpx.HTTPStatusError past it."""
    from mechanics import convert_idempotent

    code, todos = convert_idempotent('''\
        import openai
        from langchain_openai import ChatOpenAI
        llm = ChatOpenAI(model="gpt-4o-mini", max_retries=0)
        def ask(q):
            try:
                return llm.invoke(q).content
            except openai.RateLimitError:
                return "rate limited, retry later"
        ''')
    assert "ChatMistralAI(" in code and "except openai.RateLimitError:" in code, code
    assert any("ChatMistralAI / MistralAIEmbeddings raise httpx.HTTPStatusError" in t for t in todos), todos


def test_response_becomes_raw_response_where_every_caught_class_has_it() -> None:
    """OpenAI's status errors' `.response` (the httpx response) is `.raw_response` on mistralai's
    MistralError family: renamed, in a single clause and in merged ones (where the clause named the
    exception otherwise: its TODO used to be lost, and the read failed). A clause that also catches
    httpx2 / NoResponseError (no raw_response) keeps the TODO."""
    code, todos = convert_idempotent('''\
        import openai
        from openai import OpenAI

        client = OpenAI()


        def ask(q):
            try:
                return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
            except openai.BadRequestError as e:
                print("bad", e.response.status_code)
            except openai.RateLimitError as err:
                return err.response.headers.get("retry-after")


        def ask2(q):
            try:
                return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
            except openai.APIStatusError as e:
                return f"http {e.status_code}: {e.response.text}"
            except openai.APIError as e:
                return f"{e.response}"
        ''')
    assert 'print("bad", e.raw_response.status_code)' in code
    assert 'return e.raw_response.headers.get("retry-after")' in code
    assert 'return f"http {e.status_code}: {e.raw_response.text}"' in code
    assert 'return f"{e.response}"' in code
    assert todos == ["e.response is e.raw_response on Mistral"], todos
    response = httpx2.Response(429, headers={"retry-after": "3"}, request=httpx2.Request("POST", "http://x"))
    error = errors.SDKError("limited", response)
    assert error.raw_response.headers["retry-after"] == "3"  # what the converted read gets


def test_an_error_table_beside_a_converted_langchain_object_gets_one_todo() -> None:
    """Held-out review 104, X7 (Adzump-AI): `ERROR_MESSAGES = {RateLimitError: ..., APITimeoutError: ..., ...}` looked
    up with type(e) beside a ChatOpenAI that converts got four identical TODOs stacked above the table, one per class.
    One TODO names them all; an except clause elsewhere keeps its own."""
    code, todos = convert_idempotent('''\
        from langchain_openai import ChatOpenAI
        from openai import APIConnectionError, APIError, APITimeoutError, RateLimitError

        ERROR_MESSAGES = {
            RateLimitError: "rate limited",
            APITimeoutError: "timed out",
            APIConnectionError: "connection failed",
            APIError: "service error",
        }
        llm = ChatOpenAI(model="gpt-4o-mini", temperature=0)
        try:
            print(llm.invoke("hi").content)
        except RateLimitError:
            pass
        ''')
    said = [t for t in todos if "may be a LangChain / LlamaIndex object" in t]
    assert len(said) == 2 and said[0].startswith("RateLimitError, APITimeoutError, APIConnectionError, APIError: "), said
    assert code.count("may be a LangChain / LlamaIndex object") == 2, code


@pytest.mark.parametrize(("llm", "said"), [
    ('ChatOpenAI(model="gpt-4o")', True),  # converts: what raises may be ChatMistralAI now
    ('ChatOpenAI(model="gpt-4o", logit_bias={1: 2})', False),  # kept on OpenAI (corpus review R7: gorilla raft)
])
def test_the_langchain_exception_todo_only_where_a_langchain_object_converts(llm: str, said: bool) -> None:
    code, todos = convert_idempotent(f'''\
        import openai
        from langchain_openai import ChatOpenAI

        llm = {llm}
        try:
            print(llm.invoke("hi").content)
        except openai.RateLimitError:
            pass
        ''')
    assert any("may be a LangChain / LlamaIndex object" in t for t in todos) == said, todos


def test_an_apps_own_giveup_reads_mistrals_exceptions() -> None:
    """Session review: `giveup=lambda e: e.response.status_code == 400` (kept as written) and a
    `should_give_up(e)` function reading e.response ran on mistralai's SDKError: AttributeError at the
    first 429. In a lambda .response becomes .raw_response (every caught class has it); other reads and
    a function get a TODO."""
    code, todos = convert_idempotent('''\
        import backoff
        import openai

        client = openai.OpenAI()


        def should_give_up(e):
            return e.response.status_code == 400


        @backoff.on_exception(backoff.constant, openai.RateLimitError, giveup=should_give_up)
        def a():
            return client.chat.completions.create(model="gpt-4o", messages=[])


        @backoff.on_exception(backoff.constant, openai.APIStatusError, giveup=lambda e: e.response.status_code == 400 or e.code == "x")
        def b():
            return client.chat.completions.create(model="gpt-4o", messages=[])
        ''')
    assert "giveup=lambda e: e.raw_response.status_code == 400 or getattr(e, \"code\", None) == \"x\")" in code
    assert "or should_give_up(exc))" in code
    assert sorted(todos) == ["giveup= reads no e.code on Mistral (getattr(e, \"code\", None) is None there): "
                             "json.loads(e.body).get('code')",
                             "giveup=should_give_up now receives mistralai's exceptions: check what it reads "
                             "(.response is .raw_response, .body a str, no .code)"]


def test_getattr_of_response_in_a_handler_follows_the_rename() -> None:
    """Session review: `getattr(e, "response", None)` was neither renamed nor flagged: the request id
    read from it silently became None."""
    code, todos = convert_idempotent('''\
        import openai

        client = openai.OpenAI()
        try:
            client.chat.completions.create(model="gpt-4o", messages=[])
        except openai.RateLimitError as e:
            rid = getattr(e, "response", None)
            code = getattr(e, "code", None)
        ''')
    assert 'rid = getattr(e, "raw_response", None)' in code
    assert todos == ["no e.code on Mistral (getattr(e, \"code\", None) is None there): json.loads(e.body).get('code')"]


def test_an_error_code_read_in_a_handler_no_longer_raises_inside_it() -> None:
    """Held-out review 74, X2: `e.code` kept in a converted handler raised AttributeError on every 400, so the
    handler's own fallback (`return f"Bad request: {e.message}"`) was lost too. It reads getattr(e, "code", None),
    with one TODO (the OpenAI error code's), not two saying the same thing."""
    code, todos = convert_idempotent('''\
        import openai
        from openai import OpenAI

        client = OpenAI()


        def reply(history):
            try:
                r = client.chat.completions.create(model="gpt-4o", messages=history)
            except openai.BadRequestError as e:
                if e.code == "context_length_exceeded":
                    return "Conversation too long"
                log(e.type, (e.param), e.message)
                return f"Bad request: {e.message}"
            return r.choices[0].message.content
        ''')
    assert 'if getattr(e, "code", None) == "context_length_exceeded":' in code
    assert 'log(getattr(e, "type", None), (getattr(e, "param", None)), e.message)' in code
    assert [t.split(":")[0] for t in todos] == ['"context_length_exceeded" is OpenAI\'s error code',
                                               'no e.param on Mistral (getattr(e, "param", None) is None there)',
                                               'no e.type on Mistral (getattr(e, "type", None) is None there)'], todos


@pytest.mark.parametrize("caught, read, told", [
    ("openai.APIStatusError", 'e.headers.get("mistral-correlation-id")', False),
    ("openai.APIError", 'getattr(e, "request_id", None)', True)])
def test_held_out_168_a_request_id_read_in_a_handler_reads_the_header_or_getattr(caught, read, told) -> None:
    """Held-out review 168, X2 (slawekradzyminski/personal-ai-assistant): `e.request_id` kept in a converted
    `except (errors.SDKError, errors.HTTPValidationError)` raised AttributeError inside the handler on every API error
    (its TODO named the fix). Mistral's HTTP errors carry the response's headers: the read becomes the header's; where
    the clause also catches errors with no response (connection errors), getattr, with the TODO."""
    from mistralai.client import errors

    code, todos = convert_idempotent(f'''\
        import openai
        from openai import OpenAI

        client = OpenAI()


        def reply(text):
            try:
                return client.chat.completions.create(model="gpt-4o", messages=[]).choices[0].message.content
            except {caught} as e:
                log(e.status_code if hasattr(e, "status_code") else 0, e.request_id)
                return None
        ''')
    assert f"log(e.status_code if hasattr(e, \"status_code\") else 0, {read})" in code, code
    assert any("request_id" in t for t in todos) is told, todos
    assert all(hasattr(cls, "__dataclass_fields__") and "headers" in cls.__dataclass_fields__
               for cls in (errors.SDKError, errors.HTTPValidationError))  # (what the rewrite reads)


def test_an_error_code_compared_with_a_string_of_no_code_todo_is_told_too() -> None:
    """Held-out review 75, X6 (BenderV/autochat): beside `e.code == "context_length_exceeded"` (its TODO), `e.code ==
    "invalid_request_error"` became `getattr(e, "code", None) == "invalid_request_error"` with no word: always False on
    Mistral's errors (tenacity then retried a 400 four times). The code attribute's TODO says it."""
    code, todos = convert_idempotent('''\
        import openai
        from openai import OpenAI

        client = OpenAI()


        def ask(q):
            try:
                res = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
            except openai.BadRequestError as e:
                if e.code == "invalid_request_error":
                    raise ValueError(e)
                if e.code == "context_length_exceeded":
                    raise ValueError(e)
                raise
            return res.choices[0].message.content
        ''')
    assert 'if getattr(e, "code", None) == "invalid_request_error":' in code
    assert [t.split(":")[0] for t in todos] == ['"context_length_exceeded" is OpenAI\'s error code',
                                               'no e.code on Mistral (getattr(e, "code", None) is None there)'], todos


def _legacy_ask(clauses: str) -> str:
    """``def ask(q)`` making an openai 0.x chat call in a ``try`` followed by ``clauses`` (its except clauses)."""
    return ('import openai\n\n\ndef ask(q):\n    try:\n        r = openai.ChatCompletion.create(model="gpt-3.5-turbo", '
            'messages=[{"role": "user", "content": q}])\n        return r["choices"][0]["message"]["content"]\n'
            + textwrap.indent(textwrap.dedent(clauses), "    "))


def test_a_legacy_timeout_clause_after_the_connection_clause_moves_above_it() -> None:
    """Held-out review 39, Q3 (openaiapidemo): in openai 0.x `error.Timeout` and `error.APIConnectionError` are
    disjoint, so `except APIConnectionError` first did not hide `except Timeout`. Mistral's timeout
    (httpx2.TimeoutException) is an httpx2.RequestError: kept in that order, the timeout clause never ran. It moves
    above the connection clause; where a clause between could catch a timeout, a TODO says so instead."""
    source = _legacy_ask('''\
        except openai.error.APIConnectionError as e:
            return f"connection: {e}"
        except ValueError:
            return "value"
        except openai.error.Timeout as e:  # slow
            return f"timeout: {e}"
        ''')
    code, todos = convert_idempotent(source)
    assert code.index("except httpx2.TimeoutException as e:  # slow") < \
        code.index("except (httpx2.RequestError, errors.NoResponseError) as e:") < code.index("except ValueError"), code
    assert not todos, todos

    # the timeout is caught as it is raised: the converted order sends it to the timeout clause
    def converted(exc):
        try:
            raise exc
        except httpx2.TimeoutException:
            return "timeout"
        except (httpx2.RequestError, errors.NoResponseError):
            return "connection"

    assert converted(httpx2.ReadTimeout("t")) == "timeout" and converted(httpx2.ConnectError("c")) == "connection"
    code, todos = convert_idempotent(source.replace("except ValueError", "except openai.error.OpenAIError"))
    assert code.index("except httpx2.TimeoutException") > code.index("except (httpx2.RequestError"), code
    assert any("Mistral's timeouts are connection errors" in t and "move this clause above it" in t
               for t in todos), todos


def test_a_legacy_timeout_in_a_tuple_clause_or_an_outer_try_is_not_left_dead() -> None:
    """Re-review 40, R3: `except (openai.error.Timeout, openai.error.ServiceUnavailableError)` after the connection
    clause stayed dead (only a clause of Timeout alone moved); R4: a timeout an outer `except openai.error.Timeout`
    handled in 0.x is now caught by the inner connection clause: a TODO says so."""
    code, todos = convert_idempotent(_legacy_ask('''\
        except openai.error.APIConnectionError as e:
            return f"connection: {e}"
        except (openai.error.Timeout, openai.error.ServiceUnavailableError) as e:
            return f"timeout or unavailable: {e}"
        '''))
    assert code.index("isinstance(e, httpx2.TimeoutException)") < code.index('return f"connection'), code
    assert not todos, todos
    code, todos = convert_idempotent('''\
        import openai


        def ask(q):
            try:
                try:
                    r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])
                    return r["choices"][0]["message"]["content"]
                except openai.error.APIConnectionError:
                    return "connection"
            except openai.error.Timeout:
                return "timeout"
        ''')
    assert any(t.startswith("except openai.error.APIConnectionError now also catches Mistral's timeouts") and
               "outer except openai.error.Timeout" in t for t in todos), todos


def test_a_legacy_timeout_clause_that_cannot_move_gets_a_todo() -> None:
    """Re-review 41, T6: `except (openai.error.Timeout, openai.error.OpenAIError)` after the connection clause cannot
    move (OpenAIError covers connection errors): it was left dead with no TODO."""
    _, todos = convert_idempotent(_legacy_ask('''\
        except openai.error.APIConnectionError:
            return "connection"
        except (openai.error.Timeout, openai.error.OpenAIError):
            return "other"
        '''))
    assert any(t.startswith("except (openai.error.Timeout, openai.error.OpenAIError): Mistral's timeouts are "
                            "connection errors") and "catch httpx2.TimeoutException before it" in t for t in todos), todos


def test_a_helpers_connection_clause_under_a_callers_timeout_clause_gets_a_todo() -> None:
    """Re-review 41, T7: `_call` catches openai.error.APIConnectionError, its caller `ask` wraps it in
    `except openai.error.Timeout`: converted, the helper's clause catches the timeouts (silent)."""
    _, todos = convert_idempotent('''\
        import openai


        def _call(q):
            try:
                r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": q}])
                return r["choices"][0]["message"]["content"]
            except openai.error.APIConnectionError:
                return "connection"


        def ask(q):
            try:
                return _call(q)
            except openai.error.Timeout:
                return "timeout"
        ''')
    assert any(t.startswith("except openai.error.APIConnectionError now also catches Mistral's timeouts") for t in todos), \
        todos


def test_a_message_read_guarded_by_hasattr_or_getattr_with_a_default_needs_no_todo() -> None:
    """Held-out review 44, Z4: `e.message if hasattr(e, 'message') else str(e)` already falls back for httpx2's
    errors (MistralError has .message), yet got "httpx2 errors have no .message". Only an unguarded read does."""
    source = '''\
        from openai import OpenAI, APIError

        client = OpenAI()


        def ask(q):
            try:
                r = client.chat.completions.create(model="gpt-4o", messages=[{{"role": "user", "content": q}}])
                return r.choices[0].message.content
            except APIError as e:
                return {read}
        '''
    for read in ("e.message if hasattr(e, 'message') else str(e)", 'getattr(e, "message", str(e))'):
        _, todos = convert_idempotent(source.format(read=read))
        assert not [t for t in todos if ".message" in t], (read, todos)
    _, todos = convert_idempotent(source.format(read='f"error: {e.message}"'))
    assert any("httpx2 errors have no .message: use str(e)" in t for t in todos), todos


def test_a_status_code_read_names_the_caught_classes_that_lack_it() -> None:
    """Held-out review 55, T7 (EngageAI): `except openai.APIError as e: if e.status_code == 429: ...` catches
    NoResponseError and httpx2's errors too, which carry no .status_code: the handler raised AttributeError on a
    connection error, and the TODO named only .message. Each attribute is said with the classes lacking it."""
    source = '''\
        import openai

        client = openai.OpenAI()


        def gen(q):
            try:
                return client.chat.completions.create(model="gpt-4o", messages=[{{"role": "user", "content": q}}])
            except {caught} as e:
                {body}
        '''
    body = 'return "rate limited" if e.status_code == 429 else f"error: {e.message}"'
    _, todos = convert_idempotent(source.format(caught="openai.APIError", body=body))
    assert ("httpx2.RequestError has no .message; errors.NoResponseError, httpx2.RequestError have no .status_code: "
            "test isinstance(e, errors.MistralError) before reading e.message / e.status_code (str(e) is any one's "
            "message)") in todos, todos
    _, todos = convert_idempotent(source.format(caught="openai.APIError", body="return e.status_code"))
    assert ("errors.NoResponseError, httpx2.RequestError have no .status_code: test isinstance(e, errors.MistralError) "
            "before reading e.status_code") in todos, todos
    # a status error always has both: nothing to say
    _, todos = convert_idempotent(source.format(caught="openai.APIStatusError", body=body))
    assert not [t for t in todos if "status_code" in t or ".message" in t], todos


def test_lacks_matches_the_installed_sdks_errors() -> None:
    """migrator.mapping.errors.lacks against the classes themselves: MistralError's dataclass fields, NoResponseError's,
    and an httpx2 error instance."""
    import dataclasses

    from migrator.mapping.errors import lacks

    for name in ("SDKError", "HTTPValidationError", "ResponseValidationError", "MistralError", "NoResponseError"):
        fields = {f.name for f in dataclasses.fields(getattr(errors, name))}
        for attr in ("message", "status_code"):
            assert lacks(f"errors.{name}", attr) == (attr not in fields), (name, attr)
    for attr in ("message", "status_code"):
        assert lacks("httpx2.RequestError", attr) and not hasattr(httpx2.ConnectError("x"), attr)


def test_hasattr_of_response_follows_the_rename() -> None:
    """Held-out review 66, X4: `if hasattr(e, "response") and e.response:` became
    `if hasattr(e, "response") and e.raw_response:`; Mistral's errors have no .response, so the Retry-After branch
    went dead, silently."""
    code, todos = convert_idempotent('''\
        import time

        import openai

        client = openai.OpenAI()
        try:
            client.chat.completions.create(model="gpt-4o", messages=[])
        except openai.RateLimitError as e:
            retry_after = None
            if hasattr(e, "response") and e.response:
                retry_after = e.response.headers.get("Retry-After")
            time.sleep(float(retry_after or 1))
        ''')
    assert 'if hasattr(e, "raw_response") and e.raw_response:' in code, code
    assert 'retry_after = e.raw_response.headers.get("Retry-After")' in code, code
    error = errors.SDKError("x", raw_response=httpx2.Response(429, headers={"Retry-After": "3"},
                                                              request=httpx2.Request("POST", "http://h")))
    assert hasattr(error, "raw_response") and not hasattr(error, "response")


def test_a_guarded_response_read_follows_the_rename_under_a_broad_class() -> None:
    """Held-out review 67, X5: under `except openai.APIError` (whose connection errors have no .response, nor do
    their Mistral counterparts) `if hasattr(e, "response"): ... e.response ...` got a TODO; every read is guarded, so
    the rename carries the guard along."""
    code, todos = convert_idempotent('''\
        import openai

        client = openai.OpenAI()
        try:
            client.chat.completions.create(model="gpt-4o", messages=[])
        except openai.APIError as e:
            if hasattr(e, "response"):
                print(e.response.status_code)
            raise
        ''')
    assert 'if hasattr(e, "raw_response"):\n        print(e.raw_response.status_code)' in code, code
    assert not any("raw_response" in t for t in todos), todos


def test_a_response_read_after_its_hasattr_check_in_the_same_test_follows_the_rename() -> None:
    """Held-out review 68, X2: `if hasattr(e, "response") and e.response is not None:` under `except openai.APIError`
    kept the old name under a TODO: the guard always false on Mistral, every HTTP error reported as "connection"."""
    code, todos = convert_idempotent('''\
        import openai

        client = openai.OpenAI()
        try:
            client.chat.completions.create(model="gpt-4o", messages=[])
        except openai.APIError as e:
            if hasattr(e, "response") and e.response is not None:
                print(e.response.status_code)
        ''')
    assert 'if hasattr(e, "raw_response") and e.raw_response is not None:' in code, code
    assert "print(e.raw_response.status_code)" in code and not any("raw_response" in t for t in todos), todos


def test_an_openai_error_code_matched_in_a_converted_handler_gets_a_todo() -> None:
    """Held-out review 70, X4 (interfaced-slackbots): `if "context_length_exceeded" in str(e)` under a converted
    `except openai.BadRequestError as e`: Mistral's error text never holds OpenAI's code, so the "too long" branch
    became a bare re-raise, silently."""
    code, todos = convert_idempotent('''\
        import openai
        from openai import OpenAI

        client = OpenAI()


        def ask(messages):
            try:
                return client.chat.completions.create(model="gpt-4o-mini", messages=messages)
            except openai.BadRequestError as e:
                if "context_length_exceeded" in str(e):
                    raise ValueError("too long")
                raise
        ''')
    assert "except errors.MistralError as e:" in code, code
    assert any(t.startswith('"context_length_exceeded" is OpenAI\'s error code') for t in todos), todos


def test_a_retry_decorator_s_handler_follows_the_functions_it_decorates() -> None:
    """Held-out review 72, X2: `retry.py`'s `retry_openai()` factory returns a decorator whose wrapper calls
    `fn(*args, **kwargs)` under `except (openai.RateLimitError, openai.APITimeoutError)`; the functions written under
    `@retry_openai()` call a converted client, but the handler was told "migrator traces no call here", and a 429
    went straight through. The decorated functions' calls decide it, here or in another module, for a factory or a
    plain decorator."""
    from mechanics import convert_files

    retry = ("import asyncio\nimport functools\n\nimport openai\n\n\ndef retry_openai(max_retries=3):\n"
             "    def decorator(fn):\n        @functools.wraps(fn)\n        async def wrapper(*args, **kwargs):\n"
             "            for attempt in range(max_retries):\n                try:\n"
             "                    return await fn(*args, **kwargs)\n"
             "                except (openai.RateLimitError, openai.APITimeoutError):\n"
             "                    await asyncio.sleep(2**attempt)\n            return await fn(*args, **kwargs)\n"
             "        return wrapper\n    return decorator\n")
    embedder = ("from openai import AsyncOpenAI\n\nfrom retry import retry_openai\n\nclient = AsyncOpenAI()\n\n\n"
                "@retry_openai()\nasync def embed(texts):\n"
                "    response = await client.embeddings.create(model='text-embedding-3-small', input=texts)\n"
                "    return [d.embedding for d in response.data]\n")
    out = convert_files({"retry.py": retry, "embedder.py": embedder})
    assert "except (errors.SDKError, httpx2.TimeoutException) as e:" in out["retry.py"], out["retry.py"]
    assert "traces no call" not in out["retry.py"] and "create_async(" in out["embedder.py"], out["retry.py"]
    plain = retry.replace("def retry_openai(max_retries=3):\n    def decorator(fn):", "def retry_openai(fn):\n"
                          "    if True:").replace("range(max_retries)", "range(3)")
    plain = plain.replace("    return decorator\n", "")
    out = convert_files({"retry.py": plain, "embedder.py": embedder.replace("@retry_openai()", "@retry_openai")})
    assert "except (errors.SDKError, httpx2.TimeoutException) as e:" in out["retry.py"], out["retry.py"]


def test_a_handler_around_a_method_of_an_instance_held_in_a_dict_follows_it() -> None:
    """Held-out review 133, X3 (DiscordGPT): `clients = {"OpenAI": GPT(...)}`, then `try: clients[vendor].communicate(...)
    except RateLimitError:` around the wrapper's converted call was "untraced", and a 429 never reached the retry
    button: an item of a dict literal of one class's instances is that class's."""
    from mechanics import convert_files

    bot = ("import os\nfrom openai import RateLimitError\nfrom gpt import GPT\n\n"
           "clients = {\"OpenAI\": GPT(api_key=os.getenv(\"OPENAI_API_KEY\"))}\n\n\n"
           "async def handle(vendor, messages, send):\n    try:\n"
           "        await send(await clients[vendor].communicate(messages))\n    except RateLimitError:\n"
           "        await send(\"Rate limited, press retry\")\n")
    gpt = ("from openai import AsyncOpenAI\n\n\nclass GPT:\n    def __init__(self, api_key):\n"
           "        self.client = AsyncOpenAI(api_key=api_key)\n\n    async def communicate(self, messages):\n"
           "        r = await self.client.chat.completions.create(model='gpt-4o', messages=messages)\n"
           "        return r.choices[0].message.content\n")
    out = convert_files({"bot.py": bot, "gpt.py": gpt})
    assert "except errors.SDKError as e:\n        if e.status_code != 429:\n            raise\n" in out["bot.py"], \
        out["bot.py"]
    assert "traces no call" not in out["bot.py"], out["bot.py"]


def test_a_phrase_of_an_openai_error_message_tested_in_a_converted_handler_gets_a_todo() -> None:
    """Held-out review 105, X4 (flask-openai-qa-service): `if "You exceeded your current quota" in str(e):` in the
    converted handler got no TODO (Mistral's errors never say it: the "high demand" branch went dead), while the
    error code "insufficient_quota" there would have had one. A message the handler only returns gets none."""
    code, todos = convert_idempotent('''\
        from openai import OpenAI, OpenAIError

        client = OpenAI()


        def answer(question):
            try:
                r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
                return r.choices[0].message.content
            except OpenAIError as e:
                if "You exceeded your current quota" in str(e):
                    return "Rate limit reached: please try again later."
                return "An error occurred while processing your request."
        ''')
    said = [t for t in todos if "is part of OpenAI's error message" in t]
    assert len(said) == 1 and said[0].startswith('"You exceeded your current quota"'), todos
    assert "test e.status_code instead" in said[0], said


def test_a_retry_on_openai_errors_in_a_module_a_program_runs_beside_converted_calls_gets_one_todo(tmp_path):
    """Held-out review 108, X5 (discord-openai-bot): generic_chat.py retried `api_cog.send_request(...)` (a cog whose
    client converts) on `(openai.APIError, openai.APIConnectionError, openai.RateLimitError)`; the bot's main.py, which
    imports both and never names openai, was not read, so the module was judged to share no process with converted
    calls: no TODO, and the retry never fired again. The importers of such a module are read; the retry gets one TODO
    naming each class's Mistral counterpart."""
    from migrator.config import Config
    from migrator.engine.runner import Mode, run

    (tmp_path / "cogs").mkdir()
    (tmp_path / "cogs" / "__init__.py").write_text("")
    (tmp_path / "cogs" / "api_utils.py").write_text(
        "import openai\n\n\nclass APIUtils:\n    def __init__(self):\n        self.client = openai.OpenAI()\n\n"
        "    def send_request(self, text):\n        return self.client.chat.completions.create(\n"
        "            model='gpt-4o-mini', messages=[{'role': 'user', 'content': text}]).choices[0].message.content\n")
    retry = ("import openai\nfrom tenacity import Retrying, retry_if_exception_type, stop_after_attempt\n\n\n"
             "def perform_chat_query(prompt, api_cog):\n    for attempt in Retrying(\n"
             "            retry=retry_if_exception_type((openai.APIError, openai.APIConnectionError, "
             "openai.RateLimitError)),\n            stop=stop_after_attempt(5), reraise=True):\n"
             "        with attempt:\n            return api_cog.send_request(prompt)\n")
    (tmp_path / "generic_chat.py").write_text(retry)
    (tmp_path / "main.py").write_text("from cogs.api_utils import APIUtils\nfrom generic_chat import perform_chat_query"
                                      "\n\nprint(perform_chat_query('hi', APIUtils()))\n")
    run([str(tmp_path)], config=Config(respect_gitignore=False), mode=Mode.WRITE, jobs=1, progress=False)
    text = (tmp_path / "generic_chat.py").read_text()
    assert text.count("TODO(migrator MIG103)") == 1, text
    assert "# TODO(migrator MIG103): openai.APIError, openai.APIConnectionError, openai.RateLimitError: migrator " \
           "traces no call here to a client it converted" in text, text
    assert "RateLimitError: errors.SDKError with status_code == 429)" in text, text
    assert "Mistral(" in (tmp_path / "cogs" / "api_utils.py").read_text()


def test_openai_error_codes_tested_in_a_generic_handler_around_a_converted_call_get_a_todo():
    """Held-out review 109, Y9 (llm-flash-card-generator): `except Exception as e:` around a converted call, testing
    `"insufficient_quota" in str(e)` / `"invalid_api_key" in error_message`, converted with no word: Mistral's errors
    never carry OpenAI's codes, and the quota branch went dead. One TODO above the try names them; a try around no
    converted call, or a handler testing no OpenAI code, gets none."""
    from mechanics import convert_snippet

    code, todos = convert_snippet('''\
        from openai import OpenAI

        client = OpenAI()


        def check():
            try:
                client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hello"}])
                return "ok"
            except Exception as e:
                error_message = str(e)
                if "invalid_api_key" in error_message or "401" in error_message:
                    return "bad key"
                elif "insufficient_quota" in error_message:
                    return "quota"
                return error_message


        def other():
            try:
                client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hello"}])
            except Exception as e:
                if "timeout" in str(e):
                    return "slow"


        def unrelated(path):
            try:
                open(path).read()
            except Exception as e:
                if "insufficient_quota" in str(e):
                    return "?"
        ''')
    said = [t for t in todos if "OpenAI's error code" in t]
    assert said == ["\"insufficient_quota\", \"invalid_api_key\" are OpenAI's error codes: Mistral's errors carry their "
                    "own codes and messages (read json.loads(e.body) on an errors.SDKError), so this test no longer "
                    "matches: match Mistral's error instead (or check the input before the call)"], todos
    assert code.count("TODO(migrator MIG103)") == 1, code


def test_held_out_125_a_clause_the_conversion_makes_unreachable_gets_a_todo():
    """Held-out review 125, Y7 (promptwizard): `except openai.APIError` then `except openai.OpenAIError: ... raise`
    both became the same Mistral classes, the second unreachable, silently. A TODO says so; a clause already dead in
    openai itself (APITimeoutError after its base APIConnectionError) gets none."""
    from mechanics import convert_idempotent

    source = '''\
        import openai
        from openai import OpenAI

        client = OpenAI()


        def ask(messages):
            try:
                return client.chat.completions.create(model="gpt-4o-mini", messages=messages)
            except openai.FIRST as err:
                print(f"API Error: {err}")
            except openai.SECOND as e:
                print(f"Error in request: {e}")
                raise
        '''
    _, todos = convert_idempotent(source.replace("FIRST", "APIError").replace("SECOND", "OpenAIError"))
    assert any(t.startswith("except openai.OpenAIError: the except openai.APIError above now catches the same Mistral "
                            "errors") for t in todos), todos
    _, todos = convert_idempotent(source.replace("FIRST", "APIConnectionError").replace("SECOND", "APITimeoutError"))
    assert not any("no longer runs" in t for t in todos), todos


def test_an_error_class_read_off_the_client_class_is_the_error_it_means() -> None:
    """Held-out review 133, Y6 (llm-model-interaction): `except OpenAI.AuthenticationError:` (an AttributeError once
    reached: the client class has no such attribute) was left as it was, `from openai import OpenAI` and the openai
    requirement with it, while the call converted."""
    from mechanics import convert_idempotent

    code, _ = convert_idempotent('''\
        from openai import OpenAI

        client = OpenAI()
        try:
            r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
        except OpenAI.AuthenticationError:
            print("bad key")
        ''')
    assert "except errors.SDKError as e:\n    if e.status_code != 401:\n        raise\n" in code and "openai" not in code, \
        code


@pytest.mark.parametrize("shape", ["instance", "function"])
def test_a_handler_around_a_call_through_a_packages_reexport_is_traced(shape: str) -> None:
    """Held-out review 154, X3 (rag-fastapi-system): routers/chat.py's `from services import openai_service`
    (re-exported by services/__init__.py from services/openai_service.py, which made it) then
    `openai_service.chat_completion(...)` under `except OpenAIError`: "migrator traces no call here", the handler
    dead once the service converted (its 502 became the generic 500). Imported from the defining module itself, it
    converted; through the package now too, and a function re-exported alike."""
    from mechanics import convert_files

    called = "openai_service.chat_completion(m)" if shape == "instance" else "chat_completion(m)"
    imported = "openai_service" if shape == "instance" else "chat_completion"
    out = convert_files({
        "routers/__init__.py": "",
        "routers/chat.py": f"from openai import OpenAIError\n\nfrom services import {imported}\n\n\ndef chat(m):\n"
                           f"    try:\n        return {called}\n    except OpenAIError as e:\n"
                           "        return f\"provider error: {e}\"\n",
        "services/__init__.py": "from .openai_service import openai_service, chat_completion\n",
        "services/openai_service.py": "from openai import OpenAI\n\n\nclass OpenAIService:\n"
                                      "    def __init__(self):\n        self.client = OpenAI()\n\n"
                                      "    def chat_completion(self, messages):\n        return self.client.chat."
                                      "completions.create(model=\"gpt-4o-mini\", messages=messages)\n\n\n"
                                      "openai_service = OpenAIService()\n\n\ndef chat_completion(messages):\n"
                                      "    return openai_service.chat_completion(messages)\n"})
    assert "except (errors.MistralError, errors.NoResponseError, httpx2.RequestError) as e:" in out["routers/chat.py"] \
        and "TODO" not in out["routers/chat.py"], out["routers/chat.py"]


@pytest.mark.parametrize("sdk", [False, True])
def test_a_handler_around_a_converting_langchain_object_of_another_module_says_what_it_raises(sdk: bool) -> None:
    """Held-out review 155, X2 (desafio-agent): routes.py's `except RateLimitError` / `except AuthenticationError`
    around `runner.run_stream(...)`, whose ChatOpenAI (in services/runner.py) converted to ChatMistralAI (which raises
    httpx.HTTPStatusError): no TODO at all; with a converted SDK client elsewhere in the project, "migrator traces no
    call here ... catch errors.SDKError". The handler now gets the LangChain wording, as in the object's own module."""
    from mechanics import convert_files

    files = {
        "app/__init__.py": "", "app/api/__init__.py": "", "app/services/__init__.py": "",
        "app/api/routes.py": "from openai import AuthenticationError, RateLimitError\n\n"
                             "from app.services.runner import Runner\n\nrunner = Runner()\n\n\n"
                             "def generate(model, text):\n    try:\n"
                             "        for token in runner.run_stream(model, text):\n            yield token\n"
                             "    except RateLimitError:\n        yield \"no credits\"\n"
                             "    except AuthenticationError:\n        yield \"bad key\"\n",
        "app/services/runner.py": "from langchain_openai import ChatOpenAI\n\n\nclass Runner:\n"
                                  "    def run_stream(self, model, text):\n        llm = ChatOpenAI(model=model)\n"
                                  "        for chunk in llm.stream(text):\n            yield chunk.content\n"}
    if sdk:
        files["app/services/helper.py"] = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef ask(q):\n"
                                           "    r = client.chat.completions.create(model=\"gpt-4o-mini\",\n"
                                           "                                       messages=[])\n"
                                           "    return r.choices[0].message.content\n")
        files["app/api/routes.py"] = files["app/api/routes.py"].replace(
            "runner = Runner()\n", "runner = Runner()\n\n\ndef summary(q):\n    return ask(q)\n").replace(
            "from app.services.runner", "from app.services.helper import ask\nfrom app.services.runner")
    out = convert_files(files)
    routes = out["app/api/routes.py"]
    assert "ChatMistralAI(" in out["app/services/runner.py"], out["app/services/runner.py"]
    assert "RateLimitError, AuthenticationError: what raises here may be a LangChain / LlamaIndex object that " \
           "migrator moves to Mistral" in routes and "traces no call here" not in routes, routes


def test_a_handler_around_a_converting_langchain_object_and_a_kept_sdk_call_names_the_wrappers_errors() -> None:
    """Review of session 85: `try: ChatOpenAI(...).invoke(q); client.images.generate(...)` (a kept client) under
    `except openai.RateLimitError` got "where Mistral raises, catch errors.SDKError", while what moves is ChatMistralAI,
    which raises httpx.HTTPStatusError. The wrapper's wording is given; the kept call still raises openai's."""
    from mechanics import convert_files

    out = convert_files({"app.py": (
        "import openai\nfrom langchain_openai import ChatOpenAI\n\nclient = openai.OpenAI()\n\n\ndef run(q):\n"
        "    try:\n        llm = ChatOpenAI(model=\"gpt-4o\")\n        text = llm.invoke(q).content\n"
        "        return client.images.generate(model=\"dall-e-3\", prompt=text).data[0].url\n"
        "    except openai.RateLimitError:\n        return None\n")})["app.py"]
    assert "ChatMistralAI(" in out and "what raises here may be a LangChain / LlamaIndex object" in out and \
        "errors.SDKError with status_code == 429" not in out, out


def test_held_out_168_error_classes_a_converted_module_re_exports_are_told_where_they_are_caught() -> None:
    """Held-out review 168, X1: llm.py (converted) re-exports openai's RateLimitError / APIConnectionError; views.py,
    naming no openai, imports them from llm and catches them around ask(): skipped as "no openai reference", and the
    retry loop and the offline fallback were dead with nothing said. Each clause gets the TODO."""
    from mechanics import convert_files

    out = convert_files({
        "llm.py": "from openai import OpenAI, RateLimitError, APIConnectionError\n\nclient = OpenAI()\n\n\n"
                  "def ask(q):\n    r = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[])\n"
                  "    return r.choices[0].message.content\n",
        "views.py": "import time\n\nfrom llm import ask, RateLimitError, APIConnectionError\n\n\ndef answer(q):\n"
                    "    for attempt in range(3):\n        try:\n            return ask(q)\n"
                    "        except RateLimitError:\n            time.sleep(2 ** attempt)\n"
                    "        except APIConnectionError:\n            return \"offline\"\n"})
    assert "RateLimitError is openai.RateLimitError (imported in llm.py, whose calls are converted): they raise " \
        "Mistral's errors, which it does not catch: catch errors.SDKError with status_code == 429" in out["views.py"], \
        out["views.py"]
    assert "APIConnectionError is openai.APIConnectionError (imported in llm.py" in out["views.py"], out["views.py"]


@pytest.mark.parametrize("check", ['err_name in {"BadRequestError", "AuthenticationError"}',
                                   'type(exc).__name__ == "RateLimitError"'])
def test_held_out_175_an_exception_class_name_compared_with_openais_gets_a_todo(check):
    """Held-out review 175, Y2 (HireMind): `err_name = exc.__class__.__name__` then `if err_name in
    {"BadRequestError", "AuthenticationError"}: break` around a converted call: left silently, so a bad key was retried
    three times where it had stopped the loop. A MIG103 TODO names the classes and statuses to test; a name compared
    in a module whose calls stay on OpenAI, or a string that is no class name's read, gets none."""
    from mechanics import convert_files

    app = ('import time\n\nfrom openai import OpenAI\n\nclient = OpenAI()\n\n\n'
           'def ask(q):\n    for attempt in range(3):\n'
           '        try:\n            r = client.chat.completions.create(model="gpt-4o", messages=[])\n'
           '            return r.choices[0].message.content\n        except Exception as exc:\n'
           '            err_name = exc.__class__.__name__\n'
           f'            if {check}:\n                break\n            time.sleep(2 ** attempt)\n'
           '    if q in ("RateLimitError",):\n        return q\n    return ""\n')
    out = convert_files({"app.py": app})
    todos = [line.strip() for line in out["app.py"].splitlines() if "MIG103" in line]
    assert len(todos) == 1 and "compares an exception's class name with OpenAI's" in todos[0], out["app.py"]
    assert "status_code" in todos[0], todos
    assert convert_files(out) == out
    kept = app.replace("client = OpenAI()", "client = OpenAI()\nclient.images.generate(prompt='x')")
    assert "MIG103" not in convert_files({"app.py": kept})["app.py"]
    # (the app's own class of that name still matches: review of session 90)
    own = app.replace("client = OpenAI()", "client = OpenAI()\n\n\nclass RateLimitError(Exception):\n    pass\n\n\n"
                                           "class BadRequestError(Exception):\n    pass\n\n\n"
                                           "class AuthenticationError(Exception):\n    pass")
    assert "MIG103" not in convert_files({"app.py": own})["app.py"]
    # (another module's classes of those names, not imported here, are not this module's: review of session 90)
    other = convert_files({"app.py": app, "billing.py": "class AuthenticationError(Exception):\n    pass\n\n\n"
                                                         "class RateLimitError(Exception):\n    pass\n"})
    assert "MIG103" in other["app.py"], other["app.py"]
