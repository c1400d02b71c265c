// Unit tests only: pure code, no database. `npm run test:unit`, or `npx vitest run -c vitest.unit.config.ts PATH`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/domain/**/*.test.ts', 'src/platform/**/*.test.ts', 'src/modules/analytics/measures/economics.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
