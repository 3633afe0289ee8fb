"""Docs are the product: every source table and column, model, seed, column, macro, test,
analysis and exposure of the project has a description, checked against what dbt built
(the catalog `dbt docs generate` reads from the warehouse), and every model has a
primary-key test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import PROJECT_DIR

PACKAGE = "revops_warehouse"
KEY_TESTS = {"unique", "unique_combination_of_columns"}
SOURCE_TABLES = 28


@pytest.fixture(scope="module")
def manifest(built: Path) -> dict:
    """The build's own manifest."""
    return json.loads((built / "target" / "manifest.json").read_text())


@pytest.fixture(scope="module")
def docs_manifest(docs_target: Path) -> dict:
    """The manifest written next to the catalog, by the same `dbt docs generate`."""
    return json.loads((docs_target / "manifest.json").read_text())


@pytest.fixture(scope="module")
def catalog(docs_target: Path) -> dict:
    return json.loads((docs_target / "catalog.json").read_text())


def described(resource: dict) -> bool:
    return bool((resource.get("description") or "").strip())


def ours(manifest: dict, *resource_types: str) -> list[dict]:
    return [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] in resource_types and node["package_name"] == PACKAGE
    ]


def column_gaps(name: str, documented: dict, built: dict) -> list[str]:
    """Built columns without a description, and described columns that were not built."""
    documented_by_name = {column.lower(): doc for column, doc in documented.items()}
    built_names = {column.lower() for column in built}
    gaps = [
        f"{name}.{column}: no description"
        for column in built
        if not described(documented_by_name.get(column.lower(), {}))
    ]
    gaps += [
        f"{name}.{column}: documented but not built"
        for column in documented
        if column.lower() not in built_names
    ]
    return gaps


def test_every_model_seed_and_built_column_is_described(docs_manifest, catalog):
    gaps = []
    nodes = ours(docs_manifest, "model", "seed")
    for node in nodes:
        if not described(node):
            gaps.append(f"{node['name']}: no description")
        built = catalog["nodes"].get(node["unique_id"])
        if built is None:
            gaps.append(f"{node['name']}: not in the catalog (not built)")
            continue
        gaps += column_gaps(node["name"], node["columns"], built["columns"])
    assert not gaps, "\n".join(gaps)
    # The catalog holds every model and seed of the project, each with its columns.
    assert {n["unique_id"] for n in nodes} <= set(catalog["nodes"])
    assert {p.stem for p in (PROJECT_DIR / "seeds").glob("*.csv")} == {
        n["name"] for n in nodes if n["resource_type"] == "seed"
    }


def test_every_source_table_and_column_is_described(docs_manifest, catalog):
    gaps = []
    for source in docs_manifest["sources"].values():
        name = f"{source['source_name']}.{source['name']}"
        if not described(source):
            gaps.append(f"{name}: no description")
        built = catalog["sources"].get(source["unique_id"])
        if built is None:
            gaps.append(f"{name}: not in the catalog (not landed in raw)")
            continue
        gaps += column_gaps(name, source["columns"], built["columns"])
    assert not gaps, "\n".join(gaps)
    assert len(docs_manifest["sources"]) == SOURCE_TABLES


def test_every_macro_and_generic_test_is_described(docs_manifest):
    macros = [m for m in docs_manifest["macros"].values() if m["package_name"] == PACKAGE]
    undescribed = [m["name"] for m in macros if not described(m)]
    assert not undescribed, "macros without a description:\n" + "\n".join(undescribed)
    # Generic tests are macros named test_<file name>: each one was checked above.
    generic_tests = {f"test_{p.stem}" for p in (PROJECT_DIR / "tests" / "generic").glob("*.sql")}
    assert generic_tests
    assert generic_tests <= {m["name"] for m in macros}


def test_every_singular_and_unit_test_analysis_and_exposure_is_described(docs_manifest):
    singular_tests = [node for node in ours(docs_manifest, "test") if not node.get("test_metadata")]
    unit_tests = [t for t in docs_manifest["unit_tests"].values() if t["package_name"] == PACKAGE]
    analyses = ours(docs_manifest, "analysis")
    exposures = [e for e in docs_manifest["exposures"].values() if e["package_name"] == PACKAGE]
    undescribed = [
        f"{resource['resource_type']} {resource['name']}"
        for resource in singular_tests + unit_tests + analyses + exposures
        if not described(resource)
    ]
    assert not undescribed, "\n".join(undescribed)
    # Every file was found, so nothing escaped the check.
    assert {n["name"] for n in singular_tests} == {
        p.stem for p in (PROJECT_DIR / "tests").glob("*.sql")
    }
    assert {n["name"] for n in analyses} == {
        p.stem for p in (PROJECT_DIR / "analyses").glob("*.sql")
    }
    assert unit_tests and exposures


def test_every_model_has_a_primary_key_test(manifest):
    tested = {
        node["attached_node"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        and (node.get("test_metadata") or {}).get("name") in KEY_TESTS
    }
    missing = [n["name"] for n in ours(manifest, "model") if n["unique_id"] not in tested]
    assert missing == []


def test_every_metric_and_semantic_model_part_is_described(docs_manifest):
    metrics = [m for m in docs_manifest["metrics"].values() if m["package_name"] == PACKAGE]
    semantic_models = [
        s for s in docs_manifest["semantic_models"].values() if s["package_name"] == PACKAGE
    ]
    gaps = [f"metric {m['name']}" for m in metrics if not described(m)]
    for model in semantic_models:
        if not described(model):
            gaps.append(f"semantic model {model['name']}")
        for part in ("entities", "dimensions", "measures"):
            gaps += [
                f"{model['name']}.{item['name']}" for item in model[part] if not described(item)
            ]
    assert not gaps, "\n".join(gaps)
    # The metrics the issue names are all there.
    required = {
        "mrr", "arr", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr",
        "customers", "logo_churn_rate", "nrr_12m", "win_rate", "avg_sales_cycle_days", "cac",
        "pipeline_open_opportunities", "pipeline_velocity_per_day",
    }  # fmt: skip
    assert required <= {m["name"] for m in metrics}
