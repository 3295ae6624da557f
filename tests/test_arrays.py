"""netmap.fastpath.arrays: the sorting shortcuts give exactly what numpy's stable sorts give."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from netmap.fastpath.arrays import stable_order, unique_first_inverse

keys = hnp.arrays(np.int64, st.integers(0, 300), elements=st.integers(0, 40))


@given(keys)
@settings(max_examples=200, deadline=None)
def test_stable_order_is_a_stable_argsort(values):
    assert stable_order(values).tolist() == np.argsort(values, kind="stable").tolist()


@given(keys)
@settings(max_examples=200, deadline=None)
def test_unique_first_inverse_is_np_unique(values):
    expected = np.unique(values, return_index=True, return_inverse=True)
    assert [a.tolist() for a in unique_first_inverse(values)] == [a.tolist() for a in expected]


def test_keys_too_large_to_combine_fall_back_to_numpy():
    big = np.array([2**62, 5, 2**62, 1], np.int64)  # key * len would overflow 64 bits
    assert stable_order(big).tolist() == [3, 1, 0, 2]
    assert stable_order(np.array([], np.int64)).tolist() == []
