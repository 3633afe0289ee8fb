"""Every model is documented column by column and has a primary-key test."""

from __future__ import annotations

import json

import pytest

KEY_TESTS = {"unique", "unique_combination_of_columns"}


@pytest.fixture(scope="module")
def manifest(built) -> dict:
    return json.loads((built / "target" / "manifest.json").read_text())


def models(manifest: dict) -> list[dict]:
    return [
        n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["package_name"] == "revops_warehouse"
    ]


def test_every_model_and_built_column_is_described(manifest, wh):
    undocumented = []
    for node in models(manifest):
        if not node["description"].strip():
            undocumented.append(node["name"])
        built = {
            row[0]
            for row in wh.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [node["schema"], node["alias"]],
            ).fetchall()
        }
        assert built, f"{node['name']} was not built"
        documented = {name for name, col in node["columns"].items() if col["description"].strip()}
        undocumented += [f"{node['name']}.{c}" for c in sorted(built - documented)]
    assert undocumented == []


def test_every_model_has_a_primary_key_test(manifest):
    tested = {
        node["attached_node"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        and (node.get("test_metadata") or {}).get("name") in KEY_TESTS
    }
    missing = [n["name"] for n in models(manifest) if n["unique_id"] not in tested]
    assert missing == []


def test_every_source_table_is_described(manifest):
    missing = [s["unique_id"] for s in manifest["sources"].values() if not s["description"].strip()]
    assert missing == []
    assert len(manifest["sources"]) == 28
