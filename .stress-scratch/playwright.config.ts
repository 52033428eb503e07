import base from '../playwright.config';
export default { ...base, testDir: '.', outputDir: '/tmp/stress-scratch-out', webServer: { ...(base as any).webServer, cwd: '/work/main' } };
