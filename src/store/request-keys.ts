import type { Kysely } from 'kysely';
import type { Tables } from './schema.ts';
import type { RequestKeyRepository } from './types.ts';

/** The primary key decides who was first: one INSERT, so two instances cannot both win. */
export function createRequestKeyRepository(db: Kysely<Tables>): RequestKeyRepository {
  return {
    async firstSeen(scope, key, now) {
      const inserted = await db
        .insertInto('request_keys')
        .values({ team_id: scope.teamId, request_key: key, seen_at: now.getTime() })
        .onConflict((conflict) => conflict.columns(['team_id', 'request_key']).doNothing())
        .executeTakeFirst();

      return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },

    async forgetBefore(before) {
      const result = await db
        .deleteFrom('request_keys')
        .where('seen_at', '<', before.getTime())
        .executeTakeFirst();

      return Number(result.numDeletedRows);
    },
  };
}
