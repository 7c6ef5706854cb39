// Convert the request-body schemas the fake Discord validates from the npm package
// `discord-api-spec` (Zod v4 "zod/mini" schemas of Discord's official OpenAPI description)
// to one JSON Schema (Draft 2020-12) file. Not run by the tests; kept for reproducibility:
//
//   mkdir /tmp/specconv && cd /tmp/specconv
//   npm install zod@4 discord-api-spec@10.0.266135
//   cp <repo>/tests/fakediscord/spec/convert.mjs . && node convert.mjs > discord-api-requests.schema.json
//
// Which schema is the body of which route is read from the package's TypeScript `Paths` type
// (build/discord-api-spec.ts), so the mapping comes from the spec, not from this script.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as z from "zod/mini";
import * as spec from "discord-api-spec/zod";

const SPEC_PACKAGE = "discord-api-spec";

// (method, path) pairs whose request bodies the fake validates.
const ROUTES = [
  ["POST", "/channels/{channel_id}/messages"],
  ["PATCH", "/channels/{channel_id}/messages/{message_id}"],
  ["POST", "/interactions/{interaction_id}/{interaction_token}/callback"],
  ["POST", "/webhooks/{webhook_id}/{webhook_token}"],
  ["PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"],
  ["PUT", "/applications/{application_id}/commands"],
  ["PUT", "/applications/{application_id}/guilds/{guild_id}/commands"],
  ["POST", "/applications/{application_id}/commands"],
  ["POST", "/applications/{application_id}/guilds/{guild_id}/commands"],
  ["PATCH", "/applications/{application_id}/commands/{command_id}"],
  ["PATCH", "/applications/{application_id}/guilds/{guild_id}/commands/{command_id}"],
  ["POST", "/guilds/{guild_id}/scheduled-events"],
  ["PATCH", "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}"],
  ["POST", "/users/@me/channels"],
];

// build/discord-api-spec.zod.js -> package root (package.json is not in the package's "exports")
const pkgDir = dirname(dirname(fileURLToPath(import.meta.resolve(`${SPEC_PACKAGE}/zod`))));
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const ts = readFileSync(join(pkgDir, "build", "discord-api-spec.ts"), "utf8");

// --- 1. the request-body type expression of each route, from `Paths` in the .ts file
function requestBodyType(method, path) {
  const start = ts.indexOf(`\n  "${path}": {`);
  if (start < 0) throw new Error(`path not in spec: ${path}`);
  const end = ts.indexOf('\n  "/', start + 5);
  const block = ts.slice(start, end < 0 ? undefined : end);
  const m = block.indexOf(`\n    ${method.toLowerCase()}: {`);
  if (m < 0) throw new Error(`${method} ${path} not in spec`);
  const rb = block.indexOf("requestBody", m);
  const expr = block.slice(block.indexOf(":", rb) + 1, block.indexOf(";\n", rb));
  return expr.split("|").map((s) => s.trim()).filter(Boolean);
}

// "Foo" -> {$ref}, "Foo[]" -> array of Foo, "null" -> null; several -> anyOf.
function routeSchema(alternatives) {
  const parts = alternatives.map((alt) => {
    if (alt === "null") return { type: "null" };
    const array = alt.endsWith("[]");
    const name = array ? alt.slice(0, -2) : alt;
    if (!(`${name}Schema` in spec)) throw new Error(`no zod schema for ${name}`);
    const ref = { $ref: `#/$defs/${name}` };
    return array ? { type: "array", items: ref } : ref;
  });
  return parts.length === 1 ? parts[0] : { anyOf: parts };
}

const routes = {};
for (const [method, path] of ROUTES) {
  routes[`${method} ${path}`] = routeSchema(requestBodyType(method, path));
}

// --- 2. every exported zod schema in one registry, so shared/lazy/cyclic schemas become
// named $defs; convert, then keep only what the routes reach.
const registry = z.registry();
for (const [exportName, schema] of Object.entries(spec)) {
  if (!exportName.endsWith("Schema") || typeof schema !== "object" || !schema?._zod) continue;
  registry.add(schema, { id: exportName.slice(0, -"Schema".length) });
}
const converted = z.toJSONSchema(registry, {
  target: "draft-2020-12",
  io: "input",
  cycles: "ref",
  reused: "inline",
  // A JSON value is never `undefined` (an absent key is covered by `required`), so a
  // z.undefined() union member becomes "matches nothing" instead of "matches anything";
  // anything else unrepresentable falls back to {} (logged on stderr).
  unrepresentable: (ctx) => {
    if (ctx.zodSchema._zod.def.type === "undefined") return { not: {} };
    process.stderr.write(`unrepresentable at ${ctx.path.join("/")}: ${ctx.message}\n`);
    return "any";
  },
  uri: (id) => `#/$defs/${id}`,
}).schemas;

const defs = {};
const pending = [];
const collectRefs = (node) => {
  if (Array.isArray(node)) return node.forEach(collectRefs);
  if (node === null || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
      pending.push(v.slice("#/$defs/".length));
    } else {
      collectRefs(v);
    }
  }
};
collectRefs(routes);
while (pending.length) {
  const id = pending.pop();
  if (id in defs) continue;
  const schema = converted[id];
  if (!schema) throw new Error(`unresolved $ref ${id}`);
  const { $schema, $id, ...rest } = schema;
  if (rest.$defs) throw new Error(`nested $defs in ${id}; expected every shared schema named`);
  defs[id] = rest;
  collectRefs(rest);
}

const sorted = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
const out = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $comment:
    `Generated by tests/fakediscord/spec/convert.mjs from npm ${pkg.name}@${pkg.version} ` +
    `(${pkg.license} licence, ${pkg.repository}); zod toJSONSchema io=input. Do not edit by hand.`,
  source: { package: pkg.name, version: pkg.version, license: pkg.license },
  routes,
  $defs: sorted,
};
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
