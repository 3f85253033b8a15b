"""The methods of each API resource of the openai SDK migrator is built against (openai 3.63.0),
as data: what ``migrator.mapping.surfaces.openai_lacks`` checks a call against. Introspecting the SDK at run
time imported some 800 of its modules into every conversion (a 20% slower codemod: GC over their objects).
``tests/test_closest_feature.py`` compares this table with the installed SDK; regenerate it with
``python -m migrator.mapping.openai_resources`` when the pinned openai changes."""

from __future__ import annotations

from types import MappingProxyType

OPENAI_VERSION = "3.63.0"

# resource path after the client -> its methods, space-separated
OPENAI_RESOURCES = MappingProxyType({
    "admin": "",
    "admin.organization": "",
    "admin.organization.admin_api_keys": "create delete list retrieve",
    "admin.organization.audit_logs": "list",
    "admin.organization.certificates": "activate create deactivate delete list retrieve update",
    "admin.organization.data_retention": "retrieve update",
    "admin.organization.external_keys": "create delete list retrieve validate",
    "admin.organization.external_storage": "create delete list retrieve validate",
    "admin.organization.groups": "create delete list retrieve update",
    "admin.organization.groups.roles": "create delete list retrieve",
    "admin.organization.groups.users": "create delete list retrieve",
    "admin.organization.health": "",
    "admin.organization.health.alert_rules": "create delete list retrieve update",
    "admin.organization.health.alerts": "retrieve",
    "admin.organization.invites": "create delete list retrieve",
    "admin.organization.projects": "archive create list retrieve update",
    "admin.organization.projects.api_keys": "delete list retrieve update",
    "admin.organization.projects.certificates": "activate deactivate list",
    "admin.organization.projects.data_retention": "retrieve update",
    "admin.organization.projects.groups": "create delete list retrieve",
    "admin.organization.projects.groups.roles": "create delete list retrieve",
    "admin.organization.projects.health": "",
    "admin.organization.projects.health.alert_rules": "create delete list retrieve update",
    "admin.organization.projects.health.alerts": "retrieve",
    "admin.organization.projects.hosted_tool_permissions": "retrieve update",
    "admin.organization.projects.model_permissions": "delete retrieve update",
    "admin.organization.projects.rate_limits": "list_rate_limits update_rate_limit",
    "admin.organization.projects.roles": "create delete list retrieve update",
    "admin.organization.projects.service_accounts": "create delete list retrieve update",
    "admin.organization.projects.service_accounts.api_keys": "create",
    "admin.organization.projects.service_tier_settings": "retrieve update",
    "admin.organization.projects.spend_alerts": "create delete list retrieve update",
    "admin.organization.projects.spend_limit": "delete retrieve update",
    "admin.organization.projects.users": "create delete list retrieve update",
    "admin.organization.projects.users.roles": "create delete list retrieve",
    "admin.organization.roles": "create delete list retrieve update",
    "admin.organization.spend_alerts": "create delete list retrieve update",
    "admin.organization.spend_limit": "delete retrieve update",
    "admin.organization.usage": "audio_speeches audio_transcriptions code_interpreter_sessions completions costs decisions embeddings file_search_calls images moderations vector_stores web_search_calls",
    "admin.organization.users": "delete list retrieve update",
    "admin.organization.users.roles": "create delete list retrieve",
    "admin.organization.workload_identity_providers": "create delete list retrieve update",
    "admin.organization.workload_identity_providers.federation_rules": "create delete list retrieve update",
    "audio": "",
    "audio.speech": "create",
    "audio.transcriptions": "create",
    "audio.translations": "create",
    "audio.voice_consents": "create delete list retrieve update",
    "audio.voices": "create delete",
    "batches": "cancel create list retrieve",
    "beta": "",
    "beta.agents": "create delete list retrieve update",
    "beta.agents.automations": "create delete list pause resume retrieve update",
    "beta.agents.automations.invocations": "create list retrieve",
    "beta.agents.environments": "create list retrieve",
    "beta.agents.environments.files": "create list prepare prepare_directory upload",
    "beta.agents.environments.templates": "create delete list retrieve update",
    "beta.agents.sessions": "create delete list retrieve stream update",
    "beta.agents.sessions.artifacts": "content delete for_result list retrieve",
    "beta.agents.sessions.events": "create stream",
    "beta.agents.sessions.items": "list",
    "beta.agents.sessions.subagents": "list retrieve",
    "beta.agents.sessions.subagents.items": "list",
    "beta.agents.sessions.subagents.turns": "list retrieve",
    "beta.agents.sessions.traces": "list",
    "beta.agents.sessions.turns": "list retrieve",
    "beta.agents.sessions.turns.items": "list",
    "beta.agents.vaults": "create delete list retrieve update",
    "beta.agents.vaults.credentials": "create delete list retrieve update",
    "beta.assistants": "create delete list retrieve update",
    "beta.chat": "",
    "beta.chat.completions": "create delete list parse retrieve stream update",
    "beta.chat.completions.messages": "list",
    "beta.chatkit": "",
    "beta.chatkit.sessions": "cancel create",
    "beta.chatkit.threads": "delete list list_items retrieve",
    "beta.realtime": "connect",
    "beta.realtime.sessions": "create",
    "beta.realtime.transcription_sessions": "create",
    "beta.responses": "cancel compact connect create delete retrieve",
    "beta.responses.input_items": "list",
    "beta.responses.input_tokens": "count",
    "beta.threads": "create create_and_run create_and_run_poll create_and_run_stream delete retrieve update",
    "beta.threads.messages": "create delete list retrieve update",
    "beta.threads.runs": "cancel create create_and_poll create_and_stream list poll retrieve stream submit_tool_outputs submit_tool_outputs_and_poll submit_tool_outputs_stream update",
    "beta.threads.runs.steps": "list retrieve",
    "chat": "",
    "chat.completions": "create delete list parse retrieve stream update",
    "chat.completions.messages": "list",
    "completions": "create",
    "containers": "create delete list retrieve",
    "containers.files": "create delete list retrieve",
    "containers.files.content": "retrieve",
    "content_provenance_checks": "create",
    "conversations": "create delete retrieve update",
    "conversations.items": "create delete list retrieve",
    "decisions": "create",
    "embeddings": "create",
    "evals": "create delete list retrieve update",
    "evals.runs": "cancel create delete list retrieve",
    "evals.runs.output_items": "list retrieve",
    "files": "content create delete list retrieve retrieve_content wait_for_processing",
    "fine_tuning": "",
    "fine_tuning.alpha": "",
    "fine_tuning.alpha.graders": "run validate",
    "fine_tuning.checkpoints": "",
    "fine_tuning.checkpoints.permissions": "create delete list retrieve",
    "fine_tuning.jobs": "cancel create list list_events pause resume retrieve",
    "fine_tuning.jobs.checkpoints": "list",
    "images": "create_variation edit generate",
    "live": "connect create",
    "live.forks": "connect",
    "live.sessions": "accept download_recording fork hangup refer reject",
    "live.sideband": "connect",
    "models": "delete list retrieve",
    "moderations": "create",
    "realtime": "connect",
    "realtime.calls": "accept create hangup refer reject",
    "realtime.client_secrets": "create",
    "realtime.translations": "connect",
    "realtime.translations.client_secrets": "create",
    "responses": "cancel compact connect create delete parse retrieve stream",
    "responses.input_items": "list",
    "responses.input_tokens": "count",
    "safety": "",
    "safety.alerts": "retrieve",
    "safety.cases": "retrieve",
    "skills": "create delete list retrieve update",
    "skills.content": "retrieve",
    "skills.versions": "create delete list retrieve",
    "skills.versions.content": "retrieve",
    "uploads": "cancel complete create upload_file_chunked",
    "uploads.parts": "create",
    "vector_stores": "create delete list retrieve search update",
    "vector_stores.file_batches": "cancel create create_and_poll list_files poll retrieve upload_and_poll",
    "vector_stores.files": "content create create_and_poll delete list poll retrieve update upload upload_and_poll",
    "videos": "create create_and_poll create_character delete download_content edit extend get_character list poll remix retrieve",
    "webhooks": "create delete list retrieve rotate_secret test unwrap update verify_signature",
    "webhooks.event_types": "list",
})


def installed_table() -> dict[str, str]:
    """The same table, read from the installed openai SDK (tests; regeneration)."""
    import openai
    from openai._resource import SyncAPIResource

    table: dict[str, str] = {}

    def walk(obj, path: list[str], depth: int) -> None:
        methods = []
        for name in sorted(dir(type(obj))):
            if name.startswith("_") or name in ("with_raw_response", "with_streaming_response"):
                continue
            attr = getattr(type(obj), name, None)
            if isinstance(attr, property) or type(attr).__name__ == "cached_property":
                sub = getattr(obj, name)
                if isinstance(sub, SyncAPIResource) and depth < 5:
                    walk(sub, [*path, name], depth + 1)
            elif callable(attr):
                methods.append(name)
        if path:
            table[".".join(path)] = " ".join(methods)

    walk(openai.OpenAI(api_key="unused", base_url="http://127.0.0.1:9"), [], 0)  # nothing is sent
    return table


if __name__ == "__main__":
    import openai

    print(f'OPENAI_VERSION = "{openai.__version__}"')
    for path, methods in sorted(installed_table().items()):
        print(f'    "{path}": "{methods}",')
