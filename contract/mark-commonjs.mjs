// dist/cjs holds CommonJS (for the chaincode); without this file Node would read it as ESM,
// because this package is "type": "module".
/* global URL */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const target = fileURLToPath(new URL('dist/cjs/package.json', import.meta.url));
writeFileSync(target, '{ "type": "commonjs" }\n');
