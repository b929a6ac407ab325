#!/usr/bin/env python3
"""The paired client of `make bench`: an initial sync of Observation pages written the obvious way.

It follows the searchset's `next` links from the first URL, reads each page with json.loads, maps every
Observation to the cache's row (the same columns Varde stores) and inserts the page with executemany in
one transaction, into the same layout as Varde's cache (text id key, unique business identifier, the
per-patient index) in WAL mode with synchronous=NORMAL, as GRDB opens it. No triage, no quarantine.
Prints one JSON line: observations stored, wall seconds, CPU seconds and bytes written (/proc/self/io).
"""
import json
import resource
import sqlite3
import sys
import time
import urllib.request
from datetime import datetime

SCHEMA = """
CREATE TABLE IF NOT EXISTS observation (
    id TEXT PRIMARY KEY, patientID TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, codeDisplay TEXT,
    value DOUBLE NOT NULL, secondValue DOUBLE, unit TEXT NOT NULL, effective DOUBLE NOT NULL,
    lastUpdated DOUBLE NOT NULL, status TEXT NOT NULL, sourceIdentifier TEXT, comparator TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS observation_by_identifier ON observation(sourceIdentifier);
CREATE INDEX IF NOT EXISTS observation_by_patient ON observation(patientID, effective);
"""

KINDS = {"8867-4": "heartRate", "59408-5": "oxygenSaturation", "2708-6": "oxygenSaturation",
         "85354-9": "bloodPressure", "8310-5": "bodyTemperature", "29463-7": "bodyWeight",
         "9279-1": "respiratoryRate", "15074-8": "bloodGlucose", "2339-0": "bloodGlucose",
         "763264000": "frailty", "1104051000000101": "news2"}


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def row(o):
    coding = o["code"]["coding"][0]
    if "component" in o:
        value = o["component"][0]["valueQuantity"]
        second = o["component"][1]["valueQuantity"]["value"]
    else:
        value = o["valueQuantity"]
        second = None
    identifier = o.get("identifier", [{}])[0]
    source = f'{identifier["system"]}|{identifier["value"]}' if "value" in identifier else None
    return (o["id"], o["subject"]["reference"].split("/")[-1], KINDS.get(coding["code"], "other"),
            f'{coding["system"]}|{coding["code"]}', coding.get("display"), value["value"], second,
            value.get("code", value.get("unit", "")), instant(o["effectiveDateTime"]), instant(o["meta"]["lastUpdated"]),
            o["status"], source, value.get("comparator"))


def written():
    with open("/proc/self/io") as io:
        for line in io:
            if line.startswith("write_bytes:"):
                return int(line.split()[1])
    return 0


def main(first, path):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(SCHEMA)
    insert = "INSERT OR IGNORE INTO observation VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
    bytes_before, started, cpu_before = written(), time.time(), time.process_time()
    stored, url = 0, first
    while url:
        bundle = json.loads(urllib.request.urlopen(url).read())
        rows = [row(entry["resource"]) for entry in bundle.get("entry", [])]
        db.execute("BEGIN")
        db.executemany(insert, rows)
        db.execute("COMMIT")
        stored += len(rows)
        url = next((link["url"] for link in bundle.get("link", []) if link["relation"] == "next"), None)
    seconds = time.time() - started
    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    db.close()
    print(json.dumps({"stored": stored, "seconds": seconds, "cpu": time.process_time() - cpu_before,
                      "written": written() - bytes_before}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
