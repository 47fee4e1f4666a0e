"""scripts/bench: Rotor against the sandbox (a separate process) on generated fleets.

usage: scripts/bench [--smoke | --full] [fleet] [skew] [faults] [scale] [baselines]

Prints a table and writes it as JSON and Markdown under reports/bench/, with an SVG chart of
revocations per second for Rotor and the baselines. Sizes and buckets are in SIZES below.
"""

import json
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import benchlib as B  # noqa: E402
import chart  # noqa: E402

SCENARIOS = ["fleet", "skew", "faults", "scale", "baselines"]

# Canary revocations in the plans that `rotor sandbox fleet` writes.
CANARIES = 1

# Latency 40 ms +- 20 ms: the sandbox adds latency-ms plus a random 0..jitter-ms.
LATENCY = {"latency-ms": 20, "jitter-ms": 40}
MEAN_LATENCY_S = 0.040
FAULTS = dict(LATENCY, **{"error-503-ratio": 0.05, "error-500-ratio": 0.02,
                          "hang-after-apply-ratio": 0.01, "fault-seed": 7})
# Hangs are given up after 5 s; the run settles them from events.
FAULT_ATLAS = {"responseTimeout": "PT5S"}

SIZES = {
    "full": {
        "fleet": {"tenants": 500, "idps": 20, "bucket": (5, 1, "PT1S")},
        "skew": {"big": 5000, "small_tenants": 200, "small": 5, "bucket": (1, 1, "PT0.2S"),
                 "window": "PT2M"},
        "faults": {"tenants": 500, "idps": 20, "bucket": (5, 1, "PT1S")},
        "scale": {"tenants": 500, "idps": 200, "bucket": (5, 1, "PT1S"), "heap": "-Xmx256m"},
        "baselines": {"tenants": 500, "idps": 20, "bucket": (5, 1, "PT1S"), "concurrency": 256,
                      "serial_tenants": 6, "serial_idps": 20},
    },
    "smoke": {
        "fleet": {"tenants": 20, "idps": 20, "bucket": (5, 4, "PT1S")},
        "skew": {"big": 250, "small_tenants": 40, "small": 5, "bucket": (1, 1, "PT0.2S"),
                 "window": "PT12S"},
        "faults": {"tenants": 20, "idps": 20, "bucket": (5, 4, "PT1S")},
        "scale": {"tenants": 50, "idps": 40, "bucket": (5, 10, "PT1S"), "heap": "-Xmx256m"},
        "baselines": {"tenants": 10, "idps": 10, "bucket": (5, 4, "PT1S"), "concurrency": 256,
                      "serial_tenants": 3, "serial_idps": 5},
    },
}


class Bench:
    def __init__(self, mode, out_dir):
        self.mode = mode
        self.sizes = SIZES[mode]
        self.out = out_dir
        self.rows = []
        self.details = {}
        self.series = {}

    def row(self, scenario, measure, value, target="", ok=None):
        self.rows.append({"scenario": scenario, "measure": measure, "value": value,
                          "target": target, "ok": ok})
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        B.log("  %-9s %-44s %-22s %-18s %s" % (scenario, measure, value, target, verdict))

    # -- helpers --------------------------------------------------------------------------------

    def fleet(self, name, groups, seed=42):
        fixture = os.path.join(self.out, name, "fleet.json")
        builder = B.FleetBuilder(seed)
        for prefix, tenants, idps in groups:
            builder.add(prefix, tenants, idps)
        return fixture, builder.write(fixture)

    def rotor_run(self, scenario, fixture, fleet, bucket, faults, java_opts=None,
                  atlas_extra=None, token_lifetime=None, tag="rotor", window=None):
        """Starts a sandbox, runs the plan, reads the report and the record, stops the sandbox."""
        work = os.path.join(self.out, scenario, tag)
        shutil.rmtree(work, ignore_errors=True)
        files = B.write_fleet_files(fixture, os.path.join(work, "fleet"), bucket,
                                    max_failure_ratio=0.2, atlas_extra=atlas_extra,
                                    window=window)
        sandbox = B.Sandbox(os.path.join(work, "sandbox"), fixture, bucket, faults,
                            token_lifetime=token_lifetime)
        try:
            B.log("%s/%s: sandbox at %s, running Rotor" % (scenario, tag, sandbox.url))
            res = B.run_plan(work, files, sandbox.url, java_opts=java_opts)
            revocations = sandbox.revocations()
            grants = sandbox.token_grants()
        finally:
            sandbox.stop()
        if res.rc not in ((0, 1, 3) if window else (0, 1)):
            B.fail("%s: rotor run exited %d; see %s\n%s" % (scenario, res.rc, res.err,
                                                            B._tail(res.err)))
        report = B.report_of(work)
        first, last = B.report_span(report)
        res.report = report
        res.makespan = last - first
        res.revocations = revocations
        res.grants = grants
        res.record = B.record_counts(revocations, B.fleet_index(fleet).keys())
        times = [B.ts(r["time"]) for r in revocations]
        res.record_span = (max(times) - min(times)) if times else 0.0
        res.times = times
        return res

    def diagnose(self, scenario, res, bucket, burst):
        """Rows that say where time went: each tenant's own span against its bound, the retries
        (429 at a refill boundary), and how long the opening burst took to go out."""
        first, _ = B.report_span(res.report)
        spans, counts = {}, {}
        for t in res.report["targets"]:
            if not t.get("firstAttemptAt") or not t.get("completedAt"):
                continue
            a, c = B.ts(t["firstAttemptAt"]), B.ts(t["completedAt"])
            lo, hi = spans.get(t["tenant"], (a, c))
            spans[t["tenant"]] = (min(lo, a), max(hi, c))
            counts[t["tenant"]] = counts.get(t["tenant"], 0) + 1
        ratios = sorted((hi - lo) / B.tenant_bound(counts[k], bucket, MEAN_LATENCY_S)
                        for k, (lo, hi) in spans.items())
        starts = sorted(lo - first for lo, _ in spans.values())
        retries = sum(max(0, t["attempts"] - 1) for t in res.report["targets"])
        firsts = sorted(B.ts(t["firstAttemptAt"]) - first for t in res.report["targets"]
                        if t.get("firstAttemptAt"))
        self.row(scenario, "per tenant: own span / bound, p50 / max",
                 "%.3f / %.3f" % (ratios[len(ratios) // 2], ratios[-1]))
        self.row(scenario, "last tenant's first call after (s)", "%.2f" % starts[-1])
        if burst <= len(firsts):
            self.row(scenario, "opening burst (%d calls) sent within (s)" % burst,
                     "%.2f" % firsts[burst - 1])
        self.row(scenario, "retried attempts (429 / 503)", retries)
        self.row(scenario, "rotor CPU s (user+sys)", "%.1f" % res.cpu)

    def bound(self, fleet, bucket):
        index = B.fleet_index(fleet)
        per_tenant = {}
        for tenant, *_ in index.values():
            per_tenant[tenant] = per_tenant.get(tenant, 0) + 1
        return max(B.tenant_bound(n, bucket, MEAN_LATENCY_S) for n in per_tenant.values())

    # -- scenarios ------------------------------------------------------------------------------

    def run_fleet(self):
        s = self.sizes["fleet"]
        fixture, fleet = self.fleet("fleet", [("tenant", s["tenants"], s["idps"])])
        res = self.rotor_run("fleet", fixture, fleet, s["bucket"], LATENCY)
        bound = self.bound(fleet, s["bucket"])
        n = s["tenants"] * s["idps"]
        c = res.report["counts"]
        self.row("fleet", "IdPs (tenants x IdPs), bucket", "%d (%dx%d)" % (n, s["tenants"], s["idps"]),
                 "cap %d, %d per %s" % s["bucket"])
        self.row("fleet", "makespan first revoke..last (s)", "%.2f" % res.makespan,
                 "bound %.2f" % bound)
        ratio = res.makespan / bound
        self.row("fleet", "makespan / bound", "%.3f" % ratio, "<= 1.10", ratio <= 1.10)
        self.row("fleet", "wall time of rotor run (s)", "%.1f" % res.wall)
        self.diagnose("fleet", res, s["bucket"], s["tenants"] * s["bucket"][0])
        self.row("fleet", "REVOKED / revoked twice", "%d / %d" % (c["REVOKED"], res.record["twice"]),
                 "%d / 0" % n, c["REVOKED"] == n and res.record["twice"] == 0)
        self.details["fleet"] = {"idps": n, "bucket": s["bucket"], "bound": bound,
                                 "makespan": res.makespan, "ratio": ratio, "wall": res.wall,
                                 "cpu": res.cpu, "counts": c, "record": res.record}

    def run_skew(self):
        s = self.sizes["skew"]
        fixture, fleet = self.fleet("skew", [("big", 1, s["big"]),
                                             ("small", s["small_tenants"], s["small"])])
        res = self.rotor_run("skew", fixture, fleet, s["bucket"], LATENCY, window=s["window"])
        first, _ = B.report_span(res.report)
        # The plan's canary runs alone before the fan-out; the tenants' bounds start with the fan-out.
        attempts = sorted(B.ts(t["firstAttemptAt"]) for t in res.report["targets"]
                          if t.get("firstAttemptAt"))
        fan_out = attempts[min(CANARIES, len(attempts) - 1)]
        done, from_first = {}, {}
        for t in res.report["targets"]:
            if t.get("completedAt"):
                end = B.ts(t["completedAt"])
                done[t["tenant"]] = max(done.get(t["tenant"], 0), end - fan_out)
                from_first[t["tenant"]] = max(from_first.get(t["tenant"], 0), end - first)
        small_bound = B.tenant_bound(s["small"], s["bucket"], MEAN_LATENCY_S)
        big_bound = B.tenant_bound(s["big"], s["bucket"], MEAN_LATENCY_S)
        ratios = [v / small_bound for k, v in done.items() if k.startswith("small-")]
        big_done = sum(1 for t in res.report["targets"]
                       if t["tenant"] == "big-0001" and t["outcome"] == "REVOKED")
        big_time = done.get("big-0001", 0)
        # The large tenant is cut off by the plan's window; its ratio compares the time it took for
        # what it revoked with the bound for that many.
        big = big_time / B.tenant_bound(max(1, big_done), s["bucket"], MEAN_LATENCY_S)
        self.row("skew", "fleet", "1x%d + %dx%d" % (s["big"], s["small_tenants"], s["small"]),
                 "cap %d, %d per %s" % s["bucket"])
        self.row("skew", "small tenants: bound (s)", "%.3f" % small_bound)
        self.row("skew", "small tenants: p50 / max completion after fan-out (s)",
                 "%.3f / %.3f" % (sorted(done[k] for k in done if k.startswith("small-"))[
                     len(ratios) // 2], max(done[k] for k in done if k.startswith("small-"))))
        self.row("skew", "canary alone before the fan-out (s)", "%.3f" % (fan_out - first))
        self.row("skew", "small tenants: p95 completion / bound", "%.2f" % B.p95(ratios), "<= 1.5",
                 B.p95(ratios) <= 1.5)
        self.row("skew", "  the same, counting the canary's time", "%.2f" % B.p95(
            [v / small_bound for k, v in from_first.items() if k.startswith("small-")]))
        self.row("skew", "large tenant: revoked in window %s" % s["window"],
                 "%d of %d in %.1f s" % (big_done, s["big"], big_time))
        self.row("skew", "large tenant: time / bound for as many", "%.2f" % big, "<= 1.10",
                 big <= 1.10)
        self.row("skew", "retried attempts (429)", sum(max(0, t["attempts"] - 1)
                                                      for t in res.report["targets"]))
        self.row("skew", "revoked twice", res.record["twice"], "0", res.record["twice"] == 0)
        self.details["skew"] = {"smallBound": small_bound, "bigBound": big_bound,
                                "smallP95Ratio": B.p95(ratios), "bigRatio": big, "bigRevoked": big_done,
                                "smallMaxRatio": max(ratios), "wall": res.wall}

    def run_faults(self, tag="rotor", scenario="faults", size_key="faults"):
        s = self.sizes[size_key]
        fixture, fleet = self.fleet(scenario, [("tenant", s["tenants"], s["idps"])])
        res = self.rotor_run(scenario, fixture, fleet, s["bucket"], FAULTS, atlas_extra=FAULT_ATLAS,
                             tag=tag)
        n = s["tenants"] * s["idps"]
        bound = self.bound(fleet, s["bucket"])
        c = res.report["counts"]
        settled = sum(1 for t in res.report["targets"] if t.get("evidenceEventId"))
        final = sum(c[k] for k in ("REVOKED", "FAILED", "UNKNOWN", "SKIPPED"))
        if scenario == "faults":
            self.row("faults", "faults", "503 5%, 500 2%, hang 1%", "responseTimeout 5 s")
            self.row("faults", "REVOKED (settled from events) / UNKNOWN / FAILED",
                     "%d (%d) / %d / %d" % (c["REVOKED"], settled, c["UNKNOWN"], c["FAILED"]))
            self.row("faults", "IdPs with a final state", "%d of %d" % (final, n), "all",
                     final == n)
            self.row("faults", "revoked twice (sandbox record)", res.record["twice"], "0",
                     res.record["twice"] == 0)
            unknown_applied = sum(
                1 for t in res.report["targets"] if t["outcome"] == "UNKNOWN"
                and t["identityProviderId"] in {r["identityProviderId"] for r in res.revocations})
            self.row("faults", "UNKNOWN yet applied (record)", unknown_applied)
            self.row("faults", "makespan (s) / bound", "%.2f / %.2f = %.3f"
                     % (res.makespan, bound, res.makespan / bound))
            self.row("faults", "wall time of rotor run (s)", "%.1f" % res.wall)
            self.details["faults"] = {"counts": c, "settledFromEvents": settled,
                                      "record": res.record, "makespan": res.makespan,
                                      "bound": bound, "wall": res.wall}
        return res, fleet, fixture

    def run_scale(self):
        s = self.sizes["scale"]
        fixture, fleet = self.fleet("scale", [("tenant", s["tenants"], s["idps"])])
        res = self.rotor_run("scale", fixture, fleet, s["bucket"], LATENCY, java_opts=s["heap"])
        n = s["tenants"] * s["idps"]
        bound = self.bound(fleet, s["bucket"])
        c = res.report["counts"]
        grants = list(res.grants.values())
        self.row("scale", "IdPs, heap", "%d (%dx%d), %s" % (n, s["tenants"], s["idps"], s["heap"]),
                 "cap %d, %d per %s" % s["bucket"])
        self.row("scale", "makespan (s) / bound", "%.1f / %.1f = %.3f"
                 % (res.makespan, bound, res.makespan / bound))
        self.row("scale", "wall time of rotor run (s)", "%.1f" % res.wall)
        self.row("scale", "peak RSS (MiB)", "%.0f" % res.peak_rss_mb)
        self.row("scale", "CPU s per 1,000 revocations", "%.2f" % (res.cpu * 1000 / n),
                 "(total %.1f s)" % res.cpu)
        self.row("scale", "token requests per credential", "max %d, total %d for %d"
                 % (max(grants or [0]), sum(grants), len(fleet["serviceAccounts"])), "1 each",
                 max(grants or [0]) <= 1)
        self.row("scale", "REVOKED / revoked twice", "%d / %d" % (c["REVOKED"], res.record["twice"]),
                 "%d / 0" % n, c["REVOKED"] == n and res.record["twice"] == 0)
        self.details["scale"] = {"idps": n, "makespan": res.makespan, "bound": bound,
                                 "wall": res.wall, "peakRssMiB": res.peak_rss_mb, "cpu": res.cpu,
                                 "tokenGrants": {"max": max(grants or [0]), "total": sum(grants)}}

    def baseline(self, scenario, tag, fixture, fleet, bucket, concurrency):
        work = os.path.join(self.out, scenario, tag)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        index = B.fleet_index(fleet)
        creds = os.path.join(work, "credentials")
        targets = os.path.join(work, "targets")
        with open(creds, "w") as f:
            for a in fleet["serviceAccounts"]:
                f.write("%s %s\n" % (a["clientId"], a["clientSecret"]))
        with open(targets, "w") as f:
            for idp, (_tenant, fs, client, _secret) in index.items():
                f.write("%s %s %s\n" % (client, fs, idp))
        sandbox = B.Sandbox(os.path.join(work, "sandbox"), fixture, bucket, FAULTS)
        try:
            B.log("%s/%s: sandbox at %s, running the baseline (-P %d)"
                  % (scenario, tag, sandbox.url, concurrency))
            started = time.time()
            proc = B.spawn([os.path.join(B.ROOT, "scripts", "bench.d", "baseline-xargs.sh"),
                            sandbox.url, creds, targets, str(concurrency),
                            os.path.join(work, "results")],
                           stdout=open(os.path.join(work, "baseline.out"), "w"),
                           stderr=open(os.path.join(work, "baseline.err"), "w"))
            try:
                rc = proc.wait(timeout=1500)
            except Exception:
                B.kill_group(proc)
                B.fail("%s/%s: the baseline did not finish within 1500 s" % (scenario, tag))
            wall = time.time() - started
            revocations = sandbox.revocations()
        finally:
            sandbox.stop()
        if rc != 0:
            B.fail("%s/%s: baseline exited %d:\n%s" % (scenario, tag, rc,
                                                     B._tail(os.path.join(work, "baseline.err"))))
        times = [B.ts(r["time"]) for r in revocations]
        return {"wall": wall, "span": (max(times) - min(times)) if times else 0.0, "times": times,
                "record": B.record_counts(revocations, index.keys())}

    def run_baselines(self):
        s = self.sizes["baselines"]
        res, fleet, fixture = self.run_faults(tag="rotor", scenario="baselines",
                                              size_key="baselines")
        xargs = self.baseline("baselines", "xargs", fixture, fleet, s["bucket"], s["concurrency"])
        n = s["tenants"] * s["idps"]
        self.row("baselines", "fleet (faults on, as in faults)", "%d (%dx%d)"
                 % (n, s["tenants"], s["idps"]), "cap %d, %d per %s" % s["bucket"])
        self.row("baselines", "rotor: makespan / wall (s)", "%.1f / %.1f" % (res.makespan, res.wall))
        self.row("baselines", "rotor: twice / undone (record)", "%d / %d"
                 % (res.record["twice"], res.record["never"]))
        self.row("baselines", "xargs -P %d: wall (s)" % s["concurrency"], "%.1f" % xargs["wall"])
        self.row("baselines", "xargs: twice / undone (record)", "%d / %d"
                 % (xargs["record"]["twice"], xargs["record"]["never"]))
        self.row("baselines", "rotor wall / xargs wall", "%.2f" % (res.wall / xargs["wall"]))
        self.series["rotor (%d IdPs)" % n] = res.times
        self.series["xargs -P %d (%d IdPs)" % (s["concurrency"], n)] = xargs["times"]

        fixture2, fleet2 = self.fleet("baselines-small",
                                      [("tenant", s["serial_tenants"], s["serial_idps"])], seed=43)
        small = self.rotor_run("baselines", fixture2, fleet2, s["bucket"], FAULTS,
                               atlas_extra=FAULT_ATLAS, tag="rotor-small")
        serial = self.baseline("baselines", "serial", fixture2, fleet2, s["bucket"], 1)
        m = s["serial_tenants"] * s["serial_idps"]
        self.row("baselines", "small fleet for the serial loop", "%d (%dx%d)"
                 % (m, s["serial_tenants"], s["serial_idps"]))
        self.row("baselines", "rotor: wall (s), twice / undone", "%.1f, %d / %d"
                 % (small.wall, small.record["twice"], small.record["never"]))
        self.row("baselines", "serial loop: wall (s), twice / undone", "%.1f, %d / %d"
                 % (serial["wall"], serial["record"]["twice"], serial["record"]["never"]))
        self.row("baselines", "rotor wall / serial wall", "%.2f" % (small.wall / serial["wall"]))
        self.series["rotor (%d IdPs)" % m] = small.times
        self.series["serial loop (%d IdPs)" % m] = serial["times"]
        self.details["baselines"] = {
            "rotor": {"wall": res.wall, "makespan": res.makespan, "record": res.record},
            "xargs": {k: v for k, v in xargs.items() if k != "times"},
            "rotorSmall": {"wall": small.wall, "makespan": small.makespan,
                           "record": small.record},
            "serial": {k: v for k, v in serial.items() if k != "times"}}

    # -- output ---------------------------------------------------------------------------------

    def write(self, machine, started):
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(started))
        result = {"mode": self.mode, "startedAt": stamp, "seconds": round(time.time() - started, 1),
                  "machine": machine, "rows": self.rows, "details": self.details}
        with open(os.path.join(self.out, "bench.json"), "w") as f:
            json.dump(result, f, indent=2)
        md = ["# Rotor bench (%s), %s UTC" % (self.mode, stamp), "",
              "Machine: %d cores (%s), %s GiB, %s. Whole bench: %.0f s." % (
                  machine["nproc"], machine["cpu"], machine["memGiB"], machine["java"],
                  result["seconds"]), "",
              "| scenario | measure | value | bound / target | verdict |", "|---|---|---|---|---|"]
        for r in self.rows:
            verdict = "" if r["ok"] is None else ("ok" if r["ok"] else "**missed**")
            md.append("| %s | %s | %s | %s | %s |" % (r["scenario"], r["measure"], r["value"],
                                                      r["target"], verdict))
        if self.series:
            chart.write_chart(os.path.join(self.out, "rate.svg"), self.series,
                              "Revocations per second (sandbox record), Rotor and baselines")
            md += ["", "![revocations per second](rate.svg)"]
        with open(os.path.join(self.out, "bench.md"), "w") as f:
            f.write("\n".join(md) + "\n")
        print("\n".join(md[4:]))
        print("\nWritten: %s/bench.json, bench.md%s" % (
            self.out, ", rate.svg" if self.series else ""))


def main(argv):
    mode = "full"
    chosen = []
    for arg in argv:
        if arg == "--smoke":
            mode = "smoke"
        elif arg == "--full":
            mode = "full"
        elif arg in SCENARIOS:
            chosen.append(arg)
        elif arg in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            print("bench: unknown argument %r; expected --smoke, --full or %s"
                  % (arg, ", ".join(SCENARIOS)), file=sys.stderr)
            return 2
    chosen = chosen or SCENARIOS
    started = time.time()
    version = B.ensure_jar()
    out = os.path.join(B.ROOT, "reports", "bench", mode)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    machine = B.machine()
    B.log("bench %s (%s): %s; %d cores, %s" % (mode, version, " ".join(chosen), machine["nproc"],
                                               machine["java"]))
    bench = Bench(mode, out)
    for name in chosen:
        t0 = time.time()
        B.log("== %s" % name)
        getattr(bench, "run_" + name)()
        B.log("== %s done in %.0f s" % (name, time.time() - t0))
    bench.write(machine, started)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
