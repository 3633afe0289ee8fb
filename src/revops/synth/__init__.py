"""Deterministic synthetic raw data (contract/RAW_LANDING.md) with the ground truth it simulated."""
