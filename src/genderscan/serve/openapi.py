"""The OpenAPI 3.1 description of the HTTP API, generated from the pydantic models (the JSON contract)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from pydantic.json_schema import models_json_schema

from genderscan import __version__
from genderscan.compare import Comparison
from genderscan.report import Report


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable message code (the keys of locales/<lang>/messages*.yaml), e.g. scanned_pdf.")
    message: str = Field(description="The same sentence the command line prints, in the requested language.")
    field: Literal["old", "new"] | None = Field(
        default=None, description="POST /api/compare only: the version (form field) the error is about."
    )


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    max_upload_bytes: int
    formats: list[str]


def _error(description: str) -> dict:
    return _json_response(description, "ErrorBody")


def _lang_parameter() -> dict:
    return {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "Language of the messages in the report and of errors.",
        "schema": {"type": "string", "enum": ["nl", "en"], "default": "nl"},
    }


def _file_property(max_bytes: int, what: str) -> dict:
    return {
        "type": "string",
        "contentMediaType": "application/octet-stream",
        "description": f"{what}, at most {max_bytes} bytes. Its type is recognised by content "
        "(%PDF, DOCX zip, <!DOCTYPE html or <html, UTF-8 text; .html/.htm/.md by name only for UTF-8 text).",
    }


def _upload_body(files: dict[str, dict]) -> dict:
    """A required multipart/form-data body with these file fields."""
    schema = {"type": "object", "properties": files, "required": list(files)}
    return {"required": True, "content": {"multipart/form-data": {"schema": schema}}}


def _json_response(description: str, model: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}}


def _guard_responses() -> dict:
    return {
        "401": _error("An access token is required (a server reachable from other computers): send 'Authorization: Bearer TOKEN'."),
        "403": _error("A cross-origin request from a browser (Origin / Sec-Fetch-Site of another site)."),
        "408": _error("The request body did not arrive within the upload time limit."),
    }


def _analyse_operation(max_bytes: int) -> dict:
    return {
        "operationId": "analyse",
        "summary": "Analyse one document",
        "parameters": [_lang_parameter()],
        "requestBody": _upload_body({"file": _file_property(max_bytes, "The document")}),
        "responses": {
            "200": _json_response("The report (JSON contract).", "Report"),
            "400": _error("No file, an empty file, the file in another field, or a damaged multipart form."),
            **_guard_responses(),
            "413": _error("The file is larger than the limit."),
            "415": _error("The content is not PDF, DOCX, HTML, Markdown or text, or the request is not multipart/form-data."),
            "422": _error("The file cannot be read (scanned, encrypted, damaged, without text), or its analysis "
                          "exceeded the time or memory limit (analysis_timeout, analysis_memory)."),
            "500": _error("The analysis failed (a bug: please report it)."),
        },
    }


def _compare_operation(max_bytes: int) -> dict:
    return {
        "operationId": "compare",
        "summary": "Compare two versions of one vision",
        "description": "Both documents are analysed as by POST /api/analyse and compared as by "
        "`genderscan compare OLD NEW --format json`: level per item, new and removed evidence "
        "(matched by item and sentence, not by page), score change, pitfalls added and removed. "
        "Errors are checked for `old` first, then `new`; `error.field` says which version failed.",
        "parameters": [_lang_parameter()],
        "requestBody": _upload_body(
            {
                "old": _file_property(max_bytes, "The old version of the document"),
                "new": _file_property(max_bytes, "The new version of the document"),
            }
        ),
        "responses": {
            "200": _json_response("The comparison (genderscan compare's JSON).", "Comparison"),
            "400": _error("A version is missing, a file is empty, or the multipart form is damaged."),
            **_guard_responses(),
            "413": _error("A file is larger than the limit (the limit holds per file)."),
            "415": _error("The content of a file is not PDF, DOCX, HTML, Markdown or text, or the request is not multipart/form-data."),
            "422": _error("A file cannot be read (scanned, encrypted, damaged, without text), or its analysis "
                          "exceeded the time or memory limit (analysis_timeout, analysis_memory)."),
            "500": _error("The analysis failed (a bug: please report it)."),
        },
    }


def openapi_document(max_bytes: int) -> dict:
    _, defs = models_json_schema(
        [(Report, "serialization"), (Comparison, "serialization"), (ErrorBody, "serialization"), (Health, "serialization")],
        ref_template="#/components/schemas/{model}",
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "genderscan",
            "version": __version__,
            "description": "Upload a policy document (PDF, DOCX, HTML, Markdown, text) and get the genderscan report "
            "(JSON contract, schema_version 1.0), or two versions of one vision and get their comparison. "
            "Uploads are analysed in a temporary folder and deleted "
            "before the response is sent; nothing is stored.",
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        },
        "paths": {
            "/api/analyse": {"post": _analyse_operation(max_bytes)},
            "/api/compare": {"post": _compare_operation(max_bytes)},
            "/api/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Is the server ready?",
                    "responses": {"200": _json_response("Ready; the pipeline is loaded.", "Health")},
                }
            },
        },
        "components": {"schemas": defs["$defs"]},
    }
