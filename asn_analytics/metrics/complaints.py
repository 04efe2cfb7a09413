"""Complaint (Pengaduan) indicators: volume, mix, service levels, backlog, anomalies."""

from __future__ import annotations
