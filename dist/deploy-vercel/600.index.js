export const id = 600;
export const ids = [600];
export const modules = {

/***/ 6600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkBuildOutput: () => (/* binding */ checkBuildOutput),
/* harmony export */   staticFileFor: () => (/* binding */ staticFileFor)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9017);
/**
 * Checks a prebuilt Build Output API v3 folder (what `vercel build` writes to `.vercel/output`) before any API call:
 * it must exist, sit at `<project>/.vercel/output` (Vercel reads the files under that prefix), and hold a
 * `config.json` with `"version": 3`.
 */



const HOW_TO_BUILD = 'Build it before deploying: run `vercel pull --yes --environment=<target>` and `vercel build` (add `--prod` for production) in the project, or let your framework write the Build Output API v3 folder to .vercel/output.';
function isDir(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
/** Validates `outputDir` (absolute, or relative to `cwd`); throws a VercelError (`invalid-input`) naming the fix. */
function checkBuildOutput(outputDir, cwd) {
    const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, outputDir);
    const shown = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(cwd, abs) || '.';
    if (!isDir(abs)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_missing', `The Vercel build output folder ${shown} does not exist.`, {
            reason: 'invalid-input',
            hint: HOW_TO_BUILD,
        });
    }
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(abs) !== 'output' || (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(abs)) !== '.vercel') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_location', `The build output folder ${shown} must be named .vercel/output: Vercel reads prebuilt files under that path.`, {
            reason: 'invalid-input',
            hint: 'Point vercel.output-dir (or the output-dir input) at <project>/.vercel/output.',
        });
    }
    const configPath = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, 'config.json');
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(configPath, 'utf8');
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_invalid', `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(shown, 'config.json')} is missing.`, {
            reason: 'invalid-input',
            hint: `A Build Output API v3 folder starts with config.json containing {"version": 3}. ${HOW_TO_BUILD}`,
        });
    }
    let config;
    try {
        config = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_invalid', `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(shown, 'config.json')} is not valid JSON: ${error.message}`, { reason: 'invalid-input', hint: HOW_TO_BUILD });
    }
    const version = config?.version;
    if (version !== 3) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .VercelError */ .q('build_output_invalid', `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(shown, 'config.json')} has "version": ${JSON.stringify(version ?? null)}; the Build Output API needs 3.`, { reason: 'invalid-input', hint: `Rebuild with a current Vercel CLI. ${HOW_TO_BUILD}` });
    }
    return { projectDir: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(abs)), outputDir: abs, hasFunctions: isDir((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, 'functions')) };
}
/** The static file of the output that Vercel serves at `path` (`/` → `static/index.html`), when there is one. */
function staticFileFor(outputDir, path) {
    const clean = decodeURIComponent(path.split('?')[0] ?? '/').replace(/\/+$/, '');
    if (clean.split('/').includes('..'))
        return undefined;
    const base = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(outputDir, 'static', clean);
    for (const candidate of [(0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(base, 'index.html'), `${base}.html`, base]) {
        try {
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(candidate) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(candidate).isFile())
                return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(candidate);
        }
        catch {
            // unreadable: no expectation
        }
    }
    return undefined;
}


/***/ }),

/***/ 9017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ VercelError)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1085);
/** Errors of the Vercel engine: each carries a machine-readable code and a hint for the user. */

/** A Vercel deploy or promote could not be done; `reason` is the outcome reason code adapters report. */
class VercelError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ShiplineError */ .J0 {
    name = 'VercelError';
    reason;
    /** The Vercel dashboard link of the deployment concerned, when one exists. */
    inspectorUrl;
    /** HTTP status of the answer that caused it, when it came from the API. */
    status;
    constructor(code, message, options) {
        super(code, message, { hint: options.hint, cause: options.cause });
        this.reason = options.reason;
        this.inspectorUrl = options.inspectorUrl;
        this.status = options.status;
    }
}


/***/ })

};
