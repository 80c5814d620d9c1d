import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schema as githubSchema } from '@octokit/graphql-schema';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { FIXED_DOCUMENTS, treesQuery } from '../../src/github/queries.js';

const schema = buildClientSchema(githubSchema.json as unknown as IntrospectionQuery);

function errorsOf(doc: string): string[] {
  return validate(schema, parse(doc)).map((e) => e.message);
}

for (const [name, doc] of Object.entries(FIXED_DOCUMENTS)) {
  test(`${name} is valid against GitHub's GraphQL schema`, () => {
    assert.deepEqual(errorsOf(doc), []);
  });
}

test('the generated trees query is valid against the schema', () => {
  const { query, variables } = treesQuery([{ expression: 'abc:' }, { expression: 'abc:src/a' }], [{ expression: 'abc:.github/workflows/ci.yml' }]);
  assert.deepEqual(errorsOf(query), []);
  assert.deepEqual(Object.keys(variables), ['t0', 't1', 'b0']);
});

test('an invalid document is caught (the check is real)', () => {
  assert.ok(errorsOf('query { repository(owner: "a", name: "b") { noSuchField } }').length > 0);
});
