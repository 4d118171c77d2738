"""The JSON API tested from its own OpenAPI document (schemathesis): for every operation,
generated and hostile parameters never make the server fail (no 5xx)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from kamervragen.web.app import create_app

from .web_support import sample_store


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = sample_store(tmp_path_factory.mktemp("api"), 10)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


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
