import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Node flags an npm script of the project passes (`node --x --y=z entry.ts` → [--x, --y=z]): the bench runs what is deployed. */
export function nodeFlagsOf(script: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const command = scripts[script];
  if (command === undefined) throw new Error(`package.json has no script ${script}`);
  return command.split(/\s+/).filter((word) => word.startsWith('--'));
}
