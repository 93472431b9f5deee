"""What both benchmark scripts print last: each measured worst figure against its target."""

from __future__ import annotations


def report(worst: dict[str, float], targets: dict[str, float], *, digits: int = 2) -> int:
    """Print each worst figure with its target, marking those over it; 1 if any is over."""
    failed = [key for key, value in worst.items() if value > targets[key]]
    for key, value in worst.items():
        print(f"worst {key}: {value:.{digits}f} (target < {targets[key]:g})"
              + ("  ← over target" if key in failed else ""))
    return 1 if failed else 0
