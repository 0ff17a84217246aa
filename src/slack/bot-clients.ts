import { webApi } from '@slack/bolt';
import type { AppConfig } from '../config.ts';
import type { InstallationRepository, TeamScope } from '../store/index.ts';

type WebClient = webApi.WebClient;
type ClientOptions = webApi.WebClientOptions;

/** Work that no Slack request started (a nudge) has no token handed to it: it asks for one. */
export interface BotClients {
  /** A client with the bot token of the workspace the audit belongs to. */
  forTeam(scope: TeamScope): Promise<WebClient>;
}

/** The workspace uninstalled the app, or never installed it: nothing can be posted there. */
export class NotInstalledError extends Error {
  /** Read like Slack's own error codes, so a nudge to such a team stops for good. */
  readonly code = 'app_uninstalled';

  constructor(teamId: string) {
    super(`selfhost-check is not installed in team ${teamId}`);
    this.name = 'NotInstalledError';
  }
}

/**
 * Bot clients for background work. With one workspace's token, the app's own client; with OAuth,
 * a client per installing workspace, its token read from the store (one client a token).
 */
export function createBotClients(
  config: AppConfig,
  installations: InstallationRepository,
  defaultClient: WebClient,
  clientOptions: ClientOptions,
): BotClients {
  if (!config.oauth) return { forTeam: async () => defaultClient };

  const clients = new Map<string, WebClient>();
  return {
    async forTeam(scope) {
      const installation =
        (await installations.find({
          teamId: scope.teamId,
          enterpriseId: scope.enterpriseId,
          isEnterpriseInstall: false,
        })) ??
        (scope.enterpriseId
          ? await installations.find({
              teamId: undefined,
              enterpriseId: scope.enterpriseId,
              isEnterpriseInstall: true,
            })
          : undefined);
      if (!installation) throw new NotInstalledError(scope.teamId);

      const token = installation.botToken;
      let client = clients.get(token);
      if (!client) {
        client = new webApi.WebClient(token, clientOptions);
        clients.set(token, client);
      }
      return client;
    },
  };
}
