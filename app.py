"""ASN Analytics dashboard: the router and the shared frame (page config, navigation, filters)."""

from __future__ import annotations

import streamlit as st

from asn_analytics.i18n import t
from views.frame import frame, guarded, publish

PAGES = (
    ("app_pages/ringkasan.py", "page.overview", ":material/dashboard:", "ringkasan"),
    ("app_pages/kinerja.py", "page.performance", ":material/military_tech:", "kinerja"),
    ("app_pages/kompetensi.py", "page.training", ":material/school:", "kompetensi"),
    ("app_pages/pengaduan.py", "page.complaints", ":material/campaign:", "pengaduan"),
    ("app_pages/perbandingan.py", "page.compare", ":material/compare_arrows:", "perbandingan"),
    ("app_pages/karier.py", "page.careers", ":material/trending_up:", "karier"),
)
DATA_PAGES = (
    ("app_pages/unggah.py", "page.upload", ":material/upload_file:", "unggah"),
    ("app_pages/riwayat.py", "page.history", ":material/history:", "riwayat"),
)


def sections(lang: str, data_pages: bool) -> dict[str, list[st.Page]]:
    """The navigation's sections; the data pages only for those who may import."""
    found = {
        t("nav.dashboard", lang): [
            st.Page(path, title=t(key, lang), icon=icon, url_path=url, default=(i == 0))
            for i, (path, key, icon, url) in enumerate(PAGES)
        ]
    }
    if data_pages:
        found[t("nav.data", lang)] = [
            st.Page(path, title=t(key, lang), icon=icon, url_path=url)
            for path, key, icon, url in DATA_PAGES
        ]
    return found


def keep_page(lang: str) -> None:
    """Under the sign-in form: register the pages, unshown and not run, so the address keeps
    its page and the signed-in rerun lands there."""
    st.navigation(sections(lang, data_pages=True), position="hidden")


st.set_page_config(page_title="ASN Analytics", page_icon=":material/dashboard:", layout="wide")
with guarded():  # no traceback reaches a page: an error id, the detail in the log
    context = frame(on_form=keep_page)
    publish(context)
    # viewers never get the data pages
    navigation = st.navigation(sections(context.lang, context.principal.may_import))
    navigation.run()
