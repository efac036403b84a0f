import { openpasVitest } from './src/index.ts';

export default openpasVitest(import.meta.dirname);
