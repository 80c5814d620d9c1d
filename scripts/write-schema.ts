// Writes agent-zones.schema.json from src/policy/schema.ts, the single source of the config format.
// test/policy/schema.test.ts fails when the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaFileText } from '../src/policy/schema.js';

const target = fileURLToPath(new URL('../agent-zones.schema.json', import.meta.url));
writeFileSync(target, schemaFileText());
console.log(`wrote ${target}`);
