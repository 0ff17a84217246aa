import { OPEN_MODELS } from './catalog/open-models.ts';
import type { ClaudeModel, OpenModel } from './catalog/types.ts';
import type { QualityCaveat } from './report-types.ts';

/** The published gap between Claude and its open-weight stand-ins (reference article, 2026). */
export const PUBLISHED_GAP =
  '2-5 points behind on reasoning benchmarks, more on complex instruction following and ' +
  'tool-use schema adherence; expect prompt re-tuning and more tool-call format retries';

/** Which open models stand in for the workload's Claude tier, and whether the chosen one does. */
export function qualityCaveat(claude: ClaudeModel, chosen: OpenModel): QualityCaveat {
  const standIns = OPEN_MODELS.filter((model) => model.standsInFor.includes(claude.claudeClass));
  return {
    claudeClass: claude.claudeClass,
    standIns: standIns.map((model) => model.id),
    chosenIsStandIn: standIns.some((model) => model.id === chosen.id),
    gap: PUBLISHED_GAP,
  };
}
