import { readFileSync } from 'node:fs';

/**
 * The environment with each `NAME_FILE` variable, for a NAME among `names`, replaced by `NAME`
 * holding that file's content (one trailing newline dropped), as Docker and Kubernetes secrets
 * are mounted; other `…_FILE` variables belong to other programs and stay. Setting both `NAME`
 * and `NAME_FILE`, or naming a file that cannot be read, is a problem to report.
 */
export function withFileVariables(
  source: Record<string, string | undefined>,
  names: ReadonlySet<string>,
): { env: Record<string, string | undefined>; problems: string[] } {
  const env = { ...source };
  const problems: string[] = [];
  for (const [variable, path] of Object.entries(source)) {
    const name = variable.slice(0, -'_FILE'.length);
    if (!variable.endsWith('_FILE') || !names.has(name) || path === undefined || path === '') continue;
    delete env[variable];
    if (source[name] !== undefined && source[name] !== '') {
      problems.push(`${name}: set both ${name} and ${variable}; keep one`);
      continue;
    }
    try {
      env[name] = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  return { env, problems };
}
