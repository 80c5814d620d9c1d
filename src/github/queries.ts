/**
 * Every GraphQL document agent-zones sends. They live in one module so that a test can validate
 * each against GitHub's schema (@octokit/graphql-schema); the tree query is built per PR (one alias
 * per directory), and the test validates a generated instance.
 */

/** The config file as the decision and the drift report read it: text, or why it cannot be used. */
export const CONFIG_BLOB_FRAGMENT = /* GraphQL */ `
  fragment AgentZonesConfigBlob on Blob {
    text
    isTruncated
    isBinary
  }
`;

/** One request for everything a decision needs besides the file list. */
export const SNAPSHOT_QUERY = /* GraphQL */ `
  query AgentZonesSnapshot(
    $owner: String!
    $name: String!
    $number: Int!
    $baseRef: String!
    $configYml: String!
    $configYaml: String!
    $appId: Int!
    $checkName: String!
  ) {
    repository(owner: $owner, name: $name) {
      id
      autoMergeAllowed
      defaultBranchRef {
        name
      }
      configYml: object(expression: $configYml) {
        ...AgentZonesConfigBlob
      }
      configYaml: object(expression: $configYaml) {
        ...AgentZonesConfigBlob
      }
      zoneLabels: labels(first: 20, query: "zone:") {
        nodes {
          name
          color
        }
      }
      baseRef: ref(qualifiedName: $baseRef) {
        branchProtectionRule {
          requiresStatusChecks
          requiredStatusCheckContexts
          requiredStatusChecks {
            context
            app {
              databaseId
            }
          }
        }
        rules(first: 100) {
          nodes {
            type
            parameters {
              ... on RequiredStatusChecksParameters {
                requiredStatusChecks {
                  context
                  integrationId
                }
              }
            }
          }
        }
      }
      pullRequest(number: $number) {
        id
        number
        state
        merged
        isDraft
        headRefOid
        headRefName
        baseRefName
        baseRefOid
        changedFiles
        author {
          __typename
          login
        }
        autoMergeRequest {
          enabledAt
          mergeMethod
        }
        labels(first: 100) {
          nodes {
            name
          }
        }
        commits(last: 1) {
          nodes {
            commit {
              oid
              checkSuites(first: 10, filterBy: { appId: $appId }) {
                nodes {
                  checkRuns(first: 10, filterBy: { checkName: $checkName }) {
                    nodes {
                      databaseId
                      status
                      conclusion
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  ${CONFIG_BLOB_FRAGMENT}
`;

export const ENABLE_AUTO_MERGE = /* GraphQL */ `
  mutation AgentZonesEnableAutoMerge($pullRequestId: ID!, $expectedHeadOid: GitObjectID!, $mergeMethod: PullRequestMergeMethod!) {
    enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, expectedHeadOid: $expectedHeadOid, mergeMethod: $mergeMethod }) {
      pullRequest {
        autoMergeRequest {
          enabledAt
        }
      }
    }
  }
`;

export const DISABLE_AUTO_MERGE = /* GraphQL */ `
  mutation AgentZonesDisableAutoMerge($pullRequestId: ID!) {
    disablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId }) {
      pullRequest {
        id
      }
    }
  }
`;

export interface TreeRequest {
  /** `SHA:dir` (root: `SHA:`). */
  expression: string;
}

export interface BlobRequest {
  /** `SHA:path` of a file whose full text is needed (workflow files). */
  expression: string;
}

/**
 * The file modes and binary flags of the changed paths (the REST file list has neither), read as the
 * entries of each changed directory at base and head, plus full texts of changed workflow files.
 */
export function treesQuery(trees: readonly TreeRequest[], blobs: readonly BlobRequest[]): { query: string; variables: Record<string, string> } {
  const vars: string[] = ['$owner: String!', '$name: String!'];
  const fields: string[] = [];
  const variables: Record<string, string> = {};
  trees.forEach((t, i) => {
    vars.push(`$t${i}: String!`);
    variables[`t${i}`] = t.expression;
    fields.push(`t${i}: object(expression: $t${i}) { ... on Tree { entries { name mode type object { ... on Blob { isBinary byteSize } } } } }`);
  });
  blobs.forEach((b, i) => {
    vars.push(`$b${i}: String!`);
    variables[`b${i}`] = b.expression;
    fields.push(`b${i}: object(expression: $b${i}) { ... on Blob { text isTruncated isBinary } }`);
  });
  const query = `query AgentZonesTrees(${vars.join(', ')}) { repository(owner: $owner, name: $name) { ${fields.join(' ')} } }`;
  return { query, variables };
}

/** Every fixed document, for the schema test. */
export const FIXED_DOCUMENTS = { SNAPSHOT_QUERY, ENABLE_AUTO_MERGE, DISABLE_AUTO_MERGE };
