"""Importing real exports: file -> staging -> validation -> atomic upsert -> batch (and undo).

    report = ingest.analyze(con, "pegawai.csv", "pegawai.csv")          # dry run, writes nothing
    report = ingest.import_file(con, data, "pegawai.xlsx", user="budi")  # one batch
    ingest.undo(con, "staff")                                           # the latest staff batch

A bad file raises ImportRefused and writes nothing; bad rows are rejected with their spreadsheet
row number and a reason in Indonesian and English (report.rejects, table import_rejects).
"""

from asn_analytics.ingest.datasets import DATASETS, columns_doc, template
from asn_analytics.ingest.errors import ImportRefused, UndoRefused
from asn_analytics.ingest.limits import Watch
from asn_analytics.ingest.pipeline import analyze, import_file, import_files, undo
from asn_analytics.ingest.report import ImportReport
from asn_analytics.ingest.staging import stretched_answers
from asn_analytics.ingest.store import WRITE_LOCK, UndoReport

__all__ = [
    "DATASETS",
    "WRITE_LOCK",
    "ImportRefused",
    "ImportReport",
    "UndoRefused",
    "UndoReport",
    "Watch",
    "analyze",
    "columns_doc",
    "template",
    "import_file",
    "import_files",
    "stretched_answers",
    "undo",
]
