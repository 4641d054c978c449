// What `check`'s printed output depends on besides the workspace: shared by the CLI and its warm
// start (out/cli.js), which serves a stored output before the analysis bundle is loaded.
import type { Severity } from '../core/types';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github' | 'csv';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'github', 'csv'];
export const FAIL_ON = ['error', 'warning', 'never'] as const;

/** Whether the text output is coloured: a terminal, and no NO_COLOR (https://no-color.org). */
export const useColor = (): boolean => process.stdout.isTTY === true && !process.env.NO_COLOR;

/**
 * The key of a printed output besides the inputs: the format, the working directory for GitHub
 * annotations (their paths are relative to it), and colour for text.
 */
export function checkView(format: CheckFormat): string {
  return `${format}\n${format === 'github' ? process.cwd() : ''}${format === 'text' && useColor() ? '\ncolor' : ''}`;
}

/** The exit code of `check` for the worst severity found (-1: none) under `--fail-on`. */
export function checkExitCode(worst: number, failOn: (typeof FAIL_ON)[number]): number {
  if (failOn === 'never') return 0;
  return worst >= SEVERITY_ORDER[failOn] ? 1 : 0;
}
