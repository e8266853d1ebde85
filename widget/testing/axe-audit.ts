import 'axe-core/axe.min.js';
import type { AxeResults, Result, RunOptions } from 'axe-core';

/*
 * axe-core over a rendered state of the widget. axe walks open shadow roots by itself, so one run on
 * <staff-chat> covers every element inside it (popovers in the top layer too). WCAG 2.x A and AA
 * rules, colour contrast included, plus axe's best practices.
 */

declare global {
  interface Window {
    axe: { run(context: Element, options: RunOptions): Promise<AxeResults> };
  }
}

const OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  rules: {
    // Page-level rules: the widget is a part of a host page, which owns its landmarks and <h1>.
    region: { enabled: false },
    'page-has-heading-one': { enabled: false },
    'landmark-one-main': { enabled: false },
  },
  resultTypes: ['violations', 'incomplete'],
};

function describe(results: readonly Result[]): string[] {
  return results.flatMap((r) =>
    r.nodes.map((n) => `${r.id}: ${n.target.join(' >>> ')} — ${n.failureSummary ?? n.any.map((c) => c.message).join('; ')}`),
  );
}

/** axe's reason for not deciding a contrast when another element lies on top of the text. */
const COVERED = 'bgOverlap';

/**
 * Every violation in `root`'s tree, as readable lines, plus the colour-contrast checks axe could not
 * decide (an unreadable colour is a failure we want to hear about, not a shrug). With `overlay`, text
 * that an open menu or popover covers is left out of the undecided: nobody can see it then.
 */
export async function auditProblems(root: Element, { overlay = false } = {}): Promise<string[]> {
  const results = await window.axe.run(root, OPTIONS);
  const undecided = results.incomplete
    .filter((r) => r.id === 'color-contrast')
    .map((r) => ({
      ...r,
      nodes: r.nodes.filter(
        (n) => !(overlay && n.any.some((check) => (check.data as { messageKey?: string } | null)?.messageKey === COVERED)),
      ),
    }));
  return [...describe(results.violations), ...describe(undecided).map((line) => `undecided ${line}`)];
}
