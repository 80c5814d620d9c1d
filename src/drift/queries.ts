/**
 * The drift report's GraphQL documents (validated against GitHub's schema by test/drift/queries.test.ts).
 * One page of DRIFT_PULLS_QUERY brings, for up to 50 pull requests, everything the report needs:
 * merge facts, the changed paths, and the App's check runs on the last commit, whose output text
 * carries the DecisionRecord. 200 PRs cost four requests instead of one per PR.
 */

import { CONFIG_BLOB_FRAGMENT } from '../github/queries.js';

export const DRIFT_REPO_QUERY = /* GraphQL */ `
  query AgentZonesDriftRepo($owner: String!, $name: String!, $configYml: String!, $configYaml: String!) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef {
        name
      }
      configYml: object(expression: $configYml) {
        ...AgentZonesConfigBlob
      }
      configYaml: object(expression: $configYaml) {
        ...AgentZonesConfigBlob
      }
    }
  }
  ${CONFIG_BLOB_FRAGMENT}
`;

/**
 * Pull requests, most recently updated first, so paging stops at the first PR older than the
 * report's eight windows. `$appId` is nullable: left out, check runs of every App are read (the CLI
 * without AGENT_ZONES_APP_ID), and the report says so.
 */
export const DRIFT_PULLS_QUERY = /* GraphQL */ `
  query AgentZonesDriftPulls($owner: String!, $name: String!, $first: Int!, $after: String, $appId: Int) {
    repository(owner: $owner, name: $name) {
      pullRequests(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          number
          title
          body
          url
          state
          merged
          mergedAt
          closedAt
          createdAt
          updatedAt
          baseRefName
          headRefName
          labels(first: 20) {
            nodes {
              name
            }
          }
          author {
            __typename
            login
          }
          mergedBy {
            login
          }
          files(first: 100) {
            totalCount
            nodes {
              path
            }
          }
          commits(last: 1) {
            nodes {
              commit {
                oid
                checkSuites(first: 5, filterBy: { appId: $appId }) {
                  nodes {
                    checkRuns(first: 5) {
                      nodes {
                        databaseId
                        name
                        status
                        conclusion
                        startedAt
                        completedAt
                        text
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
  }
`;

export const DRIFT_DOCUMENTS = { DRIFT_REPO_QUERY, DRIFT_PULLS_QUERY };
