#!/usr/bin/env python3
"""Counts what a running AppHost's dashboard holds, through its telemetry API (/api/telemetry/*).

usage: count.py <dashboard base URL, e.g. http://localhost:18888> [--list]

Prints, per service: log records at Warning or above, Information log records, traces (distinct trace ids among the spans the
API returns) and spans. --list prints each Warning+ record. The dashboard's API must be reachable without a key: start the
AppHost with ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true (local machine only).
"""
import collections
import json
import sys
import urllib.request


def get(base, path):
    with urllib.request.urlopen(base.rstrip("/") + path, timeout=60) as response:
        return json.load(response)


def service(resource):
    for attribute in resource.get("resource", {}).get("attributes", []):
        if attribute["key"] == "service.name":
            return attribute["value"].get("stringValue", "?")
    return "?"


def main():
    base = sys.argv[1]
    listing = "--list" in sys.argv
    warnings, information, spans, traces = (collections.Counter() for _ in range(4))
    trace_ids = collections.defaultdict(set)
    # limit: the API answers the newest 100 unless asked for more.
    logs = get(base, "/api/telemetry/logs?limit=100000")
    for resource_logs in logs["data"]["resourceLogs"]:
        name = service(resource_logs)
        for scope in resource_logs["scopeLogs"]:
            for record in scope["logRecords"]:
                severity = record.get("severityNumber", 0)
                if severity >= 13:
                    warnings[name] += 1
                    if listing:
                        body = record.get("body", {}).get("stringValue", "").splitlines()[0][:200]
                        print(f"  {name} {record.get('severityText')} {scope['scope']['name']}: {body}")
                elif severity >= 9:
                    information[name] += 1
    trace_data = get(base, "/api/telemetry/traces?limit=100000")
    for resource_spans in trace_data["data"]["resourceSpans"]:
        name = service(resource_spans)
        for scope in resource_spans["scopeSpans"]:
            for span in scope["spans"]:
                spans[name] += 1
                trace_ids[name].add(span["traceId"])
    all_traces = set().union(*trace_ids.values()) if trace_ids else set()
    names = sorted(set(warnings) | set(information) | set(spans) | {"analyticsservice", "gateway", "resourceservice", "searchservice"})
    print(f"{'service':18} {'warning+':>8} {'info':>6} {'traces':>7} {'spans':>6}")
    for name in names:
        print(f"{name:18} {warnings[name]:8} {information[name]:6} {len(trace_ids[name]):7} {spans[name]:6}")
    print(f"{'all':18} {sum(warnings.values()):8} {sum(information.values()):6} {len(all_traces):7} {sum(spans.values()):6}"
          f"   (dashboard totalCount of traces: {trace_data.get('totalCount')})")


if __name__ == "__main__":
    main()
