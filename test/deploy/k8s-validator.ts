// Runs test/deploy/k8s-validate (built once per source change into node_modules/.cache) on
// kustomization directories and returns its report: the rendered objects and every error.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ensureGoBinary } from '../support/index.ts';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

const sourceDir = fileURLToPath(new URL('./k8s-validate/', import.meta.url));

const k8sObject = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
});

export type K8sObject = z.infer<typeof k8sObject>;

const report = z.strictObject({
  renderings: z.array(
    z.strictObject({ dir: z.string(), objects: z.array(k8sObject), errors: z.array(z.string()) }),
  ),
});

export type ValidatorReport = z.infer<typeof report>;

export function buildValidator(log: (line: string) => void = () => undefined): Promise<string> {
  // One package at a time: in CI the first build runs beside the other unit tests (about a minute).
  return ensureGoBinary({ sourceDir, name: 'conveyor-k8s-validate', parallelism: 1 }, log);
}

/** Exit code 0: every rendering is valid; 1: some object or rendering is not (see `errors`). */
export function runValidator(
  binary: string,
  dirs: readonly string[],
): Promise<{ exitCode: number; report: ValidatorReport }> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      dirs,
      { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        if (exitCode !== 0 && exitCode !== 1) {
          reject(new Error(`k8s-validate failed (${String(exitCode)}): ${stderr}`, { cause: error }));
          return;
        }
        resolve({ exitCode, report: report.parse(JSON.parse(stdout)) });
      },
    );
  });
}
