"""Riwayat Impor: import batches, their rejects, undo of the latest batch, data freshness."""

from __future__ import annotations

import streamlit as st

from asn_analytics import ingest, markup
from asn_analytics.i18n import t, value_label
from asn_analytics.ingest import history
from views import blocks
from views.frame import context

ctx = context()
lang = ctx.lang
if not ctx.principal.may_import:
    st.error(t("auth.forbidden", lang))
    st.stop()

st.title(t("page.history", lang))
st.caption(t("history.caption", lang))

batches = history.visible_batches(ctx.con, ctx.principal.regions)
if batches.empty:
    st.info(t("history.none", lang))
else:
    shown = batches.assign(
        dataset=batches["dataset"].map(lambda d: value_label("dataset", d, lang)),
        status=batches["status"].map(lambda s: value_label("status", s, lang)),
    )
    blocks.raw_table(ctx, shown, file_stem="batches", key="batches", height=260)

    st.subheader(t("history.rejects_title", lang))
    chosen = st.selectbox(
        t("history.batch", lang),
        batches["batch_id"].tolist(),
        format_func=lambda b: t(
            "history.batch_label",
            lang,
            batch=b,
            file=batches.set_index("batch_id").at[b, "file_name"],
        ),
        key="history_batch",
    )
    rejects = history.rejects(ctx.con, int(chosen))
    if rejects.empty:
        st.success(t("history.no_rejects", lang))
    else:
        reason = "reason" if lang == "id" else "reason_en"
        blocks.raw_table(
            ctx,
            rejects[["row_number", "severity", "column", "value", reason]],
            file_stem="rejects",
            key=f"history-rejects-{chosen}",
        )

    st.subheader(t("history.undo_title", lang))
    st.caption(t("history.undo_caption", lang))
    visible = set(batches["batch_id"])
    undoable = {d: b for d, b in history.undoable(ctx.con).items() if b in visible}
    if not undoable:
        st.info(t("history.nothing_to_undo", lang))
    pending = st.session_state.get("undo_pending")
    for dataset, batch in sorted(undoable.items()):
        row = batches.set_index("batch_id").loc[batch]
        label = t(
            "history.undo_button",
            lang,
            dataset=value_label("dataset", dataset, lang),
            batch=batch,
            file=markup.markdown(row["file_name"]),
        )
        if pending == dataset:
            st.warning(
                t("history.confirm", lang, batch=batch, file=markup.markdown(row["file_name"]))
            )
            yes, no, _ = st.columns([1, 1, 4])
            if yes.button(
                t("history.confirm_yes", lang), key=f"undo-yes-{dataset}", type="primary"
            ):
                st.session_state.pop("undo_pending", None)
                try:
                    done = ingest.undo(
                        ctx.con, dataset, user=ctx.user, allowed_regions=ctx.principal.regions
                    )
                except ingest.UndoRefused as refused:
                    st.session_state["undo_message"] = (
                        "error",
                        markup.markdown(refused.message(lang)),
                    )
                else:
                    st.session_state["undo_message"] = (
                        "success",
                        markup.markdown(done.message(lang)),
                    )
                    st.cache_data.clear()
                st.rerun()
            if no.button(t("history.confirm_no", lang), key=f"undo-no-{dataset}"):
                st.session_state.pop("undo_pending", None)
                st.rerun()
        elif st.button(label, key=f"undo-{dataset}"):
            st.session_state["undo_pending"] = dataset
            st.rerun()
    message = st.session_state.pop("undo_message", None)
    if message:
        getattr(st, message[0])(message[1])

st.subheader(t("history.freshness_title", lang))
fresh = history.freshness(ctx.con)
if ctx.principal.regions is not None:
    fresh = fresh[fresh["region_code"].isin(ctx.principal.regions)]
fresh["dataset"] = fresh["dataset"].map(lambda d: value_label("dataset", d, lang))
blocks.raw_table(
    ctx,
    fresh[["dataset", "region_name", "n", "latest_date", "last_import"]],
    file_stem="freshness",
    key="freshness",
    height=300,
)
