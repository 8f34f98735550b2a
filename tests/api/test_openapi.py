"""The OpenAPI schema is served and describes every endpoint and both ways to log in."""

from __future__ import annotations


def test_openapi_schema_lists_the_directory_paths_and_security_schemes(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Jumelage API"
    assert {
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}",
        "/api/v1/organisations/{organisation_id}/people",
        "/api/v1/people/{person_id}",
        "/api/v1/people/{person_id}/erase",
        "/api/v1/people/{person_id}/export",
        "/api/v1/regions",
        "/api/v1/regions/{code}",
    } <= set(schema["paths"])
    assert sorted(schema["paths"]["/api/v1/organisations"]) == ["get", "post"]
    assert sorted(schema["paths"]["/api/v1/organisations/{organisation_id}"]) == ["get", "patch"]
    assert schema["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"},
        "SessionAuth": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }


def test_open_reads_say_no_credentials_are_needed_and_writes_that_they_are(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert paths["/api/v1/organisations"]["get"]["security"] == [
        {"TokenAuth": []},
        {"SessionAuth": []},
        {},
    ]
    assert paths["/api/v1/organisations"]["post"]["security"] == [
        {"TokenAuth": []},
        {"SessionAuth": []},
    ]
    assert paths["/api/v1/people/{person_id}"]["get"]["security"] == [
        {"TokenAuth": []},
        {"SessionAuth": []},
    ]
