"""The numbers every diagnostic reads, computed once per analysis."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.analysis.capacity import established, needed_for_capacity
from eaism.analysis.inventory import PrototypeDebt, Readiness
from eaism.analysis.organisation import Organisation
from eaism.analysis.stage import StageResult
from eaism.analysis.workforce import Heatmap, Workforce
from eaism.model.schema import Edition


@dataclass(frozen=True)
class Facts:
    edition: Edition
    organisation: Organisation
    workforce: Workforce
    heatmap: Heatmap
    stage: StageResult
    debt: PrototypeDebt
    readiness: tuple[Readiness, ...]

    @property
    def at_least(self) -> tuple[int, ...]:
        return self.workforce.at_least

    @property
    def active_pilots(self) -> int:
        return len(self.organisation.systems_in("pilot"))

    def established(self, level: int) -> bool:
        return established(self.edition, level, self.at_least)

    def needed(self, level: int) -> int:
        return needed_for_capacity(self.edition, level, self.workforce.people)

    def planned_at(self, level: int) -> int:
        return sum(hire.count for hire in self.organisation.planned_hires if hire.level == level)

    def practice(self, indicator_id: str) -> bool:
        return self.stage.indicator(indicator_id).met
