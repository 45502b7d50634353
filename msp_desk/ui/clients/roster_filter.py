"""The roster's filter proxy: free-text search and the filters, decided for every row at once."""

from __future__ import annotations

import operator
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QObject,
    QSortFilterProxyModel,
    Qt,
)

from msp_desk.services.clients.roster import RosterRow
from msp_desk.ui.clients.roster_model import FILTER_FIELDS, MANY_ROWS, AnyIndex, RosterModel, collation_key
from msp_desk.ui.common.tables import SORT_ROLE


class RosterFilterProxy(QSortFilterProxyModel):
    """Keeps the rows that match every word of the search (in name, industry, tier, status,
    channel or tags, ignoring case and accents: "zoe" finds "Zoë") and every field filter
    (status, tier, industry, channel: equal; tag: among the row's tags). Sorting is passed on to
    the ``RosterModel``.

    A change of criteria decides every row at once, in a few list comprehensions over values
    computed once per row; ``filterAcceptsRow``, which Qt calls for each row, only looks the
    answer up."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._filters: dict[str, str] = {}  # field -> the value kept
        self._accepted: list[bool] = []  # by position in the model's given rows
        self._shown: tuple[int, int] = (0, 0)  # rows kept, their MRR in cents
        self._decided_for = -1  # the model version ``_accepted`` was computed for
        self._source: RosterModel | None = None  # kept here: asking Qt for it costs a call a row
        self.setSortRole(SORT_ROLE)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt name
        if not isinstance(model, RosterModel):
            raise TypeError("RosterFilterProxy filters a RosterModel")
        self._source = model
        self._decided_for = -1
        super().setSourceModel(model)

    @property
    def search_text(self) -> str:
        return " ".join(self._words)

    @property
    def filters(self) -> dict[str, str]:
        return dict(self._filters)

    def is_filtered(self) -> bool:
        return bool(self._words or self._filters)

    def set_search(self, text: str) -> None:
        words = tuple(collation_key(text).split())
        if words != self._words:
            self._change(words, self._filters)

    def set_filter(self, field: str, value: str | None) -> None:
        """Keep only the rows whose ``field`` is ``value`` (``None``: any value)."""
        if field not in FILTER_FIELDS:
            raise ValueError(f"no filter on {field!r}")
        filters = {k: v for k, v in self._filters.items() if k != field}
        if value is not None:
            filters[field] = value
        if filters != self._filters:
            self._change(self._words, filters)

    def clear_criteria(self) -> None:
        """No search and no filter: every row shown (one change, however many were set)."""
        if self.is_filtered():
            self._change((), {})

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source orders its rows (one ``list.sort``); this proxy keeps the source's order."""
        self._roster().sort(column, order)

    def visible_rows(self) -> list[RosterRow]:
        """The rows shown, top to bottom."""
        source = self._roster()
        return [source.row_at(self.mapToSource(self.index(i, 0)).row()) for i in range(self.rowCount())]

    def visible_total(self) -> tuple[int, int]:
        """How many rows are shown and the sum of their MRR in cents."""
        source = self._roster()
        if not self.is_filtered():
            return source.rowCount(), source.total_mrr_cents
        if self._decided_for != source.version:
            self._decide(source)
        return self._shown

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802 - Qt name
        source = self._source
        if source is None or not (self._words or self._filters):
            return True
        if self._decided_for != source.version:
            self._decide(source)
        return self._accepted[source.order[source_row]]

    def refilter(self) -> None:
        """The rows' values changed in place (readiness and flags that came later): decide again
        which rows the search and filters keep."""
        source = self._source
        if source is None or not self.is_filtered():
            return
        self._decide(source)
        self.invalidate()

    # -- deciding --------------------------------------------------------------------------
    def _change(self, words: tuple[str, ...], filters: dict[str, str]) -> None:
        source = self._source
        decided = None
        toggled = 0  # rows that appear or disappear
        if source is not None and (words or filters):
            decided = self._decision(source, words, filters)
            if self._decided_for == source.version or not self.is_filtered():
                before = self._accepted if self.is_filtered() else [True] * len(decided[0])
                toggled = sum(map(operator.ne, before, decided[0]))
                if toggled == 0:  # "denta" -> "dental": the same rows, so Qt need not ask again
                    self._words, self._filters, self._shown = words, filters, decided[1]
                    return
        elif source is not None and self._decided_for == source.version:
            toggled = len(self._accepted) - self._shown[0]  # every row comes back
        if toggled > MANY_ROWS:
            # Qt reports a filter change as one removal or insertion per run of rows: thousands
            # of runs cost more than one layout change, which reads every row again once.
            self._set_criteria(words, filters, decided)
            self.invalidate()
        elif hasattr(self, "beginFilterChange"):  # Qt 6.10+: invalidateFilter() is deprecated there
            self.beginFilterChange()
            self._set_criteria(words, filters, decided)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._set_criteria(words, filters, decided)
            self.invalidateRowsFilter()

    def _set_criteria(
        self,
        words: tuple[str, ...],
        filters: dict[str, str],
        decided: tuple[list[bool], tuple[int, int]] | None,
    ) -> None:
        self._words, self._filters = words, filters
        if decided is None or self._source is None:
            self._decided_for = -1
        else:
            (self._accepted, self._shown), self._decided_for = decided, self._source.version

    def _decide(self, source: RosterModel) -> None:
        self._accepted, self._shown = self._decision(source, self._words, self._filters)
        self._decided_for = source.version

    @staticmethod
    def _decision(
        source: RosterModel, words: tuple[str, ...], filters: dict[str, str]
    ) -> tuple[list[bool], tuple[int, int]]:
        """Which given rows pass, all at once, and (how many, their MRR): each test narrows the
        rows the previous ones kept."""
        rows = source.given_rows()
        kept: Sequence[int] = range(len(rows))
        for field, value in filters.items():
            if field == "tag":
                kept = [n for n in kept if value in rows[n].tags]
            else:
                kept = [n for n in kept if getattr(rows[n], field) == value]
        if words:
            texts = source.search_texts()
            for text in words:
                kept = [n for n in kept if text in texts[n]]
        accepted = [False] * len(rows)
        for n in kept:
            accepted[n] = True
        return accepted, (len(kept), sum(rows[n].mrr_cents for n in kept))

    def _roster(self) -> RosterModel:
        source = self._source
        assert source is not None, "no RosterModel set"
        return source
