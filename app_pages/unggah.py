"""Unggah Data: files in, detection and mapping shown, validated, imported, result reported."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from asn_analytics import export, ingest, markup
from asn_analytics.i18n import format_value, t, value_label
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
    # A file to fill in: every column's header as the importer reads it.
    template = ingest.template(dataset)
    stem = f"{t('file.template', lang)}-{dataset}"
    left, right = st.columns(2)
    left.download_button(
        t("upload.template_xlsx", lang),
        export.xlsx_bytes(template),
        file_name=f"{stem}.xlsx",
        key="template_xlsx",
    )
    right.download_button(
        t("upload.template_csv", lang),
        export.csv_bytes(template),
        file_name=f"{stem}.csv",
        key="template_csv",
    )
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


def _answers_key(digest: str) -> str:
    """The officer's mapping of a survey's answers to 1-4 (answer -> value)."""
    return f"answers-{digest}"


# The dry runs of this session, newest last: a rerun (a changed mapping, a click elsewhere) shows
# a file's check without reading it again. Kept per session, a few files' worth.
_CHECKED_KEY = "upload_checked"
_CANCELLED_KEY = "upload_cancelled"
CHECKED_KEPT = 8
PROGRESS_EVERY_S = 0.5


@contextmanager
def _reading(name: str, digest: str, *, cancel: bool) -> Iterator[ingest.Watch]:
    """A read that shows the rows read so far (and, when `cancel`, a button that stops it).

    The reader reports rows from this run's thread; a report from another thread is skipped,
    since only this thread may write to the page. A click on the button starts a new run of the
    page, which stops this one at its next report: a stopped read writes nothing."""
    line, button = st.empty(), st.empty()
    this_thread = threading.current_thread()
    last = [0.0]

    def report(rows: int) -> None:
        now = time.monotonic()
        if threading.current_thread() is not this_thread or now - last[0] < PROGRESS_EVERY_S:
            return
        if not last[0] and cancel:
            button.button(
                t("upload.cancel", lang),
                key=f"cancel-{digest}",
                on_click=_cancelled,
                args=(digest, True),
            )
        last[0] = now
        line.caption(
            t(
                "upload.reading",
                lang,
                file=markup.markdown(name),
                rows=format_value(rows, "count", lang),
            )
        )

    yield ingest.Watch(progress=report)
    line.empty()  # read: the line and the button go (a stopped run is replaced whole)
    button.empty()


def _cancelled(digest: str, cancelled: bool) -> None:
    stopped = st.session_state.setdefault(_CANCELLED_KEY, set())
    (stopped.add if cancelled else stopped.discard)(digest)


def _analyze(name: str, data: bytes, digest: str, mapping: tuple, answers: tuple) -> tuple:
    """The dry run of one file: (report or None, refusal or None: its text per language, its
    code and the highest answer of a survey on another scale)."""
    allowed = ctx.principal.regions
    key = (ctx.db_path, ctx.data_version, digest, name, dataset, mapping, answers, allowed)
    checked = st.session_state.setdefault(_CHECKED_KEY, {})
    if key in checked:
        return checked[key]
    with _reading(name, digest, cancel=True) as watch:
        try:
            chosen = None if dataset == "auto" else dataset
            report = ingest.analyze(
                ctx.con, data, name, chosen, dict(mapping) or None, allowed_regions=allowed,
                watch=watch, answers=dict(answers) or None,
            )  # fmt: skip
            found = (report, None)
        except ingest.ImportRefused as refused:
            text = {lang: refused.message(lang) for lang in ("id", "en")}
            found = (
                refused.report,
                {**text, "code": refused.code, "value": refused.params.get("value")},
            )
    checked[key] = found
    while len(checked) > CHECKED_KEPT:
        del checked[next(iter(checked))]
    return found


def _show(name: str, data: bytes, digest: str) -> tuple | None:
    """One file's detection, mapping, preview, validation and unit questions; its import plan."""
    if digest in st.session_state.get(_CANCELLED_KEY, ()):
        st.subheader(markup.markdown(name))
        st.warning(t("upload.cancelled", lang, file=markup.markdown(name)))
        st.button(
            t("upload.read_again", lang),
            key=f"again-{digest}",
            on_click=_cancelled,
            args=(digest, False),
        )
        return None
    override = st.session_state.get(_mapping_key(name, digest), {})
    answers = st.session_state.get(_answers_key(digest), {})
    report, refused = _analyze(
        name, data, digest, tuple(sorted(override.items())), tuple(sorted(answers.items()))
    )
    st.subheader(markup.markdown(name))
    if refused is not None:
        st.error(markup.markdown(refused[lang]))
        if refused["code"] == "ikm_scale":
            _answers_form(digest, int(refused["value"]), answers)
    elif answers:
        pairs = ", ".join(f"{k} → {v}" for k, v in sorted(answers.items()))
        st.info(t("upload.answers_used", lang, pairs=pairs))
    if report is None:
        return None
    if report.already_imported:
        st.info(
            t(
                "upload.already_imported",
                lang,
                file=markup.markdown(name),
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
        # one line per column, value and reason ("KEDUDUKAN HUKUM NAMA 'X': 312 rows"),
        # every row in the expander and the downloads
        groups = report.issue_groups()[["column", "value", "severity", "rows", "at", reason]]
        blocks.raw_table(ctx, groups, file_stem="issues", key=f"issues-{digest}")
        with st.expander(t("upload.rejects_all", lang, count=len(report.rejects))):
            rejects = report.rejects[["row_number", "column", "value", "severity", reason]]
            blocks.raw_table(ctx, rejects, file_stem="rejects", key=f"rejects-{digest}")
    aliases = _unit_questions(report, digest)
    return (name, data, report, override, aliases, answers)


def _answers_form(digest: str, highest: int, answers: dict[int, int]) -> None:
    """For a survey on another scale: the value on the regulation's 1-4 of each answer, chosen
    by the officer (proposed: the scale stretched onto 1-4), applied on confirmation."""
    st.markdown(f"**{t('upload.answers_title', lang)}**")
    st.caption(t("upload.answers_caption", lang, highest=highest))
    proposed = {a: answers.get(a, v) for a, v in ingest.stretched_answers(highest).items()}
    with st.form(f"answers-form-{digest}"):
        columns = st.columns(min(highest, 6))
        chosen = {
            a: columns[(a - 1) % len(columns)].selectbox(
                t("upload.answer", lang, answer=a),
                [1, 2, 3, 4],
                index=proposed[a] - 1,
                key=f"answer-{digest}-{a}",
            )
            for a in proposed
        }
        if st.form_submit_button(t("upload.answers_apply", lang)):
            st.session_state[_answers_key(digest)] = chosen
            st.rerun()


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
                name=markup.markdown(suggestion.name),
                region=suggestion.region_code,
                candidates=", ".join(f"'{markup.markdown(n)}'" for n in names.values()),
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
        for name, data, report, override, aliases, answers in plans:
            status.write(t("upload.stage", lang, file=markup.markdown(name), rows=report.rows_read))
            try:
                with _reading(name, report.sha256 or name, cancel=False) as watch:
                    done = ingest.import_file(
                        ctx.con,
                        data,
                        name,
                        report.dataset,
                        override or None,
                        user=ctx.user,
                        allowed_regions=ctx.principal.regions,
                        unit_aliases=aliases or None,
                        watch=watch,
                        answers=answers or None,
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
