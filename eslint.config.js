// Lint configuration. The local "boundaries" rule enforces the import rules of DESIGN.md:
// domain/ is pure, platform/ knows no module, modules meet only through each other's index.ts,
// web/ talks to the server only through HTTP.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);

/** Where a file sits: { area: 'platform'|'module'|'app'|'cli'|'web'|'other', module, inDomain } */
function locate(absPath) {
  const rel = path.relative(root, absPath).split(path.sep).join('/');
  const m = /^src\/modules\/([^/]+)\/(.*)$/.exec(rel);
  if (m) return { area: 'module', module: m[1], inDomain: m[2].startsWith('domain/'), rel };
  if (rel.startsWith('src/platform/')) return { area: 'platform', rel };
  if (rel.startsWith('src/')) return { area: rel.split('/')[1], rel };
  if (rel.startsWith('web/')) return { area: 'web', rel };
  return { area: 'other', rel };
}

const DOMAIN_ALLOWED_PLATFORM = ['src/platform/money', 'src/platform/time', 'src/platform/types'];

const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = locate(context.filename);
    // *.testkit.ts: helpers only tests import (arbitraries, fixtures), held to the rules of tests.
    const isTest = /\.(test|testkit)\.tsx?$/.test(context.filename);
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) {
        if (from.area === 'module' && from.inDomain && !isTest && typeof source === 'string' && !source.startsWith('node:') && !source.startsWith('@stdlib/')) {
          context.report({ node, message: `domain/ code is pure: it may not import the package "${source}"` });
        }
        return;
      }
      const target = locate(path.resolve(path.dirname(context.filename), source));
      if (from.area === 'web' && target.area !== 'web') {
        context.report({ node, message: 'web/ talks to the server only through the API client' });
      }
      if (from.area === 'platform' && target.area === 'module') {
        context.report({ node, message: 'platform/ may not import a module' });
      }
      // app/ and cli/ assemble modules, so they meet them through index.ts like another module would;
      // their tests (like bench/ and test/) may reach into internals.
      const throughIndexOnly = from.area === 'module' || ((from.area === 'app' || from.area === 'cli') && !isTest);
      if (throughIndexOnly && target.area === 'module' && target.module !== from.module && !/^src\/modules\/[^/]+\/index\.(js|ts)$/.test(target.rel)) {
        context.report({ node, message: `import module "${target.module}" only through its index.ts` });
      }
      if (from.area === 'module') {
        if (from.inDomain) {
          const ownDomain = target.area === 'module' && target.module === from.module && target.inDomain;
          const allowed = ownDomain || DOMAIN_ALLOWED_PLATFORM.some((p) => target.rel.startsWith(p));
          if (!allowed) context.report({ node, message: 'domain/ imports only itself and platform/money, platform/time, platform/types' });
        }
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'web/dist/', 'coverage/', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { regulars: { rules: { boundaries } } },
    rules: {
      'regulars/boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
