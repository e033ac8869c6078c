"""``rules``: the deterministic engine, the embedded default.

It writes nothing by itself. The pipeline composes the text deterministically (templates, the structuring
engine, guideline tables) and hands it over in ``GenerationRequest.deterministic_text``; this backend
returns it, marked engine "rules", so every findings and impression source goes through one protocol and
one log.
"""

from __future__ import annotations

import radpilot
from radpilot.models.base import (
    Backend,
    BackendOptions,
    Capabilities,
    GenerationRequest,
    RequestError,
    Response,
)
from radpilot.models.log import PromptLog
from radpilot.models.registry import register


@register
class RulesBackend(Backend):
    name = "rules"
    summary = "deterministic text from RadPilot's rules and templates (no model)"
    Options = BackendOptions

    def __init__(self, options: BackendOptions, log: PromptLog | None = None) -> None:
        super().__init__(options, log)
        self.model_id = "radpilot-rules"
        self.version = radpilot.__version__
        self.capabilities = Capabilities(
            task="deterministic",
            json_schema=True,
            streaming=True,
            licence="Apache-2.0 (RadPilot)",
            local=True,
        )

    def _generate(self, request: GenerationRequest) -> Response:
        if request.deterministic_text is None:
            raise RequestError(
                "the rules backend writes nothing by itself: pass the deterministic text in "
                "GenerationRequest.deterministic_text"
            )
        text = request.deterministic_text
        if request.stream is not None:
            request.stream(text)
        return self._response(text, finish_reason="stop", prompt_tokens=0, completion_tokens=0)
