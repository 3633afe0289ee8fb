"""Attribution maths in revops.attribution: hand-worked chains, rule-based credits, scale."""

from __future__ import annotations

import time
from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest

from revops.attribution import (
    MODELS,
    attribution_credits,
    first_touch_credits,
    last_touch_credits,
    linear_credits,
    markov_attribution,
    markov_touch_credits,
    position_based_credits,
    touch_positions,
)

# ------------------------------------------------------------------ Markov, worked by hand
#
# Three journeys, one of each:
#     1. A -> B -> conversion
#     2. A -> C -> null
#     3. C -> B -> conversion
#
# Transition counts and probabilities (each state's outgoing counts):
#     start -> A: 2, start -> C: 1        P = 2/3, 1/3
#     A -> B: 1, A -> C: 1                P = 1/2, 1/2
#     B -> conversion: 2                  P = 1
#     C -> null: 1, C -> B: 1             P = 1/2, 1/2
#
# Probability of conversion from each state, x(s) = sum_t P(s -> t) x(t):
#     x(B) = 1
#     x(C) = 1/2 * 0 + 1/2 * x(B) = 1/2
#     x(A) = 1/2 * x(B) + 1/2 * x(C) = 3/4
#     P(conv) = x(start) = 2/3 * 3/4 + 1/3 * 1/2 = 1/2 + 1/6 = 2/3
#
# Removal (transitions into the channel go to null instead):
#     without A: start -> A is lost;       P = 1/3 * x(C) = 1/6        RE(A) = 1 - (1/6)/(2/3) = 3/4
#     without B: x(A) = x(C) = 0;          P = 0                       RE(B) = 1
#     without C: x(A) = 1/2, start -> C lost; P = 2/3 * 1/2 = 1/3      RE(C) = 1 - (1/3)/(2/3) = 1/2
# Sum of removal effects 9/4, so shares A = 3/9 = 1/3, B = 4/9, C = 2/9.
HAND_PATHS = [("A", "B"), ("A", "C"), ("C", "B")]
HAND_CONVERTED = [True, False, True]
HAND_P_CONVERSION = Fraction(2, 3)
HAND_REMOVAL_EFFECTS = {"A": Fraction(3, 4), "B": Fraction(1), "C": Fraction(1, 2)}
HAND_SHARES = {"A": Fraction(1, 3), "B": Fraction(4, 9), "C": Fraction(2, 9)}


def assert_close(actual: dict[str, float], expected: dict[str, Fraction]) -> None:
    assert actual.keys() == expected.keys()
    for channel, value in expected.items():
        assert abs(actual[channel] - float(value)) < 1e-12, (channel, actual[channel], value)


def test_markov_three_paths_worked_by_hand():
    fit = markov_attribution(HAND_PATHS, HAND_CONVERTED)
    assert fit.channels == ("A", "B", "C")
    assert fit.states == ("start", "A", "B", "C", "conversion", "null")
    assert abs(fit.conversion_probability - float(HAND_P_CONVERSION)) < 1e-12
    assert_close(fit.removal_effect(), HAND_REMOVAL_EFFECTS)
    assert_close(fit.share(), HAND_SHARES)
    # The transition matrix of the comment above, row by row (states in fit.states order).
    expected = np.array(
        [
            [0, 2 / 3, 0, 1 / 3, 0, 0],
            [0, 0, 1 / 2, 1 / 2, 0, 0],
            [0, 0, 0, 0, 1, 0],
            [0, 0, 1 / 2, 0, 0, 1 / 2],
            [0, 0, 0, 0, 1, 0],
            [0, 0, 0, 0, 0, 1],
        ]
    )
    np.testing.assert_allclose(fit.transition_matrix, expected, atol=1e-15)
    assert (fit.journeys, fit.conversions, fit.distinct_paths) == (3, 2, 3)


def test_identical_paths_are_grouped_and_counts_weigh_like_repeats():
    """Ten copies of each hand path, given as repeats or as counts, give the same chain
    (probabilities are ratios of counts, so scaling every count changes nothing)."""
    repeated = markov_attribution(HAND_PATHS * 10, HAND_CONVERTED * 10)
    counted = markov_attribution(HAND_PATHS, HAND_CONVERTED, counts=[10, 10, 10])
    assert repeated.distinct_paths == counted.distinct_paths == 3
    np.testing.assert_array_equal(repeated.transition_counts, counted.transition_counts)
    assert_close(repeated.removal_effect(), HAND_REMOVAL_EFFECTS)
    assert_close(counted.share(), HAND_SHARES)


def test_markov_without_null_paths():
    """Only converting journeys: A -> B, A, B. P(conv) = 1. start -> A 2/3, start -> B 1/3;
    A -> B 1/2, A -> conv 1/2; B -> conv 1. Without A: P = 1/3 (start -> B), RE(A) = 2/3.
    Without B: P = 2/3 * 1/2 = 1/3, RE(B) = 2/3. Shares 1/2 each."""
    fit = markov_attribution([("A", "B"), ("A",), ("B",)])
    assert abs(fit.conversion_probability - 1.0) < 1e-12
    assert_close(fit.removal_effect(), {"A": Fraction(2, 3), "B": Fraction(2, 3)})
    assert_close(fit.share(), {"A": Fraction(1, 2), "B": Fraction(1, 2)})


def test_channel_in_every_path_has_removal_effect_one():
    """Every journey, converting or not, passes through S: removing it leaves no way to
    convert, RE(S) = 1. Journeys S -> A conv, B -> S conv, S null, S -> B null.
    start -> S 3/4, start -> B 1/4; S -> A 1/4, S -> conv 1/4, S -> null 1/4, S -> B 1/4;
    A -> conv 1; B -> S 1/2, B -> null 1/2.
    x(S) = 1/4 + 1/4 + 1/4 x(B), x(B) = 1/2 x(S)  =>  x(S) = 4/7, x(B) = 2/7.
    P(conv) = 3/4 * 4/7 + 1/4 * 2/7 = 14/28 = 1/2.
    Without A: x(S) = 1/4 + 1/8 x(S) => 2/7, x(B) = 1/7, P = 3/14 + 1/28 = 1/4: RE(A) = 1/2.
    Without B: x(S) = 1/2, P = 3/8: RE(B) = 1/4."""
    fit = markov_attribution(
        [("S", "A"), ("B", "S"), ("S",), ("S", "B")], [True, True, False, False]
    )
    assert abs(fit.conversion_probability - 0.5) < 1e-12
    assert_close(fit.removal_effect(), {"A": Fraction(1, 2), "B": Fraction(1, 4), "S": Fraction(1)})
    assert_close(fit.share(), {"A": Fraction(2, 7), "B": Fraction(1, 7), "S": Fraction(4, 7)})


def test_single_touch_journeys_and_repeated_touches():
    """Single-touch journeys: A conv, A null, B conv. P(conv) = 1/2 * 2/3... worked out:
    start -> A 2/3, start -> B 1/3; A -> conv 1/2; B -> conv 1. P = 1/3 + 1/3 = 2/3.
    RE(A) = 1 - (1/3)/(2/3) = 1/2, RE(B) = 1/2. A repeated touch A -> A is a self-loop:
    adding the journey A -> A -> conv gives A -> A 1/4, A -> conv 2/4, A -> null 1/4, so
    x(A) = 2/3, start -> A 3/4, start -> B 1/4, P = 1/2 + 1/4 = 3/4; RE(A) = 2/3,
    RE(B) = 1/3."""
    fit = markov_attribution([("A",), ("A",), ("B",)], [True, False, True])
    assert abs(fit.conversion_probability - 2 / 3) < 1e-12
    assert_close(fit.removal_effect(), {"A": Fraction(1, 2), "B": Fraction(1, 2)})
    looped = markov_attribution([("A",), ("A",), ("B",), ("A", "A")], [True, False, True, True])
    assert abs(looped.conversion_probability - 0.75) < 1e-12
    assert_close(looped.removal_effect(), {"A": Fraction(2, 3), "B": Fraction(1, 3)})


def test_markov_rejects_data_without_a_conversion():
    with pytest.raises(ValueError, match="no converting journey"):
        markov_attribution([("A",), ("B",)], [False, False])
    with pytest.raises(ValueError, match="one value per path"):
        markov_attribution([("A",)], [True, False])


# ------------------------------------------------------------------------ rule-based credits

FOUR_TOUCHES = ["c1", "c1", "c1", "c1"]


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        (first_touch_credits, [1.0, 0.0, 0.0, 0.0]),
        (last_touch_credits, [0.0, 0.0, 0.0, 1.0]),
        (linear_credits, [0.25, 0.25, 0.25, 0.25]),
        # 40 % first, 40 % last, the 20 % middle split over the 2 middle touches.
        (position_based_credits, [0.4, 0.1, 0.1, 0.4]),
    ],
    ids=["first_touch", "last_touch", "linear", "position_based"],
)
def test_rule_based_credits_on_a_four_touch_journey(credit, expected):
    np.testing.assert_allclose(credit(FOUR_TOUCHES), expected, atol=1e-15)


def test_position_based_short_journeys():
    """One touch: 1.0. Two touches: no middle, 0.5 each. Three: 0.4, 0.2, 0.4.
    Five: 0.4, 0.2/3 x 3, 0.4. Customers interleaved in the input keep their own order."""
    customers = ["one", "two", "three", "two", "three", "three"]
    np.testing.assert_allclose(
        position_based_credits(customers), [1.0, 0.5, 0.4, 0.5, 0.2, 0.4], atol=1e-15
    )
    np.testing.assert_allclose(
        position_based_credits(["f"] * 5), [0.4, 0.2 / 3, 0.2 / 3, 0.2 / 3, 0.4], atol=1e-15
    )


def test_touch_positions_follow_input_order_within_each_customer():
    position, touches = touch_positions(["b", "a", "b", "b", "a"])
    assert position.tolist() == [0, 0, 1, 2, 1]
    assert touches.tolist() == [3, 2, 3, 3, 2]


def test_markov_touch_credits_split_removal_effect_within_the_customer():
    """Customer x: touches A, A, B with RE(A) = 0.6, RE(B) = 0.2: A weighs 0.6 (0.3 per
    touch), B 0.2, normalised by 0.8: 0.375, 0.375, 0.25. Customer y: one touch, 1.0.
    Customer z: only a channel with RE 0 (C) and one missing from the map (D): linear."""
    credits = markov_touch_credits(
        ["x", "x", "y", "x", "z", "z"],
        ["A", "A", "B", "B", "C", "D"],
        {"A": 0.6, "B": 0.2, "C": 0.0},
    )
    np.testing.assert_allclose(credits, [0.375, 0.375, 1.0, 0.25, 0.5, 0.5], atol=1e-15)


def test_markov_touch_credits_with_the_hand_worked_fit():
    """The hand-worked removal effects (A 3/4, B 1, C 1/2) on journey A, C, B: credits
    3/4 : 1/2 : 1 = 1/3, 2/9, 4/9, the channel shares, as each channel is touched once."""
    fit = markov_attribution(HAND_PATHS, HAND_CONVERTED)
    credits = markov_touch_credits(["k"] * 3, ["A", "C", "B"], fit.removal_effect())
    np.testing.assert_allclose(credits, [1 / 3, 2 / 9, 4 / 9], atol=1e-12)


def random_touches(rng: np.random.Generator, customers: int) -> tuple[np.ndarray, np.ndarray]:
    sizes = rng.integers(1, 9, size=customers)
    owner = np.repeat(np.arange(customers), sizes)
    shuffled = owner[rng.permutation(len(owner))]  # interleave customers, keep each's order
    channels = rng.choice(np.array(list("ABCDEFG")), size=len(owner))
    return shuffled, channels


@pytest.mark.parametrize("model", MODELS)
def test_every_model_gives_each_customer_credits_summing_to_one(model):
    rng = np.random.default_rng(5)
    customers, channels = random_touches(rng, 2_000)
    effects = {c: float(v) for c, v in zip("ABCDEFG", rng.uniform(0, 1, 7), strict=True)}
    credits = attribution_credits(model, customers, channels, effects)
    per_customer = np.bincount(customers, weights=credits)
    np.testing.assert_allclose(per_customer, 1.0, atol=1e-12)
    assert np.all(credits >= 0)


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown attribution model"):
        attribution_credits("time_decay", ["a"])


# ----------------------------------------------------------------------------------- scale


def reference_markov(paths, converted, counts) -> tuple[float, dict[str, float]]:
    """Straightforward version for the scale test: Python loops over the paths, the
    full transition matrix, and removal as the literal redirect of column c into null,
    solved with the fundamental matrix N = (I - Q)^-1."""
    channels = sorted({c for path in paths for c in path})
    index = {c: i + 1 for i, c in enumerate(channels)}
    n = len(channels) + 3
    conv, null = n - 2, n - 1
    counts_matrix = np.zeros((n, n))
    for path, did_convert, count in zip(paths, converted, counts, strict=True):
        states = [0, *(index[c] for c in path), conv if did_convert else null]
        for origin, target in pairwise(states):
            counts_matrix[origin, target] += count
    matrix = counts_matrix / np.maximum(counts_matrix.sum(axis=1, keepdims=True), 1e-300)

    def p_conv(m: np.ndarray) -> float:
        q, r = m[:conv, :conv], m[:conv, conv]
        return float((np.linalg.inv(np.eye(conv) - q) @ r)[0])

    base = p_conv(matrix)
    effects = {}
    for channel, i in index.items():
        redirected = matrix.copy()
        redirected[:, null] += redirected[:, i]
        redirected[:, i] = 0.0
        effects[channel] = 1 - p_conv(redirected) / base
    return base, effects


def test_markov_scales_to_fifty_thousand_paths():
    """50,000 journeys of 1 to 8 touches over 12 channels (33,000 distinct), with
    converting journeys more likely through some channels: matches the loop-and-inverse
    reference to 1e-9. Prints the time of the vectorised fit."""
    rng = np.random.default_rng(2024)
    channel_names = np.array([f"channel_{i:02d}" for i in range(12)])
    lengths = rng.integers(1, 9, size=50_000)
    flat = rng.choice(len(channel_names), size=int(lengths.sum()), p=np.linspace(1, 3, 12) / 24)
    bounds = np.cumsum(lengths)[:-1]
    paths = [tuple(channel_names[codes]) for codes in np.split(flat, bounds)]
    lift = np.array([len(set(p) & {"channel_03", "channel_07"}) for p in paths])
    converted = rng.random(len(paths)) < 0.1 + 0.2 * lift
    counts = rng.integers(1, 4, size=len(paths))

    started = time.perf_counter()
    fit = markov_attribution(paths, converted, counts)
    elapsed = time.perf_counter() - started
    print(
        f"markov_attribution: {len(paths):,} journeys, {fit.distinct_paths:,} distinct "
        f"(path, outcome) pairs, {len(fit.channels)} channels in {elapsed:.3f}s"
    )

    p_conv, effects = reference_markov(paths, converted, counts)
    assert abs(fit.conversion_probability - p_conv) < 1e-9
    for channel, effect in effects.items():
        assert abs(fit.removal_effect()[channel] - effect) < 1e-9, channel
    assert abs(fit.shares.sum() - 1.0) < 1e-12
    assert fit.distinct_paths > 30_000  # short paths repeat: 33,000 distinct at this seed
    assert fit.journeys == counts.sum()
    # The boosted channels earn more than their share of touches.
    share = fit.share()
    assert share["channel_03"] > share["channel_02"]
    assert share["channel_07"] > share["channel_08"]
