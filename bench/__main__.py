"""`python -m bench [--quick] [--only NAME ...] [--json PATH]`: Paddock under a meet day's load.

Runs the real bot (the `python -m bot` CLI, in its own process) against the fake Discord
on loopback, next to a bare discord.py bot measured in the same run, prints a table and
writes bench/results.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import records, scale, scenarios
from .common import kill_strays, machine_info, median

MEASURES = ("rsvp", "storage", "storm", "autocomplete", "memory", "scale", "records")
DEFAULT_JSON = Path(__file__).resolve().parent / "results.json"
README = Path(__file__).resolve().parent / "README.md"
LATEST = "## Latest results"


@dataclass(frozen=True)
class Plan:
    sizes: list[int]
    trials: dict[int, int]
    storm_rate: float
    storm_seconds: float
    members: int
    memory_rounds: int
    e2e_queries: int


# Memory rounds: the first start, then restarts (at least one, even in --quick).
FULL = Plan([200, 1000], {200: 7, 1000: 3}, 100.0, 10.0, 5000, 4, 400)
QUICK = Plan([50, 200], {50: 1, 200: 1}, 100.0, 3.0, 5000, 2, 100)


@dataclass
class Row:
    measure: str
    paddock: float | None
    baseline: float | None = None
    target: str = ""
    ok: bool | None = None
    unit: str = ""
    ratio_override: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.ratio_override is not None:
            return self.ratio_override
        if self.paddock is None or not self.baseline:
            return None
        return self.paddock / self.baseline


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}" if value != int(value) or unit in ("ms", "s") else f"{value:.0f}"
    return f"{text} {unit}".rstrip()


def render(rows: list[Row]) -> str:
    header = ["Measure", "Paddock", "Baseline", "Ratio", "Target", "Result"]
    body = [
        [
            r.measure,
            _fmt(r.paddock, r.unit),
            _fmt(r.baseline, r.unit),
            "—" if r.ratio is None else f"{r.ratio:.2f}×",
            r.target or "—",
            {True: "pass", False: "FAIL", None: ""}[r.ok],
        ]
        for r in rows
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def build_rows(res: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    rsvp = res.get("rsvp")
    if rsvp:
        for n, both in rsvp.items():
            p, b = both["paddock"], both["bare"]
            gate = n == "200"
            tput = Row(f"RSVP burst N={n}: presses/s", p["per_s"], b["per_s"], unit="/s")
            if gate:
                tput.target = "≥ 0.70× bare"
                tput.ok = (tput.ratio or 0) >= 0.7
            rows.append(tput)
            rows.append(Row(f"RSVP burst N={n}: latency p50", p["p50_ms"], b["p50_ms"], unit="ms"))
            p99 = Row(f"RSVP burst N={n}: latency p99", p["p99_ms"], b["p99_ms"], unit="ms")
            if gate:
                p99.target = "≤ 2× bare"
                p99.ok = (p99.ratio or math.inf) <= 2.0
            rows.append(p99)
            rows.append(Row(f"RSVP burst N={n}: latency max", p["max_ms"], b["max_ms"], unit="ms"))
            rows.append(Row(f"RSVP burst N={n}: answers > 3 s", p["over_3s"], b["over_3s"]))
            rows.append(
                Row(
                    f"RSVP burst N={n}: bot CPU per press",
                    p["bot_cpu_ms_per_press"],
                    b["bot_cpu_ms_per_press"],
                    unit="ms",
                )
            )
            rows.append(
                Row(
                    f"RSVP burst N={n}: fake Discord CPU per press",
                    p["fake_cpu_ms_per_press"],
                    b["fake_cpu_ms_per_press"],
                    unit="ms",
                )
            )
    storage = res.get("storage")
    if storage:
        floor = storage["sqlite3"]["ms_per_press"]
        rows.append(
            Row(
                "Storage: MeetService.rsvp per press (vs sqlite3)",
                storage["service"]["ms_per_press"],
                floor,
                unit="ms",
            )
        )
        if rsvp:
            biggest = max(rsvp, key=int)
            e2e = 1000.0 / rsvp[biggest]["paddock"]["per_s"]
            rows.append(
                Row(
                    f"Storage: end-to-end per press N={biggest} (vs sqlite3)", e2e, floor, unit="ms"
                )
            )
    storm = res.get("storm")
    if storm:
        if "error" in storm:
            rows.append(Row(f"Check-in storm: {storm['error']}", None, ok=False))
        else:
            rows.append(
                Row(
                    "Check-in storm: counter edits/s (mean over the storm)",
                    storm["edits_per_s"],
                    unit="/s",
                )
            )
            rows.append(
                Row(
                    "Check-in storm: most counter edits in any 1 s",
                    storm["most_edits_in_any_1s"],
                    target="≤ 1",
                    ok=storm["most_edits_in_any_1s"] <= 1,
                )
            )
            rows.append(
                Row(
                    "Check-in storm: 429s", storm["http_429"], target="0", ok=storm["http_429"] == 0
                )
            )
            shown = storm["final_shown_after_last_press_s"]
            rows.append(
                Row(
                    "Check-in storm: final count shown after last press",
                    shown,
                    target="≤ 2 s",
                    ok=shown is not None and shown <= 2.0 and storm["final_shows_all"],
                    unit="s",
                )
            )
            rows.append(
                Row(
                    "Check-in storm: shortest gap between counter edits",
                    storm["min_gap_between_edits_s"],
                    unit="s",
                )
            )
            rows.append(Row("Check-in storm: press latency p99", storm["press_p99_ms"], unit="ms"))
    auto = res.get("autocomplete")
    if auto:
        d = auto["direct"]
        base = d.get("baseline", {})
        rows.append(
            Row("Autocomplete /specs, search only: p50", d["p50_ms"], base.get("p50_ms"), unit="ms")
        )
        rows.append(
            Row(
                "Autocomplete /specs, search only: p99",
                d["p99_ms"],
                base.get("p99_ms"),
                target="≤ 5 ms",
                ok=d["p99_ms"] <= 5.0,
                unit="ms",
            )
        )
        rows.append(
            Row(
                "Autocomplete /specs, search only: p99 of every call",
                d["p99_every_call_ms"],
                base.get("p99_every_call_ms"),
                unit="ms",
            )
        )
        if "e2e" in auto:
            e, b = auto["e2e"]["paddock"], auto["e2e"]["bare"]
            rows.append(
                Row("Autocomplete /specs, end to end: p50", e["p50_ms"], b["p50_ms"], unit="ms")
            )
            rows.append(
                Row("Autocomplete /specs, end to end: p99", e["p99_ms"], b["p99_ms"], unit="ms")
            )
    mem = res.get("memory")
    if mem:
        p, b = mem["paddock"], mem["bare"]
        rss = Row(
            f"Idle RSS, 1 server of {mem['members']:,} members (restart)",
            p["rss_mib"],
            b["rss_mib"],
            target="≤ 1.3× bare",
            unit="MiB",
        )
        rss.ok = (rss.ratio or math.inf) <= 1.3
        rows.append(rss)
        if "rss_first_mib" in p:  # results from before restarts were real restarts lack it
            rows.append(
                Row(
                    "Idle RSS (first start: new database, command sync)",
                    p["rss_first_mib"],
                    b["rss_mib"],
                    unit="MiB",
                )
            )
        rows.append(
            Row("Time to ready (restart, no command sync)", p["ready_s"], b["ready_s"], unit="s")
        )
        rows.append(
            Row(
                "Time to ready (first start: new database, command sync)",
                p["ready_first_s"],
                b["ready_s"],
                unit="s",
            )
        )
    rows += scale_rows(res.get("scale"))
    rows += records_rows(res.get("records"))
    return rows


def records_rows(rec: dict[str, Any] | None) -> list[Row]:
    if not rec:
        return []
    rows: list[Row] = []
    cost = rec.get("checkin")
    if cost:
        ms = cost["ms_per_press"]
        for case, label, key in (
            ("full", "series", "ratio_series"),
            ("full_no_series", "no series (whole server)", "ratio_no_series"),
        ):
            empty = "empty" if case == "full" else "empty_no_series"
            row = Row(
                f"Check-in cost, 10,000 earlier events + history vs none, {label}",
                ms[case],
                ms[empty],
                target="≤ 1.5×",
                unit="ms",
                ratio_override=cost[key],
            )
            row.ok = cost[key] <= 1.5
            rows.append(row)
    storm = rec.get("storm")
    if storm:
        rows.append(
            Row(
                "Record post after the crossing press, storm in the same channel: max of 3",
                storm["post_after_crossing_max_ms"],
                target="≤ 500 ms",
                ok=(storm["post_after_crossing_max_ms"] or 1e9) <= 500,
                unit="ms",
            )
        )
        rows.append(
            Row(
                "Record post first, one post per meet (3 runs)",
                None,
                target="always",
                ok=storm["all_first"] and storm["all_one_post"],
            )
        )
        rows.append(
            Row(
                "Record storm: final count shown after last press, max",
                storm["final_shown_max_s"],
                target="≤ 2 s",
                ok=(storm["final_shown_max_s"] or 1e9) <= 2.0,
                unit="s",
            )
        )
    return rows


SCALE_READS = {
    "reminder_tick": "reminder tick",
    "about": "/about",
    "autocomplete_meet": "autocomplete meet",
    "autocomplete_attendance": "autocomplete attendance meet",
    "autocomplete_series": "autocomplete series",
    "autocomplete_imported": "autocomplete imported entry",
    "records_show": "/records show reads",
    "records_show_10k_history": "/records show reads, 10,000-entry history",
}


def scale_rows(sc: dict[str, Any] | None) -> list[Row]:
    if not sc:
        return []
    rows: list[Row] = []
    for key, label in SCALE_READS.items():
        p99 = sc[key]["p99_ms"]
        rows.append(Row(f"Scale: {label} p99", p99, target="≤ 5 ms", ok=p99 <= 5.0, unit="ms"))
    bg = sc["reads_during_background"]
    rows.append(Row("Scale: reads during background jobs p99", bg["p99_ms"], unit="ms"))
    rows.append(
        Row(
            "Scale: reads during background jobs max",
            bg["max_ms"],
            target="≤ 10 ms",
            ok=bg["max_ms"] <= 10.0,
            unit="ms",
        )
    )
    start = sc["startup"]
    rows.append(
        Row(
            f"Scale: start-up, connect + migrate ({sc['file_mib']:.0f} MiB file)",
            start["connect_migrate_s"],
            target="≤ 1 s",
            ok=start["connect_migrate_s"] <= 1.0,
            unit="s",
        )
    )
    rows.append(
        Row("Scale: PRAGMA quick_check (no longer run at start)", start["quick_check_s"], unit="s")
    )
    return rows


async def run(plan: Plan, only: set[str], workdir: Path) -> dict[str, Any]:
    res: dict[str, Any] = {}

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    if "storage" in only:
        log("storage floor: sqlite3 and MeetService.rsvp")
        n = max(plan.sizes)
        floors, services = [], []
        for _ in range(3):  # interleaved, median of three: the machine is noisy
            floors.append(scenarios.sqlite_floor(n))
            services.append(await scenarios.service_storage(n))
        res["storage"] = {
            "sqlite3": {"n": n, "ms_per_press": median([r["ms_per_press"] for r in floors])},
            "service": {"n": n, "ms_per_press": median([r["ms_per_press"] for r in services])},
            "runs": {"sqlite3": floors, "service": services},
        }
    queries = scenarios.catalogue_queries()
    if "autocomplete" in only:
        log(f"autocomplete: search only, {len(queries)} queries")
        res["autocomplete"] = {"direct": scenarios.autocomplete_direct(queries)}
    if "records" in only:
        log("records: check-in cost with 10,000 earlier events and history entries")
        res["records"] = {"checkin": await records.checkin_cost()}
    if only & {"rsvp", "storm", "autocomplete", "records"}:
        log("starting the bare bot and Paddock")
        sizes = plan.sizes if "rsvp" in only else []
        rsvp, bare, paddock = await scenarios.rsvp_burst(workdir, sizes, plan.trials)
        try:
            if "rsvp" in only:
                log(f"RSVP bursts done: {json.dumps(rsvp)[:200]}...")
                res["rsvp"] = rsvp
            if "autocomplete" in only:
                log("autocomplete: end to end")
                picked = queries[:: max(1, len(queries) // plan.e2e_queries)][: plan.e2e_queries]
                res["autocomplete"]["e2e"] = {
                    "paddock": await scenarios.autocomplete_e2e(paddock, picked),
                    "bare": await scenarios.autocomplete_e2e(bare, picked),
                }
            if "storm" in only:
                log(f"check-in storm: {plan.storm_rate:.0f}/s for {plan.storm_seconds:.0f} s")
                try:
                    res["storm"] = await scenarios.checkin_storm(
                        paddock, rate=plan.storm_rate, seconds=plan.storm_seconds
                    )
                except Exception as exc:  # e.g. /attendance not there yet
                    log(f"check-in storm could not run: {exc!r}")
                    res["storm"] = {"error": f"could not run ({type(exc).__name__}: {exc})"[:200]}
            if "records" in only:
                log("records: the record post in a check-in storm, three runs")
                res["records"]["storm"] = await records.record_storm(paddock)
        finally:
            await bare.stop()
            await paddock.stop()
    if "scale" in only:
        log("scale: 1,000 servers, 100,000 meets, 500,000 RSVPs")
        res["scale"] = await scale.run(log)
    if "memory" in only:
        log(f"memory and startup: {plan.memory_rounds} round(s), {plan.members} members")
        res["memory"] = await scenarios.memory_startup(workdir, plan.members, plan.memory_rounds)
    return res


def update_readme(out: dict[str, Any], table: str) -> None:
    """Replace everything after "## Latest results" in bench/README.md with this run."""
    m = out["machine"]
    text = README.read_text(encoding="utf-8")
    head = text.split(LATEST, 1)[0]
    body = (
        f"{LATEST}\n\n"
        f"`python -m bench`, {m['date']}: {m['cpu_count']} CPUs ({m['cpu_model'] or 'unknown'}), "
        f"Python {m['python']}, discord.py {m['discord.py']}, "
        f"load average {m['loadavg_at_start'][0]:.2f} at the start; "
        f"{out['duration_s']} s. Ratios are Paddock ÷ bare discord.py bot (for the "
        "storage rows, ÷ plain sqlite3).\n\n"
        f"{table}\n"
    )
    README.write_text(head + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a ~30 s smoke run with smaller N")
    parser.add_argument(
        "--only", action="append", choices=MEASURES, help="run only this measure (repeatable)"
    )
    parser.add_argument("--json", type=Path, default=None, help=f"default {DEFAULT_JSON}")
    parser.add_argument("--keep", action="store_true", help="keep the bots' work folder and logs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    plan = QUICK if args.quick else FULL
    only = set(args.only or MEASURES)
    workdir = Path(tempfile.mkdtemp(prefix="paddock-bench-"))
    started = time.monotonic()
    machine = machine_info()
    if machine["loadavg_at_start"][0] > 0.5:
        print(
            f"note: load average {machine['loadavg_at_start'][0]:.2f}; other work on this "
            "machine will show up in the numbers",
            file=sys.stderr,
        )
    try:
        results = asyncio.run(run(plan, only, workdir))
    finally:
        kill_strays()
        if args.keep:
            print(f"work folder kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    rows = build_rows(results)
    table = render(rows)
    print(table)
    failed = [r.measure for r in rows if r.ok is False]
    out = {
        "machine": machine | {"loadavg_at_end": [round(x, 2) for x in os.getloadavg()]},
        "mode": "quick" if args.quick else "full",
        "measures": sorted(only),
        "duration_s": round(time.monotonic() - started, 1),
        "plan": {
            "sizes": plan.sizes,
            "trials": plan.trials,
            "storm_rate": plan.storm_rate,
            "storm_seconds": plan.storm_seconds,
            "members": plan.members,
        },
        "table": [
            {
                "measure": r.measure,
                "paddock": r.paddock,
                "baseline": r.baseline,
                "ratio": None if r.ratio is None else round(r.ratio, 3),
                "unit": r.unit,
                "target": r.target or None,
                "pass": r.ok,
            }
            for r in rows
        ],
        "failed": failed,
        "results": results,
    }
    target = args.json or DEFAULT_JSON
    target.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if target == DEFAULT_JSON and not args.quick and only == set(MEASURES):
        update_readme(out, table)
    print(
        f"\nwrote {target} in {out['duration_s']} s; {len(failed)} target(s) missed",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
