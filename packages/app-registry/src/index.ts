export { type AppDetails, type AppInput, type AppInputRaw, appFields, appInput } from './app-input.ts';
export * from './views.ts';
export * from './vocabulary.ts';
