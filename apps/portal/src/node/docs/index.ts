export { type DeploymentUrls, deploymentSandbox, deploymentUrls } from './deployment.ts';
export {
  type Fetched,
  fetchJson,
  type JsonObject,
  metadataUrl,
  openidConfigurationUrl,
  readCapabilityStatement,
  readOpenidConfiguration,
  readSmartConfiguration,
  smartConfigurationUrl,
} from './discovery.ts';
export { type ExampleBundle, exampleBundle, OFFICIAL_EXAMPLES } from './example-bundle.ts';
export { docFile, docsDir, readDocMarkdown } from './markdown-files.ts';
export { type SandboxDirectory, sandboxDirectory } from './sandbox-directory.ts';
export { describeScopes, type ScopeLine, type ScopeWords, scopeWords } from './scope-words.ts';
