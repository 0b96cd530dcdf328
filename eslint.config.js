import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Electron configuration gates (security-test-plan EL-04): patterns that must never appear.
const electronGates = [
  {
    selector: "CallExpression[callee.property.name='setCertificateVerifyProc']",
    message: 'Never override certificate verification (EL-04).',
  },
  {
    selector: "CallExpression[callee.property.name='on'][arguments.0.value='certificate-error']",
    message: 'Never accept certificate errors (EL-04).',
  },
  {
    selector:
      "CallExpression[callee.property.name='appendSwitch'][arguments.0.value=/^(ignore-certificate-errors|disable-web-security|remote-debugging-port|host-rules|no-sandbox|allow-insecure-localhost)$/]",
    message: 'Dangerous Chromium switch (EL-04).',
  },
  {
    selector: "CallExpression[callee.property.name='exposeInMainWorld'] Identifier[name='ipcRenderer']",
    message: 'Never expose ipcRenderer to the page (E-20).',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.tmp/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Tests, scripts, benchmarks and configs drive both sides (Node, Playwright's
    // page.evaluate, jsdom), so they see both sets of globals; src/ gets its own below.
    ignores: ['src/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      // Stripping control characters from untrusted text is deliberate (CB-10, CB-21).
      'no-control-regex': 'off',
    },
  },
  // Globals by where the code runs (matching tsconfig.node.json / tsconfig.web.json): Node code
  // cannot use `window` or `document`, browser code cannot use `process` or `Buffer`, and shared
  // code only what both have.
  // no-undef is what reads these lists (typescript-eslint turns it off by default, as tsc
  // also checks names; here it keeps the lists honest). Type-only global namespaces are named.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-undef': 'error' },
  },
  {
    files: ['src/main/**/*.ts', 'src/core/**/*.ts', 'src/simulator/**/*.ts', 'src/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.node, NodeJS: 'readonly', BufferEncoding: 'readonly', RequestInit: 'readonly' } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, React: 'readonly' } },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...electronGates] },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/main/electron-adapters.ts'],
    rules: {
      // shell.openExternal only through the one validated adapter (EL-04).
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Use the validated adapter in src/main/electron-adapters.ts.' },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for the React Compiler, which this project does not use (TanStack Virtual).
      'react-hooks/incompatible-library': 'off',
      // The renderer never touches Node or Electron (docs/architecture.md, security E-2/E-20).
      // ScreenId comes from app/screen-id.ts: importing app/screens.ts from a screen is a circle.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', '**/core/**', '**/main/**', '**/simulator/**', '**/preload/**'] },
            { group: ['**/app/screens.js'], importNamePattern: '^ScreenId$', message: 'Import ScreenId from app/screen-id.ts.' },
          ],
        },
      ],
      'react/no-danger': 'off',
      'no-restricted-syntax': [
        'error',
        ...electronGates,
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML in the renderer (XSS).' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/create-core.ts'],
    rules: {
      // Core runs without Electron (docs/architecture.md import directions). Features get their
      // services from core-services.ts: importing create-core.ts, which builds them, is a circle.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/main/**', '**/simulator/**', '**/renderer/**', '**/preload/**'] },
            { group: ['**/create-core.js'], message: 'Import CoreServices from core-services.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/create-core.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['electron', '**/main/**', '**/simulator/**', '**/renderer/**', '**/preload/**'] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      // Shared runs everywhere: no Node, no Electron, no other layer.
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'electron', '**/core/**', '**/main/**', '**/simulator/**', '**/renderer/**', '**/preload/**'] },
      ],
    },
  },
  {
    files: ['src/simulator/**/*.ts'],
    rules: {
      // The simulator is a stand-alone server (also `npm run simulator`): no Electron, no app
      // layers; from core only the endpoint types it answers with (core/ports.ts).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/main/**', '**/renderer/**', '**/preload/**'] },
            { group: ['**/core/**', '!**/core/ports.js'], message: 'The simulator may only use the types in core/ports.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      // The sandboxed preload can load only `electron` and bundled shared code (E-20).
      'no-restricted-imports': ['error', { patterns: ['node:*', '**/core/**', '**/main/**', '**/simulator/**', '**/renderer/**'] }],
    },
  },
);
