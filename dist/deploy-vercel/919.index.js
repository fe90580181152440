export const id = 919;
export const ids = [919];
export const modules = {

/***/ 6919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   META: () => (/* binding */ META),
/* harmony export */   branchOf: () => (/* binding */ branchOf),
/* harmony export */   deploymentMeta: () => (/* binding */ deploymentMeta),
/* harmony export */   gitMetadata: () => (/* binding */ gitMetadata),
/* harmony export */   releaseFor: () => (/* binding */ releaseFor)
/* harmony export */ });
/* harmony import */ var _release_release_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5573);
/**
 * What Shipline writes into a Vercel deployment's `meta` and `gitMetadata`, from the GitHub context passed in as
 * plain data. `meta` is how a later run finds the deployment of a commit again (find-existing.ts).
 */

/** Meta keys Shipline sets on every deployment it creates. */
const META = {
    version: 'shiplineVersion',
    sha: 'shiplineSha',
    ref: 'shiplineRef',
    runUrl: 'shiplineRunUrl',
    actor: 'shiplineActor',
    target: 'shiplineTarget',
    /** A random value per deploy call, to recognise a deployment created by an attempt whose answer was lost. */
    attempt: 'shiplineAttempt',
};
/** The `meta` of a deployment of `release` to `target`. */
function deploymentMeta(release, git, target, attempt) {
    const meta = {
        [META.version]: release.version,
        [META.sha]: release.sha,
        [META.ref]: git.ref,
        [META.actor]: git.actor,
        [META.target]: target,
        [META.attempt]: attempt,
        // Vercel's own keys, so the dashboard links the commit as for Git-integrated deployments.
        githubCommitSha: release.sha,
        githubCommitRef: branchOf(git),
    };
    if (git.runUrl)
        meta[META.runUrl] = git.runUrl;
    if (git.repository) {
        const [org, repo] = git.repository.split('/');
        if (org && repo) {
            meta.githubCommitOrg = org;
            meta.githubCommitRepo = repo;
        }
    }
    if (git.actor)
        meta.githubCommitAuthorLogin = git.actor;
    return meta;
}
/** The short branch or tag name of the context (`main`, `v1.2.3`, the PR's head branch). */
function branchOf(git) {
    if (git.headRef)
        return git.headRef;
    return git.ref.replace(/^refs\/(heads|tags)\//, '');
}
/** `gitMetadata` for `createDeployment`, from the context. */
function gitMetadata(git) {
    return {
        commitSha: git.sha,
        commitRef: branchOf(git),
        ...(git.commitMessage ? { commitMessage: git.commitMessage } : {}),
        ...(git.commitAuthorName ? { commitAuthorName: git.commitAuthorName } : {}),
        ...(git.repository
            ? { remoteUrl: `${(git.serverUrl ?? 'https://github.com').replace(/\/$/, '')}/${git.repository}` }
            : {}),
        dirty: false,
    };
}
/**
 * The release of a deploy: an explicit version wins; else the `vX.Y.Z` tag the ref names; else `sha-<short>`.
 * Throws (ShiplineError `invalid-release`) for a bad SHA or an explicit version that is no release version.
 */
function releaseFor(sha, ref, explicitVersion) {
    if (explicitVersion)
        return (0,_release_release_js__WEBPACK_IMPORTED_MODULE_0__/* .makeRelease */ .cx)(sha, explicitVersion);
    const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
    return (0,_release_release_js__WEBPACK_IMPORTED_MODULE_0__/* .makeRelease */ .cx)(sha, tag && (0,_release_release_js__WEBPACK_IMPORTED_MODULE_0__/* .isVersionTag */ .JM)(tag) ? tag : undefined);
}


/***/ })

};
