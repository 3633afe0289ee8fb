"""The static docs site renders in a real browser: overview and a metric model's page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT_DIR

ARTIFACTS = PROJECT_DIR / "artifacts"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM")
    for name in ([configured] if configured else []) + list(BROWSERS):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        reason = "no Chromium on PATH (set CHROMIUM, or run `make browser` to install it)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def static_site(docs_target: Path) -> Path:
    """The one-file docs site that conftest's `docs_target` generated."""
    assert (docs_target / "index.html").is_file()
    return docs_target / "static_index.html"


def render(chromium: str, page: str, screenshot: Path) -> str:
    """The page's DOM after its scripts ran, without the <script> tags (the inline
    manifest holds every description as raw text, rendered or not)."""
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    screenshot.unlink(missing_ok=True)
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--window-size=1400,1000",
            "--virtual-time-budget=20000",
            f"--screenshot={screenshot}",
            "--dump-dom",
            page,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # A rendered page, not a blank one: a blank 1400x1000 screenshot is ~6 KB.
    assert screenshot.stat().st_size > 50_000
    return re.sub(r"<script\b[^>]*>.*?</script>", "", result.stdout, flags=re.DOTALL)


def test_static_docs_file_holds_the_whole_site(static_site: Path):
    html = static_site.read_text()
    # Manifest and catalog are inlined: the one file works from file:// with no server.
    assert "MANIFEST.JSON INLINE DATA" not in html
    assert "CATALOG.JSON INLINE DATA" not in html
    assert "model.revops_warehouse.metrics_revenue_monthly" in html


def test_overview_page_renders_the_overview_doc_block(chromium: str, static_site: Path):
    dom = render(
        chromium, f"{static_site.as_uri()}#!/overview", ARTIFACTS / "docs_site_overview.png"
    )
    overview = re.search(r'marked="overview_md"[^>]*>(.*?)</app-scroll>', dom, re.DOTALL)
    assert overview, "the overview panel did not render"
    text = overview.group(1)
    # Markdown rendered to headings, not shown raw, and ours, not dbt's default welcome.
    for heading in ("Sources", "Layers", "Identity resolution", "Where each metric lives"):
        assert f">{heading}</h2>" in text
    assert "## " not in text and "{% docs" not in text
    assert "auto-generated documentation for your dbt project" not in text
    assert "swaps it in with one atomic rename" in " ".join(text.split())
    assert 'href="#!/model/model.revops_warehouse.metrics_cohort_retention"' in text


def test_metric_model_page_renders_its_description_and_column_formulas(
    chromium: str, static_site: Path
):
    dom = render(
        chromium,
        f"{static_site.as_uri()}#!/model/model.revops_warehouse.metrics_revenue_monthly",
        ARTIFACTS / "docs_site_metrics_revenue_monthly.png",
    )
    description = re.search(r'marked="model\.description"[^>]*>(.*?)</div>', dom, re.DOTALL)
    assert description, "the model description did not render"
    assert "from the first month with MRR through the as-of month" in " ".join(
        description.group(1).split()
    )
    # Column formulas come from doc blocks, rendered as markdown; types from the catalog.
    assert "<strong>Quick ratio</strong> = (new + expansion + reactivation MRR)" in dom
    assert re.search(r">\s*quick_ratio\s*</span>", dom)
    assert re.search(r">\s*DOUBLE\b", dom), "catalog column types missing"
