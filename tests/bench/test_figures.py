"""The benchmark's paired timings: the product and its baseline are timed in turn, each kept to its side."""

from bench import figures


def test_paired_timings_alternate_and_give_each_side_its_own_median(monkeypatch):
    clock = [0.0]
    order = []

    def step(name: str, seconds: float):
        def action():
            order.append(name)
            clock[0] += seconds

        return action

    monkeypatch.setattr(figures.time, "perf_counter", lambda: clock[0])
    durations = iter([1.0, 9.0, 2.0])  # the product's three runs: median 2
    product = step("app", 0.0)

    def timed_product():
        product()
        clock[0] += next(durations)

    app_s, bare_s = figures.paired_median_seconds(3, timed_product, step("bare", 0.5))

    assert order == ["app", "bare", "bare", "app", "app", "bare"]
    assert (app_s, bare_s) == (2.0, 0.5)
