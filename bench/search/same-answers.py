"""Asks two search services every query of the load mix in its three shapes and counts the answers that differ.

Usage: same-answers.py PORT_A PORT_B QUERIES. An answer is compared whole (hits with ids and scores, total, facets, meta) but for
its timestamp and tookMs. Requests go 4 at a time, each to A then B.
"""
import concurrent.futures
import json
import sys
import urllib.request

port_a, port_b, queries = sys.argv[1], sys.argv[2], sys.argv[3]
words = [line.strip() for line in open(queries, encoding="utf-8") if line.strip()]
cities = ["douala", "yaounde", "bafoussam", "garoua", "kribi"]
paths = []
for i, word in enumerate(words):
    paths.append(f"/api/v1/search?q={word}&limit=10")
    paths.append(f"/api/v1/search?q={word}&lat=4.05&lon=9.70&radiusKm=10&sort=distance&limit=10")
    paths.append(f"/api/v1/search?q={word}+{cities[i % len(cities)]}&facets=category,city&limit=10")


def answer(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
        body = json.load(response)
    body.pop("timestamp", None)
    body.get("meta", {}).pop("tookMs", None)
    return body


def differs(path):
    a, b = answer(port_a, path), answer(port_b, path)
    return None if a == b else (path, a, b)


def summary(body):
    return [(hit["slug"], hit.get("score")) for hit in body.get("data", [])][:5], body.get("meta", {}).get("total")


different = 0
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    for result in pool.map(differs, paths):
        if result:
            different += 1
            if different <= 5:
                path, a, b = result
                print(f"  differs: {path}\n    A {summary(a)}\n    B {summary(b)}")
print(f"  {len(paths)} requests, {different} answers differ")
