"""Reports: ReportLab PDFs (referral-ready pack, QBR packet, owner's KPI report).

Plain data in, PDF bytes out; never touches the database (services fetch, then call these).
May import: ``msp_desk.kpi``, ``msp_desk.domain`` values, ``msp_desk.formatting``. Never Qt.
The reports themselves arrive with the reports issue; this package holds the layer's place.
"""
