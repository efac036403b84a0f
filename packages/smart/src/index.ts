export { bearerToken } from './bearer.ts';
export { type AuthEndpoints, authEndpoints, ENDPOINT_PATHS } from './endpoints.ts';
export {
  ADVERTISED_SCOPES,
  SMART_CAPABILITIES,
  type SmartConfiguration,
  type SmartConfigurationInput,
  smartConfiguration,
} from './smart-configuration.ts';
