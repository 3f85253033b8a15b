"""The plan's analysis of a name reassigned from a method of itself, again and again (``q = q.narrow(...)`` in
each of many branches), stays linear: each ``q.narrow`` asked the class of the instance ``q`` holds, i.e. of each of
``q``'s assignments, each of which is a ``q.<method>(...)`` asked afresh (its depth reset), so the work grew with the
factorial of the number of assignments (held-out review 169, Y1: a repository's run never finished; the memo
``_Builder._instances_known`` of resolve_function). Counted, not timed: the calls of ``_Builder.instance_of``."""

from __future__ import annotations

import textwrap

import pytest

from migrator.plan import build
from mechanics import convert_files

BOUND = 5_000  # (the memoised analysis makes about a hundred of these calls here; without it, millions)

SEARCH = textwrap.dedent('''\
    from openai import OpenAI

    from catalog import Shelf, tally

    client = OpenAI()


    def pick(shelf: Shelf, wants):
        view = shelf.view()
        if wants.red:
            view = view.only("red")
        if wants.big:
            view = view.only("big")
        if wants.cheap:
            view = view.below(10)
        if wants.new:
            view = view.after(2020)
        if wants.local:
            view = view.only("local")
        if wants.sorted:
            view = view.ordered("name")
        if wants.top:
            view = view.first(5)
        if wants.last:
            view = view.skip(5)
        else:
            view = view.ordered("id")
        return tally(view)


    def describe(text):
        reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
        return reply.choices[0].message.content
''')

CATALOG = textwrap.dedent('''\
    class Shelf:
        def __init__(self, items):
            self.items = items

        def view(self):
            return View(self.items)


    class View:
        def __init__(self, items):
            self.items = items

        def only(self, tag):
            return View([i for i in self.items if tag in i.tags])

        def below(self, price):
            return View([i for i in self.items if i.price < price])

        def after(self, year):
            return View([i for i in self.items if i.year > year])

        def ordered(self, key):
            return View(sorted(self.items, key=lambda i: getattr(i, key)))

        def first(self, n):
            return View(self.items[:n])

        def skip(self, n):
            return View(self.items[n:])


    def tally(view):
        return len(view.items)
''')


def test_reassigned_method_chain_analysed_in_linear_work(monkeypatch) -> None:
    calls = [0]
    instance_of = build._Builder.instance_of

    def counted(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] > BOUND:  # (fail now rather than run for hours; pytest's Failed is no Exception to swallow)
            pytest.fail(f"_Builder.instance_of called more than {BOUND} times: exponential analysis")
        return instance_of(self, *args, **kwargs)

    monkeypatch.setattr(build._Builder, "instance_of", counted)
    out = convert_files({"search.py": SEARCH, "catalog.py": CATALOG})
    assert calls[0] <= BOUND, calls[0]
    assert "from mistralai" in out["search.py"] and "client.chat.complete(" in out["search.py"], out["search.py"]
    assert out["catalog.py"] == CATALOG
