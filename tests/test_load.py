"""Twenty signed-in sessions at once against a real `streamlit run`, each changing filters.

Each session speaks Streamlit's own websocket protocol (the messages the browser sends: a rerun with
the query string, the page and the widget values), so twenty of them fit on two cores where twenty
browsers would not. Each session is a viewer of one region: no run may show an error, and nothing a
session receives may name another region. The page times are printed (p50/p95), not asserted:
timing belongs to the benchmarks.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import time
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from test_e2e import _serve

from asn_analytics.accounts import Accounts

pytestmark = pytest.mark.e2e

PASSWORD = "rahasia-sekali-123"
SESSIONS = 20
REGIONS = {
    "1275": "Kota Medan",
    "1272": "Kota Tanjungbalai",
    "1373": "Kota Sawahlunto",
    "1504": "Kabupaten Batanghari",
}
PAGES = ["ringkasan", "kinerja", "kompetensi", "pengaduan", "perbandingan"]
RUN_TIMEOUT = 600


class Session:
    """What one browser tab sends and receives: reruns with widget values."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.ids: dict[str, str] = {}  # widget key -> the id the server gave it
        self.options: dict[str, list[str]] = {}
        self.values: dict[str, WidgetState] = {}
        self.page = ""

    async def rerun(self, **changes: object) -> tuple[float, list, bytes]:
        message = BackMsg()
        message.rerun_script.page_name = self.page
        trigger = changes.pop("trigger", None)
        for key, value in changes.items():
            state = WidgetState(id=self.ids[key])
            if isinstance(value, list):
                state.string_array_value.data.extend(value)
            else:
                state.string_value = str(value)
            self.values[key] = state
        states = list(self.values.values())
        if trigger:
            states.append(WidgetState(id=self.ids[trigger], trigger_value=True))
        message.rerun_script.widget_states.widgets.extend(states)
        began = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        elements, payload = [], b""
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await asyncio.wait_for(self.ws.recv(), RUN_TIMEOUT))
            kind = reply.WhichOneof("type")
            if kind == "script_finished":
                if reply.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    elements, payload = [], b""  # st.rerun: the run that follows is the answer
                    continue
                return time.perf_counter() - began, elements, payload
            if kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                element = reply.delta.new_element
                elements.append(element)
                payload += element.SerializeToString()
                widget = getattr(element, element.WhichOneof("type"))
                widget_id = getattr(widget, "id", "")
                if widget_id.startswith("$$ID-"):
                    key = widget_id.split("-", 2)[2]
                    self.ids[key] = widget_id
                    if hasattr(widget, "options"):
                        self.options[key] = list(widget.options)


async def _visit(url: str, i: int) -> tuple[list[float], list[str]]:
    code = list(REGIONS)[i % len(REGIONS)]
    others = [name.encode() for c, name in REGIONS.items() if c != code]
    times: list[float] = []
    problems: list[str] = []
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    # No client keepalive: 20 sessions on 2 cores keep the server busy for longer than a ping's
    # timeout, which says nothing about the runs measured here.
    async with websockets.connect(
        stream, max_size=None, ping_interval=None, open_timeout=120
    ) as ws:
        session = Session(ws)

        async def step(what: str, **changes: object) -> None:
            seconds, elements, payload = await session.rerun(**changes)
            times.append(seconds)
            for element in elements:
                if element.WhichOneof("type") == "exception":
                    problems.append(f"session {i} {what}: {element.exception.message}")
            problems.extend(
                f"session {i} {what}: shows {o.decode()}" for o in others if o in payload
            )

        await session.rerun()
        submit = next(k for k in session.ids if k.startswith("FormSubmitter:sign_in"))
        await step("sign-in", sign_in_user=f"viewer{i}", sign_in_pw=PASSWORD, trigger=submit)
        for k in range(3):
            session.page = PAGES[(i + k) % len(PAGES)]
            await step(session.page)
            years = session.options.get("years") or []
            if len(years) > 1:
                low = years[(i + k) % (len(years) - 1)]
                await step(f"{session.page} years", years=[low, years[-1]])
            await step(f"{session.page} type", type="PNS" if k % 2 == 0 else "PPPK")
    return times, problems


@pytest.fixture
def server(demo_db: Path, tmp_path: Path):
    copy = tmp_path / "asn.duckdb"
    shutil.copyfile(demo_db, copy)
    accounts = Accounts(copy.with_name("accounts.json"))
    codes = list(REGIONS)
    for i in range(SESSIONS):
        accounts.add(f"viewer{i}", "viewer", [codes[i % len(codes)]], password=PASSWORD)
    yield from _serve(copy, {})


def test_twenty_sessions_changing_filters_see_only_their_region(server, capsys):
    async def everyone():
        return await asyncio.gather(*(_visit(server, i) for i in range(SESSIONS)))

    results = asyncio.run(everyone())
    times = sorted(t for found, _ in results for t in found)
    problems = [p for _, found in results for p in found]
    assert problems == []
    assert len(times) == SESSIONS * 10
    p50 = statistics.median(times)
    p95 = times[round(0.95 * (len(times) - 1))]
    with capsys.disabled():
        print(
            f"\n{SESSIONS} concurrent sessions on a real server, {len(times)} page runs: "
            f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
        )
