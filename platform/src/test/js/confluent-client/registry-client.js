'use strict';
// Drives the third-party @kafkajs/confluent-schema-registry client, through its public API only,
// for ConfluentJavaScriptClientIT. Reads one request as JSON on stdin:
//   {"host": "http://127.0.0.1:8081", "steps": [{"op": "register", "subject": "...", "schema": "..."}, ...]}
// runs the steps in order on one SchemaRegistry instance, and prints one JSON array on stdout with,
// per step, {"ok": true, "value": ...} or {"ok": false, "error": {"name", "status", "message"}}.
// A step that fails is an answer, not a crash: the test asserts on what the library reports.
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');

const operations = {
  register: (registry, step) =>
    registry.register({ type: SchemaType.AVRO, schema: step.schema }, { subject: step.subject }),
  getLatestSchemaId: (registry, step) => registry.getLatestSchemaId(step.subject),
  getRegistryId: (registry, step) => registry.getRegistryId(step.subject, step.version),
  encode: async (registry, step) => (await registry.encode(step.id, step.payload)).toString('base64'),
  decode: (registry, step) => registry.decode(Buffer.from(step.base64, 'base64')),
};

async function answer(registry, step) {
  const operation = operations[step.op];
  if (!operation) {
    throw new Error(`Unknown op '${step.op}', expected one of ${Object.keys(operations).join(', ')}`);
  }
  try {
    return { ok: true, value: await operation(registry, step) };
  } catch (error) {
    return { ok: false, error: { name: error.name, status: error.status ?? null, message: error.message } };
  }
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const registry = new SchemaRegistry({ host: request.host });
  const answers = [];
  for (const step of request.steps) {
    answers.push(await answer(registry, step));
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch(error => {
  console.error(error && error.stack ? error.stack : error);
  process.exitCode = 1;
});
