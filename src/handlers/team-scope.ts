import type { TeamScope } from '../store/index.ts';

/** What interactive payloads say about the workspace a person acted in. */
export interface PayloadTeam {
  team: { id: string; enterprise_id?: string } | null;
  user: { team_id?: string };
  enterprise?: { id: string } | null;
}

/**
 * The team whose audits a payload may touch. Bolt has checked the request's signature, so the
 * team it names is the one Slack sent it from; an empty id finds no audit at all.
 */
export function teamScopeOf(body: PayloadTeam): TeamScope {
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  const enterpriseId = body.enterprise?.id ?? body.team?.enterprise_id ?? null;
  return { teamId, enterpriseId };
}
