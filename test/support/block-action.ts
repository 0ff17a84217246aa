/** Button clicks as Slack sends them to the app: a signed form with one `payload` field. */

export interface ButtonClick {
  actionId: string;
  value: string;
  responseUrl: string;
  userId?: string;
  teamId?: string;
  channelId?: string;
  messageTs?: string;
}

export function buttonClickBody(click: ButtonClick): string {
  const teamId = click.teamId ?? 'T0001';
  const channelId = click.channelId ?? 'C0001';
  const messageTs = click.messageTs ?? '1764579600.000300';
  const payload = {
    type: 'block_actions',
    team: { id: teamId, domain: 'example' },
    user: { id: click.userId ?? 'U0001', username: 'reviewer', team_id: teamId },
    api_app_id: 'A0001',
    token: 'legacy-verification-token-unused',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: false,
    },
    trigger_id: '1.2.3',
    channel: { id: channelId, name: 'architecture-review' },
    message: { type: 'message', ts: messageTs, text: 'Re-audit' },
    response_url: click.responseUrl,
    actions: [
      {
        type: 'button',
        block_id: 'nudge_actions',
        action_id: click.actionId,
        text: { type: 'plain_text', text: 'button' },
        value: click.value,
        action_ts: '1764579700.000100',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
