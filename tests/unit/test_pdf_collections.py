"""PDF renders leave the older objects out of the cyclic collector while they run, and nothing behind them."""

import gc
import weakref

from reporting.referrals import pdf


class Node:
    def __init__(self):
        self.me = self  # a cycle: only the cyclic collector frees it


def test_a_render_collects_its_own_garbage_and_leaves_nothing_frozen():
    with pdf._older_objects_left_out_of_collections():
        assert gc.get_freeze_count() > 0, "the objects made before the render are left out"
        made_during = weakref.ref(Node())
    assert made_during() is None, "garbage made during the render is not carried into the next one"
    assert gc.get_freeze_count() == 0


def test_a_worker_that_froze_its_objects_itself_is_left_frozen():
    gc.freeze()
    try:
        with pdf._older_objects_left_out_of_collections():
            pass
        assert gc.get_freeze_count() > 0, "the worker's own freeze is not undone"
    finally:
        gc.unfreeze()
