import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

/**
 * The chaincode package ships only the contract's dependency-free core (no zod): the
 * deployed code may import `@patrec/contract` for types alone, which tsc erases.
 */
const IMPORT = /^(?:import|export)\s+(type\s+)?[^;]*?\sfrom\s+'(@patrec\/contract[^']*)'/gm;

function deployedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : deployedSources(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

describe('the deployed chaincode', () => {
  it('imports the contract at run time only through @patrec/contract/core', () => {
    const runtimeImports = deployedSources(__dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(IMPORT)]
        .filter(([, typeOnly, module]) => !typeOnly && module !== '@patrec/contract/core')
        .map(([statement]) => `${path.relative(__dirname, file)}: ${statement}`),
    );
    expect(runtimeImports).to.deep.equal([]);
  });
});
