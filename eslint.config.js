import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Pure libs must stay framework-free (STYLE.md §1): enforced by package name, not folder.
const frameworkPatterns = [
  { group: ['@nestjs/*'], message: 'libs/ are pure: no NestJS.' },
  { group: ['typeorm', 'typeorm/*'], message: 'libs/ are pure: no TypeORM.' },
  { group: ['pg', 'pg/*', 'pg-*'], message: 'libs/ are pure: no database driver.' },
  {
    group: ['class-validator', 'class-transformer'],
    message: 'libs/ are pure: validation is the app’s.',
  },
  { group: ['fastify/*', '@fastify/*'], message: 'libs/ are pure: no HTTP server.' },
  { group: ['pino-*'], message: 'libs/ are pure: no logger; return what happened instead.' },
];
// …and do no IO: no server, logger, processes or sockets, in tests as well.
const ioPaths = [
  { name: 'fastify', message: 'libs/ are pure: no HTTP server.' },
  { name: 'pino', message: 'libs/ are pure: no logger; return what happened instead.' },
  ...['node:child_process', 'child_process'].map((name) => ({
    name,
    message: 'libs/ are pure: no child processes.',
  })),
  ...['node:net', 'net', 'node:http', 'http'].map((name) => ({
    name,
    message: 'libs/ are pure: no sockets or HTTP.',
  })),
];
// No file system outside tests: the app reads the files and hands the lib their text. Specs and
// their helpers may read the shipped data files as fixtures.
const fsPaths = ['node:fs', 'fs', 'node:fs/promises', 'fs/promises'].map((name) => ({
  name,
  message: 'libs/ are pure: no file system; take the file’s text as a parameter.',
}));
const libTests = ['libs/**/*.spec.ts', 'libs/**/*.spec-helper.ts', 'libs/*/test/**/*.ts'];
// Same input, same output: the caller passes the clock and the randomness (tests may use them).
const deterministic = 'libs are deterministic: take the time/randomness as a parameter.';

export default tseslint.config(
  {
    ignores: [
      'apps/api/test/support/*.mjs',
      'dist/**',
      'node_modules/**',
      '.pactroom*/**',
      'coverage/**',
      'scripts/*.mjs',
      'jest.config.mjs',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-console': 'error',
    },
  },
  {
    // Decorated constructor parameters need value imports for emitDecoratorMetadata.
    files: ['apps/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...ioPaths, ...fsPaths], patterns: frameworkPatterns },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: deterministic },
        { object: 'Math', property: 'random', message: deterministic },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: deterministic,
        },
      ],
    },
  },
  {
    files: libTests,
    rules: {
      'no-restricted-imports': ['error', { paths: ioPaths, patterns: frameworkPatterns }],
      'no-restricted-properties': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'apps/api/test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The pages' own scripts run in the browser as plain JavaScript (no build step, no types):
    // linted with the JavaScript rules and the browser's globals.
    files: ['apps/api/web/assets/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, program: null },
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        crypto: 'readonly',
        TextEncoder: 'readonly',
        FileReader: 'readonly',
        URL: 'readonly',
        atob: 'readonly',
        btoa: 'readonly',
        console: 'readonly',
        htmx: 'readonly',
        Element: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        Event: 'readonly',
      },
    },
  },
  {
    // supertest bodies are untyped JSON; the assertions are the type check.
    files: ['**/*.e2e-spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
