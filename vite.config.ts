import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    // e2e/*.spec.ts belong to Playwright, not vitest.
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
