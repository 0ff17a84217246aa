import type { Installation as BoltInstallation, InstallationStore } from '@slack/bolt';
import type { Installation, InstallationRepository } from '../store/index.ts';

/** Bolt's view of an installation query: a team, or an organisation for org-wide installs. */
interface Query {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}

function toQuery(query: Query) {
  return {
    teamId: query.teamId ?? null,
    enterpriseId: query.enterpriseId ?? null,
    isEnterpriseInstall: query.isEnterpriseInstall,
  };
}

/** Why an installation cannot be stored: Slack returned no bot (the app needs its bot token). */
export class InstallationWithoutBotError extends Error {
  readonly code = 'installation_without_bot';

  constructor() {
    super('The OAuth flow returned no bot token; the app installs with bot scopes only.');
    this.name = 'InstallationWithoutBotError';
  }
}

/**
 * Bolt's installation store over the app's own store, so every instance behind a load balancer
 * sees every workspace that installed the app.
 */
export function boltInstallationStore(
  installations: InstallationRepository,
  now: () => Date,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const { bot } = installation;
      if (!bot) throw new InstallationWithoutBotError();

      const record: Installation = {
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        botToken: bot.token,
        botUserId: bot.userId,
        botId: bot.id,
        installedAt: now(),
        raw: installation as unknown as Record<string, unknown>,
      };
      await installations.save(record);
    },

    async fetchInstallation(query) {
      const found = await installations.find(toQuery(query));
      if (!found) throw new Error(`no installation for team ${query.teamId ?? query.enterpriseId}`);
      return found.raw as unknown as BoltInstallation;
    },

    async deleteInstallation(query) {
      await installations.delete(toQuery(query));
    },
  };
}
