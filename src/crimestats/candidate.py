"""A number on its way to becoming a figure: what each stage has found out about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .numbers import Number

Span = tuple[int, int]


@dataclass(slots=True)
class Candidate:
    num: Number
    # units and counted nouns
    unit: str | None = None
    unit_start: int = 0
    unit_end: int = 0
    tail_end: int = 0                   # "2 tấn 300 kg", "20 đến 50 triệu đồng": where the figure ends
    # qualifier, change and target words before the number
    prefix_start: int = 0
    qualifier: str = "exact"
    change: str | None = None           # "up" / "down" when a change word governs it
    target: str | None = None           # "up" / "down" / "level" for targets
    sign: str | None = None             # "(-6,23%)": the sign inside a bracket
    plan_before: bool = False           # a plan word ("chỉ tiêu") among the words before it
    bound_or_change: bool = False       # "nhiều hơn": a bound, or a change where a period is compared
    # category and metric
    sentence: int = 0
    category: str = ""
    metric_left: Span | None = None
    left_shared: bool = False            # metric_left is the figure before's
    metric_right: list[Span] = field(default_factory=list)
    list_left: list[Span] = field(default_factory=list)  # a rate of the whole list before it
    share_of: "Candidate | None" = None  # "giảm 36 người (giảm 6,91%)": the share of that figure
    label: Span | None = None            # "Thụ lý theo thủ tục phúc thẩm: 1.003 vụ"
    metric_spans: list[Span] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.num.start

    @property
    def end(self) -> int:
        end = self.unit_end if self.unit and self.unit_end > self.num.end else self.num.end
        return end if end > self.tail_end else self.tail_end
