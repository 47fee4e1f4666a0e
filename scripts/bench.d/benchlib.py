"""Shared machinery of scripts/bench and scripts/chaos: fleets, the sandbox process, Rotor runs
and what the sandbox recorded. Standard library only.

Every process started here runs in its own process group and is killed when the script exits,
whatever the reason (normal end, exception, SIGINT, SIGTERM).
"""

import atexit
import datetime
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "orchestrator", "target", "rotor.jar")
# The Java options scripts/rotor gives Rotor, so that the bench runs it as users do.
JVM_OPTIONS = os.path.join(ROOT, "scripts", "jvm.options")
ROTOR = os.path.join(ROOT, "scripts", "rotor")

_children = []


def log(*parts):
    print(time.strftime("%H:%M:%S"), *parts, file=sys.stderr, flush=True)


def fail(message):
    log("FAILED:", message)
    raise SystemExit(message if message.startswith("bench") else "error: " + message)


# ---------------------------------------------------------------------------------------------
# Processes


def spawn(args, **kwargs):
    """Starts a process in its own group and remembers it for the cleanup."""
    proc = subprocess.Popen(args, start_new_session=True, **kwargs)
    _children.append(proc)
    return proc


def kill_group(proc, sig=signal.SIGTERM, grace=5.0):
    """Stops a process group started by spawn: sig, then SIGKILL after grace seconds."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # stragglers of the group (curl under xargs)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass


def _cleanup():
    for proc in reversed(_children):
        kill_group(proc, grace=2.0)
    _children.clear()


def _on_signal(signum, _frame):
    _cleanup()
    sys.exit(128 + signum)


atexit.register(_cleanup)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGINT, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)


def ensure_jar():
    """Builds the jar when it is missing or older than the sources (as scripts/rotor does), then
    runs everything from a private copy of it: a rebuild while a benchmark runs (sources edited
    meanwhile) would otherwise replace the jar under the running JVMs and break them."""
    global JAR
    out = subprocess.run([ROTOR, "--version"], capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        fail("scripts/rotor --version failed:\n" + out.stderr[-2000:])
    private = os.path.join(ROOT, "reports", "bench", ".jar", "rotor-%d.jar" % os.getpid())
    os.makedirs(os.path.dirname(private), exist_ok=True)
    shutil.copyfile(JAR, private)
    atexit.register(lambda: os.path.exists(private) and os.remove(private))
    JAR = private
    return " ".join(out.stdout.split())


def machine():
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip()
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memGiB": round(mem_kb / 1024 / 1024, 1),
        "java": java.splitlines()[0] if java else "?",
        "javaRuntime": java.splitlines()[1] if java.count("\n") >= 1 else "",
    }


# ---------------------------------------------------------------------------------------------
# Fleets


def _hex(rng, digits):
    return "".join(rng.choice("0123456789abcdef") for _ in range(digits))


class FleetBuilder:
    """Builds a fleet fixture of OIDC identity providers only, one federation per tenant.

    Ids are a random 8-hex prefix and a 16-hex counter, as the sandbox generator makes them, so the
    same seed gives the same fleet.
    """

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.counter = 0
        self.orgs, self.federations, self.accounts = [], [], []

    def _id(self):
        self.counter += 1
        return "%08x%016x" % (self.rng.getrandbits(32), self.counter)

    def add(self, prefix, tenants, idps_per_tenant):
        for t in range(1, tenants + 1):
            name = "%s-%04d" % (prefix, t)
            org = {"id": self._id(), "name": name}
            self.orgs.append(org)
            self.accounts.append(
                {
                    "name": name + "-sa",
                    "clientId": "mdb_sa_id_" + self._id(),
                    "clientSecret": "mdb_sa_sk_" + _hex(self.rng, 32),
                    "orgId": org["id"],
                }
            )
            idps = []
            for k in range(1, idps_per_tenant + 1):
                idp_id = self._id()
                workload = k % 3 == 0
                idp = {
                    "id": idp_id,
                    "protocol": "OIDC",
                    "idpType": "WORKLOAD" if workload else "WORKFORCE",
                    "displayName": "%s-%s-%d" % (name, "workload" if workload else "workforce", k),
                    "issuerUri": "https://idp.%s.example/%d" % (name, k),
                    "audience": "api://rotor-bench",
                }
                if not workload:
                    idp["clientId"] = "client-" + idp_id
                idps.append(idp)
            self.federations.append(
                {
                    "id": self._id(),
                    "connectedOrgConfigs": [
                        {
                            "orgId": org["id"],
                            "dataAccessIdentityProviderIds": [i["id"] for i in idps],
                            "domainAllowList": [name + ".example"],
                            "domainRestrictionEnabled": False,
                            "postAuthRoleGrants": ["ORG_MEMBER"],
                        }
                    ],
                    "identityProviders": idps,
                }
            )
        return self

    def write(self, path):
        fleet = {
            "organizations": self.orgs,
            "federations": self.federations,
            "serviceAccounts": self.accounts,
            "apiKeys": [],
        }
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(fleet, f)
        return fleet


def fleet_index(fleet):
    """Returns {idp id: (tenant name, federation id, clientId, clientSecret)} in plan order."""
    org_name = {o["id"]: o["name"] for o in fleet["organizations"]}
    account = {a["orgId"]: a for a in fleet["serviceAccounts"]}
    index = {}
    for fed in fleet["federations"]:
        org_id = fed["connectedOrgConfigs"][0]["orgId"]
        acct = account[org_id]
        for idp in fed["identityProviders"]:
            index[idp["id"]] = (org_name[org_id], fed["id"], acct["clientId"], acct["clientSecret"])
    return index


def write_fleet_files(fixture, out_dir, bucket, concurrency=None, max_failure_ratio=None,
                      window=None, atlas_extra=None, engine_extra=None):
    """Runs `rotor sandbox fleet --fixture` and adapts plan.yaml and rotor.yaml to the bench."""
    res = subprocess.run(
        ["java", "@" + JVM_OPTIONS, "-jar", JAR, "sandbox", "fleet", "--fixture", fixture,
         "--out", out_dir],
        capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        fail("rotor sandbox fleet failed: " + res.stderr[-2000:])
    plan_path = os.path.join(out_dir, "plan.yaml")
    with open(plan_path) as f:
        plan = f.read()
    cap, refill, period = bucket
    plan = re.sub(r"rateLimit: \{[^}]*\}",
                  "rateLimit: {capacity: %d, refill: %d, period: %s}" % (cap, refill, period), plan)
    if concurrency is not None:
        plan = re.sub(r"concurrency: \d+", "concurrency: %d" % concurrency, plan)
    if max_failure_ratio is not None:
        plan = re.sub(r"maxFailureRatio: [0-9.]+", "maxFailureRatio: %s" % max_failure_ratio, plan)
    if window is not None:
        plan = re.sub(r"^window: \S+", "window: " + window, plan, flags=re.M)
    with open(plan_path, "w") as f:
        f.write(plan)
    conf_path = os.path.join(out_dir, "rotor.yaml")
    with open(conf_path) as f:
        conf = f.read()
    if atlas_extra:
        lines = "".join("  %s: %s\n" % kv for kv in atlas_extra.items())
        conf = re.sub(r"(atlas:\n  baseUrl: [^\n]*\n)", lambda m: m.group(1) + lines, conf)
    if engine_extra:
        conf += "engine:\n" + "".join("  %s: %s\n" % kv for kv in engine_extra.items())
    with open(conf_path, "w") as f:
        f.write(conf)
    env = {}
    with open(os.path.join(out_dir, "rotor.env")) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = v
    return {"dir": out_dir, "plan": plan_path, "config": conf_path, "env": env}


def period_seconds(period):
    """Parses the ISO-8601 durations the bench uses: PT1S, PT0.05S, PT1M."""
    m = re.fullmatch(r"PT(?:(\d+)M)?(?:([\d.]+)S)?", period)
    if not m:
        raise ValueError("unsupported period " + period)
    return int(m.group(1) or 0) * 60 + float(m.group(2) or 0)


def tenant_bound(n, bucket, latency_s):
    """Lower bound for n revocations through one bucket: the first `capacity` at once, then one
    per refill interval, plus one latency."""
    cap, refill, period = bucket
    interval = period_seconds(period) / refill
    return max(0, n - cap) * interval + latency_s


# ---------------------------------------------------------------------------------------------
# The sandbox


class Sandbox:
    """`rotor sandbox` as a separate process on a free port."""

    def __init__(self, workdir, fixture, bucket, faults=None, token_lifetime=None, heap="2g"):
        self.workdir = workdir
        os.makedirs(workdir, exist_ok=True)
        cap, refill, period = bucket
        args = ["java", "@" + JVM_OPTIONS, "-Xmx" + heap, "-jar", JAR, "sandbox", "--port", "0",
                "--fixture", fixture, "--revoke-capacity", str(cap),
                "--revoke-refill", str(refill), "--revoke-period", period]
        if token_lifetime:
            args += ["--token-lifetime", token_lifetime]
        for key, value in (faults or {}).items():
            args += ["--" + key, str(value)]
        self.stdout_path = os.path.join(workdir, "sandbox.out")
        self.stderr_path = os.path.join(workdir, "sandbox.err")
        self.proc = spawn(args, stdout=open(self.stdout_path, "w"),
                          stderr=open(self.stderr_path, "w"))
        self.url = self._await_url(timeout=120)

    def _await_url(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                fail("the sandbox exited with %s before printing its URL:\n%s"
                     % (self.proc.returncode, _tail(self.stderr_path)))
            with open(self.stdout_path) as f:
                first = f.readline()
            if first.endswith("\n"):
                url = first.strip()
                if not url.startswith("http://"):
                    fail("unexpected first line from the sandbox: " + url)
                return url
            time.sleep(0.1)
        fail("the sandbox printed no URL within %ds:\n%s" % (timeout, _tail(self.stderr_path)))

    def get(self, resource, timeout=120):
        with urllib.request.urlopen(self.url + "/__sandbox/" + resource, timeout=timeout) as r:
            return json.load(r)

    def revocations(self):
        return self.get("revocations")

    def token_grants(self):
        return self.get("token-grants")

    def stop(self):
        kill_group(self.proc)
        if self.proc in _children:
            _children.remove(self.proc)


def _tail(path, chars=3000):
    try:
        with open(path, errors="replace") as f:
            return f.read()[-chars:]
    except OSError:
        return "(no " + path + ")"


# ---------------------------------------------------------------------------------------------
# Rotor runs


class Result:
    pass


def rotor(workdir, files, sandbox_url, args, java_opts=None, timeout=1800, name="rotor",
          kill_after=None):
    """Runs scripts/rotor ARGS in workdir with the fleet's environment; returns a Result with rc,
    wall time, CPU seconds and peak RSS (from wait4), and the output paths.

    kill_after: seconds after which the process gets SIGKILL (for the chaos run); None: never.
    """
    env = dict(os.environ)
    env.update(files["env"])
    env["ROTOR_STORE_URL"] = "jdbc:h2:file:" + os.path.join(workdir, "data", "rotor") + os.environ.get("BENCH_H2_OPTIONS", "")
    env["ROTOR_REPORTS_DIR"] = os.path.join(workdir, "reports")
    env["ROTOR_ATLAS_BASE_URL"] = sandbox_url
    if java_opts is not None:
        env["ROTOR_JAVA_OPTS"] = java_opts
    os.makedirs(workdir, exist_ok=True)
    out = os.path.join(workdir, name + ".out")
    err = os.path.join(workdir, name + ".err")
    started = time.time()
    opts = ["@" + JVM_OPTIONS] + (java_opts or os.environ.get("ROTOR_JAVA_OPTS", "")).split()
    proc = spawn(["java"] + opts + ["-jar", JAR] + args, cwd=workdir, env=env,
                 stdout=open(out, "w"), stderr=open(err, "w"))
    res = Result()
    res.killed = False
    peak_kb = 0
    deadline = started + timeout
    status, usage = 0, None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak_kb = max(peak_kb, _vm_hwm(proc.pid))
        now = time.time()
        if kill_after is not None and now - started >= kill_after:
            os.killpg(proc.pid, signal.SIGKILL)
            res.killed = True
            kill_after = None
        elif now > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            _children.remove(proc)
            fail("%s did not finish within %ds; see %s" % (name, timeout, err))
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc in _children:
        _children.remove(proc)
    res.rc = proc.returncode
    res.wall = time.time() - started
    res.cpu = usage.ru_utime + usage.ru_stime
    res.peak_rss_mb = max(peak_kb, usage.ru_maxrss) / 1024.0
    res.out, res.err = out, err
    return res


def _vm_hwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_plan(workdir, files, sandbox_url, **kwargs):
    return rotor(workdir, files, sandbox_url,
                 ["run", "--config", files["config"], "--yes", files["plan"]], **kwargs)


def runs_json(workdir, files, sandbox_url):
    res = rotor(workdir, files, sandbox_url,
                ["runs", "--config", files["config"], "--output", "json"], name="runs", timeout=300)
    if res.rc != 0:
        fail("rotor runs failed (%d): %s" % (res.rc, _tail(res.err)))
    with open(res.out) as f:
        text = f.read()
    return json.loads(text[text.index("["):])


def report_of(workdir, run_id=None):
    """Returns the newest report.json under workdir/reports (of run_id when given)."""
    found = []
    for dirpath, _dirs, names in os.walk(os.path.join(workdir, "reports")):
        if "report.json" in names and (run_id is None or dirpath.endswith(run_id)):
            found.append(os.path.join(dirpath, "report.json"))
    if not found:
        fail("no report.json under %s/reports" % workdir)
    found.sort(key=os.path.getmtime)
    with open(found[-1]) as f:
        return json.load(f)


def ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def report_span(report):
    """Returns (first attempt, last completion) over the report's targets, epoch seconds."""
    firsts = [ts(t["firstAttemptAt"]) for t in report["targets"] if t.get("firstAttemptAt")]
    lasts = [ts(t["completedAt"]) for t in report["targets"] if t.get("completedAt")]
    if not firsts or not lasts:
        return None, None
    return min(firsts), max(lasts)


def record_counts(revocations, planned_ids):
    """Counts from the sandbox record: revoked once, twice or more, never (of planned_ids)."""
    per = {}
    for r in revocations:
        per[r["identityProviderId"]] = per.get(r["identityProviderId"], 0) + 1
    twice = sum(1 for i in planned_ids if per.get(i, 0) >= 2)
    once = sum(1 for i in planned_ids if per.get(i, 0) == 1)
    never = sum(1 for i in planned_ids if per.get(i, 0) == 0)
    return {"once": once, "twice": twice, "never": never}


def p95(values):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
