"""The JSON API tested from its own OpenAPI document (schemathesis): for every operation,
generated and hostile parameters never make the server fail (no 5xx)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from kamervragen.ingest import ingest
from kamervragen.store import SQLiteStore
from kamervragen.web.app import create_app

from .test_ingest import write_documents

SAMPLES = Path(__file__).resolve().parents[1] / "kamervragen" / "samples"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("api")
    write_documents(folder / "docs", 10)
    store = SQLiteStore(folder / "k.db")
    ingest(store, [folder / "docs", SAMPLES], workers=1)
    store.close()
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(folder / "k.db"))


def test_every_operation_survives_generated_input(api: Any) -> None:
    operations = [result.ok() for result in api.get_all_operations()]
    assert {op.path for op in operations} >= {
        "/api/search",
        "/api/sets/{set_id}",
        "/api/people",
        "/api/stats/{name}",
    }
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        call()
