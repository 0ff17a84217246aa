import type { Kysely } from 'kysely';
import { parseInstallationRow } from './rows.ts';
import type { Tables } from './schema.ts';
import type { Installation, InstallationQuery, InstallationRepository } from './types.ts';

/** One row a workspace, or one an organisation for an org-wide install, as Bolt looks them up. */
function installationKey(query: InstallationQuery): string | undefined {
  if (query.isEnterpriseInstall) {
    return query.enterpriseId ? `enterprise:${query.enterpriseId}` : undefined;
  }

  return query.teamId ? `team:${query.teamId}` : undefined;
}

/** Bot installations; tokens are stored as Slack issued them and never logged. */
export function createInstallationRepository(db: Kysely<Tables>): InstallationRepository {
  return {
    async save(installation: Installation) {
      const key = installationKey(installation);

      if (key === undefined) {
        throw new TypeError('an installation needs a team id, or an enterprise id when org-wide');
      }

      // A reinstall replaces the token and keeps the first install's time.
      const changes = {
        team_id: installation.teamId,
        enterprise_id: installation.enterpriseId,
        is_enterprise_install: installation.isEnterpriseInstall ? 1 : 0,
        bot_token: installation.botToken,
        bot_user_id: installation.botUserId,
        bot_id: installation.botId,
        installation: JSON.stringify(installation.raw),
        updated_at: installation.installedAt.getTime(),
      };

      await db
        .insertInto('installations')
        .values({
          ...changes,
          installation_key: key,
          installed_at: installation.installedAt.getTime(),
        })
        .onConflict((conflict) => conflict.column('installation_key').doUpdateSet(changes))
        .execute();
    },

    async find(query) {
      const key = installationKey(query);

      if (key === undefined) {
        return undefined;
      }

      const row = await db
        .selectFrom('installations')
        .selectAll()
        .where('installation_key', '=', key)
        .executeTakeFirst();

      return row === undefined ? undefined : parseInstallationRow(row);
    },

    async delete(query) {
      const key = installationKey(query);

      if (key === undefined) {
        return false;
      }

      const result = await db
        .deleteFrom('installations')
        .where('installation_key', '=', key)
        .executeTakeFirst();

      return result.numDeletedRows > 0n;
    },
  };
}
