#!/usr/bin/env python3
"""Issue 26 (items 3-5) against a running system: login protection, a cache kill under a user at their limit, PostgreSQL
frozen 20 s under load. Usage: trust.py <gateway base url> <AppHost data folder>. Stdlib only; kills and freezes only the
cache and PostgreSQL processes of that data folder."""
import collections, http.client, json, os, signal, sys, threading, time, urllib.parse, uuid

BASE = urllib.parse.urlparse(sys.argv[1])
DATA = sys.argv[2]


def call(method, path, body=None, token=None, source="127.0.0.1", timeout=60):
    conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=timeout, source_address=(source, 0))
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    started = time.monotonic()
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        return response.status, dict(response.getheaders()), text, time.monotonic() - started
    except Exception as error:  # noqa: BLE001 - a transport failure is a result here
        return 0, {}, repr(error), time.monotonic() - started
    finally:
        conn.close()


def code(text):
    try:
        return json.loads(text)["error"]["code"]
    except Exception:  # noqa: BLE001
        return ""


def register(source="127.0.0.1"):
    status, _, text, _ = call("POST", "/api/v1/auth/register",
                              {"email": f"trust-{uuid.uuid4().hex}@example.com", "password": "correct horse battery", "name": "Trust"}, source=source)
    assert status == 201, (status, text)
    return json.loads(text)["data"]["accessToken"]


def pids_of(marker):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if marker in f.read().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(pid))
        except OSError:
            pass
    return found


def tree(root):
    parents = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            parents[int(pid)] = int(stat[stat.rindex(")") + 2:].split()[1])
        except OSError:
            pass
    members = [root]
    for member in members:
        members += [p for p, parent in parents.items() if parent == member]
    return members


def lockout():
    print("## Login protection: attacker on the admin's e-mail from 127.0.4.1, the admin from 127.0.4.2")
    with open(os.path.join(DATA, "parameters.json")) as f:
        password = json.load(f)["admin-password"]
    for i in range(8):
        status, headers, text, _ = call("POST", "/api/v1/auth/login", {"email": "admin@romapi.local", "password": f"guess {i}"}, source="127.0.4.1")
        print(f"attacker guess {i + 1}: {status} {code(text)} Retry-After={headers.get('Retry-After', '-')}")
    status, headers, text, _ = call("POST", "/api/v1/auth/login", {"email": "admin@romapi.local", "password": password}, source="127.0.4.1")
    print(f"attacker with the right password: {status} {code(text)} Retry-After={headers.get('Retry-After', '-')}")
    status, _, text, _ = call("POST", "/api/v1/auth/login", {"email": "admin@romapi.local", "password": password}, source="127.0.4.2")
    print(f"admin from another address: {status} {'token issued' if status == 200 and 'accessToken' in text else code(text)}")


def cache_kill():
    print("\n## Cache kill (kill -9) under a FREE user at their limit (60 per minute)")
    token = register("127.0.4.3")
    started = time.monotonic()
    statuses = collections.Counter(call("GET", "/api/v1/categories", token=token, source="127.0.4.3")[0] for _ in range(60))
    status, headers, _, _ = call("GET", "/api/v1/categories", token=token, source="127.0.4.3")
    print(f"before the kill: 60 requests {dict(statuses)}, the 61st {status}, window resets in {headers.get('RateLimit-Reset')} s "
          f"({time.monotonic() - started:.1f} s after the first)")
    # Garnet names its data folder on its command line; redis-server shows "redis-server 127.0.0.1:<port>" (port in its config).
    config = os.path.join(DATA, "redis", "redis.conf")
    port = next((line.split()[1] for line in open(config) if line.startswith("port ")), None) if os.path.exists(config) else None
    cache = [p for p in pids_of(DATA + "/redis") if "RomApi.Garnet" in open(f"/proc/{p}/cmdline").read()] + \
        ([p for p in pids_of(f"127.0.0.1:{port}") if open(f"/proc/{p}/comm").read().startswith("redis-server")] if port else [])
    assert cache, "no cache process of this data folder"
    name = open(f"/proc/{cache[0]}/comm").read().strip()
    os.kill(cache[0], signal.SIGKILL)
    killed = time.monotonic()
    after = collections.Counter()
    while time.monotonic() - killed < 30:
        status, headers, _, _ = call("GET", "/api/v1/categories", token=token, source="127.0.4.3")
        after[status] += 1
        time.sleep(0.1)
    print(f"killed cache pid {cache[0]} ({name}); in the 30 s after: {dict(after)} (200 = allowed beyond the limit of 60); "
          f"window started {killed - started:.1f} s before the kill")


def freeze():
    print("\n## PostgreSQL frozen (SIGSTOP of the postmaster and its backends) for 20 s under load")
    users = [register(f"127.0.5.{i}") for i in range(1, 9)]
    _, _, text, _ = call("POST", "/api/v1/api-resources", {"name": "Cached before the freeze", "resourceType": "API"}, token=users[0], source="127.0.5.1")
    resource = json.loads(text)["data"]["id"]
    call("GET", f"/api/v1/api-resources/{resource}", token=users[0], source="127.0.5.1")
    postmaster = [p for p in pids_of(DATA + "/postgres/data") if open(f"/proc/{p}/comm").read().strip() == "postgres"]
    root = min(postmaster)
    results = []
    stop = threading.Event()
    frozen_at = [None]

    def worker(index):
        kinds = ["get-by-id", "create", "me", "list"]
        n = 0
        while not stop.is_set():
            kind = kinds[(index + n) % 4]
            token = users[(index * 2 + n) % len(users)]
            source = f"127.0.5.{(index * 2 + n) % len(users) + 1}"
            n += 1
            sent = time.monotonic()
            if kind == "get-by-id":
                # The resource is PENDING: only its owner sees it.
                r = call("GET", f"/api/v1/api-resources/{resource}", token=users[0], source="127.0.5.1")
            elif kind == "create":
                r = call("POST", "/api/v1/api-resources", {"name": f"Load {uuid.uuid4().hex[:8]}", "resourceType": "API"}, token=token, source=source)
            elif kind == "me":
                r = call("GET", "/api/v1/auth/me", token=token, source=source)
            else:
                r = call("GET", "/api/v1/api-resources?limit=5&sort=name:asc", token=token, source=source)
            results.append((kind, sent, r[0], r[3], r[1].get("X-Cache-Status", ""), r[1].get("Retry-After", ""), code(r[2])))
            time.sleep(0.2)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(5)
    members = tree(root)
    frozen_at[0] = time.monotonic()
    for pid in members:
        os.kill(pid, signal.SIGSTOP)
    time.sleep(20)
    for pid in members:
        os.kill(pid, signal.SIGCONT)
    thawed = time.monotonic()
    time.sleep(10)
    stop.set()
    for t in threads:
        t.join()
    during = [r for r in results if frozen_at[0] <= r[1] < thawed]
    print(f"froze {len(members)} processes; requests sent during the 20 s: {len(during)}")
    for kind in ["get-by-id", "create", "me", "list"]:
        rows = [r for r in during if r[0] == kind]
        statuses = collections.Counter(f"{r[2]}{' ' + r[6] if r[6] else ''}{' STALE' if r[4] else ''}" for r in rows)
        retry = sum(1 for r in rows if r[2] == 503 and r[5])
        longest = max((r[3] for r in rows), default=0)
        print(f"{kind:10} {dict(statuses)}; 503s with Retry-After {retry}/{sum(1 for r in rows if r[2] == 503)}; longest wait {longest:.1f} s")
    print(f"longest wait of any request sent during the freeze: {max((r[3] for r in during), default=0):.1f} s")
    late = [r for r in results if r[1] >= thawed + 2]
    print(f"after the thaw (+2 s on): {dict(collections.Counter(r[2] for r in late))}")


if __name__ == "__main__":
    which = sys.argv[3:] or ["lockout", "cache", "freeze"]
    print(f"# {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}")
    if "lockout" in which:
        lockout()
    if "cache" in which:
        cache_kill()
    if "freeze" in which:
        freeze()
