#!/usr/bin/env python3
"""The simulator read by a FHIR client it has never met.

fhirpy (a real FHIR client library) reads every served type by id and searches with every search
parameter the CapabilityStatement declares; fhir.resources 6.4 (FHIR R4 4.0.1, pydantic models)
validates every resource the simulator serves, independently of Varde's own Swift types.

Usage: fhir_conformance.py BASE_URL
Prints each failed check and each check it could not make; exits 1 with the failures listed when anything is wrong.
"""
import json
import sys
import urllib.error
import urllib.request
import uuid

from fhir.resources import construct_fhir_element
from fhirpy import SyncFHIRClient

failures = []
checks = 0


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        failures.append(what)
        print(f"FAIL {what}")


def validate(resource, where):
    """fhir.resources raises on anything that is not valid R4: unknown fields, wrong types, bad codes."""
    try:
        construct_fhir_element(resource["resourceType"], resource)
        check(True, where)
    except Exception as error:  # pydantic's ValidationError, or a KeyError for a missing resourceType
        check(False, f"{where}: not valid FHIR R4: {str(error)[:400]}")


def get_json(url):
    request = urllib.request.Request(url, headers={"Accept": "application/fhir+json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def sample_value(parameter, resource):
    """A value for `parameter` that `resource` must match, and a test that a result matches it."""
    kind = resource["resourceType"]
    if parameter == "_id":
        return resource["id"], lambda r: r["id"] == resource["id"]
    if parameter == "patient" and kind == "AuditEvent":
        refs = [e["what"]["reference"] for e in resource.get("entity") or [] if "reference" in e.get("what", {})]
        if not refs:
            return None
        return refs[0], lambda r: refs[0] in [e.get("what", {}).get("reference") for e in r.get("entity") or []]
    if parameter in ("patient", "subject"):
        ref = (resource.get("subject") or resource.get("for") or resource.get("patient") or {}).get("reference")
        if not ref:
            return None
        return ref, lambda r: (r.get("subject") or r.get("for") or r.get("patient") or {}).get("reference") == ref
    if parameter == "identifier":
        ids = resource.get("identifier") or []
        if not ids:
            return None
        token = f"{ids[0]['system']}|{ids[0]['value']}"
        return token, lambda r: any(f"{i.get('system')}|{i.get('value')}" == token for i in r.get("identifier") or [])
    if parameter == "code":
        coding = ((resource.get("code") or {}).get("coding") or [None])[0]
        if not coding:
            return None
        token = f"{coding['system']}|{coding['code']}"
        return token, lambda r: any(f"{c.get('system')}|{c.get('code')}" == token
                                    for c in (r.get("code") or {}).get("coding") or [])
    if parameter == "status":
        status = resource.get("status")
        return (status, lambda r: r.get("status") == status) if status else None
    if parameter == "date":
        when = resource.get("effectiveDateTime")
        if not when:
            return None
        return f"ge{when}", lambda r: (r.get("effectiveDateTime") or "") >= when
    if parameter == "_lastUpdated":
        stamp = resource["meta"]["lastUpdated"]
        return f"ge{stamp}", lambda r: r["meta"]["lastUpdated"] >= stamp
    if parameter == "municipality":
        return None  # the simulator's own parameter: checked below on Patient by its extension
    return None


def write_through_declared_interactions(client, base, capability):
    """Creates what the centre holds none of yet, through the interactions the server declares, as a
    client would: each body is valid R4 first (checked here), then the server must take it."""
    declared = {r["type"]: {i["code"] for i in r["interaction"]} for r in capability["rest"][0]["resource"]}
    patient = client.resources("Patient").limit(1).fetch()[0]
    subject = {"reference": f"Patient/{patient['id']}"}
    now = "2026-11-22T12:00:00Z"
    bodies = {
        "Communication": {"resourceType": "Communication", "status": "completed", "subject": subject, "sent": now,
                          "identifier": [{"system": "urn:ietf:rfc:3986", "value": "urn:uuid:5b1f0e7e-0c7e-4a53-9f7e-1d2c3b4a5f60"}],
                          "payload": [{"contentString": "Hei, vi ringer deg i morgen."}]},
        "AuditEvent": {"resourceType": "AuditEvent", "recorded": now, "action": "R",
                       "type": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "110110"},
                       "agent": [{"who": {"display": "conformance-client"}, "requestor": True}],
                       "source": {"observer": {"display": "conformance-client"}},
                       "entity": [{"what": subject}]},
    }
    task_id = f"conformance-{uuid.uuid4()}"
    task = {"resourceType": "Task", "status": "requested", "intent": "order", "for": subject,
            "identifier": [{"system": "urn:ietf:rfc:3986", "value": "urn:uuid:0d4c2b1a-7e6f-4a3b-9c8d-2e1f0a9b8c7d"}]}
    for kind, body in bodies.items():
        if "create" not in declared.get(kind, ()):
            continue
        validate(body, f"{kind}: the conformance client's own body")
        created = client.resource(kind, **body)
        created.save()
        check(created.get("id") is not None, f"{kind}: created through POST, the server gave it an id")
    if "update" in declared.get("Task", ()):
        validate(task, "Task: the conformance client's own body")
        request = urllib.request.Request(f"{base}/Task/{task_id}", data=json.dumps(task).encode(), method="PUT",
                                         headers={"Content-Type": "application/fhir+json", "If-None-Match": "*"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                check(response.status in (200, 201), f"Task: created through PUT with If-None-Match (got {response.status})")
        except urllib.error.HTTPError as error:
            check(False, f"Task: created through PUT with If-None-Match (got {error.code}: {error.read()[:300]!r})")


def main(base):
    client = SyncFHIRClient(base, extra_headers={"Accept": "application/fhir+json"})
    status, capability = get_json(f"{base}/metadata")
    check(status == 200, "GET /metadata answers 200")
    validate(capability, "CapabilityStatement")
    write_through_declared_interactions(client, base, capability)
    check(capability.get("fhirVersion") == "4.0.1", "CapabilityStatement says FHIR 4.0.1")
    for declared in capability["rest"][0]["resource"]:
        kind = declared["type"]
        interactions = {i["code"] for i in declared["interaction"]}
        parameters = [p["name"] for p in declared["searchParam"]]
        status, bundle = get_json(f"{base}/{kind}" + ("?_count=20" if "_count" in parameters else ""))
        check(status == 200, f"{kind}: search answers 200 (got {status})")
        if status != 200:
            continue
        validate(bundle, f"{kind}: searchset Bundle")
        entries = [e["resource"] for e in bundle.get("entry") or []]
        for resource in entries:
            validate(resource, f"{kind}/{resource.get('id')}")
        if not entries:
            print(f"note {kind}: nothing served in this centre, read and search by value not checked")
            continue
        first = entries[0]
        if "read" in interactions:
            read = client.reference(kind, first["id"]).to_resource()
            check(read["id"] == first["id"], f"{kind}: fhirpy reads {kind}/{first['id']} by id")
            status, missing = get_json(f"{base}/{kind}/no-such-id")
            check(status == 404 and missing.get("resourceType") == "OperationOutcome",
                  f"{kind}: an unknown id answers 404 with an OperationOutcome (got {status})")
        for parameter in parameters:
            if parameter in ("_count", "_sort"):
                continue
            sample = sample_value(parameter, first)
            if sample is None:
                if parameter != "municipality":
                    print(f"note {kind}?{parameter}: no value to search by in the served sample")
                continue
            value, matches = sample
            search = client.resources(kind).search(**{parameter: value})
            try:
                found = [r.serialize() for r in (search.limit(50) if "_count" in parameters else search).fetch()]
            except Exception as error:  # fhirpy raises the server's OperationOutcome
                check(False, f"{kind}?{parameter}={value}: refused: {str(error)[:300]}")
                continue
            check(len(found) > 0, f"{kind}?{parameter}={value}: finds the resource it came from")
            check(all(matches(r) for r in found), f"{kind}?{parameter}={value}: every result matches")
        if "_count" in parameters:
            page = client.resources(kind).limit(2).fetch()
            check(len(page) <= 2, f"{kind}?_count=2: at most two on the page (got {len(page)})")
        if "_sort" in parameters:
            status, sorted_bundle = get_json(f"{base}/{kind}?_sort=_lastUpdated&_count=50")
            stamps = [e["resource"]["meta"]["lastUpdated"] for e in sorted_bundle.get("entry") or []]
            check(status == 200 and stamps == sorted(stamps), f"{kind}?_sort=_lastUpdated: ascending")
        status, refused = get_json(f"{base}/{kind}?no-such-parameter=1")
        check(status == 400 and refused.get("resourceType") == "OperationOutcome",
              f"{kind}: an undeclared search parameter is refused with 400 and an OperationOutcome (got {status})")
    print(f"{checks} checks, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/")))
