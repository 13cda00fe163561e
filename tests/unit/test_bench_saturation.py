"""The ramp's windows and its saturation throughput (bench/saturation.py, issue 19)."""

from __future__ import annotations

from bench.load import Sample
from bench.saturation import Window, points, saturation, windows


def window(start: float, rate: float, p95: float | None) -> Window:
    return Window(start, start + 10, int(rate * 10), 0, rate, p95, p95)


def test_windows_count_the_answers_by_when_they_came_back() -> None:
    found = windows(
        [
            (1.0, 0.1, True),
            (9.9, 0.3, True),
            (10.0, 2.0, True),  # the second window's first instant
            (12.0, 0.5, False),  # failed: in the latency, not in the rate
            (25.0, 0.2, True),
            (31.0, 0.2, True),  # after the end: not counted
        ],
        width=10,
        until=30,
    )
    assert [(w.start, w.end) for w in found] == [(0, 10), (10, 20), (20, 30)]
    assert [w.answered for w in found] == [2, 1, 1]
    assert [w.errors for w in found] == [0, 1, 0]
    assert [w.msg_per_s for w in found] == [0.2, 0.1, 0.1]
    assert found[0].median_ms == 200.0
    assert found[1].p95_ms is not None and 1900 < found[1].p95_ms <= 2000


def test_a_last_partial_window_and_empty_windows() -> None:
    found = windows([(3.0, 0.1, True)], width=10, until=25)
    assert len(found) == 2  # 20–25 would not compare with the full ones
    assert found[1].answered == 0 and found[1].p95_ms is None


def test_saturation_is_the_last_window_before_p95_reaches_one_second() -> None:
    found = [
        window(0, 2.0, 150),
        window(10, 6.0, 200),
        window(20, 11.5, 640),
        window(30, 12.0, 1400),  # the crossing
        window(40, 12.5, 900),  # back under 1 s later: too late to count
        window(50, 13.0, 2500),
    ]
    figure = saturation(found)
    assert figure == {
        "msg_per_s": 11.5,
        "reached": True,
        "window_start_s": 20,
        "crossed_at_s": 30,
    }


def test_exactly_one_second_counts_as_crossed_and_empty_windows_are_passed_over() -> None:
    found = [window(0, 3.0, 300), window(10, 0.0, None), window(20, 9.0, 1000.0)]
    assert saturation(found)["msg_per_s"] == 3.0
    assert saturation(found)["crossed_at_s"] == 20


def test_a_first_window_over_the_limit_gives_zero() -> None:
    assert saturation([window(0, 4.0, 1200), window(10, 5.0, 300)])["msg_per_s"] == 0.0


def test_a_ramp_that_never_saturates_reports_its_best_window_as_not_reached() -> None:
    figure = saturation([window(0, 3.0, 100), window(10, 8.0, 400), window(20, 7.5, 380)])
    assert figure["reached"] is False and figure["msg_per_s"] == 8.0
    assert figure["crossed_at_s"] is None
    assert saturation([])["msg_per_s"] == 0.0


def test_points_leave_out_conversation_openings_and_hand_off_requests() -> None:
    samples = [
        Sample("create", 0.01, at=100.0),
        Sample("faq", 0.5, at=101.0),
        Sample("handoff", 0.4, at=102.0),
        Sample("button", 1.0, error="HTTP 502", at=103.0),
    ]
    assert points(samples, origin=100.0) == [(1.5, 0.5, True), (4.0, 1.0, False)]
