/**
 * The bot scopes the app asks for, the same in manifest.yml and in the OAuth install flow: the
 * slash command, posting answers and nudges, uploading the chart.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'files:write'] as const;
