import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Pure libs must stay framework-free (STYLE.md §1): enforced by package name, not folder.
const frameworkBan = {
  patterns: [
    { group: ['@nestjs/*'], message: 'libs/ are pure: no NestJS.' },
    { group: ['typeorm', 'typeorm/*'], message: 'libs/ are pure: no TypeORM.' },
    { group: ['pg', 'pg/*', 'pg-*'], message: 'libs/ are pure: no database driver.' },
    {
      group: ['class-validator', 'class-transformer'],
      message: 'libs/ are pure: validation is the app’s.',
    },
  ],
};

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
    rules: { 'no-restricted-imports': ['error', frameworkBan] },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'apps/api/test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
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
