"""MIG122: imports of an older mistralai (1.x, 0.x) in a project whose converted code needs mistralai 3.x."""

from __future__ import annotations

import libcst as cst

from codemods._base import MigratorRule, RuleTransformer, dotted
from migrator.mapping.mistral_versions import (BY_HAND_TODO, IMPORT_TODO, MOVED, OLD_MODULE_IMPORTS,
                                               SEPARATE_PACKAGES, SEPARATE_TODO, UNKNOWN_TODO, V0_TODO, new_home,
                                               old_import)


class MistralVersions(MigratorRule):
    """Moves imports written for mistralai 1.x to where mistralai 3.x keeps the same names.

    **What it does.** In a run that converts code to mistralai 3.x, a module of the project already
    written for mistralai 1.x gets its imports moved: ``from mistralai import Mistral`` ->
    ``from mistralai.client import Mistral``; message and other model classes -> ``mistralai.client.models``;
    ``SDKError`` and the other errors -> ``mistralai.client.errors``; ``mistralai.utils`` / ``mistralai.types``
    -> ``mistralai.client.utils`` / ``mistralai.client.types``. The installed mistralai 3.7 says where each
    name lives. Names spread over several modules: the first keeps the statement, the others are imported
    beside it. The calls are left as they are: 1.x's ``chat.complete``, ``files``, ``ocr`` ... are 3.x's.

    **Why.** The converted code needs ``mistralai>=3.7,<4`` (MIG114); in 3.x ``mistralai`` is a namespace
    package and ``from mistralai import Mistral`` raises ImportError, so the module that was already on
    Mistral would break (api-mapping.md §11; held-out review 5).

    **Fix safety.** exact: the same classes, at their 3.x path.

    **Known limits (TODO, the import left as it is).** A name 3.x no longer has (one of the schemas
    renamed in 2.0: ``BatchJobOut`` -> ``BatchJob`` ...), an aliased name that would need its own import,
    0.x's API (``MistralClient``, ``mistralai.models.chat_completion``, ``mistralai.exceptions``: ported by
    hand), the separate ``mistralai_azure`` / ``mistralai_gcp`` packages. Nothing changes in a run that
    converts nothing to mistralai.

    **openai-compatible target.** Not applied: the openai SDK stays, and mistralai's version with it.
    """

    CODE = "MIG122"
    NAME = "mistralai-versions"
    SAFETY = "exact"
    TARGETS = ("mistral",)
    DESCRIPTION = "mistralai 1.x imports (from mistralai import Mistral) -> mistralai 3.x paths; 0.x -> TODO"
    BEFORE = ("from mistralai import Mistral, UserMessage, SDKError\n\n"
              "client = Mistral(api_key=key)\n")
    AFTER = ("from mistralai.client import Mistral\n"
             "from mistralai.client.errors import SDKError\n"
             "from mistralai.client.models import UserMessage\n\n"
             "client = Mistral(api_key=key)\n")

    def make_transformer(self, facts):
        return _Transformer(self, facts)


class _Transformer(RuleTransformer):
    def _active(self) -> bool:
        view = self.facts.view
        return self.facts.mistral_old and view is not None and view.any_converted

    def leave_Import(self, original: cst.Import, updated: cst.Import) -> cst.Import:
        if self._active():
            for alias in original.names:
                module = dotted(alias.name) or ""
                package = module.split(".", 1)[0]
                if package in SEPARATE_PACKAGES:
                    self.todo(self.current_line(), SEPARATE_TODO.format(package=package, instead=SEPARATE_PACKAGES[package]))
                elif module in OLD_MODULE_IMPORTS:
                    self.todo(self.current_line(), IMPORT_TODO.format(module=module))
        return updated

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.ImportFrom:
        if not self._active() or original.relative or original.module is None:
            return updated
        module = dotted(original.module) or ""
        if isinstance(original.names, cst.ImportStar):
            kind = old_import(module, ())
            if kind is not None:
                self.todo(self.current_line(), BY_HAND_TODO.format(what=f"from {module} import *"))
            return updated
        names = tuple(alias.name.value for alias in original.names if isinstance(alias.name, cst.Name))
        kind = old_import(module, names)
        if kind is None:
            return updated
        line = self.current_line()
        if kind == "separate":
            package = module.split(".", 1)[0]
            self.todo(line, SEPARATE_TODO.format(package=package, instead=SEPARATE_PACKAGES[package]))
            return updated
        if kind == "v0":
            self.todo(line, V0_TODO.format(module=module))
            return updated
        homes = {name: new_home(name, module) for name in names}
        missing = [name for name, home in homes.items() if home is None]
        if missing:
            shown = ", ".join(missing)
            self.todo(line, UNKNOWN_TODO.format(names=f"{shown} {'is' if len(missing) == 1 else 'are'}"))
            return updated
        # (the statement stays for the module of its aliased names, the others are imported apart: held-out review 173,
        # X2, `from mistralai import UNSET, Mistral as MistralApi, UserMessage` was left to be rewritten by hand)
        aliased = list(dict.fromkeys(homes[alias.name.value] for alias in original.names if alias.asname is not None))
        first = aliased[0] if len(aliased) == 1 else homes[names[0]]
        others = [(alias, homes[alias.name.value]) for alias in original.names if homes[alias.name.value] != first]
        if any(alias.asname is not None for alias, _ in others):
            self.todo(line, BY_HAND_TODO.format(what="aliased names that now live in different modules"))
            return updated
        kept = [alias for alias in updated.names if homes[alias.name.value] == first]
        rpar = updated.rpar
        if others:
            comma = kept[-1].comma
            if kept[-1] is updated.names[-1]:
                pass  # (its own ending, a trailing comma in parentheses or none)
            elif isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace) and \
                    rpar is not None:
                # one name a line in parentheses: the name kept last keeps its comment and ends the block, the
                # parenthesis on a line of its own (review of session 89: `Mistral as M)`, the comments lost)
                kept[-1] = kept[-1].with_changes(comma=comma.with_changes(
                    whitespace_after=comma.whitespace_after.with_changes(last_line=cst.SimpleWhitespace(""))))
                rpar = rpar.with_changes(whitespace_before=cst.SimpleWhitespace(""))
            else:
                kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            for alias, home in others:
                self.need_import(home, alias.name.value)
        modules = ", ".join(dict.fromkeys([first, *(home for _, home in others)]))
        self.converted(line, MOVED.format(modules=modules))
        self.changed = True
        return updated.with_changes(module=cst.parse_expression(first), names=kept, rpar=rpar)
