#!/usr/bin/env python3
"""Writes discord-openapi-subset.json: the routes PaperBot calls and the gateway objects the fake sends, with every
component schema they reference, taken unchanged from Discord's OpenAPI description (discord/discord-api-spec,
MIT licence). Rerun when the bot calls a new route:

    python3 tests/Bot.Tests/Discord/OpenApi/trim-openapi.py ../shared/reference/discord-openapi.json
"""
import json
import os
import sys

# (path, method) of every REST call the bot makes.
ROUTES = [
    ("/gateway/bot", "get"),
    ("/applications/{application_id}/commands", "put"),
    ("/applications/{application_id}/guilds/{guild_id}/commands", "put"),
    ("/interactions/{interaction_id}/{interaction_token}/callback", "post"),
    ("/webhooks/{webhook_id}/{webhook_token}", "post"),
    ("/webhooks/{webhook_id}/{webhook_token}/messages/@original", "get"),
    ("/webhooks/{webhook_id}/{webhook_token}/messages/@original", "patch"),
    ("/webhooks/{webhook_id}/{webhook_token}/messages/@original", "delete"),
    ("/channels/{channel_id}/messages", "get"),
    ("/channels/{channel_id}/messages", "post"),
    ("/channels/{channel_id}/messages/{message_id}", "get"),
    ("/channels/{channel_id}/messages/{message_id}", "patch"),
    ("/channels/{channel_id}/messages/{message_id}/threads", "post"),
    ("/channels/{channel_id}/typing", "post"),
    ("/users/@me/channels", "post"),
]

# Objects inside gateway dispatches that the REST description also defines.
DISPATCH_SCHEMAS = [
    "MessageResponse", "UserResponse", "GuildMemberResponse", "GuildChannelResponse", "PrivateChannelResponse",
    "GuildRoleResponse", "ChannelPermissionOverwriteResponse",
]


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[1])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(source):
    spec = json.load(open(source, encoding="utf-8"))
    paths = {}
    for path, method in ROUTES:
        operation = spec["paths"][path][method]
        kept = {}
        if "requestBody" in operation:
            kept["requestBody"] = {"content": {"application/json": operation["requestBody"]["content"]["application/json"]}}
        kept["responses"] = {code: r for code, r in operation["responses"].items() if code.startswith("2")}
        paths.setdefault(path, {})[method] = kept

    schemas = spec["components"]["schemas"]
    wanted, pending = set(), set(DISPATCH_SCHEMAS)
    refs(paths, pending)
    while pending:
        name = pending.pop()
        if name not in wanted:
            wanted.add(name)
            refs(schemas[name], pending)

    subset = {
        "openapi": spec["openapi"],
        "info": {"title": spec["info"]["title"], "version": spec["info"]["version"],
                 "x-source": "github.com/discord/discord-api-spec specs/openapi.json (MIT licence), trimmed by trim-openapi.py"},
        "paths": paths,
        "components": {"schemas": {name: schemas[name] for name in sorted(wanted)}},
    }
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "discord-openapi-subset.json")
    with open(target, "w", encoding="utf-8") as out:
        json.dump(subset, out, indent=1, sort_keys=False)
        out.write("\n")
    print(f"{len(paths)} paths, {len(wanted)} schemas -> {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/discord-openapi.json")
