import { createContext, useContext } from 'react';
import type { BrowserConfig } from '../server/config.ts';

export type { BrowserConfig };

export const ConfigContext = createContext<BrowserConfig | null>(null);

/** The deployment's settings (/config.json), loaded once before the app renders. */
export function useConfig(): BrowserConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('the app renders inside ConfigContext');
  return config;
}

export async function loadConfig(): Promise<BrowserConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  return (await response.json()) as BrowserConfig;
}
