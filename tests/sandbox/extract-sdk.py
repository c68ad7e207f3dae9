#!/usr/bin/env python3
"""Regenerates tests/data/sdk-enums.txt and tests/data/sdk-fields.txt from
the unpacked Scaleway SDK packages (not run by make check):

  tests/sandbox/extract-sdk.py /work/sdk tests/data

Enums come from types.gen.d.ts (`export type X = 'a' | 'b'`). Object types
are the interfaces that marshalling.gen.js unmarshals; their wire keys are
the `data.<key>` names there, their value types and optionality come from
types.gen.d.ts. Money comes from @scaleway/sdk-client (unmarshalMoney)."""
import re
import sys

PACKAGES = [
    ("dedibox", "scaleway-sdk-dedibox-1.4.0/package/dist/v1", "@scaleway/sdk-dedibox@1.4.0"),
    ("iam", "scaleway-sdk-iam-1.6.0/package/dist/v1alpha1", "@scaleway/sdk-iam@1.6.0"),
    ("billing", "scaleway-sdk-billing-1.3.0/package/dist/v2beta1", "@scaleway/sdk-billing@1.3.0"),
]


def parse_types(text):
    enums, ifaces = {}, {}
    for m in re.finditer(r"^export type (\w+) = ('[^;]*');", text, re.M):
        enums[m.group(1)] = re.findall(r"'([^']*)'", m.group(2))
    for m in re.finditer(r"^export interface (\w+) \{\n(.*?)^\}", text, re.M | re.S):
        body = re.sub(r"/\*\*.*?\*/", "", m.group(2), flags=re.S)
        fields = {}
        for f in re.finditer(r"^\s+(\w+)(\??): ([^;]+);", body, re.M):
            fields[f.group(1)] = (f.group(3).strip(), f.group(2) == "?")
        ifaces[m.group(1)] = fields
    return enums, ifaces


def parse_marshalling(text):
    wire = {}
    for m in re.finditer(r"^const unmarshal(\w+) = \(data\) => \{.*?return \{\n(.*?)^  \};", text, re.M | re.S):
        pairs = re.findall(r"^    (\w+): .*?data\.(\w+)", m.group(2), re.M | re.S)
        wire[m.group(1)] = dict(pairs)
    return wire


def kind(ts, ns, enums, ifaces):
    ts = ts.replace(" | undefined", "")
    if ts.endswith("[]"):
        return kind(ts[:-2], ns, enums, ifaces) + "[]"
    m = re.match(r"Record<string, (\w+)>", ts)
    if m:
        return "map:" + kind(m.group(1), ns, enums, ifaces)
    if ts in ("number", "string", "boolean"):
        return ts
    if ts == "Date":
        return "date"
    if ts in ("ScwZone", "ScwRegion"):
        return "string"
    if ts == "Money":
        return "sdk.Money"
    if ts in enums or ts in ifaces:
        return ns + "." + ts
    return "any"


def parse_routes(text):
    routes = []
    for m in re.finditer(r'method: "([A-Z]+)",\s*path: `([^`]*)`', text):
        path = re.sub(r'\$\{validatePathParam\("(\w+)"[^}]*\}', r'{\1}', m.group(2))
        routes.append(f"{m.group(1)} {path}")
    return routes


def main(sdk, out):
    enum_lines, field_lines, route_lines = [], [], []
    for ns, path, name in PACKAGES:
        types = open(f"{sdk}/{path}/types.gen.d.ts").read()
        marsh = open(f"{sdk}/{path}/marshalling.gen.js").read()
        enums, ifaces = parse_types(types)
        wire = parse_marshalling(marsh)
        if ns != "iam":
            route_lines += parse_routes(open(f"{sdk}/{path}/api.gen.js").read())
        for e in sorted(enums):
            enum_lines.append(f"{ns}.{e} " + " ".join(enums[e]))
        for t in sorted(wire):
            if t not in ifaces:
                continue
            for camel, key in sorted(wire[t].items(), key=lambda kv: kv[1]):
                ts, opt = ifaces[t].get(camel, ("any", True))
                field_lines.append(f"{ns}.{t} {key} {kind(ts, ns, enums, ifaces)} "
                                   + ("optional" if opt else "required"))
    field_lines += ["sdk.Money currency_code string required",
                    "sdk.Money nanos number required",
                    "sdk.Money units number required"]
    src = ", ".join(n for _, _, n in PACKAGES)
    with open(f"{out}/sdk-routes.txt", "w") as f:
        f.write(f"# Every method and path of the Dedibox and Billing APIs, extracted from api.gen.js of\n"
                f"# {PACKAGES[0][2]} and {PACKAGES[2][2]} by tests/sandbox/extract-sdk.py. Line: METHOD PATH\n")
        f.write("\n".join(route_lines) + "\n")
    with open(f"{out}/sdk-enums.txt", "w") as f:
        f.write(f"# Enum values allowed on the wire, extracted from types.gen.d.ts of {src}\n"
                "# by tests/sandbox/extract-sdk.py. Line: TYPE VALUE...\n")
        f.write("\n".join(enum_lines) + "\n")
    with open(f"{out}/sdk-fields.txt", "w") as f:
        f.write(f"# Wire keys of response objects, extracted from marshalling.gen.js and\n"
                f"# types.gen.d.ts of {src} (Money: @scaleway/sdk-client@2.3.1)\n"
                "# by tests/sandbox/extract-sdk.py. Line: TYPE KEY KIND required|optional\n"
                "# KIND: number string boolean date any, a TYPE, an enum TYPE, KIND[] or map:KIND.\n")
        f.write("\n".join(field_lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
