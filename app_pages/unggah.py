"""Unggah Data: files in, detection and mapping shown, validated, imported, result reported."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from asn_analytics import ingest, markup
from asn_analytics.i18n import t, value_label
from views import blocks
from views.frame import context

ctx = context()
lang = ctx.lang
if not ctx.principal.may_import:
    st.error(t("auth.forbidden", lang))
    st.stop()
NO_COLUMN = ""

st.title(t("page.upload", lang))
st.caption(t("upload.caption", lang))

dataset = st.selectbox(
    t("upload.dataset", lang),
    ["auto", *ingest.DATASETS],
    format_func=lambda d: value_label("dataset", d, lang),
    key="upload_dataset",
)
if dataset != "auto":
    with st.expander(t("upload.columns_help", lang)):
        blocks.grid(ingest.columns_doc(dataset, lang), hide_index=True, width="stretch")
files = st.file_uploader(
    t("upload.files", lang),
    type=["csv", "txt", "tsv", "xlsx", "xlsm"],
    accept_multiple_files=True,
    key="upload_files",
)
if not files:
    st.info(t("upload.empty", lang))
    st.stop()


def _mapping_key(name: str, digest: str) -> str:
    return f"mapping-{digest}-{name}"


@st.cache_data(show_spinner=False, max_entries=32)
def _analyze(
    db_path: str, version: str, data: bytes, name: str, chosen: str, mapping: tuple, allowed
):
    """The dry run of one file (cached on its bytes, the dataset and the mapping)."""
    from views.frame import _connection

    con = _connection(db_path)
    try:
        report = ingest.analyze(con, data, name, None if chosen == "auto" else chosen,
                                dict(mapping) or None, allowed_regions=allowed)  # fmt: skip
    except ingest.ImportRefused as refused:
        return refused.report, {lang: refused.message(lang) for lang in ("id", "en")}
    return report, None


plans = []
for upload in files:
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()[:16]
    override = st.session_state.get(_mapping_key(upload.name, digest), {})
    report, refused = _analyze(
        ctx.db_path,
        ctx.data_version,
        data,
        upload.name,
        dataset,
        tuple(sorted(override.items())),
        ctx.principal.regions,
    )
    st.subheader(markup.markdown(upload.name))
    if refused is not None:
        st.error(markup.markdown(refused[lang]))
    if report is None:
        continue
    cols = st.columns([3, 2, 1, 1, 1])  # the dataset's name is the longest
    cols[0].metric(t("upload.detected_dataset", lang), value_label("dataset", report.dataset, lang))
    cols[1].metric(t("upload.encoding", lang), report.encoding or report.file_format.upper())
    cols[2].metric(
        t("upload.delimiter", lang), {"\t": "TAB"}.get(report.delimiter or "", report.delimiter)
    )
    cols[3].metric(t("upload.decimal", lang), report.decimal)
    cols[4].metric(t("upload.header_row", lang), report.header_row)
    if report.date_formats:
        st.caption(
            t("upload.date_formats", lang)
            + " "
            + ", ".join(f"{c}: {f}" for c, f in report.date_formats.items())
        )
    # The column mapping: editable, required columns marked.
    spec = ingest.DATASETS[report.dataset]
    required = {c.name for c in spec.columns.values() if c.required} | set(spec.required_unless)
    options = [NO_COLUMN, *spec.columns]
    headers = sorted({*report.mapping, *report.unrecognised})  # a stable row order
    mapping_frame = pd.DataFrame(
        {"header": headers, "column": [report.mapping.get(h) or NO_COLUMN for h in headers]}
    )
    edited = st.data_editor(
        mapping_frame,
        hide_index=True,
        width="stretch",
        disabled=["header"],
        key=f"editor-{digest}",
        column_config={
            "header": st.column_config.TextColumn(t("upload.file_header", lang)),
            "column": st.column_config.SelectboxColumn(
                t("upload.maps_to", lang),
                options=options,
                format_func=lambda c, required=required: f"{c} *" if c in required else (c or "—"),
            ),
        },
    )
    chosen = {
        row.header: (row.column or None)
        for row in edited.itertuples()
        if (row.column or None) != report.mapping.get(row.header)
    }
    if chosen:
        st.session_state[_mapping_key(upload.name, digest)] = {**override, **chosen}
        st.rerun()
    if report.missing_required:
        st.warning(t("upload.missing", lang, columns=", ".join(report.missing_required)))
    if refused is not None:
        continue
    st.markdown(f"**{t('upload.preview', lang)}**")
    blocks.grid(blocks.readable(report.preview), hide_index=True, width="stretch", height=220)
    fine = report.rows_read - report.rejected
    cols = st.columns(3)
    cols[0].metric(t("upload.rows_fine", lang), fine)
    cols[1].metric(t("upload.rows_rejected", lang), report.rejected)
    cols[2].metric(t("upload.rows_warned", lang), report.warnings)
    if len(report.rejects):
        st.markdown(f"**{t('upload.rejects', lang)}**")
        reason = "reason" if lang == "id" else "reason_en"
        rejects = report.rejects[["row_number", "column", "value", "severity", reason]]
        blocks.raw_table(ctx, rejects, file_stem="rejects", key=f"rejects-{digest}")
    plans.append((upload.name, data, report, override))

# Several files land in dependency order: regions, units, staff, then the rest.
plans.sort(key=lambda plan: list(ingest.DATASETS).index(plan[2].dataset))
if plans and st.button(t("upload.import", lang), type="primary", key="upload_import"):
    with st.status(t("upload.importing", lang), expanded=True) as status:
        results = []
        for name, data, report, override in plans:
            status.write(t("upload.stage", lang, file=markup.markdown(name), rows=report.rows_read))
            try:
                done = ingest.import_file(
                    ctx.con,
                    data,
                    name,
                    report.dataset,
                    override or None,
                    user=ctx.user,
                    allowed_regions=ctx.principal.regions,
                )
            except ingest.ImportRefused as refused:
                status.update(state="error")
                st.error(markup.markdown(f"{name}: {refused.message(lang)}"))
                continue
            results.append(done)
            status.write(done.summary(lang))
        status.update(label=t("upload.done", lang), state="complete")
    for done in results:
        st.success(
            t(
                "upload.result",
                lang,
                file=markup.markdown(done.file_name),
                batch=done.batch_id,
                inserted=done.inserted,
                updated=done.updated,
                unchanged=done.unchanged,
                rejected=done.rejected,
            )
        )
    st.cache_data.clear()
