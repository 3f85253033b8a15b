"""report.html opened in headless Chromium: the page's JS runs, the counts it shows are right, the
verdict filter works, and model output containing <script> / onerror handlers stays inert.

Needs the Debian ``chromium`` package (``.ci/run`` installs it); skipped with the reason otherwise.
Offline: the report loads nothing from the network, and Chromium runs with networking features off.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from migrator.parity.report import write_reports

CHROMIUM = "/usr/bin/chromium"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "recordings"

pytestmark = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None,
    reason=f"{CHROMIUM} not found: install the Debian 'chromium' package (apt-get install -y chromium; "
           ".ci/run does this) to run the headless-browser check of report.html",
)


def _fixture_results():
    spec = importlib.util.spec_from_file_location("parity_fixture_results_c", FIXTURES / "build_results.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sample_results(), module.expectations()


class DomSummary(HTMLParser):
    """Collects what the tests look at from Chromium's serialized DOM (after scripts ran)."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str] = {}
        self.counts: dict[str, str] = {}
        self.button_counts: dict[str, str] = {}
        self.samples: list[dict[str, str | None]] = []
        self.shown = None
        self.script_tags = 0
        self._capture = None
        self._button = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body = attrs
        if tag == "script":
            self.script_tags += 1
        if tag == "img":
            self.samples.append({"img": "img"})  # any <img> element is an injection
        if "data-count" in attrs:
            self._capture = ("count", attrs["data-count"])
        if tag == "button" and "data-filter" in attrs:
            self._button = attrs["data-filter"]
        if tag == "span" and attrs.get("class") == "n" and self._button:
            self._capture = ("button", self._button)
        if attrs.get("id") == "shown-count":
            self._capture = ("shown", None)
        if tag == "details" and "sample" in (attrs.get("class") or ""):
            self.samples.append({"verdict": attrs.get("data-verdict"), "hidden": attrs.get("hidden"),
                                 "id": attrs.get("data-id")})

    def handle_endtag(self, tag):
        if tag == "button":
            self._button = None

    def handle_data(self, data):
        if not self._capture:
            return
        kind, key = self._capture
        if kind == "count":
            self.counts[key] = data.strip()
        elif kind == "button":
            self.button_counts[key] = data.strip()
        else:
            self.shown = data.strip()
        self._capture = None


def dump_dom(page: Path, profile: Path, fragment: str = "") -> str:
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         f"--user-data-dir={profile}", "--dump-dom", page.as_uri() + fragment],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("chromium-report")
    results, expect = _fixture_results()
    write_reports(results, out, fail_on="regressions>0")
    expected = {"total": len(results)}
    for e in expect.values():
        expected[e["verdict"]] = expected.get(e["verdict"], 0) + 1
    return out / "report.html", expected, tmp_path_factory.mktemp("chromium-profile")


@pytest.fixture(scope="module")
def plain_dom(report):
    page, _, profile = report
    return dump_dom(page, profile)


def test_summary_counts_shown_by_the_browser(report, plain_dom):
    _, expected, _ = report
    dom = DomSummary()
    dom.feed(plain_dom)
    assert dom.body.get("data-js") == "ready", "the report's script did not run"
    for verdict in ("identical", "equivalent", "drift", "regression", "error"):
        assert dom.counts[verdict] == str(expected.get(verdict, 0)), verdict
    assert dom.counts["total"] == str(expected["total"])
    non_identical = expected["total"] - expected["identical"]
    # computed by the page's JS from the embedded samples
    assert dom.button_counts["all"] == str(non_identical)
    assert dom.button_counts["regression"] == str(expected["regression"])
    assert dom.button_counts["drift"] == str(expected["drift"])
    assert dom.shown == str(non_identical)


def test_verdict_filter_from_the_url(report):
    page, expected, profile = report
    dom = DomSummary()
    dom.feed(dump_dom(page, profile, "#verdict=regression"))
    samples = [s for s in dom.samples if "verdict" in s]
    visible = [s for s in samples if s["hidden"] is None]
    assert dom.body.get("data-filter") == "regression"
    assert len(visible) == expected["regression"] == int(dom.shown)
    assert {s["verdict"] for s in visible} == {"regression"}
    assert "tool-wrong-tool" in {s["id"] for s in visible}


def test_model_output_with_script_is_inert(plain_dom):
    html = plain_dom
    dom = DomSummary()
    dom.feed(html)
    assert "data-pwned" not in dom.body, "model output ran as script"
    assert dom.script_tags == 1  # the report's own script only
    assert not any(s.get("img") for s in dom.samples)  # <img onerror=...> was not parsed as an element
    assert re.search(r"&lt;script&gt;document\.body\.setAttribute\('data-pwned','script'\)&lt;/script&gt;", html)
