"""Multi-touch attribution: rule-based credits per touch and a first-order Markov chain.

Two kinds of input, both already ordered and aggregated by the caller (the dbt model
does that in DuckDB):

- **Touches** (rule-based and per-customer Markov credit): one array entry per touch,
  ``customers[i]`` the customer the touch belongs to and ``channels[i]`` its channel.
  Each customer's touches must appear in time order (first touch first); rows of
  different customers may interleave. Every function returns one credit per touch,
  and the credits of each customer sum to 1.
- **Paths** (the Markov fit): each path is the sequence of channels of one journey,
  with whether it converted and how many journeys followed it. Identical paths are
  grouped before anything is counted, and the chain is built and solved with matrix
  algebra: there is no Python loop over paths or touches anywhere in this module.

The Markov chain (Anderl et al., "Mapping the customer journey", 2016) has the states
``start``, one per channel, and the absorbing states ``conversion`` and ``null``. A
journey A → B that converted contributes the transitions start → A, A → B and
B → conversion; one that did not convert ends in B → null. Transition probabilities are
the transition counts of each state divided by the state's outgoing count (repeated
touches of one channel are kept, as self-loops).

- **P(conversion)** is the probability of being absorbed in ``conversion`` from
  ``start``: with Q the transitions among transient states (start and channels) and
  r the one-step probabilities into ``conversion``, the absorption probabilities x
  solve (I - Q) x = r, and P(conversion) = x[start].
- **Removal effect** of channel c = 1 - P(conversion with c removed) ÷ P(conversion),
  where removing c redirects every transition into c to ``null``. It is between 0 and
  1: 1 when every converting journey passes through c.
- **Shares**: removal effects normalised to sum to 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from numpy.typing import ArrayLike, NDArray

START = "start"
CONVERSION = "conversion"
NULL = "null"
RULE_BASED_MODELS = ("first_touch", "last_touch", "linear", "position_based")
MODELS = (*RULE_BASED_MODELS, "markov")

# Position-based ("U-shaped") weights: first and last touch, the rest split the middle.
POSITION_BASED_FIRST = 0.4
POSITION_BASED_LAST = 0.4


@dataclass(frozen=True)
class MarkovAttribution:
    """A fitted first-order Markov chain and each channel's removal effect.

    ``states`` names the rows and columns of ``transition_matrix``: ``start``, the
    channels in ``channels`` order, ``conversion`` and ``null`` (the absorbing states
    carry a 1 on the diagonal). ``removal_effects`` and ``shares`` follow ``channels``.
    """

    channels: tuple[str, ...]
    states: tuple[str, ...]
    transition_counts: NDArray[np.float64]
    transition_matrix: NDArray[np.float64]
    conversion_probability: float
    removal_effects: NDArray[np.float64]
    shares: NDArray[np.float64]
    journeys: float
    conversions: float
    distinct_paths: int

    def removal_effect(self) -> dict[str, float]:
        """Removal effect per channel."""
        return dict(zip(self.channels, self.removal_effects.tolist(), strict=True))

    def share(self) -> dict[str, float]:
        """Share of conversions credited to each channel (sums to 1)."""
        return dict(zip(self.channels, self.shares.tolist(), strict=True))


# -- paths ---------------------------------------------------------------------------------


def _encode_paths(
    paths: Sequence[Sequence[str]],
) -> tuple[tuple[str, ...], NDArray[np.int64], NDArray[np.int64]]:
    """(channels, codes, lengths): ``codes`` is an (n, longest) matrix of channel indices
    into ``channels`` (sorted), padded with -1 after each path's last touch."""
    lengths = np.fromiter(map(len, paths), dtype=np.int64, count=len(paths))
    total = int(lengths.sum())
    labels = np.array(list(chain.from_iterable(paths)), dtype=str)
    channels, flat = np.unique(labels, return_inverse=True)
    longest = int(lengths.max()) if len(lengths) else 0
    codes = np.full((len(paths), longest), -1, dtype=np.int64)
    rows = np.repeat(np.arange(len(paths)), lengths)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    codes[rows, np.arange(total) - starts] = flat.reshape(-1)
    return tuple(channels.tolist()), codes, lengths


def _group_paths(
    codes: NDArray[np.int64], converted: NDArray[np.bool_], counts
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_], NDArray[np.float64]]:
    """Identical (path, outcome) pairs merged, their journey counts summed."""
    keyed = np.column_stack([codes, converted.astype(np.int64)])
    unique, inverse = np.unique(keyed, axis=0, return_inverse=True)
    weights = np.bincount(inverse.reshape(-1), weights=counts, minlength=len(unique))
    unique_codes = unique[:, :-1]
    return unique_codes, (unique_codes >= 0).sum(axis=1), unique[:, -1].astype(bool), weights


def _transition_counts(
    codes: NDArray[np.int64],
    lengths: NDArray[np.int64],
    converted: NDArray[np.bool_],
    weights: NDArray[np.float64],
    n_channels: int,
) -> NDArray[np.float64]:
    """Weighted transition counts over the states start (0), channels (1..k),
    conversion (k + 1) and null (k + 2)."""
    n_states = n_channels + 3
    n_paths, longest = codes.shape
    # Each journey as a row of states: start, its channels, its absorbing state, padding.
    states = np.full((n_paths, longest + 2), -1, dtype=np.int64)
    states[:, 0] = 0
    states[:, 1 : longest + 1] = np.where(codes >= 0, codes + 1, -1)
    states[np.arange(n_paths), lengths + 1] = np.where(converted, n_channels + 1, n_channels + 2)
    origin, target = states[:, :-1], states[:, 1:]
    valid = (origin >= 0) & (target >= 0)
    flat_index = origin[valid] * n_states + target[valid]
    flat_weight = np.broadcast_to(weights[:, None], origin.shape)[valid]
    counts = np.bincount(flat_index, weights=flat_weight, minlength=n_states * n_states)
    return counts.reshape(n_states, n_states)


def _absorption_probability(
    transient: NDArray[np.float64], to_conversion: NDArray[np.float64]
) -> float:
    """P(absorbed in conversion | start) for the transient block Q and the one-step
    probabilities r into conversion: x solves (I - Q) x = r; start is state 0."""
    system = np.eye(len(transient)) - transient
    return float(np.linalg.solve(system, to_conversion)[0])


def markov_attribution(
    paths: Sequence[Sequence[str]],
    converted: ArrayLike | None = None,
    counts: ArrayLike | None = None,
) -> MarkovAttribution:
    """Fit the first-order Markov chain of the journeys and each channel's removal effect.

    ``paths[i]`` is the channel sequence of journey i (the conversion or null state is
    not part of it), ``converted[i]`` whether it ended in a conversion (default: all
    did) and ``counts[i]`` how many journeys followed it (default 1 each). Paths may
    repeat: identical ones are grouped first. A converting path with no touch (start →
    conversion) counts in P(conversion) but gives no channel credit.
    """
    n = len(paths)
    converted_arr = (
        np.ones(n, dtype=bool) if converted is None else np.asarray(converted, dtype=bool)
    )
    counts_arr = np.ones(n) if counts is None else np.asarray(counts, dtype=float)
    if converted_arr.shape != (n,) or counts_arr.shape != (n,):
        raise ValueError("converted and counts need one value per path")
    if np.any(counts_arr < 0) or not np.all(np.isfinite(counts_arr)):
        raise ValueError("counts must be finite and non-negative")
    if not np.any(converted_arr & (counts_arr > 0)):
        raise ValueError(
            "no converting journey: P(conversion) is 0 and removal effects are undefined"
        )

    channels, codes, lengths = _encode_paths(paths)
    codes, lengths, converted_arr, weights = _group_paths(codes, converted_arr, counts_arr)
    k = len(channels)
    transition_counts = _transition_counts(codes, lengths, converted_arr, weights, k)

    outgoing = transition_counts.sum(axis=1, keepdims=True)
    matrix = np.divide(
        transition_counts, outgoing, out=np.zeros_like(transition_counts), where=outgoing > 0
    )
    matrix[k + 1, :] = 0.0
    matrix[k + 1, k + 1] = 1.0
    matrix[k + 2, :] = 0.0
    matrix[k + 2, k + 2] = 1.0

    transient = matrix[: k + 1, : k + 1]
    to_conversion = matrix[: k + 1, k + 1]
    p_conversion = _absorption_probability(transient, to_conversion)

    # Removing channel c (state c + 1) sends every transition into it to null: c becomes
    # unreachable, so the system without c's row and column gives the same answer.
    removed = np.empty(k)
    for c in range(k):  # one small solve per channel (k ≈ tens), not per path
        keep = np.r_[0 : c + 1, c + 2 : k + 1]
        removed[c] = _absorption_probability(transient[np.ix_(keep, keep)], to_conversion[keep])
    removal_effects = np.clip(1.0 - removed / p_conversion, 0.0, 1.0)
    total_effect = removal_effects.sum()
    shares = removal_effects / total_effect if total_effect > 0 else np.full(k, np.nan)

    return MarkovAttribution(
        channels=channels,
        states=(START, *channels, CONVERSION, NULL),
        transition_counts=transition_counts,
        transition_matrix=matrix,
        conversion_probability=p_conversion,
        removal_effects=removal_effects,
        shares=shares,
        journeys=float(weights.sum()),
        conversions=float(weights[converted_arr].sum()),
        distinct_paths=len(weights),
    )


# -- touches -------------------------------------------------------------------------------


def touch_positions(customers: ArrayLike) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(position, touches): each touch's 0-based position within its customer's journey
    (in input order) and the customer's number of touches."""
    labels = np.asarray(customers)
    if labels.ndim != 1:
        raise ValueError("customers must be a 1-D array, one entry per touch")
    if len(labels) == 0:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    _, group, sizes = np.unique(labels, return_inverse=True, return_counts=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")
    first_row = np.cumsum(sizes) - sizes
    position = np.empty(len(labels), dtype=np.int64)
    position[order] = np.arange(len(labels)) - first_row[group[order]]
    return position, sizes[group]


def first_touch_credits(customers: ArrayLike) -> NDArray[np.float64]:
    """All the credit to each customer's first touch."""
    position, _ = touch_positions(customers)
    return (position == 0).astype(float)


def last_touch_credits(customers: ArrayLike) -> NDArray[np.float64]:
    """All the credit to each customer's last touch."""
    position, touches = touch_positions(customers)
    return (position == touches - 1).astype(float)


def linear_credits(customers: ArrayLike) -> NDArray[np.float64]:
    """Equal credit to every touch: 1 ÷ the customer's number of touches."""
    _, touches = touch_positions(customers)
    return 1.0 / touches


def position_based_credits(
    customers: ArrayLike,
    first: float = POSITION_BASED_FIRST,
    last: float = POSITION_BASED_LAST,
) -> NDArray[np.float64]:
    """Position-based ("U-shaped", 40/20/40) credit.

    Three or more touches: ``first`` (0.4) to the first touch, ``last`` (0.4) to the last
    and the remaining 0.2 split equally among the touches in between (four touches:
    0.4, 0.1, 0.1, 0.4). Two touches have no middle: 0.5 each (the middle's share is
    split like the ends', in proportion 0.4 : 0.4). One touch gets 1.0.
    """
    if first < 0 or last < 0 or first + last > 1:
        raise ValueError("first and last must be non-negative and sum to at most 1")
    position, touches = touch_positions(customers)
    is_first, is_last = position == 0, position == touches - 1
    middle = (1.0 - first - last) / np.maximum(touches - 2, 1)
    credits = np.where(is_first, first, np.where(is_last, last, middle))
    two = touches == 2
    credits[two] = np.where(is_first[two], first, last) / (first + last) if first + last else 0.5
    credits[touches == 1] = 1.0
    return credits


def markov_touch_credits(
    customers: ArrayLike,
    channels: ArrayLike,
    removal_effects: Mapping[str, float],
) -> NDArray[np.float64]:
    """Each customer's one conversion split across its touches by removal effect.

    A customer's touch on channel c gets RE(c) ÷ (the customer's touches on c),
    normalised so the customer's credits sum to 1: each distinct channel of the journey
    weighs its removal effect once, however often it was touched, and its weight is
    shared equally by its touches. So a journey A, A, B with RE(A) = 0.6, RE(B) = 0.2
    gives A 0.75 (0.375 per touch) and B 0.25. A customer whose channels all have a
    removal effect of 0 (or are missing from ``removal_effects``) is credited linearly.
    """
    customer_labels, channel_labels = np.asarray(customers), np.asarray(channels)
    if customer_labels.shape != channel_labels.shape or customer_labels.ndim != 1:
        raise ValueError("customers and channels need one entry per touch")
    if len(customer_labels) == 0:
        return np.array([], dtype=float)
    _, customer_group = np.unique(customer_labels, return_inverse=True)
    channel_names, channel_group = np.unique(channel_labels.astype(str), return_inverse=True)
    customer_group, channel_group = customer_group.reshape(-1), channel_group.reshape(-1)
    effects = np.array([float(removal_effects.get(c, 0.0)) for c in channel_names.tolist()])
    if np.any(effects < 0) or not np.all(np.isfinite(effects)):
        raise ValueError("removal effects must be finite and non-negative")

    pair = customer_group * len(channel_names) + channel_group
    _, pair_group, pair_touches = np.unique(pair, return_inverse=True, return_counts=True)
    weight = effects[channel_group] / pair_touches[pair_group.reshape(-1)]
    total = np.bincount(customer_group, weights=weight)[customer_group]
    linear = linear_credits(customer_group)
    return np.divide(weight, total, out=linear, where=total > 0)


def attribution_credits(
    model: str,
    customers: ArrayLike,
    channels: ArrayLike | None = None,
    removal_effects: Mapping[str, float] | None = None,
) -> NDArray[np.float64]:
    """Credits per touch under ``model`` (one of ``MODELS``, the var
    ``cac_attribution_model``'s values); ``markov`` needs channels and removal effects."""
    if model == "first_touch":
        return first_touch_credits(customers)
    if model == "last_touch":
        return last_touch_credits(customers)
    if model == "linear":
        return linear_credits(customers)
    if model == "position_based":
        return position_based_credits(customers)
    if model == "markov":
        if channels is None or removal_effects is None:
            raise ValueError("the markov model needs channels and removal_effects")
        return markov_touch_credits(customers, channels, removal_effects)
    raise ValueError(f"unknown attribution model {model!r}: expected one of {', '.join(MODELS)}")
