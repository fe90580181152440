export const id = 966;
export const ids = [966];
export const modules = {

/***/ 4966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  defaultConfig: () => (/* binding */ defaultConfig),
  describeValue: () => (/* binding */ describeValue),
  formatPath: () => (/* binding */ formatPath),
  loadConfig: () => (/* binding */ loadConfig),
  parseConfig: () => (/* binding */ parseConfig)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./lib/core/errors.ts
var errors = __webpack_require__(1085);
;// CONCATENATED MODULE: ./lib/config/errors.ts

/** The issue without its location: `path: message. Hint: …`. */
function describeConfigIssue(issue) {
    const path = issue.path ? `${issue.path}: ` : '';
    const hint = issue.hint ? `${/[.!?]$/.test(issue.message) ? '' : '.'} Hint: ${issue.hint}` : '';
    return `${path}${issue.message}${hint}`;
}
/** Formats one issue as `file:line:col path: message. Hint: …` (the form editors and terminals link). */
function formatConfigIssue(issue) {
    const where = [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':');
    return `${where} ${describeConfigIssue(issue)}`;
}
/**
 * The configuration could not be used. Carries every problem found at once (`issues`), so a user fixes the file
 * in one pass; `message` lists them all, one per line.
 */
class InvalidConfigError extends errors/* ConfigError */.xL {
    name = 'InvalidConfigError';
    issues;
    file;
    constructor(code, file, issues, hint) {
        const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
        super(code, `${file}: ${count}\n${issues.map((i) => `  ${formatConfigIssue(i)}`).join('\n')}`, {
            hint: hint ??
                `Fix the ${issues.length === 1 ? 'problem' : 'problems'} above; the reference is schema/shipline.schema.json.`,
        });
        this.issues = issues;
        this.file = file;
    }
}

;// CONCATENATED MODULE: ./lib/config/hints.ts
/** Field-specific advice attached to schema problems, keyed by the last path segments. */
/** A hint for the problem `code` at `path` with the offending `value`, or an empty string. */
function hintFor(path, code, value) {
    const last = String(path[path.length - 1] ?? '');
    const parent = String(path[path.length - 2] ?? '');
    if (path.length === 1 && last === 'version')
        return 'Put `version: 1` at the top of the file.';
    if (last === 'run' && parent !== '' && typeof value === 'string') {
        const words = value.trim().split(/\s+/).filter(Boolean);
        const example = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
        return `Commands run without a shell (no quoting, pipes or variables are interpreted), so give the program and its arguments as a list: run: ${example}`;
    }
    if (last === 'status' && parent === 'expect')
        return 'Use a status code such as 200, or a list such as [200, 204].';
    if (last === 'timezone')
        return 'Use a name from the tz database, e.g. Europe/Berlin, America/New_York or UTC.';
    if (last === 'max-total' || last === 'max-gzip')
        return 'Write a number of bytes or a size such as 500kB, 2MB or 1.5MiB.';
    if (last === 'lock-timeout' || last === 'statement-timeout')
        return 'Quote the value, e.g. "5s" or "15min".';
    if (last === 'from' || last === 'to')
        return 'Quote times so YAML keeps them as text: from: "18:00".';
    if (last === 'url')
        return 'Write the full URL including https://.';
    if (last === 'project-ref')
        return 'The ref is in your Supabase dashboard URL: supabase.com/dashboard/project/<ref>.';
    if (code === 'invalid_type' && value === null)
        return 'The key has no value; remove it or give it one.';
    return '';
}

// EXTERNAL MODULE: ./lib/config/schema.ts + 1 modules
var schema = __webpack_require__(9233);
;// CONCATENATED MODULE: ./lib/config/schema-walk.ts
function defOf(schema) {
    return schema._zod.def;
}
/** Strips wrappers (optional, default, prefault, nullable, pipes/transforms) down to the schema that holds structure. */
function unwrap(schema) {
    let current = schema;
    for (let i = 0; i < 20; i++) {
        const def = defOf(current);
        const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
        if (!next)
            return current;
        current = next;
    }
    return current;
}
/** The schema that validates the value at `path` (object keys, record keys, array indices), if any. */
function schemaAt(root, path) {
    let current = unwrap(root);
    for (const segment of path) {
        if (!current)
            return undefined;
        const def = defOf(current);
        if (def.type === 'object' && def.shape)
            current = def.shape[String(segment)];
        else if (def.type === 'record')
            current = def.valueType;
        else if (def.type === 'array')
            current = def.element;
        else if (def.type === 'union') {
            current = def.options?.map(unwrap).find((o) => ['object', 'record', 'array'].includes(defOf(o).type));
            if (current)
                return schemaAt(current, [segment]);
            return undefined;
        }
        else
            return undefined;
        if (current)
            current = unwrap(current);
    }
    return current;
}
/** The keys an object schema at `path` accepts (empty when the path is not an object). */
function allowedKeysAt(root, path) {
    const schema = schemaAt(root, path);
    if (!schema)
        return [];
    const def = defOf(schema);
    return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

;// CONCATENATED MODULE: ./lib/config/suggest.ts
/** Levenshtein edit distance between two strings (insertions, deletions, substitutions each cost 1). */
function editDistance(a, b) {
    if (a === b)
        return 0;
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/**
 * The candidate closest to `word` (case-insensitive, `_` and `-` treated alike), or undefined when none is close:
 * at most a third of the word's length in edits (minimum 1, maximum 3).
 */
function closestMatch(word, candidates) {
    const normal = (s) => s.toLowerCase().replace(/_/g, '-');
    const target = normal(word);
    const limit = Math.min(3, Math.max(1, Math.floor(target.length / 3)));
    let best;
    for (const candidate of candidates) {
        const distance = editDistance(target, normal(candidate));
        if (distance <= limit && (best === undefined || distance < best.distance))
            best = { candidate, distance };
    }
    return best?.candidate;
}

;// CONCATENATED MODULE: ./lib/config/loader.ts
/**
 * Reads `.github/shipline.yml`: YAML with line positions, then the zod schema. Every problem (YAML syntax, unknown
 * keys, wrong types, out-of-range values) is reported at once, each with file:line:column, the key path, what was
 * expected and what was found, and a hint.
 */








const STARTER = 'version: 1';
/** The configuration used when there is no file: every default applied. */
function defaultConfig() {
    return schema.shiplineConfigSchema.parse({ version: 1 });
}
/** Reads and validates the configuration file at `path`; throws InvalidConfigError listing every problem. */
async function loadConfig(path = schema.DEFAULT_CONFIG_PATH, options = {}) {
    const file = options.displayPath ?? path;
    const absolute = (0,external_node_path_.resolve)(options.cwd ?? '.', path);
    let text;
    try {
        text = await (0,promises_.readFile)(absolute, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' && options.allowMissing)
            return { config: defaultConfig(), file, found: false };
        const missing = code === 'ENOENT';
        throw new InvalidConfigError(missing ? 'config_missing' : 'config_unreadable', file, [
            {
                file,
                path: '',
                message: missing ? `No configuration file at ${file}` : `Cannot read ${file}: ${error.message}`,
                hint: missing
                    ? `Create ${file} starting with \`${STARTER}\` (see examples/app/.github/shipline.yml), or pass the right path.`
                    : 'Check that the path is a readable file.',
            },
        ], missing ? `Create ${file}, or point the config input/--config flag at your file.` : undefined);
    }
    return { config: parseConfig(text, file), file, found: true };
}
/** Validates YAML `text` as a configuration; `file` names it in messages. Throws InvalidConfigError. */
function parseConfig(text, file = schema.DEFAULT_CONFIG_PATH) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: true, uniqueKeys: true, merge: true });
    const position = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
    };
    if (doc.errors.length > 0) {
        const issues = doc.errors.map((error) => ({
            file,
            ...position(error.pos[0]),
            path: '',
            message: `Invalid YAML: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
            hint: yamlHint(error.code),
        }));
        throw new InvalidConfigError('config_yaml', file, issues);
    }
    if (doc.contents === null || ((0,dist/* isScalar */.jn)(doc.contents) && doc.contents.value === null)) {
        throw new InvalidConfigError('config_empty', file, [
            {
                file,
                line: 1,
                column: 1,
                path: '',
                message: 'The file is empty',
                hint: `Start from \`${STARTER}\` (every other section has defaults) or copy examples/app/.github/shipline.yml.`,
            },
        ]);
    }
    let data;
    try {
        data = doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        // e.g. an alias bomb (too many alias expansions) or an alias to an undefined anchor.
        throw new InvalidConfigError('config_yaml', file, [
            { file, line: 1, column: 1, path: '', message: `Invalid YAML: ${error.message}`, hint: yamlHint('') },
        ]);
    }
    const result = schema.shiplineConfigSchema.safeParse(data, { reportInput: true });
    if (result.success)
        return result.data;
    const issues = [];
    for (const issue of result.error.issues) {
        for (const described of describeIssue(issue)) {
            const located = locate(doc.contents, described.path, described.at);
            issues.push({
                file,
                ...(located === undefined ? {} : position(located)),
                path: formatPath(described.path),
                message: described.message,
                hint: described.hint,
            });
        }
    }
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    throw new InvalidConfigError('config_invalid', file, issues);
}
/** Turns one zod issue into messages that say what was expected and what was found. */
function describeIssue(issue) {
    const path = [...issue.path];
    const input = issue.input;
    const custom = issue.message.startsWith('Expected');
    const got = `, got ${describeValue(input)}`;
    if (input === undefined && issue.code !== 'unrecognized_keys') {
        const expected = issue.code === 'invalid_type' && !custom
            ? `expected ${typeName(issue.expected)}`
            : issue.message.replace(/^Expected/, 'expected');
        return [
            { path, at: 'value', message: `Missing required key; ${expected}`, hint: hintFor(path, issue.code, input) },
        ];
    }
    switch (issue.code) {
        case 'unrecognized_keys': {
            const allowed = allowedKeysAt(schema.shiplineConfigSchema, path);
            return issue.keys.map((key) => {
                const suggestion = closestMatch(key, allowed);
                return {
                    path: [...path, key],
                    at: 'key',
                    message: `Unknown key "${key}"`,
                    hint: suggestion
                        ? `Did you mean \`${suggestion}\`?`
                        : allowed.length > 0
                            ? `Allowed keys here: ${allowed.join(', ')}.`
                            : '',
                };
            });
        }
        case 'invalid_type': {
            const message = custom ? issue.message : `Expected ${typeName(issue.expected)}`;
            return [{ path, at: 'value', message: message + got, hint: hintFor(path, issue.code, input) }];
        }
        case 'invalid_value': {
            const values = issue.values.map((v) => JSON.stringify(v));
            const message = custom
                ? issue.message
                : `Expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}`;
            const suggestion = typeof input === 'string'
                ? closestMatch(input, issue.values.filter((v) => typeof v === 'string'))
                : undefined;
            return [
                {
                    path,
                    at: 'value',
                    message: message + got,
                    hint: suggestion ? `Did you mean \`${suggestion}\`?` : hintFor(path, issue.code, input),
                },
            ];
        }
        case 'too_small':
        case 'too_big': {
            let message = issue.message;
            if (!custom) {
                const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
                const op = issue.code === 'too_small' ? (issue.inclusive === false ? '>' : '≥') : issue.inclusive === false ? '<' : '≤';
                const what = issue.origin === 'array'
                    ? `${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} item(s)`
                    : issue.origin === 'string'
                        ? `${issue.code === 'too_small' ? 'at least' : 'at most'} ${bound} character(s)`
                        : `a number ${op} ${bound}`;
                message = `Expected ${what}`;
            }
            return [{ path, at: 'value', message: message + got, hint: hintFor(path, issue.code, input) }];
        }
        case 'invalid_union':
        case 'invalid_format':
        case 'custom':
        case 'not_multiple_of':
            return [
                {
                    path,
                    at: 'value',
                    message: (custom ? issue.message : issue.message.replace(/^Invalid input: /, '')) + got,
                    hint: hintFor(path, issue.code, input),
                },
            ];
        default:
            return [{ path, at: 'value', message: issue.message, hint: hintFor(path, issue.code, input) }];
    }
}
function typeName(expected) {
    if (expected === 'object' || expected === 'record')
        return 'a mapping (key: value)';
    if (expected === 'array' || expected === 'tuple')
        return 'a list';
    if (expected === 'int')
        return 'a whole number';
    return `a ${expected}`;
}
/** A short, quoted rendering of a user value for messages. */
function describeValue(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null (empty value)';
    if (typeof value === 'string')
        return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value))
        return `a list of ${value.length}`;
    if (typeof value === 'object')
        return 'a mapping';
    return typeof value;
}
/** `a.b[2].c`; keys that are not identifiers are quoted (`environments["eu west"]`). */
function formatPath(path) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            out += `[${segment}]`;
        else if (/^[A-Za-z_][\w-]*$/.test(String(segment)))
            out += out ? `.${String(segment)}` : String(segment);
        else
            out += `[${JSON.stringify(String(segment))}]`;
    }
    return out;
}
/** Offset in the source of the node at `path` (its key for `at: 'key'`), or of the deepest ancestor that exists. */
function locate(root, path, at) {
    let node = root;
    let best = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
        const segment = path[i];
        const last = i === path.length - 1;
        if ((0,dist/* isAlias */.Vj)(node))
            return best;
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,dist/* isPair */.tO)(p) && (0,dist/* isScalar */.jn)(p.key) && String(p.key.value) === String(segment));
            if (!pair)
                return best;
            const keyStart = rangeStart(pair.key);
            const valueStart = rangeStart(pair.value);
            if (last)
                return at === 'key' ? (keyStart ?? best) : (valueStart ?? keyStart ?? best);
            best = valueStart ?? keyStart ?? best;
            node = pair.value;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof segment === 'number') {
            const item = node.items[segment];
            if (!item)
                return best;
            best = rangeStart(item) ?? best;
            node = item;
        }
        else {
            return best;
        }
    }
    return best;
}
function rangeStart(node) {
    if (!node || !('range' in node) || !node.range)
        return undefined;
    return node.range[0];
}
function yamlHint(code) {
    switch (code) {
        case 'DUPLICATE_KEY':
            return 'Each key may appear once per mapping; merge or remove the duplicate.';
        case 'TAB_AS_INDENT':
            return 'YAML indentation must use spaces, not tabs.';
        case 'BAD_INDENT':
        case 'MISSING_CHAR':
            return 'Check the indentation and that every `key:` has a space after the colon.';
        case 'BLOCK_AS_IMPLICIT_KEY':
            return 'A value spans lines where a key was expected; check indentation and quotes.';
        default:
            return 'Check quotes, colons and indentation near this line.';
    }
}


/***/ })

};
