"""RevOps Warehouse: the synthetic generator and the maths behind its dbt Python models."""
