"""The benchmark's paired timings: the product and its baseline are timed in turn, each kept to its side."""

from bench import figures


def test_paired_timings_alternate_and_give_each_side_its_own_median(monkeypatch):
    clock = [0.0]
    order = []

    def step(name: str, seconds: list[float]):
        durations = iter(seconds)

        def action():
            order.append(name)
            clock[0] += next(durations)

        return action

    monkeypatch.setattr(figures.time, "perf_counter", lambda: clock[0])
    product = step("app", [1.0, 9.0, 2.0])  # median 2
    baseline = step("bare", [0.5, 0.5, 0.5])

    app_s, bare_s = figures.paired_median_seconds(3, product, baseline)

    assert order == ["app", "bare", "bare", "app", "app", "bare"]
    assert (app_s, bare_s) == (2.0, 0.5)
