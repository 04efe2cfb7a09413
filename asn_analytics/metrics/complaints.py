"""Complaint (Pengaduan) indicators: volume, mix, service levels in working days, backlog, anomalies."""

from __future__ import annotations
