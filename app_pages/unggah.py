"""Unggah Data: files in, detection and mapping shown, validated, imported, result reported."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from asn_analytics import ingest, markup
from asn_analytics.i18n import t, value_label
from views import blocks
from views.frame import context, unexpected_error

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


def _show(name: str, data: bytes, digest: str) -> tuple | None:
    """One file's detection, mapping, preview, validation and unit questions; its import plan."""
    override = st.session_state.get(_mapping_key(name, digest), {})
    report, refused = _analyze(
        ctx.db_path,
        ctx.data_version,
        data,
        name,
        dataset,
        tuple(sorted(override.items())),
        ctx.principal.regions,
    )
    st.subheader(markup.markdown(name))
    if refused is not None:
        st.error(markup.markdown(refused[lang]))
    if report is None:
        return None
    if report.already_imported:
        st.info(
            t(
                "upload.already_imported",
                lang,
                file=name,
                date=report.earlier_at.strftime("%Y-%m-%d %H:%M") if report.earlier_at else "?",
                batch=report.earlier_batch,
            )
        )
        return None
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
        st.session_state[_mapping_key(name, digest)] = {**override, **chosen}
        st.rerun()
    if report.missing_required:
        st.warning(t("upload.missing", lang, columns=", ".join(report.missing_required)))
    if refused is not None:
        return None
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
    aliases = _unit_questions(report, digest)
    return (name, data, report, override, aliases)


def _unit_questions(report, digest: str) -> dict[tuple[str, str], str]:
    """'New unit — did you mean …?' per near-duplicate name: (region, name) -> the unit chosen."""
    if not report.unit_suggestions:
        return {}
    st.markdown(f"**{t('upload.units_title', lang)}**")
    st.caption(t("upload.units_caption", lang))
    chosen = {}
    for suggestion in report.unit_suggestions:
        names = dict(suggestion.candidates)
        choice = st.selectbox(
            t(
                "upload.unit_suggestion",
                lang,
                name=suggestion.name,
                region=suggestion.region_code,
                candidates=", ".join(f"'{n}'" for n in names.values()),
            ),
            ["", *names],
            format_func=lambda v, new=suggestion.name, names=names: (
                names[v] if v else t("upload.unit_create", lang, name=new)
            ),
            key=f"unitmap-{digest}-{suggestion.unit_id}",
        )
        if choice:
            chosen[(suggestion.region_code, suggestion.name)] = choice
    return chosen


# The same content twice in one upload is one file: checked and imported once.
by_content: dict[str, list[str]] = {}
unique = []
for upload in files:
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    if digest not in by_content:
        unique.append((upload.name, data, digest[:16]))
    by_content.setdefault(digest, []).append(upload.name)
for names in by_content.values():
    if len(names) > 1:
        st.warning(t("upload.same_file", lang, files=", ".join(names), first=names[0]))

plans = []
for name, data, digest in unique:
    try:
        plan = _show(name, data, digest)
    except Exception:
        st.error(t("upload.file_error", lang, file=markup.markdown(name), id=unexpected_error()))
        continue
    if plan is not None:
        plans.append(plan)


# Several files land in dependency order: regions, units, staff, then the rest.
plans.sort(key=lambda plan: list(ingest.DATASETS).index(plan[2].dataset))
if plans and st.button(t("upload.import", lang), type="primary", key="upload_import"):
    with st.status(t("upload.importing", lang), expanded=True) as status:
        results = []
        for name, data, report, override, aliases in plans:
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
                    unit_aliases=aliases or None,
                )
            except ingest.ImportRefused as refused:
                status.update(state="error")
                st.error(markup.markdown(f"{name}: {refused.message(lang)}"))
                continue
            except Exception:
                status.update(state="error")
                st.error(
                    t("upload.file_error", lang, file=markup.markdown(name), id=unexpected_error())
                )
                continue
            results.append(done)
            status.write(done.summary(lang))
        status.update(label=t("upload.done", lang), state="complete")
    for done in results:
        if done.already_imported:  # imported meanwhile, from another session
            st.info(done.earlier_text(lang))
            continue
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
