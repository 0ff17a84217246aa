/**
 * The bot scopes the app asks for, the same in manifest.yml and in the OAuth install flow: the
 * slash command, posting answers and nudges, uploading the chart, and reading whether the person
 * who clicks "Stop reminders" is a workspace admin.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'files:write', 'users:read'] as const;
