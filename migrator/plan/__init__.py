"""The conversion plan: one place decides, per client, whether it converts (DESIGN.md).

``build_plan`` is resolved on first access (PEP 562): importing ``migrator.plan.model`` (the data
classes) does not import the builder and the mapping tables it reads.
"""

from migrator.plan.model import CONVERT, KEEP, OTHER, UNRESOLVED, Client, ConversionPlan, FileView, Use

__all__ = ["build_plan", "ConversionPlan", "Client", "Use", "FileView", "CONVERT", "KEEP", "OTHER", "UNRESOLVED"]


def __getattr__(name: str):
    if name == "build_plan":
        from migrator.plan.build import build_plan

        globals()["build_plan"] = build_plan
        return build_plan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
