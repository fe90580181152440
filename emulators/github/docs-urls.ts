/**
 * Each endpoint's documentation page (`externalDocs.url` in GitHub's OpenAPI description), keyed by the emulator's
 * route. GitHub links it in a 404 from a known endpoint; a path no endpoint serves gets the generic link.
 * test/contract/github-docs-urls.test.ts checks this table against @octokit/openapi and the registered routes.
 */
export const DOCS_URLS: Readonly<Record<string, string>> = {
  'GET /app': 'https://docs.github.com/rest/apps/apps#get-the-authenticated-app',
  'GET /app/installations':
    'https://docs.github.com/enterprise-server@3.9/rest/apps/apps#list-installations-for-the-authenticated-app',
  'GET /app/installations/:id': 'https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app',
  'GET /repos/:owner/:repo/installation':
    'https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app',
  'POST /app/installations/:id/access_tokens':
    'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
  'GET /installation/repositories':
    'https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation',
  'POST /repos/:owner/:repo/deployments': 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
  'GET /repos/:owner/:repo/deployments': 'https://docs.github.com/rest/deployments/deployments#list-deployments',
  'GET /repos/:owner/:repo/deployments/:id': 'https://docs.github.com/rest/deployments/deployments#get-a-deployment',
  'DELETE /repos/:owner/:repo/deployments/:id':
    'https://docs.github.com/rest/deployments/deployments#delete-a-deployment',
  'POST /repos/:owner/:repo/deployments/:id/statuses':
    'https://docs.github.com/rest/deployments/statuses#create-a-deployment-status',
  'GET /repos/:owner/:repo/deployments/:id/statuses':
    'https://docs.github.com/rest/deployments/statuses#list-deployment-statuses',
  'GET /repos/:owner/:repo/deployments/:id/statuses/:status_id':
    'https://docs.github.com/rest/deployments/statuses#get-a-deployment-status',
  'POST /repos/:owner/:repo/issues/comments/:id/reactions':
    'https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment',
  'GET /repos/:owner/:repo/issues/comments/:id/reactions':
    'https://docs.github.com/rest/reactions/reactions#list-reactions-for-an-issue-comment',
  'POST /repos/:owner/:repo/issues/:number/reactions':
    'https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue',
  'GET /repos/:owner/:repo/issues/:number/reactions':
    'https://docs.github.com/rest/reactions/reactions#list-reactions-for-an-issue',
  'POST /repos/:owner/:repo/issues': 'https://docs.github.com/rest/issues/issues#create-an-issue',
  'GET /repos/:owner/:repo/issues': 'https://docs.github.com/rest/issues/issues#list-repository-issues',
  'GET /repos/:owner/:repo/issues/comments':
    'https://docs.github.com/rest/issues/comments#list-issue-comments-for-a-repository',
  'GET /repos/:owner/:repo/issues/comments/:id': 'https://docs.github.com/rest/issues/comments#get-an-issue-comment',
  'PATCH /repos/:owner/:repo/issues/comments/:id':
    'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
  'DELETE /repos/:owner/:repo/issues/comments/:id':
    'https://docs.github.com/rest/issues/comments#delete-an-issue-comment',
  'GET /repos/:owner/:repo/issues/:number': 'https://docs.github.com/rest/issues/issues#get-an-issue',
  'PATCH /repos/:owner/:repo/issues/:number': 'https://docs.github.com/rest/issues/issues#update-an-issue',
  'POST /repos/:owner/:repo/issues/:number/comments':
    'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  'GET /repos/:owner/:repo/issues/:number/comments': 'https://docs.github.com/rest/issues/comments#list-issue-comments',
  'GET /repos/:owner/:repo/issues/:number/labels':
    'https://docs.github.com/rest/issues/labels#list-labels-for-an-issue',
  'POST /repos/:owner/:repo/issues/:number/labels': 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
  'PUT /repos/:owner/:repo/issues/:number/labels': 'https://docs.github.com/rest/issues/labels#set-labels-for-an-issue',
  'DELETE /repos/:owner/:repo/issues/:number/labels/:name':
    'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
  'GET /repos/:owner/:repo/labels': 'https://docs.github.com/rest/issues/labels#list-labels-for-a-repository',
  'GET /repos/:owner/:repo/labels/:name': 'https://docs.github.com/rest/issues/labels#get-a-label',
  'POST /repos/:owner/:repo/labels': 'https://docs.github.com/rest/issues/labels#create-a-label',
  'GET /repos/:owner/:repo/git/ref/:ref*': 'https://docs.github.com/rest/git/refs#get-a-reference',
  'GET /repos/:owner/:repo/git/matching-refs/:ref*': 'https://docs.github.com/rest/git/refs#list-matching-references',
  'POST /repos/:owner/:repo/git/refs': 'https://docs.github.com/rest/git/refs#create-a-reference',
  'PATCH /repos/:owner/:repo/git/refs/:ref*': 'https://docs.github.com/rest/git/refs#update-a-reference',
  'DELETE /repos/:owner/:repo/git/refs/:ref*': 'https://docs.github.com/rest/git/refs#delete-a-reference',
  'POST /repos/:owner/:repo/git/tags': 'https://docs.github.com/rest/git/tags#create-a-tag-object',
  'GET /repos/:owner/:repo/git/tags/:sha': 'https://docs.github.com/rest/git/tags#get-a-tag',
  'POST /repos/:owner/:repo/git/commits': 'https://docs.github.com/rest/git/commits#create-a-commit',
  'POST /repos/:owner/:repo/git/trees': 'https://docs.github.com/rest/git/trees#create-a-tree',
  'GET /repos/:owner/:repo/git/trees/:sha': 'https://docs.github.com/rest/git/trees#get-a-tree',
  'GET /repos/:owner/:repo/git/commits/:sha': 'https://docs.github.com/rest/git/commits#get-a-commit-object',
  'POST /repos/:owner/:repo/actions/workflows/:workflow_id/dispatches':
    'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event',
  'GET /repos/:owner/:repo/actions/workflows':
    'https://docs.github.com/rest/actions/workflows#list-repository-workflows',
  'GET /repos/:owner/:repo/actions/workflows/:workflow_id':
    'https://docs.github.com/rest/actions/workflows#get-a-workflow',
  'GET /repos/:owner/:repo/actions/workflows/:workflow_id/runs':
    'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow',
  'GET /repos/:owner/:repo/actions/runs':
    'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository',
  'POST /repos/:owner/:repo/actions/runs/:run_id/cancel':
    'https://docs.github.com/rest/actions/workflow-runs#cancel-a-workflow-run',
  'GET /repos/:owner/:repo/actions/runs/:run_id':
    'https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run',
  'GET /repos/:owner/:repo/environments': 'https://docs.github.com/rest/deployments/environments#list-environments',
  'GET /repos/:owner/:repo/environments/:name':
    'https://docs.github.com/rest/deployments/environments#get-an-environment',
  'GET /user': 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  'GET /rate_limit':
    'https://docs.github.com/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user',
  'GET /repos/:owner/:repo': 'https://docs.github.com/rest/repos/repos#get-a-repository',
  'GET /repos/:owner/:repo/collaborators/:username/permission':
    'https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user',
  'GET /repos/:owner/:repo/commits/:ref*': 'https://docs.github.com/rest/commits/commits#get-a-commit',
  'GET /repos/:owner/:repo/compare/:basehead*': 'https://docs.github.com/rest/commits/commits#compare-two-commits',
};

/** The documentation page of `METHOD pattern`, when known. */
export function docsUrlFor(method: string, pattern: string): string | undefined {
  return DOCS_URLS[`${method.toUpperCase()} ${pattern}`];
}
