"""The policy's revenue tiers, target years and the clause that sets them, in one place.

二、工作目标 of the 2024 guidance sets clusters of 百亿级 (and 300/500/千亿 tiers) by 2025, 2027
and 2030; every tool, answer and briefing that names a tier or a target year reads it here.
"""

from __future__ import annotations

TARGET_CLAUSE = "2"  # 二、工作目标
POLICY_YEARS = (2025, 2027, 2030)
DEFAULT_TARGET_YEAR = 2030
TIERS = (100.0, 300.0, 500.0, 1000.0)  # 亿元: 百亿级, 300亿, 500亿, 千亿级
