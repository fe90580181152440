export const id = 168;
export const ids = [168];
export const modules = {

/***/ 6168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stickyMarker: () => (/* binding */ stickyMarker),
/* harmony export */   upsertStickyComment: () => (/* binding */ upsertStickyComment)
/* harmony export */ });
/* harmony import */ var _repo_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1202);

/** The hidden marker of the sticky comment named `key` (letters, digits, `:`, `.`, `_`, `-`). */
function stickyMarker(key) {
    if (!/^[\w.:-]+$/.test(key))
        throw new Error(`Invalid sticky comment key "${key}"`);
    return `<!-- shipline:${key} -->`;
}
/** Creates or updates the comment with `key`'s marker on issue/PR `issueNumber`; deletes any duplicates. */
async function upsertStickyComment(octokit, repo, issueNumber, key, body) {
    const marker = stickyMarker(key);
    const text = `${marker}\n${body}`;
    const comments = (await (0,_repo_js__WEBPACK_IMPORTED_MODULE_0__/* .call */ .T1)(`list the comments of #${issueNumber}`, repo, () => octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })));
    // Someone quoting the marker in a reply must not hijack it: prefer comments written by bots (the Actions token).
    const mine = comments.filter((c) => c.body?.startsWith(marker));
    const ordered = [...mine.filter((c) => c.user?.type === 'Bot'), ...mine.filter((c) => c.user?.type !== 'Bot')];
    const [keep, ...duplicates] = ordered;
    let result;
    if (!keep) {
        const created = await (0,_repo_js__WEBPACK_IMPORTED_MODULE_0__/* .call */ .T1)(`comment on #${issueNumber}`, repo, () => octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: text }));
        result = { action: 'created', commentId: created.data.id, url: created.data.html_url, removed: 0 };
    }
    else if (keep.body === text) {
        result = { action: 'unchanged', commentId: keep.id, url: keep.html_url, removed: 0 };
    }
    else {
        const updated = await (0,_repo_js__WEBPACK_IMPORTED_MODULE_0__/* .call */ .T1)(`update comment ${keep.id}`, repo, () => octokit.rest.issues.updateComment({ ...repo, comment_id: keep.id, body: text }));
        result = { action: 'updated', commentId: updated.data.id, url: updated.data.html_url, removed: 0 };
    }
    for (const duplicate of duplicates) {
        await (0,_repo_js__WEBPACK_IMPORTED_MODULE_0__/* .call */ .T1)(`delete duplicate comment ${duplicate.id}`, repo, () => octokit.rest.issues.deleteComment({ ...repo, comment_id: duplicate.id }));
        result.removed++;
    }
    return result;
}


/***/ })

};
