export { buildLaunchApp, distDir } from '../../scripts/build.ts';
export { type LaunchEnv, readLaunchEnv } from '../env.ts';
export { type BrowserConfig, browserConfig } from './config.ts';
export { createLaunchServer } from './server.ts';
