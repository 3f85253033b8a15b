"""The conversion plan: one place decides, per client, whether it converts (DESIGN.md)."""

from migrator.plan.build import build_plan
from migrator.plan.model import CONVERT, KEEP, OTHER, UNRESOLVED, Client, ConversionPlan, FileView, Use

__all__ = ["build_plan", "ConversionPlan", "Client", "Use", "FileView", "CONVERT", "KEEP", "OTHER", "UNRESOLVED"]
