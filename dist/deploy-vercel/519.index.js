export const id = 519;
export const ids = [519];
export const modules = {

/***/ 6519:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   vercelSettings: () => (/* binding */ vercelSettings)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1085);

/** Merges configuration and overrides; throws ConfigError naming the input/flag or config key to fix. */
function vercelSettings(config, overrides, names) {
    const environment = overrides.environment || 'production';
    const env = config.environments[environment];
    if (!env && !overrides.target) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('unknown_environment', `Environment "${environment}" is not in the configuration (known: ${Object.keys(config.environments).join(', ')}).`, { hint: `Add it under environments: in .github/shipline.yml, or fix ${names.environment}.` });
    }
    const project = overrides.project || config.vercel.project;
    if (!project) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('vercel_project_missing', 'No Vercel project: set vercel.project in .github/shipline.yml.', {
            hint: `Or pass ${names.project} (the project name or prj_ id from the Vercel dashboard).`,
        });
    }
    let buildTimeoutMs = config.vercel['build-timeout'] * 1000;
    if (overrides.buildTimeout) {
        const seconds = Number(overrides.buildTimeout);
        if (!Number.isFinite(seconds) || seconds <= 0) {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL('input_invalid', `${names.buildTimeout} must be a positive number of seconds, got "${overrides.buildTimeout}".`, {
                hint: 'e.g. 900 for 15 minutes.',
            });
        }
        buildTimeoutMs = seconds * 1000;
    }
    return {
        environment,
        target: overrides.target || env?.['vercel-target'] || 'preview',
        project,
        teamId: overrides.teamId || config.vercel['team-id'],
        outputDir: overrides.outputDir || config.vercel['output-dir'],
        buildTimeoutMs,
        environmentUrl: env?.url,
    };
}


/***/ })

};
