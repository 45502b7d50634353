"""What each report is about, as the Reports page asks for it: a referral pack's aim, a QBR
packet's client, the KPI report's month."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from msp_desk import formatting as fmt
from msp_desk.domain.values import Month, last_full_month
from msp_desk.services.reports.catalogue import KPI, PACK, QBR, ReportRequest

KPI_MONTHS = 24  # the months the KPI report offers, the last full month first


def fit_choice(box: QComboBox) -> None:
    """A choice as wide as the column, not as its longest entry (which would squeeze its label)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(16)


class PackSubject(QWidget):
    """A referral pack's optional aim: an industry and its pain, who suggested it, for whom."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.industry = self._field("report_industry", "e.g. Dental practices")
        self.pain = self._field("report_pain", "e.g. untested backups, slow patching")
        self.referrer = self._field("report_referrer", "e.g. Bob Lee (his name opens the page)")
        self.prospect = self._field("report_prospect", "e.g. Harbor Dental")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Aimed at", self.industry)
        form.addRow("Their pain", self.pain)
        form.addRow("Suggested by", self.referrer)
        form.addRow("For", self.prospect)

    def _field(self, name: str, hint: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(hint)
        field.setClearButtonEnabled(True)
        field.editingFinished.connect(self.changed)
        return field

    def request(self) -> ReportRequest:
        return ReportRequest(
            PACK,
            industry=self.industry.text(),
            pain=self.pain.text(),
            referrer=self.referrer.text(),
            prospect=self.prospect.text(),
        )

    def aim(self, *, industry: str = "", pain: str = "", referrer: str = "", prospect: str = "") -> None:
        self.industry.setText(industry)
        self.pain.setText(pain)
        self.referrer.setText(referrer)
        self.prospect.setText(prospect)


class QbrSubject(QWidget):
    """The client whose QBR packet it is (active clients, each with its next QBR's date)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client = QComboBox()
        self.client.setObjectName("report_client")
        fit_choice(self.client)
        self.client.currentIndexChanged.connect(lambda _i: self.changed.emit())
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Client", self.client)

    def fill(self, rows: list[tuple[int, str, dt.date | None]], locale: str) -> None:
        """``rows``: (client id, name, next QBR due or None), by name; the choice is kept."""
        kept = self.client.currentData()
        blocked = self.client.blockSignals(True)
        self.client.clear()
        for client_id, name, due in rows:
            label = f"{name} — QBR {fmt.date_text(due, locale)}" if due else name
            self.client.addItem(label, client_id)
        index = self.client.findData(kept)
        self.client.setCurrentIndex(index if index >= 0 else 0)
        self.client.blockSignals(blocked)

    def choose(self, client_id: int) -> bool:
        index = self.client.findData(client_id)
        if index >= 0:
            self.client.setCurrentIndex(index)
        return index >= 0

    def request(self) -> ReportRequest | None:
        client_id = self.client.currentData()
        return None if client_id is None else ReportRequest(QBR, client_id=int(client_id))


class KpiSubject(QWidget):
    """The month of the KPI report: the last full month or one of the 23 before it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = QComboBox()
        self.month.setObjectName("report_month")
        fit_choice(self.month)
        self.month.currentIndexChanged.connect(lambda _i: self.changed.emit())
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Month", self.month)

    def fill(self, today: dt.date, locale: str) -> None:
        kept = self.month.currentData()
        blocked = self.month.blockSignals(True)
        self.month.clear()
        last = last_full_month(today)
        for back in range(KPI_MONTHS):
            month = last - back
            self.month.addItem(fmt.month_text(month, locale), str(month))
        index = self.month.findData(kept)
        self.month.setCurrentIndex(index if index >= 0 else 0)
        self.month.blockSignals(blocked)

    def request(self) -> ReportRequest:
        return ReportRequest(KPI, month=Month.parse(str(self.month.currentData())))
