"""scripts/chaos: a soak of the crash-safety promise.

usage: scripts/chaos [--smoke | --full] [--seed N]

A run of a few thousand IdPs with faults on, Rotor killed with SIGKILL at random moments (at most
MAX_KILLS times), resumed each time with `rotor resume RUN_ID`, until the run is done. Then checks
the sandbox's record, the report and the journal. Exits 1 if an IdP was revoked twice or lost, or
if the report, the journal and the record disagree.
"""

import json
import os
import random
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import benchlib as B  # noqa: E402

FAULTS = {"latency-ms": 20, "jitter-ms": 40, "error-503-ratio": 0.05, "error-500-ratio": 0.02,
          "hang-after-apply-ratio": 0.01, "drop-after-apply-ratio": 0.01, "fault-seed": 11}
SIZES = {
    # A bucket of 2 refilled 1 a second keeps the run going long enough to be killed many times.
    "full": {"tenants": 50, "idps": 60, "bucket": (2, 1, "PT1S"), "kills": 20,
             "kill_between": (3.0, 12.0)},
    "smoke": {"tenants": 10, "idps": 30, "bucket": (2, 1, "PT1S"), "kills": 5,
              "kill_between": (3.0, 8.0)},
}
DONE = (0, 1)  # exit codes of a run that finished (1: some failed or unknown)


def main(argv):
    mode, seed = "full", 2026
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("--smoke", "--full"):
            mode = arg[2:]
        elif arg == "--seed" and args:
            seed = int(args.pop(0))
        elif arg in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            print("chaos: unknown argument %r; expected --smoke, --full, --seed N" % arg,
                  file=sys.stderr)
            return 2
    s = SIZES[mode]
    rng = random.Random(seed)
    started = time.time()
    B.ensure_jar()
    out = os.path.join(B.ROOT, "reports", "bench", "chaos-" + mode)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    fixture = os.path.join(out, "fleet.json")
    fleet = B.FleetBuilder(seed).add("tenant", s["tenants"], s["idps"]).write(fixture)
    planned = set(B.fleet_index(fleet))
    files = B.write_fleet_files(fixture, os.path.join(out, "fleet"), s["bucket"],
                                max_failure_ratio=0.5, atlas_extra={"responseTimeout": "PT5S"})
    sandbox = B.Sandbox(os.path.join(out, "sandbox"), fixture, s["bucket"], FAULTS)
    B.log("chaos %s: %d IdPs (%dx%d), bucket %s, faults %s, up to %d kills; sandbox at %s"
          % (mode, len(planned), s["tenants"], s["idps"], s["bucket"], FAULTS, s["kills"],
             sandbox.url))
    work = os.path.join(out, "rotor")
    kills, run_id, rc, step = 0, None, None, 0
    # Bounded: at most `kills` killed attempts, then up to 3 attempts left to finish.
    for step in range(s["kills"] + 3):
        kill_after = rng.uniform(*s["kill_between"]) if kills < s["kills"] else None
        if run_id is None:
            args = ["run", "--config", files["config"], "--yes", files["plan"]]
        else:
            args = ["resume", "--config", files["config"], run_id]
        res = B.rotor(work, files, sandbox.url, args, name="step%02d" % step, timeout=900,
                      kill_after=kill_after)
        if run_id is None:
            runs = B.runs_json(work, files, sandbox.url)
            if runs:
                run_id = runs[0]["runId"]
            elif not res.killed:
                B.fail("no run in the journal after `rotor run` exited %s; see %s"
                       % (res.rc, res.err))
            # Killed before the run was journaled: nothing was sent; the next step runs again.
        if res.killed:
            kills += 1
            B.log("step %d: %s killed after %.1f s (kill %d)" % (step, args[0], res.wall, kills))
            continue
        rc = res.rc
        B.log("step %d: %s exited %d after %.1f s" % (step, args[0], rc, res.wall))
        if rc in DONE:
            break
        if rc != 3:
            B.fail("rotor %s exited %d; see %s\n%s" % (args[0], rc, res.err, B._tail(res.err)))
    else:
        B.fail("the run was not done after %d steps (last exit %s)" % (step + 1, rc))

    revocations = sandbox.revocations()
    sandbox.stop()
    with open(os.path.join(out, "revocations.json"), "w") as f:
        json.dump(revocations, f)
    runs = {r["runId"]: r for r in B.runs_json(work, files, sandbox.url)}
    report = B.report_of(work, run_id)
    journal_counts = runs[run_id]["counts"]
    report_counts = {k: v for k, v in report["counts"].items() if k != "total"}
    per_idp = {}
    for r in revocations:
        per_idp[r["identityProviderId"]] = per_idp.get(r["identityProviderId"], 0) + 1
    twice = sorted(i for i, n in per_idp.items() if n >= 2)
    outcome = {t["identityProviderId"]: t["outcome"] for t in report["targets"]}
    final = {"REVOKED", "FAILED", "UNKNOWN", "SKIPPED"}
    lost = sorted(i for i in planned if outcome.get(i) not in final)
    revoked = {i for i, o in outcome.items() if o == "REVOKED"}
    unknown = {i for i, o in outcome.items() if o == "UNKNOWN"}
    recorded = set(per_idp)
    problems = []
    if journal_counts != report_counts:
        problems.append("journal counts %s != report counts %s" % (journal_counts, report_counts))
    if revoked - recorded:
        problems.append("%d REVOKED in the report but not in the sandbox record"
                        % len(revoked - recorded))
    if recorded - revoked - unknown:
        problems.append("%d in the sandbox record but neither REVOKED nor UNKNOWN in the report"
                        % len(recorded - revoked - unknown))
    if recorded - planned:
        problems.append("%d revoked that the plan did not select" % len(recorded - planned))

    summary = {
        "mode": mode, "seed": seed, "idps": len(planned), "runId": run_id,
        "killsSurvived": kills, "steps": step + 1, "finalExit": rc,
        "doubleRevoked": len(twice), "lost": len(lost), "counts": report_counts,
        "recordedOnce": sum(1 for n in per_idp.values() if n == 1),
        "unknownYetApplied": len(unknown & recorded), "problems": problems,
        "seconds": round(time.time() - started, 1), "machine": B.machine(),
    }
    with open(os.path.join(out, "chaos.json"), "w") as f:
        json.dump(dict(summary, doubleRevokedIds=twice, lostIds=lost), f, indent=2)
    print("chaos %s (seed %d): %d IdPs, run %s, %.0f s" % (mode, seed, len(planned), run_id,
                                                          summary["seconds"]))
    print("  kills survived      %d (in %d steps; final exit %s)" % (kills, step + 1, rc))
    print("  outcomes            %s" % ", ".join("%s %d" % kv for kv in report_counts.items()
                                                  if kv[1]))
    print("  sandbox record      %d revoked once, %d UNKNOWN yet applied"
          % (summary["recordedOnce"], summary["unknownYetApplied"]))
    print("  IdPs double-revoked %d (must be 0)%s" % (len(twice), " " + ",".join(twice[:5])
                                                     if twice else ""))
    print("  IdPs lost           %d (must be 0)%s" % (len(lost), " " + ",".join(lost[:5])
                                                     if lost else ""))
    print("  journal = report    %s" % ("yes" if journal_counts == report_counts else "NO"))
    for p in problems:
        print("  PROBLEM: " + p)
    print("Written: %s/chaos.json" % out)
    return 1 if twice or lost or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
