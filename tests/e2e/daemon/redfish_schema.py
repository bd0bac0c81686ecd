# SPDX-License-Identifier: BSD-3-Clause
"""Validation of rendered Redfish JSON against DMTF's published schemas.

The schemas refer to unversioned documents (``Resource.json``,
``Certificate.json``, ``ComponentIntegrity.json``) that are not shipped
with them. Each such reference resolves to the versioned document in the
same folder that defines the name, as a Redfish service's unversioned
schema would. The few base types that only the unversioned Resource.json
defines (Id, Name, Description, Oem, Status) are checked for their JSON
type alone.
"""

import json
import os
import re
from pathlib import Path

import jsonschema

SCHEMA_BASE = "http://redfish.dmtf.org/schemas/v1/"

# Base types from the unversioned Resource.json, which is not shipped.
RESOURCE_BASE_TYPES = {
    "Id": {"type": "string"},
    "Name": {"type": "string"},
    "Description": {"type": "string"},
    "Oem": {"type": "object"},
    "Status": {"type": "object"},
}


def schema_dir():
    """Return the folder of DMTF Redfish schemas used by the tests."""
    testdata = os.environ.get("SPDM_TESTDATA")
    if testdata:
        return Path(testdata) / "redfish-schema"
    root = Path(__file__).resolve().parents[3]
    return root.parent / "shared" / "testdata" / "redfish-schema"


def _load_store(folder):
    store = {}
    versioned = {}
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text())
        store[document["$id"]] = document
        store[SCHEMA_BASE + path.name] = document
        match = re.fullmatch(r"(\w+)\.v\d+_\d+_\d+\.json", path.name)
        if match:
            versioned[match.group(1)] = document
    for name, document in versioned.items():
        unversioned = {"definitions": dict(document["definitions"])}
        if name in unversioned["definitions"]:
            # The unversioned definition of a resource also accepts a
            # bare link, which is what collections list as members.
            unversioned["definitions"][name] = {
                "anyOf": [
                    {"$ref": SCHEMA_BASE + "odata-v4.json#/definitions/idRef"},
                    {"$ref": document["$id"] + "#/definitions/" + name},
                ]
            }
        if name == "Resource":
            unversioned["definitions"].update(RESOURCE_BASE_TYPES)
        store[SCHEMA_BASE + name + ".json"] = unversioned
    return store


def _validator(file_name, definition):
    folder = schema_dir()
    store = _load_store(folder)
    document = store[SCHEMA_BASE + file_name]
    schema = {"$ref": document["$id"] + "#/definitions/" + definition}
    resolver = jsonschema.RefResolver(
        base_uri=document["$id"], referrer=document, store=store
    )
    return jsonschema.Draft7Validator(schema, resolver=resolver)


def validate_member(resource):
    """Raise jsonschema.ValidationError unless resource is a valid
    ComponentIntegrity member."""
    _validator("ComponentIntegrity.v1_4_0.json", "ComponentIntegrity").validate(
        resource
    )


def validate_collection(resource):
    """Raise jsonschema.ValidationError unless resource is a valid
    ComponentIntegrityCollection."""
    _validator(
        "ComponentIntegrityCollection.json", "ComponentIntegrityCollection"
    ).validate(resource)
