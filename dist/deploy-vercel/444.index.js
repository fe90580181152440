export const id = 444;
export const ids = [444];
export const modules = {

/***/ 935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ formatBytes)
/* harmony export */ });
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
/**
 * Formats a byte count with decimal (SI) units, one decimal at most: 999 → "999 B", 1_200_000 → "1.2 MB",
 * 1_000_000 → "1 MB". SI because bundle budgets and CDN dashboards speak in powers of 1000.
 */
function formatBytes(bytes) {
    if (!Number.isFinite(bytes))
        return String(bytes);
    const sign = bytes < 0 ? '-' : '';
    let value = Math.abs(bytes);
    let unit = 0;
    while (value >= 1000 && unit < UNITS.length - 1) {
        value /= 1000;
        unit++;
    }
    if (unit === 0)
        return `${sign}${Math.round(value)} B`;
    let rounded = Math.round(value * 10) / 10;
    if (rounded >= 1000 && unit < UNITS.length - 1) {
        rounded = 1;
        unit++;
    }
    return `${sign}${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${UNITS[unit]}`;
}


/***/ }),

/***/ 7444:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deploySummaryLine: () => (/* binding */ deploySummaryLine),
/* harmony export */   renderDeployMarkdown: () => (/* binding */ renderDeployMarkdown),
/* harmony export */   renderPreviewComment: () => (/* binding */ renderPreviewComment),
/* harmony export */   renderPromoteMarkdown: () => (/* binding */ renderPromoteMarkdown)
/* harmony export */ });
/* harmony import */ var _core_size_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(935);
/**
 * Renders deploy and promote results for people: the job summary (Markdown tables with the URLs, per-phase timings
 * and upload numbers), a one-line log summary, and the body of the pull request comment.
 */

function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function link(text, url) {
    if (!text)
        return '—';
    return url ? `[${cell(text)}](${url})` : `\`${cell(text)}\``;
}
const ICON = {
    success: '✅',
    failure: '❌',
    refused: '⛔',
    inconclusive: '❔',
};
/** One line for the log: what was deployed where, and the numbers. */
function deploySummaryLine(outcome) {
    const d = outcome.details;
    if (outcome.outcome !== 'success')
        return `${outcome.outcome} (${outcome.reason}): ${outcome.message}`;
    const what = d.reused ? 'reused' : d.staged ? 'staged' : 'deployed';
    return `${what} ${d.deploymentId} → ${d.url} (${d.target}); ${d.filesUploaded} file(s), ${(0,_core_size_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z)(d.bytesUploaded)} uploaded of ${d.filesHashed} hashed; ${seconds(d.timings.total)}`;
}
/** The job-summary Markdown of a deploy (no heading; the adapter adds one). */
function renderDeployMarkdown(outcome, context) {
    const d = outcome.details;
    const state = d.reused
        ? 'reused (same commit already READY)'
        : d.staged
            ? 'staged — production still serves the previous deployment until promoted'
            : outcome.outcome === 'success'
                ? d.target === 'production'
                    ? 'serving production'
                    : 'ready'
                : `${outcome.outcome} (\`${outcome.reason}\`)`;
    const lines = [
        `${ICON[outcome.outcome]} **${cell(outcome.message)}**`,
        '',
        '| | |',
        '| --- | --- |',
        `| Project | \`${cell(context.project)}\` |`,
        `| Version | \`${cell(context.version)}\` |`,
        `| Target | \`${cell(d.target)}\` |`,
        `| State | ${state} |`,
        `| Deployment | ${link(d.deploymentId, d.inspectorUrl)} |`,
        `| URL | ${d.url ? `<${d.url}>` : '—'} |`,
        `| Files | ${d.filesHashed} hashed, ${d.filesUploaded} uploaded (${(0,_core_size_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z)(d.bytesUploaded)}) |`,
        '',
        '| Phase | Time |',
        '| --- | --- |',
        `| check (output, project, existing) | ${seconds(d.timings.check)} |`,
        `| hash | ${seconds(d.timings.hash)} |`,
        `| upload + create${d.attempts > 1 ? ` (${d.attempts} attempts)` : ''} | ${seconds(d.timings.upload)} |`,
        `| build (until READY) | ${seconds(d.timings.build)} |`,
        `| **total** | **${seconds(d.timings.total)}** |`,
    ];
    if (d.staged && d.deploymentId) {
        lines.push('', `Promote it with \`promote: ${d.deploymentId}\` (deploy-vercel) or \`shipline promote ${d.deploymentId}\`.`);
    }
    return lines.join('\n');
}
/** The job-summary Markdown of a promote. */
function renderPromoteMarkdown(outcome) {
    const d = outcome.details;
    return [
        `${ICON[outcome.outcome]} **${cell(outcome.message)}**`,
        '',
        '| | |',
        '| --- | --- |',
        `| Deployment | ${link(d.deploymentId, d.inspectorUrl)} |`,
        `| Deployment URL | ${d.url ? `<${d.url}>` : '—'} |`,
        `| Production | ${d.productionUrl ? `<${d.productionUrl}>` : '—'} |`,
        `| Previously serving | ${d.previousDeploymentId ? `\`${d.previousDeploymentId}\`` : '—'} |`,
        `| Serving verified | ${d.servingVerified ? 'yes (same bytes as the deployment)' : 'no'} |`,
        `| Time | switch ${seconds(d.timings.promote)}, verify ${seconds(d.timings.verify)}, total ${seconds(d.timings.total)} |`,
    ].join('\n');
}
/** The body of the sticky pull-request comment for a preview deploy (the marker is added by pr-comment.ts). */
function renderPreviewComment(outcome, context) {
    const d = outcome.details;
    const commit = `\`${context.sha.slice(0, 7)}\``;
    const run = context.runUrl ? ` · [run](${context.runUrl})` : '';
    if (outcome.outcome !== 'success') {
        return [
            `### ❌ Vercel preview failed for ${commit}`,
            '',
            cell(outcome.message),
            '',
            `${d.inspectorUrl ? `[Build logs](${d.inspectorUrl})` : ''}${run}`,
        ].join('\n');
    }
    return [
        `### ▲ Vercel preview for ${commit}`,
        '',
        '| Project | Preview | Inspect | Uploaded |',
        '| --- | --- | --- | --- |',
        `| \`${cell(context.project)}\` | ${d.url ? `<${d.url}>` : '—'} | ${d.inspectorUrl ? `[logs](${d.inspectorUrl})` : '—'} | ${d.filesUploaded} file(s), ${(0,_core_size_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z)(d.bytesUploaded)}${d.reused ? ' (reused)' : ''} |`,
        '',
        `Updated on every push${run}.`,
    ].join('\n');
}


/***/ })

};
