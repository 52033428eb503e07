/**
 * Before any test: the production build in dist/ (what budget.spec.ts and the security checks
 * read), built once here rather than by a test, so that parallel workers never build at once.
 * The test build, dist-e2e/, is the web server's (playwright.config.ts).
 */
import { buildProductionIfNeeded } from './fixtures/dist';

export default function globalSetup(): void {
  buildProductionIfNeeded();
}
