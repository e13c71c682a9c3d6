#!/usr/bin/env python3
"""Replay the same SLO alerting on the same CSV with pandas, for comparison.

    pandas_replay.py generate ROWS CSV   write ROWS minute rows (timestamp,good,total)
    pandas_replay.py replay CSV          time read_csv and the replay, print alert counts

The replay mirrors src/simulate: a row is the interval ending at its timestamp,
windows cover (t - L, t] (pandas' time-based rolling, closed="right"), an alert
fires while both its long and short window burn faster than its factor, and
the 30-day budget is the allowed share of the events in the window.
"""
import sys
import time

TARGET = 0.999
# The SRE Workbook 30-day set: (severity, factor, long seconds, short seconds).
PAIRS = [
    ("page", 14.4, 3600, 300),
    ("page", 6.0, 21600, 1800),
    ("ticket", 3.0, 86400, 7200),
    ("ticket", 1.0, 259200, 21600),
]
WINDOW = 30 * 86400


def generate(rows: int, path: str) -> None:
    """Same shape as benches/simulate.rs: ~1000 requests a minute, a sprinkle of
    errors, a 10-minute full outage every 10 days."""
    import numpy as np

    rng = np.random.default_rng(7)
    i = np.arange(rows, dtype=np.int64)
    total = 900 + rng.integers(0, 200, rows)
    bad = rng.integers(0, 2, rows)
    outage = (i % 14400) < 10
    bad = np.where(outage, total, bad)
    t = 1_700_000_000 + 60 * (i + 1)
    with open(path, "w") as f:
        f.write("timestamp,good,total\n")
        for row in zip(t.tolist(), (total - bad).tolist(), total.tolist()):
            f.write("%d,%d,%d\n" % row)


def replay(path: str) -> None:
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_csv(path)
    t1 = time.perf_counter()

    df.index = pd.to_datetime(df["timestamp"], unit="s")
    bad = (df["total"] - df["good"]).clip(lower=0)
    total = df["total"]
    budget = 1.0 - TARGET
    counts = {}
    for severity, factor, long_s, short_s in PAIRS:
        burn = []
        for span in (long_s, short_s):
            b = bad.rolling(f"{span}s").sum()
            n = total.rolling(f"{span}s").sum()
            burn.append((b / n).fillna(0.0) / budget)
        firing = (burn[0] > factor) & (burn[1] > factor)
        starts = firing & ~firing.shift(1, fill_value=False)
        counts[f"{severity} {factor}x"] = int(starts.sum())
    b = bad.rolling(f"{WINDOW}s").sum()
    n = total.rolling(f"{WINDOW}s").sum()
    remaining = 1.0 - b / (budget * n)
    t2 = time.perf_counter()

    print(f"rows: {len(df)}")
    print(f"pandas {pd.__version__}: read_csv {1000 * (t1 - t0):.0f} ms, replay {1000 * (t2 - t1):.0f} ms, total {1000 * (t2 - t0):.0f} ms")
    print(f"alerts per pair: {counts}")
    print(f"budget remaining at the end: {remaining.iloc[-1]:.6f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "replay":
        replay(sys.argv[2])
    else:
        sys.exit(__doc__)
